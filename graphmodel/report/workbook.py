"""The graph → the spreadsheet planners use: the task × unit matrix per 街道, the findings, the officials' load."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..analysis.audit import audit
from ..analysis.bottlenecks import bottlenecks
from ..labels import KINDS, SEVERITIES, WORDS, WORKBOOK, finding_message, join, role_name, text, where
from ..raci import COOPERATING, RESPONSIBLE, raci_matrix

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

    Raises
    ------
    ImportError
        When the ``openpyxl`` package is not installed.
    """
    return write_workbook([workbook_pieces(graph)], lang=lang)


def workbook_pieces(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """What the workbook shows of a graph, as plain data: ``{"matrices", "findings", "officials"}``.

    The analyses of :func:`build_workbook`, separate from the writing, so that they can run on each plan
    where it is read (:func:`loaders.stream.map_plans`); the pieces of several plans, in order, make the
    workbook of all of them (:func:`write_workbook`). Each analysis answers per 街道, so the pieces of
    the plans one by one are the pieces of their graph together.
    """
    return {"matrices": raci_matrix(graph), "findings": audit(graph),
            "officials": bottlenecks(graph)["officials"]}


def write_workbook(pieces: Iterable[dict[str, list[dict[str, Any]]]], *, lang: str = "zh") -> bytes:
    """Return the workbook of :func:`build_workbook` from the pieces of one or more graphs (:func:`workbook_pieces`).

    Raises
    ------
    ImportError
        When the ``openpyxl`` package is not installed.
    """
    from openpyxl import Workbook

    pieces = list(pieces)
    book = Workbook(write_only=True)  # rows streamed to the file as they are added: fast, and little memory
    used: set[str] = set()
    style = _Style(book)
    for piece in pieces:
        for matrix in piece["matrices"]:
            _matrix_sheet(book.create_sheet(_sheet_name(matrix["subdistrict"], used)), matrix, style, lang)
    findings = [f for piece in pieces for f in piece["findings"]]
    _findings_sheet(book.create_sheet(_sheet_name(WORKBOOK[FINDINGS_SHEET](lang), used)), findings, style, lang)
    officials = [r for piece in pieces for r in piece["officials"]]
    _officials_sheet(book.create_sheet(_sheet_name(WORKBOOK[OFFICIALS_SHEET](lang), used)), officials, style, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class _Style:
    """The looks every sheet shares, each registered once with the workbook; :meth:`cell` gives a cell one of them
    by copying its style indices (setting a font or fill on each cell would look it up in the workbook anew)."""

    def __init__(self, book):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font, PatternFill

        self._sheet = book.create_sheet("_styles")  # only to make the prototypes; removed below
        bold, header = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
        wrap = Alignment(wrap_text=True, vertical="top")
        center = Alignment(horizontal="center", vertical="center")
        looks = {
            "header": (bold, header, center),
            "header_unit": (bold, header, Alignment(horizontal="center", vertical="bottom", text_rotation=255)),
            "wrap": (None, None, wrap),
            "no_lead": (None, PatternFill("solid", fgColor="F8D7D3"), wrap),
            "center": (None, None, center),
            RESPONSIBLE: (None, PatternFill("solid", fgColor="A9D18E"), center),
            COOPERATING: (None, PatternFill("solid", fgColor="E2F0D9"), center),
        }
        self._protos = {}
        for name, (font, fill, alignment) in looks.items():
            proto = WriteOnlyCell(self._sheet)
            if font:
                proto.font = font
            if fill:
                proto.fill = fill
            proto.alignment = alignment
            self._protos[name] = proto._style
        book._sheets.remove(self._sheet)
        self._cell = WriteOnlyCell

    def cell(self, sheet: Any, value: Any, look: str) -> Any:
        """A cell of ``sheet`` holding ``value`` with the look ``look``; text that starts with = stays text
        (a plan is data, never a formula to run)."""
        from copy import copy

        cell = self._cell(sheet, value)
        cell._style = copy(self._protos[look])
        if cell.data_type == "f":
            cell.data_type = "s"
        return cell


def _matrix_sheet(sheet: Any, matrix: dict[str, Any], style: _Style, lang: str) -> None:
    """One 街道's task × unit matrix: a row per task, a column per unit."""
    from openpyxl.utils import get_column_letter

    before, after = ([WORKBOOK[key](lang) for key in keys] for keys in MATRIX_HEADERS)
    units = matrix["units"]
    first_unit, last_unit = len(before) + 1, len(before) + len(units)
    for i, width in enumerate(_FIXED_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for column in range(first_unit, last_unit + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 5.5
    sheet.column_dimensions[get_column_letter(last_unit + 1)].width = 40
    longest = max((len(u) for u in units), default=4)
    sheet.row_dimensions[1].height = min(15 * longest + 10, 409)
    sheet.freeze_panes = f"{get_column_letter(len(before) + 1)}2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(last_unit + len(after))}{len(matrix['rows']) + 1}"
    sheet.append([style.cell(sheet, v, "header") for v in before]
                 + [style.cell(sheet, u, "header_unit") for u in units]
                 + [style.cell(sheet, v, "header") for v in after])
    for row in matrix["rows"]:
        lead = join(row["lead"], lang) or None
        cells = [style.cell(sheet, row["number"], "wrap"), style.cell(sheet, row["goal"], "wrap"),
                 style.cell(sheet, row["text"], "wrap"), style.cell(sheet, lead, "wrap" if lead else "no_lead")]
        for unit in units:
            word = row["cells"].get(unit)
            cells.append(style.cell(sheet, text(WORKBOOK, word, lang), word) if word else style.cell(sheet, None, "center"))
        cells.append(style.cell(sheet, where(row["evidence"], lang) or None, "wrap"))
        sheet.append(cells)


def _findings_sheet(sheet: Any, findings: list[dict[str, Any]], style: _Style, lang: str) -> None:
    rows = []
    for f in findings:
        evidence = f["evidence"] or {}
        rows.append([f["subdistrict"], text(SEVERITIES, f["severity"], lang), text(KINDS, f["kind"], lang),
                     f["kind"], f["subjects"][0]["name"], finding_message(f, lang), evidence.get("file"),
                     evidence.get("line")])
    _plain_sheet(sheet, [WORKBOOK[key](lang) for key in _FINDINGS_HEADERS], rows, (14, 8, 18, 26, 18, 70, 40, 6), style)


def _officials_sheet(sheet: Any, officials: list[dict[str, Any]], style: _Style, lang: str) -> None:
    rows = [[r["subdistrict"], r["official"], role_name(r["role"], lang) or None, r["tasks_led"],
             r["tasks_accountable"], r["load"], r["units_headed"], r["betweenness"],
             WORDS["yes"](lang) if r["articulation"] else None] for r in officials]
    _plain_sheet(sheet, [WORKBOOK[key](lang) for key in _OFFICIALS_HEADERS], rows, (14, 10, 12, 10, 16, 10, 12, 10, 6),
                 style)


def _plain_sheet(sheet: Any, headers: list[str], rows: list[list[Any]], widths: tuple[int, ...], style: _Style) -> None:
    """A sheet of a header and rows: the header bold and frozen, a filter on it, the text wrapped."""
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    sheet.append([style.cell(sheet, h, "header") for h in headers])
    for row in rows:
        sheet.append([style.cell(sheet, v, "wrap") for v in row])


def _sheet_name(name: str, used: set[str]) -> str:
    """An Excel sheet name: no []:*?/\\, at most 31 characters, not used yet."""
    base = _BAD_SHEET_CHARS.sub("_", name)[:31] or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate
