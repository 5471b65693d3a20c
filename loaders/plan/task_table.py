"""The task table (任务表): rows whose cells PDF extraction split over many lines.

A row reads, in text order: its number (序号, sometimes missing), the fragments of
its indicator cells (一级指标, 二级项目; only where they change), the lines of its
content (三级内容), then the lead (牵头领导), the responsible unit (责任部门) and the
cooperating units (配合部门) — on the content's last line, on a line of their own,
or broken over several lines. The reader walks the lines once, keeping the row it
is in and which of these parts it has reached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from graphmodel.model import GoalRecord, Mention, Notice, TaskRecord
from graphmodel.names import clean, is_unit_like, looks_like_person, split_units

from .cell_table import TableResult, find_cell_header, read_cell_table
from .source import Line
from .text_tables import text_table_lines

__all__ = ["TableResult", "find_table", "read_task_table"]

_HEADER_WORDS = ("序号", "牵头", "责任", "配合", "内容", "指标", "项目")
_PAGE_NUMBER = re.compile(r"^[-—–]\s*\d{1,3}\s*[-—–]$|^第\s*\d+\s*页")
_ROW_NUMBER = re.compile(r"^(\d{1,3})(?:\s+(\S.*))?$")
_SENTENCE_END = re.compile(r"^(.*[。；！？!?;])\s+(\S.*)$")
# Two-character words a line break can split whose first half already ends like a unit (部 / 门).
_WORDS_ACROSS_BREAK = {"部门", "中心", "单位", "会员", "委员", "所属", "区域", "队伍", "站点", "联合", "办公", "组织"}
# After a row number, a measure word means the number was a count in the content ("新增泊位 / 2 个，…").
_MEASURE_WORDS = tuple("个处名米条项家座所户台辆套件次场批块宗位亩栋幢间")
# The 版记 that closes a document: who else receives it (抄送), and who printed it when (…2024年3月10日印发).
_IMPRINT = re.compile(r"^(?:抄\s*送|抄\s*报)\s*[:：]|\d{1,2}\s*日\s*印\s*发$")
_TABLE_IN_TEXT = re.compile(r"[|｜\t]")  # a pipe or tab row is a text table, read as cells
_ENDS_SENTENCE = re.compile(r"[。；！？!?;]$")
_QUOTES = str.maketrans("", "", "“”‘’\"'《》")


@dataclass
class _Row:
    number: int | None
    line: int
    pre: list[Line] = field(default_factory=list)  # indicator fragments
    content: list[Line] = field(default_factory=list)
    closed: bool = False  # content finished
    assign: list[tuple[str, int, bool]] = field(default_factory=list)  # (token, line, starts a line)


def find_table(lines: tuple[Line, ...]) -> int | None:
    """Return the index of the task table's header: a row of cells, a header line (序号 … 牵头 …), or
    the header of a table written as text (pipes, one cell per line, tabs); None if there is none."""
    for found in (find_cell_header(lines), _split_header(lines)):
        if found is not None:
            return found
    tables = text_table_lines(lines)
    at = find_cell_header(tables.lines)
    if at is None:
        return None
    no = tables.lines[at].no
    return next(i for i, line in enumerate(lines) if line.no == no)


def _split_header(lines: tuple[Line, ...]) -> int | None:
    """The index of a header line whose cells PDF extraction left on one line (序号 … 牵头 …)."""
    for i, line in enumerate(lines):
        words = sum(w in line.text for w in _HEADER_WORDS)
        if "序号" in line.text and words >= 3 and len(line.text) <= 60 and not _TABLE_IN_TEXT.search(line.text):
            return i
    return None


def _columns(header: str) -> tuple[int, str | None, str | None, str | None]:
    """From the header: how many indicator columns, and the header's word for the lead, responsible and cooperating
    columns (None where there is none).

    >>> _columns("序号 一级指标 二级项目 三级内容 牵头领导 责任部门 配合部门")
    (2, '牵头领导', '责任部门', '配合部门')
    """
    cols = header.split()
    content_at = next((i for i, c in enumerate(cols) if "内容" in c or "任务" in c or "措施" in c), None)
    levels = sum(1 for c in cols[1:content_at] if "指标" in c or "项目" in c or "类" in c) if content_at else 0
    lead = next((c for c in cols if "领导" in c or c == "牵头"), None)
    responsible = next((c for c in cols if "责任" in c or ("牵头" in c and ("部门" in c or "单位" in c))), None)
    cooperating = next((c for c in cols if "配合" in c or "协同" in c or "协办" in c), None)
    return levels, lead, responsible, cooperating


def _is_content(text: str) -> bool:
    """A line of the content column, as opposed to a fragment of a narrow cell."""
    if re.search(r"[，。；！？,;!?%0-9A-Za-z]", text):
        return True
    parts = [p for p in re.split(r"[、\s]+", text) if p]
    return any(len(p.translate(_QUOTES)) > 10 for p in parts)


def _vlen(text: str) -> int:
    return len(text.translate(_QUOTES).replace(" ", ""))


def _indicator_cells(fragments: list[Line], levels: int, known: set[str]) -> list[tuple[str, int]]:
    """Join indicator fragments into cells: a cell goes on while its lines fill its width."""
    cells: list[list] = []  # [text, line, width, open]
    for frag in fragments:
        text, width = clean(frag.text), _vlen(frag.text)
        if cells and cells[-1][3] and width <= cells[-1][2]:
            cells[-1][0] += text
            cells[-1][3] = width == cells[-1][2]
        else:
            cells.append([text, frag.no, width, True])
    out = [(c[0], c[1]) for c in cells]
    # Two levels read as one cell (a 一级 that filled its last line): split at a known name.
    if levels >= 2 and len(out) == 1:
        text, no = out[0]
        for name in sorted(known, key=len, reverse=True):
            if text.startswith(name) and len(text) > len(name):
                return [(name, no), (text[len(name) :], no)]
    while len(out) > max(levels, 1):
        (a, na), (b, _) = out[-2], out[-1]
        out[-2:] = [(a + b, na)]
    return out


def _cells(tokens: list[tuple[str, int, bool]]) -> list[list[tuple[str, int]]]:
    """Group unit tokens into cells: a token on a new line continues a cell that is not complete."""
    cells: list[list[tuple[str, int]]] = []
    for token, line, starts_line in tokens:
        current = "".join(t for t, _ in cells[-1]) if cells else ""
        continues = cells and starts_line and (
            not is_unit_like(current) or current.endswith("、") or token.startswith(("（", "(", "）", ")", "、"))
            or current[-1:] + token[:1] in _WORDS_ACROSS_BREAK  # 各机关部 / 门、事业中心
        )
        if continues:
            cells[-1].append((token, line))
        else:
            cells.append([(token, line)])
    return cells


def _mentions(cell: list[tuple[str, int]], as_written: str | None = None) -> list[Mention]:
    """The units of one cell, each with the line its name starts on and its column's header word."""
    text, starts = "", []
    for token, line in cell:
        starts.append((len(text), line))
        text += token
    out, pos = [], 0
    for unit in split_units(text):
        at = text.find(unit[0], pos)
        pos = at + 1 if at >= 0 else pos
        line = [ln for off, ln in starts if off <= max(at, 0)][-1]
        out.append(Mention(name=unit, line=line, as_written=as_written))
    return out


