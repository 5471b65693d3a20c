"""What changed between two versions of the documents: tasks, their leads and units, the group's members, units renamed."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

import networkx as nx

from ..schema import Label, Rel
from ._refs import edges_in, evidence_of, nodes_of

__all__ = ["diff", "match_tasks", "CHANGE_KINDS", "SAME_NUMBER_SIMILARITY", "OTHER_NUMBER_SIMILARITY", "task_similarity"]

#: Every kind of change :func:`diff` reports, in the order it lists them within an issuer.
CHANGE_KINDS = ("task-added", "task-removed", "task-reworded", "lead-added", "lead-removed", "unit-added",
                "unit-removed", "unit-role-changed", "unit-renamed", "official-joined", "official-left",
                "role-changed")

#: A task of one number in both versions is the same task, reworded, when its texts are at least this similar.
SAME_NUMBER_SIMILARITY = 0.6
#: A task whose number changed is the same task, reworded, only when its texts are at least this similar.
OTHER_NUMBER_SIMILARITY = 0.8
#: A unit whose name changed is the same unit, renamed, when it holds at least this many of the same tasks …
_RENAME_MIN_TASKS = 2
#: … and they are at least this share of the tasks of each.
_RENAME_SHARE = 0.5

_UNIT_RELS = {Rel.RESPONSIBLE_FOR: "responsible", Rel.COOPERATES_ON: "cooperating"}


def task_similarity(a: str, b: str) -> float:
    """How alike two task texts are, 0 to 1, spaces and the closing punctuation left out.

    >>> task_similarity("修缮道路12条。", "修缮道路 12 条")
    1.0
    >>> round(task_similarity("修缮道路12条", "修缮道路15条"), 2)
    0.86
    """
    return SequenceMatcher(None, _norm(a), _norm(b), autojunk=False).ratio()


def _norm(text: str) -> str:
    return "".join(text.split()).rstrip("。；;.，,")


def diff(old: nx.MultiDiGraph, new: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Return every change from one version of the documents to the next, each with evidence on both sides.

    Issuers are matched by name; within one, tasks are matched by these rules, in order, each pair
    used once: (1) the same number and the same text; (2) the same text, the number changed, when the
    text is that of as many tasks on each side (paired in their order); (3) the same number and texts at least
    :data:`SAME_NUMBER_SIMILARITY` alike (reworded); (4) another number and texts at least
    :data:`OTHER_NUMBER_SIMILARITY` alike, when that pair is the best of each and ties with no other
    (reworded). A task matched by none is added or removed: two tasks are never merged on a guess.
    Officials are the leading group's members (a role), matched by name. Units are matched by name
    or a shared alias; a unit of the old version that the new one does not name is renamed when
    one new unit, named in the old version by none, holds at least two of its tasks (matched
    tasks), half of each one's or more; else it is what its tasks lost.

    Parameters
    ----------
    old, new : networkx.MultiDiGraph
        The graphs of the earlier and the later version (:func:`graphmodel.build_graph`); not changed.

    Returns
    -------
    list of dict
        One per change, by issuer then kind (:data:`CHANGE_KINDS`): ``{"kind", "subdistrict",
        "task", "subject", "before", "after", "evidence"}``. ``task`` is ``{"before", "after"}``,
        each ``{"id", "number", "name"}`` or None, for the changes of a task (None for changes of
        the group and renames); ``subject`` ``{"id", "name", "label"}`` the thing that changed (the
        task, the lead, the unit, the official; its new id when it has one); ``before`` / ``after``
        the value on each side (a text, a role, ``"responsible"`` / ``"cooperating"``, a name, a
        lead's ``{"name", "post"}``; None where there is none); ``evidence`` ``{"before", "after"}``
        the line on each side — where the thing stands, or, where a side lacks it, the line of the
        task (or of the document) that lacks it. A renamed unit also has ``"basis"``: ``"aliases"``
        or ``"tasks"`` (with ``"tasks"`` the number shared).

    Examples
    --------
    >>> def plan(file, lead, text):
    ...     g = nx.MultiDiGraph()
    ...     g.add_node("甲/Plan/1", label="Plan", name="方案", subdistrict="甲", evidence={"file": file, "line": 1})
    ...     g.add_node("甲/Task/1", label="Task", name=text, text=text, number=1, lead_posts=[], subdistrict="甲",
    ...                evidence={"file": file, "line": 5})
    ...     g.add_node(f"甲/Official/{lead}", label="Official", name=lead, role=None, subdistrict="甲",
    ...                evidence={"file": file, "line": 5})
    ...     g.add_edge(f"甲/Official/{lead}", "甲/Task/1", key="LEADS", type="LEADS", evidence={"file": file, "line": 5})
    ...     return g
    >>> changes = diff(plan("2024.txt", "张三", "修缮道路12条。"), plan("2025.txt", "李四", "修缮道路15条。"))
    >>> [(c["kind"], c["before"], c["after"]) for c in changes]  # doctest: +NORMALIZE_WHITESPACE
    [('task-reworded', '修缮道路12条。', '修缮道路15条。'),
     ('lead-added', None, {'name': '李四', 'post': False}), ('lead-removed', {'name': '张三', 'post': False}, None)]
    >>> changes[1]["evidence"]
    {'before': {'file': '2024.txt', 'line': 5}, 'after': {'file': '2025.txt', 'line': 5}}
    """
    issuers = list(dict.fromkeys(_issuers(old) + _issuers(new)))
    changes: list[dict[str, Any]] = []
    for issuer in issuers:
        changes += _diff_issuer(_Side(old, issuer), _Side(new, issuer), issuer)
    order = {k: i for i, k in enumerate(CHANGE_KINDS)}
    rank = {s: i for i, s in enumerate(issuers)}
    return sorted(changes, key=lambda c: (rank[c["subdistrict"]], order[c["kind"]]))


