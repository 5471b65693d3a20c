"""Shared by the format readers: numbering lines through a document, cleaning cell text."""

from __future__ import annotations

import re

from graphmodel.errors import PlanError

from ..plan.columns import column_role
from ..plan.source import Line, Source

__all__ = ["LineBuilder", "clean", "join_cell_lines", "join_paragraphs", "join_wrapped", "label_table", "text_table"]

_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u200b\u3000]+")
# A character after which (or before which) a wrapped line continues without a space: CJK and full-width.
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201d\u2026\u2014]")


def clean(text: str) -> str:
    """One line's text: padding spaces (NBSP, ideographic, tabs) as one space, stripped.

    Examples
    --------
    >>> clean("\\u3000组\\u00a0长：\\t张三 ")
    '组 长： 张三'
    """
    return _SPACES.sub(" ", text).strip()


def join_wrapped(parts: list[str] | tuple[str, ...]) -> str:
    """Join the printed lines of one cell: no space where the break falls between wide (CJK) characters.

    Examples
    --------
    >>> join_wrapped(["社区管理", "办、服务办"])
    '社区管理办、服务办'
    >>> join_wrapped(["Task force", "B", "第3", "组"])
    'Task force B第3组'
    """
    out = ""
    for part in (clean(p) for p in parts):
        if not part:
            continue
        if out and not (_WIDE.match(out[-1]) or _WIDE.match(part[0])):
            out += " "
        out += part
    return out


# Characters a line may not start with: a wrap moves the character before them down too.
_NO_START = "，。、；：！？）》」』】〕”’〉,.;:!?)%"
_END_PUNCT = re.compile(r"[。；;，,、：:！!？?]$")
_ASCII_RUN = re.compile(r"[A-Za-z0-9.%\-]")


