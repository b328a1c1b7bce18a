"""A product (ECS, STS, …): its API version, its actions and its error catalogue.

An action is one function whose keyword-only parameters are the API's own parameter names,
typed; binding the decoded request to them is done here, once, so that every action gets the
same answers for missing or malformed input::

    @ecs.action("DescribeImageSharePermission")
    def describe_image_share_permission(call: Call, *, RegionId: str, ImageId: str,
                                        PageNumber: int = 1, PageSize: int = 10) -> Body: ...

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
import functools
import inspect
import typing
from dataclasses import dataclass
from typing import Any, Callable, Dict, FrozenSet, Iterable, List, Mapping, Optional, Tuple, cast

from .description import ActionDescription, Description, Schema, Shape, canonical_field, object_fields
from .errors import ApiError, ErrorCatalogue

Body = Dict[str, Any]  # what a handler answers: the success body before completion (Product.complete)
Handler = Callable[..., Body]
Check = Callable[[Any], Optional[str]]
_MISSING = inspect.Parameter.empty

# Every product's actions take these: the console's resource-owner delegation. The AccessKey a
# request is signed with decides the account, so they cannot change an answer.
OWNER_FIELDS = ("OwnerId", "OwnerAccount", "ResourceOwnerId", "ResourceOwnerAccount")
# Honoured by the application for every action that documents it (core/app.py).
CORE_HONOURED = frozenset({"ClientToken"})
# Declared without effect by every action (an action that documents only some of them is fine).
RESOURCE_OWNER = {name: "resource-owner identity; the signing key decides the account" for name in OWNER_FIELDS}


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # "str" | "int" | "bool" | "list" | "dict"
    required: bool
    default: Any
    item: Optional[type] = None  # a list's element type (str for AddAccount.N, dict for Tag.N.Key)


class Declaration:
    """What the handler does with each documented parameter (see the module docstring). Plain classes
    here and in ``description.py``: each dataclass costs the package's import about a millisecond."""

    __slots__ = ("fields", "without_effect", "not_implemented", "own_checks", "shaped")

    def __init__(
        self,
        fields: FrozenSet[str] = frozenset(),
        without_effect: Optional[Mapping[str, str]] = None,
        not_implemented: FrozenSet[str] = frozenset(),
        own_checks: FrozenSet[str] = frozenset(),
        shaped: bool = False,
    ) -> None:
        self.fields = fields  # honoured fields of object parameters: "SystemDisk.Size"
        self.without_effect: Mapping[str, str] = without_effect or {}
        self.not_implemented = not_implemented
        self.own_checks = own_checks
        self.shaped = shaped  # its handler builds nested objects from shapes itself (hot Describe* bodies)


class _Screen:
    """What binding does with one documented parameter a request sets (prepared on the first call)."""

    __slots__ = ("refused", "refused_fields", "object_list", "check")

    def __init__(self, object_list: bool = False, check: Optional[Check] = None) -> None:
        self.refused = False  # not implemented: 501
        self.refused_fields: FrozenSet[str] = frozenset()  # its not-implemented fields
        self.object_list = object_list  # a list of objects whose field spellings are made canonical
        self.check = check  # its documented type and limits

    def has_work(self) -> bool:
        return self.refused or bool(self.refused_fields) or self.object_list or self.check is not None


