"""The issuing body at any level (街道, 镇, 乡, 区, 新区, 开发区, 县, 市) from the 发文机关, the 文号 and the title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .source import Line

__all__ = ["Issuer", "LEVELS", "level_of", "jurisdiction", "jurisdiction_prefix", "signature_issuers", "choose_issuer"]

#: The levels an issuer may have, from the lowest.
LEVELS: tuple[str, ...] = ("街道", "乡", "镇", "开发区", "新区", "区", "县", "市", "省")

# Suffix as written → level. Longer suffixes first: 开发区 before 区, 自治县 before 县.
_SUFFIX_LEVEL = (
    ("街道办事处", "街道"), ("街道", "街道"), ("自治区", "省"), ("自治州", "市"), ("自治县", "县"),
    ("开发区", "开发区"), ("高新区", "开发区"), ("新区", "新区"),
    ("省", "省"), ("市", "市"), ("区", "区"), ("县", "县"), ("旗", "县"), ("镇", "镇"), ("乡", "乡"),
)
_SUFFIXES = "|".join(s for s, _ in _SUFFIX_LEVEL if s != "街道办事处")
# One administrative unit: two or more characters (a name) and its suffix, shortest first.
_UNIT = re.compile(rf"[\u4e00-\u9fff]{{2,12}}?(?:{_SUFFIXES})")
# Areas that end like a jurisdiction but name no body (老旧小区, 示范街区 …). A bare 城镇, 乡镇 or 城市
# is no unit already: a unit's name has two characters or more before its suffix.
_NOT_JURISDICTION = (
    "小区", "社区", "城区", "街区", "景区", "片区", "校区", "辖区", "市区", "郊区", "厂区", "矿区", "山区", "小镇",
)
_NOT_NAME_START = ("全", "本", "各", "该", "我", "其", "所在", "有关", "相关")
# The body's own words after its jurisdiction (人民政府办公室, 办事处, 工作委员会 …), stripped from the right.
_BODY_WORDS = (
    "人民政府办公室", "人民政府办公厅", "人民政府", "政府办公室", "政府", "管理委员会办公室", "管理委员会", "管委会",
    "办事处", "党工委", "工作委员会", "委员会办公室", "委员会", "党委办公室", "党委", "委办", "办公室", "办公厅",
    "文件",
)
_PARTY = ("中国共产党", "中共")


@dataclass(frozen=True, slots=True)
class Issuer:
    """The issuing body's jurisdiction (张江镇, level 镇), the line it was read on and from what."""

    name: str
    level: str
    line: int | None  # None: not read from a line (the file's name)
    source: str  # 发文机关 | 版头 | 标题
    body: str = ""  # the body as written (张江镇人民政府)


def level_of(unit: str) -> str | None:
    """The level a jurisdiction's name says (张江镇 → 镇, 浦东新区 → 新区); None if none.

    Examples
    --------
    >>> level_of("张江镇"), level_of("浦东新区"), level_of("金杨新村街道"), level_of("某某")
    ('镇', '新区', '街道', None)
    """
    for suffix, level in _SUFFIX_LEVEL:
        if unit.endswith(suffix):
            return level
    return None


def _is_jurisdiction(unit: str, strict: bool = True) -> bool:
    """Whether ``unit`` names a jurisdiction. ``strict`` (the name stands alone, as in a title): not one of the
    areas that end like one (老旧小区, 中心城区), except a district of three characters named X山区 (青山区, 宝山区);
    not strict (a body's name, 金山区人民政府): any."""
    if unit.startswith(_NOT_NAME_START):
        return False
    return not strict or not unit.endswith(_NOT_JURISDICTION) or (len(unit) == 3 and unit.endswith("山区"))


def _chain(text: str, strict: bool = True) -> list[str]:
    """The administrative units ``text`` opens with, in order (上海市浦东新区张江镇 → 上海市, 浦东新区, 张江镇)."""
    units, at = [], 0
    while m := _UNIT.match(text, at):
        unit = m.group(0)
        if not _is_jurisdiction(unit, strict):
            break
        units.append(unit)
        at = m.end()
    return units


def _strip_body(text: str) -> str:
    text = re.sub(r"\s+", "", text)
    for party in _PARTY:
        text = text.removeprefix(party)
    changed = True
    while changed:
        changed = False
        for word in _BODY_WORDS:
            if text.endswith(word) and len(text) > len(word):
                text, changed = text[: -len(word)], True
        if re.search(r"..[省市区县镇乡旗]委$", text):  # 中共平川县委(办公室): the county's party committee
            text, changed = text[:-1], True
    return text


def jurisdiction(body: str) -> tuple[str, str] | None:
    """The lowest jurisdiction of a body named in full, and its level; None if the name is not only that.

    Examples
    --------
    >>> jurisdiction("上海市浦东新区人民政府办公室")
    ('浦东新区', '新区')
    >>> jurisdiction("中国共产党上海市浦东新区潍坊新村街道工作委员会")
    ('潍坊新村街道', '街道')
    >>> jurisdiction("张江镇人民政府"), jurisdiction("平阳县人民政府"), jurisdiction("临川市人民政府办公室")
    (('张江镇', '镇'), ('平阳县', '县'), ('临川市', '市'))
    >>> jurisdiction("金桥经济技术开发区管理委员会"), jurisdiction("东明路街道办事处")
    (('金桥经济技术开发区', '开发区'), ('东明路街道', '街道'))
    >>> jurisdiction("厉阳平城镇建设管理事务中心") is None, jurisdiction("区政府办公室") is None
    (True, True)
    >>> jurisdiction("上海市宝山区人民政府"), jurisdiction("东城区人民政府办公室"), jurisdiction("老旧小区")
    (('宝山区', '区'), ('东城区', '区'), None)
    >>> jurisdiction("中共平川县委办公室"), jurisdiction("中共平川县委"), jurisdiction("区委") is None
    (('平川县', '县'), ('平川县', '县'), True)
    """
    text = _strip_body(body)
    units = _chain(text, strict=text == re.sub(r"\s+", "", body))  # a body's name (…人民政府) names a jurisdiction
    if not units or sum(map(len, units)) != len(text):
        return None
    return units[-1], level_of(units[-1])


