"""Text forms of a task table → Lines with cells: pipe tables, one cell per line, tab-separated rows."""

from __future__ import annotations

from graphmodel.labels import notice
from loaders.plan.source import Line, source_from_bytes
from loaders.plan.text_tables import text_table_lines


def _lines(text: str) -> tuple[Line, ...]:
    return source_from_bytes(text.encode(), "t.txt").lines


def _cells(got):
    return [(ln.no, ln.table, ln.row, ln.cells) for ln in got.lines if ln.cells]


def test_pipe_table_ascii_and_full_width_with_separator_rows():
    text = ("前言\n"
            "| 序号 | 工作任务 | 牵头单位 |\n"
            "|:---:|-----|---|\n"
            "｜1｜修路。｜区建管委｜\n"
            "| 2 | 种树，护绿。 |   |\n"
            "|—|——|——|\n"
            "后记\n")
    got = text_table_lines(_lines(text))
    assert got.tables == 1
    assert _cells(got) == [
        (2, 1, 1, ("序号", "工作任务", "牵头单位")),
        (4, 1, 2, ("1", "修路。", "区建管委")),
        (5, 1, 3, ("2", "种树，护绿。", "")),
    ]
    assert [ln.text for ln in got.lines if not ln.cells] == ["前言", "后记"]


def test_pipe_rows_without_outer_pipes_and_short_rows_padded():
    text = "序号 | 工作任务 | 牵头单位 | 配合单位\n1 | 修路。 | 区建管委\n｜二、绿化｜\n"
    got = text_table_lines(_lines(text))
    assert _cells(got) == [
        (1, 1, 1, ("序号", "工作任务", "牵头单位", "配合单位")),
        (2, 1, 2, ("1", "修路。", "区建管委", "")),
        (3, 1, 3, ("二、绿化", "", "", "")),
    ]


def test_pipe_lines_that_are_no_task_table_stay_text():
    text = "| 姓名 | 职务 |\n| 张三 | 主任 |\n"
    got = text_table_lines(_lines(text))
    assert got.tables == 0 and _cells(got) == []


def test_two_tables_are_numbered_in_order():
    text = ("| 序号 | 工作任务 | 牵头单位 |\n| 1 | 修路。 | 区建管委 |\n\n说明\n\n"
            "| 序号 | 实事项目 | 目标任务 | 责任单位 |\n| 1 | 食堂 | 新建食堂。 | 区民政局 |\n")
    got = text_table_lines(_lines(text))
    assert got.tables == 2
    assert [(ln.table, ln.row) for ln in got.lines if ln.cells] == [(1, 1), (1, 2), (2, 1), (2, 2)]


def test_text_tables_are_numbered_after_the_real_tables():
    lines = (Line(1, "序号 任务 牵头单位", page=1, table=3, row=1, cells=("序号", "任务", "牵头单位")),
             Line(2, "| 序号 | 工作任务 | 牵头单位 |"), Line(3, "| 1 | 修路。 | 区建管委 |"))
    got = text_table_lines(lines)
    assert got.lines[0] is lines[0]
    assert [(ln.no, ln.table, ln.row) for ln in got.lines[1:]] == [(2, 4, 1), (3, 4, 2)]


def test_one_cell_per_line_blank_lines_between_rows():
    text = ("序号\n工作任务\n责任领导\n责任科室\n\n"
            "一、乡村振兴\n\n"
            "1\n建成示范村2个。\n陆\u3000健\n农业办\n\n"
            "2\n完成农田建设，\n验收合格。\n岑晓雯\n规划办\n\n"
            "附件：无\n")
    got = text_table_lines(_lines(text))
    assert _cells(got) == [
        (1, 1, 1, ("序号", "工作任务", "责任领导", "责任科室")),
        (6, 1, 2, ("一、乡村振兴", "", "", "")),
        (8, 1, 3, ("1", "建成示范村2个。", "陆 健", "农业办")),
        (13, 1, 4, ("2", "完成农田建设，验收合格。", "岑晓雯", "规划办")),  # the task cell ran over two lines
    ]
    assert [ln.text for ln in got.lines if not ln.cells] == ["附件：无"]
    assert got.warnings == ()


def test_one_cell_per_line_rows_without_blank_lines():
    text = "序号\n工作任务\n牵头单位\n1\n修路。\n区建管委\n2\n种树。\n区绿化局\n"
    got = text_table_lines(_lines(text))
    assert _cells(got) == [
        (1, 1, 1, ("序号", "工作任务", "牵头单位")),
        (4, 1, 2, ("1", "修路。", "区建管委")),
        (7, 1, 3, ("2", "种树。", "区绿化局")),
    ]


def test_one_cell_per_line_short_row_stops_the_table_with_a_warning():
    text = "序号\n工作任务\n责任领导\n牵头单位\n\n1\n修路。\n区建管委\n\n2\n种树。\n王伟\n区绿化局\n"
    got = text_table_lines(_lines(text))
    assert [ln.row for ln in got.lines if ln.cells] == [1]
    assert [(n.kind, n.line, n.values) for n in got.warnings] == [
        ("cell-row-short", 6, {"last": 8, "cells": 3, "header": 4})]
    assert [ln.no for ln in got.lines if not ln.cells] == [6, 7, 8, 10, 11, 12, 13]


