"""History in a real Neo4j: the 镇 fixture of tests/fixtures/history/ loaded, the three history queries compared with
NetworkX's graphs of each date, loads repeated (the same graph) and a later version loaded (what it replaces ended)."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from _history import (ADJ_LEADER, ADJ_MEMBERS, DATES, FILES, G23, GROUP, HERE, T24, T25, TABLE_2024, TABLE_2025,
                      TABLE_BEGUN, TABLE_ENDED, as_of_graph, assignments, holds, intervals, people_facts)
from graphmodel.cli import app
from loaders.plans import display_name

pytestmark = pytest.mark.neo4j
runner = CliRunner()
#: What a load keeps for itself, left out when two loads' graphs are compared.
BOOKKEEPING = {"load_hash", "loaded_at"}
QUIET = ["2023-01-01", "2024-06-30", "2026-01-01"]  # dates between (and around) the versions


def _cli(server, *args):
    result = runner.invoke(app, [*args, "--uri", server.uri, "--user", server.user, "--database", server.database],
                           env={"NEO4J_PASSWORD": server.password})
    assert result.exit_code == 0, result.output
    return result


def _load(server, *paths):
    return json.loads(_cli(server, "load", *map(str, paths), "--format", "json").stdout)


def _query(server, query, **params):
    args = [a for k, v in params.items() for a in ("--param", f"{k}={v}")]
    return json.loads(_cli(server, "query", "run", query, *args, "--format", "json").stdout)


def _snapshot(server, *, keep_bookkeeping: bool = True):
    """Every node and relationship of the database with its properties (the load's bookkeeping left out unless
    ``keep_bookkeeping``)."""
    run = lambda q: server.driver.execute_query(q, database_=server.database).records  # noqa: E731
    drop = (lambda p: p) if keep_bookkeeping else (lambda p: {k: v for k, v in p.items() if k not in BOOKKEEPING})
    freeze = lambda p: tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in drop(p).items()))  # noqa: E731
    nodes = sorted((tuple(r["l"]), freeze(r["p"])) for r in run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p"))
    rels = sorted((r["a"], r["t"], r["b"], freeze(r["p"])) for r in
                  run("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p"))
    return nodes, rels


@pytest.fixture
def loaded(neo4j_clean):
    _load(neo4j_clean, HERE)
    return neo4j_clean


def test_loading_the_same_versions_twice_gives_the_same_graph(loaded):
    first = _snapshot(loaded)
    again = _load(loaded, HERE)
    assert again["subdistricts_unchanged"] == 1 and again["nodes_written"] == 0
    assert _snapshot(loaded) == first
    forced = json.loads(_cli(loaded, "load", str(HERE), "--force", "--format", "json").stdout)
    assert (forced["nodes_created"], forced["relationships_created"], forced["nodes_deleted"],
            forced["relationships_deleted"], forced["relationships_closed"]) == (0, 0, 0, 0, 0)
    assert _snapshot(loaded) == first  # loaded_at too: what was there keeps the time it came
    nodes, rels = first
    history = json.loads(runner.invoke(app, ["export", str(HERE), "--history"]).stdout)
    assert (len(nodes), len(rels)) == (len(history["nodes"]), len(history["edges"]))
    assert all(dict(p).get("loaded_at") for _, p in nodes) and all(dict(p).get("loaded_at") for *_, p in rels)


def test_the_current_graph_is_where_valid_to_is_null(loaded):
    rows = loaded.driver.execute_query(
        "MATCH (x)-[r:LEADS|RESPONSIBLE_FOR|COOPERATES_ON]->(t:Task) WHERE r.valid_to IS NULL "
        "RETURN t.number AS number, type(r) AS relation, x.name AS name", database_=loaded.database).records
    assert {(r["number"], r["relation"], r["name"]) for r in rows} == TABLE_2025 == assignments(as_of_graph())
    ended = loaded.driver.execute_query(
        "MATCH (x)-[r:LEADS|RESPONSIBLE_FOR|COOPERATES_ON]->(t:Task) WHERE r.valid_to IS NOT NULL "
        "RETURN t.number AS number, type(r) AS relation, x.name AS name, r.valid_to AS until",
        database_=loaded.database).records
    assert {(r["number"], r["relation"], r["name"]) for r in ended} == TABLE_ENDED
    assert {r["until"] for r in ended} == {"2025-02-18"}
    # the queries that answer for the current graph do not see who left
    officials = {r["official"] for r in _query(loaded, "officials-by-load")}
    assert officials == set(GROUP["2025-02-18"]) and not {"韩照临", "卢晚舟"} & officials
    tasks = {r["number"]: (sorted(r["leads"]), sorted(r["responsible"]))
             for r in _query(loaded, "subdistrict-tasks", subdistrict="蒲湾镇")}
    assert tasks == {t: (sorted(n for tt, rel, n in TABLE_2025 if tt == t and rel == "LEADS"),
                         sorted(n for tt, rel, n in TABLE_2025 if tt == t and rel == "RESPONSIBLE_FOR"))
                     for t in range(1, 6)}


def _latest_holding(start, end):
    """The last version date on which a fact valid from ``start`` to ``end`` held: its evidence is that version's."""
    return max(d for d in DATES if holds(start, end, d))


