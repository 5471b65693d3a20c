"""The ``graphmodel`` command: sub-apps joined into one Typer app."""

from __future__ import annotations

from ._common import make_app
from .analyze import app as analyze_app
from .neo4j import app as neo4j_app
from .neo4j import query_app
from .plans import app as plans_app
from .report import app as report_app

__all__ = ["app", "main"]

app = make_app(
    "graphmodel：把街道行动方案变成责任图谱（领导、单位、任务、目标、道路，牵头/责任/配合关系），"
    "并分析、导出、载入 Neo4j。不写文件路径时读取自带的两个方案。"
)
app.add_typer(plans_app, name=None)
app.add_typer(analyze_app, name=None)
app.add_typer(neo4j_app, name=None)
app.add_typer(report_app, name=None)
app.add_typer(query_app, name="query", help="命名查询：list 列出，run 运行。")


def main() -> None:
    """Entry point of the ``graphmodel`` script."""
    app(prog_name="graphmodel")
