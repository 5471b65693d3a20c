"""``graphmodel diff OLD NEW``: table, json and csv, Chinese and English, bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from graphmodel import build_graph
from graphmodel.cli import app
from loaders import read_plans
from test_english import CJK, chinese_left

runner = CliRunner()
HERE = Path(__file__).parent / "fixtures" / "versions"
OLD, NEW = str(HERE / "district_renewal_2024.txt"), str(HERE / "district_renewal_2025.txt")
G_OLD, G_NEW = str(HERE / "town_group_2023.txt"), str(HERE / "town_group_2024.txt")


def test_table():
    result = runner.invoke(app, ["diff", OLD, NEW])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("变化：") and lines[1].split()[:4] == ["变化", "发文机关", "任务", "对象"]
    row = next(line for line in lines if line.startswith("单位角色改变"))
    assert row.split()[:6] == ["单位角色改变", "苇塘区", "任务2", "区城市更新中心", "责任部门", "配合部门"]
    assert "district_renewal_2024.txt:17（表1，第4行，第4格）" in row and "district_renewal_2025.txt:17" in row
    assert len(lines) == 2 + 11


def test_json_is_the_analysis():
    result = runner.invoke(app, ["diff", G_OLD, G_NEW, "--format", "json"])
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)
    assert [(c["kind"], c["subject"]["name"]) for c in changes][:2] == [("official-joined", "晏秋禾"),
                                                                           ("official-joined", "莫听澜")]
    after = changes[0]["evidence"]["after"]
    assert after["line"] == 8 and after["file"].endswith("town_group_2024.txt")


def test_csv():
    result = runner.invoke(app, ["diff", OLD, NEW, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    [renamed] = [r for r in rows if r["kind"] == "unit-renamed"]
    assert (renamed["before"], renamed["after"], renamed["basis"], renamed["line_before"], renamed["line_after"]) == (
        "区经信委", "区工业和信息化局", "tasks", "20", "20")
    lead = next(r for r in rows if r["kind"] == "lead-added")
    assert (lead["task_before"], lead["task_after"], lead["after"]) == ("苇塘区/Task/4", "苇塘区/Task/4", "柯望舒")


def test_no_changes_said_on_stderr():
    result = runner.invoke(app, ["diff", NEW, NEW])
    assert result.exit_code == 0
    assert "之间没有变化" in result.stderr and len(result.stdout.splitlines()) == 2  # title and header


def test_english():
    texts = []
    for f in (OLD, NEW, G_OLD, G_NEW):
        graph = build_graph(read_plans([f]))
        texts += [str(v) for _, d in graph.nodes(data=True) for v in (d.get("name"), d.get("text"), d.get("id"))]
    allowed = {run for t in texts for run in CJK.findall(t)}
    for args in (["diff", OLD, NEW], ["diff", G_OLD, G_NEW], ["diff", NEW, NEW]):
        result = runner.invoke(app, [*args, "--lang", "en"])
        assert result.exit_code == 0, result.output
        assert chinese_left(result.stdout + result.stderr, allowed, tuple(args)) == []
    result = runner.invoke(app, ["diff", OLD, NEW, "--lang", "en"])
    assert "unit's role changed" in result.stdout and "cooperating unit" in result.stdout
    assert "2 tasks in common" in result.stdout
    assert chinese_left(runner.invoke(app, ["diff", OLD, NEW]).stdout, allowed)  # the check is not blind


def test_bad_input_is_one_line_exit_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    for args in (["diff", OLD, str(tmp_path / "missing.txt")], ["diff", str(empty), NEW]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1
