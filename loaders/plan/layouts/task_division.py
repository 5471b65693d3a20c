"""The task-division document (任务分工方案, 责任分解表, 重点工作计划, 民生实事): mainly a table of tasks.

Its rows name each task's lead person (牵头领导, 分管领导, 责任领导) and units (牵头单位, 责任科室, 配合单位,
协同单位); a short preamble (the 印发 notice) and a signature frame it. The table may be a real one
(a PDF, Word file or web page gives its rows as cells) or written as text (pipes, one cell per line,
tabs: :mod:`loaders.plan.text_tables`); :mod:`loaders.plan.cell_table` reads it.
"""

from __future__ import annotations

import re

from graphmodel.errors import PlanError
from graphmodel.model import Notice, PlanMeta, PlanRecord, StreetMention

from ..cell_table import TableResult, find_cell_header, read_cell_table
from ..document import Document
from ..header import DATE, find_number, iso_date
from ..issuer import (Issuer, body_jurisdiction, jurisdiction_prefix, metadata_issuers, sentence_issuers, signed_issuers,
                      settle_issuer, signature_issuers)
from ..leading_group import read_leading_group
from ..member_prose import read_group_sentences
from ..places import find_streets
from ..source import Line
from ..task_list import first_listed_leads
from ..text_tables import text_table_lines
from .base import Recognition
from .common import read_attachments

__all__ = ["TaskDivision", "LAYOUT", "division_meta", "division_record"]

_SCOPE = 15  # the title stands within the first lines
_QUOTED_TITLE = re.compile(r"《([^《》]{4,80})》")
# What a 印发 notice issues, up to 的通知 (its 《》 inside it or around it)
_ISSUED = re.compile(r"印发\s*(\S.{3,80}?)\s*的通知")
_TABLE_TITLE = re.compile(r"(表|方案|计划|清单|项目|任务|分工|台账)$")
# The parts of an action plan's body: a document that has them, and more text than table, is a plan.
_PLAN_SECTIONS = ("指导思想", "总体要求", "主要目标", "工作目标", "具体行动", "行动安排", "保障措施", "组织保障")
_MASTHEAD = re.compile(r"^(?P<body>\S{4,40}?)\s*文\s*件$")


def _table_lines(doc: Document) -> tuple[tuple[Line, ...], tuple]:
    """The document's lines with the rows of its tables carrying cells (text tables found here), and notices."""
    if any(ln.cells for ln in doc.lines):
        return doc.lines, ()
    found = text_table_lines(doc.lines, doc.text)
    return found.lines, found.warnings


def _table_span(doc: Document, lines: tuple[Line, ...], header_at: int) -> tuple[int, int]:
    """How much of the document's text the tables hold (header to last row), and how much lies outside (characters)."""
    first = lines[header_at].no
    last = max(ln.no for ln in lines if ln.cells)
    inside = sum(len(ln.text) for ln in doc.lines if first <= ln.no <= last)
    return inside, sum(len(ln.text) for ln in doc.lines) - inside


class TaskDivision:
    """A document that is mainly a task table whose header names leads or units.

    Recognised when a table row is a task table's header, the document lists no leading group,
    and either the table holds more of its text than the rest or the rest has none of an action
    plan's parts (指导思想, 主要目标, 具体行动, 保障措施 …): a preamble and a signature only.
    """

    name = "task-division"
    looks_for = "任务分工表：以任务表为主体的文件（任务分工方案、责任分解表、重点工作计划、民生实事），表头写明牵头领导或责任单位"
    looks_for_en = ("a task-division document: mainly a table whose header names the lead or the responsible unit "
                    "(任务分工方案, 责任分解表, 重点工作计划, 民生实事)")

    def recognise(self, doc: Document) -> Recognition | None:
        lines, _notices = _table_lines(doc)
        at = find_cell_header(lines)
        if at is None:
            return None
        inside, outside = _table_span(doc, lines, at)
        if read_leading_group(doc.lines)[0] or (inside < outside and doc.section(*_PLAN_SECTIONS)):
            return None  # a plan with a table in it (its leading group, its sections) is another layout's
        header = "｜".join(c for c in lines[at].cells if c)
        return Recognition(self.name, f"任务表表头“{header}”", lines[at].no, f"the task table header “{header}”")

    def read(self, doc: Document, file: str) -> PlanRecord:
        lines, notices = _table_lines(doc)
        at = find_cell_header(lines)
        first_leads = first_listed_leads("".join(ln.text for ln in doc.lines))
        table = read_cell_table(lines, first_leads=first_leads) if at is not None else None
        if not (table and table.tasks):
            raise PlanError(file, "任务分工表里没有读到任务（表头下没有任务行）", lines[at].no if at is not None else None,
                            en="a task-division document, but no task rows under the table header")
        last = max(ln.no for ln in lines if ln.cells)
        return division_record(doc, file, self.name, table, (lines[at].no, last), notices, has_task_table=True)


