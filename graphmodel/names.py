"""The vocabulary of names in these plans: people, units, positions, collectives, aliases."""

from __future__ import annotations

import functools
import re

__all__ = [
    "clean",
    "is_collective",
    "is_unit_like",
    "looks_like_person",
    "split_title",
    "abbreviates",
    "alias_keys",
    "split_units",
    "TitlePart",
]

# Common Chinese surnames (单姓 and a few 复姓): enough to tell a lead's name from a unit.
_SURNAMES = set(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎"
    "鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄"
    "和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭"
    "梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚"
    "程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫"
    "宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双闻"
    "莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向"
    "古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾"
    "毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公晋楚闫佘佴伯赏墨哈谯笪年爱阳佟言福延迟昂"
    "肖付覃岳兰涂牟芦麦苟隋苑邝冼谌揭粟练"  # common today, not in the 百家姓 above
    "恽眭郄亓庹邸菅雒蹇郇仝綦禚闾"  # rarer, and never the first character of a common word
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "端木",
                      "司徒", "司空", "长孙", "宇文", "澹台", "独孤", "南宫", "呼延", "申屠", "万俟")

# Endings that make a phrase a unit: the longest first.
_UNIT_ENDINGS = (
    "工作专班", "专班", "办公室", "党组织", "委员会", "联合会", "协会", "科协", "中心", "中队", "总支", "支部",
    "部门", "单位", "公司", "小组",
    "办", "队", "所", "会", "委", "区", "联", "室", "局", "站", "部", "科", "院", "校", "处",
    "组", "馆", "团", "厂", "庭", "社", "）", ")",
)
# Words that end like a unit but are not one (社会 is no 会, 示范社区 no 区).
_NOT_UNIT_ENDINGS = ("社会", "社区", "机会", "内部", "外部", "全部", "局部", "基层部", "小区", "园区", "城区", "街区", "景区")
_COLLECTIVE_START = ("各", "全体", "所有", "相关", "有关")  # 相关街道, 有关乡镇
_COLLECTIVE_NAMES = {"相关部门", "有关部门", "相关单位", "有关单位", "成员单位", "机关部门", "事业中心", "直属单位"}
# Bodies named in full by two or three characters: never the short form of another unit (区委 is no 区发改委).
_WHOLE_BODIES = frozenset(f"{j}{b}" for j in "区县市镇乡省" for b in ("委", "政府")) | {"党委", "党工委"}
_GENERIC_CATEGORY = re.compile(r"^(机关|事业|直属|职能)?(部门|单位|中心|科室)$")

# Positions that head a unit (主任, 书记 …) with their deputy forms, and what only makes one a member.
_POSITION = re.compile(
    r"^(?P<unit>.*?)(?P<pos>(?P<deputy>(?:常务|专职|执行|第一)?副)?"
    r"(?:主任|书记|主席|队长|所长|部长|局长|校长|院长|站长|科长|处长|馆长|会长|组长|社长|秘书长|负责人))$"
)
_MEMBER = re.compile(r"^(?P<unit>.+?)(?P<pos>委员|成员|干事)(?:（兼职）|\(兼职\))?$")
_UNIT_LETTER_OF_POSITION = {"部长": "部", "所长": "所", "队长": "队", "局长": "局", "院长": "院",
                            "站长": "站", "科长": "科", "处长": "处", "馆长": "馆", "校长": "校",
                            "社长": "社", "组长": "组"}


@functools.lru_cache(maxsize=4096)
def clean(text: str) -> str:
    """Normalise a name as written: no spaces, full-width brackets, no stray punctuation.

    Examples
    --------
    >>> clean(" 平安办(信 访办） ")
    '平安办（信访办）'
    >>> clean("蔡 斌，")
    '蔡斌'
    """
    text = re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")
    return text.strip("，,。；;：:、 ")


