"""Per-街道 counts of what the graph holds."""

from __future__ import annotations

import networkx as nx

from .graph import subdistricts
from .schema import Label, Rel

__all__ = ["summarize"]


def summarize(graph: nx.MultiDiGraph) -> list[dict]:
    """Count, per 街道, the officials, units, tasks, goals, streets and tasks without a lead.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("甲/Plan/p", label="Plan", subdistrict="甲", evidence={"file": "a.txt", "line": 1})
    >>> g.add_node("甲/Task/1", label="Task", subdistrict="甲"); g.add_node("甲/Task/2", label="Task", subdistrict="甲")
    >>> g.add_node("甲/Official/张三", label="Official", subdistrict="甲")
    >>> _ = g.add_edge("甲/Official/张三", "甲/Task/1", key="LEADS", type="LEADS")
    >>> summarize(g)
    [{'subdistrict': '甲', 'file': 'a.txt', 'officials': 1, 'units': 0, 'tasks': 2, 'goals': 0, 'streets': 0, 'tasks_without_lead': 1}]
    """
    rows = []
    for sd in subdistricts(graph):
        nodes = [(n, d) for n, d in graph.nodes(data=True) if d.get("subdistrict") == sd]
        count = lambda label: sum(1 for _, d in nodes if d.get("label") == label)  # noqa: E731
        tasks = [n for n, d in nodes if d.get("label") == Label.TASK]
        led = {v for v in tasks for _, _, k in graph.in_edges(v, keys=True) if k == Rel.LEADS}
        led |= {v for v in tasks if graph.nodes[v].get("lead_posts")}  # led by a post (区政府分管领导)
        files = list(dict.fromkeys(d["evidence"]["file"] for _, d in nodes
                                   if d.get("label") == Label.PLAN and "evidence" in d))
        rows.append({
            "subdistrict": sd,
            "file": " + ".join(files) or None,  # every document read for the body (graphmodel.merge)
            "officials": count(Label.OFFICIAL),
            "units": count(Label.UNIT),
            "tasks": len(tasks),
            "goals": count(Label.GOAL),
            "streets": count(Label.STREET),
            "tasks_without_lead": len(tasks) - len(led),
        })
    return rows
