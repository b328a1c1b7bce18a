"""What every mock shares, in process or in a server (``remote.py``): the patches installed while
at least one is active, which one answers a request, and the forms a mock takes — decorator of a
function, coroutine function or class, context manager, start/stop handle.

Which mock answers a request: the innermost mock started in the caller's own context (its thread,
or its asyncio task and the tasks it creates), so two threads or tasks with mocks of their own
never see each other's; a thread that started none (a pool's worker) is answered by the mock
started last among those still active. The HTTP clients are patched while at least one mock is
active. The credential variables are the process's: they name the default account of the mock
started last, and when the last one stops every patch and variable is as it was before the first —
in whatever order the mocks stop, also when the test raised.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import threading
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Protocol, Tuple, TypeVar

from .clients import Product, Sdk, make_client
from .core.accounts import Account
from .core.wire import WireAnswer, WireRequest
from .environment import CredentialEnvironment

F = TypeVar("F", bound=Callable[..., Any])
# The mocks started in this context (thread, or asyncio task), oldest first.
_started_here: contextvars.ContextVar[Tuple["MockLifecycle", ...]] = contextvars.ContextVar("aliyun_mock", default=())


class Answerer(Protocol):
    def answer(self, request: WireRequest) -> WireAnswer: ...


class _Activation:
    """The process-wide plumbing shared by active mocks: who answers, and the installed patches."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.stack: List["MockLifecycle"] = []  # every active mock, in the order they started
        self.interceptors: List[Any] = []  # transports.Interceptor, imported when first needed
        self.environment = CredentialEnvironment()

    def push(self, mock: "MockLifecycle") -> None:
        with self.lock:
            if not self.stack:
                self._install()
            self.stack.append(mock)
            self.environment.apply(mock.default_account)
        _started_here.set(_started_here.get() + (mock,))

    def remove(self, mock: "MockLifecycle") -> None:
        _started_here.set(tuple(m for m in _started_here.get() if m is not mock))
        with self.lock:
            self.stack.remove(mock)
            try:
                if self.stack:
                    self.environment.apply(self.stack[-1].default_account)
                else:
                    self.environment.restore()
            finally:
                if not self.stack:
                    self._uninstall()

    def refresh(self, mock: "MockLifecycle") -> None:
        """The mock's default account changed (a reset): the credential variables follow, if they name it."""
        with self.lock:
            if self.stack and self.stack[-1] is mock:
                self.environment.apply(mock.default_account)

    def current(self) -> Optional["MockLifecycle"]:
        """The mock that answers this context's requests (module docstring)."""
        mocks = _started_here.get()
        if mocks and mocks[-1]._active:  # the usual case, first: the innermost mock of this context
            return mocks[-1]
        for mock in reversed(mocks):
            if mock._active:
                return mock
        with self.lock:
            return self.stack[-1] if self.stack else None

    def dispatch(self, request: WireRequest) -> WireAnswer:
        mock = self.current()
        if mock is None:
            raise RuntimeError("aliyun-mock: a request arrived after every mock stopped")
        return mock.app.answer(request)

    def _install(self) -> None:
        from .transports import (
            available_interceptors,  # the HTTP libraries are looked at on first use
        )

        started: List[Any] = []
        try:
            for interceptor in available_interceptors():
                interceptor.start(self.dispatch)
                started.append(interceptor)
        except BaseException:
            for interceptor in reversed(started):
                interceptor.stop()
            raise
        self.interceptors = started

    def _uninstall(self) -> None:
        for interceptor in reversed(self.interceptors):
            interceptor.stop()
        self.interceptors = []


_activation = _Activation()


