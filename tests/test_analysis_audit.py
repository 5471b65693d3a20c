"""The audit, kind by kind on tiny graphs worked out by hand, then on the bundled plans."""

from __future__ import annotations

import networkx as nx
import pytest

from _graphs import tiny
from _plans import JINYANG, WEIFANG
from graphmodel import build_graph, to_dict
from graphmodel.analysis.audit import KINDS, audit
from graphmodel.labels import finding_message
from loaders import read_plan


def found(findings, kind=None):
    return [(f["kind"], f["subjects"][0]["name"]) for f in findings if kind is None or f["kind"] == kind]


def said(finding, lang="zh"):
    return finding_message(finding, lang)


def test_finding_shape():
    g = tiny({"甲/Task/1": {"number": 1, "name": "修路", "line": 5}}, [])
    [first, second] = audit(g)
    assert first == {
        "kind": "task-without-lead", "severity": "high", "subdistrict": "甲",
        "subjects": [{"id": "甲/Task/1", "name": "修路", "label": "Task", "number": 1, "goal": None}],
        "numbers": {}, "evidence": {"file": "t.txt", "line": 5},
    }
    assert said(first) == "任务1“修路”没有牵头领导"
    assert said(first, "en") == "Task 1 “修路” has no lead"
    assert second["kind"] == "task-without-responsible-unit" and said(second) == "任务1“修路”没有责任部门"
    assert said(second, "en") == "Task 1 “修路” has no responsible unit"


def test_an_unnumbered_task_is_named_by_its_goal():
    g = tiny({"甲/Task/x1": {"number": None, "name": "招募志愿者"}, "甲/Goal/吸纳社会共同参与": {"level": "project"}},
             [("甲/Task/x1", "SERVES", "甲/Goal/吸纳社会共同参与")])
    [finding] = audit(g, kinds=["task-without-lead"])
    assert finding["subjects"][0]["goal"] == "吸纳社会共同参与"
    assert said(finding) == "“吸纳社会共同参与”下无序号的任务“招募志愿者”没有牵头领导"
    assert said(finding, "en") == "The unnumbered task under “吸纳社会共同参与” “招募志愿者” has no lead"


def test_tasks_without_lead_or_responsible_unit():
    g = tiny(
        {"甲/Official/张三": {"role": "组长"}, "甲/Unit/管理办": {"collective": False},
         "甲/Task/1": {"number": 1}, "甲/Task/2": {"number": 2}, "甲/Task/3": {"number": 3}},
        [("甲/Official/张三", "LEADS", "甲/Task/1"), ("甲/Unit/管理办", "RESPONSIBLE_FOR", "甲/Task/1"),
         ("甲/Official/张三", "LEADS", "甲/Task/2"), ("甲/Official/张三", "HEADS", "甲/Unit/管理办")],
    )
    findings = audit(g, kinds=["task-without-lead", "task-without-responsible-unit"])
    assert found(findings) == [("task-without-lead", "3"), ("task-without-responsible-unit", "2"),
                               ("task-without-responsible-unit", "3")]


def test_lead_not_in_group():
    g = tiny(
        {"甲/Official/张三": {"role": None}, "甲/Official/李四": {"role": "副组长"}, "甲/Official/王五": {"role": None},
         "甲/Task/1": {"number": 1}, "甲/Task/2": {"number": 2}},
        [("甲/Official/张三", "LEADS", "甲/Task/2", {"line": 20}), ("甲/Official/张三", "LEADS", "甲/Task/1", {"line": 10}),
         ("甲/Official/李四", "LEADS", "甲/Task/1")],
    )
    [finding] = audit(g, kinds=["lead-not-in-group"])
    assert finding["subjects"][0]["name"] == "张三"  # 王五 is not in the group either, but leads nothing
    assert [(s["id"], s["part"]) for s in finding["subjects"][1:]] == [("甲/Task/1", "led"), ("甲/Task/2", "led")]
    assert finding["numbers"] == {"tasks_led": 2}
    assert said(finding) == "张三牵头任务1、任务2，但不在领导小组名单中"
    assert said(finding, "en") == "张三 leads task 1, task 2 but is not in the leading group"
    assert finding["evidence"]["line"] == 10


