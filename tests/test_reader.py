"""The reader on short excerpts written for the tests: another 街道, other names, the hard cases of PDF text."""

from __future__ import annotations

import codecs

import pytest

from graphmodel import PlanError, build_graph
from graphmodel.labels import notice
from graphmodel.resolve import resolve_plan
from loaders.plan.reader import read_plan_bytes

# A plan of an invented 街道 in the same genre: every name differs from the bundled plans.
PLAN = """\
 沪东委〔2024〕12号

现将《东明路街道美丽家园三年行动方案》印发给你们，请认真贯彻执行。

中共东明路街道工作委员会 东明路街道办事处

2024年 3月 5日
 东明路街道美丽家园三年行动方案

一、主要目标

聚焦“美丽东明”总目标，着力打造宜居街区。

二、具体行动安排

（一）环境提升

1.整治背街小巷。推进凌兆路、三林塘港沿线环境整治。

2.提升绿化品质。建设口袋公园。

三、组织保障

加强组织领导。

附件：1.领导小组名单

2.任务表

 附件 1

领导小组名单

组 长：欧阳明 党工委书记

常务副组长: 许 强 办事处副主任

副 组 长：沈 芳 党工委委员、东明路

派出所所长

成 员：赵 刚 社区管理办主任

钱 敏 社区绿化市容所所长

孙丽华 社区自治办负责人

 附件 2

序号 一级指标 二级项目 三级内容 牵头领导 责任部门 配合部门

1

环境提

升

整治背街

小巷

推进凌兆路背街小巷整治，完善市容环境

长效管理。

许 强 管理办

绿化市容

所、各居民区

2 开展三林塘港沿线环境整治。 许强

社区绿化市

容所

自治办

提升绿化

品质

建设一批口袋公园。 沈芳 管理办 自治办、林长办
"""


def _read(text: str | bytes, name: str = "东明.txt"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return resolve_plan(read_plan_bytes(data, name))


def _graph(text):
    return build_graph([_read(text)])


def _by_number(g):
    return {d["number"]: n for n, d in g.nodes(data=True) if d["label"] == "Task"}


def _in(g, node, type_):
    return {g.nodes[u]["name"] for u, _, k in g.in_edges(node, keys=True) if k == type_}


def test_another_subdistrict_reads_fully():
    g = _graph(PLAN)
    plan = next(d for _, d in g.nodes(data=True) if d["label"] == "Plan")
    assert (plan["name"], plan["number"], plan["date"]) == ("东明路街道美丽家园三年行动方案", "沪东委〔2024〕12号", "2024-03-05")
    officials = {d["name"]: d for _, d in g.nodes(data=True) if d["label"] == "Official"}
    assert {n: o["role"] for n, o in officials.items()} == {
        "欧阳明": "组长", "许强": "常务副组长", "沈芳": "副组长", "赵刚": "成员", "钱敏": "成员", "孙丽华": "成员"}
    assert officials["沈芳"]["titles"] == ["党工委委员", "东明路派出所所长"]  # a wrapped title is one title
    tasks = _by_number(g)
    assert sorted(tasks, key=lambda n: -1 if n is None else n) == [None, 1, 2]
    assert _in(g, tasks[1], "LEADS") == {"许强"}  # a name padded with a space
    assert _in(g, tasks[1], "RESPONSIBLE_FOR") == {"社区管理办"}
    assert _in(g, tasks[1], "COOPERATES_ON") == {"社区绿化市容所", "各居民区"}  # a cell split over lines
    assert _in(g, tasks[2], "RESPONSIBLE_FOR") == {"社区绿化市容所"}
    assert _in(g, tasks[2], "COOPERATES_ON") == {"社区自治办"}
    assert _in(g, tasks[None], "LEADS") == {"沈芳"}  # the row without a number
    assert _in(g, tasks[None], "COOPERATES_ON") == {"社区自治办", "林长办"}
    assert _in(g, tasks[1], "ACCOUNTABLE_FOR") == {"赵刚"}
    assert _in(g, tasks[2], "ACCOUNTABLE_FOR") == {"钱敏"}
    assert g.nodes[tasks[1]]["text"] == "推进凌兆路背街小巷整治，完善市容环境长效管理。"
    goals = {d["name"]: n for n, d in g.nodes(data=True) if d["label"] == "Goal"}
    assert {"美丽东明", "环境提升", "整治背街小巷", "提升绿化品质"} <= set(goals)
    serves = {g.nodes[v]["name"] for _, v, k in g.out_edges(tasks[None], keys=True) if k == "SERVES"}
    assert serves == {"提升绿化品质"}
    streets = {d["name"] for _, d in g.nodes(data=True) if d["label"] == "Street"}
    assert streets == {"凌兆路", "三林塘港"}


def test_evidence_lines_point_at_the_text():
    g = _graph(PLAN)
    lines = PLAN.split("\n")
    for u, v, k, d in g.edges(keys=True, data=True):
        if k == "LEADS":
            assert g.nodes[u]["name"] in lines[d["evidence"]["line"] - 1].replace(" ", "")
        if k in ("RESPONSIBLE_FOR", "COOPERATES_ON"):
            text = lines[d["evidence"]["line"] - 1].replace(" ", "")
            names = [g.nodes[u]["name"], *g.nodes[u]["aliases"]]
            assert any(n[:2] in text for n in names), (u, v, text)


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("gb18030"),
        lambda t: t.encode("gbk"),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["gb18030", "gbk", "utf16-bom", "utf8-bom", "crlf"],
)
def test_encodings_and_line_ends_give_the_same_graph(encode):
    expected = _read(PLAN)
    got = _read(encode(PLAN))
    assert [e.model_dump() for e in got.entities] == [e.model_dump() for e in expected.entities]
    assert [r.model_dump() for r in got.relations] == [r.model_dump() for r in expected.relations]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (b"  \n\r\n \n", "文件为空"),
        (bytes(range(256)) * 4, "不是文本文件"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是文本文件"),
        ("这是一封普通的信。\n今天天气很好。\n".encode(), "没有认出它的版式"),
        ("东明路街道美丽家园三年行动方案\n只有标题，没有别的。\n".encode(), "不是街道行动方案"),
    ],
    ids=["empty", "blank", "binary", "png", "letter", "title-only"],
)
def test_not_a_plan_is_one_clear_error(data, message):
    with pytest.raises(PlanError) as info:
        read_plan_bytes(data, "x.txt")
    assert str(info.value).startswith("x.txt") and message in str(info.value)
    assert "\n" not in str(info.value)


