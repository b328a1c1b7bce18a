"""The admin API of a served mock (``/_mock/…``, README "Server mode"): JSON in and out, each
endpoint one thing the handle can do, and the console's own endpoints (console.py)."""

from __future__ import annotations

import dataclasses
import json
import threading
from typing import Any, Callable, Dict, Mapping, Optional, Tuple

from . import __version__, state_file
from .console import Console
from .core.cloud import Cloud

JsonAnswer = Tuple[int, Any]
# Sent by a remote mock (remote.py) with each request: the reset it started from. A request from before
# the latest reset comes from a test whose server another test has reset meanwhile.
GENERATION_HEADER = "x-aliyun-mock-generation"


class AdminError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class AdminApi:
    """The endpoints of one served mock; ``answer`` routes a request to one."""

    def __init__(self, cloud: Cloud, state_file: Optional[str] = None) -> None:
        self.cloud = cloud
        self.state_file = state_file
        self._saving = threading.Lock()
        self.generation = 0  # resets so far
        self._start_options = {"strict": cloud.strict, "seed": cloud.seed, "account_id": cloud.pinned_account_id}
        self._routes: Dict[Tuple[str, str], Callable[[Any], JsonAnswer]] = {
            ("POST", "/_mock/reset"): self._reset,
            ("POST", "/_mock/save"): self._save,
            ("GET", "/_mock/state"): lambda request: (200, self.cloud.state()),
            ("PUT", "/_mock/state"): self._load,
            ("POST", "/_mock/accounts"): self._create_account,
            ("GET", "/_mock/calls"): self._calls,
            ("DELETE", "/_mock/calls"): self._clear_calls,
            ("POST", "/_mock/errors"): self._inject_error,
            ("GET", "/_mock/errors/unused"): self._unused_faults,
            ("GET", "/_mock/query"): self._query,
            ("POST", "/_mock/transitions"): self._transitions,
            ("POST", "/_mock/deny"): self._deny,
            ("POST", "/_mock/keys"): self._create_key,
            ("POST", "/_mock/keys/disable"): self._disable_key,
            ("POST", "/_mock/sts"): self._sts,
            ("GET", "/_mock/health"): lambda request: (200, {"status": "ok", "version": __version__}),
            ("GET", "/_mock/console/session"): self._console(lambda request: (200, self.console.session())),
            ("GET", "/_mock/console/pulse"): self._console(lambda request: (200, self.console.pulse())),
            ("GET", "/_mock/console/calls"): self._console(
                lambda request: (
                    200,
                    self.console.calls(request.args.get("action", ""), request.args.get("account", "")),
                )
            ),
            ("POST", "/_mock/console/call"): self._console(self._console_call),
            ("GET", "/_mock/console/key"): self._console(self._console_key),
        }
        self.console = Console(cloud)

    def answer(self, request: Any, path: str) -> JsonAnswer:
        """(status, JSON payload) for an admin request to ``path`` (without a trailing slash)."""
        route = self._routes.get((request.method, path))
        try:
            if route is None:
                known = [p for (_, p) in self._routes if p == path]
                raise AdminError(405 if known else 404, f"no admin endpoint {request.method} {request.path}")
            return route(request)
        except AdminError as error:
            return error.status, {"error": str(error)}

    @staticmethod
    def _json(request: Any, *, required: bool = True) -> Dict[str, Any]:
        raw = request.get_data()
        if not raw:
            if required:
                raise AdminError(400, "a JSON object body is required")
            return {}
        try:
            value = json.loads(raw)
        except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
            raise AdminError(400, "the body is not valid JSON") from None
        if not isinstance(value, dict):
            raise AdminError(400, "the body must be a JSON object")
        return value

    def _console(self, route: Callable[[Any], JsonAnswer]) -> Callable[[Any], JsonAnswer]:
        """A console endpoint: only for the console's own page, which carries its token (console.py)."""

        def guarded(request: Any) -> JsonAnswer:
            if not self.console.trusted(request.headers):
                raise AdminError(403, "the console's endpoints answer only the console page")
            return route(request)

        return guarded

    def _console_call(self, request: Any) -> JsonAnswer:
        body = self._json(request)
        _strings(body, "product")
        if not all(isinstance(body.get(k), str) for k in ("account_id", "action", "region_id")):
            raise AdminError(400, '"account_id", "action" and "region_id" are required strings')
        if not isinstance(body.get("params", {}), dict):
            raise AdminError(400, '"params" must be an object of parameter names and values')
        account = self._account(body)
        try:
            return 200, self.console.call(account, body)
        except KeyError as missing:  # a product the mock lacks
            raise AdminError(404, str(missing.args[0])) from None

    def _console_key(self, request: Any) -> JsonAnswer:
        """The one account's key pair the console shows, when asked (console.py)."""
        return 200, _account_json(self._account(request.args))

    def _reset(self, request: Any) -> JsonAnswer:
        """A body may set ``strict``, ``seed`` and ``account_id`` for this start (a remote mock's
        options, ``remote.py``); what it leaves out is the server's own."""
        body = self._json(request, required=False)
        unknown = sorted(set(body) - set(self._start_options))
        if unknown:
            raise AdminError(400, f"a reset takes only {sorted(self._start_options)}, not {unknown}")
        options = {**self._start_options, **body}
        if not isinstance(options["strict"], bool):
            raise AdminError(400, '"strict" must be true or false')
        if options["seed"] is not None and (not isinstance(options["seed"], int) or isinstance(options["seed"], bool)):
            raise AdminError(400, '"seed" must be an integer')
        with self.cloud.lock:  # two resets at once still get two generations
            try:
                self.cloud.reset_as(**options)
            except ValueError as error:
                raise AdminError(400, str(error)) from None
            self.generation += 1
            return 200, {
                "reset": True,
                "default_account": _account_json(self.cloud.default_account),
                "generation": self.generation,
            }

    def save(self) -> str:
        """Write the state to the server's state file (``state_file.write``: old or new, never half),
        one save at a time (the periodic one, ``POST /_mock/save`` and the one at the stop may meet)."""
        if not self.state_file:
            raise AdminError(409, "the server was started without a state file (--state)")
        with self._saving:
            state_file.write(self.state_file, self.cloud.state())
        return self.state_file

    def _save(self, request: Any) -> JsonAnswer:
        try:
            return 200, {"saved": self.save()}
        except (OSError, TypeError, ValueError) as error:
            raise AdminError(500, f"the state could not be saved: {error}") from None

    def _load(self, request: Any) -> JsonAnswer:
        try:
            self.cloud.load(self._json(request))
        except (KeyError, TypeError, ValueError) as error:
            raise AdminError(400, f"not an aliyun-mock state: {error}") from None
        return 200, {"loaded": True}

    def _create_account(self, request: Any) -> JsonAnswer:
        body = self._json(request, required=False)
        _strings(body, "account_id", "site")
        try:
            account = self.cloud.create_account(body.get("account_id"), site=body.get("site", "china"))
        except ValueError as error:
            raise AdminError(400, str(error)) from None
        return 201, _account_json(account)

    def _account(self, body: Mapping[str, Any]) -> Any:
        """The account a body's (or query's) ``account_id`` names (the default account when it names none)."""
        account_id = body.get("account_id")
        if account_id is None:
            return self.cloud.default_account
        try:
            return self.cloud.account(str(account_id))
        except KeyError:
            raise AdminError(404, f"the mock has no account {account_id}") from None

    def _clear_calls(self, request: Any) -> JsonAnswer:
        with self.cloud.lock:
            cleared, self.cloud.calls[:] = len(self.cloud.calls), []
        return 200, {"cleared": cleared}

    def _unused_faults(self, request: Any) -> JsonAnswer:
        try:
            self.cloud.assert_all_faults_used()
        except AssertionError as unused:
            return 200, {"unused": str(unused)}
        return 200, {"unused": ""}

    def _transitions(self, request: Any) -> JsonAnswer:
        """``{"hold": true, "polls"?: N}``, ``{"settle": true}`` or ``{"release": true}``."""
        body = self._json(request)
        if body.get("hold"):
            try:
                self.cloud.hold_transitions(body.get("polls"))
            except (TypeError, ValueError) as error:
                raise AdminError(400, str(error)) from None
            return 200, {"held": True, "polls": body.get("polls")}
        if body.get("settle"):
            return 200, {"settled": self.cloud.settle()}
        if body.get("release"):
            self.cloud.release_transitions()
            return 200, {"released": True}
        raise AdminError(400, 'one of "hold", "settle" or "release" is required')

    def _deny(self, request: Any) -> JsonAnswer:
        body = self._json(request)
        if not isinstance(body.get("action"), str):
            raise AdminError(400, '"action" is a required string')
        account = self._account(body)
        try:
            self.cloud.deny(account, body["action"])
        except ValueError as error:
            raise AdminError(400, str(error)) from None
        return 201, {"account_id": account.account_id, "action": body["action"]}

    def _create_key(self, request: Any) -> JsonAnswer:
        body = self._json(request, required=False)
        _strings(body, "access_key_id", "access_key_secret")
        try:
            key = self.cloud.create_access_key(
                self._account(body),
                access_key_id=body.get("access_key_id"),
                access_key_secret=body.get("access_key_secret"),
            )
        except ValueError as error:
            raise AdminError(400, str(error)) from None
        return 201, {"account_id": key.account_id, "access_key_id": key.access_key_id,
                     "access_key_secret": key.access_key_secret}  # fmt: skip

    def _disable_key(self, request: Any) -> JsonAnswer:
        body = self._json(request)
        try:
            self.cloud.disable_access_key(str(body.get("access_key_id")))
        except KeyError:
            raise AdminError(404, f"the mock has no access key {body.get('access_key_id')}") from None
        return 200, {"disabled": body["access_key_id"]}

    def _sts(self, request: Any) -> JsonAnswer:
        body = self._json(request, required=False)
        seconds = body.get("duration_seconds", 3600)
        if not isinstance(seconds, int) or seconds < 1:
            raise AdminError(400, '"duration_seconds" must be a positive integer')
        credentials = self.cloud.create_sts_credentials(self._account(body), duration_seconds=seconds)
        return 201, {"account_id": credentials.account_id, "access_key_id": credentials.access_key_id,
                     "access_key_secret": credentials.access_key_secret, "security_token": credentials.security_token,
                     "expiration": credentials.expiration_iso}  # fmt: skip

    def _calls(self, request: Any) -> JsonAnswer:
        return 200, [dataclasses.asdict(call) for call in list(self.cloud.calls)]

    def _inject_error(self, request: Any) -> JsonAnswer:
        body = self._json(request)
        if not isinstance(body.get("action"), str) or not isinstance(body.get("code"), str):
            raise AdminError(400, 'both "action" and "code" are required strings')
        _strings(body, "message")
        times = body.get("times", 1)
        if not isinstance(times, int) or times < 1:
            raise AdminError(400, '"times" must be a positive integer')
        try:
            self.cloud.inject_error(
                body["action"], body["code"], times=times, status=body.get("status"), message=body.get("message")
            )
        except ValueError as error:
            raise AdminError(400, str(error)) from None
        return 201, {"action": body["action"], "code": body["code"], "times": times}

    def _query(self, request: Any) -> JsonAnswer:
        import jmespath.exceptions

        expression = request.args.get("expression")
        if not expression:
            raise AdminError(400, 'the "expression" query parameter is required')
        try:
            return 200, self.cloud.query(expression)
        except jmespath.exceptions.JMESPathError as error:
            raise AdminError(400, f"not a JMESPath expression: {error}") from None


def _strings(body: Dict[str, Any], *names: str) -> None:
    """Optional fields that must be strings when given (a number would be saved and not load back)."""
    for name in names:
        if name in body and body[name] is not None and not isinstance(body[name], str):
            raise AdminError(400, f'"{name}" must be a string')


def _account_json(account: Any) -> Dict[str, Any]:
    return {
        "account_id": account.account_id,
        "access_key_id": account.access_key_id,
        "access_key_secret": account.access_key_secret,
        "site": account.site,
    }
