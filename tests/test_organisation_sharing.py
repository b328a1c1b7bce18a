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
    return cloud.account(created["AccountId"])


def share_image(path, image_id, targets, **extra):
    params = {
        "ResourceShareName": "golden",
        "Resources": [{"ResourceType": "Image", "ResourceId": image_id}],
        "Targets": list(targets),
        **extra,
    }
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
        "InvalidTarget",
        "The shared target does not exist in the resource directory.",
    )
    share_id = share_image(client_path, image_id, [outsider.account_id], AllowExternalTargets=True)
    assert not sees(client_path, outsider, image_id)
    invitations = rs(client_path, "ListResourceShareInvitations", {}, outsider)["ResourceShareInvitations"]
    assert [(i["ResourceShareId"], i["Status"]) for i in invitations] == [(share_id, "Pending")]
    accepted = rs(
        client_path,
        "AcceptResourceShareInvitation",
        {"ResourceShareInvitationId": invitations[0]["ResourceShareInvitationId"]},
        outsider,
    )
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
    assert_fails(
        403,
        "ImageUseShared",
        "The specified image has been shared to others. You can use the"
        " DescribeImageSharePermission API to query the users who have been shared.",
        client_path.call,
        "DeleteImage",
        {"RegionId": REGION, "ImageId": image_id},
    )
    rs(client_path, "DeleteResourceShare", {"ResourceShareId": share_id})
    assert not sees(client_path, first, image_id)
    shares = rs(client_path, "ListResourceShares", {"ResourceOwner": "Self"})["ResourceShares"]
    assert [(s["ResourceShareId"], s["ResourceShareStatus"]) for s in shares] == [(share_id, "Deleted")]
    client_path.call("DeleteImage", {"RegionId": REGION, "ImageId": image_id})


def complete(product, action, body):
    from helpers import schema_gaps

    from aliyun_mock.products import PRODUCTS

    described = next(p.product for p in PRODUCTS if p.product.host_label == product).describe(action)
    assert schema_gaps(described.response, body, order=False) == [], action
    return body


@pytest.mark.parametrize("client_path", ["v1", "v2"], indirect=True)
def test_every_body_is_complete_and_both_sides_see_the_share(client_path, ecs_mock):
    _, folder, (first,) = organisation(client_path, ecs_mock, members=1)
    image_id = custom_image(client_path)
    created = complete(
        "resourcesharing",
        "CreateResourceShare",
        rs(client_path, "CreateResourceShare", {"ResourceShareName": "golden", "Targets": [folder]}),
    )
    share_id = created["ResourceShare"]["ResourceShareId"]
    assert created["ResourceShare"]["ResourceShareStatus"] == "Active"
    associated = complete(
        "resourcesharing",
        "AssociateResourceShare",
        rs(
            client_path,
            "AssociateResourceShare",
            {"ResourceShareId": share_id, "Resources": [{"ResourceType": "Image", "ResourceId": image_id}]},
        ),
    )
    assert [
        (a["EntityId"], a["EntityType"], a["AssociationType"], a["AssociationStatus"])
        for a in associated["ResourceShareAssociations"]
    ] == [(image_id, "Image", "Resource", "Associated")]
    mine = complete(
        "resourcesharing", "ListSharedResources", rs(client_path, "ListSharedResources", {"ResourceOwner": "Self"})
    )["SharedResources"]
    assert [(r["ResourceId"], r["ResourceShareId"]) for r in mine] == [(image_id, share_id)]
    theirs = rs(client_path, "ListSharedResources", {"ResourceOwner": "OtherAccounts"}, first)["SharedResources"]
    assert [(r["ResourceId"], r["ResourceStatus"]) for r in theirs] == [(image_id, "Available")]
    targets = complete(
        "resourcesharing", "ListSharedTargets", rs(client_path, "ListSharedTargets", {"ResourceOwner": "Self"})
    )["SharedTargets"]
    assert [(t["TargetId"], t["External"]) for t in targets] == [(folder, False)]
    owners = rs(client_path, "ListSharedTargets", {"ResourceOwner": "OtherAccounts"}, first)["SharedTargets"]
    assert [t["TargetId"] for t in owners] == [ecs_mock.default_account.account_id]
    listed = complete(
        "resourcesharing",
        "ListResourceShares",
        rs(client_path, "ListResourceShares", {"ResourceOwner": "OtherAccounts"}, first),
    )
    assert [s["ResourceShareId"] for s in listed["ResourceShares"]] == [share_id]
    records = complete(
        "resourcesharing",
        "ListResourceShareAssociations",
        rs(client_path, "ListResourceShareAssociations", {"AssociationType": "Target"}),
    )["ResourceShareAssociations"]
    assert [(r["EntityId"], r["EntityType"], r["External"]) for r in records] == [(folder, "Account", False)]
    permissions = complete(
        "resourcesharing",
        "ListResourceSharePermissions",
        rs(
            client_path,
            "ListResourceSharePermissions",
            {"ResourceShareId": share_id, "ResourceOwner": "OtherAccounts"},
            first,
        ),
    )["Permissions"]
    assert [p["PermissionName"] for p in permissions] == ["AliyunRSDefaultPermissionImage"]
    catalogue = complete(
        "resourcesharing", "ListPermissions", rs(client_path, "ListPermissions", {"ResourceType": "Image"})
    )["Permissions"]
    assert [(p["PermissionName"], p["DefaultPermission"]) for p in catalogue] == [
        ("AliyunRSDefaultPermissionImage", True)
    ]
    status = complete(
        "resourcesharing",
        "CheckSharingWithResourceDirectoryStatus",
        rs(client_path, "CheckSharingWithResourceDirectoryStatus", {}, first),
    )
    assert status["EnableSharingWithRd"] is True
    updated = complete(
        "resourcesharing",
        "UpdateResourceShare",
        rs(client_path, "UpdateResourceShare", {"ResourceShareId": share_id, "ResourceShareName": "platinum"}),
    )
    assert updated["ResourceShare"]["ResourceShareName"] == "platinum"
    removed = rs(client_path, "DisassociateResourceShare", {"ResourceShareId": share_id, "Targets": [folder]})
    assert [a["AssociationStatus"] for a in removed["ResourceShareAssociations"]] == ["Disassociated"]
    history = rs(client_path, "ListResourceShareAssociations", {"AssociationType": "Target"})
    assert [r["AssociationStatus"] for r in history["ResourceShareAssociations"]] == ["Disassociated"]


