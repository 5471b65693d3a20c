"""The graph → one self-contained HTML report, in Chinese or English: figures, findings, bottlenecks and the network per 街道."""

from __future__ import annotations

import functools
import html
import json
from importlib import resources
from string import Template
from typing import Any

import networkx as nx

from ..analysis.audit import audit
from ..analysis.bottlenecks import bottlenecks, truck_factor
from ..analysis.show import describe_node
from ..graph import subdistricts
from ..labels import (CHANGES, KINDS, NODE_LABELS, PROPERTIES, REPORT, SCRIPT_WORDS, SEVERITIES, SEVERITY_RANK, STATS,
                      TABLES, TRUCK_REASONS, WORDS, change_basis, change_task, change_value, fact_detail, fact_relation,
                      finding_message, join, notice, property_value, task_name, text, where)
from ..schema import Label, Rel
from ..summary import summarize
from .figures import FONT_FAMILY, network_figure, officials_figure, plotly_template, units_figure

__all__ = ["build_report", "render_parts", "one_page", "plotly_template", "INDEX_MARK", "ALERT_STATS"]

#: A node's properties the side panel shows, in this order.
_PANEL_PROPERTIES = ("role", "titles", "aliases", "collective", "kind", "number", "text", "level", "description")
_SKIPPED_FACTS = {Rel.IN_PLAN}


#: Stands for the section's index in the page until the page is put together: no escaped text holds a "<",
#: so the marker is only where the section's HTML puts it (ids, data-index, the datalist's id).
INDEX_MARK = "<@i@>"


def build_report(graph: nx.MultiDiGraph, *, seed: int = 7, top: int = 15, title: str | None = None,
                 lang: str = "zh", changes: dict[str, list[dict[str, Any]]] | None = None) -> str:
    """Return the report on the graph as one HTML page that needs no network.

    For each 街道: summary figures (officials, units, tasks, tasks without a 牵头领导 …), the
    audit findings (:func:`~graphmodel.analysis.audit.audit`) as a table to sort and filter,
    each with its evidence (file:line), the officials and units with the most tasks
    (:func:`~graphmodel.analysis.bottlenecks.bottlenecks`) as bar charts, the
    responsibility network — officials, units, tasks and goals, tasks without a lead and
    units without a head marked — where a click on a node shows what the graph says about
    it (:func:`~graphmodel.analysis.show.describe_node`), each fact with its line, and, where
    ``changes`` are given, what changed between the versions of its documents.

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
    changes : dict, optional
        街道 → the changes between the versions of its documents (:func:`graphmodel.analysis.diff.diff`,
        each change with ``"old"`` and ``"new"``, the two versions' files): shown as a section 变化.

    Returns
    -------
    str
        The HTML page (UTF-8 text).

    Raises
    ------
    ImportError
        When the ``plotly`` package is not installed.
    """
    parts = render_parts(graph, seed=seed, top=top, lang=lang, changes=changes)
    return one_page(parts, warnings=graph.graph.get("warnings", []), title=title, lang=lang)


def render_parts(graph: nx.MultiDiGraph, *, seed: int = 7, top: int = 15, lang: str = "zh",
                 changes: dict[str, list[dict[str, Any]]] | None = None) -> list[dict[str, Any]]:
    """Render each 街道 of the graph on its own, ready to be put into a page (:func:`one_page`).

    The analyses run once over the graph; each part is ``{"subdistrict", "html", "data", "row"}``:
    the section's HTML (its index in the page still :data:`INDEX_MARK`), its figures and nodes as
    JSON text safe inside a ``<script>`` element, and its figures for an index of 街道 (the numbers
    of the stat cards, the plan's title, the number of changes).
    """
    findings = audit(graph)
    loads = bottlenecks(graph)
    trucks = {row["subdistrict"]: row for row in truck_factor(graph)}
    summaries = {row["subdistrict"]: row for row in summarize(graph)}
    by_sd: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        by_sd.setdefault(f["subdistrict"], []).append(f)
    officials: dict[str, list[dict[str, Any]]] = {}
    units: dict[str, list[dict[str, Any]]] = {}
    for rows, key in ((officials, "officials"), (units, "units")):
        for r in loads[key]:
            rows.setdefault(r["subdistrict"], []).append(r)
    members: dict[str, list[str]] = {}
    for n, d in graph.nodes(data=True):
        if d.get("subdistrict"):
            members.setdefault(d["subdistrict"], []).append(n)
    parts = []
    for sd in subdistricts(graph):
        part = _Part(graph, sd, lang, by_sd.get(sd, []), members[sd])
        html_, data, stats = _section(part, summaries.get(sd, {}), trucks.get(sd), officials.get(sd, []),
                                      units.get(sd, []), (changes or {}).get(sd, []), seed=seed, top=top)
        plan = part.plan()
        parts.append({"subdistrict": sd, "html": html_, "data": _script_json(data),
                      "row": {"subdistrict": sd, "stats": stats, "changes": len((changes or {}).get(sd, [])),
                              "plan": (plan.get("title") or plan.get("name")) if plan else None}})
    return parts


