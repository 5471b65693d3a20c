"""``--lang en`` speaks English everywhere: every command on the bundled plans, its warnings and errors,
the HTML report and the workbook hold no Chinese but names, quoted plan text and file names.

What may stay Chinese is built from the graph itself (node names, aliases, titles, texts, positions, the
plan's number and issuers, attachment titles, evidence files) and from what the user typed, never by hand.
A run of Chinese in the output passes when it is one of those strings' own runs (or the start of one cut
off with …); ``任务`` alone, ``、`` between names or a Chinese role would fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from graphmodel import build_graph
from graphmodel.cli import app
from graphmodel.labels import FINDINGS, KINDS, NOTICES, REPORT, SCRIPT_WORDS, TABLES, WORDS, WORKBOOK, L
from loaders import read_plans

runner = CliRunner()

#: Chinese characters, CJK punctuation and full-width forms.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")

#: Node and edge properties that hold plan text (not roles, kinds or levels, which are words to translate).
_PLAN_TEXT = ("id", "name", "aliases", "titles", "text", "description", "title", "number", "issuers", "position",
              "subdistrict", "as_written")


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


@pytest.fixture(scope="module")
def allowed() -> set[str]:
    graph = build_graph(read_plans(None))
    texts: list[str] = []
    for _, data in graph.nodes(data=True):
        texts += [s for key in _PLAN_TEXT for s in _strings(data.get(key))]
        texts += [a["title"] for a in data.get("attachments") or []]
        texts += list(_strings(data.get("evidence")))
    for _, _, data in graph.edges(data=True):
        texts += [s for key in _PLAN_TEXT for s in _strings(data.get(key))]
        texts += list(_strings(data.get("evidence")))
    return {run for t in texts for run in CJK.findall(t)}


def chinese_left(text: str, allowed: set[str], typed: tuple[str, ...] = ()) -> list[str]:
    """The runs of Chinese in ``text`` that are neither plan text nor what the user typed."""
    ok = allowed | {run for t in typed for run in CJK.findall(t)}
    bad = []
    for m in CJK.finditer(text):
        run = m.group()
        cut = text[m.end():m.end() + 1] == "…" and any(a.startswith(run) for a in ok)
        if run not in ok and not cut:
            bad.append(text[max(0, m.start() - 20):m.end() + 20])
    return bad


COMMANDS = [
    ("ingest",),
    ("ingest", "--format", "csv"),
    ("audit",),
    ("audit", "--format", "csv"),
    ("audit", "--fail-on", "task-without-lead"),
    ("bottlenecks",),
    ("bottlenecks", "--format", "csv", "--part", "truck-factor"),
    ("depends", "管理办"),
    ("depends", "蔡斌", "--depth", "2"),
    ("path", "蔡斌", "综合行政执法队"),
    ("path", "蔡斌", "金明"),
    ("show", "林长办"),
    ("show", "蔡斌"),
    ("show", "金杨新村街道/8"),
    ("show", "吸纳社会共同参与"),
    ("show", "张杨路"),
    ("show", "潍坊新村街道整体提升打造精品城区专项行动计划"),
    ("show", "金杨新村街道/Official/蔡斌", "--format", "csv"),
    # errors
    ("show", "无此单位"),
    ("depends", "服务中心"),
    ("audit", "--kind", "no-such-kind"),
    ("audit", "no/such/plan.txt"),
    ("export", "--format", "xlsx"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_every_command_in_english(args, allowed):
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    assert result.stdout or result.stderr
    assert chinese_left(result.stdout, allowed, args) == []
    assert chinese_left(result.stderr, allowed, args) == []


def test_the_check_is_not_blind(allowed):
    """The same commands in Chinese do leave Chinese words: the check finds them."""
    for args in [("audit",), ("show", "蔡斌"), ("path", "蔡斌", "综合行政执法队"), ("audit", "no/such/plan.txt")]:
        result = runner.invoke(app, list(args))
        assert chinese_left(result.stdout + result.stderr, allowed, args), args
    assert chinese_left("任务8", allowed) and chinese_left("蔡斌、吴望晗", allowed)
    assert chinese_left("常务副组长 蔡斌", allowed)  # a role is a word to translate
    assert not chinese_left("task 8: 蔡斌, 吴望晗 data/金杨新村街道打造精品城区行动方案.txt:266", allowed)


def test_report_in_english(tmp_path, allowed):
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert chinese_left(result.stderr, allowed) == []
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "<title>Responsibility graph of the subdistrict action plans</title>" in page
    body = page[page.index("<body>"):]
    data = json.loads(re.search(r'<script type="application/json" id="report-data">(.*?)</script>', body, re.S)
                      .group(1))
    html_only = re.sub(r"<script.*?</script>", "", body, flags=re.S)
    assert chinese_left(html_only, allowed) == []
    assert [s for s in _strings(data) if chinese_left(s, allowed)] == []
    assert "Findings" in html_only and "Responsibility network" in html_only
    assert data["words"]["shown"] == "showing {shown} / {total}"
    script = (Path(__file__).parent.parent / "graphmodel" / "report" / "static" / "report.js").read_text()
    assert not CJK.search(script)  # the page's script takes its words from the data


def test_workbook_in_english(tmp_path, allowed):
    out = tmp_path / "plan.xlsx"
    result = runner.invoke(app, ["export", "--format", "xlsx", "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["潍坊新村街道", "金杨新村街道", "Findings", "Officials' load"]
    cells = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert [c for c in cells if chinese_left(c, allowed)] == []
    header = [c.value for c in book["金杨新村街道"][1]]
    assert header[:4] == ["No.", "Project", "Task", "Lead"] and header[-1] == "Evidence"
    assert {"resp.", "coop."} <= set(cells)


def test_every_entry_speaks_both_languages():
    tables: list[dict] = [FINDINGS, KINDS, NOTICES, REPORT, SCRIPT_WORDS, WORDS, WORKBOOK]
    entries = [e for t in tables for e in t.values()] + [h for cols in TABLES.values() for _, h in cols]
    assert all(isinstance(e, L) and e.zh and e.en for e in entries)
    assert not [e.en for e in entries if CJK.search(e.en) and "金杨新村街道/管理办" not in e.en]


def test_property_names_and_values_in_english():
    from graphmodel.labels import PROPERTIES, property_value, text

    assert property_value("level", "区", "en") == "district" and property_value("level", "project", "en") == (
        "second-level project")
    assert property_value("role", "常务副组长", "en") == "executive deputy leader"
    assert property_value("kind", "office", "en") == "office of the leading group"
    assert property_value("collective", False, "en") == "no" and property_value("collective", False) == "否"
    assert [text(PROPERTIES, k, "en") for k in ("lead_posts", "seat", "group")] == [
        "lead posts (no name given)", "seated in", "leading group"]
