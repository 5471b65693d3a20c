"""The ingest and export commands, run as a user runs them."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import networkx as nx
from typer.testing import CliRunner

from _plans import JINYANG, WEIFANG, graph_of
from graphmodel import to_dict
from graphmodel.cli import app

runner = CliRunner()


def test_ingest_defaults_to_bundled_plans_json():
    result = runner.invoke(app, ["ingest", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["subdistrict"]: r for r in json.loads(result.stdout)}
    assert rows["金杨新村街道"]["tasks"] == 23 and rows["金杨新村街道"]["tasks_without_lead"] == 0
    assert rows["金杨新村街道"]["officials"] == 33
    assert rows["潍坊新村街道"]["tasks"] == 16 and rows["潍坊新村街道"]["tasks_without_lead"] == 16
    assert rows["潍坊新村街道"]["officials"] == 42
    assert "附件2《项目计划表》" in result.stderr


def test_ingest_table_has_chinese_headers_and_english_on_request():
    zh = runner.invoke(app, ["ingest", str(JINYANG)])
    en = runner.invoke(app, ["ingest", str(JINYANG), "--lang", "en"])
    assert zh.exit_code == en.exit_code == 0
    assert ["发文机关", "文件", "领导", "单位", "任务"] in [ln.split()[:5] for ln in zh.stdout.splitlines()]
    assert "金杨新村街道" in zh.stdout
    assert "Officials" in en.stdout and "领导" not in en.stdout


def test_ingest_csv():
    result = runner.invoke(app, ["ingest", str(WEIFANG), "--format", "csv"])
    assert result.exit_code == 0
    header, row = result.stdout.strip().split("\n")
    assert header.split(",")[0] == "subdistrict" and row.startswith("潍坊新村街道,")


def test_export_json_is_the_graph():
    result = runner.invoke(app, ["export", str(JINYANG), str(WEIFANG)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    expected_nodes = len(graph_of(JINYANG)) + len(graph_of(WEIFANG))
    assert len(data["nodes"]) == expected_nodes
    assert len({n["id"] for n in data["nodes"]}) == expected_nodes
    for node in data["nodes"]:
        assert {"id", "label", "name", "subdistrict", "evidence"} <= set(node)
    for edge in data["edges"]:
        assert {"source", "target", "type", "evidence"} <= set(edge)
    assert data == json.loads(runner.invoke(app, ["export", str(JINYANG), str(WEIFANG)]).stdout)  # stable


def test_export_graphml_reads_back():
    result = runner.invoke(app, ["export", str(JINYANG), "--format", "graphml"])
    assert result.exit_code == 0
    g = nx.read_graphml(io.BytesIO(result.stdout.encode("utf-8")), force_multigraph=True)
    original = graph_of(JINYANG)
    assert set(g.nodes) == set(original.nodes)
    assert g.number_of_edges() == original.number_of_edges()
    assert g.nodes["金杨新村街道/Official/蔡斌"]["evidence_line"] == 266


def test_export_to_file(tmp_path):
    out = tmp_path / "g.json"
    result = runner.invoke(app, ["export", str(JINYANG), "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8")) == to_dict(graph_of(JINYANG))


def test_bad_file_is_one_line_exit_2_and_nothing_written(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "g.json"
    result = runner.invoke(app, ["export", str(JINYANG), str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = [ln for ln in result.stderr.strip().split("\n") if ln.startswith("错误")]
    assert len(lines) == 1 and "bad.txt" in lines[0] and "Traceback" not in result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]


def test_missing_and_empty_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for path, message in [(empty, "文件为空"), (tmp_path / "nope.txt", "文件不存在")]:
        result = runner.invoke(app, ["ingest", str(path)])
        assert result.exit_code == 2 and message in result.stderr and str(path.name) in result.stderr


def test_folder_of_plans(tmp_path):
    (tmp_path / "a.txt").write_bytes(JINYANG.read_bytes())
    result = runner.invoke(app, ["ingest", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0 and [r["subdistrict"] for r in json.loads(result.stdout)] == ["金杨新村街道"]
    empty_dir = tmp_path / "none"
    empty_dir.mkdir()
    assert runner.invoke(app, ["ingest", str(empty_dir)]).exit_code == 2


def test_python_dash_m_runs_without_traceback():
    result = subprocess.run([sys.executable, "-m", "graphmodel", "ingest", "/no/such/plan.txt"],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().split("\n") == ["错误：/no/such/plan.txt: 文件不存在"]


# A task table published on its own, naming no body anywhere (no masthead, signature, title or file name).
_ANONYMOUS_TABLE = "重点任务分工表\n| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n| 1 | 疏浚东沟河道。 | 区水务局 | 各街道 |\n"


def test_issuer_option_names_a_document_that_names_none(tmp_path):
    table = tmp_path / "table.txt"
    table.write_text(_ANONYMOUS_TABLE, encoding="utf-8")
    named = runner.invoke(app, ["ingest", "--issuer", "崇川区", "--format", "json", str(table)])
    assert named.exit_code == 0, named.output
    assert [(r["subdistrict"], r["tasks"]) for r in json.loads(named.stdout)] == [("崇川区", 1)]
    assert "发文机关" not in named.stderr  # the user named it: nothing to warn about
    # without --issuer it is read all the same, under the file's name, with one warning that says how to name it
    plain = runner.invoke(app, ["ingest", "--format", "json", str(table)])
    assert plain.exit_code == 0, plain.output
    assert [(r["subdistrict"], r["tasks"]) for r in json.loads(plain.stdout)] == [("table", 1)]
    assert [ln for ln in plain.stderr.splitlines() if "发文机关" in ln] == [
        f"警告：{table}:1: 文件中没有写明发文机关，按文件名“table”读取；用 --issuer 名称 指定发文机关"]
    english = runner.invoke(app, ["audit", "--lang", "en", str(table)])
    assert "give the issuer with --issuer NAME" in english.stderr


def test_issuer_option_reaches_every_command_that_reads_plans(tmp_path):
    table = tmp_path / "table.txt"
    table.write_text(_ANONYMOUS_TABLE, encoding="utf-8")
    graph = runner.invoke(app, ["export", "--format", "json", "--issuer", "南通市崇川区人民政府", str(table)])
    assert graph.exit_code == 0, graph.output
    issuers = [(n["name"], n.get("level")) for n in json.loads(graph.stdout)["nodes"] if n["label"] == "Issuer"]
    assert issuers == [("崇川区", "区")]
    shown = runner.invoke(app, ["show", "--issuer", "崇川区", "崇川区/区水务局", str(table)])
    assert shown.exit_code == 0, shown.output
    assert "疏浚东沟河道" in shown.stdout
