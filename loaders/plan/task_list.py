"""Tasks in prose: numbered items that say in words who does them (a 任务分工方案 written as text).

Many task-division documents have no table: each numbered task ends with its assignment, in
brackets or on lines of its own::

    一、王建国副区长牵头重点工作
    1.推行企业开办“一日办结”。（牵头单位：区市场监管局；配合单位：区税务局、区人社局；责任领导：王建国）
    2.推进工业用地“标准地”出让。（区规划资源局主办，区发改委、区经信委协办）
    3.落实惠企政策“免申即享”。
    牵头单位：区财政局
    责任单位：区发改委、各街道

:mod:`loaders.plan.assignment` reads each assignment (and holds the unit-role contract). A section heading
that names a person leading its tasks (``一、王建国副区长牵头重点工作``) gives every task under it that lead,
marked inherited. A rule stated once (排在第一位的为牵头单位 before the list; ``（列第一位者为牵头单位，下同）``
inside an item, from that item on) makes the unit listed first lead. The list ends at the 版记, an attachment,
a date, or a signature (the issuing body's name on a line of its own before the date or the end); page
footers (``— 3 —``) between the lines of an item are no part of it. Every name keeps the line it was read on
and the document's own word for its role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphmodel.model import GoalRecord, Mention, Notice, OfficialRecord, TaskRecord
from graphmodel.names import clean, is_unit_like, looks_like_person

from .assignment import (LINE_LABEL, Assignment, assignment_mentions, first_listed_leads, split_assignment)
from .cell_table import TableResult
from .document import CN_NUMERALS, numeral_value, Joined
from .prose_duties import read_place_duties, read_unit_paragraphs
from .source import Line
from .traditional import as_written, simplified

__all__ = ["Assignment", "split_assignment", "assignment_mentions", "read_task_list", "first_listed_leads",
           "heading_lead"]

# Where the list ends: the 版记 (抄送, 印发), a date or signature after it, an attachment, a web page's footer.
_END = re.compile(r"^(?:抄\s*送|抄\s*报|主\s*送|附\s*件|主办单位|承办单位|网站标识码|版权所有|联系我们|扫一扫)"
                  r"|印发$|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_LAST = re.compile(r"^(?:抄\s*送|抄\s*报|附\s*件)|印发$")
# A body's name alone on a line: the signature, when the date or the end of the text follows it.
_SIGNATURE = re.compile(r"^[^\s，,。；;：:、（()）]{2,30}(?:人民政府|政府|办事处|委员会|办公室|党委|党工委|管委会|"
                        r"指挥部|领导小组)(?:办公室)?(?:\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)?$")
# A page's footer or number left in the text by PDF extraction: — 3 —, - 12 -, 第3页.
_FOOTER = re.compile(r"^[—–\-－_\s]*(?:第\s*)?\d{1,3}\s*页?[—–\-－_\s]*$")
_SECTION = re.compile(rf"^([{CN_NUMERALS}]{{1,3}})\s*[、.．]\s*(\S.{{0,40}})$")
_SUBSECTION = re.compile(rf"^[（(]\s*([{CN_NUMERALS}]{{1,3}})\s*[)）]\s*(\S.{{0,40}})$")
_ITEM = re.compile(r"^(?:(\d{1,3})\s*[、.．﹒](?!\d)|[（(](\d{1,3})[)）])\s*(\S.*)$")
# A heading that names who leads the tasks under it: 王建国副区长牵头重点工作, 李文区政府党组成员主抓工作.
_HEADING_LEAD = re.compile(r"^(?P<who>\S{2,24}?)(?P<verb>牵头|主抓|负责|分管|联系)的?(?:重点|主要|各项)?"
                           r"(?:工作|任务|事项|项目)")
_TITLE_START = tuple("副区市县镇乡街党常主书分局委人政总办省州盟旗管")
# How a title surely opens: where a name of two and of three characters both fit, the one leaving such a title wins.
_SURE_START = ("副", "常务", "区", "市", "县", "镇", "乡", "省", "州", "街道", "办事处", "管委会", "党工委", "党委", "党组")
_POST_WORDS = {"常务", "分管", "主管", "主要", "党委", "党组", "专职", "执行", "第一", "副职", "正职", "联系", "包保"}
_TITLE_END = ("长", "书记", "主任", "主席", "委员", "成员", "领导", "负责人", "专员", "调研员", "巡视员", "干部")


def heading_lead(text: str, officials: set[str] = frozenset()) -> tuple[str, str, str, bool] | None:
    """Who a heading says leads the tasks under it: ``(name, title, verb, post)``, or None.

    The name is split from the title glued to it by what a title looks like (it opens like one, 区…, 副…, 常务…,
    and ends like one, …长, …书记, …成员); a heading naming a post only gives the post (``post`` True).

    Examples
    --------
    >>> heading_lead("韩立平区长牵头重点工作"), heading_lead("孟雪芳区政府党组成员牵头重点工作")
    (('韩立平', '区长', '牵头', False), ('孟雪芳', '区政府党组成员', '牵头', False))
    >>> heading_lead("常务副区长主抓工作"), heading_lead("加快项目建设") is None
    (('常务副区长', '', '主抓', True), True)
    """
    m = _HEADING_LEAD.match(clean(text))
    if not m:
        return None
    who, verb = m.group("who"), m.group("verb")
    for name in sorted(officials, key=len, reverse=True):
        if who.startswith(name) and _is_title(who[len(name):]):
            return name, who[len(name):], verb, False
    fits = [(who[:k], who[k:]) for k in (2, 3, 4)
            if looks_like_person(who[:k]) and who[:2] not in _POST_WORDS and _is_title(who[k:])]
    for head, rest in sorted(fits, key=lambda f: not f[1].startswith(_SURE_START)):
        return head, rest, verb, False
    if who.startswith(_TITLE_START) and _is_title(who):
        return who, "", verb, True
    return None


def _is_title(text: str) -> bool:
    return bool(text) and text.startswith(_TITLE_START) and text.endswith(_TITLE_END) and len(text) <= 16


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
        The unit listed first leads in every task (the caller knows the document says so). Without it, the
        lines are read for the rule: stated outside the items, it holds for every task; inside an item that
        names its units (…（列第一位者为牵头单位，下同）), from that item on.

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
    reader = _ListReader(set(officials))
    simple = [Line(ln.no, simplified(ln.text)) for ln in lines]  # 牽頭單位, 負責: read as simplified
    for line in simple:
        reader.line(line)
    reader.close(last=True)
    found = reader.result(first_leads)
    if found is not None and any(a.text != b.text for a, b in zip(lines, simple)):
        found = _kept_as_written(found, {ln.no: ln.text for ln in lines})
    if found is None and (prose := read_unit_paragraphs(lines) + read_place_duties(lines)):
        return TableResult(prose, [], [], prose[0].line)  # no numbered task: tasks stated in running prose
    return found


def _kept_as_written(found: TableResult, original: dict[int, str]) -> TableResult:
    """The tasks of a list in traditional script, read as simplified, with their texts and names as the document
    writes them (市政府辦公室 stays 市政府辦公室)."""
    def written(text: str, first: int, last: int) -> str:
        source = "".join(original.get(no, "") for no in range(first, last + 1))
        return as_written(text, simplified(source), source)

    def mentions(ms: tuple[Mention, ...]) -> tuple[Mention, ...]:
        return tuple(m.model_copy(update={"name": written(m.name, m.line, m.line), "as_written": m.as_written and
                                          written(m.as_written, m.line, m.line)}) for m in ms)

    tasks = [t.model_copy(update={
        "text": written(t.text, t.line, max([no for _, no in t.offsets] or [t.line])),
        "leads": mentions(t.leads), "responsible": mentions(t.responsible), "cooperating": mentions(t.cooperating),
        "goal": written(t.goal, t.goal_line, t.goal_line) if t.goal and t.goal_line else t.goal}) for t in found.tasks]
    goals = [g.model_copy(update={"name": written(g.name, g.line, g.line)}) for g in found.goals]
    return TableResult(tasks, goals, found.warnings, found.header_line, found.officials)


@dataclass
class _Item:
    """A numbered item read: what it says, before the rules stated elsewhere in the document are applied."""

    number: int
    text: str
    joined: Joined
    assignment: Assignment
    goal: tuple[str, int] | None
    part: int | None  # the line of the top section it stands in
    lead: tuple[Mention, ...] = ()  # the lead its section heading names


@dataclass
class _ListReader:
    """Lines → sections, subsections and numbered items (each with the lines that follow it)."""

    officials: set[str]
    items: list[_Item] = field(default_factory=list)
    goals: dict[str, tuple[str, int, str | None]] = field(default_factory=dict)
    section: tuple[str, int] | None = None
    subsection: tuple[str, int] | None = None
    leads: dict[int, tuple[Mention, ...]] = field(default_factory=dict)  # heading line → the lead it names
    titled: dict[str, OfficialRecord] = field(default_factory=dict)
    item: tuple[int, list[Line]] | None = None
    pending: list[Line] = field(default_factory=list)  # signature-like lines: the item's, unless the list ends
    last_number: int = 0
    rule_outside: bool = False  # the first-listed rule, stated outside any item
    outside: list[str] = field(default_factory=list)
    ended: bool = False
    heading: tuple[str, int, int, str] | None = None  # the heading just read: (kind, its number, line, text)
    parts_as_items: bool = False  # items numbered （一）, each with its own assignment
    run_together: list[Notice] = field(default_factory=list)
    renumbered: list[Notice] = field(default_factory=list)  # items whose garbled number was read as the next

    def line(self, line: Line) -> None:
        text = line.text.strip()
        if _FOOTER.match(text):
            return
        if self.ended:
            return
        if _END.search(text):
            self.pending.clear()
            self.close()
            # after tasks, an attachment or the 版记 ends the list (an attachment's own numbered items are not its)
            self.ended = bool(_LAST.match(text)) and any(it.assignment or it.lead for it in self.items)
            return
        if self.item is not None and _SIGNATURE.match(text) and not self.item[1][-1].text.rstrip().endswith(
                tuple("、，,：:")):
            self.pending.append(line)
            return
        if self.pending and self.item is not None:
            self.item[1].extend(self.pending)
        self.pending.clear()
        self._read(line, text)

    def _read(self, line: Line, text: str) -> None:
        heading, self.heading = self.heading, None
        if heading is not None and self.item is None and LINE_LABEL.match(text):
            if not self._assigned_lead(text, heading[2], line.no):  # 牵头区领导：… leads the part's tasks
                self._heading_task(heading, line)  # 责任单位：… makes the heading a task
        elif (m := _SECTION.match(text)) and not re.search(r"[。；;]", m.group(2)[:-1]):
            self.close()
            self.section, self.subsection = (_heading(_without_lead(m.group(2))), line.no), None
            self.goals.setdefault(self.section[0], ("action", line.no, None))
            self._heading_lead(m.group(2), line.no)
            self.heading = ("section", numeral_value(m.group(1)), line.no, m.group(2))
        elif (m := _SUBSECTION.match(text)) and not re.search(r"[。；;]", m.group(2)[:-1]):
            self.close()
            self.subsection = (_heading(_without_lead(m.group(2))), line.no)
            self.goals.setdefault(self.subsection[0], ("project", line.no, self.section[0] if self.section else None))
            self._heading_lead(m.group(2), line.no)
            self.heading = ("subsection", numeral_value(m.group(1)), line.no, m.group(2))
        elif (m := _ITEM.match(text)) and self._next(int(m.group(1) or m.group(2))):
            self.close()
            self.last_number = int(m.group(1) or m.group(2))
            self.item = (self.last_number, [Line(line.no, m.group(3))])
        elif (m := _ASSIGNED_PART.match(text)) and self._next(numeral_value(m.group(1))) and _assigns(text):
            # （一）地区生产总值增长11%。（牵头单位：县发改局；责任单位：…）: an item numbered as a part is, its units its own
            self.close()
            self.last_number = numeral_value(m.group(1))
            self.item = (self.last_number, [Line(line.no, m.group(2))])
            self.parts_as_items = True
        elif self.item is not None and _DAMAGED_START.match(text) and _CLOSED.search(
                held := " ".join(ln.text for ln in self.item[1])) and len(_ASSIGNMENT_OPENS.findall(held)) == 1:
            # ?。ǘ┩七M東部…: a line whose number a copy garbled, after an item closed by its own assignment, is the
            # next item — its number read as the next, with a warning (the next number read checks it)
            self.close()
            self.last_number += 1
            self.item = (self.last_number, [line])
            self.renumbered.append(Notice(kind="item-number-garbled", line=line.no,
                                          values={"number": self.last_number}))
        elif self.item is not None:
            self.item[1].append(line)
        else:
            self.outside.append(text)

    def _heading_task(self, heading: tuple[str, int, int, str], line: Line) -> None:
        """A heading with its assignment on the next line (（一）地区生产总值增长7% / 责任单位：区发改局) is a task
        numbered as the heading is, no goal of tasks: the part it stands in is theirs."""
        kind, number, no, text = heading
        if kind == "subsection":
            self.subsection = None
        else:
            self.section = None
        self.last_number = number
        self.item = (number, [Line(no, text), line])

    def _assigned_lead(self, text: str, heading_no: int, no: int) -> bool:
        """Whether ``text`` names only who leads (牵头区领导：韩志远, （责任区领导：罗佳宁）): then they lead the tasks of
        the part the heading at ``heading_no`` opens, read from line ``no``."""
        _body, a = split_assignment(text)
        if not a.leads or a.responsible or a.cooperating:
            return False
        leads = assignment_mentions(a, lambda _at: no, self.officials)["leads"]
        self.leads[heading_no] = tuple(m.model_copy(update={"inherited": True}) for m in leads)
        return bool(leads)

    def _heading_lead(self, text: str, no: int) -> None:
        if self._assigned_lead(text, no, no):
            return
        found = heading_lead(text, self.officials)
        if found:
            name, title, verb, post = found
            self.leads[no] = (Mention(name=name, line=no, inherited=True, post=post, as_written=verb),)
            if title and name not in self.titled:
                self.titled[name] = OfficialRecord(name=name, role=None, titles=(title,), line=no)

    def _next(self, number: int) -> bool:
        return number == self.last_number + 1 or number == 1 or (self.item is None and self.last_number == 0)

    def close(self, last: bool = False) -> None:
        if self.outside:
            self.rule_outside = self.rule_outside or first_listed_leads("".join(self.outside))
            self.outside = []
        if self.item is None:
            return
        number, lines = self.item
        self.item = None
        # a line that opens with a label (责任单位：…) starts an assignment even after a sentence without its 。
        joined = Joined.of([Line(ln.no, "；" + ln.text) if i and (LINE_LABEL.match(ln.text) or _ends_units(lines, i))
                            else ln for i, ln in enumerate(lines)])
        if self.parts_as_items and len(_ASSIGNMENT_OPENS.findall(joined.text)) > 1:
            # two assignments in one item: the next item's number unread (a copy damaged it), both run together —
            # no unit is read from them, a warning names the lines
            self.run_together.append(Notice(kind="items-run-together", line=joined.numbers[0],
                                            values={"number": number, "last": joined.numbers[-1]}))
            return
        text, assignment = split_assignment(joined.text, last=last and not self.pending)
        if not assignment:
            text, assignment = _assignment_in_line(joined, text, assignment)
        goal = self.subsection or self.section
        lead = self.leads.get(self.subsection[1] if self.subsection else -1) or self.leads.get(
            self.section[1] if self.section else -1, ())
        self.items.append(_Item(number, text, joined, assignment, goal, self.section[1] if self.section else None,
                                lead))

    def result(self, first_leads: bool) -> TableResult | None:
        rule_from = next((i for i, it in enumerate(self.items) if it.assignment.first_leads and it.assignment),
                         None)
        everywhere = first_leads or self.rule_outside or any(
            it.assignment.first_leads and not it.assignment for it in self.items)
        tasks = [self._task(it, everywhere or rule_from is not None and i >= rule_from)
                 for i, it in enumerate(self.items)]
        assigned = lambda t: bool(t.responsible or t.cooperating or t.leads)  # noqa: E731
        # Items of a part where none names who does it (保障措施: 1.加强组织领导 …) are no tasks of the list.
        parts = {it.part for it, t in zip(self.items, tasks) if assigned(t)}
        tasks = [t for it, t in zip(self.items, tasks) if it.part in parts]
        if not tasks:
            return None
        used = {t.goal for t in tasks}
        used |= {self.goals[g][2] for g in used if g in self.goals}
        goals = [GoalRecord(name=name, level=level, line=no, parent=parent)
                 for name, (level, no, parent) in self.goals.items() if name in used]
        leading = {m.name for t in tasks for m in t.leads}
        officials = [o for name, o in self.titled.items() if name in leading]
        warnings = [Notice(kind="assignment-cut-off", line=it.joined.numbers[-1],
                           values={"number": it.number, "text": it.assignment.cut})
                    for it in self.items if it.assignment.cut and it.part in parts]
        renumbered = [n for n in self.renumbered if any(t.line == n.line for t in tasks)]
        return TableResult(tasks, goals, warnings + self.run_together + renumbered, tasks[0].line, officials)

    def _task(self, item: _Item, first_leads: bool) -> TaskRecord:
        joined = item.joined
        mentions = assignment_mentions(item.assignment, joined.line_at, self.officials, first_leads)
        inherited = ()
        if not mentions["leads"] and item.lead:
            mentions["leads"], inherited = item.lead, ("lead",)
        return TaskRecord(
            number=item.number, text=item.text, line=joined.numbers[0], **mentions,
            goal=item.goal[0] if item.goal else None, goal_line=item.goal[1] if item.goal else None,
            offsets=tuple(zip(joined.starts, joined.numbers)), inherited=inherited,
        )


# A line whose opening characters a copy garbled (a page re-encoded: the full-width bracket of （二） read as ?。ǘ┩).
_DAMAGED_START = re.compile(r"^[?\ufffd]")
_CLOSED = re.compile(r"[)）]\s*[。.;；]?\s*$")  # a text that ends with its bracket closed (its assignment's)
_ASSIGNED_PART = re.compile(rf"^[（(]\s*([{CN_NUMERALS}]{{1,3}})\s*[)）]\s*(\S.*)$")
_ASSIGNMENT_OPENS = re.compile(r"[（(【\[]\s*(?:牵头|主办|责任|牽頭|責任)")


def _assigns(text: str) -> bool:
    """Whether a line holds its own assignment in brackets (…基地。（牵头单位：市经贸委；配合单位：市发改委）)."""
    _body, found = split_assignment(text, last=True)  # or its brackets cut off by the end of an excerpt
    return bool(found.responsible or found.cooperating)


_ANY_LABEL = re.compile(r"^\s*[\u4e00-\u9fff]{2,8}\s*[:：]")


def _ends_units(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` of an item is no more of the units the label line before it lists: it opens with a label of
    its own (完成时限：2023年12月底), or the units before it end whole and it would not go on the last (区发展改革委 /
    完成时 — not 区住建 / 委、区交通局, a name wrapped)."""
    before = next((ln.text for ln in reversed(lines[:i]) if LINE_LABEL.match(ln.text)), None)
    if before is None or not LINE_LABEL.match(lines[i - 1].text) and lines[i - 1].text != before:
        return False
    if _ANY_LABEL.match(lines[i].text):
        return True
    last = clean(re.split(r"[、，,：:；;]", lines[i - 1].text)[-1])
    first = clean(re.split(r"[、，,；;。（(]", lines[i].text)[0])
    return bool(last) and is_unit_like(last) and not is_unit_like(last + first) and not is_unit_like(first)


def _assignment_in_line(joined: Joined, text: str, assignment: Assignment) -> tuple[str, Assignment]:
    """An item's assignment in brackets at the end of one of its lines, points of the item after it
    (…确保完成主要指标。（牵头单位：发改委、统计局） / ▲增加值增长14%左右): the text is the item's without it."""
    ends = [start - 1 for start in joined.starts[1:]] if len(joined.starts) > 1 else []
    for end in ends:
        if not joined.text[end] in "）)】]":
            continue
        head, found = split_assignment(joined.text[: end + 1])
        if found:
            return head + joined.text[end + 1:], found
    return text, assignment


def _without_lead(text: str) -> str:
    """A heading without the bracket naming who leads its tasks: 优化营商环境（责任区领导：罗佳宁） → 优化营商环境."""
    body, a = split_assignment(text)
    return body if a.leads and not (a.responsible or a.cooperating) else text


def _heading(text: str) -> str:
    """A section heading's name: 提升政务服务效能（共3项） → 提升政务服务效能."""
    return clean(re.sub(r"[（(]\s*共?\s*\d+\s*[项个条]\s*[)）]$", "", text).rstrip("。.：:"))
