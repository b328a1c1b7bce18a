"""Community images: IsPublic=true/false publishes and unpublishes, through every client path."""

from helpers import assert_fails, custom_image, image_ids, launch, share

REGION = "cn-hangzhou"


def publish(path, image_id, public=True, account=None):
    return share(path, image_id, account=account, IsPublic=public)


def community(path, account, **extra):
    return path.call(
        "DescribeImages", {"RegionId": REGION, "ImageOwnerAlias": "others", "IsPublic": True, **extra}, account=account
    )


def test_every_account_in_the_region_sees_a_published_image(client_path, ecs_mock):
    stranger = ecs_mock.create_account()
    image_id = custom_image(client_path)
    publish(client_path, image_id)

    seen = community(client_path, stranger)["Images"]["Image"]
    assert [(i["ImageId"], i["ImageOwnerAlias"], i["IsPublic"]) for i in seen] == [(image_id, "others", True)]
    assert seen[0]["ImageOwnerId"] == int(ecs_mock.default_account.account_id)
    assert (
        image_ids(
            client_path.call("DescribeImages", {"RegionId": REGION, "ImageOwnerAlias": "others"}, account=stranger)
        )
        == []
    )  # not "shared with me"
    assert image_id in image_ids(
        client_path.call("DescribeImages", {"RegionId": REGION, "PageSize": 100}, account=stranger)
    )
    assert image_ids(community(client_path, stranger, ImageOwnerId=ecs_mock.default_account.account_id)) == [image_id]
    assert image_ids(community(client_path, stranger, ImageOwnerId="1000000000000001")) == []
    assert image_ids(community(client_path, stranger, RegionId="cn-beijing")) == []
    body = client_path.call("DescribeImageSharePermission", {"RegionId": REGION, "ImageId": image_id})
    assert body["ShareGroups"] == {"ShareGroup": [{"Group": "all"}]} and body["Accounts"] == {"Account": []}
    own = client_path.call("DescribeImages", {"RegionId": REGION, "ImageOwnerAlias": "self"})["Images"]["Image"]
    assert (own[0]["ImageOwnerAlias"], own[0]["IsPublic"]) == ("self", True)


def test_community_images_cannot_be_copied_or_deleted_and_unpublishing_spares_instances(client_path, ecs_mock):
    stranger = ecs_mock.create_account()
    image_id = custom_image(client_path)
    publish(client_path, image_id)
    instance_id = launch(client_path, stranger, image=image_id)
    for caller in (None, stranger):
        assert_fails(
            400,
            "OperationDenied.CommunityImage",
            "Community image does not support copy.",
            client_path.call,
            "CopyImage",
            {"RegionId": REGION, "ImageId": image_id},
            account=caller,
        )
    assert_fails(
        403,
        "ImageIsPublic",
        "You can not delete public image, please modify it to private.",
        client_path.call,
        "DeleteImage",
        {"RegionId": REGION, "ImageId": image_id, "Force": True},
    )

    publish(client_path, image_id, public=False)
    assert image_ids(community(client_path, stranger)) == []
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        launch,
        client_path,
        stranger,
        image=image_id,
    )
    instances = client_path.call("DescribeInstances", {"RegionId": REGION}, account=stranger)["Instances"]["Instance"]
    assert [(i["InstanceId"], i["Status"]) for i in instances] == [(instance_id, "Running")]
    body = client_path.call("DescribeImageSharePermission", {"RegionId": REGION, "ImageId": image_id})
    assert body["ShareGroups"] == {"ShareGroup": []}


def test_publishing_twice_is_harmless_and_a_sharee_cannot_publish(client_path, ecs_mock):
    sharee = ecs_mock.create_account()
    image_id = custom_image(client_path)
    share(client_path, image_id, add=[sharee.account_id])
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        publish,
        client_path,
        image_id,
        account=sharee,
    )
    publish(client_path, image_id)
    publish(client_path, image_id)
