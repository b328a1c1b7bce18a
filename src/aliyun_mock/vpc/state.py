"""VPC state of one cloud: per region, the VPCs, vSwitches and EIPs of every account.

Other products place their resources in this network without VPC knowing them: a product that
puts instances in vSwitches or security groups in VPCs registers itself in ``users`` (a
``NetworkUser``), and VPC asks its users what depends on a VPC or vSwitch before deleting it, which
addresses of a vSwitch are taken, and which instance an EIP is to be associated with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Iterator, List, Optional, Protocol, Sequence

from .. import geography
from ..core.app import Call
from ..core.entropy import Entropy
from ..core.errors import ApiError
from . import cidr
from .models import Eip, Vpc, VSwitch

if TYPE_CHECKING:
    from ..core.cloud import Cloud


class NetworkHost(Protocol):
    """An instance an EIP can be associated with, as VPC sees it."""

    instance_id: str
    owner_id: str
    region_id: str
    status: str
    public_ip: str


class NetworkUser(Protocol):
    def dependency(self, region_id: str, resource_id: str) -> Optional[str]:
        """The error code refusing the deletion of this VPC or vSwitch, or None when nothing depends on it."""

    def addresses(self, region_id: str, vswitch_id: str) -> List[str]:
        """The private addresses this user's resources hold in the vSwitch."""

    def host(self, region_id: str, instance_id: str) -> Optional[NetworkHost]:
        """The instance with this id, if this user has it."""


class NetworkRegion:
    def __init__(self, region_id: str, id_prefix: str, zones: List[str], entropy: Entropy) -> None:
        self.region_id = region_id
        self.id_prefix = id_prefix
        self.zones = zones
        self.entropy = entropy
        self.vpcs: Dict[str, Vpc] = {}
        self.vswitches: Dict[str, VSwitch] = {}
        self.eips: Dict[str, Eip] = {}

    def new_id(self, prefix: str) -> str:
        return self.entropy.resource_id(prefix, self.id_prefix)

    def owned_vpc(self, vpc_id: str, account_id: str) -> Vpc:
        vpc = self.vpcs.get(vpc_id)
        if vpc is None or vpc.owner_id != account_id:
            raise ApiError("InvalidVpcId.NotFound")
        return vpc

    def owned_vswitch(self, vswitch_id: str, account_id: str) -> VSwitch:
        vswitch = self.vswitches.get(vswitch_id)
        if vswitch is None or vswitch.owner_id != account_id:
            raise ApiError("InvalidVSwitchId.NotFound")
        return vswitch

    def owned_eip(self, allocation_id: str, account_id: str) -> Eip:
        eip = self.eips.get(allocation_id)
        if eip is None or eip.owner_id != account_id:
            raise ApiError("InvalidAllocationId.NotFound")
        return eip

    def default_vpc(self, account_id: str) -> Optional[Vpc]:
        return next((v for v in self.vpcs.values() if v.is_default and v.owner_id == account_id), None)

    def vswitches_of(self, vpc_id: str) -> List[VSwitch]:
        return [s for s in self.vswitches.values() if s.vpc_id == vpc_id]

    def eip_of(self, instance_id: str) -> Optional[Eip]:
        return next((e for e in self.eips.values() if e.instance_id == instance_id), None)


