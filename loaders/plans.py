"""Plan files → resolved models, one 街道 at a time."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from graphmodel.errors import PlanError
from graphmodel.merge import merge_models
from graphmodel.model import SubdistrictModel
from graphmodel.resolve import resolve_plan

from .formats import SUFFIXES, detect_format, doc_batch, reader
from .limits import read_file
from .plan.reader import read_plan_source
from .plan.source import Source

__all__ = ["read_plan", "read_plan_data", "read_plans", "read_documents", "read_source", "resolve_source", "bundled_plans",
           "display_name", "expand_paths", "readable",
           "source_lines", "correction_rows", "corrected"]

T = TypeVar("T")

_REPO_DATA = Path(__file__).resolve().parent.parent / "data"


def bundled_plans() -> list[Path]:
    """Return the plans shipped with graphmodel (the repository's data/, or the installed copy)."""
    candidates = [_REPO_DATA]
    try:
        from importlib.resources import files

        candidates.append(Path(str(files("graphmodel") / "_bundled" / "data")))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - broken install
        pass
    for folder in candidates:
        if folder.is_dir():
            plans = sorted(folder.glob("*.txt"))
            if plans:
                return plans
    return []


def display_name(path: Path) -> str:
    """The name a file goes by in evidence and messages: relative to the working folder if inside it."""
    path = Path(path)
    bundled = path.parent.name == "data" and path.parent.parent.name == "_bundled"
    if bundled or path.parent in (_REPO_DATA, _REPO_DATA.resolve()):
        return f"data/{path.name}"
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def read_source(data: bytes, file: str) -> Source:
    """A document's numbered lines, read by the reader of its format: magic bytes first, suffix second.

    ``%PDF-`` is a PDF, a ZIP holding ``word/document.xml`` a Word file, an OLE file with a
    WordDocument stream an old Word file (.doc), markup an HTML page; otherwise the suffix decides
    (.pdf, .docx, .doc, .html/.htm), and anything else is read as text.

    Raises
    ------
    PlanError
        If the file is empty, of a kind graphmodel does not read, damaged, encrypted, or a scan (needs OCR).
    """
    return reader(detect_format(data, file))(data, file)


def read_plan(path: str | os.PathLike, name: str | None = None, *, issuer: str | None = None) -> SubdistrictModel:
    """Read one plan file into the resolved model of its 街道.

    Parameters
    ----------
    path : path-like
        The plan: text (as extracted from its PDF), a PDF, a Word file (.docx; .doc when
        LibreOffice is installed) or a web page (.html).
    name : str, optional
        The file name the evidence carries; by default the path as :func:`display_name` gives it.
    issuer : str, optional
        The issuing body for a document that names none (``--issuer``; the document's own word comes first);
        without it such a document is read under its file's name, with a warning.

    Raises
    ------
    PlanError
        If the file cannot be read (not a regular file, larger than :func:`loaders.limits.max_bytes`), or is not
        such a plan.
    """
    path = Path(path)
    file = name or display_name(path)
    data = read_file(path, file)  # a regular file within loaders.limits.max_bytes()
    return read_plan_data(data, file, issuer=issuer)


def read_plan_data(data: bytes, file: str, *, issuer: str | None = None) -> SubdistrictModel:
    """Read one plan's bytes (named ``file`` in evidence) into the resolved model of its 街道 (see :func:`read_plan`).

    Raises
    ------
    PlanError
        If the bytes are not such a plan.
    """
    return resolve_source(read_source(data, file), file, issuer=issuer)


def resolve_source(source: Source, file: str, *, issuer: str | None = None) -> SubdistrictModel:
    """The resolved model of a document already read into lines (what :func:`read_plan` does after reading): every
    fact's evidence with its page, and for a line read by OCR its box and confidence.

    Raises
    ------
    PlanError
        If the lines are not such a plan.
    """
    record = read_plan_source(source, file, issuer=issuer)
    if pages := _page_starts(source):
        record = record.model_copy(update={"pages": pages})
    if seen := tuple((ln.no, ln.box, round(ln.confidence, 3)) for ln in source.lines if ln.box is not None):
        record = record.model_copy(update={"seen": seen})  # read by OCR: each fact's evidence names its box
    return resolve_plan(record)


def source_lines(paths: Iterable[str | os.PathLike] | None) -> dict[tuple[str, int], str]:
    """``(file, line) → text`` of every line of the documents ``paths`` stands for (files that cannot be read: none).

    The file is named as evidence names it (:func:`display_name`), so a fact's evidence finds its line's text.
    """
    out: dict[tuple[str, int], str] = {}
    files = expand_paths(paths)
    with doc_batch(files):
        for path in files:
            file = display_name(path)
            try:
                source = read_source(Path(path).read_bytes(), file)
            except (OSError, PlanError):
                continue
            out.update(((file, line.no), line.text) for line in source.lines)
    return out


def _page_starts(source: Source) -> tuple[tuple[int, int], ...]:
    """(first line, page) of each page a PDF's lines stand on; empty for other formats."""
    starts: list[tuple[int, int]] = []
    for line in source.lines:
        if line.page is not None and (not starts or starts[-1][1] != line.page):
            starts.append((line.no, line.page))
    return tuple(starts)


def _plan_files(folder: Path) -> list[Path]:
    """The documents in a folder: files with a suffix graphmodel reads (not hidden, not Word's ``~$`` lock files)."""
    return sorted(
        p for p in folder.iterdir()
        if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$")) and p.is_file()
    )


def expand_paths(paths: Iterable[str | os.PathLike] | None) -> list[Path]:
    """The plan files ``paths`` stands for: files as given, folders by their .txt, .pdf, .docx, .doc and .html files.

    The bundled plans if ``paths`` is empty.

    Raises
    ------
    PlanError
        If no file is found.
    """
    paths = list(paths or [])
    if not paths:
        files = bundled_plans()
    else:
        files = []
        for p in map(Path, paths):
            files.extend(_plan_files(p) if p.is_dir() else [p])
    if not files:
        where = ", ".join(str(p) for p in paths) or "data/"
        raise PlanError(where, "没有找到方案文件（.txt、.pdf、.docx、.odt、.doc、.html）",
                        en="no plan files found (.txt, .pdf, .docx, .odt, .doc, .html)")
    return files


def read_plans(paths: Iterable[str | os.PathLike] | None = None, *, merge: bool = False,
               on_error: Callable[[PlanError], None] | None = None,
               issuer: str | None = None, as_of: str | None = None,
               corrections: str | os.PathLike | Iterable | None = None,
               cluster: str | None = None) -> Iterator[SubdistrictModel]:
    """Read plans (folders give their documents, see :func:`expand_paths`) into one model per body.

    The bundled plans when ``paths`` is empty.

    Documents about the same body are never merged silently (:func:`graphmodel.merge.merge_models`): the same
    document twice is read once, documents of different layouts (a 领导小组 notice and a task table) become one
    model, versions of one document (one layout and matter, different dates) give their latest, two different
    documents of one matter that cannot be ordered by date are an error naming both unless ``merge`` is set;
    each such case is said in the model's ``warnings``. ``as_of`` (an ISO date): the documents as they stood
    then (later documents left out, the latest version up to that date current).

    ``on_error``: a file that cannot be read is given to it (its :class:`PlanError`) and skipped, the others
    are read; without it the first such file raises. ``issuer``: the issuing body of the documents that name
    none (see :func:`read_plan`).

    ``corrections``: a reviewer's corrections, applied to each body's model
    (:func:`graphmodel.corrections.apply_corrections`): a review workbook or CSV (a path), or the rows
    :func:`graphmodel.corrections.read_corrections` read.

    ``cluster``: the address of a Dask scheduler (``tcp://host:8786``); the documents are read there, one a task,
    in the same order and with the same facts (:mod:`loaders.cluster`).

    Raises
    ------
    ClusterError
        The cluster cannot be used (see :func:`loaders.cluster.connect`).
    PlanError
        A file that is not a plan (unless ``on_error``), or two different documents of one layout about one body.
    ExportFileError
        A corrections file that cannot be read.
    """
    rows = correction_rows(corrections)
    documents = read_documents(paths, issuer=issuer, on_error=on_error, cluster=cluster)
    for model in merge_models(documents, merge=merge, as_of=as_of):
        yield corrected(model, rows)


def read_documents(paths: Iterable[str | os.PathLike] | None = None, *, issuer: str | None = None,
                   on_error: Callable[[PlanError], None] | None = None, cluster: str | None = None) -> Iterator[SubdistrictModel]:
    """Each document's model (:func:`read_plan`), in file order, not merged: here, or on the Dask cluster at
    ``cluster`` (:mod:`loaders.cluster`). ``on_error`` as in :func:`read_plans`.

    Raises
    ------
    ClusterError
        The cluster cannot be used (see :func:`loaders.cluster.connect`).
    PlanError
        A file that is not a plan (unless ``on_error``).
    """
    files = expand_paths(paths)
    if cluster is None:
        with doc_batch(files):  # the old Word files converted in one LibreOffice call
            yield from readable(files, functools.partial(read_plan, issuer=issuer) if issuer else read_plan, on_error)
        return
    from .cluster import connect

    with connect(cluster) as on:
        yield from on.read_models(files, issuer=issuer, on_error=on_error)


def correction_rows(corrections) -> list:
    """The rows of ``corrections``: a path is read (:func:`graphmodel.corrections.read_corrections`), rows stay."""
    if corrections is None:
        return []
    if isinstance(corrections, (str, os.PathLike)):
        from graphmodel.corrections import read_corrections

        return read_corrections(corrections)
    return list(corrections)


def corrected(model: SubdistrictModel, rows: list) -> SubdistrictModel:
    """The model with the rows about its body applied (itself when there are none)."""
    if not rows:
        return model
    from graphmodel.corrections import apply_corrections

    return apply_corrections(model, rows)


def readable(files: Iterable, read: Callable[[Any], T], on_error: Callable[[PlanError], None] | None) -> Iterator[T]:
    """``read(file)`` for each file; a file whose reading raises PlanError goes to ``on_error`` (re-raised without)."""
    for file in files:
        try:
            yield read(file)
        except PlanError as exc:
            if on_error is None:
                raise
            on_error(exc)
