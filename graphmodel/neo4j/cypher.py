"""Every Cypher statement the writer sends, as named constants (labels and types only from the schema's allow-list).

A label or relationship type cannot be a Cypher parameter, so each statement that names one is a
table with one entry per allow-listed label or type (``CREATE_NODES["Task"]``), built here once;
:func:`statement` picks the entry and refuses a name that is not in the allow-list. Every value
is a parameter (``$rows``, ``$sds``, ``$marks``).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import product
from types import MappingProxyType

from ..errors import Neo4jError
from ..schema import LABELS, RELS

__all__ = [
    "PING", "ID_CONSTRAINT", "SUBDISTRICT_INDEX", "STORED_HASHES", "CREATE_NODES", "MERGE_NODES",
    "CREATE_RELATIONSHIPS", "MERGE_RELATIONSHIPS", "SWEEP_RELATIONSHIPS", "SWEEP_NODES", "statement", "not_allowed",
]


def _per_label(template: str) -> Mapping[str, str]:
    return MappingProxyType({label: template.format(label=label, lower=label.lower()) for label in sorted(LABELS)})


def _per_type_and_ends(template: str) -> Mapping[tuple[str, str, str], str]:
    return MappingProxyType({
        (type_, source, target): template.format(type=type_, source=source, target=target)
        for type_, source, target in product(sorted(RELS), sorted(LABELS), sorted(LABELS))
    })


#: Checks that the server answers and the database exists.
PING = "RETURN 1"

#: One uniqueness constraint on ``id`` per label (the loads' look-ups and the guard against duplicates).
ID_CONSTRAINT = _per_label("CREATE CONSTRAINT graphmodel_{lower}_id IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.id IS UNIQUE")

#: One index on ``subdistrict`` per label (the sweep finds a 街道's elements by it).
SUBDISTRICT_INDEX = _per_label(
    "CREATE INDEX graphmodel_{lower}_subdistrict IF NOT EXISTS FOR (n:`{label}`) ON (n.subdistrict)")

#: The ``load_hash`` stored on each of ``$sds``' Issuer node (none: never loaded).
STORED_HASHES = "UNWIND $sds AS sd MATCH (s:Issuer {subdistrict: sd}) RETURN sd, s.load_hash AS hash"

#: Nodes of a 街道 loaded for the first time: no look-up at all.
CREATE_NODES = _per_label("UNWIND $rows AS row CREATE (n:`{label}`) SET n = row.props")

#: Nodes of a 街道 loaded before: found by ``id`` (the constraint's index), properties replaced.
MERGE_NODES = _per_label("UNWIND $rows AS row MERGE (n:`{label}` {{id: row.id}}) SET n = row.props")

#: Relationships of a 街道 loaded for the first time, keyed by (type, start label, end label).
CREATE_RELATIONSHIPS = _per_type_and_ends(
    "UNWIND $rows AS row MATCH (a:`{source}` {{id: row.source}}) MATCH (b:`{target}` {{id: row.target}}) "
    "CREATE (a)-[r:`{type}`]->(b) SET r = row.props")

#: Relationships of a 街道 loaded before, keyed by (type, start label, end label).
MERGE_RELATIONSHIPS = _per_type_and_ends(
    "UNWIND $rows AS row MATCH (a:`{source}` {{id: row.source}}) MATCH (b:`{target}` {{id: row.target}}) "
    "MERGE (a)-[r:`{type}`]->(b) SET r = row.props")

#: Relationships from a label's nodes of the 街道 in ``$marks`` that this load did not write.
SWEEP_RELATIONSHIPS = _per_label(
    "UNWIND $marks AS m MATCH (a:`{label}` {{subdistrict: m.sd}})-[r]->() "
    "WHERE r.load_hash IS NULL OR r.load_hash <> m.token DELETE r")

#: A label's nodes of the 街道 in ``$marks`` that this load did not write.
SWEEP_NODES = _per_label(
    "UNWIND $marks AS m MATCH (n:`{label}` {{subdistrict: m.sd}}) "
    "WHERE n.load_hash IS NULL OR n.load_hash <> m.token DETACH DELETE n")


def statement(table: Mapping, key) -> str:
    """The statement of ``table`` for an allow-listed label, type or (type, start, end) key.

    Raises
    ------
    Neo4jError
        ``key`` names a label or type outside the schema's allow-list.

    Examples
    --------
    >>> statement(CREATE_NODES, "Task")
    'UNWIND $rows AS row CREATE (n:`Task`) SET n = row.props'
    >>> statement(CREATE_NODES, "Task`) DETACH DELETE (n")
    Traceback (most recent call last):
    graphmodel.errors.Neo4jError: 不在允许列表中的标签或关系类型：'Task`) DETACH DELETE (n'
    """
    try:
        return table[key]
    except KeyError:
        raise not_allowed(key) from None


def not_allowed(name) -> Neo4jError:
    """The error for a label or relationship type outside the allow-list."""
    return Neo4jError(f"不在允许列表中的标签或关系类型：{name!r}")
