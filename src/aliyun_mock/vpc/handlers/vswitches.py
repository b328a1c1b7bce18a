"""CreateVSwitch, CreateDefaultVSwitch, DescribeVSwitches, DescribeVSwitchAttributes,
ModifyVSwitchAttribute, DeleteVSwitch."""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

from ...core.errors import ApiError
from ...core.paging import page_of
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_from, tags_match
from .. import cidr
from ..models import VSwitch
from ..names import check_description, check_name
from ..product import VPC
from ..state import NetworkRegion, VpcCall, VpcState
from ..views import vswitch_view

MAX_VSWITCHES_PER_VPC = 150  # CreateVSwitch: "You can create at most 150 vSwitches in a VPC"
MAX_VSWITCH_IDS = 20
IPV6 = ("Ipv6CidrBlock", "VpcIpv6CidrBlock", "Ipv6CidrMask")


@VPC.action(
    "CreateVSwitch",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=IPV6 + ("CidrMask",),
)
def create_vswitch(
    call: VpcCall,
    *,
    VpcId: str,
    ZoneId: str,
    CidrBlock: str,
    RegionId: str = "",
    VSwitchName: str = "",
    Description: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
) -> Body:
    region = call.state.locate(RegionId or call.region_id, VpcId)
    vpc = region.owned_vpc(VpcId, call.account.account_id)
    if ZoneId not in region.zones:
        raise ApiError("InvalidZoneId.NotFound")
    block = cidr.network(CidrBlock)
    if block is None:
        raise ApiError("InvalidCidrBlock.Malformed")
    if cidr.vswitch_block(CidrBlock) is None:
        raise ApiError("InvalidCirdrBlock.MaskLength")
    if not block.subnet_of(cidr.network(vpc.cidr_block)):  # type: ignore[arg-type]
        raise VPC.documented_error("CreateVSwitch", "InvalidParameter")  # its own text, not the gateway's
    siblings = region.vswitches_of(vpc.vpc_id)
    if cidr.overlaps_any(block, (s.cidr_block for s in siblings)):
        raise ApiError("InvalidCidrBlock.Overlapped")
    check_name(VSwitchName, "InvalidVSwitchName.Malformed")
    check_description(Description, "InvalidVSwitchDiscription.Malformed")
    if vpc.status != "Available":
        raise ApiError("IncorrectVpcStatus")
    if len(siblings) >= MAX_VSWITCHES_PER_VPC:
        raise ApiError("QuotaExceeded.VSwitch")
    vswitch = call.state.new_vswitch(region, vpc, ZoneId, CidrBlock)
    vswitch.name, vswitch.description, vswitch.tags = VSwitchName, Description, tags_from(Tag)
    return {"VSwitchId": vswitch.vswitch_id}


@VPC.action("CreateDefaultVSwitch", without_effect=RESOURCE_OWNER, not_implemented=("Ipv6CidrBlock",))
def create_default_vswitch(call: VpcCall, *, RegionId: str, ZoneId: str) -> Body:
    region = call.state.region(RegionId)
    vpc = region.default_vpc(call.account.account_id)
    if vpc is None:
        raise ApiError("OperationFailed.DefaultVpcNotExist")
    if ZoneId not in region.zones:
        raise ApiError("InvalidZoneId.NotFound")
    if vpc.status != "Available":
        raise ApiError("IncorrectVpcStatus")
    if any(s.is_default and s.zone_id == ZoneId for s in region.vswitches_of(vpc.vpc_id)):
        raise ApiError("OperationFailed.DefaultVSwitchExist")
    return {"VSwitchId": call.state.default_vswitch(region, vpc, ZoneId).vswitch_id}


def _view(state: VpcState, region: NetworkRegion, vswitch: VSwitch) -> Dict[str, Any]:
    block = cidr.network(vswitch.cidr_block)
    taken = len(state.taken_addresses(region.region_id, vswitch.vswitch_id))
    available = cidr.usable_count(block) - taken if block is not None else 0
    return vswitch_view(vswitch, available, region.vpcs[vswitch.vpc_id].route_table_id)


