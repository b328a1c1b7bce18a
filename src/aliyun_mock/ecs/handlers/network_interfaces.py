"""DescribeNetworkInterfaces: the primary network interface every instance has (the one
DescribeInstances lists under ``NetworkInterfaces``). The mock makes no other interface, so the
filters that only other interfaces could match (a name, a tag, an IPv6 address, another type or
status, a service-managed one) match nothing.

Values no document gives, a real body of a primary interface shows (a policy repository's dump,
found by searching public code for ``"NetworkInterfaceTrafficMode": "Standard"``): ``ServiceID`` 0,
``QueuePairNumber`` 0, ``SourceDestCheck`` false (also the documented default), an empty
``PrivateDnsName`` and an ``Attachment`` of zeros."""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

from ...core.paging import paginate
from ...core.product import RESOURCE_OWNER, Body
from .. import catalog
from ..product import ECS
from ..state import EcsCall
from ..views import network_interface_view

MAX_PAGE_SIZE, MAX_RESULTS = 1000, 500


@ECS.action(
    "DescribeNetworkInterfaces",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=("ResourceGroupId",),
)
def describe_network_interfaces(
    call: EcsCall,
    *,
    RegionId: str = "",
    InstanceId: str = "",
    NetworkInterfaceId: Sequence[str] = (),
    VSwitchId: str = "",
    VpcId: str = "",
    SecurityGroupId: str = "",
    PrimaryIpAddress: str = "",
    PrivateIpAddress: Sequence[str] = (),
    Type: str = "",
    Status: str = "",
    NetworkInterfaceName: str = "",
    ServiceManaged: Optional[bool] = None,
    Ipv6Address: Sequence[str] = (),
    Tag: Sequence[Dict[str, Any]] = (),
    PageNumber: int = 1,
    PageSize: int = 10,
    NextToken: str = "",
    MaxResults: Optional[int] = None,
) -> Body:
    region = call.state.region(RegionId or call.region_id)
    network = call.state.network.region(region.region_id)
    call.state.transitions.observe()
    only_others = NetworkInterfaceName or Ipv6Address or Tag or ServiceManaged
    wanted_ids, wanted_addresses = set(NetworkInterfaceId), set(PrivateIpAddress)
    views = [
        network_interface_view(instance, network.eip_of(instance.instance_id), _queues(instance.instance_type))
        for instance in region.instances.values()
        if instance.owner_id == call.account.account_id
        and not only_others
        and Type in ("", "Primary")
        and Status in ("", "InUse")
        and InstanceId in ("", instance.instance_id)
        and VSwitchId in ("", instance.vswitch_id)
        and VpcId in ("", instance.vpc_id)
        and PrimaryIpAddress in ("", instance.private_ip)
        and (not wanted_addresses or instance.private_ip in wanted_addresses)
        and (not SecurityGroupId or SecurityGroupId in instance.security_group_ids)
    ]
    matches = [v for v in views if not wanted_ids or v["NetworkInterfaceId"] in wanted_ids]
    page, fields = paginate(
        matches,
        page_number=PageNumber,
        page_size=PageSize,
        next_token=NextToken,
        max_results=MaxResults,
        cap=MAX_RESULTS,
        max_page_size=MAX_PAGE_SIZE,
    )
    return {**fields, "NetworkInterfaceSets": {"NetworkInterfaceSet": page}}


def _queues(instance_type: str) -> int:
    return int(catalog.instance_types()[instance_type]["PrimaryEniQueueNumber"])
