"""Record what the installed V2 Python SDKs send and expect, as facts ``compact_api_meta.py`` merges.

The OpenAPI metadata the mock's descriptions come from is older than the SDKs its users install (for
ECS, https://pypi.org/project/alibabacloud-ecs20140526/; for STS,
https://pypi.org/project/alibabacloud-sts20150401/). This script reads an installed SDK's source, without
running it, and writes ``tools/sdk_facts/<product>-<version>.json``:

- ``sdk``: the import package, its distribution name and installed version;
- ``actions``: for every action the client has (sorted), ``parameters`` as ``[wire name, spec]`` in the
  order the client's ``<action>_with_options`` method sets them, and ``response``: the success body's
  schema, keys in the order of the body model's ``to_map``.

How the wire names follow from the source: the method copies each request field into ``query['Name']``
(or ``body``/``headers``); ``Utils.query`` then flattens a nested model or dict to ``Name.Sub`` (style
``flat``) and a list to ``Name.1``, ``Name.2`` … (style ``repeatList``), recursively, with a model's
``to_map`` keys as the sub-names. A field first turned into text by
``array_to_string_with_specified_style(..., 'json')`` goes as one JSON string (style ``json``).

A spec holds ``type`` (string, integer, boolean, number, array, object), ``style`` for non-scalars,
``in`` when not the query, ``items`` for lists and ``properties`` for models (``to_map`` order); the
SDK has no limits, formats or required flags, so there are none. Any source shape this script does not
know stops it: a fact is never guessed.

Usage (with the interpreter the SDKs are installed in)::

    python tools/sdk_facts.py           # write the files
    python tools/sdk_facts.py --check   # exit 1 naming the files that differ from the installed SDKs
"""

from __future__ import annotations

import argparse
import ast
import importlib.metadata
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple

Schema = Dict[str, Any]

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "tools" / "sdk_facts"


class Sdk(NamedTuple):
    package: str  # import name of the V2 SDK
    product: str  # lower-case product code, as in the metadata's file names


SDKS: Tuple[Sdk, ...] = (
    Sdk("alibabacloud_ecs20140526", "ecs"),
    Sdk("alibabacloud_sts20150401", "sts"),
    Sdk("alibabacloud_vpc20160428", "vpc"),
    Sdk("alibabacloud_resourcemanager20200331", "resourcemanager"),
    Sdk("alibabacloud_resourcesharing20200110", "resourcesharing"),
)

SCALARS = {"str": "string", "int": "integer", "bool": "boolean", "float": "number"}
# the client's dict -> metadata ``in`` (``body_flat`` is flattened like the query, then sent in the body)
LOCATIONS = {"query": None, "body": "body", "body_flat": "body", "headers": "header"}
MODELS_PREFIX = "main_models."


class SourceError(Exception):
    """The SDK source has a shape this script does not know."""


# --- models ----------------------------------------------------------------------------------------


class Field(NamedTuple):
    key: str  # the to_map key: the wire sub-name, or the body key
    annotation: str  # the __init__ annotation, as written


def _method(node: ast.ClassDef, name: str) -> Optional[ast.FunctionDef]:
    for item in node.body:
        if isinstance(item, ast.FunctionDef) and item.name == name:
            return item
    return None


def _string(node: ast.AST) -> Optional[str]:
    """The value of a string literal, else None."""
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _to_map_keys(node: ast.ClassDef) -> List[str]:
    """Keys set by ``result['Key'] = …`` in ``to_map``, in source order."""
    method = _method(node, "to_map")
    if method is None:
        raise SourceError(f"{node.name}: no to_map")
    stores = [
        sub
        for sub in ast.walk(method)
        if isinstance(sub, ast.Subscript)
        and isinstance(sub.ctx, ast.Store)
        and isinstance(sub.value, ast.Name)
        and sub.value.id == "result"
    ]
    keys: List[str] = []
    for sub in sorted(stores, key=lambda s: (s.lineno, s.col_offset)):
        key = _string(sub.slice)
        if key is None:
            raise SourceError(f"{node.name}.to_map: a key that is not a string")
        if key not in keys:
            keys.append(key)
    return keys


