"""The issuing body at any level (街道, 镇, 乡, 区, 新区, 开发区, 县, 市) from the 发文机关, the 文号 and the title."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from graphmodel.model import Notice

from .source import Line
from .traditional import simplified

__all__ = ["Issuer", "LEVELS", "level_of", "jurisdiction", "jurisdiction_prefix", "signature_issuers", "choose_issuer",
           "body_jurisdiction", "metadata_issuers", "sentence_issuers", "settle_issuer", "signed_issuers"]

#: The levels an issuer may have, from the lowest.
LEVELS: tuple[str, ...] = ("街道", "乡", "镇", "开发区", "新区", "区", "县", "市", "省", "国家")

# The traditional forms of the characters that bodies and places are named with: a page copied from a mirror in
# traditional script (東坪鎮黨委, 某某縣人民政府辦公室) names its issuer as written, at the level the simplified name has.
_TRADITIONAL = str.maketrans("区县镇乡开发办处党员会厅国产务门", "區縣鎮鄉開發辦處黨員會廳國產務門")


def _both_scripts(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words, each followed by its traditional form where that differs."""
    return tuple(dict.fromkeys(x for w in words for x in (w, w.translate(_TRADITIONAL))))


# Suffix as written → level. Longer suffixes first: 开发区 before 区, 自治县 before 县.
_SUFFIX_LEVEL = tuple(
    (form, level)
    for suffix, level in (
        ("街道办事处", "街道"), ("街道", "街道"), ("自治区", "省"), ("自治州", "市"), ("自治县", "县"),
        ("开发区", "开发区"), ("高新区", "开发区"), ("新区", "新区"),
        ("省", "省"), ("市", "市"), ("区", "区"), ("县", "县"), ("旗", "县"), ("镇", "镇"), ("乡", "乡"),
    )
    for form in _both_scripts((suffix,))
)
_SUFFIXES = "|".join(s for s, _ in _SUFFIX_LEVEL if not s.startswith("街道") or len(s) == 2)
# One administrative unit: two or more characters (a name) and its suffix, shortest first.
_UNIT = re.compile(rf"[\u4e00-\u9fff]{{2,12}}?(?:{_SUFFIXES})")
# Areas that end like a jurisdiction but name no body (老旧小区, 示范街区 …). A bare 城镇, 乡镇 or 城市
# is no unit already: a unit's name has two characters or more before its suffix.
_NOT_JURISDICTION = (
    "小区", "社区", "城区", "街区", "景区", "片区", "校区", "辖区", "市区", "郊区", "厂区", "矿区", "山区", "小镇",
)
# 东城区, 上城区: a district named by its direction; 老城区, 主城区 and 中心城区 name none.
_DIRECTIONS = "东西南北上下"
_NOT_NAME_START = ("全", "本", "各", "该", "我", "其", "所在", "有关", "相关")
# Words that make a phrase, not a place's name (垃圾分类工作示范镇, 住房和城乡): a jurisdiction's name before its
# suffix is a proper name of a few characters, never one of these.
_PHRASE_WORDS = ("工作", "示范", "创建", "建设", "管理", "发展", "服务", "应急", "卫生", "全域", "和城", "城乡", "试点",
                 "重点")
_NAME_MAX = 6  # characters before the suffix (金杨新村 街道, 金桥经济技术 开发区)
# The body's own words after its jurisdiction (人民政府办公室, 办事处, 工作委员会 …), stripped from the right.
_BODY_WORDS = _both_scripts((
    "人民政府办公室", "人民政府办公厅", "人民政府", "政府办公室", "政府", "管理委员会办公室", "管理委员会", "管委会",
    "办事处", "党工委", "工作委员会", "委员会办公室", "委员会", "党委办公室", "党委", "委办", "办公室", "办公厅",
    "文件",
))
_PARTY = _both_scripts(("中国共产党", "中共"))


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


# The provinces are known by name: a unit ending in 省 is one of them (创建省级示范…: 创建省 is none).
_PROVINCES = ("河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南",
              "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾")


def _is_jurisdiction(unit: str, strict: bool = True) -> bool:
    """Whether ``unit`` names a jurisdiction. ``strict`` (the name stands alone, as in a title): not one of the
    areas that end like one (老旧小区, 中心城区), except a district of three characters named X山区 (青山区, 宝山区);
    not strict (a body's name, 金山区人民政府): any. A province is one of :data:`_PROVINCES`. A district of three
    characters named by its direction (东城区, 上城区) is one.

    >>> _is_jurisdiction("广东省"), _is_jurisdiction("黑龍江省"), _is_jurisdiction("创建省")
    (True, True, False)
    >>> _is_jurisdiction("上城区"), _is_jurisdiction("西城区"), _is_jurisdiction("老城区"), _is_jurisdiction("主城区")
    (True, True, False, False)
    """
    if unit.startswith(_NOT_NAME_START) or _is_phrase(unit):
        return False
    if unit.endswith("省") and simplified(unit[:-1]) not in _PROVINCES:
        return False
    return not strict or not unit.endswith(_NOT_JURISDICTION) or (len(unit) == 3 and unit.endswith("山区")) \
        or (len(unit) == 3 and unit[0] in _DIRECTIONS and unit.endswith("城区"))


