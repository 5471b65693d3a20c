"""Task-division tables read from real cells: rows of a table → tasks, with merged cells inherited.

The tables of 任务分工方案, 责任分解表, 重点工作计划 and 民生实事 name, per row, a task, its lead
person (牵头领导, 分管领导, 责任领导), the responsible unit (牵头单位, 责任科室) and the cooperating
units (配合单位, 协同单位). A PDF, Word file or web page gives them as Lines carrying ``cells``
(loaders/plan/source.py); so do the text forms of :mod:`loaders.plan.text_tables`.

A merged cell's value holds for the rows it covers (``同上`` says so in words). Where the format
draws its cells (PDF, Word, HTML: ``Line.merged``) a covered slot is told from a cell drawn empty,
which means "none"; in text tables a cell left empty under a filled one is taken as merged. Such a value is marked ``inherited`` and keeps
the line and row of the cell it was read from. A row of one merged cell (一、优化营商环境) is a
section: a goal the rows below serve.

Unit roles follow one contract: the lead unit (a 牵头单位 column, a unit marked ``（牵头）``, the first listed where
the document says so) is responsible; the other units of the task (配合, 协同, 协办, and a 责任单位 column beside a
牵头单位 column) cooperate; a 责任单位 column alone is responsible. Every mention keeps its column's header word
(``Mention.as_written``).

The reader is a small state machine (:class:`_Reader`: seeking a header, then reading rows) over three parts that
each keep one thing: the columns (:class:`_Columns`, from the header rows), the merged cells (:class:`_Merged`)
and the goals (:class:`_Goals`, from section rows and goal columns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphmodel.model import GoalRecord, Mention, Notice, OfficialRecord, TaskRecord
from graphmodel.names import clean, is_collective, is_unit_like, looks_like_person

from .cell_values import LeadCells, lead_marked, lead_mentions, unit_mentions, unit_names
from .columns import ROLES, SECTION_HEADING, column_role, header_roles
from .source import Line

__all__ = ["TableResult", "find_cell_header", "read_cell_table", "lead_mentions", "lead_marked", "unit_names"]

_ASSIGNED = ("lead", "responsible", "cooperating")
_HELD = ("goal", "lead", "responsible", "cooperating")
_READ = ("goal", "task", "lead", "responsible", "cooperating")  # the columns facts are read from  # columns whose merged cells hold for the rows below
_NONE = {"—", "-", "--", "——", "/", "／", "\\", "无", "暂无"}
_SAME = {"同上", "同上。", "〃", '"'}
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_NUMBER = re.compile(r"^[（(]?(\d{1,4})[)）.．、]?$")
_SECTION = SECTION_HEADING
_SECTION_COUNT = re.compile(r"\s*[（(]\s*共?\s*\d+\s*[项个条]\s*[)）]$")
# A section row that names who leads its rows: 一、经济运行（牵头领导：甲、乙）.
_SECTION_LEADS = re.compile(r"\s*[（(]\s*(?P<word>牵头领导|责任领导|分管领导|牵头区领导|牵头市领导|牵头县领导)\s*[:：]\s*"
                            r"(?P<who>[^（()）:：]+?)\s*[)）]$")
_SECTION_MAX = 30
_LEADING_UNIT = "牵头"  # a unit column whose header says 牵头 names the lead unit: other unit columns cooperate


@dataclass(frozen=True)
class TableResult:
    """What a task table holds: tasks, the goals its indicator or section cells name, and warnings."""

    tasks: list[TaskRecord]
    goals: list[GoalRecord]
    warnings: list[Notice]
    header_line: int
    #: People a lead cell names with their titles (张三（副区长）), outside any leading group: role None.
    officials: list[OfficialRecord] = field(default_factory=list)


def find_cell_header(lines: tuple[Line, ...] | list[Line]) -> int | None:
    """The index of the first line whose cells are a task table's header, or None.

    Examples
    --------
    >>> find_cell_header([Line(1, "通知"), Line(2, "序号 任务 牵头单位", cells=("序号", "任务", "牵头单位"))])
    1
    """
    for i, line in enumerate(lines):
        if line.cells and header_roles(line.cells):
            return i
    return None


def read_cell_table(lines: tuple[Line, ...] | list[Line], officials: set[str] = frozenset(),
                    *, first_leads: bool = False) -> TableResult | None:
    """Read the task-division tables among ``lines`` (those that carry ``cells``).

    Parameters
    ----------
    lines : sequence of Line
        The document's lines; table rows carry ``cells``, other lines are passed over.
    officials : set of str
        Names of people known from the document (a leading group): a lead is one of them or
        reads as a person's name; anything else in a lead cell is a post (``Mention.post``).
    first_leads : bool
        The document says the unit listed first leads (排在第一位的为牵头单位): of several units in
        the responsible cell, the first is responsible and the others cooperate. A unit marked
        ``（牵头）`` in the cell leads in any case (:func:`lead_marked`).

    Returns
    -------
    TableResult or None
        None when no row is a task table's header. A later header (another table, or the
        header repeated on a new page) sets the columns again.

    Examples
    --------
    >>> rows = [("序号", "工作任务", "分管领导", "牵头单位", "配合单位"),
    ...         ("一、营商环境", "", "", "", ""),
    ...         ("1", "压缩开办时间。", "王　伟", "区市场监管局", "区税务局、区人社局"),
    ...         ("2", "推行“一网通办”。", "", "区政务服务中心", "同上"),
    ...         ("3", "清理涉企收费。", "区政府分管领导", "区发改委 区财政局", "—")]
    >>> lines = [Line(10 + i, " ".join(r), table=1, row=i + 1, cells=r) for i, r in enumerate(rows)]
    >>> result = read_cell_table(lines)
    >>> for t in result.tasks:
    ...     print(t.number, t.text, [(m.name, m.line, m.inherited, m.post) for m in t.leads],
    ...           [m.name for m in t.responsible], [m.name for m in t.cooperating], t.goal, t.inherited)
    1 压缩开办时间。 [('王伟', 12, False, False)] ['区市场监管局'] ['区税务局', '区人社局'] 营商环境 ()
    2 推行“一网通办”。 [('王伟', 12, True, False)] ['区政务服务中心'] ['区税务局', '区人社局'] 营商环境 ('lead', 'cooperating')
    3 清理涉企收费。 [('区政府分管领导', 14, False, True)] ['区发改委', '区财政局'] [] 营商环境 ()
    >>> [(g.name, g.level, g.line) for g in result.goals]
    [('营商环境', 'action', 11)]
    >>> sorted({(m.name, m.as_written) for t in result.tasks for m in (*t.responsible, *t.cooperating)})[:2]
    [('区人社局', '配合单位'), ('区发改委', '牵头单位')]
    """
    reader = _Reader(set(officials), first_leads)
    for line in lines:
        if line.cells:
            reader.feed(line)
    return reader.result()


# ---------------------------------------------------------------------- the columns
@dataclass
class _Columns:
    """Which cells of a row play which role, and the header's word for each (``Mention.as_written``)."""

    roles: list[str | None]
    words: list[str]
    cells: tuple[str, ...]  # the header row as written: repeated on a new page, it changes nothing

    @classmethod
    def of_header(cls, cells: tuple[str, ...], roles: list[str | None]) -> _Columns:
        return cls(_unit_contract(cells, roles), [_SPACES.sub("", c) for c in cells], cells)

    def of(self, role: str) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r == role]

    def second_roles(self, cells: tuple[str, ...]) -> list[str | None]:
        """The roles a second header row names, each cell read under the header cell above it (责任单位 over 牵头 |
        配合: 牵头 alone names nothing, 责任单位·牵头 the responsible unit), a merged header cell standing over
        the slots it covers."""
        tops = self.cells
        above, roles = "", []
        for i, (cell, top) in enumerate(zip(cells, tops)):
            above = top or above
            spanned = not top or (i + 1 < len(tops) and not tops[i + 1])  # under a header cell over several slots
            short = len(cell) >= 2 and any(w.startswith(cell) for _role, words in ROLES for w in words)  # 牵头, 配合
            roles.append((column_role(cell) or (column_role(above + cell) if spanned and short else None))
                         if cell else None)
        return roles

    def is_second_header(self, cells: tuple[str, ...]) -> bool:
        """A second header row under merged header cells (责任单位 over 牵头单位 | 配合单位, or over 牵头 | 配合); a
        numbered heading (一、经济指标（牵头领导：…）) is a section row, never a header."""
        if len(cells) != len(self.roles) or any(_SECTION.match(c) for c in cells if c):
            return False
        named = [role for role, c in zip(self.second_roles(cells), cells) if c]
        return bool(named) and all(named)

    def refined(self, cells: tuple[str, ...]) -> _Columns:
        """The columns a second header row names, over those of the first."""
        new = self.second_roles(cells)
        roles = [n or old for n, old in zip(new, self.roles)]
        words = [_SPACES.sub("", c) if n else w for n, c, w in zip(new, cells, self.words)]
        return _Columns(_unit_contract(tuple(words), roles), words, self.cells)


