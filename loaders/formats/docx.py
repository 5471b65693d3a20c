"""Word (.docx) → Source (python-docx's XML classes): paragraphs and tables in body order, tables as rows of cells.

A paragraph's line breaks make separate lines; the text of a text box anchored in it (a masthead) comes first,
as lines of its own (once: the fallback copy Word keeps for old readers is left out, as is tracked-deleted text); a paragraph of an automatically numbered list starts with
the number Word shows (一、 （一） 1.: :mod:`loaders.formats.docx_numbering`). A table row becomes one
:class:`~loaders.plan.source.Line` with ``table``, ``row`` and ``cells``, one cell per grid column.
Word stores a merged cell once: a cell spanning columns (``gridSpan``) fills its first column and
leaves ``""`` in the others; a cell spanning rows (``vMerge``) holds its text in the row it starts in
and ``""`` in the rows it covers below — the row it came from is where its text stands. Covered
slots are marked in the Line's ``merged``. Paragraphs
inside a cell are joined by a space (none after a full-width stop or comma). A two-column table of labels and
values (组长 | 张三 区长, 成员 | a member per paragraph) is a form, not a table: it is read as text, each
paragraph of a value its own line; so is a table no row of which has two filled cells (a masthead in a box, a
signature pushed right by an empty cell), each paragraph a line. A table holding tables lays the page out: its cells'
paragraphs and tables are read in order, the inner tables as tables. Line numbers run through the document.
"""

from __future__ import annotations

import io

from graphmodel.errors import PlanError

from ..limits import read_part
from ..plan.source import Source
from ._lines import LineBuilder, clean, join_paragraphs, label_table, text_table
from .docx_numbering import ListNumbers, with_number

__all__ = ["read_source"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DOCUMENT = "/officeDocument"


def _targets(z, rels: str, base: str, file: str) -> dict[str, str]:
    """The parts a relationships part names, by the last word of their type (officeDocument, styles, numbering)."""
    import posixpath

    from lxml import etree

    if rels not in z.namelist():
        return {}
    out = {}
    for rel in etree.fromstring(read_part(z, rels, file)).iter(_REL):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], path)
    return out


def _open(data: bytes, file: str) -> tuple:
    """The main document's body, and a function giving another part's root by its kind (numbering, styles).

    Only the parts needed are read (the body with python-docx's parser, so tables keep their grid properties;
    the others, when asked for, with lxml's): opening the whole package costs several times more than the text.
    """
    import posixpath
    import zipfile

    from docx.oxml.parser import parse_xml
    from lxml import etree

    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        main = _targets(z, "_rels/.rels", "", file).get(_DOCUMENT.strip("/"), "word/document.xml")
        folder, name = posixpath.split(main)
        parts = _targets(z, posixpath.join(folder, "_rels", name + ".rels"), folder, file)
        body = parse_xml(read_part(z, main, file)).find(_W + "body")
        if body is None:
            raise ValueError("no body")
    except PlanError:  # a part past the limit (loaders.limits): said as such, not as damage
        raise
    except Exception:  # zipfile, zlib and lxml each raise their own kinds for a damaged file
        raise PlanError(file, "不是有效的 Word 文件（.docx 已损坏或不完整）",
                        en="not a valid Word file (the .docx is damaged or incomplete)") from None

    def part(kind: str):
        try:
            return etree.fromstring(read_part(z, parts[kind], file)) if kind in parts else None
        except PlanError:
            raise
        except Exception:  # a damaged numbering or styles part: no list numbers, the text still reads
            return None

    return body, part


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Where a paragraph's text is not its own: a text box's (read as lines of their own), the fallback copy of a
# drawing (the same text again, for old readers), text moved away or deleted in tracked changes.
_NOT_OWN = frozenset((_W + "txbxContent", _MC + "Fallback", _W + "moveFrom", _W + "del"))


def _own(el, p) -> bool:
    """Whether ``el`` is the paragraph's own text, not a text box's, a fallback copy's or a tracked deletion's."""
    parent = el.getparent()
    while parent is not None and parent is not p:
        if parent.tag in _NOT_OWN:
            return False
        parent = parent.getparent()
    return True


