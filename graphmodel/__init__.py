"""graphmodel: the responsibility graph of 街道 action plans, built, analysed and exported.

Names are imported lazily, so ``graphmodel --help`` does not pay for networkx or pydantic.
"""

from __future__ import annotations

import importlib

__all__ = [
    "build_graph", "subdistricts", "subgraph_of", "to_dict", "to_json", "to_graphml", "from_dict",
    "Label", "Rel", "LABELS", "RELS", "node_id",
    "GraphModelError", "PlanError", "UnknownNameError", "AmbiguousNameError", "UnknownQueryError", "Neo4jError",
]
__version__ = "0.1.0"

_WHERE = {
    "build_graph": "graph", "subdistricts": "graph", "subgraph_of": "graph",
    "to_dict": "export", "to_json": "export", "to_graphml": "export", "from_dict": "export",
    "Label": "schema", "Rel": "schema", "LABELS": "schema", "RELS": "schema", "node_id": "schema",
    "GraphModelError": "errors", "PlanError": "errors", "UnknownNameError": "errors", "UnknownQueryError": "errors",
    "AmbiguousNameError": "errors", "Neo4jError": "errors",
}


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'graphmodel' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
