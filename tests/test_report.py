"""The HTML report: built by the library, written by the CLI, and opened offline in a real headless chromium."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from _plans import JINYANG, ROOT, WEIFANG
from graphmodel.analysis import audit
from graphmodel.labels import finding_message
from graphmodel.cli import app

import plotly  # noqa: E402,F401  (a dependency of graphmodel: a missing one must fail, not skip)

runner = CliRunner()
#: Screenshots go here (git-ignored), to be looked at by a person.
SHOTS = ROOT / ".cache" / "screenshots"


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = runner.invoke(app, ["report", str(WEIFANG), str(JINYANG), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and str(out) in result.stderr
    return out


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    from graphmodel import build_graph
    from loaders import read_plans

    return build_graph(read_plans([WEIFANG, JINYANG]))


# --------------------------------------------------------------------------- the page as text


def test_page_is_self_contained(report_file):
    page = report_file.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert "plotly.js v" in page[:20_000]  # the library, inlined in the head
    # nothing is fetched: no external script, style, font or image
    assert not re.search(r"<(script|img|iframe)[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert "@import" not in page and "url(http" not in page
    # outside plotly.js (which names its CDN for topojson maps, unused here) the page names no address at all
    import plotly.offline

    rest = page.replace(plotly.offline.get_plotlyjs(), "")
    assert len(rest) < len(page) - 1_000_000
    assert "http://" not in rest and "https://" not in rest
    assert page.count("<section class=\"subdistrict\"") == 2


def test_page_is_the_same_every_time(graph):
    from graphmodel.report import build_report

    assert build_report(graph) == build_report(graph)


def test_figures_are_what_plotly_accepts(graph):
    """The figures are written as plain dicts (faster than plotly.graph_objects); plotly validates each one."""
    import plotly.graph_objects as go

    from graphmodel.analysis.bottlenecks import bottlenecks
    from graphmodel.report.figures import network_figure, officials_figure, units_figure

    loads = bottlenecks(graph)
    for sd in ("潍坊新村街道", "金杨新村街道"):
        network, pos = network_figure(graph, sd)
        officials, _ = officials_figure([r for r in loads["officials"] if r["subdistrict"] == sd])
        units, _ = units_figure([r for r in loads["units"] if r["subdistrict"] == sd])
        for fig in (network, officials, units):
            go.Figure(fig)  # raises ValueError on a property plotly does not know
        points = sum(len(t["x"]) for t in network["data"] if t["mode"] != "lines")
        assert points == len(pos) > 50


def test_library_report_escapes_names():
    from graphmodel.report import build_report

    g = nx.MultiDiGraph()
    ev = {"file": "<a>.txt", "line": 2}
    g.add_node("甲/Unit/<b>办</b>", label="Unit", name="<b>办</b>", subdistrict="甲", collective=False, evidence=ev)
    g.add_node("甲/Task/1", label="Task", name="</script><i>x", text="</script><i>x", number=1, subdistrict="甲",
               evidence=ev)
    g.add_edge("甲/Unit/<b>办</b>", "甲/Task/1", key="RESPONSIBLE_FOR", type="RESPONSIBLE_FOR", evidence=ev)
    page = build_report(g)
    assert "<b>办</b>" not in page and "&lt;b&gt;办&lt;/b&gt;" in page
    assert "</script><i>" not in page


# --------------------------------------------------------------------------- the CLI


def test_report_defaults_to_report_html_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", str(JINYANG)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "report.html" in result.stderr
    written = tmp_path / "report.html"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temp file left behind
    size = written.stat().st_size
    assert f"{size} 字节" in result.stderr and size > 1_000_000  # plotly.js is inside


def test_report_to_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", str(JINYANG), "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert list(tmp_path.iterdir()) == []


def test_report_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(JINYANG), str(bad), "-o", str(out)])
    assert result.exit_code == 2 and result.stdout == ""
    errors = [ln for ln in result.stderr.strip().split("\n") if ln.startswith("错误")]
    assert len(errors) == 1 and "bad.txt" in errors[0] and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == [bad]
    for target, words in [(tmp_path / "missing" / "r.html", "不存在"), (tmp_path, "文件夹")]:
        result = runner.invoke(app, ["report", str(JINYANG), "-o", str(target)])
        assert result.exit_code == 2 and result.stderr.strip().count("\n") == 0 and words in result.stderr
    assert list(tmp_path.iterdir()) == [bad]
    result = runner.invoke(app, ["report", str(tmp_path / "nope.txt"), "-o", str(out)])
    assert result.exit_code == 2 and result.stderr.strip() == f"错误：{tmp_path / 'nope.txt'}: 文件不存在"
    assert not out.exists()


def _page_data(page: str) -> dict:
    """The JSON the page's script reads (figures and nodes of each section)."""
    import json

    found = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert found, "the page holds no data"
    return json.loads(found.group(1))


