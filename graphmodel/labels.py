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
    "SEVERITIES", "SEVERITY_RANK", "KINDS", "FINDINGS", "TRUCK_REASONS", "ROLES", "NODE_LABELS", "TABLES", "WORDS", "ERRORS",
    "NOTICES", "task_name", "finding_message", "where", "role_name", "notice",
    "RELATIONS", "VERBS", "PROPERTIES", "UNIT_KINDS", "GOAL_LEVELS", "ISSUER_LEVELS", "DEPENDENCY_ROLES",
    "fact_relation", "fact_detail", "property_value", "task_at", "node_name", "relation_arrow", "place",
    "REPORT", "STATS", "SCRIPT_WORDS", "WORKBOOK", "REVIEW", "REVIEW_COLUMNS", "FACT_KINDS", "VERDICTS",
    "CHANGES", "change_value", "change_task", "change_basis",
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
    "task-led-by-post": L("牵头领导只写岗位", "lead named by post only"),
    "unit-without-head": L("单位无负责人", "unit without a head"),
    "missing-attachment": L("缺少附件", "missing attachment"),
    "goal-without-task": L("目标无任务", "goal without a task"),
    "overloaded-official": L("领导负担过重", "overloaded official"),
    "overloaded-unit": L("单位负担过重", "overloaded unit"),
    "member-without-task": L("副组长无任务", "deputy without a task"),
    "correction-unmatched": L("更正已不符", "correction no longer matching"),
    # across versions (graphmodel.analysis.across_time)
    "lead-left-group": L("已离开领导小组者仍牵头", "lead who left the group"),
    "unit-old-name": L("仍用单位旧名", "unit's old name still used"),
    "task-dropped-without-successor": L("删去的任务无人接续", "task dropped without a successor"),
}

#: Roles in a leading group (领导小组).
ROLES: dict[str, L] = {
    "组长": L("组长", "leader"),
    "常务副组长": L("常务副组长", "executive deputy leader"),
    "副组长": L("副组长", "deputy leader"),
    "成员": L("成员", "member"),
    "第一组长": L("第一组长", "first leader"),
    "第一副组长": L("第一副组长", "first deputy leader"),
    "秘书长": L("秘书长", "secretary-general"),
    "联络员": L("联络员", "liaison"),
    "总指挥": L("总指挥", "commander"),
    "指挥长": L("指挥长", "commander"),
    "常务副总指挥": L("常务副总指挥", "executive deputy commander"),
    "常务副指挥长": L("常务副指挥长", "executive deputy commander"),
    "副总指挥": L("副总指挥", "deputy commander"),
    "副指挥长": L("副指挥长", "deputy commander"),
    "执行副组长": L("执行副组长", "acting deputy leader"),
    "顾问": L("顾问", "adviser"),
    # a 指挥所 (防汛指挥所) and a 联席会议 (joint meeting)
    "所长": L("所长", "head of the command post"),
    "副所长": L("副所长", "deputy head of the command post"),
    "常务副所长": L("常务副所长", "executive deputy head of the command post"),
    "召集人": L("召集人", "convener"),
    "副召集人": L("副召集人", "deputy convener"),
    "常务副召集人": L("常务副召集人", "executive deputy convener"),
    # a 委员会 (committee)
    "主任": L("主任", "chair"),
    "常务副主任": L("常务副主任", "executive vice-chair"),
    "副主任": L("副主任", "vice-chair"),
    "委员": L("委员", "committee member"),
}

#: Node labels as a reader names them.
NODE_LABELS: dict[str, L] = {
    "Official": L("领导", "official"), "Unit": L("单位", "unit"), "Task": L("任务", "task"),
    "Goal": L("目标", "goal"), "Street": L("道路", "street"), "Plan": L("方案", "plan"),
    "Issuer": L("发文机关", "issuer"), "Attachment": L("附件", "attachment"), "Correction": L("更正", "correction"),
}


#: How a fact reads from the subject's side: (relationship type, "out" | "in") → words.
RELATIONS: dict[tuple[str, str], L] = {
    ("MEMBER_OF", "out"): L("成员，属于", "member of"), ("MEMBER_OF", "in"): L("成员", "member"),
    ("HEADS", "out"): L("担任负责人", "heads"), ("HEADS", "in"): L("负责人", "head"),
    ("LEADS", "out"): L("牵头任务", "leads task"), ("LEADS", "in"): L("牵头领导", "lead"),
    ("ACCOUNTABLE_FOR", "out"): L("作为责任部门负责人对任务负责", "accountable, as head of the responsible unit, for"),
    ("ACCOUNTABLE_FOR", "in"): L("责任部门负责人", "head of the responsible unit"),
    ("RESPONSIBLE_FOR", "out"): L("作为责任部门负责任务", "responsible unit of"),
    ("RESPONSIBLE_FOR", "in"): L("责任部门", "responsible unit"),
    ("COOPERATES_ON", "out"): L("作为配合部门配合任务", "cooperating unit of"),
    ("COOPERATES_ON", "in"): L("配合部门", "cooperating unit"),
    ("SERVES", "out"): L("服务于目标", "serves goal"), ("SERVES", "in"): L("服务于它的任务", "task serving it"),
    ("PART_OF", "out"): L("属于目标", "part of goal"), ("PART_OF", "in"): L("下级目标", "sub-goal"),
    ("CONCERNS", "out"): L("涉及道路", "concerns street"), ("CONCERNS", "in"): L("涉及它的任务或目标", "task or goal concerning it"),
    ("IN_PLAN", "out"): L("所属方案", "in plan"), ("IN_PLAN", "in"): L("方案中的任务或目标", "task or goal of the plan"),
    ("PLAN_OF", "out"): L("发文机关", "issued by"), ("PLAN_OF", "in"): L("方案", "plan"),
}

#: A relationship as a verb, for chains and the report's network legend.
VERBS: dict[str, L] = {
    "LEADS": L("牵头", "leads"), "RESPONSIBLE_FOR": L("负责", "responsible for"),
    "COOPERATES_ON": L("配合", "cooperates on"), "HEADS": L("担任负责人", "heads"),
    "ACCOUNTABLE_FOR": L("作为部门负责人负责", "accountable for"),
    "SERVES": L("服务于目标", "serves goal"), "PART_OF": L("属于目标", "part of goal"),
}

#: A node's properties, as ``show`` and the report name them.
PROPERTIES: dict[str, L] = {
    "name": L("名称", "name"), "type": L("类型", "type"), "subdistrict": L("发文机关", "issuer"),
    "role": L("领导小组职务", "role in the leading group"), "titles": L("职务", "titles"), "aliases": L("别名", "aliases"),
    "collective": L("集体", "collective"), "kind": L("类别", "kind"), "number": L("序号", "number"),
    "text": L("内容", "text"), "level": L("层级", "level"), "description": L("说明", "description"),
    "title": L("标题", "title"), "date": L("成文日期", "date"), "printed": L("印发日期", "printed"),
    "issuers": L("发文机关", "issuers"), "attachments": L("附件", "attachments"), "layout": L("版式", "layout"),
    "lead_posts": L("牵头岗位（未写姓名）", "lead posts (no name given)"), "group": L("领导小组", "leading group"),
    "seat": L("设在", "seated in"),
    "holders": L("办公室主任、副主任（非领导小组成员）", "office heads and deputies (not members of the group)"),
}

