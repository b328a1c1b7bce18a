"""Compact Alibaba Cloud's OpenAPI metadata into the small, fact-only ``api.json`` each product ships.

For every action of a product this derives, and writes as compact JSON:

- ``parameters``: ``[name, spec]`` in documented order; ``spec`` keeps only checkable facts (type, style,
  required, enum, limits, default, format, pattern, nested ``items``/``properties``);
- ``response``: the success body's schema reduced to ``type``/``format``/``properties``/``items``;
- ``errors``: ``[status, code, message]`` with the message exactly as documented.

For actions with real captured bodies, object nodes of the response also get the cloud's key order,
``omit`` (documented keys the real bodies leave out) and ``undocumented`` (keys only the real bodies carry).

The installed V2 SDKs are newer than the metadata, and where they know more they win. When
``tools/sdk_facts/<product>-<version>.json`` exists (written by ``tools/sdk_facts.py``; for ECS from
https://pypi.org/project/alibabacloud-ecs20140526/), its facts are merged, adding and never removing:

- request parameters the SDK sends and the metadata lacks come after the documented ones, in the SDK's
  order, their spec marked ``"sdk": true``; so do fields the SDK adds to a documented object or list of
  objects (``"sdk": true`` on the field). Where the metadata spells an object's fields as top-level names
  (``CpuOptions.Core``), an SDK-only field becomes such a name too; lists it spells position by position
  (``Filter.1.Key``) count as documented;
- response keys the SDK knows and the metadata (and the real bodies) lack come last in their object's
  ``properties``, named in the node's ``sdk`` list;
- actions only the SDK has are added with ``"sdk_only": true``, the SDK's parameters and body, no errors.

Where the two disagree on a style the SDK's is kept (it is what goes on the wire); on a type the metadata's
stays; the report names both.

Choices where the metadata is loose: a parameter listed twice is kept once, at its first place (required
only if every listing says so); an empty ``enum`` is dropped; error codes lose stray blanks (eight end
in a tab), messages keep theirs, as documented, but for no-break spaces (U+00A0), which become spaces. A real body sharing no top-level key with the action's schema is another action's.

Inputs, read from ``--source`` (default ``$ALIYUN_MOCK_API_META`` or ``<repo>/../shared``), never shipped:

- ``api-meta/<product>-<version>.json``: the metadata of https://github.com/dew-serverless/acs-sdk-php,
  ``data/<product>/<version>/api-docs.json``;
- ``real-bodies/<product>-<version>.json``: real ECS bodies ``{Action: {NAME: body}}`` from
  https://github.com/aliyun/alibabacloud-ecs-tool-troubleshooter,
  ``ecs-devops-dashboard/src/app/static/data/``. Bodies named ``EMPTY``/``empty`` are hand-made: they
  count for which keys appear, never for key order.

The generator digest each file records covers this script and the SDK facts files it reads, so a
checked-in file made before either changed is stale.

Usage::

    python tools/compact_api_meta.py            # write the files, report to stderr
    python tools/compact_api_meta.py --check    # exit 1 naming the stale files
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Tuple

Schema = Dict[str, Any]
Sample = Tuple[Any, bool]  # (real value, whether its key order is the cloud's)


class Product(NamedTuple):
    meta: str  # file under <source>/api-meta/
    real_bodies: Optional[str]  # file under <source>/real-bodies/, or None
    output: str  # path relative to the repository


# One line per product.
PRODUCTS: Tuple[Product, ...] = (
    Product("ecs-2014-05-26.json", "ecs-2014-05-26.json", "src/aliyun_mock/ecs/data/api.json"),
    Product("sts-2015-04-01.json", None, "src/aliyun_mock/sts/data/api.json"),
    Product("vpc-2016-04-28.json", None, "src/aliyun_mock/vpc/data/api.json"),
    Product("resourcemanager-2020-03-31.json", None, "src/aliyun_mock/resourcemanager/data/api.json"),
    Product("resourcesharing-2020-01-10.json", None, "src/aliyun_mock/resourcesharing/data/api.json"),
)

SCRIPT = Path(__file__).resolve()
REPO = SCRIPT.parent.parent
SOURCE_ENV = "ALIYUN_MOCK_API_META"

PARAMETER_LOCATIONS = ("query", "formData", "body", "path", "header")
NUMERIC_KEYS = ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems")
HAND_MADE_BODIES = ("EMPTY", "empty")


SDK_FACTS = REPO / "tools" / "sdk_facts"


def sdk_facts_path(product: Product) -> Path:
    """The product's SDK facts file (``tools/sdk_facts.py`` names it as the metadata file)."""
    return SDK_FACTS / product.meta


