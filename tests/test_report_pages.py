"""The report of many 街道 (an index page and a page per 街道) and the report's section 变化 (changes between versions)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from _plans import JINYANG, ROOT, WEIFANG
from graphmodel.cli import app

runner = CliRunner()
VERSIONS = ROOT / "tests" / "fixtures" / "versions"


def _synthetic():
    spec = importlib.util.spec_from_file_location("bench_synthetic", ROOT / "bench" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert found, "the page holds no data"
    return json.loads(found.group(1))


def _stats(page: str, subdistrict: str) -> dict[str, str]:
    start = page.index(f'data-subdistrict="{subdistrict}"')
    section = page[start: page.index("</section>", start)]
    return dict(re.findall(r'data-key="(\w+)"><span class="value">([^<]*)</span>', section))


@pytest.fixture(scope="module")
def split(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("split") / "report.html"
    result = runner.invoke(app, ["report", str(WEIFANG), str(JINYANG), "--pages", "split", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "report_files" in result.stderr and "2 个街道" in result.stderr
    return out


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("single") / "report.html"
    assert runner.invoke(app, ["report", str(WEIFANG), str(JINYANG), "-o", str(out)]).exit_code == 0
    return out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- index and pages, as text


def test_split_writes_the_index_and_a_folder_beside_it(split):
    import plotly

    folder = split.parent / "report_files"
    assert sorted(p.name for p in split.parent.iterdir()) == ["report.html", "report_files"]  # nothing else left
    assert sorted(p.name for p in folder.iterdir()) == [
        "0001-潍坊新村街道.html", "0002-金杨新村街道.html", f"plotly-{plotly.__version__}.min.js"]
    index = split.read_text(encoding="utf-8")
    assert split.stat().st_size < 200_000 and "Plotly" not in index  # no plotly.js in the index
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', index)
    from urllib.parse import unquote

    assert [(unquote(href), name) for href, name in links] == [
        ("report_files/0001-潍坊新村街道.html", "潍坊新村街道"), ("report_files/0002-金杨新村街道.html", "金杨新村街道")]


def test_each_page_shows_what_the_single_report_shows_for_its_subdistrict(split, single):
    import plotly

    folder = split.parent / "report_files"
    whole = _data(single)
    for i, sd in enumerate(["潍坊新村街道", "金杨新村街道"]):
        page = (folder / f"000{i + 1}-{sd}.html").read_text(encoding="utf-8")
        assert page.count('<section class="subdistrict"') == 1 and _stats(page, sd) == _stats(single, sd)
        assert f'<script src="plotly-{plotly.__version__}.min.js"></script>' in page
        assert len(page.encode("utf-8")) < 1_000_000  # plotly.js is beside it, not inside
        assert '<a href="../report.html">← 全部街道</a>' in page
        assert _data(page)["sections"] == [whole["sections"][i]]
        rows = re.findall(r'<tr data-severity=.*?</tr>', page, re.S)
        start = single.index(f'data-subdistrict="{sd}"')
        assert rows == re.findall(r'<tr data-severity=.*?</tr>', single[start: single.index("</section>", start)], re.S)
    # the missing attachment of 潍坊 is warned about on 潍坊's page, not on 金杨's
    weifang, jinyang = ((folder / n).read_text(encoding="utf-8") for n in ("0001-潍坊新村街道.html", "0002-金杨新村街道.html"))
    assert "项目计划表" in weifang.split("</header>")[0] and "项目计划表" not in jinyang.split("</header>")[0]


def test_the_index_has_each_subdistricts_figures(split, single):
    index = split.read_text(encoding="utf-8")
    for sd in ("潍坊新村街道", "金杨新村街道"):
        row = re.search(rf'<tr data-subdistrict="{sd}">(.*?)</tr>', index).group(1)
        cells = re.findall(r'<td class="num[^"]*" data-sort="[^"]*">([^<]*)</td>', row)
        stats = _stats(single, sd)
        assert cells[: len(stats)] == list(stats.values())
    assert re.search(r'<tr data-subdistrict="潍坊新村街道">.*?<td class="num alert" data-sort="16">16</td>', index)


def test_many_subdistricts_split_by_themselves_and_a_few_stay_one_file(tmp_path):
    synthetic = _synthetic()
    plans = tmp_path / "plans"
    synthetic.write_corpus(plans, 11, seed=3)
    (plans / "truth.jsonl").unlink()
    out = tmp_path / "out" / "r.html"
    out.parent.mkdir()
    result = runner.invoke(app, ["report", str(plans), "-o", str(out)])
    assert result.exit_code == 0, result.output
    pages = sorted((tmp_path / "out" / "r_files").glob("*.html"))
    assert len(pages) == 11 and len(re.findall(r'<tr data-subdistrict=', out.read_text(encoding="utf-8"))) == 11
    # --pages one keeps them in one file; ten plans are one file by themselves
    result = runner.invoke(app, ["report", str(plans), "--pages", "one", "-o", str(tmp_path / "one.html")])
    assert result.exit_code == 0 and (tmp_path / "one.html").read_text(encoding="utf-8").count('<section class="subdistrict"') == 11
    (sorted(plans.glob("*.txt"))[0]).unlink()
    result = runner.invoke(app, ["report", str(plans), "-o", str(tmp_path / "ten.html")])
    assert result.exit_code == 0 and (tmp_path / "ten.html").read_text(encoding="utf-8").count('<section class="subdistrict"') == 10
    assert not (tmp_path / "ten_files").exists()
    # to stdout it is always one page
    result = runner.invoke(app, ["report", str(plans), "--pages", "split", "-o", "-"])
    assert result.exit_code == 0 and result.stdout.count('<section class="subdistrict"') == 10


def test_a_new_report_replaces_the_folder_and_a_failure_leaves_the_earlier_one(tmp_path, monkeypatch):
    out = tmp_path / "report.html"
    folder = tmp_path / "report_files"
    folder.mkdir()
    (folder / "stale.html").write_text("an earlier page")
    assert runner.invoke(app, ["report", str(JINYANG), "--pages", "split", "-o", str(out)]).exit_code == 0
    assert sorted(p.suffix for p in folder.iterdir()) == [".html", ".js"]  # the stale page went with the old folder
    before = {p.name: p.read_bytes() for p in folder.iterdir()}, out.read_bytes()

    import graphmodel.report.pages as pages

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pages, "index_page", broken)
    result = runner.invoke(app, ["report", str(WEIFANG), str(JINYANG), "--pages", "split", "-o", str(out)])
    assert result.exit_code != 0
    assert ({p.name: p.read_bytes() for p in folder.iterdir()}, out.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report_files"]  # no staging folder left


def test_split_pages_keep_names_as_text(tmp_path):
    from graphmodel.report.html import render_parts
    from graphmodel.report.pages import write_pages

    g = nx.MultiDiGraph()
    ev = {"file": "<a>.txt", "line": 2}
    g.add_node("<svg onload=x>/Unit/<b>办</b>", label="Unit", name="<b>办</b>", subdistrict="<svg onload=x>",
               collective=False, evidence=ev)
    g.add_node("<svg onload=x>/Task/1", label="Task", name="</script><i>x", text="</script><i>x", number=1,
               subdistrict="<svg onload=x>", evidence=ev)
    g.add_edge("<svg onload=x>/Unit/<b>办</b>", "<svg onload=x>/Task/1", key="RESPONSIBLE_FOR", type="RESPONSIBLE_FOR",
               evidence=ev)
    staging = tmp_path / ".staging"
    staging.mkdir()
    parts = [p | {"warnings": []} for p in render_parts(g)]
    write_pages(parts, tmp_path / "r.html", staging)
    [page] = (tmp_path / "r_files").glob("*.html")
    assert page.name == "0001-svg_onload=x.html"
    for text in (page.read_text(encoding="utf-8"), (tmp_path / "r.html").read_text(encoding="utf-8")):
        assert "<svg onload" not in text and "<b>办</b>" not in text and "</script><i>" not in text
        assert "&lt;svg onload=x&gt;" in text


# --------------------------------------------------------------------------- 变化: changes between versions


def test_changes_between_versions_with_evidence_on_both_sides(tmp_path):
    from graphmodel.analysis.diff import diff
    from graphmodel.graph import build_graph
    from graphmodel.labels import where
    from loaders import read_plans

    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(VERSIONS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    for sd, old, new in [("苇塘区", "district_renewal_2024.txt", "district_renewal_2025.txt"),
                         ("芦汀镇", "town_group_2023.txt", "town_group_2024.txt")]:
        start = page.index(f'data-subdistrict="{sd}"')
        section = page[start: page.index("</section>", start)]
        assert '<h3 class="changes">变化</h3>' in section
        expected = diff(build_graph(read_plans([VERSIONS / old])), build_graph(read_plans([VERSIONS / new])))
        rows = re.findall(r'<tr data-kind="([^"]+)">(.*?)</tr>', section, re.S)
        assert [k for k, _ in rows] == [c["kind"] for c in expected] and len(rows) >= 6
        for (_, row), change in zip(rows, expected):
            evidence = re.findall(r'<td class="ev">([^<]*)</td>', row)
            assert len(evidence) == 2 and old in evidence[0] and new in evidence[1]
            assert evidence == [where(change["evidence"]["before"]), where(change["evidence"]["after"])]
    start = page.index('data-subdistrict="苇塘区"')
    reworded = re.search(r'<tr data-kind="task-reworded">(.*?)</tr>', page[start:], re.S).group(1)
    assert "新建口袋公园5个" in reworded and "新建口袋公园8个" in reworded
    assert "district_renewal_2024.txt:18（表1，第5行）" in reworded and "district_renewal_2025.txt:18（表1，第5行）" in reworded


def test_no_changes_section_without_versions_and_english_heading(tmp_path, single):
    assert 'class="changes"' not in single
    out = tmp_path / "en.html"
    assert runner.invoke(app, ["report", str(VERSIONS / "district_renewal_2024.txt"),
                               str(VERSIONS / "district_renewal_2025.txt"), "--lang", "en", "-o", str(out)]).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert '<h3 class="changes">Changes</h3>' in page and "<th>Evidence before</th>" in page
    assert '<tr data-kind="unit-renamed">' in page and "task reworded" in page


# --------------------------------------------------------------------------- in a real browser


def test_index_links_to_a_page_that_works_offline(browser, split):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    blocked, errors = [], []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(split.as_uri(), wait_until="load")
    assert page.locator("table.index tbody tr").count() == 2
    # sort by the third column (the first figure), a number: ascending, then descending (the shared sortable.js)
    header = page.locator("table.index thead th").nth(2)
    keys = lambda: [float(c) for c in page.locator("table.index tbody tr td:nth-child(3)").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-sort'))")]
    header.click()
    assert keys() == sorted(keys()) and header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert keys() == sorted(keys(), reverse=True) and header.get_attribute("aria-sort") == "descending"
    page.locator("input.filter").fill("金杨")
    assert page.locator("table.index tbody tr:visible").count() == 1
    page.locator("table.index a", has_text="金杨新村街道").click()
    page.wait_for_selector("#network-0 .scatterlayer path.point", timeout=30_000)
    assert page.url.endswith("report_files/0002-%E9%87%91%E6%9D%A8%E6%96%B0%E6%9D%91%E8%A1%97%E9%81%93.html")
    assert page.locator(".js-plotly-plot").count() == 3
    assert page.locator("#network-0 .scatterlayer path.point").count() == 33 + 33 + 23 + 34
    page.locator("table.findings button.node-link", has_text="林长办").first.click()
    details = page.locator("#details-0")
    details.locator("h4", has_text="林长办").wait_for(timeout=10_000)
    assert "单位无负责人" in details.inner_text()
    page.locator("p.home a").click()
    page.wait_for_selector("table.index")
    context.close()
    assert errors == [] and blocked == []
