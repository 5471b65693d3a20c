"""Commands that analyse the plans: ``audit``, ``bottlenecks``, ``depends``, ``path``, ``show`` and ``diff``."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..labels import (CHANGES, DEPENDENCY_ROLES, ERRORS, NODE_LABELS, PROPERTIES, TABLES, TRUCK_REASONS, WORDS, fact_detail,
                      fact_relation, finding_message, join, node_name, property_value, relation_arrow, role_name,
                      task_at, text, where, change_basis, change_task, change_value)
from ._common import (AsOfOpt, ClusterOpt, CorrectionsOpt, FormatOpt, IssuerOpt, LangOpt, MaxBytesOpt, Paths, SkipOpt,
                      fail, given_as_of, given_issuer, guarded, lang_of, make_app, warn)
from .output import Column, columns_of, render
from ._stream import per_plan
from .plans import answer

__all__ = ["app"]

app = make_app("分析方案：审计、瓶颈、依赖、责任链、详情。")

def _fmt(fmt) -> str:
    return getattr(fmt, "value", fmt)


# --------------------------------------------------------------------------- audit

_AUDIT_CSV = ["kind", "severity", "subdistrict", "subject_id", "subject_name", "related_ids", "numbers", "message",
              "file", "line", "page", "table", "row", "cell", "file_before", "line_before"]


@app.command("audit")
@guarded
def audit(
    paths: Paths = None,
    max_bytes: MaxBytesOpt = None,
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
    skip_unreadable: SkipOpt = False,
    issuer: IssuerOpt = None,
    corrections: CorrectionsOpt = None,
    as_of: AsOfOpt = None,
    cluster: ClusterOpt = None,
) -> None:
    """审计方案：无牵头领导或责任部门的任务、只写岗位的牵头领导、无人负责的单位、缺失的附件、无任务的目标、无任务的副组长、负担过重者、单点故障。

    类型：task-without-lead、task-without-responsible-unit、single-point-of-failure、lead-not-in-group、
    task-led-by-post、unit-without-head、missing-attachment、goal-without-task、overloaded-official、overloaded-unit、
    member-without-task、correction-unmatched；有多个版本时，还审计变化留下的问题：lead-left-group（已离开领导小组者在之后的文件中仍牵头任务）、
    unit-old-name（单位更名后，之后的另一份文件仍用旧名）、task-dropped-without-successor（删去的任务无人接续）。
    退出码：0 正常；1 出现 --fail-on 所列的问题；2 输入有误。
    """
    from ..analysis.across_time import ACROSS_TIME_KINDS
    from ..analysis.audit import KINDS

    lang = lang_of(lang)
    known = {**KINDS, **ACROSS_TIME_KINDS}
    unknown = [k for k in (fail_on or []) + (kind or []) if k not in known]
    if unknown:
        fail(ERRORS["unknown_kind"](lang, kinds=join(unknown, lang), known=join(known, lang)))
    each = functools.partial(_audit_body, overload_factor=overload_factor, overload_minimum=overload_minimum)
    asked = set(kind or known) | set(fail_on or [])
    findings = []
    for found, files in per_plan(paths, each):  # findings are per 街道: one plan at a time
        findings += found
        if files and asked & set(ACROSS_TIME_KINDS):  # several versions: their documents one by one
            findings += _across_time(paths, files)
    shown = [f for f in findings if not kind or f["kind"] in kind]
    rows = [{**f, **{k: (f["evidence"] or {}).get(k) for k in ("file", "line", "page", "table", "row", "cell")},
             "file_before": (f.get("evidence_before") or {}).get("file"),
             "line_before": (f.get("evidence_before") or {}).get("line"),
             "subject_id": f["subjects"][0]["id"], "subject_name": f["subjects"][0]["name"],
             "related_ids": [s["id"] for s in f["subjects"][1:]], "message": finding_message(f, lang),
             "where": _where_both(f, lang)} for f in shown]
    if _fmt(fmt) == "csv":
        render(rows, fmt, columns=[Column(k) for k in _AUDIT_CSV])
    else:
        render(rows, fmt, columns=columns_of("audit"), lang=lang, title=WORDS["audit"](lang), json_data=shown)
    failing = [f for f in findings if f["kind"] in (fail_on or [])]
    if failing:
        kinds = join(dict.fromkeys(f["kind"] for f in failing), lang)
        typer.echo(WORDS["fail_on_found"](lang, n=len(failing), kinds=kinds), err=True)
        raise typer.Exit(1)


#: The notices of a body read from several documents that name them (graphmodel.merge).
_VERSION_NOTICES = ("versions", "adjustment-applied", "adjustment-superseded", "adjustment-without-group")


def _audit_body(graph, **options) -> tuple[list[dict], list[str]]:
    """One body's findings, and the files of its documents when some are versions of one matter (else none)."""
    from ..analysis.audit import audit as run_audit

    notices = [w for w in graph.graph.get("warnings", []) if getattr(w, "kind", None) in _VERSION_NOTICES
               or getattr(w, "kind", None) == "documents-merged"]
    files: list[str] = []
    if any(w.kind in _VERSION_NOTICES for w in notices):
        for w in notices:
            files += [w.file, w.values.get("base"), w.values.get("current"), *(w.values.get("files") or [])]
    return run_audit(graph, **options), list(dict.fromkeys(f for f in files if f))