def _from_map_attributes(node: ast.ClassDef) -> Dict[str, str]:
    """``to_map`` key -> attribute, from ``if m.get('Key') is not None: self.attr = …`` in ``from_map``."""
    method = _method(node, "from_map")
    if method is None:
        raise SourceError(f"{node.name}: no from_map")
    attributes: Dict[str, str] = {}
    for statement in method.body:
        if not isinstance(statement, ast.If):
            continue
        key = _tested_key(statement.test)
        names = {
            sub.attr
            for part in statement.body
            for sub in ast.walk(part)
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "self"
        }
        if key is None or len(names) != 1:
            raise SourceError(f"{node.name}.from_map: an unknown branch at line {statement.lineno}")
        attributes[key] = names.pop()
    return attributes


def _tested_key(test: ast.expr) -> Optional[str]:
    """``'Key'`` of ``m.get('Key') is not None``."""
    if not (isinstance(test, ast.Compare) and isinstance(test.left, ast.Call)):
        return None
    call = test.left
    if isinstance(call.func, ast.Attribute) and call.func.attr == "get" and call.args:
        return _string(call.args[0])
    return None


def _init_annotations(node: ast.ClassDef) -> Dict[str, str]:
    method = _method(node, "__init__")
    if method is None:
        raise SourceError(f"{node.name}: no __init__")
    return {arg.arg: ast.unparse(arg.annotation) for arg in method.args.args[1:] if arg.annotation is not None}


class Models:
    """The model classes of an SDK's ``models`` folder, read as syntax trees."""

    def __init__(self, folder: Path) -> None:
        self.classes: Dict[str, ast.ClassDef] = {}
        for path in sorted(folder.glob("*.py")):
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.ClassDef):
                    if node.name in self.classes:
                        raise SourceError(f"two model classes named {node.name}")
                    self.classes[node.name] = node
        self._fields: Dict[str, List[Field]] = {}

    def fields(self, name: str) -> List[Field]:
        """The model's fields in ``to_map`` order."""
        if name not in self._fields:
            self._fields[name] = self._read_fields(name)
        return self._fields[name]

    def attributes(self, name: str) -> Dict[str, Field]:
        """Attribute name -> field."""
        attribute_of = _from_map_attributes(self._class(name))
        return {attribute_of[field.key]: field for field in self.fields(name)}

    def _class(self, name: str) -> ast.ClassDef:
        if name not in self.classes:
            raise SourceError(f"no model class {name}")
        return self.classes[name]

    def _read_fields(self, name: str) -> List[Field]:
        node = self._class(name)
        keys = _to_map_keys(node)
        attributes = _from_map_attributes(node)
        annotations = _init_annotations(node)
        if set(keys) != set(attributes):
            raise SourceError(f"{name}: to_map and from_map name different keys")
        missing = [key for key in keys if attributes[key] not in annotations]
        if missing:
            raise SourceError(f"{name}: no __init__ annotation for {missing}")
        return [Field(key, annotations[attributes[key]]) for key in keys]

    def schema(self, annotation: str, seen: Tuple[str, ...] = ()) -> Schema:
        """The JSON schema of an annotation: scalars, ``List[…]``, ``Dict[…]`` and models (recursively)."""
        if annotation in SCALARS:
            return {"type": SCALARS[annotation]}
        if annotation.startswith("List[") and annotation.endswith("]"):
            return {"type": "array", "items": self.schema(annotation[len("List[") : -1], seen)}
        if annotation.startswith("Dict[") or annotation == "Any":
            return {"type": "object"}
        if annotation.startswith(MODELS_PREFIX):
            return self.model_schema(annotation[len(MODELS_PREFIX) :], seen)
        raise SourceError(f"no schema for the annotation {annotation!r}")

    def model_schema(self, name: str, seen: Tuple[str, ...] = ()) -> Schema:
        if name in seen:
            raise SourceError(f"{name} contains itself")
        properties = {field.key: self.schema(field.annotation, (*seen, name)) for field in self.fields(name)}
        return {"type": "object", "properties": properties}


