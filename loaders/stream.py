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

from .formats import doc_batch
from .plans import correction_rows, corrected, expand_paths, read_plan, read_plan_data

__all__ = ["map_plans", "PARALLEL_FROM"]

T = TypeVar("T")

#: Below this many files one process is faster than starting workers.
PARALLEL_FROM = 48


class _Later:
    """The result of a document dated after ``as_of``: not in force then, left out. One object, in every process
    (it pickles by name, so ``is`` holds for results that come back from workers)."""

    def __reduce__(self):
        return "_LATER"

    def __repr__(self):
        return "_LATER"


_LATER = _Later()


def _one(path: str, fn: Callable[[Any], T], skip: bool = False, issuer: str | None = None,
         as_of: str | None = None, rows: tuple = ()) -> tuple[str | None, T | PlanError, list[str]]:
    """One plan's body, result and warnings; with ``skip``, a file that cannot be read gives ``(None, its error, [])``;
    ``rows``: the corrections to apply."""
    try:
        model = read_plan(path, issuer=issuer)
    except PlanError as exc:
        if not skip:
            raise
        return None, exc, []
    return _answer(model, fn, as_of, rows)


def _answer(model, fn: Callable[[Any], T], as_of: str | None, rows: tuple) -> tuple[str, T, list[str]]:
    """A read plan's body, ``fn`` of its graph (corrected by ``rows``) and its warnings; :data:`_LATER` after ``as_of``."""
    model = corrected(model, list(rows))
    read = merge_models([model], as_of=as_of)  # as read_plans does: a lone 调整 notice says its group is missing
    if not read:
        return model.subdistrict, _LATER, []
    graph = build_graph(read)
    return model.subdistrict, fn(graph), list(graph.graph.get("warnings", []))


def _one_data(data: bytes, file: str, fn: Callable[[Any], T], issuer: str | None = None, as_of: str | None = None,
              rows: tuple = ()) -> tuple[str, T, list[str]]:
    """:func:`_one` of a document's bytes, on a cluster's worker (loaders.cluster); PlanError raised."""
    return _answer(read_plan_data(data, file, issuer=issuer), fn, as_of, rows)


def _chunk(paths: list[str], fn: Callable[[Any], T], skip: bool = False, issuer: str | None = None,
           as_of: str | None = None, rows: tuple = ()) -> list[tuple[str | None, Any, list[str]]]:
    return [_one(p, fn, skip, issuer, as_of, rows) for p in paths]


def _bodies_once(files: list[str], done: list[tuple[str, T, list[str]]], fn, merge: bool,
                 read: Callable[[list[str]], list], as_of: str | None = None, rows: tuple = ()):
    """Results per body: a body read from several files is read again (``read``: files → models), merged
    (graphmodel.merge), analysed once."""
    where: dict[str, list[int]] = {}
    for i, (body, _result, _warnings) in enumerate(done):
        where.setdefault(body, []).append(i)
    for i, (body, result, warnings) in enumerate(done):
        at = where[body]
        if len(at) == 1:
            if result is not _LATER:
                yield result, warnings
        elif i == at[0]:
            models = merge_models(read([files[j] for j in at]), merge=merge, as_of=as_of)
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
    cluster: str | None = None,
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
    cluster : str, optional
        The address of a Dask scheduler (``tcp://host:8786``): the documents are read there, one a task
        (:mod:`loaders.cluster`; ``workers`` and ``chunksize`` do not apply); ``fn`` is then picklable.

    Raises
    ------
    ClusterError
        The cluster cannot be used (see :func:`loaders.cluster.connect`).
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
    if cluster is not None:
        yield from _on_cluster(cluster, files, fn, merge, on_error, issuer, as_of, rows)
        return
    with doc_batch(files):  # the old Word files converted in one LibreOffice call (before workers fork)
        if workers <= 1:
            done = [_one(path, fn, skip, issuer, as_of, rows) for path in files]
        else:
            from concurrent.futures import ProcessPoolExecutor  # here: one plan's start-up does not pay for it

            chunks = [files[i : i + chunksize] for i in range(0, len(files), chunksize)]
            with ProcessPoolExecutor(max_workers=workers) as pool:
                done = [r for results in pool.map(_chunk, chunks, [fn] * len(chunks), [skip] * len(chunks),
                                                  [issuer] * len(chunks), [as_of] * len(chunks), [rows] * len(chunks))
                        for r in results]
    kept = _kept(files, done, on_error)
    read = lambda at: [read_plan(f, issuer=issuer) for f in at]  # noqa: E731
    yield from _bodies_once([f for f, _ in kept], [d for _, d in kept], fn, merge, read, as_of, rows)


def _kept(files: list[str], done: list, on_error) -> list[tuple[str, tuple]]:
    """The files read and their results; the error of each other file given to ``on_error``, in file order."""
    for body, error, _warnings in done:
        if body is None:
            on_error(error)
    return [(f, d) for f, d in zip(files, done) if d[0] is not None]


def _on_cluster(address: str, files: list[str], fn, merge: bool, on_error, issuer, as_of, rows) -> list:
    """:func:`map_plans`'s results with the documents read on the Dask cluster at ``address``."""
    import functools

    from .cluster import connect

    with connect(address) as cluster:
        done = []
        for out in cluster.map(functools.partial(_one_data, fn=fn, issuer=issuer, as_of=as_of, rows=rows), files):
            if isinstance(out, PlanError):
                if on_error is None:
                    raise out
                out = (None, out, [])
            done.append(out)
        kept = _kept(files, done, on_error)
        read = lambda at: list(cluster.read_models(at, issuer=issuer))  # noqa: E731
        return list(_bodies_once([f for f, _ in kept], [d for _, d in kept], fn, merge, read, as_of, rows))
