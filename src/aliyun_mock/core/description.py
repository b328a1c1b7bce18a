"""A product's API description: its actions' parameters, success-body schemas and error codes.

Each product ships ``data/api.json``, derived by ``tools/compact_api_meta.py`` from Alibaba Cloud's
OpenAPI metadata (https://api.aliyun.com, as published for its SDK generators). It is read on the
product's first call, not at import. The shapes are kept as JSON::

    parameters: [[name, {"type", "style"?, "required"?, "enum"?, "minimum"?, "maximum"?,
                         "maxLength"?, "maxItems"?, "items"?, "properties"?}], ...]
    response:   {"type": "object", "properties": {...in the cloud's key order...},
                 "omit"?: [keys the cloud leaves out of a resource without that feature]}
    errors:     [[status, code, message], ...]
"""

from __future__ import annotations

import importlib
import json
import os
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

Schema = Mapping[str, Any]
ErrorEntry = Tuple[int, str]


class ActionDescription:
    """One action as documented (a plain class: a dataclass would cost the package's import time)."""

    __slots__ = ("name", "parameters", "response", "errors")

    def __init__(
        self, name: str, parameters: Mapping[str, Schema], response: Schema, errors: Mapping[str, ErrorEntry]
    ) -> None:
        self.name = name
        self.parameters = parameters  # in documented order
        self.response = response
        self.errors = errors  # code → (status, message); the first documented status wins

    def units(self) -> List[str]:
        """Every parameter a handler must classify: top-level names, and ``Parent.Field`` for the
        fields of object parameters (``SystemDisk.Size``) and of lists of objects (``Tag.Key``)."""
        units: List[str] = []
        for name, spec in self.parameters.items():
            fields = object_fields(spec)
            units += [f"{name}.{field}" for field in fields] if fields else [name]
        return units


def object_fields(spec: Schema) -> List[str]:
    """The fields of an object parameter or of a list of objects (``key``/``Key`` spellings as one)."""
    node = spec.get("items", spec) if spec.get("type") == "array" else spec
    fields: List[str] = []
    for name in node.get("properties", {}) if node.get("type") == "object" else ():
        canonical = canonical_field(name)
        if canonical not in fields:
            fields.append(canonical)
    return fields


def canonical_field(name: str) -> str:
    """``key`` → ``Key``: the deprecated lower-case spellings of ``Tag.N.Key``/``Tag.N.Value``."""
    return name[:1].upper() + name[1:]


class Description:
    """The description of one product, loaded from its package's ``data/api.json`` on first use."""

    def __init__(self, package: str) -> None:
        self.package = package
        self._raw: Optional[Dict[str, Any]] = None
        self._actions: Dict[str, ActionDescription] = {}

    def _data(self) -> Dict[str, Any]:
        if self._raw is None:
            package_dir = os.path.dirname(importlib.import_module(self.package).__file__ or "")
            with open(os.path.join(package_dir, "data", "api.json"), encoding="utf-8") as handle:
                self._raw = json.load(handle)
        return self._raw

    def action_names(self) -> List[str]:
        return list(self._data()["actions"])

    def action(self, name: str) -> Optional[ActionDescription]:
        described = self._actions.get(name)
        if described is None:
            raw = self._data()["actions"].get(name)
            if raw is None:
                return None
            errors: Dict[str, ErrorEntry] = {}
            for status, code, message in raw["errors"]:
                if message.strip() not in ("", "%s"):  # an empty or bare "%s" text says nothing
                    errors.setdefault(code, (status, message))
            described = ActionDescription(name, dict(raw["parameters"]), raw["response"], errors)
            self._actions[name] = described
        return described


def default_of(schema: Schema) -> Any:
    """The value the cloud gives a field the resource has no use for: empty, zero or false; an
    object with each of its fields so (less those the cloud leaves out)."""
    kind = schema.get("type")
    if kind == "object":
        omitted = set(schema.get("omit", ()))
        return {k: default_of(v) for k, v in schema.get("properties", {}).items() if k not in omitted}
    return _SCALAR_DEFAULTS.get(kind, "")


_SCALAR_DEFAULTS: Dict[Any, Any] = {"string": "", "integer": 0, "number": 0.0, "boolean": False, "array": []}


def schema_at(schema: Schema, path: str) -> Schema:
    """The schema at ``Images.Image[]`` (``[]``: the items of a list)."""
    node = schema
    for part in path.split(".") if path else ():
        is_list = part.endswith("[]")
        node = node["properties"][part[:-2] if is_list else part]
        if is_list:
            node = node["items"]
    return node


class Shape:
    """One object of a success body as the cloud sends it: every field, in the cloud's order.

    ``shape.build(fields)`` is the template of defaults with what the mock models put in place (a
    dict merge keeps the template's order: cheap enough for every item of a Describe* page);
    nested objects given there must be complete already (``shape.child(path).build``).
    ``shape.fill(value)`` completes and orders ``value`` recursively, for the less frequent bodies.
    """

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.template: Dict[str, Any] = default_of(schema)
        self._filler: Optional[Filler] = None

    def build(self, fields: Mapping[str, Any]) -> Dict[str, Any]:
        return {**self.template, **fields}

    def child(self, path: str) -> "Shape":
        return Shape(schema_at(self.schema, path))

    def with_defaults(self, values: Mapping[str, Any]) -> "Shape":
        """The same shape whose template already carries ``values`` (what every object of a view shares)."""
        shape = Shape(self.schema)
        shape.template = self.build(values)
        return shape

    def including(self, *keys: str) -> "Shape":
        """The same shape with some keys the cloud usually leaves out (``ImageOwnerId``) kept in place."""
        omitted = [k for k in self.schema.get("omit", ()) if k not in keys]
        return Shape({**self.schema, "omit": omitted})

    def fill(self, value: Any) -> Any:
        filler = self._filler
        if filler is None:
            filler = self._filler = compile_filler(self.schema)
        return filler(value)


Filler = Callable[[Any], Any]


def _unchanged(value: Any) -> Any:
    return value


def compile_filler(schema: Schema) -> Filler:
    """A function that completes a value of ``schema``: every documented field (less those the cloud
    leaves out) in documented order, nested objects likewise; fields the description does not know
    stay, after them. Defaults are built once and shared: bodies are rendered, never changed."""
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items", {})
        if items.get("type") not in ("object", "array"):
            return _unchanged
        fill_item = compile_filler(items)
        return lambda value: [fill_item(item) for item in value] if isinstance(value, list) else value
    if kind != "object":
        return _unchanged
    properties = schema.get("properties", {})
    omitted = frozenset(schema.get("omit", ()))
    template = default_of(schema)
    nested = [(key, compile_filler(sub)) for key, sub in properties.items() if sub.get("type") in ("object", "array")]
    nested = [(key, filler) for key, filler in nested if filler is not _unchanged]
    order = list(properties)

    def fill(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        if omitted and not omitted.isdisjoint(value):  # a field usually left out, given: put it in its place
            filled = {k: value[k] if k in value else template[k] for k in order if k in value or k in template}
            filled.update((k, v) for k, v in value.items() if k not in properties)
        else:
            filled = {**template, **value}
        for key, filler in nested:
            if key in value:
                filled[key] = filler(value[key])
        return filled

    return fill
