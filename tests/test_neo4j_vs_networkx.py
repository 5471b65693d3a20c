"""Each named query that answers an analysis gives, in Neo4j, the same answer as the NetworkX analysis."""

from __future__ import annotations

from collections import defaultdict

import pytest

from _plans import ROOT, both_plans, graph_of, union
from graphmodel.analysis.audit import audit
from graphmodel.analysis.bottlenecks import bottlenecks
from graphmodel.analysis.depends import dependencies
from graphmodel.neo4j.named_queries import get_query
from graphmodel.neo4j.writer import load_graph, run_query

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def loaded(neo4j_server):
    from neo4j_server import clean_database

    clean_database(neo4j_server.driver, neo4j_server.database)
    # the bundled plans, and a district's task table read alone: no leading group, a task led by a post only
    graph = union(both_plans(), graph_of(ROOT / "tests" / "fixtures" / "tables" / "district_duty_pipe.txt"))
    load_graph(neo4j_server.driver, graph, database=neo4j_server.database)

    def query(name, **params):
        q = get_query(name)
        full = {p: None for p, _ in q.parameters} | params
        return run_query(neo4j_server.driver, q.cypher, full, database=neo4j_server.database)

    return graph, query


def test_tasks_without_assignment(loaded):
    graph, query = loaded
    findings = audit(graph, kinds=["task-without-lead", "task-without-responsible-unit"])
    expected = defaultdict(lambda: [False, False])
    for f in findings:
        expected[f["subjects"][0]["id"]][0 if f["kind"] == "task-without-lead" else 1] = True
    got = {r["task_id"]: [r["without_lead"], r["without_responsible_unit"]] for r in query("tasks-without-assignment")}
    assert got == dict(expected)
    assert len(got) == 16
    posts = [f for f in audit(graph, kinds=["task-led-by-post"])]
    assert [f["subjects"][0]["id"] for f in posts] and all(f["subjects"][0]["id"] not in got for f in posts)


def test_tasks_led_by_post(loaded):
    graph, query = loaded
    expected = {f["subjects"][0]["id"]: [s["name"] for s in f["subjects"][1:]]
                for f in audit(graph, kinds=["task-led-by-post"])}
    got = {r["task_id"]: list(r["posts"]) for r in query("tasks-led-by-post")}
    assert got == expected and got  # the district table's task 5 (区政府分管领导)


def test_units_without_head(loaded):
    graph, query = loaded
    expected = {(f["subdistrict"], f["subjects"][0]["name"]) for f in audit(graph, kinds=["unit-without-head"])}
    got = {(r["subdistrict"], r["unit"]) for r in query("units-without-head")}
    assert got == expected
    assert "青溪区" in {d.get("subdistrict") for _, d in graph.nodes(data=True)}
    assert "青溪区" not in {sd for sd, _ in got}  # its table names no leading group
    assert ("金杨新村街道", "林长办") in got


def test_officials_by_load(loaded):
    graph, query = loaded
    expected = {(r["subdistrict"], r["official"]): (r["tasks_led"], r["units_headed"], r["tasks_accountable"])
                for r in bottlenecks(graph)["officials"]}
    got = {(r["subdistrict"], r["official"]): (r["tasks_led"], r["units_headed"], r["tasks_accountable"])
           for r in query("officials-by-load")}
    assert got == expected
    top = query("officials-by-load", subdistrict="金杨新村街道")[0]
    assert (top["official"], top["tasks_led"]) == ("蔡斌", 10)


def _task_key(task):
    return str(task["number"]) if task["number"] is not None else task["name"]


def _analysis_rows(rows, kinds):
    out = defaultdict(set)
    for r in rows:
        kind = kinds[(r["label"], r["role"])]
        out[(kind, r["name"])] |= {_task_key(t) for t in r["tasks"]}
    return dict(out)


@pytest.mark.parametrize("unit", ["金杨新村街道/管理办", "金杨新村街道/营商环境办", "金杨新村街道/各居民区",
                                  "金杨新村街道/林长办", "潍坊新村街道/管理办"])
def test_unit_dependencies(loaded, unit):
    graph, query = loaded
    sd, name = unit.split("/")
    result = dependencies(graph, unit, depth=1)
    depends_on = _analysis_rows(result["depends_on"], {("Unit", "cooperating"): "unit", ("Official", "head"): "head",
                                                       ("Official", "lead"): "lead"})
    got = {(r["kind"], r["name"]): set(r["tasks"]) for r in query("unit-depends-on", unit=name, subdistrict=sd)}
    assert got == depends_on
    kinds = {("Unit", "cooperating"): "unit", ("Unit", "responsible"): "unit", ("Official", "headed_unit"): "head",
             ("Official", "responsible"): "lead", ("Official", "cooperating"): "lead"}
    depended = _analysis_rows(result["depended_on_by"], kinds)
    got = {(r["kind"], r["name"]): set(r["tasks"]) for r in query("unit-dependents", unit=name, subdistrict=sd)}
    assert got == depended


def test_accountable_person(loaded):
    graph, query = loaded
    expected = {}
    for n, d in graph.nodes(data=True):
        if d["label"] == "Task":
            expected[(d["subdistrict"], d["number"], d["name"])] = sorted(
                graph.nodes[u]["name"] for u, _, k in graph.in_edges(n, keys=True) if k == "ACCOUNTABLE_FOR")
    got = {(r["subdistrict"], r["number"], r["task"]): sorted(r["accountable"]) for r in query("accountable-person")}
    assert got == expected
