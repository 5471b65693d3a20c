"""The graph → the spreadsheet planners use: the task × unit matrix per 街道, the findings, the officials' load."""

from __future__ import annotations

import io
import re
from typing import Any

import networkx as nx

from ..analysis.audit import audit
from ..analysis.bottlenecks import bottlenecks
from ..labels import KINDS, SEVERITIES, WORDS, WORKBOOK, finding_message, join, role_name, text, where
from ..raci import COOPERATING, RESPONSIBLE, raci_matrix

__all__ = ["build_workbook", "MATRIX_HEADERS", "FINDINGS_SHEET", "OFFICIALS_SHEET"]

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

    Raises
    ------
    ImportError
        When the ``openpyxl`` package is not installed.
    """
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    style = _Style()
    for matrix in raci_matrix(graph):
        _matrix_sheet(book.create_sheet(_sheet_name(matrix["subdistrict"], used)), matrix, style, lang)
    _findings_sheet(book.create_sheet(_sheet_name(WORKBOOK[FINDINGS_SHEET](lang), used)), graph, style, lang)
    _officials_sheet(book.create_sheet(_sheet_name(WORKBOOK[OFFICIALS_SHEET](lang), used)), graph, style, lang)
    for sheet in book.worksheets:
        _no_formulas(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class _Style:
    """The fills, fonts and alignments every sheet shares."""

    def __init__(self):
        from openpyxl.styles import Alignment, Font, PatternFill

        self.bold = Font(bold=True)
        self.header_fill = PatternFill("solid", fgColor="DDE6F0")
        self.fills = {RESPONSIBLE: PatternFill("solid", fgColor="A9D18E"),
                      COOPERATING: PatternFill("solid", fgColor="E2F0D9")}
        self.no_lead = PatternFill("solid", fgColor="F8D7D3")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.center = Alignment(horizontal="center", vertical="center")
        self.vertical = Alignment(horizontal="center", vertical="bottom", text_rotation=255)  # stacked, for CJK


def _matrix_sheet(sheet: Any, matrix: dict[str, Any], style: _Style, lang: str) -> None:
    """One 街道's task × unit matrix: a row per task, a column per unit."""
    from openpyxl.utils import get_column_letter

    before, after = ([WORKBOOK[key](lang) for key in keys] for keys in MATRIX_HEADERS)
    units = matrix["units"]
    sheet.append([*before, *units, *after])
    for row in matrix["rows"]:
        cells = [text(WORKBOOK, row["cells"][unit], lang) if row["cells"].get(unit) else None for unit in units]
        sheet.append([row["number"], row["goal"], row["text"], join(row["lead"], lang) or None, *cells,
                      where(row["evidence"], lang) or None])
    first_unit, last_unit = len(before) + 1, len(before) + len(units)
    for cell in sheet[1]:
        cell.font, cell.fill = style.bold, style.header_fill
        cell.alignment = style.vertical if first_unit <= cell.column <= last_unit else style.center
    longest = max((len(u) for u in units), default=4)
    sheet.row_dimensions[1].height = min(15 * longest + 10, 409)
    fills = {text(WORKBOOK, word, lang): fill for word, fill in style.fills.items()}
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if first_unit <= cell.column <= last_unit:
                cell.alignment = style.center
                if cell.value in fills:
                    cell.fill = fills[cell.value]
            else:
                cell.alignment = style.wrap
        if not cells[3].value:
            cells[3].fill = style.no_lead
    for i, width in enumerate(_FIXED_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for column in range(first_unit, last_unit + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 5.5
    sheet.column_dimensions[get_column_letter(last_unit + 1)].width = 40
    sheet.freeze_panes = sheet.cell(row=2, column=len(before) + 1)
    sheet.auto_filter.ref = sheet.dimensions


def _findings_sheet(sheet: Any, graph: nx.MultiDiGraph, style: _Style, lang: str) -> None:
    sheet.append([WORKBOOK[key](lang) for key in _FINDINGS_HEADERS])
    for f in audit(graph):
        evidence = f["evidence"] or {}
        sheet.append([f["subdistrict"], text(SEVERITIES, f["severity"], lang), text(KINDS, f["kind"], lang),
                      f["kind"], f["subjects"][0]["name"], finding_message(f, lang), evidence.get("file"),
                      evidence.get("line")])
    _plain_sheet(sheet, (14, 8, 18, 26, 18, 70, 40, 6), style)


def _officials_sheet(sheet: Any, graph: nx.MultiDiGraph, style: _Style, lang: str) -> None:
    sheet.append([WORKBOOK[key](lang) for key in _OFFICIALS_HEADERS])
    for r in bottlenecks(graph)["officials"]:
        sheet.append([r["subdistrict"], r["official"], role_name(r["role"], lang) or None, r["tasks_led"],
                      r["tasks_accountable"], r["load"], r["units_headed"], r["betweenness"],
                      WORDS["yes"](lang) if r["articulation"] else None])
    _plain_sheet(sheet, (14, 10, 12, 10, 16, 10, 12, 10, 6), style)


def _no_formulas(sheet: Any) -> None:
    """Keep text that starts with = as text: a plan is data, never a formula to run."""
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.data_type == "f":
                cell.data_type = "s"


def _plain_sheet(sheet: Any, widths: tuple[int, ...], style: _Style) -> None:
    from openpyxl.utils import get_column_letter

    for cell in sheet[1]:
        cell.font, cell.fill = style.bold, style.header_fill
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = style.wrap
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _sheet_name(name: str, used: set[str]) -> str:
    """An Excel sheet name: no []:*?/\\, at most 31 characters, not used yet."""
    base = _BAD_SHEET_CHARS.sub("_", name)[:31] or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate
