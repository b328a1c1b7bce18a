"""ECS state of one cloud: per region, the images and instances of every account."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, List, Mapping, Optional, Set, Tuple

from .. import geography
from ..core.app import Call
from ..core.entropy import Entropy
from ..core.errors import ApiError
from ..resourcesharing.state import SharingState
from ..vpc.state import VpcState
from . import catalog
from .cloud_assistant import Command, Invocation
from .image_access import IMAGE, Organisation, can_see
from .image_index import ImageIndex
from .models import SYSTEM, Disk, Image, ImageShare, Instance, KeyPair, SecurityGroup, Snapshot
from .tasks import Task

if TYPE_CHECKING:
    from ..core.cloud import Cloud


@dataclass
class RegionState:
    region_id: str
    id_prefix: str
    zones: List[str]
    entropy: Entropy = field(repr=False)
    organisation: Organisation = field(repr=False)  # what Resource Sharing shares with whom
    image_index: ImageIndex = field(default_factory=ImageIndex, repr=False)
    instances: Dict[str, Instance] = field(default_factory=dict)
    disks: Dict[str, Disk] = field(default_factory=dict)
    snapshots: Dict[str, Snapshot] = field(default_factory=dict)
    security_groups: Dict[str, SecurityGroup] = field(default_factory=dict)
    key_pairs: Dict[Tuple[str, str], KeyPair] = field(default_factory=dict)  # (owner id, name) →
    commands: Dict[str, Command] = field(default_factory=dict)
    invocations: Dict[str, Invocation] = field(default_factory=dict)
    tasks: Dict[str, Task] = field(default_factory=dict)

    @property
    def images(self) -> Mapping[str, Image]:
        """Every image of the region by id (read-only: change images through the methods below)."""
        return self.image_index.by_id

    def add_image(self, image: Image) -> None:
        self.image_index.add(image)

    def remove_image(self, image_id: str) -> None:
        self.image_index.remove(image_id)

    def share_image(self, image: Image, share: ImageShare) -> None:
        image.shares.setdefault(share.account_id, share)
        self.image_index.shared(image, share.account_id)

    def unshare_image(self, image: Image, account_id: str) -> None:
        image.shares.pop(account_id, None)
        self.image_index.unshared(image, account_id)

    def publish_image(self, image: Image, public: bool) -> None:
        image.is_public = public
        self.image_index.published(image, public)

    def add_instance(self, instance: Instance) -> None:
        self.instances[instance.instance_id] = instance
        self.image_index.instances_per_image[instance.image_id] += 1

    def remove_instance(self, instance_id: str) -> None:
        instance = self.instances.pop(instance_id)
        self.image_index.instances_per_image[instance.image_id] -= 1

    def rebase_instance(self, instance: Instance, image_id: str) -> None:
        """The instance's system disk now comes from ``image_id`` (ReplaceSystemDisk)."""
        self.image_index.instances_per_image[instance.image_id] -= 1
        instance.image_id = image_id
        self.image_index.instances_per_image[image_id] += 1

    def new_id(self, prefix: str, length: int = 18) -> str:
        """An id of this region: ``m-bp1a2b…`` (Cloud Assistant's and tasks' are shorter)."""
        return self.entropy.resource_id(prefix, self.id_prefix, length)

    def owned_image(self, image_id: str, account_id: str) -> Image:
        """The caller's own custom image; anyone else's, or none, is ``InvalidImageId.NotFound``."""
        image = self.images.get(image_id)
        if image is None or image.source == SYSTEM or image.owner_id != account_id:
            raise ApiError("InvalidImageId.NotFound", image_id)
        return image

    def visible_image(self, image_id: str, account_id: str) -> Image:
        """An image the caller may use in this region, or ``InvalidImageId.NotFound``."""
        image = self.images.get(image_id)
        if image is None or not can_see(image, account_id, self.organisation):
            raise ApiError("InvalidImageId.NotFound", image_id)
        return image

    def image_in_use(self, image_id: str) -> bool:
        return self.image_index.in_use(image_id)

    def owned_instance(self, instance_id: str, account_id: str) -> Instance:
        instance = self.instances.get(instance_id)
        if instance is None or instance.owner_id != account_id:
            raise ApiError("InvalidInstanceId.NotFound")
        return instance

    def owned_security_group(self, group_id: str, account_id: str) -> SecurityGroup:
        group = self.security_groups.get(group_id)
        if group is None or group.owner_id != account_id:
            raise ApiError("InvalidSecurityGroupId.NotFound")
        return group

    def owned_key_pair(self, name: str, account_id: str) -> KeyPair:
        key_pair = self.key_pairs.get((account_id, name))
        if key_pair is None:
            raise ApiError("InvalidKeyPairName.NotFound")
        return key_pair

    def owned_disk(self, disk_id: str, account_id: str) -> Disk:
        disk = self.disks.get(disk_id)
        if disk is None or disk.owner_id != account_id:
            raise ApiError("InvalidDiskId.NotFound")
        return disk

    def owned_snapshot(self, snapshot_id: str, account_id: str) -> Snapshot:
        snapshot = self.snapshots.get(snapshot_id)
        if snapshot is None or snapshot.owner_id != account_id:
            raise ApiError("InvalidSnapshotId.NotFound")
        return snapshot


KMS_KEY_STATES = ("Enabled", "Disabled", "PendingDeletion", "Deleted", "Unauthorized")


