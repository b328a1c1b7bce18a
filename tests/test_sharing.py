"""ModifyImageSharePermission / DescribeImageSharePermission / DescribeImages as sharee, through
every client path (V1, V2 sync, V2 async, raw requests)."""

from helpers import assert_fails, custom_image, image_ids, launch, share, shared_with_me

from aliyun_mock.ecs.handlers.sharing import MAX_ACCOUNTS_PER_CALL, MAX_SHAREES_PER_IMAGE

REGION = "cn-hangzhou"


def test_sharee_sees_the_shared_image_as_others_until_it_is_unshared(client_path, ecs_mock):
    sharee = ecs_mock.create_account()
    image_id = custom_image(client_path)
    assert image_ids(shared_with_me(client_path, sharee)) == []

    assert set(share(client_path, image_id, add=[sharee.account_id])) == {"RequestId"}

    seen = shared_with_me(client_path, sharee)["Images"]["Image"]
    assert [i["ImageId"] for i in seen] == [image_id]
    assert seen[0]["ImageOwnerAlias"] == "others"
    assert seen[0]["ImageOwnerId"] == int(ecs_mock.default_account.account_id)
    assert seen[0]["IsPublic"] is False
    assert seen[0]["IsSelfShared"] == "False"
    # The empty alias includes images shared with me; the owner sees its own as self, shared.
    everything = client_path.call("DescribeImages", {"RegionId": REGION, "PageSize": 100}, account=sharee)
    assert image_id in image_ids(everything)
    own = client_path.call("DescribeImages", {"RegionId": REGION, "ImageOwnerAlias": "self"})["Images"]["Image"]
    assert [(i["ImageId"], i["ImageOwnerAlias"], i["IsSelfShared"]) for i in own] == [(image_id, "self", "True")]

    share(client_path, image_id, remove=[sharee.account_id])
    assert image_ids(shared_with_me(client_path, sharee)) == []
    assert image_id not in image_ids(client_path.call("DescribeImages", {"RegionId": REGION}, account=sharee))


def test_sharing_is_scoped_to_the_image_region(client_path, ecs_mock):
    sharee = ecs_mock.create_account()
    image_id = custom_image(client_path)
    share(client_path, image_id, add=[sharee.account_id])
    assert image_ids(shared_with_me(client_path, sharee, region="cn-beijing")) == []
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        launch,
        client_path,
        sharee,
        "cn-beijing",
        image_id,
    )


def test_sharee_launches_from_the_shared_image_and_loses_it_on_unshare(client_path, ecs_mock):
    sharee = ecs_mock.create_account()
    image_id = custom_image(client_path)
    share(client_path, image_id, add=[sharee.account_id])
    instance_id = launch(client_path, sharee, image=image_id)
    described = client_path.call("DescribeInstances", {"RegionId": REGION}, account=sharee)
    assert [(i["InstanceId"], i["ImageId"]) for i in described["Instances"]["Instance"]] == [(instance_id, image_id)]

    share(client_path, image_id, remove=[sharee.account_id])
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        launch,
        client_path,
        sharee,
        image=image_id,
    )


def test_describe_image_share_permission_lists_accounts_with_shared_time(client_path, ecs_mock):
    sharees = [ecs_mock.create_account().account_id for _ in range(3)]
    image_id = custom_image(client_path)
    share(client_path, image_id, add=sharees)

    body = client_path.call("DescribeImageSharePermission", {"RegionId": REGION, "ImageId": image_id})
    assert body["ImageId"] == image_id and body["RegionId"] == REGION
    assert (body["TotalCount"], body["PageNumber"], body["PageSize"]) == (3, 1, 10)
    assert body["ShareGroups"] == {"ShareGroup": []}
    accounts = body["Accounts"]["Account"]
    assert [a["AliyunId"] for a in accounts] == sharees
    assert all(len(a["SharedTime"]) == 20 and a["SharedTime"].endswith("Z") for a in accounts)

    page2 = client_path.call(
        "DescribeImageSharePermission", {"RegionId": REGION, "ImageId": image_id, "PageNumber": 2, "PageSize": 2}
    )
    assert [a["AliyunId"] for a in page2["Accounts"]["Account"]] == sharees[2:]
    assert page2["TotalCount"] == 3


def test_only_the_first_ten_accounts_of_a_call_are_processed(client_path, ecs_mock):
    image_id = custom_image(client_path)
    accounts = [str(1000000000000000 + n) for n in range(12)]
    share(client_path, image_id, add=accounts)
    body = client_path.call("DescribeImageSharePermission", {"RegionId": REGION, "ImageId": image_id, "PageSize": 50})
    assert [a["AliyunId"] for a in body["Accounts"]["Account"]] == accounts[:MAX_ACCOUNTS_PER_CALL]


def test_the_fifty_first_sharee_exceeds_the_quota(client_path, ecs_mock):
    image_id = custom_image(client_path)
    accounts = [str(2000000000000000 + n) for n in range(MAX_SHAREES_PER_IMAGE + 1)]
    for start in range(0, MAX_SHAREES_PER_IMAGE, MAX_ACCOUNTS_PER_CALL):
        share(client_path, image_id, add=accounts[start : start + MAX_ACCOUNTS_PER_CALL])
    assert_fails(
        403,
        "QuotaExceed.ShareImageUser",
        "The shared Image user Quota exceeds.",
        share,
        client_path,
        image_id,
        add=accounts[-1:],
    )
    # Swapping one sharee for another in the same call stays within the quota.
    share(client_path, image_id, add=accounts[-1:], remove=accounts[:1])


def test_only_the_owner_may_share_or_list_sharees(client_path, ecs_mock):
    sharee, stranger = ecs_mock.create_account(), ecs_mock.create_account()
    image_id = custom_image(client_path)
    share(client_path, image_id, add=[sharee.account_id])
    for caller in (sharee, stranger):
        assert_fails(
            404,
            "InvalidImageId.NotFound",
            "The specified ImageId does not exist.",
            share,
            client_path,
            image_id,
            add=[stranger.account_id],
            account=caller,
        )
        assert_fails(
            404,
            "InvalidImageId.NotFound",
            f"The specified image {image_id} does not exist.",
            client_path.call,
            "DescribeImageSharePermission",
            {"RegionId": REGION, "ImageId": image_id},
            account=caller,
        )


def test_sharing_errors_of_the_request_itself(client_path, ecs_mock):
    image_id = custom_image(client_path)
    me = ecs_mock.default_account.account_id
    assert_fails(
        404,
        "InvalidAccount.Forbbiden",
        "The specified Account does not yourself.",
        share,
        client_path,
        image_id,
        add=[me],
    )
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        share,
        client_path,
        "m-bp1doesnotexist0000",
        add=["1234567890"],
    )
    assert_fails(
        404,
        "InvalidAccount.NotFound",
        'The specified account not-an-id in parameter "AddAccount.n" or "RemoveAccount.n" does not exist.',
        share,
        client_path,
        image_id,
        add=["not-an-id"],
    )
    assert_fails(
        400,
        "MissingParameter",
        'The input parameter "ImageId" that is mandatory for processing this request is not supplied.',
        client_path.call,
        "ModifyImageSharePermission",
        {"RegionId": REGION, "AddAccount": ["1234567890"]},
    )
    assert_fails(
        400,
        "DryRunOperation",
        "Request validation has been passed with DryRun flag set.",
        share,
        client_path,
        image_id,
        add=["1234567890"],
        DryRun=True,
    )
    body = client_path.call("DescribeImageSharePermission", {"RegionId": REGION, "ImageId": image_id})
    assert body["Accounts"]["Account"] == []  # the dry run changed nothing


def test_a_system_image_cannot_be_shared(client_path, ecs_mock):
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        share,
        client_path,
        "ubuntu_22_04_x64_20G_alibase_20250722.vhd",
        add=["1234567890"],
    )


def test_missing_region_id_is_refused_unless_the_sdk_adds_it(client_path, ecs_mock):
    image_id = custom_image(client_path)
    params = {"ImageId": image_id, "AddAccount": ["1234567890"]}
    if client_path.name == "v1":  # AcsClient fills RegionId in from its own region
        client_path.call("ModifyImageSharePermission", params)
        return
    assert_fails(
        400,
        "MissingParameter",
        'The input parameter "RegionId" that is mandatory for processing this request is not supplied.',
        client_path.call,
        "ModifyImageSharePermission",
        params,
    )
