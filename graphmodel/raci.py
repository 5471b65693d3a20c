"""The task × unit responsibility matrix (牵头领导, 责任, 配合) planners keep as a spreadsheet."""

from __future__ import annotations

from typing import Any

import networkx as nx

from .graph import subdistricts
from .schema import Label, Rel

__all__ = ["raci_matrix", "raci_rows", "RESPONSIBLE", "COOPERATING", "FIXED_COLUMNS"]

#: The cell of a unit responsible for a task (责任部门).
RESPONSIBLE = "责任"
#: The cell of a unit cooperating on a task (配合部门).
COOPERATING = "配合"
#: The columns of :func:`raci_rows` before the unit columns.
FIXED_COLUMNS: tuple[str, ...] = ("subdistrict", "number", "goal", "task", "lead", "file", "line")


def raci_matrix(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Return, per 街道, the matrix of its tasks (rows) and units (columns).

    A row is a task: its number, the goal it serves (what names a row without a number), its
    text, its 牵头领导 (LEADS), and a cell per unit that is :data:`RESPONSIBLE` (责任,
    RESPONSIBLE_FOR) or :data:`COOPERATING` (配合, COOPERATES_ON) — 责任 where a unit is both.
    The columns are every unit of the 街道: first those with a cell, in the order they first
    appear going down the rows, then the others (in graph order), so a plan that assigns no
    unit (潍坊) still gets its grid to fill in. Nothing is read that the graph does not hold.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.

    Returns
    -------
    list of dict
        One per 街道, in graph order: ``{"subdistrict", "units": [unit names], "rows": [...]}``;
        a row ``{"id", "number", "goal", "text", "lead": [official names], "cells": {unit name:
        "责任" | "配合"}, "evidence": {"file", "line"}}``, in document order.

    Examples
    --------
    张三 leads task 1; 管理办 is responsible, 执法队 cooperates; 林长办 has no task:

    >>> g = nx.MultiDiGraph()
    >>> ev = {"file": "a.txt", "line": 9}
    >>> g.add_node("甲/Official/张三", label="Official", name="张三", subdistrict="甲", evidence=ev)
    >>> for unit in ("林长办", "执法队", "管理办"):
    ...     g.add_node(f"甲/Unit/{unit}", label="Unit", name=unit, subdistrict="甲", evidence=ev)
    >>> g.add_node("甲/Task/1", label="Task", name="整新", text="整新。", subdistrict="甲", number=1, evidence=ev)
    >>> _ = g.add_edge("甲/Official/张三", "甲/Task/1", key="LEADS", type="LEADS", evidence=ev)
    >>> _ = g.add_edge("甲/Unit/管理办", "甲/Task/1", key="RESPONSIBLE_FOR", type="RESPONSIBLE_FOR", evidence=ev)
    >>> _ = g.add_edge("甲/Unit/执法队", "甲/Task/1", key="COOPERATES_ON", type="COOPERATES_ON", evidence=ev)
    >>> matrix = raci_matrix(g)
    >>> matrix[0]["units"]
    ['管理办', '执法队', '林长办']
    >>> row = matrix[0]["rows"][0]
    >>> row["number"], row["text"], row["lead"], row["cells"]
    (1, '整新。', ['张三'], {'管理办': '责任', '执法队': '配合'})
    """
    matrices = []
    for sd in subdistricts(graph):
        tasks = [n for n, d in graph.nodes(data=True) if d.get("label") == Label.TASK and d.get("subdistrict") == sd]
        tasks.sort(key=lambda t: _line(graph.nodes[t]))  # stable: graph order where lines tie
        rows = [_row(graph, task) for task in tasks]
        seen = dict.fromkeys(unit for row in rows for unit in row["cells"])
        others = [d.get("name") for _, d in graph.nodes(data=True)
                  if d.get("label") == Label.UNIT and d.get("subdistrict") == sd and d.get("name") not in seen]
        matrices.append({"subdistrict": sd, "units": list(seen) + others, "rows": rows})
    return matrices


def raci_rows(graph: nx.MultiDiGraph) -> tuple[list[str], list[dict[str, Any]]]:
    """Return one matrix for all 街道: the columns and flat rows (for CSV).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.

    Returns
    -------
    tuple of (list of str, list of dict)
        The columns — :data:`FIXED_COLUMNS` (``lead``: the names joined by 、; ``number`` None
        for a row without one), then every unit name of any 街道 in :func:`raci_matrix` order
        (a name two 街道 share is one column) — and a dict per task with those keys (a unit
        cell is ``"责任"``, ``"配合"`` or ``""``).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> ev = {"file": "a.txt", "line": 3}
    >>> g.add_node("甲/Unit/管理办", label="Unit", name="管理办", subdistrict="甲", evidence=ev)
    >>> g.add_node("甲/Task/1", label="Task", name="整新", text="整新。", subdistrict="甲", number=1, evidence=ev)
    >>> _ = g.add_edge("甲/Unit/管理办", "甲/Task/1", key="COOPERATES_ON", type="COOPERATES_ON", evidence=ev)
    >>> columns, rows = raci_rows(g)
    >>> columns[len(FIXED_COLUMNS):], rows[0]["管理办"], rows[0]["lead"], rows[0]["line"]
    (['管理办'], '配合', '', 3)
    """
    matrices = raci_matrix(graph)
    units = list(dict.fromkeys(unit for m in matrices for unit in m["units"]))
    rows = []
    for m in matrices:
        for row in m["rows"]:
            evidence = row["evidence"] or {}
            flat = {"subdistrict": m["subdistrict"], "number": row["number"], "goal": row["goal"],
                    "task": row["text"], "lead": "、".join(row["lead"]),
                    "file": evidence.get("file"), "line": evidence.get("line")}
            flat.update({unit: row["cells"].get(unit, "") for unit in units})
            rows.append(flat)
    return [*FIXED_COLUMNS, *units], rows


def _row(graph: nx.MultiDiGraph, task: str) -> dict[str, Any]:
    data = graph.nodes[task]
    lead, cells, goals = [], {}, []
    for u, _, key in sorted(graph.in_edges(task, keys=True), key=lambda e: _line(graph.edges[e])):
        name = graph.nodes[u].get("name", u)
        if key == Rel.LEADS:
            lead.append(name)
        elif key == Rel.RESPONSIBLE_FOR:
            cells[name] = RESPONSIBLE
        elif key == Rel.COOPERATES_ON:
            cells.setdefault(name, COOPERATING)
    for _, v, key in graph.out_edges(task, keys=True):
        if key == Rel.SERVES:
            goals.append(graph.nodes[v].get("name", v))
    evidence = data.get("evidence")
    return {
        "id": task,
        "number": data.get("number"),
        "goal": goals[0] if goals else None,
        "text": data.get("text") or data.get("name", task),
        "lead": list(dict.fromkeys(lead)),
        "cells": cells,
        "evidence": dict(evidence) if evidence else None,
    }


def _line(attrs: dict[str, Any]) -> int:
    return (attrs.get("evidence") or {}).get("line") or 0
