"""The 领导小组 notice layout on notices written for the tests (镇, 区, 县, 市, 街道, 开发区), fact by fact."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphmodel import PlanError, build_graph
from graphmodel.resolve import resolve_plan
from loaders.plan.reader import read_plan_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "notices"


def _record(name: str):
    return read_plan_bytes((FIXTURES / name).read_bytes(), name)


# Per notice: header facts, then (name, role, titles, line) per person, (unit, role, position, line) per unit
# member, and the office (seat, its line, its 主任, its 副主任: members of the group who head it first, then the
# heads who are no members, kept on the office as its holders).
EXPECTED = {
    "town_yunxi.txt": dict(
        meta=dict(subdistrict="云溪镇", level="镇", issuer_line=25, title="关于成立云溪镇城市更新工作领导小组的通知",
                  title_line=5, number="云府〔2024〕8号", number_line=3, date="2024-03-05", printed="2024-03-06",
                  issuers=("云溪镇人民政府",), group="云溪镇城市更新工作领导小组"),
        officials=[
            ("任晓东", "副组长", ("镇党委副书记", "镇长"), 11),
            ("葛兰", "副组长", ("副镇长",), 12),
            ("韦建平", "副组长", ("副镇长",), 12),
            ("邵振华", "组长", ("镇党委书记",), 13),
            ("郎秋实", "常务副组长", ("镇党委副书记",), 14),
            ("柏阳平", "成员", ("城镇建设管理事务中心主任",), 16),
            ("鲍莉", "成员", ("党政办主任",), 17),
            ("房文涛", "成员", ("规划建设办主任",), 18),
        ],
        units=[("镇财政所", "成员", "所长", 19), ("各村（居）委会", "成员", "主任", 20)],
        office=(("镇规划建设办", 22), [("房文涛", 22)], [("鲍莉", 22)]),
    ),
    "district_donglan.txt": dict(
        meta=dict(subdistrict="东岚区", level="区", issuer_line=16,
                  title="区政府办公室关于成立东岚区营商环境优化工作领导小组的通知", title_line=3,
                  number="东府办〔2024〕12号", number_line=2, date="2024-04-02", printed=None,
                  issuers=("东岚区人民政府办公室",), group="东岚区营商环境优化工作领导小组"),
        officials=[
            ("秦望舒", "组长", ("区长",), 8),
            ("尤嘉禾", "常务副组长", ("副区长",), 9),
            ("施一鸣", "副组长", ("区政府办公室主任", "区大数据中心主任"), 10),
        ],
        units=[("区发改委", "成员", "主要负责人", 11), ("区财政局", "成员", "主要负责人", 11),
               ("区市场监管局", "成员", "主要负责人", 11), ("区规划资源局", "成员", "分管负责人", 11),
               ("各街道办事处", "成员", "主任", 11), ("各镇", "成员", "镇长", 11)],
        office=(("区发改委", 13), [("华志远", 13)], [("苗青", 13)]),
    ),
    "county_qinghe.txt": dict(
        meta=dict(subdistrict="青禾县", level="县", issuer_line=25, title="关于调整青禾县乡村振兴工作领导小组成员的通知",
                  title_line=2, number="青委发[2023]21号", number_line=1, date="2023-09-12", printed=None,
                  issuers=("中共青禾县委员会办公室", "青禾县人民政府办公室"), group="青禾县乡村振兴工作领导小组"),
        officials=[
            ("伍长青", "组长", ("县委书记",), 6),
            ("季晓光", "组长", ("县长",), 7),
            ("管文博", "副组长", ("县委副书记",), 9),
            ("温如玉", "副组长", ("副县长",), 10),
            ("喻德厚", "成员", ("县农业农村局局长",), 12),
            ("祁冬", "成员", ("县财政局局长",), 13),
        ],
        units=[("县水利局", "成员", "主要负责人", 14), ("各乡镇", "成员", "乡镇长", 15)],
        office=(None, [("喻德厚", 17)], [("祁冬", 18)]),
    ),
    "city_lanzhou.txt": dict(
        meta=dict(subdistrict="岚州市", level="市", issuer_line=19, title="岚州市人民政府关于成立岚州市城市更新领导小组的通知",
                  title_line=2, number="岚政发〔2025〕3号", number_line=1, date="2025-01-20", printed=None,
                  issuers=("岚州市人民政府",), group="岚州市城市更新领导小组"),
        officials=[
            ("殷浩然", "组长", ("市长",), 7),
            ("滕子谦", "常务副组长", ("常务副市长",), 9),
            ("费思远", "副组长", ("副市长",), 11),
            ("计明澈", "副组长", ("市政府秘书长",), 12),
        ],
        units=[("市发展改革委", "成员", "主要负责人", 14), ("市住房城乡建设局", "成员", "主要负责人", 15),
               ("市自然资源和规划局", "成员", "主要负责人", 16), ("各区政府", "成员", "分管领导", 17)],
        office=(("市住房城乡建设局", 18), [("戚远航", 18)], []),
    ),
    "street_shiqiao.txt": dict(
        meta=dict(subdistrict="石桥街道", level="街道", issuer_line=1, title="关于成立石桥街道平安建设工作领导小组的通知",
                  title_line=1, number=None, number_line=None, date=None, printed=None, issuers=(),
                  group="石桥街道平安建设工作领导小组"),
        officials=[
            ("樊静怡", "组长", ("党工委书记",), 5),
            ("厉阳平", "副组长", ("城镇管理办主任",), 6),
            ("邬涛", "成员", ("平安办主任",), 7),
        ],
        units=[("各居民区党组织", "成员", "书记", 8)],
        office=None,
    ),
    "devzone_qinglan.txt": dict(
        meta=dict(subdistrict="青岚经济技术开发区", level="开发区", issuer_line=11,
                  title="关于成立青岚经济技术开发区安全生产委员会工作领导小组的通知", title_line=3,
                  number="青开管〔2024〕7号", number_line=2, date="2024-06-18", printed=None,
                  issuers=("青岚经济技术开发区管理委员会",), group="青岚经济技术开发区安全生产委员会工作领导小组"),
        officials=[("巩立新", "组长", ("管委会主任",), 7), ("邝雅琴", "副组长", ("管委会副主任",), 8)],
        units=[("应急管理局", "成员", "主要负责人", 9), ("建设环保局", "成员", "主要负责人", 9),
               ("经济发展局", "成员", "主要负责人", 9)],
        office=(("应急管理局", 10), [], []),
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_header_and_issuer(name):
    record = _record(name)
    assert record.layout == "leading-group-notice"
    meta = record.meta
    for key, value in EXPECTED[name]["meta"].items():
        assert getattr(meta, key) == value, key


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_officials_with_role_titles_and_line(name):
    got = [(o.name, o.role, o.titles, o.line) for o in _record(name).officials]
    assert got == EXPECTED[name]["officials"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_members_given_as_units_are_units_not_people(name):
    record = _record(name)
    got = [(u.name, u.role, u.position, u.line) for u in record.member_units]
    assert got == EXPECTED[name]["units"]
    people = {o.name for o in record.officials}
    assert not people & {u.name for u in record.member_units}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_office_its_seat_and_its_heads(name):
    teams = _record(name).teams
    expected = EXPECTED[name]["office"]
    if expected is None:
        assert teams == ()
        return
    (office,) = teams
    seat, leads, deputies = expected
    assert office.name == "领导小组办公室"
    assert ((office.seat.name, office.seat.line) if office.seat else None) == seat
    assert _heads(office, "主任") == leads
    assert _heads(office, "副主任") == deputies


def _heads(office, post: str) -> list[tuple[str, int]]:
    """The office's 主任 (or 副主任): members of the group, then the heads who are no members (its holders)."""
    members = office.leads if post == "主任" else office.deputies
    return [(m.name, m.line) for m in members] + [(h.name, h.line) for h in office.holders if h.post == post]