def _issuers(graph: nx.MultiDiGraph) -> list[str]:
    return list(dict.fromkeys(d["subdistrict"] for _, d in graph.nodes(data=True)
                              if d.get("subdistrict") and d.get("label") != Label.ISSUER))


class _Side:
    """One version of one issuer: its tasks with their leads and units, its group, its units."""

    def __init__(self, graph: nx.MultiDiGraph, issuer: str):
        self.graph = graph
        self.issuer = issuer
        self.tasks = nodes_of(graph, Label.TASK, issuer)
        plans = nodes_of(graph, Label.PLAN, issuer)
        self.document = evidence_of(graph.nodes[plans[0]]) if plans else None
        self.units = nodes_of(graph, Label.UNIT, issuer)
        self.members = {graph.nodes[o]["name"]: o for o in nodes_of(graph, Label.OFFICIAL, issuer)
                        if graph.nodes[o].get("role")}
        files = {(d.get("evidence") or {}).get("file") for _, d in graph.nodes(data=True) if d.get("subdistrict") == issuer}
        self.removals = {w.values.get("name"): {"file": w.file, "line": w.line}
                         for w in graph.graph.get("warnings", []) if getattr(w, "kind", None) == "member-removed"
                         and w.file in files and w.line is not None}

    def text(self, task: str) -> str:
        data = self.graph.nodes[task]
        return data.get("text") or data.get("name", "")

    def number(self, task: str):
        return self.graph.nodes[task].get("number")

    def evidence(self, node: str | None) -> dict | None:
        return evidence_of(self.graph.nodes[node]) if node is not None else self.document

    def leads(self, task: str) -> dict[tuple[str, bool], dict | None]:
        """(name, is a post) → the evidence of each lead of a task."""
        out: dict[tuple[str, bool], dict | None] = {
            (self.graph.nodes[u]["name"], False): evidence_of(d) for u, _k, d in edges_in(self.graph, task, Rel.LEADS)}
        for post in self.graph.nodes[task].get("lead_posts") or []:
            out.setdefault((post, True), self.evidence(task))
        return out

    def units_of(self, task: str) -> dict[str, tuple[str, dict | None]]:
        """unit id → (its role, the evidence) of each unit of a task; responsible wins over cooperating."""
        out: dict[str, tuple[str, dict | None]] = {}
        for u, k, d in edges_in(self.graph, task, Rel.RESPONSIBLE_FOR, Rel.COOPERATES_ON):
            if u not in out or _UNIT_RELS[k] == "responsible":
                out[u] = (_UNIT_RELS[k], evidence_of(d))
        return out

    def ref(self, node: str | None) -> dict | None:
        if node is None:
            return None
        data = self.graph.nodes[node]
        out = {"id": node, "name": data.get("name", node), "label": data.get("label")}
        if data.get("label") == Label.TASK:
            out["number"] = data.get("number")
        return out


def _change(kind: str, issuer: str, subject: dict, before: Any, after: Any, ev_before, ev_after,
            task: tuple[dict | None, dict | None] | None = None, **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "subdistrict": issuer,
            "task": None if task is None else {"before": task[0], "after": task[1]},
            "subject": subject, "before": before, "after": after,
            "evidence": {"before": ev_before, "after": ev_after}, **extra}


