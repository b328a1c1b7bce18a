"""Where a launched instance goes (RunInstances and CreateInstance: vSwitch, zone, VPC, security
groups, private address, the default VPC), what the network refuses to delete under it, and EIPs
associated with instances, through every client path.

Expected texts: the ECS and VPC API descriptions (the first documented entry of a code wins),
overridden by ``ecs/errors.py``, ``vpc/product.py`` and the gateway's ``core/errors.py``."""

import ipaddress
import json

import pytest
from helpers import INSTANCE_TYPE, SYSTEM_IMAGE, assert_fails, launch, network

REGION = "cn-hangzhou"
ZONE, ZONE_2 = "cn-hangzhou-h", "cn-hangzhou-i"
OTHER_REGION = "cn-shanghai"

DRY_RUN = (400, "DryRunOperation", "Request validation has been passed with DryRun flag set.")
VSWITCH_NOT_FOUND = {
    "RunInstances": (404, "InvalidVSwitchId.NotFound", "Specified virtual switch does not exist."),
    "CreateInstance": (403, "InvalidVSwitchId.NotFound", "The VSwitchId provided does not exist in our records."),
}
GROUP_NOT_FOUND = {
    "RunInstances": (
        404,
        "InvalidSecurityGroupId.NotFound",
        "The SecurityGroupId provided does not exist in our records.",
    ),
    "CreateInstance": (404, "InvalidSecurityGroupId.NotFound", "The specified SecurityGroupId does not exist."),
}
ZONE_CONFLICT = (400, "InvalidParameter.VSwitchId", "The specified ZoneId is not the zone of the specified vSwitch.")
INCONSISTENT = (
    403,
    "OperationDenied.InconsistentNetwork",
    "The specified security group and vswitch are not in the same vpc.",
)
SINGLE_AND_MULTI = (
    400,
    "InvalidSecurityGroupId.SingleIdAndMultiIdConflict",
    "The parameters SecurityGroupId and SecurityGroupIds cannot be specified at the same time.",
)
NO_VSWITCH = (
    400,
    "MissingParameter",
    'The input parameter "VSwitchId" that is mandatory for processing this request is not supplied.',
)
NO_GROUP = (
    400,
    "MissingParameter",
    'The input parameter "SecurityGroupId" that is mandatory for processing this request is not supplied.',
)
VSWITCH_NECESSARY = (400, "InvalidVSwitchId.Necessary", "The VSwitchId is necessary.")
NOT_IN_DEFAULT_VPC = (
    400,
    "InvalidSecurityGroup.NotInDefaultVpc",
    "The specified security group is not in the default VPC.",
)
NO_PRIVATE_IP = (400, "QuotaExceeded.PrivateIpAddress", "Don't have enough private IPs in this switch.")
INSTANCE_NOT_FOUND = (404, "InvalidInstanId.NotFound", "Specified instance does not exist.")  # the cloud's spelling
LAUNCH_ACTIONS = ["RunInstances", "CreateInstance"]


# --- scene building -------------------------------------------------------------------------------------------


def vpc_call(path, action, params, account=None, region=REGION):
    return path.call(action, params, product="vpc", account=account, region_id=region)


def create_vpc(path, block="10.0.0.0/16", account=None):
    return vpc_call(path, "CreateVpc", {"RegionId": REGION, "CidrBlock": block}, account)["VpcId"]


def create_vswitch(path, vpc_id, block, zone=ZONE, account=None):
    params = {"RegionId": REGION, "VpcId": vpc_id, "ZoneId": zone, "CidrBlock": block}
    return vpc_call(path, "CreateVSwitch", params, account)["VSwitchId"]


def create_group(path, vpc_id, account=None):
    return path.call("CreateSecurityGroup", {"RegionId": REGION, "VpcId": vpc_id}, account=account)["SecurityGroupId"]


def scene(path, block="10.0.1.0/24", zone=ZONE, account=None):
    """A VPC 10.0.0.0/16 with a vSwitch and a security group: ``(vpc, vswitch, group)``."""
    vpc_id = create_vpc(path, account=account)
    return vpc_id, create_vswitch(path, vpc_id, block, zone, account), create_group(path, vpc_id, account)


def launch_params(**params):
    return {"RegionId": REGION, "ImageId": SYSTEM_IMAGE, "InstanceType": INSTANCE_TYPE, **params}


def run(path, account=None, **params):
    body = path.call("RunInstances", launch_params(**params), account=account)
    return body["InstanceIdSets"]["InstanceIdSet"]


def launch_fails(path, action, error, account=None, **params):
    assert_fails(*error, path.call, action, launch_params(**params), account=account)


def instances(path, account=None, region=REGION, **filters):
    body = path.call("DescribeInstances", {"RegionId": region, **filters}, account=account, region_id=region)
    return body["Instances"]["Instance"]


def instance(path, instance_id, account=None):
    (found,) = instances(path, account, InstanceIds=json.dumps([instance_id]))
    return found


