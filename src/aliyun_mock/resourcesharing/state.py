"""Resource Sharing state of one cloud: per region, the resource shares and their records.

Who a share reaches is decided when asked, never stored: a target that is a directory or a folder
takes in whoever is under it at that moment (``DirectoryState.reach``), so accounts that join,
move or leave gain or lose access with no call here. The products whose resources can be shared
register a ``SharedResources`` for their resource type (ECS for ``Image``); the product that
enforces sharing asks ``grants``/``granted``/``in_share``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Dict, Iterator, List, Optional, Protocol, Set, Tuple

from .. import geography
from ..core.entropy import ALNUM
from ..core.errors import ApiError
from ..resourcemanager.state import DirectoryState
from .models import RESOURCE, TARGET, Association, Invitation, ResourceShare

if TYPE_CHECKING:
    from ..core.cloud import Cloud

# Resource types Resource Sharing shares, each with its default permission
# (https://www.alibabacloud.com/help/en/resource-management/resource-sharing/user-guide/permissions-for-resource-sharing).
RESOURCE_TYPES = (
    "Image", "Snapshot", "VSwitch", "PrefixList", "PublicIpAddressPool", "IpamPool", "ROSTemplate",
    "ServiceCatalogPortfolio", "CapacityReservation", "ElasticityAssurance", "KMSInstance",
)  # fmt: skip
DEFAULT_REGION = "cn-hangzhou"
INVITATION_DAYS = 7  # an invitation to an account outside the directory expires after


def default_permission(resource_type: str) -> str:
    return f"AliyunRSDefaultPermission{resource_type}"


PERMISSIONS = {default_permission(kind): kind for kind in RESOURCE_TYPES}  # permission name → its resource type


class SharedResources(Protocol):
    """What a product tells Resource Sharing about the resources of one type it owns."""

    def shareable(self, region_id: str, resource_id: str, account_id: str) -> bool:
        """Whether the account has a resource with this id in the region that it may share."""


Key = Tuple[str, str]  # (AssociationType, entity id): an image id named as a target is another entity


class SharingRegion:
    def __init__(self, region_id: str) -> None:
        self.region_id = region_id
        self.shares: Dict[str, ResourceShare] = {}
        self.records: List[Association] = []  # every association record, oldest first
        self.invitations: Dict[str, Invitation] = {}
        self._records_of: Dict[str, List[Association]] = defaultdict(list)
        # live associations, by share then key; and which shares hold a target / a resource
        self._live: Dict[str, Dict[Key, Association]] = defaultdict(dict)
        self.by_target: Dict[str, Set[str]] = defaultdict(set)
        self.by_resource: Dict[str, Set[str]] = defaultdict(set)

    def add(self, record: Association) -> None:
        self.records.append(record)
        self._records_of[record.share_id].append(record)
        self._live[record.share_id][(record.association_type, record.entity_id)] = record
        index = self.by_resource if record.association_type == RESOURCE else self.by_target
        index[record.entity_id].add(record.share_id)

    def drop(self, record: Association) -> None:
        """The record leaves the share's live associations (it stays listed)."""
        self._live[record.share_id].pop((record.association_type, record.entity_id), None)
        index = self.by_resource if record.association_type == RESOURCE else self.by_target
        index[record.entity_id].discard(record.share_id)

    def live(self, share_id: str, kind: str, entity_id: str) -> Optional[Association]:
        """The share's live (Associating or Associated) resource or target with this id."""
        return self._live.get(share_id, {}).get((kind, entity_id))

    def associated(self, share_id: str, kind: Optional[str] = None) -> List[Association]:
        """The share's live resources or targets (both when ``kind`` is None)."""
        return [a for a in self._live.get(share_id, {}).values() if kind is None or a.association_type == kind]

    def history(self, share_id: str) -> List[Association]:
        """Every record of the share, removed ones too, oldest first."""
        return self._records_of.get(share_id, [])