@functools.lru_cache(maxsize=4096)
def is_collective(name: str) -> bool:
    """Tell whether a party is a collective (各居民区, 各机关部门、事业中心 …), not one unit.

    Examples
    --------
    >>> is_collective("各居民区"), is_collective("各机关部门、事业中心"), is_collective("管理办")
    (True, True, False)
    >>> is_collective("县直有关部门"), is_collective("区级相关单位"), is_collective("镇属各单位"), is_collective("县财政局")
    (True, True, True, False)
    """
    name = clean(name)
    scoped = re.sub(r"^[县区市镇乡](?:直属|直|属|政府|级)?", "", name)  # 县直有关部门, 区级相关单位, 镇属各单位
    return name.startswith(_COLLECTIVE_START) or name in _COLLECTIVE_NAMES or scoped in _COLLECTIVE_NAMES or (
        scoped != name and scoped.startswith(_COLLECTIVE_START))


@functools.lru_cache(maxsize=4096)
def is_unit_like(text: str) -> bool:
    """Tell whether a phrase ends like a unit's name (…办, …中心, …队, …）).

    Examples
    --------
    >>> is_unit_like("社区事务受理中心"), is_unit_like("社区事务受"), is_unit_like("平安办（信访办）")
    (True, False, True)
    >>> is_unit_like("吸纳社会"), is_unit_like("示范社区"), is_unit_like("各居民区")
    (False, False, True)
    """
    text = clean(text)
    if not text or text.count("（") != text.count("）") or not text.endswith(_UNIT_ENDINGS):
        return False
    return text.startswith(_COLLECTIVE_START) or not text.endswith(_NOT_UNIT_ENDINGS)


@functools.lru_cache(maxsize=4096)
def looks_like_person(token: str) -> bool:
    """Tell whether a token reads as a person's name: 2–4 Han characters, a surname first, no unit ending.

    Examples
    --------
    >>> looks_like_person("蔡斌"), looks_like_person("管理办"), looks_like_person("吸纳社会")
    (True, False, False)
    """
    token = clean(token)
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", token) or is_unit_like(token):
        return False
    if token.startswith(_COMPOUND_SURNAMES):
        return len(token) in (3, 4)
    return token[0] in _SURNAMES and len(token) <= 3


class TitlePart(tuple):
    """What one title says: ``(unit, position, deputy, member)``; unit may be empty."""

    __slots__ = ()

    def __new__(cls, unit: str, position: str, deputy: bool, member: bool):
        return super().__new__(cls, (unit, position, deputy, member))

    unit = property(lambda self: self[0])
    position = property(lambda self: self[1])
    deputy = property(lambda self: self[2])
    member = property(lambda self: self[3])


@functools.lru_cache(maxsize=4096)
def split_title(title: str) -> TitlePart | None:
    """Read one title (党工委副书记, 武装部长, 社区平安办（信访办）负责人) into unit and position.

    Returns None for a title that names no unit (二级调研员, 校长).

    Examples
    --------
    >>> split_title("社区平安办（信访办）负责人")
    ('社区平安办（信访办）', '负责人', False, False)
    >>> split_title("城市运行管理中心常务副主任")
    ('城市运行管理中心', '常务副主任', True, False)
    >>> split_title("武装部长")
    ('武装部', '部长', False, False)
    >>> split_title("党工委委员（兼职）")
    ('党工委', '委员', False, True)
    >>> split_title("二级调研员") is None, split_title("校长") is None
    (True, True)
    """
    title = clean(title)
    m = _POSITION.match(title)
    if m:
        unit, pos = m.group("unit"), m.group("pos")
        base = pos.removeprefix(m.group("deputy") or "")
        letter = _UNIT_LETTER_OF_POSITION.get(base)
        if unit and letter and not unit.endswith(letter) and not is_unit_like(unit):
            unit += letter
        if len(unit) < 2:
            return None
        return TitlePart(unit, pos, bool(m.group("deputy")), False)
    m = _MEMBER.match(title)
    if m and len(m.group("unit")) >= 2:
        return TitlePart(m.group("unit"), m.group("pos"), False, True)
    return None


def _type_suffix(name: str) -> str:
    for ending in ("中心", "专班", "办公室"):
        if name.endswith(ending):
            return ending
    return name[-1:]


