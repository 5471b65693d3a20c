"""One plan file → a PlanRecord: runs the section readers in document order."""

from __future__ import annotations

import re

from graphmodel.errors import PlanError
from graphmodel.model import Attachment, GoalRecord, PlanRecord, TaskRecord

from .actions import read_actions
from .document import Joined, split_document
from .goals import read_main_goals
from .header import read_header
from .leading_group import read_leading_group, read_teams
from .places import find_streets
from .source import Line, source_from_bytes
from .task_table import find_table, read_task_table

__all__ = ["read_plan_bytes"]

_ACTION_SECTION = ("具体行动", "行动安排", "行动方案", "重点任务", "主要任务", "工作任务", "工作举措", "行动")
_GOAL_SECTION = ("目标",)


def _offsets(lines: list[Line] | tuple[Line, ...]) -> tuple[tuple[int, int], ...]:
    joined = Joined.of(lines)
    return tuple(zip(joined.starts, joined.numbers))


def _line_of(offsets: tuple[tuple[int, int], ...], at: int, default: int) -> int:
    line = default
    for start, no in offsets:
        if start > at:
            break
        line = no
    return line


def _table_lines(doc, start_no: int) -> tuple[Line, ...]:
    for lines in doc.attachments.values():
        if lines and lines[0].no <= start_no <= lines[-1].no:
            return lines
    return tuple(ln for ln in doc.lines if ln.no >= start_no)


def read_plan_bytes(data: bytes, file: str) -> PlanRecord:
    """Read one plan from its bytes.

    Parameters
    ----------
    data : bytes
        The file's content (UTF-8, GB18030/GBK, or UTF-16/32 with a BOM).
    file : str
        The name the evidence will carry.

    Returns
    -------
    PlanRecord
        What the plan says, names as written, every fact with its line.

    Raises
    ------
    PlanError
        If the file is empty, binary, or not a plan of this genre.
    """
    source = source_from_bytes(data, file)
    doc = split_document(source.lines)
    meta = read_header(doc, file)
    warnings: list[str] = []

    officials, collective, _end = read_leading_group(source.lines)
    teams = read_teams(source.lines)

    groups, actions = [], []
    action_section = doc.section(*_ACTION_SECTION)
    if action_section:
        groups, actions = read_actions(action_section.lines)
    goal_section = doc.section(*_GOAL_SECTION)
    goals: list[GoalRecord] = list(read_main_goals(goal_section.lines)) if goal_section else []
    goals += [GoalRecord(name=g.title, level="action", line=g.line) for g in groups]

    tasks: list[TaskRecord] = []
    header_at = find_table(doc.lines)
    table = None
    if header_at is not None:
        table_lines = _table_lines(doc, doc.lines[header_at].no)
        known = {g.title for g in groups} | {a.title for a in actions}
        table = read_task_table(table_lines, {o.name for o in officials}, known)
    if table and table.tasks:
        tasks = table.tasks
        warnings += table.warnings
        goals += [
            GoalRecord(name=a.title, level="project", line=a.line, parent=a.group, description=a.text)
            for a in actions
        ]
        goals += table.goals
    else:
        for a in actions:
            body = [ln for ln in action_section.lines if ln.no >= a.line]
            tasks.append(
                TaskRecord(
                    number=a.number, text=a.text, line=a.line, goal=a.group,
                    goal_line=next((g.line for g in groups if g.title == a.group), None),
                    offsets=_offsets(body),
                )
            )

    streets: list[tuple[str, int, str]] = []
    for i, task in enumerate(tasks):
        for name, at in find_streets(task.text):
            streets.append((name, _line_of(task.offsets, at, task.line), f"task:{i}"))
    for goal in goals:
        for name, _at in find_streets(goal.name + "。" + goal.description):
            streets.append((name, goal.line, f"goal:{goal.name}"))

    attachments = []
    for number, title, line in doc.attachment_list:
        present = number in doc.attachments and bool(doc.attachments[number])
        attachments.append(Attachment(number=number, title=title, line=line, present=present))
        if not present:
            warnings.append(f"{file}:{line}: 附件{number}《{title}》在正文中列出，但文件里没有")
    if not (officials or tasks or actions):
        raise PlanError(file, "不是街道行动方案：没有找到领导小组名单、任务表或编号的行动")
    if re.search(r"[\u4e00-\u9fff，、]$", source.lines[-1].text) and not table:
        warnings.append(f"{file}:{source.lines[-1].no}: 文件在句中结束，可能被截断")
    return PlanRecord(
        file=file,
        meta=meta,
        officials=tuple(officials),
        collective_members=tuple(collective),
        teams=tuple(teams),
        goals=tuple(goals),
        tasks=tuple(tasks),
        has_task_table=bool(table and table.tasks),
        streets=tuple(streets),
        attachments=tuple(attachments),
        warnings=tuple(warnings),
    )
