"""Tables written one cell per paragraph (a web page's table copied to text), merged cells and wrapped units in
text tables, columns that name no unit, and the unit-role contract: fact by fact, on documents written for the tests."""

from __future__ import annotations

from pathlib import Path

from loaders.plan.cell_table import read_cell_table
from loaders.plan.document import split_document
from loaders.plan.layouts.task_division import LAYOUT
from loaders.plan.reader import read_plan_bytes
from loaders.plan.source import source_from_bytes
from loaders.plan.text_tables import text_table_lines

FIXTURES = Path(__file__).parent / "fixtures" / "tables"


def _table(text: str):
    source = source_from_bytes(text.encode(), "t.txt")
    tables = text_table_lines(source.lines, source.text)
    return tables, read_cell_table(tables.lines)


def _facts(task) -> tuple:
    def named(ms):
        return [(m.name, m.line, m.inherited, m.as_written) for m in ms]

    return task.number, task.line, task.text, named(task.leads), named(task.responsible), named(task.cooperating)


# --------------------------------------------------------------------------- a progress table, cell per paragraph
PROGRESS = [
    (1, 21, "新建城区公办幼儿园3所，新增学位900个。", [], [("县教育局", 27, False, "牵头单位")], []),
    (2, 31, "改造提升农村公路40公里。", [], [("县交通运输局", 37, False, "牵头单位")], []),
    (3, 41, "建成投用石门乡、柳溪镇等2家中心敬老院。", [], [("县民政局", 47, False, "牵头单位")], []),
    (4, 51, "完成城南水厂扩建工程。", [], [("县水务集团", 57, False, "牵头单位")], []),
    (5, 61, "新增城市书房6家。", [], [("县文化和广电旅游体育局", 67, False, "牵头单位")], []),
]


def test_a_progress_table_with_one_cell_per_paragraph_reads_row_by_row():
    text = (FIXTURES / "county_progress_paragraphs.txt").read_text(encoding="utf-8")
    tables, result = _table(text)
    assert tables.tables == 1 and tables.warnings == ()
    header = next(ln for ln in tables.lines if ln.cells)
    assert (header.no, header.cells) == (11, ("序号", "项目内容", "当前进度", "牵头单位", "备注"))
    assert [_facts(t) for t in result.tasks] == PROGRESS
    # the progress cells name places and the 备注 cells a category: neither is a unit of the task
    named = {m.name for t in result.tasks for m in (*t.responsible, *t.cooperating)}
    assert not named & {"县民生实事", "市民生实事", "柳溪镇", "石门", "东岭幼儿园主体施工滞后"}
    assert result.header_line == 11 and result.goals == []


def test_a_progress_table_is_found_whatever_its_title():
    text = (FIXTURES / "county_progress_paragraphs.txt").read_text(encoding="utf-8")
    source = source_from_bytes(text.encode(), "t.txt")
    found = LAYOUT.recognise(split_document(source.lines, source.text))
    assert found is not None and found.line == 11
    # read through the whole pipeline (the issuer from the file's name: the text names its office only in 来源)
    record = read_plan_bytes(text.encode(), "云栖县民生实事推进表.txt")
    assert record.layout == "task-division" and record.meta.subdistrict == "云栖县"
    assert [_facts(t) for t in record.tasks] == PROGRESS


# --------------------------------------------------------------------------- merged cells and wrapped units
MERGED = "\n\n".join([
    "序号", "工作任务", "分管领导", "牵头单位", "配合单位",
    "一、城市建设",
    "1", "修缮古桥两座。", "韩立新", "区文旅局", "区住建局、各镇(街道、园区)",
    "2", "整治城中河道。", "区水务局", "区生态环境局",  # the lead's cell merged with the one above
    "二、产业发展",
    "3", "新建口袋公园4个。", "童　欣", "区绿化局", "—",
    "4", "建设产业园道路。", "童欣", "区建设局", "高新园", "(梅溪镇)、区财政局",  # a unit wrapped before its bracket
]) + "\n"


def test_a_merged_cell_and_a_wrapped_unit_in_a_table_of_paragraphs():
    tables, result = _table(MERGED)
    assert tables.warnings == ()
    assert [_facts(t) for t in result.tasks] == [
        (1, 13, "修缮古桥两座。", [("韩立新", 17, False, "分管领导")], [("区文旅局", 19, False, "牵头单位")],
         [("区住建局", 21, False, "配合单位"), ("各镇（街道、园区）", 21, False, "配合单位")]),
        (2, 23, "整治城中河道。", [("韩立新", 17, True, "分管领导")], [("区水务局", 27, False, "牵头单位")],
         [("区生态环境局", 29, False, "配合单位")]),
        (3, 33, "新建口袋公园4个。", [("童欣", 37, False, "分管领导")], [("区绿化局", 39, False, "牵头单位")], []),
        (4, 43, "建设产业园道路。", [("童欣", 47, False, "分管领导")], [("区建设局", 49, False, "牵头单位")],
         [("高新园（梅溪镇）", 51, False, "配合单位"), ("区财政局", 51, False, "配合单位")]),
    ]
    assert [g.name for g in result.goals] == ["城市建设", "产业发展"]
    assert [t.goal for t in result.tasks] == ["城市建设", "城市建设", "产业发展", "产业发展"]


