"""CSV files for neo4j-admin: their headers, and a real ``neo4j-admin database import`` of them."""

from __future__ import annotations

import csv
import os
import re
import subprocess

import pytest

from _plans import both_plans
from graphmodel.errors import GraphModelError
from graphmodel.neo4j.admin_import import write_import_files


def test_headers_and_rows(tmp_path):
    graph = both_plans()
    written = write_import_files(graph, tmp_path / "out")
    files = {p.name for p in (tmp_path / "out").iterdir()}
    assert {name for _, name in written["nodes"] + written["relationships"]} | {"import-command.txt"} == files
    with (tmp_path / "out" / "nodes_Unit.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:2] == ["id:ID", ":LABEL"]
    assert {"evidence_line:long", "collective:boolean", "aliases:string[]"} <= set(rows[0])
    unit = next(r for r in rows if r["id:ID"] == "金杨新村街道/Unit/社区宣统文化办")
    assert set(unit["aliases:string[]"].split("|")) == {"宣统办", "宣统文化办"} and unit["collective:boolean"] == "false"
    total_rows = 0
    for _, name in written["nodes"] + written["relationships"]:
        with (tmp_path / "out" / name).open(encoding="utf-8") as fh:
            total_rows += sum(1 for _ in csv.reader(fh)) - 1
    assert total_rows == graph.number_of_nodes() + graph.number_of_edges()


def test_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "keep.txt").write_text("x")
    with pytest.raises(GraphModelError, match="不为空"):
        write_import_files(both_plans(), tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.neo4j
def test_neo4j_admin_imports_the_files(tmp_path):
    """Runs Neo4j's own import tool (from the neo4j-harness class path) on the files."""
    from neo4j_server import Neo4jUnavailable, build_harness, find_java

    try:
        classpath, java = build_harness().classpath, find_java()
    except Neo4jUnavailable as exc:
        if os.environ.get("REQUIRE_NEO4J") == "1":
            pytest.fail(f"REQUIRE_NEO4J=1 but the Neo4j tools are not available: {exc}")
        pytest.skip(f"Neo4j tools not available: {exc}")
    graph = both_plans()
    out = tmp_path / "import"
    written = write_import_files(graph, out)
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    args = [str(java), "-Xmx1g", "-cp", classpath, "org.neo4j.cli.AdminTool", "database", "import", "full", "neo4j",
            "--array-delimiter=|", "--multiline-fields=true"]
    args += [f"--nodes={out / name}" for _, name in written["nodes"]]
    args += [f"--relationships={out / name}" for _, name in written["relationships"]]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600, cwd=tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    nodes = int(re.search(r"(\d+) nodes", output).group(1))
    rels = int(re.search(r"(\d+) relationships", output).group(1))
    assert (nodes, rels) == (graph.number_of_nodes(), graph.number_of_edges())


def test_cli_writes_the_files_and_prints_the_command(tmp_path):
    from typer.testing import CliRunner

    from graphmodel.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["export", "--format", "neo4j-admin", "-o", str(tmp_path / "imp")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("neo4j-admin database import full neo4j ")
    assert "--nodes=./nodes_Task.csv" in result.stdout and (tmp_path / "imp" / "nodes_Task.csv").is_file()
    again = runner.invoke(app, ["export", "--format", "neo4j-admin", "-o", str(tmp_path / "imp")])
    assert again.exit_code == 2 and "不为空" in again.stderr
    missing = runner.invoke(app, ["export", "--format", "neo4j-admin"])
    assert missing.exit_code == 2 and "-o" in missing.stderr
