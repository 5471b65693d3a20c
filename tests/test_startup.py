"""What a command's start-up imports: the heavy libraries only where the command needs them.

The times are measured in bench/benchmark.py (README, "Benchmark"); this test keeps the
imports that made ``graphmodel audit`` slow from coming back unnoticed.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

_HEAVY = ("pydantic", "annotated_types", "neo4j", "plotly", "numpy", "openpyxl", "pdfplumber", "docx", "lxml",
          "concurrent.futures.process", "multiprocessing")


def _imported_by(*argv: str) -> set[str]:
    code = ("import sys; from graphmodel.cli import main\n"
            f"sys.argv = ['graphmodel', *{list(argv)!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('MODULES', sorted(sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("MODULES "))
    return set(eval(line.removeprefix("MODULES ")))  # noqa: S307 — our own printed list


@pytest.mark.parametrize("argv", [("audit",), ("ingest",), ("bottlenecks",), ("export", "--format", "json")])
def test_per_plan_commands_on_the_bundled_plans_import_no_heavy_library(argv):
    modules = _imported_by(*argv)
    assert "loaders.plan.reader" in modules and "graphmodel.resolve" in modules  # the command did read the plans
    heavy = sorted(m for m in modules if m.split(".")[0] in _HEAVY or m in _HEAVY)
    assert heavy == []