def test_unit_without_head():
    g = tiny(
        {"甲/Official/张三": {"role": "成员"},
         "甲/Unit/林长办": {"collective": False}, "甲/Unit/文化中心": {"collective": False},
         "甲/Unit/党政办": {"collective": False}, "甲/Unit/各居民区": {"collective": True},
         "甲/Unit/武装部": {"collective": False}, "甲/Task/8": {"number": 8}, "甲/Task/5": {"number": 5}},
        [("甲/Unit/林长办", "RESPONSIBLE_FOR", "甲/Task/8", {"line": 462}),
         ("甲/Unit/文化中心", "COOPERATES_ON", "甲/Task/5", {"line": 402}),
         ("甲/Unit/党政办", "COOPERATES_ON", "甲/Task/5"), ("甲/Unit/各居民区", "COOPERATES_ON", "甲/Task/8"),
         ("甲/Official/张三", "HEADS", "甲/Unit/党政办", {"position": "副主任", "deputy": True})],
    )
    findings = audit(g, kinds=["unit-without-head"])
    # 党政办 has a (deputy) head, 各居民区 is collective, 武装部 has no task.
    assert found(findings) == [("unit-without-head", "林长办"), ("unit-without-head", "文化中心")]
    assert said(findings[0]) == "林长办是任务8的责任部门，但领导小组中没有人担任它的负责人（正职或副职）"
    assert said(findings[0], "en") == (
        "林长办 is the responsible unit of task 8, but nobody in the leading group heads it (chief or deputy)")
    assert findings[0]["evidence"]["line"] == 462
    assert findings[1]["numbers"] == {"tasks_responsible": 0, "tasks_cooperating": 1}
    assert said(findings[1]).startswith("文化中心是任务5的配合部门")


def test_a_task_led_by_post_only():
    g = tiny(
        {"甲/Official/张三": {"role": "组长"},
         "甲/Task/1": {"number": 1, "name": "减免税费", "lead_posts": ["区政府分管领导"], "line": 7},
         "甲/Task/2": {"number": 2, "lead_posts": ["分管副区长"]}, "甲/Task/3": {"number": 3}},
        [("甲/Official/张三", "LEADS", "甲/Task/2")],  # a post beside a named lead is no finding
    )
    findings = audit(g, kinds=["task-without-lead", "task-led-by-post"])
    assert found(findings) == [("task-without-lead", "3"), ("task-led-by-post", "减免税费")]
    [post] = [f for f in findings if f["kind"] == "task-led-by-post"]
    assert post["severity"] == "medium" and post["evidence"]["line"] == 7
    assert [(s["name"], s["part"]) for s in post["subjects"][1:]] == [("区政府分管领导", "post")]
    assert said(post) == "任务1“减免税费”的牵头领导只写了岗位（区政府分管领导），没有写明是谁"
    assert said(post, "en") == "Task 1 “减免税费” names its lead by post only (区政府分管领导), not by name"


def test_without_a_leading_group_nobody_is_outside_it():
    """A task table read alone names no leading group: its leads and units are not findings of the group."""
    nodes = {"甲/Official/张三": {"role": None}, "甲/Unit/区财政局": {"collective": False}, "甲/Task/1": {"number": 1}}
    edges = [("甲/Official/张三", "LEADS", "甲/Task/1"), ("甲/Unit/区财政局", "RESPONSIBLE_FOR", "甲/Task/1")]
    assert audit(tiny(nodes, edges), kinds=["lead-not-in-group", "unit-without-head"]) == []
    with_group = tiny(nodes | {"甲/Official/李四": {"role": "组长"}}, edges)
    assert found(audit(with_group, kinds=["lead-not-in-group", "unit-without-head"])) == [
        ("lead-not-in-group", "张三"), ("unit-without-head", "区财政局")]


def test_unit_without_head_both_responsible_and_cooperating():
    g = tiny({"甲/Official/张三": {"role": "组长"}, "甲/Unit/林长办": {"collective": False}, "甲/Task/8": {"number": 8},
              "甲/Task/5": {"number": 5}, "甲/Task/6": {"number": 6}},
             [("甲/Unit/林长办", "COOPERATES_ON", "甲/Task/5", {"line": 3}),
              ("甲/Unit/林长办", "RESPONSIBLE_FOR", "甲/Task/8", {"line": 9}),
              ("甲/Unit/林长办", "COOPERATES_ON", "甲/Task/6", {"line": 4})])
    [finding] = audit(g, kinds=["unit-without-head"])
    assert finding["numbers"] == {"tasks_responsible": 1, "tasks_cooperating": 2}
    assert finding["evidence"]["line"] == 3
    assert said(finding) == "林长办是任务8的责任部门，也是任务5、任务6的配合部门，但领导小组中没有人担任它的负责人（正职或副职）"
    assert said(finding, "en") == ("林长办 is the responsible unit of task 8 and a cooperating unit of task 5, task 6, "
                                   "but nobody in the leading group heads it (chief or deputy)")


