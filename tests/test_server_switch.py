"""ALIYUN_MOCK_SERVER: mock_ecs and the ecs_mock fixture use a running server instead of a mock in
the process — the test's own SDK clients, unchanged, reach it; each start resets it."""

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alibabacloud_ecs20140526 import models
from helpers import assert_fails, custom_image, image_ids, launch, share, shared_with_me

from aliyun_mock import mock_ecs
from aliyun_mock.core.accounts import Account
from aliyun_mock.remote import RemoteMock, ServerUnavailable
from aliyun_mock.server import ThreadedServer
from conftest_plugin import ApiFailure, V1Path, V2Path

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def server(monkeypatch):
    with ThreadedServer() as running:
        monkeypatch.setenv("ALIYUN_MOCK_SERVER", f"http://{running.endpoint}")
        yield running


def regions(cloud, path=V2Path, account=None):
    return path(cloud).call("DescribeRegions", {}, account=account)


def test_the_sdks_of_the_test_reach_the_server_and_the_handle_reads_it(server):
    with mock_ecs() as cloud:
        assert isinstance(cloud, RemoteMock)
        assert cloud.default_account.account_id == server.cloud.default_account.account_id
        regions(cloud)
        regions(cloud, V1Path)
        image_id = custom_image(V2Path(cloud))
        sharee = cloud.create_account()
        share(V2Path(cloud), image_id, [sharee.account_id])
        assert image_ids(shared_with_me(V2Path(cloud), sharee)) == [image_id]
        assert [c.action for c in server.cloud.calls] == [c.action for c in cloud.calls]
        assert "ModifyImageSharePermission" in [c.action for c in cloud.calls]
        assert cloud.query(f"images[?image_id=='{image_id}'].owner_id") == [cloud.default_account.account_id]
    assert os.environ["ALIYUN_MOCK_SERVER"]  # nothing of the switch is undone at the stop


def test_each_start_resets_the_server_with_that_mocks_options(server):
    with mock_ecs() as cloud:
        custom_image(V2Path(cloud))
        first = cloud.default_account.account_id
    with mock_ecs(strict=True, account_id="1234567890123456") as cloud:
        assert cloud.default_account.account_id == "1234567890123456" != first
        assert server.cloud.strict and cloud.calls == []
        assert cloud.query("images[?source=='custom']") == []
        stranger = Account("1", "LTAIunknown", "x")
        assert_fails(
            404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.", regions, cloud, account=stranger
        )
    with mock_ecs() as cloud:  # the server's own options again
        assert not server.cloud.strict and cloud.default_account.account_id not in (first, "1234567890123456")


def test_a_scene_and_a_seed_load_into_the_server(server):
    with mock_ecs(seed=7) as cloud:
        image_id = custom_image(V2Path(cloud))
        scene = cloud.state()
    with mock_ecs(seed=7) as again:
        assert custom_image(V2Path(again)) == image_id  # the same seed, the same ids
    with mock_ecs(state=scene) as cloud:
        assert server.cloud.default_account.account_id == scene["default_account_id"]
        body = (
            cloud.client("v2")
            .describe_images(models.DescribeImagesRequest(region_id="cn-hangzhou", image_id=image_id))
            .body
        )
        assert [i.image_id for i in body.images.image] == [image_id]


def test_the_handles_checks_and_faults_go_through_the_server(server):
    with mock_ecs() as cloud:
        with pytest.raises(ValueError, match="did you mean DescribeRegions"):
            cloud.inject_error("DescribeRegionz", "Throttling")
        with pytest.raises(ValueError, match="status"):
            cloud.inject_error("DescribeRegions", "Throttling", status=999)
        with pytest.raises(ValueError, match="DescribeImagez"):
            cloud.deny(cloud.default_account, "DescribeImagez")
        cloud.inject_error("DescribeRegions", "Throttling", times=2)
        with pytest.raises(AssertionError, match="DescribeRegions: 2 × Throttling"):
            cloud.assert_all_faults_used()
        for _ in range(2):
            assert_fails(400, "Throttling", "Request was denied due to request throttling.", regions, cloud)
        cloud.assert_all_faults_used()
        regions(cloud)
        assert [(c.action, c.status, c.code) for c in cloud.calls] == [
            ("DescribeRegions", 400, "Throttling"),
            ("DescribeRegions", 400, "Throttling"),
            ("DescribeRegions", 200, None),
        ]
        cloud.deny(cloud.default_account, "DescribeRegions")
        failure = pytest.raises(ApiFailure, regions, cloud).value
        assert (failure.status, failure.code) == (403, "Forbidden.RAM")


