"""A PDF's pages from PDFium (pypdfium2, C++): characters, ruling lines and pictures as pdfplumber's objects.

pdfminer (under pdfplumber) parses each page's content in pure Python, which cost nearly all of a PDF's read
time; PDFium parses it in C++. What it finds is given in pdfplumber's shapes, so that pdfplumber's geometry —
tables found from ruling lines, text lines from characters (:mod:`._pdf_text`) — stays what it was: a character is
a dict with ``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``size`` and ``upright`` in points from the page's top
left as the page is shown (``/Rotate`` applied), a path is split into its subpaths, each a ``line`` (two points), a
``rect`` (four sides, axis-aligned) or a ``curve``, as pdfminer splits them. The objects are walked, and the
characters asked for, through PDFium's own functions (``pypdfium2.raw``), a few calls a character.
"""

from __future__ import annotations

import ctypes
import math
import threading
from functools import cached_property, lru_cache

from pdfplumber.page import Page

__all__ = ["PDFIUM", "PdfiumPage", "open_pdf", "read_page"]

#: Held while a document is open: PDFium is not thread-safe (no two calls at once, even on two documents), so
#: threads of one process that read PDFs (a library user's, or a Dask worker's) read them one at a time.
PDFIUM = threading.Lock()


class PdfiumPage(Page):
    """A pdfplumber page whose objects (``char``, ``line``, ``rect``, ``curve``, ``image``) PDFium found."""

    def __init__(self, number: int, width: float, height: float, rotation: int, objects: dict[str, list[dict]]):
        self.pdf = None
        self.page_obj = None
        self.root_page = self
        self.page_number = number
        self.initial_doctop = 0
        self.rotation = rotation
        self.mediabox = self.cropbox = self.bbox = (0, 0, width, height)
        self._parsed = objects
        self.get_textmap = lru_cache()(self._get_textmap)

    @property
    def objects(self) -> dict[str, list[dict]]:
        return self._parsed

    @cached_property
    def edges(self) -> list[dict]:
        """The edges of the page's lines, rects and curves (pdfplumber's, which finds them anew at each look: the
        table finder and the reader look four times a page)."""
        return super().edges

    @cached_property
    def horizontal_edges(self) -> list[dict]:
        return super().horizontal_edges

    @cached_property
    def vertical_edges(self) -> list[dict]:
        return super().vertical_edges


def open_pdf(data: bytes):
    """The document (a :class:`pypdfium2.PdfDocument`); raises what PDFium raises for a damaged or locked file."""
    import pypdfium2

    return pypdfium2.PdfDocument(data)


def _placer(box: tuple[float, float, float, float], rotation: int):
    """A function from a point of PDF user space to (x, top) on the page as shown, and the shown width, height."""
    x0, y0, x1, y1 = box
    if rotation == 90:
        return (lambda x, y: (y - y0, x - x0)), y1 - y0, x1 - x0
    if rotation == 180:
        return (lambda x, y: (x1 - x, y - y0)), x1 - x0, y1 - y0
    if rotation == 270:
        return (lambda x, y: (y1 - y, x1 - x)), y1 - y0, x1 - x0
    return (lambda x, y: (x - x0, y1 - y)), x1 - x0, y1 - y0


_SKIPPED = "\r\n\x00\ufffe"  # line ends PDFium adds, and what stands for no character


