"""What one cell of a task table names: the people (or posts) of a lead cell, the units of a unit cell.

Shared by the table readers (:mod:`loaders.plan.cell_table`) and the readers of responsibility clauses in prose
(:mod:`loaders.plan.task_list`): ``王伟（副区长）、区政府分管领导`` is a person with a title and a post;
``区税务局、各县(市、区)政府 高新园 (某某镇)`` three units (a 、 inside brackets separates nothing, a bracket after
a space belongs to the name before it).
"""

from __future__ import annotations

import re

from graphmodel.model import Mention, OfficialRecord
from graphmodel.names import clean, is_unit_like, looks_like_person, split_units

__all__ = ["LeadCells", "lead_marked", "lead_mentions", "unit_mentions", "unit_names"]

_NONE = {"—", "-", "--", "——", "/", "／", "\\", "无", "暂无"}
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_POST_END = ("领导", "书记", "主任", "长", "主席", "委员", "负责人", "干部", "专员")
_POST_WORDS = {"常务", "分管", "主管", "主要", "党委", "党组", "专职", "执行", "第一", "副职", "正职", "联系", "包保"}
_POST_START = tuple("副区市县镇乡街党常主书分局委人政总办各相")
_JURISDICTION_WORDS = "市区县镇乡"  # a unit's name opening with its level (区发改委)
_LEAD_SPLIT = re.compile(r"[、，,；;/／]+")
_UNIT_SPLIT = re.compile(r"[/／]+")
_MARK = re.compile(r"[（(]\s*牵头(?:单位)?\s*[)）]$")


class LeadCells:
    """Reads lead cells, remembering the titles written beside each lead (张三（副区长）, 副区长 张三).

    Parameters
    ----------
    officials : set of str
        Names of people known from the document: a lead is one of them or reads as a person's name;
        anything else in a lead cell is a post (``Mention.post``).
    """

    def __init__(self, officials: set[str] | frozenset[str] = frozenset()):
        self.officials = set(officials)
        self.titles: dict[str, tuple[str, ...]] = {}  # a lead's titles, as the last lead cell naming them gave them
        self.titled: dict[str, OfficialRecord] = {}  # a titled lead outside the known officials, where first read

    def mentions(self, text: str) -> list[Mention]:
        """The people (or posts) of a lead cell: 王伟、李强 / 张三（副区长） / 副区长 王伟 / 区政府分管领导.

        Within one piece (between 、，/), a post beside a person is that person's title.
        """
        out: list[Mention] = []
        for piece in _pieces(text, _LEAD_SPLIT):
            tokens = [re.sub(r"[（(][^）)]*[）)]", "", t).removesuffix("同志") for t in piece]
            people = [p for p in map(self._person, tokens) if p]
            if len(people) == 1:  # one person in the piece: the posts beside the name are the person's titles
                self._note_titles(people[0], piece, tokens)
            if people:
                out += [Mention(name=p, line=0) for p in people]
            elif "".join(tokens):
                out.append(Mention(name="".join(tokens), line=0, post=True))
        return out

    def note_official(self, name: str, line: int) -> None:
        """Record a lead read on ``line`` as an official with the titles its cell gave, if it is no known one."""
        if self.titles.get(name) and name not in self.titled and name not in self.officials:
            self.titled[name] = OfficialRecord(name=name, role=None, titles=self.titles[name], line=line)

    def _note_titles(self, person: str, piece: list[str], tokens: list[str]) -> None:
        """张三（副区长） / 副区长 张三 / 张三副区长: the posts written with a lead's name are the lead's titles."""
        bracketed = [t for raw in piece for part in re.findall(r"[（(]([^）)]*)[）)]", raw)
                     for t in re.split(r"[、，,；;]", part)]
        beside = [token.replace(person, "", 1) if person in token else token for token in tokens]  # 副区长 张三, 张三副区长
        titles = [clean(t) for t in bracketed if clean(t)] + [clean(t) for t in beside if _is_post(clean(t))]
        if titles:
            self.titles[person] = tuple(dict.fromkeys(titles))

    def _person(self, token: str) -> str | None:
        if token in self.officials or (_looks_like_person(token) and not token.endswith(_POST_END)):
            return token
        for name in sorted(self.officials, key=len, reverse=True):  # 王伟副区长
            if token.startswith(name) and _is_post(token[len(name) :]):
                return name
        for k in (2, 3, 4):
            head, rest = token[:k], token[k:]
            if rest and _looks_like_person(head) and rest.startswith(_POST_START) and _is_post(rest):
                return head
        for k in (3, 4, 5, 6):  # 副区长王伟
            head, rest = token[:-k], token[-k:] if len(token) > k else ""
            if rest and _is_post(head) and (rest in self.officials or _looks_like_person(rest)):
                return rest
        return None


