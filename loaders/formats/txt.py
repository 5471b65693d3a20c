"""Plain text (.txt, as extracted from a PDF) → Source: the encodings and line ends :mod:`loaders.plan.source` reads."""

from __future__ import annotations

from ..plan.source import Source, source_from_bytes

__all__ = ["read_source"]


def read_source(data: bytes, file: str) -> Source:
    """Read a plan's text; lines keep their numbers in the file.

    Examples
    --------
    >>> [(ln.no, ln.text) for ln in read_source("组 长：张三\\n\\n成 员：李四".encode("gbk"), "a.txt").lines]
    [(1, '组 长：张三'), (3, '成 员：李四')]
    """
    return source_from_bytes(data, file)
