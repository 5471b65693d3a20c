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

from _formats import ROOT, render, synthetic
from graphmodel.merge import fingerprint
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


# --- the native reader (loaders/formats/_msdoc.py): .doc files LibreOffice saved from invented .docx --------------

_FIXTURES = sorted(p.stem for p in (ROOT / "tests" / "fixtures" / "doc").glob("*.doc"))
_WORD = ROOT / "tests" / "fixtures" / "word"
# LibreOffice's .doc export drops a text box made in Word 2010's way (wps): nothing of it is in the .doc.
_LOST_BY_EXPORT = {"renewal_group_text_box": ["临湖区人民政府办公室文件"]}


@pytest.fixture(scope="module")
def twins() -> dict[str, bytes]:
    """Each fixture's .docx, as tests/_fixtures_doc.py builds it."""
    from _fixtures_doc import documents

    return documents()


def _doc(name: str) -> bytes:
    return (ROOT / "tests" / "fixtures" / "doc" / f"{name}.doc").read_bytes()


def _rows(source) -> list[tuple]:
    return [(ln.text, ln.cells, ln.table, ln.row, ln.merged) for ln in source.lines]


@pytest.fixture
def no_converter(tmp_path, monkeypatch):
    """No LibreOffice on PATH: what is read is read natively."""
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))


def test_the_fixtures_are_all_there():
    assert len(_FIXTURES) == 11 and {"renewal_tasks", "framed", "notice_changes", "fields"} <= set(_FIXTURES)


@pytest.mark.parametrize("name", _FIXTURES)
def test_each_doc_gives_the_lines_and_cells_of_its_docx(name, twins, no_converter):
    from loaders.formats import _msdoc, docx

    got = _rows(_msdoc.read_source(_doc(name), f"{name}.doc"))
    want = [row for row in _rows(docx.read_source(twins[name], f"{name}.docx"))
            if row[0] not in _LOST_BY_EXPORT.get(name, ())]
    if name == "task_list_numbered":  # LibreOffice saves the restarted list's second item as a list of its own
        k = want.index(("2.强化督查考核。镇党政办定期通报进展。", None, None, None, None))
        want[k] = ("1.强化督查考核。镇党政办定期通报进展。", None, None, None, None)
    assert got == want
    assert len(got) > 5


@pytest.mark.parametrize("name", [n for n in _FIXTURES if n not in ("fields", "style_numbered")])  # no plans
def test_each_doc_gives_the_facts_of_its_docx(name, twins, tmp_path, no_converter):
    (tmp_path / f"{name}.doc").write_bytes(_doc(name))
    (tmp_path / f"{name}.docx").write_bytes(twins[name])
    as_doc, as_docx = read_plan(tmp_path / f"{name}.doc"), read_plan(tmp_path / f"{name}.docx")
    if name == "task_list_numbered":  # the one number LibreOffice's export changes: its task is no task of (三)
        return
    assert _facts(as_doc) == _facts(as_docx)
    assert len(_facts(as_doc)["nodes"]) >= 3


@pytest.mark.parametrize("name", ["renewal_group", "renewal_group_boxed", "style_numbered"])
def test_a_doc_gives_the_facts_of_its_text_twin_where_there_is_one(name, no_converter, tmp_path):
    if name == "style_numbered":  # the numbers come from the paragraph style: （一）… （十一）
        from loaders.formats import _msdoc

        lines = [ln.text for ln in _msdoc.read_source(_doc(name), "s.doc").lines]
        assert lines[1] == "（一）任务1由区住房城乡建设委牵头落实" and lines[-1] == "（十一）任务11由区住房城乡建设委牵头落实"
        return
    (tmp_path / "g.doc").write_bytes(_doc(name))
    assert fingerprint(read_plan(tmp_path / "g.doc")) == fingerprint(read_plan(_WORD / "renewal_group.txt"))


