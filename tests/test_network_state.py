"""The network resources in the rest of the mock: every success body of the VPC actions and of ECS's
security group, key pair and instance-attribute actions is complete and in the cloud's order (and
maps onto the V2 SDK's response models), they survive ``state()``/``load()``, and the dashboard
shows them."""

import importlib
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from helpers import INSTANCE_TYPE, SYSTEM_IMAGE, schema_gaps

from aliyun_mock.dashboard import render_dashboard
from aliyun_mock.ecs import ECS
from aliyun_mock.vpc import VPC
from conftest_plugin import RequestsPath

REGION = "cn-hangzhou"
ZONE = "cn-hangzhou-h"


def public_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()


@pytest.fixture
def scene(ecs_mock):
    """Every network action answered once, in an order that leaves a complete scene behind."""
    raw = RequestsPath(ecs_mock)
    vpc = lambda action, params: raw.call(action, {"RegionId": REGION, **params}, product="vpc")  # noqa: E731
    ecs = lambda action, params: raw.call(action, {"RegionId": REGION, **params})  # noqa: E731
    bodies = {}

    def keep(product, action, params):
        bodies[(product, action)] = body = (vpc if product == "vpc" else ecs)(action, params)
        return body

    vpc_id = keep("vpc", "CreateVpc", {"CidrBlock": "192.168.0.0/16", "VpcName": "prod"})["VpcId"]
    keep("vpc", "ModifyVpcAttribute", {"VpcId": vpc_id, "Description": "the production network"})
    vswitch_id = keep("vpc", "CreateVSwitch", {"VpcId": vpc_id, "ZoneId": ZONE, "CidrBlock": "192.168.1.0/24"})[
        "VSwitchId"
    ]
    keep("vpc", "ModifyVSwitchAttribute", {"VSwitchId": vswitch_id, "VSwitchName": "web"})
    keep("vpc", "CreateDefaultVpc", {})
    keep("vpc", "CreateDefaultVSwitch", {"ZoneId": "cn-hangzhou-i"})
    group_id = keep("ecs", "CreateSecurityGroup", {"VpcId": vpc_id, "SecurityGroupName": "web"})["SecurityGroupId"]
    spare = ecs("CreateSecurityGroup", {"VpcId": vpc_id})["SecurityGroupId"]
    keep("ecs", "ModifySecurityGroupAttribute", {"SecurityGroupId": group_id, "Description": "web servers"})
    keep(
        "ecs",
        "AuthorizeSecurityGroup",
        {"SecurityGroupId": group_id, "IpProtocol": "tcp", "PortRange": "22/22", "SourceCidrIp": "10.0.0.0/8"},
    )
    keep(
        "ecs",
        "AuthorizeSecurityGroupEgress",
        {
            "SecurityGroupId": group_id,
            "Permissions": [{"IpProtocol": "all", "PortRange": "-1/-1", "DestGroupId": spare}],
        },
    )
    keep("ecs", "ImportKeyPair", {"KeyPairName": "deploy", "PublicKeyBody": public_key()})
    keep("ecs", "CreateKeyPair", {"KeyPairName": "made"})
    instance_id = keep(
        "ecs",
        "RunInstances",
        {
            "ImageId": SYSTEM_IMAGE,
            "InstanceType": INSTANCE_TYPE,
            "VSwitchId": vswitch_id,
            "SecurityGroupId": group_id,
            "KeyPairName": "deploy",
        },
    )["InstanceIdSets"]["InstanceIdSet"][0]
    keep("ecs", "JoinSecurityGroup", {"SecurityGroupId": spare, "InstanceId": instance_id})
    keep("ecs", "LeaveSecurityGroup", {"SecurityGroupId": spare, "InstanceId": instance_id})
    keep("ecs", "AttachKeyPair", {"KeyPairName": "made", "InstanceIds": json.dumps([instance_id])})
    keep("ecs", "DetachKeyPair", {"KeyPairName": "made", "InstanceIds": json.dumps([instance_id])})
    keep("ecs", "AttachKeyPair", {"KeyPairName": "deploy", "InstanceIds": json.dumps([instance_id])})
    allocation_id = keep("vpc", "AllocateEipAddress", {"Name": "web"})["AllocationId"]
    keep("vpc", "AssociateEipAddress", {"AllocationId": allocation_id, "InstanceId": instance_id})
    keep(
        "vpc", "TagResources", {"ResourceType": "VPC", "ResourceId": [vpc_id], "Tag": [{"Key": "env", "Value": "prod"}]}
    )
    keep("vpc", "ListTagResources", {"ResourceType": "VPC", "ResourceId": [vpc_id]})
    keep("vpc", "UnTagResources", {"ResourceType": "VPC", "ResourceId": [vpc_id], "TagKey": ["nothing"]})
    spare_eip = vpc("AllocateEipAddress", {})["AllocationId"]
    keep("vpc", "ReleaseEipAddress", {"AllocationId": spare_eip})
    for product, action, params in [
        ("vpc", "DescribeVpcs", {}),
        ("vpc", "DescribeVpcAttribute", {"VpcId": vpc_id}),
        ("vpc", "DescribeVSwitches", {}),
        ("vpc", "DescribeVSwitchAttributes", {"VSwitchId": vswitch_id}),
        ("vpc", "DescribeEipAddresses", {}),
        ("vpc", "ModifyEipAddressAttribute", {"AllocationId": allocation_id, "Name": "front"}),
        ("vpc", "DescribeRouteTableList", {"VpcId": vpc_id}),
        ("vpc", "DescribeVRouters", {}),
        ("ecs", "DescribeNetworkInterfaces", {"InstanceId": instance_id}),
        ("ecs", "DescribeInstanceMaintenanceAttributes", {"InstanceId": [instance_id]}),
        ("ecs", "DescribeInstanceAttachmentAttributes", {"InstanceIds": json.dumps([instance_id])}),
        ("ecs", "DescribeInstanceRamRole", {"InstanceIds": json.dumps([instance_id])}),
        ("ecs", "DescribeSecurityGroups", {}),
        ("ecs", "DescribeSecurityGroupAttribute", {"SecurityGroupId": group_id}),
        ("ecs", "ModifySecurityGroupPolicy", {"SecurityGroupId": spare, "InnerAccessPolicy": "Drop"}),
        ("ecs", "DescribeKeyPairs", {"IncludePublicKey": True}),
        ("ecs", "DescribeInstanceAttribute", {"InstanceId": instance_id}),
        ("ecs", "DescribeUserData", {"InstanceId": instance_id}),
        ("ecs", "DescribeInstances", {}),
        ("ecs", "StopInstances", {"InstanceId": [instance_id]}),
        ("ecs", "StartInstances", {"InstanceId": [instance_id]}),
        ("ecs", "RebootInstances", {"InstanceId": [instance_id]}),
        ("ecs", "ModifyInstanceAttribute", {"InstanceId": instance_id, "InstanceName": "web-1"}),
        ("ecs", "DescribeAvailableResource", {"DestinationResource": "SystemDisk"}),
        ("ecs", "DescribeAccountAttributes", {"AttributeName": ["used-postpaid-instance-vcpu-count"]}),
    ]:
        keep(product, action, params)
    command_id = keep(
        "ecs", "CreateCommand", {"Name": "hi", "Type": "RunShellScript", "CommandContent": "ZWNobyBoaQ=="}
    )["CommandId"]
    keep("ecs", "InvokeCommand", {"CommandId": command_id, "InstanceId": [instance_id]})
    invoke_id = keep(
        "ecs", "RunCommand", {"Type": "RunShellScript", "CommandContent": "dHJ1ZQ==", "InstanceId": [instance_id]}
    )["InvokeId"]
    for action, params in [
        ("DescribeCommands", {}),
        ("DescribeInvocations", {"IncludeOutput": True}),
        ("DescribeInvocationResults", {"InvokeId": invoke_id}),
        ("StopInvocation", {"InvokeId": invoke_id}),
        ("DescribeCloudAssistantStatus", {}),
        ("DeleteCommand", {"CommandId": command_id}),
    ]:
        keep("ecs", action, params)
    ecs(
        "RevokeSecurityGroup",
        {"SecurityGroupId": group_id, "IpProtocol": "tcp", "PortRange": "22/22", "SourceCidrIp": "10.0.0.0/8"},
    )
    keep(
        "ecs",
        "AuthorizeSecurityGroup",
        {"SecurityGroupId": group_id, "IpProtocol": "tcp", "PortRange": "443/443", "SourceCidrIp": "0.0.0.0/0"},
    )
    return bodies


