"""A product (ECS, STS, …): its API version, its actions and its error catalogue.

An action is one function whose keyword-only parameters are the API's own parameter names,
typed; binding the decoded request to them is done here, once, so that every action gets the
same answers for missing or malformed input::

    @ecs.action("DescribeImageSharePermission")
    def describe_image_share_permission(call: Call, *, RegionId: str, ImageId: str,
                                        PageNumber: int = 1, PageSize: int = 10) -> dict: ...

A parameter without a default is required (``MissingParameter`` when absent or empty).

The product's API description (``core/description.py``) says what else the cloud documents for
the action. Next to its handler, every documented parameter is declared one of: *honoured* (a
keyword of the handler, or a field listed in ``fields=`` such as ``SystemDisk.Size``), *without
effect* (``without_effect={name: why}``: it cannot change the mock's answer) or *not implemented*
(``not_implemented=(...)``: a request that sets it gets 501 ``AliyunMock.NotImplemented`` naming
it) — never silently ignored. Binding checks every documented parameter a request sets against
its documented type and limits (``own_checks=`` names those the handler checks itself, with
codes of their own).
"""

from __future__ import annotations

import collections.abc
import dataclasses
import inspect
import typing
from dataclasses import dataclass
from typing import Any, Callable, Dict, FrozenSet, Iterable, List, Mapping, Optional, Tuple

from .description import ActionDescription, Description, Schema, Shape, canonical_field, object_fields
from .errors import ApiError, ErrorCatalogue

Handler = Callable[..., Dict[str, Any]]
Check = Callable[[Any], Optional[str]]
_MISSING = inspect.Parameter.empty

# Every product's actions take these: the console's resource-owner delegation. The AccessKey a
# request is signed with decides the account, so they cannot change an answer.
OWNER_FIELDS = ("OwnerId", "OwnerAccount", "ResourceOwnerId", "ResourceOwnerAccount")
# Honoured by the application for every action that documents it (core/app.py).
CORE_HONOURED = frozenset({"ClientToken"})
RESOURCE_OWNER = {name: "resource-owner identity; the signing key decides the account" for name in OWNER_FIELDS}


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # "str" | "int" | "bool" | "list" | "dict"
    required: bool
    default: Any
    item: Optional[type] = None  # a list's element type (str for AddAccount.N, dict for Tag.N.Key)


@dataclass(frozen=True)
class Declaration:
    """What the handler does with each documented parameter (see the module docstring)."""

    fields: FrozenSet[str] = frozenset()  # honoured fields of object parameters: "SystemDisk.Size"
    without_effect: Mapping[str, str] = dataclasses.field(default_factory=dict)
    not_implemented: FrozenSet[str] = frozenset()
    own_checks: FrozenSet[str] = frozenset()
    shaped: bool = False  # its handler builds nested objects from shapes itself (hot Describe* bodies)


@dataclass
class _Compiled:
    """An action's documented parameters, prepared on its first call."""

    checks: Dict[str, Check]  # documented name → is a wire value acceptable
    refused: FrozenSet[str]  # not-implemented top-level names
    refused_fields: Dict[str, FrozenSet[str]]  # parent → its not-implemented fields
    object_lists: FrozenSet[str]  # lists of objects whose field spellings are made canonical


