"""PDF → Source: text in reading order, tables found by their ruling lines read as rows of cells.

Text struck through (a rule through the middle of its characters: a tracked deletion as printed, 删除线) is left
out, a notice (``pdf-struck-through``) naming it; footnote and 注 marks (smaller, raised) are left off the word
they follow (:func:`._pdf_text.legible`).

Each page is read top to bottom. A table is what ``page.find_tables()`` finds from the drawn
ruling lines and the cells they enclose, so a cell's text is the characters inside that cell (a cell
the grid leaves open over an edge drawn in other rows, where the text leaves that edge white, is the
cells the edge divides); a table with horizontal rules only is read by :mod:`._pdf_unruled` where its
columns and rows are sure, else its lines stay text and a notice (``Source.notices``) names the page. A table row becomes one :class:`~loaders.plan.source.Line`
with ``cells``, ``page``, ``table`` and ``row``; a slot covered by a merged cell (a cell that spans
rows or columns) is ``""`` in the rows below or columns after the one it starts in, and marked
``merged``, so a reader finds the value in the row the merged cell came from; a cell drawn empty is
``""`` and not merged. Text outside tables becomes Lines with
``page``. Page furniture is left out: running headers and footers (the same text at the same height
at the top or bottom edge of two pages or more, a number in it may run with the pages) and page numbers.
Line numbers run through the whole document. A table that ends a page and goes on at
the top of the next one (same columns; nothing but furniture between) keeps its number, its rows numbered on; a header row
repeated on the new page is left out, and a merged cell the page break cut (covering the last row
of the page) goes on in the new page's first row, whose cell it leaves drawn empty: that slot is
marked ``merged`` too.
"""

from __future__ import annotations

import bisect
import io
import logging
import operator
import queue
import re
import threading

from dataclasses import dataclass

from graphmodel.errors import PlanError
from graphmodel.model import Notice

from ..plan.source import Source

from ._lines import LineBuilder, clean, join_cell_lines, join_wrapped
from ._pdf_text import cell_text, find_tables, legible, map_text, text_lines
from ._pdf_unruled import Unruled, Unsure, continued_table, unruled_tables
from . import _ocr as ocr
from ._pdfium import PDFIUM, open_pdf, read_page

__all__ = ["read_source"]

# Column edges of two table parts agree within this many points when one continues the other.
_EDGE_TOLERANCE = 3.0
_UNRULED_TOLERANCE = 40.0
# A page number line: — 3 —, -3-, 3, 第3页 共8页, 第 3 页／共 8 页, 3/8, 共8页 第3页.
_PAGE_NUMBER = re.compile(r"^[-—–－]*\s*\d{1,4}\s*[-—–－]*$|^第\s*\d+\s*页\s*[,，/／]?\s*(共\s*\d+\s*页)?$"
                          r"|^\d{1,4}\s*[/／]\s*\d{1,4}$|^共\s*\d+\s*页\s*[,，/／]?\s*第\s*\d+\s*页$")
# What a page number line says besides its numbers: — 3 —, 第3页 共8页, 3/8, Page 3 of 8.
_PAGE_WORDS = re.compile(r"^(?:[-—–－_·.,，/／|第页共]|Page|page|of|\d)+$")
# The top and bottom of a page where running headers and page numbers stand (a share of its height).
_MARGIN = 0.12
# A running header or footer stands at the same height on every page (within this many points).
_SAME_HEIGHT = 3.0


_ENCRYPTED = ("PDF 已加密，需要密码才能打开；请先解密（或另存为未加密的 PDF）",
              "the PDF is encrypted and needs a password; decrypt it (or save an unencrypted copy) first")


def _open(data: bytes, file: str):
    import pypdfium2
    import pypdfium2.raw as raw

    try:
        return open_pdf(data)
    except pypdfium2.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise PlanError(file, _ENCRYPTED[0], en=_ENCRYPTED[1]) from None
        raise PlanError(file, "不是有效的 PDF 文件（已损坏或不完整）",
                        en="not a valid PDF file (damaged or incomplete)") from None


