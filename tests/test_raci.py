"""The task × unit matrix: on tiny graphs worked out by hand, on the bundled plans, and as the CLI writes it."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from _plans import JINYANG, WEIFANG, graph_of
from graphmodel.cli import app
from graphmodel.raci import COOPERATING, FIXED_COLUMNS, RESPONSIBLE, raci_matrix, raci_rows

import openpyxl  # noqa: E402  (a dependency of graphmodel: a missing one must fail, not skip)

runner = CliRunner()
EV = {"file": "a.txt", "line": 1}
JINYANG_FILE = f"data/{JINYANG.name}"  # evidence names a bundled plan by its path under data/


def _tiny() -> nx.MultiDiGraph:
    """甲: 张三 and 李四 lead task 2; 管理办 is responsible for and also cooperates on it; task 1 (line 5) has
    nothing; the row without a number serves 项目X. 乙: one task, 管理办 (another node) cooperates."""
    g = nx.MultiDiGraph()
    for sd in ("甲", "乙"):
        g.add_node(f"{sd}/Unit/管理办", label="Unit", name="管理办", subdistrict=sd, evidence=EV)
    g.add_node("甲/Unit/林长办", label="Unit", name="林长办", subdistrict="甲", evidence=EV)
    g.add_node("甲/Official/张三", label="Official", name="张三", subdistrict="甲", evidence=EV)
    g.add_node("甲/Official/李四", label="Official", name="李四", subdistrict="甲", evidence=EV)
    g.add_node("甲/Goal/项目X", label="Goal", name="项目X", subdistrict="甲", evidence=EV)
    g.add_node("甲/Task/2", label="Task", name="二", text="二。", number=2, subdistrict="甲",
               evidence={"file": "a.txt", "line": 9})
    g.add_node("甲/Task/1", label="Task", name="一", text="一。", number=1, subdistrict="甲",
               evidence={"file": "a.txt", "line": 5})
    g.add_node("甲/Task/xabc", label="Task", name="无号", text="无号。", number=None, subdistrict="甲",
               evidence={"file": "a.txt", "line": 12})
    g.add_node("乙/Task/1", label="Task", name="乙一", text="乙一。", number=1, subdistrict="乙",
               evidence={"file": "b.txt", "line": 3})
    for u, v, k in [("甲/Official/张三", "甲/Task/2", "LEADS"), ("甲/Official/李四", "甲/Task/2", "LEADS"),
                    ("甲/Unit/管理办", "甲/Task/2", "COOPERATES_ON"), ("甲/Unit/管理办", "甲/Task/2", "RESPONSIBLE_FOR"),
                    ("甲/Task/xabc", "甲/Goal/项目X", "SERVES"), ("乙/Unit/管理办", "乙/Task/1", "COOPERATES_ON")]:
        g.add_edge(u, v, key=k, type=k, evidence=EV)
    return g


def test_matrix_by_hand():
    g = _tiny()
    before = nx.to_dict_of_dicts(g)
    jia, yi = raci_matrix(g)
    assert jia["subdistrict"] == "甲" and yi["subdistrict"] == "乙"
    # rows in document order (by line), not graph order
    assert [r["id"] for r in jia["rows"]] == ["甲/Task/1", "甲/Task/2", "甲/Task/xabc"]
    empty, led, unnumbered = jia["rows"]
    assert empty["lead"] == [] and empty["cells"] == {} and empty["goal"] is None
    assert led["lead"] == ["张三", "李四"]
    assert led["cells"] == {"管理办": RESPONSIBLE}  # responsible and cooperating: 责任 wins
    assert unnumbered["number"] is None and unnumbered["goal"] == "项目X" and unnumbered["text"] == "无号。"
    # units with a cell first, then the others: 林长办 keeps its (empty) column
    assert jia["units"] == ["管理办", "林长办"]
    assert yi["rows"][0]["cells"] == {"管理办": COOPERATING}
    assert nx.to_dict_of_dicts(g) == before


def test_flat_rows_by_hand():
    columns, rows = raci_rows(_tiny())
    assert columns == [*FIXED_COLUMNS, "管理办", "林长办"]
    assert [(r["subdistrict"], r["number"]) for r in rows] == [("甲", 1), ("甲", 2), ("甲", None), ("乙", 1)]
    assert rows[1]["lead"] == "张三、李四" and rows[1]["管理办"] == "责任" and rows[1]["林长办"] == ""
    assert rows[3]["管理办"] == "配合" and rows[3]["林长办"] == "" and rows[3]["file"] == "b.txt"


def test_empty_graph():
    assert raci_matrix(nx.MultiDiGraph()) == []
    assert raci_rows(nx.MultiDiGraph()) == (list(FIXED_COLUMNS), [])


# --------------------------------------------------------------------------- the bundled plans


def _row(matrix: dict, number) -> dict:
    return next(r for r in matrix["rows"] if r["number"] == number)


def test_jinyang_matrix():
    (m,) = raci_matrix(graph_of(JINYANG))
    assert m["subdistrict"] == "金杨新村街道" and len(m["rows"]) == 23
    t9 = _row(m, 9)
    assert t9["lead"] == ["蔡斌"]
    assert t9["cells"] == {"社区管理办": "责任", "城市建设管理事务中心": "配合", "各居民区": "配合"}
    assert t9["evidence"] == {"file": JINYANG_FILE, "line": 464}
    assert _row(m, 8)["cells"] == {"林长办": "责任", "各居民区": "配合"}
    unnumbered = _row(m, None)
    assert unnumbered["goal"] == "吸纳社会共同参与" and unnumbered["lead"] == ["蔡斌"]
    assert unnumbered["cells"] == {"社区管理办": "责任", "社区营商环境办": "配合"}
    assert all(r["lead"] for r in m["rows"])


def test_weifang_has_no_cells_but_every_unit_as_a_column():
    (m,) = raci_matrix(graph_of(WEIFANG))
    assert len(m["rows"]) == 16 and all(r["cells"] == {} and r["lead"] == [] for r in m["rows"])
    assert len(m["units"]) == 30 and "管理办" in m["units"]


# --------------------------------------------------------------------------- export --format xlsx


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "plan.xlsx"
    result = runner.invoke(app, ["export", "--format", "xlsx", str(WEIFANG), str(JINYANG), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    return openpyxl.load_workbook(out)


def _sheet_rows(sheet) -> tuple[list[str], list[dict]]:
    values = list(sheet.iter_rows(values_only=True))
    header = list(values[0])
    return header, [dict(zip(header, row)) for row in values[1:]]


def test_xlsx_sheets_and_layout(workbook):
    assert workbook.sheetnames == ["潍坊新村街道", "金杨新村街道", "审计发现", "领导负担"]
    for sheet in workbook:
        assert sheet.freeze_panes in ("A2", "E2"), sheet.title  # the header row (and the matrix's task columns)
        assert sheet.auto_filter.ref
    matrix = workbook["金杨新村街道"]
    header = [c.value for c in matrix[1]]
    assert header[:4] == ["序号", "所属项目", "任务", "牵头领导"] and header[-1] == "出处"
    assert matrix.column_dimensions["C"].width >= 30  # the task text is readable


def test_xlsx_jinyang_cells(workbook):
    header, rows = _sheet_rows(workbook["金杨新村街道"])
    assert len(rows) == 23
    t9 = next(r for r in rows if r["序号"] == 9)
    assert t9["任务"] == "持续推进老旧小区综合整新，积极争取提高建设标准。"
    assert t9["牵头领导"] == "蔡斌"
    assert t9["社区管理办"] == "责任" and t9["城市建设管理事务中心"] == "配合" and t9["各居民区"] == "配合"
    assert t9["林长办"] is None and t9["党政办"] is None
    assert t9["出处"] == f"{JINYANG_FILE}:464"
    t8 = next(r for r in rows if r["序号"] == 8)
    assert t8["林长办"] == "责任" and t8["各居民区"] == "配合" and t8["社区管理办"] is None
    unnumbered = next(r for r in rows if r["序号"] is None)
    assert unnumbered["所属项目"] == "吸纳社会共同参与" and unnumbered["牵头领导"] == "蔡斌"
    assert unnumbered["社区管理办"] == "责任" and unnumbered["社区营商环境办"] == "配合"
    assert unnumbered["任务"].startswith("加强与正在开发地块的主体对接")
    # every task of 金杨 has exactly one 责任 cell
    units = header[4:-1]
    assert all(sum(r[u] == "责任" for u in units) == 1 for r in rows)


def test_xlsx_weifang_has_no_cells(workbook):
    header, rows = _sheet_rows(workbook["潍坊新村街道"])
    assert len(rows) == 16 and [r["序号"] for r in rows] == list(range(1, 17))
    units = header[4:-1]
    assert len(units) == 30
    assert all(r[u] is None for r in rows for u in units)
    assert all(r["牵头领导"] is None for r in rows)


def test_xlsx_findings_and_officials(workbook):
    _, findings = _sheet_rows(workbook["审计发现"])
    lin = [f for f in findings if f["类型代码"] == "unit-without-head" and f["对象"] == "林长办"]
    assert len(lin) == 1 and lin[0]["发文机关"] == "金杨新村街道" and lin[0]["严重程度"] == "中"
    assert lin[0]["文件"] == JINYANG_FILE and isinstance(lin[0]["行"], int)
    assert sum(f["类型代码"] == "task-without-lead" for f in findings) == 16
    _, officials = _sheet_rows(workbook["领导负担"])
    cai = next(o for o in officials if o["领导"] == "蔡斌")
    assert cai["牵头任务"] == 10 and cai["发文机关"] == "金杨新村街道"
    jinyang = [o for o in officials if o["发文机关"] == "金杨新村街道"]
    assert jinyang[0]["领导"] == "蔡斌"  # the heaviest load first


def test_xlsx_keeps_formula_like_text_as_text(tmp_path):
    """A plan is data: a task text that starts with = stays text in the workbook."""
    from graphmodel.report import build_workbook

    g = nx.MultiDiGraph()
    g.add_node("甲/Task/1", label="Task", name="=1+1", text="=HYPERLINK(\"x\")", number=1, subdistrict="甲",
               evidence=EV)
    out = tmp_path / "f.xlsx"
    out.write_bytes(build_workbook(g))
    cell = openpyxl.load_workbook(out)["甲"]["C2"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"


def test_xlsx_without_output_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "--format", "xlsx", str(JINYANG)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and result.stderr.startswith("错误：") and "-o" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_xlsx_bad_input_writes_nothing(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    out = tmp_path / "plan.xlsx"
    result = runner.invoke(app, ["export", "--format", "xlsx", str(bad), "-o", str(out)])
    assert result.exit_code == 2 and "bad.txt" in result.stderr and "Traceback" not in result.stderr
    assert [ln for ln in result.stderr.strip().split("\n") if ln.startswith("错误")] == [result.stderr.strip()]
    assert list(tmp_path.iterdir()) == [bad]
    result = runner.invoke(app, ["export", "--format", "xlsx", str(JINYANG), "-o", str(tmp_path / "no" / "p.xlsx")])
    assert result.exit_code == 2 and result.stderr.strip().count("\n") == 0 and "不存在" in result.stderr
    result = runner.invoke(app, ["export", "--format", "xlsx", str(JINYANG), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "文件夹" in result.stderr
    assert list(tmp_path.iterdir()) == [bad]


# --------------------------------------------------------------------------- export --format csv


def _csv(args: list[str]) -> tuple[list[str], list[dict]]:
    result = runner.invoke(app, ["export", "--format", "csv", *args])
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(result.stdout))
    return list(reader.fieldnames), list(reader)


def test_csv_is_one_matrix_for_all_subdistricts():
    columns, rows = _csv([str(WEIFANG), str(JINYANG)])
    assert columns[: len(FIXED_COLUMNS)] == list(FIXED_COLUMNS)
    assert len(columns) == len(set(columns))
    assert [r["subdistrict"] for r in rows] == ["潍坊新村街道"] * 16 + ["金杨新村街道"] * 23
    units = columns[len(FIXED_COLUMNS):]
    t9 = next(r for r in rows if r["subdistrict"] == "金杨新村街道" and r["number"] == "9")
    assert t9["lead"] == "蔡斌" and t9["line"] == "464" and t9["file"] == JINYANG_FILE
    assert {u: t9[u] for u in units if t9[u]} == {"社区管理办": "责任", "城市建设管理事务中心": "配合", "各居民区": "配合"}
    t8 = next(r for r in rows if r["subdistrict"] == "金杨新村街道" and r["number"] == "8")
    assert {u: t8[u] for u in units if t8[u]} == {"林长办": "责任", "各居民区": "配合"}
    unnumbered = next(r for r in rows if r["subdistrict"] == "金杨新村街道" and r["number"] == "")
    assert unnumbered["goal"] == "吸纳社会共同参与" and unnumbered["lead"] == "蔡斌"
    assert {u: unnumbered[u] for u in units if unnumbered[u]} == {"社区管理办": "责任", "社区营商环境办": "配合"}
    weifang = [r for r in rows if r["subdistrict"] == "潍坊新村街道"]
    assert all(r[u] == "" for r in weifang for u in units) and all(r["lead"] == "" for r in weifang)


def test_csv_cells_in_english_with_lang_en():
    columns, rows = _csv([str(JINYANG), "--lang", "en"])
    t9 = next(r for r in rows if r["number"] == "9")
    assert {u: t9[u] for u in columns[len(FIXED_COLUMNS):] if t9[u]} == {
        "社区管理办": "responsible", "城市建设管理事务中心": "cooperating", "各居民区": "cooperating"}


def test_csv_to_file_matches_stdout(tmp_path):
    out = tmp_path / "m.csv"
    result = runner.invoke(app, ["export", "--format", "csv", str(JINYANG), "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == runner.invoke(app, ["export", "--format", "csv", str(JINYANG)]).stdout


def test_json_and_graphml_unchanged():
    from graphmodel import to_dict

    result = runner.invoke(app, ["export", str(JINYANG)])
    assert result.exit_code == 0 and json.loads(result.stdout) == to_dict(graph_of(JINYANG))
    result = runner.invoke(app, ["export", str(JINYANG), "--format", "graphml"])
    assert result.exit_code == 0 and result.stdout.startswith("<?xml")


def test_unknown_format_is_exit_2():
    result = runner.invoke(app, ["export", "--format", "pdf", str(JINYANG)])
    assert result.exit_code == 2 and result.stdout == ""
