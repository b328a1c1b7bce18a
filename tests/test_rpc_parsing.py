"""The rpc layer on the golden wire inputs each real SDK sent (tests/captures, from shared/sdk-wire.md)."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from helpers import captured_requests, request_from
from werkzeug.test import EnvironBuilder

from aliyun_mock.core.errors import ApiError
from aliyun_mock.core.rpc import parse_request, render, split_host, unflatten
from aliyun_mock.core.wire import WireRequest


@pytest.mark.parametrize("capture", captured_requests())
def test_every_captured_request_decodes_to_its_action_and_parameters(capture):
    rpc = parse_request(request_from(capture))
    query = dict(parse_qsl(urlsplit(capture["url"]).query, keep_blank_values=True))
    assert rpc.action in ("ModifyImageSharePermission", "DescribeImageSharePermission", "DescribeImages")
    assert rpc.version == "2014-05-26"
    assert rpc.host_product == "ecs" and rpc.host_region == "cn-hangzhou"
    assert rpc.response_format == "JSON"
    assert rpc.access_key_id == "LTAI_TEST_AK"
    assert rpc.signature_style == ("rpc" if "Signature" in query else "acs3")
    assert rpc.params["RegionId"] == "cn-hangzhou"
    assert not set(rpc.params) & {"Signature", "AccessKeyId", "Timestamp", "SignatureNonce", "Action"}
    if rpc.action == "ModifyImageSharePermission":
        assert rpc.params["AddAccount"] == ["123456789012", "210987654321"]
        assert rpc.params.get("DryRun") == query.get("DryRun")
    if "ImageName" in query:
        assert rpc.params["ImageName"] == "name with space*~/"  # every client's escaping decodes alike
    if "SecurityToken" in query or "x-acs-security-token" in capture["headers"]:
        assert rpc.security_token


def test_unflatten_builds_lists_in_index_order_and_nested_structures():
    pairs = [
        ("AddAccount.2", "b"),
        ("AddAccount.1", "a"),
        ("AddAccount.10", "j"),
        ("Tag.1.Key", "k"),
        ("Tag.1.Value", "v"),
        ("SystemDisk.Size", "40"),
        ("RegionId", "r"),
    ]
    assert unflatten(pairs) == {
        "AddAccount": ["a", "b", "j"],
        "Tag": [{"Key": "k", "Value": "v"}],
        "SystemDisk": {"Size": "40"},
        "RegionId": "r",
    }


def test_unflatten_keeps_the_container_when_a_name_is_also_sent_as_a_scalar():
    assert unflatten([("AddAccount", "x"), ("AddAccount.1", "a")]) == {"AddAccount": ["a"]}
    assert unflatten([("AddAccount.1", "a"), ("AddAccount", "x")]) == {"AddAccount": ["a"]}


@pytest.mark.parametrize(
    "host, expected",
    [
        ("ecs-cn-hangzhou.aliyuncs.com", ("ecs", "cn-hangzhou")),
        ("ecs.cn-beijing.aliyuncs.com", ("ecs", "cn-beijing")),
        ("ecs-vpc.cn-beijing.aliyuncs.com", ("ecs", "cn-beijing")),
        ("ecs.aliyuncs.com", ("ecs", "")),
        ("sts.aliyuncs.com", ("sts", "")),
        ("rds.ap-southeast-1.aliyuncs.com", ("rds", "ap-southeast-1")),
        ("127.0.0.1", ("", "")),
    ],
)
def test_host_names_name_product_and_region(host, expected):
    assert split_host(host) == expected


def test_missing_action_and_bad_format_are_api_errors():
    with pytest.raises(ApiError) as missing:
        parse_request(
            WireRequest.from_environ(
                EnvironBuilder(base_url="https://ecs.aliyuncs.com", query_string="Version=1").get_environ()
            )
        )
    assert missing.value.code == "MissingAction"
    query = "Action=DescribeRegions&Version=2014-05-26&Format=YAML"
    with pytest.raises(ApiError) as bad:
        parse_request(
            WireRequest.from_environ(
                EnvironBuilder(base_url="https://ecs.aliyuncs.com", query_string=query).get_environ()
            )
        )
    assert bad.value.code == "InvalidParameter.Format"


def test_form_encoded_body_parameters_are_merged_with_the_query():
    builder = EnvironBuilder(
        method="POST",
        base_url="https://ecs.cn-hangzhou.aliyuncs.com",
        query_string="Action=DescribeImages&Version=2014-05-26&Format=JSON",
        data={"RegionId": "cn-hangzhou", "ImageOwnerAlias": "self"},
    )
    rpc = parse_request(WireRequest.from_environ(builder.get_environ()))
    assert rpc.params == {"RegionId": "cn-hangzhou", "ImageOwnerAlias": "self"}


def test_xml_rendering_repeats_list_elements():
    body = {"RequestId": "R", "Images": {"Image": [{"ImageId": "m-1", "IsPublic": False}, {"ImageId": "m-2"}]}}
    xml, content_type = render(body, "XML", "DescribeImagesResponse")
    assert content_type == "text/xml;charset=utf-8"
    assert xml.decode().endswith(
        "<DescribeImagesResponse><RequestId>R</RequestId><Images><Image><ImageId>m-1</ImageId>"
        "<IsPublic>false</IsPublic></Image><Image><ImageId>m-2</ImageId></Image></Images></DescribeImagesResponse>"
    )
