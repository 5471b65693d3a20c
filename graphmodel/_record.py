"""The base of the model's classes: keyword-only records declared by annotations, without code generation.

Why not pydantic or dataclasses: ``graphmodel audit`` must start in at most 1.5× the time of
importing its libraries. Building the model's 21 pydantic classes took ≈ 50 ms, about as long
as reading, resolving and auditing both bundled plans; ``@dataclass`` compiles five or six
functions per class (``exec``), which cost nearly as much. Here a class is declared the same way
(``class Mention(Record): name: str; line: int``), its fields are read from the annotations
once, and every instance shares one ``__init__``.
"""

from __future__ import annotations

import copy
from typing import Any, dataclass_transform

__all__ = ["Record", "FrozenRecord", "FrozenRecordError"]

_NO_DEFAULT = object()


class FrozenRecordError(AttributeError):
    """Raised when a field of a frozen record is assigned or deleted."""


@dataclass_transform(kw_only_default=True)
class Record:
    """A record with keyword-only fields, declared by class annotations (as a pydantic model is).

    A field without a default is required; a ``list``/``dict``/``set`` default is copied for
    each instance. Unknown keywords are an error. Equal when of the same class with equal fields.

    Examples
    --------
    >>> class Point(Record):
    ...     x: int
    ...     tags: list[str] = []
    >>> p = Point(x=1)
    >>> p, p == Point(x=1, tags=[]), p.model_dump()
    (Point(x=1, tags=[]), True, {'x': 1, 'tags': []})
    >>> Point(y=2)
    Traceback (most recent call last):
    TypeError: Point() got unexpected fields: y; missing: x
    """

    _fields: tuple[str, ...] = ()
    _defaults: dict[str, Any] = {}
    _copied: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = dict.fromkeys(cls._fields)
        defaults = dict(cls._defaults)
        for name in cls.__dict__.get("__annotations__", {}):
            if name.startswith("_"):
                continue
            names[name] = None
            value = cls.__dict__.get(name, _NO_DEFAULT)
            if value is _NO_DEFAULT:
                defaults.pop(name, None)
            else:
                defaults[name] = value
        cls._fields = tuple(names)
        cls._defaults = defaults
        cls._copied = tuple(n for n, v in defaults.items() if isinstance(v, (list, dict, set)))

    def __init__(self, **values: Any) -> None:
        given = values
        values = {**self._defaults, **given}
        for name in self._copied:
            if name not in given:
                values[name] = copy.copy(values[name])
        if len(values) != len(self._fields) or values.keys() != set(self._fields):
            self._wrong_fields(values)
        self.__dict__.update(values)

    def _wrong_fields(self, values: dict[str, Any]) -> None:
        unknown = [n for n in values if n not in self._fields]
        missing = [n for n in self._fields if n not in values]
        raise TypeError(f"{type(self).__name__}() got unexpected fields: {', '.join(unknown) or '-'}; "
                        f"missing: {', '.join(missing) or '-'}")

    def __repr_args__(self) -> list[tuple[str, Any]]:
        """The ``(field, value)`` pairs that ``repr`` shows; a subclass may leave some out."""
        return [(n, getattr(self, n)) for n in self._fields]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={v!r}' for n, v in self.__repr_args__())})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable

    def model_dump(self, *, mode: str = "python", exclude: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
        """Return the fields as plain data: nested records as dicts; ``mode="json"`` makes tuples lists."""
        json = mode == "json"
        return {name: _dump(getattr(self, name), json) for name in self._fields if name not in exclude}

    def model_copy(self, *, update: dict[str, Any] | None = None):
        """Return a copy with the fields in ``update`` replaced."""
        return type(self)(**{**self.__dict__, **(update or {})})


class FrozenRecord(Record):
    """A record whose fields cannot be assigned after it is made; hashable when its fields are.

    Examples
    --------
    >>> class Point(FrozenRecord):
    ...     x: int
    >>> p = Point(x=1)
    >>> p.x = 2
    Traceback (most recent call last):
    graphmodel._record.FrozenRecordError: Point is frozen: cannot assign x
    >>> hash(p) == hash(Point(x=1))
    True
    """

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenRecordError(f"{type(self).__name__} is frozen: cannot assign {name}")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"{type(self).__name__} is frozen: cannot delete {name}")

    def __hash__(self) -> int:
        return hash((type(self), *(getattr(self, n) for n in self._fields)))


def _dump(value: Any, json: bool) -> Any:
    if isinstance(value, Record):
        return value.model_dump(mode="json" if json else "python")
    if isinstance(value, (list, tuple)):
        items = [_dump(v, json) for v in value]
        return items if json or isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        return {k: _dump(v, json) for k, v in value.items()}
    return value