class MockLifecycle:
    """A mock's forms and its activation. A subclass has ``default_account`` and ``app`` (what answers
    its requests), and says in ``_begin`` how a start begins."""

    default_account: Account
    _options: Dict[str, Any]  # what the mock was configured with, for the fixture's check
    _active = False

    if TYPE_CHECKING:

        @property
        def app(self) -> Answerer: ...  # what answers this mock's requests

    @property
    def active(self) -> bool:
        return self._active

    def client(
        self,
        sdk: Sdk = "v2",
        account: Optional[Account] = None,
        region_id: str = "cn-hangzhou",
        *,
        product: Product = "ecs",
    ) -> Any:
        """A real SDK client for ``account`` (default account if None): ``"v2"`` or ``"v1"``; for V2,
        ``product`` (``"vpc"``, ``"sts"``, ``"resourcemanager"``, ``"resourcesharing"``) gives that
        product's client instead of ECS's."""
        return make_client(sdk, account or self.default_account, region_id, product)

    def _begin(self) -> None:
        raise NotImplementedError

    def start(self) -> "MockLifecycle":
        """Activate; a mock that was active before starts again from a fresh state."""
        if self._active:
            raise RuntimeError("this mock_ecs is already active")
        self._begin()
        self._active = True
        try:
            _activation.push(self)
        except BaseException:
            self._active = False
            raise
        return self

    def stop(self) -> None:
        """Deactivate; the last active mock to stop restores every patch and environment variable."""
        if not self._active:
            return
        self._active = False
        _activation.remove(self)

    def __enter__(self) -> "MockLifecycle":
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    def __call__(self, target: F) -> F:
        """Decorate a function, a coroutine function or a class (every test method inside). A test
        that also takes the ``ecs_mock`` fixture gets one mock: the fixture's (configure it with
        ``@pytest.mark.aliyun_mock``; a configured ``@mock_ecs(...)`` there is refused)."""
        if inspect.isclass(target):
            return self._decorate_class(target)  # type: ignore[return-value]
        if inspect.iscoroutinefunction(target):

            @functools.wraps(target)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                if self._fixture_in(kwargs):
                    return await target(*args, **kwargs)
                with self:
                    return await target(*args, **kwargs)

            return run_async  # type: ignore[return-value]

        @functools.wraps(target)
        def run(*args: Any, **kwargs: Any) -> Any:
            if self._fixture_in(kwargs):
                return target(*args, **kwargs)
            with self:
                return target(*args, **kwargs)

        return run  # type: ignore[return-value]

    def _fixture_in(self, kwargs: Dict[str, Any]) -> bool:
        """Whether the decorated test also takes the started ``ecs_mock`` fixture, which then answers."""
        fixture = kwargs.get("ecs_mock")
        if not isinstance(fixture, MockLifecycle) or not fixture.active or fixture is self:
            return False
        if self._options != {}:
            raise TypeError(
                "a test that takes the ecs_mock fixture is configured with @pytest.mark.aliyun_mock(...), "
                f"not @mock_ecs({', '.join(f'{k}={v!r}' for k, v in self._options.items())})"
            )
        return True

    def _decorate_class(self, cls: type) -> type:
        setup = getattr(cls, "setUp", None)
        if setup is not None and hasattr(cls, "addCleanup"):
            # unittest: the mock spans setUp, the test and tearDown; addCleanup runs even when
            # setUp itself fails, so the mock is always stopped.
            @functools.wraps(setup)
            def set_up(test: Any, *args: Any, **kwargs: Any) -> Any:
                self.start()
                test.addCleanup(self.stop)
                return setup(test, *args, **kwargs)

            cls.setUp = set_up  # type: ignore[attr-defined]
            return cls
        if "setup_class" in vars(cls) or "teardown_class" in vars(cls):
            return self._span_class(cls)
        if "setup_method" in vars(cls) or "teardown_method" in vars(cls):
            return self._span_methods(cls)
        for name, member in list(vars(cls).items()):
            if name.startswith("test") and inspect.isfunction(member):
                setattr(cls, name, self(member))
        return cls

    def _span_methods(self, cls: type) -> type:
        """pytest's ``setup_method``/``teardown_method``: the mock spans them and the test between."""
        setup, teardown = vars(cls).get("setup_method"), vars(cls).get("teardown_method")

        def setup_method(test: Any, method: Any = None) -> None:
            self.start()
            try:
                if setup is not None:
                    setup(test, method)
            except BaseException:
                self.stop()
                raise

        def teardown_method(test: Any, method: Any = None) -> None:
            try:
                if teardown is not None:
                    teardown(test, method)
            finally:
                self.stop()

        cls.setup_method = setup_method  # type: ignore[attr-defined]
        cls.teardown_method = teardown_method  # type: ignore[attr-defined]
        return cls

    def _span_class(self, cls: type) -> type:
        """pytest's ``setup_class``/``teardown_class``: one mock spans the class, its tests sharing it."""
        setup, teardown = vars(cls).get("setup_class"), vars(cls).get("teardown_class")

        def setup_class(owner: type) -> None:
            self.start()
            try:
                if setup is not None:
                    getattr(setup, "__func__", setup)(owner)
            except BaseException:
                self.stop()
                raise

        def teardown_class(owner: type) -> None:
            try:
                if teardown is not None:
                    getattr(teardown, "__func__", teardown)(owner)
            finally:
                self.stop()

        cls.setup_class = classmethod(setup_class)  # type: ignore[attr-defined]
        cls.teardown_class = classmethod(teardown_class)  # type: ignore[attr-defined]
        return cls
