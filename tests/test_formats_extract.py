"""PDF, Word and web pages → numbered lines: text in order, table rows as cells, merged cells, line numbers."""

from __future__ import annotations

import io

import pytest

from _formats import P, T, plan_blocks, render
from graphmodel.errors import PlanError
from loaders.formats import detect_format, read_source

FORMATS = ("pdf", "docx", "html")


def _read(blocks, fmt: str, name: str = "plan"):
    return read_source(render.render(blocks, fmt), f"{name}.{fmt}")


def _shape(source):
    return [(ln.text, ln.table, ln.row, ln.cells) for ln in source.lines]


@pytest.fixture(scope="module")
def sources():
    blocks = plan_blocks()
    return blocks, {fmt: _read(blocks, fmt) for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_paragraphs_then_rows_of_cells_numbered_through(sources, fmt):
    blocks, read = sources
    lines = read[fmt].lines
    if fmt == "html":  # the page's own furniture (breadcrumb, footer) is the site's, not the plan's: left out
        assert not {"首页 > 政务公开 > 通知公告", "主办单位：某某街道办事处"} & {ln.text for ln in lines}
    paragraphs = [b.text for b in blocks if isinstance(b, P)]
    table = blocks[-1]
    assert [ln.text for ln in lines if ln.cells is None] == paragraphs
    rows = [ln for ln in lines if ln.cells is not None]
    assert [ln.cells for ln in rows] == list(table.rows)  # merged goal cells: "" below the row they start in
    assert [ln.row for ln in rows] == list(range(1, len(table.rows) + 1))
    assert {ln.table for ln in rows} == {1}
    assert rows[2].text == "2 开展背街小巷环境整治，消除乱堆物、乱张贴现象。 邹宇轩、汪晓晨 服务办"
    numbers = [ln.no for ln in read[fmt].lines]
    assert numbers == list(range(1, len(numbers) + 1))


def test_every_format_reads_the_same_lines(sources):
    _blocks, read = sources
    pdf, docx, html = (_shape(read[f]) for f in FORMATS)
    assert pdf == docx == html


def test_pdf_lines_know_their_page_others_do_not(sources):
    _blocks, read = sources
    assert {ln.page for ln in read["pdf"].lines} == {1}
    assert {ln.page for ln in read["docx"].lines} == {ln.page for ln in read["html"].lines} == {None}


def test_merged_and_unmerged_goal_cells_read_alike():
    merged, plain = plan_blocks(merge=True), plan_blocks(merge=False)
    for fmt in FORMATS:
        assert _shape(_read(merged, fmt)) == _shape(_read(plain, fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_merged_slots_are_marked_empty_cells_are_not(fmt):
    merged, plain = plan_blocks(rows=5, merge=True), plan_blocks(rows=5, merge=False)
    covered = {(r, col) for col, first, last in merged[-1].drawn()[1] for r in range(first + 1, last + 1)}
    assert covered == {(2, 1), (2, 2), (4, 1), (4, 2), (5, 1), (5, 2)}
    rows = [ln for ln in _read(merged, fmt).lines if ln.cells]
    assert {(ln.row - 1, col) for ln in rows for col, m in enumerate(ln.merged) if m} == covered
    assert rows[2].cells[6] == "" and rows[2].merged[6] is False  # a cell drawn empty: no merged cell above
    assert not any(m for ln in _read(plain, fmt).lines if ln.cells for m in ln.merged)


def test_pdf_table_over_two_pages_is_one_table_with_rows_numbered_on():
    blocks = plan_blocks(rows=70)
    source = _read(blocks, "pdf")
    rows = [ln for ln in source.lines if ln.cells is not None]
    assert {ln.table for ln in rows} == {1}
    assert [ln.row for ln in rows] == list(range(1, 72))
    drawn, runs = blocks[-1].drawn()
    assert max(last - first for _col, first, last in runs) < 10  # merged cells cut to fit a page …
    assert [ln.cells for ln in rows] == list(drawn)  # … their text repeated where cut; the repeated header left out
    pages = [ln.page for ln in rows]
    assert pages == sorted(pages) and pages[-1] > pages[0]


def _ruled_pdf(pages: list[list[tuple[str, str, str]]], merged: dict[int, range]) -> bytes:
    """A PDF whose tables are drawn line by line, as a word processor prints them.

    ``pages`` holds each page's rows (a header first) of three cells; ``merged`` maps a page to the rows
    (0-based on that page) whose middle cells form one cell: no line between them, text in the first only.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    xs, height, top = (60, 110, 260, 480), 30, A4[1] - 80
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for number, rows in enumerate(pages):
        pdf.setFont("STSong-Light", 10)
        span = merged.get(number, range(0))
        bottom = top - height * len(rows)
        for x in xs:
            pdf.line(x, top, x, bottom)
        for r in range(len(rows) + 1):
            y = top - height * r
            inside = r in span and r - 1 in span  # a line between two rows of the merged cell: not drawn there
            pdf.line(xs[0], y, xs[1], y)
            pdf.line(xs[2], y, xs[3], y)
            if not inside:
                pdf.line(xs[1], y, xs[2], y)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text and not (c == 1 and r in span and r != span.start):
                    pdf.drawString(xs[c] + 4, top - height * r - 19, text)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def test_pdf_merged_cell_cut_by_a_page_break_goes_on_at_the_top_of_the_next_page():
    header = ("序号", "重点工作", "工作任务")
    first = [header, ("1", "道路整治", "修缮柳杏路"), ("2", "", "修缮桃园路"), ("3", "", "修缮梅林路")]
    second = [header, ("4", "", "修缮竹园路"), ("5", "", "修缮兰亭路"), ("6", "绿化提升", "补种行道树")]
    # on page 1 道路整治 covers rows 1-3 down to the table's end; on page 2 it goes on over rows 1-2, drawn empty
    source = read_source(_ruled_pdf([first, second], {0: range(1, 4), 1: range(1, 3)}), "ruled.pdf")
    rows = [(ln.page, ln.row, ln.cells, ln.merged) for ln in source.lines if ln.cells]
    f, t = False, True
    assert rows == [
        (1, 1, header, (f, f, f)),
        (1, 2, ("1", "道路整治", "修缮柳杏路"), (f, f, f)),
        (1, 3, ("2", "", "修缮桃园路"), (f, t, f)),
        (1, 4, ("3", "", "修缮梅林路"), (f, t, f)),
        (2, 5, ("4", "", "修缮竹园路"), (f, t, f)),  # the header repeated on page 2 is left out
        (2, 6, ("5", "", "修缮兰亭路"), (f, t, f)),
        (2, 7, ("6", "绿化提升", "补种行道树"), (f, f, f)),
    ]


def test_pdf_cell_drawn_empty_at_the_top_of_a_page_is_no_merged_cell():
    header = ("序号", "重点工作", "工作任务")
    first = [header, ("1", "道路整治", "修缮柳杏路"), ("2", "绿化提升", "补种行道树")]
    second = [header, ("3", "", "清理河道")]  # 重点工作 left empty, and the row above was its own cell
    source = read_source(_ruled_pdf([first, second], {}), "ruled.pdf")
    last = [ln for ln in source.lines if ln.cells][-1]
    assert (last.page, last.row, last.cells, last.merged) == (2, 4, ("3", "", "清理河道"), (False, False, False))


def test_two_tables_keep_their_numbers():
    blocks = [P("一、第一张表"), T((("序号", "任务", "责任部门"), ("1", "修路", "管理办"))), P("二、第二张表"),
              T((("序号", "任务", "责任部门"), ("1", "种树", "林长办")))]
    for fmt in FORMATS:
        rows = [(ln.table, ln.row, ln.cells[1]) for ln in _read(blocks, fmt).lines if ln.cells]
        assert rows == [(1, 1, "任务"), (1, 2, "修路"), (2, 1, "任务"), (2, 2, "种树")], fmt


def test_pdf_cell_wrapped_over_lines_is_joined_without_a_space():
    long_unit = "社区营商环境办、城市建设管理事务中心、综合行政执法队、各居民区"
    blocks = [T((("序号", "任务", "配合部门"), ("1", "推进" + "老旧小区综合整新，" * 6 + "完成改造。", long_unit)))]
    row = [ln for ln in _read(blocks, "pdf").lines if ln.cells][1]
    assert row.cells[2] == long_unit and row.cells[1].startswith("推进老旧小区综合整新，老旧")


# --------------------------------------------------------------------------- Word


def _docx(build) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_merged_cells_stand_in_the_row_they_came_from():
    def build(document):
        document.add_paragraph("附件 2")
        table = document.add_table(rows=4, cols=4)
        for r, row in enumerate([("序号", "重点工作", "分管领导", "牵头单位"), ("一、营商环境", "", "", ""),
                                 ("1", "优化审批流程", "邵明哲", "经发办"), ("2", "开展企业走访", "", "")]):
            for c, text in enumerate(row):
                if text:
                    table.cell(r, c).text = text
        table.cell(1, 0).merge(table.cell(1, 3))  # a section row: one cell over the whole row
        table.cell(2, 2).merge(table.cell(3, 2))  # the lead holds for two rows
        table.cell(2, 3).merge(table.cell(3, 3))
        document.add_paragraph("第一行\n第二行")  # a line break inside a paragraph

    lines = read_source(_docx(build), "notice.docx").lines
    assert [(ln.row, ln.cells) for ln in lines if ln.cells] == [
        (1, ("序号", "重点工作", "分管领导", "牵头单位")),
        (2, ("一、营商环境", "", "", "")),
        (3, ("1", "优化审批流程", "邵明哲", "经发办")),
        (4, ("2", "开展企业走访", "", "")),
    ]
    assert [ln.merged for ln in lines if ln.cells] == [
        (False,) * 4, (False, True, True, True), (False,) * 4, (False, False, True, True)]
    assert [ln.text for ln in lines if not ln.cells] == ["附件 2", "第一行", "第二行"]
    assert [ln.no for ln in lines] == [1, 2, 3, 4, 5, 6, 7]


def test_docx_cell_paragraphs_joined_by_a_space():
    def build(document):
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "工作任务", "配合单位"
        table.cell(1, 0).text = "修缮道路"
        cell = table.cell(1, 1)
        cell.text = "管理办"
        cell.add_paragraph("服务办")

    rows = [ln.cells for ln in read_source(_docx(build), "a.docx").lines if ln.cells]
    assert rows[1] == ("修缮道路", "管理办 服务办")


# --------------------------------------------------------------------------- web pages


def test_html_rowspan_colspan_on_the_grid_and_text_blocks():
    page = """<html><head><title>不读</title><script>var x = "不读";</script></head><body>
      <div>组长：汪晓晨<br>副组长：邹宇轩<!-- 注释 --></div>
      <table><tr><th>序号</th><th>工作任务</th><th>责任领导</th><th>责任科室</th></tr>
        <tr><td colspan="4">一、城市管理</td></tr>
        <tr><td>1</td><td>整治<b>背街</b>小巷</td><td rowspan="2">邹宇轩</td><td>城管科</td></tr>
        <tr><td>2</td><td>修缮道路</td><td>建管科<br>规划科</td></tr>
      </table><p>以上任务请抓好落实。</p></body></html>"""
    lines = read_source(page.encode(), "a.html").lines
    assert [ln.text for ln in lines if not ln.cells] == ["组长：汪晓晨", "副组长：邹宇轩", "以上任务请抓好落实。"]
    assert [ln.cells for ln in lines if ln.cells] == [
        ("序号", "工作任务", "责任领导", "责任科室"),
        ("一、城市管理", "", "", ""),
        ("1", "整治背街小巷", "邹宇轩", "城管科"),
        ("2", "修缮道路", "", "建管科 规划科"),
    ]
    assert [ln.merged for ln in lines if ln.cells][1:] == [
        (False, True, True, True), (False,) * 4, (False, False, True, False)]


def test_html_layout_table_is_read_as_text_and_its_inner_table_as_a_table():
    page = """<html><body><table><tr><td>网站导航</td><td>
      <p>青松路街道任务表</p>
      <table><tr><td>序号</td><td>任务</td></tr><tr><td>1</td><td>种树</td></tr></table>
      </td></tr></table></body></html>"""
    lines = read_source(page.encode(), "a.html").lines
    assert [(ln.text, ln.table) for ln in lines] == [("网站导航", None), ("青松路街道任务表", None),
                                                     ("序号 任务", 1), ("1 种树", 1)]


def test_html_in_gbk_as_its_meta_says():
    blocks = plan_blocks(rows=3)
    gbk = render.render_html(blocks, encoding="gbk")
    assert b"charset=\"gb2312\"" in gbk
    assert _shape(read_source(gbk, "a.html")) == _shape(_read(blocks, "html"))


# --------------------------------------------------------------------------- which format


def test_format_by_magic_bytes_before_suffix():
    blocks = plan_blocks(rows=2)
    assert detect_format(render.render_pdf(blocks), "plan.txt") == "pdf"
    assert detect_format(render.render_docx(blocks), "plan.bin") == "docx"
    assert detect_format(render.render_html(blocks), "plan.txt") == "html"
    assert detect_format(render.render_txt(blocks), "plan.txt") == "txt"
    assert detect_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), "x") == "doc"
    assert detect_format(b"not really a pdf", "plan.pdf") == "pdf"  # then its reader says it is damaged


def test_txt_render_is_a_pipe_table():
    text = render.render_txt(plan_blocks(rows=2)).decode()
    assert "| 序号 | 一级指标 | 二级项目 | 三级内容 | 牵头领导 | 责任部门 | 配合部门 |" in text
    assert "| 2 |  |  | 开展背街小巷环境整治，消除乱堆物、乱张贴现象。 | 邹宇轩、汪晓晨 | 服务办 |  |" in text


def test_zip_that_is_no_word_file_is_refused():
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(PlanError, match="ZIP"):
        read_source(buf.getvalue(), "plan.xlsx")


# --------------------------------------------------------------------------- evidence


def test_every_fact_of_a_pdf_names_its_page_table_facts_their_cell(tmp_path):
    from loaders import read_plan

    blocks = plan_blocks(rows=70)
    path = tmp_path / "青松路.pdf"
    path.write_bytes(render.render_pdf(blocks))
    model = read_plan(path)
    evidence = [e.evidence for e in model.entities] + [r.evidence for r in model.relations]
    assert evidence and all(ev.page is not None and ev.file.endswith("青松路.pdf") for ev in evidence)
    official = next(e for e in model.of_label("Official") if e.name == "汪晓晨")
    assert official.evidence.page == 1 and official.evidence.table is None
    tasks = {t.number: t for t in model.of_label("Task")}
    assert len(tasks) == 70 and tasks[1].evidence.page == 1 and tasks[70].evidence.page > 1
    assert (tasks[70].evidence.table, tasks[70].evidence.row) == (1, 71)
    leads = [r for r in model.relations if r.type == "LEADS" and r.target == tasks[70].id]
    assert [(r.evidence.row, r.evidence.cell) for r in leads] == [(71, 5)]  # 牵头领导 is the 5th column


def test_word_facts_name_table_row_cell_and_no_page(tmp_path):
    from loaders import read_plan

    path = tmp_path / "青松路.docx"
    path.write_bytes(render.render_docx(plan_blocks(rows=4)))
    model = read_plan(path)
    assert all(e.evidence.page is None for e in model.entities)
    tasks = {t.number: t for t in model.of_label("Task")}
    responsible = [r for r in model.relations if r.type == "RESPONSIBLE_FOR" and r.target == tasks[2].id]
    assert [(r.evidence.table, r.evidence.row, r.evidence.cell) for r in responsible] == [(1, 3, 6)]
