"""File bytes → numbered text lines: encoding, line ends, blank lines."""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass

from graphmodel.errors import PlanError

__all__ = ["Line", "Source", "decode", "source_from_bytes", "utf8_with_damage"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A line break of a web page copied as text (<br>, <br/>, <BR />): the lines it parts keep the file line's number.
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
#: A text with this share of bad spots (per byte) or less is text with damage (a download cut mid-character, a few flipped
#: bytes): read, each bad spot replaced with U+FFFD and said; one with more is not text.
_DAMAGE_SHARE = 0.01
#: So few bad bytes in UTF-8 (at most this many, and one per this many good characters beyond ASCII) that it is
#: UTF-8 with damage, not GB18030 that does not decode as UTF-8.
_FEW_IN_UTF8 = 8
_GOOD_PER_BAD = 50
#: Lines with bad bytes said one by one; past them, one notice counts the others.
_BAD_LINES_SAID = 10
# A CR alone, with the blanks around it: in a file of LF or CRLF lines it is inside a line (see _line_ends).
_BARE_CR = re.compile(r"[ \t]*\r(?!\n)[ \t]*")
_WORD_CHAR = re.compile(r"[0-9A-Za-z]")
# Characters that never occur in a plan's text but fill binary files.
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v"}
# The same as bytes: in UTF-8 and GB18030 a byte below 0x20 is always that character (no multi-byte form holds one).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: its 1-based number in the file and its text, stripped.

    Lines read from a PDF, Word file or web page say where they stand there: ``page``
    (PDF, 1-based), and for a row of a real table ``table`` (1-based, in document order),
    ``row`` (1-based within the table) and ``cells`` (the row's cell texts, in column order).
    Where the format draws its cells (PDF ruling lines, Word, HTML), ``merged`` tells, per cell,
    whether the slot is covered by a merged cell that starts in a row above (or a column to the
    left): its text stands there and the slot's cell is ``""``; a ``""`` cell with ``merged``
    False is a cell left empty. Plain text and text tables leave ``merged`` ``None`` (unknown).
    A line read by OCR carries its ``box`` on the page's picture (x0, top, x1, bottom in pixels of the page as read:
    rendered at :data:`loaders.formats._ocr.DPI`, straightened) and the recogniser's lowest ``confidence`` in it;
    ``unsure`` True: OCR was unsure of its text (a warning names it). The reader reads it as the text's structure (a
    label, a heading, a role a list goes on with), but no fact stands on it (:mod:`loaders.plan.unsure`);
    ``unsure_cells`` names the cells of a row read so: the row is still a row of its own, no fact stands on them.
    """

    no: int
    text: str
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cells: tuple[str, ...] | None = None
    merged: tuple[bool, ...] | None = None
    cell_lines: tuple[int, ...] | None = None  # the line each cell stands on, where a row spans lines (one cell per line)
    box: tuple[int, int, int, int] | None = None  # read by OCR: where it stands on the page's picture (pixels)
    confidence: float | None = None  # read by OCR: the recogniser's lowest confidence in it
    unsure: bool = False  # read by OCR unsurely: structure, never a fact
    unsure_cells: tuple[int, ...] = ()  # a table row read by OCR: the cells (0-based) read unsurely, as ``unsure``


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded file: its display name, encoding and non-blank lines.

    ``text`` is the decoded text the lines were numbered from (line ends made LF), for a text file:
    a tab-separated row keeps there the empty cells at its ends that stripping its Line loses.
    ``notices`` are the format reader's warnings (:class:`graphmodel.model.Notice`): what it could not read surely.
    """

    file: str
    encoding: str
    lines: tuple[Line, ...]
    text: str | None = None
    notices: tuple = ()


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Decode a plan's bytes: a BOM if any, else UTF-8, else GB18030 (which covers GBK).

    Parameters
    ----------
    data : bytes
        The file's content.
    file : str
        The file's name, for the error message.

    Returns
    -------
    tuple of (str, str)
        The text and the encoding used.

    Raises
    ------
    PlanError
        If the file is empty, or is binary, or decodes in none of these encodings. A text whose bytes are good but
        for a few (a download cut mid-character) is decoded, each bad spot U+FFFD (:func:`source_from_bytes` says
        where); it is refused only when more than 1 % of its bytes are bad.

    Examples
    --------
    >>> decode("街道".encode("gb18030"), "a.txt")
    ('街道', 'gb18030')
    >>> decode(codecs.BOM_UTF16_LE + "街道".encode("utf-16-le"), "a.txt")
    ('街道', 'utf-16')
    """
    text, encoding, _bad, _controls = _decode(data, file)
    return text, encoding


def _decode(data: bytes, file: str) -> tuple[str, str, list[int], list[int]]:
    """:func:`decode`, the byte offsets of the bad spots replaced (none when the bytes are good text), and those of
    the control characters replaced (a NUL or another control character in good text: a flipped byte)."""
    if not data.strip():
        raise PlanError(file, "文件为空", en="the file is empty")
    candidates = [enc for bom, enc in _BOMS if data.startswith(bom)][:1]
    controls = [] if candidates else [m.start() for m in _CONTROL_BYTES.finditer(data)]
    if len(controls) > _DAMAGE_SHARE * len(data) and b"\x00" in data:
        raise PlanError(file, "不是文本文件（含 NUL 字节，像是二进制文件）", en="not a text file (it holds NUL bytes: binary)")
    found = _strict(data, candidates) if candidates else None
    if not candidates:
        found = _strict(data, ["utf-8"])
        damaged = {} if found is not None else {"utf-8": _tolerant(data, "utf-8")}  # good text pays for no repair
        if found is None and _few(*damaged["utf-8"]):
            found = (damaged["utf-8"][0], "utf-8", damaged["utf-8"][1])
        found = found or _strict(data, ["gb18030"])
        if found is None:
            damaged["gb18030"] = _tolerant(data, "gb18030")
            encoding = min(damaged, key=lambda name: len(damaged[name][1]))
            if len(damaged[encoding][1]) <= max(_FEW_IN_UTF8, _DAMAGE_SHARE * len(data)):
                found = (damaged[encoding][0], encoding, damaged[encoding][1])
    if found is None:
        raise PlanError(file, "不是文本文件，或编码无法识别（支持 UTF-8、GB18030/GBK、带 BOM 的 UTF-16）",
                        en="not a text file, or an encoding not recognised (UTF-8, GB18030/GBK, UTF-16 with BOM are read)")
    if controls and len(controls) <= _DAMAGE_SHARE * len(data):  # a few in good text: replaced, and said
        return _CONTROL_CHARS.sub("\ufffd", found[0]), found[1], found[2], controls
    if any(ch in _CONTROL for ch in found[0]):
        raise PlanError(file, "不是文本文件（含控制字符或二进制内容）",
                        en="not a text file (it holds control characters or binary content)")
    return (*found, [])


def utf8_with_damage(data: bytes) -> tuple[str, int] | None:
    """Bytes that are UTF-8 but for a few bad spots (a flipped byte, a download cut mid-character): the text, each
    spot U+FFFD, and how many spots; None when the bytes are not UTF-8 (another encoding's text).

    >>> utf8_with_damage("街道".encode() * 60 + b"\\xff")[1], utf8_with_damage("街道".encode("gbk") * 60)
    (1, None)
    """
    text, bad = _tolerant(data, "utf-8")
    return (text, len(bad)) if bad and _few(text, bad) else None


def _few(text: str, bad: list[int]) -> bool:
    """Whether the bad spots of a UTF-8 decoding are too few to be another encoding's text."""
    good = sum(1 for ch in text if ch > "\x7f") - len(bad)
    return len(bad) <= _FEW_IN_UTF8 and good >= _GOOD_PER_BAD * len(bad)


def _strict(data: bytes, encodings: list[str]) -> tuple[str, str, list[int]] | None:
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding, []
        except UnicodeDecodeError:
            continue
    return None


def _tolerant(data: bytes, encoding: str) -> tuple[str, list[int]]:
    """``data`` decoded with each undecodable spot made U+FFFD, and the byte offsets of those spots."""
    bad: list[int] = []
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    pieces, at = [], 0
    while at < len(data):
        try:
            pieces.append(decoder.decode(data[at:], final=True))
            break
        except UnicodeDecodeError as exc:
            good = data[at:at + exc.start]
            pieces.append(good.decode(encoding, errors="replace"))  # good bytes: decodes as they are
            bad.append(at + exc.start)
            pieces.append("\ufffd")
            at += max(exc.end, exc.start + 1)
            decoder.reset()
    return "".join(pieces), bad


def _ends_with_cr(text: str) -> bool:
    """Whether a CR alone ends a line in this text: in a file whose lines end with CR (classic Mac), not in one of
    LF or CRLF lines, where a CR alone stands inside a line."""
    bare = text.count("\r") - text.count("\r\n")
    return bare > text.count("\n")


def _line_ends(text: str) -> str:
    """The text with every line end LF: CRLF and LF, and a CR alone where it ends lines (:func:`_ends_with_cr`).

    Elsewhere a CR alone is inside a line (a break inside a table cell, copied): the parts it parts are joined, with
    a space only between two ASCII letters or digits, so a row of a table stays one row.

    >>> _line_ends("| 1 | 完善设施\\r建设公园。 | 区民政局 |\\nroad\\r works\\r\\n")
    '| 1 | 完善设施建设公园。 | 区民政局 |\\nroad works\\n'
    >>> _line_ends("组长：张三\\r成员：李四\\r")
    '组长：张三\\n成员：李四\\n'
    """
    if "\r" not in text:
        return text
    if _ends_with_cr(text):
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def join(m: re.Match) -> str:
        before, after = m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1]
        return " " if _WORD_CHAR.match(before) and _WORD_CHAR.match(after) else ""

    return _BARE_CR.sub(join, text).replace("\r\n", "\n")


