"""The named Cypher queries in ``queries/``: each file's header (name, description, parameters) and text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from ..errors import UnknownQueryError

__all__ = ["Query", "list_queries", "get_query", "parse_query"]

_REPO_QUERIES = Path(__file__).resolve().parents[2] / "queries"
_PARAM = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*[—–-]+\s*(.*)$")


@dataclass(frozen=True)
class Query:
    """A named query: what it answers, what parameters it takes, and its Cypher."""

    name: str
    description: str
    parameters: tuple[tuple[str, str], ...]
    cypher: str
    file: str
    examples: tuple[tuple[str, object], ...] = ()


def parse_query(text: str, file: str = "") -> Query:
    """Read a ``.cypher`` file's header comment (``// name:``, ``// description:``, ``// parameters:``).

    Parameters are separated by ``;``, each ``name — meaning``; ``// example: :param k => v`` lines
    give example values, as typed in Neo4j Browser.

    Examples
    --------
    >>> q = parse_query("// name: t\\n// description: 任务\\n// parameters: street — 道路; n — 个数\\n"
    ...                 "// example: :param street => '张杨路'\\nMATCH (n) RETURN n")
    >>> q.name, q.description, q.parameters, q.examples
    ('t', '任务', (('street', '道路'), ('n', '个数')), (('street', '张杨路'),))
    """
    header: dict[str, str] = {}
    for line in text.splitlines():
        m = re.match(r"^\s*//\s*(name|description|parameters)\s*:\s*(.*)$", line)
        if m:
            header[m.group(1)] = m.group(2).strip()
    params = []
    for part in header.get("parameters", "").split(";"):
        m = _PARAM.match(part)
        if m:
            params.append((m.group(1), m.group(2).strip()))
    examples = []
    for m in re.finditer(r"^\s*//\s*example:\s*:param\s+([A-Za-z_]\w*)\s*=>\s*(.+?)\s*$", text, re.M):
        raw = m.group(2)
        value = None if raw == "null" else raw.strip("'\"") if raw[:1] in "'\"" else int(raw) if raw.isdigit() else raw
        examples.append((m.group(1), value))
    name = header.get("name") or Path(file).stem
    return Query(name, header.get("description", ""), tuple(params), text, file, tuple(examples))


def _folder() -> Path:
    installed = Path(str(files("graphmodel") / "_bundled" / "queries"))
    return _REPO_QUERIES if _REPO_QUERIES.is_dir() else installed


def list_queries() -> list[Query]:
    """Return every named query, sorted by name."""
    return sorted(
        (parse_query(p.read_text(encoding="utf-8"), p.name) for p in _folder().glob("*.cypher")),
        key=lambda q: q.name,
    )


def get_query(name: str) -> Query:
    """Return the query of this name (the file name without ``.cypher`` also works).

    Raises
    ------
    UnknownQueryError
        No such query; the message lists the names of those there are.
    """
    queries = list_queries()
    for q in queries:
        if name in (q.name, Path(q.file).stem, q.file):
            return q
    raise UnknownQueryError(name, [q.name for q in queries])
