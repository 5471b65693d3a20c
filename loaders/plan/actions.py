"""The action section (具体行动安排): action groups (（一）…) and their numbered actions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphmodel.names import clean

from .document import CN_NUMERALS, Joined
from .source import Line

__all__ = ["Action", "ActionGroup", "DATE_LINE", "read_actions", "numbered_items"]

_GROUP = re.compile(rf"^[（(]\s*([{CN_NUMERALS}]{{1,3}})\s*[）)]\s*([^。，,；]{{2,30}}?)\s*(?:[。.]\s*(.*))?$")
_ITEM = re.compile(r"^(\d{1,2})\s*[、.．]\s*(?!\d)(\S.*)$")


@dataclass(frozen=True)
class Action:
    """A numbered action: its number, title (up to the first 。), full text and line."""

    number: int
    title: str
    text: str
    line: int
    group: str | None


@dataclass(frozen=True)
class ActionGroup:
    """An action group (（一）提升服务能级)."""

    title: str
    line: int


def _title(text: str) -> str:
    head = re.split(r"[。；]", text, maxsplit=1)[0]
    if len(head) > 30:
        head = re.split(r"[，,：:]", head, maxsplit=1)[0]
    return clean(head)


def numbered_items(
    lines: tuple[Line, ...] | list[Line], first: int = 1
) -> list[tuple[int, str, int, list[Line]]]:
    """Split lines at numbered items (1、… 2.…): ``(number, first text, line, lines)`` each.

    Numbers must follow one another from ``first`` (or restart at 1), so a line opening with "2.0升级"
    in the middle of an item is no new item.

    Examples
    --------
    >>> ls = [Line(1, "1、精致规划。以群众"), Line(2, "2.0升级。"), Line(3, "2、精心建设。发扬")]
    >>> [(n, t, no, len(body)) for n, t, no, body in numbered_items(ls)]
    [(1, '精致规划。以群众', 1, 2), (2, '精心建设。发扬', 3, 1)]
    """
    items: list[tuple[int, str, int, list[Line]]] = []
    for line in lines:
        m = _ITEM.match(line.text)
        number = int(m.group(1)) if m else 0
        if m and (number == (items[-1][0] + 1 if items else first) or number == 1):
            items.append((int(m.group(1)), m.group(2), line.no, [Line(line.no, m.group(2))]))
        elif items:
            items[-1][3].append(line)
    return items


#: A line that is only a date (the 成文日期 under a signature).
DATE_LINE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


def _without_signature(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """The lines without the signature that closes the document after its last action: a date alone and the
    short lines above it that name the body (西岭镇人民政府), none of them part of the last action.

    >>> [ln.text for ln in _without_signature((Line(1, "2、绿化提升。"), Line(2, "西岭镇人民政府"), Line(3, "2022年4月1日")))]
    ['2、绿化提升。']
    """
    end = len(lines)
    while end and not lines[end - 1].text.strip():
        end -= 1
    if not end or not DATE_LINE.match(lines[end - 1].text):
        return lines
    end -= 1
    for _ in range(3):  # the body's name, over one or two lines (or two bodies signing together)
        text = lines[end - 1].text.strip() if end else ""
        if not text or len(text) > 25 or re.search(r"[。，,；;：:、]", text) or _ITEM.match(text) or _GROUP.match(text):
            break
        end -= 1
    return lines[:end]


def read_actions(lines: tuple[Line, ...]) -> tuple[list[ActionGroup], list[Action]]:
    """Read the action groups and numbered actions of the action section.

    Examples
    --------
    >>> ls = tuple(Line(i + 1, t) for i, t in enumerate([
    ...     "具体安排如下：", "（一）党建引领行动", "1、深化楼宇党建。在“楼事会”", "工作基础上，深化建设。",
    ...     "（二）形态改善行动", "2、提高小区环境品质。聚焦居民"]))
    >>> groups, actions = read_actions(ls)
    >>> [(g.title, g.line) for g in groups]
    [('党建引领行动', 2), ('形态改善行动', 5)]
    >>> [(a.number, a.title, a.text, a.group) for a in actions]  # doctest: +NORMALIZE_WHITESPACE
    [(1, '深化楼宇党建', '深化楼宇党建。在“楼事会”工作基础上，深化建设。', '党建引领行动'),
     (2, '提高小区环境品质', '提高小区环境品质。聚焦居民', '形态改善行动')]
    """
    groups: list[ActionGroup] = []
    chunks: list[tuple[str | None, list[Line]]] = [(None, [])]
    for line in _without_signature(lines):
        m = _GROUP.match(line.text)
        if m:
            groups.append(ActionGroup(clean(m.group(2)), line.no))
            chunks.append((groups[-1].title, [Line(line.no, m.group(3))] if m.group(3) else []))
        else:
            chunks[-1][1].append(line)
    actions: list[Action] = []
    last = 0
    for group, chunk in chunks:
        for number, _first, no, body in numbered_items(chunk, first=last + 1):
            last = number
            text = Joined.of(body).text.strip()
            actions.append(Action(number, _title(text), text, no, group))
    return groups, actions
