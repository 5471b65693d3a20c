"""The graph → Neo4j: constraints first, then nodes and relationships in batches, per 街道 atomically.

Each 街道 is replaced whole: its nodes and relationships that the new graph no longer
holds are deleted in the same transaction that writes the new ones, so a revised plan
leaves nothing stale, a load that fails half-way leaves every 街道 as it was or fully
new, and 街道 not in the load are not touched. Labels and relationship types come from
the schema's allow-list; every value is a parameter.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..errors import Neo4jError
from ..export import flat_properties
from ..graph import subdistricts
from ..schema import LABELS, RELS
from . import cypher

__all__ = ["Neo4jSettings", "LoadResult", "connect", "ensure_schema", "load_graph", "run_query", "translate_error"]

#: How to install the driver, an optional dependency: the ``neo4j`` extra of a clone, or the two packages
#: themselves (graphmodel is not on PyPI, so ``pip install 'graphmodel[neo4j]'`` would find nothing).
_NO_DRIVER = ("没有安装 Neo4j 驱动：在源码目录中运行 pip install -e '.[neo4j]'，或 pip install neo4j neo4j-rust-ext",
              "the Neo4j driver is not installed: from a clone, pip install -e '.[neo4j]'; "
              "or pip install neo4j neo4j-rust-ext")


def _driver_module():
    """The official driver, imported on first use so that importing graphmodel never pays for it."""
    try:
        import neo4j
    except ModuleNotFoundError:  # pragma: no cover - exercised only without the driver
        raise Neo4jError(_NO_DRIVER[0], en=_NO_DRIVER[1]) from None
    return neo4j


@dataclass(frozen=True)
class Neo4jSettings:
    """Where to connect. The password is never shown by ``repr``."""

    uri: str = "bolt://localhost:7687"
    user: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str = "neo4j"


@dataclass
class LoadResult:
    """What a load changed."""

    subdistricts: list[str] = field(default_factory=list)
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    nodes_written: int = 0
    relationships_written: int = 0
    unchanged: list[str] = field(default_factory=list)  # 街道 already loaded exactly so: not written again

    def add(self, counters) -> None:
        self.nodes_created += counters.nodes_created
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_created += counters.relationships_created
        self.relationships_deleted += counters.relationships_deleted
        self.properties_set += counters.properties_set


def translate_error(exc: Exception, settings: Neo4jSettings) -> Neo4jError:
    """Turn a driver exception into one line a user can act on (no password, no traceback)."""
    if isinstance(exc, Neo4jError):
        return exc
    try:
        from neo4j import exceptions as _exc
    except ModuleNotFoundError:  # pragma: no cover - no driver, so the error is not the driver's
        _exc = None
    if _exc is not None:
        if isinstance(exc, _exc.AuthError):
            return Neo4jError(f"Neo4j 拒绝登录：用户名或密码错误（用户 {settings.user}，{settings.uri}）")
        if isinstance(exc, (_exc.ServiceUnavailable, _exc.SessionExpired)) or isinstance(exc, OSError):
            return Neo4jError(f"无法连接 Neo4j：{settings.uri}（服务器没有运行，或地址、端口不对）")
        if isinstance(exc, _exc.ConfigurationError) or isinstance(exc, ValueError):
            return Neo4jError(f"Neo4j 连接设置有误：{settings.uri}：{_first_line(exc)}")
        if isinstance(exc, _exc.Neo4jError):
            code = exc.code or ""
            if "DatabaseNotFound" in code:
                return Neo4jError(f"Neo4j 中没有数据库“{settings.database}”")
            if "Statement.SyntaxError" in code:
                return Neo4jError(f"Cypher 语法错误：{_first_line(exc.message)}")
            if "AccessMode" in code or "WriteOnReadOnlyAccessDbException" in code or "Forbidden" in code:
                return Neo4jError("只读会话不允许写入；要修改数据请加 --write")
            if "ParameterMissing" in code:
                return Neo4jError(f"查询缺少参数：{_first_line(exc.message)}（用 --param 名称=值 给出）")
            return Neo4jError(f"Neo4j 报错 {code}：{_first_line(exc.message)}")
        if isinstance(exc, _exc.DriverError):
            return Neo4jError(f"Neo4j 驱动出错：{_first_line(exc)}")
    return Neo4jError(f"Neo4j 出错：{_first_line(exc)}")


def _first_line(value: Any) -> str:
    return str(value or "").strip().split("\n")[0][:300]


def connect(settings: Neo4jSettings, *, attempts: int = 3, wait: float = 1.0):
    """Open a driver and check the server answers, retrying a few times if it is unreachable.

    Raises
    ------
    Neo4jError
        Unreachable after ``attempts`` tries, wrong password, unknown database, no driver installed.
    """
    neo4j = _driver_module()
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri, auth=(settings.user, settings.password), connection_timeout=5,
            max_transaction_retry_time=5, notifications_min_severity="OFF",
        )
    except Exception as exc:  # bad URI scheme and the like
        raise translate_error(exc, settings) from None
    for attempt in range(attempts):
        try:
            driver.verify_connectivity()
            driver.execute_query(cypher.PING, database_=settings.database)
            return driver
        except Exception as exc:
            retry = isinstance(exc, (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired))
            if not retry or attempt == attempts - 1:
                driver.close()
                raise translate_error(exc, settings) from None
            time.sleep(wait * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


def ensure_schema(driver, database: str) -> None:
    """Create a uniqueness constraint on ``id`` and an index on ``subdistrict`` for every label."""
    for label in sorted(LABELS):
        driver.execute_query(cypher.ID_CONSTRAINT[label], database_=database)
        driver.execute_query(cypher.SUBDISTRICT_INDEX[label], database_=database)


def _props(attrs: dict[str, Any], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Node or edge attributes as Neo4j properties: scalars and lists of scalars only."""
    return flat_properties(attrs, skip=skip)


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _checked(name: str, allowed: frozenset[str]) -> str:
    if name not in allowed:
        raise cypher.not_allowed(name)
    return name


