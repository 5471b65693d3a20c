"""graphmodel: the responsibility graph of 街道 action plans, built, analysed and exported."""

from __future__ import annotations

from .errors import AmbiguousNameError, GraphModelError, Neo4jError, PlanError, UnknownNameError
from .export import from_dict, to_dict, to_graphml, to_json
from .graph import build_graph, subdistricts, subgraph_of
from .schema import LABELS, RELS, Label, Rel, node_id

__all__ = [
    "build_graph", "subdistricts", "subgraph_of", "to_dict", "to_json", "to_graphml", "from_dict",
    "Label", "Rel", "LABELS", "RELS", "node_id",
    "GraphModelError", "PlanError", "UnknownNameError", "AmbiguousNameError", "Neo4jError",
]
__version__ = "0.1.0"