def _chars(raw, textpage, place, height: float, rotation: int, number: int, plain: bool) -> list[dict]:
    """The page's characters as drawn (not the spaces and line ends PDFium adds between words and lines), each a
    dict of ``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``size`` and ``upright`` (what the reader and
    :mod:`._pdf_text` use); ``plain``: every text object is drawn unturned and unmirrored, so no
    character's angle need be asked."""
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
    rect = raw.FS_RECTF()
    box, generated, angle_of = raw.FPDFText_GetLooseCharBox, raw.FPDFText_IsGenerated, raw.FPDFText_GetCharAngle
    size_of = _Sizes(raw, textpage)
    turn = math.radians(rotation)
    full = 2 * math.pi
    upright_all = min(turn, full - turn) < 0.02
    skipped = _SKIPPED
    out: list[dict] = []
    append = out.append
    shift = place(0.0, 0.0) if rotation == 0 else None  # unturned: x less the box's left, top its top less y
    if shift is not None and plain:  # the usual page, in one tight loop: left to right, upright
        return _plain_chars(raw, textpage, text, rect, shift, size_of)
    for i, ch in enumerate(text):
        if ch in skipped or (ch == " " and generated(textpage, i) == 1) or not box(textpage, i, rect):
            continue
        if shift is not None:
            ax, bx, at, bt = rect.left + shift[0], rect.right + shift[0], shift[1] - rect.bottom, shift[1] - rect.top
        else:
            (ax, at), (bx, bt) = place(rect.left, rect.bottom), place(rect.right, rect.top)
        # PDFium's boxes are single precision: rounded to a thousandth of a point, two lines three points apart
        # (a tolerance of pdfplumber's) are so in every reader
        x0, x1 = (round(ax, 3), round(bx, 3)) if ax <= bx else (round(bx, 3), round(ax, 3))
        bottom = round(at, 3) if at >= bt else round(bt, 3)
        if plain:
            upright = upright_all
        else:
            angle = (angle_of(textpage, i) + turn) % full
            upright = min(angle, full - angle) < 0.02
        size = size_of(i)
        if upright:  # as pdfminer: an em high from the descent up (PDFium's top is the glyph's, not the font's)
            top = round(bottom - size, 3)
        else:
            top = round(at, 3) if at <= bt else round(bt, 3)
        append({"text": ch, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "size": size, "upright": upright})
    return out


@lru_cache(maxsize=None)
def _unchecked(raw, name: str, restype):
    """PDFium's function ``name`` called straight, its arguments not checked against its prototype: pypdfium2's
    check of each argument costs more than the call itself, once a character. The arguments must be right: a
    pointer as a ``c_void_p``, a number as an int, a struct by ``byref``. The call keeps Python's lock (these
    calls are short, once a character or object: giving the lock up and taking it back costs more than the call,
    and a thread that gave it up waits for it while another runs Python)."""
    return ctypes.PYFUNCTYPE(restype)(ctypes.cast(getattr(raw, name), ctypes.c_void_p).value)


class _Sizes:
    """Each character's size as pdfminer gives it, the height of an em as drawn: its font's size (``Tf``) times the
    scale its text is drawn at (the text matrix and the forms' and page's transforms). PDFium's own size is the
    ``Tf`` alone: a PDF that sets its text at ``1 Tf`` and scales it by the text matrix, as Acrobat writes them,
    would read one point high (its lines' tops wrong, a gap of a fifth of a point a space). Found once a text
    object: ``sizes[object]``, ``of(index)`` for a character of an object not seen yet."""

    def __init__(self, raw, textpage):
        self.page = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)
        self.object_of = _unchecked(raw, "FPDFText_GetTextObject", ctypes.c_void_p)
        self._font_size = _unchecked(raw, "FPDFText_GetFontSize", ctypes.c_double)
        self._matrix = _unchecked(raw, "FPDFText_GetMatrix", ctypes.c_int)
        self._m = raw.FS_MATRIX()
        self._at_m = ctypes.byref(self._m)
        self.sizes: dict[int | None, float] = {}

    def of(self, index: int) -> float:
        size = self._font_size(self.page, index)
        if self._matrix(self.page, index, self._at_m):
            m = self._m
            scale = m.d if m.b == 0 and m.c == 0 else math.sqrt(abs(m.a * m.d - m.b * m.c))
            size *= abs(scale)
        self.sizes[self.object_of(self.page, index)] = size
        return size

    def __call__(self, index: int) -> float:
        size = self.sizes.get(self.object_of(self.page, index))
        return self.of(index) if size is None else size


def _plain_chars(raw, textpage, text: str, rect, shift, sizes: _Sizes) -> list[dict]:
    """:func:`_chars` on a page unturned whose text is all upright: a character's top and bottom follow from the
    foot of its loose box and its size, the same for every character of a line in one size."""
    box = _unchecked(raw, "FPDFText_GetLooseCharBox", ctypes.c_int)
    generated = _unchecked(raw, "FPDFText_IsGenerated", ctypes.c_int)
    object_of, known, size_of = sizes.object_of, sizes.sizes, sizes.of
    page = sizes.page
    into = ctypes.byref(rect)
    sx, sy = shift
    skipped = _SKIPPED
    out: list[dict] = []
    append = out.append
    foot = size = top = bottom = None  # the last character's foot and size, and the top and bottom they give
    for i, ch in enumerate(text):
        if ch in skipped or (ch == " " and generated(page, i) == 1) or not box(page, i, into):
            continue
        now = known.get(object_of(page, i))
        if now is None:
            now = size_of(i)
        if now != size or rect.bottom != foot:  # a line's characters share their foot and size
            foot, size = rect.bottom, now
            bottom = round(sy - foot, 3)
            top = round(bottom - size, 3)
        append({"text": ch, "x0": rect.left + sx, "x1": rect.right + sx, "top": top, "bottom": bottom,
                "size": size, "upright": True})
    return out


