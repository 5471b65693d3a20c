"""What every sub-app shares: the app factory, recurring options, and the one place errors become exit codes."""

from __future__ import annotations

import functools
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Callable, Optional, TypeVar

import typer

from ..errors import GraphModelError, PlanConflictError, PlanError
from ..labels import ERRORS, WORDS, L, notice

__all__ = ["make_app", "guarded", "fail", "warn", "lang_of", "Paths", "FormatOpt", "LangOpt", "Format", "Lang", "OutputOpt",
           "SkipOpt", "MaxBytesOpt", "IssuerOpt", "AsOfOpt", "Unreadable", "given_issuer", "given_as_of", "CorrectionsOpt",
           "corrections", "ClusterOpt", "given_cluster"]

F = TypeVar("F", bound=Callable)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


Paths = Annotated[
    Optional[list[Path]],
    typer.Argument(help="方案文件或文件夹（.txt、.pdf、.docx、.html）；不写则读取自带的 data/ 中的两个方案。", show_default=False),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="输出格式：table（表格）、json、csv。")]
LangOpt = Annotated[Lang, typer.Option(
    "--lang", help="输出语言：zh（中文）或 en（英文），表头、说明、警告和错误都用此语言。json/csv 的键总是英文。")]
OutputOpt = Annotated[
    Optional[Path], typer.Option("--output", "-o", help="写入此文件（先写临时文件，成功后再改名）；不写则输出到标准输出。")
]
SkipOpt = Annotated[bool, typer.Option(
    "--skip-unreadable",
    help="跳过读不了的文件（扫描件、损坏的文件、不是责任文件的文件），每个在标准错误输出一行警告，读取其余文件；"
         "默认遇到一个就停止（退出码 2）。")]

IssuerOpt = Annotated[Optional[str], typer.Option(
    "--issuer",
    help="文件没有写明发文机关时用这个名称（如 崇川区、南通市崇川区人民政府）；文件写明的优先。"
         "不写则以文件名作为发文机关，并给出一行警告。", show_default=False)]

CorrectionsOpt = Annotated[Optional[Path], typer.Option(
    "--corrections",
    help="审核后的更正：export --format review 写出的审核表（.xlsx），或同样各列的 CSV。判断为“错”的事实删除（填写了更正则替换），"
         "“缺”的事实增加；每条更正记在事实的出处里。找不到所改事实的更正给出一行警告，不应用。", show_default=False)]

AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of",
    help="按某一天的情况读取（2024-06-30、2024-06 或 2024）：之后的文件不算，同一文件的多个版本取当时最新的一个。",
    show_default=False)]


ClusterOpt = Annotated[Optional[str], typer.Option(
    "--cluster", metavar="ADDRESS",
    help="在 Dask 集群上读取文件（调度器地址，如 tcp://10.0.0.5:8786）：每个文件一个任务，结果按文件顺序，"
         "与本机读取的事实相同。需要 graphmodel[cluster]；工作进程上装有相同版本的 graphmodel，不需要能访问这些文件。",
    show_default=False)]


def given_cluster() -> str | None:
    """The running command's ``--cluster`` (None when not given)."""
    return _cluster


#: The Dask scheduler the running command reads the documents on (``--cluster``): set by :func:`guarded`.
_cluster: str | None = None

