"""Every fact of every version, with the dates it held: ``valid_from`` and ``valid_to``, read from the documents.

The versions of a body's documents (:mod:`graphmodel.merge`) are read as they stood on each of their dates
(``as_of``: 成文日期, else 印发日期, else the year of the 文号); a fact holds from the first date it is in a
state (``valid_from``) until the first later date it is not (``valid_to``; ``None`` while it holds now). The
current facts are exactly the current graph (:func:`graphmodel.build_graph` of the latest state), with their
attributes; an earlier fact carries the attributes (and evidence) of the last version that held it.

A relationship is one fact per set of properties: an official whose role in the group changed has one
``MEMBER_OF`` that ended on the date of the change and one that began then. A node is one per id, with
the attributes of the last version that held it, from its first date to the date it was last left out.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

from .export import edge_key
from .graph import build_graph
from .merge import document_date, merge_models
from .model import SubdistrictModel

__all__ = ["history_graph", "current_graph", "has_history", "fact_key", "version_dates", "HISTORY_FIELDS"]

#: The attributes this module adds to every node and edge.
HISTORY_FIELDS = ("valid_from", "valid_to")

#: Edge attributes that say where or how a fact was read, not what it is: a fact whose line moved is the same.
_NOT_THE_FACT = frozenset({"evidence", "inherited", "as_written", "type", *HISTORY_FIELDS})


def fact_key(source: str, target: str, type_: str, attrs: dict[str, Any]) -> str:
    """A short stable key of one relationship fact: its ends, type and properties, not its evidence.

    Examples
    --------
    >>> a = fact_key("甲/Official/张三", "甲/Plan/1", "MEMBER_OF", {"role": "组长", "evidence": {"line": 3}})
    >>> a == fact_key("甲/Official/张三", "甲/Plan/1", "MEMBER_OF", {"role": "组长", "evidence": {"line": 9}})
    True
    >>> a == fact_key("甲/Official/张三", "甲/Plan/1", "MEMBER_OF", {"role": "副组长"})
    False
    """
    what = {k: v for k, v in attrs.items() if k not in _NOT_THE_FACT and v is not None}
    text = json.dumps([source, target, type_, what], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def version_dates(documents: Iterable[SubdistrictModel]) -> list[str]:
    """The distinct dates of the documents, in order (documents without a date give none)."""
    return sorted({d for d in map(document_date, documents) if d})


def has_history(graph: nx.MultiDiGraph) -> bool:
    """Whether the graph carries history (made by :func:`history_graph`, or read back from such an export)."""
    return bool(graph.graph.get("history"))


def history_graph(documents: Iterable[SubdistrictModel], *, merge: bool = False, as_of: str | None = None,
                  correct: Callable[[SubdistrictModel], SubdistrictModel] | None = None) -> nx.MultiDiGraph:
    """The graph of every version of the documents, each node and edge with ``valid_from`` and ``valid_to``.

    Parameters
    ----------
    documents : iterable of SubdistrictModel
        Resolved documents, one each (not merged: :func:`graphmodel.merge.merge_models` is applied here).
    merge : bool
        As in :func:`graphmodel.merge.merge_models`.
    as_of : str, optional
        The history up to this date only (documents dated later left out).
    correct : callable, optional
        Applied to each body's model of every state (a reviewer's corrections).

    Returns
    -------
    networkx.MultiDiGraph
        The current graph's nodes and edges (keys and attributes as :func:`graphmodel.build_graph` gives them)
        with ``valid_to`` None, and the facts of earlier states with their ``valid_to``; an earlier edge is
        keyed ``TYPE@valid_from`` (:func:`graphmodel.export.edge_key`). ``graph.graph["history"]`` is True and
        ``graph.graph["warnings"]`` are the current graph's.

    Raises
    ------
    PlanError
        As :func:`graphmodel.merge.merge_models`.

    Examples
    --------
    >>> from graphmodel.model import Evidence, Official, Plan
    >>> def notice(file, date, role):
    ...     ev = Evidence(file=file, line=2)
    ...     return SubdistrictModel(subdistrict="甲", file=file, layout="leading-group-notice", entities=[
    ...         Plan(id="甲/Plan/通知", name="通知", title="甲镇领导小组", group="甲镇领导小组", subdistrict="甲",
    ...              date=date, evidence=ev),
    ...         Official(id="甲/Official/张三", name="张三", subdistrict="甲", role=role, titles=[], evidence=ev)],
    ...         relations=[])
    >>> g = history_graph([notice("a.txt", "2023-03-01", "副组长"), notice("b.txt", "2024-05-01", "组长")])
    >>> [(d["role"], d["valid_from"], d["valid_to"], d["evidence"]["file"]) for n, d in g.nodes(data=True)
    ...  if d["label"] == "Official"]
    [('组长', '2023-03-01', None, 'b.txt')]
    """
    documents = list(documents)
    bodies: dict[str, list[SubdistrictModel]] = defaultdict(list)
    for doc in documents:
        bodies[doc.subdistrict].append(doc)
    fix = correct or (lambda model: model)
    current = build_graph([fix(m) for m in merge_models(documents, merge=merge, as_of=as_of)])
    out = nx.MultiDiGraph(**current.graph)
    out.graph["history"] = True
    parts = _parts(current)
    for body, docs in bodies.items():
        dates = [d for d in version_dates(docs) if as_of is None or not _after(d, as_of)]
        states = [build_graph([fix(m) for m in merge_models(_up_to(docs, d), merge=merge, as_of=d)])
                  for d in dates[:-1]]
        states.append(parts.get(body, nx.MultiDiGraph()))
        _add_history(out, states, dates or [None])
    return out


def _up_to(documents: list[SubdistrictModel], date: str) -> list[SubdistrictModel]:
    """The documents not dated after ``date`` (what ``merge_models(as_of=date)`` reads, found before it compares them)."""
    return [doc for doc in documents if not (when := document_date(doc)) or not _after(when, date)]


def _after(date: str, as_of: str) -> bool:
    return date[: len(as_of)] > as_of[: len(date)]


def _parts(graph: nx.MultiDiGraph) -> dict[str, nx.MultiDiGraph]:
    """Each body's nodes and the edges that start at them, as graphs of their own, in one pass."""
    parts: dict[str, nx.MultiDiGraph] = defaultdict(nx.MultiDiGraph)
    for n, d in graph.nodes(data=True):
        parts[d["subdistrict"]].add_node(n, **d)
    for u, v, k, d in graph.edges(keys=True, data=True):
        parts[graph.nodes[u]["subdistrict"]].add_edge(u, v, key=k, **d)
    return parts


