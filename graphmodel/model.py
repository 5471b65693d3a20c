"""The domain model: what one plan says, as pydantic records and resolved entities."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_serializer

__all__ = [
    "Evidence",
    "Mention",
    "Notice",
    "OfficialRecord",
    "TeamRecord",
    "TaskRecord",
    "GoalRecord",
    "Attachment",
    "PlanMeta",
    "PlanRecord",
    "Entity",
    "Subdistrict",
    "Plan",
    "Official",
    "Unit",
    "Task",
    "Goal",
    "Street",
    "Relation",
    "SubdistrictModel",
    "ROLES",
    "GOAL_LEVELS",
]

#: Roles in a leading group (领导小组), from the top.
ROLES: tuple[str, ...] = ("组长", "常务副组长", "副组长", "成员")

#: Goal levels: 主要目标 and its parts, the action groups / 一级指标, the 二级项目.
GOAL_LEVELS: tuple[str, ...] = ("main", "part", "action", "project")

GoalLevel = Literal["main", "part", "action", "project"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(_Frozen):
    """Where a fact was read: the file (as the user named it) and the 1-based line.

    A PDF fact also names its ``page``; a fact read from a real table (PDF, Word, web page)
    its ``table``, ``row`` and ``cell`` (all 1-based). ``also`` lists the same fact in other
    documents about the same body. Absent parts are left out of the serialised form, so a
    plain-text fact serialises as ``{"file": …, "line": …}``.

    Examples
    --------
    >>> Evidence(file="a.pdf", line=7, page=2).model_dump()
    {'file': 'a.pdf', 'line': 7, 'page': 2}
    """

    file: str
    line: int = Field(ge=1)
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    also: tuple["Evidence", ...] = ()

    @model_serializer(mode="wrap")
    def _drop_absent(self, handler):
        return {k: v for k, v in handler(self).items() if v is not None and v != () and v != []}


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
    """

    name: str
    line: int
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    inherited: bool = False
    post: bool = False

    def __repr_args__(self):  # the parts a plain-text mention leaves absent stay out of its repr
        return [(k, v) for k, v in super().__repr_args__() if k in ("name", "line") or v not in (None, False)]


# --------------------------------------------------------------------------- records
# What the readers hand over: names as written, line numbers, nothing resolved yet.


class OfficialRecord(_Frozen):
    """One member of the leading group (领导小组名单)."""

    name: str
    role: str
    titles: tuple[str, ...]
    line: int


class TeamRecord(_Frozen):
    """A 工作专班 or the 领导小组办公室: its lead(s), deputies and member units."""

    name: str
    line: int
    leads: tuple[Mention, ...] = ()
    deputies: tuple[Mention, ...] = ()
    members: tuple[Mention, ...] = ()
    duty: str = ""


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
    """The plan's header: title, document number, date, issuer."""

    subdistrict: str
    title: str
    title_line: int
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
    teams: tuple[TeamRecord, ...] = ()
    goals: tuple[GoalRecord, ...] = ()
    tasks: tuple[TaskRecord, ...] = ()
    has_task_table: bool = False
    streets: tuple[tuple[str, int, str], ...] = ()  # (street, line, owner key: "task:<i>" | "goal:<name>")
    attachments: tuple[Attachment, ...] = ()
    warnings: tuple[Notice | str, ...] = ()  # a str: a reader's warning not yet in graphmodel.labels (Chinese only)


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


class Subdistrict(Entity):
    label: Literal["Subdistrict"] = "Subdistrict"


class Plan(Entity):
    label: Literal["Plan"] = "Plan"
    title: str
    number: str | None = None
    date: str | None = None
    printed: str | None = None
    issuers: list[str] = []
    attachments: list[Attachment] = []


class Official(Entity):
    label: Literal["Official"] = "Official"
    role: str | None  # None: named in the text but not a member of the leading group
    titles: list[str]


class Unit(Entity):
    label: Literal["Unit"] = "Unit"
    aliases: list[str]
    collective: bool = False
    kind: str = "unit"  # unit | team (工作专班) | office (领导小组办公室)


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


class SubdistrictModel(BaseModel):
    """The resolved model of one 街道's plan: entities, relations and reader warnings."""

    model_config = ConfigDict(extra="forbid")

    subdistrict: str
    file: str
    layout: str = "action-plan"  # the layout of the document(s) it was read from
    files: list[str] = []  # every document merged into it (graphmodel.merge); empty: only ``file``
    entities: list[Entity]
    relations: list[Relation]
    warnings: list[Notice | str] = []

    def of_label(self, label: str) -> list[Entity]:
        """Return the entities with this label, in document order."""
        return [e for e in self.entities if e.label == label]
