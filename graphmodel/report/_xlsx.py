"""A small, fast writer of .xlsx files: sheets of rows in a few fixed looks, with frozen panes, filters and widths."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

__all__ = ["LOOKS", "column_letter", "sheet_xml", "workbook_bytes"]

#: The looks a cell may have, by name → (bold, fill colour or None, alignment attributes); the order is the
#: order of the styles in the file, so a sheet's XML written anywhere means the same in every workbook.
LOOKS: dict[str, tuple[bool, str | None, str]] = {
    "default": (False, None, ""),
    "header": (True, "DDE6F0", 'horizontal="center" vertical="center"'),
    "header_unit": (True, "DDE6F0", 'horizontal="center" vertical="bottom" textRotation="255"'),  # stacked, for CJK
    "wrap": (False, None, 'vertical="top" wrapText="1"'),
    "no_lead": (False, "F8D7D3", 'vertical="top" wrapText="1"'),
    "center": (False, None, 'horizontal="center" vertical="center"'),
    "responsible": (False, "A9D18E", 'horizontal="center" vertical="center"'),
    "cooperating": (False, "E2F0D9", 'horizontal="center" vertical="center"'),
}
_INDEX = {name: i for i, name in enumerate(LOOKS)}
_FILLS = list(dict.fromkeys(fill for _, fill, _ in LOOKS.values() if fill))
#: Characters XML 1.0 cannot hold (a plan's text may carry them): dropped.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def column_letter(n: int) -> str:
    """The letters of the ``n``-th column (1-based).

    >>> column_letter(1), column_letter(26), column_letter(27), column_letter(703)
    ('A', 'Z', 'AA', 'AAA')
    """
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: Any, look: str) -> str:
    s = _INDEX[look]
    style = f' s="{s}"' if s else ""
    if value is None:
        return f'<c r="{ref}"{style}/>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>'
    text = _ILLEGAL.sub("", str(value))
    # an inline string is text, never a formula: "=HYPERLINK(…)" in a plan stays as written
    return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def sheet_xml(rows: Iterable[list[tuple[Any, str] | None]], *, widths: dict[int, float], freeze: tuple[int, int] | None,
              header_height: float | None = None, columns: int) -> tuple[str, str]:
    """One worksheet's XML and its filter's range.

    ``rows``: each a list of ``(value, look)`` or None (no cell); ``widths``: column (1-based) → width;
    ``freeze``: the columns and rows kept in view (``(4, 1)``: the first four columns and the header);
    ``header_height``: the height of the first row; ``columns``: how many columns the filter spans.
    """
    letters = [column_letter(i) for i in range(1, columns + 1)]
    out = []
    count = 0
    for r, row in enumerate(rows, start=1):
        height = f' ht="{header_height}" customHeight="1"' if r == 1 and header_height else ""
        cells = "".join(_cell(f"{letters[c] if c < columns else column_letter(c + 1)}{r}", *cell)
                        for c, cell in enumerate(row) if cell is not None)
        out.append(f'<row r="{r}"{height}>{cells}</row>')
        count = r
    last = f"{letters[-1] if letters else 'A'}{max(count, 1)}"
    view = ""
    if freeze:
        x, y = freeze
        split = (f' xSplit="{x}"' if x else "") + (f' ySplit="{y}"' if y else "")
        pane = "bottomRight" if x and y else ("bottomLeft" if y else "topRight")
        view = (f'<sheetViews><sheetView workbookViewId="0"><pane{split} topLeftCell="{column_letter(x + 1)}{y + 1}" '
                f'activePane="{pane}" state="frozen"/></sheetView></sheetViews>')
    cols = "".join(f'<col min="{c}" max="{c}" width="{w}" customWidth="1"/>' for c, w in sorted(widths.items()))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_NS}" xmlns:r="{_REL}">'
           f'<dimension ref="A1:{last}"/>{view}<sheetFormatPr defaultRowHeight="15"/>'
           + (f"<cols>{cols}</cols>" if cols else "") + f'<sheetData>{"".join(out)}</sheetData>'
           f'<autoFilter ref="A1:{last}"/></worksheet>')
    return xml, f"A1:{last}"


def _styles() -> str:
    fills = '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' + "".join(
        f'<fill><patternFill patternType="solid"><fgColor rgb="FF{c}"/><bgColor indexed="64"/></patternFill></fill>'
        for c in _FILLS)
    xfs = []
    for bold, fill, align in LOOKS.values():
        fill_id = _FILLS.index(fill) + 2 if fill else 0
        attrs = (f'numFmtId="0" fontId="{int(bold)}" fillId="{fill_id}" borderId="0" xfId="0"'
                 + (' applyFont="1"' if bold else "") + (' applyFill="1"' if fill else "")
                 + (' applyAlignment="1"' if align else ""))
        xfs.append(f"<xf {attrs}><alignment {align}/></xf>" if align else f"<xf {attrs}/>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_NS}">'
            '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
            f'<fills count="{len(_FILLS) + 2}">{fills}</fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def workbook_bytes(sheets: list[tuple[str, str, str]]) -> bytes:
    """The .xlsx file of ``sheets``: ``(name, worksheet XML, filter range)`` each, in order (names already valid)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(sheets) + 1))
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>"))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        entries = "".join(f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
                          for i, (name, _, _) in enumerate(sheets, start=1))
        names = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
            f"{escape(_quoted(name))}!{_absolute(ref)}</definedName>" for i, (name, _, ref) in enumerate(sheets))
        z.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_NS}" xmlns:r="{_REL}">'
            f'<bookViews><workbookView/></bookViews><sheets>{entries}</sheets>'
            + (f"<definedNames>{names}</definedNames>" if names else "") + "</workbook>"))
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1))
        styles_id = len(sheets) + 1
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
            f'<Relationship Id="rId{styles_id}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'))
        z.writestr("xl/styles.xml", _styles())
        for i, (_, xml, _) in enumerate(sheets, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
    return buffer.getvalue()


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _absolute(ref: str) -> str:
    """A1:D9 → $A$1:$D$9."""
    return ":".join(re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", part) for part in ref.split(":"))
