"""Task-division tables read from cells: each row's leads, units, inherited marks and goals, fact by fact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphmodel.model import PlanMeta, PlanRecord
from graphmodel.resolve import resolve_plan
from loaders.plan.cell_table import find_cell_header, read_cell_table
from loaders.plan.source import Line, decode, source_from_bytes
from loaders.plan.text_tables import text_table_lines

FIXTURES = Path(__file__).parent / "fixtures" / "tables"


def _read_text_fixture(name: str):
    data = (FIXTURES / name).read_bytes()
    source = source_from_bytes(data, name)
    tables = text_table_lines(source.lines, decode(data, name)[0])
    assert tables.warnings == ()
    return read_cell_table(tables.lines)


def _pdf_lines() -> list[Line]:
    rows = json.loads((FIXTURES / "pdf_rows.json").read_text(encoding="utf-8"))["lines"]
    return [
        Line(r["no"], r.get("text") or " ".join(r["cells"]), r.get("page"), r.get("table"), r.get("row"),
             tuple(r["cells"]) if "cells" in r else None)
        for r in rows
    ]


def _facts(task) -> dict:
    """One row's facts: (name, line, inherited) per lead / responsible / cooperating; posts marked."""
    def people(ms):
        return [(m.name, m.line, m.inherited) + (("post",) if m.post else ()) for m in ms]

    return {
        "number": task.number, "line": task.line, "text": task.text,
        "leads": people(task.leads), "responsible": people(task.responsible),
        "cooperating": people(task.cooperating), "goal": (task.goal, task.goal_line), "inherited": task.inherited,
    }


# --------------------------------------------------------------------------- a district 责任分解表 (pipe table)
DISTRICT = [
    {"number": 1, "line": 16, "text": "推行企业开办“一日办结”，全面压缩办理时间。",
     "leads": [("邵明远", 16, False)], "responsible": [("区市场监管局", 16, False)],
     "cooperating": [("区税务局", 16, False), ("区人社局", 16, False)], "goal": ("提升政务服务效能", 15), "inherited": ()},
    {"number": 2, "line": 17, "text": "扩大“一网通办”事项覆盖面，实现高频事项全程网办。",
     "leads": [("邵明远", 16, True)], "responsible": [("区政务服务中心", 17, False)],
     "cooperating": [("区大数据中心", 17, False), ("区司法局", 17, False)], "goal": ("提升政务服务效能", 15),
     "inherited": ("lead",)},
    {"number": 3, "line": 18, "text": "建立企业诉求“接诉即办”闭环机制。",
     "leads": [("邵明远", 18, False), ("葛慧敏", 18, False)], "responsible": [("区政府办公室", 18, False)],
     "cooperating": [("区大数据中心", 17, True), ("区司法局", 17, True)], "goal": ("提升政务服务效能", 15),
     "inherited": ("cooperating",)},
    {"number": 4, "line": 20, "text": "推进工业用地“标准地”出让，缩短供地周期。",
     "leads": [("葛慧敏", 20, False)], "responsible": [("区规划资源局", 20, False)],
     "cooperating": [("区发改委", 20, False), ("区经信委", 20, False)], "goal": ("优化要素保障", 19), "inherited": ()},
    {"number": 5, "line": 21, "text": "落实惠企政策“免申即享”。",
     "leads": [("区政府分管领导", 21, False, "post")], "responsible": [("区财政局", 21, False), ("区发改委", 21, False)],
     "cooperating": [], "goal": ("优化要素保障", 19), "inherited": ()},
    {"number": 6, "line": 22, "text": "开展“千企万户”走访服务，建立问题清单。",
     "leads": [("区政府分管领导", 21, True, "post")], "responsible": [("区财政局", 21, True), ("区发改委", 21, True)],
     "cooperating": [("各镇（街道）", 22, False)], "goal": ("优化要素保障", 19), "inherited": ("lead", "responsible")},
]


def test_district_duty_table_in_pipes_row_by_row():
    result = _read_text_fixture("district_duty_pipe.txt")
    assert result.header_line == 13
    assert len(result.tasks) == len(DISTRICT)
    for task, expected in zip(result.tasks, DISTRICT):
        assert _facts(task) == expected
    assert [(g.name, g.level, g.line, g.parent) for g in result.goals] == [
        ("提升政务服务效能", "action", 15, None), ("优化要素保障", "action", 19, None)]
    assert result.warnings == []