# --- client ----------------------------------------------------------------------------------------


class Assignment(NamedTuple):
    location: str  # a key of LOCATIONS
    wire: str
    attribute: str  # on the (shrink) request


class Method(NamedTuple):
    action: str
    version: str
    request: Optional[str]  # request model class, None without one
    response: str  # response model class
    assignments: List[Assignment]
    shrunk: Dict[str, str]  # original attribute -> style, for fields sent as one string


def _model_name(annotation: Optional[ast.expr], where: str) -> str:
    text = ast.unparse(annotation) if annotation is not None else ""
    if not text.startswith(MODELS_PREFIX):
        raise SourceError(f"{where}: {text!r} is not a model")
    return text[len(MODELS_PREFIX) :]


def _params_keywords(method: ast.FunctionDef) -> Dict[str, str]:
    """String keywords of the ``open_api_util_models.Params(...)`` call: action, version, …"""
    for node in ast.walk(method):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Params":
            strings = {kw.arg: _string(kw.value) for kw in node.keywords if kw.arg}
            return {key: value for key, value in strings.items() if key is not None and value is not None}
    return {}


def _assignments(method: ast.FunctionDef) -> List[Assignment]:
    found: List[Tuple[int, Assignment]] = []
    for node in ast.walk(method):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        if not (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)):
            continue
        wire = _string(target.slice)
        if target.value.id not in LOCATIONS or wire is None:
            raise SourceError(f"{method.name}: unknown assignment at line {node.lineno}")
        value = node.value
        if not (isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id == "request"):
            raise SourceError(f"{method.name}: a value not read from the request at line {node.lineno}")
        found.append((node.lineno, Assignment(target.value.id, wire, value.attr)))
    return [assignment for _, assignment in sorted(found)]


def _shrunk(method: ast.FunctionDef) -> Dict[str, str]:
    """``request.x_shrink = Utils.array_to_string_with_specified_style(tmp_req.x, 'X', style)``."""
    shrunk: Dict[str, str] = {}
    for node in ast.walk(method):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr != "array_to_string_with_specified_style":
            continue
        source, _, style = node.args
        text = _string(style)
        if not isinstance(source, ast.Attribute) or text is None:
            raise SourceError(f"{method.name}: unknown shrink at line {node.lineno}")
        shrunk[source.attr] = text
    return shrunk


def _read_method(method: ast.FunctionDef) -> Optional[Method]:
    keywords = _params_keywords(method)
    if "action" not in keywords:
        return None
    arguments = [arg for arg in method.args.args[1:] if arg.arg != "runtime"]
    if len(arguments) > 1:
        raise SourceError(f"{method.name}: more than one request")
    request = _model_name(arguments[0].annotation, method.name) if arguments else None
    response = _model_name(method.returns, method.name)
    return Method(keywords["action"], keywords["version"], request, response, _assignments(method), _shrunk(method))


