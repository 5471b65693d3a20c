"""Member lines whose name runs into its title, signatures without a space, and lines OCR read unsurely.

A scan read at a low resolution, and many web copies, lose the space between a name and its title
(``赵丽社区党建办主任``) and between two signing bodies. The leading group is still read, fact by fact, where what the
title opens with says where the name ends; never cut inside the word a title opens with (王霞社区…: 王霞). A line OCR
was unsure of stays among the lines, flagged, so that the list still reads as written (the role it gives goes on),
but no fact stands on it. The plans below are invented, in the genre.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from loaders.plan.member_list import name_before_title
from loaders.plan.reader import read_plan_source
from loaders.plan.source import source_from_bytes
from loaders.plans import resolve_source

PLAN = """浦和委〔2024〕12号
机关各办（部门）、各居民区：
现将《和平里街道美丽街区建设行动方案》印发给你们，请认真贯彻执行。
中共和平里街道工作委员会和平里街道办事处
2024年5月6日
附件1
和平里街道美丽街区建设领导小组名单
组长：王晓东党工委书记、人大工委主任
副组长：李红梅党工委副书记
何 斌办事处副主任
成员：赵丽社区党建办主任
孙志刚社区平安办主任
钱 程城市运行管理中心主任
周晓燕妇女联合会主席
以上成员如有工作变动，由接任人员自然替补。
"""

MEMBERS = [("王晓东", "组长", ("党工委书记", "人大工委主任"), 8), ("李红梅", "副组长", ("党工委副书记",), 9),
           ("何斌", "副组长", ("办事处副主任",), 10), ("赵丽", "成员", ("社区党建办主任",), 11),
           ("孙志刚", "成员", ("社区平安办主任",), 12), ("钱程", "成员", ("城市运行管理中心主任",), 13),
           ("周晓燕", "成员", ("妇女联合会主席",), 14)]


def _source(flagged: set[int] = frozenset()):
    source = source_from_bytes(PLAN.encode(), "和平里.txt")
    return replace(source, lines=tuple(replace(ln, unsure=ln.no in flagged) for ln in source.lines))


def test_names_run_into_their_titles_are_read_member_by_member():
    record = read_plan_source(_source(), "和平里.txt")
    assert record.layout == "action-plan"
    assert [(o.name, o.role, o.titles, o.line) for o in record.officials] == MEMBERS


def test_two_bodies_signed_without_a_space_are_two_issuers():
    record = read_plan_source(_source(), "和平里.txt")
    assert record.meta.issuers == ("中共和平里街道工作委员会", "和平里街道办事处")
    assert record.meta.number == "浦和委〔2024〕12号" and record.meta.subdistrict == "和平里街道"


@pytest.mark.parametrize("whole, want", [
    ("王霞社区党建办主任", ("王霞", ["社区党建办主任"])),  # not 王霞社 + 区党建办主任
    ("孙志刚社区平安办主任", ("孙志刚", ["社区平安办主任"])),  # not 孙志 + 刚社区…
    ("史迪蒙城市运行管理中心主任", ("史迪蒙", ["城市运行管理中心主任"])),  # not 史迪 + 蒙城市…
    ("李宪财金杨市场监督管理所所长", ("李宪财", ["金杨市场监督管理所所长"])),
    ("吕振华县长", ("吕振华", ["县长"])),
    ("社区党建办主任", None),  # a title alone names nobody
])
def test_a_name_ends_where_its_title_opens(whole, want):
    assert name_before_title(whole) == want


def test_no_fact_stands_on_a_line_read_unsurely_but_its_role_goes_on():
    """The 组长 line and the 文号 are flagged: 王晓东 is not read (nor his titles' units), the role 组长 still opens
    the list, the plan has no 文号 (it is named by its title); every other member is read as before."""
    model = resolve_source(_source({1, 8}), "和平里.txt")
    officials = {e.name: e for e in model.entities if e.label == "Official"}
    assert "王晓东" not in officials and {e.name for e in model.entities if e.label == "Unit"} >= {"社区党建办"}
    assert all(e.evidence.line != 8 for e in model.entities if e.label != "Plan")
    assert [(n, officials[n].role) for n, *_ in MEMBERS[1:]] == [(n, r) for n, r, *_ in MEMBERS[1:]]
    plan = next(e for e in model.entities if e.label == "Plan")
    assert plan.number is None and plan.name == "和平里街道美丽街区建设行动方案"
    sure = resolve_source(_source(), "和平里.txt")
    assert next(e for e in sure.entities if e.label == "Plan").number == "浦和委〔2024〕12号"
    assert "王晓东" in {e.name for e in sure.entities if e.label == "Official"}


def test_a_signature_line_read_unsurely_names_no_issuer():
    record = read_plan_source(_source({4}), "和平里.txt")
    assert record.meta.issuers == ()
    assert [o.name for o in record.officials] == [m[0] for m in MEMBERS]


# A scanned task table (invented): rows of cells as the OCR reader gives them, each cell it was unsure of kept as
# read and named in ``unsure_cells`` (0-based), so that the row stays a row of its own.
TABLE = [
    ("序号", "重点工作", "工作内容", "牵头领导", "责任部门", "配合部门"),
    ("1", "优化营商环境", "走访辖区企业，建立企业服务专员制度。", "陈立新", "营商办", "各居民区"),
    ("2", None, "推进楼宇经济，盘活闲置商务楼宇。", "陈立新", "招商中心", "营商办"),
    ("3", None, "开展政策宣讲进园区活动。", "韩素梅", "服务办", "招商中心"),
    ("4", "改善人居环境", "实施老旧小区加装电梯。", "邓文杰", "管理办", "各居民区"),
    ("5", None, "推进生活垃圾分类示范小区创建。", "邓文杰", "绿化市容所", "各居民区"),
    ("6", "守牢安全底线", "开展燃气安全隐患排查整治。", "韩素梅", "平安办", "综合行政执法队"),
]


def _table_source(unsure: dict[int, tuple[int, ...]]):
    from loaders.plan.source import Line, Source

    lines = [Line(1, "青溪街道2024年重点工作任务分工方案")]
    for k, row in enumerate(TABLE, start=1):
        cells = tuple(c or "" for c in row)
        lines.append(Line(k + 1, " ".join(c for c in cells if c), 1, 1, k, cells, tuple(c is None for c in row),
                          unsure_cells=unsure.get(k + 1, ())))
    return Source("青溪.pdf", "pdf", tuple(lines))


def _table_facts(record):
    return {t.number: (t.line, [m.name for m in t.leads], [m.name for m in t.responsible],
                       [m.name for m in t.cooperating], t.goal) for t in record.tasks}, [g.name for g in record.goals]


def test_a_cell_read_unsurely_gives_no_fact_and_its_row_stays_a_row():
    """A cell OCR was unsure of: a name it gives is dropped, the row's task too where the cell holds its number or
    its text (read wrong, maybe), a goal it names and the goal of the rows under it; no name goes to the row above."""
    sure = _table_facts(read_plan_source(_table_source({}), "青溪.pdf"))
    assert sure == ({1: (3, ["陈立新"], ["营商办"], ["各居民区"], "优化营商环境"),
                     2: (4, ["陈立新"], ["招商中心"], ["营商办"], "优化营商环境"),
                     3: (5, ["韩素梅"], ["服务办"], ["招商中心"], "优化营商环境"),
                     4: (6, ["邓文杰"], ["管理办"], ["各居民区"], "改善人居环境"),
                     5: (7, ["邓文杰"], ["绿化市容所"], ["各居民区"], "改善人居环境"),
                     6: (8, ["韩素梅"], ["平安办"], ["综合行政执法队"], "守牢安全底线")},
                    ["优化营商环境", "改善人居环境", "守牢安全底线"])
    # line 3: 责任部门 unsure; line 4: 工作内容; line 5: 序号; line 7: 配合部门
    tasks, goals = _table_facts(read_plan_source(_table_source({3: (4,), 4: (2,), 5: (0,), 7: (5,)}), "青溪.pdf"))
    assert tasks == {1: (3, ["陈立新"], [], ["各居民区"], "优化营商环境"),
                     4: (6, ["邓文杰"], ["管理办"], ["各居民区"], "改善人居环境"),
                     5: (7, ["邓文杰"], ["绿化市容所"], [], "改善人居环境"),
                     6: (8, ["韩素梅"], ["平安办"], ["综合行政执法队"], "守牢安全底线")}
    assert goals == sure[1]
    # line 6: the goal cell 改善人居环境 (merged down over row 5) unsure
    tasks, goals = _table_facts(read_plan_source(_table_source({6: (1,)}), "青溪.pdf"))
    assert goals == ["优化营商环境", "守牢安全底线"]
    assert 4 not in tasks and tasks[5] == (7, ["邓文杰"], ["绿化市容所"], ["各居民区"], None)
    assert {k: tasks[k] for k in (1, 2, 3, 6)} == {k: sure[0][k] for k in (1, 2, 3, 6)}


def test_a_cell_left_empty_would_have_read_as_the_row_above_going_on():
    """Why the unsure cell keeps its text: the same row with its 序号 and 工作内容 empty is read as the row above
    going on, its names given to that task (what the scan read at 150 dpi did before)."""
    from dataclasses import replace as copy

    source = _table_source({})
    row = source.lines[4]  # line 5: the task numbered 3
    blank = copy(row, cells=("", "", "", *row.cells[3:]), text=" ".join(row.cells[3:]))
    tasks, _goals = _table_facts(read_plan_source(copy(source, lines=(*source.lines[:4], blank, *source.lines[5:])),
                                                  "青溪.pdf"))
    assert 3 not in tasks and tasks[2][1:4] == (["陈立新", "韩素梅"], ["招商中心", "服务办"], ["营商办", "招商中心"])
    kept, _goals = _table_facts(read_plan_source(_table_source({5: (0, 2)}), "青溪.pdf"))
    assert 3 not in kept and kept[2] == (4, ["陈立新"], ["招商中心"], ["营商办"], "优化营商环境")
