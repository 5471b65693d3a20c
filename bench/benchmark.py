"""graphmodel's benchmark: start-up, scale, Neo4j load and read speed per format, each side by side with its alternative.

Run by hand (not part of the tests): ``python bench/benchmark.py [--sizes 1,10,100,1000,10000] [--skip-neo4j]``;
``--sections formats`` runs only the format section (plans/s for .txt, .pdf, .docx, .html), ``--sections startup``
only start-up.
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


def neo4j_load(batch_sizes: list[int], plans: int, single_rows: int, workdir: Path) -> dict:
    from neo4j_server import clean_database, open_neo4j_server
    from synthetic import write_corpus

    from graphmodel import build_graph
    from loaders import read_plans
    from graphmodel.neo4j.writer import _props, ensure_schema, load_graph

    # a server as users run one: the full JIT and more heap (the test default trades them for start-up time)
    os.environ.setdefault("NEO4J_HARNESS_JAVA_OPTS", "-Xms2g -Xmx2g -XX:TieredStopAtLevel=4")
    folder = workdir / "neo4j-plans"
    write_corpus(folder, plans, seed=11)
    (folder / "truth.jsonl").unlink(missing_ok=True)
    graph = build_graph(read_plans([folder]))
    elements = graph.number_of_nodes() + graph.number_of_edges()
    out = {"plans": plans, "elements": elements, "batched": []}
    with open_neo4j_server() as server:
        driver, db = server.driver, server.database
        out["server"] = driver.execute_query("CALL dbms.components() YIELD versions RETURN versions[0] AS v",
                                             database_=db).records[0]["v"]
        for size in batch_sizes:
            clean_database(driver, db)
            started = time.perf_counter()
            result = load_graph(driver, graph, database=db, batch_size=size)
            first = time.perf_counter() - started
            started = time.perf_counter()
            again = load_graph(driver, graph, database=db, batch_size=size)
            second = time.perf_counter() - started
            started = time.perf_counter()
            forced = load_graph(driver, graph, database=db, batch_size=size, force=True)
            rewrite = time.perf_counter() - started
            assert result.nodes_created + result.relationships_created == elements
            assert again.nodes_created + again.relationships_created + again.nodes_deleted == 0
            assert forced.nodes_created + forced.relationships_created + forced.nodes_deleted == 0
            out["batched"].append({"batch_size": size, "first_s": first, "elements_per_s": elements / first,
                                   "second_s": second, "second_elements_per_s": elements / second,
                                   "forced_rewrite_s": rewrite, "forced_elements_per_s": elements / rewrite})
            print(f"  neo4j batch {size}: {out['batched'][-1]}", file=sys.stderr)
        # the alternative: one row per transaction, on the first `single_rows` elements
        clean_database(driver, db)
        ensure_schema(driver, db)
        nodes = list(graph.nodes(data=True))
        edges = list(graph.edges(keys=True, data=True))
        written = 0
        started = time.perf_counter()
        with driver.session(database=db) as session:
            for n, d in nodes:
                if written >= single_rows:
                    break
                session.execute_write(lambda tx, n=n, d=d: tx.run(
                    f"MERGE (x:`{d['label']}` {{id: $id}}) SET x = $props",
                    id=n, props={"id": n, **_props(d, ("label",))}).consume())
                written += 1
            for u, v, k, d in edges:
                if written >= single_rows:
                    break
                session.execute_write(lambda tx, u=u, v=v, k=k, d=d: tx.run(
                    f"MATCH (a {{id: $u}}) MATCH (b {{id: $v}}) MERGE (a)-[r:`{k}`]->(b) SET r = $props",
                    u=u, v=v, props=_props(d, ("type",))).consume())
                written += 1
        single = time.perf_counter() - started
        out["single_row"] = {"elements": written, "seconds": single, "elements_per_s": written / single}
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
    files: dict[str, list[Path]] = {fmt: [] for fmt in ("txt", "pdf", "docx", "html")}
    for plan in plans:
        blocks = render.blocks_of_synthetic(plan)
        for fmt in files:
            path = folder / f"{plan.subdistrict}.{fmt}"
            path.write_bytes(plan.text.encode("utf-8") if fmt == "txt" else render.render(blocks, fmt))
            files[fmt].append(path)
    out: dict = {"plans": n, "runs": runs, "formats": {}}
    for fmt, paths in files.items():
        read_plan(paths[0])  # imports the format's reader before timing
        data = [(p.read_bytes(), p.name) for p in paths]
        source_s, plan_s = [], []
        for _ in range(runs):
            started = time.perf_counter()
            for content, name in data:
                read_source(content, name)
            source_s.append(time.perf_counter() - started)
            started = time.perf_counter()
            for path in paths:
                read_plan(path)
            plan_s.append(time.perf_counter() - started)
        out["formats"][fmt] = {
            "bytes_per_plan": sum(len(c) for c, _ in data) / n,
            "source_s": statistics.median(source_s),
            "plan_s": statistics.median(plan_s),
            "source_plans_per_s": n / statistics.median(source_s),
            "plans_per_s": n / statistics.median(plan_s),
        }
    txt = out["formats"]["txt"]["plan_s"]
    for row in out["formats"].values():
        row["plan_time_vs_txt"] = row["plan_s"] / txt
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,1000,10000")
    parser.add_argument("--whole-up-to", type=int, default=1000, help="run the whole-graph alternative up to this size")
    parser.add_argument("--startup-runs", type=int, default=15)
    parser.add_argument("--skip-neo4j", action="store_true")
    parser.add_argument("--neo4j-plans", type=int, default=200)
    parser.add_argument("--single-rows", type=int, default=3000)
    parser.add_argument("--format-plans", type=int, default=20, help="plans per format in the format section")
    parser.add_argument("--format-runs", type=int, default=3)
    parser.add_argument("--sections", default="startup,scale,neo4j,formats",
                        help="which sections to run, comma-separated (default all)")
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
        if "neo4j" in sections:
            print("neo4j …", file=sys.stderr)
            result["neo4j"] = neo4j_load([100, 1000, 10000], args.neo4j_plans, args.single_rows, work)
    out = Path(args.out) if args.out else ROOT / "bench" / "results" / f"benchmark-{result['date']}.json"
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


def _print_startup(s: dict) -> None:
    print(f"start-up (typer {s['typer_version']}, load average {s.get('load_average')}, medians; minimums in brackets)")
    print(f"  graphmodel --help {s['help_s']*1000:.0f} ms vs import typer {s['import_typer_s']*1000:.0f} ms "
          f"= {s['help_ratio']:.2f}x (target <= 1.3)")
    print(f"  graphmodel audit  {s['audit_s']*1000:.0f} ms vs import networkx, pydantic, typer "
          f"{s['import_floor_s']*1000:.0f} ms = {s['audit_ratio']:.2f}x [{s['audit_ratio_min']:.2f}x] (target <= 1.5)")
    print(f"  graphmodel audit  vs import networkx, typer {s['import_own_s']*1000:.0f} ms = {s['audit_own_ratio']:.2f}x")


def _print_formats(f: dict) -> None:
    print(f"read speed per format, {f['plans']} synthetic plans (median of {f['runs']} passes):")
    print(f"{'format':>6} {'KiB/plan':>9} {'lines plans/s':>14} {'plans/s':>8} {'time vs .txt':>13}")
    for fmt, row in f["formats"].items():
        target = " (target <= 3)" if fmt in ("docx", "html") else ""
        print(f"{'.' + fmt:>6} {row['bytes_per_plan'] / 1024:>9.1f} {row['source_plans_per_s']:>14.1f} "
              f"{row['plans_per_s']:>8.1f} {row['plan_time_vs_txt']:>12.2f}x{target}")


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
    single = n["single_row"]["elements_per_s"]
    print(f"neo4j {n['server']}: {n['elements']} elements from {n['plans']} plans; one row per transaction: {single:.0f}/s")
    for b in n["batched"]:
        print(f"  batch {b['batch_size']:>6}: {b['elements_per_s']:>8.0f}/s ({b['elements_per_s']/single:.1f}x single); "
              f"second load {b['second_s']:.2f}s vs first {b['first_s']:.2f}s; forced rewrite {b['forced_rewrite_s']:.2f}s")


if __name__ == "__main__":
    main()