@pytest.mark.parametrize("client_path", ["v2"], indirect=True)
def test_held_transitions_show_associating_and_deleting(client_path, ecs_mock):
    _, folder, (first,) = organisation(client_path, ecs_mock, members=1)
    image_id = custom_image(client_path)
    ecs_mock.hold_transitions()
    share_id = share_image(client_path, image_id, [folder])
    records = rs(client_path, "ListResourceShareAssociations", {"AssociationType": "Resource"})
    assert [r["AssociationStatus"] for r in records["ResourceShareAssociations"]] == ["Associating"]
    assert not sees(client_path, first, image_id)  # not before the association completes
    ecs_mock.settle()
    assert sees(client_path, first, image_id)
    rs(client_path, "DeleteResourceShare", {"ResourceShareId": share_id})
    shares = rs(client_path, "ListResourceShares", {"ResourceOwner": "Self"})["ResourceShares"]
    assert [s["ResourceShareStatus"] for s in shares] == ["Deleting"]
    ecs_mock.release_transitions()
    shares = rs(client_path, "ListResourceShares", {"ResourceOwner": "Self"})["ResourceShares"]
    assert [s["ResourceShareStatus"] for s in shares] == ["Deleted"]


@pytest.mark.parametrize("client_path", ["v2"], indirect=True)
def test_a_rejected_or_expired_invitation_fails_its_target(client_path, ecs_mock, monkeypatch):
    import time

    organisation(client_path, ecs_mock, members=0)
    rejecting, forgetting = ecs_mock.create_account(), ecs_mock.create_account()
    image_id = custom_image(client_path)
    share_image(client_path, image_id, [rejecting.account_id, forgetting.account_id], AllowExternalTargets=True)
    invitation = rs(client_path, "ListResourceShareInvitations", {}, rejecting)["ResourceShareInvitations"][0]
    rejected = complete(
        "resourcesharing",
        "RejectResourceShareInvitation",
        rs(
            client_path,
            "RejectResourceShareInvitation",
            {"ResourceShareInvitationId": invitation["ResourceShareInvitationId"]},
            rejecting,
        ),
    )
    assert rejected["ResourceShareInvitation"]["Status"] == "Rejected"
    later = time.time() + 7 * 86400 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    expired = rs(client_path, "ListResourceShareInvitations", {}, forgetting)["ResourceShareInvitations"]
    assert [i["Status"] for i in expired] == ["Expired"]
    records = rs(client_path, "ListResourceShareAssociations", {"AssociationType": "Target"})
    assert sorted(r["AssociationStatus"] for r in records["ResourceShareAssociations"]) == ["Failed", "Failed"]
    assert not sees(client_path, rejecting, image_id) and not sees(client_path, forgetting, image_id)


