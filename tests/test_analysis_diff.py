"""``graphmodel.analysis.diff``: two versions of a 责任分解表 and of a 领导小组 notice, fact by fact; the matching
rules on tiny graphs worked out by hand."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graphmodel import build_graph
from graphmodel.analysis.diff import CHANGE_KINDS, diff, match_tasks
from loaders import read_plans

HERE = Path(__file__).parent / "fixtures" / "versions"
T24, T25 = "district_renewal_2024.txt", "district_renewal_2025.txt"
G23, G24 = "town_group_2023.txt", "town_group_2024.txt"


def _graph(name: str) -> nx.MultiDiGraph:
    return build_graph(read_plans([HERE / name]))


def _facts(changes):
    """(kind, task number before, after, subject, before, after, line before, line after) per change."""
    out = []
    for c in changes:
        task = c["task"] or {}
        number = lambda side: (task.get(side) or {}).get("number")  # noqa: E731
        value = lambda v: v["name"] if isinstance(v, dict) else v  # noqa: E731
        out.append((c["kind"], number("before"), number("after"), c["subject"]["name"], value(c["before"]),
                    value(c["after"]), c["evidence"]["before"]["line"], c["evidence"]["after"]["line"]))
    return out


def test_two_yearly_tables():
    changes = diff(_graph(T24), _graph(T25))
    assert _facts(changes) == [
        ("task-added", None, 6, "建立城市更新项目库，实行动态管理", None, "建立城市更新项目库，实行动态管理。", 2, 22),
        ("task-removed", 6, None, "开展闲置楼宇招商专项行动", "开展闲置楼宇招商专项行动。", None, 22, 2),
        ("task-reworded", 3, 3, "新建口袋公园8个，提升街头绿地品质", "新建口袋公园5个，提升街头绿地品质。",
         "新建口袋公园8个，提升街头绿地品质。", 18, 18),
        ("lead-added", 4, 4, "柯望舒", None, "柯望舒", 20, 20),
        ("lead-removed", 4, 4, "冯知秋", "冯知秋", None, 20, 20),
        ("unit-added", 1, 1, "区城管执法局", None, "cooperating", 16, 16),
        ("unit-added", 2, 2, "区住房城乡建设局", None, "responsible", 17, 17),
        ("unit-added", 5, 5, "区市场监管局", None, "cooperating", 21, 21),
        ("unit-removed", 1, 1, "区规划资源局", "cooperating", None, 16, 16),
        ("unit-role-changed", 2, 2, "区城市更新中心", "responsible", "cooperating", 17, 17),
        ("unit-renamed", None, None, "区工业和信息化局", "区经信委", "区工业和信息化局", 20, 20),
    ]
    assert {c["subdistrict"] for c in changes} == {"苇塘区"}
    assert all(c["evidence"]["before"]["file"].endswith(T24) and c["evidence"]["after"]["file"].endswith(T25)
               for c in changes)
    [renamed] = [c for c in changes if c["kind"] == "unit-renamed"]
    assert (renamed["basis"], renamed["tasks"]) == ("tasks", 2)
    lead = next(c for c in changes if c["kind"] == "lead-added")
    assert lead["evidence"]["after"]["cell"] == 3 and "cell" not in lead["evidence"]["before"]  # the lead's cell


def test_two_versions_of_a_group():
    changes = diff(_graph(G23), _graph(G24))
    assert _facts(changes) == [
        ("official-joined", None, None, "晏秋禾", None, "副组长", 2, 8),
        ("official-joined", None, None, "莫听澜", None, "成员", 2, 11),
        ("official-left", None, None, "沈向晖", "组长", None, 6, 2),
        ("official-left", None, None, "汤若溪", "成员", None, 10, 2),
        ("role-changed", None, None, "庞立冬", "副组长", "组长", 7, 6),
        ("role-changed", None, None, "管书言", "副组长", "常务副组长", 8, 7),
    ]


def test_a_version_against_itself_has_no_changes():
    assert diff(_graph(T25), _graph(T25)) == [] and diff(_graph(G24), _graph(G24)) == []


def test_backwards_every_change_turns_round():
    forth, back = diff(_graph(T24), _graph(T25)), diff(_graph(T25), _graph(T24))
    turned = {"task-added": "task-removed", "task-removed": "task-added", "lead-added": "lead-removed",
              "lead-removed": "lead-added", "unit-added": "unit-removed", "unit-removed": "unit-added"}
    assert sorted(turned.get(c["kind"], c["kind"]) for c in forth) == sorted(c["kind"] for c in back)


def _tasks(file: str, *tasks: tuple[int | None, str], units=(), aliases=None) -> nx.MultiDiGraph:
    """A graph of tasks ``(number, text)``; ``units``: (unit, task index, type)."""
    g = nx.MultiDiGraph()
    g.add_node("甲/Plan/1", label="Plan", name="表", subdistrict="甲", evidence={"file": file, "line": 1})
    for i, (number, text) in enumerate(tasks):
        g.add_node(f"甲/Task/{i}", label="Task", name=text, text=text, number=number, subdistrict="甲",
                   evidence={"file": file, "line": 10 + i})
    for unit, i, kind in units:
        g.add_node(f"甲/Unit/{unit}", label="Unit", name=unit, subdistrict="甲", aliases=(aliases or {}).get(unit, []),
                   evidence={"file": file, "line": 10 + i})
        g.add_edge(f"甲/Unit/{unit}", f"甲/Task/{i}", key=kind, type=kind, evidence={"file": file, "line": 10 + i})
    return g


def test_matching_rules():
    # renumbered, same text: one task; same number, alike: reworded; unlike: removed and added
    old = [("a", 1, "修缮道路12条。"), ("b", 2, "新建公园3个。"), ("c", 3, "整治河道。")]
    new = [("x", 1, "新建公园3个。"), ("y", 3, "整治河道两条。"), ("z", 4, "修缮道路12条。")]
    assert match_tasks(old, new) == [("a", "z"), ("b", "x"), ("c", "y")]
    assert match_tasks([("a", 1, "修缮道路。")], [("x", 1, "招商引资。")]) == []


def test_no_silent_merge_on_a_tie():
    # one old task, two new ones equally like it under other numbers: neither is taken
    old = [("a", 1, "修缮背街小巷道路12条。")]
    new = [("x", 2, "修缮背街小巷道路13条。"), ("y", 3, "修缮背街小巷道路14条。")]
    assert match_tasks(old, new) == []
    # the same text twice on one side, once on the other: no pair by text alone; twice on each: in their order
    assert match_tasks([("a", None, "巡查。"), ("b", None, "巡查。")], [("x", None, "巡查。")]) == []
    assert match_tasks([("a", 3, "巡查。"), ("b", 9, "巡查。")], [("x", 2, "巡查。"), ("y", 8, "巡查。")]) == [
        ("a", "x"), ("b", "y")]


def test_renamed_by_tasks_needs_two_tasks():
    texts = [(1, "修路。"), (2, "种树。")]
    old = _tasks("a.txt", *texts, units=[("区经信委", 0, "RESPONSIBLE_FOR"), ("区经信委", 1, "RESPONSIBLE_FOR")])
    new = _tasks("b.txt", *texts, units=[("区工信局", 0, "RESPONSIBLE_FOR"), ("区工信局", 1, "RESPONSIBLE_FOR")])
    assert [(c["kind"], c["before"], c["after"]) for c in diff(old, new)] == [("unit-renamed", "区经信委", "区工信局")]
    one_old = _tasks("a.txt", *texts, units=[("区经信委", 0, "RESPONSIBLE_FOR")])
    one_new = _tasks("b.txt", *texts, units=[("区工信局", 0, "RESPONSIBLE_FOR")])
    assert sorted(c["kind"] for c in diff(one_old, one_new)) == ["unit-added", "unit-removed"]


def test_renamed_by_a_shared_alias():
    texts = [(1, "修路。")]
    old = _tasks("a.txt", *texts, units=[("管理办", 0, "RESPONSIBLE_FOR")])
    new = _tasks("b.txt", *texts, units=[("社区管理办", 0, "RESPONSIBLE_FOR")], aliases={"社区管理办": ["管理办"]})
    [change] = diff(old, new)
    assert (change["kind"], change["before"], change["after"], change["basis"]) == (
        "unit-renamed", "管理办", "社区管理办", "aliases")


@pytest.mark.parametrize("kind", CHANGE_KINDS)
def test_every_kind_has_words(kind):
    from graphmodel.labels import CHANGES

    assert CHANGES[kind].zh and CHANGES[kind].en
