"""Generated task-division documents (bench/synthetic_tables.py): the reader finds exactly their truth, fact by fact."""

from __future__ import annotations

import importlib.util
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
    }


def _truth_facts(t) -> dict:
    return {
        "number": t.number, "line": t.line, "text": t.text, "leads": [tuple(x) for x in t.leads],
        "responsible": [tuple(x) for x in t.responsible], "cooperating": [tuple(x) for x in t.cooperating],
        "goal": t.goal, "goal_inherited": t.goal_inherited,
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_task_division_document_reads_to_its_truth(seed):
    doc = synthetic_tables.generate_table(seed)
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


def test_the_generator_covers_every_form_kind_and_merged_cell():
    docs = [synthetic_tables.generate_table(seed) for seed in SEEDS]
    assert Counter(d.truth.form for d in docs).keys() == set(synthetic_tables.FORMS)
    assert Counter(d.truth.kind for d in docs).keys() == set(synthetic_tables.KINDS)
    mentions = [m for d in docs for t in d.truth.tasks for m in (*t.leads, *t.responsible, *t.cooperating)]
    assert sum(1 for m in mentions if m[2]) > 200  # inherited from a merged cell above
    assert sum(1 for d in docs for t in d.truth.tasks for m in t.leads if m[3]) > 100  # posts, no people
    assert sum(1 for d in docs for t in d.truth.tasks if t.goal_inherited) > 50
    assert Counter(d.truth.level for d in docs).keys() == set(synthetic_tables.LEVELS)
