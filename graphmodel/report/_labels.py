"""The Chinese words and colours the report and the workbook share."""

from __future__ import annotations

__all__ = ["KIND_NAMES", "SEVERITY_NAMES", "SEVERITY_RANK", "LABEL_NAMES", "FONT_FAMILY"]

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
    "Street": "道路", "Plan": "方案", "Issuer": "发文机关",
}

#: Fonts that hold Chinese on Windows, macOS and Linux, in that order.
FONT_FAMILY = ('"Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", '
               '"Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif')