@pytest.mark.parametrize("date", [*DATES, *QUIET])
def test_responsibility_as_of_each_date_is_networkx_answer(loaded, date):
    rows = _query(loaded, "responsibility-as-of", date=date)
    facts = {(r["number"], r["relation"], r["name"]) for r in rows}
    assert len(facts) == len(rows)
    assert facts == assignments(as_of_graph(date))  # NetworkX: the graph of the documents as they stood then
    expected = TABLE_2025 if date >= "2025-02-18" else TABLE_2024 if date >= "2024-02-26" else set()
    assert facts == expected
    for r in rows:  # each fact's evidence: the cell of the last version that held it
        version = as_of_graph(_latest_holding(r["valid_from"], r["valid_to"]))
        [evidence] = [d["evidence"] for u, v, d in version.edges(data=True)
                      if d["type"] == r["relation"] and version.nodes[u]["name"] == r["name"]
                      and version.nodes[v]["number"] == r["number"]]
        assert (r["file"], r["line"]) == (evidence["file"], evidence["line"])


@pytest.mark.parametrize(("start", "end"), [*zip(["2023-01-01", *DATES], [*DATES, "2026-01-01"]),
                                            ("2024-01-15", "2025-02-18"), ("2023-01-01", "2026-01-01")])
def test_changes_between_two_dates_are_networkx_differences(loaded, start, end):
    rows = _query(loaded, "changes-between", **{"from": start, "to": end})
    got = {(r["change"], r["date"], (r["name"], r["relation"], r["target_kind"], r["number"], r["target"], r["role"]))
           for r in rows}
    assert len(got) == len(rows)
    # NetworkX: every fact of the graph of each version date in the window against the version before
    dates = [d for d in DATES if start < d <= end]
    expected = set()
    for date in dates:
        before = DATES.index(date)
        old = set(people_facts(as_of_graph(DATES[before - 1]))) if before else set()
        new = set(people_facts(as_of_graph(date)))
        expected |= {("added", date, f) for f in new - old} | {("removed", date, f) for f in old - new}
    assert got == expected
    if (start, end) == ("2024-08-20", "2025-02-18"):  # the second table: three tasks move unit, one lead changes
        tasks = {(c, (f[3], f[1], f[0])) for c, _, f in got if f[1] in ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON")}
        assert tasks == {("removed", t) for t in TABLE_ENDED} | {("added", t) for t in TABLE_BEGUN}
    if (start, end) == ("2023-03-08", "2024-01-15"):
        assert {(c, f[0], f[1], f[5]) for c, _, f in got if f[1] == "MEMBER_OF"} == {
            ("removed", "韩照临", "MEMBER_OF", "组长"), ("removed", "苏映雪", "MEMBER_OF", "副组长"),
            ("added", "苏映雪", "MEMBER_OF", "组长")}


@pytest.mark.parametrize("name", ["苏映雪", "严启明", "韩照临", "卢晚舟", "温若谷", "祁青禾"])
def test_official_history_is_networkx_answer_over_the_dates(loaded, name):
    rows = _query(loaded, "official-history", name=name)
    got = {((r["official"], r["relation"], r["target_kind"], r["number"], r["target"], r["role"]),
            r["valid_from"], r["valid_to"]) for r in rows}
    assert len(got) == len(rows)
    networkx = intervals({d: {f for f in people_facts(as_of_graph(d)) if f[0] == name} for d in DATES})
    assert got == networkx and got
    assert [r["valid_from"] for r in rows] == sorted(r["valid_from"] for r in rows)
    for r in rows:
        assert r["file"] and r["line"] > 0
    if name == "苏映雪":
        memberships = {(r["role"], r["valid_from"], r["valid_to"]) for r in rows if r["relation"] == "MEMBER_OF"}
        assert memberships == {("副组长", "2023-03-08", "2024-01-15"), ("组长", "2024-01-15", None)}
        leads = {(r["number"], r["valid_from"], r["valid_to"]) for r in rows if r["relation"] == "LEADS"}
        assert leads == {(3, "2024-02-26", None), (4, "2024-02-26", None), (5, "2025-02-18", None)}
    if name == "严启明":
        leads = {(r["number"], r["valid_from"], r["valid_to"]) for r in rows if r["relation"] == "LEADS"}
        assert leads == {(1, "2024-02-26", None), (2, "2024-02-26", None), (5, "2024-02-26", "2025-02-18")}


def _folder(tmp_path, name, files):
    folder = tmp_path / name
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f.name)
    return folder


