"""Read speed per document against an earlier revision, in one run: does a reader change keep the time per plan?

Run by hand (not part of the tests)::

    python bench/read_speed.py [--baseline REV] [--n 60] [--runs 5]

writes one corpus of generated documents as text (action plans with their task tables, 领导小组 notices, task
tables, task lists in prose: ``n`` of each kind, from ``bench/synthetic*.py``) plus the bundled plans, checks out
``REV`` (default: the last commit before the finders of issue 16) into a temporary folder, and reads the whole
corpus in each tree in turn — ``runs`` rounds, the two trees taking turns in every round, so a noisy machine
weighs on both — each round in a fresh process that imports graphmodel first and times only the reading
(``loaders.plans.read_plan`` per file; a file one revision refuses costs its time all the same). Prints the median
seconds per tree, the ratio, and how many files each revision read; writes ``bench/results/read-speed-<date>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

#: The last commit of main before the reader became finders (issue 16).
BASELINE = "57dfca9"

_TIMER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from graphmodel.errors import PlanError
from loaders.plans import read_plan
files = [line for line in open(sys.argv[2], encoding="utf-8").read().splitlines() if line]
read = []
started = time.perf_counter()
for i, f in enumerate(files):
    try:
        read_plan(f)
        read.append(i)
    except PlanError:
        pass
print(json.dumps({"seconds": time.perf_counter() - started, "read": len(read), "files": len(files), "ok": read}))
"""


def _corpus(folder: Path, n: int) -> list[Path]:
    """``n`` generated documents of each kind, and the bundled plans."""
    import synthetic
    import synthetic_layouts
    import synthetic_lists
    import synthetic_tables

    files = sorted((ROOT / "data").glob("*.txt"))
    for i, plan in enumerate(synthetic.generate_plan(seed, table=True) for seed in range(700_000, 700_000 + n)):
        path = folder / "plans" / f"plan-{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(plan.text, encoding="utf-8")
        files.append(path)
    files += synthetic_layouts.write_notices(folder / "notices", n, seed=7)
    files += synthetic_tables.write_tables(folder / "tables", n, seed=7)
    files += synthetic_lists.write_lists(folder / "lists", n, seed=7)
    return [Path(f) for f in files if Path(f).suffix == ".txt"]


def _checkout(rev: str, where: Path) -> Path:
    """The tree of ``rev`` in a folder of its own (``git archive``: no worktree left behind)."""
    where.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    return where


def _time(tree: Path, listing: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _TIMER, str(tree), str(listing)], check=True,
                         capture_output=True, text=True, cwd=tree).stdout
    return json.loads(out.strip().splitlines()[-1])


def _rounds(trees: dict[str, Path], listing: Path, runs: int) -> dict[str, list[dict]]:
    """``runs`` rounds over the files of ``listing``, the trees taking turns in each."""
    rounds: dict[str, list[dict]] = {name: [] for name in trees}
    for _ in range(runs):
        for name, tree in trees.items():
            rounds[name].append(_time(tree, listing))
    return rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=BASELINE, help=f"the revision to compare with (default {BASELINE})")
    parser.add_argument("--n", type=int, default=60, help="generated documents of each kind (default 60)")
    parser.add_argument("--runs", type=int, default=5, help="rounds, the trees taking turns (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="read-speed-") as tmp:
        work = Path(tmp)
        files = _corpus(work / "corpus", args.n)
        listing = work / "files.txt"
        listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
        trees = {"baseline": _checkout(args.baseline, work / "baseline"), "current": ROOT}
        rounds = _rounds(trees, listing, args.runs)
        # the same again over the documents both revisions read: a refusal is quick, so it would flatter the one
        # that refuses more
        both = sorted(set(rounds["baseline"][0]["ok"]) & set(rounds["current"][0]["ok"]))
        common = work / "common.txt"
        common.write_text("\n".join(str(files[i]) for i in both), encoding="utf-8")
        same = _rounds(trees, common, args.runs)
    result = {
        "date": dt.date.today().isoformat(), "baseline": args.baseline, "files": len(files), "runs": args.runs,
        **{name: {"median_s": statistics.median(r["seconds"] for r in runs), "read": runs[0]["read"],
                  "ms_per_file": 1000 * statistics.median(r["seconds"] for r in runs) / len(files)}
           for name, runs in rounds.items()},
    }
    result["ratio"] = result["current"]["median_s"] / result["baseline"]["median_s"]
    result["both_read"] = {"files": len(both), **{name: statistics.median(r["seconds"] for r in runs)
                                                  for name, runs in same.items()}}
    result["both_read"]["ratio"] = result["both_read"]["current"] / result["both_read"]["baseline"]
    out = ROOT / "bench" / "results" / f"read-speed-{result['date']}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name in trees:
        row = result[name]
        print(f"{name:9} {row['median_s']:7.2f} s  {row['ms_per_file']:6.2f} ms/file  read {row['read']}/{len(files)}")
    print(f"current / baseline: {result['ratio']:.2f}× over all files")
    b = result["both_read"]
    print(f"over the {b['files']} files both read: {b['baseline']:.2f} s vs {b['current']:.2f} s, {b['ratio']:.2f}×"
          f"   ({out.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