def _unit_contract(cells: tuple[str, ...], roles: list[str | None]) -> list[str | None]:
    """A 牵头单位 column beside a 责任单位 column names the lead unit: the 责任单位 column's units cooperate.

    >>> _unit_contract(("任务", "牵头单位", "责任单位"), ["task", "responsible", "responsible"])
    ['task', 'responsible', 'cooperating']
    >>> _unit_contract(("任务", "责任单位"), ["task", "responsible"])
    ['task', 'responsible']
    """
    unit = [i for i, r in enumerate(roles) if r == "responsible"]
    leading = [i for i in unit if _LEADING_UNIT in cells[i]]
    if not leading or len(leading) == len(unit):
        return list(roles)
    return ["cooperating" if i in unit and i not in leading else r for i, r in enumerate(roles)]


def _section_name(cells: tuple[str, ...], roles: list[str | None]) -> str | None:
    """The title of a section row (one merged cell across the row), or None."""
    text = _single_text(cells)
    if text is None or _NUMBER.match(text):
        return None
    if _SECTION.match(text):
        return _section_title(text)
    if re.search(r"[。；;！!？?]$", text) or len(text) > _SECTION_MAX:
        return None  # a sentence alone on its row: a progress report or a note, no section
    spans = len(cells) > 1 and all(c == text for c in cells)
    first = bool(cells) and cells[0] == text and (roles[0] not in ("task", *_ASSIGNED))
    return _section_title(text) if spans or first else None


