"""Reading a saved state back: every row checked against the model it fills, before it is used.

``cloud.load()`` swaps the whole state only when every part loaded (``Cloud.load``); this module
makes each part refuse what it cannot take instead of guessing: a value of the wrong type, a field
the model does not have, a missing one, a duplicate id, a region or reference that does not exist.
Every refusal is a ``StateError`` whose message starts with the JSON path of the offending value
(``images[3].size: expected an integer, got "40"``), so a person can find it in the file.
"""

from __future__ import annotations

import collections.abc
import contextlib
import dataclasses
import functools
import typing
from typing import Any, Callable, Dict, Iterator, Mapping, Tuple, Type, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")
_SCALARS = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}


class StateError(ValueError):
    """A state that cannot be loaded; the message names the JSON path and what was expected there."""


@contextlib.contextmanager
def at(path: str) -> Iterator[None]:
    """Any other failure while loading the value at ``path`` becomes a ``StateError`` naming it."""
    try:
        yield
    except StateError:
        raise
    except Exception as error:  # a model's own check, or an ApiError of a lookup (an unknown region)
        raise StateError(f"{path}: {error}") from None


def rows(data: Mapping[str, Any], key: str, within: str = "") -> Iterator[Tuple[str, Dict[str, Any]]]:
    """``(path, row)`` for each object of the list at ``key`` (absent: none); ``within``: the path of ``data``."""
    where = f"{within}.{key}" if within else key
    value = data.get(key, [])
    if not isinstance(value, list):
        raise StateError(f"{where}: expected a list, got {_shown(value)}")
    for number, row in enumerate(value):
        if not isinstance(row, dict):
            raise StateError(f"{where}[{number}]: expected an object, got {_shown(row)}")
        yield f"{where}[{number}]", row


def regional_rows(
    data: Mapping[str, Any],
    key: str,
    kind: Type[T],
    id_of: Callable[[T], Any],
    seen: Dict[Any, str],
    region_of: Callable[[str], R],
) -> Iterator[Tuple[str, T, R]]:
    """``(path, item, region)`` for each row of the list at ``key``: built as ``kind``, its id
    (``id_of``) unique across ``seen``, its ``region_id`` a region ``region_of`` knows."""
    for path, row in rows(data, key):
        item = build(kind, row, path)
        unique(seen, id_of(item), path)
        with at(f"{path}.region_id"):
            region = region_of(cast(Any, item).region_id)
        yield path, item, region


def build(kind: Type[T], row: Mapping[str, Any], path: str) -> T:
    """An instance of the dataclass ``kind`` from ``row``: every field of the right type (nested
    dataclasses built too), none unknown, none missing that has no default."""
    fields = {f.name: f for f in dataclasses.fields(kind)}  # type: ignore[arg-type]
    unknown = sorted(set(row) - set(fields))
    if unknown:
        raise StateError(f"{path}: {kind.__name__} has no field {unknown[0]!r}")
    hints = _hints(cast(type, kind))
    values = {}
    for name, field in fields.items():
        if name in row:
            values[name] = convert(row[name], hints[name], f"{path}.{name}")
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise StateError(f"{path}: {name} is missing")
    with at(path):
        return kind(**values)


def check(value: Any, hint: Any, path: str) -> None:
    """``value`` (plain JSON) is of the type ``hint`` names, recursively."""
    convert(value, hint, path)


def convert(value: Any, hint: Any, path: str) -> Any:
    """``value`` (plain JSON) checked against the type ``hint`` names, with its dataclasses built."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return value
    if origin is typing.Union:
        if value is None and type(None) in args:
            return None
        return convert(value, next(a for a in args if a is not type(None)), path)
    if hint in _SCALARS:
        if not _is(value, hint):
            raise StateError(f"{path}: expected {_SCALARS[hint]}, got {_shown(value)}")
        if hint is str and not _encodable(value):
            raise StateError(f"{path}: expected text, got a string with a lone surrogate {_shown(value)}")
        return value
    if origin in (list, collections.abc.Sequence) or origin is tuple:
        if not isinstance(value, list):
            raise StateError(f"{path}: expected a list, got {_shown(value)}")
        fixed = args if origin is tuple and args and args[-1] is not Ellipsis else None
        if fixed is not None and len(fixed) != len(value):
            raise StateError(f"{path}: expected a list of {len(fixed)}, got {len(value)}")
        items = [
            convert(item, fixed[n] if fixed is not None else (args[0] if args else Any), f"{path}[{n}]")
            for n, item in enumerate(value)
        ]
        return tuple(items) if origin is tuple else items
    if origin in (dict, collections.abc.Mapping):
        if not isinstance(value, dict):
            raise StateError(f"{path}: expected an object, got {_shown(value)}")
        return {key: convert(item, args[1] if args else Any, f"{path}.{key}") for key, item in value.items()}
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise StateError(f"{path}: expected an object, got {_shown(value)}")
        return build(hint, value, path)  # type: ignore[arg-type]
    raise StateError(f"{path}: the mock cannot check a value of type {hint!r}")


def unique(seen: Dict[Any, str], key: Any, path: str) -> None:
    """Refuse a second row with the same id (the first one's path is named too)."""
    if key in seen:
        raise StateError(f"{path}: the same id as {seen[key]} ({key})")
    seen[key] = path


def _is(value: Any, kind: type) -> bool:
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _encodable(text: str) -> bool:
    """Whether the text can go out as UTF-8 (JSON's ``\\ud800`` escapes can make one that cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


@functools.lru_cache(maxsize=None)
def _hints(kind: type) -> Dict[str, Any]:
    return typing.get_type_hints(kind)
