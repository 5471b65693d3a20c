"""Revisions of the synthetic plans (bench/synthetic_revisions.py): ``diff`` finds every change they make, nothing else."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from graphmodel import build_graph
from graphmodel.analysis.diff import diff
from graphmodel.resolve import resolve_plan
from loaders.plan.reader import read_plan_bytes

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("synthetic_revisions", ROOT / "bench" / "synthetic_revisions.py")
revisions = sys.modules.setdefault("synthetic_revisions", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(revisions)

PAIRS = 200


def _graph(plan):
    return build_graph([resolve_plan(read_plan_bytes(plan.text.encode("utf-8"), plan.file_name))])


def _found(changes) -> Counter:
    """What diff reports, in the form of the generator's :class:`Change`."""
    out = Counter()
    for c in changes:
        task = c["task"] or {}
        number = lambda side: (task.get(side) or {}).get("number")  # noqa: E731
        value = lambda v: v["name"] if isinstance(v, dict) else v  # noqa: E731
        subject = None if c["kind"].startswith("task-") else c["subject"]["name"]
        out[(c["kind"], number("before"), number("after"), subject, _text(value(c["before"])),
             _text(value(c["after"])))] += 1
    return out


def _text(value):
    return "".join(value.split()) if isinstance(value, str) else value


def _made(revision) -> Counter:
    return Counter((c.kind, c.task_before, c.task_after, c.subject, _text(c.before), _text(c.after))
                   for c in revision.changes)


def test_diff_finds_every_change_and_nothing_else():
    wrong, kinds = [], Counter()
    for seed in range(PAIRS):
        revision = revisions.generate_revision(seed)
        found, made = _found(diff(_graph(revision.old), _graph(revision.new))), _made(revision)
        kinds.update(c.kind for c in revision.changes)
        if found != made:
            wrong.append(f"seed {seed}: missed {sorted(made - found, key=str)}, extra {sorted(found - made, key=str)}")
    assert wrong == []
    # every kind of change the generator makes is among them, many times over
    assert set(kinds) == {"task-added", "task-removed", "task-reworded", "lead-added", "lead-removed", "unit-added",
                          "unit-removed", "unit-role-changed", "official-joined", "official-left", "role-changed"}
    assert min(kinds.values()) >= 20, kinds


def test_a_revision_is_the_same_plan_a_year_later():
    r = revisions.generate_revision(11)
    old, new = r.old.truth, r.new.truth
    assert (old.subdistrict, old.title) == (new.subdistrict, new.title)
    assert int(new.date[:4]) == int(old.date[:4]) + 1 and new.number != old.number
    assert r.old.text != r.new.text and r.changes
    assert revisions.generate_revision(11).new.text == r.new.text  # deterministic


@pytest.mark.parametrize("seed", [3, 17, 42, 75])
def test_the_revision_reads_to_its_truth(seed):
    from test_synthetic import _mismatches  # the check every synthetic plan passes: header, officials, each task

    new = revisions.generate_revision(seed).new
    assert _mismatches(new) == []
    graph = _graph(new)
    tasks = [(d["number"], "".join(d["text"].split())) for _, d in graph.nodes(data=True) if d["label"] == "Task"]
    assert sorted(tasks, key=str) == sorted(((t.number, "".join(t.text.split())) for t in new.truth.tasks), key=str)
    roles = {d["name"]: d["role"] for _, d in graph.nodes(data=True) if d["label"] == "Official"}
    assert roles == {o.name: o.role for o in new.truth.officials}
