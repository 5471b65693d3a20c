"""Every Cypher statement the writer sends, as named constants (labels and types only from the schema's allow-list),
and what a read-only session refuses to send.

A label or relationship type cannot be a Cypher parameter, so each statement that names one is a
table with one entry per allow-listed label or type (``CREATE_NODES["Task"]``), built here once;
:func:`statement` picks the entry and refuses a name that is not in the allow-list. Every value
is a parameter (``$rows``, ``$sds``, ``$marks``).

:func:`check_read_only` is the client's half of a read-only session (the server refuses writes itself): it
refuses what a read session would otherwise be allowed to do that reaches beyond the graph.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from ..errors import Neo4jError
from ..schema import LABELS, RELS

__all__ = [
    "PING", "ID_CONSTRAINT", "SUBDISTRICT_INDEX", "STORED_HASHES", "NODE_ORDER", "WRITE_NEW",
    "WRITE_MERGE", "SWEEP_RELATIONSHIPS", "SWEEP_NODES", "CLOSE_RELATIONSHIPS", "CLOSE_NODES", "STORED_SINCE_NODES",
    "STORED_OPEN_RELATIONSHIPS", "statement", "not_allowed", "check_read_only",
    "read_only_refusal", "in_transactions", "restore_escaped",
]


def _per_label(template: str) -> Mapping[str, str]:
    return MappingProxyType({label: template.format(label=label, lower=label.lower()) for label in sorted(LABELS)})


#: Checks that the server answers and the database exists.
PING = "RETURN 1"

#: One uniqueness constraint on ``id`` per label (the loads' look-ups and the guard against duplicates).
ID_CONSTRAINT = _per_label("CREATE CONSTRAINT graphmodel_{lower}_id IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.id IS UNIQUE")

#: One index on ``subdistrict`` per label (the sweep finds a 街道's elements by it).
SUBDISTRICT_INDEX = _per_label(
    "CREATE INDEX graphmodel_{lower}_subdistrict IF NOT EXISTS FOR (n:`{label}`) ON (n.subdistrict)")

#: The ``load_hash`` stored on each of ``$sds``' Issuer node (none: never loaded).
STORED_HASHES = "UNWIND $sds AS sd MATCH (s:Issuer {subdistrict: sd}) RETURN sd, s.load_hash AS hash"

#: The order in which :data:`WRITE_MERGE` joins the nodes it wrote into one list (and
#: :data:`WRITE_NEW` expects them): a relationship names its ends by their position in it.
NODE_ORDER: tuple[str, ...] = tuple(sorted(LABELS))

#: A batch of 街道 loaded for the first time, in one statement and one round trip, with no look-up:
#: ``$nodes`` is a list of ``[label, properties]``, ``$relationships`` a list of ``[start, end,
#: type, properties]`` whose ends are positions in ``$nodes``. Labels and types are checked
#: against the allow-list by the writer and passed as parameters (``$(…)``, Neo4j 5.26), so the
#: statement is short and planned once (the form with one sub-query per label and type costs
#: about 1.7 s of server CPU to plan, this one 0.2 s), and has no choice that depends on the
#: counts: ``replan=skip`` keeps Neo4j from planning it again while a first load grows the
#: database.
WRITE_NEW = """CYPHER replan=skip
CALL () { UNWIND $nodes AS row CREATE (n:$(row[0])) SET n = row[1] RETURN collect(n) AS nodes }
CALL (nodes) {
  UNWIND $relationships AS row
  WITH nodes[row[0]] AS a, nodes[row[1]] AS b, row[2] AS type, row[3] AS properties
  CREATE (a)-[r:$(type)]->(b) SET r = properties
}
RETURN size(nodes) AS nodes"""


def _merge_statement() -> str:
    """:data:`WRITE_MERGE`: a node is found by its label's id constraint, which a dynamic label cannot use,
    so the nodes are written by one sub-query per label; the relationships between them as in WRITE_NEW."""
    parts = [
        f"CALL () {{ UNWIND $nodes.`{label}` AS row MERGE (n:`{label}` {{id: row.id}}) "
        f"WITH n, row, n.loaded_at AS was SET n = row, n.loaded_at = coalesce(was, row.loaded_at) "
        f"RETURN collect(n) AS n{i} }}"
        for i, label in enumerate(NODE_ORDER)
    ]
    parts.append("WITH " + " + ".join(f"n{i}" for i in range(len(NODE_ORDER))) + " AS nodes")
    parts.append("CALL (nodes) {\n  UNWIND $relationships AS row\n"
                 "  WITH nodes[row[0]] AS a, nodes[row[1]] AS b, row[2] AS type, row[3] AS properties\n"
                 "  MERGE (a)-[r:$(type) {history_key: properties.history_key}]->(b)\n"
                 "  WITH r, properties, r.loaded_at AS was SET r = properties, r.loaded_at = coalesce(was, properties.loaded_at)\n}")
    return "CYPHER replan=skip\n" + "\n".join(parts) + "\nRETURN size(nodes) AS nodes"


#: A batch of 街道 loaded before: ``$nodes`` maps each label to its property maps (joined in
#: :data:`NODE_ORDER`), ``$relationships`` as for :data:`WRITE_NEW`; nodes MERGEd on ``id``,
#: relationships MERGEd between them on their ``history_key`` (the fact and its ``valid_from``: an ended
#: fact and the current one of the same type may join the same nodes); each keeps the ``loaded_at`` it
#: had. What is not written again is ended or swept afterwards.
WRITE_MERGE = _merge_statement()

#: Relationships from a label's nodes of the 街道 in ``$marks`` that this load did not write, unless they hold
#: from before the load's first date (``m.first``; none when the load's facts carry no date).
SWEEP_RELATIONSHIPS = _per_label(
    "UNWIND $marks AS m MATCH (a:`{label}` {{subdistrict: m.sd}})-[r]->() "
    "WHERE (r.load_hash IS NULL OR r.load_hash <> m.token) AND NOT coalesce(r.valid_from < m.first, false) DELETE r")

#: A label's nodes of the 街道 in ``$marks`` that this load did not write, unless they hold from before its first date.
SWEEP_NODES = _per_label(
    "UNWIND $marks AS m MATCH (n:`{label}` {{subdistrict: m.sd}}) "
    "WHERE (n.load_hash IS NULL OR n.load_hash <> m.token) AND NOT coalesce(n.valid_from < m.first, false) "
    "DETACH DELETE n")

#: Relationships this load did not write that were current from before its first date: ended on that date.
CLOSE_RELATIONSHIPS = _per_label(
    "UNWIND $marks AS m MATCH (a:`{label}` {{subdistrict: m.sd}})-[r]->() "
    "WHERE (r.load_hash IS NULL OR r.load_hash <> m.token) AND r.valid_to IS NULL AND r.valid_from < m.first "
    "SET r.valid_to = m.first")

#: Nodes this load did not write that were current from before its first date: ended on that date.
CLOSE_NODES = _per_label(
    "UNWIND $marks AS m MATCH (n:`{label}` {{subdistrict: m.sd}}) "
    "WHERE (n.load_hash IS NULL OR n.load_hash <> m.token) AND n.valid_to IS NULL AND n.valid_from < m.first "
    "SET n.valid_to = m.first")

#: A label's nodes of the 街道 in ``$marks`` held from before the load's first date, with their ``valid_from``.
STORED_SINCE_NODES = _per_label(
    "UNWIND $marks AS m MATCH (n:`{label}` {{subdistrict: m.sd}}) WHERE n.valid_from < m.first "
    "RETURN m.sd AS sd, n.id AS id, n.valid_from AS since")

#: Relationships from a label's nodes of the 街道 in ``$marks`` current since before the load's first date.
STORED_OPEN_RELATIONSHIPS = _per_label(
    "UNWIND $marks AS m MATCH (a:`{label}` {{subdistrict: m.sd}})-[r]->() "
    "WHERE r.valid_to IS NULL AND r.valid_from < m.first AND r.fact IS NOT NULL "
    "RETURN m.sd AS sd, r.fact AS fact, r.valid_from AS since")


#: What a text cell escaped by :func:`graphmodel.csv_cells.neutralise` matches once imported (Java regex).
_ESCAPED = "\"(?s)'+[=+\\\\-@\\t\\r＝＋－＠].*\""
_RESTORE = {
    ("node", "string"): "MATCH (n:`{name}`) WHERE n.`{key}` =~ {escaped} SET n.`{key}` = substring(n.`{key}`, 1);",
    ("node", "string[]"): "MATCH (n:`{name}`) WHERE any(a IN n.`{key}` WHERE a =~ {escaped}) "
                          "SET n.`{key}` = [a IN n.`{key}` | CASE WHEN a =~ {escaped} THEN substring(a, 1) ELSE a END];",
    ("relationship", "string"): "MATCH ()-[n:`{name}`]->() WHERE n.`{key}` =~ {escaped} "
                                "SET n.`{key}` = substring(n.`{key}`, 1);",
    ("relationship", "string[]"): "MATCH ()-[n:`{name}`]->() WHERE any(a IN n.`{key}` WHERE a =~ {escaped}) "
                                  "SET n.`{key}` = [a IN n.`{key}` | CASE WHEN a =~ {escaped} THEN substring(a, 1) "
                                  "ELSE a END];",
}


def restore_escaped(element: str, name: str, key: str, kind: str) -> str:
    """The statement that takes the escape of :func:`graphmodel.csv_cells.neutralise` off property ``key`` (of
    ``kind`` ``string`` or ``string[]``) of the nodes labelled, or relationships typed, ``name``, once imported.

    Raises
    ------
    Neo4jError
        ``name`` outside the allow-list, or ``key`` not a plain property name.

    Examples
    --------
    >>> print(restore_escaped("node", "Task", "name", "string"))
    MATCH (n:`Task`) WHERE n.`name` =~ "(?s)'+[=+\\\\-@\\t\\r＝＋－＠].*" SET n.`name` = substring(n.`name`, 1);
    """
    allowed = LABELS if element == "node" else RELS
    if name not in allowed:
        raise not_allowed(name)
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) or (element, kind) not in _RESTORE:
        raise Neo4jError(f"不能还原的属性：{key!r}（{kind}）")
    return _RESTORE[element, kind].format(name=name, key=key, escaped=_ESCAPED)


def statement(table: Mapping, key) -> str:
    """The statement of ``table`` for an allow-listed label, type or (type, start, end) key.

    Raises
    ------
    Neo4jError
        ``key`` names a label or type outside the schema's allow-list.

    Examples
    --------
    >>> statement(SWEEP_NODES, "Task")[:53]
    'UNWIND $marks AS m MATCH (n:`Task` {subdistrict: m.sd'
    >>> statement(SWEEP_NODES, "Task`) DETACH DELETE (n")
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


