"""The member list of a 领导小组 notice: people with role and titles, member units, the office and its head, 工作专班."""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from graphmodel.model import Mention, MemberUnitRecord, Notice, OfficeHolder, OfficialRecord, TeamRecord
from graphmodel.names import clean, is_collective, is_unit_like, looks_like_person

from .document import CN_NUMERALS, Joined
from .issuer import jurisdiction
from .source import Line
from .traditional import SIMPLIFIED, as_written

__all__ = ["GroupList", "read_member_list", "read_office", "entries", "is_list_line", "name_before_title", "TEAM_NAME"]

_SPACES = re.compile(r"[\u00a0\u2002-\u200b\u3000\ufeff]")
_ROLE_WORDS = {
    "组长": "组长", "第一组长": "第一组长", "常务副组长": "常务副组长", "执行副组长": "执行副组长",
    "副组长": "副组长", "成员": "成员", "成员单位": "成员", "顾问": "顾问", "秘书长": "秘书长", "联络员": "联络员",
    "第一副组长": "第一副组长", "组员": "成员", "成员名单": "成员",
    # a 指挥部 (防汛抗旱指挥部): its roles as it names them
    "总指挥": "总指挥", "指挥长": "指挥长", "常务副总指挥": "常务副总指挥", "常务副指挥长": "常务副指挥长",
    "副总指挥": "副总指挥", "副指挥长": "副指挥长",
    # a 指挥所 (防汛指挥所), a 联席会议
    "所长": "所长", "副所长": "副所长", "召集人": "召集人", "副召集人": "副召集人",
}
# A 委员会 names its members 主任, 副主任, 委员: there these labels are the group's, not its office's.
_COMMITTEE_ROLE_WORDS = {"主任": "主任", "常务副主任": "常务副主任", "副主任": "副主任", "委员": "委员"}
# In a 工作专班: who leads it, its deputies, its members.
_TEAM_ROLE_WORDS = {"专班长": "lead", "专班组长": "lead", "专班负责人": "lead", "副专班长": "deputy",
                    "专班副组长": "deputy", "组长": "lead", "常务副组长": "deputy", "副组长": "deputy",
                    "成员": "member", "成员单位": "member"}
TEAM_NAME = re.compile(r"(?:下设|组建|成立|设立)(?P<name>[^，,。；;、：:]{2,20}?专班)")
_OFFICE_ROLE_WORDS = {"办公室主任": "主任", "办公室副主任": "副主任", "主任": "主任", "副主任": "副主任",
                      "常务副主任": "副主任"}
_LABEL_WORDS = "|".join("[ \t]*".join(w) for w in sorted({*_ROLE_WORDS, *_OFFICE_ROLE_WORDS, *_TEAM_ROLE_WORDS,
                                                            *_COMMITTEE_ROLE_WORDS},
                                                           key=len, reverse=True))
# A role label as written: 组长, 组 长, 副 组 长, （一）组长, 1.组长, 领导小组副组长, 区创建领导小组第一副组长; then ：,
# spaces or the line's end.
_LABEL = re.compile(
    rf"^(?:[（(]?\s*[{CN_NUMERALS}\d]{{1,2}}\s*[）)、.．]\s*)?(?:[\u4e00-\u9fff]{{0,20}}?领导小组|专班)?"
    rf"(?P<label>{_LABEL_WORDS})(?:\s*[（(][^（()）]{{1,20}}[）)])?(?:\s*[:：]\s*|\s+|$)(?P<rest>.*)$"
)
_HEADING = re.compile(rf"^(?:[{CN_NUMERALS}]{{1,3}}\s*[、.．]|[（(]\s*[{CN_NUMERALS}]{{1,3}}\s*[）)])\s*(?P<title>.*)$")
_MEMBERS_HEADING = ("组成人员", "成员名单", "人员组成", "组成名单", "组成", "领导小组成员")
_STOP = re.compile(r"^(附\s*件|特此通知|抄\s*送|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")
# A unit given as a member (区发改委主要负责人, 各镇分管领导): the unit and the post its holder has.
_UNIT_POST = re.compile(
    r"^(?P<unit>.+?)(?P<post>(?:(?:分管|相关|业务)?科室)?(?:主要|分管[区县市镇乡]?|相关)?(?:负责人|负责同志|领导)|分管副[区县市镇乡]长|"
    r"(?:分管)?(?:常务)?副?(?:主任|局长|书记|乡镇长|街镇长|乡（镇）长|镇（乡）长|镇长|乡长|区长|县长|市长|部长|处长|科长|"
    r"队长|所长|站长|主席|行长|经理|校长|院长))$"
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


def _person_name(name: str) -> bool:
    """A name before bracketed titles: 2–4 Han characters that do not end like a unit (rare surnames too), or a
    name of two parts (阿依古丽·买买提)."""
    if _DOTTED_NAME.fullmatch(name):
        return True
    return (bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name)) and not is_unit_like(name) and not is_collective(name)
            and not _is_post(name))


# Not titles: 兼 (孔德明（兼）: he holds the post besides his own), sex and nationality (岑静（女，副县长）, 回族).
_NOT_TITLE = re.compile(r"^(?:兼|兼任|兼职|女|男|[\u4e00-\u9fff]{1,3}族)$")
# A name of two parts parted by a middle dot (阿依古丽·买买提).
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}[·・•．][\u4e00-\u9fff]{1,8}")


def _titles(text: str) -> list[str]:
    """The titles a text gives, without what is no title (兼, 女, 回族)."""
    return [clean(t) for t in re.split(r"[、，,；;]", text) if clean(t) and not _NOT_TITLE.match(clean(t))]


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
    m = re.fullmatch(r"(?P<name>[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}?|[\u4e00-\u9fff]{1,8}[·・•．][\u4e00-\u9fff]{1,8})"
                     r"\s*(?:同志)?\s*[（(](?P<t>.+)[）)]", part)
    if m and _person_name(clean(m.group("name"))):
        return Person(clean(m.group("name")), _titles(m.group("t")))
    tokens = part.split()
    if len(tokens) >= 2 and looks_like_person(tokens[-1]) and not looks_like_person(tokens[0]):
        return Person(clean(tokens[-1]), _titles("".join(tokens[:-1])))  # 副区长 张三: the title first
    named = _name(tokens)
    if named and (named[1] or looks_like_person(named[0])):
        return Person(clean(named[0]), _titles("".join(named[1])), open=bool(named[1]))
    whole = clean(part)
    return _run_in(whole) or _unit(whole)


