"""Web page (.html, saved from a government site) → Source (lxml): text blocks and tables as rows of cells.

Block elements (``<p>``, ``<div>``, headings, list items …) and ``<br>`` end a line; scripts, styles,
the ``<head>`` and what the page hides (``display:none``, ``hidden``) are left out. A data table (one holding no other table) becomes one
:class:`~loaders.plan.source.Line` per row with ``table``, ``row`` and ``cells``: ``rowspan`` and
``colspan`` are expanded onto the grid, the text standing in the slot the cell starts in and ``""``
in the slots it covers, marked ``merged`` (as Word and PDF tables read). A table holding tables is page layout: its
cells are read as text blocks. A table no row of which has two filled cells (one column, a signature pushed right)
is read as text, each line of a cell a line; a two-column table of labels and values (组长 | 张三 区长) as text too. Line numbers run through the page.

A page saved from a site holds the site around the document: navigation, breadcrumb, the 信息公开 property
table (索引号, 发文机关 …), related links, the footer (版权所有, 网站标识码). Where one element holds the
article — it holds several blocks and most of the page's text outside links (``<div class="TRS_Editor">``,
an article ``<div>``, a layout table's cell) — only the article is read, after its title: the nearest
heading (``<h1>``–``<h4>``) or element whose class or id names a title before it. A page without such an
element (the document alone, or a short one under much of the site's text) is read whole, less the lines and
tables that are mostly links (menus, related links).
"""

from __future__ import annotations

import codecs
import re

from graphmodel.errors import PlanError

from ..plan.source import Source
from ._lines import LineBuilder, clean, join_paragraphs, join_wrapped, label_table, text_table

__all__ = ["read_source", "decode_html"]

_BLOCK = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary ul tr td th "
    "caption thead tbody tfoot".split()
)
_SKIP = frozenset("head script style noscript template iframe object embed svg select button title".split())
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Elements that may hold an article, and blocks that count as its parts.
_CONTAINER = frozenset("div section article main td center font form body".split())
_PART = frozenset("p div table h1 h2 h3 h4 h5 h6 ul ol section article pre blockquote center dl".split())
_HEADING = frozenset("h1 h2 h3 h4".split())
_TITLE_CLASS = re.compile(r"title|biaoti|(^|[\s_-])(bt|tit)($|[\s_-])", re.IGNORECASE)
_WORD = re.compile(r"\w")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# What a document's title says (an article's title standing in a plain cell, without a heading or a class).
_DOCUMENT_TITLE = re.compile(r"关于|(通知|决定|方案|计划|意见|办法|规定|要点|清单|名单|分工|分解表|责任表|任务表|项目表|实事)$")
_MAX_SPAN = 1000  # a span beyond this is a broken page, not a table
# Encodings a Chinese page names that GB18030 reads too.
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}


def decode_html(data: bytes) -> tuple[str, str]:
    """A page's text and encoding: a BOM, else UTF-8 when the bytes are valid UTF-8 holding more than ASCII,
    else the ``<meta charset>``, else UTF-8, else GB18030.

    A browser saving a page may write it as UTF-8 and leave its ``<meta charset="gb2312">``: Chinese text in
    GBK is (nearly) never valid UTF-8, while GB18030 decodes UTF-8 bytes into nonsense without an error, so
    valid UTF-8 wins over what the page says.

    Examples
    --------
    >>> decode_html('<meta charset="gb2312"><p>街道</p>'.encode("gbk"))[1]
    'gb18030'
    >>> decode_html("<p>街道</p>".encode())
    ('<p>街道</p>', 'utf-8')
    >>> decode_html('<meta charset="gb2312"><p>街道</p>'.encode())  # saved as UTF-8, the meta left as it was
    ('<meta charset="gb2312"><p>街道</p>', 'utf-8')
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    if not data.isascii():
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    candidates = ["utf-8", "gb18030"]
    if m := _META_CHARSET.search(data[:4096]):
        named = m.group(1).decode("ascii").lower()
        named = "gb18030" if named in _GB else named
        try:
            codecs.lookup(named)
            candidates.insert(0, named)
        except LookupError:
            pass
    for encoding in dict.fromkeys(candidates):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("gb18030", errors="replace"), "gb18030"


def _hidden(el) -> bool:
    """Whether the page hides ``el`` (``hidden``, ``display:none``, ``visibility:hidden``): a reader never sees it.

    Examples
    --------
    >>> import lxml.html
    >>> [_hidden(lxml.html.fragment_fromstring(f)) for f in ('<span style="display: none">x</span>', '<p>x</p>')]
    [True, False]
    """
    return el.get("hidden") is not None or bool(_HIDDEN.search(el.get("style") or ""))


def _span(value: str | None) -> int:
    try:
        n = int(str(value).strip())
    except ValueError:
        return 1
    return n if n >= 0 else 1


class _Walker:
    """Walks the page once in document order, cutting text into lines and tables into rows."""

    def __init__(self, file: str, skip_links: bool = False):
        self.out = LineBuilder(file)
        self.buffer: list[str] = []
        self.tables = 0
        self.skip_links = skip_links  # leave out lines and tables that are mostly links (a site's menus)
        self.in_link = 0
        self.link_chars = 0

    def add(self, text: str | None) -> None:
        if text:
            self.buffer.append(text)
            if self.in_link:
                self.link_chars += len(_WORD.findall(text))

    def flush(self) -> None:
        if self.buffer:
            text = join_wrapped("".join(self.buffer).split("\n"))
            if not (self.skip_links and self.link_chars and self.link_chars * 2 >= len(_WORD.findall(text))):
                self.out.text(text)
            self.buffer, self.link_chars = [], 0

    def walk(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else None  # comments and processing instructions: not a str
        if tag is None or tag in _SKIP or _hidden(el):
            self.add(el.tail)
            return
        if tag == "br":
            self.flush()
        elif tag == "table" and not el.xpath(".//table"):
            self.flush()
            if not (self.skip_links and _mostly_links(el)):
                self.table(el)
        else:
            block = tag in _BLOCK or tag == "table"
            if block:
                self.flush()
            self.in_link += tag == "a"
            if tag == "li":
                self.add(_list_number(el))
            self.add(el.text)
            for child in el:
                self.walk(child)
            self.in_link -= tag == "a"
            if block:
                self.flush()
        self.add(el.tail)

    def table(self, table) -> None:
        cells = _grid(table)
        if not cells:
            return
        if text_table(cells):  # one column, or no row with two filled cells: text laid out, each line a line
            self.out.lines_of(cells)
            return
        if label_table(cells):  # 组长 | 张三 区长: a form, read as text
            self.out.form(cells)
            return
        rows = [[None if c is None else join_paragraphs(c) for c in row] for row in cells]
        self.tables += 1
        for number, cells in enumerate(rows, start=1):
            self.out.row(cells, self.tables, number)


def _cell_lines(cell) -> list[str]:
    """A cell's lines: its blocks and ``<br>``-separated lines."""
    walker = _Walker("")
    if cell.text:
        walker.buffer.append(cell.text)
    for child in cell:
        walker.walk(child)
    walker.flush()
    return [line.text for line in walker.out.lines]


