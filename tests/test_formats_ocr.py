"""Scans read by OCR (the ``ocr`` extra, rapidocr-onnxruntime): the facts of the same text, fact by fact.

Each scan is made here: the document drawn by reportlab, each page rasterised by PDFium at 300 dpi, the pictures
put into a PDF of pictures only (no text layer), or saved as PNG / TIFF. OCR costs about two seconds a page on this
machine's two cores, so each document is one or two pages: the heading of a bundled plan and its leading-group
attachment (附件 1), or the invented plan of the tests; tables of a scan are not read as cells (they are not in these
pages). Drawing Chinese needs a Chinese font on the machine (PDFium draws STSong-Light with an installed one).
"""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from _formats import plan_blocks, render
from _plans import JINYANG, WEIFANG
from _real_pdf import joined
from graphmodel.cli import app
from graphmodel.errors import PlanError
from loaders.plans import resolve_source
from graphmodel.merge import fingerprint
from loaders.formats import _ocr, read_source
from loaders.plans import read_plan

pytestmark = pytest.mark.skipif(render.cjk_font() is None,
                                reason="drawing the scans needs a Chinese font installed (e.g. Debian's fonts-wqy-microhei)")
DPI = 300


def _pictures(pdf: bytes, dpi: int = DPI):
    """Each page of a PDF as a gray picture (PIL), as a scanner gives it."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    return [document[k].render(scale=dpi / 72, grayscale=True).to_pil() for k in range(len(document))]


def _scan(pdf: bytes, dpi: int = DPI) -> bytes:
    """A PDF of pictures only: each page of ``pdf`` rasterised, no text layer."""
    pictures = _pictures(pdf, dpi)
    buf = io.BytesIO()
    pictures[0].save(buf, "PDF", save_all=True, append_images=pictures[1:], resolution=float(dpi))
    return buf.getvalue()


def _leading_group(path):
    """The heading of a bundled plan (文号, title, addressees, issuer, date) and its attachment 1, the leading group."""
    blocks = render.blocks_from_text(path.read_bytes(), path.name)
    start = next(k for k, b in enumerate(blocks) if isinstance(b, render.Paragraph) and b.text.replace(" ", "") == "附件1")
    end = next((k for k, b in enumerate(blocks) if k > start and (isinstance(b, render.Table)
                                                                 or b.text.replace(" ", "") == "附件2")), len(blocks))
    return blocks[:6] + blocks[start:end]


def _facts(path, name):
    body, entities, relations = json.loads(fingerprint(read_plan(path, name)))
    return body, set(entities), set(relations)


def _same_facts(tmp_path, blocks, data: bytes, name: str) -> None:
    (tmp_path / "twin.txt").write_bytes(render.render_txt(blocks))
    (tmp_path / name).write_bytes(data)
    want, got = _facts(tmp_path / "twin.txt", "twin.txt"), _facts(tmp_path / name, name)
    assert len(want[1]) > 5 and len(want[2]) > 5
    assert got[0] == want[0]
    assert sorted(want[1] - got[1]) == sorted(got[1] - want[1]) == []
    assert sorted(want[2] - got[2]) == sorted(got[2] - want[2]) == []


def test_a_scanned_bundled_plan_gives_the_facts_of_its_text(tmp_path):
    blocks = _leading_group(WEIFANG)
    scan = _scan(render.render(blocks, "pdf"))
    source = read_source(scan, "scan.pdf")
    assert [n.kind for n in source.notices][:1] == ["ocr-pages"]
    import pypdfium2

    assert {ln.page for ln in source.lines} == set(range(1, len(pypdfium2.PdfDocument(scan)) + 1))
    _same_facts(tmp_path, blocks, scan, "scan.pdf")


def test_a_scanned_bundled_plan_with_rare_characters_in_names_loses_only_those(tmp_path):
    """金杨's leading group holds names of rare characters (珏, 赟, 冉) that the recogniser misreads at 300 dpi in
    the font PDFium draws them with (赟 is not in its alphabet); none is read wrong: each of their lines is a warning,
    and what is missed is their facts and those of the member listed under the warned 组长 line (张士伟, whose role
    that line holds); every other relation is read."""
    blocks = _leading_group(JINYANG)
    (tmp_path / "twin.txt").write_bytes(render.render_txt(blocks))
    (tmp_path / "scan.pdf").write_bytes(_scan(render.render(blocks, "pdf")))
    _body, _e, want = _facts(tmp_path / "twin.txt", "twin.txt")
    _body, _e, got = _facts(tmp_path / "scan.pdf", "scan.pdf")
    missed, extra = want - got, got - want
    assert len(got & want) >= 0.85 * len(want) and sorted(extra) == []
    rare = ("殷珏娟", "蔡晨赟", "罗冉芳", "张士伟")
    assert all(any(name in fact for name in rare) for fact in missed), sorted(missed)
    warned = [n.values["text"] for n in read_source((tmp_path / "scan.pdf").read_bytes(), "scan.pdf").notices
              if n.kind == "ocr-unsure"]
    assert len(warned) == 3 and all(any(title in w for w in warned) for title in ("人大工委主任", "人大工委副主任",
                                                                                  "社区党群服务中心主任"))


def test_spaces_inside_a_line_come_back_from_the_picture():
    """The recogniser reads 组长：汪晓晨党工委书记; the white on the picture puts the spaces back."""
    blocks = plan_blocks()[:18]
    lines = [ln.text for ln in read_source(_scan(render.render(blocks, "pdf")), "scan.pdf").lines]
    for want in ("组 长：汪晓晨 党工委书记", "副 组 长：邹宇轩 办事处副主任", "韩雅琳 党工委委员、办事处副主任",
                 "成 员：姚佳怡 社区管理办主任", "沪青委〔2024〕15号", "青松路街道美丽家园建设领导小组名单"):
        assert want in lines
    assert "中共青松路街道工作委员会 青松路街道办事处" in lines


def test_a_picture_and_a_tiff_of_two_pages_are_read_with_their_pages(tmp_path):
    blocks = plan_blocks()[:18]
    pictures = _pictures(render.render(blocks, "pdf"))
    png = io.BytesIO()
    pictures[0].save(png, "PNG")
    _same_facts(tmp_path, blocks, png.getvalue(), "名单.png")
    tiff = io.BytesIO()
    pictures[0].save(tiff, "TIFF", save_all=True, append_images=[pictures[0]])
    lines = read_source(tiff.getvalue(), "名单.tif").lines
    assert {ln.page for ln in lines} == {1, 2} and len(lines) % 2 == 0
    assert [ln.text for ln in lines if ln.page == 1] == [ln.text for ln in lines if ln.page == 2]


def test_a_pdf_of_text_pages_and_a_scanned_page_reads_both(tmp_path):
    blocks = plan_blocks()[:18]
    text, scan = render.render(blocks[:12], "pdf"), _scan(render.render(blocks[12:], "pdf"))
    mixed = joined(text, scan)
    source = read_source(mixed, "mixed.pdf")
    assert [(n.kind, n.values["pages"]) for n in source.notices] == [("ocr-pages", ["2"])]
    assert {ln.page for ln in source.lines if "组 长" in ln.text} == {2}
    _same_facts(tmp_path, blocks, mixed, "mixed.pdf")


def test_text_ocr_is_unsure_of_is_a_warning_never_a_fact(monkeypatch):
    """With the bar set above what the recogniser gives, nothing it read is a fact: each is a warning naming its
    page, line, box and confidence, and the document has no text. With the bar between, the lines it is unsure of are
    warnings and lines flagged unsure (the reader reads their structure), and no fact of the model stands on one."""
    scan = _scan(render.render(plan_blocks()[12:18], "pdf"))
    monkeypatch.setattr(_ocr, "MIN_CONFIDENCE", 1.01)
    with pytest.raises(PlanError, match="OCR 也没有识别出文字"):
        read_source(scan, "scan.pdf")
    monkeypatch.setattr(_ocr, "MIN_CONFIDENCE", 0.9995)  # the surest lines stay text, the others are warnings
    source = read_source(scan, "scan.pdf")
    unsure = [n for n in source.notices if n.kind == "ocr-unsure"]
    texts = [ln.text for ln in source.lines if not ln.unsure]
    flagged = {ln.no: ln.text for ln in source.lines if ln.unsure}
    assert unsure and texts and flagged
    for n in unsure:
        assert float(n.values["confidence"]) < 0.9995 and n.values["page"] == 1 and n.line >= 1
        assert len(n.values["box"].split(",")) == 4 and n.values["text"] not in texts
        assert flagged[n.line] == n.values["text"]  # the warning names the line it stands on

    def lines_of_facts(source) -> set[int]:
        model = resolve_source(source, "scan.pdf")
        facts = ([e for e in model.entities if e.label not in ("Plan", "Issuer")]  # the document itself stands
                 + [r for r in model.relations if r.type != "PLAN_OF"])
        return {fact.evidence.line for fact in facts}

    taken_as_sure = replace(source, lines=tuple(replace(ln, unsure=False) for ln in source.lines))
    assert lines_of_facts(taken_as_sure) & set(flagged)  # the lines hold facts, read were they sure
    assert not lines_of_facts(source) & set(flagged)
    from graphmodel.labels import notice

    assert "OCR 识别不确定的文字" in notice(unsure[0]) and "OCR was unsure" in notice(unsure[0], "en")


runner = CliRunner()


def _one_line(result, *words):
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert result.exit_code == 2, result.output
    assert len(lines) == 1 and all(w in lines[0] for w in words), result.output


def test_bad_pictures_get_one_line_and_exit_2(tmp_path, monkeypatch):
    from PIL import Image

    blank = io.BytesIO()
    Image.new("L", (800, 1100), 255).save(blank, "PNG")
    (tmp_path / "blank.png").write_bytes(blank.getvalue())
    _one_line(runner.invoke(app, ["ingest", str(tmp_path / "blank.png")]), "blank.png", "图片中没有识别出文字")
    (tmp_path / "cut.png").write_bytes(blank.getvalue()[:60])
    _one_line(runner.invoke(app, ["ingest", str(tmp_path / "cut.png")]), "cut.png", "不是有效的图片文件")
    scan = _scan(render.render(plan_blocks()[12:14], "pdf"), 100)
    (tmp_path / "scan.pdf").write_bytes(scan)
    monkeypatch.setattr(_ocr, "available", lambda: False)  # as where the extra is not installed
    _one_line(runner.invoke(app, ["ingest", str(tmp_path / "scan.pdf")]), "scan.pdf", "需要 OCR", "graphmodel[ocr]")
    _one_line(runner.invoke(app, ["ingest", str(tmp_path / "blank.png")]), "blank.png", "graphmodel[ocr]")


def test_ink_where_no_character_of_a_box_stands_is_a_character_dropped():
    """A box whose characters (as the recogniser places them) leave a mark of ink uncovered dropped a character;
    a box whose every mark lies under a character, or whose uncovered ink reaches out of the box's band (another
    line, a rule), did not."""
    import numpy as np

    page = np.full((60, 300), 255, np.uint8)
    for x in (20, 60, 100, 140):  # four glyphs, 30 px wide, in the band 15..45
        page[18:42, x:x + 30] = 0
    box = (15, 12, 175, 48)
    square = lambda x: [[x, 12], [x + 30, 12], [x + 30, 48], [x, 48]]  # noqa: E731
    assert not _ocr._unread(page, box, [square(x) for x in (20, 60, 100, 140)])
    assert _ocr._unread(page, box, [square(x) for x in (20, 60, 140)])  # the third glyph was not read
    page[0:60, 100:130] = 0  # the third mark is a rule running through the band: not a character
    assert not _ocr._unread(page, box, [square(x) for x in (20, 60, 140)])


def test_a_box_read_again_is_kept_only_whole_and_sure_in_two_cuts():
    """Of the readings again of a box that dropped a character, one that gives back every character and the one
    dropped, each surely, in two cuts, is its reading; one cut alone, or a reading that drops another, is not."""
    whole = ((0, 0, 10, 10), "”，完善", 0.98, [], [0.95, 1.0, 1.0, 1.0])
    other = ((0, 0, 10, 10), "，完", 0.99, [], [1.0, 1.0])
    assert _ocr._found_again("，完善", [whole, whole, other])[1] == "”，完善"
    assert _ocr._found_again("，完善", [whole, other, other]) is None
    weak = ((0, 0, 10, 10), "”，完善", 0.9, [], [0.95, 1.0, 0.5, 1.0])
    assert _ocr._found_again("，完善", [whole, weak]) is None
