"""Tasks stated in running prose, without numbers: ``由X负责的Y项目`` paragraphs, and places given a 责任人.

Two forms of the genre that name who does a task inside a sentence::

    聚焦“便民服务”。由镇交通站负责的村道提档项目，改造道路8公里，年底完成。
    …分级负责：青石水库、白沙湖，行政责任人林阿明；龙口水闸，行政责任人许志坚、许文华；
    柳溪（上游段）由沿岸各村的村委会主任担任防汛责任人。

The first gives one task per paragraph, its unit responsible (traditional script read too: 由鎮農業辦負責的…,
the name kept as written). The second gives one task per clause (the places named), its persons leading it
(``责任人`` LEADS, as for every person named responsible for a task); a post named instead of a person
(各村的村委会主任) is a post. Every name keeps its line and the document's own word (负责, 行政责任人).
"""

from __future__ import annotations

import re

from graphmodel.model import Mention, TaskRecord
from graphmodel.names import clean, is_unit_like, looks_like_person

from .assignment import top_level_pieces
from .document import CN_NUMERALS
from .pinyin import GLOSS
from .source import Line

__all__ = ["read_unit_paragraphs", "read_place_duties"]

# 由镇交通站负责的村道提档项目 (负责 or, in traditional script, 負責); the unit is no sentence (no punctuation).
_UNIT_PARAGRAPH = re.compile(r"由(?P<unit>[^，,。；;：:、由的\s]{2,30}?)(?P<word>负责|負責|牵头|牽頭)(?:实施|實施)?的"
                             r"(?P<what>[^，,。；;]{2,60}?)(?:项目|項目|工程|工作|任务|任務)")
# The endings of unit names in traditional script, read as their simplified forms to tell a unit.
_TRADITIONAL = str.maketrans("辦處隊會組館團廠聯門", "办处队会组馆团厂联门")
# A clause giving places a 责任人: 青石水库、白沙湖，行政责任人林阿明 / …，行政责任人：许志坚、许文华
_PLACE_CLAUSE = re.compile(r"^(?P<places>.+?)[，,]\s*(?P<word>(?:行政|技术|技術|防汛|安全|巡查)?责任人|(?:行政|技術|防汛)?責任人)"
                           r"\s*[，,:：]?\s*(?P<who>[^，,。；;]+)$")
# …由沿岸各村的村委会主任担任防汛责任人
_PLACE_BY = re.compile(r"^(?P<places>.+?)由(?P<who>[^，,。；;]{2,20}?)(?:担任|擔任)(?P<word>\S{0,4}(?:责任人|責任人))$")
_NUMBERING = re.compile(rf"^\s*(?:[{CN_NUMERALS}]{{1,3}}|\d{{1,3}})\s*[、.．]\s*")
# What a place or a water work is called at its end: 水库, 湖, 山塘, 拦河闸, 溪, …（山塘）.
_PLACE_END = ("水库", "水庫", "湖", "塘", "闸", "閘", "河", "溪", "坑", "渠", "堤", "围", "圍", "陂", "圩", "桥", "橋",
              "涌", "港", "江", "段", "泵站", "电站", "库", "庫", "）")


def read_unit_paragraphs(lines: tuple[Line, ...] | list[Line]) -> list[TaskRecord]:
    """One task per paragraph that says ``由X负责的Y项目``, X responsible; none unless two paragraphs do.

    Examples
    --------
    >>> ls = [Line(3, "聚焦“便民服务”。由镇交通站负责的村道提档项目，改造道路8公里。"),
    ...       Line(4, "聚焦“綠色發展”。由鎮經濟發展辦負責的光伏項目，年底完成。")]
    >>> [(t.text[:8], t.line, [(m.name, m.line, m.as_written) for m in t.responsible]) for t in read_unit_paragraphs(ls)]
    [('聚焦“便民服务”', 3, [('镇交通站', 3, '负责')]), ('聚焦“綠色發展”', 4, [('鎮經濟發展辦', 4, '負責')])]
    """
    tasks = []
    for line in lines:
        found = list(_UNIT_PARAGRAPH.finditer(line.text))
        if len(found) != 1:
            continue
        m = found[0]
        unit = clean(m.group("unit"))
        if not is_unit_like(GLOSS.sub("", unit).translate(_TRADITIONAL)):
            continue
        tasks.append(TaskRecord(number=None, text=clean(line.text), line=line.no,
                                responsible=(Mention(name=unit, line=line.no, as_written=m.group("word")),)))
    return tasks if len(tasks) >= 2 else []


def read_place_duties(lines: tuple[Line, ...] | list[Line]) -> list[TaskRecord]:
    """One task per clause that gives places a 责任人 (persons, or a post), the 责任人 leading it.

    Clauses are parts of a sentence between ``；``; the places are the clause's trailing parts that name places
    (a heading sentence before them is left out). A sentence needs two such clauses.

    Examples
    --------
    >>> ls = [Line(7, "三、工程分级负责，青石水库、白沙湖，行政责任人林阿明；龙口水闸，行政责任人许志坚、许文华；"
    ...               "柳溪（上游段）由沿岸各村的村委会主任担任防汛责任人。")]
    >>> for t in read_place_duties(ls):
    ...     print(t.text, [(m.name, m.post, m.as_written) for m in t.leads])
    青石水库、白沙湖 [('林阿明', False, '行政责任人')]
    龙口水闸 [('许志坚', False, '行政责任人'), ('许文华', False, '行政责任人')]
    柳溪（上游段） [('沿岸各村的村委会主任', True, '防汛责任人')]
    """
    tasks = []
    for line in lines:
        found = [t for clause, _ in top_level_pieces(line.text, "；;。") if (t := _place_task(clause, line.no))]
        if len(found) >= 2:
            tasks += found
    return tasks


def _place_task(clause: str, no: int) -> TaskRecord | None:
    clause = clause.strip()
    m = _PLACE_CLAUSE.match(clause) or _PLACE_BY.match(clause)
    if not m:
        return None
    places = _places(m.group("places"))
    if not places:
        return None
    who = [clean(w) for w, _ in top_level_pieces(m.group("who"), "、，,")]
    leads = tuple(Mention(name=w, line=no, as_written=m.group("word"), post=not looks_like_person(w))
                  for w in who if w)
    if not leads or any(m.post and len(m.name) > 20 for m in leads):
        return None
    return TaskRecord(number=None, text=places, line=no, leads=leads)


def _places(text: str) -> str:
    """The trailing parts of ``text`` (between ``，``) that name places only: 世纪水库、白沙湖."""
    start = None
    for part, at in reversed(top_level_pieces(text, "，,")):
        if m := _NUMBERING.match(part):  # 二、青石水库: the number of the paragraph is no place
            part, at = part[m.end():], at + m.end()
        names = [clean(n) for n, _ in top_level_pieces(part, "、")]
        if not names or not all(n.endswith(_PLACE_END) and len(n) <= 16 for n in names):
            break
        start = at
    return text[start:].strip() if start is not None else ""
