"""PDFium (pypdfium2) finds the characters and ruling lines that pdfminer found: the same lines, cells and notices.

The PDF reader takes a page's characters, lines and rects from PDFium, and falls back to pdfminer (under
pdfplumber) for a page PDFium cannot place all the text of. Each PDF here is read both ways — PDFium, and
pdfminer alone (``read_page`` made to give up on every page) — and must give the very same Source.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from _formats import render, synthetic, synthetic_tables
from _plans import JINYANG, WEIFANG
from _real_pdf import Look, joined, real_pdf, turned
from loaders.formats import _pdfium
from loaders.formats import pdf as pdf_reader
from loaders.formats import read_source


def _cases():
    for path in (JINYANG, WEIFANG):
        yield pytest.param(lambda path=path: render.render(render.blocks_from_text(path.read_bytes(), path.name), "pdf"),
                           id=path.stem[:6])
    for seed in (700, 705):
        plan = synthetic.generate_plan(seed, tasks=None)
        yield pytest.param(lambda plan=plan: render.render(render.blocks_of_synthetic(plan), "pdf"), id=f"plan{seed}")
    for seed, look in ((0, Look(rules="three-line", header="沪青办〔2024〕3号", page_number="— {n} —")),
                       (3, Look(rules="horizontal", small=True, page_number="第{n}页 共{total}页")),
                       (5, Look(rules="box")), (9, Look(landscape=True, rotate=frozenset({1})))):
        doc = synthetic_tables.generate_table(seed)
        blocks = [*map(render.Paragraph, doc.before), render.Table(tuple(doc.rows), doc.merge_down),
                  *map(render.Paragraph, doc.after)]
        yield pytest.param(lambda blocks=blocks, look=look: real_pdf(blocks, look), id=f"table{seed}-{look.rules}")
    doc = synthetic_tables.generate_table(2)
    blocks = [render.Table(tuple(doc.rows), doc.merge_down)]
    yield pytest.param(lambda blocks=blocks: turned(real_pdf(blocks, Look(landscape=True, rules="three-line"))),
                       id="turned")


def _shape(source):
    return ([(ln.no, ln.text, ln.page, ln.table, ln.row, ln.cells, ln.merged) for ln in source.lines],
            [(n.kind, n.line, n.values) for n in source.notices])


@pytest.mark.parametrize("make", list(_cases()))
def test_pdfium_reads_what_pdfminer_reads(make, monkeypatch):
    data = make()
    document = _pdfium.open_pdf(data)
    placed = [_pdfium.read_page(document, k) is not None for k in range(len(document))]
    if not all(placed):
        pytest.skip("PDFium places text in STSong-Light (a CJK font reportlab does not embed) only where a CJK font "
                    "is installed (e.g. Debian's fonts-wqy-microhei); without one, pdfminer reads these pages")
    fast = read_source(data, "plan.pdf")
    monkeypatch.setattr(pdf_reader, "read_page", lambda document, index: None)
    slow = read_source(data, "plan.pdf")
    assert len(fast.lines) >= 5
    assert _shape(fast) == _shape(slow)


def _latin_pdf() -> bytes:
    """A page in an embedded TrueType font (reportlab's Vera): text lines and a ruled table, a second page turned."""
    from reportlab.lib import colors
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    import reportlab

    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")))
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=(595, 842))
    page.setFont("Vera", 10)
    page.drawString(60, 780, "Task list 2024, No. 15")
    page.drawString(60, 760, "1  Road works  Unit A")
    page.setStrokeColor(colors.black)
    page.grid([60, 200, 400], [700, 680, 660])
    page.drawString(65, 686, "Number")
    page.drawString(205, 686, "Task")
    page.drawString(65, 666, "7")
    page.drawString(205, 666, "Repair the gate")
    page.rect(60, 600, 340, 30)
    page.showPage()
    page.setPageRotation(90)
    page.setFont("Vera", 12)
    page.drawString(100, 500, "turned page")
    page.save()
    return buf.getvalue()