def vswitches(path, **filters):
    return vpc_call(path, "DescribeVSwitches", {"RegionId": REGION, **filters})["VSwitches"]["VSwitch"]


def allocate(path, account=None, region=REGION):
    return vpc_call(path, "AllocateEipAddress", {"RegionId": region}, account, region)


def associate(path, allocation_id, instance_id, account=None, region=REGION):
    params = {"RegionId": region, "AllocationId": allocation_id, "InstanceId": instance_id}
    return vpc_call(path, "AssociateEipAddress", params, account, region)


def eip(path, allocation_id):
    body = vpc_call(path, "DescribeEipAddresses", {"RegionId": REGION, "AllocationId": allocation_id})
    (found,) = body["EipAddresses"]["EipAddress"]
    return found


def vpc_fails(path, error, action, params, account=None, region=REGION):
    assert_fails(*error, path.call, action, params, product="vpc", account=account, region_id=region)


# --- placement --------------------------------------------------------------------------------------------------


def test_instances_land_in_their_vswitch(client_path):
    vpc_id, vswitch_id, group_id = scene(client_path, "10.0.8.0/22", zone=ZONE_2)
    launched = run(client_path, VSwitchId=vswitch_id, SecurityGroupId=group_id, Amount=3)
    created = client_path.call(
        "CreateInstance", launch_params(VSwitchId=vswitch_id, SecurityGroupId=group_id, ZoneId=ZONE_2)
    )["InstanceId"]
    block = ipaddress.IPv4Network("10.0.8.0/22")
    usable = set(list(block.hosts())[:-2])  # neither the first address nor the last three
    addresses = set()
    for instance_id in launched + [created]:
        described = instance(client_path, instance_id)
        assert described["ZoneId"] == ZONE_2
        vpc = described["VpcAttributes"]
        assert (vpc["VpcId"], vpc["VSwitchId"]) == (vpc_id, vswitch_id)
        (address,) = vpc["PrivateIpAddress"]["IpAddress"]
        assert ipaddress.IPv4Address(address) in usable
        assert described["NetworkInterfaces"]["NetworkInterface"][0]["PrimaryIpAddress"] == address
        assert described["SecurityGroupIds"] == {"SecurityGroupId": [group_id]}
        assert described["PublicIpAddress"] == {"IpAddress": []} and described["InstanceNetworkType"] == "vpc"
        addresses.add(address)
    assert len(addresses) == 4
    (described_vswitch,) = vswitches(client_path, VSwitchId=vswitch_id)
    assert described_vswitch["AvailableIpAddressCount"] == 1024 - 4 - 4
    assert sorted(i["InstanceId"] for i in instances(client_path, VSwitchId=vswitch_id)) == sorted(launched + [created])
    assert len(instances(client_path, VpcId=vpc_id)) == 4
    assert instances(client_path, ZoneId=ZONE) == []
    by_address = instances(client_path, PrivateIpAddresses=json.dumps([sorted(addresses)[0]]))
    assert len(by_address) == 1


def test_several_security_groups_at_launch(client_path):
    vpc_id, vswitch_id, group_id = scene(client_path)
    second = create_group(client_path, vpc_id)
    (instance_id,) = run(client_path, VSwitchId=vswitch_id, SecurityGroupIds=[group_id, second])
    assert instance(client_path, instance_id)["SecurityGroupIds"] == {"SecurityGroupId": [group_id, second]}
    launch_fails(
        client_path,
        "RunInstances",
        SINGLE_AND_MULTI,
        VSwitchId=vswitch_id,
        SecurityGroupId=group_id,
        SecurityGroupIds=[second],
    )
    launch_fails(
        client_path,
        "RunInstances",
        (400, "InvalidParameter.SecurityGroupIdRepeated", "The specified SecurityGroupIds contain duplicate values."),
        VSwitchId=vswitch_id,
        SecurityGroupIds=[group_id, second, group_id],
    )
    assert len(instances(client_path)) == 1


