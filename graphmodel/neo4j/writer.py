"""The graph → Neo4j: constraints first, then nodes and relationships in batches, per 街道 atomically.

Each 街道 is replaced whole: its nodes and relationships that the new graph no longer
holds are deleted in the same transaction that writes the new ones, so a revised plan
leaves nothing stale, a load that fails half-way leaves every 街道 as it was or fully
new, and 街道 not in the load are not touched. Labels and relationship types come from
the schema's allow-list; every value is a parameter; every statement is a constant of
:mod:`graphmodel.neo4j.cypher`.

A batch of 街道 is one transaction and one statement: nodes in a known order, each
relationship naming its ends by position in it (no index look-up for relationships, one
round trip). A few batches are in flight at once (``workers``). The driver is imported
only when a function needs it.

History (:mod:`graphmodel.history`): nodes and relationships may carry ``valid_from`` and ``valid_to``; every one
carries ``loaded_at`` (when this database first received it) and a relationship its ``fact`` key, so two of one type
may join the same nodes (one ended, one current). A load is the 街道's history from its first date on: what the
database holds from before that date and the load does not hold again is kept, and ended on that date if it was
current; what it holds from that date on is replaced, as a 街道 always was.
"""

from __future__ import annotations

import hashlib
import json
import time
from datetime import datetime, timezone
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..errors import Neo4jError
from ..export import flat_properties
from ..graph import subdistricts
from ..history import fact_key
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
    nodes_closed: int = 0  # held from before the load's first date, not again: ended (valid_to set), not deleted
    relationships_closed: int = 0

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
                return Neo4jError("只读会话不允许写入；要修改数据请加 --write",
                                  en="a read-only session does not allow writes; add --write to change data")
            if "ExternalResourceFailed" in code:
                return Neo4jError(f"LOAD CSV 读不到：{_first_line(exc.message)}（graphmodel neo4j start 运行的 Neo4j "
                                  "只读数据目录下 neo4j/import/ 中的文件，不访问网址）",
                                  en=f"LOAD CSV cannot read: {_first_line(exc.message)} (the Neo4j that graphmodel "
                                     "neo4j start runs reads only the files in neo4j/import/ of its data folder, "
                                     "and no URL)")
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
    """Create a uniqueness constraint on ``id`` and an index on ``subdistrict`` for every label.

    Another load creating the same at the same moment is no error (``IF NOT EXISTS`` does not cover that race:
    the server says the rule exists already)."""
    from neo4j.exceptions import ClientError

    for label in sorted(LABELS):
        for statement in (cypher.ID_CONSTRAINT[label], cypher.SUBDISTRICT_INDEX[label]):
            try:
                driver.execute_query(statement, database_=database)
            except ClientError as exc:
                if not any(word in (exc.code or "") for word in _SCHEMA_EXISTS):
                    raise


#: What the server says when a constraint or index another session just created exists already.
_SCHEMA_EXISTS = ("EquivalentSchemaRuleAlreadyExists", "ConstraintAlreadyExists", "IndexAlreadyExists",
                  "ConstraintWithNameAlreadyExists", "IndexWithNameAlreadyExists")


