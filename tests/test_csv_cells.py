"""No CSV we write runs a formula: text cells a spreadsheet would evaluate get a leading apostrophe, reversibly."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from graphmodel.cli import app
from graphmodel.csv_cells import TRIGGERS, is_escaped, neutralise, restore

runner = CliRunner()

#: The cells of the issue and their kin: a live link, a DDE command, and each trigger, ASCII and full width.
HOSTILE = ['=HYPERLINK("http://example.invalid","点击查看")', "=cmd|' /C calc'!A0", "+1 提升绿化覆盖率。",
           "-清理违法建筑。", "@全体：推进垃圾分类。", "＝整治背街小巷。", "＋新增停车位。", "－拆除违建。", "＠各居民区。"]

PLAN = "\n".join([
    "青岚区2025年城市更新重点任务责任分解表", "",
    "序号\t重点任务\t牵头单位\t配合单位",  # tab-separated: a pipe table could not hold the DDE command's |
    *[f"{n}\t{text}\t区建管委\t区财政局" for n, text in enumerate(HOSTILE, 1)],
]) + "\n"


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "青岚区城市更新责任分解表.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_every_trigger_is_neutralised_and_restored():
    for first in TRIGGERS:
        text = first + "1+1"
        assert neutralise(text) == "'" + text and is_escaped(neutralise(text)) and restore(neutralise(text)) == text
    for text in ("社区管理办", "a=b", "", "1-2", " =1", "'quoted'", "'", "'=already", "''+twice"):
        assert restore(neutralise(text)) == text
    assert neutralise("'=already") == "''=already"  # an apostrophe of its own is kept: the escape stays reversible


def _task_texts(plan) -> list[str]:
    """The tasks' text as the graph (and the JSON export) keeps it: as written."""
    exported = json.loads(runner.invoke(app, ["export", str(plan), "--format", "json"]).stdout)
    return [n["text"] for n in exported["nodes"] if n["label"] == "Task"]


def test_export_csv_neutralises_task_cells_and_keeps_numbers(plan):
    texts = _task_texts(plan)
    assert len(texts) == len(HOSTILE) and texts[0] == HOSTILE[0] and texts[3] == "-清理违法建筑。"
    result = runner.invoke(app, ["export", str(plan), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["task"] for row in rows] == ["'" + text for text in texts]
    assert [row["number"] for row in rows] == [str(n) for n in range(1, len(HOSTILE) + 1)]  # not '1
    assert all(row["line"].isdigit() for row in rows)


def test_table_csv_of_every_command_neutralises_text_not_numbers(plan, capsys):
    from graphmodel.cli.output import Column, render

    render([{"n": -3, "x": 1.5, "t": "-3", "u": ["=a", "b"]}], "csv", columns=[Column("n"), Column("x"), Column("t"),
                                                                                Column("u")])
    assert capsys.readouterr().out == "n,x,t,u\n-3,1.5,'-3,'=a;b\n"
    result = runner.invoke(app, ["audit", str(plan), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
    assert cells and not any(cell[:1] in TRIGGERS for cell in cells if cell)


def test_neo4j_admin_files_are_neutralised_with_their_restore_statements(plan, tmp_path):
    out = tmp_path / "import"
    result = runner.invoke(app, ["export", str(plan), "--format", "neo4j-admin", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "restore-escaped.cypher" in result.stderr
    with (out / "nodes_Task.csv").open(encoding="utf-8") as handle:
        tasks = list(csv.DictReader(handle))
    assert sorted(row["text"] for row in tasks) == sorted("'" + text for text in _task_texts(plan))
    assert all(row["number:long"].isdigit() for row in tasks)
    every = [cell for path in out.glob("*.csv") for row in csv.reader(path.open(encoding="utf-8")) for cell in row]
    assert not any(cell[:1] in TRIGGERS for cell in every if cell)
    restore_lines = (out / "restore-escaped.cypher").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("MATCH (n:`Task`) WHERE n.`name` =~ ") for line in restore_lines)
    clean = tmp_path / "clean"
    runner.invoke(app, ["export", "--format", "neo4j-admin", "-o", str(clean)])  # the bundled plans: nothing escaped
    assert not (clean / "restore-escaped.cypher").exists()


@pytest.mark.neo4j
def test_restore_statements_give_back_the_text_as_written(plan, tmp_path, neo4j_clean):
    """The values neo4j-admin would import from the files, then the restore file, on a real Neo4j."""
    from graphmodel import build_graph
    from graphmodel.neo4j.admin_import import write_import_files
    from graphmodel.neo4j.cypher import restore_escaped
    from loaders import read_plan

    graph = build_graph([read_plan(plan)])
    written = write_import_files(graph, tmp_path / "import")
    with (tmp_path / "import" / "nodes_Task.csv").open(encoding="utf-8") as handle:
        rows = [{"id": r["id:ID"], "name": r["name"], "aliases": ["=x", "y", "'-z"]} for r in csv.DictReader(handle)]
    driver, database = neo4j_clean.driver, neo4j_clean.database
    imported = [{**row, "aliases": [neutralise(a) for a in row["aliases"]]} for row in rows]
    driver.execute_query("UNWIND $rows AS row CREATE (t:Task) SET t = row", rows=imported, database_=database)
    statements = written["restore"] + [restore_escaped("node", "Task", "aliases", "string[]")]
    for statement in statements:
        driver.execute_query(statement.rstrip(";"), database_=database)
    got = driver.execute_query("MATCH (t:Task) RETURN t.id AS id, t.name AS name, t.aliases AS aliases",
                               database_=database).records
    expected = {n: d["name"] for n, d in graph.nodes(data=True) if d["label"] == "Task"}
    assert {r["id"]: r["name"] for r in got} == expected
    assert all(r["aliases"] == ["=x", "y", "'-z"] for r in got)
