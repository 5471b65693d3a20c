"""The report's plotly figures: the responsibility network and the bottleneck bar charts, as plain JSON.

The figures are written as the dicts plotly.js reads (``tests/test_report.py`` checks that plotly accepts each
one): building them through ``plotly.graph_objects`` validated every property and took most of the report's time.
"""

from __future__ import annotations

import functools
import json
import math
from typing import Any

import networkx as nx

from ..labels import REPORT, join, role_name
from ..schema import Label, Rel

__all__ = ["network_figure", "officials_figure", "units_figure", "plotly_template", "NETWORK_NODE_LABELS", "NETWORK_RELS", "FONT_FAMILY"]

#: Fonts that hold Chinese on Windows, macOS and Linux, in that order.
FONT_FAMILY = ('"Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", '
               '"Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif')

#: The kinds of node the network shows.
NETWORK_NODE_LABELS: tuple[str, ...] = (Label.OFFICIAL, Label.UNIT, Label.TASK, Label.GOAL)

#: The relationships the network draws: type → (colour, dash); the legend says ``REPORT["edge_<type>"]``.
NETWORK_RELS: dict[str, tuple[str, str]] = {
    Rel.LEADS: ("#1f77b4", "solid"),
    Rel.RESPONSIBLE_FOR: ("#2ca02c", "solid"),
    Rel.COOPERATES_ON: ("#8fd18a", "dot"),
    Rel.HEADS: ("#9ab8d8", "dash"),
    Rel.SERVES: ("#c5b0d5", "solid"),
    Rel.PART_OF: ("#d9d9d9", "solid"),
}

#: Rounds of the spring layout: 100 reach the same picture as more for plans of this size (a few hundred nodes),
#: at a third of the time.
_ITERATIONS = 100

_MARK = "#d62728"  # what the plan leaves open is drawn in red
# category (its legend name is REPORT[category]) → (symbol, fill, outline, outline width, size, text shown)
_CATEGORIES: dict[str, tuple[str, str, str, float, int, bool]] = {
    "official": ("circle", "#1f77b4", "#ffffff", 1, 15, True),
    "unit": ("square", "#2ca02c", "#ffffff", 1, 14, True),
    "unit-without-head": ("square-x", "#2ca02c", _MARK, 2.5, 18, True),
    "task": ("diamond", "#ff7f0e", "#ffffff", 1, 13, True),
    "task-without-lead": ("diamond-x", "#ff7f0e", _MARK, 2.5, 17, True),
    "goal": ("triangle-up", "#9467bd", "#ffffff", 1, 10, False),
}


@functools.lru_cache(maxsize=1)
def plotly_template() -> dict[str, Any]:
    """The layout template plotly gives every figure by default, as JSON-ready dicts (the page's script puts
    it back into each figure)."""
    import plotly.graph_objects as go
    import plotly.io

    return json.loads(plotly.io.to_json(go.Figure(), validate=True))["layout"].get("template", {})


