"""The 街道 / 镇 action plan (行动方案, 行动计划): a titled plan with a leading group, actions and a task table."""

from __future__ import annotations

from graphmodel.errors import PlanError
from graphmodel.model import PlanRecord

from ..document import Document
from ..header import find_plan_title, read_header
from ..leading_group import read_leading_group, read_teams
from ..member_list import GroupList
from ..member_prose import read_group_sentences
from .base import Recognition
from .common import read_attachments, read_body, truncation_warning

__all__ = ["ActionPlan", "LAYOUT"]


class ActionPlan:
    """A 街道's (镇's, 乡's) action plan: recognised by a title naming the 街道 and a plan (方案, 计划 …)."""

    name = "action-plan"
    looks_for = "街道（镇）行动方案：写明街道（镇）的方案标题"
    looks_for_en = "a subdistrict (or town) action plan: a plan title naming the subdistrict"

    def recognise(self, doc: Document) -> Recognition | None:
        found = find_plan_title(doc)
        if not found:
            return None
        title, line = found
        return Recognition(self.name, f"方案标题《{title}》", line, f"the plan title 《{title}》")

    def read(self, doc: Document, file: str) -> PlanRecord:
        meta, issuer_notices = read_header(doc, file)
        officials, collective, _end = read_leading_group(doc.lines)
        teams = read_teams(doc.lines)
        said, office = read_group_sentences(doc.lines) if not officials else (GroupList(), None)
        officials = officials or said.officials  # no list: the sentence that sets the group up (成立…，由…任组长)
        teams += [office] if office else []
        body = read_body(doc, {o.name for o in officials})
        if not (officials or body.tasks or body.actions):
            raise PlanError(file, "不是街道行动方案：没有找到领导小组名单、任务表或编号的行动",
                            en="not a subdistrict action plan: no leading-group list, task table or numbered actions found")
        attachments, missing = read_attachments(doc, file)
        return PlanRecord(
            file=file,
            layout=self.name,
            meta=meta,
            officials=tuple(officials),
            collective_members=tuple(collective),
            member_units=tuple(said.units),
            teams=tuple(teams),
            goals=tuple(body.goals),
            tasks=tuple(body.tasks),
            has_task_table=body.has_task_table,
            streets=tuple(body.streets),
            attachments=tuple(attachments),
            warnings=tuple(issuer_notices + said.warnings + body.warnings + missing + truncation_warning(doc, file, body)),
        )


LAYOUT = ActionPlan()
