"""Commands that analyse the plans: ``audit``, ``bottlenecks``, ``depends``, ``path`` and ``show``."""

from __future__ import annotations

import functools

from typing import Annotated, Any, Optional

import typer

from ._common import FormatOpt, LangOpt, Paths, fail, guarded, lang_of, make_app, warn
from ..labels import TRUCK_REASONS
from .output import Column, columns_of, render
from ._stream import per_plan
from .plans import load_graph

__all__ = ["app"]

app = make_app("分析方案：审计、瓶颈、依赖、责任链、详情。")

_LABELS = {"Official": ("领导", "official"), "Unit": ("单位", "unit"), "Task": ("任务", "task"),
           "Goal": ("目标", "goal"), "Street": ("道路", "street"), "Plan": ("方案", "plan"),
           "Issuer": ("发文机关", "issuer")}


def _zh(lang) -> bool:
    return getattr(lang, "value", lang) == "zh"


def _fmt(fmt) -> str:
    return getattr(fmt, "value", fmt)


def _label(label: str | None, lang) -> str:
    zh, en = _LABELS.get(label or "", (label or "", label or ""))
    return zh if _zh(lang) else en


def _where(evidence: dict | None) -> str:
    return f"{evidence['file']}:{evidence['line']}" if evidence else ""


def _task(task: dict, lang) -> str:
    """任务9（第472行） / task 9 (line 472); an unnumbered task by its goal."""
    line = (task.get("evidence") or {}).get("line")
    if _zh(lang):
        name = f"任务{task['number']}" if task.get("number") is not None else f"“{task.get('goal') or task['name']}”任务"
        return f"{name}（第{line}行）" if line else name
    name = (f"task {task['number']}" if task.get("number") is not None
            else f"task under “{task.get('goal') or task['name']}”")
    return f"{name} (line {line})" if line else name


# --------------------------------------------------------------------------- audit

_AUDIT_CSV = ["kind", "severity", "subdistrict", "subject_id", "subject_name", "related_ids", "numbers", "message",
              "file", "line", "page", "table", "row", "cell"]


@app.command("audit")
@guarded
def audit(
    paths: Paths = None,
    fail_on: Annotated[Optional[list[str]], typer.Option(
        "--fail-on", help="出现此类问题时以退出码 1 结束（可重复）；类型见下。", show_default=False)] = None,
    kind: Annotated[Optional[list[str]], typer.Option(
        "--kind", help="只列出此类问题（可重复）。", show_default=False)] = None,
    overload_factor: Annotated[float, typer.Option(
        "--overload-factor", help="超过中位数的多少倍算负担过重。")] = 2.0,
    overload_minimum: Annotated[int, typer.Option(
        "--overload-minimum", help="至少多少项任务才算负担过重。")] = 3,
    fmt: FormatOpt = "table",
    lang: LangOpt = "zh",
) -> None:
    """审计方案：无牵头领导或责任部门的任务、无人负责的单位、缺失的附件、无任务的目标、无任务的副组长、负担过重者、单点故障。

    类型：task-without-lead、task-without-responsible-unit、single-point-of-failure、lead-not-in-group、
    unit-without-head、missing-attachment、goal-without-task、overloaded-official、overloaded-unit、
    member-without-task。退出码：0 正常；1 出现 --fail-on 所列的问题；2 输入有误。
    """
    from ..analysis.audit import KINDS, audit as run_audit
    from ..labels import ERRORS, WORDS, finding_message, join, where

    lang = lang_of(lang)
    unknown = [k for k in (fail_on or []) + (kind or []) if k not in KINDS]
    if unknown:
        fail(ERRORS["unknown_kind"](lang, kinds=join(unknown, lang), known=join(KINDS, lang)))
    each = functools.partial(run_audit, overload_factor=overload_factor, overload_minimum=overload_minimum)
    findings = [f for part in per_plan(paths, each) for f in part]  # findings are per 街道: one plan at a time
    shown = [f for f in findings if not kind or f["kind"] in kind]
    rows = [{**f, **{k: (f["evidence"] or {}).get(k) for k in ("file", "line", "page", "table", "row", "cell")},
             "subject_id": f["subjects"][0]["id"], "subject_name": f["subjects"][0]["name"],
             "related_ids": [s["id"] for s in f["subjects"][1:]], "message": finding_message(f, lang),
             "where": where(f["evidence"], lang)} for f in shown]
    if _fmt(fmt) == "csv":
        render(rows, fmt, columns=[Column(k) for k in _AUDIT_CSV])
    else:
        render(rows, fmt, columns=columns_of("audit"), lang=lang, title=WORDS["audit"](lang), json_data=shown)
    failing = [f for f in findings if f["kind"] in (fail_on or [])]
    if failing:
        kinds = join(dict.fromkeys(f["kind"] for f in failing), lang)
        typer.echo(WORDS["fail_on_found"](lang, n=len(failing), kinds=kinds), err=True)
        raise typer.Exit(1)


