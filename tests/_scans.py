"""Scans made for the OCR tests: a PDF drawn by reportlab, each page rasterised by PDFium, as a scanner gives it.

:func:`scan` puts the pictures into a PDF of pictures only (no text layer), optionally with what a real scan
carries: a red seal (公章) stamped over the issuer's name, speckle noise, and the sheet fed askew. Everything is
drawn from a fixed seed, so a scan is the same on every run.
"""

from __future__ import annotations

import io
import math

__all__ = ["pictures", "scan", "seal"]


def pictures(pdf: bytes, dpi: int) -> list:
    """Each page of a PDF as an RGB picture (PIL) at ``dpi``."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [document[k].render(scale=dpi / 72, rev_byteorder=True).to_pil().convert("RGB")
                for k in range(len(document))]
    finally:
        document.close()


def _place(pdf: bytes, text: str, dpi: int) -> tuple[int, tuple[int, int, int, int]] | None:
    """The page (0-based) and box (pixels at ``dpi``) where ``text`` is printed in the PDF's text layer."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        for k in range(len(document)):
            textpage = document[k].get_textpage()
            height = document[k].get_height()
            searcher = textpage.search(text)
            found = searcher.get_next()
            if found:
                start, count = found
                boxes = [textpage.get_charbox(i) for i in range(start, start + count)]
                scale = dpi / 72
                return k, (int(min(b[0] for b in boxes) * scale), int((height - max(b[3] for b in boxes)) * scale),
                           int(max(b[2] for b in boxes) * scale), int((height - min(b[1] for b in boxes)) * scale))
    finally:
        document.close()
    return None


def seal(picture, box: tuple[int, int, int, int], font) -> None:
    """Stamp a red seal over ``box``: a ring, a star and a name in the ring, in the red of a stamp pad, laid over
    the print as ink over ink (multiplied: the print shows through as dark as it is)."""
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    x = (box[0] + box[2]) // 2
    y = (box[1] + box[3]) // 2
    radius = int((box[3] - box[1]) * 2.6)
    layer = Image.new("RGB", picture.size, (255, 255, 255))
    draw = ImageDraw.Draw(layer)
    red = (215, 30, 40)
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=red, width=max(radius // 12, 3))
    star = [(x + radius * 0.3 * (1.0 if k % 2 == 0 else 0.4) * math.cos(math.pi / 2 + k * math.pi / 5),
             y - radius * 0.3 * (1.0 if k % 2 == 0 else 0.4) * math.sin(math.pi / 2 + k * math.pi / 5)) for k in range(10)]
    draw.polygon(star, fill=red)
    if font is not None:
        face = ImageFont.truetype(str(font), max(radius // 4, 10))
        draw.text((x, y + radius * 0.55), "专用章", font=face, fill=red, anchor="mm")
        draw.text((x, y - radius * 0.6), "街道办事处", font=face, fill=red, anchor="mm")
    picture.paste(ImageChops.multiply(picture.convert("RGB"), layer))


def _noise(picture, seed: int):
    """Speckle (dark and light dots, one pixel in four hundred) and grain, as a scanner's glass gives."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    pixels = np.asarray(picture).astype(np.int16)
    pixels += rng.normal(0, 8, pixels.shape[:2])[..., None].astype(np.int16)
    dots = rng.random(pixels.shape[:2])
    pixels[dots < 0.0025] = 40
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def scan(pdf: bytes, dpi: int, *, stamp: str | None = None, font=None, noise: bool = False, skew: float = 0.0,
         seed: int = 7) -> bytes:
    """A PDF of pictures only: each page of ``pdf`` rasterised at ``dpi`` (JPEG inside, as scanners write),
    with a red seal over the printed ``stamp`` text, noise and a turn of ``skew`` degrees if asked."""
    pages = pictures(pdf, dpi)
    where = _place(pdf, stamp, dpi) if stamp else None
    if where is not None:
        seal(pages[where[0]], where[1], font)
    out = []
    for k, page in enumerate(pages):
        if noise:
            page = _noise(page, seed + k)
        if skew:
            page = page.rotate(skew, expand=True, fillcolor=(255, 255, 255), resample=3)
        out.append(page)
    buf = io.BytesIO()
    out[0].save(buf, "PDF", save_all=True, append_images=out[1:], resolution=float(dpi), quality=90)
    return buf.getvalue()
