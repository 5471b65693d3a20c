"""Loading into a real Neo4j: counts, idempotence, revisions, atomicity, injection, errors."""

from __future__ import annotations

from collections import Counter

import pytest
from typer.testing import CliRunner

from _plans import JINYANG, WEIFANG, both_plans, graph_of, union
from graphmodel import build_graph
from graphmodel.cli import app
from graphmodel.resolve import resolve_plan
from graphmodel.neo4j.writer import load_graph, run_query
from loaders.plan.reader import read_plan_bytes

pytestmark = pytest.mark.neo4j
runner = CliRunner()
BOOKKEEPING = {"load_hash", "loaded_at", "fact", "history_key"}


def _both():
    return both_plans()


def _graph_from_text(text: str, name: str):
    return build_graph([resolve_plan(read_plan_bytes(text.encode("utf-8"), name))])


def snapshot(server, subdistrict: str | None = None):
    """Every node (labels, properties) and relationship (type, ends, properties) in the database."""
    where = "WHERE $sd IS NULL OR n.subdistrict = $sd"
    nodes = server.driver.execute_query(
        f"MATCH (n) {where} RETURN labels(n) AS l, properties(n) AS p", sd=subdistrict, database_=server.database
    ).records
    rels = server.driver.execute_query(
        f"MATCH (n)-[r]->(m) {where} RETURN n.id AS a, type(r) AS t, m.id AS b, properties(r) AS p",
        sd=subdistrict, database_=server.database,
    ).records
    freeze = lambda d: tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in d.items()))  # noqa: E731
    return (
        sorted((tuple(r["l"]), freeze(r["p"])) for r in nodes),
        sorted((r["a"], r["t"], r["b"], freeze(r["p"])) for r in rels),
    )


def test_load_counts_equal_the_export(neo4j_clean):
    graph = _both()
    result = load_graph(neo4j_clean.driver, graph, database=neo4j_clean.database)
    assert result.nodes_created == graph.number_of_nodes()
    assert result.relationships_created == graph.number_of_edges()
    assert result.nodes_deleted == result.relationships_deleted == 0
    nodes, rels = snapshot(neo4j_clean)
    assert Counter(labels[0] for labels, _ in nodes) == Counter(d["label"] for _, d in graph.nodes(data=True))
    assert Counter(t for _, t, _, _ in rels) == Counter(k for _, _, k in graph.edges(keys=True))
    lead = neo4j_clean.driver.execute_query(
        "MATCH (o:Official)-[r:LEADS]->(t:Task {number: 13, subdistrict: '金杨新村街道'}) "
        "RETURN o.name AS o, r.evidence_file AS f, r.evidence_line AS l", database_=neo4j_clean.database).records
    assert [(r["o"], r["f"].endswith("金杨新村街道打造精品城区行动方案.txt"), r["l"]) for r in lead] == [("蔡斌", True, 504)]


@pytest.mark.parametrize("batch_size", [1, 7, 1000])
def test_second_load_changes_nothing(neo4j_clean, batch_size):
    graph = _both()
    load_graph(neo4j_clean.driver, graph, database=neo4j_clean.database, batch_size=batch_size)
    first = snapshot(neo4j_clean)
    again = load_graph(neo4j_clean.driver, graph, database=neo4j_clean.database, batch_size=batch_size)
    assert (again.nodes_created, again.relationships_created, again.nodes_deleted, again.relationships_deleted) == (0, 0, 0, 0)
    assert sorted(again.unchanged) == ["潍坊新村街道", "金杨新村街道"] and again.nodes_written == 0
    assert snapshot(neo4j_clean) == first
    forced = load_graph(neo4j_clean.driver, graph, database=neo4j_clean.database, batch_size=batch_size, force=True)
    assert forced.unchanged == [] and forced.nodes_written == graph.number_of_nodes()
    assert (forced.nodes_created, forced.relationships_created, forced.nodes_deleted, forced.relationships_deleted) == (0, 0, 0, 0)
    assert snapshot(neo4j_clean) == first


def _synthetic_graph(count: int):
    """``count`` generated plans of the genre (bench/synthetic.py), each its own 街道."""
    import importlib.util
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "bench" / "synthetic.py"
    spec = importlib.util.spec_from_file_location("bench_synthetic", script)
    synthetic = sys.modules.get(spec.name)
    if synthetic is None:
        synthetic = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = synthetic
        spec.loader.exec_module(synthetic)
    plans = [synthetic.generate_plan(seed) for seed in range(101, 101 + count)]
    return build_graph([resolve_plan(read_plan_bytes(p.text.encode("utf-8"), p.file_name)) for p in plans])