# --------------------------------------------------------------------------- bottlenecks

_OFFICIALS = [
    Column("official", "领导", "Official"),
    Column("subdistrict", "街道", "Subdistrict"),
    Column("role", "领导小组职务", "Role"),
    Column("tasks_led", "牵头任务", "Tasks led"),
    Column("tasks_accountable", "作为部门负责人负责的任务", "Tasks accountable"),
    Column("load", "合计任务", "Load"),
    Column("units_headed", "负责的单位", "Units headed"),
    Column("betweenness", "中介中心度", "Betweenness"),
    Column("articulation", "割点", "Articulation point"),
]
_UNITS = [
    Column("unit", "单位", "Unit"),
    Column("subdistrict", "街道", "Subdistrict"),
    Column("collective", "集体", "Collective"),
    Column("tasks_responsible", "负责任务", "Tasks responsible"),
    Column("tasks_cooperating", "配合任务", "Tasks cooperating"),
    Column("heads", "负责人", "Heads"),
    Column("betweenness", "中介中心度", "Betweenness"),
    Column("articulation", "割点", "Articulation point"),
]
_TRUCK = [
    Column("subdistrict", "街道", "Subdistrict"),
    Column("tasks", "任务", "Tasks"),
    Column("covered", "有人牵头或负责的任务", "Covered tasks"),
    Column("truck_factor", "卡车因子", "Truck factor"),
    Column("removed", "缺位的领导（最少）", "Officials missing (fewest)"),
    Column("uncovered", "缺位后无人负责的任务", "Tasks left uncovered"),
    Column("greedy", "贪心顺序（每步后无人负责的任务数）", "Greedy order (uncovered after each step)"),
    Column("reason", "说明", "Note"),
]
_TRUCK_CSV = [Column(k, k, k) for k in
              ("subdistrict", "tasks", "covered", "truck_factor", "removed", "uncovered", "greedy", "greedy_uncovered",
               "greedy_uncovers_nothing", "applicable", "reason")]
_COMBINED = [Column(k, k, k) for k in
             ("kind", "name", "subdistrict", "role", "tasks_led", "tasks_accountable", "load", "units_headed",
              "collective", "tasks_responsible", "tasks_cooperating", "heads", "betweenness", "articulation")]

_PARTS = ("all", "officials", "units", "truck-factor")


@app.command("bottlenecks")
@guarded
def bottlenecks(
    paths: Paths = None,
    top: Annotated[Optional[int], typer.Option("--top", "-n", min=1, help="每个街道只列前 N 名领导和单位。",
                                               show_default=False)] = None,
    part: Annotated[str, typer.Option(
        "--part", help="只输出一部分：all、officials、units、truck-factor。csv 一次只能输出一张表："
                       "all 时输出领导与单位的合并表（kind 列区分）。")] = "all",
    fmt: FormatOpt = "table",
    lang: LangOpt = "zh",
) -> None:
    """瓶颈：每个街道按任务负担排列的领导和单位（牵头、负责、配合的任务数，中介中心度，是否割点），以及方案的卡车因子。"""
    from ..analysis.bottlenecks import bottlenecks as run_bottlenecks

    if part not in _PARTS:
        fail(f"--part 只能是 {'、'.join(_PARTS)}")
    parts = per_plan(paths, functools.partial(run_bottlenecks, top=top))  # per 街道: one plan at a time
    result = {key: [row for part in parts for row in part[key]] for key in ("officials", "units", "truck_factor")}
    key = part.replace("-", "_")
    if _fmt(fmt) == "json":
        render([], fmt, json_data=result if part == "all" else result[key])
        return
    if _fmt(fmt) == "csv":
        if part == "all":
            rows = ([{"kind": "official", "name": r["official"], **r} for r in result["officials"]]
                    + [{"kind": "unit", "name": r["unit"], **r} for r in result["units"]])
            render(rows, fmt, columns=_COMBINED)
        elif key == "truck_factor":
            render([_truck_row(r, "csv") for r in result[key]], fmt, columns=_TRUCK_CSV)
        else:
            render(result[key], fmt, columns=[Column(c[0], c[0], c[0]) for c in _columns(key)])
        return
    zh = _zh(lang)
    yes = "是" if zh else "yes"
    titles = {"officials": ("领导", "Officials"), "units": ("单位", "Units"), "truck_factor": ("卡车因子", "Truck factor")}
    for name in ("officials", "units", "truck_factor"):
        if part not in ("all", name.replace("_", "-")):
            continue
        rows = [dict(r) for r in result[name]]
        for r in rows:
            if "articulation" in r:
                r["articulation"] = yes if r["articulation"] else ""
            if "collective" in r:
                r["collective"] = yes if r["collective"] else ""
        if name == "truck_factor":
            rows = [_truck_row(r, "zh" if zh else "en") for r in rows]
        render(rows, fmt, columns=_columns(name), lang=lang, title=titles[name][0 if zh else 1])