def _grid(table) -> list[list[list[str] | None]]:
    """The table's rows on a grid: each cell's lines in its first slot, None in the slots its spans cover."""
    trs = [tr for tr in table.iter("tr")]
    taken: dict[tuple[int, int], list[str] | None] = {}
    for r, tr in enumerate(trs):
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            rowspan = _span(cell.get("rowspan")) or len(trs) - r
            colspan = max(1, _span(cell.get("colspan")))
            rowspan, colspan = min(rowspan, _MAX_SPAN, len(trs) - r), min(colspan, _MAX_SPAN)
            text = _cell_lines(cell)
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken[(r + dr, c + dc)] = text if dr == dc == 0 else None
            c += colspan
    if not taken:
        return []
    width = max(c for _r, c in taken) + 1
    return [[taken.get((r, c), []) for c in range(width)] for r in range(len(trs))]


_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([\w-]+)", re.IGNORECASE)
_LIST_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman",
                 "decimal": "decimal", "lower-alpha": "lowerLetter", "lower-latin": "lowerLetter",
                 "upper-alpha": "upperLetter", "upper-latin": "upperLetter", "lower-roman": "lowerRoman",
                 "upper-roman": "upperRoman", "cjk-ideographic": "chineseCounting", "cjk-decimal": "chineseCounting",
                 "simp-chinese-informal": "chineseCounting", "trad-chinese-informal": "chineseCounting"}


def _list_number(li) -> str:
    """The number a browser shows before an item of an ordered list (``<ol type start>``, list-style-type), or "".

    Examples
    --------
    >>> import lxml.html
    >>> ol = lxml.html.fragment_fromstring('<ol start="3"><li>甲</li><li>乙</li></ol>')
    >>> [_list_number(li) for li in ol], _list_number(lxml.html.fragment_fromstring('<ul><li>丙</li></ul>')[0])
    (['3.', '4.'], '')
    >>> ol = lxml.html.fragment_fromstring('<ol style="list-style-type: cjk-ideographic"><li>甲</li></ol>')
    >>> _list_number(ol[0])
    '一、'
    """
    from .docx_numbering import format_number

    ol = li.getparent()
    if ol is None or ol.tag != "ol":
        return ""
    kind = ol.get("type") or ""
    for style in (li.get("style") or "", ol.get("style") or ""):
        if m := _LIST_STYLE.search(style):
            kind = m.group(1).lower()
            break
    fmt = _LIST_FORMATS.get(kind, "bullet" if kind in ("none", "disc", "circle", "square") else "decimal")
    if fmt == "bullet":
        return ""
    items = [c for c in ol if isinstance(c.tag, str) and c.tag == "li"]
    try:
        start = int(ol.get("start") or 1)
    except ValueError:
        start = 1
    number = format_number(start + items.index(li), fmt)
    return number + ("、" if fmt == "chineseCounting" else ".")


