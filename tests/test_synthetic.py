"""The synthetic plans of the Scale benchmark (bench/synthetic.py): the reader finds exactly their truth."""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from graphmodel.model import SubdistrictModel
from graphmodel.resolve import resolve_plan
from loaders.plan.reader import read_plan_bytes

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bench" / "synthetic.py"

# bench/ is no package on sys.path: load the module from its file.
_spec = importlib.util.spec_from_file_location("bench_synthetic", SCRIPT)
synthetic = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = synthetic  # dataclasses look their module up while the class is made
_spec.loader.exec_module(synthetic)


def _read(plan) -> SubdistrictModel:
    return resolve_plan(read_plan_bytes(plan.text.encode("utf-8"), plan.file_name))


def _facts(model: SubdistrictModel) -> dict:
    """What the resolved model says, in the shape of the generator's truth."""
    names = {e.id: e.name for e in model.entities}
    into: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    serves: dict[str, set[str]] = defaultdict(set)
    for r in model.relations:
        into[r.target][r.type].add(names[r.source])
        if r.type == "SERVES":
            serves[r.source].add(names[r.target])
    (plan,) = model.of_label("Plan")
    return {
        "header": (model.subdistrict, plan.title, plan.number, plan.date, plan.printed),
        "officials": {o.name: (o.role, tuple(o.titles)) for o in model.of_label("Official")},
        "tasks": [
            {
                "number": t.number,
                "text": t.text,
                "leads": into[t.id]["LEADS"],
                "responsible": into[t.id]["RESPONSIBLE_FOR"],
                "cooperating": into[t.id]["COOPERATES_ON"],
                "accountable": into[t.id]["ACCOUNTABLE_FOR"],
                "goal": serves[t.id],
            }
            for t in model.of_label("Task")
        ],
        "streets": {s.name for s in model.of_label("Street")},
    }


def _expected(truth) -> dict:
    return {
        "header": (truth.subdistrict, truth.title, truth.number, truth.date, truth.printed),
        "officials": {o.name: (o.role, o.titles) for o in truth.officials},
        "tasks": [
            {
                "number": t.number,
                "text": t.text,
                "leads": set(t.leads),
                "responsible": {t.responsible} if t.responsible else set(),
                "cooperating": set(t.cooperating),
                "accountable": set(t.accountable),
                "goal": {t.goal} if t.goal else set(),
            }
            for t in truth.tasks
        ],
        "streets": set(truth.streets),
    }


def _mismatches(plan) -> list[str]:
    """Where the reader and the truth part, one line each (empty when they agree)."""
    got, want = _facts(_read(plan)), _expected(plan.truth)
    out = [f"{key}: read {got[key]!r}, truth {want[key]!r}" for key in ("header", "streets") if got[key] != want[key]]
    for name in sorted(set(got["officials"]) | set(want["officials"])):
        if got["officials"].get(name) != want["officials"].get(name):
            out.append(f"official {name}: read {got['officials'].get(name)}, truth {want['officials'].get(name)}")
    if len(got["tasks"]) != len(want["tasks"]):
        out.append(f"{len(got['tasks'])} tasks read, {len(want['tasks'])} in the truth")
    for k, (a, b) in enumerate(zip(got["tasks"], want["tasks"])):
        for key in a:
            if a[key] != b[key]:
                out.append(f"task #{k} (number {b['number']}) {key}: read {a[key]!r}, truth {b[key]!r}")
    return [f"seed {plan.seed}: {line}" for line in out]


# ---------------------------------------------------------------- the default layouts read exactly


@pytest.mark.parametrize("first", range(0, 300, 30))
def test_plans_read_to_exactly_their_truth(first):
    problems = []
    for seed in range(first, first + 30):
        problems += _mismatches(synthetic.generate_plan(seed))
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize(
    "options",
    [{"tasks": 1}, {"tasks": 2}, {"tasks": 60}, {"tasks": 120}, {"table": False}, {"table": False, "tasks": 1}],
    ids=["1-task", "2-tasks", "60-tasks", "120-tasks", "no-table", "no-table-1-task"],
)
def test_sizes_and_plans_without_table(options):
    problems = []
    for seed in range(1000, 1006):
        plan = synthetic.generate_plan(seed, **options)
        assert len(plan.truth.tasks) == options.get("tasks", len(plan.truth.tasks))
        problems += _mismatches(plan)
    assert not problems, "\n".join(problems[:20])


