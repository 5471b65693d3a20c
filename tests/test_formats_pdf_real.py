"""PDFs as government offices publish them (tests/_real_pdf.py): the same facts as the same document as .txt.

Page furniture (running header, page numbers, 版记), tables ruled in other ways, scanned and landscape pages.
The documents are generated task-division tables (bench/synthetic_tables.py): invented names and bodies.
"""

from __future__ import annotations

import json

import pytest

from _formats import render, synthetic, synthetic_tables
from _real_pdf import Look, Scan, joined, real_pdf, turned
from graphmodel.errors import PlanError
from graphmodel.merge import fingerprint
from loaders.formats import read_source
from loaders.plans import read_plan

# 版记: who else receives the document, and who printed it when. Neither a task, a unit nor the issuer.
_IMPRINT = ("抄送：区委办公室，区人大常委会办公室，区政协办公室，区法院，区检察院。",
            "某某区人民政府办公室 2020年8月10日印发")
PAGE_NUMBERS = ("— {n} —", "第{n}页 共{total}页", "-{n}-")


def _document(seed: int, imprint: bool = True):
    doc = synthetic_tables.generate_table(seed)
    after = [*doc.after, *(_IMPRINT if imprint else ())]
    text = doc.text.rstrip("\n") + "\n\n" + "\n".join(_IMPRINT) + "\n" if imprint else doc.text
    blocks = [*map(render.Paragraph, doc.before), render.Table(tuple(doc.rows), doc.merge_down),
              *map(render.Paragraph, after)]
    return doc, text, blocks


def _squash(text: str) -> str:
    """Text without spaces: where a cell wraps at a space, the PDF draws none."""
    return "".join(text.split())


def _facts(path) -> tuple[str, set[str], set[str]]:
    body, entities, relations = json.loads(fingerprint(read_plan(path, "plan")))
    return body, set(entities), set(relations)


def _same_facts(tmp_path, text: str, pdf: bytes) -> None:
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    (tmp_path / "plan.pdf").write_bytes(pdf)
    want, got = _facts(tmp_path / "plan.txt"), _facts(tmp_path / "plan.pdf")
    assert len(want[1]) > 5 and len(want[2]) > 5
    assert got[0] == want[0]
    assert sorted(want[1] - got[1]) == sorted(got[1] - want[1]) == []
    assert sorted(want[2] - got[2]) == sorted(got[2] - want[2]) == []


# --------------------------------------------------------------------------- 1. page furniture


@pytest.mark.parametrize("seed", [0, 3, 9])
@pytest.mark.parametrize("numbers", PAGE_NUMBERS)
def test_page_furniture_is_no_text_and_a_table_goes_on_over_it(tmp_path, seed, numbers):
    doc, text, blocks = _document(seed)
    title = doc.before[0]  # the 文号 as running header
    pdf = real_pdf(blocks, Look(header=title, page_number=numbers, small=True))
    source = read_source(pdf, "plan.pdf")
    assert max(ln.page for ln in source.lines) >= 2  # the table crosses a page
    texts = [ln.text for ln in source.lines]
    assert texts.count(title) == 1  # the running header is left out, the 文号 on page 1 kept
    assert not [t for t in texts if any(ch.isdigit() for ch in t) and len(t) <= 12 and "页" in t or t.strip("—- 0123456789") == ""]
    rows = [ln for ln in source.lines if ln.cells is not None]
    assert {ln.table for ln in rows} == {1} and [ln.row for ln in rows] == list(range(1, len(rows) + 1))
    assert [ln.cells for ln in rows].count(rows[0].cells) == 1  # the header repeated on page 2 left out
    assert len(rows) == len(doc.rows)
    assert "".join(texts).endswith("".join(" ".join(t.split()) for t in _IMPRINT))  # the 版记 is kept as text
    _same_facts(tmp_path, text, pdf)