def one_page(parts: list[dict[str, Any]], *, warnings=(), title: str | None = None, lang: str = "zh",
             plotly_src: str | None = None, home: tuple[str, str] | None = None) -> str:
    """Put rendered parts (:func:`render_parts`) into one HTML page.

    Parameters
    ----------
    parts : list of dict
        The 街道 of the page, in order.
    warnings : iterable of Notice
        The readers' warnings the page lists at its top.
    title : str, optional
        The page's title (by default :data:`graphmodel.labels.REPORT`'s).
    lang : {"zh", "en"}
        The language of the page's words.
    plotly_src : str, optional
        Where the page loads plotly.js from (a file beside it); by default plotly.js is inside the page.
    home : tuple of (str, str), optional
        The address and the words of a link back to an index of 街道.

    Returns
    -------
    str
        The HTML page.
    """
    import plotly
    import plotly.offline

    title = title or REPORT["title"](lang)
    nav = "".join(f'<a href="#sd-{i}">{_e(p["subdistrict"])}</a>' for i, p in enumerate(parts)) if not home else ""
    listed = "".join(f"<li>{_e(notice(w, lang))}</li>" for w in warnings)
    body = (
        '<header class="page">'
        + (f'<p class="home"><a href="{_e(home[0])}">{_e(home[1])}</a></p>' if home else "")
        + f'<h1>{_e(title)}</h1>'
        f'<p class="lede">{_e(REPORT["lede"](lang, n=len(parts)))}</p>'
        + (f'<nav class="toc">{nav}</nav>' if nav else "")
        + (f'<div class="warnings"><h2>{REPORT["warnings"](lang)}</h2><ul>{listed}</ul></div>' if listed else "")
        + "</header>"
        + ("".join(p["html"].replace(INDEX_MARK, str(i)) for i, p in enumerate(parts))
           or f'<p class="empty">{REPORT["empty"](lang)}</p>')
        + f'<footer>{_e(REPORT["footer_pages" if plotly_src else "footer"](lang, version=plotly.__version__))}</footer>'
    )
    words = {key: entry(lang) for key, entry in SCRIPT_WORDS.items()}
    data = ('{"words":' + _script_json(words) + ',"template":' + _script_json(plotly_template())
            + ',"sections":[' + ",".join(p["data"] for p in parts) + "]}")
    library = (f'<script src="{_e(plotly_src)}"></script>' if plotly_src
               else f"<script>\n{plotly.offline.get_plotlyjs()}\n</script>")
    return Template(_static("report.html")).substitute(
        lang=REPORT["html_lang"](lang), title=_e(title), css=_static("report.css").replace("__FONT_FAMILY__", FONT_FAMILY),
        plotly=library, script=_static("sortable.js") + _static("report.js"), data=data, body=body,
    )


class _Part:
    """What every piece of one 街道's section needs: the graph, the 街道, the language, the 街道's findings
    and its nodes; ``data`` (figures and nodes) is filled as the section is built."""

    def __init__(self, graph, sd, lang, findings, members):
        self.graph, self.sd, self.lang, self.findings, self.members = graph, sd, lang, findings, members
        self.index = INDEX_MARK
        self.data: dict[str, Any] = {"subdistrict": sd, "figures": {}, "nodes": {}}

    def say(self, key: str, **values: Any) -> str:
        return REPORT[key](self.lang, **values)

    def plan(self) -> dict[str, Any] | None:
        return next((self.graph.nodes[n] for n in self.members if self.graph.nodes[n].get("label") == Label.PLAN), None)


