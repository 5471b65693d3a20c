"""File bytes → numbered text lines: encoding, line ends, blank lines."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from graphmodel.errors import PlanError

__all__ = ["Line", "Source", "decode", "source_from_bytes"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A line break of a web page copied as text (<br>, <br/>, <BR />): the lines it parts keep the file line's number.
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# Characters that never occur in a plan's text but fill binary files.
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v"}


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
    """

    no: int
    text: str
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cells: tuple[str, ...] | None = None
    merged: tuple[bool, ...] | None = None
    cell_lines: tuple[int, ...] | None = None  # the line each cell stands on, where a row spans lines (one cell per line)


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
        If the file is empty, or is binary, or decodes in none of these encodings.

    Examples
    --------
    >>> decode("街道".encode("gb18030"), "a.txt")
    ('街道', 'gb18030')
    >>> decode(codecs.BOM_UTF16_LE + "街道".encode("utf-16-le"), "a.txt")
    ('街道', 'utf-16')
    """
    if not data.strip():
        raise PlanError(file, "文件为空", en="the file is empty")
    candidates = [enc for bom, enc in _BOMS if data.startswith(bom)][:1]
    if not candidates and b"\x00" in data:
        raise PlanError(file, "不是文本文件（含 NUL 字节，像是二进制文件）", en="not a text file (it holds NUL bytes: binary)")
    candidates = candidates or ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(ch in _CONTROL for ch in text):
            raise PlanError(file, "不是文本文件（含控制字符或二进制内容）",
                             en="not a text file (it holds control characters or binary content)")
        return text, encoding
    raise PlanError(file, "不是文本文件，或编码无法识别（支持 UTF-8、GB18030/GBK、带 BOM 的 UTF-16）",
                   en="not a text file, or an encoding not recognised (UTF-8, GB18030/GBK, UTF-16 with BOM are read)")


def source_from_bytes(data: bytes, file: str) -> Source:
    """Decode bytes and split them into numbered, stripped, non-blank lines.

    Line ends may be LF, CRLF or CR; numbering follows the file's own lines. A web page copied as text may
    join its lines with a literal ``<br>``: each part is a line of its own, with the number of the file's line.

    Examples
    --------
    >>> s = source_from_bytes(" 附件 1\\r\\n\\r\\n组 长：张三\\r\\n".encode(), "a.txt")
    >>> [(line.no, line.text) for line in s.lines]
    [(1, '附件 1'), (3, '组 长：张三')]
    >>> [(line.no, line.text) for line in source_from_bytes("通知<br> 组长：张三<br/>".encode(), "a.txt").lines]
    [(1, '通知'), (1, '组长：张三')]
    """
    text, encoding = decode(data, file)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ")
    lines = tuple(
        Line(no, stripped)
        for no, whole in enumerate(text.split("\n"), start=1)
        for raw in _BR.split(whole)
        if (stripped := raw.strip().lstrip("\ufeff").strip())
    )
    if not lines:
        raise PlanError(file, "文件为空", en="the file is empty")
    return Source(file, encoding, lines, text)