def _mostly_links(el) -> bool:
    """Whether at least half of ``el``'s text stands in links (a menu drawn as a table)."""
    counts: dict = {}
    _own_text(el, counts)
    total = len(_WORD.findall(el.text_content()))
    return total > 0 and counts[el] * 2 <= total


def _own_text(el, counts: dict) -> int:
    """How many word characters ``el`` holds outside links, scripts and styles (memoised in ``counts``)."""
    tag = el.tag if isinstance(el.tag, str) else None
    if tag is None or tag in _SKIP or tag == "a" or _hidden(el):
        n = 0
    else:
        n = len(_WORD.findall(el.text or "")) + sum(_own_text(child, counts) for child in el)
    counts[el] = n
    return n + (len(_WORD.findall(el.tail or "")) if el.getparent() is not None else 0)


def _article(body):
    """The element holding the article, or None when the page is the document alone.

    The deepest container with at least three blocks of text (or lines ended by ``<br>``) and at least half the
    page's text outside links.
    """
    counts: dict = {}
    _own_text(body, counts)
    total = counts[body]
    best = None
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag not in _CONTAINER or counts.get(el, 0) * 2 < total:
            continue
        parts = sum(1 for child in el if isinstance(child.tag, str)
                    and (child.tag == "br" or child.tag in _PART and counts.get(child)))  # <br>: lines of text
        if parts >= 3:
            best = el  # iter() goes down: a later hit lies inside an earlier one or after it (then it cannot hold half)
    return None if best is None or best is body else best


def _title_before(body, article):
    """The article's title: the last heading, or element whose class or id says title, before the article, or a
    short block after it that reads as a document's title (关于…, …通知, …方案, …表; no colon): a column's
    heading (通知公告) often stands above a title written in a plain block.

    Links, lists and what the page hides are never the title (nor anything inside them).
    """
    ancestors = set(article.iterancestors())
    found: dict[str, object] = {}
    blocks = tuple(t for t in _BLOCK if t != "br")

    def visit(el) -> bool:  # False once the article is reached
        if el is article:
            return False
        if not isinstance(el.tag, str) or el.tag in _SKIP:
            return True
        if el not in ancestors and (el.tag in ("a", "ul", "ol", "li") or _hidden(el)):
            return True
        if el not in ancestors and el.find(".//a") is None:
            text = clean(el.text_content())
            if text and (el.tag in _HEADING or _TITLE_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}")):
                found["named"] = el
                found.pop("worded", None)  # a title named as such after a worded one wins
            elif (text and el.tag in _BLOCK and len(text) <= 100 and _DOCUMENT_TITLE.search(text)
                  and not re.search(r"[:：]", text) and next(el.iterdescendants(*blocks), None) is None):
                found["worded"] = el  # after a heading (the column's: 通知公告), a block that reads as a title wins
        return all(visit(child) for child in el)

    visit(body)
    return found.get("worded", found.get("named"))


def _walk_article(walker: _Walker, body, article) -> None:
    """Read the article after its title (unless the article opens with it)."""
    title = _title_before(body, article)
    if title is not None:
        text = clean(title.text_content())
        opening = clean(" ".join(article.itertext()))
        if not "".join(opening.split()).startswith("".join(text.split())):
            walker.walk(_detached(title))
            walker.flush()
    walker.walk(_detached(article))


def _detached(el):
    """``el`` without its tail (the text after it belongs to its parent)."""
    import copy

    el = copy.deepcopy(el)
    el.tail = None
    return el


def read_source(data: bytes, file: str) -> Source:
    """Read a web page's text blocks into numbered lines and its data tables into rows of cells.

    Parameters
    ----------
    data : bytes
        The page as saved (UTF-8, GBK/GB2312/GB18030 as its ``<meta charset>`` says, or with a BOM).
    file : str
        The name the evidence will carry.

    Returns
    -------
    Source
        Lines in document order; table rows with ``table``, ``row`` and ``cells``.

    Raises
    ------
    PlanError
        If the page holds no text.

    Examples
    --------
    >>> page = "<p>组长：张三</p><table><tr><th>序号</th><th>任务</th></tr><tr><td>1</td><td>修路</td></tr></table>"
    >>> [(ln.no, ln.text, ln.table, ln.row, ln.cells) for ln in read_source(page.encode(), "a.html").lines]
    [(1, '组长：张三', None, None, None), (2, '序号 任务', 1, 1, ('序号', '任务')), (3, '1 修路', 1, 2, ('1', '修路'))]
    """
    import lxml.etree
    import lxml.html

    text, encoding = decode_html(data)
    text = _XML_DECLARATION.sub("", text, count=1)
    walker = _Walker(file)
    if text.strip():
        try:
            root = lxml.html.document_fromstring(text)
        except (lxml.etree.ParserError, ValueError):
            root = None
        if root is not None:
            body = root.find("body")
            body = body if body is not None else root
            article = _article(body)
            if article is None:  # no element holds the article: the page, without its menus
                walker.skip_links = True
                walker.walk(body)
            else:
                _walk_article(walker, body, article)
            walker.flush()
    return walker.out.source(encoding, "网页中没有正文文字（没有段落，也没有表格）",
                             "the web page holds no text (no paragraphs and no table)")
