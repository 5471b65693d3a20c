"""The graph → one self-contained HTML report in Chinese: figures, findings, bottlenecks and the network per 街道."""

from __future__ import annotations

import html
import json
from importlib import resources
from string import Template
from typing import Any

import networkx as nx

from ..analysis.audit import audit
from ..analysis.bottlenecks import bottlenecks, truck_factor
from ..analysis.show import describe
from ..graph import subdistricts
from ..schema import Label, Rel
from ..summary import summarize
from ..labels import KINDS, NODE_LABELS, SEVERITIES, SEVERITY_RANK, TRUCK_REASONS, finding_message, notice, text
from .figures import FONT_FAMILY, network_figure, officials_figure, units_figure

__all__ = ["build_report", "STAT_NAMES"]

#: The summary figures at the top of each 街道's section: key → Chinese.
STAT_NAMES: dict[str, str] = {
    "officials": "领导小组成员",
    "units": "单位",
    "tasks": "任务",
    "tasks_without_lead": "无牵头领导的任务",
    "tasks_without_responsible_unit": "无责任部门的任务",
    "goals": "目标",
    "findings": "审计发现",
    "findings_high": "其中严重",
    "truck_factor": "卡车因子",
}

#: A node's properties as the side panel names them.
_PROPERTY_NAMES = {
    "role": "领导小组职务", "titles": "职务", "aliases": "别名", "collective": "集体", "kind": "类别",
    "number": "序号", "text": "全文", "level": "层级", "description": "说明",
}
_UNIT_KINDS = {"unit": "单位", "team": "工作专班", "office": "领导小组办公室"}
_GOAL_LEVELS = {"main": "主要目标", "part": "目标分项", "action": "行动 / 一级指标", "project": "二级项目"}
_SKIPPED_FACTS = {Rel.IN_PLAN}


def build_report(graph: nx.MultiDiGraph, *, seed: int = 7, top: int = 15, title: str | None = None) -> str:
    """Return the report on the graph as one HTML page that needs no network.

    For each 街道: summary figures (officials, units, tasks, tasks without a 牵头领导 …), the
    audit findings (:func:`~graphmodel.analysis.audit.audit`) as a table to sort and filter,
    each with its evidence (file:line), the officials and units with the most tasks
    (:func:`~graphmodel.analysis.bottlenecks.bottlenecks`) as bar charts, and the
    responsibility network — officials, units, tasks and goals, tasks without a lead and
    units without a head marked — where a click on a node shows what the graph says about
    it (:func:`~graphmodel.analysis.show.describe`), each fact with its line.

    Everything is inside the page: the style, the page's own script, and plotly.js as the
    ``plotly`` package ships it. The output depends only on the graph and the options (no
    date, no random layout), so the same plans give the same page.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The responsibility graph; it is not changed.
    seed : int
        The seed of the network's spring layout.
    top : int
        How many officials and units each bar chart shows.
    title : str, optional
        The page's title; by default 街道行动方案责任图谱报告.

    Returns
    -------
    str
        The HTML page (UTF-8 text).

    Raises
    ------
    ImportError
        When the ``plotly`` package is not installed.
    """
    import plotly
    import plotly.offline

    title = title or "街道行动方案责任图谱报告"
    findings = audit(graph)
    loads = bottlenecks(graph)
    trucks = {row["subdistrict"]: row for row in truck_factor(graph)}
    summaries = {row["subdistrict"]: row for row in summarize(graph)}
    data: dict[str, Any] = {"figures": {}, "nodes": {}, "sections": []}
    sections, nav = [], []
    for index, sd in enumerate(subdistricts(graph)):
        mine = [f for f in findings if f["subdistrict"] == sd]
        sections.append(_section(
            graph, sd, index, mine, summaries.get(sd, {}), trucks.get(sd),
            [r for r in loads["officials"] if r["subdistrict"] == sd],
            [r for r in loads["units"] if r["subdistrict"] == sd], data, seed=seed, top=top,
        ))
        nav.append(f'<a href="#sd-{index}">{_e(sd)}</a>')
    warnings = "".join(f"<li>{_e(notice(w))}</li>" for w in graph.graph.get("warnings", []))
    body = (
        f'<header class="page"><h1>{_e(title)}</h1>'
        f'<p class="lede">共 {len(sections)} 个街道。每个数字、每条发现、每个关系都注明出处（文件:行号），'
        "可回到方案原文核对。表格可点击表头排序、输入文字筛选；在责任网络中点击节点，右侧显示其详情与出处；"
        "网络可拖动、滚轮缩放，点击图例可隐藏或显示一类。</p>"
        + (f'<nav class="toc">{"".join(nav)}</nav>' if nav else "")
        + (f'<div class="warnings"><h2>读取时的提示</h2><ul>{warnings}</ul></div>' if warnings else "")
        + "</header>"
        + ("".join(sections) or '<p class="empty">图中没有任何街道。</p>')
        + f'<footer>本报告是一个独立的 HTML 文件，无需联网；图表由 plotly.js（随 Python 包 plotly {_e(plotly.__version__)}'
        " 提供）绘制，网络布局由 networkx 计算。</footer>"
    )
    page = Template(_static("report.html"))
    return page.substitute(
        title=_e(title),
        css=_static("report.css").replace("__FONT_FAMILY__", FONT_FAMILY),
        plotly_js=plotly.offline.get_plotlyjs(),
        script=_static("report.js"),
        data=_script_json(data),
        body=body,
    )


