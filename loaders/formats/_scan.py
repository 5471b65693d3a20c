"""A scanned page read as a born-digital one: seal taken out, page straightened, ruled tables read as cells.

Before the recogniser reads a page (:mod:`._ocr`), what is not text is taken off it: the red of a seal (a pixel
much redder than it is green or blue is paper), so a seal stamped over the issuer's name does not hide it; and a
page scanned askew (a sheet fed at 2°) is turned straight, by the angle most pairs of glyphs on one text line stand
at (img2table's estimate: connected components, their pairs' slopes, the angle that sharpens the rows' profile). A
page scanned on its side (its text lines stand upright) or so that the recogniser is sure of little (upside down:
the recogniser does not turn single boxes) is read again turned a quarter, a half and three quarters, and the turn that reads most surely is kept. Speckle (the dots of a
dusty glass: many dots of a few pixels standing alone) is smoothed out by a 3×3 median, so the white between words
stays white.

Tables are found by the ruling lines in the picture (img2table, OpenCV morphology: bordered tables, merged cells
as the grid draws them), and each character the recogniser places is put in the cell its middle stands in, so a
table row is a row of cells as in a born-digital PDF: a cell spanning rows or columns is read where it starts, the
slots it covers are ``None`` (merged); a cell's lines are joined as a PDF cell's are (:func:`._lines.join_cell_lines`:
a line broken where the next word would still have fitted stays apart). Text the recogniser was unsure of is never
put in a cell: it is a warning, as outside tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import _ocr as ocr
from ._lines import join_cell_lines

__all__ = ["ScanPage", "ScanTable", "read_scan", "without_red"]

Box = tuple[int, int, int, int]
_RED = 60  # a pixel whose red exceeds both its green and its blue by this much (of 255) is a seal's ink
_SPECK = 6  # a dark dot of this many pixels or fewer, at most 3 × 3, standing alone, is speckle
_SPECKLED = 200  # a page with more specks than this is speckled
_SKEW = 0.25  # a page turned by less than this many degrees is read as it is
_TURN_BELOW = 0.6  # a page whose sure text is less than this share of what was read is tried turned 90°, 180°, 270°


@dataclass
class ScanTable:
    """A table found on a scan: its box, its rows of cell texts (``None``: a slot covered by a merged cell), each
    row's box and lowest confidence, and each column's left edge (pixels)."""

    box: Box
    rows: list[list[str | None]]
    row_boxes: list[Box]
    row_confidence: list[float]
    columns: tuple[int, ...]
    # per row, the cells whose text the recogniser was unsure of: column (0-based) → that text as read
    row_unsure: list[dict[int, ocr.OcrLine]] = field(default_factory=list)
    loose: list[ocr.OcrLine] = field(default_factory=list)  # text read unsurely in the table but in none of its cells


@dataclass
class ScanPage:
    """What a scanned page holds: its lines outside tables (sure and unsure, :class:`._ocr.OcrLine`), its tables,
    text the recogniser was unsure of inside tables but in none of their cells, and the turn applied (degrees,
    counter-clockwise)."""

    lines: list[ocr.OcrLine]
    tables: list[ScanTable] = field(default_factory=list)
    unsure: list[ocr.OcrLine] = field(default_factory=list)
    turned: float = 0.0


def without_red(rgb):
    """The page as gray levels with a seal's red turned to paper (a 3-D RGB uint8 array in, 2-D out).

    Examples
    --------
    >>> import numpy as np
    >>> px = np.array([[[200, 30, 40], [20, 20, 20], [250, 250, 250]]], dtype=np.uint8)
    >>> without_red(px).tolist()
    [[255, 20, 250]]
    """
    import cv2
    import numpy as np

    rgb = np.ascontiguousarray(rgb[..., :3])
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    gray[cv2.subtract(rgb[..., 0], np.maximum(rgb[..., 1], rgb[..., 2])) > _RED] = 255
    return gray


def _sealed(rgb):
    """Where a seal's red was taken out (a 2-D bool array): the ink of a character under it went with the red."""
    import cv2
    import numpy as np

    rgb = np.ascontiguousarray(rgb[..., :3])
    return cv2.subtract(rgb[..., 0], np.maximum(rgb[..., 1], rgb[..., 2])) > _RED


