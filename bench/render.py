"""A plan as blocks (paragraph lines, tables of cell rows) → .txt, .pdf, .docx, .html: the formats graphmodel reads.

For the tests and the benchmark: the same plan in every format, so what graphmodel reads from
each can be compared. A plan's blocks come from its text (:func:`blocks_from_text`: the body's
lines become paragraphs, the task table's rows — as the text reader reads them — become a table
of cells 序号, 一级指标, 二级项目, 三级内容, 牵头领导, 责任部门, 配合部门) or from a synthetic plan
(:func:`blocks_of_synthetic`, from bench/synthetic.py, which knows the rows it wrote).

- .pdf: reportlab with its built-in CJK font STSong-Light, each paragraph a line, the table a real
  ruled table (grid lines; goal cells that hold for the rows below merged when ``Table.merge_down``
  names their column; the header repeated on each page);
- .docx: python-docx, a real table (style "Table Grid"), merged cells likewise;
- .odt: odfpy, a real table, merged cells likewise (covered slots as ``table:covered-table-cell``);
- .html: a page with ``<p>`` paragraphs and a ``<table>`` (``rowspan`` for merged cells);
- .txt: the paragraphs, then the table as a pipe table (``| 序号 | … |``).

Not imported by graphmodel. Run as a script to render a plan: ``python bench/render.py PLAN.txt OUTDIR``.
"""

from __future__ import annotations

import argparse
import html
import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "TASK_COLUMNS",
    "Paragraph",
    "Table",
    "blocks_from_text",
    "blocks_of_synthetic",
    "render",
    "render_txt",
    "render_pdf",
    "render_docx",
    "render_html",
    "render_odt",
    "cjk_font",
    "RENDERERS",
]

#: The task table's columns, as the bundled plans' task table names them.
TASK_COLUMNS = ("序号", "一级指标", "二级项目", "三级内容", "牵头领导", "责任部门", "配合部门")
_GOAL_COLUMNS = frozenset({1, 2})  # 一级指标, 二级项目: a blank cell holds the value above it
_MAX_RUN = 8  # rows a merged cell spans at most when drawn


@dataclass(frozen=True)
class Paragraph:
    """One line of text."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table: its rows of cell texts, the header first.

    ``merge_down`` names the columns (0-based) whose blank cells continue the cell above them:
    those are drawn as one merged cell in .pdf, .docx and .html.
    """

    rows: tuple[tuple[str, ...], ...]
    merge_down: frozenset[int] = frozenset()

    def drawn(self) -> tuple[tuple[tuple[str, ...], ...], list[tuple[int, int, int]]]:
        """The rows as drawn and the merged cells: ``(column, first row, last row)`` of each.

        A merged cell is a filled cell of a ``merge_down`` column with the blank cells below it.
        A run longer than :data:`_MAX_RUN` rows is cut (a merged cell must fit on a PDF page) and,
        as printed tables do on a new page, the text is repeated at the top of each cut; a cut in a
        column cuts the merged cells of the columns after it (deeper goals) too, their text repeated.
        """
        rows = [list(row) for row in self.rows]
        out: list[tuple[int, int, int]] = []
        cuts: set[int] = set()  # rows where a merged cell of an earlier column starts again
        for col in sorted(self.merge_down):
            new_cuts: set[int] = set()
            r = 1
            while r < len(rows):
                end = r
                while end + 1 < len(rows) and not rows[end + 1][col] and rows[r][col]:
                    end += 1
                starts = sorted({*range(r, end + 1, _MAX_RUN), *(k for k in cuts if r < k <= end)})
                for i, first in enumerate(starts):
                    last = starts[i + 1] - 1 if i + 1 < len(starts) else end
                    rows[first][col] = rows[r][col]
                    if first != r:
                        new_cuts.add(first)
                    if last > first:
                        out.append((col, first, last))
                r = end + 1
            cuts |= new_cuts
        return tuple(tuple(row) for row in rows), out


Block = Paragraph | Table


# --------------------------------------------------------------------------- blocks


