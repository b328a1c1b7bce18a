"""ModifyImageAttribute and CopyImage around sharing, through every client path."""

from helpers import assert_fails, custom_image, image_ids, launch, share

REGION = "cn-hangzhou"


def modify(path, image_id, account=None, **params):
    return path.call("ModifyImageAttribute", {"RegionId": REGION, "ImageId": image_id, **params}, account=account)


def describe_one(path, image_id, account=None, region=REGION):
    body = path.call(
        "DescribeImages", {"RegionId": region, "ImageId": image_id, "Status": "ALL"}, account=account, region_id=region
    )
    return body["Images"]["Image"][0]


def test_modify_name_description_and_deprecation(client_path, ecs_mock):
    image_id = custom_image(client_path, name="first")
    modify(client_path, image_id, ImageName="second", Description="the second name")
    image = describe_one(client_path, image_id)
    assert (image["ImageName"], image["Description"]) == ("second", "the second name")

    modify(client_path, image_id, Status="Deprecated")
    assert describe_one(client_path, image_id)["Status"] == "Deprecated"
    assert image_ids(client_path.call("DescribeImages", {"RegionId": REGION, "ImageOwnerAlias": "self"})) == []
    launch(client_path, image=image_id)  # deprecated images still launch
    assert_fails(
        403,
        "ImageStatus.NotAvailable",
        "The specified image status is not available.",
        modify,
        client_path,
        image_id,
        Status="Deprecated",
    )
    modify(client_path, image_id, Status="Available")
    assert_fails(
        403,
        "ImageStatus.NotDeprecated",
        "The specified image status is not deprecated.",
        modify,
        client_path,
        image_id,
        Status="Available",
    )


def test_modify_errors(client_path, ecs_mock):
    sharee = ecs_mock.create_account()
    image_id = custom_image(client_path, name="taken")
    other = custom_image(client_path)
    assert_fails(
        400,
        "InvalidImageName.Duplicated",
        "The specified Image name has already bean used.",
        modify,
        client_path,
        other,
        ImageName="taken",
    )
    modify(client_path, image_id, ImageName="taken")  # its own name is no duplicate
    assert_fails(
        400,
        "InvalidImageName.Malformed",
        "Image names must be between 2 and 128 characters long, using either English or Chinese characters. "
        "The name must start with a letter or a Chinese character, and can include numbers, colons, "
        "underscores and hyphens.",
        modify,
        client_path,
        image_id,
        ImageName="_bad",
    )
    assert_fails(
        400,
        "InvalidDescription.Malformed",
        "The specified description is wrongly formed.",
        modify,
        client_path,
        image_id,
        Description="http://spam",
    )
    share(client_path, image_id, add=[sharee.account_id])
    assert_fails(
        403,
        "ImageUseShared",
        "The specified image has been shared to others, please remove shared accounts first.",
        modify,
        client_path,
        image_id,
        Status="Deprecated",
    )
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        modify,
        client_path,
        image_id,
        account=sharee,
        ImageName="mine-now",
    )
    assert_fails(
        400,
        "InvalidBootMode.NotSupport",
        "The specified parameter BootMode is not supported.",
        modify,
        client_path,
        other,
        BootMode="LEGACY",
    )
    launch(client_path, image=other)
    assert_fails(
        403,
        "OperationDeined.ImageUsingByInstance",
        "The boot mode of the image cannot be modified because it has associated instances.",
        modify,
        client_path,
        other,
        BootMode="UEFI",
    )


def test_owner_copies_across_regions_and_the_copy_is_not_shared(client_path, ecs_mock):
    sharee = ecs_mock.create_account()
    image_id = custom_image(client_path)
    share(client_path, image_id, add=[sharee.account_id])
    copy_id = client_path.call(
        "CopyImage",
        {
            "RegionId": REGION,
            "ImageId": image_id,
            "DestinationRegionId": "cn-beijing",
            "DestinationImageName": "golden-bj",
        },
    )["ImageId"]
    copy = describe_one(client_path, copy_id, region="cn-beijing")
    assert copy_id.startswith("m-2z") and copy["IsCopied"] is True and copy["ImageName"] == "golden-bj"
    assert copy["ImageOwnerAlias"] == "self" and copy["IsSelfShared"] == "False"
    body = client_path.call(
        "DescribeImageSharePermission", {"RegionId": "cn-beijing", "ImageId": copy_id}, region_id="cn-beijing"
    )
    assert body["Accounts"]["Account"] == []
    assert_fails(
        400,
        "InvalidImageName.Duplicated",
        "The specified image name is already in use in the target region. Please try a different one.",
        client_path.call,
        "CopyImage",
        {
            "RegionId": REGION,
            "ImageId": image_id,
            "DestinationRegionId": "cn-beijing",
            "DestinationImageName": "golden-bj",
        },
    )
    assert_fails(
        400,
        "DestinationRegion.NotFound",
        "The destination region not found.",
        client_path.call,
        "CopyImage",
        {"RegionId": REGION, "ImageId": image_id, "DestinationRegionId": "xx-1"},
    )


def test_a_sharee_copies_a_shared_image_into_its_own_account_in_the_same_region_only(client_path, ecs_mock):
    sharee = ecs_mock.create_account()
    image_id = custom_image(client_path)
    share(client_path, image_id, add=[sharee.account_id])
    copy_id = client_path.call("CopyImage", {"RegionId": REGION, "ImageId": image_id}, account=sharee)["ImageId"]
    copy = describe_one(client_path, copy_id, account=sharee)
    assert (copy["ImageOwnerAlias"], copy["ImageOwnerId"], copy["IsCopied"]) == ("self", int(sharee.account_id), True)
    assert_fails(
        403,
        "OperationDenied.SameRegionOnly",
        "The image shared from others can not be copied to another region directly.",
        client_path.call,
        "CopyImage",
        {"RegionId": REGION, "ImageId": image_id, "DestinationRegionId": "cn-beijing"},
        account=sharee,
    )
    share(client_path, image_id, remove=[sharee.account_id])
    assert describe_one(client_path, copy_id, account=sharee)["ImageId"] == copy_id  # the copy is the sharee's own
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        client_path.call,
        "CopyImage",
        {"RegionId": REGION, "ImageId": image_id},
        account=sharee,
    )


def test_a_deprecated_image_cannot_be_copied(client_path):
    image_id = custom_image(client_path)
    modify(client_path, image_id, Status="Deprecated")
    assert_fails(
        400,
        "IncorrectImageStatus",
        "The image not available.",
        client_path.call,
        "CopyImage",
        {"RegionId": REGION, "ImageId": image_id},
    )
