"""Tables a PDF draws without vertical rules (three-line tables, horizontal rules only, only the outer box).

pdfplumber's ``find_tables()`` needs the lines around each cell; many tables of government documents draw
only horizontal rules (a rule above and below the header and below the last row, or one under every row) or
only the outer box. Such a table is found here from its horizontal rules (two or more of the same width, a
third of the page wide or more) and read only where its columns and rows are sure:

- the columns are the header's words (the text between the first two rules): each gap between two header
  words holds a column edge where no character of the body stands (a line of one stretch of text that
  crosses an edge, as a section row 一、…, is a row of its own, its text in its first cell);
- the rows are bounded by the rules and by gaps between text clearly wider than the gap between the lines of
  one cell; where no such gap shows, each line is a row only if each line holds text in the first column.

A table read so gives rows of cells like a ruled one, but nothing tells a merged cell from an empty one
(``merged`` unknown, as for text tables). Where the columns or rows are not sure, the lines stay text and
the caller is told (:class:`Unsure`), so that a warning says so rather than cells put in the wrong column.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._lines import join_cell_lines

__all__ = ["Unruled", "Unsure", "continued_table", "unruled_tables"]

_RULE_SHARE = 0.3  # a table's rule is at least this share of the page's width
_SAME = 3.0  # points within which two rules have the same ends
_MIN_COLUMN_GAP = 4.0
_HANGING = "，。、；：！？）》」』】〕,.;:!?)"  # points of white between two columns' text, at least


@dataclass
class Unruled:
    """A table read from its horizontal rules: the bounds of its columns and its rows of cell texts."""

    top: float
    edges: tuple[float, ...]  # the left edge of each column
    rows: list[list[str]]
    chars: list[dict]  # the characters it holds
    drawn: bool = False  # its rows are ruled: a merged cell is told from an empty one (``None`` in ``rows``)
    right: float = 0.0  # where its rules end on the right
    continues: bool = False  # the part of a table the page before cut, its header not repeated


@dataclass
class Unsure:
    """A table's rules were found, but its columns or rows not surely: its lines stay text."""

    top: float
    why: str  # "columns" or "rows"


def _rule_groups(edges, width: float, least: int = 2) -> list[tuple[float, float, list[float], dict[float, list]]]:
    """Horizontal rules of the same ends: (x0, x1, the y of each top to bottom, the drawn stretches of each).

    A rule may be drawn in stretches (left open over a cell merged with the one below it): the stretches at one
    height are one rule."""
    heights: list[list] = []
    for e in sorted(edges, key=lambda e: e["top"]):
        if heights and e["top"] - heights[-1][0]["top"] <= 1.5:
            heights[-1].append(e)
        else:
            heights.append([e])
    groups: list[tuple[float, float, list[float], dict[float, list]]] = []
    for stretches in heights:
        x0, x1 = min(e["x0"] for e in stretches), max(e["x1"] for e in stretches)
        if x1 - x0 < width * _RULE_SHARE:
            continue
        y = stretches[0]["top"]
        drawn = _intervals([(e["x0"], e["x1"]) for e in stretches], 1.0)
        for gx0, gx1, ys, parts in groups:
            if abs(gx0 - x0) <= _SAME and abs(gx1 - x1) <= _SAME:
                ys.append(y)
                parts[y] = drawn
                break
        else:
            groups.append((x0, x1, [y], {y: drawn}))
    return [g for g in groups if len(g[2]) >= least]


def _intervals(spans: list[tuple[float, float]], gap: float) -> list[list[float]]:
    """Overlapping (or nearer than ``gap``) spans joined: [start, end] of each run."""
    out: list[list[float]] = []
    for a, b in sorted(spans):
        if out and a - out[-1][1] < gap:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def _lines(chars) -> list[list]:
    """Characters grouped into printed lines (by their top), each sorted left to right."""
    out: list[list] = []
    for c in sorted(chars, key=lambda c: (round(c["top"], 0), c["x0"])):
        if out and abs(out[-1][0]["top"] - c["top"]) < 1.5:
            out[-1].append(c)
        else:
            out.append([c])
    return [sorted(line, key=lambda c: c["x0"]) for line in out]


