"""Documents that carry more than the text, as word processors make them: the facts of their text.

The 领导小组 notice of ``tests/_marked_pdf.py`` (invented names) with a member struck through (a tracked
deletion, 删除线), a footnote mark on a name, a tab's white after a padded name, the member list in a box,
and a task cell that wraps inside a word: the PDF gives the facts of the same notice as .txt, fact by fact,
and the struck-through member is a warning, never a member. The same notice as a Word file with its tracked
changes and a footnote reference gives them too.
"""

from __future__ import annotations

import json
import shutil

import pytest

from _marked_pdf import TWIN, Mark, marked_pdf
from graphmodel.merge import fingerprint
from loaders.formats import read_source
from loaders.plans import read_plan


def _facts(path):
    body, entities, relations = json.loads(fingerprint(read_plan(path)))
    return body, set(entities), set(relations)


@pytest.fixture(scope="module")
def twin(tmp_path_factory):
    path = tmp_path_factory.mktemp("twin") / "通知.txt"
    path.write_text(TWIN, encoding="utf-8")
    return _facts(path)


def _read(tmp_path, mark: Mark):
    path = tmp_path / "通知.pdf"
    path.write_bytes(marked_pdf(mark))
    return _facts(path), read_source(path.read_bytes(), "通知.pdf")


@pytest.mark.parametrize("mark", [Mark(), Mark(tab=2.7), Mark(strike=False, superscript=False, box=False, wrap=False)],
                         ids=["all-marks", "narrow-tab", "plain"])
def test_the_pdf_gives_the_facts_of_its_text(tmp_path, twin, mark):
    got, _source = _read(tmp_path, mark)
    assert len(twin[1]) > 8 and len(twin[2]) > 8
    assert got[0] == twin[0]
    assert sorted(twin[1] - got[1]) == sorted(got[1] - twin[1]) == []
    assert sorted(twin[2] - got[2]) == sorted(got[2] - twin[2]) == []


def test_each_mark_is_read_as_the_text_means_it(tmp_path):
    _facts_, source = _read(tmp_path, Mark(tab=2.7))
    texts = [ln.text for ln in source.lines]
    assert "副组长：李晓红 副区长" in texts  # the footnote mark is no part of the name
    assert "成 员：周 海 区住房城乡建设管理委主任" in texts  # a tab's white narrower than 3 points is a space
    assert not any("姚佳怡" in t for t in texts)  # struck through: not read …
    kinds = [(n.kind, n.line, n.values) for n in source.notices]
    struck = texts.index("韩雅琳 区财政局局长") + 1
    assert kinds == [("pdf-struck-through", struck, {"page": 1, "text": "姚佳怡 区水务局局长"})]  # … but said,
    # where it stood; and the boxed member list is no table without vertical rules (no pdf-table-columns-unsure)
    (row,) = [ln.cells for ln in source.lines if ln.cells and ln.cells[0] == "2"]
    assert row[1] == "梳理街道社区两级政务服务事项，推进“一网通办”专窗。"  # wrapped inside 一网通办: no space


