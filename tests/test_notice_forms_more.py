"""领导小组 and 指挥部 notices in three more forms of the genre, invented and checked fact by fact: a member whose rare
surname the reader does not know, before a title that opens with a place (the title kept whole, never a name cut
out of it); a 指挥部 whose working groups (（一）综合协调组) give their own 组长 in sentences (no 组长 of the 指挥部);
and a notice copied from its body on, whose only place is the one its sentence sets the group up for, a district
named by its direction (西城区)."""

from __future__ import annotations

from loaders.plan.reader import read_plan_bytes


def _read(text: str, name: str = "notice.txt"):
    return read_plan_bytes(text.encode("utf-8"), name)


def _officials(record) -> list[tuple]:
    return [(o.name, o.role, o.titles, o.line) for o in record.officials]


RARE_SURNAME = """\
关于成立江岚高新区智能制造示范园区创建工作领导小组的通知
为加快打造智能制造产业集群，经研究，决定成立智能制造示范园区创建工作领导小组，组成人员如下：
组  长：卢正海 江岚国家高新区管委会副主任
副组长：戢文涛 江岚国家高新区管委会副主任
成  员：陶振宇 办公室主任
缪建国 经济发展局局长
吕  威 财政局局长
江岚高新区管委会
2025年3月2日
"""


def test_a_name_of_a_rare_surname_keeps_a_title_that_opens_with_a_place_whole():
    record = _read(RARE_SURNAME)
    assert _officials(record) == [
        ("卢正海", "组长", ("江岚国家高新区管委会副主任",), 3),
        ("戢文涛", "副组长", ("江岚国家高新区管委会副主任",), 4),  # not 江岚国 of 家高新区管委会副主任
        ("陶振宇", "成员", ("办公室主任",), 5),
        ("缪建国", "成员", ("经济发展局局长",), 6),
        ("吕威", "成员", ("财政局局长",), 7),
    ]
    assert not [w for w in record.warnings if w.kind == "member-unread"]


WORKING_GROUPS = """\
经镇党委、政府同意，决定调整白沙镇防汛防台应急指挥部，负责统一组织、协调指挥全镇防汛防台工作。现将有关事项通知如下：
总 指 挥：庞立东 党委副书记、镇长
副总指挥：韦晓春 副镇长
芮  岚 副镇长
指挥部日常工作由副镇长芮岚负责，指挥部下设综合协调组、抢险救援组、物资保障组。
（一）综合协调组
党政办公室副主任宁凯，应急管理办主任詹晓骏任组长，党政办、应急管理办为成员单位。
负责信息收集汇总和报告，承办指挥部交办的其他工作。
（二）抢险救援组
副镇长韦晓春任组长，派出所、消防救援站为成员单位。
负责组织抢险救援。
白沙镇人民政府
2025年6月1日
"""


def test_the_roles_a_working_group_gives_are_not_the_headquarters_roles():
    record = _read(WORKING_GROUPS)
    assert _officials(record) == [
        ("庞立东", "总指挥", ("党委副书记", "镇长"), 2),
        ("韦晓春", "副总指挥", ("副镇长",), 3),
        ("芮岚", "副总指挥", ("副镇长",), 4),
    ]  # 詹晓骏 and 韦晓春 lead working groups (任组长): no 组长 of the 指挥部
    assert record.meta.subdistrict == "白沙镇"
    assert [(u.name, u.role) for u in record.member_units] == []


DIRECTION_DISTRICT = """\
为进一步加强对全区社区治理工作的组织领导，经区政府同意，决定建立西城区社区治理重点事项工作联席会议制度。现将有关事项通知如下：
一、组成人员
组  长：区政府分管领导
副组长：区政府办公室主要负责人
成  员：区民政局、区财政局、各街道办事处主要负责人。
"""


def test_a_notice_without_title_or_signature_is_read_under_the_district_its_sentence_names():
    record = _read(DIRECTION_DISTRICT, "联席会议.txt")
    assert (record.meta.subdistrict, record.meta.level) == ("西城区", "区")
    # roles held by posts (区政府分管领导); the post after a collective is the collective's own
    assert [(u.name, u.role, u.position, u.line) for u in record.member_units] == [
        ("区政府", "组长", "分管领导", 3), ("区政府办公室", "副组长", "主要负责人", 4), ("区民政局", "成员", "", 5),
        ("区财政局", "成员", "", 5), ("各街道办事处", "成员", "主要负责人", 5)]
    assert record.meta.issuer_line == 1
    assert not [w for w in record.warnings if w.kind.startswith("issuer")]


BROKEN_LABELS = """\
区人民政府办公室关于建立东岭区志愿服务工作联席会议制度的通知
各街道办事处、区人民政府各部门：
经区人民政府同意，建立东岭区志愿服务工作联席会议制度。现将有关事项通知如下：
一、组成人员
召
集 人：区人民政府分管区领导；
副召集人：区人民政府办公室主要负责人和分管负责人；
成
员：区委宣传部、区科协分管负责人；区民政局、各街道办事处主要负责人。
二、其他事项
联席会议办公室设在区民政局。
"""


