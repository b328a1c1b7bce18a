"""Seeds 000/001 ("共享镜像" / "How to share mirrors") followed step by step, through V1, V2 sync,
V2 async and raw requests."""

from helpers import assert_fails, custom_image, image_ids, launch, share, shared_with_me

REGION = "cn-hangzhou"


def test_the_documented_sharing_story(client_path, ecs_mock):
    owner, sharee = ecs_mock.default_account, ecs_mock.create_account()

    # The owner shares a custom image with another account by its account id.
    image_id = custom_image(client_path, name="shared-app")
    share(client_path, image_id, add=[sharee.account_id])

    # "查看共享用户列表": the owner lists who the image is shared with.
    sharees = client_path.call("DescribeImageSharePermission", {"RegionId": REGION, "ImageId": image_id})
    assert [a["AliyunId"] for a in sharees["Accounts"]["Account"]] == [sharee.account_id]

    # "查看共享镜像列表": the sharee lists images shared with it, in the same region.
    assert image_ids(shared_with_me(client_path, sharee)) == [image_id]

    # The sharee creates an instance from the shared image, in the image's region only.
    instance_id = launch(client_path, sharee, image=image_id)
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        launch,
        client_path,
        sharee,
        "cn-shanghai",
        image_id,
    )

    # "其他账号共享给您的账号不能再共享给其他人": a sharee cannot share it on.
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        share,
        client_path,
        image_id,
        add=[ecs_mock.create_account().account_id],
        account=sharee,
    )

    # "首先需要把该自定义镜像的所有关系删除": a shared image is deleted only after unsharing.
    assert_fails(
        403,
        "ImageUseShared",
        "The specified image has been shared to others. You can use the DescribeImageSharePermission API "
        "to query the users who have been shared.",
        client_path.call,
        "DeleteImage",
        {"RegionId": REGION, "ImageId": image_id, "Force": True},
    )

    # "取消共享后，该账号就无法查询和使用该镜像了": after unsharing, no query, no launch.
    share(client_path, image_id, remove=[sharee.account_id])
    assert image_ids(shared_with_me(client_path, sharee)) == []
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        launch,
        client_path,
        sharee,
        image=image_id,
    )

    # The owner deletes the image; the sharee's existing instance is not touched.
    client_path.call("DeleteImage", {"RegionId": REGION, "ImageId": image_id, "Force": True})
    instances = client_path.call("DescribeInstances", {"RegionId": REGION}, account=sharee)["Instances"]["Instance"]
    assert [(i["InstanceId"], i["Status"], i["ImageId"]) for i in instances] == [(instance_id, "Running", image_id)]
    assert owner.account_id != sharee.account_id
