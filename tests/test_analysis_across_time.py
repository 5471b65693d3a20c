"""The audit across time, fact by fact, on the documents of an invented 镇 (tests/fixtures/time_audit/).

The 镇: a 领导小组 of 2023-03-06 (组长 欧阳澈, 副组长 韦清扬 and 池砚秋, 成员 苗知远, 窦怀瑾, 闻若溪, 籍景行); a
调整 notice of 2024-02-18 (欧阳澈 no longer 组长, 韦清扬 takes it); one of 2024-08-12 (莘予安 joins, 闻若溪
leaves); the yearly 重点任务责任分解表 of 2024-01-15 and 2025-02-20 (规划建设办 → 城乡建设办 and 经济发展办 →
经济服务中心 renamed, task 1 reworded, task 4's lead changes, tasks 5 and 6 dropped, a new task 5 (池砚秋, 农业服务中心, as task 6 had), task 7
renumbered 6 and its cooperating unit changed); and a 河道巡查保洁 task division of 2025-04-08 that says 规划建设办
and 经济服务中心.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest

from graphmodel import build_graph
from graphmodel.analysis.across_time import ACROSS_TIME_KINDS, audit_across_time
from graphmodel.labels import finding_message
from loaders.plans import read_plan

HERE = Path(__file__).parent / "fixtures" / "time_audit"
VERSIONS = Path(__file__).parent / "fixtures" / "versions"
FILES = ["group_2023.txt", "adjust_2024_leader.txt", "adjust_2024_members.txt", "tasks_2024.txt", "tasks_2025.txt",
         "patrol_2025.txt"]


def _graphs(folder: Path, files=None) -> list[nx.MultiDiGraph]:
    return [build_graph([read_plan(folder / f)]) for f in (files or sorted(p.name for p in folder.glob("*.txt")))]


def _at(evidence: dict) -> str:
    return f"{Path(evidence['file']).name}:{evidence['line']}"


def _parts(finding: dict) -> list[tuple[str | None, str]]:
    return [(s.get("part"), s["name"]) for s in finding["subjects"]]


@pytest.fixture(scope="module")
def findings():
    return audit_across_time(_graphs(HERE, FILES))


@pytest.fixture
def folder(tmp_path):
    for f in FILES:
        shutil.copy(HERE / f, tmp_path / f)
    return tmp_path


def _edit(folder: Path, file: str, old: str, new: str) -> None:
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text
    (folder / file).write_text(text.replace(old, new), encoding="utf-8")


def test_the_three_findings_and_nothing_else(findings):
    assert [(f["kind"], f["subjects"][0]["name"]) for f in findings] == [
        ("lead-left-group", "欧阳澈"), ("unit-old-name", "规划建设办"),
        ("task-dropped-without-successor", "开展河湖保护志愿服务进村入户")]
    assert {f["subdistrict"] for f in findings} == {"柘湾镇"}
    assert {f["severity"] for f in findings} == {"medium"} and set(ACROSS_TIME_KINDS) == {f["kind"] for f in findings}


def test_a_lead_who_left_the_group(findings):
    f = findings[0]
    # left by the 调整 notice of 2024-02-18, line 6; still leads task 2 in the table of 2025-02-20, line 17
    assert _at(f["evidence_before"]) == "adjust_2024_leader.txt:6" and _at(f["evidence"]) == "tasks_2025.txt:17"
    assert f["subjects"][0]["role"] == "组长" and f["numbers"] == {"tasks_led": 1}
    assert _parts(f) == [(None, "欧阳澈"), ("led", "建立河湖长巡河工作台账，落实每月巡河"),
                         ("table", "柘湾镇2025年河湖长制重点任务责任分解表"),
                         ("left_by", "关于调整柘湾镇河湖长制工作领导小组成员的通知"), ("successor", "韦清扬")]
    assert [s["date"] for s in f["subjects"] if s.get("label") == "Plan"] == ["2025-02-20", "2024-02-18"]
    assert finding_message(f) == ("欧阳澈已于2024-02-18离开领导小组（原任组长，由韦清扬接任），但2025-02-20的"
                                  "《柘湾镇2025年河湖长制重点任务责任分解表》仍由欧阳澈牵头任务2")
    assert finding_message(f, "en") == ("欧阳澈 left the leading group on 2024-02-18 (was leader, succeeded by 韦清扬), "
                                        "yet 柘湾镇2025年河湖长制重点任务责任分解表 of 2025-02-20 still has 欧阳澈 lead task 2")


def test_who_left_and_leads_nothing_later_is_no_finding(findings):
    # 闻若溪 left on 2024-08-12 (adjust_2024_members.txt:6) and leads task 5 only in the table of 2024-01-15,
    # before leaving; 欧阳澈 led task 2 in that table too, before leaving: the 2024 table gives no finding
    assert not [f for f in findings if f["subjects"][0]["name"] == "闻若溪"]
    assert not [f for f in findings if f["kind"] == "lead-left-group" and "tasks_2024.txt" in f["evidence"]["file"]]


def test_a_unit_still_under_its_old_name(findings):
    f = findings[1]
    # 城乡建设办 stands in the 2025 table at line 16; the patrol division of 2025-04-08 says 规划建设办 at line 15
    assert _at(f["evidence_before"]) == "tasks_2025.txt:16" and _at(f["evidence"]) == "patrol_2025.txt:15"
    assert _parts(f) == [(None, "规划建设办"), ("new_name", "城乡建设办"), ("document", "柘湾镇2025年河道巡查保洁工作任务分工"),
                         ("renamed_in", "柘湾镇2025年河湖长制重点任务责任分解表")]
    assert (f["subjects"][1]["basis"], f["subjects"][1]["tasks"], f["numbers"]) == ("tasks", 4, {"tasks_in_common": 4})
    assert finding_message(f) == ("规划建设办已在2025-02-20的《柘湾镇2025年河湖长制重点任务责任分解表》中更名为城乡建设办"
                                  "（4项任务相同），但2025-04-08的《柘湾镇2025年河道巡查保洁工作任务分工》仍用旧名规划建设办")


def test_a_renamed_unit_used_consistently_is_no_finding(findings):
    # 经济发展办 → 经济服务中心 in 2025, and the patrol division says 经济服务中心; the 2023 notice says 规划建设办
    # and 经济发展办, but before the rename
    names = [f["subjects"][0]["name"] for f in findings if f["kind"] == "unit-old-name"]
    assert names == ["规划建设办"]
    assert not [f for f in findings if "group_2023.txt" in f["evidence"]["file"]]


def test_a_task_dropped_without_a_successor(findings):
    f = findings[2]
    assert _at(f["evidence_before"]) == "tasks_2024.txt:21" and _at(f["evidence"]) == "tasks_2025.txt:2"
    assert _parts(f) == [(None, "开展河湖保护志愿服务进村入户"), ("lead", "闻若溪"), ("responsible", "社会事务办"),
                         ("before", "柘湾镇2024年河湖长制重点任务责任分解表"),
                         ("after", "柘湾镇2025年河湖长制重点任务责任分解表")]
    assert f["subjects"][0]["number"] == 5
    assert finding_message(f, "en") == (
        "Task 5 “开展河湖保护志愿服务进村入户” is dropped in 柘湾镇2025年河湖长制重点任务责任分解表 of 2025-02-20, and no "
        "task added or reworded there takes over its lead and responsible unit (闻若溪, 社会事务办)")


def test_a_dropped_task_with_a_successor_is_no_finding(findings):
    # task 6 推广稻田退水生态沟渠 (池砚秋, 农业服务中心) is dropped too, but the added task 5 has both
    assert [f["subjects"][0]["number"] for f in findings if f["kind"] == "task-dropped-without-successor"] == [5]


def test_the_successor_takes_over_lead_and_unit(folder):
    # the added task 5 led by 闻若溪 with 社会事务办: the dropped task 5 has a successor — and 闻若溪, who left the
    # group on 2024-08-12, leads a task in the table of 2025; the dropped task 6 (池砚秋, 农业服务中心) has none now
    _edit(folder, "tasks_2025.txt", "| 5 | 建设生态沟渠示范片区2处。 | 池砚秋 | 农业服务中心 |",
          "| 5 | 建设生态沟渠示范片区2处。 | 闻若溪 | 社会事务办 |")
    found = audit_across_time(_graphs(folder, FILES))
    assert [(f["kind"], f["subjects"][0]["name"]) for f in found] == [
        ("lead-left-group", "欧阳澈"), ("lead-left-group", "闻若溪"), ("unit-old-name", "规划建设办"),
        ("task-dropped-without-successor", "推广稻田退水生态沟渠")]
    left = found[1]
    assert _at(left["evidence_before"]) == "adjust_2024_members.txt:6" and _at(left["evidence"]) == "tasks_2025.txt:21"
    assert left["subjects"][0]["role"] == "成员"
    assert not [s for s in left["subjects"] if s.get("part") == "successor"]  # one of several 成员: nobody's heir
    # the lead alone is no successor when the task had a unit: 闻若溪 with 农业服务中心 takes over neither task
    _edit(folder, "tasks_2025.txt", "| 闻若溪 | 社会事务办 |", "| 闻若溪 | 党政办 |")
    dropped = [f["subjects"][0]["number"] for f in audit_across_time(_graphs(folder, FILES))
               if f["kind"] == "task-dropped-without-successor"]
    assert dropped == [5, 6]


def test_the_successor_under_the_units_new_name(folder):
    # the dropped task 5 of 2024 led by 韦清扬 with 规划建设办: the reworded task 1 has 韦清扬 and 城乡建设办, its new name
    _edit(folder, "tasks_2024.txt", "| 闻若溪 | 社会事务办 | 各村 |", "| 韦清扬 | 规划建设办 | 各村 |")
    found = audit_across_time(_graphs(folder, FILES))
    assert "task-dropped-without-successor" not in {f["kind"] for f in found}
    assert "unit-old-name" in {f["kind"] for f in found}  # the rename still holds (4 of its 5 tasks)
    _edit(folder, "tasks_2024.txt", "| 韦清扬 | 规划建设办 | 各村 |", "| 籍景行 | 规划建设办 | 各村 |")
    assert "task-dropped-without-successor" in {f["kind"] for f in audit_across_time(_graphs(folder, FILES))}


def test_only_what_is_dated_after_counts(folder):
    _edit(folder, "patrol_2025.txt", "2025年4月8日", "2025年2月20日")  # the rename's own date: not after it
    kinds = [f["kind"] for f in audit_across_time(_graphs(folder, FILES))]
    assert kinds == ["lead-left-group", "task-dropped-without-successor"]
    _edit(folder, "patrol_2025.txt", "2025年2月20日", "2025年4月8日")
    _edit(folder, "tasks_2025.txt", "2025年2月20日", "2024年2月18日")  # the table of the day 欧阳澈 left
    kinds = [f["kind"] for f in audit_across_time(_graphs(folder, FILES))]
    assert kinds == ["unit-old-name", "task-dropped-without-successor"]
    _edit(folder, "tasks_2025.txt", "2024年2月18日", "")  # no date: the 文号's year (2025) orders it
    kinds = [f["kind"] for f in audit_across_time(_graphs(folder, FILES))]
    assert kinds == ["lead-left-group", "task-dropped-without-successor"]  # 2025 is not after 2025-04-08


def test_the_old_name_beside_the_new_is_no_finding(folder):
    _edit(folder, "patrol_2025.txt", "| 2025年6月底 |", "| 2025年6月底 |\n| 4 | 清理沿河垃圾。 | 韦清扬 | 城乡建设办 | 各村 | 全年 |")
    assert "unit-old-name" not in {f["kind"] for f in audit_across_time(_graphs(folder, FILES))}


def test_who_is_back_in_the_group_is_no_finding(folder):
    (folder / "adjust_2024_back.txt").write_text(
        (HERE / "adjust_2024_members.txt").read_text(encoding="utf-8")
        .replace("增补莘予安（农业服务中心主任）为领导小组成员；闻若溪同志不再担任领导小组成员。", "增补欧阳澈（镇人大主席）为领导小组成员。")
        .replace("2024年8月12日", "2024年11月5日").replace("〔2024〕29号", "〔2024〕41号"), encoding="utf-8")
    found = audit_across_time(_graphs(folder))
    assert "lead-left-group" not in {f["kind"] for f in found}


def test_a_leaving_by_a_later_whole_list(tmp_path):
    """芦汀镇 (tests/fixtures/versions): 沈向晖 leaves by the 调整 notice of 2024-03-15, 汤若溪 by the whole list of
    2024-07-02 that no longer names her; a task table of 2024-08 still has both lead, one of 2024-06 汤若溪 only."""
    for f in ("town_group_2023.txt", "town_adjust_2024_leader.txt", "town_group_2024.txt", "town_adjust_2024_members.txt"):
        shutil.copy(VERSIONS / f, tmp_path / f)
    table = (HERE / "tasks_2024.txt").read_text(encoding="utf-8").replace("柘湾镇", "芦汀镇").replace("河湖长制", "人居环境整治")
    (tmp_path / "tasks_aug.txt").write_text(table.replace("2024年1月15日", "2024年8月1日").replace("欧阳澈", "沈向晖")
                                            .replace("闻若溪", "汤若溪"), encoding="utf-8")
    (tmp_path / "tasks_jun.txt").write_text(
        table.replace("2024年1月15日", "2024年6月1日").replace("欧阳澈", "韦清扬").replace("闻若溪", "汤若溪")
        .replace("河湖长制重点任务责任分解表", "人居环境整治专项任务分工"), encoding="utf-8")
    found = audit_across_time(_graphs(tmp_path))
    assert [(f["kind"], f["subjects"][0]["name"], _at(f["evidence_before"]), _at(f["evidence"])) for f in found] == [
        ("lead-left-group", "沈向晖", "town_adjust_2024_leader.txt:6", "tasks_aug.txt:17"),
        ("lead-left-group", "汤若溪", "town_group_2024.txt:2", "tasks_aug.txt:21")]
    assert [s["name"] for s in found[0]["subjects"] if s.get("part") == "successor"] == ["庞立冬"]
    assert [s["date"] for s in found[1]["subjects"] if s.get("part") == "left_by"] == ["2024-07-02"]


def test_pure_and_kinds(findings):
    graphs = _graphs(HERE, FILES)
    before = [nx.node_link_data(g, edges="edges") for g in graphs]
    assert [f["kind"] for f in audit_across_time(graphs, kinds=["unit-old-name"])] == ["unit-old-name"]
    assert [nx.node_link_data(g, edges="edges") for g in graphs] == before
    with pytest.raises(ValueError, match="no-such-kind"):
        audit_across_time(graphs, kinds=["no-such-kind"])
    assert audit_across_time(graphs[:1]) == [] and audit_across_time([]) == []
    assert audit_across_time(list(reversed(graphs))) == findings  # the order of the documents does not matter


def test_the_versions_fixtures():
    """苇塘区's 2024 and 2025 tables and 芦汀镇's group (tests/fixtures/versions): task 6 开展闲置楼宇招商专项行动
    (冯知秋, 区投资促进中心) goes, and neither the added task 6 (钱岳川, 区城市更新中心) nor the reworded task 3
    (冯知秋, 区园林绿化局) takes over both; 芦汀镇's tables are none, so who left leads nothing later."""
    found = audit_across_time(_graphs(VERSIONS))
    assert [(f["kind"], f["subdistrict"], f["subjects"][0]["number"], _at(f["evidence_before"]), _at(f["evidence"]))
            for f in found] == [("task-dropped-without-successor", "苇塘区", 6, "district_renewal_2024.txt:22",
                                 "district_renewal_2025.txt:2")]
    assert _parts(found[0])[1:3] == [("lead", "冯知秋"), ("responsible", "区投资促进中心")]