def join_cell_lines(lines: list[list[dict]], left: float, right: float, texts: list[str] | None = None, *,
                    drawn: bool = True) -> str:
    """The text of a table cell printed on several lines (``lines``: each a list of pdfplumber characters, left to
    right, top to bottom; ``left``/``right``: the cell's edges): a line that ends where the next line's first
    word would still have fitted was broken on purpose (two names on two lines: 汪晓晨 / 邹宇轩), the others
    wrapped (区市场监督 / 管理局). Wrapped lines join as :func:`join_wrapped` joins them; a break on purpose is
    a space (nothing after a punctuation mark), which the cell readers split names on. ``texts``: each line's
    text as read (with its spaces), if not the characters' own. ``drawn`` False: the cell's edges are not drawn,
    ``left`` and ``right`` are where the text of the columns beside it ends and starts (two paddings away).

    Examples
    --------
    >>> def line(text, x0, w=9.0):
    ...     return [{"text": ch, "x0": x0 + k * w, "x1": x0 + (k + 1) * w} for k, ch in enumerate(text)]
    >>> join_cell_lines([line("汪晓晨", 106), line("邹宇轩", 106)], 100, 160)
    '汪晓晨 邹宇轩'
    >>> join_cell_lines([line("区市场监", 106), line("督管理局", 106)], 100, 148)
    '区市场监督管理局'
    """
    texts = texts if texts is not None and len(texts) == len(lines) else ["".join(c["text"] for c in ln) for ln in lines]
    lines = [[c for c in line if c["text"].strip()] or line for line in lines]  # where ink stands
    if len(lines) < 2:
        return join_wrapped(texts)
    size = sorted(c["x1"] - c["x0"] for line in lines for c in line)[len([c for ln in lines for c in ln]) // 2]
    pad = min(min(line[0]["x0"] for line in lines) - left, 0.8 * size)
    room = right - left - 2 * max(pad, 0.0) if drawn else right - left + 1.0
    groups: list[list[str]] = [[]]
    for k, line in enumerate(lines):
        groups[-1].append(texts[k])
        if k + 1 == len(lines):
            break
        after = lines[k + 1]
        word = 1
        if _ASCII_RUN.match(after[0]["text"]):
            while word < len(after) and _ASCII_RUN.match(after[word]["text"]):
                word += 1
        while word < len(after) and after[word]["text"] in _NO_START:
            word += 1
        needed = after[word - 1]["x1"] - after[0]["x0"]
        if line[-1]["x1"] - line[0]["x0"] + needed <= room - 1.0:
            groups.append([])  # the next word would have fitted: a line broken on purpose
    out = ""
    for group in groups:
        text = join_wrapped(group)
        if out and text:
            out += "" if _END_PUNCT.search(out) else " "
        out += text
    return out


_CLOSING = re.compile(r"[，。；：、！？）》」』”,;:]$")
_LABEL_CELL = re.compile(r"^[\u4e00-\u9fff]{1,6}[:：]?$")


def join_paragraphs(parts: list[str]) -> str:
    """A cell's paragraphs as one text: a space between them, none after a full-width stop or comma.

    Examples
    --------
    >>> join_paragraphs(["区征收中心", "相关街道"]), join_paragraphs(["建设口袋公园5座，", "打造街区休憩节点。"])
    ('区征收中心 相关街道', '建设口袋公园5座，打造街区休憩节点。')
    """
    out = ""
    for part in filter(None, (clean(p) for p in parts)):
        out += (" " if out and not _CLOSING.search(out) else "") + part
    return out


def label_table(rows: list[list[list[str] | None]]) -> bool:
    """Whether a table is a form of labels and values (组长 | 张三 区长; 成员 | one member per paragraph).

    ``rows`` holds each cell's paragraphs (None for a slot a merged cell covers). Two columns, every
    label a short word (at most six Han characters, a colon allowed), at least two rows: such a table
    is read as text, a row as "label value" and each further paragraph of the value as a line of its own.

    Examples
    --------
    >>> label_table([[["组长"], ["张三 区长"]], [["成  员"], ["区财政局主要负责人", "各镇镇长"]]])
    True
    >>> label_table([[["序号"], ["任务"]], [["1"], ["修路"]]]), label_table([[["工作任务"], ["配合单位"]], [["修路"], ["城管科"]]])
    (False, False)
    """
    if len(rows) < 2 or any(len(row) != 2 for row in rows):
        return False
    labels = [row[0] for row in rows]
    if not all(cell is None or _LABEL_CELL.match("".join("".join(cell).split())) for cell in labels):
        return False
    if any(cell and column_role(" ".join(cell)) for cell in rows[0]):
        return False
    return any(row[1] for row in rows)


def text_table(rows: list[list[list[str] | None]]) -> bool:
    """Whether a table only lays text out: no row has two filled cells (one column, a masthead in a box, a signature
    pushed right by an empty cell). Such a table is read as text, each line of its cells a line.

    Examples
    --------
    >>> text_table([[[], ["临湖区人民政府办公室", "2024年6月3日"]]]), text_table([[["序号"], ["任务"]]])
    (True, False)
    """
    return all(sum(1 for cell in row if cell) <= 1 for row in rows)


class LineBuilder:
    """Numbers the lines of a document as they are read, 1-based through the whole document."""

    def __init__(self, file: str):
        self.file = file
        self.lines: list[Line] = []

    def text(self, text: str, page: int | None = None, *, box: tuple[int, int, int, int] | None = None,
             confidence: float | None = None, unsure: bool = False) -> None:
        """Add a block of text: each of its non-blank lines becomes a Line (``box``, ``confidence``: read by OCR;
        ``unsure``: read unsurely, no fact stands on it)."""
        for raw in text.splitlines():
            if stripped := clean(raw.lstrip("\ufeff")):
                self.lines.append(Line(len(self.lines) + 1, stripped, page, box=box, confidence=confidence,
                                       unsure=unsure))

    def lines_of(self, rows: list[list[list[str] | None]], page: int | None = None) -> None:
        """Add a table that only lays text out (see :func:`text_table`): each line of its cells a line."""
        for row in rows:
            for cell in row:
                for line in cell or []:
                    self.text(line, page)

    def form(self, rows: list[list[list[str] | None]], page: int | None = None) -> None:
        """Add a table of labels and values (see :func:`label_table`) as text lines."""
        for label, value in rows:
            value = [p for p in (value or []) if clean(p)]
            head = join_paragraphs(label or [])
            first = value[0] if value else ""
            self.text(f"{head} {first}".strip(), page)
            for paragraph in value[1:]:
                self.text(paragraph, page)

    def row(self, cells: list[str | None], table: int, row: int, page: int | None = None, *,
            drawn: bool = True, box: tuple[int, int, int, int] | None = None, confidence: float | None = None,
            unsure: tuple[int, ...] = ()) -> bool:
        """Add one table row; its text is the non-empty cells joined by a space. False if the row is empty.

        A cell ``None`` is a slot covered by a merged cell from a row above or a column to the left:
        ``""`` in ``cells``, True in ``merged``. ``drawn`` False: the table does not draw its cells, so a
        merged slot is not told from an empty cell (``merged`` is ``None``).
        """
        merged = tuple(c is None for c in cells) if drawn else None
        texts = tuple(clean(c) if c is not None else "" for c in cells)
        text = " ".join(c for c in texts if c)
        if not text:
            return False
        self.lines.append(Line(len(self.lines) + 1, text, page, table, row, texts, merged, box=box,
                               confidence=confidence, unsure_cells=unsure))
        return True

    def source(self, encoding: str, empty: str, empty_en: str, notices=()) -> Source:
        """The Source read so far; ``empty`` (zh) / ``empty_en`` is the error when it holds no line."""
        if not self.lines:
            raise PlanError(self.file, empty, en=empty_en)
        return Source(self.file, encoding, tuple(self.lines), notices=tuple(notices))
