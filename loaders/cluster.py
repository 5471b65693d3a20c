"""Documents read on a Dask distributed cluster (``--cluster``): one document a task, results back in file order.

The machine that runs the command reads each file's bytes (within :func:`loaders.limits.max_bytes`) and sends them
with the task, so the workers need no access to the documents: only graphmodel, the same version as here (checked
on connecting), and what its readers use there (the ``ocr`` extra for scans, LibreOffice for ``.doc``). A worker
process reads one document at a time (PDFium is not thread-safe; the readers hold the GIL): give a machine's cores
to worker processes (``dask worker ADDRESS --nworkers auto --nthreads 1``), not to threads.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import threading
from collections import deque
from concurrent.futures import CancelledError
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from graphmodel.errors import ClusterError, PlanError

from .limits import limited, max_bytes, read_file
from .plans import display_name, read_plan_data

__all__ = ["Cluster", "connect", "code_identity", "TIMEOUT"]

#: Seconds to wait for the scheduler to answer, and for a first worker.
TIMEOUT = 5.0
#: Documents sent ahead per worker thread: enough that no worker waits for the next (a task's round trip costs
#: milliseconds, as does reading a small plan: 3 a thread left the workers waiting)...
_AHEAD = 8
#: ... and, however many documents there are and however large, no more than this many bytes of them in flight.
_BYTES_AHEAD = 256 * 1024 * 1024
#: A document this large goes to the cluster on its own (scattered), not inside its task: Dask warns about big tasks.
_SCATTER_FROM = 1 << 20

#: A job (the function and the run's options: issuer, as-of date, corrections) this large is sent once, not per task.
_SCATTER_JOB_FROM = 64 * 1024

_EXTRA = "pip install 'graphmodel[cluster]'"


def _distributed():
    """The ``distributed`` module, or a ClusterError naming the extra that brings it."""
    try:
        import distributed
    except ImportError:
        raise ClusterError(f"--cluster 需要 dask.distributed，但没有安装：{_EXTRA}",
                           en=f"--cluster needs dask.distributed, which is not installed: {_EXTRA}") from None
    return distributed


@functools.cache
def code_identity() -> str:
    """graphmodel's version and a digest of its code (``0.1.0+1a2b3c4d``): what a worker must run the same of.

    >>> code_identity().startswith(__import__("graphmodel").__version__ + "+")
    True
    """
    import graphmodel

    digest = hashlib.sha256()
    for package in (Path(graphmodel.__file__).parent, Path(__file__).parent):
        for file in sorted(package.rglob("*.py")):
            digest.update(file.relative_to(package.parent).as_posix().encode() + b"\0" + file.read_bytes())
    return f"{graphmodel.__version__}+{digest.hexdigest()[:8]}"


def _no_answer(address: str, timeout: float) -> ClusterError:
    return ClusterError(f"集群 {address} 在 {timeout:g} 秒内没有应答（那里在运行 dask scheduler 吗？）",
                        en=f"the cluster at {address} did not answer within {timeout:g} s (is a dask scheduler running there?)")


def _probe(distributed, address: str, timeout: float) -> None:
    """Fail at once on an address that is none, or where no Dask server answers (a closed port, another kind of
    server): one handshake, within ``timeout``, before a Client (which would retry until the timeout, and whose
    failure leaves noise on stderr at exit)."""
    import asyncio

    from distributed.comm.addressing import parse_address

    try:
        scheme, _rest = parse_address(address)
        if scheme in ("tcp", "tls"):
            host, port = distributed.comm.addressing.get_address_host_port(address)
    except (ValueError, TypeError):
        raise ClusterError(f"{address} 不是集群地址（应写成 tcp://主机:端口，如 tcp://scheduler.example:8786）",
                           en=f"{address} is no cluster address (write it as tcp://host:port, "
                              "e.g. tcp://scheduler.example:8786)") from None

    if scheme == "tcp":  # a closed port says so at once; Dask would retry it until the timeout
        import socket

        try:
            socket.create_connection((host, port), timeout=timeout).close()
        except OSError:
            raise _no_answer(address, timeout) from None

    async def handshake():
        args = distributed.Security().get_connection_args("client")
        comm = await distributed.comm.connect(address, timeout=timeout, **args)
        await comm.close()

    from concurrent.futures import ThreadPoolExecutor

    try:  # in a thread of its own: the caller may be inside an event loop (a notebook)
        with ThreadPoolExecutor(1) as thread:
            thread.submit(asyncio.run, asyncio.wait_for(handshake(), timeout)).result()
    except Exception:  # refused, timed out, or garbage from a server that is no Dask scheduler
        raise _no_answer(address, timeout) from None


@contextlib.contextmanager
def connect(address: str, *, timeout: float = TIMEOUT) -> Iterator["Cluster"]:
    """A connection to the Dask scheduler at ``address``, checked to have workers running this graphmodel.

    Parameters
    ----------
    address : str
        The scheduler's address, ``tcp://host:8786``.
    timeout : float
        Seconds to wait for the scheduler to answer, and for a first worker.

    Raises
    ------
    ClusterError
        dask.distributed is not installed (the ``cluster`` extra), the address is none or does not answer, the
        cluster has no worker, or a worker runs another graphmodel (or none).
    """
    distributed = _distributed()
    _probe(distributed, address, timeout)
    try:
        client = distributed.Client(address, timeout=timeout, set_as_default=False)
    except Exception:  # a server that shook hands but is no scheduler (a worker's address)
        raise _no_answer(address, timeout) from None
    try:
        yield Cluster(client, address, timeout)
    finally:
        client.close()


def _run(job: Callable[[bytes, str], Any], data: bytes, file: str, limit: int):
    """On a worker: ``job(data, file)`` under the run's size limit, one document at a time; a PlanError is returned."""
    with _ONE_AT_A_TIME, limited(limit):
        try:
            return job(data, file)
        except PlanError as exc:
            return exc


