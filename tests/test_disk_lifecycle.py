"""Data disks of their own (issue 15): CreateDisk, AttachDisk, DetachDisk, ResizeDisk, DeleteDisk,
through every client path, with the documented refusals."""

from helpers import INSTANCE_TYPE, SYSTEM_IMAGE, assert_fails, launch, network

REGION, ZONE = "cn-hangzhou", "cn-hangzhou-h"


def disk(path, disk_id):
    return path.call("DescribeDisks", {"RegionId": REGION, "DiskIds": f'["{disk_id}"]'})["Disks"]["Disk"][0]


def test_a_disk_created_attached_resized_detached_and_deleted(client_path, ecs_mock):
    instance_id = launch(client_path)  # in the helpers' network: the region's first zone, cn-hangzhou-h
    disk_id = client_path.call(
        "CreateDisk",
        {
            "RegionId": REGION,
            "ZoneId": ZONE,
            "Size": 40,
            "DiskCategory": "cloud_essd",
            "DiskName": "logs",
            "Tag": [{"Key": "app", "Value": "web"}],
        },
    )["DiskId"]
    made = disk(client_path, disk_id)
    assert (made["Status"], made["Type"], made["Size"], made["Category"], made["DiskName"], made["InstanceId"]) == (
        "Available",
        "data",
        40,
        "cloud_essd",
        "logs",
        "",
    )
    ecs_mock.hold_transitions()
    client_path.call("AttachDisk", {"InstanceId": instance_id, "DiskId": disk_id, "DeleteWithInstance": True})
    assert disk(client_path, disk_id)["Status"] == "Attaching"
    ecs_mock.release_transitions()
    attached = disk(client_path, disk_id)
    assert (attached["Status"], attached["InstanceId"], attached["Device"]) == ("In_use", instance_id, "/dev/xvdb")
    assert_fails(
        403,
        "DiskStillAttached",
        "The disk is still attached to the disk.",
        client_path.call,
        "DeleteDisk",
        {"DiskId": disk_id},
    )
    client_path.call("ResizeDisk", {"DiskId": disk_id, "NewSize": 80, "Type": "online"})
    assert disk(client_path, disk_id)["Size"] == 80
    assert_fails(
        403,
        "InvalidDiskSize",
        "Specified new disk size is less than or equal the original disk size.",
        client_path.call,
        "ResizeDisk",
        {"DiskId": disk_id, "NewSize": 80},
    )
    client_path.call("DetachDisk", {"InstanceId": instance_id, "DiskId": disk_id})
    assert disk(client_path, disk_id)["Status"] == "Available"
    assert_fails(
        404,
        "InvalidDisk.AlreadyDetached",
        "The specified disk has been detached.",
        client_path.call,
        "DetachDisk",
        {"InstanceId": instance_id, "DiskId": disk_id},
    )
    client_path.call("DeleteDisk", {"DiskId": disk_id})
    assert_fails(
        404,
        "InvalidDiskId.NotFound",
        "The specified disk does not exist.",
        client_path.call,
        "DeleteDisk",
        {"DiskId": disk_id},
    )


def test_disk_refusals(client_path):
    instance_id = launch(client_path)
    create = lambda **params: client_path.call("CreateDisk", {"RegionId": REGION, **params})  # noqa: E731
    assert_fails(
        404, "InvalidZoneId.NotFound", "The specified zone does not exist.", create, ZoneId="cn-hangzhou-zz", Size=20
    )
    assert_fails(
        400,
        "InvalidDiskCategory.ValueNotSupported",
        'The specified parameter "DiskCategory" is not valid.',
        create,
        ZoneId=ZONE,
        Size=20,
        DiskCategory="floppy",
    )
    assert_fails(
        400,
        "InvalidDiskSize.NotSupported",
        "The specified parameter size is not valid.",
        create,
        ZoneId=ZONE,
        Size=3,
        DiskCategory="cloud_essd",
    )
    assert_fails(  # CreateDisk's default category, the basic disk, is offered in no zone here
        400,
        "InvalidDiskCategory.NotSupported",
        "The specified disk category is not support.",
        create,
        ZoneId=ZONE,
        Size=20,
    )
    elsewhere = create(ZoneId="cn-hangzhou-k", Size=20, DiskCategory="cloud_essd")["DiskId"]
    assert_fails(
        403,
        "ResourcesNotInSameZone",
        "The specified instance and disk are not in the same zone.",
        client_path.call,
        "AttachDisk",
        {"InstanceId": instance_id, "DiskId": elsewhere},
    )
    system_disk = client_path.call("DescribeDisks", {"RegionId": REGION, "InstanceId": instance_id})["Disks"]["Disk"][0]
    assert_fails(
        403,
        "DiskNotPortable",
        "The specified disk is not a portable disk.",
        client_path.call,
        "DetachDisk",
        {"InstanceId": instance_id, "DiskId": system_disk["DiskId"]},
    )
    assert_fails(
        403,
        "DiskTypeViolation",
        "The specified disk is a system disk and cannot support the operation.",
        client_path.call,
        "DeleteDisk",
        {"DiskId": system_disk["DiskId"]},
    )
    assert_fails(
        403,
        "InvalidDiskSize.TooLarge",
        "Specified new disk size is beyond the permitted range.",
        client_path.call,
        "ResizeDisk",
        {"DiskId": system_disk["DiskId"], "NewSize": 5000},
    )