def test_pipe_rows_say_their_table_row_and_cell():
    result = _read_text_fixture("district_duty_pipe.txt")
    two = result.tasks[1]
    assert (two.table, two.row) == (1, 4)  # header 1, section 2, task 1 is row 3
    lead = two.leads[0]
    assert (lead.table, lead.row, lead.cell, lead.inherited) == (1, 3, 3, True)  # read from task 1's row
    assert [(m.row, m.cell) for m in two.responsible] == [(4, 4)]


# --------------------------------------------------------------------------- a 镇 重点工作计划 (one cell per line)
TOWN = [  # one cell per line: each name's line is its cell's own line
    {"number": 1, "line": 22, "text": "建成2个市级美丽乡村示范村，完成村庄环境整治验收。",
     "leads": [("陆健", 26, False)], "responsible": [("农业农村办", 27, False)], "cooperating": [],
     "goal": ("美丽乡村", 23), "inherited": ()},
    {"number": 2, "line": 30, "text": "完成高标准农田建设1200亩。",
     "leads": [("陆健", 33, False)], "responsible": [("农业农村办", 34, False), ("规划建设办", 34, False)],
     "cooperating": [], "goal": ("美丽乡村", 23), "inherited": ("goal",)},
    {"number": 3, "line": 37, "text": "发展村级集体经济项目3个。",
     "leads": [("陆健", 40, False), ("岑晓雯", 40, False)], "responsible": [("经济发展办", 41, False)],
     "cooperating": [], "goal": ("农民增收", 38), "inherited": ()},
    {"number": 4, "line": 46, "text": "推进“一网统管”村居全覆盖。",
     "leads": [("岑晓雯", 49, False)], "responsible": [("平安办", 50, False), ("城运中心", 50, False)],
     "cooperating": [], "goal": ("基层治理", 47), "inherited": ()},
    {"number": 5, "line": 53, "text": "开展安全生产大检查。",
     "leads": [("镇分管领导", 56, False, "post")], "responsible": [("应急管理办", 57, False)], "cooperating": [],
     "goal": ("平安建设", 44), "inherited": ()},
]


def test_town_work_plan_one_cell_per_line_row_by_row():
    result = _read_text_fixture("town_plan_cell_per_line.txt")
    assert len(result.tasks) == len(TOWN)
    for task, expected in zip(result.tasks, TOWN):
        assert _facts(task) == expected
    assert [(g.name, g.level, g.line, g.parent) for g in result.goals] == [
        ("乡村振兴", "action", 20, None), ("美丽乡村", "project", 23, "乡村振兴"), ("农民增收", "project", 38, "乡村振兴"),
        ("平安建设", "action", 44, None), ("基层治理", "project", 47, "平安建设")]


# --------------------------------------------------------------------------- a 民生实事 table (tabs, 进展 column)
LIVELIHOOD = [
    {"number": 1, "line": 11, "text": "新建社区长者食堂5家，提供助餐服务。",
     "leads": [("乔振华", 11, False)], "responsible": [("县民政局", 11, False)],
     "cooperating": [("各乡镇", 11, False), ("县市场监管局", 11, False)], "goal": ("新建长者食堂", 11), "inherited": ()},
    {"number": 2, "line": 13, "text": "为2000户困难老人家庭实施适老化改造。",
     "leads": [("乔振华", 11, True)], "responsible": [("县民政局", 13, False)], "cooperating": [("县残联", 13, False)],
     "goal": ("新建长者食堂", 11), "inherited": ("goal", "lead")},
    {"number": 3, "line": 14, "text": "改造老旧供水管网30公里。",
     "leads": [("龚雪", 14, False)], "responsible": [("县水务局", 14, False)],
     "cooperating": [("县住建局", 14, False), ("县财政局", 14, False)], "goal": ("城乡供水一体化", 14), "inherited": ()},
    {"number": 4, "line": 15, "text": "新建农村饮水安全工程2处。",
     "leads": [("县政府分管领导", 15, False, "post")], "responsible": [("县水务局", 14, True)],
     "cooperating": [("县住建局", 14, True), ("县财政局", 14, True)], "goal": ("城乡供水一体化", 14),
     "inherited": ("goal", "responsible", "cooperating")},
]


