"""A folder with a file that cannot be read: one line naming it and exit 2 by default; with --skip-unreadable the
others are read, the bad one is said in one warning line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphmodel.cli import app
from graphmodel.errors import PlanError
from loaders import read_plans
from loaders.stream import map_plans

runner = CliRunner()
LISTS = Path(__file__).parent / "fixtures" / "lists"


@pytest.fixture
def folder(tmp_path):
    for path in LISTS.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "随手记.txt").write_text("明天开会，带上材料。\n", encoding="utf-8")
    (tmp_path / "扫描件.pdf").write_bytes(b"%PDF-1.4\n%broken\n")
    return tmp_path


def test_by_default_the_first_unreadable_file_stops_the_run_and_says_how_to_go_on(folder):
    result = runner.invoke(app, ["ingest", str(folder)])
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert "随手记.txt" in line or "扫描件.pdf" in line
    assert "--skip-unreadable" in line and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["ingest"], ["audit"], ["bottlenecks"], ["show", "区房管局"],
                                     ["export", "--format", "json"]])
def test_skip_unreadable_reads_the_others(folder, command):
    result = runner.invoke(app, [*command, str(folder), "--skip-unreadable"])
    assert result.exit_code == 0, result.stderr
    skipped = [ln for ln in result.stderr.splitlines() if "已跳过" in ln]
    assert len(skipped) == 2 and any("随手记.txt" in ln for ln in skipped) and any("扫描件.pdf" in ln for ln in skipped)
    if command == ["ingest"]:
        assert {"松岭区", "竹溪乡", "梧桐里街道"} <= set(result.stdout.split())


def test_in_english_and_when_nothing_is_left(folder):
    result = runner.invoke(app, ["ingest", str(folder / "随手记.txt"), str(folder / "扫描件.pdf"),
                                 "--skip-unreadable", "--lang", "en"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert [ln.split(" ")[0] for ln in lines] == ["warning:", "warning:", "error:"]
    assert lines[-1] == "error: no file could be read (all 2 were skipped)"


def test_the_library_gives_each_unreadable_file_to_on_error(folder):
    errors: list[PlanError] = []
    models = list(read_plans([folder], on_error=errors.append))
    assert sorted(m.subdistrict for m in models) == ["松岭区", "梧桐里街道", "竹溪乡"]
    assert sorted(Path(e.file).name for e in errors) == ["扫描件.pdf", "随手记.txt"]
    with pytest.raises(PlanError):
        list(read_plans([folder]))
    # the same through worker processes (errors cross the process boundary)
    errors.clear()
    names = [r for r, _w in map_plans([folder], _issuer, workers=2, chunksize=1, on_error=errors.append)]
    assert sorted(names) == ["松岭区", "梧桐里街道", "竹溪乡"]
    assert sorted(Path(e.file).name for e in errors) == ["扫描件.pdf", "随手记.txt"]


def _issuer(graph):
    return next(d["name"] for _, d in graph.nodes(data=True) if d.get("label") == "Issuer")