# --------------------------------------------------------------------------- generated revisions

PAIRS = 200


def _revisions():
    import importlib.util
    import sys

    path = Path(__file__).resolve().parent.parent / "bench" / "synthetic_revisions.py"
    if "synthetic_revisions" not in sys.modules:
        spec = importlib.util.spec_from_file_location("synthetic_revisions", path)
        sys.modules["synthetic_revisions"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules["synthetic_revisions"])
    return sys.modules["synthetic_revisions"]


def _expected_drops(revision) -> list[str]:
    """From the generator's truth: the removed tasks no added or reworded task takes over (lead and unit)."""
    norm = lambda text: "".join(text.split()).rstrip("。")  # noqa: E731
    old = {norm(t.text): t for t in revision.old.truth.tasks}
    new = {norm(t.text): t for t in revision.new.truth.tasks}
    heirs = [new[norm(c.after)] for c in revision.changes if c.kind in ("task-added", "task-reworded")]
    out = []
    for c in revision.changes:
        if c.kind != "task-removed":
            continue
        t = old[norm(c.before)]
        if not (t.leads or t.responsible) or not any(
                (not t.leads or set(t.leads) & set(h.leads)) and (not t.responsible or t.responsible == h.responsible)
                for h in heirs):
            out.append(norm(t.text))
    return sorted(out)