@dataclass
class Action:
    name: str
    handler: Handler
    parameters: Tuple[Parameter, ...]
    malformed_code: str = "InvalidParameter"  # what a value of the wrong type gets
    declaration: Declaration = dataclasses.field(default_factory=Declaration)
    product: Optional["Product"] = dataclasses.field(default=None, repr=False)

    @property
    def description(self) -> Optional[ActionDescription]:
        return self.product.describe(self.name) if self.product else None

    @functools.cached_property
    def body_shape(self) -> Optional[Shape]:
        """The documented success body, or None for an action the description does not have."""
        return self.product.shape(self.name) if self.product and self.description else None

    @functools.cached_property
    def idempotent(self) -> bool:
        """Whether the action documents ``ClientToken`` (the application then replays repeats)."""
        described = self.description
        return described is not None and "ClientToken" in described.parameters

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
        known = set(units) | set(OWNER_FIELDS)  # RESOURCE_OWNER serves actions that document only some
        problems += [f"{self.name}: {u} is declared but not documented" for c in declared for u in sorted(c - known)]
        return problems

    @functools.cached_property
    def _screens(self) -> Dict[str, _Screen]:
        """What binding does with each documented parameter, prepared on the action's first call."""
        described = self.description
        documented: Mapping[str, Schema] = described.parameters if described else {}
        screens = {
            name: _Screen(
                object_list=spec.get("type") == "array" and bool(object_fields(spec)),
                check=None if object_fields(spec) else _check_for(spec, name not in self.declaration.own_checks),
            )
            for name, spec in documented.items()
        }
        for unit in self.declaration.not_implemented:
            parent, _, field = unit.partition(".")
            screen = screens.setdefault(parent, _Screen())
            if field and not field[:1].isdigit():
                screen.refused_fields |= {field}
            else:  # a name, or "Filter.1.Key" (a list documented flat): the whole parameter is refused
                screen.refused = True
        return {name: screen for name, screen in screens.items() if screen.has_work()}

    def bind(self, params: Mapping[str, Any]) -> Dict[str, Any]:
        """Convert wire values to the handler's keyword arguments, or raise the documented error."""
        screens = self._screens
        if not screens.keys().isdisjoint(params):  # most requests set nothing that needs screening
            params = self._screen(screens, params)
        kwargs = dict(self._defaults)
        first_problem: Optional[Tuple[int, ApiError]] = None  # the earliest in the signature, as documented
        for name, raw in params.items():
            found = self._by_name.get(name)
            if found is None:
                continue
            position, p = found
            try:
                value = _convert(p, raw)
            except ValueError:
                value, problem = None, ApiError(self.malformed_code, p.name)
                if first_problem is None or position < first_problem[0]:
                    first_problem = (position, problem)
            if value is not None:
                kwargs[name] = value
        for position, p in self._required:
            if kwargs.get(p.name) is None and (first_problem is None or position < first_problem[0]):
                first_problem = (position, self._missing(p.name))
        if first_problem is not None:
            raise first_problem[1]
        return kwargs

    @functools.cached_property
    def _by_name(self) -> Dict[str, Tuple[int, Parameter]]:
        return {p.name: (i, p) for i, p in enumerate(self.parameters)}

    @functools.cached_property
    def _defaults(self) -> Dict[str, Any]:
        return {p.name: p.default for p in self.parameters if not p.required}

    @functools.cached_property
    def _required(self) -> List[Tuple[int, Parameter]]:
        return [(i, p) for i, p in enumerate(self.parameters) if p.required]

    def _screen(self, screens: Dict[str, _Screen], params: Mapping[str, Any]) -> Mapping[str, Any]:
        """Refuse what is not implemented, check documented limits, make field spellings canonical."""
        canonical: Optional[Dict[str, Any]] = None
        for name, value in params.items():
            screen = screens.get(name)
            if screen is None or value == "" or value is None:
                continue
            if screen.refused:
                raise self._not_implemented(name)
            if screen.object_list and isinstance(value, list):
                value = [_canonical_keys(item) for item in value]
                canonical = canonical if canonical is not None else dict(params)
                canonical[name] = value
            if screen.refused_fields:
                for item in value if isinstance(value, list) else [value]:
                    for field in item if isinstance(item, dict) else ():
                        if field in screen.refused_fields and item[field] != "":
                            raise self._not_implemented(f"{name}.{field}")
            problem = screen.check(value) if screen.check is not None else None
            if problem is not None:
                raise ApiError(self.malformed_code if problem == TYPE else "InvalidParameter", name)
        return canonical if canonical is not None else params

    def _missing(self, name: str) -> ApiError:
        """The gateway's ``MissingParameter``, or for a product whose service checks its own
        parameters, the action's documented ``MissingParameter.<name>`` when it has one."""
        own = f"MissingParameter.{name}"
        described = self.description
        if self.product is not None and self.product.own_parameter_codes and described and own in described.errors:
            return ApiError(own)
        return ApiError("MissingParameter", name)

    def _not_implemented(self, unit: str) -> ApiError:
        if self.product is None:
            return ApiError("AliyunMock.NotImplemented", f"Parameter {unit} of {self.name}")
        return self.product.not_implemented(self.name, f"Parameter {unit}")


