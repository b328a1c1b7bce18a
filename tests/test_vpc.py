"""VPC (API 2016-04-28): VPCs, vSwitches and EIPs through every client path; the address rules
(``aliyun_mock.vpc.cidr``) as plain unit tests.

Every error's status and text come from the VPC API description (``vpc/data/api.json``: the first
documented status of a code wins), the gateway's texts (``core/errors.py``) and the corrections of
``vpc/product.py``."""

import ipaddress
import json

import pytest
from helpers import assert_fails

from aliyun_mock.vpc import cidr
from conftest_plugin import ApiFailure, V2Path

REGION = "cn-hangzhou"
ZONE, ZONE_2 = "cn-hangzhou-h", "cn-hangzhou-i"
OTHER_REGION, OTHER_ZONE = "cn-shanghai", "cn-shanghai-e"

# Fields of DescribeVpcs' Vpc items, as the description documents them.
VPC_FIELDS = {
    "CreationTime",
    "Status",
    "VpcId",
    "IsDefault",
    "OwnerId",
    "RegionId",
    "VpcName",
    "VRouterId",
    "DhcpOptionsSetStatus",
    "CidrBlock",
    "Description",
    "ResourceGroupId",
    "DhcpOptionsSetId",
    "Ipv6CidrBlock",
    "CenStatus",
    "Tags",
    "Ipv6CidrBlocks",
    "VSwitchIds",
    "SecondaryCidrBlocks",
    "UserCidrs",
    "NatGatewayIds",
    "RouterTableIds",
    "EnabledIpv6",
    "DnsHostnameStatus",
}
VSWITCH_FIELDS = {
    "VpcId",
    "Status",
    "CreationTime",
    "IsDefault",
    "AvailableIpAddressCount",
    "NetworkAclId",
    "OwnerId",
    "VSwitchId",
    "CidrBlock",
    "Description",
    "ResourceGroupId",
    "ZoneId",
    "Ipv6CidrBlock",
    "VSwitchName",
    "ShareType",
    "EnabledIpv6",
    "Tags",
    "RouteTable",
}

DRY_RUN = (400, "DryRunOperation", "Request validation has been passed with DryRun flag set.")
VPC_NOT_FOUND = (404, "InvalidVpcId.NotFound", "Specified VPC does not exist.")
ALLOCATION_NOT_FOUND = (404, "InvalidAllocationId.NotFound", "Specified allocation ID is not found.")
CIDR_NOT_VALID = (400, "InvalidParameter", "Specified CIDR block is not valid")  # CreateVpc's own text
INCORRECT_VPC_STATUS = (400, "IncorrectVpcStatus", "Current VPC status does not support this operation.")


# --- scene building -------------------------------------------------------------------------------------------


def vpc_call(path, action, params, account=None, region=REGION):
    return path.call(action, params, product="vpc", account=account, region_id=region)


def fails(path, error, action, params, account=None, region=REGION):
    return assert_fails(*error, path.call, action, params, product="vpc", account=account, region_id=region)


def create_vpc(path, block="192.168.0.0/16", account=None, region=REGION, **extra):
    return vpc_call(path, "CreateVpc", {"RegionId": region, "CidrBlock": block, **extra}, account, region)["VpcId"]


def create_vswitch(path, vpc_id, block, zone=ZONE, account=None, region=REGION, **extra):
    params = {"RegionId": region, "VpcId": vpc_id, "ZoneId": zone, "CidrBlock": block, **extra}
    return vpc_call(path, "CreateVSwitch", params, account, region)["VSwitchId"]


def vpcs(path, account=None, region=REGION, **filters):
    return vpc_call(path, "DescribeVpcs", {"RegionId": region, **filters}, account, region)["Vpcs"]["Vpc"]


def vpc_ids(path, account=None, region=REGION, **filters):
    return sorted(v["VpcId"] for v in vpcs(path, account, region, **filters))


def vswitches(path, account=None, region=REGION, **filters):
    body = vpc_call(path, "DescribeVSwitches", {"RegionId": region, **filters}, account, region)
    return body["VSwitches"]["VSwitch"]


def vswitch_ids(path, account=None, region=REGION, **filters):
    return sorted(s["VSwitchId"] for s in vswitches(path, account, region, **filters))


def allocate(path, account=None, region=REGION, **params):
    return vpc_call(path, "AllocateEipAddress", {"RegionId": region, **params}, account, region)


def eips(path, account=None, region=REGION, **filters):
    body = vpc_call(path, "DescribeEipAddresses", {"RegionId": region, **filters}, account, region)
    return body["EipAddresses"]["EipAddress"]


def not_implemented(path, action, params, parameter):
    with pytest.raises(ApiFailure) as failure:
        path.call(action, params, product="vpc")
    assert (failure.value.status, failure.value.code) == (501, "AliyunMock.NotImplemented")
    assert parameter in failure.value.message and failure.value.message.endswith("is not implemented in aliyun-mock.")


# --- address rules (unit) ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("block", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "47.100.0.0/20", "192.168.0.0/28"])
def test_vpc_blocks_that_are_accepted(block):
    assert cidr.vpc_block(block) == ipaddress.IPv4Network(block)


@pytest.mark.parametrize(
    "block",
    [
        "192.168.0.1/16",  # host bits set
        "192.168.0.0",  # no mask
        "192.168.0.0/29",
        "10.0.0.0/7",
        "0.0.0.0/0",  # masks outside /8–/28
        "100.64.0.0/10",
        "100.64.1.0/24",
        "100.0.0.0/8",  # the carrier-grade NAT range, inside it or containing it
        "224.0.0.0/8",
        "127.0.0.0/8",
        "169.254.0.0/16",  # multicast, loopback, link-local
        "",
        "banana/16",
        "192.168.0.0/33",
        "2001:db8::/32",
    ],
)
def test_vpc_blocks_that_are_refused(block):
    assert cidr.vpc_block(block) is None


def test_vswitch_blocks_take_masks_16_to_29():
    assert [m for m in range(8, 33) if cidr.vswitch_block(f"10.0.0.0/{m}")] == list(range(16, 30))
    assert cidr.vswitch_block("10.0.0.1/24") is None and cidr.network("10.0.0.1/24") is None
    assert cidr.vswitch_block("100.64.0.0/24") is None
    assert cidr.network("10.0.0.0") is None and cidr.network("10.0.0.0/24") == ipaddress.IPv4Network("10.0.0.0/24")


def test_usable_addresses_leave_out_the_first_and_the_last_three():
    assert cidr.usable_count(ipaddress.IPv4Network("192.168.1.0/24")) == 252
    assert cidr.usable_count(ipaddress.IPv4Network("192.168.1.0/29")) == 4
    block = ipaddress.IPv4Network("192.168.1.0/29")
    handed_out = []
    for start in range(4):
        address = cidr.free_address(block, handed_out, lambda n, s=start: s % n)
        assert address not in handed_out
        handed_out.append(address)
    assert sorted(handed_out) == ["192.168.1.1", "192.168.1.2", "192.168.1.3", "192.168.1.4"]
    assert cidr.free_address(block, handed_out, lambda n: 0) is None  # full


def test_default_vswitch_blocks_are_the_first_free_slash_20s():
    vpc = ipaddress.IPv4Network(cidr.DEFAULT_VPC_BLOCK)
    assert str(cidr.default_vswitch_block(vpc, [])) == "172.16.0.0/20"
    assert str(cidr.default_vswitch_block(vpc, ["172.16.0.0/20", "172.16.20.0/24"])) == "172.16.32.0/20"
    assert cidr.default_vswitch_block(ipaddress.IPv4Network("10.0.0.0/20"), ["10.0.0.0/24"]) is None
    assert cidr.overlaps_any(ipaddress.IPv4Network("10.0.0.128/25"), ["10.1.0.0/16", "10.0.0.0/24"])
    assert not cidr.overlaps_any(ipaddress.IPv4Network("10.0.1.0/24"), ["10.0.0.0/24"])


