"""ModifyImageSharePermission and DescribeImageSharePermission: who may use a custom image.

The checks run in the order a request is read: the image, the parameters' combinations, the
accounts named, then the conditions of sharing with accounts or of publishing to everyone
(seed 004's error table; api-facts §1, §2, §22).
"""

from __future__ import annotations

from typing import List, Optional, Sequence

from ...core.accounts import Account
from ...core.errors import ApiError
from ...core.paging import page_of
from ...core.product import RESOURCE_OWNER, Body
from ..models import Image, ImageShare
from ..product import ECS
from ..state import EcsCall, EcsState, RegionState

# Limits of the sharing feature (seed 004, api-facts §2).
MAX_SHAREES_PER_IMAGE = 50
MAX_ACCOUNTS_PER_CALL = 10  # AddAccount/RemoveAccount beyond the first 10 are ignored, not refused
ENCRYPTED_SHARING_ROLE = "AliyunECSShareEncryptImageDefaultRole"
LAUNCH_PERMISSION_VALUES = ("hide",)  # the only value the (invitation-only) documentation shows
EVERYONE_GROUP = "all"  # the one share group: the image is a community image


@ECS.action("ModifyImageSharePermission", own_checks=("AddAccount", "RemoveAccount"), without_effect=RESOURCE_OWNER)
def modify_image_share_permission(
    call: EcsCall,
    *,
    RegionId: str,
    ImageId: str,
    AddAccount: Sequence[str] = (),
    RemoveAccount: Sequence[str] = (),
    IsPublic: Optional[bool] = None,
    LaunchPermission: str = "",
    AddGroup: Sequence[str] = (),
    RemoveGroup: Sequence[str] = (),
    DryRun: bool = False,
) -> Body:
    ecs: EcsState = call.state
    region = ecs.region(RegionId)
    owner = call.account
    image = region.owned_image(ImageId, owner.account_id)
    adds = _distinct(AddAccount[:MAX_ACCOUNTS_PER_CALL])
    removes = _distinct(RemoveAccount[:MAX_ACCOUNTS_PER_CALL])
    publish = _publish_wish(IsPublic, AddGroup, RemoveGroup)

    if LaunchPermission:
        _check_launch_permission(LaunchPermission, owner, bool(adds or removes))
    if publish is not None and (adds or removes):
        raise ApiError("InvalidParameter.IsPublic")
    for account_id in adds + removes:
        if not call.state.accounts.exists(account_id):
            raise ApiError("InvalidAccount.NotFound", account_id)
    if owner.account_id in adds:
        raise ApiError("InvalidAccount.Forbbiden")
    if (adds or publish) and image.status == "Deprecated":
        raise ApiError("OperationDenied.InvalidImageStatus")
    if publish is True:
        _check_publishing(ecs, region, image, owner)
    elif publish is False and not image.is_public:
        raise ApiError("Image.NotPublic")
    if adds:
        _check_sharing(call, image, adds)
    remaining = (set(image.shares) - set(removes)) | set(adds)
    if len(remaining) > MAX_SHAREES_PER_IMAGE:
        raise ApiError("QuotaExceed.ShareImageUser")
    if remaining and not image.shares and owner.shared_image_quota is not None:
        if _shared_image_count(ecs, owner.account_id) >= owner.shared_image_quota:
            raise ApiError("QuotaExceed.ShareImage")
    if DryRun:
        raise ApiError("DryRunOperation")

    for account_id in removes:
        region.unshare_image(image, account_id)
    shared_time = call.state.entropy.now_iso()
    for account_id in adds:
        region.share_image(image, ImageShare(account_id, shared_time))
    if publish is not None:
        region.publish_image(image, publish)
    if LaunchPermission:
        image.launch_permission = LaunchPermission
    return {}


def _distinct(accounts: Sequence[str]) -> List[str]:
    return list(dict.fromkeys(a.strip() for a in accounts if isinstance(a, str)))