def _size(value: Optional[str]) -> Optional[int]:
    if value is None:
        return None
    from loaders.limits import parse_size

    try:
        return parse_size(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


MaxBytesOpt = Annotated[Optional[str], typer.Option(
    "--max-bytes", callback=_size, show_default=False, metavar="SIZE",
    help="每个文件的大小上限（默认 50M；如 200M、1G）：更大的文件，或解压后超过此大小的 Word 文件部件（压缩炸弹），"
         "都不读取（退出码 2）。")]


def make_app(help: str) -> typer.Typer:
    """Return a Typer app with the project's settings (no rich tracebacks, -h for help)."""
    return typer.Typer(
        help=help,
        no_args_is_help=False,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode=None,
    )


#: The language of the running command's warnings and errors: set by :func:`guarded` from its ``--lang``.
_lang = "zh"
#: Whether the running command skips the files it cannot read (``--skip-unreadable``), and whether it reads
#: several files (a folder, or more than one path): set by :func:`guarded`.
_skip = False
_many = False
#: The issuer the running command was given (``--issuer``) for the documents that name none: set by :func:`guarded`.
_issuer: str | None = None
#: The date the running command reads the documents as of (``--as-of``): set by :func:`guarded`.
_as_of: str | None = None
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _is_date(text: str) -> bool:
    """Whether ``text`` is a date, a month or a year in ISO form (2024-06-30, 2024-06, 2024)."""
    import datetime

    if not _DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
    except ValueError:
        return False
    return True


def given_as_of() -> str | None:
    """The running command's ``--as-of`` (None when not given)."""
    return _as_of


def given_issuer() -> str | None:
    """The running command's ``--issuer`` (None when not given)."""
    return _issuer


#: The running command's ``--corrections`` rows (graphmodel.corrections.Correction), read by :func:`guarded`;
#: None without ``--corrections``.
_corrections: list | None = None


def corrections() -> list | None:
    """The rows of the running command's ``--corrections`` file (None without one)."""
    return _corrections


class Unreadable:
    """What the reading functions give a file they cannot read to (``on_error``), when ``--skip-unreadable``
    is set: a warning line each; :meth:`check` fails when no file at all could be read."""

    def __init__(self):
        self.skipped = 0

    @property
    def on_error(self):
        return self._skip if _skip else None

    def _skip(self, error) -> None:
        self.skipped += 1
        warn(WORDS["skipped"], error=_say(error))

    def check(self, read: int) -> None:
        if self.skipped and not read:
            fail(ERRORS["nothing_readable"], n=self.skipped)
        if _as_of is not None and not read:
            fail(ERRORS["nothing_as_of"], as_of=_as_of)


def lang_of(value) -> str:
    """``"zh"`` or ``"en"`` from a ``--lang`` value (a :class:`Lang` or its text)."""
    return "en" if getattr(value, "value", value) == "en" else "zh"


def _say(message, **values) -> str:
    """Text in the command's language: an :class:`L` (filled with ``values``), an error with ``message(lang)``,
    a reader's notice, or plain text."""
    if isinstance(message, L):
        return message(_lang, **values)
    if hasattr(message, "kind") and hasattr(message, "values"):  # a reader's Notice (no pydantic import here)
        return notice(message, _lang)
    return message.message(_lang) if hasattr(message, "message") else str(message)


def warn(message, **values) -> None:
    """Write a warning line to stderr, in the command's language (``message``: an :class:`L` and its
    ``values``, a notice, or text)."""
    typer.echo(WORDS["warning"](_lang, message=_say(message, **values)), err=True)


def fail(message, code: int = 2, **values) -> None:
    """Write one error line to stderr (``message``: an :class:`L` and its ``values``, an error with
    ``message(lang)``, or text) and exit with ``code``."""
    typer.echo(WORDS["error"](_lang, message=_say(message, **values)), err=True)
    raise typer.Exit(code)


def guarded(fn: F) -> F:
    """Turn the library's errors (and a closed pipe, and Ctrl-C) into one line, in the command's ``--lang``, and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        global _lang, _skip, _many, _issuer, _as_of, _corrections, _cluster
        _cluster = kwargs.get("cluster")
        _lang = lang_of(kwargs.get("lang", "zh"))
        _skip = bool(kwargs.get("skip_unreadable"))
        _issuer = kwargs.get("issuer")
        _as_of = kwargs.get("as_of")
        if _as_of is not None and not _is_date(_as_of):
            fail(ERRORS["bad_as_of"], value=_as_of)
        paths = kwargs.get("paths") or []
        _many = len(paths) > 1 or any(Path(p).is_dir() for p in paths)
        _corrections = None
        try:
            if kwargs.get("corrections"):
                from ..corrections import read_corrections  # here: without --corrections, openpyxl is not imported

                _corrections = read_corrections(kwargs["corrections"], name=str(kwargs["corrections"]))
            if kwargs.get("max_bytes") is None:
                return fn(*args, **kwargs)
            from loaders.limits import limited

            with limited(kwargs["max_bytes"]):
                return fn(*args, **kwargs)
        except PlanError as exc:
            if _many and not _skip and "skip_unreadable" in kwargs and not isinstance(exc, PlanConflictError):
                fail(ERRORS["unreadable_among_many"], exc.exit_code, error=exc.message(_lang))
            fail(exc, exc.exit_code)
        except GraphModelError as exc:
            for line in getattr(exc, "lines_in", lambda _lang: [])(_lang)[:-1]:  # one line per problem
                typer.echo(WORDS["error"](_lang, message=line), err=True)
            fail(exc.lines_in(_lang)[-1] if hasattr(exc, "lines_in") else exc, exc.exit_code)
        except BrokenPipeError:  # `graphmodel export | head`
            sys.stderr.close()
            raise typer.Exit(0)
        except KeyboardInterrupt:
            fail(WORDS["interrupted"], 130)

    return wrapper  # type: ignore[return-value]