def test_missing_attachment_points_at_the_attachment_list():
    g = tiny({"甲/Plan/p": {"name": "方案", "line": 1, "attachments": [
        {"number": 1, "title": "领导小组名单", "line": 365, "present": True},
        {"number": 2, "title": "项目计划表", "line": 367, "present": False}]}}, [])
    [finding] = audit(g, kinds=["missing-attachment"])
    assert said(finding) == "附件2《项目计划表》在正文中列出，但文件里没有"
    assert said(finding, "en") == "Attachment 2 “项目计划表” is listed in the text but the file does not hold it"
    assert finding["evidence"] == {"file": "t.txt", "line": 367}
    assert finding["subjects"] == [
        {"id": "甲/Plan/p", "name": "方案", "label": "Plan"},
        {"id": "甲/Plan/p#2", "name": "项目计划表", "label": "Attachment", "number": 2, "part": "missing"}]


def test_goal_without_task():
    g = tiny(
        {"甲/Goal/总目标": {"level": "main"},
         "甲/Goal/行动A": {"level": "action"}, "甲/Goal/项目A1": {"level": "project"},
         "甲/Goal/项目A2": {"level": "project"},
         "甲/Goal/行动B": {"level": "action"}, "甲/Goal/行动C": {"level": "action"},
         "甲/Goal/项目D": {"level": "project"}, "甲/Goal/子项D1": {"level": "project"},
         "甲/Task/1": {}, "甲/Task/2": {}, "甲/Task/3": {}},
        [("甲/Goal/项目A1", "PART_OF", "甲/Goal/行动A"), ("甲/Goal/项目A2", "PART_OF", "甲/Goal/行动A"),
         ("甲/Goal/子项D1", "PART_OF", "甲/Goal/项目D"),
         ("甲/Task/1", "SERVES", "甲/Goal/项目A1"), ("甲/Task/2", "SERVES", "甲/Goal/行动C"),
         ("甲/Task/3", "SERVES", "甲/Goal/子项D1")],
    )
    # 总目标 is the vision (not checked); 行动A has parts (checked through them); 项目D is served through 子项D1.
    assert found(audit(g, kinds=["goal-without-task"])) == [
        ("goal-without-task", "项目A2"), ("goal-without-task", "行动B")]
    findings = audit(g, kinds=["goal-without-task"])
    assert [said(f) for f in findings] == ["项目“项目A2”（属于“行动A”）没有任何任务服务于它", "行动“行动B”没有任何任务服务于它"]
    assert [said(f, "en") for f in findings] == ["Project “项目A2” (part of “行动A”) is served by no task",
                                                 "Action “行动B” is served by no task"]


def test_member_without_task_only_where_tasks_have_leads():
    nodes = {"甲/Official/甲一": {"role": "副组长"}, "甲/Official/甲二": {"role": "副组长"},
             "甲/Official/甲三": {"role": "成员"}, "甲/Official/甲四": {"role": "常务副组长"},
             "甲/Task/1": {}, "甲/Task/2": {}}
    led = tiny(nodes, [("甲/Official/甲四", "LEADS", "甲/Task/1"), ("甲/Official/甲二", "ACCOUNTABLE_FOR", "甲/Task/2")])
    # 甲二 answers for task 2; 甲三 is no deputy; 甲四 leads task 1.
    [finding] = audit(led, kinds=["member-without-task"])
    assert found([finding]) == [("member-without-task", "甲一")]
    assert said(finding) == "副组长甲一既不牵头任何任务，也不对任何任务负责（不是任何责任部门的负责人）"
    assert said(finding, "en") == "Deputy leader 甲一 leads no task and is accountable for none (heads no responsible unit)"
    unled = tiny(nodes, [("甲/Official/甲二", "ACCOUNTABLE_FOR", "甲/Task/2")])
    assert audit(unled, kinds=["member-without-task"]) == []  # no task has a lead: skipped
    assert found(audit(led, kinds=["member-without-task"], deputy_roles=["成员"])) == [("member-without-task", "甲三")]