def blocks_from_text(data: bytes, file: str, *, merge: bool = True) -> list[Block]:
    """A plan's blocks from its text: every line a paragraph, the task table (if any) a table of cells.

    The table's rows are the tasks as graphmodel's text reader reads them; its lines (from the
    header to the end of the attachment holding it) are replaced by the table. The 一级指标 and
    二级项目 stand in the first row they hold for (blank below), as in the printed table.

    Parameters
    ----------
    data : bytes
        The plan's text file.
    file : str
        Its name.
    merge : bool
        Draw the goal cells merged over the rows they hold for, as printed tables do (default). An
        empty cell that is not merged is empty: no goal, lead or unit (a reader of real tables
        carries only merged cells down).
    """
    from loaders.plan.document import split_document
    from loaders.plan.reader import read_plan_bytes
    from loaders.plan.source import source_from_bytes
    from loaders.plan.task_table import find_table

    source = source_from_bytes(data, file)
    doc = split_document(source.lines)
    record = read_plan_bytes(data, file)
    header_at = find_table(doc.lines)
    if header_at is None or not record.has_task_table:
        return [Paragraph(line.text) for line in source.lines]
    first = doc.lines[header_at].no
    last = source.lines[-1].no
    for lines in doc.attachments.values():
        if lines and lines[0].no <= first <= lines[-1].no:
            last = lines[-1].no
    parents = {g.name: g.parent for g in record.goals if g.level == "project" and g.line >= first}
    rows: list[tuple[str, ...]] = [TASK_COLUMNS]
    shown = (None, None)
    for task in record.tasks:
        goal = (parents.get(task.goal or ""), task.goal)
        cells = (
            "" if task.number is None else str(task.number),
            (goal[0] or "") if goal[0] != shown[0] else "",
            (goal[1] or "") if goal != shown else "",
            task.text,
            "、".join(m.name for m in task.leads),
            "、".join(m.name for m in task.responsible),
            "、".join(m.name for m in task.cooperating),
        )
        shown = goal
        rows.append(cells)
    table = Table(tuple(rows), _GOAL_COLUMNS if merge else frozenset())
    before = [Paragraph(line.text) for line in source.lines if line.no < first]
    after = [Paragraph(line.text) for line in source.lines if line.no > last]
    return [*before, table, *after]


def blocks_of_synthetic(plan, *, merge: bool = True) -> list[Block]:
    """The blocks of a plan from bench/synthetic.py: its printed lines, then its task table's rows."""
    blocks: list[Block] = [Paragraph(text) for text in plan.paragraphs]
    if plan.table_rows:
        blocks.append(Table(tuple(plan.table_rows), _GOAL_COLUMNS if merge else frozenset()))
    return blocks


# --------------------------------------------------------------------------- renderers


def render_txt(blocks: Sequence[Block]) -> bytes:
    """UTF-8 text: a line per paragraph, a pipe table (``| a | b |``) per table."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        else:
            out += ["| " + " | ".join(c.replace("|", "｜") for c in row) + " |" for row in block.rows[:1]]
            out.append("|" + "---|" * len(block.rows[0]))
            out += ["| " + " | ".join(c.replace("|", "｜") for c in row) + " |" for row in block.rows[1:]]
    return ("\n".join(out) + "\n").encode("utf-8")


def _widths(table: Table, total: float) -> list[float]:
    """Column widths in proportion to the columns' text (each at least two characters wide)."""
    weights = []
    for col in range(len(table.rows[0])):
        longest = max(len(row[col]) for row in table.rows)
        weights.append(min(max(2.0, longest ** 0.6 * 1.6), 30.0))
    scale = total / sum(weights)
    return [w * scale for w in weights]


def cjk_font() -> Path | None:
    """A TrueType font with Chinese glyphs installed on this machine (to embed in a PDF, as offices' PDFs embed
    theirs), or None: ``fc-list :lang=zh`` asked, the first .ttf/.ttc it names (e.g. Debian's fonts-wqy-microhei)."""
    import shutil
    import subprocess

    if shutil.which("fc-list") is None:
        return None
    found = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
    files = sorted(Path(line.split(":")[0].strip()) for line in found.splitlines() if line.strip())
    return next((f for f in files if f.suffix.lower() in (".ttf", ".ttc")), None)


def _font_name(font: Path | None) -> str:
    """The reportlab name of the font the PDF is drawn in: STSong-Light (built in, not embedded) or ``font``."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    name = "STSong-Light" if font is None else f"Embedded-{font.stem}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(name) if font is None else TTFont(name, str(font), subfontIndex=0))
    return name


def render_pdf(blocks: Sequence[Block], *, title: str = "plan", encrypt: str | None = None,
               font: Path | None = None) -> bytes:
    """A PDF (A4) in the built-in CJK font STSong-Light (not embedded), or in a TrueType ``font`` embedded in the
    file (a subset, as Word or WPS embed theirs); tables are real ruled tables.

    ``encrypt`` sets a user password (for tests of encrypted input).
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as PdfParagraph
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    name = _font_name(font)
    body = ParagraphStyle("body", fontName=name, fontSize=10.5, leading=15, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=name, fontSize=8, leading=10.5, wordWrap="CJK")
    buf = io.BytesIO()
    margin = 42
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, title=title, encrypt=encrypt)
    story = []
    for block in blocks:
        if isinstance(block, Paragraph):
            story.append(PdfParagraph(_pdf_markup(block.text), body))
            continue
        rows, runs = block.drawn()
        data = [[PdfParagraph(_pdf_markup(c), cell) for c in row] for row in rows]
        table = PdfTable(data, colWidths=_widths(block, A4[0] - 2 * margin), repeatRows=1)
        style = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        style += [("SPAN", (col, first), (col, last)) for col, first, last in runs]
        table.setStyle(TableStyle(style))
        story.append(table)
    doc.build(story)
    return buf.getvalue()


def _pdf_markup(text: str) -> str:
    """A line as reportlab's paragraph markup: escaped, a no-break space written as a space (reportlab draws
    no gap for it in the CID font, where Word or a browser printing to PDF draws a space)."""
    return html.escape(text.replace("\xa0", " "))