def test_livelihood_projects_with_progress_column_row_by_row():
    result = _read_text_fixture("livelihood_tabs.txt")
    assert len(result.tasks) == len(LIVELIHOOD)
    for task, expected in zip(result.tasks, LIVELIHOOD):
        assert _facts(task) == expected
    texts = " ".join(t.text for t in result.tasks)
    assert "选址" not in texts and "开工" not in texts and "招标" not in texts  # progress reports stay out


# --------------------------------------------------------------------------- cells as a PDF gives them
PDF = [
    {"number": 1, "line": 7, "text": "完成老旧小区改造120个，同步加装电梯。",
     "leads": [("温子川", 7, False)], "responsible": [("市住建局", 7, False)],
     "cooperating": [("各区政府", 7, False), ("市财政局", 7, False)], "goal": ("老旧小区改造", 6), "inherited": ()},
    {"number": 2, "line": 8, "text": "推进小区完整社区试点。",
     "leads": [("温子川", 7, True)], "responsible": [("市住建局", 8, False), ("市规划局", 9, False)],
     "cooperating": [("市民政局", 8, False)], "goal": ("老旧小区改造", 6), "inherited": ("lead",)},
    {"number": 3, "line": 13, "text": "建立城市体检评估机制。",
     "leads": [("温子川", 7, True)], "responsible": [("市规划局", 9, True)], "cooperating": [("市统计局", 13, False)],
     "goal": ("老旧小区改造", 6), "inherited": ("lead", "responsible")},
    {"number": 4, "line": 15, "text": "编制历史文化街区保护规划。",
     "leads": [("储佳宁", 15, False)], "responsible": [("市规划局", 15, False)], "cooperating": [("市文旅局", 15, False)],
     "goal": ("历史街区保护", 14), "inherited": ()},
    {"number": 5, "line": 16, "text": "修缮不可移动文物20处。",
     "leads": [("储佳宁", 16, False), ("温子川", 16, False)], "responsible": [("市规划局", 15, True)],
     "cooperating": [("市文旅局", 15, True)], "goal": ("历史街区保护", 14), "inherited": ("responsible", "cooperating")},
]


def test_pdf_cells_two_row_header_repeated_on_next_page_row_by_row():
    result = read_cell_table(_pdf_lines())
    assert result.header_line == 4
    assert len(result.tasks) == len(PDF)
    for task, expected in zip(result.tasks, PDF):
        assert _facts(task) == expected
    assert [(n.kind, n.line, n.values) for n in result.warnings] == [("empty-row", 17, {"number": 6})]
    inherited_lead = result.tasks[2].leads[0]  # task 3 on page 2 holds the lead merged down from page 1
    assert (inherited_lead.page, inherited_lead.table, inherited_lead.row, inherited_lead.cell) == (1, 1, 4, 3)
    assert (result.tasks[2].page, result.tasks[2].table, result.tasks[2].row) == (2, 2, 3)


def test_no_header_no_table():
    lines = [Line(1, "姓名 职务", cells=("姓名", "职务")), Line(2, "张三 主任", cells=("张三", "主任"))]
    assert find_cell_header(lines) is None
    assert read_cell_table(lines) is None


# --------------------------------------------------------------------------- cells in detail
def _rows(*rows, header=("序号", "工作任务", "责任领导", "责任单位", "配合单位")):
    all_rows = [header, *rows]
    return [Line(i + 1, " ".join(r), table=1, row=i + 1, cells=tuple(r)) for i, r in enumerate(all_rows)]


