"""Who depends on whom: the dependencies of a unit or official, and the chains between two names."""

from __future__ import annotations

import itertools
from typing import Any

import networkx as nx

from ..schema import Label, Rel
from ._refs import edges_in, edges_out, evidence_of, ref, task_ref
from .lookup import lookup
from .network import RESPONSIBILITY_RELS, responsibility_network

__all__ = ["dependency_graph", "dependencies", "dependency_paths", "DEPENDENCY_ROLES"]

#: What the depended-on party does, for each kind of dependency ``A → B`` (A needs B).
DEPENDENCY_ROLES: dict[str, str] = {
    "head": "B heads unit A (HEADS, chief or deputy)",
    "lead": "B leads tasks unit A is responsible for (LEADS)",
    "headed_unit": "B is a unit official A heads (HEADS)",
    "responsible": "B is responsible for tasks official A leads (RESPONSIBLE_FOR)",
    "cooperating": "B cooperates on tasks A is responsible for (unit A) or leads (official A) (COOPERATES_ON)",
}


def dependency_graph(graph: nx.MultiDiGraph, subdistrict: str | None = None) -> nx.MultiDiGraph:
    """Return who needs whom among the officials and units, as a directed graph ``A → B`` (A needs B).

    A unit A needs the units cooperating on the tasks it is responsible for (``cooperating``),
    the officials leading those tasks (``lead``) and the officials heading it (``head``).
    An official A needs the units they head (``headed_unit``) and the units responsible for
    (``responsible``) or cooperating on (``cooperating``) the tasks they lead. See
    :data:`DEPENDENCY_ROLES`.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.
    subdistrict : str, optional
        Only this 街道 (dependencies never cross 街道).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes: the officials and units (with ``label``, ``name``, ``subdistrict``). Edges keyed
        by role, with ``role``, ``tasks`` (a list of ``(task id, evidence)``, the evidence
        being the line of B's part in the task; empty for ``head``/``headed_unit``) and
        ``evidence`` (the HEADS line, or the first task's).

    Examples
    --------
    管理办 is responsible for task 1, which 张三 leads and 城建中心 cooperates on:

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("甲/Official/张三", label="Official", name="张三", subdistrict="甲")
    >>> g.add_node("甲/Unit/管理办", label="Unit", name="管理办", subdistrict="甲")
    >>> g.add_node("甲/Unit/城建中心", label="Unit", name="城建中心", subdistrict="甲")
    >>> g.add_node("甲/Task/1", label="Task", name="整新", subdistrict="甲", number=1)
    >>> for u, k, line in [("甲/Official/张三", "LEADS", 7), ("甲/Unit/管理办", "RESPONSIBLE_FOR", 7),
    ...                    ("甲/Unit/城建中心", "COOPERATES_ON", 8)]:
    ...     _ = g.add_edge(u, "甲/Task/1", key=k, type=k, evidence={"file": "a.txt", "line": line})
    >>> sorted((g.nodes[a]["name"], k, g.nodes[b]["name"]) for a, b, k in dependency_graph(g).edges(keys=True))
    [('张三', 'cooperating', '城建中心'), ('张三', 'responsible', '管理办'), ('管理办', 'cooperating', '城建中心'), ('管理办', 'lead', '张三')]
    """
    deps = nx.MultiDiGraph()
    people = [n for n, d in graph.nodes(data=True)
              if d.get("label") in (Label.OFFICIAL, Label.UNIT)
              and (subdistrict is None or d.get("subdistrict") == subdistrict)]
    for n in people:
        d = graph.nodes[n]
        deps.add_node(n, label=d.get("label"), name=d.get("name", n), subdistrict=d.get("subdistrict"))

    def need(a: str, b: str, role: str, task: str | None, attrs: dict) -> None:
        if a == b or b not in deps:
            return
        if not deps.has_edge(a, b, key=role):
            deps.add_edge(a, b, key=role, role=role, tasks=[], evidence=evidence_of(attrs))
        tasks = deps.edges[a, b, role]["tasks"]
        if task is not None and task not in [t for t, _ in tasks]:
            tasks.append((task, evidence_of(attrs)))

    for a in people:
        if graph.nodes[a].get("label") == Label.UNIT:
            for official, _, attrs in edges_in(graph, a, Rel.HEADS):
                need(a, official, "head", None, attrs)
            for task, _, _ in edges_out(graph, a, Rel.RESPONSIBLE_FOR):
                for official, _, attrs in edges_in(graph, task, Rel.LEADS):
                    need(a, official, "lead", task, attrs)
                for unit, _, attrs in edges_in(graph, task, Rel.COOPERATES_ON):
                    need(a, unit, "cooperating", task, attrs)
        else:
            for unit, _, attrs in edges_out(graph, a, Rel.HEADS):
                need(a, unit, "headed_unit", None, attrs)
            for task, _, _ in edges_out(graph, a, Rel.LEADS):
                for unit, _, attrs in edges_in(graph, task, Rel.RESPONSIBLE_FOR):
                    need(a, unit, "responsible", task, attrs)
                for unit, _, attrs in edges_in(graph, task, Rel.COOPERATES_ON):
                    need(a, unit, "cooperating", task, attrs)
    return deps


