"""``mock_ecs``: one object that is a decorator, a context manager and a start/stop handle.

    @mock_ecs
    def test_share(): ...

    with mock_ecs() as cloud:
        client = cloud.client("v2")

Mocks nest: the innermost active one answers. The HTTP clients are patched while at least one
mock is active, and every patch and environment variable is restored when the last one stops —
also when the test raised.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import threading
from typing import Any, Callable, Dict, List, Optional, TypeVar, Union, cast, overload

from .core.accounts import Account
from .core.cloud import Cloud
from .core.wire import WireAnswer, WireRequest
from .environment import CredentialEnvironment

F = TypeVar("F", bound=Callable[..., Any])


class _Activation:
    """The process-wide plumbing shared by active mocks: who answers, and the installed patches."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.stack: List["MockEcs"] = []
        self.interceptors: List[Any] = []  # transports.Interceptor, imported when first needed

    def push(self, mock: "MockEcs") -> None:
        with self.lock:
            if not self.stack:
                self._install()
            self.stack.append(mock)

    def remove(self, mock: "MockEcs") -> None:
        with self.lock:
            self.stack.remove(mock)
            if not self.stack:
                self._uninstall()

    def dispatch(self, request: WireRequest) -> WireAnswer:
        with self.lock:
            if not self.stack:
                raise RuntimeError("aliyun-mock: a request arrived after every mock stopped")
            mock = self.stack[-1]
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


class MockEcs(Cloud):
    """An in-memory Alibaba Cloud answering every SDK call while active.

    ``strict=True``: only keys the mock issued and accounts it created exist.
    ``seed=N``: ids, keys, RequestIds and times repeat from run to run.
    ``state="scene.json"`` (or a dict from ``cloud.state()``): every start begins from that scene.
    """

    def __init__(
        self,
        *,
        strict: bool = False,
        seed: Optional[int] = None,
        state: Union[None, str, "os.PathLike[str]", Dict[str, Any]] = None,
    ) -> None:
        from .products import PRODUCTS  # the products load with the first mock, not at import

        super().__init__(PRODUCTS, strict=strict, seed=seed)
        self._scene = _read_scene(state)
        self._active = False
        self._used = False
        self._environment = CredentialEnvironment()

    def client(
        self,
        sdk: str = "v2",
        account: Optional[Account] = None,
        region_id: str = "cn-hangzhou",
        *,
        product: str = "ecs",
    ) -> Any:
        """A real SDK client for ``account`` (default account if None): ``"v2"`` or ``"v1"``; for V2,
        ``product="vpc"`` (or ``"sts"``) gives that product's client instead of ECS's."""
        from .clients import make_client

        return make_client(sdk, account or self.default_account, region_id, product)

    @property
    def active(self) -> bool:
        return self._active

    def start(self) -> "MockEcs":
        """Activate; a mock that was active before starts again from a fresh state."""
        if self._active:
            raise RuntimeError("this mock_ecs is already active")
        if self._used:
            self.reset()
        if self._scene is not None:
            self.load(self._scene)
        self._used = True
        _activation.push(self)
        self._active = True
        self._environment.apply(self.default_account)
        return self

    def reset(self) -> None:
        super().reset()
        if self._active:  # the default account is new: so are the credentials in the environment
            self._environment.apply(self.default_account)

    def stop(self) -> None:
        """Deactivate and restore every patch and environment variable."""
        if not self._active:
            return
        self._active = False
        try:
            self._environment.restore()
        finally:
            _activation.remove(self)

    def __enter__(self) -> "MockEcs":
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    def __call__(self, target: F) -> F:
        """Decorate a function, a coroutine function or a class (every test method inside)."""
        if inspect.isclass(target):
            return self._decorate_class(target)  # type: ignore[return-value]
        if inspect.iscoroutinefunction(target):

            @functools.wraps(target)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with self:
                    return await target(*args, **kwargs)

            return run_async  # type: ignore[return-value]

        @functools.wraps(target)
        def run(*args: Any, **kwargs: Any) -> Any:
            with self:
                return target(*args, **kwargs)

        return run  # type: ignore[return-value]

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
        for name, member in list(vars(cls).items()):
            if name.startswith("test") and inspect.isfunction(member):
                setattr(cls, name, self(member))
        return cls


def _read_scene(state: Union[None, str, "os.PathLike[str]", Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    if state is None or isinstance(state, dict):
        return state
    with open(state, encoding="utf-8") as handle:
        return cast(Dict[str, Any], json.load(handle))


@overload
def mock_ecs(func: F) -> F: ...


@overload
def mock_ecs(func: None = None, *, strict: bool = False, seed: Optional[int] = None, state: Any = None) -> MockEcs: ...


def mock_ecs(
    func: Optional[Callable[..., Any]] = None, *, strict: bool = False, seed: Optional[int] = None, state: Any = None
) -> Any:
    """The mock, bare (``@mock_ecs``) or configured (``@mock_ecs(strict=True, seed=1, state="scene.json")``,
    ``with mock_ecs() as cloud``)."""
    mock = MockEcs(strict=strict, seed=seed, state=state)
    return mock if func is None else mock(func)


def active_mock() -> Optional[MockEcs]:
    """The innermost active mock, for code decorated with bare ``@mock_ecs``."""
    with _activation.lock:
        return _activation.stack[-1] if _activation.stack else None
