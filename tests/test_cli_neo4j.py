"""The Neo4j commands' own messages, where no server is needed: an unknown named query, a missing driver."""

from __future__ import annotations

import sys

from typer.testing import CliRunner

from graphmodel.cli import app
from graphmodel.errors import UnknownQueryError
from graphmodel.neo4j.named_queries import get_query, list_queries

runner = CliRunner()


def test_an_unknown_named_query_says_so_and_lists_the_named_queries():
    names = [q.name for q in list_queries()]
    assert "tasks-without-assignment" in names
    zh = runner.invoke(app, ["query", "run", "nosuchquery"])
    assert zh.exit_code == 2 and zh.stdout == ""
    assert zh.stderr.strip() == f"错误：没有名为“nosuchquery”的命名查询；现有的命名查询：{'、'.join(names)}"
    en = runner.invoke(app, ["query", "run", "nosuchquery", "--lang", "en"])
    assert en.exit_code == 2
    assert en.stderr.strip() == f"error: no named query “nosuchquery”; the named queries are: {', '.join(names)}"
    try:
        get_query("nosuchquery")
    except UnknownQueryError as exc:
        assert exc.suggestions == names
    else:
        raise AssertionError("no error for an unknown query")


def test_a_missing_driver_names_installs_that_work(monkeypatch):
    monkeypatch.setitem(sys.modules, "neo4j", None)  # ``import neo4j`` now fails as if it were not installed
    zh = runner.invoke(app, ["cypher", "RETURN 1", "--uri", "bolt://127.0.0.1:9"], env={"NEO4J_PASSWORD": "x"})
    assert zh.exit_code == 2 and "Traceback" not in zh.output + zh.stderr
    assert zh.stderr.count("\n") == 1 and "没有安装 Neo4j 驱动" in zh.stderr
    assert "pip install -e '.[neo4j]'" in zh.stderr and "pip install neo4j neo4j-rust-ext" in zh.stderr
    assert "graphmodel[neo4j]" not in zh.stderr
    en = runner.invoke(app, ["cypher", "RETURN 1", "--lang", "en"], env={"NEO4J_PASSWORD": "x"})
    assert en.exit_code == 2 and en.stderr.startswith("error: the Neo4j driver is not installed: from a clone, ")
