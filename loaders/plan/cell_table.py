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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphmodel.model import GoalRecord, Mention, Notice, OfficialRecord, TaskRecord
from graphmodel.names import clean, is_unit_like, looks_like_person, split_units

from .columns import ROLES, SECTION_HEADING, column_role, header_roles
from .source import Line

__all__ = ["TableResult", "find_cell_header", "read_cell_table", "lead_mentions", "lead_marked", "unit_names"]

_ASSIGNED = ("lead", "responsible", "cooperating")
_HELD = ("goal", "lead", "responsible", "cooperating")  # columns whose merged cells hold for the rows below
_NONE = {"—", "-", "--", "——", "/", "／", "\\", "无", "暂无", "/"}
_SAME = {"同上", "同上。", "〃", '"'}
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_NUMBER = re.compile(r"^[（(]?(\d{1,4})[)）.．、]?$")
_SECTION = SECTION_HEADING
_SECTION_COUNT = re.compile(r"\s*[（(]\s*共?\s*\d+\s*[项个条]\s*[)）]$")
_SECTION_MAX = 30
_POST_END = ("领导", "书记", "主任", "长", "主席", "委员", "负责人", "干部", "专员")
_POST_WORDS = {"常务", "分管", "主管", "主要", "党委", "党组", "专职", "执行", "第一", "副职", "正职", "联系", "包保"}
_POST_START = tuple("副区市县镇乡街党常主书分局委人政总办各相")
_JURISDICTION_WORDS = "市区县镇乡"  # a unit's name opening with its level (区发改委)
_LEAD_SPLIT = re.compile(r"[、，,；;/／]+")
_UNIT_SPLIT = re.compile(r"[/／]+")


@dataclass(frozen=True)
class TableResult:
    """What a task table holds: tasks, the goals its indicator or section cells name, and warnings."""

    tasks: list[TaskRecord]
    goals: list[GoalRecord]
    warnings: list[Notice]
    header_line: int
    #: People a lead cell names with their titles (张三（副区长）, 副区长 张三), outside any leading group: role None.
    officials: list[OfficialRecord] = field(default_factory=list)


@dataclass
class _Columns:
    """Which cells of a row play which role."""

    roles: list[str | None]

    def of(self, role: str) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r == role]


@dataclass
class _Held:
    """The value a column's last filled cell holds for the rows below it."""

    text: str
    line: Line