def network_figure(
    graph: nx.MultiDiGraph,
    subdistrict: str,
    *,
    units_without_head: set[str] = frozenset(),
    seed: int = 7,
    lang: str = "zh",
    nodes: list[str] | None = None,
) -> tuple[dict[str, Any], dict[str, tuple[float, float]]]:
    """Draw one 街道's officials, units, tasks and goals, coloured by kind, laid out by networkx.

    Tasks without a 牵头领导 and the ``units_without_head`` are marked (a red cross and
    outline, and a legend entry of their own). Each point's ``customdata`` is its node id.
    The layout is :func:`networkx.spring_layout` with a fixed ``seed``, so the picture is the
    same on every run. ``nodes``: the 街道's nodes, when the caller has them (else the graph is searched).

    Returns
    -------
    tuple of (dict, dict)
        The figure (``{"data", "layout"}``) and each node's position.
    """
    if nodes is None:
        nodes = [n for n, d in graph.nodes(data=True) if d.get("subdistrict") == subdistrict]
    nodes = [n for n in nodes if graph.nodes[n].get("label") in NETWORK_NODE_LABELS]
    members = set(nodes)
    edges = [(u, v, k) for n in nodes for u, v, k in graph.out_edges(n, keys=True)
             if k in NETWORK_RELS and v in members]
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from((u, v) for u, v, _ in edges)
    pos = _layout(simple, seed)

    traces: list[dict[str, Any]] = []
    for rel, (colour, dash) in NETWORK_RELS.items():
        xs: list[float | None] = []
        ys: list[float | None] = []
        for u, v, k in edges:
            if k == rel:
                xs += [pos[u][0], pos[v][0], None]
                ys += [pos[u][1], pos[v][1], None]
        if xs:
            name = REPORT["relation"](lang, name=REPORT[f"edge_{rel}"](lang))
            traces.append({"hoverinfo": "skip", "line": {"color": colour, "dash": dash, "width": 1.2},
                           "mode": "lines", "name": name, "x": xs, "y": ys, "type": "scatter"})

    by_category: dict[str, list[str]] = {c: [] for c in _CATEGORIES}
    for n in nodes:
        by_category[_category(graph, n, units_without_head)].append(n)
    for category, (symbol, fill, outline, width, size, text) in _CATEGORIES.items():
        members_ = by_category[category]
        if not members_:
            continue
        name = REPORT[category](lang)
        trace = {"customdata": members_, "hoverinfo": "text",
                 "hovertext": [_hover(graph, n, name, lang) for n in members_],
                 "marker": {"color": fill, "line": {"color": outline, "width": width}, "size": size, "symbol": symbol},
                 "mode": "markers+text" if text else "markers",
                 "name": REPORT["legend_count"](lang, name=name, n=len(members_))}
        if text:
            trace["text"] = [_short(graph, n, lang) for n in members_]
        trace |= {"textfont": {"color": "#333", "size": 10}, "textposition": "top center",
                  "x": [pos[n][0] for n in members_], "y": [pos[n][1] for n in members_], "type": "scatter"}
        traces.append(trace)
    # The selected node is ringed by this last trace (the page's script moves it).
    traces.append({"hoverinfo": "skip", "marker": {"color": "#111", "line": {"color": "#111", "width": 3}, "size": 30,
                                                    "symbol": "circle-open"},
                   "mode": "markers", "name": REPORT["selected"](lang), "showlegend": False, "x": [], "y": [],
                   "type": "scatter"})
    layout = {
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "font": {"family": FONT_FAMILY},
        "legend": {"font": {"size": 12}, "orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},
        "xaxis": {"visible": False}, "yaxis": {"visible": False}, "height": 760, "hovermode": "closest",
        "clickmode": "event", "dragmode": "pan", "plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff",
    }
    return {"data": traces, "layout": layout}, pos


def _layout(simple: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Lay out each connected part with spring_layout (fixed seed) in a box whose area grows with its size,
    then set the boxes in rows, the largest part first: a single spring layout of all the parts
    pushes the small ones far out and squeezes the main one into a blob."""
    order = {n: i for i, n in enumerate(simple)}
    parts = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(order[n] for n in c)))
    boxes = []
    for part in parts:
        side = math.sqrt(len(part))  # the part's box: side × side
        if len(part) == 1:
            local = {next(iter(part)): (0.0, 0.0)}
        elif len(part) == 2:  # side by side: what the spring layout would reach, without its hundred rounds
            first, second = sorted(part, key=order.get)
            local = {first: (-0.6, 0.0), second: (0.6, 0.0)}
        else:
            sub = simple.subgraph(sorted(part, key=order.get))
            spread = nx.spring_layout(sub, seed=seed, iterations=_ITERATIONS, k=2.5 / side)  # k: a little wider than default
            local = {n: (float(x), float(y)) for n, (x, y) in spread.items()}
        boxes.append((side, local))
    width = max(max((side for side, _ in boxes), default=1.0), 1.2 * math.sqrt(sum(s * s for s, _ in boxes)))
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    gap = 0.6
    for side, local in boxes:
        if x and x + side > width:
            x, y, row_height = 0.0, y - row_height - gap, 0.0
        for n, (lx, ly) in local.items():  # spring_layout's coordinates lie in [-1, 1]
            pos[n] = (round(x + (lx + 1) / 2 * side, 4), round(y - (1 - ly) / 2 * side, 4))
        x += side + gap
        row_height = max(row_height, side)
    return pos


def _category(graph: nx.MultiDiGraph, node: str, units_without_head: set[str]) -> str:
    label = graph.nodes[node].get("label")
    if label == Label.OFFICIAL:
        return "official"
    if label == Label.UNIT:
        return "unit-without-head" if node in units_without_head else "unit"
    if label == Label.TASK:
        led = any(k == Rel.LEADS for _, _, k in graph.in_edges(node, keys=True))
        return "task" if led else "task-without-lead"
    return "goal"


def _short(graph: nx.MultiDiGraph, node: str, lang: str) -> str:
    data = graph.nodes[node]
    if data.get("label") == Label.TASK:
        return str(data["number"]) if data.get("number") is not None else REPORT["unnumbered"](lang)
    return str(data.get("name", node))


def _hover(graph: nx.MultiDiGraph, node: str, category: str, lang: str) -> str:
    from ..labels import node_name

    data = graph.nodes[node]
    name = node_name({**data, "name": data.get("name", node)}, lang, width=10**6, titled=True)
    return f"<b>{_escape(name)}</b><br>{category}<br>{REPORT['hover_click'](lang)}"


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def officials_figure(rows: list[dict[str, Any]], *, top: int = 15, lang: str = "zh") -> tuple[dict[str, Any], str]:
    """A bar chart of the officials who carry the most tasks (or, where none carries any, who sit
    between the most).

    ``rows`` are one 街道's official rows of :func:`~graphmodel.analysis.bottlenecks.bottlenecks`.

    Returns
    -------
    tuple of (dict, str)
        The figure and a sentence saying what it shows.
    """
    loaded = [r for r in rows if r["load"]][:top]
    if loaded:
        names = [_who(r["official"], r.get("role"), lang) for r in loaded]
        hover = [REPORT["load_hover"](lang, load=r["load"], betweenness=r["betweenness"] or 0)
                 + (REPORT["articulation_hover"](lang) if r["articulation"] else "") for r in loaded]
        bars = [_bar(names, [r["tasks_led"] for r in loaded], REPORT["tasks_led"](lang), "#1f77b4", hover),
                _bar(names, [r["tasks_accountable"] for r in loaded], REPORT["tasks_accountable"](lang), "#9ab8d8",
                     hover)]
        fig = _bar_figure(bars, "group", REPORT["task_count"](lang), len(names))
        note = REPORT["officials_note"](lang, n=len(loaded))
    else:
        central = sorted((r for r in rows if r["betweenness"]), key=lambda r: -r["betweenness"])[:top]
        names = [_who(r["official"], r.get("role"), lang) for r in central]
        bars = [_bar(names, [r["betweenness"] for r in central], REPORT["betweenness"](lang), "#1f77b4")]
        fig = _bar_figure(bars, None, REPORT["betweenness"](lang), len(names))
        note = REPORT["officials_idle"](lang)
    return fig, note


def units_figure(rows: list[dict[str, Any]], *, top: int = 15, lang: str = "zh") -> tuple[dict[str, Any], str]:
    """A bar chart of the units with the most tasks, responsible and cooperating (or, where none has any,
    by betweenness).

    ``rows`` are one 街道's unit rows of :func:`~graphmodel.analysis.bottlenecks.bottlenecks`.

    Returns
    -------
    tuple of (dict, str)
        The figure and a sentence saying what it shows.
    """
    loaded = sorted((r for r in rows if r["tasks_responsible"] or r["tasks_cooperating"]),
                    key=lambda r: (-r["tasks_responsible"], -r["tasks_cooperating"]))[:top]
    if loaded:
        names = [r["unit"] + (REPORT["collective"](lang) if r["collective"] else "") for r in loaded]
        hover = [REPORT["heads_hover"](lang, heads=join(r["heads"], lang) or REPORT["nobody"](lang)) for r in loaded]
        bars = [_bar(names, [r["tasks_responsible"] for r in loaded], REPORT["responsible"](lang), "#2ca02c", hover),
                _bar(names, [r["tasks_cooperating"] for r in loaded], REPORT["cooperating"](lang), "#8fd18a", hover)]
        fig = _bar_figure(bars, "stack", REPORT["task_count"](lang), len(names))
        note = REPORT["units_note"](lang, n=len(loaded))
    else:
        central = sorted((r for r in rows if r["betweenness"]), key=lambda r: -r["betweenness"])[:top]
        names = [r["unit"] for r in central]
        bars = [_bar(names, [r["betweenness"] for r in central], REPORT["betweenness"](lang), "#2ca02c")]
        fig = _bar_figure(bars, None, REPORT["betweenness"](lang), len(names))
        note = REPORT["units_idle"](lang)
    return fig, note


def _who(name: str, role: str | None, lang: str) -> str:
    return REPORT["who_role"](lang, name=name, role=role_name(role, lang)) if role else name


def _bar(names: list[str], values: list[float], name: str, colour: str,
         hover: list[str] | None = None) -> dict[str, Any]:
    """One series of horizontal bars, as plotly.js reads it."""
    bar: dict[str, Any] = {"hovertext": hover} if hover is not None else {}
    return bar | {"marker": {"color": colour}, "name": name, "orientation": "h", "x": values, "y": names, "type": "bar"}


def _bar_figure(bars: list[dict[str, Any]], mode: str | None, axis: str, count: int) -> dict[str, Any]:
    """A bar chart: the bars, grouped or stacked (``mode``), a row per name, the value axis titled ``axis``."""
    layout: dict[str, Any] = {"barmode": mode} if mode else {}
    layout |= {
        "xaxis": {"title": {"text": axis}, "gridcolor": "#eeeeee", "rangemode": "tozero"},
        "margin": {"l": 10, "r": 20, "t": 30, "b": 40}, "yaxis": {"autorange": "reversed", "automargin": True},
        "font": {"family": FONT_FAMILY}, "legend": {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},
        "height": 120 + 26 * max(count, 1), "plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff",
        "hovermode": "y unified",
    }
    return {"data": bars, "layout": layout}
