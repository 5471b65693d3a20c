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
        self.seen: dict[int, tuple[tuple[int, int, int, int], float]] = {}  # line → box, confidence: read by OCR
        self.entities: dict[str, object] = {}
        self.relations: dict[tuple[str, str, str], Relation] = {}

    def page(self, line: int) -> int | None:
        """The PDF page a line stands on (None for other formats)."""
        at = bisect.bisect_right(self.page_starts, line) - 1
        return self.page_numbers[at] if at >= 0 else None

    def ev(self, line: int, at=None) -> Evidence:
        """Evidence for a line; ``at`` (a Mention or TaskRecord) adds the page/table/row/cell it names."""
        box, confidence = self.seen.get(line, (None, None))
        if at is None:
            return Evidence(file=self.file, line=line, page=self.page(line) if self.page_starts else None, box=box,
                            confidence=confidence)
        return Evidence(file=self.file, line=line, page=at.page or (self.page(line) if self.page_starts else None),
                        table=at.table, row=at.row, cell=getattr(at, "cell", None), box=box, confidence=confidence)

    def nid(self, label: Label, key: str = "") -> str:
        return node_id(self.sd, label, key)

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
    r = _Resolver(record)
    r.issuer_and_plan()
    warnings = r.units()
    r.officials()
    r.teams()
    r.goals()
    r.tasks()
    r.streets()
    entities, relations, damaged = _without_damaged_names(list(r.entities.values()), list(r.relations.values()))
    return SubdistrictModel(
        subdistrict=r.sd, file=record.file, layout=record.layout, entities=entities, relations=relations,
        warnings=[_in_file(w, record.file) for w in [*record.warnings, *warnings, *damaged]],
    )


#: Entities that are names: one holding U+FFFD (a byte the file lost) is no name to count.
_NAMED = {Label.OFFICIAL.value, Label.UNIT.value, Label.STREET.value}


def _without_damaged_names(entities: list, relations: list) -> tuple[list, list, list[Notice]]:
    """The officials, units and streets whose name holds �, left out with their relations, each said by its line:
    the name is not known (the text around it, a task's, stays read)."""
    damaged = {e.id: e for e in entities if e.label in _NAMED and "\ufffd" in e.name}
    if not damaged:
        return entities, relations, []
    notices = [Notice(kind="damaged-name", line=e.evidence.line, values={"name": e.name}) for e in damaged.values()]
    return ([e for e in entities if e.id not in damaged],
            [r for r in relations if r.source not in damaged and r.target not in damaged], notices)