@dataclass
class _State:
    columns: _Columns | None = None
    held: dict[int, _Held] = field(default_factory=dict)
    sections: list[tuple[str, int]] = field(default_factory=list)  # (name, line) of the section rows
    tasks: list[TaskRecord] = field(default_factory=list)
    goals: dict[str, tuple[int, int, str | None]] = field(default_factory=dict)  # name → (depth, line, parent)
    warnings: list[Notice] = field(default_factory=list)
    header_line: int | None = None
    header_cells: tuple[str, ...] | None = None
    after_header: bool = False  # the last row read was a header row


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
    """
    reader = _Reader(set(officials), first_leads)
    for line in lines:
        if line.cells:
            reader.feed(line)
    return reader.result()


class _Reader:
    """A small state machine: seeking a header, then reading rows (section, continuation or task)."""

    def __init__(self, officials: set[str], first_leads: bool = False):
        self.officials, self.first_leads = officials, first_leads
        self.titles: dict[str, tuple[str, ...]] = {}  # a lead's titles, as the last lead cell naming them gave them
        self.titled: dict[str, OfficialRecord] = {}  # a titled lead, where first read
        self.s = _State()

    # ------------------------------------------------------------------ states
    def feed(self, line: Line) -> None:
        cells = tuple(_SPACES.sub(" ", c).strip() for c in line.cells)
        after_header, self.s.after_header = self.s.after_header, False
        if cells == self.s.header_cells:
            self.s.after_header = True  # the header repeated on a new page: the columns and merged cells go on
        elif roles := header_roles(cells):
            self._header(line, cells, roles)
        elif self.s.columns is None:
            return  # a table before any task table's header
        elif after_header and self._is_second_header(cells):
            self._refine_header(cells)
        elif len(cells) != len(self.s.columns.roles) and not _single_text(cells):
            return  # a row of another table
        elif (name := self._section_name(cells)) is not None:
            self._section(line, name)
        else:
            self._row(line, _fit(cells, len(self.s.columns.roles)))

    def _header(self, line: Line, cells: tuple[str, ...], roles: list[str | None]) -> None:
        if self.s.header_line is None:
            self.s.header_line = line.no
        if self.s.columns is None or self.s.columns.roles != roles:
            self.s.held.clear()
        self.s.columns, self.s.header_cells, self.s.after_header = _Columns(roles), cells, True

    def _second_roles(self, cells: tuple[str, ...]) -> list[str | None]:
        """The roles a second header row names, each cell read under the header cell above it (责任单位 over 牵头 |
        配合: 牵头 alone names nothing, 责任单位·牵头 the responsible unit), a merged header cell standing over
        the slots it covers."""
        tops = self.s.header_cells or ("",) * len(cells)
        above, roles = "", []
        for i, (cell, top) in enumerate(zip(cells, tops)):
            above = top or above
            spanned = not top or (i + 1 < len(tops) and not tops[i + 1])  # under a header cell over several slots
            short = len(cell) >= 2 and any(w.startswith(cell) for _role, words in ROLES for w in words)  # 牵头, 配合
            roles.append((column_role(cell) or (column_role(above + cell) if spanned and short else None))
                         if cell else None)
        return roles

    def _is_second_header(self, cells: tuple[str, ...]) -> bool:
        """A second header row under merged header cells (责任单位 over 牵头单位 | 配合单位, or over 牵头 | 配合)."""
        if len(cells) != len(self.s.columns.roles):
            return False
        named = [role for role, c in zip(self._second_roles(cells), cells) if c]
        return bool(named) and all(named)

    def _refine_header(self, cells: tuple[str, ...]) -> None:
        roles = [new or old for new, old in zip(self._second_roles(cells), self.s.columns.roles)]
        self.s.columns, self.s.after_header = _Columns(roles), True

    def _section_name(self, cells: tuple[str, ...]) -> str | None:
        """The title of a section row (one merged cell across the row), or None."""
        text = _single_text(cells)
        if text is None or _NUMBER.match(text):
            return None
        if _SECTION.match(text):
            return _section_title(text)
        if re.search(r"[。；;！!？?]$", text) or len(text) > _SECTION_MAX:
            return None  # a sentence alone on its row: a progress report or a note, no section
        roles = self.s.columns.roles
        spans = len(cells) > 1 and all(c == text for c in cells)
        first = bool(cells) and cells[0] == text and (roles[0] not in ("task", *_ASSIGNED))
        return _section_title(text) if spans or first else None

    def _section(self, line: Line, name: str) -> None:
        self.s.sections.append((name, line.no))
        self.s.goals.setdefault(name, (0, line.no, None))
        self.s.held.clear()

    def _row(self, line: Line, cells: tuple[str, ...]) -> None:
        cols = self.s.columns
        values = {role: self._values(line, cells, cols.of(role)) for role in _HELD}
        text = _task_text(cells, cols.of("task"))
        number = _row_number(cells, cols.of("number"))
        previous = self.s.tasks[-1] if self.s.tasks else None
        if not text or (previous and text == previous.text and number in (None, previous.number)):
            self._continuation(line, values, number)
            return
        self._task(line, number, text, values)

    def _continuation(self, line: Line, values: dict, number: int | None) -> None:
        """A row with no task of its own: a merged task cell, or a progress report under the task."""
        filled = {role: [m for m in values[role][0] if not m.inherited] for role in _ASSIGNED}
        if not self.s.tasks or not any(filled.values()):
            if number is not None:
                self.s.warnings.append(Notice(kind="empty-row", line=line.no, values={"number": number}))
            return
        last = self.s.tasks[-1]
        update = {}
        for role, field_ in (("lead", "leads"), ("responsible", "responsible"), ("cooperating", "cooperating")):
            known = {m.name for m in getattr(last, field_)}
            update[field_] = getattr(last, field_) + tuple(m for m in filled[role] if m.name not in known)
        self.s.tasks[-1] = last.model_copy(update=update)

    def _task(self, line: Line, number: int | None, text: str, values: dict) -> None:
        goal, goal_line, goal_inherited = self._goal(values["goal"][0])
        responsible, cooperating = lead_marked(values["responsible"][0], values["cooperating"][0], self.first_leads)
        self.s.tasks.append(
            TaskRecord(
                number=number, text=text, line=line.no, leads=values["lead"][0],
                responsible=responsible, cooperating=cooperating,
                goal=goal, goal_line=goal_line, offsets=((0, line.no),),
                page=line.page, table=line.table, row=line.row,
                inherited=tuple(r for r in _HELD if (values[r][1] if r != "goal" else goal_inherited)),
            )
        )

    # ------------------------------------------------------------------ cells
    def _values(self, line: Line, cells: tuple[str, ...], columns: list[int]) -> tuple[tuple, bool]:
        """The mentions (for goals: (text, line, from above, column)) of some columns, merged cells resolved,
        and whether any came from a merged cell above."""
        out, inherited = [], False
        for i in columns:
            text, source, from_above = self._cell(line, cells, i)
            inherited |= from_above and bool(text)
            role = self.s.columns.roles[i]
            no = source.cell_lines[i] if source.cell_lines and i < len(source.cell_lines) else source.no
            if role == "goal":
                out.append((text, no, from_above, i))
            elif text:
                parse = self._leads if role == "lead" else _units
                found = parse(text)
                out += [
                    m.model_copy(update={"line": no, "page": source.page, "table": source.table,
                                         "row": source.row, "cell": i + 1, "inherited": from_above})
                    for m in found
                ]
                for m in found if role == "lead" else ():
                    if self.titles.get(m.name) and m.name not in self.titled and m.name not in self.officials:
                        self.titled[m.name] = OfficialRecord(name=m.name, role=None, titles=self.titles[m.name],
                                                             line=source.no)
        return tuple(out), inherited

    def _cell(self, line: Line, cells: tuple[str, ...], i: int) -> tuple[str, Line, bool]:
        """A cell's text, the line it was read on, and whether it came from a merged cell above."""
        text = cells[i]
        if not text and _drawn_empty(line, i):
            self.s.held.pop(i, None)  # a cell drawn empty says "none", and a merged cell below it continues that
            return "", line, False
        if text in _SAME or not text:
            held = self.s.held.get(i)
            return (held.text, held.line, True) if held else ("", line, False)
        if text in _NONE:
            text = ""
        self.s.held[i] = _Held(text, line)
        if self.s.columns.roles[i] == "goal":  # a new goal ends the merged goals below it
            for j in self.s.columns.of("goal"):
                if j > i and not cells[j]:
                    self.s.held.pop(j, None)
        return text, line, False

    def _goal(self, cells: tuple) -> tuple[str | None, int | None, bool]:
        """Record the goals of a row (section, then goal columns in order); return the deepest."""
        parent = self.s.sections[-1] if self.s.sections else None
        deepest, inherited = parent, False
        for depth, (text, no, from_above, _i) in enumerate(cells, start=1):
            if not text:
                continue
            name = clean(text)
            self.s.goals.setdefault(name, (depth, no, deepest[0] if deepest else None))
            deepest, inherited = (name, no), from_above
        if deepest is None:
            return None, None, False
        return deepest[0], deepest[1], inherited

    def _leads(self, text: str) -> list[Mention]:
        """The people (or posts) of a lead cell: 王伟、李强 / 张三（副区长） / 副区长 王伟 / 区政府分管领导.

        Within one piece (between 、，/), a post beside a person is that person's title.
        """
        out: list[Mention] = []
        for piece in _pieces(text, _LEAD_SPLIT):
            tokens = [re.sub(r"[（(][^）)]*[）)]", "", t).removesuffix("同志") for t in piece]
            people = [p for p in map(self._person, tokens) if p]
            if len(people) == 1:  # one person in the piece: the posts beside the name are the person's titles
                self._note_titles(people[0], piece, tokens)
            if people:
                out += [Mention(name=p, line=0) for p in people]
            elif "".join(tokens):
                out.append(Mention(name="".join(tokens), line=0, post=True))
        return out

    def _note_titles(self, person: str, piece: list[str], tokens: list[str]) -> None:
        """张三（副区长） / 副区长 张三 / 张三副区长: the posts written with a lead's name are the lead's titles."""
        bracketed = [t for raw in piece for part in re.findall(r"[（(]([^）)]*)[）)]", raw)
                     for t in re.split(r"[、，,；;]", part)]
        beside = [token.replace(person, "", 1) if person in token else token for token in tokens]  # 副区长 张三, 张三副区长
        titles = [clean(t) for t in bracketed if clean(t)] + [clean(t) for t in beside if _is_post(clean(t))]
        if titles:
            self.titles[person] = tuple(dict.fromkeys(titles))

    def _person(self, token: str) -> str | None:
        if token in self.officials or (_looks_like_person(token) and not token.endswith(_POST_END)):
            return token
        for name in sorted(self.officials, key=len, reverse=True):  # 王伟副区长
            if token.startswith(name) and _is_post(token[len(name) :]):
                return name
        for k in (2, 3, 4):
            head, rest = token[:k], token[k:]
            if rest and _looks_like_person(head) and rest.startswith(_POST_START) and _is_post(rest):
                return head
        for k in (3, 4, 5, 6):  # 副区长王伟
            head, rest = token[:-k], token[-k:] if len(token) > k else ""
            if rest and _is_post(head) and (rest in self.officials or _looks_like_person(rest)):
                return rest
        return None

    def result(self) -> TableResult | None:
        if self.s.header_line is None:
            return None
        depths = {d for d, _, _ in self.s.goals.values()}
        deepest = max(depths, default=0)
        goals = [
            GoalRecord(name=name, level="project" if len(depths) > 1 and d == deepest else "action",
                       line=no, parent=parent)
            for name, (d, no, parent) in self.s.goals.items()
        ]
        return TableResult(self.s.tasks, goals, self.s.warnings, self.s.header_line, list(self.titled.values()))


