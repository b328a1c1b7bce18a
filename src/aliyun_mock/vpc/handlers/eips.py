"""AllocateEipAddress, AssociateEipAddress, UnassociateEipAddress, DescribeEipAddresses,
ModifyEipAddressAttribute, ReleaseEipAddress.

An EIP is associated with an ECS instance of the same account and region; the instance is found
through the products that registered as network users (``state.py``).
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

from ...core.errors import ApiError
from ...core.paging import page_of
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_from, tags_match
from ..models import Eip
from ..names import check_description, check_name
from ..product import VPC
from ..state import VpcCall
from ..views import eip_view

CHARGE_TYPES = ("PostPaid", "PrePaid")
INTERNET_CHARGE_TYPES = {"PayByBandwidth": 500, "PayByTraffic": 200}  # → highest bandwidth, Mbit/s
# BGP (multi-line) everywhere; BGP_PRO only in these regions (AllocateEipAddress, ISP).
BGP_PRO_REGIONS = frozenset(
    {
        "cn-hongkong",
        "ap-southeast-1",
        "ap-northeast-1",
        "ap-southeast-3",
        "ap-southeast-6",
        "ap-southeast-5",
        "ap-southeast-7",
    }
)
ECS_INSTANCE = "EcsInstance"
ASSOCIABLE_STATUSES = ("Running", "Stopped")


def _bandwidth(raw: str, internet_charge_type: str) -> int:
    highest = INTERNET_CHARGE_TYPES[internet_charge_type]
    if not raw.isdigit() or not 1 <= int(raw) <= highest:
        raise ApiError("InvalidBandwidth.Malformed")
    return int(raw)


@VPC.action(
    "AllocateEipAddress",
    fields=("Tag.Key", "Tag.Value"),
    without_effect={
        **RESOURCE_OWNER,
        "AutoPay": "pay-as-you-go only: there is no order to pay",
        "ActivityId": "a promotion id: no price in the mock",
    },
    not_implemented=(
        "Period",
        "PricingCycle",
        "ResourceGroupId",
        "SecurityProtectionTypes",
        "PublicIpAddressPoolId",
        "Zone",
        "IpAddress",
        "InstanceId",
    ),  # fmt: skip
)
def allocate_eip_address(
    call: VpcCall,
    *,
    RegionId: str,
    Bandwidth: str = "5",
    InternetChargeType: str = "PayByBandwidth",
    InstanceChargeType: str = "PostPaid",
    ISP: str = "BGP",
    Netmode: str = "public",
    Name: str = "",
    Description: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
) -> Body:
    region = call.state.region(RegionId)
    if InstanceChargeType not in CHARGE_TYPES:
        raise ApiError("InvalidParameter", "InstanceChargeType")
    if InstanceChargeType == "PrePaid":
        raise VPC.not_implemented("AllocateEipAddress", "InstanceChargeType=PrePaid")
    if InternetChargeType not in INTERNET_CHARGE_TYPES:
        raise VPC.documented_error("AllocateEipAddress", "InvalidParameter")  # its own text, not the gateway's
    bandwidth = _bandwidth(Bandwidth, InternetChargeType)
    if Netmode != "public":
        raise ApiError("InvalidParameter", "Netmode")
    if ISP == "BGP_PRO" and RegionId not in BGP_PRO_REGIONS:
        raise ApiError("UnsupportedFeature.Isp")
    if ISP not in ("BGP", "BGP_PRO"):  # single-line ISPs are for allow-listed accounts
        raise VPC.not_implemented("AllocateEipAddress", f"ISP={ISP}")
    entropy = call.state.entropy
    eip = Eip(
        allocation_id=region.new_id("eip"),
        region_id=region.region_id,
        owner_id=call.account.account_id,
        ip_address=_free_public_address(call),
        allocation_time=entropy.now_iso(),
        bandwidth=bandwidth,
        internet_charge_type=InternetChargeType,
        isp=ISP,
        name=Name,
        description=Description,
        tags=tags_from(Tag),
    )
    region.eips[eip.allocation_id] = eip
    return {"AllocationId": eip.allocation_id, "EipAddress": eip.ip_address, "OrderId": 0}


def _free_public_address(call: VpcCall) -> str:
    """A public address no EIP of the cloud has (47.0.0.0/8, where Alibaba Cloud's addresses are)."""
    taken = {e.ip_address for r in call.state.regions() for e in r.eips.values()}
    below = call.state.entropy.below
    while True:
        address = f"47.{below(256)}.{below(256)}.{below(254) + 1}"
        if address not in taken:
            return address


@VPC.action(
    "AssociateEipAddress",
    without_effect=RESOURCE_OWNER,
    not_implemented=("InstanceRegionId", "PrivateIpAddress", "Mode", "VpcId"),
)
def associate_eip_address(
    call: VpcCall, *, AllocationId: str, InstanceId: str, RegionId: str = "", InstanceType: str = ECS_INSTANCE
) -> Body:
    region = call.state.locate(RegionId or call.region_id, AllocationId)
    eip = region.owned_eip(AllocationId, call.account.account_id)
    if InstanceType != ECS_INSTANCE:  # NAT gateways, load balancers, ENIs, HaVips: not in the mock
        raise VPC.not_implemented("AssociateEipAddress", f"InstanceType={InstanceType}")
    owner = call.account.account_id
    host = call.state.host(region.region_id, InstanceId)
    if host is None or host.owner_id != owner:  # the caller's instance in another region is a mismatch
        elsewhere = [call.state.host(r.region_id, InstanceId) for r in call.state.regions()]
        mine = any(h is not None and h.owner_id == owner for h in elsewhere)
        raise ApiError("InvalidParameter.Mismatch" if mine else "InvalidInstanId.NotFound")
    if eip.status != "Available":
        raise ApiError("IncorrectEipStatus")
    if region.eip_of(InstanceId) is not None:
        raise ApiError("InvalidAssociation.Duplicated")
    if host.status not in ASSOCIABLE_STATUSES:
        raise ApiError("IncorrectInstanceStatus")
    if host.public_ip:  # an instance with public bandwidth of its own takes no EIP
        raise ApiError("Forbidden.InstanceBandwidthNotZero")
    eip.instance_id, eip.instance_type, eip.instance_region_id = InstanceId, ECS_INSTANCE, region.region_id
    call.state.transitions.begin(eip, "Associating", "InUse")
    return {}


@VPC.action(
    "UnassociateEipAddress",
    without_effect={**RESOURCE_OWNER, "Force": "forces unbinding from ENIs and NAT gateways, which the mock lacks"},
    not_implemented=("PrivateIpAddress",),
)
def unassociate_eip_address(
    call: VpcCall, *, AllocationId: str, RegionId: str = "", InstanceId: str = "", InstanceType: str = ECS_INSTANCE
) -> Body:
    region = call.state.locate(RegionId or call.region_id, AllocationId)
    eip = region.owned_eip(AllocationId, call.account.account_id)
    if InstanceType != ECS_INSTANCE:
        raise VPC.not_implemented("UnassociateEipAddress", f"InstanceType={InstanceType}")
    if eip.status != "InUse":
        raise ApiError("IncorrectEipStatus")
    if InstanceId and InstanceId != eip.instance_id:
        raise ApiError("InvalidBindingStatus")
    release(call, eip)
    return {}


def release(call: VpcCall, eip: Eip) -> None:
    eip.instance_id = eip.instance_type = eip.instance_region_id = ""
    call.state.transitions.begin(eip, "Unassociating", "Available")


@VPC.action(
    "DescribeEipAddresses",
    fields=("Tag.Key", "Tag.Value"),
    without_effect={**RESOURCE_OWNER, "IncludeReservationData": "no EIP of the mock has a pending reservation"},
    not_implemented=(
        "SegmentInstanceId",
        "ResourceGroupId",
        "Filter.1.Key",
        "Filter.2.Key",
        "Filter.1.Value",
        "Filter.2.Value",
    ),  # fmt: skip
)
def describe_eip_addresses(
    call: VpcCall,
    *,
    RegionId: str,
    AllocationId: str = "",
    EipAddress: str = "",
    Status: str = "",
    ISP: str = "",
    EipName: str = "",
    AssociatedInstanceType: str = "",
    AssociatedInstanceId: str = "",
    ChargeType: str = "",
    LockReason: str = "",
    SecurityProtectionEnabled: Optional[bool] = None,
    PublicIpAddressPoolId: str = "",
    ServiceManaged: Optional[bool] = None,
    Tag: Sequence[Dict[str, Any]] = (),
    DryRun: bool = False,
    PageNumber: int = 1,
    PageSize: int = 10,
) -> Body:
    region = call.state.region(RegionId)
    if ChargeType and ChargeType not in CHARGE_TYPES:
        raise ApiError("InvalidChargeType.ValueNotSupported")
    if DryRun:
        raise ApiError("DryRunOperation")
    call.state.transitions.observe()
    ids = {i for i in AllocationId.split(",") if i}
    addresses = {a for a in EipAddress.split(",") if a}
    wanted_tags = tags_from(Tag)
    matches = [
        e
        for e in region.eips.values()
        if e.owner_id == call.account.account_id
        and (not ids or e.allocation_id in ids)
        and (not addresses or e.ip_address in addresses)
        and (not Status or e.status == Status)
        and (not ISP or e.isp == ISP)
        and (not EipName or e.name == EipName)
        and (not AssociatedInstanceType or e.instance_type == AssociatedInstanceType)
        and (not AssociatedInstanceId or e.instance_id == AssociatedInstanceId)
        and ChargeType in ("", "PostPaid")  # every EIP of the mock is pay-as-you-go
        # none is locked, protected against DDoS, from an address pool or managed by a service
        and not LockReason
        and not SecurityProtectionEnabled
        and not PublicIpAddressPoolId
        and not ServiceManaged
        and tags_match(e.tags, wanted_tags)
    ]
    page, fields = page_of(matches, PageNumber, PageSize)
    return {**fields, "EipAddresses": {"EipAddress": [eip_view(e) for e in page]}}


@VPC.action("ModifyEipAddressAttribute", without_effect=RESOURCE_OWNER)
def modify_eip_address_attribute(
    call: VpcCall, *, AllocationId: str, RegionId: str = "", Bandwidth: str = "", Name: str = "", Description: str = ""
) -> Body:
    """Name, description and bandwidth (within what the EIP's billing allows); what is left out stays."""
    region = call.state.locate(RegionId or call.region_id, AllocationId)
    eip = region.owned_eip(AllocationId, call.account.account_id)
    check_name(Name, "InvalidEipAddressName.Malformed")
    check_description(Description, "InvalidDescription.Malformed")
    bandwidth = eip.bandwidth
    if Bandwidth:
        try:
            bandwidth = _bandwidth(Bandwidth, eip.internet_charge_type)
        except ApiError:
            raise VPC.documented_error("ModifyEipAddressAttribute", "InvalidParameter") from None
    if eip.status not in ("Available", "InUse"):
        raise ApiError("IncorrectEipStatus")
    eip.name, eip.description = Name or eip.name, Description or eip.description
    eip.bandwidth = bandwidth
    return {}


@VPC.action("ReleaseEipAddress", without_effect=RESOURCE_OWNER)
def release_eip_address(call: VpcCall, *, AllocationId: str, RegionId: str = "") -> Body:
    region = call.state.locate(RegionId or call.region_id, AllocationId)
    eip = region.owned_eip(AllocationId, call.account.account_id)
    if eip.status != "Available":
        raise ApiError("IncorrectEipStatus")
    del region.eips[eip.allocation_id]
    return {}