def _expected_snapshot(graph):
    """What the database should hold for ``graph``, in :func:`snapshot`'s form (without load_hash)."""
    from graphmodel.neo4j.writer import _props

    freeze = lambda d: tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in d.items()))  # noqa: E731
    nodes = sorted(((d["label"],), freeze({"id": n, **_props(d, ("label",))})) for n, d in graph.nodes(data=True))
    rels = sorted((u, k, v, freeze(_props(d, ("type",)))) for u, v, k, d in graph.edges(keys=True, data=True))
    return nodes, rels


def _without_hash(snap):
    """The snapshot without the load's bookkeeping: ``load_hash``, ``loaded_at``, a relationship's ``fact`` keys."""
    nodes, rels = snap
    drop = lambda props: tuple(kv for kv in props if kv[0] not in BOOKKEEPING)  # noqa: E731
    return sorted((l, drop(p)) for l, p in nodes), sorted((a, t, b, drop(p)) for a, t, b, p in rels)


@pytest.mark.parametrize(("batch_size", "workers"), [(1, 1), (700, 3), (100_000, 2)])
def test_every_fact_arrives_exactly_whatever_the_batches(neo4j_clean, batch_size, workers):
    """Relationships are wired by the position of their ends in the batch: each one, with its
    properties, must join exactly the nodes the graph says, however 街道 are grouped and written."""
    graph = union(_synthetic_graph(9), _both())
    result = load_graph(neo4j_clean.driver, graph, database=neo4j_clean.database, batch_size=batch_size,
                        workers=workers)
    assert (result.nodes_created, result.relationships_created) == (graph.number_of_nodes(), graph.number_of_edges())
    assert len(result.subdistricts) == 11 and result.unchanged == []
    assert _without_hash(snapshot(neo4j_clean)) == _expected_snapshot(graph)
    again = load_graph(neo4j_clean.driver, graph, database=neo4j_clean.database, batch_size=batch_size,
                       workers=workers)
    assert again.unchanged == result.subdistricts and again.nodes_written == 0


def _revised() -> str:
    text = JINYANG.read_text(encoding="utf-8")
    text = text.replace("13 推进新增市政道路地名专项规划，推动内部道路纳管正名。 蔡斌 管理办",
                        "13 推进新增市政道路地名专项规划，推动内部道路纳管正名。 周悦静 自治办 综合行政执法队")
    text = text.replace("金 明 党工委委员（兼职）、罗山新村\n\n派出所所长\n\n", "")  # one official leaves the group
    cut = text.index("22 广泛宣传")
    return text[:cut]  # the last task row is gone


def test_revised_plan_leaves_nothing_stale_and_touches_no_other_subdistrict(neo4j_clean, tmp_path):
    load_graph(neo4j_clean.driver, _both(), database=neo4j_clean.database)
    weifang_before = snapshot(neo4j_clean, "潍坊新村街道")
    revised = _graph_from_text(_revised(), "data/金杨新村街道打造精品城区行动方案.txt")
    assert "金杨新村街道/Official/金明" not in revised and "金杨新村街道/Task/22" not in revised
    result = load_graph(neo4j_clean.driver, revised, database=neo4j_clean.database)
    assert result.nodes_deleted > 0 and result.relationships_deleted > 0
    after = snapshot(neo4j_clean, "金杨新村街道")
    # the same as loading the revised plan into an empty database
    from neo4j_server import clean_database
    clean_database(neo4j_clean.driver, neo4j_clean.database)
    load_graph(neo4j_clean.driver, revised, database=neo4j_clean.database)
    assert _without_hash(snapshot(neo4j_clean, "金杨新村街道")) == _without_hash(after)  # loaded_at: when each came
    leads = neo4j_clean.driver.execute_query(
        "MATCH (o)-[:LEADS]->(t:Task {number: 13, subdistrict: '金杨新村街道'}) RETURN o.name AS o",
        database_=neo4j_clean.database).records
    assert [r["o"] for r in leads] == ["周悦静"]
    load_graph(neo4j_clean.driver, _both(), database=neo4j_clean.database)
    assert _without_hash(snapshot(neo4j_clean, "潍坊新村街道")) == _without_hash(weifang_before)


