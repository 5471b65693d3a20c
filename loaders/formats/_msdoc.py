"""Old Word (.doc, Word 97–2003) read natively: the binary format's text, paragraphs, tables and list numbers.

A .doc is an OLE compound file (read with ``olefile``): the ``WordDocument`` stream opens with the FIB, which
says where the text's pieces lie (the piece table, in the ``0Table`` or ``1Table`` stream), where each paragraph's
properties are (PAPX in 512-byte pages: in a table or not, the end of a row, the row's cells and merges, the
list and level) and each run's (CHPX: deleted in tracked changes, special characters). The main story is read
into the WordprocessingML that reading the .docx LibreOffice would make gives, and that is read by
:mod:`loaders.formats.docx`'s reader, so a .doc gives the lines and cells of its .docx: field codes left out
(their results kept), tracked deletions left out, pictures and footnote marks no text, a line break a line.

What is not read with certainty here raises :class:`Unsure` (the caller converts the file with LibreOffice
instead): an encrypted file, Word 6/95's format, a text box (its text lies in a story of its own), an operand
or a structure that does not add up.
"""

from __future__ import annotations

import bisect
import re
import io
import struct
from xml.sax.saxutils import escape

from ..plan.source import Source
from .docx_numbering import ListNumbers

__all__ = ["Unsure", "read_source", "certain"]

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# FibRgFcLcb97 pairs (fc, lcb) by index: the structures read here.
_STSHF, _PLCF_SED, _BTE_CHPX, _BTE_PAPX, _CLX, _PLF_LST, _PLF_LFO = 1, 6, 12, 13, 33, 73, 74
# Number formats (MS-DOC nfc) as WordprocessingML names them (docx_numbering.format_number reads these).
_NFC = {0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter", 5: "ordinal",
        14: "decimalFullWidth", 18: "decimalEnclosedCircle", 19: "decimalFullWidth2", 22: "decimalZero",
        23: "bullet", 28: "decimalEnclosedCircleChinese", 30: "ideographTraditional", 31: "ideographZodiac",
        33: "taiwaneseCounting", 35: "taiwaneseCountingThousand", 37: "chineseCounting",
        38: "chineseLegalSimplified", 39: "chineseCountingThousand", 11: "japaneseCounting", 255: "none"}
_DROPPED = {c: None for c in range(32) if c not in (9, 11)} | {0x1E: None, 0x1F: None, 0xFFFE: None, 0xFFFF: None}
# Compressed pieces: cp1252, and Latin-1 for the five bytes cp1252 leaves undefined.
_CP1252 = "".join(bytes([b]).decode("cp1252", errors="replace") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
                  else chr(b) for b in range(256))


class Unsure(Exception):
    """The file holds what the native reader does not read with certainty (it is converted instead)."""


def _u16(b: bytes, at: int) -> int:
    return struct.unpack_from("<H", b, at)[0]


def _u32(b: bytes, at: int) -> int:
    return struct.unpack_from("<I", b, at)[0]


def _open(data: bytes) -> tuple[bytes, bytes, bytes, list[int], list[tuple[int, int]]]:
    """The WordDocument, table and Data streams, the FibRgLw97 and the FibRgFcLcb pairs; :class:`Unsure` for what is
    not a plain Word 97–2003 file."""
    try:
        import olefile

        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises its own kinds (and OSError) for a damaged compound file
        raise Unsure("not an OLE compound file") from exc
    try:
        if not ole.exists("WordDocument"):
            raise Unsure("no WordDocument stream")
        wd = ole.openstream("WordDocument").read()
        if len(wd) < 0x200 or _u16(wd, 0) != 0xA5EC:
            raise Unsure("no Word FIB")
        nfib, flags = _u16(wd, 2), _u16(wd, 0x0A)
        if nfib < 0xC1 or flags & 0x0100 or flags & 0x8000:  # Word 6/95; encrypted; obfuscated
            raise Unsure("Word 6/95, encrypted or obfuscated")
        table = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table):
            raise Unsure("no table stream")
        tbl = ole.openstream(table).read()
        data_stream = ole.openstream("Data").read() if ole.exists("Data") else b""
    finally:
        ole.close()
    csw = _u16(wd, 32)
    at = 34 + 2 * csw
    cslw = _u16(wd, at)
    lw = list(struct.unpack_from(f"<{cslw}i", wd, at + 2))
    at += 2 + 4 * cslw
    count = _u16(wd, at)
    pairs = [struct.unpack_from("<II", wd, at + 2 + 8 * k) for k in range(count)]
    if len(lw) < 11 or len(pairs) <= _PLF_LFO:
        raise Unsure("short FIB")
    return wd, tbl, data_stream, lw, pairs


def _pieces(tbl: bytes, fc: int, lcb: int) -> list[tuple[int, int, int, bool]]:
    """The piece table: (cp start, cp end, fc start, compressed) of each piece of text."""
    clx, at = tbl[fc:fc + lcb], 0
    while at < len(clx) and clx[at] == 1:  # Prc: property modifiers of fast-saved pieces
        at += 3 + _u16(clx, at + 1)
    if at >= len(clx) or clx[at] != 2:
        raise Unsure("no piece table")
    size = _u32(clx, at + 1)
    plc = clx[at + 5:at + 5 + size]
    n = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    out = []
    for k in range(n):
        raw = _u32(plc, 4 * (n + 1) + 8 * k + 2)
        prm = _u16(plc, 4 * (n + 1) + 8 * k + 6)
        if prm & 1 or prm & 0xFE:  # a piece's own properties (fast save): not read here
            raise Unsure("piece properties")
        compressed = bool(raw & 0x40000000)
        fc_start = (raw & 0x3FFFFFFF) // 2 if compressed else raw & 0x3FFFFFFF
        out.append((cps[k], cps[k + 1], fc_start, compressed))
    return out


def _fkp_runs(wd: bytes, tbl: bytes, fc: int, lcb: int, papx: bool) -> tuple[list[int], list[int], list[bytes]]:
    """The property runs of a PlcBte (paragraphs' PAPX or characters' CHPX), by start: starts and ends (fc) and
    each run's grpprl (a PAPX's with its style's istd first)."""
    plc = tbl[fc:fc + lcb]
    n = (len(plc) - 4) // 8
    runs: list[tuple[int, int, bytes]] = []
    for k in range(n):
        pn = _u32(plc, 4 * (n + 1) + 4 * k) & 0x3FFFFF
        page = wd[pn * 512:pn * 512 + 512]
        if len(page) < 512:
            raise Unsure("FKP outside the stream")
        crun = page[511]
        fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for r in range(crun):
            offset = 2 * page[4 * (crun + 1) + (13 * r if papx else r)]
            if papx:
                cb = page[offset]
                grpprl = page[offset + 1:offset + 2 * cb] if cb else page[offset + 2:offset + 2 + 2 * page[offset + 1]]
            else:
                grpprl = page[offset + 1:offset + 1 + page[offset]] if offset else b""
            runs.append((fcs[r], fcs[r + 1], grpprl))
    runs.sort(key=lambda run: run[0])
    return [r[0] for r in runs], [r[1] for r in runs], [r[2] for r in runs]


def _run_at(runs: tuple[list[int], list[int], list[bytes]], fc: int) -> bytes | None:
    """The grpprl of the run holding ``fc`` (None: no run does)."""
    k = bisect.bisect_right(runs[0], fc) - 1
    return runs[2][k] if k >= 0 and fc < runs[1][k] else None


def _sprms(grpprl: bytes, at: int = 0):
    """Each (sprm, operand) of a grpprl."""
    while at + 2 <= len(grpprl):
        sprm = _u16(grpprl, at)
        spra = sprm >> 13
        at += 2
        if spra == 6:
            if sprm == 0xD608:  # sprmTDefTable: a two-byte size
                size = _u16(grpprl, at) + 1
            elif sprm == 0xC615 and grpprl[at] == 255:  # sprmPChgTabs, its long form
                raise Unsure("long sprmPChgTabs")
            else:
                size = grpprl[at] + 1
        else:
            size = (1, 1, 2, 4, 2, 2, 0, 3)[spra]
        if at + size > len(grpprl):
            raise Unsure("sprm past its grpprl")
        yield sprm, grpprl[at:at + size]
        at += size


def _toggle(operand: bytes) -> bool:
    return bool(operand) and operand[0] in (1, 0x81)


