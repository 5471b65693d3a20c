"""Analyses of the responsibility graph for planners and auditors: pure functions, plain data out."""

from __future__ import annotations

from .across_time import ACROSS_TIME_KINDS, audit_across_time
from .audit import KINDS, SEVERITIES, audit
from .bottlenecks import bottlenecks, truck_factor
from .depends import DEPENDENCY_ROLES, dependencies, dependency_graph, dependency_paths
from .lookup import LOOKUP_LABELS, lookup, qualified_name
from .network import NETWORK_LABELS, RESPONSIBILITY_RELS, cut_off_tasks, responsibility_network
from .show import describe

__all__ = [
    "audit", "KINDS", "SEVERITIES",
    "audit_across_time", "ACROSS_TIME_KINDS",
    "bottlenecks", "truck_factor",
    "dependency_graph", "dependencies", "dependency_paths", "DEPENDENCY_ROLES",
    "lookup", "qualified_name", "LOOKUP_LABELS",
    "responsibility_network", "cut_off_tasks", "RESPONSIBILITY_RELS", "NETWORK_LABELS",
    "describe",
]