def _bad_lines(data: bytes, bad: list[int], cr_ends: bool = True) -> dict[int, int]:
    """{line number: bad spots on it} for the byte offsets ``bad`` (LF and CRLF end lines, and CR where
    ``cr_ends``)."""
    ends = [m.start() for m in re.finditer(rb"\r\n|\r|\n" if cr_ends else rb"\r\n|\n", data)]
    lines: dict[int, int] = {}
    for offset in bad:
        line = bisect.bisect_left(ends, offset) + 1
        lines[line] = lines.get(line, 0) + 1
    return lines


def _damage_notices(data: bytes, file: str, encoding: str, bad: list[int], cr_ends: bool = True,
                    kind: str = "undecodable-bytes") -> tuple:
    """One notice per line holding bad bytes (the first few), and one counting the lines past them (``kind``:
    ``undecodable-bytes``, or ``control-characters`` for the control characters replaced)."""
    from graphmodel.model import Notice

    lines = sorted(_bad_lines(data, bad, cr_ends).items())
    notices = [Notice(kind=kind, file=file, line=line, values={"count": count, "encoding": encoding})
               for line, count in lines[:_BAD_LINES_SAID]]
    if len(lines) > _BAD_LINES_SAID:
        notices.append(Notice(kind=f"{kind}-more", file=file,
                              values={"lines": len(lines) - _BAD_LINES_SAID, "encoding": encoding}))
    return tuple(notices)