def generator_inputs() -> List[Path]:
    """What decides the output besides the metadata: this script and the products' SDK facts files."""
    return [SCRIPT, *(path for path in map(sdk_facts_path, PRODUCTS) if path.is_file())]


def generator_digest() -> str:
    """sha256 over the sha256 of each input's bytes: a checked-in file naming another digest is stale."""
    digest = hashlib.sha256()
    for path in generator_inputs():
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


GENERATOR_DIGEST = generator_digest()


def default_source() -> Path:
    return Path(os.environ.get(SOURCE_ENV) or REPO.parent / "shared")


# --- parameters ------------------------------------------------------------------------------------


def _number(value: Any, where: str) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not a number") from None


def _reduce_parameter_schema(schema: Schema, where: str, notes: List[str]) -> Schema:
    spec: Schema = {}
    if "type" in schema:
        spec["type"] = schema["type"]
    if schema.get("required") is True:
        spec["required"] = True
    if schema.get("deprecated") is True:
        spec["deprecated"] = True
    if "enum" in schema:
        if schema["enum"]:
            spec["enum"] = schema["enum"]
        else:
            notes.append(f"enum: empty enum dropped: {where}")
    for key in NUMERIC_KEYS:
        if key in schema:
            spec[key] = _number(schema[key], f"{where}.{key}")
    for key in ("default", "format", "pattern"):
        if key in schema:
            spec[key] = schema[key]
    if "items" in schema:
        spec["items"] = _reduce_parameter_schema(schema["items"], f"{where}[]", notes)
    if "properties" in schema:
        spec["properties"] = {
            name: _reduce_parameter_schema(sub, f"{where}.{name}", notes) for name, sub in schema["properties"].items()
        }
    return spec


def _parameter_spec(parameter: Schema, where: str, notes: List[str]) -> Schema:
    reduced = _reduce_parameter_schema(parameter.get("schema", {}), where, notes)
    spec: Schema = {key: reduced[key] for key in ("type",) if key in reduced}
    if "style" in parameter:
        spec["style"] = parameter["style"]
    if parameter["in"] != "query":
        spec["in"] = parameter["in"]
    return {**spec, **reduced}


def _merge_duplicate(first: Schema, again: Schema, where: str, notes: List[str]) -> Schema:
    """A name listed twice is one parameter on the wire; ``required`` only when every listing says so."""
    if first == again:
        return first
    merged = dict(first)
    if not again.get("required"):
        merged.pop("required", None)
    notes.append(
        f"parameter: listed twice with different facts, kept the first, required={'required' in merged}: {where}"
    )
    return merged


def compact_parameters(action: str, parameters: Sequence[Schema], notes: List[str]) -> List[List[Any]]:
    specs: Dict[str, Schema] = {}
    for parameter in parameters:
        if parameter.get("in") not in PARAMETER_LOCATIONS:
            notes.append(f"parameter: in={parameter.get('in')!r} skipped: {action}.{parameter['name']}")
            continue
        name = parameter["name"]
        spec = _parameter_spec(parameter, f"{action}.{name}", notes)
        specs[name] = _merge_duplicate(specs[name], spec, f"{action}.{name}", notes) if name in specs else spec
    return [[name, spec] for name, spec in specs.items()]


