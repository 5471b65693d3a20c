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
    for name in ("ID_CONSTRAINT", "SUBDISTRICT_INDEX", "SWEEP_NODES", "SWEEP_RELATIONSHIPS"):
        table = getattr(cypher, name)
        assert set(table) == LABELS, name
        for label, text in table.items():
            assert f"`{label}`" in text and "{label}" not in text and "{lower}" not in text, (name, text)
    assert set(cypher.NODE_ORDER) == LABELS
    for label in LABELS:  # MERGE finds a node through its label's constraint: one sub-query per label
        assert cypher.WRITE_MERGE.count(f"$nodes.`{label}`") == 1 and cypher.WRITE_MERGE.count(f"(n:`{label}`") == 1
    for text in (cypher.WRITE_NEW, cypher.WRITE_MERGE):  # labels and types of new elements are parameters
        assert text.startswith("CYPHER replan=skip\n") and "{label}" not in text
        assert "[r:$(type)]" in text and "row[2] AS type" in text
    assert "CREATE (n:$(row[0]))" in cypher.WRITE_NEW


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