# --- VPCs -------------------------------------------------------------------------------------------------------


def test_created_vpc_is_described_with_every_documented_field(client_path, ecs_mock):
    created = vpc_call(
        client_path,
        "CreateVpc",
        {"RegionId": REGION, "CidrBlock": "10.0.0.0/8", "VpcName": "prod", "Description": "the production network"},
    )
    assert created["VpcId"].startswith("vpc-bp") and created["VRouterId"].startswith("vrt-bp")
    assert created["RouteTableId"].startswith("vtb-bp")
    vswitch_id = create_vswitch(client_path, created["VpcId"], "10.1.0.0/24")
    (vpc,) = vpcs(client_path)
    assert VPC_FIELDS <= set(vpc)
    assert (vpc["VpcId"], vpc["VRouterId"], vpc["RegionId"], vpc["Status"]) == (
        created["VpcId"],
        created["VRouterId"],
        REGION,
        "Available",
    )
    assert (vpc["VpcName"], vpc["Description"], vpc["CidrBlock"]) == ("prod", "the production network", "10.0.0.0/8")
    assert vpc["IsDefault"] is False and vpc["OwnerId"] == int(ecs_mock.default_account.account_id)
    assert vpc["VSwitchIds"] == {"VSwitchId": [vswitch_id]}
    assert vpc["RouterTableIds"] == {"RouterTableIds": [created["RouteTableId"]]}
    assert vpc["Tags"] == {"Tag": []} and vpc["CreationTime"].endswith("Z")

    attribute = vpc_call(client_path, "DescribeVpcAttribute", {"RegionId": REGION, "VpcId": created["VpcId"]})
    assert {k: attribute[k] for k in ("VpcId", "CidrBlock", "VpcName", "Description", "IsDefault", "Status")} == {
        "VpcId": created["VpcId"],
        "CidrBlock": "10.0.0.0/8",
        "VpcName": "prod",
        "Description": "the production network",
        "IsDefault": False,
        "Status": "Available",
    }
    assert attribute["VSwitchIds"] == {"VSwitchId": [vswitch_id]} and attribute["ClassicLinkEnabled"] is False
    assert "RouterTableIds" not in attribute  # not a field of this body
    assert (
        vpc_call(
            client_path, "DescribeVpcAttribute", {"RegionId": REGION, "VpcId": created["VpcId"], "IsDefault": False}
        )["VpcId"]
        == created["VpcId"]
    )
    fails(
        client_path,
        VPC_NOT_FOUND,
        "DescribeVpcAttribute",
        {"RegionId": REGION, "VpcId": created["VpcId"], "IsDefault": True},
    )
    fails(client_path, VPC_NOT_FOUND, "DescribeVpcAttribute", {"RegionId": REGION, "VpcId": "vpc-bp1nothing"})
    fails(client_path, DRY_RUN, "DescribeVpcAttribute", {"RegionId": REGION, "VpcId": created["VpcId"], "DryRun": True})


def test_create_vpc_defaults_to_172_16_0_0_12(client_path):
    vpc_id = vpc_call(client_path, "CreateVpc", {"RegionId": REGION})["VpcId"]
    (vpc,) = vpcs(client_path)
    assert (vpc["VpcId"], vpc["CidrBlock"], vpc["IsDefault"], vpc["VpcName"]) == (vpc_id, "172.16.0.0/12", False, "")
    assert vpc["VSwitchIds"] == {"VSwitchId": []}


def test_describe_vpcs_filters(client_path, ecs_mock):
    prod = create_vpc(client_path, "10.0.0.0/16", VpcName="prod", Tag=[{"Key": "env", "Value": "prod"}])
    test = create_vpc(client_path, "10.1.0.0/16", VpcName="test", Tag=[{"Key": "env", "Value": "test"}])
    default = vpc_call(client_path, "CreateDefaultVpc", {"RegionId": REGION})["VpcId"]
    assert vpc_ids(client_path) == sorted([prod, test, default])
    assert vpc_ids(client_path, VpcId=f"{prod},{default},vpc-bp1nothing") == sorted([prod, default])
    assert vpc_ids(client_path, VpcId="vpc-bp1nothing") == []
    assert vpc_ids(client_path, VpcName="test") == [test]
    assert vpc_ids(client_path, IsDefault=True) == [default]
    assert vpc_ids(client_path, IsDefault=False) == sorted([prod, test])
    assert vpc_ids(client_path, Tag=[{"Key": "env", "Value": "prod"}]) == [prod]
    assert vpc_ids(client_path, Tag=[{"Key": "env"}]) == sorted([prod, test])  # a key without value: any value
    assert vpc_ids(client_path, Tag=[{"Key": "team", "Value": "a"}]) == []
    assert vpc_ids(client_path, VpcOwnerId=int(ecs_mock.default_account.account_id)) == sorted([prod, test, default])
    (tagged,) = vpcs(client_path, VpcId=prod)
    assert tagged["Tags"] == {"Tag": [{"Key": "env", "Value": "prod"}]}

    first = vpc_call(client_path, "DescribeVpcs", {"RegionId": REGION, "PageSize": 2})
    second = vpc_call(client_path, "DescribeVpcs", {"RegionId": REGION, "PageSize": 2, "PageNumber": 2})
    assert (first["TotalCount"], first["PageSize"]) == (3, 2)
    assert (len(first["Vpcs"]["Vpc"]), len(second["Vpcs"]["Vpc"])) == (2, 1)


def test_describe_vpcs_takes_at_most_20_ids_and_a_dry_run(client_path):
    create_vpc(client_path)
    many = ",".join(f"vpc-bp1unknown{i:06d}" for i in range(21))
    fails(
        client_path,
        (400, "InvalidVpcIdNumber.NotSupported", "The number of vpcIds exceeds the limit."),
        "DescribeVpcs",
        {"RegionId": REGION, "VpcId": many},
    )
    assert vpc_ids(client_path, VpcId=many.rsplit(",", 1)[0]) == []  # 20 ids are fine
    fails(client_path, DRY_RUN, "DescribeVpcs", {"RegionId": REGION, "DryRun": True})
    fails(
        client_path,
        (400, "InvalidParameter", 'The specified parameter "PageSize" is not valid.'),
        "DescribeVpcs",
        {"RegionId": REGION, "PageSize": 51},
    )


@pytest.mark.parametrize("block", ["192.168.0.1/16", "192.168.0.0/29", "100.64.0.0/10", "192.168.0.0", "10.0.0.0/33"])
def test_create_vpc_refuses_invalid_blocks(client_path, block):
    fails(client_path, CIDR_NOT_VALID, "CreateVpc", {"RegionId": REGION, "CidrBlock": block})
    assert vpcs(client_path) == []


def test_create_vpc_refuses_malformed_names_and_descriptions(client_path):
    name_error = (400, "InvalidVpcName.Malformed", "Specified VPC name is not valid.")
    description_error = (400, "InvalidVpcDiscription.Malformed", "Specified VPC description is not valid.")
    for name in ("http://vpc", "https://vpc", "n" * 129):
        fails(client_path, name_error, "CreateVpc", {"RegionId": REGION, "VpcName": name})
    for description in ("http://about", "https://about", "d" * 257):
        fails(client_path, description_error, "CreateVpc", {"RegionId": REGION, "Description": description})
    assert vpcs(client_path) == []
    vpc_id = create_vpc(client_path, VpcName="n" * 128, Description="d" * 256)
    assert vpc_ids(client_path, VpcName="n" * 128) == [vpc_id]
    fails(
        client_path,
        (404, "InvalidRegionId.NotFound", "The specified RegionId does not exist."),
        "CreateVpc",
        {"RegionId": "xx-nowhere-1"},
    )


