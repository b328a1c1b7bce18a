"""What the gateway answers before any handler runs: products, versions, actions, formats.
Every one of these is answered by the mock (recorded in cloud.calls), never by the network."""

import json

import pytest
import requests
from helpers import assert_fails, signed_get


def error_of(response):
    body = response.json()
    assert set(body) == {"RequestId", "HostId", "Code", "Message", "Recommend"}
    assert body["Recommend"].startswith(f"https://api.aliyun.com/troubleshoot?q={body['Code']}&product=")
    return response.status_code, body["Code"], body["Message"]


def test_a_real_but_unimplemented_ecs_action_is_named_as_not_implemented(client_path):
    assert_fails(
        501,
        "AliyunMock.NotImplemented",
        "Ecs action DescribeDedicatedHosts (API version 2014-05-26) is not implemented in aliyun-mock.",
        client_path.call,
        "DescribeDedicatedHosts",
        {"RegionId": "cn-hangzhou"},
    )


def test_an_action_ecs_does_not_have_is_invalid_action(ecs_mock):
    response = signed_get(ecs_mock, "ecs.cn-hangzhou.aliyuncs.com", Action="DescribeUnicorns", Version="2014-05-26")
    assert error_of(response) == (
        404,
        "InvalidAction.NotFound",
        "Specified api is not found, please check your url and method.",
    )
    assert ecs_mock.calls[-1].action == "DescribeUnicorns" and ecs_mock.calls[-1].code == "InvalidAction.NotFound"


def test_an_unknown_version_is_invalid_version(ecs_mock):
    response = signed_get(ecs_mock, "ecs.aliyuncs.com", Action="DescribeRegions", Version="2099-01-01")
    assert error_of(response) == (400, "InvalidVersion", "Specified parameter Version is not valid.")


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_another_aliyun_product_is_answered_as_not_implemented(ecs_mock, scheme):
    response = requests.get(
        f"{scheme}://rds.cn-hangzhou.aliyuncs.com/",
        timeout=5,
        params={"Action": "DescribeDBInstances", "Version": "2014-08-15", "Format": "JSON"},
    )
    assert response.status_code == 501
    body = response.json()
    assert body["Code"] == "AliyunMock.NotImplemented"
    assert body["Message"] == "The product at rds.cn-hangzhou.aliyuncs.com is not implemented in aliyun-mock."


def test_every_call_is_recorded_with_its_product_host_and_verified_account(ecs_mock):
    """Calls to products and actions the mock lacks appear in cloud.calls, so a test can assert what
    was attempted; the account is there when the signature verifies."""
    other = ecs_mock.create_account()
    client = ecs_mock.client("v2", other)
    from alibabacloud_ecs20140526.models import DescribeDedicatedHostsRequest
    from alibabacloud_tea_openapi.exceptions import ServerException

    with pytest.raises(ServerException):
        client.describe_dedicated_hosts(DescribeDedicatedHostsRequest(region_id="cn-hangzhou"))
    unimplemented = ecs_mock.calls[-1]
    assert (unimplemented.action, unimplemented.account_id, unimplemented.product, unimplemented.status) == (
        "DescribeDedicatedHosts",
        other.account_id,
        "Ecs",
        501,
    )
    signed_get(ecs_mock, "rds.cn-hangzhou.aliyuncs.com", Action="DescribeDBInstances", Version="2014-08-15")
    elsewhere = ecs_mock.calls[-1]
    assert (elsewhere.action, elsewhere.account_id, elsewhere.product, elsewhere.host, elsewhere.region_id) == (
        "DescribeDBInstances",
        ecs_mock.default_account.account_id,
        "rds",
        "rds.cn-hangzhou.aliyuncs.com",
        "cn-hangzhou",
    )
    assert elsewhere.code == "AliyunMock.NotImplemented"
    requests.post("https://cs.aliyuncs.com/clusters", data="{}", timeout=5)  # a ROA product: not even RPC
    assert (ecs_mock.calls[-1].product, ecs_mock.calls[-1].host, ecs_mock.calls[-1].status) == (
        "cs",
        "cs.aliyuncs.com",
        501,
    )


def test_v1_common_request_to_another_product_gets_the_clear_error(ecs_mock):
    from aliyunsdkcore.acs_exception.exceptions import ServerException
    from aliyunsdkcore.request import CommonRequest

    request = CommonRequest(domain="rds.aliyuncs.com", version="2014-08-15", action_name="DescribeDBInstances")
    with pytest.raises(ServerException) as failure:
        ecs_mock.client("v1").do_action_with_exception(request)
    assert (failure.value.get_http_status(), failure.value.get_error_code()) == (501, "AliyunMock.NotImplemented")


def test_format_xml_and_the_rpc_default_format_are_xml(ecs_mock):
    response = signed_get(ecs_mock, "ecs.aliyuncs.com", Action="DescribeRegions", Version="2014-05-26", Format="XML")
    assert response.headers["Content-Type"] == "text/xml;charset=utf-8"
    assert "<DescribeRegionsResponse><RequestId>" in response.text and "<Region><RegionId>" in response.text
    bare = requests.get(
        "https://ecs.aliyuncs.com/", params={"Action": "DescribeRegions", "Version": "2014-05-26"}, timeout=5
    )
    assert bare.text.startswith("<?xml")


def test_bad_format_and_missing_action_are_json_errors(ecs_mock):
    response = signed_get(ecs_mock, "ecs.aliyuncs.com", Action="DescribeRegions", Version="2014-05-26", Format="YAML")
    assert error_of(response)[:2] == (400, "InvalidParameter.Format")
    missing = requests.post("https://ecs.aliyuncs.com/", timeout=5)
    assert (missing.status_code, missing.json()["Code"]) == (400, "MissingAction")


def test_malformed_typed_parameters_are_invalid_parameter(client_path):
    assert_fails(
        400,
        "InvalidParameter",
        'The specified parameter "DryRun" is not valid.',
        client_path.call,
        "ModifyImageSharePermission",
        {"RegionId": "cn-hangzhou", "ImageId": "m-x", "DryRun": "maybe"},
    )


def test_a_defect_in_a_handler_is_an_internal_error_body_not_a_traceback(ecs_mock, monkeypatch, caplog):
    from aliyun_mock.ecs.product import ECS

    action = ECS.actions["DescribeRegions"]

    def broken(call, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(ECS.actions, "DescribeRegions", type(action)(action.name, broken, action.parameters))
    response = signed_get(ecs_mock, "ecs.aliyuncs.com", Action="DescribeRegions", Version="2014-05-26")
    assert error_of(response) == (
        500,
        "InternalError",
        "The request processing has failed due to some unknown error, exception or failure.",
    )
    assert "boom" in caplog.text
    assert json.loads(response.text)["HostId"] == "ecs.aliyuncs.com"
