"""Neo4j commands: ``load``, ``query list|run`` and ``cypher``. The driver is imported only here, inside commands."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from ._common import (ClusterOpt, CorrectionsOpt, FormatOpt, IssuerOpt, LangOpt, MaxBytesOpt, Paths, SkipOpt, fail,
                      guarded, lang_of, make_app)
from .output import Column, render

__all__ = ["app", "query_app"]

app = make_app("Neo4j：载入图谱、运行查询。")
query_app = make_app("命名查询：list 列出，run 运行。\n\n查询是 queries/ 中的 .cypher 文件，每个开头有注释说明名称、用途和参数。")

Uri = Annotated[str, typer.Option("--uri", envvar="NEO4J_URI", help="Neo4j 地址（环境变量 NEO4J_URI）。")]
User = Annotated[str, typer.Option("--user", envvar="NEO4J_USERNAME", help="用户名（NEO4J_USERNAME）。")]
Password = Annotated[
    str, typer.Option("--password", envvar="NEO4J_PASSWORD", help="密码（NEO4J_PASSWORD；建议用环境变量）。", show_default=False)
]
Database = Annotated[str, typer.Option("--database", envvar="NEO4J_DATABASE", help="数据库（NEO4J_DATABASE）。")]
Verbose = Annotated[bool, typer.Option(
    "--verbose", "-v", help="在标准错误输出 Neo4j 驱动自己的日志（重试、断开的连接等）；默认只给一行结论。")]
Params = Annotated[Optional[list[str]], typer.Option("--param", "-p", help="查询参数 名称=值，可重复；值按 JSON 解析，否则当作文本。")]


#: How many 街道 the success line of ``load`` names; past them it counts them.
_NAMED_SUBDISTRICTS = 5
_driver_log_handler = None


def _driver_log(verbose: bool) -> None:
    """The driver's own log (it retries, it finds a connection defunct) on stderr only with ``--verbose``: without
    it, what went wrong is our one line. (Unconfigured, Python prints the driver's warnings to stderr.)"""
    import logging

    global _driver_log_handler
    log = logging.getLogger("neo4j")
    if _driver_log_handler is None:
        _driver_log_handler = logging.StreamHandler()
        _driver_log_handler.setFormatter(logging.Formatter("neo4j: %(levelname)s %(message)s"))
    log.removeHandler(_driver_log_handler)
    log.propagate = False  # never the root logger's (or Python's last-resort) handler
    if verbose:
        _driver_log_handler.setStream(sys.stderr)  # the stderr of this command (a test runner swaps it)
        log.addHandler(_driver_log_handler)
        log.setLevel(logging.INFO)
    else:
        log.setLevel(logging.CRITICAL + 1)


def _connect(uri: str, user: str, password: str, database: str, verbose: bool = False):
    from ..neo4j.writer import Neo4jSettings, connect

    _driver_log(verbose)

    from .server import saved_settings

    uri, user, password = saved_settings(uri, user, password)  # what `graphmodel neo4j start` saved, if nothing is set
    settings = Neo4jSettings(uri=uri, user=user, password=password, database=database)
    return settings, connect(settings)


def _parse_params(params: list[str] | None) -> dict:
    import json

    out = {}
    for item in params or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            fail(f"参数应写成 名称=值：{item!r}")
        try:
            out[key.strip()] = json.loads(value)
        except ValueError:
            out[key.strip()] = value
    return out


def _run(settings, driver, cypher: str, params: dict, write: bool) -> list[dict]:
    from ..neo4j.writer import run_query, translate_error

    try:
        return run_query(driver, cypher, params, database=settings.database, write=write)
    except Exception as exc:
        raise translate_error(exc, settings) from None
    finally:
        driver.close()


def _render_records(records: list[dict], fmt, lang) -> None:
    columns = [Column(k, k, k) for k in (records[0].keys() if records else [])]
    render(records, fmt, columns=columns, lang=lang)
    if not records:
        typer.echo("（没有结果）", err=True)


@app.command("load")
@guarded
def load(
    paths: Paths = None,
    max_bytes: MaxBytesOpt = None,
    uri: Uri = "bolt://localhost:7687",
    user: User = "neo4j",
    password: Password = "",
    database: Database = "neo4j",
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="每个事务写入的元素数（节点与关系，约数；一个街道不拆分）。")] = 10_000,
    workers: Annotated[int, typer.Option("--workers", min=1, help="同时进行的写入事务数。")] = 2,
    force: Annotated[bool, typer.Option("--force", help="即使某街道的数据与库中完全相同，也重新写入。")] = False,
    verbose: Verbose = False,
    fmt: FormatOpt = "table",
    lang: LangOpt = "zh",
    skip_unreadable: SkipOpt = False,
    issuer: IssuerOpt = None,
    corrections: CorrectionsOpt = None,
    cluster: ClusterOpt = None,
) -> None:
    """把方案的图谱载入 Neo4j：可重复运行；后来的版本结束（不删除）它所取代的事实，同一版本修订后整体替换，不动其他街道。

    各版本的事实带 valid_from、valid_to（文件的日期），现行的 valid_to 为空：后来的版本结束（而不删除）它所取代的事实。
    """
    from ..neo4j.writer import load_graph as write_graph
    from ..neo4j.writer import translate_error

    from .plans import load_history

    graph = load_history(paths)
    settings, driver = _connect(uri, user, password, database, verbose)
    try:
        with _progress() as advance:
            result = write_graph(driver, graph, database=database, batch_size=batch_size, progress=advance, force=force,
                                 workers=workers)
    except Exception as exc:
        raise _lost_mid_load(exc, settings) or translate_error(exc, settings) from None
    finally:
        driver.close()
    rows = [
        {"what": "nodes_created", "zh": "新建节点", "count": result.nodes_created},
        {"what": "relationships_created", "zh": "新建关系", "count": result.relationships_created},
        {"what": "nodes_deleted", "zh": "删除的旧节点", "count": result.nodes_deleted},
        {"what": "relationships_deleted", "zh": "删除的旧关系", "count": result.relationships_deleted},
        {"what": "nodes_closed", "zh": "结束（保留为历史）的节点", "count": result.nodes_closed},
        {"what": "relationships_closed", "zh": "结束（保留为历史）的关系", "count": result.relationships_closed},
        {"what": "nodes_written", "zh": "写入节点", "count": result.nodes_written},
        {"what": "relationships_written", "zh": "写入关系", "count": result.relationships_written},
        {"what": "subdistricts_unchanged", "zh": "未变而跳过的街道", "count": len(result.unchanged)},
    ]
    columns = [Column("zh" if lang == "zh" else "what", "项目", "What"), Column("count", "数量", "Count")]
    render(rows, fmt, columns=columns, lang=lang, title=_loaded_title(result.subdistricts, lang),
           json_data={"subdistricts": result.subdistricts, **{r["what"]: r["count"] for r in rows}})


