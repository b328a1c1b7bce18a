"""Every row of ModifyImageSharePermission's error table (seed 004), each from a scenario,
through the V2 SDK, asserting HTTP status, Code and Message."""

import pytest
from helpers import custom_image, generic_call, share

from aliyun_mock.ecs.handlers.sharing import ENCRYPTED_SHARING_ROLE, MAX_ACCOUNTS_PER_CALL, MAX_SHAREES_PER_IMAGE
from conftest_plugin import ApiFailure, V2Path

REGION = "cn-hangzhou"
SHAREE = "1234567890123456"


@pytest.fixture
def v2(ecs_mock):
    return V2Path(ecs_mock)


def publish(path, image_id, public=True, account=None):
    return share(path, image_id, account=account, IsPublic=public)


def encrypted_copy(path, cloud, kms_key_id=""):
    """An encrypted image made the way users make one: CopyImage with Encrypted (and a CMK)."""
    image_id = custom_image(path)
    params = {"RegionId": REGION, "ImageId": image_id, "Encrypted": True}
    if kms_key_id:
        params["KMSKeyId"] = kms_key_id
    return path.call("CopyImage", params)["ImageId"]


def cmk_image(path, cloud, key_state="Enabled", role=True):
    image_id = encrypted_copy(path, cloud, kms_key_id="key-cmk-1")
    cloud.ecs.kms_keys["key-cmk-1"] = key_state
    if role:
        cloud.default_account.roles.add(ENCRYPTED_SHARING_ROLE)
    return image_id


# (status, code, message, scenario(v2 path, cloud)) — one per row, in the table's order.
def missing_region(p, c):
    p.call("ModifyImageSharePermission", {"ImageId": custom_image(p), "AddAccount": [SHAREE]})


def malformed_group(p, c):
    generic_call(
        c, "ModifyImageSharePermission", {"RegionId": REGION, "ImageId": custom_image(p), "AddGroup": ["friends"]}
    )


def launch_permission_with_accounts(p, c):
    share(p, custom_image(p), add=[SHAREE], LaunchPermission="hide")


def launch_permission_bad_value(p, c):
    c.default_account.launch_permission_preview = True
    share(p, custom_image(p), LaunchPermission="show-everyone")


def launch_permission_not_in_preview(p, c):
    share(p, custom_image(p), LaunchPermission="hide")


def encrypted_without_role(p, c):
    share(p, cmk_image(p, c, role=False), add=[SHAREE])


def sensitive_description(p, c):
    c.ecs.sensitive_words.add("casino")
    image_id = custom_image(p)
    p.call("ModifyImageAttribute", {"RegionId": REGION, "ImageId": image_id, "Description": "online casino base"})
    share(p, image_id, add=[SHAREE])


def sensitive_name(p, c):
    c.ecs.sensitive_words.add("casino")
    publish(p, custom_image(p, name="casino-web"))


def sharing_a_community_image(p, c):
    image_id = custom_image(p)
    publish(p, image_id)
    share(p, image_id, add=[SHAREE])


def region_without_community_images(p, c):
    c.ecs.regions_without_community_images.add(REGION)
    publish(p, custom_image(p))


def unpublishing_a_private_image(p, c):
    publish(p, custom_image(p), public=False)


def encrypted_image_with_data_disk_snapshots(p, c):
    image_id = cmk_image(p, c)
    c.ecs.find_image(image_id).data_disk_sizes = [100]
    share(p, image_id, add=[SHAREE])


def too_many_shared_images(p, c):
    c.default_account.shared_image_quota = 1
    share(p, custom_image(p), add=[SHAREE])
    share(p, custom_image(p), add=[SHAREE])


def too_many_sharees(p, c):
    image_id = custom_image(p)
    accounts = [str(3000000000000000 + n) for n in range(MAX_SHAREES_PER_IMAGE + 1)]
    for start in range(0, len(accounts), MAX_ACCOUNTS_PER_CALL):
        share(p, image_id, add=accounts[start : start + MAX_ACCOUNTS_PER_CALL])


def marketplace_image_to_another_site(p, c):
    image_id = custom_image(p)
    c.ecs.find_image(image_id).product_code = "cmjj012345"  # derived from a Marketplace image
    share(p, image_id, add=[c.create_account("5555555555555555", site="international").account_id])


def publishing_an_encrypted_image(p, c):
    publish(p, cmk_image(p, c))


def sharing_a_deprecated_image(p, c):
    image_id = custom_image(p)
    p.call("ModifyImageAttribute", {"RegionId": REGION, "ImageId": image_id, "Status": "Deprecated"})
    share(p, image_id, add=[SHAREE])


def terms_not_signed(p, c):
    c.default_account.community_terms_signed = False
    publish(p, custom_image(p))


def is_public_with_accounts(p, c):
    share(p, custom_image(p), add=[SHAREE], IsPublic=True)


def cmk_unauthorized(p, c):
    share(p, cmk_image(p, c, key_state="Unauthorized"), add=[SHAREE])


def cmk_disabled(p, c):
    share(p, cmk_image(p, c, key_state="Disabled"), add=[SHAREE])


def service_key_image(p, c):
    share(p, encrypted_copy(p, c), add=[SHAREE])


def unknown_image(p, c):
    share(p, "m-bp1nonexistent00000", add=[SHAREE])


def unknown_account(p, c):
    share(p, custom_image(p), add=["no-such-account"])


def oneself(p, c):
    share(p, custom_image(p), add=[c.default_account.account_id])


def cmk_deleted(p, c):
    share(p, cmk_image(p, c, key_state="Deleted"), add=[SHAREE])


