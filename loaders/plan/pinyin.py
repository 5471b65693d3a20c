"""Pinyin put in after characters (鎮(zhèn)公路站, 發(fā)改委), as some mirror sites print a page: read without it, named
with it.

Such a page glosses a character with its reading in brackets, often inside a name and inside the very brackets
that give a task's units (（牽頭單位：市經貿(mào)委；…）), so every rule that reads names, brackets and labels would
trip over it. The document is read with the glosses taken out (:func:`without_pinyin`), and each name read is then
given as the line writes it, glosses and all (:func:`with_pinyin`): the name is the document's, not ours.

A gloss is a bracket right after a Chinese character holding one syllable of lower-case pinyin with a tone mark
(a bracket of plain Latin letters, ``(ppp)``, is no gloss).
"""

from __future__ import annotations

import re
from dataclasses import replace

from graphmodel._record import Record

from .source import Line, Source
from .traditional import simplified

__all__ = ["GLOSS", "as_glossed", "without_pinyin", "with_pinyin"]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_LETTER = f"a-zü{_TONED}"
#: A reading put in after a Chinese character: one syllable in brackets, with its tone mark.
_BRACKETED = rf"[(（][{_LETTER}]{{0,6}}[{_TONED}][{_LETTER}]{{0,6}}[)）]"
GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff]){_BRACKETED}")


def without_pinyin(source: Source) -> Source | None:
    """The document with the glosses taken out of its lines, cells and text; None if it holds none."""
    if not any(GLOSS.search(ln.text) or ln.cells and any(GLOSS.search(c) for c in ln.cells) for ln in source.lines):
        return None
    lines = tuple(_line_without(ln) for ln in source.lines)
    return replace(source, lines=lines, text=None if source.text is None else GLOSS.sub("", source.text))


def _line_without(line: Line) -> Line:
    cells = None if line.cells is None else tuple(GLOSS.sub("", c) for c in line.cells)
    return replace(line, text=GLOSS.sub("", line.text), cells=cells)


def with_pinyin(record: Record, lines: dict[int, str]) -> Record:
    """``record`` with each name as its line writes it, glosses and all; ``lines``: the
    document's lines as written, by number (those holding a gloss)."""
    return _restored(record, lines)


def _restored(value, lines: dict[int, str]):
    if isinstance(value, tuple):
        return tuple(_restored(v, lines) for v in value)
    if not isinstance(value, Record):
        return value
    line = getattr(value, "line", None)
    changes = {}
    for field in value._fields:
        now = getattr(value, field)
        if field == "name" and isinstance(now, str) and line in lines:
            new = as_glossed(now, lines[line])
        else:
            new = _restored(now, lines)
        if new is not now:
            changes[field] = new
    return value.model_copy(update=changes) if changes else value


def as_glossed(name: str, written: str) -> str:
    """``name`` (read without glosses, in either script) as ``written`` gives it, glosses and all; ``name`` itself
    where the line does not hold it.

    Examples
    --------
    >>> as_glossed("镇公路站", "由鎮(zhèn)公路站負責的道路項目")
    '鎮(zhèn)公路站'
    >>> as_glossed("發改委", "配合單位:市發(fā)改委(zhǔ)、規劃局")
    '發(fā)改委(zhǔ)'
    >>> as_glossed("规划局", "配合單位:市發改委")
    '规划局'
    """
    chars = [c for c in name if not c.isspace()]
    if not chars or not GLOSS.search(written):
        return name
    gloss = rf"(?:\s*{_BRACKETED})?"
    pattern = r"\s*".join(re.escape(c) + gloss for c in simplified("".join(chars)))
    found = re.search(pattern, simplified(written))  # one character for one: the span is the written one's
    return written[found.start():found.end()] if found else name
