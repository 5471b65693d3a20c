"""Documents of every format through the CLI: read when good; one line and exit 2 when bad (no traceback)."""

from __future__ import annotations

import io
import json
import os
import stat
import sys

import pytest
from typer.testing import CliRunner

from _formats import plan_blocks, render, synthetic
from graphmodel.cli import app
from graphmodel.errors import PlanError
from loaders import read_plan

runner = CliRunner()


def _error_lines(result) -> list[str]:
    return [ln for ln in result.stderr.strip().split("\n") if ln.strip()]


def _assert_english(path, *words: str) -> None:
    """The library's error carries an English line too (``--lang en`` prints it)."""
    with pytest.raises(PlanError) as caught:
        read_plan(path)
    english = caught.value.message("en")
    assert path.name in english and all(w in english for w in words), english
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english.replace(str(path), "")), english


def _assert_one_line(result, name: str, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = _error_lines(result)
    assert len(lines) == 1, lines
    assert name in lines[0] and all(w in lines[0] for w in words), lines[0]


def _scanned_pdf() -> bytes:
    """A PDF of one page that holds only a picture of text (as a scanner makes it), no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(picture)
    for y in range(40, 760, 30):
        draw.rectangle((40, y, 40 + (y * 7) % 480, y + 12), fill=30)
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    page.drawImage(ImageReader(picture), 30, 30, width=A4[0] - 60, height=A4[1] - 60)
    page.showPage()
    page.save()
    return buf.getvalue()


def test_scanned_pdf_without_text_says_ocr_found_none_or_is_needed(tmp_path, monkeypatch):
    from loaders.formats import _ocr

    path = tmp_path / "scan.pdf"
    path.write_bytes(_scanned_pdf())  # a picture of bars: no text for OCR either
    _assert_one_line(runner.invoke(app, ["ingest", str(path)]), "scan.pdf", "OCR 也没有识别出文字", "扫描件")
    _assert_english(path, "OCR found no text")
    monkeypatch.setattr(_ocr, "available", lambda: False)  # as where the extra is not installed
    _assert_one_line(runner.invoke(app, ["ingest", str(path)]), "scan.pdf", "需要 OCR", "graphmodel[ocr]")
    _assert_english(path, "needs OCR")


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(render.render_pdf(plan_blocks(rows=2), encrypt="secret"))
    _assert_one_line(runner.invoke(app, ["ingest", str(path)]), "locked.pdf", "加密", "密码")
    _assert_english(path, "encrypted", "password")


def test_damaged_pdf(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes(render.render_pdf(plan_blocks(rows=2))[:300])
    _assert_one_line(runner.invoke(app, ["ingest", str(path)]), "cut.pdf", "PDF", "损坏")
    _assert_english(path, "not a valid PDF")


@pytest.mark.parametrize("how", ["truncated", "not a zip"])
def test_corrupt_docx(tmp_path, how):
    data = render.render_docx(plan_blocks(rows=2))
    path = tmp_path / "broken.docx"
    path.write_bytes(data[: len(data) // 2] if how == "truncated" else b"this was never a Word file")
    _assert_one_line(runner.invoke(app, ["ingest", str(path)]), "broken.docx", "Word", "损坏")
    _assert_english(path, "Word", "damaged")


def test_html_without_text_or_table(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>通知</title><script>var a = '领导小组';</script></head><body>"
                    "<div><img src='x.png'></div></body></html>", encoding="utf-8")
    _assert_one_line(runner.invoke(app, ["ingest", str(path)]), "blank.html", "没有正文文字")
    _assert_english(path, "no text")


def test_html_of_another_kind_is_no_plan(tmp_path):
    path = tmp_path / "news.html"
    path.write_text("<html><body><p>今天天气晴，气温二十度。</p><table><tr><td>日期</td><td>天气</td></tr>"
                    "<tr><td>周一</td><td>晴</td></tr></table></body></html>", encoding="utf-8")
    _assert_one_line(runner.invoke(app, ["ingest", str(path)]), "news.html")


@pytest.mark.parametrize("suffix", [".txt", ".pdf", ".docx", ".html", ".doc"])
def test_empty_file_of_every_format(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"" if suffix != ".html" else b"  \n")
    _assert_one_line(runner.invoke(app, ["ingest", str(path)]), path.name, "文件为空")


_OLE_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "WordDocument".encode("utf-16-le") + b"\x00" * 200


def test_old_word_file_names_the_conversion_when_libreoffice_is_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    path = tmp_path / "plan.doc"
    path.write_bytes(_OLE_WORD)
    _assert_one_line(runner.invoke(app, ["ingest", str(path)]), "plan.doc",
                     "soffice --headless --convert-to docx plan.doc")
    _assert_english(path, "soffice --headless --convert-to docx plan.doc")


def _fake_soffice(folder, body: str) -> None:
    """An executable named soffice on PATH: the test plays LibreOffice's part of the conversion."""
    script = folder / "soffice"
    script.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def test_old_word_file_is_converted_when_soffice_is_on_path(tmp_path, monkeypatch):
    docx = tmp_path / "converted.docx"
    docx.write_bytes(render.render_docx(plan_blocks(rows=3)))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # what `soffice --headless --convert-to docx --outdir DIR FILE.doc` does: DIR/FILE.docx
    _fake_soffice(bin_dir, f"""
import shutil, sys
args = sys.argv[1:]
assert args[:3] == ["--headless", "--convert-to", "docx"], args
outdir, source = args[args.index("--outdir") + 1], args[-1]
name = source.rsplit("/", 1)[-1].rsplit(".", 1)[0] + ".docx"
shutil.copy({str(docx)!r}, outdir + "/" + name)
""")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    path = tmp_path / "plan.doc"
    path.write_bytes(_OLE_WORD)
    result = runner.invoke(app, ["ingest", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["subdistrict"] == "青松路街道" and row["officials"] == 4


def test_old_word_file_whose_conversion_fails(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_soffice(bin_dir, "import sys\nsys.exit(1)\n")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    path = tmp_path / "plan.doc"
    path.write_bytes(_OLE_WORD)
    _assert_one_line(runner.invoke(app, ["ingest", str(path)]), "plan.doc", "转换失败", "soffice")


def test_folder_of_mixed_formats(tmp_path):
    plans = [synthetic.generate_plan(seed) for seed in (11, 12, 13, 14)]
    for plan, fmt in zip(plans, ("txt", "pdf", "docx", "html")):
        data = plan.text.encode() if fmt == "txt" else render.render(render.blocks_of_synthetic(plan), fmt)
        (tmp_path / f"{plan.subdistrict}.{fmt}").write_bytes(data)
    (tmp_path / "truth.jsonl").write_text("{}", encoding="utf-8")  # not a plan: not read
    (tmp_path / "~$lock.docx").write_bytes(b"\x00")  # Word's lock file: not read
    result = runner.invoke(app, ["ingest", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["subdistrict"]: r for r in json.loads(result.stdout)}
    assert set(rows) == {p.subdistrict for p in plans}
    for plan in plans:
        assert rows[plan.subdistrict]["officials"] == len(plan.truth.officials), plan.subdistrict
