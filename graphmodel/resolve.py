"""A PlanRecord → the resolved model of its 街道: one entity per real thing, every fact with evidence."""

from __future__ import annotations

import bisect
import hashlib
from collections import defaultdict

from .model import (
    Evidence,
    Goal,
    Issuer,
    Notice,
    Official,
    Plan,
    PlanRecord,
    Relation,
    Street,
    SubdistrictModel,
    Task,
    Unit,
)
from .names import abbreviates, alias_keys, clean, is_collective, split_title
from .schema import Label, Rel, node_id

__all__ = ["resolve_plan", "group_unit_names"]


def group_unit_names(names: list[str], preferred: set[str] = frozenset()) -> tuple[dict[str, str], list[str]]:
    """Group the spellings of units that are one real unit, and name each group.

    Two spellings are one unit when they share a key (the name without 社区 or without its
    bracketed part, or the bracketed other name: 平安办 / 社区平安办（信访办）), or when
    one is the short form of exactly one other unit (管理办 / 社区管理办, 妇联 / 妇女联合会).
    A short form that fits two units is left alone, with a warning. A group is named by
    its first preferred spelling (the leading group's titles), else its longest one.

    Parameters
    ----------
    names : list of str
        Spellings in document order.
    preferred : set of str
        Spellings that are official names (from the titles of the leading group).

    Returns
    -------
    (dict, list)
        Each spelling → its group's name; and warnings (:class:`~graphmodel.model.Notice`, kind ``ambiguous-unit``).

    Examples
    --------
    >>> canon, warnings = group_unit_names(
    ...     ["社区管理办", "妇女联合会", "社区平安办（信访办）", "管理办", "妇联", "平安办", "林长办", "各居民区"],
    ...     preferred={"社区管理办", "妇女联合会", "社区平安办（信访办）"})
    >>> canon["管理办"], canon["妇联"], canon["平安办"], canon["林长办"], canon["各居民区"]
    ('社区管理办', '妇女联合会', '社区平安办（信访办）', '林长办', '各居民区')
    >>> [(w.kind, w.values) for w in group_unit_names(["社区党群服务中心", "社区事务受理服务中心", "服务中心"])[1]]
    [('ambiguous-unit', {'name': '服务中心', 'options': ['社区事务受理服务中心', '社区党群服务中心']})]
    """
    names = list(dict.fromkeys(clean(n) for n in names if clean(n)))
    parent = {n: n for n in names}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    by_key: dict[str, str] = {}
    for n in names:
        if is_collective(n):
            continue
        for key in alias_keys(n):
            if key in by_key:
                union(by_key[key], n)
            else:
                by_key[key] = n
    warnings: list[Notice] = []
    for s in names:
        if is_collective(s):
            continue
        groups = {find(m) for m in names if find(m) != find(s) and abbreviates(s, m)}
        if len(groups) == 1:
            union(groups.pop(), s)
        elif len(groups) > 1:
            options = sorted(_name_of(g, names, preferred, find) for g in groups)
            warnings.append(Notice(kind="ambiguous-unit", values={"name": s, "options": options}))
    return {n: _name_of(find(n), names, preferred, find) for n in names}, warnings


def _name_of(root: str, names: list[str], preferred: set[str], find) -> str:
    members = [n for n in names if find(n) == root]
    official = [n for n in members if n in preferred]
    return official[0] if official else max(members, key=len)


def _task_key(number: int | None, text: str) -> str:
    return str(number) if number is not None else "x" + hashlib.sha1(text.encode()).hexdigest()[:8]


class _Builder:
    """Collects entities and relations once each, first evidence kept."""

    def __init__(self, sd: str, file: str, pages: tuple[tuple[int, int], ...] = ()):
        self.sd, self.file = sd, file
        self.page_starts, self.page_numbers = [p[0] for p in pages], [p[1] for p in pages]
        self.entities: dict[str, object] = {}
        self.relations: dict[tuple[str, str, str], Relation] = {}

    def page(self, line: int) -> int | None:
        """The PDF page a line stands on (None for other formats)."""
        at = bisect.bisect_right(self.page_starts, line) - 1
        return self.page_numbers[at] if at >= 0 else None

    def ev(self, line: int, at=None) -> Evidence:
        """Evidence for a line; ``at`` (a Mention or TaskRecord) adds the page/table/row/cell it names."""
        if at is None:
            return Evidence(file=self.file, line=line, page=self.page(line) if self.page_starts else None)
        return Evidence(file=self.file, line=line, page=at.page or (self.page(line) if self.page_starts else None),
                        table=at.table, row=at.row, cell=getattr(at, "cell", None))

    def add(self, entity) -> str:
        self.entities.setdefault(entity.id, entity)
        return entity.id

    def rel(self, source: str, target: str, type_: Rel, line: int, at=None, **props) -> None:
        key = (source, target, type_.value)
        if key not in self.relations:
            self.relations[key] = Relation(
                source=source, target=target, type=type_.value, evidence=self.ev(line, at),
                properties={k: v for k, v in props.items() if v is not None},
            )


