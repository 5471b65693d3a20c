"""The review workbook: every fact read, one row each, with its evidence and columns for the reviewer's verdict."""

from __future__ import annotations

import io
from typing import Any

from ..labels import FACT_KINDS, REVIEW, REVIEW_COLUMNS, VERDICTS, notice, place, role_name, task_name

__all__ = ["build_review_workbook", "review_cells"]

_WIDTHS = {"subdistrict": 14, "fact": 14, "of": 36, "name": 16, "detail": 12, "file": 30, "line": 6, "place": 16,
           "source_text": 60, "warnings": 40, "verdict": 8, "correction": 18, "code": 24}


def review_cells(row: dict[str, Any], lang: str = "zh") -> dict[str, Any]:
    """One fact of :func:`graphmodel.review.review_rows` as the workbook's cells (keys of :data:`REVIEW_COLUMNS`).

    >>> row = {"code": "lead|甲/Task/1|张三", "kind": "lead", "subdistrict": "甲", "name": "张三", "value": None,
    ...        "anchor": {"id": "甲/Task/1", "label": "Task", "name": "修路", "number": 1}, "missing": False,
    ...        "evidence": {"file": "a.txt", "line": 5}, "text": "1.修路（张三牵头）", "notices": [], "inherited": False}
    >>> review_cells(row, "en")["of"], review_cells(row)["fact"]
    ('task 1: 修路', '牵头领导')
    """
    ev = row["evidence"] or {}
    anchor = row["anchor"]
    of = (f"{task_name(anchor, lang)}：{anchor['name']}" if lang == "zh" else f"{task_name(anchor, lang)}: {anchor['name']}"
          ) if anchor["label"] == "Task" else anchor["name"]
    value = role_name(row["value"], lang) if row["kind"] == "role" else row["value"]
    notes = [notice(n, lang).split(": ", 1)[-1] for n in row["notices"]]
    notes += [REVIEW["missing_fact"](lang)] if row["missing"] else []
    notes += [REVIEW["inherited"](lang)] if row.get("inherited") else []
    return {"subdistrict": row["subdistrict"], "fact": FACT_KINDS[row["kind"]](lang), "of": of,
            "name": row["name"] or None, "detail": value or None, "file": ev.get("file"), "line": ev.get("line"),
            "place": place(ev, lang) or None, "source_text": row.get("text") or None,
            "warnings": "\n".join(notes) or None, "verdict": None, "correction": None, "code": row["code"]}


def build_review_workbook(rows: list[dict[str, Any]], *, lang: str = "zh") -> bytes:
    """Return the review workbook (.xlsx) of the facts, as bytes.

    Parameters
    ----------
    rows : list of dict
        The facts, as :func:`graphmodel.review.review_rows` gives them (flagged rows first).
    lang : {"zh", "en"}
        The language of the headers and words; names and plan text stay as written.

    Returns
    -------
    bytes
        The workbook: a sheet of facts (a header row frozen and filtered; ``verdict`` a drop-down list of
        对 / 错 / 缺, or right / wrong / missing; text that starts with = kept as text), and a sheet saying how
        to use it.

    Raises
    ------
    ImportError
        When the ``openpyxl`` package is not installed.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = REVIEW["sheet"](lang)
    keys = [key for key, _ in REVIEW_COLUMNS]
    sheet.append([header(lang) for _, header in REVIEW_COLUMNS])
    for row in rows:
        cells = review_cells(row, lang)
        sheet.append([cells[k] for k in keys])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    flagged, wrap = PatternFill("solid", fgColor="FCE4C4"), Alignment(wrap_text=True, vertical="top")
    reviewer = PatternFill("solid", fgColor="FFF2CC")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
    for i, row in enumerate(rows, start=2):
        for cell in sheet[i]:
            cell.alignment = wrap
            if cell.data_type == "f":  # a plan is data, never a formula to run
                cell.data_type = "s"
        if row["notices"] or row["missing"]:
            sheet.cell(i, keys.index("warnings") + 1).fill = flagged
        for key in ("verdict", "correction"):
            sheet.cell(i, keys.index(key) + 1).fill = reviewer
    for key, width in _WIDTHS.items():
        sheet.column_dimensions[get_column_letter(keys.index(key) + 1)].width = width
    verdict = get_column_letter(keys.index("verdict") + 1)
    check = DataValidation(type="list", formula1='"' + ",".join(v(lang) for v in VERDICTS.values()) + '"',
                           allow_blank=True, showErrorMessage=True, promptTitle=REVIEW_COLUMNS[keys.index("verdict")][1](lang),
                           prompt=REVIEW["verdict_prompt"](lang))
    check.add(f"{verdict}2:{verdict}{max(len(rows) + 1, 2) + 500}")  # room for rows the reviewer adds
    sheet.add_data_validation(check)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    how = book.create_sheet(REVIEW["help_sheet"](lang))
    how["A1"] = REVIEW["help"](lang)
    how["A1"].alignment = wrap
    how.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
