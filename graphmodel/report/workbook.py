"""The graph → the spreadsheet planners use: the task × unit matrix per 街道, the findings, the officials' load."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..analysis.audit import audit
from ..analysis.bottlenecks import bottlenecks
from ..labels import KINDS, SEVERITIES, WORDS, WORKBOOK, finding_message, join, role_name, text, where
from ..raci import COOPERATING, RESPONSIBLE, raci_matrix
from ._xlsx import sheet_xml, workbook_bytes

__all__ = ["build_workbook", "workbook_pieces", "write_workbook", "MATRIX_HEADERS", "FINDINGS_SHEET", "OFFICIALS_SHEET"]

#: The matrix sheet's columns before the unit columns, and after them (keys of :data:`graphmodel.labels.WORKBOOK`).
MATRIX_HEADERS: tuple[tuple[str, ...], tuple[str, ...]] = (("number", "goal", "task", "lead"), ("evidence",))
FINDINGS_SHEET = "findings_sheet"
OFFICIALS_SHEET = "officials_sheet"

_FINDINGS_HEADERS = ("subdistrict", "severity", "kind", "kind_code", "subject", "message", "file", "line")
_OFFICIALS_HEADERS = ("subdistrict", "official", "role", "tasks_led", "tasks_accountable", "load", "units_headed",
                      "betweenness", "articulation")
_FIXED_WIDTHS = (6, 16, 48, 12)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def build_workbook(graph: nx.MultiDiGraph, *, lang: str = "zh") -> bytes:
    """Return an Excel workbook (.xlsx) of the plans, as bytes.

    Sheets: one per 街道 (named after it) with the task × unit matrix of
    :func:`~graphmodel.raci.raci_matrix` — a row per task (序号, 所属项目, 任务, 牵头领导, then a
    column per unit whose cell says 责任 or 配合, then 出处 file:line); then 审计发现 (the
    :func:`~graphmodel.analysis.audit.audit` findings, with file and line); then 领导负担 (the
    officials' rows of :func:`~graphmodel.analysis.bottlenecks.bottlenecks`). Every sheet has
    its header row frozen (the matrix also its first four columns), a filter on the header,
    and column widths set for Chinese text. With ``lang="en"`` every header, sheet name, cell
    word (resp. / coop.), kind, role and sentence is English (:data:`graphmodel.labels.WORKBOOK`);
    names and plan text stay as written.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.
    lang : {"zh", "en"}
        The language of the words.

    Returns
    -------
    bytes
        The .xlsx file.

    The file is written by :mod:`graphmodel.report._xlsx` (inline strings, a few fixed looks); openpyxl
    set a style on each cell and took most of the time of ``export --format xlsx`` on many plans.
    """
    return write_workbook([workbook_pieces(graph, lang=lang)], lang=lang)


def workbook_pieces(graph: nx.MultiDiGraph, *, lang: str = "zh") -> dict[str, list[Any]]:
    """What the workbook shows of a graph: ``{"matrices", "findings", "officials"}``.

    ``matrices``: each 街道's matrix sheet, written (``(街道, worksheet XML, filter range)``); ``findings``
    and ``officials``: the rows of :func:`~graphmodel.analysis.audit.audit` and of
    :func:`~graphmodel.analysis.bottlenecks.bottlenecks`. The work of :func:`build_workbook` but the last
    step, so that it can run on each plan where it is read (:func:`loaders.stream.map_plans`); the pieces
    of several plans, in order, make the workbook of all of them (:func:`write_workbook`): each analysis
    answers per 街道, so the pieces of the plans one by one are the pieces of their graph together.
    """
    return {"matrices": [(m["subdistrict"], *_matrix_sheet(m, lang)) for m in raci_matrix(graph)],
            "findings": audit(graph), "officials": bottlenecks(graph)["officials"]}


def write_workbook(pieces: Iterable[dict[str, list[Any]]], *, lang: str = "zh") -> bytes:
    """Return the workbook of :func:`build_workbook` from the pieces of one or more graphs (:func:`workbook_pieces`)."""
    pieces = list(pieces)
    used: set[str] = set()
    sheets = [(_sheet_name(sd, used), xml, ref) for piece in pieces for sd, xml, ref in piece["matrices"]]
    findings = [f for piece in pieces for f in piece["findings"]]
    sheets.append((_sheet_name(WORKBOOK[FINDINGS_SHEET](lang), used), *_findings_sheet(findings, lang)))
    officials = [r for piece in pieces for r in piece["officials"]]
    sheets.append((_sheet_name(WORKBOOK[OFFICIALS_SHEET](lang), used), *_officials_sheet(officials, lang)))
    return workbook_bytes(sheets)


def _matrix_sheet(matrix: dict[str, Any], lang: str) -> tuple[str, str]:
    """One 街道's task × unit matrix: a row per task, a column per unit (its XML and filter range)."""
    before, after = ([WORKBOOK[key](lang) for key in keys] for keys in MATRIX_HEADERS)
    units = matrix["units"]
    first_unit, last_unit = len(before) + 1, len(before) + len(units)
    widths = dict(enumerate(_FIXED_WIDTHS, start=1)) | {c: 5.5 for c in range(first_unit, last_unit + 1)}
    widths[last_unit + 1] = 40
    longest = max((len(u) for u in units), default=4)
    words = {word: text(WORKBOOK, word, lang) for word in (RESPONSIBLE, COOPERATING)}
    looks = {RESPONSIBLE: "responsible", COOPERATING: "cooperating"}

    def rows():
        yield ([(v, "header") for v in before] + [(u, "header_unit") for u in units] + [(v, "header") for v in after])
        for row in matrix["rows"]:
            lead = join(row["lead"], lang) or None
            cells = row["cells"]
            yield ([(row["number"], "wrap"), (row["goal"], "wrap"), (row["text"], "wrap"),
                    (lead, "wrap" if lead else "no_lead")]
                   + [(words[cells[u]], looks[cells[u]]) if cells.get(u) else None for u in units]
                   + [(where(row["evidence"], lang) or None, "wrap")])

    return sheet_xml(rows(), widths=widths, freeze=(len(before), 1), header_height=min(15 * longest + 10, 409),
                     columns=last_unit + len(after))


def _findings_sheet(findings: list[dict[str, Any]], lang: str) -> tuple[str, str]:
    def rows():
        for f in findings:
            evidence = f["evidence"] or {}
            yield [f["subdistrict"], text(SEVERITIES, f["severity"], lang), text(KINDS, f["kind"], lang),
                   f["kind"], f["subjects"][0]["name"], finding_message(f, lang), evidence.get("file"),
                   evidence.get("line")]

    return _plain_sheet([WORKBOOK[key](lang) for key in _FINDINGS_HEADERS], rows(), (14, 8, 18, 26, 18, 70, 40, 6))


def _officials_sheet(officials: list[dict[str, Any]], lang: str) -> tuple[str, str]:
    rows = ([r["subdistrict"], r["official"], role_name(r["role"], lang) or None, r["tasks_led"],
             r["tasks_accountable"], r["load"], r["units_headed"], r["betweenness"],
             WORDS["yes"](lang) if r["articulation"] else None] for r in officials)
    return _plain_sheet([WORKBOOK[key](lang) for key in _OFFICIALS_HEADERS], rows, (14, 10, 12, 10, 16, 10, 12, 10, 6))


def _plain_sheet(headers: list[str], rows: Iterable[list[Any]], widths: tuple[int, ...]) -> tuple[str, str]:
    """A sheet of a header and rows: the header bold and frozen, a filter on it, the text wrapped."""
    every = ([(h, "header") for h in headers], *([(v, "wrap") for v in row] for row in rows))
    return sheet_xml(every, widths=dict(enumerate(widths, start=1)), freeze=(0, 1), columns=len(headers))


def _sheet_name(name: str, used: set[str]) -> str:
    """An Excel sheet name: no []:*?/\\, at most 31 characters, not used yet."""
    base = _BAD_SHEET_CHARS.sub("_", name)[:31] or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate
