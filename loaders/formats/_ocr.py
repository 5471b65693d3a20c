"""Text read from a page's picture by OCR (rapidocr-onnxruntime: PP-OCRv4, its models inside the wheel, offline).

The recogniser gives boxes of text, each with its text and a confidence. A page's lines are rebuilt from them:
boxes whose middles stand at one height are one line, left to right; between two boxes of a line goes a space
when the white between them is wider than a third of the line's height. The recogniser leaves out the spaces
inside a box (``组长：汪晓晨党工委书记``), which are what part a name from a title, so they are put back from the
picture: two Han characters (whose glyphs fill their square) with white between their ink wider than a quarter of the
line's height (less a little: a glyph's side bearings) have a space between them. A closing bracket the
recogniser mistook (〔2024】) is the one that closes the bracket opened. A box read with a confidence under
:data:`MIN_CONFIDENCE` is not text: the caller warns of it (its text, box and confidence) and reads no fact from it.

The recogniser's confidence is the mean of its characters' probabilities, which a long line keeps high around one
misread character (a rare name's character read as a common one). So a box is also unsure when (:func:`_doubt`):
one of its characters (Han, letter or digit) was read with a probability under :data:`WEAK` and the box read again
(cut tight, cut with white around it, its strokes thinned) is read otherwise, or, where a seal's red was taken out,
surely by fewer than two of the cuts (every cut of the ink the seal took misreads it alike: 街 read 行); it is one
character alone read under :data:`LONE` (nothing beside it for the recogniser to read it against); two of its Han characters stand
:data:`LOST` advances apart with ink between them, or ink stands in it where none of its characters does (a
character the recogniser dropped: 修缮 read 修, a closing quote at a line's start); or a bracketed year is opened by a
round bracket and closed by another kind (which of the two is right cannot be told). A box that dropped a character
is read again, cut three ways: two cuts that read it whole (every character of the first reading, in order, and the
one it dropped), each character read surely, are its reading; else it is a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graphmodel.errors import PlanError

__all__ = ["DPI", "LONE", "LOST", "MIN_CONFIDENCE", "WEAK", "OcrLine", "Piece", "available", "is_han", "lines_of", "tidy",
           "read_picture", "recognise", "recognise_line", "shown", "unsure_notice"]

#: Pages of a PDF are rendered at this resolution for OCR (dots per inch).
DPI = 300
#: Text the recogniser is less sure of than this is a warning, never a fact.
MIN_CONFIDENCE = 0.8
#: A Han character, letter or digit read with a probability under this has its box read again (:func:`_doubt`).
WEAK = 0.9
#: A box of one character alone read with a probability under this is unsure.
LONE = 0.97
#: Two neighbouring Han characters of a box this many advances apart, with ink between them: a character was dropped.
LOST = 1.6
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACE_SHARE = 0.235  # white between two Han glyphs wider than this share of the line's height: a space
_GAP_SHARE = 0.33  # white between two boxes of a line wider than this share of its height: a space
_NARROW = 0.8  # a glyph whose ink is narrower than this share of the advance leaves white of its own beside it
_LOST_WHITE = 0.15  # white between two characters narrower than this share of the height: ink stands there
_UNREAD = 0.2  # ink this share of a box's height wide where no character of it stands: a character dropped
_UNREAD_PAD = 0.3  # ... looked for this share of the height beyond the box's ends too
_UNREAD_TOL = 0.1  # a character's ink may reach this share of the height beyond its box
_INK = INK = 200  # a pixel darker than this (of 255) is ink (a glyph's thin strokes are grey)

MISSING = ("读取扫描件和图片需要 OCR 扩展：pip install 'graphmodel[ocr]'",
           "reading scans and pictures needs the OCR extra: pip install 'graphmodel[ocr]'")


@dataclass(frozen=True)
class OcrLine:
    """A line read by OCR: its text, its box on the picture (x0, top, x1, bottom, in pixels) and the lowest
    confidence of its parts; ``sure`` False: under :data:`MIN_CONFIDENCE`, a warning and not text."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float
    sure: bool = True


