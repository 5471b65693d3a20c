"""Plans as a stream: the same answers one process or many, errors from workers as one PlanError."""

from __future__ import annotations

import functools

import pytest

from _plans import JINYANG, WEIFANG
from graphmodel import PlanError
from graphmodel.analysis.audit import audit
from graphmodel.summary import summarize
from loaders.stream import map_plans


@pytest.fixture
def folder(tmp_path):
    """Six plans of six bodies: the bundled two, renamed (the same body twice would be read once)."""
    for i in range(6):
        plan, name = (JINYANG, "金杨新村") if i % 2 else (WEIFANG, "潍坊新村")
        text = plan.read_text(encoding="utf-8").replace(name, name[:2] + "甲乙丙"[i // 2] + "村")
        (tmp_path / f"plan{i}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def test_parallel_equals_serial_and_keeps_file_order(folder):
    serial = list(map_plans([folder], summarize, workers=1))
    parallel = list(map_plans([folder], summarize, workers=2, chunksize=1))
    assert serial == parallel
    assert [rows[0]["subdistrict"] for rows, _ in serial] == [
        "潍坊甲村街道", "金杨甲村街道", "潍坊乙村街道", "金杨乙村街道", "潍坊丙村街道", "金杨丙村街道"]
    assert all(any(w.kind == "missing-attachment" and w.values["number"] == 2 for w in warnings)
               for (rows, warnings) in serial if rows[0]["subdistrict"][:2] == "潍坊")


def test_partial_functions_travel_to_workers(folder):
    fn = functools.partial(audit, kinds=["task-without-lead"])
    results = [r for r, _ in map_plans([folder], fn, workers=2, chunksize=2)]
    assert [len(r) for r in results] == [16, 0] * 3


def test_a_bad_file_in_a_worker_is_a_plan_error(folder):
    (folder / "plan3.txt").write_bytes(b"\x00\x01binary")
    with pytest.raises(PlanError) as info:
        list(map_plans([folder], summarize, workers=2, chunksize=1))
    assert str(info.value).startswith(str(folder / "plan3.txt")) or "plan3.txt" in str(info.value)
