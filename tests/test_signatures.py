"""Signature verification: the captured requests of every SDK verify, tampered copies do not,
and each documented authentication error is reachable through both SDK generations."""

import datetime
import json
import time
from urllib.parse import parse_qsl

import pytest
import requests
from helpers import assert_fails, captured_requests, request_from

from aliyun_mock.core.accounts import StsCredentials
from aliyun_mock.core.signing import acs3_signature, acs3_string_to_sign, rpc_signature, rpc_string_to_sign
from aliyun_mock.core.wire import WireRequest
from conftest_plugin import V1Path, V2Path, signed_query
from conftest_plugin import rpc_signature as client_side_signature

SECRET = "test/secret+key=~*"
CAPTURE_KEY = "LTAI_TEST_AK"


def app_answer(cloud, request: WireRequest):
    status, _, body = cloud.app.answer(request)
    return status, json.loads(body)


@pytest.fixture
def capture_key(ecs_mock):
    """The key (and the STS token) the captured requests were signed with, issued by the mock."""
    ecs_mock.create_access_key(access_key_id=CAPTURE_KEY, access_key_secret=SECRET)
    return ecs_mock


def with_sts_token(cloud, capture):
    query = dict(parse_qsl(request_from(capture).query))
    token = query.get("SecurityToken") or {k.lower(): v for k, v in capture["headers"].items()}.get(
        "x-acs-security-token"
    )
    if token:
        cloud.accounts.keys.pop(CAPTURE_KEY, None)
        cloud.accounts.sts[CAPTURE_KEY] = StsCredentials(
            CAPTURE_KEY, SECRET, token, cloud.default_account.account_id, time.time() + 3600
        )


@pytest.mark.parametrize("capture", captured_requests())
def test_every_captured_request_verifies(capture_key, capture):
    with_sts_token(capture_key, capture)
    status, body = app_answer(capture_key, request_from(capture))
    assert body.get("Code") != "SignatureDoesNotMatch", body
    assert status in (200, 400, 404)  # DryRun passes or the example image m-xxx is unknown: either way, signed


@pytest.mark.parametrize("capture", captured_requests())
def test_every_tampered_capture_is_refused(capture_key, capture):
    with_sts_token(capture_key, capture)
    tampered = dict(capture, url=capture["url"].replace("RegionId=cn-hangzhou", "RegionId=cn-beijing"))
    status, body = app_answer(capture_key, request_from(tampered))
    assert (status, body["Code"]) == (400, "SignatureDoesNotMatch")
    assert body["Message"].startswith(
        "Specified signature is not matched with our calculation. server string to sign is:"
    )


def test_signatures_are_computed_from_decoded_values():
    pairs = [("ImageName", "name with space*~/"), ("Action", "DescribeImages")]
    assert (
        rpc_string_to_sign("post", pairs)
        == "POST&%2F&Action%3DDescribeImages%26ImageName%3Dname%2520with%2520space%252A~%252F"
    )
    assert rpc_signature(SECRET, rpc_string_to_sign("GET", [("A", "1")])) == client_side_signature(
        "GET", {"A": "1"}, SECRET
    )
    string_to_sign = acs3_string_to_sign("POST", "/", pairs, {"host": "h"}, ["host"], b"")
    assert string_to_sign.startswith("ACS3-HMAC-SHA256\n") and len(acs3_signature(SECRET, string_to_sign)) == 64


def test_a_wrong_secret_through_the_v2_sdk_sync_and_async(ecs_mock):
    import asyncio

    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_ecs20140526.models import DescribeRegionsRequest
    from alibabacloud_tea_openapi.exceptions import ClientException
    from alibabacloud_tea_openapi.models import Config

    account = ecs_mock.default_account
    for algorithm in (None, "v2"):
        client = Client(
            Config(
                access_key_id=account.access_key_id,
                access_key_secret="wrong",
                region_id="cn-hangzhou",
                signature_algorithm=algorithm,
            )
        )
        for send in (
            lambda: client.describe_regions(DescribeRegionsRequest()),
            lambda: asyncio.run(client.describe_regions_async(DescribeRegionsRequest())),
        ):
            with pytest.raises(ClientException) as failure:
                send()
            assert (failure.value.status_code, failure.value.code) == (400, "SignatureDoesNotMatch")
            message = failure.value.data["Message"]
            assert message.startswith(
                "Specified signature is not matched with our calculation. server string to sign is:"
            )
            expected = "ACS3-HMAC-SHA256\n" if algorithm is None else "POST&%2F&"
            assert message.split("server string to sign is:", 1)[1].startswith(expected)


def test_a_wrong_secret_through_the_v1_sdk_is_reported_as_the_sdk_reports_it(ecs_mock):
    """The V1 SDK compares the server's string-to-sign with its own and, when they agree, names the secret."""
    from aliyunsdkcore.acs_exception.exceptions import ServerException
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkecs.request.v20140526.DescribeRegionsRequest import DescribeRegionsRequest

    client = AcsClient(ecs_mock.default_account.access_key_id, "wrong", "cn-hangzhou")
    with pytest.raises(ServerException) as failure:
        client.do_action_with_exception(DescribeRegionsRequest())
    assert (failure.value.get_http_status(), failure.value.get_error_code()) == (400, "InvalidAccessKeySecret")


def raw_rpc(cloud, key_id, secret, *, timestamp=None, nonce=None, signature=True, **extra):
    query = signed_query(
        "DescribeRegions", extra, access_key_id=key_id, secret=secret, nonce=nonce, timestamp=timestamp, sign=signature
    )
    response = requests.get("https://ecs.aliyuncs.com/", params=query, timeout=5)
    return response.status_code, response.json().get("Code"), response.json().get("Message")


