"""OpenDocument text (.odt: LibreOffice, WPS, Word's "ODF") → Source, read from ``content.xml`` with lxml.

Read as a Word file is read (:mod:`loaders.formats.docx`): paragraphs and headings in body order (a line break
inside one starts a new line; ``text:s`` is as many spaces as it says, a tab a space), each paragraph of a numbered
list after the number the office suite shows (一、 （一） 1.: the list style's ``style:num-format``, prefix and
suffix, counted per list as the suite counts them); a text box's paragraphs (a masthead) as lines of their own,
before the paragraph it is anchored in. Tracked changes are read as accepted: a deletion is kept apart from the text,
in ``text:tracked-changes``, and left out; an insertion is text. Footnotes and comments are not the paragraph's text
(a footnote mark would stick to a name: 李晓红1). A table row is one :class:`~loaders.plan.source.Line` with
``cells``; OpenDocument writes each slot a merged cell covers as ``table:covered-table-cell``, so a merged cell
holds its text in the row and column it starts in and its covered slots are marked ``merged``. A form of labels
and values, a table that only lays text out and a table holding tables are read as in a Word file.
"""

from __future__ import annotations

import io

from graphmodel.errors import PlanError

from ..plan.source import Source
from ._lines import LineBuilder, clean, join_paragraphs, label_table, text_table
from .docx_numbering import format_number, with_number

__all__ = ["read_source"]

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_XML = "{http://www.w3.org/XML/1998/namespace}"

# Inside a paragraph, what is not its text: notes (a footnote's mark and body), comments, a change's marker, the
# frames of text boxes and pictures (their paragraphs are read as lines of their own).
_NOT_TEXT = frozenset((_TEXT + "note", _OFFICE + "annotation", _OFFICE + "annotation-end", _TEXT + "change",
                       _DRAW + "frame", _DRAW + "custom-shape", _DRAW + "rect", _TEXT + "bookmark-ref"))
# ODF's number formats (style:num-format, by its first character) as Word's names (docx_numbering.format_number).
_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman",
            "一": "chineseCounting", "壹": "chineseLegalSimplified", "①": "decimalEnclosedCircle",
            "甲": "ideographTraditional", "１": "decimalFullWidth"}


def _open(data: bytes, file: str):
    """The document's ``office:text`` element, and the number format of each level of its list styles (from
    content.xml and styles.xml) by the style's name."""
    import zipfile

    from lxml import etree

    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        content = etree.fromstring(z.read("content.xml"))
        styles = etree.fromstring(z.read("styles.xml")) if "styles.xml" in z.namelist() else None
        body = content.find(f"{_OFFICE}body/{_OFFICE}text")
        if body is None:
            raise ValueError("no text body")
    except Exception:  # zipfile, zlib and lxml each raise their own kinds for a damaged file
        raise PlanError(file, "不是有效的 OpenDocument 文件（.odt 已损坏或不完整）",
                        en="not a valid OpenDocument file (the .odt is damaged or incomplete)") from None
    lists: dict[str, dict[int, tuple[str, str, str, int, int]]] = {}
    for root in (styles, content):
        if root is None:
            continue
        for style in root.iter(_TEXT + "list-style"):
            levels = {}
            for level in style.iterchildren(_TEXT + "list-level-style-number"):
                levels[int(level.get(_TEXT + "level", "1"))] = (
                    level.get(_STYLE + "num-format", ""), level.get(_STYLE + "num-prefix", ""),
                    level.get(_STYLE + "num-suffix", ""), int(level.get(_TEXT + "display-levels", "1")),
                    int(level.get(_TEXT + "start-value", "1")))
            lists[style.get(_STYLE + "name", "")] = levels
    return body, lists


def _text(el, out: list[str]) -> None:
    """Append the text of ``el``'s content (not its tail): spaces, tabs and line breaks as the suite shows them."""
    if el.text:
        out.append(el.text)
    for child in el:
        tag = child.tag
        if tag == _TEXT + "s":
            out.append(" " * int(child.get(_TEXT + "c", "1")))
        elif tag == _TEXT + "tab":
            out.append(" ")
        elif tag == _TEXT + "line-break":
            out.append("\n")
        elif tag not in _NOT_TEXT:
            _text(child, out)
        if child.tail:
            out.append(child.tail)


def _boxes(p) -> list:
    """The paragraphs (and tables) of the text boxes anchored in paragraph ``p``, in order."""
    out = []
    for box in p.iter(_DRAW + "text-box"):
        out.extend(box.iterchildren(_TEXT + "p", _TEXT + "h", _TEXT + "list", _TABLE + "table"))
    return out


class _Numbers:
    """The numbers a list's paragraphs show, counted as the office suite counts them."""

    def __init__(self, lists: dict):
        self.lists = lists
        self.counts: dict[str, list[int]] = {}  # per list style, the count at each level (1-based, index level-1)
        self.by_id: dict[str, str] = {}

    def start(self, element, style: str | None) -> str | None:
        """A top-level ``text:list`` begins: its style (inherited from the list it continues); counts restart
        unless it says it continues."""
        style = style or self.by_id.get(element.get(_TEXT + "continue-list", ""))
        if element.get(_XML + "id") and style:
            self.by_id[element.get(_XML + "id")] = style
        if style and element.get(_TEXT + "continue-numbering") != "true" and not element.get(_TEXT + "continue-list"):
            self.counts.pop(style, None)
        return style

    def label(self, style: str | None, level: int, start: str | None) -> str:
        levels = self.lists.get(style or "", {})
        if level not in levels or not levels[level][0]:
            return ""  # a bulleted list, or a level without numbers
        fmt, prefix, suffix, shown, first = levels[level]
        counts = self.counts.setdefault(style, [])
        while len(counts) < level:
            counts.append(levels.get(len(counts) + 1, ("", "", "", 1, 1))[4] - 1)
        del counts[level:]
        counts[level - 1] = int(start) if start else counts[level - 1] + 1
        parts = [format_number(counts[k], _FORMATS.get(levels.get(k + 1, (fmt,))[0][:1], "decimal"))
                 for k in range(max(0, level - shown), level)]
        return prefix + ".".join(parts) + suffix


