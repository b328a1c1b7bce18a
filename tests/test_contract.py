"""Contract: every success body the mock returns round-trips through the V2 SDK's own response
model (no key the model does not know, no shape it cannot map) and carries every field the
documented example (fixtures/) shows as always present."""

import json
from pathlib import Path

import pytest
from helpers import custom_image, launch, network, schema_gaps, share

from conftest_plugin import RequestsPath

FIXTURES = {p.stem: json.loads(p.read_text()) for p in (Path(__file__).parent.parent / "fixtures").glob("*.json")}
REGION = "cn-hangzhou"


def round_trip(action, body):
    from alibabacloud_ecs20140526 import models

    return getattr(models, f"{action}ResponseBody")().from_map(body).to_map()


def missing_fields(body, always_present):
    """Paths of always-present fields absent from ``body`` (``"Images.Image[]"`` checks each item)."""
    missing = []
    for where, keys in always_present.items():
        items = [body]
        if where:
            container, _, inner = where.rstrip("[]").partition(".")
            items = body[container][inner]
            assert items, f"{where} is empty: nothing to check"
        missing += [f"{where}.{key}" for item in items for key in keys if key not in item]
    return missing


@pytest.fixture
def bodies(ecs_mock):
    """One real success body per action, from a scene with an owner, a sharee and instances."""
    raw = RequestsPath(ecs_mock)
    sharee = ecs_mock.create_account()
    image_id = custom_image(raw, name="contract")
    spare = custom_image(raw)
    instance_id = launch(raw)
    stopped = raw.call(
        "CreateInstance", {"RegionId": REGION, "ImageId": image_id, "InstanceType": "ecs.g7.large", **network(raw)}
    )
    disk_id = raw.call("DescribeDisks", {"RegionId": REGION, "InstanceId": instance_id})["Disks"]["Disk"][0]["DiskId"]
    raw.call("StopInstance", {"InstanceId": instance_id})
    calls = {
        "CreateInstance": (
            {"RegionId": REGION, "ImageId": image_id, "InstanceType": "ecs.g7.large", **network(raw)},
            None,
        ),
        "DescribeInstanceStatus": ({"RegionId": REGION}, None),
        "StartInstance": ({"InstanceId": stopped["InstanceId"]}, None),
        "RebootInstance": ({"InstanceId": stopped["InstanceId"]}, None),
        "StopInstance": ({"InstanceId": stopped["InstanceId"]}, None),
        "ReInitDisk": ({"DiskId": disk_id}, None),
        "CreateSnapshot": ({"DiskId": disk_id, "SnapshotName": "contract"}, None),
        "DeleteSnapshot": ({"SnapshotId": "created below"}, None),
        "DescribeSnapshots": ({"RegionId": REGION}, None),
        "DescribeDisks": ({"RegionId": REGION}, None),
        "ReplaceSystemDisk": ({"InstanceId": instance_id, "ImageId": image_id}, None),
        "DeleteInstance": ({"InstanceId": stopped["InstanceId"]}, None),
        "ModifyImageSharePermission": (
            {"RegionId": REGION, "ImageId": image_id, "AddAccount": [sharee.account_id]},
            None,
        ),
        "DescribeImageSharePermission": ({"RegionId": REGION, "ImageId": image_id}, None),
        "DescribeImages": ({"RegionId": REGION, "ImageOwnerAlias": "others"}, sharee),
        "CreateImage": ({"RegionId": REGION, "InstanceId": instance_id}, None),
        "CopyImage": ({"RegionId": REGION, "ImageId": image_id, "DestinationRegionId": "cn-beijing"}, None),
        "ModifyImageAttribute": ({"RegionId": REGION, "ImageId": spare, "Description": "contract test"}, None),
        "DeleteImage": ({"RegionId": REGION, "ImageId": spare}, None),
        "RunInstances": (
            {"RegionId": REGION, "ImageId": image_id, "InstanceType": "ecs.g7.large", **network(raw, sharee)},
            sharee,
        ),
        "DescribeInstances": ({"RegionId": REGION}, None),
        "DescribeRegions": ({"AcceptLanguage": "en-US"}, None),
        "DescribeZones": ({"RegionId": REGION, "AcceptLanguage": "en-US"}, None),
        "DescribeImageSupportInstanceTypes": ({"RegionId": REGION, "ImageId": image_id}, None),
        "DeleteInstances": ({"RegionId": REGION, "InstanceId": [instance_id], "Force": True}, None),
    }
    bodies = {}
    for action, (params, account) in calls.items():
        if action == "DeleteSnapshot":  # the snapshot CreateSnapshot just took
            params = {"SnapshotId": bodies["CreateSnapshot"]["SnapshotId"]}
        bodies[action] = raw.call(action, params, account=account)
    return bodies


