"""Word's automatic list numbers (一、 （一） 1. ①): the number a numbered paragraph shows before its text.

Word keeps a list's numbers out of the text: a paragraph says which list and level it belongs to
(``w:numPr``, on the paragraph or its style), and ``numbering.xml`` says how each level is written
(``w:numFmt`` decimal, chineseCounting …, ``w:lvlText`` "%1、", "（%2）", ``w:start``). A user copying the
text gets the numbers, and the readers need them (一、重点任务, 1.完成…): :class:`ListNumbers` counts
the paragraphs of each list in document order, as Word does, and gives each its number.
"""

from __future__ import annotations

import re

__all__ = ["ListNumbers", "format_number", "with_number"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ENDS_WITH_MARK = re.compile(r"[、.．)）\]】:：,，]$")


def _chinese(n: int, digits: str = _CN_DIGITS, ten: str = "十") -> str:
    if n <= 0 or n >= 100:
        return str(n)
    tens, units = divmod(n, 10)
    if tens == 0:
        return digits[units]
    return (digits[tens] if tens > 1 else "") + ten + (digits[units] if units else "")


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        count, n = divmod(n, value)
        out += letters * count
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def format_number(n: int, fmt: str) -> str:
    """The number ``n`` as a level of format ``fmt`` writes it.

    Examples
    --------
    >>> [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 23)]
    ['一', '十', '十一', '二十', '二十三']
    >>> format_number(3, "decimal"), format_number(3, "decimalEnclosedCircle"), format_number(2, "ideographTraditional")
    ('3', '③', '乙')
    """
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾")
    if fmt in ("ideographTraditional", "ideographZodiac") and 0 < n <= 10:
        return _STEMS[n - 1]
    if fmt.startswith("decimalEnclosedCircle") and 0 < n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        return _letter(n).upper() if fmt == "upperLetter" else _letter(n)
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return str(n)


def _val(el, tag: str, default=None):
    child = el.find(_W + tag) if el is not None else None
    return child.get(_W + "val", default) if child is not None else default


class ListNumbers:
    """Counts the numbered paragraphs of a document and gives each the number Word shows.

    Parameters
    ----------
    part : callable, optional
        ``part("numbering")`` and ``part("styles")`` give the roots of the document's ``numbering.xml`` and
        ``styles.xml`` (None where it has none); they are asked for only when a paragraph may be numbered.
    """

    def __init__(self, part=None):
        self.part = part
        self.loaded = self.styles_loaded = False
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNum → level → (fmt, text, start)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNum, level → start override)
        self.styles: dict[str, tuple[str | None, int | None, str | None]] = {}  # style → (numId, ilvl, basedOn)
        self.counts: dict[str, list[int | None]] = {}

    def _load(self) -> None:
        """Read the numbering definitions once."""
        self.loaded = True
        numbering = self.part("numbering") if self.part else None
        if numbering is not None:
            self._read_numbering(numbering)

    def _load_styles(self) -> None:
        """Read the styles that number paragraphs (or are based on others) once."""
        self.styles_loaded = True
        styles = self.part("styles") if self.part and self.nums else None
        for style in styles.iterchildren(_W + "style") if styles is not None else ():
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            based = _val(style, "basedOn")
            if num_pr is not None or based:
                ilvl = _val(num_pr, "ilvl")
                self.styles[style.get(_W + "styleId")] = (_val(num_pr, "numId"), int(ilvl) if ilvl else None, based)

    def _read_numbering(self, numbering) -> None:
        for abstract in numbering.iterchildren(_W + "abstractNum"):
            levels = {}
            for lvl in abstract.iterchildren(_W + "lvl"):
                levels[int(lvl.get(_W + "ilvl", "0"))] = (_val(lvl, "numFmt", "decimal"), _val(lvl, "lvlText", ""),
                                                         int(_val(lvl, "start", "1")))
            self.levels[abstract.get(_W + "abstractNumId")] = levels
        for num in numbering.iterchildren(_W + "num"):
            overrides = {}
            for override in num.iterchildren(_W + "lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[int(override.get(_W + "ilvl", "0"))] = int(start)
            self.nums[num.get(_W + "numId")] = (_val(num, "abstractNumId"), overrides)

    def _num_pr(self, p) -> tuple[str | None, int]:
        """The paragraph's list and level: its own ``numPr``, else its style's (following ``basedOn``)."""
        p_pr = p.find(_W + "pPr")
        if p_pr is None:
            return None, 0
        num_pr = p_pr.find(_W + "numPr")
        if num_pr is None and p_pr.find(_W + "pStyle") is None:
            return None, 0
        if not self.loaded:
            self._load()
        num_id, ilvl = _val(num_pr, "numId"), _val(num_pr, "ilvl")
        style, seen = _val(p_pr, "pStyle"), set()
        if (num_id is None or ilvl is None) and style and not self.styles_loaded:
            self._load_styles()
        while (num_id is None or ilvl is None) and style in self.styles and style not in seen:
            seen.add(style)
            s_num, s_lvl, style = self.styles[style]
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else (str(s_lvl) if s_lvl is not None else None)
        return num_id, int(ilvl or 0)

    def label(self, p) -> str:
        """The number paragraph ``p`` shows (counted: call once per paragraph, in document order), or ""."""
        num_id, ilvl = self._num_pr(p)
        if num_id in (None, "0") or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels or levels[ilvl][0] in ("bullet", "none"):
            return ""
        key = f"num{num_id}" if overrides else f"abstract{abstract}"  # lists sharing a definition go on counting
        counts = self.counts.setdefault(key, [None] * 10)
        start = overrides.get(ilvl, levels[ilvl][2])
        counts[ilvl] = start if counts[ilvl] is None else counts[ilvl] + 1
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = None
        text = levels[ilvl][1]
        for level in range(ilvl + 1):
            fmt, _, first = levels.get(level, ("decimal", "", 1))
            shown = format_number(counts[level] if counts[level] is not None else first, fmt)
            text = text.replace(f"%{level + 1}", shown)
        return text


def with_number(label: str, text: str) -> str:
    """A paragraph's text after its number: joined directly after a mark (一、 1. （一）), else with a space.

    Examples
    --------
    >>> with_number("一、", "重点任务"), with_number("第一条", "总则"), with_number("", "正文")
    ('一、重点任务', '第一条 总则', '正文')
    """
    if not label or not text.strip():
        return text
    return label + ("" if _ENDS_WITH_MARK.search(label) else " ") + text.lstrip()
