"""Members of a 领导小组 given in sentences: 由县长吕振华任组长，副县长岑静任副组长；成员由…组成；…为联络员."""

from __future__ import annotations

import re

from graphmodel.model import MemberUnitRecord, Notice, OfficialRecord

from .document import Joined
from .member_list import GroupList, Person, UnitEntry, entries, is_list_line
from .source import Line

__all__ = ["read_member_prose"]

_ROLES = "第一组长|常务副组长|执行副组长|副组长|组长|成员|联络员|秘书长|顾问"
# 由县长吕振华任组长 / 副县长岑静、…蒲建军任副组长 / 各成员单位分管负责同志为联络员
_WHO_ROLE = re.compile(rf"^(?:由)?(?P<who>[^由]+?)(?:(?<!负责)同志)?(?:(?<![主兼])任|担任|为)(?:领导小组)?(?P<role>{_ROLES})$")
# 成员由县住房城乡建设局、县财政局等单位主要负责人组成
_ROLE_WHO = re.compile(rf"^(?:领导小组)?(?P<role>成员|成员单位)(?:由|包括|为)(?P<who>.+?)(?:(?<!负责)同志)?(?:组成|担任)?$")
# 组长由街道党工委书记卓雅琴同志担任
_ROLE_BY = re.compile(rf"^(?:领导小组)?(?P<role>{_ROLES})由(?P<who>.+?)(?:(?<!负责)同志)?(?:担任|兼任)$")
_ETC = re.compile(r"等(?:单位|部门|有关单位|相关单位)?(?=(?:主要|分管)?(?:负责人|负责同志|领导))|等(?:单位|部门)?$")


def _clauses(text: str) -> list[tuple[int, str]]:
    """The clauses of the text (split on ，；。: and 、 stays inside), each with its offset."""
    out, at = [], 0
    for m in re.finditer(r"[，,；;。：:]", text + "。"):
        out.append((at, text[at : m.start()]))
        at = m.end()
    return [(i, c) for i, c in out if c.strip()]


def read_member_prose(lines: tuple[Line, ...], group: GroupList) -> None:
    """Add to ``group`` the members the text names in sentences, with their roles; a name already in the
    list is not added twice.

    Examples
    --------
    >>> ls = (Line(4, "成立领导小组，由县委副书记、县长吕振华任组长，副县长岑静、县政府"),
    ...       Line(5, "办公室主任蒲建军任副组长，成员由县发改局、县财政局等单位主要负责人组成。"))
    >>> g = GroupList()
    >>> read_member_prose(ls, g)
    >>> [(o.name, o.role, o.titles, o.line) for o in g.officials]  # doctest: +NORMALIZE_WHITESPACE
    [('吕振华', '组长', ('县委副书记', '县长'), 4), ('岑静', '副组长', ('副县长',), 4),
     ('蒲建军', '副组长', ('县政府办公室主任',), 4)]
    >>> [(u.name, u.role, u.position, u.line) for u in g.units]
    [('县发改局', '成员', '主要负责人', 5), ('县财政局', '成员', '主要负责人', 5)]
    """
    joined = Joined.of([ln for ln in lines if not is_list_line(ln.text)])  # 组长：… is the list's
    text = re.sub(r"\s", "\u2060", joined.text)  # keep the offsets; spaces are no separators in prose
    known = {o.name for o in group.officials if o.role}
    units = {(u.name, u.role) for u in group.units}
    for at, clause in _clauses(text):
        clause = clause.replace("\u2060", "")
        m = _WHO_ROLE.match(clause) or _ROLE_WHO.match(clause) or _ROLE_BY.match(clause)
        if not m:
            continue
        role = "成员" if m.group("role") == "成员单位" else m.group("role")
        line = joined.line_at(at)
        for entry in entries(_ETC.sub("", m.group("who"))):
            if isinstance(entry, Person) and entry.name not in known:
                known.add(entry.name)
                group.officials.append(OfficialRecord(name=entry.name, role=role, titles=tuple(entry.titles),
                                                      line=line))
            elif isinstance(entry, UnitEntry) and (entry.name, role) not in units:
                units.add((entry.name, role))
                group.units.append(MemberUnitRecord(name=entry.name, role=role, position=entry.position, line=line))
            elif isinstance(entry, str):  # 由分管副县长任组长: a post, no person and no unit
                group.warnings.append(Notice(kind="member-unread", line=line, values={"text": entry}))
