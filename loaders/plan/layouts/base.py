"""What every layout offers: recognise a document, then read it into a PlanRecord."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from graphmodel.model import PlanRecord

from ..document import Document

__all__ = ["Recognition", "Layout"]


@dataclass(frozen=True, slots=True)
class Recognition:
    """What a layout recognised in a document, and where.

    ``what`` says it in Chinese (``what_en`` in English), e.g. the title it found;
    ``line`` is the line it stands on.
    """

    layout: str
    what: str
    line: int
    what_en: str = ""


@runtime_checkable
class Layout(Protocol):
    """A document layout of the family (an action plan, a 领导小组 notice, a task table …).

    ``name`` is its short English name; ``looks_for`` / ``looks_for_en`` say what it
    recognises, for the message when no layout recognises a document.
    """

    name: str
    looks_for: str
    looks_for_en: str

    def recognise(self, doc: Document) -> Recognition | None:
        """Return what makes ``doc`` a document of this layout, or None."""

    def read(self, doc: Document, file: str) -> PlanRecord:
        """Read a recognised document into a PlanRecord (raises PlanError when it holds nothing to read)."""
