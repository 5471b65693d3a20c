"""Shared helpers for tests: the bundled plans read once, and small ways to ask the graph."""

from __future__ import annotations

import functools
from pathlib import Path

import networkx as nx

from graphmodel import build_graph
from loaders import read_plan

ROOT = Path(__file__).resolve().parent.parent
JINYANG = ROOT / "data" / "金杨新村街道打造精品城区行动方案.txt"
WEIFANG = ROOT / "data" / "潍坊新村街道整体提升打造精品城区专项行动计划.txt"


@functools.cache
def graph_of(path: Path) -> nx.MultiDiGraph:
    return build_graph([read_plan(path)])


def nodes(graph: nx.MultiDiGraph, label: str) -> dict[str, dict]:
    """Nodes of a label, keyed by name."""
    return {d["name"]: {"id": n, **d} for n, d in graph.nodes(data=True) if d["label"] == label}


def sources(graph: nx.MultiDiGraph, target: str, type_: str) -> set[str]:
    """Names of the nodes with an edge of this type into ``target``."""
    return {graph.nodes[u]["name"] for u, _, k in graph.in_edges(target, keys=True) if k == type_}


def targets(graph: nx.MultiDiGraph, source: str, type_: str) -> set[str]:
    return {graph.nodes[v]["name"] for _, v, k in graph.out_edges(source, keys=True) if k == type_}


def tasks_by_number(graph: nx.MultiDiGraph) -> dict[int | None, str]:
    return {d["number"]: n for n, d in graph.nodes(data=True) if d["label"] == "Task"}


def union(*graphs: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """One graph holding several (edge keys kept, unlike ``Graph.update``)."""
    out = nx.MultiDiGraph()
    for g in graphs:
        out.add_nodes_from(g.nodes(data=True))
        out.add_edges_from(g.edges(keys=True, data=True))
        out.graph.setdefault("warnings", []).extend(g.graph.get("warnings", []))
    return out


def both_plans() -> nx.MultiDiGraph:
    return union(graph_of(JINYANG), graph_of(WEIFANG))