def test_imprint_is_no_unit_no_issuer_and_no_task(tmp_path):
    doc, text, blocks = _document(3)
    (tmp_path / "plan.pdf").write_bytes(real_pdf(blocks, Look(page_number="— {n} —")))
    model = read_plan(tmp_path / "plan.pdf", "plan.pdf")
    names = {e.name for e in model.entities}
    assert not any(word in name for name in names for word in ("区委办公室", "区人大", "区政协", "区法院", "区检察院"))
    [plan] = model.of_label("Plan")
    assert plan.issuers == ["丹禾区人民政府"] and plan.printed == "2020-08-10"
    assert len(model.of_label("Task")) == len(doc.truth.tasks)
    _same_facts(tmp_path, text, (tmp_path / "plan.pdf").read_bytes())


def test_numbers_alone_on_body_lines_are_no_page_numbers():
    """A table pasted as text, one cell per line: its numbers (1, 2 …) stand alone on lines, also at the bottom
    or top of a page; they are text, unlike a page number that runs with the pages."""
    doc = synthetic_tables.generate_table(3)
    assert doc.truth.form == "cells"
    lines = [t.strip() for t in doc.text.splitlines() if t.strip()]
    for look in (Look(small=True), Look(small=True, page_number="{n}")):
        source = read_source(real_pdf([render.Paragraph(t) for t in lines], look), "plan.pdf")
        assert max(ln.page for ln in source.lines) >= 3
        squash = "".join(ln.text for ln in source.lines).replace(" ", "")  # long lines wrap on the page
        assert squash == "".join(lines).replace(" ", "")


def test_page_number_of_a_one_page_document_is_no_text():
    pdf = real_pdf([render.Paragraph("第一行"), render.Paragraph("7")], Look(page_number="— {n} —"))
    assert [ln.text for ln in read_source(pdf, "plan.pdf").lines] == ["第一行", "7"]


# --------------------------------------------------------------------------- 2. tables without vertical rules

SEEDS = range(12)


def _blocks(doc, *, merge: bool = True):
    return [*map(render.Paragraph, doc.before),
            render.Table(tuple(doc.rows), doc.merge_down if merge else frozenset()), *map(render.Paragraph, doc.after)]


@pytest.mark.parametrize("seed", SEEDS)
def test_table_with_a_rule_under_every_row_and_no_vertical_rules_reads_as_cells(tmp_path, seed):
    """Merged cells too: a rule left open over a cell merges it with the one above."""
    doc = synthetic_tables.generate_table(seed)
    pdf = real_pdf(_blocks(doc), Look(rules="horizontal"))
    source = read_source(pdf, "plan.pdf")
    rows = [ln for ln in source.lines if ln.cells is not None]
    assert [tuple(map(_squash, ln.cells)) for ln in rows] == [tuple(map(_squash, r)) for r in doc.rows]
    assert source.notices == ()
    _same_facts(tmp_path, doc.text, pdf)


@pytest.mark.parametrize("rules", ["three-line", "box", "box-landscape", "broken"])
@pytest.mark.parametrize("seed", SEEDS)
def test_three_line_and_boxed_tables_read_as_cells(tmp_path, seed, rules):
    """No merged cells (a three-line table draws none): the rows are told by the white between them; an empty
    cell is read as text reads it (under a filled one: the same). A grid with segments missing reads as a grid."""
    doc = synthetic_tables.generate_table(seed)
    runs = render.Table(tuple(doc.rows), doc.merge_down).drawn()[1]
    spanned = {(col, r) for col, first, last in runs for r in range(first, last + 1)}
    sections = {r for r, row in enumerate(doc.rows) if not any(row[1:])}
    broken = frozenset((c, r) for c in range(1, len(doc.rows[0])) for r in range(2, len(doc.rows), 2)
                       if not {(c - 1, r), (c, r)} & spanned and r not in sections)  # no merged cell beside
    assert len(broken) >= 3
    blocks = _blocks(doc, merge=rules == "broken")  # a grid draws its merged cells
    [table] = [b for b in blocks if isinstance(b, render.Table)]
    landscape = rules.endswith("-landscape")  # wide columns: no cell wraps, a row a line
    rules = rules.removesuffix("-landscape")
    pdf = real_pdf(blocks, Look(rules=rules, broken=broken, landscape=landscape))
    source = read_source(pdf, "plan.pdf")
    rows = [ln for ln in source.lines if ln.cells is not None]
    assert [tuple(map(_squash, ln.cells)) for ln in rows] == [tuple(map(_squash, r)) for r in table.drawn()[0]]
    assert source.notices == ()
    assert all((ln.merged is None) == (rules != "broken") for ln in rows)
    _same_facts(tmp_path, doc.text, pdf)