class EcsState:
    """Regions are created on first use, each with Alibaba Cloud's public images.

    Besides resources, it holds the conditions no ECS call sets, for tests to arrange:
    ``sensitive_words`` (image names or descriptions the content check refuses),
    ``kms_keys`` (CMK id → one of ``KMS_KEY_STATES``; a key never set is ``Enabled``),
    ``regions_without_community_images`` and what Cloud Assistant commands print
    (``command_result``).
    """

    def __init__(self, cloud: "Cloud") -> None:
        self.entropy = cloud.entropy
        self.accounts = cloud.accounts
        self.transitions = cloud.transitions
        self.network: VpcState = cloud.states["Vpc"]  # where instances and security groups live
        self.network.users.append(self)
        self.organisation: SharingState = cloud.states["ResourceSharing"]  # images shared in an organisation
        self.organisation.providers[IMAGE] = self
        self._regions: Dict[str, RegionState] = {}
        self.sensitive_words: Set[str] = set()
        self.kms_keys: Dict[str, str] = {}
        self.regions_without_community_images: Set[str] = set()
        self.command_results: Dict[str, Tuple[str, int]] = {}  # instance id ("": any) → (output, exit code)

    def command_result(self, output: str = "", exit_code: int = 0, *, instance_id: str = "") -> None:
        """What Cloud Assistant commands print and exit with from now on: on ``instance_id``, or on
        every instance that has no result of its own. ``exit_code`` other than 0 fails the run."""
        self.command_results[instance_id] = (output, exit_code)

    def result_of_command(self, instance_id: str) -> Tuple[str, int]:
        return self.command_results.get(instance_id) or self.command_results.get("", ("", 0))

    def region_holding(self, region_id: str, find: Callable[[RegionState], bool]) -> RegionState:
        """The call's region; for a call that names none (``ecs.aliyuncs.com``), the region where
        ``find`` holds, or any region (so the lookup that follows answers not-found)."""
        if region_id:
            return self.region(region_id)
        found = next((r for r in self._regions.values() if find(r)), None)
        return found if found is not None else self.region("cn-hangzhou")

    def regions(self) -> Iterator[RegionState]:
        """The regions in use so far."""
        return iter(list(self._regions.values()))

    def all_images(self) -> Iterator[Image]:
        return (image for region in self._regions.values() for image in region.images.values())

    def find_image(self, image_id: str) -> Image:
        """The image with this id in any region (for tests that arrange an image's conditions)."""
        for image in self.all_images():
            if image.image_id == image_id:
                return image
        raise KeyError(image_id)

    # --- what the network (VPC) asks of ECS: see vpc/state.py, NetworkUser ---

    def dependency(self, region_id: str, resource_id: str) -> Optional[str]:
        region = self._regions.get(region_id)
        if region is None:
            return None
        if any(i.vswitch_id == resource_id for i in region.instances.values()):
            return "DependencyViolation"  # a vSwitch with instances
        if any(g.vpc_id == resource_id for g in region.security_groups.values()):
            return "DependencyViolation.SecurityGroup"
        return None

    def addresses(self, region_id: str, vswitch_id: str) -> List[str]:
        region = self._regions.get(region_id)
        instances = region.instances.values() if region is not None else ()
        return [i.private_ip for i in instances if i.vswitch_id == vswitch_id]

    def host(self, region_id: str, instance_id: str) -> Optional[Instance]:
        region = self._regions.get(region_id)
        return region.instances.get(instance_id) if region is not None else None

    # --- what Resource Sharing asks of ECS: see resourcesharing/state.py, SharedResources ---

    def shareable(self, region_id: str, resource_id: str, account_id: str) -> bool:
        """Whether the account has this custom image in the region, available and not published as a
        community image: the images it may share (ModifyImageSharePermission refuses the others too)."""
        region = self._regions.get(region_id)
        image = region.images.get(resource_id) if region is not None else None
        return (
            image is not None
            and image.source != SYSTEM
            and image.owner_id == account_id
            and image.status == "Available"
            and not image.is_public
        )

    def kms_key_state(self, key_id: str) -> str:
        return self.kms_keys.get(key_id, "Enabled")

    def region(self, region_id: str) -> RegionState:
        state = self._regions.get(region_id)
        if state is None:
            facts = geography.regions().get(region_id)
            if facts is None:
                raise ApiError("InvalidRegionId.NotFound", region_id)
            state = RegionState(region_id, facts["IdPrefix"], facts["Zones"], self.entropy, self.organisation)
            self._regions[region_id] = state
            for row in catalog.system_images():
                state.add_image(_system_image(row, region_id))
        return state


def _system_image(row: Dict[str, Any], region_id: str) -> Image:
    return Image(
        image_id=row["ImageId"],
        region_id=region_id,
        owner_id="",
        source=SYSTEM,
        name=row["ImageName"],
        creation_time=row["CreationTime"],
        os_type=row["OSType"],
        os_name=row["OSName"],
        os_name_en=row["OSNameEn"],
        platform=row["Platform"],
        architecture=row["Architecture"],
        size=row["Size"],
        image_family=row["ImageFamily"],
    )


EcsCall = Call[EcsState]  # what an ECS handler receives: ``call.state`` is the ECS state


def callers_instance(call: EcsCall, instance_id: str) -> "tuple[RegionState, Instance]":
    """The caller's instance, and its region (for a call naming no region, the one holding it)."""
    region = call.state.region_holding(call.region_id, lambda r: instance_id in r.instances)
    return region, region.owned_instance(instance_id, call.account.account_id)


def callers_disk(call: EcsCall, disk_id: str) -> "tuple[RegionState, Disk]":
    """The caller's disk, and its region (for a call naming no region, the one holding it)."""
    region = call.state.region_holding(call.region_id, lambda r: disk_id in r.disks)
    return region, region.owned_disk(disk_id, call.account.account_id)
