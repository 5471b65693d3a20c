"""The history fixture (tests/fixtures/history/) and the answers NetworkX gives on it, for the history tests.

Every answer here is computed from the documents as they stood on a date (``read_plans(as_of=…)`` and
``build_graph``: the path every analysis takes), never from :mod:`graphmodel.history` or Neo4j, so that the
history (in the export and in Neo4j) is compared with something it did not make.
"""

from __future__ import annotations

from pathlib import Path

from graphmodel import build_graph
from loaders import read_plans

HERE = Path(__file__).parent / "fixtures" / "history"
G23 = HERE / "town_group_2023.txt"  # the 领导小组 notice, 2023-03-08
ADJ_LEADER = HERE / "town_adjust_2024_leader.txt"  # 韩照临 leaves, 苏映雪 becomes 组长, 2024-01-15
T24 = HERE / "town_tasks_2024.txt"  # the 2024 责任分解表, 2024-02-26
ADJ_MEMBERS = HERE / "town_adjust_2024_members.txt"  # 温若谷 joins, 卢晚舟 leaves, 2024-08-20
T25 = HERE / "town_tasks_2025.txt"  # the 2025 责任分解表, 2025-02-18
FILES = [G23, ADJ_LEADER, T24, ADJ_MEMBERS, T25]
DATES = ["2023-03-08", "2024-01-15", "2024-02-26", "2024-08-20", "2025-02-18"]
BODY = "蒲湾镇"
#: The responsibility relationships of a task, and those of the leading group (with a role or position).
ASSIGNMENTS = ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON")
PEOPLE = ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON", "ACCOUNTABLE_FOR", "HEADS", "MEMBER_OF")

#: The group as it stood after each notice (read by hand from the notices).
GROUP = {
    "2023-03-08": {"韩照临": "组长", "苏映雪": "副组长", "严启明": "副组长", "祁青禾": "成员", "卢晚舟": "成员",
                   "程立夏": "成员", "骆知远": "成员"},
    "2024-01-15": {"苏映雪": "组长", "严启明": "副组长", "祁青禾": "成员", "卢晚舟": "成员", "程立夏": "成员",
                   "骆知远": "成员"},
    "2024-08-20": {"苏映雪": "组长", "严启明": "副组长", "祁青禾": "成员", "程立夏": "成员", "骆知远": "成员",
                   "温若谷": "成员"},
}
GROUP["2024-02-26"], GROUP["2025-02-18"] = GROUP["2024-01-15"], GROUP["2024-08-20"]

#: (task, relation, name) of each yearly table (read by hand from the tables).
TABLE_2024 = {
    (1, "LEADS", "严启明"), (1, "RESPONSIBLE_FOR", "农业农村办"), (1, "COOPERATES_ON", "规划建设办"),
    (2, "LEADS", "严启明"), (2, "RESPONSIBLE_FOR", "规划建设办"), (2, "COOPERATES_ON", "各村"),
    (3, "LEADS", "苏映雪"), (3, "RESPONSIBLE_FOR", "经济发展办"), (3, "COOPERATES_ON", "农业农村办"),
    (4, "LEADS", "苏映雪"), (4, "RESPONSIBLE_FOR", "党政办"), (4, "COOPERATES_ON", "经济发展办"),
    (5, "LEADS", "严启明"), (5, "RESPONSIBLE_FOR", "社会事务办"), (5, "COOPERATES_ON", "各村"),
}
#: What the 2025 table changes: three tasks move unit (2, 3; 4 swaps its units), one lead changes (5).
TABLE_ENDED = {(2, "RESPONSIBLE_FOR", "规划建设办"), (3, "RESPONSIBLE_FOR", "经济发展办"),
               (4, "RESPONSIBLE_FOR", "党政办"), (4, "COOPERATES_ON", "经济发展办"), (5, "LEADS", "严启明")}
TABLE_BEGUN = {(2, "RESPONSIBLE_FOR", "农业农村办"), (3, "RESPONSIBLE_FOR", "党政办"),
               (4, "RESPONSIBLE_FOR", "经济发展办"), (4, "COOPERATES_ON", "党政办"), (5, "LEADS", "苏映雪")}
TABLE_2025 = (TABLE_2024 - TABLE_ENDED) | TABLE_BEGUN


def as_of_graph(date: str | None = None, files=None):
    """The graph of the documents as they stood on ``date`` (all of them: the current graph)."""
    return build_graph(read_plans([str(f) for f in (files or FILES)], as_of=date))


def assignments(graph) -> set[tuple[int, str, str]]:
    """(task number, relation, name) of every lead, responsible and cooperating unit."""
    return {(graph.nodes[v]["number"], d["type"], graph.nodes[u]["name"])
            for u, v, d in graph.edges(data=True) if d["type"] in ASSIGNMENTS}


def group(graph) -> dict[str, str]:
    """The leading group's members and their roles."""
    return {d["name"]: d["role"] for _, d in graph.nodes(data=True) if d["label"] == "Official" and d.get("role")}


def people_facts(graph) -> dict[tuple, dict]:
    """(source name, relation, target kind, target number, target name, role or position) → evidence, of every
    relationship of an official or a unit to a task, unit or plan."""
    out = {}
    for u, v, d in graph.edges(data=True):
        if d["type"] in PEOPLE:
            a, b = graph.nodes[u], graph.nodes[v]
            key = (a["name"], d["type"], b["label"], b.get("number"), b["name"], d.get("role") or d.get("position"))
            out[key] = d["evidence"]
    return out


def intervals(facts_by_date: dict[str, set]) -> set[tuple]:
    """(fact, valid_from, valid_to) of facts given per version date: each run of dates holding it, ``valid_to`` the
    first date after the run (None when it holds at the last date)."""
    dates = sorted(facts_by_date)
    out, since = set(), {}
    for date in dates:
        for fact in facts_by_date[date]:
            since.setdefault(fact, date)
        for fact in [f for f in since if f not in facts_by_date[date]]:
            out.add((fact, since.pop(fact), date))
    return out | {(fact, start, None) for fact, start in since.items()}


def holds(start: str | None, end: str | None, date: str) -> bool:
    """Whether a fact valid from ``start`` to ``end`` holds on ``date``."""
    return (start is None or start <= date) and (end is None or end > date)