PRODUCTS = {"ecs": (ECS, "alibabacloud_ecs20140526"), "vpc": (VPC, "alibabacloud_vpc20160428")}


def test_every_network_body_is_complete_in_order_and_maps_onto_the_sdk_model(scene):
    for (product, action), body in scene.items():
        described, package = PRODUCTS[product]
        assert schema_gaps(described.describe(action).response, body, order=product == "ecs") == [], action
        model = getattr(importlib.import_module(f"{package}.models"), f"{action}ResponseBody")
        assert sdk_differences(body, model().from_map(body).to_map()) == [], action


def sdk_differences(body, mapped, path=""):
    """Where the SDK's model read ``body`` otherwise than it is. A documented field the model has no
    place for may only be empty (CloudResources, AvailableRegions: objects the description gives no fields)."""
    if isinstance(body, dict) and isinstance(mapped, dict):
        problems = [f"{path}.{k} dropped" for k in set(body) - set(mapped) if body[k] not in ({}, [])]
        problems += [f"{path}.{k} added" for k in set(mapped) - set(body)]
        return problems + [
            p for k in set(body) & set(mapped) for p in sdk_differences(body[k], mapped[k], f"{path}.{k}")
        ]
    if isinstance(body, list) and isinstance(mapped, list) and len(body) == len(mapped):
        return [p for n, (b, m) in enumerate(zip(body, mapped)) for p in sdk_differences(b, m, f"{path}[{n}]")]
    return [] if body == mapped else [f"{path}: {body!r} read as {mapped!r}"]


