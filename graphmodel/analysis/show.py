"""Everything the graph says about one official, unit, task, goal or street, each fact with its evidence."""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..schema import Label, Rel
from ._refs import evidence_of
from .lookup import lookup

__all__ = ["describe", "RELATION_NAMES"]

#: How a fact reads from the subject's side: (type, "out" | "in") → Chinese.
RELATION_NAMES: dict[tuple[str, str], str] = {
    (Rel.MEMBER_OF, "out"): "成员，属于", (Rel.MEMBER_OF, "in"): "成员",
    (Rel.HEADS, "out"): "担任负责人", (Rel.HEADS, "in"): "负责人",
    (Rel.LEADS, "out"): "牵头任务", (Rel.LEADS, "in"): "牵头领导",
    (Rel.ACCOUNTABLE_FOR, "out"): "作为责任部门负责人对任务负责", (Rel.ACCOUNTABLE_FOR, "in"): "责任部门负责人",
    (Rel.RESPONSIBLE_FOR, "out"): "作为责任部门负责任务", (Rel.RESPONSIBLE_FOR, "in"): "责任部门",
    (Rel.COOPERATES_ON, "out"): "作为配合部门配合任务", (Rel.COOPERATES_ON, "in"): "配合部门",
    (Rel.SERVES, "out"): "服务于目标", (Rel.SERVES, "in"): "服务于它的任务",
    (Rel.PART_OF, "out"): "属于目标", (Rel.PART_OF, "in"): "下级目标",
    (Rel.CONCERNS, "out"): "涉及道路", (Rel.CONCERNS, "in"): "涉及它的任务或目标",
    (Rel.IN_PLAN, "out"): "所属方案", (Rel.IN_PLAN, "in"): "方案中的任务或目标",
    (Rel.PLAN_OF, "out"): "发文机关", (Rel.PLAN_OF, "in"): "方案",
}

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
        "direction", "relation", "other", "detail", "properties", "evidence"}`` where
        ``direction`` is ``"out"`` (subject → other) or ``"in"``, ``relation`` the Chinese
        reading (:data:`RELATION_NAMES`), ``other`` ``{"id", "name", "label"}`` (and ``number``
        for a task), ``detail`` a Chinese note from the edge's properties (role, position, via
        unit) or None. Facts are ordered by relationship, then direction, then line.

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
    >>> [(f["relation"], f["other"]["name"], f["detail"], f["evidence"]["line"]) for f in result["facts"]]
    [('担任负责人', '管理办', '主任', 3), ('牵头任务', '整新', None, 9)]
    """
    node = lookup(graph, name)
    data = graph.nodes[node]
    facts = []
    for direction, edges in (("out", graph.out_edges(node, keys=True, data=True)),
                             ("in", graph.in_edges(node, keys=True, data=True))):
        for u, v, k, attrs in edges:
            other = v if direction == "out" else u
            props = {a: b for a, b in attrs.items() if a not in ("type", "evidence")}
            facts.append({
                "type": k,
                "direction": direction,
                "relation": RELATION_NAMES.get((k, direction), k),
                "other": _other(graph, other),
                "detail": _detail(graph, props),
                "properties": props,
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


def _other(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    data = graph.nodes[node]
    other = {"id": node, "name": data.get("name", node), "label": data.get("label")}
    if data.get("label") == Label.TASK:
        other["number"] = data.get("number")
    return other


def _detail(graph: nx.MultiDiGraph, props: dict[str, Any]) -> str | None:
    parts = []
    if props.get("role"):
        parts.append(str(props["role"]))
    if props.get("position"):
        parts.append(str(props["position"]) + ("（副职）" if props.get("deputy") and "副" not in props["position"] else ""))
    if props.get("via"):
        via = props["via"]
        parts.append("经由" + (graph.nodes[via].get("name", via) if via in graph else str(via)))
    return "；".join(parts) or None
