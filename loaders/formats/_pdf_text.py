"""Text lines and cell texts from a PDF page's characters, as pdfplumber builds them, without its machinery.

pdfplumber's ``extract_text_lines`` and ``extract_text`` (its defaults: ``x_tolerance`` and ``y_tolerance`` 3,
no layout) cost more than PDFium's parse of the page: generic keys, a dict per word, a text map of tuples. The
same rules here, on upright characters: characters grouped into lines by their top (tops that chain within 3
points), a line's characters ordered by ``x0``, a word broken by a blank character, a step back, a gap wider
than 3 points or a top 3 points off; words grouped into lines by their top again; a line's words joined by a
space. A page holding turned characters is handed to pdfplumber itself. The cells of ruled tables are found as
pdfplumber's table finder finds them (:func:`find_tables`). ``tests/test_formats_pdfium.py`` checks on every test
PDF that these give pdfplumber's very lines, cell texts and cells. One rule is the reader's own: a gap wider than
a fifth of the characters' size is a space also where that is less than 3 points (:data:`GAP`). And
:func:`legible` leaves out what is printed besides the text: footnote marks and text struck through.
"""

from __future__ import annotations

import bisect
from functools import cached_property, lru_cache
from itertools import groupby

from pdfplumber.utils.text import LIGATURES, chars_to_textmap, extract_text

__all__ = ["text_lines", "cell_text", "map_text", "find_tables", "legible", "GAP"]

_TOLERANCE = 3.0  # pdfplumber's x_tolerance and y_tolerance
#: A gap between two characters wider than this share of their size is a space (as pdfplumber, at most 3 points):
#: a tab's or non-breaking spaces' white after a padded name in small print too.
GAP = 0.2
# A footnote or 注 mark: at most this share of the size of the character it follows, its foot raised by this share.
_MARK_SIZE, _MARK_RAISED = 0.8, 0.2
# A rule through a character's box between these shares of its height from the bottom strikes it through.
_STRIKE_BAND = (0.25, 0.75)


def _plumber(chars: list[dict]) -> list[dict]:
    """Characters as pdfplumber's text functions take them (a ``doctop``: PDFium's characters have none)."""
    return [c if "doctop" in c else {**c, "doctop": c["top"]} for c in chars]


def _clusters(values, tolerance: float = _TOLERANCE) -> dict[float, int]:
    """Each value's cluster: sorted distinct values, a new cluster where one is more than ``tolerance`` above the
    last (pdfplumber's ``make_cluster_dict``)."""
    out: dict[float, int] = {}
    k = -1
    last = None
    for value in sorted(set(values)):
        if last is None or value > last + tolerance:
            k += 1
        out[value] = k
        last = value
    return out


def _words(chars: list[dict], gap: float | None = GAP) -> list[tuple]:
    """The words of upright characters in page order: (text, top, characters, right, bottom); a gap wider than 3
    points, or than ``gap`` of the character's size, ends a word (``gap`` None: pdfplumber's 3 points only).
    pdfplumber sorts the characters by line and then, line by line, by ``x0`` (both stable): one stable sort by
    (line, ``x0``). A word's right and bottom are its inked characters' furthest (None: it holds a character of no
    text, which its line's box leaves out)."""
    x0s = [c["x0"] for c in chars]
    tops = [c["top"] for c in chars]
    if max(tops) - min(tops) <= _TOLERANCE:  # one line (the usual cell): by x0 alone, in page order where equal
        lines = None
        order = sorted(range(len(chars)), key=x0s.__getitem__)
    else:
        line_of = _clusters(tops)
        lines = [line_of[top] for top in tops]
        order = sorted(range(len(chars)), key=x0s.__getitem__)
        order.sort(key=lines.__getitem__)  # stable: by line, then x0, then page order
    tolerance = _TOLERANCE
    out: list[tuple] = []
    word: list[dict] = []
    line = 0
    room = last_x0 = last_x1 = last_top = 0.0
    size = None
    low = right = bottom = 0.0
    inked = True
    for k in order:
        c = chars[k]
        if lines is not None and lines[k] != line:
            if word:
                out.append(_word(word, low, right, bottom, inked))
                word = []
            line = lines[k]
        text = c["text"]
        if text.isspace():
            if word:
                out.append(_word(word, low, right, bottom, inked))
                word = []
            continue
        x0, top = x0s[k], tops[k]
        if word and (x0 < last_x0 or x0 > last_x1 + room or top - last_top > tolerance
                     or last_top - top > tolerance):
            out.append(_word(word, low, right, bottom, inked))
            word = []
        last_x1 = c["x1"]
        if word:
            word.append(c)
            if top < low:
                low = top
            if last_x1 > right:
                right = last_x1
            if c["bottom"] > bottom:
                bottom = c["bottom"]
            inked = inked and bool(text)
        else:
            word = [c]
            low, right, bottom, inked = top, last_x1, c["bottom"], bool(text)
        last_x0, last_top = x0, top
        if c["size"] != size:
            size = c["size"]
            room = tolerance if gap is None else min(tolerance, gap * size)
    if word:
        out.append(_word(word, low, right, bottom, inked))
    return out


