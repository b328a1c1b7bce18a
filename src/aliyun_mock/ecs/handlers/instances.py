"""DescribeInstances and DescribeInstanceStatus (launching: ``launch.py``)."""

from __future__ import annotations

import fnmatch
from typing import Any, Dict, List, Optional, Sequence, Set, Union

from ...core.errors import ApiError
from ...core.paging import page_of, paginate
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_match
from ...vpc.state import NetworkRegion
from ..filters import checked_tags, filter_units, json_id_list
from ..product import ECS
from ..state import EcsCall
from ..views import instance_view
from ..vocabulary import INSTANCE_CHARGE_TYPES, INTERNET_CHARGE_TYPES, LOCK_REASONS

MAX_INSTANCE_STATUS_PAGE = 50
MAX_INSTANCES_PER_CALL = 100


@ECS.action(
    "DescribeInstances",
    fields=("Tag.Key", "Tag.Value"),
    without_effect={
        **RESOURCE_OWNER,
        "AdditionalAttributes": "every attribute it could add is always returned",
        "NeedSaleCycle": "SaleCycle is always returned (empty: no subscriptions)",
    },
    not_implemented=(
        "ResourceGroupId",
        "HttpEndpoint",
        "HttpTokens",
        "HttpPutResponseHopLimit",
    )
    + filter_units(4),  # fmt: skip
    own_checks=("Tag", "MaxResults"),  # InvalidTagCount; MaxResults above 100 means 100
)
def describe_instances(
    call: EcsCall,
    *,
    RegionId: str,
    InstanceIds: str = "",
    ImageId: str = "",
    Status: str = "",
    InstanceName: str = "",
    VpcId: str = "",
    VSwitchId: str = "",
    ZoneId: str = "",
    InstanceNetworkType: str = "",
    SecurityGroupId: str = "",
    InstanceType: str = "",
    InstanceTypeFamily: str = "",
    InstanceChargeType: str = "",
    InternetChargeType: str = "",
    KeyPairName: str = "",
    HpcClusterId: str = "",
    LockReason: str = "",
    IoOptimized: Optional[bool] = None,
    DeviceAvailable: Optional[bool] = None,
    PrivateIpAddresses: str = "",
    PublicIpAddresses: str = "",
    InnerIpAddresses: str = "",
    EipAddresses: str = "",
    RdmaIpAddresses: str = "",
    Ipv6Address: Sequence[str] = (),
    Tag: Sequence[Dict[str, Any]] = (),
    PageNumber: int = 1,
    PageSize: int = 10,
    NextToken: str = "",
    MaxResults: Optional[int] = None,
    DryRun: bool = False,
) -> Body:
    ecs = call.state
    region = ecs.region(RegionId)
    wanted = json_id_list(InstanceIds, "InstanceIds") if InstanceIds else None
    _check_instance_filters(Status, InstanceChargeType, InternetChargeType, LockReason, InstanceNetworkType)
    if HpcClusterId:  # no HPC cluster exists here
        raise ApiError("InvalidHpcClusterId.NotFound")
    equal: Dict[str, str] = {
        "image_id": ImageId, "status": Status, "vpc_id": VpcId, "vswitch_id": VSwitchId, "zone_id": ZoneId,
        "instance_type": InstanceType, "internet_charge_type": InternetChargeType, "key_pair_name": KeyPairName,
    }  # fmt: skip
    # Instances here never have these (no locks, classic or RDMA or IPv6 addresses): a filter on
    # them matches nothing, as it would for such instances in the cloud.
    never_set: List[Union[str, Set[str]]] = [LockReason, *Ipv6Address]
    never_set += [json_id_list(InnerIpAddresses, "InnerIpAddresses")] if InnerIpAddresses else []
    never_set += [json_id_list(RdmaIpAddresses, "RdmaIpAddresses")] if RdmaIpAddresses else []
    network = ecs.network.region(RegionId)
    eip_ips = json_id_list(EipAddresses, "EipAddresses") if EipAddresses else None
    private_ips = json_id_list(PrivateIpAddresses, "PrivateIpAddresses") if PrivateIpAddresses else None
    public_ips = json_id_list(PublicIpAddresses, "PublicIpAddresses") if PublicIpAddresses else None
    tags = checked_tags(Tag)
    if DryRun:
        raise ApiError("DryRunOperation")
    ecs.transitions.observe()
    owner = call.account.account_id
    checks = [(field, value) for field, value in equal.items() if value]
    matches = [
        i
        for i in region.instances.values()
        if i.owner_id == owner
        and not any(never_set)
        and (wanted is None or i.instance_id in wanted)
        and all(getattr(i, field) == value for field, value in checks)
        and (not InstanceName or _name_matches(InstanceName, i.name))
        and (not InstanceNetworkType or InstanceNetworkType == "vpc")
        and (not SecurityGroupId or SecurityGroupId in i.security_group_ids)
        and (not InstanceTypeFamily or i.instance_type.rsplit(".", 1)[0] == InstanceTypeFamily)
        and (not InstanceChargeType or InstanceChargeType == "PostPaid")
        and (IoOptimized is None or i.io_optimized == IoOptimized)
        and (DeviceAvailable is None or DeviceAvailable)
        and (private_ips is None or i.private_ip in private_ips)
        and (public_ips is None or i.public_ip in public_ips)
        and (eip_ips is None or _eip_address(network, i.instance_id) in eip_ips)
        and tags_match(i.tags, tags)
    ]
    page, fields = paginate(
        matches, page_number=PageNumber, page_size=PageSize, next_token=NextToken, max_results=MaxResults
    )
    return {**fields, "Instances": {"Instance": [instance_view(i, network.eip_of(i.instance_id)) for i in page]}}