def _section(graph, sd, index, findings, summary, truck, officials, units, data, *, seed, top) -> str:
    stats = {
        "officials": summary.get("officials", 0),
        "units": summary.get("units", 0),
        "tasks": summary.get("tasks", 0),
        "tasks_without_lead": summary.get("tasks_without_lead", 0),
        "tasks_without_responsible_unit": sum(1 for f in findings if f["kind"] == "task-without-responsible-unit"),
        "goals": summary.get("goals", 0),
        "findings": len(findings),
        "findings_high": sum(1 for f in findings if f["severity"] == "high"),
        "truck_factor": (truck["truck_factor"] if truck and truck["applicable"] else "不适用") if truck else "—",
    }
    warn = {"tasks_without_lead", "tasks_without_responsible_unit", "findings_high"}
    cards = "".join(
        f'<div class="stat{" alert" if key in warn and value else ""}" data-key="{key}">'
        f'<span class="value">{_e(value)}</span><span class="label">{_e(STAT_NAMES[key])}</span></div>'
        for key, value in stats.items()
    )
    truck_note = ""
    if truck and truck["applicable"] and truck["removed"]:
        names = "、".join(o["name"] for o in truck["removed"])
        truck_note = (f"卡车因子：{_e(names)} 缺位后，{truck['uncovered']} 项任务（过半）再无人牵头或负责；"
                      "少于此数的领导缺位都做不到。")
    elif truck and truck["reason"]:
        truck_note = f"卡车因子不适用：{_e(TRUCK_REASONS[truck['reason']]('zh', **truck))}。"

    plan = next((d for _, d in graph.nodes(data=True)
                 if d.get("label") == Label.PLAN and d.get("subdistrict") == sd), None)
    plan_line = ""
    if plan:
        bits = [f"《{_e(plan.get('title') or plan.get('name'))}》"]
        bits += [_e(plan[k]) for k in ("number", "date") if plan.get(k)]
        bits.append(f'<span class="ev">{_e(_where(plan.get("evidence")))}</span>')
        plan_line = f'<p class="plan">方案：{" · ".join(bits)}</p>'

    units_without_head = {f["subjects"][0]["id"] for f in findings if f["kind"] == "unit-without-head"}
    network, pos = network_figure(graph, sd, units_without_head=units_without_head, seed=seed)
    officials_fig, officials_note = officials_figure(officials, top=top)
    units_fig, units_note = units_figure(units, top=top)
    data["figures"].update({f"network-{index}": network, f"officials-{index}": officials_fig,
                            f"units-{index}": units_fig})
    by_subject: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        by_subject.setdefault(f["subjects"][0]["id"], []).append(f)
    for node in pos:
        data["nodes"][node] = _details(graph, node, index, pos[node], by_subject.get(node, []))
    data["sections"].append({"subdistrict": sd})

    rows = "".join(_finding_row(f, node_known=f["subjects"][0]["id"] in pos) for f in findings)
    severities = "".join(f'<option value="{k}">{v()}</option>' for k, v in SEVERITIES.items())
    kinds = "".join(f'<option value="{k}">{_e(v())}</option>' for k, v in KINDS.items()
                    if any(f["kind"] == k for f in findings))
    options = sorted(((_option(graph, n), n) for n in pos), key=lambda o: o[0])
    datalist = "".join(f'<option value="{_e(label)}" data-node="{_e(n)}"></option>' for label, n in options)
    return f"""
<section class="subdistrict" id="sd-{index}" data-subdistrict="{_e(sd)}" data-index="{index}">
  <h2>{_e(sd)}</h2>
  {plan_line}
  <div class="stats">{cards}</div>
  {f'<p class="note">{truck_note}</p>' if truck_note else ''}
  <h3>审计发现</h3>
  <div class="toolbar">
    <input class="filter" type="search" placeholder="筛选：输入任意文字（对象、说明、类型、出处…）" aria-label="筛选审计发现">
    <select class="severity" aria-label="严重程度"><option value="">全部严重程度</option>{severities}</select>
    <select class="kind" aria-label="类型"><option value="">全部类型</option>{kinds}</select>
    <span class="count" aria-live="polite">显示 {len(findings)} / {len(findings)} 条</span>
  </div>
  <div class="table-wrap"><table class="findings">
    <thead><tr>
      <th data-type="number" aria-sort="none">严重程度</th><th aria-sort="none">类型</th>
      <th aria-sort="none">对象</th><th aria-sort="none">说明</th><th data-type="number" aria-sort="none">出处</th>
    </tr></thead>
    <tbody>{rows or '<tr class="none"><td colspan="5">没有审计发现。</td></tr>'}</tbody>
  </table></div>
  <h3>瓶颈</h3>
  <div class="charts">
    <figure><figcaption>领导</figcaption><p class="note">{_e(officials_note)}</p>
      <div class="chart" id="officials-{index}" data-figure="officials-{index}"></div></figure>
    <figure><figcaption>单位</figcaption><p class="note">{_e(units_note)}</p>
      <div class="chart" id="units-{index}" data-figure="units-{index}"></div></figure>
  </div>
  <h3>责任网络</h3>
  <div class="toolbar">
    <input class="node-search" list="nodes-{index}" placeholder="查找节点：领导、单位、任务、目标…" aria-label="查找节点">
    <datalist id="nodes-{index}">{datalist}</datalist>
    <span class="hint">红色叉号：无牵头领导的任务、无负责人的单位。</span>
  </div>
  <div class="network-wrap">
    <div class="network" id="network-{index}" data-figure="network-{index}" data-index="{index}"></div>
    <aside class="details" id="details-{index}" aria-live="polite">
      <p class="placeholder">点击网络中的节点（或审计表中的对象），这里显示它的详情：属性、关系与出处。</p>
    </aside>
  </div>
</section>"""


