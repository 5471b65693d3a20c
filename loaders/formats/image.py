"""A picture of a document (.png, .jpg, .tif: a scan, a photo of a page) → Source, its text read by OCR.

Each picture (each frame of a multi-page TIFF) is a page: a seal's red taken out and the page straightened, its ruled
tables read as rows of cells, its other lines rebuilt from the recogniser's boxes with the spaces inside a line put
back (:mod:`loaders.formats._scan`, :mod:`loaders.formats._ocr`), numbered through the file, each with its ``page``,
box and confidence.
Text the recogniser was unsure of is a warning naming its line, box and confidence, never a fact; a notice says
the file was read by OCR and the lowest confidence of what was read.
"""

from __future__ import annotations

import io

from graphmodel.errors import PlanError
from graphmodel.model import Notice

from ..plan.source import Source
from . import _ocr as ocr
from ._lines import LineBuilder
from ._scan import read_scan

__all__ = ["read_source"]

_MAX_PIXELS = 60_000_000  # a page at 600 dpi is 35 million pixels; more is no page


def _pages(data: bytes, file: str):
    """Each frame of the picture in colour (an RGB uint8 array: a seal's red is told from ink)."""
    import numpy as np
    from PIL import Image, ImageSequence

    try:
        picture = Image.open(io.BytesIO(data))
        if picture.width * picture.height > _MAX_PIXELS:
            raise ValueError("too large")
        frames = [np.asarray(frame.convert("RGB")) for frame in ImageSequence.Iterator(picture)]
    except Exception:  # PIL raises many kinds for a damaged or unknown picture
        raise PlanError(file, "不是有效的图片文件（已损坏、不完整或过大）",
                        en="not a valid picture file (damaged, incomplete or too large)") from None
    return frames


def read_source(data: bytes, file: str) -> Source:
    """Read the text on a picture by OCR into numbered lines.

    Parameters
    ----------
    data : bytes
        The picture file's content (PNG, JPEG or TIFF; a TIFF may hold several pages).
    file : str
        The name the evidence will carry.

    Returns
    -------
    Source
        Lines top to bottom, each with its ``page`` (the frame, 1-based); notices: the OCR read, and the text it
        was unsure of.

    Raises
    ------
    PlanError
        If the OCR extra is not installed, the picture is damaged, or no text is found on it.
    """
    if not ocr.available():
        raise PlanError(file, ocr.MISSING[0], en=ocr.MISSING[1])
    out = LineBuilder(file)
    notices: list[Notice] = []
    lowest, pages, tables = 1.0, [], 0
    for number, rgb in enumerate(_pages(data, file), start=1):
        scan = read_scan(rgb, file)
        items = [(line.box[1], 0, line) for line in scan.lines] + [(line.box[1], 2, line) for line in scan.unsure]
        items += [(table.box[1], 1, table) for table in scan.tables]
        for _top, kind, item in sorted(items, key=lambda item: (item[0], item[1])):
            if kind == 1:
                tables += 1
                read = _table(out, item, tables, number, notices)
            elif kind == 2:  # text OCR was unsure of in a table but in none of its cells: a warning
                notices.append(ocr.unsure_notice(item, file, len(out.lines) + 1, number))
                continue
            elif not item.sure:  # a line OCR was unsure of: a warning naming it; its structure read, no fact from it
                notices.append(ocr.unsure_notice(item, file, len(out.lines) + 1, number))
                out.text(item.text, number, box=item.box, confidence=item.confidence, unsure=True)
                read = lowest  # the page's confidence is that of what it gives as facts
            else:
                out.text(item.text, number, box=item.box, confidence=item.confidence)
                read = item.confidence
            lowest = min(lowest, read)
            if number not in pages:
                pages.append(number)
    if out.lines:
        notices.insert(0, Notice(kind="ocr-pages", file=file, values={
            "pages": [str(n) for n in pages], "confidence": ocr.shown(lowest)}))
    return out.source("ocr", "图片中没有识别出文字", "OCR found no text on the picture", notices)


def _table(out: LineBuilder, table, number: int, page: int, notices: list[Notice]) -> float:
    """Add a scanned table's rows as rows of cells, a warning naming each row's cells read unsurely; the lowest
    confidence of what they hold."""
    lowest = 1.0
    for k, (cells, box, confidence, unsure) in enumerate(zip(table.rows, table.row_boxes, table.row_confidence,
                                                             table.row_unsure), start=1):
        if out.row(list(cells), number, k, page, box=box, confidence=confidence, unsure=tuple(sorted(unsure))):
            lowest = min(lowest, confidence)
            notices += [ocr.unsure_notice(unsure[c], out.file, len(out.lines), page) for c in sorted(unsure)]
    return lowest
