"""The in-memory cloud: accounts, every product's state, the application that serves them.

A ``Cloud`` owns everything a mock knows; nothing lives in module globals. It is built from the
product plug-ins the composition root (``aliyun_mock.products``) names, and knows none of them by
name: ``cloud.ecs`` is whichever plug-in declared the attribute ``ecs``. ``mock_ecs`` is a
``Cloud`` that also patches the HTTP clients; server mode serves a ``Cloud`` over HTTP.
"""

from __future__ import annotations

import difflib
import os
import threading
from collections import defaultdict, deque
from typing import TYPE_CHECKING, Any, Deque, Dict, List, Optional, Sequence, Set, Tuple

from .accounts import AccessKey, Account, AccountRegistry, StsCredentials, check_account_id
from .app import Application, Call, CallRecord
from .auth import Authenticator
from .entropy import Entropy
from .errors import ApiError
from .persistence import dump_cloud, load_cloud
from .rpc import RpcRequest
from .transitions import Transitions

ACCOUNT_ID_VARIABLE = "ALIYUN_MOCK_ACCOUNT_ID"  # pins the default account's id, as moto's MOTO_ACCOUNT_ID
DEFAULT_MAX_CALLS = 100_000  # calls kept in cloud.calls: any test's, without memory growing for ever

if TYPE_CHECKING:  # the plug-ins are the composition root's to import
    from .plugin import ProductPlugin