def test_headings_in_running_text_are_no_table():
    text = "工作任务\n牵头单位\n为推进工作，制定本方案。\n"
    got = text_table_lines(_lines(text))
    assert got.tables == 0


def test_tab_separated_rows_keep_their_empty_cells_when_given_the_text():
    text = "序号\t工作任务\t责任领导\t牵头单位\t进展情况\n1\t修路。\t王伟\t区建管委\t已开工。\n\t\t\t\t9月完工。\n2\t种树。\t\t区绿化局\t\n"
    got = text_table_lines(_lines(text), text)
    assert _cells(got) == [
        (1, 1, 1, ("序号", "工作任务", "责任领导", "牵头单位", "进展情况")),
        (2, 1, 2, ("1", "修路。", "王伟", "区建管委", "已开工。")),
        (3, 1, 3, ("", "", "", "", "9月完工。")),
        (4, 1, 4, ("2", "种树。", "", "区绿化局", "")),
    ]


def test_tab_separated_rows_from_stripped_lines_are_padded_at_the_end_with_a_warning():
    text = "序号\t工作任务\t责任领导\t牵头单位\t进展情况\n1\t修路。\t王伟\t区建管委\t已开工。\n2\t种树。\t\t区绿化局\t\n"
    got = text_table_lines(_lines(text))
    assert _cells(got)[2] == (3, 1, 3, ("2", "种树。", "", "区绿化局", ""))
    assert [(n.kind, n.line, n.values) for n in got.warnings] == [("tab-row-short", 3, {"cells": 4, "header": 5})]
    assert notice(got.warnings[0].model_copy(update={"file": "t.txt"})) == (
        "t.txt:3: 制表符分隔的一行只有 4 个单元格（表头 5 个），按末尾空缺读取")


def test_a_tab_row_left_with_one_cell_is_skipped_with_a_warning_without_the_text():
    text = "序号\t工作任务\t牵头单位\t进展情况\n1\t修路。\t区建管委\t已开工。\n\t\t\t9月完工。\n2\t种树。\t区绿化局\t\n"
    got = text_table_lines(_lines(text))
    assert [(ln.no, ln.row) for ln in got.lines if ln.cells] == [(1, 1), (2, 2), (4, 3)]
    assert [ln.text for ln in got.lines if not ln.cells] == ["9月完工。"]
    assert [(n.kind, n.line, n.values) for n in got.warnings] == [
        ("tab-row-one-cell", 3, {}), ("tab-row-short", 4, {"cells": 3, "header": 4})]
    with_text = text_table_lines(_lines(text), text)
    assert [ln.cells for ln in with_text.lines][2] == ("", "", "", "9月完工。") and with_text.warnings == ()


def test_a_section_row_between_tab_rows_is_a_section_even_when_stripped():
    text = "序号\t工作任务\t牵头单位\n一、城市建设\t\t\n1\t修路。\t区建管委\n"
    got = text_table_lines(_lines(text))
    assert _cells(got)[1] == (2, 1, 2, ("一、城市建设", "", "")) and got.warnings == ()


def test_one_cell_per_line_row_under_a_merged_cell_gets_its_cells_where_they_fit():
    text = ("序号\n工作任务\n责任领导\n牵头单位\n\n"
            "1\n修路。\n韩立新\n区建管委\n\n"
            "2\n种树。\n区绿化局\n\n"  # the lead's cell merged with the one above: 区绿化局 is no person
            "3\n治水。\n区水务局\n")
    got = text_table_lines(_lines(text))
    assert _cells(got) == [
        (1, 1, 1, ("序号", "工作任务", "责任领导", "牵头单位")),
        (6, 1, 2, ("1", "修路。", "韩立新", "区建管委")),
        (11, 1, 3, ("2", "种树。", "", "区绿化局")),
        (15, 1, 4, ("3", "治水。", "", "区水务局")),
    ]
    assert [ln.cell_lines for ln in got.lines if ln.cells][2] == (11, 12, 11, 13) and got.warnings == ()


def test_one_cell_per_line_unit_wrapped_before_its_bracket_is_one_cell():
    text = ("序号\n工作任务\n牵头单位\n配合单位\n\n"
            "1\n修路。\n区建管委\n高新园\n（梅溪镇）、区财政局\n\n"
            "2\n种树，\n护绿。\n区绿化局\n—\n")
    got = text_table_lines(_lines(text))
    assert _cells(got)[1:] == [
        (6, 1, 2, ("1", "修路。", "区建管委", "高新园（梅溪镇）、区财政局")),
        (12, 1, 3, ("2", "种树，护绿。", "区绿化局", "—")),  # a task cell over two lines is still joined
    ]
    assert [ln.cell_lines for ln in got.lines if ln.cells][1] == (6, 7, 8, 9)