def _boundaries(header, body, size: float) -> list[float] | None:
    """The x of each edge between columns, or None if the header and the body do not agree on them."""
    words = _intervals([(c["x0"], c["x1"]) for c in header if c["text"].strip()], size * 0.9)
    if len(words) < 2:
        return None
    body_spans = _intervals([(c["x0"], c["x1"]) for c in body if c["text"].strip()], 0.5)
    edges = []
    for (_a, left), (right, _b) in zip(words, words[1:]):
        free = [left, right]
        white = [(max(left, b1), min(right, a2)) for (_a1, b1), (a2, _b2) in zip(body_spans, body_spans[1:])
                 if min(right, a2) - max(left, b1) >= _MIN_COLUMN_GAP]
        if any(a < right and b > left for a, b in body_spans) and not white:
            return None  # body text fills the whole gap between two header words
        if white:
            free = list(max(white, key=lambda w: w[1] - w[0]))
        edges.append((free[0] + free[1]) / 2)
    for (_a, b), (a, _b) in zip(body_spans, body_spans[1:]):
        if a - b >= 2 * _MIN_COLUMN_GAP and not any(b <= e <= a for e in edges):
            return None  # white between the body's text where the header has no edge: two columns read as one?
    return edges


def _one_stretch_from(line, left: float) -> bool:
    """A line of one stretch of text that starts left of ``left``."""
    runs = _intervals([(c["x0"], c["x1"]) for c in line if c["text"].strip()], _MIN_COLUMN_GAP)
    return len(runs) == 1 and runs[0][0] < left


def _spans_edge(line, edges: list[float]) -> bool:
    """A line of one stretch of text from the first column across a column edge (a section row, a note)."""
    runs = _intervals([(c["x0"], c["x1"]) for c in line if c["text"].strip()], _MIN_COLUMN_GAP)
    return len(runs) == 1 and runs[0][0] < edges[0] < runs[0][1]


def _column_of(c: dict, edges: list[float]) -> int:
    return sum((c["x0"] + c["x1"]) / 2 >= e for e in edges)


def _line_gap(lines: list[list], edges: list[float]) -> float:
    """The widest gap between two lines of one cell: a little more than the narrowest between two lines of a
    column anywhere in the table (rows stand further apart, if the cells have padding)."""
    columns: list[list[tuple[float, float]]] = [[] for _ in range(len(edges) + 1)]
    for line in lines:
        for c in line:
            columns[_column_of(c, edges)].append((c["top"], c["bottom"]))
    runs = [_intervals(spans, 0.01) for spans in columns]
    gaps = [b[0] - a[1] for col in runs for a, b in zip(col, col[1:])]
    return min(gaps) * 1.5 + 1.5 if gaps else 0.0


def _band_rows(band: list[list], edges: list[float], limit: float) -> list[list] | None:
    """The printed lines of a band (between two rules) grouped into rows. Each column's text falls into
    cells (lines nearer than the widest gap between the lines of one cell); between two cells of a column
    lies a row's end, at a height where the other columns leave white too (a merged cell may cross it)."""
    columns: list[list[tuple[float, float]]] = [[] for _ in range(len(edges) + 1)]
    for line in band:
        for c in line:
            columns[_column_of(c, edges)].append((c["top"], c["bottom"]))
    cells = [[tuple(cell) for cell in _intervals(spans, limit)] for spans in columns]
    gaps = sorted(((a[1], b[0]) for col in cells for a, b in zip(col, col[1:])), key=lambda g: g[1] - g[0])
    union = _intervals([span for col in columns for span in col], 0.01)
    gaps += [(a[1], b[0]) for a, b in zip(union, union[1:]) if b[0] - a[1] > limit]
    cuts: list[float] = []
    for lo, hi in gaps:
        if any(lo <= cut <= hi for cut in cuts):
            continue
        for a, b in gaps:  # where the other columns leave white too
            if a < hi and b > lo and max(lo, a) < min(hi, b):
                lo, hi = max(lo, a), min(hi, b)
        cuts.append((lo + hi) / 2)
    cuts.sort()
    spacing = [b[0] - a[1] for a, b in zip(union, union[1:])]
    if spacing and max(spacing) <= limit:  # no row ends in white: one row, or a row a line
        firsts = len(_intervals(columns[0], 0.01))
        if firsts == len(union):
            cuts = [(a[1] + b[0]) / 2 for a, b in zip(union, union[1:])]
            cells = [[tuple(cell) for cell in _intervals(spans, 0.01)] for spans in columns]
        elif firsts > 1:
            return None  # else not sure where one row ends
        else:
            cuts = []
    top = min(a for col in cells for a, _b in col)
    bottom = max(b for col in cells for _a, b in col)
    bounds = [top - 0.01, *cuts, bottom + 0.01]
    # a row with text in its first column only (a section row) is crossed by no merged cell
    filled = [{col for col, spans in enumerate(columns) for a, b in spans if lo <= (a + b) / 2 < hi}
              for lo, hi in zip(bounds, bounds[1:])]
    barriers = {i for i, cols in enumerate(filled) if cols == {0}}
    place = {(col, cell): _place(cells[col], k, bounds, barriers) for col in range(len(cells)) for k, cell in enumerate(cells[col])}
    centred = _centred([p for p in place.values() if p[2]])
    crossing = {key for key, (first, _spanned, _sure) in place.items() if _row_of(key[1][1], bounds) != first}
    if crossing:
        return None  # a merged cell across a row's end: with no rule between the rows, its rows are not sure
    rows: list[list] = [[] for _ in range(len(cuts) + 1)]
    for line in band:  # a cell goes to the row it stands in; a merged cell (across a row's end) to the first of
        for c in line:  # the rows it stands in the middle of, if the table centres its cells, else where it starts
            col = _column_of(c, edges)
            cell = next(cell for cell in cells[col] if cell[0] <= c["top"] <= cell[1])
            first, spanned, _sure = place[(col, cell)]
            rows[spanned if centred and (col, cell) in crossing else first].append(c)
    return [row for row in rows if row]


def _place(cells: list[tuple[float, float]], k: int, bounds: list[float],
           barriers: set[int]) -> tuple[int, int, tuple | None]:
    """Where the ``k``-th cell of a column stands: the row it starts in; the first row of the rows (empty in this
    column) whose middle is nearest its middle (None if rows starting elsewhere are about as near); and, when no row around it is empty (it could span no other),
    how far its top and its middle are from its row's (to tell whether the table centres its cells)."""
    a, b = cells[k]
    low = cells[k - 1][1] if k else bounds[0]
    high = cells[k + 1][0] if k + 1 < len(cells) else bounds[-1]
    first, last = _row_of(a, bounds), _row_of(b, bounds)
    free_first = first
    while (free_first > 0 and bounds[free_first - 1] >= low - 0.01 and bounds[free_first] > low
           and free_first - 1 not in barriers):
        free_first -= 1
    free_last = last
    while (free_last < len(bounds) - 2 and bounds[free_last + 2] <= high + 0.01 and bounds[free_last + 1] < high
           and free_last + 1 not in barriers):
        free_last += 1
    middle = (a + b) / 2
    spans = [(abs((bounds[i] + bounds[j + 1]) / 2 - middle), i)
             for i in range(free_first, first + 1) for j in range(last, free_last + 1)]
    best = min(spans)
    tolerance = (b - a) / 2 if first == last else (b - a) / 4  # half a line
    spanned = best[1] if all(i == best[1] for d, i in spans if d - best[0] <= tolerance) else None  # None: not sure
    sure = None
    if free_first == first and free_last == last:
        sure = (a - bounds[first], abs(middle - (bounds[first] + bounds[last + 1]) / 2))
    return first, spanned, sure


def _row_of(y: float, bounds: list[float]) -> int:
    return max(0, min(len(bounds) - 2, sum(y > cut for cut in bounds[1:-1])))


