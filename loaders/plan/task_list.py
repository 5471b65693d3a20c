"""Tasks in prose: numbered items that say in words who does them (a 任务分工方案 written as text).

Many task-division documents have no table: each numbered task ends with its assignment, in
brackets or on lines of its own::

    一、提升政务服务效能
    1.推行企业开办“一日办结”。（牵头单位：区市场监管局；配合单位：区税务局、区人社局；责任领导：王建国）
    2.推进工业用地“标准地”出让。（区规划资源局牵头，区发改委、区经信委配合）
    3.落实惠企政策“免申即享”。
    责任单位：区财政局（牵头）、区发改委

A labelled part says its role (牵头单位 / 责任单位 / 主办单位 → responsible, 配合单位 / 协办单位 /
协同单位 / 参与单位 → cooperating, 责任领导 / 分管领导 / 牵头领导 / 联系领导 → the lead); an unlabelled one
says it with a verb (``A牵头``, ``B、C配合``, ``A负责``). Of several responsible units, one marked
``（牵头）`` leads and the others cooperate; where the document says the unit listed first leads
(``排在第一位的为牵头单位``), so it is. Every name keeps the line it was read on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphmodel.model import GoalRecord, Mention, TaskRecord
from graphmodel.names import clean, is_unit_like

from .cell_table import TableResult, lead_mentions, unit_names
from .document import CN_NUMERALS, Joined
from .source import Line

__all__ = ["Assignment", "split_assignment", "assignment_mentions", "read_task_list", "first_listed_leads"]

_RESPONSIBLE = ("牵头单位", "牵头部门", "牵头科室", "责任单位", "责任部门", "责任科室", "责任主体", "主办单位",
                "主责单位", "主责部门", "承办单位", "实施单位", "牵头责任单位", "主要责任单位")
_COOPERATING = ("配合单位", "配合部门", "配合科室", "协办单位", "协同单位", "参与单位", "协助单位", "协作单位",
                "其他责任单位", "责任配合单位")
_LEAD = ("责任领导", "分管领导", "牵头领导", "联系领导", "包保领导", "区领导", "市领导", "县领导", "镇领导",
         "牵头区领导", "牵头市领导", "牵头县领导", "分管区领导", "分管市领导", "分管县领导", "责任区领导", "责任人")
_LABELS = sorted(_RESPONSIBLE + _COOPERATING + _LEAD, key=len, reverse=True)
_LABEL = re.compile(rf"^({'|'.join(_LABELS)})\s*[:：]\s*")
_ROLE_WORD = re.compile(r"牵头|负责|配合|协办|协同|参与|主办|承办|责任|分管")
# Brackets at the end of an item holding its assignment (one level of brackets inside: 各镇（街道）).
_TAIL = re.compile(r"[（(【\[]((?:[^（()）【】\[\]]|[（(][^（()）]*[)）])+)[)）】\]]\s*[。.；;]?\s*$")
# Labels that may open a line of their own or follow the item's last sentence. Not 主办单位 / 承办单位: a web
# page's footer says 主办单位：…人民政府办公室 after the last item (inside brackets they are read).
_LINE_LABELS = [label for label in _LABELS if label not in ("主办单位", "承办单位")]
_LINE_LABEL = re.compile(rf"^({'|'.join(_LINE_LABELS)})\s*[:：]\s*")
# A labelled assignment run into the item's last sentence: …办理时间。责任单位：区市场监管局
_INLINE = re.compile(rf"(?:^|(?<=[。；;！!？?\s]))((?:{'|'.join(_LINE_LABELS)})\s*[:：].*)$")
# Where the list ends: the 版记 (抄送, 印发), a date or signature after it, an attachment, a web page's footer.
_END = re.compile(r"^(?:抄\s*送|抄\s*报|主\s*送|附\s*件|主办单位|承办单位|网站标识码|版权所有|联系我们|扫一扫)"
                  r"|印发$|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_BRACKET_LABEL = re.compile(rf"【({'|'.join(_LABELS)})】")
_VERB_RESPONSIBLE = re.compile(r"^(.+?)(?:牵头负责|牵头|主办|主责|按职责分工负责|按职责负责|分别负责|负责|落实)$")
_VERB_COOPERATING = re.compile(r"^(.+?)(?:配合|协办|协同|参与|协助|共同推进|共同负责)$")
_MARK = re.compile(r"[（(]\s*牵头(?:单位)?\s*[)）]")
# The parts of an assignment: split at ；, at a ， before a label or a 配合 part, and before a label run into the part
# before it (labelled lines joined: 责任单位：区建管委配合单位：区城管执法局).
_PARTS = re.compile(r"[；;]|[，,]?(?=(?:" + "|".join(_LABELS) + r")\s*[:：])|[，,](?=[^，,；;]*(?:配合|协办|协同|参与|协助)$)")
_FIRST_LEADS = re.compile(r"(?:排|列|放)在?(?:第一|首|前)位?的?(?:单位)?(?:为|是)(?:牵头|主要责任|主责)单位")

_SECTION = re.compile(rf"^([{CN_NUMERALS}]{{1,3}})\s*[、.．]\s*(\S.{{0,40}})$")
_SUBSECTION = re.compile(rf"^[（(]\s*([{CN_NUMERALS}]{{1,3}})\s*[)）]\s*(\S.{{0,40}})$")
_ITEM = re.compile(r"^(?:(\d{1,3})\s*[、.．](?!\d)|[（(](\d{1,3})[)）])\s*(\S.*)$")


@dataclass
class Assignment:
    """Who does a task, as written: raw lead text and unit names, each with its offset in the item's text."""

    leads: list[tuple[str, int]] = field(default_factory=list)  # (lead text, offset)
    responsible: list[tuple[str, int, bool]] = field(default_factory=list)  # (unit, offset, marked 牵头)
    cooperating: list[tuple[str, int]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.leads or self.responsible or self.cooperating)