def _columns(name: str) -> list[Column]:
    return {"officials": _OFFICIALS, "units": _UNITS, "truck_factor": _TRUCK}[name]


def _truck_row(row: dict, how: str) -> dict:
    """A truck-factor row for a table (``zh``/``en``) or a CSV file (``csv``: lists joined by ``;``).

    The greedy order in a table: ``蔡斌→1、陆炜锋→9（未新增）`` / ``蔡斌→1, 陆炜锋→9 (uncovers nothing)``.
    """
    names = [o["name"] for o in row["removed"]]
    if how == "csv":
        return {**row, "removed": ";".join(names), "greedy": ";".join(s["name"] for s in row["greedy"]),
                "greedy_uncovered": ";".join(str(s["uncovered"]) for s in row["greedy"]),
                "greedy_uncovers_nothing": ";".join(s["name"] for s in row["greedy"] if s["uncovers_nothing"])}
    zh = how == "zh"
    nothing = "（未新增）" if zh else " (uncovers nothing)"
    steps = [f"{s['name']}→{s['uncovered']}{nothing if s['uncovers_nothing'] else ''}" for s in row["greedy"]]
    reason = TRUCK_REASONS.get(row["reason"])
    factor = "—" if row["truck_factor"] is None else row["truck_factor"]
    if not row["applicable"]:
        factor = f"{factor}（不适用）" if zh else f"{factor} (n/a)"
    return {**row, "truck_factor": factor, "removed": "、".join(names) if zh else ", ".join(names),
            "uncovered": row["uncovered"] if row["applicable"] else "",
            "greedy": "、".join(steps) if zh else ", ".join(steps),
            "reason": reason(how, **row) if reason else ""}


# --------------------------------------------------------------------------- depends

_ROLES = {
    "head": ("负责人", "head"),
    "lead": ("牵头领导", "lead"),
    "headed_unit": ("所负责的单位", "unit headed"),
    "responsible": ("责任部门", "responsible unit"),
    "cooperating": ("配合部门", "cooperating unit"),
}
_DEPENDS = [
    Column("depth", "步", "Depth"),
    Column("name", "名称", "Name"),
    Column("label", "类型", "Type"),
    Column("role", "被依赖方的角色", "Role of the depended-on"),
    Column("via", "经由", "Via"),
    Column("tasks", "任务", "Tasks"),
    Column("where", "出处", "Evidence"),
]
_DEPENDS_CSV = [Column(k, k, k) for k in
                ("direction", "depth", "id", "name", "label", "role", "via", "tasks", "file", "line")]


