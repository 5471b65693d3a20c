"""The layouts of the document family, tried in order: the first that recognises a document reads it.

Adding a layout is adding a module here (a class with ``name``, ``looks_for``,
``looks_for_en``, ``recognise(doc)`` and ``read(doc, file)``, see :class:`Layout`)
and one line in :data:`LAYOUTS`. Put a layout before those whose recognition it
would also pass (a 领导小组 notice names a 镇 in its title, as a 镇's plan does).
"""

from __future__ import annotations

from graphmodel.errors import PlanError

from ..document import Document
from . import action_plan, leading_group_notice, task_division, task_list
from .base import Layout, Recognition

__all__ = ["LAYOUTS", "Layout", "Recognition", "recognise"]

#: The layouts, in the order they are tried.
LAYOUTS: list[Layout] = [
    leading_group_notice.LAYOUT,
    task_division.LAYOUT,
    task_list.LAYOUT,
    action_plan.LAYOUT,
]


def recognise(doc: Document, file: str, layouts: list[Layout] | None = None) -> tuple[Layout, Recognition]:
    """Return the first layout that recognises ``doc``, with what it recognised.

    Raises
    ------
    PlanError
        If no layout recognises the document; the message says what each looked for.
    """
    layouts = LAYOUTS if layouts is None else layouts
    for layout in layouts:
        found = layout.recognise(doc)
        if found is not None:
            return layout, found
    raise PlanError(
        file,
        "不是可读的责任文件，没有认出它的版式；找过：" + "；".join(layout.looks_for for layout in layouts),
        en="no known layout recognised this document; looked for: " + "; ".join(l.looks_for_en for l in layouts),
    )
