"""The plan's header: 街道, title, document number, date, issuer."""

from __future__ import annotations

import re

from graphmodel.errors import PlanError
from graphmodel.model import PlanMeta
from graphmodel.names import looks_like_person

from .document import Document, Joined
from .issuer import Issuer, jurisdiction_prefix, level_of, metadata_issuers, settle_issuer, signature_issuers
from .source import Line

__all__ = ["read_header", "find_plan_title", "find_number", "iso_date", "DATE"]

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}\s*[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]\s*(\d{1,4})\s*号")
_CN_DIGITS = "〇零○Ｏ一二三四五六七八九"
# A date in figures (2024年3月5日) or in words, as a 成文日期 is often printed (二〇二四年三月五日).
DATE = _DATE = re.compile(
    rf"(\d{{4}}|[{_CN_DIGITS}]{{4}})\s*年\s*(\d{{1,2}}|[{_CN_DIGITS}十]{{1,3}})\s*月\s*(\d{{1,2}}|[{_CN_DIGITS}十]{{1,3}})\s*日"
)
_TITLE = re.compile(r"《([^《》]{4,80}?)(》|印发|的通知)")
_SUBDISTRICT = re.compile(r"^(.{2,10}?(?:街道|镇|乡))")
_PLAN_WORDS = ("方案", "计划", "规划", "实施意见", "行动")
_ISSUING = re.compile(r"关于印发\s*《?\s*([^《》，。：:]{4,60}?(?:方案|计划|规划|实施意见|行动)(?:[（(][^（()）]{1,20}[）)])?)》?\s*的通知")
# A plan's title ends with a plan word, perhaps followed by its years or 试行 in brackets.
_TITLE_END = re.compile(r"(?:方案|计划|规划|实施意见|行动)(?:[（(][^（()）]{1,20}[）)])?$")


def find_number(lines) -> tuple[str, int] | None:
    """The 文号 (浦府办〔2024〕12号) and its line: the first that does not stand inside a 《》 title.

    Examples
    --------
    >>> find_number([Line(2, "关于《某方案》"), Line(3, "张江府 [2023] 5 号")])
    ('张江府[2023]5号', 3)
    """
    for line in lines:
        m = _DOC_NUMBER.search(line.text)
        if m and "《" not in line.text[: m.start()]:
            return re.sub(r"\s+", "", m.group(0)), line.no
    return None


def iso_date(m: re.Match) -> str:
    """A matched 2024年3月5日 as 2024-03-05."""
    return _iso(m)


