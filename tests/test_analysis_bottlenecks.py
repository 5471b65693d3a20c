"""Bottlenecks and the truck factor, on tiny graphs worked out by hand, then on the bundled plans."""

from __future__ import annotations

import pytest

from _graphs import tiny
from _plans import JINYANG, WEIFANG
from graphmodel import build_graph, to_dict
from graphmodel.analysis.bottlenecks import bottlenecks, truck_factor
from loaders import read_plan


def test_loads_betweenness_and_articulation_by_hand():
    # 张三 leads 1; 管理办 is responsible for it; 李四 heads 管理办 and so answers for 1;
    # 各居民区 (collective) cooperates. Network: 张三–1, 1–管理办, 1–李四, 李四–管理办 (a triangle
    # with 张三 hanging on 1). Betweenness of 1: it is on the paths 张三–管理办 and 张三–李四, 2 of
    # the 3 pairs of the others → 2/3; everyone else 0. Only 1 is an articulation point.
    g = tiny(
        {"甲/Official/张三": {"role": "副组长"}, "甲/Official/李四": {"role": "成员"},
         "甲/Unit/管理办": {"collective": False}, "甲/Unit/各居民区": {"collective": True}, "甲/Task/1": {"number": 1}},
        [("甲/Official/张三", "LEADS", "甲/Task/1"), ("甲/Unit/管理办", "RESPONSIBLE_FOR", "甲/Task/1"),
         ("甲/Official/李四", "HEADS", "甲/Unit/管理办"), ("甲/Official/李四", "ACCOUNTABLE_FOR", "甲/Task/1"),
         ("甲/Unit/各居民区", "COOPERATES_ON", "甲/Task/1")],
    )
    result = bottlenecks(g)
    assert [(r["official"], r["tasks_led"], r["tasks_accountable"], r["load"], r["units_headed"],
             r["betweenness"], r["articulation"]) for r in result["officials"]] == [
        ("张三", 1, 0, 1, 0, 0.0, False),  # same load as 李四, more tasks led: first
        ("李四", 0, 1, 1, 1, 0.0, False),
    ]
    assert [(r["unit"], r["tasks_responsible"], r["tasks_cooperating"], r["heads"], r["betweenness"],
             r["articulation"], r["collective"]) for r in result["units"]] == [
        ("管理办", 1, 0, ["李四"], 0.0, False, False),
        ("各居民区", 0, 1, [], None, False, True),  # not in the network
    ]


def test_rows_sorted_by_load_per_subdistrict_and_top():
    g = tiny(
        {"甲/Official/少": {}, "甲/Official/多": {}, "乙/Official/一": {},
         "甲/Task/1": {}, "甲/Task/2": {}, "乙/Task/1": {}},
        [("甲/Official/多", "LEADS", "甲/Task/1"), ("甲/Official/多", "LEADS", "甲/Task/2"),
         ("甲/Official/少", "LEADS", "甲/Task/2"), ("乙/Official/一", "LEADS", "乙/Task/1")],
    )
    assert [r["official"] for r in bottlenecks(g)["officials"]] == ["多", "少", "一"]
    assert [r["official"] for r in bottlenecks(g, top=1)["officials"]] == ["多", "一"]


def test_truck_factor_greedy_by_hand():
    # Five tasks. 甲 leads 1, 2, 3; 乙 leads 3; 丙 answers for 4 and 5.
    # 甲 covers the most (3) → removed; uncovered {1, 2} (乙 still has 3): 2 of 5, not more than half.
    # Still covered: 乙 covers {3}, 丙 covers {4, 5} → 丙 removed; uncovered {1, 2, 4, 5}: 4 > 2.5. Factor 2.
    g = tiny(
        {"甲/Official/甲": {}, "甲/Official/乙": {}, "甲/Official/丙": {}, **{f"甲/Task/{i}": {} for i in range(1, 6)}},
        [("甲/Official/甲", "LEADS", "甲/Task/1"), ("甲/Official/甲", "LEADS", "甲/Task/2"),
         ("甲/Official/甲", "LEADS", "甲/Task/3"), ("甲/Official/乙", "LEADS", "甲/Task/3"),
         ("甲/Official/丙", "ACCOUNTABLE_FOR", "甲/Task/4"), ("甲/Official/丙", "ACCOUNTABLE_FOR", "甲/Task/5")],
    )
    [row] = truck_factor(g)
    assert row == {"subdistrict": "甲", "tasks": 5, "covered": 5, "truck_factor": 2, "removed": ["甲", "丙"],
                   "uncovered_steps": [2, 4], "uncovered": 4, "applicable": True, "reason": None}