UNIT_KINDS: dict[str, L] = {"unit": L("单位", "unit"), "team": L("工作专班", "task force"),
                            "office": L("领导小组办公室", "office of the leading group")}
GOAL_LEVELS: dict[str, L] = {"main": L("主要目标", "main goal"), "part": L("目标分项", "part of the main goal"),
                             "action": L("行动 / 一级指标", "action / first-level indicator"),
                             "project": L("二级项目", "second-level project")}

#: The level of an issuing body (:class:`graphmodel.model.Issuer`).
ISSUER_LEVELS: dict[str, L] = {
    "街道": L("街道", "subdistrict"), "乡": L("乡", "township"), "镇": L("镇", "town"),
    "开发区": L("开发区", "development zone"), "新区": L("新区", "new area"), "区": L("区", "district"),
    "县": L("县", "county"), "市": L("市", "city"), "省": L("省", "province"), "国家": L("国家", "national"),
}

#: What the depended-on party does (:data:`graphmodel.analysis.depends.DEPENDENCY_ROLES`).
DEPENDENCY_ROLES: dict[str, L] = {
    "head": L("负责人", "head"), "lead": L("牵头领导", "lead"), "headed_unit": L("所负责的单位", "unit headed"),
    "responsible": L("责任部门", "responsible unit"), "cooperating": L("配合部门", "cooperating unit"),
}


def role_name(role: str | None, lang: str = "zh") -> str:
    """A leading-group role in ``lang`` (组长 → leader); a role the table does not know as written."""
    return text(ROLES, role, lang)


# --------------------------------------------------------------------------- tables

