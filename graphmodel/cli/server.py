"""``graphmodel neo4j start | stop | status``: a local Neo4j with Browser, without Docker (graphmodel.neo4j.server)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._common import FormatOpt, LangOpt, guarded, make_app
from .output import Column, render

__all__ = ["app", "saved_settings"]

app = make_app(
    "本机 Neo4j（无需 Docker，需要 Java 17+ 和 Maven）：start 启动（含 Neo4j Browser），stop 停止，status 查看状态。"
)

Data = Annotated[
    Optional[Path],
    typer.Option("--data", help="数据目录（重启后数据仍在）；默认 $XDG_DATA_HOME/graphmodel/neo4j，"
                                "stop/status 默认找最近一次 start 的目录。", show_default=False),
]


@app.callback()
def _group() -> None:
    """本机 Neo4j（无需 Docker，需要 Java 17+ 和 Maven）：start 启动（含 Neo4j Browser），stop 停止，status 查看状态。"""


@app.command("start")
@guarded
def start(
    data: Data = None,
    bolt_port: Annotated[int, typer.Option("--bolt-port", min=1, max=65535, help="Bolt 端口。")] = 7687,
    http_port: Annotated[int, typer.Option("--http-port", min=1, max=65535, help="HTTP 端口（Browser 在 /browser/）。")] = 7474,
    password: Annotated[Optional[str], typer.Option(
        "--password", envvar="NEO4J_PASSWORD", show_default=False,
        help="用户 neo4j 的密码（至少 8 个字符；NEO4J_PASSWORD）；不给则沿用这个数据目录上次的密码，第一次则随机生成。")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="最多等待多少秒。")] = 300,
) -> None:
    """在后台启动本机 Neo4j 5.26（Bolt + Neo4j Browser），等到能连接后在标准输出打印 export 行，并写入设置文件，之后 load/query/cypher 无需再设置。"""
    from ..neo4j.server import start as start_server

    result = start_server(data, bolt_port=bolt_port, http_port=http_port, password=password or None,
                          timeout=timeout, notify=lambda line: typer.echo(line, err=True))
    server = result.server
    if result.already_running:
        typer.echo(f"Neo4j 已在运行（PID {server.pid}，数据 {server.data_dir}）。", err=True)
    else:
        typer.echo(f"Neo4j 已启动（PID {server.pid}）。", err=True)
    typer.echo(f"Browser：{server.browser_url}  用户 {result.connection.user}，连接 {server.uri}", err=True)
    if result.generated_password:
        typer.echo(f"已生成密码：{result.connection.password}（已存入 {result.env_file}，仅本人可读）", err=True)
    typer.echo(f"设置已写入 {result.env_file}：graphmodel load / query / cypher 会自动使用；其他程序可用下面几行：", err=True)
    typer.echo(result.connection.export_lines())


@app.command("stop")
@guarded
def stop(data: Data = None) -> None:
    """停止本机 Neo4j（先请求正常关闭，超时再强制结束），删除 PID 文件。"""
    from ..neo4j.server import stop as stop_server

    server = stop_server(data)
    if server is None:
        typer.echo("本机 Neo4j 没有在运行。", err=True)
    else:
        typer.echo(f"Neo4j 已停止（PID {server.pid}，数据仍在 {server.data_dir}）。", err=True)


@app.command("status")
@guarded
def status(data: Data = None, fmt: FormatOpt = "table", lang: LangOpt = "zh") -> None:
    """本机 Neo4j 是否在运行：连接地址、Browser 网址、数据目录、PID、日志；没有运行时退出码为 1。"""
    from ..neo4j.server import data_dir_in_use
    from ..neo4j.server import status as server_status

    lang = getattr(lang, "value", lang)
    server = server_status(data)
    if server is None:
        where = data_dir_in_use(data)
        message = (f"本机 Neo4j 没有运行（数据目录 {where}）" if lang == "zh"
                   else f"the local Neo4j is not running (data directory {where})")
        typer.echo(message, err=True)
        raise typer.Exit(1)
    rows = [
        {"what": "uri", "zh": "连接地址", "en": "URI", "value": server.uri},
        {"what": "browser_url", "zh": "Browser", "en": "Browser", "value": server.browser_url},
        {"what": "data_dir", "zh": "数据目录", "en": "Data directory", "value": str(server.data_dir)},
        {"what": "pid", "zh": "PID", "en": "PID", "value": server.pid},
        {"what": "log_file", "zh": "日志", "en": "Log", "value": str(server.log_file)},
        {"what": "started_at", "zh": "启动时间", "en": "Started", "value": server.started_at},
    ]
    render(rows, fmt, lang=lang, columns=[Column(lang, "项目", "What"), Column("value", "值", "Value")],
           title="本机 Neo4j 正在运行" if lang == "zh" else "The local Neo4j is running",
           json_data={"running": True, **server.as_dict()})


def saved_settings(uri: str, user: str, password: str) -> tuple[str, str, str]:
    """``uri, user, password`` as given; where no option and no ``NEO4J_*`` variable set the URI, those saved by ``start``."""
    from ..neo4j.server import saved_connection

    ctx = _current_context()
    if ctx is None or not _from_default(ctx, "uri"):
        return uri, user, password
    saved = saved_connection()
    if saved is None:
        return uri, user, password
    return (saved.uri, saved.user if _from_default(ctx, "user") else user,
            saved.password if _from_default(ctx, "password") else password)


def _current_context():
    try:  # Typer carries its own click since 0.2x
        from typer.main import get_current_context
    except ImportError:  # pragma: no cover - older Typer on click
        from click import get_current_context
    return get_current_context(silent=True)


def _from_default(ctx, name: str) -> bool:
    """Whether parameter ``name`` got its value from the default (neither the command line nor its variable)."""
    source = ctx.get_parameter_source(name)
    return source is None or source.name == "DEFAULT"