def render_docx(blocks: Sequence[Block]) -> bytes:
    """A Word document: a paragraph per line, a real table (grid lines) per table."""
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, Paragraph):
            document.add_paragraph(block.text)
            continue
        rows, runs = block.drawn()
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for row, cells in zip(table.rows, rows):
            for target, text in zip(row.cells, cells):
                target.text = text
        for col, first, last in runs:
            table.cell(first, col).merge(table.cell(last, col))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def odt_paragraph(text: str):
    """An odfpy paragraph holding ``text`` as an office suite writes it: runs of spaces as ``text:s``."""
    from odf.text import P

    paragraph = P()
    paragraph.addText(text)  # odfpy writes runs of spaces as <text:s text:c="n"/>, tabs as <text:tab/>
    return paragraph


def render_odt(blocks: Sequence[Block]) -> bytes:
    """An OpenDocument text (odfpy): a paragraph per line, a real table per table, merged cells spanning rows
    (``table:number-rows-spanned``, the slots below ``table:covered-table-cell``), as LibreOffice writes them."""
    from odf.opendocument import OpenDocumentText
    from odf.table import CoveredTableCell, Table as OdfTable, TableCell, TableColumn, TableRow

    document = OpenDocumentText()
    for block in blocks:
        if isinstance(block, Paragraph):
            document.text.addElement(odt_paragraph(block.text))
            continue
        rows, runs = block.drawn()
        spans = {(first, col): last - first + 1 for col, first, last in runs}
        covered = {(r, col) for col, first, last in runs for r in range(first + 1, last + 1)}
        table = OdfTable(name=f"Table{id(block) % 10_000}")
        table.addElement(TableColumn(numbercolumnsrepeated=len(rows[0])))
        for r, cells in enumerate(rows):
            tr = TableRow()
            for col, text in enumerate(cells):
                if (r, col) in covered:
                    tr.addElement(CoveredTableCell())
                    continue
                cell = TableCell(numberrowsspanned=spans[(r, col)]) if (r, col) in spans else TableCell()
                cell.addElement(odt_paragraph(text))
                tr.addElement(cell)
            table.addElement(tr)
        document.text.addElement(table)
    buf = io.BytesIO()
    document.write(buf)
    return buf.getvalue()


def render_html(blocks: Sequence[Block], *, title: str = "plan", encoding: str = "utf-8") -> bytes:
    """A web page as a government site serves it: ``<p>`` per line, a ``<table>`` (``rowspan`` for merged cells)."""
    charset = "gb2312" if encoding.lower() in ("gbk", "gb2312", "gb18030") else encoding
    out = [f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="{charset}"><title>{html.escape(title)}</title>',
           "<style>td,th{border:1px solid #000}</style></head>",
           '<body><div class="header">首页 &gt; 政务公开 &gt; 通知公告</div><div class="article">']
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(f"<p>{html.escape(block.text)}</p>")
            continue
        rows, runs = block.drawn()
        spans = {(first, col): last - first + 1 for col, first, last in runs}
        covered = {(r, col) for col, first, last in runs for r in range(first + 1, last + 1)}
        out.append('<table border="1" cellspacing="0">')
        for r, row in enumerate(rows):
            tag = "th" if r == 0 else "td"
            cells = []
            for col, text in enumerate(row):
                if (r, col) in covered:
                    continue
                span = f' rowspan="{spans[(r, col)]}"' if (r, col) in spans else ""
                cells.append(f"<{tag}{span}>{html.escape(text)}</{tag}>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    out.append('</div><div class="footer">主办单位：某某街道办事处</div></body></html>')
    return "\n".join(out).encode("gb18030" if charset == "gb2312" else encoding)


#: Renderer of each format, by the file suffix it writes.
RENDERERS = {"txt": render_txt, "pdf": render_pdf, "docx": render_docx, "odt": render_odt, "html": render_html}


def render(blocks: Sequence[Block], fmt: str, **options) -> bytes:
    """Render blocks as ``fmt`` (``txt``, ``pdf``, ``docx``, ``odt`` or ``html``); ``options`` go to its renderer."""
    return RENDERERS[fmt](blocks, **options)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python bench/render.py PLAN.txt OUTDIR [--no-merge]`` writes PLAN.pdf, .docx, .html there."""
    parser = argparse.ArgumentParser(description="Render a plan's text as .pdf, .docx and .html.")
    parser.add_argument("plan", type=Path)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--no-merge", dest="merge", action="store_false",
                        help="leave goal cells empty below the row they start in instead of merging them")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    blocks = blocks_from_text(args.plan.read_bytes(), args.plan.name, merge=args.merge)
    args.outdir.mkdir(parents=True, exist_ok=True)
    for fmt in ("pdf", "docx", "html"):
        (args.outdir / f"{args.plan.stem}.{fmt}").write_bytes(render(blocks, fmt))
    return 0


if __name__ == "__main__":
    sys.exit(main())
