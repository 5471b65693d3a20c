"""Dependencies and responsibility chains, on tiny graphs worked out by hand, then on the bundled plans."""

from __future__ import annotations

import networkx as nx
import pytest

from _graphs import tiny
from _plans import JINYANG, WEIFANG
from graphmodel import build_graph, to_dict
from graphmodel.analysis.depends import dependencies, dependency_graph, dependency_paths
from graphmodel.errors import AmbiguousNameError, UnknownNameError
from loaders import read_plan


def office() -> nx.MultiDiGraph:
    """管理办 (headed by 李四) is responsible for 1 (led by 张三, 城建 cooperating) and 2 (城建, 执法队
    cooperating); 城建 is responsible for 3 (led by 张三), on which 管理办 and 营商办 cooperate."""
    return tiny(
        {"甲/Official/张三": {}, "甲/Official/李四": {},
         "甲/Unit/管理办": {}, "甲/Unit/城建": {}, "甲/Unit/执法队": {}, "甲/Unit/营商办": {},
         "甲/Task/1": {"number": 1}, "甲/Task/2": {"number": 2}, "甲/Task/3": {"number": 3}},
        [("甲/Official/李四", "HEADS", "甲/Unit/管理办", 5),
         ("甲/Unit/管理办", "RESPONSIBLE_FOR", "甲/Task/1", 10), ("甲/Official/张三", "LEADS", "甲/Task/1", 10),
         ("甲/Unit/城建", "COOPERATES_ON", "甲/Task/1", 11),
         ("甲/Unit/管理办", "RESPONSIBLE_FOR", "甲/Task/2", 20), ("甲/Unit/城建", "COOPERATES_ON", "甲/Task/2", 21),
         ("甲/Unit/执法队", "COOPERATES_ON", "甲/Task/2", 22),
         ("甲/Unit/城建", "RESPONSIBLE_FOR", "甲/Task/3", 30), ("甲/Official/张三", "LEADS", "甲/Task/3", 30),
         ("甲/Unit/管理办", "COOPERATES_ON", "甲/Task/3", 31), ("甲/Unit/营商办", "COOPERATES_ON", "甲/Task/3", 32)],
    )


def rows(result, direction):
    return {(r["name"], r["role"], tuple(t["number"] for t in r["tasks"])) for r in result[direction]}


def test_dependency_graph_by_hand():
    g = office()
    deps = dependency_graph(g)
    names = lambda n: g.nodes[n]["name"]  # noqa: E731
    assert {(names(a), k, names(b)) for a, b, k in deps.edges(keys=True)} == {
        ("管理办", "head", "李四"), ("管理办", "lead", "张三"), ("管理办", "cooperating", "城建"),
        ("管理办", "cooperating", "执法队"),
        ("城建", "lead", "张三"), ("城建", "cooperating", "管理办"), ("城建", "cooperating", "营商办"),
        ("李四", "headed_unit", "管理办"),
        ("张三", "responsible", "管理办"), ("张三", "cooperating", "城建"),
        ("张三", "responsible", "城建"), ("张三", "cooperating", "管理办"), ("张三", "cooperating", "营商办"),
    }


def test_unit_depends_on_its_cooperators_head_and_leads_and_is_depended_on():
    result = dependencies(office(), "管理办")
    assert result["subject"] == {"id": "甲/Unit/管理办", "name": "管理办", "label": "Unit", "subdistrict": "甲"}
    assert rows(result, "depends_on") == {
        ("李四", "head", ()), ("张三", "lead", (1,)), ("城建", "cooperating", (1, 2)), ("执法队", "cooperating", (2,))}
    assert rows(result, "depended_on_by") == {
        ("城建", "cooperating", (3,)),  # 城建 is responsible for 3, on which 管理办 cooperates
        ("张三", "responsible", (1,)), ("张三", "cooperating", (3,)),  # 张三 leads tasks 管理办 works on
        ("李四", "headed_unit", ())}
    [chengjian] = [r for r in result["depends_on"] if r["name"] == "城建"]
    assert [t["evidence"]["line"] for t in chengjian["tasks"]] == [11, 21]  # 城建's own lines
    [head] = [r for r in result["depends_on"] if r["role"] == "head"]
    assert head["evidence"] == {"file": "t.txt", "line": 5}
    assert {(o["relation"], o["task"]["number"]) for o in result["tasks"]} == {
        ("RESPONSIBLE_FOR", 1), ("RESPONSIBLE_FOR", 2), ("COOPERATES_ON", 3)}


def test_official_depends_on_units_headed_and_the_units_of_the_tasks_led():
    result = dependencies(office(), "张三")
    assert rows(result, "depends_on") == {
        ("管理办", "responsible", (1,)), ("管理办", "cooperating", (3,)), ("城建", "cooperating", (1,)),
        ("城建", "responsible", (3,)), ("营商办", "cooperating", (3,))}
    assert rows(result, "depended_on_by") == {("管理办", "lead", (1,)), ("城建", "lead", (3,))}
    assert rows(dependencies(office(), "李四"), "depends_on") == {("管理办", "headed_unit", ())}


