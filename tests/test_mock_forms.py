"""Every form of mock_ecs, nesting, and restoration of patches and environment even on failure."""

import asyncio
import os
import unittest

import pytest

from aliyun_mock import MockEcs, active_mock, mock_ecs

CREDENTIAL_VARIABLES = (
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIYUN_ACCESS_KEY_ID",
    "ALIYUN_ACCESS_KEY_SECRET",
    "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
)


def patch_points():
    """The attributes the transports and the credential environment patch, as they are now."""
    import socket

    import requests.adapters
    from alibabacloud_credentials.utils import auth_util
    from aliyunsdkcore.auth.signers import signer_factory
    from aliyunsdkcore.vendored.requests import adapters as vendored
    from darabonba.core import DaraCore
    from Tea.core import TeaCore

    return (
        requests.adapters.HTTPAdapter.send,
        vendored.HTTPAdapter.send,
        DaraCore.__dict__["do_action"],
        DaraCore.__dict__["async_do_action"],
        TeaCore.__dict__["do_action"],
        TeaCore.__dict__["async_do_action"],
        signer_factory.SignerFactory.__dict__["get_signer"],
        signer_factory.os,
        socket.getaddrinfo,
        socket.socket.connect,
        socket.socket.connect_ex,
        auth_util.environment_access_key_id,
        auth_util.environment_ecs_metadata_disabled,
    )


def environment():
    return {name: os.environ.get(name) for name in CREDENTIAL_VARIABLES}


@pytest.fixture
def pristine():
    """What must hold again after every mock has stopped."""
    before = (patch_points(), environment())
    yield
    assert (patch_points(), environment()) == before
    assert active_mock() is None


def own_images_count(cloud):
    from alibabacloud_ecs20140526.models import DescribeImagesRequest

    body = (
        cloud.client("v2")
        .describe_images(DescribeImagesRequest(region_id="cn-hangzhou", image_owner_alias="self"))
        .body
    )
    return body.total_count


def test_bare_decorator(pristine):
    @mock_ecs
    def run():
        return own_images_count(active_mock())

    assert run() == 0


def test_called_decorator_with_options(pristine):
    @mock_ecs(strict=True)
    def run():
        return active_mock().strict

    assert run() is True


def test_coroutine_function_decorator(pristine):
    @mock_ecs
    async def run():
        from alibabacloud_ecs20140526.models import DescribeRegionsRequest

        client = active_mock().client("v2")
        return (await client.describe_regions_async(DescribeRegionsRequest())).status_code

    assert asyncio.run(run()) == 200


def test_class_decorator_wraps_every_test_method(pristine):
    @mock_ecs
    class Scenario:
        def test_one(self):
            return active_mock() is not None

        def helper(self):
            return active_mock()

    assert Scenario().test_one() is True
    assert Scenario().helper() is None


def test_class_decorator_on_a_unittest_case_spans_setup_test_and_teardown(pristine):
    seen = []

    @mock_ecs
    class Case(unittest.TestCase):
        def setUp(self):
            seen.append(("setUp", active_mock() is not None))

        def tearDown(self):
            seen.append(("tearDown", active_mock() is not None))

        def test_inside(self):
            seen.append(("test", own_images_count(active_mock())))

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(Case).run(result)
    assert result.wasSuccessful(), result.errors + result.failures
    assert seen == [("setUp", True), ("test", 0), ("tearDown", True)]


def test_unittest_case_whose_setup_fails_still_stops_the_mock(pristine):
    @mock_ecs
    class Case(unittest.TestCase):
        def setUp(self):
            raise RuntimeError("setUp failed")

        def test_never_runs(self):
            pass

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(Case).run(result)
    assert len(result.errors) == 1


def test_context_manager_and_start_stop(pristine):
    with mock_ecs() as cloud:
        assert active_mock() is cloud and own_images_count(cloud) == 0
    cloud = mock_ecs()
    cloud.start()
    try:
        assert active_mock() is cloud
    finally:
        cloud.stop()
    cloud.stop()  # stopping twice is harmless


def test_mocks_nest_and_the_innermost_answers(pristine):
    with mock_ecs() as outer:
        outer_key = os.environ["ALIBABA_CLOUD_ACCESS_KEY_ID"]
        with mock_ecs() as inner:
            assert active_mock() is inner
            assert os.environ["ALIBABA_CLOUD_ACCESS_KEY_ID"] == inner.default_account.access_key_id
            own_images_count(inner)
            assert len(inner.calls) == 1 and outer.calls == []
        assert active_mock() is outer
        assert os.environ["ALIBABA_CLOUD_ACCESS_KEY_ID"] == outer_key
        own_images_count(outer)
        assert len(outer.calls) == 1


