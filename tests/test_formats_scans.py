"""Plans scanned as offices scan them, read by OCR: a red seal over the issuer, speckle, the sheet fed 2° askew.

Each scan is made here (tests/_scans.py): the plan drawn by reportlab, each page rasterised by PDFium at 300 or
150 dpi, the seal stamped, noise added, the page turned, and the pictures put into a PDF of pictures only (JPEG
inside, as scanners write). Its facts are compared, fact by fact, with those of the born-digital PDF of the same
blocks (which equal the .txt's but for the empty cells text cannot draw: tests/test_formats_same.py names them).

OCR costs seconds a page on this machine's two shared cores, so the pages are chosen: of a bundled plan its heading
(文号, title, addressees, the issuer under the seal, the date), its leading group (附件 1) and its task table (附件 2),
not the prose between; of the generated plans, two short ones. Each scan is read once per session.

At 300 dpi the facts are the born-digital PDF's, but for the exceptions listed with their reason below: characters
the recogniser misreads at a confidence no threshold can tell from a right reading. What must hold and does not yet
is a strict expected failure naming what goes wrong: at 150 dpi (every fact read should be a fact of the PDF, every
fact missed missed with a warning naming its line), and one generated plan at 300 dpi (a narrow glyph's white).
"""

from __future__ import annotations

import json

import pytest

from _formats import render, synthetic
from _plans import JINYANG, WEIFANG
from _scans import scan
from graphmodel.merge import fingerprint
from loaders.formats import read_source
from loaders.plans import read_plan, resolve_source

pytestmark = pytest.mark.skipif(render.cjk_font() is None,
                                reason="drawing the scans needs a Chinese font installed (e.g. Debian's fonts-wqy-microhei)")

#: Misread at 300 dpi with a confidence of 0.95 or more (so no threshold tells them), each a name or a task text:
#: the recogniser's reading of a rare character (赟 as 赞) or of one character of a long task text in a noisy scan.
#: A listed name is compared under the recogniser's reading; a listed task's text is not compared (its number,
#: every relation of it and its other properties are).
EXCEPTIONS_300 = {
    "金杨": {"names": {"蔡晨赟": "蔡晨赞"}, "task_texts": {2, 8, 12, 16}},
}
_STAMPS = {"金杨": "金杨新村街道办事处", "潍坊": "潍坊新村街道办事处"}


def _bundled(path):
    """A bundled plan's heading (its first six blocks), leading group and task table: all but the prose."""
    blocks = render.blocks_from_text(path.read_bytes(), path.name)
    start = next(k for k, b in enumerate(blocks) if isinstance(b, render.Paragraph) and b.text.replace(" ", "") == "附件1")
    return blocks[:6] + blocks[start:]


def _generated(seed: int):
    plan = synthetic.generate_plan(seed, tasks=4, table=True)
    return render.blocks_of_synthetic(plan), plan.subdistrict


DOCUMENTS = {"金杨": lambda: _bundled(JINYANG), "潍坊": lambda: _bundled(WEIFANG),
             "generated-1": lambda: _generated(900_101)[0], "generated-2": lambda: _generated(900_102)[0]}


def _facts(model):
    body, entities, relations = json.loads(fingerprint(model))
    return body, {json.dumps(e, ensure_ascii=False, sort_keys=True) for e in map(json.loads, entities)}, set(relations)


@pytest.fixture(scope="session")
def scanned(tmp_path_factory):
    """``(name, dpi) → (facts of the scan, facts of the born-digital PDF, the scan's Source, its model)``, each
    read once."""
    folder = tmp_path_factory.mktemp("scans")
    cache: dict = {}

    def read(name: str, dpi: int):
        if (name, dpi) not in cache:
            blocks = DOCUMENTS[name]()
            pdf = render.render(blocks, "pdf")
            (folder / f"{name}.pdf").write_bytes(pdf)
            data = scan(pdf, dpi, stamp=_STAMPS.get(name), font=render.cjk_font(), noise=True, skew=2.0)
            path = folder / f"{name}-{dpi}.pdf"
            path.write_bytes(data)
            source = read_source(data, path.name)
            model = resolve_source(source, path.name)
            cache[name, dpi] = (_facts(model), _facts(read_plan(folder / f"{name}.pdf")), source, model)
        return cache[name, dpi]

    return read