def test_the_word_task_table_as_doc_has_the_merged_cells_of_the_docx(no_converter):
    from loaders.formats import _msdoc

    lines = _msdoc.read_source(_doc("renewal_tasks"), "t.doc").lines
    rows = [ln for ln in lines if ln.table == 1]
    assert rows[1].cells == ("一、旧区改造", "", "", "", "", "")  # a section row across the table (gridSpan)
    assert rows[1].merged == (False, True, True, True, True, True)
    assert [r.cells[2] for r in rows[2:5]] == ["聂清和", "", ""]  # 责任领导 over three rows (vMerge)
    assert [r.merged[2] for r in rows[2:5]] == [False, True, True]
    assert rows[2].cells[4] == "区征收中心 相关街道"  # two paragraphs in a cell


def test_tracked_deletions_and_field_codes_are_no_text(no_converter):
    from loaders.formats import _msdoc

    changed = [ln.text for ln in _msdoc.read_source(_doc("notice_changes"), "n.doc").lines]
    assert "组 长：冼文渊 区长" in changed  # the inserted name kept, the deleted one left out
    assert not any("姚佳怡" in t or "尹永泉" in t for t in changed)
    assert "姚佳怡".encode("utf-16-le") in _doc("notice_changes")  # … though the file holds it
    fields = [ln.text for ln in _msdoc.read_source(_doc("fields"), "f.doc").lines]
    assert "详见区政府网站，联系人钟雨桐" in fields  # the results, never the codes
    assert not any("HYPERLINK" in t or "QUOTE" in t for t in fields)
    assert fields[-4:] == ["副组长：聂清和", "第一页完", "第二页起", "临湖区人民政府办公室"]  # breaks start lines


def test_a_nested_table_lays_the_page_out_and_the_inner_one_is_the_table(no_converter):
    from loaders.formats import _msdoc

    lines = _msdoc.read_source(_doc("framed"), "f.doc").lines
    assert [ln.cells for ln in lines if ln.cells][0] == ("序号", "工作任务", "牵头单位", "配合单位")
    assert [ln.text for ln in lines if not ln.cells] == ["临湖区2024年安全生产重点工作责任分解表", "临湖区人民政府办公室",
                                                        "2024年2月1日"]


def _fib(data: bytes) -> int:
    """Where the WordDocument stream (its FIB first) begins in the file."""
    import io

    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        head = ole.openstream("WordDocument").read(512)
    assert data.count(head) == 1
    return data.find(head)


def _encrypted(data: bytes) -> bytes:
    """The file with its FIB saying it is encrypted (fEncrypted): the native reader leaves it to LibreOffice."""
    out = bytearray(data)
    out[_fib(data) + 0x0B] |= 0x01  # fEncrypted is bit 8 of the flags at 0x0A
    return bytes(out)


def test_what_the_native_reader_is_unsure_of_goes_to_libreoffice(tmp_path, converter):
    from loaders.formats import _msdoc

    plans = _plans((43, 44))
    folder = tmp_path / "plans"
    folder.mkdir()
    for plan in plans:  # stand-ins: the native reader cannot read them
        (folder / f"{plan.subdistrict}.doc").write_bytes(_stand_in_doc(_docx(plan)))
    (folder / "native-1.doc").write_bytes(_doc("plan_41"))
    (folder / "native-2.doc").write_bytes(_doc("plan_42"))
    with pytest.raises(_msdoc.Unsure):
        _msdoc.read_source(_encrypted(_doc("plan_41")), "e.doc")
    assert _msdoc.certain(_doc("plan_41")) and not _msdoc.certain(_encrypted(_doc("plan_41")))
    models = list(read_plans([folder]))
    assert len(models) == 4
    (call,) = converter()  # one call, for the two the native reader leaves
    assert len([a for a in call if a.endswith(".doc")]) == 2


def test_an_unreadable_doc_without_libreoffice_is_one_line_naming_it(tmp_path, no_converter):
    from graphmodel.errors import PlanError

    damaged = bytearray(_doc("renewal_group"))
    wd = _fib(bytes(damaged))  # the FIB's fcClx: the piece table pointed past the table stream
    damaged[wd + 0x01A2:wd + 0x01A6] = (10 ** 8).to_bytes(4, "little")
    for name, data in (("e.doc", _encrypted(_doc("plan_41"))), ("d.doc", bytes(damaged))):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(PlanError) as err:
            read_plan(tmp_path / name)
        assert name in str(err.value) and "soffice --headless --convert-to docx" in str(err.value)
        assert "\n" not in str(err.value)
