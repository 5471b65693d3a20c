"""A leading group's roles run on in one item, parted by commas, and a notice signed by the group's office.

Notices of a meeting or a check often name the group inside a numbered item of 参加人员: ``1、区创卫领导小组
第一副组长：甲，常务副组长：乙、丙，副组长：…。`` — the labels parted by commas, not by 。 or ；, the label after
the group's name, the next item (``2、区级机关各部门主要领导``) no member. Such a notice is signed by the group's
office (``…工作领导小组办公室``), whose place is the issuer's. The notice below is invented, in the genre.
"""

from __future__ import annotations

from loaders.plan.issuer import body_jurisdiction, jurisdiction_prefix
from loaders.plan.member_list import read_member_list
from loaders.plan.reader import read_plan_source
from loaders.plan.source import Line, source_from_bytes

NOTICE = """关于召开南湖区创建国家卫生城区迎检工作会议的通知
各镇、街道党工委，区级机关各部门：
经研究，定于6月12日召开全区创建国家卫生城区迎检工作会议，现将有关事项通知如下：
一、会议时间：6月12日上午9:00。
二、参加人员：
1、区创卫领导小组第一副组长：宋立群，常务副组长：韦海燕、龙晓东，副组长：阮明辉、苗春生、杭丽娟。
2、区级机关各部门主要领导；
3、各镇、街道分管领导。
请各单位于6月10日前将参会人员名单报区创卫办。
南湖区创建国家卫生城区工作领导小组办公室
2024年6月5日
"""


def test_roles_parted_by_commas_in_a_numbered_item():
    record = read_plan_source(source_from_bytes(NOTICE.encode(), "南湖区.txt"), "南湖区.txt")
    assert [(o.name, o.role, o.line) for o in record.officials] == [
        ("宋立群", "第一副组长", 6), ("韦海燕", "常务副组长", 6), ("龙晓东", "常务副组长", 6),
        ("阮明辉", "副组长", 6), ("苗春生", "副组长", 6), ("杭丽娟", "副组长", 6)]
    assert record.member_units == ()  # 2、区级机关各部门主要领导: the next item, no member
    assert (record.meta.subdistrict, record.meta.level) == ("南湖区", "区")


def test_a_label_after_a_comma_opens_a_new_role_only_with_its_colon():
    group = read_member_list((Line(1, "组长：柯文彬（区长），副组长：岳红、童建，成员：欧阳丽、桂平"),))
    assert [(o.name, o.role, o.titles) for o in group.officials] == [
        ("柯文彬", "组长", ("区长",)), ("岳红", "副组长", ()), ("童建", "副组长", ()),
        ("欧阳丽", "成员", ()), ("桂平", "成员", ())]
    # a numbered list whose items are labelled goes on from item to item
    group = read_member_list((Line(1, "1、组长：柯文彬"), Line(2, "2、副组长：岳红、童建"), Line(3, "3、成员：欧阳丽")))
    assert [(o.name, o.role, o.line) for o in group.officials] == [
        ("柯文彬", "组长", 1), ("岳红", "副组长", 2), ("童建", "副组长", 2), ("欧阳丽", "成员", 3)]
    # members numbered under a label of their own are members
    group = read_member_list((Line(1, "成员："), Line(2, "1、欧阳丽 区财政局局长"), Line(3, "2、桂平 区民政局局长")))
    assert [(o.name, o.role, o.titles) for o in group.officials] == [
        ("欧阳丽", "成员", ("区财政局局长",)), ("桂平", "成员", ("区民政局局长",))]


def test_a_group_and_its_office_belong_to_the_place_they_open_with():
    assert body_jurisdiction("南湖区创建国家卫生城区工作领导小组办公室") == ("南湖区", "区")
    assert body_jurisdiction("青石镇防汛防台指挥部") == ("青石镇", "镇")
    assert body_jurisdiction("南湖区创建国家卫生城区工作") is None  # no body's word at its end
    # 创建省级…: no province is named 创建
    assert jurisdiction_prefix("南湖区创建省级文明城区工作领导小组") == ("南湖区", "区")
    assert body_jurisdiction("创建省级文明城区工作领导小组办公室") is None
