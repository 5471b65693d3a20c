"""The leading-group list (领导小组名单): officials with role and titles, the 专班 and the office."""

from __future__ import annotations

import re

from graphmodel.model import Mention, OfficialRecord, TeamRecord
from graphmodel.names import clean, is_unit_like, looks_like_person, split_title, split_units

from .document import Joined
from .member_list import name_before_title
from .source import Line

__all__ = ["read_leading_group", "read_teams"]

_ROLE = re.compile(r"^(?P<label>[\u4e00-\u9fff ]{2,12}?)\s*[:：]\s*(?P<rest>.*)$")
_ROLES = {"组长", "第一组长", "常务副组长", "执行副组长", "副组长", "成员", "顾问", "秘书长"}
_STOP = re.compile(r"^(附\s*件\s*\d+|序\s*号\s)")  # the next attachment, a table header
_TITLE_DONE = ("长", "任", "记", "席", "人", "员", "理", "事", "）", "官", "师", "员")
_TEAM = re.compile(
    r"组建(?P<name>[^，,。；、]{2,16}?专班)[，,]?(?:负责(?P<duty>[^。；]*?)[，,])?"
    r"由(?P<leads>[^。；，,]{2,20}?)同志牵头(?:负责)?[，,]?(?:成员由(?P<members>[^。；]*?)组成)?"
)
_OFFICE = re.compile(r"(?:领导小组)?下设(?P<name>办公室)[，,]?(?P<rest>[^。]*)")
_OFFICE_POST = re.compile(r"(?:^|[，,；])(?P<names>[^，,。；]{2,20}?)同志兼任(?:办公室)?(?P<deputy>副)?主任")


def _split_titles(text: str) -> list[str]:
    return [t for t in split_units(text)] if text else []


def _is_name(token: str) -> bool:
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", clean(token))) and not is_unit_like(token)


def _parse_member(text: str) -> tuple[str, list[str]] | None:
    """Split '蔡 斌 办事处副主任' into ('蔡斌', ['办事处副主任']); None if no name leads the line."""
    tokens = text.split()
    if not tokens:
        return None
    padded = len(tokens) >= 2 and len(tokens[0]) == 1 and len(tokens[1]) != 2  # 蔡 斌, 蔡 斌办事处副主任
    name, rest = (tokens[0] + tokens[1], tokens[2:]) if padded else (tokens[0], tokens[1:])
    if not _is_name(name) or padded and len(tokens[1]) > 1:  # 包善斌党工委委员、办事处副主任: run into its title
        head, _comma, tail = clean(name).partition("、")
        run_in = name_before_title(head)
        if run_in and (not padded or len(run_in[0]) == 2):  # padded: a name of two (蔡 斌办事处副主任)
            return run_in[0], run_in[1] + _split_titles(tail + "".join(rest))
        return None
    if not _is_name(name) or not (rest or looks_like_person(name)):
        return None
    if rest and not re.search(r"[\u4e00-\u9fff]", "".join(rest)):
        return None
    return clean(name), _split_titles("".join(rest))