def first_listed_leads(text: str) -> bool:
    """Whether a document says that the unit listed first leads (排在第一位的为牵头单位)."""
    return bool(_FIRST_LEADS.search(re.sub(r"\s+", "", text)))


def split_assignment(text: str) -> tuple[str, Assignment]:
    """An item's text without its assignment, and the assignment (empty if it names none).

    Examples
    --------
    >>> body, a = split_assignment("推行企业开办“一日办结”。（牵头单位：区市场监管局；配合单位：区税务局、区人社局；责任领导：王建国）")
    >>> body, [u for u, _, _ in a.responsible], [u for u, _ in a.cooperating], [t for t, _ in a.leads]
    ('推行企业开办“一日办结”。', ['区市场监管局'], ['区税务局', '区人社局'], ['王建国'])
    >>> body, a = split_assignment("推进“标准地”出让（区规划资源局牵头，区发改委、区经信委配合）。")
    >>> body, [u for u, _, _ in a.responsible], [u for u, _ in a.cooperating]
    ('推进“标准地”出让。', ['区规划资源局'], ['区发改委', '区经信委'])
    >>> split_assignment("开展“千企万户”走访服务（含个体工商户）。")[1].responsible
    []
    """
    original = text
    # 【牵头单位】区发改委【配合单位】区财政局: the same as 牵头单位：… (as long, so offsets hold)
    text = _BRACKET_LABEL.sub(lambda m: f"；{m.group(1)}：", text)
    for pattern in (_TAIL, _INLINE):
        m = pattern.search(text)
        if not m or not _ROLE_WORD.search(m.group(1)) and not _all_units(m.group(1)):
            continue
        assignment = _parse(m.group(1), m.start(1))
        if assignment:
            end = text[m.end():] if pattern is _INLINE else re.sub(r"^[^。.；;]*", "", text[m.end(1) + 1:])
            return (text[: m.start()].rstrip(" ；;") + end.strip()).strip() or original, assignment
    return original, Assignment()


def _all_units(clause: str) -> bool:
    names = unit_names(clause)
    return bool(names) and all(is_unit_like(n) or n.startswith("各") for n in names)