class _Pdfminer:
    """The pages PDFium cannot place all the text of (a font neither embedded nor installed), read by pdfminer
    (under pdfplumber) as before: opened on the first such page."""

    def __init__(self, data: bytes, file: str):
        self.data, self.file, self.pdf = data, file, None

    def page(self, index: int):
        if self.pdf is None:
            import pdfplumber

            self.quiet = logging.getLogger("pdfminer")
            self.level, self.quiet.level = self.quiet.level, logging.ERROR  # a damaged font prints no warnings
            self.pdf = pdfplumber.open(io.BytesIO(self.data))
        return self.pdf.pages[index]

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()
            self.quiet.level = self.level


def _columns(table) -> tuple[float, ...]:
    """The x of each column's left edge (from the cells of the table's first full row)."""
    edges = sorted({round(c[0], 1) for c in table.cells})
    return tuple(edges)


def _same_columns(a: "_Table", b: tuple[float, ...]) -> bool:
    """The columns of a table part are those of the table before it: the same edges (for a table without vertical
    rules, whose edges stand where its text leaves room, the same number of columns at about the same place)."""
    tolerance = _EDGE_TOLERANCE if a.edges_sure else _UNRULED_TOLERANCE
    return len(a.columns) == len(b) and all(abs(x - y) <= tolerance for x, y in zip(a.columns, b))


@dataclass
class _Table:
    """A table as drawn: its columns' left edges, its rows of cell texts (``None``: covered by a merged cell);
    ``ruled``: its cells are drawn (else a merged cell is not told from an empty one)."""

    columns: tuple[float, ...]
    rows: list[list[str | None]]
    ruled: bool = True
    edges_sure: bool = True  # False: no vertical rules, the columns' edges stand where the text leaves room
    right: float = 0.0  # a table without vertical rules: where its rules end on the right
    header: tuple | None = None  # … and its header row (that of its first part)
    ocr: tuple | None = None  # read by OCR: each row's box (pixels), lowest confidence, cells read unsurely

@dataclass
class _Page:
    """What a page holds, in reading order: text lines (top, 0, line), tables (top, 1, table), tables found and
    not read (top, 2, Unsure); and what a table without vertical rules is found from: rules and characters."""

    number: int
    height: float
    width: float
    items: list[tuple[float, int, object]]
    rules: list[dict]
    chars: list[dict]
    struck: list[tuple[float, str]] = ()  # text struck through (top, text): left out, a warning each


class _Chars:
    """A page's characters, found by where they stand: by their middle (as a table's cell holds them) or by any
    overlap with a box; both in the page's order, as pdfplumber's ``filter`` and ``crop`` give them, without a
    pass over the whole page per cell."""

    def __init__(self, chars: list[dict]):
        self.chars = chars
        self.midx = [(c["x0"] + c["x1"]) / 2 for c in chars]
        self.midy = midy = [(c["top"] + c["bottom"]) / 2 for c in chars]
        self.order = sorted(range(len(chars)), key=midy.__getitem__)
        self.mids = [midy[k] for k in self.order]
        self.height = max((c["bottom"] - c["top"] for c in chars), default=0.0)

    def _rows(self, lo: float, hi: float) -> list[int]:
        return self.order[bisect.bisect_left(self.mids, lo):bisect.bisect_left(self.mids, hi)]

    def inside(self, box) -> list[int]:
        """The characters (by index, in page order) whose middle stands inside ``box`` (x0, top, x1, bottom)."""
        x0, x1, midx = box[0], box[2], self.midx
        return [k for k in sorted(self._rows(box[1], box[3])) if x0 <= midx[k] < x1]

    def within(self, box) -> list[dict]:
        """The characters whose middle stands inside ``box`` (x0, top, x1, bottom)."""
        chars = self.chars
        return [chars[k] for k in self.inside(box)]

    def outside(self, boxes: list, margin: float) -> list[dict]:
        """The characters, in page order, whose middle stands in none of ``boxes`` widened by ``margin``."""
        covered: set[int] = set()
        midx, order, mids = self.midx, self.order, self.mids
        for x0, top, x1, bottom in boxes:
            x0, top, x1, bottom = x0 - margin, top - margin, x1 + margin, bottom + margin
            covered.update(k for k in order[bisect.bisect_left(mids, top):bisect.bisect_right(mids, bottom)]
                           if x0 <= midx[k] <= x1)
        return [c for k, c in enumerate(self.chars) if k not in covered] if covered else self.chars

    def touching(self, box) -> list[dict]:
        """The characters whose box meets ``box`` (as pdfplumber's ``crop`` keeps them)."""
        half = self.height / 2 + 1
        found = []
        for k in sorted(self._rows(box[1] - half, box[3] + half)):
            c = self.chars[k]
            width, height = min(c["x1"], box[2]) - max(c["x0"], box[0]), min(c["bottom"], box[3]) - max(c["top"], box[1])
            if width >= 0 and height >= 0 and width + height > 0:
                found.append(c)
        return found