@functools.lru_cache(maxsize=4096)
def _base(name: str) -> str:
    """The name without a bracketed part and without the 社区 prefix."""
    name = re.sub(r"（[^）]*）", "", clean(name))
    return name.removeprefix("社区") if len(name) > 3 else name


@functools.lru_cache(maxsize=4096)
def alias_keys(name: str) -> frozenset[str]:
    """Return the keys a unit can be looked up by: the name, its base, the bracketed other name.

    Examples
    --------
    >>> sorted(alias_keys("社区平安办（信访办）"))
    ['信访办', '平安办', '社区平安办（信访办）']
    """
    name = clean(name)
    keys = {name, _base(name)}
    keys.update(b for b in re.findall(r"（([^）]*)）", name) if is_unit_like(b))
    return frozenset(k for k in keys if k)


@functools.lru_cache(maxsize=4096)
def abbreviates(short: str, long: str) -> bool:
    """Tell whether ``short`` is a short form of ``long`` (管理办 / 社区管理办, 妇联 / 妇女联合会).

    A short form keeps the first character and the kind of unit (…办, …中心, …会), and its
    characters stand in the long form in the same order; or it is the long form's tail
    (工会 / 总工会). Collectives never abbreviate anything.

    Examples
    --------
    >>> abbreviates("妇联", "妇女联合会"), abbreviates("团委", "团工委"), abbreviates("工会", "社区总工会")
    (True, True, True)
    >>> abbreviates("社区事务受理中心", "社区事务受理服务中心"), abbreviates("城建中心", "城市建设管理事务中心")
    (True, True)
    >>> abbreviates("党建办", "党政办"), abbreviates("人大办", "人大工委"), abbreviates("服务办", "社区事务受理服务中心")
    (False, False, False)
    >>> abbreviates("区委", "区发改委"), abbreviates("县政府", "县政府办")
    (False, False)
    """
    if clean(short) in _WHOLE_BODIES:
        return False
    s, lg = _base(short), _base(long)
    if not s or not lg or s == lg or len(s) >= len(lg) or is_collective(s) or is_collective(lg):
        return False
    if _type_suffix(s) != _type_suffix(lg) and not (lg.endswith("联合会") and s.endswith("联")):
        return False
    if len(s) >= 2 and lg.endswith(s):
        return True
    if s[0] != lg[0]:
        return False
    it = iter(lg)
    return all(ch in it for ch in s)


_LEVELS_LISTED = re.compile(r"各[县市区镇乡旗縣區鎮鄉](?:、[县市区镇乡旗縣區鎮鄉])+(?=人民政府|政府|党委|黨委)")


def split_units(cell: str) -> list[str]:
    """Split a table cell of units on 、 (not inside brackets), keeping a collective whole.

    "各机关部门、事业中心" is one collective party: a generic category after a 各… item
    belongs to it.

    Examples
    --------
    >>> split_units("党政办（项目办）、各居民区")
    ['党政办（项目办）', '各居民区']
    >>> split_units("各机关部门、事业中心")
    ['各机关部门、事业中心']
    >>> split_units("工会、团委、妇联")
    ['工会', '团委', '妇联']
    >>> split_units("市交通局、各县、市、区政府"), split_units("市级各有关部门及各县市区政府")
    (['市交通局', '各县、市、区政府'], ['市级各有关部门', '各县市区政府'])
    """
    cell = clean(cell)
    # 各县、市、区政府: one collective of the levels it lists, its 、 no separator
    whole = {k for m in _LEVELS_LISTED.finditer(cell) for k in range(m.start(), m.end())}
    parts, depth, cur = [], 0, ""
    for at, ch in enumerate(cell):
        depth += (ch == "（") - (ch == "）")
        # 市级各有关部门及各县市区政府: 及 before a collective (各…) parts two members
        if (ch in "、,，；;" or ch == "及" and cell[at + 1: at + 2] == "各" and cur) and depth <= 0 and at not in whole:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    out: list[str] = []
    for part in (p for p in parts if p):
        if out and is_collective(out[-1]) and _GENERIC_CATEGORY.match(part):
            out[-1] += "、" + part
        else:
            out.append(part)
    return out