def _props(attrs: dict[str, Any], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Node or edge attributes as Neo4j properties: scalars and lists of scalars only."""
    return flat_properties(attrs, skip=skip)


def _checked(name: str, allowed: frozenset[str]) -> str:
    if name not in allowed:
        raise cypher.not_allowed(name)
    return name


def _members_by_subdistrict(graph: nx.MultiDiGraph) -> dict[str, tuple[list, list]]:
    """Each 街道's node ids and edges (an edge belongs to its start node's 街道)."""
    out: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    subdistrict_of = {}
    for n, sd in graph.nodes(data="subdistrict"):
        subdistrict_of[n] = sd
        out[sd][0].append(n)
    for edge in graph.edges(keys=True):
        out[subdistrict_of[edge[0]]][1].append(edge)
    return dict(out)


def _rows(graph: nx.MultiDiGraph, nodes: list, edges: list, loaded_at: str | None = None) -> dict:
    """One 街道's node rows (property maps by label), relationship rows (start id, end id, properties
    by type), a hash of them that marks this version of its facts (``load_hash``), and the first date
    of its history (``first``; None when its facts carry no date)."""
    by_label: dict[str, list[dict]] = defaultdict(list)
    for n in nodes:
        d = graph.nodes[n]
        by_label[_checked(d["label"], LABELS)].append({"id": n, **_props(d, ("label",))})
    by_type: dict[str, list[tuple]] = defaultdict(list)
    for u, v, k in edges:
        attrs = graph.edges[u, v, k]
        type_ = _checked(attrs.get("type", k), RELS)
        props = _props(attrs, ("type",))
        props["fact"] = fact_key(u, v, type_, attrs)
        props["history_key"] = f"{props['fact']}@{props.get('valid_from') or ''}"
        by_type[type_].append((u, v, props))
    digest = hashlib.sha1()
    for label in sorted(by_label):
        digest.update(json.dumps([label, by_label[label]], sort_keys=True, ensure_ascii=False).encode())
    for type_ in sorted(by_type):
        digest.update(json.dumps([type_, by_type[type_]], sort_keys=True, ensure_ascii=False).encode())
    token = digest.hexdigest()[:16]
    for rows in by_label.values():
        for row in rows:
            row["load_hash"] = token
            row["loaded_at"] = loaded_at
    for rows in by_type.values():
        for _, _, row in rows:
            row["load_hash"] = token
            row["loaded_at"] = loaded_at
    dates = [row["valid_from"] for rows in by_label.values() for row in rows if row.get("valid_from")]
    return {"nodes": by_label, "rels": by_type, "token": token, "first": min(dates, default=None)}


def _continued(part: dict, nodes_since: dict[str, str], facts_since: dict[str, str]) -> dict:
    """One 街道's rows with the facts the database holds from before the load's first date continued.

    A node held since earlier keeps its earlier ``valid_from``; a relationship current in the database since
    earlier that the load begins on its first date is the same fact going on, and keeps its ``valid_from``
    (and so its ``history_key``).
    """
    first = part["first"]
    nodes = {label: [{**row, "valid_from": nodes_since[row["id"]]} if row["id"] in nodes_since else row
                     for row in rows] for label, rows in part["nodes"].items()}
    rels = {}
    for type_, rows in part["rels"].items():
        rels[type_] = []
        for u, v, row in rows:
            since = facts_since.get(row["fact"])
            if since is not None and row.get("valid_from") == first:
                row = {**row, "valid_from": since, "history_key": f"{row['fact']}@{since}"}
            rels[type_].append((u, v, row))
    return {**part, "nodes": nodes, "rels": rels}


def _stored_since(tx, marks: list[dict]) -> tuple[dict, dict]:
    """What of the 街道 in ``marks`` the database holds from before each one's first date: node id → valid_from,
    and current relationships' fact → valid_from, per 街道."""
    nodes: dict[str, dict[str, str]] = defaultdict(dict)
    facts: dict[str, dict[str, str]] = defaultdict(dict)
    for label in sorted(LABELS):
        for r in tx.run(cypher.STORED_SINCE_NODES[label], marks=marks):
            nodes[r["sd"]][r["id"]] = r["since"]
        for r in tx.run(cypher.STORED_OPEN_RELATIONSHIPS[label], marks=marks):
            facts[r["sd"]][r["fact"]] = r["since"]
    return nodes, facts


def _statement_parameters(parts: dict[str, dict], group: list[str], *, merge: bool) -> dict[str, list | dict]:
    """``$nodes`` and ``$relationships`` of :data:`cypher.WRITE_NEW` (or ``WRITE_MERGE``) for these 街道.

    Nodes are ordered by label as in ``cypher.NODE_ORDER``; each relationship names its ends
    by their position in that order.
    """
    by_label: dict[str, list[dict]] = {label: [] for label in cypher.NODE_ORDER}
    for sd in group:
        for label, rows in parts[sd]["nodes"].items():
            by_label[label].extend(rows)
    position: dict[str, int] = {}
    for label in cypher.NODE_ORDER:
        for row in by_label[label]:
            position[row["id"]] = len(position)
    relationships = [
        # an end in another 街道 (never made by build_graph) would be a KeyError here, not a wrong edge
        [position[u], position[v], type_, props]
        for sd in group for type_, rows in parts[sd]["rels"].items() for u, v, props in rows
    ]
    if merge:
        return {"nodes": by_label, "relationships": relationships}
    return {"nodes": [[label, row] for label in cypher.NODE_ORDER for row in by_label[label]],
            "relationships": relationships}


