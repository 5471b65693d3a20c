"""The issuer at any level, from the 发文机关, the 文号 and the title — never guessed from running text."""

from __future__ import annotations

import pytest

from graphmodel import PlanError
from loaders.plan.issuer import jurisdiction
from loaders.plan.reader import read_plan_bytes


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("石桥街道办事处", ("石桥街道", "街道")),
        ("中共石桥街道工作委员会", ("石桥街道", "街道")),
        ("云溪镇人民政府", ("云溪镇", "镇")),
        ("中共云溪镇委员会", ("云溪镇", "镇")),
        ("白沙乡人民政府", ("白沙乡", "乡")),
        ("东岚区人民政府办公室", ("东岚区", "区")),
        ("上海市浦东新区人民政府", ("浦东新区", "新区")),
        ("青岚经济技术开发区管理委员会", ("青岚经济技术开发区", "开发区")),
        ("中共青禾县委员会办公室", ("青禾县", "县")),
        ("岚州市人民政府", ("岚州市", "市")),
        ("中国共产党上海市浦东新区潍坊新村街道工作委员会", ("潍坊新村街道", "街道")),
        ("上海市浦东新区张江镇人民政府", ("张江镇", "镇")),
    ],
)
def test_every_level_from_the_body_that_issues(body, expected):
    assert jurisdiction(body) == expected


@pytest.mark.parametrize("text", ["厉阳平城镇运行管理中心", "区政府办公室", "城市更新工作领导小组", "各镇人民政府", "老旧小区"])
def test_what_names_no_jurisdiction_gives_none(text):
    assert jurisdiction(text) is None


# An action plan in the genre whose title does not name the 镇 (关于印发…的通知) and whose header holds the
# leading group: a member's name runs into 城镇 (厉阳平 城镇运行管理中心主任) and the next line says 行动.
RUN_ON = """\
张委〔2024〕3号
关于印发城市更新三年行动方案的通知
各村居、各部门：
现将城市更新三年行动方案印发给你们，请认真贯彻执行。
中共张湾镇委员会 张湾镇人民政府
2024年2月1日
领导小组名单
组 长：柏阳明 镇党委书记
副组长：
厉阳平 城镇运行管理中心主任
钱海生 城市更新行动办主任
一、具体行动
1.推进老旧小区改造。完成三个小区的改造。
2.整治背街小巷。
"""


def test_a_name_run_into_a_town_is_no_issuer():
    record = read_plan_bytes(RUN_ON.encode(), "run_on.txt")
    meta = record.meta
    assert record.layout == "action-plan"
    assert (meta.subdistrict, meta.level, meta.issuer_line) == ("张湾镇", "镇", 5)
    assert (meta.title, meta.title_line, meta.number) == ("城市更新三年行动方案", 2, "张委〔2024〕3号")
    assert [(o.name, o.role, o.titles) for o in record.officials] == [
        ("柏阳明", "组长", ("镇党委书记",)),
        ("厉阳平", "副组长", ("城镇运行管理中心主任",)),
        ("钱海生", "副组长", ("城市更新行动办主任",)),
    ]


def test_without_a_signature_such_a_plan_is_read_under_its_file_name_with_a_warning():
    text = RUN_ON.replace("中共张湾镇委员会 张湾镇人民政府\n", "")
    record = read_plan_bytes(text.encode(), "run_on.txt")
    assert (record.meta.subdistrict, record.meta.level, record.meta.issuer_line) == ("run_on", None, None)
    assert [(w.kind, w.line, w.values) for w in record.warnings if w.kind.startswith("issuer")] == [
        ("issuer-unknown", 2, {"issuer": "run_on"})]
    assert len(record.officials) == 3  # the facts are read all the same


def test_the_issuer_the_user_gives_names_a_document_that_names_none():
    text = RUN_ON.replace("中共张湾镇委员会 张湾镇人民政府\n", "")
    record = read_plan_bytes(text.encode(), "run_on.txt", issuer="张湾镇")
    assert (record.meta.subdistrict, record.meta.level, record.meta.issuer_line) == ("张湾镇", "镇", None)
    assert not [w for w in record.warnings if w.kind.startswith("issuer")]
    # the document's own word comes first: the signature still names the issuer
    signed = read_plan_bytes(RUN_ON.encode(), "run_on.txt", issuer="别的区")
    assert signed.meta.subdistrict == "张湾镇"


NOTICE = """\
{number}
关于成立{scope}防汛抗旱工作领导小组的通知
各有关单位：
现将领导小组组成人员通知如下：
组长：车文彬（{head}）
成员：水务站站长
{signature}
2024年5月8日
"""


@pytest.mark.parametrize(
    ("number", "scope", "signature", "head", "issuer"),
    [
        ("张江府〔2023〕5号", "张江镇", "中共平湖区委员会 张江镇人民政府", "镇长", ("张江镇", "镇", 7)),
        ("平委〔2023〕5号", "张江镇", "中共平湖区委员会 张江镇人民政府", "镇长", ("平湖区", "区", 7)),
        ("", "白沙乡", "白沙乡人民政府", "乡长", ("白沙乡", "乡", 7)),
        ("", "临港新区", "临港新区管理委员会", "主任", ("临港新区", "新区", 7)),
        ("", "白沙乡", "特此通知。", "乡长", ("白沙乡", "乡", 2)),  # no signature: the title names it
    ],
    ids=["number-picks-the-town", "number-picks-the-district", "township", "new-area", "title-only"],
)
def test_the_issuer_of_a_notice(number, scope, signature, head, issuer):
    record = read_plan_bytes(NOTICE.format(number=number, scope=scope, signature=signature, head=head).encode(), "n.txt")
    meta = record.meta
    assert (meta.subdistrict, meta.level, meta.issuer_line) == issuer
    assert [(o.name, o.role, o.titles) for o in record.officials] == [("车文彬", "组长", (head,))]
    assert [(u.name, u.position) for u in record.member_units] == [("水务站", "站长")]