#: The columns of each table the CLI prints: (key of the row, header).
TABLES: dict[str, tuple[tuple[str, L], ...]] = {
    "summary": (
        ("subdistrict", L("发文机关", "Issuer")),
        ("file", L("文件", "File")),
        ("officials", L("领导", "Officials")),
        ("units", L("单位", "Units")),
        ("tasks", L("任务", "Tasks")),
        ("goals", L("目标", "Goals")),
        ("streets", L("道路", "Streets")),
        ("tasks_without_lead", L("无牵头领导的任务", "Tasks without lead")),
    ),
    "audit": (
        ("severity", L("严重程度", "Severity")),
        ("kind", L("类型", "Kind")),
        ("subdistrict", L("发文机关", "Issuer")),
        ("subject_name", L("对象", "Subject")),
        ("message", L("说明", "Message")),
        ("where", L("出处", "Evidence")),
    ),
    "officials": (
        ("official", L("领导", "Official")),
        ("subdistrict", L("发文机关", "Issuer")),
        ("role", L("领导小组职务", "Role")),
        ("tasks_led", L("牵头任务", "Tasks led")),
        ("tasks_accountable", L("作为部门负责人负责的任务", "Tasks accountable")),
        ("load", L("合计任务", "Load")),
        ("units_headed", L("负责的单位", "Units headed")),
        ("betweenness", L("中介中心度", "Betweenness")),
        ("articulation", L("割点", "Articulation point")),
    ),
    "units": (
        ("unit", L("单位", "Unit")),
        ("subdistrict", L("发文机关", "Issuer")),
        ("collective", L("集体", "Collective")),
        ("tasks_responsible", L("负责任务", "Tasks responsible")),
        ("tasks_cooperating", L("配合任务", "Tasks cooperating")),
        ("heads", L("负责人", "Heads")),
        ("betweenness", L("中介中心度", "Betweenness")),
        ("articulation", L("割点", "Articulation point")),
    ),
    "truck_factor": (
        ("subdistrict", L("发文机关", "Issuer")),
        ("tasks", L("任务", "Tasks")),
        ("covered", L("有人牵头或负责的任务", "Covered tasks")),
        ("truck_factor", L("卡车因子", "Truck factor")),
        ("removed", L("缺位的领导（最少）", "Officials missing (fewest)")),
        ("uncovered", L("缺位后无人负责的任务", "Tasks left uncovered")),
        ("greedy", L("贪心顺序（每步后无人负责的任务数）", "Greedy order (uncovered after each step)")),
        ("reason", L("说明", "Note")),
    ),
    "depends": (
        ("depth", L("步", "Depth")),
        ("name", L("名称", "Name")),
        ("label", L("类型", "Type")),
        ("role", L("被依赖方的角色", "Role of the depended-on")),
        ("via", L("经由", "Via")),
        ("tasks", L("任务", "Tasks")),
        ("where", L("出处", "Evidence")),
    ),
    "path": (
        ("path", L("链", "Chain")),
        ("step", L("步", "Step")),
        ("from", L("从", "From")),
        ("relation", L("关系", "Relationship")),
        ("to", L("到", "To")),
        ("where", L("出处", "Evidence")),
    ),
    "show": (("field", L("项目", "Field")), ("value", L("内容", "Value")), ("where", L("出处", "Evidence"))),
    "diff": (
        ("kind", L("变化", "Change")),
        ("subdistrict", L("发文机关", "Issuer")),
        ("task", L("任务", "Task")),
        ("subject", L("对象", "Subject")),
        ("before", L("原来", "Before")),
        ("after", L("现在", "After")),
        ("basis", L("依据", "Basis")),
        ("where_before", L("原出处", "Evidence before")),
        ("where_after", L("现出处", "Evidence after")),
    ),
    "facts": (
        ("relation", L("关系", "Relationship")),
        ("other", L("对象", "Other")),
        ("detail", L("说明", "Detail")),
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
    "loaded": L("已载入：{names}", "loaded: {names}"),
    "loaded_many": L("已载入 {n} 个街道", "loaded {n} subdistricts"),
    "skipped": L("已跳过 {error}", "skipped {error}"),
    "fail_on_found": L("发现 {n} 条 {kinds} 问题", "found {n} finding(s) of {kinds}"),
    "officials": L("领导", "Officials"),
    "units": L("单位", "Units"),
    "truck_factor": L("卡车因子", "Truck factor"),
    "greedy_step": L("{name}→{uncovered}{nothing}", "{name}→{uncovered}{nothing}"),
    "uncovers_nothing": L("（未新增）", " (uncovers nothing)"),
    "not_applicable": L("{factor}（不适用）", "{factor} (n/a)"),
    "depends_on": L("{who}依赖于", "{who} depends on"),
    "depended_on_by": L("依赖{who}的", "Depending on {who}"),
    "who": L("{name}（{subdistrict}）", "{name} ({subdistrict})"),
    "chain": L("{source} → {target}", "{source} → {target}"),
    "chain_steps": L("{source} → {target}（{n} 步）", "{source} → {target} ({n} steps)"),
    "no_chain": L("“{source}”与“{target}”之间没有责任链（不在同一街道，或互不相连）",
                  "no chain of responsibility between “{source}” and “{target}” (different subdistricts, or not connected)"),
    "chains_truncated": L("最短责任链不止 {limit} 条，只列出前 {limit} 条（--limit 可调）",
                          "more than {limit} shortest chains: only the first {limit} are listed (see --limit)"),
    "relationships": L("关系", "Relationships"),
    "list_sep": L("；", "; "),
    "report_written": L("已写入报告：{output}（{size} 字节）", "report written: {output} ({size} bytes)"),
    "report_pages_written": L("已写入报告：{output}（索引页，{size} 字节）和 {folder}（{n} 个街道各一页）",
                              "report written: {output} (the index, {size} bytes) and {folder} (one page for each of "
                              "{n} subdistricts)"),
    "import_written": L("已写入 {output}；导入命令（在该目录中运行，数据库须为空或新建）：",
                        "written to {output}; the import command (run it in that folder; the database must be new or empty):"),
    "restore_escaped": L("以 = + - @ 等开头的文字写成了 '= …（以免表格软件当作公式运行）；导入后运行 {file} 去掉这个 '"
                         "（cypher-shell -f {file}）",
                         "texts beginning with = + - @ and the like are written as '= … (so that no spreadsheet runs "
                         "them as formulas); after the import, run {file} to take the ' off (cypher-shell -f {file})"),
    "yes": L("是", "yes"),
    "no": L("否", "no"),
    "changes": L("变化：{old} → {new}", "Changes: {old} → {new}"),
    "no_changes": L("{old} 与 {new} 之间没有变化", "no changes between {old} and {new}"),
    "no_chain": L("“{source}”与“{target}”之间没有责任链（不在同一街道，或互不相连）",
                  "no chain of responsibility between “{source}” and “{target}” (different bodies, or not connected)"),
    "chains_truncated": L("最短责任链不止 {limit} 条，只列出前 {limit} 条（--limit 可调）",
                          "more than {limit} shortest chains: only the first {limit} are listed (see --limit)"),
}

#: Each kind of change between two versions (:data:`graphmodel.analysis.diff.CHANGE_KINDS`).
CHANGES: dict[str, L] = {
    "task-added": L("新增任务", "task added"),
    "task-removed": L("删去任务", "task removed"),
    "task-reworded": L("任务改写", "task reworded"),
    "lead-added": L("新增牵头领导", "lead added"),
    "lead-removed": L("去掉牵头领导", "lead removed"),
    "unit-added": L("新增单位", "unit added"),
    "unit-removed": L("去掉单位", "unit removed"),
    "unit-role-changed": L("单位角色改变", "unit's role changed"),
    "unit-renamed": L("单位更名", "unit renamed"),
    "official-joined": L("加入领导小组", "joined the group"),
    "official-left": L("离开领导小组", "left the group"),
    "role-changed": L("领导小组职务改变", "role in the group changed"),
}

#: What the readers warn about (:class:`graphmodel.model.Notice` kinds); ``file:line:`` goes before.
NOTICES: dict[str, L] = {
    "missing-attachment": L("附件{number}《{title}》在正文中列出，但文件里没有",
                            "attachment {number} “{title}” is listed in the text but the file does not hold it"),
    "truncated": L("文件在句中结束，可能被截断", "the file ends in mid-sentence: it may have been cut off"),
    "issuer-unknown": L("文件中没有写明发文机关，按文件名“{issuer}”读取；用 --issuer 名称 指定发文机关",
                        "the document names no issuing body: it is read under its file's name “{issuer}”; "
                        "give the issuer with --issuer NAME"),
    "assignment-cut-off": L("任务{number}的分工在文件末尾中断（“{text}”未读）：读到的单位请核对",
                            "the assignment of task {number} is cut off by the end of the file (“{text}” not read): "
                            "check the units read"),
    "items-run-together": L("任务{number}（第 {line}–{last} 行）含有两处分工，像是下一项的编号没有读出而连在一起：其单位未读取，请核对",
                            "task {number} (lines {line}–{last}) holds two assignments, as if the next item's number "
                            "could not be read and the two ran together: its units are not read; check them"),
    "item-number-garbled": L("第 {line} 行的编号是乱码（网页转码损坏），按前后顺序读作任务{number}，请核对",
                             "the number on line {line} is garbled (the page was damaged in re-encoding): read as task "
                             "{number}, by the order of the items; check it"),
    "issuer-from-file-name": L("文件中没有写明发文机关，“{issuer}”取自文件名",
                               "the document names no issuing body: “{issuer}” is taken from the file's name"),
    "pdf-page-no-text": L("PDF 第 {pages} 页没有文字层（像是扫描件），其内容未读取，需要 OCR 识别（pip install 'graphmodel[ocr]'）",
                          "page {pages} of the PDF has no text layer (it looks like a scan): what it says was not read "
                          "(it needs OCR: pip install 'graphmodel[ocr]')"),
    "ocr-page-no-text": L("PDF 第 {pages} 页是图片（像是扫描件），OCR 没有识别出文字，其内容未读取",
                          "page {pages} of the PDF is a picture (it looks like a scan) and OCR found no text on it: "
                          "what it shows was not read"),
    "ocr-pages": L("第 {pages} 页是扫描件（没有文字层），已用 OCR 识别（最低置信度 {confidence}），请核对从中读出的事实",
                   "page {pages} is a scan (no text layer) and was read by OCR (lowest confidence {confidence}): "
                   "check the facts read from it"),
    "ocr-unsure": L("第 {page} 页有 OCR 识别不确定的文字（置信度 {confidence}，位置 {box} 像素），未作为事实读取：{text}",
                    "page {page}: OCR was unsure of this text (confidence {confidence}, at {box} px), not read as a "
                    "fact: {text}"),
    "pdf-struck-through": L("PDF 第 {page} 页有划掉的文字（删除线，如修订中删除的内容），未读取：{text}",
                            "page {page} of the PDF holds text struck through (a deletion shown, as tracked changes "
                            "print it): not read: {text}"),
    "pdf-table-columns-unsure": L("PDF 第 {page} 页的表格没有竖线，分不清各列，按文字行读取，请核对从这张表读出的任务",
                                  "the table on page {page} of the PDF has no vertical rules and its columns cannot "
                                  "be told surely: it was read as lines of text (check the tasks read from it)"),
    "pdf-table-rows-unsure": L("PDF 第 {page} 页的表格行与行之间没有横线或空隙，分不清各行，按文字行读取，请核对从这张表读出的任务",
                               "the rows of the table on page {page} of the PDF are not ruled or spaced apart and "
                               "cannot be told: it was read as lines of text (check the tasks read from it)"),
    "empty-row": L("任务表第 {line} 行：序号 {number} 的一行没有任务内容，已跳过",
                   "task table, line {line}: the row numbered {number} holds no task text and was skipped"),
    "row-width": L("任务表这一行有 {cells} 个单元格（表头 {header} 个），分不清各列，未读取，请核对",
                   "a row of the task table has {cells} cells (the header {header}): its columns cannot be told, "
                   "so it was not read (check it)"),
    "row-without-task": L("任务表这一行没有任务内容，也不是上一任务的续行（“{text}”），未读取",
                          "a row of the task table holds no task and continues none (“{text}”): not read"),
    "last-row-unassigned": L("任务表最后一行（第 {line} 行）没有牵头领导和责任部门：文件可能被截断",
                             "the task table's last row (line {line}) has no lead and no responsible unit: "
                             "the file may have been cut off"),
    "tab-row-one-cell": L("制表符分隔的表格中这一行只剩一个单元格（行首、行尾的空单元格已去掉），无法确定它在哪一列，已跳过",
                          "a tab-separated row is left with one cell (its empty cells at the start and end were "
                          "stripped): its column cannot be told, so it was skipped"),
    "tab-row-short": L("制表符分隔的一行只有 {cells} 个单元格（表头 {header} 个），按末尾空缺读取",
                       "a tab-separated row has {cells} cells (the header {header}): read as missing its last ones"),
    "cell-row-cut-off": L("第 {line}–{last} 行：文件在表格的最后一行中断，这一行只有 {cells} 个单元格（表头 {header} 个），"
                          "按前几列读取，请核对",
                          "lines {line}–{last}: the file ends inside the table's last row, which has {cells} cells "
                          "(the header has {header}): read as its first columns; check it"),
    "cell-row-short": L("第 {line}–{last} 行：一行只有 {cells} 个单元格（表头 {header} 个），已停止读表",
                        "lines {line}–{last}: a row of {cells} cells (the header has {header}): the table ends here"),
    "unit-cell-not-unit": L("任务表{column}一栏的“{text}”不像单位名称（像人名或数量，可能错了列），未读作单位，请核对",
                            "“{text}” in the task table's {column} column does not read as a unit (it reads as a "
                            "person's name or a quantity: the columns may be shifted): not read as a unit, check it"),
    "member-title-garbled": L("第 {line} 行名单在“{name}”之后是乱码（网页转码损坏）：读取了姓名，职务未读取，请核对",
                              "line {line} of the list is garbled after “{name}” (the page was damaged in re-encoding): "
                              "the name is read, the titles are not; check them"),
    "member-unread": L("领导小组名单里的“{text}”读不出是人还是单位，未计入",
                       "“{text}” in the leading group's list reads as neither a person nor a unit: left out"),
    "member-cut-off": L("领导小组名单在文件末尾的“{text}”处中断（文件可能被截断），“{text}”未计入",
                        "the leading group's list stops at “{text}” at the end of the file (it may have been cut off): "
                        "“{text}” is left out"),
    "member-removed": L("调整通知：{name} 不再担任{role}，未计入领导小组",
                        "a change notice: {name} no longer serves as {role}; not counted in the group"),
    "ambiguous-unit": L("“{name}”可能是 {options}，未合并", "“{name}” may be {options}; not merged"),
    "undecodable-bytes": L("这一行有 {count} 处字节无法按 {encoding} 解码（文件可能损坏或下载不完整），已替换为 �，请核对",
                           "{count} spot(s) on this line cannot be decoded as {encoding} (the file may be damaged or "
                           "cut off): replaced with �, check the line"),
    "undecodable-bytes-more": L("另有 {lines} 行也有无法按 {encoding} 解码的字节，已替换为 �",
                                "{lines} more line(s) hold bytes that cannot be decoded as {encoding}: replaced with �"),
    "control-characters": L("这一行有 {count} 个控制字符（如 NUL，文本中不该有；文件可能损坏），已替换为 �，请核对",
                            "{count} control character(s) on this line (such as NUL, which text never holds: the file "
                            "may be damaged): replaced with �, check the line"),
    "control-characters-more": L("另有 {lines} 行也有控制字符，已替换为 �",
                                 "{lines} more line(s) hold control characters: replaced with �"),
    "damaged-name": L("名称“{name}”中有读不出的字符（�），不知道是谁或哪个单位，未计入",
                      "the name “{name}” holds a character that could not be read (�): who or what it names is not "
                      "known, so it is left out"),
    "undecodable-bytes-page": L("网页中有 {count} 处字节无法按 {encoding} 解码（文件可能损坏或下载不完整），已替换为 �，请核对",
                                "{count} spot(s) of the page cannot be decoded as {encoding} (the file may be damaged "
                                "or cut off): replaced with �, check the facts read"),
    "same-document": L("与 {other} 内容相同（同一份文件），只读一次",
                       "the same content as {other} (the same document): read once"),
    "correction-unmatched": L("审核表这一行的更正找不到它所改的事实（{name}，{of}）：文件可能已经改了，未应用",
                              "the correction on this row of the review finds no longer the fact it changes "
                              "({name}, {of}): the document may have changed; not applied"),
    "versions": L("{subdistrict}：{files} 是同一文件的不同版本（{dates}），以最新的 {current} 为准；"
                  "用 graphmodel diff 比较它们，用 --as-of 日期 读取当时的版本",
                  "{subdistrict}: {files} are versions of one document ({dates}); the latest, {current}, is current "
                  "(compare them with graphmodel diff; read an earlier one with --as-of DATE)"),
    "adjustment-applied": L("按调整通知改动了 {base} 中的{group}：加入 {joined}，离开 {left}，职务改变 {changed}",
                            "applied to {group} of {base}: joined {joined}; left {left}; role changed {changed}"),
    "adjustment-no-change": L("调整通知没有改变 {base} 中的{group}：通知所列的人员与职务已与名单相同",
                              "the change notice leaves {group} of {base} as it is: the people and roles it names "
                              "are already those of the list"),
    "adjustment-superseded": L("这份调整通知早于 {current} 的完整名单，已被它取代，未计入",
                               "this change notice is older than the whole list of {current}, which supersedes it: "
                               "not applied"),
    "adjustment-without-group": L("调整通知所调整的{group}的名单不在所给的文件中，按通知本身读取",
                                  "the list of {group} that this change notice changes is not among the documents: "
                                  "read as it stands"),
    "documents-merged": L("{subdistrict}：{files} 合并为一张图（同名的领导和单位视为同一个）",
                          "{subdistrict}: {files} are merged into one graph (officials and units of the same name are one)"),
}

#: Errors the CLI itself reports (the library's errors carry their own texts).
ERRORS: dict[str, L] = {
    "unreadable_among_many": L("{error}（其余文件未读；加 --skip-unreadable 可跳过读不了的文件、读取其余文件）",
                               "{error} (the other files were not read; add --skip-unreadable to skip the files "
                               "that cannot be read and read the others)"),
    "nothing_readable": L("没有一个文件能读取（{n} 个都已跳过）", "no file could be read (all {n} were skipped)"),
    "report_needs": L("生成报告需要 plotly 与 numpy（pip install plotly numpy）：{error}",
                      "the report needs plotly and numpy (pip install plotly numpy): {error}"),
    "output_is_folder": L("{output}: 是一个文件夹，请给出文件名", "{output}: is a folder; give a file name"),
    "output_folder_missing": L("{output}: 文件夹 {folder} 不存在", "{output}: the folder {folder} does not exist"),
    "xlsx_needs_output": L("--format {format} 需要用 -o 指定文件（如 -o plan.xlsx）：二进制内容不能写到终端",
                           "--format {format} needs a file given with -o (e.g. -o plan.xlsx): binary content cannot go to a terminal"),
    "history_needs_graph_format": L("--history 只用于 --format json 或 graphml（得到的是 {format}）",
                                    "--history works with --format json or graphml only (got {format})"),
    "admin_needs_output": L("--format neo4j-admin 需要用 -o 指定一个新的（或空的）目录，如 -o import/",
                            "--format neo4j-admin needs a new (or empty) folder given with -o, e.g. -o import/"),
    "corrections_need_documents": L(
        "--corrections 用于读取文件时：JSON 导出已是读好的图谱，请给出文件本身（或用 --corrections 重新导出）",
        "--corrections applies when documents are read: a JSON export is a graph already read; give the documents "
        "(or export again with --corrections)"),
    "bad_as_of": L("--as-of 须是日期，如 2024-06-30、2024-06 或 2024（得到的是 {value}）",
                   "--as-of must be a date such as 2024-06-30, 2024-06 or 2024 (got {value})"),
    "nothing_as_of": L("没有 {as_of} 或更早的文件（--as-of）", "no document dated {as_of} or earlier (--as-of)"),
    "bad_part": L("--part 只能是 {parts}", "--part must be one of {parts}"),
    "unknown_kind": L("未知的问题类型：{kinds}；可用的有：{known}", "unknown kind(s) of finding: {kinds}; known: {known}"),
}


# --------------------------------------------------------------------------- the HTML report

#: The summary figures at the top of each 街道's section of the report.
STATS: dict[str, L] = {
    "officials": L("领导", "officials"),
    "units": L("单位", "units"),
    "tasks": L("任务", "tasks"),
    "tasks_without_lead": L("无牵头领导的任务", "tasks without a lead"),
    "tasks_without_responsible_unit": L("无责任部门的任务", "tasks without a responsible unit"),
    "goals": L("目标", "goals"),
    "findings": L("审计发现", "findings"),
    "findings_high": L("其中严重", "of them high"),
    "truck_factor": L("卡车因子", "truck factor"),
}

#: The report's words (the page, its tables, its figures).
REPORT: dict[str, L] = {
    "html_lang": L("zh-CN", "en"),
    "title": L("街道行动方案责任图谱报告", "Responsibility graph of the subdistrict action plans"),
    "lede": L("共 {n} 个街道。每个数字、每条发现、每个关系都注明出处（文件:行号），可回到方案原文核对。"
              "表格可点击表头排序、输入文字筛选；在责任网络中点击节点，右侧显示其详情与出处；"
              "网络可拖动、滚轮缩放，点击图例可隐藏或显示一类。",
              "{n} subdistrict(s). Every figure, finding and relationship names its evidence (file:line), so it can be "
              "checked against the plan's text. Click a table header to sort, type to filter; click a node of the "
              "responsibility network to see its details and evidence on the right; drag and scroll to move and "
              "zoom the network, click the legend to hide or show a kind."),
    "warnings": L("读取时的提示", "Warnings from reading"),
    "empty": L("图中没有任何街道。", "The graph holds no subdistrict."),
    "footer": L("本报告是一个独立的 HTML 文件，无需联网；图表由 plotly.js（随 Python 包 plotly {version} 提供）绘制，"
                "网络布局由 networkx 计算。",
                "This report is one self-contained HTML file that needs no network; the charts are drawn by plotly.js "
                "(shipped with the Python package plotly {version}), the network is laid out by networkx."),
    "plan": L("方案：", "Plan: "),
    "plan_title": L("《{title}》", "“{title}”"),
    "not_applicable": L("不适用", "n/a"),
    "truck": L("卡车因子：{names} 缺位后，{uncovered} 项任务（过半）再无人牵头或负责；少于此数的领导缺位都做不到。",
               "Truck factor: with {names} missing, {uncovered} tasks (more than half) have nobody leading or "
               "accountable; no fewer officials missing would do that."),
    "truck_na": L("卡车因子不适用：{reason}。", "Truck factor not applicable: {reason}."),
    "findings": L("审计发现", "Findings"),
    "filter": L("筛选：输入任意文字（对象、说明、类型、出处…）", "Filter: type any text (subject, message, kind, evidence…)"),
    "filter_label": L("筛选审计发现", "Filter the findings"),
    "severity": L("严重程度", "Severity"),
    "all_severities": L("全部严重程度", "All severities"),
    "kind": L("类型", "Kind"),
    "all_kinds": L("全部类型", "All kinds"),
    "shown": L("显示 {shown} / {total} 条", "showing {shown} / {total}"),
    "subject": L("对象", "Subject"),
    "message": L("说明", "Message"),
    "evidence": L("出处", "Evidence"),
    "no_findings": L("没有审计发现。", "No findings."),
    "bottlenecks": L("瓶颈", "Bottlenecks"),
    "officials": L("领导", "Officials"),
    "units": L("单位", "Units"),
    "network": L("责任网络", "Responsibility network"),
    "find_node": L("查找节点：领导、单位、任务、目标…", "Find a node: official, unit, task, goal…"),
    "find_node_label": L("查找节点", "Find a node"),
    "marks": L("红色叉号：无牵头领导的任务、无负责人的单位。", "Red cross: a task without a lead, a unit without a head."),
    "details_placeholder": L("点击网络中的节点（或审计表中的对象），这里显示它的详情：属性、关系与出处。",
                             "Click a node of the network (or a finding's subject) to see its details here: "
                             "properties, relationships and evidence."),
    "task_option": L("{task}：{name}", "{task}: {name}"),
    "node_option": L("{kind}：{name}", "{kind}: {name}"),
    "unnumbered": L("无序号", "no number"),
    "unnumbered_task": L("无序号任务", "unnumbered task"),
    # figures
    "relation": L("关系：{name}", "relationship: {name}"),
    "legend_count": L("{name}（{n}）", "{name} ({n})"),
    "selected": L("选中", "selected"),
    "hover_click": L("点击查看详情与出处", "click for details and evidence"),
    "official": L("领导", "official"),
    "unit": L("单位", "unit"),
    "unit-without-head": L("无负责人的单位", "unit without a head"),
    "task": L("任务", "task"),
    "task-without-lead": L("无牵头领导的任务", "task without a lead"),
    "goal": L("目标", "goal"),
    "edge_LEADS": L("牵头", "leads"),
    "edge_RESPONSIBLE_FOR": L("责任", "responsible"),
    "edge_COOPERATES_ON": L("配合", "cooperates"),
    "edge_HEADS": L("担任负责人", "heads"),
    "edge_SERVES": L("服务于目标", "serves goal"),
    "edge_PART_OF": L("属于目标", "part of goal"),
    "load_hover": L("合计 {load} 项（牵头或作为部门负责人负责）<br>中介中心度 {betweenness:.3f}",
                    "{load} tasks in all (led, or accountable for as head of the unit)<br>betweenness {betweenness:.3f}"),
    "articulation_hover": L("<br>割点", "<br>articulation point"),
    "tasks_led": L("牵头任务", "tasks led"),
    "tasks_accountable": L("作为责任部门负责人负责的任务", "tasks accountable for as head of the responsible unit"),
    "task_count": L("任务数", "tasks"),
    "officials_note": L("任务最多的 {n} 位领导：牵头的任务，和作为责任部门负责人负责的任务。",
                        "The {n} officials with the most tasks: tasks they lead, and tasks they are accountable for "
                        "as head of the responsible unit."),
    "betweenness": L("中介中心度", "betweenness"),
    "officials_idle": L("本方案没有领导牵头或负责任何任务，无从比较任务负担；图中按责任网络中的中介中心度排列。",
                        "No official leads or answers for any task in this plan, so loads cannot be compared; the "
                        "chart ranks by betweenness in the responsibility network."),
    "who_role": L("{name}（{role}）", "{name} ({role})"),
    "collective": L("（集体）", " (collective)"),
    "heads_hover": L("负责人：{heads}", "heads: {heads}"),
    "nobody": L("无", "none"),
    "responsible": L("责任", "responsible"),
    "cooperating": L("配合", "cooperating"),
    "units_note": L("任务最多的 {n} 个单位：作为责任部门和作为配合部门的任务。",
                    "The {n} units with the most tasks: as the responsible unit and as a cooperating unit."),
    "units_idle": L("本方案没有把任何任务交给单位，无从比较任务负担；图中按责任网络中的中介中心度排列。",
                    "This plan gives no task to any unit, so loads cannot be compared; the chart ranks by "
                    "betweenness in the responsibility network."),
    # the changes between versions
    "changes": L("变化", "Changes"),
    # a report of many 街道: an index page and one page per 街道
    "footer_pages": L("本页是报告的一页，无需联网；图表由同一文件夹中的 plotly.js（随 Python 包 plotly {version} 提供）"
                      "绘制，网络布局由 networkx 计算。",
                      "This page is one page of a report and needs no network; the charts are drawn by plotly.js in the "
                      "same folder (shipped with the Python package plotly {version}), the network is laid out by networkx."),
    "home": L("← 全部街道", "← All subdistricts"),
    "page_title": L("{subdistrict} · {title}", "{subdistrict} · {title}"),
    "index_lede": L("共 {n} 个街道，每个街道一页：点击名称打开它的汇总数字、审计发现（附出处）、瓶颈图和责任网络。"
                    "表格可点击表头排序、输入文字筛选。",
                    "{n} subdistrict(s), one page each: click a name to open its figures, findings (with evidence), "
                    "bottleneck charts and responsibility network. Click a table header to sort, type to filter."),
    "index_filter": L("筛选：输入街道或方案名称", "Filter: type a subdistrict's or a plan's name"),
    "index_subdistrict": L("街道", "Subdistrict"),
    "index_plan": L("方案", "Plan"),
    "index_warnings": L("提示", "Warnings"),
    "index_footer": L("本报告由这个索引页和 {folder} 文件夹中每个街道的一页组成，无需联网；发给别人时请连同该文件夹一起发送。",
                      "This report is this index page and one page per subdistrict in the folder {folder}; it needs no "
                      "network. To send it, send the folder with it."),
}

#: The words the report's script writes into the page (``{n}``-style fields filled there).
SCRIPT_WORDS: dict[str, L] = {
    "evidence_at": L(" · 出处 ", " · evidence "),
    "findings_n": L("审计发现（{n}）", "Findings ({n})"),
    "finding": L("［{severity}］{kind}：{message} ", "[{severity}] {kind}: {message} "),
    "facts_n": L("关系（{n}）", "Relationships ({n})"),
    "no_facts": L("图中没有它的任何关系。", "The graph holds no relationship of it."),
    "fact": L("{relation}：", "{relation}: "),
    "paren": L("（{text}）", " ({text})"),
    "shown": REPORT["shown"],
}


# --------------------------------------------------------------------------- the workbook

WORKBOOK: dict[str, L] = {
    "findings_sheet": L("审计发现", "Findings"),
    "officials_sheet": L("领导负担", "Officials' load"),
    "number": L("序号", "No."),
    "goal": L("所属项目", "Project"),
    "task": L("任务", "Task"),
    "lead": L("牵头领导", "Lead"),
    "evidence": L("出处", "Evidence"),
    "subdistrict": L("发文机关", "Issuer"),
    "severity": L("严重程度", "Severity"),
    "kind": L("类型", "Kind"),
    "kind_code": L("类型代码", "Kind code"),
    "subject": L("对象", "Subject"),
    "message": L("说明", "Message"),
    "file": L("文件", "File"),
    "line": L("行", "Line"),
    "official": L("领导", "Official"),
    "role": L("领导小组职务", "Role"),
    "tasks_led": L("牵头任务", "Tasks led"),
    "tasks_accountable": L("作为责任部门负责人负责的任务", "Tasks accountable"),
    "load": L("合计任务", "Load"),
    "units_headed": L("担任负责人的单位数", "Units headed"),
    "betweenness": L("中介中心度", "Betweenness"),
    "articulation": L("割点", "Articulation point"),
    "责任": L("责任", "resp."),
    "配合": L("配合", "coop."),
}


# --------------------------------------------------------------------------- the review workbook

#: The review workbook's columns (``export --format review``), in order: (key, header). A corrections CSV has the
#: same columns, with the headers of either language.
REVIEW_COLUMNS: tuple[tuple[str, L], ...] = (
    ("subdistrict", L("发文机关", "Issuer")),
    ("fact", L("事实", "Fact")),
    ("of", L("所属", "Of")),
    ("name", L("名称", "Name")),
    ("detail", L("说明", "Detail")),
    ("file", L("文件", "File")),
    ("line", L("行", "Line")),
    ("place", L("位置", "Place")),
    ("source_text", L("原文", "Source text")),
    ("warnings", L("读取警告", "Reader's warnings")),
    ("verdict", L("判断", "verdict")),
    ("correction", L("更正", "correction")),
    ("code", L("事实代码", "Fact code")),
)

#: The kinds of fact a review lists (:data:`graphmodel.review.FACT_KINDS`).
FACT_KINDS: dict[str, L] = {
    "role": L("领导小组职务", "role in the leading group"),
    "member-unit": L("成员单位", "member unit"),
    "office-head": L("办公室负责人", "head of the office"),
    "office-seat": L("办公室设在", "office seated in"),
    "lead": L("牵头领导", "lead"),
    "responsible": L("责任部门", "responsible unit"),
    "cooperating": L("配合部门", "cooperating unit"),
}

#: A reviewer's verdict on a row: right, wrong (removed, or replaced by the correction), missing (a fact to add).
VERDICTS: dict[str, L] = {"right": L("对", "right"), "wrong": L("错", "wrong"), "missing": L("缺", "missing")}

REVIEW: dict[str, L] = {
    "sheet": L("审核", "Review"),
    "help_sheet": L("说明", "How to"),
    "missing_fact": L("文件没有写明（如有，请在“更正”填写并判断为“缺”）",
                      "the document gives none (if there is one, write it under correction and mark it missing)"),
    "inherited": L("读自上方的合并单元格", "read from a merged cell above"),
    "verdict_prompt": L("对、错或缺", "right, wrong or missing"),
    "help": L(
        "每行是读出的一个事实。“判断”选 对 / 错 / 缺：错且“更正”为空，删除该事实；错且填写“更正”，以更正替换"
        "（领导小组职务行替换职务，其余行替换名称）；缺：增加一个事实，名称写在“更正”（复制同一任务的一行，"
        "可改“事实”一列）。“事实代码”一列请勿修改。改好后：graphmodel 命令 --corrections 本文件。",
        "Each row is one fact read. Set verdict to right / wrong / missing: wrong with no correction removes the "
        "fact; wrong with a correction replaces it (the role on a role row, the name on the others); missing adds "
        "a fact, named under correction (copy a row of the same task; you may change its Fact column). Leave the "
        "Fact code column as it is. Then: any graphmodel command with --corrections this file."),
}


# --------------------------------------------------------------------------- sentences

_PHRASES: dict[str, L] = {
    "sep": L("、", ", "),
    "task": L("任务{number}", "task {number}"),
    "task_under": L("“{goal}”下无序号的任务", "the unnumbered task under “{goal}”"),
    "task_unnumbered": L("无序号的任务", "an unnumbered task"),
    "task_at": L("{task}（第{line}行）", "{task} (line {line})"),
    "task_titled": L("{task}：{name}", "{task}: {name}"),
    "node": L("{label}：{name}", "{label}: {name}"),
    "forward": L("—{verb}→", "-{verb}->"),
    "backward": L("←{verb}—", "<-{verb}-"),
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
    "corrected": L("；更正 {where}", "; corrected: {where}"),
    "none": L("（无）", "(none)"),
    "deputy": L("（副职）", " (deputy)"),
    "via": L("经由{name}", "via {name}"),
    "detail_sep": L("；", "; "),
    "missing": L("（缺）", " (missing)"),
    "task_was": L("{task}（原{old}）", "{task} (was {old})"),
    "lead_post": L("牵头岗位（未写姓名）", "lead post (no name given)"),
    "same_aliases": L("别名相同", "a shared alias"),
    "same_tasks": L("{n}项任务相同", "{n} tasks in common"),
    "succeeded_by": L("，由{name}接任", ", succeeded by {name}"),
    "nobody": L("无", "none"),
    "document_of": L("{date}的《{title}》", "{title} of {date}"),
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
    "task-led-by-post": L("{task}的牵头领导只写了岗位（{posts}），没有写明是谁",
                          "{Task} names its lead by post only ({posts}), not by name"),
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
    "correction-unmatched": L("审核表{name}的更正找不到它所改的事实（{fact}，{of}）：文件可能已经改了，未应用",
                              "the correction at {name} finds no longer the fact it changes ({fact}, {of}): the "
                              "document may have changed; not applied"),
    "member-without-task": L("{role}{name}既不牵头任何任务，也不对任何任务负责（不是任何责任部门的负责人）",
                             "{role} {name} leads no task and is accountable for none (heads no responsible unit)"),
    "lead-left-group": L("{name}已于{left}离开领导小组（原任{role}{successor}），但{table}仍由{name}牵头{tasks}",
                         "{name} left the leading group on {left} (was {role}{successor}), yet {table} still has "
                         "{name} lead {tasks}"),
    "unit-old-name": L("{old}已在{renamed_in}中更名为{new}（{basis}），但{document}仍用旧名{old}",
                       "{old} is renamed {new} in {renamed_in} ({basis}), yet {document} still uses the old name"),
    "task-dropped-without-successor": L(
        "{task}在{after}中删去，该版新增或改写的任务中没有一项接过它的牵头领导和责任部门（{who}）",
        "{Task} is dropped in {after}, and no task added or reworded there takes over its lead and responsible "
        "unit ({who})"),
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


def task_at(task: dict[str, Any], lang: str = "zh") -> str:
    """A task with the line of the fact that names it: 任务9（第472行） / task 9 (line 472)."""
    line = (task.get("evidence") or {}).get("line")
    return _PHRASES["task_at"](lang, task=task_name(task, lang), line=line) if line else task_name(task, lang)


def node_name(node: dict[str, Any], lang: str = "zh", *, width: int = 16, titled: bool = False) -> str:
    """A node in a chain or a list: 领导：蔡斌 / official: 蔡斌; a numbered task as 任务12 / task 12
    (``titled``: 任务12：text). Names longer than ``width`` end in ….

    >>> node_name({"label": "Task", "number": 12, "name": "整新"}, "en", titled=True)
    'task 12: 整新'
    """
    name = node["name"] if len(node["name"]) <= width else node["name"][: width - 1] + "…"
    if node.get("label") == "Task" and node.get("number") is not None:
        task = task_name(node, lang)
        return _PHRASES["task_titled"](lang, task=task, name=name) if titled else task
    if titled:
        return name
    return _PHRASES["node"](lang, label=text(NODE_LABELS, node.get("label"), lang), name=name)


def relation_arrow(relation: dict[str, Any], lang: str = "zh") -> str:
    """A step's relationship as an arrow: —牵头→ / ←配合— (zh), -LEADS-> / <-COOPERATES_ON- (en)."""
    verb = text(VERBS, relation["type"], lang) if lang == "zh" else relation["type"]
    return _PHRASES["forward" if relation["forward"] else "backward"](lang, verb=verb)


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
    if kind in ("task-without-lead", "task-without-responsible-unit", "task-led-by-post"):
        values["task"] = task_name(subject, lang, quote=True)
        values["Task"] = values["task"][:1].upper() + values["task"][1:]
        values["posts"] = join((s["name"] for s in others if s.get("part") == "post"), lang)
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
    elif kind == "correction-unmatched":
        values |= {"fact": text(FACT_KINDS, subject.get("fact"), lang),
                   "of": join((p for p in (subject.get("about"), subject.get("of")) if p), lang)}
    elif kind == "member-without-task":
        role = role_name(subject.get("role"), lang)
        values["role"] = role[:1].upper() + role[1:] if lang == "en" else role
    elif kind in _ACROSS_TIME:
        values |= _ACROSS_TIME[kind](subject, others, lang)
    return FINDINGS[kind](lang, **values)


def _document_of(subjects: list[dict[str, Any]], part: str, lang: str) -> str:
    """A document of an across-time finding: 2025-02-20的《…》 / … of 2025-02-20."""
    [doc] = [s for s in subjects if s.get("part") == part]
    return _PHRASES["document_of"](lang, date=doc.get("date"), title=doc.get("title") or doc.get("name"))


def _lead_left(subject, others, lang) -> dict[str, Any]:
    heirs = [s["name"] for s in others if s.get("part") == "successor"]
    [left_by] = [s for s in others if s.get("part") == "left_by"]
    return {"left": left_by.get("date"), "role": role_name(subject.get("role"), lang),
            "successor": _PHRASES["succeeded_by"](lang, name=heirs[0]) if heirs else "",
            "table": _document_of(others, "table", lang),
            "tasks": join((task_name(t, lang) for t in others if t.get("part") == "led"), lang)}


def _old_name(subject, others, lang) -> dict[str, Any]:
    [new] = [s for s in others if s.get("part") == "new_name"]
    return {"old": subject["name"], "new": new["name"], "basis": change_basis(new, lang),
            "renamed_in": _document_of(others, "renamed_in", lang), "document": _document_of(others, "document", lang)}


def _dropped(subject, others, lang) -> dict[str, Any]:
    task = task_name(subject, lang, quote=True)
    who = [s["name"] for s in others if s.get("part") in ("lead", "responsible")]
    return {"task": task, "Task": task[:1].upper() + task[1:], "after": _document_of(others, "after", lang),
            "who": join(who, lang) if who else _PHRASES["nobody"](lang)}


#: The values of each across-time finding's sentence (graphmodel.analysis.across_time).
_ACROSS_TIME = {"lead-left-group": _lead_left, "unit-old-name": _old_name, "task-dropped-without-successor": _dropped}


def fact_relation(fact: dict[str, Any], lang: str = "zh") -> str:
    """How a fact of :func:`graphmodel.analysis.show.describe` reads from its subject's side.

    >>> fact_relation({"type": "LEADS", "direction": "in"}, "en")
    'lead'
    """
    entry = RELATIONS.get((fact["type"], fact["direction"]))
    return entry(lang) if entry else f"{fact['type']} ({fact['direction']})"


def fact_detail(fact: dict[str, Any], lang: str = "zh") -> str:
    """The note on a fact from its edge's properties: the role, the position, the unit it goes through.

    >>> fact_detail({"properties": {"position": "主任", "deputy": False}, "via": None})
    '主任'
    >>> fact_detail({"properties": {"role": "副组长"}, "via": {"id": "甲/Unit/管理办", "name": "管理办"}}, "en")
    'deputy leader; via 管理办'
    """
    props = fact.get("properties") or {}
    parts = []
    if props.get("role"):
        parts.append(role_name(props["role"], lang))
    if props.get("position"):
        position = str(props["position"])
        parts.append(position + (_PHRASES["deputy"](lang) if props.get("deputy") and "副" not in position else ""))
    if fact.get("via"):
        parts.append(_PHRASES["via"](lang, name=fact["via"]["name"]))
    return _PHRASES["detail_sep"](lang).join(parts)


def property_value(key: str, value: Any, lang: str = "zh") -> str:
    """A node property as a reader sees it: roles, kinds and levels in ``lang``, yes/no, lists joined.

    >>> property_value("attachments", [{"number": 2, "title": "项目计划表", "present": False}], "en")
    '2. 项目计划表 (missing)'
    """
    if value is None:
        return ""
    if key == "role":
        return role_name(value, lang)
    if key == "kind":
        return text(UNIT_KINDS, value, lang)
    if key == "level":
        return text(GOAL_LEVELS if value in GOAL_LEVELS else ISSUER_LEVELS, value, lang)
    if key == "attachments":
        return _PHRASES["detail_sep"](lang).join(
            f"{a['number']}.{'' if lang == 'zh' else ' '}{a['title']}{'' if a.get('present', True) else _PHRASES['missing'](lang)}"
            for a in value)
    if isinstance(value, bool):
        return WORDS["yes" if value else "no"](lang)
    if isinstance(value, (list, tuple)):
        return join((property_value(key, v, lang) for v in value), lang)
    return str(value)


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
        if key == "role" and isinstance(value, str):  # a leading-group role is a word to translate
            value = role_name(value, lang)
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
    >>> where({"file": "a.txt", "line": 7, "corrected": "review.xlsx:17"}, "en")
    'a.txt:7; corrected: review.xlsx:17'
    """
    if not evidence:
        return ""
    out = f"{evidence['file']}:{evidence['line']}"
    if parts := place(evidence, lang):
        out += _PHRASES["details"](lang, parts=parts)
    for other in evidence.get("also") or ():
        out += _PHRASES["also"](lang, where=where(other, lang))
    if evidence.get("corrected"):
        out += _PHRASES["corrected"](lang, where=evidence["corrected"])
    return out


def place(evidence: dict[str, Any] | None, lang: str = "zh") -> str:
    """Where in its file a fact stands beyond the line: page, table, row, cell (empty for running text).

    >>> place({"file": "a.pdf", "line": 7, "page": 2, "table": 1}), place({"file": "a.txt", "line": 7})
    ('第2页，表1', '')
    """
    return _PHRASES["details_sep"](lang).join(
        _PHRASES[key](lang, **{key: evidence[key]}) for key in ("page", "table", "row", "cell")
        if evidence and evidence.get(key) is not None)


def change_task(change: dict[str, Any], lang: str = "zh") -> str:
    """The task of a change (:func:`graphmodel.analysis.diff.diff`): 任务4, 任务5（原任务6）; empty for none.

    >>> change_task({"task": {"before": {"number": 6, "name": "修路"}, "after": {"number": 5, "name": "修路"}}}, "en")
    'task 5 (was task 6)'
    """
    task = change.get("task") or {}
    before, after = task.get("before"), task.get("after")
    if not before and not after:
        return ""
    if before and after and before.get("number") != after.get("number"):
        return _PHRASES["task_was"](lang, task=task_name(after, lang), old=task_name(before, lang))
    return task_name(after or before, lang)


def change_value(change: dict[str, Any], side: str, lang: str = "zh", *, width: int | None = None) -> str:
    """One side (``"before"`` / ``"after"``) of a change in ``lang``: a role, a unit's part, a lead, a text.

    >>> change_value({"kind": "unit-role-changed", "before": "responsible", "after": "cooperating"}, "after", "en")
    'cooperating unit'
    >>> change_value({"kind": "lead-added", "before": None, "after": {"name": "区政府分管领导", "post": True}}, "after")
    '牵头岗位（未写姓名）'
    """
    value = change.get(side)
    if value is None:
        return ""
    kind = change["kind"]
    if kind in ("official-joined", "official-left", "role-changed"):
        return role_name(value, lang)
    if kind.startswith("unit-") and kind != "unit-renamed":
        return text(DEPENDENCY_ROLES, value, lang)
    if isinstance(value, dict):  # a lead: the column names it, the value says what it is
        return _PHRASES["lead_post"](lang) if value.get("post") else text(DEPENDENCY_ROLES, "lead", lang)
    value = str(value)
    return value if width is None or len(value) <= width else value[: width - 1] + "…"


def change_basis(change: dict[str, Any], lang: str = "zh") -> str:
    """Why a unit counts as renamed: a shared alias, or the tasks it holds in both versions; empty otherwise."""
    if change.get("basis") == "aliases":
        return _PHRASES["same_aliases"](lang)
    if change.get("basis") == "tasks":
        return _PHRASES["same_tasks"](lang, n=change["tasks"])
    return ""
