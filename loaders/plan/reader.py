"""One document → a PlanRecord: decode it, split it, and let the first layout that recognises it read it."""

from __future__ import annotations

from graphmodel.model import PlanRecord

from .document import split_document
from .layouts import recognise
from .source import Source, source_from_bytes

__all__ = ["read_plan_bytes", "read_plan_source"]


def read_plan_source(source: Source, file: str) -> PlanRecord:
    """Read one document from its numbered lines (text, or lines a PDF, Word or web reader made).

    Parameters
    ----------
    source : Source
        The document's lines.
    file : str
        The name the evidence will carry.

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
    doc = split_document(source.lines, source.text)
    layout, _recognition = recognise(doc, file)
    return layout.read(doc, file)


def read_plan_bytes(data: bytes, file: str) -> PlanRecord:
    """Read one text document from its bytes (UTF-8, GB18030/GBK, or UTF-16/32 with a BOM).

    Raises
    ------
    PlanError
        If the file is empty, binary, or not a document of a known layout.
    """
    return read_plan_source(source_from_bytes(data, file), file)
