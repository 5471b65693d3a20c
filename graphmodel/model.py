"""The domain model: what one plan says, as records and resolved entities.

Plain records (:mod:`graphmodel._record`), not pydantic models: they are built by the readers
and the resolver, never parsed from outside, and building the pydantic classes cost every
command ≈ 50 ms of start-up. The export contract is the dicts that ``model_dump`` gives; its schema, as
pydantic models imported only where an export is read or described, is :mod:`graphmodel.contract`.
"""

from __future__ import annotations

from typing import Any, Literal

from ._record import FrozenRecord, Record

__all__ = [
    "Evidence",
    "Mention",
    "StreetMention",
    "Notice",
    "OfficialRecord",
    "MemberUnitRecord",
    "TeamRecord",
    "OfficeHolder",
    "TaskRecord",
    "GoalRecord",
    "Attachment",
    "PlanMeta",
    "PlanRecord",
    "Entity",
    "Issuer",
    "Plan",
    "Official",
    "Unit",
    "Task",
    "Goal",
    "Street",
    "Relation",
    "SubdistrictModel",
]

#: Goal levels: 主要目标 and its parts, the action groups / 一级指标, the 二级项目.
GoalLevel = Literal["main", "part", "action", "project"]


class _Frozen(FrozenRecord):
    """The base of the records and entities: frozen, keyword-only, declared by annotations."""


