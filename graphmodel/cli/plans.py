"""Commands that read plans: ``ingest`` (a summary per 街道) and ``export`` (the whole graph)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ._common import FormatOpt, LangOpt, OutputOpt, Paths, guarded, make_app, warn
from .output import Column, render, write_text

__all__ = ["app", "load_graph"]

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


@app.command("export")
@guarded
def export(
    paths: Paths = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="json（项目的数据契约）或 graphml。")] = "json",
    output: OutputOpt = None,
) -> None:
    """导出整张责任图谱（节点与关系，均带出处：文件与行号）。"""
    from ..export import to_graphml, to_json

    graph = load_graph(paths)
    text = to_json(graph) if fmt == ExportFormat.json else to_graphml(graph)
    write_text(text, output)