def test_a_later_load_ends_what_it_replaces_and_gives_the_graph_of_one_load(neo4j_clean, tmp_path):
    """The documents up to 2024 loaded, then all of them: the same graph as all of them loaded at once."""
    early = _folder(tmp_path, "early", [G23, ADJ_LEADER, T24, ADJ_MEMBERS])
    later = _folder(tmp_path, "later", FILES)
    _load(neo4j_clean, later)
    all_at_once = _snapshot(neo4j_clean, keep_bookkeeping=False)
    from neo4j_server import clean_database

    clean_database(neo4j_clean.driver, neo4j_clean.database)
    _load(neo4j_clean, early)
    assert {(r["number"], r["relation"], r["name"]) for r in
            _query(neo4j_clean, "responsibility-as-of", date="2026-01-01")} == TABLE_2024
    step = _load(neo4j_clean, later)
    assert step["relationships_deleted"] == 0  # nothing of 2024 is lost: it is ended
    assert _snapshot(neo4j_clean, keep_bookkeeping=False) == all_at_once


def test_a_new_version_loaded_alone_ends_the_facts_it_replaces(neo4j_clean, tmp_path):
    """The 2024 table loaded, later the 2025 table alone: what 2025 no longer holds is ended on its date, what both
    hold goes on from 2024, and the database is the one both tables loaded at once give."""
    _load(neo4j_clean, T24)
    step = _load(neo4j_clean, T25)
    assert step["relationships_deleted"] == step["nodes_deleted"] == 0
    assert step["relationships_closed"] > len(TABLE_ENDED) and step["nodes_closed"] == 1  # and the 2024 table's plan
    stepwise = _snapshot(neo4j_clean, keep_bookkeeping=False)
    for date, expected in (("2024-06-30", TABLE_2024), ("2025-06-30", TABLE_2025)):
        rows = _query(neo4j_clean, "responsibility-as-of", date=date)
        assert {(r["number"], r["relation"], r["name"]) for r in rows} == expected
    kept = {(r["number"], r["relation"], r["name"]): r["valid_from"] for r in
            _query(neo4j_clean, "responsibility-as-of", date="2025-06-30")}
    assert {f for f, since in kept.items() if since == "2024-02-26"} == TABLE_2024 - TABLE_ENDED
    from neo4j_server import clean_database

    clean_database(neo4j_clean.driver, neo4j_clean.database)
    both = _folder(tmp_path, "both", [T24, T25])
    _load(neo4j_clean, both)
    assert _rename(_snapshot(neo4j_clean, keep_bookkeeping=False), display_name(both / T24.name)) == \
        _rename(stepwise, display_name(T24))
    again = _load(neo4j_clean, both)
    assert again["subdistricts_unchanged"] == 1


def _rename(snapshot, one_file: str):
    """The snapshot with the documents' folder left out of the evidence (the same tables, read from two folders)."""
    prefix = one_file[: -len(T24.name)]

    def fix(props):
        return tuple((k, v.replace(prefix, "") if isinstance(v, str) else v) for k, v in props)
    nodes, rels = snapshot
    return sorted((l, fix(p)) for l, p in nodes), sorted((a, t, b, fix(p)) for a, t, b, p in rels)


def test_loading_the_history_export_gives_the_graph_the_documents_give(neo4j_clean, tmp_path):
    export = tmp_path / "history.json"
    assert runner.invoke(app, ["export", str(HERE), "--history", "-o", str(export)]).exit_code == 0
    _load(neo4j_clean, HERE)
    from_documents = _snapshot(neo4j_clean, keep_bookkeeping=False)
    from neo4j_server import clean_database

    clean_database(neo4j_clean.driver, neo4j_clean.database)
    _load(neo4j_clean, export)
    assert _snapshot(neo4j_clean, keep_bookkeeping=False) == from_documents
    ended = neo4j_clean.driver.execute_query("MATCH ()-[r]->() WHERE r.valid_to IS NOT NULL RETURN count(r) AS n",
                                             database_=neo4j_clean.database).records[0]["n"]
    assert ended == 18