# --- response --------------------------------------------------------------------------------------


def reduce_response_schema(schema: Schema) -> Schema:
    node: Schema = {key: schema[key] for key in ("type", "format") if key in schema}
    if "properties" in schema:
        node["properties"] = {name: reduce_response_schema(sub) for name, sub in schema["properties"].items()}
    if "items" in schema:
        node["items"] = reduce_response_schema(schema["items"])
    return node


_JSON_TYPES = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (dict, "object"),
    (list, "array"),
)


def _json_type(value: Any) -> str:
    for kind, name in _JSON_TYPES:  # bool before int: a bool is an int to Python
        if isinstance(value, kind):
            return name
    raise TypeError(f"no schema type for {value!r}")


def infer_schema(values: Sequence[Any]) -> Schema:
    """Schema of undocumented real values: objects merge their keys, arrays their elements."""
    kinds = list(dict.fromkeys(_json_type(value) for value in values))
    kind = "number" if set(kinds) == {"integer", "number"} else kinds[0]
    if kind == "object":
        objects = [value for value in values if isinstance(value, dict)]
        keys = dict.fromkeys(key for value in objects for key in value)
        properties = {key: infer_schema([value[key] for value in objects if key in value]) for key in keys}
        return {"type": "object", "properties": properties}
    if kind == "array":
        elements = [element for value in values if isinstance(value, list) for element in value]
        return {"type": "array", "items": infer_schema(elements) if elements else {"type": "string"}}
    return {"type": kind}


def _key_order(documented: Sequence[str], samples: Sequence[Sample]) -> List[str]:
    """Keys in order of first appearance in cloud-ordered samples, then the other documented keys."""
    order = dict.fromkeys(key for value, ordered in samples if ordered for key in value)
    order.update(dict.fromkeys(key for key in documented if key not in order))
    return list(order)


def _check_type(schema: Schema, samples: Sequence[Sample], path: str, notes: List[str]) -> None:
    documented = schema.get("type")
    real = sorted({_json_type(value) for value, _ in samples})
    allowed = {documented, "integer"} if documented == "number" else {documented}
    if documented and not set(real) <= allowed:
        notes.append(f"type: {path} documented {documented}, real {'/'.join(real)}")


def annotate(schema: Schema, samples: Sequence[Sample], path: str, notes: List[str]) -> Schema:
    """Apply what the real samples of this node show: key order, ``omit``, ``undocumented``."""
    if not samples:
        return schema
    _check_type(schema, samples, path, notes)
    objects = [(value, ordered) for value, ordered in samples if isinstance(value, dict)]
    if "properties" in schema and objects:
        return _annotate_object(schema, objects, path, notes)
    arrays = [(value, ordered) for value, ordered in samples if isinstance(value, list)]
    if "items" in schema and arrays:
        elements = [(element, ordered) for value, ordered in arrays for element in value]
        return {**schema, "items": annotate(schema["items"], elements, f"{path}[]", notes)}
    return schema


# Marks an object the metadata does not document and real bodies carry, until the SDK's keys are
# merged: those keys are left out of it as the real bodies leave them (``PrivateDnsNameOptions: {}``).
# Elsewhere the SDK's keys are filled: the captures are older than the fields.
SAMPLED = "_sampled"