def _loaded_title(subdistricts: list[str], lang) -> str:
    """已载入：甲街道、乙街道 — or, past a few 街道, how many (2,000 names are no title)."""
    from ..labels import WORDS

    if len(subdistricts) > _NAMED_SUBDISTRICTS:
        return WORDS["loaded_many"](lang_of(lang), n=len(subdistricts))
    return WORDS["loaded"](lang_of(lang), names="、".join(subdistricts))


def _lost_mid_load(exc: Exception, settings):
    """The one line for a server that went away after the load began (None for any other error)."""
    from neo4j import exceptions

    from ..errors import Neo4jError

    if not isinstance(exc, (exceptions.ServiceUnavailable, exceptions.SessionExpired, OSError)):
        return None
    return Neo4jError(f"载入途中与 Neo4j 的连接断开（{settings.uri}）：已写入的街道各自完整，其余未改动；"
                      "服务器恢复后再运行 graphmodel load（加 --verbose 显示驱动的日志）",
                      en=f"the connection to Neo4j ({settings.uri}) was lost during the load: each subdistrict written is "
                         "whole, the others are unchanged; run graphmodel load again once the server is back "
                         "(--verbose shows the driver's log)")


class _progress:
    """A rich progress bar on stderr while loading, only when stderr is a terminal."""

    def __enter__(self):
        self._bar = None
        if sys.stderr.isatty():
            from rich.progress import Progress

            self._bar = Progress(transient=True, console=None)
            self._bar.start()
            self._task = self._bar.add_task("载入 Neo4j", total=None)
        return self.advance

    def advance(self, done: int, total: int) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.stop()


@query_app.command("list")
@guarded
def query_list(fmt: FormatOpt = "table", lang: LangOpt = "zh") -> None:
    """列出命名查询：名称、说明、参数。"""
    from ..neo4j.named_queries import list_queries

    rows = [{"name": q.name, "description": q.description, "parameters": [p for p, _ in q.parameters], "file": q.file}
            for q in list_queries()]
    render(rows, fmt, lang=lang, columns=[Column("name", "名称", "Name"), Column("description", "说明", "Description"),
                                          Column("parameters", "参数", "Parameters"), Column("file", "文件", "File")])


@query_app.command("run")
@guarded
def query_run(
    name: Annotated[str, typer.Argument(help="查询名称（见 graphmodel query list）。")],
    param: Params = None,
    show_cypher: Annotated[bool, typer.Option("--show-cypher", help="只打印查询语句，不运行。")] = False,
    uri: Uri = "bolt://localhost:7687",
    user: User = "neo4j",
    password: Password = "",
    database: Database = "neo4j",
    verbose: Verbose = False,
    fmt: FormatOpt = "table",
    lang: LangOpt = "zh",
) -> None:
    """运行一个命名查询（只读）。未给出的参数按 null 处理。"""
    from ..neo4j.cypher import check_read_only
    from ..neo4j.named_queries import get_query

    query = get_query(name)
    if show_cypher:
        typer.echo(query.cypher.rstrip())
        return
    params = {p: None for p, _ in query.parameters}
    given = _parse_params(param)
    unknown = set(given) - set(params)
    if unknown:
        fail(f"查询 {query.name} 没有参数：{'、'.join(sorted(unknown))}（它的参数：{'、'.join(params) or '无'}）")
    params.update(given)
    check_read_only(query.cypher)
    settings, driver = _connect(uri, user, password, database, verbose)
    _render_records(_run(settings, driver, query.cypher, params, write=False), fmt, lang)


@app.command("cypher")
@guarded
def cypher(
    statement: Annotated[str, typer.Argument(help="Cypher 语句，如 \"MATCH (t:Task) RETURN count(t)\"。")],
    param: Params = None,
    write: Annotated[bool, typer.Option("--write", help="允许写入、LOAD CSV 与管理命令（默认只读会话，这些会被拒绝）。")] = False,
    uri: Uri = "bolt://localhost:7687",
    user: User = "neo4j",
    password: Password = "",
    database: Database = "neo4j",
    verbose: Verbose = False,
    fmt: FormatOpt = "table",
    lang: LangOpt = "zh",
) -> None:
    """运行一条临时 Cypher 查询；默认只读（也不允许 LOAD CSV、查看或终止其他会话的事务、管理命令），加 --write 才允许。"""
    from ..neo4j.cypher import check_read_only

    if not write:
        check_read_only(statement)
    settings, driver = _connect(uri, user, password, database, verbose)
    _render_records(_run(settings, driver, statement, _parse_params(param), write=write), fmt, lang)
