"""The notice that sets up a 领导小组 (关于成立…领导小组的通知), with or without tasks."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from graphmodel.errors import PlanError
from graphmodel.model import PlanMeta, PlanRecord

from ..document import Document, Joined
from ..header import DATE, find_number, iso_date
from ..issuer import (Issuer, body_jurisdiction, jurisdiction_prefix, metadata_issuers, sentence_issuers,
                      settle_issuer, signature_issuers)
from ..member_list import read_member_list, read_office
from ..member_prose import read_member_prose
from ..source import Line
from ..unit_duties import read_unit_duties
from .base import Recognition
from .common import read_attachments, read_body

__all__ = ["LeadingGroupNotice", "LAYOUT"]

_TITLE = re.compile(
    r"关于(?P<verb>成立|调整|组建|设立|调整充实|充实调整|调整完善)"
    r"(?P<group>[^，。；：:《》]{2,60}?(?:领导小组|指挥部))(?:成员|组成人员)?的(?:通知|决定)"
)
_SCOPE = 15  # the title stands within the first lines
_MASTHEAD = re.compile(r"^(?P<body>\S{4,40}?)\s*文\s*件$")


@dataclass(frozen=True)
class _Title:
    """The notice's title: whole, the issuer written before 关于 (may be empty), the group, where each starts."""

    text: str
    issuer: str
    group: str
    line: int
    group_line: int


def _title(doc: Document) -> _Title | None:
    """The title: from the start of the line holding 关于成立… to 的通知 (it may wrap over lines)."""
    joined = Joined.of([Line(ln.no, re.sub(r"\s+", "", ln.text)) for ln in doc.lines[:_SCOPE]])
    m = _TITLE.search(joined.text)
    if not m:
        return None
    start = joined.starts[bisect.bisect_right(joined.starts, m.start()) - 1]
    return _Title(joined.text[start : m.end()], joined.text[start : m.start()], m.group("group"),
                  joined.line_at(start), joined.line_at(m.start("group")))


def _date_at(lines: tuple[Line, ...], after: int) -> int | None:
    """The index of the 成文日期: the first line after the title that is only a date."""
    for i, line in enumerate(lines):
        if line.no > after and len(line.text) <= 20 and DATE.search(line.text) and "印发" not in line.text:
            return i
    return None


def _candidates(doc: Document, title: _Title, date_at: int | None) -> list[Issuer]:
    """What names the issuer: the signature above the date, the masthead (…文件), the title."""
    found = signature_issuers(doc.lines, date_at) if date_at is not None else []
    for line in doc.lines:
        if line.no >= title.line:
            break
        m = _MASTHEAD.match(line.text)
        j = body_jurisdiction(m.group("body")) if m else None
        if j:
            found.append(Issuer(j[0], j[1], line.no, "版头", re.sub(r"\s+", "", m.group("body"))))
    found += metadata_issuers(doc.lines)
    for text, line in ((title.issuer, title.line), (title.group, title.group_line)):
        j = (body_jurisdiction(text) or jurisdiction_prefix(text)) if text else None
        if j:
            found.append(Issuer(j[0], j[1], line, "标题", text))
    return found + sentence_issuers(doc.lines)


class LeadingGroupNotice:
    """A notice setting up (or changing) a 领导小组: its title says 关于成立…领导小组的通知."""

    name = "leading-group-notice"
    looks_for = "成立领导小组的通知：标题“关于成立…领导小组的通知”"
    looks_for_en = "a notice setting up a leading group: a title 关于成立…领导小组的通知"

    def recognise(self, doc: Document) -> Recognition | None:
        title = _title(doc)
        if not title:
            return None
        return Recognition(self.name, f"通知标题“{title.text}”", title.line, f"the notice title “{title.text}”")

    def read(self, doc: Document, file: str) -> PlanRecord:
        meta, issuer_notices = self._meta(doc, file, _title(doc))
        after_title = tuple(ln for ln in doc.lines if ln.no > meta.title_line)
        group = read_member_list(after_title)
        read_member_prose(after_title, group)
        office = read_office(doc.lines, group, "指挥部办公室" if meta.group.endswith("指挥部") else "领导小组办公室")
        if not (group.officials or group.units):
            raise PlanError(file, "成立领导小组的通知里没有找到组成人员（组长、副组长、成员）", meta.title_line,
                            en="a notice setting up a leading group, but no members (leader, deputy leaders, members) found")
        body = read_body(doc, {o.name for o in group.officials})
        if not body.tasks:  # 成员单位职责: 县财政局：负责… — a duty that names its unit is that unit's task
            body.tasks = read_unit_duties(after_title)
        attachments, missing = read_attachments(doc, file)
        return PlanRecord(
            file=file,
            layout=self.name,
            meta=meta,
            officials=tuple(group.officials),
            collective_members=(),
            member_units=tuple(group.units),
            teams=((office,) if office else ()) + tuple(group.teams),
            goals=tuple(body.goals),
            tasks=tuple(body.tasks),
            has_task_table=body.has_task_table,
            streets=tuple(body.streets),
            attachments=tuple(attachments),
            warnings=tuple(issuer_notices + list(group.warnings) + body.warnings + missing),
        )

    def _meta(self, doc: Document, file: str, title: _Title) -> tuple[PlanMeta, list]:
        date_at = _date_at(doc.lines, title.line)
        number = find_number(doc.lines[:_SCOPE])
        issuer, notices = settle_issuer(_candidates(doc, title, date_at), number[0] if number else None,
                                        file, doc.given_issuer, title.line)
        printed = next((iso_date(d) for ln in doc.lines if "印发" in ln.text and (d := DATE.search(ln.text))), None)
        signed = signature_issuers(doc.lines, date_at) if date_at is not None else []
        return PlanMeta(
            subdistrict=issuer.name,
            level=issuer.level,
            issuer_line=issuer.line,
            title=title.text,
            title_line=title.line,
            number=number[0] if number else None,
            number_line=number[1] if number else None,
            date=iso_date(DATE.search(doc.lines[date_at].text)) if date_at is not None else None,
            printed=printed,
            issuers=tuple(s.body for s in signed),
            group=title.group,
        ), notices


LAYOUT = LeadingGroupNotice()
