"""ModifyImageSharePermission and DescribeImageSharePermission: who may use a custom image."""
from __future__ import annotations

from typing import List, Optional, Sequence

from ...core.app import Call
from ...core.errors import ApiError
from ..models import ImageShare, now_iso
from ..paging import page_of
from ..product import ECS

# Limits of the sharing feature (seed 004, api-facts §2).
MAX_SHAREES_PER_IMAGE = 50
MAX_ACCOUNTS_PER_CALL = 10  # AddAccount/RemoveAccount beyond the first 10 are ignored, not refused


@ECS.action("ModifyImageSharePermission")
def modify_image_share_permission(
    call: Call,
    *,
    RegionId: str,
    ImageId: str,
    AddAccount: Sequence[str] = (),
    RemoveAccount: Sequence[str] = (),
    IsPublic: Optional[bool] = None,
    DryRun: bool = False,
) -> dict:
    region = call.cloud.ecs.region(RegionId)
    image = region.owned_image(ImageId, call.account.account_id)
    adds = _distinct(AddAccount[:MAX_ACCOUNTS_PER_CALL])
    removes = _distinct(RemoveAccount[:MAX_ACCOUNTS_PER_CALL])
    if IsPublic is not None and (adds or removes):
        raise ApiError("InvalidParameter.IsPublic")
    for account_id in adds + removes:
        if not call.cloud.accounts.exists(account_id):
            raise ApiError("InvalidAccount.NotFound", account_id)
    if call.account.account_id in adds:
        raise ApiError("InvalidAccount.Forbbiden")
    if adds and image.status == "Deprecated":
        raise ApiError("OperationDenied.InvalidImageStatus")
    if (adds or removes) and image.is_public:  # community images cannot be shared
        raise ApiError("Image.Public")
    remaining = (set(image.shares) - set(removes)) | set(adds)
    if len(remaining) > MAX_SHAREES_PER_IMAGE:
        raise ApiError("QuotaExceed.ShareImageUser")
    if DryRun:
        raise ApiError("DryRunOperation")

    for account_id in removes:
        image.shares.pop(account_id, None)
    shared_time = now_iso()
    for account_id in adds:
        image.shares.setdefault(account_id, ImageShare(account_id, shared_time))
    if IsPublic is not None:
        image.is_public = IsPublic
    return {}


def _distinct(accounts: Sequence[str]) -> List[str]:
    return list(dict.fromkeys(a.strip() for a in accounts if isinstance(a, str)))


@ECS.action("DescribeImageSharePermission")
def describe_image_share_permission(
    call: Call, *, RegionId: str, ImageId: str, PageNumber: int = 1, PageSize: int = 10
) -> dict:
    region = call.cloud.ecs.region(RegionId)
    image = region.owned_image(ImageId, call.account.account_id)
    shares, fields = page_of(list(image.shares.values()), PageNumber, PageSize)
    return {
        "RegionId": RegionId,
        "ImageId": ImageId,
        **fields,
        "ShareGroups": {"ShareGroup": [{"Group": "all"}] if image.is_public else []},
        "Accounts": {"Account": [{"AliyunId": s.account_id, "SharedTime": s.shared_time} for s in shares]},
    }
