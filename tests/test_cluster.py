"""``--cluster``: the documents read on a real Dask cluster (a LocalCluster: a scheduler and two worker processes,
started here) give exactly the facts, warnings and errors of the local run."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import distributed  # the `cluster` extra, in the test extra: these tests are never skipped
import pytest
from typer.testing import CliRunner

from _formats import render, synthetic
from _plans import JINYANG, WEIFANG
from graphmodel.cli import app
from graphmodel.errors import ClusterError, PlanError
from graphmodel.summary import summarize
from loaders import read_plans
from loaders.cluster import code_identity, connect
from loaders.stream import map_plans

runner = CliRunner()


@pytest.fixture(scope="module")
def cluster():
    """The address of a scheduler with two worker processes (one thread each), for the module's tests."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=40) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The bundled plans, six generated ones, and one generated plan again as .docx and .pdf (one body in three
    files: read again and merged after the first pass)."""
    folder = tmp_path_factory.mktemp("plans")
    for plan in (JINYANG, WEIFANG):
        shutil.copy(plan, folder / plan.name)
    paths = synthetic.write_corpus(folder, 6, seed=5)
    (folder / "truth.jsonl").unlink()
    blocks = render.blocks_from_text(paths[0].read_bytes(), paths[0].name)
    (folder / (paths[0].stem + ".docx")).write_bytes(render.render_docx(blocks))
    (folder / (paths[0].stem + ".pdf")).write_bytes(render.render_pdf(blocks))
    return folder


def _both(args: list[str], address: str):
    """The local run and the cluster run of one command line."""
    here = runner.invoke(app, args)
    there = runner.invoke(app, [*args, "--cluster", address])
    return here, there


@pytest.mark.parametrize("command", [["ingest", "-f", "json"], ["audit", "-f", "json"], ["export", "-f", "json"],
                                     ["export", "-f", "json", "--history"], ["ingest", "--lang", "en"]])
def test_the_cluster_gives_the_facts_and_warnings_of_the_local_run(cluster, folder, command):
    here, there = _both([*command, str(folder)], cluster)
    assert here.exit_code == 0, here.stderr
    assert there.exit_code == 0, there.stderr
    assert there.stdout == here.stdout and there.stderr == here.stderr
    assert len(here.stdout) > 1000
    if command[0] == "ingest" and "json" in command:  # eight bodies: the three files of one were read as one
        assert here.stdout.count('"subdistrict"') == 8


def test_neo4j_admin_files_are_the_same(cluster, folder, tmp_path):
    local = runner.invoke(app, ["export", str(folder), "-f", "neo4j-admin", "-o", str(tmp_path / "here")])
    remote = runner.invoke(app, ["export", str(folder), "-f", "neo4j-admin", "-o", str(tmp_path / "there"),
                                 "--cluster", cluster])
    assert local.exit_code == remote.exit_code == 0, remote.stderr
    files = sorted(p.name for p in (tmp_path / "here").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "there").iterdir()) and len(files) >= 4
    for name in files:
        assert (tmp_path / "there" / name).read_bytes() == (tmp_path / "here" / name).read_bytes(), name


def test_the_library_reads_the_same_models_in_the_same_order(cluster, folder):
    assert list(read_plans([folder], cluster=cluster)) == list(read_plans([folder]))
    assert list(map_plans([folder], summarize, cluster=cluster)) == list(map_plans([folder], summarize))


def test_as_of_and_issuer_travel_to_the_workers(cluster, folder):
    args = ["audit", str(folder), "-f", "json", "--as-of", "2024-06", "--issuer", "青松区"]
    here, there = _both(args, cluster)
    assert here.exit_code == there.exit_code == 0, there.stderr
    assert there.stdout == here.stdout and there.stderr == here.stderr
    bodies = {f["subdistrict"] for f in json.loads(here.stdout)}  # the documents dated after June 2024 left out
    assert {"潍坊新村街道", "金杨新村街道"} <= bodies and not bodies & {"梅木新村街道", "祝康街道", "航行路街道"}


def test_the_issuer_given_names_a_document_that_names_none_on_the_workers(cluster, tmp_path):
    from test_layouts_issuer import RUN_ON  # an invented 镇 plan; without its signature it names no issuer

    (tmp_path / "run_on.txt").write_text(RUN_ON.replace("中共张湾镇委员会 张湾镇人民政府\n", ""), encoding="utf-8")
    for more, body in (([], "run_on"), (["--issuer", "张湾镇"], "张湾镇")):
        here, there = _both(["ingest", str(tmp_path), "-f", "json", *more], cluster)
        assert here.exit_code == there.exit_code == 0, there.stderr
        assert there.stdout == here.stdout and there.stderr == here.stderr
        assert [row["subdistrict"] for row in json.loads(there.stdout)] == [body]


@pytest.fixture
def with_bad(folder, tmp_path):
    """The folder with a note that is no plan and a broken PDF among the plans."""
    bad = tmp_path / "plans"
    shutil.copytree(folder, bad)
    (bad / "随手记.txt").write_text("明天开会，带上材料。\n", encoding="utf-8")
    (bad / "扫描件.pdf").write_bytes(b"%PDF-1.4\n%broken\n")
    return bad


@pytest.mark.parametrize("command", [["ingest"], ["audit"], ["export", "-f", "json"]])
def test_a_bad_document_stops_the_run_with_its_line_or_is_skipped_by_name(cluster, with_bad, command):
    here, there = _both([*command, str(with_bad)], cluster)
    assert here.exit_code == there.exit_code == 2 and there.stdout == ""
    [line] = there.stderr.strip().splitlines()
    assert line == here.stderr.strip() and "扫描件.pdf" in line and "--skip-unreadable" in line
    here, there = _both([*command, str(with_bad), "--skip-unreadable"], cluster)
    assert there.exit_code == 0, there.stderr
    assert there.stdout == here.stdout and there.stderr == here.stderr
    skipped = [ln for ln in there.stderr.splitlines() if "已跳过" in ln]
    assert len(skipped) == 2 and any("随手记.txt" in ln for ln in skipped) and any("扫描件.pdf" in ln for ln in skipped)


def test_an_address_that_does_not_answer_is_one_line_within_seconds():
    import socket

    with socket.socket() as sock:  # a port on this machine that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    result = runner.invoke(app, ["ingest", "--cluster", f"tcp://127.0.0.1:{port}", "--lang", "en"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == (f"error: the cluster at tcp://127.0.0.1:{port} did not answer within 5 s "
                                     "(is a dask scheduler running there?)")
    assert time.monotonic() - started < 6
    result = runner.invoke(app, ["load", "--cluster", "tcp://127.0.0.1:notaport"])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "tcp://主机:端口" in result.stderr


def test_a_server_that_is_no_scheduler_is_one_line(tmp_path):
    import socket
    import threading

    with socket.socket() as server:  # answers every connection with bytes that are no Dask handshake
        server.bind(("127.0.0.1", 0))
        server.listen()

        def answer():
            conn, _ = server.accept()
            with conn:
                conn.sendall(b"HTTP/1.0 200 OK\r\n\r\n" + b"\xff" * 64)
                time.sleep(0.5)

        threading.Thread(target=answer, daemon=True).start()
        address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
        result = runner.invoke(app, ["audit", "--cluster", address])
    assert result.exit_code == 2 and result.stderr.strip().splitlines() == [
        f"错误：集群 {address} 在 5 秒内没有应答（那里在运行 dask scheduler 吗？）"]


def test_a_cluster_without_workers_is_refused():
    with distributed.LocalCluster(n_workers=0, processes=False, protocol="tcp://", dashboard_address=":0") as empty:
        with pytest.raises(ClusterError) as info:
            with connect(empty.scheduler_address, timeout=1):
                pass
    assert "dask worker" in info.value.message("en") and "no worker" in info.value.message("en")


def _set_version(version: str | None):
    """On a worker: pretend graphmodel has ``version`` (None: the real one again)."""
    import graphmodel

    real = getattr(graphmodel, "_real_version", graphmodel.__version__)
    graphmodel._real_version = real
    graphmodel.__version__ = version or real
    code_identity.cache_clear()


def test_a_worker_with_another_version_is_refused(cluster):
    with distributed.Client(cluster, set_as_default=False) as client:
        [worker, *_] = sorted(client.nthreads())
        client.run(_set_version, "0.0.9", workers=[worker])
        try:
            with pytest.raises(ClusterError) as info:
                with connect(cluster):
                    pass
        finally:
            client.run(_set_version, None, workers=[worker])
    assert info.value.message("en").startswith(f"the cluster's worker {worker} runs graphmodel 0.0.9+")
    assert code_identity() in info.value.message("en")
    with connect(cluster) as again:  # set back: accepted
        assert list(again.map(_length, [JINYANG])) == [len(JINYANG.read_bytes())]


def _length(data: bytes, file: str) -> int:
    return len(data)


def _fail_on_weifang(data: bytes, file: str) -> int:
    if "潍坊" in file:
        raise PlanError(file, "不读", en="not read")
    return len(data)


def test_map_keeps_the_order_and_gives_a_failed_document_in_its_place(cluster, folder):
    paths = sorted(folder.iterdir()) * 3  # more than the documents in flight at once
    with connect(cluster) as on:
        out = list(on.map(_fail_on_weifang, paths + [folder / "none.txt"]))
    assert [o if isinstance(o, int) else None for o in out[:-1]] == [
        None if "潍坊" in p.name else p.stat().st_size for p in paths]
    assert all(o.file.endswith(p.name) for o, p in zip(out, paths) if isinstance(o, PlanError))
    assert isinstance(out[-1], PlanError) and out[-1].message("en").endswith("none.txt: no such file")


def _die_on_weifang(data: bytes, file: str) -> int:
    if "潍坊" in file:
        import os

        os._exit(3)  # as a reader that crashes the process would
    return len(data)


def test_a_document_that_kills_its_worker_is_named_and_the_others_are_read(cluster):
    # Dask gives a task whose worker died to another, up to 3 times (distributed.scheduler.allowed-failures): the
    # documents that were on the worker beside it are read on the next, the one that kills every worker is named
    with connect(cluster) as on:
        out = list(on.map(_die_on_weifang, [JINYANG, WEIFANG, JINYANG]))
    assert out[0] == out[2] == JINYANG.stat().st_size
    assert isinstance(out[1], PlanError) and out[1].file == "data/" + WEIFANG.name
    assert out[1].message("en").endswith("a cluster worker died while reading it (out of memory, or the reader crashed)")


def test_a_large_document_travels_on_its_own(cluster, tmp_path):
    big = tmp_path / "big.txt"  # past the size sent inside a task: scattered to the cluster first
    big.write_bytes(JINYANG.read_bytes() + b"\n" * (3 << 20))
    with connect(cluster) as on:
        assert list(on.map(_length, [JINYANG, big, WEIFANG])) == [p.stat().st_size for p in (JINYANG, big, WEIFANG)]
        padded = functools.partial(_padded, pad=b"x" * 100_000)  # a large job (many corrections): sent once
        assert list(on.map(padded, [JINYANG, WEIFANG])) == [p.stat().st_size + 100_000 for p in (JINYANG, WEIFANG)]


def _padded(data: bytes, file: str, pad: bytes) -> int:
    return len(data) + len(pad)


def _limit(data: bytes, file: str) -> int:
    from loaders.limits import max_bytes

    return max_bytes()


def test_the_size_limit_of_the_run_holds_on_the_workers(cluster, folder):
    from loaders.limits import DEFAULT_MAX_BYTES, limited

    with connect(cluster) as on:
        with limited(123_456):  # --max-bytes: what a part of a Word file may inflate to, there as here
            assert list(on.map(_limit, [JINYANG, WEIFANG])) == [123_456, 123_456]
        assert list(on.map(_limit, [JINYANG])) == [DEFAULT_MAX_BYTES]


def test_without_the_extra_cluster_names_it(tmp_path):
    code = ("import sys; sys.modules['distributed'] = None; from graphmodel.cli import main; "
            "sys.argv = ['graphmodel', 'ingest', '--cluster', 'tcp://127.0.0.1:8786', '--lang', 'en']; main()")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "error: --cluster needs dask.distributed, which is not installed: pip install 'graphmodel[cluster]'"]


def test_identity_is_the_version_and_a_digest_of_the_code():
    import graphmodel

    version, digest = code_identity().split("+")
    assert version == graphmodel.__version__ and len(digest) == 8 and int(digest, 16) >= 0
    assert Path(__file__).name not in code_identity()


def _snapshot(server):
    """Every node (labels, properties) and relationship (type, ends, properties) in the database, sorted; without
    the time of the load (``loaded_at``)."""
    freeze = lambda d: tuple(sorted((k, tuple(v) if isinstance(v, list) else v)  # noqa: E731
                                    for k, v in d.items() if k != "loaded_at"))
    query = server.driver.execute_query
    nodes = query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p", database_=server.database).records
    rels = query("MATCH (n)-[r]->(m) RETURN n.id AS a, type(r) AS t, m.id AS b, properties(r) AS p",
                 database_=server.database).records
    return (sorted((tuple(r["l"]), freeze(r["p"])) for r in nodes),
            sorted((r["a"], r["t"], r["b"], freeze(r["p"])) for r in rels))


@pytest.mark.neo4j
def test_load_on_the_cluster_writes_what_the_local_load_writes(cluster, folder, neo4j_clean):
    from neo4j_server import clean_database

    server = neo4j_clean

    def load(*more):
        result = runner.invoke(app, ["load", str(folder), "-f", "json", "--uri", server.uri, "--user", server.user,
                                     "--database", server.database, *more], env={"NEO4J_PASSWORD": server.password})
        assert result.exit_code == 0, result.output
        return result

    there = load("--cluster", cluster)
    remote = _snapshot(server)
    assert len(remote[0]) > 500 and len(remote[1]) > 500
    clean_database(server.driver, server.database)
    here = load()
    assert _snapshot(server) == remote and there.stdout == here.stdout and there.stderr == here.stderr
    again = load("--cluster", cluster)
    counts = json.loads(again.stdout)  # the same data again: every 街道 unchanged, nothing written
    assert counts["subdistricts_unchanged"] == 8 and counts["nodes_created"] == counts["nodes_deleted"] == 0