def _annotate_object(schema: Schema, objects: Sequence[Sample], path: str, notes: List[str]) -> Schema:
    documented: Schema = schema["properties"]
    order = _key_order(list(documented), objects)
    seen = {key for value, _ in objects for key in value}
    omit = [key for key in documented if key not in seen]
    undocumented = [key for key in order if key not in documented]
    if omit or undocumented:
        notes.append(f"real-body: {path} omit={omit} undocumented={undocumented}")
    notes.extend(f"real-body: {path}.{key} only in a hand-made body, not shipped" for key in sorted(seen - set(order)))
    properties: Schema = {}
    for key in order:
        present = [(value[key], ordered) for value, ordered in objects if key in value]
        if key in documented:
            properties[key] = annotate(documented[key], present, f"{path}.{key}", notes)
        else:  # an object only real bodies show: the SDK's later fields for it stay out, as they did there
            inferred = infer_schema([value for value, _ in present])
            properties[key] = {**inferred, SAMPLED: True} if inferred.get("type") == "object" else inferred
    node: Schema = {**schema, "properties": properties}
    if omit:
        node["omit"] = omit
    if undocumented:
        node["undocumented"] = undocumented
    return node


def real_samples(response: Schema, bodies: Dict[str, Any], action: str, notes: List[str]) -> List[Sample]:
    """The action's real bodies; a body sharing no top-level key with the schema belongs to another action."""
    documented = set(response.get("properties", {}))
    samples: List[Sample] = []
    for name, body in bodies.items():
        if isinstance(body, dict) and documented & set(body):
            samples.append((body, name not in HAND_MADE_BODIES))
        else:
            notes.append(f"real-body: {action}/{name} skipped, not this action's shape")
    return samples


# --- errors ----------------------------------------------------------------------------------------


def compact_errors(action: str, error_codes: Optional[Dict[str, List[Schema]]], notes: List[str]) -> List[List[Any]]:
    rows = {
        # a code never ends in a tab on the wire; a no-break space in a message is the page's rendering
        (int(status), entry["errorCode"].strip(), entry["errorMessage"].replace("\u00a0", " "))
        for status, entries in (error_codes or {}).items()
        for entry in entries
    }
    for status, code, message in sorted(rows):
        if message != message.strip():
            notes.append(f"error: message kept with its blanks: {action} {status} {code!r} {message!r}")
    return [list(row) for row in sorted(rows)]


# --- SDK facts -------------------------------------------------------------------------------------


def _sdk(spec: Schema) -> Schema:
    return {**spec, "sdk": True}


def _fields_node(spec: Schema) -> Schema:
    """The object holding a parameter's fields: itself, or the items of a list."""
    return spec.get("items", {}) if spec.get("type") == "array" else spec


def _same_key(properties: Schema, key: str, where: str, notes: List[str]) -> Optional[str]:
    """The documented key the SDK's ``key`` is: the same, or spelled with other upper/lower case."""
    if key in properties:
        return key
    for known in properties:
        if known.lower() == key.lower():
            notes.append(f"sdk: spelling: {where}.{key} is documented as {known}, the documented spelling kept")
            return known
    return None


def _type_differs(documented: Schema, sdk: Schema, where: str, notes: List[str]) -> bool:
    if documented.get("type") == sdk.get("type"):
        return False
    notes.append(f"sdk: type: {where} documented {documented.get('type')}, SDK {sdk.get('type')}, documented kept")
    return True


def merge_fields(documented: Schema, sdk: Schema, where: str, notes: List[str]) -> Schema:
    """A documented parameter or field plus the fields only the SDK has, at any depth, marked ``"sdk": true``."""
    if _type_differs(documented, sdk, where, notes):
        return documented
    if "items" in documented and "items" in sdk:
        return {**documented, "items": merge_fields(documented["items"], sdk["items"], where, notes)}
    if "properties" not in sdk:
        return documented
    properties = dict(documented.get("properties", {}))
    for key, field in sdk["properties"].items():
        known = _same_key(properties, key, where, notes)
        if known is None:
            properties[key] = _sdk(field)
        else:
            properties[known] = merge_fields(properties[known], field, f"{where}.{key}", notes)
    return {**documented, "properties": properties}


