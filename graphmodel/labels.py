"""Every word a user reads, in Chinese and English: headers, kinds, roles, sentences, warnings and errors.

The analyses return data (kinds, ids, names, numbers, evidence); the CLI, the HTML report and
the workbook turn it into words here, and only here. Each entry is an :class:`L`: the Chinese
text and the English one, templates when they hold ``{fields}``. Names, quoted plan text and
file names stay as the plan wrote them in both languages.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

__all__ = [
    "L", "LANGS", "text", "join", "number",
    "SEVERITIES", "SEVERITY_RANK", "KINDS", "FINDINGS", "TRUCK_REASONS", "ROLES", "NODE_LABELS", "TABLES", "WORDS",
    "ERRORS", "NOTICES", "task_name", "finding_message", "where", "role_name", "notice",
]

#: The languages every entry speaks.
LANGS: tuple[str, ...] = ("zh", "en")


class L(NamedTuple):
    """A text in Chinese and in English; a template when it holds ``{fields}``.

    >>> L("{n}项任务", "{n} tasks")("en", n=3)
    '3 tasks'
    """

    zh: str
    en: str

    def __call__(self, lang: str = "zh", **values: Any) -> str:
        template = self.en if lang == "en" else self.zh
        return template.format(**values) if values else template


def text(table: dict[str, L], key: str | None, lang: str = "zh") -> str:
    """``table[key]`` in ``lang``; the key itself when the table does not know it (data, not a word)."""
    entry = table.get(key) if key is not None else None
    return entry(lang) if entry else ("" if key is None else str(key))


# --------------------------------------------------------------------------- words of the domain

SEVERITIES: dict[str, L] = {"high": L("高", "high"), "medium": L("中", "medium"), "low": L("低", "low")}
SEVERITY_RANK: dict[str, int] = {"high": 0, "medium": 1, "low": 2}

#: Each audit finding's kind, as a planner reads it.
KINDS: dict[str, L] = {
    "task-without-lead": L("任务无牵头领导", "task without a lead"),
    "task-without-responsible-unit": L("任务无责任部门", "task without a responsible unit"),
    "single-point-of-failure": L("单点故障", "single point of failure"),
    "lead-not-in-group": L("牵头领导不在领导小组", "lead not in the leading group"),
    "unit-without-head": L("单位无负责人", "unit without a head"),
    "missing-attachment": L("缺少附件", "missing attachment"),
    "goal-without-task": L("目标无任务", "goal without a task"),
    "overloaded-official": L("领导负担过重", "overloaded official"),
    "overloaded-unit": L("单位负担过重", "overloaded unit"),
    "member-without-task": L("副组长无任务", "deputy without a task"),
}

#: Roles in a leading group (领导小组).
ROLES: dict[str, L] = {
    "组长": L("组长", "leader"),
    "常务副组长": L("常务副组长", "executive deputy leader"),
    "副组长": L("副组长", "deputy leader"),
    "成员": L("成员", "member"),
}

#: Node labels as a reader names them.
NODE_LABELS: dict[str, L] = {
    "Official": L("领导", "official"), "Unit": L("单位", "unit"), "Task": L("任务", "task"),
    "Goal": L("目标", "goal"), "Street": L("道路", "street"), "Plan": L("方案", "plan"),
    "Issuer": L("发文机关", "issuer"), "Attachment": L("附件", "attachment"),
}


def role_name(role: str | None, lang: str = "zh") -> str:
    """A leading-group role in ``lang`` (组长 → leader); a role the table does not know as written."""
    return text(ROLES, role, lang)


# --------------------------------------------------------------------------- tables

#: The columns of each table the CLI prints: (key of the row, header).
TABLES: dict[str, tuple[tuple[str, L], ...]] = {
    "summary": (
        ("subdistrict", L("街道", "Subdistrict")),
        ("file", L("文件", "File")),
        ("officials", L("领导小组成员", "Officials")),
        ("units", L("单位", "Units")),
        ("tasks", L("任务", "Tasks")),
        ("goals", L("目标", "Goals")),
        ("streets", L("道路", "Streets")),
        ("tasks_without_lead", L("无牵头领导的任务", "Tasks without lead")),
    ),
    "audit": (
        ("severity", L("严重程度", "Severity")),
        ("kind", L("类型", "Kind")),
        ("subdistrict", L("街道", "Subdistrict")),
        ("subject_name", L("对象", "Subject")),
        ("message", L("说明", "Message")),
        ("where", L("出处", "Evidence")),
    ),
}

#: Titles, short words and the CLI's notes.
WORDS: dict[str, L] = {
    "summary": L("方案汇总", "Plans"),
    "audit": L("审计", "Audit"),
    "warning": L("警告：{message}", "warning: {message}"),
    "error": L("错误：{message}", "error: {message}"),
    "interrupted": L("已中断", "interrupted"),
    "fail_on_found": L("发现 {n} 条 {kinds} 问题", "found {n} finding(s) of {kinds}"),
    "yes": L("是", "yes"),
    "no": L("否", "no"),
}

#: What the readers warn about (:class:`graphmodel.model.Notice` kinds); ``file:line:`` goes before.
NOTICES: dict[str, L] = {
    "missing-attachment": L("附件{number}《{title}》在正文中列出，但文件里没有",
                            "attachment {number} “{title}” is listed in the text but the file does not hold it"),
    "truncated": L("文件在句中结束，可能被截断", "the file ends in mid-sentence: it may have been cut off"),
    "empty-row": L("任务表第 {line} 行：序号 {number} 的一行没有任务内容，已跳过",
                   "task table, line {line}: the row numbered {number} holds no task text and was skipped"),
    "last-row-unassigned": L("任务表最后一行（第 {line} 行）没有牵头领导和责任部门：文件可能被截断",
                             "the task table's last row (line {line}) has no lead and no responsible unit: "
                             "the file may have been cut off"),
    "tab-row-one-cell": L("制表符分隔的表格中这一行只剩一个单元格（行首、行尾的空单元格已去掉），无法确定它在哪一列，已跳过",
                          "a tab-separated row is left with one cell (its empty cells at the start and end were "
                          "stripped): its column cannot be told, so it was skipped"),
    "tab-row-short": L("制表符分隔的一行只有 {cells} 个单元格（表头 {header} 个），按末尾空缺读取",
                       "a tab-separated row has {cells} cells (the header {header}): read as missing its last ones"),
    "cell-row-short": L("第 {line}–{last} 行：一行只有 {cells} 个单元格（表头 {header} 个），已停止读表",
                        "lines {line}–{last}: a row of {cells} cells (the header has {header}): the table ends here"),
    "ambiguous-unit": L("“{name}”可能是 {options}，未合并", "“{name}” may be {options}; not merged"),
    "same-document": L("与 {other} 内容相同（同一份文件），只读一次",
                       "the same content as {other} (the same document): read once"),
    "documents-merged": L("{subdistrict}：{files} 合并为一张图（同名的领导和单位视为同一个）",
                          "{subdistrict}: {files} are merged into one graph (officials and units of the same name are one)"),
}

#: Errors the CLI itself reports (the library's errors carry their own texts).
ERRORS: dict[str, L] = {
    "unknown_kind": L("未知的问题类型：{kinds}；可用的有：{known}", "unknown kind(s) of finding: {kinds}; known: {known}"),
}


# --------------------------------------------------------------------------- sentences

_PHRASES: dict[str, L] = {
    "sep": L("、", ", "),
    "task": L("任务{number}", "task {number}"),
    "task_under": L("“{goal}”下无序号的任务", "the unnumbered task under “{goal}”"),
    "task_unnumbered": L("无序号的任务", "an unnumbered task"),
    "quoted": L("“{text}”", " “{text}”"),
    "responsible_of": L("{tasks}的责任部门", "the responsible unit of {tasks}"),
    "cooperating_of": L("{tasks}的配合部门", "a cooperating unit of {tasks}"),
    "and_also": L("，也是", " and "),
    "part_of": L("（属于“{parent}”）", " (part of “{parent}”)"),
    "project": L("项目", "Project"),
    "action": L("行动", "Action"),
    "page": L("第{page}页", "p. {page}"),
    "table": L("表{table}", "table {table}"),
    "row": L("第{row}行", "row {row}"),
    "cell": L("第{cell}格", "cell {cell}"),
    "details": L("（{parts}）", " ({parts})"),
    "details_sep": L("，", ", "),
    "also": L("；另见 {where}", "; also {where}"),
    "none": L("（无）", "(none)"),
}

#: The sentence of each kind of finding; fields are filled by :func:`finding_message`.
FINDINGS: dict[str, L] = {
    "task-without-lead": L("{task}没有牵头领导", "{Task} has no lead"),
    "task-without-responsible-unit": L("{task}没有责任部门", "{Task} has no responsible unit"),
    "single-point-of-failure": L(
        "{name}是{tasks}与领导小组之间唯一的联系：若{name}缺位，{tasks}在责任网络中再连不到任何领导",
        "{name} is the only link between {tasks} and the leading group: without {name}, "
        "no official in the responsibility network reaches {tasks}"),
    "lead-not-in-group": L("{name}牵头{tasks}，但不在领导小组名单中",
                           "{name} leads {tasks} but is not in the leading group"),
    "unit-without-head": L("{name}是{roles}，但领导小组中没有人担任它的负责人（正职或副职）",
                           "{name} is {roles}, but nobody in the leading group heads it (chief or deputy)"),
    "missing-attachment": L("附件{number}《{title}》在正文中列出，但文件里没有",
                            "Attachment {number} “{title}” is listed in the text but the file does not hold it"),
    "goal-without-task": L("{what}“{name}”{where}没有任何任务服务于它", "{what} “{name}”{where} is served by no task"),
    "overloaded-official": L(
        "{name}牵头{n}项任务，是本方案牵头领导任务数中位数（{median:g}项）的{ratio:.1f}倍",
        "{name} leads {n} tasks, {ratio:.1f} times the median of the plan's leads ({median:g})"),
    "overloaded-unit": L(
        "{name}负责{n}项任务，是本方案责任部门任务数中位数（{median:g}项）的{ratio:.1f}倍",
        "{name} is responsible for {n} tasks, {ratio:.1f} times the median of the plan's responsible units "
        "({median:g})"),
    "member-without-task": L("{role}{name}既不牵头任何任务，也不对任何任务负责（不是任何责任部门的负责人）",
                             "{role} {name} leads no task and is accountable for none (heads no responsible unit)"),
}


#: Why a 街道 has no truck factor (:func:`graphmodel.analysis.bottlenecks.truck_factor`'s ``reason``);
#: fields from its row.
TRUCK_REASONS: dict[str, L] = {
    "no-tasks": L("方案中没有任务", "the plan has no tasks"),
    "no-task-covered": L("没有任何任务写明牵头领导或由领导小组成员负责的责任部门，无从计算",
                         "no task names a lead or a responsible unit headed by a member of the leading group"),
    "most-tasks-uncovered": L("未移除任何人时已有{uncovered}项任务（超过一半）无人牵头或负责",
                              "{uncovered} tasks (more than half) have nobody leading or accountable before "
                              "anyone is removed"),
}


def join(items: Iterable[str], lang: str = "zh") -> str:
    """``甲、乙`` / ``甲, 乙``."""
    return _PHRASES["sep"](lang).join(items)


def number(value: Any) -> str:
    """A number as a table shows it: floats to three places, the rest as they are."""
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


def task_name(task: dict[str, Any], lang: str = "zh", *, quote: bool = False) -> str:
    """How a sentence names a task ``{"number", "goal", "name"}``: 任务7 / task 7, or by its goal.

    >>> task_name({"number": None, "goal": "吸纳社会共同参与", "name": "招募志愿者"}, "en", quote=True)
    'the unnumbered task under “吸纳社会共同参与” “招募志愿者”'
    """
    if task.get("number") is not None:
        name = _PHRASES["task"](lang, number=task["number"])
    elif task.get("goal"):
        name = _PHRASES["task_under"](lang, goal=task["goal"])
    else:
        name = _PHRASES["task_unnumbered"](lang)
    return name + (_PHRASES["quoted"](lang, text=task.get("name", "")) if quote else "")


def finding_message(finding: dict[str, Any], lang: str = "zh") -> str:
    """The sentence of an audit finding (:func:`graphmodel.analysis.audit.audit`), in ``lang``.

    >>> f = {"kind": "overloaded-official", "subjects": [{"id": "甲/Official/张三", "name": "张三"}],
    ...      "numbers": {"tasks": 5, "median": 1.5, "ratio": 3.3333333333333335}}
    >>> finding_message(f)
    '张三牵头5项任务，是本方案牵头领导任务数中位数（1.5项）的3.3倍'
    >>> finding_message(f, "en")
    "张三 leads 5 tasks, 3.3 times the median of the plan's leads (1.5)"
    """
    kind, numbers = finding["kind"], finding.get("numbers") or {}
    subject, *others = finding["subjects"]
    tasks = lambda *parts: join((task_name(t, lang) for t in others if t.get("part") in parts), lang)  # noqa: E731
    values: dict[str, Any] = {"name": subject["name"]}
    if kind in ("task-without-lead", "task-without-responsible-unit"):
        values["task"] = task_name(subject, lang, quote=True)
        values["Task"] = values["task"][:1].upper() + values["task"][1:]
    elif kind == "single-point-of-failure":
        values["tasks"] = tasks("cut_off")
    elif kind == "lead-not-in-group":
        values["tasks"] = tasks("led")
    elif kind == "unit-without-head":
        roles = [_PHRASES[f"{part}_of"](lang, tasks=tasks(part)) for part in ("responsible", "cooperating")
                 if any(t.get("part") == part for t in others)]
        values["roles"] = _PHRASES["and_also"](lang).join(roles)
    elif kind == "missing-attachment":
        [attachment] = [s for s in others if s.get("part") == "missing"]
        values |= {"number": attachment["number"], "title": attachment["name"]}
    elif kind == "goal-without-task":
        parents = [s["name"] for s in others if s.get("part") == "parent"]
        values["what"] = _PHRASES["project" if subject.get("level") == "project" else "action"](lang)
        values["where"] = _PHRASES["part_of"](lang, parent=parents[0]) if parents else ""
    elif kind in ("overloaded-official", "overloaded-unit"):
        values |= {"n": numbers["tasks"], "median": numbers["median"], "ratio": numbers["ratio"]}
    elif kind == "member-without-task":
        role = role_name(subject.get("role"), lang)
        values["role"] = role[:1].upper() + role[1:] if lang == "en" else role
    return FINDINGS[kind](lang, **values)


def notice(item: Any, lang: str = "zh") -> str:
    """A reader's warning (:class:`graphmodel.model.Notice`) as one line: ``file:line: sentence``.

    Values that are lists are joined, a missing value is said as such; a plain string (a
    warning not yet in :data:`NOTICES`) is returned as it is.

    >>> from graphmodel.model import Notice
    >>> notice(Notice(kind="missing-attachment", file="a.txt", line=9, values={"number": 2, "title": "项目计划表"}), "en")
    'a.txt:9: attachment 2 “项目计划表” is listed in the text but the file does not hold it'
    >>> notice(Notice(kind="empty-row", file="a.txt", line=7, values={"number": None}))
    'a.txt:7: 任务表第 7 行：序号 （无） 的一行没有任务内容，已跳过'
    """
    if isinstance(item, str) or item.kind not in NOTICES:
        return str(item)
    values = {"line": item.line}
    for key, value in item.values.items():
        values[key] = (join(value, lang) if isinstance(value, (list, tuple))
                       else _PHRASES["none"](lang) if value is None else value)
    place = ":".join(str(p) for p in (item.file, item.line) if p is not None)
    sentence = NOTICES[item.kind](lang, **values)
    return f"{place}: {sentence}" if place else sentence


def where(evidence: dict[str, Any] | None, lang: str = "zh") -> str:
    """Evidence as one reads it: ``file:line``, then page / table / row / cell where known, then other documents.

    >>> where({"file": "a.pdf", "line": 7, "page": 2, "table": 1, "row": 3}, "en")
    'a.pdf:7 (p. 2, table 1, row 3)'
    >>> where({"file": "a.txt", "line": 7, "also": [{"file": "b.docx", "line": 9}]})
    'a.txt:7；另见 b.docx:9'
    """
    if not evidence:
        return ""
    out = f"{evidence['file']}:{evidence['line']}"
    parts = [_PHRASES[key](lang, **{key: evidence[key]}) for key in ("page", "table", "row", "cell")
             if evidence.get(key) is not None]
    if parts:
        out += _PHRASES["details"](lang, parts=_PHRASES["details_sep"](lang).join(parts))
    for other in evidence.get("also") or ():
        out += _PHRASES["also"](lang, where=where(other, lang))
    return out