@pytest.mark.parametrize("seed", [s for s in SEEDS if synthetic_tables.generate_table(s).merge_down])
def test_merged_cells_without_rules_between_rows_are_not_guessed(tmp_path, seed):
    """A cell merged over rows with no rule between them stands across a row's end: which rows it holds for is
    not sure, so the table is read as text lines and a warning names the page; no fact is made up from it."""
    doc = synthetic_tables.generate_table(seed)
    drawn = render.Table(tuple(doc.rows), doc.merge_down).drawn()[1]
    pdf = real_pdf(_blocks(doc), Look(rules="three-line"))
    source = read_source(pdf, "plan.pdf")
    if not drawn:
        return
    assert [(n.kind, n.values) for n in source.notices] == [("pdf-table-rows-unsure", {"page": 1})]
    assert not any(ln.cells for ln in source.lines)
    (tmp_path / "plan.pdf").write_bytes(pdf)
    try:
        model = read_plan(tmp_path / "plan.pdf", "plan.pdf")
    except PlanError as exc:
        assert "分不清各行" in str(exc) and "cannot be told" in exc.en
    else:
        assert any(getattr(w, "kind", None) == "pdf-table-rows-unsure" for w in model.warnings)


def test_table_whose_columns_cannot_be_told_is_text_with_a_warning():
    """Cells with no padding, their text filling them: no white between two columns where an edge could stand."""
    header = ("序号", "工作任务", "牵头单位")
    task = "完善社区服务设施建设，推进老旧小区改造和加装电梯，补齐养老托育短板"
    rows = [header, ("1", task, "区住房和城乡建设管理委员会、区民政局、区卫生健康委员会"),
            ("2", task, "区住房和城乡建设管理委员会、区发展和改革委员会")]
    look = Look(rules="three-line", widths=(0.08, 0.46, 0.46), padding=0)
    pdf = real_pdf([render.Paragraph("某某区重点任务分工表"), render.Table(tuple(rows))], look)
    source = read_source(pdf, "plan.pdf")
    assert [(n.kind, n.values, n.line) for n in source.notices] == [("pdf-table-columns-unsure", {"page": 1}, 2)]
    assert not any(ln.cells for ln in source.lines)


def test_columns_never_read_one_for_two(tmp_path):
    """Header words too near to tell apart (no padding): the body's white between them says there are two
    columns where the header shows one, so the table is text, with a warning — never two columns' text in one."""
    doc = synthetic_tables.generate_table(9)
    pdf = real_pdf(_blocks(doc, merge=False), Look(rules="three-line", padding=1))
    source = read_source(pdf, "plan.pdf")
    assert [n.kind for n in source.notices] == ["pdf-table-columns-unsure"]
    assert not any(ln.cells for ln in source.lines)


# --------------------------------------------------------------------------- 4. a scanned page among text pages


