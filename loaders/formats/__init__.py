"""Document formats → :class:`~loaders.plan.source.Source`: one module per format, each ``read_source(data, file)``.

:func:`detect_format` names a file's format from its first bytes (magic) and, where they say
nothing, from its suffix; :func:`reader` gives the module's ``read_source``. Readers are
imported when first used, so reading text never loads pdfplumber, python-docx or lxml.
"""

from __future__ import annotations

import contextlib
import importlib
import re
from collections.abc import Callable
from pathlib import PurePath

from graphmodel.errors import PlanError

from ..plan.source import Source

__all__ = ["FORMATS", "SUFFIXES", "detect_format", "reader", "read_source", "doc_batch"]

#: The formats read, each a module of this package.
FORMATS = ("txt", "pdf", "docx", "odt", "html", "doc", "image")
#: File suffixes (lower case) of the formats; a folder is read for files with these.
SUFFIXES: dict[str, str] = {".txt": "txt", ".pdf": "pdf", ".docx": "docx", ".odt": "odt", ".html": "html",
                            ".htm": "html", ".doc": "doc", ".png": "image", ".jpg": "image", ".jpeg": "image",
                            ".tif": "image", ".tiff": "image"}
# The first bytes of the pictures read by OCR: PNG, JPEG, TIFF (either byte order).
_PICTURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_ODT = b"application/vnd.oasis.opendocument.text"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_MARKUP = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|title|table|div|p|h[1-6])[\s>/]", re.IGNORECASE)


def _zip_kind(data: bytes, suffix: str, file: str) -> str:
    import io
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except Exception:  # a damaged archive: the suffix decides
        names, mimetype = set(), b""
    if "word/document.xml" in names or suffix == ".docx":
        return "docx"
    if mimetype.startswith(_ODT) or suffix == ".odt":  # …opendocument.text (or its template); not a spreadsheet
        return "odt"
    raise PlanError(file, "是 ZIP 压缩包或其他 Office 文件，不是能读取的格式（.txt、.pdf、.docx、.odt、.html）",
                    en="a ZIP archive or another Office file, not a format graphmodel reads (.txt, .pdf, .docx, .odt, .html)")


def detect_format(data: bytes, file: str) -> str:
    """The format of a file: by its first bytes (magic), else by its suffix, else text.

    Parameters
    ----------
    data : bytes
        The file's content.
    file : str
        Its name (the suffix is used when the bytes say nothing).

    Returns
    -------
    str
        One of :data:`FORMATS`.

    Raises
    ------
    PlanError
        If the file is empty, or is a ZIP or Office file that is not a Word or OpenDocument text.

    Examples
    --------
    >>> detect_format(b"%PDF-1.7 ...", "plan.txt"), detect_format(b"<!DOCTYPE html><p>x", "a")
    ('pdf', 'html')
    >>> detect_format("附件 1".encode(), "plan.txt"), detect_format(b"broken", "plan.docx")
    ('txt', 'docx')
    """
    if not data.strip():
        raise PlanError(file, "文件为空", en="the file is empty")
    suffix = PurePath(file).suffix.lower()
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data, suffix, file)
    if data.startswith(_PICTURES):
        return "image"
    if data.startswith(_OLE):
        if _WORD_STREAM in data or suffix == ".doc":
            return "doc"
        raise PlanError(file, "是旧版 Office 文件（不是 Word 文档），不是能读取的格式",
                        en="an old Office file that is not a Word document: not a format graphmodel reads")
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and _MARKUP.search(head):
        return "html"
    return SUFFIXES.get(suffix, "txt")


def reader(kind: str) -> Callable[[bytes, str], Source]:
    """The ``read_source`` function of a format (imported on first use).

    Examples
    --------
    >>> reader("txt")("附件".encode(), "a.txt").lines[0].text
    '附件'
    """
    if kind not in FORMATS:
        raise ValueError(f"unknown format {kind!r}; known: {', '.join(FORMATS)}")
    return importlib.import_module(f"{__name__}.{kind}").read_source


def read_source(data: bytes, file: str) -> Source:
    """Read any supported document into numbered lines: the format as :func:`detect_format` finds it.

    Raises
    ------
    PlanError
        If the file is empty, of an unsupported kind, damaged, encrypted, a scan without text, or holds no text.
    """
    return reader(detect_format(data, file))(data, file)


def doc_batch(paths) -> contextlib.AbstractContextManager:
    """A context in which the old Word files (.doc) among ``paths`` are converted already, by one LibreOffice call
    (:func:`loaders.formats.doc.batch`); nothing to do (and nothing imported) for fewer than two."""
    paths = list(paths)
    if sum(1 for p in paths if PurePath(p).suffix.lower() == ".doc") < 2:
        return contextlib.nullcontext(0)
    from .doc import batch

    return batch(paths)
