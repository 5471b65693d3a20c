"""The Neo4j package's shape: Cypher only as named constants over the allow-list, and no driver import at start-up."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from graphmodel.errors import Neo4jError
from graphmodel.neo4j import cypher
from graphmodel.schema import LABELS, RELS

PACKAGE = Path(cypher.__file__).resolve().parent
KEYWORDS = ("MATCH ", "MERGE ", "CREATE ", "UNWIND ", "RETURN ", "DELETE ")


def test_tables_cover_exactly_the_allow_list():
    for name in ("ID_CONSTRAINT", "SUBDISTRICT_INDEX", "SWEEP_NODES", "SWEEP_RELATIONSHIPS", "CLOSE_NODES",
                 "CLOSE_RELATIONSHIPS", "STORED_SINCE_NODES", "STORED_OPEN_RELATIONSHIPS"):
        table = getattr(cypher, name)
        assert set(table) == LABELS, name
        for label, text in table.items():
            assert f"`{label}`" in text and "{label}" not in text and "{lower}" not in text, (name, text)
    assert set(cypher.NODE_ORDER) == LABELS
    for label in LABELS:  # MERGE finds a node through its label's constraint: one sub-query per label
        assert cypher.WRITE_MERGE.count(f"$nodes.`{label}`") == 1 and cypher.WRITE_MERGE.count(f"(n:`{label}`") == 1
    for text in (cypher.WRITE_NEW, cypher.WRITE_MERGE):  # labels and types of new elements are parameters
        assert text.startswith("CYPHER replan=skip\n") and "{label}" not in text
        assert "[r:$(type)" in text and "row[2] AS type" in text
    assert "CREATE (n:$(row[0]))" in cypher.WRITE_NEW
    assert "MERGE (a)-[r:$(type) {history_key: properties.history_key}]->(b)" in cypher.WRITE_MERGE  # one per fact


def test_the_writer_refuses_labels_and_types_outside_the_allow_list():
    import networkx as nx

    from graphmodel.neo4j.writer import _members_by_subdistrict, _rows

    graph = nx.MultiDiGraph()
    graph.add_node("甲/Task/1", label="Task", subdistrict="甲", name="任务")
    graph.add_node("甲/Unit/办", label="Unit", subdistrict="甲", name="办")
    graph.add_edge("甲/Unit/办", "甲/Task/1", key="RESPONSIBLE_FOR")
    rows = _rows(graph, *_members_by_subdistrict(graph)["甲"])
    assert [r["id"] for r in rows["nodes"]["Task"]] == ["甲/Task/1"]
    assert rows["rels"]["RESPONSIBLE_FOR"][0][:2] == ("甲/Unit/办", "甲/Task/1")
    graph.add_edge("甲/Unit/办", "甲/Task/1", key="OWNS`]->() DETACH DELETE a //")
    with pytest.raises(Neo4jError, match="允许列表"):
        _rows(graph, *_members_by_subdistrict(graph)["甲"])
    graph.remove_edge("甲/Unit/办", "甲/Task/1", key="OWNS`]->() DETACH DELETE a //")
    graph.nodes["甲/Task/1"]["label"] = "Evil"
    with pytest.raises(Neo4jError, match="允许列表"):
        _rows(graph, *_members_by_subdistrict(graph)["甲"])


@pytest.mark.parametrize("name", ["Task`) DETACH DELETE n //", "task", "", "LEADS"])
def test_statement_refuses_names_outside_the_allow_list(name):
    with pytest.raises(Neo4jError, match="允许列表"):
        cypher.statement(cypher.SWEEP_NODES, name)


def test_the_writer_builds_no_cypher_text():
    """No string literal or f-string in writer.py reads like a Cypher statement: they all come from cypher.py."""
    tree = ast.parse((PACKAGE / "writer.py").read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(n) is not None}
    texts = [node.value for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]
    assert [t for t in texts if any(k in t.upper() for k in KEYWORDS)] == []
    assert "CREATE " in cypher.WRITE_NEW and "MERGE " in cypher.WRITE_MERGE  # the keywords are what statements hold


def test_importing_the_cli_and_the_writer_does_not_import_the_driver():
    code = ("import sys, graphmodel.cli, graphmodel.neo4j.writer, graphmodel.neo4j.named_queries, "
            "graphmodel.neo4j.admin_import, graphmodel.neo4j.cypher; "
            "print(sorted(m for m in sys.modules if m == 'neo4j' or m.startswith('neo4j.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    loaded = subprocess.run([sys.executable, "-c", "import sys, graphmodel.neo4j.writer as w; w._driver_module(); "
                             "print('neo4j' in sys.modules)"], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "True"  # the check above could fail: the driver is there to be imported


def test_loaders_hold_readers_only():
    loaders = PACKAGE.parent.parent / "loaders"
    sources = "\n".join(p.read_text(encoding="utf-8") for p in loaders.rglob("*.py"))
    assert "import neo4j" not in sources and "from neo4j" not in sources
    assert not (loaders / "neo4j_writer.py").exists()


# --------------------------------------------------------------------------- what a read-only session refuses

REFUSED = {
    "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l": "LOAD CSV",
    "load\ncsv with headers from 'http://127.0.0.1:7474/' as l return l": "LOAD CSV",
    "LOAD/* a comment */CSV FROM 'file:///proc/self/environ' AS l RETURN l": "LOAD CSV",
    "CYPHER 5 runtime=slotted EXPLAIN LOAD CSV FROM 'x' AS l RETURN l": "LOAD CSV",
    "MATCH (t:Task) CALL (t) { LOAD CSV FROM 'file:///x' AS l RETURN l } RETURN l": "LOAD CSV",
    "SHOW TRANSACTIONS": "SHOW TRANSACTIONS",
    "SHOW TRANSACTIONS YIELD transactionId AS id TERMINATE TRANSACTIONS id": "SHOW TRANSACTIONS",
    "TERMINATE TRANSACTION 'neo4j-transaction-7'": "TERMINATE TRANSACTION",
    "USE system SHOW USERS": "SHOW USERS",
    "SHOW PRIVILEGES": "SHOW PRIVILEGES",
    "SHOW SETTINGS YIELD name, value": "SHOW SETTINGS",
    "CREATE USER intruder SET PASSWORD 'abcdefgh1'": "CREATE USER",
    "ALTER CURRENT USER SET PASSWORD FROM 'a' TO 'b'": "ALTER CURRENT USER",
    "CREATE OR REPLACE DATABASE other": "CREATE OR REPLACE DATABASE",
    "STOP DATABASE neo4j": "STOP DATABASE",
    "GRANT ROLE admin TO intruder": "GRANT",
    "CALL dbms.listConfig() YIELD name, value": "dbms.listConfig",
    "CALL `dbms`.`listConfig`()": "dbms.listConfig",
}
ALLOWED = [
    "MATCH (t:Task) WHERE t.name = 'LOAD CSV' RETURN t // TERMINATE TRANSACTIONS",
    'RETURN "it\\"s SHOW USERS" AS text, \'LOAD CSV\' AS other',
    "MATCH (n:`LOAD CSV`) RETURN n",  # a quoted name is a name
    "MATCH (grant:Task) RETURN grant.load, grant.csv",
    "CALL dbms.components()", "CALL db.labels()", "SHOW INDEXES", "SHOW RANGE INDEXES YIELD name",
    "SHOW CONSTRAINTS", "SHOW PROCEDURES", "SHOW ALL FUNCTIONS", "SHOW DATABASES", "SHOW CURRENT USER",
    "CREATE (n:Task)",  # a write: the server refuses it in a read session
]


@pytest.mark.parametrize("query, named", sorted(REFUSED.items()))
def test_read_only_refuses_what_reaches_beyond_the_graph(query, named):
    assert cypher.read_only_refusal(query) == named
    with pytest.raises(Neo4jError, match="--write") as raised:
        cypher.check_read_only(query)
    assert named in str(raised.value) and named in raised.value.message("en")


@pytest.mark.parametrize("query", ALLOWED)
def test_read_only_lets_reads_of_the_graph_through(query):
    assert cypher.read_only_refusal(query) is None
    cypher.check_read_only(query)


def test_cypher_and_query_refuse_before_connecting(tmp_path):
    """The refusal needs no server: nothing listens on the port given, yet the answer is the refusal."""
    from typer.testing import CliRunner

    from graphmodel.cli import app
    from local_neo4j import free_ports

    (port,) = free_ports(1)
    uri = ["--uri", f"bolt://127.0.0.1:{port}", "--password", "not-used-1"]
    for args in (["cypher", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l"], ["cypher", "SHOW TRANSACTIONS"]):
        result = CliRunner().invoke(app, [*args, *uri])
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.count("\n") == 1 and "只读会话不允许" in result.stderr and "--write" in result.stderr
    result = CliRunner().invoke(app, ["cypher", "SHOW USERS", "--lang", "en", *uri])
    assert result.stderr == ("error: a read-only session does not allow SHOW USERS (it reads files, URLs or other "
                             "sessions, or administers the server); add --write to run it\n")
    written = CliRunner().invoke(app, ["cypher", "SHOW USERS", "--write", *uri])  # --write: sent, and unreachable
    assert written.exit_code == 2 and "无法连接" in written.stderr


def test_in_transactions_is_found_in_code_only():
    assert cypher.in_transactions("MATCH (n) CALL (n) { DETACH DELETE n } IN 2 CONCURRENT TRANSACTIONS OF 10 ROWS")
    assert not cypher.in_transactions("MATCH (n) CALL (n) { DETACH DELETE n } RETURN 'IN TRANSACTIONS'")