def test_report_finds_nodes_by_id_whatever_their_names_hold(tmp_path):
    """Issue 20: a goal named with an ASCII bracket or a space (一、提升(3)效能, 二、交通/环境 提升) was looked up
    by name and not found: exit 2. The report takes each node by its id."""
    plan = ROOT / "tests" / "fixtures" / "tables" / "district_goal_brackets.txt"
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(plan), "-o", str(out)])
    assert result.exit_code == 0, result.output
    nodes = _page_data(out.read_text(encoding="utf-8"))["sections"][0]["nodes"]
    goals = {n: d for n, d in nodes.items() if d["label"] == "Goal"}
    assert sorted(d["name"] for d in goals.values()) == ["交通/环境 提升", "提升(3)效能"]
    assert {d["name"]: sorted(f["task"] for f in d["facts"]) for d in goals.values()} == {
        "提升(3)效能": ["任务1", "任务2"], "交通/环境 提升": ["任务3", "任务4"]}
    by_task = {n.rsplit("/", 1)[1]: [f["other"] for f in d["facts"] if f["other_id"] in goals]
               for n, d in nodes.items() if d["label"] == "Task"}
    assert by_task == {"1": ["提升(3)效能"], "2": ["提升(3)效能"], "3": ["交通/环境 提升"], "4": ["交通/环境 提升"]}
    # the node id is also found as it stands by the commands that take a name
    shown = runner.invoke(app, ["show", "澄湾区/Goal/提升(3)效能", str(plan)])
    assert shown.exit_code == 0 and "提升(3)效能" in shown.stdout


def test_report_help_says_where_it_writes():
    result = runner.invoke(app, ["report", "--help"])
    assert result.exit_code == 0 and "report.html" in result.stdout


# --------------------------------------------------------------------------- in a real browser


@dataclass
class Loaded:
    page: object
    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@pytest.fixture