def _as_read(facts, names: dict[str, str], task_texts: set[int]):
    """Facts with the listed names as the recogniser reads them and the listed tasks' texts left out."""
    body, entities, relations = facts

    def rename(text: str) -> str:
        for name, read in names.items():
            text = text.replace(name, read)
        return text

    def entity(text: str) -> str:
        e = json.loads(rename(text))
        if e.get("label") == "Task" and e.get("number") in task_texts:
            e.pop("text", None), e.pop("name", None)
        return json.dumps(e, ensure_ascii=False, sort_keys=True)

    return body, {entity(e) for e in entities}, {rename(r) for r in relations}


_NARROW = ("a narrow glyph (目, 自) leaves white beside it that the spaces put back from the picture take for a space "
           "(项目建设 read 项 目 建设: the sentence naming a 专班's members is not read, the unit's alias not seen), and "
           "the recogniser misreads 着力 as 看力 at high confidence (measured 2026-12-06 on this generated plan)")


@pytest.mark.parametrize("name", ["金杨", "潍坊",
                                  pytest.param("generated-1", marks=pytest.mark.xfail(reason=_NARROW, strict=True))])
def test_a_scan_at_300_dpi_gives_the_facts_of_the_pdf(scanned, name):
    got, want, source, _model = scanned(name, 300)
    listed = EXCEPTIONS_300.get(name, {"names": {}, "task_texts": set()})
    assert len(want[1]) > 10 and len(want[2]) > 10
    want = _as_read(want, listed["names"], listed["task_texts"])
    got = _as_read(got, {}, listed["task_texts"])
    assert got[0] == want[0]
    assert sorted(want[1] - got[1]) == sorted(got[1] - want[1]) == []
    assert sorted(want[2] - got[2]) == sorted(got[2] - want[2]) == []
    assert source.notices[0].kind == "ocr-pages"
    assert all(ln.box is not None and 0.8 <= ln.confidence <= 1 for ln in source.lines)


def test_the_issuer_under_a_seal_is_read(scanned):
    """The seal is stamped over 金杨新村街道办事处 in the heading; the plan's issuers are read whole."""
    got, _want, source, _model = scanned("金杨", 300)
    plan = next(json.loads(e) for e in got[1] if json.loads(e)["label"] == "Plan")
    assert plan["issuers"] == ["中共金杨新村街道工作委员会", "金杨新村街道办事处"]
    assert any(ln.text == "中共金杨新村街道工作委员会 金杨新村街道办事处" for ln in source.lines)


def test_a_scanned_table_is_read_as_cells_with_merged_slots(scanned):
    """The task table of the scan gives the rows the born-digital PDF gives: cells, and the merged slots."""
    _got, _want, source, _model = scanned("generated-1", 300)
    blocks = DOCUMENTS["generated-1"]()
    pdf_rows = [(ln.cells, ln.merged) for ln in read_source(render.render(blocks, "pdf"), "a.pdf").lines if ln.cells]
    scan_rows = [(ln.cells, ln.merged) for ln in source.lines if ln.cells]
    # listed: the recogniser drops 缮 of 修缮 in this font at high confidence (as in 金杨's task texts above)
    squeeze = lambda rows: [(tuple("".join(c.split()).replace("修缮", "修") for c in cells), merged)  # noqa: E731
                            for cells, merged in rows]
    assert len(pdf_rows) >= 5 and squeeze(scan_rows) == squeeze(pdf_rows)
    assert all(ln.box is not None and ln.table == 1 for ln in source.lines if ln.cells)


