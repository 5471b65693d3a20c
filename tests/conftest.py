"""Shared pytest fixtures.

Neo4j: tests marked ``@pytest.mark.neo4j`` ask for ``neo4j_server`` (one real
server for the whole session, see ``tests/neo4j_server.py``) or
``neo4j_clean`` (the same server with an empty database).  When no server can
be had they are skipped with the reason, unless ``REQUIRE_NEO4J=1`` is set:
then they fail with it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# With --import-mode=importlib pytest does not put tests/ on sys.path by itself
# (pyproject's `pythonpath = ["tests"]` does); make sure of it here too, so the
# helper modules next to this file import however pytest is configured.
_TESTS_DIR = str(Path(__file__).resolve().parent)
if _TESTS_DIR not in sys.path:
    sys.path.insert(0, _TESTS_DIR)

from neo4j_server import Neo4jServer, Neo4jUnavailable, clean_database, open_neo4j_server  # noqa: E402

# The headless browser fixtures, registered once here: Playwright's sync API allows one instance per thread, and a
# session fixture imported into two test modules would be two fixtures, so two instances.
from browser_support import browser, chromium_path  # noqa: E402,F401


def _neo4j_required() -> bool:
    return os.environ.get("REQUIRE_NEO4J", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    """A real Neo4j server (``NEO4J_URI`` or the neo4j-harness) with a ready driver."""
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(open_neo4j_server())
        except Neo4jUnavailable as exc:
            reason = str(exc)  # skip / fail outside the except block: no chained traceback
        else:
            reason = ""
        if reason:
            if _neo4j_required():
                pytest.fail(f"REQUIRE_NEO4J=1 but no Neo4j server is available: {reason}", pytrace=False)
            pytest.skip(f"no Neo4j server available (set REQUIRE_NEO4J=1 to fail instead): {reason}")
        yield server


@pytest.fixture
def neo4j_clean(neo4j_server: Neo4jServer) -> Neo4jServer:
    """``neo4j_server`` after deleting all data, constraints and indexes of its database."""
    clean_database(neo4j_server.driver, neo4j_server.database)
    return neo4j_server
