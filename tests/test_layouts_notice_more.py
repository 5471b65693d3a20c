"""领导小组 notices as offices really write them: members as "title name" and "name title", several on a line,
names padded, collectives of every shape, 调整 notices, roles given in sentences, the office in its forms, a
工作专班, and the closing parts that are no members — fact by fact, and the same facts in .docx, .html and .pdf."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from _formats import render
from graphmodel import build_graph
from graphmodel.merge import fingerprint
from graphmodel.resolve import resolve_plan
from loaders.plan.reader import read_plan_bytes
from loaders.plans import read_plan

FIXTURES = Path(__file__).parent / "fixtures" / "notices"


def _record(name: str):
    return read_plan_bytes((FIXTURES / name).read_bytes(), name)


# Per notice: header facts; (name, role, titles, line) per person; (unit, role, position, line) per unit member;
# the office (seat and its line, leads, deputies); the teams besides the office (name, line, leads, deputies,
# members); the warnings (kind, line, values).
EXPECTED = {
    "county_pingchuan_adjust.txt": dict(
        meta=dict(subdistrict="平川县", level="县", issuer_line=20, title="关于调整平川县城乡建设工作领导小组组成人员的通知",
                  title_line=3, number="平政办发〔2025〕14号", number_line=2, date="2025-03-18", printed="2025-03-18",
                  issuers=("平川县人民政府办公室",), group="平川县城乡建设工作领导小组"),
        officials=[
            ("吕振华", "组长", ("县委副书记", "县长"), 6),
            ("岑静", "副组长", ("副县长",), 7),
            ("蒲建军", "副组长", ("县政府办公室主任",), 8),
            ("孔德明", "成员", ("县住房城乡建设局局长",), 9),
            ("邓凯", "成员", ("县发展改革局局长",), 10),
            ("龚晓燕", "成员", ("县财政局局长",), 10),
            ("阎志刚", "成员", ("县自然资源局局长",), 11),
            ("邝伟", "成员", ("县交通运输局局长",), 11),
            ("蓝海", None, ("县住房城乡建设局副局长",), 15),
            ("符小川", None, ("县城管局副局长",), 15),
        ],
        units=[("各乡镇", "成员", "乡镇长", 12), ("各街道办事处", "成员", "主任", 13),
               ("县直有关部门", "成员", "主要负责人", 14), ("各成员单位", "联络员", "分管负责同志", 15)],
        office=(("县住房城乡建设局", 15), [("孔德明", 15)], [("蓝海", 15), ("符小川", 15)]),
        teams=[],
        warnings=[],
    ),
    "city_heyang_prose.txt": dict(
        meta=dict(subdistrict="河阳市", level="市", issuer_line=22, title="关于成立河阳市数字政府建设工作领导小组的通知",
                  title_line=3, number="河政办发〔2024〕31号", number_line=2, date="2024-07-09", printed=None,
                  issuers=("河阳市人民政府办公室",), group="河阳市数字政府建设工作领导小组"),
        officials=[
            ("商丽", None, (), 11),  # 办公室主任：商  丽（兼）: 兼 is no title
            ("樊洁", None, ("市大数据局副局长",), 12),
            ("钱一鸣", None, ("市政府办公室副主任",), 13),
            ("阙小峰", None, ("市公安局副局长",), 18),
            ("简鸿飞", "组长", ("市长",), 5),  # roles given in a sentence: 由市长简鸿飞任组长 …
            ("温如海", "副组长", ("常务副市长",), 5),
            ("欧阳晴", "副组长", ("副市长",), 5),
            ("贺立新", "秘书长", ("市政府秘书长",), 5),
        ],
        units=[("市发展改革委", "成员", "", 7), ("市财政局", "成员", "", 7), ("市大数据局", "成员", "", 7),
               ("市公安局", "成员", "", 7), ("市市场监管局", "成员", "", 7),
               ("各县（市、区）政府", "成员", "分管负责同志", 8), ("各成员单位", "联络员", "分管科室负责人", 14)],
        office=(("市大数据局", 10), [("商丽", 11)], [("樊洁", 12), ("钱一鸣", 13)]),
        teams=[("数据共享工作专班", 16, [("钱一鸣", 17)], [("阙小峰", 18)],
                [("市发展改革委", 19), ("市大数据局", 19), ("市公安局", 19)])],
        warnings=[],
    ),
    "town_qingshi_adjust.txt": dict(
        meta=dict(subdistrict="青石镇", level="镇", issuer_line=17, title="关于调整青石镇安全生产工作领导小组的通知",
                  title_line=3, number="青石府发〔2024〕22号", number_line=2, date="2024-06-03", printed=None,
                  issuers=("青石镇人民政府",), group="青石镇安全生产工作领导小组"),
        officials=[
            ("蒙海涛", "组长", ("镇党委书记",), 6),
            ("阮秋平", "组长", ("镇党委副书记", "镇长"), 6),
            ("屠建新", "副组长", ("镇党委委员", "副镇长"), 7),
            ("甘露", "副组长", ("镇人大主席团副主席",), 7),
            ("葛宏宇", "成员", ("应急管理办主任",), 8),
            ("褚立军", "成员", ("派出所所长",), 8),
            ("谷雨", "成员", ("武装部部长",), 9),
            ("童文博", "成员", ("党政办主任",), 10),
        ],
        units=[("经济发展办", "成员", "负责人", 11), ("社会事务办", "成员", "负责人", 11), ("规划建设办", "成员", "负责人", 11),
               ("各村（社区）党组织", "成员", "书记", 12), ("镇属各单位", "成员", "主要负责人", 13)],
        office=(("镇应急管理办", 14), [("葛宏宇", 14)], []),
        teams=[],
        warnings=[],
    ),
    "street_donghu_prose.txt": dict(
        meta=dict(subdistrict="东湖街道", level="街道", issuer_line=10, title="关于成立东湖街道垃圾分类工作领导小组的通知",
                  title_line=1, number=None, number_line=None, date="2024-08-01", printed=None,
                  issuers=("中共东湖街道工作委员会", "东湖街道办事处"), group="东湖街道垃圾分类工作领导小组"),
        officials=[
            ("钮光耀", "第一副组长", ("党工委副书记",), 4),  # 领导小组第一副组长：
            ("郗建华", "副组长", ("办事处副主任",), 5),  # name，title；name，title
            ("房秋月", "副组长", ("党工委委员",), 5),
            ("孔德明", "成员", ("城管科科长",), 6),  # 组  员：
            ("邓凯", "成员", ("财政所所长",), 6),
            ("卓雅琴", "组长", ("街道党工委书记",), 3),  # 组长由…同志担任
            ("班志强", "常务副组长", ("办事处主任",), 3),
        ],
        units=[("综治办", "成员", "主要负责人", 6), ("社区服务中心", "成员", "主要负责人", 6),
               ("经济服务中心", "成员", "主要负责人", 6), ("各社区居委会", "成员", "主任", 7)],
        office=None,
        teams=[],
        warnings=[],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_header_and_issuer(name):
    record = _record(name)
    assert record.layout == "leading-group-notice"
    for key, value in EXPECTED[name]["meta"].items():
        assert getattr(record.meta, key) == value, key


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_officials_with_role_titles_and_line(name):
    assert [(o.name, o.role, o.titles, o.line) for o in _record(name).officials] == EXPECTED[name]["officials"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_member_units_with_role_position_and_line(name):
    record = _record(name)
    assert [(u.name, u.role, u.position, u.line) for u in record.member_units] == EXPECTED[name]["units"]
    assert not {o.name for o in record.officials} & {u.name for u in record.member_units}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_office_and_the_teams(name):
    teams = _record(name).teams
    others = [(t.name, t.line, [(m.name, m.line) for m in t.leads], [(m.name, m.line) for m in t.deputies],
               [(m.name, m.line) for m in t.members]) for t in teams if t.name != "领导小组办公室"]
    assert others == EXPECTED[name]["teams"]
    offices = [t for t in teams if t.name == "领导小组办公室"]
    if EXPECTED[name]["office"] is None:
        assert offices == []
        return
    seat, leads, deputies = EXPECTED[name]["office"]
    (office,) = offices
    assert ((office.seat.name, office.seat.line) if office.seat else None) == seat
    assert [(m.name, m.line) for m in office.leads] == leads
    assert [(m.name, m.line) for m in office.deputies] == deputies


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_what_cannot_be_placed_is_said_and_closing_parts_are_no_members(name):
    record = _record(name)
    got = [(w.kind, w.line, w.values) for w in record.warnings if not isinstance(w, str)]
    assert got == EXPECTED[name]["warnings"]
    assert record.tasks == ()  # 主要职责 are duties, not tasks
    said = {o.name for o in record.officials} | {u.name for u in record.member_units}
    assert not any(("替补" in s or "抄送" in s or "办公室" in s and "人民政府" in s) for s in said)


def test_collectives_are_collective_in_the_graph():
    graph = build_graph([resolve_plan(_record("county_pingchuan_adjust.txt"))])
    plan = "平川县/Plan/平政办发〔2025〕14号"
    for unit, position in (("各乡镇", "乡镇长"), ("县直有关部门", "主要负责人"), ("各成员单位", "分管负责同志")):
        assert graph.nodes[f"平川县/Unit/{unit}"]["collective"] is True
        assert graph.edges[f"平川县/Unit/{unit}", plan, "MEMBER_OF"]["position"] == position
    assert graph.edges["平川县/Unit/各成员单位", plan, "MEMBER_OF"]["role"] == "联络员"
    assert graph.edges["平川县/Official/邝伟", "平川县/Unit/县交通运输局", "HEADS"]["position"] == "局长"


def test_a_team_in_the_graph():
    graph = build_graph([resolve_plan(_record("city_heyang_prose.txt"))])
    team = "河阳市/Unit/数据共享工作专班"
    assert graph.nodes[team]["kind"] == "team"
    assert graph.edges["河阳市/Official/钱一鸣", team, "HEADS"]["deputy"] is False
    assert graph.edges["河阳市/Official/阙小峰", team, "HEADS"]["deputy"] is True
    assert graph.has_edge("河阳市/Unit/市公安局", team, "MEMBER_OF")
    assert graph.nodes["河阳市/Unit/各县（市、区）政府"]["collective"] is True


def test_a_member_that_cannot_be_placed_gives_a_warning():
    text = ("关于成立石门镇防汛工作领导小组的通知\n组 长：王建国 镇长\n成 员：镇财政所所长\n##待定\n特此通知。\n"
            "石门镇人民政府\n2024年5月6日\n")
    record = read_plan_bytes(text.encode(), "n.txt")
    assert [(w.kind, w.line, w.values) for w in record.warnings] == [("member-unread", 4, {"text": "##待定"})]
    assert [(u.name, u.position) for u in record.member_units] == [("镇财政所", "所长")]


def test_a_role_given_to_a_post_in_a_sentence_gives_a_warning():
    text = ("关于成立石门镇防汛工作领导小组的通知\n经研究，由分管副镇长任组长，镇长王建国同志任第一组长，各村党组织书记为成员。\n"
            "特此通知。\n石门镇人民政府\n2024年5月6日\n")
    record = read_plan_bytes(text.encode(), "n.txt")
    assert [(o.name, o.role, o.titles, o.line) for o in record.officials] == [("王建国", "第一组长", ("镇长",), 2)]
    assert [(u.name, u.role, u.position) for u in record.member_units] == [("各村党组织", "成员", "书记")]
    assert [(w.kind, w.line, w.values) for w in record.warnings] == [("member-unread", 2, {"text": "分管副镇长"})]


def test_the_signature_under_a_list_line_is_the_issuer():
    """No 特此通知 between the last member and the signature: the member's line is no part of the body's name."""
    text = ("关于成立石门镇防汛工作领导小组的通知\n组 长：王建国 镇长\n成 员：各村党组织书记\n"
            "石门镇人民政府\n2024年5月6日\n")
    meta = read_plan_bytes(text.encode(), "n.txt").meta
    assert (meta.subdistrict, meta.issuer_line, meta.issuers) == ("石门镇", 4, ("石门镇人民政府",))


def _facts(model) -> tuple[str, set[str], set[str]]:
    body, entities, relations = json.loads(fingerprint(model))
    return body, set(entities), set(relations)


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_same_facts_in_every_format(tmp_path, name, fmt):
    data = (FIXTURES / name).read_bytes()
    (tmp_path / name).write_bytes(data)
    want = _facts(read_plan(tmp_path / name, name))
    blocks = [render.Paragraph(t.strip()) for t in data.decode().splitlines() if t.strip()]
    as_name = f"{name.rsplit('.', 1)[0]}.{fmt}"
    (tmp_path / as_name).write_bytes(render.render(blocks, fmt))
    record = read_plan(tmp_path / as_name, as_name)
    got = _facts(record)
    assert got[0] == want[0]
    assert sorted(want[1] - got[1]) == sorted(got[1] - want[1]) == []
    assert sorted(want[2] - got[2]) == sorted(got[2] - want[2]) == []
    assert len(want[1]) > 5


_LIST_FORMS = [
    ("（一）组长：吕振华（县长）\n（二）副组长：岑静（副县长）",
     [("吕振华", "组长", ("县长",), 3), ("岑静", "副组长", ("副县长",), 4)], []),
    ("1.组长：吕振华（县长）\n2.成员：县财政局、县发改局主要负责人",
     [("吕振华", "组长", ("县长",), 3)], [("县财政局", "成员", "主要负责人", 4), ("县发改局", "成员", "主要负责人", 4)]),
    ("组长：吕振华，县委副书记、县长；\n成员：龚晓燕，县财政局局长。",
     [("吕振华", "组长", ("县委副书记", "县长"), 3), ("龚晓燕", "成员", ("县财政局局长",), 4)], []),
    ("组长\t吕振华\t县长\n副 组 长 岑静 副县长",
     [("吕振华", "组长", ("县长",), 3), ("岑静", "副组长", ("副县长",), 4)], []),
    ("组长：吕振华\n成员：各乡（镇）人民政府乡（镇）长\n县委宣传部、县委组织部分管副部长",
     [("吕振华", "组长", (), 3)],
     [("各乡（镇）人民政府", "成员", "乡（镇）长", 4), ("县委宣传部", "成员", "分管副部长", 5),
      ("县委组织部", "成员", "分管副部长", 5)]),
]


@pytest.mark.parametrize("body, officials, units", _LIST_FORMS,
                         ids=["numbered-labels", "arabic-labels", "comma-and-full-stop", "tabs-and-spaces", "posts"])
def test_list_forms(body, officials, units):
    text = f"关于成立平川县测试工作领导小组的通知\n各单位：\n{body}\n特此通知。\n平川县人民政府\n2024年5月6日\n"
    record = read_plan_bytes(text.encode(), "p.txt")
    assert [(o.name, o.role, o.titles, o.line) for o in record.officials] == officials
    assert [(u.name, u.role, u.position, u.line) for u in record.member_units] == units
    assert record.warnings == ()
