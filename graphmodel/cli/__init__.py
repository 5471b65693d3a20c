"""The ``graphmodel`` command: sub-apps joined into one Typer app."""

from __future__ import annotations

from ._common import make_app
from .plans import app as plans_app

__all__ = ["app", "main"]

app = make_app(
    "graphmodel：把街道行动方案变成责任图谱（领导、单位、任务、目标、道路，牵头/责任/配合关系），"
    "并分析、导出、载入 Neo4j。不写文件路径时读取自带的两个方案。"
)
app.add_typer(plans_app, name=None)


def main() -> None:
    """Entry point of the ``graphmodel`` script."""
    app(prog_name="graphmodel")
