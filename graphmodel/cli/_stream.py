"""Per-plan results for commands whose answers are per 街道: streamed, warnings to stderr."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ._common import Unreadable, corrections, given_as_of, given_cluster, given_issuer, warn

__all__ = ["per_plan"]


def per_plan(paths: list[Path] | None, fn: Callable[[Any], Any], *, workers: int | None = None) -> list[Any]:
    """Apply ``fn`` to each plan's graph (one 街道 at a time, in parallel for many files); return the results."""
    from loaders.stream import map_plans

    from .plans import json_exports

    if (graph := json_exports(paths)) is not None:  # JSON exports: one 街道's part of the graph at a time
        from ..graph import subdistricts, subgraph_of

        return [fn(subgraph_of(graph, sd).copy()) for sd in subdistricts(graph)]
    results = []
    unreadable = Unreadable()
    for result, warnings in map_plans(paths, fn, workers=workers, on_error=unreadable.on_error,
                                         issuer=given_issuer(), as_of=given_as_of(), corrections=corrections(),
                                         cluster=given_cluster()):
        for message in warnings:
            warn(message)
        results.append(result)
    unreadable.check(len(results))
    return results
