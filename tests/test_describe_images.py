"""DescribeImages filters and every documented error, through every client path."""

import pytest
from helpers import SYSTEM_IMAGE, assert_fails, custom_image, image_ids, launch, signed_get

REGION = "cn-hangzhou"


def describe(path, account=None, **params):
    return path.call("DescribeImages", {"RegionId": REGION, **params}, account=account)


def test_name_usage_os_architecture_and_instance_type_filters(client_path, ecs_mock):
    web = custom_image(client_path, name="web-base-2024")
    db = custom_image(client_path, name="db-base")
    launch(client_path, ecs_mock.create_account(), image=SYSTEM_IMAGE)
    launch(client_path, image=SYSTEM_IMAGE)
    assert image_ids(describe(client_path, ImageName="base-2024")) == [web]
    in_use = image_ids(describe(client_path, Usage="instance", PageSize=100))
    assert SYSTEM_IMAGE in in_use and web not in in_use
    assert set(image_ids(describe(client_path, ImageOwnerAlias="self", Usage="none"))) == {web, db}
    windows = describe(client_path, OSType="windows")["Images"]["Image"]
    assert windows and all(i["OSType"] == "windows" for i in windows)
    arm = describe(client_path, Architecture="arm64")["Images"]["Image"]
    assert arm and all(i["Architecture"] == "arm64" for i in arm)
    arm_type = describe(client_path, InstanceType="ecs.g8y.large", PageSize=100)["Images"]["Image"]
    assert {i["Architecture"] for i in arm_type} == {"arm64"}


def test_tag_filters(client_path):
    tagged = client_path.call(
        "CreateImage",
        {
            "RegionId": REGION,
            "InstanceId": launch(client_path),
            "Tag": [{"Key": "team", "Value": "web"}, {"Key": "env", "Value": "prod"}],
        },
    )["ImageId"]
    custom_image(client_path)
    assert image_ids(describe(client_path, Tag=[{"Key": "team", "Value": "web"}])) == [tagged]
    assert image_ids(describe(client_path, Tag=[{"Key": "team", "Value": "db"}])) == []
    image = describe(client_path, ImageId=tagged)["Images"]["Image"][0]
    assert image["Tags"] == {"Tag": [{"TagKey": "team", "TagValue": "web"}, {"TagKey": "env", "TagValue": "prod"}]}


def test_creation_time_filters(client_path):
    mine = custom_image(client_path)
    recent = describe(
        client_path, ImageOwnerAlias="self", Filter=[{"Key": "CreationStartTime", "Value": "2020-01-01T00:00Z"}]
    )
    assert image_ids(recent) == [mine]
    assert (
        image_ids(
            describe(
                client_path, ImageOwnerAlias="self", Filter=[{"Key": "CreationEndTime", "Value": "2020-01-01T00:00Z"}]
            )
        )
        == []
    )
    old_public = describe(
        client_path, ImageOwnerAlias="system", Filter=[{"Key": "CreationEndTime", "Value": "2025-01-01T00:00Z"}]
    )["Images"]["Image"]
    assert old_public and all(i["CreationTime"] < "2025-01-01" for i in old_public)


DESCRIBE_IMAGES_ERRORS = [
    (
        400,
        "InvalidImageOwnerAlias.ValueNotSupported",
        "The specified ImageOwnerAlias value is not supported.",
        {"ImageOwnerAlias": "friends"},
    ),
    (400, "InvalidParamter", "Invalid Parameter.", {"ActionType": "Upgrade"}),
    (
        400,
        "InvalidTag.Mismatch",
        "The specified Tag.n.Key and Tag.n.Value are not match.",
        {"Tag": [{"Value": "orphan"}]},
    ),
    (
        400,
        "InvalidTagCount",
        "The specified tags are beyond the permitted range.",
        {"Tag": [{"Key": f"k{n}", "Value": "v"} for n in range(21)]},
    ),
    (
        400,
        "InvalidInstanceType.ValueNotSupported",
        "The specified instance type ecs.x9.huge does not exist. You can use the DescribeInstanceTypes API to query "
        "the available instance types.",
        {"InstanceType": "ecs.x9.huge"},
    ),
    (
        400,
        "InvalidFilterValue.NetworkType",
        "The specified networkType value in the Filter is invalid.",
        {"Filter": [{"Key": "NetworkType", "Value": "mesh"}]},
    ),
    (
        400,
        "InvalidOperation.ImageOwnerIdUnsupported",
        'The parameter "ImageOwnerId" is not supported in this context, it is only valid when querying shared images '
        "or community images.",
        {"ImageOwnerAlias": "self", "ImageOwnerId": 1234567890},
    ),
    (
        400,
        "InvalidImageOwnerAlias.PublicImageUnsupported",
        "When querying images, the parameter ImageOwnerAlias should be others while specified parameter IsPublic is true.",
        {"IsPublic": True},
    ),
    (
        404,
        "InvalidFilterKey.NotFound",
        "The specified Filter Key is not found.",
        {"Filter": [{"Key": "Color", "Value": "x"}]},
    ),
    (
        404,
        "InvalidFilterValue",
        "The specified Filter Value is not valid.",
        {"Filter": [{"Key": "CreationStartTime", "Value": "yesterday"}]},
    ),
    (404, "InvalidUsage", "The specified Usage is not valid.", {"Usage": "sometimes"}),
    (404, "InvalidOSType", "The specified OSType is not valid.", {"OSType": "plan9"}),
    (404, "InvalidArchitecture", "The specified Architecture is not valid.", {"Architecture": "sparc"}),
]


@pytest.mark.parametrize(
    "status, code, message, params", DESCRIBE_IMAGES_ERRORS, ids=[r[1] for r in DESCRIBE_IMAGES_ERRORS]
)
def test_describe_images_error(client_path, status, code, message, params):
    assert_fails(status, code, message, describe, client_path, **params)


def test_an_account_without_community_image_access(client_path, ecs_mock):
    ecs_mock.default_account.public_image_access = False
    assert_fails(
        403,
        "CurrentAccount.NotSupportPublicImage",
        "Public image is not supported for current account.",
        describe,
        client_path,
        ImageOwnerAlias="others",
        IsPublic=True,
    )


def test_a_mistyped_value_is_invalid_paramter(ecs_mock):
    response = signed_get(
        ecs_mock, "ecs.aliyuncs.com", Action="DescribeImages", Version="2014-05-26", RegionId=REGION, PageSize="ten"
    )
    assert (response.status_code, response.json()["Code"], response.json()["Message"]) == (
        400,
        "InvalidParamter",
        "Invalid Parameter.",
    )


def test_internal_error_is_reachable_by_injection(client_path, ecs_mock):
    ecs_mock.inject_error("DescribeImages", "InternalError")
    v1_retries = client_path.name == "v1"  # the V1 SDK retries DescribeImages on a 500 (sdk-wire.md §4.1)
    if v1_retries:
        ecs_mock.inject_error("DescribeImages", "InternalError", times=3)
        import unittest.mock

        import aliyunsdkcore.client as v1_client

        with unittest.mock.patch.object(v1_client.time, "sleep"):
            assert_fails(
                500,
                "InternalError",
                "The request processing has failed due to some unknown error.",
                describe,
                client_path,
            )
        assert [c.code for c in ecs_mock.calls] == ["InternalError"] * 4
        return
    assert_fails(
        500, "InternalError", "The request processing has failed due to some unknown error.", describe, client_path
    )
    assert image_ids(describe(client_path, ImageOwnerAlias="self")) == []  # only the next call failed