def _diff_issuer(a: _Side, b: _Side, issuer: str) -> list[dict[str, Any]]:
    pairs = match_tasks([(t, a.number(t), a.text(t)) for t in a.tasks], [(t, b.number(t), b.text(t)) for t in b.tasks])
    matched_old = {p for p, _ in pairs}
    matched_new = {q for _, q in pairs}
    changes = [_change("task-removed", issuer, a.ref(t), a.text(t), None, a.evidence(t), b.document,
                       (a.ref(t), None)) for t in a.tasks if t not in matched_old]
    changes += [_change("task-added", issuer, b.ref(t), None, b.text(t), a.document, b.evidence(t),
                        (None, b.ref(t))) for t in b.tasks if t not in matched_new]
    same_unit, renames = _match_units(a, b, pairs)
    for p, q in pairs:
        task = (a.ref(p), b.ref(q))
        if _norm(a.text(p)) != _norm(b.text(q)):
            changes.append(_change("task-reworded", issuer, b.ref(q), a.text(p), b.text(q), a.evidence(p),
                                   b.evidence(q), task))
        changes += _lead_changes(a, b, p, q, issuer, task)
        changes += _unit_changes(a, b, p, q, issuer, task, same_unit)
    changes += renames
    changes += _member_changes(a, b, issuer)
    return changes


def _lead_changes(a: _Side, b: _Side, p: str, q: str, issuer: str, task) -> list[dict[str, Any]]:
    before, after = a.leads(p), b.leads(q)
    out = [_change("lead-added", issuer, _lead_ref(b, name, post), None, {"name": name, "post": post},
                   a.evidence(p), ev, task) for (name, post), ev in after.items() if (name, post) not in before]
    out += [_change("lead-removed", issuer, _lead_ref(a, name, post), {"name": name, "post": post}, None,
                    ev, b.evidence(q), task) for (name, post), ev in before.items() if (name, post) not in after]
    return out


def _lead_ref(side: _Side, name: str, post: bool) -> dict:
    if post:
        return {"id": None, "name": name, "label": "Post"}
    found = _official(side, name)
    return side.ref(found) if found else {"id": None, "name": name, "label": Label.OFFICIAL}


def _unit_changes(a: _Side, b: _Side, p: str, q: str, issuer: str, task, same_unit: dict[str, str]):
    before = {same_unit.get(u, u): (u, role, ev) for u, (role, ev) in a.units_of(p).items()}
    after = b.units_of(q)
    out = []
    for v, (role, ev) in after.items():
        if v not in before:
            out.append(_change("unit-added", issuer, b.ref(v), None, role, a.evidence(p), ev, task))
        elif before[v][1] != role:
            out.append(_change("unit-role-changed", issuer, b.ref(v), before[v][1], role, before[v][2], ev, task))
    out += [_change("unit-removed", issuer, a.ref(u), role, None, ev, b.evidence(q), task)
            for v, (u, role, ev) in before.items() if v not in after]
    return out


def match_tasks(old: list[tuple[str, int | None, str]], new: list[tuple[str, int | None, str]]) -> list[tuple[str, str]]:
    """Pair the tasks of two versions, ``(id, number, text)`` each, by the rules of :func:`diff`.

    >>> match_tasks([("a1", 1, "修路。"), ("a2", 2, "种树。"), ("a3", 3, "建公园。")],
    ...             [("b1", 1, "种树。"), ("b2", 2, "清理河道。"), ("b3", 3, "建口袋公园。")])
    [('a2', 'b1'), ('a3', 'b3')]
    """
    pairs: list[tuple[str, str]] = []
    left, right = {t[0]: t for t in old}, {t[0]: t for t in new}

    def take(p: str, q: str) -> None:
        pairs.append((p, q))
        del left[p], right[q]

    for p, n, text in list(left.values()):  # (1) the same number, the same text
        q = next((q for q, m, t in right.values() if n is not None and m == n and _norm(t) == _norm(text)), None)
        if q is not None:
            take(p, q)
    for p, _n, text in list(left.values()):  # (2) the same text, as many times on each side: in their order
        if p not in left:
            continue
        same_old = [x[0] for x in left.values() if _norm(x[2]) == _norm(text)]
        same_new = [q for q, _m, t in right.values() if _norm(t) == _norm(text)]
        if len(same_old) == len(same_new):
            for x, y in zip(same_old, same_new):
                take(x, y)
    for p, n, text in list(left.values()):  # (3) the same number, reworded
        q = next((q for q, m, t in right.values() if n is not None and m == n
                  and task_similarity(t, text) >= SAME_NUMBER_SIMILARITY), None)
        if q is not None:
            take(p, q)
    scores = {(p, q): task_similarity(s, t) for p, _n, s in left.values() for q, _m, t in right.values()}
    for (p, q), score in sorted(scores.items(), key=lambda item: -item[1]):  # (4) another number, reworded
        if score < OTHER_NUMBER_SIMILARITY or p not in left or q not in right:
            continue
        rivals = [s for (x, y), s in scores.items() if (x == p) != (y == q) and s >= score
                  and x in left and y in right]
        if not rivals:
            take(p, q)
    return sorted(pairs, key=lambda pq: [t[0] for t in old].index(pq[0]))