def _parse(clause: str, at: int) -> Assignment:
    """The parts of an assignment clause (``；``-separated, or ``，`` before a label or a 配合 part)."""
    out = Assignment()
    pos = 0
    for part in _PARTS.split(clause):
        offset = at + clause.find(part, pos)
        pos = max(pos, clause.find(part, pos) + len(part))
        stripped = part.strip(" ，,。")
        offset += part.find(stripped) if stripped else 0
        part = stripped
        if not part:
            continue
        m = _LABEL.match(part)
        if m:
            label, value = m.group(1), part[m.end():]
            if label in _LEAD:
                out.leads.append((value, offset + m.end()))
            elif label in _COOPERATING:
                out.cooperating += _located(value, offset + m.end())
            else:
                out.responsible += _marked(value, offset + m.end())
        elif m := _VERB_COOPERATING.match(part):
            out.cooperating += _located(m.group(1), offset)
        elif m := _VERB_RESPONSIBLE.match(part):
            out.responsible += _marked(m.group(1), offset)
        elif _all_units(part):
            out.responsible += _marked(part, offset)
    return out


# What follows a unit's name in an assignment and is no part of it: 区发改委等, 各镇（街道）按职责分工负责.
_UNIT_TAIL = re.compile(r"(?:按职责分工负责|按职责负责|分别负责|负责|配合|参与|协助|等单位|等部门|等)$")


def _located(value: str, offset: int) -> list[tuple[str, int]]:
    """The units of ``value``, each with the offset where its name starts (the part's where it is not found whole)."""
    out, pos = [], 0
    for name in (_UNIT_TAIL.sub("", n) for n in unit_names(value)):
        if not name:
            continue
        at = value.find(name, pos)
        out.append((name, offset + (at if at >= 0 else pos)))
        pos = at + len(name) if at >= 0 else pos
    return out


def _marked(value: str, offset: int) -> list[tuple[str, int, bool]]:
    """Units of a responsible part, each with whether it is marked 牵头: 区财政局（牵头）、区发改委."""
    out, pos = [], 0
    for piece in re.split(r"(?<=[、，,])", value):
        marked = bool(_MARK.search(piece))
        out += [(n, at, marked) for n, at in _located(_MARK.sub("", piece), offset + pos)]
        pos += len(piece)
    return out


def read_task_list(lines: tuple[Line, ...] | list[Line], officials: set[str] = frozenset(),
                   *, first_leads: bool = False) -> TableResult | None:
    """Read numbered tasks and their assignments in words; None if no item names an assignment.

    Parameters
    ----------
    lines : sequence of Line
        The document's lines (or the part holding the tasks).
    officials : set of str
        Known people's names: a lead is one of them or reads as a person's name; else a post.
    first_leads : bool
        The document says the unit listed first leads (:func:`first_listed_leads`).

    Examples
    --------
    >>> rows = ["一、提升政务服务效能", "1.推行企业开办“一日办结”，全面", "压缩办理时间。（牵头单位：区市场监管局；",
    ...         "配合单位：区税务局）", "2.扩大“一网通办”覆盖面。", "责任单位：区政务服务中心（牵头）、区大数据中心"]
    >>> result = read_task_list([Line(i + 1, t) for i, t in enumerate(rows)])
    >>> for t in result.tasks:
    ...     print(t.number, t.text, t.line, [(m.name, m.line) for m in t.responsible],
    ...           [(m.name, m.line) for m in t.cooperating], t.goal)
    1 推行企业开办“一日办结”，全面压缩办理时间。 2 [('区市场监管局', 3)] [('区税务局', 4)] 提升政务服务效能
    2 扩大“一网通办”覆盖面。 5 [('区政务服务中心', 6)] [('区大数据中心', 6)] 提升政务服务效能
    """
    reader = _ListReader(set(officials), first_leads)
    for line in lines:
        reader.line(line)
    reader.close()
    assigned = lambda t: bool(t.responsible or t.cooperating or t.leads)  # noqa: E731
    # Items of a part where none names who does it (保障措施: 1.加强组织领导 …) are no tasks of the list.
    parts = {reader.part[i] for i, t in enumerate(reader.tasks) if assigned(t)}
    tasks = [t for i, t in enumerate(reader.tasks) if reader.part[i] in parts]
    if not tasks:
        return None
    used = {t.goal for t in tasks}
    used |= {reader.goals[g][2] for g in used if g in reader.goals}
    goals = [GoalRecord(name=name, level=level, line=no, parent=parent)
             for name, (level, no, parent) in reader.goals.items() if name in used]
    return TableResult(tasks, goals, [], tasks[0].line)