def test_tampered_parameter_and_missing_signature(ecs_mock):
    account = ecs_mock.default_account
    query = signed_query(
        "DescribeRegions",
        {"AcceptLanguage": "en-US"},
        access_key_id=account.access_key_id,
        secret=account.access_key_secret,
        nonce="n1",
        timestamp="2026-01-01T00:00:00Z",
    )
    query["AcceptLanguage"] = "zh-CN"  # changed after signing
    response = requests.get("https://ecs.aliyuncs.com/", params=query, timeout=5)
    assert (response.status_code, response.json()["Code"]) == (400, "SignatureDoesNotMatch")
    assert raw_rpc(ecs_mock, account.access_key_id, "", signature=False) == (
        400,
        "IncompleteSignature",
        "The request signature does not conform to Aliyun standards.",
    )


@pytest.mark.parametrize("path_type", [V1Path, V2Path])
def test_a_disabled_key(ecs_mock, path_type):
    key = ecs_mock.create_access_key()
    account = type(ecs_mock.default_account)(
        ecs_mock.default_account.account_id, key.access_key_id, key.access_key_secret
    )
    path = path_type(ecs_mock)
    path.call("DescribeRegions", {}, account=account)
    ecs_mock.disable_access_key(key.access_key_id)
    assert_fails(
        400,
        "InvalidAccessKeyId.Inactive",
        "Specified access key is disabled.",
        path.call,
        "DescribeRegions",
        {},
        account=account,
    )
    path.call("DescribeRegions", {})  # the account's other key still works


@pytest.mark.aliyun_mock(strict=True)
def test_strict_mode_checks_time_and_nonce(ecs_mock):
    account = ecs_mock.default_account
    stale = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=20)).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    assert raw_rpc(ecs_mock, account.access_key_id, account.access_key_secret, timestamp=stale) == (
        400,
        "InvalidTimeStamp.Expired",
        "Specified time stamp or date value is expired.",
    )
    assert (
        raw_rpc(ecs_mock, account.access_key_id, account.access_key_secret, timestamp="yesterday")[1]
        == "InvalidTimeStamp.Format"
    )
    assert raw_rpc(ecs_mock, account.access_key_id, account.access_key_secret, nonce="once")[0] == 200
    assert raw_rpc(ecs_mock, account.access_key_id, account.access_key_secret, nonce="once") == (
        400,
        "SignatureNonceUsed",
        "Specified signature nonce was used already.",
    )
    assert raw_rpc(ecs_mock, "LTAI5tNobodyIssuedThis000", "x")[1] == "InvalidAccessKeyId.NotFound"


def test_outside_strict_mode_time_and_nonce_are_not_checked(ecs_mock):
    account = ecs_mock.default_account
    assert (
        raw_rpc(
            ecs_mock, account.access_key_id, account.access_key_secret, timestamp="2001-01-01T00:00:00Z", nonce="same"
        )[0]
        == 200
    )
    assert raw_rpc(ecs_mock, account.access_key_id, account.access_key_secret, nonce="same")[0] == 200


def sdk_clock_and_nonce(monkeypatch, *, timestamp=None, nonce=None):
    """Make both SDK generations stamp every request with this time and/or nonce."""
    from alibabacloud_tea_openapi.utils import Utils
    from aliyunsdkcore.utils import parameter_helper

    if timestamp:
        monkeypatch.setattr(Utils, "get_timestamp", staticmethod(lambda: timestamp))
        monkeypatch.setattr(parameter_helper, "get_iso_8061_date", lambda: timestamp)
    if nonce:
        monkeypatch.setattr(Utils, "get_nonce", staticmethod(lambda: nonce))
        monkeypatch.setattr(parameter_helper, "get_uuid", lambda: nonce)


@pytest.mark.aliyun_mock(strict=True)
@pytest.mark.parametrize("path_type", [V1Path, V2Path])
def test_strict_mode_refuses_an_sdk_request_stamped_too_long_ago(ecs_mock, monkeypatch, path_type):
    sdk_clock_and_nonce(monkeypatch, timestamp="2020-01-01T00:00:00Z")
    assert_fails(
        400,
        "InvalidTimeStamp.Expired",
        "Specified time stamp or date value is expired.",
        path_type(ecs_mock).call,
        "DescribeRegions",
        {},
    )


@pytest.mark.aliyun_mock(strict=True)
@pytest.mark.parametrize("path_type", [V1Path, V2Path])
def test_strict_mode_refuses_an_sdk_request_whose_nonce_was_used(ecs_mock, monkeypatch, path_type):
    sdk_clock_and_nonce(monkeypatch, nonce="0123456789abcdef0123456789abcdef")
    path = path_type(ecs_mock)
    path.call("DescribeRegions", {})
    assert_fails(
        400, "SignatureNonceUsed", "Specified signature nonce was used already.", path.call, "DescribeRegions", {}
    )


@pytest.mark.aliyun_mock(strict=True)
@pytest.mark.parametrize("path_type", [V1Path, V2Path])
def test_strict_mode_refuses_an_unknown_key_through_the_sdks(ecs_mock, path_type):
    from aliyun_mock import Account

    stranger = Account("1999999999999999", "LTAI5tNobodyIssuedThis000", "secret")
    assert_fails(
        404,
        "InvalidAccessKeyId.NotFound",
        "Specified access key is not found.",
        path_type(ecs_mock).call,
        "DescribeRegions",
        {},
        account=stranger,
    )
