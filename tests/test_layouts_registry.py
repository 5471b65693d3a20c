"""The layout registry: layouts tried in order, each saying what it recognised; one clear error when none does."""

from __future__ import annotations

import pytest

from graphmodel import PlanError
from graphmodel.model import PlanMeta, PlanRecord
from loaders.plan.document import split_document
from loaders.plan.layouts import LAYOUTS, Layout, Recognition, recognise
from loaders.plan.reader import read_plan_bytes, read_plan_source
from loaders.plan.source import Line, Source, source_from_bytes

PLAN = """\
现将《北林路街道城市更新行动方案》印发给你们。
北林路街道办事处
2024年5月6日
一、具体行动
1.整治背街小巷。推进环境整治。
附件 1
组 长：乔明远 党工委书记
成 员：万 静 社区管理办主任
"""


class _Marker:
    """A layout for the tests: recognises a document whose first line is its marker."""

    looks_for_en = "a first line saying MARK"

    def __init__(self, name: str, marker: str = "MARK"):
        self.name, self.marker = name, marker
        self.looks_for = f"第一行写着 {marker}"

    def recognise(self, doc):
        first = doc.lines[0]
        return Recognition(self.name, "标记", first.no, "the marker") if first.text == self.marker else None

    def read(self, doc, file):
        meta = PlanMeta(subdistrict="某镇", title=self.name, title_line=doc.lines[0].no)
        return PlanRecord(file=file, meta=meta, layout=self.name)


def _doc(text: str):
    return split_document(source_from_bytes(text.encode(), "t.txt").lines)


def test_every_layout_has_the_interface_and_a_unique_name():
    assert all(isinstance(layout, Layout) for layout in LAYOUTS)
    names = [layout.name for layout in LAYOUTS]
    assert len(set(names)) == len(names) and "action-plan" in names
    assert all(layout.looks_for and layout.looks_for_en for layout in LAYOUTS)


def test_the_action_plan_layout_says_what_it_recognised_and_where():
    layout, found = recognise(_doc(PLAN), "t.txt")
    assert layout.name == found.layout == "action-plan"
    assert found.what == "方案标题《北林路街道城市更新行动方案》" and found.line == 1
    record = read_plan_bytes(PLAN.encode(), "t.txt")
    assert record.layout == "action-plan"
    assert record.meta.subdistrict == "北林路街道"
    assert [(o.name, o.role, o.line) for o in record.officials] == [("乔明远", "组长", 7), ("万静", "成员", 8)]


def test_layouts_are_tried_in_order_and_the_first_that_recognises_reads():
    first, second = _Marker("first"), _Marker("second")
    doc = _doc("MARK\n正文\n")
    assert recognise(doc, "t.txt", [first, second])[0] is first
    assert recognise(doc, "t.txt", [second, first])[0] is second
    other = _Marker("other", marker="OTHER")
    assert recognise(doc, "t.txt", [other, second])[0] is second


def test_adding_a_layout_is_one_line_in_the_list(monkeypatch):
    monkeypatch.setattr("loaders.plan.layouts.LAYOUTS", [_Marker("marker"), *LAYOUTS])
    record = read_plan_bytes("MARK\n正文\n".encode(), "t.txt")
    assert record.layout == "marker" and record.file == "t.txt"
    assert read_plan_bytes(PLAN.encode(), "t.txt").layout == "action-plan"


def test_nothing_recognised_says_what_was_looked_for_in_both_languages():
    layouts = [_Marker("a"), _Marker("b", marker="另一个标记")]
    with pytest.raises(PlanError) as info:
        recognise(_doc("一封普通的信。\n"), "letter.txt", layouts)
    error = info.value
    assert str(error) == "letter.txt: 不是可读的责任文件，没有认出它的版式；找过：第一行写着 MARK；第一行写着 另一个标记"
    assert error.message("en") == (
        "letter.txt: no known layout recognised this document; looked for: a first line saying MARK; "
        "a first line saying MARK"
    )


def test_the_default_error_names_every_registered_layout():
    with pytest.raises(PlanError) as info:
        read_plan_bytes("一封普通的信。\n今天天气很好。\n".encode(), "letter.txt")
    message = str(info.value)
    assert message.startswith("letter.txt: ") and "\n" not in message
    assert all(layout.looks_for in message for layout in LAYOUTS)
    assert all(layout.looks_for_en in info.value.message("en") for layout in LAYOUTS)


def test_a_source_made_elsewhere_reads_like_the_same_text():
    from_text = read_plan_bytes(PLAN.encode(), "t.txt")
    lines = tuple(Line(i, t, page=1) for i, t in enumerate(PLAN.splitlines(), start=1))
    from_lines = read_plan_source(Source("t.pdf", "pdf", lines), "t.txt")
    assert from_lines == from_text