def read_leading_group(lines: tuple[Line, ...]) -> tuple[list[OfficialRecord], list[Mention], int | None]:
    """Read the leading-group list wherever it starts (the first 组长：… line).

    Returns the officials in list order, the collective members (各居民区党组织负责人 →
    各居民区党组织), and the index in ``lines`` where the list ended (None if no list).

    Examples
    --------
    >>> ls = tuple(Line(i + 1, t) for i, t in enumerate([
    ...     "组 长：殷珏娟 党工委书记、人大工委主任", "常务副组长: 蔡 斌 办事处副主任",
    ...     "副 组 长：李 杰 党工委委员（兼职）、金杨新村", "派出所所长", "成 员：黄代林 党政办主任",
    ...     "各居民区党组织负责人", "领导小组下设两个工作专班。组建项目建设专班，由蔡斌同志牵头负责。"]))
    >>> officials, collective, end = read_leading_group(ls)
    >>> [(o.name, o.role, o.titles, o.line) for o in officials]  # doctest: +NORMALIZE_WHITESPACE
    [('殷珏娟', '组长', ('党工委书记', '人大工委主任'), 1), ('蔡斌', '常务副组长', ('办事处副主任',), 2),
     ('李杰', '副组长', ('党工委委员（兼职）', '金杨新村派出所所长'), 3), ('黄代林', '成员', ('党政办主任',), 5)]
    >>> collective, end
    ([Mention(name='各居民区党组织', line=6)], 6)
    """
    start = None
    for i, line in enumerate(lines):
        m = _ROLE.match(line.text)
        if m and clean(m.group("label")) in _ROLES:
            start = i
            break
    if start is None:
        return [], [], None
    officials: list[dict] = []
    collective: list[Mention] = []
    role = None
    end = len(lines)
    for i in range(start, len(lines)):
        text = lines[i].text
        m = _ROLE.match(text)
        if m and clean(m.group("label")) in _ROLES:
            role, text = clean(m.group("label")), m.group("rest").strip()
            if not text:
                continue
        if (re.search(r"[，。；]", text) and len(text) > 20) or _STOP.match(text):
            end = i
            break
        member = _parse_member(text)
        if member and role:
            name, titles = member
            officials.append({"name": name, "role": role, "titles": titles, "line": lines[i].no,
                              "open": text.rstrip().endswith(("、", "，", ","))})
            continue
        last = officials[-1]["titles"] if officials else None
        if officials and officials[-1].get("open"):  # the last line ended with 、: a new title goes on
            officials[-1]["open"] = text.rstrip().endswith(("、", "，", ","))
            last.extend(_split_titles(text))
            continue
        if last is not None and last and not clean(last[-1]).endswith(_TITLE_DONE):
            more = _split_titles(text)
            last[-1] += more[0] if more else ""
            last.extend(more[1:])
            continue
        part = split_title(text)
        if part and part.unit.startswith(("各", "全体")):
            collective.append(Mention(name=part.unit, line=lines[i].no))
            continue
        end = i
        break
    records = [
        OfficialRecord(name=o["name"], role=o["role"], titles=tuple(o["titles"]), line=o["line"])
        for o in officials
    ]
    return records, collective, end


def _names(text: str) -> tuple[str, ...]:
    return tuple(clean(n) for n in re.split(r"[、，,和及]", text or "") if clean(n))


def read_teams(lines: tuple[Line, ...]) -> list[TeamRecord]:
    """Read the 工作专班 and the 领导小组办公室 from prose: leads, deputies and member units.

    Examples
    --------
    >>> ls = (Line(1, "组建项目建设专班，负责项目推进落实，由蔡斌同志牵头负责，成员由党"),
    ...       Line(3, "政办、管理办组成。领导小组下设办公室，昂勇同志兼任办公室主任，金佩芳、"),
    ...       Line(5, "侯宇鸥同志兼任副主任，负责具体推进。"))
    >>> for t in read_teams(ls):
    ...     print(t.name, t.line, [m.name for m in t.leads], [m.name for m in t.deputies], [m.name for m in t.members])
    项目建设专班 1 ['蔡斌'] [] ['党政办', '管理办']
    领导小组办公室 3 ['昂勇'] ['金佩芳', '侯宇鸥'] []
    """
    joined = Joined.of(lines)
    text = joined.text
    teams: list[TeamRecord] = []
    for m in _TEAM.finditer(text):
        line = joined.line_at(m.start("name"))
        members = m.group("members") or ""
        member_mentions = []
        if members:
            offset = m.start("members")
            for unit in split_units(members):
                pos = text.find(unit[:1], offset)
                member_mentions.append(Mention(name=unit, line=joined.line_at(max(pos, offset))))
        teams.append(
            TeamRecord(
                name=clean(m.group("name")),
                line=line,
                leads=tuple(Mention(name=n, line=joined.line_at(m.start("leads"))) for n in _names(m.group("leads"))),
                members=tuple(member_mentions),
            )
        )
    for m in _OFFICE.finditer(text):
        leads, deputies = [], []
        for post in _OFFICE_POST.finditer(m.group("rest")):
            at = joined.line_at(m.start("rest") + post.start("names"))
            target = deputies if post.group("deputy") else leads
            target.extend(Mention(name=n, line=at) for n in _names(post.group("names")) if _is_name(n))
        teams.append(
            TeamRecord(
                name="领导小组办公室",
                line=joined.line_at(m.start("name")),
                leads=tuple(leads),
                deputies=tuple(deputies),
            )
        )
    return teams
