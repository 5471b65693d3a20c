"""Text read from a page's picture by OCR (rapidocr-onnxruntime: PP-OCRv4, its models inside the wheel, offline).

The recogniser gives boxes of text, each with its text and a confidence. A page's lines are rebuilt from them:
boxes whose middles stand at one height are one line, left to right; between two boxes of a line goes a space
when the white between them is wider than a third of the line's height. The recogniser leaves out the spaces
inside a box (``组长：汪晓晨党工委书记``), which are what part a name from a title, so they are put back from the
picture: two Han characters (whose glyphs fill their square) with white between their ink wider than a quarter of the
line's height (less a little: a glyph's side bearings) have a space between them. A closing bracket the
recogniser mistook (〔2024】) is the one that closes the bracket opened. A box read with a confidence under :data:`MIN_CONFIDENCE` is not text:
the caller warns of it (its text, box and confidence) and reads no fact from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graphmodel.errors import PlanError

__all__ = ["DPI", "MIN_CONFIDENCE", "OcrLine", "Piece", "available", "is_han", "lines_of", "read_picture", "recognise",
           "recognise_line", "shown", "unsure_notice"]

#: Pages of a PDF are rendered at this resolution for OCR (dots per inch).
DPI = 300
#: Text the recogniser is less sure of than this is a warning, never a fact.
MIN_CONFIDENCE = 0.8
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACE_SHARE = 0.235  # white between two Han glyphs wider than this share of the line's height: a space
_GAP_SHARE = 0.33  # white between two boxes of a line wider than this share of its height: a space
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
    """The letter X where the recogniser read a multiplication sign that multiplies nothing.

    Examples
    --------
    >>> _letters("3纵3横+×"), _letters("3×4米")
    ('3纵3横+X', '3×4米')
    """
    return _TIMES.sub("X", text)


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


def _spaced(gray, box, text: str, chars) -> str:
    """The text of one box, with a space wherever two Han characters stand further apart on the picture than
    the glyphs of one word (``chars``: each character's box as the recogniser places it)."""
    if len(chars) != len(text) or len(text) < 2:
        return text
    x0, top, x1, bottom = box
    height = bottom - top
    ink_columns = (gray[max(top, 0):bottom, max(x0, 0):x1] < _INK).any(axis=0)
    middles = [(min(p[0] for p in c) + max(p[0] for p in c)) / 2 - x0 for c in chars]
    out = text[0]
    for k in range(1, len(text)):
        if _HAN.match(text[k - 1]) and _HAN.match(text[k]) \
                and _white(ink_columns, int(middles[k - 1]), int(middles[k])) >= _SPACE_SHARE * height:
            out += " "
        out += text[k]
    return out


def _lines(pieces: list[tuple[tuple[int, int, int, int], str, float]]) -> list[OcrLine]:
    """Boxes (box, text, confidence) as lines: those whose middles stand at one height, left to right."""
    rows: list[list[tuple[tuple[int, int, int, int], str, float]]] = []
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
        for box, piece, _confidence in row:
            if right is not None and box[0] - right > _GAP_SHARE * height:
                text += " "
            text += piece
            right = box[2]
        box = (min(p[0][0] for p in row), min(p[0][1] for p in row), max(p[0][2] for p in row),
               max(p[0][3] for p in row))
        out.append(OcrLine(text, box, min(p[2] for p in row)))
    return out


@dataclass(frozen=True)
class Piece:
    """One box the recogniser read: its box (x0, top, x1, bottom, pixels), its text (spaces put back), its
    confidence, and each character's box where the recogniser gave one per character (else empty)."""

    box: tuple[int, int, int, int]
    text: str
    confidence: float
    chars: tuple[tuple[int, int, int, int], ...] = ()


def recognise(gray, file: str) -> list[Piece]:
    """The boxes of text the recogniser reads on a picture (a 2-D uint8 array, 255 white), in its order.

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
    out = []
    for item in result or []:
        points, text, confidence = item[0], str(item[1]).strip(), float(item[2])
        if not text:
            continue
        box = _box(points)
        chars = item[3] if len(item) > 3 and item[3] else []
        if confidence >= MIN_CONFIDENCE:
            text = _letters(_brackets(_spaced(gray, box, text, chars)))
        boxes = tuple(_box(c) for c in chars) if len(chars) == len(text.replace(" ", "")) else ()
        out.append(Piece(box, text, confidence, boxes))
    return out


def recognise_line(gray, box: tuple[int, int, int, int], file: str) -> Piece | None:
    """The recogniser's reading of a picture of one line (no detection: a table cell's inside), placed at ``box``;
    None when it reads nothing."""
    import numpy as np

    result, _elapsed = engine(file)(np.stack([gray] * 3, axis=-1), use_det=False, use_cls=False)
    if not result or not str(result[0][0]).strip():
        return None
    text, confidence = str(result[0][0]).strip(), float(result[0][1])
    return Piece(box, _letters(_brackets(text)) if confidence >= MIN_CONFIDENCE else text, confidence)


def lines_of(pieces: list[Piece]) -> list[OcrLine]:
    """Pieces as lines, top to bottom: those that stand at one height joined, left to right. A line holding a piece
    under :data:`MIN_CONFIDENCE` is unsure as a whole (``sure`` False): what is sure of it may be a name cut short.
    """
    lines = _lines([(p.box, p.text, p.confidence) for p in pieces])
    return sorted((line if line.confidence >= MIN_CONFIDENCE else OcrLine(line.text, line.box, line.confidence, False)
                   for line in lines), key=lambda line: (line.box[1], line.box[0]))


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