# --------------------------------------------------------------------------- what a read-only session refuses

#: Comments, string literals and quoted names, in the order Cypher's lexer meets them: the text between them is code.
_LEXEMES = re.compile(r"""//[^\n]*|/\*.*?(?:\*/|$)|'(?:\\.|[^'\\])*(?:'|$)|"(?:\\.|[^"\\])*(?:"|$)|`((?:``|[^`])*)(?:`|$)""",
                      re.S)
#: What may stand before a command: query options, EXPLAIN / PROFILE, and the graph it runs on.
_PREFIX = r"^\s*(?:(?:CYPHER(?:\s+\d+(?:\.\d+)?)?(?:\s+\w+\s*=\s*\w+)*|EXPLAIN|PROFILE|USE\s+[\w.]+)\s+)*"
#: The SHOW commands a read may run: they describe the database's schema and code, not its users or sessions.
_SHOW_ALLOWED = (r"(?:(?:ALL|BUILT\s+IN|USER\s+DEFINED|RANGE|FULLTEXT|TEXT|POINT|VECTOR|LOOKUP|BTREE|UNIQUE|NODE|"
                 r"RELATIONSHIP|REL|EXIST|EXISTENCE|EXISTS|KEY|PROPERTY|UNIQUENESS|TYPE)\s+)*"
                 r"(?:INDEX|INDEXES|CONSTRAINTS?|PROCEDURES?|FUNCTIONS?)\b|(?:(?:DEFAULT|HOME)\s+)?DATABASES?\b|"
                 r"CURRENT\s+USER\b")
