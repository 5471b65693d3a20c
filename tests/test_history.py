"""History from the documents (graphmodel.history, ``export --history``), checked fact by fact on the 镇 fixture of
tests/fixtures/history/: in ``diff``, in the current graph, ``--as-of`` each date, against NetworkX's answers."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from _history import (ADJ_LEADER, ADJ_MEMBERS, BODY, DATES, FILES, G23, GROUP, HERE, T24, T25, TABLE_2024, TABLE_2025,
                      TABLE_BEGUN, TABLE_ENDED, as_of_graph, assignments, group, holds, intervals, people_facts)
from graphmodel.cli import app
from graphmodel.contract import validate_export
from graphmodel.export import from_dict, to_dict
from graphmodel.history import current_graph, history_graph
from loaders.plans import expand_paths, read_plan, readable

runner = CliRunner()


def _history():
    return history_graph(readable(expand_paths([str(HERE)]), read_plan, None))


def _holding(history, date: str):
    """The facts of the history that hold on ``date`` (nodes and edges), as a graph."""
    import networkx as nx

    out = nx.MultiDiGraph()
    out.add_nodes_from((n, d) for n, d in history.nodes(data=True) if holds(d["valid_from"], d["valid_to"], date))
    out.add_edges_from((u, v, k, d) for u, v, k, d in history.edges(keys=True, data=True)
                       if holds(d["valid_from"], d["valid_to"], date))
    return out


def _json(*args):
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_fixture_holds_each_change_as_written():
    """The NetworkX answers the other tests compare with are themselves right, against what the documents say."""
    for date in DATES:
        assert group(as_of_graph(date)) == GROUP[date], date
    assert assignments(as_of_graph("2024-01-15")) == set()
    for date in ("2024-02-26", "2024-08-20"):
        assert assignments(as_of_graph(date)) == TABLE_2024
    assert assignments(as_of_graph("2025-02-18")) == assignments(as_of_graph()) == TABLE_2025
    assert len(TABLE_ENDED) == len(TABLE_BEGUN) == 5 and TABLE_2024 != TABLE_2025


def test_on_each_date_the_history_holds_exactly_the_graph_as_of_that_date():
    history = _history()
    for date in [*DATES, "2024-06-30", "2026-01-01"]:
        then, expected = _holding(history, date), as_of_graph(date)
        assert set(then.nodes) == set(expected.nodes), date
        assert people_facts(then).keys() == people_facts(expected).keys(), date
        assert {(u, v, d["type"]) for u, v, d in then.edges(data=True)} == \
            {(u, v, d["type"]) for u, v, d in expected.edges(data=True)}, date
    assert not _holding(history, "2023-01-01").nodes  # before the first notice: nothing


def test_each_change_is_one_ended_and_one_begun_fact_with_its_dates_and_evidence():
    history = _history()
    ended = {(history.nodes[v].get("number"), d["type"], history.nodes[u]["name"]): (d["valid_from"], d["valid_to"],
                                                                                    d["evidence"])
             for u, v, d in history.edges(data=True) if d["type"] in ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON")
             and d["valid_to"] is not None}
    assert set(ended) == TABLE_ENDED
    for fact, (start, end, evidence) in ended.items():
        assert (start, end) == ("2024-02-26", "2025-02-18"), fact
        assert evidence["file"].endswith("town_tasks_2024.txt") and evidence["line"] == 15 + fact[0] + (fact[0] > 3)
    begun = {(history.nodes[v]["number"], d["type"], history.nodes[u]["name"]): d["valid_from"]
             for u, v, d in history.edges(data=True) if d["type"] in ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON")
             and d["valid_to"] is None and d["valid_from"] == "2025-02-18"}
    assert set(begun) == TABLE_BEGUN
    kept = {(history.nodes[v]["number"], d["type"], history.nodes[u]["name"]) for u, v, d in history.edges(data=True)
            if d["type"] in ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON") and d["valid_from"] == "2024-02-26"
            and d["valid_to"] is None}
    assert kept == TABLE_2024 - TABLE_ENDED  # a fact both tables hold is one fact since 2024, not ended and begun
    members = {(history.nodes[u]["name"], d["role"], d["valid_from"], d["valid_to"]) for u, v, d in
               history.edges(data=True) if d["type"] == "MEMBER_OF" and (d["valid_to"] or d["valid_from"] != DATES[0])}
    assert members == {("韩照临", "组长", "2023-03-08", "2024-01-15"), ("苏映雪", "副组长", "2023-03-08", "2024-01-15"),
                       ("苏映雪", "组长", "2024-01-15", None), ("卢晚舟", "成员", "2023-03-08", "2024-08-20"),
                       ("温若谷", "成员", "2024-08-20", None)}
    gone = {d["name"]: (d["valid_from"], d["valid_to"]) for _, d in history.nodes(data=True) if d["valid_to"]}
    assert gone == {"韩照临": ("2023-03-08", "2024-01-15"), "卢晚舟": ("2023-03-08", "2024-08-20"),
                    "蒲湾镇2024年乡村振兴重点任务责任分解表": ("2024-02-26", "2025-02-18")}


def _people_intervals() -> set[tuple]:
    """NetworkX's answer: every official's and unit's fact with the dates it held, from the graph of each date."""
    return intervals({date: set(people_facts(as_of_graph(date))) for date in DATES})


