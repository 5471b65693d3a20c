"""Old Word files (.doc): the ones of a batch converted by one LibreOffice call, a failed one named.

Most tests here put a stand-in ``soffice`` on PATH (a script the test writes, playing LibreOffice's part: it
records each call and writes ``--outdir/NAME.docx`` for each ``NAME.doc`` given, from a .docx carried inside
the stand-in .doc), so they run where LibreOffice is not installed; the last one uses LibreOffice itself.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

import pytest

from _formats import render, synthetic
from graphmodel.export import to_dict
from graphmodel.graph import build_graph, subdistricts
from loaders import read_plan, read_plans
from loaders.stream import map_plans

_OLE_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "WordDocument".encode("utf-16-le") + b"\x00" * 200
_MARK = b"DOCX-FOLLOWS:"


def _stand_in_doc(docx: bytes | None) -> bytes:
    """An OLE file naming a WordDocument stream, carrying the .docx the stand-in converter gives for it (or none:
    a file the converter cannot convert)."""
    return _OLE_WORD + (_MARK + docx if docx is not None else b"")


def _converter(folder, log) -> None:
    """The stand-in ``soffice``: records its arguments (a JSON line per call) and converts as LibreOffice does."""
    script = folder / "soffice"
    script.write_text(f"""#!{sys.executable}
import json, pathlib, sys
args = sys.argv[1:]
with open({str(log)!r}, "a") as out:
    out.write(json.dumps(args) + "\\n")
assert args[:3] == ["--headless", "--convert-to", "docx"], args
outdir = pathlib.Path(args[args.index("--outdir") + 1])
for source in args[args.index("--outdir") + 2:]:
    data = pathlib.Path(source).read_bytes()
    if {_MARK!r} in data:
        (outdir / (pathlib.Path(source).stem + ".docx")).write_bytes(data.split({_MARK!r}, 1)[1])
    else:
        print("Error: source file could not be loaded", file=sys.stderr)
""", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def converter(tmp_path, monkeypatch):
    """The stand-in converter on PATH (first), temporary files under the test's folder; gives the calls made."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.jsonl"
    _converter(bin_dir, log)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    def calls() -> list[list[str]]:
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

    calls.scratch = scratch
    return calls


def _plans(seeds):
    return [synthetic.generate_plan(seed) for seed in seeds]


def _docx(plan) -> bytes:
    return render.render(render.blocks_of_synthetic(plan), "docx")


def _facts(model) -> dict:
    """Every node and relation with its properties, less the evidence (and the line an attachment stands on)."""
    def plain(item: dict) -> str:
        item = {k: v for k, v in item.items() if k != "evidence"}
        if "attachments" in item:
            item["attachments"] = [{k: v for k, v in a.items() if k != "line"} for a in item["attachments"]]
        return json.dumps(item, sort_keys=True, ensure_ascii=False)

    graph = to_dict(build_graph([model]))
    return {"nodes": sorted(map(plain, graph["nodes"])), "edges": sorted(map(plain, graph["edges"]))}


def test_a_folder_of_doc_files_is_converted_in_one_call(tmp_path, converter):
    plans = _plans((31, 32, 33))
    folder = tmp_path / "plans"
    folder.mkdir()
    for plan in plans:
        (folder / f"{plan.subdistrict}.doc").write_bytes(_stand_in_doc(_docx(plan)))
        (folder / f"{plan.subdistrict}.docx").write_bytes(_docx(plan))
    models = {}
    for model in read_plans([folder], merge=True):
        models.setdefault(model.subdistrict, model)
    (call,) = converter()  # one call for the three .doc files
    assert sorted(a.rsplit("/", 1)[-1] for a in call if a.endswith(".doc")) == ["0.doc", "1.doc", "2.doc"]
    assert len(models) == 3
    for plan in plans:  # each .doc gives the facts of its .docx
        as_docx = read_plan(folder / f"{plan.subdistrict}.docx")
        assert _facts(models[plan.subdistrict]) == _facts(as_docx)
    assert list(converter.scratch.iterdir()) == []  # the converted files are removed


def test_a_doc_that_fails_is_named_and_the_others_are_read(tmp_path, converter):
    plans = _plans((34, 35))
    folder = tmp_path / "plans"
    folder.mkdir()
    for plan in plans:
        (folder / f"{plan.subdistrict}.doc").write_bytes(_stand_in_doc(_docx(plan)))
    (folder / "损坏.doc").write_bytes(_stand_in_doc(None))
    errors = []
    names = [result for result, _warnings in map_plans([folder], lambda graph: subdistricts(graph)[0],
                                                       workers=1, on_error=errors.append)]
    assert sorted(names) == sorted(p.subdistrict for p in plans)
    assert [(e.file.rsplit("/", 1)[-1], "转换失败" in str(e)) for e in errors] == [("损坏.doc", True)]
    assert len(converter()) == 1  # the failed file is not converted again on its own
    assert list(converter.scratch.iterdir()) == []


def test_one_doc_is_converted_on_its_own(tmp_path, converter):
    (plan,) = _plans((36,))
    path = tmp_path / "plan.doc"
    path.write_bytes(_stand_in_doc(_docx(plan)))
    assert read_plan(path).subdistrict == plan.subdistrict
    assert read_plan(path).subdistrict == plan.subdistrict
    assert len(converter()) == 2  # outside a batch nothing is held: each read converts


_SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_SOFFICE is None, reason="needs LibreOffice Writer (soffice) to make and convert real .doc files; "
                                             "Debian: apt-get install libreoffice-writer-nogui")
def test_real_doc_files_give_the_facts_of_their_text(tmp_path):
    """.doc files LibreOffice saved (from the plans' text) read in one conversion, each with its text's facts."""
    plans = _plans((37, 38, 39))
    source = tmp_path / "txt"
    source.mkdir()
    for plan in plans:
        (source / f"{plan.subdistrict}.txt").write_text(plan.text, encoding="utf-8")
    folder = tmp_path / "doc"
    subprocess.run([_SOFFICE, "--headless", "--infilter=Text (encoded):UTF8", "--convert-to", "doc:MS Word 97",
                    "--outdir", str(folder), *sorted(map(str, source.glob("*.txt")))],
                   check=True, capture_output=True, timeout=300)
    models = {m.subdistrict: m for m in read_plans([folder])}
    assert sorted(models) == sorted(p.subdistrict for p in plans)
    for plan in plans:
        assert _facts(models[plan.subdistrict]) == _facts(read_plan(source / f"{plan.subdistrict}.txt"))