# ---------------------------------------------------------------------- helpers
def _single_text(cells: tuple[str, ...]) -> str | None:
    texts = {c for c in cells if c}
    return texts.pop() if len(texts) == 1 else None


def _section_title(text: str) -> str:
    """一、优化营商环境（共3项） → 优化营商环境."""
    return _SECTION_COUNT.sub("", _SECTION.sub("", text)).strip() or text


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


def _split_outside_brackets(text: str, split: re.Pattern) -> list[str]:
    """``text`` split where ``split`` matches outside brackets: 张三（区委常委、副区长）、李四 is two pieces.

    >>> _split_outside_brackets("张三（区委常委、副区长）、李四", _LEAD_SPLIT)
    ['张三（区委常委、副区长）', '李四']
    """
    out, start, depth, at = [], 0, 0, 0
    while at < len(text):
        ch = text[at]
        depth += (ch in "（(") - (ch in "）)")
        m = split.match(text, at) if depth <= 0 else None
        if m and m.end() > at:
            out.append(text[start:at])
            start = at = m.end()
            continue
        at += 1
    out.append(text[start:])
    return out


def _pieces(text: str, split: re.Pattern) -> list[list[str]]:
    """Split a cell on its separators, each piece on spaces; single characters padded apart (王　伟) join again."""
    out: list[list[str]] = []
    for piece in _split_outside_brackets(text, split):
        merged: list[str] = []
        for t in (t for t in _SPACES.split(piece) if t):
            if merged and (len(t) == 1 or len(merged[-1]) == 1):
                merged[-1] += t
            else:
                merged.append(t)
        tokens = [clean(t) for t in merged if clean(t)]
        if tokens:
            out.append(tokens)
    return out