def _publish_wish(is_public: Optional[bool], add_group: Sequence[str], remove_group: Sequence[str]) -> Optional[bool]:
    """True to publish, False to unpublish, None to leave as is.

    ``AddGroup.N``/``RemoveGroup.N`` are the API's older way of saying the same thing (the only
    group being ``all``); any other group is ``InvalidGroup.Malformed``.
    """
    for group in list(add_group) + list(remove_group):
        if group != EVERYONE_GROUP:
            raise ApiError("InvalidGroup.Malformed")
    if add_group:
        return True
    if remove_group:
        return False
    return is_public


def _check_launch_permission(value: str, owner: Account, with_accounts: bool) -> None:
    if with_accounts:
        raise ApiError("UnnecessaryParameter.LaunchPermission")
    if not owner.launch_permission_preview:
        raise ApiError("ForbiddenParameter.LaunchPermission")
    if value not in LAUNCH_PERMISSION_VALUES:
        raise ApiError("InvalidParameter.LaunchPermission")


def _check_publishing(ecs: EcsState, region: RegionState, image: Image, owner: Account) -> None:
    if region.region_id in ecs.regions_without_community_images:
        raise ApiError("CurrentRegion.NotSupportPublicImage")
    if not owner.community_terms_signed:
        raise ApiError("PublicImageAgreement.NotSigned")
    if image.encryption:  # encrypted images cannot become community images
        raise ApiError("OperationDeined.EncryptedSnapshot")
    _check_words(ecs, image)


def _check_sharing(call: EcsCall, image: Image, adds: List[str]) -> None:
    ecs: EcsState = call.state
    if image.is_public:  # community images cannot be shared with accounts
        raise ApiError("Image.Public")
    _check_words(ecs, image)
    if image.product_code:
        owner_site = call.account.site
        others = [a for a in adds if call.state.accounts.site_of(a) != owner_site]
        if others:
            raise ApiError("InvalidImageId.BidMismatch", ",".join(others))
    if image.encryption == "service-key":
        raise ApiError("InvalidOperation.ServiceKeyEncryptedImageUnsupported")
    if image.encryption == "cmk":
        if image.data_disk_sizes:
            raise ApiError("OperationDeined.FullImage")
        if ENCRYPTED_SHARING_ROLE not in call.account.roles:
            raise ApiError("AssumeRoleError")
        state = ecs.kms_key_state(image.kms_key_id)
        if state == "Deleted":
            raise ApiError("InvalidKMSKeyId.NotFound")
        if state == "Unauthorized":
            raise ApiError("InvalidParameter.KMSKeyId.CMKUnauthorized")
        if state != "Enabled":
            raise ApiError("InvalidParameter.KMSKeyId.CMKNotEnabled")


def _check_words(ecs: EcsState, image: Image) -> None:
    def flagged(text: str) -> bool:
        return any(word in text for word in ecs.sensitive_words)

    if flagged(image.name):
        raise ApiError("ImageName.ContainsSensitiveWords")
    if flagged(image.description):
        raise ApiError("ImageDescription.ContainsSensitiveWords")


def _shared_image_count(ecs: EcsState, owner_id: str) -> int:
    return sum(1 for image in ecs.all_images() if image.owner_id == owner_id and image.shares)


@ECS.action("DescribeImageSharePermission", without_effect=RESOURCE_OWNER, shaped=True)  # builds every field
def describe_image_share_permission(
    call: EcsCall, *, RegionId: str, ImageId: str, PageNumber: int = 1, PageSize: int = 10
) -> Body:
    region = call.state.region(RegionId)
    image = region.owned_image(ImageId, call.account.account_id)
    shares, fields = page_of(list(image.shares.values()), PageNumber, PageSize)
    return {
        "RegionId": RegionId,
        "ImageId": ImageId,
        **fields,
        "ShareGroups": {"ShareGroup": [{"Group": EVERYONE_GROUP}] if image.is_public else []},
        "Accounts": {"Account": [{"AliyunId": s.account_id, "SharedTime": s.shared_time} for s in shares]},
    }