@pytest.mark.parametrize("action", LAUNCH_ACTIONS)
def test_launch_refuses_what_does_not_fit_together(client_path, ecs_mock, action):
    vpc_id, vswitch_id, group_id = scene(client_path)
    other_vpc = create_vpc(client_path, "10.1.0.0/16")
    foreign_group = create_group(client_path, other_vpc)
    stranger = ecs_mock.create_account()
    _, their_vswitch, their_group = scene(client_path, account=stranger)

    launch_fails(client_path, action, ZONE_CONFLICT, VSwitchId=vswitch_id, SecurityGroupId=group_id, ZoneId=ZONE_2)
    launch_fails(client_path, action, VSWITCH_NOT_FOUND[action], VSwitchId="vsw-bp1nothing", SecurityGroupId=group_id)
    launch_fails(client_path, action, VSWITCH_NOT_FOUND[action], VSwitchId=their_vswitch, SecurityGroupId=group_id)
    launch_fails(client_path, action, GROUP_NOT_FOUND[action], VSwitchId=vswitch_id, SecurityGroupId="sg-bp1nothing")
    launch_fails(client_path, action, GROUP_NOT_FOUND[action], VSwitchId=vswitch_id, SecurityGroupId=their_group)
    launch_fails(client_path, action, INCONSISTENT, VSwitchId=vswitch_id, SecurityGroupId=foreign_group)
    if action == "RunInstances":  # CreateInstance takes one group only
        launch_fails(
            client_path, action, GROUP_NOT_FOUND[action], VSwitchId=vswitch_id, SecurityGroupIds=[group_id, their_group]
        )
        launch_fails(
            client_path, action, INCONSISTENT, VSwitchId=vswitch_id, SecurityGroupIds=[group_id, foreign_group]
        )
    launch_fails(client_path, action, NO_GROUP, VSwitchId=vswitch_id)
    launch_fails(client_path, action, NO_VSWITCH)  # no default VPC either
    launch_fails(client_path, action, VSWITCH_NECESSARY, SecurityGroupId=group_id)
    launch_fails(
        client_path,
        action,
        (404, "InvalidZoneId.NotFound", "The ZoneId provided does not exist in our records."),
        SecurityGroupId=group_id,
        ZoneId="cn-shanghai-e",
    )
    launch_fails(client_path, action, DRY_RUN, VSwitchId=vswitch_id, SecurityGroupId=group_id, DryRun=True)
    launch_fails(
        client_path,
        action,
        VSWITCH_NOT_FOUND[action],
        VSwitchId="vsw-bp1nothing",
        SecurityGroupId=group_id,
        DryRun=True,
    )
    assert instances(client_path) == [] and instances(client_path, stranger) == []
    assert vswitches(client_path, VpcId=vpc_id)[0]["AvailableIpAddressCount"] == 252


def test_a_pending_vswitch_takes_no_instance(client_path, ecs_mock):
    vpc_id = create_vpc(client_path)
    group_id = create_group(client_path, vpc_id)
    ecs_mock.hold_transitions()
    vswitch_id = create_vswitch(client_path, vpc_id, "10.0.1.0/24")
    launch_fails(
        client_path,
        "RunInstances",
        (400, "IncorrectVSwitchStatus", "The current status of virtual switch does not support this operation."),
        VSwitchId=vswitch_id,
        SecurityGroupId=group_id,
    )
    ecs_mock.settle()
    assert run(client_path, VSwitchId=vswitch_id, SecurityGroupId=group_id)


def test_launch_without_a_vswitch_uses_the_default_vpc(client_path):
    default_vpc = vpc_call(client_path, "CreateDefaultVpc", {"RegionId": REGION})["VpcId"]
    group_id = create_group(client_path, default_vpc)
    outside = create_group(client_path, create_vpc(client_path))

    launch_fails(client_path, "RunInstances", DRY_RUN, SecurityGroupId=group_id, DryRun=True)
    assert vswitches(client_path, IsDefault=True) == []  # a dry run makes nothing
    launch_fails(client_path, "RunInstances", NOT_IN_DEFAULT_VPC, SecurityGroupId=outside)
    launch_fails(client_path, "RunInstances", NOT_IN_DEFAULT_VPC, SecurityGroupIds=[group_id, outside])
    launch_fails(client_path, "CreateInstance", NOT_IN_DEFAULT_VPC, SecurityGroupId=outside)
    launch_fails(client_path, "RunInstances", NO_GROUP)
    assert vswitches(client_path, IsDefault=True) == []

    (first,) = run(client_path, SecurityGroupId=group_id)
    (created,) = vswitches(client_path, IsDefault=True)
    assert (created["VpcId"], created["ZoneId"], created["CidrBlock"]) == (default_vpc, ZONE, "172.16.0.0/20")
    described = instance(client_path, first)
    assert (described["ZoneId"], described["VpcAttributes"]["VpcId"], described["VpcAttributes"]["VSwitchId"]) == (
        ZONE,
        default_vpc,
        created["VSwitchId"],
    )
    assert ipaddress.IPv4Address(described["VpcAttributes"]["PrivateIpAddress"]["IpAddress"][0]) in (
        ipaddress.IPv4Network("172.16.0.0/20")
    )

    (second,) = run(client_path, SecurityGroupId=group_id)  # the same default vSwitch
    assert instance(client_path, second)["VpcAttributes"]["VSwitchId"] == created["VSwitchId"]
    (third,) = run(client_path, SecurityGroupId=group_id, ZoneId=ZONE_2)  # another zone: another default vSwitch
    by_zone = {s["ZoneId"]: s for s in vswitches(client_path, IsDefault=True)}
    assert set(by_zone) == {ZONE, ZONE_2} and by_zone[ZONE_2]["CidrBlock"] == "172.16.16.0/20"
    assert instance(client_path, third)["VpcAttributes"]["VSwitchId"] == by_zone[ZONE_2]["VSwitchId"]
    created_instance = client_path.call("CreateInstance", launch_params(SecurityGroupId=group_id, ZoneId=ZONE_2))[
        "InstanceId"
    ]
    assert instance(client_path, created_instance)["VpcAttributes"]["VSwitchId"] == by_zone[ZONE_2]["VSwitchId"]
    assert len(vswitches(client_path, IsDefault=True)) == 2