def _wire_style(documented: Schema, sdk: Schema, where: str, notes: List[str]) -> Schema:
    """The documented spec with the style the SDK puts on the wire, where the two disagree (the SDK is newer)."""
    if documented.get("style") == sdk.get("style") or documented.get("type") != sdk.get("type"):
        return documented
    notes.append(f"sdk: style: {where} documented {documented.get('style')}, SDK {sdk.get('style')}: the SDK's kept")
    return {**documented, "style": sdk["style"]} if "style" in sdk else documented


def _positions(name: str, field: str, specs: Schema) -> List[str]:
    """Documented names spelling a list position by position: ``Filter.1.Key`` (``AddGroup.1`` without a field)."""
    pattern = re.compile(re.escape(name) + r"\.\d+" + (re.escape(f".{field}") if field else ""))
    return [known for known in specs if pattern.fullmatch(known)]


def _merge_spelled(
    name: str, sdk: Schema, specs: Dict[str, Schema], added: Dict[str, Schema], action: str, notes: List[str]
) -> Schema:
    """Fields of ``name`` the metadata spells as top-level names (``CpuOptions.Core``, ``Filter.1.Key``) are
    merged there; SDK-only ones go to ``added`` as such names when the metadata has no object ``name`` to
    hold them. Returns the SDK spec less the fields so handled, for ``merge_fields`` on the object."""
    node = _fields_node(sdk)
    remaining: Schema = {}
    for field, field_spec in node.get("properties", {}).items():
        top = f"{name}.{field}"
        positions = _positions(name, field, specs)
        if top in specs:
            specs[top] = merge_fields(specs[top], field_spec, f"{action}.{top}", notes)
        elif positions:
            for spelled in positions:
                _type_differs(specs[spelled], field_spec, f"{action}.{spelled}", notes)
        elif name in specs:
            remaining[field] = field_spec
        elif _positions(name, "", specs) or any(_positions(name, other, specs) for other in node["properties"]):
            notes.append(f"sdk: {action}.{name}.N.{field}: SDK-only field of a list spelled by position, not merged")
        else:
            added[top] = _sdk(field_spec)
    if "properties" not in node:
        for spelled in _positions(name, "", specs):
            _type_differs(specs[spelled], node, f"{action}.{spelled}", notes)
        return sdk
    rest = {**node, "properties": remaining}
    return {**sdk, "items": rest} if sdk.get("type") == "array" else rest


def merge_parameters(
    action: str, documented: List[List[Any]], sdk: List[List[Any]], notes: List[str]
) -> List[List[Any]]:
    """The documented parameters, then the SDK's extra ones in the SDK's order (see the module docstring)."""
    specs: Dict[str, Schema] = {name: spec for name, spec in documented}
    added: Dict[str, Schema] = {}
    for name, spec in sdk:
        where = f"{action}.{name}"
        spelled = any(known.startswith(f"{name}.") for known in specs)
        if name not in specs and not spelled:
            added[name] = _sdk(spec)
            continue
        if name in specs and _type_differs(specs[name], spec, where, notes):
            continue
        rest = _merge_spelled(name, spec, specs, added, action, notes) if spelled else spec
        if name in specs:
            specs[name] = merge_fields(_wire_style(specs[name], spec, where, notes), rest, where, notes)
    return [[name, spec] for name, spec in (*specs.items(), *added.items())]


def merge_response(documented: Schema, sdk: Schema, path: str, notes: List[str]) -> Schema:
    """The documented body plus the keys only the SDK knows, last in their object and named in its ``sdk``."""
    if _type_differs(documented, sdk, path, notes):
        return documented
    if "items" in documented and "items" in sdk:
        return {**documented, "items": merge_response(documented["items"], sdk["items"], f"{path}[]", notes)}
    if "properties" not in sdk:
        return documented
    properties = dict(documented.get("properties", {}))
    new: List[str] = []
    for key, sub in sdk["properties"].items():
        known = _same_key(properties, key, path, notes)
        if known is None:
            properties[key] = sub
            new.append(key)
        else:
            properties[known] = merge_response(properties[known], sub, f"{path}.{key}", notes)
    node: Schema = {**documented, "properties": properties}
    if new:
        node["sdk"] = new
        if documented.get(SAMPLED):
            node["omit"] = list(documented.get("omit", [])) + new
    return node