def test_labels_broken_after_their_first_character_and_posts_of_every_shape():
    record = _read(BROKEN_LABELS)
    assert record.meta.subdistrict == "东岭区"
    # 召 / 集 人：… and 成 / 员：… are labels; 分管区领导 a post; 主要负责人和分管负责人 two posts of one unit; a post
    # ends its own ；-part of the list (区委宣传部 and 区科协: 分管负责人), not the next one's
    assert [(u.name, u.role, u.position, u.line) for u in record.member_units] == [
        ("区人民政府", "召集人", "分管区领导", 6),
        ("区人民政府办公室", "副召集人", "主要负责人和分管负责人", 7),
        ("区委宣传部", "成员", "分管负责人", 9),
        ("区科协", "成员", "分管负责人", 9),
        ("区民政局", "成员", "", 9),
        ("各街道办事处", "成员", "主要负责人", 9),
    ]
    assert record.officials == ()
    assert not [w for w in record.warnings if w.kind == "member-unread"]


TASK_FORCE = """\
关于成立东岭市植物园建设工作专班的通知
各县（区）人民政府，市直各部门：
为加快推进植物园建设，经市政府研究，决定成立东岭市植物园建设工作专班，组成人员如下：
主  任：阿依古丽·买买提（市政府副市长）
副主任：钱一鸣（市政府副秘书长）
成  员：阙小峰（市林草局局长）、蒙海涛（市财政局副局长）
专班办公室设在市林草局。
东岭市人民政府办公室
2023年5月6日
"""


def test_a_task_force_set_up_on_its_own_is_a_group_with_its_director_and_members():
    record = _read(TASK_FORCE)
    assert (record.meta.subdistrict, record.meta.group) == ("东岭市", "东岭市植物园建设工作专班")
    assert _officials(record) == [
        ("阿依古丽·买买提", "主任", ("市政府副市长",), 4),
        ("钱一鸣", "副主任", ("市政府副秘书长",), 5),
        ("阙小峰", "成员", ("市林草局局长",), 6),
        ("蒙海涛", "成员", ("市财政局副局长",), 6),
    ]


NO_OFFICE = """\
东岭镇人民政府关于成立东岭镇秸秆禁烧工作领导小组的通知
各村（居）委会，镇属各单位：
为切实做好秸秆禁烧工作，经研究，决定成立东岭镇秸秆禁烧工作领导小组，组成人员如下：
组  长：王建军  镇党委书记
副组长：李海涛  镇长
成  员：赵一鸣  镇党委委员、副镇长
        钱小红  镇农业服务中心主任
领导小组不设办公室，日常工作由镇农业服务中心承担。
东岭镇人民政府
2021年5月6日
"""


def test_a_group_that_sets_up_no_office_has_none():
    record = _read(NO_OFFICE)
    assert _officials(record) == [
        ("王建军", "组长", ("镇党委书记",), 4), ("李海涛", "副组长", ("镇长",), 5),
        ("赵一鸣", "成员", ("镇党委委员", "副镇长"), 6), ("钱小红", "成员", ("镇农业服务中心主任",), 7)]
    assert [t.name for t in record.teams] == []  # 不设办公室: no 领导小组办公室 read from the sentence that says so
    with_office = NO_OFFICE.replace("领导小组不设办公室，日常工作由镇农业服务中心承担", "领导小组办公室设在镇农业服务中心")
    assert [(t.name, t.seat.name, t.line) for t in _read(with_office).teams] == [("领导小组办公室", "镇农业服务中心", 8)]


IN_TURN = """\
关于成立东岭街道安全生产委员会的通知
各社区：
经研究，决定成立东岭街道安全生产委员会，主任、副主任分别是：周文斌（街道党工委书记）、孙立新（街道办事处主任）。
委员：吴海燕（街道党工委副书记）、郑大勇（街道武装部部长）。
东岭街道办事处
2020年6月1日
"""

IN_TURN_GROUP = """\
关于成立东岭街道人口普查工作领导小组的通知
各社区、街道各科室：
为做好人口普查工作，街道决定成立人口普查工作领导小组，组长、副组长分别由街道办事处主任周文斌、街道办事处副主任孙立新同志担任，
成员为各社区党组织书记和街道统计站、派出所、城管中队负责人。
东岭街道办事处
2020年6月1日
"""


def test_roles_given_in_turn_go_to_the_people_in_their_order():
    assert _officials(_read(IN_TURN)) == [
        ("吴海燕", "委员", ("街道党工委副书记",), 4), ("郑大勇", "委员", ("街道武装部部长",), 4),
        ("周文斌", "主任", ("街道党工委书记",), 3), ("孙立新", "副主任", ("街道办事处主任",), 3)]
    record = _read(IN_TURN_GROUP)
    assert _officials(record) == [
        ("周文斌", "组长", ("街道办事处主任",), 3), ("孙立新", "副组长", ("街道办事处副主任",), 3)]
    assert [(u.name, u.role, u.position, u.line) for u in record.member_units] == [
        ("各社区党组织", "成员", "书记", 4), ("街道统计站", "成员", "负责人", 4),  # not 各社区党组织书记和街道统计站
        ("派出所", "成员", "负责人", 4), ("城管中队", "成员", "负责人", 4)]
    # two roles and three people: which is which is not said, a warning naming the line, no role guessed
    three = _read(IN_TURN.replace("、孙立新（街道办事处主任）", "、孙立新（街道办事处主任）、钱程（街道办事处副主任）"))
    assert [o.name for o in three.officials] == ["吴海燕", "郑大勇"]
    assert [(w.kind, w.line) for w in three.warnings if w.kind == "member-unread"] == [("member-unread", 3)]
