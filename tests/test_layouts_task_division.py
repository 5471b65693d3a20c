"""The task-division layout on documents written for the tests (区 责任分解表, 镇 重点工作计划, 县 民生实事), fact by fact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphmodel import PlanError, build_graph
from graphmodel.resolve import resolve_plan
from loaders.plan.document import split_document
from loaders.plan.layouts import recognise
from loaders.plan.reader import read_plan_bytes, read_plan_source
from loaders.plan.layouts.task_division import LAYOUT
from loaders.plan.source import Line, Source, source_from_bytes
from test_cell_table import DISTRICT, LIVELIHOOD, PDF, TOWN, _facts

FIXTURES = Path(__file__).parent / "fixtures" / "tables"

EXPECTED = {
    "district_duty_pipe.txt": dict(
        officials=[("葛慧敏", None, ("副区长",), 20)],  # 葛慧敏（副区长） in a lead cell: a title, no group member
        meta=dict(subdistrict="青溪区", level="区", issuer_line=8, title="青溪区2025年优化营商环境重点任务责任分解表",
                  title_line=3, number="青府办〔2025〕18号", number_line=2, date="2025-03-12",
                  issuers=("青溪区人民政府办公室",)),
        tasks=DISTRICT, goals=[("提升政务服务效能", "action", 15, None), ("优化要素保障", "action", 19, None)],
        warnings=[],
    ),
    "town_plan_cell_per_line.txt": dict(
        officials=[("岑晓雯", None, ("副镇长",), 46)],
        meta=dict(subdistrict="枫泾桥镇", level="镇", issuer_line=8, title="枫泾桥镇2025年重点工作计划", title_line=3,
                  number="枫府〔2025〕7号", number_line=2, date="2025-02-20", issuers=("枫泾桥镇人民政府",)),
        tasks=TOWN, goals=[("乡村振兴", "action", 20, None), ("美丽乡村", "project", 23, "乡村振兴"),
                           ("农民增收", "project", 38, "乡村振兴"), ("平安建设", "action", 44, None),
                           ("基层治理", "project", 47, "平安建设")],
        warnings=[],
    ),
    "livelihood_tabs.txt": dict(
        meta=dict(subdistrict="白沙县", level="县", issuer_line=1, title="2025年县级民生实事项目推进表", title_line=8,
                  number="白府办〔2025〕3号", number_line=3, date=None, issuers=()),
        tasks=LIVELIHOOD, goals=[("新建长者食堂", "action", 11, None), ("城乡供水一体化", "action", 14, None)],
        # read with the file's text, not only its stripped lines: the progress row that starts with empty
        # cells and the row that ends with one keep them (no "one cell" / "short row" warnings)
        warnings=[],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_task_division_documents_fact_by_fact(name):
    expected = EXPECTED[name]
    record = read_plan_bytes((FIXTURES / name).read_bytes(), name)
    assert record.layout == "task-division"
    meta = record.meta
    assert {k: getattr(meta, k) for k in expected["meta"]} == expected["meta"]
    # the only officials are leads named with their titles in a lead cell, none a member of a leading group
    assert [(o.name, o.role, o.titles, o.line) for o in record.officials] == expected.get("officials", [])
    assert record.has_task_table
    assert len(record.tasks) == len(expected["tasks"])
    for task, facts in zip(record.tasks, expected["tasks"]):
        assert _facts(task) == facts
    assert [(g.name, g.level, g.line, g.parent) for g in record.goals] == expected["goals"]
    assert [(w.kind, w.line) for w in record.warnings] == expected["warnings"]


def test_the_layout_says_what_it_recognised():
    data = (FIXTURES / "district_duty_pipe.txt").read_bytes()
    record = read_plan_bytes(data, "d.txt")
    lines = source_from_bytes(data, "d.txt").lines
    layout, found = recognise(split_document(lines), "d.txt")
    assert layout.name == record.layout == "task-division"
    assert (found.line, found.what) == (13, "任务表表头“序号｜重点任务｜分管领导｜牵头单位｜配合单位｜完成时限”")


def test_a_document_of_real_cells_reads_the_same_as_its_rows():
    rows = json.loads((FIXTURES / "pdf_rows.json").read_text(encoding="utf-8"))["lines"]
    lines = tuple(Line(r["no"], r.get("text") or " ".join(r["cells"]), r.get("page"), r.get("table"), r.get("row"),
                       tuple(r["cells"]) if "cells" in r else None) for r in rows)
    record = read_plan_source(Source("c.pdf", "pdf", lines), "c.pdf")
    assert record.layout == "task-division"
    assert (record.meta.subdistrict, record.meta.level, record.meta.issuer_line) == ("南岭市", "市", 1)
    assert (record.meta.title, record.meta.number) == ("南岭市推进城市更新行动任务分工方案", "南府办函〔2024〕41号")
    assert [_facts(t) for t in record.tasks] == PDF


def test_the_bundled_action_plans_stay_action_plans():
    for path in sorted((Path(__file__).parent.parent / "data").glob("*.txt")):
        assert read_plan_bytes(path.read_bytes(), path.name).layout == "action-plan"


def test_a_plan_whose_table_is_a_small_part_is_not_a_task_division_document():
    body = ["平湖镇人民政府", "关于印发《平湖镇河道整治行动方案》的通知", "一、指导思想"] + [
        f"第{i}段正文，说明本方案的目标、措施和保障，要求各部门抓好落实。" for i in range(12)]
    table = ["| 序号 | 工作任务 | 牵头单位 |", "| 1 | 清理河道。 | 水务站 |"]
    lines = tuple(Line(i + 1, t) for i, t in enumerate(body + table))
    doc = split_document(lines)
    assert LAYOUT.recognise(doc) is None
    whole = tuple(Line(i + 1, t) for i, t in enumerate(body[:2] + table))
    assert LAYOUT.recognise(split_document(whole)).line == 3


def test_no_issuer_is_no_refusal_but_one_warning_that_says_how_to_name_it():
    text = "重点任务分工表\n| 序号 | 工作任务 | 牵头单位 |\n| 1 | 清理河道。 | 水务站 |\n"
    record = read_plan_bytes(text.encode(), "x.txt")
    assert (record.meta.subdistrict, [t.text for t in record.tasks]) == ("x", ["清理河道。"])
    assert [(w.kind, w.file, w.values) for w in record.warnings] == [("issuer-unknown", "x.txt", {"issuer": "x"})]
    named = read_plan_bytes(text.encode(), "x.txt", issuer="南通市崇川区人民政府")
    assert (named.meta.subdistrict, named.meta.level, named.warnings) == ("崇川区", "区", ())


def test_into_the_graph_with_inherited_cells_and_posts():
    record = read_plan_bytes((FIXTURES / "district_duty_pipe.txt").read_bytes(), "d.txt")
    graph = build_graph([resolve_plan(record)])
    leads = {(graph.nodes[u]["name"], graph.nodes[v]["number"], bool(d.get("inherited")))
             for u, v, k, d in graph.edges(keys=True, data=True) if k == "LEADS"}
    assert leads == {("邵明远", 1, False), ("邵明远", 2, True), ("邵明远", 3, False), ("葛慧敏", 3, False),
                     ("葛慧敏", 4, False)}
    posts = {d["number"]: d["lead_posts"] for _, d in graph.nodes(data=True) if d.get("label") == "Task"}
    assert posts == {1: [], 2: [], 3: [], 4: [], 5: ["区政府分管领导"], 6: ["区政府分管领导"]}


def test_a_unit_marked_as_leading_and_the_unit_listed_first():
    """责任单位 written in one column: a unit marked （牵头） leads and the others cooperate; where the notice says the
    unit listed first leads (排在第一位的为牵头单位), the first does."""
    name = "city_marked_lead.txt"
    record = read_plan_bytes((FIXTURES / name).read_bytes(), name)
    assert (record.layout, record.meta.subdistrict, record.meta.level) == ("task-division", "白溪市", "市")
    got = [(t.number, t.text, [m.name for m in t.leads], [(m.name, m.line) for m in t.responsible],
            [(m.name, m.line) for m in t.cooperating], t.goal) for t in record.tasks]
    assert got == [
        (1, "新建社区老年食堂40个。", ["沈卫国"], [("市民政局", 15)], [("各区政府", 15)], "老年助餐"),
        (2, "完成20处易积水点改造。", ["沈卫国"], [("市城管委", 16)], [("市水务局", 16)], "积水点改造"),
        (3, "新增普惠托位2000个。", ["柯雨桐"], [("市卫健委", 17)], [], "托育服务"),
    ]
    # without the sentence, both units of row 2 are responsible; the mark of row 1 holds whatever the notice says
    text = (FIXTURES / name).read_text(encoding="utf-8").replace("责任单位中排在第一位的为牵头单位。", "")
    record = read_plan_bytes(text.encode(), name)
    assert [[m.name for m in t.responsible] for t in record.tasks] == [["市民政局"], ["市城管委", "市水务局"], ["市卫健委"]]


def test_a_table_published_alone_takes_its_issuer_from_the_file_name():
    """An attachment saved as a file of its own: no masthead, no signature, a title without a jurisdiction."""
    text = "\n".join([
        "附件", "2025年全区优化营商环境重点任务分工表",
        "| 序号 | 重点任务 | 牵头单位 | 配合单位 |", "| --- | --- | --- | --- |",
        "| 1 | 推行企业开办“一日办结”。 | 区市场监管局 | 区税务局 |", "| 2 | 扩大“一网通办”覆盖面。 | 区政务服务中心 | |"])
    record = read_plan_bytes(text.encode(), "uploads/青溪区2025年营商环境任务分工表.txt")
    assert (record.meta.subdistrict, record.meta.level, record.meta.issuer_line) == ("青溪区", "区", None)
    assert [(w.kind, w.line, w.values) for w in record.warnings] == [
        ("issuer-from-file-name", 2, {"issuer": "青溪区"})]
    assert [[m.name for m in t.responsible] for t in record.tasks] == [["区市场监管局"], ["区政务服务中心"]]
    unnamed = read_plan_bytes(text.encode(), "附件2.txt")  # a name that opens with no jurisdiction: read all the same
    assert (unnamed.meta.subdistrict, [w.kind for w in unnamed.warnings]) == ("附件2", ["issuer-unknown"])
    assert [[m.name for m in t.responsible] for t in unnamed.tasks] == [["区市场监管局"], ["区政务服务中心"]]
