"""The same plan as .txt, .pdf, .docx, .odt and .html: the same lines and cells, and the same facts.

Both bundled plans and generated ones (bench/synthetic.py), rendered by bench/render.py. Nothing here
depends on the bundled plans' text: each format is compared with the plan's own blocks and text reading.
"""

from __future__ import annotations

import json

import pytest

from _formats import ROOT, render, synthetic, synthetic_layouts, synthetic_lists, synthetic_tables
from _plans import JINYANG, WEIFANG
from graphmodel.merge import fingerprint
from loaders.formats import read_source
from loaders.plans import read_plan

FORMATS = ("pdf", "docx", "odt", "html")
SEEDS = range(700, 720)


def _squash(text: str) -> str:
    """Text without spaces: a PDF cell that wraps where its text has a space loses the space (the PDF does not
    draw it), so ``泊位 21个`` may come back as ``泊位21个``; nothing else about the text may differ."""
    return "".join(text.split())


def _cases():
    for path in (JINYANG, WEIFANG):
        data = path.read_bytes()
        yield pytest.param(data, path.name, lambda data=data, name=path.name: render.blocks_from_text(data, name),
                           id=path.stem[:6])
    for seed in SEEDS:
        plan = synthetic.generate_plan(seed, tasks=None)
        yield pytest.param(plan.text.encode(), plan.file_name, lambda plan=plan: render.blocks_of_synthetic(plan),
                           id=f"seed{seed}")


@pytest.fixture(scope="module")
def rendered():
    cache = {}

    def get(name, make_blocks):
        if name not in cache:
            blocks = make_blocks()
            stem = name.rsplit(".", 1)[0]
            cache[name] = blocks, {fmt: (render.render(blocks, fmt), f"{stem}.{fmt}") for fmt in FORMATS}
        return cache[name]

    return get


@pytest.mark.parametrize("text, name, make_blocks", list(_cases()))
def test_same_lines_and_cells_in_every_format(rendered, text, name, make_blocks):
    blocks, files = rendered(name, make_blocks)
    want_paragraphs = [b.text for b in blocks if isinstance(b, render.Paragraph)]
    want_rows = [row for b in blocks if isinstance(b, render.Table) for row in b.drawn()[0]]
    for fmt, (data, file) in files.items():
        lines = read_source(data, file).lines
        if fmt == "html":  # the page's breadcrumb and footer around the plan are the site's: left out
            assert not {"首页 > 政务公开 > 通知公告", "主办单位：某某街道办事处"} & {ln.text for ln in lines}
        assert [ln.text for ln in lines if ln.cells is None] == [" ".join(p.split()) for p in want_paragraphs], fmt
        rows = [ln.cells for ln in lines if ln.cells is not None]
        if fmt == "pdf":
            rows = [tuple(map(_squash, r)) for r in rows]
            assert rows == [tuple(map(_squash, r)) for r in want_rows], fmt
        else:
            assert rows == want_rows, fmt


def _facts(model) -> tuple[str, set[str], set[str]]:
    body, entities, relations = json.loads(fingerprint(model))
    return body, set(entities), set(relations)


def _layout_cases():
    """Documents of the other layouts: generated 领导小组 notices (text only), the task lists in prose of
    tests/fixtures/lists and generated ones, and generated task-division tables."""
    for seed in range(8):
        notice = synthetic_layouts.generate_notice(seed)
        yield pytest.param(notice.text.encode(), notice.file_name,
                           lambda notice=notice: [render.Paragraph(t.strip()) for t in notice.text.splitlines()
                                                  if t.strip()], id=f"notice{seed}")
    for path in sorted((ROOT / "tests" / "fixtures" / "lists").glob("*.txt")):  # task lists in prose
        data = path.read_bytes()
        yield pytest.param(data, path.name, lambda data=data: [render.Paragraph(t.strip()) for t in
                                                                data.decode().splitlines() if t.strip()],
                           id=path.stem)
    for seed in range(8):
        doc = synthetic_lists.generate_list(seed)
        yield pytest.param(doc.text.encode(), doc.file_name, lambda doc=doc: [render.Paragraph(t) for t in doc.before],
                           id=f"list{seed}-{doc.truth.form}")
    for seed in range(12):
        doc = synthetic_tables.generate_table(seed)
        yield pytest.param(doc.text.encode(), doc.file_name, lambda doc=doc: [
            *map(render.Paragraph, doc.before), render.Table(tuple(doc.rows), doc.merge_down),
            *map(render.Paragraph, doc.after)], id=f"table{seed}-{doc.truth.form}")


@pytest.mark.parametrize("text, name, make_blocks", [*_cases(), *_layout_cases()])
def test_same_facts_in_every_format(rendered, tmp_path, text, name, make_blocks):
    """Every entity (with its properties) and every relation read from the .txt is read from each other
    format, and nothing more; only where each was read differs (evidence: line, page, table, row, cell)."""
    _blocks, files = rendered(name, make_blocks)
    (tmp_path / name).write_bytes(text)
    want = _facts(read_plan(tmp_path / name, name))
    assert len(want[1]) > 5 and len(want[2]) > 5  # a whole document was read, not an empty one
    for fmt, (data, file) in files.items():
        for as_name in (file, f"另一个文件名.{fmt}"):  # the facts do not depend on the file's name
            (tmp_path / as_name).write_bytes(data)
            got = _facts(read_plan(tmp_path / as_name, as_name))
            assert got[0] == want[0], (fmt, as_name)
            assert sorted(want[1] - got[1]) == sorted(got[1] - want[1]) == [], (fmt, as_name, "entities")
            assert sorted(want[2] - got[2]) == sorted(got[2] - want[2]) == [], (fmt, as_name, "relations")