def _turned_like(sealed, angle: float):
    """``sealed`` turned by ``angle`` as :func:`_straight` turns the page (None stays None)."""
    if sealed is None or not angle:
        return sealed
    import cv2
    import numpy as np
    from img2table.document.rotation import rotate_img_with_border

    paper = np.where(sealed, 0, 255).astype(np.uint8)  # the border the turn adds is paper: no seal there
    turned = rotate_img_with_border(img=cv2.cvtColor(paper, cv2.COLOR_GRAY2RGB), angle=angle)
    return turned[..., 0] < 128


def _without_specks(gray):
    """The page with a scanner's speckle taken out: a page holding many dark dots of a few pixels standing alone
    (strokes and punctuation are larger) is smoothed by a 3×3 median, so the white between words stays white; a
    clean page is left as it is (the median would thin its strokes: 〔 read as 【)."""
    import cv2

    ink = (gray < ocr.INK).astype("uint8")
    _count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    specks = int(((stats[1:, cv2.CC_STAT_AREA] <= _SPECK) & (stats[1:, cv2.CC_STAT_WIDTH] <= 3)
                  & (stats[1:, cv2.CC_STAT_HEIGHT] <= 3)).sum())
    return cv2.medianBlur(gray, 3) if specks > _SPECKLED else gray


def _ink_rows_angle(gray) -> float:
    """The turn (degrees, as img2table gives it) under which the page's ink stands in the sharpest rows: the
    projection of the ink on the vertical, tried from −5° to 5° (a quarter degree apart, then a twentieth around the
    best), on the page shrunk to a quarter."""
    import cv2
    import numpy as np

    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ys, xs = np.nonzero(small < ocr.INK)
    if len(ys) < 50:
        return 0.0
    xs = xs - xs.mean()

    def sharpness(angle: float) -> float:
        rows = ys - xs * np.tan(np.radians(angle))
        return float((np.bincount(np.round(rows - rows.min()).astype(int)).astype(float) ** 2).sum())

    best = max(np.arange(-5, 5.01, 0.25), key=sharpness)
    return float(max(np.arange(best - 0.25, best + 0.26, 0.05), key=sharpness))


def _straight(gray):
    """The page turned straight, and the angle turned (degrees)."""
    import cv2
    from img2table.document.rotation import (estimate_skew, get_connected_components, get_relevant_angles,
                                             rotate_img_with_border)

    centroids, height, thresh = get_connected_components(img=gray)
    angle = 0.0
    if len(centroids) >= 2:
        angle = float(estimate_skew(angles=get_relevant_angles(centroids=centroids, ref_height=height), thresh=thresh))
    if abs(angle) < _SKEW:
        # img2table's estimate (from the characters' centroids) finds no turn on a page a table fills when the
        # scan is coarse (150 dpi: the characters touch the rules); the rows of ink tell it (measured: 2° found)
        angle = _ink_rows_angle(gray)
    if abs(angle) < _SKEW:
        return gray, 0.0
    turned = rotate_img_with_border(img=cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB), angle=angle)
    return cv2.cvtColor(turned, cv2.COLOR_RGB2GRAY), angle


def _tables(gray) -> list:
    """The ruled tables img2table finds on the page (its ``ExtractedTable``: rows of cells with boxes)."""
    import cv2
    from img2table.tables.extractor import TableExtractor

    rgb = cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB)
    found = TableExtractor(img=rgb).extract_tables(implicit_rows=False, implicit_columns=False,
                                                   borderless_tables=False)
    height, width = gray.shape[:2]
    out = [t.extracted_table(image_width=width, image_height=height) for t in found]
    return [t for t in out if t.content and max(len(t.content), len(next(iter(t.content.values())))) >= 2]