def _add_history(out: nx.MultiDiGraph, states: list[nx.MultiDiGraph], dates: list[str | None]) -> None:
    """Add to ``out`` the nodes and edges of one body's states (one per date, the last the current one)."""
    if len(states) == 1:  # one version: every fact holds from its date
        out.add_nodes_from((n, {**d, "valid_from": dates[0], "valid_to": None}) for n, d in states[0].nodes(data=True))
        out.add_edges_from((u, v, k, {**d, "valid_from": dates[0], "valid_to": None})
                           for u, v, k, d in states[0].edges(keys=True, data=True))
        return
    first_seen: dict[str, str | None] = {}
    last_in: dict[str, int] = {}
    open_: dict[str, tuple[str | None, tuple, dict]] = {}  # fact → (valid_from, (u, v, type), attrs)
    closed: list[tuple[tuple, dict, str | None, str | None]] = []
    for i, (state, date) in enumerate(zip(states, dates)):
        for n in state.nodes:
            first_seen.setdefault(n, date)
            last_in[n] = i
        here = {}
        for u, v, k, d in state.edges(keys=True, data=True):
            type_ = d.get("type", k)
            here[fact_key(u, v, type_, d)] = ((u, v, type_), d)
        for fact, (ends, attrs) in here.items():
            since = open_[fact][0] if fact in open_ else date
            open_[fact] = (since, ends, attrs)
        for fact in [f for f in open_ if f not in here]:
            since, ends, attrs = open_.pop(fact)
            closed.append((ends, attrs, since, date))
    # the current facts first, in the current graph's order; then the earlier ones, each as its last state held it
    nodes = dict(states[-1].nodes(data=True))
    for state in reversed(states[:-1]):
        nodes.update((n, d) for n, d in state.nodes(data=True) if n not in nodes)
    last = len(states) - 1
    for n, attrs in nodes.items():
        gone = None if last_in[n] == last else dates[last_in[n] + 1]
        out.add_node(n, **attrs, valid_from=first_seen[n], valid_to=gone)
    for u, v, k, attrs in states[-1].edges(keys=True, data=True):
        since = open_[fact_key(u, v, attrs.get("type", k), attrs)][0]
        out.add_edge(u, v, key=k, **attrs, valid_from=since, valid_to=None)
    for (u, v, type_), attrs, since, until in closed:
        out.add_edge(u, v, key=edge_key(type_, since, until), **attrs, valid_from=since, valid_to=until)


def current_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The facts that hold now (``valid_to`` None), without the history attributes: the current graph.

    A graph without history is returned as it is.
    """
    if not has_history(graph):
        return graph
    out = nx.MultiDiGraph(**{k: v for k, v in graph.graph.items() if k != "history"})
    for n, d in graph.nodes(data=True):
        if d.get("valid_to") is None:
            out.add_node(n, **{k: v for k, v in d.items() if k not in HISTORY_FIELDS})
    for u, v, k, d in graph.edges(keys=True, data=True):
        if d.get("valid_to") is None:
            out.add_edge(u, v, key=k, **{a: b for a, b in d.items() if a not in HISTORY_FIELDS})
    return out