def overload_graph() -> nx.MultiDiGraph:
    # Officials lead 1, 1, 2 and 5 tasks (median 1.5); units are responsible for 1, 1, 1 and 4 (median 1).
    officials = {"甲一": [1], "甲二": [2], "甲三": [3, 4], "甲四": [5, 6, 7, 8, 9]}
    units = {"办一": [1], "办二": [2], "办三": [3], "办四": [4, 5, 6, 7]}
    nodes = {f"甲/Task/{i}": {"number": i} for i in range(1, 10)}
    nodes |= {f"甲/Official/{o}": {"role": "副组长"} for o in officials}
    nodes |= {f"甲/Unit/{u}": {"collective": False} for u in units}
    nodes["甲/Unit/各居民区"] = {"collective": True}
    edges = [(f"甲/Official/{o}", "LEADS", f"甲/Task/{t}") for o, ts in officials.items() for t in ts]
    edges += [(f"甲/Unit/{u}", "RESPONSIBLE_FOR", f"甲/Task/{t}") for u, ts in units.items() for t in ts]
    edges += [("甲/Unit/各居民区", "RESPONSIBLE_FOR", f"甲/Task/{t}") for t in range(1, 10)]  # not counted
    return tiny(nodes, edges)


def test_overloaded_officials_and_units():
    g = overload_graph()
    kinds = ["overloaded-official", "overloaded-unit"]
    assert found(audit(g, kinds=kinds)) == [("overloaded-official", "甲四"), ("overloaded-unit", "办四")]
    [official] = audit(g, kinds=["overloaded-official"])
    assert official["numbers"] == {"tasks": 5, "median": 1.5, "ratio": 5 / 1.5}  # full precision; sentences round
    assert said(official) == "甲四牵头5项任务，是本方案牵头领导任务数中位数（1.5项）的3.3倍"
    assert said(official, "en") == "甲四 leads 5 tasks, 3.3 times the median of the plan's leads (1.5)"
    [unit] = audit(g, kinds=["overloaded-unit"])
    assert unit["numbers"] == {"tasks": 4, "median": 1, "ratio": 4.0}
    assert said(unit, "en") == "办四 is responsible for 4 tasks, 4.0 times the median of the plan's responsible units (1)"
    assert found(audit(g, kinds=kinds, overload_minimum=5)) == [("overloaded-official", "甲四")]
    assert audit(g, kinds=kinds, overload_factor=4) == []  # 5 ≤ 4 × 1.5 and 4 ≤ 4 × 1


def test_single_point_of_failure():
    # 张三 leads 1 and 2; 李四 heads 管理办, responsible for 2; 城建中心, headed by 王五, is responsible for 3.
    g = tiny(
        {"甲/Official/张三": {"role": "副组长"}, "甲/Official/李四": {"role": "成员"},
         "甲/Official/王五": {"role": "成员"},
         "甲/Unit/管理办": {"collective": False}, "甲/Unit/城建中心": {"collective": False},
         "甲/Unit/各居民区": {"collective": True},
         "甲/Task/1": {"number": 1}, "甲/Task/2": {"number": 2}, "甲/Task/3": {"number": 3}},
        [("甲/Official/张三", "LEADS", "甲/Task/1"), ("甲/Official/张三", "LEADS", "甲/Task/2"),
         ("甲/Unit/管理办", "RESPONSIBLE_FOR", "甲/Task/2"), ("甲/Official/李四", "HEADS", "甲/Unit/管理办"),
         ("甲/Unit/城建中心", "RESPONSIBLE_FOR", "甲/Task/3"), ("甲/Official/王五", "HEADS", "甲/Unit/城建中心"),
         # a collective does not join task 1 to the others
         ("甲/Unit/各居民区", "COOPERATES_ON", "甲/Task/1"), ("甲/Unit/各居民区", "COOPERATES_ON", "甲/Task/3")],
    )
    findings = audit(g, kinds=["single-point-of-failure"])
    assert found(findings) == [("single-point-of-failure", "张三"), ("single-point-of-failure", "王五"),
                               ("single-point-of-failure", "城建中心")]
    assert [s["id"] for s in findings[0]["subjects"][1:]] == ["甲/Task/1"]
    assert findings[0]["numbers"] == {"tasks_cut_off": 1}
    assert said(findings[0]) == "张三是任务1与领导小组之间唯一的联系：若张三缺位，任务1在责任网络中再连不到任何领导"
    assert said(findings[0], "en") == ("张三 is the only link between task 1 and the leading group: without 张三, "
                                       "no official in the responsibility network reaches task 1")


