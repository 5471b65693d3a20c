"""Commands that read plans: ``ingest`` (a summary per 街道) and ``export`` (the graph, or the task × unit matrix)."""

from __future__ import annotations

import csv
import functools
import io
from enum import Enum
from pathlib import Path
from collections.abc import Callable, Iterable
from typing import Annotated, Any, TypeVar

import typer

from ..labels import ERRORS, REPORT, WORDS
from ._common import (AsOfOpt, ClusterOpt, CorrectionsOpt, FormatOpt, IssuerOpt, LangOpt, MaxBytesOpt, OutputOpt, Paths,
                      SkipOpt, Unreadable, corrections, fail, given_as_of, given_cluster, given_issuer, guarded, lang_of,
                      make_app, warn)
from .output import columns_of, render, write_bytes, write_text

__all__ = ["app", "load_graph", "load_history", "answer", "check_output"]

T = TypeVar("T")

app = make_app("读取方案。")


def json_exports(paths: list[Path] | None, *, history: bool = False):
    """The graph of ``paths`` when they are JSON exports (``graph.json``: read back, validated), else None.

    Of an export with history (``export --history``), the facts that hold now, unless ``history``."""
    if not paths or not all(Path(p).suffix.lower() == ".json" and not Path(p).is_dir() for p in paths):
        return None
    if corrections() is not None:
        fail(ERRORS["corrections_need_documents"])
    import networkx as nx

    from ..contract import read_graph_json

    from ..history import current_graph

    graph = nx.compose_all([read_graph_json(p) for p in paths])
    return graph if history else current_graph(graph)


def load_graph(paths: list[Path] | None):
    """Read the plans (the bundled ones when ``paths`` is empty) into one graph, warnings to stderr.

    JSON exports given as paths are read back instead (validated against the contract)."""
    from loaders import read_plans

    from ..graph import build_graph

    if (graph := json_exports(paths)) is not None:
        return graph
    unreadable = Unreadable()
    models = list(read_plans(paths, on_error=unreadable.on_error, issuer=given_issuer(), as_of=given_as_of(),
                             corrections=corrections(), cluster=given_cluster()))
    unreadable.check(len(models))
    graph = build_graph(models)
    for message in graph.graph.get("warnings", []):
        warn(message)
    return graph


def load_history(paths: list[Path] | None):
    """Like :func:`load_graph`, with the facts of every earlier version and their dates
    (:func:`graphmodel.history.history_graph`); a JSON export is read back as it is (with its history, if any)."""
    from loaders.plans import correction_rows, corrected, read_documents

    from ..history import history_graph

    if (graph := json_exports(paths, history=True)) is not None:
        return graph
    unreadable = Unreadable()
    documents = list(read_documents(paths, issuer=given_issuer(), on_error=unreadable.on_error, cluster=given_cluster()))
    rows = correction_rows(corrections())
    graph = history_graph(documents, as_of=given_as_of(), correct=lambda model: corrected(model, rows))
    unreadable.check(len({d["subdistrict"] for _, d in graph.nodes(data=True)}))
    for message in graph.graph.get("warnings", []):
        warn(message)
    return graph


def answer(paths: list[Path] | None, ask: Callable[[Any], T], about: Callable[[T], Iterable[str]]) -> T:
    """Read the plans into one graph and return ``ask(graph)``, warning only about the 街道 the answer uses.

    ``about(answer)`` gives the nodes the answer is about; the readers' warnings of their 街道 go to
    stderr, the others' not (a 街道 the answer does not touch has nothing to warn about). When
    ``ask`` fails (an unknown name: every plan was searched), every warning goes out before the error.
    """
    from loaders import read_plans

    from ..graph import build_graph

    if (graph := json_exports(paths)) is not None:
        return ask(graph)
    unreadable = Unreadable()
    models = list(read_plans(paths, on_error=unreadable.on_error, issuer=given_issuer(), as_of=given_as_of(),
                             corrections=corrections()))
    unreadable.check(len(models))
    graph = build_graph(models)
    used: set[str] | None = None
    try:
        result = ask(graph)
        used = {graph.nodes[node].get("subdistrict") for node in about(result)}
        return result
    finally:
        for model in models:
            if used is None or model.subdistrict in used:
                for message in model.warnings:
                    warn(message)


@app.command("ingest")
@guarded
def ingest(paths: Paths = None, max_bytes: MaxBytesOpt = None, fmt: FormatOpt = "table", lang: LangOpt = "zh",
           skip_unreadable: SkipOpt = False, issuer: IssuerOpt = None, corrections: CorrectionsOpt = None,
           as_of: AsOfOpt = None, cluster: ClusterOpt = None) -> None:
    """读取方案并汇总：每个街道（机关）的领导、单位、任务、目标、道路数，以及没有牵头领导的任务数。"""
    from ..summary import summarize
    from ._stream import per_plan

    lang = lang_of(lang)
    rows = [row for part in per_plan(paths, summarize) for row in part]
    render(rows, fmt, columns=columns_of("summary"), lang=lang, title=WORDS["summary"](lang))


class ExportFormat(str, Enum):
    json = "json"
    graphml = "graphml"
    csv = "csv"
    xlsx = "xlsx"
    neo4j_admin = "neo4j-admin"
    json_schema = "json-schema"
    review = "review"


