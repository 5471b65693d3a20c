"""The Chinese words and colours the report and the workbook share."""

from __future__ import annotations

__all__ = ["KIND_NAMES", "SEVERITY_NAMES", "SEVERITY_RANK", "LABEL_NAMES", "TRUCK_REASONS", "FONT_FAMILY"]

#: Each audit finding's kind, as a planner reads it.
KIND_NAMES: dict[str, str] = {
    "task-without-lead": "任务无牵头领导",
    "task-without-responsible-unit": "任务无责任部门",
    "single-point-of-failure": "单点故障",
    "lead-not-in-group": "牵头领导不在领导小组",
    "unit-without-head": "单位无负责人",
    "missing-attachment": "缺少附件",
    "goal-without-task": "目标无任务",
    "overloaded-official": "领导负担过重",
    "overloaded-unit": "单位负担过重",
    "member-without-task": "副组长无任务",
}

SEVERITY_NAMES: dict[str, str] = {"high": "高", "medium": "中", "low": "低"}
SEVERITY_RANK: dict[str, int] = {"high": 0, "medium": 1, "low": 2}

LABEL_NAMES: dict[str, str] = {
    "Official": "领导", "Unit": "单位", "Task": "任务", "Goal": "目标",
    "Street": "道路", "Plan": "方案", "Subdistrict": "街道",
}

#: Why a 街道 has no truck factor (``truck_factor``'s ``reason``), formatted with its row.
TRUCK_REASONS: dict[str, str] = {
    "no-tasks": "方案中没有任务",
    "no-task-covered": "没有任何任务写明牵头领导或由领导小组成员负责的责任部门，无从计算",
    "most-tasks-uncovered": "未移除任何人时已有{uncovered}项任务（超过一半）无人牵头或负责",
}

#: Fonts that hold Chinese on Windows, macOS and Linux, in that order.
FONT_FAMILY = ('"Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", '
               '"Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif')