def client_methods(client: Path) -> Iterator[Method]:
    """Every synchronous method of the client that calls an action (``*_with_options``; the name is not
    always ``<snake action>_with_options``: STS has ``assume_role_with_oidcwith_options``)."""
    for node in ast.walk(ast.parse(client.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef):
            method = _read_method(node)
            if method is not None:
                yield method


# --- facts -----------------------------------------------------------------------------------------


def _style(schema: Schema, shrink_style: Optional[str]) -> Optional[str]:
    if shrink_style is not None:
        return shrink_style
    if schema["type"] == "array":
        return "repeatList"
    if schema["type"] == "object":
        return "flat"
    return None


def parameter_spec(schema: Schema, location: str, shrink_style: Optional[str]) -> Schema:
    """``type``, ``style``, ``in``, then ``items``/``properties``: the order of ``api.json`` specs."""
    spec: Schema = {"type": schema["type"]}
    style = _style(schema, shrink_style)
    if style is not None:
        spec["style"] = style
    if LOCATIONS[location] is not None:
        spec["in"] = LOCATIONS[location]
    spec.update({key: schema[key] for key in ("items", "properties") if key in schema})
    return spec


def action_parameters(models: Models, method: Method) -> List[List[Any]]:
    if method.request is None:
        if method.assignments:
            raise SourceError(f"{method.action}: parameters without a request model")
        return []
    fields = models.attributes(method.request)
    parameters: Dict[str, Schema] = {}
    for assignment in method.assignments:
        attribute = assignment.attribute
        shrink_style = None
        if attribute.endswith("_shrink") and attribute[: -len("_shrink")] in method.shrunk:
            attribute = attribute[: -len("_shrink")]
            shrink_style = method.shrunk[attribute]
        if attribute not in fields:
            raise SourceError(f"{method.action}: {method.request} has no field {attribute}")
        schema = models.schema(fields[attribute].annotation)
        spec = parameter_spec(schema, assignment.location, shrink_style)
        if parameters.setdefault(assignment.wire, spec) != spec:
            raise SourceError(f"{method.action}: {assignment.wire} is sent twice, differently")
    return [[name, spec] for name, spec in parameters.items()]


def action_response(models: Models, method: Method) -> Schema:
    body = [field for field in models.fields(method.response) if field.key == "body"]
    if len(body) != 1:
        raise SourceError(f"{method.response}: no body")
    return models.schema(body[0].annotation)


def package_folder(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SourceError(f"{package} is not installed in {sys.executable}")
    return Path(list(spec.submodule_search_locations)[0])


def sdk_facts(sdk: Sdk) -> Tuple[str, Schema]:
    """The facts file's name and content for one installed SDK."""
    folder = package_folder(sdk.package)
    models = Models(folder / "models")
    methods = sorted(client_methods(folder / "client.py"), key=lambda method: method.action)
    versions = {method.version for method in methods}
    if len(versions) != 1:
        raise SourceError(f"{sdk.package}: API versions {sorted(versions)}")
    distribution = importlib.metadata.distribution(sdk.package)
    actions = {
        method.action: {"parameters": action_parameters(models, method), "response": action_response(models, method)}
        for method in methods
    }
    if len(actions) != len(methods):
        raise SourceError(f"{sdk.package}: an action has two methods")
    version = versions.pop()
    facts: Schema = {
        "product": sdk.product,
        "version": version,
        "sdk": {"package": sdk.package, "distribution": distribution.metadata["Name"], "version": distribution.version},
        "actions": actions,
    }
    return f"{sdk.product}-{version}.json", facts


def render(facts: Schema) -> str:
    """One action per line: small diffs when an SDK release changes a few actions."""
    head = {key: value for key, value in facts.items() if key != "actions"}
    lines = [json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1] + ',"actions":{']
    actions = list(facts["actions"].items())
    for index, (name, action) in enumerate(actions):
        comma = "," if index < len(actions) - 1 else ""
        lines.append(json.dumps(name) + ":" + json.dumps(action, ensure_ascii=False, separators=(",", ":")) + comma)
    lines.append("}}")
    return "\n".join(lines) + "\n"


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if a checked-in file differs")
    args = parser.parse_args(argv)
    stale: List[str] = []
    for sdk in SDKS:
        name, facts = sdk_facts(sdk)
        path = OUTPUT / name
        text = render(facts)
        label = f"{path.relative_to(REPO)} ({facts['sdk']['distribution']} {facts['sdk']['version']})"
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(label)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {label}: {len(facts['actions'])} actions, {len(text.encode('utf-8'))} bytes", file=sys.stderr)
    for label in stale:
        print(f"differs from the installed SDK: {label}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