@pytest.mark.parametrize("ocr_installed", [True, False])
def test_scanned_page_among_text_pages_is_named_and_the_text_pages_read(tmp_path, monkeypatch, ocr_installed):
    """A picture without text among text pages: OCR finds nothing on it (or is not installed): a warning names it."""
    from loaders.formats import _ocr

    installed = _ocr.available()
    monkeypatch.setattr(_ocr, "available", lambda: ocr_installed and installed)
    doc, text, blocks = _document(3)
    at = blocks.index(next(b for b in blocks if isinstance(b, render.Table)))
    pdf = real_pdf([*blocks[:at], Scan(), *blocks[at:]], Look(page_number="— {n} —"))
    source = read_source(pdf, "plan.pdf")
    kind = "ocr-page-no-text" if ocr_installed else "pdf-page-no-text"
    assert [(n.kind, n.values) for n in source.notices] == [(kind, {"pages": ["2"]})]
    assert {ln.page for ln in source.lines} == {1, 3}
    _same_facts(tmp_path, text, pdf)
    model = read_plan(tmp_path / "plan.pdf", "plan.pdf")
    [warning] = [w for w in model.warnings if getattr(w, "kind", None) == kind]
    from graphmodel.labels import notice
    if ocr_installed:
        assert notice(warning) == "plan.pdf: PDF 第 2 页是图片（像是扫描件），OCR 没有识别出文字，其内容未读取"
    else:
        assert notice(warning) == ("plan.pdf: PDF 第 2 页没有文字层（像是扫描件），其内容未读取，需要 OCR 识别"
                                   "（pip install 'graphmodel[ocr]'）")
        assert "page 2 of the PDF has no text layer" in notice(warning, "en")


def test_whole_scan_says_what_ocr_found_or_that_it_is_needed(monkeypatch):
    from loaders.formats import _ocr

    pdf = real_pdf([Scan()], Look())
    with pytest.raises(PlanError, match="OCR 也没有识别出文字"):  # a picture of bars, no text
        read_source(pdf, "scan.pdf")
    monkeypatch.setattr(_ocr, "available", lambda: False)
    with pytest.raises(PlanError, match=r"需要 OCR.*graphmodel\[ocr\]"):
        read_source(pdf, "scan.pdf")


# --------------------------------------------------------------------------- 3. cells of several lines


def _division(sep: str, numbers: list[str], names: list[str] = ["汪晓晨", "邹宇轩", "韩雅琳", "姚佳怡"]):
    """An invented 任务分工方案 of 青松区; ``sep`` stands between two names of one cell (、 in text, a line break
    in the PDF)."""
    a, b, c, d = names
    data = [("推进背街小巷环境整治，消除乱堆物现象。", f"{a}{sep}{b}", "区市场监督管理局",
             "区城市管理行政执法局、区生态环境局", "2025年6月底"),
            ("完成老旧小区综合改造12个。", c, "区住房和城乡建设管理委员会", f"区发展和改革委员会{sep}区财政局",
             "2025年9月底"),
            ("建成社区长者食堂8个，群众满意度明显提升。", f"{d}{sep}{a}", "区民政局", "各街道办事处", "2025年12月底")]
    rows = [("序号", "工作任务", "分管领导", "牵头单位", "配合单位", "完成时限")]
    rows += [(n, *row) for n, row in zip(numbers, data)]
    return [render.Paragraph(t) for t in ("青府办〔2025〕7号", "关于印发《青松区2025年民生实事任务分工方案》的通知",
                                          "各有关单位：", "现将《青松区2025年民生实事任务分工方案》印发给你们，请认真贯彻落实。",
                                          "青松区人民政府办公室", "2025年3月8日", "青松区2025年民生实事任务分工方案")
            ] + [render.Table(tuple(rows))]


