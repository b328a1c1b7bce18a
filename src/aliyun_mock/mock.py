"""``mock_ecs``: one object that is a decorator, a context manager and a start/stop handle.

    @mock_ecs
    def test_share(): ...

    with mock_ecs() as cloud:
        client = cloud.client("v2")

The mock lives in this process; with ``ALIYUN_MOCK_SERVER`` set it lives in that running server
instead (``remote.py``). How mocks activate and which one answers a request: ``lifecycle.py``.
"""

from __future__ import annotations

import json
import os
from typing import Any, Callable, Dict, Optional, TypeVar, Union, cast, overload

from .core.cloud import Cloud
from .lifecycle import MockLifecycle, _activation

F = TypeVar("F", bound=Callable[..., Any])
SERVER_VARIABLE = "ALIYUN_MOCK_SERVER"


class MockEcs(Cloud, MockLifecycle):
    """An in-memory Alibaba Cloud answering every SDK call while active.

    ``strict=True``: only keys the mock issued and accounts it created exist.
    ``seed=N``: ids, keys, RequestIds and times repeat from run to run.
    ``state="scene.json"`` (or a dict from ``cloud.state()``): every start begins from that scene.
    ``account_id="1234567890123456"`` (or ``$ALIYUN_MOCK_ACCOUNT_ID``): the default account's id.
    """

    def __init__(
        self,
        *,
        strict: bool = False,
        seed: Optional[int] = None,
        state: Union[None, str, "os.PathLike[str]", Dict[str, Any]] = None,
        account_id: Optional[str] = None,
    ) -> None:
        from .products import PRODUCTS  # the products load with the first mock, not at import

        super().__init__(PRODUCTS, strict=strict, seed=seed, account_id=account_id)
        options = (("strict", strict), ("seed", seed), ("state", state), ("account_id", account_id))
        self._options = {k: v for k, v in options if v not in (False, None)}
        self._scene = _read_scene(state)
        self._used = False

    def _begin(self) -> None:
        if self._used:
            self.reset()
        if self._scene is not None:
            self.load(self._scene)
        self._used = True

    def reset(self) -> None:
        super().reset()
        if self._active:  # the default account is new: so are the credentials in the environment
            _activation.refresh(self)

    def __enter__(self) -> "MockEcs":
        return cast(MockEcs, super().__enter__())


def _read_scene(state: Union[None, str, "os.PathLike[str]", Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    if state is None or isinstance(state, dict):
        return state
    with open(state, encoding="utf-8") as handle:
        return cast(Dict[str, Any], json.load(handle))


@overload
def mock_ecs(func: F) -> F: ...


@overload
def mock_ecs(
    func: None = None,
    *,
    strict: bool = False,
    seed: Optional[int] = None,
    state: Any = None,
    account_id: Optional[str] = None,
) -> MockEcs: ...


def mock_ecs(
    func: Optional[Callable[..., Any]] = None,
    *,
    strict: bool = False,
    seed: Optional[int] = None,
    state: Any = None,
    account_id: Optional[str] = None,
) -> Any:
    """The mock, bare (``@mock_ecs``) or configured (``@mock_ecs(strict=True, seed=1, state="scene.json",
    account_id="1234567890123456")``, ``with mock_ecs() as cloud``)."""
    mock = new_mock(strict=strict, seed=seed, state=state, account_id=account_id)
    return mock if func is None else mock(func)


def new_mock(**options: Any) -> MockEcs:
    """A mock in this process, or with ``$ALIYUN_MOCK_SERVER`` (``http://127.0.0.1:8899``) one in that
    server: a ``RemoteMock``, whose handle has the documented subset (``remote.py``)."""
    setting = os.environ.get(SERVER_VARIABLE)
    if not setting:
        return MockEcs(**options)
    from .remote import RemoteMock

    return cast(MockEcs, RemoteMock(_this_workers_server(setting), **options))


def _this_workers_server(setting: str) -> str:
    """``$ALIYUN_MOCK_SERVER`` names one server (the same for every worker: a conftest may set it for
    each), or one per pytest-xdist worker separated by commas: worker ``gwN`` takes the N-th. A list
    shorter than the workers is refused here rather than left to surface as resets that other
    workers' tests see."""
    servers = [part.strip() for part in setting.split(",") if part.strip()]
    if len(servers) == 1:
        return servers[0]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or 1)
    index = int(worker[2:]) if worker[2:].isdigit() else 0
    if workers > len(servers) or index >= len(servers):
        raise ValueError(
            f"{SERVER_VARIABLE} names {len(servers)} servers for {workers} pytest-xdist workers: "
            "a server serves one test at a time, so name one per worker, separated by commas"
        )
    return servers[index]


def active_mock() -> Optional[MockEcs]:
    """The mock that answers this thread's or task's requests (``lifecycle.py``), for code
    decorated with bare ``@mock_ecs``."""
    return cast(Optional[MockEcs], _activation.current())
