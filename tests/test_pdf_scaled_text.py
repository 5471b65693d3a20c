"""Text drawn at a scale: ``1 Tf`` scaled by the text matrix (as Acrobat writes PDFs), or a page transform (``cm``).

PDFium gives a character's ``Tf`` size alone; pdfminer (and the reader's rules: a line's top, a gap of a fifth of
the size a space) the size as drawn. Read at one point, letter-spaced text (a justified line) came apart into single
characters (``组 长 ： 汪 晓 晨 街 道 …``) and its officials were read as 汪晓, 邹宇, 姚佳, 陆嘉: wrong names. An
invented notice, drawn each way, must give the lines and facts of its text.
"""

from __future__ import annotations

import io

import pdfplumber
import pytest

from graphmodel.merge import fingerprint
from loaders.formats import _pdfium, read_source
from loaders.plans import read_plan_data

LINES = [
    "关于成立青溪街道社区治理工作领导小组的通知",
    "各社区、各科室：",
    "为加强社区治理工作，经研究，决定成立青溪街道社区治理工作领导小组，组成人员如下：",
    "组长：汪晓晨 街道党工委书记",
    "副组长：邹宇轩 街道办事处主任",
    "成员：姚佳怡 社区管理办主任",
    "陆嘉树 平安办主任",
    "领导小组下设办公室，办公室设在社区管理办，姚佳怡同志兼任办公室主任。",
    "青溪街道办事处",
    "2024年3月1日",
]
SIZE, GAP = 10.5, 0.5  # points as drawn: the size, and the letter-spacing (Tc) between characters


def _pdf(way: str) -> bytes:
    """The notice drawn ``plain`` (``10.5 Tf``), ``text-matrix`` (``1 Tf``, ``10.5 0 0 10.5 x y Tm``) or ``page-scale``
    (``0.75 0 0 0.75 0 0 cm``, ``14 Tf``), each letter-spaced by 0.5 pt as drawn."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    scale = 0.75 if way == "page-scale" else 1.0
    if way == "page-scale":
        page.transform(scale, 0, 0, scale, 0, 0)
    for k, line in enumerate(LINES):
        x, y = 60.0, 780.0 - 22.0 * k
        text = page.beginText()
        if way == "text-matrix":
            text.setFont("STSong-Light", 1)
            text.setTextTransform(SIZE, 0, 0, SIZE, x, y)
            text.setCharSpace(GAP / SIZE)
        else:
            text.setFont("STSong-Light", SIZE / scale)
            text.setTextOrigin(x / scale, y / scale)
            text.setCharSpace(GAP / scale)
        text.textOut(line)
        page.drawText(text)
    page.save()
    return buffer.getvalue()


def _placed(data: bytes) -> bool:
    return _pdfium.read_page(_pdfium.open_pdf(data), 0) is not None


@pytest.mark.parametrize("way", ["plain", "text-matrix", "page-scale"])
def test_text_drawn_at_a_scale_reads_as_its_text(way):
    data = _pdf(way)
    if not _placed(data):
        pytest.skip("PDFium places STSong-Light's characters only where a CJK font is installed "
                    "(fonts-wqy-microhei); without one, pdfminer reads the page")
    page = _pdfium.read_page(_pdfium.open_pdf(data), 0)
    miner = pdfplumber.open(io.BytesIO(data)).pages[0]
    assert {round(c["size"], 2) for c in page.chars} == {round(c["size"], 2) for c in miner.chars} == {SIZE}
    assert [ln.text for ln in read_source(data, "通知.pdf").lines] == LINES
    text = "\n".join(LINES).encode()
    model, expected = read_plan_data(data, "通知.pdf"), read_plan_data(text, "通知.txt")
    assert fingerprint(model) == fingerprint(expected)
    officials = sorted(e.name for e in model.entities if e.label == "Official")
    assert officials == ["姚佳怡", "汪晓晨", "邹宇轩", "陆嘉树"]