@app.command("depends")
@guarded
def depends(
    name: Annotated[str, typer.Argument(help="单位或领导的名称（可写别名，如 管理办；或 街道/名称，如 金杨新村街道/管理办）。")],
    paths: Paths = None,
    depth: Annotated[int, typer.Option("--depth", "-d", min=1, help="沿依赖关系走几步。")] = 1,
    fmt: FormatOpt = "table",
    lang: LangOpt = "zh",
) -> None:
    """依赖：一个单位或领导依赖谁、被谁依赖，每条都列出构成依赖的任务和出处。

    单位依赖其任务的配合部门、它的负责人、其任务的牵头领导；领导依赖其负责的单位、其牵头任务的责任部门和配合部门。
    """
    from ..analysis.depends import dependencies
    from ..analysis.lookup import lookup_each

    graph = load_graph(paths)
    results = [dependencies(graph, node, depth=depth) for node in lookup_each(graph, name)]
    if _fmt(fmt) == "json":  # one object; a list of them when the name stands for a unit in several 街道
        render([], fmt, json_data=results[0] if len(results) == 1 else results)
        return
    if _fmt(fmt) == "csv":
        rows = [{**r, "direction": direction, "via": r["via"]["id"], "tasks": ";".join(t["id"] for t in r["tasks"]),
                 "file": (r["evidence"] or {}).get("file"), "line": (r["evidence"] or {}).get("line")}
                for result in results for direction in ("depends_on", "depended_on_by") for r in result[direction]]
        render(rows, fmt, columns=_DEPENDS_CSV)
        return
    zh = _zh(lang)
    for result in results:
        rows = [{**r, "direction": direction, "label": _label(r["label"], lang),
                 "role": _ROLES.get(r["role"], (r["role"], r["role"]))[0 if zh else 1],
                 "via": r["via"]["name"], "tasks": "、".join(_task(t, lang) for t in r["tasks"]),
                 "where": _where(r["evidence"])}
                for direction in ("depends_on", "depended_on_by") for r in result[direction]]
        subject = result["subject"]
        who = f"{subject['name']}（{subject['subdistrict']}）" if zh else f"{subject['name']} ({subject['subdistrict']})"
        render([r for r in rows if r["direction"] == "depends_on"], fmt, columns=_DEPENDS, lang=lang,
               title=f"{who}依赖于" if zh else f"{who} depends on")
        render([r for r in rows if r["direction"] == "depended_on_by"], fmt, columns=_DEPENDS, lang=lang,
               title=f"依赖{who}的" if zh else f"Depending on {who}")


# --------------------------------------------------------------------------- path

_VERBS = {"LEADS": "牵头", "RESPONSIBLE_FOR": "负责", "COOPERATES_ON": "配合", "HEADS": "担任负责人",
          "ACCOUNTABLE_FOR": "作为部门负责人负责"}
_PATH = [
    Column("path", "链", "Chain"),
    Column("step", "步", "Step"),
    Column("from", "从", "From"),
    Column("relation", "关系", "Relationship"),
    Column("to", "到", "To"),
    Column("where", "出处", "Evidence"),
]
_PATH_CSV = [Column(k, k, k) for k in ("path", "step", "from_id", "from", "relation", "to_id", "to", "file", "line")]


@app.command("path")
@guarded
def path(
    source: Annotated[str, typer.Argument(help="起点：领导、单位或任务。")],
    target: Annotated[str, typer.Argument(help="终点：领导、单位或任务。")],
    paths: Paths = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="最多列出几条最短责任链。")] = 20,
    fmt: FormatOpt = "table",
    lang: LangOpt = "zh",
) -> None:
    """责任链：两个名称之间所有最短的责任链（牵头、负责、配合、担任负责人），每一步带出处。"""
    from ..analysis.depends import dependency_paths

    graph = load_graph(paths)
    result = dependency_paths(graph, source, target, limit=limit)
    if not result["paths"]:
        warn(f"“{result['source']['name']}”与“{result['target']['name']}”之间没有责任链（不在同一街道，或互不相连）")
    elif result["truncated"]:
        warn(f"最短责任链不止 {limit} 条，只列出前 {limit} 条（--limit 可调）")
    if _fmt(fmt) == "json":
        render([], fmt, json_data=result)
        return
    if not result["paths"] and _fmt(fmt) == "table":
        return
    zh = _zh(lang)
    rows = []
    for i, chain in enumerate(result["paths"], 1):
        for j, step in enumerate(chain, 1):
            relation = "；".join(
                (f"—{_VERBS.get(r['type'], r['type'])}→" if r["forward"] else f"←{_VERBS.get(r['type'], r['type'])}—")
                if zh else (f"-{r['type']}->" if r["forward"] else f"<-{r['type']}-")
                for r in step["relations"])
            evidence = step["relations"][0]["evidence"] if step["relations"] else None
            rows.append({"path": i, "step": j, "from_id": step["from"]["id"], "from": _node(step["from"], lang),
                         "relation": relation, "to_id": step["to"]["id"], "to": _node(step["to"], lang),
                         "where": _where(evidence), "file": (evidence or {}).get("file"),
                         "line": (evidence or {}).get("line")})
    render(rows, fmt, columns=_PATH_CSV if _fmt(fmt) == "csv" else _PATH, lang=lang,
           title=(f"{result['source']['name']} → {result['target']['name']}"
                  + (f"（{result['length']} 步）" if zh and result["length"] else
                     f" ({result['length']} steps)" if result["length"] else "")))


