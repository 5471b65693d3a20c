"""Task lists in prose (numbered tasks that say who does them), on documents written for the tests, fact by fact."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphmodel import build_graph
from graphmodel.analysis.audit import audit
from graphmodel.resolve import resolve_plan
from loaders.plan.reader import read_plan_bytes
from loaders.plan.source import Line
from loaders.plan.task_list import first_listed_leads, read_task_list, split_assignment

FIXTURES = Path(__file__).parent / "fixtures" / "lists"


def _facts(task) -> tuple:
    """One task's facts: number, line, text, leads (name, line, post), responsible and cooperating (name, line), goal."""
    return (task.number, task.line, task.text, [(m.name, m.line, m.post) for m in task.leads],
            [(m.name, m.line) for m in task.responsible], [(m.name, m.line) for m in task.cooperating],
            (task.goal, task.goal_line))


EXPECTED = {
    # a 区 任务分工方案: assignments in brackets (labels, verbs, a 牵头 mark), on lines of their own, wrapped lines;
    # its 保障措施 items name nobody and are no tasks
    "district_brackets.txt": dict(
        layout="task-list",
        meta=dict(subdistrict="松岭区", level="区", issuer_line=8, title="松岭区2025年城市更新重点任务分工方案",
                  title_line=3, number="松府办发〔2025〕9号", date="2025-02-18", issuers=("松岭区人民政府办公室",)),
        tasks=[
            (1, 18, "完成12个老旧小区综合改造，同步实施雨污分流和架空线入地。", [("邬志远", 20, False)],
             [("区住房城乡建设委", 19)], [("区规划资源局", 19), ("区财政局", 20), ("各街道", 20)], ("老旧小区改造", 17)),
            (2, 21, "推进既有多层住宅加装电梯，全年新增完工80台。", [], [("区住房城乡建设委", 21)],
             [("区市场监管局", 22), ("各街道", 22)], ("老旧小区改造", 17)),
            (3, 23, "建立小区改造后长效管理机制（含物业服务标准）。", [], [("区房管局", 24)], [("各街道", 24)],
             ("老旧小区改造", 17)),
            (4, 26, "新建口袋公园6处、绿道8公里。", [("区政府分管领导", 26, True)], [("区绿化市容局", 26)], [],
             ("公共空间品质", 25)),
            (5, 27, "整治背街小巷20条，提升沿街立面。", [("滕佳慧", 30, False)], [("区建管委", 28), ("各街道", 28)],
             [("区城管执法局", 29)], ("公共空间品质", 25)),
            (6, 31, "开展“美丽街区”创建评比。", [], [("区绿化市容局", 31)], [], ("公共空间品质", 25)),
        ],
        goals=[("重点任务", "action", 16, None), ("老旧小区改造", "project", 17, "重点任务"),
               ("公共空间品质", "project", 25, "重点任务")],
    ),
    # a 乡's 重点工作任务分解: （1） items, labelled lines, and "排在第一位的为牵头单位" in the notice
    "town_labelled_lines.txt": dict(
        layout="task-list",
        meta=dict(subdistrict="竹溪乡", level="乡", issuer_line=8, title="竹溪乡2025年重点工作任务分解", title_line=6,
                  number="竹府发〔2025〕4号", date="2025-01-20", issuers=("竹溪乡人民政府",)),
        tasks=[
            (1, 14, "新建高标准农田1500亩，完成土地整治验收。", [("饶文斌", 15, False)], [("农业服务中心", 16)],
             [("自然资源所", 16), ("财政所", 16)], ("产业发展", 13)),
            (2, 17, "培育茶叶专业合作社3家，打造“竹溪云雾”品牌。", [("饶文斌", 18, False), ("宁晓琪", 18, False)],
             [("经济发展办", 19)], [], ("产业发展", 13)),
            (3, 21, "改造农村危房30户（优先保障低保户、特困户），年内全部入住。", [("宁晓琪", 22, False)],
             [("村镇建设办", 23)], [("民政办", 23), ("各村（社区）", 23)], ("民生保障", 20)),
            (4, 24, "开展全民健身活动12场。", [], [("文化站", 25)], [], ("民生保障", 20)),
        ],
        goals=[("产业发展", "action", 13, None), ("民生保障", "action", 20, None)],
    ),
    # a 街道 action plan with its leading group: its numbered actions say who does them, and are read so
    "street_plan_actions.txt": dict(
        layout="action-plan",
        meta=dict(subdistrict="梧桐里街道", level="街道", title="梧桐里街道美丽家园建设三年行动方案",
                  date="2024-06-03"),
        tasks=[
            (1, 19, "实施老旧住房屋面及外立面修缮12万平方米。", [("季雨萱", 19, False)], [("管理办", 19)],
             [("各居民区", 19)], ("住房修缮行动", 18)),
            (2, 20, "推进雨污混接改造，完成8个小区。", [], [("管理办", 20)], [("城运中心", 20)], ("住房修缮行动", 18)),
            (3, 22, "建立“楼组长+志愿者”议事机制，每季度召开议事会。", [], [("自治办", 22)], [], ("社区治理行动", 21)),
            (4, 23, "开展平安小区创建，年内新增平安小区6个。", [], [], [], ("社区治理行动", 21)),
        ],
        goals=[("住房修缮行动", "action", 18, None), ("社区治理行动", "action", 21, None)],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_task_lists_fact_by_fact(name):
    expected = EXPECTED[name]
    record = read_plan_bytes((FIXTURES / name).read_bytes(), name)
    assert record.layout == expected["layout"]
    assert {k: getattr(record.meta, k) for k in expected["meta"]} == expected["meta"]
    assert [_facts(t) for t in record.tasks] == expected["tasks"]
    assert [(g.name, g.level, g.line, g.parent) for g in record.goals] == expected["goals"]
    assert record.warnings == ()


def test_the_street_plan_keeps_its_leading_group_and_its_lead_is_a_member():
    record = read_plan_bytes((FIXTURES / "street_plan_actions.txt").read_bytes(), "street_plan_actions.txt")
    assert [(o.name, o.role, o.titles) for o in record.officials] == [
        ("季雨萱", "组长", ("党工委书记",)), ("卜英杰", "副组长", ("办事处主任",))]
    graph = build_graph([resolve_plan(record)])
    leads = [f for f in audit(graph, kinds=["lead-not-in-group"])]
    assert leads == []  # 季雨萱 leads task 1 and is the group's 组长


def test_a_district_list_in_the_graph_and_the_audit():
    record = read_plan_bytes((FIXTURES / "district_brackets.txt").read_bytes(), "district_brackets.txt")
    graph = build_graph([resolve_plan(record)])
    kinds = {(f["kind"], f["subjects"][0]["name"]) for f in audit(graph, kinds=["task-without-lead", "task-led-by-post"])}
    assert kinds == {("task-without-lead", "推进既有多层住宅加装电梯，全年新增完工80台"),
                     ("task-without-lead", "建立小区改造后长效管理机制（含物业服务标准）"),
                     ("task-without-lead", "开展“美丽街区”创建评比"),
                     ("task-led-by-post", "新建口袋公园6处、绿道8公里")}
    cooperating = {graph.nodes[u]["name"] for u, _, k in graph.in_edges("松岭区/Task/1", keys=True) if k == "COOPERATES_ON"}
    assert cooperating == {"区规划资源局", "区财政局", "各街道"}


@pytest.mark.parametrize(
    "text, body, responsible, cooperating, leads",
    [
        ("推行企业开办。（牵头单位：区市场监管局；配合单位：区税务局、区人社局）", "推行企业开办。",
         ["区市场监管局"], ["区税务局", "区人社局"], []),
        ("推行企业开办。(牵头单位:区市场监管局;配合单位:区税务局)", "推行企业开办。", ["区市场监管局"], ["区税务局"], []),
        ("压缩审批时限【责任单位：区政务服务中心】", "压缩审批时限", ["区政务服务中心"], [], []),
        ("推进标准地出让（区规划资源局牵头，区发改委、区经信委配合）。", "推进标准地出让。",
         ["区规划资源局"], ["区发改委", "区经信委"], []),
        ("落实免申即享。（责任单位：区财政局（牵头）、区发改委）", "落实免申即享。", ["区财政局"], ["区发改委"], []),
        ("清理涉企收费。（区发改委、区财政局按职责分工负责）", "清理涉企收费。", ["区发改委", "区财政局"], [], []),
        ("开展走访服务。（区工商联负责）", "开展走访服务。", ["区工商联"], [], []),
        ("建立问题清单。（区营商办）", "建立问题清单。", ["区营商办"], [], []),
        ("完成河道整治。责任单位：区水务局，配合单位：各镇（街道）", "完成河道整治。", ["区水务局"], ["各镇（街道）"], []),
        ("优化审批流程。（责任领导：王伟（副区长）；责任单位：区审批局）", "优化审批流程。", ["区审批局"], [], ["王伟"]),
        ("推进产业链招商。（责任单位：区投促中心等）", "推进产业链招商。", ["区投促中心"], [], []),
        ("推进减税降费。（责任单位：区税务局、区财政局，各镇（街道）按职责分工负责）", "推进减税降费。",
         ["区税务局", "区财政局", "各镇（街道）"], [], []),
        ("推进信用修复。【牵头单位】区发改委【配合单位】区市场监管局", "推进信用修复。", ["区发改委"], ["区市场监管局"], []),
        ("推进智慧停车。（牵头单位：区交通委 配合单位：区公安分局）", "推进智慧停车。", ["区交通委"], ["区公安分局"], []),
        ("开展“千企万户”走访服务（含个体工商户）。", "开展“千企万户”走访服务（含个体工商户）。", [], [], []),
        ("到2025年底完成（计划数以下达为准）。", "到2025年底完成（计划数以下达为准）。", [], [], []),
    ],
)
def test_assignment_forms(text, body, responsible, cooperating, leads):
    got_body, a = split_assignment(text)
    assert got_body == body
    marked = [u for u, _, m in a.responsible if m]
    if marked:  # a 牵头 mark: the marked unit leads, the other responsible units cooperate
        assert marked == responsible and [u for u, _, m in a.responsible if not m] == cooperating
    else:
        assert [u for u, _, _ in a.responsible] == responsible and [u for u, _ in a.cooperating] == cooperating
    assert [t.split("（")[0] for t, _ in a.leads] == leads


def test_the_unit_listed_first_leads_only_where_the_document_says_so():
    assert first_listed_leads("各项任务中，排在第一位的为牵头单位，其他为配合单位。")
    assert first_listed_leads("列 首 位 的 为 牵头单位")
    assert not first_listed_leads("各单位要加强协作，确保任务落实。")
    lines = [Line(1, "一、产业"), Line(2, "1.修路。"), Line(3, "责任单位：区建管委、区财政局")]
    said = read_task_list(lines, first_leads=True).tasks[0]
    unsaid = read_task_list(lines).tasks[0]
    assert ([m.name for m in said.responsible], [m.name for m in said.cooperating]) == (["区建管委"], ["区财政局"])
    assert ([m.name for m in unsaid.responsible], [m.name for m in unsaid.cooperating]) == (["区建管委", "区财政局"], [])


def test_numbered_items_naming_nobody_are_no_task_list():
    lines = [Line(i + 1, t) for i, t in enumerate(["一、工作措施", "1.加强组织领导。", "2.强化督查考核。"])]
    assert read_task_list(lines) is None
    # a number out of sequence inside an item is text, not a new item
    lines = [Line(1, "1.推进菜场升级。"), Line(2, "2.0版本改造。（区商务委负责）"), Line(3, "2.整治市容。（区城管局负责）")]
    tasks = read_task_list(lines).tasks
    assert [(t.number, t.text, [m.name for m in t.responsible]) for t in tasks] == [
        (1, "推进菜场升级。2.0版本改造。", ["区商务委"]), (2, "整治市容。", ["区城管局"])]


def test_the_list_ends_at_the_colophon_and_at_a_web_page_footer():
    rows = ["1.整治市容。（区城管局负责）", "2.修缮道路。", "责任单位：区建管委", "抄送：区委办公室。",
            "区政府办公室 2025年3月1日印发", "主办单位：青川区人民政府办公室 网站标识码：3301000001"]
    tasks = read_task_list([Line(i + 1, t) for i, t in enumerate(rows)]).tasks
    assert [(t.number, t.text, [m.name for m in t.responsible], t.offsets[-1][1]) for t in tasks] == [
        (1, "整治市容。", ["区城管局"], 1), (2, "修缮道路。", ["区建管委"], 3)]


def test_labelled_lines_after_a_sentence_without_its_full_stop_and_in_an_action_plan():
    rows = ["1.整治背街小巷20条", "责任单位：区建管委、各街道", "配合单位：区城管执法局", "2.修缮道路（区建管委负责）"]
    tasks = read_task_list([Line(i + 1, t) for i, t in enumerate(rows)]).tasks
    assert [(t.text, [(m.name, m.line) for m in t.responsible], [(m.name, m.line) for m in t.cooperating])
            for t in tasks] == [("整治背街小巷20条", [("区建管委", 2), ("各街道", 2)], [("区城管执法局", 3)]),
                                ("修缮道路", [("区建管委", 4)], [])]
    # the same lines joined into one text (as an action plan's actions are): the labels still part it
    body, a = split_assignment("整治背街小巷20条。责任单位：区建管委、各街道配合单位：区城管执法局责任领导：滕佳慧")
    assert (body, [u for u, _, _ in a.responsible], [u for u, _ in a.cooperating], [t for t, _ in a.leads]) == (
        "整治背街小巷20条。", ["区建管委", "各街道"], ["区城管执法局"], ["滕佳慧"])