def _text_within(chars: _Chars, box) -> str:
    """The text of the characters whose middle stands inside ``box`` (as a table's cell holds them)."""
    inside = chars.within(box)
    return map_text(inside)


def _row_cells(row, chars: _Chars) -> list[list[dict] | None]:
    """Each cell's characters (those whose middle stands inside it, in page order; None: covered by a merged
    cell): the row's characters are handed out by their middle's x among the cells' left edges, as the cells of
    a row stand side by side (else each cell takes its own from them, as pdfplumber's ``Table.extract``)."""
    inside = chars.inside(row.bbox)
    every, midx, midy = chars.chars, chars.midx, chars.midy
    cells = row.cells
    placed = sorted((cell[0], cell[2], k) for k, cell in enumerate(cells) if cell is not None)
    out: list[list[dict] | None] = [None if cell is None else [] for cell in cells]
    if any(x1 > next_x0 for (_x0, x1, _k), (next_x0, _x1, _j) in zip(placed, placed[1:])):
        for k, cell in enumerate(cells):
            if cell is not None:
                out[k] = [every[i] for i in inside if cell[0] <= midx[i] < cell[2] and cell[1] <= midy[i] < cell[3]]
        return out
    lefts = [x0 for x0, _x1, _k in placed]
    for i in inside:
        x = midx[i]
        j = bisect.bisect_right(lefts, x) - 1
        if j < 0:
            continue
        k = placed[j][2]
        cell = cells[k]
        if x < cell[2] and cell[1] <= midy[i] < cell[3]:
            out[k].append(every[i])
    return out


_TOP_X0, _X0 = operator.itemgetter("top", "x0"), operator.itemgetter("x0")


def _cell_text(inside: list[dict], box, texts: list[str]) -> str | None:
    """A cell's text (``inside``: its characters; ``texts``: its lines as pdfplumber reads them), its lines joined
    by how they were broken (:func:`join_cell_lines`); None if its characters do not fall into as many lines."""
    inside = [c for c in inside if c["text"].strip()]
    lines: list[list[dict]] = []
    first = 0.0  # the top of the line's first character
    for c in sorted(inside, key=_TOP_X0):
        top = c["top"]
        if lines and abs(first - top) < 1.5:
            lines[-1].append(c)
        else:
            lines.append([c])
            first = top
    texts = [t for t in texts if t.strip()]
    if len(lines) != len(texts):
        return None
    return join_cell_lines([sorted(line, key=_X0) for line in lines], box[0], box[2], texts)


