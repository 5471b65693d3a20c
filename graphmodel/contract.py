"""The export contract as pydantic v2 models: the JSON Schema of ``export --format json``, and exports read back.

Declared once here; imported only by the commands that need it (``export --format json-schema``, reading a
``.json`` export), never on the common path: building these classes costs tens of milliseconds of start-up
(``tests/test_startup.py``). A node is closed (an unknown property is an error: a typo in a program that
edits an export is caught); an edge and an evidence may carry more than is declared here, as the contract
says they may (``as_written``, ``inherited`` …).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ExportFileError
from .export import CONTRACT_VERSION, from_dict
from .schema import Rel

__all__ = ["EvidenceModel", "AttachmentModel", "NODE_MODELS", "EdgeModel", "GraphExport", "json_schema",
           "validate_export", "read_graph_json"]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvidenceModel(_Open):
    """Where a fact was read: ``file`` and 1-based ``line``; ``page``, ``table``, ``row``, ``cell`` where known;
    ``box`` (pixels on the page's picture) and ``confidence`` for a fact read by OCR;
    ``also``: the same fact in other documents; ``corrected``: the review row that changed it (``review.xlsx:17``)."""

    file: str
    line: int = Field(ge=0)
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    box: list[int] | None = Field(None, min_length=4, max_length=4)  # read by OCR: x0, top, x1, bottom (pixels)
    confidence: float | None = Field(None, ge=0, le=1)  # read by OCR: the recogniser's lowest in the line
    also: list["EvidenceModel"] = []
    corrected: str | None = None


class AttachmentModel(_Closed):
    """An attachment (附件) the text lists, and whether the file holds it."""

    number: int
    title: str
    line: int
    present: bool


class HolderModel(_Closed):
    """Who heads an office (主任, 副主任: ``post``) without being a member of its group, with the line."""

    name: str
    post: str
    titles: list[str] = []
    line: int


class _Node(_Closed):
    id: str = Field(min_length=1)
    name: str
    subdistrict: str
    evidence: EvidenceModel
    valid_from: str | None = None  # contract 3, ``export --history``: the date of the first version holding it
    valid_to: str | None = None  # the date of the version that left it out; null while it holds


class IssuerNode(_Node):
    label: Literal["Issuer"]
    level: str | None = None


class PlanNode(_Node):
    label: Literal["Plan"]
    title: str
    number: str | None = None
    date: str | None = None
    printed: str | None = None
    issuers: list[str] = []
    attachments: list[AttachmentModel] = []
    layout: str = "action-plan"
    group: str | None = None


class OfficialNode(_Node):
    label: Literal["Official"]
    role: str | None = None
    titles: list[str] = []


class UnitNode(_Node):
    label: Literal["Unit"]
    aliases: list[str] = []
    collective: bool = False
    kind: Literal["unit", "team", "office"] = "unit"
    seat: str | None = None
    holders: list[HolderModel] = []


class TaskNode(_Node):
    label: Literal["Task"]
    number: int | None = None
    text: str
    lead_posts: list[str] = []


class GoalNode(_Node):
    label: Literal["Goal"]
    level: Literal["main", "part", "action", "project"]
    description: str = ""


class StreetNode(_Node):
    label: Literal["Street"]


#: label → the model of a node of that label.
NODE_MODELS: dict[str, type[_Node]] = {
    "Issuer": IssuerNode, "Plan": PlanNode, "Official": OfficialNode, "Unit": UnitNode,
    "Task": TaskNode, "Goal": GoalNode, "Street": StreetNode,
}

Node = Annotated[Union[IssuerNode, PlanNode, OfficialNode, UnitNode, TaskNode, GoalNode, StreetNode],
                 Field(discriminator="label")]

RelType = Literal[tuple(rel.value for rel in Rel)]  # type: ignore[valid-type]


class EdgeModel(_Open):
    """``source -[type]-> target`` with its evidence; the properties the contract names, and any other."""

    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    type: RelType
    evidence: EvidenceModel
    role: str | None = None
    position: str | None = None
    deputy: bool | None = None
    via: str | None = None
    inherited: bool | None = None
    as_written: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None


class GraphExport(_Closed):
    """A whole export: ``{"version", "nodes", "edges"}``."""

    model_config = ConfigDict(extra="forbid", title="graphmodel export")

    version: int = Field(default=1, ge=1, le=CONTRACT_VERSION)
    nodes: list[Node]
    edges: list[EdgeModel]


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the export contract (draft 2020-12), as ``export --format json-schema`` prints it.

    Examples
    --------
    >>> sorted(json_schema()["properties"])
    ['edges', 'nodes', 'version']
    """
    schema = GraphExport.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$comment": f"graphmodel export contract, version {CONTRACT_VERSION}", **schema}


def _path(loc: tuple) -> str:
    """A pydantic error location as a JSON path: ``nodes[3].role`` (the union's tag left out)."""
    out = ""
    for i, part in enumerate(loc):
        if isinstance(part, int):
            out += f"[{part}]"
        elif i >= 2 and loc[0] == "nodes" and isinstance(loc[1], int) and i == 2 and part in NODE_MODELS:
            continue  # the discriminator's branch
        else:
            out += f".{part}" if out else str(part)
    return out or "$"


def validate_export(data: Any) -> list[str]:
    """Return the problems of an export, one line each (``nodes[3].number: …``); empty when it is valid.

    Beyond the models: node ids are unique, and every edge's ``source`` and ``target`` is a node.

    Examples
    --------
    >>> ev = {"file": "a.txt", "line": 3}
    >>> good = {"version": 2, "nodes": [{"id": "甲/Task/1", "label": "Task", "name": "修路", "subdistrict": "甲",
    ...         "evidence": ev, "number": 1, "text": "修路。"}], "edges": []}
    >>> validate_export(good)
    []
    >>> bad = {**good, "edges": [{"source": "甲/Unit/乙", "target": "甲/Task/1", "type": "LEADS", "evidence": ev}]}
    >>> validate_export(bad)
    ["edges[0].source: no node has the id '甲/Unit/乙'"]
    """
    try:
        GraphExport.model_validate(data)
    except ValidationError as exc:
        return [f"{_path(e['loc'])}{_which(data, e['loc'])}: {e['msg']}" + _got(e) for e in exc.errors(include_url=False)]
    problems, ids = [], set()
    for i, node in enumerate(data["nodes"]):
        if node["id"] in ids:
            problems.append(f"nodes[{i}].id: the id {node['id']!r} is used twice")
        ids.add(node["id"])
    for i, edge in enumerate(data["edges"]):
        problems += [f"edges[{i}].{end}: no node has the id {edge[end]!r}" for end in ("source", "target")
                     if edge[end] not in ids]
    return problems


def _which(data: Any, loc: tuple) -> str:
    """The item an error is in, by its id (a node) or its ends (an edge): `` (id 甲/Task/1)``."""
    if len(loc) < 2 or loc[0] not in ("nodes", "edges") or not isinstance(loc[1], int):
        return ""
    try:
        item = data[loc[0]][loc[1]]
    except (KeyError, IndexError, TypeError):
        return ""
    if not isinstance(item, dict):
        return ""
    if loc[0] == "nodes":
        return f" (id {item['id']})" if isinstance(item.get("id"), str) else ""
    ends = [str(item.get(k)) for k in ("source", "type", "target")]
    return f" ({ends[0]} -{ends[1]}-> {ends[2]})"


def _got(error: dict) -> str:
    if error.get("type") in ("missing", "extra_forbidden") or "input" not in error:
        return ""
    text = json.dumps(error["input"], ensure_ascii=False, default=str)
    return f" (got {text if len(text) <= 60 else text[:59] + '…'})"


def read_graph_json(path: str | Path) -> nx.MultiDiGraph:
    """Read a JSON export back into a graph, after validating it against the contract.

    Parameters
    ----------
    path : path-like
        A file written by ``graphmodel export --format json`` (or by a program that follows the contract).

    Returns
    -------
    networkx.MultiDiGraph
        The graph :func:`graphmodel.export.from_dict` rebuilds.

    Raises
    ------
    ExportFileError
        When the file cannot be read, is not JSON, or breaks the contract: one line per invalid item,
        each naming the item by its JSON path.
    """
    name = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ExportFileError(name, ["文件不存在"], ["no such file"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportFileError(name, [f"无法读取：{exc}"], [f"cannot be read: {exc}"]) from None
    except json.JSONDecodeError as exc:
        raise ExportFileError(name, [f"第 {exc.lineno} 行不是合法的 JSON：{exc.msg}"],
                              [f"line {exc.lineno} is not valid JSON: {exc.msg}"]) from None
    problems = validate_export(data)
    if problems:
        raise ExportFileError(name, problems)
    return from_dict(data)