_MARK = re.compile(r"[（(]\s*牵头(?:单位)?\s*[)）]$")


def lead_marked(responsible: tuple[Mention, ...], cooperating: tuple[Mention, ...],
                first_leads: bool = False) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    """Responsible and cooperating units when one responsible unit is marked as leading.

    ``市民政局（牵头）、各区政府`` in a 责任单位 cell: the marked unit is responsible (its mark dropped), the
    others cooperate; with ``first_leads`` (the document says the unit listed first leads) the first does.

    >>> r, c = lead_marked((Mention(name="市民政局（牵头）", line=3), Mention(name="各区政府", line=3)), ())
    >>> [m.name for m in r], [m.name for m in c]
    (['市民政局'], ['各区政府'])
    """
    marked = [m for m in responsible if _MARK.search(m.name)]
    if marked:
        lead = tuple(m.model_copy(update={"name": _MARK.sub("", m.name)}) for m in marked)
        return lead, tuple(m for m in responsible if m not in marked) + cooperating
    if first_leads and len(responsible) > 1:
        return responsible[:1], responsible[1:] + cooperating
    return responsible, cooperating


def lead_mentions(text: str, officials: set[str] | frozenset[str] = frozenset()) -> list[Mention]:
    """The people (or posts) a lead cell or clause names, as :func:`read_cell_table` reads a lead cell (line 0).

    >>> [(m.name, m.post) for m in lead_mentions("王伟（副区长）、区政府分管领导")]
    [('王伟', False), ('区政府分管领导', True)]
    """
    return _Reader(set(officials))._leads(text)