def available() -> bool:
    """Whether the OCR extra (rapidocr-onnxruntime) is installed."""
    import importlib.util

    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


@lru_cache(maxsize=1)
def _engine():
    import logging

    from rapidocr_onnxruntime import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return RapidOCR()


def engine(file: str):
    """The recogniser, loaded once; a :class:`PlanError` naming the extra when it is not installed."""
    if not available():
        raise PlanError(file, MISSING[0], en=MISSING[1])
    return _engine()


# A year in brackets (the 文号's 〔2024〕) whose closing bracket was read as another one.
_YEAR = re.compile(r"([〔［\[【])(\d{4})[〕］\]】」』)）]")
_CLOSE = {"〔": "〕", "［": "］", "[": "]", "【": "】"}


def _brackets(text: str) -> str:
    """A bracketed year closed by the bracket that opened it.

    Examples
    --------
    >>> _brackets("沪青委〔2024】15号"), _brackets("【2023]")
    ('沪青委〔2024〕15号', '【2023】')
    """
    return _YEAR.sub(lambda m: m.group(1) + m.group(2) + _CLOSE[m.group(1)], text)


# A multiplication sign not between two numbers: the recogniser's reading of the letter X (1环4圈+X).
_TIMES = re.compile(r"(?<![\d.])×|×(?![\d.])")


def _letters(text: str) -> str:
    """The letter X where the recogniser read a multiplication sign that multiplies nothing; no speck read as a dot
    after a Chinese stop.

    Examples
    --------
    >>> _letters("3纵3横+×"), _letters("3×4米"), _letters("打造特色街巷。.")
    ('3纵3横+X', '3×4米', '打造特色街巷。')
    """
    return _TIMES.sub("X", _STRAY.sub("", text))


# A full stop or dot read after a Chinese stop or comma: a speck of the scan (Chinese writes no 。.).
_STRAY = re.compile(r"(?<=[。，、；：！？])[.·]")


def tidy(text: str) -> str:
    """Text put together from the recogniser's characters (a table cell's) cleaned as a box's text is."""
    return _letters(text)


def shown(confidence: float) -> str:
    """A confidence as a warning shows it: two places, rounded down (never 1.00 for what is not sure).

    Examples
    --------
    >>> shown(0.99961), shown(0.5)
    ('0.99', '0.50')
    """
    return f"{int(confidence * 100) / 100:.2f}"


def unsure_notice(line: OcrLine, file: str, at: int, page: int | None):
    """The warning for text OCR was unsure of (at line ``at``): its text, confidence and box, never a fact."""
    from graphmodel.model import Notice

    return Notice(kind="ocr-unsure", file=file, line=at, values={
        "page": page or 1, "text": line.text, "confidence": shown(line.confidence),
        "box": ",".join(str(v) for v in line.box)})


def is_han(ch: str) -> bool:
    """Whether a character is a Han character."""
    return bool(_HAN.match(ch))


def _box(points) -> tuple[int, int, int, int]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys))


def _white(ink_columns, lo: int, hi: int) -> int:
    """The widest run of columns without ink between ``lo`` and ``hi`` (indices into ``ink_columns``)."""
    best = run = 0
    for has_ink in ink_columns[max(lo, 0):max(hi, 0)]:
        run = 0 if has_ink else run + 1
        best = max(best, run)
    return best


def _middles(box, chars) -> list[float]:
    """Each character's middle as the recogniser places it, from the box's left edge (pixels)."""
    return [(min(p[0] for p in c) + max(p[0] for p in c)) / 2 - box[0] for c in chars]