def test_create_vpc_dry_run_checks_and_creates_nothing(client_path):
    fails(client_path, DRY_RUN, "CreateVpc", {"RegionId": REGION, "CidrBlock": "10.0.0.0/8", "DryRun": True})
    fails(client_path, CIDR_NOT_VALID, "CreateVpc", {"RegionId": REGION, "CidrBlock": "10.0.0.1/8", "DryRun": True})
    assert vpcs(client_path) == []


def test_ten_vpcs_per_region_and_account(client_path, ecs_mock):
    for index in range(10):
        create_vpc(client_path, f"10.{index}.0.0/16")
    quota = (400, "QuotaExceeded.Vpc", "VPC quota exceeded.")
    fails(client_path, quota, "CreateVpc", {"RegionId": REGION, "CidrBlock": "10.10.0.0/16"})
    fails(client_path, quota, "CreateDefaultVpc", {"RegionId": REGION})
    fails(client_path, quota, "CreateVpc", {"RegionId": REGION, "DryRun": True})
    assert len(vpcs(client_path, PageSize=50)) == 10
    create_vpc(client_path, account=ecs_mock.create_account())  # another account's quota
    create_vpc(client_path, region=OTHER_REGION)  # another region's quota


def test_modify_vpc_attribute(client_path):
    vpc_id = create_vpc(client_path, "10.0.0.0/16", VpcName="before", Description="first")
    create_vswitch(client_path, vpc_id, "10.0.1.0/24")
    modify = {"RegionId": REGION, "VpcId": vpc_id}
    assert set(vpc_call(client_path, "ModifyVpcAttribute", {**modify, "VpcName": "after"})) == {"RequestId"}
    (vpc,) = vpcs(client_path)
    assert (vpc["VpcName"], vpc["Description"]) == ("after", "first")  # what is not given stays
    vpc_call(client_path, "ModifyVpcAttribute", {"VpcId": vpc_id, "Description": "second"})  # RegionId is optional
    vpc_call(client_path, "ModifyVpcAttribute", {**modify, "CidrBlock": "10.0.0.0/8"})  # still holds the vSwitch
    (vpc,) = vpcs(client_path)
    assert (vpc["VpcName"], vpc["Description"], vpc["CidrBlock"]) == ("after", "second", "10.0.0.0/8")

    fails(
        client_path,
        (400, "IllegalCidrBlock", "Some subnet cidrBlock is not in the cidrBlock."),
        "ModifyVpcAttribute",
        {**modify, "CidrBlock": "10.2.0.0/16"},
    )
    for block in ("10.0.0.1/16", "100.64.0.0/10", "10.0.0.0"):
        fails(
            client_path,
            (400, "InvalidCidrBlock.Malformed", "Specified CIDR block is not valid."),
            "ModifyVpcAttribute",
            {**modify, "CidrBlock": block},
        )
    fails(
        client_path,
        (400, "InvalidVpcName.Malformed", "Specified VPC name is not valid."),
        "ModifyVpcAttribute",
        {**modify, "VpcName": "http://x"},
    )
    fails(
        client_path,
        (400, "InvalidVpcDiscription.Malformed", "Specified VPC description is not valid."),
        "ModifyVpcAttribute",
        {**modify, "Description": "d" * 257},
    )
    fails(
        client_path,
        VPC_NOT_FOUND,
        "ModifyVpcAttribute",
        {"RegionId": REGION, "VpcId": "vpc-bp1nothing", "VpcName": "x"},
    )
    (vpc,) = vpcs(client_path)
    assert (vpc["VpcName"], vpc["Description"], vpc["CidrBlock"]) == ("after", "second", "10.0.0.0/8")


def test_delete_vpc_waits_for_its_vswitches(client_path):
    vpc_id = create_vpc(client_path)
    vswitch_id = create_vswitch(client_path, vpc_id, "192.168.1.0/24")
    delete = {"RegionId": REGION, "VpcId": vpc_id}
    fails(
        client_path,
        (400, "DependencyViolation.VSwitch", "Specified object has dependent resources"),
        "DeleteVpc",
        delete,
    )
    fails(
        client_path,
        (400, "DependencyViolation.VSwitch", "Specified object has dependent resources"),
        "DeleteVpc",
        {**delete, "DryRun": True},
    )
    vpc_call(client_path, "DeleteVSwitch", {"RegionId": REGION, "VSwitchId": vswitch_id})
    fails(client_path, DRY_RUN, "DeleteVpc", {**delete, "DryRun": True})
    assert vpc_ids(client_path) == [vpc_id]
    assert set(vpc_call(client_path, "DeleteVpc", delete)) == {"RequestId"}
    assert vpcs(client_path) == []
    fails(client_path, VPC_NOT_FOUND, "DeleteVpc", delete)
    fails(client_path, VPC_NOT_FOUND, "DeleteVpc", {"VpcId": vpc_id})  # without RegionId


# --- transitional states ----------------------------------------------------------------------------------------


def test_new_vpc_and_vswitch_are_pending_for_the_polls_asked(client_path, ecs_mock):
    ecs_mock.hold_transitions(polls=2)
    vpc_id = create_vpc(client_path)
    fails(
        client_path,
        INCORRECT_VPC_STATUS,
        "CreateVSwitch",
        {"RegionId": REGION, "VpcId": vpc_id, "ZoneId": ZONE, "CidrBlock": "192.168.1.0/24"},
    )
    fails(client_path, INCORRECT_VPC_STATUS, "DeleteVpc", {"RegionId": REGION, "VpcId": vpc_id})
    fails(
        client_path, INCORRECT_VPC_STATUS, "ModifyVpcAttribute", {"RegionId": REGION, "VpcId": vpc_id, "VpcName": "x"}
    )
    assert [vpcs(client_path)[0]["Status"] for _ in range(3)] == ["Pending", "Available", "Available"]

    vswitch_id = create_vswitch(client_path, vpc_id, "192.168.1.0/24")
    fails(
        client_path,
        (400, "IncorrectVSwitchStatus", "vpc subnet is in middle status."),
        "DeleteVSwitch",
        {"RegionId": REGION, "VSwitchId": vswitch_id},
    )
    assert [vswitches(client_path)[0]["Status"] for _ in range(3)] == ["Pending", "Available", "Available"]
    vpc_call(client_path, "DeleteVSwitch", {"RegionId": REGION, "VSwitchId": vswitch_id})


def test_held_vpc_stays_pending_until_settled(client_path, ecs_mock):
    ecs_mock.hold_transitions()
    vpc_id = create_vpc(client_path)
    assert [vpcs(client_path)[0]["Status"] for _ in range(3)] == ["Pending"] * 3
    assert vpc_call(client_path, "DescribeVpcAttribute", {"RegionId": REGION, "VpcId": vpc_id})["Status"] == "Pending"
    assert ecs_mock.settle() == 1
    assert vpcs(client_path)[0]["Status"] == "Available"


# --- default VPC and vSwitches ----------------------------------------------------------------------------------


def test_create_default_vpc_once_per_region(client_path):
    created = vpc_call(client_path, "CreateDefaultVpc", {"RegionId": REGION})
    assert created["VpcId"].startswith("vpc-") and created["VRouterId"] and created["RouteTableId"]
    (vpc,) = vpcs(client_path)
    assert (vpc["VpcId"], vpc["IsDefault"], vpc["CidrBlock"]) == (created["VpcId"], True, "172.16.0.0/12")
    fails(
        client_path,
        (400, "OperationFailed.DefaultVpcExist", "OperationFailed.DefaultVpcExist"),
        "CreateDefaultVpc",
        {"RegionId": REGION},
    )
    create_vpc(client_path, "172.16.0.0/12")  # an ordinary VPC with the same block is no default one
    assert vpc_ids(client_path, IsDefault=True) == [created["VpcId"]]
    assert vpc_call(client_path, "CreateDefaultVpc", {"RegionId": OTHER_REGION}, region=OTHER_REGION)["VpcId"]