def test_generated_revisions():
    """200 plans and their revisions a year later (bench/synthetic_revisions.py): a member who leaves leads no
    task in the revision and no third document names a unit, so only dropped tasks can be found — exactly those
    the truth says no added or reworded task takes over."""
    from graphmodel.resolve import resolve_plan
    from loaders.plan.reader import read_plan_bytes

    graph = lambda plan: build_graph([resolve_plan(read_plan_bytes(plan.text.encode("utf-8"), plan.file_name))])  # noqa: E731
    wrong, dropped, removed = [], 0, 0
    for seed in range(PAIRS):
        revision = _revisions().generate_revision(seed)
        old, new = graph(revision.old), graph(revision.new)
        found = audit_across_time([old, new])
        texts = sorted("".join(old.nodes[f["subjects"][0]["id"]]["text"].split()).rstrip("。") for f in found
                       if f["kind"] == "task-dropped-without-successor")
        if [f for f in found if f["kind"] != "task-dropped-without-successor"] or texts != _expected_drops(revision):
            wrong.append(f"seed {seed}: {[(f['kind'], f['subjects'][0]['name']) for f in found]}")
        dropped += len(texts)
        removed += sum(c.kind == "task-removed" for c in revision.changes)
    assert wrong == []
    assert 20 <= dropped < removed, (dropped, removed)  # both cases occur, many times over


def test_the_changes_the_findings_rest_on():
    """diff of the two yearly tables, change by change: what unit-old-name and task-dropped-without-successor read."""
    from graphmodel.analysis.diff import diff

    old, new = _graphs(HERE, ["tasks_2024.txt", "tasks_2025.txt"])
    number = lambda change, side: ((change["task"] or {}).get(side) or {}).get("number")  # noqa: E731
    changes = [(c["kind"], number(c, "before"), number(c, "after"), c["subject"]["name"]) for c in diff(old, new)]
    assert changes == [
        ("task-added", None, 5, "建设生态沟渠示范片区2处"),
        ("task-removed", 5, None, "开展河湖保护志愿服务进村入户"),
        ("task-removed", 6, None, "推广稻田退水生态沟渠"),
        ("task-reworded", 1, 1, "完成镇级河道清淤疏浚15公里"),
        ("lead-added", 4, 4, "莘予安"), ("lead-removed", 4, 4, "池砚秋"),
        ("unit-added", 7, 6, "党政办"), ("unit-removed", 7, 6, "社会事务办"),
        ("unit-renamed", None, None, "城乡建设办"), ("unit-renamed", None, None, "经济服务中心")]
