"""The test author's toolkit: recorded calls, injected faults (and how each SDK retries on them),
state save/load/query, deterministic ids and times, XML."""

import json
import unittest.mock
from pathlib import Path

import pytest
from helpers import assert_fails, custom_image, share

from aliyun_mock import mock_ecs
from conftest_plugin import ApiFailure, V1Path, V2AsyncPath, V2Path

REGION = "cn-hangzhou"


@pytest.fixture
def v2(ecs_mock):
    return V2Path(ecs_mock)


def test_calls_record_action_account_region_unflattened_params_status_and_code(v2, ecs_mock):
    image_id = custom_image(v2)
    share(v2, image_id, add=["1234567890", "2345678901"])
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        share,
        v2,
        "m-bp1nothing",
        add=["1234567890"],
    )
    modify = [c for c in ecs_mock.calls if c.action == "ModifyImageSharePermission"]
    assert [(c.account_id, c.region_id, c.status, c.code) for c in modify] == [
        (ecs_mock.default_account.account_id, REGION, 200, None),
        (ecs_mock.default_account.account_id, REGION, 404, "InvalidImageId.NotFound"),
    ]
    assert modify[0].params["AddAccount"] == ["1234567890", "2345678901"]
    ecs_mock.reset()
    assert ecs_mock.calls == []


INJECTABLE = [
    ("Throttling", 400, "Request was denied due to request throttling."),
    ("Throttling.User", 400, "Request was denied due to user flow control."),
    ("ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server."),
    ("InternalError", 500, "The request processing has failed due to some unknown error, exception or failure."),
    ("QuotaExceed.ShareImageUser", 403, "The shared Image user Quota exceeds."),
]


@pytest.mark.parametrize("path_type", [V2Path, V2AsyncPath])
@pytest.mark.parametrize("code, status, message", INJECTABLE, ids=[row[0] for row in INJECTABLE])
def test_v2_never_retries_by_default(ecs_mock, path_type, code, status, message):
    ecs_mock.inject_error("ModifyImageSharePermission", code)
    path = path_type(ecs_mock)
    image_id = custom_image(path)
    assert_fails(status, code, message, share, path, image_id, add=["1234567890"])
    share(path, image_id, add=["1234567890"])  # one fault, one failed attempt: the next call succeeds
    assert [c.code for c in ecs_mock.calls if c.action == "ModifyImageSharePermission"] == [code, None]


def test_injected_status_and_message_override_the_catalogue(v2, ecs_mock):
    ecs_mock.inject_error("DescribeRegions", "Throttling.User", status=429, message="slow down", times=2)
    for _ in range(2):
        assert_fails(429, "Throttling.User", "slow down", v2.call, "DescribeRegions", {})
    v2.call("DescribeRegions", {})


def test_v2_retries_only_when_configured_to(ecs_mock):
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_ecs20140526.models import DescribeRegionsRequest
    from alibabacloud_tea_openapi.models import Config
    from darabonba.policy.retry import RetryCondition, RetryOptions

    account = ecs_mock.default_account
    retry = RetryOptions(
        retryable=True,
        retry_condition=[
            RetryCondition(max_attempts=3, error_code=["ServiceUnavailable"], backoff={"policy": "Fixed", "period": 1})
        ],
    )
    client = Client(
        Config(
            access_key_id=account.access_key_id,
            access_key_secret=account.access_key_secret,
            region_id=REGION,
            retry_options=retry,
        )
    )
    ecs_mock.inject_error("DescribeRegions", "ServiceUnavailable", times=2)
    assert client.describe_regions(DescribeRegionsRequest()).status_code == 200
    assert [c.status for c in ecs_mock.calls] == [503, 503, 200]


@pytest.fixture
def no_v1_sleep():
    import aliyunsdkcore.client as v1_client

    with unittest.mock.patch.object(v1_client.time, "sleep") as sleep:
        yield sleep


V1_RETRIES = [  # (action, code, attempts the V1 SDK makes) — sdk-wire.md §4.1
    ("DescribeImages", "ServiceUnavailable", 4),
    ("DescribeImages", "InternalError", 4),
    ("DescribeImages", "Throttling", 4),
    ("DescribeImages", "Throttling.User", 1),
    ("ModifyImageSharePermission", "ServiceUnavailable", 1),
    ("ModifyImageSharePermission", "Throttling", 1),
]


