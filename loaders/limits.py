"""How much one document may be: its size on disk, and what a part of a Word file may inflate to.

One limit, :func:`max_bytes` (default 50 MB): a file larger than it is refused before it is read, and so is a
part of a .docx (``word/document.xml`` …) that would inflate beyond it (a zip bomb) — checked from the sizes the
archive declares, and enforced while inflating. The limit lives in the environment (``GRAPHMODEL_MAX_BYTES``), so
the worker processes that read many plans at once (:mod:`loaders.stream`) obey the same one; :func:`limited` sets
it for a block (``--max-bytes`` on the command line).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator

from graphmodel.errors import PlanError

__all__ = ["DEFAULT_MAX_BYTES", "max_bytes", "limited", "parse_size", "size_text", "read_file", "read_part"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_ENV = "GRAPHMODEL_MAX_BYTES"
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def parse_size(text: str | int) -> int:
    """Bytes from ``50M``, ``200 MB``, ``1g``, ``4096`` (K, M, G are powers of 1024).

    >>> parse_size("50M"), parse_size("1 GB"), parse_size("4096"), parse_size(7)
    (52428800, 1073741824, 4096, 7)
    """
    if isinstance(text, int):
        return text
    match = re.fullmatch(r"\s*(\d+)\s*([KMG]?)(?:I?B)?\s*", str(text), re.I)
    if not match or int(match.group(1)) <= 0:
        raise ValueError(f"not a size: {text!r} (e.g. 50M, 200MB, 1G or a number of bytes)")
    return int(match.group(1)) * _UNITS[match.group(2).upper()]


def size_text(size: int) -> str:
    """A size as people write it.

    >>> size_text(52428800), size_text(1536), size_text(300), size_text(2 * 1024**3)
    ('50 MB', '1.5 KB', '300 B', '2 GB')
    """
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} B"


def max_bytes() -> int:
    """The limit in force: ``GRAPHMODEL_MAX_BYTES`` when set (and valid), else :data:`DEFAULT_MAX_BYTES`."""
    try:
        return parse_size(os.environ[_ENV])
    except (KeyError, ValueError):
        return DEFAULT_MAX_BYTES


@contextlib.contextmanager
def limited(limit: int | None) -> Iterator[None]:
    """Within the block, :func:`max_bytes` is ``limit`` (None: unchanged), here and in processes started in it."""
    if limit is None:
        yield
        return
    before = os.environ.get(_ENV)
    os.environ[_ENV] = str(limit)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(_ENV, None)
        else:
            os.environ[_ENV] = before


def _too_big(file: str, what: str, what_en: str, limit: int) -> PlanError:
    return PlanError(file, f"{what}超过每个文件 {size_text(limit)} 的上限（--max-bytes 可调高）",
                     en=f"{what_en} beyond the limit of {size_text(limit)} per file (raise it with --max-bytes)")


def read_file(path: os.PathLike, file: str) -> bytes:
    """A regular file's bytes, at most :func:`max_bytes` of them.

    Raises
    ------
    PlanError
        Not a regular file (a FIFO, a device, a socket: reading it could wait for ever), larger than the limit,
        or unreadable (a folder, missing, no permission).
    """
    import stat

    limit = max_bytes()
    try:
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(status.st_mode):
            raise PlanError(file, "不是普通文件（是命名管道、设备或套接字），不读取",
                            en="not a regular file (a named pipe, a device or a socket): not read")
        if status.st_size > limit:
            size = size_text(status.st_size)
            raise _too_big(file, f"文件有 {size}，", f"the file holds {size},", limit)
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except IsADirectoryError:
        raise PlanError(file, "是一个目录，不是文件", en="is a folder, not a file") from None
    except FileNotFoundError:
        raise PlanError(file, "文件不存在", en="no such file") from None
    except OSError as exc:
        raise PlanError(file, f"无法读取：{exc.strerror or exc}", en=f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:  # it grew while read, or says size 0 (/proc)
        raise _too_big(file, "文件", "the file is", limit)
    return data


def read_part(archive, name: str, file: str) -> bytes:
    """The inflated bytes of part ``name`` of a zip ``archive`` (an Office file), at most :func:`max_bytes`.

    Raises
    ------
    PlanError
        The part declares, or inflates to, more than the limit (a zip bomb, or a document past the limit).
    """
    limit = max_bytes()
    declared = archive.getinfo(name).file_size
    if declared > limit:
        size = size_text(declared)
        raise _too_big(file, f"其中的 {name} 解压后有 {size}（可能是压缩炸弹），",
                       f"its part {name} inflates to {size} (a zip bomb?),", limit)
    with archive.open(name) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _too_big(file, f"其中的 {name} 解压后（可能是压缩炸弹）", f"its part {name} inflates (a zip bomb?)", limit)
    return data
