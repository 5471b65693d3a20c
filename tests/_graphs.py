"""Hand-made graphs for the analysis tests: a few nodes and edges, in the shape the graph builder gives."""

from __future__ import annotations

import networkx as nx

__all__ = ["tiny"]


def tiny(nodes: dict[str, dict], edges: list[tuple]) -> nx.MultiDiGraph:
    """Build a small graph by hand.

    Nodes are ``{"街道/Label/key": {attrs}}``: the name is the key unless ``attrs`` gives ``name``;
    ``line`` sets the evidence line (default 1). Edges are ``(source, TYPE, target)``, optionally
    with a fourth item: the evidence line, or ``{props}`` (whose ``line`` sets the evidence line).
    The evidence file is always ``t.txt``.

    Examples
    --------
    >>> g = tiny({"甲/Official/张三": {"line": 4}, "甲/Task/1": {"number": 1}},
    ...          [("甲/Official/张三", "LEADS", "甲/Task/1", 9)])
    >>> g.nodes["甲/Official/张三"]
    {'label': 'Official', 'name': '张三', 'subdistrict': '甲', 'evidence': {'file': 't.txt', 'line': 4}}
    >>> list(g.edges(keys=True, data=True))
    [('甲/Official/张三', '甲/Task/1', 'LEADS', {'type': 'LEADS', 'evidence': {'file': 't.txt', 'line': 9}})]
    """
    g = nx.MultiDiGraph()
    for node, attrs in nodes.items():
        attrs = dict(attrs)
        sd, label, key = node.split("/")
        g.add_node(node, label=label, name=attrs.pop("name", key), subdistrict=sd,
                   evidence={"file": "t.txt", "line": attrs.pop("line", 1)}, **attrs)
    for source, type_, target, *extra in edges:
        props = {"line": extra[0]} if extra and isinstance(extra[0], int) else dict(extra[0]) if extra else {}
        line = props.pop("line", 1)
        g.add_edge(source, target, key=type_, type=type_, evidence={"file": "t.txt", "line": line}, **props)
    return g