def _canonical_keys(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    return {canonical_field(k): v for k, v in item.items()}


TYPE, LIMIT = "type", "limit"


def _check_for(spec: Schema, with_limits: bool) -> Optional[Check]:
    """A check of a wire value against the documented type (``TYPE``: the action's malformed code)
    and limits (``LIMIT``: ``InvalidParameter``; not when the handler checks them itself, with codes
    of its own), answering None when the value is acceptable; None when there is nothing to check."""
    kind = spec.get("type")
    if kind == "array":
        item_check = _check_for(spec.get("items", {}), with_limits)
        most = spec.get("maxItems") if with_limits else None
        if item_check is None and most is None:
            return None

        def check_list(value: Any) -> Optional[str]:
            if not isinstance(value, list):  # only repeat lists arrive un-flattened; a JSON string is the handler's
                return None
            if most is not None and len(value) > most:
                return LIMIT
            return next((problem for problem in map(item_check, value) if problem), None) if item_check else None

        return check_list
    if kind in ("integer", "number"):
        low, high = (spec.get("minimum"), spec.get("maximum")) if with_limits else (None, None)
        parse: Callable[[str], Any] = int if kind == "integer" else float
        return lambda v: _number_problem(v, parse, low, high)
    if kind == "boolean":
        return lambda v: None if isinstance(v, str) and v.lower() in ("true", "false") else TYPE
    choices = frozenset(spec.get("enum", ())) if with_limits else frozenset()
    longest = spec.get("maxLength") if with_limits else None
    if not choices and longest is None:
        return None  # a string the handler reads as it comes

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
        return cast(str, annotation.__name__)
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
        own_parameter_codes: bool = False,
    ) -> None:
        """``own_parameter_codes``: the product's service, not the gateway, refuses a missing
        required parameter, with the code its actions document for it (``MissingParameter.FolderId``)."""
        self.name = name
        self.own_parameter_codes = own_parameter_codes
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

    def action_names(self) -> FrozenSet[str]:
        """Every action of the real product the mock knows of, implemented or not."""
        documented = frozenset(self.description.action_names()) if self.description else frozenset()
        return frozenset(self.actions) | self.known_actions | documented

    def knows(self, action: str) -> bool:
        """Whether the real product has ``action`` (listed, or in its description): a call of one
        the mock lacks is told apart from a typo."""
        return action in self.known_actions or self.describe(action) is not None

    def not_implemented(self, action: str, what: str) -> ApiError:
        """501 ``AliyunMock.NotImplemented`` for ``what`` (a parameter, a value) of ``action``."""
        return ApiError(
            "AliyunMock.NotImplemented", f"{what} of {self.name} action {action} (API version {self.version})"
        )

    def documented_error(self, action: str, code: str, *args: object) -> ApiError:
        """``code`` with the text ``action`` documents for it: for a code the gateway also answers
        with a text of its own (``InvalidParameter``), when the action's own check raises it."""
        described = self.describe(action)
        entry = described.errors.get(code) if described else None
        return ApiError(code, *args, message=entry[1] if entry else None)

    def _documented_errors(self, action: str) -> Mapping[str, Tuple[int, str]]:
        described = self.describe(action)
        return described.errors if described else {}

    def complete(self, action: Action, result: Mapping[str, Any], request_id: str) -> Dict[str, Any]:
        """The success body: every documented field in the cloud's order, with the handler's values
        and the call's RequestId. Nested objects are completed here unless the handler built them
        from shapes itself (``shaped=True``, for bodies a test suite asks for thousands of times)."""
        shape = action.body_shape
        if shape is None:
            return {"RequestId": request_id, **result}
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
    if len(args) != 1:
        return None
    if args[0] is dict or typing.get_origin(args[0]) is dict:  # Sequence[dict] or Sequence[Dict[str, Any]]
        return dict
    return str if args[0] is str else None


def _default(value: Any) -> Any:
    if value is _MISSING:
        return None
    return list(value) if isinstance(value, tuple) else value
