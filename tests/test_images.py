"""DescribeRegions, DescribeImages, CreateImage, DeleteImage, RunInstances, DescribeInstances
through every client path."""

import pytest
from helpers import SYSTEM_IMAGE, assert_fails, custom_image, image_ids, launch, network, share

from aliyun_mock import geography
from aliyun_mock.ecs import catalog
from conftest_plugin import ApiFailure

REGION = "cn-hangzhou"
PUBLIC_IMAGES = {row["ImageId"] for row in catalog.system_images()}


def describe(path, account=None, **params):
    return path.call("DescribeImages", {"RegionId": REGION, **params}, account=account)


def test_describe_regions_lists_every_region_in_the_language_asked(client_path):
    body = client_path.call("DescribeRegions", {"AcceptLanguage": "en-US"})
    regions = {r["RegionId"]: r for r in body["Regions"]["Region"]}
    assert set(regions) == set(geography.regions())
    assert regions["cn-hangzhou"]["LocalName"] == "China (Hangzhou)"
    assert "Status" not in regions["cn-hangzhou"]  # documented, but real bodies carry none
    assert_fails(
        404,
        "InvalidAcceptLanguage.NotFound",
        "Only Chinese (zh-CN), English (en-US), and Japanese (ja) are allowed.",
        client_path.call,
        "DescribeRegions",
        {"AcceptLanguage": "xx"},
    )


def test_owner_aliases_select_public_own_and_shared_images(client_path, ecs_mock):
    other = ecs_mock.create_account()
    mine = custom_image(client_path)
    theirs = custom_image(client_path, other)
    share(client_path, theirs, add=[ecs_mock.default_account.account_id], account=other)

    assert set(image_ids(describe(client_path, ImageOwnerAlias="system", PageSize=100))) == PUBLIC_IMAGES
    assert image_ids(describe(client_path, ImageOwnerAlias="self")) == [mine]
    assert image_ids(describe(client_path, ImageOwnerAlias="others")) == [theirs]
    assert image_ids(describe(client_path, ImageOwnerAlias="marketplace")) == []
    everything = describe(client_path, PageSize=100)
    assert set(image_ids(everything)) == PUBLIC_IMAGES | {mine, theirs}
    assert everything["TotalCount"] == len(PUBLIC_IMAGES) + 2
    assert_fails(
        400,
        "InvalidImageOwnerAlias.ValueNotSupported",
        "The specified ImageOwnerAlias value is not supported.",
        describe,
        client_path,
        ImageOwnerAlias="friends",
    )


def test_image_id_filter_takes_a_comma_list_and_unknown_ids_are_not_an_error(client_path):
    mine = custom_image(client_path)
    body = describe(client_path, ImageId=f"{mine},{SYSTEM_IMAGE},m-bp1unknown000000000")
    assert sorted(image_ids(body)) == sorted([mine, SYSTEM_IMAGE])
    assert image_ids(describe(client_path, ImageId="m-bp1unknown000000000")) == []


def test_status_defaults_to_available(client_path, ecs_mock):
    mine = custom_image(client_path)
    ecs_mock.ecs.region(REGION).images[mine].status = "Creating"  # a pending image, as issue 5 will make them
    assert mine not in image_ids(describe(client_path, ImageOwnerAlias="self"))
    assert image_ids(describe(client_path, ImageOwnerAlias="self", Status="Creating,Available")) == [mine]
    assert image_ids(describe(client_path, ImageOwnerAlias="self", Status="ALL")) == [mine]


def test_paging_and_its_limits(client_path):
    first = describe(client_path, ImageOwnerAlias="system", PageSize=3)
    second = describe(client_path, ImageOwnerAlias="system", PageSize=3, PageNumber=2)
    assert (first["PageNumber"], first["PageSize"], first["TotalCount"]) == (1, 3, len(PUBLIC_IMAGES))
    assert len(image_ids(first)) == 3 and not set(image_ids(first)) & set(image_ids(second))
    for size in (0, 101):
        assert_fails(
            400,
            "InvalidParameter",
            'The specified parameter "PageSize" is not valid.',
            describe,
            client_path,
            PageSize=size,
        )


def test_described_image_has_the_documented_shape(client_path):
    mine = custom_image(client_path, name="web-base")
    image = describe(client_path, ImageId=mine)["Images"]["Image"][0]
    assert image["ImageName"] == "web-base"
    assert image["ImageOwnerAlias"] == "self" and image["Status"] == "Available" and image["Progress"] == "100%"
    assert image["IsSelfShared"] == "False" and image["IsCopied"] is False and image["IsPublic"] is False
    assert isinstance(image["Size"], int) and isinstance(
        image["DiskDeviceMappings"]["DiskDeviceMapping"][0]["Size"], str
    )
    assert image["Tags"] == {"Tag": []}