@pytest.mark.parametrize("client_path", ["v2"], indirect=True)
def test_the_management_account_acts_as_a_member_through_its_access_role(client_path, ecs_mock):
    """As the cloud lets it: STS AssumeRole on the member's ResourceDirectoryAccountAccessRole, in strict mode too."""
    from alibabacloud_ecs20140526.client import Client as EcsClient
    from alibabacloud_ecs20140526.models import DescribeImagesRequest
    from alibabacloud_sts20150401.models import AssumeRoleRequest
    from alibabacloud_tea_openapi.models import Config

    ecs_mock.accounts.strict = True
    _, folder, (first,) = organisation(client_path, ecs_mock, members=1)
    image_id = custom_image(client_path)
    share_image(client_path, image_id, [folder])
    sts = ecs_mock.client("v2", product="sts")
    role = f"acs:ram::{first.account_id}:role/ResourceDirectoryAccountAccessRole"
    credentials = sts.assume_role(AssumeRoleRequest(role_arn=role, role_session_name="ops")).body.credentials
    as_member = EcsClient(
        Config(
            access_key_id=credentials.access_key_id,
            access_key_secret=credentials.access_key_secret,
            security_token=credentials.security_token,
            region_id=REGION,
        )
    )
    images = as_member.describe_images(DescribeImagesRequest(region_id=REGION, image_owner_alias="others")).body
    assert [i.image_id for i in images.images.image] == [image_id]
    assert ecs_mock.calls[-1].account_id == first.account_id
    second = member(client_path, ecs_mock, "other member", folder)  # a member is not trusted by another's role
    as_second = ecs_mock.client("v2", second, product="sts")
    for spelling in (role, role.lower()):  # role names are case-insensitive, as RAM's ARNs show them
        with pytest.raises(Exception) as refused:
            as_second.assume_role(AssumeRoleRequest(role_arn=spelling, role_session_name="ops"))
        assert (refused.value.status_code, refused.value.code) == (403, "NoPermission")
    assert sts.assume_role(AssumeRoleRequest(role_arn=role.lower(), role_session_name="ops")).body.credentials


@pytest.mark.parametrize("client_path", ["v2"], indirect=True)
def test_state_round_trips_and_the_dashboard_shows_the_organisation(client_path, ecs_mock):
    from aliyun_mock.dashboard import render_dashboard

    _, folder, (first,) = organisation(client_path, ecs_mock, members=1)
    image_id = custom_image(client_path)
    share_id = share_image(client_path, image_id, [folder])
    saved = ecs_mock.state()
    ecs_mock.reset()
    assert not sees(client_path, first, image_id)
    ecs_mock.load(saved)
    assert ecs_mock.state() == saved
    assert sees(client_path, first, image_id)
    page = render_dashboard(ecs_mock)
    assert "Resource directories" in page and "Root/Apps" in page and share_id in page and image_id in page


@pytest.mark.parametrize("client_path", ["v2"], indirect=True)
def test_region_rules_and_what_the_owner_sees(client_path, ecs_mock):
    """A share is regional: it takes only images of its region, and its sharees see them there only;
    a sharee copies within the region, not to another; DescribeImageSharePermission lists only the
    accounts an image is shared with by id."""
    _, folder, (first,) = organisation(client_path, ecs_mock, members=1)
    image_id = custom_image(client_path)
    elsewhere = custom_image(client_path, region="cn-shanghai")
    with pytest.raises(Exception) as refused:
        share_image(client_path, elsewhere, [folder])
    assert (refused.value.code, refused.value.message) == ("InvalidParameter.Resources", "The Resources is invalid.")
    share_image(client_path, image_id, [folder])
    assert image_ids(shared_with_me(client_path, first, region="cn-shanghai")) == []
    copied = client_path.call("CopyImage", {"RegionId": REGION, "ImageId": image_id}, account=first)["ImageId"]
    assert copied in image_ids(
        client_path.call("DescribeImages", {"RegionId": REGION, "ImageOwnerAlias": "self"}, account=first)
    )
    assert_fails(
        403,
        "OperationDenied.SameRegionOnly",
        "The image shared from others can not be copied to another region directly.",
        client_path.call,
        "CopyImage",
        {"RegionId": REGION, "ImageId": image_id, "DestinationRegionId": "cn-shanghai"},
        account=first,
    )
    permission = client_path.call("DescribeImageSharePermission", {"RegionId": REGION, "ImageId": image_id})
    assert permission["Accounts"]["Account"] == []


