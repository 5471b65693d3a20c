"""Plans as a stream: read, build and analyse one 街道 at a time, in parallel over the cores where it pays.

Plans are independent, so nothing but the (small) results of one plan outlives it: memory
stays flat however many plans there are. Results come back in the order of the files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from graphmodel.errors import PlanError
from graphmodel.graph import build_graph
from graphmodel.merge import merge_models

from .plans import correction_rows, corrected, expand_paths, read_plan

__all__ = ["map_plans", "PARALLEL_FROM"]

T = TypeVar("T")

#: Below this many files one process is faster than starting workers.
PARALLEL_FROM = 48


#: The result of a document dated after ``as_of``: not in force then, left out.
_LATER = "later"


def _one(path: str, fn: Callable[[Any], T], skip: bool = False, issuer: str | None = None,
         as_of: str | None = None, rows: tuple = ()) -> tuple[str | None, T | PlanError, list[str]]:
    """One plan's body, result and warnings; with ``skip``, a file that cannot be read gives ``(None, its error, [])``;
    ``rows``: the corrections to apply."""
    try:
        model = corrected(read_plan(path, issuer=issuer), list(rows))
    except PlanError as exc:
        if not skip:
            raise
        return None, exc, []
    if as_of is not None and not merge_models([model], as_of=as_of):
        return model.subdistrict, _LATER, []
    graph = build_graph([model])
    return model.subdistrict, fn(graph), list(graph.graph.get("warnings", []))


def _chunk(paths: list[str], fn: Callable[[Any], T], skip: bool = False, issuer: str | None = None,
           as_of: str | None = None, rows: tuple = ()) -> list[tuple[str | None, Any, list[str]]]:
    return [_one(p, fn, skip, issuer, as_of, rows) for p in paths]


def _bodies_once(files: list[str], done: list[tuple[str, T, list[str]]], fn, merge: bool, issuer: str | None = None,
                 as_of: str | None = None, rows: tuple = ()):
    """Results per body: a body read from several files is read again here, merged (graphmodel.merge), analysed once."""
    where: dict[str, list[int]] = {}
    for i, (body, _result, _warnings) in enumerate(done):
        where.setdefault(body, []).append(i)
    for i, (body, result, warnings) in enumerate(done):
        at = where[body]
        if len(at) == 1:
            if result is not _LATER:
                yield result, warnings
        elif i == at[0]:
            models = merge_models([read_plan(files[j], issuer=issuer) for j in at], merge=merge, as_of=as_of)
            if not models:  # every document of the body came after as_of
                continue
            graph = build_graph([corrected(m, list(rows)) for m in models])
            yield fn(graph), list(graph.graph.get("warnings", []))


def map_plans(
    paths: Iterable[str | os.PathLike] | None,
    fn: Callable[[Any], T],
    *,
    workers: int | None = None,
    chunksize: int = 16,
    merge: bool = False,
    on_error: Callable[[PlanError], None] | None = None,
    issuer: str | None = None,
    as_of: str | None = None,
    corrections: str | os.PathLike | Iterable | None = None,
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
    merge : bool
        Merge different documents of the same layout about one body (see :func:`graphmodel.merge.merge_models`);
        documents of different layouts about one body are always merged, the same document twice read once.
    on_error : callable, optional
        Given the :class:`PlanError` of each file that cannot be read (in file order), which is then skipped;
        without it the first such file raises.
    issuer : str, optional
        The issuing body of the documents that name none (:func:`loaders.plans.read_plan`).
    as_of : str, optional
        An ISO date: the documents as they stood then (:func:`graphmodel.merge.merge_models`).
    corrections : path-like or iterable of Correction, optional
        A reviewer's corrections, applied to each body's model (see :func:`loaders.plans.read_plans`).

    Raises
    ------
    PlanError
        The first file that is not a plan (in file order; unless ``on_error``), or two different documents of
        one layout about one body; nothing is yielded then.

    Results are yielded once every file is read (a body may come back in a later file); only the small results
    of each plan are held meanwhile.
    """
    files = [str(p) for p in expand_paths(paths)]
    rows = tuple(correction_rows(corrections))
    if workers is None:
        workers = (os.cpu_count() or 1) if len(files) >= PARALLEL_FROM else 1
    skip = on_error is not None
    if workers <= 1:
        done = [_one(path, fn, skip, issuer, as_of, rows) for path in files]
    else:
        from concurrent.futures import ProcessPoolExecutor  # here: one plan's start-up does not pay for it

        chunks = [files[i : i + chunksize] for i in range(0, len(files), chunksize)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = [r for results in pool.map(_chunk, chunks, [fn] * len(chunks), [skip] * len(chunks),
                                                          [issuer] * len(chunks), [as_of] * len(chunks),
                                                          [rows] * len(chunks))
                    for r in results]
    for body, error, _warnings in done:
        if body is None:
            on_error(error)
    kept = [(f, d) for f, d in zip(files, done) if d[0] is not None]
    yield from _bodies_once([f for f, _ in kept], [d for _, d in kept], fn, merge, issuer, as_of, rows)