def _pitch(text: str, middles: list[float], height: int) -> float:
    """The advance of one character on a box: the median step between neighbouring Han characters' middles (three
    steps at least), else the box's height (a Han glyph fills its square)."""
    steps = sorted(middles[k] - middles[k - 1] for k in range(1, len(text)) if is_han(text[k - 1]) and is_han(text[k]))
    return steps[len(steps) // 2] if len(steps) >= 3 else float(height)


def _narrowness(ink_columns, middles: list[float], k: int, pitch: float) -> float:
    """How much narrower than the advance the ink of character ``k`` is (pixels, never less than nought): the white
    a narrow glyph (目, 日) leaves beside it is its own, not a space."""
    lo = int(max((middles[k - 1] + middles[k]) / 2 if k else middles[k] - pitch / 2, 0))
    hi = int((middles[k] + middles[k + 1]) / 2 if k + 1 < len(middles) else middles[k] + pitch / 2)
    columns = ink_columns[lo:max(hi, lo)].nonzero()[0]
    width = float(columns[-1] - columns[0] + 1) if len(columns) else pitch
    return max(0.0, _NARROW * pitch - width)


def _spaced(gray, box, text: str, chars) -> str:
    """The text of one box, with a space wherever two Han characters stand further apart on the picture than
    the glyphs of one word (``chars``: each character's box as the recogniser places it); the white beside a glyph
    narrower than its advance counts less by what it lacks."""
    if len(chars) != len(text) or len(text) < 2:
        return text
    x0, top, x1, bottom = box
    height = bottom - top
    ink_columns = (gray[max(top, 0):bottom, max(x0, 0):x1] < _INK).any(axis=0)
    middles = _middles(box, chars)
    pitch = _pitch(text, middles, height)
    out = text[0]
    for k in range(1, len(text)):
        if _HAN.match(text[k - 1]) and _HAN.match(text[k]):
            narrow = (_narrowness(ink_columns, middles, k - 1, pitch) + _narrowness(ink_columns, middles, k, pitch)) / 2
            if _white(ink_columns, int(middles[k - 1]), int(middles[k])) - narrow >= _SPACE_SHARE * height:
                out += " "
        out += text[k]
    return out


def _lost(gray, box, text: str, chars) -> bool:
    """Whether two neighbouring Han characters of a box stand :data:`LOST` advances apart with ink between them
    (no space's white): a character the recogniser dropped."""
    if len(chars) != len(text) or len(text) < 4:
        return False
    x0, top, x1, bottom = box
    ink_columns = (gray[max(top, 0):bottom, max(x0, 0):x1] < _INK).any(axis=0)
    middles = _middles(box, chars)
    pitch = _pitch(text, middles, bottom - top)
    return any(is_han(text[k - 1]) and is_han(text[k]) and middles[k] - middles[k - 1] >= LOST * pitch
               and _white(ink_columns, int(middles[k - 1]), int(middles[k])) < _LOST_WHITE * (bottom - top)
               for k in range(1, len(text)))


# A year in brackets opened by a round bracket and closed by another kind: which of the two is right is not known.
_UNPAIRED = re.compile(r"[（(]\d{4}[〕］\]】」』]")


def _kept(text: str) -> str:
    """The characters of a reading that carry its facts: Han characters, letters and digits."""
    return "".join(ch for ch in text if ch.isalnum())


def _weakest(text: str, probabilities) -> float:
    """The lowest probability of a Han character, letter or digit of a box (1 when there is none)."""
    return min((p for ch, p in zip(text, probabilities) if ch.isalnum()), default=1.0)


def _unread(gray, box, chars) -> bool:
    """Whether ink stands in a box where none of its characters does (:data:`_UNREAD` of the box's height wide at
    least): a character the recogniser dropped (a closing quote at a line's start, 缮 of 修缮). Only marks lying
    wholly inside the box's band count (a stroke reaching out of it is another line's, or a table's rule)."""
    import cv2
    import numpy as np

    if not chars:
        return False
    x0, top, x1, bottom = box
    height = bottom - top
    pad, tol = int(_UNREAD_PAD * height), max(int(_UNREAD_TOL * height), 1)
    left = max(x0 - pad, 0)
    ink = (gray[max(top, 0):bottom, left:x1 + pad] < _INK).astype(np.uint8)
    if ink.size == 0:
        return False
    count, labels, stats, _centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    rows, columns = ink.shape
    inside = np.array([False] + [bool(y > 0 and y + h < rows and x > 0 and x + w < columns)
                                 for x, y, w, h, _area in stats[1:]])
    stray = inside[labels].any(axis=0)
    for c in chars:
        stray[max(int(min(p[0] for p in c)) - left - tol, 0):max(int(max(p[0] for p in c)) - left + tol, 0)] = False
    found = stray.nonzero()[0]
    widest, start = 0, None
    for k, column in enumerate(found):
        if start is None or column - found[k - 1] > tol:
            start = column
        widest = max(widest, column - start + 1)
    return widest >= _UNREAD * height


def _variants(gray, box) -> list[tuple[tuple[int, int, int, int], object]]:
    """A box cut again three ways for a second reading, each with where it stands: tight, with white around it, its
    strokes thinned."""
    import cv2
    import numpy as np

    x0, top, x1, bottom = box
    out = []
    for pad, thinned in ((0, False), ((bottom - top) // 3, False), ((bottom - top) // 6, True)):
        cut = (max(x0 - pad, 0), max(top - pad, 0), x1 + pad, bottom + pad)
        picture = gray[cut[1]:cut[3], cut[0]:cut[2]]
        if picture.size:
            out.append((cut, cv2.dilate(picture, np.ones((2, 2), np.uint8)) if thinned else picture))
    return out


def _again(run, gray, boxes: list[tuple[int, int, int, int]]) -> list[list[tuple]]:
    """Each box read again, cut three ways (:func:`_variants`): for each box its readings, each as :func:`_reading`
    gives one (batched: one call of the recogniser for all)."""
    import numpy as np

    cuts = [(k, cut, picture) for k, box in enumerate(boxes) for cut, picture in _variants(gray, box)]
    out: list[list[tuple]] = [[] for _ in boxes]
    if not cuts:
        return out
    pictures = [np.stack([picture] * 3, axis=-1) for _k, _cut, picture in cuts]
    readings, _elapsed = run.text_rec(pictures, True)
    corners = [np.array([[c[0], c[1]], [c[2], c[1]], [c[2], c[3]], [c[0], c[3]]], dtype=np.float32)
               for _k, c, _p in cuts]
    for (k, _cut, _picture), corner, (text, confidence, chars, _words, probabilities) in zip(
            cuts, corners, run.cal_rec_boxes(pictures, corners, readings)):
        out[k].append(_reading([corner.tolist(), text, confidence, chars, _words, probabilities]))
    return out


def _found_again(text: str, readings: list[tuple]) -> tuple | None:
    """Of a box's readings again, the one that gives back every character of ``text`` (in order) and those the first
    reading dropped, read so by two cuts at least, each character of it read with a probability of :data:`WEAK` at
    least; None when there is none."""
    first = text.replace(" ", "")
    agreed: dict[str, list[tuple]] = {}
    for reading in map(_unspaced, readings):
        again = reading[1]
        if len(again) > len(first) and _within(first, again) and len(reading[4]) == len(again) \
                and _weakest(again, reading[4]) >= WEAK:
            agreed.setdefault(again, []).append(reading)
    best = max(agreed.values(), key=len, default=[])
    return best[0] if len(best) >= 2 else None


def _unspaced(reading: tuple) -> tuple:
    """A reading without the spaces the recogniser read (they are put back from the picture, :func:`_spaced`)."""
    box, text, confidence, chars, probabilities = reading
    kept = [k for k, ch in enumerate(text) if ch != " "]
    chars = [chars[k] for k in kept] if len(chars) == len(text) else chars if len(chars) == len(kept) else []
    return box, "".join(text[k] for k in kept), confidence, chars, [probabilities[k] for k in kept]


def _within(short: str, long: str) -> bool:
    """Whether the characters of ``short`` stand in ``long`` in the same order."""
    rest = iter(long)
    return all(ch in rest for ch in short)


def _doubt(gray, box, text: str, chars, probabilities) -> str:
    """Why a box read at a confidence above :data:`MIN_CONFIDENCE` is still unsure: ``"lone"``, ``"lost"``,
    ``"bracket"``, ``"weak"`` (to be read again), or ``""``."""
    probable = len(probabilities) == len(text)
    if probable and len(_kept(text)) == 1 and len(text.replace(" ", "")) <= 2 and _weakest(text, probabilities) < LONE:
        return "lone"
    if _UNPAIRED.search(text):
        return "bracket"
    if _lost(gray, box, text, chars) or _unread(gray, box, chars):
        return "lost"
    return "weak" if probable and _weakest(text, probabilities) < WEAK else ""


def _lines(pieces: list[tuple[tuple[int, int, int, int], str, float, bool]]) -> list[OcrLine]:
    """Boxes (box, text, confidence, sure) as lines: those whose middles stand at one height, left to right; a line
    is sure when all its boxes are."""
    rows: list[list[tuple[tuple[int, int, int, int], str, float, bool]]] = []
    for piece in sorted(pieces, key=lambda p: (p[0][1] + p[0][3]) / 2):
        box = piece[0]
        middle = (box[1] + box[3]) / 2
        if rows:
            first = rows[-1][0][0]
            if abs(middle - (first[1] + first[3]) / 2) < min(box[3] - box[1], first[3] - first[1]) / 2:
                rows[-1].append(piece)
                continue
        rows.append([piece])
    out = []
    for row in rows:
        row.sort(key=lambda p: p[0][0])
        text, right = "", None
        height = max(p[0][3] - p[0][1] for p in row)
        for box, piece, _confidence, _sure in row:
            if right is not None and box[0] - right > _GAP_SHARE * height:
                text += " "
            text += piece
            right = box[2]
        box = (min(p[0][0] for p in row), min(p[0][1] for p in row), max(p[0][2] for p in row),
               max(p[0][3] for p in row))
        out.append(OcrLine(text, box, min(p[2] for p in row), all(p[3] for p in row)))
    return out


@dataclass(frozen=True)
class Piece:
    """One box the recogniser read: its box (x0, top, x1, bottom, pixels), its text (spaces put back), its
    confidence, each character's box where the recogniser gave one per character (else empty), and whether it is
    sure (a confidence of :data:`MIN_CONFIDENCE` at least and no doubt of :func:`_doubt`; an unsure box's confidence
    is its weakest character's probability)."""

    box: tuple[int, int, int, int]
    text: str
    confidence: float
    chars: tuple[tuple[int, int, int, int], ...] = ()
    sure: bool = True


def recognise(gray, file: str, sealed=None) -> list[Piece]:
    """The boxes of text the recogniser reads on a picture (a 2-D uint8 array, 255 white), in its order; ``sealed``
    (a 2-D bool array, where a seal's red was taken out): a box there read weakly is sure only if two of its cuts read
    it surely (every cut of the ink the seal took misreads it alike).

    Raises
    ------
    PlanError
        If the OCR extra is not installed.
    """
    import numpy as np

    run = engine(file)
    # no turning of single boxes (the recogniser's classifier of upside-down text): a page upside down or on its side
    # must read unsurely, so that the caller turns the whole page (loaders.formats._scan), and keeps its line order
    result, _elapsed = run(np.stack([gray] * 3, axis=-1), use_cls=False, return_word_box=True, text_score=0.0)
    read = [_reading(item) for item in result or []]
    read = [r for r in read if r[1]]
    doubts = [_doubt(gray, box, text, chars, probabilities) if confidence >= MIN_CONFIDENCE else ""
              for box, text, confidence, chars, probabilities in read]
    again = [k for k, d in enumerate(doubts) if d in ("weak", "lost")]
    for k, readings in zip(again, _again(run, gray, [read[k][0] for k in again])):
        if doubts[k] == "weak" and _read_alike(read[k][1], readings, surely=_under(sealed, read[k][0])):
            doubts[k] = ""
        elif doubts[k] == "lost" and (found := _found_again(read[k][1], readings)) is not None:
            read[k] = (read[k][0], *found[1:])
            doubts[k] = _doubt(gray, *read[k][:2], *read[k][3:])
    out = []
    for (box, text, confidence, chars, probabilities), doubt in zip(read, doubts):
        sure = confidence >= MIN_CONFIDENCE and not doubt
        if doubt:
            confidence = min(confidence, _weakest(text, probabilities) if len(probabilities) == len(text) else 1.0)
        text = _spaced(gray, box, text, chars)  # an unsure line's spaces too: the reader reads its structure
        if sure:
            text = _letters(_brackets(text))
        boxes = tuple(_box(c) for c in chars) if len(chars) == len(text.replace(" ", "")) else ()
        out.append(Piece(box, text, confidence, boxes, sure))
    return out


def _reading(item):
    """One box of the recogniser's result as (box, text, confidence, each character's box, each character's
    probability), the text stripped of white space at its ends (and the characters' lists with it)."""
    raw, confidence = str(item[1]), float(item[2])
    chars = list(item[3]) if len(item) > 3 and item[3] else []
    probabilities = list(item[5]) if len(item) > 5 and item[5] else []
    start = len(raw) - len(raw.lstrip())
    text = raw.strip()
    chars = chars[start:start + len(text)] if len(chars) == len(raw) else chars
    probabilities = probabilities[start:start + len(text)] if len(probabilities) == len(raw) else []
    return _box(item[0]), text, confidence, chars, probabilities


def _read_alike(text: str, readings: list[tuple], *, surely: bool) -> bool:
    """Whether every reading again of a box gives its characters (:func:`_kept`) as ``text`` does; ``surely``: and
    two of them read each character with a probability of :data:`WEAK` at least."""
    alike = bool(readings) and all(_kept(r[1]) == _kept(text) for r in readings)
    return alike and (not surely or sum(len(r[4]) == len(r[1]) and _weakest(r[1], r[4]) >= WEAK for r in readings) >= 2)


def _under(sealed, box: tuple[int, int, int, int]) -> bool:
    """Whether a seal's red was taken out inside ``box``."""
    return sealed is not None and bool(sealed[max(box[1], 0):box[3], max(box[0], 0):box[2]].any())


def recognise_line(gray, box: tuple[int, int, int, int], file: str) -> Piece | None:
    """The recogniser's reading of a picture of one line (no detection: a table cell's inside), placed at ``box``;
    None when it reads nothing."""
    import numpy as np

    result, _elapsed = engine(file)(np.stack([gray] * 3, axis=-1), use_det=False, use_cls=False)
    if not result or not str(result[0][0]).strip():
        return None
    text, confidence = str(result[0][0]).strip(), float(result[0][1])
    sure = confidence >= MIN_CONFIDENCE
    return Piece(box, _letters(_brackets(text)) if sure else text, confidence, sure=sure)


def lines_of(pieces: list[Piece]) -> list[OcrLine]:
    """Pieces as lines, top to bottom: those that stand at one height joined, left to right. A line holding a piece
    that is not sure is unsure as a whole (``sure`` False): what is sure of it may be a name cut short.
    """
    lines = _lines([(p.box, p.text, p.confidence, p.sure and p.confidence >= MIN_CONFIDENCE) for p in pieces])
    return sorted(lines, key=lambda line: (line.box[1], line.box[0]))


def read_picture(gray, file: str) -> list[OcrLine]:
    """The lines of text on a picture (a 2-D uint8 array, 255 white), top to bottom.

    Parameters
    ----------
    gray : numpy.ndarray
        The page as gray levels.
    file : str
        The file's name, for the error when the OCR extra is missing.

    Returns
    -------
    list of OcrLine
        Each line's text, box and confidence; boxes under :data:`MIN_CONFIDENCE` come as lines of their own with
        ``sure`` False.

    Raises
    ------
    PlanError
        If the OCR extra is not installed.
    """
    return lines_of(recognise(gray, file))