@pytest.mark.parametrize("rules", ["grid"])
@pytest.mark.parametrize("numbers", [["1", "2", "3"], ["1.", "2.", "3."], ["(1)", "(2)", "(3)"], ["一、", "二、", "三、"]])
def test_two_names_on_two_lines_are_two_and_a_wrapped_unit_is_one(tmp_path, numbers, rules):
    """A narrow 牵头单位 column wraps 区市场监督管理局 inside the name; 汪晓晨 / 邹宇轩 stand on two lines on
    purpose (the next name would have fitted): two leads, as the text's 汪晓晨、邹宇轩."""
    widths = (0.07, 0.3, 0.1, 0.13, 0.25, 0.15)
    pdf = real_pdf(_division("\n", numbers), Look(rules=rules, widths=widths))
    source = read_source(pdf, "plan.pdf")
    rows = [ln.cells for ln in source.lines if ln.cells]
    assert [r[2] for r in rows[1:]] == ["汪晓晨 邹宇轩", "韩雅琳", "姚佳怡 汪晓晨"]
    assert [r[3] for r in rows[1:]] == ["区市场监督管理局", "区住房和城乡建设管理委员会", "区民政局"]
    assert rows[2][4] == "区发展和改革委员会 区财政局"
    _same_facts(tmp_path, render.render_txt(_division("、", numbers)).decode(), pdf)
    model = read_plan(tmp_path / "plan.pdf", "plan.pdf")
    text = {e.id: e.text[:2] for e in model.of_label("Task")}
    leads = sorted((r.source.split("/")[-1], text[r.target]) for r in model.relations if r.type == "LEADS")
    assert leads == sorted([("姚佳怡", "建成"), ("汪晓晨", "推进"), ("汪晓晨", "建成"), ("邹宇轩", "推进"), ("韩雅琳", "完成")])