def without_marks(schema: Any) -> Any:
    """The schema without the working mark ``SAMPLED`` (it is not shipped)."""
    if isinstance(schema, dict):
        return {key: without_marks(value) for key, value in schema.items() if key != SAMPLED}
    if isinstance(schema, list):
        return [without_marks(value) for value in schema]
    return schema


def merge_action(name: str, action: Schema, facts: Schema, notes: List[str]) -> Schema:
    parameters = merge_parameters(name, action["parameters"], facts["parameters"], notes)
    response = merge_response(action["response"], facts["response"], name, notes)
    return {**action, "parameters": parameters, "response": response}


def sdk_only_action(facts: Schema) -> Schema:
    return {"parameters": facts["parameters"], "response": facts["response"], "errors": [], "sdk_only": True}


def merge_sdk_facts(actions: Dict[str, Schema], facts: Optional[Schema], notes: List[str]) -> Dict[str, Schema]:
    """The product's actions with the SDK's facts merged in, sorted by name."""
    if facts is None:
        return actions
    sdk_actions: Dict[str, Schema] = facts["actions"]
    merged = {
        name: merge_action(name, action, sdk_actions[name], notes) if name in sdk_actions else action
        for name, action in actions.items()
    }
    merged.update({name: sdk_only_action(sdk_actions[name]) for name in sdk_actions if name not in actions})
    missing = sorted(set(actions) - set(sdk_actions))
    if missing:
        notes.append(f"sdk: {len(missing)} documented actions the SDK lacks (kept): {', '.join(missing)}")
    notes.append(_sdk_summary(merged, facts))
    return {name: merged[name] for name in sorted(merged)}


def _marked_fields(spec: Schema) -> int:
    """Fields marked ``"sdk": true`` within a documented spec (a marked field counts once)."""
    return sum(
        1 if field.get("sdk") else _marked_fields(field) for field in _fields_node(spec).get("properties", {}).values()
    )


def _sdk_keys(node: Schema) -> int:
    """Response keys named in ``sdk`` lists within a node."""
    inner = [*node.get("properties", {}).values(), *([node["items"]] if "items" in node else [])]
    return len(node.get("sdk", ())) + sum(_sdk_keys(sub) for sub in inner)


def _sdk_summary(actions: Dict[str, Schema], facts: Schema) -> str:
    merged = [action for action in actions.values() if not action.get("sdk_only")]
    specs = [spec for action in merged for _, spec in action["parameters"]]
    parameters = sum(1 for spec in specs if spec.get("sdk"))
    fields = sum(_marked_fields(spec) for spec in specs if not spec.get("sdk"))
    keys = sum(_sdk_keys(action["response"]) for action in merged)
    sdk = facts["sdk"]
    return (
        f"sdk: {sdk['distribution']} {sdk['version']} merged: {parameters} parameters, {fields} fields of documented"
        f" parameters, {keys} response keys, {len(actions) - len(merged)} actions only in the SDK"
    )


def load_sdk_facts(product: Product) -> Optional[Schema]:
    path = sdk_facts_path(product)
    return json.loads(path.read_bytes()) if path.is_file() else None


# --- product ---------------------------------------------------------------------------------------


def compact_action(name: str, api: Schema, bodies: Optional[Dict[str, Any]], notes: List[str]) -> Schema:
    response = reduce_response_schema(api.get("responses", {}).get("200", {}).get("schema", {}))
    if bodies:
        response = annotate(response, real_samples(response, bodies, name, notes), name, notes)
    return {
        "parameters": compact_parameters(name, api.get("parameters", []), notes),
        "response": response,
        "errors": compact_errors(name, api.get("errorCodes"), notes),
    }