@pytest.mark.parametrize("action, code, attempts", V1_RETRIES)
def test_v1_retries_as_its_retry_config_says(ecs_mock, no_v1_sleep, action, code, attempts):
    v1 = V1Path(ecs_mock)
    image_id = custom_image(v1) if action == "ModifyImageSharePermission" else ""
    ecs_mock.inject_error(action, code, times=10)
    params = {"RegionId": REGION}
    if image_id:
        params.update(ImageId=image_id, AddAccount=["1234567890"])
    with pytest.raises(ApiFailure) as failure:
        v1.call(action, params)
    assert failure.value.code == code
    assert sum(1 for c in ecs_mock.calls if c.action == action) == attempts


def test_state_round_trips_through_json_and_query(v2, ecs_mock, tmp_path):
    sharee = ecs_mock.create_account(site="international")
    image_id = custom_image(v2, name="scene")
    share(v2, image_id, add=[sharee.account_id])
    state = ecs_mock.state()
    assert state["version"] == 1
    assert ecs_mock.query(f"images[?owner_id=='{ecs_mock.default_account.account_id}'].image_id") == [image_id]
    assert ecs_mock.query("images[0].shares[].account_id") == [sharee.account_id]
    path = tmp_path / "scene.json"
    path.write_text(json.dumps(state))

    with mock_ecs(state=str(path)) as replay:
        assert replay.default_account.account_id == ecs_mock.default_account.account_id
        replayed = V2Path(replay)
        body = replayed.call(
            "DescribeImages",
            {"RegionId": REGION, "ImageOwnerAlias": "others"},
            account=replay.accounts.accounts[sharee.account_id],
        )
        assert [i["ImageId"] for i in body["Images"]["Image"]] == [image_id]
        assert replay.state() == state


def test_state_with_a_future_version_is_refused(ecs_mock):
    with pytest.raises(ValueError):
        ecs_mock.load({"version": 99})


SCENE = {
    "version": 1,
    "default_account_id": "1111111111111111",
    "accounts": [
        {
            "account_id": "1111111111111111",
            "site": "china",
            "access_keys": [
                {"access_key_id": "LTAI5tSceneKey0000000000", "access_key_secret": "scene-secret", "active": True}
            ],
        }
    ],
}


@pytest.mark.aliyun_mock(state=SCENE)
def test_the_marker_loads_a_scene(ecs_mock):
    assert ecs_mock.default_account.access_key_id == "LTAI5tSceneKey0000000000"


def test_a_seed_makes_ids_keys_request_ids_and_times_repeat():
    def run():
        with mock_ecs(seed=42) as cloud:
            path = V2Path(cloud)
            image_id = custom_image(path)
            body = path.call("DescribeImages", {"RegionId": REGION, "ImageId": image_id})
            return (
                cloud.default_account.access_key_id,
                image_id,
                body["RequestId"],
                body["Images"]["Image"][0]["CreationTime"],
            )

    first, second = run(), run()
    assert first == second
    assert first[3].startswith("2026-01-01T00:00:")


def test_format_xml_for_v1_clients_that_ask_for_it(ecs_mock):
    """``do_action_with_exception`` always asks for JSON; the older ``do_action`` sends the format set."""
    from aliyunsdkecs.request.v20140526.DescribeRegionsRequest import DescribeRegionsRequest

    request = DescribeRegionsRequest()
    request.set_accept_format("XML")
    with pytest.warns(DeprecationWarning):
        body = ecs_mock.client("v1").do_action(request).decode()
    assert body.startswith("<?xml version='1.0' encoding='UTF-8'?><DescribeRegionsResponse><RequestId>")
    assert "<Regions><Region><RegionId>cn-qingdao</RegionId>" in body


def test_pytest_xdist_workers_each_have_their_own_mock(tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "2",
            "-p",
            "no:cacheprovider",
            "tests/test_sharing.py",
            "tests/test_seed_scenario.py",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=root,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