def test_create_default_vswitch_one_slash_20_per_zone(client_path):
    default_vswitch = {"RegionId": REGION, "ZoneId": ZONE}
    fails(
        client_path,
        (400, "OperationFailed.DefaultVpcNotExist", "OperationFailed.DefaultVpcNotExist"),
        "CreateDefaultVSwitch",
        default_vswitch,
    )
    create_vpc(client_path)  # not a default VPC
    fails(
        client_path,
        (400, "OperationFailed.DefaultVpcNotExist", "OperationFailed.DefaultVpcNotExist"),
        "CreateDefaultVSwitch",
        default_vswitch,
    )

    vpc_id = vpc_call(client_path, "CreateDefaultVpc", {"RegionId": REGION})["VpcId"]
    first = vpc_call(client_path, "CreateDefaultVSwitch", default_vswitch)["VSwitchId"]
    fails(
        client_path,
        (400, "OperationFailed.DefaultVSwitchExist", "A default vSwitch already exists in the zone."),
        "CreateDefaultVSwitch",
        default_vswitch,
    )
    second = vpc_call(client_path, "CreateDefaultVSwitch", {"RegionId": REGION, "ZoneId": ZONE_2})["VSwitchId"]
    fails(
        client_path,
        (404, "InvalidZoneId.NotFound", "Specified zone does not exist."),
        "CreateDefaultVSwitch",
        {"RegionId": REGION, "ZoneId": OTHER_ZONE},
    )
    described = {s["VSwitchId"]: s for s in vswitches(client_path, VpcId=vpc_id)}
    assert {(s["ZoneId"], s["CidrBlock"], s["IsDefault"]) for s in described.values()} == {
        (ZONE, "172.16.0.0/20", True),
        (ZONE_2, "172.16.16.0/20", True),
    }
    assert described[first]["ZoneId"] == ZONE and described[second]["ZoneId"] == ZONE_2
    assert described[first]["AvailableIpAddressCount"] == 4096 - 4
    assert vswitch_ids(client_path, IsDefault=True) == sorted([first, second])


def test_create_default_vswitch_waits_for_a_pending_default_vpc(client_path, ecs_mock):
    ecs_mock.hold_transitions()
    vpc_call(client_path, "CreateDefaultVpc", {"RegionId": REGION})
    fails(client_path, INCORRECT_VPC_STATUS, "CreateDefaultVSwitch", {"RegionId": REGION, "ZoneId": ZONE})


# --- vSwitches --------------------------------------------------------------------------------------------------


def test_create_vswitch_checks_zone_block_and_owner(client_path, ecs_mock):
    vpc_id = create_vpc(client_path, "192.168.0.0/16")
    create_vswitch(client_path, vpc_id, "192.168.1.0/24")

    def refused(error, account=None, **params):
        request = {"RegionId": REGION, "VpcId": vpc_id, "ZoneId": ZONE, "CidrBlock": "192.168.2.0/24", **params}
        fails(client_path, error, "CreateVSwitch", {k: v for k, v in request.items() if v is not None}, account)

    refused((404, "InvalidZoneId.NotFound", "Specified zone does not exist."), ZoneId="cn-hangzhou-z")
    refused((404, "InvalidZoneId.NotFound", "Specified zone does not exist."), ZoneId=OTHER_ZONE)
    refused((400, "InvalidParameter", "Specified CIDR block is not valid in VPC."), CidrBlock="10.0.0.0/24")
    refused((400, "InvalidParameter", "Specified CIDR block is not valid in VPC."), CidrBlock="192.169.0.0/24")
    overlapped = (400, "InvalidCidrBlock.Overlapped", "Specified CIDR block overlapped with other subnets.")
    refused(overlapped, CidrBlock="192.168.1.128/25")
    refused(overlapped, CidrBlock="192.168.0.0/16")
    mask = (400, "InvalidCirdrBlock.MaskLength", "Specified CIDR block is not valid .")  # the cloud's spelling
    refused(mask, CidrBlock="192.168.2.0/30")
    refused(mask, CidrBlock="192.168.0.0/15")
    malformed = (400, "InvalidCidrBlock.Malformed", "Specified CIDR block is not valid.")
    refused(malformed, CidrBlock="192.168.2.1/24")
    refused(malformed, CidrBlock="192.168.2.0")
    refused(
        (400, "InvalidVSwitchName.Malformed", "Specified virtual switch name is not valid."),
        VSwitchName="https://switch",
    )
    refused(
        (400, "InvalidVSwitchDiscription.Malformed", "Specified  virtual switch description is not valid."),
        Description="d" * 257,
    )
    refused(VPC_NOT_FOUND, VpcId="vpc-bp1nothing")
    refused(VPC_NOT_FOUND, account=ecs_mock.create_account())
    refused(
        (
            400,
            "MissingParameter",
            'The input parameter "ZoneId" that is mandatory for processing this request is not supplied.',
        ),
        ZoneId=None,
    )
    assert len(vswitches(client_path)) == 1

    # the smallest and the largest vSwitch a /16 can hold
    assert create_vswitch(client_path, vpc_id, "192.168.2.0/29", zone=ZONE_2)
    other = create_vpc(client_path, "10.0.0.0/16")
    assert create_vswitch(client_path, other, "10.0.0.0/16", VSwitchName="all", Description="the whole VPC")


def test_describe_vswitches_filters(client_path):
    first_vpc = create_vpc(client_path, "10.0.0.0/16")
    second_vpc = create_vpc(client_path, "10.1.0.0/16")
    web = create_vswitch(
        client_path, first_vpc, "10.0.1.0/24", VSwitchName="web", Tag=[{"Key": "tier", "Value": "front"}]
    )
    db = create_vswitch(client_path, first_vpc, "10.0.2.0/24", zone=ZONE_2, VSwitchName="db")
    other = create_vswitch(client_path, second_vpc, "10.1.1.0/24")
    assert vswitch_ids(client_path) == sorted([web, db, other])
    assert vswitch_ids(client_path, VpcId=first_vpc) == sorted([web, db])
    assert vswitch_ids(client_path, ZoneId=ZONE) == sorted([web, other])
    assert vswitch_ids(client_path, VpcId=first_vpc, ZoneId=ZONE_2) == [db]
    assert vswitch_ids(client_path, VSwitchId=f"{web},{other}") == sorted([web, other])
    assert vswitch_ids(client_path, VSwitchId="vsw-bp1nothing") == []
    assert vswitch_ids(client_path, IsDefault=False) == sorted([web, db, other])
    assert vswitch_ids(client_path, IsDefault=True) == []
    assert vswitch_ids(client_path, VSwitchName="db") == [db]
    assert vswitch_ids(client_path, Tag=[{"Key": "tier", "Value": "front"}]) == [web]
    assert vswitch_ids(client_path, Tag=[{"Key": "tier", "Value": "back"}]) == []
    route_table = vpc_call(client_path, "DescribeVSwitchAttributes", {"VSwitchId": other})["RouteTable"]["RouteTableId"]
    assert vswitch_ids(client_path, RouteTableId=route_table) == [other]
    (tagged,) = vswitches(client_path, VSwitchId=web)
    assert tagged["Tags"] == {"Tag": [{"Key": "tier", "Value": "front"}]}
    assert vswitch_ids(client_path, VpcId=second_vpc) == [other]
    body = vpc_call(client_path, "DescribeVSwitches", {"VpcId": first_vpc})  # RegionId is optional
    assert sorted(s["VSwitchId"] for s in body["VSwitches"]["VSwitch"]) == sorted([web, db])

    many = ",".join(f"vsw-bp1unknown{i:06d}" for i in range(21))
    fails(
        client_path,
        (404, "InvalidVSwitchIdNumber.NotSupported", "The number of vSwitchIds exceeds the limit."),
        "DescribeVSwitches",
        {"RegionId": REGION, "VSwitchId": many},
    )
    fails(client_path, DRY_RUN, "DescribeVSwitches", {"RegionId": REGION, "DryRun": True})
    (first_vpc_described,) = vpcs(client_path, VpcId=first_vpc)
    assert sorted(first_vpc_described["VSwitchIds"]["VSwitchId"]) == sorted([web, db])


