"""A 领导小组 notice and a later task table from the same issuer become one graph, facts kept with both documents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphmodel import build_graph
from graphmodel.analysis.audit import audit
from graphmodel.cli import app
from loaders import read_plans

FIXTURES = Path(__file__).parent / "fixtures"
NOTICE = FIXTURES / "notices" / "town_yunxi.txt"
TASKS = FIXTURES / "multi" / "yunxi_tasks.txt"
runner = CliRunner()


@pytest.fixture
def folder(tmp_path):
    shutil.copy(NOTICE, tmp_path / "1-notice.txt")
    shutil.copy(TASKS, tmp_path / "2-tasks.txt")
    return tmp_path


def _by_name(graph, label):
    return {d["name"]: (n, d) for n, d in graph.nodes(data=True) if d["label"] == label}


def test_notice_and_task_table_are_one_graph(folder):
    notice, tasks = str(folder / "1-notice.txt"), str(folder / "2-tasks.txt")
    (model,) = read_plans([folder])
    assert model.subdistrict == "云溪镇" and model.files == [notice, tasks]
    graph = build_graph([model])
    officials = _by_name(graph, "Official")
    # roles come from the notice, the tasks they lead from the table: one node each
    node, shao = officials["邵振华"]
    assert shao["role"] == "组长"
    assert shao["evidence"]["file"] == notice and [e["file"] for e in shao["evidence"]["also"]] == [tasks]
    led = {graph.nodes[v]["number"]: graph.nodes[v]["text"] for _, v, k in graph.out_edges(node, keys=True)
           if k == "LEADS"}
    assert led == {3: "建立城市更新项目台账，按月通报进度"}
    assert officials["任晓东"][1]["role"] == "副组长" and officials["葛兰"][1]["role"] == "副组长"
    tasks_led = {graph.nodes[v]["number"] for name in ("任晓东", "葛兰")
                 for _, v, k in graph.out_edges(officials[name][0], keys=True) if k == "LEADS"}
    assert tasks_led == {1, 2}
    # the table's units are the notice's units: 规划建设办 is headed by 房文涛 (notice) and leads task 1 (table)
    units = _by_name(graph, "Unit")
    office_id, office = units["规划建设办"]
    heads = {graph.nodes[u]["name"] for u, _, k in graph.in_edges(office_id, keys=True) if k == "HEADS"}
    assert "房文涛" in heads
    responsible = {graph.nodes[v]["number"] for _, v, k in graph.out_edges(office_id, keys=True)
                   if k == "RESPONSIBLE_FOR"}
    assert responsible == {1}
    assert office["evidence"]["file"] == notice and tasks in [e["file"] for e in office["evidence"]["also"]]
    # two plans, both of the one issuer
    plans = [d for _, d in graph.nodes(data=True) if d["label"] == "Plan"]
    assert len(plans) == 2
    # every lead of the table is a member of the notice's group: no lead-not-in-group finding
    kinds = {f["kind"] if isinstance(f, dict) else f.kind for f in audit(graph)}
    assert "lead-not-in-group" not in kinds


def test_cli_says_the_documents_were_merged(folder):
    result = runner.invoke(app, ["export", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {n["subdistrict"] for n in data["nodes"]} == {"云溪镇"}
    assert "1-notice.txt" in result.stderr and "2-tasks.txt" in result.stderr
    result = runner.invoke(app, ["ingest", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["file"] == f"{folder / '1-notice.txt'} + {folder / '2-tasks.txt'}" and row["tasks"] == 3