def _rows_by_subdistrict(graph: nx.MultiDiGraph) -> dict[str, dict]:
    """Each 街道's node and relationship rows, and a hash of them that marks this version of its facts."""
    out: dict[str, dict] = defaultdict(lambda: {"nodes": defaultdict(list), "rels": defaultdict(list), "size": 0})
    for n, d in graph.nodes(data=True):
        part = out[d.get("subdistrict")]
        part["nodes"][_checked(d["label"], LABELS)].append({"id": n, "props": {"id": n, **_props(d, ("label",))}})
        part["size"] += 1
    for u, v, k, d in graph.edges(keys=True, data=True):
        part = out[graph.nodes[u].get("subdistrict")]
        key = (_checked(k, RELS), graph.nodes[u]["label"], graph.nodes[v]["label"])
        part["rels"][key].append({"source": u, "target": v, "props": _props(d, ("type",))})
        part["size"] += 1
    for part in out.values():
        digest = hashlib.sha1()
        for label in sorted(part["nodes"]):
            digest.update(json.dumps(part["nodes"][label], sort_keys=True, ensure_ascii=False).encode())
        for key in sorted(part["rels"]):
            digest.update(json.dumps([key, part["rels"][key]], sort_keys=True, ensure_ascii=False).encode())
        part["token"] = digest.hexdigest()[:16]
        for rows in [*part["nodes"].values(), *part["rels"].values()]:
            for row in rows:
                row["props"]["load_hash"] = part["token"]
    return dict(out)