def test_a_row_whose_missing_cell_cannot_be_told_ends_the_table_with_a_warning():
    text = "\n\n".join(["序号", "工作任务", "牵头单位", "配合单位",
                        "1", "修路。", "区建设局", "区财政局",
                        "2", "种树。", "区绿化局",  # 牵头 or 配合 merged: either could be
                        "3", "治水。", "区水务局", "—"]) + "\n"
    tables, result = _table(text)
    assert [(t.number, [m.name for m in t.responsible]) for t in result.tasks] == [(1, ["区建设局"])]
    assert [(n.kind, n.line, n.values) for n in tables.warnings] == [
        ("cell-row-short", 17, {"last": 21, "cells": 3, "header": 4})]


def test_the_paragraphs_after_the_last_row_are_no_cells_of_it():
    text = "\n\n".join(["序号", "工作任务", "分管领导", "牵头单位",
                        "1", "修路。", "韩立新", "区建设局",
                        "2", "种树。", "区绿化局",  # the lead merged, then the signature
                        "青石区人民政府办公室", "2024年5月6日"]) + "\n"
    tables, result = _table(text)
    assert [_facts(t)[3:5] for t in result.tasks] == [
        ([("韩立新", 13, False, "分管领导")], [("区建设局", 15, False, "牵头单位")]),
        ([("韩立新", 13, True, "分管领导")], [("区绿化局", 21, False, "牵头单位")])]
    assert [ln.text for ln in tables.lines if not ln.cells] == ["青石区人民政府办公室", "2024年5月6日"]


def test_paragraphs_that_only_name_columns_are_no_table():
    text = "\n\n".join(["序号", "工作任务", "牵头单位", "各单位要按照分工抓好落实。"]) + "\n"
    tables, _result = _table(text)
    assert tables.tables == 0


# --------------------------------------------------------------------------- the unit-role contract
def test_a_responsible_column_beside_a_lead_unit_column_cooperates():
    text = ("| 序号 | 工作任务 | 牵头单位 | 责任单位 | 配合单位 |\n"
            "| 1 | 推进老旧小区改造。 | 区住建局 | 各街道、区城管局 | 区财政局 |\n"
            "| 2 | 建设智慧停车平台。 | 区大数据中心 | 区交警大队 | — |\n")
    _tables, result = _table(text)
    assert [_facts(t)[4:] for t in result.tasks] == [
        ([("区住建局", 2, False, "牵头单位")],
         [("各街道", 2, False, "责任单位"), ("区城管局", 2, False, "责任单位"), ("区财政局", 2, False, "配合单位")]),
        ([("区大数据中心", 3, False, "牵头单位")], [("区交警大队", 3, False, "责任单位")]),
    ]


def test_a_responsible_column_alone_is_responsible_and_a_marked_unit_leads():
    text = ("| 序号 | 工作任务 | 责任单位 |\n"
            "| 1 | 推进垃圾分类。 | 区城管局、区商务局 |\n"
            "| 2 | 整治违法建设。 | 各县(市、区)政府、区执法局（牵头） |\n")
    _tables, result = _table(text)
    assert [_facts(t)[4:] for t in result.tasks] == [
        ([("区城管局", 2, False, "责任单位"), ("区商务局", 2, False, "责任单位")], []),
        ([("区执法局", 3, False, "责任单位")], [("各县（市、区）政府", 3, False, "责任单位")]),
    ]


def test_columns_named_by_their_last_word_and_columns_that_name_no_unit():
    text = ("| 序号 | 项目内容 | 当前进度 | 评分部门 | 牵头单位 | 备注 |\n"
            "| 1 | 建成社区食堂2家。 | 完成80%（梅溪镇滞后） | 区考核办 | 区民政局 | 区民生实事 |\n")
    _tables, result = _table(text)
    (task,) = result.tasks
    assert task.text == "建成社区食堂2家。"
    assert [(m.name, m.as_written) for m in task.responsible] == [("区民政局", "牵头单位")] and task.cooperating == ()