def test_kinds_filter_and_unknown_kind():
    g = tiny({"甲/Task/1": {}}, [])
    assert {f["kind"] for f in audit(g, kinds=["task-without-lead"])} == {"task-without-lead"}
    with pytest.raises(ValueError, match="no-such-kind"):
        audit(g, kinds=["no-such-kind"])
    assert set(KINDS.values()) <= {"high", "medium", "low"}


# --------------------------------------------------------------------------- the bundled plans


@pytest.fixture(scope="module")
def bundled():
    return build_graph([read_plan(WEIFANG), read_plan(JINYANG)])


def test_audit_does_not_change_the_graph(bundled):
    before = to_dict(bundled)
    audit(bundled)
    assert to_dict(bundled) == before


def test_every_weifang_action_is_a_task_without_lead(bundled):
    findings = [f for f in audit(bundled) if f["subdistrict"] == "潍坊新村街道"]
    without_lead = [f for f in findings if f["kind"] == "task-without-lead"]
    assert [bundled.nodes[f["subjects"][0]["id"]]["number"] for f in without_lead] == list(range(1, 17))
    assert all(f["severity"] == "high" for f in without_lead)
    assert len([f for f in findings if f["kind"] == "task-without-responsible-unit"]) == 16
    [missing] = [f for f in findings if f["kind"] == "missing-attachment"]
    assert missing["evidence"] == {"file": "data/潍坊新村街道整体提升打造精品城区专项行动计划.txt", "line": 367}
    assert missing["subjects"][1]["name"] == "项目计划表" and missing["subjects"][1]["number"] == 2
    assert not [f for f in findings if f["kind"] == "member-without-task"]  # no task has a lead there


def test_jinyang_findings(bundled):
    findings = [f for f in audit(bundled) if f["subdistrict"] == "金杨新村街道"]
    assert not [f for f in findings if f["kind"] in ("task-without-lead", "task-without-responsible-unit")]
    assert found(findings, "unit-without-head") == [("unit-without-head", "社区文化中心"), ("unit-without-head", "林长办")]
    [forest] = [f for f in findings if f["subjects"][0]["name"] == "林长办"]
    assert forest["evidence"]["line"] == 462 and "任务8的责任部门" in said(forest)
    assert found(findings, "overloaded-official") == [("overloaded-official", "蔡斌")]
    assert found(findings, "overloaded-unit") == [("overloaded-unit", "社区党建办"), ("overloaded-unit", "社区管理办")]
    # 蔡斌 leads task 8, whose responsible unit 林长办 has no head: nobody else reaches it.
    [spof] = [f for f in findings if f["kind"] == "single-point-of-failure"]
    assert spof["subjects"][0]["name"] == "蔡斌" and "任务8与领导小组之间唯一的联系" in said(spof)
    [caibin] = [f for f in findings if f["kind"] == "overloaded-official"]
    assert caibin["numbers"] == {"tasks": 10, "median": 2, "ratio": 5.0}
    assert [n for _, n in found(findings, "member-without-task")] == ["金军", "崔中卫", "李杰", "魏澜", "金明"]
    # The text's projects 11 and 12 are written 吸纳社会共同参与 / 广泛宣传报道 in the task table.
    assert [n for _, n in found(findings, "goal-without-task")] == ["打造共享互融", "注重氛围营造"]


def test_member_without_task_knows_every_deputy_role():
    nodes = {"甲/Official/张三": {"role": "总指挥"}, "甲/Official/李四": {"role": "副总指挥"},
             "甲/Official/王五": {"role": "第一副组长"}, "甲/Official/赵六": {"role": "成员"}, "甲/Task/1": {"number": 1}}
    findings = audit(tiny(nodes, [("甲/Official/张三", "LEADS", "甲/Task/1")]), kinds=["member-without-task"])
    assert sorted(f["subjects"][0]["name"] for f in findings) == ["李四", "王五"]  # not the 总指挥, not a 成员