_MARKS = re.compile("[\r\x07\x0c\x13\x14\x15]")


class _Text:
    """The main story's paragraphs: (text, mark, the mark's fc), fields' codes and deleted runs left out."""

    def __init__(self, sections: set[int]):
        self.sections, self.paragraphs, self.parts, self.fields = sections, [], [], []

    def segment(self, text: str, cp: int, fc: int, width: int, deleted: bool, special: bool) -> None:
        """Add a run of text whose characters all have the same properties."""
        at = 0
        for m in _MARKS.finditer(text):
            self._chunk(text[at:m.start()], deleted or special)
            at = m.end()
            mark, k = m.group(), m.start()
            if mark in "\r\x07" or (mark == "\x0c" and cp + k + 1 in self.sections):
                self.paragraphs.append(("".join(self.parts), "\x07" if mark == "\x07" else "\r", fc + width * k))
                self.parts = []
            elif mark == "\x0c":
                self._chunk("\x0b", deleted)
            elif mark == "\x13":
                self.fields.append(False)
            elif mark == "\x14" and self.fields:
                self.fields[-1] = True
            elif mark == "\x15" and self.fields:
                self.fields.pop()
        self._chunk(text[at:], deleted or special)

    def _chunk(self, text: str, hidden: bool) -> None:
        if text and not hidden and all(self.fields):
            self.parts.append(text)