# ---------------------------------------------------------------------- merged cells
@dataclass
class _Held:
    """The value a column's last filled cell holds for the rows below it."""

    text: str
    line: Line


class _Merged:
    """The cells that hold for the rows below them, by column: a cell left empty or 同上 takes the one above."""

    def __init__(self) -> None:
        self.held: dict[int, _Held] = {}

    def clear(self) -> None:
        self.held.clear()

    def cell(self, line: Line, cells: tuple[str, ...], i: int, columns: _Columns) -> tuple[str, Line, bool]:
        """A cell's text, the line it was read on, and whether it came from a merged cell above."""
        text = cells[i]
        if not text and _drawn_empty(line, i):
            self.held.pop(i, None)  # a cell drawn empty says "none", and a merged cell below it continues that
            return "", line, False
        if text in _SAME or not text:
            held = self.held.get(i)
            return (held.text, held.line, True) if held else ("", line, False)
        if text in _NONE:
            text = ""
        self.held[i] = _Held(text, line)
        if columns.roles[i] == "goal":  # a new goal ends the merged goals below it
            for j in columns.of("goal"):
                if j > i and not cells[j]:
                    self.held.pop(j, None)
        return text, line, False


# ---------------------------------------------------------------------- goals
class _Goals:
    """The goals of a table: its section rows, then its goal columns in order, each under the one before."""

    def __init__(self) -> None:
        self.sections: list[tuple[str, int]] = []  # (name, line) of the section rows
        self.goals: dict[str, tuple[int, int, str | None]] = {}  # name → (depth, line, parent)

    def section(self, name: str, no: int) -> None:
        self.sections.append((name, no))
        self.goals.setdefault(name, (0, no, None))

    def of_row(self, cells: tuple) -> tuple[str | None, int | None, bool]:
        """Record the goals of a row (section, then goal columns in order); return the deepest, its line, and
        whether it came from a merged cell."""
        parent = self.sections[-1] if self.sections else None
        deepest, inherited = parent, False
        for depth, (text, no, from_above, _i) in enumerate(cells, start=1):
            if not text:
                continue
            name = clean(text)
            self.goals.setdefault(name, (depth, no, deepest[0] if deepest else None))
            deepest, inherited = (name, no), from_above
        if deepest is None:
            return None, None, False
        return deepest[0], deepest[1], inherited

    def records(self) -> list[GoalRecord]:
        depths = {d for d, _, _ in self.goals.values()}
        deepest = max(depths, default=0)
        return [GoalRecord(name=name, level="project" if len(depths) > 1 and d == deepest else "action",
                           line=no, parent=parent)
                for name, (d, no, parent) in self.goals.items()]


