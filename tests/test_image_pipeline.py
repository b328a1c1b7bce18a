"""Issue 15's acceptance: an image pipeline's day through each client path — build, tag, put in a
family, copy to two regions (polled until available), share each copy; the sharee finds the newest
image of the family and launches it; the owner deprecates the old version, cancels a copy in
flight, unshares and deletes — and tag filters give exactly the tagged resources."""

from helpers import INSTANCE_TYPE, assert_fails, launch, network, share

HOME, COPIES = "cn-hangzhou", ("cn-beijing", "cn-shanghai")
# an ECDSA key in OpenSSH form (ImportKeyPair)
PUBLIC_KEY = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg="


def images(path, region, account=None, **params):
    body = path.call(
        "DescribeImages",
        {"RegionId": region, "Status": "Creating,Available,Deprecated", **params},
        account=account,
        region_id=region,
    )
    return {i["ImageId"]: i for i in body["Images"]["Image"]}


def test_an_image_pipelines_day(client_path, ecs_mock):
    sharee = ecs_mock.create_account()
    call = client_path.call
    instance_id = launch(client_path)
    old = call(
        "CreateImage",
        {"RegionId": HOME, "InstanceId": instance_id, "ImageName": "web-v1", "ImageFamily": "web", "ImageVersion": "1"},
    )["ImageId"]
    new = call(
        "CreateImage",
        {"RegionId": HOME, "InstanceId": instance_id, "ImageName": "web-v2", "ImageFamily": "web", "ImageVersion": "2"},
    )["ImageId"]
    call(
        "TagResources",
        {
            "RegionId": HOME,
            "ResourceType": "image",
            "ResourceId": [old, new],
            "Tag": [{"Key": "pipeline", "Value": "web"}],
        },
    )
    assert set(images(client_path, HOME, Tag=[{"Key": "pipeline", "Value": "web"}])) == {old, new}

    # copies to two regions at once, polled until available; the sharee gets each
    ecs_mock.hold_transitions(polls=3)
    copies = {
        region: call(
            "CopyImage",
            {"RegionId": HOME, "ImageId": new, "DestinationRegionId": region, "DestinationImageName": "web-v2"},
        )["ImageId"]
        for region in COPIES
    }
    assert_fails(
        403,
        "OperationDenied.ImageCopying",
        "The Image are coping.",
        call,
        "CopyImage",
        {"RegionId": HOME, "ImageId": new, "DestinationRegionId": COPIES[0]},
    )
    seen = {}
    for region, copy_id in copies.items():
        seen[region] = [images(client_path, region)[copy_id]["Progress"]]
        while seen[region][-1] != "100%":
            seen[region].append(images(client_path, region)[copy_id]["Progress"])
            assert len(seen[region]) < 5
        share(client_path, copy_id, add=[sharee.account_id], region=region)
    assert seen[COPIES[0]] == ["33%", "66%", "100%"]  # (each poll moves every copy in flight)
    ecs_mock.release_transitions()
    share(client_path, new, add=[sharee.account_id])

    # the sharee finds the newest of the family and launches it in its own network
    found = call("DescribeImageFromFamily", {"RegionId": HOME, "ImageFamily": "web"}, account=sharee)["Image"]
    assert (found["ImageId"], found["ImageVersion"]) == (new, "2")
    launched = call(
        "RunInstances",
        {"RegionId": HOME, "ImageFamily": "web", "InstanceType": INSTANCE_TYPE, **network(client_path, sharee)},
        account=sharee,
    )["InstanceIdSets"]["InstanceIdSet"]
    assert call("DescribeInstances", {"RegionId": HOME}, account=sharee)["Instances"]["Instance"][0]["ImageId"] == new
    assert len(launched) == 1

    # the owner deprecates the old version, cancels a copy in flight, unshares and deletes
    call("ModifyImageAttribute", {"RegionId": HOME, "ImageId": old, "Status": "Deprecated"})
    assert images(client_path, HOME)[old]["Status"] == "Deprecated"
    ecs_mock.hold_transitions()
    extra = call("CopyImage", {"RegionId": HOME, "ImageId": new, "DestinationRegionId": "cn-shenzhen"})["ImageId"]
    call("CancelCopyImage", {"RegionId": "cn-shenzhen", "ImageId": extra}, region_id="cn-shenzhen")
    ecs_mock.release_transitions()
    assert extra not in images(client_path, "cn-shenzhen")
    assert_fails(
        403,
        "ImageUseShared",
        "The specified image has been shared to others. You can use the "
        "DescribeImageSharePermission API to query the users who have been shared.",
        call,
        "DeleteImage",
        {"RegionId": HOME, "ImageId": new},
    )
    share(client_path, new, remove=[sharee.account_id])
    for region, copy_id in copies.items():
        share(client_path, copy_id, remove=[sharee.account_id], region=region)
        call("DeleteImage", {"RegionId": region, "ImageId": copy_id}, region_id=region)
    call("DeleteImage", {"RegionId": HOME, "ImageId": old})
    call("DeleteImage", {"RegionId": HOME, "ImageId": new, "Force": True})  # the sharee's instance still runs it
    assert images(client_path, HOME, ImageOwnerAlias="self") == {}