def _story(wd: bytes, pieces, ccp: int, chpx, sections: set[int]) -> list[tuple[str, str, int]]:
    """The paragraphs of the main story (characters 0 … ``ccp``)."""
    out = _Text(sections)
    for cp_start, cp_end, fc_start, compressed in pieces:
        cp_end = min(cp_end, ccp)
        if cp_start >= cp_end:
            continue
        width = 1 if compressed else 2
        raw = wd[fc_start:fc_start + width * (cp_end - cp_start)]
        if len(raw) != width * (cp_end - cp_start):
            raise Unsure("piece outside the stream")
        text = raw.decode("latin-1").translate(_CP1252) if compressed else raw.decode("utf-16-le", "replace")
        at = 0
        while at < len(text):
            fc = fc_start + width * at
            k = bisect.bisect_right(chpx[0], fc) - 1
            inside = k >= 0 and fc < chpx[1][k]
            end_fc = chpx[1][k] if inside else (chpx[0][k + 1] if k + 1 < len(chpx[0]) else fc_start + len(raw))
            end = min(len(text), at + max(1, -(-(end_fc - fc) // width)))
            deleted = special = False
            for sprm, operand in _sprms(chpx[2][k]) if inside else ():
                if sprm == 0x0800:
                    deleted = _toggle(operand)
                elif sprm == 0x0855:
                    special = _toggle(operand)
            out.segment(text[at:end], cp_start + at, fc, width, deleted, special)
            at = end
    return out.paragraphs


def _sections(tbl: bytes, fc: int, lcb: int) -> set[int]:
    """The character positions just after each section's end (a section mark ends a paragraph)."""
    if lcb < 4:
        return set()
    n = (lcb - 4) // 16
    return set(struct.unpack_from(f"<{n + 1}I", tbl, fc))


def _lvl(tbl: bytes, at: int) -> tuple[tuple[str, str, int], int]:
    """One LVL: (format, text with %1…%9 for the levels' numbers, start) and where the next begins."""
    start, nfc = struct.unpack_from("<iB", tbl, at)
    cb_chpx, cb_papx = tbl[at + 24], tbl[at + 25]
    at += 28 + cb_papx + cb_chpx
    cch = _u16(tbl, at)
    xst = tbl[at + 2:at + 2 + 2 * cch].decode("utf-16-le", "replace")
    text = "".join(f"%{ord(c) + 1}" if ord(c) < 9 else c for c in xst)
    return (_NFC.get(nfc, "decimal"), text, start), at + 2 + 2 * cch


def _numbers(tbl: bytes, pairs) -> ListNumbers:
    """The lists' definitions (PlfLst, its LVLs, PlfLfo) as :class:`ListNumbers` counts them: a list per LFO
    (its number the paragraphs' ilfo), its levels those of the LSTF it names."""
    numbers = ListNumbers()
    numbers.loaded = numbers.styles_loaded = True
    fc, lcb = pairs[_PLF_LST]
    if lcb < 2:
        return numbers
    count = struct.unpack_from("<h", tbl, fc)[0]
    at, ids = fc + 2 + 28 * count, {}
    for k in range(count):
        lsid, simple = struct.unpack_from("<i", tbl, fc + 2 + 28 * k)[0], tbl[fc + 2 + 28 * k + 26] & 1
        levels = {}
        for level in range(1 if simple else 9):
            levels[level], at = _lvl(tbl, at)
        numbers.levels[str(k)] = levels
        ids[lsid] = str(k)
    fc, lcb = pairs[_PLF_LFO]
    if lcb < 4:
        return numbers
    count = _u32(tbl, fc)
    data = fc + 4 + 16 * count
    for k in range(count):
        lsid, clfolvl = struct.unpack_from("<i", tbl, fc + 4 + 16 * k)[0], tbl[fc + 4 + 16 * k + 12]
        overrides = {}
        data += 4  # LFOData.cp
        for _ in range(clfolvl):
            start, flags = struct.unpack_from("<iI", tbl, data)
            data += 8
            if flags & 0x10:
                overrides[flags & 0xF] = start
            if flags & 0x20:  # a whole level of its own follows
                _, data = _lvl(tbl, data)
        if lsid in ids:
            numbers.nums[str(k + 1)] = (ids[lsid], overrides)
    return numbers


def _styles(tbl: bytes, fc: int, lcb: int) -> dict[int, tuple[int, int | None, int | None]]:
    """Each paragraph style's base and its list (ilfo) and level, where it gives them."""
    if lcb < 4:
        return {}
    cb_stshi = _u16(tbl, fc)
    cstd, cb_base = _u16(tbl, fc + 2), _u16(tbl, fc + 4)
    at, end, out = fc + 2 + cb_stshi, fc + lcb, {}
    for istd in range(cstd):
        cb = _u16(tbl, at)
        std = tbl[at + 2:at + 2 + cb]
        at += 2 + cb
        if cb < 10 or at > end:
            continue
        kind, base = _u16(std, 2) & 0xF, _u16(std, 2) >> 4
        if kind != 1:
            continue
        name = 2 * _u16(std, cb_base) + 4  # xstzName: its length, its characters, a terminating zero
        pos = cb_base + name
        pos += pos & 1
        cb_upx = _u16(std, pos)
        ilfo = ilvl = None
        for sprm, operand in _sprms(std[pos + 4:pos + 2 + cb_upx]):  # UpxPapx: istd, then the grpprl
            if sprm == 0x460B:
                ilfo = struct.unpack("<h", operand)[0]
            elif sprm == 0x260A:
                ilvl = operand[0]
        out[istd] = (base, ilfo, ilvl)
    return out


class _Props:
    """What a paragraph's PAPX says: its style, depth in tables, cell and row ends, list, and a row's cells."""

    __slots__ = ("istd", "depth", "in_table", "ttp", "inner_cell", "inner_ttp", "ilfo", "ilvl", "cells", "vmerge",
                 "hmerge")

    def __init__(self, grpprl: bytes | None, data: bytes = b""):
        self.istd, self.depth, self.in_table, self.ttp, self.inner_cell, self.inner_ttp = 0, None, False, False, \
            False, False
        self.ilfo = self.ilvl = self.cells = None
        self.vmerge: dict[int, int] = {}
        self.hmerge: list[tuple[int, int]] = []
        if grpprl and len(grpprl) >= 2:
            self.istd = _u16(grpprl, 0)
            self._read(grpprl[2:], data)
        if self.depth is None:
            self.depth = 1 if self.in_table or self.ttp else 0

    def _read(self, grpprl: bytes, data: bytes) -> None:
        for sprm, operand in _sprms(grpprl):
            if sprm == 0x6646:  # sprmPHugePapx: the properties lie in the Data stream
                at = _u32(operand, 0)
                if at + 2 > len(data):
                    raise Unsure("huge PAPX outside the Data stream")
                self._read(data[at + 2:at + 2 + _u16(data, at)], b"")
            elif sprm in _FLAGS:
                setattr(self, _FLAGS[sprm], bool(operand[0]))
            elif sprm == 0x6649:
                self.depth = struct.unpack("<i", operand)[0]
            elif sprm == 0x460B:
                self.ilfo = struct.unpack("<h", operand)[0]
            elif sprm == 0x260A:
                self.ilvl = operand[0]
            elif sprm == 0xD608:
                self.cells = _def_table(operand)
            elif sprm == 0xD62B:  # sprmTVertMerge: cb, itc, how
                self.vmerge[operand[1]] = operand[2]
            elif sprm == 0x5624:  # sprmTMerge: itcFirst, itcLim
                self.hmerge.append((operand[0], operand[1]))
            elif sprm in (0x7621, 0x5622, 0x5625, 0x7627, 0x7628, 0xD642):  # cells inserted, deleted, split …
                raise Unsure("cells changed after their definition")


# sprmPFInTable, sprmPFTtp, sprmPFInnerTableCell, sprmPFInnerTtp
_FLAGS = {0x2416: "in_table", 0x2417: "ttp", 0x244B: "inner_cell", 0x244C: "inner_ttp"}


def _def_table(operand: bytes) -> list[tuple[int, int, int]]:
    """sprmTDefTable: each cell's left and right edge (twips) and its TC80 flags."""
    n = operand[2]
    centers = struct.unpack_from(f"<{n + 1}h", operand, 3)
    at = 3 + 2 * (n + 1)
    flags = [_u16(operand, at + 20 * k) if at + 20 * k + 2 <= len(operand) else 0 for k in range(n)]
    return [(centers[k], centers[k + 1], flags[k]) for k in range(n)]


def _w(tag: str, val) -> str:
    return f'<w:{tag} w:val="{val}"/>'


class _Table:
    """A table being read: its rows (cells of blocks, with their edges and merges)."""

    def __init__(self):
        self.rows: list[tuple[list[list[str]], _Props]] = []
        self.cells: list[list[str]] = []
        self.blocks: list[str] = []

    def end_cell(self) -> None:
        self.cells.append(self.blocks)
        self.blocks = []

    def end_row(self, props: _Props) -> None:
        if self.blocks:
            self.end_cell()
        self.rows.append((self.cells, props))
        self.cells = []

    def xml(self) -> str:
        if self.blocks or self.cells:
            self.end_row(_Props(None))
        edges = sorted({e for _cells, p in self.rows for c in (p.cells or ()) for e in c[:2]})
        out = ["<w:tbl>"]
        for cells, props in self.rows:
            out.append(self._row(cells, props, edges))
        return "".join(out) + "</w:tbl>"

    @staticmethod
    def _row(cells: list[list[str]], props: _Props, edges: list[int]) -> str:
        defined = props.cells or []
        spans, vmerge, merged = [], [], [False] * len(cells)
        for first, lim in props.hmerge:
            for k in range(first + 1, min(lim, len(cells))):
                merged[k] = True
        for k in range(len(cells)):
            left, right, flags = defined[k] if k < len(defined) else (None, None, 0)
            spans.append(sum(1 for e in edges if left < e <= right) if left is not None and right > left else 1)
            how = props.vmerge.get(k, (flags >> 5) & 3)
            vmerge.append("restart" if how == 3 else "continue" if how == 1 else None)
            merged[k] = merged[k] or bool(flags & 2)
        before = edges.index(defined[0][0]) if defined and defined[0][0] in edges else 0
        after = len(edges) - 1 - edges.index(defined[-1][1]) if defined and defined[-1][1] in edges else 0
        out = ["<w:tr><w:trPr>" + (_w("gridBefore", before) if before else "")
               + (_w("gridAfter", after) if after > 0 else "") + "</w:trPr>"]
        tcs: list[list] = []
        for k, blocks in enumerate(cells):
            if merged[k] and tcs:  # merged into the cell before it (Word 97's way to span columns)
                tcs[-1][0] += max(1, spans[k])
                tcs[-1][2].extend(blocks)
            else:
                tcs.append([max(1, spans[k]), vmerge[k], list(blocks)])
        for span, how, blocks in tcs:
            out.append("<w:tc><w:tcPr>" + (_w("gridSpan", span) if span > 1 else "")
                       + (_w("vMerge", how) if how else "") + "</w:tcPr>" + ("".join(blocks) or "<w:p/>") + "</w:tc>")
        return "".join(out) + "</w:tr>"


_T = '</w:t><w:t xml:space="preserve">'


def _paragraph(text: str, props: _Props, styles: dict) -> str:
    """A paragraph as WordprocessingML: its list and level (its own, else its style's), its text."""
    ilfo, ilvl, istd, seen = props.ilfo, props.ilvl, props.istd, set()
    while (ilfo is None or ilvl is None) and istd in styles and istd not in seen:
        seen.add(istd)
        base, s_ilfo, s_ilvl = styles[istd]
        ilfo = ilfo if ilfo is not None else s_ilfo
        ilvl = ilvl if ilvl is not None else s_ilvl
        istd = base
    number = (f"<w:pPr><w:numPr>{_w('ilvl', ilvl or 0)}{_w('numId', ilfo)}</w:numPr></w:pPr>"
              if ilfo and 0 < ilfo < 0xF801 else "")
    text = escape(text.translate(_DROPPED)).replace("\t", _T.replace("<w:t", "<w:tab/><w:t"))
    text = text.replace("\x0b", _T.replace("<w:t", "<w:br/><w:t"))
    return f'<w:p>{number}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _body(paragraphs, papx, styles: dict, data: bytes) -> str:
    """The story's paragraphs and tables (tables in cells as docx nests them) as a WordprocessingML body."""
    body: list[str] = []
    stack: list[_Table] = []
    for text, mark, fc in paragraphs:
        props = _Props(_run_at(papx, fc), data)
        depth = max(0, props.depth)
        if mark == "\x07" and depth == 0:
            raise Unsure("a cell mark outside a table")
        while len(stack) > depth:
            done = stack.pop().xml()
            (stack[-1].blocks if stack else body).append(done)
        while len(stack) < depth:
            stack.append(_Table())
        if depth == 0:
            body.append(_paragraph(text, props, styles))
        elif (props.ttp and mark == "\x07") if depth == 1 else props.inner_ttp:
            stack[-1].end_row(props)
        else:
            stack[-1].blocks.append(_paragraph(text, props, styles))
            if (mark == "\x07") if depth == 1 else props.inner_cell:
                stack[-1].end_cell()
    while stack:
        done = stack.pop().xml()
        (stack[-1].blocks if stack else body).append(done)
    return f'<w:body xmlns:w="{_W_NS}">' + "".join(body) + "</w:body>"


def certain(data: bytes) -> bool:
    """Whether the file looks like one the native reader reads (its FIB and streams; the text not read yet)."""
    try:
        lw = _open(data)[3]
    except Exception:  # Unsure, or a FIB that does not add up
        return False
    return lw[9] == 0  # no text boxes (ccpTxbx)


def read_source(data: bytes, file: str) -> Source:
    """Read an old Word file's main story into numbered lines and its tables into rows of cells, as the .docx
    reader reads the same document.

    Raises
    ------
    Unsure
        If the file holds what is not read here with certainty (it is then converted by LibreOffice).
    PlanError
        If it holds no text.
    """
    try:
        body, numbers = _read(data)
    except Unsure:
        raise
    except Exception as exc:  # struct, index, XML errors: a structure that does not add up
        raise Unsure(f"{type(exc).__name__}: {exc}") from exc
    from .docx import _Reader

    reader = _Reader(file, numbers)
    reader.read(body)
    return reader.out.source("doc", "Word 文件中没有文字", "the Word file holds no text")


def _read(data: bytes):
    """The main story as a python-docx body element, and its list numbers."""
    from docx.oxml.parser import parse_xml

    wd, tbl, data_stream, lw, pairs = _open(data)
    ccp_text, ccp_txbx = lw[3], lw[9]
    if ccp_txbx:
        raise Unsure("text boxes")
    pieces = _pieces(tbl, *pairs[_CLX])
    chpx = _fkp_runs(wd, tbl, *pairs[_BTE_CHPX], papx=False)
    papx = _fkp_runs(wd, tbl, *pairs[_BTE_PAPX], papx=True)
    paragraphs = _story(wd, pieces, ccp_text, chpx, _sections(tbl, *pairs[_PLCF_SED]))
    xml = _body(paragraphs, papx, _styles(tbl, *pairs[_STSHF]), data_stream)
    return parse_xml(xml.encode("utf-8")), _numbers(tbl, pairs)