def test_keys_credentials_and_transitions_through_the_server(server):
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_tea_openapi.models import Config

    with mock_ecs() as cloud:
        key = cloud.create_access_key(access_key_id="LTAIpinned0001", access_key_secret="s3cret")
        assert key.account_id == cloud.default_account.account_id
        holder = Account(key.account_id, key.access_key_id, "s3cret")
        assert regions(cloud, account=holder)["Regions"]
        cloud.disable_access_key("LTAIpinned0001")
        failure = pytest.raises(ApiFailure, regions, cloud, account=holder).value
        assert (failure.status, failure.code) == (400, "InvalidAccessKeyId.Inactive")
        with pytest.raises(KeyError, match="LTAInone"):
            cloud.disable_access_key("LTAInone")
        sts = cloud.create_sts_credentials(duration_seconds=900)
        temporary = Client(
            Config(
                access_key_id=sts.access_key_id,
                access_key_secret=sts.access_key_secret,
                security_token=sts.security_token,
                region_id="cn-hangzhou",
            )
        )
        assert temporary.describe_regions(models.DescribeRegionsRequest()).status_code == 200
        instance_id = launch(V2Path(cloud))
        cloud.hold_transitions()
        V2Path(cloud).call("StopInstance", {"InstanceId": instance_id})
        assert status(cloud, instance_id) == "Stopping"
        assert cloud.settle() == 1
        assert status(cloud, instance_id) == "Stopped"
        cloud.release_transitions()


def status(cloud, instance_id):
    body = V2Path(cloud).call("DescribeInstances", {"RegionId": "cn-hangzhou", "InstanceIds": f'["{instance_id}"]'})
    return body["Instances"]["Instance"][0]["Status"]


def test_two_tests_sharing_one_server_at_once_are_told_so(server):
    """A test whose server another test has reset meanwhile (pytest-xdist workers on one server) gets
    a clear refusal, not another test's state."""
    first = mock_ecs().start()
    try:
        with mock_ecs():  # another worker's test starts: the server is reset under the first
            pass
        failure = pytest.raises(ApiFailure, regions, first).value
        assert (failure.status, failure.code) == (409, "AliyunMock.ServerReset")
        assert "give each worker a server of its own" in failure.message
        with pytest.raises(ServerUnavailable, match="reset by another test"):
            _ = first.calls
    finally:
        first.stop()
    with mock_ecs() as cloud:  # one at a time again: all is well
        assert regions(cloud)["Regions"]


def test_copies_of_server_objects_refuse_changes_that_would_do_nothing(server):
    with mock_ecs() as cloud:
        with pytest.raises(AttributeError, match="lives in the server"):
            cloud.default_account.public_image_access = False
        with pytest.raises(AttributeError, match="lives in the server"):
            cloud.create_sts_credentials().expiration = 0
        with pytest.raises(AttributeError, match=r"cloud\.ecs is not available.*cloud\.query"):
            _ = cloud.ecs
    with pytest.raises(AttributeError, match="once the mock has started"):
        _ = mock_ecs().default_account


def test_an_unreachable_or_wrong_server_says_so(monkeypatch, unused_port):
    monkeypatch.setenv("ALIYUN_MOCK_SERVER", f"http://127.0.0.1:{unused_port}")
    with pytest.raises(ServerUnavailable, match="cannot be reached.*aliyun-mock server"):
        mock_ecs().start()
    for wrong in ("ftp://127.0.0.1:1", "http://127.0.0.1:1/prefix"):
        monkeypatch.setenv("ALIYUN_MOCK_SERVER", wrong)
        with pytest.raises(ValueError, match="must be http://HOST:PORT"):
            mock_ecs()


def test_each_xdist_worker_takes_its_own_server_from_the_list(monkeypatch):
    monkeypatch.setenv("ALIYUN_MOCK_SERVER", "http://127.0.0.1:8001, http://127.0.0.1:8002")
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    monkeypatch.delenv("PYTEST_XDIST_WORKER_COUNT", raising=False)
    assert mock_ecs().server == "http://127.0.0.1:8001"  # no workers: the first
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "2")
    for worker, port in (("gw0", 8001), ("gw1", 8002)):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        assert mock_ecs().server == f"http://127.0.0.1:{port}"
    monkeypatch.setenv("ALIYUN_MOCK_SERVER", "http://127.0.0.1:8003")  # one: each worker's own setting
    assert mock_ecs().server == "http://127.0.0.1:8003"
    monkeypatch.setenv("ALIYUN_MOCK_SERVER", "http://127.0.0.1:8001,http://127.0.0.1:8002")
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "3")  # fewer servers than workers: refused at once
    with pytest.raises(ValueError, match=r"names 2 servers for 3 pytest-xdist workers.*separated by commas"):
        mock_ecs()