def dependencies(graph: nx.MultiDiGraph, name: str, *, depth: int = 1) -> dict[str, Any]:
    """Return whom a unit or official depends on, and who depends on it, up to ``depth`` steps.

    The dependencies are those of :func:`dependency_graph`. Step 1 is the name's own; step
    ``n`` adds the dependencies of what step ``n - 1`` found, never revisiting a node.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.
    name : str
        An official or unit, as :func:`~graphmodel.analysis.lookup.lookup` finds it
        (管理办 finds 社区管理办; ``金杨新村街道/管理办``; a node id).
    depth : int
        How many steps to follow (at least 1).

    Returns
    -------
    dict
        ``{"subject", "tasks", "depends_on", "depended_on_by"}``. ``subject``: ``{"id", "name",
        "label", "subdistrict"}``. ``tasks``: the subject's own tasks, ``{"relation", "task"}``
        (LEADS, ACCOUNTABLE_FOR, RESPONSIBLE_FOR, COOPERATES_ON). Each dependency row:
        ``{"depth", "id", "name", "label", "role", "via", "tasks", "evidence"}`` where ``role``
        is what the depended-on party does (a key of :data:`DEPENDENCY_ROLES`), ``via`` the
        ``{"id", "name"}`` it was reached from, ``tasks`` the tasks that make the dependency
        (``{"id", "number", "name", "goal", "evidence"}``, evidence = the depended-on party's line).

    Raises
    ------
    UnknownNameError, AmbiguousNameError
        When the name finds no official or unit, or more than one.
    ValueError
        When ``depth`` is less than 1.

    Examples
    --------
    管理办 is responsible for task 1, which 张三 leads and 城建中心 cooperates on:

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("甲/Official/张三", label="Official", name="张三", subdistrict="甲")
    >>> g.add_node("甲/Unit/管理办", label="Unit", name="管理办", subdistrict="甲")
    >>> g.add_node("甲/Unit/城建中心", label="Unit", name="城建中心", subdistrict="甲")
    >>> g.add_node("甲/Task/1", label="Task", name="整新", subdistrict="甲", number=1)
    >>> for u, k, line in [("甲/Official/张三", "LEADS", 7), ("甲/Unit/管理办", "RESPONSIBLE_FOR", 7),
    ...                    ("甲/Unit/城建中心", "COOPERATES_ON", 8)]:
    ...     _ = g.add_edge(u, "甲/Task/1", key=k, type=k, evidence={"file": "a.txt", "line": line})
    >>> result = dependencies(g, "管理办")
    >>> [(r["name"], r["role"], [t["number"] for t in r["tasks"]]) for r in result["depends_on"]]
    [('张三', 'lead', [1]), ('城建中心', 'cooperating', [1])]
    >>> [(r["name"], r["role"]) for r in result["depended_on_by"]]
    [('张三', 'responsible')]
    >>> result["depends_on"][1]["tasks"][0]["evidence"]
    {'file': 'a.txt', 'line': 8}
    """
    if depth < 1:
        raise ValueError("depth must be at least 1")
    subject = lookup(graph, name, labels=(Label.OFFICIAL, Label.UNIT))
    data = graph.nodes[subject]
    deps = dependency_graph(graph, data.get("subdistrict"))
    own = []
    for rel in (Rel.LEADS, Rel.ACCOUNTABLE_FOR, Rel.RESPONSIBLE_FOR, Rel.COOPERATES_ON):
        own.extend({"relation": str(rel), "task": task_ref(graph, t, evidence_of(attrs))}
                   for t, _, attrs in edges_out(graph, subject, rel))
    return {
        "subject": {"id": subject, "name": data.get("name"), "label": data.get("label"),
                    "subdistrict": data.get("subdistrict")},
        "tasks": own,
        "depends_on": _walk(graph, deps, subject, depth, forward=True),
        "depended_on_by": _walk(graph, deps, subject, depth, forward=False),
    }


