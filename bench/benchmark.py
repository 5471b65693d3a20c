"""graphmodel's benchmark: start-up, scale, Neo4j load and read speed per format, each side by side with its alternative.

Run by hand (not part of the tests): ``python bench/benchmark.py [--sizes 1,10,100,1000,10000] [--skip-neo4j]``;
``--sections formats`` runs only the format section (plans/s for .txt, .pdf, .docx, .html), ``--sections startup``
only start-up, ``--sections outputs`` only ``report`` and ``export --format xlsx`` beside ``ingest`` (time and peak
memory at ``--output-sizes``, written to ``bench/results/outputs-<date>.json``), ``--sections cluster`` the
documents read on a 2-worker Dask LocalCluster beside the local process pool, ``--sections ocr`` OCR pages/s and
accuracy beside tesseract (bench/ocr_speed.py; not in the default).
Prints a table and writes ``bench/results/benchmark-<date>.json``. Timings are medians of repeated
runs on this machine; ratios are taken within one run, so a noisy machine affects both sides.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

NATIONAL = 38_741  # township-level units of China (2022)

from graphmodel.schema import LABELS as _LABELS, RELS as _RELS  # noqa: E402  (after the sys.path lines)


def _interleaved_seconds(cmds: dict[str, list[str]], runs: int) -> dict[str, dict[str, float]]:
    """Median and minimum wall time of each command, the commands taking turns in every round.

    Taking turns puts each command under the same load on a shared machine: the ratios stay
    fair even when the load drifts during the runs. One warm-up round is not counted.
    """
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for round_ in range(runs + 1):
        for name, cmd in cmds.items():
            started = time.perf_counter()
            done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if round_:
                times[name].append(time.perf_counter() - started)
            if done.returncode not in (0, 1):
                raise SystemExit(f"benchmark: {' '.join(cmd)} exited {done.returncode}")
    return {name: {"median": statistics.median(t), "min": min(t)} for name, t in times.items()}


def startup(runs: int) -> dict:
    """``graphmodel --help`` and ``graphmodel audit`` beside importing the libraries they stand on.

    The package is byte-compiled first, as ``pip install`` leaves it (with
    ``PYTHONDONTWRITEBYTECODE`` set nothing else would write the ``.pyc`` files, and every run
    would compile graphmodel anew). The issue's floor imports networkx, pydantic and typer;
    ``graphmodel audit`` no longer imports pydantic at all, so the floor of the libraries it
    really imports (networkx, typer) is measured too.
    """
    import compileall

    for package in ("graphmodel", "loaders"):
        compileall.compile_dir(ROOT / package, quiet=1)
    py = sys.executable
    gm = [py, "-m", "graphmodel"]
    load_before = os.getloadavg()[0]
    t = _interleaved_seconds({
        "import_typer": [py, "-c", "import typer"],
        "help": gm + ["--help"],
        "import_floor": [py, "-c", "import networkx, pydantic, typer"],
        "import_own": [py, "-c", "import networkx, typer"],
        "audit": gm + ["audit"],
    }, runs)
    out = {f"{name}_s": v["median"] for name, v in t.items()} | {f"{name}_min_s": v["min"] for name, v in t.items()}
    import typer

    out["typer_version"] = typer.__version__
    out["load_average"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]  # 1-minute, before and after
    out["help_ratio"] = out["help_s"] / out["import_typer_s"]
    out["audit_ratio"] = out["audit_s"] / out["import_floor_s"]
    out["audit_ratio_min"] = out["audit_min_s"] / out["import_floor_min_s"]
    out["audit_own_ratio"] = out["audit_s"] / out["import_own_s"]
    return out


def _scale_once(folder: Path, mode: str) -> dict:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "scale_run.py"), str(folder), mode],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"benchmark: scale_run {mode} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def scale(sizes: list[int], whole_up_to: int, workdir: Path) -> list[dict]:
    from synthetic import write_corpus

    rows = []
    for n in sizes:
        folder = workdir / f"plans-{n}"
        started = time.perf_counter()
        write_corpus(folder, n, seed=7)
        (folder / "truth.jsonl").unlink(missing_ok=True)
        generated = time.perf_counter() - started
        row = {"plans": n, "generate_s": generated}
        stream = _scale_once(folder, "stream")
        assert stream["plans"] == n, stream
        row |= {"stream_s": stream["seconds"], "stream_ms_per_plan": stream["seconds"] / n * 1000,
                "stream_peak_mib": stream["peak_rss_mib"], "stream_worker_peak_mib": stream["peak_worker_rss_mib"]}
        if n <= whole_up_to:
            whole = _scale_once(folder, "whole")
            row |= {"whole_s": whole["seconds"], "whole_ms_per_plan": whole["seconds"] / n * 1000,
                    "whole_peak_mib": whole["peak_rss_mib"]}
        rows.append(row)
        shutil.rmtree(folder)
        print(f"  scale {n:>6}: {row}", file=sys.stderr)
    return rows


# The naive alternative, one statement (and one transaction) per element, as constants over the allow-list.
ROW_NODE = {label: f"CREATE (n:`{label}`) SET n = $props" for label in sorted(_LABELS)}
ROW_RELATIONSHIP = {
    (type_, start, end): f"MATCH (a:`{start}` {{id: $start}}) MATCH (b:`{end}` {{id: $end}}) "
                         f"CREATE (a)-[r:`{type_}`]->(b) SET r = $props"
    for type_ in sorted(_RELS) for start in sorted(_LABELS) for end in sorted(_LABELS)
}
SERVER_VERSION = "CALL dbms.components() YIELD versions RETURN versions[0] AS version"


def _cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU seconds of a process so far (Linux), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, TypeError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class _Clock:
    """Wall time, this process's CPU time and the server's (when it is a child process) over a block."""

    def __init__(self, server_pid: int | None):
        self.server_pid = server_pid

    def __enter__(self):
        self.wall, self.client = time.perf_counter(), time.process_time()
        self.server = _cpu_seconds(self.server_pid)
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.client = time.process_time() - self.client
        after = _cpu_seconds(self.server_pid)
        self.server = None if after is None or self.server is None else after - self.server

    def row(self, elements: int) -> dict:
        return {"seconds": self.wall, "elements_per_s": elements / self.wall, "client_cpu_s": self.client,
                "server_cpu_s": self.server, "load_average": round(os.getloadavg()[0], 1)}


def _corpus_graph(folder: Path, plans: int, seed: int):
    from synthetic import write_corpus

    from graphmodel import build_graph
    from loaders import read_plans

    write_corpus(folder, plans, seed=seed)
    (folder / "truth.jsonl").unlink(missing_ok=True)
    return build_graph(read_plans([folder]))


def _per_row_load(driver, database: str, graph, limit: int) -> int:
    """Write whole 街道, in order, until ``limit`` elements: each node, then each relationship, in a
    statement and transaction of its own (the loop a first attempt writes). Returns the elements written."""
    from graphmodel.graph import subdistricts
    from graphmodel.neo4j.writer import _members_by_subdistrict, _rows

    members = _members_by_subdistrict(graph)
    written = 0
    with driver.session(database=database) as session:
        for sd in subdistricts(graph):
            rows = _rows(graph, *members[sd])
            for label, props in rows["nodes"].items():
                for row in props:
                    session.run(ROW_NODE[label], props=row).consume()
            for type_, rels in rows["rels"].items():
                for start, end, props in rels:
                    key = (type_, graph.nodes[start]["label"], graph.nodes[end]["label"])
                    session.run(ROW_RELATIONSHIP[key], start=start, end=end, props=props).consume()
            written += sum(map(len, rows["nodes"].values())) + sum(map(len, rows["rels"].values()))
            if written >= limit:
                return written
    return written


def _admin_import(graph, workdir: Path) -> dict:
    """Our CSV export, then ``neo4j-admin database import full`` of it into a new, empty store."""
    from neo4j_server import build_harness, find_java

    from graphmodel.neo4j.admin_import import write_import_files

    classpath, java = build_harness().classpath, find_java()
    out, home = workdir / "admin-import", workdir / "admin-home"
    (home / "conf").mkdir(parents=True)
    started = time.perf_counter()
    written = write_import_files(graph, out)
    export_s = time.perf_counter() - started
    command = [java, "-Xmx1g", "-cp", classpath, "org.neo4j.cli.AdminTool", "database", "import", "full", "neo4j",
               "--array-delimiter=|", "--multiline-fields=true"]
    command += [f"--nodes={out / name}" for _, name in written["nodes"]]
    command += [f"--relationships={out / name}" for _, name in written["relationships"]]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=workdir, timeout=3600)
    import_s = time.perf_counter() - started
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise SystemExit(f"benchmark: neo4j-admin import failed:\n{output[-3000:]}")
    import re

    nodes = int(re.search(r"(\d+) nodes", output).group(1))
    rels = int(re.search(r"(\d+) relationships", output).group(1))
    assert (nodes, rels) == (graph.number_of_nodes(), graph.number_of_edges()), (nodes, rels)
    took = re.search(r"IMPORT DONE in ([^.]+)\.", output)
    shutil.rmtree(out)
    shutil.rmtree(home)
    elements = nodes + rels
    return {"export_s": export_s, "import_s": import_s, "seconds": export_s + import_s,
            "elements_per_s": elements / (export_s + import_s), "import_elements_per_s": elements / import_s,
            "tool_reports": took.group(1) if took else None, "load_average": round(os.getloadavg()[0], 1)}


def neo4j_load(plans: int, batch_sizes: list[int], default_batch: int, workers: int, single_rows: int,
               workdir: Path) -> dict:
    """Elements/s of three ways to get ``plans`` generated plans into an empty Neo4j, in one run.

    Per row (one statement and transaction per element, the first ``single_rows`` elements),
    graphmodel's batched load (a first load per batch size; for ``default_batch`` also the
    second, unchanged load and a forced rewrite), and ``neo4j-admin database import`` of the
    CSV files ``export --format neo4j-admin`` writes (export + import, the JVM start included).
    The server is warmed up first with a load of other plans, as a server that has run a while.
    """
    from neo4j_server import clean_database, open_neo4j_server

    from graphmodel.neo4j.writer import ensure_schema, load_graph

    # a server as users run one: the full JIT and more heap (the test default trades them for start-up time)
    os.environ.setdefault("NEO4J_HARNESS_JAVA_OPTS", "-Xms2g -Xmx2g -XX:TieredStopAtLevel=4")
    started = time.perf_counter()
    graph = _corpus_graph(workdir / "neo4j-plans", plans, seed=11)
    warm = _corpus_graph(workdir / "neo4j-warm", 50, seed=500_000)
    elements = graph.number_of_nodes() + graph.number_of_edges()
    out: dict = {"plans": plans, "elements": elements, "nodes": graph.number_of_nodes(),
                 "relationships": graph.number_of_edges(), "workers": workers, "batched": [],
                 "prepare_s": time.perf_counter() - started}
    with open_neo4j_server(start_timeout=900) as server:
        driver, db = server.driver, server.database
        pid = server.harness._process.pid if server.harness is not None and server.harness._process else None
        out["server"] = driver.execute_query(SERVER_VERSION, database_=db).records[0]["version"]
        out["rust_extension"] = "neo4j._rust" in sys.modules  # the driver's packer/unpacker in Rust
        load_graph(driver, warm, database=db, batch_size=default_batch, workers=workers)
        clean_database(driver, db)
        ensure_schema(driver, db)
        _per_row_load(driver, db, warm, 500)
        for size in batch_sizes:
            clean_database(driver, db)
            with _Clock(pid) as clock:
                result = load_graph(driver, graph, database=db, batch_size=size, workers=workers)
            assert result.nodes_created + result.relationships_created == elements, result
            row = {"batch_size": size, **clock.row(elements)}
            if size == default_batch:
                with _Clock(pid) as again:
                    unchanged = load_graph(driver, graph, database=db, batch_size=size, workers=workers)
                with _Clock(pid) as rewrite:
                    forced = load_graph(driver, graph, database=db, batch_size=size, workers=workers, force=True)
                assert len(unchanged.unchanged) == plans and unchanged.nodes_written == 0, unchanged
                assert forced.nodes_created + forced.relationships_created + forced.nodes_deleted == 0, forced
                row |= {"second_s": again.wall, "forced_rewrite_s": rewrite.wall,
                        "forced_elements_per_s": elements / rewrite.wall}
            out["batched"].append(row)
            print(f"  neo4j batched, batch {size}: {row}", file=sys.stderr)
        clean_database(driver, db)
        ensure_schema(driver, db)
        with _Clock(pid) as clock:
            written = _per_row_load(driver, db, graph, single_rows)
        counted = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=db).records[0]["n"]
        counted += driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS r", database_=db).records[0]["r"]
        assert counted == written, (counted, written)
        out["per_row"] = {"elements": written, **clock.row(written)}
        print(f"  neo4j per row: {out['per_row']}", file=sys.stderr)
    out["admin_import"] = _admin_import(graph, workdir)
    print(f"  neo4j-admin import: {out['admin_import']}", file=sys.stderr)
    return out


def formats(n: int, runs: int, workdir: Path) -> dict:
    """Read speed per format: ``n`` synthetic plans as .txt, .pdf, .docx and .html (bench/render.py), read each way.

    Two timings per format, medians of ``runs`` passes over all ``n`` files: ``source`` (bytes → numbered lines,
    the format's own reader) and ``plan`` (bytes → the resolved model, what ``graphmodel ingest`` does per file).
    """
    import render
    import synthetic

    from loaders.plans import read_plan, read_source

    folder = workdir / "formats"
    folder.mkdir(parents=True, exist_ok=True)
    plans = [synthetic.generate_plan(seed, table=True) for seed in range(900_000, 900_000 + n)]
    font = render.cjk_font()  # a PDF as offices publish it embeds its font: with one installed, a row for that
    files: dict[str, list[Path]] = {fmt: [] for fmt in ("txt", "pdf", "docx", "odt", "html")}
    if font is not None:
        files["pdf-embedded"] = []
        (folder / "embedded").mkdir(exist_ok=True)
    for plan in plans:
        blocks = render.blocks_of_synthetic(plan)
        for fmt in files:
            if fmt == "pdf-embedded":
                path = folder / "embedded" / f"{plan.subdistrict}.pdf"
                path.write_bytes(render.render(blocks, "pdf", font=font))
            else:
                path = folder / f"{plan.subdistrict}.{fmt}"
                path.write_bytes(plan.text.encode("utf-8") if fmt == "txt" else render.render(blocks, fmt))
            files[fmt].append(path)
    out: dict = {"plans": n, "runs": runs, "pdf_font": "STSong-Light (not embedded)",
                 "pdf_embedded_font": font.name if font else None, "formats": {}}
    data = {fmt: [(p.read_bytes(), p.name) for p in paths] for fmt, paths in files.items()}
    for paths in files.values():
        read_plan(paths[0])  # imports the format's reader before timing
    source_s: dict[str, list[float]] = {fmt: [] for fmt in files}
    plan_s: dict[str, list[float]] = {fmt: [] for fmt in files}
    for _ in range(runs):  # the formats take turns in every pass: the same load on a shared machine for each
        for fmt, paths in files.items():
            started = time.perf_counter()
            for content, name in data[fmt]:
                read_source(content, name)
            source_s[fmt].append(time.perf_counter() - started)
            started = time.perf_counter()
            for path in paths:
                read_plan(path)
            plan_s[fmt].append(time.perf_counter() - started)
    for fmt in files:
        out["formats"][fmt] = {
            "bytes_per_plan": sum(len(c) for c, _ in data[fmt]) / n,
            "source_s": statistics.median(source_s[fmt]),
            "plan_s": statistics.median(plan_s[fmt]),
            "source_plans_per_s": n / statistics.median(source_s[fmt]),
            "plans_per_s": n / statistics.median(plan_s[fmt]),
            # the whole read's time over .txt's in each pass, and its median: drift between passes cancels out
            "plan_time_vs_txt_per_pass": [a / b for a, b in zip(plan_s[fmt], plan_s["txt"])],
        }
    txt = out["formats"]["txt"]["plan_s"]
    for row in out["formats"].values():
        row["plan_time_vs_txt"] = row["plan_s"] / txt
        row["plan_time_vs_txt_median_of_passes"] = statistics.median(row["plan_time_vs_txt_per_pass"])
    out["doc_batch"] = doc_batch(40, runs, workdir)
    return out


#: Runs a command and prints its wall time and the peak RSS of it and every process it started (its workers).
_MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(json.dumps({'seconds': time.perf_counter() - t, 'returncode': done.returncode,\n"
    "                  'peak_rss_mib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n"
)


def _measured(cmd: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], cwd=ROOT, capture_output=True, text=True)
    row = json.loads(done.stdout.strip().splitlines()[-1])
    if row["returncode"] not in (0, 1):
        raise SystemExit(f"benchmark: {' '.join(cmd)} exited {row['returncode']}")
    return row


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def outputs(sizes: list[int], runs: int, workdir: Path) -> list[dict]:
    """``report`` and ``export --format xlsx`` beside ``ingest`` on generated plans: wall time and peak memory.

    The three commands take turns in every round (the same load on a shared machine for each); the medians
    are reported, with the ratios to ingest's time that issue 20 sets (report ≤ 10×, xlsx ≤ 5×) and the
    size of what each writes (the report's first page, its largest 街道 page and everything).
    """
    from synthetic import write_corpus

    gm = [sys.executable, "-m", "graphmodel"]
    rows = []
    for n in sizes:
        folder = workdir / f"outputs-{n}"
        write_corpus(folder, n, seed=11)
        (folder / "truth.jsonl").unlink(missing_ok=True)
        out = workdir / f"out-{n}"
        out.mkdir()
        cmds = {"ingest": gm + ["ingest", str(folder)],
                "xlsx": gm + ["export", str(folder), "--format", "xlsx", "-o", str(out / "plans.xlsx")],
                "report": gm + ["report", str(folder), "-o", str(out / "report.html")]}
        times: dict[str, list[dict]] = {name: [] for name in cmds}
        load_before = os.getloadavg()[0]
        for _ in range(runs):
            for name, cmd in cmds.items():
                times[name].append(_measured(cmd))
                print(f"  outputs {n:>5} {name}: {times[name][-1]}", file=sys.stderr)
        row = {"plans": n, "runs": runs, "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)]}
        for name, measured in times.items():
            row[f"{name}_s"] = statistics.median(m["seconds"] for m in measured)
            row[f"{name}_peak_mib"] = max(m["peak_rss_mib"] for m in measured)
        row["report_ratio"] = row["report_s"] / row["ingest_s"]
        row["xlsx_ratio"] = row["xlsx_s"] / row["ingest_s"]
        pages = out / "report_files"
        row["report_first_page_bytes"] = (out / "report.html").stat().st_size
        row["report_pages"] = len(list(pages.glob("*.html"))) if pages.is_dir() else 0
        row["report_largest_page_bytes"] = max((p.stat().st_size for p in pages.glob("*.html")), default=0)
        row["report_total_bytes"] = row["report_first_page_bytes"] + (_folder_bytes(pages) if pages.is_dir() else 0)
        row["xlsx_bytes"] = (out / "plans.xlsx").stat().st_size
        rows.append(row)
        shutil.rmtree(folder)
        shutil.rmtree(out)
    return rows


def _loadavg() -> float:
    return round(os.getloadavg()[0], 2)


def _bytes_read(data: bytes, file: str) -> int:
    return len(data)


def _dispatch_rate(address: str, files: list[Path], runs: int) -> float:
    """Documents/s the cluster path moves when the work per document is nil: read here, sent, answered, in order.
    The ceiling of ``--cluster`` however many workers there are (median of ``runs``)."""
    from loaders.cluster import connect

    rates = []
    with connect(address) as on:
        for _ in range(runs):
            t0 = time.perf_counter()
            for _ in on.map(_bytes_read, files):
                pass
            rates.append(len(files) / (time.perf_counter() - t0))
    return statistics.median(rates)


def cluster(n_txt: int, n_pdf: int, runs: int, workdir: Path) -> dict:
    """Plans/s read on a Dask LocalCluster of 2 worker processes (``--cluster``) beside the local process pool of 2.

    The same files, the same run, the passes interleaved (pool, cluster, pool, …; medians of ``runs``): ``n_txt``
    synthetic plans as .txt, and ``n_pdf`` as .pdf (the costlier read per byte sent). Each cluster pass connects
    anew, as a command does; the cluster's start is timed apart. The answers of both ways are checked equal.
    """
    import render
    import synthetic
    from distributed import LocalCluster

    from graphmodel.summary import summarize
    from loaders.stream import map_plans

    corpora = {"txt": workdir / "cluster-txt", "pdf": workdir / "cluster-pdf"}
    synthetic.write_corpus(corpora["txt"], n_txt, seed=7)
    corpora["pdf"].mkdir(parents=True, exist_ok=True)
    for seed in range(910_000, 910_000 + n_pdf):
        plan = synthetic.generate_plan(seed, table=True)
        (corpora["pdf"] / f"{plan.subdistrict}.pdf").write_bytes(render.render(render.blocks_of_synthetic(plan), "pdf"))
    out: dict = {"workers": 2, "threads_per_worker": 1, "runs": runs, "corpora": {}}
    started = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=40) as local:
        out["cluster_start_s"] = time.perf_counter() - started
        address = local.scheduler_address
        for name, folder in corpora.items():
            files = sorted(p for p in folder.iterdir() if p.suffix == f".{name}")
            ways = {"serial": dict(workers=1), "pool": dict(workers=2), "cluster": dict(cluster=address)}
            answers = {way: list(map_plans(files, summarize, **kw)) for way, kw in ways.items()}  # warms each way
            assert answers["cluster"] == answers["pool"] == answers["serial"], name
            seconds: dict[str, list[float]] = {way: [] for way in ways}
            loads = []
            for _ in range(runs):
                for way, kw in ways.items():
                    t0 = time.perf_counter()
                    for _ in map_plans(files, summarize, **kw):
                        pass
                    seconds[way].append(time.perf_counter() - t0)
                loads.append(_loadavg())
            row = {"plans": len(files), "bytes_per_plan": sum(p.stat().st_size for p in files) / len(files),
                   "load_average": statistics.median(loads)}
            for way, times in seconds.items():
                row[f"{way}_s"] = statistics.median(times)
                row[f"{way}_plans_per_s"] = len(files) / statistics.median(times)
            row["dispatch_docs_per_s"] = _dispatch_rate(address, files, runs)
            row["cluster_vs_pool"] = row["cluster_plans_per_s"] / row["pool_plans_per_s"]
            row["cluster_vs_serial"] = row["cluster_plans_per_s"] / row["serial_plans_per_s"]
            out["corpora"][name] = row
            print(f"  cluster {name}: {row}", file=sys.stderr)
    return out


def doc_batch(n: int, runs: int, workdir: Path) -> dict | None:
    """Old Word files: ``n`` generated plans saved as .doc by LibreOffice (from their text), read as a folder
    (``read_plans``: one LibreOffice call converts them all) against the same plans as .txt; and, for scale, one
    .doc read on its own (a LibreOffice call of its own, as before batches). None without ``soffice``."""
    import shutil
    import subprocess

    import synthetic

    from loaders.plans import read_plan, read_plans

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    text, doc = workdir / "doc-batch" / "txt", workdir / "doc-batch" / "doc"
    text.mkdir(parents=True, exist_ok=True)
    for seed in range(910_000, 910_000 + n):
        plan = synthetic.generate_plan(seed, table=True)
        (text / f"{plan.subdistrict}-{seed}.txt").write_text(plan.text, encoding="utf-8")
    subprocess.run([soffice, "--headless", "--infilter=Text (encoded):UTF8", "--convert-to", "doc:MS Word 97",
                    "--outdir", str(doc), *sorted(map(str, text.glob("*.txt")))], check=True, capture_output=True)
    timings: dict[str, list[float]] = {"txt": [], "doc": []}
    for _ in range(runs):
        for fmt, folder in (("txt", text), ("doc", doc)):
            started = time.perf_counter()
            read = list(read_plans([folder], merge=True))
            timings[fmt].append(time.perf_counter() - started)
            assert len(read) >= 1
    one = sorted(doc.glob("*.doc"))[0]
    started = time.perf_counter()
    read_plan(one)
    alone = time.perf_counter() - started
    txt_s, doc_s = statistics.median(timings["txt"]), statistics.median(timings["doc"])
    return {"files": n, "runs": runs, "txt_s": txt_s, "doc_s": doc_s, "doc_time_vs_txt": doc_s / txt_s,
            "doc_s_per_file": doc_s / n, "one_doc_alone_s": alone}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,1000,10000")
    parser.add_argument("--whole-up-to", type=int, default=1000, help="run the whole-graph alternative up to this size")
    parser.add_argument("--startup-runs", type=int, default=15)
    parser.add_argument("--skip-neo4j", action="store_true")
    parser.add_argument("--neo4j-plans", type=int, default=2000, help="generated plans loaded into Neo4j")
    parser.add_argument("--neo4j-batch-sizes", default="1000,10000,50000", help="elements per transaction to try")
    parser.add_argument("--neo4j-workers", type=int, default=2, help="transactions in flight (load_graph's workers)")
    parser.add_argument("--single-rows", type=int, default=5000, help="elements written by the per-row path")
    parser.add_argument("--format-plans", type=int, default=20, help="plans per format in the format section")
    parser.add_argument("--format-runs", type=int, default=3)
    parser.add_argument("--output-sizes", default="100,2000", help="generated plans in the outputs section")
    parser.add_argument("--output-runs", type=int, default=1, help="rounds of the outputs section")
    parser.add_argument("--cluster-txt", type=int, default=400, help="generated .txt plans in the cluster section")
    parser.add_argument("--cluster-pdf", type=int, default=40, help="generated .pdf plans in the cluster section")
    parser.add_argument("--cluster-runs", type=int, default=3)
    parser.add_argument("--sections", default="startup,scale,neo4j,formats",
                        help="which sections to run, comma-separated (default all but outputs, cluster and ocr): "
                             "startup, scale, neo4j, formats, outputs (report and xlsx beside ingest), cluster, ocr")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    sections = set(args.sections.split(","))
    if args.skip_neo4j:
        sections.discard("neo4j")
    sizes = [int(s) for s in args.sizes.split(",")]
    result: dict = {
        "date": dt.date.today().isoformat(),
        "machine": {"platform": platform.platform(), "python": platform.python_version(), "cores": os.cpu_count(),
                    "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)},
    }
    with tempfile.TemporaryDirectory(prefix="graphmodel-bench-") as tmp:
        work = Path(tmp)
        if "startup" in sections:
            print("start-up …", file=sys.stderr)
            result["startup"] = startup(args.startup_runs)
        if "formats" in sections:
            print("formats …", file=sys.stderr)
            result["formats"] = formats(args.format_plans, args.format_runs, work)
        if "scale" in sections:
            _scale_section(result, sizes, args.whole_up_to, work)
        if "outputs" in sections:
            print("outputs …", file=sys.stderr)
            result["outputs"] = outputs([int(n) for n in args.output_sizes.split(",")], args.output_runs, work)
        if "cluster" in sections:
            print("cluster …", file=sys.stderr)
            result["cluster"] = cluster(args.cluster_txt, args.cluster_pdf, args.cluster_runs, work)
        if "ocr" in sections:
            print("ocr …", file=sys.stderr)
            from ocr_speed import ocr_speed

            result["ocr"] = ocr_speed()
        if "neo4j" in sections:
            print("neo4j …", file=sys.stderr)
            result["neo4j"] = neo4j_load(args.neo4j_plans, [int(b) for b in args.neo4j_batch_sizes.split(",")], 10_000,
                                         args.neo4j_workers, args.single_rows, work)
    name = next(iter(sections)) if len(sections) == 1 else "benchmark"  # one section: its own results file
    out = Path(args.out) if args.out else ROOT / "bench" / "results" / f"{name}-{result['date']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _print(result)
    print(f"\nwritten: {out}")


def _scale_section(result: dict, sizes: list[int], whole_up_to: int, work: Path) -> None:
    print("scale …", file=sys.stderr)
    result["scale"] = scale(sizes, whole_up_to, work)
    by_n = {r["plans"]: r for r in result["scale"]}
    largest = max(by_n)
    per_plan = by_n[largest]["stream_s"] / largest
    result["national_extrapolation"] = {"plans": NATIONAL, "from_plans": largest,
                                        "seconds": per_plan * NATIONAL}
    if 100 in by_n and largest >= 10_000:
        result["scale_checks"] = {
            "time_per_plan_ratio_10000_vs_100": by_n[largest]["stream_ms_per_plan"] / by_n[100]["stream_ms_per_plan"],
            "peak_memory_ratio_10000_vs_100": (by_n[largest]["stream_peak_mib"] + by_n[largest]["stream_worker_peak_mib"])
            / (by_n[100]["stream_peak_mib"] + by_n[100]["stream_worker_peak_mib"]),
        }


def _print(r: dict) -> None:
    print(f"machine: {r['machine']}  date: {r['date']}")
    if "startup" in r:
        _print_startup(r["startup"])
    if "formats" in r:
        _print_formats(r["formats"])
    if "scale" in r:
        _print_scale(r)
    if "neo4j" in r:
        _print_neo4j(r["neo4j"])
    if "outputs" in r:
        _print_outputs(r["outputs"])
    if "cluster" in r:
        _print_cluster(r["cluster"])
    if "ocr" in r:
        for name, e in r["ocr"].get("engines", {}).items():
            print(f"ocr {name}: {e['pages_per_s']:.3f} pages/s at {r['ocr']['dpi']} dpi, "
                  f"character accuracy {e['accuracy']:.2%}")


def _print_outputs(rows: list[dict]) -> None:
    print(f"{'plans':>6} {'ingest s':>9} {'xlsx s':>8} {'xlsx/ingest':>12} {'report s':>9} {'report/ingest':>14} "
          f"{'ingest MiB':>10} {'xlsx MiB':>9} {'report MiB':>10} {'first page':>11} {'pages':>6}")
    for r in rows:
        print(f"{r['plans']:>6} {r['ingest_s']:>9.2f} {r['xlsx_s']:>8.2f} {r['xlsx_ratio']:>11.2f}x {r['report_s']:>9.2f} "
              f"{r['report_ratio']:>13.2f}x {r['ingest_peak_mib']:>10.0f} {r['xlsx_peak_mib']:>9.0f} "
              f"{r['report_peak_mib']:>10.0f} {r['report_first_page_bytes'] / 2**20:>10.2f}M {r['report_pages']:>6}")
    print("targets (issue 20): report <= 10x ingest, xlsx <= 5x ingest, the report's first page < 5 MB")


def _print_cluster(c: dict) -> None:
    print(f"read on a Dask LocalCluster ({c['workers']} worker processes, started in {c['cluster_start_s']:.1f} s) "
          f"vs the local process pool ({c['workers']} processes), median of {c['runs']} interleaved passes:")
    print(f"{'format':>7} {'plans':>6} {'serial/s':>9} {'pool/s':>8} {'cluster/s':>10} {'cluster vs pool':>16} "
          f"{'dispatch/s':>11} {'load':>5}")
    for fmt, row in c["corpora"].items():
        print(f"{'.' + fmt:>7} {row['plans']:>6} {row['serial_plans_per_s']:>9.1f} {row['pool_plans_per_s']:>8.1f} "
              f"{row['cluster_plans_per_s']:>10.1f} {row['cluster_vs_pool']:>15.2f}x {row['dispatch_docs_per_s']:>11.0f} "
              f"{row['load_average']:>5}")


def _print_startup(s: dict) -> None:
    print(f"start-up (typer {s['typer_version']}, load average {s.get('load_average')}, medians; minimums in brackets)")
    print(f"  graphmodel --help {s['help_s']*1000:.0f} ms vs import typer {s['import_typer_s']*1000:.0f} ms "
          f"= {s['help_ratio']:.2f}x (target <= 1.3)")
    print(f"  graphmodel audit  {s['audit_s']*1000:.0f} ms vs import networkx, pydantic, typer "
          f"{s['import_floor_s']*1000:.0f} ms = {s['audit_ratio']:.2f}x [{s['audit_ratio_min']:.2f}x] (target <= 1.5)")
    print(f"  graphmodel audit  vs import networkx, typer {s['import_own_s']*1000:.0f} ms = {s['audit_own_ratio']:.2f}x")


def _print_formats(f: dict) -> None:
    print(f"read speed per format, {f['plans']} synthetic plans (median of {f['runs']} passes, the formats taking turns):")
    print(f"pdf font: {f.get('pdf_font')}; embedded (row .pdf-embedded): {f.get('pdf_embedded_font')}")
    print(f"{'format':>13} {'KiB/plan':>9} {'lines plans/s':>14} {'plans/s':>8} {'time vs .txt':>13} {'per pass':>9}")
    for fmt, row in f["formats"].items():
        target = " (target <= 3)" if fmt != "txt" else ""
        per_pass = row.get("plan_time_vs_txt_median_of_passes", row["plan_time_vs_txt"])
        print(f"{'.' + fmt:>13} {row['bytes_per_plan'] / 1024:>9.1f} {row['source_plans_per_s']:>14.1f} "
              f"{row['plans_per_s']:>8.1f} {row['plan_time_vs_txt']:>12.2f}x {per_pass:>8.2f}x{target}")
    if f.get("doc_batch"):
        d = f["doc_batch"]
        print(f".doc, {d['files']} files as a folder (one LibreOffice call): {d['doc_s']:.2f} s against .txt "
              f"{d['txt_s']:.2f} s = {d['doc_time_vs_txt']:.1f}x (target <= 3); one .doc alone {d['one_doc_alone_s']:.2f} s")


def _print_scale(r: dict) -> None:
    print(f"{'plans':>7} {'stream s':>9} {'ms/plan':>8} {'peak MiB':>9} {'worker MiB':>10} {'whole s':>8} {'whole MiB':>9}")
    for row in r["scale"]:
        print(f"{row['plans']:>7} {row['stream_s']:>9.2f} {row['stream_ms_per_plan']:>8.2f} {row['stream_peak_mib']:>9.0f} "
              f"{row['stream_worker_peak_mib']:>10.0f} {row.get('whole_s', float('nan')):>8.2f} {row.get('whole_peak_mib', float('nan')):>9.0f}")
    ext = r["national_extrapolation"]
    print(f"38,741 plans (extrapolated from {ext['from_plans']}): {ext['seconds']/60:.1f} min (target < 10)")
    if "scale_checks" in r:
        c = r["scale_checks"]
        print(f"time/plan 10000 vs 100: {c['time_per_plan_ratio_10000_vs_100']:.2f}x (target <= 1.2); "
              f"peak memory: {c['peak_memory_ratio_10000_vs_100']:.2f}x (target <= 1.5)")


def _print_neo4j(n: dict) -> None:
    per_row = n["per_row"]["elements_per_s"]
    print(f"neo4j {n['server']}: {n['elements']:,} elements ({n['nodes']:,} nodes, {n['relationships']:,} relationships) "
          f"from {n['plans']:,} plans; Rust driver extension used: {n['rust_extension']}")
    print(f"  {'path':<44} {'elements/s':>10} {'seconds':>8} {'client CPU s':>12} {'server CPU s':>12} {'load':>5}")

    def line(name, row):
        server = row.get("server_cpu_s")
        print(f"  {name:<44} {row['elements_per_s']:>10,.0f} {row['seconds']:>8.1f} {row.get('client_cpu_s', 0):>12.1f} "
              f"{'' if server is None else f'{server:.1f}':>12} {row['load_average']:>5}")

    line(f"per row ({n['per_row']['elements']:,} elements)", n["per_row"])
    for b in n["batched"]:
        line(f"batched, {b['batch_size']:,} per transaction, {n['workers']} in flight", b)
    a = n["admin_import"]
    line(f"neo4j-admin import (export {a['export_s']:.1f} s + import {a['import_s']:.1f} s)", a)
    best = max(n["batched"], key=lambda b: b["elements_per_s"])
    print(f"  best batched {best['elements_per_s']:,.0f}/s (target >= 20,000) = {best['elements_per_s'] / per_row:.0f}x per row; "
          f"neo4j-admin import alone {a['import_elements_per_s']:,.0f}/s")
    for b in n["batched"]:
        if "second_s" in b:
            print(f"  batch {b['batch_size']:,}: second, unchanged load {b['second_s']:.1f} s vs first {b['seconds']:.1f} s; "
                  f"forced rewrite {b['forced_rewrite_s']:.1f} s")


if __name__ == "__main__":
    main()
