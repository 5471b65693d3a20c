"""The project's own exceptions: one small hierarchy the CLI turns into one line."""

from __future__ import annotations

__all__ = [
    "GraphModelError",
    "PlanError",
    "PlanConflictError",
    "ExportFileError",
    "UnknownNameError",
    "AmbiguousNameError",
    "UnknownQueryError",
    "Neo4jError",
    "ClusterError",
]


class GraphModelError(Exception):
    """Base of every error the library raises on purpose.

    ``str(error)`` is the Chinese line; :meth:`message` gives it in English when the
    raiser supplied an English text (``en=``), so ``--lang en`` can speak English.
    """

    exit_code = 2
    en: str | None = None

    def message(self, lang: str = "zh") -> str:
        """The one-line message in ``lang`` (``zh`` or ``en``); Chinese when no English text was given."""
        return self.en if lang == "en" and self.en else str(self)


class PlanError(GraphModelError):
    """A file that cannot be read as a plan (empty, binary, not this genre).

    The message names the file and, where one is to blame, the line.
    """

    def __init__(self, file: str, message: str, line: int | None = None, *, en: str | None = None):
        self.file = file
        self.line = line
        self.reason = message
        self.reason_en = en
        where = f"{file}:{line}" if line else file
        self.en = f"{where}: {en}" if en else None
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # survives pickling (errors raised in worker processes)
        return (_plan_error, (self.file, self.reason, self.line, self.reason_en))


def _plan_error(file: str, message: str, line: int | None, en: str | None) -> PlanError:
    return PlanError(file, message, line, en=en)


class PlanConflictError(PlanError):
    """Two readable documents that cannot both be taken: two different documents of one layout about one body."""

    def __reduce__(self):
        return (type(self), (self.file, self.reason, self.line), {"reason_en": self.reason_en, "en": self.en})


class ExportFileError(GraphModelError):
    """A JSON export (or a review workbook) that cannot be read back: one line per problem, each naming the file
    and the item (``graph.json: nodes[3].number: …``)."""

    def __init__(self, file: str, problems: list[str], en: list[str] | None = None):
        self.file = file
        self.lines = [_at(file, p) for p in problems]
        self.lines_en = [_at(file, p) for p in en] if en else None
        self.en = "\n".join(self.lines_en) if self.lines_en else None
        super().__init__("\n".join(self.lines))

    def lines_in(self, lang: str = "zh") -> list[str]:
        """The problems, one line each, in ``lang``."""
        return self.lines_en if lang == "en" and self.lines_en else self.lines

    def __reduce__(self):
        cut = len(self.file)
        return (type(self), (self.file, [_problem(ln[cut:]) for ln in self.lines],
                             [_problem(ln[cut:]) for ln in self.lines_en] if self.lines_en else None))


def _at(file: str, problem: str) -> str:
    """``file: problem``, or ``file:17: problem`` for a problem that names its line (``":17: …"``)."""
    return f"{file}{problem}" if problem.startswith(":") else f"{file}: {problem}"


def _problem(rest: str) -> str:
    return rest if rest.startswith(":") and not rest.startswith(": ") else rest[2:]


class UnknownNameError(GraphModelError):
    """A name (official, unit, task, street) the graph does not hold."""

    def __init__(self, name: str, suggestions: list[str] | None = None):
        self.name = name
        self.suggestions = list(suggestions or [])
        msg, self.en = f"未找到名称“{name}”", f"no such name: “{name}”"
        if self.suggestions:
            msg += "；相近的有：" + "、".join(self.suggestions)
            self.en += "; close matches: " + ", ".join(self.suggestions)
        super().__init__(msg)

    def __reduce__(self):
        return (type(self), (self.name, self.suggestions))


class AmbiguousNameError(UnknownNameError):
    """A name that matches more than one node."""

    def __init__(self, name: str, matches: list[str]):
        self.name = name
        self.suggestions = list(matches)
        self.en = (f"the name “{name}” is ambiguous, it may be: " + ", ".join(matches)
                   + " (write the full name or add the subdistrict, e.g. 金杨新村街道/管理办)")
        GraphModelError.__init__(
            self, f"名称“{name}”不唯一，可能是：" + "、".join(matches) + "（请写全称或加上街道，如 金杨新村街道/管理办）"
        )


class UnknownQueryError(UnknownNameError):
    """A named query (``queries/*.cypher``) that does not exist; the message lists those that do."""

    def __init__(self, name: str, available: list[str]):
        self.name = name
        self.suggestions = list(available)
        self.en = f"no named query “{name}”; the named queries are: {', '.join(available) or 'none'}"
        GraphModelError.__init__(self, f"没有名为“{name}”的命名查询；现有的命名查询：{'、'.join(available) or '无'}")


class Neo4jError(GraphModelError):
    """A Neo4j problem a user can act on (unreachable, auth, unknown database, bad query)."""

    def __init__(self, message: str, *, en: str | None = None):
        self.en = en
        super().__init__(message)


class ClusterError(GraphModelError):
    """A Dask cluster (``--cluster``) a run cannot use: the extra missing, no answer, no workers, another version."""

    def __init__(self, message: str, *, en: str | None = None):
        self.en = en
        super().__init__(message)

    def __reduce__(self):
        return (_cluster_error, (str(self), self.en))


def _cluster_error(message: str, en: str | None) -> ClusterError:
    return ClusterError(message, en=en)