@dataclass
class Action:
    name: str
    handler: Handler
    parameters: Tuple[Parameter, ...]
    malformed_code: str = "InvalidParameter"  # what a value of the wrong type gets
    declaration: Declaration = dataclasses.field(default_factory=Declaration)
    product: Optional["Product"] = dataclasses.field(default=None, repr=False)
    _compiled: Optional[_Compiled] = dataclasses.field(default=None, repr=False)

    @property
    def description(self) -> Optional[ActionDescription]:
        return self.product.describe(self.name) if self.product else None

    def honoured(self) -> FrozenSet[str]:
        """The units this action honours: its scalar keywords and its declared fields."""
        described = self.description
        documented = described.parameters if described else {}
        scalars = {p.name for p in self.parameters if not (p.name in documented and object_fields(documented[p.name]))}
        return frozenset(scalars | self.declaration.fields | (CORE_HONOURED & set(documented)))

    def classification_problems(self) -> List[str]:
        """Documented units not classified exactly once, and declared names nobody documents.
        (A handler may honour more than the description lists: the SDKs are newer.)"""
        described = self.description
        if described is None:
            return [f"{self.name}: not in the API description"]
        units = described.units()
        honoured = self.honoured()
        declared = (frozenset(self.declaration.without_effect), self.declaration.not_implemented)
        problems = []
        for unit in units:
            count = (unit in honoured) + sum(unit in c for c in declared)
            if count != 1:
                problems.append(f"{self.name}: {unit} is classified {count} times")
        known = set(units)
        problems += [f"{self.name}: {u} is declared but not documented" for c in declared for u in sorted(c - known)]
        return problems

    def _compile(self) -> _Compiled:
        described = self.description
        documented: Mapping[str, Schema] = described.parameters if described else {}
        refused_fields: Dict[str, set] = {}
        refused = set()
        for unit in self.declaration.not_implemented:
            parent, _, field = unit.partition(".")
            if field[:1].isdigit():  # "Filter.1.Key", documented flat: the whole list is refused
                refused.add(parent)
            elif field:
                refused_fields.setdefault(parent, set()).add(field)
            else:
                refused.add(parent)
        checks = {
            name: _check_for(spec, name not in self.declaration.own_checks)
            for name, spec in documented.items()
            if not object_fields(spec)
        }
        object_lists = frozenset(
            n for n, spec in documented.items() if spec.get("type") == "array" and object_fields(spec)
        )
        return _Compiled(checks, frozenset(refused), {k: frozenset(v) for k, v in refused_fields.items()}, object_lists)

    def bind(self, params: Mapping[str, Any]) -> Dict[str, Any]:
        """Convert wire values to the handler's keyword arguments, or raise the documented error."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = self._compile()
        params = self._screen(compiled, params)
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

    def _screen(self, compiled: _Compiled, params: Mapping[str, Any]) -> Mapping[str, Any]:
        """Refuse what is not implemented, check documented limits, make field spellings canonical."""
        canonical: Optional[Dict[str, Any]] = None
        for name, value in params.items():
            if value == "" or value is None:
                continue
            if name in compiled.refused:
                raise self._not_implemented(name)
            fields = compiled.refused_fields.get(name)
            if name in compiled.object_lists and isinstance(value, list):
                value = [_canonical_keys(item) for item in value]
                canonical = canonical if canonical is not None else dict(params)
                canonical[name] = value
            if fields:
                for item in value if isinstance(value, list) else [value]:
                    for field in item if isinstance(item, dict) else ():
                        if field in fields and item[field] != "":
                            raise self._not_implemented(f"{name}.{field}")
            check = compiled.checks.get(name)
            problem = check(value) if check is not None else None
            if problem is not None:
                raise ApiError(self.malformed_code if problem == TYPE else "InvalidParameter", name)
        return canonical if canonical is not None else params

    def _not_implemented(self, unit: str) -> ApiError:
        if self.product is None:
            return ApiError("AliyunMock.NotImplemented", f"Parameter {unit} of {self.name}")
        return self.product.not_implemented(self.name, f"Parameter {unit}")


def _canonical_keys(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    return {canonical_field(k): v for k, v in item.items()}


TYPE, LIMIT = "type", "limit"


def _check_for(spec: Schema, with_limits: bool) -> Check:
    """Whether a wire value has the documented type (``TYPE``: the action's malformed code) and
    lies within the documented limits (``LIMIT``: ``InvalidParameter``) — limits unless the
    handler checks them itself, with codes of its own. None when it is acceptable."""
    kind = spec.get("type")
    if kind == "array":
        item_check = _check_for(spec.get("items", {}), with_limits)
        most = spec.get("maxItems") if with_limits else None

        def check_list(value: Any) -> Optional[str]:
            if not isinstance(value, list):  # only repeat lists arrive un-flattened; a JSON string is the handler's
                return None
            if most is not None and len(value) > most:
                return LIMIT
            return next((problem for problem in map(item_check, value) if problem), None)

        return check_list
    if kind in ("integer", "number"):
        low, high = (spec.get("minimum"), spec.get("maximum")) if with_limits else (None, None)
        parse: Callable[[str], Any] = int if kind == "integer" else float
        return lambda v: _number_problem(v, parse, low, high)
    if kind == "boolean":
        return lambda v: None if isinstance(v, str) and v.lower() in ("true", "false") else TYPE
    choices = frozenset(spec.get("enum", ())) if with_limits else frozenset()
    longest = spec.get("maxLength") if with_limits else None

    def check_text(value: Any) -> Optional[str]:
        if not isinstance(value, str):
            return TYPE
        if (choices and value not in choices) or (longest is not None and len(value) > longest):
            return LIMIT
        return None

    return check_text


def _number_problem(value: Any, parse: Callable[[str], Any], low: Any, high: Any) -> Optional[str]:
    if not isinstance(value, str):
        return TYPE
    try:
        number = parse(value)
    except ValueError:
        return TYPE
    if (low is not None and number < low) or (high is not None and number > high):
        return LIMIT
    return None


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
        description: Optional[Description] = None,
    ) -> None:
        self.name = name
        self.host_label = host_label
        self.version = version
        self.catalogue = catalogue
        self.known_actions = known_actions
        self.description = description
        if description is not None:
            catalogue.documented = self._documented_errors
        self.actions: Dict[str, Action] = {}
        self._shapes: Dict[Tuple[str, str], Shape] = {}

    def describe(self, action: str) -> Optional[ActionDescription]:
        return self.description.action(action) if self.description else None

    def not_implemented(self, action: str, what: str) -> ApiError:
        """501 ``AliyunMock.NotImplemented`` for ``what`` (a parameter, a value) of ``action``."""
        return ApiError(
            "AliyunMock.NotImplemented", f"{what} of {self.name} action {action} (API version {self.version})"
        )

    def _documented_errors(self, action: str) -> Mapping[str, Tuple[int, str]]:
        described = self.describe(action)
        return described.errors if described else {}

    def complete(self, action: Action, result: Mapping[str, Any], request_id: str) -> Dict[str, Any]:
        """The success body: every documented field in the cloud's order, with the handler's values
        and the call's RequestId. Nested objects are completed here unless the handler built them
        from shapes itself (``shaped=True``, for bodies a test suite asks for thousands of times)."""
        shape = self._shapes.get((action.name, ""))
        if shape is None:
            if self.describe(action.name) is None:
                return {"RequestId": request_id, **result}
            shape = self.shape(action.name)
        body = shape.build(result) if action.declaration.shaped else shape.fill(result)
        body["RequestId"] = request_id
        return body

    def shape(self, action: str, path: str = "") -> Shape:
        """The success-body object of ``action`` at ``path`` (``Images.Image[]``), for views to fill."""
        shape = self._shapes.get((action, path))
        if shape is None:
            described = self.describe(action)
            if described is None:
                raise KeyError(f"{self.name} documents no action {action}")
            shape = Shape(described.response).child(path) if path else Shape(described.response)
            self._shapes[(action, path)] = shape
        return shape

    def action(
        self,
        name: str,
        *,
        malformed_code: str = "InvalidParameter",
        fields: Iterable[str] = (),
        without_effect: Optional[Mapping[str, str]] = None,
        not_implemented: Iterable[str] = (),
        own_checks: Iterable[str] = (),
        shaped: bool = False,
    ) -> Callable[[Handler], Handler]:
        """Register ``handler`` as the action ``name`` with what it does with each documented
        parameter (module docstring); ``malformed_code`` answers mistyped values."""
        declaration = Declaration(
            frozenset(fields), dict(without_effect or {}), frozenset(not_implemented), frozenset(own_checks), shaped
        )

        def register(handler: Handler) -> Handler:
            hints = typing.get_type_hints(handler)
            parameters = tuple(
                Parameter(
                    p.name, _kind(hints[p.name]), p.default is _MISSING, _default(p.default), _item(hints[p.name])
                )
                for p in inspect.signature(handler).parameters.values()
                if p.kind is inspect.Parameter.KEYWORD_ONLY
            )
            self.actions[name] = Action(name, handler, parameters, malformed_code, declaration, self)
            return handler

        return register

    def find(self, action: str) -> Optional[Action]:
        return self.actions.get(action)


def parameters_like(model: Handler, drop: Iterable[str] = ()) -> Callable[[Handler], Handler]:
    """Give a handler that takes ``**given`` the keyword parameters of ``model`` (less ``drop``):
    for two actions documented with the same parameters, declared once."""
    dropped = set(drop)

    def adopt(handler: Handler) -> Handler:
        signature = inspect.signature(model)
        kept = [p for p in signature.parameters.values() if p.name not in dropped]
        handler.__signature__ = signature.replace(parameters=kept)  # type: ignore[attr-defined]
        handler.__annotations__ = {k: v for k, v in model.__annotations__.items() if k not in dropped}
        return handler

    return adopt


def _item(annotation: Any) -> Optional[type]:
    args = typing.get_args(annotation)
    return args[0] if len(args) == 1 and args[0] in (str, dict) else None


def _default(value: Any) -> Any:
    if value is _MISSING:
        return None
    return list(value) if isinstance(value, tuple) else value