# What a title opens with when a name runs into it (林启明省委常委, 岑静副县长, 周立言青州市副市长, 胡运社区党建办主任): a
# level or a rank (县, 省, 副, 常务, 一级), a central body (中共, 国务院, 中央), a province named without its level (广东…),
# a place of a level (青州市, 岚州市委: not a word that ends like one, 社区, 城市), or a body a 街道's own offices
# and members are named by (社区, 城市, 人大, 纪工委, 团工委, 妇联, 工会, 综合行政执法队, 办事处).
_TITLE_OPENS = re.compile(
    r"^(?:县|市|区|镇|乡|街道|省|州|村|副|常务|执行|一级|二级|中共|中国|中央|国务院|国家|全国|党|"
    r"社区|城市|人大|政协|纪工委|纪委|监察|监委|团工委|团委|共青团|妇联|妇女|工会|总工会|综合|办事处|武装部|"
    r"北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|"
    r"贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|"
    r"[\u4e00-\u9fff]{2,3}(?:省|市|县|区|州|盟|旗|镇|乡|街道)"
    r"(?<!社区)(?<!小区)(?<!园区)(?<!景区)(?<!片区)(?<!辖区)(?<!城区)(?<!校区)(?<!城市))"
)
# A name does not end with a level, a rank or a body (安全部副部长 is a title, 王哲副 no name).
_NOT_NAME_END = tuple("副常省市县区乡州部局委办厅署院处科所队站")
# The words a title opens with whose first character a name could end with (王霞社区…: 王霞, not 王霞社).
_OPENING_WORDS = ("社区", "城市", "人大", "政协", "纪工委", "团工委", "团委", "妇联", "妇女", "工会", "综合", "办事处",
                  "街道", "党工委", "党委", "武装部")


def name_before_title(whole: str) -> tuple[str, list[str]] | None:
    """吕振华县长, 林启明省委常委, 周立言青州市副市长, 胡运社区党建办主任: a name run into the title after it, found by what
    the title opens with (:data:`_TITLE_OPENS`) and ends with (a post); never cut inside a word a title opens with
    (王霞社区党建办主任 is 王霞's); the name's length only breaks a tie (three, two, four).

    Examples
    --------
    >>> name_before_title("王霞社区党建办主任"), name_before_title("孙志刚社区平安办主任")
    (('王霞', ['社区党建办主任']), ('孙志刚', ['社区平安办主任']))
    >>> name_before_title("史迪蒙城市运行管理中心主任"), name_before_title("社区党建办主任")
    (('史迪蒙', ['城市运行管理中心主任']), None)
    """
    for k in (3, 2, 4):
        if (len(whole) > k + 1 and _name_then_title(whole[:k], whole[k:])
                and not whole[k - 1:].startswith(_OPENING_WORDS)):
            return whole[:k], _titles(whole[k:])
    return None


def _run_in(whole: str) -> Person | None:
    """区发改委主任陈七, 县长吕振华: the title run into the name (a name of three characters tried first); 吕振华县长:
    the name run into the title after it (:func:`name_before_title`), whose titles may go on after 、."""
    for k in (3, 2):
        title = whole[:-k]
        if len(whole) > k + 1 and looks_like_person(whole[-k:]) and _is_post(title):
            return Person(whole[-k:], _titles(title))
    if found := name_before_title(whole):
        return Person(found[0], found[1], open=True)
    return None


# The bodies the document names before its list (its addressees, its issuer's place): a title may open with one
# (潘立人岭南航投集团有限公司董事长). Set while :func:`read_member_list` reads a document.
_BODIES: ContextVar[tuple[str, ...]] = ContextVar("bodies", default=())
_NAMED_BODY = re.compile(r"[\u4e00-\u9fff]{2,14}?(?:集团有限公司|股份有限公司|有限责任公司|有限公司|集团|公司)")
_NAMED_PLACE = re.compile(r"([\u4e00-\u9fff]{2,3})(?:省|市|自治区)(?:人民政府|委员会|政府|委)")


def _document_bodies(lines: tuple[Line, ...]) -> tuple[str, ...]:
    """The bodies and places (岭南航投集团有限公司, 岭南) the lines before the list name."""
    found: list[str] = []
    for line in lines:
        if is_list_line(line.text):
            break
        text = re.sub(r"\s+", "", line.text).translate(SIMPLIFIED)
        found += [m.group(0) for m in _NAMED_BODY.finditer(text)] + [m.group(1) for m in _NAMED_PLACE.finditer(text)]
    return tuple(dict.fromkeys(found))


def _name_then_title(name: str, title: str) -> bool:
    """Whether ``name`` + ``title`` is a name run into its title (岑静 + 副县长, 林启明 + 省委常委)."""
    opens = bool(_TITLE_OPENS.match(title)) or title.startswith(_BODIES.get())
    return (looks_like_person(name) and _is_post(title) and opens
            and not name.startswith(("常务", "执行", "第一", "专职")) and not name.endswith(_NOT_NAME_END))