def test_a_line_under_the_text_is_no_strike(tmp_path):
    """An underline (below the middle of the characters) and a rule between lines leave the text as it is."""
    from reportlab.pdfgen import canvas

    from _marked_pdf import _font

    font, _embedded = _font()
    path = tmp_path / "u.pdf"
    page = canvas.Canvas(str(path), pagesize=(595, 842))
    page.setFont(font, 12)
    for k, line in enumerate(["组　长：冼文渊　区长", "副组长：李晓红　副区长", "成　员：韩雅琳　区财政局局长"]):
        y = 700 - 22 * k
        page.drawString(72, y, line)
        page.line(72, y - 2, 250, y - 2)  # an underline
    page.line(72, 689, 250, 689)  # a rule between two lines
    page.save()
    source = read_source(path.read_bytes(), "u.pdf")
    assert [ln.text for ln in source.lines] == ["组 长：冼文渊 区长", "副组长：李晓红 副区长", "成 员：韩雅琳 区财政局局长"]
    assert list(source.notices) == []


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _notice_docx() -> bytes:
    """The notice as Word keeps it with tracked changes on: the 组长 replaced (the old name deleted, the new one
    inserted), a member deleted, a footnote reference on 李晓红, a tab after 周　海; and the task table."""
    import io

    from docx import Document
    from docx.oxml import parse_xml

    def change(kind: str, text: str):
        tag, inner = ("w:del", f"<w:r><w:delText>{text}</w:delText></w:r>") if kind == "del" else \
            ("w:ins", f"<w:r><w:t>{text}</w:t></w:r>")
        return parse_xml(f'<{tag} {_W} w:id="{len(text)}" w:author="审核人" w:date="2024-06-01T09:00:00Z">{inner}</{tag}>')

    doc = Document()
    lines = TWIN.splitlines()
    table_at = next(k for k, line in enumerate(lines) if " | " in line)
    for line in lines[:table_at]:
        p = doc.add_paragraph()
        if line.startswith("组　长："):
            p.add_run("组　长：")
            p._p.append(change("del", "尹永泉"))
            p._p.append(change("ins", "冼文渊"))
            p.add_run("　区长")
        elif line.startswith("副组长："):
            p.add_run("副组长：李晓红")
            p._p.append(parse_xml(f'<w:r {_W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                  f'<w:footnoteReference w:id="1"/></w:r>'))
            p.add_run("　副区长")
        elif line.startswith("成　员：周　海"):
            p.add_run("成　员：周　海")
            p._p.append(parse_xml(f"<w:r {_W}><w:tab/></w:r>"))
            p.add_run("区住房城乡建设管理委主任")
            gone = doc.add_paragraph()
            gone._p.append(change("del", "姚佳怡　区水务局局长"))
        else:
            p.add_run(line)
    rows = [[cell.strip() for cell in line.split("|")] for line in lines[table_at:] if " | " in line]
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for line in lines[table_at + len(rows):]:
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_the_docx_with_tracked_changes_and_a_footnote_gives_the_facts_of_its_text(tmp_path, twin):
    """Word's tracked changes read as accepted (the deleted member is none, the replaced 组长 the new one), the
    footnote reference no part of the name, a tab a space."""
    path = tmp_path / "通知.docx"
    path.write_bytes(_notice_docx())
    texts = [ln.text for ln in read_source(path.read_bytes(), "通知.docx").lines]
    assert "组 长：冼文渊 区长" in texts and "副组长：李晓红 副区长" in texts
    assert not any("姚佳怡" in t or "尹永泉" in t for t in texts)
    got = _facts(path)
    assert got[0] == twin[0]
    assert sorted(twin[1] - got[1]) == sorted(got[1] - twin[1]) == []
    assert sorted(twin[2] - got[2]) == sorted(got[2] - twin[2]) == []


_SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_SOFFICE is None, reason="needs LibreOffice Writer (soffice) to export the .odt notice as PDF; "
                                             "Debian: apt-get install libreoffice-writer-nogui")
def test_the_pdf_libreoffice_exports_of_a_notice_with_changes_shown(tmp_path):
    """LibreOffice prints a tracked deletion struck through and a footnote mark raised: neither is read."""
    import subprocess

    from test_formats_odt import _notice_odt

    odt = tmp_path / "通知.odt"
    odt.write_bytes(_notice_odt())
    subprocess.run([_SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(odt)],
                   check=True, capture_output=True, timeout=300)
    source = read_source((tmp_path / "通知.pdf").read_bytes(), "通知.pdf")
    texts = [ln.text for ln in source.lines]
    assert "副组长：李晓红 副区长" in texts and "成 员：周 海 区住房城乡建设管理委主任" in texts
    assert not any("姚佳怡" in t for t in texts)
    struck = [n for n in source.notices if n.kind == "pdf-struck-through"]
    assert [n.values["text"] for n in struck] == ["姚佳怡 区民政局局长"]
    assert not [n for n in source.notices if n.kind == "pdf-table-columns-unsure"]  # the masthead's box is no table
