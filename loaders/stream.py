"""Plans as a stream: read, build and analyse one 街道 at a time, in parallel over the cores where it pays.

Plans are independent, so nothing but the (small) results of one plan outlives it: memory
stays flat however many plans there are. Results come back in the order of the files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from graphmodel.graph import build_graph

from .plans import expand_paths, read_plan

__all__ = ["map_plans", "PARALLEL_FROM"]

T = TypeVar("T")

#: Below this many files one process is faster than starting workers.
PARALLEL_FROM = 48


def _one(path: str, fn: Callable[[Any], T]) -> tuple[T, list[str]]:
    graph = build_graph([read_plan(path)])
    return fn(graph), list(graph.graph.get("warnings", []))


def _chunk(paths: list[str], fn: Callable[[Any], T]) -> list[tuple[T, list[str]]]:
    return [_one(p, fn) for p in paths]


def map_plans(
    paths: Iterable[str | os.PathLike] | None,
    fn: Callable[[Any], T],
    *,
    workers: int | None = None,
    chunksize: int = 16,
) -> Iterator[tuple[T, list[str]]]:
    """Apply ``fn`` to the graph of each plan; yield ``(result, warnings)`` per plan, in file order.

    Parameters
    ----------
    paths : iterable of path-like, or None
        Plan files or folders (the bundled plans when empty).
    fn : callable
        A function of one 街道's graph; picklable (a module-level function or a
        ``functools.partial`` of one) when more than one worker is used.
    workers : int, optional
        Processes to use; by default all cores when there are at least :data:`PARALLEL_FROM`
        files, else one (in this process).
    chunksize : int
        Files handed to a worker at a time.

    Raises
    ------
    PlanError
        The first file that is not a plan (in file order); nothing after it is yielded.
    """
    files = [str(p) for p in expand_paths(paths)]
    if workers is None:
        workers = (os.cpu_count() or 1) if len(files) >= PARALLEL_FROM else 1
    if workers <= 1:
        for path in files:
            yield _one(path, fn)
        return
    from concurrent.futures import ProcessPoolExecutor  # here: one plan's start-up does not pay for it

    chunks = [files[i : i + chunksize] for i in range(0, len(files), chunksize)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for results in pool.map(_chunk, chunks, [fn] * len(chunks)):
            yield from results

