"""Names as a user types them → nodes: exact name, alias, 街道/名称, task number, unique substring."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import networkx as nx

from ..errors import AmbiguousNameError, UnknownNameError
from ..names import clean
from ..schema import Label

__all__ = ["lookup_each", "lookup", "qualified_name", "LOOKUP_LABELS"]

#: The labels a name can stand for, unless the caller narrows them.
LOOKUP_LABELS: tuple[str, ...] = (Label.OFFICIAL, Label.UNIT, Label.TASK, Label.GOAL, Label.STREET)


def qualified_name(graph: nx.MultiDiGraph, node: str) -> str:
    """Return the name that finds ``node`` whatever else the graph holds: ``街道/名称``.

    A numbered task is ``街道/7``; an unnumbered one goes by its id.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph.
    node : str
        A node id.

    Returns
    -------
    str
        A name :func:`lookup` resolves to ``node`` alone (unless one 街道 holds two nodes of that name).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("甲/Unit/管理办", label="Unit", name="管理办", subdistrict="甲")
    >>> g.add_node("甲/Task/7", label="Task", name="任务", subdistrict="甲", number=7)
    >>> g.add_node("甲/Task/x1", label="Task", name="任务", subdistrict="甲", number=None)
    >>> [qualified_name(g, n) for n in g]
    ['甲/管理办', '甲/7', '甲/Task/x1']
    """
    data = graph.nodes[node]
    if data.get("label") == Label.TASK:
        return f"{data['subdistrict']}/{data['number']}" if data.get("number") is not None else node
    return f"{data.get('subdistrict')}/{data.get('name', node)}"


def lookup(graph: nx.MultiDiGraph, name: str, *, labels: Iterable[str] | None = None) -> str:
    """Return the node a name stands for.

    The name is tried, in this order, as

    1. a node id (``金杨新村街道/Unit/社区管理办``);
    2. ``街道/名称``: the part before the first ``/`` names the 街道 (its full name or a
       unique part of it, 金杨), the rest is looked up in that 街道 alone by the steps below;
    3. an exact name, or an alias (a unit's other spelling in the document: 管理办 for
       社区管理办). A 街道's exact name wins over an alias in the same 街道, but the same
       name in two 街道 — as name or as alias — is ambiguous;
    4. a task number (``7``);
    5. a part of one name or alias (of any label); failing that, a part of one task's text.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.
    name : str
        What the user typed; spaces are ignored and brackets normalised.
    labels : iterable of str, optional
        The labels the name may stand for (default: Official, Unit, Task, Goal, Street).

    Returns
    -------
    str
        The node id.

    Raises
    ------
    AmbiguousNameError
        When a step matches more than one node; the message lists them as ``街道/名称``.
    UnknownNameError
        When no step matches; the message lists close names (difflib).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("甲/Unit/社区管理办", label="Unit", name="社区管理办", subdistrict="甲", aliases=["管理办"])
    >>> g.add_node("乙/Unit/管理办", label="Unit", name="管理办", subdistrict="乙", aliases=[])
    >>> g.add_node("甲/Official/张三", label="Official", name="张三", subdistrict="甲")
    >>> lookup(g, "张三"), lookup(g, "甲/管理办"), lookup(g, "社区管")
    ('甲/Official/张三', '甲/Unit/社区管理办', '甲/Unit/社区管理办')
    >>> lookup(g, "管理办")
    Traceback (most recent call last):
    ...
    graphmodel.errors.AmbiguousNameError: 名称“管理办”不唯一，可能是：甲/社区管理办、乙/管理办（请写全称或加上街道，如 金杨新村街道/管理办）
    >>> lookup(g, "张四")
    Traceback (most recent call last):
    ...
    graphmodel.errors.UnknownNameError: 未找到名称“张四”；相近的有：张三
    """
    allowed = set(LOOKUP_LABELS if labels is None else labels)
    if name in graph and graph.nodes[name].get("label") in allowed:  # a node id as it stands (brackets, spaces)
        return name
    query = clean(name)
    candidates = [n for n, d in graph.nodes(data=True) if d.get("label") in allowed]
    if not query:
        raise UnknownNameError(name)
    if query in graph and query in candidates:
        return query
    if "/" in query:
        head, rest = query.split("/", 1)
        subdistrict = _subdistrict(graph, head)
        if subdistrict is not None and rest:
            local = [n for n in candidates if graph.nodes[n].get("subdistrict") == subdistrict]
            found = _match(graph, rest, local)
            if found is not None:
                return _one(graph, name, found)
            raise UnknownNameError(name, _close(graph, rest, local))
    found = _match(graph, query, candidates)
    if found is None:
        raise UnknownNameError(name, _close(graph, query, candidates))
    return _one(graph, name, found)


def lookup_each(graph: nx.MultiDiGraph, name: str, *, labels: Iterable[str] | None = None) -> list[str]:
    """Like :func:`lookup`, but a name that stands for one node in each of several 街道 gives them all.

    Used where an answer per 街道 makes sense (``depends 管理办`` on the plans of two 街道);
    a name that is ambiguous within one 街道 is still an error.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("甲/Unit/社区管理办", label="Unit", name="社区管理办", subdistrict="甲", aliases=["管理办"])
    >>> g.add_node("乙/Unit/管理办", label="Unit", name="管理办", subdistrict="乙", aliases=[])
    >>> lookup_each(g, "管理办")
    ['甲/Unit/社区管理办', '乙/Unit/管理办']
    >>> lookup_each(g, "甲/管理办")
    ['甲/Unit/社区管理办']
    """
    try:
        return [lookup(graph, name, labels=labels)]
    except AmbiguousNameError as exc:
        allowed = set(LOOKUP_LABELS if labels is None else labels)
        query = clean(name)
        candidates = [n for n, d in graph.nodes(data=True) if d.get("label") in allowed]
        found = _match(graph, query, candidates) or []
        places = [graph.nodes[n].get("subdistrict") for n in found]
        if "/" in query or len(set(places)) != len(places):
            raise exc
        return found


def _subdistrict(graph: nx.MultiDiGraph, text: str) -> str | None:
    names = list(dict.fromkeys(d.get("subdistrict") for _, d in graph.nodes(data=True) if d.get("subdistrict")))
    if text in names:
        return text
    partial = [s for s in names if text and text in s]
    return partial[0] if len(partial) == 1 else None


def _names(data: dict) -> list[str]:
    """A node's name and aliases, cleaned as a query is (a goal written 提升(3)效能 or 交通/环境 提升)."""
    return [clean(data.get("name") or "")] + [clean(a) for a in data.get("aliases") or []]