# ---------------------------------------------------------------------- the reader
class _Reader:
    """A small state machine: seeking a header, then reading rows (section, continuation or task)."""

    def __init__(self, officials: set[str], first_leads: bool = False):
        self.first_leads = first_leads
        self.leads = LeadCells(officials)
        self.columns: _Columns | None = None
        self.merged, self.goals = _Merged(), _Goals()
        self.tasks: list[TaskRecord] = []
        self.warnings: list[Notice] = []
        self.header_line: int | None = None
        self.table: int | None = None  # the table of the last header row
        self.after_header = False  # the last row read was a header row
        self.section_leads: tuple[Mention, ...] = ()  # who the last section row says leads its rows

    def feed(self, line: Line) -> None:
        cells = tuple(_SPACES.sub(" ", c).strip() for c in line.cells)
        after_header, self.after_header = self.after_header, False
        if self.columns is not None and cells == self.columns.cells:
            self.after_header = True  # the header repeated on a new page: the columns and merged cells go on
        elif roles := header_roles(cells):
            self._header(line, cells, roles)
        elif self.columns is None:
            return  # a table before any task table's header
        elif after_header and self.columns.is_second_header(cells):
            self.columns, self.after_header = self.columns.refined(cells), True
        elif len(cells) != len(self.columns.roles) and not _single_text(cells):
            if line.table == self.table and any(cells):  # a row of this table whose columns cannot be told: said
                self.warnings.append(Notice(kind="row-width", line=line.no,
                                            values={"cells": len(cells), "header": len(self.columns.roles)}))
            return  # (otherwise a row of another table)
        elif (name := _section_name(cells, self.columns.roles)) is not None:
            self.goals.section(name, line.no)
            self.merged.clear()
            self.section_leads = _section_leads(self.leads, _single_text(cells) or "", line)
        else:
            self._row(line, _fit(cells, len(self.columns.roles)))

    def _header(self, line: Line, cells: tuple[str, ...], roles: list[str | None]) -> None:
        if self.header_line is None:
            self.header_line = line.no
        self.table = line.table
        columns = _Columns.of_header(cells, roles)
        if self.columns is None or self.columns.roles != columns.roles:
            self.merged.clear()
        self.columns, self.after_header = columns, True

    def _row(self, line: Line, cells: tuple[str, ...]) -> None:
        cols = self.columns
        values = {role: self._values(line, cells, cols.of(role)) for role in _HELD}
        text = _task_text(cells, cols.of("task"))
        number = _row_number(cells, cols.of("number"))
        previous = self.tasks[-1] if self.tasks else None
        # a row numbered anew whose task is not read (a task cell a scan read nothing in) is no continuation: its
        # units are not the task's above
        numbered_anew = not text and number is not None and previous is not None and number != previous.number \
            and any(not m.inherited for role in _ASSIGNED for m in values[role][0])
        if not text or (previous and text == previous.text and number in (None, previous.number)):
            if (numbered_anew or not self._continuation(line, values, number)) and not text \
                    and (left := _row_text(cells, cols.roles)):
                self.warnings.append(Notice(kind="row-without-task", line=line.no, values={"text": left}))
        else:
            self._task(line, number, text, values)

    def _continuation(self, line: Line, values: dict, number: int | None) -> bool:
        """A row with no task of its own: a merged task cell, or a progress report under the task. Whether the row
        was read (its units or leads added to the task above) or said (an empty numbered row)."""
        filled = {role: [m for m in values[role][0] if not m.inherited] for role in _ASSIGNED}
        if not self.tasks or not any(filled.values()):
            if number is not None:
                self.warnings.append(Notice(kind="empty-row", line=line.no, values={"number": number}))
            return number is not None
        last = self.tasks[-1]
        update = {}
        for role, field_ in (("lead", "leads"), ("responsible", "responsible"), ("cooperating", "cooperating")):
            known = {m.name for m in getattr(last, field_)}
            update[field_] = getattr(last, field_) + tuple(m for m in filled[role] if m.name not in known)
        self.tasks[-1] = last.model_copy(update=update)
        return True

    def _task(self, line: Line, number: int | None, text: str, values: dict) -> None:
        goal, goal_line, goal_inherited = self.goals.of_row(values["goal"][0])
        responsible, cooperating = lead_marked(values["responsible"][0], values["cooperating"][0], self.first_leads)
        leads = values["lead"][0]
        leads += tuple(m for m in self.section_leads if m.name not in {k.name for k in leads})
        self.tasks.append(TaskRecord(
            number=number, text=text, line=line.no, leads=leads,
            responsible=responsible, cooperating=cooperating,
            goal=goal, goal_line=goal_line, offsets=((0, line.no),),
            page=line.page, table=line.table, row=line.row,
            inherited=tuple(r for r in _HELD if (values[r][1] if r != "goal" else goal_inherited)),
        ))

    def _values(self, line: Line, cells: tuple[str, ...], columns: list[int]) -> tuple[tuple, bool]:
        """The mentions (for goals: (text, line, from above, column)) of some columns, merged cells resolved,
        and whether any came from a merged cell above."""
        out, inherited = [], False
        for i in columns:
            text, source, from_above = self.merged.cell(line, cells, i, self.columns)
            inherited |= from_above and bool(text)
            role = self.columns.roles[i]
            no = source.cell_lines[i] if source.cell_lines and i < len(source.cell_lines) else source.no
            if role == "goal":
                out.append((text, no, from_above, i))
                continue
            found = (self.leads.mentions(text) if role == "lead" else unit_mentions(text)) if text else []
            if role != "lead" and any(_not_unit(m.name) for m in found):
                self.warnings += [Notice(kind="unit-cell-not-unit", line=no, values={
                    "text": m.name, "column": self.columns.words[i] or ""}) for m in found if _not_unit(m.name)]
                found = [m for m in found if not _not_unit(m.name)]
            out += [m.model_copy(update={"line": no, "page": source.page, "table": source.table, "row": source.row,
                                         "cell": i + 1, "inherited": from_above,
                                         "as_written": self.columns.words[i] or None})
                    for m in found]
            for m in found if role == "lead" else ():
                self.leads.note_official(m.name, source.no)
        return tuple(out), inherited

    def result(self) -> TableResult | None:
        if self.header_line is None:
            return None
        return TableResult(self.tasks, self.goals.records(), self.warnings, self.header_line,
                           list(self.leads.titled.values()))


