"""Peak memory of reading one large document, against its size: does memory stay under 10× the largest file accepted?

Run by hand (not part of the tests)::

    python bench/memory.py [--sizes 1,10,50] [--kinds prose,table]

writes, for each size in MB (decimal, so 50 stays under the default limit of 50 MiB), one plan of each kind: ``prose``
(the bundled 金杨 plan followed by paragraphs of body text, as a long plan's prose) and ``table`` (a task-division
table in pipe form, one task a row with its lead, responsible and cooperating units: the costliest per byte, every row
becomes a task and its edges). Each is read by ``graphmodel ingest FILE`` in a fresh process; the peak RSS of that
process (``getrusage(RUSAGE_CHILDREN)``) is reported beside the file's size, and beside the peak of the same command
on the bundled plan (what the interpreter and libraries take before any large document). Writes
``bench/results/memory-<date>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "金杨新村街道打造精品城区行动方案.txt"
PARAGRAPH = "坚持问题导向和目标导向，统筹推进城区更新、公共服务和基层治理各项工作，做到责任到人、任务到岗、时限到天。\n"

from benchmark import _MEASURE  # noqa: E402  (bench/ is on the path: this script's folder)


def _prose(size: int) -> str:
    base = BUNDLED.read_text(encoding="utf-8")
    return base + PARAGRAPH * ((size - len(base.encode())) // len(PARAGRAPH.encode()))


def _table(size: int) -> str:
    head = "苇塘区2025年重点工作任务分解表\n序号|工作任务|牵头领导|责任单位|配合单位\n"
    rows, total, i = [head], len(head.encode()), 0
    while True:
        i += 1
        row = f"{i}|推进第{i}项城市更新重点工作，按季度报送进展|柯望舒|区城市更新中心|区规划资源局、区住房城乡建设局\n"
        if total + len(row.encode()) > size:
            return "".join(rows)
        rows.append(row)
        total += len(row.encode())


def _measure(path: Path) -> dict:
    cmd = [sys.executable, "-m", "graphmodel", "ingest", str(path)]
    done = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50", help="sizes in MB (decimal)")
    parser.add_argument("--kinds", default="prose,table")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    makers = {"prose": _prose, "table": _table}
    baseline = _measure(BUNDLED)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds.split(","):
            for mb in (int(s) for s in args.sizes.split(",")):
                path = Path(tmp) / f"{kind}-{mb}MB.txt"
                path.write_text(makers[kind](mb * 1_000_000), encoding="utf-8")
                size_mib = path.stat().st_size / 2**20
                m = _measure(path)
                row = {"kind": kind, "file_mib": round(size_mib, 2), "seconds": round(m["seconds"], 2),
                       "exit": m["returncode"], "peak_rss_mib": round(m["peak_rss_mib"], 1),
                       "peak_over_file": round(m["peak_rss_mib"] / size_mib, 2),
                       "above_baseline_over_file": round((m["peak_rss_mib"] - baseline["peak_rss_mib"]) / size_mib, 2)}
                rows.append(row)
                print(row, file=sys.stderr)
                path.unlink()
    result = {"date": dt.date.today().isoformat(), "load_average": round(os.getloadavg()[0], 1),
              "baseline_peak_rss_mib": round(baseline["peak_rss_mib"], 1), "rows": rows}
    out = Path(args.out) if args.out else ROOT / "bench" / "results" / f"memory-{result['date']}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"baseline (bundled plan): {result['baseline_peak_rss_mib']} MiB")
    print(f"{'kind':>6} {'file MiB':>9} {'s':>7} {'exit':>4} {'peak MiB':>9} {'peak/file':>10} {'(peak-base)/file':>17}")
    for r in rows:
        print(f"{r['kind']:>6} {r['file_mib']:>9} {r['seconds']:>7} {r['exit']:>4} {r['peak_rss_mib']:>9} "
              f"{r['peak_over_file']:>9}x {r['above_baseline_over_file']:>16}x")


if __name__ == "__main__":
    main()