def test_a_full_vswitch_takes_no_more_instances(client_path):
    vpc_id, vswitch_id, group_id = scene(client_path, "10.0.0.0/29")  # 8 addresses, 4 of them usable
    placed = dict(VSwitchId=vswitch_id, SecurityGroupId=group_id)
    launched = run(client_path, Amount=3, **placed) + run(client_path, **placed)
    addresses = sorted(instance(client_path, i)["VpcAttributes"]["PrivateIpAddress"]["IpAddress"][0] for i in launched)
    assert addresses == ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"]
    assert vswitches(client_path, VSwitchId=vswitch_id)[0]["AvailableIpAddressCount"] == 0
    launch_fails(client_path, "RunInstances", NO_PRIVATE_IP, **placed)
    launch_fails(client_path, "CreateInstance", NO_PRIVATE_IP, **placed)
    assert len(instances(client_path)) == 4

    gone = launched[1]
    freed = instance(client_path, gone)["VpcAttributes"]["PrivateIpAddress"]["IpAddress"][0]
    client_path.call("DeleteInstance", {"InstanceId": gone, "Force": True})
    (again,) = run(client_path, **placed)
    assert instance(client_path, again)["VpcAttributes"]["PrivateIpAddress"]["IpAddress"] == [freed]


def test_a_launch_the_vswitch_cannot_hold_makes_nothing(client_path):
    _, vswitch_id, group_id = scene(client_path, "10.0.0.0/29")
    run(client_path, VSwitchId=vswitch_id, SecurityGroupId=group_id, Amount=2)
    launch_fails(client_path, "RunInstances", NO_PRIVATE_IP, VSwitchId=vswitch_id, SecurityGroupId=group_id, Amount=3)
    assert len(instances(client_path)) == 2


def test_public_bandwidth_gives_a_public_address(client_path):
    _, vswitch_id, group_id = scene(client_path)
    placed = dict(VSwitchId=vswitch_id, SecurityGroupId=group_id)
    (public,) = run(client_path, InternetMaxBandwidthOut=5, **placed)
    described = instance(client_path, public)
    (address,) = described["PublicIpAddress"]["IpAddress"]
    assert ipaddress.IPv4Address(address).is_global
    assert (described["InternetMaxBandwidthOut"], described["InternetMaxBandwidthIn"]) == (5, 200)
    (private,) = run(client_path, InternetMaxBandwidthOut=0, **placed)
    assert instance(client_path, private)["PublicIpAddress"] == {"IpAddress": []}
    assert instance(client_path, private)["InternetMaxBandwidthIn"] == -1
    assert [i["InstanceId"] for i in instances(client_path, PublicIpAddresses=json.dumps([address]))] == [public]
    created = client_path.call("CreateInstance", launch_params(InternetMaxBandwidthOut=5, **placed))["InstanceId"]
    assert instance(client_path, created)["PublicIpAddress"] == {"IpAddress": []}  # CreateInstance never gives one


PRIVATE_IP_ERRORS = {
    "RunInstances": {
        "malformed": (400, "InvalidPrivateIpAddress.Malformed", "Specified private IP address is malformed."),
        "taken": (400, "InvalidPrivateIpAddress.Duplicated", "The specified private IP address is already in use."),
    },
    "CreateInstance": {
        "malformed": (400, "InvalidPrivateIpAddress.Malformed", "Specified private IP address is invalid."),
        "taken": (400, "InvalidPrivateIpAddress.Duplicated", "Specified private IP address is duplicated."),
    },
}
NOT_IN_VSWITCH = (
    400,
    "InvalidPrivateIpAddress",
    "Specified private IP address is not in the CIDR block of virtual switch.",
)