def unit_names(text: str) -> list[str]:
    """The units a unit cell or clause names: split on 、 / and spaces, collectives whole.

    >>> unit_names("区税务局、区人社局 各镇（街道）")
    ['区税务局', '区人社局', '各镇（街道）']
    """
    return [m.name for m in _units(text)]


def _units(text: str) -> list[Mention]:
    names = [n for piece in _pieces(text, _UNIT_SPLIT) for t in piece for u in split_units(t) if u not in _NONE
             for n in _run_together(u)]
    return [Mention(name=n, line=0) for n in names]


def _run_together(name: str) -> list[str]:
    """Split units a lost space ran together (a PDF cell wrapped where the space stood).

    Only where the cut is sure: a unit, then a collective (市规划局各镇（街道）), or a unit, then a unit
    that opens with the same jurisdiction word (乡财政所乡农业服务中心).

    Examples
    --------
    >>> _run_together("市规划局各镇（街道）"), _run_together("乡财政所乡农业服务中心"), _run_together("区委宣传部")
    (['市规划局', '各镇（街道）'], ['乡财政所', '乡农业服务中心'], ['区委宣传部'])
    """
    for k in range(2, len(name) - 1):
        head, tail = name[:k], name[k:]
        if not is_unit_like(head) or not (is_unit_like(tail) or tail.startswith("各")):
            continue
        if tail.startswith("各") or (tail[0] == name[0] and name[0] in _JURISDICTION_WORDS):
            return [head, *_run_together(tail)]
    return [name]


def _looks_like_person(token: str) -> bool:
    return looks_like_person(token) and token[:2] not in _POST_WORDS


def _is_post(text: str) -> bool:
    return bool(text) and text.endswith(_POST_END)