def test_failed_load_leaves_each_subdistrict_as_before_or_fully_new(neo4j_clean):
    load_graph(neo4j_clean.driver, graph_of(JINYANG), database=neo4j_clean.database)
    before = snapshot(neo4j_clean, "金杨新村街道")
    revised = _graph_from_text(_revised(), "data/金杨新村街道打造精品城区行动方案.txt")
    broken = graph_of(WEIFANG).copy()
    broken.nodes["潍坊新村街道/Task/1"]["mixed"] = [1, "a"]  # Neo4j refuses a list of mixed types
    both = union(revised, broken)
    # one transaction for both: the failure keeps 金杨 as before
    with pytest.raises(Exception):
        load_graph(neo4j_clean.driver, both, database=neo4j_clean.database, batch_size=100_000)
    assert snapshot(neo4j_clean, "金杨新村街道") == before
    assert snapshot(neo4j_clean, "潍坊新村街道") == ([], [])
    # one transaction each: 金杨 is fully new, 潍坊 as before (absent)
    with pytest.raises(Exception):
        load_graph(neo4j_clean.driver, both, database=neo4j_clean.database, batch_size=10)
    load_graph(neo4j_clean.driver, build_graph([]), database=neo4j_clean.database)
    fresh = snapshot(neo4j_clean, "金杨新村街道")
    assert fresh != before and any(t == "LEADS" and a.endswith("周悦静") for a, t, _b, _p in fresh[1])
    assert snapshot(neo4j_clean, "潍坊新村街道") == ([], [])


EVIL = "'})-[:X]->() DETACH DELETE n //"


def test_names_with_quotes_and_cypher_are_stored_as_text(neo4j_clean):
    graph = graph_of(JINYANG).copy()
    graph.nodes["金杨新村街道/Unit/林长办"]["name"] = EVIL
    graph.nodes["金杨新村街道/Unit/林长办"]["aliases"] = ["`反引号`", 'say "hi"', "it's"]
    graph.add_node("金杨新村街道/Street/`x`'}) //", label="Street", name="`x`'}) //", subdistrict="金杨新村街道",
                   evidence={"file": "e'vil`.txt", "line": 1})
    result = load_graph(neo4j_clean.driver, graph, database=neo4j_clean.database)
    assert result.nodes_created == graph.number_of_nodes()
    assert result.relationships_created == graph.number_of_edges()
    rows = neo4j_clean.driver.execute_query(
        "MATCH (n) WHERE n.id IN $ids RETURN n.id AS id, n.name AS name, n.aliases AS aliases, n.evidence_file AS f",
        ids=["金杨新村街道/Unit/林长办", "金杨新村街道/Street/`x`'}) //"], database_=neo4j_clean.database).records
    stored = {r["id"]: (r["name"], r["aliases"], r["f"]) for r in rows}
    assert stored["金杨新村街道/Unit/林长办"][:2] == (EVIL, ["`反引号`", 'say "hi"', "it's"])
    assert stored["金杨新村街道/Street/`x`'}) //"] == ("`x`'}) //", None, "e'vil`.txt")
    assert not neo4j_clean.driver.execute_query("MATCH ()-[r:X]->() RETURN r", database_=neo4j_clean.database).records
    nodes, rels = snapshot(neo4j_clean)
    assert len(nodes) == graph.number_of_nodes() and len(rels) == graph.number_of_edges()


def _cli(server, *args, database=None):
    return runner.invoke(app, [*args, "--uri", server.uri, "--user", server.user, "--database", database or server.database],
                         env={"NEO4J_PASSWORD": server.password})


