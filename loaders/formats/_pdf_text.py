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


def _words(chars: list[dict], gap: float | None = GAP) -> list[tuple[str, float, list[dict]]]:
    """The words of upright characters in page order: (text, top, characters); a gap wider than 3 points, or
    than ``gap`` of the character's size, ends a word (``gap`` None: pdfplumber's 3 points only). pdfplumber sorts
    the characters by line and then, line by line, by ``x0`` (both stable): one sort by (line, ``x0``, place)."""
    tops = [c["top"] for c in chars]
    if max(tops) - min(tops) <= _TOLERANCE:  # one line (the usual cell): by x0 alone, in page order where equal
        x0s = [c["x0"] for c in chars]
        keyed = [(0, x0s[k], k) for k in sorted(range(len(chars)), key=x0s.__getitem__)]
    else:
        line_of = _clusters(tops)
        keyed = sorted([(line_of[top], c["x0"], k) for k, (top, c) in enumerate(zip(tops, chars))])
    out: list[tuple[str, float, list[dict]]] = []
    word: list[dict] = []
    line = -1
    room = last_x0 = last_x1 = last_top = 0.0
    for number, x0, k in keyed:
        c = chars[k]
        if number != line:
            if word:
                out.append(_word(word))
                word = []
            line = number
        if c["text"].isspace():
            if word:
                out.append(_word(word))
                word = []
            continue
        top = c["top"]
        if word and (x0 < last_x0 or x0 > last_x1 + room or top - last_top > _TOLERANCE
                     or last_top - top > _TOLERANCE):
            out.append(_word(word))
            word = []
        word.append(c)
        last_x0, last_x1, last_top = x0, c["x1"], top
        room = _TOLERANCE if gap is None else min(_TOLERANCE, gap * c["size"])
    if word:
        out.append(_word(word))
    return out


_LIGATURED = frozenset(LIGATURES)  # ﬁ, ﬂ, …: pdfplumber writes them out (fi, fl)


def _word(chars: list[dict]) -> tuple[str, float, list[dict]]:
    texts = [c["text"] for c in chars]
    text = "".join(texts)
    if not _LIGATURED.isdisjoint(texts):
        text = "".join([LIGATURES.get(t, t) for t in texts])
    return text, min([c["top"] for c in chars]), chars


def _lines(words, keep_order: bool) -> list[list[tuple[str, float, list[dict]]]]:
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
        held = [c for _text, _top, members in line for c in members if c["text"]]
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
    from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections

    finder = TableFinder.__new__(TableFinder)
    finder.page, finder.settings = page, TableSettings.resolve(settings)
    crossings = edges_to_intersections(finder.get_edges(), finder.settings.intersection_x_tolerance,
                                       finder.settings.intersection_y_tolerance)
    cells = _cells(crossings)
    groups = cells_to_tables(cells)
    if boxes is not None:
        held = {cell for group in groups for cell in group}
        boxes.extend(cell for cell in cells if cell not in held)
    return [Table(page, group) for group in groups]


def _cells(crossings: dict) -> list[tuple]:
    """pdfplumber's ``intersections_to_cells``: from each crossing (in order of x, then top), the first crossing
    below and the first to the right it is joined to by a drawn edge whose corner closes the box."""
    def box(edge) -> tuple:
        return edge["x0"], edge["top"], edge["x1"], edge["bottom"]

    vertical = {p: {box(e) for e in edges["v"]} for p, edges in crossings.items()}
    horizontal = {p: {box(e) for e in edges["h"]} for p, edges in crossings.items()}

    def joined(p, q) -> bool:
        return bool((p[0] == q[0] and not vertical[p].isdisjoint(vertical[q]))
                    or (p[1] == q[1] and not horizontal[p].isdisjoint(horizontal[q])))

    points = sorted(crossings)
    by_row: dict[float, list[tuple]] = {}
    for p in points:
        by_row.setdefault(p[1], []).append(p)
    cells = []
    for i, p in enumerate(points[:-1]):
        below = []
        for q in points[i + 1:]:
            if q[0] != p[0]:
                break
            below.append(q)
        row = by_row[p[1]]
        right = row[row.index(p) + 1:]
        cell = next(((p[0], p[1], r[0], b[1]) for b in below if joined(p, b) for r in right if joined(p, r)
                     if (r[0], b[1]) in crossings and joined((r[0], b[1]), r) and joined((r[0], b[1]), b)), None)
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
    struck = _struck(chars, ink, rules)
    drop |= struck
    kept = [c for k, c in enumerate(chars) if k not in drop] if drop else chars
    return kept, text_lines([chars[k] for k in sorted(struck)])


def _struck(chars: list[dict], ink: list[int], rules: list[dict]) -> set[int]:
    """The characters (by index) a horizontal rule crosses between :data:`_STRIKE_BAND` of their height."""
    flat = [r for r in rules if r["x1"] - r["x0"] > 1]
    if not flat or not ink:
        return set()
    order = sorted(ink, key=lambda k: chars[k]["bottom"])
    bottoms = [chars[k]["bottom"] for k in order]
    tallest = max(chars[k]["bottom"] - chars[k]["top"] for k in ink)
    low, high = _STRIKE_BAND
    out: set[int] = set()
    for rule in flat:
        y = rule["top"]
        for k in order[bisect.bisect_left(bottoms, y):bisect.bisect_right(bottoms, y + tallest)]:
            c = chars[k]
            height = c["bottom"] - c["top"]
            if c["bottom"] - high * height <= y <= c["bottom"] - low * height \
                    and rule["x0"] - 1 <= (c["x0"] + c["x1"]) / 2 <= rule["x1"] + 1:
                out.add(k)
    return out