class _ListReader:
    """Lines → sections, subsections and numbered items (each with the lines that follow it)."""

    def __init__(self, officials: set[str], first_leads: bool):
        self.officials, self.first_leads = officials, first_leads
        self.tasks: list[TaskRecord] = []
        self.goals: dict[str, tuple[str, int, str | None]] = {}
        self.section: tuple[str, int] | None = None
        self.subsection: tuple[str, int] | None = None
        self.item: tuple[int, list[Line]] | None = None
        self.last_number = 0
        self.part: list[int | None] = []  # per task: the line of the top section it stands in

    def line(self, line: Line) -> None:
        text = line.text.strip()
        if (m := _SECTION.match(text)) and not re.search(r"[。；;]", m.group(2)[:-1]):
            self.close()
            self.section, self.subsection = (_heading(m.group(2)), line.no), None
            self.goals.setdefault(self.section[0], ("action", line.no, None))
        elif (m := _SUBSECTION.match(text)) and not re.search(r"[。；;]", m.group(2)[:-1]):
            self.close()
            self.subsection = (_heading(m.group(2)), line.no)
            self.goals.setdefault(self.subsection[0], ("project", line.no, self.section[0] if self.section else None))
        elif (m := _ITEM.match(text)) and self._next(int(m.group(1) or m.group(2))):
            self.close()
            self.last_number = int(m.group(1) or m.group(2))
            self.item = (self.last_number, [Line(line.no, m.group(3))])
        elif _END.search(text):
            self.close()
        elif self.item is not None:
            self.item[1].append(line)

    def _next(self, number: int) -> bool:
        return number == self.last_number + 1 or number == 1 or (self.item is None and self.last_number == 0)

    def close(self) -> None:
        if self.item is None:
            return
        number, lines = self.item
        self.item = None
        # a line that opens with a label (责任单位：…) starts an assignment even after a sentence without its 。
        joined = Joined.of([Line(ln.no, "；" + ln.text) if i and _LINE_LABEL.match(ln.text) else ln
                            for i, ln in enumerate(lines)])
        text, assignment = split_assignment(joined.text)
        goal = self.subsection or self.section
        self.part.append(self.section[1] if self.section else None)
        self.tasks.append(TaskRecord(
            number=number, text=text, line=lines[0].no,
            **assignment_mentions(assignment, joined.line_at, self.officials, self.first_leads),
            goal=goal[0] if goal else None, goal_line=goal[1] if goal else None,
            offsets=tuple(zip(joined.starts, joined.numbers)),
        ))



def assignment_mentions(a: Assignment, line_at, officials: set[str] = frozenset(),
                        first_leads: bool = False) -> dict[str, tuple[Mention, ...]]:
    """``leads``, ``responsible`` and ``cooperating`` Mentions of an assignment; ``line_at(offset)`` gives a line."""
    responsible = [(n, at) for n, at, _ in a.responsible]
    cooperating = list(a.cooperating)
    marked = [(n, at) for n, at, m in a.responsible if m]
    if marked:  # 区财政局（牵头）、区发改委: the marked unit leads, the others cooperate
        cooperating = [(n, at) for n, at, m in a.responsible if not m] + cooperating
        responsible = marked
    elif first_leads and len(responsible) > 1:
        responsible, cooperating = responsible[:1], responsible[1:] + cooperating
    leads = [m.model_copy(update={"line": line_at(at)}) for text, at in a.leads for m in lead_mentions(text, officials)]
    units = lambda pairs: tuple(Mention(name=n, line=line_at(at)) for n, at in pairs)  # noqa: E731
    return {"leads": tuple(leads), "responsible": units(responsible), "cooperating": units(cooperating)}


def _heading(text: str) -> str:
    """A section heading's name: 提升政务服务效能（共3项） → 提升政务服务效能."""
    return clean(re.sub(r"[（(]\s*共?\s*\d+\s*[项个条]\s*[)）]$", "", text).rstrip("。.：:"))