def _centred(samples: list[tuple]) -> bool:
    """Whether the cells stand in the middle of their rows (else at the top): from the cells that span no doubt."""
    if not samples:
        return True
    tops = sorted(s[2][0] for s in samples)
    middles = sorted(s[2][1] for s in samples)
    return middles[len(middles) // 2] < tops[len(tops) // 2]


def _rows(lines, rules: list[float], edges: list[float]) -> list[list]:
    """The printed lines grouped into rows: between rules, and within them by the white between cells; a line of
    one stretch of text across a column edge (a section row) is a row of its own."""
    bands: list[list] = [[] for _ in range(len(rules) + 1)]
    for line in lines:
        bands[sum(line[0]["top"] >= y for y in rules)].append(line)
    rows: list[list] = []
    limit = _line_gap(lines, edges)
    for band in bands:
        part: list = []
        for line in band + [None]:
            if line is None or _spans_edge(line, edges):
                grouped = _band_rows(part, edges, limit) if part else []
                if grouped is None:
                    return None
                rows += grouped
                rows += [line] if line is not None else []
                part = []
            else:
                part.append(line)
    return rows


def _rooms(lines: list[list], edges: list[float]) -> list[tuple[float, float]]:
    """Per column, the widest line of text it shows (as a span from 0): without drawn edges, the room a cell
    surely has (a break before a word that would have fitted there was made on purpose)."""
    widest = [0.0] * (len(edges) + 1)
    for line in lines:
        parts: dict[int, list[dict]] = {}
        for c in line:
            if c["text"].strip():
                parts.setdefault(_column_of(c, edges), []).append(c)
        for k, chars in parts.items():
            while len(chars) > 1 and chars[-1]["text"] in _HANGING:  # punctuation may stand past the room
                chars = chars[:-1]
            widest[k] = max(widest[k], chars[-1]["x1"] - chars[0]["x0"])
    return [(0.0, w) for w in widest]


def _cells(row: list[dict], edges: list[float], rooms: list[tuple[float, float]]) -> list[str]:
    """A row's characters as its cells' texts; a section row's text in its first cell."""
    lines = _lines(row)
    if len(lines) == 1 and _spans_edge(lines[0], edges):
        return ["".join(c["text"] for c in lines[0]).strip()] + [""] * len(edges)
    columns: list[list] = [[] for _ in range(len(edges) + 1)]
    for c in row:
        columns[_column_of(c, edges)].append(c)
    return [join_cell_lines(_lines(col), *rooms[k], drawn=False) for k, col in enumerate(columns)]


def _open_end(top: float, below) -> float:
    """Where a table cut by the page break ends: at the first gap below it wider than three lines of text."""
    end = top
    for a, b in _intervals([(c["top"], c["bottom"]) for c in below], 0.01):
        if a - end > 3 * max(b - a, 1.0) and end > top:
            break
        end = b
    return end


def _table(x0: float, x1: float, ys: list[float], drawn: dict, chars) -> Unruled | Unsure | None:
    inside = [c for c in chars if x0 - 1 <= c["x0"] and c["x1"] <= x1 + 1 and ys[0] <= c["top"]]
    header = [c for c in inside if c["bottom"] <= ys[1] + 1]
    bottom = ys[-1]
    if len(ys) == 2 and not any(ys[1] < c["top"] and c["bottom"] <= ys[-1] for c in inside):
        bottom = _open_end(ys[1], [c for c in chars if c["top"] > ys[1]])  # the page cut it below its header
    inside = [c for c in inside if c["bottom"] <= bottom + 1]
    body = [c for c in inside if c["top"] >= ys[1] - 1]
    lines = _lines(body)
    if not header or len(lines) < 2:
        return None
    size = sorted(c["size"] for c in header)[len(header) // 2]
    edges = _boundaries(header, [c for ln in lines for c in ln], size)
    if edges is None:  # a section row (one stretch of text from the first column) may cross the edges
        first_word = min(c["x1"] for c in header if c["x0"] <= min(h["x0"] for h in header) + size)
        rest = [c for ln in lines if not _one_stretch_from(ln, first_word) for c in ln]
        edges = _boundaries(header, rest, size)
    if edges is None:
        return Unsure(ys[0], "columns")
    rooms = _rooms([*_lines(header), *lines], edges)
    header_row: list[str | None] = _cells(header, edges, rooms)
    if len(ys) >= 4 and bottom == ys[-1]:  # a rule under every row: each band a row, merged where a rule is open
        rows = [header_row, *_ruled_rows(body, ys[1:], drawn, edges, x0, x1, rooms)]
        return Unruled(ys[0], (x0, *edges), rows, inside, True, x1)
    cuts = [y for y in ys[1:] if y < bottom - 1]
    grouped = _rows(lines, cuts, edges)
    if grouped is None:
        return Unsure(ys[0], "rows")
    rows = [header_row] + [_cells(row, edges, rooms) for row in grouped]
    return Unruled(ys[0], (x0, *edges), rows, inside, False, x1)


def _ruled_rows(body: list[dict], ys: list[float], drawn: dict, edges: list[float], x0: float, x1: float,
                rooms: list[tuple[float, float]]) -> list[list[str | None]]:
    """The rows of a table with a rule under every row: a cell whose rule above is not drawn over it is merged
    with the cell above (``None``), and the merged cell's text, wherever it stands, is the first row's."""
    bands = list(zip(ys, ys[1:]))
    columns = len(edges) + 1
    middles = [(a + b) / 2 for a, b in zip([x0, *edges], [*edges, x1])]
    starts = [[k == 0 or any(a <= middles[col] <= b
                             for a, b in drawn.get(bands[k][0], ())) for col in range(columns)]
              for k in range(len(bands))]
    rows: list[list[str | None]] = []
    for k, (top, low) in enumerate(bands):
        inside = [c for c in body if top <= (c["top"] + c["bottom"]) / 2 <= low]
        lines = _lines(inside)
        if len(lines) == 1 and _spans_edge(lines[0], edges):
            rows.append(["".join(c["text"] for c in lines[0]).strip()] + [None] * len(edges))
            continue
        row: list[str | None] = []
        for col in range(columns):
            if not starts[k][col]:
                row.append(None)
                continue
            end = next((j for j in range(k + 1, len(bands)) if starts[j][col]), len(bands))
            span = [c for c in body if top <= (c["top"] + c["bottom"]) / 2 <= bands[end - 1][1]
                    and _column_of(c, edges) == col]
            row.append(join_cell_lines(_lines(span), *rooms[col], drawn=False))
        rows.append(row)
    return rows


def unruled_tables(rules: list[dict], chars: list[dict], width: float) -> list[Unruled | Unsure]:
    """The tables of a page drawn with horizontal rules only.

    Parameters
    ----------
    rules : list of dict
        The page's horizontal edges (pdfplumber), but those of its ruled tables.
    chars : list of dict
        The page's characters (pdfplumber), but those of its ruled tables and its page furniture.
    width : float
        The page's width.

    Returns
    -------
    list of Unruled or Unsure
        Each table read, or found and not read surely, top to bottom.
    """
    out: list[Unruled | Unsure] = []
    for x0, x1, ys, drawn in _rule_groups(rules, width):
        found = _table(x0, x1, ys, drawn, chars)
        if found is not None:
            out.append(found)
    return sorted(out, key=lambda t: t.top)


def continued_table(rules: list[dict], chars: list[dict], width: float, columns: tuple[float, ...], x1: float,
                    ruled_rows: bool) -> Unruled | Unsure | None:
    """The part, atop a page, of a table without vertical rules that the page before cut, its header not
    repeated: its rows down to the last rule of the table's width, read in the columns it had (``columns``:
    its left edge and its column edges; ``x1``: its right end; ``ruled_rows``: a rule under every row).

    None if no rule of the table's width is on the page."""
    x0, edges = columns[0], list(columns[1:])
    groups = [g for g in _rule_groups(rules, width, least=1) if abs(g[0] - x0) <= _SAME and abs(g[1] - x1) <= _SAME]
    if not groups:
        return None
    _gx0, _gx1, ys, drawn = groups[0]
    inside = [c for c in chars if x0 - 1 <= c["x0"] and c["x1"] <= x1 + 1 and c["bottom"] <= ys[-1] + 1]
    if not inside:
        return None
    top = min(c["top"] for c in inside)
    lines = _lines(inside)
    if any(_crosses(line, edges) and not _spans_edge(line, edges) for line in lines):
        return Unsure(top, "columns")
    rooms = _rooms(lines, edges)
    if ruled_rows:
        rows = _ruled_rows(inside, [top - 1, *ys], drawn, edges, x0, x1, rooms)
        return Unruled(top, columns, rows, inside, True, x1, True)
    grouped = _rows(lines, [y for y in ys if y < ys[-1] - 1], edges)
    if grouped is None:
        return Unsure(top, "rows")
    return Unruled(top, columns, [_cells(row, edges, rooms) for row in grouped], inside, False, x1, True)


def _crosses(line, edges: list[float]) -> bool:
    """A stretch of the line's text runs across a column edge."""
    runs = _intervals([(c["x0"], c["x1"]) for c in line if c["text"].strip()], _MIN_COLUMN_GAP)
    return any(a < e < b for a, b in runs for e in edges)