#: What is refused, looked for on the code only (comments, strings and quoted names out); ``cmd`` is what is named.
_REFUSED: tuple[re.Pattern, ...] = tuple(re.compile(pattern, re.I) for pattern in (
    r"(?<![\w.$:])(?P<cmd>LOAD\s+CSV)\b",
    r"(?<![\w.$:])(?P<cmd>(?:TERMINATE|SHOW)\s+TRANSACTIONS?)\b",
    r"(?<![\w.$:])CALL\s+(?P<cmd>dbms\s*\.(?!\s*components\b)\s*[\w.]*)",
    _PREFIX + r"(?P<cmd>SHOW\s+(?!" + _SHOW_ALLOWED + r")\w+)",
    _PREFIX + r"(?P<cmd>GRANT|DENY|REVOKE)\b",
    _PREFIX + r"(?P<cmd>(?:CREATE|DROP|ALTER|RENAME|START|STOP)\s+(?:OR\s+REPLACE\s+)?"
              r"(?:USER|ROLE|(?:COMPOSITE\s+)?DATABASE|ALIAS|SERVER|CURRENT\s+USER))\b",
    _PREFIX + r"(?P<cmd>(?:ENABLE|DEALLOCATE|REALLOCATE|DRYRUN)\s+\w+)",
))