@pytest.mark.parametrize("form", ["context", "decorator", "async", "start_stop", "class", "unittest"])
def test_everything_is_restored_when_the_test_raises(pristine, form):
    class Boom(Exception):
        pass

    def body():
        assert os.environ["ALIYUN_ACCESS_KEY_ID"] == active_mock().default_account.access_key_id
        raise Boom

    with pytest.raises(Boom):
        if form == "context":
            with mock_ecs():
                body()
        elif form == "decorator":
            mock_ecs(body)()
        elif form == "async":

            async def run():
                body()

            asyncio.run(mock_ecs(run)())
        elif form == "class":

            @mock_ecs
            class Scenario:
                def test_it(self):
                    body()

            Scenario().test_it()
        elif form == "unittest":

            @mock_ecs
            class Case(unittest.TestCase):
                def test_it(self):
                    body()

            result = unittest.TestResult()
            unittest.defaultTestLoader.loadTestsFromTestCase(Case).run(result)
            assert len(result.errors) == 1 and "Boom" in result.errors[0][1]
            raise Boom
        else:
            cloud = mock_ecs()
            cloud.start()
            try:
                body()
            finally:
                cloud.stop()


def test_a_restarted_mock_starts_from_a_fresh_state(pristine):
    cloud = mock_ecs()
    first_account = cloud.default_account
    with cloud:
        assert cloud.default_account is first_account  # state made before the first start is kept
        cloud.create_account()
    with cloud:
        assert cloud.default_account is not first_account
        assert list(cloud.accounts.accounts) == [cloud.default_account.account_id]


def test_starting_an_active_mock_twice_is_an_error(pristine):
    with mock_ecs() as cloud:
        with pytest.raises(RuntimeError):
            cloud.start()


def test_the_fixture_is_a_started_mock(ecs_mock):
    assert isinstance(ecs_mock, MockEcs) and active_mock() is ecs_mock


@pytest.mark.aliyun_mock(strict=True)
def test_the_marker_configures_the_fixture(ecs_mock):
    assert ecs_mock.strict is True


def test_reset_returns_to_the_start_state(ecs_mock):
    ecs_mock.create_account()
    own_images_count(ecs_mock)
    ecs_mock.reset()
    assert len(ecs_mock.accounts.accounts) == 1 and ecs_mock.calls == []
    assert os.environ["ALIBABA_CLOUD_ACCESS_KEY_ID"] == ecs_mock.default_account.access_key_id


# --- isolation: which mock answers whom ---------------------------------------------------------------


def _describe_regions(cloud, times):
    from alibabacloud_ecs20140526.models import DescribeRegionsRequest

    client = cloud.client("v2")
    for _ in range(times):
        client.describe_regions(DescribeRegionsRequest())


def test_two_threads_with_mocks_of_their_own_never_cross(pristine):
    import threading

    barrier, seen, failures = threading.Barrier(2), {}, []

    def worker(name):
        try:
            with mock_ecs() as cloud:
                barrier.wait(10)  # both mocks are active now
                _describe_regions(cloud, 50)
                assert active_mock() is cloud
                seen[name] = (len(cloud.calls), {c.account_id for c in cloud.calls}, cloud.default_account.account_id)
                barrier.wait(10)
        except BaseException as error:  # reported below, in the test's thread
            failures.append(error)

    threads = [threading.Thread(target=worker, args=(name,)) for name in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not failures
    for calls, accounts, own in seen.values():
        assert (calls, accounts) == (50, {own})


def test_two_asyncio_tasks_with_mocks_of_their_own_never_cross(pristine):
    from alibabacloud_ecs20140526.models import DescribeRegionsRequest

    async def task(ready, go):
        with mock_ecs() as cloud:
            ready.set()
            await go.wait()
            client = cloud.client("v2")
            for _ in range(20):
                await client.describe_regions_async(DescribeRegionsRequest())
                await asyncio.sleep(0)
            return len(cloud.calls), active_mock() is cloud

    async def both():
        ready, go = [asyncio.Event(), asyncio.Event()], asyncio.Event()
        running = [asyncio.ensure_future(task(ready[n], go)) for n in range(2)]
        await asyncio.gather(*(r.wait() for r in ready))
        go.set()
        return await asyncio.gather(*running)

    assert asyncio.run(both()) == [(20, True), (20, True)]


def test_a_thread_pool_started_inside_a_mock_uses_that_mock(pristine):
    from concurrent.futures import ThreadPoolExecutor

    with mock_ecs() as cloud:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda _: _describe_regions(cloud, 1), range(12)))
        assert len(cloud.calls) == 12


def test_out_of_order_stops_restore_the_environment_exactly(pristine, monkeypatch):
    monkeypatch.setenv("ALIBABA_CLOUD_SECURITY_TOKEN", "a-real-session-token")
    monkeypatch.setenv("ALIYUN_ACCESS_KEY_ID", "LTAIrealkey")
    before = environment()
    first, second = mock_ecs().start(), mock_ecs().start()
    assert os.environ["ALIYUN_ACCESS_KEY_ID"] == second.default_account.access_key_id
    first.stop()
    assert os.environ["ALIYUN_ACCESS_KEY_ID"] == second.default_account.access_key_id  # the one still active
    assert "ALIBABA_CLOUD_SECURITY_TOKEN" not in os.environ
    assert active_mock() is second
    second.stop()
    assert environment() == before


# --- a strict handle: a test's mistakes are told at once ------------------------------------------------