@pytest.mark.parametrize("client_path", ["v2"], indirect=True)
def test_a_state_saved_mid_transition_loads_settled(client_path, ecs_mock):
    _, folder, (first,) = organisation(client_path, ecs_mock, members=1)
    image_id = custom_image(client_path)
    ecs_mock.hold_transitions()
    share_image(client_path, image_id, [folder])
    saved = ecs_mock.state()
    assert [a["status"] for a in saved["resource_share_associations"]] == ["Associated", "Associated"]
    records = rs(client_path, "ListResourceShareAssociations", {"AssociationType": "Resource"})
    assert [r["AssociationStatus"] for r in records["ResourceShareAssociations"]] == ["Associating"]  # live: held
    ecs_mock.load(saved)
    assert sees(client_path, first, image_id)


# --- found by review: each once wrong ---------------------------------------------------------------


def fails_with(code, call, *args, **kwargs):
    with pytest.raises(Exception) as failure:
        call(*args, **kwargs)
    assert failure.value.code == code, failure.value
    return failure.value


@pytest.mark.parametrize("client_path", ["v2"], indirect=True)
def test_disassociating_names_the_entity_as_it_was_added(client_path, ecs_mock):
    _, folder, (first,) = organisation(client_path, ecs_mock, members=1)
    image_id = custom_image(client_path)
    share_id = share_image(client_path, image_id, [folder])
    for params in ({"Targets": [image_id]}, {"Resources": [{"ResourceType": "Snapshot", "ResourceId": image_id}]}):
        fails_with(
            "DisassociateInvalid", rs, client_path, "DisassociateResourceShare", {"ResourceShareId": share_id, **params}
        )
    assert sees(client_path, first, image_id)


@pytest.mark.parametrize("client_path", ["v2"], indirect=True)
def test_leaving_and_joining_rules(client_path, ecs_mock):
    _, folder, (first,) = organisation(client_path, ecs_mock, members=1)
    image_id = custom_image(client_path)
    share_id = share_image(client_path, image_id, [folder])
    fails_with(
        "LeavingFailed.Account",
        rs,
        client_path,
        "DisassociateResourceShare",
        {"ResourceShareId": share_id, "Targets": [first.account_id], "ResourceOwner": "OtherAccounts"},
        first,
    )
    fails_with(
        "InvalidParameter.ResourceShareId",
        rs,
        client_path,
        "DisassociateResourceShare",
        {"ResourceShareId": "nope", "Targets": [first.account_id], "ResourceOwner": "OtherAccounts"},
        first,
    )
    fails_with(
        "InvalidParameter.ResourceShareId",
        rs,
        client_path,
        "ListResourceSharePermissions",
        {"ResourceShareId": "nope", "ResourceOwner": "OtherAccounts"},
        first,
    )
    outsider = ecs_mock.create_account()
    external = share_image(client_path, custom_image(client_path), [outsider.account_id], AllowExternalTargets=True)
    invitation = rs(client_path, "ListResourceShareInvitations", {}, outsider)["ResourceShareInvitations"][0]
    rs(
        client_path,
        "AcceptResourceShareInvitation",
        {"ResourceShareInvitationId": invitation["ResourceShareInvitationId"]},
        outsider,
    )
    joined = rs(client_path, "ListSharedTargets", {"ResourceOwner": "OtherAccounts"}, outsider)["SharedTargets"]
    assert [(t["ResourceShareId"], t["External"]) for t in joined] == [(external, True)]
    deprecated = custom_image(client_path)
    client_path.call("ModifyImageAttribute", {"RegionId": REGION, "ImageId": deprecated, "Status": "Deprecated"})
    fails_with("InvalidParameter.Resources", share_image, client_path, deprecated, [folder])


