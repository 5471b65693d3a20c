"""A task-division notice as a web copy gives it, invented and checked fact by fact: its signature over a date the
copy damaged (2019114: the 年月日 lost), the only line naming the issuer; and the excerpt cut inside the last
item's brackets (（牵头单位：A；责任单位：B), whose units are the bracket's: A leads, B cooperates — never B read as
the task's only unit."""

from __future__ import annotations

from loaders.plan.reader import read_plan_bytes

CUT_EXCERPT = """\
关于印发2019年区政府工作报告确定的主要目标任务责任分解方案的通知
各街办事处，区人民政府各部门：
经区政府同意，现将《主要目标任务责任分解方案》印发给你们，请认真贯彻落实。
东岭市西岭区人民政府办公室
2019114
2019年区政府工作报告确定的主要目标任务责任分解方案
一、深化改革，释放发展活力
1、加快推进园区建设，提高工业用地集约利用水平。（牵头单位：区科技和经信局；责任单位：西岭经济开发区管委会、青石街办事处）
2、加快开放型经济建设，鼓励企业开辟国际市场。（责任单位：区商务局）
3、大力推进“四办”改革，优化审批流程，不断提高审批服务效能。（牵头单位：区行政审批局；责任单位：各街办事处
"""


def _facts(record) -> list[tuple]:
    return [(t.number, t.line, [(m.name, m.line) for m in t.responsible], [(m.name, m.line) for m in t.cooperating])
            for t in record.tasks]


def test_the_signature_over_a_damaged_date_names_the_issuer():
    record = read_plan_bytes(CUT_EXCERPT.encode("utf-8"), "方案.txt")
    assert (record.meta.subdistrict, record.meta.level, record.meta.issuer_line) == ("西岭区", "区", 4)
    assert not [w for w in record.warnings if w.kind.startswith("issuer")]


def test_the_last_item_cut_inside_its_brackets_keeps_its_lead_unit():
    record = read_plan_bytes(CUT_EXCERPT.encode("utf-8"), "方案.txt")
    assert _facts(record) == [
        (1, 8, [("区科技和经信局", 8)], [("西岭经济开发区管委会", 8), ("青石街办事处", 8)]),
        (2, 9, [("区商务局", 9)], []),
        (3, 10, [("区行政审批局", 10)], [("各街办事处", 10)]),  # not 各街办事处 responsible alone
    ]
    assert [t.text for t in record.tasks][2] == "大力推进“四办”改革，优化审批流程，不断提高审批服务效能。"
    assert [(w.kind, w.line) for w in record.warnings] == [("assignment-cut-off", 10)]
