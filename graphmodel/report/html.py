"""The graph → one self-contained HTML report, in Chinese or English: figures, findings, bottlenecks and the network per 街道."""

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
from ..labels import (KINDS, NODE_LABELS, PROPERTIES, REPORT, SCRIPT_WORDS, SEVERITIES, SEVERITY_RANK, STATS,
                      TRUCK_REASONS, fact_detail, fact_relation, finding_message, join, notice, property_value, task_name, text, where)
from ..schema import Label, Rel
from ..summary import summarize
from .figures import FONT_FAMILY, network_figure, officials_figure, units_figure

__all__ = ["build_report"]

#: A node's properties the side panel shows, in this order.
_PANEL_PROPERTIES = ("role", "titles", "aliases", "collective", "kind", "number", "text", "level", "description")
_SKIPPED_FACTS = {Rel.IN_PLAN}


def build_report(graph: nx.MultiDiGraph, *, seed: int = 7, top: int = 15, title: str | None = None,
                 lang: str = "zh") -> str:
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
        The page's title; by default 街道行动方案责任图谱报告 (in English: Responsibility graph of
        the subdistrict action plans).
    lang : {"zh", "en"}
        The language of every word on the page (from :mod:`graphmodel.labels`); names, quoted
        plan text and file names stay as the plans wrote them.

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

    title = title or REPORT["title"](lang)
    findings = audit(graph)
    loads = bottlenecks(graph)
    trucks = {row["subdistrict"]: row for row in truck_factor(graph)}
    summaries = {row["subdistrict"]: row for row in summarize(graph)}
    data: dict[str, Any] = {"figures": {}, "nodes": {}, "sections": [],
                            "words": {key: entry(lang) for key, entry in SCRIPT_WORDS.items()}}
    sections, nav = [], []
    for index, sd in enumerate(subdistricts(graph)):
        part = _Part(graph, sd, index, lang, data, [f for f in findings if f["subdistrict"] == sd])
        sections.append(_section(
            part, summaries.get(sd, {}), trucks.get(sd),
            [r for r in loads["officials"] if r["subdistrict"] == sd],
            [r for r in loads["units"] if r["subdistrict"] == sd], seed=seed, top=top,
        ))
        nav.append(f'<a href="#sd-{index}">{_e(sd)}</a>')
    warnings = "".join(f"<li>{_e(notice(w, lang))}</li>" for w in graph.graph.get("warnings", []))
    body = (
        f'<header class="page"><h1>{_e(title)}</h1>'
        f'<p class="lede">{_e(REPORT["lede"](lang, n=len(sections)))}</p>'
        + (f'<nav class="toc">{"".join(nav)}</nav>' if nav else "")
        + (f'<div class="warnings"><h2>{REPORT["warnings"](lang)}</h2><ul>{warnings}</ul></div>' if warnings else "")
        + "</header>"
        + ("".join(sections) or f'<p class="empty">{REPORT["empty"](lang)}</p>')
        + f'<footer>{_e(REPORT["footer"](lang, version=plotly.__version__))}</footer>'
    )
    page = Template(_static("report.html"))
    return page.substitute(
        lang=REPORT["html_lang"](lang),
        title=_e(title),
        css=_static("report.css").replace("__FONT_FAMILY__", FONT_FAMILY),
        plotly_js=plotly.offline.get_plotlyjs(),
        script=_static("report.js"),
        data=_script_json(data),
        body=body,
    )


class _Part:
    """What every piece of one 街道's section needs: the graph, the 街道, its index, the language,
    the page's data (figures and nodes, filled as the section is built) and the 街道's findings."""

    def __init__(self, graph, sd, index, lang, data, findings):
        self.graph, self.sd, self.index, self.lang, self.data, self.findings = graph, sd, index, lang, data, findings

    def say(self, key: str, **values: Any) -> str:
        return REPORT[key](self.lang, **values)


