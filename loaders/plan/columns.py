"""Task-table column headers → the role each column plays (number, goal, task, lead, responsible, …).

One table of header words for every layout of the genre: 任务分工方案, 责任分解表, 重点工作计划, 民生实事 and the
action plans' own task tables. A reader of split-cell text and a reader of real table cells both ask
:func:`column_role` what a header cell means.
"""

from __future__ import annotations

import functools
import re

from .traditional import simplified

__all__ = ["ROLES", "SECTION_HEADING", "column_role", "header_roles"]

#: The roles a column can play, with the header words that name it, tried in this order.
ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("序号", "编号", "序")),
    ("progress", ("进展", "推进情况", "完成情况", "落实情况", "工作进度", "当前进度", "进度")),
    ("deadline", ("完成时限", "完成时间", "时间节点", "时限", "进度安排", "时间安排")),
    ("cooperating", ("配合部门", "配合单位", "配合科室", "协同单位", "协同部门", "协办单位", "协办部门", "参与单位",
                     "配合", "协同", "协办")),
    ("lead", ("牵头领导", "分管领导", "责任领导", "联系领导", "包保领导", "区政府分管领导", "市政府分管领导",
              "县政府分管领导", "牵头街领导", "责任人", "领导")),
    ("responsible", ("责任部门", "责任单位", "责任科室", "牵头单位", "牵头部门", "牵头科室", "主责部门", "主责单位",
                     "承办单位", "实施单位", "责任主体")),
    ("goal", ("一级指标", "二级指标", "二级项目", "项目类别", "类别", "板块", "领域", "重点工作", "工作类别", "项目名称",
              "指标", "项目")),
    ("task", ("三级内容", "工作任务", "具体任务", "任务内容", "工作内容", "主要内容", "工作措施", "具体措施", "推进举措",
              "工作目标", "目标任务", "实事项目", "民生实事", "任务", "内容", "措施", "举措", "目标")),
)

#: Header words that name a column only as the whole header: 民生实事 heads a task column, but a remark cell
#: 市民生实事 (the kind of project) under 备注 is no header.
_WHOLE = frozenset({"民生实事"})

#: A section row's numbering: 一、 / （一） / 第一部分.
SECTION_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[部分类项篇章])\s*"
)

_SPACES = re.compile(r"[\s\u00a0\u3000]+")


@functools.lru_cache(maxsize=4096)
def column_role(header: str) -> str | None:
    """The role a header cell names, or None if it names none.

    A header of two words is named by its last (the head of a Chinese compound): 项目内容 is the content of a
    project, a task column; 实事项目 ends with 项目 either way, and the first role listed in :data:`ROLES` wins.

    Examples
    --------
    >>> [column_role(h) for h in ["序 号", "区政府分管领导", "牵头单位", "协同单位", "工作任务", "完成时限", "备注"]]
    ['number', 'lead', 'responsible', 'cooperating', 'task', 'deadline', None]
    >>> [column_role(h) for h in ["项目内容", "当前进度", "进度安排", "实事项目", "一级指标"]]
    ['task', 'progress', 'deadline', 'goal', 'goal']
    >>> [column_role(h) for h in ["序號", "項目名稱", "責任單位", "牽頭領導"]]
    ['number', 'goal', 'responsible', 'lead']
    """
    text = simplified(_SPACES.sub("", header))  # 責任單位, 項目名稱: read as simplified
    if not text:
        return None
    best: tuple[int, int] | None = None  # (where the word ends, its rank) of the role chosen so far
    chosen = None
    for rank, (role, words) in enumerate(ROLES):
        ends = [text.rfind(w) + len(w) for w in words
                if w in text and (len(w) > 1 and w not in _WHOLE or text == w)]  # 序, not 是否达序
        if ends and (best is None or max(ends) > best[0]):
            best, chosen = (max(ends), rank), role
    return chosen


def header_roles(cells: list[str] | tuple[str, ...]) -> list[str | None] | None:
    """The role of each header cell, or None when the row is not a task table's header.

    A header names a task column and at least one of lead / responsible unit.

    Examples
    --------
    >>> header_roles(["序号", "重点任务", "分管领导", "牵头单位", "配合单位"])
    ['number', 'task', 'lead', 'responsible', 'cooperating']
    >>> header_roles(["姓名", "职务"]) is None
    True
    >>> header_roles(["序号", "项目名称", "牵头单位"]), header_roles(["实事项目", "项目内容", "牵头单位"])
    (['number', 'task', 'responsible'], ['goal', 'task', 'responsible'])
    """
    roles = [column_role(c) for c in cells]
    if "task" not in roles and "goal" in roles and ({"lead", "responsible"} & set(roles)) \
            and all(len(_SPACES.sub("", c)) <= 12 and not re.search(r"[。；;，,]", c) for c in cells):
        # 序号 | 项目名称 | 牵头单位 (a header: short words, no sentence): where no column says what is done, the
        # last project column does
        last = max(k for k, role in enumerate(roles) if role == "goal")
        roles[last] = "task"
    if "task" in roles and ({"lead", "responsible"} & set(roles)):
        return roles
    return None