def _across_time(paths: list[Path] | None, files: list[str]) -> list[dict]:
    """The across-time findings of one body's documents, each read again on its own (as of ``--as-of``).

    Corrections (``--corrections``) are the current graph's and are not applied to the earlier documents."""
    from loaders.plans import display_name, expand_paths, read_plan

    from ..analysis.across_time import audit_across_time
    from ..graph import build_graph
    from ..merge import merge_models

    by_name = {display_name(p): p for p in expand_paths(paths)}
    graphs = []
    for file in files:
        model = read_plan(by_name.get(file, file), issuer=given_issuer())
        if given_as_of() is None or merge_models([model], as_of=given_as_of()):
            graphs.append(build_graph([model]))
    return audit_across_time(graphs)


def _where_both(finding: dict, lang: str) -> str:
    """The evidence of a finding; an across-time one's old fact first: ``a.txt:6 → b.txt:17``."""
    if finding.get("evidence_before") is None:
        return where(finding["evidence"], lang)
    return f"{where(finding['evidence_before'], lang)} → {where(finding['evidence'], lang)}"


# --------------------------------------------------------------------------- bottlenecks

_TRUCK_CSV = ["subdistrict", "tasks", "covered", "truck_factor", "removed", "uncovered", "greedy", "greedy_uncovered",
              "greedy_uncovers_nothing", "applicable", "reason"]
_COMBINED = ["kind", "name", "subdistrict", "role", "tasks_led", "tasks_accountable", "load", "units_headed",
             "collective", "tasks_responsible", "tasks_cooperating", "heads", "betweenness", "articulation"]

_PARTS = ("all", "officials", "units", "truck-factor")


