"""A product (ECS, STS, …): its API version, its actions and its error catalogue.

An action is one function whose keyword-only parameters are the API's own parameter names,
typed; binding the decoded request to them is done here, once, so that every action gets the
same answers for missing or malformed input::

    @ecs.action("DescribeImageSharePermission")
    def describe_image_share_permission(call: Call, *, RegionId: str, ImageId: str,
                                        PageNumber: int = 1, PageSize: int = 10) -> dict: ...

A parameter without a default is required (``MissingParameter`` when absent or empty).
"""

from __future__ import annotations

import collections.abc
import inspect
import typing
from dataclasses import dataclass
from typing import Any, Callable, Dict, FrozenSet, Mapping, Optional, Tuple

from .errors import ApiError, ErrorCatalogue

Handler = Callable[..., Dict[str, Any]]
_MISSING = inspect.Parameter.empty


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # "str" | "int" | "bool" | "list" | "dict"
    required: bool
    default: Any
    item: Optional[type] = None  # a list's element type (str for AddAccount.N, dict for Tag.N.Key)


@dataclass(frozen=True)
class Action:
    name: str
    handler: Handler
    parameters: Tuple[Parameter, ...]
    malformed_code: str = "InvalidParameter"  # what a value of the wrong type gets

    def bind(self, params: Mapping[str, Any]) -> Dict[str, Any]:
        """Convert wire values to the handler's keyword arguments, or raise the documented error."""
        kwargs: Dict[str, Any] = {}
        for p in self.parameters:
            try:
                value = _convert(p, params.get(p.name))
            except ValueError:
                raise ApiError(self.malformed_code, p.name) from None
            if value is None:
                if p.required:
                    raise ApiError("MissingParameter", p.name)
                value = p.default
            kwargs[p.name] = value
        return kwargs


def _convert(p: Parameter, raw: Any) -> Any:
    """The typed value, or None when the parameter is absent in the form the action reads."""
    if p.kind == "list":
        if not isinstance(raw, list):
            return None
        # Elements of another shape (Tag.1=x where Tag.1.Key is meant) are not read, as the gateway
        # reads only the form an action declares.
        return [item for item in raw if p.item is None or isinstance(item, p.item)]
    if p.kind == "dict":
        return raw if isinstance(raw, dict) else None
    if not isinstance(raw, str) or raw == "":
        return None
    if p.kind == "int":
        return int(raw)
    if p.kind == "bool":
        lowered = raw.lower()
        if lowered not in ("true", "false"):
            raise ValueError(raw)
        return lowered == "true"
    return raw


def _kind(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    if origin is typing.Union:  # Optional[X]
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _kind(inner[0])
    if annotation in (str, int, bool):
        return annotation.__name__
    if origin in (list, tuple, collections.abc.Sequence) or annotation in (list, tuple):
        return "list"
    if origin in (dict, collections.abc.Mapping) or annotation is dict:
        return "dict"
    raise TypeError(f"unsupported parameter type {annotation!r}")


class Product:
    """Registry of one product's actions; ``host_label`` is its first host label (``ecs``)."""

    def __init__(
        self,
        name: str,
        *,
        host_label: str,
        version: str,
        catalogue: ErrorCatalogue,
        known_actions: FrozenSet[str] = frozenset(),
    ) -> None:
        self.name = name
        self.host_label = host_label
        self.version = version
        self.catalogue = catalogue
        self.known_actions = known_actions
        self.actions: Dict[str, Action] = {}

    def action(self, name: str, *, malformed_code: str = "InvalidParameter") -> Callable[[Handler], Handler]:
        """Register ``handler`` as the action ``name``; ``malformed_code`` answers mistyped values."""

        def register(handler: Handler) -> Handler:
            hints = typing.get_type_hints(handler)
            parameters = tuple(
                Parameter(
                    p.name, _kind(hints[p.name]), p.default is _MISSING, _default(p.default), _item(hints[p.name])
                )
                for p in inspect.signature(handler).parameters.values()
                if p.kind is inspect.Parameter.KEYWORD_ONLY
            )
            self.actions[name] = Action(name, handler, parameters, malformed_code)
            return handler

        return register

    def find(self, action: str) -> Optional[Action]:
        return self.actions.get(action)


def _item(annotation: Any) -> Optional[type]:
    args = typing.get_args(annotation)
    return args[0] if len(args) == 1 and args[0] in (str, dict) else None


def _default(value: Any) -> Any:
    if value is _MISSING:
        return None
    return list(value) if isinstance(value, tuple) else value
