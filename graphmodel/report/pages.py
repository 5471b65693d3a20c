"""A report of many 街道: an index page, and one page per 街道 in a folder beside it that holds plotly.js once."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import quote

from ..labels import REPORT, STATS
from .figures import FONT_FAMILY
from .html import ALERT_STATS, _e, _static, one_page

__all__ = ["ONE_FILE_MAX", "pages_folder", "page_name", "plotly_file", "index_page", "write_pages"]

#: Up to this many 街道 the report is one self-contained file; more give an index page and a folder of pages.
ONE_FILE_MAX = 10

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*#%&\'\s]+')  # what file systems refuse, and what a link would misread


def pages_folder(output: Path) -> Path:
    """The folder of the 街道's pages beside the index page: ``report.html`` → ``report_files``.

    >>> pages_folder(Path("out/report.html")).as_posix()
    'out/report_files'
    """
    return output.with_name(f"{output.stem}_files")


def page_name(index: int, subdistrict: str) -> str:
    """The file of one 街道's page: its place in the report and its name, without characters a file system refuses.

    >>> page_name(0, "金杨新村街道"), page_name(11, "甲/乙 街道")
    ('0001-金杨新村街道.html', '0012-甲_乙_街道.html')
    """
    safe = _UNSAFE.sub("_", subdistrict).strip("._")[:60] or "page"
    return f"{index + 1:04d}-{safe}.html"


def plotly_file() -> str:
    """The name of the plotly.js file the pages share (its version in the name, so that a page finds its own)."""
    import plotly

    return f"plotly-{plotly.__version__}.min.js"


def index_page(rows: list[dict[str, Any]], links: list[str], *, folder: str, warnings: list[int],
               title: str | None = None, lang: str = "zh") -> str:
    """The index page: one row per 街道 with its stat cards' numbers, linked to its page; no plotly.

    Parameters
    ----------
    rows : list of dict
        Each 街道's ``row`` of :func:`graphmodel.report.html.render_parts`.
    links : list of str
        The address of each 街道's page, relative to the index.
    folder : str
        The folder of the pages, as the footer names it.
    warnings : list of int
        How many readers' warnings each 街道's page lists.
    title : str, optional
        The report's title.
    lang : {"zh", "en"}
        The language of the page's words.

    Returns
    -------
    str
        The HTML page.
    """
    title = title or REPORT["title"](lang)
    keys = list(rows[0]["stats"]) if rows else []
    head = ([f'<th aria-sort="none">{_e(REPORT[k](lang))}</th>' for k in ("index_subdistrict", "index_plan")]
            + [f'<th data-type="number" aria-sort="none">{_e(STATS[k](lang))}</th>' for k in keys]
            + [f'<th data-type="number" aria-sort="none">{_e(REPORT[k](lang))}</th>' for k in ("changes", "index_warnings")])
    body = []
    for row, link, warned in zip(rows, links, warnings):
        cells = [f'<td><a href="{_e(link)}">{_e(row["subdistrict"])}</a></td>', f'<td>{_e(row["plan"] or "")}</td>']
        for k in keys:
            value = row["stats"][k]
            number = value if isinstance(value, int) else -1
            alert = " alert" if k in ALERT_STATS and value else ""
            cells.append(f'<td class="num{alert}" data-sort="{number}">{_e(value)}</td>')
        cells += [f'<td class="num" data-sort="{n}">{n}</td>' for n in (row["changes"], warned)]
        body.append(f'<tr data-subdistrict="{_e(row["subdistrict"])}">{"".join(cells)}</tr>')
    content = (
        f'<header class="page"><h1>{_e(title)}</h1><p class="lede">{_e(REPORT["index_lede"](lang, n=len(rows)))}</p>'
        f'<div class="toolbar"><input class="filter" type="search" placeholder="{_e(REPORT["index_filter"](lang))}" '
        f'aria-label="{_e(REPORT["index_filter"](lang))}"></div></header>'
        f'<main class="index"><div class="table-wrap index-wrap"><table class="index"><thead><tr>{"".join(head)}</tr>'
        f'</thead><tbody>{"".join(body)}</tbody></table></div></main>'
        f'<footer>{_e(REPORT["index_footer"](lang, folder=folder))}</footer>'
    )
    return Template(_static("index.html")).substitute(
        lang=REPORT["html_lang"](lang), title=_e(title), css=_static("report.css").replace("__FONT_FAMILY__", FONT_FAMILY),
        script=_static("sortable.js") + _static("index.js"), body=content)


def write_pages(parts: Iterable[dict[str, Any]], output: Path, staging: Path, *, title: str | None = None,
                lang: str = "zh") -> int:
    """Write the index page to ``output`` and each 街道's page into :func:`pages_folder` beside it.

    Everything is written into ``staging`` (a folder on the same file system) first and moved into place
    at the end, the folder of an earlier report replaced as a whole: a failure leaves the earlier report
    as it was, and nothing half-written.

    Parameters
    ----------
    parts : iterable of dict
        The 街道's parts (:func:`graphmodel.report.html.render_parts`), each with the ``warnings`` of its page.
    output : Path
        The index page.
    staging : Path
        An empty folder beside ``output``, removed by the caller.
    title, lang
        As :func:`graphmodel.report.html.one_page`.

    Returns
    -------
    int
        The size of the index page in bytes.
    """
    import plotly.offline

    folder = pages_folder(output)
    pages = staging / folder.name
    pages.mkdir()
    library = plotly_file()
    (pages / library).write_text(plotly.offline.get_plotlyjs(), encoding="utf-8")
    title = title or REPORT["title"](lang)
    rows, links, warned = [], [], []
    home = (f"../{quote(output.name)}", REPORT["home"](lang))
    for i, part in enumerate(parts):
        name = page_name(i, part["subdistrict"])
        page = one_page([part], warnings=part["warnings"], lang=lang, plotly_src=library, home=home,
                        title=REPORT["page_title"](lang, subdistrict=part["subdistrict"], title=title))
        (pages / name).write_text(page, encoding="utf-8")
        rows.append(part["row"])
        links.append(quote(f"{folder.name}/{name}"))
        warned.append(len(part["warnings"]))
    index = index_page(rows, links, folder=folder.name, warnings=warned, title=title, lang=lang)
    (staging / output.name).write_text(index, encoding="utf-8")
    _move_into_place(staging, output, folder)
    return len(index.encode("utf-8"))


def _move_into_place(staging: Path, output: Path, folder: Path) -> None:
    """Replace the earlier folder (moved into ``staging``, removed with it) and the index, each by a rename."""
    if folder.exists() or folder.is_symlink():
        if not folder.is_dir() or folder.is_symlink():
            os.replace(folder, staging / "earlier")
        else:
            folder.rename(staging / "earlier")
    (staging / folder.name).rename(folder)
    os.replace(staging / output.name, output)
    shutil.rmtree(staging / "earlier", ignore_errors=True)