def suite_environment(servers):
    """This environment for a pytest run of its own, which is no worker of this run's pytest-xdist."""
    inherited = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_XDIST_")}
    return {**inherited, "ALIYUN_MOCK_SERVER": servers}


def test_a_suite_under_xdist_runs_against_a_server_per_worker(tmp_path):
    """`pytest -n 2` with ALIYUN_MOCK_SERVER=URL1,URL2: each worker's tests reset and use only its own."""
    with ThreadedServer() as first, ThreadedServer() as second:
        starting_accounts = [first.cloud.default_account.account_id, second.cloud.default_account.account_id]
        servers = f"http://{first.endpoint},http://{second.endpoint}"
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-n", "2", "-p", "no:cacheprovider", "tests/test_sharing.py"],
            cwd=ROOT,
            env=suite_environment(servers),
            capture_output=True,
            text=True,
            timeout=300,
        )
        accounts_now = [first.cloud.default_account.account_id, second.cloud.default_account.account_id]
    assert run.returncode == 0, run.stdout[-3000:]
    assert re.search(r"\b[1-9][0-9] passed\b", run.stdout) and "ServerReset" not in run.stdout
    assert all(now != before for now, before in zip(accounts_now, starting_accounts))  # both were used


@pytest.fixture
def unused_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


FORMS = """
import pytest
from aliyun_mock import mock_ecs
from aliyun_mock.core.accounts import Account
from aliyun_mock.remote import RemoteMock


def test_fixture(ecs_mock):
    assert isinstance(ecs_mock, RemoteMock) and ecs_mock.calls == []


@pytest.mark.aliyun_mock(account_id="1111222233334444")
def test_marker(ecs_mock):
    assert ecs_mock.default_account.account_id == "1111222233334444"


@mock_ecs
def test_decorator():
    from aliyun_mock import active_mock
    assert isinstance(active_mock(), RemoteMock)


@mock_ecs
class TestClass:
    def setup_method(self, method):
        from aliyun_mock import active_mock
        self.cloud = active_mock()

    def test_inside(self):
        assert isinstance(self.cloud, RemoteMock)
"""


def test_a_part_of_this_suite_runs_against_a_server_started_from_the_command_line(tmp_path):
    """The sharing tests and the seed's scenario, unchanged, through all five client paths — against
    `aliyun-mock server` in another process; and every form a mock takes (fixture, marker, decorator,
    class)."""
    command = [sys.executable, "-u", "-m", "aliyun_mock", "server", "--port", "0", "--log-requests"]
    log_file = tmp_path / "requests.log"
    with open(log_file, "w") as log_sink:  # a pipe nobody reads would fill up and stop the server
        served = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log_sink, text=True)
    try:
        url = re.search(r"serving on (http://\S+)", served.stdout.readline()).group(1)
        environment = suite_environment(url)
        (tmp_path / "test_forms.py").write_text(textwrap.dedent(FORMS))
        runs = [
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    "-p",
                    "no:randomly",
                    "tests/test_sharing.py",
                    "tests/test_seed_scenario.py",
                ],
                cwd=ROOT,
                env=environment,
                capture_output=True,
                text=True,
                timeout=300,
            ),
            subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_forms.py"],
                cwd=tmp_path,
                env=environment,
                capture_output=True,
                text=True,
                timeout=300,
            ),
        ]
    finally:
        served.terminate()
        served.communicate(timeout=10)
    log = log_file.read_text()
    suite, forms = runs
    assert suite.returncode == 0, suite.stdout[-3000:]
    assert re.search(r"\b5[0-9] passed\b", suite.stdout), suite.stdout[-500:]
    assert forms.returncode == 0 and "4 passed" in forms.stdout, forms.stdout[-3000:]
    resets = log.count("POST /_mock/reset")
    api_calls = len(re.findall(r'"(GET|POST) /\?', log)) + log.count('"POST / HTTP')
    assert resets >= 59 and api_calls > 100, log[-2000:]  # one reset per test; the tests' calls went there