def test_the_bundled_plans_keep_their_issuer():
    from loaders.plans import bundled_plans

    for path in bundled_plans():
        meta = read_plan_bytes(path.read_bytes(), path.name).meta
        assert meta.level == "街道" and meta.subdistrict.endswith("新村街道")
        assert meta.subdistrict in path.name


def test_the_export_contract_says_its_version_and_names_the_issuer():
    from graphmodel import build_graph, from_dict, to_dict, to_graphml
    from graphmodel.export import CONTRACT_VERSION, PLAIN_VERSION
    from graphmodel.resolve import resolve_plan

    graph = build_graph([resolve_plan(read_plan_bytes(RUN_ON.encode(), "run_on.txt"))])
    data = to_dict(graph)
    assert data["version"] == PLAIN_VERSION == 2 and CONTRACT_VERSION == 3  # 3 only for an export with history
    (top,) = [n for n in data["nodes"] if n["label"] == "Issuer"]
    assert (top["id"], top["name"], top["level"]) == ("张湾镇/Issuer", "张湾镇", "镇")
    assert not [n for n in data["nodes"] if n["label"] == "Subdistrict"]
    assert '<data key="d0">2</data>' in to_graphml(graph) and 'attr.name="contract_version"' in to_graphml(graph)
    assert to_dict(from_dict(data)) == data
    with pytest.raises(ValueError, match="newer"):
        from_dict({**data, "version": CONTRACT_VERSION + 1})


@pytest.mark.parametrize("title", ["垃圾分类工作示范镇(街道)评选活动方案", "住房和城乡建设领域安全生产方案",
                                   "全域旅游示范区创建工作方案"])
def test_a_phrase_of_a_title_is_no_issuer(title):
    from loaders.plan.issuer import jurisdiction_prefix

    assert jurisdiction_prefix(title) is None


def test_a_department_names_its_jurisdiction_and_the_state_names_itself():
    from loaders.plan.issuer import body_jurisdiction

    assert body_jurisdiction("东岭市交通运输局") == ("东岭市", "市")
    assert body_jurisdiction("东岭市住房和城乡建设局") == ("东岭市", "市")
    assert body_jurisdiction("国务院办公厅") == ("国务院办公厅", "国家")
    assert body_jurisdiction("区交通运输局") is None  # no place named: no issuer


DEPARTMENT_NOTICE = """\
东岭市交通运输局关于成立春运安全工作领导小组的通知
各科室、局属各单位：
经研究，成立局春运安全工作领导小组，组成人员如下：
组  长：韩立业  局长
副组长：邵青禾  副局长
成  员：各科室负责人
东岭市交通运输局
2024年1月8日
"""


def test_a_departments_notice_is_issued_in_its_city():
    record = read_plan_bytes(DEPARTMENT_NOTICE.encode(), "n.txt")
    assert (record.meta.subdistrict, record.meta.level, record.meta.issuer_line) == ("东岭市", "市", 7)
    assert [(o.name, o.role) for o in record.officials] == [("韩立业", "组长"), ("邵青禾", "副组长")]


WEB_TABLE = """\
2024年民生实事项目表
• 发布日期:2024-03-02
• 来源:西河县人民政府办公室
| 序号 | 工作任务 | 牵头单位 |
| 1 | 新建城乡公交候车亭30座。 | 县交通运输局 |
| 2 | 改造老旧供水管网12公里。 | 县水利局 |
"""


def test_a_pages_metadata_names_the_issuer_when_the_text_does_not():
    record = read_plan_bytes(WEB_TABLE.encode(), "page.txt")
    assert (record.meta.subdistrict, record.meta.level, record.meta.issuer_line) == ("西河县", "县", 3)
    assert not [w for w in record.warnings if w.kind.startswith("issuer")]


@pytest.mark.parametrize(("body", "expected"), [
    ("東坪鎮黨委", ("東坪鎮", "镇")), ("西嶺縣人民政府辦公室", ("西嶺縣", "县")), ("南灣區人民政府", ("南灣區", "区")),
    ("中國共產黨北嶺鄉委員會", ("北嶺鄉", "乡")),
])
def test_a_body_in_traditional_script_is_named_as_written_at_its_level(body, expected):
    from loaders.plan.issuer import body_jurisdiction

    assert body_jurisdiction(body) == expected


def test_a_mirrors_source_line_in_traditional_script_names_the_issuer():
    from loaders.plan.issuer import metadata_issuers
    from loaders.plan.source import Line

    line = Line(1, "[ 字體:大 中 小 時間:2021-06-01 17:15 稿源:東坪鎮(zhèn)黨委 作者:管理員 ]")
    assert [(i.name, i.level, i.line) for i in metadata_issuers([line])] == [("東坪鎮", "镇", 1)]