def _extract(chars: _Chars, table) -> list[list[str | None]]:
    """The table's rows of cell texts (``None``: covered by a merged cell). A cell that spans a column edge drawn
    in other rows, whose text leaves that edge white (a rule segment missing from the grid, not a merged cell),
    is read as the cells the edge divides it into."""
    table_rows = table.rows  # pdfplumber finds them anew at each look
    held = [_row_cells(row, chars) for row in table_rows]
    # as pdfplumber's ``Table.extract`` reads them; a cell of several lines: wrapped, or broken on purpose?
    rows: list[list[str | None]] = []
    for row, inside in zip(table_rows, held):
        texts: list[str | None] = []
        for box, found in zip(row.cells, inside):
            text = None if found is None else cell_text(found)
            if text and "\n" in text:
                text = _cell_text(found, box, text.split("\n")) or text
            texts.append(text)
        rows.append(texts)
    edges = _columns(table)
    for r, row in enumerate(table_rows):
        for k, box in enumerate(row.cells):
            inner = [e for e in edges if box is not None and box[0] + _EDGE_TOLERANCE < e < box[2] - _EDGE_TOLERANCE]
            if not inner:
                continue
            ink = [c for c in chars.touching(box) if c["text"].strip()]
            if any(c["x0"] < e - 2 and c["x1"] > e + 2 for c in ink for e in inner):
                continue  # text across the edge: a merged cell
            bounds = [box[0], *inner, box[2]]
            for j, (x0, x1) in enumerate(zip(bounds, bounds[1:])):
                if k + j < len(rows[r]):
                    rows[r][k + j] = _text_within(chars, (x0, box[1], x1, box[3]))
    return rows