def _finding_row(finding: dict[str, Any], *, node_known: bool) -> str:
    subject = finding["subjects"][0]
    name = _e(subject["name"])
    who = (f'<button type="button" class="node-link" data-node="{_e(subject["id"])}">{name}</button>'
           if node_known else name)
    evidence = finding.get("evidence") or {}
    return (
        f'<tr data-severity="{finding["severity"]}" data-kind="{finding["kind"]}" data-subject="{_e(subject["id"])}">'
        f'<td data-sort="{SEVERITY_RANK[finding["severity"]]}" class="sev sev-{finding["severity"]}">'
        f'{text(SEVERITIES, finding["severity"])}</td>'
        f'<td>{_e(text(KINDS, finding["kind"]))}<br><code>{finding["kind"]}</code></td>'
        f"<td>{who}</td><td>{_e(finding_message(finding))}</td>"
        f'<td data-sort="{evidence.get("line") or 0}" class="ev">{_e(_where(evidence))}</td></tr>'
    )


def _details(graph, node, index, xy, findings) -> dict[str, Any]:
    about = describe(graph, node)
    subject = about["subject"]
    properties = []
    for key, value in subject["properties"].items():
        if value in (None, [], "") or key not in _PROPERTY_NAMES:
            continue
        if key == "kind":
            value = _UNIT_KINDS.get(value, value)
        elif key == "level":
            value = _GOAL_LEVELS.get(value, value)
        elif key == "text" and value == subject["name"]:
            continue
        properties.append([_PROPERTY_NAMES[key], _text(value)])
    facts = [
        {"relation": f["relation"], "other": f["other"]["name"], "other_id": f["other"]["id"],
         "other_kind": text(NODE_LABELS, f["other"]["label"]),
         "number": f["other"].get("number"), "detail": f["detail"], "evidence": _where(f["evidence"])}
        for f in about["facts"] if f["type"] not in _SKIPPED_FACTS
    ]
    return {
        "section": index, "xy": list(xy), "label": subject["label"],
        "kind": text(NODE_LABELS, subject["label"]), "name": subject["name"],
        "subdistrict": subject["subdistrict"], "evidence": _where(subject["evidence"]),
        "properties": properties, "facts": facts,
        "findings": [{"severity": text(SEVERITIES, f["severity"]), "kind": text(KINDS, f["kind"]),
                      "message": finding_message(f), "evidence": _where(f["evidence"])} for f in findings],
    }


def _option(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    kind = text(NODE_LABELS, data.get("label"))
    if data.get("label") == Label.TASK:
        number = f"任务{data['number']}" if data.get("number") is not None else "无序号任务"
        return f"{number}：{data.get('name', node)}"
    return f"{kind}：{data.get('name', node)}"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "、".join(_text(v) for v in value)
    return str(value)


def _where(evidence: dict[str, Any] | None) -> str:
    return f"{evidence['file']}:{evidence['line']}" if evidence else ""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _static(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")
