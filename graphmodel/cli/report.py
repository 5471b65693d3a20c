"""The ``report`` command: one offline HTML page, or for many 街道 an index page and a page per 街道."""

from __future__ import annotations

import enum
import functools
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from ._common import CorrectionsOpt, IssuerOpt, LangOpt, MaxBytesOpt, Paths, SkipOpt, fail, given_issuer, guarded, lang_of, make_app
from .output import write_text
from .plans import check_output

__all__ = ["app"]

app = make_app("报告。")


class Pages(str, enum.Enum):
    auto = "auto"
    one = "one"
    split = "split"


@app.command("report")
@guarded
def report(
    paths: Paths = None,
    max_bytes: MaxBytesOpt = None,
    output: Annotated[Path, typer.Option(
        "--output", "-o",
        help="写入此 HTML 文件（先写临时文件，成功后再改名）；不写则写入当前文件夹的 report.html；"
             "写 - 则输出到标准输出（总是一个文件）。")] = Path("report.html"),
    pages: Annotated[Pages, typer.Option(
        "--pages",
        help="auto：不超过 10 个街道时写一个独立的 HTML 文件，超过 10 个时写索引页（-o 的文件）和旁边的"
             " 名称_files 文件夹（每个街道一页，共用一份 plotly.js）；one：总是一个文件；split：总是索引页加文件夹。")
    ] = Pages.auto,
    seed: Annotated[int, typer.Option("--seed", help="责任网络布局（networkx spring_layout）的随机种子。")] = 7,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="瓶颈柱状图中列出的领导和单位数。")] = 15,
    lang: LangOpt = "zh",
    skip_unreadable: SkipOpt = False,
    issuer: IssuerOpt = None,
    corrections: CorrectionsOpt = None,
) -> None:
    """生成 HTML 报告（中文，或 --lang en 英文；无需联网）：每个街道的汇总数字、可排序筛选的审计发现（附出处）、
    领导与单位负担的柱状图、可点击的责任网络（点击节点在右侧显示详情与出处），给出同一事项的几个版本时还有“变化”一节。

    不超过 10 个街道时是一个独立的文件（可直接发给别人）；超过 10 个街道时，-o report.html 写索引页 report.html
    和旁边的 report_files 文件夹（每个街道一页），发给别人时连同文件夹一起发送（--pages 可改）。
    不写 -o 时写入当前文件夹的 report.html，并在标准错误上说明写到了哪里。
    """
    from ..labels import ERRORS, WORDS

    lang = lang_of(lang)
    to_stdout = str(output) == "-"
    if not to_stdout:
        check_output(output)
    try:
        import numpy  # noqa: F401 — networkx's spring_layout needs it
        import plotly  # noqa: F401 — fail here with one line, not half-way through

        from ..report.html import one_page
        from ..report.pages import ONE_FILE_MAX, pages_folder, write_pages
    except ImportError as exc:
        fail(ERRORS["report_needs"](lang, error=exc))
    from ._stream import per_plan

    staging = Path(tempfile.mkdtemp(prefix=".report-", dir=None if to_stdout else (output.parent or Path("."))))
    try:
        render = functools.partial(_render_to, folder=str(staging), seed=seed, top=top, lang=lang,
                                   issuer=given_issuer())
        entries = [e for result in per_plan(paths, render) for e in result]
        one = to_stdout or pages == Pages.one or (pages == Pages.auto and len(entries) <= ONE_FILE_MAX)
        if one:
            page = one_page([_load(e) for e in entries], warnings=_distinct(w for e in entries for w in e["warnings"]),
                            lang=lang)
            write_text(page, None if to_stdout else output)
            if not to_stdout:
                typer.echo(WORDS["report_written"](lang, output=output, size=len(page.encode("utf-8"))), err=True)
            return
        size = write_pages((_load(e) | {"warnings": e["warnings"]} for e in entries), output, staging, lang=lang)
        typer.echo(WORDS["report_pages_written"](lang, output=output, size=size, folder=pages_folder(output),
                                                 n=len(entries)), err=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _render_to(graph, *, folder: str, seed: int, top: int, lang: str, issuer: str | None) -> list[dict[str, Any]]:
    """Render one body's 街道 (run in a worker): each part pickled into ``folder``; its file, its page's warnings."""
    from ..report.html import render_parts

    changes = _version_changes(graph, issuer)
    warnings = list(graph.graph.get("warnings", []))
    out = []
    for part in render_parts(graph, seed=seed, top=top, lang=lang, changes=changes):
        fd, name = tempfile.mkstemp(dir=folder, suffix=".part")
        with open(fd, "wb") as fh:
            pickle.dump(part, fh, protocol=pickle.HIGHEST_PROTOCOL)
        out.append({"file": name, "warnings": warnings})
    return out


def _load(entry: dict[str, Any]) -> dict[str, Any]:
    with open(entry["file"], "rb") as fh:
        return pickle.load(fh)


def _distinct(warnings) -> list:
    """The warnings once each (a graph read back from JSON gives each of its 街道 all of them)."""
    seen, out = set(), []
    for w in warnings:
        key = (w.kind, w.file, w.line, repr(sorted(w.values.items()))) if hasattr(w, "kind") else repr(w)
        if key not in seen:
            seen.add(key)
            out.append(w)
    return out


def _version_changes(graph, issuer: str | None) -> dict[str, list[dict[str, Any]]]:
    """街道 → what changed from each version of a matter to the next (graphmodel.analysis.diff), each change
    with the two files; the versions are those the readers' ``versions`` warnings name, in date order."""
    from loaders import read_plans

    from ..analysis.diff import diff
    from ..graph import build_graph

    out: dict[str, list[dict[str, Any]]] = {}
    for w in graph.graph.get("warnings", []):
        if getattr(w, "kind", None) != "versions":
            continue
        files = w.values["files"]
        if not all(Path(f).is_file() for f in files):  # a graph read back from JSON: its documents may be elsewhere
            continue
        for old, new in zip(files, files[1:]):
            changes = diff(build_graph(read_plans([old], issuer=issuer)), build_graph(read_plans([new], issuer=issuer)))
            out.setdefault(w.values["subdistrict"], []).extend(c | {"old": old, "new": new} for c in changes)
    return out
