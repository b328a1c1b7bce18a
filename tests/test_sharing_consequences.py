"""Seeds 000/001/004: what unsharing, deleting and unpublishing do to a sharee's instances —
through V1, V2 sync, V2 async and raw requests."""

from helpers import assert_fails, custom_image, launch, share

REGION = "cn-hangzhou"
IMAGE_NOT_FOUND = (404, "InvalidImageId.NotFound", "The specified ImageId does not exist.")


def stopped_instance_from(path, image_id, account):
    instance_id = launch(path, account, image=image_id)
    path.call("StopInstance", {"InstanceId": instance_id}, account=account)
    body = path.call("DescribeDisks", {"RegionId": REGION, "InstanceId": instance_id}, account=account)
    return instance_id, body["Disks"]["Disk"][0]["DiskId"]


def reinit(path, disk_id, account):
    return path.call("ReInitDisk", {"DiskId": disk_id}, account=account)


def replace(path, instance_id, image_id, account):
    return path.call("ReplaceSystemDisk", {"InstanceId": instance_id, "ImageId": image_id}, account=account)


def test_while_shared_the_sharee_launches_reinitialises_and_replaces(client_path, ecs_mock):
    sharee = ecs_mock.create_account()
    image_id = custom_image(client_path)
    share(client_path, image_id, add=[sharee.account_id])
    instance_id, disk_id = stopped_instance_from(client_path, image_id, sharee)
    reinit(client_path, disk_id, sharee)
    new_disk = replace(client_path, instance_id, image_id, sharee)["DiskId"]
    disks = client_path.call("DescribeDisks", {"RegionId": REGION, "InstanceId": instance_id}, account=sharee)
    assert [(d["DiskId"], d["ImageId"]) for d in disks["Disks"]["Disk"]] == [(new_disk, image_id)]


def test_after_unshare_launch_replace_and_reinit_fail(client_path, ecs_mock):
    sharee = ecs_mock.create_account()
    image_id = custom_image(client_path)
    share(client_path, image_id, add=[sharee.account_id])
    instance_id, disk_id = stopped_instance_from(client_path, image_id, sharee)

    share(client_path, image_id, remove=[sharee.account_id])
    assert_fails(*IMAGE_NOT_FOUND, launch, client_path, sharee, image=image_id)
    assert_fails(*IMAGE_NOT_FOUND, replace, client_path, instance_id, image_id, sharee)
    assert_fails(
        404,
        "InvalidDiskId.OperationNotSupported",
        "The operation is not supported due to image not exist.",
        reinit,
        client_path,
        disk_id,
        sharee,
    )
    client_path.call("StartInstance", {"InstanceId": instance_id}, account=sharee)  # the instance itself runs on


def test_after_delete_launch_replace_and_reinit_fail(client_path, ecs_mock):
    sharee = ecs_mock.create_account()
    image_id = custom_image(client_path)
    share(client_path, image_id, add=[sharee.account_id])
    instance_id, disk_id = stopped_instance_from(client_path, image_id, sharee)

    share(client_path, image_id, remove=[sharee.account_id])  # the owner removes the shares first
    client_path.call("DeleteImage", {"RegionId": REGION, "ImageId": image_id, "Force": True})
    assert_fails(*IMAGE_NOT_FOUND, launch, client_path, sharee, image=image_id)
    assert_fails(*IMAGE_NOT_FOUND, replace, client_path, instance_id, image_id, sharee)
    assert_fails(
        403,
        "SharedImageDeleted",
        "The specified image by others shared is deleted.",
        reinit,
        client_path,
        disk_id,
        sharee,
    )


def test_an_unpublished_community_image_still_reinitialises_existing_instances(client_path, ecs_mock):
    stranger = ecs_mock.create_account()
    image_id = custom_image(client_path)
    share(client_path, image_id, IsPublic=True)
    instance_id, disk_id = stopped_instance_from(client_path, image_id, stranger)
    share(client_path, image_id, IsPublic=False)
    reinit(client_path, disk_id, stranger)
    assert_fails(*IMAGE_NOT_FOUND, replace, client_path, instance_id, image_id, stranger)


def test_own_deleted_image_and_status_rules_of_reinit(client_path, ecs_mock):
    image_id = custom_image(client_path)
    instance_id = launch(client_path, image=image_id)
    disk_id = client_path.call("DescribeDisks", {"RegionId": REGION, "InstanceId": instance_id})["Disks"]["Disk"][0][
        "DiskId"
    ]
    assert_fails(
        403,
        "IncorrectInstanceStatus",
        "The current status of the resource does not support this operation.",
        reinit,
        client_path,
        disk_id,
        None,
    )
    client_path.call("StopInstance", {"InstanceId": instance_id})
    assert_fails(
        400,
        "InvalidPassword.Malformed",
        'The specified parameter "Password" is not valid.',
        client_path.call,
        "ReInitDisk",
        {"DiskId": disk_id, "Password": "short"},
    )
    client_path.call("DeleteImage", {"RegionId": REGION, "ImageId": image_id, "Force": True})
    assert_fails(
        404,
        "InvalidDiskId.OperationNotSupported",
        "The operation is not supported due to image not exist.",
        reinit,
        client_path,
        disk_id,
        None,
    )
    assert_fails(
        404, "InvalidDiskId.NotFound", "The specified disk does not exist.", reinit, client_path, "d-bp1nothing", None
    )
