"""Bounded input: a size limit per document, a zip-inflation limit for .docx, no FIFO or device read (loaders.limits)."""

from __future__ import annotations

import os
import resource
import struct
import subprocess
import sys
import zipfile

from typer.testing import CliRunner

from _plans import JINYANG
from graphmodel.cli import app
from loaders.limits import DEFAULT_MAX_BYTES, limited, max_bytes

runner = CliRunner()
_BODY = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def _one_line(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr and result.stdout == "", result.stderr
    return lines[0]


def _bomb(path, inflated: int) -> None:
    """A .docx whose document.xml inflates to ``inflated`` bytes of one repeated paragraph (it zips ~1000:1)."""
    paragraph = b"<w:p><w:r><w:t>" + "推进街道整体提升。".encode() * 8 + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(_BODY.encode())
            block = paragraph * (1024 * 1024 // len(paragraph))
            for _ in range(inflated // len(block)):
                part.write(block)
            part.write(b"</w:body></w:document>")


def test_the_default_is_50_mb_and_a_block_may_change_it():
    assert max_bytes() == DEFAULT_MAX_BYTES == 50 * 1024 * 1024
    with limited(1234):
        assert max_bytes() == 1234 and os.environ["GRAPHMODEL_MAX_BYTES"] == "1234"  # worker processes see it too
    assert max_bytes() == DEFAULT_MAX_BYTES


def test_a_300_mb_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "方案.txt"
    with big.open("wb") as handle:  # sparse: 300 MB on paper, nothing on disk
        handle.write(JINYANG.read_bytes())
        handle.truncate(300 * 1024 * 1024)
    line = _one_line(runner.invoke(app, ["ingest", str(big)]))
    assert str(big.name) in line and "300 MB" in line and "50 MB" in line and "--max-bytes" in line
    line = _one_line(runner.invoke(app, ["ingest", str(big), "--lang", "en"]))
    assert line.endswith("the file holds 300 MB, beyond the limit of 50 MB per file (raise it with --max-bytes)")
    # the limit is the user's to move: a plan of 16 KB against 10 KB, then against the default
    line = _one_line(runner.invoke(app, ["ingest", str(JINYANG), "--max-bytes", "10K"]))
    assert "10 KB" in line and JINYANG.name in line
    assert runner.invoke(app, ["ingest", str(JINYANG), "--max-bytes", "20K"]).exit_code == 0
    bad = runner.invoke(app, ["ingest", str(JINYANG), "--max-bytes", "lots"])
    assert bad.exit_code == 2 and "--max-bytes" in bad.stderr


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "方案.txt"
    os.mkfifo(fifo)
    line = _one_line(runner.invoke(app, ["ingest", str(fifo)]))  # nobody writes to it: reading would hang
    assert fifo.name in line and "命名管道" in line
    line = _one_line(runner.invoke(app, ["audit", "/dev/zero", "--lang", "en"]))
    assert "/dev/zero" in line and "not a regular file" in line


def test_a_zip_bomb_is_refused_from_its_declared_size_in_bounded_memory(tmp_path):
    bomb = tmp_path / "方案.docx"
    _bomb(bomb, 200 * 1024 * 1024)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    line = _one_line(runner.invoke(app, ["ingest", str(bomb)]))
    assert bomb.name in line and "word/document.xml" in line and "压缩炸弹" in line and "50 MB" in line
    measure = ("import resource, sys\nfrom graphmodel.cli import app\ntry:\n    app(sys.argv[1:])\nexcept SystemExit:\n"
               "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    def peak_kb(path) -> tuple[int, str]:
        done = subprocess.run([sys.executable, "-c", measure, "ingest", str(path)], capture_output=True, text=True,
                              timeout=120)
        return int(done.stdout.split()[-1]), done.stderr

    small = tmp_path / "小.docx"
    _bomb(small, 1024 * 1024)
    baseline, _ = peak_kb(small)  # the same command on a 1 MB part: what the program itself takes
    peak, stderr = peak_kb(bomb)
    assert "压缩炸弹" in stderr
    assert peak < baseline + 64 * 1024, (peak, baseline)  # KB: far below the 200 MB it would inflate to


def test_a_part_inflating_past_its_declared_size_is_stopped(tmp_path):
    """A forged archive: its directory says document.xml is 2 KB, its stream holds 20 MB: inflating stops there."""
    bomb = tmp_path / "方案.docx"
    _bomb(bomb, 20 * 1024 * 1024)
    data = bytearray(bomb.read_bytes())
    entry = data.rfind(b"PK\x01\x02")  # the central directory's entry: its uncompressed size at offset 24
    struct.pack_into("<I", data, entry + 24, 2048)
    bomb.write_bytes(bytes(data))
    assert zipfile.ZipFile(bomb).getinfo("word/document.xml").file_size == 2048
    line = _one_line(runner.invoke(app, ["ingest", str(bomb)]))
    assert bomb.name in line and "损坏" in line


def test_a_docx_within_the_limit_is_read_and_one_past_it_is_not(tmp_path):
    docx = tmp_path / "方案.docx"
    _bomb(docx, 2 * 1024 * 1024)
    line = _one_line(runner.invoke(app, ["ingest", str(docx), "--max-bytes", "1M"]))
    assert "word/document.xml" in line and "1 MB" in line
    result = runner.invoke(app, ["ingest", str(docx), "--max-bytes", "10M"])
    assert "压缩炸弹" not in result.stderr and "上限" not in result.stderr  # read (it holds no plan: another line)
