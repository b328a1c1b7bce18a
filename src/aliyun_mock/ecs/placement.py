"""Where a launched instance goes: its vSwitch (so its zone, VPC and private address) and its
security groups, checked as RunInstances and CreateInstance document
(https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-runinstances).

A request naming no vSwitch uses the account's default VPC of the region, if it has one (made by
VPC's CreateDefaultVpc), and that VPC's default vSwitch in the zone, made on first use; an account
without a default VPC must name a vSwitch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence

from ..core.errors import ApiError
from ..vpc.models import Vpc, VSwitch
from ..vpc.state import NetworkRegion, VpcState
from .state import RegionState

MAX_GROUPS = 5  # security groups an instance can be in


@dataclass
class Placement:
    zone_id: str
    group_ids: List[str]
    vswitch: Optional[VSwitch]  # None: the default VPC's vSwitch of the zone, made when the launch goes ahead
    default_vpc: Optional[Vpc] = None

    def resolve(self, network: VpcState, region: NetworkRegion) -> VSwitch:
        """The vSwitch, made now if it is the default VPC's first in the zone."""
        if self.vswitch is None:
            assert self.default_vpc is not None
            self.vswitch = network.default_vswitch(region, self.default_vpc, self.zone_id)
        return self.vswitch


def group_ids_of(single: str, several: Sequence[str]) -> List[str]:
    """``SecurityGroupId`` or ``SecurityGroupIds.N`` (never both), without repeats."""
    if single and several:
        raise ApiError("InvalidSecurityGroupId.SingleIdAndMultiIdConflict")
    ids = [single] if single else list(several)
    if len(set(ids)) != len(ids):
        raise ApiError("InvalidParameter.SecurityGroupIdRepeated")
    if len(ids) > MAX_GROUPS:
        raise ApiError("InstanceSecurityGroupLimitExceeded")
    return ids


def place(
    region: RegionState, network: NetworkRegion, account_id: str, *, vswitch_id: str, zone_id: str, group_ids: List[str]
) -> Placement:
    """Check what the launch names; nothing is made yet (a dry run makes nothing)."""
    groups = [region.owned_security_group(group_id, account_id) for group_id in group_ids]
    if zone_id and zone_id not in region.zones:
        raise ApiError("InvalidZoneId.NotFound")
    if vswitch_id:
        vswitch = network.owned_vswitch(vswitch_id, account_id)
        if vswitch.status != "Available":
            raise ApiError("IncorrectVSwitchStatus")
        if zone_id and zone_id != vswitch.zone_id:
            raise ApiError("InvalidParameter.VSwitchId")
        if any(g.vpc_id != vswitch.vpc_id for g in groups):
            raise ApiError("OperationDenied.InconsistentNetwork")
        if not groups:
            raise ApiError("MissingParameter", "SecurityGroupId")
        return Placement(vswitch.zone_id, group_ids, vswitch)
    default_vpc = network.default_vpc(account_id)
    if default_vpc is None:
        if groups:  # a group of a VPC makes a VPC instance, which needs a vSwitch
            raise ApiError("InvalidVSwitchId.Necessary")
        raise ApiError("MissingParameter", "VSwitchId")
    if default_vpc.status != "Available":
        raise ApiError("IncorrectDefaultVpcStatus")
    if any(g.vpc_id != default_vpc.vpc_id for g in groups):
        raise ApiError("InvalidSecurityGroup.NotInDefaultVpc")
    if not groups:
        raise ApiError("MissingParameter", "SecurityGroupId")
    zone = zone_id or _zone_with_default_vswitch(network, default_vpc) or region.zones[0]
    existing = next((s for s in network.vswitches_of(default_vpc.vpc_id) if s.is_default and s.zone_id == zone), None)
    return Placement(zone, group_ids, existing, default_vpc)


def _zone_with_default_vswitch(network: NetworkRegion, vpc: Vpc) -> str:
    return next((s.zone_id for s in network.vswitches_of(vpc.vpc_id) if s.is_default), "")
