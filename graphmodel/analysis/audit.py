"""The audit: what a plan leaves without a lead, a responsible unit, a head, a task, or a second person."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..graph import subdistricts
from ..schema import Label, Rel
from ._refs import edges_in, edges_out, evidence_of, nodes_of, ref
from .network import cut_off_tasks, responsibility_network

__all__ = ["audit", "KINDS", "SEVERITIES"]

#: Every kind of finding, in report order, with its severity.
KINDS: dict[str, str] = {
    "task-without-lead": "high",
    "task-without-responsible-unit": "high",
    "single-point-of-failure": "high",
    "lead-not-in-group": "medium",
    "task-led-by-post": "medium",
    "unit-without-head": "medium",
    "missing-attachment": "medium",
    "goal-without-task": "medium",
    "overloaded-official": "medium",
    "overloaded-unit": "medium",
    "member-without-task": "low",
    "correction-unmatched": "medium",
}

#: Severities, the most serious first.
SEVERITIES: tuple[str, ...] = ("high", "medium", "low")

_DEPUTY_ROLES = ("第一副组长", "常务副组长", "执行副组长", "副组长", "常务副总指挥", "副总指挥", "常务副指挥长", "副指挥长")


def audit(
    graph: nx.MultiDiGraph,
    *,
    kinds: Iterable[str] | None = None,
    overload_factor: float = 2.0,
    overload_minimum: int = 3,
    deputy_roles: Iterable[str] = _DEPUTY_ROLES,
) -> list[dict[str, Any]]:
    """Find the gaps in each 街道's plan: tasks nobody leads, units nobody heads, and the like.

    The kinds of finding (severity in brackets):

    ``task-without-lead`` (high)
        A task with no 牵头领导: no LEADS edge, and no lead named by post either.
    ``task-without-responsible-unit`` (high)
        A task with no 责任部门 (no RESPONSIBLE_FOR edge).
    ``single-point-of-failure`` (high)
        An official or a (non-collective) unit that alone joins some tasks to the leading
        group: in the 街道's responsibility network (officials, units and tasks; LEADS,
        RESPONSIBLE_FOR, COOPERATES_ON, HEADS and ACCOUNTABLE_FOR edges, undirected;
        collective units left out, see :func:`~graphmodel.analysis.network.responsibility_network`),
        removing it leaves those tasks in a part with no official at all
        (:func:`~graphmodel.analysis.network.cut_off_tasks`). Such a node is an articulation
        point of the network, or the only official of its part. Articulation points that cut
        off no task (a unit whose head hangs on it alone) are not findings; ``bottlenecks``
        shows them.
    ``lead-not-in-group`` (medium)
        An official who leads a task but is not in the leading group (role None). Only where
        the body has a leading group (some official with a role): a task-division table read
        alone names no group, which says nothing about each of its leads.
    ``task-led-by-post`` (medium)
        A task whose lead is named by post only (``lead_posts``: 区政府分管领导), with no
        person leading it: nobody by name answers for it.
    ``unit-without-head`` (medium)
        A unit, not collective, responsible for or cooperating on a task, that no official
        HEADS (neither chief nor deputy): nobody in the leading group answers for it. Only
        where the body has a leading group, as for ``lead-not-in-group``.
    ``missing-attachment`` (medium)
        An attachment (附件) the text lists but the file does not hold; the evidence is the
        line of the attachment list.
    ``goal-without-task`` (medium)
        A goal of level ``project``, or of level ``action`` with no goal PART_OF it, that no
        task SERVES — neither directly nor through a goal PART_OF it (at any depth). Main
        goals and their parts are the plan's vision, not work items, and are not checked.
    ``overloaded-official`` / ``overloaded-unit`` (medium)
        An official leading (a unit responsible for) more than ``overload_factor`` times the
        median number of tasks among the 街道's officials leading (units responsible for) at
        least one task, and at least ``overload_minimum`` tasks. Collective units are not counted.
    ``member-without-task`` (low)
        A deputy leader of the group (role in ``deputy_roles``: 第一副组长, 常务副组长, 执行副组长, 副组长, and a
        指挥部's 常务副总指挥, 副总指挥, 常务副指挥长, 副指挥长) who leads
        no task and is accountable for none. Only in a plan where some task has a lead: a
        plan that names no task leads at all (潍坊) would flag every deputy, which says
        nothing about any of them; ``task-without-lead`` already reports that gap.
    ``correction-unmatched`` (medium)
        A reviewer's correction (``--corrections``, :mod:`graphmodel.corrections`) whose fact the documents
        no longer hold: not applied. The subject is the row (label ``Correction``, ``name`` ``review.xlsx:17``,
        ``fact`` its kind, ``about`` the name and ``of`` the task or plan it was about); the evidence is the row.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.
    kinds : iterable of str, optional
        Only these kinds (keys of :data:`KINDS`); by default all.
    overload_factor : float
        How many times the median makes an overload (default 2: strictly more than twice).
    overload_minimum : int
        The fewest tasks that can be an overload (default 3).
    deputy_roles : iterable of str
        The roles ``member-without-task`` checks.

    Returns
    -------
    list of dict
        Findings as data, no sentences (:func:`graphmodel.labels.finding_message` says them in
        Chinese or English): ``{"kind", "severity", "subdistrict", "subjects", "numbers",
        "evidence"}``, by 街道 in graph order, then by kind in :data:`KINDS` order, then in
        document order.

        ``subjects``: ``subjects[0]`` is what the finding is about, ``{"id", "name", "label"}``
        (a task also has ``number`` and ``goal``, an official ``role``, a goal ``level``); the
        others are what it names, each with ``part``: ``cut_off`` (tasks a single point joins to
        the group), ``led`` (tasks a lead outside the group leads), ``responsible`` /
        ``cooperating`` (tasks of a unit without a head), ``parent`` (the goal a goal without a
        task belongs to), ``missing`` (the attachment: label ``Attachment``, ``number``, its
        title as ``name``).

        ``numbers``, at full precision: ``tasks_cut_off``; ``tasks_led``; ``tasks_responsible``
        and ``tasks_cooperating``; for an overload ``tasks``, ``median`` and ``ratio`` (tasks /
        median). ``evidence``: ``{"file", "line"}`` (and page, table, row, cell where known).

    Raises
    ------
    ValueError
        For a kind that is not in :data:`KINDS`.

    Examples
    --------
    张三, not in the leading group (李四 leads it), leads task 1; 林长办, which nobody heads, is responsible
    for it:

    >>> g = nx.MultiDiGraph()
    >>> ev = {"file": "a.txt", "line": 9}
    >>> g.add_node("甲/Official/李四", label="Official", name="李四", subdistrict="甲", role="组长", evidence=ev)
    >>> g.add_node("甲/Official/张三", label="Official", name="张三", subdistrict="甲", role=None, evidence=ev)
    >>> g.add_node("甲/Unit/林长办", label="Unit", name="林长办", subdistrict="甲", collective=False, evidence=ev)
    >>> g.add_node("甲/Task/1", label="Task", name="创建园林街镇", subdistrict="甲", number=1, evidence=ev)
    >>> _ = g.add_edge("甲/Official/张三", "甲/Task/1", key="LEADS", type="LEADS", evidence=ev)
    >>> _ = g.add_edge("甲/Unit/林长办", "甲/Task/1", key="RESPONSIBLE_FOR", type="RESPONSIBLE_FOR", evidence=ev)
    >>> [(f["kind"], f["subjects"][0]["name"]) for f in audit(g)]
    [('single-point-of-failure', '张三'), ('lead-not-in-group', '张三'), ('unit-without-head', '林长办')]
    >>> [finding] = audit(g, kinds=["unit-without-head"])
    >>> [(s["name"], s.get("part")) for s in finding["subjects"]], finding["numbers"]
    ([('林长办', None), ('创建园林街镇', 'responsible')], {'tasks_responsible': 1, 'tasks_cooperating': 0})
    """
    wanted = list(KINDS) if kinds is None else list(dict.fromkeys(kinds))
    unknown = [k for k in wanted if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown kind(s): {', '.join(unknown)}; known: {', '.join(KINDS)}")
    checks = {
        "task-without-lead": lambda sd: _tasks_without(graph, sd, Rel.LEADS),
        "task-led-by-post": lambda sd: _tasks_led_by_post(graph, sd),
        "task-without-responsible-unit": lambda sd: _tasks_without(graph, sd, Rel.RESPONSIBLE_FOR),
        "single-point-of-failure": lambda sd: _single_points(graph, sd),
        "lead-not-in-group": lambda sd: _leads_not_in_group(graph, sd),
        "unit-without-head": lambda sd: _units_without_head(graph, sd),
        "missing-attachment": lambda sd: _missing_attachments(graph, sd),
        "goal-without-task": lambda sd: _goals_without_task(graph, sd),
        "overloaded-official": lambda sd: _overloaded(graph, sd, Label.OFFICIAL, Rel.LEADS, overload_factor,
                                                      overload_minimum),
        "overloaded-unit": lambda sd: _overloaded(graph, sd, Label.UNIT, Rel.RESPONSIBLE_FOR, overload_factor,
                                                  overload_minimum),
        "member-without-task": lambda sd: _members_without_task(graph, sd, tuple(deputy_roles)),
        "correction-unmatched": lambda sd: _corrections_unmatched(graph, sd),
    }
    findings: list[dict[str, Any]] = []
    for sd in subdistricts(graph):
        for kind in KINDS:
            if kind in wanted:
                findings.extend(
                    {"kind": kind, "severity": KINDS[kind], "subdistrict": sd, "subjects": subjects,
                     "numbers": numbers, "evidence": evidence}
                    for subjects, numbers, evidence in checks[kind](sd)
                )
    return findings


# Each check yields (subjects, numbers, evidence) for one 街道: subjects[0] is what the finding is
# about; the others carry ``part``, what they are to it.


def _tasks_without(graph, sd, rel):
    for task in nodes_of(graph, Label.TASK, sd):
        if not edges_in(graph, task, rel) and not (rel == Rel.LEADS and graph.nodes[task].get("lead_posts")):
            yield [ref(graph, task)], {}, evidence_of(graph.nodes[task])


def _tasks_led_by_post(graph, sd):
    for task in nodes_of(graph, Label.TASK, sd):
        posts = graph.nodes[task].get("lead_posts")
        if posts and not edges_in(graph, task, Rel.LEADS):
            subjects = [ref(graph, task)] + [{"id": f"{task}#post{i}", "name": post, "label": "Post", "part": "post"}
                                             for i, post in enumerate(posts, start=1)]
            yield subjects, {}, evidence_of(graph.nodes[task])


def _has_group(graph, sd) -> bool:
    """Whether the body's documents name a leading group: some official has a role in it."""
    return any(graph.nodes[o].get("role") is not None for o in nodes_of(graph, Label.OFFICIAL, sd))


def _single_points(graph, sd):
    net = responsibility_network(graph, sd)
    # Only these can cut a task off: an articulation point, or any node of a component with at
    # most one official (removing a non-articulation node elsewhere leaves every task its officials).
    candidates = set(nx.articulation_points(net))
    for component in nx.connected_components(net):
        if sum(net.nodes[n]["label"] == Label.OFFICIAL for n in component) <= 1:
            candidates |= component
    for node in net:
        if node not in candidates or net.nodes[node]["label"] not in (Label.OFFICIAL, Label.UNIT):
            continue
        cut = cut_off_tasks(net, node)
        if cut:
            yield ([ref(graph, node)] + [ref(graph, t, part="cut_off") for t in cut],
                   {"tasks_cut_off": len(cut)}, evidence_of(graph.nodes[node]))


def _leads_not_in_group(graph, sd):
    if not _has_group(graph, sd):
        return
    for official in nodes_of(graph, Label.OFFICIAL, sd):
        if graph.nodes[official].get("role") is not None:
            continue
        led = sorted(edges_out(graph, official, Rel.LEADS), key=lambda e: _line(e[2]))
        if led:
            yield ([ref(graph, official)] + [ref(graph, t, part="led") for t, _, _ in led],
                   {"tasks_led": len(led)}, evidence_of(led[0][2]))


def _units_without_head(graph, sd):
    if not _has_group(graph, sd):
        return
    for unit in nodes_of(graph, Label.UNIT, sd):
        data = graph.nodes[unit]
        if data.get("collective") or edges_in(graph, unit, Rel.HEADS):
            continue
        work = sorted(edges_out(graph, unit, Rel.RESPONSIBLE_FOR, Rel.COOPERATES_ON), key=lambda e: _line(e[2]))
        if not work:
            continue
        parts = {Rel.RESPONSIBLE_FOR: "responsible", Rel.COOPERATES_ON: "cooperating"}
        tasks = [ref(graph, t, part=parts[k]) for k in parts for t, rel, _ in work if rel == k]
        numbers = {"tasks_responsible": sum(t["part"] == "responsible" for t in tasks),
                   "tasks_cooperating": sum(t["part"] == "cooperating" for t in tasks)}
        yield [ref(graph, unit)] + tasks, numbers, evidence_of(work[0][2])


def _missing_attachments(graph, sd):
    for plan in nodes_of(graph, Label.PLAN, sd):
        data = graph.nodes[plan]
        file = (data.get("evidence") or {}).get("file")
        for att in data.get("attachments") or []:
            if not att.get("present", True):
                attachment = {"id": f"{plan}#{att['number']}", "name": att["title"], "label": "Attachment",
                              "number": att["number"], "part": "missing"}
                yield [ref(graph, plan), attachment], {}, {"file": file, "line": att["line"]}


def _goals_without_task(graph, sd):
    for goal in nodes_of(graph, Label.GOAL, sd):
        data = graph.nodes[goal]
        children = edges_in(graph, goal, Rel.PART_OF)
        if not (data.get("level") == "project" or data.get("level") == "action" and not children):
            continue
        below = {goal} | _parts_below(graph, goal)
        if any(edges_in(graph, g, Rel.SERVES) for g in below):
            continue
        parents = [ref(graph, p, part="parent") for p, _, _ in edges_out(graph, goal, Rel.PART_OF)]
        yield [ref(graph, goal, level=data.get("level"))] + parents[:1], {}, evidence_of(data)


def _parts_below(graph, goal):
    seen: set[str] = set()
    stack = [goal]
    while stack:
        for child, _, _ in edges_in(graph, stack.pop(), Rel.PART_OF):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def _overloaded(graph, sd, label, rel, factor, minimum):
    counts = {}
    for node in nodes_of(graph, label, sd):
        if graph.nodes[node].get("collective"):
            continue
        n = len({t for t, _, _ in edges_out(graph, node, rel)})
        if n:
            counts[node] = n
    if not counts:
        return
    median = statistics.median(counts.values())
    for node, n in counts.items():
        if n > factor * median and n >= minimum:
            yield [ref(graph, node)], {"tasks": n, "median": median, "ratio": n / median}, evidence_of(graph.nodes[node])


def _members_without_task(graph, sd, roles):
    tasks = nodes_of(graph, Label.TASK, sd)
    if not any(edges_in(graph, t, Rel.LEADS) for t in tasks):
        return
    for official in nodes_of(graph, Label.OFFICIAL, sd):
        data = graph.nodes[official]
        if data.get("role") not in roles or edges_out(graph, official, Rel.LEADS, Rel.ACCOUNTABLE_FOR):
            continue
        membership = [d for p, _, d in edges_out(graph, official, Rel.MEMBER_OF)
                      if graph.nodes[p].get("label") == Label.PLAN]
        yield [ref(graph, official)], {}, evidence_of(membership[0] if membership else data)


def _corrections_unmatched(graph, sd):
    for notice in graph.graph.get("warnings", []):
        if getattr(notice, "kind", None) == "correction-unmatched" and notice.values.get("subdistrict") == sd:
            row = f"{notice.file}:{notice.line}"
            yield ([{"id": row, "name": row, "label": "Correction", "fact": notice.values.get("fact"),
                     "of": notice.values.get("of"), "about": notice.values.get("name")}], {},
                   {"file": notice.file, "line": notice.line})


def _line(attrs: dict) -> int:
    return (attrs.get("evidence") or {}).get("line") or 0