def _word_grid(pages: list[list[tuple[str, ...]]], merged: dict[int, range], column: int, header: str) -> bytes:
    """A task table drawn line by line as a word processor prints it, over pages with a running header and a
    page number; on page ``p`` the rows ``merged[p]`` of ``column`` are one cell (no line between, text in the
    first only), so a cell the page break cuts goes on, drawn empty, at the top of the next page."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    xs, height = (60, 100, 330, 420, 540), 30
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for number, rows in enumerate(pages):
        pdf.setFont("STSong-Light", 10)
        pdf.drawCentredString(A4[0] / 2, A4[1] - 40, header)
        pdf.drawCentredString(A4[0] / 2, 30, f"— {number + 1} —")
        top = A4[1] - 90 if number else A4[1] - 200
        if not number:
            pdf.drawString(60, A4[1] - 120, "青府办〔2025〕9号")
            pdf.drawString(60, A4[1] - 140, "青松区2025年城市更新任务分工方案")
        span = merged.get(number, range(0))
        bottom = top - height * len(rows)
        for x in xs:
            pdf.line(x, top, x, bottom)
        for r in range(len(rows) + 1):
            y = top - height * r
            for c in range(len(xs) - 1):
                if not (c == column and r in span and r - 1 in span):
                    pdf.line(xs[c], y, xs[c + 1], y)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text and not (c == column and r in span and r != span.start):
                    pdf.drawString(xs[c] + 4, top - height * r - 19, text)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def test_merged_lead_cut_by_a_page_break_leads_the_rows_on_the_next_page(tmp_path):
    """分管领导 merged over rows 2-5, the page break after row 3, a running header and page numbers between."""
    header = ("序号", "工作任务", "分管领导", "牵头单位")
    first = [header, ("1", "完成柳杏路沿街立面整治。", "汪晓晨", "区建管委"), ("2", "完成桃园路架空线入地。", "邹宇轩", "区建管委"),
             ("3", "完成梅林路雨污分流改造。", "", "区水务局")]
    second = [header, ("4", "完成竹园路人行道翻修。", "", "区建管委"), ("5", "完成兰亭路路灯更新。", "", "区建管委"),
              ("6", "补种行道树三百株。", "韩雅琳", "区绿化市容局")]
    pdf = _word_grid([first, second], {0: range(2, 4), 1: range(1, 3)}, 2, "青府办〔2025〕9号")
    source = read_source(pdf, "plan.pdf")
    rows = [(ln.page, ln.row, ln.cells[2], ln.merged[2]) for ln in source.lines if ln.cells]
    assert rows == [(1, 1, "分管领导", False), (1, 2, "汪晓晨", False), (1, 3, "邹宇轩", False), (1, 4, "", True),
                    (2, 5, "", True), (2, 6, "", True), (2, 7, "韩雅琳", False)]
    assert [ln.text for ln in source.lines if ln.cells is None] == ["青府办〔2025〕9号", "青松区2025年城市更新任务分工方案"]
    (tmp_path / "plan.pdf").write_bytes(pdf)
    model = read_plan(tmp_path / "plan.pdf", "plan.pdf")
    number = {e.id: e.number for e in model.of_label("Task")}
    leads = sorted((number[r.target], r.source.split("/")[-1], r.properties.get("inherited", False))
                   for r in model.relations if r.type == "LEADS")
    assert leads == [(1, "汪晓晨", False), (2, "邹宇轩", False), (3, "邹宇轩", True), (4, "邹宇轩", True),
                     (5, "邹宇轩", True), (6, "韩雅琳", False)]
    evidence = {number[r.target]: r.evidence for r in model.relations if r.type == "LEADS"}
    assert (evidence[5].page, evidence[5].row, evidence[5].cell) == (1, 3, 3)  # read where the merged cell starts


# --------------------------------------------------------------------------- 5. landscape and turned pages


@pytest.mark.parametrize("seed", [0, 3, 9])
@pytest.mark.parametrize("turn", [False, True])
def test_landscape_pages_and_pages_turned_by_rotate_read_alike(tmp_path, seed, turn):
    """A landscape table, as drawn (a wide page) or turned on a portrait page that says /Rotate 90."""
    doc, text, blocks = _document(seed)
    pdf = real_pdf(blocks, Look(landscape=True, page_number="第{n}页 共{total}页"))
    pdf = turned(pdf) if turn else pdf
    source = read_source(pdf, "plan.pdf")
    rows = [ln for ln in source.lines if ln.cells is not None]
    [table] = [b for b in blocks if isinstance(b, render.Table)]
    assert [tuple(map(_squash, ln.cells)) for ln in rows] == [tuple(map(_squash, r)) for r in table.drawn()[0]]
    assert source.lines[0].text == doc.before[0]
    _same_facts(tmp_path, text, pdf)


@pytest.mark.parametrize("seed", [0, 3, 9])
def test_turned_three_line_table_reads_as_cells(tmp_path, seed):
    doc = synthetic_tables.generate_table(seed)
    pdf = turned(real_pdf(_blocks(doc, merge=False), Look(landscape=True, rules="three-line")))
    source = read_source(pdf, "plan.pdf")
    rows = [ln for ln in source.lines if ln.cells is not None]
    assert [tuple(map(_squash, ln.cells)) for ln in rows] == [tuple(map(_squash, r)) for r in doc.rows]
    _same_facts(tmp_path, doc.text, pdf)


@pytest.mark.parametrize("seed", [700, 704, 707])
def test_action_plan_with_furniture_and_imprint_reads_as_its_text(tmp_path, seed):
    """A generated 街道 action plan (its task table split over lines in the text, as pdftotext gives it; a real
    table in the PDF), a running header and page numbers on every page, a 版记 at the end: the 抄送 line is no
    task in either."""
    plan = synthetic.generate_plan(seed, tasks=None)
    text = plan.text.rstrip("\n") + "\n\n" + "\n".join(_IMPRINT) + "\n"
    blocks = [*render.blocks_of_synthetic(plan), *map(render.Paragraph, _IMPRINT)]
    pdf = real_pdf(blocks, Look(header=plan.paragraphs[0], page_number="— {n} —"))
    assert max(ln.page for ln in read_source(pdf, "plan.pdf").lines) >= 2
    _same_facts(tmp_path, text, pdf)
    for name in ("plan.txt", "plan.pdf"):
        tasks = read_plan(tmp_path / name, name).of_label("Task")
        assert len(tasks) == len(plan.truth.tasks) and not any("抄送" in t.text for t in tasks)


@pytest.mark.parametrize("seed", [0, 3, 9])
def test_a_turned_table_page_after_portrait_text_pages(tmp_path, seed):
    """The notice on a portrait page, its table on a landscape page turned by /Rotate, as offices bind them."""
    doc, text, blocks = _document(seed, imprint=False)
    at = blocks.index(next(b for b in blocks if isinstance(b, render.Table)))
    pdf = joined(real_pdf(blocks[:at]), turned(real_pdf(blocks[at:], Look(landscape=True))))
    source = read_source(pdf, "plan.pdf")
    assert {ln.page for ln in source.lines if ln.cells} == {2} and {ln.page for ln in source.lines} == {1, 2}
    assert len([ln for ln in source.lines if ln.cells]) == len(doc.rows)
    _same_facts(tmp_path, text, pdf)


def test_attachment_headings_atop_pages_are_no_page_numbers():
    """附件1 atop page 2, 附件2 atop page 3, at the same height: their numbers run with the pages, yet they are
    headings; only a line that says nothing but its page number (— 2 —, 第2页 共3页) is one."""
    parts = [["正文第一页。"], ["附件1", "第一张表。"], ["附件2", "第二张表。"]]
    pdf = joined(*(real_pdf([render.Paragraph(t) for t in part]) for part in parts))
    source = read_source(pdf, "plan.pdf")
    assert [(ln.page, ln.text) for ln in source.lines] == [(1, "正文第一页。"), (2, "附件1"), (2, "第一张表。"),
                                                           (3, "附件2"), (3, "第二张表。")]


@pytest.mark.parametrize("rules", ["three-line", "horizontal"])
def test_table_without_vertical_rules_over_three_pages_keeps_its_header_rows_apart_from_furniture(tmp_path, rules):
    """The header row repeated atop pages 2 and 3 at the same height stands between two rules: no running
    header, so the table's parts are still known by it and go on as one table."""
    doc = synthetic_tables.generate_table(3)
    rows = [doc.rows[0], *[r for r in doc.rows[1:] if r[0] and r[0][0].isdigit()] * 3]
    rows = [rows[0], *[(str(k), *r[1:]) for k, r in enumerate(rows[1:], 1)]]
    blocks = [*map(render.Paragraph, doc.before), render.Table(tuple(rows)), *map(render.Paragraph, doc.after)]
    pdf = real_pdf(blocks, Look(rules=rules, small=True, page_number="— {n} —", header=doc.before[0]))
    source = read_source(pdf, "plan.pdf")
    cells = [ln for ln in source.lines if ln.cells]
    assert max(ln.page for ln in cells) >= 3 and source.notices == ()
    assert {ln.table for ln in cells} == {1}
    assert [tuple(map(_squash, ln.cells)) for ln in cells] == [tuple(map(_squash, r)) for r in rows]


@pytest.mark.parametrize("seed, rules", [(0, "three-line"), (3, "three-line"), (8, "three-line"), (9, "three-line"),
                                         (0, "horizontal"), (8, "horizontal")])
def test_table_without_vertical_rules_goes_on_over_a_page_without_its_header(tmp_path, seed, rules):
    """Word repeats no header row unless told: the part atop page 2 is read in the columns of the part before."""
    doc = synthetic_tables.generate_table(seed)
    blocks = _blocks(doc, merge=rules == "horizontal")
    [table] = [b for b in blocks if isinstance(b, render.Table)]
    pdf = real_pdf(blocks, Look(rules=rules, small=True, repeat_header=False, page_number="— {n} —"))
    source = read_source(pdf, "plan.pdf")
    cells = [ln for ln in source.lines if ln.cells]
    assert max(ln.page for ln in cells) == 2 and source.notices == () and {ln.table for ln in cells} == {1}
    assert [tuple(map(_squash, ln.cells)) for ln in cells] == [tuple(map(_squash, r)) for r in table.drawn()[0]]
    _same_facts(tmp_path, doc.text, pdf)