def test_a_notice_with_tasks_reads_them_as_numbered_actions():
    tasks = _record("county_qinghe.txt").tasks
    assert [(t.number, t.line) for t in tasks] == [(1, 20), (2, 21), (3, 22)]
    assert tasks[0].text == "统筹推进全县高标准农田建设。由温如玉同志牵头,县农业农村局负责。"
    assert tasks[2].text == "发展壮大村级集体经济。"


def test_the_graph_of_a_notice():
    model = resolve_plan(_record("district_donglan.txt"))
    graph = build_graph([model])
    issuer = graph.nodes["东岚区/Issuer"]
    assert (issuer["label"], issuer["name"], issuer["level"], issuer["evidence"]["line"]) == ("Issuer", "东岚区", "区", 16)
    plan_id = "东岚区/Plan/东府办〔2024〕12号"
    assert graph.nodes[plan_id]["layout"] == "leading-group-notice"
    assert graph.has_edge(plan_id, "东岚区/Issuer", "PLAN_OF")
    member = graph.edges["东岚区/Unit/区规划资源局", plan_id, "MEMBER_OF"]
    assert (member["role"], member["position"], member["evidence"]["line"]) == ("成员", "分管负责人", 11)
    assert graph.nodes["东岚区/Unit/各镇"]["collective"] is True
    office = graph.nodes["东岚区/Unit/领导小组办公室"]
    assert (office["kind"], office["seat"]) == ("office", "区发改委")
    # the office's director and deputy are named with their posts only there, no members of the group: the office
    # keeps them (post, titles, line), and they are no officials of the group
    assert office["holders"] == [{"name": "华志远", "post": "主任", "titles": ["区发改委主任"], "line": 13},
                                 {"name": "苗青", "post": "副主任", "titles": ["区营商办主任"], "line": 13}]
    assert "东岚区/Official/华志远" not in graph and "东岚区/Official/苗青" not in graph
    assert not any(d["label"] == "Official" and d["name"].startswith("区") for _, d in graph.nodes(data=True))


