"""The review loop: export the facts to a workbook, a reviewer marks them, corrections survive every re-read."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from _formats import synthetic
from graphmodel import build_graph
from graphmodel.cli import app
from graphmodel.corrections import Correction, apply_corrections, read_corrections
from graphmodel.errors import ExportFileError
from graphmodel.labels import REVIEW_COLUMNS
from graphmodel.model import Notice
from graphmodel.report.review import build_review_workbook
from graphmodel.review import review_rows
from loaders import read_plans

runner = CliRunner()
ZH = [h.zh for _, h in REVIEW_COLUMNS]
COL = {key: i for i, (key, _) in enumerate(REVIEW_COLUMNS)}


def _plan(tmp_path: Path, seed: int = 3):
    """A generated plan with a task table, leads and cooperating units (its truth says which)."""
    plan = synthetic.generate_plan(seed, table=True)
    assert sum(bool(t.leads) for t in plan.truth.tasks) >= 3 and any(t.cooperating for t in plan.truth.tasks)
    path = tmp_path / plan.file_name
    path.write_text(plan.text, encoding="utf-8")
    return plan, path


def _export(path: Path, out: Path, *extra: str) -> list[list]:
    result = runner.invoke(app, ["export", str(path), "--format", "review", "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return [list(r) for r in load_workbook(out).worksheets[0].iter_rows(values_only=True)]


def test_the_workbook_lists_every_fact_once_with_its_evidence(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan, path = _plan(tmp_path)
    rows = _export(Path(path.name), tmp_path / "review.xlsx")
    assert rows[0] == ZH
    assert len({r[COL["code"]] for r in rows[1:]}) == len(rows) - 1  # one row each
    truth = plan.truth

    def task(of: str) -> int:  # the truth's task a row is of, by the task's text (the cell: 任务3：text…)
        label, head = of.split("：", 1)
        number = int(label[2:]) if label[2:].isdigit() else None
        found = [i for i, t in enumerate(truth.tasks) if t.number == number and (
            number is not None or "".join(t.text.split()).startswith("".join(head.rstrip("…").split())))]
        return found[0]

    facts = {(r[COL["fact"]], r[COL["name"]], task(r[COL["of"]]) if r[COL["of"]].startswith(("任务", "“")) else None)
             for r in rows[1:]}
    assert {(n, i) for f, n, i in facts if f == "牵头领导" and n} == {
        (lead, i) for i, t in enumerate(truth.tasks) for lead in t.leads}
    assert {(n, i) for f, n, i in facts if f == "责任部门" and n} == {
        (t.responsible, i) for i, t in enumerate(truth.tasks) if t.responsible}
    assert {(n, i) for f, n, i in facts if f == "配合部门"} == {
        (u, i) for i, t in enumerate(truth.tasks) for u in t.cooperating}
    assert {n for f, n, _ in facts if f == "领导小组职务"} == {o.name for o in truth.officials if o.role}
    # a task the document gives no lead has an empty row for the reviewer, said so
    empty = [r for r in rows[1:] if r[COL["fact"]] == "牵头领导" and r[COL["name"]] is None]
    assert len(empty) == sum(not t.leads for t in truth.tasks)
    assert all("文件没有写明" in r[COL["warnings"]] for r in empty)
    lines = plan.text.splitlines()
    for r in rows[1:]:  # the line's text is the document's own line
        assert r[COL["file"]] == path.name and r[COL["source_text"]] == lines[r[COL["line"]] - 1].strip()


def test_the_workbook_in_english_its_verdict_list_and_formulas_kept_as_text(tmp_path):
    _plan_, path = _plan(tmp_path)
    out = tmp_path / "review.xlsx"
    rows = _export(path, out, "--lang", "en")
    assert rows[0] == [h.en for _, h in REVIEW_COLUMNS] and rows[1][COL["fact"]] == "role in the leading group"
    [check] = load_workbook(out).worksheets[0].data_validations.dataValidation
    assert check.formula1 == '"right,wrong,missing"' and str(check.sqref).startswith("K2:K")
    [check] = load_workbook(_export(path, out) and out).worksheets[0].data_validations.dataValidation
    assert check.formula1 == '"对,错,缺"'
    row = {"code": "lead|甲/Task/1|=SUM(A1)", "kind": "lead", "subdistrict": "甲", "name": "=SUM(A1)", "value": None,
           "anchor": {"id": "甲/Task/1", "label": "Task", "name": "修路", "number": 1}, "missing": False,
           "evidence": {"file": "a.txt", "line": 5}, "text": "=1+1", "notices": [], "inherited": False}
    (tmp_path / "f.xlsx").write_bytes(build_review_workbook([row]))
    cells = load_workbook(tmp_path / "f.xlsx").worksheets[0][2]
    assert [(c.value, c.data_type) for c in cells if str(c.value).startswith("=")] == [("=SUM(A1)", "s"), ("=1+1", "s")]


def test_rows_the_reader_warned_about_come_first_with_the_warning(tmp_path):
    _plan_, path = _plan(tmp_path)
    graph = build_graph(read_plans([path]))
    rows = review_rows(graph)
    last = rows[-1]
    flag = Notice(kind="ambiguous-unit", file=last["evidence"]["file"], line=last["evidence"]["line"],
                  values={"name": "服务中心", "options": ["甲中心", "乙中心"]})
    flagged = review_rows(graph, warnings=[flag])
    assert flagged[0]["evidence"]["line"] == last["evidence"]["line"] and flagged[0]["notices"] == [flag]
    (tmp_path / "f.xlsx").write_bytes(build_review_workbook(flagged))
    first = [c.value for c in load_workbook(tmp_path / "f.xlsx").worksheets[0][2]]
    assert first[COL["warnings"]].startswith("“服务中心”可能是 甲中心、乙中心")


def _mark(out: Path) -> dict:
    """As a reviewer does in Excel: three facts wrong (two with a correction), one fact added."""
    book = load_workbook(out)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(min_row=2))
    value = lambda r, key: r[COL[key]].value  # noqa: E731
    leads = [r for r in rows if value(r, "fact") == "牵头领导" and value(r, "name")]
    coops = [r for r in rows if value(r, "fact") == "配合部门"]
    wrong_lead, removed_lead, wrong_coop = leads[0], leads[1], coops[0]
    wrong_lead[COL["verdict"]].value, wrong_lead[COL["correction"]].value = "错", "甄子丹"
    removed_lead[COL["verdict"]].value = "错"
    wrong_coop[COL["verdict"]].value, wrong_coop[COL["correction"]].value = "错", "社区安监所"
    added = sheet.max_row + 1  # a new row: a copy of a lead row, its fact changed to 配合部门
    for i, cell in enumerate(leads[2]):
        sheet.cell(added, i + 1, cell.value)
    sheet.cell(added, COL["fact"] + 1, "配合部门")
    sheet.cell(added, COL["verdict"] + 1, "缺")
    sheet.cell(added, COL["correction"] + 1, "社区志愿者协会")
    book.save(out)
    code = lambda r: value(r, "code").split("|")  # noqa: E731
    return {"wrong_lead": (code(wrong_lead), wrong_lead[0].row), "wrong_lead_line": value(wrong_lead, "line"), "removed_lead": (code(removed_lead), removed_lead[0].row),
            "coop": (code(wrong_coop), wrong_coop[0].row), "added": (code(leads[2]), added)}


def _edges(graph, type_: str) -> dict[tuple[str, str], dict]:
    return {(graph.nodes[u]["name"], v): d for u, v, k, d in graph.edges(keys=True, data=True) if k == type_}


def test_the_review_loop_done_when(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan, path = _plan(tmp_path)
    path = Path(path.name)
    out = Path("review.xlsx")
    _export(path, out)
    marked = _mark(out)
    result = runner.invoke(app, ["export", str(path), "--corrections", str(out), "-o", "graph.json"])
    assert result.exit_code == 0 and result.stderr == "", result.output
    graph = json.loads(Path("graph.json").read_text(encoding="utf-8"))
    edges = {(e["type"], e["source"].rsplit("/", 1)[-1], e["target"]): e for e in graph["edges"]}

    (_k, task, old), row = marked["wrong_lead"]
    assert ("LEADS", old, task) not in edges
    assert edges[("LEADS", "甄子丹", task)]["evidence"]["corrected"] == f"review.xlsx:{row}"
    (_k, task, old), row = marked["removed_lead"]
    assert ("LEADS", old, task) not in edges and not any(k[0] == "LEADS" and k[2] == task and
                                                         e["evidence"].get("corrected") for k, e in edges.items())
    (_k, task, old), row = marked["coop"]
    assert ("COOPERATES_ON", old, task) not in edges
    assert edges[("COOPERATES_ON", "社区安监所", task)]["evidence"]["corrected"] == f"review.xlsx:{row}"
    (_k, task, _lead), row = marked["added"]
    added = edges[("COOPERATES_ON", "社区志愿者协会", task)]
    assert added["evidence"]["corrected"] == f"review.xlsx:{row}"
    assert {n["name"] for n in graph["nodes"] if n["label"] == "Unit"} >= {"社区安监所", "社区志愿者协会"}
    changed = sum(bool(e["evidence"].get("corrected")) for e in graph["edges"] if e["type"] != "ACCOUNTABLE_FOR")
    assert changed == 3  # two replaced, one added; the removed one is gone

    shown = runner.invoke(app, ["show", "甄子丹", str(path), "--corrections", str(out)])
    assert shown.exit_code == 0 and f"更正 review.xlsx:{marked['wrong_lead'][1]}" in shown.stdout
    again = runner.invoke(app, ["export", str(path), "--corrections", str(out), "-o", "again.json"])
    assert again.exit_code == 0 and Path("again.json").read_text(encoding="utf-8") == Path("graph.json").read_text(
        encoding="utf-8")  # a re-read of the document keeps the corrections, the same graph
    models = list(read_plans([path], corrections=out))
    assert apply_corrections(models[0], read_corrections(out)) == models[0]  # applying twice changes nothing

    # the document changes: the task of the first correction names another lead on that line
    (_k, task, old), row = marked["wrong_lead"]
    line = marked["wrong_lead_line"]
    other = next(o.name for o in plan.truth.officials if len(o.name) == len(old) and o.name != old)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, other)
    path.write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["export", str(path), "--corrections", str(out), "-o", "graph.json"])
    assert result.exit_code == 0
    warning = [ln for ln in result.stderr.splitlines() if "review.xlsx" in ln]
    assert warning == [f"警告：review.xlsx:{row}: 审核表这一行的更正找不到它所改的事实（{old}，{_task(graph, task)}）："
                       "文件可能已经改了，未应用"]
    assert "甄子丹" not in Path("graph.json").read_text(encoding="utf-8")  # never applied blindly
    audit = runner.invoke(app, ["audit", str(path), "--corrections", str(out), "--kind", "correction-unmatched",
                                "--format", "json"])
    [finding] = json.loads(audit.stdout)
    assert finding["kind"] == "correction-unmatched" and finding["evidence"] == {"file": "review.xlsx", "line": row}


def _task(graph: dict, task: str) -> str:
    node = next(n for n in graph["nodes"] if n["id"] == task)
    return f"{node['number']} {node['name']}"


def test_a_csv_of_the_same_columns_and_english_verdicts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _plan_, path = _plan(tmp_path)
    rows = _export(path, tmp_path / "review.xlsx", "--lang", "en")
    lead = next(r for r in rows[1:] if r[COL["fact"]] == "lead" and r[COL["name"]])
    lead[COL["verdict"]], lead[COL["correction"]] = "wrong", "甄子丹"
    buffer = io.StringIO()
    csv.writer(buffer).writerows([rows[0], lead])
    Path("fix.csv").write_text(buffer.getvalue(), encoding="utf-8-sig")
    [fix] = read_corrections("fix.csv")
    assert fix == Correction(file="fix.csv", row=2, verdict="wrong", kind="lead", anchor=lead[COL["code"]].split("|")[1],
                             name=lead[COL["name"]], correction="甄子丹", detail=lead[COL["detail"]] or None)
    result = runner.invoke(app, ["show", "甄子丹", str(path), "--corrections", "fix.csv", "--lang", "en"])
    assert result.exit_code == 0 and "corrected: fix.csv:2" in result.stdout


def test_a_row_that_cannot_be_understood_is_one_line_naming_it(tmp_path):
    _plan_, path = _plan(tmp_path)
    out = tmp_path / "review.xlsx"
    _export(path, out)
    book = load_workbook(out)
    sheet = book.worksheets[0]
    sheet.cell(3, COL["verdict"] + 1, "也许")
    sheet.cell(5, COL["verdict"] + 1, "错")
    sheet.cell(5, COL["code"] + 1, "乱写")
    book.save(out)
    result = runner.invoke(app, ["ingest", str(path), "--corrections", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"错误：{out}:3: 判断“也许”不是 对、错、缺 之一",
        f"错误：{out}:5: 事实代码“乱写”看不懂（请勿修改这一列；增加事实时复制同一任务的一行）"]
    with pytest.raises(ExportFileError):
        read_corrections(tmp_path / "none.xlsx")


def test_a_role_corrected_and_a_role_removed(tmp_path):
    _plan_, path = _plan(tmp_path)
    [model] = read_plans([path])
    members = [r for r in model.relations if r.type == "MEMBER_OF" and r.properties.get("role")]
    ids = {e.id: e for e in model.entities}
    first, second = members[0], members[1]
    fixes = [Correction(file="r.csv", row=2, verdict="wrong", kind="role", anchor=first.target,
                        name=ids[first.source].name, correction="秘书长"),
             Correction(file="r.csv", row=3, verdict="wrong", kind="role", anchor=second.target,
                        name=ids[second.source].name)]
    fixed = apply_corrections(model, fixes)
    after = {e.id: e for e in fixed.entities}
    assert after[first.source].role == "秘书长" and after[second.source].role is None
    roles = {(r.source, r.properties.get("role")) for r in fixed.relations if r.type == "MEMBER_OF"}
    assert (first.source, "秘书长") in roles and not any(s == second.source for s, _ in roles)
    assert fixed.corrected == ["r.csv:2", "r.csv:3"] and model.corrected == []


def test_corrections_with_a_json_export_are_refused_in_one_line(tmp_path):
    _plan_, path = _plan(tmp_path)
    out = tmp_path / "review.xlsx"
    _export(path, out)
    graph = tmp_path / "graph.json"
    assert runner.invoke(app, ["export", str(path), "-o", str(graph)]).exit_code == 0
    result = runner.invoke(app, ["audit", str(graph), "--corrections", str(out), "--lang", "en"])
    assert result.exit_code == 2 and result.stderr.splitlines() == [
        "error: --corrections applies when documents are read: a JSON export is a graph already read; give the "
        "documents (or export again with --corrections)"]


def test_a_responsible_unit_replaced_moves_the_accountable_head_and_the_report_says_who_changed_it(tmp_path):
    from _plans import JINYANG

    [model] = read_plans([JINYANG])
    ids = {e.id: e for e in model.entities}
    task = "金杨新村街道/Task/8"
    [resp] = [r for r in model.relations if r.target == task and r.type == "RESPONSIBLE_FOR"]
    assert ids[resp.source].name == "林长办"
    fix = Correction(file="review.xlsx", row=9, verdict="wrong", kind="responsible", anchor=task, name="林长办",
                     correction="管理办")  # an alias: the unit 社区管理办, headed by 吴望晗
    fixed = apply_corrections(model, [fix])
    into = {(r.source, r.type): r for r in fixed.relations if r.target == task}
    assert ("金杨新村街道/Unit/社区管理办", "RESPONSIBLE_FOR") in into
    assert "金杨新村街道/Unit/林长办" not in {e.id for e in fixed.entities}  # misread: it had no other fact
    accountable = into[("金杨新村街道/Official/吴望晗", "ACCOUNTABLE_FOR")]
    assert accountable.properties["via"] == "金杨新村街道/Unit/社区管理办"
    assert accountable.evidence.corrected == "review.xlsx:9"
    from graphmodel.report.html import build_report

    html = build_report(build_graph([fixed]), lang="en")
    assert "corrected: review.xlsx:9" in html


def test_the_office_and_where_it_sits_are_facts_of_the_review(tmp_path):
    notice = Path(__file__).parent / "fixtures" / "notices" / "town_yunxi.txt"
    graph = build_graph(read_plans([notice]))
    rows = {r["code"]: r for r in review_rows(graph)}
    assert {c for c in rows if c.startswith("office")} == {
        "office-seat|云溪镇/Unit/领导小组办公室|规划建设办", "office-head|云溪镇/Unit/领导小组办公室|房文涛",
        "office-head|云溪镇/Unit/领导小组办公室|鲍莉"}
    assert rows["office-head|云溪镇/Unit/领导小组办公室|鲍莉"]["value"] == "副主任"
    [model] = read_plans([notice])
    moved = Correction(file="r.csv", row=4, verdict="wrong", kind="office-seat", anchor="云溪镇/Unit/领导小组办公室",
                       name="规划建设办", correction="党政办公室")
    stale = Correction(file="r.csv", row=5, verdict="wrong", kind="office-seat", anchor="云溪镇/Unit/领导小组办公室",
                       name="经济发展办", correction="党政办公室")
    fixed = apply_corrections(model, [moved, stale])
    office = next(e for e in fixed.entities if e.id == "云溪镇/Unit/领导小组办公室")
    assert office.seat == "党政办公室" and office.evidence.corrected == "r.csv:4"
    assert [(w.kind, w.line) for w in fixed.warnings if getattr(w, "kind", "") == "correction-unmatched"] == [
        ("correction-unmatched", 5)]