# fmt: off
ERROR_TABLE = [
    (400, "MissingParameter", 'The input parameter "RegionId" that is mandatory for processing this request is not supplied.', missing_region),
    (400, "InvalidGroup.Malformed", "The specified Group is wrongly formed.", malformed_group),
    (400, "UnnecessaryParameter.LaunchPermission", 'The specified parameter "LaunchPermission" is unnecessary if paramter "AddAccounts" or "RemoveAccounts" exist.', launch_permission_with_accounts),
    (400, "InvalidParameter.LaunchPermission", 'The specified parameter "LaunchPermission" is invalid.', launch_permission_bad_value),
    (400, "ForbiddenParameter.LaunchPermission", 'The specified parameter "LaunchPermission" is forbidden for current account.', launch_permission_not_in_preview),
    (403, "AssumeRoleError", "Requires a RAM role of AliyunECSShareEncryptImageDefaultRole before sharing encrypted image.", encrypted_without_role),
    (403, "ImageDescription.ContainsSensitiveWords", "The specified image description contains sensitive words.", sensitive_description),
    (403, "ImageName.ContainsSensitiveWords", "The specified image name contains sensitive words.", sensitive_name),
    (403, "Image.Public", "The specified image is public image.", sharing_a_community_image),
    (403, "CurrentRegion.NotSupportPublicImage", "Public image is not supported for current region.", region_without_community_images),
    (403, "Image.NotPublic", "The specified image is not public image.", unpublishing_a_private_image),
    (403, "OperationDeined.FullImage", "The encrypted image contains multiple snapshots, which do not support share.", encrypted_image_with_data_disk_snapshots),
    (403, "QuotaExceed.ShareImage", "The shared Image Quota exceeds.", too_many_shared_images),
    (403, "QuotaExceed.ShareImageUser", "The shared Image user Quota exceeds.", too_many_sharees),
    (403, "InvalidImageId.BidMismatch", "Cannot share the image with users 5555555555555555 of other sites.", marketplace_image_to_another_site),
    (403, "OperationDeined.EncryptedSnapshot", "The image contains encrypted snapshots, which do not support share.", publishing_an_encrypted_image),
    (403, "OperationDenied.InvalidImageStatus", "The specified image cannot be shared when it is deprecated.", sharing_a_deprecated_image),
    (403, "PublicImageAgreement.NotSigned", 'The current account has not signed "Community Image Terms of Service".', terms_not_signed),
    (403, "InvalidParameter.IsPublic", "The specified parameter IsPublic is conflicted with other parameters.", is_public_with_accounts),
    (403, "InvalidParameter.KMSKeyId.CMKUnauthorized", "The CMK(Customer Master Key) lacks authorization to add tags to the ECS service.", cmk_unauthorized),
    (403, "InvalidParameter.KMSKeyId.CMKNotEnabled", "The CMK (Customer Master Key) must be in an active state.", cmk_disabled),
    (403, "InvalidOperation.ServiceKeyEncryptedImageUnsupported", "The specified service key encrypted image is not supported for this operation. Please switch to a CMK (Customer Master Key) encrypted image and retry.", service_key_image),
    (404, "InvalidImageId.NotFound", "The specified ImageId does not exist.", unknown_image),
    (404, "InvalidAccount.NotFound", 'The specified account no-such-account in parameter "AddAccount.n" or "RemoveAccount.n" does not exist.', unknown_account),
    (404, "InvalidAccount.Forbbiden", "The specified Account does not yourself.", oneself),
    (404, "InvalidKMSKeyId.NotFound", "The KMS key used by the disk does not exist.", cmk_deleted),
]
# fmt: on


def test_the_table_has_every_row_of_seed_004():
    assert len(ERROR_TABLE) == 26 and len({row[1] for row in ERROR_TABLE}) == 26


@pytest.mark.parametrize("status, code, message, scenario", ERROR_TABLE, ids=[row[1] for row in ERROR_TABLE])
def test_error_row(v2, ecs_mock, status, code, message, scenario):
    from alibabacloud_tea_openapi.exceptions import ClientException

    with pytest.raises((ApiFailure, ClientException)) as failure:
        scenario(v2, ecs_mock)
    error = failure.value
    if isinstance(error, ClientException):  # the generic call_api path raises the SDK's own exception
        error = ApiFailure(error.status_code, error.code, error.data["Message"], error.request_id, error)
    assert (error.status, error.code, error.message) == (status, code, message)


def test_an_encrypted_image_shares_once_the_role_and_key_are_in_order(v2, ecs_mock):
    image_id = cmk_image(v2, ecs_mock)
    share(v2, image_id, add=[SHAREE])
    body = v2.call("DescribeImageSharePermission", {"RegionId": REGION, "ImageId": image_id})
    assert [a["AliyunId"] for a in body["Accounts"]["Account"]] == [SHAREE]


def test_launch_permission_for_a_preview_account_is_accepted(v2, ecs_mock):
    ecs_mock.default_account.launch_permission_preview = True
    image_id = custom_image(v2)
    share(v2, image_id, LaunchPermission="hide")
    assert ecs_mock.ecs.find_image(image_id).launch_permission == "hide"


def test_a_marketplace_derived_image_shares_within_its_site(v2, ecs_mock):
    image_id = custom_image(v2)
    ecs_mock.ecs.find_image(image_id).product_code = "cmjj012345"
    share(v2, image_id, add=[ecs_mock.create_account().account_id])


def test_the_all_group_publishes_like_is_public(v2, ecs_mock):
    image_id = custom_image(v2)
    generic_call(ecs_mock, "ModifyImageSharePermission", {"RegionId": REGION, "ImageId": image_id, "AddGroup": ["all"]})
    body = v2.call("DescribeImageSharePermission", {"RegionId": REGION, "ImageId": image_id})
    assert body["ShareGroups"] == {"ShareGroup": [{"Group": "all"}]}
