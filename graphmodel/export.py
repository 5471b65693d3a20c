"""The graph → the export contract: JSON ``{"nodes", "edges"}`` and GraphML."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

__all__ = ["CONTRACT_VERSION", "PLAIN_VERSION", "edge_key", "to_dict", "to_json", "to_graphml", "from_dict", "flat_properties"]

#: The version of the export contract, written into every export (``version`` in JSON, ``contract_version``
#: on the GraphML graph). Bumped whenever a label, a relationship type or a property changes meaning.
#:
#: 1. ``Subdistrict`` top node (a 街道), ``PLAN_OF`` Plan → Subdistrict; no version in the files.
#: 2. The top node is the issuing body at any level: label ``Issuer`` (was ``Subdistrict``) with ``level``
#:    (街道, 镇, 乡, 区, 新区, 开发区, 县, 市); ``PLAN_OF`` Plan → Issuer. ``Plan`` gains ``layout``
#:    (``action-plan``, ``leading-group-notice`` …) and ``group`` (the 领导小组's name); ``Unit`` gains
#:    ``seat`` (the unit an office sits in); ``MEMBER_OF`` Unit → Plan may carry ``position``
#:    (主要负责人 …); an ``Official`` with ``role`` null may have ``titles``. The ``subdistrict`` property
#:    keeps its name and is the issuer's name, the scope of every id. ``Task`` gains ``lead_posts`` (leads
#:    named by post only, 区政府分管领导); ``LEADS``, ``RESPONSIBLE_FOR``, ``COOPERATES_ON``,
#:    ``ACCOUNTABLE_FOR`` and ``SERVES`` may carry ``inherited`` (read from a merged cell above); ``LEADS``,
#:    ``RESPONSIBLE_FOR`` and ``COOPERATES_ON`` may carry ``as_written``, the document's own word for the
#:    role (牵头单位, 责任单位, 主办, 协办 …); evidence may name ``page``, ``table``, ``row`` and ``cell``.
#: 3. History (``export --history``): every node and edge may carry ``valid_from`` and ``valid_to`` (ISO dates
#:    read from the documents; ``valid_to`` null while the fact holds), and the facts of earlier versions are
#:    there too, so two edges of one type may join the same nodes (one ended, one current). Only an export
#:    with history says 3; one without history is unchanged and still says 2 (:data:`PLAIN_VERSION`).
CONTRACT_VERSION = 3

#: The version an export without history writes: nothing of contract 3 is in it.
PLAIN_VERSION = 2


def edge_key(type_: str, valid_from: str | None = None, valid_to: str | None = None) -> str:
    """The key of an edge in the graph: its type, or ``TYPE@valid_from`` for a fact that no longer holds.

    Examples
    --------
    >>> edge_key("LEADS"), edge_key("LEADS", "2024-02-26"), edge_key("LEADS", "2024-02-26", "2025-02-18")
    ('LEADS', 'LEADS', 'LEADS@2024-02-26')
    """
    return type_ if valid_to is None else f"{type_}@{valid_from}"


def _version(graph: nx.MultiDiGraph) -> int:
    return CONTRACT_VERSION if graph.graph.get("history") else PLAIN_VERSION


def to_dict(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """Return the graph as the export contract: ``{"version", "nodes": [...], "edges": [...]}``.

    A node is ``{"id", "label", "name", "subdistrict", "evidence": {"file", "line"}, ...}``;
    an edge ``{"source", "target", "type", "evidence", ...}``. Order is the graph's. The version is
    :data:`PLAIN_VERSION`, or :data:`CONTRACT_VERSION` for a graph with history (``graph.graph["history"]``).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("甲/Unit/管理办", label="Unit", name="管理办", subdistrict="甲", evidence={"file": "a", "line": 2})
    >>> g.add_node("甲/Task/1", label="Task", name="任务", subdistrict="甲", evidence={"file": "a", "line": 3})
    >>> _ = g.add_edge("甲/Unit/管理办", "甲/Task/1", key="RESPONSIBLE_FOR", type="RESPONSIBLE_FOR",
    ...                evidence={"file": "a", "line": 3})
    >>> to_dict(g)["edges"]
    [{'source': '甲/Unit/管理办', 'target': '甲/Task/1', 'type': 'RESPONSIBLE_FOR', 'evidence': {'file': 'a', 'line': 3}}]
    """
    nodes = [{"id": n, **d} for n, d in graph.nodes(data=True)]
    edges = [
        {"source": u, "target": v, "type": d.get("type", k), **{a: b for a, b in d.items() if a != "type"}}
        for u, v, k, d in graph.edges(keys=True, data=True)
    ]
    return {"version": _version(graph), "nodes": nodes, "edges": edges}


def to_json(graph: nx.MultiDiGraph, indent: int | None = 2) -> str:
    """Return the export contract as JSON text (UTF-8, Chinese kept as is)."""
    return json.dumps(to_dict(graph), ensure_ascii=False, indent=indent)


def from_dict(data: dict[str, list[dict[str, Any]]]) -> nx.MultiDiGraph:
    """Rebuild a graph from the export contract (the inverse of :func:`to_dict`).

    Raises
    ------
    ValueError
        If ``data`` says it follows a newer contract than this version of graphmodel knows.

    Examples
    --------
    >>> data = {"version": PLAIN_VERSION, "nodes": [{"id": "a", "label": "Task"}, {"id": "b", "label": "Unit"}],
    ...         "edges": [{"source": "b", "target": "a", "type": "RESPONSIBLE_FOR"}]}
    >>> to_dict(from_dict(data)) == data
    True
    """
    version = data.get("version", 1)
    if not isinstance(version, int) or version > CONTRACT_VERSION:
        raise ValueError(f"export contract version {version!r} is newer than this graphmodel reads ({CONTRACT_VERSION})")
    graph = nx.MultiDiGraph(**({"history": True} if version >= 3 else {}))
    for node in data["nodes"]:
        graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in data["edges"]:
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target")}
        key = edge_key(edge["type"], edge.get("valid_from"), edge.get("valid_to"))
        graph.add_edge(edge["source"], edge["target"], key=key, **attrs)
    return graph


def to_graphml(graph: nx.MultiDiGraph) -> str:
    """Return the graph as GraphML.

    GraphML holds scalars only (see :func:`flat_properties`): ``evidence`` becomes ``evidence_file``
    and ``evidence_line`` (with ``evidence_page`` … where known); lists (aliases, titles) and other
    structures become JSON text; missing values are left out.
    """
    flat = nx.MultiDiGraph(contract_version=_version(graph))
    for n, d in graph.nodes(data=True):
        flat.add_node(n, **flat_properties(d, lists=False))
    for u, v, k, d in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=k, **flat_properties(d, lists=False))
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


_SCALARS = (str, int, float, bool)


def flat_properties(
    attrs: dict[str, Any], *, skip: tuple[str, ...] = (), lists: bool = True, keep_none: bool = False
) -> dict[str, Any]:
    """Return node or edge attributes as flat properties, for formats that hold scalars only.

    ``evidence`` becomes ``evidence_file`` and ``evidence_line`` (and ``evidence_page``,
    ``evidence_table``, ``evidence_row``, ``evidence_cell`` where the fact has them; the same
    fact in other documents, ``also``, as JSON text in ``evidence_also``). Scalars stay; a list
    of scalars stays a list when ``lists`` (Neo4j, CSV arrays), else becomes JSON text (GraphML),
    as does any other structure. ``None`` values are left out unless ``keep_none``.

    Examples
    --------
    >>> flat_properties({"label": "Unit", "aliases": ["管理办"], "kind": None,
    ...                  "evidence": {"file": "a.pdf", "line": 7, "page": 2}}, skip=("label",))
    {'aliases': ['管理办'], 'evidence_file': 'a.pdf', 'evidence_line': 7, 'evidence_page': 2}
    >>> flat_properties({"aliases": ["管理办"], "kind": None}, lists=False, keep_none=True)
    {'aliases': '["管理办"]', 'kind': None}
    """
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if key in skip or (value is None and not keep_none):
            continue
        if key == "evidence" and isinstance(value, dict):
            out.update(_flat_evidence(value))
        elif value is None or isinstance(value, _SCALARS):
            out[key] = value
        elif lists and isinstance(value, (list, tuple)) and all(isinstance(v, _SCALARS) for v in value):
            out[key] = list(value)
        else:
            out[key] = json.dumps(value, ensure_ascii=False)
    return out


def _flat_evidence(evidence: dict[str, Any]) -> dict[str, Any]:
    out = {f"evidence_{part}": value for part, value in evidence.items() if part != "also" and value is not None}
    if "evidence_box" in out:  # read by OCR: x0,top,x1,bottom as one scalar (GraphML holds no lists)
        out["evidence_box"] = ",".join(str(v) for v in out["evidence_box"])
    if evidence.get("also"):
        out["evidence_also"] = json.dumps(evidence["also"], ensure_ascii=False)
    return out
