"""Assignment wording seen in task-division documents, invented and checked fact by fact: a label over a whole
assignment said in verbs (部门分工：A牵头，B配合。), qualified labels (主要协作单位, 协同责任单位) whose line ends the units
before an unknown label (监督方式：…), a lead's name ended by its sentence (牵头负责领导：X。 then a cut label), the
levels one collective lists (各县、市、区政府), and 及 before a collective (市级各有关部门及各县市区政府)."""

from __future__ import annotations

from loaders.plan.reader import read_plan_bytes

DIVISION = """\
2021年省政府工作报告重点工作分工方案
一、主要预期目标
1.地区生产总值增长6%以上。
分管省领导：韦振东
部门分工：省发展改革委牵头，各地、各部门配合。
2.地方一般公共预算收入增长5%左右。
分管省领导：韦振东
部门分工：省财政厅牵头，省税务局配合。
"""


def _facts(record) -> list[tuple]:
    return [(t.number, t.line, [(m.name, m.line) for m in t.leads], [(m.name, m.line) for m in t.responsible],
             [(m.name, m.line) for m in t.cooperating]) for t in record.tasks]


def test_a_division_label_over_an_assignment_in_verbs():
    record = read_plan_bytes(DIVISION.encode("utf-8"), "分工方案.txt")
    assert _facts(record) == [
        (1, 3, [("韦振东", 4)], [("省发展改革委", 5)], [("各地", 5), ("各部门", 5)]),
        (2, 6, [("韦振东", 7)], [("省财政厅", 8)], [("省税务局", 8)]),
    ]


QUALIFIED = """\
2021年县政府工作报告重点任务分解
1.推进家庭医生签约服务，加快建设县疾控中心。
牵头责任单位：县卫健委
主要协作单位：各乡镇人民政府、县政府有关部门、有关直属单位
监督方式：0550-1234567
2.固定资产投资增长10%以上。
牵头负责领导：柏思远。
牵头责任单位：县发展改革委。
协同责任单位：县经信局、县住建局等，各县、市、区政府。
3.社会消费品零售总额增长10.5%以上。
牵头负责领导：郁文清。
牵头责任
"""


def test_qualified_labels_a_lead_ended_by_its_sentence_and_levels_listed_in_one_collective():
    record = read_plan_bytes(QUALIFIED.encode("utf-8"), "任务分解.txt")
    assert _facts(record) == [
        (1, 2, [], [("县卫健委", 3)], [("各乡镇人民政府", 4), ("县政府有关部门", 4), ("有关直属单位", 4)]),  # no 监督方式
        (2, 6, [("柏思远", 7)], [("县发展改革委", 8)],
         [("县经信局", 9), ("县住建局", 9), ("各县、市、区政府", 9)]),  # not 各县 and 区政府
        (3, 10, [("郁文清", 11)], [], []),  # the name, not 郁文清。牵头责任
    ]


def test_ji_before_a_collective_parts_two_members():
    text = "2022年重点任务分工\n1.全面实施行政许可事项清单管理。（市政府办公室牵头，市级各有关部门及各县市区政府配合）\n" \
           "2.深化“放管服”改革。（市审批局牵头，市级各有关部门配合）\n"
    record = read_plan_bytes(text.encode("utf-8"), "分工.txt")
    assert [[m.name for m in t.cooperating] for t in record.tasks] == [["市级各有关部门", "各县市区政府"], ["市级各有关部门"]]