def test_vswitch_attributes_and_available_addresses(client_path, ecs_mock):
    created = vpc_call(client_path, "CreateVpc", {"RegionId": REGION, "CidrBlock": "192.168.0.0/16"})
    vswitch_id = create_vswitch(
        client_path, created["VpcId"], "192.168.10.0/24", VSwitchName="app", Description="application servers"
    )
    (described,) = vswitches(client_path)
    assert VSWITCH_FIELDS <= set(described)
    assert described["AvailableIpAddressCount"] == 252
    attributes = vpc_call(client_path, "DescribeVSwitchAttributes", {"RegionId": REGION, "VSwitchId": vswitch_id})
    assert {
        k: attributes[k]
        for k in (
            "VSwitchId",
            "VpcId",
            "ZoneId",
            "CidrBlock",
            "VSwitchName",
            "Description",
            "Status",
            "IsDefault",
            "AvailableIpAddressCount",
        )
    } == {
        "VSwitchId": vswitch_id,
        "VpcId": created["VpcId"],
        "ZoneId": ZONE,
        "CidrBlock": "192.168.10.0/24",
        "VSwitchName": "app",
        "Description": "application servers",
        "Status": "Available",
        "IsDefault": False,
        "AvailableIpAddressCount": 252,
    }
    assert attributes["RouteTable"]["RouteTableId"] == created["RouteTableId"]
    assert attributes["OwnerId"] == int(ecs_mock.default_account.account_id)
    small = create_vswitch(client_path, created["VpcId"], "192.168.11.0/29")
    assert vpc_call(client_path, "DescribeVSwitchAttributes", {"VSwitchId": small})["AvailableIpAddressCount"] == 4
    fails(
        client_path,
        (400, "InvalidVSwitchId.NotFound", "Specified VSwitch can not found."),
        "DescribeVSwitchAttributes",
        {"RegionId": REGION, "VSwitchId": "vsw-bp1nothing"},
    )
    fails(
        client_path, DRY_RUN, "DescribeVSwitchAttributes", {"RegionId": REGION, "VSwitchId": vswitch_id, "DryRun": True}
    )


def test_modify_vswitch_attribute(client_path):
    vpc_id = create_vpc(client_path)
    vswitch_id = create_vswitch(client_path, vpc_id, "192.168.1.0/24", VSwitchName="old", Description="kept")
    modify = {"RegionId": REGION, "VSwitchId": vswitch_id}
    assert set(vpc_call(client_path, "ModifyVSwitchAttribute", {**modify, "VSwitchName": "new"})) == {"RequestId"}
    (vswitch,) = vswitches(client_path)
    assert (vswitch["VSwitchName"], vswitch["Description"]) == ("new", "kept")
    vpc_call(client_path, "ModifyVSwitchAttribute", {"VSwitchId": vswitch_id, "Description": "changed"})
    fails(
        client_path,
        (400, "InvalidVSwitchName.Malformed", "Specified virtual switch name is not valid."),
        "ModifyVSwitchAttribute",
        {**modify, "VSwitchName": "http://switch"},
    )
    bad_text = (400, "InvalidVSwitchDiscription.Malformed", "Specified virtual switch description is not valid.")
    fails(client_path, bad_text, "ModifyVSwitchAttribute", {**modify, "Description": "https://about"})
    fails(
        client_path,
        (404, "InvalidVSwitchId.NotFound", "The specified virtual switch does not exists."),
        "ModifyVSwitchAttribute",
        {"RegionId": REGION, "VSwitchId": "vsw-bp1nothing", "VSwitchName": "x"},
    )
    (vswitch,) = vswitches(client_path)
    assert (vswitch["VSwitchName"], vswitch["Description"]) == ("new", "changed")


def test_delete_vswitch(client_path):
    vpc_id = create_vpc(client_path)
    vswitch_id = create_vswitch(client_path, vpc_id, "192.168.1.0/24")
    delete = {"RegionId": REGION, "VSwitchId": vswitch_id}
    fails(client_path, DRY_RUN, "DeleteVSwitch", {**delete, "DryRun": True})
    assert vswitch_ids(client_path) == [vswitch_id]
    assert set(vpc_call(client_path, "DeleteVSwitch", delete)) == {"RequestId"}
    assert vswitches(client_path) == []
    (vpc,) = vpcs(client_path)
    assert vpc["VSwitchIds"] == {"VSwitchId": []}
    not_found = (400, "InvalidVSwitchId.NotFound", "VSwitch not exist.")  # the description's first entry for it
    fails(client_path, not_found, "DeleteVSwitch", delete)
    fails(client_path, not_found, "DeleteVSwitch", {"VSwitchId": vswitch_id})
    # its block is free again
    assert create_vswitch(client_path, vpc_id, "192.168.1.0/24")


# --- EIPs -------------------------------------------------------------------------------------------------------


def test_allocate_eip_with_defaults(client_path):
    allocated = allocate(client_path)
    assert allocated["AllocationId"].startswith("eip-bp") and allocated["OrderId"] in (0, "0", None)
    ipaddress.IPv4Address(allocated["EipAddress"])
    (eip,) = eips(client_path)
    assert {
        k: eip[k]
        for k in (
            "AllocationId",
            "IpAddress",
            "Bandwidth",
            "InternetChargeType",
            "ISP",
            "ChargeType",
            "Status",
            "RegionId",
            "InstanceId",
            "Netmode",
        )
    } == {
        "AllocationId": allocated["AllocationId"],
        "IpAddress": allocated["EipAddress"],
        "Bandwidth": "5",
        "InternetChargeType": "PayByBandwidth",
        "ISP": "BGP",
        "ChargeType": "PostPaid",
        "Status": "Available",
        "RegionId": REGION,
        "InstanceId": "",
        "Netmode": "public",
    }


def test_allocate_eip_bandwidth_limits_per_charge_type(client_path):
    bandwidth_error = (400, "InvalidBandwidth.Malformed", "The specified Bandwidth is invalid.")
    for params in (
        {"Bandwidth": "0"},
        {"Bandwidth": "501"},
        {"Bandwidth": "ten"},
        {"Bandwidth": "-1"},
        {"Bandwidth": "201", "InternetChargeType": "PayByTraffic"},
    ):
        fails(client_path, bandwidth_error, "AllocateEipAddress", {"RegionId": REGION, **params})
    fails(
        client_path,
        (400, "InvalidParameter", 'Specified value of "InternetChargeType" is not valid'),
        "AllocateEipAddress",
        {"RegionId": REGION, "InternetChargeType": "PayByNothing"},
    )
    assert eips(client_path) == []
    largest = allocate(client_path, Bandwidth="500")["AllocationId"]
    by_traffic = allocate(client_path, Bandwidth="200", InternetChargeType="PayByTraffic")["AllocationId"]
    smallest = allocate(client_path, Bandwidth="1")["AllocationId"]
    described = {e["AllocationId"]: (e["Bandwidth"], e["InternetChargeType"]) for e in eips(client_path)}
    assert described == {
        largest: ("500", "PayByBandwidth"),
        by_traffic: ("200", "PayByTraffic"),
        smallest: ("1", "PayByBandwidth"),
    }