@pytest.mark.parametrize("action", LAUNCH_ACTIONS)
def test_a_chosen_private_address_is_the_instances(client_path, action):
    _, vswitch_id, group_id = scene(client_path, "10.0.1.0/24")
    placed = dict(VSwitchId=vswitch_id, SecurityGroupId=group_id)
    body = client_path.call(action, launch_params(PrivateIpAddress="10.0.1.77", **placed))
    (instance_id,) = body["InstanceIdSets"]["InstanceIdSet"] if action == "RunInstances" else [body["InstanceId"]]
    described = instance(client_path, instance_id)
    assert described["VpcAttributes"]["PrivateIpAddress"]["IpAddress"] == ["10.0.1.77"]
    assert described["NetworkInterfaces"]["NetworkInterface"][0]["PrimaryIpAddress"] == "10.0.1.77"
    errors = PRIVATE_IP_ERRORS[action]
    launch_fails(client_path, action, errors["taken"], PrivateIpAddress="10.0.1.77", **placed)
    for malformed in ("10.0.1", "10.0.1.300", "vpc-address"):
        launch_fails(client_path, action, errors["malformed"], PrivateIpAddress=malformed, **placed)
    for outside in ("10.0.2.5", "10.0.1.0", "10.0.1.253", "10.0.1.255"):  # another block; reserved addresses
        launch_fails(client_path, action, NOT_IN_VSWITCH, PrivateIpAddress=outside, **placed)
    launch_fails(client_path, action, DRY_RUN, PrivateIpAddress="10.0.1.78", DryRun=True, **placed)
    launch_fails(client_path, action, errors["malformed"], PrivateIpAddress="10.0.1.x", DryRun=True, **placed)
    assert len(instances(client_path)) == 1


def test_a_batch_from_a_chosen_address_takes_the_ones_after_it(client_path):
    _, vswitch_id, group_id = scene(client_path, "10.0.1.0/24")
    placed = dict(VSwitchId=vswitch_id, SecurityGroupId=group_id)
    launched = run(client_path, PrivateIpAddress="10.0.1.10", Amount=3, **placed)
    addresses = [instance(client_path, i)["VpcAttributes"]["PrivateIpAddress"]["IpAddress"][0] for i in launched]
    assert addresses == ["10.0.1.10", "10.0.1.11", "10.0.1.12"]
    taken = PRIVATE_IP_ERRORS["RunInstances"]["taken"]
    launch_fails(client_path, "RunInstances", taken, PrivateIpAddress="10.0.1.8", Amount=3, **placed)  # 8, 9, 10
    launch_fails(client_path, "RunInstances", NOT_IN_VSWITCH, PrivateIpAddress="10.0.1.251", Amount=3, **placed)
    launch_fails(client_path, "RunInstances", NOT_IN_VSWITCH, PrivateIpAddress="255.255.255.254", Amount=3, **placed)
    assert len(instances(client_path)) == 3  # all or nothing


def test_inbound_bandwidth_is_the_launchs_within_its_limits(client_path):
    _, vswitch_id, group_id = scene(client_path)
    placed = dict(VSwitchId=vswitch_id, SecurityGroupId=group_id)
    (small,) = run(client_path, InternetMaxBandwidthOut=5, InternetMaxBandwidthIn=8, **placed)
    (large,) = run(client_path, InternetMaxBandwidthOut=50, InternetMaxBandwidthIn=50, **placed)
    assert instance(client_path, small)["InternetMaxBandwidthIn"] == 8
    assert instance(client_path, large)["InternetMaxBandwidthIn"] == 50
    attributes = client_path.call("DescribeInstanceAttribute", {"InstanceId": small})
    assert attributes["InternetMaxBandwidthIn"] == 8
    wrong = {
        "RunInstances": (
            400,
            "InvalidInternetMaxBandwidthIn.Malformed",
            "The specified parameter internetMaxBandwidthIn is not valid.",
        ),
        "CreateInstance": (
            400,
            "InvalidInternetMaxBandwidthIn.Malformed",
            "The specified parameter InternetMaxBandwidthIn is not valid.",
        ),
    }
    for action in LAUNCH_ACTIONS:  # up to 10 below 10 Mbit/s out, else up to the outbound value
        for out, inbound in ((5, 11), (50, 51)):
            launch_fails(
                client_path,
                action,
                wrong[action],
                InternetMaxBandwidthOut=out,
                InternetMaxBandwidthIn=inbound,
                **placed,
            )
    assert len(instances(client_path)) == 2


# --- what the network will not delete ---------------------------------------------------------------------------


def test_vswitch_and_vpc_wait_for_their_instances_and_groups(client_path):
    vpc_id, vswitch_id, group_id = scene(client_path)
    (instance_id,) = run(client_path, VSwitchId=vswitch_id, SecurityGroupId=group_id)
    delete_vswitch = {"RegionId": REGION, "VSwitchId": vswitch_id}
    delete_vpc = {"RegionId": REGION, "VpcId": vpc_id}
    in_use = (400, "DependencyViolation", "Resources deployed in the vSwitch have not been deleted.")
    vpc_fails(client_path, in_use, "DeleteVSwitch", delete_vswitch)
    vpc_fails(client_path, in_use, "DeleteVSwitch", {**delete_vswitch, "DryRun": True})
    client_path.call("DeleteInstance", {"InstanceId": instance_id, "Force": True})
    vpc_fails(client_path, DRY_RUN, "DeleteVSwitch", {**delete_vswitch, "DryRun": True})
    vpc_call(client_path, "DeleteVSwitch", delete_vswitch)

    group_held = (400, "DependencyViolation.SecurityGroup", "Specified object has dependent resources SecurityGroup.")
    vpc_fails(client_path, group_held, "DeleteVpc", delete_vpc)
    vpc_fails(client_path, group_held, "DeleteVpc", {**delete_vpc, "DryRun": True})
    client_path.call("DeleteSecurityGroup", {"RegionId": REGION, "SecurityGroupId": group_id})
    vpc_call(client_path, "DeleteVpc", delete_vpc)
    assert vpc_call(client_path, "DescribeVpcs", {"RegionId": REGION})["Vpcs"]["Vpc"] == []


