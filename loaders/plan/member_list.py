"""The member list of a 领导小组 notice: people with role and titles, member units, the office and its head."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphmodel.model import Mention, MemberUnitRecord, OfficialRecord, TeamRecord
from graphmodel.names import clean, is_collective, is_unit_like, looks_like_person

from .document import CN_NUMERALS, Joined
from .issuer import jurisdiction
from .source import Line

__all__ = ["GroupList", "read_member_list", "read_office", "entries"]

_SPACES = re.compile(r"[\u00a0\u2002-\u200b\u3000\ufeff]")
_ROLE_WORDS = {
    "组长": "组长", "第一组长": "第一组长", "常务副组长": "常务副组长", "执行副组长": "执行副组长",
    "副组长": "副组长", "成员": "成员", "成员单位": "成员", "顾问": "顾问", "秘书长": "秘书长",
}
_OFFICE_ROLE_WORDS = {"办公室主任": "主任", "办公室副主任": "副主任", "主任": "主任", "副主任": "副主任",
                      "常务副主任": "副主任"}
# A role label opening a line: one of the role words, spaces allowed between its characters (组  长),
# then a colon, a space or tab (组长\t张三, a row of a two-column table copied as text), or the line's end.
_LABEL = re.compile(
    "^(?P<label>" + "|".join(r"\s*".join(word) for word in sorted({**_ROLE_WORDS, **_OFFICE_ROLE_WORDS}, key=len,
                                                                  reverse=True))
    + r")\s*(?:[:：]\s*|\s+|$)(?P<rest>.*)$"
)
_HEADING = re.compile(rf"^(?:[{CN_NUMERALS}]{{1,3}}\s*[、.．]|[（(]\s*[{CN_NUMERALS}]{{1,3}}\s*[）)])\s*(?P<title>.*)$")
_MEMBERS_HEADING = ("组成人员", "成员名单", "人员组成", "组成名单", "组成", "领导小组成员")
_STOP = re.compile(r"^(附\s*件|特此通知|抄\s*送|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")
# A unit given as a member (区发改委主要负责人, 各镇分管领导): the unit and the post its holder has.
_UNIT_POST = re.compile(
    r"^(?P<unit>.+?)(?P<post>(?:主要|分管|相关)?(?:负责人|负责同志|领导)|分管副[区县市镇乡]长|"
    r"(?:常务)?副?(?:主任|局长|书记|乡镇长|街镇长|镇长|乡长|区长|县长|市长|部长|处长|科长|队长|所长|站长|主席|行长|"
    r"经理|校长|院长))$"
)
_TITLE_DONE = ("长", "任", "记", "席", "人", "员", "理", "事", "）", "官", "师", "志", "导")


@dataclass
class Person:
    name: str
    titles: list[str]
    open: bool = False  # titles were given after the name with a space: a part without a name adds one


@dataclass
class UnitEntry:
    name: str
    position: str


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _split_parts(text: str) -> list[str]:
    """Split on 、，,；; outside brackets."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += (ch in "（(") - (ch in "）)")
        if ch in "、，,；;" and depth <= 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


def _person_name(name: str) -> bool:
    """A name before bracketed titles: 2–4 Han characters that do not end like a unit (rare surnames too)."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name)) and not is_unit_like(name) and not is_collective(name)


def _titles(text: str) -> list[str]:
    return [clean(t) for t in re.split(r"[、，,；;]", text) if clean(t)]


def _name(tokens: list[str]) -> tuple[str, list[str]] | None:
    """A person's name at the start of the tokens ('王 伟' padded to two tokens is one name)."""
    if len(tokens) >= 2 and len(tokens[0]) == 1 and len(tokens[1]) == 1 and looks_like_person(tokens[0] + tokens[1]):
        return tokens[0] + tokens[1], tokens[2:]
    if tokens and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", tokens[0]) and not is_unit_like(tokens[0]):
        if looks_like_person(tokens[0]) or len(tokens) > 1:
            return tokens[0], tokens[1:]
    return None


def _part(part: str) -> Person | UnitEntry | None:
    """One member as written: a person (with titles in brackets or after the name), or a unit."""
    m = re.fullmatch(r"(?P<name>[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}?)\s*(?:同志)?\s*[（(](?P<t>.+)[）)]", part)
    if m and _person_name(clean(m.group("name"))):
        return Person(clean(m.group("name")), _titles(m.group("t")))
    tokens = part.split()
    if len(tokens) >= 2 and looks_like_person(tokens[-1]) and not looks_like_person(tokens[0]):
        return Person(clean(tokens[-1]), _titles("".join(tokens[:-1])))  # 副区长 张三: the title first
    named = _name(tokens)
    if named and (named[1] or looks_like_person(named[0])):
        return Person(clean(named[0]), _titles("".join(named[1])), open=bool(named[1]))
    whole = clean(part)
    for k in (2, 3):  # 区发改委主任陈七: the title run into the name
        if len(whole) > k + 2 and looks_like_person(whole[-k:]) and _UNIT_POST.match(whole[:-k]):
            return Person(whole[-k:], [whole[:-k]])
    m = _UNIT_POST.match(whole)
    if m and len(m.group("unit")) >= 2:
        return UnitEntry(m.group("unit"), m.group("post"))
    if is_unit_like(whole) or is_collective(whole):
        return UnitEntry(whole, "")
    return None


