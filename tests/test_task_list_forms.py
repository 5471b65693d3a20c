"""Task lists in the forms of real task-division documents, on documents written for the tests, fact by fact.

Labelled lines wrapped mid-name with page footers between, brackets holding a ``、`` inside a unit's name, 主办 /
协办, a lead person named once in a section heading, the first-listed rule stated mid-way (下同), ``A和B分别牵头``,
tasks in running prose (由X负责的Y项目, traditional script too), places given a 行政责任人, and lists that end
where they end (a signature, an attachment, an excerpt cut off inside the last assignment).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphmodel import build_graph
from graphmodel.labels import notice
from graphmodel.resolve import resolve_plan
from loaders.plan.assignment import split_assignment
from loaders.plan.reader import read_plan_bytes
from loaders.plan.source import Line
from loaders.plan.task_list import heading_lead, read_task_list

FIXTURES = Path(__file__).parent / "fixtures" / "task_lists"


def _units(mentions) -> list:
    return [(m.name, m.line, m.as_written) for m in mentions]


def _facts(task) -> tuple:
    """number, line, text, leads (name, line, word, post, inherited), responsible, cooperating (name, line, word),
    goal, and the last line the task was read from."""
    return (task.number, task.line, task.text,
            [(m.name, m.line, m.as_written, m.post, m.inherited) for m in task.leads],
            _units(task.responsible), _units(task.cooperating), task.goal, task.offsets[-1][1] if task.offsets else None)


EXPECTED = {
    # a 县's 责任分解: labelled lines after each item (wrapped mid-word, a unit split over a line break, page footers
    # between), [ ] brackets around units with （、） inside, 主办/协办, a signature and an attachment after the list
    "county_labelled_wrapped.txt": dict(
        meta=dict(subdistrict="云岭县", level="县", title="云岭县2024年重点工作责任分解", number="云政办发〔2024〕7号"),
        tasks=[
            (1, 10, "地区生产总值增长6%左右，规模以上工业增加值增长7%。", [], [("县发改局", 12, "牵头单位")],
             [("县经开区管委会", 13, "责任单位"), ("各乡镇", 13, "责任单位"), ("县统计局", 13, "责任单位")],
             "稳住经济基本盘", 13),
            (2, 15, "推进县城供水管网改造，完成主管道铺设12公里。", [], [("县住建局", 15, "牵头单位")],
             [("县水务局", 15, "责任单位"), ("各乡（镇、街道）人民政府", 15, "责任单位")], "稳住经济基本盘", 15),
            (3, 16, "建设冷链物流中心一座。", [], [("县商务局", 16, "主办")],
             [("县交通局", 16, "协办"), ("县供销社", 16, "协办")], "稳住经济基本盘", 16),
            (4, 17, "开展质量提升行动，培育省级名牌产品3个。", [], [("县市场监管局", 17, "主办"), ("县工信局", 17, "主办")],
             [("县科技局", 17, "协办")], "稳住经济基本盘", 17),
            (5, 19, "新建乡镇卫生院发热门诊4个，改造村卫生室20个。", [], [("县卫健局", 21, "牵头单位")],
             [("县财政局", 22, "协办单位"), ("县医疗保障局", 22, "协办单位"), ("各乡镇", 23, "协办单位")],
             "办好民生实事", 23),
            # 责任单位 alone: responsible; the signature (line 27) and the date after it are no part of the task
            (6, 25, "新增城镇就业岗位2500个。", [], [("县人社局", 26, "责任单位")], [], "办好民生实事", 26),
        ],
        officials=[],
    ),
    # a 区's 责任分解: the lead named once per section heading (name glued to the title); numbers restart per
    # section; 甲和乙分别牵头、丙; the first-listed rule stated inside item 三-2 holds from there on (下同)
    "district_heading_leads.txt": dict(
        meta=dict(subdistrict="青川区", level="区", title="2024年政府工作报告重点工作责任分解", number="青政办发〔2024〕3号"),
        tasks=[
            (1, 10, "一般公共预算收入增长5%。", [("韩立平", 9, "牵头", False, True)], [("区财政局", 11, "责任单位")], [],
             "韩立平区长牵头重点工作", 11),
            (1, 13, "建设临港物流园区二期，引进物流企业10家。", [("孟雪芳", 12, "牵头", False, True)],
             [("区物流办", 14, "分别牵头"), ("区口岸办", 14, "分别牵头")], [("区商务局", 14, "责任单位")],
             "孟雪芳区政府党组成员牵头重点工作", 14),
            # before the rule is stated, a 责任单位 list is responsible whole
            (1, 16, "地区生产总值增长5.5%。", [("邵振宇", 15, "牵头", False, True)],
             [("区发改局", 17, "责任单位"), ("区统计局", 17, "责任单位")], [], "邵振宇常务副区长牵头重点工作", 17),
            (2, 18, "完成年度节能减排目标。", [("邵振宇", 15, "牵头", False, True)], [("区发改局", 19, "责任单位")],
             [("区生态环境分局", 19, "责任单位")], "邵振宇常务副区长牵头重点工作", 19),
            (3, 20, "城乡居民收入与经济增长同步。", [("邵振宇", 15, "牵头", False, True)], [("区发改局", 21, "责任单位")],
             [("区人社局", 21, "责任单位"), ("区农业农村局", 21, "责任单位")], "邵振宇常务副区长牵头重点工作", 21),
            (4, 22, "开展“放心消费”创建活动，新增示范单位30家。", [("邵振宇", 15, "牵头", False, True)], [], [],
             "邵振宇常务副区长牵头重点工作", 22),
        ],
        officials=[("韩立平", None, ("区长",), 9), ("孟雪芳", None, ("区政府党组成员",), 12),
                   ("邵振宇", None, ("常务副区长",), 15)],
    ),
    # a 镇's projects in running prose, one per paragraph (one in traditional script: the unit kept as written)
    "town_prose_projects.txt": dict(
        meta=dict(subdistrict="桐溪镇", level="镇", title="桐溪镇2024年“为民办实事”重点项目", number=None),
        tasks=[
            (None, 3, "聚焦“出行便利”。由镇交通站负责的村道提档升级项目，改造村道6.5公里，预计10月完成", [],
             [("镇交通站", 3, "负责")], [], None, None),
            (None, 4, "聚焦“鄉村振興”。由鎮農業農村辦負責的美麗鄉村示範項目，完善村內綠化、亮化工程，預計12月完成", [],
             [("鎮農業農村辦", 4, "負責")], [], None, None),
            (None, 5, "聚焦“安全饮水”。由镇水利站负责的农村供水保障工程，新建蓄水池2座，预计9月完成", [],
             [("镇水利站", 5, "负责")], [], None, None),
        ],
        officials=[],
    ),
    # a 镇's 防汛 notice: places given a 行政责任人, one task per clause; a post instead of a person
    "town_flood_duties.txt": dict(
        meta=dict(subdistrict="石门镇", level="镇", title="石门镇人民政府关于做好2024年防汛工作的通知", number=None),
        tasks=[
            (None, 5, "青石水库、白沙湖、鹿鸣坑", [("林阿明", 5, "行政责任人", False, False)], [], [], None, None),
            (None, 5, "龙口拦河闸", [("许志坚", 5, "行政责任人", False, False), ("许文华", 5, "行政责任人", False, False)],
             [], [], None, None),
            (None, 5, "柳溪(上游段)", [("沿岸各村的村委会主任", 5, "防汛责任人", True, False)], [], [], None, None),
        ],
        officials=[],
    ),
    # a 区's 责任分解: the targets are （一）… headings with their units on the next lines (each heading a task,
    # numbered as it is); an item's bracket closes its first line, its points (▲) follow; A、B牵头 both lead
    "district_subsection_tasks.txt": dict(
        meta=dict(subdistrict="青岚区", level="区", title="2025年区《政府工作报告》主要目标任务责任分解方案",
                  number="青政办〔2025〕2号"),
        tasks=[
            (1, 9, "地区生产总值增长6%左右", [], [("区发展和改革局", 10, "责任单位")], [], "全年经济社会发展的主要预期目标", 10),
            (2, 11, "城镇新增就业1.2万人", [], [("区人力资源和社会保障局", 12, "牵头单位")],
             [("各街道办事处", 13, "责任单位")], "全年经济社会发展的主要预期目标", 13),
            (3, 14, "居民人均可支配收入增长6%", [], [("区统计局", 15, "责任单位"), ("区农业农村局", 15, "责任单位")], [],
             "全年经济社会发展的主要预期目标", 15),
            (1, 17, "加强经济运行监测，按月分析主要指标。▲规模以上工业增加值增长7%左右；▲社会消费品零售总额增长5%。", [],
             [("区统计局", 17, "牵头单位"), ("区发展和改革局", 17, "牵头单位")], [], "重点工作", 19),
            (2, 20, "推进老旧小区改造，完成改造项目12个。", [],
             [("区住房和城乡建设局", 20, "牵头"), ("区城市更新中心", 20, "牵头")],
             [("各街道办事处", 20, "按职责分工负责")], "重点工作", 20),
        ],
        officials=[],
    ),
    # a 市's 工作要点 in traditional script: read as simplified, every name, text and word kept as written
    "city_traditional_brackets.txt": dict(
        meta=dict(subdistrict="雲川市", level="市", title="雲川市2025年深化營商環境改革工作要點", number=None),
        tasks=[
            (1, 3, "全面實施行政許可事項清單管理，清單之外一律不得實施行政許可。", [],
             [("市政府辦公室", 3, "牽頭"), ("市審批改革辦", 3, "牽頭")], [("各縣區政府", 3, "按職責分工負責")],
             "推動審批服務提速", 3),
            (2, 4, "推行企業開辦“一日辦結”，壓縮辦理時間。", [], [("市市場監管局", 4, "牽頭")],
             [("市稅務局", 4, "配合"), ("市人社局", 4, "配合")], "推動審批服務提速", 4),
        ],
        officials=[],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_forms_fact_by_fact(name):
    expected = EXPECTED[name]
    record = read_plan_bytes((FIXTURES / name).read_bytes(), name)
    assert record.layout == "task-list"
    assert {k: getattr(record.meta, k) for k in expected["meta"]} == expected["meta"]
    assert [_facts(t) for t in record.tasks] == expected["tasks"]
    assert [(o.name, o.role, o.titles, o.line) for o in record.officials] == expected["officials"]
    assert record.warnings == ()


def test_the_graph_keeps_the_documents_word_and_the_inherited_lead():
    record = read_plan_bytes((FIXTURES / "district_heading_leads.txt").read_bytes(), "district_heading_leads.txt")
    graph = build_graph([resolve_plan(record)])
    edges = {(graph.nodes[u]["name"], graph.nodes[v].get("number"), k, d.get("as_written"), bool(d.get("inherited")))
             for u, v, k, d in graph.edges(keys=True, data=True) if k in ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON")}
    assert ("邵振宇", 4, "LEADS", "牵头", True) in edges
    assert ("区生态环境分局", 2, "COOPERATES_ON", "责任单位", False) in edges
    assert ("区物流办", 1, "RESPONSIBLE_FOR", "分别牵头", False) in edges
    assert sum(1 for e in edges if e[2] == "LEADS") == 6 and len({e[1] for e in edges}) == 4  # numbers 1–4


@pytest.mark.parametrize(
    "text, responsible, cooperating",
    [
        # the unit-role contract: a lead unit beside a 责任单位 list makes that list the task's other units
        ("修路。（牵头单位：甲局；责任单位：乙局、丙局）", [("甲局", "牵头单位")], [("乙局", "责任单位"), ("丙局", "责任单位")]),
        ("修路。(责任单位:乙局、丙局;牵头单位:甲局)", [("甲局", "牵头单位")], [("乙局", "责任单位"), ("丙局", "责任单位")]),
        ("修路。（责任单位：乙局、丙局）", [("乙局", "责任单位"), ("丙局", "责任单位")], []),
        ("修路。（甲局主办，乙局协办）", [("甲局", "主办")], [("乙局", "协办")]),
        ("修路。（甲局、乙局主办，丙局、丁中心协办）", [("甲局", "主办"), ("乙局", "主办")], [("丙局", "协办"), ("丁中心", "协办")]),
        ("修路。（甲局牵头，乙局配合）", [("甲局", "牵头")], [("乙局", "配合")]),
        ("修路。（甲局负责）", [("甲局", "负责")], []),
        ("修路。（责任单位：甲局（牵头）、乙局）", [("甲局", "牵头")], [("乙局", "责任单位")]),
        ("修路。（责任单位：甲局和乙局分别牵头、丙局）", [("甲局", "分别牵头"), ("乙局", "分别牵头")], [("丙局", "责任单位")]),
        ("修路。（责任单位：区住房和城乡建设局牵头、丙局）", [("区住房和城乡建设局", "牵头")], [("丙局", "责任单位")]),
        ("修路。[牵头单位:甲局;协同单位:各县(市、区)政府,乙局]", [("甲局", "牵头单位")],
         [("各县（市、区）政府", "协同单位"), ("乙局", "协同单位")]),
        ("修路。（牵头单位：甲局；配合单位：乙局；责任领导：王一鸣）", [("甲局", "牵头单位")], [("乙局", "配合单位")]),
    ],
)
def test_the_unit_role_contract(text, responsible, cooperating):
    [task] = read_task_list([Line(1, "一、工作"), Line(2, "1." + text)]).tasks
    assert [(m.name, m.as_written) for m in task.responsible] == responsible
    assert [(m.name, m.as_written) for m in task.cooperating] == cooperating


def test_a_lead_named_by_a_label_keeps_its_word():
    [task] = read_task_list([Line(1, "1.修路。（牵头单位：甲局；责任领导：王一鸣）")]).tasks
    assert [(m.name, m.line, m.as_written) for m in task.leads] == [("王一鸣", 1, "责任领导")]


@pytest.mark.parametrize(
    "heading, found",
    [
        ("韩立平区长牵头重点工作", ("韩立平", "区长", "牵头", False)),
        ("邵振宇常务副区长牵头重点工作", ("邵振宇", "常务副区长", "牵头", False)),
        ("孟雪芳区政府党组成员牵头重点工作", ("孟雪芳", "区政府党组成员", "牵头", False)),
        ("于海副市长主抓重点工作", ("于海", "副市长", "主抓", False)),
        ("欧阳文静副县长分管工作", ("欧阳文静", "副县长", "分管", False)),
        ("丁文书副区长牵头重点工作", ("丁文书", "副区长", "牵头", False)),  # 文书 + 副区长 would leave no sure title
        ("何宁管委会副主任主抓工作", ("何宁", "管委会副主任", "主抓", False)),
        ("常务副区长牵头重点工作", ("常务副区长", "", "牵头", True)),
        ("区发改局牵头重点工作", None),  # a unit is no lead person
        ("加快重点项目建设", None),
        ("强化党建引领工作", None),
    ],
)
def test_heading_leads(heading, found):
    assert heading_lead(heading) == found


def test_a_subsection_heading_lead_is_nearer_than_its_sections():
    rows = ["一、韩立平区长牵头重点工作", "（一）孟雪芳副区长分管工作", "1.修路。（甲局负责）", "（二）产业发展",
            "2.建园。（乙局负责）", "3.招商。（丙局负责；责任领导：王一鸣）"]
    tasks = read_task_list([Line(i + 1, t) for i, t in enumerate(rows)]).tasks
    assert [(t.number, [(m.name, m.line, m.inherited) for m in t.leads], t.inherited) for t in tasks] == [
        (1, [("孟雪芳", 2, True)], ("lead",)), (2, [("韩立平", 1, True)], ("lead",)),
        (3, [("王一鸣", 6, False)], ())]  # a task naming its own lead keeps it


def test_the_first_listed_rule_outside_the_items_holds_for_every_task():
    rows = ["各项任务中列第一位者为牵头单位。", "一、工作", "1.修路。", "责任单位：甲局、乙局", "2.建园。", "责任单位：丙局、丁局"]
    tasks = read_task_list([Line(i + 1, t) for i, t in enumerate(rows)]).tasks
    assert [([m.name for m in t.responsible], [m.name for m in t.cooperating]) for t in tasks] == [
        (["甲局"], ["乙局"]), (["丙局"], ["丁局"])]


def _read(text: str):
    return read_task_list([Line(i + 1, t) for i, t in enumerate(text.splitlines())])


def test_the_list_ends_at_a_signature_after_the_last_item():
    # after a closed bracket, a body's name alone before the date or the end is the signature
    for tail in (["青溪街道办事处", "2025年3月1日"], ["青溪街道办事处"], ["青溪街道办事处 2025年3月1日"],
                 ["青溪街道党工委", "青溪街道办事处", "2025年3月1日"]):
        tasks = _read("\n".join(["1.修路。（街道管理办牵头，街道综合执法队配合）", "2.建园。（街道服务办负责，",
                                 "街道综合执法队配合）", *tail])).tasks
        assert [(t.number, _units(t.responsible), _units(t.cooperating), t.offsets[-1][1]) for t in tasks] == [
            (1, [("街道管理办", 1, "牵头")], [("街道综合执法队", 1, "配合")], 1),
            (2, [("街道服务办", 2, "负责")], [("街道综合执法队", 3, "配合")], 3)], tail
    # a unit list wrapped after its 、 goes on, even with a body's name on the next line
    tasks = _read("1.修路。\n责任单位：甲局、\n区政府办公室\n2.建园。\n责任单位：乙局，\n丙局办公室").tasks
    assert [(_units(t.responsible), _units(t.cooperating)) for t in tasks] == [
        ([("甲局", 2, "责任单位"), ("区政府办公室", 3, "责任单位")], []),
        ([("乙局", 5, "责任单位"), ("丙局办公室", 6, "责任单位")], [])]


def test_the_list_ends_at_an_attachment_and_skips_page_footers():
    tasks = _read("1.修路，完成改造\n— 2 —\n12公里。（甲局负责）\n- 3 -\n2.建园。\n责任单位：乙局\n附件：项目清单\n"
                  "1.丙项目（丙局负责）").tasks
    assert [(t.number, t.text, _units(t.responsible)) for t in tasks] == [
        (1, "修路，完成改造12公里。", [("甲局", 3, "负责")]), (2, "建园。", [("乙局", 6, "责任单位")])]


def test_an_assignment_cut_off_by_the_end_of_an_excerpt():
    found = _read("1.修路。（甲局主办，乙局协办）\n2.建园，年内完成投资8亿元。（丙局主办，丁局、戊中心、城建集")
    assert [(t.number, t.text, _units(t.responsible), _units(t.cooperating)) for t in found.tasks] == [
        (1, "修路。", [("甲局", 1, "主办")], [("乙局", 1, "协办")]),
        # the units after the lead part are the task's other units; the cut-off fragment is no unit
        (2, "建园，年内完成投资8亿元。", [("丙局", 2, "主办")], [("丁局", 2, None), ("戊中心", 2, None)])]
    [warning] = found.warnings
    assert (warning.kind, warning.line, warning.values) == ("assignment-cut-off", 2, {"number": 2, "text": "城建集"})
    assert "城建集" in notice(warning, "zh") and "cut off" in notice(warning, "en")
    # inside the text (not at its end) an open bracket is no assignment
    body, a = split_assignment("建园（丙局主办，丁局")
    assert (body, bool(a)) == ("建园（丙局主办，丁局", False)


def test_prose_tasks_need_two_paragraphs_and_a_unit():
    one = _read("今年重点项目如下。\n由镇交通站负责的村道项目，年底完成。")
    assert one is None
    not_units = _read("由群众自己负责的环境整治工作，持续推进。\n由村民小组长负责的巡查工作，每周一次。")
    assert not_units is None  # 群众自己, 村民小组长 are no units


def test_place_clauses_need_places_and_two_clauses():
    assert _read("一、各单位要高度重视，行政责任人要到岗到位；技术人员要坚守岗位。") is None
    found = _read("二、青石水库，行政责任人：林阿明；白沙湖，技术责任人，许志坚。").tasks
    assert [(t.text, [(m.name, m.as_written) for m in t.leads]) for t in found] == [
        ("青石水库", [("林阿明", "行政责任人")]), ("白沙湖", [("许志坚", "技术责任人")])]


def test_one_task_naming_units_in_two_roles_is_a_task_list():
    """An excerpt cut after its first item: one task naming a lead and the units beside it is as sure as two
    tasks (a lone 负责 is not), and a name the end of the text cut to one character is no unit."""
    record = read_plan_bytes("一、优化审批服务\n1.推行“一件事”集成办理。（市政务服务中心牵头，市人社局、市医保局配合）\n"
                             "2.推进证照分离改革。（市".encode(), "excerpt.txt")
    assert record.layout == "task-list"
    assert [(t.number, _units(t.responsible), _units(t.cooperating)) for t in record.tasks] == [
        (1, [("市政务服务中心", 2, "牵头")], [("市人社局", 2, "配合"), ("市医保局", 2, "配合")]), (2, [], [])]
    with pytest.raises(Exception, match="不是可读的责任文件"):
        read_plan_bytes("一、工作\n1.推行“一件事”集成办理。（市政务服务中心负责）\n2.推进改革。".encode(), "lone.txt")
    cut = _read("（一）地区生产总值增长6%\n责任单位：区发改局\n（二）新增就业1万人\n责任单位：区")
    assert [(t.number, t.text, _units(t.responsible)) for t in cut.tasks] == [
        (1, "地区生产总值增长6%", [("区发改局", 2, "责任单位")]), (2, "新增就业1万人", [])]
    assert [(w.kind, w.line, w.values) for w in cut.warnings] == [
        ("assignment-cut-off", 4, {"number": 2, "text": "责任单位：区"})]


def test_an_items_last_sentence_may_say_who_does_it():
    """…压缩办理时间。由区市场监管局牵头，区税务局配合。 is the item's assignment as its brackets would be; a sentence
    naming no unit (由街道统一负责, 由群众自己负责) is none."""
    found = _read("一、提升政务服务效能\n1.推行企业开办“一日办结”，压缩办理时间。由区市场监管局牵头，区税务局、区人社局配合。\n"
                  "2.扩大“一网通办”覆盖面。由区政务服务中心负责。\n3.开展环境整治。由街道统一负责。").tasks
    assert [(t.number, t.text, _units(t.responsible), _units(t.cooperating)) for t in found] == [
        (1, "推行企业开办“一日办结”，压缩办理时间。", [("区市场监管局", 2, "牵头")],
         [("区税务局", 2, "配合"), ("区人社局", 2, "配合")]),
        (2, "扩大“一网通办”覆盖面。", [("区政务服务中心", 3, "负责")], []),
        (3, "开展环境整治。由街道统一负责。", [], [])]


def test_a_label_holding_a_shorter_one_keeps_its_word():
    """分管区领导： is one label (its tail 区领导： is one too): the lead keeps the document's whole word."""
    [task] = read_task_list([Line(1, "1.种树。（分管区领导：罗佳宁副区长；责任单位：区园林中心）")]).tasks
    assert [(m.name, m.as_written) for m in task.leads] == [("罗佳宁", "分管区领导")]
    assert _units(task.responsible) == [("区园林中心", 1, "责任单位")]


def test_a_lead_named_under_or_inside_a_heading_leads_its_tasks():
    """牵头区领导：韩志远 on the line below a section heading, or （责任区领导：罗佳宁） closing it, names who leads the
    tasks of that part (inherited, the label kept), and makes no task of the heading."""
    found = _read("一、扩大有效投资\n牵头区领导：韩志远\n1.推进重大项目建设。\n牵头单位：区发改局\n2.加快城市更新。\n"
                  "牵头单位：区住建局\n二、优化营商环境（责任区领导：罗佳宁）\n3.深化“放管服”改革。\n牵头单位：区政务服务中心")
    assert [(t.number, t.goal, [(m.name, m.line, m.as_written, m.inherited) for m in t.leads], _units(t.responsible))
            for t in found.tasks] == [
        (1, "扩大有效投资", [("韩志远", 2, "牵头区领导", True)], [("区发改局", 4, "牵头单位")]),
        (2, "扩大有效投资", [("韩志远", 2, "牵头区领导", True)], [("区住建局", 6, "牵头单位")]),
        (3, "优化营商环境", [("罗佳宁", 7, "责任区领导", True)], [("区政务服务中心", 9, "牵头单位")])]