class Cloud:
    """The handle a test works with: accounts, state, recorded calls, injected faults."""

    def __init__(
        self,
        products: Sequence["ProductPlugin"],
        *,
        strict: bool = False,
        seed: Optional[int] = None,
        account_id: Optional[str] = None,
    ) -> None:
        """``account_id``: the default account's id, the same on every start and reset (a string of
        digits); by default ``$ALIYUN_MOCK_ACCOUNT_ID``, else a new random one each time."""
        self.plugins = tuple(products)
        self.strict = strict
        self.seed = seed
        self.pinned_account_id = account_id
        self.lock = threading.RLock()
        self.max_calls = DEFAULT_MAX_CALLS
        self._calls_lock = threading.Lock()
        self._attributes = {plugin.attribute: plugin.product.name for plugin in self.plugins}
        self.app = Application(self, [plugin.product for plugin in self.plugins])
        self._build()

    def _build(self, entropy: Optional[Entropy] = None) -> None:
        """A fresh start state (``entropy``: keep drawing ids from this one, so none repeats)."""
        self.entropy = entropy or Entropy(self.seed)
        conditions: Dict[str, Any] = {}
        for plugin in self.plugins:
            conditions.update(plugin.account_conditions)
        self.accounts = AccountRegistry(self.entropy, strict=self.strict, conditions=conditions)
        pinned = self.pinned_account_id or os.environ.get(ACCOUNT_ID_VARIABLE) or None  # read at every start
        self.default_account: Account = self.accounts.create(pinned)
        self.authenticator = Authenticator(self.accounts, self.default_account, strict=self.strict)
        self.transitions = Transitions()
        self.states: Dict[str, Any] = {}
        for plugin in self.plugins:  # a product's state may read the accounts, entropy and transitions
            self.states[plugin.product.name] = plugin.new_state(self)
        self.calls: List[CallRecord] = []
        self.calls_dropped = 0
        self.idempotent_results: Dict[Tuple[str, str, str, str], Tuple[Dict[str, Any], Dict[str, Any]]] = {}
        # per action, queued faults: [(code, status, message), how many more calls it answers]
        self._faults: Dict[str, Deque[List[Any]]] = defaultdict(deque)
        self._denied: Set[Tuple[str, str]] = set()  # (account id, action)

    def __getattr__(self, name: str) -> Any:
        """``cloud.ecs``, ``cloud.sts``…: a product's state, by the attribute its plug-in declares."""
        product = self.__dict__.get("_attributes", {}).get(name)
        if product is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return self.states[product]

    def reset(self) -> None:
        """Back to the start state: one default account, built-in regions and system images."""
        with self.lock:
            self._build()

    def reset_as(self, *, strict: bool, seed: Optional[int], account_id: Optional[str]) -> None:
        """Back to the start state of a mock with these options (a server reset for each test's mock)."""
        if account_id is not None:
            check_account_id(account_id)  # before anything is rebuilt
        with self.lock:
            self.strict, self.seed, self.pinned_account_id = strict, seed, account_id
            self._build()

    def state(self) -> Dict[str, Any]:
        """Everything the mock knows, as JSON-serialisable data (schema: ``core/persistence.py``)."""
        with self.lock:
            return dump_cloud(self)

    def load(self, state: Dict[str, Any]) -> None:
        """Replace everything by ``state`` (from ``cloud.state()`` or a JSON file). All or nothing: a
        state that fails to load part way leaves the mock as it was, and the error propagates."""
        with self.lock:
            kept = dict(self.__dict__)  # every object as it is, to put back exactly on a failure
            try:
                self._build(entropy=self.entropy)  # a seeded mock's next ids follow its earlier ones
                load_cloud(self, state)
            except BaseException:
                self.__dict__.update(kept)
                raise

    def query(self, expression: str) -> Any:
        """A JMESPath expression over ``cloud.state()``: ``cloud.query("images[].image_id")``."""
        import jmespath

        return jmespath.search(expression, self.state())

    def create_account(self, account_id: Optional[str] = None, *, site: str = "china") -> Account:
        """A new account with its own AccessKey pair: ``cloud.create_account(site="international")``."""
        with self.lock:
            return self.accounts.create(account_id, site=site)

    def account(self, account_id: str) -> Account:
        """The account with this id, as the mock knows it (one made by ``create_account`` or by a
        call such as CreateResourceAccount); ``KeyError`` if there is none."""
        with self.lock:
            return self.accounts.accounts[account_id]

    def inject_error(
        self,
        action: str,
        code: str,
        *,
        times: int = 1,
        status: Optional[int] = None,
        message: Optional[str] = None,
    ) -> None:
        """Make the next ``times`` calls of ``action`` fail with ``code`` (documented status and text).
        An action no product of the mock knows, a status that is not an HTTP error (400–599) or
        ``times`` below 1 is a mistake of the test: ``ValueError`` at once, not a fault that never fires."""
        self._check_action(action)
        if status is not None and not (isinstance(status, int) and 400 <= status <= 599):
            raise ValueError(f"status must be an HTTP error status from 400 to 599, not {status!r}")
        if not (isinstance(times, int) and times >= 1):
            raise ValueError(f"times must be a positive integer, not {times!r}")
        with self.lock:
            self._faults[action].append([(code, status, message), times])

    def assert_all_faults_used(self) -> None:
        """``AssertionError`` naming every injected fault that has not fired yet (a test's calls did not
        go where it thought)."""
        with self.lock:
            left = {action: list(faults) for action, faults in self._faults.items() if faults}
        if left:
            named = "; ".join(
                f"{action}: {sum(n for _, n in f)} × {', '.join(sorted({fault[0] for fault, _ in f}))}"
                for action, f in left.items()
            )
            raise AssertionError(f"injected faults that never fired: {named}")

    def _check_action(self, action: str) -> None:
        known = sorted({name for plugin in self.plugins for name in plugin.product.action_names()})
        if action not in known:
            close = difflib.get_close_matches(action, known, n=3)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            raise ValueError(f"no product of aliyun-mock has an action {action!r}{hint}")

    def caller(self, rpc: RpcRequest) -> Account:
        """The account a request acts as, from the credentials it was signed with, verified."""
        with self.lock:
            return self.authenticator.caller(rpc)

    def create_access_key(
        self,
        account: Optional[Account] = None,
        *,
        access_key_id: Optional[str] = None,
        access_key_secret: Optional[str] = None,
    ) -> AccessKey:
        """Another AccessKey pair for ``account`` (default account if None)."""
        with self.lock:
            return self.accounts.add_key(account or self.default_account, access_key_id, access_key_secret)

    def disable_access_key(self, access_key_id: str) -> None:
        """Requests signed with this key now get ``InvalidAccessKeyId.Inactive``."""
        with self.lock:
            self.accounts.keys[access_key_id].active = False

    def create_sts_credentials(
        self, account: Optional[Account] = None, *, duration_seconds: int = 3600
    ) -> StsCredentials:
        """Temporary credentials (``.access_key_id``, ``.access_key_secret``, ``.security_token``) of ``account``."""
        with self.lock:
            return self.accounts.issue_sts((account or self.default_account).account_id, duration_seconds)

    def hold_transitions(self, polls: Optional[int] = None) -> None:
        """Make transitional states last (Pending, Starting, Stopping, Creating, ReIniting, progressing):
        until ``settle()``, or, with ``polls=N``, until N Describe* calls have been answered."""
        with self.lock:
            self.transitions.hold(polls)

    def settle(self) -> int:
        """Complete every pending transition now; returns how many there were."""
        with self.lock:
            return self.transitions.settle()

    def release_transitions(self) -> None:
        """Back to transitions that complete at once (the default); pending ones complete now."""
        with self.lock:
            self.transitions.release()

    def deny(self, account: Account, action: str) -> None:
        """From now on ``account``'s calls of ``action`` fail with 403 ``Forbidden.RAM``, as when RAM denies them."""
        self._check_action(action)
        with self.lock:
            self._denied.add((account.account_id, action))

    def before_call(self, call: Call[Any]) -> None:
        """Refuse a denied action, or raise an injected fault for it if one is queued."""
        if (call.account.account_id, call.request.action) in self._denied:
            raise ApiError("Forbidden.RAM")
        faults = self._faults.get(call.request.action)
        if faults:
            (code, status, message), left = faults[0]
            faults[0][1] = left - 1
            if left == 1:
                faults.popleft()
            raise ApiError(code, status=status, message=message)  # a fresh one each time

    def record(self, record: CallRecord) -> None:
        """Keep the call; past ``max_calls`` the oldest go, a tenth of ``max_calls`` at a time (so
        that keeping a call stays cheap), counted in ``calls_dropped``."""
        calls = self.calls
        calls.append(record)  # list.append is atomic: no call is lost between threads
        if len(calls) > self.max_calls * 1.1:
            with self._calls_lock:
                excess = len(self.calls) - self.max_calls
                if excess > 0:
                    del self.calls[:excess]
                    self.calls_dropped += excess
