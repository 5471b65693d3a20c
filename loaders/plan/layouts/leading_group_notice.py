"""The notice that sets up a 领导小组 (关于成立…领导小组的通知), with or without tasks."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from graphmodel.errors import PlanError
from graphmodel.model import PlanMeta, PlanRecord

from ..document import Document, Joined
from ..header import DATE, find_number, find_plan_title, iso_date
from ..issuer import (Issuer, body_jurisdiction, jurisdiction_prefix, metadata_issuers, sentence_issuers, signed_issuers,
                      settle_issuer, signature_issuers)
from ..member_list import GroupList, read_member_list, read_office
from ..member_prose import read_member_prose
from ..source import Line
from ..task_list import read_task_list
from ..traditional import SIMPLIFIED
from ..unit_duties import read_unit_duties
from .base import Recognition
from .common import read_attachments, read_body

__all__ = ["LeadingGroupNotice", "LAYOUT"]

# The bodies a notice sets up: a 领导小组, a 指挥部 / 指挥所, a 联席会议, a 委员会.
_BODY = r"(?:领导小组|指挥部|指挥所|联席会议(?:制度)?|委员会|专班)"
_TITLE = re.compile(
    r"关于(?P<verb>成立|调整|组建|设立|建立|调整充实|充实调整|调整完善)"
    rf"(?P<group>[^，。；：:《》]{{2,60}}?{_BODY})(?:成员|组成人员)?的(?:通知|决定)"
)
# The sentence of the body that sets the group up, where no title names it: 成立我镇秸秆禁烧工作领导小组 /
# 镇政府成立13人防汛指挥所 / 决定建立…联席会议.
_SET_UP = re.compile(rf"(?:成立|组建|设立|建立)(?P<group>[^，,。；;：:、《》“”()（）]{{2,40}}?{_BODY})(?![办成])")
_OWN = re.compile(r"^(?:\d+人|[一二三四五六七八九十]+人|我(?:镇|乡|街道|街|区|县|市|局|委|办|厅|省))+")
# A member list alone makes a notice when it names at least this many members with a role in the group.
_LISTED = 2
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
    m = _TITLE.search(joined.text.translate(SIMPLIFIED))  # 關於成立…領導小組的通知 too, kept as written
    if not m:
        return None
    start = joined.starts[bisect.bisect_right(joined.starts, m.start()) - 1]
    group = joined.text[m.start("group") : m.end("group")]
    return _Title(joined.text[start : m.end()], joined.text[start : m.start()], group,
                  joined.line_at(start), joined.line_at(m.start("group")))


def _set_up(doc: Document, before: int) -> _Title | None:
    """No title: the group as the sentence that sets it up names it (成立我镇…领导小组 → 秸秆禁烧工作领导小组), the
    last such sentence before the list's first member (line ``before``), else the first one after it."""
    found = []
    for line in doc.lines:
        text = re.sub(r"\s+", "", line.text)
        for m in _SET_UP.finditer(text.translate(SIMPLIFIED)):
            group = _OWN.sub("", m.group("group"))  # 我镇…, 13人…: not the group's name
            found.append((line.no, text[m.end("group") - len(group) : m.end("group")]))
    if not found:
        return None
    earlier = [f for f in found if f[0] <= before]
    no, group = earlier[-1] if earlier else found[0]
    return _Title("", "", group, no, no)


def _listed(doc: Document) -> GroupList | None:
    """A role-labelled member list where no title names the notice: members of at least two roles (or three of one,
    where the text names a 领导小组, 指挥部 …: an excerpt opening inside the list). Not where
    the document is a plan whose own title line names it (its leading group is the plan's)."""
    plan = find_plan_title(doc)
    if plan and not _quoted_in_a_sentence(doc, plan[1]):
        return None
    group = read_member_list(doc.lines, committee=_committee(_set_up(doc, doc.lines[-1].no)))
    roled = [(o.role, o.line) for o in group.officials if o.role] + [(u.role, u.line) for u in group.units]
    # an excerpt that opens inside the list (成员： alone) is one when the text names the body (领导小组下设办公室)
    named = any(re.search(_BODY, ln.text) for ln in doc.lines)
    if len(roled) < _LISTED or len({r for r, _ in roled}) < 2 and not (named and len(roled) > _LISTED):
        return None
    return group


