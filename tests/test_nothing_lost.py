"""Nothing lost without a word: a very long cell, a CR inside a cell, a row of the wrong width, a row without a
task and a page nested 100,000 deep are read, or said by their line (issue 20, item 4)."""

from __future__ import annotations

import json

import docx
import pytest
from typer.testing import CliRunner

from graphmodel.cli import app
from loaders.plan.source import source_from_bytes

runner = CliRunner()
TITLE = "关于印发青川区2024年重点工作任务分工方案的通知"
LONG = "推进" + "农田水利设施改造" * 1250 + "。"  # 10,002 characters
HEADER = ("序号", "工作任务", "牵头单位", "配合单位")
ROWS = [("1", "修缮城东道路。", "区建管委", "区财政局"), ("2", LONG, "区民政局", "区财政局"),
        ("3", "种植行道树。", "区绿化局", "")]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the warnings name the file as given: its name


def _export(path) -> tuple[dict[int, str], list[str]]:
    """{line: task name} and the warning lines of ``graphmodel export PATH --format json`` (PATH in the cwd)."""
    result = runner.invoke(app, ["export", path.name, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    graph = json.loads(result.stdout)
    tasks = {n["evidence"]["line"]: n["name"] for n in graph["nodes"] if n["label"] == "Task"}
    return tasks, [ln for ln in result.stderr.splitlines() if ln.strip()]


def _pipe(rows) -> str:
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def _tabs(rows) -> str:
    return "\n".join("\t".join(r) for r in rows)


def _per_line(rows) -> str:
    return "\n\n".join("\n".join(c for c in r if c) for r in rows)


@pytest.mark.parametrize("form", [_pipe, _tabs])
def test_a_ten_thousand_character_cell_is_a_task(tmp_path, form):
    path = tmp_path / "long.txt"
    path.write_text(f"{TITLE}\n\n{form([HEADER, *ROWS])}\n", encoding="utf-8")
    tasks, _warnings = _export(path)
    assert sorted(tasks) == [4, 5, 6]
    assert tasks[5].startswith("推进农田水利设施改造") and tasks[4].startswith("修缮城东道路")


def test_a_ten_thousand_character_cell_of_a_word_table_is_a_task(tmp_path):
    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    for r, row in enumerate([HEADER, *ROWS]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(tmp_path / "long.docx")
    tasks, _warnings = _export(tmp_path / "long.docx")
    assert len(tasks) == 3 and any(name.startswith("推进农田水利设施改造") for name in tasks.values())


@pytest.mark.parametrize("form", [_pipe, _tabs])
@pytest.mark.parametrize("ends", ["\n", "\r\n"])
def test_a_cr_inside_a_cell_does_not_split_the_row(tmp_path, form, ends):
    rows = [HEADER, ROWS[0], ("2", "完善社区设施\r建设口袋公园。", "区民政局", "区财政局"), ROWS[2]]
    path = tmp_path / "cr.txt"
    path.write_bytes(f"{TITLE}\n\n{form(rows)}\n".replace("\n", ends).encode("utf-8"))
    tasks, warnings = _export(path)
    assert tasks == {4: "修缮城东道路", 5: "完善社区设施建设口袋公园", 6: "种植行道树"}  # no task named 区民政局
    assert warnings == []


def test_a_cr_alone_ends_lines_only_in_a_file_of_cr_lines():
    lf = source_from_bytes("组长：张三\r李四\n成员：王五\n".encode(), "a.txt")
    assert [(ln.no, ln.text) for ln in lf.lines] == [(1, "组长：张三李四"), (2, "成员：王五")]
    cr = source_from_bytes("组长：张三\r成员：王五\r".encode(), "a.txt")
    assert [(ln.no, ln.text) for ln in cr.lines] == [(1, "组长：张三"), (2, "成员：王五")]
    words = source_from_bytes("road\rworks\nnext\n".encode(), "a.txt")
    assert words.lines[0].text == "road works"
    # a bad byte is said on the line a reader sees it on: the CR alone does not count as a line end
    damaged = source_from_bytes("第一行\r仍是第一行\n第二行\xff\n".encode("utf-8").replace(b"\xc3\xbf", b"\xff"), "d.txt")
    assert [(n.kind, n.line) for n in damaged.notices] == [("undecodable-bytes", 2)]


@pytest.mark.parametrize("form", [_pipe, _tabs])
def test_a_row_wider_than_the_header_is_said(tmp_path, form):
    rows = [HEADER, ROWS[0], ("2", "完善社区设施", "建设口袋公园。", "区民政局", "区财政局"), ROWS[2]]
    path = tmp_path / "wide.txt"
    path.write_text(f"{TITLE}\n\n{form(rows)}\n", encoding="utf-8")
    tasks, warnings = _export(path)
    assert sorted(tasks) == [4, 6]
    assert warnings == ["警告：wide.txt:5: 任务表这一行有 5 个单元格（表头 4 个），分不清各列，未读取，请核对"]
    english = runner.invoke(app, ["export", path.name, "--format", "json", "--lang", "en"])
    assert "wide.txt:5: a row of the task table has 5 cells (the header 4)" in english.stderr


def test_a_row_of_units_before_any_task_is_said(tmp_path):
    rows = [HEADER, ("", "", "区建管委", "区财政局"), *ROWS[:1]]
    path = tmp_path / "units.txt"
    path.write_text(f"{TITLE}\n\n{_pipe(rows)}\n", encoding="utf-8")
    tasks, warnings = _export(path)
    assert tasks == {5: "修缮城东道路"}
    assert warnings == ["警告：units.txt:4: 任务表这一行没有任务内容，也不是上一任务的续行（“区建管委 区财政局”），未读取"]


def test_a_progress_report_on_a_row_of_its_own_is_no_loss(tmp_path):
    """Nothing is read from a 进展情况 column on any row: a row holding only that loses no fact and is not said."""
    rows = [(*HEADER, "进展情况"), (*ROWS[0], "已开工。"), ("", "", "", "", "完成过半。"), (*ROWS[2], "")]
    path = tmp_path / "progress.txt"
    path.write_text(f"{TITLE}\n\n{_tabs(rows)}\n", encoding="utf-8")
    tasks, warnings = _export(path)
    assert tasks == {4: "修缮城东道路", 6: "种植行道树"} and warnings == []


NESTED_BODY = ("<h1>关于成立青川区防汛工作领导小组的通知</h1><p>组长：甘露 区长</p><p>副组长：林雨 副区长</p>"
               "<p>成员：区水务局、区应急局主要负责人</p>")


@pytest.mark.parametrize("depth", [100_000, 300])
def test_a_page_nested_deep_is_read(tmp_path, depth):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * depth + NESTED_BODY + "</div>" * depth + "</body></html>",
                    encoding="utf-8")
    result = runner.invoke(app, ["show", "甘露", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert "组长" in result.stdout and "deep.html" in result.stdout
    members = runner.invoke(app, ["ingest", str(path), "--format", "json"])
    assert json.loads(members.stdout)[0]["officials"] == 2


def test_a_page_of_tables_nested_too_deep_is_refused_saying_so(tmp_path):
    path = tmp_path / "tables.html"
    path.write_text("<html><body>" + "<table><tr><td>" * 400 + NESTED_BODY + "</td></tr></table>" * 400
                    + "</body></html>", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "tables.html" in lines[0] and "256 层" in lines[0]
