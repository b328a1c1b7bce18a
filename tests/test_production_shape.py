"""The production shape, end to end through each client path: a VPC, a vSwitch, a security group
with rules, a key pair, an instance launched with all of them and a public IP; an image of it,
shared; the sharee launching it into its own VPC; cleanup in dependency order. Each refusal met
on the way is the cloud's, with its status, Code and Message."""

import ipaddress
import json

import pytest
from helpers import INSTANCE_TYPE, SYSTEM_IMAGE, assert_fails, share

REGION = "cn-hangzhou"
ZONE = "cn-hangzhou-i"


@pytest.fixture(scope="module")
def public_key():
    """An OpenSSH public key, as ImportKeyPair takes it."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    return key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()


def build_network(path, account, block, subnet):
    vpc = lambda action, params: path.call(action, {"RegionId": REGION, **params}, account=account, product="vpc")  # noqa: E731
    vpc_id = vpc("CreateVpc", {"CidrBlock": block, "VpcName": "prod"})["VpcId"]
    vswitch_id = vpc("CreateVSwitch", {"VpcId": vpc_id, "ZoneId": ZONE, "CidrBlock": subnet, "VSwitchName": "web"})[
        "VSwitchId"
    ]
    group_id = path.call(
        "CreateSecurityGroup", {"RegionId": REGION, "VpcId": vpc_id, "SecurityGroupName": "web"}, account=account
    )["SecurityGroupId"]
    return vpc_id, vswitch_id, group_id


def test_launch_share_relaunch_and_clean_up_as_production_code_does(client_path, ecs_mock):
    sharee = ecs_mock.create_account()
    call = client_path.call
    vpc_id, vswitch_id, group_id = build_network(client_path, None, "192.168.0.0/16", "192.168.10.0/24")
    call(
        "AuthorizeSecurityGroup",
        {
            "RegionId": REGION,
            "SecurityGroupId": group_id,
            "Permissions": [
                {"IpProtocol": "tcp", "PortRange": "22/22", "SourceCidrIp": "10.0.0.0/8", "Description": "ssh"},
                {"IpProtocol": "tcp", "PortRange": "443/443", "SourceCidrIp": "0.0.0.0/0", "Priority": "10"},
            ],
        },
    )
    call(
        "AuthorizeSecurityGroupEgress",
        {
            "RegionId": REGION,
            "SecurityGroupId": group_id,
            "IpProtocol": "all",
            "PortRange": "-1/-1",
            "DestCidrIp": "0.0.0.0/0",
        },
    )
    call("CreateKeyPair", {"RegionId": REGION, "KeyPairName": "deploy"})
    launch = {
        "RegionId": REGION,
        "ImageId": SYSTEM_IMAGE,
        "InstanceType": INSTANCE_TYPE,
        "VSwitchId": vswitch_id,
        "SecurityGroupId": group_id,
        "KeyPairName": "deploy",
        "InternetMaxBandwidthOut": 10,
        "InstanceName": "web-[1,2]",
        "HostName": "web-[1,2]",
    }

    # what the cloud refuses on the way
    assert_fails(
        404,
        "InvalidSecurityGroupId.NotFound",
        "The SecurityGroupId provided does not exist in our records.",
        call,
        "RunInstances",
        {**launch, "SecurityGroupId": "sg-doesnotexist"},
    )
    assert_fails(
        404,
        "InvalidVSwitchId.NotFound",
        "Specified virtual switch does not exist.",
        call,
        "RunInstances",
        {**launch, "VSwitchId": "vsw-nope"},
    )
    assert_fails(
        404,
        "InvalidKeyPairName.NotFound",
        "The specified parameter KeyPairName does not exist in our records.",
        call,
        "RunInstances",
        {**launch, "KeyPairName": "nobody"},
    )

    ids = call("RunInstances", {**launch, "Amount": 2})["InstanceIdSets"]["InstanceIdSet"]
    instances = call("DescribeInstances", {"RegionId": REGION, "InstanceIds": json.dumps(ids)})["Instances"]["Instance"]
    for instance in sorted(instances, key=lambda i: i["InstanceName"]):
        assert (instance["ZoneId"], instance["VpcAttributes"]["VpcId"], instance["VpcAttributes"]["VSwitchId"]) == (
            ZONE,
            vpc_id,
            vswitch_id,
        )
        address = instance["VpcAttributes"]["PrivateIpAddress"]["IpAddress"][0]
        assert ipaddress.ip_address(address) in ipaddress.ip_network("192.168.10.0/24")
        assert instance["NetworkInterfaces"]["NetworkInterface"][0]["PrimaryIpAddress"] == address
        assert instance["SecurityGroupIds"]["SecurityGroupId"] == [group_id] and instance["KeyPairName"] == "deploy"
        assert instance["PublicIpAddress"]["IpAddress"] and instance["InternetMaxBandwidthOut"] == 10
    assert sorted(i["InstanceName"] for i in instances) == ["web-01", "web-02"]  # [begin,digits]

    image_id = call("CreateImage", {"RegionId": REGION, "InstanceId": ids[0], "ImageName": "golden"})["ImageId"]
    share(client_path, image_id, add=[sharee.account_id])

    # the sharee cannot use the owner's network (the groups are checked first); it builds its own
    assert_fails(
        404,
        "InvalidSecurityGroupId.NotFound",
        "The SecurityGroupId provided does not exist in our records.",
        call,
        "RunInstances",
        {**launch, "ImageId": image_id, "KeyPairName": ""},
        account=sharee,
    )
    _, sharee_vswitch, sharee_group = build_network(client_path, sharee, "10.0.0.0/8", "10.1.0.0/16")
    assert_fails(
        404,
        "InvalidSecurityGroupId.NotFound",
        "The SecurityGroupId provided does not exist in our records.",
        call,
        "RunInstances",
        {**launch, "ImageId": image_id, "KeyPairName": "", "VSwitchId": sharee_vswitch},
        account=sharee,
    )  # the owner's group is not the sharee's
    relaunched = call(
        "RunInstances",
        {
            "RegionId": REGION,
            "ImageId": image_id,
            "InstanceType": INSTANCE_TYPE,
            "VSwitchId": sharee_vswitch,
            "SecurityGroupId": sharee_group,
        },
        account=sharee,
    )["InstanceIdSets"]["InstanceIdSet"][0]
    seen = call("DescribeInstances", {"RegionId": REGION}, account=sharee)["Instances"]["Instance"]
    assert [(i["InstanceId"], i["ImageId"], i["VpcAttributes"]["VSwitchId"]) for i in seen] == [
        (relaunched, image_id, sharee_vswitch)
    ]

    # cleanup in dependency order, each early step refused as the cloud refuses it
    vpc = lambda action, params: call(action, {"RegionId": REGION, **params}, product="vpc")  # noqa: E731
    assert_fails(
        400,
        "DependencyViolation.VSwitch",
        "Specified object has dependent resources",
        vpc,
        "DeleteVpc",
        {"VpcId": vpc_id},
    )
    assert_fails(
        400,
        "DependencyViolation",
        "Resources deployed in the vSwitch have not been deleted.",
        vpc,
        "DeleteVSwitch",
        {"VSwitchId": vswitch_id},
    )
    assert_fails(
        403,
        "DependencyViolation",
        "There is still instance(s) in the specified security group.",
        call,
        "DeleteSecurityGroup",
        {"RegionId": REGION, "SecurityGroupId": group_id},
    )
    assert_fails(
        400,
        "InvalidParameter.KeypairAlreadyAttachedInstance",
        'The specified parameter "KeyPairNames" attached to instances can not be deleted.',
        call,
        "DeleteKeyPairs",
        {"RegionId": REGION, "KeyPairNames": '["deploy"]'},
    )
    share(client_path, image_id, remove=[sharee.account_id])
    call("DeleteInstances", {"RegionId": REGION, "InstanceId": ids, "Force": True})
    call("DeleteKeyPairs", {"RegionId": REGION, "KeyPairNames": '["deploy"]'})
    call("DeleteImage", {"RegionId": REGION, "ImageId": image_id, "Force": True})
    call("DeleteSecurityGroup", {"RegionId": REGION, "SecurityGroupId": group_id})
    assert_fails(
        400,
        "DependencyViolation.VSwitch",
        "Specified object has dependent resources",
        vpc,
        "DeleteVpc",
        {"VpcId": vpc_id},
    )
    vpc("DeleteVSwitch", {"VSwitchId": vswitch_id})
    vpc("DeleteVpc", {"VpcId": vpc_id})
    assert call("DescribeVpcs", {"RegionId": REGION}, product="vpc")["TotalCount"] == 0
    assert call("DescribeSecurityGroups", {"RegionId": REGION})["TotalCount"] == 0
    assert call("DescribeKeyPairs", {"RegionId": REGION})["TotalCount"] == 0


def test_another_regions_network_and_key_pair_do_not_exist_here(client_path, public_key):
    elsewhere = "cn-beijing"
    vpc_id = client_path.call("CreateVpc", {"RegionId": elsewhere}, region_id=elsewhere, product="vpc")["VpcId"]
    vswitch_id = client_path.call(
        "CreateVSwitch",
        {"RegionId": elsewhere, "VpcId": vpc_id, "ZoneId": "cn-beijing-h", "CidrBlock": "172.16.1.0/24"},
        region_id=elsewhere,
        product="vpc",
    )["VSwitchId"]
    group_id = client_path.call("CreateSecurityGroup", {"RegionId": elsewhere, "VpcId": vpc_id}, region_id=elsewhere)[
        "SecurityGroupId"
    ]
    client_path.call(
        "ImportKeyPair", {"RegionId": elsewhere, "KeyPairName": "far", "PublicKeyBody": public_key}, region_id=elsewhere
    )
    _, here_vswitch, here_group = build_network(client_path, None, "192.168.0.0/16", "192.168.1.0/24")
    base = {"RegionId": REGION, "ImageId": SYSTEM_IMAGE, "InstanceType": INSTANCE_TYPE}
    assert_fails(
        404,
        "InvalidVSwitchId.NotFound",
        "Specified virtual switch does not exist.",
        client_path.call,
        "RunInstances",
        {**base, "VSwitchId": vswitch_id, "SecurityGroupId": here_group},
    )
    assert_fails(
        404,
        "InvalidSecurityGroupId.NotFound",
        "The SecurityGroupId provided does not exist in our records.",
        client_path.call,
        "RunInstances",
        {**base, "VSwitchId": here_vswitch, "SecurityGroupId": group_id},
    )
    assert_fails(
        404,
        "InvalidKeyPairName.NotFound",
        "The specified parameter KeyPairName does not exist in our records.",
        client_path.call,
        "RunInstances",
        {**base, "VSwitchId": here_vswitch, "SecurityGroupId": here_group, "KeyPairName": "far"},
    )
    assert_fails(
        404,
        "InvalidVpcId.NotFound",
        "Specified VPC does not exist.",
        client_path.call,
        "CreateSecurityGroup",
        {"RegionId": REGION, "VpcId": vpc_id},
    )
