"""``graphmodel audit`` across versions (table, json, csv, English, ``--as-of``), and ``--as-of`` on every analysis."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphmodel import build_graph
from graphmodel.cli import app
from loaders.plans import display_name, read_plan
from test_english import CJK, chinese_left

runner = CliRunner()
HERE = Path(__file__).parent / "fixtures" / "time_audit"
FOLDER = str(HERE)
ACROSS = ("lead-left-group", "unit-old-name", "task-dropped-without-successor")


def _run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def _across(findings: list[dict]) -> list[tuple[str, str]]:
    return [(f["kind"], f["subjects"][0]["name"]) for f in findings if f["kind"] in ACROSS]


def test_table_gives_both_sides():
    lines = _run("audit", FOLDER).stdout.splitlines()
    rows = {line.split()[1]: line for line in lines if len(line.split()) > 1 and line.split()[1] in ACROSS}
    assert list(rows) == list(ACROSS)
    assert rows["lead-left-group"].split()[2:4] == ["柘湾镇", "欧阳澈"]
    shown = display_name(HERE)  # as evidence names the folder: relative to the working folder
    assert rows["lead-left-group"].endswith(f"{shown}/adjust_2024_leader.txt:6 → {shown}/tasks_2025.txt:17（表1，第4行，第3格）")
    assert "仍用旧名规划建设办" in rows["unit-old-name"]
    # the findings of the current graph are still there: 欧阳澈 is outside the group as it stands now
    assert any(line.split()[1:4] == ["lead-not-in-group", "柘湾镇", "欧阳澈"] for line in lines if len(line.split()) > 3)


def test_json_and_csv():
    findings = json.loads(_run("audit", FOLDER, "--format", "json").stdout)
    assert _across(findings) == [("lead-left-group", "欧阳澈"), ("unit-old-name", "规划建设办"),
                                 ("task-dropped-without-successor", "开展河湖保护志愿服务进村入户")]
    dropped = findings[-1]
    assert dropped["evidence_before"]["line"] == 21 and dropped["evidence"]["line"] == 2
    assert all("evidence_before" not in f for f in findings if f["kind"] not in ACROSS)
    rows = list(csv.DictReader(io.StringIO(_run("audit", FOLDER, "--format", "csv", "--kind", "unit-old-name").stdout)))
    assert [(r["subject_name"], Path(r["file"]).name, r["line"], Path(r["file_before"]).name, r["line_before"])
            for r in rows] == [("规划建设办", "patrol_2025.txt", "15", "tasks_2025.txt", "16")]
    assert rows[0]["related_ids"].split(";")[0] == "柘湾镇/Unit/城乡建设办"


def test_english():
    texts = []
    for f in HERE.glob("*.txt"):
        graph = build_graph([read_plan(f)])
        texts += [str(v) for _, d in graph.nodes(data=True) for v in (d.get("name"), d.get("title"), d.get("id"))]
    allowed = {run for t in texts for run in CJK.findall(t)}
    result = _run("audit", FOLDER, "--lang", "en", *[a for k in ACROSS for a in ("--kind", k)])
    assert chinese_left(result.stdout, allowed) == []
    assert "left the leading group on 2024-02-18 (was leader, succeeded by 韦清扬)" in result.stdout
    assert "(table 1, row 4, cell 3)" in result.stdout and "→" in result.stdout
    assert chinese_left(_run("audit", FOLDER, "--kind", "unit-old-name").stdout, allowed)  # the check is not blind


@pytest.mark.parametrize("as_of, expected", [
    (None, ["lead-left-group", "unit-old-name", "task-dropped-without-successor"]),
    ("2025-03-01", ["lead-left-group", "task-dropped-without-successor"]),  # the patrol division (04-08) not yet
    ("2024-12-31", []),  # the 2025 table not yet: one version of the tasks, nobody who left leads anything later
])
def test_as_of(as_of, expected):
    args = ["audit", FOLDER, "--format", "json"] + (["--as-of", as_of] if as_of else [])
    assert [k for k, _ in _across(json.loads(_run(*args).stdout))] == expected


def test_kinds_fail_on_and_one_document():
    result = runner.invoke(app, ["audit", FOLDER, "--fail-on", "task-dropped-without-successor"])
    assert result.exit_code == 1 and "task-dropped-without-successor" in result.stderr
    result = runner.invoke(app, ["audit", FOLDER, "--kind", "unit-old-names"])
    assert result.exit_code == 2 and "unit-old-name" in result.stderr and "Traceback" not in result.output
    assert _across(json.loads(_run("audit", FOLDER, "--format", "json", "--kind", "lead-not-in-group").stdout)) == []
    single = json.loads(_run("audit", str(HERE / "tasks_2025.txt"), "--format", "json").stdout)
    assert _across(single) == []


def test_as_of_on_every_analysis():
    """Each analysis answers as the documents stood then: 欧阳澈 is 组长 until 2024-02-18, then outside the group."""
    now, then = ("--as-of", "2025-12-31"), ("--as-of", "2023-12-31")
    show = lambda *a: json.loads(_run("show", "欧阳澈", FOLDER, "--format", "json", *a).stdout)["subject"]  # noqa: E731
    assert show()["properties"]["role"] is None and show(*then)["properties"]["role"] == "组长"
    lead_out = json.loads(_run("audit", FOLDER, "--format", "json", "--kind", "lead-not-in-group", *now).stdout)
    assert [f["subjects"][0]["name"] for f in lead_out] == ["欧阳澈"]
    assert json.loads(_run("audit", FOLDER, "--format", "json", "--kind", "lead-not-in-group", *then).stdout) == []
    officials = lambda *a: {r["official"]: r["role"] for r in json.loads(  # noqa: E731
        _run("bottlenecks", FOLDER, "--format", "json", "--part", "officials", *a).stdout)}
    assert officials(*then)["欧阳澈"] == "组长" and officials()["欧阳澈"] is None and "莘予安" not in officials(*then)
    depends = lambda *a: {r["name"] for r in json.loads(_run("depends", "城乡建设办", FOLDER, "--format", "json",  # noqa: E731
                                                            *a).stdout)["depends_on"]}
    assert "韦清扬" in depends()
    result = runner.invoke(app, ["depends", "城乡建设办", FOLDER, *then])  # not named before 2025
    assert result.exit_code == 2 and "城乡建设办" in result.stderr
    path = lambda *a: json.loads(_run("path", "欧阳澈", "党政办", FOLDER, "--format", "json", *a).stdout)  # noqa: E731
    assert path()["length"] == 2 and path("--as-of", "2024-06-30")["length"] == 2
    assert {Path(s["relations"][0]["evidence"]["file"]).name for s in path("--as-of", "2024-06-30")["paths"][0]} == {
        "tasks_2024.txt"}


def test_as_of_on_ingest_and_export():
    """The summary and the export of the graph as it stood: before 2024-08-12 莘予安 has not joined, the 2025
    documents are not out."""
    rows = json.loads(_run("ingest", FOLDER, "--format", "json", "--as-of", "2024-06-30").stdout)
    assert [(r["tasks"], r["officials"]) for r in rows] == [(7, 7)] and "tasks_2024.txt" in rows[0]["file"]
    graph = json.loads(_run("export", FOLDER, "--as-of", "2024-06-30").stdout)
    assert {Path(n["evidence"]["file"]).name for n in graph["nodes"]} == {
        "group_2023.txt", "adjust_2024_leader.txt", "tasks_2024.txt"}
    assert "莘予安" not in {n["name"] for n in graph["nodes"]}
    assert "莘予安" in {n["name"] for n in json.loads(_run("export", FOLDER).stdout)["nodes"]}
    result = runner.invoke(app, ["export", FOLDER, "--as-of", "2022"])
    assert result.exit_code == 2 and "2022" in result.stderr and not result.stdout


def test_diff_of_folders(tmp_path):
    """``diff OLD NEW`` with folders: each read as its current graph (the 调整 notices applied to the group)."""
    import shutil

    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    for f in ("group_2023.txt", "tasks_2024.txt"):
        shutil.copy(HERE / f, tmp_path / "old" / f)
    for f in ("group_2023.txt", "adjust_2024_leader.txt", "adjust_2024_members.txt", "tasks_2025.txt"):
        shutil.copy(HERE / f, tmp_path / "new" / f)
    changes = json.loads(_run("diff", str(tmp_path / "old"), str(tmp_path / "new"), "--format", "json").stdout)
    group = [(c["kind"], c["subject"]["name"], c["before"], c["after"]) for c in changes
             if c["kind"] in ("official-joined", "official-left", "role-changed")]
    assert group == [("official-joined", "莘予安", None, "成员"), ("official-left", "欧阳澈", "组长", None),
                     ("official-left", "闻若溪", "成员", None), ("role-changed", "韦清扬", "副组长", "组长")]
    left = next(c for c in changes if c["kind"] == "official-left" and c["subject"]["name"] == "欧阳澈")
    assert Path(left["evidence"]["after"]["file"]).name == "adjust_2024_leader.txt" and left["evidence"]["after"]["line"] == 6
    # the new folder still names 规划建设办 and 经济发展办 (the 2023 notice's members head them): no rename, the tasks
    # move from one unit to the other (the table of 2025 alone renames them, see the fixture's diff)
    assert [c for c in changes if c["kind"] == "unit-renamed"] == []
    moved = sorted((c["task"]["after"]["number"], c["kind"], c["subject"]["name"]) for c in changes
                   if c["kind"] in ("unit-added", "unit-removed") and c["subject"]["name"] in ("规划建设办", "城乡建设办"))
    assert moved == [(n, k, u) for n in (1, 2, 3, 4) for k, u in (("unit-added", "城乡建设办"), ("unit-removed", "规划建设办"))]