def _is_phrase(unit: str) -> bool:
    """Whether a unit that ends like a jurisdiction is a phrase of a title (垃圾分类工作示范镇, 住房和城乡).

    >>> _is_phrase("垃圾分类工作示范镇"), _is_phrase("住房和城乡"), _is_phrase("金杨新村街道"), _is_phrase("平城镇")
    (True, True, False, False)
    >>> _is_phrase("建设镇"), _is_phrase("金桥经济技术开发区")
    (False, False)
    """
    suffix = next((s for s, _ in _SUFFIX_LEVEL if unit.endswith(s)), "")
    name = unit[: len(unit) - len(suffix)]
    phrase = any(w in name and len(name) > len(w) for w in _PHRASE_WORDS)  # 建设镇 is a town, 示范建设镇 no
    if suffix in ("开发区", "高新区", "新区"):
        return any(w in name for w in ("示范", "工作", "创建"))
    return len(name) > _NAME_MAX or phrase


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
        if re.search(r"..[省市区县镇乡旗區縣鎮鄉]委$", text):  # 中共平川县委(办公室): the county's party committee
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
    >>> jurisdiction("沁县人民政府办公室"), jurisdiction("该县人民政府") is None, jurisdiction("沁县") is None
    (('沁县', '县'), True, True)
    >>> jurisdiction("洋縣人民政府")
    ('洋縣', '县')
    """
    text = _strip_body(body)
    named = text != re.sub(r"\s+", "", body)  # a body's name (…人民政府) names a jurisdiction
    units = _chain(text, strict=not named)
    if named and not units and re.fullmatch(r"[\u4e00-\u9fff][县縣]", text) and not text.startswith(_NOT_NAME_START):
        units = [text]  # 沁县人民政府办公室: a county of one character, named with its body
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
        if re.search(r"[，。：:；、]", line.text) or _DATE_LINE.match(line.text) or "印发" in line.text or line.unsure:
            break  # (a line OCR read unsurely names no issuer)
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
        j = body_jurisdiction(body)
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
    best = min(_RANK.get(c.source, 3) for c in candidates)
    strong = [c for c in candidates if _RANK.get(c.source, 3) == best]
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


# A department of a jurisdiction (东岭市住房和城乡建设局, 平川县财政局办公室): the jurisdiction issues through it.
_DEPARTMENT_END = re.compile(r"(?:局|委员会|委|厅|办公室|办|署|中心|部)$")
# A body a jurisdiction sets up for a matter, and its office (东湖区创建文明城区工作领导小组办公室): a long name.
_GROUP_END = re.compile(r"(?:领导小组|指挥部|联席会议|工作组)(?:办公室)?$")
# The bodies of the state itself: no place names them (国务院办公厅, 中共中央办公厅, 国家发展改革委).
_NATIONAL = re.compile(r"^(?:中共中央|国务院|全国人大常委会|全国人民代表大会常务委员会|中央军委|"
                       r"国家[\u4e00-\u9fff]{2,10}(?:委员会|委|局|署))(?:办公厅|办公室)?$")


def body_jurisdiction(body: str) -> tuple[str, str] | None:
    """The jurisdiction a body named in full belongs to: the body itself (:func:`jurisdiction`), a department of
    it (东岭市住房和城乡建设局 → 东岭市), or the state (国务院办公厅, level 国家, named as written).

    Examples
    --------
    >>> body_jurisdiction("东岭市住房和城乡建设局"), body_jurisdiction("东湖县人民政府办公室")
    (('东岭市', '市'), ('东湖县', '县'))
    >>> body_jurisdiction("国务院办公厅"), body_jurisdiction("县财政局") is None, body_jurisdiction("垃圾分类工作示范镇")
    (('国务院办公厅', '国家'), True, None)
    >>> body_jurisdiction("东湖区创建省级文明城区工作领导小组办公室")
    ('东湖区', '区')
    """
    text = re.sub(r"\s+", "", body)
    if _NATIONAL.match(text):
        return text, "国家"
    found = jurisdiction(text)
    if found:
        return found
    units = _chain(_strip_body(text))
    rest = _strip_body(text)[sum(map(len, units)):]
    if units and not re.search(r"[，。、：:；\d]", rest) and (
            2 <= len(rest) <= 14 and _DEPARTMENT_END.search(rest) or 4 <= len(rest) <= 30 and _GROUP_END.search(rest)):
        return units[-1], level_of(units[-1])
    return None


# A web page's property table or a CMS header (发布机构：西岭区人民政府, 来源：东湖县人民政府办公室, 发文单位白沙市…).
_META_LABEL = re.compile(r"(?:发布机构|发文机关|发文单位|发布单位|制发机关|发布部门|信息来源|文章来源|稿源|来源)"
                         r"\s*[:：|｜]?\s*[|｜]?\s*(?P<body>[\u4e00-\u9fff（）()]{3,40})")
_META_SCOPE = 20


def metadata_issuers(lines) -> list[Issuer]:
    """The bodies a page's metadata names (发布机构、来源、发文单位 …) in its first lines.

    Examples
    --------
    >>> ls = [Line(2, "• 来源:东湖县人民政府办公室"), Line(3, "| 发布机构: | 西岭区人民政府 | 生成日期: |")]
    >>> [(i.name, i.line, i.source) for i in metadata_issuers(ls)]
    [('东湖县', 2, '元数据'), ('西岭区', 3, '元数据')]
    """
    found = []
    for line in list(lines)[:_META_SCOPE]:
        for m in _META_LABEL.finditer(line.text):
            body = re.split(r"[（(]", m.group("body"), maxsplit=1)[0]
            j = body_jurisdiction(body)
            if j:
                found.append(Issuer(j[0], j[1], line.no, "元数据", body))
    return found


# 决定成立平川县…领导小组, 经研究，成立东湖镇…指挥部: a sentence of the body that sets a body up names its place.
_SETS_UP = re.compile(r"(?:决定|研究|同意)?(?:成立|建立|组建|设立|调整)(?P<what>[\u4e00-\u9fff]{3,40}?"
                      r"(?:领导小组|指挥部|指挥所|联席会议|委员会|工作专班))")


def sentence_issuers(lines) -> list[Issuer]:
    """The places the body's sentences set a group up for (成立平川县城市更新工作领导小组 → 平川县).

    Examples
    --------
    >>> [(i.name, i.source) for i in sentence_issuers([Line(5, "经研究，决定成立东湖镇防汛工作领导小组，成员如下：")])]
    [('东湖镇', '正文')]
    """
    found = []
    for line in lines:
        for m in _SETS_UP.finditer(re.sub(r"\s+", "", line.text)):
            j = jurisdiction_prefix(m.group("what"))
            if j:
                found.append(Issuer(j[0], j[1], line.no, "正文", m.group("what")))
    return found


def signed_issuers(lines) -> list[Issuer]:
    """The bodies named in full on a line of their own after the document's first line (a signature whose date
    line the copy damaged: 武汉市汉阳区人民政府办公室 over 2019114), each a candidate below the title's.

    Examples
    --------
    >>> ls = [Line(1, "关于印发任务分解方案的通知"), Line(9, "东岭市西岭区人民政府办公室"), Line(10, "2019114")]
    >>> [(i.name, i.line, i.source) for i in signed_issuers(ls)]
    [('西岭区', 9, '落款')]
    >>> signed_issuers([Line(1, "通知"), Line(4, "西岭区"), Line(5, "区财政局")])
    []
    """
    found = []
    for line in list(lines)[1:]:
        text = re.sub(r"\s+", "", line.text)
        if len(text) > 30 or _strip_body(text) == text:  # a body's own words (人民政府办公室), not a place alone
            continue
        j = jurisdiction(text)
        if j:
            found.append(Issuer(j[0], j[1], line.no, "落款", text))
    return found


#: How strongly each source names the issuer: the signature and the masthead above the page's metadata, above
#: the title, above a sentence of the body.
_RANK = {"发文机关": 0, "版头": 0, "元数据": 1, "标题": 2, "落款": 3, "正文": 3}


def settle_issuer(candidates: list[Issuer], number: str | None, file: str, given: str | None = None,
                  line: int | None = None):
    """The issuer of a document, never none: what the document says, else what the user gave (``--issuer``),
    else what the file's name opens with, else the file's name itself — each of the last two with a warning.

    Returns
    -------
    (Issuer, list of Notice)
        The issuer, and the warnings saying where it came from when the document does not name it.

    Examples
    --------
    >>> settle_issuer([], None, "data/东湖县2025年重点任务.txt")[0].name
    '东湖县'
    >>> i, w = settle_issuer([], None, "x/table-3.txt"); i.name, i.level, [n.kind for n in w]
    ('table-3', None, ['issuer-unknown'])
    >>> i, w = settle_issuer([], None, "x/table-3.txt", given="西岭区"); i.name, i.level, w
    ('西岭区', '区', [])
    """
    chosen = choose_issuer(candidates, number)
    if chosen is not None:
        return chosen, []
    if given and given.strip():
        name = re.sub(r"\s+", "", given)
        j = body_jurisdiction(name)
        return Issuer(j[0] if j else name, j[1] if j else level_of(name), None, "用户指定", name), []
    stem = PurePath(file).stem
    j = jurisdiction_prefix(stem)
    if j:
        return Issuer(j[0], j[1], None, "文件名", PurePath(file).name), [
            Notice(kind="issuer-from-file-name", file=file, line=line, values={"issuer": j[0]})]
    return Issuer(stem, None, None, "文件名", PurePath(file).name), [
        Notice(kind="issuer-unknown", file=file, line=line, values={"issuer": stem})]
