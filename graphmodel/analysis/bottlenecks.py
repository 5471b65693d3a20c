"""Bottlenecks: who carries the most tasks, who sits between the most, and the plan's truck factor."""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..graph import subdistricts
from ..schema import Label, Rel
from ._refs import edges_in, edges_out, nodes_of
from .network import responsibility_network

__all__ = ["bottlenecks", "truck_factor"]


def bottlenecks(graph: nx.MultiDiGraph, *, top: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """Rank each 街道's officials and units by load, with their place in the responsibility network.

    Officials: ``tasks_led`` (LEADS), ``tasks_accountable`` (ACCOUNTABLE_FOR: tasks whose
    responsible unit they head), ``load`` (the distinct tasks they lead or are accountable
    for — what the truck factor counts), ``units_headed`` (HEADS, chief or deputy).
    Sorted by load, then tasks led, then betweenness.

    Units: ``tasks_responsible`` (RESPONSIBLE_FOR), ``tasks_cooperating`` (COOPERATES_ON),
    ``heads`` (the officials who HEAD it). Sorted by tasks responsible, then cooperating,
    then betweenness.

    For both: ``betweenness`` is the normalised betweenness centrality in the 街道's
    responsibility network (officials, units, tasks; undirected; see
    :func:`~graphmodel.analysis.network.responsibility_network`), and ``articulation`` tells
    whether removing the node splits its part of that network. A collective unit is not in
    the network: its betweenness is None and articulation False.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.
    top : int, optional
        Keep only the first ``top`` officials and units of each 街道.

    Returns
    -------
    dict
        ``{"officials": [...], "units": [...], "truck_factor": [...]}``; rows are grouped by
        街道 in graph order. An official row: ``{"id", "official", "subdistrict", "role",
        "tasks_led", "tasks_accountable", "load", "units_headed", "betweenness",
        "articulation"}``; a unit row: ``{"id", "unit", "subdistrict", "collective",
        "tasks_responsible", "tasks_cooperating", "heads", "betweenness", "articulation"}``;
        ``truck_factor`` as :func:`truck_factor` returns it.

    Examples
    --------
    张三 leads tasks 1 and 2; 管理办 is responsible for task 2:

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("甲/Official/张三", label="Official", name="张三", subdistrict="甲", role="组长")
    >>> g.add_node("甲/Unit/管理办", label="Unit", name="管理办", subdistrict="甲", collective=False)
    >>> g.add_node("甲/Task/1", label="Task", name="一", subdistrict="甲", number=1)
    >>> g.add_node("甲/Task/2", label="Task", name="二", subdistrict="甲", number=2)
    >>> for u, v, k in [("甲/Official/张三", "甲/Task/1", "LEADS"), ("甲/Official/张三", "甲/Task/2", "LEADS"),
    ...                 ("甲/Unit/管理办", "甲/Task/2", "RESPONSIBLE_FOR")]:
    ...     _ = g.add_edge(u, v, key=k, type=k)
    >>> result = bottlenecks(g)
    >>> [(r["official"], r["tasks_led"], r["betweenness"], r["articulation"]) for r in result["officials"]]
    [('张三', 2, 0.6667, True)]
    >>> [(r["unit"], r["tasks_responsible"], r["betweenness"], r["articulation"]) for r in result["units"]]
    [('管理办', 1, 0.0, False)]
    """
    officials: list[dict[str, Any]] = []
    units: list[dict[str, Any]] = []
    for sd in subdistricts(graph):
        net = responsibility_network(graph, sd)
        betweenness = nx.betweenness_centrality(net, normalized=True)
        cut = set(nx.articulation_points(net))
        rows = [_official_row(graph, o, sd, betweenness, cut) for o in nodes_of(graph, Label.OFFICIAL, sd)]
        rows.sort(key=lambda r: (-r["load"], -r["tasks_led"], -r["betweenness"]))
        officials.extend(rows[:top] if top is not None else rows)
        rows = [_unit_row(graph, u, sd, betweenness, cut) for u in nodes_of(graph, Label.UNIT, sd)]
        rows.sort(key=lambda r: (-r["tasks_responsible"], -r["tasks_cooperating"], -(r["betweenness"] or 0.0)))
        units.extend(rows[:top] if top is not None else rows)
    return {"officials": officials, "units": units, "truck_factor": truck_factor(graph)}


def _official_row(graph, node, sd, betweenness, cut):
    led = {t for t, _, _ in edges_out(graph, node, Rel.LEADS)}
    accountable = {t for t, _, _ in edges_out(graph, node, Rel.ACCOUNTABLE_FOR)}
    return {
        "id": node,
        "official": graph.nodes[node].get("name"),
        "subdistrict": sd,
        "role": graph.nodes[node].get("role"),
        "tasks_led": len(led),
        "tasks_accountable": len(accountable),
        "load": len(led | accountable),
        "units_headed": len({u for u, _, _ in edges_out(graph, node, Rel.HEADS)}),
        "betweenness": round(betweenness.get(node, 0.0), 4),
        "articulation": node in cut,
    }


def _unit_row(graph, node, sd, betweenness, cut):
    return {
        "id": node,
        "unit": graph.nodes[node].get("name"),
        "subdistrict": sd,
        "collective": bool(graph.nodes[node].get("collective")),
        "tasks_responsible": len({t for t, _, _ in edges_out(graph, node, Rel.RESPONSIBLE_FOR)}),
        "tasks_cooperating": len({t for t, _, _ in edges_out(graph, node, Rel.COOPERATES_ON)}),
        "heads": [graph.nodes[o].get("name") for o, _, _ in edges_in(graph, node, Rel.HEADS)],
        "betweenness": round(betweenness[node], 4) if node in betweenness else None,
        "articulation": node in cut,
    }


def truck_factor(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Return each 街道's truck factor: how few officials' absence leaves most tasks with nobody.

    A task is covered by an official who LEADS it or is ACCOUNTABLE_FOR it (heads its
    responsible unit). The truck factor is the number of officials whose absence leaves
    more than half of the tasks uncovered, found greedily: remove the official who covers
    the most still-covered tasks (the first in document order on a tie), and repeat until
    more than half the tasks are uncovered. Greedy removal gives an upper bound on the
    true minimum, and the names removed show which people the plan leans on.

    When more than half of the tasks are uncovered before anyone is removed (a plan that
    names no task leads, like 潍坊), the truck factor is 0 and not applicable, with the reason.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.

    Returns
    -------
    list of dict
        One row per 街道: ``{"subdistrict", "tasks", "covered", "truck_factor", "removed",
        "uncovered", "applicable", "reason"}`` — ``covered``: tasks covered before removal;
        ``removed``: the officials' names in removal order; ``uncovered``: tasks uncovered after
        removal; ``reason``: why the number is not applicable, else None.

    Examples
    --------
    张三 leads tasks 1 and 2, 李四 leads task 3; removing 张三 leaves 2 of 3 uncovered:

    >>> g = nx.MultiDiGraph()
    >>> for n in ("甲/Official/张三", "甲/Official/李四"):
    ...     g.add_node(n, label="Official", name=n.split("/")[-1], subdistrict="甲")
    >>> for i in (1, 2, 3):
    ...     g.add_node(f"甲/Task/{i}", label="Task", name=str(i), subdistrict="甲", number=i)
    >>> for u, v in [("张三", 1), ("张三", 2), ("李四", 3)]:
    ...     _ = g.add_edge(f"甲/Official/{u}", f"甲/Task/{v}", key="LEADS", type="LEADS")
    >>> truck_factor(g)
    [{'subdistrict': '甲', 'tasks': 3, 'covered': 3, 'truck_factor': 1, 'removed': ['张三'], 'uncovered_steps': [2], 'uncovered': 2, 'applicable': True, 'reason': None}]
    """
    rows = []
    for sd in subdistricts(graph):
        tasks = nodes_of(graph, Label.TASK, sd)
        coverage = {
            o: {t for t, _, _ in edges_out(graph, o, Rel.LEADS, Rel.ACCOUNTABLE_FOR)}
            for o in nodes_of(graph, Label.OFFICIAL, sd)
        }
        covered = set().union(*coverage.values()) & set(tasks) if coverage else set()
        row = {"subdistrict": sd, "tasks": len(tasks), "covered": len(covered), "truck_factor": 0,
               "removed": [], "uncovered_steps": [], "uncovered": len(tasks) - len(covered),
               "applicable": True, "reason": None}
        if not tasks:
            row.update(applicable=False, reason="方案中没有任务")
        elif not covered:
            row.update(applicable=False, reason="没有任何任务写明牵头领导或由领导小组成员负责的责任部门，无从计算")
        elif 2 * row["uncovered"] > len(tasks):
            row.update(applicable=False, reason=f"未移除任何人时已有{row['uncovered']}项任务（超过一半）无人牵头或负责")
        else:
            still = dict(coverage)
            while 2 * (len(tasks) - len(covered)) <= len(tasks):
                official = max(still, key=lambda o: len(still[o] & covered))
                del still[official]
                row["removed"].append(graph.nodes[official].get("name"))
                covered = set().union(*still.values()) & set(tasks) if still else set()
                row["uncovered_steps"].append(len(tasks) - len(covered))
            row.update(truck_factor=len(row["removed"]), uncovered=len(tasks) - len(covered))
        rows.append(row)
    return rows
