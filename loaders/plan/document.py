"""Numbered lines → the document's parts: header, numbered sections, attachments."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .source import Line

__all__ = ["Document", "Section", "Joined", "split_document", "numeral_value", "CN_NUMERALS"]

CN_NUMERALS = "一二三四五六七八九十"
_SECTION = re.compile(rf"^([{CN_NUMERALS}]{{1,3}})、\s*(\S.{{0,30}})$")
_ATTACHMENT_LIST = re.compile(r"^附\s*件\s*[:：]\s*(.*)$")
_ATTACHMENT_ITEM = re.compile(r"^(\d{1,2})\s*[.．、]\s*(\S.*)$")
_ATTACHMENT_HEAD = re.compile(r"^附\s*件\s*(\d{1,2})\s*[:：]?\s*$")


@dataclass(frozen=True)
class Joined:
    """Lines joined into one string, with a map from character offsets back to lines.

    PDF extraction breaks sentences (and names) at the end of every printed line;
    joining them lets a pattern match across the break while the evidence keeps
    the line the match starts on.

    Examples
    --------
    >>> j = Joined.of([Line(3, "由陆炜"), Line(5, "锋同志牵头")])
    >>> j.text, j.line_at(j.text.index("陆炜锋"))
    ('由陆炜锋同志牵头', 3)
    >>> j.line_at(j.text.index("同志"))
    5
    """

    text: str
    starts: tuple[int, ...]
    numbers: tuple[int, ...]

    @classmethod
    def of(cls, lines: list[Line] | tuple[Line, ...], sep: str = "") -> "Joined":
        starts, numbers, parts, pos = [], [], [], 0
        for line in lines:
            starts.append(pos)
            numbers.append(line.no)
            parts.append(line.text)
            pos += len(line.text) + len(sep)
        return cls(sep.join(parts), tuple(starts), tuple(numbers))

    def line_at(self, offset: int) -> int:
        """Return the line number of the character at ``offset``."""
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.numbers[i]


@dataclass(frozen=True)
class Section:
    """A numbered section of the body (一、指导思想 …): its title and lines (heading excluded)."""

    numeral: str
    title: str
    line: int
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Document:
    """A plan split into its parts."""

    lines: tuple[Line, ...]
    header: tuple[Line, ...]
    sections: tuple[Section, ...]
    attachment_list: tuple[tuple[int, str, int], ...]  # (number, title, line)
    attachments: dict[int, tuple[Line, ...]] = field(default_factory=dict)
    attachment_lines: dict[int, int] = field(default_factory=dict)
    text: str | None = None  # the text the lines were numbered from (Source.text), for tab-separated rows
    given_issuer: str | None = None  # the issuer the user gave (--issuer), for a document that names none

    def section(self, *keywords: str) -> Section | None:
        """Return the first section whose title holds one of the keywords."""
        for sec in self.sections:
            if any(k in sec.title for k in keywords):
                return sec
        return None


def numeral_value(numeral: str) -> int:
    """The value of a Chinese numeral of a heading: 三 → 3, 十二 → 12, 二十一 → 21."""
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + CN_NUMERALS.index(numeral[1]) + 1
    if len(numeral) == 1:
        return CN_NUMERALS.index(numeral) + 1
    if numeral.endswith("十"):
        return (CN_NUMERALS.index(numeral[0]) + 1) * 10
    return (CN_NUMERALS.index(numeral[0]) + 1) * 10 + CN_NUMERALS.index(numeral[-1]) + 1


def split_document(lines: tuple[Line, ...], text: str | None = None) -> Document:
    """Split a plan's lines into header, body sections, attachment list and attachments.

    Sections are the body's top-level headings (一、… 二、…) in increasing order;
    the body ends at the attachment list (附件：) or at the first attachment
    heading (附件 1). Each attachment runs to the next attachment heading.

    Examples
    --------
    >>> ls = [Line(i + 1, t) for i, t in enumerate(
    ...     ["某某街道行动方案", "一、指导思想", "正文", "二、主要目标", "目标",
    ...      "附件：1.领导小组名单", "2.任务表", "附件 1", "组 长：张三"])]
    >>> d = split_document(tuple(ls))
    >>> [(s.numeral, s.title, [l.text for l in s.lines]) for s in d.sections]
    [('一', '指导思想', ['正文']), ('二', '主要目标', ['目标'])]
    >>> d.attachment_list, sorted(d.attachments)
    (((1, '领导小组名单', 6), (2, '任务表', 7)), [1])
    """
    n = len(lines)
    attach_heads = [i for i, ln in enumerate(lines) if _ATTACHMENT_HEAD.match(ln.text)]
    list_at = next((i for i, ln in enumerate(lines) if _ATTACHMENT_LIST.match(ln.text)), None)
    body_end = min([i for i in [list_at, *attach_heads[:1]] if i is not None], default=n)

    attachment_list: list[tuple[int, str, int]] = []
    if list_at is not None:
        first = _ATTACHMENT_LIST.match(lines[list_at].text).group(1)
        candidates = [(lines[list_at].no, first)] + [
            (ln.no, ln.text) for ln in lines[list_at + 1 : list_at + 12]
        ]
        for no, text in candidates:
            m = _ATTACHMENT_ITEM.match(text)
            if not m:
                if attachment_list:
                    break
                continue
            number = int(m.group(1))
            if attachment_list and number != attachment_list[-1][0] + 1:
                break
            attachment_list.append((number, m.group(2).strip(), no))

    heads: list[tuple[int, str, str]] = []
    last_value = 0
    for i in range(body_end):
        m = _SECTION.match(lines[i].text)
        if m and not re.search(r"[，。；]", m.group(2)):
            value = numeral_value(m.group(1))
            if value == last_value + 1:
                heads.append((i, m.group(1), m.group(2).strip()))
                last_value = value
    sections = []
    for k, (i, numeral, title) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else body_end
        sections.append(Section(numeral, title, lines[i].no, tuple(lines[i + 1 : end])))
    header = tuple(lines[: heads[0][0]]) if heads else tuple(lines[:body_end])

    attachments: dict[int, tuple[Line, ...]] = {}
    attachment_lines: dict[int, int] = {}
    for k, i in enumerate(attach_heads):
        number = int(_ATTACHMENT_HEAD.match(lines[i].text).group(1))
        end = attach_heads[k + 1] if k + 1 < len(attach_heads) else n
        attachments.setdefault(number, tuple(lines[i + 1 : end]))
        attachment_lines.setdefault(number, lines[i].no)
    return Document(lines, header, tuple(sections), tuple(attachment_list), attachments, attachment_lines, text)