ID_FIELDS = {
    "Instances.Instance": "InstanceId",
    "Images.Image": "ImageId",
    "Disks.Disk": "DiskId",
    "Snapshots.Snapshot": "SnapshotId",
    "SecurityGroups.SecurityGroup": "SecurityGroupId",
    "KeyPairs.KeyPair": "KeyPairName",
    "Commands.Command": "CommandId",
    "Invocations.Invocation": "InvokeId",
    "Vpcs.Vpc": "VpcId",
    "VSwitches.VSwitch": "VSwitchId",
    "EipAddresses.EipAddress": "AllocationId",
}


def test_tag_filters_give_exactly_the_tagged_resources(client_path):
    call = client_path.call
    instance_id = launch(client_path)
    other_instance = launch(client_path)
    disks = call("DescribeDisks", {"RegionId": HOME})["Disks"]["Disk"]
    disk_id = next(d["DiskId"] for d in disks if d["InstanceId"] == instance_id)
    snapshot_id = call("CreateSnapshot", {"DiskId": disk_id})["SnapshotId"]
    call("CreateSnapshot", {"DiskId": disk_id})
    image_id = call("CreateImage", {"RegionId": HOME, "InstanceId": instance_id})["ImageId"]
    call("CreateImage", {"RegionId": HOME, "InstanceId": other_instance})
    group_id = network(client_path)["SecurityGroupId"]
    vpc_id = call("DescribeSecurityGroups", {"RegionId": HOME})["SecurityGroups"]["SecurityGroup"][0]["VpcId"]
    call("CreateSecurityGroup", {"RegionId": HOME, "VpcId": vpc_id})
    call("ImportKeyPair", {"RegionId": HOME, "KeyPairName": "tagged", "PublicKeyBody": PUBLIC_KEY})
    call("ImportKeyPair", {"RegionId": HOME, "KeyPairName": "plain", "PublicKeyBody": PUBLIC_KEY})
    command_id = call(
        "CreateCommand", {"RegionId": HOME, "Name": "c", "Type": "RunShellScript", "CommandContent": "ZWNobw=="}
    )["CommandId"]
    call("CreateCommand", {"RegionId": HOME, "Name": "d", "Type": "RunShellScript", "CommandContent": "ZWNobw=="})
    invoke_id = call("InvokeCommand", {"RegionId": HOME, "CommandId": command_id, "InstanceId": [instance_id]})[
        "InvokeId"
    ]
    call("InvokeCommand", {"RegionId": HOME, "CommandId": command_id, "InstanceId": [instance_id]})
    vpc = lambda action, params: call(action, {"RegionId": HOME, **params}, product="vpc")  # noqa: E731
    vswitch_id = network(client_path)["VSwitchId"]
    vpc("CreateVSwitch", {"VpcId": vpc_id, "ZoneId": "cn-hangzhou-i", "CidrBlock": "192.168.9.0/24"})
    other_vpc = vpc("CreateVpc", {"CidrBlock": "10.0.0.0/8"})["VpcId"]
    eip_id = vpc("AllocateEipAddress", {})["AllocationId"]
    vpc("AllocateEipAddress", {})
    tag = [{"Key": "owner", "Value": "team-a"}]
    for kind, rid in [
        ("instance", instance_id),
        ("disk", disk_id),
        ("snapshot", snapshot_id),
        ("image", image_id),
        ("securitygroup", group_id),
        ("keypair", "tagged"),
        ("command", command_id),
        ("invocation", invoke_id),
    ]:
        call("TagResources", {"RegionId": HOME, "ResourceType": kind, "ResourceId": [rid], "Tag": tag})
    for kind, rid in [("VPC", vpc_id), ("VSWITCH", vswitch_id), ("EIP", eip_id)]:
        vpc("TagResources", {"ResourceType": kind, "ResourceId": [rid], "Tag": tag})
    assert other_vpc
    for action, path, expected, product in [
        ("DescribeInstances", "Instances.Instance", instance_id, "ecs"),
        ("DescribeImages", "Images.Image", image_id, "ecs"),
        ("DescribeDisks", "Disks.Disk", disk_id, "ecs"),
        ("DescribeSnapshots", "Snapshots.Snapshot", snapshot_id, "ecs"),
        ("DescribeSecurityGroups", "SecurityGroups.SecurityGroup", group_id, "ecs"),
        ("DescribeKeyPairs", "KeyPairs.KeyPair", "tagged", "ecs"),
        ("DescribeCommands", "Commands.Command", command_id, "ecs"),
        ("DescribeInvocations", "Invocations.Invocation", invoke_id, "ecs"),
        ("DescribeVpcs", "Vpcs.Vpc", vpc_id, "vpc"),
        ("DescribeVSwitches", "VSwitches.VSwitch", vswitch_id, "vpc"),
        ("DescribeEipAddresses", "EipAddresses.EipAddress", eip_id, "vpc"),
    ]:
        body = call(action, {"RegionId": HOME, "Tag": tag}, product=product)
        node = body
        for key in path.split("."):
            node = node[key]
        assert [item[ID_FIELDS[path]] for item in node] == [expected], action