def test_a_misspelt_action_or_an_impossible_status_is_refused_at_once(ecs_mock):
    with pytest.raises(ValueError, match="DescribeImage'.*did you mean DescribeImages"):
        ecs_mock.inject_error("DescribeImage", "Throttling")
    with pytest.raises(ValueError, match="DescribeImagez"):
        ecs_mock.deny(ecs_mock.default_account, "DescribeImagez")
    for status in (999, 200, "500"):
        with pytest.raises(ValueError, match="400 to 599"):
            ecs_mock.inject_error("DescribeImages", "Throttling", status=status)
    with pytest.raises(ValueError, match="times"):
        ecs_mock.inject_error("DescribeImages", "Throttling", times=0)
    ecs_mock.inject_error("DescribeDedicatedHosts", "Throttling")  # real, though not implemented: fine
    ecs_mock.inject_error("CreateResourceShare", "Throttling")  # another product's action: fine


def test_faults_that_never_fired_are_named(ecs_mock):
    from alibabacloud_ecs20140526.models import DescribeRegionsRequest
    from alibabacloud_tea_openapi.exceptions import ClientException

    ecs_mock.inject_error("DescribeRegions", "Throttling")
    ecs_mock.inject_error("DescribeImages", "Throttling", times=2)
    with pytest.raises(ClientException):
        ecs_mock.client("v2").describe_regions(DescribeRegionsRequest())
    with pytest.raises(AssertionError, match=r"DescribeImages: 2 × Throttling") as unused:
        ecs_mock.assert_all_faults_used()
    assert "DescribeRegions" not in str(unused.value)


USER_SUITE = """
import pytest
from alibabacloud_ecs20140526.models import DescribeRegionsRequest
from aliyun_mock import active_mock, mock_ecs


def regions():
    return active_mock().client("v2").describe_regions(DescribeRegionsRequest()).body.regions.region


@mock_ecs
def test_the_decorator_and_the_fixture_are_one_mock(ecs_mock):
    ecs_mock.client("v2").describe_regions(DescribeRegionsRequest())
    assert active_mock() is ecs_mock and len(ecs_mock.calls) == 1


@mock_ecs(strict=True)
def test_a_configured_decorator_with_the_fixture_is_refused(ecs_mock):
    pass


@mock_ecs
class TestWithSetupMethod:
    def setup_method(self, method):
        self.cloud = active_mock()
        assert regions()  # reaches the mock, not the network

    def test_it(self):
        assert active_mock() is self.cloud and len(self.cloud.calls) == 1

    def teardown_method(self, method):
        assert regions()


@mock_ecs
class TestWithSetupClass:
    @classmethod
    def setup_class(cls):
        cls.cloud = active_mock()
        assert regions()

    def test_one(self):
        assert active_mock() is self.cloud

    def test_two(self):
        assert len(self.cloud.calls) == 1

    @classmethod
    def teardown_class(cls):
        assert regions()


def test_after_the_classes_no_mock_is_left():
    assert active_mock() is None


@pytest.mark.aliyun_mock(faults_used=True)
def test_an_unused_fault_fails_the_test_when_asked(ecs_mock):
    ecs_mock.inject_error("DescribeImages", "Throttling")
"""


def test_pytest_forms_of_a_user_suite(tmp_path):
    import subprocess
    import sys

    (tmp_path / "test_user_suite.py").write_text(USER_SUITE)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert "1 failed, 6 passed, 1 error" in result.stdout, result.stdout[-3000:]  # the error: the unused fault
    assert "injected faults that never fired: DescribeImages" in result.stdout
    assert "configured with @pytest.mark.aliyun_mock" in result.stdout


def test_the_default_account_id_can_be_pinned(monkeypatch):
    with mock_ecs(account_id="1234567890123456") as cloud:
        assert cloud.default_account.account_id == "1234567890123456"
        cloud.reset()
        assert cloud.default_account.account_id == "1234567890123456"
    monkeypatch.setenv("ALIYUN_MOCK_ACCOUNT_ID", "6543210987654321")
    with mock_ecs() as cloud:
        assert cloud.default_account.account_id == "6543210987654321"
    monkeypatch.setenv("ALIYUN_MOCK_ACCOUNT_ID", "not-digits")
    with pytest.raises(ValueError, match="digits"):
        mock_ecs().start()
    assert active_mock() is None


def test_a_missing_sdk_says_how_to_install_it(ecs_mock, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def without_the_vpc_sdk(name, *args, **kwargs):
        if name.startswith("alibabacloud_vpc20160428"):
            raise ModuleNotFoundError(f"No module named {name!r}", name="alibabacloud_vpc20160428")
        return real_import(name, *args, **kwargs)

    import sys

    for module in [m for m in sys.modules if m.startswith("alibabacloud_vpc20160428")]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setattr(builtins, "__import__", without_the_vpc_sdk)
    with pytest.raises(ModuleNotFoundError, match=r"alibabacloud-vpc20160428.*pip install 'aliyun-mock\[sdk\]'"):
        ecs_mock.client("v2", product="vpc")
