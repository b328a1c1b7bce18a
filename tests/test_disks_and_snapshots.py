"""System disks, snapshots and images made from them, through every client path."""

from helpers import SYSTEM_IMAGE, assert_fails, image_ids, launch

REGION = "cn-hangzhou"


def system_disk(path, instance_id, account=None):
    body = path.call(
        "DescribeDisks", {"RegionId": REGION, "InstanceId": instance_id, "DiskType": "system"}, account=account
    )
    (disk,) = body["Disks"]["Disk"]
    return disk


def test_every_instance_has_a_system_disk_built_from_its_image(client_path):
    instance_id = launch(client_path)
    disk = system_disk(client_path, instance_id)
    assert (disk["Type"], disk["Status"], disk["ImageId"], disk["InstanceId"]) == (
        "system",
        "In_use",
        SYSTEM_IMAGE,
        instance_id,
    )
    assert disk["Size"] == 40 and disk["DiskId"].startswith("d-bp")


def test_snapshots_and_images_from_snapshots(client_path, ecs_mock):
    instance_id = launch(client_path)
    disk_id = system_disk(client_path, instance_id)["DiskId"]
    snapshot_id = client_path.call("CreateSnapshot", {"DiskId": disk_id, "SnapshotName": "before-upgrade"})[
        "SnapshotId"
    ]
    snapshots = client_path.call("DescribeSnapshots", {"RegionId": REGION, "DiskId": disk_id})["Snapshots"]["Snapshot"]
    assert [
        (s["SnapshotId"], s["Status"], s["SourceDiskType"], s["SourceDiskSize"], s["Usage"]) for s in snapshots
    ] == [(snapshot_id, "accomplished", "System", "40", "none")]

    from_snapshot = client_path.call("CreateImage", {"RegionId": REGION, "SnapshotId": snapshot_id})["ImageId"]
    from_mapping = client_path.call(
        "CreateImage", {"RegionId": REGION, "DiskDeviceMapping": [{"SnapshotId": snapshot_id}, {"Size": 100}]}
    )["ImageId"]
    images = {
        i["ImageId"]: i
        for i in client_path.call("DescribeImages", {"RegionId": REGION, "ImageOwnerAlias": "self"})["Images"]["Image"]
    }
    assert images[from_snapshot]["DiskDeviceMappings"]["DiskDeviceMapping"][0]["SnapshotId"] == snapshot_id
    assert [m["Type"] for m in images[from_mapping]["DiskDeviceMappings"]["DiskDeviceMapping"]] == ["system", "data"]
    assert images[from_snapshot]["OSType"] == "linux"
    used = client_path.call("DescribeSnapshots", {"RegionId": REGION, "Usage": "image"})["Snapshots"]["Snapshot"]
    assert [s["SnapshotId"] for s in used] == [snapshot_id]

    launch(client_path, image=from_snapshot)
    in_use = client_path.call("DescribeImages", {"RegionId": REGION, "ImageOwnerAlias": "self", "Usage": "instance"})
    assert image_ids(in_use) == [from_snapshot]


def test_image_from_an_instance_snapshots_its_system_disk(client_path):
    instance_id = launch(client_path)
    image_id = client_path.call("CreateImage", {"RegionId": REGION, "InstanceId": instance_id})["ImageId"]
    snapshots = client_path.call("DescribeSnapshots", {"RegionId": REGION, "InstanceId": instance_id})["Snapshots"][
        "Snapshot"
    ]
    image = client_path.call("DescribeImages", {"RegionId": REGION, "ImageId": image_id})["Images"]["Image"][0]
    assert image["DiskDeviceMappings"]["DiskDeviceMapping"][0]["SnapshotId"] == snapshots[0]["SnapshotId"]


def test_snapshot_and_image_errors(client_path, ecs_mock):
    instance_id = launch(client_path)
    disk_id = system_disk(client_path, instance_id)["DiskId"]
    assert_fails(
        400,
        "InvalidSnapshotName.Malformed",
        "The specified SnapshotName is wrongly formed.",
        client_path.call,
        "CreateSnapshot",
        {"DiskId": disk_id, "SnapshotName": "auto-nightly"},
    )
    assert_fails(
        404,
        "InvalidDiskId.NotFound",
        "The specified DiskId does not exist.",
        client_path.call,
        "CreateSnapshot",
        {"DiskId": disk_id},
        account=ecs_mock.create_account(),
    )
    assert_fails(
        404,
        "InvalidSnapshotId.NotFound",
        "The specified SnapshotId does not exist.",
        client_path.call,
        "CreateImage",
        {"RegionId": REGION, "SnapshotId": "s-bp1nothing"},
    )
    assert_fails(
        404,
        "InvalidSourceDiskType",
        "The specifed SourceDiskType is not valid.",
        client_path.call,
        "DescribeSnapshots",
        {"RegionId": REGION, "SourceDiskType": "tape"},
    )
    assert_fails(
        400,
        "InvalidDiskType.ValueNotSupported",
        "The specified disk type is not supported.",
        client_path.call,
        "DescribeDisks",
        {"RegionId": REGION, "DiskType": "floppy"},
    )
