"""Members of a 领导小组 given in sentences: 由县长吕振华任组长，副县长岑静任副组长；成员由…组成；…为联络员."""

from __future__ import annotations

import re

from graphmodel.model import Mention, MemberUnitRecord, Notice, OfficialRecord, TeamRecord

from .document import CN_NUMERALS, Joined
from .member_list import TEAM_NAME, GroupList, Person, UnitEntry, entries, is_list_line, read_office
from .source import Line

__all__ = ["read_member_prose"]

_ROLES = "第一组长|常务副组长|执行副组长|副组长|组长|成员|联络员|秘书长|顾问|常务副总指挥|副总指挥|总指挥|常务副指挥长|副指挥长|指挥长"
# 由县长吕振华任组长 / 副县长岑静、…蒲建军任副组长 / 各成员单位分管负责同志为联络员
_WHO_ROLE = re.compile(rf"^(?:由)?(?P<who>[^由]+?)(?:(?<!负责)同志)?(?:(?<![主兼])任|担任|为)(?:领导小组)?"
                       rf"(?P<role>{_ROLES}|成员单位)(?:兼(?:领导小组)?办公室(?P<office>副)?主任)?$")
# 成员由县住房城乡建设局、县财政局等单位主要负责人组成
_ROLE_WHO = re.compile(rf"^(?:领导小组)?(?P<role>成员|成员单位)(?:由|包括|为)(?P<who>.+?)(?:(?<!负责)同志)?(?:组成|担任)?$")
# 岑静同志不再担任领导小组副组长: a change notice takes a member out
_REMOVED = re.compile(rf"^(?:免去)?(?P<who>.+?)(?:同志)?(?:不再担任|不再兼任|不再任)(?:领导小组)?(?P<role>{_ROLES})(?:职务)?$")
# …不再担任领导小组组长，由庞立冬同志接任: the successor takes the role just given up (or the one named)
_SUCCEEDS = re.compile(rf"^(?:由)(?P<who>[^由]+?)(?:同志)?接任(?:领导小组)?(?P<role>{_ROLES})?(?:职务)?$")
_ADDED = re.compile(r"^(?:增补|增加|新增|补充|调整|明确)")
# 组长由街道党工委书记卓雅琴同志担任
_ROLE_BY = re.compile(rf"^(?:领导小组)?(?P<role>{_ROLES})由(?P<who>.+?)(?:(?<!负责)同志)?(?:担任|兼任)$")
# A role given in a clause, whoever it is given to (what the patterns above did not read is said, not dropped).
_ROLE_SAID = re.compile(rf"(?:(?<![主兼])任|担任|为)(?:领导小组)?(?:{_ROLES})(?:$|兼)")
_COMMITTEE_ROLES = "常务副主任|副主任|主任|委员"
# 组长、副组长分别由周文斌、孙立新担任 / 主任、副主任分别是：A、B: roles given in turn to the people listed after
_EACH_ROLE = (r"(?P<roles>(?:(?:{roles})[、和及与])+(?:{roles}))分别(?:由(?P<by>[^；;。]+?)(?:同志)?(?:担任|兼任)"
              r"|(?:是|为)[：:]?(?P<who>[^，,；;。]+))")
_ETC = re.compile(r"等(?:单位|部门|有关单位|相关单位)?(?=(?:主要|分管)?(?:负责人|负责同志|领导))|等(?:单位|部门)?$")


# In a sentence about a 工作专班: 由岑静同志任专班长 / 龚晓燕任副专班长 / 成员单位为县发改局、县商务局
_TEAM_LEAD = re.compile(r"^(?:由)?(?P<who>[^由]+?)(?:同志)?(?:任|担任|兼任)(?:专班)?(?P<deputy>副)?(?:专班长|组长|负责人)$")
_TEAM_LEAD_BY = re.compile(r"^(?:专班)?(?P<deputy>副)?(?:专班长|组长)由(?P<who>.+?)(?:同志)?(?:担任|兼任)$")
_TEAM_MEMBERS = re.compile(r"^(?:专班)?成员(?:单位)?(?:为|包括|由)(?P<who>.+?)(?:等(?:单位|部门))?(?:组成)?$")