class _Calls:
    """The PDFium functions the walk over a page's objects calls, straight (:func:`_unchecked`): an object is an
    address (an int), handed back as a ``c_void_p``."""

    def __init__(self, raw):
        c_int, c_void_p = ctypes.c_int, ctypes.c_void_p
        for name, restype in (("FPDFPage_CountObjects", c_int), ("FPDFPage_GetObject", c_void_p),
                              ("FPDFPageObj_GetType", c_int), ("FPDFFormObj_CountObjects", c_int),
                              ("FPDFFormObj_GetObject", c_void_p), ("FPDFPageObj_GetMatrix", c_int),
                              ("FPDFPageObj_GetBounds", c_int), ("FPDFTextObj_GetFont", c_void_p),
                              ("FPDFFont_GetIsEmbedded", c_int), ("FPDFPath_GetDrawMode", c_int),
                              ("FPDFPageObj_GetStrokeWidth", c_int), ("FPDFPath_CountSegments", c_int),
                              ("FPDFPath_GetPathSegment", c_void_p), ("FPDFPathSegment_GetPoint", c_int),
                              ("FPDFPathSegment_GetType", c_int), ("FPDFPathSegment_GetClose", c_int)):
            setattr(self, name, _unchecked(raw, name, restype))


@lru_cache(maxsize=None)
def _calls(raw) -> _Calls:
    return _Calls(raw)


def _matrix(call: _Calls, obj, m) -> tuple[float, ...]:
    call.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
    return m.a, m.b, m.c, m.d, m.e, m.f