@VPC.action(
    "DescribeVSwitches",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=("ResourceGroupId",),
)
def describe_vswitches(
    call: VpcCall,
    *,
    RegionId: str = "",
    VpcId: str = "",
    VSwitchId: str = "",
    ZoneId: str = "",
    VSwitchName: str = "",
    IsDefault: Optional[bool] = None,
    RouteTableId: str = "",
    VSwitchOwnerId: Optional[int] = None,
    EnableIpv6: Optional[bool] = None,
    Tag: Sequence[Dict[str, Any]] = (),
    DryRun: bool = False,
    PageNumber: int = 1,
    PageSize: int = 10,
) -> Body:
    wanted_ids = [i for i in VSwitchId.split(",") if i]
    if len(wanted_ids) > MAX_VSWITCH_IDS:
        raise ApiError("InvalidVSwitchIdNumber.NotSupported")
    region = call.state.locate(RegionId or call.region_id, wanted_ids[0] if wanted_ids else VpcId)
    if DryRun:
        raise ApiError("DryRunOperation")
    call.state.transitions.observe()
    wanted_tags = tags_from(Tag)
    owner = call.account.account_id
    matches = [
        s
        for s in region.vswitches.values()
        if s.owner_id == owner
        and (not wanted_ids or s.vswitch_id in wanted_ids)
        and (not VpcId or s.vpc_id == VpcId)
        and (not ZoneId or s.zone_id == ZoneId)
        and (not VSwitchName or s.name == VSwitchName)
        and (IsDefault is None or s.is_default == IsDefault)
        and (not RouteTableId or region.vpcs[s.vpc_id].route_table_id == RouteTableId)
        and (VSwitchOwnerId is None or s.owner_id == str(VSwitchOwnerId))
        and not EnableIpv6  # no vSwitch of the mock has IPv6
        and tags_match(s.tags, wanted_tags)
    ]
    page, fields = page_of(matches, PageNumber, PageSize, max_size=50)
    return {**fields, "VSwitches": {"VSwitch": [_view(call.state, region, s) for s in page]}}


@VPC.action("DescribeVSwitchAttributes", without_effect=RESOURCE_OWNER)
def describe_vswitch_attributes(call: VpcCall, *, VSwitchId: str, RegionId: str = "", DryRun: bool = False) -> Body:
    region = call.state.locate(RegionId or call.region_id, VSwitchId)
    vswitch = region.owned_vswitch(VSwitchId, call.account.account_id)
    if DryRun:
        raise ApiError("DryRunOperation")
    call.state.transitions.observe()
    return _view(call.state, region, vswitch)


@VPC.action(
    "ModifyVSwitchAttribute",
    without_effect=RESOURCE_OWNER,
    not_implemented=("EnableIPv6",) + IPV6,
)
def modify_vswitch_attribute(
    call: VpcCall, *, VSwitchId: str, RegionId: str = "", VSwitchName: str = "", Description: str = ""
) -> Body:
    region = call.state.locate(RegionId or call.region_id, VSwitchId)
    vswitch = region.owned_vswitch(VSwitchId, call.account.account_id)
    check_name(VSwitchName, "InvalidVSwitchName.Malformed")
    check_description(Description, "InvalidVSwitchDiscription.Malformed")
    vswitch.name = VSwitchName or vswitch.name
    vswitch.description = Description or vswitch.description
    return {}


@VPC.action("DeleteVSwitch", without_effect=RESOURCE_OWNER)
def delete_vswitch(call: VpcCall, *, VSwitchId: str, RegionId: str = "", DryRun: bool = False) -> Body:
    region = call.state.locate(RegionId or call.region_id, VSwitchId)
    vswitch = region.owned_vswitch(VSwitchId, call.account.account_id)
    if vswitch.status != "Available":
        raise ApiError("IncorrectVSwitchStatus")
    if call.state.dependency(region.region_id, vswitch.vswitch_id) is not None:
        raise ApiError("DependencyViolation")
    if DryRun:
        raise ApiError("DryRunOperation")
    del region.vswitches[vswitch.vswitch_id]
    return {}