# A sentence about groups of the units below (各村委会要成立…防汛小组，…任组长): not this group's members.
_SUB_GROUP = re.compile(r"各[^，,。；;：:]{1,20}?(?:要|应|须|均|也)?(?:分别)?(?:成立|组建|设立)")
# The heading of a working group below the group (（一）综合协调组, 2.物资保障组): the roles its sentences give are
# that group's (…张晓骏任组长，综合科为成员单位), not the 领导小组's or 指挥部's.
_WORKING_GROUP = re.compile(rf"^\s*(?:[（(]\s*[{CN_NUMERALS}]{{1,3}}\s*[）)]|[{CN_NUMERALS}]{{1,3}}\s*[、.．]|\d{{1,2}}\s*[、.．])\s*"
                            r"[\u4e00-\u9fff]{2,14}(?<!领导)(?:工作组|专项组|小组|组)\s*[:：]?\s*$")
_ANY_HEADING = re.compile(rf"^\s*(?:[（(]\s*[{CN_NUMERALS}\d]{{1,3}}\s*[）)]|[{CN_NUMERALS}\d]{{1,3}}\s*[、.．])")
# A sentence that sets up the group's office (领导小组下设办公室…, 办公室设在…): its 成员 are the office's.
_OFFICE_SET_UP = re.compile(r"下设[^，,。；;]{0,20}办公室|办公室[（(]?设在")
_OFFICE_MEMBERS = re.compile(r"^(?P<who>.+?)(?:为|作为)(?:办公室)?成员(?:单位)?$")


def _office_members(clause: str, line: int, group: GroupList) -> None:
    """街直相关部门及各村（社区）为成员, in the sentence that sets up the office: members of the office."""
    m = _OFFICE_MEMBERS.match(clause)
    if m:
        who = re.sub(r"以及|及", "、", m.group("who"))  # 街直相关部门及各社区: two members
        group.office_members += [Mention(name=e.name, line=line) for e in entries(who) if isinstance(e, UnitEntry)]


def _sentences(text: str) -> list[tuple[int, str]]:
    out, at = [], 0
    for m in re.finditer(r"。", text + "。"):
        out.append((at, text[at : m.start()]))
        at = m.end()
    return out


def _read_team(at: int, sentence: str, joined: Joined, group: GroupList) -> None:
    """A 工作专班 said in a sentence: its name, lead, deputies and member units, each with its line."""
    name = TEAM_NAME.search(sentence).group("name")
    leads, deputies, members = [], [], []
    for offset, clause in _clauses(sentence):
        line = joined.line_at(at + offset)
        clause = clause.replace("\u2060", "")
        m = _TEAM_LEAD.match(clause) or _TEAM_LEAD_BY.match(clause)
        if m:
            for entry in entries(m.group("who")):
                if isinstance(entry, Person):
                    (deputies if m.group("deputy") else leads).append(Mention(name=entry.name, line=line))
                    if entry.name not in {o.name for o in group.officials}:
                        group.officials.append(OfficialRecord(name=entry.name, role=None,
                                                              titles=tuple(entry.titles), line=line))
            continue
        m = _TEAM_MEMBERS.match(clause)
        if m:
            members += [Mention(name=e.name, line=line) for e in entries(m.group("who")) if isinstance(e, UnitEntry)]
    line = joined.line_at(at + sentence.index(name))
    name = name.replace("\u2060", "")
    team = TeamRecord(name=name, line=line, leads=tuple(leads),
                      deputies=tuple(deputies), members=tuple(members))
    same = [i for i, t in enumerate(group.teams) if t.name == name]
    if not same:
        group.teams.append(team)
    elif not (group.teams[same[0]].leads or group.teams[same[0]].members):  # named in the list, said here
        group.teams[same[0]] = team


