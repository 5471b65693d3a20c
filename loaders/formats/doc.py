"""Old Word (.doc) → Source: read natively (:mod:`loaders.formats._msdoc`), else converted to .docx by LibreOffice
when ``soffice`` is on PATH, else a clear message.

A Word 97–2003 file is read by :mod:`~loaders.formats._msdoc` itself, as its .docx would be read. What that reader
does not read with certainty (an encrypted file, Word 6/95's format, text boxes, a structure that does not add up)
is converted by LibreOffice as before. LibreOffice costs most of a second to start, so a batch of documents is converted in one call: :func:`batch`
(used by ``read_plans`` and ``map_plans``) converts every .doc among the files up front, in one
``soffice --headless --convert-to docx --outdir TMP a.doc b.doc …``, and holds the converted files (by the .doc's
content) while the batch is read; the converted files on disk are removed at once. A .doc read outside a batch
(or one the batch could not convert) is converted on its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from graphmodel.errors import PlanError

from ..plan.source import Source
from . import _msdoc, docx

__all__ = ["read_source", "batch", "CONVERT"]

#: The conversion a user can run by hand (FILE is the .doc).
CONVERT = "soffice --headless --convert-to docx FILE"
_TIMEOUT = 120  # seconds LibreOffice may take for one file …
_TIMEOUT_PER_FILE = 10  # … and for each further file of a batch
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# The .docx of each .doc a batch converted, by the .doc's content (sha256); None: the conversion gave nothing.
_converted: dict[str, bytes | None] = {}


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _convert(soffice: str, documents: list[bytes], timeout: float) -> list[bytes | None]:
    """Each document converted to .docx by one LibreOffice call (None: it gave no file for that one)."""
    with tempfile.TemporaryDirectory(prefix="graphmodel-doc-") as tmp:
        sources = []
        for k, data in enumerate(documents):  # numbered names: two files of one name in two folders do not clash
            sources.append(Path(tmp) / f"{k}.doc")
            sources[-1].write_bytes(data)
        out = Path(tmp) / "docx"
        out.mkdir()
        try:
            subprocess.run([soffice, "--headless", "--convert-to", "docx", "--outdir", str(out), *map(str, sources)],
                           capture_output=True, timeout=timeout, cwd=tmp, check=False)
        except (subprocess.SubprocessError, OSError):
            pass  # each file then says it could not be converted
        return [(out / f"{k}.docx").read_bytes() if (out / f"{k}.docx").is_file() else None
                for k in range(len(documents))]


@contextlib.contextmanager
def batch(paths: Iterable[str | Path]) -> Iterator[int]:
    """Convert the old Word files among ``paths`` that the native reader cannot read in one LibreOffice call, for :func:`read_source` to find while the
    context lasts; yields how many were converted. Without ``soffice``, or with fewer than two such files, nothing
    is done (each file is then read, or refused, on its own)."""
    soffice = _soffice()
    found: dict[str, bytes] = {}
    if soffice:
        for path in paths:
            path = Path(path)
            if path.suffix.lower() != ".doc" or not path.is_file():
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue  # the reader names it
            if data.startswith(_OLE) and _key(data) not in _converted and not _msdoc.certain(data):
                found.setdefault(_key(data), data)
    keys = list(found) if len(found) >= 2 else []
    if keys:
        results = _convert(soffice, [found[k] for k in keys], _TIMEOUT + _TIMEOUT_PER_FILE * len(keys))
        if any(r is not None for r in results):  # else the call itself failed: each file tries on its own
            _converted.update(zip(keys, results))
    try:
        yield sum(1 for k in keys if _converted.get(k) is not None)
    finally:
        for key in keys:
            _converted.pop(key, None)


def read_source(data: bytes, file: str) -> Source:
    """Read an old Word file natively; what that reader is unsure of, convert with LibreOffice (``soffice``) and
    read the .docx it gives (converted already when it is one of a :func:`batch`).

    Raises
    ------
    PlanError
        If ``soffice`` is not on PATH (the message names the conversion to run), or the conversion fails.
    """
    try:
        return _msdoc.read_source(data, file)
    except _msdoc.Unsure:
        pass  # converted instead
    command = CONVERT.replace("FILE", Path(file).name)
    key = _key(data)
    if key in _converted:  # converted by the batch's call (None: that call gave nothing for this file)
        converted = _converted[key]
    else:
        soffice = _soffice()
        if not soffice:
            raise PlanError(file, f"是旧版 Word 文件（.doc），无法直接读取；请先转换为 .docx：{command}",
                            en=f"an old Word file (.doc) cannot be read directly; convert it to .docx first: {command}")
        converted = _convert(soffice, [data], _TIMEOUT)[0]
    if converted is None:
        raise PlanError(file, f"旧版 Word 文件（.doc）转换失败；请手工转换为 .docx：{command}",
                        en=f"converting the old Word file (.doc) failed; convert it to .docx by hand: {command}")
    return docx.read_source(converted, file)
