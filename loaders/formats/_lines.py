"""Shared by the format readers: numbering lines through a document, cleaning cell text."""

from __future__ import annotations

import re

from graphmodel.errors import PlanError

from ..plan.source import Line, Source

__all__ = ["LineBuilder", "clean", "join_wrapped"]

_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u200b\u3000]+")
# A character after which (or before which) a wrapped line continues without a space: CJK and full-width.
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201d\u2026\u2014]")


def clean(text: str) -> str:
    """One line's text: padding spaces (NBSP, ideographic, tabs) as one space, stripped.

    Examples
    --------
    >>> clean("\\u3000组\\u00a0长：\\t张三 ")
    '组 长： 张三'
    """
    return _SPACES.sub(" ", text).strip()


def join_wrapped(parts: list[str] | tuple[str, ...]) -> str:
    """Join the printed lines of one cell: no space where the break falls between wide (CJK) characters.

    Examples
    --------
    >>> join_wrapped(["社区管理", "办、服务办"])
    '社区管理办、服务办'
    >>> join_wrapped(["Task force", "B", "第3", "组"])
    'Task force B第3组'
    """
    out = ""
    for part in (clean(p) for p in parts):
        if not part:
            continue
        if out and not (_WIDE.match(out[-1]) or _WIDE.match(part[0])):
            out += " "
        out += part
    return out


class LineBuilder:
    """Numbers the lines of a document as they are read, 1-based through the whole document."""

    def __init__(self, file: str):
        self.file = file
        self.lines: list[Line] = []

    def text(self, text: str, page: int | None = None) -> None:
        """Add a block of text: each of its non-blank lines becomes a Line."""
        for raw in text.splitlines():
            if stripped := clean(raw.lstrip("\ufeff")):
                self.lines.append(Line(len(self.lines) + 1, stripped, page))

    def row(self, cells: list[str | None], table: int, row: int, page: int | None = None, *,
            drawn: bool = True) -> bool:
        """Add one table row; its text is the non-empty cells joined by a space. False if the row is empty.

        A cell ``None`` is a slot covered by a merged cell from a row above or a column to the left:
        ``""`` in ``cells``, True in ``merged``. ``drawn`` False: the table does not draw its cells, so a
        merged slot is not told from an empty cell (``merged`` is ``None``).
        """
        merged = tuple(c is None for c in cells) if drawn else None
        texts = tuple(clean(c) if c is not None else "" for c in cells)
        text = " ".join(c for c in texts if c)
        if not text:
            return False
        self.lines.append(Line(len(self.lines) + 1, text, page, table, row, texts, merged))
        return True

    def source(self, encoding: str, empty: str, empty_en: str, notices=()) -> Source:
        """The Source read so far; ``empty`` (zh) / ``empty_en`` is the error when it holds no line."""
        if not self.lines:
            raise PlanError(self.file, empty, en=empty_en)
        return Source(self.file, encoding, tuple(self.lines), notices=tuple(notices))