def _number(text: str) -> int:
    """2024, 〇二 or 二〇二四 (digit by digit), 十八, 三十一 as a number."""
    if text.isdigit():
        return int(text)
    digit = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}
    if "十" not in text:
        return int("".join(str(digit[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (digit[tens] if tens else 1) * 10 + (digit[ones] if ones else 0)


def _iso(m: re.Match) -> str:
    """
    >>> _iso(DATE.search("二〇二五年三月十八日")), _iso(DATE.search("2024年 3月 8日")), _iso(DATE.search("二〇二四年十二月三十一日"))
    ('2025-03-18', '2024-03-08', '2024-12-31')
    """
    return f"{_number(m.group(1)):04d}-{_number(m.group(2)):02d}-{_number(m.group(3)):02d}"


def find_plan_title(doc: Document) -> tuple[str, int] | None:
    """The plan's title and its line: the first 《…》 in the header naming a 街道's plan, else a title line."""
    scope = list(doc.header) or list(doc.lines[:30])
    joined = Joined.of(scope)
    for m in _TITLE.finditer(joined.text):
        title = re.sub(r"\s+", "", m.group(1))
        if _SUBDISTRICT.match(title) and any(w in title for w in _PLAN_WORDS):
            if title.count("（") > title.count("）"):
                title += "）"
            return title, joined.line_at(m.start(1))
    # No 《》: the header line (or two, wrapped) that names a 街道 and ends as a plan's title does;
    # else 关于印发…方案的通知, whose issuer the 发文机关 names.
    for i, line in enumerate(scope):
        text = re.sub(r"\s+", "", line.text)
        if _SUBDISTRICT.match(text) and len(text) <= 40 and not re.search(r"[，。：:]", text):
            if _opens_with_a_name(line.text):  # 厉阳平 城镇建设管理办主任: a person, not a 镇
                continue
            if not _TITLE_END.search(text) and i + 1 < len(scope):
                text += re.sub(r"\s+", "", scope[i + 1].text)
            if _TITLE_END.search(text):
                return text, line.no
    m = _ISSUING.search(joined.text)
    if m:
        return re.sub(r"\s+", "", m.group(1)), joined.line_at(m.start(1))
    return None


def _opens_with_a_name(text: str) -> bool:
    tokens = text.split()
    return len(tokens) > 1 and looks_like_person(tokens[0]) and not _SUBDISTRICT.match(tokens[0])


def _issuers(header: tuple[Line, ...], date_index: int) -> tuple[str, ...]:
    """The issuing bodies: the lines right above the date, zipped column by column."""
    rows: list[list[str]] = []
    for line in reversed(header[max(0, date_index - 3) : date_index]):
        if re.search(r"[，。：:；]$", line.text) or _DATE.search(line.text) or line.unsure:  # OCR unsure: no issuer
            break
        rows.insert(0, line.text.split())
    if not rows:
        return ()
    if len(rows) > 1 and len({len(r) for r in rows}) == 1:
        return tuple("".join(col) for col in zip(*rows))
    return tuple(body for row in rows for tok in row for body in _apart(tok))


# Two bodies signed on one line without a space between (中共松平路街道工作委员会松平路街道办事处).
_TWO_BODIES = re.compile(r"^(.{2,}?(?:委员会|人民政府|办事处))(.{2,}(?:委员会|人民政府|政府|办事处))$")


def _apart(token: str) -> list[str]:
    """The bodies a signature's token names, each apart.

    Examples
    --------
    >>> _apart("中共松平路街道工作委员会松平路街道办事处"), _apart("松平路街道办事处")
    (['中共松平路街道工作委员会', '松平路街道办事处'], ['松平路街道办事处'])
    """
    m = _TWO_BODIES.match(token)
    return [m.group(1), *_apart(m.group(2))] if m else [token]


def read_header(doc: Document, file: str) -> tuple[PlanMeta, list]:
    """Read the header of a plan, and the warnings on where its issuer came from (when the text names none).

    Raises
    ------
    PlanError
        If no title names a 街道 (镇, 乡): the file is not a plan of this genre.

    Examples
    --------
    >>> from .document import split_document
    >>> lines = tuple(Line(i + 1, t) for i, t in enumerate([
    ...     "浦金委〔2023〕67号", "现将《金杨新村街道打造精品城区行动方案》印发给你们，",
    ...     "中共金杨新村街道工作委员会 金杨新村街道办事处", "2023年 8月 28日", "一、指导思想"]))
    >>> meta, _ = read_header(split_document(lines), "a.txt")
    >>> meta.subdistrict, meta.title, meta.number, meta.date, meta.issuers
    ('金杨新村街道', '金杨新村街道打造精品城区行动方案', '浦金委〔2023〕67号', '2023-08-28', ('中共金杨新村街道工作委员会', '金杨新村街道办事处'))
    """
    found = find_plan_title(doc)
    if not found:
        raise PlanError(file, "不是街道行动方案：没有找到写明街道（镇）的方案标题",
                        en="not a subdistrict action plan: no plan title naming a subdistrict (or town) found")
    title, title_line = found
    header = doc.header or doc.lines[:30]

    number, number_line = find_number(header) or (None, None)

    date = printed = None
    issuers: tuple[str, ...] = ()
    candidates: list[Issuer] = []
    for i, line in enumerate(header):
        m = _DATE.search(line.text)
        if not m:
            continue
        if "印发" in line.text:
            printed = printed or _iso(m)
        elif date is None and len(line.text) <= 20:
            date = _iso(m)
            issuers = _issuers(header, i)
            candidates = signature_issuers(header, i)
    if printed is None:
        for line in doc.lines:
            m = _DATE.search(line.text)
            if m and "印发" in line.text:
                printed = _iso(m)
                break
    named = jurisdiction_prefix(title)
    subdistrict = _SUBDISTRICT.match(title)
    if named:
        candidates.append(Issuer(named[0], named[1], title_line, "标题"))
    elif subdistrict:
        name = subdistrict.group(1)
        candidates.append(Issuer(name, level_of(name), title_line, "标题"))
    candidates += metadata_issuers(doc.lines)
    issuer, notices = settle_issuer(candidates, number, file, doc.given_issuer, title_line)
    return PlanMeta(
        subdistrict=issuer.name,
        level=issuer.level,
        issuer_line=issuer.line,
        title=title,
        title_line=title_line,
        number=number,
        number_line=number_line,
        date=date,
        printed=printed,
        issuers=issuers,
    ), notices