def _padded_run_in(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """王 曦副省长, 陈 磊省工业和信息化厅副厅长: a name of two padded to three, its second character run into the
    title; the padding says where the name ends."""
    out: list[tuple[str, str]] = []
    for token, sep in tokens:
        if (out and sep == " " and re.fullmatch(r"[\u4e00-\u9fff]", out[-1][0]) and len(token) > 2
                and _name_then_title(out[-1][0] + token[0], token[1:])):
            out[-1] = (out[-1][0] + token[0], out[-1][1])
            out.append((token[1:], " "))
        else:
            out.append((token, sep))
    return out


def _unit(whole: str) -> UnitEntry | None:
    """A member given as a unit, with the post its holder has (区发改委主要负责人, 各乡镇乡镇长, 县财政局)."""
    m = _UNIT_POST.match(whole)
    if m and len(m.group("unit")) >= 2 and m.group("unit") not in ("分管", "主要", "相关", "常务", "有关"):
        unit, post = m.group("unit"), m.group("post")
        both = _UNIT_POST.match(unit[:-1]) if unit.endswith(("和", "及")) else None
        if both and len(both.group("unit")) >= 2:  # 区政府办公室主要负责人和分管负责人: one unit, two posts
            unit, post = both.group("unit"), both.group("post") + unit[-1] + post
        if unit.endswith("各") and len(unit) > 2:  # 市城管局各分管领导, 局机关各科室负责人: 各 is of the post or the unit
            office = re.match(r"(?:分管|相关|业务)?科室", post)
            unit, post = (unit + office.group(0), post[office.end():]) if office else (unit[:-1], "各" + post)
        return UnitEntry(unit, post)
    if is_unit_like(whole) or is_collective(whole):
        return UnitEntry(whole, "")
    return None


# What ends a post (a title): 长, 主任, 书记 …; a token so ending is a title, not a name.
_POST_END = re.compile(r"(?:长|主任|书记|主席|负责人|负责同志|领导|委员|常委|调研员|巡视员|秘书|干事|经理|专员|助理|"
                       r"工程师|会计师|经济师|规划师|总监|参事|总理)$")
# A post that names no one: the unit's holder is the member (区发改委主要负责人, 各镇分管领导).
_HOLDER_POST = re.compile(r"(?:主要|分管[区县市镇乡]?|相关)(?:负责人|负责同志|领导)$|负责同志$")
_PADDED = re.compile(r"(?<![\u4e00-\u9fff（(])([\u4e00-\u9fff]) +([\u4e00-\u9fff])(?![\u4e00-\u9fff])")
_SEPARATORS = "、，,；;"


def _is_post(token: str) -> bool:
    """A title: 县长, 县住房城乡建设局局长, 党委委员（兼职） — not a holder's post (主要负责人)."""
    token = re.sub(r"（[^）]*）$", "", clean(token))
    return len(token) >= 2 and bool(_POST_END.search(token)) and not _HOLDER_POST.search(token)


def _is_holder(token: str) -> bool:
    """A member that is a unit's holder, never a person's title: 各乡镇乡镇长, 县直有关部门主要负责人."""
    token = clean(token)
    return is_collective(token) or bool(_HOLDER_POST.search(token))


def _join_padded(text: str) -> str:
    """邓  凯 → 邓凯: a name of two characters padded to the width of three."""
    return _PADDED.sub(lambda m: m.group(1) + m.group(2), text)


def _tokens(text: str) -> list[tuple[str, str]]:
    """The line's tokens, each with what stood before it: '' (first), ' ' (spaces only) or '、' (a list mark,
    、，,；;). A bracket stays with its token, and with the token before it when only spaces part them."""
    out: list[tuple[str, str]] = []
    depth, cur, sep = 0, "", ""
    for ch in text + " ":
        depth += (ch in "（(") - (ch in "）)")
        if depth <= 0 and (ch in _SEPARATORS or ch.isspace() or ch in "：:"):  # 县财政局：龚晓燕 — a colon parts too
            if cur:
                out.append((cur, sep))
                cur, sep = "", ""
            sep = "、" if ch in _SEPARATORS or sep == "、" else " "
            continue
        cur += ch
    merged: list[tuple[str, str]] = []
    for token, sep in out:
        if merged and token[:1] in "（(" and sep == " ":
            merged[-1] = (merged[-1][0] + token, merged[-1][1])
        else:
            merged.append((token, sep))
    return [(t, s if i else "") for i, (t, s) in enumerate(merged)]


def _kind(token: str) -> str:
    """'P' a person with bracketed or run-in titles, 'N' a name, 'n' what may be a name (a rare surname), 'T' a
    title, 'U' a unit, 'F' anything else."""
    whole = clean(token)
    if "（" in whole and isinstance(_part(token), Person):
        return "P"
    if looks_like_person(whole) and not _is_post(whole) or _DOTTED_NAME.fullmatch(whole):
        return "N"
    if _run_in(whole):
        return "P"
    if _is_post(whole):
        return "T"
    if _unit(whole) is not None:
        return "U"
    return "n" if _person_name(whole) else "F"


def _unaddressed(token: str) -> str:
    """吕振华同志 → 吕振华 (not 分管负责同志: what is left must be a name, or a title and a name); 县财政局等
    (…单位, …部门) → 县财政局."""
    etc = re.sub(r"等(?:单位|部门)?$", "", token)
    if etc != token and _unit(clean(etc)) is not None:
        return etc
    bare = token.removesuffix("同志")
    return bare if bare != token and (_person_name(clean(bare)) or _run_in(clean(bare))) else token


def _read_tokens(tokens: list[tuple[str, str]]) -> list[Person | UnitEntry | str]:
    """Group a line's tokens into members. The line's first name or title says the order: a title first
    (县住房城乡建设局局长 孔德明) gives each name the titles just before it (spaces between), a name first
    (孔德明 县住房城乡建设局局长) the titles after it, up to the next name."""
    tokens = [(_unaddressed(t), s) for t, s in tokens]
    kinds = [_kind(t) for t, _ in tokens]
    if kinds[:2] == ["n", "T"] and tokens[1][1] == " ":  # 邝伟 县交通运输局局长: a name the surnames miss
        kinds[0] = "N"
    elif kinds[:2] == ["n", "P"] and tokens[1][1] == " " and "（" not in tokens[1][0] and _is_post(tokens[1][0]):
        kinds[:2] = ["N", "T"]  # 恽益明 武进国家高新区管委会副主任: the title whole, not 武进国 run into 家高新区…
    for i, kind in enumerate(kinds):  # 县财政局 龚晓燕 / 龚晓燕 县财政局: a bare unit beside a name is the name's title
        beside = (i + 1 < len(kinds) and kinds[i + 1] == "N" and tokens[i + 1][1] == " "
                  or i and kinds[i - 1] == "N" and tokens[i][1] == " ")
        if kind == "U" and beside and not _is_holder(tokens[i][0]) and _unit(clean(tokens[i][0])).position == "":
            kinds[i] = "T"
    for i in range(1, len(kinds)):
        after_name = kinds[i - 1] == "N" and tokens[i][1] == " "
        if kinds[i] == "P" and after_name and "（" not in tokens[i][0] and _is_post(tokens[i][0]):
            kinds[i] = "T"  # 邬有成 农业农村部副部长: after a name and a space, a title (not 农业农 村部副部长)
        elif kinds[i] == "n" and kinds[i - 1] == "N" and tokens[i][1] == "、" and not _is_post(tokens[i][0]):
            kinds[i] = "N"  # 冉秋、庹星河: in a run of names, a name the surnames miss
    title_first = next((k for k in kinds if k in "NT"), "N") == "T"
    for i in range(1, len(kinds)):  # 县交通运输局局长 邝伟
        if title_first and kinds[i] == "n" and kinds[i - 1] == "T" and tokens[i][1] == " ":
            kinds[i] = "N"
    out: list[Person | UnitEntry | str] = []
    person: Person | None = None
    pending: list[str] = []

    def flush() -> None:
        for title in pending:
            out.append(_unit(clean(title)) or clean(title))
        pending.clear()

    for (token, sep), kind in zip(tokens, kinds):
        if kind == "N" and title_first and pending and sep == " ":
            at = len(pending)
            while at > 0 and not _is_holder(pending[at - 1]):
                at -= 1
            titles = pending[at:]
            del pending[at:]
            flush()
            person = None
            out.append(Person(clean(token), [t for title in titles for t in _titles(title)]))
        elif kind == "N":
            flush()
            person = Person(clean(token), [], open=True)
            out.append(person)
        elif kind == "P" and pending and sep == "、" and _run_in(clean(token)):  # 县委副书记、县长吕振华
            found = _run_in(clean(token))
            titles = [t for t in pending if not _is_holder(t)] if not any(map(_is_holder, pending)) else []
            if titles:
                pending.clear()
                found.titles[:0] = [t for title in titles for t in _titles(title)]
            flush()
            person = None
            out.append(found)
        elif kind == "T" and person is None:
            pending.append(token)
        elif kind in "TFn" and person is not None and not _is_holder(token):
            person.titles += _titles(token)
        else:
            flush()
            person = None
            entry = _part(token) if kind not in "Fn" else None
            out.append(entry if entry is not None else clean(token))
            if isinstance(entry, Person) and entry.open:  # 殷玉娟党工委书记、人大工委主任: its titles go on
                person = entry
    flush()
    return out


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
    >>> [(e.name, e.titles) for e in entries("县委副书记、县长 吕振华")]
    [('吕振华', ['县委副书记', '县长'])]
    >>> [(e.name, e.titles) for e in entries("县发展改革局局长 邓  凯    县财政局局长 龚晓燕")]
    [('邓凯', ['县发展改革局局长']), ('龚晓燕', ['县财政局局长'])]
    >>> [(e.name, e.titles) for e in entries("張高遠 國務院副總理")]
    [('張高遠', ['国务院副总理'])]
    """
    normal = _normal(text)
    simple = normal.translate(SIMPLIFIED)  # 張高遠 國務院副總理: read as simplified, the name kept as written
    out: list[Person | UnitEntry | str] = []
    for part in filter(str.strip, re.split(r"[；;]", simple)):  # 区委组织部、区委宣传部分管负责人；区发改局…: a post each
        found = _split_holder_and_unit(_read_tokens(_padded_run_in(_tokens(_join_padded(part)))))
        _share_post(found)
        out += found
    if simple != normal:
        for entry in out:
            if isinstance(entry, Person):
                entry.name = as_written(entry.name, simple, normal)
    return out


def _split_holder_and_unit(found: list) -> list:
    """各社区党组织书记和街道统计站: a unit's holder, then another unit (和 / 及 after a post), two members.

    >>> [(e.name, e.position) for e in _split_holder_and_unit([UnitEntry("各社区党组织书记和街道统计站", "")])]
    [('各社区党组织', '书记'), ('街道统计站', '')]
    """
    out = []
    for entry in found:
        parts = re.split(r"[和及]", entry.name, maxsplit=1) if isinstance(entry, UnitEntry) and not entry.position \
            else ()
        left = _unit(parts[0]) if len(parts) == 2 else None
        right = _unit(parts[1]) if left and left.position else None
        if right and len(right.name) >= 2:
            right.position = right.position or entry.position
            out += [left, right]
        else:
            out.append(entry)
    return out


def _share_post(found: list) -> None:
    """应急管理局、建设环保局、经济发展局主要负责人: the post at the end holds for the bare units before it
    (not a collective's: 县财政局、各乡镇主要负责人 names the unit, then the heads of the towns)."""
    units = [e for e in found if isinstance(e, UnitEntry)]
    if len(units) > 1 and units[-1].position and not is_collective(units[-1].name):
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
    office_members: list[Mention] = field(default_factory=list)  # units the office holds (…为成员, in its sentence)
    warnings: list[Notice] = field(default_factory=list)  # what the list names that could not be placed
    teams: list[TeamRecord] = field(default_factory=list)  # 工作专班 given as lists (专班长：…)


def _label(text: str) -> tuple[str, str, str] | None:
    """A role label opening the line: ('group' | 'office' | 'team', role, rest); a label in traditional script
    (組長, 成員) reads as its simplified form."""
    m = _LABEL.match(text.translate(SIMPLIFIED))
    if not m:
        return None
    label = re.sub(r"\s+", "", m.group("label"))
    rest = text[m.start("rest"):].strip()
    if label in _TEAM_ROLE_WORDS and label not in _ROLE_WORDS:
        return "team", _TEAM_ROLE_WORDS[label], rest
    if label in _ROLE_WORDS:
        return "group", _ROLE_WORDS[label], rest
    if label in _OFFICE_ROLE_WORDS:
        return "office", _OFFICE_ROLE_WORDS[label], rest
    if label in _COMMITTEE_ROLE_WORDS:
        return "committee", _COMMITTEE_ROLE_WORDS[label], rest
    return None


def _group_label(text: str) -> tuple[str, str, str] | None:
    """A label of a group's list: as :func:`_label`, but 委员 is no label outside a 委员会."""
    found = _label(text)
    return None if found and found[0] == "committee" else found


def _committee_label(text: str) -> tuple[str, str, str] | None:
    """A label of a 委员会's list (主任：…, 副主任：…, 委员：…) as a role of the group; others as :func:`_label`."""
    found = _label(text)
    if found and found[0] in ("office", "committee") and not _normal(text).startswith(("办公室", "领导小组办公室")):
        label = re.sub(r"\s+", "", _LABEL.match(text.translate(SIMPLIFIED)).group("label"))
        return "group", _COMMITTEE_ROLE_WORDS.get(label, found[1]), found[2]
    return found


# Where a copy garbled a line (a page re-encoded: ?。ㄊ兴 for （市水): what follows is not read.
_DAMAGED = re.compile(r"[?\ufffd]")
_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[、.．]|[（(]\s*\d{1,2}\s*[）)])")  # 1、 2. （3）: an item's number
_PROSE_WORDS = re.compile(r"由|设在|设于|下设|兼任|担任|组成|如有|按照")


def _prose(text: str) -> bool:
    """A sentence, not a list line: it ends one (。), or it runs on with a comma and a verb (a sentence a PDF
    wrapped before its 。: 领导小组下设办公室，办公室设在…)."""
    return "。" in text or bool(re.search(r"[，,]", text) and _PROSE_WORDS.search(text))


_INNER_LABEL = re.compile(rf"\s+(?=(?:{_LABEL_WORDS})\s*[:：])")
# A label after a sentence or a clause ends, inside a line (…防汛指挥所。所长：甲；副所长：乙、丙；成员：丁。), or after
# a comma (第一副组长：甲，常务副组长：乙、丙，副组长：丁): a label with its colon opens a new part.
_AFTER_CLAUSE = re.compile(rf"(?<=[。；;，,])\s*(?=(?:领导小组)?(?:{_LABEL_WORDS})\s*[:：])")


def _cut(text: str, pattern: re.Pattern, start: int = 0) -> list[str]:
    """The text cut where ``pattern`` matches (on its simplified form), from ``start`` on."""
    at = [m.start() for m in pattern.finditer(text.translate(SIMPLIFIED), start) if m.start() > start]
    return [text[a:b] for a, b in zip([0, *at], [*at, len(text)])]


def _pieces(text: str) -> list[str]:
    """The parts of a line that are lines of a list: each label with what it names (组长：吕振华（县长）  副组长：…;
    …指挥所。所长：甲；副所长：乙、丙；成员：丁。各村…), and what follows the 。 that ends a labelled part.

    Examples
    --------
    >>> _pieces("镇政府成立防汛指挥所。所长：甲乙；副所长：丙丁、戊己；成员：庚辛。各村要成立防汛小组。")
    ['镇政府成立防汛指挥所。', '所长：甲乙；', '副所长：丙丁、戊己；', '成员：庚辛。', '各村要成立防汛小组。']
    """
    out: list[str] = []
    for part in _cut(text, _AFTER_CLAUSE):
        m = _LABEL.match(part.translate(SIMPLIFIED))
        if not m:
            out.append(part)
            continue
        end = part.find("。", m.start("rest"))
        tail = part[end + 1:].strip() if end != -1 else ""
        out += _cut(part[: end + 1] if tail else part, _INNER_LABEL, m.start("rest"))
        out += [tail] if tail else []
    return [p.strip() for p in out if p.strip()]


def is_list_line(text: str) -> bool:
    """Whether the line opens with a role label (组长：, 办公室主任：, 成 员 …)."""
    return _label(_normal(text)) is not None


# A deputy's rank written after the name (副组长：韩继平（常务）): part of the role, not a title.
_RANK_MARKS = ("常务", "执行", "第一")


def _a_title(entry: Person | UnitEntry | str) -> bool:
    """Whether a member read from a line is a person's title (镇党委副书记, 政协工委主任), not a unit's holder."""
    text = entry if isinstance(entry, str) else entry.name + entry.position if isinstance(entry, UnitEntry) else ""
    return bool(text) and _is_post(text) and not _is_holder(text) and not text.startswith(("各", "全体"))


class _ListReader:
    """A small state machine over the lines: before the list, in the group, in the office, done."""

    def __init__(self, committee: bool = False) -> None:
        self.label = _committee_label if committee else _group_label  # a 委员会: 主任, 副主任, 委员 are its roles
        self.result = GroupList()
        self.state = "before"
        self.role: str | None = None
        self.office_role: str | None = None  # the office's label last read (主任, 副主任)
        self.last: OfficialRecord | None = None
        self.team: dict | None = None
        self.open = False  # the last member line ended with 、: its titles may go on
        self.resumable = False  # the list stopped at a sentence: a role label right after goes on with it
        self.dangling: tuple[OfficialRecord, OfficialRecord] | None = None  # a bare name ending a line of titled ones
        self.team_role: str | None = None
        self.bare = False  # the last member line was a name alone: a line of titles only may follow (its titles)
        self.items = False  # the list's labels open numbered items (1、组长：…): an item with no label ends it

    def feed(self, line: Line) -> None:
        for text in _pieces(_normal(line.text)):  # 组长：吕振华（县长）  副组长：岑静（副县长）: two lines
            if self.state == "group" and (damage := _DAMAGED.search(text)) and damage.start():
                self._garbled(text, damage.start(), line.no)
                continue
            getattr(self, "_" + self.state)(text, line.no)

    def _garbled(self, text: str, at: int, no: int) -> None:
        """A member line a copy garbled after the name (孫偉?。ㄊ兴贮h組副書記: a page re-encoded): the name is read, no
        title, a warning naming the line; what does not read as a name is no member (a warning). The list goes on."""
        head = text[:at].rstrip(" （(")
        found = self.label(head)
        if found and found[0] == "group":
            _, self.role, head = found
        name = clean(head)
        if _person_name(name.translate(SIMPLIFIED)):
            self._person(Person(name, []), no, self.role or "成员", True)
            self.result.warnings.append(Notice(kind="member-title-garbled", line=no, values={"name": name}))
        else:
            self.result.warnings.append(Notice(kind="member-unread", line=no, values={"text": clean(text)}))
        self.open = self.bare = False

    # --- states
    def _before(self, text: str, no: int) -> None:
        found = self.label(text)
        if found and found[0] == "group":
            self.state = "group"
            self._group(text, no)

    def _group(self, text: str, no: int) -> None:
        heading = _HEADING.match(text)
        if heading and not _label(text):  # （一）组长：… is a label, not a heading
            title = heading.group("title")
            if "专班" in title:
                self._start_team(text, no)
            elif "办公室" in title:
                self.state, self.result.office_line = "office", no
            elif re.match(r"^(?:领导小组)?成员(?:单位)?[:：]?$", re.sub(r"\s+", "", title)):  # 二、成员单位
                self.role = "成员"
            elif not any(w in title for w in _MEMBERS_HEADING):
                self.state = "done"
            return
        if _ITEM.match(text):  # 1、组长：… opened the list: 2、… with no label is the next item, not a member
            if self.label(text):
                self.items = True
            elif self.items:
                self.state = "done"
                return
        if _label(text) and re.fullmatch(r"[^。]*[；;。]", text):  # 成员：龚晓燕，县财政局局长。— the list's last line
            text = text.rstrip("；;。")
        if _STOP.match(text) or _prose(text) or jurisdiction(re.sub(r"\s+", "", text)):
            if TEAM_NAME.search(text):
                self._start_team(text, no)
            elif "办公室" in text and _prose(text) and not _NO_OFFICE.search(text):  # 领导小组办公室设在…
                self.state, self.result.office_line = "office", no
            else:
                self.state = "done"
                self.resumable = _prose(text) and not _STOP.match(text)  # a sentence inside the list
            return
        found = self.label(text)
        if found and found[0] in ("office", "team"):
            self.state = found[0]
            if found[0] == "team":
                self._start_team(text, no)
            getattr(self, "_" + found[0])(text, no)
            return
        if found:
            _, self.role, text = found
        if text:
            self._members(text, no, self.role or "成员", group=True)

    def _office(self, text: str, no: int) -> None:
        if "专班" in text and (_HEADING.match(text) or TEAM_NAME.search(text)) or _label(text) and _label(text)[0] == "team":
            self._start_team(text, no)
            self._team(text, no)
            return
        found = _label(text)
        other = not found and re.match(r"^(?:[\u4e00-\u9fff]{2,10}[：:]|\d+\s*[.．、])", text)  # 主要职责：, 1.…
        if _HEADING.match(text) and "办公室" not in text or _STOP.match(text) or jurisdiction(text) or other:
            self.state = "done"
            return
        self.result.office_line = self.result.office_line or no
        if found and found[0] == "office":
            _, self.office_role, rest = found
            if rest:
                self._members(rest, no, self.office_role, group=False)
        elif found and found[1] == "联络员":  # 联络员：各成员单位分管科室负责人
            self.office_role = None
            if found[2]:
                self._members(found[2], no, "联络员", group=True)
        elif self.office_role and not _prose(text) and not _HEADING.match(text):  # one more under the label
            self._members(text, no, self.office_role, group=False)

    def _start_team(self, text: str, no: int) -> None:
        """A 工作专班 begins: its name from 下设…专班 (or the heading), its line."""
        m = TEAM_NAME.search(text)
        heading = _HEADING.match(text)
        name = m.group("name") if m else clean(heading.group("title")) if heading else "工作专班"
        if self.state == "team" and self.team is not None and not self.team["named"] and m:
            self.team.update(name=clean(name), named=True, line=no)
            return
        self.team = dict(name=clean(name), line=no, named=bool(m), lead=[], deputy=[], member=[])
        self.result.teams.append(self.team)
        self.state, self.team_role = "team", None

    def _team(self, text: str, no: int) -> None:
        if text == "" or _STOP.match(text) or jurisdiction(re.sub(r"\s+", "", text)):
            self.state = "done"
            return
        heading = _HEADING.match(text)
        if heading:
            if "专班" in heading.group("title") and _HEADING.match(text).group("title") != self.team["name"]:
                self._start_team(text, no)
            elif "专班" not in heading.group("title"):
                self.state = "done"
            return
        if TEAM_NAME.search(text):
            self._start_team(text, no)
            return
        found = _label(text)
        if found and (found[0] == "team" or found[1] in ("组长", "副组长", "常务副组长", "成员")):
            label = re.sub(r"\s+", "", _LABEL.match(text.translate(SIMPLIFIED)).group("label"))
            self.team_role, text = _TEAM_ROLE_WORDS.get(label), found[2]
        elif found or _prose(text) or not self.team_role:
            return
        for entry in entries(text):
            if isinstance(entry, Person) and self.team_role in ("lead", "deputy"):
                self.team[self.team_role].append(Mention(name=entry.name, line=no))
                if entry.name not in {o.name for o in self.result.officials}:
                    self.result.officials.append(OfficialRecord(name=entry.name, role=None,
                                                                titles=tuple(entry.titles), line=no))
            elif isinstance(entry, UnitEntry) and self.team_role == "member":
                self.team["member"].append(Mention(name=clean(entry.name), line=no))
            else:
                self.result.warnings.append(Notice(kind="member-unread", line=no,
                                                   values={"text": entry if isinstance(entry, str) else entry.name}))

    def _done(self, text: str, no: int) -> None:
        """After the list, a labelled office line still opens the office (a sentence between them: 领导小组成员如有
        变动… / 领导小组办公室主任：孔德明)."""
        if re.match(r"^(?:领导小组)?办公室(?:常务)?副?主任\s*[:：]", text) and self.result.office_leads == []:
            self.state = "office"
            self._office(text, no)
        elif self.resumable and (found := _label(text)) and found[0] == "group" and not _prose(text):
            self.state, self.resumable = "group", False  # 成员由…组成，名单如下。 / 成员：…: the list goes on
            self._group(text, no)
        elif _STOP.match(text) or _HEADING.match(text):
            self.resumable = False

    # --- members
    def _members(self, text: str, no: int, role: str, *, group: bool) -> None:
        if re.fullmatch(r"[（(][^（()）]*(?:序|排名|排列|先后)[^（()）]*[）)]", text.strip()):  # （按姓氏笔画为序）: a note
            return
        carried, self.open = self.open, text.endswith(("、", "，", ","))
        found = entries(text)
        if carried and self.last is not None and found and not any(
                isinstance(e, Person) or isinstance(e, UnitEntry) and _is_holder(e.name + e.position) for e in found):
            # 岑静 副县长、县委常委、 / 县委宣传部部长: the titles go on after a line that ends with 、
            self._replace_last([*self.last.titles, *_titles(text)])
            return
        bare, self.bare = self.bare, False
        if bare and group and found and all(map(_a_title, found)):
            self._replace_last(_titles(text))  # 蒋向东 / 镇党委副书记、政协工委主任: the title on the line below
            return
        dangling, self.dangling = self.dangling, None
        if (dangling and found and isinstance(found[0], UnitEntry) and found[0].position
                and not found[0].name.startswith(("县", "区", "市", "镇", "乡", "街道", "各", "全体"))
                and not _is_holder(found[0].name + found[0].position)):
            # 李杰 党委委员（兼职）、石门 / 派出所所长: what looked like a name was a title's start
            before, bare = dangling
            self.result.officials.remove(bare)
            self.last = before
            self._replace_last([*before.titles, bare.name + found[0].name + found[0].position])
            found = found[1:]
        for i, entry in enumerate(found):
            if i == 0 and isinstance(entry, UnitEntry) and self._wrapped_title(entry.name + entry.position, open_only=True):
                continue
            if isinstance(entry, Person):
                before = self.last if i and isinstance(found[i - 1], Person) and found[i - 1].titles else None
                self._person(entry, no, role, group)
                if group and before is not None and not entry.titles and i == len(found) - 1:
                    self.dangling = (before, self.last)
            elif isinstance(entry, UnitEntry):
                if group:
                    self.result.units.append(MemberUnitRecord(name=clean(entry.name), role=role,
                                                              position=entry.position, line=no))
                self.last = None
            elif not (entry and self._wrapped_title(entry)):
                self.result.warnings.append(Notice(kind="member-unread", line=no, values={"text": entry}))
        self.bare = (group and len(found) == 1 and isinstance(found[0], Person) and self.last is not None
                     and not self.last.titles)

    def _wrapped_title(self, text: str, *, open_only: bool = False) -> bool:
        """A title wrapped onto this line (…、金杨新村 / 派出所所长): it goes on the last person's titles
        (``open_only``: only where the last title is unfinished)."""
        if self.last is None or text.startswith("（"):
            return False
        titles = list(self.last.titles)
        if titles and not titles[-1].endswith(_TITLE_DONE) and not is_unit_like(titles[-1]):
            titles[-1] += text
        elif text.endswith(_TITLE_DONE) and not open_only:
            titles.append(text)
        else:
            return False
        self._replace_last(titles)
        return True

    def _person(self, person: Person, no: int, role: str, group: bool) -> None:
        if group:
            marks = [t for t in person.titles if t in _RANK_MARKS]
            if marks and role.startswith("副"):  # 副组长：韩继平（常务） → 常务副组长
                role = marks[0] + role
            titles = tuple(t for t in person.titles if t not in _RANK_MARKS)
            record = OfficialRecord(name=person.name, role=role, titles=titles, line=no)
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


_ROLE_COLUMN = re.compile(r"^(?:领导小组|小组|组内|专班)(?:职务|职位|分工)$|^(?:职务|分工)$")
_TITLES_COLUMN = re.compile(r"单位|现任职务|^职务$|现职")
_PIPE = re.compile(r"[|｜]")


def _cells(line: Line) -> tuple[str, ...] | None:
    """A table row's cells: drawn (PDF, Word, web page) or written with pipes (| 组长 | 吕振华 | 县长 |)."""
    if line.cells is not None:
        return line.cells
    if len(_PIPE.findall(line.text)) >= 2:
        cells = [c.strip() for c in _PIPE.split(line.text.strip())]
        return tuple(cells[1:-1] if not cells[0] and not cells[-1] else cells)
    return None


def _member_table(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """A member list drawn as a table (姓名 | 单位及职务 | 小组职务 in any order): each row as the line it says
    in words, role first (组长 吕振华 县委副书记、县长); a row with no role keeps the role above (a merged cell).

    Examples
    --------
    >>> ls = (Line(3, "| 姓名 | 单位及职务 | 领导小组职务 |"), Line(4, "|---|---|---|"), Line(5, "| 吕振华 | 县长 | 组长 |"),
    ...       Line(6, "| 邓凯 | 县发改局局长 |  |"), Line(7, "特此通知。"))
    >>> [(ln.no, ln.text) for ln in _member_table(ls)]
    [(5, '组长 吕振华 县长'), (6, '邓凯 县发改局局长'), (7, '特此通知。')]
    """
    out: list[Line] = []
    columns: tuple[int, int, int | None] | None = None
    for line in lines:
        cells = _cells(line)
        if cells is None:
            columns = None
            out.append(line)
            continue
        flat = [re.sub(r"\s+", "", c) for c in cells]
        name = next((i for i, c in enumerate(flat) if c == "姓名"), None)
        role = next((i for i, c in enumerate(flat) if _ROLE_COLUMN.match(c) and i != name), None)
        if name is not None and role is not None:
            titles = next((i for i, c in enumerate(flat) if i not in (name, role) and _TITLES_COLUMN.search(c)), None)
            columns = (role, name, titles)
            continue
        if columns is None:
            out.append(line)
            continue
        if all(re.fullmatch(r":?[-－—–]*:?", c) for c in flat):  # |---|---|
            continue
        picked = [cells[i] if i is not None and i < len(cells) else "" for i in columns]
        text = " ".join(c.strip() for c in picked if c.strip())
        if text:
            out.append(replace(line, text=text))
    return tuple(out)


def _cut_off(result: GroupList, lines: tuple[Line, ...]) -> None:
    """A list cut off at the end of the file (…钱立新 国家林草局副局长 / 吕): its last piece, one character, is said so."""
    last = result.warnings[-1] if result.warnings else None
    if (last is not None and lines and last.kind == "member-unread" and last.line == lines[-1].no
            and re.fullmatch(r"[\u4e00-\u9fff]", last.values["text"]) and lines[-1].text.endswith(last.values["text"])):
        result.warnings[-1] = Notice(kind="member-cut-off", line=last.line, values=last.values)


# A web copy of a table writes each cell on a line with its column's bar after it (韩志远 |), a row's end as bars alone.
_BARRED = re.compile(r"^(.*[^|｜\s])\s*[|｜]\s*$")
_BARS = re.compile(r"^\s*(?:[|｜]\s*)+$")


def _unbarred(line: Line) -> Line:
    """A line without the bar a web copy puts after a cell (one bar, at its end)."""
    m = _BARRED.match(line.text)
    return replace(line, text=m.group(1)) if m and len(re.findall(r"[|｜]", line.text)) == 1 else line


def _joined_labels(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """A role label broken after its first characters (a copy of a PDF: 成 / 员：区委办、…, 召 / 集 人：…) joined
    again: the line of one or two characters goes on the next, which is no label by itself (the merged line keeps
    the next line's number: what it names stands there)."""
    out: list[Line] = []
    skip = False
    for k, line in enumerate(lines):
        if skip:
            skip = False
            continue
        head = re.sub(r"\s+", "", line.text)
        after = lines[k + 1] if k + 1 < len(lines) else None
        if after is not None and re.fullmatch(r"[\u4e00-\u9fff]{1,2}", head) and _label(after.text) is None:
            found = _LABEL.match((head + after.text).translate(SIMPLIFIED))
            if found and _label(head + after.text) and found.end("label") > len(head):
                out.append(replace(after, text=head + after.text))
                skip = True
                continue
        out.append(line)
    return tuple(out)


def read_member_list(lines: tuple[Line, ...], *, committee: bool = False) -> GroupList:
    """Read the member list wherever it starts (the first role label: 组长, 副组长, 成员 …).

    Roles may come in any order; a label may stand on its own line with the names below it;
    titles follow the name in brackets (张三（副区长）) or after a space (张三 副区长), or stand
    before it (副区长 张三); members given as units (区发改委主要负责人, 各镇分管领导) are units,
    not people; a list drawn as a table is read row by row; the office (主任, 副主任) and a
    工作专班 (专班长, 副专班长, 成员单位) given as labelled lines are read too; for a 委员会 (``committee``),
    主任, 副主任 and 委员 are the group's roles. What the list names
    that is neither a person nor a unit is kept as a warning (``member-unread``).

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
    lines = _joined_labels(tuple(_unbarred(ln) for ln in lines if not _BARS.match(ln.text)))
    reader = _ListReader(committee)
    token = _BODIES.set(_document_bodies(lines))
    try:
        for line in _member_table(lines):
            reader.feed(line)
    finally:
        _BODIES.reset(token)
    result = reader.result
    _cut_off(result, lines)
    result.teams = [TeamRecord(name=t["name"], line=t["line"], leads=tuple(t["lead"]), deputies=tuple(t["deputy"]),
                               members=tuple(t["member"])) for t in result.teams]
    return result


# 领导小组不设办公室 / 不单独设立办公室: the group has no office (its daily work may still go to a unit).
_NO_OFFICE = re.compile(r"不(?:单独|另行|单|另)?设(?:立|置)?(?:领导小组)?办公室")
_SEAT = re.compile(r"办公室[（(]?(?:设在|设于)(?P<seat>[^，,。；;）)]+)")
_POST_BY = re.compile(r"(?P<deputy>副)?主任由(?P<who>[^，,。；;]{2,60}?)(?:同志)?(?:兼任|担任)")
_POST_OF = re.compile(r"(?:由)?(?P<who>[^，,。；;由]{2,30}?)(?:同志)?(?:兼任|担任|(?<![主兼])任)(?:领导小组)?(?:办公室)?"
                      r"(?P<deputy>副)?主任")
# An honorific after a name given with its title (驻局纪检组长邵景远书记兼任): not part of the name.
_HONORIFIC = re.compile(r"(?:同志|书记|主任|局长|先生|女士)$")


def _people(text: str) -> list[Person]:
    found = [e for e in entries(text) if isinstance(e, Person)]
    bare = _HONORIFIC.sub("", text)
    return found or ([e for e in entries(bare) if isinstance(e, Person)] if bare != text else [])


def _office_heads(joined: Joined, text: str, group: GroupList) -> tuple[list[Mention], list[Mention]]:
    """The office's 主任 and 副主任: from its labelled lines, then from prose (主任由…兼任, …任副主任); a person
    named only there is added to the officials, without a role, with the titles the text gives."""
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
    return leads, deputies


def _holders(leads: list[Mention], deputies: list[Mention], group: GroupList) -> list[OfficeHolder]:
    """The office's heads who are no members of the group, taken off the officials (unless a 专班 names them):
    the office keeps them, with their post, titles and line."""
    members = {o.name for o in group.officials if o.role}
    in_teams = {m.name for t in group.teams for m in (*t.leads, *t.deputies)}
    titles = {o.name: o.titles for o in group.officials if not o.role}
    holders = [OfficeHolder(name=m.name, post=post, titles=titles.get(m.name, ()), line=m.line)
               for post, heads in (("主任", leads), ("副主任", deputies)) for m in heads if m.name not in members]
    away = {h.name for h in holders} - in_teams
    group.officials[:] = [o for o in group.officials if o.role or o.name not in away]
    return holders


def read_office(lines: tuple[Line, ...], group: GroupList, name: str = "领导小组办公室") -> TeamRecord | None:
    """The 领导小组办公室 from the list and from prose: where it sits (办公室设在 X), its 主任 and 副主任.

    A head who is a member of the group heads the office (``leads``, ``deputies``); one who is not is kept on
    the office (``holders``) and is no official of the group.

    Examples
    --------
    >>> ls = (Line(1, "领导小组下设办公室，办公室设在区发改委，办公室主任由区发改委主任陈"),
    ...       Line(2, "七兼任，副主任由吴芳同志担任。"))
    >>> g = GroupList(officials=[OfficialRecord(name="陈七", role="成员", titles=("区发改委主任",), line=1)])
    >>> t = read_office(ls, g)
    >>> t.seat, [m.name for m in t.leads], [m.name for m in t.deputies], [(h.name, h.post, h.line) for h in t.holders]
    (Mention(name='区发改委', line=1), ['陈七'], [], [('吴芳', '副主任', 2)])
    >>> [o.name for o in g.officials]
    ['陈七']
    """
    joined = Joined.of(lines)
    text = _normal(joined.text)
    seat = None
    m = _SEAT.search(text)
    if m:
        seat = Mention(name=clean(m.group("seat")), line=joined.line_at(m.start("seat")))
    leads, deputies = _office_heads(joined, text, group)
    if not (seat or leads or deputies or group.office_line or group.office_members):
        return None
    line = group.office_line or (seat.line if seat else (leads or deputies or group.office_members)[0].line)
    holders = _holders(leads, deputies, group)
    members = {o.name for o in group.officials if o.role}
    return TeamRecord(name=name, line=line, leads=tuple(m for m in leads if m.name in members),
                      deputies=tuple(m for m in deputies if m.name in members), seat=seat,
                      members=tuple(group.office_members), holders=tuple(holders))
