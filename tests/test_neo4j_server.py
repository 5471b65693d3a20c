"""Tests of the Neo4j test infrastructure itself (tests/neo4j_server.py, conftest.py)."""

from __future__ import annotations

import subprocess
import time

import pytest
from neo4j_server import (
    CACHE_DIR,
    Neo4jServer,
    Neo4jSettings,
    build_harness,
    clean_database,
    find_java,
    settings_from_env,
)


@pytest.mark.neo4j
def test_return_one(neo4j_server: Neo4jServer) -> None:
    records, _, _ = neo4j_server.driver.execute_query("RETURN 1 AS one", database_=neo4j_server.database)
    assert [record["one"] for record in records] == [1]


@pytest.mark.neo4j
def test_server_is_neo4j_5_26(neo4j_server: Neo4jServer) -> None:
    records, _, _ = neo4j_server.driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition",
        database_=neo4j_server.database,
    )
    kernel = {record["name"]: record for record in records}["Neo4j Kernel"]
    version = kernel["versions"][0]
    assert version.startswith("5.26."), f"expected Neo4j 5.26.x, server reports {version}"


@pytest.mark.neo4j
def test_wrong_password_is_rejected(neo4j_server: Neo4jServer) -> None:
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError

    wrong = neo4j_server.password + "-wrong"
    with (
        GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, wrong)) as driver,
        pytest.raises(AuthError),
    ):
        driver.verify_connectivity()


@pytest.mark.neo4j
def test_unknown_user_is_rejected(neo4j_server: Neo4jServer) -> None:
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError

    with (
        GraphDatabase.driver(neo4j_server.uri, auth=("nobody", neo4j_server.password)) as driver,
        pytest.raises(AuthError),
    ):
        driver.verify_connectivity()


@pytest.mark.neo4j
def test_fixture_exposes_settings(neo4j_server: Neo4jServer) -> None:
    uri, user, password, database = neo4j_server.settings
    assert (uri, user, password, database) == (
        neo4j_server.uri, neo4j_server.user, neo4j_server.password, neo4j_server.database,
    )
    assert uri.startswith(("bolt://", "neo4j://", "bolt+s://", "neo4j+s://", "bolt+ssc://", "neo4j+ssc://"))
    assert password not in repr(neo4j_server)
    with neo4j_server.session() as session:
        assert session.run("RETURN 2 AS two").single()["two"] == 2


@pytest.mark.neo4j
def test_clean_database_removes_data_and_schema(neo4j_server: Neo4jServer) -> None:
    driver, database = neo4j_server.driver, neo4j_server.database
    driver.execute_query(
        "UNWIND range(1, 25) AS i CREATE (:CleanMe {id: i})-[:NEXT]->(:CleanMe {id: -i})",
        database_=database,
    )
    driver.execute_query(
        "CREATE CONSTRAINT clean_me_id IF NOT EXISTS FOR (n:CleanMe) REQUIRE n.id IS UNIQUE",
        database_=database,
    )
    driver.execute_query("CREATE INDEX clean_me_name IF NOT EXISTS FOR (n:CleanMe) ON (n.name)", database_=database)

    clean_database(driver, database, batch_size=7)  # several batches

    assert _count_nodes(neo4j_server) == 0
    assert _user_schema(neo4j_server) == ([], [])


@pytest.mark.neo4j
def test_neo4j_clean_gives_an_empty_graph(neo4j_clean: Neo4jServer) -> None:
    assert _count_nodes(neo4j_clean) == 0
    assert _user_schema(neo4j_clean) == ([], [])
    # Leave something behind: the next test asking for neo4j_clean must not see it.
    neo4j_clean.driver.execute_query("CREATE (:Leftover)", database_=neo4j_clean.database)


@pytest.mark.neo4j
def test_neo4j_clean_again_after_leftovers(neo4j_clean: Neo4jServer) -> None:
    assert _count_nodes(neo4j_clean) == 0


@pytest.mark.neo4j
def test_harness_build_is_cached(neo4j_server: Neo4jServer) -> None:
    if neo4j_server.harness is None:
        pytest.skip("NEO4J_URI is set: the harness is not used")
    started = time.monotonic()
    build = build_harness()
    assert build.from_cache, "a second build_harness() must not call Maven"
    assert time.monotonic() - started < 5
    assert build.cache_dir.parent == CACHE_DIR
    assert neo4j_server.harness.build is not None
    assert build.classpath == neo4j_server.harness.build.classpath


@pytest.mark.neo4j
def test_launcher_reports_bad_arguments(neo4j_server: Neo4jServer) -> None:
    if neo4j_server.harness is None:
        pytest.skip("NEO4J_URI is set: the harness is not used")
    completed = subprocess.run(
        [find_java(), "-cp", build_harness().classpath, "graphmodel.harness.Launcher", "not-a-port", "password123"],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "PORT must be an integer" in completed.stderr


def test_settings_from_env_defaults() -> None:
    settings = settings_from_env({"NEO4J_URI": "bolt://db.example:7687", "NEO4J_PASSWORD": "pw-123456"})
    assert settings == Neo4jSettings("bolt://db.example:7687", "neo4j", "pw-123456", "neo4j")


def test_settings_from_env_explicit_values() -> None:
    settings = settings_from_env({
        "NEO4J_URI": " neo4j://db:7687 ",
        "NEO4J_USERNAME": "loader",
        "NEO4J_PASSWORD": "pw-123456",
        "NEO4J_DATABASE": "plans",
    })
    assert tuple(settings or ()) == ("neo4j://db:7687", "loader", "pw-123456", "plans")


def test_settings_from_env_without_uri() -> None:
    assert settings_from_env({"NEO4J_PASSWORD": "pw-123456"}) is None


def test_settings_repr_hides_password() -> None:
    settings = Neo4jSettings("bolt://localhost:7687", "neo4j", "very-secret-pw", "neo4j")
    assert "very-secret-pw" not in repr(settings)
    assert settings.auth == ("neo4j", "very-secret-pw")


def _count_nodes(server: Neo4jServer) -> int:
    records, _, _ = server.driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=server.database)
    return records[0]["n"]


def _user_schema(server: Neo4jServer) -> tuple[list[str], list[str]]:
    constraints, _, _ = server.driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=server.database)
    indexes, _, _ = server.driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name", database_=server.database
    )
    return [r["name"] for r in constraints], [r["name"] for r in indexes]