# --- EIPs and instances -----------------------------------------------------------------------------------------


def test_eip_associated_with_an_instance(client_path):
    instance_id, other = launch(client_path), launch(client_path)
    allocated = allocate(client_path)
    allocation_id, address = allocated["AllocationId"], allocated["EipAddress"]
    assert set(associate(client_path, allocation_id, instance_id)) == {"RequestId"}
    described = eip(client_path, allocation_id)
    assert (described["InstanceId"], described["InstanceType"], described["Status"], described["InstanceRegionId"]) == (
        instance_id,
        "EcsInstance",
        "InUse",
        REGION,
    )
    shown = instance(client_path, instance_id)["EipAddress"]
    assert (shown["AllocationId"], shown["IpAddress"], shown["InternetChargeType"], shown["Bandwidth"]) == (
        allocation_id,
        address,
        "PayByBandwidth",
        5,
    )
    assert instance(client_path, other)["EipAddress"]["IpAddress"] == ""
    assert [i["InstanceId"] for i in instances(client_path, EipAddresses=json.dumps([address]))] == [instance_id]
    assert instances(client_path, EipAddresses=json.dumps(["47.0.0.1"])) == []
    in_use = vpc_call(client_path, "DescribeEipAddresses", {"RegionId": REGION, "AssociatedInstanceId": instance_id})
    assert [e["AllocationId"] for e in in_use["EipAddresses"]["EipAddress"]] == [allocation_id]

    second = allocate(client_path)["AllocationId"]
    vpc_fails(
        client_path,
        (400, "InvalidAssociation.Duplicated", "Specified instance already is associated."),
        "AssociateEipAddress",
        {"RegionId": REGION, "AllocationId": second, "InstanceId": instance_id},
    )
    vpc_fails(
        client_path,
        (400, "IncorrectEipStatus", "Current elastic IP status does not support this operation"),
        "AssociateEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id, "InstanceId": other},
    )
    vpc_fails(
        client_path,
        (400, "IncorrectEipStatus", "Current elastic IP status does not support this operation."),
        "ReleaseEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id},
    )
    vpc_fails(
        client_path,
        (400, "InvalidBindingStatus", "The eip binding status invalid."),
        "UnassociateEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id, "InstanceId": other},
    )

    vpc_call(
        client_path,
        "UnassociateEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id, "InstanceId": instance_id},
    )
    described = eip(client_path, allocation_id)
    assert (described["InstanceId"], described["Status"]) == ("", "Available")
    assert instance(client_path, instance_id)["EipAddress"]["IpAddress"] == ""
    associate(client_path, second, instance_id)  # free for another EIP now
    assert instance(client_path, instance_id)["EipAddress"]["AllocationId"] == second


def test_deleting_the_instance_frees_its_eip(client_path):
    instance_id = launch(client_path)
    allocation_id = allocate(client_path)["AllocationId"]
    associate(client_path, allocation_id, instance_id)
    client_path.call("DeleteInstance", {"InstanceId": instance_id, "Force": True})
    described = eip(client_path, allocation_id)
    assert (described["InstanceId"], described["InstanceType"], described["Status"]) == ("", "", "Available")
    vpc_call(client_path, "ReleaseEipAddress", {"RegionId": REGION, "AllocationId": allocation_id})


def test_eip_refuses_instances_it_cannot_take(client_path, ecs_mock):
    allocation_id = allocate(client_path)["AllocationId"]
    _, vswitch_id, group_id = scene(client_path)
    (public,) = run(client_path, VSwitchId=vswitch_id, SecurityGroupId=group_id, InternetMaxBandwidthOut=5)
    vpc_fails(
        client_path,
        (400, "Forbidden.InstanceBandwidthNotZero", "Eip can not bind with instance when it's bandwidth is not zero."),
        "AssociateEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id, "InstanceId": public},
    )
    stranger = ecs_mock.create_account()
    vpc_fails(
        client_path,
        INSTANCE_NOT_FOUND,
        "AssociateEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id, "InstanceId": "i-bp1nothing"},
    )
    elsewhere = launch(client_path, region=OTHER_REGION)
    vpc_fails(
        client_path,
        (400, "InvalidParameter.Mismatch", "Specified elastic IP address and ECS instance are not in the same region."),
        "AssociateEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id, "InstanceId": elsewhere},
    )
    their_eip = allocate(client_path, stranger)["AllocationId"]
    vpc_fails(
        client_path,
        (404, "InvalidAllocationId.NotFound", "Specified allocation ID is not found."),
        "AssociateEipAddress",
        {"RegionId": REGION, "AllocationId": their_eip, "InstanceId": public},
    )

    stopped = launch(client_path)
    client_path.call("StopInstance", {"InstanceId": stopped})
    associate(client_path, allocation_id, stopped)  # a stopped instance takes one
    assert eip(client_path, allocation_id)["InstanceId"] == stopped


