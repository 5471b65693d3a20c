"""A plan that sets its leading group up in a sentence (成立…领导小组，…任组长，…为成员) rather than in a list:
the group's members, with their roles, titles and lines, and its office, read from that paragraph only — in a
task-division document and in a 街道 action plan. Invented documents, checked fact by fact."""

from __future__ import annotations

from loaders.plan.reader import read_plan_bytes

TOWN_PLAN = """\
西岭镇美丽乡村建设三年行动方案
为推进美丽乡村建设，制定本行动方案。
一、组织领导
成立西岭镇美丽乡村建设工作领导小组，镇党委书记高远任组长，镇长方静任副组长，镇农业服务中心、镇建设办主要负责人为成员。领导小组办公室设在镇建设办。
二、重点行动
1.村庄环境整治行动。由镇建设办牵头，各村配合。
2.产业培育行动。由镇农业服务中心牵头。
3.督查考核。由镇纪委任督查组长单位。
西岭镇人民政府
2022年4月1日
"""

STREET_PLAN = """\
东岭街道精品城区建设行动方案
一、工作目标
打造整洁有序的街区环境。
二、组织保障
（一）加强组织领导。成立街道精品城区建设领导小组，由街道党工委书记周文斌任组长，街道办事处主任孙立新任常务
副组长，成员由街道城建办、街道自治办等部门负责人组成。
（二）各社区要成立相应工作小组，社区书记任组长。
三、主要任务
1.背街小巷整治行动。
2.绿化品质提升行动。
东岭街道办事处
2024年3月1日
"""


def _group(record):
    return ([(o.name, o.role, o.titles, o.line) for o in record.officials],
            [(u.name, u.role, u.position, u.line) for u in record.member_units],
            [(t.name, t.seat.name if t.seat else None, t.line) for t in record.teams])


def test_a_task_plan_that_sets_its_group_up_in_a_sentence():
    record = read_plan_bytes(TOWN_PLAN.encode("utf-8"), "西岭镇行动方案.txt")
    assert record.layout == "task-list"
    assert _group(record) == (
        [("高远", "组长", ("镇党委书记",), 4), ("方静", "副组长", ("镇长",), 4)],
        [("镇农业服务中心", "成员", "主要负责人", 4), ("镇建设办", "成员", "主要负责人", 4)],
        [("领导小组办公室", "镇建设办", 4)])
    assert [(t.number, [m.name for m in t.responsible], [m.name for m in t.cooperating]) for t in record.tasks][:2] == [
        (1, ["镇建设办"], ["各村"]), (2, ["镇农业服务中心"], [])]


def test_a_street_plan_whose_group_is_set_up_in_its_measures():
    record = read_plan_bytes(STREET_PLAN.encode("utf-8"), "东岭街道行动方案.txt")
    assert record.layout == "action-plan"
    officials, units, teams = _group(record)
    assert officials == [("周文斌", "组长", ("街道党工委书记",), 5), ("孙立新", "常务副组长", ("街道办事处主任",), 5)]
    assert units == [("街道城建办", "成员", "负责人", 6), ("街道自治办", "成员", "负责人", 6)]
    assert teams == []  # no office set up; the 社区's own groups (社区书记任组长) are not this group's
    assert [(t.number, t.text) for t in record.tasks] == [(1, "背街小巷整治行动。"), (2, "绿化品质提升行动。")]
    assert record.warnings == ()  # the signature is no part of the last action, and no sign of a cut


def test_without_a_sentence_that_sets_a_group_up_no_member_is_read_from_the_plan():
    text = TOWN_PLAN.replace("成立西岭镇美丽乡村建设工作领导小组，", "")
    record = read_plan_bytes(text.encode("utf-8"), "西岭镇行动方案.txt")
    assert _group(record) == ([], [], [])
    assert [t.number for t in record.tasks if t.responsible] == [1, 2]