def _times(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix ``m`` then ``n`` (a point is mapped by ``m`` first)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F


def _subpaths(raw, call: _Calls, obj, matrix) -> list[tuple[list[tuple[float, float]], bool, bool]]:
    """A path's subpaths: each its points in user space, whether it is closed, and whether it holds curves."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    at_x, at_y = ctypes.byref(x), ctypes.byref(y)
    move, bezier = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO
    out: list[tuple[list[tuple[float, float]], bool, bool]] = []
    for k in range(call.FPDFPath_CountSegments(obj)):
        segment = ctypes.c_void_p(call.FPDFPath_GetPathSegment(obj, k))
        call.FPDFPathSegment_GetPoint(segment, at_x, at_y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = call.FPDFPathSegment_GetType(segment)
        if kind == move or not out:
            out.append(([point], False, False))
        else:
            points, _closed, curved = out[-1]
            points.append(point)
            out[-1] = (points, False, curved or kind == bezier)
        if call.FPDFPathSegment_GetClose(segment):
            points, _closed, curved = out[-1]
            out[-1] = (points, True, curved)
    return out
def _shape(points: list[tuple[float, float]], closed: bool, curved: bool) -> str:
    """What pdfminer makes of a subpath: a ``line`` (two points), a ``rect`` (four axis-aligned sides), a ``curve``."""
    if closed and len(points) == 4 or len(points) == 5 and points[0] == points[4]:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[:4]
        if not curved and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                           or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
            return "rect"
    if len(points) == 2 and not curved:
        return "line"
    return "curve"


def _objects(raw, call: _Calls, page):
    """The page's objects, those inside form XObjects too (as pypdfium2's ``get_objects``, 15 levels deep), each
    with its type and the matrices of the forms holding it, innermost first."""
    form = raw.FPDF_PAGEOBJ_FORM
    get_type = call.FPDFPageObj_GetType
    m = raw.FS_MATRIX()

    def walk(holder, count, get, parents, level):
        for k in range(count):
            obj = ctypes.c_void_p(get(holder, k))
            kind = get_type(obj)
            yield obj, kind, parents
            if kind == form and level < 14:
                yield from walk(obj, call.FPDFFormObj_CountObjects(obj), call.FPDFFormObj_GetObject,
                                (_matrix(call, obj, m), *parents), level + 1)

    held = ctypes.c_void_p(ctypes.cast(page, ctypes.c_void_p).value)
    yield from walk(held, call.FPDFPage_CountObjects(held), call.FPDFPage_GetObject, (), 0)


def _paths(raw, page, place, height: float, number: int) -> tuple[list[dict], int, bool, bool]:
    """The page's painted paths as pdfplumber's lines, rects and curves; how many pictures it holds; whether
    all its text objects have a place (PDFium leaves out of its text a character whose glyph it cannot find: of a
    font neither embedded in the file nor installed, such as the standard CJK fonts of Adobe); and whether all
    its text is drawn unturned and unmirrored."""
    call = _calls(raw)
    shapes: list[dict] = []
    images = 0
    placed = plain = True
    fill, stroke, width = ctypes.c_int(), ctypes.c_int(), ctypes.c_float()
    bounds = [ctypes.c_float() for _ in range(4)]
    at_bounds = [ctypes.byref(b) for b in bounds]
    kind_path, kind_image, kind_text = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_TEXT
    no_fill = raw.FPDF_FILLMODE_NONE
    m = raw.FS_MATRIX()
    at_m = ctypes.byref(m)
    for obj, kind, parents in _objects(raw, call, page):
        if kind == kind_image:
            images += 1
            continue
        if kind == kind_text:
            if not _placed(call, obj, bounds, at_bounds):
                return shapes, images, False, plain
            if plain:
                call.FPDFPageObj_GetMatrix(obj, at_m)
                plain = m.b == m.c == 0 and m.a > 0 and m.d > 0 and all(p[1] == p[2] == 0 and p[0] > 0 and p[3] > 0
                                                                        for p in parents)
            continue
        if kind != kind_path:
            continue
        call.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
        if fill.value == no_fill and not stroke.value:
            continue
        matrix = _matrix(call, obj, m)
        for parent in parents:
            matrix = _times(matrix, parent)
        call.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width))
        for points, closed, curved in _subpaths(raw, call, obj, matrix):
            if len(points) >= 2:
                shapes.append(_path_item(_shape(points, closed, curved), [place(px, py) for px, py in points], height,
                                         number, width.value, bool(stroke.value), fill.value != no_fill))
    return shapes, images, placed, plain


def _placed(call: _Calls, obj, bounds, at_bounds) -> bool:
    """A text object has a place, or is blank: its glyphs have a box, or its font is embedded in the file (a text
    object of blank glyphs, spaces, has no box either)."""
    left, bottom, right, top = bounds
    call.FPDFPageObj_GetBounds(obj, *at_bounds)
    return (right.value - left.value > 1e-3 or top.value - bottom.value > 1e-3
            or bool(call.FPDFFont_GetIsEmbedded(ctypes.c_void_p(call.FPDFTextObj_GetFont(obj)))))


def _path_item(kind: str, shown: list[tuple[float, float]], height: float, number: int, linewidth: float,
               stroke: bool, fill: bool) -> dict:
    x0, x1 = min(p[0] for p in shown), max(p[0] for p in shown)
    top, bottom = min(p[1] for p in shown), max(p[1] for p in shown)
    item = {"object_type": kind, "page_number": number, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "doctop": top, "y0": height - bottom, "y1": height - top, "width": x1 - x0, "height": bottom - top,
            "linewidth": linewidth, "stroke": stroke, "fill": fill}
    if kind != "rect":
        item["pts"] = shown
    return item


def read_page(pdf, index: int) -> PdfiumPage | None:
    """Page ``index`` (0-based) of a document :func:`open_pdf` opened, as a pdfplumber page; None if PDFium cannot
    place some of its text (a font neither embedded nor installed): pdfminer reads such a page."""
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        rotation = page.get_rotation() % 360
        place, width, height = _placer(page.get_mediabox(), rotation)
        shapes, images, placed, plain = _paths(raw, page.raw, place, height, index + 1)
        if not placed:
            return None
        textpage = page.get_textpage()
        try:
            chars = _chars(raw, textpage.raw, place, height, rotation, index + 1, plain)
        finally:
            textpage.close()
    finally:
        page.close()
    objects: dict[str, list[dict]] = {"char": chars, "image": [{"object_type": "image"}] * images}
    for shape in shapes:
        objects.setdefault(shape["object_type"], []).append(shape)
    return PdfiumPage(index + 1, width, height, rotation, objects)