def _quoted_in_a_sentence(doc: Document, no: int) -> bool:
    """The plan's title found is a reference in a sentence (根据《…方案》的要求，成立…), not the document's own
    title (a title line, 现将《…方案》印发给你们)."""
    text = next((ln.text for ln in doc.lines if ln.no == no), "")
    return bool(re.search(r"(?:根据|按照|依据|遵照|贯彻|落实|对照|参照)[^。；;]*《", text))


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
    return found + sentence_issuers(doc.lines) + signed_issuers(doc.lines)


def _committee(group: str | _Title | None) -> bool:
    """Whether the group is a 委员会 or a 专班 set up on its own (its members 主任, 副主任, 委员 or 成员)."""
    name = group.group if isinstance(group, _Title) else group
    return bool(name) and name.translate(SIMPLIFIED).endswith(("委员会", "专班"))


def _office_name(group: str | None) -> str:
    """领导小组办公室, 指挥部办公室, 联席会议办公室 …: the office is named after the body."""
    body = re.search(_BODY + "$", group or "")
    return (re.sub("制度$", "", body.group(0)) if body else "领导小组") + "办公室"


class LeadingGroupNotice:
    """A notice setting up (or changing) a 领导小组 (指挥部, 指挥所, 联席会议, 委员会): its title says
    关于成立…领导小组的通知, or, where the text has no title (copied from the salutation on), a role-labelled
    member list names its members and a sentence (成立…领导小组) the group."""

    name = "leading-group-notice"
    looks_for = "成立领导小组的通知：标题“关于成立…领导小组的通知”，或组长、副组长、成员等的名单"
    looks_for_en = "a notice setting up a leading group: a title 关于成立…领导小组的通知, or a list of its leader, deputies and members"

    def recognise(self, doc: Document) -> Recognition | None:
        title = _title(doc)
        if title:
            return Recognition(self.name, f"通知标题“{title.text}”", title.line, f"the notice title “{title.text}”")
        group = _listed(doc)
        if group is None:
            return None
        first = min([o.line for o in group.officials if o.role] + [u.line for u in group.units])
        return Recognition(self.name, "领导小组名单（组长、副组长、成员等）", first,
                           "a leading group's member list (leader, deputy leaders, members …)")

    def read(self, doc: Document, file: str) -> PlanRecord:
        title = _title(doc)
        if title is None:  # a notice copied from the salutation on: the list, and the sentence naming the group
            listed = read_member_list(doc.lines, committee=_committee(_set_up(doc, doc.lines[-1].no)))
            first = min([o.line for o in listed.officials] + [u.line for u in listed.units], default=doc.lines[0].no)
            title = _set_up(doc, first) or _Title("", "", "", first, first)
        meta, issuer_notices = self._meta(doc, file, title)
        after_title = tuple(ln for ln in doc.lines if ln.no > meta.title_line) if title.text else doc.lines
        group = read_member_list(after_title, committee=_committee(meta.group))
        read_member_prose(after_title, group, committee=_committee(meta.group))
        office = read_office(doc.lines, group, _office_name(meta.group))
        if not (group.officials or group.units):
            raise PlanError(file, "成立领导小组的通知里没有找到组成人员（组长、副组长、成员）", meta.title_line,
                            en="a notice setting up a leading group, but no members (leader, deputy leaders, members) found")
        holders = {h.name for h in office.holders} if office else set()  # the office's heads: officials of tasks
        body = read_body(doc, {o.name for o in group.officials} | holders)
        if not body.tasks:  # 成员单位职责: 县财政局：负责… — a duty that names its unit is that unit's task
            body.tasks = read_unit_duties(after_title)
        if not body.tasks:  # numbered tasks the notice assigns to units in words (（牵头单位：…）, 责任单位：…)
            listed = read_task_list(after_title, {o.name for o in group.officials})
            body.tasks = [t for t in listed.tasks if t.responsible or t.cooperating] if listed else []
            body.warnings += list(listed.warnings) if listed and body.tasks else []
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
