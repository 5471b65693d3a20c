"""The audit across time: what a change of the documents leaves behind in the documents dated after it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from types import SimpleNamespace
from typing import Any

import networkx as nx

from ..adjust import is_adjustment
from ..merge import document_date, group_by_matter
from ..schema import Label, Rel
from ._refs import edges_in, edges_out, evidence_of, nodes_of, ref
from .diff import diff

__all__ = ["audit_across_time", "ACROSS_TIME_KINDS"]

#: The kinds of finding :func:`audit_across_time` reports, in report order, with their severity.
ACROSS_TIME_KINDS: dict[str, str] = {
    "lead-left-group": "medium",
    "unit-old-name": "medium",
    "task-dropped-without-successor": "medium",
}


def audit_across_time(documents: Iterable[nx.MultiDiGraph], *, kinds: Iterable[str] | None = None
                      ) -> list[dict[str, Any]]:
    """Find what a change between versions leaves behind: in the documents dated after it, the old state still stands.

    Each graph is one document as read (``build_graph([read_plan(path)])``), not the merged current graph:
    the documents of one issuer are ordered and grouped into versions as :func:`graphmodel.merge.merge_models`
    does (one matter: the same layout and the same title but for its years, or the same leading group; dated
    by 成文日期, else 印发日期, else the 文号's year). A document without a date is before or after nothing, and
    "after" is strictly later at the precision both dates have (``2025`` is not after ``2025-02-18``).

    ``lead-left-group``
        An official who left the leading group — a 调整 notice takes them out (``…不再担任…``), or a later
        whole list no longer names them — and who leads a task (LEADS) in a document dated after the
        leaving, while no group of the issuer has them back by that date. The evidence is the line that
        leads the (first) task; ``evidence_before`` the line that takes them out (or, for a whole list
        without them, that list's line, as :func:`~graphmodel.analysis.diff.diff` gives it).
    ``unit-old-name``
        A unit that :func:`~graphmodel.analysis.diff.diff` finds renamed from one version to the next
        (a shared alias, or at least two tasks in common), whose old name (as a unit's name or alias)
        another document of the issuer, dated after the version with the new name, still uses, without
        naming the new one. The evidence is where the old name stands in that document; ``evidence_before``
        where the new name stands in the renaming version.
    ``task-dropped-without-successor``
        A task that :func:`~graphmodel.analysis.diff.diff` finds removed from one version to the next, with no
        successor there: a *successor* is a task the later version adds or rewords (``task-added``,
        ``task-reworded``) that takes over both its lead and its unit: it has one of the removed task's leads
        (the same name, a person or a post), if it had any, and one of its responsible units (责任部门: the same
        name, a shared alias, or the unit's new name when diff finds it renamed), if it had any. A task with
        neither has no successor. Nothing else makes a successor: no similarity of texts beyond diff's own
        matching, no lead alone when the task also had a unit (a 分管领导 leads many tasks). The evidence is the later version's line (the document that lacks the task, as diff
        gives it); ``evidence_before`` the task's line in the earlier version.

    Parameters
    ----------
    documents : iterable of networkx.MultiDiGraph
        One graph per document (of one or more issuers); not changed.
    kinds : iterable of str, optional
        Only these kinds (keys of :data:`ACROSS_TIME_KINDS`); by default all.

    Returns
    -------
    list of dict
        Findings as :func:`~graphmodel.analysis.audit.audit` gives them (``kind``, ``severity``,
        ``subdistrict``, ``subjects``, ``numbers``, ``evidence``) and ``evidence_before``, the old fact: by
        issuer (in the order of their first document), then by kind, then by date. ``subjects[0]`` is the
        official, the unit as the later document names it, or the removed task; the others carry ``part``:
        ``led`` (the tasks), ``left_by`` and ``table`` (the document that takes the official out and the later
        one; a document is ``{"id", "name", "label": "Plan", "title", "date", "file"}``), ``successor`` (who
        holds the role given up, when it was theirs alone and is one other official's alone now: 组长, not 成员); ``new_name`` (the unit as the renaming version
        names it, with ``basis`` and ``tasks`` as diff gives them), ``renamed_in`` and ``document``;
        ``lead`` and ``responsible`` (the removed task's), ``before`` and ``after`` (the two versions).
        ``subjects[0]`` of ``lead-left-group`` has ``role``, the role given up.

    Raises
    ------
    ValueError
        For a kind that is not in :data:`ACROSS_TIME_KINDS`.

    Examples
    --------
    张三 leaves the group (a whole list of 2024 without him) and still leads task 1 in a table of 2025:

    >>> def doc(file, date, title, layout, group=None):
    ...     g = nx.MultiDiGraph()
    ...     g.add_node("甲/Plan/" + title, label="Plan", name=title, title=title, subdistrict="甲", date=date,
    ...                layout=layout, group=group, evidence={"file": file, "line": 1})
    ...     return g
    >>> def member(g, name, role):
    ...     g.add_node("甲/Official/" + name, label="Official", name=name, role=role, subdistrict="甲",
    ...                evidence={"file": "x.txt", "line": 3})
    >>> old = doc("a.txt", "2023-04-01", "关于成立甲镇领导小组的通知", "leading-group-notice", "甲镇领导小组")
    >>> member(old, "张三", "组长"); member(old, "李四", "副组长")
    >>> new = doc("b.txt", "2024-03-01", "关于调整甲镇领导小组的通知", "leading-group-notice", "甲镇领导小组")
    >>> member(new, "李四", "组长")
    >>> table = doc("c.txt", "2025-02-01", "甲镇2025年任务分解表", "task-division")
    >>> member(table, "张三", None)
    >>> table.add_node("甲/Task/1", label="Task", name="修路", number=1, subdistrict="甲",
    ...                evidence={"file": "c.txt", "line": 9})
    >>> _ = table.add_edge("甲/Official/张三", "甲/Task/1", key="LEADS", type="LEADS",
    ...                    evidence={"file": "c.txt", "line": 9})
    >>> [f] = audit_across_time([old, new, table])
    >>> f["kind"], [(s["name"], s.get("part")) for s in f["subjects"][:2]], f["subjects"][0]["role"]
    ('lead-left-group', [('张三', None), ('修路', 'led')], '组长')
    >>> f["evidence_before"], f["evidence"]
    ({'file': 'b.txt', 'line': 1}, {'file': 'c.txt', 'line': 9})
    >>> [s["name"] for s in f["subjects"] if s.get("part") == "successor"]
    ['李四']
    """
    wanted = list(ACROSS_TIME_KINDS) if kinds is None else list(dict.fromkeys(kinds))
    unknown = [k for k in wanted if k not in ACROSS_TIME_KINDS]
    if unknown:
        raise ValueError(f"unknown kind(s): {', '.join(unknown)}; known: {', '.join(ACROSS_TIME_KINDS)}")
    bodies: dict[str, list[_Document]] = {}
    for graph in documents:
        document = _Document(graph)
        if document.issuer is not None:
            bodies.setdefault(document.issuer, []).append(document)
    findings: list[dict[str, Any]] = []
    for issuer, docs in bodies.items():
        if len(docs) < 2:
            continue
        pairs = [(a, b, diff(a.graph, b.graph)) for a, b in _version_pairs(docs)]
        checks = {"lead-left-group": lambda: _leads_who_left(docs),
                  "unit-old-name": lambda: _old_names(docs, pairs),
                  "task-dropped-without-successor": lambda: _dropped(pairs)}
        for kind in ACROSS_TIME_KINDS:
            if kind in wanted:
                findings.extend({"kind": kind, "severity": ACROSS_TIME_KINDS[kind], "subdistrict": issuer,
                                 "subjects": subjects, "numbers": numbers, "evidence": after,
                                 "evidence_before": before}
                                for subjects, numbers, before, after in checks[kind]())
    return findings


class _Document:
    """One document as the version rules see it: its graph, issuer, date, and a model-like view for those rules."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        plans = nodes_of(graph, Label.PLAN)
        self.plan = plans[0] if plans else None
        attrs = graph.nodes[self.plan] if self.plan else {}
        self.issuer = attrs.get("subdistrict")
        self.layout = attrs.get("layout", "action-plan")
        self.warnings = list(graph.graph.get("warnings", []))
        self.date = document_date(self)
        self.adjustment = is_adjustment(self)

    def of_label(self, label: str) -> list[SimpleNamespace]:
        """The nodes of a label as objects (what :mod:`graphmodel.merge` and :mod:`graphmodel.adjust` read)."""
        return [SimpleNamespace(**self.graph.nodes[n]) for n in nodes_of(self.graph, label)]

    @property
    def evidence(self) -> dict | None:
        return evidence_of(self.graph.nodes[self.plan]) if self.plan else None

    def ref(self, part: str) -> dict[str, Any]:
        """The document as a subject of a finding."""
        attrs = self.graph.nodes[self.plan] if self.plan else {}
        return {"id": self.plan, "name": attrs.get("name"), "label": "Plan", "title": attrs.get("title"),
                "date": self.date, "file": (attrs.get("evidence") or {}).get("file"), "part": part}

    def members(self) -> dict[str, tuple[str, dict | None]]:
        """name → (role, evidence) of the officials with a role in the group."""
        return {d["name"]: (d["role"], evidence_of(d)) for _, d in self.graph.nodes(data=True)
                if d.get("label") == Label.OFFICIAL and d.get("role")}

    def removed(self) -> dict[str, dict]:
        """name → the line of a member the document takes out (``member-removed``)."""
        return {w.values.get("name"): {"file": w.file, "line": w.line} for w in self.warnings
                if getattr(w, "kind", None) == "member-removed" and w.line is not None}


def _after(a: str | None, b: str | None) -> bool:
    """Whether date ``a`` is strictly later than ``b`` at the precision both have (never without both)."""
    return bool(a) and bool(b) and a[: len(b)] > b[: len(a)]


def _not_after(a: str | None, b: str | None) -> bool:
    """Whether date ``a`` is on or before ``b`` (both known): ``2024`` is on or before ``2024-03-01`` and after none of it."""
    return bool(a) and bool(b) and not _after(a, b)


def _version_pairs(docs: list[_Document]) -> list[tuple[_Document, _Document]]:
    """Each version and the next of one matter (whole versions, not 调整 notices), both dated, the later strictly later."""
    pairs = []
    for matter in group_by_matter(docs):
        whole = sorted((d for d in matter if not d.adjustment and d.date), key=lambda d: d.date)
        pairs += [(a, b) for a, b in zip(whole, whole[1:]) if _after(b.date, a.date)]
    return pairs


# --------------------------------------------------------------------------- lead-left-group


def _group_histories(docs: list[_Document]) -> list[tuple[list[tuple[str | None, set[str]]], list[dict]]]:
    """Per leading group of the issuer: its members after each change, ``(date, names)`` in date order, and
    each leaving: ``{"name", "role", "date", "evidence", "document", "successor"}``."""
    out = []
    for matter in group_by_matter(docs):
        whole = [d for d in matter if not d.adjustment and d.members()]
        changes = [d for d in matter if d.adjustment and d.date]
        if not whole and not changes:
            continue
        undated = [d for d in whole if not d.date]
        events = (undated if len(undated) == 1 and len(whole) == 1 else []) + sorted(
            [d for d in whole if d.date] + changes, key=lambda d: (d.date, d.adjustment))
        state: dict[str, tuple[str, dict | None]] = {}
        history: list[tuple[str | None, set[str]]] = []
        leavings: list[dict] = []
        for doc in events:
            given, removed = doc.members(), doc.removed()
            if doc.adjustment:
                new = {n: m for n, m in state.items() if n not in removed} | given
            else:
                new = given
            for name in [n for n in state if n not in new]:
                role = state[name][0]
                # the successor: the role was theirs alone and is now one other's alone (组长 → 组长), not one
                # of several 成员 who joined as another left
                alone = [n for n, (r, _ev) in state.items() if r == role] == [name]
                heirs = [n for n, (r, _ev) in new.items() if r == role] if alone else []
                leavings.append({"name": name, "role": role, "date": doc.date, "document": doc,
                                 "evidence": removed.get(name) or _named_at(doc, name) or doc.evidence,
                                 "successor": heirs[0] if len(heirs) == 1 else None})
            state = new
            history.append((doc.date, set(state)))
        out.append((history, leavings))
    return out


def _named_at(doc: _Document, name: str) -> dict | None:
    """Where a document names an official (outside the group: a whole list that keeps them in its text)."""
    return next((evidence_of(d) for _, d in doc.graph.nodes(data=True)
                 if d.get("label") == Label.OFFICIAL and d.get("name") == name), None)


def _members_at(histories, date: str) -> set[str]:
    """Who is in some group of the issuer as it stood on ``date`` (the last change on or before it)."""
    members: set[str] = set()
    for history, _leavings in histories:
        standing = [names for when, names in history if when is None or _not_after(when, date)]
        if standing:
            members |= standing[-1]
    return members


def _leads_who_left(docs: list[_Document]):
    histories = _group_histories(docs)
    leavings = [leave for _history, ls in histories for leave in ls]
    if not leavings:
        return
    for table in sorted((d for d in docs if d.date and not d.adjustment), key=lambda d: d.date):
        members = _members_at(histories, table.date)
        for official in nodes_of(table.graph, Label.OFFICIAL):
            name = table.graph.nodes[official]["name"]
            led = sorted(edges_out(table.graph, official, Rel.LEADS), key=lambda e: _line(e[2]))
            before = [leave for leave in leavings if leave["name"] == name and _not_after(leave["date"], table.date)]
            if not led or name in members or not before:
                continue
            leave = max(before, key=lambda leave: leave["date"])  # the last time they left, before or on that date
            if not _after(table.date, leave["date"]):
                continue  # left on the table's own date (at the precision both have): which came first is unknown
            subjects = [ref(table.graph, official, role=leave["role"])]
            subjects += [ref(table.graph, t, part="led") for t, _, _ in led]
            subjects += [table.ref("table"), leave["document"].ref("left_by")]
            if leave["successor"]:
                subjects.append({"id": f"{table.issuer}/Official/{leave['successor']}", "name": leave["successor"],
                                 "label": "Official", "part": "successor"})
            yield subjects, {"tasks_led": len(led)}, leave["evidence"], evidence_of(led[0][2])


def _line(attrs: dict) -> int:
    return (attrs.get("evidence") or {}).get("line") or 0


# --------------------------------------------------------------------------- unit-old-name


def _names(graph: nx.MultiDiGraph, unit: str) -> set[str]:
    data = graph.nodes[unit]
    return {data["name"], *(data.get("aliases") or [])}


def _old_names(docs: list[_Document], pairs):
    for a, b, changes in pairs:
        for change in (c for c in changes if c["kind"] == "unit-renamed"):
            old, new = change["before"], change["after"]
            for later in docs:
                if later is a or later is b or not _after(later.date, b.date):
                    continue
                units = nodes_of(later.graph, Label.UNIT)
                if any(new in _names(later.graph, u) for u in units):
                    continue  # it names the new one as well: nothing is sure
                for unit in (u for u in units if old in _names(later.graph, u)):
                    renamed = {**change["subject"], "part": "new_name", "basis": change.get("basis"),
                               "tasks": change.get("tasks")}
                    subjects = [ref(later.graph, unit), renamed, later.ref("document"), b.ref("renamed_in")]
                    numbers = {"tasks_in_common": change["tasks"]} if change.get("tasks") else {}
                    yield subjects, numbers, change["evidence"]["after"], evidence_of(later.graph.nodes[unit])


# --------------------------------------------------------------------------- task-dropped-without-successor


def _leads(graph: nx.MultiDiGraph, task: str) -> dict[str, dict]:
    """name → a subject for each lead of a task: the persons (LEADS), then the posts (``lead_posts``)."""
    out = {graph.nodes[u]["name"]: ref(graph, u, brief=True, part="lead") for u, _k, _d in edges_in(graph, task, Rel.LEADS)}
    for post in graph.nodes[task].get("lead_posts") or []:
        out.setdefault(post, {"id": None, "name": post, "label": "Post", "part": "lead"})
    return out


def _responsible(graph: nx.MultiDiGraph, task: str) -> list[str]:
    return [u for u, _k, _d in edges_in(graph, task, Rel.RESPONSIBLE_FOR)]


def _dropped(pairs):
    for a, b, changes in pairs:
        renamed = {c["before"]: c["after"] for c in changes if c["kind"] == "unit-renamed"}
        heirs = [c["task"]["after"]["id"] for c in changes if c["kind"] in ("task-added", "task-reworded")]
        heirs = [(set(_leads(b.graph, q)), {n for v in _responsible(b.graph, q) for n in _names(b.graph, v)})
                 for q in heirs]
        for change in (c for c in changes if c["kind"] == "task-removed"):
            task = change["task"]["before"]["id"]
            leads, units = _leads(a.graph, task), _responsible(a.graph, task)
            names = {n for u in units for n in _names(a.graph, u)}
            names |= {renamed[n] for n in names if n in renamed}
            if (leads or names) and any((not leads or set(leads) & their_leads) and (not names or names & their_units)
                                        for their_leads, their_units in heirs):
                continue  # a successor: one of its leads (if it had any) and one of its responsible units (if any)
            subjects = [ref(a.graph, task), *leads.values(), *(ref(a.graph, u, part="responsible") for u in units),
                        a.ref("before"), b.ref("after")]
            yield subjects, {}, change["evidence"]["before"], change["evidence"]["after"]