def _content_offsets(content: list[Line]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for ln in content:
        out.append((pos, ln.no))
        pos += len(ln.text)
    return out


def _merge_padded(tokens: list[tuple[str, int, bool]]) -> list[tuple[str, int, bool]]:
    """Join a name padded with a space (蔡 斌) back into one token."""
    out: list[tuple[str, int, bool]] = []
    for token, line, starts in tokens:
        if out and len(token) == 1 and len(out[-1][0]) == 1 and out[-1][1] == line and not starts:
            out[-1] = (out[-1][0] + token, line, out[-1][2])
        else:
            out.append((token, line, starts))
    return out


def _split_trailing_indicators(row: _Row) -> list[Line]:
    """When an unnumbered row starts, take its indicator fragments off the end of the last row."""
    cells = _cells(row.assign)
    keep = len(cells)
    while keep > 0 and not is_unit_like("".join(t for t, _ in cells[keep - 1])):
        keep -= 1
    moved = [tok for cell in cells[keep:] for tok in cell]
    if not moved:
        return []
    row.assign = row.assign[: len(row.assign) - len(moved)]
    return [Line(line, token) for token, line in moved]


def read_task_table(
    lines: tuple[Line, ...], officials: set[str], known_goals: set[str] = frozenset(), *, text: str | None = None
) -> TableResult | None:
    """Read the task table that starts at its header line in ``lines``.

    Parameters
    ----------
    lines : tuple of Line
        The lines of the attachment holding the table (or of the whole file).
    officials : set of str
        Names of the leading group's members: a lead is one of them, or a token that
        reads as a person's name.
    known_goals : set of str
        Names of the action groups and numbered actions from the body, to split two
        indicator cells that ran together.
    text : str, optional
        The text the lines were numbered from (a text file's), so a tab-separated row keeps
        the empty cells at its ends (:func:`loaders.plan.text_tables.text_table_lines`).

    A table of real cells (lines carrying ``cells``: PDF, Word, web page) or a table written as
    text (pipes, one cell per line, tabs; :mod:`loaders.plan.text_tables`) is read by
    :func:`loaders.plan.cell_table.read_cell_table`; a table whose cells PDF extraction split over
    lines, by the reader here.

    Returns
    -------
    TableResult or None
        None when there is no table header.

    Examples
    --------
    >>> rows = ["序号 一级指标 二级项目 三级内容 牵头领导 责任部门 配合部门", "1", "提升服务能", "级",
    ...         "提升社会", "能力", "推进中心改造，完善", "自助区设置。", "黄黎霞", "社区事务受", "理中心",
    ...         "各居民区", "吸纳社会", "共同参与", "加速项目落地。 蔡 斌 管理办 营商环境办"]
    >>> result = read_task_table(tuple(Line(i + 1, t) for i, t in enumerate(rows)), {"黄黎霞", "蔡斌"})
    >>> for t in result.tasks:
    ...     print(t.number, t.text, [m.name for m in t.leads], [m.name for m in t.responsible],
    ...           [m.name for m in t.cooperating], t.goal)
    1 推进中心改造，完善自助区设置。 ['黄黎霞'] ['社区事务受理中心'] ['各居民区'] 提升社会能力
    None 加速项目落地。 ['蔡斌'] ['管理办'] ['营商环境办'] 吸纳社会共同参与
    >>> [(g.name, g.level, g.parent) for g in result.goals]
    [('提升服务能级', 'action', None), ('提升社会能力', 'project', '提升服务能级'), ('吸纳社会共同参与', 'project', '提升服务能级')]
    """
    if find_cell_header(lines) is not None:
        return read_cell_table(lines, officials)
    start = _split_header(lines)
    if start is None:
        tables = text_table_lines(lines, text)
        if find_cell_header(tables.lines) is None:
            return None
        result = read_cell_table(tables.lines, officials)
        return replace(result, warnings=list(tables.warnings) + result.warnings)
    header = lines[start]
    reader = _SplitRows()
    for line in lines[start + 1 :]:
        if _IMPRINT.search(line.text):
            break  # the 版记 after the table: no row of it
        reader.line(line)
    return _Tasks(_columns(header.text), officials, known_goals).read(reader.rows, header.no)


class _SplitRows:
    """Lines → rows: a small state machine over the row being read.

    A row is in one of three states: before its content (indicator fragments), in its
    content (until a line ends a sentence), or closed (its lead and unit cells follow).
    """

    def __init__(self) -> None:
        self.rows: list[_Row] = []
        self.last_number = 0

    def line(self, line: Line) -> None:
        text = line.text
        if "序号" in text and sum(w in text for w in _HEADER_WORDS) >= 3:
            return  # the header, repeated on a new page
        m = _ROW_NUMBER.match(text)
        in_content = bool(self.rows) and bool(self.rows[-1].content) and not self.rows[-1].closed
        if m and in_content and (m.group(2) or "").startswith(_MEASURE_WORDS):
            m = None  # "2 个，完善长效管理。": a count inside the content, not the next row
        if m and self.last_number < int(m.group(1)) <= self.last_number + 3:
            self.last_number = int(m.group(1))
            self.rows.append(_Row(self.last_number, line.no))
            if m.group(2):
                self.feed(self.rows[-1], m.group(2), line.no)
            return
        if _PAGE_NUMBER.match(text) and not text.isdigit():
            return  # a page number
        if not self.rows:
            self.rows.append(_Row(None, line.no))
        self.feed(self.rows[-1], text, line.no)

    def feed(self, row: _Row, text: str, no: int) -> None:
        if row.closed:
            self._closed(row, text, no)
        elif row.content:
            self._content(row, text, no)
        else:
            self._before_content(row, text, no)

    def _before_content(self, row: _Row, text: str, no: int) -> None:
        if _is_content(text):
            self._content(row, text, no)
        else:
            row.pre.append(Line(no, text))

    def _content(self, row: _Row, text: str, no: int) -> None:
        if not _is_content(text):
            row.closed = True
            self._closed(row, text, no)
            return
        m = _SENTENCE_END.match(text)
        if m and not _is_content(m.group(2)):  # the content ends, the assignment follows on the line
            row.content.append(Line(no, m.group(1)))
            row.closed = True
            row.assign.extend((tok, no, k == 0) for k, tok in enumerate(m.group(2).split()))
            return
        row.content.append(Line(no, text))
        row.closed = bool(_ENDS_SENTENCE.search(text))

    def _closed(self, row: _Row, text: str, no: int) -> None:
        if _is_content(text) and not row.assign:  # a sentence ended a line; the content goes on
            row.content.append(Line(no, text))
            row.closed = bool(_ENDS_SENTENCE.search(text))
        elif _is_content(text):  # content after the assignment: an unnumbered row begins
            new = _Row(None, no, pre=_split_trailing_indicators(row))
            self.rows.append(new)
            self.feed(new, text, no)
        else:
            row.assign.extend((tok, no, k == 0) for k, tok in enumerate(text.split()))


class _Tasks:
    """Rows → goals (the indicator cells, held until they change) and tasks."""

    def __init__(self, columns: tuple[int, bool, bool, bool], officials: set[str], known_goals: set[str]):
        self.levels, self.lead_word, self.resp_word, self.coop_word = columns
        self.has_lead, self.has_resp, self.has_coop = (w is not None for w in columns[1:])
        self.officials, self.known_goals = officials, set(known_goals)
        self.current: list[tuple[str, int] | None] = [None] * max(self.levels, 1)
        self.goals: dict[str, GoalRecord] = {}
        self.warnings: list[Notice] = []

    def read(self, rows: list[_Row], header_line: int) -> TableResult:
        tasks: list[TaskRecord] = []
        for row in rows:
            self._indicators(row)
            task = self._task(row)
            if task:
                tasks.append(task)
        if tasks and not (tasks[-1].leads or tasks[-1].responsible) and any(t.leads or t.responsible for t in tasks):
            self.warnings.append(Notice(kind="last-row-unassigned", line=tasks[-1].line))
        return TableResult(tasks, list(self.goals.values()), self.warnings, header_line)

    def _indicators(self, row: _Row) -> None:
        """The row's indicator cells replace the held ones from their level down; new ones become goals."""
        current, levels = self.current, self.levels
        if levels:
            cells = _indicator_cells(row.pre, levels, self.known_goals)
            if cells:
                first = len(current) - len(cells)
                for k, cell in enumerate(cells):
                    current[first + k] = cell
                for k in range(first + len(cells), len(current)):
                    current[k] = None
        for k, cell in enumerate(current):
            if cell and cell[0] not in self.goals:
                parent = current[k - 1][0] if k and current[k - 1] else None
                level = "project" if k == len(current) - 1 and levels > 1 else "action"
                self.goals[cell[0]] = GoalRecord(name=cell[0], level=level, line=cell[1], parent=parent)

    def _task(self, row: _Row) -> TaskRecord | None:
        text = "".join(ln.text for ln in row.content).strip()
        if not text:
            if row.assign or row.number is not None:
                self.warnings.append(Notice(kind="empty-row", line=row.line, values={"number": row.number}))
            return None
        leads, tokens = self._leads(_merge_padded(row.assign))
        cells = _cells(tokens)
        responsible = _mentions(cells[0], self.resp_word) if (self.has_resp and cells) else []
        cooperating = (
            [m for cell in cells[1 if self.has_resp else 0 :] for m in _mentions(cell, self.coop_word)]
            if self.has_coop else []
        )
        goal = next((c for c in reversed(self.current) if c), None)
        return TaskRecord(
            number=row.number,
            text=text,
            line=row.line if row.number is not None else row.content[0].no,
            leads=tuple(leads),
            responsible=tuple(responsible),
            cooperating=tuple(cooperating),
            goal=goal[0] if goal else None,
            goal_line=goal[1] if goal else None,
            offsets=tuple(_content_offsets(row.content)),
        )

    def _leads(self, tokens: list[tuple[str, int, bool]]) -> tuple[list[Mention], list[tuple[str, int, bool]]]:
        """The lead cell (first token, when it names people) and the tokens left for the unit cells."""
        while len(tokens) > 1 and tokens[0][0].endswith("、"):  # two leads, the cell wrapped after 、
            tokens[:2] = [(tokens[0][0] + tokens[1][0], tokens[0][1], tokens[0][2])]
        if not (self.has_lead and tokens):
            return [], tokens
        first_token, no, _ = tokens[0]
        names = [clean(n) for n in re.split(r"[、，,]", first_token) if clean(n)]
        if not (names and all(n in self.officials or looks_like_person(n) for n in names)):
            return [], tokens
        tokens = tokens[1:]
        if tokens:
            tokens[0] = (tokens[0][0], tokens[0][1], False if tokens[0][1] == no else tokens[0][2])
        return [Mention(name=n, line=no, as_written=self.lead_word) for n in names], tokens
