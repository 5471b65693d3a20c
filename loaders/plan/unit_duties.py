"""The duties of the member units in a 领导小组 notice (成员单位职责: 县财政局：负责…): each is a task of its unit."""

from __future__ import annotations

import re

from graphmodel.model import Mention, TaskRecord
from graphmodel.names import clean, is_collective, is_unit_like

from .document import CN_NUMERALS
from .source import Line

__all__ = ["read_unit_duties"]

_OPENS = re.compile(r"职责")
_HEADING = re.compile(rf"^(?:[{CN_NUMERALS}]{{1,3}}\s*[、.．]|[（(]\s*[{CN_NUMERALS}]{{1,3}}\s*[）)])")
_STOP = re.compile(r"^(附\s*件|特此通知|抄\s*送|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")
_DUTY = re.compile(
    rf"^(?:(?P<number>\d{{1,2}})\s*[.．、]|[（(]\s*(?P<cn>[{CN_NUMERALS}\d]{{1,3}})\s*[）)])?\s*"
    r"(?P<unit>[^：:，,。；;、\s]{2,24})\s*[：:]\s*(?P<text>.+)$"
)


def _number(m: re.Match) -> int | None:
    if m.group("number"):
        return int(m.group("number"))
    cn = m.group("cn")
    if cn and cn.isdigit():
        return int(cn)
    if cn and len(cn) == 1:
        return CN_NUMERALS.index(cn) + 1
    return None


def read_unit_duties(lines: tuple[Line, ...]) -> list[TaskRecord]:
    """The duties that name their unit, under a heading or a line that speaks of 职责; the group's own duties
    (主要职责：1.贯彻落实…) name no unit and are no tasks.

    Examples
    --------
    >>> ls = (Line(9, "三、成员单位职责"), Line(10, "1.县财政局：负责统筹资金保障。"),
    ...       Line(11, "2.县水利局：负责河道日常巡查，"), Line(12, "建立问题台账。"), Line(13, "四、工作要求"))
    >>> [(t.number, t.text, t.line, [(m.name, m.line) for m in t.responsible]) for t in read_unit_duties(ls)]
    [(1, '负责统筹资金保障。', 10, [('县财政局', 10)]), (2, '负责河道日常巡查，建立问题台账。', 11, [('县水利局', 11)])]
    """
    tasks: list[dict] = []
    inside = False
    for line in lines:
        text = line.text.strip()
        if _STOP.match(text):
            break
        m = _DUTY.match(text)
        unit = clean(m.group("unit")) if m else ""
        duty = bool(m) and (is_unit_like(unit) or is_collective(unit))
        if not (inside and duty) and (_HEADING.match(text) or _OPENS.search(text) and text.endswith(("：", ":"))):
            inside = bool(_OPENS.search(text))
            if not inside and tasks:
                break
            continue
        if not inside:
            continue
        if duty:
            tasks.append(dict(number=_number(m), text=m.group("text").strip(), line=line.no, unit=unit))
        elif tasks and not m and not tasks[-1]["text"].endswith(("。", "；", ";")):
            tasks[-1]["text"] += text  # the duty wraps onto this line
    return [TaskRecord(number=t["number"], text=t["text"], line=t["line"],
                       responsible=(Mention(name=t["unit"], line=t["line"]),)) for t in tasks]
