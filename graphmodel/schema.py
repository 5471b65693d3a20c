"""The labels, relationship types and id scheme of the responsibility graph."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Label", "Rel", "node_id", "LABELS", "RELS"]


class Label(StrEnum):
    """Node labels (the closed allow-list used by exports and the Neo4j writer)."""

    ISSUER = "Issuer"  # 发文机关所在的街道、镇、区、县、市 (level)
    PLAN = "Plan"  # 行动方案
    OFFICIAL = "Official"  # 领导小组成员
    UNIT = "Unit"  # 部门、中心、队、所、专班……
    TASK = "Task"  # 任务表的一行，或无任务表时的一条编号行动
    GOAL = "Goal"  # 主要目标、行动、一级指标、二级项目
    STREET = "Street"  # 道路、河道


class Rel(StrEnum):
    """Relationship types (the closed allow-list)."""

    LEADS = "LEADS"  # Official → Task       牵头领导
    RESPONSIBLE_FOR = "RESPONSIBLE_FOR"  # Unit → Task      责任部门
    COOPERATES_ON = "COOPERATES_ON"  # Unit → Task          配合部门
    ACCOUNTABLE_FOR = "ACCOUNTABLE_FOR"  # Official → Task  heads the responsible unit
    HEADS = "HEADS"  # Official → Unit       主任、书记、队长…（deputy=true 为副职）
    MEMBER_OF = "MEMBER_OF"  # Official → Plan (role); Official → Unit (委员); Unit → Unit (专班成员); Unit → Plan
    SERVES = "SERVES"  # Task → Goal
    PART_OF = "PART_OF"  # Goal → Goal
    CONCERNS = "CONCERNS"  # Task | Goal → Street
    IN_PLAN = "IN_PLAN"  # Task | Goal → Plan
    PLAN_OF = "PLAN_OF"  # Plan → Issuer


LABELS: frozenset[str] = frozenset(label.value for label in Label)
RELS: frozenset[str] = frozenset(rel.value for rel in Rel)


def node_id(subdistrict: str, label: str, key: str = "") -> str:
    """Return the stable id of a node, scoped by its 街道.

    Parameters
    ----------
    subdistrict : str
        The 街道 the node belongs to.
    label : str
        The node's label.
    key : str
        What identifies the node within its label (a name, a task number).

    Returns
    -------
    str
        ``"<街道>/<label>/<key>"``, or ``"<街道>/<label>"`` without a key.

    Examples
    --------
    >>> node_id("金杨新村街道", "Official", "蔡斌")
    '金杨新村街道/Official/蔡斌'
    >>> node_id("金杨新村街道", "Issuer")
    '金杨新村街道/Issuer'
    """
    return f"{subdistrict}/{label}/{key}" if key else f"{subdistrict}/{label}"
