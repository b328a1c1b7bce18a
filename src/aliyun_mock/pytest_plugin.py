"""pytest plugin (registered through the ``pytest11`` entry point): the ``ecs_mock`` fixture.

def test_share(ecs_mock):
    client = ecs_mock.client("v2")

@pytest.mark.aliyun_mock(strict=True)
def test_strict(ecs_mock): ...

@pytest.mark.aliyun_mock(faults_used=True)   # and the test fails if an injected fault never fired
def test_retries(ecs_mock): ...
"""

from __future__ import annotations

from typing import Iterator

import pytest

from .mock import MockEcs, new_mock


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "aliyun_mock(strict=False, seed=None, state=None, faults_used=False): configure the ecs_mock fixture of aliyun-mock",
    )


@pytest.fixture
def ecs_mock(request: pytest.FixtureRequest) -> Iterator[MockEcs]:
    """A started in-memory Alibaba Cloud, stopped (and every patch restored) after the test (in the
    server ``$ALIYUN_MOCK_SERVER`` names, when it is set)."""
    marker = request.node.get_closest_marker("aliyun_mock")
    options = dict(marker.kwargs) if marker else {}
    faults_used = options.pop("faults_used", False)
    with new_mock(**options) as cloud:
        yield cloud
        if faults_used:
            cloud.assert_all_faults_used()
