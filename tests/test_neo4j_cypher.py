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
    for name in ("ID_CONSTRAINT", "SUBDISTRICT_INDEX", "CREATE_NODES", "MERGE_NODES", "SWEEP_NODES",
                 "SWEEP_RELATIONSHIPS"):
        table = getattr(cypher, name)
        assert set(table) == LABELS, name
        for label, text in table.items():
            assert f"`{label}`" in text and "{label}" not in text and "{lower}" not in text, (name, text)
    for name in ("CREATE_RELATIONSHIPS", "MERGE_RELATIONSHIPS"):
        table = getattr(cypher, name)
        assert {key[0] for key in table} == RELS, name
        assert all(f"[r:`{key[0]}`]" in text and "{type}" not in text for key, text in table.items()), name


@pytest.mark.parametrize("name", ["Task`) DETACH DELETE n //", "task", "", "LEADS"])
def test_statement_refuses_names_outside_the_allow_list(name):
    with pytest.raises(Neo4jError, match="允许列表"):
        cypher.statement(cypher.CREATE_NODES, name)


def test_the_writer_builds_no_cypher_text():
    """No string literal or f-string in writer.py reads like a Cypher statement: they all come from cypher.py."""
    tree = ast.parse((PACKAGE / "writer.py").read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(n) is not None}
    texts = [node.value for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]
    assert [t for t in texts if any(k in t.upper() for k in KEYWORDS)] == []
    assert any("CREATE " in t for t in cypher.CREATE_NODES.values())  # the keywords are what statements hold


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