@pytest.mark.parametrize(
    "cell, leads",
    [
        ("王伟", [("王伟", False)]),
        ("王\u00a0伟", [("王伟", False)]),
        ("王　伟、李 强", [("王伟", False), ("李强", False)]),
        ("王伟，李强", [("王伟", False), ("李强", False)]),
        ("王伟/李强", [("王伟", False), ("李强", False)]),
        ("张三（副区长）", [("张三", False)]),
        ("张三(副区长)", [("张三", False)]),
        ("副区长 张三", [("张三", False)]),
        ("张三 副区长", [("张三", False)]),
        ("张三副区长", [("张三", False)]),
        ("张三同志", [("张三", False)]),
        ("区政府分管领导", [("区政府分管领导", True)]),
        ("分管副区长", [("分管副区长", True)]),
        ("常务副区长", [("常务副区长", True)]),
        ("区长", [("区长", True)]),
        ("党委书记", [("党委书记", True)]),
    ],
)
def test_lead_cell_people_and_posts(cell, leads):
    result = read_cell_table(_rows(("1", "修路。", cell, "区建管委", "")))
    assert [(m.name, m.post) for m in result.tasks[0].leads] == leads


def test_a_known_official_is_a_person_even_where_the_name_does_not_look_like_one():
    result = read_cell_table(_rows(("1", "修路。", "幺小明", "区建管委", "")), officials={"幺小明"})
    assert [(m.name, m.post) for m in result.tasks[0].leads] == [("幺小明", False)]
    result = read_cell_table(_rows(("1", "修路。", "幺小明", "区建管委", "")))
    assert [(m.name, m.post) for m in result.tasks[0].leads] == [("幺小明", True)]


@pytest.mark.parametrize(
    "cell, units",
    [
        ("区发改委、区财政局", ["区发改委", "区财政局"]),
        ("区发改委,区财政局", ["区发改委", "区财政局"]),
        ("区发改委；区财政局;区审计局", ["区发改委", "区财政局", "区审计局"]),
        ("区发改委/区财政局", ["区发改委", "区财政局"]),
        ("区发改委 区财政局", ["区发改委", "区财政局"]),
        ("\u3000区发改委\u3000\u3000区财政局\u00a0", ["区发改委", "区财政局"]),
        ("各镇（街道）、区财政局", ["各镇（街道）", "区财政局"]),
        ("区委宣传部(区网信办)", ["区委宣传部（区网信办）"]),
    ],
)
def test_unit_cell_split(cell, units):
    result = read_cell_table(_rows(("1", "修路。", "王伟", cell, "")))
    assert [m.name for m in result.tasks[0].responsible] == units


def test_a_dash_ends_a_merged_cell_and_same_as_above_continues_it():
    result = read_cell_table(_rows(
        ("1", "修路。", "王伟", "区建管委", "区财政局"),
        ("2", "种树。", "", "区绿化局", "—"),
        ("3", "清河。", "同上", "区水务局", ""),  # empty under a dash: nothing to inherit
        ("4", "治污。", "李强", "区生态局", "〃"),
    ))
    t1, t2, t3, t4 = result.tasks
    assert [(m.name, m.line, m.inherited) for m in t2.leads] == [("王伟", 2, True)]
    assert t2.cooperating == ()
    assert [(m.name, m.line, m.inherited) for m in t3.leads] == [("王伟", 2, True)]
    assert t3.cooperating == () and t4.cooperating == ()


def test_drawn_cells_tell_a_merged_slot_from_a_cell_left_empty():
    """PDF, Word and HTML say which empty slots a merged cell covers (Line.merged): only those inherit."""
    rows = [("序号", "工作任务", "责任领导", "牵头单位", "配合单位"),
            ("1", "修路。", "王伟", "区建管委", "区财政局"),
            ("2", "种树。", "", "区绿化局", ""),   # lead merged from row 1, cooperating cell drawn empty
            ("3", "清河。", "", "区水务局", ""),   # lead merged again; cooperating merged from row 2's empty cell
            ("4", "治污。", "李强", "区生态局", "")]  # cooperating drawn empty
    merged = [None, (False,) * 5, (False, False, True, False, False), (False, False, True, False, True),
              (False,) * 5]
    lines = [Line(i + 1, " ".join(r), table=1, row=i + 1, cells=r, merged=m)
             for i, (r, m) in enumerate(zip(rows, merged))]
    t1, t2, t3, t4 = read_cell_table(lines).tasks
    assert [(m.name, m.line, m.inherited) for m in t2.leads] == [("王伟", 2, True)]
    assert [(m.name, m.line, m.inherited) for m in t3.leads] == [("王伟", 2, True)]
    assert t2.cooperating == t3.cooperating == t4.cooperating == ()
    assert t2.inherited == t3.inherited == ("lead",) and t4.inherited == ()
    # the same rows as text (merged unknown): every empty cell under a filled one is taken as merged
    t1, t2, t3, t4 = read_cell_table([Line(ln.no, ln.text, table=1, row=ln.row, cells=ln.cells) for ln in lines]).tasks
    assert [m.name for m in t2.cooperating] == [m.name for m in t4.cooperating] == ["区财政局"]


