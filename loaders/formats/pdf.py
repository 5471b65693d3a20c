"""PDF → Source (pdfplumber): text in reading order, tables found by their ruling lines read as rows of cells.

Each page is read top to bottom. A table is what ``page.find_tables()`` finds from the drawn
ruling lines and the cells they enclose, so a cell's text is the characters inside that cell:
nothing is guessed from spacing. A table row becomes one :class:`~loaders.plan.source.Line`
with ``cells``, ``page``, ``table`` and ``row``; a slot covered by a merged cell (a cell that spans
rows or columns) is ``""`` in the rows below or columns after the one it starts in, and marked
``merged``, so a reader finds the value in the row the merged cell came from; a cell drawn empty is
``""`` and not merged. Text outside tables becomes Lines with
``page``. Line numbers run through the whole document. A table that ends a page and goes on at
the top of the next one (same columns) keeps its number, its rows numbered on; a header row
repeated on the new page is left out, and a merged cell the page break cut (covering the last row
of the page) goes on in the new page's first row, whose cell it leaves drawn empty: that slot is
marked ``merged`` too.
"""

from __future__ import annotations

import io
import logging
import re

from graphmodel.errors import PlanError

from ..plan.source import Source
from ._lines import LineBuilder, join_wrapped

__all__ = ["read_source"]

# Column edges of two table parts agree within this many points when one continues the other.
_EDGE_TOLERANCE = 3.0
# Page furniture between a table's end and its continuation on the next page: page numbers.
_PAGE_NUMBER = re.compile(r"^[-—–]?\s*\d{1,4}\s*[-—–]?$|^第\s*\d+\s*页(\s*[,，]?\s*共\s*\d+\s*页)?$")


_ENCRYPTED = ("PDF 已加密，需要密码才能打开；请先解密（或另存为未加密的 PDF）",
              "the PDF is encrypted and needs a password; decrypt it (or save an unencrypted copy) first")


def _open(data: bytes, file: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018  (parses the page tree: a broken file fails here)
    except Exception as exc:  # pdfplumber wraps what pdfminer raises; a broken file raises many kinds
        inner = exc.args[0] if type(exc).__name__ == "PdfminerException" and exc.args else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise PlanError(file, _ENCRYPTED[0], en=_ENCRYPTED[1]) from None
        raise PlanError(file, "不是有效的 PDF 文件（已损坏或不完整）",
                        en="not a valid PDF file (damaged or incomplete)") from None
    return pdf


def _columns(table) -> tuple[float, ...]:
    """The x of each column's left edge (from the cells of the table's first full row)."""
    edges = sorted({round(c[0], 1) for c in table.cells})
    return tuple(edges)


def _same_columns(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= _EDGE_TOLERANCE for x, y in zip(a, b))


class _Reader:
    """Walks the pages once, numbering lines and tables through the document."""

    def __init__(self, file: str):
        self.out = LineBuilder(file)
        self.tables = 0
        self.row = 0  # rows of the current table so far
        self.header: tuple[str, ...] | None = None
        self.open_cells: tuple[bool, ...] = ()  # per column: the table's last row is covered by a merged cell
        self.columns: tuple[float, ...] = ()
        self.open_table = False  # nothing but page numbers since a table's last row: it may go on
        self.page_of_table = 0

    def page(self, page) -> None:
        number = page.page_number
        tables = [t for t in page.find_tables() if t.rows and len(t.rows[0].cells) >= 2]
        items: list[tuple[float, int, object]] = [(t.bbox[1], 1, t) for t in tables]
        if tables:
            boxes = [t.bbox for t in tables]

            def outside(obj) -> bool:
                if obj.get("object_type") != "char":
                    return True
                x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            text_page = page.filter(outside)
        else:
            text_page = page
        items += [(ln["top"], 0, ln["text"]) for ln in text_page.extract_text_lines(return_chars=False)]
        items.sort(key=lambda item: (item[0], item[1]))
        for _top, kind, item in items:
            if kind == 0:
                self.out.text(item, number)
                self.open_table = self.open_table and bool(_PAGE_NUMBER.match(item.strip()))
            else:
                self.table(item, number, continues=self.open_table and number > self.page_of_table)
                self.open_table = True
                self.page_of_table = number

    def table(self, table, page: int, continues: bool) -> None:
        columns = _columns(table)
        rows = [tuple(None if cell is None else join_wrapped(cell.split("\n")) for cell in row)
                for row in table.extract()]
        if continues and _same_columns(columns, self.columns):
            if rows and rows[0] == self.header:
                rows = rows[1:]
            if rows:  # a merged cell cut by the page break goes on, drawn empty, at the top of the new page
                rows[0] = tuple(None if cell == "" and below else cell for cell, below in zip(rows[0], self.open_cells))
        else:
            self.tables += 1
            self.row = 0
            self.header = rows[0] if rows else None
        self.columns = columns
        if rows:
            self.open_cells = tuple(cell is None for cell in rows[-1])
        for cells in rows:
            self.row += 1
            self.out.row(list(cells), self.tables, self.row, page)


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
    images = 0
    quiet = logging.getLogger("pdfminer")
    level, quiet.level = quiet.level, logging.ERROR  # a damaged font must not print warnings of its own
    try:
        with _open(data, file) as pdf:
            for page in pdf.pages:
                try:
                    if not page.chars:
                        images += len(page.images)
                        continue
                    reader.page(page)
                except PlanError:
                    raise
                except Exception:  # what pdfminer raises on a damaged page
                    raise PlanError(file, f"不是有效的 PDF 文件（第 {page.page_number} 页已损坏）",
                                    en=f"not a valid PDF file (page {page.page_number} is damaged)") from None
                page.flush_cache()
    finally:
        quiet.level = level
    if not reader.out.lines and images:
        raise PlanError(file, "PDF 没有文字层（像是扫描件），需要 OCR 识别文字后才能读取",
                        en="the PDF has no text layer (it looks like a scan): it needs OCR before it can be read")
    return reader.out.source("pdf", "PDF 中没有文字", "the PDF holds no text")
