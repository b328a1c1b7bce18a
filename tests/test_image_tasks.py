"""Imports and exports as tasks (issue 15): ImportImage and ExportImage start tasks that
DescribeTasks and DescribeTaskAttribute poll to completion; CancelTask stops one and a cancelled
import leaves no image; a community image cannot be exported (seed 004), through every client path."""

from helpers import assert_fails, custom_image

REGION = "cn-hangzhou"
SYSTEM_DISK = {"OSSBucket": "my-images", "OSSObject": "golden.qcow2", "Format": "QCOW2", "DiskImageSize": 40}


def task_of(path, task_id):
    return path.call("DescribeTasks", {"RegionId": REGION, "TaskIds": task_id})["TaskSet"]["Task"][0]


def test_an_import_polled_to_completion(client_path, ecs_mock):
    ecs_mock.hold_transitions(polls=2)
    body = client_path.call(
        "ImportImage",
        {
            "RegionId": REGION,
            "ImageName": "imported",
            "Platform": "Ubuntu",
            "DiskDeviceMapping": [
                SYSTEM_DISK,
                {**SYSTEM_DISK, "OSSObject": "data.raw", "Format": "RAW", "DiskImageSize": 100},
            ],
        },
    )
    first = task_of(client_path, body["TaskId"])
    assert (first["TaskAction"], first["TaskStatus"], first["ResourceId"], first["SupportCancel"]) == (
        "ImportImage",
        "Processing",
        body["ImageId"],
        "true",
    )
    attribute = client_path.call("DescribeTaskAttribute", {"RegionId": REGION, "TaskId": body["TaskId"]})
    assert attribute["TaskStatus"] == "Finished" and attribute["TaskProcess"] == "100%"
    image = client_path.call("DescribeImages", {"RegionId": REGION, "ImageId": body["ImageId"]})["Images"]["Image"][0]
    assert (image["ImageName"], image["Status"], image["Platform"], image["Size"]) == (
        "imported",
        "Available",
        "Ubuntu",
        40,
    )
    assert [m["Size"] for m in image["DiskDeviceMappings"]["DiskDeviceMapping"]] == ["40", "100"]


def test_an_export_and_its_refusals(client_path, ecs_mock):
    image_id = custom_image(client_path)
    task_id = client_path.call(
        "ExportImage", {"RegionId": REGION, "ImageId": image_id, "OSSBucket": "exports", "ImageFormat": "qcow2"}
    )["TaskId"]
    assert task_of(client_path, task_id)["TaskStatus"] == "Finished"
    assert [
        t["TaskId"]
        for t in client_path.call(
            "DescribeTasks", {"RegionId": REGION, "TaskAction": "ExportImage", "TaskStatus": "Finished"}
        )["TaskSet"]["Task"]
    ] == [task_id]
    assert_fails(
        400,
        "InvalidImageFormat.Malformed",
        "The specified Image Format is wrongly formed.",
        client_path.call,
        "ExportImage",
        {"RegionId": REGION, "ImageId": image_id, "OSSBucket": "exports", "ImageFormat": "iso"},
    )
    client_path.call("ModifyImageSharePermission", {"RegionId": REGION, "ImageId": image_id, "IsPublic": True})
    assert_fails(
        403,
        "InvalidImageCategory.NotSupported",
        "The specified image category is not supported.",
        client_path.call,
        "ExportImage",
        {"RegionId": REGION, "ImageId": image_id, "OSSBucket": "exports"},
    )


def test_a_cancelled_import_leaves_no_image(client_path, ecs_mock):
    ecs_mock.hold_transitions()
    body = client_path.call("ImportImage", {"RegionId": REGION, "DiskDeviceMapping": [SYSTEM_DISK]})
    client_path.call("CancelTask", {"RegionId": REGION, "TaskId": body["TaskId"]})
    ecs_mock.settle()
    assert task_of(client_path, body["TaskId"])["TaskStatus"] == "Cancelled"
    assert (
        client_path.call(
            "DescribeImages", {"RegionId": REGION, "ImageOwnerAlias": "self", "Status": "Creating,Available"}
        )["Images"]["Image"]
        == []
    )
    assert_fails(
        403,
        "InvalidTaskId.IncorrectTaskStatus",
        "The specified task status is invalid.",
        client_path.call,
        "CancelTask",
        {"RegionId": REGION, "TaskId": body["TaskId"]},
    )
    assert_fails(
        400,
        "InvalidTaskId.NotFound",
        'The specified "TaskId" is not found.',
        client_path.call,
        "DescribeTaskAttribute",
        {"RegionId": REGION, "TaskId": "t-nope"},
    )


def test_import_refusals(client_path):
    imports = lambda **mapping: client_path.call(  # noqa: E731
        "ImportImage",
        {
            "RegionId": REGION,
            "DiskDeviceMapping": [{**SYSTEM_DISK, **mapping}],
        },
    )
    assert_fails(
        400, "InvalidOSSBucket.Malformed", "The specified OSS bucket is wrongly formed.", imports, OSSBucket="No"
    )
    assert_fails(
        400,
        "UnsupportedSuffix.OSSObject",
        "The specified OSS object suffix is not supported.",
        imports,
        OSSObject="golden.zip",
    )
    assert_fails(
        400,
        "InvalidDataDiskSize",
        "The specified DiskDeviceMapping.N.DiskImSize should be in the specified range.",
        imports,
        DiskImageSize=4,
    )
    assert_fails(
        400, "InvalidImageFormat.Malformed", "The specified Image Format is wrongly formed.", imports, Format="ISO"
    )
    assert_fails(
        403,
        "MissingParameter.DiskDeviceMapping",
        "The specified parameter DiskDeviceMapping is not supplied.",
        client_path.call,
        "ImportImage",
        {"RegionId": REGION},
    )


def test_an_imported_image_shows_where_it_came_from(client_path):
    image_id = client_path.call("ImportImage", {"RegionId": REGION, "DiskDeviceMapping": [SYSTEM_DISK]})["ImageId"]
    image = client_path.call("DescribeImages", {"RegionId": REGION, "ImageId": image_id})["Images"]["Image"][0]
    system = image["DiskDeviceMappings"]["DiskDeviceMapping"][0]
    assert (system["ImportOSSBucket"], system["ImportOSSObject"], system["Format"]) == (
        "my-images",
        "golden.qcow2",
        "QCOW2",
    )