def test_every_pipeline_body_is_complete_in_order_and_maps_onto_the_sdk_model(ecs_mock):
    import importlib

    from helpers import schema_gaps
    from test_network_state import sdk_differences

    from aliyun_mock.ecs import ECS
    from conftest_plugin import RequestsPath

    raw = RequestsPath(ecs_mock)
    call = lambda action, params, **extra: raw.call(action, {"RegionId": HOME, **params}, **extra)  # noqa: E731
    instance_id = launch(raw)
    image_id = call("CreateImage", {"InstanceId": instance_id, "ImageFamily": "web", "ImageVersion": "1"})["ImageId"]
    disk_id = call("CreateDisk", {"ZoneId": "cn-hangzhou-h", "Size": 20, "DiskCategory": "cloud_essd"})["DiskId"]
    ecs_mock.hold_transitions()
    copy_id = call("CopyImage", {"ImageId": image_id, "DestinationRegionId": "cn-beijing"})["ImageId"]
    task_id = call(
        "ImportImage", {"DiskDeviceMapping": [{"OSSBucket": "images", "OSSObject": "a.raw", "DiskImageSize": 20}]}
    )["TaskId"]
    bodies = {
        "TagResources": call(
            "TagResources", {"ResourceType": "image", "ResourceId": [image_id], "Tag": [{"Key": "a", "Value": "b"}]}
        ),
        "ListTagResources": call("ListTagResources", {"ResourceType": "image", "ResourceId": [image_id]}),
        "AddTags": call(
            "AddTags", {"ResourceType": "image", "ResourceId": image_id, "Tag": [{"Key": "c", "Value": "d"}]}
        ),
        "DescribeTags": call("DescribeTags", {}),
        "RemoveTags": call("RemoveTags", {"ResourceType": "image", "ResourceId": image_id, "Tag": [{"Key": "c"}]}),
        "UntagResources": call("UntagResources", {"ResourceType": "image", "ResourceId": [image_id], "All": True}),
        "DescribeImageFromFamily": call("DescribeImageFromFamily", {"ImageFamily": "web"}),
        "DescribeTasks": call("DescribeTasks", {}),
        "DescribeTaskAttribute": call("DescribeTaskAttribute", {"TaskId": task_id}),
        "CancelTask": call("CancelTask", {"TaskId": task_id}),
        "CancelCopyImage": raw.call(
            "CancelCopyImage", {"RegionId": "cn-beijing", "ImageId": copy_id}, region_id="cn-beijing"
        ),
    }
    ecs_mock.release_transitions()
    bodies["AttachDisk"] = call("AttachDisk", {"InstanceId": instance_id, "DiskId": disk_id})
    bodies["ResizeDisk"] = call("ResizeDisk", {"DiskId": disk_id, "NewSize": 40})
    bodies["ModifyDiskAttribute"] = call("ModifyDiskAttribute", {"DiskId": disk_id, "DiskName": "data"})
    bodies["ExportImage"] = call("ExportImage", {"ImageId": image_id, "OSSBucket": "exports"})
    bodies["DetachDisk"] = call("DetachDisk", {"InstanceId": instance_id, "DiskId": disk_id})
    bodies["DeleteDisk"] = call("DeleteDisk", {"DiskId": disk_id})
    bodies["CreateDisk"] = call("CreateDisk", {"ZoneId": "cn-hangzhou-h", "Size": 20, "DiskCategory": "cloud_essd"})
    bodies["ImportImage"] = call(
        "ImportImage", {"DiskDeviceMapping": [{"OSSBucket": "images", "OSSObject": "b.raw", "DiskImageSize": 20}]}
    )
    bodies["CopyImage"] = call("CopyImage", {"ImageId": image_id, "DestinationRegionId": "cn-shanghai"})
    models = importlib.import_module("alibabacloud_ecs20140526.models")
    for action, body in bodies.items():
        assert schema_gaps(ECS.describe(action).response, body) == [], action
        assert sdk_differences(body, getattr(models, f"{action}ResponseBody")().from_map(body).to_map()) == [], action