def test_the_history_of_every_fact_is_networkx_answer_from_the_graph_of_each_date():
    history = _history()
    ours = set()
    for u, v, d in history.edges(data=True):
        if d["type"] in ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON", "ACCOUNTABLE_FOR", "HEADS", "MEMBER_OF"):
            a, b = history.nodes[u], history.nodes[v]
            fact = (a["name"], d["type"], b["label"], b.get("number"), b["name"], d.get("role") or d.get("position"))
            ours.add((fact, d["valid_from"], d["valid_to"]))
    assert ours == _people_intervals()


@pytest.mark.parametrize(("old", "new", "expected"), [
    ([G23], [G23, ADJ_LEADER], {("official-left", "韩照临", "组长", None), ("role-changed", "苏映雪", "副组长", "组长")}),
    ([G23, ADJ_LEADER, T24], [G23, ADJ_LEADER, T24, ADJ_MEMBERS],
     {("official-joined", "温若谷", None, "成员"), ("official-left", "卢晚舟", "成员", None)}),
])
def test_diff_of_the_group_notices(tmp_path, old, new, expected):
    folders = []
    for name, files in (("old", old), ("new", new)):
        (tmp_path / name).mkdir()
        for f in files:
            shutil.copy(f, tmp_path / name / f.name)
        folders.append(str(tmp_path / name))
    rows = _json("diff", *folders)
    assert {(r["kind"], r["subject"]["name"], r["before"], r["after"]) for r in rows} == expected
    # NetworkX's answer: the group of each side's graph
    before, after = group(as_of_graph(files=old)), group(as_of_graph(files=new))
    networkx = {("official-left", n, before[n], None) for n in before.keys() - after.keys()}
    networkx |= {("official-joined", n, None, after[n]) for n in after.keys() - before.keys()}
    networkx |= {("role-changed", n, before[n], after[n]) for n in before.keys() & after.keys() if before[n] != after[n]}
    assert networkx == expected
    for r in rows:  # evidence on both sides: the line of the member, or of the notice that lacks them
        assert "/old/" in r["evidence"]["before"]["file"] and "/new/" in r["evidence"]["after"]["file"]


def test_diff_of_the_yearly_tables_finds_the_three_moves_and_the_lead():
    rows = _json("diff", str(T24), str(T25))
    side = lambda value: value["name"] if isinstance(value, dict) else value  # noqa: E731  (a lead: {name, post})
    changes = {(r["kind"], (r["task"]["after"] or r["task"]["before"])["number"], r["subject"]["name"],
                side(r["before"]), side(r["after"])) for r in rows}
    role = {"RESPONSIBLE_FOR": "responsible", "COOPERATES_ON": "cooperating"}
    # NetworkX's answer: what each side's graph says of each task and name
    old, new = assignments(as_of_graph(files=[T24])), assignments(as_of_graph(files=[T25]))
    networkx = set()
    for number, name in {(t, n) for t, _, n in old | new}:
        was = {r for t, r, n in old if (t, n) == (number, name)}
        now = {r for t, r, n in new if (t, n) == (number, name)}
        if was == now:
            continue
        if "LEADS" in was ^ now:
            networkx.add(("lead-added" if "LEADS" in now else "lead-removed", number, name,
                          None if "LEADS" in now else name, name if "LEADS" in now else None))
        was, now = was - {"LEADS"}, now - {"LEADS"}
        if was and now and was != now:
            networkx.add(("unit-role-changed", number, name, role[was.pop()], role[now.pop()]))
        elif now - was:
            networkx.add(("unit-added", number, name, None, role[now.pop()]))
        elif was - now:
            networkx.add(("unit-removed", number, name, role[was.pop()], None))
    assert changes == networkx
    for r in rows:  # evidence on both sides: the cell that holds it, or the row of the task that lacks it
        assert r["evidence"]["before"]["file"].endswith(T24.name) and r["evidence"]["after"]["file"].endswith(T25.name)
        assert r["evidence"]["before"]["line"] == r["evidence"]["after"]["line"] == 15 + r["task"]["after"]["number"] \
            + (r["task"]["after"]["number"] > 3)
    assert {(k, t, n) for k, t, n, _, _ in changes} == {
        ("unit-added", 2, "农业农村办"), ("unit-removed", 2, "规划建设办"), ("unit-added", 3, "党政办"),
        ("unit-removed", 3, "经济发展办"), ("unit-role-changed", 4, "经济发展办"), ("unit-role-changed", 4, "党政办"),
        ("lead-added", 5, "苏映雪"), ("lead-removed", 5, "严启明")}