_IN_TRANSACTIONS = re.compile(r"}\s*IN\s+(?:\S+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b", re.I)


def _code(query: str) -> str:
    """``query`` with comments and string literals made spaces, and quoted names (`` `a b` ``) their bare text."""
    return _LEXEMES.sub(lambda m: " " if m.group(1) is None else m.group(1).replace("``", "`"), query)


def read_only_refusal(query: str) -> str | None:
    """What in ``query`` a read-only session refuses (LOAD CSV, seeing or ending other sessions' transactions,
    the administration commands, ``dbms.*`` procedures), or None.

    Examples
    --------
    >>> read_only_refusal("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l")
    'LOAD CSV'
    >>> read_only_refusal("load /* x */ csv from 'http://127.0.0.1/' as l return l")
    'LOAD CSV'
    >>> read_only_refusal("MATCH (t:Task) WHERE t.name = 'LOAD CSV' RETURN t // TERMINATE TRANSACTIONS")
    >>> read_only_refusal("USE system SHOW USERS")
    'SHOW USERS'
    >>> read_only_refusal("CALL dbms.listConfig() YIELD name, value")
    'dbms.listConfig'
    >>> read_only_refusal("SHOW INDEXES YIELD name RETURN name") is None
    True
    """
    code = _code(query)
    for pattern in _REFUSED:
        found = pattern.search(code)
        if found:
            named = found.group("cmd")
            return "".join(named.split()) if "." in named else " ".join(named.upper().split())
    return None


def in_transactions(query: str) -> bool:
    """Whether ``query`` holds ``CALL {…} IN [CONCURRENT] TRANSACTIONS`` (outside comments and strings).

    >>> in_transactions("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS")
    True
    >>> in_transactions("RETURN 'IN TRANSACTIONS' AS text")
    False
    """
    return _IN_TRANSACTIONS.search(_code(query)) is not None


def check_read_only(query: str) -> None:
    """Refuse ``query`` in a read-only session when :func:`read_only_refusal` finds something.

    Raises
    ------
    Neo4jError
        One line naming what was found, and that ``--write`` runs it.
    """
    what = read_only_refusal(query)
    if what is not None:
        raise Neo4jError(f"只读会话不允许 {what}（会读取文件、网址或其他会话，或是管理命令）；要运行请加 --write",
                         en=f"a read-only session does not allow {what} (it reads files, URLs or other sessions, or "
                            "administers the server); add --write to run it")