class _Reader:
    """Reads the body in order: paragraphs as text, tables as rows of cells (or as text where they lay it out)."""

    def __init__(self, file: str, numbers: _Numbers):
        self.out, self.numbers, self.tables = LineBuilder(file), numbers, 0

    def lines(self, p, label: str = "") -> list[str]:
        """The lines of paragraph ``p``: its text boxes' first, then its own text after its list number."""
        out = [line for inner in _boxes(p) for line in self.block_lines(inner)]
        parts: list[str] = []
        _text(p, parts)
        return out + with_number(label, "".join(parts)).split("\n")

    def block_lines(self, block) -> list[str]:
        """A text box's block as lines (a table inside a box: its cells' paragraphs)."""
        if block.tag == _TABLE + "table":
            return [line for p in block.iter(_TEXT + "p", _TEXT + "h") for line in self.lines(p)]
        if block.tag == _TEXT + "list":
            return [line for p in block.iter(_TEXT + "p", _TEXT + "h") for line in self.lines(p)]
        return self.lines(block)

    def read(self, parent) -> None:
        for block in parent:
            tag = block.tag
            if tag in (_TEXT + "p", _TEXT + "h"):
                self.out.text("\n".join(self.lines(block)))
            elif tag == _TEXT + "list":
                self.list(block, self.numbers.start(block, block.get(_TEXT + "style-name")), 1)
            elif tag == _TABLE + "table":
                self.table(block)
            elif tag in (_TEXT + "section", _TABLE + "table-header-rows"):
                self.read(block)

    def list(self, element, style: str | None, level: int) -> None:
        for item in element.iterchildren(_TEXT + "list-item", _TEXT + "list-header"):
            label_pending = item.tag == _TEXT + "list-item"
            start = item.get(_TEXT + "start-value")
            for child in item:
                if child.tag in (_TEXT + "p", _TEXT + "h"):
                    label = self.numbers.label(style, level, start) if label_pending else ""
                    label_pending = False
                    self.out.text("\n".join(self.lines(child, label)))
                elif child.tag == _TEXT + "list":
                    self.list(child, child.get(_TEXT + "style-name") or style, level + 1)
                elif child.tag == _TABLE + "table":
                    self.table(child)

    def table(self, table) -> None:
        if table.find(f".//{_TABLE}table-cell/{_TABLE}table") is not None:  # a table holding tables: layout
            for cell in _cells_in_order(table):
                self.read(cell)
            return
        grid = self.grid(table)
        if text_table(grid):
            self.out.lines_of(grid)
            return
        if label_table(grid):
            self.out.form(grid)
            return
        self.tables += 1
        for number, row in enumerate(grid, start=1):
            self.out.row([None if c is None else join_paragraphs(c) for c in row], self.tables, number)

    def grid(self, table) -> list[list[list[str] | None]]:
        """The table's rows, one slot per column, each its paragraphs; a slot a merged cell covers is None."""
        rows: list[list[list[str] | None]] = []
        for tr in _rows(table):
            row: list[list[str] | None] = []
            for tc in tr.iterchildren(_TABLE + "table-cell", _TABLE + "covered-table-cell"):
                repeat = min(int(tc.get(_TABLE + "number-columns-repeated", "1")), 64)
                for _ in range(repeat):
                    if tc.tag == _TABLE + "covered-table-cell":
                        row.append(None)
                    else:
                        row.append([t for p in tc.iter(_TEXT + "p", _TEXT + "h") for part in self.lines(p)
                                    if (t := clean(part))])
            rows.append(row)
        while rows and all(not cell for cell in rows[-1]):  # trailing empty rows the suite repeats to the end
            rows.pop()
        width = max((len(r) for r in rows), default=0)
        rows = [r + [[] for _ in range(width - len(r))] for r in rows]
        while width and all(row[width - 1] == [] for row in rows):  # empty columns repeated to the sheet's edge
            width -= 1
            rows = [r[:width] for r in rows]
        return rows


def _rows(table):
    """A table's rows in order, through header rows, row groups and repeated rows."""
    for child in table:
        if child.tag == _TABLE + "table-row":
            for _ in range(min(int(child.get(_TABLE + "number-rows-repeated", "1")), 1000)):
                yield child
        elif child.tag in (_TABLE + "table-header-rows", _TABLE + "table-rows", _TABLE + "table-row-group"):
            yield from _rows(child)


def _cells_in_order(table):
    for tr in _rows(table):
        yield from tr.iterchildren(_TABLE + "table-cell")


def read_source(data: bytes, file: str) -> Source:
    """Read an OpenDocument text's paragraphs into numbered lines and its tables into rows of cells.

    Parameters
    ----------
    data : bytes
        The .odt file's content.
    file : str
        The name the evidence will carry.

    Returns
    -------
    Source
        Lines in body order; table rows with ``table``, ``row`` and ``cells``.

    Raises
    ------
    PlanError
        If the file is not a readable .odt, or holds no text.
    """
    body, lists = _open(data, file)
    reader = _Reader(file, _Numbers(lists))
    reader.read(body)
    return reader.out.source("odt", "OpenDocument 文件中没有文字", "the OpenDocument file holds no text")
