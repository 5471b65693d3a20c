"""The responsibility network: officials, units and tasks of one 街道 as an undirected graph."""

from __future__ import annotations

import networkx as nx

from ..schema import Label, Rel

__all__ = ["RESPONSIBILITY_RELS", "NETWORK_LABELS", "responsibility_network", "cut_off_tasks"]

#: The relationships that carry responsibility between people, units and tasks.
RESPONSIBILITY_RELS: frozenset[str] = frozenset(
    {Rel.LEADS, Rel.RESPONSIBLE_FOR, Rel.COOPERATES_ON, Rel.HEADS, Rel.ACCOUNTABLE_FOR}
)

#: The labels of the network's nodes.
NETWORK_LABELS: frozenset[str] = frozenset({Label.OFFICIAL, Label.UNIT, Label.TASK})


def responsibility_network(
    graph: nx.MultiDiGraph,
    subdistrict: str | None = None,
    *,
    collectives: bool = False,
) -> nx.Graph:
    """Return one 街道's responsibility network: an undirected simple graph over its officials, units and tasks.

    Two nodes are joined when the graph holds a LEADS, RESPONSIBLE_FOR, COOPERATES_ON,
    HEADS or ACCOUNTABLE_FOR edge between them, in either direction. Every official, unit
    and task of the 街道 is a node, joined or not.

    A collective party (各居民区, 各机关部门、事业中心) is left out unless ``collectives`` is
    true: it stands for many units, so two tasks it cooperates on are not linked through one
    party, and counting it as one would invent paths (and hide single points of failure).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph (see :func:`graphmodel.graph.build_graph`); it is not changed.
    subdistrict : str, optional
        The 街道; by default every node of the graph (only right for a graph of one 街道).
    collectives : bool
        Keep collective units as nodes.

    Returns
    -------
    networkx.Graph
        A new graph. Nodes carry ``label``, ``name``, ``subdistrict`` (and ``collective`` for
        units); an edge carries ``types``, the sorted relationship types it stands for.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("甲/Official/张三", label="Official", name="张三", subdistrict="甲")
    >>> g.add_node("甲/Unit/管理办", label="Unit", name="管理办", subdistrict="甲", collective=False)
    >>> g.add_node("甲/Unit/各居民区", label="Unit", name="各居民区", subdistrict="甲", collective=True)
    >>> g.add_node("甲/Task/1", label="Task", name="任务", subdistrict="甲")
    >>> for u, v, k in [("甲/Official/张三", "甲/Task/1", "LEADS"), ("甲/Official/张三", "甲/Task/1", "ACCOUNTABLE_FOR"),
    ...                 ("甲/Official/张三", "甲/Unit/管理办", "HEADS"), ("甲/Unit/管理办", "甲/Task/1", "RESPONSIBLE_FOR"),
    ...                 ("甲/Unit/各居民区", "甲/Task/1", "COOPERATES_ON")]:
    ...     _ = g.add_edge(u, v, key=k, type=k)
    >>> net = responsibility_network(g, "甲")
    >>> sorted(net), net.edges["甲/Official/张三", "甲/Task/1"]["types"]
    (['甲/Official/张三', '甲/Task/1', '甲/Unit/管理办'], ['ACCOUNTABLE_FOR', 'LEADS'])
    >>> responsibility_network(g, "甲", collectives=True).number_of_edges()
    4
    """
    net = nx.Graph()
    for n, d in graph.nodes(data=True):
        if d.get("label") not in NETWORK_LABELS:
            continue
        if subdistrict is not None and d.get("subdistrict") != subdistrict:
            continue
        if d.get("collective") and not collectives:
            continue
        attrs = {"label": d.get("label"), "name": d.get("name", n), "subdistrict": d.get("subdistrict")}
        if d.get("label") == Label.UNIT:
            attrs["collective"] = bool(d.get("collective"))
        net.add_node(n, **attrs)
    for u, v, k in graph.edges(keys=True):
        if k in RESPONSIBILITY_RELS and u in net and v in net:
            if net.has_edge(u, v):
                net.edges[u, v]["types"] = sorted(set(net.edges[u, v]["types"]) | {k})
            else:
                net.add_edge(u, v, types=[k])
    return net


def cut_off_tasks(network: nx.Graph, node: str) -> list[str]:
    """Return the tasks that ``node`` alone joins to the officials of the network.

    A task is cut off by ``node`` when it is connected to ``node`` in the network and, once
    ``node`` is removed, no official is left in its connected component. For an official this means the
    tasks nobody else in the leading group reaches; for a unit, the tasks whose only link to
    the leading group runs through the unit.

    Parameters
    ----------
    network : networkx.Graph
        A responsibility network (see :func:`responsibility_network`); it is not changed.
    node : str
        An official or unit of the network.

    Returns
    -------
    list of str
        Task ids, in network order.

    Examples
    --------
    Tasks 1 and 2 are led by 张三; 李四 heads 管理办, responsible for task 2:

    >>> net = nx.Graph()
    >>> net.add_nodes_from(["张三", "李四"], label="Official")
    >>> net.add_nodes_from(["任务1", "任务2"], label="Task"); net.add_node("管理办", label="Unit")
    >>> net.add_edges_from([("张三", "任务1"), ("张三", "任务2"), ("管理办", "任务2"), ("李四", "管理办")])
    >>> cut_off_tasks(net, "张三"), cut_off_tasks(net, "管理办"), cut_off_tasks(net, "李四")
    (['任务1'], [], [])
    """
    if node not in network:
        return []
    adj = network.adj
    seen = {node}
    out: list[str] = []
    for start in adj[node]:  # each part the node holds together, walked without it
        if start in seen:
            continue
        part, stack = [start], [start]
        seen.add(start)
        while stack:
            for nxt in adj[stack.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    part.append(nxt)
                    stack.append(nxt)
        if not any(network.nodes[n].get("label") == Label.OFFICIAL for n in part):
            out.extend(n for n in part if network.nodes[n].get("label") == Label.TASK)
    order = {n: i for i, n in enumerate(network)}
    return sorted(out, key=order.__getitem__)