def test_the_seat_is_the_unit_the_titles_name():
    model = resolve_plan(_record("town_yunxi.txt"))
    (office,) = [e for e in model.entities if e.name == "领导小组办公室"]
    assert office.seat == "规划建设办"  # 镇规划建设办 in the prose, 规划建设办 in 房文涛's title: one unit


def test_full_width_ascii_and_padding_read_alike():
    text = (FIXTURES / "town_yunxi.txt").read_text(encoding="utf-8")
    ascii_ = text.replace("：", ":").replace("（", "(").replace("）", ")").replace("，", ",")
    padded = text.replace("组\u3000长", "组\u00a0\u00a0长").replace("邵振华 镇党委书记", "邵振华\u3000\u3000镇党委书记")
    expected = [(o.name, o.role, o.titles, o.line) for o in _record("town_yunxi.txt").officials]
    for variant in (ascii_, padded):
        record = read_plan_bytes(variant.encode("utf-8"), "v.txt")
        got = [(o.name, o.role, tuple(t.replace("(", "（").replace(")", "）") for t in o.titles), o.line)
               for o in record.officials]
        assert got == expected
        assert record.meta.subdistrict == "云溪镇"


def test_a_notice_without_members_is_one_clear_error():
    text = "关于成立北湖镇防汛工作领导小组的通知\n各村委会：\n经研究，决定成立领导小组，名单另行通知。\n北湖镇人民政府\n2024年5月1日\n"
    with pytest.raises(PlanError) as info:
        read_plan_bytes(text.encode(), "n.txt")
    assert str(info.value) == "n.txt:1: 成立领导小组的通知里没有找到组成人员（组长、副组长、成员）"
    assert "no members" in info.value.message("en")