def _section(part: _Part, summary, truck, officials, units, *, seed, top) -> str:
    """One 街道: its plan, figures, findings, bottleneck charts and network."""
    units_without_head = {f["subjects"][0]["id"] for f in part.findings if f["kind"] == "unit-without-head"}
    network, pos = network_figure(part.graph, part.sd, units_without_head=units_without_head, seed=seed,
                                  lang=part.lang)
    officials_fig, officials_note = officials_figure(officials, top=top, lang=part.lang)
    units_fig, units_note = units_figure(units, top=top, lang=part.lang)
    i = part.index
    part.data["figures"].update({f"network-{i}": network, f"officials-{i}": officials_fig, f"units-{i}": units_fig})
    by_subject: dict[str, list[dict[str, Any]]] = {}
    for f in part.findings:
        by_subject.setdefault(f["subjects"][0]["id"], []).append(f)
    for node in pos:
        part.data["nodes"][node] = _details(part, node, pos[node], by_subject.get(node, []))
    part.data["sections"].append({"subdistrict": part.sd})
    truck_note = _truck_note(truck, part.lang)
    return f"""
<section class="subdistrict" id="sd-{i}" data-subdistrict="{_e(part.sd)}" data-index="{i}">
  <h2>{_e(part.sd)}</h2>
  {_plan_line(part)}
  <div class="stats">{_stat_cards(part, summary, truck)}</div>
  {f'<p class="note">{_e(truck_note)}</p>' if truck_note else ''}
  {_findings_table(part, pos)}
  <h3>{part.say("bottlenecks")}</h3>
  <div class="charts">
    <figure><figcaption>{part.say("officials")}</figcaption><p class="note">{_e(officials_note)}</p>
      <div class="chart" id="officials-{i}" data-figure="officials-{i}"></div></figure>
    <figure><figcaption>{part.say("units")}</figcaption><p class="note">{_e(units_note)}</p>
      <div class="chart" id="units-{i}" data-figure="units-{i}"></div></figure>
  </div>
  {_network_block(part, pos)}
</section>"""


def _stat_cards(part: _Part, summary, truck) -> str:
    findings = part.findings
    stats = {
        "officials": summary.get("officials", 0),
        "units": summary.get("units", 0),
        "tasks": summary.get("tasks", 0),
        "tasks_without_lead": summary.get("tasks_without_lead", 0),
        "tasks_without_responsible_unit": sum(1 for f in findings if f["kind"] == "task-without-responsible-unit"),
        "goals": summary.get("goals", 0),
        "findings": len(findings),
        "findings_high": sum(1 for f in findings if f["severity"] == "high"),
        "truck_factor": (truck["truck_factor"] if truck["applicable"] else part.say("not_applicable")) if truck else "—",
    }
    alert = {"tasks_without_lead", "tasks_without_responsible_unit", "findings_high"}
    return "".join(
        f'<div class="stat{" alert" if key in alert and value else ""}" data-key="{key}">'
        f'<span class="value">{_e(value)}</span><span class="label">{_e(STATS[key](part.lang))}</span></div>'
        for key, value in stats.items()
    )


def _truck_note(truck, lang) -> str:
    """The sentence under the figures about the truck factor (the words are :data:`graphmodel.labels.REPORT`'s)."""
    if truck and truck["applicable"] and truck["removed"]:
        names = join((o["name"] for o in truck["removed"]), lang)
        return REPORT["truck"](lang, names=names, uncovered=truck["uncovered"])
    if truck and truck["reason"]:
        return REPORT["truck_na"](lang, reason=TRUCK_REASONS[truck["reason"]](lang, **truck))
    return ""


def _plan_line(part: _Part) -> str:
    plan = next((d for _, d in part.graph.nodes(data=True)
                 if d.get("label") == Label.PLAN and d.get("subdistrict") == part.sd), None)
    if not plan:
        return ""
    bits = [_e(part.say("plan_title", title=plan.get("title") or plan.get("name")))]
    bits += [_e(plan[k]) for k in ("number", "date") if plan.get(k)]
    bits.append(f'<span class="ev">{_e(where(plan.get("evidence"), part.lang))}</span>')
    return f'<p class="plan">{part.say("plan")}{" · ".join(bits)}</p>'


def _findings_table(part: _Part, pos) -> str:
    findings, say = part.findings, part.say
    rows = "".join(_finding_row(f, part.lang, node_known=f["subjects"][0]["id"] in pos) for f in findings)
    severities = "".join(f'<option value="{k}">{v(part.lang)}</option>' for k, v in SEVERITIES.items())
    kinds = "".join(f'<option value="{k}">{_e(v(part.lang))}</option>' for k, v in KINDS.items()
                    if any(f["kind"] == k for f in findings))
    return f"""<h3>{say("findings")}</h3>
  <div class="toolbar">
    <input class="filter" type="search" placeholder="{_e(say("filter"))}" aria-label="{_e(say("filter_label"))}">
    <select class="severity" aria-label="{say("severity")}"><option value="">{say("all_severities")}</option>{severities}</select>
    <select class="kind" aria-label="{say("kind")}"><option value="">{say("all_kinds")}</option>{kinds}</select>
    <span class="count" aria-live="polite">{say("shown", shown=len(findings), total=len(findings))}</span>
  </div>
  <div class="table-wrap"><table class="findings">
    <thead><tr>
      <th data-type="number" aria-sort="none">{say("severity")}</th><th aria-sort="none">{say("kind")}</th>
      <th aria-sort="none">{say("subject")}</th><th aria-sort="none">{say("message")}</th><th data-type="number" aria-sort="none">{say("evidence")}</th>
    </tr></thead>
    <tbody>{rows or f'<tr class="none"><td colspan="5">{say("no_findings")}</td></tr>'}</tbody>
  </table></div>"""


