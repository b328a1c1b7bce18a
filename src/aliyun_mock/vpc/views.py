"""VPC resources as the API shows them (success bodies are completed from the description)."""

from __future__ import annotations

from typing import Any, Dict, Mapping

from .models import Eip, Vpc, VSwitch
from .state import NetworkRegion


def tag_list(tags: Mapping[str, str]) -> Dict[str, Any]:
    return {"Tag": [{"Key": key, "Value": value} for key, value in tags.items()]}


def vpc_view(region: NetworkRegion, vpc: Vpc) -> Dict[str, Any]:
    return {
        "CreationTime": vpc.creation_time,
        "Status": vpc.status,
        "VpcId": vpc.vpc_id,
        "IsDefault": vpc.is_default,
        "OwnerId": int(vpc.owner_id),
        "RegionId": vpc.region_id,
        "VpcName": vpc.name,
        "VRouterId": vpc.vrouter_id,
        "CidrBlock": vpc.cidr_block,
        "Description": vpc.description,
        "Tags": tag_list(vpc.tags),
        "VSwitchIds": {"VSwitchId": [s.vswitch_id for s in region.vswitches_of(vpc.vpc_id)]},
        "RouterTableIds": {"RouterTableIds": [vpc.route_table_id]},
        "DnsHostnameStatus": "DISABLED",
    }


def route_table_view(region: NetworkRegion, vpc: Vpc) -> Dict[str, Any]:
    """A VPC's system route table, as DescribeRouteTableList shows it; it receives propagated
    routes, as the reference's example of a system table shows."""
    return {
        "VpcId": vpc.vpc_id,
        "CreationTime": vpc.creation_time,
        "Status": vpc.status,
        "RouterId": vpc.vrouter_id,
        "AssociateType": "VSwitch",
        "RouteTableId": vpc.route_table_id,
        "OwnerId": int(vpc.owner_id),
        "Description": "",
        "RouteTableType": "System",
        "RouterType": "VRouter",
        "RouteTableName": "",
        "Tags": tag_list({}),
        "VSwitchIds": {"VSwitchId": [s.vswitch_id for s in region.vswitches_of(vpc.vpc_id)]},
        "GatewayIds": {"GatewayIds": []},
        "RoutePropagationEnable": True,
    }


def vrouter_view(vpc: Vpc) -> Dict[str, Any]:
    return {
        "VpcId": vpc.vpc_id,
        "CreationTime": vpc.creation_time,
        "VRouterId": vpc.vrouter_id,
        "Description": "",
        "VRouterName": "",
        "RegionId": vpc.region_id,
        "RouteTableIds": {"RouteTableId": [vpc.route_table_id]},
    }


def vswitch_view(vswitch: VSwitch, available_addresses: int, route_table_id: str) -> Dict[str, Any]:
    return {
        "VpcId": vswitch.vpc_id,
        "Status": vswitch.status,
        "CreationTime": vswitch.creation_time,
        "IsDefault": vswitch.is_default,
        "AvailableIpAddressCount": available_addresses,
        "OwnerId": int(vswitch.owner_id),
        "VSwitchId": vswitch.vswitch_id,
        "CidrBlock": vswitch.cidr_block,
        "Description": vswitch.description,
        "ZoneId": vswitch.zone_id,
        "VSwitchName": vswitch.name,
        "Tags": tag_list(vswitch.tags),
        "RouteTable": {"RouteTableId": route_table_id, "RouteTableType": "System"},
    }


def eip_view(eip: Eip) -> Dict[str, Any]:
    return {
        "Status": eip.status,
        "AllocationTime": eip.allocation_time,
        "Netmode": "public",
        "ChargeType": "PostPaid",
        "Description": eip.description,
        "Mode": "NAT",
        "IpAddress": eip.ip_address,
        "Bandwidth": str(eip.bandwidth),
        "EipBandwidth": str(eip.bandwidth),
        "Name": eip.name,
        "PrivateIpAddress": eip.private_ip_address,
        "InstanceRegionId": eip.instance_region_id,
        "InstanceId": eip.instance_id,
        "InstanceType": eip.instance_type,
        "RegionId": eip.region_id,
        "AllocationId": eip.allocation_id,
        "InternetChargeType": eip.internet_charge_type,
        "BusinessStatus": "Normal",
        "ISP": eip.isp,
        "Tags": tag_list(eip.tags),
    }