@pytest.mark.parametrize("client_path", ["v2"], indirect=True)
def test_an_invitation_expires_whoever_looks(client_path, ecs_mock, monkeypatch):
    import time

    organisation(client_path, ecs_mock, members=0)
    outsider = ecs_mock.create_account()
    share_id = share_image(client_path, custom_image(client_path), [outsider.account_id], AllowExternalTargets=True)
    later = time.time() + 8 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    records = rs(client_path, "ListResourceShareAssociations", {"AssociationType": "Target"})  # the owner looks
    assert [r["AssociationStatus"] for r in records["ResourceShareAssociations"]] == ["Failed"]
    again = rs(client_path, "AssociateResourceShare", {"ResourceShareId": share_id, "Targets": [outsider.account_id]})
    assert [a["AssociationStatus"] for a in again["ResourceShareAssociations"]] == ["Associating"]
    invitations = rs(client_path, "ListResourceShareInvitations", {}, outsider)["ResourceShareInvitations"]
    assert sorted(i["Status"] for i in invitations) == ["Expired", "Pending"]


@pytest.mark.parametrize("client_path", ["v2"], indirect=True)
def test_membership_rules_of_the_directory(client_path, ecs_mock):
    from alibabacloud_sts20150401.models import AssumeRoleRequest

    ecs_mock.accounts.strict = True
    organisation(client_path, ecs_mock, members=0)
    invited, waiting = ecs_mock.create_account(), ecs_mock.create_account()
    handshake = rm(
        client_path, "InviteAccountToResourceDirectory", {"TargetEntity": invited.account_id, "TargetType": "Account"}
    )["Handshake"]["HandshakeId"]
    rm(client_path, "AcceptHandshake", {"HandshakeId": handshake}, invited)
    assert rm(client_path, "GetAccount", {"AccountId": invited.account_id})["Account"]["Status"] == "InviteSuccess"
    role = f"acs:ram::{invited.account_id}:role/ResourceDirectoryAccountAccessRole"
    sts = ecs_mock.client("v2", product="sts")
    assert sts.assume_role(AssumeRoleRequest(role_arn=role, role_session_name="ops")).body.credentials
    rm(client_path, "RemoveCloudAccount", {"AccountId": invited.account_id})
    with pytest.raises(Exception) as refused:  # on its own again: the former manager has no way in
        sts.assume_role(AssumeRoleRequest(role_arn=role, role_session_name="ops"))
    assert refused.value.code == "EntityNotExist.Role"
    ecs_mock.resource_directory.quotas["members"] = 2  # the manager and the one about to be invited
    rm(client_path, "InviteAccountToResourceDirectory", {"TargetEntity": invited.account_id, "TargetType": "Account"})
    fails_with(
        "LimitExceeded.Account",
        rm,
        client_path,
        "InviteAccountToResourceDirectory",
        {"TargetEntity": waiting.account_id, "TargetType": "Account"},
    )  # the pending invitation counts


@pytest.mark.parametrize("client_path", ["v2"], indirect=True)
def test_quotas_round_trip_and_a_state_naming_an_unknown_share_is_refused(client_path, ecs_mock):
    organisation(client_path, ecs_mock, members=0)
    ecs_mock.resource_directory.quotas["members"] = 50
    ecs_mock.resource_sharing.quotas["resource_shares"] = 3
    saved = ecs_mock.state()
    ecs_mock.load(saved)
    assert (ecs_mock.resource_directory.quotas["members"], ecs_mock.resource_sharing.quotas["resource_shares"]) == (
        50,
        3,
    )
    broken = dict(
        saved,
        resource_share_associations=[
            {
                "share_id": "rs-missing",
                "region_id": REGION,
                "association_type": "Resource",
                "entity_id": "m-1",
                "entity_type": "Image",
                "create_time": "",
                "update_time": "",
                "status": "Associated",
                "external": False,
            }
        ],
    )
    with pytest.raises(ValueError, match="rs-missing"):
        ecs_mock.load(broken)
    assert ecs_mock.state() == saved


@pytest.mark.parametrize("client_path", ["v2"], indirect=True)
def test_lists_carry_only_their_documented_fields(client_path, ecs_mock):
    organisation(client_path, ecs_mock, members=1)
    folders = rm(client_path, "ListFoldersForParent")["Folders"]["Folder"]
    assert set(folders[0]) == {"FolderId", "CreateTime", "FolderName"}
    root = rm(client_path, "GetResourceDirectory")["ResourceDirectory"]["RootFolderId"]
    in_folder = rm(client_path, "ListAccountsForParent", {"ParentFolderId": folders[0]["FolderId"]})
    assert "ResourceDirectoryPath" not in in_folder["Accounts"]["Account"][0]
    listed = rm(client_path, "ListAccounts")["Accounts"]["Account"]
    assert all(a["ResourceDirectoryPath"].split("/")[1] == root for a in listed)