def test_characters_and_edges_are_pdfminers_where_the_font_is_embedded():
    """Where the font is in the file, PDFium reads every page itself: the same characters at the same places
    (within half a point), the same ruling lines, the same rects, the same page size and rotation."""
    data = _latin_pdf()
    document = _pdfium.open_pdf(data)
    with pdfplumber.open(io.BytesIO(data)) as slow:
        for k, theirs in enumerate(slow.pages):
            ours = _pdfium.read_page(document, k)
            assert ours is not None
            assert (ours.width, ours.height, ours.rotation) == pytest.approx((theirs.width, theirs.height, theirs.rotation), abs=0.01)
            mine = [c for c in ours.chars if c["text"] != " "]
            want = [c for c in theirs.chars if c["text"] != " "]
            assert "".join(c["text"] for c in mine) == "".join(c["text"] for c in want) != ""
            for a, b in zip(mine, want):
                assert (a["x0"], a["x1"], a["upright"]) == pytest.approx((b["x0"], b["x1"], b["upright"]), abs=0.5)
                assert abs((a["top"] + a["bottom"]) / 2 - (b["top"] + b["bottom"]) / 2) < 1.5
            edges = lambda page: sorted((e["orientation"], round(e["x0"]), round(e["top"]), round(e["x1"]), round(e["bottom"]))
                                        for e in page.edges)
            assert edges(ours) == edges(theirs)
            assert len(ours.rects) == len(theirs.rects)
    assert len(slow.pages) == 2


def test_a_page_pdfium_cannot_place_is_read_by_pdfminer(monkeypatch):
    """The reader asks pdfminer for the pages PDFium gives up on, and only for those."""
    data = joined(render.render([render.Paragraph("附件 1"), render.Paragraph("组 长：汪晓晨 党工委书记")], "pdf"),
                  render.render([render.Paragraph("成 员：姚佳怡 社区管理办主任")], "pdf"))
    asked = []
    real = _pdfium.read_page
    monkeypatch.setattr(pdf_reader, "read_page", lambda document, index: None if index == 1 else real(document, index))
    original = pdf_reader._Pdfminer.page
    monkeypatch.setattr(pdf_reader._Pdfminer, "page", lambda self, index: asked.append(index) or original(self, index))
    first_placed = real(_pdfium.open_pdf(data), 0) is not None  # STSong-Light: only with a CJK font installed
    lines = read_source(data, "plan.pdf").lines
    assert [(ln.text, ln.page) for ln in lines] == [("附件 1", 1), ("组 长：汪晓晨 党工委书记", 1),
                                                    ("成 员：姚佳怡 社区管理办主任", 2)]
    assert asked == ([1] if first_placed else [0, 1])


def _plumber_lines(page, chars):
    from pdfplumber.utils.text import chars_to_textmap

    from loaders.formats._pdf_text import _plumber

    return chars_to_textmap(_plumber(chars)).extract_text_lines(strip=True, return_chars=True) if chars else []


def _line_shape(lines):
    return [(ln["text"], ln["x0"], ln["top"], ln["x1"], ln["bottom"], [(c["text"], c["x0"], c["top"]) for c in ln["chars"]])
            for ln in lines]


@pytest.mark.parametrize("make", list(_cases()) + [pytest.param(_latin_pdf, id="latin")])
def test_own_lines_and_cells_are_pdfplumbers(make):
    """The reader's own line builder (``_pdf_text``) gives pdfplumber's lines, and its cell texts pdfplumber's,
    on every page of every test PDF, whether PDFium or pdfminer found the characters (with pdfplumber's gap of 3
    points between words: the reader's own gap is also a fifth of the size, narrower in small print)."""
    from pdfplumber.utils.text import extract_text

    from loaders.formats import _pdf_text

    data = make()
    document = _pdfium.open_pdf(data)
    compared = 0
    with pdfplumber.open(io.BytesIO(data)) as slow:
        for k, theirs in enumerate(slow.pages):
            for page in (_pdfium.read_page(document, k), theirs):
                if page is None:
                    continue
                chars = page.chars
                assert _line_shape(_pdf_text.text_lines(chars, gap=None)) == _line_shape(_plumber_lines(page, chars))
                tables = page.find_tables()
                assert [t.cells for t in _pdf_text.find_tables(page)] == [t.cells for t in tables]
                for table in tables:
                    for row in table.rows:
                        for cell in row.cells:
                            if cell is None:
                                continue
                            inside = [c for c in chars if cell[0] <= (c["x0"] + c["x1"]) / 2 < cell[2]
                                      and cell[1] <= (c["top"] + c["bottom"]) / 2 < cell[3]]
                            assert _pdf_text.cell_text(inside, gap=None) == (extract_text(_pdf_text._plumber(inside))
                                                                             if inside else "")
                            assert _pdf_text.map_text(inside, gap=None) == (_plumber_map(inside))
                            compared += 1
                compared += len(chars)
    assert compared > 100


def _plumber_map(chars):
    from pdfplumber.utils.text import chars_to_textmap

    from loaders.formats._pdf_text import _plumber

    return chars_to_textmap(_plumber(chars)).as_string if chars else ""
