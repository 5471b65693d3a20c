"""Parts that several layouts read the same way: numbered actions, goals, the task table, streets, attachments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphmodel.model import Attachment, GoalRecord, Notice, StreetMention, TaskRecord

from ..actions import DATE_LINE, Action, ActionGroup, read_actions
from ..document import Document, Joined, Section
from ..goals import read_main_goals
from ..places import find_streets
from ..source import Line
from ..task_list import assignment_mentions, first_listed_leads, split_assignment
from ..task_table import TableResult, find_table, read_task_table

__all__ = ["Body", "read_body", "read_attachments", "truncation_warning"]

_ACTION_SECTION = ("具体行动", "行动安排", "行动方案", "重点任务", "主要任务", "工作任务", "工作举措", "行动")
_GOAL_SECTION = ("目标",)


@dataclass
class Body:
    """What the body of a document holds besides its leading group: goals, tasks, streets."""

    goals: list[GoalRecord] = field(default_factory=list)
    tasks: list[TaskRecord] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    table: TableResult | None = None
    streets: list[StreetMention] = field(default_factory=list)
    warnings: list[Notice | str] = field(default_factory=list)

    @property
    def has_task_table(self) -> bool:
        return bool(self.table and self.table.tasks)


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


def _table_lines(doc: Document, start_no: int) -> tuple[Line, ...]:
    """The lines of the attachment that holds the table's header, else the rest of the document."""
    for lines in doc.attachments.values():
        if lines and lines[0].no <= start_no <= lines[-1].no:
            return lines
    return tuple(ln for ln in doc.lines if ln.no >= start_no)


def _read_table(doc: Document, officials: set[str], known: set[str]) -> TableResult | None:
    header_at = find_table(doc.lines)
    if header_at is None:
        return None
    return read_task_table(_table_lines(doc, doc.lines[header_at].no), officials, known, text=doc.text)


def _action_tasks(section: Section, groups: list[ActionGroup], actions: list[Action], officials: set[str],
                  first_leads: bool) -> list[TaskRecord]:
    """Numbered actions as tasks, where the document has no task table; an action that ends with who does it
    (（牵头单位：…；配合单位：…）, :mod:`loaders.plan.task_list`) names its units and lead."""
    group_line = {g.title: g.line for g in groups}
    tasks = []
    for a in actions:
        offsets = _offsets([ln for ln in section.lines if ln.no >= a.line])
        text, assignment = split_assignment(a.text)
        mentions = assignment_mentions(assignment, lambda at, o=offsets, a=a: _line_of(o, at, a.line), officials,
                                       first_leads)
        tasks.append(TaskRecord(number=a.number, text=text, line=a.line, goal=a.group,
                                goal_line=group_line.get(a.group), offsets=offsets, **mentions))
    return tasks


def _streets(tasks: list[TaskRecord], goals: list[GoalRecord]) -> list[StreetMention]:
    streets: list[StreetMention] = []
    for i, task in enumerate(tasks):
        for name, at in find_streets(task.text):
            streets.append(StreetMention(name=name, line=_line_of(task.offsets, at, task.line), task=i))
    for goal in goals:
        for name, _at in find_streets(goal.name + "。" + goal.description):
            streets.append(StreetMention(name=name, line=goal.line, goal=goal.name))
    return streets


def read_body(doc: Document, officials: set[str]) -> Body:
    """Read the goals, the numbered actions and the task table of a document.

    The task table's rows are the tasks when it has any (the actions then become goals
    of level ``project``); otherwise each numbered action is a task.

    Parameters
    ----------
    doc : Document
        The document.
    officials : set of str
        Names of the leading group, so that the table reader knows a lead when it sees one.
    """
    body = Body()
    groups: list[ActionGroup] = []
    action_section = doc.section(*_ACTION_SECTION)
    if action_section:
        groups, body.actions = read_actions(action_section.lines)
    goal_section = doc.section(*_GOAL_SECTION)
    if goal_section:
        body.goals += read_main_goals(goal_section.lines)
    body.goals += [GoalRecord(name=g.title, level="action", line=g.line) for g in groups]

    known = {g.title for g in groups} | {a.title for a in body.actions}
    body.table = _read_table(doc, officials, known)
    if body.has_task_table:
        body.tasks = list(body.table.tasks)
        body.warnings += body.table.warnings
        body.goals += [
            GoalRecord(name=a.title, level="project", line=a.line, parent=a.group, description=a.text)
            for a in body.actions
        ]
        body.goals += body.table.goals
    elif action_section:
        first_leads = first_listed_leads("".join(ln.text for ln in doc.lines))
        body.tasks = _action_tasks(action_section, groups, body.actions, officials, first_leads)
    body.streets = _streets(body.tasks, body.goals)
    return body


def read_attachments(doc: Document, file: str) -> tuple[list[Attachment], list[Notice]]:
    """The attachments the text lists, whether the file holds each, and a warning for each one missing."""
    attachments, warnings = [], []
    for number, title, line in doc.attachment_list:
        present = number in doc.attachments and bool(doc.attachments[number])
        attachments.append(Attachment(number=number, title=title, line=line, present=present))
        if not present:
            warnings.append(Notice(kind="missing-attachment", file=file, line=line,
                                   values={"number": number, "title": title}))
    return attachments, warnings


def truncation_warning(doc: Document, file: str, body: Body) -> list[Notice]:
    """A warning when the file ends in mid-sentence (outside a table): it may have been cut off."""
    last = doc.lines[-1]
    signed = DATE_LINE.match(last.text) or \
        len(last.text.strip()) <= 25 and re.search(r"(?:人民政府|办事处|委员会|办公室|党委|党工委)$", last.text.strip())
    if re.search(r"[\u4e00-\u9fff，、]$", last.text) and not body.table and not signed:  # a date, a signature: no cut
        return [Notice(kind="truncated", file=file, line=last.no)]
    return []