_ONE_AT_A_TIME = threading.Lock()
_END = object()


class Cluster:
    """A connected cluster: :meth:`map` a job over documents, :meth:`read_models` read them into models."""

    def __init__(self, client, address: str, timeout: float = TIMEOUT):
        self._client, self.address = client, address
        self._check(timeout)
        self._ahead = max(8, _AHEAD * sum(client.nthreads().values()))
        self._inputs: dict = {}  # task key -> what it was sent with, to read a document again on its own

    def _check(self, timeout: float) -> None:
        """Refuse a cluster without workers, or with a worker that runs another graphmodel than this one."""
        try:
            self._client.wait_for_workers(1, timeout=timeout)
        except (TimeoutError, OSError):
            raise ClusterError(f"集群 {self.address} 在 {timeout:g} 秒内没有工作进程（启动一些：dask worker {self.address}）",
                               en=f"the cluster at {self.address} has had no worker for {timeout:g} s "
                                  f"(start some: dask worker {self.address})") from None
        ours = code_identity()
        for worker, theirs in sorted(self._client.run(code_identity, on_error="return").items()):
            if isinstance(theirs, BaseException):
                raise ClusterError(f"集群的工作进程 {worker} 上没有可用的 graphmodel（{type(theirs).__name__}）："
                                   f"在每个工作进程上安装与本机相同的版本 {ours}",
                                   en=f"graphmodel cannot be used on the cluster's worker {worker} "
                                      f"({type(theirs).__name__}): install the version here, {ours}, on every worker")
            if theirs != ours:
                raise ClusterError(f"集群的工作进程 {worker} 上的 graphmodel 是 {theirs}，本机是 {ours}："
                                   "在每个工作进程上安装与本机相同的版本",
                                   en=f"the cluster's worker {worker} runs graphmodel {theirs}, this machine {ours}: "
                                      "install the same version on every worker")

    def map(self, job: Callable[[bytes, str], Any], paths: Iterable) -> Iterator[Any]:
        """``job(bytes, name)`` of each document on the cluster, yielded in the order of ``paths``.

        ``job`` is picklable (a module-level function or a ``functools.partial`` of one). A document
        that cannot be read (here or on a worker) yields its :class:`PlanError` in its place; one that kills the
        worker reading it (after Dask's retries) yields a PlanError naming it. At most a few documents per worker
        thread are in flight at a time; they are sent, and their results fetched, several in one message.
        """
        shipped = self._shipped(job)
        files = iter(paths)
        window: deque = deque()  # (name, task or its PlanError, bytes) in file order
        try:
            while True:
                if len(window) <= self._ahead // 2:
                    self._fill(window, shipped, files)
                if not window:
                    return
                yield from self._ready(window)
        finally:
            pending = [task for _name, task, _size in window if not isinstance(task, PlanError)]
            if pending:
                self._client.cancel(pending)

    def _shipped(self, job):
        """``job`` itself when small (it travels with each task, and survives the loss of any worker), else sent to
        every worker once (a long list of corrections)."""
        import cloudpickle

        if len(cloudpickle.dumps(job)) < _SCATTER_JOB_FROM:
            return job
        return self._client.scatter(job, broadcast=True, hash=False)

    def _fill(self, window: deque, shipped, files: Iterator) -> None:
        """Read the next documents until the window holds as many as may be ahead (or as many bytes), and send
        them in one message."""
        held = sum(size for *_, size in window)
        new: list[tuple[str, Any, int]] = []
        while len(window) + len(new) < self._ahead and held <= _BYTES_AHEAD:
            path = next(files, _END)
            if path is _END:
                break
            name = display_name(Path(path))
            try:
                data = read_file(Path(path), name)
            except PlanError as exc:
                new.append((name, exc, 0))
                continue
            held += len(data)
            new.append((name, self._client.scatter(data, hash=False) if len(data) >= _SCATTER_FROM else data,
                        len(data)))
        sent = [(name, data) for name, data, _size in new if not isinstance(data, PlanError)]
        submitted = self._client.map(_run, [shipped] * len(sent), [d for _, d in sent], [n for n, _ in sent],
                                     [max_bytes()] * len(sent), pure=False) if sent else []
        for task, (name, data) in zip(submitted, sent):
            self._inputs[task.key] = (shipped, data, name)
        tasks = iter(submitted)
        window.extend((name, data if isinstance(data, PlanError) else next(tasks), size) for name, data, size in new)

    def _ready(self, window: deque) -> Iterator[Any]:
        """Wait for the first document of the window; yield its outcome and those of the documents done after it,
        their results fetched in one message."""
        head = window[0][1]
        with self._connection():
            if not isinstance(head, PlanError):
                head.exception()  # waits until it is done, fetching nothing
            batch = []
            while window and (isinstance(window[0][1], PlanError) or window[0][1].done()):
                batch.append(window.popleft())
            finished = [task for _n, task, _s in batch if not isinstance(task, PlanError) and task.status == "finished"]
            results = iter(self._client.gather(finished) if finished else ())
        for name, task, _size in batch:
            sent = None if isinstance(task, PlanError) else self._inputs.pop(task.key, None)
            if isinstance(task, PlanError):
                yield task
            elif task.status == "finished":
                yield next(results)
            else:
                yield self._outcome(name, task, sent, window)

    @contextlib.contextmanager
    def _connection(self):
        """Losing the scheduler is one ClusterError."""
        try:
            yield
        except (OSError, TimeoutError, CancelledError) as exc:
            raise ClusterError(f"与集群 {self.address} 的连接中断：{exc}",
                               en=f"the connection to the cluster at {self.address} was lost: {exc}") from None

    def _outcome(self, name: str, task, sent, window: deque) -> Any:
        """The outcome of a task that did not finish: a PlanError (its own, or the worker died reading it).

        A worker that dies takes every document it held with it, so Dask may give up on a good document that
        only shared a worker with the bad one: such a document is read once more, alone (the others in flight
        settled first), and only a document that kills its worker alone too is named.
        """
        from distributed import KilledWorker

        try:
            with self._connection():
                return task.result()
        except KilledWorker:
            pass
        if sent is not None:
            pending = [t for _n, t, _s in window if not isinstance(t, PlanError)]
            with self._connection():
                for other in pending:
                    other.exception()  # waits until it is done, fetching nothing
                again = self._client.submit(_run, *sent, max_bytes(), pure=False)
                try:
                    return again.result()
                except KilledWorker:
                    pass
        return PlanError(name, "读取它时集群的工作进程退出了（内存不足，或读取器崩溃）",
                         en="a cluster worker died while reading it (out of memory, or the reader crashed)")

    def read_models(self, paths: Iterable, *, issuer: str | None = None,
                    on_error: Callable[[PlanError], None] | None = None) -> Iterator:
        """The resolved model of each document (:func:`loaders.plans.read_plan`), read on the cluster, in order.

        A document that cannot be read goes to ``on_error`` and is skipped; without it, the first raises.
        """
        for out in self.map(functools.partial(read_plan_data, issuer=issuer), paths):
            if isinstance(out, PlanError):
                if on_error is None:
                    raise out
                on_error(out)
                continue
            yield out
