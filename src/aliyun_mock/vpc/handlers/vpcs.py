"""CreateVpc, CreateDefaultVpc, DescribeVpcs, DescribeVpcAttribute, ModifyVpcAttribute, DeleteVpc."""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

from ...core.errors import ApiError
from ...core.paging import page_of
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_from, tags_match
from .. import cidr
from ..names import check_description, check_name
from ..product import VPC
from ..state import VpcCall
from ..views import vpc_view

MAX_VPCS_PER_REGION = 10  # an account's default quota (https://www.alibabacloud.com/help/en/vpc/limits)
MAX_VPC_IDS = 20  # DescribeVpcs: VpcId takes up to 20 ids, comma-separated
IPV6 = ("Ipv6CidrBlock", "EnableIpv6", "Ipv6Isp", "Ipv6CidrMask", "Ipv6IpamPoolId")


def _check_quota(call: VpcCall, region_id: str) -> None:
    region = call.state.region(region_id)
    if sum(v.owner_id == call.account.account_id for v in region.vpcs.values()) >= MAX_VPCS_PER_REGION:
        raise ApiError("QuotaExceeded.Vpc")


@VPC.action(
    "CreateVpc",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=IPV6 + ("ResourceGroupId", "UserCidr", "Ipv4IpamPoolId", "Ipv4CidrMask", "EnableDnsHostname"),
)
def create_vpc(
    call: VpcCall,
    *,
    RegionId: str,
    CidrBlock: str = cidr.DEFAULT_VPC_BLOCK,
    VpcName: str = "",
    Description: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
    DryRun: bool = False,
) -> Body:
    region = call.state.region(RegionId)
    if cidr.vpc_block(CidrBlock) is None:
        raise VPC.documented_error("CreateVpc", "InvalidParameter")  # its own text, not the gateway's
    check_name(VpcName, "InvalidVpcName.Malformed")
    check_description(Description, "InvalidVpcDiscription.Malformed")
    _check_quota(call, RegionId)
    if DryRun:
        raise ApiError("DryRunOperation")
    vpc = call.state.new_vpc(region, call.account.account_id, CidrBlock)
    vpc.name, vpc.description, vpc.tags = VpcName, Description, tags_from(Tag)
    return {"VpcId": vpc.vpc_id, "VRouterId": vpc.vrouter_id, "RouteTableId": vpc.route_table_id}


@VPC.action(
    "CreateDefaultVpc",
    without_effect=RESOURCE_OWNER,
    not_implemented=("Ipv6CidrBlock", "EnableIpv6", "ResourceGroupId"),
)
def create_default_vpc(call: VpcCall, *, RegionId: str) -> Body:
    """The account's default VPC of the region (172.16.0.0/12); its default vSwitches come one per
    zone, with CreateDefaultVSwitch or when an instance is launched without a vSwitch."""
    region = call.state.region(RegionId)
    if region.default_vpc(call.account.account_id) is not None:
        raise ApiError("OperationFailed.DefaultVpcExist")
    _check_quota(call, RegionId)
    vpc = call.state.new_vpc(region, call.account.account_id, cidr.DEFAULT_VPC_BLOCK, is_default=True)
    return {"VpcId": vpc.vpc_id, "VRouterId": vpc.vrouter_id, "RouteTableId": vpc.route_table_id}


