"""The README's example sessions are the program's real output (bench/readme_examples.py rebuilds them)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from _plans import ROOT

_spec = importlib.util.spec_from_file_location("readme_examples", ROOT / "bench" / "readme_examples.py")
examples = sys.modules.setdefault("readme_examples", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(examples)

README = (ROOT / "README.md").read_text(encoding="utf-8")
SESSIONS = examples.sessions(README)


def test_the_readme_has_its_sessions():
    names = [s.name for s in SESSIONS]
    assert names == ["ingest", "analyses", "diff", "across-time"]
    assert all(s.commands for s in SESSIONS)


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s.name)
def test_session_is_the_real_output(session):
    real = examples.run_session(session.commands)
    assert examples.normalise(real) == examples.normalise(session.text), (
        f"README session {session.name!r} is not what the commands print; "
        f"run `python bench/readme_examples.py --write`. The real output:\n{real}")


def test_the_comparison_sees_a_change():
    [session] = [s for s in SESSIONS if s.name == "ingest"]
    real = examples.run_session(session.commands)
    assert examples.normalise(real) == examples.normalise(real.replace("  ", "    "))  # spacing does not count
    assert examples.normalise(real.replace("33", "34")) != examples.normalise(real)  # a number does
