"""Everything about one node, each fact with its evidence: a tiny graph, then the bundled plans."""

from __future__ import annotations

import networkx as nx
import pytest

from _plans import JINYANG, WEIFANG
from graphmodel import build_graph, to_dict
from graphmodel.analysis.show import describe
from graphmodel.errors import AmbiguousNameError, UnknownNameError
from graphmodel.labels import fact_detail, fact_relation
from loaders import read_plan


def tiny() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    ev = lambda line: {"file": "t.txt", "line": line}  # noqa: E731
    g.add_node("甲/Official/张三", label="Official", name="张三", subdistrict="甲", role="副组长",
               titles=["管理办主任"], evidence=ev(3))
    g.add_node("甲/Unit/管理办", label="Unit", name="管理办", subdistrict="甲", aliases=[], collective=False,
               kind="unit", evidence=ev(3))
    g.add_node("甲/Task/1", label="Task", name="修路", subdistrict="甲", number=1, text="修路。", evidence=ev(9))
    g.add_node("甲/Street/张杨路", label="Street", name="张杨路", subdistrict="甲", evidence=ev(9))
    g.add_edge("甲/Official/张三", "甲/Unit/管理办", key="HEADS", type="HEADS", position="主任", deputy=False, evidence=ev(3))
    g.add_edge("甲/Unit/管理办", "甲/Task/1", key="RESPONSIBLE_FOR", type="RESPONSIBLE_FOR", evidence=ev(10))
    g.add_edge("甲/Official/张三", "甲/Task/1", key="LEADS", type="LEADS", evidence=ev(9))
    g.add_edge("甲/Official/张三", "甲/Task/1", key="ACCOUNTABLE_FOR", type="ACCOUNTABLE_FOR",
               via="甲/Unit/管理办", evidence=ev(10))
    g.add_edge("甲/Task/1", "甲/Street/张杨路", key="CONCERNS", type="CONCERNS", evidence=ev(9))
    return g


def test_official():
    result = describe(tiny(), "张三")
    assert result["subject"] == {"id": "甲/Official/张三", "label": "Official", "name": "张三", "subdistrict": "甲",
                                 "evidence": {"file": "t.txt", "line": 3},
                                 "properties": {"role": "副组长", "titles": ["管理办主任"]}}
    assert [(f["type"], f["direction"], f["other"]["name"], f["properties"], f["via"], f["evidence"]["line"])
            for f in result["facts"]] == [
        ("HEADS", "out", "管理办", {"position": "主任", "deputy": False}, None, 3),
        ("LEADS", "out", "修路", {}, None, 9),
        ("ACCOUNTABLE_FOR", "out", "修路", {"via": "甲/Unit/管理办"}, {"id": "甲/Unit/管理办", "name": "管理办"}, 10),
    ]
    assert result["facts"][1]["other"]["number"] == 1
    # the words are the renderer's, in either language
    assert [(fact_relation(f), fact_detail(f)) for f in result["facts"]] == [
        ("担任负责人", "主任"), ("牵头任务", ""), ("作为责任部门负责人对任务负责", "经由管理办")]
    assert [(fact_relation(f, "en"), fact_detail(f, "en")) for f in result["facts"]] == [
        ("heads", "主任"), ("leads task", ""), ("accountable, as head of the responsible unit, for", "via 管理办")]


def test_task_by_number_and_street():
    g = tiny()
    task = describe(g, "1")
    assert [(fact_relation(f), f["other"]["name"]) for f in task["facts"]] == [
        ("牵头领导", "张三"), ("责任部门负责人", "张三"), ("责任部门", "管理办"), ("涉及道路", "张杨路")]
    street = describe(g, "张杨路")
    assert [(fact_relation(f), f["other"]["name"], f["evidence"]["line"]) for f in street["facts"]] == [
        ("涉及它的任务或目标", "修路", 9)]


def test_unknown_name():
    with pytest.raises(UnknownNameError):
        describe(tiny(), "李四")


@pytest.fixture(scope="module")
def bundled():
    return build_graph([read_plan(WEIFANG), read_plan(JINYANG)])


def test_bundled(bundled):
    before = to_dict(bundled)
    forest = describe(bundled, "林长办")
    assert to_dict(bundled) == before
    assert [(f["type"], f["other"]["number"], f["evidence"]["line"]) for f in forest["facts"]] == [
        ("RESPONSIBLE_FOR", 8, 462)]
    task = describe(bundled, "金杨新村街道/12")
    facts = {(f["type"], f["other"]["name"], f["evidence"]["line"]) for f in task["facts"]}
    assert {("LEADS", "蔡斌", 502), ("RESPONSIBLE_FOR", "社区管理办", 502), ("COOPERATES_ON", "综合行政执法队", 502),
            ("ACCOUNTABLE_FOR", "吴望晗", 502)} <= facts
    caibin = describe(bundled, "蔡斌")
    assert caibin["subject"]["properties"]["role"] == "常务副组长"
    assert len([f for f in caibin["facts"] if f["type"] == "LEADS"]) == 10
    with pytest.raises(AmbiguousNameError):
        describe(bundled, "7")