def _grid(table) -> tuple[list[list[Box]], tuple[int, ...]]:
    rows = [[(c.bbox.x1, c.bbox.y1, c.bbox.x2, c.bbox.y2) for c in cells] for cells in table.content.values()]
    return rows, tuple(sorted({box[0] for row in rows for box in row}))


def _chars(piece: ocr.Piece) -> list[tuple[str, Box, bool]]:
    """Each character of a piece with its box and whether a space stands before it (boxes spread evenly over the
    piece where the recogniser gave none)."""
    glyphs = [(ch, k > 0 and piece.text[k - 1] == " ") for k, ch in enumerate(piece.text) if ch != " "]
    boxes = list(piece.chars)
    if len(boxes) != len(glyphs):
        x0, top, x1, bottom = piece.box
        step = (x1 - x0) / max(len(glyphs), 1)
        boxes = [(int(x0 + k * step), top, int(x0 + (k + 1) * step), bottom) for k in range(len(glyphs))]
    return [(ch, box, space) for (ch, space), box in zip(glyphs, boxes)]


def _inside(box: Box, x: float, y: float) -> bool:
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _cell_text(glyphs: list[tuple[str, Box, bool, float]], cell: Box) -> tuple[str, float]:
    """A cell's text from the characters placed in it (each: text, box, space before, confidence), its lines
    joined as a PDF cell's are; and the lowest confidence."""
    if not glyphs:
        return "", 1.0
    lines: list[list[tuple[str, Box, bool, float]]] = []
    for g in sorted(glyphs, key=lambda g: (g[1][1] + g[1][3]) / 2):
        middle, height = (g[1][1] + g[1][3]) / 2, g[1][3] - g[1][1]
        if lines and abs(middle - lines[-1][0][1][1] / 2 - lines[-1][0][1][3] / 2) < height / 2:
            lines[-1].append(g)
        else:
            lines.append([g])
    pitch = _pitch(lines)
    chars, texts = [], []
    for line in lines:
        line.sort(key=lambda g: g[1][0])
        # a glyph's ink is narrower than its advance, which is what a PDF's character box (and the fit) measures
        chars.append([{"text": ch, "x0": (box[0] + box[2] - pitch) / 2, "x1": (box[0] + box[2] + pitch) / 2}
                      for ch, box, _s, _c in line])
        texts.append("".join((" " if space and k else "") + ch for k, (ch, _b, space, _c) in enumerate(line)))
    # the boxes are the recogniser's, a few pixels off: a line is taken as broken on purpose only if the next word
    # would have fitted with half a character to spare
    return ocr.tidy(join_cell_lines(chars, cell[0], cell[2] - pitch / 2, texts)), min(g[3] for g in glyphs)


