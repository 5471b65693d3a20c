"""Resolved models → one NetworkX graph (a MultiDiGraph keyed by relationship type)."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .model import SubdistrictModel

__all__ = ["build_graph", "add_model", "subgraph_of", "subdistricts"]


def add_model(graph: nx.MultiDiGraph, model: SubdistrictModel) -> nx.MultiDiGraph:
    """Add one 街道's entities and relations to ``graph`` (in place) and return it.

    Node attributes are the export contract's node fields (``label``, ``name``,
    ``subdistrict``, ``evidence`` …); an edge's key is its ``type``, and its
    attributes are ``type``, ``evidence`` and its properties.
    """
    for entity in model.entities:
        graph.add_node(entity.id, **entity.properties())
    for rel in model.relations:
        graph.add_edge(
            rel.source, rel.target, key=rel.type, type=rel.type,
            evidence=rel.evidence.model_dump(), **rel.properties,
        )
    graph.graph.setdefault("warnings", []).extend(model.warnings)
    return graph


def build_graph(models: Iterable[SubdistrictModel]) -> nx.MultiDiGraph:
    """Build the responsibility graph of one or more 街道.

    Parameters
    ----------
    models : iterable of SubdistrictModel
        Resolved plans (see ``loaders.read_plans``).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by their stable id; at most one edge of each type between two nodes.
        ``graph.graph["warnings"]`` holds what the readers warned about.

    Examples
    --------
    >>> from graphmodel.model import Evidence, Official, Task, Relation, SubdistrictModel
    >>> ev = Evidence(file="a.txt", line=1)
    >>> m = SubdistrictModel(subdistrict="甲街道", file="a.txt", entities=[
    ...     Official(id="甲街道/Official/张三", name="张三", subdistrict="甲街道", evidence=ev, role="组长", titles=[]),
    ...     Task(id="甲街道/Task/1", name="任务", subdistrict="甲街道", evidence=ev, number=1, text="任务")],
    ...     relations=[Relation(source="甲街道/Official/张三", target="甲街道/Task/1", type="LEADS", evidence=ev)])
    >>> g = build_graph([m])
    >>> g.number_of_nodes(), list(g.edges(keys=True))
    (2, [('甲街道/Official/张三', '甲街道/Task/1', 'LEADS')])
    """
    graph = nx.MultiDiGraph()
    for model in models:
        add_model(graph, model)
    return graph


def subdistricts(graph: nx.MultiDiGraph) -> list[str]:
    """Return the 街道 in the graph, in the order they were added.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("乙/Task/1", subdistrict="乙"); g.add_node("甲/Task/1", subdistrict="甲")
    >>> subdistricts(g)
    ['乙', '甲']
    """
    return list(dict.fromkeys(d.get("subdistrict") for _, d in graph.nodes(data=True) if d.get("subdistrict")))


def subgraph_of(graph: nx.MultiDiGraph, subdistrict: str) -> nx.MultiDiGraph:
    """Return a read-only view of one 街道's part of the graph.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("乙/Task/1", subdistrict="乙"); g.add_node("甲/Task/1", subdistrict="甲")
    >>> list(subgraph_of(g, "甲"))
    ['甲/Task/1']
    """
    return graph.subgraph(n for n, d in graph.nodes(data=True) if d.get("subdistrict") == subdistrict)