@VPC.action(
    "DescribeVpcs",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=("ResourceGroupId",),
)
def describe_vpcs(
    call: VpcCall,
    *,
    RegionId: str,
    VpcId: str = "",
    VpcName: str = "",
    IsDefault: Optional[bool] = None,
    VpcOwnerId: Optional[int] = None,
    DhcpOptionsSetId: str = "",
    EnableIpv6: Optional[bool] = None,
    Tag: Sequence[Dict[str, Any]] = (),
    DryRun: bool = False,
    PageNumber: int = 1,
    PageSize: int = 10,
) -> Body:
    region = call.state.region(RegionId)
    wanted_ids = [i for i in VpcId.split(",") if i] if VpcId else []
    if len(wanted_ids) > MAX_VPC_IDS:
        raise ApiError("InvalidVpcIdNumber.NotSupported")
    if DryRun:
        raise ApiError("DryRunOperation")
    call.state.transitions.observe()
    wanted_tags = tags_from(Tag)
    owner = call.account.account_id
    matches = [
        v
        for v in region.vpcs.values()
        if v.owner_id == owner
        and (not wanted_ids or v.vpc_id in wanted_ids)
        and (not VpcName or v.name == VpcName)
        and (IsDefault is None or v.is_default == IsDefault)
        and (VpcOwnerId is None or v.owner_id == str(VpcOwnerId))
        and not DhcpOptionsSetId  # no VPC of the mock has a DHCP options set
        and not EnableIpv6  # nor IPv6
        and tags_match(v.tags, wanted_tags)
    ]
    page, fields = page_of(matches, PageNumber, PageSize, max_size=50)
    return {**fields, "Vpcs": {"Vpc": [vpc_view(region, v) for v in page]}}


@VPC.action("DescribeVpcAttribute", without_effect=RESOURCE_OWNER)
def describe_vpc_attribute(
    call: VpcCall, *, RegionId: str, VpcId: str, IsDefault: Optional[bool] = None, DryRun: bool = False
) -> Body:
    region = call.state.region(RegionId)
    vpc = region.owned_vpc(VpcId, call.account.account_id)
    if IsDefault is not None and vpc.is_default != IsDefault:
        raise ApiError("InvalidVpcId.NotFound")
    if DryRun:
        raise ApiError("DryRunOperation")
    call.state.transitions.observe()
    view = vpc_view(region, vpc)
    del view["RouterTableIds"]  # not a field of this body
    return {**view, "ClassicLinkEnabled": False}


@VPC.action(
    "ModifyVpcAttribute",
    without_effect=RESOURCE_OWNER,
    not_implemented=("EnableIPv6", "Ipv6CidrBlock", "Ipv6Isp", "EnableDnsHostname"),
)
def modify_vpc_attribute(
    call: VpcCall, *, VpcId: str, RegionId: str = "", VpcName: str = "", Description: str = "", CidrBlock: str = ""
) -> Body:
    region = call.state.locate(RegionId or call.region_id, VpcId)
    vpc = region.owned_vpc(VpcId, call.account.account_id)
    check_name(VpcName, "InvalidVpcName.Malformed")
    check_description(Description, "InvalidVpcDiscription.Malformed")
    if CidrBlock:
        block = cidr.vpc_block(CidrBlock)
        if block is None:
            raise ApiError("InvalidCidrBlock.Malformed")
        if any(not cidr.network(s.cidr_block).subnet_of(block) for s in region.vswitches_of(vpc.vpc_id)):  # type: ignore[union-attr]
            raise ApiError("IllegalCidrBlock")
    if vpc.status != "Available":
        raise ApiError("IncorrectVpcStatus")
    vpc.name = VpcName or vpc.name
    vpc.description = Description or vpc.description
    vpc.cidr_block = CidrBlock or vpc.cidr_block
    return {}


@VPC.action(
    "DeleteVpc",
    without_effect={
        **RESOURCE_OWNER,
        "ForceDelete": "it also deletes IPv4 and IPv6 gateways, which the mock has none of",
    },
)
def delete_vpc(call: VpcCall, *, VpcId: str, RegionId: str = "", DryRun: bool = False) -> Body:
    region = call.state.locate(RegionId or call.region_id, VpcId)
    vpc = region.owned_vpc(VpcId, call.account.account_id)
    if vpc.status != "Available":
        raise ApiError("IncorrectVpcStatus")
    if region.vswitches_of(vpc.vpc_id):
        raise ApiError("DependencyViolation.VSwitch")
    dependency = call.state.dependency(region.region_id, vpc.vpc_id)
    if dependency is not None:
        raise ApiError(dependency)
    if DryRun:
        raise ApiError("DryRunOperation")
    del region.vpcs[vpc.vpc_id]
    return {}
