"""The graph → the spreadsheet planners use: the task × unit matrix per 街道, the findings, the officials' load."""

from __future__ import annotations

import io
import re
from typing import Any

import networkx as nx

from ..analysis.audit import audit
from ..analysis.bottlenecks import bottlenecks
from ..raci import COOPERATING, RESPONSIBLE, raci_matrix
from ..labels import KINDS, SEVERITIES, finding_message, text

__all__ = ["build_workbook", "MATRIX_HEADERS", "FINDINGS_SHEET", "OFFICIALS_SHEET"]

#: The matrix sheet's columns before the unit columns, and after them.
MATRIX_HEADERS: tuple[tuple[str, ...], tuple[str, ...]] = (("序号", "所属项目", "任务", "牵头领导"), ("出处",))
FINDINGS_SHEET = "审计发现"
OFFICIALS_SHEET = "领导负担"

_FINDINGS_HEADERS = ("街道", "严重程度", "类型", "类型代码", "对象", "说明", "文件", "行")
_OFFICIALS_HEADERS = ("街道", "领导", "领导小组职务", "牵头任务", "作为责任部门负责人负责的任务", "合计任务",
                      "担任负责人的单位数", "中介中心度", "割点")
_FIXED_WIDTHS = (6, 16, 48, 12)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def build_workbook(graph: nx.MultiDiGraph) -> bytes:
    """Return an Excel workbook (.xlsx) of the plans, as bytes.

    Sheets: one per 街道 (named after it) with the task × unit matrix of
    :func:`~graphmodel.raci.raci_matrix` — a row per task (序号, 所属项目, 任务, 牵头领导, then a
    column per unit whose cell says 责任 or 配合, then 出处 file:line); then 审计发现 (the
    :func:`~graphmodel.analysis.audit.audit` findings, with file and line); then 领导负担 (the
    officials' rows of :func:`~graphmodel.analysis.bottlenecks.bottlenecks`). Every sheet has
    its header row frozen (the matrix also its first four columns), a filter on the header,
    and column widths set for Chinese text.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.

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
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE6F0")
    fills = {RESPONSIBLE: PatternFill("solid", fgColor="A9D18E"), COOPERATING: PatternFill("solid", fgColor="E2F0D9")}
    no_lead = PatternFill("solid", fgColor="F8D7D3")
    wrap = Alignment(wrap_text=True, vertical="top")
    center = Alignment(horizontal="center", vertical="center")
    vertical = Alignment(horizontal="center", vertical="bottom", text_rotation=255)  # stacked, for CJK names

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for matrix in raci_matrix(graph):
        sheet = book.create_sheet(_sheet_name(matrix["subdistrict"], used))
        before, after = MATRIX_HEADERS
        units = matrix["units"]
        sheet.append([*before, *units, *after])
        for row in matrix["rows"]:
            evidence = row["evidence"] or {}
            sheet.append([row["number"], row["goal"], row["text"], "、".join(row["lead"]) or None,
                          *(row["cells"].get(unit) for unit in units),
                          f"{evidence['file']}:{evidence['line']}" if evidence else None])
        first_unit, last_unit = len(before) + 1, len(before) + len(units)
        for cell in sheet[1]:
            cell.font, cell.fill = bold, header_fill
            cell.alignment = vertical if first_unit <= cell.column <= last_unit else center
        longest = max((len(u) for u in units), default=4)
        sheet.row_dimensions[1].height = min(15 * longest + 10, 409)
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if first_unit <= cell.column <= last_unit:
                    cell.alignment = center
                    if cell.value in fills:
                        cell.fill = fills[cell.value]
                else:
                    cell.alignment = wrap
            if not cells[3].value:
                cells[3].fill = no_lead
        for i, width in enumerate(_FIXED_WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        for column in range(first_unit, last_unit + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 5.5
        sheet.column_dimensions[get_column_letter(last_unit + 1)].width = 40
        sheet.freeze_panes = sheet.cell(row=2, column=len(before) + 1)
        sheet.auto_filter.ref = sheet.dimensions

    findings = book.create_sheet(_sheet_name(FINDINGS_SHEET, used))
    findings.append(_FINDINGS_HEADERS)
    for f in audit(graph):
        evidence = f["evidence"] or {}
        findings.append([f["subdistrict"], text(SEVERITIES, f["severity"]), text(KINDS, f["kind"]),
                         f["kind"], f["subjects"][0]["name"], finding_message(f), evidence.get("file"),
                         evidence.get("line")])
    _plain_sheet(findings, (14, 8, 18, 26, 18, 70, 40, 6), bold, header_fill, wrap)

    officials = book.create_sheet(_sheet_name(OFFICIALS_SHEET, used))
    officials.append(_OFFICIALS_HEADERS)
    for r in bottlenecks(graph)["officials"]:
        officials.append([r["subdistrict"], r["official"], r["role"], r["tasks_led"], r["tasks_accountable"],
                          r["load"], r["units_headed"], r["betweenness"],
                          "是" if r["articulation"] else None])
    _plain_sheet(officials, (14, 10, 12, 10, 16, 10, 12, 10, 6), bold, header_fill, wrap)

    for sheet in book.worksheets:
        _no_formulas(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _no_formulas(sheet: Any) -> None:
    """Keep text that starts with = as text: a plan is data, never a formula to run."""
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.data_type == "f":
                cell.data_type = "s"


def _plain_sheet(sheet: Any, widths: tuple[int, ...], bold: Any, fill: Any, wrap: Any) -> None:
    from openpyxl.utils import get_column_letter

    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = wrap
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
