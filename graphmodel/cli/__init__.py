"""The ``graphmodel`` command: one Typer app whose commands live in sub-app modules, loaded when used.

``graphmodel --help`` lists the commands from the table below without importing their modules,
so start-up costs little more than importing Typer; a command's module is imported only when
that command runs (or its own ``--help`` is asked for). ``tests/test_cli_help.py`` checks that
the table's one-line help is each command's own.
"""

from __future__ import annotations

import importlib

import typer
from typer.core import TyperGroup

from ._common import make_app

__all__ = ["app", "main", "COMMANDS"]

#: command → (module, attribute of its Typer app, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "ingest": (".plans", "app", "读取方案并汇总：每个街道（机关）的领导、单位、任务、目标、道路数，以及没有牵头领导的任务数。"),
    "export": (".plans", "app", "导出整张责任图谱（json、graphml，节点与关系均带出处），或任务 × 单位的责任矩阵（csv、xlsx）。"),
    "audit": (".analyze", "app", "审计方案：无牵头领导或责任部门的任务、只写岗位的牵头领导、无人负责的单位、缺失的附件、无任务的目标、无任务的副组长、负担过重者、单点故障。"),
    "bottlenecks": (".analyze", "app", "瓶颈：每个街道按任务负担排列的领导和单位（牵头、负责、配合的任务数，中介中心度，是否割点），以及方案的卡车因子。"),
    "depends": (".analyze", "app", "依赖：一个单位或领导依赖谁、被谁依赖，每条都列出构成依赖的任务和出处。"),
    "path": (".analyze", "app", "责任链：两个名称之间所有最短的责任链（牵头、负责、配合、担任负责人），每一步带出处。"),
    "show": (".analyze", "app", "详情：一个领导、单位、任务、目标或道路的全部信息和关系，每条都带出处（文件与行号）。"),
    "diff": (".analyze", "app", "变化：两个版本之间新增、删去、改写的任务，任务牵头领导和单位的变化，领导小组成员的加入、离开和职务变化，单位更名；每条都有两边的出处。"),
    "report": (".report", "app", "生成 HTML 报告（中文，或 --lang en 英文；无需联网）：每个街道的汇总数字、可排序筛选的审计发现（附出处）、"
               "领导与单位负担的柱状图、可点击的责任网络（点击节点在右侧显示详情与出处），给出同一事项的几个版本时还有“变化”一节。"),
    "load": (".neo4j", "app", "把方案的图谱载入 Neo4j：可重复运行；后来的版本结束（不删除）它所取代的事实，同一版本修订后整体替换，不动其他街道。"),
    "cypher": (".neo4j", "app", "运行一条临时 Cypher 查询；默认只读（也不允许 LOAD CSV、查看或终止其他会话的事务、管理命令），加 --write 才允许。"),
    "query": (".neo4j", "query_app", "命名查询：list 列出，run 运行。"),
    "neo4j": (".server", "app", "本机 Neo4j（无需 Docker，需要 Java 17+ 和 Maven）：start 启动（含 Neo4j Browser），stop 停止，status 查看状态。"),
}

#: commands that are groups of their own (their sub-app's commands are its subcommands)
_GROUPS = {"query", "neo4j"}


class _LazyGroup(TyperGroup):
    """A group that imports a command's module only when the command is looked up."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, attribute, short = COMMANDS[name]
        sub = getattr(importlib.import_module(module, __name__), attribute)
        command = typer.main.get_command(sub)
        if name in _GROUPS:
            command.name, command.short_help = name, short
            return command
        return command.get_command(ctx, name) if isinstance(command, TyperGroup) else command

    def format_commands(self, ctx, formatter):
        rows = [(name, short) for name, (_m, _a, short) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = make_app(
    "graphmodel：把街道行动方案变成责任图谱（领导、单位、任务、目标、道路，牵头/责任/配合关系），"
    "并分析、导出、载入 Neo4j。不写文件路径时读取自带的两个方案。"
)
app.info.cls = _LazyGroup


@app.callback()
def _root() -> None:
    """graphmodel：把街道行动方案变成责任图谱（领导、单位、任务、目标、道路，牵头/责任/配合关系），并分析、导出、载入 Neo4j。不写文件路径时读取自带的两个方案。"""


def main() -> None:
    """Entry point of the ``graphmodel`` script."""
    app(prog_name="graphmodel")
