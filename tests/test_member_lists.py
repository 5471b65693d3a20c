"""Member lists as the genre writes them (notices written for the tests, invented names and bodies), fact by fact.

Each fixture in ``fixtures/members`` shows one way of writing the list: a notice copied from the salutation on
(no title), a 防汛指挥所 given inline, names run into their titles, a 联席会议 on one line of ``<br>``, labels alone
on their lines and a list cut off, traditional script, posts given instead of persons, a deputy's rank after the name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphmodel import build_graph
from graphmodel.labels import NOTICES, ROLES, notice
from graphmodel.resolve import resolve_plan
from graphmodel.model import Notice
from loaders.plan.document import split_document
from loaders.plan.layouts import recognise
from loaders.plan.member_list import read_member_list
from loaders.plan.member_prose import read_member_prose
from loaders.plan.reader import read_plan_bytes
from loaders.plan.source import source_from_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "members"


def _source(name: str):
    return source_from_bytes((FIXTURES / name).read_bytes(), name)


def _group(name: str):
    """The list as the notice's readers read it (list and prose), whatever the document's issuer."""
    lines = _source(name).lines
    group = read_member_list(lines)
    read_member_prose(lines, group)
    return group


def _people(name: str):
    return [(o.name, o.role, o.titles, o.line) for o in _group(name).officials if o.role]


# Per fixture: (name, role, titles, line) of every member of the group, in list order.
MEMBERS = {
    "town_untitled.txt": [  # 组 长：柯 远 镇 长 — padding in name and title; a deputy's titles on the line below
        ("柯远", "组长", ("镇长",), 4),
        ("蒋慕华", "副组长", ("镇党委副书记", "人大主席团主席"), 5),
        ("芮一诺", "副组长", ("镇党委政法委员",), 7),
        ("龚泉", "成员", ("镇农业服务中心主任",), 9),
        ("闻小禾", "成员", ("镇综合执法局局长",), 10),
    ],
    "town_flood.txt": [  # 所长：…；副所长：…、…；成员：… in a sentence of its own; 庹 is a surname the list misses
        ("乔立川", "所长", (), 4), ("祝晨", "副所长", (), 4), ("蓝望舒", "副所长", (), 4),
        ("毕一帆", "成员", (), 4), ("池晓东", "成员", (), 4), ("贺兰亭", "成员", (), 4), ("鞠明", "成员", (), 4),
        ("冉秋", "成员", (), 4), ("庹星河", "成员", (), 4),
    ],
    "province_glued.txt": [  # names run into their titles; 白 鹭副省长: a name of two padded, run into the title
        ("宁致远", "组长", ("省委常委", "常务副省长"), 6),
        ("邵怀瑾", "副组长", ("副省长",), 7),
        ("白鹭", "副组长", ("副省长",), 8),
        ("钟岳", "成员", ("江州市委常委", "常务副市长"), 9),
        ("严子衡", "成员", ("青川市副市长",), 10),
        ("柏文韬", "成员", ("省发展改革委一级巡视员",), 11),
        ("冯霏", "成员", ("省工业和信息化厅副厅长",), 12),
        ("傅清源", "成员", ("省自然资源厅总工程师",), 13),
        ("潘立人", "成员", ("岭南航投集团有限公司董事长",), 14),  # a body the addressees name opens the title
    ],
    "city_joint_meeting.txt": [  # one line of <br>: each part a line, all with the file's line number
        ("谭望川", "召集人", ("副市长",), 8),
        ("祁远", "副召集人", ("市政府副秘书长",), 8),
        ("韦思源", "副召集人", ("市水务局局长",), 8),
        ("杭一舟", "成员", ("市财政局副局长",), 8),
        ("邝明", "成员", ("市生态环境局巡视员",), 8),
        ("卓立群", "成员", ("西城区副区长",), 8),
    ],
    "national_labels.txt": [  # every label alone on its line; 组委会主席 is a title, not a role
        ("司徒明远", "组长", ("国务院副总理",), 7),
        ("柯志恒", "第一副组长", ("国务委员",), 9),
        ("鲁一鸣", "副组长", ("中共东海省委书记",), 11),
        ("杭思齐", "副组长", ("体育总局局长", "第3届全国青年运动会组委会主席"), 12),
        ("庞子安", "成员", ("东海省省长", "第3届全国青年运动会组委会主席"), 14),
        ("闵德明", "成员", ("中央办公厅副主任兼秘书局局长",), 15),
        ("耿立", "成员", ("工业和信息化部党组成员", "总工程师"), 16),
        ("石子墨", "成员", ("安全部副部长",), 17),  # not 安全部, a person titled 副部长
        ("毕乐天", "成员", ("农业农村部副部长",), 18),  # not 农业农, a person titled 村部副部长
    ],
    "national_trad.txt": [  # traditional script: the roles read, the names as written, the titles simplified
        ("張高遠", "组长", ("国务院副总理",), 7),
        ("韓明德", "副组长", ("国务委员",), 9),
        ("鄒立言", "成员", ("体育总局局长",), 11),
        ("馮曉嵐", "成员", ("教育部副部长",), 12),
    ],
    "city_posts.txt": [("卓怀远", "组长", ("市城管局局长",), 4)],
    "street_rank.txt": [  # 副组长：祁望舒(常务)、 柳  岸
        ("倪清源", "组长", (), 5), ("祁望舒", "常务副组长", (), 6), ("柳岸", "副组长", (), 6),
    ],
}


@pytest.mark.parametrize("name", sorted(MEMBERS))
def test_every_member_with_role_titles_and_line(name):
    assert _people(name) == MEMBERS[name]


@pytest.mark.parametrize("name", sorted(MEMBERS))
def test_a_member_list_makes_the_document_a_notice(name):
    source = _source(name)
    layout, _found = recognise(split_document(source.lines, source.text), name)
    assert layout.name == "leading-group-notice"


def test_a_notice_without_a_title_is_read_whole():
    record = read_plan_bytes((FIXTURES / "town_untitled.txt").read_bytes(), "t.txt")
    assert record.layout == "leading-group-notice"
    # the group as the sentence that sets it up names it (成立我镇…领导小组), on its line; no title
    assert (record.meta.title, record.meta.group, record.meta.title_line) == ("", "秸秆禁烧工作领导小组", 2)
    assert [(o.name, o.role, o.titles, o.line) for o in record.officials] == MEMBERS["town_untitled.txt"]
    assert record.member_units == ()  # 镇党委副书记 under 蒋慕华 is his title, not a member unit


def test_the_recognition_says_it_found_a_list():
    source = _source("town_untitled.txt")
    _layout, found = recognise(split_document(source.lines, source.text), "t.txt")
    assert (found.line, found.what) == (4, "领导小组名单（组长、副组长、成员等）")


def test_an_inline_command_post_and_what_follows_it():
    group = _group("town_flood.txt")
    assert group.units == []  # 各村委会要成立以主任为主的3-5人防汛小组: a sub-group, no member of this one
    # 联系电话：6 — the file cut off after the list: nothing of it is a member
    assert all("联系电话" not in str(w.values) for w in group.warnings)
    text = (FIXTURES / "town_flood.txt").read_text(encoding="utf-8") + "白鹭镇人民政府\n2024年5月6日\n"
    record = read_plan_bytes(text.encode(), "f.txt")
    assert record.meta.group == "防汛指挥所"  # 镇政府成立9人防汛指挥所: not “9人…”
    assert [(o.name, o.role) for o in record.officials] == [(n, r) for n, r, _, _ in MEMBERS["town_flood.txt"]]


def test_a_joint_meeting_and_its_office_head_who_is_a_member():
    record = read_plan_bytes((FIXTURES / "city_joint_meeting.txt").read_bytes(), "j.txt")
    assert record.meta.group == "青溪河综合整治工程联席会议"
    assert [(o.name, o.role) for o in record.officials] == [(n, r) for n, r, _, _ in MEMBERS["city_joint_meeting.txt"]]
    (office,) = record.teams
    assert (office.name, office.seat.name, office.seat.line) == ("联席会议办公室", "市水务局", 8)
    assert [(m.name, m.line) for m in office.leads] == [("韦思源", 8)]


def test_web_page_lines_parted_by_br_keep_the_file_line():
    lines = source_from_bytes("标题\n甲<br> 乙<BR/>丙 <br />\n丁\n".encode(), "w.txt").lines
    assert [(ln.no, ln.text) for ln in lines] == [(1, "标题"), (2, "甲"), (2, "乙"), (2, "丙"), (3, "丁")]


def test_a_list_cut_off_at_the_end_of_the_file_is_a_warning():
    group = _group("national_labels.txt")
    assert "窦" not in {o.name for o in group.officials}
    assert [(w.kind, w.line, w.values) for w in group.warnings] == [("member-cut-off", 19, {"text": "窦"})]
    sentence = notice(Notice(kind="member-cut-off", line=19, values={"text": "窦"}), "en")
    assert "cut off" in sentence and "窦" in sentence


def test_posts_given_instead_of_persons_are_member_units():
    group = _group("city_posts.txt")
    assert [(u.name, u.role, u.position, u.line) for u in group.units] == [
        ("市城管局", "副组长", "各分管领导", 5),
        ("局机关各科室", "成员", "负责人", 6),
        ("局属各单位", "成员", "主要负责人", 6),
    ]


def test_the_office_sentence_names_the_office_members():
    record = read_plan_bytes((FIXTURES / "street_rank.txt").read_bytes(), "s.txt")
    assert [(u.name, u.role, u.position, u.line) for u in record.member_units] == [
        ("街道安委会成员单位", "成员", "负责人", 7)]  # 街直相关部门及各社区为成员: of the office, not of the group
    (office,) = record.teams
    assert [(m.name, m.line) for m in office.members] == [("街直相关部门", 8), ("各社区", 8)]
    # 各社区要成立以书记为组长的整治小组，社区主任任副组长: another group's roles
    assert all(o.role != "副组长" or o.name != "社区主任" for o in record.officials)


def test_an_action_plan_with_a_leading_group_is_no_notice():
    text = ("现将《北林路街道城市更新行动方案》印发给你们。\n北林路街道办事处\n2024年5月6日\n一、具体行动\n"
            "1.整治背街小巷。推进环境整治。\n附件 1\n组 长：乔明远 党工委书记\n副组长：万 静 办事处副主任\n"
            "成 员：林 杉 社区管理办主任\n")
    source = source_from_bytes(text.encode(), "p.txt")
    layout, _found = recognise(split_document(source.lines, source.text), "p.txt")
    assert layout.name == "action-plan"


def test_new_roles_and_warnings_speak_both_languages():
    for role in ("所长", "副所长", "召集人", "副召集人", "常务副所长", "常务副召集人"):
        assert ROLES[role].zh == role and ROLES[role].en
    assert NOTICES["member-cut-off"].zh and NOTICES["member-cut-off"].en


def test_office_heads_who_are_no_members_stay_on_the_office():
    """办公室主任由驻局纪检组长乐正清同志兼任，副主任由安全科科长霍思远、办公室主任闵秋池兼任: none of them is a member
    of the group, so none is an official of it; the office keeps each with post, titles and line."""
    record = read_plan_bytes((FIXTURES / "city_posts.txt").read_bytes(), "c.txt")
    assert [(o.name, o.role) for o in record.officials] == [("卓怀远", "组长")]
    (office,) = record.teams
    assert (office.leads, office.deputies, office.seat.name) == ((), (), "局安全科")
    assert [(h.name, h.post, h.titles, h.line) for h in office.holders] == [
        ("乐正清", "主任", ("驻局纪检组长",), 7), ("霍思远", "副主任", ("安全科科长",), 7),
        ("闵秋池", "副主任", ("办公室主任",), 7)]
    graph = build_graph([resolve_plan(record)])
    assert not any(d["label"] == "Official" and d["name"] != "卓怀远" for _, d in graph.nodes(data=True))
    holders = graph.nodes["白沙市/Unit/领导小组办公室"]["holders"]
    assert [(h["name"], h["post"], h["line"]) for h in holders] == [
        ("乐正清", "主任", 7), ("霍思远", "副主任", 7), ("闵秋池", "副主任", 7)]


def test_an_office_head_who_is_a_member_heads_the_office():
    record = read_plan_bytes((FIXTURES / "city_joint_meeting.txt").read_bytes(), "j.txt")
    graph = build_graph([resolve_plan(record)])
    edge = graph.edges["东州市/Official/韦思源", "东州市/Unit/联席会议办公室", "HEADS"]
    assert (edge["position"], edge["deputy"], edge["evidence"]["line"]) == ("主任", False, 8)
    assert "holders" not in graph.nodes["东州市/Unit/联席会议办公室"]  # none who is no member


def test_a_committee_names_its_members_chair_vice_chairs_and_members():
    record = read_plan_bytes((FIXTURES / "county_committee.txt").read_bytes(), "c.txt")
    assert record.meta.group == "丰源县食品安全委员会"
    assert [(o.name, o.role, o.titles, o.line) for o in record.officials] == [
        ("雍明川", "主任", ("县长",), 5), ("卞思远", "常务副主任", ("副县长",), 6),
        ("郜雨桐", "副主任", ("县政府办公室主任",), 7), ("韶光明", "委员", ("县市场监管局局长",), 8),
        ("詹如玉", "委员", ("县农业农村局局长",), 9)]
    (office,) = record.teams  # 委员会下设办公室 …: the office of the committee, headed by a member
    assert (office.name, [(m.name, m.line) for m in office.leads]) == ("委员会办公室", [("韶光明", 10)])
    for role in ("主任", "常务副主任", "副主任", "委员"):
        assert ROLES[role].en


def test_in_a_leading_group_the_office_labels_stay_the_office():
    text = ("关于成立丰源县测试工作领导小组的通知\n各单位：\n组长：雍明川（县长）\n成员：韶光明（县市场监管局局长）\n"
            "主任：韶光明（兼）\n委员：另行通知\n特此通知。\n丰源县人民政府\n2024年5月6日\n")
    record = read_plan_bytes(text.encode(), "p.txt")
    assert [(o.name, o.role) for o in record.officials] == [("雍明川", "组长"), ("韶光明", "成员")]
    assert [(m.name, m.line) for m in record.teams[0].leads] == [("韶光明", 5)]


def test_a_table_copied_with_a_bar_after_each_cell_is_read_without_them():
    """A web page's member table copied one cell per line, each cell followed by its column's bar (韩志远 |), a row
    of bars alone between rows: the bars are no names (no warning), the people and titles are read."""
    text = "\n".join(["关于成立青岚区安全生产委员会的通知", "区安全生产委员会组成人员名单如下：", "职务 |", "姓名 |",
                      "工作单位及职务 |", "主任 |", "韩志远 |", "区长 |", "||", "副主任 |", "罗佳宁 |", "常务副区长 |",
                      "委员 |", "李文涛 |", "区发改委主任 |"])
    record = read_plan_bytes(text.encode(), "青岚区安委会.txt")
    assert [(o.name, o.role, o.titles, o.line) for o in record.officials] == [
        ("韩志远", "主任", ("区长",), 7), ("罗佳宁", "副主任", ("常务副区长",), 11),
        ("李文涛", "委员", ("区发改委主任",), 14)]
    assert [w.kind for w in record.warnings] == []


def test_an_excerpt_opening_inside_the_list_is_a_notice():
    """An excerpt cut before its title and 组长 line: members of one role are a group's list where the text names
    the body (领导小组下设办公室); without such a word, two names under 成员 are no document of the family."""
    text = "成员：李文涛 区发改委主任\n      王海燕 区应急管理局局长\n      陈立群 区住建局局长\n领导小组下设办公室，办公室设在区住建局。\n"
    record = read_plan_bytes(text.encode(), "青岚区领导小组名单.txt")
    assert [(o.name, o.role, o.titles, o.line) for o in record.officials] == [
        ("李文涛", "成员", ("区发改委主任",), 1), ("王海燕", "成员", ("区应急管理局局长",), 2),
        ("陈立群", "成员", ("区住建局局长",), 3)]
    with pytest.raises(Exception, match="不是可读的责任文件"):
        read_plan_bytes("成员：李文涛 区发改委主任\n王海燕 区应急管理局局长\n".encode(), "名单.txt")