def lead_mentions(text: str, officials: set[str] | frozenset[str] = frozenset()) -> list[Mention]:
    """The people (or posts) a lead cell or clause names, as a table's lead cell is read (line 0).

    >>> [(m.name, m.post) for m in lead_mentions("王伟（副区长）、区政府分管领导")]
    [('王伟', False), ('区政府分管领导', True)]
    """
    return LeadCells(officials).mentions(text)


def lead_marked(responsible: tuple[Mention, ...], cooperating: tuple[Mention, ...],
                first_leads: bool = False) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    """Responsible and cooperating units when one responsible unit is marked as leading.

    ``市民政局（牵头）、各区政府`` in a 责任单位 cell: the marked unit is responsible (its mark dropped), the
    others cooperate; with ``first_leads`` (the document says the unit listed first leads) the first does.

    >>> r, c = lead_marked((Mention(name="市民政局（牵头）", line=3), Mention(name="各区政府", line=3)), ())
    >>> [m.name for m in r], [m.name for m in c]
    (['市民政局'], ['各区政府'])
    """
    marked = [m for m in responsible if _MARK.search(m.name)]
    if marked:
        lead = tuple(m.model_copy(update={"name": _MARK.sub("", m.name)}) for m in marked)
        return lead, tuple(m for m in responsible if m not in marked) + cooperating
    if first_leads and len(responsible) > 1:
        return responsible[:1], responsible[1:] + cooperating
    return responsible, cooperating


def unit_names(text: str) -> list[str]:
    """The units a unit cell or clause names: split on 、 / and spaces, collectives whole.

    >>> unit_names("区税务局、区人社局 各镇（街道）")
    ['区税务局', '区人社局', '各镇（街道）']
    >>> unit_names("各县(市、区)政府、高新园 (某某镇)")
    ['各县（市、区）政府', '高新园（某某镇）']
    """
    return [m.name for m in unit_mentions(text)]


def unit_mentions(text: str) -> list[Mention]:
    """The units of a unit cell, as mentions on line 0 (:func:`unit_names`)."""
    names = [n for piece in _pieces(text, _UNIT_SPLIT) for t in piece for u in split_units(t) if u not in _NONE
             for n in _run_together(u)]
    return [Mention(name=n, line=0) for n in names]


def _split_outside_brackets(text: str, split: re.Pattern) -> list[str]:
    """``text`` split where ``split`` matches outside brackets: 张三（区委常委、副区长）、李四 is two pieces.

    >>> _split_outside_brackets("张三（区委常委、副区长）、李四", _LEAD_SPLIT)
    ['张三（区委常委、副区长）', '李四']
    """
    out, start, depth, at = [], 0, 0, 0
    while at < len(text):
        ch = text[at]
        depth += (ch in "（(") - (ch in "）)")
        m = split.match(text, at) if depth <= 0 else None
        if m and m.end() > at:
            out.append(text[start:at])
            start = at = m.end()
            continue
        at += 1
    out.append(text[start:])
    return out


def _pieces(text: str, split: re.Pattern) -> list[list[str]]:
    """Split a cell on its separators, each piece on spaces; single characters padded apart (王　伟) join again,
    and so does a bracket after a space (高新园 (某某镇): the name wrapped before its bracket)."""
    out: list[list[str]] = []
    for piece in _split_outside_brackets(text, split):
        merged: list[str] = []
        for t in (t for t in _SPACES.split(piece) if t):
            if merged and (len(t) == 1 or len(merged[-1]) == 1 or t.startswith(("（", "("))):
                merged[-1] += t
            else:
                merged.append(t)
        tokens = [clean(t) for t in merged if clean(t)]
        if tokens:
            out.append(tokens)
    return out


def _run_together(name: str) -> list[str]:
    """Split units a lost space ran together (a PDF cell wrapped where the space stood).

    Only where the cut is sure: a unit, then a collective (市规划局各镇（街道）), or a unit, then a unit
    that opens with the same jurisdiction word (乡财政所乡农业服务中心).

    Examples
    --------
    >>> _run_together("市规划局各镇（街道）"), _run_together("乡财政所乡农业服务中心"), _run_together("区委宣传部")
    (['市规划局', '各镇（街道）'], ['乡财政所', '乡农业服务中心'], ['区委宣传部'])
    """
    for k in range(2, len(name) - 1):
        head, tail = name[:k], name[k:]
        if not is_unit_like(head) or not (is_unit_like(tail) or tail.startswith("各")):
            continue
        if tail.startswith("各") or (tail[0] == name[0] and name[0] in _JURISDICTION_WORDS):
            return [head, *_run_together(tail)]
    return [name]


def _looks_like_person(token: str) -> bool:
    return looks_like_person(token) and token[:2] not in _POST_WORDS


def _is_post(text: str) -> bool:
    return bool(text) and text.endswith(_POST_END)