def resolve_plan(record: PlanRecord) -> SubdistrictModel:
    """Resolve the names of one plan into entities and relations.

    Parameters
    ----------
    record : PlanRecord
        What a reader found in one file.

    Returns
    -------
    SubdistrictModel
        One entity per official, unit, task, goal and street of the 街道, and the relations
        between them, each with the file and line it was read from.
    """
    meta, sd = record.meta, record.meta.subdistrict
    b = _Builder(sd, record.file, record.pages)
    nid = lambda label, key="": node_id(sd, label, key)  # noqa: E731

    sd_id = b.add(Issuer(id=nid(Label.ISSUER), name=sd, subdistrict=sd, level=meta.level,
                         evidence=b.ev(meta.issuer_line or meta.title_line)))
    plan_id = b.add(
        Plan(
            id=nid(Label.PLAN, meta.number or meta.title), name=meta.title, subdistrict=sd,
            evidence=b.ev(meta.number_line or meta.title_line), title=meta.title, number=meta.number,
            date=meta.date, printed=meta.printed, issuers=list(meta.issuers), attachments=list(record.attachments),
            layout=record.layout, group=meta.group,
        )
    )
    b.rel(plan_id, sd_id, Rel.PLAN_OF, meta.title_line)

    # --- units: every spelling, resolved into one entity per real unit
    spellings: list[tuple[str, int]] = []
    preferred: set[str] = set()
    titled: list[tuple[str, object, int]] = []  # (official, TitlePart, line)
    for o in record.officials:
        for title in o.titles:
            part = split_title(title)
            if part:
                spellings.append((clean(part.unit), o.line))
                preferred.add(clean(part.unit))
                titled.append((o.name, part, o.line))
    team_names = {t.name for t in record.teams}
    for team in record.teams:
        spellings += [(m.name, m.line) for m in team.members]
        spellings += [(team.seat.name, team.seat.line)] if team.seat else []
    for task in record.tasks:
        spellings += [(m.name, m.line) for m in (*task.responsible, *task.cooperating)]
    spellings += [(m.name, m.line) for m in record.collective_members]
    spellings += [(m.name, m.line) for m in record.member_units]
    canon, warnings = group_unit_names([n for n, _ in spellings if n not in team_names], preferred)
    aliases: dict[str, list[str]] = defaultdict(list)
    first_line: dict[str, int] = {}
    for name, line in spellings:
        name = clean(name)
        c = canon.get(name, name)
        first_line.setdefault(c, line)
        if name != c and name not in aliases[c]:
            aliases[c].append(name)
    unit_ids: dict[str, str] = {}
    for name, line in spellings:
        c = canon.get(clean(name), clean(name))
        if c not in unit_ids:
            unit_ids[c] = b.add(
                Unit(id=nid(Label.UNIT, c), name=c, subdistrict=sd, evidence=b.ev(first_line[c]),
                     aliases=aliases[c], collective=is_collective(c))
            )

    def unit(name: str) -> str:
        c = canon.get(clean(name), clean(name))
        return unit_ids[c]

    # --- officials
    official_ids: dict[str, str] = {}
    for o in record.officials:
        oid = official_ids.setdefault(o.name, b.add(
            Official(id=nid(Label.OFFICIAL, o.name), name=o.name, subdistrict=sd, evidence=b.ev(o.line),
                     role=o.role, titles=list(o.titles))
        ))
        if o.role:
            b.rel(oid, plan_id, Rel.MEMBER_OF, o.line, role=o.role)

    def official(name: str, line: int) -> str:
        if name not in official_ids:
            official_ids[name] = b.add(
                Official(id=nid(Label.OFFICIAL, name), name=name, subdistrict=sd, evidence=b.ev(line),
                         role=None, titles=[])
            )
        return official_ids[name]

    for name, part, line in titled:
        if part.member:
            b.rel(official_ids[name], unit(part.unit), Rel.MEMBER_OF, line, position=part.position)
        else:
            b.rel(official_ids[name], unit(part.unit), Rel.HEADS, line, position=part.position, deputy=part.deputy)
    for m in record.collective_members:
        b.rel(unit(m.name), plan_id, Rel.MEMBER_OF, m.line, role="成员")
    for m in record.member_units:
        b.rel(unit(m.name), plan_id, Rel.MEMBER_OF, m.line, role=m.role, position=m.position or None)

    # --- 工作专班 and the office of the leading group
    for team in record.teams:
        kind = "office" if team.name.endswith("办公室") else "team"
        seat = canon.get(clean(team.seat.name), clean(team.seat.name)) if team.seat else None
        tid = b.add(Unit(id=nid(Label.UNIT, team.name), name=team.name, subdistrict=sd,
                         evidence=b.ev(team.line), aliases=[], kind=kind, seat=seat))
        for m in team.leads:
            b.rel(official(m.name, m.line), tid, Rel.HEADS, m.line,
                  position="主任" if kind == "office" else "牵头负责", deputy=False)
        for m in team.deputies:
            b.rel(official(m.name, m.line), tid, Rel.HEADS, m.line, position="副主任", deputy=True)
        for m in team.members:
            b.rel(unit(m.name), tid, Rel.MEMBER_OF, m.line)

    # --- goals, merged by name (an action group and a 一级指标 of the same name are one goal)
    goal_ids: dict[str, str] = {}
    for g in record.goals:
        if g.name not in goal_ids:
            goal_ids[g.name] = b.add(Goal(id=nid(Label.GOAL, g.name), name=g.name, subdistrict=sd,
                                          evidence=b.ev(g.line), level=g.level, description=g.description))
            b.rel(goal_ids[g.name], plan_id, Rel.IN_PLAN, g.line)
    for g in record.goals:
        if g.parent and g.parent in goal_ids and g.parent != g.name:
            b.rel(goal_ids[g.name], goal_ids[g.parent], Rel.PART_OF, g.line)

    # --- tasks and who is assigned to them
    heads: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for (source, target, type_), rel in b.relations.items():
        if type_ == Rel.HEADS.value:
            heads[target].append((source, bool(rel.properties.get("deputy"))))
    task_ids: list[str] = []
    for task in record.tasks:
        key = _task_key(task.number, task.text)
        while nid(Label.TASK, key) in b.entities:
            key += "+"
        tid = b.add(Task(id=nid(Label.TASK, key), name=_task_name(task), subdistrict=sd,
                         evidence=b.ev(task.line, task), number=task.number, text=task.text,
                         lead_posts=[m.name for m in task.leads if m.post]))
        task_ids.append(tid)
        b.rel(tid, plan_id, Rel.IN_PLAN, task.line)
        if task.goal and task.goal in goal_ids:
            b.rel(tid, goal_ids[task.goal], Rel.SERVES, task.line,
                  inherited=("goal" in task.inherited) or None)
        # a name read from a merged cell above is marked inherited; its evidence is that cell's
        for m in task.leads:
            if not m.post:  # a post (区政府分管领导) is no person: it stays on the task, not as an Official
                b.rel(official(m.name, m.line), tid, Rel.LEADS, m.line, m, inherited=m.inherited or None)
        for m in task.responsible:
            uid = unit(m.name)
            b.rel(uid, tid, Rel.RESPONSIBLE_FOR, m.line, m, inherited=m.inherited or None)
            chiefs = [o for o, deputy in heads.get(uid, []) if not deputy] or [o for o, _ in heads.get(uid, [])]
            for o in chiefs:
                b.rel(o, tid, Rel.ACCOUNTABLE_FOR, m.line, m, via=uid, inherited=m.inherited or None)
        for m in task.cooperating:
            b.rel(unit(m.name), tid, Rel.COOPERATES_ON, m.line, m, inherited=m.inherited or None)

    # --- streets
    for name, line, owner in record.streets:
        sid = b.add(Street(id=nid(Label.STREET, name), name=name, subdistrict=sd, evidence=b.ev(line)))
        kind, _, ref = owner.partition(":")
        source = task_ids[int(ref)] if kind == "task" else goal_ids.get(ref)
        if source:
            b.rel(source, sid, Rel.CONCERNS, line)

    return SubdistrictModel(
        subdistrict=sd, file=record.file, layout=record.layout, entities=list(b.entities.values()),
        relations=list(b.relations.values()), warnings=[_in_file(w, record.file) for w in [*record.warnings, *warnings]],
    )


def _in_file(warning: Notice | str, file: str) -> Notice | str:
    """A reader's notice names its file (a section reader does not know it)."""
    if isinstance(warning, Notice) and warning.file is None:
        return warning.model_copy(update={"file": file})
    return warning


def _task_name(task) -> str:
    head = task.text.split("。")[0]
    return head if len(head) <= 40 else head[:39] + "…"