def test_truncated_table_gives_what_it_holds_and_a_warning():
    cut = PLAN[: PLAN.index("许强\n\n社区绿化市")]  # the file ends inside row 2
    model = _read(cut)
    tasks = [e for e in model.entities if e.label == "Task"]
    assert [t.number for t in tasks] == [1, 2]
    assert any("截断" in notice(w) and w.file == "东明.txt" for w in model.warnings)
    assert any("cut off" in notice(w, "en") for w in model.warnings)


def test_missing_attachment_is_a_warning_not_an_error():
    text = PLAN[: PLAN.index(" 附件 2")]
    model = _read(text)
    assert ("missing-attachment", {"number": 2, "title": "任务表"}) in [(w.kind, w.values) for w in model.warnings]
    assert any("附件2《任务表》" in notice(w) for w in model.warnings)
    assert [e.number for e in model.entities if e.label == "Task"] == [1, 2]  # the numbered actions stand in


def test_labels_with_ascii_colon_and_brackets():
    text = PLAN.replace("组 长：欧阳明", "组 长:欧阳明").replace("自治办、林长办", "自治办、平安办(信访办)")
    g = _graph(text)
    assert {d["name"] for _, d in g.nodes(data=True) if d["label"] == "Unit"} >= {"平安办（信访办）"}
    assert any(d["name"] == "欧阳明" and d["role"] == "组长" for _, d in g.nodes(data=True) if d["label"] == "Official")


def test_no_assignment_is_invented_for_a_row_without_lead():
    text = PLAN.replace("建设一批口袋公园。 沈芳 管理办 自治办、林长办", "建设一批口袋公园。 管理办 自治办、林长办")
    g = _graph(text)
    task = _by_number(g)[None]
    assert _in(g, task, "LEADS") == set()
    assert _in(g, task, "RESPONSIBLE_FOR") == {"社区管理办"}


def test_lead_outside_the_group_is_kept_without_role():
    text = PLAN.replace("建设一批口袋公园。 沈芳 管理办", "建设一批口袋公园。 马 良 管理办")
    g = _graph(text)
    task = _by_number(g)[None]
    assert _in(g, task, "LEADS") == {"马良"}
    official = next(d for _, d in g.nodes(data=True) if d.get("name") == "马良")
    assert official["role"] is None