def _names(side: _Side, unit: str) -> set[str]:
    data = side.graph.nodes[unit]
    return {data["name"], *(data.get("aliases") or [])}


def _match_units(a: _Side, b: _Side, pairs: list[tuple[str, str]]) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """old unit → new unit for the units of both versions, and the renames found (see :func:`diff`)."""
    by_name = {b.graph.nodes[v]["name"]: v for v in b.units}
    same: dict[str, str] = {}
    renames: list[dict[str, Any]] = []
    issuer = a.issuer
    for u in a.units:
        name = a.graph.nodes[u]["name"]
        if name in by_name:
            same[u] = by_name[name]
            continue
        shared = [v for v in b.units if _names(b, v) & _names(a, u) and v not in same.values()]
        if len(shared) == 1:
            same[u] = shared[0]
            renames.append(_rename(a, b, u, shared[0], issuer, basis="aliases"))
    old_names = set().union(*(_names(a, u) for u in a.units)) if a.units else set()
    lost = [u for u in a.units if u not in same]
    fresh = [v for v in b.units if v not in same.values() and not (_names(b, v) & old_names)]
    to_new = dict(pairs)
    held_old = {u: {to_new[t] for t in _held(a, u) if t in to_new} for u in lost}
    held_new = {v: _held(b, v) for v in fresh}
    fits = {(u, v): len(held_old[u] & held_new[v]) for u in lost for v in fresh}
    fits = {(u, v): n for (u, v), n in fits.items() if n >= _RENAME_MIN_TASKS
            and n >= _RENAME_SHARE * len(held_old[u]) and n >= _RENAME_SHARE * len(held_new[v])}
    for (u, v), n in fits.items():
        if all(m < n for (x, y), m in fits.items() if (x == u) != (y == v)):
            same[u] = v
            renames.append(_rename(a, b, u, v, issuer, basis="tasks", tasks=n))
    return same, renames


def _held(side: _Side, unit: str) -> set[str]:
    """The tasks a unit is responsible for or cooperates on."""
    return {v for _, v, k in side.graph.out_edges(unit, keys=True) if k in _UNIT_RELS}


def _rename(a: _Side, b: _Side, u: str, v: str, issuer: str, **basis: Any) -> dict[str, Any]:
    return _change("unit-renamed", issuer, b.ref(v), a.graph.nodes[u]["name"], b.graph.nodes[v]["name"],
                   a.evidence(u), b.evidence(v), **basis)


def _member_changes(a: _Side, b: _Side, issuer: str) -> list[dict[str, Any]]:
    """The leading group's members who joined, left or changed role."""
    out = []
    for name, o in b.members.items():
        role = b.graph.nodes[o]["role"]
        if name not in a.members:
            ev = a.evidence(_official(a, name)) if _official(a, name) else a.document
            out.append(_change("official-joined", issuer, b.ref(o), None, role, ev, b.evidence(o)))
        elif a.graph.nodes[a.members[name]]["role"] != role:
            out.append(_change("role-changed", issuer, b.ref(o), a.graph.nodes[a.members[name]]["role"], role,
                               a.evidence(a.members[name]), b.evidence(o)))
    for name, o in a.members.items():
        if name not in b.members:  # where the new side takes them out (a 调整 notice), else where they stand, else the document
            ev = b.removals.get(name) or (b.evidence(_official(b, name)) if _official(b, name) else b.document)
            out.append(_change("official-left", issuer, a.ref(o), a.graph.nodes[o]["role"], None, a.evidence(o), ev))
    return out


def _official(side: _Side, name: str) -> str | None:
    """The official of this name on one side, in or outside the group."""
    return next((o for o in nodes_of(side.graph, Label.OFFICIAL, side.issuer) if side.graph.nodes[o]["name"] == name),
                None)