def _eip_address(network: NetworkRegion, instance_id: str) -> str:
    eip = network.eip_of(instance_id)
    return eip.ip_address if eip is not None else ""


INSTANCE_STATUSES = ("Pending", "Running", "Starting", "Stopping", "Stopped")
NETWORK_TYPES = ("classic", "vpc")


def _check_instance_filters(status: str, charge: str, internet: str, lock: str, network: str) -> None:
    """DescribeInstances' documented refusals of filter values it does not know."""
    if status and status not in INSTANCE_STATUSES:
        raise ApiError("InvalidStatus.NotFound")
    if charge and charge not in INSTANCE_CHARGE_TYPES:
        raise ApiError("InvalidInstanceChargeType.NotFound")
    if internet and internet not in INTERNET_CHARGE_TYPES:
        raise ApiError("InvalidInternetChargeType.ValueNotSupported")
    if lock and lock not in LOCK_REASONS:
        raise ApiError("InvalidLockReason.NotFound")
    if network and network not in NETWORK_TYPES:
        raise ApiError("InvalidNetworkType.NotFound")


def _name_matches(pattern: str, name: str) -> bool:
    """InstanceName supports ``*`` as a wildcard; without one it is an exact match."""
    if "*" not in pattern:
        return pattern == name
    return fnmatch.fnmatchcase(name, pattern)


@ECS.action(
    "DescribeInstanceStatus",
    without_effect=RESOURCE_OWNER,
    not_implemented=("ClusterId",),
    own_checks=("InstanceId",),  # more than 100: a code of its own
)
def describe_instance_status(
    call: EcsCall,
    *,
    RegionId: str,
    InstanceId: Sequence[str] = (),
    ZoneId: str = "",
    PageNumber: int = 1,
    PageSize: int = 10,
) -> Body:
    ecs = call.state
    region = ecs.region(RegionId)
    if len(InstanceId) > MAX_INSTANCES_PER_CALL:
        raise ApiError("InvalidParameter.TooManyInstanceIds")
    if ZoneId and ZoneId not in region.zones:
        raise ApiError("InvalidZoneId.NotFound")
    ecs.transitions.observe()
    wanted = set(InstanceId)
    matches = [
        i
        for i in region.instances.values()
        if i.owner_id == call.account.account_id
        and (not wanted or i.instance_id in wanted)
        and (not ZoneId or i.zone_id == ZoneId)
    ]
    page, fields = page_of(matches, PageNumber, PageSize, MAX_INSTANCE_STATUS_PAGE)
    statuses = [{"InstanceId": i.instance_id, "Status": i.status} for i in page]
    return {**fields, "InstanceStatuses": {"InstanceStatus": statuses}}