def _match(graph: nx.MultiDiGraph, query: str, candidates: list[str]) -> list[str] | None:
    """The first step that matches anything: its nodes; None when nothing matches."""
    exact = [n for n in candidates if _names(graph.nodes[n])[0] == query]
    exact_places = {graph.nodes[n].get("subdistrict") for n in exact}
    alias = [
        n for n in candidates
        if query in _names(graph.nodes[n])[1:] and graph.nodes[n].get("subdistrict") not in exact_places
    ]
    if exact or alias:
        return [n for n in candidates if n in exact or n in alias]
    if query.isdigit():
        numbered = [n for n in candidates if graph.nodes[n].get("label") == Label.TASK
                    and graph.nodes[n].get("number") == int(query)]
        if numbered:
            return numbered
    part = [n for n in candidates if any(query in s for s in _names(graph.nodes[n]) if s)]
    if part:
        return part
    text = [n for n in candidates if query in (graph.nodes[n].get("text") or "")]
    return text or None


def _one(graph: nx.MultiDiGraph, name: str, found: list[str]) -> str:
    if len(found) == 1:
        return found[0]
    raise AmbiguousNameError(name, [qualified_name(graph, n) for n in found])


def _close(graph: nx.MultiDiGraph, query: str, candidates: list[str]) -> list[str]:
    written = {}  # cleaned name -> as written, so a suggestion reads as the document wrote it
    for n in candidates:
        data = graph.nodes[n]
        for raw in [data.get("name") or ""] + list(data.get("aliases") or []):
            if raw:
                written.setdefault(clean(raw), raw)
    return [written[s] for s in difflib.get_close_matches(query, list(written), n=5, cutoff=0.5)]