def test_another_accounts_instance_does_not_exist_for_an_eip(client_path, ecs_mock):
    allocation_id = allocate(client_path)["AllocationId"]
    theirs = launch(client_path, ecs_mock.create_account())
    vpc_fails(
        client_path,
        INSTANCE_NOT_FOUND,
        "AssociateEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id, "InstanceId": theirs},
    )


def test_held_association_is_associating_until_settled(client_path, ecs_mock):
    instance_id = launch(client_path)
    allocation_id = allocate(client_path)["AllocationId"]
    ecs_mock.hold_transitions()
    associate(client_path, allocation_id, instance_id)
    assert [eip(client_path, allocation_id)["Status"] for _ in range(2)] == ["Associating", "Associating"]
    assert eip(client_path, allocation_id)["InstanceId"] == instance_id
    vpc_fails(
        client_path,
        (400, "IncorrectEipStatus", "Current elastic IP status does not support this operation."),
        "UnassociateEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id},
    )
    ecs_mock.settle()
    assert eip(client_path, allocation_id)["Status"] == "InUse"
    vpc_call(client_path, "UnassociateEipAddress", {"RegionId": REGION, "AllocationId": allocation_id})
    assert eip(client_path, allocation_id)["Status"] == "Unassociating"
    ecs_mock.settle()
    assert eip(client_path, allocation_id)["Status"] == "Available"

    pending = launch(client_path)  # held: Pending
    vpc_fails(
        client_path,
        (400, "IncorrectInstanceStatus", "Current instance status does not support this operation."),
        "AssociateEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id, "InstanceId": pending},
    )


def test_data_disks_are_made_attached_and_kept_when_asked(client_path):
    base = {"RegionId": "cn-hangzhou", "ImageId": SYSTEM_IMAGE, "InstanceType": INSTANCE_TYPE, **network(client_path)}
    instance_id = client_path.call(
        "RunInstances",
        {
            **base,
            "Tag": [{"Key": "app", "Value": "web"}],
            "DataDisk": [
                {"Size": 100, "Category": "cloud_essd", "DiskName": "data1", "Description": "logs"},
                {"Size": 50, "DeleteWithInstance": False},
            ],
        },
    )["InstanceIdSets"]["InstanceIdSet"][0]
    disks = client_path.call(
        "DescribeDisks", {"RegionId": "cn-hangzhou", "InstanceId": instance_id, "DiskType": "data"}
    )
    data = sorted(disks["Disks"]["Disk"], key=lambda d: d["Device"])
    assert [(d["Device"], d["Size"], d["Category"], d["DiskName"], d["DeleteWithInstance"]) for d in data] == [
        ("/dev/xvdb", 100, "cloud_essd", "data1", True),
        ("/dev/xvdc", 50, "cloud_efficiency", "", False),
    ]
    assert all(d["Tags"]["Tag"] == [{"TagKey": "app", "TagValue": "web"}] for d in data)
    client_path.call("DeleteInstance", {"InstanceId": instance_id, "Force": True})
    left = client_path.call("DescribeDisks", {"RegionId": "cn-hangzhou"})["Disks"]["Disk"]
    assert [(d["DiskId"], d["Status"], d["InstanceId"]) for d in left] == [(data[1]["DiskId"], "Available", "")]
    for disk, error in [
        (
            {"Size": 100, "Category": "ephemeral"},
            (
                400,
                "InvalidDataDiskCategory.ValueNotSupported",
                'The specified parameter "DataDisk.n.Category" is not valid.',
            ),
        ),
        (
            {"Size": 10},
            (
                400,
                "InvalidDataDiskSize.ValueNotSupported",
                "The specified DataDisk.n.Size beyond the "
                "permitted range, or the capacity of snapshot exceeds the size limit of the specified disk category.",
            ),
        ),
        (
            {"SnapshotId": "s-bp1nope"},
            (
                404,
                "InvalidDataDiskSnapshotId.NotFound",
                'The specified parameter "DataDisk.n.SnapshotId" is not valid.',
            ),
        ),
    ]:
        assert_fails(*error, client_path.call, "RunInstances", {**base, "DataDisk": [disk]})
    assert_fails(
        400,
        "InstanceDiskNumber.LimitExceed",
        "The total number of specified disk in an instance exceeds.",
        client_path.call,
        "RunInstances",
        {**base, "DataDisk": [{"Size": 20}] * 17},
    )