# ---------------------------------------------------------------------- helpers
# A quantity (新建中转站8个, 完成60%): a task's measure, no unit's name.
_QUANTITY = re.compile(r"\d+(?:\.\d+)?\s*(?:个|座|条|处|所|家|万|亿|%|％|公里|千米|米|平方米|户|人次|人|台|套|项|次|张|辆|吨)")


# What a task's text opens with, never a unit's name (a row shifted: 联动共建科学城 under 牵头单位).
_TASK_VERB = re.compile(r"^(?:推动|推进|加快|实施|开展|完成|提升|加强|联动|打造|深化|落实|促进|引进|做好|抓好|确保|全面|持续|"
                        r"积极|着力|大力|进一步)")


def _not_unit(name: str) -> bool:
    """A unit cell's piece that is no unit: a person's name (a column shifted: 徐国江 under 牵头单位), a quantity, a
    task's words (推动…落地), a level's one character left by a cut (…区统计局、区)."""
    if len(name) <= 1 or _QUANTITY.search(name):
        return True
    if is_unit_like(name) or is_collective(name) or len(name) >= 3 and name.endswith(("镇", "乡", "街道")):
        return False  # 昌化镇: a town, though 昌 opens names too
    return looks_like_person(name) or bool(_TASK_VERB.match(name)) or len(name) >= 14