def test_a_section_row_ends_merged_cells_and_becomes_a_goal():
    result = read_cell_table(_rows(
        ("1", "修路。", "王伟", "区建管委", "区财政局"),
        ("二、生态环境", "二、生态环境", "二、生态环境", "二、生态环境", "二、生态环境"),  # Word repeats a merged cell
        ("2", "种树。", "", "", ""),
    ))
    t1, t2 = result.tasks
    assert t1.goal is None and t2.goal == "生态环境"
    assert t2.leads == () and t2.responsible == () and t2.inherited == ()
    assert [(g.name, g.line) for g in result.goals] == [("生态环境", 3)]


def test_a_row_of_a_merged_task_cell_adds_its_units_to_the_task_above():
    result = read_cell_table(_rows(
        ("1", "修路。", "王伟", "区建管委", "区财政局"),
        ("", "", "", "区交通委", "区公安分局"),
        ("", "修路。", "李强", "", ""),  # Word repeats the merged task cell
    ))
    (task,) = result.tasks
    assert [m.name for m in task.leads] == ["王伟", "李强"]
    assert [(m.name, m.line) for m in task.responsible] == [("区建管委", 2), ("区交通委", 3)]
    assert [m.name for m in task.cooperating] == ["区财政局", "区公安分局"]


def test_two_goal_columns_nest_and_a_new_upper_goal_clears_the_lower_one():
    header = ("一级指标", "二级指标", "工作任务", "牵头单位")
    result = read_cell_table(_rows(
        ("营商环境", "政务服务", "一网通办。", "区政务办"),
        ("", "", "帮办代办。", "区政务办"),
        ("", "市场监管", "信用监管。", "区市场局"),
        ("生态环境", "", "河长制。", "区水务局"),
        header=header,
    ))
    assert [(t.goal, t.goal_line, t.inherited) for t in result.tasks] == [
        ("政务服务", 2, ()), ("政务服务", 2, ("goal",)),
        ("市场监管", 4, ()), ("生态环境", 5, ()),
    ]
    assert [(g.name, g.level, g.parent) for g in result.goals] == [
        ("营商环境", "action", None), ("政务服务", "project", "营商环境"), ("市场监管", "project", "营商环境"),
        ("生态环境", "action", None)]


def test_columns_a_header_names_by_other_words():
    header = ("编号", "重点工作", "具体措施", "区政府分管领导", "牵头部门", "协办单位", "时间节点", "工作进度")
    result = read_cell_table(_rows(("1", "双碳", "建成光伏电站2座。", "柏　青", "区发改委", "区国资委", "年底", "已开工。"),
                                   header=header))
    (task,) = result.tasks
    assert (task.number, task.text, task.goal) == (1, "建成光伏电站2座。", "双碳")
    assert [m.name for m in task.leads] == ["柏青"]
    assert [m.name for m in task.responsible] == ["区发改委"] and [m.name for m in task.cooperating] == ["区国资委"]


# --------------------------------------------------------------------------- into the graph
def _record(tasks, goals) -> PlanRecord:
    meta = PlanMeta(subdistrict="青溪区", title="青溪区重点任务责任分解表", title_line=1)
    return PlanRecord(file="duty.txt", meta=meta, tasks=tuple(tasks), goals=tuple(goals), has_task_table=True)


