"""Small read-only helpers the analyses share: references to nodes, tasks and edges."""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..schema import Label

__all__ = ["ref", "task_ref", "task_phrase", "edges_in", "edges_out", "nodes_of", "evidence_of"]


def ref(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """``{"id", "name"}`` of a node."""
    return {"id": node, "name": graph.nodes[node].get("name", node)}


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


def task_phrase(graph: nx.MultiDiGraph, task: str, *, text: bool = True) -> str:
    """How a message names a task: ``任务7“…”``, or ``“吸纳社会共同参与”下无序号的任务“…”``.

    Without ``text``: ``任务7``, ``“吸纳社会共同参与”下无序号的任务``.
    """
    data = graph.nodes[task]
    quoted = f"“{data.get('name', task)}”" if text else ""
    if data.get("number") is not None:
        return f"任务{data['number']}{quoted}"
    goal = task_ref(graph, task)["goal"]
    return f"“{goal}”下无序号的任务{quoted}" if goal else f"无序号的任务{quoted}"


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
