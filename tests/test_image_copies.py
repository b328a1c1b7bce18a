"""Copies in flight (issue 15): CopyImage's copy is Creating until the copy completes, under the
transition controls; CancelCopyImage stops it and leaves no image; neither the source nor the copy
can be deleted, nor the source copied again, while a copy is in flight."""

from helpers import assert_fails, custom_image, network

REGION, DESTINATION = "cn-hangzhou", "cn-beijing"
COPYING = (403, "OperationDenied.ImageCopying", "The Image is coping.")


def image_of(path, region, image_id):
    body = path.call(
        "DescribeImages", {"RegionId": region, "ImageId": image_id, "Status": "Creating,Available"}, region_id=region
    )
    return body["Images"]["Image"]


def test_a_copy_is_polled_until_available(client_path, ecs_mock):
    source = custom_image(client_path)
    ecs_mock.hold_transitions(polls=4)
    copy_id = client_path.call(
        "CopyImage", {"RegionId": REGION, "ImageId": source, "DestinationRegionId": DESTINATION}
    )["ImageId"]
    first = image_of(client_path, DESTINATION, copy_id)[0]
    assert (first["Status"], first["Progress"], first["IsCopied"]) == ("Creating", "25%", True)  # 1 poll of 4
    assert image_of(client_path, DESTINATION, copy_id)[0]["Progress"] == "50%"
    assert_fails(*COPYING, client_path.call, "DeleteImage", {"RegionId": REGION, "ImageId": source})
    assert_fails(
        403,
        "OperationDenied.ImageCopying",
        "The Image are coping.",
        client_path.call,
        "CopyImage",
        {"RegionId": REGION, "ImageId": source, "DestinationRegionId": DESTINATION},
    )
    # another region's copy may run beside it (as Packer copies to every region, then waits)
    client_path.call("CopyImage", {"RegionId": REGION, "ImageId": source, "DestinationRegionId": "cn-shanghai"})
    assert_fails(
        *COPYING, client_path.call, "DeleteImage", {"RegionId": DESTINATION, "ImageId": copy_id}, region_id=DESTINATION
    )
    assert image_of(client_path, DESTINATION, copy_id)[0]["Progress"] == "75%"
    done = image_of(client_path, DESTINATION, copy_id)[0]
    assert (done["Status"], done["Progress"]) == ("Available", "100%")
    ecs_mock.settle()  # the second copy too
    client_path.call("DeleteImage", {"RegionId": REGION, "ImageId": source})  # no copy in flight: the source may go


def test_cancel_copy_image_leaves_no_image(client_path, ecs_mock):
    source = custom_image(client_path)
    ecs_mock.hold_transitions()
    copy_id = client_path.call(
        "CopyImage", {"RegionId": REGION, "ImageId": source, "DestinationRegionId": DESTINATION}
    )["ImageId"]
    assert_fails(
        400,
        "ImageCreatedNotFromCopy",
        "The specified image is not the target image of a copy action.",
        client_path.call,
        "CancelCopyImage",
        {"RegionId": REGION, "ImageId": source},
    )
    client_path.call("CancelCopyImage", {"RegionId": DESTINATION, "ImageId": copy_id}, region_id=DESTINATION)
    ecs_mock.settle()
    assert image_of(client_path, DESTINATION, copy_id) == []
    assert_fails(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        client_path.call,
        "CancelCopyImage",
        {"RegionId": DESTINATION, "ImageId": copy_id},
        region_id=DESTINATION,
    )
    client_path.call("DeleteImage", {"RegionId": REGION, "ImageId": source})  # nothing in flight any more


def test_a_finished_copy_cannot_be_cancelled(client_path):
    source = custom_image(client_path)
    copy_id = client_path.call(
        "CopyImage", {"RegionId": REGION, "ImageId": source, "DestinationRegionId": DESTINATION}
    )["ImageId"]
    assert_fails(
        400,
        "IncorrectImageStatus",
        "The specified snapshot is not coping.",
        client_path.call,
        "CancelCopyImage",
        {"RegionId": DESTINATION, "ImageId": copy_id},
        region_id=DESTINATION,
    )


