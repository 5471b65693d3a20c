"""Faults against a real Neo4j: two loads of the same plans at once both succeed; a server that dies mid-load is one
line of ours (the driver's log only with ``--verbose``); ``load`` counts the 街道 past a few (issue 20, item 5)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from neo4j_server import HarnessProcess, Neo4jUnavailable

pytestmark = pytest.mark.neo4j
_ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_synthetic_faults", _ROOT / "bench" / "synthetic.py")
synthetic = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = synthetic
_spec.loader.exec_module(synthetic)


def _env(settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(NEO4J_URI=settings.uri, NEO4J_USERNAME=settings.user, NEO4J_PASSWORD=settings.password,
               NEO4J_DATABASE=settings.database, XDG_CONFIG_HOME="/nonexistent")  # no saved settings either
    return env


def _graphmodel(*args: str) -> list[str]:
    return [sys.executable, "-m", "graphmodel", *args]


def _corpus(tmp_path: Path, n: int, seed: int) -> Path:
    folder = tmp_path / f"plans-{seed}"
    synthetic.write_corpus(folder, n, seed=seed)
    (folder / "truth.jsonl").unlink()
    return folder


def _graph_json(tmp_path: Path, folder: Path, env: dict) -> Path:
    out = tmp_path / "graph.json"
    done = subprocess.run(_graphmodel("export", str(folder), "--format", "json", "-o", str(out)), env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return out


def _count(server) -> int:
    return server.driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=server.database).records[0]["n"]


def test_two_loads_of_the_same_plans_at_once_both_succeed(neo4j_clean, tmp_path):
    env = _env(neo4j_clean.settings)
    graph = _graph_json(tmp_path, _corpus(tmp_path, 40, seed=7), env)
    nodes = len(json.loads(graph.read_text(encoding="utf-8"))["nodes"])
    command = _graphmodel("load", str(graph), "--batch-size", "300", "--format", "json")
    loads = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outcomes = [(p.wait(timeout=600), p.stdout.read(), p.stderr.read()) for p in loads]
    for code, _stdout, stderr in outcomes:
        assert code == 0, stderr
        assert "ConstraintValidationFailed" not in stderr and "Traceback" not in stderr
    assert _count(neo4j_clean) == nodes  # the graph once, not twice
    results = [json.loads(stdout) for _code, stdout, _stderr in outcomes]
    assert all(len(r["subdistricts"]) == 40 for r in results)
    # between them the two loads wrote each 街道 once, the other finding it exactly so (or rewriting it)
    assert sum(r["nodes_created"] for r in results) == nodes


def test_load_names_a_few_subdistricts_and_counts_many(neo4j_clean, tmp_path):
    env = _env(neo4j_clean.settings)
    folder = _corpus(tmp_path, 6, seed=8)
    done = subprocess.run(_graphmodel("load", str(folder)), env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "已载入 6 个街道"
    english = subprocess.run(_graphmodel("load", str(folder), "--lang", "en"), env=env, capture_output=True,
                             text=True, timeout=600)
    assert english.stdout.splitlines()[0] == "loaded 6 subdistricts"
    few = sorted(folder.iterdir())[:2]
    done = subprocess.run(_graphmodel("load", *map(str, few)), env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    title = done.stdout.splitlines()[0]
    assert title.startswith("已载入：") and title.count("、") == 1


@pytest.fixture
def own_server():
    """A Neo4j of this test's own (the harness), for a test that kills it."""
    try:
        with HarnessProcess() as harness:
            yield harness
    except Neo4jUnavailable as exc:
        if os.environ.get("REQUIRE_NEO4J", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"REQUIRE_NEO4J=1 but the Neo4j harness did not start: {exc}", pytrace=False)
        pytest.skip(f"the Neo4j harness did not start (set REQUIRE_NEO4J=1 to fail instead): {exc}")


@pytest.fixture(scope="module")
def big_graph(tmp_path_factory) -> Path:
    """150 generated plans as one graph.json: a load long enough to be cut (about 45,000 elements)."""
    tmp = tmp_path_factory.mktemp("big")
    return _graph_json(tmp, _corpus(tmp, 150, seed=9), dict(os.environ))


def _load_until_killed(harness, graph: Path, env: dict, *extra: str) -> subprocess.CompletedProcess:
    """Run ``load`` and kill the server once the first batches are in; the load's outcome."""
    import neo4j

    settings = harness.settings
    load = subprocess.Popen(_graphmodel("load", str(graph), "--batch-size", "200", *extra), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with neo4j.GraphDatabase.driver(settings.uri, auth=settings.auth) as driver:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and load.poll() is None:
            count = driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
            if count > 0:
                break
            time.sleep(0.05)
    assert load.poll() is None, "the load ended before the server could be stopped: give it more plans"
    harness._process.kill()  # the server dies: no goodbye on the connection
    stdout, stderr = load.communicate(timeout=300)
    return subprocess.CompletedProcess(load.args, load.returncode, stdout, stderr)


def test_a_server_that_dies_mid_load_is_one_line(own_server, big_graph):
    settings = own_server.start()
    env = _env(settings)
    done = _load_until_killed(own_server, big_graph, env)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("错误：载入途中与 Neo4j 的连接断开") and settings.uri in lines[0]
    assert settings.password not in done.stderr


def test_the_driver_log_shows_with_verbose(own_server, big_graph):
    settings = own_server.start()
    env = _env(settings)
    done = _load_until_killed(own_server, big_graph, env, "--verbose")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    driver_lines = [line for line in lines[:-1] if line.startswith("neo4j: ")]  # (a message may run over lines)
    assert driver_lines and lines[0].startswith("neo4j: "), done.stderr
    assert any("defunct connection" in line or "will be retried" in line for line in driver_lines), done.stderr
    assert lines[-1].startswith("错误：载入途中与 Neo4j 的连接断开") and settings.password not in done.stderr
