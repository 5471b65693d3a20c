"""No fact on a line OCR read unsurely.

A line the recogniser was unsure of (a character dropped, one read weakly and read otherwise when cut again, a box
under the confidence threshold) is kept among the document's lines, flagged ``unsure``, so that the reader reads the
document's structure as written: the ``组长：`` whose name is unsure still makes the next line's official a 组长, the
leading group's list still opens, the table still follows its heading. What stands on such a line is dropped here,
after the layout has read the document and before names are resolved: an official, a member unit, a team, a goal,
an attachment or a street named there, a name a task gives there, the 文号 read there, and a task any of whose text
stands there (its text may be read wrong) or that would be left with nobody doing it (an audit would find it
unassigned, which the document does not say). The warning naming the line is the format reader's (``ocr-unsure``).

A row of a scanned table may hold a cell read so: the row is still a row of its own (read empty, it would read as
the row above going on, and its names would go to that row's task), and what stands on that cell is dropped: a
name read from it, a goal it names, and the row's task unless the cell only gave names of the task (its number,
its text or a name it lost may be read wrong); an official, a unit, a street or an attachment read from such a row.
"""

from __future__ import annotations

from graphmodel.model import GoalRecord, PlanRecord, TaskRecord, TeamRecord

__all__ = ["without_unsure"]


def without_unsure(record: PlanRecord, unsure: dict[int, str],
                   cells: dict[int, dict[int, str]] | None = None) -> PlanRecord:
    """``record`` without the facts that stand on the lines ``unsure`` (line number → text) or on the table cells
    ``cells`` read unsurely (line number → column, 1-based → text); a goal's description that runs on into such a
    line is cut where it begins (read short).

    Examples
    --------
    >>> from graphmodel.model import OfficialRecord, PlanMeta
    >>> meta = PlanMeta(subdistrict="和平街道", title="方案", title_line=1, number="和委〔2024〕1号", number_line=2)
    >>> record = PlanRecord(file="a.pdf", meta=meta, officials=(
    ...     OfficialRecord(name="王小明", role="组长", titles=(), line=3),
    ...     OfficialRecord(name="李四", role="组长", titles=(), line=4)))
    >>> kept = without_unsure(record, {2: "和委（2024】1号", 3: "组长：王小明"})
    >>> [o.name for o in kept.officials], kept.meta.number
    (['李四'], None)
    """
    cells = cells or {}
    if not unsure and not cells:
        return record
    rows = unsure | {no: "" for no in cells}  # a line a record without a cell of its own stands on wholly
    goals = tuple(_sure_goal(g, unsure) for g in record.goals
                  if g.line not in unsure and not _in_cells(g.name, cells.get(g.line, {})))
    lost_goals = {g.name for g in record.goals} - {g.name for g in goals}
    goals = tuple(g.model_copy(update={"parent": None}) if g.parent in lost_goals else g for g in goals)
    kept: list[int] = []  # the indices of the tasks kept, in order
    tasks: list[TaskRecord] = []
    for k, task in enumerate(record.tasks):
        if (task := _sure_task(task, unsure, cells, lost_goals)) is not None:
            kept.append(k)
            tasks.append(task)
    index = {old: new for new, old in enumerate(kept)}
    streets = tuple(s.model_copy(update={"task": index[s.task]} if s.task is not None else {})
                    for s in record.streets
                    if s.line not in rows and (s.task is None or s.task in index) and s.goal not in lost_goals)
    meta = record.meta
    if meta.number_line in unsure:
        meta = meta.model_copy(update={"number": None, "number_line": None})
    return record.model_copy(update={
        "meta": meta,
        "officials": _sure(record.officials, rows),
        "collective_members": _sure(record.collective_members, rows),
        "member_units": _sure(record.member_units, rows),
        "teams": tuple(_sure_team(t, rows) for t in _sure(record.teams, rows)),
        "goals": goals,
        "tasks": tuple(tasks),
        "streets": streets,
        "attachments": _sure(record.attachments, rows),
    })


def _sure_goal(goal: GoalRecord, unsure: dict[int, str]) -> GoalRecord:
    """The goal with its description cut where the text of a line read unsurely begins in it."""
    cuts = [goal.description.find(head) for text in unsure.values()
            if len(head := "".join(text.split())[:8]) >= 4 and head in goal.description]
    return goal.model_copy(update={"description": goal.description[:min(cuts)].rstrip()}) if cuts else goal


def _sure(items: tuple, unsure) -> tuple:
    """The items (records, mentions: each with its ``line``) that stand on no unsure line."""
    return tuple(item for item in items if item.line not in unsure)


def _sure_team(team: TeamRecord, unsure) -> TeamRecord:
    return team.model_copy(update={
        "leads": _sure(team.leads, unsure), "deputies": _sure(team.deputies, unsure),
        "members": _sure(team.members, unsure), "holders": _sure(team.holders, unsure),
        "seat": team.seat if team.seat is None or team.seat.line not in unsure else None})


def _in_cells(name: str, cells: dict[int, str]) -> bool:
    """Whether ``name`` is read from one of ``cells`` (column → text read unsurely)."""
    bare = "".join(name.split())
    return any(bare and bare in "".join(text.split()) for text in cells.values())


def _sure_mentions(mentions: tuple, unsure, cells: dict[int, dict[int, str]]) -> tuple:
    """The names that stand on no unsure line and on no cell read unsurely (a name of a row without its cell
    given, on such a row, is dropped too)."""
    return tuple(m for m in mentions if m.line not in unsure
                 and not (m.line in cells and (m.cell is None or m.cell in cells[m.line])))


def _sure_task(task: TaskRecord, unsure, cells: dict[int, dict[int, str]], lost_goals: set[str]) -> TaskRecord | None:
    """The task without the names it gives on unsure lines or cells; None if its text stands on one, a cell of its
    row read unsurely gave none of its names, or nobody is left."""
    if task.line in unsure or any(line in unsure for _offset, line in task.offsets):
        return None
    named = {(m.line, m.cell) for role in ("leads", "responsible", "cooperating") for m in getattr(task, role)}
    for line in {task.line, *(line for _offset, line in task.offsets)} & cells.keys():
        if any((line, column) not in named for column in cells[line]):
            return None
    roles = {role: _sure_mentions(getattr(task, role), unsure, cells) for role in ("leads", "responsible", "cooperating")}
    if any(getattr(task, role) for role in roles) and not any(roles.values()):
        return None
    update: dict = dict(roles)
    if task.goal is not None and (task.goal_line in unsure or task.goal in lost_goals):
        update |= {"goal": None, "goal_line": None}
    return task.model_copy(update=update)