def _pitch(lines: list[list[tuple[str, Box, bool, float]]]) -> float:
    """The advance of one character: the median step between the middles of neighbours on a line (else the
    height of a character, a Han glyph's square)."""
    steps = sorted((b[1][0] + b[1][2] - a[1][0] - a[1][2]) / 2 for line in lines
                   for a, b in zip(sorted(line, key=lambda g: g[1][0]), sorted(line, key=lambda g: g[1][0])[1:]))
    if steps:
        return steps[len(steps) // 2]
    return float(max(g[1][3] - g[1][1] for line in lines for g in line))


def _reread(gray, cell: Box, file: str) -> ocr.Piece | None:
    """A cell that holds ink but little text read again on its own (a number alone in a cell is what the
    recogniser's detector misses or merges with a rule): the recogniser's reading of the cell's inside, or None
    when the cell is blank."""
    x0, top, x1, bottom = cell
    inset = max(4, (bottom - top) // 12)  # inside the ruling lines
    inside = gray[top + inset:bottom - inset, x0 + inset:x1 - inset]
    if inside.size == 0:
        return None
    ink = _without_dots(inside < ocr.INK)
    if ink.sum() < 20:
        return None
    rows, columns = ink.any(axis=1), ink.any(axis=0)
    if int((rows[1:] & ~rows[:-1]).sum() + rows[0]) > 1:
        return None  # more than one line of ink: not a number alone
    ys, xs = rows.nonzero()[0], columns.nonzero()[0]
    pad = max(4, int((ys[-1] - ys[0]) * 0.3))  # the recogniser reads a line cut with a little white around it
    y0, y1 = max(ys[0] - pad, 0), min(ys[-1] + 1 + pad, inside.shape[0])
    xa, xb = max(xs[0] - pad, 0), min(xs[-1] + 1 + pad, inside.shape[1])
    box = (x0 + inset + int(xa), top + inset + int(y0), x0 + inset + int(xb), top + inset + int(y1))
    return ocr.recognise_line(inside[y0:y1, xa:xb], box, file)


def _without_dots(ink):
    """A cell's ink without the dots standing apart from its characters (a scanner's speckle, a speck the seal
    left): each blob of ink less than a third as tall and a third as wide as the largest is taken out."""
    import cv2
    import numpy as np

    count, labels, stats, _centroids = cv2.connectedComponentsWithStats(ink.astype("uint8"), connectivity=8)
    if count <= 2:
        return ink
    heights, widths = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    dots = np.flatnonzero((heights * 3 < heights.max()) & (widths * 3 < max(widths.max(), heights.max()))) + 1
    return ink & ~np.isin(labels, dots)


def _numberish(found: list[tuple[str, Box, bool, float]]) -> bool:
    """Whether a cell's text as the page's reading placed it may be a number the detector cut or merged: nothing,
    or one or two characters none of them Han."""
    return len(found) <= 2 and not any(ocr.is_han(g[0]) for g in found)


def _read_table(table, pieces: list[ocr.Piece], gray=None, file: str = "") -> tuple[ScanTable, set[int]]:
    """A table's rows of cells from the pieces whose characters stand in its cells; and the indices of the pieces
    it took. A cell holding text the recogniser was unsure of keeps that text, so that the row is read as a row of
    its own (not as the row above going on), and is named in ``row_unsure``: no fact stands on it."""
    grid, columns = _grid(table)
    outer = (table.bbox.x1, table.bbox.y1, table.bbox.x2, table.bbox.y2)
    placed: dict[Box, list[tuple[str, Box, bool, float]]] = {}
    spoiled: set[Box] = set()
    taken: set[int] = set()
    loose: list[ocr.OcrLine] = []
    cells = {box for row in grid for box in row}
    for k, piece in enumerate(pieces):
        if not _inside(outer, (piece.box[0] + piece.box[2]) / 2, (piece.box[1] + piece.box[3]) / 2):
            continue
        taken.add(k)
        in_cells = False
        for ch, box, space in _chars(piece):
            x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            cell = next((c for c in cells if _inside(c, x, y)), None)
            if cell is not None:
                in_cells = True
                placed.setdefault(cell, []).append((ch, box, space, piece.confidence))
                if not piece.sure:
                    spoiled.add(cell)
        if not piece.sure and not in_cells:
            loose.append(ocr.OcrLine(piece.text, piece.box, piece.confidence, sure=False))
    rows, boxes, confidence, unsure = [], [], [], []
    for r, row in enumerate(grid):
        texts: list[str | None] = []
        doubts: dict[int, ocr.OcrLine] = {}
        lowest = 1.0
        for c, cell in enumerate(row):
            if (r and c < len(grid[r - 1]) and grid[r - 1][c] == cell) or (c and row[c - 1] == cell):
                texts.append(None)  # covered by the merged cell that starts above or to the left
                continue
            found = placed.get(cell, [])
            doubted = cell in spoiled
            if gray is not None and not doubted and _numberish(found):
                again = _reread(gray, cell, file)
                if again is not None:
                    doubted = not again.sure
                    found = [(ch, (again.box[0] + k, again.box[1], again.box[0] + k + 1, again.box[3]), False,
                              again.confidence) for k, ch in enumerate(ch for ch in again.text if ch != " ")]
            text, sure = _cell_text(found, cell)
            texts.append(text)
            if doubted and text:
                doubts[c] = ocr.OcrLine(text, cell, sure, sure=False)
            else:
                lowest = min(lowest, sure)
        rows.append(texts)
        # the row's band: below every cell's top, above every cell's bottom (a merged cell reaches further)
        boxes.append((min(b[0] for b in row), max(b[1] for b in row), max(b[2] for b in row), min(b[3] for b in row)))
        confidence.append(lowest)
        unsure.append(doubts)
    return ScanTable(outer, rows, boxes, confidence, columns, unsure, loose), taken


def _turns(gray, file: str, sealed=None):
    """The page as read, or turned a quarter, half or three quarters when that reads more surely: the picture,
    the recogniser's pieces, the turn (degrees) and where the seal's red was (``sealed``, turned with it)."""
    import numpy as np

    pieces = ocr.recognise(gray, file, sealed)
    if not pieces or _sure_share(pieces) >= _TURN_BELOW and _upright(pieces):
        return gray, pieces, 0.0, sealed
    best = (_sure_share(pieces) * _upright(pieces), gray, pieces, 0.0, sealed)
    for quarter in (1, 2, 3):
        turned = np.ascontiguousarray(np.rot90(gray, quarter))
        seal = None if sealed is None else np.ascontiguousarray(np.rot90(sealed, quarter))
        found = ocr.recognise(turned, file, seal)
        score = _sure_share(found) * _upright(found)
        if score > best[0]:
            best = (score, turned, found, 90.0 * quarter, seal)
    return best[1:]


def _sure_share(pieces: list[ocr.Piece]) -> float:
    """The share of the characters read that were read surely."""
    total = sum(len(p.text) for p in pieces)
    return sum(len(p.text) for p in pieces if p.sure) / total if total else 0.0


def _upright(pieces: list[ocr.Piece]) -> bool:
    """Whether most text stands in lines across the page (boxes of several characters wider than tall)."""
    long = [p for p in pieces if len(p.text) >= 3]
    return not long or sum((p.box[2] - p.box[0]) > (p.box[3] - p.box[1]) for p in long) * 2 > len(long)


def read_scan(rgb, file: str) -> ScanPage:
    """Read a scanned page: seal's red taken out, page straightened, tables as cells, the other text as lines.

    Parameters
    ----------
    rgb : numpy.ndarray
        The page as an RGB (or gray) uint8 array.
    file : str
        The file's name, for the error when the OCR extra is missing.

    Returns
    -------
    ScanPage
        Its lines outside tables (boxes in pixels of the straightened page), its tables, the text the recogniser
        was unsure of inside tables, and the turn applied.

    Raises
    ------
    PlanError
        If the OCR extra is not installed.
    """
    ocr.engine(file)
    gray = without_red(rgb) if rgb.ndim == 3 else rgb
    sealed = _sealed(rgb) if rgb.ndim == 3 else None
    gray = _without_specks(gray)
    gray, angle = _straight(gray)
    sealed = _turned_like(sealed, angle)
    gray, pieces, quarter, sealed = _turns(gray, file, sealed)
    if quarter:
        gray, more = _straight(gray)
        angle += more
        sealed = _turned_like(sealed, more)
        if more:
            pieces = ocr.recognise(gray, file, sealed)
    page = ScanPage([], turned=angle + quarter)
    taken: set[int] = set()
    for table in _tables(gray) if any(p.sure for p in pieces) else []:
        read, took = _read_table(table, pieces, gray, file)
        page.tables.append(read)
        taken |= took
    page.unsure = [line for table in page.tables for line in table.loose]
    page.lines = ocr.lines_of([p for k, p in enumerate(pieces) if k not in taken])
    return page
