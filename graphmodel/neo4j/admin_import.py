"""The graph → CSV files for ``neo4j-admin database import``, for loads too big for Bolt."""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from ..csv_cells import neutralise
from ..errors import GraphModelError
from ..export import flat_properties
from ..schema import LABELS, RELS
from .cypher import restore_escaped

__all__ = ["write_import_files", "import_command", "ARRAY_DELIMITER", "RESTORE_FILE"]

#: Separates the elements of a list property (aliases, titles) in a CSV cell.
ARRAY_DELIMITER = "|"
#: The Cypher that takes the formula escape off the imported values (written only when a cell was escaped).
RESTORE_FILE = "restore-escaped.cypher"


def _kind(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "long"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "double"
    if present and all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in present):
        return "string[]"
    return "string"


def _cell(value: Any, kind: str) -> Any:
    """A cell; text neutralised (:func:`graphmodel.csv_cells.neutralise`), each element of a list on its own."""
    if value is None:
        return None
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "string[]":
        return ARRAY_DELIMITER.join(neutralise(v.replace(ARRAY_DELIMITER, "｜")) for v in value)
    if kind in ("long", "double"):
        return value
    return neutralise(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


def _escaped(values: list[Any], kind: str) -> bool:
    """Whether a text column holds a cell :func:`_cell` escaped."""
    if kind == "string[]":
        return any(neutralise(v) != v for value in values if value for v in value)
    texts = (v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in values if v is not None)
    return kind == "string" and any(neutralise(text) != text for text in texts)


def _write(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_import_files(graph: nx.MultiDiGraph, outdir: str | os.PathLike) -> dict[str, list[str]]:
    """Write one node file per label and one relationship file per type into ``outdir``.

    Headers follow ``neo4j-admin database import``: ``id:ID`` and ``:LABEL`` for nodes,
    ``:START_ID``, ``:END_ID`` and ``:TYPE`` for relationships, typed properties
    (``evidence_line:long``, ``collective:boolean``, ``aliases:string[]`` with
    :data:`ARRAY_DELIMITER`). A text a spreadsheet would evaluate (``=…``, ``+…``, ``-…``, ``@…``) is written
    with a leading apostrophe; :data:`RESTORE_FILE` then holds the Cypher that takes it off after the import
    (an id so escaped is escaped alike wherever it is referred to). Files are written to a temporary folder that is renamed to
    ``outdir`` at the end, so a failure leaves nothing half-written.

    Returns
    -------
    dict
        ``{"nodes": [(label, file name)…], "relationships": [(type, file name)…], "restore": [statement…]}``

    Raises
    ------
    GraphModelError
        If ``outdir`` exists and is not empty.
    """
    outdir = Path(outdir)
    if outdir.exists() and (not outdir.is_dir() or any(outdir.iterdir())):
        raise GraphModelError(f"{outdir}: 目录已存在且不为空（为避免覆盖，请换一个目录）")
    by_label: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for n, d in graph.nodes(data=True):
        if d.get("label") not in LABELS:
            raise GraphModelError(f"节点 {n} 的标签不在允许列表中：{d.get('label')!r}")
        by_label[d["label"]].append((n, flat_properties(d, skip=("label",), keep_none=True)))
    by_type: dict[str, list[tuple[str, str, dict]]] = defaultdict(list)
    for u, v, k, d in graph.edges(keys=True, data=True):
        if k not in RELS:
            raise GraphModelError(f"关系类型不在允许列表中：{k!r}")
        by_type[k].append((u, v, flat_properties(d, skip=("type",), keep_none=True)))

    parent = outdir.parent if str(outdir.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{outdir.name}."))
    written: dict[str, list] = {"nodes": [], "relationships": [], "restore": []}
    try:
        for label, items in sorted(by_label.items()):
            keys = list(dict.fromkeys(k for _, props in items for k in props))
            kinds = {k: _kind([props.get(k) for _, props in items]) for k in keys}
            header = ["id:ID", ":LABEL"] + [k if kinds[k] == "string" else f"{k}:{kinds[k]}" for k in keys]
            rows = [[neutralise(n), label] + [_cell(props.get(k), kinds[k]) for k in keys] for n, props in items]
            written["restore"] += [restore_escaped("node", label, k, kinds[k]) for k in dict.fromkeys(["id", *keys])
                                   if _escaped([n if k == "id" else props.get(k) for n, props in items],
                                               kinds.get(k, "string"))]
            name = f"nodes_{label}.csv"
            _write(tmp / name, header, rows)
            written["nodes"].append((label, name))
        for type_, items in sorted(by_type.items()):
            keys = list(dict.fromkeys(k for _, _, props in items for k in props))
            kinds = {k: _kind([props.get(k) for _, _, props in items]) for k in keys}
            header = [":START_ID", ":END_ID", ":TYPE"] + [k if kinds[k] == "string" else f"{k}:{kinds[k]}" for k in keys]
            rows = [[neutralise(u), neutralise(v), type_] + [_cell(props.get(k), kinds[k]) for k in keys]
                    for u, v, props in items]
            written["restore"] += [restore_escaped("relationship", type_, k, kinds[k]) for k in keys
                                   if _escaped([props.get(k) for _, _, props in items], kinds[k])]
            name = f"relationships_{type_}.csv"
            _write(tmp / name, header, rows)
            written["relationships"].append((type_, name))
        (tmp / "import-command.txt").write_text(import_command(written) + "\n", encoding="utf-8")
        if written["restore"]:
            (tmp / RESTORE_FILE).write_text("\n".join(written["restore"]) + "\n", encoding="utf-8")
        if outdir.exists():
            outdir.rmdir()
        os.replace(tmp, outdir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return written


def import_command(written: dict[str, list], folder: str = ".", database: str = "neo4j") -> str:
    """The ``neo4j-admin database import full`` command for the files :func:`write_import_files` wrote.

    Examples
    --------
    >>> print(import_command({"nodes": [("Task", "nodes_Task.csv")], "relationships": [("LEADS", "relationships_LEADS.csv")]}))
    neo4j-admin database import full neo4j --array-delimiter='|' --multiline-fields=true --nodes=./nodes_Task.csv --relationships=./relationships_LEADS.csv
    """
    parts = [f"neo4j-admin database import full {database}", f"--array-delimiter='{ARRAY_DELIMITER}'",
             "--multiline-fields=true"]
    parts += [f"--nodes={folder}/{name}" for _, name in written["nodes"]]
    parts += [f"--relationships={folder}/{name}" for _, name in written["relationships"]]
    return " ".join(parts)
