"""The task-division document in prose (任务分工方案 as text): numbered tasks, each saying who does it.

No table: each numbered item ends with its assignment in brackets (（牵头单位：…；配合单位：…）,
（区发改委牵头，区财政局配合）) or on lines of its own (责任单位：…); :mod:`loaders.plan.task_list` reads them.
A preamble (the 印发 notice) and a signature frame the list, as for a task table.
"""

from __future__ import annotations

from graphmodel.errors import PlanError
from graphmodel.model import PlanRecord

from ..document import Document
from ..leading_group import read_leading_group
from ..assignment import LABELS
from ..task_list import read_task_list
from .base import Recognition
from .task_division import division_record

__all__ = ["TaskList", "LAYOUT"]


class TaskList:
    """A document whose numbered tasks name, in words, their responsible or cooperating units or their lead.

    Recognised when the document lists no leading group and at least two numbered items name who does
    them (or one, by a label: 牵头单位：…, or in two roles: 甲局牵头，乙局配合), at least half of the items of the
    parts that hold such items.
    """

    name = "task-list"
    looks_for = "任务分工方案（文字）：编号的任务各自写明牵头单位、责任单位、配合单位或责任领导"
    looks_for_en = ("a task-division document in prose: numbered tasks, each naming its responsible or cooperating "
                    "units or its lead")

    def recognise(self, doc: Document) -> Recognition | None:
        result = read_task_list(doc.lines)
        if result is None:
            return None
        assigned = [t for t in result.tasks if t.responsible or t.cooperating or t.leads]
        labelled = [t for t in assigned if any(m.as_written in LABELS for m in t.leads + t.responsible + t.cooperating)
                    or t.responsible and t.cooperating]
        if not (len(assigned) >= 2 or labelled) or 2 * len(assigned) < len(result.tasks):
            return None  # one task naming its units by a label (牵头单位：…), or in two roles, is as sure as two
        if read_leading_group(doc.lines)[0]:
            return None
        return Recognition(self.name, f"{len(assigned)}项写明责任单位的编号任务", assigned[0].line,
                           f"{len(assigned)} numbered tasks naming who does them")

    def read(self, doc: Document, file: str) -> PlanRecord:
        result = read_task_list(doc.lines)  # it reads where the document says the unit listed first leads
        if result is None:
            raise PlanError(file, "任务分工方案里没有读到写明责任单位的编号任务",
                            en="a task-division document, but no numbered task naming its units")
        first = min([t.line for t in result.tasks] + [g.line for g in result.goals])
        last = max(no for t in result.tasks for _, no in t.offsets or ((0, t.line),))
        return division_record(doc, file, self.name, result, (first, last), has_task_table=False)


LAYOUT = TaskList()
