"""Generated 领导小组 notices (bench/synthetic_layouts.py): the reader finds exactly their truth, fact by fact."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from graphmodel.resolve import resolve_plan
from loaders.plan.reader import read_plan_bytes

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "synthetic_layouts.py"
_spec = importlib.util.spec_from_file_location("bench_synthetic_layouts", SCRIPT)
synthetic_layouts = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = synthetic_layouts
_spec.loader.exec_module(synthetic_layouts)

SEEDS = range(300)


def _facts(record) -> dict:
    meta = record.meta
    office = record.teams[0] if record.teams else None
    return {
        "issuer": (meta.subdistrict, meta.level),
        "header": (meta.title, meta.number, meta.date, meta.group),
        "officials": [(o.name, o.role, o.titles, o.line) for o in record.officials],
        "units": [(u.name, u.role, u.position, u.line) for u in record.member_units],
        "office": (
            office.seat.name if office and office.seat else None,
            [m.name for m in office.leads] if office else [],
            [m.name for m in office.deputies] if office else [],
            [(h.name, h.post, h.titles, h.line) for h in office.holders] if office else [],
        ),
    }


def _truth(truth) -> dict:
    return {
        "issuer": (truth.issuer, truth.level),
        "header": (truth.title, truth.number, truth.date, truth.group),
        "officials": [tuple(o) for o in truth.officials],
        "units": [tuple(u) for u in truth.units],
        "office": (truth.office_seat, truth.office_leads, truth.office_deputies, truth.office_holders),
    }


@pytest.fixture(scope="module")
def notices():
    return [synthetic_layouts.generate_notice(seed) for seed in SEEDS]


def test_the_notices_cover_every_level_and_form(notices):
    levels = Counter(n.truth.level for n in notices)
    assert set(levels) == set(synthetic_layouts.LEVELS) and min(levels.values()) >= 20
    texts = "".join(n.text for n in notices)
    for form in ("（", "(", "\u00a0", "\u3000", "文件\n", "[", "办公室设在", "主任由", "办公室主任："):
        assert form in texts, form
    assert sum(1 for n in notices if n.truth.office_holders) >= 20  # an office head who is no member
    assert sum(len(n.truth.units) for n in notices) >= 300


def test_every_fact_of_every_notice(notices):
    wrong = []
    for notice in notices:
        record = read_plan_bytes(notice.text.encode("utf-8"), notice.file_name)
        assert record.layout == "leading-group-notice"
        got, expected = _facts(record), _truth(notice.truth)
        wrong += [(notice.file_name, key, got[key], expected[key]) for key in expected if got[key] != expected[key]]
    assert wrong == []


def test_the_issuer_node_of_generated_notices(notices):
    for notice in notices[:40]:
        model = resolve_plan(read_plan_bytes(notice.text.encode("utf-8"), notice.file_name))
        (issuer,) = model.of_label("Issuer")
        assert (issuer.name, issuer.level) == (notice.truth.issuer, notice.truth.level)
        people = {o.name: o for o in model.of_label("Official")}
        assert set(people) == {o[0] for o in notice.truth.officials}
        units = {u.name for u in model.of_label("Unit")}
        assert {u[0] for u in notice.truth.units} <= units


def test_the_same_seed_gives_the_same_notice_and_the_script_writes_the_truth(tmp_path):
    assert synthetic_layouts.generate_notice(5) == synthetic_layouts.generate_notice(5)
    assert synthetic_layouts.generate_notice(5).text != synthetic_layouts.generate_notice(6).text
    assert synthetic_layouts.main([str(tmp_path), "-n", "3", "--seed", "2"]) == 0
    lines = (tmp_path / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    first = json.loads(lines[0])
    text = (tmp_path / first["file"]).read_text(encoding="utf-8")
    assert read_plan_bytes(text.encode(), first["file"]).meta.subdistrict == first["issuer"]