def test_allocate_eip_isp_and_charge_type(client_path):
    fails(
        client_path,
        (400, "UnsupportedFeature.Isp", "The feature of Isp is not supported."),
        "AllocateEipAddress",
        {"RegionId": REGION, "ISP": "BGP_PRO"},
    )
    pro = allocate(client_path, region="cn-hongkong", ISP="BGP_PRO")["AllocationId"]
    assert [(e["AllocationId"], e["ISP"]) for e in eips(client_path, region="cn-hongkong")] == [(pro, "BGP_PRO")]
    for params, named in (
        ({"InstanceChargeType": "PrePaid", "Period": 1}, "Period"),
        ({"InstanceChargeType": "PrePaid"}, "InstanceChargeType=PrePaid"),
        ({"ISP": "ChinaTelecom"}, "ISP=ChinaTelecom"),
        ({"Zone": ZONE}, "Zone"),
    ):
        not_implemented(client_path, "AllocateEipAddress", {"RegionId": REGION, **params}, named)
    assert eips(client_path) == []


def test_describe_eip_addresses_filters(client_path):
    first = allocate(client_path, Name="web")
    second = allocate(client_path, Bandwidth="10")

    def ids(**filters):
        return sorted(e["AllocationId"] for e in eips(client_path, **filters))

    both = sorted([first["AllocationId"], second["AllocationId"]])
    assert ids() == both
    assert ids(AllocationId=first["AllocationId"]) == [first["AllocationId"]]
    assert ids(AllocationId=f"{first['AllocationId']},{second['AllocationId']}") == both
    assert ids(AllocationId="eip-bp1nothing") == []
    assert ids(EipAddress=second["EipAddress"]) == [second["AllocationId"]]
    assert ids(Status="Available") == both
    assert ids(Status="InUse") == []
    assert ids(ChargeType="PostPaid") == both
    assert ids(ChargeType="PrePaid") == []
    assert ids(ISP="BGP") == both
    assert ids(EipName="web") == [first["AllocationId"]]
    fails(
        client_path,
        (400, "InvalidChargeType.ValueNotSupported", "The specified ChargeType is not supported."),
        "DescribeEipAddresses",
        {"RegionId": REGION, "ChargeType": "Monthly"},
    )
    fails(client_path, DRY_RUN, "DescribeEipAddresses", {"RegionId": REGION, "DryRun": True})
    page = vpc_call(client_path, "DescribeEipAddresses", {"RegionId": REGION, "PageSize": 1, "PageNumber": 2})
    assert (page["TotalCount"], page["PageNumber"], len(page["EipAddresses"]["EipAddress"])) == (2, 2, 1)


def test_associate_eip_with_a_missing_instance_or_allocation(client_path):
    allocation_id = allocate(client_path)["AllocationId"]
    fails(
        client_path,
        (404, "InvalidInstanId.NotFound", "Specified instance does not exist."),  # the cloud's spelling
        "AssociateEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id, "InstanceId": "i-bp1nothing"},
    )
    fails(
        client_path,
        ALLOCATION_NOT_FOUND,
        "AssociateEipAddress",
        {"RegionId": REGION, "AllocationId": "eip-bp1nothing", "InstanceId": "i-bp1nothing"},
    )
    not_implemented(
        client_path,
        "AssociateEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id, "InstanceId": "ngw-bp1nothing", "InstanceType": "Nat"},
        "InstanceType=Nat",
    )
    fails(
        client_path,
        (400, "IncorrectEipStatus", "Current elastic IP status does not support this operation."),
        "UnassociateEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id},
    )
    (eip,) = eips(client_path)
    assert (eip["Status"], eip["InstanceId"]) == ("Available", "")


def test_release_eip(client_path):
    allocation_id = allocate(client_path)["AllocationId"]
    kept = allocate(client_path)["AllocationId"]
    assert set(vpc_call(client_path, "ReleaseEipAddress", {"RegionId": REGION, "AllocationId": allocation_id})) == {
        "RequestId"
    }
    assert [e["AllocationId"] for e in eips(client_path)] == [kept]
    fails(client_path, ALLOCATION_NOT_FOUND, "ReleaseEipAddress", {"RegionId": REGION, "AllocationId": allocation_id})
    vpc_call(client_path, "ReleaseEipAddress", {"AllocationId": kept})  # RegionId is optional
    assert eips(client_path) == []
    fails(client_path, ALLOCATION_NOT_FOUND, "ReleaseEipAddress", {"AllocationId": kept})


def test_modify_eip_address_attribute(client_path, ecs_mock):
    allocation_id = allocate(client_path, Bandwidth="5", Name="web", Description="front")["AllocationId"]
    modify = lambda **given: vpc_call(  # noqa: E731
        client_path, "ModifyEipAddressAttribute", {"RegionId": REGION, "AllocationId": allocation_id, **given}
    )
    modify(Name="api", Bandwidth="50")
    (changed,) = eips(client_path, AllocationId=allocation_id)
    assert (changed["Name"], changed["Description"], changed["Bandwidth"]) == ("api", "front", "50")
    modify(Description="back")
    (changed,) = eips(client_path, AllocationId=allocation_id)
    assert (changed["Name"], changed["Description"], changed["Bandwidth"]) == ("api", "back", "50")
    not_supported = (400, "InvalidParameter", 'Specified value of "Bandwidth" is not supported.')
    for wrong in ("0", "501", "ten"):  # PayByBandwidth: 1–500 Mbit/s
        fails(
            client_path, not_supported, "ModifyEipAddressAttribute", {"AllocationId": allocation_id, "Bandwidth": wrong}
        )
    fails(
        client_path,
        (400, "InvalidEipAddressName.Malformed", "The specified Name is not valid."),
        "ModifyEipAddressAttribute",
        {"AllocationId": allocation_id, "Name": "https://x"},
    )
    fails(
        client_path,
        (400, "InvalidDescription.Malformed", "Invalid description."),
        "ModifyEipAddressAttribute",
        {"AllocationId": allocation_id, "Description": "d" * 257},
    )
    stranger = ecs_mock.create_account()
    fails(
        client_path,
        (404, "InvalidAllocationId.NotFound", "Specified allocation id is not found."),  # this action's text
        "ModifyEipAddressAttribute",
        {"RegionId": REGION, "AllocationId": allocation_id, "Name": "theirs"},
        account=stranger,
    )
    assert eips(client_path, AllocationId=allocation_id)[0]["Name"] == "api"


