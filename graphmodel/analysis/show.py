"""Everything the graph says about one official, unit, task, goal or street, each fact with its evidence."""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..schema import Rel
from ._refs import evidence_of, ref
from .lookup import lookup

__all__ = ["describe", "describe_node"]

_ORDER = [Rel.MEMBER_OF, Rel.HEADS, Rel.LEADS, Rel.ACCOUNTABLE_FOR, Rel.RESPONSIBLE_FOR, Rel.COOPERATES_ON,
          Rel.SERVES, Rel.PART_OF, Rel.CONCERNS, Rel.IN_PLAN, Rel.PLAN_OF]
_BASIC = {"label", "name", "subdistrict", "evidence"}


def describe(graph: nx.MultiDiGraph, name: str) -> dict[str, Any]:
    """Return one node and every relationship it has, each with the line it was read from.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.
    name : str
        An official, unit, task, goal or street, as :func:`~graphmodel.analysis.lookup.lookup`
        finds it: a name, an alias, ``街道/名称``, a task number (``7`` if only one 街道 has a
        task 7, else ``金杨新村街道/7``), a part of a name or of a task's text, or a node id.

    Returns
    -------
    dict
        ``{"subject", "facts"}``. ``subject``: ``{"id", "label", "name", "subdistrict",
        "evidence", "properties"}`` (``properties``: the node's other attributes — role,
        titles, aliases, number, text, level …). ``facts``: one per edge, ``{"type",
        "direction", "other", "properties", "via", "evidence"}`` where ``direction`` is
        ``"out"`` (subject → other) or ``"in"``, ``other`` ``{"id", "name", "label"}`` (and
        ``number`` for a task), ``properties`` the edge's (role, position, deputy …), ``via``
        ``{"id", "name"}`` of the unit an ACCOUNTABLE_FOR runs through, or None. Facts are
        ordered by relationship, then direction, then line.

    Raises
    ------
    UnknownNameError, AmbiguousNameError
        When the name finds nothing, or more than one node.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("甲/Official/张三", label="Official", name="张三", subdistrict="甲", role="组长",
    ...            titles=["管理办主任"], evidence={"file": "a.txt", "line": 3})
    >>> g.add_node("甲/Unit/管理办", label="Unit", name="管理办", subdistrict="甲", evidence={"file": "a.txt", "line": 3})
    >>> g.add_node("甲/Task/1", label="Task", name="整新", subdistrict="甲", number=1,
    ...            evidence={"file": "a.txt", "line": 9})
    >>> _ = g.add_edge("甲/Official/张三", "甲/Unit/管理办", key="HEADS", type="HEADS", position="主任", deputy=False,
    ...                evidence={"file": "a.txt", "line": 3})
    >>> _ = g.add_edge("甲/Official/张三", "甲/Task/1", key="LEADS", type="LEADS", evidence={"file": "a.txt", "line": 9})
    >>> result = describe(g, "张三")
    >>> result["subject"]["properties"]
    {'role': '组长', 'titles': ['管理办主任']}
    >>> [(f["type"], f["direction"], f["other"]["name"], f["properties"], f["evidence"]["line"]) for f in result["facts"]]
    [('HEADS', 'out', '管理办', {'position': '主任', 'deputy': False}, 3), ('LEADS', 'out', '整新', {}, 9)]
    """
    return describe_node(graph, lookup(graph, name))


def describe_node(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """Return what :func:`describe` returns, for a node given by its id (no name lookup).

    For callers that already hold the node, such as the HTML report: the id is used as it is,
    whatever brackets or spaces the node's name holds.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.
    node : str
        A node id of the graph.

    Returns
    -------
    dict
        ``{"subject", "facts"}``, as :func:`describe`.

    Raises
    ------
    KeyError
        When the graph has no such node.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("甲/Goal/提升(3)效能", label="Goal", name="提升(3)效能", subdistrict="甲")
    >>> describe_node(g, "甲/Goal/提升(3)效能")["subject"]["name"]
    '提升(3)效能'
    """
    data = graph.nodes[node]
    facts = []
    for direction, edges in (("out", graph.out_edges(node, keys=True, data=True)),
                             ("in", graph.in_edges(node, keys=True, data=True))):
        for u, v, k, attrs in edges:
            other = v if direction == "out" else u
            props = {a: b for a, b in attrs.items() if a not in ("type", "evidence")}
            via = props.get("via")
            facts.append({
                "type": k,
                "direction": direction,
                "other": ref(graph, other, brief=True),
                "properties": props,
                "via": {"id": via, "name": graph.nodes[via].get("name", via) if via in graph else via} if via else None,
                "evidence": evidence_of(attrs),
            })
    order = {rel: i for i, rel in enumerate(_ORDER)}
    facts.sort(key=lambda f: (order.get(f["type"], len(order)), f["direction"] == "in",
                              (f["evidence"] or {}).get("line") or 0))
    return {
        "subject": {
            "id": node, "label": data.get("label"), "name": data.get("name", node),
            "subdistrict": data.get("subdistrict"), "evidence": evidence_of(data),
            "properties": {a: b for a, b in data.items() if a not in _BASIC},
        },
        "facts": facts,
    }
