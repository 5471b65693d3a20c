"""The main goals (主要目标): the overall goal and its parts."""

from __future__ import annotations

import re

from graphmodel.model import GoalRecord
from graphmodel.names import clean

from .actions import numbered_items
from .document import Joined
from .source import Line

__all__ = ["read_main_goals"]

_MAIN = re.compile(r"[“\"]([^”\"]{2,30})[”\"]\s*(?:精品城区|城区)?(总体格局|总目标|总体目标|格局|目标|愿景)")
_EXPLAINED = re.compile(r"[（(]\s*即\s*(.*?)[）)]\s*[，。,；]")


def read_main_goals(lines: tuple[Line, ...]) -> list[GoalRecord]:
    """Read the overall goal and its parts from the 主要目标 section.

    The parts are what the text spells out after the goal — "（即 1个公共服务环；4个生活圈：
    香山红色双樾圈、…）", each of them a part and what follows a colon its own parts —
    or else the section's numbered items (1、精致规划。…).

    Examples
    --------
    >>> ls = (Line(1, "构筑“1 环 4圈+X”总体格局（即 1个公共服务环；4个生活圈：香山圈、罗山圈；"),
    ...       Line(3, "X：以便民服务等为功能，联通节点），打造美好金杨。"))
    >>> [(g.name, g.level, g.parent, g.line) for g in read_main_goals(ls)]  # doctest: +NORMALIZE_WHITESPACE
    [('1环4圈+X', 'main', None, 1), ('1个公共服务环', 'part', '1环4圈+X', 1), ('4个生活圈', 'part', '1环4圈+X', 1),
     ('香山圈', 'part', '4个生活圈', 1), ('罗山圈', 'part', '4个生活圈', 1), ('X', 'part', '1环4圈+X', 3)]
    """
    joined = Joined.of(lines)
    text = joined.text
    m = _MAIN.search(text)
    goals: list[GoalRecord] = []
    if m:
        main = re.sub(r"\s+", "", m.group(1))
        goals.append(GoalRecord(name=main, level="main", line=joined.line_at(m.start(1))))
    else:
        main = None
    explained = _EXPLAINED.search(text, m.end()) if m else None
    if explained and explained.start() - m.end() < 10:
        offset = explained.start(1)
        for piece in explained.group(1).split("；"):
            at = text.find(piece, offset)
            name, _, rest = piece.replace("：", ":").partition(":")
            name = clean(name)
            if not name:
                continue
            subs = [clean(s) for s in rest.split("、")] if rest else []
            short = subs and all(0 < len(s) <= 14 for s in subs) and not re.search(r"[，,。]", rest)
            goals.append(
                GoalRecord(name=name, level="part", line=joined.line_at(at), parent=main,
                           description="" if short else clean(rest))
            )
            if short:
                for sub in subs:
                    goals.append(GoalRecord(name=sub, level="part", line=joined.line_at(text.find(sub, at)), parent=name))
            offset = at + len(piece)
    else:
        for _number, first, no, body in numbered_items(lines):
            full = Joined.of(body).text
            title = clean(re.split(r"[。；]", full, maxsplit=1)[0])
            if len(title) <= 20:
                goals.append(GoalRecord(name=title, level="part", line=no, parent=main, description=full))
    return goals
