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


LABELLED_LINES = """\
2023年区政府工作报告重点工作分工方案
一、主要预期目标
1.地区生产总值比上年增长4.5%以上。
牵头领导：常务副区长
主要责任单位：区发展改革委
完成时限：2023年12月底
2.城镇调查失业率控制在5%以内。
牵头领导：副区长
主要责任单位：区人力社保局
配合单位：区财政局、各街道
完成时间：全年
3.居民人均可支配收入与经济增长同步。
主要责任单位：区统计局、区住建
委、区交通局
4.一般公共预算收入增长3%。
主要责任单位：区财政局
完成时
"""


def test_a_line_after_the_units_that_is_none_of_them_ends_them():
    record = read_plan_bytes(LABELLED_LINES.encode("utf-8"), "东岭区2023年分工方案.txt")
    # 完成时限：… (a label of its own) and 完成时 (the excerpt cut: no unit goes on 区发展改革委 so) are no part of the
    # last unit; a name wrapped across lines (区住建 / 委) is still one
    assert _facts(record) == [
        (1, 3, [("区发展改革委", 5)], []),
        (2, 7, [("区人力社保局", 9)], [("区财政局", 10), ("各街道", 10)]),
        (3, 12, [("区统计局", 13), ("区住建委", 13), ("区交通局", 14)], []),
        (4, 15, [("区财政局", 16)], []),
    ]
    assert [[(m.name, m.post) for m in t.leads] for t in record.tasks] == [
        [("常务副区长", True)], [("副区长", True)], [], []]


SHIFTED_ROW = """\
重点工作任务分解表
序号 | 工作任务 | 牵头单位 | 配合单位
1 | 建成口袋公园3个 | 区园林局 | 区住建委、区
2 | 推进老旧小区改造 | 推动加装电梯20台 | 区住建委
"""


def test_what_no_unit_can_be_under_a_unit_column_is_a_warning_never_a_unit():
    record = read_plan_bytes(SHIFTED_ROW.encode("utf-8"), "东岭区分解表.txt")
    assert [(t.number, [m.name for m in t.responsible], [m.name for m in t.cooperating]) for t in record.tasks] == [
        (1, ["区园林局"], ["区住建委"]), (2, [], ["区住建委"])]
    assert [(w.kind, w.line, w.values["text"]) for w in record.warnings if w.kind == "unit-cell-not-unit"] == [
        ("unit-cell-not-unit", 3, "区"), ("unit-cell-not-unit", 4, "推动加装电梯20台")]


PART_ITEMS = """\
关于印发2021年县政府重点工作责任分解方案的通知
各乡镇人民政府，县政府各部门：
现将《2021年县政府重点工作责任分解方案》印发给你们，请认真抓好落实。
沁县人民政府办公室
2021年3月1日
一、主要预期目标
（一）地区生产总值增长8%。[牵头单位：县发改局；责任单位：县统计局、昌化镇、青山湖街道]
（二）一般公共预算收入增长5%。[牵头单位：县财政局；责任单位：县税务局]
（三）城乡居民人均可支配收入分别增长8%和9%。[牵头单位：县统计局；责任单位：县人社局、县财
"""


def test_items_numbered_as_parts_with_their_own_brackets_are_the_tasks():
    record = read_plan_bytes(PART_ITEMS.encode("utf-8"), "分解方案.txt")
    assert (record.meta.subdistrict, record.meta.level, record.meta.issuer_line) == ("沁县", "县", 4)
    assert _facts(record) == [
        (1, 7, [("县发改局", 7)], [("县统计局", 7), ("昌化镇", 7), ("青山湖街道", 7)]),  # 昌化镇 a town, no name
        (2, 8, [("县财政局", 8)], [("县税务局", 8)]),
        (3, 9, [("县统计局", 9)], [("县人社局", 9)]),  # 县财: a name the excerpt cut short, no unit
    ]
    assert [(w.kind, w.line, w.values["text"]) for w in record.warnings] == [("assignment-cut-off", 9, "县财")]


RUN_TOGETHER = """\
2021年市政府重点工作事项
一、构建现代产业体系
（一）加快建设三大汽车产业基地。（牵头单位：市经贸委；配合单位：市发改委、市规划局）
（二）加快临港物流园区建设。（牵头单位：市交委；配合单位：市经贸委）
推进石化基地建设。（牵头单位：市发改委；配合单位：市经贸委）
"""


def test_two_items_run_together_by_a_lost_number_give_no_unit_but_a_warning():
    record = read_plan_bytes(RUN_TOGETHER.encode("utf-8"), "东岭市重点工作.txt")
    assert _facts(record) == [(1, 3, [("市经贸委", 3)], [("市发改委", 3), ("市规划局", 3)])]
    assert [(w.kind, w.line, w.values) for w in record.warnings if w.kind == "items-run-together"] == [
        ("items-run-together", 4, {"number": 2, "last": 5})]  # not 市经贸委 a unit of 市交委's task


def test_a_number_the_copy_garbled_into_marks_is_the_next_item_not_a_run_together_one():
    # the line opens with the marks a re-encoding leaves (?。ㄈ for （三）): an item of its own (tests/test_mirror_damage.py)
    record = read_plan_bytes(RUN_TOGETHER.replace("推进石化", "?。ㄈ推进石化").encode("utf-8"), "东岭市重点工作.txt")
    assert _facts(record) == [(1, 3, [("市经贸委", 3)], [("市发改委", 3), ("市规划局", 3)]),
                              (2, 4, [("市交委", 4)], [("市经贸委", 4)]),
                              (3, 5, [("市发改委", 5)], [("市经贸委", 5)])]
    assert [(w.kind, w.line) for w in record.warnings if w.kind in ("items-run-together", "item-number-garbled")] == [
        ("item-number-garbled", 5)]


LIVELIHOOD = """\
2016年县政府十件民生实事
序号
民生实事
责任单位
完成时限
1
新建城区公厕10座。
县住建局
2016年底
2
开工建设老年活动中心。
县民政局
2016年底
"""


def test_a_table_headed_by_its_livelihood_projects_is_read():
    record = read_plan_bytes(LIVELIHOOD.encode("utf-8"), "东岭县民生实事.txt")
    assert [(t.number, t.text, [m.name for m in t.responsible]) for t in record.tasks] == [
        (1, "新建城区公厕10座。", ["县住建局"]), (2, "开工建设老年活动中心。", ["县民政局"])]


LEAD_LABELS = """\
东岭市2024年重点工作任务分解
1.地区生产总值增长6%以上。
牵头负责领导：钱海明。
责任单位：市发展改革委。
2.城镇新增就业3万人。
分管省领导：孙立德
责任单位：市人社局。
"""


def test_lead_labels_of_more_shapes_name_the_lead_not_the_task_text():
    record = read_plan_bytes(LEAD_LABELS.encode("utf-8"), "东岭市重点工作.txt")
    assert [(t.number, t.text, [(m.name, m.line) for m in t.leads], [m.name for m in t.responsible])
            for t in record.tasks] == [
        (1, "地区生产总值增长6%以上。", [("钱海明", 3)], ["市发展改革委"]),
        (2, "城镇新增就业3万人。", [("孙立德", 6)], ["市人社局"])]
