"""Text cells a spreadsheet would evaluate as a formula, neutralised with a leading apostrophe (as OWASP advises).

Excel, WPS and LibreOffice evaluate a CSV cell that begins with ``=``, ``+``, ``-`` or ``@`` (and one that begins
with a tab or a carriage return, which they skip), in ASCII or full width (＝＋－＠): ``=HYPERLINK(…)`` opens as a
live link. Every CSV this project writes passes its text cells through :func:`neutralise`; numbers are written as
numbers and never touched. The escape is reversible: a text beginning with apostrophes and then one of those
characters gets one apostrophe more, and :func:`restore` takes exactly one away. JSON, GraphML, the workbook and
the graph keep the text as written.
"""

from __future__ import annotations

import re

__all__ = ["TRIGGERS", "ESCAPED", "neutralise", "restore", "is_escaped"]

#: The first characters that make a spreadsheet evaluate a cell.
TRIGGERS = "=+-@\t\r＝＋－＠"

#: A cell that :func:`neutralise` escaped (or would escape again): apostrophes, then a trigger.
ESCAPED = re.compile("'+[" + re.escape(TRIGGERS) + "]")
_NEEDS = re.compile("'*[" + re.escape(TRIGGERS) + "]")


def neutralise(text: str) -> str:
    """``text`` with one apostrophe before it when a spreadsheet would evaluate it (or it looks escaped already).

    Examples
    --------
    >>> neutralise('=HYPERLINK("http://example.invalid","点击查看")')
    '\\'=HYPERLINK("http://example.invalid","点击查看")'
    >>> [neutralise(t) for t in ("-3", "＋1", "\\t=1", "'=1", "社区管理办", "a=b", "")]
    ["'-3", "'＋1", "'\\t=1", "''=1", '社区管理办', 'a=b', '']
    """
    return "'" + text if _NEEDS.match(text) else text


def is_escaped(text: str) -> bool:
    """Whether ``text`` is a cell :func:`neutralise` escaped.

    >>> is_escaped("'=1"), is_escaped("'quoted'"), is_escaped("=1")
    (True, False, False)
    """
    return ESCAPED.match(text) is not None


def restore(text: str) -> str:
    """The text :func:`neutralise` was given: one leading apostrophe fewer on an escaped cell.

    >>> [restore(neutralise(t)) for t in ("=1", "'=1", "''-x", "'plain", "plain")]
    ['=1', "'=1", "''-x", "'plain", 'plain']
    """
    return text[1:] if is_escaped(text) else text