def test_every_vpc_has_a_router_and_a_system_route_table(client_path, ecs_mock):
    vpc_id = create_vpc(client_path, "10.0.0.0/16")
    other_vpc = create_vpc(client_path, "10.1.0.0/16")
    first = create_vswitch(client_path, vpc_id, "10.0.1.0/24")
    second = create_vswitch(client_path, vpc_id, "10.0.2.0/24", zone=ZONE_2)
    (vpc,) = vpcs(client_path, VpcId=vpc_id)
    router_id, (table_id,) = vpc["VRouterId"], vpc["RouterTableIds"]["RouterTableIds"]

    def tables(**filters):
        body = vpc_call(client_path, "DescribeRouteTableList", {"RegionId": REGION, **filters})
        return body["RouterTableList"]["RouterTableListType"]

    (table,) = tables(VpcId=vpc_id)  # what Terraform's alicloud_vpc reads after every apply
    assert (table["RouteTableId"], table["RouterId"], table["RouteTableType"]) == (table_id, router_id, "System")
    assert (table["RouterType"], table["AssociateType"], table["Status"]) == ("VRouter", "VSwitch", "Available")
    assert sorted(table["VSwitchIds"]["VSwitchId"]) == sorted([first, second])
    assert table["OwnerId"] == int(ecs_mock.default_account.account_id) and table["RoutePropagationEnable"] is True
    assert len(tables()) == 2
    for filters in ({"RouteTableId": table_id}, {"RouterId": router_id}, {"VpcId": vpc_id, "RouteTableType": "System"}):
        assert [t["RouteTableId"] for t in tables(**filters)] == [table_id]
    for filters in (
        {"RouteTableType": "Custom"},  # the mock makes none
        {"RouterType": "VBR"},
        {"RouteTableName": "named"},
        {"Tag": [{"Key": "env", "Value": "prod"}]},
        {"VpcId": "vpc-bp1nothing"},
    ):
        assert tables(**filters) == []
    page = vpc_call(client_path, "DescribeRouteTableList", {"RegionId": REGION, "PageSize": 1, "PageNumber": 2})
    assert (page["TotalCount"], page["PageNumber"], len(page["RouterTableList"]["RouterTableListType"])) == (2, 2, 1)
    stranger = ecs_mock.create_account()
    theirs = vpc_call(client_path, "DescribeRouteTableList", {"RegionId": REGION}, account=stranger)
    assert theirs["RouterTableList"]["RouterTableListType"] == []

    routers = vpc_call(client_path, "DescribeVRouters", {"RegionId": REGION, "VRouterId": router_id})
    (router,) = routers["VRouters"]["VRouter"]
    assert (router["VpcId"], router["VRouterId"], router["RegionId"]) == (vpc_id, router_id, REGION)
    assert router["RouteTableIds"] == {"RouteTableId": [table_id]}
    everything = vpc_call(client_path, "DescribeVRouters", {"RegionId": REGION})["VRouters"]["VRouter"]
    assert sorted(r["VpcId"] for r in everything) == sorted([vpc_id, other_vpc])
    fails(
        client_path,
        (400, "InvalidParameter", 'The specified parameter "PageSize" is not valid.'),
        "DescribeVRouters",
        {"RegionId": REGION, "PageSize": 51},
    )


# --- isolation --------------------------------------------------------------------------------------------------


def test_another_account_can_neither_see_nor_touch_the_network(client_path, ecs_mock):
    stranger = ecs_mock.create_account()
    vpc_id = create_vpc(client_path, VpcName="mine")
    vswitch_id = create_vswitch(client_path, vpc_id, "192.168.1.0/24", VSwitchName="mine")
    allocation_id = allocate(client_path)["AllocationId"]

    assert vpcs(client_path, stranger) == [] and vpcs(client_path, stranger, VpcId=vpc_id) == []
    assert vswitches(client_path, stranger) == [] and vswitches(client_path, stranger, VpcId=vpc_id) == []
    assert vswitches(client_path, stranger, VSwitchId=vswitch_id) == []
    assert eips(client_path, stranger) == [] and eips(client_path, stranger, AllocationId=allocation_id) == []
    for action, params in (
        ("DescribeVpcAttribute", {"RegionId": REGION, "VpcId": vpc_id}),
        ("ModifyVpcAttribute", {"RegionId": REGION, "VpcId": vpc_id, "VpcName": "theirs"}),
        ("DeleteVpc", {"RegionId": REGION, "VpcId": vpc_id}),
        ("CreateVSwitch", {"RegionId": REGION, "VpcId": vpc_id, "ZoneId": ZONE, "CidrBlock": "192.168.2.0/24"}),
    ):
        fails(client_path, VPC_NOT_FOUND, action, params, stranger)
    fails(
        client_path,
        (400, "InvalidVSwitchId.NotFound", "Specified VSwitch can not found."),
        "DescribeVSwitchAttributes",
        {"RegionId": REGION, "VSwitchId": vswitch_id},
        stranger,
    )
    fails(
        client_path,
        (404, "InvalidVSwitchId.NotFound", "The specified virtual switch does not exists."),
        "ModifyVSwitchAttribute",
        {"RegionId": REGION, "VSwitchId": vswitch_id, "VSwitchName": "theirs"},
        stranger,
    )
    fails(
        client_path,
        (400, "InvalidVSwitchId.NotFound", "VSwitch not exist."),
        "DeleteVSwitch",
        {"RegionId": REGION, "VSwitchId": vswitch_id},
        stranger,
    )
    fails(
        client_path,
        ALLOCATION_NOT_FOUND,
        "ReleaseEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id},
        stranger,
    )
    fails(
        client_path,
        ALLOCATION_NOT_FOUND,
        "AssociateEipAddress",
        {"RegionId": REGION, "AllocationId": allocation_id, "InstanceId": "i-bp1nothing"},
        stranger,
    )

    # the stranger's own network may reuse the same blocks, and the owner's is untouched
    theirs = create_vpc(client_path, account=stranger)
    create_vswitch(client_path, theirs, "192.168.1.0/24", account=stranger)
    assert vpc_ids(client_path) == [vpc_id] and vpcs(client_path)[0]["VpcName"] == "mine"
    assert vswitch_ids(client_path) == [vswitch_id] and vswitches(client_path)[0]["VSwitchName"] == "mine"
    assert [e["AllocationId"] for e in eips(client_path)] == [allocation_id]


def test_other_regions_resources_are_not_listed(client_path):
    here = create_vpc(client_path)
    there = create_vpc(client_path, region=OTHER_REGION)
    assert there.startswith("vpc-uf")  # Shanghai's id prefix
    there_vswitch = create_vswitch(client_path, there, "192.168.1.0/24", zone=OTHER_ZONE, region=OTHER_REGION)
    fails(
        client_path,
        (404, "InvalidZoneId.NotFound", "Specified zone does not exist."),
        "CreateVSwitch",
        {"RegionId": OTHER_REGION, "VpcId": there, "ZoneId": ZONE, "CidrBlock": "192.168.2.0/24"},
        region=OTHER_REGION,
    )
    here_eip = allocate(client_path)["AllocationId"]
    there_eip = allocate(client_path, region=OTHER_REGION)["AllocationId"]

    assert vpc_ids(client_path) == [here] and vpc_ids(client_path, region=OTHER_REGION) == [there]
    assert vpc_ids(client_path, VpcId=there) == []
    assert vswitches(client_path) == [] and vswitch_ids(client_path, region=OTHER_REGION) == [there_vswitch]
    assert [e["AllocationId"] for e in eips(client_path)] == [here_eip]
    assert [e["AllocationId"] for e in eips(client_path, region=OTHER_REGION)] == [there_eip]
    fails(client_path, VPC_NOT_FOUND, "DescribeVpcAttribute", {"RegionId": REGION, "VpcId": there})
    fails(
        client_path,
        VPC_NOT_FOUND,
        "CreateVSwitch",
        {"RegionId": REGION, "VpcId": there, "ZoneId": ZONE, "CidrBlock": "192.168.2.0/24"},
    )


# --- not implemented --------------------------------------------------------------------------------------------


def test_ipv6_and_other_unimplemented_parameters_answer_501(client_path):
    not_implemented(client_path, "CreateVpc", {"RegionId": REGION, "EnableIpv6": True}, "EnableIpv6")
    not_implemented(client_path, "CreateVpc", {"RegionId": REGION, "EnableIpv6": False}, "EnableIpv6")
    not_implemented(
        client_path, "CreateVpc", {"RegionId": REGION, "Ipv6CidrBlock": "2408:4005:3c5::/56"}, "Ipv6CidrBlock"
    )
    not_implemented(client_path, "CreateVpc", {"RegionId": REGION, "ResourceGroupId": "rg-aek2"}, "ResourceGroupId")
    not_implemented(client_path, "CreateDefaultVpc", {"RegionId": REGION, "EnableIpv6": True}, "EnableIpv6")
    not_implemented(client_path, "DescribeVpcs", {"RegionId": REGION, "ResourceGroupId": "rg-aek2"}, "ResourceGroupId")
    assert vpcs(client_path) == []
    vpc_id = create_vpc(client_path)
    not_implemented(
        client_path, "ModifyVpcAttribute", {"RegionId": REGION, "VpcId": vpc_id, "EnableIPv6": True}, "EnableIPv6"
    )
    not_implemented(
        client_path,
        "CreateVSwitch",
        {"RegionId": REGION, "VpcId": vpc_id, "ZoneId": ZONE, "CidrBlock": "192.168.1.0/24", "Ipv6CidrBlock": 1},
        "Ipv6CidrBlock",
    )
    assert vswitches(client_path) == []


