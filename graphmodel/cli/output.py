"""Render results as a table (rich, on stdout), JSON or CSV: the only place the CLI prints results."""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Sequence

from ..csv_cells import neutralise
from ..labels import TABLES, WORDS, L, join, number, where

__all__ = ["Column", "columns_of", "render", "write_text", "write_bytes"]


class Column(tuple):
    """A column: ``(key, header)``, the header an :class:`~graphmodel.labels.L` (Chinese and English)."""

    __slots__ = ()

    def __new__(cls, key: str, header: L | str | None = None, en: str | None = None):
        if isinstance(header, str):  # Column(key, 中文, English)
            header = L(header, en or header)
        return super().__new__(cls, (key, header or L(key, key)))


def columns_of(table: str) -> list[Column]:
    """The columns of one of :data:`graphmodel.labels.TABLES`."""
    return [Column(key, header) for key, header in TABLES[table]]


def _cell(value: Any, lang: str = "zh") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return WORDS["yes" if value else "no"](lang)
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, (list, tuple)):
        return join((_cell(v, lang) for v in value), lang)
    if isinstance(value, dict):
        if set(value) >= {"file", "line"}:
            return where(value, lang)
        if "name" in value:
            return str(value["name"])
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def render(
    rows: Sequence[dict[str, Any]] | dict[str, Any],
    fmt: str = "table",
    *,
    columns: Sequence[Column] | None = None,
    lang: str = "zh",
    title: str | None = None,
    json_data: Any = None,
) -> None:
    """Write ``rows`` to stdout as a table, JSON or CSV.

    ``json_data`` (if given) is what ``--format json`` prints instead of the rows.
    """
    fmt = getattr(fmt, "value", fmt)
    lang = getattr(lang, "value", lang)
    if fmt == "json":
        sys.stdout.write(json.dumps(rows if json_data is None else json_data, ensure_ascii=False, indent=2) + "\n")
        return
    rows = list(rows)
    columns = columns or [Column(k) for k in (rows[0].keys() if rows else [])]
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([neutralise(c[0]) for c in columns])
        for row in rows:
            writer.writerow([_csv_cell(row.get(c[0])) for c in columns])
        return
    if not sys.stdout.isatty():  # piped or redirected: plain aligned text, no box drawing (and ~50x faster)
        _plain_table(rows, columns, lang, title)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for c in columns:
        table.add_column(c[1](lang), overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c[0]), lang) for c in columns))
    Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200).print(table)


def _csv_cell(value: Any) -> Any:
    """A CSV cell: numbers at full precision (as numbers), lists joined by ``;``, anything else as JSON or text;
    a text a spreadsheet would evaluate as a formula gets a leading apostrophe (:mod:`graphmodel.csv_cells`)."""
    if isinstance(value, (int, float)):
        return value
    return neutralise(_csv_text(value))


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(_csv_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _width(text: str) -> int:
    """Display width: wide and full-width characters (汉字, ，) take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _plain_table(rows: Sequence[dict[str, Any]], columns: Sequence[Column], lang: str, title: str | None) -> None:
    headers = [c[1](lang) for c in columns]
    cells = [[_cell(row.get(c[0]), lang).replace("\n", " ") for c in columns] for row in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    out = [title] if title else []
    for line in [headers, *cells]:
        out.append("  ".join(text + " " * (widths[i] - _width(text)) for i, text in enumerate(line)).rstrip())
    sys.stdout.write("\n".join(out) + "\n")


def write_text(text: str, output: Path | None) -> None:
    """Write ``text`` (UTF-8) to a file atomically, or to stdout when ``output`` is None."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    write_bytes(text.encode("utf-8"), output)


def write_bytes(data: bytes, output: Path) -> None:
    """Write ``data`` to a file atomically: a temp file beside it, then a rename; nothing is left on failure."""
    output = Path(output)
    folder = output.parent if str(output.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a written file gets the usual permissions
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