def entries(text: str) -> list[Person | UnitEntry | str]:
    """The members one line names: persons, units, and (as text) what continues the previous one.

    Examples
    --------
    >>> [(e.name, e.titles) for e in entries("赵刚（副镇长）、孙丽(镇党委委员、副镇长)")]
    [('赵刚', ['副镇长']), ('孙丽', ['镇党委委员', '副镇长'])]
    >>> [(e.name, e.titles) for e in entries("李 明 党委副书记、镇长")]
    [('李明', ['党委副书记', '镇长'])]
    >>> [(e.name, e.position) for e in entries("区发改委主要负责人、各镇分管领导")]
    [('区发改委', '主要负责人'), ('各镇', '分管领导')]
    """
    out: list[Person | UnitEntry | str] = []
    for part in _split_parts(_normal(text)):
        entry = _part(part)
        last = out[-1] if out else None
        if isinstance(last, Person) and last.open and not (isinstance(entry, Person) and " " in part.strip()):
            if not isinstance(entry, Person) or not looks_like_person(entry.name) or entry.titles:
                last.titles += _titles(part)
                continue
        out.append(entry if entry is not None else clean(part))
    _share_post(out)
    return out


def _share_post(found: list) -> None:
    """应急管理局、建设环保局、经济发展局主要负责人: the post at the end holds for the bare units before it."""
    units = [e for e in found if isinstance(e, UnitEntry)]
    if len(units) > 1 and units[-1].position:
        for unit in units[:-1]:
            unit.position = unit.position or units[-1].position


@dataclass
class GroupList:
    """What a notice's member list holds."""

    officials: list[OfficialRecord] = field(default_factory=list)
    units: list[MemberUnitRecord] = field(default_factory=list)
    office_leads: list[Mention] = field(default_factory=list)
    office_deputies: list[Mention] = field(default_factory=list)
    office_line: int | None = None


def _label(text: str) -> tuple[str, str, str] | None:
    """A role label opening the line: ('group' | 'office', role, rest)."""
    m = _LABEL.match(text)
    if not m:
        return None
    label = re.sub(r"\s+", "", m.group("label"))
    if label in _ROLE_WORDS:
        return "group", _ROLE_WORDS[label], m.group("rest").strip()
    if label in _OFFICE_ROLE_WORDS:
        return "office", _OFFICE_ROLE_WORDS[label], m.group("rest").strip()
    return None


class _ListReader:
    """A small state machine over the lines: before the list, in the group, in the office, done."""

    def __init__(self) -> None:
        self.result = GroupList()
        self.state = "before"
        self.role: str | None = None
        self.office_role = "主任"
        self.last: OfficialRecord | None = None

    def feed(self, line: Line) -> None:
        text = _normal(line.text)
        getattr(self, "_" + self.state)(text, line.no)

    # --- states
    def _before(self, text: str, no: int) -> None:
        found = _label(text)
        if found and found[0] == "group":
            self.state = "group"
            self._group(text, no)

    def _group(self, text: str, no: int) -> None:
        heading = _HEADING.match(text)
        if heading:
            title = heading.group("title")
            if "办公室" in title:
                self.state, self.result.office_line = "office", no
            elif not any(w in title for w in _MEMBERS_HEADING):
                self.state = "done"
            return
        if _STOP.match(text) or "。" in text or jurisdiction(re.sub(r"\s+", "", text)):
            if "办公室" in text and "。" in text:  # 领导小组办公室设在…：the office, in prose
                self.state, self.result.office_line = "office", no
            else:
                self.state = "done"
            return
        found = _label(text)
        if found and found[0] == "office":
            self.state = "office"
            self._office(text, no)
            return
        if found:
            _, self.role, text = found
        if text:
            self._members(text, no, self.role or "成员", group=True)

    def _office(self, text: str, no: int) -> None:
        if _HEADING.match(text) and "办公室" not in text or _STOP.match(text) or jurisdiction(text):
            self.state = "done"
            return
        self.result.office_line = self.result.office_line or no
        found = _label(text)
        if found and found[0] == "office":
            _, self.office_role, rest = found
            if rest:
                self._members(rest, no, self.office_role, group=False)

    def _done(self, text: str, no: int) -> None:
        pass

    # --- members
    def _members(self, text: str, no: int, role: str, *, group: bool) -> None:
        for entry in entries(text):
            if isinstance(entry, Person):
                self._person(entry, no, role, group)
            elif isinstance(entry, UnitEntry):
                if group:
                    self.result.units.append(MemberUnitRecord(name=clean(entry.name), role=role,
                                                              position=entry.position, line=no))
                self.last = None
            elif self.last is not None and entry and not entry.startswith("（"):  # a title wrapped onto this line
                titles = list(self.last.titles)
                if titles and not titles[-1].endswith(_TITLE_DONE):
                    titles[-1] += entry
                elif entry.endswith(_TITLE_DONE):
                    titles.append(entry)
                self._replace_last(titles)

    def _person(self, person: Person, no: int, role: str, group: bool) -> None:
        if group:
            record = OfficialRecord(name=person.name, role=role, titles=tuple(person.titles), line=no)
            self.result.officials.append(record)
            self.last = record
            return
        target = self.result.office_deputies if role == "副主任" else self.result.office_leads
        target.append(Mention(name=person.name, line=no))
        if person.name not in {o.name for o in self.result.officials}:
            record = OfficialRecord(name=person.name, role=None, titles=tuple(person.titles), line=no)
            self.result.officials.append(record)

    def _replace_last(self, titles: list[str]) -> None:
        i = self.result.officials.index(self.last)
        self.last = self.last.model_copy(update={"titles": tuple(titles)})
        self.result.officials[i] = self.last


