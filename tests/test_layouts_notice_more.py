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
from loaders.formats import read_source
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
        # 办公室主任：商  丽（兼）, 副主任 樊洁, 钱一鸣: no members of the group, kept on the office (钱一鸣, who leads
        # the 专班, is an official of it too)
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
    "county_pingchuan_table.txt": dict(  # the list as a table: 序号 | 姓名 | 单位及职务 | 领导小组职务, roles merged down
        meta=dict(subdistrict="平川县", level="县", issuer_line=15, title="关于成立平川县河长制工作领导小组的通知",
                  title_line=2, number="平政办发〔2025〕15号", number_line=1, date="2025-04-01", printed=None,
                  issuers=("平川县人民政府办公室",), group="平川县河长制工作领导小组"),
        officials=[
            ("吕振华", "组长", ("县委副书记", "县长"), 7),
            ("岑静", "副组长", ("副县长",), 8),
            ("蒲建军", "副组长", ("县政府办公室主任",), 9),
            ("邝伟", "成员", ("县交通运输局局长",), 10),
            ("柏海燕", "成员", ("县水利局局长",), 11),
        ],
        units=[("各乡镇", "成员", "乡镇长", 12)],
        office=(("县水利局", 13), [("柏海燕", 13)], []),
        teams=[],
        warnings=[],
    ),
    "county_pingchuan_change.txt": dict(  # a change notice in one sentence: who comes in, who goes out
        meta=dict(subdistrict="平川县", level="县", issuer_line=6, title="关于调整平川县防汛抗旱指挥部工作领导小组成员的通知",
                  title_line=1, number=None, number_line=None, date="2025-06-01", printed=None,
                  issuers=("平川县人民政府办公室",), group="平川县防汛抗旱指挥部工作领导小组"),
        officials=[("吕振华", "组长", (), 3), ("柏海燕", "成员", ("县应急管理局局长",), 3)],
        units=[("县水利局", "联络员", "分管负责同志", 3)],
        office=None,
        teams=[],
        warnings=[("member-removed", 3, {"name": "岑静", "role": "副组长"})],
    ),
    "county_pingchuan_attachment.txt": dict(  # the list in the attachment, after the signature; signed by 县委办 and 县政府办
        meta=dict(subdistrict="平川县", level="县", issuer_line=8, title="关于成立平川县乡村振兴工作领导小组的通知",
                  title_line=4, number="平办发〔2025〕9号", number_line=3, date="2025-02-10", printed=None,
                  issuers=("中共平川县委办公室", "平川县人民政府办公室"), group="平川县乡村振兴工作领导小组"),
        officials=[("吕振华", "组长", ("县委副书记", "县长"), 12), ("岑静", "副组长", ("副县长",), 13),
                   ("孔德明", "成员", ("县住房城乡建设局局长",), 14), ("柏海燕", "成员", ("县农业农村局局长",), 15)],
        units=[],
        office=(("县农业农村局", 16), [("柏海燕", 16)], []),
        teams=[],
        warnings=[],
    ),
    "county_pingchuan_team_prose.txt": dict(  # a 工作专班 said in one sentence, its member units no group members
        meta=dict(subdistrict="平川县", level="县", issuer_line=8, title="关于成立平川县招商引资工作领导小组的通知",
                  title_line=1, number=None, number_line=None, date="2024-05-06", printed=None,
                  issuers=("平川县人民政府",), group="平川县招商引资工作领导小组"),
        officials=[("吕振华", "组长", ("县长",), 3), ("岑静", "副组长", ("副县长",), 4),
                   ("龚晓燕", None, ("县商务局局长",), 6)],
        units=[("县发展改革局", "成员", "主要负责人", 5), ("县商务局", "成员", "主要负责人", 5),
               ("县财政局", "成员", "主要负责人", 5)],
        office=None,
        teams=[("项目推进工作专班", 6, [("岑静", 6)], [("龚晓燕", 6)],
                [("县发展改革局", 6), ("县商务局", 6), ("县自然资源局", 6)])],
        warnings=[],
    ),
    "town_baisha_duties.txt": dict(  # the group's duties are no tasks; the duties that name a member unit are
        meta=dict(subdistrict="白沙镇", level="镇", issuer_line=21, title="关于成立白沙镇河长制工作领导小组的通知",
                  title_line=3, number="白府发〔2024〕17号", number_line=2, date="2024-04-12", printed=None,
                  issuers=("白沙镇人民政府",), group="白沙镇河长制工作领导小组"),
        officials=[("聂文昊", "组长", ("镇党委书记",), 7), ("芮晓岚", "副组长", ("镇党委副书记", "镇长"), 8),
                   ("满志刚", "成员", ("农业服务中心主任",), 9), ("应佳琪", "成员", ("规划建设办主任",), 9)],
        units=[("各村（社区）党组织", "成员", "书记", 10)],
        office=None,
        teams=[],
        warnings=[],
        tasks=[(1, "负责水利工程管理，组织河道日常巡查，建立问题台账。", 15, [("农业服务中心", 15)]),
               (2, "负责涉河建设项目审查。", 17, [("规划建设办", 17)]),
               (3, "负责本村（社区）河塘保洁。", 18, [("各村（社区）", 18)])],
    ),
    "county_pingchuan_command.txt": dict(  # a 指挥部 with its own roles (总指挥, 副总指挥), dated in words
        meta=dict(subdistrict="平川县", level="县", issuer_line=12, title="关于调整平川县防汛抗旱指挥部组成人员的通知",
                  title_line=2, number="平政办发〔2025〕21号", number_line=1, date="2025-05-20", printed=None,
                  issuers=("平川县人民政府办公室",), group="平川县防汛抗旱指挥部"),
        officials=[("吕振华", "总指挥", ("县委副书记", "县长"), 5), ("岑静", "副总指挥", ("副县长",), 6),
                   ("闻海涛", "副总指挥", ("县人武部部长",), 7), ("柏海燕", "成员", ("县水利局局长",), 8),
                   ("房立新", "成员", ("县应急管理局局长",), 8)],
        units=[("各乡镇", "成员", "乡镇长", 9)],
        office=(("县水利局", 10), [("柏海燕", 10)], []),
        office_name="指挥部办公室",
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
    office_name = EXPECTED[name].get("office_name", "领导小组办公室")
    others = [(t.name, t.line, [(m.name, m.line) for m in t.leads], [(m.name, m.line) for m in t.deputies],
               [(m.name, m.line) for m in t.members]) for t in teams if t.name != office_name]
    assert others == EXPECTED[name]["teams"]
    offices = [t for t in teams if t.name == office_name]
    if EXPECTED[name]["office"] is None:
        assert offices == []
        return
    seat, leads, deputies = EXPECTED[name]["office"]
    (office,) = offices
    assert ((office.seat.name, office.seat.line) if office.seat else None) == seat
    assert _heads(office, "主任") == leads
    assert _heads(office, "副主任") == deputies


def _heads(office, post: str) -> list[tuple[str, int]]:
    """The office's 主任 (or 副主任): members of the group, then the heads who are no members (its holders)."""
    members = office.leads if post == "主任" else office.deputies
    return [(m.name, m.line) for m in members] + [(h.name, h.line) for h in office.holders if h.post == post]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_what_cannot_be_placed_is_said_and_closing_parts_are_no_members(name):
    record = _record(name)
    got = [(w.kind, w.line, w.values) for w in record.warnings if not isinstance(w, str)]
    assert got == EXPECTED[name]["warnings"]
    tasks = [(t.number, t.text, t.line, [(m.name, m.line) for m in t.responsible]) for t in record.tasks]
    assert tasks == EXPECTED[name].get("tasks", [])  # 主要职责 are duties, not tasks, unless they name their unit
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


def test_the_warnings_read_as_sentences():
    from graphmodel.labels import notice

    (removed,) = _record("county_pingchuan_change.txt").warnings
    assert notice(removed) == "3: 调整通知：岑静 不再担任副组长，未计入领导小组"
    assert notice(removed, "en") == "3: a change notice: 岑静 no longer serves as deputy leader; not counted in the group"


@pytest.mark.parametrize("office, seat, leads", [
    ("领导小组下设办公室（设在县住建局），孔德明同志任办公室主任。", "县住建局", ["孔德明"]),
    ("领导小组办公室设在县住建局，办公室主任由孔德明、龚晓燕同志兼任。", "县住建局", ["孔德明", "龚晓燕"]),
])
def test_the_office_in_prose(office, seat, leads):
    text = f"关于成立平川县测试工作领导小组的通知\n各单位：\n组长：吕振华（县长）\n{office}\n特此通知。\n平川县人民政府\n2024年5月6日\n"
    (team,) = read_plan_bytes(text.encode(), "p.txt").teams
    assert (team.seat.name, team.seat.line, _heads(team, "主任")) == (seat, 4, [(n, 4) for n in leads])
    assert team.leads == ()  # no members of the group: the office keeps them, with their post and line


def test_the_office_labelled_after_a_closing_sentence():
    text = ("关于成立平川县测试工作领导小组的通知\n各单位：\n组长：吕振华（县长）\n成员：县财政局局长 龚晓燕\n"
            "领导小组成员如有变动，由所在单位接任者自然替补，不再另行发文。\n领导小组办公室主任：龚晓燕（兼）\n"
            "办公室副主任：蓝海（县财政局副局长）\n特此通知。\n平川县人民政府\n2024年5月6日\n")
    record = read_plan_bytes(text.encode(), "p.txt")
    (office,) = record.teams
    assert ([(m.name, m.line) for m in office.leads], _heads(office, "副主任")) == ([("龚晓燕", 6)], [("蓝海", 7)])
    assert [(h.name, h.post, h.titles, h.line) for h in office.holders] == [("蓝海", "副主任", ("县财政局副局长",), 7)]
    assert [(o.name, o.role) for o in record.officials] == [("吕振华", "组长"), ("龚晓燕", "成员")]


def test_a_member_unit_added_in_a_sentence():
    text = ("关于调整平川县测试工作领导小组的通知\n各单位：\n组长：吕振华（县长）\n成员：县财政局局长 龚晓燕\n"
            "因机构改革，明确县数据资源局为领导小组成员单位，县商务局分管负责同志为联络员。\n特此通知。\n"
            "平川县人民政府\n2024年5月6日\n")
    record = read_plan_bytes(text.encode(), "p.txt")
    assert [(u.name, u.role, u.position, u.line) for u in record.member_units] == [
        ("县数据资源局", "成员", "", 5), ("县商务局", "联络员", "分管负责同志", 5)]


def test_member_units_under_a_heading_of_their_own():
    body = ("一、领导小组组成人员\n组长：吕振华（县长）\n副组长：岑静（副县长）\n二、成员单位\n县发展改革局、县财政局、县水利局\n"
            "三、工作要求\n各成员单位要按职责分工抓好落实。")
    text = f"关于成立平川县测试工作领导小组的通知\n各单位：\n{body}\n特此通知。\n平川县人民政府\n2024年5月6日\n"
    record = read_plan_bytes(text.encode(), "p.txt")
    assert [(u.name, u.role, u.line) for u in record.member_units] == [
        ("县发展改革局", "成员", 7), ("县财政局", "成员", 7), ("县水利局", "成员", 7)]
    assert [(o.name, o.role) for o in record.officials] == [("吕振华", "组长"), ("岑静", "副组长")]


def test_the_list_goes_on_after_a_sentence_inside_it():
    body = ("组长：吕振华（县长）\n副组长：岑静（副县长）\n成员由各有关单位主要负责人组成，名单如下。\n"
            "成员：县财政局局长 龚晓燕、县水利局局长 柏海燕")
    text = f"关于成立平川县测试工作领导小组的通知\n各单位：\n{body}\n特此通知。\n平川县人民政府\n2024年5月6日\n"
    record = read_plan_bytes(text.encode(), "p.txt")
    assert [(o.name, o.role, o.titles, o.line) for o in record.officials] == [
        ("吕振华", "组长", ("县长",), 3), ("岑静", "副组长", ("副县长",), 4),
        ("龚晓燕", "成员", ("县财政局局长",), 6), ("柏海燕", "成员", ("县水利局局长",), 6)]
    assert [(u.name, u.role, u.position, u.line) for u in record.member_units] == [("各有关单位", "成员", "主要负责人", 5)]


def test_a_role_and_the_office_in_one_clause_and_a_role_not_read():
    body = "成立领导小组，吕振华同志任领导小组组长兼办公室主任，岑静同志任副组长，蒲建军同志任副组长兼总指挥。"
    text = f"关于成立平川县测试工作领导小组的通知\n各单位：\n{body}\n特此通知。\n平川县人民政府\n2024年5月6日\n"
    record = read_plan_bytes(text.encode(), "p.txt")
    assert [(o.name, o.role, o.line) for o in record.officials] == [("吕振华", "组长", 3), ("岑静", "副组长", 3)]
    (office,) = record.teams
    assert [(m.name, m.line) for m in office.leads] == [("吕振华", 3)]
    assert [(w.kind, w.line, w.values) for w in record.warnings] == [
        ("member-unread", 3, {"text": "蒲建军同志任副组长兼总指挥"})]


def test_a_date_in_words():
    text = (FIXTURES / "county_pingchuan_adjust.txt").read_text(encoding="utf-8")
    text = text.replace("\n2025年3月18日\n", "\n二〇二五年三月十八日\n")
    assert "二〇二五年三月十八日" in text
    meta = read_plan_bytes(text.encode(), "n.txt").meta
    assert (meta.date, meta.issuer_line, meta.issuers) == ("2025-03-18", 20, ("平川县人民政府办公室",))


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


def _blocks(text: str) -> list:
    """The notice as blocks: its lines as paragraphs, a pipe table as a drawn table (its first column that is
    left blank under a filled cell drawn as merged cells)."""
    blocks, rows = [], []
    for line in [t.strip() for t in text.splitlines() if t.strip()] + [""]:
        if line.startswith("|"):
            cells = tuple(c.strip() for c in line.strip("|").split("|"))
            if not all(set(c) <= set("-: ") for c in cells):
                rows.append(cells)
            continue
        if rows:
            merged = frozenset(i for i in range(len(rows[0])) if any(not r[i] for r in rows[1:]) and rows[1][i])
            blocks.append(render.Table(tuple(rows), merged))
            rows = []
        if line:
            blocks.append(render.Paragraph(line))
    return blocks


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_same_facts_in_every_format(tmp_path, name, fmt):
    data = (FIXTURES / name).read_bytes()
    (tmp_path / name).write_bytes(data)
    want = _facts(read_plan(tmp_path / name, name))
    blocks = _blocks(data.decode())
    as_name = f"{name.rsplit('.', 1)[0]}.{fmt}"
    (tmp_path / as_name).write_bytes(render.render(blocks, fmt))
    drawn = [ln.cells for ln in read_source((tmp_path / as_name).read_bytes(), as_name).lines if ln.cells]
    assert len(drawn) == sum(isinstance(b, render.Table) and len(b.rows) for b in blocks)  # the table is a table
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
    ("组长：吕振华（县长）\n成员（按姓氏笔画为序）：\n龚晓燕（县财政局局长）、邓凯（县发改局局长）",
     [("吕振华", "组长", ("县长",), 3), ("龚晓燕", "成员", ("县财政局局长",), 5), ("邓凯", "成员", ("县发改局局长",), 5)], []),
    ("组长：吕振华（县长）  副组长：岑静（副县长）\n成员：龚晓燕（县财政局局长）",
     [("吕振华", "组长", ("县长",), 3), ("岑静", "副组长", ("副县长",), 3), ("龚晓燕", "成员", ("县财政局局长",), 4)], []),
    ("组长：吕振华\n副组长：岑静 副县长、县委常委、\n县委宣传部部长\n成员：龚晓燕、县财政局、各乡镇（街道）主要负责人",
     [("吕振华", "组长", (), 3), ("岑静", "副组长", ("副县长", "县委常委", "县委宣传部部长"), 4), ("龚晓燕", "成员", (), 6)],
     [("县财政局", "成员", "", 6), ("各乡镇（街道）", "成员", "主要负责人", 6)]),
    ("组长：王建国 镇长\n副组长：赵刚 副镇长、李杰 党委委员（兼职）、石门\n派出所所长\n成员：孙丽、\n各村委会主任",
     [("王建国", "组长", ("镇长",), 3), ("赵刚", "副组长", ("副镇长",), 4),
      ("李杰", "副组长", ("党委委员（兼职）", "石门派出所所长"), 4), ("孙丽", "成员", (), 6)],
     [("各村委会", "成员", "主任", 7)]),
    ("组长：吕振华\n成员单位：县发展改革局、县财政局、县自然资源局等",
     [("吕振华", "组长", (), 3)],
     [("县发展改革局", "成员", "", 4), ("县财政局", "成员", "", 4), ("县自然资源局", "成员", "", 4)]),
    ("组长：吕振华县长\n副组长：岑静副县长、蒲建军县政府办公室主任\n成员：镇财政所所长",
     [("吕振华", "组长", ("县长",), 3), ("岑静", "副组长", ("副县长",), 4), ("蒲建军", "副组长", ("县政府办公室主任",), 4)],
     [("镇财政所", "成员", "所长", 5)]),
    ("组长：吕振华（县长）\n成员：县财政局 龚晓燕\n      邓凯 县发展改革局\n      县水利局、县商务局",
     [("吕振华", "组长", ("县长",), 3), ("龚晓燕", "成员", ("县财政局",), 4), ("邓凯", "成员", ("县发展改革局",), 5)],
     [("县水利局", "成员", "", 6), ("县商务局", "成员", "", 6)]),
    ("组长：吕振华（县长）\n成员：\n（按姓氏笔画为序）\n龚晓燕 县财政局局长",
     [("吕振华", "组长", ("县长",), 3), ("龚晓燕", "成员", ("县财政局局长",), 6)], []),
    ("组长：吕振华（县长）\n成员：县财政局：龚晓燕\n邓凯：县发展改革局局长",
     [("吕振华", "组长", ("县长",), 3), ("龚晓燕", "成员", ("县财政局",), 4), ("邓凯", "成员", ("县发展改革局局长",), 5)], []),
    ("组长：阿依古丽·买买提（县长）\n副组长：副县长 艾尔肯·吐尔逊\n成员：买合木提·阿不都 县财政局局长",
     [("阿依古丽·买买提", "组长", ("县长",), 3), ("艾尔肯·吐尔逊", "副组长", ("副县长",), 4),
      ("买合木提·阿不都", "成员", ("县财政局局长",), 5)], []),
    ("组长：吕振华 县委副书记 县长\n副组长：岑静（女，副县长）、蒲建军（回族，县政府办公室主任）\n成员：县委常委 常务副县长 邓凯",
     [("吕振华", "组长", ("县委副书记", "县长"), 3), ("岑静", "副组长", ("副县长",), 4),
      ("蒲建军", "副组长", ("县政府办公室主任",), 4), ("邓凯", "成员", ("县委常委", "常务副县长"), 5)], []),
]


@pytest.mark.parametrize("body, officials, units", _LIST_FORMS,
                         ids=["numbered-labels", "arabic-labels", "comma-and-full-stop", "tabs-and-spaces", "posts",
                              "label-with-a-note", "two-labels-on-a-line", "titles-wrapped-after-a-comma", "a-title-wrapped-after-a-place-name", "units-ending-with-etc", "name-run-into-its-title", "a-unit-beside-a-name", "a-note-on-the-order", "unit-colon-name",
                              "names-with-a-middle-dot", "sex-and-nationality-are-no-titles"])
def test_list_forms(body, officials, units):
    text = f"关于成立平川县测试工作领导小组的通知\n各单位：\n{body}\n特此通知。\n平川县人民政府\n2024年5月6日\n"
    record = read_plan_bytes(text.encode(), "p.txt")
    assert [(o.name, o.role, o.titles, o.line) for o in record.officials] == officials
    assert [(u.name, u.role, u.position, u.line) for u in record.member_units] == units
    assert record.warnings == ()
