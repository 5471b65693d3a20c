"""The analysis commands, run as a user runs them: exit codes, JSON, tables, errors."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from _plans import JINYANG, WEIFANG
from graphmodel.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


# --------------------------------------------------------------------------- audit


def test_audit_json_on_the_bundled_plans():
    result = run("audit", "--format", "json")
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)
    for f in findings:
        assert set(f) == {"kind", "severity", "subdistrict", "subjects", "numbers", "evidence"}
        assert {"id", "name", "label"} <= set(f["subjects"][0]) and set(f["evidence"]) == {"file", "line"}
    weifang = [f for f in findings if f["subdistrict"] == "潍坊新村街道" and f["kind"] == "task-without-lead"]
    assert len(weifang) == 16
    assert any(f["kind"] == "unit-without-head" and f["subjects"][0]["name"] == "林长办" for f in findings)
    [caibin] = [f for f in findings if f["kind"] == "overloaded-official"]
    assert caibin["numbers"] == {"tasks": 10, "median": 2, "ratio": 5.0}


def test_audit_fail_on_exits_1_only_when_such_a_finding_exists():
    failing = run("audit", "--fail-on", "task-without-lead", "--fail-on", "lead-not-in-group", "--format", "json")
    assert failing.exit_code == 1
    assert "task-without-lead" in failing.stderr and json.loads(failing.stdout)  # results still printed
    assert run("audit", JINYANG, "--fail-on", "task-without-lead").exit_code == 0  # every 金杨 task has a lead
    assert run("audit", "--fail-on", "lead-not-in-group").exit_code == 0


def test_audit_kind_filter_and_csv():
    result = run("audit", JINYANG, "--kind", "unit-without-head", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["subject_name"], r["line"]) for r in rows] == [("社区文化中心", "402"), ("林长办", "462")]
    assert list(rows[0]) == ["kind", "severity", "subdistrict", "subject_id", "subject_name", "related_ids", "numbers",
                             "message", "file", "line", "page", "table", "row", "cell", "file_before", "line_before"]
    assert {r["file_before"] for r in rows} == {""}  # only a finding across versions has an old fact
    assert rows[1]["related_ids"] == "金杨新村街道/Task/8" and rows[1]["message"].startswith("林长办是任务8的责任部门")
    assert json.loads(rows[1]["numbers"]) == {"tasks_responsible": 1, "tasks_cooperating": 0}
    en = list(csv.DictReader(io.StringIO(run("audit", JINYANG, "--kind", "overloaded-unit", "--format", "csv",
                                              "--lang", "en").stdout)))
    # full precision in CSV; the English sentence rounds
    assert [json.loads(r["numbers"])["ratio"] for r in en] == [3.0, 8.0]
    assert en[0]["message"] == "社区党建办 is responsible for 3 tasks, 3.0 times the median of the plan's responsible units (1)"


def test_audit_table_headers():
    zh = run("audit", JINYANG, "--kind", "overloaded-official")
    en = run("audit", JINYANG, "--kind", "overloaded-official", "--lang", "en")
    assert zh.exit_code == en.exit_code == 0
    assert "严重程度" in zh.stdout and "蔡斌" in zh.stdout
    assert "Severity" in en.stdout and "严重程度" not in en.stdout
    assert "蔡斌 leads 10 tasks, 5.0 times the median of the plan's leads (2)" in en.stdout


def test_audit_bad_input_exits_2():
    unknown_kind = run("audit", "--fail-on", "no-such-kind")
    assert unknown_kind.exit_code == 2 and "no-such-kind" in unknown_kind.stderr
    assert unknown_kind.stderr.startswith("错误：未知的问题类型")
    english = run("audit", "--fail-on", "no-such-kind", "--lang", "en")
    assert english.exit_code == 2 and english.stderr.startswith("error: unknown kind(s) of finding: no-such-kind")
    missing = run("audit", "no/such/plan.txt")
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    assert missing.stderr == "错误：no/such/plan.txt: 文件不存在\n"
    english = run("audit", "no/such/plan.txt", "--lang", "en")
    assert english.exit_code == 2 and english.stderr == "error: no/such/plan.txt: no such file\n"


def test_warnings_speak_the_command_language():
    zh, en = run("audit", WEIFANG, "--kind", "missing-attachment"), run("audit", WEIFANG, "--lang", "en")
    assert "警告：" in zh.stderr and "附件2《项目计划表》在正文中列出，但文件里没有" in zh.stderr
    assert en.stderr.startswith("warning: ") and ":367: attachment 2 “项目计划表” is listed in the text" in en.stderr


def test_audit_thresholds():
    result = run("audit", JINYANG, "--kind", "overloaded-unit", "--overload-minimum", "4", "--format", "json")
    assert [f["subjects"][0]["name"] for f in json.loads(result.stdout)] == ["社区管理办"]  # 党建办's 3 no longer counts


# --------------------------------------------------------------------------- bottlenecks


def test_bottlenecks_json_is_one_object():
    result = run("bottlenecks", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"officials", "units", "truck_factor"}
    jinyang = [r for r in data["officials"] if r["subdistrict"] == "金杨新村街道"]
    assert (jinyang[0]["official"], jinyang[0]["tasks_led"]) == ("蔡斌", 10)
    truck = {r["subdistrict"]: r for r in data["truck_factor"]}
    assert truck["潍坊新村街道"]["applicable"] is False and truck["潍坊新村街道"]["reason"]
    assert truck["金杨新村街道"]["tasks"] == 23


def test_bottlenecks_full_numbers_in_csv_rounded_in_tables():
    from graphmodel.analysis.bottlenecks import bottlenecks as analyse
    from _plans import graph_of

    exact = {r["official"]: r["betweenness"] for r in analyse(graph_of(JINYANG))["officials"]}
    assert exact["吴望晗"] != round(exact["吴望晗"], 3)  # a number with more than three places
    rows = list(csv.DictReader(io.StringIO(run("bottlenecks", JINYANG, "--format", "csv").stdout)))
    assert {r["name"]: float(r["betweenness"]) for r in rows if r["kind"] == "official"} == exact
    table = run("bottlenecks", JINYANG, "--part", "officials", "--lang", "en").stdout
    assert f"{exact['吴望晗']:.3f}" in table and str(exact["吴望晗"]) not in table
    assert "executive deputy leader" in table and "常务副组长" not in table


def test_bottlenecks_top_and_parts():
    result = run("bottlenecks", JINYANG, "--top", "1", "--format", "json")
    data = json.loads(result.stdout)
    assert [r["official"] for r in data["officials"]] == ["蔡斌"]
    assert [r["unit"] for r in data["units"]] == ["社区管理办"]
    truck = json.loads(run("bottlenecks", JINYANG, "--part", "truck-factor", "--format", "json").stdout)
    assert truck[0]["truck_factor"] == 4
    assert [(o["id"], o["role"]) for o in truck[0]["removed"]][0] == ("金杨新村街道/Official/蔡斌", "常务副组长")
    table = run("bottlenecks", JINYANG, "--top", "3")
    assert table.exit_code == 0 and "卡车因子" in table.stdout and "中介中心度" in table.stdout
    rows = list(csv.DictReader(io.StringIO(run("bottlenecks", JINYANG, "--top", "1", "--format", "csv").stdout)))
    assert [(r["kind"], r["name"]) for r in rows] == [("official", "蔡斌"), ("unit", "社区管理办")]
    assert run("bottlenecks", "--part", "nonsense").exit_code == 2


def test_truck_factor_table_and_csv_say_the_exact_set_and_flag_the_idle_greedy_steps():
    zh = run("bottlenecks", JINYANG, "--part", "truck-factor")
    en = run("bottlenecks", JINYANG, "--part", "truck-factor", "--lang", "en")
    assert zh.exit_code == en.exit_code == 0
    [zh_row] = [line for line in zh.stdout.splitlines() if line.startswith("金杨新村街道")]
    assert zh_row.split()[1:6] == ["23", "23", "4", "蔡斌、陆炜锋、胡运、吴望晗", "12"]
    assert "陆炜锋→9（未新增）、陈晓莉→9（未新增）、胡运→12" in zh_row
    [en_row] = [line for line in en.stdout.splitlines() if line.startswith("金杨新村街道")]
    assert "蔡斌, 陆炜锋, 胡运, 吴望晗" in en_row and "陈晓莉→9 (uncovers nothing), 胡运→12" in en_row
    assert "Truck factor" in en.stdout and "卡车因子" not in en.stdout
    na = run("bottlenecks", WEIFANG, "--part", "truck-factor", "--lang", "en")
    assert "0 (n/a)" in na.stdout and "no task names a lead" in na.stdout
    rows = list(csv.DictReader(io.StringIO(run("bottlenecks", JINYANG, "--part", "truck-factor", "--format", "csv").stdout)))
    assert [(r["truck_factor"], r["removed"], r["greedy_uncovered"], r["greedy_uncovers_nothing"]) for r in rows] == [
        ("4", "蔡斌;陆炜锋;胡运;吴望晗", "1;9;9;9;12", "陆炜锋;陈晓莉")]


# --------------------------------------------------------------------------- depends, path, show


def test_depends_guanliban():
    result = run("depends", "金杨新村街道/管理办", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    units = {r["name"]: [t["number"] for t in r["tasks"]] for r in data["depends_on"] if r["label"] == "Unit"}
    assert units["城市建设管理事务中心"] == [9] and units["综合行政执法队"] == [12]
    assert units["社区营商环境办"] == [None, 14]
    table = run("depends", "管理办", JINYANG)
    assert table.exit_code == 0 and "城市建设管理事务中心" in table.stdout and "任务9（第472行）" in table.stdout


def test_unknown_and_ambiguous_names_in_english():
    unknown = run("show", "无此单位", JINYANG, "--lang", "en")
    assert unknown.exit_code == 2 and unknown.stderr.startswith("error: no such name: “无此单位”")
    ambiguous = run("depends", "服务中心", JINYANG, "--lang", "en")
    assert ambiguous.exit_code == 2 and "is ambiguous, it may be: " in ambiguous.stderr
    assert ambiguous.stderr.count("\n") == 1


def test_depends_unknown_or_ambiguous_name_is_one_line_and_exit_2():
    unknown = run("depends", "无此单位", JINYANG)
    assert unknown.exit_code == 2
    assert unknown.stderr.strip().count("\n") == 0 and "无此单位" in unknown.stderr
    assert "Traceback" not in unknown.output and unknown.stdout == ""
    ambiguous = run("depends", "服务中心", JINYANG)  # a part of several units' names in one 街道
    assert ambiguous.exit_code == 2 and ambiguous.stderr.strip().count("\n") == 0
    assert "社区党群服务中心" in ambiguous.stderr and "社区事务受理服务中心" in ambiguous.stderr


def test_depends_name_in_two_subdistricts_answers_for_each():
    result = run("depends", "管理办", JINYANG, WEIFANG, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(d["subject"]["id"] for d in data) == ["潍坊新村街道/Unit/管理办", "金杨新村街道/Unit/社区管理办"]
    jinyang = next(d for d in data if d["subject"]["subdistrict"] == "金杨新村街道")
    assert {"城市建设管理事务中心", "综合行政执法队", "社区营商环境办"} <= {r["name"] for r in jinyang["depends_on"]}
    weifang = next(d for d in data if d["subject"]["subdistrict"] == "潍坊新村街道")
    assert {r["name"] for r in weifang["depends_on"]} == {"侯宇鸥"}  # 潍坊 has no task table: only its head


def test_depends_depth():
    one = json.loads(run("depends", "综合行政执法队", JINYANG, "--format", "json").stdout)
    two = json.loads(run("depends", "综合行政执法队", JINYANG, "--depth", "2", "--format", "json").stdout)
    assert {r["depth"] for r in one["depended_on_by"]} == {1}
    assert {r["depth"] for r in two["depended_on_by"]} == {1, 2}
    assert run("depends", "综合行政执法队", JINYANG, "--depth", "0").exit_code == 2


def test_path():
    result = run("path", "蔡斌", "综合行政执法队", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["length"] == 2
    assert [s["relations"][0]["type"] for s in data["paths"][0]] == ["LEADS", "COOPERATES_ON"]
    assert run("path", "蔡斌", "综合行政执法队").exit_code == 0


def test_path_without_a_chain_says_so_in_one_line_and_exits_1():
    none = run("path", "林长办", "虞刚杰")  # different 街道
    assert none.exit_code == 1 and none.stdout == ""
    assert [line for line in none.stderr.splitlines() if "林长办" in line] == [
        "“林长办”与“虞刚杰”之间没有责任链（不在同一街道，或互不相连）"]
    en = run("path", "林长办", "虞刚杰", "--lang", "en")
    assert en.exit_code == 1 and "no chain of responsibility between “林长办” and “虞刚杰”" in en.stderr
    as_json = run("path", "林长办", "虞刚杰", "--format", "json")
    assert as_json.exit_code == 1 and json.loads(as_json.stdout)["paths"] == []
    assert "退出码" in run("path", "--help").stdout
    assert run("path", "蔡斌", "无此人", JINYANG).exit_code == 2


def test_show():
    result = run("show", "林长办", JINYANG, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["subject"]["id"] == "金杨新村街道/Unit/林长办"
    assert [(f["type"], f["evidence"]["line"]) for f in data["facts"]] == [("RESPONSIBLE_FOR", 462)]
    table = run("show", "金杨新村街道/7")
    assert table.exit_code == 0 and "牵头领导" in table.stdout and "蔡斌" in table.stdout
    assert run("show", "7").exit_code == 2  # task 7 in both 街道
    rows = list(csv.DictReader(io.StringIO(run("show", "蔡斌", JINYANG, "--format", "csv").stdout)))
    assert sum(r["type"] == "LEADS" for r in rows) == 10


# --------------------------------------------------------------------------- warnings of the plans an answer uses

_MISSING = "附件2《项目计划表》在正文中列出，但文件里没有"  # 潍坊's: its task table is not in the file


def test_answers_about_jinyang_names_print_no_weifang_warning():
    # Both bundled plans are read (no paths): only 潍坊's missing attachment is warned about.
    for args in (["show", "林长办"], ["path", "蔡斌", "综合行政执法队"], ["depends", "社区管理办"]):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert result.stderr == "", (args, result.stderr)


def test_answers_that_use_weifang_still_warn_once():
    for args, code in ((["show", "侯宇鸥"], 0), (["depends", "管理办"], 0),  # 管理办: a unit of both 街道
                       (["path", "林长办", "虞刚杰"], 1),  # one in each 街道
                       (["show", "无此人"], 2),  # not found: every plan was searched
                       (["ingest"], 0), (["audit", "--kind", "unit-without-head"], 0)):
        result = run(*args)
        assert result.exit_code == code, (args, result.output)
        assert result.stderr.count(_MISSING) == 1, (args, result.stderr)
    en = run("show", "侯宇鸥", "--lang", "en")
    assert "attachment 2 “项目计划表” is listed in the text but the file does not hold it" in en.stderr