def test_every_fixture_is_an_implemented_action():
    from aliyun_mock.ecs import ECS

    assert set(FIXTURES) <= set(ECS.actions)


@pytest.mark.parametrize("action", sorted(FIXTURES))
def test_documented_example_round_trips(action):
    example = FIXTURES[action]["response"]
    assert round_trip(action, example) == example
    assert missing_fields(example, FIXTURES[action]["always_present"]) == []


@pytest.mark.parametrize("action", sorted(FIXTURES))
def test_mock_body_round_trips_and_has_the_documented_fields(bodies, action):
    body = bodies[action]
    assert round_trip(action, body) == body
    assert missing_fields(body, FIXTURES[action]["always_present"]) == []
    example_keys = set(FIXTURES[action]["response"])
    assert example_keys <= set(body), f"top-level keys of the documented example missing: {example_keys - set(body)}"


def test_shared_image_as_the_owner_sees_it_round_trips(ecs_mock):
    raw = RequestsPath(ecs_mock)
    image_id = custom_image(raw)
    share(raw, image_id, add=[ecs_mock.create_account().account_id])
    body = raw.call("DescribeImages", {"RegionId": REGION, "ImageOwnerAlias": "self"})
    assert round_trip("DescribeImages", body) == body


@pytest.mark.parametrize("action", sorted(FIXTURES))
def test_mock_body_has_every_documented_field_in_the_clouds_order(bodies, action):
    from aliyun_mock.ecs import ECS

    assert schema_gaps(ECS.describe(action).response, bodies[action]) == []


def test_the_check_finds_a_missing_nested_field_and_a_wrong_order():
    schema = {
        "type": "object",
        "properties": {
            "B": {"type": "string"},
            "A": {"type": "object", "properties": {"X": {"type": "integer"}, "Y": {"type": "integer"}}, "omit": ["Y"]},
        },
    }
    assert schema_gaps(schema, {"B": "", "A": {"X": 1}}) == []
    assert schema_gaps(schema, {"A": {}, "B": ""}) == [": keys out of the cloud's order: ['A', 'B']", ".A.X missing"]


def test_instances_disks_and_images_come_in_the_order_of_real_bodies(bodies):
    """The first keys of a real DescribeInstances instance, as the cloud sent them (github.com/aliyun/
    alibabacloud-ecs-tool-troubleshooter, ecs-devops-dashboard/src/app/static/data/)."""
    instance = bodies["DescribeInstances"]["Instances"]["Instance"][0]
    assert list(instance)[:10] == [
        "ResourceGroupId",
        "Memory",
        "InstanceChargeType",
        "Cpu",
        "OSName",
        "InstanceNetworkType",
        "InnerIpAddress",
        "ExpiredTime",
        "ImageId",
        "EipAddress",
    ]
    assert instance["EipAddress"]["AllocationId"] == "" and instance["InternetMaxBandwidthIn"] == -1
    assert instance["PrivateDnsNameOptions"] == {} and instance["StoppedMode"] == "Not-applicable"
    assert list(bodies["DescribeDisks"]["Disks"]["Disk"][0])[:3] == ["DetachedTime", "Category", "Description"]
    assert list(bodies["DescribeImages"]["Images"]["Image"][0])[:3] == [
        "ImageOwnerAlias",
        "IsSelfShared",
        "Description",
    ]


def test_sts_bodies_have_every_documented_field(ecs_mock):
    """STS answers as they go on the wire, complete and in order against their description."""
    from helpers import signed_get

    from aliyun_mock.sts import STS

    target = ecs_mock.create_account()
    common = {"Version": "2015-04-01"}
    assumed = signed_get(
        ecs_mock,
        "sts.aliyuncs.com",
        Action="AssumeRole",
        RoleSessionName="contract",
        RoleArn=f"acs:ram::{target.account_id}:role/Deployer",
        **common,
    ).json()
    identity = signed_get(ecs_mock, "sts.aliyuncs.com", Action="GetCallerIdentity", **common).json()
    assert assumed["Credentials"]["AccessKeyId"].startswith("STS.") and identity["AccountId"]
    for action, body in (("AssumeRole", assumed), ("GetCallerIdentity", identity)):
        assert schema_gaps(STS.describe(action).response, body) == []
