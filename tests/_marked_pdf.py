"""A 领导小组 notice drawn as a word processor exports it when the page carries more than the text, for the tests.

Drawn with reportlab's canvas line by line (the CJK font STSong-Light, or an installed TrueType Chinese font
embedded): a struck-through member (tracked deletion, 删除线: a rule through the middle of the characters), a
footnote mark on a name (smaller, raised), a gap of a tab after a padded name, the member list in a box, and a
task table whose cell wraps inside a word. Names and bodies are invented.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

__all__ = ["Mark", "marked_pdf", "TWIN"]

#: The same notice as text: what the PDF must read as (struck-through text and footnote marks left out).
TWIN = """关于成立临湖区背街小巷整治工作领导小组的通知
各街道办事处，区政府各部门：
为加强对背街小巷整治工作的领导，经区政府研究，决定成立临湖区背街小巷整治工作领导小组。现将有关事项通知如下：
一、组成人员
组　长：冼文渊　区长
副组长：李晓红　副区长
成　员：周　海　区住房城乡建设管理委主任
韩雅琳　区财政局局长
邹宇轩　区绿化市容局局长
领导小组办公室设在区住房城乡建设管理委，负责日常工作。
各成员单位按照职责分工，落实整治任务。
二、任务分工
序号 | 工作任务 | 牵头单位 | 配合单位
1 | 完成柳杏路背街小巷立面整治12处。 | 区住房城乡建设管理委 | 区财政局
2 | 梳理街道社区两级政务服务事项，推进“一网通办”专窗。 | 区绿化市容局 | 区财政局
临湖区人民政府办公室
2024年6月3日
"""


@dataclass(frozen=True)
class Mark:
    """What the page carries besides the text (each on or off)."""

    strike: bool = True  # a member struck through (a deletion the PDF shows)
    superscript: bool = True  # a footnote mark on 李晓红, its note at the page's foot
    tab: float = 24.0  # 周　海, then a tab's gap of so many points before the title (no space character); 0: a space
    box: bool = True  # the member list in a box
    wrap: bool = True  # the task cell of row 2 wraps inside 一网通办 (else: a wide cell, broken after 一网通)


def _font() -> tuple[str, bool]:
    """A Chinese TrueType font installed (embedded, as offices embed theirs), else reportlab's STSong-Light."""
    import sys
    from pathlib import Path

    from reportlab.pdfbase import pdfmetrics

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import render

    font = render.cjk_font()
    if font is not None:
        from reportlab.pdfbase.ttfonts import TTFont

        if "MarkCJK" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("MarkCJK", str(font), subfontIndex=0))
        return "MarkCJK", True
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light", False


def marked_pdf(mark: Mark = Mark()) -> bytes:
    """The notice of :data:`TWIN` as a PDF page carrying the marks of ``mark``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font, _embedded = _font()
    size, left, step = 12.0, 72.0, 22.0
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=(595, 842))
    y = 780.0

    def text(s: str, x: float = left, at: float | None = None, sz: float = size) -> float:
        page.setFont(font, sz)
        page.drawString(x, y if at is None else at, s)
        return x + stringWidth(s, font, sz)

    for line in TWIN.splitlines()[:4]:
        text(line)
        y -= step
    top = y + step - 6
    text("组　长：冼文渊　区长")
    y -= step
    end = text("副组长：李晓红")
    if mark.superscript:
        end = text("1", end + 0.5, y + 5, 7)
    text("　副区长", end)
    y -= step
    indent = left + stringWidth("成　员：", font, size)
    stop = indent + stringWidth("周　海", font, size) + mark.tab  # the tab stop the titles stand at
    end = text("成　员：周　海")
    text("区住房城乡建设管理委主任", stop if mark.tab else end + stringWidth("　", font, size))
    y -= step
    members = [("姚佳怡", "区水务局局长", mark.strike), ("韩雅琳", "区财政局局长", False),
               ("邹宇轩", "区绿化市容局局长", False)]
    for name, title, struck in members:
        if name == "姚佳怡" and not mark.strike:
            continue
        end = text(name, indent)
        end = text(title, stop) if mark.tab else text("　" + title, end)
        if struck:
            page.setLineWidth(0.6)
            page.line(indent, y + 0.33 * size, end, y + 0.33 * size)
        y -= step
    if mark.box:
        page.setLineWidth(0.8)
        x0, x1, bottom = left - 6, 595 - left + 6, y + step - 8  # a paragraph border: four rules, the sides apart
        page.line(x0, top, x1, top)
        page.line(x0, bottom, x1, bottom)
        page.line(x0, top - 1.5, x0, bottom + 1.5)
        page.line(x1, top - 1.5, x1, bottom + 1.5)
    for line in ("领导小组办公室设在区住房城乡建设管理委，负责日常工作。", "各成员单位按照职责分工，落实整治任务。"):
        text(line)
        y -= step
    text("二、任务分工")
    y -= step
    _table(page, text, font, y, mark)
    y -= 4 * 34 + 10
    text("临湖区人民政府办公室")
    y -= step
    text("2024年6月3日")
    if mark.superscript:
        page.line(left, 90, left + 150, 90)
        text("1", left, 78, 7)
        text("兼任区背街小巷整治工作指挥部总指挥。", left + 6, 72, 9)
    page.showPage()
    page.save()
    return buf.getvalue()


def _table(page, text, font: str, y: float, mark: Mark) -> None:
    """The task table: four columns, ruled. Row 2's task cell wraps inside 一网通办 when ``mark.wrap``: the
    column is as wide as its first line and 办 (so 办 would still fit), but 办 may not end a line before ”, so
    both go down, as word processors wrap."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    sz = 9.0
    first, second = "梳理街道社区两级政务服务事项，推进“一网通", "办”专窗。"
    width = stringWidth(first + "办", font, sz) + stringWidth("”", font, sz) / 2 + 1 + 8
    xs = [72.0, 110.0, 110.0 + (width if mark.wrap else 240.0), 0.0, 0.0]
    xs[3], xs[4] = xs[2] + 110.0, xs[2] + 170.0
    height = 34.0
    rows = [("序号", "工作任务", "牵头单位", "配合单位"),
            ("1", "完成柳杏路背街小巷立面整治12处。", "区住房城乡建设管理委", "区财政局"),
            ("2", first + second, "区绿化市容局", "区财政局")]
    top = y + 14
    page.setLineWidth(0.6)
    for k in range(len(rows) + 1):
        page.line(xs[0], top - k * height, xs[-1], top - k * height)
    for x in xs:
        page.line(x, top, x, top - len(rows) * height)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            lines = [first, second] if r == 2 and c == 1 else _wrap(cell, font, sz, xs[c + 1] - xs[c] - 8)
            for k, part in enumerate(lines):
                text(part, xs[c] + 4, top - r * height - 13 - k * 11, sz)


def _wrap(cell: str, font: str, sz: float, room: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for ch in cell:
        if line and stringWidth(line + ch, font, sz) > room:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line]