class SharingState:
    def __init__(self, cloud: "Cloud") -> None:
        self.entropy = cloud.entropy
        self.transitions = cloud.transitions
        self.accounts = cloud.accounts
        self.directory: DirectoryState = cloud.states["ResourceManager"]
        self.providers: Dict[str, SharedResources] = {}
        self.enabled_directories: Set[str] = set()  # directories that enabled sharing with themselves
        # Quotas no document gives a number for: None is no limit; a test sets one to reach the refusal.
        self.quotas: Dict[str, Optional[int]] = {
            "resource_shares": None,  # shares per account and region (QuotaExceeded.ResourceShare.Count)
            "shared_resources": None,  # resources an account shares (QuotaExceeded.SharedResource.Count)
            "pending_invitations": None,  # (QuotaExceeded.PendingInvitations)
        }
        self._regions: Dict[str, SharingRegion] = {}

    def region(self, region_id: str) -> SharingRegion:
        found = self._regions.get(region_id)
        if found is None:
            if region_id not in geography.regions():
                raise ApiError("InvalidRegionId.NotFound")
            found = self._regions[region_id] = SharingRegion(region_id)
        return found

    def locate(self, region_id: str, named: str = "") -> SharingRegion:
        """The call's region; for a call that names none (an endpoint without a region, as in server
        mode), the region holding the share or invitation ``named``, else ``DEFAULT_REGION``."""
        if region_id:
            region = self.region(region_id)
        else:
            found = next((r for r in self._regions.values() if named in r.shares or named in r.invitations), None)
            region = found if found is not None else self.region(DEFAULT_REGION)
        self.expire_invitations(region)  # whoever asks, an invitation past its time is Expired
        return region

    def regions(self) -> Iterator[SharingRegion]:
        return iter(list(self._regions.values()))

    def new_share_id(self) -> str:
        return "rs-" + self.entropy.string(ALNUM, 12)

    def new_invitation_id(self) -> str:
        return "i-" + self.entropy.string(ALNUM, 16)

    def owned_share(self, region: SharingRegion, share_id: str, account_id: str) -> ResourceShare:
        if not share_id.startswith("rs-"):
            raise ApiError("InvalidParameter.ResourceShareId")
        share = region.shares.get(share_id)
        if share is None or share.owner_id != account_id:
            raise ApiError("EntityNotExists.ResourceShare")
        return share

    def expire_invitations(self, region: SharingRegion) -> None:
        """Pending invitations past seven days of the mock's clock are Expired; their target fails."""
        now = self.entropy.now()
        for invitation in region.invitations.values():
            if invitation.status == "Pending" and invitation.expires <= now:
                invitation.status = "Expired"
                target = region.live(invitation.share_id, TARGET, invitation.receiver_id)
                if target is not None:
                    self.end(region, target, "Failed")

    def end(self, region: SharingRegion, record: Association, status: str) -> None:
        """A resource or target leaves its share: ``Disassociated`` (through ``Disassociating``) or ``Failed``."""
        region.drop(record)
        if status == "Disassociated":
            self.transitions.begin(record, "Disassociating", "Disassociated")
        else:
            self.transitions.cancel(record, status)
        record.update_time = self.entropy.now_iso(millis=True)

    # --- who a share reaches: asked by the product that enforces sharing ---

    def reaches(self, share: ResourceShare, account_id: str) -> bool:
        """Whether an active share's associated targets take in the account (never its owner)."""
        if share.status != "Active" or share.owner_id == account_id:
            return False
        region = self._regions[share.region_id]
        direct = region.live(share.share_id, TARGET, account_id)
        if direct is not None and direct.status == "Associated" and direct.external:
            return True
        home = self.directory.directory_of(account_id)
        if home is None or home is not self.directory.directory_of(share.owner_id):
            return False
        return any(
            (target := region.live(share.share_id, TARGET, key)) is not None
            and target.status == "Associated"
            and not target.external
            for key in [account_id, *self.directory.reach(account_id)]
        )

    def grants(self, region_id: str, account_id: str, resource_id: str) -> bool:
        """Whether a share of another account gives the account this resource."""
        region = self._regions.get(region_id)
        if region is None:
            return False
        for share_id in region.by_resource.get(resource_id, ()):
            record = region.live(share_id, RESOURCE, resource_id)
            if (
                record is not None
                and record.status == "Associated"
                and self.reaches(region.shares[share_id], account_id)
            ):
                return True
        return False

    def granted(self, region_id: str, account_id: str, resource_type: str) -> Set[str]:
        """The ids of every resource of the type that shares of other accounts give the account: read
        through the targets that take it in, so the cost follows its shares, not the region's resources."""
        region = self._regions.get(region_id)
        if region is None:
            return set()
        found: Set[str] = set()
        for key in [account_id, *self.directory.reach(account_id)]:
            for share_id in region.by_target.get(key, ()):
                if self.reaches(region.shares[share_id], account_id):
                    found.update(
                        r.entity_id
                        for r in region.associated(share_id, RESOURCE)
                        if r.status == "Associated" and r.entity_type == resource_type
                    )
        return found

    def in_share(self, region_id: str, resource_id: str) -> bool:
        """Whether the resource is in a share that is not deleted."""
        if not self._regions:  # no share anywhere: the common case, asked for every image DescribeImages shows
            return False
        region = self._regions.get(region_id)
        return region is not None and any(
            region.shares[share_id].status == "Active" for share_id in region.by_resource.get(resource_id, ())
        )