def _walk(graph, deps, start, depth, *, forward):
    rows: list[dict[str, Any]] = []
    seen = {start}
    frontier = [start]
    for level in range(1, depth + 1):
        found: list[str] = []
        for node in frontier:
            edges = deps.out_edges(node, keys=True, data=True) if forward else deps.in_edges(node, keys=True, data=True)
            for a, b, role, attrs in edges:
                other = b if forward else a
                if other in seen:
                    continue
                if other not in found:
                    found.append(other)
                rows.append({
                    "depth": level,
                    "id": other,
                    "name": deps.nodes[other]["name"],
                    "label": deps.nodes[other]["label"],
                    "role": role,
                    "via": {"id": node, "name": deps.nodes[node]["name"]},
                    "tasks": [task_ref(graph, t, ev) for t, ev in attrs["tasks"]],
                    "evidence": attrs["evidence"],
                })
        seen.update(found)
        frontier = found
        if not frontier:
            break
    return rows


def dependency_paths(graph: nx.MultiDiGraph, source: str, target: str, *, limit: int = 20) -> dict[str, Any]:
    """Return the shortest chains of responsibility between two names, each step with its evidence.

    The chains are the shortest paths in the 街道's responsibility network (officials, units
    and tasks, joined by LEADS, RESPONSIBLE_FOR, COOPERATES_ON, HEADS and ACCOUNTABLE_FOR in
    either direction; see :func:`~graphmodel.analysis.network.responsibility_network`).
    Collective units are left out of the network, unless one is an end of the chain.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.
    source, target : str
        Two officials, units or tasks, as :func:`~graphmodel.analysis.lookup.lookup` finds them.
    limit : int
        The most chains to return (there can be many of the same length).

    Returns
    -------
    dict
        ``{"source", "target", "length", "paths", "truncated"}``: ``source``/``target`` are
        ``{"id", "name", "label", "subdistrict"}``; ``length`` the number of steps of each chain
        (None when there is none: different 街道, or not connected); ``paths`` a list of chains,
        a chain a list of steps ``{"from", "to", "relations"}`` where ``from``/``to`` are
        ``{"id", "name", "label"}`` (and ``number`` for a task) and ``relations`` the edges between them,
        ``{"type", "forward", "evidence"}`` (``forward``: the edge points from ``from`` to ``to``);
        ``truncated``: whether more chains than ``limit`` exist.

    Raises
    ------
    UnknownNameError, AmbiguousNameError
        When a name finds no official, unit or task, or more than one.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("甲/Official/张三", label="Official", name="张三", subdistrict="甲")
    >>> g.add_node("甲/Unit/城建中心", label="Unit", name="城建中心", subdistrict="甲")
    >>> g.add_node("甲/Task/1", label="Task", name="整新", subdistrict="甲", number=1)
    >>> _ = g.add_edge("甲/Official/张三", "甲/Task/1", key="LEADS", type="LEADS", evidence={"file": "a", "line": 7})
    >>> _ = g.add_edge("甲/Unit/城建中心", "甲/Task/1", key="COOPERATES_ON", type="COOPERATES_ON",
    ...                evidence={"file": "a", "line": 8})
    >>> result = dependency_paths(g, "张三", "城建中心")
    >>> result["length"], [(s["from"]["name"], s["relations"][0]["type"], s["to"]["name"]) for s in result["paths"][0]]
    (2, [('张三', 'LEADS', '整新'), ('整新', 'COOPERATES_ON', '城建中心')])
    """
    labels = (Label.OFFICIAL, Label.UNIT, Label.TASK)
    a = lookup(graph, source, labels=labels)
    b = lookup(graph, target, labels=labels)
    ends = {"source": _describe(graph, a), "target": _describe(graph, b)}
    sd = graph.nodes[a].get("subdistrict")
    if sd != graph.nodes[b].get("subdistrict") or a == b:
        return {**ends, "length": 0 if a == b else None, "paths": [], "truncated": False}
    net = responsibility_network(graph, sd, collectives=True)
    net.remove_nodes_from([n for n in list(net) if net.nodes[n].get("collective") and n not in (a, b)])
    try:
        chains = list(itertools.islice(nx.all_shortest_paths(net, a, b), limit + 1))
    except nx.NetworkXNoPath:
        return {**ends, "length": None, "paths": [], "truncated": False}
    paths = [[_step(graph, u, v) for u, v in itertools.pairwise(chain)] for chain in chains[:limit]]
    return {**ends, "length": len(chains[0]) - 1, "paths": paths, "truncated": len(chains) > limit}


def _describe(graph, node):
    return ref(graph, node, brief=True, subdistrict=graph.nodes[node].get("subdistrict"))


def _step(graph, u, v):
    relations = [{"type": k, "forward": True, "evidence": evidence_of(d)}
                 for _, w, k, d in graph.out_edges(u, keys=True, data=True) if w == v and k in RESPONSIBILITY_RELS]
    relations += [{"type": k, "forward": False, "evidence": evidence_of(d)}
                  for w, _, k, d in graph.in_edges(u, keys=True, data=True) if w == v and k in RESPONSIBILITY_RELS]
    return {"from": ref(graph, u, brief=True), "to": ref(graph, v, brief=True), "relations": relations}