def _roles_in_turn(at: int, sentence: str, pattern: re.Pattern, joined: Joined, group: GroupList,
                   known: set[str]) -> list[tuple[int, int]]:
    """The roles a sentence gives in turn (组长、副组长分别由A、B担任): each to the person in its place, where the
    people named are as many as the roles; else a warning naming the line. The spans read, for the clauses to skip."""
    spans = []
    places = [k for k, c in enumerate(sentence) if c != "\u2060"]  # where each character of the plain text stands
    plain = sentence.replace("\u2060", "")
    for m in pattern.finditer(plain) if "分别" in plain else ():
        line = joined.line_at(at + places[m.start()])
        roles = re.split(r"[、和及与]", m.group("roles"))
        who = entries(re.sub(r"同志(?=[、，,]|$)", "", m.group("by") or m.group("who")))
        spans.append((at + places[m.start()], at + places[m.end() - 1] + 1))
        if len(who) != len(roles) or not all(isinstance(e, Person) for e in who):
            group.warnings.append(Notice(kind="member-unread", line=line, values={"text": m.group(0)}))
            continue
        for role, person in zip(roles, who):
            if person.name not in known:
                known.add(person.name)
                group.officials.append(OfficialRecord(name=person.name, role=role, titles=tuple(person.titles),
                                                      line=line))
    return spans


def _clauses(text: str) -> list[tuple[int, str]]:
    """The clauses of the text (split on ，；。: and 、 stays inside), each with its offset."""
    out, at = [], 0
    for m in re.finditer(r"[，,；;。：:]", text + "。"):
        out.append((at, text[at : m.start()]))
        at = m.end()
    return [(i, c) for i, c in out if c.strip()]


def _under_working_groups(lines: tuple[Line, ...]) -> set[int]:
    """The lines of a working group: its heading (:data:`_WORKING_GROUP`) and the lines after, up to the next
    heading."""
    out: set[int] = set()
    inside = False
    for line in lines:
        if _WORKING_GROUP.match(line.text):
            inside = True
            out.add(line.no)  # its first sentence opens on it (joined: （一）综合协调组…张晓骏任组长)
        elif _ANY_HEADING.match(line.text):
            inside = False
        elif inside:
            out.add(line.no)
    return out