def _node(node: dict, lang) -> str:
    """领导：蔡斌 / 任务12 / official: 蔡斌 / task 12."""
    if node.get("label") == "Task" and node.get("number") is not None:
        return f"任务{node['number']}" if _zh(lang) else f"task {node['number']}"
    name = node["name"] if len(node["name"]) <= 16 else node["name"][:15] + "…"
    return f"{_label(node.get('label'), lang)}：{name}" if _zh(lang) else f"{_label(node.get('label'), lang)}: {name}"


# --------------------------------------------------------------------------- show

_PROPERTY_NAMES = {"role": "领导小组职务", "titles": "职务", "aliases": "别名", "collective": "集体", "kind": "类别",
                   "number": "序号", "text": "内容", "level": "层级", "description": "说明", "title": "标题",
                   "date": "成文日期", "printed": "印发日期", "issuers": "发文机关", "attachments": "附件"}
_SUBJECT = [Column("field", "项目", "Field"), Column("value", "内容", "Value"), Column("where", "出处", "Evidence")]
_FACTS = [
    Column("relation", "关系", "Relationship"),
    Column("other", "对象", "Other"),
    Column("detail", "说明", "Detail"),
    Column("where", "出处", "Evidence"),
]
_FACTS_CSV = [Column(k, k, k) for k in ("type", "direction", "relation", "other_id", "other", "detail", "file", "line")]


@app.command("show")
@guarded
def show(
    name: Annotated[str, typer.Argument(
        help="领导、单位、任务、目标或道路：名称、别名、街道/名称、任务序号（如 金杨新村街道/7，唯一时可只写 7）或任务内容的一部分。")],
    paths: Paths = None,
    fmt: FormatOpt = "table",
    lang: LangOpt = "zh",
) -> None:
    """详情：一个领导、单位、任务、目标或道路的全部信息和关系，每条都带出处（文件与行号）。"""
    from ..analysis.show import describe

    graph = load_graph(paths)
    result = describe(graph, name)
    if _fmt(fmt) == "json":
        render([], fmt, json_data=result)
        return
    zh = _zh(lang)
    facts = []
    for f in result["facts"]:
        other = f["other"]
        if other.get("label") == "Task" and other.get("number") is not None:
            shown = f"{'任务' if zh else 'task '}{other['number']}：{other['name']}"
        else:
            shown = other["name"]
        facts.append({**f, "relation": f["relation"] if zh else f"{f['type']} ({f['direction']})",
                      "other_id": other["id"], "other": shown, "where": _where(f["evidence"]),
                      "file": (f["evidence"] or {}).get("file"), "line": (f["evidence"] or {}).get("line")})
    if _fmt(fmt) == "csv":
        render(facts, fmt, columns=_FACTS_CSV)
        return
    subject = result["subject"]
    where = _where(subject["evidence"])
    rows: list[dict[str, Any]] = [
        {"field": "名称" if zh else "name", "value": subject["name"], "where": where},
        {"field": "类型" if zh else "type", "value": _label(subject["label"], lang), "where": ""},
        {"field": "街道" if zh else "subdistrict", "value": subject["subdistrict"], "where": ""},
    ]
    for key, value in subject["properties"].items():
        if key == "attachments":
            value = "；".join(f"{a['number']}.{a['title']}{'' if a.get('present', True) else '（缺）'}" for a in value)
        elif isinstance(value, bool):
            value = ("是" if zh else "yes") if value else ("否" if zh else "no")
        rows.append({"field": _PROPERTY_NAMES.get(key, key) if zh else key, "value": value, "where": where})
    render(rows, fmt, columns=_SUBJECT, lang=lang, title=subject["id"])
    render(facts, fmt, columns=_FACTS, lang=lang, title="关系" if zh else "Relationships")
