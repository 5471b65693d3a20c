"""Streets, roads and waterways named in a text (居家桥路, 浦东大道, 张家浜).

A heuristic over plain text: a few characters before 路, 大道, 浜, 河 …, cut at the word
before. (街 is left out: in these plans it is 街区, 街道, 街镇, nearly never a street.)
"""

from __future__ import annotations

import re

__all__ = ["find_streets"]

# A place name ends in one of these; the longest first.
_SUFFIXES = ("大道", "路", "浜", "港", "河", "泾", "江")
# Characters that end the word before a place name (verbs, prepositions, punctuation).
_STOP = set("以在和与及等对于向从沿至到经由把将为是的了有进施快造善动升化设展修治添增推打建靠近临跨贯穿通往近邻靓美广整合")
# Words ending in a suffix that are no place: 道路, 思路, 社区街 …
_NOT_BEFORE = {
    "路": set("道思线网马公铁出一之小大水门来套销后前新老进退活"),
    "河": set("内护运山江长冰银界"),
    "江": set("长沿滨"),
    "港": set("香海空商口"),
    "大道": set("康阳美"),
}
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"|《[^》]*》")


def find_streets(text: str) -> list[tuple[str, int]]:
    """Find the streets and waterways a text names, with the offset of each.

    A name is two or three characters before a suffix (路, 大道, 街, 浜, 河 …), cut at the
    word before it; generic words (道路, 思路) and anything in quotation marks (“美食崂山”,
    slogans) are not places.

    Examples
    --------
    >>> [n for n, _ in find_streets("以居家桥路、张杨路为主要分界线，推动中小道路改造")]
    ['居家桥路', '张杨路']
    >>> [n for n, _ in find_streets("推广崂山路街区联盟；整合路网资源；在福山路、崂山路、浦城路东、中、西三片；增添张家浜沿线好去处")]
    ['崂山路', '福山路', '浦城路', '张家浜']
    >>> [n for n, _ in find_streets("浦东大道改革道、张杨路迎宾道；聚焦“至简至美大道潍坊”；推进思路")]
    ['浦东大道', '张杨路']
    """
    masked = _QUOTED.sub(lambda m: "　" * len(m.group(0)), text)
    found: list[tuple[str, int]] = []
    seen: set[str] = set()
    for m in re.finditer("|".join(_SUFFIXES), masked):
        suffix, end = m.group(0), m.start()
        before = masked[max(0, end - 4) : end]
        if suffix == "路" and masked[end + 1 : end + 2] in ("径", "线", "演", "子", "由", "网", "况", "灯", "面", "口"):
            continue
        if suffix in ("河", "江", "港") and masked[end + 1 : end + 2] in ("道", "流", "长", "湾", "口", "水"):
            continue
        prefix = ""
        for ch in reversed(before):
            if not ("\u4e00" <= ch <= "\u9fff") or ch in _STOP:
                break
            prefix = ch + prefix
        prefix = prefix[-3:]
        if len(prefix) < 2 or prefix[-1] in _NOT_BEFORE.get(suffix, ()):
            continue
        name = prefix + suffix
        if name not in seen:
            seen.add(name)
            found.append((name, end - len(prefix)))
    return found