def test_the_current_graph_is_the_latest_state_and_the_history_export_adds_the_earlier_facts():
    plain = _json("export", str(HERE))
    with_history = _json("export", str(HERE), "--history")
    assert plain["version"] == 2 and with_history["version"] == 3
    assert "valid_from" not in json.dumps(plain)
    graph = from_dict(plain)
    assert assignments(graph) == TABLE_2025 and group(graph) == GROUP["2025-02-18"]
    # the current part of the history export is the export, element for element
    strip = lambda item: {k: v for k, v in item.items() if k not in ("valid_from", "valid_to")}  # noqa: E731
    assert [strip(n) for n in with_history["nodes"] if n["valid_to"] is None] == plain["nodes"]
    assert [strip(e) for e in with_history["edges"] if e["valid_to"] is None] == plain["edges"]
    assert to_dict(current_graph(from_dict(with_history))) == plain
    # every element has its dates and its evidence; the export reads back
    assert all(item["valid_from"] in DATES and item["evidence"]["line"] > 0
               for item in with_history["nodes"] + with_history["edges"])
    assert validate_export(with_history) == []
    assert to_dict(from_dict(with_history)) == with_history
    ended = [e for e in with_history["edges"] if e["valid_to"]]
    assert len(ended) == len({(e["source"], e["target"], e["type"], e["valid_from"]) for e in ended}) > 10


def test_analyses_of_a_history_export_see_the_current_facts(tmp_path):
    out = tmp_path / "history.json"
    assert runner.invoke(app, ["export", str(HERE), "--history", "-o", str(out)]).exit_code == 0
    gone = runner.invoke(app, ["show", "韩照临", str(out)])
    assert gone.exit_code == 2  # left the group in 2024 and holds nothing else: not in the current graph
    assert runner.invoke(app, ["show", "韩照临", str(HERE), "--as-of", "2023-12-31"]).exit_code == 0
    task = _json("show", f"{BODY}/5", str(out))
    assert {(f["type"], f["other"]["name"]) for f in task["facts"] if f["type"] == "LEADS"} == {("LEADS", "苏映雪")}


def test_history_is_only_for_graph_formats():
    result = runner.invoke(app, ["export", str(HERE), "--history", "--format", "csv"])
    assert result.exit_code == 2 and "--history" in result.stderr and "Traceback" not in result.output
    en = runner.invoke(app, ["export", str(HERE), "--history", "--format", "xlsx", "-o", "x.xlsx", "--lang", "en"])
    assert en.exit_code == 2 and "works with --format json or graphml" in en.stderr


@pytest.mark.parametrize("date", [*DATES, "2024-06-30", "2025-12-31"])
def test_as_of_each_date_show_says_what_the_history_holds_then(date):
    history = _holding(_history(), date)
    for number in range(1, 6):
        result = runner.invoke(app, ["show", f"{BODY}/{number}", str(HERE), "--as-of", date, "--format", "json"])
        if date < "2024-02-26":  # no table yet: the task is unknown, one line, exit 2
            assert result.exit_code == 2 and "Traceback" not in result.output
            continue
        assert result.exit_code == 0, result.output
        facts = {(f["type"], f["other"]["name"], f["evidence"]["file"], f["evidence"]["line"])
                 for f in json.loads(result.stdout)["facts"] if f["type"] in ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON")}
        expected = TABLE_2025 if date >= "2025-02-18" else TABLE_2024
        assert {(r, n) for r, n, _, _ in facts} == {(r, n) for t, r, n in expected if t == number}
        table = "town_tasks_2025.txt" if date >= "2025-02-18" else "town_tasks_2024.txt"
        assert all(f.endswith(table) for _, _, f, _ in facts)
        task = f"{BODY}/Task/{number}"
        assert {(r, n) for r, n, _, _ in facts} == {(d["type"], history.nodes[u]["name"])
                                                    for u, _, d in history.in_edges(task, data=True)
                                                    if d["type"] in ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON")}
    for name, role in GROUP[max(d for d in DATES if d <= date)].items():
        shown = _json("show", name, str(HERE), "--as-of", date)
        assert shown["subject"]["properties"]["role"] == role, (date, name)


def test_graphml_with_history_says_contract_3_and_carries_the_dates():
    import networkx as nx

    result = runner.invoke(app, ["export", str(HERE), "--history", "--format", "graphml"])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(__import__("io").BytesIO(result.stdout.encode("utf-8")), force_multigraph=True)
    assert graph.graph["contract_version"] == 3
    ended = [(d["type"], d["valid_from"], d["valid_to"]) for _, _, d in graph.edges(data=True) if "valid_to" in d]
    assert len(ended) == 18 and all(start < end for _, start, end in ended)
    plain = runner.invoke(app, ["export", str(HERE), "--format", "graphml"]).stdout
    assert "valid_from" not in plain and '<data key="d0">2</data>' in plain