def loaded(browser, report_file):
    """The report opened in chromium with every request that is not file:// aborted."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="zh-CN")
    state = Loaded(page=context.new_page())

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            state.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = state.page
    page.on("console", lambda m: state.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: state.console_errors.append(f"page error: {e}"))
    page.goto(report_file.as_uri(), wait_until="load")
    page.wait_for_selector("#network-1 .scatterlayer path.point", timeout=30_000)
    yield state
    context.close()
    assert state.console_errors == []
    assert state.blocked == []


def _section(page, subdistrict: str):
    return page.locator(f'section.subdistrict[data-subdistrict="{subdistrict}"]')


def _stat(page, subdistrict: str, key: str) -> str:
    return _section(page, subdistrict).locator(f'.stat[data-key="{key}"] .value').inner_text()


def test_renders_offline_with_the_right_counts(loaded):
    page = loaded.page
    assert page.title() == "街道行动方案责任图谱报告"
    assert _stat(page, "潍坊新村街道", "tasks_without_lead") == "16"
    assert _stat(page, "潍坊新村街道", "tasks") == "16"
    assert _stat(page, "潍坊新村街道", "officials") == "42"
    assert _stat(page, "金杨新村街道", "tasks") == "23"
    assert _stat(page, "金杨新村街道", "tasks_without_lead") == "0"
    assert _stat(page, "金杨新村街道", "truck_factor") == "4"
    jinyang = _section(page, "金杨新村街道")
    lin = jinyang.locator('table.findings tr[data-kind="unit-without-head"]', has_text="林长办")
    assert lin.count() == 1
    assert re.search(r"data/金杨新村街道打造精品城区行动方案\.txt:\d+", lin.locator("td.ev").inner_text())
    # every figure was drawn by plotly: 2 networks and 4 bar charts
    assert page.locator(".js-plotly-plot").count() == 6
    assert page.locator("#network-1 .scatterlayer path.point").count() == 33 + 33 + 23 + 34
    # the marks: 16 tasks without lead in 潍坊, 林长办 and 社区文化中心 without head in 金杨
    legend = page.locator("#network-0 .legend").text_content()
    assert "无牵头领导的任务（16）" in legend
    assert "无负责人的单位（2）" in page.locator("#network-1 .legend").text_content()


def test_filter_and_sort_the_findings(loaded, graph):
    page = loaded.page
    jinyang = _section(page, "金杨新村街道")
    rows = jinyang.locator("table.findings tbody tr")
    total = sum(1 for f in audit(graph) if f["subdistrict"] == "金杨新村街道")
    assert rows.count() == total and jinyang.locator("table.findings tbody tr:visible").count() == total
    jinyang.locator("input.filter").fill("林长办")
    expected = sum(1 for f in audit(graph) if f["subdistrict"] == "金杨新村街道"
                   and ("林长办" in finding_message(f) or "林长办" in f["subjects"][0]["name"]))
    visible = jinyang.locator("table.findings tbody tr:visible")
    assert 0 < expected < total and visible.count() == expected
    assert jinyang.locator(".count").inner_text() == f"显示 {expected} / {total} 条"
    jinyang.locator("input.filter").fill("")
    jinyang.locator("select.severity").select_option("low")
    low = sum(1 for f in audit(graph) if f["subdistrict"] == "金杨新村街道" and f["severity"] == "low")
    assert visible.count() == low
    jinyang.locator("select.severity").select_option("")
    # sort by evidence line, ascending then descending
    header = jinyang.locator("table.findings th", has_text="出处")
    header.click()
    lines = [int(t.rsplit(":", 1)[1]) for t in jinyang.locator("table.findings tbody td.ev").all_inner_texts()]
    assert lines == sorted(lines) and header.get_attribute("aria-sort") == "ascending"
    header.click()
    lines = [int(t.rsplit(":", 1)[1]) for t in jinyang.locator("table.findings tbody td.ev").all_inner_texts()]
    assert lines == sorted(lines, reverse=True)


def _click_node(page, network: str, node_id: str) -> None:
    """Click the point of ``node_id`` in a plotly network with the mouse, as a person would."""
    network_div = page.locator(f"#{network}")
    network_div.scroll_into_view_if_needed()
    box = page.evaluate(
        """([divId, id]) => {
            const gd = document.getElementById(divId);
            const traces = gd.querySelectorAll('.scatterlayer .trace');
            for (let t = 0; t < gd.data.length; t++) {
                const i = (gd.data[t].customdata || []).indexOf(id);
                if (i < 0) continue;
                const r = traces[t].querySelectorAll('path.point')[i].getBoundingClientRect();
                return {x: r.left + r.width / 2, y: r.top + r.height / 2};
            }
            return null;
        }""",
        [network, node_id],
    )
    assert box, f"{node_id} is not drawn in {network}"
    page.mouse.move(box["x"], box["y"])
    page.mouse.click(box["x"], box["y"])


def test_click_on_a_node_shows_details_and_evidence(loaded):
    page = loaded.page
    _click_node(page, "network-1", "金杨新村街道/Unit/林长办")
    details = page.locator("#details-1")
    details.locator("h4", has_text="林长办").wait_for(timeout=10_000)
    text = details.inner_text()
    assert "单位" in text and "金杨新村街道" in text
    assert "单位无负责人" in text  # its finding, with the line
    assert re.search(r"作为责任部门负责任务：任务8 创建“上海市园林街镇”.* data/金杨新村街道打造精品城区行动方案\.txt:462", text)
    ring = page.evaluate("() => { const gd = document.getElementById('network-1');"
                         " return gd.data[gd.data.length - 1].x; }")
    assert len(ring) == 1  # the node is ringed
    # a fact links to the other node: task 8, its lead 蔡斌 with the line of the table row
    details.locator("button.node-link", has_text="任务8").click()
    details.locator("h4", has_text="创建“上海市园林街镇”").wait_for(timeout=10_000)
    assert re.search(r"牵头领导：蔡斌 data/金杨新村街道打造精品城区行动方案\.txt:462", details.inner_text())
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#sd-1 .network-wrap").screenshot(path=str(SHOTS / "report-network-jinyang.png"))


def test_click_on_a_finding_subject_shows_its_details(loaded):
    page = loaded.page
    weifang = _section(page, "潍坊新村街道")
    weifang.locator("table.findings button.node-link", has_text="深化楼宇党建").first.click()
    details = page.locator("#details-0")
    details.locator("h4", has_text="深化楼宇党建").wait_for(timeout=10_000)
    text = details.inner_text()
    assert "任务无牵头领导" in text and "任务无责任部门" in text
    assert "data/潍坊新村街道整体提升打造精品城区专项行动计划.txt:156" in text


def test_screenshot(loaded):
    page = loaded.page
    SHOTS.mkdir(parents=True, exist_ok=True)
    _click_node(page, "network-0", "潍坊新村街道/Task/1")
    page.locator("#details-0 h4", has_text="深化楼宇党建").wait_for(timeout=10_000)
    page.evaluate("() => window.scrollTo(0, 0)")
    top = SHOTS / "report-top.png"
    page.screenshot(path=str(top))
    # The whole page: a viewport as tall as the page (full_page=True resizes the window while it captures,
    # and plotly's responsive figures redraw half-way through), then wait for the figures to settle.
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.set_viewport_size({"width": 1500, "height": height})
    page.wait_for_timeout(1000)
    # a resize leaves every figure inside its box (a responsive plotly div without a set height collapses)
    sizes = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map(
        d => [d.getBoundingClientRect().height, d.querySelector('svg.main-svg').getBoundingClientRect().height])""")
    assert len(sizes) == 6 and all(abs(box - svg) < 3 for box, svg in sizes), sizes
    full = SHOTS / "report-full.png"
    page.screenshot(path=str(full))
    for shot in (top, full):
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


# --------------------------------------------------------------------------- the browser set-up itself


def test_no_browser_is_a_skip_with_the_reason_or_a_failure_when_required(monkeypatch):
    import browser_support

    monkeypatch.setattr(browser_support, "find_chromium", lambda: None)
    monkeypatch.setattr(browser_support.os, "geteuid", lambda: 1000)
    with pytest.raises(browser_support.BrowserUnavailable, match="not run as root"):
        browser_support.ensure_chromium()
    monkeypatch.delenv("REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"set REQUIRE_BROWSER=1 to fail instead\): why"):
        browser_support._unavailable("why")
    monkeypatch.setenv("REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_BROWSER=1 but no headless browser is available: why"):
        browser_support._unavailable("why")
