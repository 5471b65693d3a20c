"""A task table copied off a web page, one cell per paragraph, whose section rows name who leads their rows, cut off
inside its last row. The document is invented, in the genre (a 区政府工作目标任务责任分解表 as web pages give it).

A section row right under the header is a section, not a second header row (一、经济指标、财政、营商环境等工作目标
named the 序号 column a goal column before, and a row's number became its goal or its lead); a long section heading
holds no sentence; the 牵头领导 it names lead each task of the section, beside the row's own 责任人; the file ending
inside the last row gives that row's first columns, with a warning, where each cell fits its column.
"""

from __future__ import annotations

from loaders.plan.reader import read_plan_source
from loaders.plan.source import source_from_bytes

PARAGRAPHS = [
    "白沙区人民政府关于分解落实2024年区政府工作目标任务的通知",
    "各镇人民政府，区政府各部门：",
    "现将2024年区政府工作目标任务分解下达给你们，请认真组织落实。",
    "附件：2024年区政府工作目标任务落实责任分解表",
    "白沙区人民政府",
    "2024年2月2日",
    "2024年区政府工作目标任务落实责任分解表",
    "序号", "目标任务", "牵头单位", "责任单位", "责任人",
    "一、主要经济指标、财政、营商环境、安全生产等工作目标（牵头领导：储文涛、濮海英）",
    "1", "地区生产总值增长6%。", "区发改局", "区统计局", "麻立军",
    "2", "一般公共预算收入增长5%。", "区财政局", "区税务局", "卜秀兰",
    "二、乡村振兴工作目标（牵头领导：滕志远）",
    "3", "新建高标准农田2万亩。", "区农业农村局", "各镇人民政府", "晏国平",
    "4", "完成农村户厕改造1000户。", "区农业农村局",
]
TEXT = "\n\n".join(PARAGRAPHS) + "\n"


def _lines_of() -> dict[str, int]:
    """Each paragraph's line in the file (a blank line between paragraphs)."""
    return {p: 1 + 2 * k for k, p in enumerate(PARAGRAPHS)}


def test_section_leads_and_a_last_row_cut_off():
    record = read_plan_source(source_from_bytes(TEXT.encode(), "白沙区.txt"), "白沙区.txt")
    at = _lines_of()
    first, second = PARAGRAPHS[12], PARAGRAPHS[23]
    got = {t.number: (t.text, [(m.name, m.line) for m in t.leads], [(m.name, m.line) for m in t.responsible],
                      [(m.name, m.line) for m in t.cooperating], t.goal) for t in record.tasks}
    assert got == {
        1: ("地区生产总值增长6%。", [("麻立军", at["麻立军"]), ("储文涛", at[first]), ("濮海英", at[first])],
            [("区发改局", at["区发改局"])], [("区统计局", at["区统计局"])], "主要经济指标、财政、营商环境、安全生产等工作目标"),
        2: ("一般公共预算收入增长5%。", [("卜秀兰", at["卜秀兰"]), ("储文涛", at[first]), ("濮海英", at[first])],
            [("区财政局", at["区财政局"])], [("区税务局", at["区税务局"])], "主要经济指标、财政、营商环境、安全生产等工作目标"),
        3: ("新建高标准农田2万亩。", [("晏国平", at["晏国平"]), ("滕志远", at[second])],
            [("区农业农村局", at["新建高标准农田2万亩。"] + 2)], [("各镇人民政府", at["各镇人民政府"])], "乡村振兴工作目标"),
        4: ("完成农村户厕改造1000户。", [("滕志远", at[second])],
            [("区农业农村局", at["完成农村户厕改造1000户。"] + 2)], [], "乡村振兴工作目标"),
    }
    cut = [w for w in record.warnings if w.kind == "cell-row-cut-off"]
    assert [(w.line, w.values["cells"], w.values["header"]) for w in cut] == [(at["4"], 3, 5)]
    assert (record.meta.subdistrict, record.meta.level) == ("白沙区", "区")


def test_a_last_row_cut_inside_a_name_is_not_read():
    text = TEXT.replace("\n\n区农业农村局\n", "\n\n区\n")
    record = read_plan_source(source_from_bytes(text.encode(), "白沙区.txt"), "白沙区.txt")
    assert [t.number for t in record.tasks] == [1, 2, 3]
    assert any(w.kind == "cell-row-short" for w in record.warnings)