def _section(part: _Part, summary, truck, officials, units, changes, *, seed, top) -> tuple[str, dict, dict]:
    """One 街道: its plan, figures, findings, changes, bottleneck charts and network; the section's HTML,
    its data (figures and nodes) and its stat cards' numbers."""
    units_without_head = {f["subjects"][0]["id"] for f in part.findings if f["kind"] == "unit-without-head"}
    network, pos = network_figure(part.graph, part.sd, units_without_head=units_without_head, seed=seed,
                                  lang=part.lang, nodes=part.members)
    officials_fig, officials_note = officials_figure(officials, top=top, lang=part.lang)
    units_fig, units_note = units_figure(units, top=top, lang=part.lang)
    i = part.index
    part.data["figures"].update({"network": network, "officials": officials_fig, "units": units_fig})
    by_subject: dict[str, list[dict[str, Any]]] = {}
    for f in part.findings:
        by_subject.setdefault(f["subjects"][0]["id"], []).append(f)
    for node in pos:
        part.data["nodes"][node] = _details(part, node, pos[node], by_subject.get(node, []))
    stats = _stats(part, summary, truck)
    truck_note = _truck_note(truck, part.lang)
    html_ = f"""
<section class="subdistrict" id="sd-{i}" data-subdistrict="{_e(part.sd)}" data-index="{i}">
  <h2>{_e(part.sd)}</h2>
  {_plan_line(part)}
  <div class="stats">{_stat_cards(part, stats)}</div>
  {f'<p class="note">{_e(truck_note)}</p>' if truck_note else ''}
  {_findings_table(part, pos)}
  {_changes_table(part, changes) if changes else ''}
  <h3>{part.say("bottlenecks")}</h3>
  <div class="charts">
    <figure><figcaption>{part.say("officials")}</figcaption><p class="note">{_e(officials_note)}</p>
      <div class="chart" id="officials-{i}" data-figure="officials"></div></figure>
    <figure><figcaption>{part.say("units")}</figcaption><p class="note">{_e(units_note)}</p>
      <div class="chart" id="units-{i}" data-figure="units"></div></figure>
  </div>
  {_network_block(part, pos)}
</section>"""
    return html_, part.data, stats


def _stats(part: _Part, summary, truck) -> dict[str, Any]:
    findings = part.findings
    return {
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


#: The stat cards drawn in red when their number is not 0.
ALERT_STATS = frozenset({"tasks_without_lead", "tasks_without_responsible_unit", "findings_high"})


def _stat_cards(part: _Part, stats: dict[str, Any]) -> str:
    return "".join(
        f'<div class="stat{" alert" if key in ALERT_STATS and value else ""}" data-key="{key}">'
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
    plan = part.plan()
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


def _changes_table(part: _Part, changes: list[dict[str, Any]]) -> str:
    """What changed between the versions of the 街道's documents (:func:`graphmodel.analysis.diff.diff`), one table
    per pair of versions, each change with its evidence before and after."""
    lang, say = part.lang, part.say
    columns = [(key, header(lang)) for key, header in TABLES["diff"] if key != "subdistrict"]
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for c in changes:
        pairs.setdefault((c["old"], c["new"]), []).append(c)
    tables = []
    for (old, new), rows in pairs.items():
        body = "".join(
            f'<tr data-kind="{_e(c["kind"])}">'
            + "".join(('<td class="ev">' if key.startswith("where") else "<td>") + f"{_e(value)}</td>"
                      for key, value in _change_row(c, lang))
            + "</tr>" for c in rows)
        tables.append(f'<p class="note">{_e(WORDS["changes"](lang, old=old, new=new))}</p>'
                      f'<div class="table-wrap"><table class="changes"><thead><tr>'
                      + "".join(f"<th>{_e(h)}</th>" for _, h in columns) + f"</tr></thead><tbody>{body}</tbody></table></div>")
    return f'<h3 class="changes">{say("changes")}</h3>' + "".join(tables)


def _change_row(c: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """A change's cells, in the columns of :data:`graphmodel.labels.TABLES` ``["diff"]`` (without the 街道)."""
    own = c["kind"] in ("task-added", "task-removed", "task-reworded")
    return [("kind", text(CHANGES, c["kind"], lang)), ("task", change_task(c, lang)),
            ("subject", "" if own else c["subject"]["name"]), ("before", change_value(c, "before", lang)),
            ("after", change_value(c, "after", lang)), ("basis", change_basis(c, lang)),
            ("where_before", where(c["evidence"]["before"], lang)), ("where_after", where(c["evidence"]["after"], lang))]


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
    <div class="network" id="network-{i}" data-figure="network" data-index="{i}"></div>
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
    about = describe_node(part.graph, node)
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
        "xy": list(xy), "label": subject["label"],
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


@functools.lru_cache(maxsize=None)
def _static(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")