@pytest.mark.parametrize(
    "action, params, name",
    [
        ("CreateVpc", {"CidrBlock": "10.0.0.0/8", "DryRun": "maybe"}, "DryRun"),
        ("AllocateEipAddress", {"AutoPay": "maybe"}, "AutoPay"),
    ],
)
def test_mistyped_parameters_get_the_gateways_text(action, params, name, ecs_mock):
    path = V2Path(ecs_mock)  # any client can send a string where the description documents a boolean
    fails(
        path,
        (400, "InvalidParameter", f'The specified parameter "{name}" is not valid.'),
        action,
        {"RegionId": REGION, **params},
    )


def test_mistyped_parameters_of_other_actions_get_the_gateways_text(client_path):
    fails(
        client_path,
        (400, "InvalidParameter", 'The specified parameter "IsDefault" is not valid.'),
        "DescribeVpcs",
        {"RegionId": REGION, "IsDefault": "maybe"},
    )
    fails(
        client_path,
        (400, "InvalidParameter", 'The specified parameter "PageNumber" is not valid.'),
        "DescribeEipAddresses",
        {"RegionId": REGION, "PageNumber": "first"},
    )


# --- persistence (in-process) ------------------------------------------------------------------------------------


def test_state_round_trips_vpcs_vswitches_and_eips(ecs_mock):
    path = V2Path(ecs_mock)
    created = vpc_call(
        path,
        "CreateVpc",
        {"RegionId": REGION, "CidrBlock": "10.0.0.0/16", "VpcName": "saved", "Tag": [{"Key": "env", "Value": "prod"}]},
    )
    vswitch_id = create_vswitch(path, created["VpcId"], "10.0.1.0/24", VSwitchName="saved")
    default_vpc = vpc_call(path, "CreateDefaultVpc", {"RegionId": OTHER_REGION}, region=OTHER_REGION)["VpcId"]
    allocated = allocate(path, Bandwidth="20", Name="saved")
    before = (vpcs(path), vswitches(path), eips(path), vpcs(path, region=OTHER_REGION))

    state = json.loads(json.dumps(ecs_mock.state()))  # plain JSON
    assert {row["vpc_id"] for row in state["vpcs"]} == {created["VpcId"], default_vpc}
    assert [row["vswitch_id"] for row in state["vswitches"]] == [vswitch_id]
    assert [row["allocation_id"] for row in state["eips"]] == [allocated["AllocationId"]]
    ecs_mock.reset()
    assert vpcs(path) == [] and eips(path) == []
    ecs_mock.load(state)
    after = (vpcs(path), vswitches(path), eips(path), vpcs(path, region=OTHER_REGION))
    assert after == before
    assert before[0][0]["Tags"] == {"Tag": [{"Key": "env", "Value": "prod"}]}
    assert ecs_mock.state() == state

    # the loaded network works as the saved one did
    fails(
        path,
        (400, "InvalidCidrBlock.Overlapped", "Specified CIDR block overlapped with other subnets."),
        "CreateVSwitch",
        {"RegionId": REGION, "VpcId": created["VpcId"], "ZoneId": ZONE, "CidrBlock": "10.0.1.0/25"},
    )
    fails(
        path,
        (400, "OperationFailed.DefaultVpcExist", "OperationFailed.DefaultVpcExist"),
        "CreateDefaultVpc",
        {"RegionId": OTHER_REGION},
        region=OTHER_REGION,
    )
    vpc_call(path, "DeleteVSwitch", {"RegionId": REGION, "VSwitchId": vswitch_id})
    vpc_call(path, "DeleteVpc", {"RegionId": REGION, "VpcId": created["VpcId"]})
    vpc_call(path, "ReleaseEipAddress", {"RegionId": REGION, "AllocationId": allocated["AllocationId"]})
    assert vpcs(path) == [] and vswitches(path) == [] and eips(path) == []


def test_vpc_resources_are_tagged_listed_and_untagged(client_path, ecs_mock):
    vpc_id = vpc_call(client_path, "CreateVpc", {"RegionId": REGION, "CidrBlock": "10.0.0.0/8"})["VpcId"]
    eip_id = vpc_call(client_path, "AllocateEipAddress", {"RegionId": REGION})["AllocationId"]
    tag = lambda kind, ids, **tags: vpc_call(  # noqa: E731
        client_path,
        "TagResources",
        {
            "RegionId": REGION,
            "ResourceType": kind,
            "ResourceId": ids,
            "Tag": [{"Key": k, "Value": v} for k, v in tags.items()],
        },
    )
    tag("VPC", [vpc_id], env="prod", team="net")
    tag("EIP", [eip_id], env="prod")
    listed = lambda kind, **params: sorted(  # noqa: E731
        (t["ResourceId"], t["TagKey"], t["TagValue"], t["ResourceType"])
        for t in vpc_call(client_path, "ListTagResources", {"RegionId": REGION, "ResourceType": kind, **params})[
            "TagResources"
        ]["TagResource"]
    )
    assert listed("VPC", ResourceId=[vpc_id]) == [(vpc_id, "env", "prod", "VPC"), (vpc_id, "team", "net", "VPC")]
    assert listed("EIP", Tag=[{"Key": "env", "Value": "prod"}]) == [(eip_id, "env", "prod", "EIP")]
    described = vpc_call(client_path, "DescribeVpcs", {"RegionId": REGION, "Tag": [{"Key": "team", "Value": "net"}]})
    assert [v["VpcId"] for v in described["Vpcs"]["Vpc"]] == [vpc_id]
    vpc_call(
        client_path,
        "UnTagResources",
        {"RegionId": REGION, "ResourceType": "VPC", "ResourceId": [vpc_id], "TagKey": ["team"]},
    )
    assert listed("VPC", ResourceId=[vpc_id]) == [(vpc_id, "env", "prod", "VPC")]
    vpc_call(
        client_path, "UnTagResources", {"RegionId": REGION, "ResourceType": "VPC", "ResourceId": [vpc_id], "All": True}
    )
    assert listed("VPC", ResourceId=[vpc_id]) == []
    fails(
        client_path,
        (400, "InvalidInstanceIds.NotFound", "The instanceIds are not found"),
        "TagResources",
        {"RegionId": REGION, "ResourceType": "VPC", "ResourceId": ["vpc-nope"], "Tag": [{"Key": "a", "Value": "b"}]},
    )
    fails(
        client_path,
        (400, "InvalidTagKey", "The tag keys are not valid."),
        "TagResources",
        {
            "RegionId": REGION,
            "ResourceType": "VPC",
            "ResourceId": [vpc_id],
            "Tag": [{"Key": "acs:owner", "Value": "b"}],
        },
    )
    fails(
        client_path,
        (400, "InvalidInstanceType.NotFound", "The instance type is not found"),
        "TagResources",
        {"RegionId": REGION, "ResourceType": "SPACESHIP", "ResourceId": [vpc_id], "Tag": [{"Key": "a", "Value": "b"}]},
    )
    fails(
        client_path,
        (400, "BothEmpty.TagsAndResources", "The specified Tags and ResourcesIds are not allow to both empty."),
        "ListTagResources",
        {"RegionId": REGION, "ResourceType": "VPC"},
    )