def test_the_corpus_has_what_the_genre_has():
    """Over many seeds the layouts of the bundled plans all occur, so the test above is no easy pass."""
    plans = [synthetic.generate_plan(seed) for seed in range(200)]
    text = "\n".join(p.text for p in plans)
    tasks = [t for p in plans for t in p.truth.tasks]
    tabled = [t for p in plans if p.truth.has_table for t in p.truth.tasks]
    assert all(mark in text for mark in ("组 长：", "常务副组长: ", "副 组 长：", "成 员：", "工作专班", "附件 2",
                                         "序号 一级指标 二级项目 三级内容 牵头领导 责任部门 配合部门", "（兼职）、"))
    assert any(t.number is None for t in tabled) and any(not t.leads for t in tabled)
    assert any(len(t.leads) == 2 for t in tabled) and any(not t.cooperating for t in tabled)
    assert any(t.responsible and not t.accountable for t in tabled)  # a unit no title names
    assert any("各居民区" in t.cooperating for t in tabled)
    assert any(o.role is None for p in plans for o in p.truth.officials)  # a lead outside the group
    assert {p.truth.has_table for p in plans} == {True, False}
    assert sum(len(p.truth.streets) for p in plans) > 50
    short_forms = ("管理办 ", "团委", "妇联", "城运中心", "平安办（信")
    assert all(s in text for s in short_forms)
    assert len(tasks) > 2000


# ---------------------------------------------------------------- determinism, names, files


def test_same_seed_same_plan():
    a = synthetic.generate_plan(42)
    random.seed(1)  # the global generator plays no part
    random.random()
    b = synthetic.generate_plan(42)
    assert (a.text, a.truth, a.file_name) == (b.text, b.truth, b.file_name)
    assert synthetic.generate_plan(43).text != a.text
    assert synthetic.generate_plan(42, tasks=5).text == synthetic.generate_plan(42, tasks=5).text


def test_consecutive_seeds_name_distinct_subdistricts():
    names = [synthetic.subdistrict_name(seed)[0] for seed in range(40_000)]
    assert len(set(names)) == 40_000 <= synthetic.SUBDISTRICT_CAPACITY
    assert all(n.endswith("街道") and len(n) <= 8 for n in names)


def test_write_corpus_writes_plans_and_truth(tmp_path):
    paths = synthetic.write_corpus(tmp_path / "corpus", 4, seed=3)
    assert [p.suffix for p in paths] == [".txt"] * 4 and len({p.name for p in paths}) == 4
    records = [json.loads(line) for line in (tmp_path / "corpus" / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["file"] for r in records] == [p.name for p in paths]
    assert records[0]["seed"] == 3 * synthetic.SUBDISTRICT_CAPACITY
    plan = synthetic.generate_plan(records[1]["seed"])
    assert paths[1].read_text(encoding="utf-8") == plan.text
    assert records[1]["tasks"][0]["text"] == plan.truth.tasks[0].text
    with pytest.raises(ValueError):
        synthetic.write_corpus(tmp_path / "x", synthetic.SUBDISTRICT_CAPACITY + 1)


def test_script_writes_a_corpus(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path), "-n", "3", "--seed", "1"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert len(list(tmp_path.glob("*.txt"))) == 3
    assert len((tmp_path / "truth.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_unknown_hazard_is_an_error():
    with pytest.raises(ValueError, match="unknown hazards"):
        synthetic.generate_plan(1, hard={"no-such-layout"})


# ---------------------------------------------------------------- layouts the reader misreads

# Hard layouts the reader has since learnt to read: they must stay read correctly.
READ_SINCE = {"title_wrap_at_comma", "content_line_ends_sentence", "two_leads_wrapped", "collective_then_generic",
              "content_line_starts_with_number", "cell_break_after_unit_char"}


@pytest.mark.parametrize(
    "hazard",
    [pytest.param(name, marks=() if name in READ_SINCE else
                  pytest.mark.xfail(strict=True, raises=AssertionError, reason=why))
     for name, why in synthetic.HAZARDS.items()],
)
def test_hard_layout_reads_to_its_truth(hazard):
    problems = []
    for seed in range(3):
        plan = synthetic.generate_plan(seed, hard={hazard})
        assert plan.hazards == (hazard,)
        problems += _mismatches(plan)
    assert not problems, "\n".join(problems[:20])
