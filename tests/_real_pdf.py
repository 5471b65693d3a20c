"""PDFs as government offices publish them, for the tests: page furniture, tables ruled in other ways, scans, landscape.

Drawn with reportlab (platypus, the CJK font STSong-Light) from blocks of bench/render.py (``Paragraph`` and
``Table``), and made to look like what Word, WPS or a browser export: a running header (the title or 文号) and a
page number line (``— 3 —``, ``第3页 共8页``, ``-3-``) on every page, tables drawn with every rule (``grid``), as
three-line tables (``three-line``: a rule above and below the header and below the last row), with horizontal
rules only (``horizontal``), only the outer box (``box``) or a grid with vertical segments missing (``broken``);
cells may break their text on purpose (a ``\\n`` in a cell: two names on two lines); ``Scan`` is a page that holds
only a picture; pages may be landscape, or portrait pages turned (``/Rotate``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from _formats import render

__all__ = ["Look", "Scan", "joined", "real_pdf", "turned"]


@dataclass(frozen=True)
class Scan:
    """A page that holds only a picture of text (a scanned page among text pages)."""


@dataclass(frozen=True)
class Look:
    """How the PDF is drawn (see the module docstring)."""

    header: str | None = None  # running header, on every page but the first
    page_number: str | None = None  # e.g. "— {n} —", "第{n}页 共{total}页", "-{n}-"
    rules: str = "grid"
    landscape: bool = False
    small: bool = False  # A5 rather than A4: short tables cross pages too
    rotate: frozenset[int] = frozenset()  # pages (1-based) turned by 90°: drawn sideways, /Rotate 90
    widths: tuple[float, ...] | None = None  # column widths as fractions of the text width
    font: float = 9.0
    repeat_header: bool = True  # the header row repeated atop each page the table goes on to
    padding: float | None = None  # cell padding, left and right (reportlab's default: 6 points)
    broken: frozenset[tuple[int, int]] = field(default_factory=frozenset)  # (column, row): left rule missing


def _style(look: Look, rows: int, cols: int, runs) -> list:
    from reportlab.lib import colors

    black = colors.black
    style: list = [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if look.padding is not None:
        style += [("LEFTPADDING", (0, 0), (-1, -1), look.padding), ("RIGHTPADDING", (0, 0), (-1, -1), look.padding)]
    style += [("SPAN", (col, first), (col, last)) for col, first, last in runs]
    if look.rules == "grid":
        style.append(("GRID", (0, 0), (-1, -1), 0.6, black))
    elif look.rules == "three-line":
        style += [("LINEABOVE", (0, 0), (-1, 0), 1.5, black), ("LINEBELOW", (0, 0), (-1, 0), 0.75, black),
                  ("LINEBELOW", (0, -1), (-1, -1), 1.5, black)]
    elif look.rules == "horizontal":
        style += [("LINEABOVE", (0, 0), (-1, 0), 0.6, black), ("LINEBELOW", (0, 0), (-1, -1), 0.6, black)]
    elif look.rules == "box":
        style += [("BOX", (0, 0), (-1, -1), 0.8, black), ("LINEBELOW", (0, 0), (-1, 0), 0.6, black)]
    elif look.rules == "broken":
        style += [("LINEABOVE", (0, 0), (-1, 0), 0.6, black), ("LINEBELOW", (0, 0), (-1, -1), 0.6, black),
                  ("LINEAFTER", (-1, 0), (-1, -1), 0.6, black)]
        style += [("LINEBEFORE", (c, r), (c, r), 0.6, black)
                  for c in range(cols) for r in range(rows) if (c, r) not in look.broken]
    else:
        raise ValueError(look.rules)
    return style


def _picture():
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    picture = Image.new("L", (500, 700), 255)
    draw = ImageDraw.Draw(picture)
    for y in range(40, 660, 28):
        draw.rectangle((40, y, 40 + (y * 7) % 400, y + 11), fill=30)
    return ImageReader(picture)


def _build(blocks, look: Look, total: int, scans: set[int]) -> tuple[bytes, int, set[int]]:
    from reportlab.lib.pagesizes import A4, A5, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate
    from reportlab.platypus import Paragraph as PdfParagraph
    from reportlab.platypus import Table as PdfTable

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    size = A5 if look.small else A4
    size = landscape(size) if look.landscape else size
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=15, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=look.font, leading=look.font * 1.3,
                          wordWrap="CJK")
    seen: set[int] = set()

    class Picture(Flowable):
        def wrap(self, w, h):
            self.w, self.h = w, h - 4
            return w, h - 4

        def draw(self):
            seen.add(self.canv.getPageNumber())
            self.canv.drawImage(_picture(), 0, 0, width=self.w, height=self.h)

    def furniture(canvas, doc):
        n = canvas.getPageNumber()
        if n in look.rotate:
            canvas.setPageRotation(90)
        if n in scans:
            return
        canvas.saveState()
        canvas.setFont("STSong-Light", 10)
        if look.header and n > 1:
            canvas.drawCentredString(size[0] / 2, size[1] - 24, look.header)
            canvas.line(40, size[1] - 28, size[0] - 40, size[1] - 28)
        if look.page_number:
            canvas.drawCentredString(size[0] / 2, 14 if look.small else 22, look.page_number.format(n=n, total=total))
        canvas.restoreState()

    buf = io.BytesIO()
    margin = 36 if look.small else 50
    doc = SimpleDocTemplate(buf, pagesize=size, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, title="plan")
    story: list = []
    for block in blocks:
        if isinstance(block, Scan):
            story += [PageBreak(), Picture(), PageBreak()]
        elif isinstance(block, render.Paragraph):
            story.append(PdfParagraph(render._pdf_markup(block.text), body))
        else:
            rows, runs = block.drawn()
            data = [[PdfParagraph(render._pdf_markup(c).replace("\n", "<br/>"), cell) for c in row] for row in rows]
            total_width = size[0] - 2 * margin
            widths = ([w * total_width for w in look.widths] if look.widths
                      else render._widths(block, total_width))
            table = PdfTable(data, colWidths=widths, repeatRows=1 if look.repeat_header else 0)
            table.setStyle(_style(look, len(rows), len(rows[0]), runs))
            story.append(table)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buf.getvalue(), doc.page, seen


def real_pdf(blocks, look: Look = Look()) -> bytes:
    """The blocks (``render.Paragraph``, ``render.Table``, :class:`Scan`) as a PDF drawn as ``look`` says."""
    _data, total, scans = _build(blocks, look, 0, set())
    data, _total, _scans = _build(blocks, look, total, scans)
    return data


def turned(pdf: bytes) -> bytes:
    """The PDF's (landscape) pages as a scanner or printer driver writes them: each drawn turned a quarter on a
    portrait page, which says ``/Rotate 90`` so that a viewer shows it upright (pypdfium2, under pdfplumber)."""
    import pypdfium2 as pdfium

    source, out = pdfium.PdfDocument(pdf), pdfium.PdfDocument.new()
    for i in range(len(source)):
        width, height = source[i].get_size()
        page = out.new_page(height, width)
        drawing = source.page_as_xobject(i, out).as_pageobject()
        drawing.transform(pdfium.PdfMatrix().rotate(-90).translate(height, 0))
        page.insert_obj(drawing)
        page.gen_content()
        page.set_rotation(90)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def joined(*pdfs: bytes) -> bytes:
    """The pages of the PDFs, one after another, as one PDF."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for pdf in pdfs:
        out.import_pages(pdfium.PdfDocument(pdf))
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()
