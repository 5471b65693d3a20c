"""Property tests: whatever bytes or mangled plan text the reader gets, it fails only with PlanError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _plans import JINYANG, WEIFANG
from graphmodel import PlanError
from graphmodel.resolve import resolve_plan
from loaders.plan.reader import read_plan_bytes

LINES = {p.name: p.read_text(encoding="utf-8").split("\n") for p in (JINYANG, WEIFANG)}


def _read(data: bytes) -> None:
    try:
        model = resolve_plan(read_plan_bytes(data, "x.txt"))
    except PlanError as exc:
        assert str(exc).startswith("x.txt") and "\n" not in str(exc)
        return
    for entity in model.entities:
        assert entity.evidence.line >= 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_random_bytes(data):
    _read(data)


@st.composite
def mangled(draw):
    lines = list(LINES[draw(st.sampled_from(sorted(LINES)))])
    for _ in range(draw(st.integers(0, 12))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "join", "split", "swap", "dup", "cut"]))
        if op == "drop":
            del lines[i]
        elif op == "join" and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + draw(st.sampled_from(["", " "])) + lines[i + 1]]
        elif op == "split" and len(lines[i]) > 1:
            k = draw(st.integers(1, len(lines[i]) - 1))
            lines[i : i + 1] = [lines[i][:k], lines[i][k:]]
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "cut":
            lines = lines[:i]
    encoding = draw(st.sampled_from(["utf-8", "gb18030", "utf-16"]))
    return "\n".join(lines).encode(encoding)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mangled())
def test_mangled_plans(data):
    _read(data)
