"""Commands that read plans: ``ingest`` (a summary per 街道) and ``export`` (the graph, or the task × unit matrix)."""

from __future__ import annotations

import csv
import io
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ._common import FormatOpt, LangOpt, OutputOpt, Paths, fail, guarded, make_app, warn
from .output import Column, render, write_bytes, write_text

__all__ = ["app", "load_graph", "check_output"]

app = make_app("读取方案。")


def load_graph(paths: list[Path] | None):
    """Read the plans (the bundled ones when ``paths`` is empty) into one graph, warnings to stderr."""
    from loaders import read_plans

    from ..graph import build_graph

    graph = build_graph(read_plans(paths))
    for message in graph.graph.get("warnings", []):
        warn(message)
    return graph


_SUMMARY = [
    Column("subdistrict", "街道", "Subdistrict"),
    Column("file", "文件", "File"),
    Column("officials", "领导小组成员", "Officials"),
    Column("units", "单位", "Units"),
    Column("tasks", "任务", "Tasks"),
    Column("goals", "目标", "Goals"),
    Column("streets", "道路", "Streets"),
    Column("tasks_without_lead", "无牵头领导的任务", "Tasks without lead"),
]


@app.command("ingest")
@guarded
def ingest(paths: Paths = None, fmt: FormatOpt = "table", lang: LangOpt = "zh") -> None:
    """读取方案并汇总：每个街道的领导小组成员、单位、任务、目标、道路数，以及没有牵头领导的任务数。"""
    from ..summary import summarize
    from ._stream import per_plan

    rows = [row for part in per_plan(paths, summarize) for row in part]
    render(rows, fmt, columns=_SUMMARY, lang=lang, title="方案汇总" if lang == "zh" else "Plans")


class ExportFormat(str, Enum):
    json = "json"
    graphml = "graphml"
    csv = "csv"
    xlsx = "xlsx"
    neo4j_admin = "neo4j-admin"


def check_output(output: Path | None) -> None:
    """Fail (one line, exit 2) before any work when ``output`` cannot be written: a folder, or in a missing folder."""
    if output is None:
        return
    if output.is_dir():
        fail(f"{output}: 是一个文件夹，请给出文件名")
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        fail(f"{output}: 文件夹 {folder} 不存在")


def _raci_csv(graph) -> str:
    from ..raci import raci_rows

    columns, rows = raci_rows(graph)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else row[c] for c in columns])
    return buffer.getvalue()


@app.command("export")
@guarded
def export(
    paths: Paths = None,
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", "-f",
        help="json（项目的数据契约）、graphml、csv（任务 × 单位矩阵，所有街道一张表）或 xlsx"
             "（给规划人员的表格：每个街道一张矩阵，另有审计发现、领导负担两张表；必须用 -o 写入文件），"
             "或 neo4j-admin（供 neo4j-admin database import 使用的 CSV 文件，-o 为目录）。")] = "json",
    output: OutputOpt = None,
) -> None:
    """导出整张责任图谱（json、graphml，节点与关系均带出处），或任务 × 单位的责任矩阵（csv、xlsx）。

    矩阵的每一行是一项任务：序号、所属项目、任务全文、牵头领导，每个单位一列，写“责任”或“配合”，
    以及出处（文件与行号）。csv 的固定列键为英文（subdistrict, number, goal, task, lead, file, line），
    其后每个单位一列。xlsx 没有 -o 时报错（退出码 2）：二进制内容不能写到终端。
    """
    if fmt == ExportFormat.xlsx and output is None:
        fail("--format xlsx 需要用 -o 指定文件（如 -o plan.xlsx）：二进制内容不能写到终端")
    if fmt == ExportFormat.neo4j_admin:
        if output is None:
            fail("--format neo4j-admin 需要用 -o 指定一个新的（或空的）目录，如 -o import/")
        from ..neo4j.admin_import import import_command, write_import_files

        written = write_import_files(load_graph(paths), output)
        typer.echo(f"已写入 {output}；导入命令（在该目录中运行，数据库须为空或新建）：", err=True)
        typer.echo(import_command(written))
        return
    check_output(output)
    graph = load_graph(paths)
    if fmt == ExportFormat.xlsx:
        from ..report.workbook import build_workbook

        write_bytes(build_workbook(graph), output)
        return
    if fmt == ExportFormat.csv:
        text = _raci_csv(graph)
    else:
        from ..export import to_graphml, to_json

        text = to_json(graph) if fmt == ExportFormat.json else to_graphml(graph)
    write_text(text, output)
