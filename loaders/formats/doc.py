"""Old Word (.doc) → Source: converted to .docx by LibreOffice when ``soffice`` is on PATH, else a clear message."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from graphmodel.errors import PlanError

from ..plan.source import Source
from . import docx

__all__ = ["read_source", "CONVERT"]

#: The conversion a user can run by hand (FILE is the .doc).
CONVERT = "soffice --headless --convert-to docx FILE"
_TIMEOUT = 120  # seconds LibreOffice may take for one file


def read_source(data: bytes, file: str) -> Source:
    """Convert an old Word file with LibreOffice (``soffice``) and read the .docx it gives.

    Raises
    ------
    PlanError
        If ``soffice`` is not on PATH (the message names the conversion to run), or the conversion fails.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    command = CONVERT.replace("FILE", Path(file).name)
    if not soffice:
        raise PlanError(file, f"是旧版 Word 文件（.doc），无法直接读取；请先转换为 .docx：{command}",
                        en=f"an old Word file (.doc) cannot be read directly; convert it to .docx first: {command}")
    with tempfile.TemporaryDirectory(prefix="graphmodel-doc-") as tmp:
        source = Path(tmp) / "plan.doc"
        source.write_bytes(data)
        try:
            subprocess.run(
                [soffice, "--headless", "--convert-to", "docx", "--outdir", tmp, str(source)],
                check=True, capture_output=True, timeout=_TIMEOUT, cwd=tmp,
            )
            converted = (Path(tmp) / "plan.docx").read_bytes()
        except (subprocess.SubprocessError, OSError):
            raise PlanError(file, f"旧版 Word 文件（.doc）转换失败；请手工转换为 .docx：{command}",
                            en=f"converting the old Word file (.doc) failed; convert it to .docx by hand: {command}") from None
    return docx.read_source(converted, file)