def read_member_prose(lines: tuple[Line, ...], group: GroupList, committee: bool = False) -> None:
    """Add to ``group`` the members the text names in sentences, with their roles; a name already in the
    list is not added twice. Roles given in turn (组长、副组长分别由A、B担任) go to the people in their order, where
    as many people as roles are named; a 委员会's (``committee``) roles are 主任, 副主任 and 委员.

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
    under = _under_working_groups(lines)
    each_role = re.compile(_EACH_ROLE.format(roles=_ROLES + ("|" + _COMMITTEE_ROLES if committee else "")))
    joined = Joined.of([ln for ln in lines if not is_list_line(ln.text)])  # 组长：… is the list's
    text = re.sub(r"\s", "\u2060", joined.text)  # keep the offsets; spaces are no separators in prose
    known = {o.name for o in group.officials if o.role}
    units = {(u.name, u.role) for u in group.units}
    skip: list[tuple[int, int]] = []
    office_spans: list[tuple[int, int]] = []  # the sentences that set up the office: who is 成员 there is the office's
    given_up: str | None = None  # the role the last 不再担任 gave up, for a 由…接任 after it
    for at, sentence in _sentences(text):
        plain = sentence.replace("\u2060", "")
        if TEAM_NAME.search(plain):
            _read_team(at, sentence, joined, group)
            skip.append((at, at + len(sentence)))
        elif _SUB_GROUP.search(plain) or plain and joined.line_at(at + len(sentence) - len(sentence.lstrip("\u2060"))) in under:
            skip.append((at, at + len(sentence)))  # 各二级单位成立本单位工作小组，党政负责人任组长: another group's roles
        elif _OFFICE_SET_UP.search(plain):
            office_spans.append((at, at + len(sentence)))
        else:
            skip += _roles_in_turn(at, sentence, each_role, joined, group, known)
    for at, clause in _clauses(text):
        if any(a <= at < b for a, b in skip):
            continue
        if any(a <= at < b for a, b in office_spans):
            _office_members(clause.replace("\u2060", ""), joined.line_at(at), group)
            continue
        clause = _ADDED.sub("", clause.replace("\u2060", ""))
        line = joined.line_at(at)
        removed = _REMOVED.match(clause)
        if removed:
            group.warnings.append(Notice(kind="member-removed", line=line,
                                         values={"name": removed.group("who"), "role": removed.group("role")}))
            given_up = removed.group("role")
            continue
        succeeds = _SUCCEEDS.match(clause)
        if succeeds and (succeeds.group("role") or given_up):
            clause = f"{succeeds.group('who')}任{succeeds.group('role') or given_up}"
        m = _WHO_ROLE.match(clause) or _ROLE_WHO.match(clause) or _ROLE_BY.match(clause)
        if not m:
            if _ROLE_SAID.search(clause):  # 吕振华同志任领导小组组长兼办公室主任: a role given, not read
                group.warnings.append(Notice(kind="member-unread", line=line, values={"text": clause}))
            continue
        role = "成员" if m.group("role") == "成员单位" else m.group("role")
        office = m.groupdict().get("office")
        heads_office = office is not None or "办公室" in clause[m.end("role"):]
        for entry in entries(_ETC.sub("", m.group("who"))):
            if isinstance(entry, Person) and heads_office:  # …任组长兼办公室主任
                (group.office_deputies if office else group.office_leads).append(Mention(name=entry.name, line=line))
            if isinstance(entry, Person) and entry.name not in known:
                known.add(entry.name)
                group.officials.append(OfficialRecord(name=entry.name, role=role, titles=tuple(entry.titles),
                                                      line=line))
            elif isinstance(entry, UnitEntry) and (entry.name, role) not in units:
                units.add((entry.name, role))
                group.units.append(MemberUnitRecord(name=entry.name, role=role, position=entry.position, line=line))
            elif isinstance(entry, str):  # 由分管副县长任组长: a post, no person and no unit
                group.warnings.append(Notice(kind="member-unread", line=line, values={"text": entry}))


# A sentence that sets a group up inside a plan (（一）加强组织领导。成立…工作领导小组，由…任组长): the group's members.
_SETS_UP_GROUP = re.compile(r"(?:成立|组建|设立)[^，,。；;：:《》]{0,40}?(?:领导小组|指挥部|工作专班|委员会|联席会议)"
                            r"(?![办成])")


def read_group_sentences(lines: tuple[Line, ...]) -> tuple[GroupList, TeamRecord | None]:
    """The members a plan's own sentences give its group (成立…领导小组，由街道党工委书记周文斌任组长…): the
    paragraph of each sentence that sets a group up, read as :func:`read_member_prose` reads a notice's prose, and
    the office those paragraphs set up (领导小组办公室设在…); an empty list and None where no sentence does.

    Examples
    --------
    >>> ls = (Line(8, "（一）加强组织领导。成立街道改造工作领导小组，由街道党工委书记周文斌任组长，"),
    ...       Line(9, "办事处主任孙立新任副组长。"), Line(10, "（二）强化督查考核。由周文斌任督查组长。"))
    >>> [(o.name, o.role, o.titles, o.line) for o in read_group_sentences(ls)[0].officials]
    [('周文斌', '组长', ('街道党工委书记',), 8), ('孙立新', '副组长', ('办事处主任',), 9)]
    """
    group = GroupList()
    paragraph: list[Line] = []
    chosen: list[Line] = []
    for line in (*lines, None):
        if line is None or _ANY_HEADING.match(line.text) or not line.text.strip() or \
                (paragraph and line.no != paragraph[-1].no + 1):
            if any(_SETS_UP_GROUP.search(ln.text.replace(" ", "")) for ln in paragraph) and \
                    not _SUB_GROUP.search("".join(ln.text for ln in paragraph)):
                chosen += paragraph
            paragraph = []
        if line is not None and line.text.strip():
            paragraph.append(line)
    if not chosen:
        return group, None
    read_member_prose(tuple(chosen), group)
    return group, read_office(tuple(chosen), group) if group.officials or group.units else None