def test_inherited_cells_flow_into_relations_and_their_evidence():
    result = _read_text_fixture("district_duty_pipe.txt")
    model = resolve_plan(_record(result.tasks, result.goals))
    names = {e.id: e.name for e in model.entities}
    rel = {(names[r.source], r.type, names[r.target]): r for r in model.relations}
    task2 = next(e for e in model.entities if e.label == "Task" and e.number == 2)
    lead = rel[("邵明远", "LEADS", task2.name)]
    assert lead.properties == {"inherited": True, "as_written": "分管领导"}  # the header's own word
    assert lead.evidence.model_dump() == {"file": "duty.txt", "line": 16, "table": 1, "row": 3, "cell": 3}
    own = rel[("区政务服务中心", "RESPONSIBLE_FOR", task2.name)]
    assert own.properties == {"as_written": "牵头单位"} and own.evidence.model_dump() == {"file": "duty.txt", "line": 17, "table": 1, "row": 4,
                                                                  "cell": 4}
    assert task2.evidence.model_dump() == {"file": "duty.txt", "line": 17, "table": 1, "row": 4}


def test_a_post_is_no_official_but_stays_on_the_task():
    result = _read_text_fixture("district_duty_pipe.txt")
    model = resolve_plan(_record(result.tasks, result.goals))
    officials = sorted(e.name for e in model.entities if e.label == "Official")
    assert officials == ["葛慧敏", "邵明远"]
    tasks = {e.number: e for e in model.entities if e.label == "Task"}
    assert tasks[5].lead_posts == ["区政府分管领导"] and tasks[6].lead_posts == ["区政府分管领导"]
    assert tasks[1].lead_posts == []


# --------------------------------------------------------------------------- the action plans' table reader hands over
def test_the_task_table_reader_hands_cells_and_text_tables_to_the_cell_reader():
    from loaders.plan.task_table import find_table, read_task_table

    pdf = tuple(_pdf_lines())
    assert find_table(pdf) == 3
    assert [t.number for t in read_task_table(pdf, set()).tasks] == [1, 2, 3, 4, 5]

    data = (FIXTURES / "district_duty_pipe.txt").read_bytes()
    lines = source_from_bytes(data, "d.txt").lines
    at = find_table(lines)
    assert lines[at].no == 13
    result = read_task_table(lines[at:], set())
    assert [_facts(t) for t in result.tasks] == DISTRICT

    split = (Line(1, "序号 三级内容 牵头领导 责任部门"), Line(2, "1 修路。 王伟 建管办"))
    assert find_table(split) == 0
    assert [(t.text, [m.name for m in t.leads]) for t in read_task_table(split, {"王伟"}).tasks] == [("修路。", ["王伟"])]


def test_a_lead_cell_gives_the_titles_written_with_the_name_and_never_splits_inside_brackets():
    rows = [("序号", "重点任务", "分管领导", "牵头单位"),
            ("1", "推进老旧小区改造。", "韦思齐（区委常委、副区长）、副区长 甘露", "区建管委"),
            ("2", "推进加装电梯。", "韦思齐", "区房管局")]
    table = read_cell_table([Line(i + 1, " ".join(r), cells=r) for i, r in enumerate(rows)])
    assert [[m.name for m in t.leads] for t in table.tasks] == [["韦思齐", "甘露"], ["韦思齐"]]
    assert [(o.name, o.role, o.titles, o.line) for o in table.officials] == [
        ("韦思齐", None, ("区委常委", "副区长"), 2), ("甘露", None, ("副区长",), 2)]


def test_a_second_header_row_of_short_words_is_read_under_the_cell_above():
    """责任单位 over 牵头 | 配合: the short words name their columns only under the header cell spanning them."""
    rows = [("序号", "工作任务", "责任领导", "责任单位", "", "完成时限"),
            ("", "", "", "牵头", "配合", ""),
            ("1", "开展燃气安全专项整治。", "甘露", "区应急局", "区城管执法局", "6月底"),
            ("2", "推进危化品企业搬迁。", "甘露", "区经信委", "区应急局", "年底")]
    table = read_cell_table([Line(i + 1, " ".join(c for c in r if c), cells=r) for i, r in enumerate(rows)])
    assert [([m.name for m in t.responsible], [m.name for m in t.cooperating]) for t in table.tasks] == [
        (["区应急局"], ["区城管执法局"]), (["区经信委"], ["区应急局"])]
