"""Bottlenecks: who carries the most tasks, who sits between the most, and the plan's truck factor."""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from ..graph import subdistricts
from ..schema import Label, Rel
from ._refs import edges_in, edges_out, nodes_of, ref
from .network import responsibility_network

__all__ = ["bottlenecks", "truck_factor", "TRUCK_FACTOR_REASONS"]


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
    the network: its betweenness is None and articulation False. Numbers are at full precision
    (tables round them).

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
    [('张三', 2, 0.6666666666666666, True)]
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
        "betweenness": betweenness.get(node, 0.0),
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
        "betweenness": betweenness.get(node),
        "articulation": node in cut,
    }


#: Why a 街道 has no truck factor: no tasks at all, no task with anyone leading or accountable,
#: more than half of the tasks with nobody before anyone is removed.
TRUCK_FACTOR_REASONS = ("no-tasks", "no-task-covered", "most-tasks-uncovered")


def truck_factor(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Return each 街道's truck factor: the fewest officials whose absence leaves most tasks with nobody.

    A task is covered by an official who LEADS it or is ACCOUNTABLE_FOR it (heads its
    responsible unit). The truck factor is the smallest number of officials whose removal
    leaves more than half of the 街道's tasks uncovered. It is found exactly, by a
    branch-and-bound search over sets of officials of growing size (iterative deepening),
    which the greedy removal bounds from above. Among the smallest sets, the one leaving the
    most tasks uncovered is given, the first in document order on a tie.

    The greedy removal is kept as an explanation: remove the official who covers the most
    still-covered tasks (the first in document order on a tie) until more than half of the
    tasks are uncovered. Each step says how many tasks it uncovered; a step that uncovers
    nothing is flagged — it is the sign that greedy overshoots.

    When more than half of the tasks are uncovered before anyone is removed (a plan that
    names no task leads, like 潍坊), the truck factor is 0 and not applicable; with no tasks
    at all it is None. ``reason`` says which (one of :data:`TRUCK_FACTOR_REASONS`).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.

    Returns
    -------
    list of dict
        One row per 街道: ``{"subdistrict", "tasks", "covered", "truck_factor", "removed",
        "uncovered", "greedy", "applicable", "reason"}`` — ``covered``: tasks covered before
        removal; ``removed``: the smallest set, ``{"id", "name"}`` of each official in document
        order; ``uncovered``: tasks uncovered after removing them; ``greedy``: the greedy steps,
        ``{"id", "name", "uncovered", "newly_uncovered", "uncovers_nothing"}`` each (tasks
        uncovered after the step, tasks the step uncovered, whether that is none);
        ``reason``: why the number is not applicable, else None.

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
    >>> [row] = truck_factor(g)
    >>> row["truck_factor"], [o["name"] for o in row["removed"]], row["uncovered"]
    (1, ['张三'], 2)
    >>> [(s["name"], s["uncovered"], s["uncovers_nothing"]) for s in row["greedy"]]
    [('张三', 2, False)]
    """
    return [_truck_factor_of(graph, sd) for sd in subdistricts(graph)]


def _truck_factor_of(graph: nx.MultiDiGraph, sd: str) -> dict[str, Any]:
    tasks = nodes_of(graph, Label.TASK, sd)
    index = {t: i for i, t in enumerate(tasks)}
    officials = [o for o in nodes_of(graph, Label.OFFICIAL, sd)]
    coverage = [frozenset(index[t] for t, _, _ in edges_out(graph, o, Rel.LEADS, Rel.ACCOUNTABLE_FOR) if t in index)
                for o in officials]
    covered = len(frozenset().union(*coverage))
    row: dict[str, Any] = {"subdistrict": sd, "tasks": len(tasks), "covered": covered, "truck_factor": 0,
                           "removed": [], "uncovered": len(tasks) - covered, "greedy": [],
                           "applicable": False, "reason": None}
    if not tasks:
        return {**row, "truck_factor": None, "reason": "no-tasks"}
    if not covered:
        return {**row, "reason": "no-task-covered"}
    if 2 * row["uncovered"] > len(tasks):
        return {**row, "reason": "most-tasks-uncovered"}
    # Tasks with nobody count from the start; ``need`` more must lose everyone covering them.
    need = len(tasks) // 2 + 1 - row["uncovered"]
    greedy = _greedy(coverage, need)
    chosen, killed = _smallest_removal(coverage, need, most=len(greedy))
    ref_of = [ref(graph, o) for o in officials]
    return {**row, "truck_factor": len(chosen), "removed": [ref_of[i] for i in chosen],
            "uncovered": row["uncovered"] + killed, "applicable": True,
            "greedy": [{**ref_of[i], "uncovered": row["uncovered"] + total, "newly_uncovered": new,
                        "uncovers_nothing": new == 0} for i, total, new in greedy]}


def _greedy(coverage: list[frozenset[int]], need: int) -> list[tuple[int, int, int]]:
    """Remove the official covering most still-covered tasks until ``need`` tasks have lost everyone.

    Returns ``(official, tasks uncovered so far, tasks this step uncovered)`` per step.
    """
    still = dict(enumerate(coverage))
    steps: list[tuple[int, int, int]] = []
    covered = frozenset().union(*coverage)
    total = 0
    while total < need:
        official = max(still, key=lambda o: len(still[o] & covered))  # max keeps the first on a tie
        del still[official]
        now = frozenset().union(*still.values())
        steps.append((official, total + len(covered - now), len(covered - now)))
        total, covered = steps[-1][1], now
    return steps


def _smallest_removal(coverage: list[frozenset[int]], need: int, *, most: int) -> tuple[list[int], int]:
    """The smallest set of officials (at most ``most``) whose removal uncovers at least ``need`` tasks.

    Among the smallest sets, the one uncovering the most tasks, the first in index order on a tie.
    Returns the officials' indexes, ascending, and how many tasks the set uncovers.
    """
    useful = [i for i, tasks in enumerate(coverage) if tasks]  # the others are in no smallest set
    masks: dict[int, int] = {}  # each covered task: the bitmask of the (useful) officials covering it
    for bit, i in enumerate(useful):
        for t in coverage[i]:
            masks[t] = masks.get(t, 0) | 1 << bit
    sizes = sorted((len(coverage[i]) for i in useful), reverse=True)
    for size in range(1, most + 1):
        if sum(sizes[:size]) < need:
            continue  # each task uncovered needs one of the set: even the largest ``size`` fall short
        found = _best_of_size(list(masks.values()), len(useful), size, need - 1)
        if found is not None:
            return [useful[bit] for bit in found[0]], found[1]
    raise AssertionError("the greedy removal is a set of size `most` that uncovers `need` tasks")


def _best_of_size(masks: list[int], officials: int, size: int, floor: int) -> tuple[list[int], int] | None:
    """The set of ``size`` officials uncovering the most tasks, if more than ``floor``; else None.

    Depth-first over officials in index order, taking one before leaving it out, so sets come
    in lexicographic order and only a strictly better one replaces the best so far. A branch
    is cut when even its bound cannot beat the best: tasks it has uncovered, plus, for the
    officials still to choose, the largest sums of 1/(officials still covering the task)
    over the tasks each could help uncover — every task uncovered later adds exactly 1 there.
    """
    best: list[Any] = [floor, None]

    def visit(i: int, chosen: int, excluded: int, left: int) -> None:
        uncovered = 0
        weight = [0.0] * officials
        for mask in masks:
            if mask & excluded:
                continue  # someone who stays covers it
            rest = mask & ~chosen
            if not rest:
                uncovered += 1
                continue
            n = rest.bit_count()
            if n > left:
                continue
            while rest:
                low = rest & -rest
                weight[low.bit_length() - 1] += 1 / n
                rest ^= low
        if left == 0 or i == officials:
            if uncovered > best[0]:
                best[:] = [uncovered, chosen]
            return
        bound = sum(sorted(weight[i:], reverse=True)[:left])
        if uncovered + math.floor(bound + 1e-9) <= best[0]:
            return
        visit(i + 1, chosen | 1 << i, excluded, left - 1)
        visit(i + 1, chosen, excluded | 1 << i, left)

    visit(0, 0, 0, size)
    if best[1] is None:
        return None
    return [i for i in range(officials) if best[1] >> i & 1], best[0]
