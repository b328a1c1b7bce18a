"""Seed 002/003 Scenario 2: an image shared within an organisation through Resource Sharing, enforced
by ECS — through every client path: a folder's accounts see and launch it, accounts that join the
folder later too, an account moved out loses it (and its ReInitDisk fails as for an unshared image),
disassociating the folder takes it from everyone, and an account outside the directory gets it only
by accepting an invitation."""
import pytest
from helpers import assert_fails, custom_image, image_ids, launch, shared_with_me
from test_sharing_consequences import reinit, replace, stopped_instance_from

REGION = "cn-hangzhou"
IMAGE_NOT_FOUND = (404, "InvalidImageId.NotFound", "The specified ImageId does not exist.")
REINIT_REFUSED = (404, "InvalidDiskId.OperationNotSupported", "The operation is not supported due to image not exist.")


def rm(path, action, params=None, account=None):
    return path.call(action, params or {}, product="resourcemanager", account=account)


def rs(path, action, params=None, account=None):
    return path.call(action, params or {}, product="resourcesharing", account=account, region_id=REGION)


def organisation(path, cloud, members=2):
    """The default account manages a directory with sharing enabled and a folder of ``members`` accounts."""
    directory = rm(path, "EnableResourceDirectory", {"EnableMode": "CurrentAccount"})["ResourceDirectory"]
    folder = rm(path, "CreateFolder", {"FolderName": "Apps"})["Folder"]["FolderId"]
    accounts = [member(path, cloud, f"member {n}", folder) for n in range(members)]
    rs(path, "EnableSharingWithResourceDirectory")
    return directory, folder, accounts


def member(path, cloud, name, folder):
    created = rm(path, "CreateResourceAccount", {"DisplayName": name, "ParentFolderId": folder})["Account"]
    return cloud.accounts.accounts[created["AccountId"]]


def share_image(path, image_id, targets, **extra):
    params = {"ResourceShareName": "golden", "Resources": [{"ResourceType": "Image", "ResourceId": image_id}],
              "Targets": list(targets), **extra}
    return rs(path, "CreateResourceShare", params)["ResourceShare"]["ResourceShareId"]


def sees(path, account, image_id):
    return image_id in image_ids(shared_with_me(path, account))


def test_a_folder_shares_an_image_with_its_accounts_as_they_come_and_go(client_path, ecs_mock):
    directory, folder, (first, second) = organisation(client_path, ecs_mock)
    image_id = custom_image(client_path)
    share_id = share_image(client_path, image_id, [folder])

    assert sees(client_path, first, image_id) and sees(client_path, second, image_id)
    listed = shared_with_me(client_path, first)["Images"]["Image"]
    assert [(i["ImageOwnerAlias"], i["IsSelfShared"]) for i in listed] == [("others", "False")]
    owners = client_path.call("DescribeImages", {"RegionId": REGION, "ImageId": image_id})["Images"]["Image"]
    assert owners[0]["IsSelfShared"] == "True"
    instance_id, disk_id = stopped_instance_from(client_path, image_id, first)
    reinit(client_path, disk_id, first)

    later = member(client_path, ecs_mock, "late joiner", folder)  # joins after the share was made
    assert sees(client_path, later, image_id)

    rm(client_path, "MoveAccount", {"AccountId": first.account_id, "DestinationFolderId": directory["RootFolderId"]})
    assert not sees(client_path, first, image_id)
    assert_fails(*IMAGE_NOT_FOUND, launch, client_path, first, image=image_id)
    assert_fails(*IMAGE_NOT_FOUND, replace, client_path, instance_id, image_id, first)
    assert_fails(*REINIT_REFUSED, reinit, client_path, disk_id, first)
    assert sees(client_path, second, image_id)

    rs(client_path, "DisassociateResourceShare", {"ResourceShareId": share_id, "Targets": [folder]})
    assert not sees(client_path, second, image_id) and not sees(client_path, later, image_id)


def test_an_account_outside_the_directory_gets_the_image_only_by_accepting(client_path, ecs_mock):
    _, folder, _ = organisation(client_path, ecs_mock, members=0)
    outsider = ecs_mock.create_account()
    image_id = custom_image(client_path)
    with pytest.raises(Exception) as refused:
        share_image(client_path, image_id, [outsider.account_id])
    assert (refused.value.code, refused.value.message) == (
        "InvalidTarget", "The shared target does not exist in the resource directory."
    )
    share_id = share_image(client_path, image_id, [outsider.account_id], AllowExternalTargets=True)
    assert not sees(client_path, outsider, image_id)
    invitations = rs(client_path, "ListResourceShareInvitations", {}, outsider)["ResourceShareInvitations"]
    assert [(i["ResourceShareId"], i["Status"]) for i in invitations] == [(share_id, "Pending")]
    accepted = rs(client_path, "AcceptResourceShareInvitation",
                  {"ResourceShareInvitationId": invitations[0]["ResourceShareInvitationId"]}, outsider)
    assert accepted["ResourceShareInvitation"]["Status"] == "Accepted"
    assert sees(client_path, outsider, image_id)
    launch(client_path, outsider, image=image_id)
    targets = rs(client_path, "ListSharedTargets", {"ResourceOwner": "Self"})["SharedTargets"]
    assert [(t["TargetId"], t["External"]) for t in targets] == [(outsider.account_id, True)]


def test_deleting_the_share_ends_access_and_frees_the_image(client_path, ecs_mock):
    directory, _, (first,) = organisation(client_path, ecs_mock, members=1)
    image_id = custom_image(client_path)
    share_id = share_image(client_path, image_id, [directory["ResourceDirectoryId"]])
    assert sees(client_path, first, image_id)
    assert_fails(403, "ImageUseShared", "The specified image has been shared to others. You can use the"
                 " DescribeImageSharePermission API to query the users who have been shared.",
                 client_path.call, "DeleteImage", {"RegionId": REGION, "ImageId": image_id})
    rs(client_path, "DeleteResourceShare", {"ResourceShareId": share_id})
    assert not sees(client_path, first, image_id)
    shares = rs(client_path, "ListResourceShares", {"ResourceOwner": "Self"})["ResourceShares"]
    assert [(s["ResourceShareId"], s["ResourceShareStatus"]) for s in shares] == [(share_id, "Deleted")]
    client_path.call("DeleteImage", {"RegionId": REGION, "ImageId": image_id})