def _write_chunk(tx, parts: dict[str, dict], sds: list[str], force: bool = False) -> LoadResult:
    """Replace the given 街道 in one transaction; return what it changed (counted afresh on a retry).

    A 街道 loaded for the first time (no Issuer node of that name) is written with
    CREATE. Otherwise every node and relationship is MERGEd and carries its 街道's
    ``load_hash``; what of these 街道 still carries another hash afterwards was not written
    by this load: ended on the load's first date when it holds from before it, else deleted. (A 街道 whose Issuer node was deleted by hand while
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
    loaded = sorted(sd for sd in sds if sd in stored)
    marks = [{"sd": sd, "token": parts[sd]["token"], "first": parts[sd]["first"]} for sd in loaded]
    if any(m["first"] for m in marks):
        nodes_since, facts_since = _stored_since(tx, [m for m in marks if m["first"]])
        parts = {**parts, **{sd: _continued(parts[sd], nodes_since[sd], facts_since[sd]) for sd in loaded
                             if parts[sd]["first"]}}
    for merge, group in ((False, [sd for sd in sds if sd not in stored]), (True, loaded)):
        if not group:
            continue
        statement = cypher.WRITE_MERGE if merge else cypher.WRITE_NEW
        summary = tx.run(statement, _statement_parameters(parts, group, merge=merge)).consume()
        result.add(summary.counters)
        result.nodes_written += sum(len(rows) for sd in group for rows in parts[sd]["nodes"].values())
        result.relationships_written += sum(len(rows) for sd in group for rows in parts[sd]["rels"].values())
    if not loaded:
        return result
    for label in sorted(LABELS):  # what this load did not write: ended if from before its first date, else deleted
        closed = tx.run(cypher.CLOSE_RELATIONSHIPS[label], marks=marks).consume().counters
        result.relationships_closed += closed.properties_set
        result.nodes_closed += tx.run(cypher.CLOSE_NODES[label], marks=marks).consume().counters.properties_set
    for label in sorted(LABELS):  # sweep the rest: relationships, then nodes
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
    batch_size: int = 10_000,
    progress: Callable[[int, int], None] | None = None,
    force: bool = False,
    workers: int = 2,
    loaded_at: str | None = None,
) -> LoadResult:
    """Write the graph to Neo4j, replacing each of its 街道 whole (from the first date of its history on).

    A graph with history (:func:`graphmodel.history.history_graph`) brings every version's facts with their
    ``valid_from`` / ``valid_to``; what the database holds from before a 街道's first date in ``graph`` and
    ``graph`` does not hold again is kept and ended on that date (``nodes_closed``, ``relationships_closed``).

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
        Elements (nodes and relationships) per transaction: 街道 are grouped into one
        transaction, written by one statement, up to about this many elements, never
        splitting a 街道 across transactions.
    progress : callable, optional
        Called with ``(elements written, elements in all)`` after each transaction.
    force : bool
        Rewrite 街道 whose stored facts are already exactly these.
    workers : int
        Transactions in flight at once (each on its own session; 街道 share no node, so
        they do not wait for each other's locks). While the server writes one batch the
        client prepares the next, and a server with several cores writes several.
    loaded_at : str, optional
        The time stamp new nodes and relationships carry as ``loaded_at`` (ISO, UTC; now by default); what
        the database already holds keeps its own.

    Returns
    -------
    LoadResult
        Counts of what was created, deleted and written.

    Raises
    ------
    Neo4jError
        ``batch_size`` or ``workers`` below 1; a label or type outside the allow-list. The
        driver's own exceptions pass through (``translate_error`` makes them one line); the
        batches written before the failure stay written, each 街道 whole.
    """
    if batch_size < 1 or workers < 1:
        raise Neo4jError("批大小和并发事务数必须是正整数")
    ensure_schema(driver, database)
    members = _members_by_subdistrict(graph)
    result = LoadResult(subdistricts=subdistricts(graph))
    sizes = {sd: len(nodes) + len(edges) for sd, (nodes, edges) in members.items()}
    total = sum(sizes.values())
    stamp = loaded_at or datetime.now(timezone.utc).isoformat(timespec="seconds")

    def write(group: list[str]) -> LoadResult:
        parts = {sd: _rows(graph, *members[sd], loaded_at=stamp) for sd in group}
        return _write_retrying(driver, database, lambda tx: _write_chunk(tx, parts, group, force))

    done = 0

    def collect(futures) -> None:
        nonlocal done
        for future in futures:
            part = future.result()  # the first failure is raised here
            result.unchanged += part.unchanged
            for name in ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
                         "properties_set", "nodes_written", "relationships_written", "nodes_closed",
                         "relationships_closed"):
                setattr(result, name, getattr(result, name) + getattr(part, name))
            done += sum(sizes[sd] for sd in futures[future])
            if progress:
                progress(done, total)

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="graphmodel-load") as pool:
        pending: dict = {}
        try:
            for group in _groups(result.subdistricts, sizes, batch_size):
                if len(pending) >= workers:
                    finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                    collect({f: pending.pop(f) for f in finished})
                pending[pool.submit(write, group)] = group
            wait(pending)
            collect(pending)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    order = {sd: i for i, sd in enumerate(result.subdistricts)}
    result.unchanged.sort(key=order.__getitem__)
    return result


#: How often a batch is tried when another load wrote the same 街道 first (the id constraint refused it), and
#: the wait before each retry (seconds, times the attempt).
_CONFLICT_ATTEMPTS = 5
_CONFLICT_WAIT = 0.2


def _write_retrying(driver, database: str, work: Callable) -> LoadResult:
    """Run ``work`` in a write transaction; when another load created the same 街道 at the same time (its nodes
    now exist: the id constraint refuses ours), run it again: it then finds them and merges, or leaves them as
    they are when they are exactly this load's. The driver itself retries what the server calls transient
    (a deadlock between two loads merging the same 街道)."""
    from neo4j.exceptions import ConstraintError

    for attempt in range(1, _CONFLICT_ATTEMPTS + 1):
        try:
            with driver.session(database=database) as session:
                return session.execute_write(work)
        except ConstraintError:
            if attempt == _CONFLICT_ATTEMPTS:
                raise
            time.sleep(_CONFLICT_WAIT * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def _groups(subdistricts_: list[str], sizes: dict[str, int], batch_size: int) -> Iterator[list[str]]:
    """The 街道 in order, grouped up to about ``batch_size`` elements (a larger 街道 is a group alone)."""
    chunk: list[str] = []
    size = 0
    for sd in subdistricts_:
        if chunk and size + sizes[sd] > batch_size:
            yield chunk
            chunk, size = [], 0
        chunk.append(sd)
        size += sizes[sd]
    if chunk:
        yield chunk


def run_query(driver, query: str, parameters: dict[str, Any] | None = None, *, database: str = "neo4j",
              write: bool = False) -> list[dict[str, Any]]:
    """Run one Cypher query and return its records as dicts (nodes and relationships as property maps).

    A read-only session by default: a write is refused by the server unless ``write`` is True, and what a read
    session could do beyond the graph (``LOAD CSV``, other sessions' transactions, administration) is refused
    before it is sent (:func:`graphmodel.neo4j.cypher.check_read_only`). A write holding ``CALL {…} IN
    TRANSACTIONS`` (a large delete, say) runs in an implicit transaction, the only kind that may commit on its way.
    """
    if not write:
        cypher.check_read_only(query)
    neo4j = _driver_module()
    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    with driver.session(database=database, default_access_mode=mode) as session:
        def records(result):
            return [{k: _plain(v) for k, v in record.items()} for record in result]
        if write and cypher.in_transactions(query):
            return records(session.run(query, parameters or {}))
        work = lambda tx: records(tx.run(query, parameters or {}))  # noqa: E731
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