class Evidence(_Frozen):
    """Where a fact was read: the file (as the user named it) and the 1-based line.

    A PDF fact also names its ``page``; a fact read from a real table (PDF, Word, web page)
    its ``table``, ``row`` and ``cell`` (all 1-based); a fact read by OCR (a scan, a picture) the ``box`` of its line
    on the page's picture (x0, top, x1, bottom in pixels) and the recogniser's lowest ``confidence`` in that line. ``also`` lists the same fact in other
    documents about the same body; ``corrected`` the reviewer's row that changed the fact
    (``review.xlsx:17``, :mod:`graphmodel.corrections`). Absent parts are left out of the serialised form, so a
    plain-text fact serialises as ``{"file": …, "line": …}``.

    Examples
    --------
    >>> Evidence(file="a.pdf", line=7, page=2).model_dump()
    {'file': 'a.pdf', 'line': 7, 'page': 2}
    """

    file: str
    line: int
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    box: tuple[int, int, int, int] | None = None  # read by OCR: the line's box on the page's picture (pixels)
    confidence: float | None = None  # read by OCR: the recogniser's lowest confidence in the line (0–1)
    also: tuple["Evidence", ...] = ()
    corrected: str | None = None  # the review row that changed the fact (review.xlsx:17): graphmodel.corrections

    def model_dump(self, *, mode: str = "python", exclude: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
        return {k: v for k, v in super().model_dump(mode=mode, exclude=exclude).items()
                if v is not None and v != () and v != []}


class Notice(_Frozen):
    """A warning about a file, as data: its ``kind`` (a key of :data:`graphmodel.labels.NOTICES`, which
    says it in Chinese and English), where (``file``, ``line``), and the ``values`` its sentence names.

    Examples
    --------
    >>> Notice(kind="missing-attachment", file="a.txt", line=9, values={"number": 2, "title": "项目计划表"}).line
    9
    """

    kind: str
    file: str | None = None
    line: int | None = None
    values: dict[str, Any] = {}


class Mention(_Frozen):
    """A name as written in the document, with the line it stands on.

    A name read from a table cell also says where the cell is (``page``, ``table``, ``row``,
    ``cell``: 1-based, absent for running text). ``inherited``: the cell was empty, merged with
    the filled cell above it, and the name was read there (``line`` and ``row`` are that
    cell's). ``post``: the name is a post (区政府分管领导, 分管副区长), not a person.
    ``as_written``: the document's own word for the role (牵头单位, 责任单位, 主办, 协办, 配合,
    分管领导 …), kept on the edge so that nothing of the document's wording is lost.
    """

    name: str
    line: int
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    inherited: bool = False
    post: bool = False
    as_written: str | None = None

    def __repr_args__(self):  # the parts a plain-text mention leaves absent stay out of its repr
        return [(k, v) for k, v in super().__repr_args__() if k in ("name", "line") or v not in (None, False)]


class StreetMention(_Frozen):
    """A street or waterway named in a task or a goal, with the line it stands on.

    ``task`` is the index of the task in :attr:`PlanRecord.tasks` whose text names it, or
    ``goal`` the name of the goal whose name or description does (one of the two).
    """

    name: str
    line: int
    task: int | None = None
    goal: str | None = None


# --------------------------------------------------------------------------- records
# What the readers hand over: names as written, line numbers, nothing resolved yet.


class OfficialRecord(_Frozen):
    """One member of the leading group (领导小组名单); ``role`` None for a person named elsewhere (the office's 主任)."""

    name: str
    role: str | None
    titles: tuple[str, ...]
    line: int


class MemberUnitRecord(_Frozen):
    """A member of the leading group given as a unit (区发改委主要负责人, 各镇分管领导), not as a person."""

    name: str
    role: str
    position: str = ""  # 主要负责人, 分管负责人, 分管领导 …
    line: int


class OfficeHolder(_Frozen):
    """Who heads the office of a group (its 主任 or 副主任, ``post``) without being a member of the group: kept on
    the office, as the document writes it, not as an official of the group."""

    name: str
    post: str
    titles: tuple[str, ...] = ()
    line: int


class TeamRecord(_Frozen):
    """A 工作专班 or the 领导小组办公室: its lead(s), deputies and member units."""

    name: str
    line: int
    leads: tuple[Mention, ...] = ()
    deputies: tuple[Mention, ...] = ()
    members: tuple[Mention, ...] = ()
    seat: Mention | None = None  # the unit the office sits in (办公室设在 X)
    holders: tuple[OfficeHolder, ...] = ()  # the office's heads who are no members of the group


class TaskRecord(_Frozen):
    """One task: a row of the task table, or a numbered action where there is no table."""

    number: int | None
    text: str
    line: int
    leads: tuple[Mention, ...] = ()
    responsible: tuple[Mention, ...] = ()
    cooperating: tuple[Mention, ...] = ()
    goal: str | None = None  # the 二级项目 (or action group) the task serves
    goal_line: int | None = None
    offsets: tuple[tuple[int, int], ...] = ()  # (offset in text, line): where each piece of text was read
    page: int | None = None  # where the row stands when it is a row of a real table
    table: int | None = None
    row: int | None = None
    inherited: tuple[str, ...] = ()  # columns read from a merged cell above: "lead", "responsible", "cooperating", "goal"


class GoalRecord(_Frozen):
    """A goal: 主要目标 and its parts, an action group, a 一级指标 or 二级项目."""

    name: str
    level: GoalLevel
    line: int
    parent: str | None = None
    description: str = ""


class Attachment(_Frozen):
    """An attachment (附件) the text lists, and whether the file holds it."""

    number: int
    title: str
    line: int
    present: bool


class PlanMeta(_Frozen):
    """The document's header: the issuer's jurisdiction and level, title, document number, date, issuing bodies.

    ``subdistrict`` is the issuer's jurisdiction (金杨新村街道, 张江镇, 浦东新区, 平阳县 …), the
    scope of every id; ``level`` its level (街道, 镇, 乡, 区, 新区, 开发区, 县, 市).
    """

    subdistrict: str
    title: str
    title_line: int
    level: str | None = None
    issuer_line: int | None = None  # where the issuer was read (the 发文机关, else the title)
    group: str | None = None  # the leading group's name (张江镇城市更新工作领导小组)
    number: str | None = None
    number_line: int | None = None
    date: str | None = None  # ISO 8601, 成文日期
    printed: str | None = None  # ISO 8601, 印发日期
    issuers: tuple[str, ...] = ()


class PlanRecord(_Frozen):
    """Everything one reader pass found in one file, before names are resolved."""

    file: str
    meta: PlanMeta
    layout: str = "action-plan"  # the layout that read it (loaders.plan.layouts)
    officials: tuple[OfficialRecord, ...] = ()
    collective_members: tuple[Mention, ...] = ()  # e.g. 各居民区党组织负责人
    member_units: tuple[MemberUnitRecord, ...] = ()  # members given as units (区发改委主要负责人)
    teams: tuple[TeamRecord, ...] = ()
    goals: tuple[GoalRecord, ...] = ()
    tasks: tuple[TaskRecord, ...] = ()
    has_task_table: bool = False
    streets: tuple[StreetMention, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    warnings: tuple[Notice | str, ...] = ()  # a str: a reader's warning not yet in graphmodel.labels (Chinese only)
    pages: tuple[tuple[int, int], ...] = ()  # (first line, page) of each page of a PDF: every fact's evidence names its page
    seen: tuple[tuple[int, tuple[int, int, int, int], float], ...] = ()  # (line, box, confidence) of each line read by OCR


# --------------------------------------------------------------------------- entities
# The resolved model of one 街道: one entity per real thing, ids stable across runs.


class Entity(_Frozen):
    """A node of the graph."""

    id: str
    label: str
    name: str
    subdistrict: str
    evidence: Evidence

    def properties(self) -> dict[str, Any]:
        """Return the node's properties as the export contract writes them (without ``id``)."""
        return self.model_dump(mode="json", exclude={"id"})


class Issuer(Entity):
    """The issuing body's jurisdiction (a 街道, 镇, 区, 县, 市 …): the top node of its graph."""

    label: Literal["Issuer"] = "Issuer"
    level: str | None = None


class Plan(Entity):
    label: Literal["Plan"] = "Plan"
    title: str
    number: str | None = None
    date: str | None = None
    printed: str | None = None
    issuers: list[str] = []
    attachments: list[Attachment] = []
    layout: str = "action-plan"
    group: str | None = None


class Official(Entity):
    label: Literal["Official"] = "Official"
    role: str | None  # None: named in the text but not a member of the leading group
    titles: list[str]


class Unit(Entity):
    label: Literal["Unit"] = "Unit"
    aliases: list[str]
    collective: bool = False
    kind: str = "unit"  # unit | team (工作专班) | office (领导小组办公室)
    seat: str | None = None  # office: the unit it sits in (办公室设在 X)
    holders: list[OfficeHolder] = []  # office: its heads who are no members of the group (主任, 副主任)

    def model_dump(self, *, mode: str = "python", exclude: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
        data = super().model_dump(mode=mode, exclude=exclude)
        if not data.get("holders", True):  # only an office that has them says so: other units are as they were
            del data["holders"]
        return data


class Task(Entity):
    label: Literal["Task"] = "Task"
    number: int | None
    text: str
    lead_posts: list[str] = []  # leads named by post only (区政府分管领导), no person


class Goal(Entity):
    label: Literal["Goal"] = "Goal"
    level: GoalLevel
    description: str = ""


class Street(Entity):
    label: Literal["Street"] = "Street"


class Relation(_Frozen):
    """An edge of the graph: ``source -[type]-> target`` with its evidence."""

    source: str
    target: str
    type: str
    evidence: Evidence
    properties: dict[str, Any] = {}


class SubdistrictModel(Record):
    """The resolved model of one 街道's plan: entities, relations and reader warnings."""

    subdistrict: str
    file: str
    layout: str = "action-plan"  # the layout of the document(s) it was read from
    files: list[str] = []  # every document merged into it (graphmodel.merge); empty: only ``file``
    entities: list[Entity]
    relations: list[Relation]
    warnings: list[Notice | str] = []
    corrected: list[str] = []  # the review rows applied to it (review.xlsx:17): graphmodel.corrections

    def of_label(self, label: str) -> list[Entity]:
        """Return the entities with this label, in document order."""
        return [e for e in self.entities if e.label == label]