def _drawn_edges(page) -> tuple[list[dict], list[dict], dict]:
    """The page's horizontal and vertical edges, and the settings that make ``find_tables()`` use them.

    On a page turned by ``/Rotate``, pdfplumber's edges carry rounding noise (a horizontal line's top and bottom
    a trillionth apart), so it takes them for vertical and finds no table: they are told by their extent here."""
    if not page.rotation:
        return page.horizontal_edges, page.vertical_edges, {}
    horizontal, vertical = [], []
    for edge in page.edges:
        flat = abs(edge["bottom"] - edge["top"]) < 0.01
        if flat or abs(edge["x1"] - edge["x0"]) < 0.01:
            edge = dict(edge, orientation="h" if flat else "v")
            if flat:
                edge["top"] = edge["bottom"] = round(edge["top"], 3)
            else:
                edge["x0"] = edge["x1"] = round(edge["x0"], 3)
            (horizontal if flat else vertical).append(edge)
    return horizontal, vertical, {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                                  "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal}


def _read_page(page) -> _Page:
    horizontal, vertical, settings = _drawn_edges(page)
    # a box of one cell (a text box, a bordered paragraph) holds text, not a table drawn with horizontal rules only
    lone: list = []
    found = find_tables(page, settings, lone) if not settings or min(len(horizontal), len(vertical)) >= 2 else []
    tables = [t for t in found if t.rows and len(t.rows[0].cells) >= 2]
    lone += [t.bbox for t in found if t not in tables and len(t.cells) == 1]
    page_chars, struck = legible(page.chars, horizontal)
    chars = _Chars(page_chars) if tables else None
    items: list[tuple[float, int, object]] = [(t.bbox[1], 1, _Table(_columns(t), _extract(chars, t))) for t in tables]
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        for b in boxes:
            if b[0] - 2 <= x <= b[2] + 2 and b[1] - 2 <= y <= b[3] + 2:
                return False
        return True

    text_chars = chars.outside(boxes, 2) if tables else page_chars
    items += [(ln["top"], 0, ln) for ln in text_lines(text_chars)]
    items.sort(key=lambda item: (item[0], item[1]))
    rules = [e for e in horizontal if outside(e) and not any(_on_box(e, b) for b in lone)]
    struck_lines = [(line["top"], clean(line["text"])) for line in struck]
    return _Page(page.page_number, float(page.height), float(page.width), items, rules, text_chars, struck_lines)


def _on_box(edge: dict, box) -> bool:
    """A horizontal edge is the top or bottom side of ``box`` (x0, top, x1, bottom)."""
    return (box[0] - _EDGE_TOLERANCE <= edge["x0"] and edge["x1"] <= box[2] + _EDGE_TOLERANCE
            and min(abs(edge["top"] - box[1]), abs(edge["top"] - box[3])) <= _EDGE_TOLERANCE)


def _char_key(c: dict) -> tuple:
    return round(c["x0"], 2), round(c["top"], 2), c["text"]


def _find_unruled(page: _Page, furniture: set[int], before: _Table | None) -> _Table | None:
    """Put the page's tables without vertical rules among its items, in place of their text lines; ``before``:
    such a table that ended the page before (it may go on atop this one, its header not repeated). Returns such
    a table that ends this page."""
    if not page.rules:
        return None
    skip = {_char_key(c) for _top, kind, line in page.items if kind == 0 and id(line) in furniture
            for c in line["chars"]}
    chars = [c for c in page.chars if _char_key(c) not in skip]
    found = unruled_tables(page.rules, chars, page.width)
    first = next((item for item in page.items if item[1] != 0 or id(item[2]) not in furniture), None)
    if before is not None and first is not None and first[1] == 0:
        # atop the page, rules of the table the page before cut: its part goes on here, unless its header opens it
        atop = [t for t in found if t.top <= first[0] + 1 and isinstance(t, Unruled)
                and abs(t.edges[0] - before.columns[0]) <= _EDGE_TOLERANCE and abs(t.right - before.right) <= _EDGE_TOLERANCE]
        if not any(t.top <= first[0] + 1 for t in found) or (atop and tuple(atop[0].rows[0]) != before.header):
            part = continued_table(page.rules, chars, page.width, before.columns, before.right, before.ruled)
            if part is not None:
                found = [part, *(t for t in found if t not in atop)]
    for table in found:
        if isinstance(table, Unsure):
            page.items.append((table.top, 2, table))
            continue
        held = {_char_key(c) for c in table.chars}
        page.items = [item for item in page.items
                      if item[1] != 0 or not any(_char_key(c) in held for c in item[2]["chars"])]
        header = before.header if before is not None and table is found[0] and table.top <= (first or (0,))[0] + 1 \
            and getattr(table, "continues", False) else tuple(table.rows[0])
        page.items.append((table.top, 1, _Table(table.edges, table.rows, table.drawn, False, table.right, header)))
    page.items.sort(key=lambda item: (item[0], item[1]))
    last = next((item for item in reversed(page.items) if item[1] != 0 or id(item[2]) not in furniture), None)
    return last[2] if last and last[1] == 1 and not last[2].edges_sure else None


def _in_margin(line: dict, height: float) -> bool:
    return line["bottom"] <= height * _MARGIN or line["top"] >= height * (1 - _MARGIN)


def _keys(text: str, page: int) -> list[tuple]:
    """What a running line says on every page: its text (a title, a 文号: four characters or more), or, for a page
    number line, its text but for a number that runs with the pages (the number less the page's, the same on
    every page)."""
    squeezed = "".join(text.split())
    keys: list[tuple] = [("text", squeezed)] if len(squeezed) >= 4 else []
    if not _PAGE_WORDS.match(squeezed):
        return keys  # 附件1, 附件2 atop two pages are headings, not page numbers
    for k, match in enumerate(re.finditer(r"\d{1,4}", squeezed)):
        keys.append(("page", squeezed[:match.start()] + "#" + squeezed[match.end():], k, int(match.group()) - page))
    return keys


def _edges(page: _Page) -> list[dict]:
    """The text lines at the page's top and bottom margins, from the edge in, up to the first other item (a
    table, or a line between two rules: the header row of a table drawn without vertical rules)."""
    out: list[dict] = []
    for items in (page.items, page.items[::-1]):
        for _top, kind, line in items:
            if kind or not _in_margin(line, page.height) or _between_rules(line, page.rules):
                break
            out.append(line)
    return out


def _between_rules(line: dict, rules: list[dict]) -> bool:
    across = [r["top"] for r in rules if r["x0"] <= line["x0"] + 1 and r["x1"] >= line["x1"] - 1]
    return any(y <= line["top"] for y in across) and any(y >= line["bottom"] for y in across)


def _furniture(pages: list[_Page]) -> set[int]:
    """The text lines (by ``id``) that are page furniture, not the document's text: at the top or bottom edge of
    a page, a running header or footer (the same text at the same height on two pages or more; a number in it
    may run with the pages: — 3 —, 第3页 共8页), or a page number of a document of one page."""
    edges = {page.number: _edges(page) for page in pages}
    seen: dict[tuple, list[tuple[int, float, int]]] = {}
    for page in pages:
        for line in edges[page.number]:
            for key in _keys(clean(line["text"]), page.number):
                seen.setdefault(key, []).append((page.number, line["top"], id(line)))
    out = {ident for places in seen.values() for number, top, ident in places
           if any(n != number and abs(t - top) <= _SAME_HEIGHT for n, t, _ in places)}
    texts = [item for page in pages[:1] for _top, kind, item in page.items if kind == 0]
    if len(pages) == 1 and texts:  # the first or last line, if at the page's edge and a page number
        out |= {id(line) for line in {id(t): t for t in (texts[0], texts[-1])}.values()
                if _in_margin(line, pages[0].height) and _PAGE_NUMBER.match(clean(line["text"]))}
    return out


class _Reader:
    """Walks the pages once, numbering lines and tables through the document."""

    def __init__(self, file: str):
        self.out = LineBuilder(file)
        self.tables = 0
        self.row = 0  # rows of the current table so far
        self.header: tuple[str, ...] | None = None
        self.open_cells: tuple[bool, ...] = ()  # per column: the table's last row is covered by a merged cell
        self.columns: tuple[float, ...] = ()
        self.open_table = False  # nothing but page furniture since a table's last row: it may go on
        self.page_of_table = 0
        self.notices: list[Notice] = []

    def page(self, page: _Page, furniture: set[int]) -> None:
        number = page.number
        if self.open_table:  # a header over a table's continuation is furniture too, if only on this page
            lead = 0
            while lead < len(page.items) and page.items[lead][1] == 0 and _in_margin(page.items[lead][2], page.height):
                lead += 1
            if lead < len(page.items) and page.items[lead][1] == 1:
                furniture = furniture | {id(item) for _top, _kind, item in page.items[:lead]}
        struck = list(page.struck)
        for top, kind, item in page.items:
            while struck and struck[0][0] < top:
                self.struck(struck.pop(0)[1], number)
            if kind == 0:
                text = item["text"]
                if id(item) in furniture or (self.open_table and _in_margin(item, page.height)
                                             and _PAGE_NUMBER.match(clean(text))):
                    continue
                seen = item.get("ocr")
                self.out.text(text, number, box=seen and seen.box, confidence=seen and seen.confidence)
                self.open_table = False
            elif kind == 2:
                self.notices.append(Notice(kind=f"pdf-table-{item.why}-unsure", file=self.out.file,
                                           line=len(self.out.lines) + 1, values={"page": number}))
            elif kind == 3:  # text OCR was unsure of in a table but in none of its cells: a warning, never a fact
                self.notices.append(ocr.unsure_notice(item, self.out.file, len(self.out.lines) + 1, number))
            elif kind == 4:  # a line OCR was unsure of: a warning naming it; its structure read, no fact from it
                self.notices.append(ocr.unsure_notice(item, self.out.file, len(self.out.lines) + 1, number))
                self.out.text(item.text, number, box=item.box, confidence=item.confidence, unsure=True)
                self.open_table = False
            else:
                self.table(item, number, continues=self.open_table and number > self.page_of_table)
                self.open_table = True
                self.page_of_table = number
        for _top, text in struck:
            self.struck(text, number)

    def struck(self, text: str, page: int) -> None:
        """Text struck through (a deletion shown, 删除线): not read, a warning where it stood."""
        self.notices.append(Notice(kind="pdf-struck-through", file=self.out.file, line=len(self.out.lines) + 1,
                                   values={"page": page, "text": text}))

    def table(self, table: _Table, page: int, continues: bool) -> None:
        columns = table.columns
        rows = [tuple(None if cell is None else join_wrapped(cell.split("\n")) for cell in row)
                for row in table.rows]
        seen = list(table.ocr or [(None, None, {})] * len(rows))
        if continues and _same_columns(table, self.columns):
            if rows and rows[0] == self.header:
                rows, seen = rows[1:], seen[1:]
            if rows:  # a merged cell cut by the page break goes on, drawn empty, at the top of the new page
                rows[0] = tuple(None if cell == "" and below else cell for cell, below in zip(rows[0], self.open_cells))
        else:
            self.tables += 1
            self.row = 0
            self.header = rows[0] if rows else None
        self.columns = columns
        if rows:
            self.open_cells = tuple(cell is None for cell in rows[-1])
        for cells, (box, confidence, unsure) in zip(rows, seen):
            self.row += 1
            if self.out.row(list(cells), self.tables, self.row, page, drawn=table.ruled, box=box,
                            confidence=confidence, unsure=tuple(sorted(unsure))):
                self.notices += [ocr.unsure_notice(unsure[c], self.out.file, len(self.out.lines), page)
                                 for c in sorted(unsure)]


_OCR_EXTRA = "pip install 'graphmodel[ocr]'"


class _ReadAhead:
    """The pages of a document, each read by PDFium (or pdfminer) in a thread of its own one page or more ahead of
    the reader: PDFium's parse of a page (C++, some 2 ms a page of Chinese text: Python's lock given up) runs while
    the reader finds the lines and tables of the page before. Every PDFium call is made in that thread, one at a
    time (PDFium is not thread-safe: no two calls at once, the document opened before and closed after it);
    :meth:`close` stops it and waits for it. Each page is handed over with its index: the page (a pdfplumber
    page) or the exception reading it raised."""

    def __init__(self, pdf, slow: _Pdfminer):
        self.pdf, self.slow, self.count = pdf, slow, len(pdf)
        self.ready: queue.SimpleQueue = queue.SimpleQueue()
        self.stop = threading.Event()
        self.thread = None
        if self.count > 1:  # one page: nothing to overlap
            self.thread = threading.Thread(target=self._work, name="graphmodel-pdf-pages", daemon=True)
            self.thread.start()

    def _read(self, index: int):
        try:
            return read_page(self.pdf, index) or self.slow.page(index)
        except BaseException as exc:  # a damaged page (the reader names it), or out of memory: raised in the reader
            return exc

    def _work(self) -> None:
        for index in range(self.count):
            if self.stop.is_set():
                return
            page = self._read(index)
            self.ready.put((index, page))
            if isinstance(page, BaseException):
                return

    def __iter__(self):
        for index in range(self.count):
            yield self.ready.get() if self.thread is not None else (index, self._read(index))

    def close(self) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join()


def _text_pages(pdf, slow: _Pdfminer, file: str) -> tuple[list[_Page], list[int]]:
    """The pages with a text layer, read; and the numbers of those that hold pictures and no text (scans)."""
    pages: list[_Page] = []
    scans: list[int] = []
    ahead = _ReadAhead(pdf, slow)
    try:
        for index, page in ahead:
            try:
                if isinstance(page, BaseException):
                    raise page
                if not page.chars:
                    if page.images:
                        scans.append(index + 1)
                    continue
                pages.append(_read_page(page))
            except PlanError:
                raise
            except Exception:  # what PDFium or pdfminer raise on a damaged page
                raise PlanError(file, f"不是有效的 PDF 文件（第 {index + 1} 页已损坏）",
                                en=f"not a valid PDF file (page {index + 1} is damaged)") from None
    finally:
        ahead.close()
    return pages, scans


def _scanned_pages(pdf, numbers: list[int], file: str) -> tuple[list[_Page], list[int]]:
    """Scanned pages read by OCR (rendered by PDFium at :data:`ocr.DPI`, in colour so a seal's red can be taken
    out; :mod:`._scan`): a line of text an item as a text page's (in points), a table an item as a ruled table's,
    a piece OCR was unsure of an item of its own (a warning); and the pages where OCR found no text."""
    from ._scan import read_scan

    read, unread = [], []
    scale = ocr.DPI / 72
    for number in numbers:
        page = pdf[number - 1]
        try:
            width, height = page.get_size()
            rgb = page.render(scale=scale, rev_byteorder=True).to_numpy()
        finally:
            page.close()
        items = _scan_items(read_scan(rgb[..., :3], file), scale)
        if any(kind in (0, 1) for _top, kind, _item in items):
            read.append(_Page(number, float(height), float(width), items, [], []))
        else:
            unread.append(number)
    return read, unread


def _scan_items(scan, scale: float) -> list[tuple[float, int, object]]:
    """A scanned page's lines, tables and unsure pieces as a page's items (tops in points)."""
    items: list[tuple[float, int, object]] = []
    for line in scan.lines:
        x0, top, x1, bottom = (v / scale for v in line.box)
        if line.sure:
            items.append((top, 0, {"text": line.text, "top": top, "bottom": bottom, "x0": x0, "x1": x1,
                                   "chars": [], "ocr": line}))
        else:
            items.append((top, 4, line))
    for table in scan.tables:
        columns = tuple(round(x / scale, 1) for x in table.columns)
        rows = [[None if cell is None else cell for cell in row] for row in table.rows]
        items.append((table.box[1] / scale, 1, _Table(columns, rows, ocr=tuple(zip(
            table.row_boxes, table.row_confidence, table.row_unsure)))))
    items += [(line.box[1] / scale, 3, line) for line in scan.unsure]
    items.sort(key=lambda item: (item[0], item[1]))
    return items


def read_source(data: bytes, file: str) -> Source:
    """Read a PDF's text layer into numbered lines, its ruled tables into rows of cells.

    Parameters
    ----------
    data : bytes
        The PDF file's content.
    file : str
        The name the evidence will carry.

    Returns
    -------
    Source
        Lines in reading order, each with its ``page``; table rows with ``table``, ``row`` and ``cells``.

    Raises
    ------
    PlanError
        If the file is not a readable PDF, is encrypted, or has no text layer (a scan: it needs OCR).
    """
    reader = _Reader(file)
    with PDFIUM:  # one document at a time in a process, whichever thread reads it
        pdf = _open(data, file)
        slow = _Pdfminer(data, file)
        try:
            pages, scans = _text_pages(pdf, slow, file)
            read, unread = _scanned_pages(pdf, scans, file) if scans and ocr.available() else ([], scans)
        finally:
            pdf.close()
            slow.close()
    pages = sorted(pages + read, key=lambda page: page.number)
    furniture = _furniture(pages)
    open_table = None
    for page in pages:
        open_table = _find_unruled(page, furniture, open_table)
        reader.page(page, furniture)
    if read:
        confidence = min([item[2]["ocr"].confidence for page in read for item in page.items if item[1] == 0]
                         + [c for page in read for item in page.items if item[1] == 1 for _b, c, _u in item[2].ocr])
        reader.notices.insert(0, Notice(kind="ocr-pages", file=file, values={
            "pages": [str(page.number) for page in read], "confidence": ocr.shown(confidence)}))
    if not reader.out.lines and scans:
        if not ocr.available():
            raise PlanError(file, "PDF 没有文字层（像是扫描件），需要 OCR 识别文字后才能读取：" + _OCR_EXTRA,
                            en="the PDF has no text layer (it looks like a scan): it needs OCR before it can be read: "
                               + _OCR_EXTRA)
        raise PlanError(file, "PDF 没有文字层（像是扫描件），OCR 也没有识别出文字",
                        en="the PDF has no text layer (it looks like a scan) and OCR found no text on it")
    if unread and reader.out.lines:  # a scanned page among text pages: what it says is not read
        kind = "ocr-page-no-text" if ocr.available() else "pdf-page-no-text"
        reader.notices.insert(0, Notice(kind=kind, file=file, values={"pages": [str(n) for n in unread]}))
    return reader.out.source("pdf", "PDF 中没有文字", "the PDF holds no text", reader.notices)
