"""One document → a PlanRecord: decode it, split it, and let the first layout that recognises it read it."""

from __future__ import annotations

from dataclasses import replace

from graphmodel.errors import PlanError
from graphmodel.model import PlanRecord

from .document import split_document
from .layouts import recognise
from .pinyin import GLOSS, with_pinyin, without_pinyin
from .source import Source, source_from_bytes
from .unsure import without_unsure

__all__ = ["read_plan_bytes", "read_plan_source"]


def read_plan_source(source: Source, file: str, *, issuer: str | None = None) -> PlanRecord:
    """Read one document from its numbered lines (text, or lines a PDF, Word or web reader made).

    Parameters
    ----------
    source : Source
        The document's lines.
    file : str
        The name the evidence will carry.
    issuer : str, optional
        The issuing body to use when the document names none (``--issuer``); the document's own word
        comes first. Without either, the file's name stands for it, with a warning.

    Returns
    -------
    PlanRecord
        What the document says, names as written, every fact with its line; ``layout``
        names the layout that read it.

    Raises
    ------
    PlanError
        If no layout recognises the document, or the recognised layout finds nothing to read.
    """
    glossed = {}
    if (plain := without_pinyin(source)) is not None:  # 鎮(zhèn): read without the mirror's glosses, named with them
        glossed = {ln.no: ln.text for ln in source.lines if GLOSS.search(ln.text)}
        source = plain
    doc = replace(split_document(source.lines, source.text), given_issuer=issuer)
    try:
        layout, _recognition = recognise(doc, file)
        record = layout.read(doc, file)
    except PlanError as exc:
        if not source.notices:
            raise
        # what the format reader could not read surely is the likely cause: say it too
        from graphmodel.labels import NOTICES

        why = [NOTICES[n.kind](lang, **n.values) for lang in ("zh", "en") for n in source.notices[:1]]
        raise PlanError(exc.file, f"{exc.reason}（{why[0]}）", exc.line,
                        en=f"{exc.reason_en or exc.reason} ({why[1]})") from None
    unsure = {ln.no: ln.text for ln in source.lines if ln.unsure}
    cells = {ln.no: {c + 1: ln.cells[c] for c in ln.unsure_cells} for ln in source.lines if ln.unsure_cells}
    if unsure or cells:
        record = without_unsure(record, unsure, cells)
    if source.notices:
        record = record.model_copy(update={"warnings": (*source.notices, *record.warnings)})
    return with_pinyin(record, glossed) if glossed else record


def read_plan_bytes(data: bytes, file: str, *, issuer: str | None = None) -> PlanRecord:
    """Read one text document from its bytes (UTF-8, GB18030/GBK, or UTF-16/32 with a BOM).

    Raises
    ------
    PlanError
        If the file is empty, binary, or not a document of a known layout.
    """
    return read_plan_source(source_from_bytes(data, file), file, issuer=issuer)