_MISREAD_150 = ("at 150 dpi the recogniser misreads characters at confidence 0.95 and more, which no threshold tells "
                "from a right reading (measured 2026-12-06: 殷珏娟 read 殷娟, 街道 under the seal read 行道, the 文号's "
                "〔2023〕 read （2023】, 人大办 seen as an alias 大办): wrong facts, not warnings — a known failure of this "
                "requirement")


@pytest.mark.xfail(reason=_MISREAD_150, strict=True)
@pytest.mark.parametrize("name", ["金杨", "generated-2"])
def test_a_scan_at_150_dpi_misses_facts_only_with_a_warning(scanned, name):
    """At 150 dpi no fact read is wrong: each is a fact of the PDF; a fact missed stood on a line OCR warned of
    (the warning names its line), or in a cell left empty for being unsure."""
    got, want, source, _model = scanned(name, 150)
    assert got[0] == want[0]
    assert sorted(got[1] - want[1]) == [] and sorted(got[2] - want[2]) == []
    missed = (want[1] - got[1]) | (want[2] - got[2])
    unsure = [n for n in source.notices if n.kind == "ocr-unsure"]
    assert not missed or unsure, sorted(missed)
    assert all(n.line >= 1 and n.values["page"] >= 1 for n in unsure)


def test_evidence_of_a_fact_read_by_ocr_names_its_box_and_confidence(scanned):
    """Every fact read from the scan carries the box of its line (pixels) and the recogniser's confidence; the
    export carries them and validates against the contract."""
    from graphmodel.contract import validate_export
    from graphmodel.export import to_dict
    from graphmodel.graph import build_graph

    *_facts_and_source, model = scanned("generated-1", 300)
    for relation in model.relations:
        ev = relation.evidence
        assert ev.page >= 1 and len(ev.box) == 4 and ev.box[0] < ev.box[2] and ev.box[1] < ev.box[3]
        assert 0.8 <= ev.confidence <= 1
    exported = to_dict(build_graph([model]))
    assert validate_export(exported) == []
    assert all("box" in edge["evidence"] and "confidence" in edge["evidence"] for edge in exported["edges"])


def test_a_blank_scanned_page_and_a_blank_pdf_get_one_line_and_exit_2(tmp_path):
    """A PDF whose only page is a scan of a blank sheet (speckled), and a PDF with a blank page and no text."""
    from PIL import Image
    from typer.testing import CliRunner

    from _scans import pictures
    from graphmodel.cli import app

    blank = render.render([render.Paragraph(" ")], "pdf")
    (tmp_path / "blank.pdf").write_bytes(blank)
    sheet = pictures(blank, 150)[0]
    (tmp_path / "blank-scan.pdf").write_bytes(scan(blank, 150, noise=True))
    assert isinstance(sheet, Image.Image)
    runner = CliRunner()
    for name, words in (("blank-scan.pdf", ("blank-scan.pdf", "OCR 也没有识别出文字")),
                        ("blank.pdf", ("blank.pdf", "PDF 中没有文字"))):
        result = runner.invoke(app, ["ingest", str(tmp_path / name)])
        lines = [ln for ln in result.output.splitlines() if ln.strip()]
        assert result.exit_code == 2 and len(lines) == 1 and all(w in lines[0] for w in words), result.output


def test_a_page_scanned_on_its_side_or_upside_down_is_read_turned_upright():
    """A page fed sideways (turned 90°) or upside down reads as the same page upright: the same lines, in order."""
    import io

    from _formats import plan_blocks
    from _scans import pictures

    page = pictures(render.render(plan_blocks()[:6], "pdf"), 150)[0]
    upright, sideways = io.BytesIO(), io.BytesIO()
    page.save(upright, "PNG")
    page.rotate(90, expand=True).save(sideways, "PNG")
    want = [ln.text for ln in read_source(upright.getvalue(), "page.png").lines]
    assert len(want) == 6
    assert [ln.text for ln in read_source(sideways.getvalue(), "page.png").lines] == want
    upside_down = io.BytesIO()
    page.rotate(180).save(upside_down, "PNG")
    assert [ln.text for ln in read_source(upside_down.getvalue(), "page.png").lines] == want