def division_record(doc: Document, file: str, layout: str, table: TableResult, span: tuple[int, int],
                    notices=(), *, has_task_table: bool) -> PlanRecord:
    """The record of a task-division document whose tasks (``table``) stand on the lines ``span`` (first, last)."""
    meta, named = division_meta(doc, file, *span)
    attachments, missing = read_attachments(doc, file)
    said, office = read_group_sentences(doc.lines)  # a group the document sets up in a sentence (成立…，由…任组长)
    members = {o.name for o in said.officials}
    streets = [StreetMention(name=name, line=task.line, task=i)
               for i, task in enumerate(table.tasks) for name, _at in find_streets(task.text)]
    return PlanRecord(
        file=file,
        layout=layout,
        meta=meta,
        # the group's members, then the leads named with their titles (张三（副区长）) who are none
        officials=tuple(said.officials) + tuple(o for o in table.officials if o.name not in members),
        member_units=tuple(said.units),
        teams=(office,) if office else (),
        goals=tuple(table.goals),
        tasks=tuple(table.tasks),
        has_task_table=has_task_table,
        streets=tuple(streets),
        attachments=tuple(attachments),
        warnings=tuple(named) + tuple(notices) + tuple(said.warnings) + tuple(table.warnings) + tuple(missing),
    )


def _title(doc: Document, header_no: int) -> tuple[str, int]:
    """The document's title: the 《…》 the notice issues, else the table's own title line, else the first line."""
    for line in doc.lines[:_SCOPE]:
        if line.no >= header_no:
            break
        m = _QUOTED_TITLE.search(line.text)
        if m and ("印发" in line.text or "关于" in line.text or line.text.startswith("《")):
            whole = _ISSUED.search(line.text)  # 印发2025年区《政府工作报告》…分解方案的通知: the 《》 inside the title
            if whole and whole.start(1) < m.start() <= m.end() < whole.end(1):
                return re.sub(r"\s+", "", whole.group(1)), line.no
            return re.sub(r"\s+", "", m.group(1)), line.no
    above = [ln for ln in doc.lines if ln.no < header_no]
    for line in reversed(above[-3:]):
        text = re.sub(r"\s+", "", line.text)
        if len(text) <= 50 and _TABLE_TITLE.search(text) and not re.search(r"[，。：:；]", text):
            return text, line.no
    first = doc.lines[0]
    return re.sub(r"\s+", "", first.text), first.no


def _date_at(lines: tuple[Line, ...], after: int) -> int | None:
    """The index of the 成文日期: the first line after the title that is only a date."""
    for i, line in enumerate(lines):
        if line.no > after and len(line.text) <= 20 and DATE.search(line.text) and "印发" not in line.text:
            return i
    return None


def _issuer_candidates(lines: tuple[Line, ...], title: str, title_line: int, date_at: int | None) -> list[Issuer]:
    """What names the issuer: the signature above the date, the masthead or body line at the top, the title."""
    found = signature_issuers(lines, date_at) if date_at is not None else []
    for line in lines[:_SCOPE]:
        if line.no > title_line:
            break
        m = _MASTHEAD.match(line.text)
        body = m.group("body") if m else line.text
        j = body_jurisdiction(body) if len(body) <= 40 else None
        if j:
            found.append(Issuer(j[0], j[1], line.no, "版头", re.sub(r"\s+", "", body)))
    found += metadata_issuers(lines)
    j = jurisdiction_prefix(title)
    if j:
        found.append(Issuer(j[0], j[1], title_line, "标题", title))
    return found + sentence_issuers(lines) + signed_issuers(lines)


def division_meta(doc: Document, file: str, header_no: int, last_row_no: int) -> tuple[PlanMeta, list[Notice]]:
    """The header of a task-division document whose tasks stand on lines ``header_no`` to ``last_row_no``, and
    the warnings on where its issuer came from.

    A table published on its own (an attachment saved as a file of its own) may name no issuing body at all;
    then the user's ``--issuer``, else the file's name (:func:`loaders.plan.issuer.settle_issuer`) gives it,
    and ``issuer_line`` is None.
    """
    title, title_line = _title(doc, header_no)
    outside = tuple(ln for ln in doc.lines if not header_no <= ln.no <= last_row_no)  # no deadline cell is a date line
    date_at = _date_at(outside, title_line)
    number = find_number(doc.lines[:_SCOPE])
    issuer, notices = settle_issuer(_issuer_candidates(outside, title, title_line, date_at),
                                    number[0] if number else None, file, doc.given_issuer, title_line)
    printed = next((iso_date(d) for ln in doc.lines if "印发" in ln.text and (d := DATE.search(ln.text))), None)
    signed = signature_issuers(outside, date_at) if date_at is not None else []
    return PlanMeta(
        subdistrict=issuer.name,
        level=issuer.level,
        issuer_line=issuer.line,
        title=title,
        title_line=title_line,
        number=number[0] if number else None,
        number_line=number[1] if number else None,
        date=iso_date(DATE.search(outside[date_at].text)) if date_at is not None else None,
        printed=printed,
        issuers=tuple(s.body for s in signed),
    ), notices


LAYOUT = TaskDivision()
