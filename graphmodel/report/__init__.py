"""Reports for people: one offline HTML page and the planners' spreadsheet (plotly and openpyxl, imported when used)."""

from __future__ import annotations

from .html import build_report
from .workbook import build_workbook

__all__ = ["build_report", "build_workbook"]