class VpcState:
    def __init__(self, cloud: "Cloud") -> None:
        self.entropy = cloud.entropy
        self.transitions = cloud.transitions
        self.users: List[NetworkUser] = []
        self._regions: Dict[str, NetworkRegion] = {}

    def region(self, region_id: str) -> NetworkRegion:
        found = self._regions.get(region_id)
        if found is None:
            facts = geography.regions().get(region_id)
            if facts is None:
                raise ApiError("InvalidRegionId.NotFound", region_id)
            found = NetworkRegion(region_id, facts["IdPrefix"], facts["Zones"], self.entropy)
            self._regions[region_id] = found
        return found

    def locate(self, region_id: str, resource_id: str) -> NetworkRegion:
        """The call's region; for a call that names none, the region holding ``resource_id`` (or
        any region, so that the lookup that follows answers not-found)."""
        if region_id:
            return self.region(region_id)
        for region in self._regions.values():
            if resource_id in region.vpcs or resource_id in region.vswitches or resource_id in region.eips:
                return region
        return self.region("cn-hangzhou")

    def release_host(self, region_id: str, instance_id: str) -> None:
        """The instance is gone: its EIP, if it had one, is available again at once (even mid-association)."""
        eip = self.region(region_id).eip_of(instance_id)
        if eip is not None:
            eip.instance_id = eip.instance_type = eip.instance_region_id = ""
            self.transitions.cancel(eip, "Available")

    def regions(self) -> Iterator[NetworkRegion]:
        return iter(list(self._regions.values()))

    def dependency(self, region_id: str, resource_id: str) -> Optional[str]:
        return next(filter(None, (user.dependency(region_id, resource_id) for user in self.users)), None)

    def taken_addresses(self, region_id: str, vswitch_id: str) -> List[str]:
        return [address for user in self.users for address in user.addresses(region_id, vswitch_id)]

    def host(self, region_id: str, instance_id: str) -> Optional[NetworkHost]:
        return next(filter(None, (user.host(region_id, instance_id) for user in self.users)), None)

    def new_vpc(self, region: NetworkRegion, owner_id: str, block: str, *, is_default: bool = False) -> Vpc:
        vpc = Vpc(
            vpc_id=region.new_id("vpc"),
            region_id=region.region_id,
            owner_id=owner_id,
            cidr_block=block,
            creation_time=self.entropy.now_iso(),
            vrouter_id=region.new_id("vrt"),
            route_table_id=region.new_id("vtb"),
            is_default=is_default,
        )
        region.vpcs[vpc.vpc_id] = vpc
        self.transitions.begin(vpc, "Pending", "Available")
        return vpc

    def new_vswitch(
        self, region: NetworkRegion, vpc: Vpc, zone_id: str, block: str, *, is_default: bool = False
    ) -> VSwitch:
        vswitch = VSwitch(
            vswitch_id=region.new_id("vsw"),
            region_id=region.region_id,
            owner_id=vpc.owner_id,
            vpc_id=vpc.vpc_id,
            zone_id=zone_id,
            cidr_block=block,
            creation_time=self.entropy.now_iso(),
            is_default=is_default,
        )
        region.vswitches[vswitch.vswitch_id] = vswitch
        self.transitions.begin(vswitch, "Pending", "Available")
        return vswitch

    def default_vswitch(self, region: NetworkRegion, vpc: Vpc, zone_id: str) -> VSwitch:
        """The default VPC's vSwitch in the zone, created when the zone has none yet."""
        found = next((s for s in region.vswitches_of(vpc.vpc_id) if s.is_default and s.zone_id == zone_id), None)
        if found is not None:
            return found
        block = cidr.default_vswitch_block(
            cidr.network(vpc.cidr_block) or cidr.network(cidr.DEFAULT_VPC_BLOCK),  # type: ignore[arg-type]
            [s.cidr_block for s in region.vswitches_of(vpc.vpc_id)],
        )
        if block is None:
            raise ApiError("InvalidVSwitch.DefaultVSwitchNotSupport")
        return self.new_vswitch(region, vpc, zone_id, str(block), is_default=True)

    def private_address(self, vswitch: VSwitch, taken: Sequence[str]) -> Optional[str]:
        """A free address of the vSwitch for a new instance (``taken``: handed out already in this
        call), or None when the vSwitch has none left."""
        block = cidr.network(vswitch.cidr_block)
        used = set(self.taken_addresses(vswitch.region_id, vswitch.vswitch_id)) | set(taken)
        return cidr.free_address(block, used, self.entropy.below) if block is not None else None


VpcCall = Call[VpcState]