def _write_chunk(tx, parts: dict[str, dict], sds: list[str], batch_size: int, force: bool = False) -> LoadResult:
    """Replace the given 街道 in one transaction; return what it changed (counted afresh on a retry).

    A 街道 loaded for the first time (no Issuer node of that name) is written with
    CREATE. Otherwise every node and relationship is MERGEd and carries its 街道's
    ``load_hash``; what of these 街道 still carries another hash afterwards was not written
    by this load, and is deleted. (A 街道 whose Issuer node was deleted by hand while
    its other nodes stayed fails on the id constraint, one line, rather than duplicating.)
    """
    result = LoadResult()
    # 街道 never loaded (no Issuer node; loads are atomic per 街道, so none of their facts exist)
    # are written with CREATE; those whose stored load_hash is this load's are already exactly this
    # (unless `force`); the others are MERGEd, then swept.
    stored = {r["sd"]: r["hash"] for r in tx.run(cypher.STORED_HASHES, sds=sds)}
    if not force:
        result.unchanged = [sd for sd in sds if stored.get(sd) == parts[sd]["token"]]
        sds = [sd for sd in sds if sd not in result.unchanged]
    loaded = {sd for sd in sds if sd in stored}
    for verb, group in (("CREATE", [sd for sd in sds if sd not in loaded]), ("MERGE", [sd for sd in sds if sd in loaded])):
        by_label: dict[str, list[dict]] = defaultdict(list)
        by_type: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for sd in group:
            for label, rows in parts[sd]["nodes"].items():
                by_label[label].extend(rows)
            for key, rows in parts[sd]["rels"].items():
                by_type[key].extend(rows)
        node_statements = cypher.CREATE_NODES if verb == "CREATE" else cypher.MERGE_NODES
        rel_statements = cypher.CREATE_RELATIONSHIPS if verb == "CREATE" else cypher.MERGE_RELATIONSHIPS
        for label, rows in by_label.items():
            for batch in _chunks(rows, batch_size):
                summary = tx.run(cypher.statement(node_statements, label), rows=batch).consume()
                result.add(summary.counters)
                result.nodes_written += len(batch)
        for key, rows in by_type.items():
            for batch in _chunks(rows, batch_size):
                summary = tx.run(cypher.statement(rel_statements, key), rows=batch).consume()
                result.add(summary.counters)
                result.relationships_written += len(batch)
    if not loaded:
        return result
    sds = sorted(loaded)
    marks = [{"sd": sd, "token": parts[sd]["token"]} for sd in sds]
    for label in sorted(LABELS):  # sweep what this load did not write: relationships, then nodes
        summary = tx.run(cypher.SWEEP_RELATIONSHIPS[label], marks=marks).consume()
        result.add(summary.counters)
        summary = tx.run(cypher.SWEEP_NODES[label], marks=marks).consume()
        result.add(summary.counters)
    return result


def load_graph(
    driver,
    graph: nx.MultiDiGraph,
    *,
    database: str = "neo4j",
    batch_size: int = 1000,
    progress: Callable[[int, int], None] | None = None,
    force: bool = False,
) -> LoadResult:
    """Write the graph to Neo4j, replacing each of its 街道 whole.

    A 街道 whose facts are already in the database exactly as in ``graph`` (the stored
    ``load_hash`` is this load's) is left as it is and listed in ``unchanged``, unless ``force``.

    Parameters
    ----------
    driver : neo4j.Driver
        An open driver (see :func:`connect`).
    graph : networkx.MultiDiGraph
        The responsibility graph (``graphmodel.build_graph``).
    database : str
        The Neo4j database.
    batch_size : int
        Rows per ``UNWIND`` query; 街道 are grouped into one transaction up to about this many
        elements, never splitting a 街道 across transactions.
    progress : callable, optional
        Called with ``(elements written, elements in all)`` after each transaction.

    Returns
    -------
    LoadResult
        Counts of what was created, deleted and written.
    """
    if batch_size < 1:
        raise Neo4jError("批大小必须是正整数")
    ensure_schema(driver, database)
    parts = _rows_by_subdistrict(graph)
    result = LoadResult(subdistricts=subdistricts(graph))
    total = sum(p["size"] for p in parts.values())
    groups: list[list[str]] = []
    chunk: list[str] = []
    size = 0
    for sd in result.subdistricts:
        if chunk and size + parts[sd]["size"] > batch_size:
            groups.append(chunk)
            chunk, size = [], 0
        chunk.append(sd)
        size += parts[sd]["size"]
    if chunk:
        groups.append(chunk)
    done = 0
    with driver.session(database=database) as session:
        for group in groups:
            part = session.execute_write(lambda tx, g=group: _write_chunk(tx, parts, g, batch_size, force))
            result.unchanged += part.unchanged
            for name in ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
                         "properties_set", "nodes_written", "relationships_written"):
                setattr(result, name, getattr(result, name) + getattr(part, name))
            done += sum(parts[s]["size"] for s in group)
            if progress:
                progress(done, total)
    return result


def run_query(driver, query: str, parameters: dict[str, Any] | None = None, *, database: str = "neo4j",
              write: bool = False) -> list[dict[str, Any]]:
    """Run one Cypher query and return its records as dicts (nodes and relationships as property maps).

    A read-only session by default: a write is refused by the server unless ``write`` is True.
    """
    neo4j = _driver_module()
    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    with driver.session(database=database, default_access_mode=mode) as session:
        def work(tx):
            return [{k: _plain(v) for k, v in record.items()} for record in tx.run(query, parameters or {})]
        return session.execute_write(work) if write else session.execute_read(work)


def _plain(value: Any) -> Any:
    from neo4j.graph import Node, Path, Relationship  # only called on values the driver returned

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"type": value.type, **dict(value)}
    if isinstance(value, Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