def test_depth_follows_dependencies_without_revisiting():
    one = dependencies(office(), "执法队", depth=1)
    assert one["depends_on"] == []  # 执法队 is responsible for nothing
    assert rows(one, "depended_on_by") == {("管理办", "cooperating", (2,))}
    two = dependencies(office(), "执法队", depth=2)
    # step 2: who depends on 管理办 — 城建, 张三 (twice), 李四; never 执法队 itself again
    assert {(r["depth"], r["name"], r["via"]["name"]) for r in two["depended_on_by"]} == {
        (1, "管理办", "执法队"), (2, "城建", "管理办"), (2, "张三", "管理办"), (2, "李四", "管理办")}
    three = dependencies(office(), "营商办", depth=3)
    assert {(r["depth"], r["name"]) for r in three["depended_on_by"]} == {
        (1, "城建"), (1, "张三"), (2, "管理办"), (3, "李四")}
    with pytest.raises(ValueError):
        dependencies(office(), "营商办", depth=0)


def test_only_officials_and_units():
    g = office()
    with pytest.raises(UnknownNameError):
        dependencies(g, "甲/Task/1")


def test_paths_by_hand():
    g = office()
    result = dependency_paths(g, "李四", "营商办")
    # 李四 –HEADS– 管理办 –COOPERATES_ON– 3 –COOPERATES_ON– 营商办: 3 steps, one way only.
    assert result["length"] == 3 and not result["truncated"]
    [chain] = result["paths"]
    assert [(s["from"]["name"], [(r["type"], r["forward"], r["evidence"]["line"]) for r in s["relations"]],
             s["to"]["name"]) for s in chain] == [
        ("李四", [("HEADS", True, 5)], "管理办"),
        ("管理办", [("COOPERATES_ON", True, 31)], "3"),
        ("3", [("COOPERATES_ON", False, 32)], "营商办"),
    ]
    both = dependency_paths(g, "张三", "城建")  # through task 1 or task 3
    assert both["length"] == 2 and len(both["paths"]) == 2
    capped = dependency_paths(g, "张三", "城建", limit=1)
    assert len(capped["paths"]) == 1 and capped["truncated"]


def test_paths_skip_collectives_inside_and_stop_at_subdistricts():
    g = tiny(
        {"甲/Official/张三": {}, "甲/Unit/林长办": {}, "甲/Unit/各居民区": {"collective": True},
         "甲/Task/1": {"number": 1}, "甲/Task/2": {"number": 2}, "乙/Official/李四": {}},
        [("甲/Official/张三", "LEADS", "甲/Task/1", 1), ("甲/Unit/林长办", "RESPONSIBLE_FOR", "甲/Task/2", 2),
         ("甲/Unit/各居民区", "COOPERATES_ON", "甲/Task/1", 1), ("甲/Unit/各居民区", "COOPERATES_ON", "甲/Task/2", 2)],
    )
    assert dependency_paths(g, "张三", "林长办")["paths"] == []  # not through 各居民区
    assert dependency_paths(g, "张三", "各居民区")["length"] == 2  # but to it
    across = dependency_paths(g, "张三", "李四")
    assert (across["length"], across["paths"]) == (None, [])


# --------------------------------------------------------------------------- the bundled plans


@pytest.fixture(scope="module")
def bundled():
    return build_graph([read_plan(WEIFANG), read_plan(JINYANG)])


def test_depends_guanliban(bundled):
    before = to_dict(bundled)
    result = dependencies(bundled, "金杨新村街道/管理办")
    assert to_dict(bundled) == before
    assert result["subject"]["id"] == "金杨新村街道/Unit/社区管理办"
    units = {r["name"]: r for r in result["depends_on"] if r["label"] == "Unit"}
    assert {"城市建设管理事务中心", "综合行政执法队", "社区营商环境办"} <= set(units)
    assert [t["number"] for t in units["城市建设管理事务中心"]["tasks"]] == [9]
    assert [t["number"] for t in units["综合行政执法队"]["tasks"]] == [12]
    assert [(t["number"], t["goal"]) for t in units["社区营商环境办"]["tasks"]] == [
        (None, "吸纳社会共同参与"), (14, "改善市容薄弱区域环境")]
    assert [t["evidence"]["line"] for t in units["社区营商环境办"]["tasks"]] == [439, 509]
    officials = {(r["name"], r["role"]) for r in result["depends_on"] if r["label"] == "Official"}
    assert officials == {("吴望晗", "head"), ("蔡斌", "lead")}
    # the same with the 金杨 plan alone, where 管理办 is not ambiguous
    alone = dependencies(build_graph([read_plan(JINYANG)]), "管理办")
    assert [(r["name"], r["role"]) for r in alone["depends_on"]] == [(r["name"], r["role"]) for r in result["depends_on"]]
    with pytest.raises(AmbiguousNameError):
        dependencies(bundled, "管理办")


def test_path_caibin_to_enforcement(bundled):
    result = dependency_paths(bundled, "蔡斌", "综合行政执法队")
    [chain] = result["paths"]
    assert [(s["from"]["name"], s["relations"][0]["type"], s["relations"][0]["evidence"]["line"]) for s in chain] == [
        ("蔡斌", "LEADS", 502), (bundled.nodes["金杨新村街道/Task/12"]["name"], "COOPERATES_ON", 502)]