def _paragraph_text(p) -> str:
    """A paragraph's own text; ``<w:br/>`` and ``<w:cr/>`` as line breaks, tabs as spaces."""
    parts: list[str] = []
    for el in p.iter(_W + "t", _W + "br", _W + "cr", _W + "tab"):
        if not _own(el, p):
            continue
        tag = el.tag
        if tag == _W + "t":
            parts.append(el.text or "")
        elif tag == _W + "tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _text_boxes(p) -> list:
    """The paragraphs of the text boxes anchored in paragraph ``p`` (a masthead in a box), each box once."""
    return [inner for box in p.iter(_W + "txbxContent") if _own(box, p) for inner in box.iterchildren(_W + "p")]


def _paragraph_lines(p, numbers: ListNumbers) -> list[str]:
    """The text of ``p``'s text boxes, then its own text after its list number (a line break starts a line)."""
    lines = [line for inner in _text_boxes(p) for line in _paragraph_lines(inner, numbers)]
    return lines + with_number(numbers.label(p), _paragraph_text(p)).split("\n")


def _cell_paragraphs(tc, numbers: ListNumbers) -> list[str]:
    """A cell's paragraphs (a line break inside one starts another) with their list numbers, cleaned, the empty
    ones left out."""
    return [t for p in tc.iter(_W + "p") if _own(p, tc) for part in _paragraph_lines(p, numbers)
            if (t := clean(part))]


def _grid_cells(tbl, numbers: ListNumbers) -> list[list[list[str] | None]]:
    """The table's rows, one cell per grid column, each its paragraphs; slots covered by a merged cell are None."""
    rows: list[list[list[str] | None]] = []
    for tr in tbl.tr_lst:
        row: list[list[str] | None] = [[] for _ in range(tr.grid_before or 0)]
        for tc in tr.tc_lst:
            continued = tc.vMerge == "continue"
            row.append(None if continued else _cell_paragraphs(tc, numbers))
            row.extend([None] * (tc.grid_span - 1))
        row.extend([] for _ in range(tr.grid_after or 0))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [[] for _ in range(width - len(r))] for r in rows]


def _grid_rows(cells: list[list[list[str] | None]]) -> list[list[str | None]]:
    """Cell texts: a cell's paragraphs joined (:func:`~loaders.formats._lines.join_paragraphs`), None kept."""
    return [[None if c is None else join_paragraphs(c) for c in row] for row in cells]


def _blocks(parent):
    """Paragraphs and tables in body order, looking inside content controls (``w:sdt``)."""
    for child in parent.iterchildren(_W + "p", _W + "tbl", _W + "sdt"):
        if child.tag == _W + "sdt":
            for content in child.iterchildren(_W + "sdtContent"):
                yield from _blocks(content)
        else:
            yield child


def read_source(data: bytes, file: str) -> Source:
    """Read a Word document's paragraphs into numbered lines and its tables into rows of cells.

    Parameters
    ----------
    data : bytes
        The .docx file's content.
    file : str
        The name the evidence will carry.

    Returns
    -------
    Source
        Lines in body order; table rows with ``table``, ``row`` and ``cells``.

    Raises
    ------
    PlanError
        If the file is not a readable .docx, or holds no text.
    """
    body, part = _open(data, file)
    reader = _Reader(file, ListNumbers(part))
    reader.read(body)
    return reader.out.source("docx", "Word 文件中没有文字", "the Word file holds no text")


class _Reader:
    """Reads blocks in order: paragraphs as text, tables as rows of cells (or as text where they only lay it out)."""

    def __init__(self, file: str, numbers: ListNumbers):
        self.out, self.numbers, self.tables = LineBuilder(file), numbers, 0

    def read(self, parent) -> None:
        for block in _blocks(parent):
            if block.tag == _W + "p":
                self.out.text("\n".join(_paragraph_lines(block, self.numbers)))
            elif block.find(f".//{_W}tbl") is not None:  # a table holding tables lays the page out
                for tc in block.iter(_W + "tc"):
                    if tc.getparent().getparent() is block:  # the cells of this table, not of the inner ones
                        self.read(tc)
            else:
                self.table(block)

    def table(self, tbl) -> None:
        grid = _grid_cells(tbl, self.numbers)
        if text_table(grid):  # a masthead in a box, a signature pushed right: text laid out
            self.out.lines_of(grid)
            return
        if label_table(grid):  # 组长 | 张三 区长: a form, read as text
            self.out.form(grid)
            return
        self.tables += 1
        for number, cells in enumerate(_grid_rows(grid), start=1):
            self.out.row(cells, self.tables, number)