class _Resolver(_Builder):
    """One plan's resolution, a step per kind of thing, in the order the ids depend on each other."""

    def __init__(self, record: PlanRecord):
        super().__init__(record.meta.subdistrict, record.file, record.pages)
        self.seen = {line: (tuple(box), confidence) for line, box, confidence in record.seen}
        self.record = record
        self.plan_id = ""
        self.canon: dict[str, str] = {}  # a unit's spelling → the name of the unit it is
        self.unit_ids: dict[str, str] = {}
        self.official_ids: dict[str, str] = {}
        self.goal_ids: dict[str, str] = {}
        self.task_ids: list[str] = []
        self.titled: list[tuple[str, object, int]] = []  # (official, TitlePart, line)

    def issuer_and_plan(self) -> None:
        meta, sd = self.record.meta, self.sd
        issuer = self.add(Issuer(id=self.nid(Label.ISSUER), name=sd, subdistrict=sd, level=meta.level,
                                 evidence=self.ev(meta.issuer_line or meta.title_line)))
        self.plan_id = self.add(Plan(
            id=self.nid(Label.PLAN, meta.number or meta.title), name=meta.title, subdistrict=sd,
            evidence=self.ev(meta.number_line or meta.title_line), title=meta.title, number=meta.number,
            date=meta.date, printed=meta.printed, issuers=list(meta.issuers), attachments=list(self.record.attachments),
            layout=self.record.layout, group=meta.group,
        ))
        self.rel(self.plan_id, issuer, Rel.PLAN_OF, meta.title_line)

    def _spellings(self) -> tuple[list[tuple[str, int]], set[str]]:
        """Every spelling of a unit with its line, and those that are official names (the group's titles)."""
        record = self.record
        spellings: list[tuple[str, int]] = []
        preferred: set[str] = set()
        for o in record.officials:
            for title in o.titles:
                part = split_title(title)
                if part:
                    spellings.append((clean(part.unit), o.line))
                    preferred.add(clean(part.unit))
                    self.titled.append((o.name, part, o.line))
        for team in record.teams:
            spellings += [(m.name, m.line) for m in team.members]
            spellings += [(team.seat.name, team.seat.line)] if team.seat else []
        for task in record.tasks:
            spellings += [(m.name, m.line) for m in (*task.responsible, *task.cooperating)]
        spellings += [(m.name, m.line) for m in record.collective_members]
        spellings += [(m.name, m.line) for m in record.member_units]
        return spellings, preferred

    def units(self) -> list[str]:
        """One entity per real unit, whatever its spellings; return the warnings of the grouping."""
        spellings, preferred = self._spellings()
        team_names = {t.name for t in self.record.teams}
        self.canon, warnings = group_unit_names([n for n, _ in spellings if n not in team_names], preferred)
        aliases: dict[str, list[str]] = defaultdict(list)
        first_line: dict[str, int] = {}
        for name, line in spellings:
            name = clean(name)
            c = self.canon.get(name, name)
            first_line.setdefault(c, line)
            if name != c and name not in aliases[c]:
                aliases[c].append(name)
        for name, _line in spellings:
            c = self.canon.get(clean(name), clean(name))
            if c not in self.unit_ids:
                self.unit_ids[c] = self.add(
                    Unit(id=self.nid(Label.UNIT, c), name=c, subdistrict=self.sd, evidence=self.ev(first_line[c]),
                         aliases=aliases[c], collective=is_collective(c))
                )
        return warnings

    def unit(self, name: str) -> str:
        return self.unit_ids[self.canon.get(clean(name), clean(name))]

    def official(self, name: str, line: int) -> str:
        """The id of an official, named in the text if not a member of the leading group."""
        if name not in self.official_ids:
            self.official_ids[name] = self.add(
                Official(id=self.nid(Label.OFFICIAL, name), name=name, subdistrict=self.sd, evidence=self.ev(line),
                         role=None, titles=[])
            )
        return self.official_ids[name]

    def officials(self) -> None:
        """The leading group: its members, the units they head or belong to, the members given as units."""
        record, plan_id = self.record, self.plan_id
        for o in record.officials:
            oid = self.official_ids.setdefault(o.name, self.add(
                Official(id=self.nid(Label.OFFICIAL, o.name), name=o.name, subdistrict=self.sd, evidence=self.ev(o.line),
                         role=o.role, titles=list(o.titles))
            ))
            if o.role:
                self.rel(oid, plan_id, Rel.MEMBER_OF, o.line, role=o.role)
        for name, part, line in self.titled:
            if part.member:
                self.rel(self.official_ids[name], self.unit(part.unit), Rel.MEMBER_OF, line, position=part.position)
            else:
                self.rel(self.official_ids[name], self.unit(part.unit), Rel.HEADS, line,
                         position=part.position, deputy=part.deputy)
        for m in record.collective_members:
            self.rel(self.unit(m.name), plan_id, Rel.MEMBER_OF, m.line, role="成员")
        for m in record.member_units:
            self.rel(self.unit(m.name), plan_id, Rel.MEMBER_OF, m.line, role=m.role, position=m.position or None)

    def teams(self) -> None:
        """工作专班 and the office of the leading group: units with their heads and member units."""
        for team in self.record.teams:
            kind = "office" if team.name.endswith("办公室") else "team"
            seat = self.canon.get(clean(team.seat.name), clean(team.seat.name)) if team.seat else None
            tid = self.add(Unit(id=self.nid(Label.UNIT, team.name), name=team.name, subdistrict=self.sd,
                                evidence=self.ev(team.line), aliases=[], kind=kind, seat=seat,
                                holders=list(team.holders)))
            for m in team.leads:
                self.rel(self.official(m.name, m.line), tid, Rel.HEADS, m.line,
                         position="主任" if kind == "office" else "牵头负责", deputy=False)
            for m in team.deputies:
                self.rel(self.official(m.name, m.line), tid, Rel.HEADS, m.line, position="副主任", deputy=True)
            for m in team.members:
                self.rel(self.unit(m.name), tid, Rel.MEMBER_OF, m.line)

    def goals(self) -> None:
        """Goals merged by name (an action group and a 一级指标 of the same name are one goal)."""
        for g in self.record.goals:
            if g.name not in self.goal_ids:
                self.goal_ids[g.name] = self.add(Goal(id=self.nid(Label.GOAL, g.name), name=g.name, subdistrict=self.sd,
                                                      evidence=self.ev(g.line), level=g.level, description=g.description))
                self.rel(self.goal_ids[g.name], self.plan_id, Rel.IN_PLAN, g.line)
        for g in self.record.goals:
            if g.parent and g.parent in self.goal_ids and g.parent != g.name:
                self.rel(self.goal_ids[g.name], self.goal_ids[g.parent], Rel.PART_OF, g.line)

    def tasks(self) -> None:
        """Tasks, and who is assigned to them: the leads, the units, the heads who answer for a unit."""
        heads: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        for (source, target, type_), rel in self.relations.items():
            if type_ == Rel.HEADS.value:
                heads[target].append((source, bool(rel.properties.get("deputy"))))
        for task in self.record.tasks:
            key = _task_key(task.number, task.text)
            while self.nid(Label.TASK, key) in self.entities:
                key += "+"
            tid = self.add(Task(id=self.nid(Label.TASK, key), name=_task_name(task), subdistrict=self.sd,
                                evidence=self.ev(task.line, task), number=task.number, text=task.text,
                                lead_posts=[m.name for m in task.leads if m.post]))
            self.task_ids.append(tid)
            self.rel(tid, self.plan_id, Rel.IN_PLAN, task.line)
            if task.goal and task.goal in self.goal_ids:
                self.rel(tid, self.goal_ids[task.goal], Rel.SERVES, task.line,
                         inherited=("goal" in task.inherited) or None)
            self._assign(task, tid, heads)

    def _assign(self, task, tid: str, heads: dict[str, list[tuple[str, bool]]]) -> None:
        # a name read from a merged cell above is marked inherited; its evidence is that cell's
        for m in task.leads:
            if not m.post:  # a post (区政府分管领导) is no person: it stays on the task, not as an Official
                self.rel(self.official(m.name, m.line), tid, Rel.LEADS, m.line, m, inherited=m.inherited or None,
                         as_written=m.as_written)
        for m in task.responsible:
            uid = self.unit(m.name)
            self.rel(uid, tid, Rel.RESPONSIBLE_FOR, m.line, m, inherited=m.inherited or None, as_written=m.as_written)
            chiefs = [o for o, deputy in heads.get(uid, []) if not deputy] or [o for o, _ in heads.get(uid, [])]
            for o in chiefs:
                self.rel(o, tid, Rel.ACCOUNTABLE_FOR, m.line, m, via=uid, inherited=m.inherited or None)
        for m in task.cooperating:
            self.rel(self.unit(m.name), tid, Rel.COOPERATES_ON, m.line, m, inherited=m.inherited or None,
                     as_written=m.as_written)

    def streets(self) -> None:
        """Streets, each CONCERNed by the task or goal whose text names it."""
        for street in self.record.streets:
            sid = self.add(Street(id=self.nid(Label.STREET, street.name), name=street.name, subdistrict=self.sd,
                                  evidence=self.ev(street.line)))
            source = self.task_ids[street.task] if street.task is not None else self.goal_ids.get(street.goal)
            if source:
                self.rel(source, sid, Rel.CONCERNS, street.line)


def _in_file(warning: Notice | str, file: str) -> Notice | str:
    """A reader's notice names its file (a section reader does not know it)."""
    if isinstance(warning, Notice) and warning.file is None:
        return warning.model_copy(update={"file": file})
    return warning


def _task_name(task) -> str:
    """A task's name: its first sentence, cut after its 39th character when longer than 40; spaces are not counted
    (a PDF or a scan shows a space the text has, 完善 24小时, or not: the name is the same)."""
    head = task.text.split("。")[0]
    shown = [k for k, ch in enumerate(head) if not ch.isspace()]
    return head if len(shown) <= 40 else head[:shown[38] + 1] + "…"
