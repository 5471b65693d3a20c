"""调整 notices applied: a notice that changes some members of a 领导小组 changes the group it names, each change
with its evidence; a later whole list supersedes it; one whose group is not among the documents stands as it is."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphmodel import build_graph
from graphmodel.analysis.diff import diff
from graphmodel.cli import app
from graphmodel.labels import notice
from loaders import read_plan, read_plans
from test_english import CJK, chinese_left

runner = CliRunner()
HERE = Path(__file__).parent / "fixtures" / "versions"
BASE, WHOLE = HERE / "town_group_2023.txt", HERE / "town_group_2024.txt"
LEADER, MEMBERS = HERE / "town_adjust_2024_leader.txt", HERE / "town_adjust_2024_members.txt"

# 2023-04-10 the group set up; 2024-03-15 沈向晖 gives up 组长 to 庞立冬, 晏秋禾 joins as 副组长;
# 2024-09-20 莫听澜 joins, 汤若溪 leaves.
SET_UP = {"沈向晖": "组长", "庞立冬": "副组长", "管书言": "副组长", "尚明川": "成员", "汤若溪": "成员", "贾成蹊": "成员"}
AFTER_LEADER = {"庞立冬": "组长", "管书言": "副组长", "晏秋禾": "副组长", "尚明川": "成员", "汤若溪": "成员", "贾成蹊": "成员"}
AFTER_BOTH = {"庞立冬": "组长", "管书言": "副组长", "晏秋禾": "副组长", "尚明川": "成员", "贾成蹊": "成员", "莫听澜": "成员"}


@pytest.fixture
def folder(tmp_path):
    for f in (MEMBERS, BASE, LEADER):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def _officials(model) -> dict[str, tuple[str | None, str, int]]:
    return {o.name: (o.role, Path(o.evidence.file).name, o.evidence.line) for o in model.of_label("Official")}


def _roles(model) -> dict[str, str]:
    return {o.name: o.role for o in model.of_label("Official") if o.role}


def test_a_successor_named_with_you_jie_ren_takes_the_role_given_up():
    model = read_plan(LEADER)
    assert _officials(model) == {"庞立冬": ("组长", LEADER.name, 6), "晏秋禾": ("副组长", LEADER.name, 6)}
    assert [(w.kind, w.line, w.values) for w in model.warnings if getattr(w, "kind", "") == "member-removed"] == [
        ("member-removed", 6, {"name": "沈向晖", "role": "组长"})]


def test_both_notices_applied_in_date_order(folder):
    (model,) = read_plans([folder])
    assert _roles(model) == AFTER_BOTH
    officials = _officials(model)
    assert officials["庞立冬"][1:] == (LEADER.name, 6) and officials["晏秋禾"][1:] == (LEADER.name, 6)
    assert officials["莫听澜"][1:] == (MEMBERS.name, 6) and officials["管书言"][1:] == (BASE.name, 8)
    assert "沈向晖" not in officials and "汤若溪" not in officials  # they left, and nothing else holds them
    graph = build_graph([model])
    member_of = {(graph.nodes[u]["name"], d["role"]) for u, v, k, d in graph.edges(keys=True, data=True)
                 if k == "MEMBER_OF" and graph.nodes[v]["label"] == "Plan"}
    assert member_of == set(AFTER_BOTH.items())
    heads = {graph.nodes[u]["name"] for u, v, k in graph.edges(keys=True) if k == "HEADS"}
    assert "沈向晖" not in heads and "汤若溪" not in heads and "莫听澜" in heads
    applied = [w for w in model.warnings if getattr(w, "kind", "") == "adjustment-applied"]
    assert [(Path(w.file).name, w.values["joined"], w.values["left"], w.values["changed"]) for w in applied] == [
        (LEADER.name, ["晏秋禾"], ["沈向晖"], ["庞立冬"]), (MEMBERS.name, ["莫听澜"], ["汤若溪"], None)]
    assert "加入 晏秋禾，离开 沈向晖，职务改变 庞立冬" in notice(applied[0])
    assert "职务改变 （无）" in notice(applied[1]) and "role changed (none)" in notice(applied[1], "en")


@pytest.mark.parametrize("as_of, roles", [("2024-09-30", AFTER_BOTH), ("2024-06-30", AFTER_LEADER),
                                          ("2024-01-01", SET_UP)])
def test_as_of_each_date(folder, as_of, roles):
    (model,) = read_plans([folder], as_of=as_of)
    assert _roles(model) == roles


def test_a_later_whole_list_supersedes_an_earlier_change(folder):
    shutil.copy(WHOLE, folder / WHOLE.name)  # 2024-07-02: the group listed anew
    (model,) = read_plans([folder])
    assert _roles(model) == {"庞立冬": "组长", "管书言": "常务副组长", "晏秋禾": "副组长", "尚明川": "成员",
                             "贾成蹊": "成员", "莫听澜": "成员"}
    kinds = {getattr(w, "kind", None): w for w in model.warnings}
    assert Path(kinds["adjustment-superseded"].file).name == LEADER.name
    assert Path(kinds["versions"].values["current"]).name == WHOLE.name
    unchanged = kinds["adjustment-no-change"]  # 莫听澜 is already a member, 汤若溪 no longer: nothing changes
    assert (unchanged.values["joined"], unchanged.values["left"], unchanged.values["changed"]) == (None, None, None)
    assert "adjustment-applied" not in kinds
    assert "没有改变" in notice(unchanged) and "（无）" not in notice(unchanged)
    assert "leaves" in notice(unchanged, "en")


def test_a_change_without_its_group_stands_as_it_is(tmp_path):
    shutil.copy(LEADER, tmp_path / LEADER.name)
    (model,) = read_plans([tmp_path])
    assert _roles(model) == {"庞立冬": "组长", "晏秋禾": "副组长"}
    [note] = [w for w in model.warnings if getattr(w, "kind", "") == "adjustment-without-group"]
    assert "不在所给的文件中" in notice(note) and "is not among the documents" in notice(note, "en")


def test_a_change_in_one_sentence(tmp_path):
    shutil.copy(BASE, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text(
        "芦汀镇人民政府文件\n芦府〔2024〕40号\n关于调整芦汀镇人居环境整治工作领导小组成员的通知\n各村（社区）：\n"
        "经研究，决定对领导小组成员作如下调整：沈向晖同志不再担任领导小组组长；庞立冬同志任领导小组组长。\n"
        "其他成员不变。\n芦汀镇人民政府\n2024年9月1日\n", encoding="utf-8")
    (model,) = read_plans([tmp_path])
    assert _roles(model) == {"庞立冬": "组长", "管书言": "副组长", "尚明川": "成员", "汤若溪": "成员", "贾成蹊": "成员"}


def test_diff_against_the_group_as_set_up(folder):
    changes = diff(build_graph(read_plans([BASE])), build_graph(read_plans([folder])))
    got = [(c["kind"], c["subject"]["name"], c["before"], c["after"], Path(c["evidence"]["before"]["file"]).name,
            c["evidence"]["before"]["line"], Path(c["evidence"]["after"]["file"]).name, c["evidence"]["after"]["line"])
           for c in changes]
    assert got == [
        ("official-joined", "晏秋禾", None, "副组长", BASE.name, 2, LEADER.name, 6),
        ("official-joined", "莫听澜", None, "成员", BASE.name, 2, MEMBERS.name, 6),
        ("official-left", "沈向晖", "组长", None, BASE.name, 6, LEADER.name, 6),
        ("official-left", "汤若溪", "成员", None, BASE.name, 10, MEMBERS.name, 6),
        ("role-changed", "庞立冬", "副组长", "组长", BASE.name, 7, LEADER.name, 6),
    ]


def test_cli_in_english(folder):
    allowed = {run for f in (BASE, LEADER, MEMBERS) for run in CJK.findall(f.read_text(encoding="utf-8"))}
    allowed = {run for run in allowed if len(run) > 1 or run not in "成员组长"}  # not the roles themselves
    result = runner.invoke(app, ["show", "庞立冬", str(folder), "--lang", "en", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["subject"]["properties"]["role"] == "组长"
    assert "applied to 芦汀镇人居环境整治工作领导小组" in result.stderr
    assert chinese_left(result.stderr, {"芦汀镇人居环境整治工作领导小组", "沈向晖", "汤若溪", "晏秋禾", "莫听澜",
                                        "庞立冬"}) == []


@pytest.mark.parametrize("command", ["ingest", "audit", "bottlenecks", "export"])
def test_every_command_says_a_lone_change_lacks_its_group(command, tmp_path):
    """The streamed commands (ingest, audit, bottlenecks) warn as export does, with or without --as-of."""
    shutil.copy(LEADER, tmp_path / LEADER.name)
    for extra in ([], ["--as-of", "2025-01-01"]):
        result = runner.invoke(app, [command, str(tmp_path), *extra])
        assert result.exit_code in (0, 1), result.output
        lines = [l for l in result.stderr.splitlines() if "不在所给的文件中" in l]
        assert len(lines) == 1 and LEADER.name in lines[0], (command, extra, result.stderr)
