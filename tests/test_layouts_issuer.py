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


def test_without_a_signature_such_a_plan_says_it_found_no_issuer():
    text = RUN_ON.replace("中共张湾镇委员会 张湾镇人民政府\n", "")
    with pytest.raises(PlanError) as info:
        read_plan_bytes(text.encode(), "run_on.txt")
    assert str(info.value) == "run_on.txt:2: 没有找到发文机关：标题和落款都没有写明街道、镇、区、县或市"
    assert info.value.message("en").startswith("run_on.txt:2: no issuing body found")


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
    from graphmodel.export import CONTRACT_VERSION
    from graphmodel.resolve import resolve_plan

    graph = build_graph([resolve_plan(read_plan_bytes(RUN_ON.encode(), "run_on.txt"))])
    data = to_dict(graph)
    assert data["version"] == CONTRACT_VERSION == 2
    (top,) = [n for n in data["nodes"] if n["label"] == "Issuer"]
    assert (top["id"], top["name"], top["level"]) == ("张湾镇/Issuer", "张湾镇", "镇")
    assert not [n for n in data["nodes"] if n["label"] == "Subdistrict"]
    assert '<data key="d0">2</data>' in to_graphml(graph) and 'attr.name="contract_version"' in to_graphml(graph)
    assert to_dict(from_dict(data)) == data
    with pytest.raises(ValueError, match="newer"):
        from_dict({**data, "version": CONTRACT_VERSION + 1})