def jurisdiction_prefix(text: str) -> tuple[str, str] | None:
    """The lowest jurisdiction a title opens with (张江镇城市更新工作领导小组 → 张江镇).

    Examples
    --------
    >>> jurisdiction_prefix("上海市浦东新区张江镇老旧小区改造工作领导小组")
    ('张江镇', '镇')
    >>> jurisdiction_prefix("平城镇城镇更新工作领导小组"), jurisdiction_prefix("城镇更新工作领导小组")
    (('平城镇', '镇'), None)
    >>> jurisdiction_prefix("青山区2025年重点工作"), jurisdiction_prefix("中心城区更新方案")
    (('青山区', '区'), None)
    """
    units = _chain(re.sub(r"\s+", "", text))
    return (units[-1], level_of(units[-1])) if units else None


_DATE_LINE = re.compile(r"^(?:\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日$")


def signature_issuers(lines: tuple[Line, ...] | list[Line], date_at: int) -> list[Issuer]:
    """The bodies signed above the date line ``lines[date_at]`` (up to three lines, columns zipped).

    Examples
    --------
    >>> ls = [Line(8, "特此通知。"), Line(9, "中共平阳县委员会 平阳县人民政府"), Line(10, "2024年3月5日")]
    >>> [(i.name, i.level, i.line, i.body) for i in signature_issuers(ls, 2)]
    [('平阳县', '县', 9, '中共平阳县委员会'), ('平阳县', '县', 9, '平阳县人民政府')]
    """
    rows: list[tuple[int, list[str]]] = []
    for line in reversed(lines[max(0, date_at - 3) : date_at]):
        if re.search(r"[，。：:；、]", line.text) or _DATE_LINE.match(line.text) or "印发" in line.text:
            break
        rows.insert(0, (line.no, line.text.split()))
    if not rows:
        return []
    apart = [(tok, no) for no, row in rows for tok in row]
    each = _bodies(apart)
    if len(each) == len(apart) and all(map(_ends_as_body, (tok for tok, _ in apart))):
        return each  # every line a body of its own, named to its end (中共东湖街道工作委员会 / 东湖街道办事处)
    if len(rows) > 1 and len({len(r) for _, r in rows}) == 1:  # bodies wrapped over lines, side by side
        found = _bodies([("".join(col), rows[0][0]) for col in zip(*(r for _, r in rows))])
        if found:
            return found
    return each  # a line above the signature (the list's last member) is no part of it


def _ends_as_body(text: str) -> bool:
    """Whether a name ends with a body's own words (…委员会, …人民政府, …办事处), not with its jurisdiction
    (中国共产党上海市浦东新区, whose line below goes on: 潍坊新村街道工作委员会)."""
    bare = re.sub(r"\s+", "", text)
    return _strip_body(bare) != next((bare.removeprefix(p) for p in _PARTY if bare.startswith(p)), bare)


def _bodies(bodies: list[tuple[str, int]]) -> list[Issuer]:
    found = []
    for body, no in bodies:
        j = jurisdiction(body)
        if j:
            found.append(Issuer(j[0], j[1], no, "发文机关", body))
    return found


def choose_issuer(candidates: list[Issuer], number: str | None = None) -> Issuer | None:
    """Choose the issuer among what the 发文机关, the 版头 and the title say.

    The 发文机关 (signature, or the 版头 …文件) is preferred to the title; among several, the
    one the 文号's prefix abbreviates (张江府〔2023〕5号 → 张江镇), else the first.

    Examples
    --------
    >>> title = Issuer("张江镇", "镇", 3, "标题")
    >>> choose_issuer([title, Issuer("浦东新区", "新区", 30, "发文机关")]).name
    '浦东新区'
    >>> choose_issuer([Issuer("浦东新区", "新区", 30, "发文机关"), Issuer("张江镇", "镇", 31, "发文机关")],
    ...               "张江府〔2023〕5号").name
    '张江镇'
    >>> choose_issuer([title]).name, choose_issuer([]) is None
    ('张江镇', True)
    """
    if not candidates:
        return None
    strong = [c for c in candidates if c.source in ("发文机关", "版头")] or candidates
    prefix = re.split(r"[〔\[［(（]", number or "", maxsplit=1)[0]
    if prefix:
        matching = [c for c in strong if _abbreviated_by(c.name, prefix)]
        if matching:
            return matching[0]
    return strong[0]


def _abbreviated_by(name: str, prefix: str) -> bool:
    """Whether a 文号 prefix (张江府, 浦府办) opens with the jurisdiction's short form (张江, 浦)."""
    short = name[:2] if len(name) > 3 else name[:1]
    return prefix.startswith(short)