def source_from_bytes(data: bytes, file: str) -> Source:
    """Decode bytes and split them into numbered, stripped, non-blank lines.

    Line ends may be LF, CRLF or CR; numbering follows the file's own lines. In a file of LF or CRLF lines a CR
    alone is inside a line, not a line end (a break inside a table cell that was copied: it would split the row). A web page copied as text may
    join its lines with a literal ``<br>``: each part is a line of its own, with the number of the file's line.

    Examples
    --------
    >>> s = source_from_bytes(" 附件 1\\r\\n\\r\\n组 长：张三\\r\\n".encode(), "a.txt")
    >>> [(line.no, line.text) for line in s.lines]
    [(1, '附件 1'), (3, '组 长：张三')]
    >>> [(line.no, line.text) for line in source_from_bytes("通知<br> 组长：张三<br/>".encode(), "a.txt").lines]
    [(1, '通知'), (1, '组长：张三')]
    """
    text, encoding, bad, controls = _decode(data, file)
    cr_ends = _ends_with_cr(text)
    text = _line_ends(text).replace("\u3000", " ")
    lines = tuple(
        Line(no, stripped)
        for no, whole in enumerate(text.split("\n"), start=1)
        for raw in _BR.split(whole)
        if (stripped := raw.strip().lstrip("\ufeff").strip())
    )
    if not lines:
        raise PlanError(file, "文件为空", en="the file is empty")
    notices = _damage_notices(data, file, encoding, bad, cr_ends) if bad else ()
    if controls:
        notices += _damage_notices(data, file, encoding, controls, cr_ends, "control-characters")
    return Source(file, encoding, lines, text, notices)