def test_an_instance_released_mid_association_leaves_its_eip_available(client_path, ecs_mock):
    instance_id = launch(client_path)
    allocation_id = client_path.call("AllocateEipAddress", {"RegionId": "cn-hangzhou"}, product="vpc")["AllocationId"]
    ecs_mock.hold_transitions()
    client_path.call(
        "AssociateEipAddress",
        {"RegionId": "cn-hangzhou", "AllocationId": allocation_id, "InstanceId": instance_id},
        product="vpc",
    )
    client_path.call("DeleteInstance", {"InstanceId": instance_id, "Force": True})
    ecs_mock.settle()  # the association that was under way does not complete for a released instance
    eip = client_path.call("DescribeEipAddresses", {"RegionId": "cn-hangzhou"}, product="vpc")["EipAddresses"][
        "EipAddress"
    ][0]
    assert (eip["Status"], eip["InstanceId"]) == ("Available", "")


def test_each_instance_has_its_primary_network_interface(client_path, ecs_mock):
    """What Terraform's alicloud_instance reads on every refresh: DescribeNetworkInterfaces by the id
    DescribeInstances shows."""
    vpc_id, vswitch_id, group_id = scene(client_path)
    placed = dict(VSwitchId=vswitch_id, SecurityGroupId=group_id)
    (public,) = run(client_path, InternetMaxBandwidthOut=5, InstanceType="ecs.g7.xlarge", **placed)
    (private,) = run(client_path, **placed)
    allocation_id = allocate(client_path)["AllocationId"]
    associate(client_path, allocation_id, private)

    def interfaces(**filters):
        body = client_path.call("DescribeNetworkInterfaces", {"RegionId": REGION, **filters})
        return body["NetworkInterfaceSets"]["NetworkInterfaceSet"]

    described = instance(client_path, public)
    (primary,) = described["NetworkInterfaces"]["NetworkInterface"]
    (eni,) = interfaces(NetworkInterfaceId=[primary["NetworkInterfaceId"]])
    assert (eni["Type"], eni["Status"], eni["InstanceId"], eni["MacAddress"]) == (
        "Primary",
        "InUse",
        public,
        primary["MacAddress"],
    )
    assert (eni["VpcId"], eni["VSwitchId"], eni["ZoneId"]) == (vpc_id, vswitch_id, described["ZoneId"])
    assert eni["PrivateIpAddress"] == primary["PrimaryIpAddress"]
    assert eni["SecurityGroupIds"] == {"SecurityGroupId": [group_id]}
    assert (eni["QueueNumber"], eni["DeleteOnRelease"], eni["SourceDestCheck"]) == (4, True, False)
    (address,) = eni["PrivateIpSets"]["PrivateIpSet"]
    public_ip = described["PublicIpAddress"]["IpAddress"][0]
    assert (
        address["AssociatedPublicIp"] == eni["AssociatedPublicIp"] == {"PublicIpAddress": public_ip, "AllocationId": ""}
    )
    (with_eip,) = interfaces(InstanceId=private)
    assert with_eip["AssociatedPublicIp"] == {
        "PublicIpAddress": eip(client_path, allocation_id)["IpAddress"],
        "AllocationId": allocation_id,
    }
    assert with_eip["QueueNumber"] == 2  # ecs.g7.large

    assert len(interfaces()) == 2
    for filters, expected in (
        ({"VSwitchId": vswitch_id, "VpcId": vpc_id, "SecurityGroupId": group_id, "Type": "Primary"}, 2),
        ({"PrimaryIpAddress": eni["PrivateIpAddress"]}, 1),
        ({"PrivateIpAddress": [eni["PrivateIpAddress"], with_eip["PrivateIpAddress"]]}, 2),
        ({"Status": "InUse"}, 2),
        ({"Type": "Secondary"}, 0),  # the mock makes no other interface
        ({"Status": "Available"}, 0),
        ({"NetworkInterfaceName": "eth1"}, 0),
        ({"Tag": [{"Key": "k", "Value": "v"}]}, 0),
        ({"VpcId": "vpc-bp1nothing"}, 0),
    ):
        assert len(interfaces(**filters)) == expected, filters
    first = client_path.call("DescribeNetworkInterfaces", {"RegionId": REGION, "PageSize": 1})
    assert (len(first["NetworkInterfaceSets"]["NetworkInterfaceSet"]), first["TotalCount"]) == (1, 2)
    tokened = client_path.call("DescribeNetworkInterfaces", {"RegionId": REGION, "MaxResults": 1})  # at least 10
    assert (len(tokened["NetworkInterfaceSets"]["NetworkInterfaceSet"]), tokened["NextToken"]) == (2, "")
    stranger = ecs_mock.create_account()
    theirs = client_path.call("DescribeNetworkInterfaces", {"RegionId": REGION}, account=stranger)
    assert theirs["NetworkInterfaceSets"]["NetworkInterfaceSet"] == []
    client_path.call("DeleteInstance", {"InstanceId": public, "Force": True})
    assert interfaces(NetworkInterfaceId=[primary["NetworkInterfaceId"]]) == []