def test_an_encrypted_copy_and_its_key_states(client_path, ecs_mock):
    source = custom_image(client_path)
    copy = lambda **params: client_path.call(  # noqa: E731
        "CopyImage",
        {
            "RegionId": REGION,
            "ImageId": source,
            "DestinationRegionId": DESTINATION,
            **params,
        },
    )
    assert_fails(
        400,
        "InvalidEncrypted.NotMatchKmsKeyId",
        "The specified parameter Encrypted must be true when KmsKeyId is not empty.",
        copy,
        KMSKeyId="key-1",
    )
    for state, error in [
        ("Disabled", (403, "InvalidParameter.KMSKeyId.CMKNotEnabled", "The CMK needs to be enabled.")),
        ("Deleted", (404, "InvalidParameter.KMSKeyId.NotFound", "The specified KMSKeyId does not exist.")),
        (
            "Unauthorized",
            (403, "InvalidParameter.KMSKeyId.KMSUnauthorized", "ECS service have no right to access your KMS."),
        ),
    ]:
        ecs_mock.ecs.kms_keys["key-1"] = state
        assert_fails(*error, copy, Encrypted=True, KMSKeyId="key-1")
    ecs_mock.ecs.kms_keys["key-1"] = "Enabled"
    copy_id = copy(Encrypted=True, KMSKeyId="key-1")["ImageId"]
    made = image_of(client_path, DESTINATION, copy_id)[0]
    assert made["DiskDeviceMappings"]["DiskDeviceMapping"][0]["Encrypted"] is True


def test_an_encrypted_copy_of_an_image_with_data_disks_cannot_be_shared(client_path, ecs_mock):
    """The rule the README once arranged through an image attribute, reached through ordinary calls."""
    instance_id = client_path.call(
        "RunInstances",
        {
            "RegionId": REGION,
            "ImageId": "ubuntu_22_04_x64_20G_alibase_20250722.vhd",
            "InstanceType": "ecs.g7.large",
            **network(client_path),
            "DataDisk": [{"Size": 40}],
        },
    )["InstanceIdSets"]["InstanceIdSet"][0]
    disks = client_path.call("DescribeDisks", {"RegionId": REGION, "InstanceId": instance_id})["Disks"]["Disk"]
    snapshots = {d["Type"]: client_path.call("CreateSnapshot", {"DiskId": d["DiskId"]})["SnapshotId"] for d in disks}
    image_id = client_path.call(
        "CreateImage",
        {
            "RegionId": REGION,
            "DiskDeviceMapping": [{"SnapshotId": snapshots["system"]}, {"SnapshotId": snapshots["data"]}],
        },
    )["ImageId"]
    copy_id = client_path.call(
        "CopyImage", {"RegionId": REGION, "ImageId": image_id, "Encrypted": True, "KMSKeyId": "key-1"}
    )["ImageId"]
    assert_fails(
        403,
        "OperationDeined.FullImage",
        "The encrypted image contains multiple snapshots, which do not support share.",
        client_path.call,
        "ModifyImageSharePermission",
        {"RegionId": REGION, "ImageId": copy_id, "AddAccount": [ecs_mock.create_account().account_id]},
    )


def test_an_image_keeps_its_data_snapshots_and_gives_instances_their_disks(client_path):
    instance_id = client_path.call(
        "RunInstances",
        {
            "RegionId": REGION,
            "ImageId": "ubuntu_22_04_x64_20G_alibase_20250722.vhd",
            "InstanceType": "ecs.g7.large",
            **network(client_path),
            "DataDisk": [{"Size": 60}],
        },
    )["InstanceIdSets"]["InstanceIdSet"][0]
    disks = client_path.call("DescribeDisks", {"RegionId": REGION, "InstanceId": instance_id})["Disks"]["Disk"]
    snapshots = {d["Type"]: client_path.call("CreateSnapshot", {"DiskId": d["DiskId"]})["SnapshotId"] for d in disks}
    image_id = client_path.call(
        "CreateImage",
        {
            "RegionId": REGION,
            "DiskDeviceMapping": [{"SnapshotId": snapshots["system"]}, {"SnapshotId": snapshots["data"]}],
        },
    )["ImageId"]
    image = image_of(client_path, REGION, image_id)[0]
    assert [(m["Type"], m["SnapshotId"], m["Size"]) for m in image["DiskDeviceMappings"]["DiskDeviceMapping"]] == [
        ("system", snapshots["system"], "40"),
        ("data", snapshots["data"], "60"),
    ]
    assert_fails(
        403,
        "SnapshotCreatedImage",
        "The snapshot has been used to create user defined image(s).",
        client_path.call,
        "DeleteSnapshot",
        {"SnapshotId": snapshots["data"]},
    )
    launched = client_path.call(
        "RunInstances",
        {"RegionId": REGION, "ImageId": image_id, "InstanceType": "ecs.g7.large", **network(client_path)},
    )["InstanceIdSets"]["InstanceIdSet"][0]
    data = client_path.call("DescribeDisks", {"RegionId": REGION, "InstanceId": launched, "DiskType": "data"})["Disks"][
        "Disk"
    ]
    assert [(d["Size"], d["SourceSnapshotId"], d["Device"]) for d in data] == [(60, snapshots["data"], "/dev/xvdb")]