_LIGATURED = frozenset(LIGATURES)  # ﬁ, ﬂ, …: pdfplumber writes them out (fi, fl)


def _word(chars: list[dict], top: float, right: float, bottom: float, inked: bool) -> tuple:
    texts = [c["text"] for c in chars]
    text = "".join(texts)
    if not _LIGATURED.isdisjoint(texts):
        text = "".join([LIGATURES.get(t, t) for t in texts])
    return (text, top, chars, right, bottom) if inked else (text, top, chars, None, None)


def _lines(words, keep_order: bool) -> list[list[tuple]]:
    """Words grouped into lines by their top: in the words' order (a text map), or line by line (plain text)."""
    if len(words) == 1:
        return [words]
    line_of = _clusters([w[1] for w in words])
    if not keep_order:
        words = sorted(words, key=lambda w: line_of[w[1]])
    return [list(members) for _k, members in groupby(words, key=lambda w: line_of[w[1]])]


def text_lines(chars: list[dict], gap: float | None = GAP) -> list[dict]:
    """The text lines of characters in page order, as pdfplumber's ``Page.extract_text_lines()`` gives them: each
    ``text``, ``x0``, ``top``, ``x1``, ``bottom`` and its ``chars``."""
    if not chars:
        return []
    if not all(c["upright"] for c in chars):
        return chars_to_textmap(_plumber(chars)).extract_text_lines(strip=True, return_chars=True)
    out = []
    for line in _lines(_words(chars, gap), keep_order=True):
        if all(w[3] is not None for w in line):  # a word's characters stand left to right: its first is leftmost
            held = line[0][2] if len(line) == 1 else [c for w in line for c in w[2]]
            out.append({"text": " ".join([w[0] for w in line]), "x0": min([w[2][0]["x0"] for w in line]),
                        "top": min([w[1] for w in line]), "x1": max([w[3] for w in line]),
                        "bottom": max([w[4] for w in line]), "chars": held})
            continue
        held = [c for w in line for c in w[2] if c["text"]]
        out.append({"text": " ".join([w[0] for w in line]), "x0": min([c["x0"] for c in held]),
                    "top": min([c["top"] for c in held]), "x1": max([c["x1"] for c in held]),
                    "bottom": max([c["bottom"] for c in held]), "chars": held})
    return out


def cell_text(chars: list[dict], gap: float | None = GAP) -> str:
    """The text of characters in page order as pdfplumber's ``extract_text`` gives it (lines joined by ``\\n``)."""
    if not chars:
        return ""
    if not all(c["upright"] for c in chars):
        return extract_text(_plumber(chars))
    return "\n".join(" ".join(w[0] for w in line) for line in _lines(_words(chars, gap), keep_order=False))


def map_text(chars: list[dict], gap: float | None = GAP) -> str:
    """The text of characters in page order as pdfplumber's ``chars_to_textmap(...).as_string`` gives it."""
    if not chars:
        return ""
    if not all(c["upright"] for c in chars):
        return chars_to_textmap(_plumber(chars)).as_string
    return "\n".join(" ".join(w[0] for w in line) for line in _lines(_words(chars, gap), keep_order=True))


def find_tables(page, settings: dict | None = None, boxes: list | None = None) -> list:
    """The tables pdfplumber's ``page.find_tables(settings)`` finds, its cells found from the ruling lines'
    crossings as it finds them (the smallest box from each crossing whose four sides are drawn), with each
    crossing's edges gathered once rather than at every comparison. ``boxes``, if given, receives the cells
    that stand alone (a box drawn round text, no table)."""
    from pdfplumber.table import TableFinder, TableSettings, cells_to_tables, edges_to_intersections

    finder = TableFinder.__new__(TableFinder)
    finder.page, finder.settings = page, TableSettings.resolve(settings)
    crossings = edges_to_intersections(finder.get_edges(), finder.settings.intersection_x_tolerance,
                                       finder.settings.intersection_y_tolerance)
    cells = _cells(crossings)
    groups = cells_to_tables(cells)
    if boxes is not None:
        held = {cell for group in groups for cell in group}
        boxes.extend(cell for cell in cells if cell not in held)
    found = _found_table()
    return [found(page, group) for group in groups]


@lru_cache(maxsize=None)
def _found_table() -> type:
    """pdfplumber's ``Table``, its rows and box found once (pdfplumber finds them anew at each look); made on
    first use, as pdfplumber's table module is imported then."""
    from pdfplumber.table import Table

    class Found(Table):
        rows = cached_property(Table.rows.fget)
        bbox = cached_property(Table.bbox.fget)

    return Found


