"""One scale measurement, run in its own process by bench/benchmark.py: prints a JSON line.

    python bench/scale_run.py FOLDER stream|whole [--workers N]

``stream``: ingest + audit + bottlenecks one 街道 at a time (graphmodel's way, loaders.stream);
``whole``: the obvious alternative — build one graph of every plan, then analyse it.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphmodel import build_graph  # noqa: E402
from graphmodel.analysis.audit import audit  # noqa: E402
from graphmodel.analysis.bottlenecks import bottlenecks  # noqa: E402
from graphmodel.summary import summarize  # noqa: E402
from loaders import read_plans  # noqa: E402
from loaders.stream import map_plans  # noqa: E402


def all_three(graph):
    """What `graphmodel ingest`, `audit` and `bottlenecks` compute for one graph, reduced to counts."""
    summary = summarize(graph)
    findings = audit(graph)
    ranks = bottlenecks(graph, top=5)
    return len(summary), len(findings), len(ranks["officials"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("mode", choices=["stream", "whole"])
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    started = time.perf_counter()
    plans = findings = 0
    if args.mode == "stream":
        for (n, f, _), _warnings in map_plans([args.folder], all_three, workers=args.workers):
            plans += n
            findings += f
    else:
        graph = build_graph(read_plans([args.folder]))
        plans, findings, _ = all_three(graph)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"plans": plans, "findings": findings, "seconds": seconds,
                      "peak_rss_mib": own, "peak_worker_rss_mib": children}))


if __name__ == "__main__":
    main()
