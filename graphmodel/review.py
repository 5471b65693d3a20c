"""The facts a reviewer checks, one row each: who holds which role, who leads, who is responsible, who cooperates.

A fact is named by a *fact code* ``kind|anchor|name``: its kind (:data:`FACT_KINDS`), the id of the node it
belongs to (the task, the plan, the office) and the name it is about (the official, the unit, the role's
holder). The code is what a review row carries back (:mod:`graphmodel.corrections`); it stays the same
across re-reads of the same document (ids are stable), and stops matching when the document changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import networkx as nx

from .schema import Label, Rel

__all__ = ["FACT_KINDS", "FactKind", "fact_code", "parse_code", "review_rows"]


class FactKind(NamedTuple):
    """A kind of fact: the relationship, the label of its subject (the edge's source) and of its anchor (the target);
    ``value``: the edge property the fact's detail shows, and whether a correction replaces it (not the name).
    ``rel`` None: the fact is a property of its anchor (the office's ``seat``), the subject its value."""

    rel: str | None
    subject: str
    anchor: str
    value: str | None = None
    corrects_value: bool = False


#: The kinds of fact a review lists, in the order they are listed for a 街道.
FACT_KINDS: dict[str, FactKind] = {
    "role": FactKind(Rel.MEMBER_OF, Label.OFFICIAL, Label.PLAN, "role", corrects_value=True),
    "member-unit": FactKind(Rel.MEMBER_OF, Label.UNIT, Label.PLAN, "position"),
    "office-head": FactKind(Rel.HEADS, Label.OFFICIAL, Label.UNIT, "position"),
    "office-seat": FactKind(None, Label.UNIT, Label.UNIT),
    "lead": FactKind(Rel.LEADS, Label.OFFICIAL, Label.TASK, "as_written"),
    "responsible": FactKind(Rel.RESPONSIBLE_FOR, Label.UNIT, Label.TASK, "as_written"),
    "cooperating": FactKind(Rel.COOPERATES_ON, Label.UNIT, Label.TASK, "as_written"),
}

#: Kinds a task should have a fact of: a task without one gets an empty row, for the reviewer to fill (缺).
_EXPECTED = ("lead", "responsible")


def fact_code(kind: str, anchor: str, name: str) -> str:
    """The code of a fact.

    >>> fact_code("lead", "甲/Task/3", "张三")
    'lead|甲/Task/3|张三'
    """
    return f"{kind}|{anchor}|{name}"


def parse_code(code: str) -> tuple[str, str, str] | None:
    """``(kind, anchor, name)`` of a fact code, or None when it is none.

    >>> parse_code("lead|甲/Task/3|张三"), parse_code("甲")
    (('lead', '甲/Task/3', '张三'), None)
    """
    parts = str(code or "").strip().split("|")
    if len(parts) != 3 or parts[0] not in FACT_KINDS or not parts[1]:
        return None
    return parts[0], parts[1], parts[2]


def _kind_of(graph: nx.MultiDiGraph, source: str, target: str, type_: str) -> str | None:
    labels = graph.nodes[source].get("label"), graph.nodes[target].get("label")
    for kind, k in FACT_KINDS.items():
        if k.rel == type_ and (k.subject, k.anchor) == labels:
            if kind == "office-head" and graph.nodes[target].get("kind") != "office":
                continue
            if kind == "role" and not graph.edges[source, target, type_].get("role"):
                continue
            return kind
    return None


def review_rows(graph: nx.MultiDiGraph, *, lines: Mapping[tuple[str, int], str] | None = None,
                warnings: Iterable[Any] = ()) -> list[dict[str, Any]]:
    """Return every fact a reviewer checks, one row each, the rows the reader warned about first.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.
    lines : mapping, optional
        ``(file, line) → text`` of the documents: the text of each fact's line.
    warnings : iterable
        The readers' notices (:class:`graphmodel.model.Notice`); a fact whose line a notice names is flagged.

    Returns
    -------
    list of dict
        ``{"code", "kind", "subdistrict", "anchor", "name", "value", "evidence", "text", "notices",
        "missing"}``: ``anchor`` the node ``{"id", "label", "name", "number"}`` the fact belongs to,
        ``notices`` the notices of its line, ``missing`` an expected fact the document does not give
        (a task without a lead): a row with no name, for the reviewer to fill. Flagged rows first,
        then by 街道, kind and line.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("甲/Official/张三", label="Official", name="张三", subdistrict="甲")
    >>> g.add_node("甲/Task/1", label="Task", name="修路", number=1, subdistrict="甲", evidence={"file": "a", "line": 5})
    >>> _ = g.add_edge("甲/Official/张三", "甲/Task/1", key="LEADS", type="LEADS", evidence={"file": "a", "line": 5})
    >>> [(r["code"], r["missing"]) for r in review_rows(g)]
    [('lead|甲/Task/1|张三', False), ('responsible|甲/Task/1|', True)]
    """
    lines = lines or {}
    by_line: dict[tuple[str, int], list[Any]] = {}
    for notice in warnings:
        if getattr(notice, "file", None) and getattr(notice, "line", None):
            by_line.setdefault((notice.file, notice.line), []).append(notice)
    rows = []
    for source, target, type_, data in graph.edges(keys=True, data=True):
        kind = _kind_of(graph, source, target, type_)
        if kind is not None:
            rows.append(_row(graph, kind, target, graph.nodes[source].get("name", source), data))
    covered = {(r["kind"], r["anchor"]["id"]) for r in rows}
    for node, data in graph.nodes(data=True):
        if data.get("label") == Label.UNIT and data.get("kind") == "office":  # 办公室设在 X: a fact of the office
            rows.append(_row(graph, "office-seat", node, data.get("seat") or "", {"evidence": data.get("evidence")},
                             missing=not data.get("seat")))
        if data.get("label") == Label.TASK:
            rows += [_row(graph, kind, node, "", {"evidence": data.get("evidence")}, missing=True)
                     for kind in _EXPECTED if (kind, node) not in covered
                     and not (kind == "lead" and data.get("lead_posts"))]
    order = {kind: i for i, kind in enumerate(FACT_KINDS)}
    sds = {sd: i for i, sd in enumerate(dict.fromkeys(d.get("subdistrict") for _, d in graph.nodes(data=True)))}
    for row in rows:
        ev = row["evidence"] or {}
        row["text"] = lines.get((ev.get("file"), ev.get("line")), "")
        row["notices"] = by_line.get((ev.get("file"), ev.get("line")), [])
    rows.sort(key=lambda r: (not r["notices"], sds.get(r["subdistrict"], 0), order[r["kind"]],
                             (r["evidence"] or {}).get("line") or 0, r["missing"]))
    return rows


def _goal(graph, task: str) -> str | None:
    """The name of the goal a task serves (what names an unnumbered task)."""
    return next((graph.nodes[v].get("name") for _, v, k in graph.out_edges(task, keys=True) if k == Rel.SERVES), None)


def _row(graph, kind: str, anchor: str, name: str, data: dict, *, missing: bool = False) -> dict[str, Any]:
    node = graph.nodes[anchor]
    value = None if missing else data.get(FACT_KINDS[kind].value)
    return {"code": fact_code(kind, anchor, name), "kind": kind, "subdistrict": node.get("subdistrict"),
            "anchor": {"id": anchor, "label": node.get("label"), "name": node.get("name", anchor),
                       "number": node.get("number"), "goal": _goal(graph, anchor)},
            "name": name, "value": value, "evidence": data.get("evidence"), "missing": missing,
            "inherited": bool(data.get("inherited"))}