def _cells(crossings: dict) -> list[tuple]:
    """pdfplumber's ``intersections_to_cells``: from each crossing (in order of x, then top), the first crossing
    below and the first to the right it is joined to by a drawn edge whose corner closes the box."""
    boxes: dict[int, tuple] = {}  # an edge's box, by the edge (the crossings share their edges)

    def box(edge) -> tuple:
        got = boxes.get(id(edge))
        if got is None:
            got = boxes[id(edge)] = (edge["x0"], edge["top"], edge["x1"], edge["bottom"])
        return got

    vertical = {p: {box(e) for e in edges["v"]} for p, edges in crossings.items()}
    horizontal = {p: {box(e) for e in edges["h"]} for p, edges in crossings.items()}

    points = sorted(crossings)
    by_row: dict[float, list[tuple]] = {}
    for p in points:
        by_row.setdefault(p[1], []).append(p)
    after = {p: row[k + 1:] for row in by_row.values() for k, p in enumerate(row)}  # to the right, left to right
    cells = []
    for i, p in enumerate(points[:-1]):
        down, across = vertical[p], horizontal[p]
        rights = [r for r in after[p] if not across.isdisjoint(horizontal[r])]
        if not rights:
            continue
        cell = None
        for b in points[i + 1:]:
            if b[0] != p[0]:
                break
            if down.isdisjoint(vertical[b]):
                continue
            for r in rights:
                corner = (r[0], b[1])
                if corner in crossings and not vertical[corner].isdisjoint(vertical[r]) \
                        and not horizontal[corner].isdisjoint(horizontal[b]):
                    cell = (p[0], p[1], r[0], b[1])
                    break
            if cell is not None:
                break
        if cell is not None:
            cells.append(cell)
    return cells


def _wide(text: str) -> bool:
    return "\u2e80" <= text <= "\u9fff" or "\uf900" <= text <= "\uffef" or text in "。，、；：！？”’）》"


def legible(chars: list[dict], rules: list[dict]) -> tuple[list[dict], list[dict]]:
    """The characters that are the text, in page order, and the lines struck through (as :func:`text_lines`).

    Left out: a footnote or 注 mark (smaller and raised, right after a Chinese character: ``李晓红¹`` reads
    李晓红; ``m²`` stays), and characters a horizontal rule (``rules``, pdfplumber's edges) crosses through the
    middle (a deletion shown struck through, 删除线; an underline runs below the middle)."""
    drop: set[int] = set()
    sizes = {c["size"] for c in chars}  # a mark is smaller: none where every character is of one size
    if len(sizes) > 1 and min(sizes) <= _MARK_SIZE * max(sizes):
        ink = [k for k, c in enumerate(chars) if c["upright"] and c["text"].strip()]
        sizes = {chars[k]["size"] for k in ink}
        marks = zip(ink, ink[1:]) if sizes and min(sizes) <= _MARK_SIZE * max(sizes) else ()
        for a, b in marks:
            before, mark = chars[a], chars[b]
            size = before["size"]
            if (mark["size"] <= _MARK_SIZE * size and mark["bottom"] <= before["bottom"] - _MARK_RAISED * size
                    and _wide(before["text"]) and abs(mark["x0"] - before["x1"]) <= 0.5 * size):
                drop.add(b)
                for c in ink[ink.index(b) + 1:]:  # the mark's further characters (¹², *)
                    if chars[c]["size"] != mark["size"] or abs(chars[c]["bottom"] - mark["bottom"]) > 0.5:
                        break
                    drop.add(c)
    struck = _struck(chars, rules)
    drop |= struck
    kept = [c for k, c in enumerate(chars) if k not in drop] if drop else chars
    return kept, text_lines([chars[k] for k in sorted(struck)])


def _struck(chars: list[dict], rules: list[dict]) -> set[int]:
    """The characters (by index) a horizontal rule crosses between :data:`_STRIKE_BAND` of their height (inked,
    upright characters: blanks are struck through by nobody)."""
    flat = [r for r in rules if r["x1"] - r["x0"] > 1]
    if not flat or not chars:
        return set()
    feet = [c["bottom"] for c in chars]
    order = sorted(range(len(chars)), key=feet.__getitem__)
    bottoms = [feet[k] for k in order]
    tallest = max([c["bottom"] - c["top"] for c in chars])  # a character's foot is this near under the rule
    low, high = _STRIKE_BAND
    out: set[int] = set()
    for rule in flat:
        y = rule["top"]
        for k in order[bisect.bisect_left(bottoms, y):bisect.bisect_right(bottoms, y + tallest)]:
            c = chars[k]
            height = c["bottom"] - c["top"]
            if c["bottom"] - high * height <= y <= c["bottom"] - low * height \
                    and rule["x0"] - 1 <= (c["x0"] + c["x1"]) / 2 <= rule["x1"] + 1 \
                    and c["upright"] and c["text"].strip():
                out.add(k)
    return out