def test_cli_load_then_named_query(neo4j_clean):
    result = _cli(neo4j_clean, "load", "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"nodes_created"' in result.stdout
    result = _cli(neo4j_clean, "query", "run", "tasks-without-assignment", "--param", "subdistrict=潍坊新村街道", "--format", "json")
    assert result.exit_code == 0, result.output
    import json
    rows = json.loads(result.stdout)
    assert sorted(r["number"] for r in rows) == list(range(1, 17))
    assert all(r["without_lead"] and r["without_responsible_unit"] for r in rows)
    again = _cli(neo4j_clean, "load", "--format", "json")
    data = json.loads(again.stdout)
    assert data["nodes_created"] == data["relationships_created"] == data["nodes_deleted"] == 0


def test_cypher_is_read_only_by_default(neo4j_clean):
    refused = _cli(neo4j_clean, "cypher", "CREATE (n:Intruder) RETURN n")
    assert refused.exit_code == 2 and "只读" in refused.stderr and "Traceback" not in refused.stderr
    count = "MATCH (n:Intruder) RETURN count(n) AS c"
    assert neo4j_clean.driver.execute_query(count, database_=neo4j_clean.database).records[0]["c"] == 0
    allowed = _cli(neo4j_clean, "cypher", "CREATE (n:Intruder) RETURN count(n) AS c", "--write", "--format", "json")
    assert allowed.exit_code == 0, allowed.output
    assert neo4j_clean.driver.execute_query(count, database_=neo4j_clean.database).records[0]["c"] == 1
    # a large delete: CALL {…} IN TRANSACTIONS runs (in an implicit transaction, the only kind that allows it)
    batched = "MATCH (n:Intruder) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1 ROWS"
    deleted = _cli(neo4j_clean, "cypher", batched, "--write")
    assert deleted.exit_code == 0, deleted.output
    assert neo4j_clean.driver.execute_query(count, database_=neo4j_clean.database).records[0]["c"] == 0


def test_the_test_server_reads_no_file_and_no_url(neo4j_server):
    """Even with --write, the harness's Neo4j refuses file URLs and every address (tests/neo4j_harness)."""
    for url in ("file:///etc/passwd", "http://127.0.0.1:9/"):
        result = _cli(neo4j_server, "cypher", f"LOAD CSV FROM '{url}' AS l RETURN l", "--write")
        assert result.exit_code == 2 and "LOAD CSV" in result.stderr and "root:" not in result.output
        assert len(result.stderr.strip().split("\n")) == 1


def test_errors_are_one_line_without_password(neo4j_server):
    secret = "wrong-Secret-123"
    bad = runner.invoke(app, ["cypher", "RETURN 1", "--uri", neo4j_server.uri, "--user", neo4j_server.user],
                        env={"NEO4J_PASSWORD": secret})
    assert bad.exit_code == 2 and "密码错误" in bad.stderr and secret not in bad.output + bad.stderr
    assert len(bad.stderr.strip().split("\n")) == 1
    nodb = _cli(neo4j_server, "cypher", "RETURN 1", database="nosuchdb")
    assert nodb.exit_code == 2 and "nosuchdb" in nodb.stderr
    syntax = _cli(neo4j_server, "cypher", "MATCH (n RETURN n")
    assert syntax.exit_code == 2 and "语法错误" in syntax.stderr and len(syntax.stderr.strip().split("\n")) == 1
    down = runner.invoke(app, ["cypher", "RETURN 1", "--uri", "bolt://127.0.0.1:9"], env={"NEO4J_PASSWORD": secret})
    assert down.exit_code == 2 and "无法连接" in down.stderr and secret not in down.stderr


def test_every_named_query_runs_on_the_bundled_plans(neo4j_clean):
    from graphmodel.neo4j.named_queries import list_queries

    load_graph(neo4j_clean.driver, _both(), database=neo4j_clean.database)
    queries = list_queries()
    assert len(queries) >= 9
    answered = {}
    for q in queries:
        assert q.cypher.lstrip().startswith("// name:"), q.file
        params = {p: None for p, _ in q.parameters}
        params.update(dict(q.examples))
        assert set(params) == {p for p, _ in q.parameters}, q.name  # every example names a declared parameter
        answered[q.name] = run_query(neo4j_clean.driver, q.cypher, params, database=neo4j_clean.database)
    assert {r["unit"] for r in answered["units-without-head"]} == {"林长办", "社区文化中心"}
    assert {(r["kind"], r["number"] if r["kind"] == "Task" else r["name"]) for r in answered["tasks-on-street"]} == {
        ("Task", 6), ("Goal", "张杨路迎宾道")}
    assert len(answered["subdistrict-tasks"]) == 23
    assert answered["dependency-chains"], "人大办 and 城市建设管理事务中心 share 各居民区's tasks"
    depends = {(r["kind"], r["name"]) for r in answered["unit-depends-on"]}
    assert {("unit", "城市建设管理事务中心"), ("unit", "综合行政执法队"), ("unit", "社区营商环境办"),
            ("head", "吴望晗"), ("lead", "蔡斌")} <= depends
