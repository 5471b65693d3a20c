"""Small read-only helpers the analyses share: references to nodes, tasks and edges."""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..schema import Label

__all__ = ["ref", "task_ref", "edges_in", "edges_out", "nodes_of", "evidence_of"]


def ref(graph: nx.MultiDiGraph, node: str, *, brief: bool = False, **extra: Any) -> dict[str, Any]:
    """``{"id", "name", "label"}`` of a node, and what names it further: a task's ``number`` and
    ``goal`` (the goal it SERVES, which names an unnumbered task), an official's group ``role``;
    ``brief``: a task's ``number`` only. Then ``extra`` (e.g. ``part``: what the node is to a finding).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("甲/Task/1", label="Task", name="修路", number=1)
    >>> ref(g, "甲/Task/1", part="led")
    {'id': '甲/Task/1', 'name': '修路', 'label': 'Task', 'number': 1, 'goal': None, 'part': 'led'}
    >>> ref(g, "甲/Task/1", brief=True)
    {'id': '甲/Task/1', 'name': '修路', 'label': 'Task', 'number': 1}
    """
    data = graph.nodes[node]
    out = {"id": node, "name": data.get("name", node), "label": data.get("label")}
    if data.get("label") == Label.TASK:
        out["number"] = data.get("number")
        if not brief:
            goals = [graph.nodes[v].get("name") for _, v, k in graph.out_edges(node, keys=True) if k == "SERVES"]
            out["goal"] = goals[0] if goals else None
    elif data.get("label") == Label.OFFICIAL and not brief:
        out["role"] = data.get("role")
    return out | extra


def evidence_of(data: dict[str, Any]) -> dict[str, Any] | None:
    """The ``{"file", "line"}`` of a node's or edge's attributes (a copy), or None."""
    evidence = data.get("evidence")
    return dict(evidence) if evidence else None


def task_ref(graph: nx.MultiDiGraph, task: str, evidence: dict[str, Any] | None = None) -> dict[str, Any]:
    """``{"id", "number", "name", "goal", "evidence"}`` of a task.

    ``goal`` is the name of the goal the task SERVES (what names an unnumbered row);
    ``evidence`` is the given one (the line of the edge that involves the task), else the task's own.
    """
    data = graph.nodes[task]
    goals = [graph.nodes[v].get("name") for _, v, k in graph.out_edges(task, keys=True) if k == "SERVES"]
    return {
        "id": task,
        "number": data.get("number"),
        "name": data.get("name", task),
        "goal": goals[0] if goals else None,
        "evidence": dict(evidence) if evidence else evidence_of(data),
    }


def edges_in(graph: nx.MultiDiGraph, node: str, *types: str) -> list[tuple[str, str, dict[str, Any]]]:
    """``(source, type, attrs)`` of the edges into ``node`` whose type is one of ``types``."""
    return [(u, k, d) for u, _, k, d in graph.in_edges(node, keys=True, data=True) if k in types]


def edges_out(graph: nx.MultiDiGraph, node: str, *types: str) -> list[tuple[str, str, dict[str, Any]]]:
    """``(target, type, attrs)`` of the edges out of ``node`` whose type is one of ``types``."""
    return [(v, k, d) for _, v, k, d in graph.out_edges(node, keys=True, data=True) if k in types]


def nodes_of(graph: nx.MultiDiGraph, label: str | Label, subdistrict: str | None = None) -> list[str]:
    """The nodes with this label (in one 街道, if given), in graph order."""
    return [
        n for n, d in graph.nodes(data=True)
        if d.get("label") == label and (subdistrict is None or d.get("subdistrict") == subdistrict)
    ]
