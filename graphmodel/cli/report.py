"""The ``report`` command: one offline HTML page per run, for people to read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import CorrectionsOpt, IssuerOpt, LangOpt, MaxBytesOpt, Paths, SkipOpt, fail, guarded, lang_of, make_app
from .output import write_text
from .plans import check_output, load_graph

__all__ = ["app"]

app = make_app("报告。")


@app.command("report")
@guarded
def report(
    paths: Paths = None,
    max_bytes: MaxBytesOpt = None,
    output: Annotated[Path, typer.Option(
        "--output", "-o",
        help="写入此 HTML 文件（先写临时文件，成功后再改名）；不写则写入当前文件夹的 report.html；"
             "写 - 则输出到标准输出。")] = Path("report.html"),
    seed: Annotated[int, typer.Option("--seed", help="责任网络布局（networkx spring_layout）的随机种子。")] = 7,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="瓶颈柱状图中列出的领导和单位数。")] = 15,
    lang: LangOpt = "zh",
    skip_unreadable: SkipOpt = False,
    issuer: IssuerOpt = None,
    corrections: CorrectionsOpt = None,
) -> None:
    """生成一个独立的 HTML 报告（中文，或 --lang en 英文；无需联网）：每个街道的汇总数字、可排序筛选的审计发现（附出处）、
    领导与单位负担的柱状图，以及可点击的责任网络（点击节点在右侧显示详情与出处）。

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

        from ..report.html import build_report
    except ImportError as exc:
        fail(ERRORS["report_needs"](lang, error=exc))
    graph = load_graph(paths)
    page = build_report(graph, seed=seed, top=top, lang=lang)
    if to_stdout:
        write_text(page, None)
        return
    write_text(page, output)
    typer.echo(WORDS["report_written"](lang, output=output, size=len(page.encode("utf-8"))), err=True)