def _single_text(cells: tuple[str, ...]) -> str | None:
    texts = {c for c in cells if c}
    return texts.pop() if len(texts) == 1 else None


def _row_text(cells: tuple[str, ...], roles: list[str | None], most: int = 30) -> str:
    """What a row says in the columns read (task, goal, lead, units), its cells joined (the first ``most``
    characters): for the warning about a row not read. A column no row is read from (进展情况, 时限, 备注) is left
    out."""
    text = " ".join(c for c, role in zip(cells, roles) if role in _READ and c and c not in _NONE and c not in _SAME)
    return text if len(text) <= most else text[:most] + "…"


def _section_title(text: str) -> str:
    """一、优化营商环境（共3项） → 优化营商环境; 一、经济运行（牵头领导：甲、乙） → 经济运行."""
    return _SECTION_COUNT.sub("", _SECTION_LEADS.sub("", _SECTION.sub("", text))).strip() or text


def _section_leads(leads: LeadCells, text: str, line: Line) -> tuple[Mention, ...]:
    """The persons a section row names as leading its rows (一、经济运行（牵头领导：甲、乙）), each on its line."""
    m = _SECTION_LEADS.search(text)
    if not m:
        return ()
    found = [p for p in leads.mentions(m.group("who")) if not p.post]
    return tuple(p.model_copy(update={"line": line.no, "page": line.page, "table": line.table, "row": line.row,
                                      "cell": 1, "as_written": m.group("word")}) for p in found)


def _drawn_empty(line: Line, i: int) -> bool:
    """Whether cell ``i`` of a row is a cell drawn empty, not a slot covered by a merged cell above it.

    Only formats that draw their cells (PDF, Word, HTML) can tell (``Line.merged``); in text an empty
    cell under a filled one is taken as merged.
    """
    return line.merged is not None and i < len(line.merged) and not line.merged[i]


def _fit(cells: tuple[str, ...], n: int) -> tuple[str, ...]:
    return (cells + ("",) * n)[:n]


def _task_text(cells: tuple[str, ...], columns: list[int]) -> str:
    parts = [cells[i] for i in columns if cells[i] and cells[i] not in _NONE]
    text = ""
    for part in parts:
        text += ("：" if text and not re.search(r"[。；：:！？.;]$", text) else "") + part
    return text


def _row_number(cells: tuple[str, ...], columns: list[int]) -> int | None:
    for i in columns:
        m = _NUMBER.match(cells[i].replace(" ", ""))
        if m:
            return int(m.group(1))
    return None
