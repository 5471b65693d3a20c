"""Neo4j Browser, served by ``graphmodel neo4j start``, driven in headless chromium: log in, ``:param``, a named query.

The rows the Browser's table shows must be the rows ``graphmodel query run`` prints for the same query and
parameter; a screenshot of the page goes to the test's own folder (its path is printed).
"""

from __future__ import annotations

import json
import re
import time

import pytest

from local_neo4j import runner, started_server, use_settings_of
from graphmodel.cli import app
from graphmodel.neo4j.named_queries import get_query

pytestmark = pytest.mark.neo4j

QUERY = "officials-by-load"
_TIMEOUT_MS = 120_000  # a loaded 2-core machine: Browser's first load and first query can take a while


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with started_server(tmp_path_factory.mktemp("neo4j-browser")) as started:
        loaded = runner.invoke(app, ["load"])  # the bundled plans, the user's way
        assert loaded.exit_code == 0, loaded.stderr
        yield started


def _cli_rows(subdistrict: str | None) -> list[dict]:
    args = ["query", "run", QUERY, "-f", "json"] + (["--param", f"subdistrict={json.dumps(subdistrict)}"]
                                                     if subdistrict else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _run(page, text: str) -> None:
    """Type ``text`` into the Browser's main editor (no key events: Monaco would close quotes) and run it."""
    frames = page.locator('[data-testid="frame"]').count()
    page.click("#monaco-main-editor")
    page.keyboard.insert_text(text)
    page.click('[data-testid="editor-Run"]')
    deadline = time.monotonic() + _TIMEOUT_MS / 1000
    while page.locator('[data-testid="frame"]').count() <= frames:  # a new frame on top holds the answer
        assert time.monotonic() < deadline, f"Browser showed no frame for {text[:40]!r}"
        time.sleep(0.2)


def _table(frame) -> list[dict]:
    """The rows of a result frame's Table view; a cell shows a value as Cypher literal text, which JSON reads."""
    frame.locator('[data-testid="cypherFrameSidebarTable"]').click()
    body = frame.locator("tr.relatable__table-body-row")
    body.first.wait_for()
    headers = frame.locator('th[role="columnheader"]').all_inner_texts()
    rows = []
    for index in range(body.count()):
        cells = body.nth(index).locator('td[role="cell"]').all_inner_texts()
        rows.append({header.strip(): json.loads(cell) for header, cell in zip(headers, cells, strict=True)})
    return rows


def test_browser_shows_the_rows_graphmodel_query_run_prints(server, browser, tmp_path, monkeypatch):
    use_settings_of(server.config_home, monkeypatch)
    everywhere = _cli_rows(None)
    subdistrict = everywhere[-1]["subdistrict"]
    expected = _cli_rows(subdistrict)
    assert expected and all(row["subdistrict"] == subdistrict for row in expected)
    assert len(everywhere) > len(expected)  # the parameter narrows the answer, so the Browser must have used it

    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    # Offline, as on an office machine: anything but this server is refused (Browser asks nothing else to work).
    context.route(re.compile(r"^(?!http://127\.0\.0\.1:\d+/)"), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(_TIMEOUT_MS)
    try:
        page.goto(f"http://127.0.0.1:{server.http_port}/browser/")
        page.select_option('[data-testid="bolt-scheme-select"]', "bolt://")
        page.fill('input[data-testid="boltaddress"]', f"127.0.0.1:{server.bolt_port}")
        page.fill('input[data-testid="username"]', server.connection.user)
        page.fill('input[data-testid="password"]', server.connection.password)
        page.click('button[data-testid="connect"]')
        page.get_by_text("You are connected as user").wait_for()
        assert page.get_by_text(f"bolt://127.0.0.1:{server.bolt_port}").first.is_visible()

        _run(page, f":param subdistrict => {json.dumps(subdistrict, ensure_ascii=False)}")
        page.locator('[data-testid="frame"]').first.get_by_text(f'"subdistrict": "{subdistrict}"').wait_for()
        _run(page, get_query(QUERY).cypher)
        frame = page.locator('[data-testid="frame"]').first
        assert f"name: {QUERY}" in frame.locator('[data-testid="frameCommand"]').inner_text()
        shown = _table(frame)
        shot = tmp_path / "neo4j-browser.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"\nscreenshot of Neo4j Browser: {shot}")
    finally:
        context.close()
    assert shown == expected
    assert shot.stat().st_size > 10_000