def _network_block(part: _Part, pos) -> str:
    i, say = part.index, part.say
    options = sorted(((_option(part.graph, n, part.lang), n) for n in pos), key=lambda o: o[0])
    datalist = "".join(f'<option value="{_e(label)}" data-node="{_e(n)}"></option>' for label, n in options)
    return f"""<h3>{say("network")}</h3>
  <div class="toolbar">
    <input class="node-search" list="nodes-{i}" placeholder="{_e(say("find_node"))}" aria-label="{_e(say("find_node_label"))}">
    <datalist id="nodes-{i}">{datalist}</datalist>
    <span class="hint">{_e(say("marks"))}</span>
  </div>
  <div class="network-wrap">
    <div class="network" id="network-{i}" data-figure="network-{i}" data-index="{i}"></div>
    <aside class="details" id="details-{i}" aria-live="polite">
      <p class="placeholder">{_e(say("details_placeholder"))}</p>
    </aside>
  </div>"""


def _finding_row(finding: dict[str, Any], lang: str, *, node_known: bool) -> str:
    subject = finding["subjects"][0]
    name = _e(subject["name"])
    who = (f'<button type="button" class="node-link" data-node="{_e(subject["id"])}">{name}</button>'
           if node_known else name)
    evidence = finding.get("evidence") or {}
    return (
        f'<tr data-severity="{finding["severity"]}" data-kind="{finding["kind"]}" data-subject="{_e(subject["id"])}">'
        f'<td data-sort="{SEVERITY_RANK[finding["severity"]]}" class="sev sev-{finding["severity"]}">'
        f'{text(SEVERITIES, finding["severity"], lang)}</td>'
        f'<td>{_e(text(KINDS, finding["kind"], lang))}<br><code>{finding["kind"]}</code></td>'
        f"<td>{who}</td><td>{_e(finding_message(finding, lang))}</td>"
        f'<td data-sort="{evidence.get("line") or 0}" class="ev">{_e(where(evidence, lang))}</td></tr>'
    )


def _details(part: _Part, node, xy, findings) -> dict[str, Any]:
    lang = part.lang
    about = describe(part.graph, node)
    subject = about["subject"]
    properties = []
    for key in _PANEL_PROPERTIES:
        value = subject["properties"].get(key)
        if value in (None, [], "") or (key == "text" and value == subject["name"]):
            continue
        properties.append([text(PROPERTIES, key, lang), property_value(key, value, lang)])
    facts = [
        {"relation": fact_relation(f, lang), "other": f["other"]["name"], "other_id": f["other"]["id"],
         "other_kind": text(NODE_LABELS, f["other"]["label"], lang),
         "task": task_name(f["other"], lang) if f["other"].get("number") is not None else None,
         "detail": fact_detail(f, lang), "evidence": where(f["evidence"], lang)}
        for f in about["facts"] if f["type"] not in _SKIPPED_FACTS
    ]
    return {
        "section": part.index, "xy": list(xy), "label": subject["label"],
        "kind": text(NODE_LABELS, subject["label"], lang), "name": subject["name"],
        "subdistrict": subject["subdistrict"], "evidence": where(subject["evidence"], lang),
        "properties": properties, "facts": facts,
        "findings": [{"severity": text(SEVERITIES, f["severity"], lang), "kind": text(KINDS, f["kind"], lang),
                      "message": finding_message(f, lang), "evidence": where(f["evidence"], lang)} for f in findings],
    }


def _option(graph: nx.MultiDiGraph, node: str, lang: str) -> str:
    data = graph.nodes[node]
    if data.get("label") == Label.TASK:
        number = (task_name(data, lang) if data.get("number") is not None else REPORT["unnumbered_task"](lang))
        return REPORT["task_option"](lang, task=number, name=data.get("name", node))
    return REPORT["node_option"](lang, kind=text(NODE_LABELS, data.get("label"), lang), name=data.get("name", node))


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _static(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")