def _product_and_version(meta: Schema, product: Product) -> Tuple[str, str]:
    info = meta.get("info", {})
    stem = product.meta[: -len(".json")]
    fallback_name, _, fallback_version = stem.partition("-")
    return info.get("product", fallback_name), info.get("version", fallback_version)


def compact_product(product: Product, source_dir: Path, notes: List[str]) -> str:
    meta_bytes = (source_dir / "api-meta" / product.meta).read_bytes()
    source = hashlib.sha256(meta_bytes)
    real: Dict[str, Dict[str, Any]] = {}
    if product.real_bodies:
        real_bytes = (source_dir / "real-bodies" / product.real_bodies).read_bytes()
        source.update(real_bytes)
        real = json.loads(real_bytes)
    meta = json.loads(meta_bytes)
    name, version = _product_and_version(meta, product)
    actions = {
        action: compact_action(action, meta["apis"][action], real.get(action), notes) for action in sorted(meta["apis"])
    }
    actions = without_marks(merge_sdk_facts(actions, load_sdk_facts(product), notes))
    document = {
        "product": name,
        "version": version,
        "generator": GENERATOR_DIGEST,
        "source": source.hexdigest(),
        "actions": actions,
    }
    deprecated = [action for action in actions if meta["apis"].get(action, {}).get("deprecated") is True]
    if deprecated:
        notes.append(
            f"deprecated: {len(deprecated)} actions documented as deprecated (flag not shipped): {', '.join(deprecated)}"
        )
    notes.insert(0, _summary(name, version, actions))
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def _summary(name: str, version: str, actions: Schema) -> str:
    parameters = sum(len(action["parameters"]) for action in actions.values())
    errors = sum(len(action["errors"]) for action in actions.values())
    return f"{name} {version}: {len(actions)} actions, {parameters} parameters, {errors} errors"


NOTE_KINDS = ("real-body", "type", "sdk", "parameter", "enum", "error", "deprecated")


def _note_rank(note: str) -> int:
    kind = note.partition(":")[0]
    return NOTE_KINDS.index(kind) if kind in NOTE_KINDS else len(NOTE_KINDS)


def build(source_dir: Path, report: Optional[List[str]] = None) -> Dict[str, str]:
    """Output path (relative to the repository) -> exact file text, for every product of ``PRODUCTS``."""
    files: Dict[str, str] = {}
    for product in PRODUCTS:
        notes: List[str] = []
        files[product.output] = compact_product(product, Path(source_dir), notes)
        if report is not None:
            report.append(notes[0])
            report.extend(f"  {note}" for note in sorted(notes[1:], key=_note_rank))
    return files


def stale_files(files: Dict[str, str]) -> List[str]:
    return [path for path, text in files.items() if _read(REPO / path) != text.encode("utf-8")]


def _read(path: Path) -> Optional[bytes]:
    return path.read_bytes() if path.is_file() else None


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--source", type=Path, default=default_source(), help="folder holding api-meta/ and real-bodies/"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a checked-in file differs from what would be written"
    )
    args = parser.parse_args(argv)
    if not (args.source / "api-meta").is_dir():
        print(f"no api-meta/ under {args.source}: pass --source or set {SOURCE_ENV}", file=sys.stderr)
        return 2
    report: List[str] = []
    files = build(args.source, report)
    if args.check:
        stale = stale_files(files)
        for path in stale:
            print(f"stale: {path} (run python tools/compact_api_meta.py)", file=sys.stderr)
        if not stale:
            print("api.json files are up to date", file=sys.stderr)
        return 1 if stale else 0
    for path, text in files.items():
        (REPO / path).parent.mkdir(parents=True, exist_ok=True)
        (REPO / path).write_bytes(text.encode("utf-8"))
        print(f"wrote {path} ({len(text.encode('utf-8'))} bytes)", file=sys.stderr)
    print("\n".join(report), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