def read_member_list(lines: tuple[Line, ...]) -> GroupList:
    """Read the member list wherever it starts (the first role label: 组长, 副组长, 成员 …).

    Roles may come in any order; a label may stand on its own line with the names below it;
    titles follow the name in brackets (张三（副区长）) or after a space (张三 副区长); members
    given as units (区发改委主要负责人, 各镇分管领导) are units, not people.

    Examples
    --------
    >>> ls = tuple(Line(i + 1, t) for i, t in enumerate([
    ...     "副组长：赵刚（副镇长）", "组 长：王建国 镇长", "成员：", "周 伟 党政办主任",
    ...     "区规划资源局分管负责人", "二、领导小组办公室", "主任：周伟", "三、工作职责"]))
    >>> g = read_member_list(ls)
    >>> [(o.name, o.role, o.titles, o.line) for o in g.officials]  # doctest: +NORMALIZE_WHITESPACE
    [('赵刚', '副组长', ('副镇长',), 1), ('王建国', '组长', ('镇长',), 2), ('周伟', '成员', ('党政办主任',), 4)]
    >>> [(u.name, u.role, u.position, u.line) for u in g.units], g.office_leads, g.office_line
    ([('区规划资源局', '成员', '分管负责人', 5)], [Mention(name='周伟', line=7)], 6)
    """
    reader = _ListReader()
    for line in lines:
        reader.feed(line)
        if reader.state == "done":
            break
    return reader.result


_SEAT = re.compile(r"办公室(?:设在|设于)(?P<seat>[^，,。；;]+)")
_POST_BY = re.compile(r"(?P<deputy>副)?主任由(?P<who>[^，,。；;]{2,30}?)(?:同志)?(?:兼任|担任)")
_POST_OF = re.compile(r"(?:由)?(?P<who>[^，,。；;由]{2,30}?)(?:同志)?(?:兼任|担任)(?:领导小组)?(?:办公室)?(?P<deputy>副)?主任")


def _people(text: str) -> list[Person]:
    return [e for e in entries(text) if isinstance(e, Person)]


def read_office(lines: tuple[Line, ...], group: GroupList) -> TeamRecord | None:
    """The 领导小组办公室 from the list and from prose: where it sits (办公室设在 X), its 主任 and 副主任.

    Examples
    --------
    >>> ls = (Line(1, "领导小组下设办公室，办公室设在区发改委，办公室主任由区发改委主任陈"),
    ...       Line(2, "七兼任，副主任由吴芳同志担任。"))
    >>> t = read_office(ls, GroupList())
    >>> t.seat, [m.name for m in t.leads], [m.name for m in t.deputies]
    (Mention(name='区发改委', line=1), ['陈七'], ['吴芳'])
    """
    joined = Joined.of(lines)
    text = _normal(joined.text)
    seat = None
    m = _SEAT.search(text)
    if m:
        seat = Mention(name=clean(m.group("seat")), line=joined.line_at(m.start("seat")))
    leads, deputies = list(group.office_leads), list(group.office_deputies)
    taken = {(m.name, "lead") for m in leads} | {(m.name, "deputy") for m in deputies}
    for pattern in (_POST_BY, _POST_OF):
        for post in pattern.finditer(text):
            kind = "deputy" if post.group("deputy") else "lead"
            at = joined.line_at(post.start("who"))
            for person in _people(post.group("who")):
                if (person.name, kind) not in taken:
                    taken.add((person.name, kind))
                    (deputies if kind == "deputy" else leads).append(Mention(name=person.name, line=at))
                    if person.name not in {o.name for o in group.officials}:
                        group.officials.append(OfficialRecord(name=person.name, role=None,
                                                              titles=tuple(person.titles), line=at))
    if not (seat or leads or deputies or group.office_line):
        return None
    line = group.office_line or (seat.line if seat else (leads or deputies)[0].line)
    return TeamRecord(name="领导小组办公室", line=line, leads=tuple(leads), deputies=tuple(deputies), seat=seat)
