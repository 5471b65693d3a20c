"""Tables written as text → Lines with cells: pipe tables, one cell per line, tab-separated rows.

A task-division table pasted into a .txt comes in three forms:

- a pipe table (``| 序号 | 工作任务 | 牵头单位 |``, ASCII ``|`` or full-width ``｜``, markdown separator
  rows ``|---|:--:|`` skipped);
- one cell per line: a header of N column names on N consecutive lines, then each row's N cells on N
  consecutive lines, a blank line between rows (a row of one numbered line is a section row: 一、营商环境);
- one cell per paragraph: every cell, the header's too, a paragraph of its own (a blank line between cells, as a
  web page's table copied to text gives it); rows follow the numbers of the 序号 column, and a row short of cells
  under a merged cell gets them where the cells it has fit their columns (:func:`place_cells`);
- tab-separated rows under a tab-separated header.

A cell that wrapped (``高新园`` / ``(某某镇)``: a line opening with a bracket) is one cell, not two.

:func:`text_table_lines` gives each row of such a table as one :class:`~loaders.plan.source.Line` with
``cells``, ``table`` and ``row`` set (the header is row 1), so :func:`loaders.plan.cell_table.read_cell_table`
reads them like the tables of a PDF, Word file or web page. Other lines pass through unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from itertools import combinations

from graphmodel.model import Notice
from graphmodel.names import is_collective, is_unit_like, looks_like_person, split_units

from .cell_values import lead_mentions
from .columns import SECTION_HEADING, column_role, header_roles
from .source import Line

__all__ = ["TextTables", "place_cells", "text_table_lines"]

_PIPE = re.compile(r"[|｜]")
_SEPARATOR_CELL = re.compile(r"^\s*:?[-－—–]+:?\s*$")
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_HEADER_CELL_MAX = 12  # a column name on a line of its own is short
_SECTION_MAX = 30  # so is a section row (一、优化营商环境)
_LONG_SECTION_MAX = 150  # … or a longer one that holds no sentence
_TABLE_TITLE_END = ("表", "方案", "清单", "台账", "通知", "计划")  # a table's title on its own line: no column name
_NUMBER = re.compile(r"^[（(]?\d{1,4}[)）.．、]?$")
_WRAPPED = re.compile(r"^[（(][^（()）]{1,12}[)）]")  # 高新园 / (某某镇): the rest of a cell that wrapped
_SENTENCE = re.compile(r"[。；;！!？?]")
_DATE_LIKE = re.compile(r"\d|年|月|底|前|长期|持续|常态")
_POST_END = ("领导", "书记", "主任", "长", "主席", "委员", "常委", "负责人")
_UNIT_END = ("政府", "委", "办", "组")
_FACT_ROLES = ("number", "task", "lead", "responsible", "cooperating", "goal")  # the columns facts are read from
_MERGED_MOST = 2  # a last row short of more cells than this is not taken for one under merged cells


@dataclass(frozen=True)
class TextTables:
    """The lines, table rows carrying cells; how many tables were found; warnings."""

    lines: tuple[Line, ...]
    tables: int
    warnings: tuple[Notice, ...] = ()


def text_table_lines(lines: tuple[Line, ...] | list[Line], text: str | None = None) -> TextTables:
    """Find the text tables among ``lines`` and give their rows cells.

    Lines that already carry cells (from a PDF, Word file or web page) are left alone; text
    tables are numbered after their tables.

    Parameters
    ----------
    lines : sequence of Line
        Numbered non-blank lines (a gap in the numbers is a blank line).
    text : str, optional
        The decoded text the lines were numbered from. Lines are stripped, which loses the
        empty cells at the start or end of a tab-separated row; given the text, those rows are
        split as written. Without it, a short row is read as missing its last cells (with a warning).

    Returns
    -------
    TextTables
        The lines, with each table row as one Line (a row of one cell per line becomes one
        Line numbered by its first line, each cell's own line in ``cell_lines``), and warnings
        for rows that could not be read.

    Examples
    --------
    >>> text = ["| 序号 | 工作任务 | 牵头单位 |", "|---|---|---|", "｜1｜修路。｜区建管委｜", "以上"]
    >>> got = text_table_lines([Line(i + 1, t) for i, t in enumerate(text)])
    >>> [(l.no, l.table, l.row, l.cells) for l in got.lines]
    [(1, 1, 1, ('序号', '工作任务', '牵头单位')), (3, 1, 2, ('1', '修路。', '区建管委')), (4, None, None, None)]
    >>> cells = ["序号", "工作任务", "牵头单位", "", "1", "修路。", "区建管委", "", "2", "种树。", "区绿化局"]
    >>> got = text_table_lines([Line(i + 1, t) for i, t in enumerate(cells) if t])
    >>> [(l.no, l.row, l.cells) for l in got.lines]
    [(1, 1, ('序号', '工作任务', '牵头单位')), (5, 2, ('1', '修路。', '区建管委')), (9, 3, ('2', '种树。', '区绿化局'))]
    """
    lines = list(lines)
    out: list[Line] = []
    warnings: list[Notice] = []
    table = max((ln.table or 0 for ln in lines), default=0)
    first = table
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if text is not None else None
    i = 0
    while i < len(lines):
        # a table of one cell per line or paragraph opens with a header cell: other lines need not try them
        readers = _READERS if _is_header_cell(_SPACES.sub(" ", lines[i].text).strip()) else _READERS[:2]
        for reader in readers:
            got = None if lines[i].cells else reader(lines, i, table + 1, warnings, raw)
            if got:
                rows, i = got
                out += rows
                table += 1
                break
        else:
            out.append(lines[i])
            i += 1
    return TextTables(tuple(out), table - first, tuple(warnings))


# ---------------------------------------------------------------------- pipe tables
def _pipe_cells(text: str) -> tuple[str, ...] | None:
    if len(_PIPE.findall(text)) < 2:
        return None
    text = text.strip()
    parts = _PIPE.split(text)
    if _PIPE.match(text[:1]):
        parts = parts[1:]
    if _PIPE.match(text[-1:]):
        parts = parts[:-1]
    return tuple(_SPACES.sub(" ", p).strip() for p in parts)


def _pipe_table(lines: list[Line], i: int, table: int, warnings: list[Notice], raw=None) -> tuple[list[Line], int] | None:
    header = _pipe_cells(lines[i].text)
    if not header or not header_roles(header):
        return None
    roles = header_roles(header)
    rows = [replace(lines[i], cells=header, table=table, row=1)]
    filled: set[int] = set()
    j = i + 1
    while j < len(lines) and (cells := _pipe_cells(lines[j].text)) is not None:
        if not all(_SEPARATOR_CELL.match(c) for c in cells if c) or not any(cells):
            cells = _short_pipe_row(cells, roles, filled)
            rows.append(replace(lines[j], cells=cells, table=table, row=len(rows) + 1))
            filled = set() if _section_row([c for c in cells if c], len(roles)) else \
                filled | {k for k, c in enumerate(cells) if c}
        j += 1
    return rows, j


def _short_pipe_row(cells: tuple[str, ...], roles: list[str | None], filled: set[int]) -> tuple[str, ...]:
    """A pipe row's cells under the header's columns. A row short of cells is read as missing its last ones where
    its cells fit their columns so (a row that leaves its empty cells out); else, copied from a web page, it lacks
    the cells merged from a row above: they go under the columns they fit (:func:`place_cells`), and where that is
    not sure the row keeps its own cells (too few: the table reader warns of it, reading none of them)."""
    n = len(roles)
    if len(cells) >= n or _section_row([c for c in cells if c], n):
        return _fit(cells, n)
    if all(_fits(c, role) for c, role in zip(cells, roles) if c):
        return _fit(cells, n)
    placed = place_cells(list(cells), roles, filled)
    return placed if placed is not None else cells


# ---------------------------------------------------------------------- tab-separated rows
def _tab_cells(line: Line, raw: list[str] | None) -> tuple[str, ...]:
    text = raw[line.no - 1] if raw is not None and line.no <= len(raw) else line.text
    return tuple(_SPACES.sub(" ", c).strip() for c in text.lstrip("\ufeff").split("\t"))


def _tab_table(lines: list[Line], i: int, table: int, warnings: list[Notice], raw=None) -> tuple[list[Line], int] | None:
    if "\t" not in lines[i].text:
        return None
    header = _tab_cells(lines[i], raw)
    if not header_roles(header):
        return None
    while not header[-1]:  # trailing tabs
        header = header[:-1]
    out, row = [replace(lines[i], cells=header, table=table, row=1)], 1
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if "\t" not in line.text and (raw is None or "\t" not in raw[line.no - 1]):
            section = SECTION_HEADING.match(line.text) and len(line.text) <= _SECTION_MAX
            # a row copied from a merged cell across the table (一、营商环境) has no tab even in the raw text
            if not _tab_rows_follow(lines, j) or (raw is not None and not section):
                break
            if section:  # 一、营商环境: one merged cell
                row += 1
                out.append(replace(line, cells=(line.text,) + ("",) * (len(header) - 1), table=table, row=row))
                j += 1
                continue
            warnings.append(Notice(kind="tab-row-one-cell", line=line.no))
            out.append(line)  # stays a line of text
            j += 1
            continue
        cells = _tab_cells(line, raw)
        if len(cells) < len(header) and len({c for c in cells if c}) > 1:
            warnings.append(Notice(kind="tab-row-short", line=line.no, values={"cells": len(cells), "header": len(header)}))
        row += 1
        out.append(replace(line, cells=_fit(cells, len(header)), table=table, row=row))
        j += 1
    return out, j


def _tab_rows_follow(lines: list[Line], j: int, most: int = 3) -> bool:
    """Whether tab rows go on after line ``j`` (no blank line between), past at most ``most`` lines without a tab."""
    for k in range(j + 1, min(j + 1 + most, len(lines))):
        if lines[k].no != lines[k - 1].no + 1:
            return False
        if "\t" in lines[k].text:
            return True
    return False


# ---------------------------------------------------------------------- one cell per line
def _block(lines: list[Line], i: int) -> list[Line]:
    """The lines from ``i`` up to the next blank line (a gap in the line numbers)."""
    j = i + 1
    while j < len(lines) and lines[j].no == lines[j - 1].no + 1 and not lines[j].cells:
        j += 1
    return lines[i:j]


def _is_header_cell(text: str) -> bool:
    return len(_SPACES.sub("", text)) <= _HEADER_CELL_MAX and column_role(text) is not None


def _column_name(text: str, head: list[str]) -> bool:
    """Whether a line can name the next column of a header written one column per line (``head`` so far).

    Under a header opening with 序号, the first row's number ends the header: the short lines before it name
    columns even where they name no role (备注, 评分部门), so that the columns line up.
    """
    text = _SPACES.sub(" ", text).strip()
    if re.search(r"[:：]", text):
        return False
    if _is_header_cell(text):
        return True
    numbered = bool(head) and column_role(head[0]) == "number"
    return numbered and len(text) <= _HEADER_CELL_MAX and not re.search(r"[\d，,。；;、%]", text)


def _cell_per_line_table(
    lines: list[Line], i: int, table: int, warnings: list[Notice], raw=None
) -> tuple[list[Line], int] | None:
    head = []
    for j in range(i, len(lines)):  # the column names: short lines of header words, no blank line between
        if not _column_name(lines[j].text, [ln.text for ln in head]) or (head and lines[j].no != head[-1].no + 1) \
                or lines[j].cells:
            break
        head.append(lines[j])
    header = tuple(_SPACES.sub(" ", ln.text).strip() for ln in head)
    if len(header) < 3 or not header_roles(header):
        return None
    n, roles = len(header), header_roles(header)
    rows = [Line(head[0].no, " ".join(header), table=table, row=1, cells=header)]
    filled: set[int] = set()  # the columns a cell above has filled: a merged cell may stand over the rows below
    j = i + n
    pending = lines[j : j + len(_block(lines, j))] if j < len(lines) else []
    while pending:
        found = _row_of_block([ln.text for ln in pending], roles, filled)
        if found is None:
            if len(pending) > 1 and len(pending) < n:
                warnings.append(Notice(kind="cell-row-short", line=pending[0].no,
                                       values={"last": pending[-1].no, "cells": len(pending), "header": n}))
            break
        for cells, at in found:
            rows.append(Line(pending[at[0]].no, " ".join(cells), table=table, row=len(rows) + 1, cells=cells,
                             cell_lines=tuple(pending[a].no for a in at)))
            filled = set() if _section_row([c for c in cells if c], n) else filled | {k for k, c in enumerate(cells) if c}
        j += len(pending)
        pending = lines[j : j + len(_block(lines, j))] if j < len(lines) else []
    return rows, j


def _row_of_block(texts: list[str], roles: list[str | None], filled: set[int] = frozenset()
                  ) -> list[tuple[tuple[str, ...], tuple[int, ...]]] | None:
    """The rows a block of lines holds, each with the index (in the block) of the line each cell starts on: one
    section row, N cells, k×N cells without blank lines between rows, N cells of which one wrapped (a line opening
    with a bracket: 高新园 / (某某镇)), N cells whose task cell ran over several lines, or fewer cells under
    merged ones (:func:`place_cells`, among the columns ``filled`` above). None: not a row of this table."""
    n, task = len(roles), roles.index("task")
    texts = [_SPACES.sub(" ", t).strip() for t in texts]
    if len(texts) == 1:
        section = _section_row(texts, n)
        return [(section, (0,) * n)] if section else None
    if len(texts) % n == 0:
        return [(tuple(texts[k : k + n]), tuple(range(k, k + n))) for k in range(0, len(texts), n)]
    joined, starts = _join_wrapped(texts)
    if len(joined) == n:
        return [(tuple(joined), tuple(starts))]
    if len(texts) > n:
        extra = len(texts) - n
        joined = "".join(texts[task : task + extra + 1])
        at = tuple(range(task + 1)) + tuple(range(task + extra + 1, len(texts)))
        return [(tuple(texts[:task] + [joined] + texts[task + extra + 1 :]), at)]
    cells = place_cells(texts, roles, filled)
    if cells is None:
        return None
    found = iter(range(len(texts)))
    return [(cells, tuple(next(found) if c else 0 for c in cells))]


def _join_wrapped(texts: list[str]) -> tuple[list[str], list[int]]:
    """Lines joined where a cell wrapped before a bracket (高新园 / (某某镇)), with the index each cell starts at."""
    joined, starts = [], []
    for k, text in enumerate(texts):
        if joined and _WRAPPED.match(text) and not _SENTENCE.search(joined[-1][-1:]):
            joined[-1] += text
        else:
            joined.append(text)
            starts.append(k)
    return joined, starts


def _fit(cells: tuple[str, ...], n: int) -> tuple[str, ...]:
    if len(cells) > n and not any(cells[n:]):
        cells = cells[:n]
    return (cells + ("",) * n)[:n] if len(cells) <= n else cells


# ---------------------------------------------------------------------- one cell per paragraph
def _paragraph(lines: list[Line], j: int, single: bool = False) -> tuple[str, int, int]:
    """The paragraph at ``j``: its text (a wrapped cell's lines joined), its first line's number, where the next
    starts (``single``: every line is a paragraph of its own)."""
    block = lines[j : j + 1] if single else _block(lines, j)
    return "".join(_SPACES.sub(" ", ln.text).strip() for ln in block), block[0].no, j + len(block)


def _paragraph_header(lines: list[Line], i: int, single: bool = False) -> tuple[list[tuple[str, int]], int] | None:
    """The header of a table with one cell per paragraph: three or more one-line paragraphs that name columns.

    Under a header opening with 序号, the first row's number ends the header: the short paragraphs before it are
    column names even where they name no role (备注, 评分部门), so that the columns line up.
    """
    head, j = [], i
    while j < len(lines) and not lines[j].cells:
        text = _SPACES.sub(" ", lines[j].text).strip()
        if not _column_name(text, [t for t, _ in head]) or text.endswith(_TABLE_TITLE_END) \
                or not single and len(_block(lines, j)) != 1:
            break
        head.append((text, lines[j].no))
        j += 1
    if len(head) < 3 or not header_roles(tuple(t for t, _ in head)):
        return None
    return head, j


def _cell_per_paragraph_table(
    lines: list[Line], i: int, table: int, warnings: list[Notice], raw=None, single: bool = False
) -> tuple[list[Line], int] | None:
    found = _paragraph_header(lines, i, single)
    if found is None:
        return None
    head, j = found
    header = tuple(t for t, _ in head)
    roles = header_roles(header)
    rows = [Line(head[0][1], " ".join(header), table=table, row=1, cells=header)]
    paragraphs = []  # (text, line, index of the line after it)
    while j < len(lines) and not lines[j].cells:
        text, no, j = _paragraph(lines, j, single)
        paragraphs.append((text, no, j))
    end, filled = i + len(head), set()
    for chunk, last in _paragraph_rows(paragraphs, roles):
        if chunk is None:
            break
        if last:
            chunk = _last_row(chunk, roles, filled)
        found = _row_of_block([t for t, _no, _j in chunk], roles, filled)
        cut = None
        if found is None and chunk[-1][2] >= len(lines) and (cut := _cut_row([t for t, _no, _j in chunk], roles)):
            found = [(cut, tuple(range(len(chunk))) + (0,) * (len(roles) - len(chunk)))]
            warnings.append(Notice(kind="cell-row-cut-off", line=chunk[0][1],
                                   values={"last": chunk[-1][1], "cells": len(chunk), "header": len(roles)}))
        if found is None:  # the table ends: the row's cells could be read under the wrong columns
            warnings.append(Notice(kind="cell-row-short", line=chunk[0][1],
                                   values={"last": chunk[-1][1], "cells": len(chunk), "header": len(roles)}))
            break
        end = chunk[-1][2]
        for cells, at in found:
            filled = set() if _section_row([c for c in cells if c], len(roles)) else \
                filled | {k for k, c in enumerate(cells) if c}
            rows.append(Line(chunk[at[0]][1], " ".join(cells), table=table, row=len(rows) + 1, cells=cells,
                             cell_lines=tuple(chunk[a][1] for a in at),
                             merged=(False,) * len(cells) if cut else None))  # cut off: no cell merged from above
    if len(rows) == 1:
        return None  # a header and no row: a list of column words in prose, no table
    return rows, end


# ---------------------------------------------------------------------- one cell per line, each ending with a pipe
_PIPE_CELL = re.compile(r"^\s*([^|｜]*[^|｜\s])\s*[|｜]\s*$")  # 牵头单位 | : a cell and its column's bar
_PIPES = re.compile(r"^\s*(?:[|｜]\s*)+$")  # | or || alone: the end of a row (its empty cells)


def _pipe_line_table(
    lines: list[Line], i: int, table: int, warnings: list[Notice], raw=None
) -> tuple[list[Line], int] | None:
    """A web page's table copied as one cell per line, each cell followed by its column's bar (``序号 |``), a row's
    empty cells as bars alone (``||``): read as a table of one cell per paragraph whose rows follow the 序号
    numbers, the bars left out (a row short of cells is placed by what fits each column, else not read)."""
    if not _PIPE_CELL.match(lines[i].text):
        return None
    run, j = [], i
    while j < len(lines) and not lines[j].cells and (j == i or lines[j].no == lines[j - 1].no + 1):
        m = _PIPE_CELL.match(lines[j].text)
        if m is None and not _PIPES.match(lines[j].text):
            break
        run.append((j, Line(lines[j].no, m.group(1)) if m else None))
        j += 1
    cells = [line for _k, line in run if line is not None]
    if len(cells) < 6:
        return None
    found = _paragraph_header(cells, 0, single=True)
    if found is None:
        return None
    got = _cell_per_paragraph_table(cells, 0, table, warnings, single=True)
    if got is None:  # a header and no row read (a warning says why): its lines are the table's, read as none
        head = tuple(t for t, _ in found[0])
        return [Line(found[0][0][1], " ".join(head), table=table, row=1, cells=head)] + [
            lines[k] for k, _line in run[len(head):]], run[-1][0] + 1
    rows, used = got
    last = cells[used - 1].no if used else lines[i].no
    return rows, next(k for k, line in run if line is not None and line.no == last) + 1


def _section_row(texts: list[str], n: int) -> tuple[str, ...] | None:
    """A row of one numbered heading (一、优化营商环境): short; or long where it holds no sentence (一、主要经济指标、
    发改、财政等工作目标（牵头领导：…）, a heading that names its areas and who leads them)."""
    if len(texts) == 1 and SECTION_HEADING.match(texts[0]) and (
            len(texts[0]) <= _SECTION_MAX and not _SENTENCE.search(texts[0][-1:])
            or len(texts[0]) <= _LONG_SECTION_MAX and not _SENTENCE.search(texts[0])):
        return (texts[0],) + ("",) * (n - 1)
    return None


def _paragraph_rows(paragraphs: list[tuple[str, int, int]], roles: list[str | None]):
    """The paragraphs of each row in turn, and whether no row follows: by the numbers of a first 序号 column (the
    next number opens the next row), else N at a time; a section heading is a row of its own. ``(None, True)`` ends
    the table."""
    n, k, last = len(roles), 0, None
    numbered = roles[0] == "number"
    while k < len(paragraphs):
        if _section_row([paragraphs[k][0]], n):
            yield paragraphs[k : k + 1], False
            k += 1
            continue
        if not numbered:
            if len(paragraphs) - k < n:
                return
            yield paragraphs[k : k + n], len(paragraphs) - k < 2 * n
            k += n
            continue
        number = _number(paragraphs[k][0])
        if number is None or (last is not None and number != last + 1):
            yield None, True
            return
        end = _row_end(paragraphs, k, n, number)
        yield paragraphs[k:end], end >= len(paragraphs) or not _opens_row(paragraphs[end][0], number)
        k, last = end, number


def _row_end(paragraphs: list[tuple[str, int, int]], k: int, n: int, number: int) -> int:
    """Where the row numbered ``number`` that opens at ``k`` ends: at the next row's number (within 2N paragraphs:
    a cell written as several paragraphs), else after N paragraphs and the wrapped ends of its cells."""
    end = k + 1
    while end < len(paragraphs) and end - k < 2 * n and not _opens_row(paragraphs[end][0], number):
        end += 1
    if end < len(paragraphs) and _opens_row(paragraphs[end][0], number):
        return end
    end, cells = k + 1, 1
    while end < len(paragraphs) and (cells < n or _WRAPPED.match(paragraphs[end][0])):
        cells += not _WRAPPED.match(paragraphs[end][0])  # a cell wrapped before a bracket is no cell of its own
        end += 1
    return end


def _last_row(chunk: list, roles: list[str | None], filled: set[int]) -> list:
    """The last row of a table: N paragraphs, unless its cells fit their columns only without the paragraphs at its
    end (a row under merged cells, then the text after the table)."""
    texts = [t for t, _no, _j in chunk]
    joined = _join_wrapped(texts)[0]
    if len(joined) < len(roles) or (len(joined) == len(roles) and all(map(_fits, joined, roles))):
        return chunk
    for m in range(len(texts) - 1, max(len(roles) - _MERGED_MOST, 1), -1):
        if place_cells(texts[:m], roles, filled) is not None:
            return chunk[:m]
    return chunk


def _cut_row(texts: list[str], roles: list[str | None]) -> tuple[str, ...] | None:
    """The cells of a table's last row where the file ends inside it (a web page's excerpt cut off): its first
    columns, in order, each cell fitting its column, the task and one column a fact is read from among them (a
    name cut short, 区, fits no unit column); None otherwise.

    >>> _cut_row(["1", "建成口袋公园3个。", "区园林局"], ["number", "task", "responsible", "cooperating", "lead"])
    ('1', '建成口袋公园3个。', '区园林局', '', '')
    >>> _cut_row(["1", "建成口袋公园3个。", "区"], ["number", "task", "responsible", "cooperating", "lead"]) is None
    True
    """
    n = len(texts)
    if not 0 < n < len(roles) or "task" not in roles[:n] or not any(r in _FACT_ROLES and r != "task" for r in roles[:n]):
        return None
    if not all(_fits(t, r) for t, r in zip(texts, roles)):
        return None
    if len(texts[-1]) < (3 if roles[n - 1] in ("responsible", "cooperating") else 2):
        return None  # the cell the file ends in: a unit's name of a character or two is one cut short
    return tuple(texts) + ("",) * (len(roles) - n)


def _number(text: str) -> int | None:
    return int(re.sub(r"\D", "", text)) if _NUMBER.match(text.replace(" ", "")) else None


def _opens_row(text: str, number: int) -> bool:
    return _number(text) == number + 1 or bool(_section_row([text], 2))


# ---------------------------------------------------------------------- cells placed under their columns
def _fits(text: str, role: str | None) -> bool:
    """Whether ``text`` can be a cell of a column playing ``role``."""
    if role == "number":
        return bool(_NUMBER.match(text.replace(" ", "")))
    if text in ("—", "-", "/", "／", "无", "同上"):
        return role not in ("task",)
    if role in ("responsible", "cooperating"):
        units = [u for piece in re.split(r"[/／\s]+", text) for u in split_units(piece)]
        return bool(units) and not re.search(r"[。！!？?]", text) and not _NUMBER.match(text) and all(
            is_unit_like(u) or is_collective(u) or u.endswith(_UNIT_END) for u in units)
    if role == "lead":
        found = lead_mentions(text)
        return bool(found) and all(not m.post or m.name.endswith(_POST_END) for m in found)
    if role == "goal":
        return len(text) <= _SECTION_MAX and not _SENTENCE.search(text)
    if role == "deadline":
        return bool(_DATE_LIKE.search(text))
    if role == "progress":  # a progress cell says how far a task is: units alone are a unit column's cell
        return bool(text) and (bool(re.search(r"\d|%|％", text)) or not _fits(text, "responsible"))
    if role == "task":  # a task says what is done: a person's name or a unit alone is another column's cell
        return bool(text) and not looks_like_person(text) and not _fits(text, "responsible")
    return bool(text)


def place_cells(texts: list[str], roles: list[str | None], filled: set[int] | frozenset[int] | None = None
                ) -> tuple[str, ...] | None:
    """The cells of a row that holds fewer cells than its header has columns, each under its column; None if unsure.

    A table copied from a web page writes a merged cell once, in the first row it covers; the rows below lack it.
    The missing columns are those that leave every cell the row has fitting its column (a number under 序号,
    units under a unit column, people or posts under a lead column, a date under a deadline); when exactly one
    choice does, the missing cells are left empty (merged with the cell above); otherwise the row is not sure.
    With ``filled`` (the columns a row above has filled), only those may be missing: nothing merges into the
    first row of a table.

    Examples
    --------
    >>> roles = ["number", "task", "lead", "responsible", "deadline"]
    >>> place_cells(["2", "修缮古桥。", "区文旅局", "2025年底"], roles)
    ('2', '修缮古桥。', '', '区文旅局', '2025年底')
    >>> place_cells(["3", "种树。", "区林业局"], ["number", "task", "responsible", "cooperating"]) is None
    True
    """
    n = len(roles)
    if len(texts) == n:
        return tuple(texts)
    if len(texts) > n or not texts:
        return None
    first_task = roles.index("task") if "task" in roles else -1
    # a column may be missing under a merged cell above (one ``filled``), beside its like (主要任务 | 全年目标任务:
    # one cell across both), or at the row's end where no fact is read (备注: an empty cell a copy leaves out)
    free = [i for i, r in enumerate(roles) if r != "number" and i != first_task and (
        filled is None or i in filled or (i and r == roles[i - 1])
        or all(roles[k] not in _FACT_ROLES for k in range(i, n)))]
    choices = []
    for missing in combinations(free, n - len(texts)):
        slots = [i for i in range(n) if i not in missing]
        if all(_fits(t, roles[i]) for t, i in zip(texts, slots)):
            cells = [""] * n
            for t, i in zip(texts, slots):
                cells[i] = t
            choices.append(tuple(cells))
    # choices that differ only in columns no fact is read from (进展, 备注, 是否达序) are one for the facts
    facts = {tuple(c for c, role in zip(cells, roles) if role in _FACT_ROLES) for cells in choices}
    return choices[0] if choices and len(facts) == 1 else None


#: The readers of text tables, in the order they are tried: pipes, tabs, then (only from a line that is a header
#: cell) one cell per line and one cell per paragraph.
_READERS = (_pipe_table, _tab_table, _pipe_line_table, _cell_per_line_table, _cell_per_paragraph_table)