@app.command("bottlenecks")
@guarded
def bottlenecks(
    paths: Paths = None,
    max_bytes: MaxBytesOpt = None,
    top: Annotated[Optional[int], typer.Option("--top", "-n", min=1, help="每个街道只列前 N 名领导和单位。",
                                               show_default=False)] = None,
    part: Annotated[str, typer.Option(
        "--part", help="只输出一部分：all、officials、units、truck-factor。csv 一次只能输出一张表："
                       "all 时输出领导与单位的合并表（kind 列区分）。")] = "all",
    fmt: FormatOpt = "table",
    lang: LangOpt = "zh",
    skip_unreadable: SkipOpt = False,
    issuer: IssuerOpt = None,
    corrections: CorrectionsOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """瓶颈：每个街道按任务负担排列的领导和单位（牵头、负责、配合的任务数，中介中心度，是否割点），以及方案的卡车因子。"""
    from ..analysis.bottlenecks import bottlenecks as run_bottlenecks

    lang = lang_of(lang)
    if part not in _PARTS:
        fail(ERRORS["bad_part"], parts=join(_PARTS, lang))
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
            render(rows, fmt, columns=[Column(k) for k in _COMBINED])
        elif key == "truck_factor":
            render([_truck_csv(r) for r in result[key]], fmt, columns=[Column(k) for k in _TRUCK_CSV])
        else:
            render(result[key], fmt, columns=[Column(k) for k, _ in TABLES[key]])
        return
    for name in ("officials", "units", "truck_factor"):
        if part not in ("all", name.replace("_", "-")):
            continue
        rows = [_truck_row(r, lang) if name == "truck_factor" else _load_row(r, lang) for r in result[name]]
        render(rows, fmt, columns=columns_of(name), lang=lang, title=WORDS[name](lang))


def _load_row(row: dict, lang: str) -> dict:
    """An official's or unit's row for a table: the role in ``lang``; 割点 and 集体 said only when true."""
    return {**row, "role": role_name(row.get("role"), lang),
            "articulation": WORDS["yes"](lang) if row.get("articulation") else "",
            "collective": WORDS["yes"](lang) if row.get("collective") else ""}


def _truck_csv(row: dict) -> dict:
    """A truck-factor row for a CSV file: lists joined by ``;``."""
    return {**row, "removed": [o["name"] for o in row["removed"]], "greedy": [s["name"] for s in row["greedy"]],
            "greedy_uncovered": [s["uncovered"] for s in row["greedy"]],
            "greedy_uncovers_nothing": [s["name"] for s in row["greedy"] if s["uncovers_nothing"]]}


def _truck_row(row: dict, lang: str) -> dict:
    """A truck-factor row for a table: ``蔡斌→1、陆炜锋→9（未新增）`` / ``蔡斌→1, 陆炜锋→9 (uncovers nothing)``."""
    steps = [WORDS["greedy_step"](lang, name=s["name"], uncovered=s["uncovered"],
                                  nothing=WORDS["uncovers_nothing"](lang) if s["uncovers_nothing"] else "")
             for s in row["greedy"]]
    reason = TRUCK_REASONS.get(row["reason"])
    factor = "—" if row["truck_factor"] is None else row["truck_factor"]
    return {**row, "truck_factor": factor if row["applicable"] else WORDS["not_applicable"](lang, factor=factor),
            "removed": join((o["name"] for o in row["removed"]), lang),
            "uncovered": row["uncovered"] if row["applicable"] else "",
            "greedy": join(steps, lang), "reason": reason(lang, **row) if reason else ""}


# --------------------------------------------------------------------------- depends

_DEPENDS_CSV = ["direction", "depth", "id", "name", "label", "role", "via", "tasks", "file", "line"]


@app.command("depends")
@guarded
def depends(
    name: Annotated[str, typer.Argument(help="单位或领导的名称（可写别名，如 管理办；或 街道/名称，如 金杨新村街道/管理办）。")],
    paths: Paths = None,
    max_bytes: MaxBytesOpt = None,
    depth: Annotated[int, typer.Option("--depth", "-d", min=1, help="沿依赖关系走几步。")] = 1,
    fmt: FormatOpt = "table",
    lang: LangOpt = "zh",
    skip_unreadable: SkipOpt = False,
    issuer: IssuerOpt = None,
    corrections: CorrectionsOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """依赖：一个单位或领导依赖谁、被谁依赖，每条都列出构成依赖的任务和出处。

    单位依赖其任务的配合部门、它的负责人、其任务的牵头领导；领导依赖其负责的单位、其牵头任务的责任部门和配合部门。
    """
    from ..analysis.depends import dependencies
    from ..analysis.lookup import lookup_each

    lang = lang_of(lang)
    results = answer(paths, lambda graph: [dependencies(graph, node, depth=depth) for node in lookup_each(graph, name)],
                     lambda results: [r["subject"]["id"] for r in results])
    if _fmt(fmt) == "json":  # one object; a list of them when the name stands for a unit in several 街道
        render([], fmt, json_data=results[0] if len(results) == 1 else results)
        return
    if _fmt(fmt) == "csv":
        rows = [{**r, "direction": direction, "via": r["via"]["id"], "tasks": [t["id"] for t in r["tasks"]],
                 "file": (r["evidence"] or {}).get("file"), "line": (r["evidence"] or {}).get("line")}
                for result in results for direction in ("depends_on", "depended_on_by") for r in result[direction]]
        render(rows, fmt, columns=[Column(k) for k in _DEPENDS_CSV])
        return
    for result in results:
        who = WORDS["who"](lang, **result["subject"])
        for direction in ("depends_on", "depended_on_by"):
            rows = [{**r, "label": text(NODE_LABELS, r["label"], lang), "role": text(DEPENDENCY_ROLES, r["role"], lang),
                     "via": r["via"]["name"], "tasks": join((task_at(t, lang) for t in r["tasks"]), lang),
                     "where": where(r["evidence"], lang)} for r in result[direction]]
            render(rows, fmt, columns=columns_of("depends"), lang=lang, title=WORDS[direction](lang, who=who))


# --------------------------------------------------------------------------- path

_PATH_CSV = ["path", "step", "from_id", "from", "relation", "to_id", "to", "file", "line"]


@app.command("path")
@guarded
def path(
    source: Annotated[str, typer.Argument(help="起点：领导、单位或任务。")],
    target: Annotated[str, typer.Argument(help="终点：领导、单位或任务。")],
    paths: Paths = None,
    max_bytes: MaxBytesOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="最多列出几条最短责任链。")] = 20,
    fmt: FormatOpt = "table",
    lang: LangOpt = "zh",
    skip_unreadable: SkipOpt = False,
    issuer: IssuerOpt = None,
    corrections: CorrectionsOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """责任链：两个名称之间所有最短的责任链（牵头、负责、配合、担任负责人），每一步带出处。

    退出码：0 找到责任链；1 两者之间没有责任链（标准错误输出一行说明；json 仍输出结果）；2 输入有误（如名称不存在）。
    """
    from ..analysis.depends import dependency_paths

    lang = lang_of(lang)
    result = answer(paths, lambda graph: dependency_paths(graph, source, target, limit=limit),
                    lambda result: [result["source"]["id"], result["target"]["id"]])
    if result["truncated"]:
        warn(WORDS["chains_truncated"](lang, limit=limit))
    ends = {"source": result["source"]["name"], "target": result["target"]["name"]}
    if not result["paths"]:
        if _fmt(fmt) == "json":
            render([], fmt, json_data=result)
        typer.echo(WORDS["no_chain"](lang, **ends), err=True)
        raise typer.Exit(1)
    if _fmt(fmt) == "json":
        render([], fmt, json_data=result)
        return
    rows = []
    for i, chain in enumerate(result["paths"], 1):
        for j, step in enumerate(chain, 1):
            evidence = step["relations"][0]["evidence"] if step["relations"] else None
            rows.append({"path": i, "step": j, "from_id": step["from"]["id"], "from": node_name(step["from"], lang),
                         "relation": WORDS["list_sep"](lang).join(relation_arrow(r, lang) for r in step["relations"]),
                         "to_id": step["to"]["id"], "to": node_name(step["to"], lang),
                         "where": where(evidence, lang), "file": (evidence or {}).get("file"),
                         "line": (evidence or {}).get("line")})
    title = (WORDS["chain_steps"](lang, n=result["length"], **ends) if result["length"]
             else WORDS["chain"](lang, **ends))
    if _fmt(fmt) == "csv":
        render(rows, fmt, columns=[Column(k) for k in _PATH_CSV])
    else:
        render(rows, fmt, columns=columns_of("path"), lang=lang, title=title)


# --------------------------------------------------------------------------- show

_FACTS_CSV = ["type", "direction", "relation", "other_id", "other", "detail", "file", "line"]


@app.command("show")
@guarded
def show(
    name: Annotated[str, typer.Argument(
        help="领导、单位、任务、目标或道路：名称、别名、街道/名称、任务序号（如 金杨新村街道/7，唯一时可只写 7）或任务内容的一部分。")],
    paths: Paths = None,
    max_bytes: MaxBytesOpt = None,
    fmt: FormatOpt = "table",
    lang: LangOpt = "zh",
    skip_unreadable: SkipOpt = False,
    issuer: IssuerOpt = None,
    corrections: CorrectionsOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """详情：一个领导、单位、任务、目标或道路的全部信息和关系，每条都带出处（文件与行号）。"""
    from ..analysis.show import describe

    lang = lang_of(lang)
    result = answer(paths, lambda graph: describe(graph, name), lambda result: [result["subject"]["id"]])
    if _fmt(fmt) == "json":
        render([], fmt, json_data=result)
        return
    facts = [{**f, "relation": fact_relation(f, lang), "other_id": f["other"]["id"],
              "other": node_name(f["other"], lang, width=10**6, titled=True), "detail": fact_detail(f, lang),
              "where": where(f["evidence"], lang), "file": (f["evidence"] or {}).get("file"),
              "line": (f["evidence"] or {}).get("line")} for f in result["facts"]]
    if _fmt(fmt) == "csv":
        render(facts, fmt, columns=[Column(k) for k in _FACTS_CSV])
        return
    subject = result["subject"]
    here = where(subject["evidence"], lang)
    rows: list[dict[str, Any]] = [
        {"field": PROPERTIES["name"](lang), "value": subject["name"], "where": here},
        {"field": PROPERTIES["type"](lang), "value": text(NODE_LABELS, subject["label"], lang), "where": ""},
        {"field": PROPERTIES["subdistrict"](lang), "value": subject["subdistrict"], "where": ""},
    ]
    rows += [{"field": text(PROPERTIES, key, lang), "value": property_value(key, value, lang), "where": here}
             for key, value in subject["properties"].items()]
    render(rows, fmt, columns=columns_of("show"), lang=lang, title=subject["id"])
    render(facts, fmt, columns=columns_of("facts"), lang=lang, title=WORDS["relationships"](lang))


# --------------------------------------------------------------------------- diff

_DIFF_CSV = ["kind", "subdistrict", "task_before", "task_after", "subject_id", "subject_name", "before", "after",
             "basis", "file_before", "line_before", "file_after", "line_after"]


@app.command("diff")
@guarded
def diff(
    old: Annotated[Path, typer.Argument(help="较早的版本：方案文件或文件夹。", show_default=False)],
    new: Annotated[Path, typer.Argument(help="较新的版本：方案文件或文件夹。", show_default=False)],
    fmt: FormatOpt = "table",
    lang: LangOpt = "zh",
    skip_unreadable: SkipOpt = False,
    issuer: IssuerOpt = None,
    max_bytes: MaxBytesOpt = None,
) -> None:
    """变化：两个版本之间新增、删去、改写的任务，任务牵头领导和单位的变化，领导小组成员的加入、离开和职务变化，单位更名；每条都有两边的出处。

    任务按序号和内容匹配：序号相同、内容相同；内容相同（序号变了）；序号相同、内容相近（改写）；序号不同时内容须非常相近。
    匹配不上的任务是新增或删去，不会凭猜测合并。单位按名称和别名匹配；名称变了的单位，若在两个版本中承担至少两项相同的任务，算更名。
    """
    from ..analysis.diff import diff as run_diff
    from .plans import load_graph

    lang = lang_of(lang)
    changes = run_diff(load_graph([old]), load_graph([new]))
    if _fmt(fmt) == "json":
        render([], fmt, json_data=changes)
        return
    if not changes:
        typer.echo(WORDS["no_changes"](lang, old=old, new=new), err=True)
    if _fmt(fmt) == "csv":
        render([_diff_csv(c) for c in changes], fmt, columns=[Column(k) for k in _DIFF_CSV])
        return
    rows = [{"kind": text(CHANGES, c["kind"], lang), "subdistrict": c["subdistrict"], "task": change_task(c, lang),
             "subject": c["subject"]["name"] if c["kind"] not in ("task-added", "task-removed", "task-reworded")
             else "", "before": change_value(c, "before", lang, width=40), "after": change_value(c, "after", lang, width=40),
             "basis": change_basis(c, lang), "where_before": where(c["evidence"]["before"], lang),
             "where_after": where(c["evidence"]["after"], lang)} for c in changes]
    render(rows, fmt, columns=columns_of("diff"), lang=lang, title=WORDS["changes"](lang, old=old, new=new))


def _diff_csv(change: dict) -> dict:
    """A change as a CSV row: ids and plain values, evidence in four columns."""
    task = change["task"] or {}
    value = lambda v: v["name"] if isinstance(v, dict) else v  # noqa: E731  (a lead: its name)
    before, after = change["evidence"]["before"] or {}, change["evidence"]["after"] or {}
    return {**change, "task_before": (task.get("before") or {}).get("id"), "task_after": (task.get("after") or {}).get("id"),
            "subject_id": change["subject"]["id"], "subject_name": change["subject"]["name"],
            "before": value(change["before"]), "after": value(change["after"]), "basis": change.get("basis"),
            "file_before": before.get("file"), "line_before": before.get("line"),
            "file_after": after.get("file"), "line_after": after.get("line")}