# --------------------------------------------------------------------------- one cell per line, each with its bar
def test_a_table_copied_with_a_bar_after_each_cell_reads_row_by_row():
    """A web page's table copied one cell per line, each followed by its column's bar (牵头 单位 |), a row's empty
    cells as bars alone: rows by the 序号 numbers, the merged 主要任务 | 全年目标任务 cell and the empty 说明 cells
    left out where they fit only one way for the facts (是否达序 names no number column)."""
    text = (FIXTURES / "district_progress_bars.txt").read_text(encoding="utf-8")
    tables, result = _table(text)
    header = next(ln for ln in tables.lines if ln.cells)
    assert (header.no, header.cells[3:5], tables.warnings) == (2, ("分管 领导", "牵头 单位"), ())
    assert [_facts(t) for t in result.tasks] == [
        (7, 12, "改造提升背街小巷30条。", [("韩志远", 14, False, "分管领导")], [("区城管局", 15, False, "牵头单位")],
         [("区市政中心", 16, False, "责任主体与协同单位"), ("相关街道", 16, False, "责任主体与协同单位")]),
        (8, 21, "新增智能充电桩500个。", [("韩志远", 23, False, "分管领导")], [("区发改局", 24, False, "牵头单位")],
         [("区供电公司", 25, False, "责任主体与协同单位"), ("各街道", 25, False, "责任主体与协同单位")]),
        (9, 31, "新建口袋公园6座。", [("罗佳宁", 33, False, "分管领导")], [("区园林中心", 34, False, "牵头单位")],
         [("区城管局", 35, False, "责任主体与协同单位")]),
    ]
    record = read_plan_bytes(text.encode(), "青岚区民生实事推进表.txt")
    assert [(t.number, [m.name for m in t.leads]) for t in record.tasks] == [(7, ["韩志远"]), (8, ["韩志远"]),
                                                                            (9, ["罗佳宁"])]


def test_a_person_or_a_quantity_under_a_unit_column_is_a_warning():
    """Columns shifted by a cell a copy lost: what lands under a unit column and reads as a person's name or a
    quantity is no unit (a warning names it), never a unit of the task."""
    text = "\n".join(["序号\t工作任务\t牵头单位\t配合单位", "1\t修缮古桥。\t区文旅局\t区住建局", "2\t新建驿站。\t罗佳宁\t建成8个"])
    tables, result = _table(text)
    assert [(t.number, [m.name for m in t.responsible], [m.name for m in t.cooperating]) for t in result.tasks] == [
        (1, ["区文旅局"], ["区住建局"]), (2, [], [])]
    assert [(w.kind, w.line, w.values) for w in result.warnings] == [
        ("unit-cell-not-unit", 3, {"text": "罗佳宁", "column": "牵头单位"}),
        ("unit-cell-not-unit", 3, {"text": "建成8个", "column": "配合单位"})]


def test_a_pipe_row_short_of_a_merged_cell_and_a_project_column_as_the_task():
    """A web page's table as pipe rows: a row lacks the cell merged from the row above (分管领导), so its units stand
    where the lead was — they go under the columns they fit, the lead held from above; 项目名称 is the task where
    no other column says what is done. A row whose cells cannot be placed surely is warned of, not read."""
    text = "\n".join(["| 序号 | 项目名称 | 分管领导 | 牵头单位 | 配合单位 |", "| 1 | 新增养老床位300张 | 韩志远 | 区民政局 | 各街道 |",
                      "| 2 | 新建社区食堂10个 | 区民政局 | 区市场监管局 |", "| 3 | 改造老旧小区12个 | 罗佳宁 | 区住建局 | 区规划资源局、各街道 |",
                      "| 4 | 建设口袋公园6座 | 区园林中心 |"])
    tables, result = _table(text)
    assert [_facts(t) for t in result.tasks] == [
        (1, 2, "新增养老床位300张", [("韩志远", 2, False, "分管领导")], [("区民政局", 2, False, "牵头单位")],
         [("各街道", 2, False, "配合单位")]),
        (2, 3, "新建社区食堂10个", [("韩志远", 2, True, "分管领导")], [("区民政局", 3, False, "牵头单位")],
         [("区市场监管局", 3, False, "配合单位")]),
        (3, 4, "改造老旧小区12个", [("罗佳宁", 4, False, "分管领导")], [("区住建局", 4, False, "牵头单位")],
         [("区规划资源局", 4, False, "配合单位"), ("各街道", 4, False, "配合单位")])]
    # row 4 fits two ways (区园林中心 leads, or cooperates beside the lead unit above): not read, said
    assert [(w.kind, w.line) for w in result.warnings] == [("row-width", 5)]
