"""DescribeZones, DescribeImageSupportInstanceTypes, DeleteSnapshot, and the image/instance-type
match of RunInstances, through every client path."""

from helpers import assert_fails, custom_image, launch

REGION = "cn-hangzhou"
ARM_IMAGE = "aliyun_3_arm64_20G_alibase_20250629.vhd"


def test_describe_zones_in_the_language_asked(client_path):
    english = client_path.call("DescribeZones", {"RegionId": REGION, "AcceptLanguage": "en-US"})["Zones"]["Zone"]
    assert english[0]["ZoneId"] == "cn-hangzhou-h" and english[0]["LocalName"] == "Hangzhou Zone H"
    assert "ecs.g7.large" in english[0]["AvailableInstanceTypes"]["InstanceTypes"]
    brief = client_path.call("DescribeZones", {"RegionId": REGION, "Verbose": False})["Zones"]["Zone"]
    assert "AvailableInstanceTypes" not in brief[0] and brief[0]["LocalName"].endswith("可用区 H")
    assert_fails(
        400,
        "InvalidSpotStrategy",
        "The specified SpotStrategy is not valid.",
        client_path.call,
        "DescribeZones",
        {"RegionId": REGION, "SpotStrategy": "Cheap"},
    )
    assert_fails(
        404,
        "InvalidRegionId.NotFound",
        "The specified RegionId does not exist.",
        client_path.call,
        "DescribeZones",
        {"RegionId": "xx-nowhere-1"},
    )


def test_image_support_instance_types_follow_the_architecture(client_path, ecs_mock):
    arm = client_path.call("DescribeImageSupportInstanceTypes", {"RegionId": REGION, "ImageId": ARM_IMAGE})
    assert [t["InstanceTypeId"] for t in arm["InstanceTypes"]["InstanceType"]] == ["ecs.g8y.large"]
    mine = custom_image(client_path)
    x86 = client_path.call("DescribeImageSupportInstanceTypes", {"RegionId": REGION, "ImageId": mine})
    assert "ecs.g7.large" in [t["InstanceTypeId"] for t in x86["InstanceTypes"]["InstanceType"]]
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified image does not exist.",
        client_path.call,
        "DescribeImageSupportInstanceTypes",
        {"RegionId": REGION, "ImageId": mine},
        account=ecs_mock.create_account(),
    )
    assert_fails(
        403,
        "ImageNotSupportInstanceType",
        "The specified image does not support the specified InstanceType.",
        launch,
        client_path,
        image=ARM_IMAGE,
    )


def test_delete_snapshot_refuses_snapshots_images_and_disks_use(client_path):
    instance_id = launch(client_path)
    disk_id = client_path.call("DescribeDisks", {"RegionId": REGION, "InstanceId": instance_id})["Disks"]["Disk"][0][
        "DiskId"
    ]
    image_id = client_path.call("CreateImage", {"RegionId": REGION, "InstanceId": instance_id})["ImageId"]
    image_snapshot = client_path.call("DescribeSnapshots", {"RegionId": REGION, "Usage": "image"})["Snapshots"][
        "Snapshot"
    ][0]
    assert_fails(
        403,
        "SnapshotCreatedImage",
        "The snapshot has been used to create user defined image(s).",
        client_path.call,
        "DeleteSnapshot",
        {"SnapshotId": image_snapshot["SnapshotId"]},
    )
    launch(client_path, image=image_id)
    client_path.call("DeleteImage", {"RegionId": REGION, "ImageId": image_id, "Force": True})
    assert_fails(
        403,
        "SnapshotCreatedDisk",
        "The snapshot has been used to create disk(s).",
        client_path.call,
        "DeleteSnapshot",
        {"SnapshotId": image_snapshot["SnapshotId"]},
    )
    client_path.call("DeleteSnapshot", {"SnapshotId": image_snapshot["SnapshotId"], "Force": True})
    spare = client_path.call("CreateSnapshot", {"DiskId": disk_id})["SnapshotId"]
    client_path.call("DeleteSnapshot", {"SnapshotId": spare})
    assert_fails(
        404,
        "InvalidSnapshotId.NotFound",
        "The specified snapshot is not found.",
        client_path.call,
        "DeleteSnapshot",
        {"SnapshotId": spare},
    )