def test_create_image_validates_name_and_instance(client_path, ecs_mock):
    custom_image(client_path, name="golden")
    instance_id = launch(client_path)
    assert_fails(
        400,
        "InvalidImageName.Duplicated",
        "The specified Image name has already bean used.",
        client_path.call,
        "CreateImage",
        {"RegionId": REGION, "InstanceId": instance_id, "ImageName": "golden"},
    )
    assert_fails(
        400,
        "InvalidImageName.Malformed",
        "The specified Image name is wrongly formed.",
        client_path.call,
        "CreateImage",
        {"RegionId": REGION, "InstanceId": instance_id, "ImageName": "1bad"},
    )
    stranger = ecs_mock.create_account()
    assert_fails(
        404,
        "InvalidInstanceId.NotFound",
        "The specified InstanceId does not exist.",
        client_path.call,
        "CreateImage",
        {"RegionId": REGION, "InstanceId": instance_id},
        account=stranger,
    )
    assert_fails(
        400,
        "MissingParameter",
        "The input parameter SnapshotId or InstanceId or DiskDeviceMapping that is mandatory for processing "
        "this request is not supplied.",
        client_path.call,
        "CreateImage",
        {"RegionId": REGION},
    )


def test_delete_image_refuses_shared_and_used_images_until_they_are_not(client_path, ecs_mock):
    sharee = ecs_mock.create_account()
    image_id = custom_image(client_path)
    share(client_path, image_id, add=[sharee.account_id])
    for force in (False, True):  # Force lifts the instance check only, never the sharing one
        assert_fails(
            403,
            "ImageUseShared",
            "The specified image has been shared to others. You can use the DescribeImageSharePermission API "
            "to query the users who have been shared.",
            client_path.call,
            "DeleteImage",
            {"RegionId": REGION, "ImageId": image_id, "Force": force},
        )
    launch(client_path, sharee, image=image_id)
    share(client_path, image_id, remove=[sharee.account_id])
    assert_fails(
        403,
        "ImageUsingByInstance",
        "The specified image has been used to create instances. You can use the DescribeInstances API to "
        "query these instances, or you can use the force parameter to proceed.",
        client_path.call,
        "DeleteImage",
        {"RegionId": REGION, "ImageId": image_id},
    )
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        client_path.call,
        "DeleteImage",
        {"RegionId": REGION, "ImageId": image_id, "Force": True},
        account=sharee,
    )
    assert set(client_path.call("DeleteImage", {"RegionId": REGION, "ImageId": image_id, "Force": True})) == {
        "RequestId"
    }
    assert image_ids(describe(client_path, ImageId=image_id, Status="ALL")) == []


def test_run_instances_checks_type_amount_and_image(client_path):
    body = client_path.call(
        "RunInstances",
        {
            "RegionId": REGION,
            "ImageId": SYSTEM_IMAGE,
            "InstanceType": "ecs.g7.large",
            **network(client_path),
            "Amount": 3,
        },
    )
    created = body["InstanceIdSets"]["InstanceIdSet"]
    assert len(created) == 3 and all(i.startswith("i-bp") for i in created)
    assert_fails(
        400,
        "InvalidInstanceType.ValueNotSupported",
        "The specified InstanceType beyond the permitted range.",
        client_path.call,
        "RunInstances",
        {"RegionId": REGION, "ImageId": SYSTEM_IMAGE, "InstanceType": "ecs.nope", **network(client_path)},
    )
    assert_fails(
        400,
        "InvalidParameter",
        'The specified parameter "Amount" is not valid.',
        client_path.call,
        "RunInstances",
        {
            "RegionId": REGION,
            "ImageId": SYSTEM_IMAGE,
            "InstanceType": "ecs.g7.large",
            **network(client_path),
            "Amount": 101,
        },
    )
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        client_path.call,
        "RunInstances",
        {"RegionId": REGION, "ImageId": "m-bp1nope", "InstanceType": "ecs.g7.large", **network(client_path)},
    )


def test_describe_instances_by_json_id_list_and_only_own(client_path, ecs_mock):
    launch(client_path)
    second = launch(client_path)
    launch(client_path, ecs_mock.create_account())
    body = client_path.call("DescribeInstances", {"RegionId": REGION, "InstanceIds": f'["{second}"]'})
    instances = body["Instances"]["Instance"]
    assert [i["InstanceId"] for i in instances] == [second]
    assert instances[0]["Status"] == "Running" and instances[0]["ImageId"] == SYSTEM_IMAGE
    assert client_path.call("DescribeInstances", {"RegionId": REGION})["TotalCount"] == 2
    assert_fails(
        400,
        "InvalidParameter",
        'The specified parameter "InstanceIds" is not valid.',
        client_path.call,
        "DescribeInstances",
        {"RegionId": REGION, "InstanceIds": "i-1,i-2"},
    )


def test_unknown_region_is_refused(client_path):
    with pytest.raises(ApiFailure) as failure:
        client_path.call("DescribeImages", {"RegionId": "xx-nowhere-1"}, region_id="cn-hangzhou")
    assert (failure.value.status, failure.value.code) == (404, "InvalidRegionId.NotFound")
