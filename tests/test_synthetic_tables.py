"""Generated task-division documents (bench/synthetic_tables.py): the reader finds exactly their truth, fact by fact."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from loaders.plan.reader import read_plan_bytes

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "synthetic_tables.py"
_spec = importlib.util.spec_from_file_location("bench_synthetic_tables", SCRIPT)
synthetic_tables = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = synthetic_tables
_spec.loader.exec_module(synthetic_tables)

SEEDS = range(300)


def _read(doc):
    return read_plan_bytes(doc.text.encode(), doc.file_name)


def _task_facts(task) -> dict:
    return {
        "number": task.number, "line": task.line, "text": task.text,
        "leads": [(m.name, m.line, m.inherited, m.post) for m in task.leads],
        "responsible": [(m.name, m.line, m.inherited) for m in task.responsible],
        "cooperating": [(m.name, m.line, m.inherited) for m in task.cooperating],
        "goal": task.goal, "goal_inherited": "goal" in task.inherited,
        "as_written": {"lead": [m.as_written for m in task.leads],
                       "responsible": [m.as_written for m in task.responsible],
                       "cooperating": [m.as_written for m in task.cooperating]},
    }


def _truth_facts(t) -> dict:
    return {
        "number": t.number, "line": t.line, "text": t.text, "leads": [tuple(x) for x in t.leads],
        "responsible": [tuple(x) for x in t.responsible], "cooperating": [tuple(x) for x in t.cooperating],
        "goal": t.goal, "goal_inherited": t.goal_inherited, "as_written": t.as_written,
    }


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("varied", [False, True], ids=["plain", "varied"])
def test_generated_task_division_document_reads_to_its_truth(seed, varied):
    doc = synthetic_tables.generate_table(seed, varied=varied)
    truth = doc.truth
    record = _read(doc)
    assert record.layout == "task-division"
    meta = record.meta
    assert (meta.subdistrict, meta.level, meta.title, meta.number, meta.date) == (
        truth.issuer, truth.level, truth.title, truth.number, truth.date)
    assert len(record.tasks) == len(truth.tasks)
    for task, expected in zip(record.tasks, truth.tasks):
        assert _task_facts(task) == _truth_facts(expected), f"{doc.file_name}, task {expected.number}"
    assert [(g.name, g.parent) for g in record.goals] == [tuple(g) for g in truth.goals]
    # the only warnings: a tab row stripped to one cell (a progress report) or missing its last empty cells
    assert {w.kind for w in record.warnings} <= {"tab-row-one-cell", "tab-row-short"}
    assert not record.warnings or truth.form == "tabs"
    assert varied or truth.form != "paragraphs"


def test_the_generator_covers_every_form_kind_and_merged_cell():
    docs = [synthetic_tables.generate_table(seed) for seed in SEEDS]
    varied = [synthetic_tables.generate_table(seed, varied=True) for seed in SEEDS]
    assert Counter(d.truth.form for d in docs + varied).keys() == set(synthetic_tables.FORMS)
    assert Counter(d.truth.kind for d in docs).keys() == set(synthetic_tables.KINDS)
    mentions = [m for d in docs for t in d.truth.tasks for m in (*t.leads, *t.responsible, *t.cooperating)]
    assert sum(1 for m in mentions if m[2]) > 200  # inherited from a merged cell above
    assert sum(1 for d in docs for t in d.truth.tasks for m in t.leads if m[3]) > 100  # posts, no people
    assert sum(1 for d in docs for t in d.truth.tasks if t.goal_inherited) > 50
    assert Counter(d.truth.level for d in docs).keys() == set(synthetic_tables.LEVELS)


def test_the_generator_covers_the_variety_of_real_tables():
    """Each behaviour of the real documents comes out in dozens of the generated ones, read fact by fact above."""
    docs = [synthetic_tables.generate_table(seed, varied=True) for seed in SEEDS]
    paragraphs = [d for d in docs if d.truth.form == "paragraphs"]
    assert len(paragraphs) > 50
    headers = [d.rows[0] for d in docs]
    assert sum("备注" in h for h in headers) > 60 and sum("当前进度" in h for h in headers) > 50
    assert sum(bool({"评分部门", "考核部门"} & set(h)) for h in headers) > 30  # a column naming units that is no unit's
    assert sum("项目内容" in h for h in headers) > 30
    # progress cells naming places, units with a 、 inside brackets, units wrapped before their bracket
    cells = [c for d in docs for row in d.rows[1:] for c in row]
    assert sum("%（" in c and c.endswith(("滞后）", "缓慢）", "未开工）", "偏慢）")) for c in cells) > 50
    assert sum(bool(re.search(r"（[^）]*、[^）]*）", c)) for c in cells) > 50
    assert sum(1 for d in docs for line in d.text.splitlines() if line.startswith("（") and line.endswith("）")
               or (line.startswith("（") and "）、" in line)) > 30
    # 牵头单位 beside 责任单位 (the 责任单位 units cooperate), and units marked （牵头）
    contract = [m for d in docs for t in d.truth.tasks for m in t.as_written["cooperating"]
                if m in ("责任单位", "责任部门") and "牵头单位" in d.rows[0]]
    assert len(contract) > 50
    assert sum("（牵头）" in c for c in cells) > 30
    # merged cells written once and left out of the rows below, where each cell has a line of its own
    left_out = [c for d in docs if d.truth.form in ("cells", "paragraphs") for row in d.rows[1:] if row[0].isdigit()
                for i, c in enumerate(row) if i in d.merge_down and not c]
    assert len(left_out) > 50
    assert sum(1 for d in docs for t in d.truth.tasks for m in t.leads if m[2] and d.truth.form == "paragraphs") > 50


_render_spec = importlib.util.spec_from_file_location("bench_render", SCRIPT.with_name("render.py"))
render = importlib.util.module_from_spec(_render_spec)
sys.modules[_render_spec.name] = render
_render_spec.loader.exec_module(render)


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_generated_documents_as_real_tables_read_to_the_same_truth(fmt):
    """The same documents drawn as real tables (merged cells drawn merged) give the same tasks and merged marks."""
    from loaders.plans import read_source
    from loaders.plan.reader import read_plan_source

    for seed in range(12):
        doc = synthetic_tables.generate_table(seed)
        blocks = [render.Paragraph(p) for p in doc.before] + [render.Table(tuple(doc.rows), doc.merge_down)]
        blocks += [render.Paragraph(p) for p in doc.after]
        file = f"{doc.file_name[:-4]}.{fmt}"
        record = read_plan_source(read_source(render.render(blocks, fmt), file), file)
        assert record.layout == "task-division"
        assert (record.meta.subdistrict, record.meta.title, record.meta.number) == (
            doc.truth.issuer, doc.truth.title, doc.truth.number)
        got = [([(m.name, m.inherited) for m in t.leads], [(m.name, m.inherited) for m in t.responsible],
                [(m.name, m.inherited) for m in t.cooperating], t.goal, t.number, t.text) for t in record.tasks]
        expected = [([(m[0], m[2]) for m in t.leads], [(m[0], m[2]) for m in t.responsible],
                     [(m[0], m[2]) for m in t.cooperating], t.goal, t.number, t.text) for t in doc.truth.tasks]
        assert got == expected, f"{file}"