def test_a_snapshot_needs_a_disk_that_has_been_attached(client_path):
    instance_id = launch(client_path)
    params = {"RegionId": REGION, "ZoneId": ZONE, "Size": 20, "DiskCategory": "cloud_essd"}
    disk_id = client_path.call("CreateDisk", params)["DiskId"]
    assert_fails(
        403,
        "IncorrectDiskStatus.NeverAttached",
        "The specified disk has never been attached to any instance.",
        client_path.call,
        "CreateSnapshot",
        {"DiskId": disk_id},
    )
    assert disk(client_path, disk_id)["DetachedTime"] == ""
    client_path.call("AttachDisk", {"InstanceId": instance_id, "DiskId": disk_id})
    client_path.call("DetachDisk", {"InstanceId": instance_id, "DiskId": disk_id})
    detached = disk(client_path, disk_id)
    assert (detached["AttachedTime"], detached["Status"]) == ("", "Available") and detached["DetachedTime"]
    assert client_path.call("CreateSnapshot", {"DiskId": disk_id})["SnapshotId"].startswith("s-")


def test_a_category_no_zone_offers_is_refused(client_path):
    offered = client_path.call("DescribeZones", {"RegionId": REGION})["Zones"]["Zone"][0]["AvailableDiskCategories"]
    assert "cloud" not in offered["DiskCategories"]
    base = {"RegionId": REGION, "ImageId": SYSTEM_IMAGE, "InstanceType": INSTANCE_TYPE, **network(client_path)}
    assert_fails(
        403,
        "CategoryNotSupported",
        "The specified zone does not offer the specified disk category.",
        client_path.call,
        "RunInstances",
        {**base, "DataDisk": [{"Size": 20, "Category": "cloud"}]},
    )


def test_modify_disk_attribute_changes_what_it_names_for_one_disk_or_several(client_path):
    instance_id = launch(client_path)
    params = {"RegionId": REGION, "ZoneId": ZONE, "Size": 20, "DiskCategory": "cloud_essd", "DiskName": "first"}
    first, second = (client_path.call("CreateDisk", params)["DiskId"] for _ in range(2))
    modify = lambda **given: client_path.call("ModifyDiskAttribute", given)  # noqa: E731
    before = disk(client_path, first)
    modify(DiskId=first, DiskName="logs", Description="the web logs", DeleteAutoSnapshot=True)
    changed = disk(client_path, first)
    assert (changed["DiskName"], changed["Description"], changed["DeleteAutoSnapshot"]) == (
        "logs",
        "the web logs",
        True,
    )
    assert changed["EnableAutoSnapshot"] and changed["DeleteWithInstance"] == before["DeleteWithInstance"]  # kept
    modify(RegionId=REGION, DiskIds=[first, second], DeleteWithInstance=True, EnableAutoSnapshot=False)
    for disk_id, name in ((first, "logs"), (second, "first")):
        both = disk(client_path, disk_id)
        assert (both["DiskName"], both["DeleteWithInstance"], both["EnableAutoSnapshot"]) == (name, True, False)
    client_path.call("AttachDisk", {"InstanceId": instance_id, "DiskId": first})
    client_path.call("AttachDisk", {"InstanceId": instance_id, "DiskId": second})
    modify(DiskId=second, DeleteWithInstance=False)
    client_path.call("DeleteInstance", {"InstanceId": instance_id, "Force": True})
    assert disk(client_path, second)["Status"] == "Available"  # DeleteWithInstance=false kept it
    gone = client_path.call("DescribeDisks", {"RegionId": REGION, "DiskIds": f'["{first}"]'})["Disks"]["Disk"]
    assert gone == []  # DeleteWithInstance=true: it went with the instance
    for given, error in (
        (
            {"DiskId": first, "DiskIds": [second], "DiskName": "x1"},
            (
                400,
                "ParameterConflict.DiskIdAndDiskIds",
                "Specified parameter DiskId and DiskIds conflict, only one can be chosen.",
            ),
        ),
        (
            {"DiskName": "x1"},
            (400, "MissingParameter.DiskIdOrDiskIds", "Specified parameter DiskId or DiskIds is missing."),
        ),
        ({"DiskId": first}, (400, "NoAttributeToModify", "No attribute to be modified in this request.")),
        (
            {"DiskId": first, "DiskName": "1bad"},
            (400, "InvalidDiskName.Malformed", "The specified disk name is wrongly formed."),
        ),
        (
            {"DiskId": first, "Description": "http://x"},
            (404, "InvalidDescription.Malformed", "The specified description is wrongly formed."),
        ),
        (
            {"DiskIds": [second, "d-bp1nothing"], "DiskName": "never"},
            (404, "InvalidDiskId.NotFound", "The specified disk does not exist."),
        ),
    ):
        assert_fails(*error, modify, **given)
    assert disk(client_path, second)["DiskName"] == "first"  # a refused batch changes none of its disks