def test_every_vpc_action_and_every_new_ecs_action_is_in_the_scene(scene):
    answered = {action for _, action in scene}
    assert set(VPC.actions) - answered <= {"DeleteVpc", "DeleteVSwitch", "UnassociateEipAddress"}
    network_actions = {
        "CreateSecurityGroup",
        "DescribeSecurityGroups",
        "DescribeSecurityGroupAttribute",
        "AuthorizeSecurityGroup",
        "AuthorizeSecurityGroupEgress",
        "JoinSecurityGroup",
        "LeaveSecurityGroup",
        "CreateKeyPair",
        "ImportKeyPair",
        "DescribeKeyPairs",
        "AttachKeyPair",
        "DetachKeyPair",
        "DescribeInstanceAttribute",
        "ModifyInstanceAttribute",
        "DescribeUserData",
        "StartInstances",
        "StopInstances",
        "RebootInstances",
        "DescribeAvailableResource",
        "DescribeAccountAttributes",
        "CreateCommand",
        "DescribeCommands",
        "DeleteCommand",
        "RunCommand",
        "InvokeCommand",
        "DescribeInvocations",
        "DescribeInvocationResults",
        "StopInvocation",
        "DescribeCloudAssistantStatus",
    }
    assert network_actions <= answered


def test_the_network_survives_state_and_load(scene, ecs_mock):
    raw = RequestsPath(ecs_mock)
    describe = [
        ("DescribeVpcs", "vpc"),
        ("DescribeVSwitches", "vpc"),
        ("DescribeEipAddresses", "vpc"),
        ("DescribeSecurityGroups", "ecs"),
        ("DescribeKeyPairs", "ecs"),
        ("DescribeInstances", "ecs"),
    ]

    def bodies():
        answers = {a: raw.call(a, {"RegionId": REGION}, product=p) for a, p in describe}
        for body in answers.values():
            body.pop("RequestId")
        group_id = answers["DescribeSecurityGroups"]["SecurityGroups"]["SecurityGroup"][0]["SecurityGroupId"]
        rules = raw.call("DescribeSecurityGroupAttribute", {"RegionId": REGION, "SecurityGroupId": group_id})
        rules.pop("RequestId")
        return answers, rules

    before = bodies()
    state = json.loads(json.dumps(ecs_mock.state()))
    assert {"vpcs", "vswitches", "eips", "security_groups", "key_pairs"} <= set(state)
    ecs_mock.reset()
    assert raw.call("DescribeVpcs", {"RegionId": REGION}, product="vpc")["TotalCount"] == 0
    ecs_mock.load(state)
    assert bodies() == before
    assert ecs_mock.state() == state


def test_the_dashboard_shows_the_network(scene, ecs_mock):
    page = render_dashboard(ecs_mock)
    vpc = scene[("vpc", "CreateVpc")]["VpcId"]
    vswitch = scene[("vpc", "CreateVSwitch")]["VSwitchId"]
    group = scene[("ecs", "CreateSecurityGroup")]["SecurityGroupId"]
    eip = scene[("vpc", "AllocateEipAddress")]["EipAddress"]
    for shown in ("<h2>VPCs</h2>", "<h2>vSwitches</h2>", "<h2>Security groups</h2>", vpc, vswitch, group, eip):
        assert shown in page