def test_truck_factor_tie_goes_to_the_first_in_document_order():
    # After 甲 (1, 2, 3) is removed, 乙 (3, 4) and 丙 (4, 5) each cover two still-covered tasks: 乙 comes first.
    g = tiny(
        {"甲/Official/甲": {}, "甲/Official/乙": {}, "甲/Official/丙": {}, **{f"甲/Task/{i}": {} for i in range(1, 6)}},
        [("甲/Official/甲", "LEADS", "甲/Task/1"), ("甲/Official/甲", "LEADS", "甲/Task/2"),
         ("甲/Official/甲", "LEADS", "甲/Task/3"), ("甲/Official/乙", "LEADS", "甲/Task/3"),
         ("甲/Official/乙", "LEADS", "甲/Task/4"), ("甲/Official/丙", "ACCOUNTABLE_FOR", "甲/Task/4"),
         ("甲/Official/丙", "ACCOUNTABLE_FOR", "甲/Task/5")],
    )
    [row] = truck_factor(g)
    assert (row["removed"], row["uncovered_steps"]) == (["甲", "乙"], [2, 3])


def test_truck_factor_not_applicable():
    nobody = tiny({"甲/Official/甲": {}, "甲/Task/1": {}, "甲/Task/2": {}}, [])
    [row] = truck_factor(nobody)
    assert (row["truck_factor"], row["applicable"], row["removed"]) == (0, False, [])
    assert "没有任何任务写明牵头领导" in row["reason"]
    mostly = tiny({"甲/Official/甲": {}, "甲/Task/1": {}, "甲/Task/2": {}, "甲/Task/3": {}},
                  [("甲/Official/甲", "LEADS", "甲/Task/1")])
    [row] = truck_factor(mostly)
    assert (row["truck_factor"], row["applicable"], row["uncovered"]) == (0, False, 2)
    assert "已有2项任务（超过一半）" in row["reason"]
    empty = tiny({"甲/Official/甲": {}}, [])
    assert truck_factor(empty)[0]["reason"] == "方案中没有任务"


# --------------------------------------------------------------------------- the bundled plans


@pytest.fixture(scope="module")
def bundled():
    return build_graph([read_plan(WEIFANG), read_plan(JINYANG)])


def test_caibin_tops_jinyang(bundled):
    before = to_dict(bundled)
    result = bottlenecks(bundled)
    assert to_dict(bundled) == before
    jinyang = [r for r in result["officials"] if r["subdistrict"] == "金杨新村街道"]
    top = jinyang[0]
    assert (top["official"], top["tasks_led"], top["load"], top["articulation"]) == ("蔡斌", 10, 10, True)
    assert top["betweenness"] == max(r["betweenness"] for r in jinyang)
    assert jinyang[1]["official"] == "吴望晗" and jinyang[1]["tasks_accountable"] == 8
    units = [r for r in result["units"] if r["subdistrict"] == "金杨新村街道"]
    assert (units[0]["unit"], units[0]["tasks_responsible"], units[0]["heads"]) == ("社区管理办", 8, ["吴望晗"])
    [residents] = [r for r in units if r["unit"] == "各居民区"]
    assert residents["tasks_cooperating"] == 14 and residents["betweenness"] is None


def test_truck_factors_of_the_bundled_plans(bundled):
    rows = {r["subdistrict"]: r for r in truck_factor(bundled)}
    weifang, jinyang = rows["潍坊新村街道"], rows["金杨新村街道"]
    assert (weifang["tasks"], weifang["covered"], weifang["truck_factor"], weifang["applicable"]) == (16, 0, 0, False)
    # 23 tasks; uncovered after each removal: 蔡斌 (only task 8, whose 林长办 has no head) → 1;
    # 吴望晗 (the 8 tasks of 社区管理办, all led by 蔡斌) → 9; 陆炜锋 and 陈晓莉 → still 9 (their tasks'
    # units have heads); 胡运 (tasks 1, 18, 21, 陆炜锋's) → 12 > 11.5.
    assert (jinyang["tasks"], jinyang["covered"]) == (23, 23)
    assert jinyang["removed"] == ["蔡斌", "吴望晗", "陆炜锋", "陈晓莉", "胡运"]
    assert jinyang["uncovered_steps"] == [1, 9, 9, 9, 12] and jinyang["truck_factor"] == 5