def check_output(output: Path | None) -> None:
    """Fail (one line, exit 2) before any work when ``output`` cannot be written: a folder, or in a missing folder."""
    if output is None:
        return
    if output.is_dir():
        fail(ERRORS["output_is_folder"], output=output)
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        fail(ERRORS["output_folder_missing"], output=output, folder=folder)


def _raci_csv(graph, lang: str) -> str:
    """The task × unit matrix as CSV: English keys for the fixed columns, a unit's cell 责任 / 配合 (``--lang en``:
    responsible / cooperating); a text a spreadsheet would evaluate gets a leading apostrophe, numbers stay numbers."""
    from ..csv_cells import neutralise
    from ..raci import COOPERATING, RESPONSIBLE, raci_rows

    words = {RESPONSIBLE: REPORT["responsible"](lang), COOPERATING: REPORT["cooperating"](lang)}
    columns, rows = raci_rows(graph)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise(c) for c in columns])
    for row in rows:
        cells = ("" if row[c] is None else words.get(row[c], row[c]) for c in columns)
        writer.writerow([cell if isinstance(cell, (int, float)) else neutralise(str(cell)) for cell in cells])
    return buffer.getvalue()


def _review_workbook(graph, paths: list[Path] | None, lang: str) -> bytes:
    """The review workbook of the graph, with the text of each fact's line (read again from the documents)."""
    from ..report.review import build_review_workbook
    from ..review import review_rows

    lines = {}
    if json_exports(paths) is None:
        from loaders.plans import source_lines

        lines = source_lines(paths)
    return build_review_workbook(review_rows(graph, lines=lines, warnings=graph.graph.get("warnings", [])), lang=lang)


@app.command("export")
@guarded
def export(
    paths: Paths = None,
    max_bytes: MaxBytesOpt = None,
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", "-f",
        help="json（项目的数据契约）、graphml、csv（任务 × 单位矩阵，所有街道一张表）或 xlsx"
             "（给规划人员的表格：每个街道一张矩阵，另有审计发现、领导负担两张表；必须用 -o 写入文件），"
             "或 neo4j-admin（供 neo4j-admin database import 使用的 CSV 文件，-o 为目录），"
             "或 json-schema（json 导出的 JSON Schema，不读方案），"
             "或 review（审核表 .xlsx：每个事实一行，带出处、原文和读取警告，供人判断 对/错/缺 并填写更正；必须用 -o）。")] = "json",
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    skip_unreadable: SkipOpt = False,
    issuer: IssuerOpt = None,
    corrections: CorrectionsOpt = None,
    as_of: AsOfOpt = None,
    history: Annotated[bool, typer.Option(
        "--history", help="也导出早先版本的事实：每个节点与关系带 valid_from、valid_to（文件的日期；现行的 valid_to 为 null），"
                          "契约版本 3。只用于 json、graphml。")] = False,
    cluster: ClusterOpt = None,
) -> None:
    """导出整张责任图谱（json、graphml，节点与关系均带出处），或任务 × 单位的责任矩阵（csv、xlsx）。

    矩阵的每一行是一项任务：序号、所属项目、任务全文、牵头领导，每个单位一列，写“责任”或“配合”（--lang en：responsible、cooperating），
    以及出处（文件与行号）。csv 的固定列键为英文（subdistrict, number, goal, task, lead, file, line），
    其后每个单位一列。xlsx 没有 -o 时报错（退出码 2）：二进制内容不能写到终端。
    """
    lang = lang_of(lang)
    if history and fmt not in (ExportFormat.json, ExportFormat.graphml):
        fail(ERRORS["history_needs_graph_format"], format=fmt.value)
    if fmt == ExportFormat.json_schema:  # the contract itself: no plan is read
        import json

        from ..contract import json_schema

        check_output(output)
        write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", output)
        return
    if fmt in (ExportFormat.xlsx, ExportFormat.review) and output is None:
        fail(ERRORS["xlsx_needs_output"], format=fmt.value)
    if fmt == ExportFormat.neo4j_admin:
        if output is None:
            fail(ERRORS["admin_needs_output"])
        from ..neo4j.admin_import import RESTORE_FILE, import_command, write_import_files

        written = write_import_files(load_graph(paths), output)
        typer.echo(WORDS["import_written"](lang, output=output), err=True)
        typer.echo(import_command(written))
        if written["restore"]:
            typer.echo(WORDS["restore_escaped"](lang, file=output / RESTORE_FILE), err=True)
        return
    check_output(output)
    if fmt == ExportFormat.xlsx:  # per 街道: the analyses run on each plan as it is read, in the workers
        from ..report.workbook import workbook_pieces, write_workbook
        from ._stream import per_plan

        pieces = per_plan(paths, functools.partial(workbook_pieces, lang=lang))
        write_bytes(write_workbook(pieces, lang=lang), output)
        return
    graph = load_history(paths) if history else load_graph(paths)
    if fmt == ExportFormat.review:
        write_bytes(_review_workbook(graph, paths, lang), output)
        return
    if fmt == ExportFormat.csv:
        text = _raci_csv(graph, lang)
    else:
        from ..export import to_graphml, to_json

        text = to_json(graph) if fmt == ExportFormat.json else to_graphml(graph)
    write_text(text, output)
