"""Every documented error of the Resource Sharing actions the mock implements (``resourcesharing/data/api.json``):
each one reached from a scenario through the V2 SDK with the documented status, Code and Message,
or named in ``UNREACHABLE`` with the reason the mock cannot arrange it."""

import time

import pytest
from helpers import custom_image

from aliyun_mock.resourcesharing import RESOURCE_SHARING
from conftest_plugin import ApiFailure, V2Path

REGION = "cn-hangzhou"
TOO_LONG_TOKEN = "x" * 257
GATEWAY = "the gateway answers a malformed value first, with its own text naming the parameter (core/errors.py)"
UNREACHABLE = {
    "InvalidParameter": GATEWAY,
    "ExternalTargetsNotAllowed.ResourceType": "images, the one resource type the mock shares, may go outside the directory",
    "NotManagementAccount": "no document says images may be shared by the management account only",
    "InvalidTarget.LegalEntityMismatch": "the mock has no legal entities: every account is its own",
    "NotSupport.Service.AssociateConflict": "targets that are cloud services are not implemented (501)",
    "NotSupport.Service.ExistInOtherResourceShare": "targets that are cloud services are not implemented (501)",
    "InvalidParameter.TargetProperties": "TargetProperties is not implemented (501)",
    "InvalidParameter.TargetProperties.Duplicate": "TargetProperties is not implemented (501)",
    "InvalidParameter.TargetProperties.Length": "TargetProperties is not implemented (501)",
    "EntityAlreadyExists.ResourceShare": "share ids are the mock's own: a client cannot choose one",
    "LeavingFailed.ResourceType": "images, the one resource type the mock shares, let an invited account leave",
    "InvalidParameter.ResourceId": "no document says which resource ids are malformed; an unknown one matches nothing",
    "InvalidParameter.Target": "no document says which target ids are malformed; an unknown one matches nothing",
}


class Scene:
    """A directory with sharing enabled, a folder with one member, and the management account's image
    shared with the folder; an account outside the directory; the V2 SDK."""

    def __init__(self, cloud, monkeypatch):
        self.cloud, self.monkeypatch = cloud, monkeypatch
        self.path = path = V2Path(cloud)
        self.directory = self.rm("EnableResourceDirectory", {"EnableMode": "CurrentAccount"})["ResourceDirectory"]
        self.folder = self.rm("CreateFolder", {"FolderName": "Apps"})["Folder"]["FolderId"]
        created = self.rm("CreateResourceAccount", {"DisplayName": "dev", "ParentFolderId": self.folder})["Account"]
        self.member = cloud.account(created["AccountId"])
        self.rs("EnableSharingWithResourceDirectory")
        self.image = custom_image(path)
        self.share = self.create([self.image], [self.folder])
        self.outsider = cloud.create_account()

    def rm(self, action, params=None, account=None):
        return self.path.call(action, params or {}, product="resourcemanager", account=account)

    def rs(self, action, params=None, account=None):
        return self.path.call(action, params or {}, product="resourcesharing", account=account, region_id=REGION)

    def create(self, images=(), targets=(), account=None, **extra):
        params = {
            "ResourceShareName": "s",
            "Resources": [{"ResourceType": "Image", "ResourceId": i} for i in images],
            "Targets": list(targets),
            **extra,
        }
        return self.rs("CreateResourceShare", params, account)["ResourceShare"]["ResourceShareId"]

    def associate(self, share, images=(), targets=(), account=None, **extra):
        params = {
            "ResourceShareId": share,
            "Targets": list(targets),
            "Resources": [{"ResourceType": "Image", "ResourceId": i} for i in images],
            **extra,
        }
        return self.rs("AssociateResourceShare", params, account)

    def disassociate(self, share, targets=(), account=None, **extra):
        return self.rs(
            "DisassociateResourceShare", {"ResourceShareId": share, "Targets": list(targets), **extra}, account
        )

    def invited(self):
        """The outsider, invited to an external share of a second image: (share id, invitation id)."""
        share = self.create([custom_image(self.path)], [self.outsider.account_id], AllowExternalTargets=True)
        found = self.rs("ListResourceShareInvitations", {}, self.outsider)["ResourceShareInvitations"]
        return share, found[0]["ResourceShareInvitationId"]

    def answer(self, invitation, accept=True):
        action = "AcceptResourceShareInvitation" if accept else "RejectResourceShareInvitation"
        return self.rs(action, {"ResourceShareInvitationId": invitation}, self.outsider)

    def later(self, days):
        moved = time.time() + days * 86400
        self.monkeypatch.setattr(time, "time", lambda: moved)

    def deleted_share(self):
        share = self.create()
        self.rs("DeleteResourceShare", {"ResourceShareId": share})
        return share


def image_resource(image_id, kind="Image"):
    return {"ResourceType": kind, "ResourceId": image_id}


def _answer_twice(s, first, then):
    _, invitation = s.invited()
    s.answer(invitation, first)
    s.answer(invitation, then)


def _expired(s, accept):
    _, invitation = s.invited()
    s.later(8)
    s.answer(invitation, accept)


def _invitation_scenarios(action, accept):
    return {
        (action, "EntityNotExists.ResourceShareInvitation"): lambda s: s.answer("i-nope000000000000", accept),
        (action, "InvalidParameter.ResourceShareInvitationId"): lambda s: s.answer("nope", accept),
        (action, "InvitationStatus.AlreadyAccepted"): lambda s: _answer_twice(s, True, accept),
        (action, "InvitationStatus.AlreadyRejected"): lambda s: _answer_twice(s, False, accept),
        (action, "InvitationStatus.Expired"): lambda s: _expired(s, accept),
        (action, "MissingParameter.ResourceShareInvitationId"): lambda s: s.rs(action),
    }


def _held(s):
    s.cloud.hold_transitions()


def _associate_while_disassociating(s):
    _held(s)
    s.disassociate(s.share, [s.folder])
    s.associate(s.share, targets=[s.member.account_id])


def _disassociate_while_associating(s):
    _held(s)
    s.associate(s.share, targets=[s.member.account_id])
    s.disassociate(s.share, [s.folder])


def _delete_while_associating(s):
    _held(s)
    s.associate(s.share, targets=[s.member.account_id])
    s.rs("DeleteResourceShare", {"ResourceShareId": s.share})


def _withdraw_while_associating(s):
    share, invitation = s.invited()
    s.answer(invitation)
    _held(s)
    s.associate(share, targets=[s.member.account_id])
    s.disassociate(share, [s.outsider.account_id], s.outsider, ResourceOwner="OtherAccounts")


def _member_leaves(s):
    share = s.create([], [s.member.account_id])
    s.disassociate(share, [s.member.account_id], s.member, ResourceOwner="OtherAccounts")


def _after_leaving_the_directory(s):
    """An invited member shares with its folder, is removed from the directory, then withdraws the target."""
    handshake = s.rm(
        "InviteAccountToResourceDirectory", {"TargetEntity": s.outsider.account_id, "TargetType": "Account"}
    )["Handshake"]["HandshakeId"]
    s.rm("AcceptHandshake", {"HandshakeId": handshake}, s.outsider)
    share = s.create([], [s.directory["RootFolderId"]], s.outsider)
    s.rm("RemoveCloudAccount", {"AccountId": s.outsider.account_id})
    s.disassociate(share, [s.directory["RootFolderId"]], s.outsider)


def _other_directory_not_enabled(s):
    s.rm("EnableResourceDirectory", {"EnableMode": "CurrentAccount"}, s.outsider)
    own = s.rm("GetResourceDirectory", {}, s.outsider)["ResourceDirectory"]["ResourceDirectoryId"]
    s.create([], [own], s.outsider)


def _quota(s, name, call):
    s.cloud.resource_sharing.quotas[name] = 1 if name != "pending_invitations" else 0
    call(s)


def _international(s):
    abroad = s.cloud.create_account(site="international")
    s.create([], [abroad.account_id], AllowExternalTargets=True)


def _shared_scenarios(action):
    """What CreateResourceShare and AssociateResourceShare refuse alike: ``send(s, resources, targets, **extra)``."""
    send = (
        (
            lambda s, r=(), t=(), **e: s.rs(
                action, {"ResourceShareName": "s", "Resources": list(r), "Targets": list(t), **e}
            )
        )
        if action == "CreateResourceShare"
        else (
            lambda s, r=(), t=(), **e: s.rs(
                action, {"ResourceShareId": s.share, "Resources": list(r), "Targets": list(t), **e}
            )
        )
    )
    other_image = lambda s: custom_image(s.path, s.outsider)  # noqa: E731
    return {
        (action, "AccountNotInResourceDirectory"): lambda s: s.rs(
            action,
            {
                "ResourceShareId": s.create([], [], s.outsider),
                "Targets": ["1234567890123456"],
            }
            if action == "AssociateResourceShare"
            else {"ResourceShareName": "s", "Targets": ["1234567890123456"]},
            s.outsider,
        ),
        (action, "EntityNotExists.Permission"): lambda s: send(
            s, PermissionNames=["AliyunRSDefaultPermissionNope"], t=[s.member.account_id]
        ),
        (action, "InvalidParameter.PermissionNames.Duplicate"): lambda s: send(
            s, t=[s.member.account_id], PermissionNames=["AliyunRSDefaultPermissionImage"] * 2
        ),
        (action, "InvalidParameter.PermissionNames.Length"): lambda s: send(
            s, t=[s.member.account_id], PermissionNames=[f"p{n}" for n in range(21)]
        ),
        (action, "InvalidParameter.ResourceType"): lambda s: send(s, [image_resource(s.image, "Nope")]),
        (action, "InvalidParameter.Resources"): lambda s: send(s, [image_resource(other_image(s))]),
        (action, "InvalidParameter.Resources.Duplicate"): lambda s: send(s, [image_resource(s.image)] * 2),
        (action, "InvalidParameter.Resources.Length"): lambda s: send(s, [image_resource(f"m-{n}") for n in range(6)]),
        (action, "InvalidParameter.Targets"): lambda s: (
            send(s, t=["someone"], AllowExternalTargets=True) if action == "CreateResourceShare" else send(s, t=[""])
        ),
        (action, "InvalidParameter.Targets.Duplicate"): lambda s: send(s, t=[s.folder] * 2),
        (action, "InvalidParameter.Targets.Length"): lambda s: send(s, t=[str(10**15 + n) for n in range(6)]),
        (action, "InvalidTarget"): lambda s: send(s, t=[s.outsider.account_id]),
        (action, "InvalidTarget.SiteMismatch"): _international
        if action == "CreateResourceShare"
        else (
            lambda s: s.associate(
                s.create([], [], AllowExternalTargets=True),
                targets=[s.cloud.create_account(site="international").account_id],
            )
        ),
        (action, "NotEnableSharingWithResourceDirectory"): _other_directory_not_enabled
        if action == "CreateResourceShare"
        else (lambda s: _other_directory_not_enabled_share(s)),
        (action, "QuotaExceeded.PendingInvitations"): lambda s: _quota(
            s,
            "pending_invitations",
            lambda s: (
                send(s, t=[s.outsider.account_id], AllowExternalTargets=True)
                if action == "CreateResourceShare"
                else s.associate(s.create([], [], AllowExternalTargets=True), targets=[s.outsider.account_id])
            ),
        ),
        (action, "QuotaExceeded.SharedResource.Count"): lambda s: _quota(
            s, "shared_resources", lambda s: send(s, [image_resource(custom_image(s.path))])
        ),
        (action, "ShareWithYourself"): lambda s: send(s, t=[s.cloud.default_account.account_id]),
    }


def _other_directory_not_enabled_share(s):
    s.rm("EnableResourceDirectory", {"EnableMode": "CurrentAccount"}, s.outsider)
    own = s.rm("GetResourceDirectory", {}, s.outsider)["ResourceDirectory"]["ResourceDirectoryId"]
    s.associate(s.create([], [], s.outsider), targets=[own], account=s.outsider)


def _paging(action, params=None):
    params = params or {}
    return {
        (action, "InvalidParameter.MaxResults"): lambda s: s.rs(action, {**params, "MaxResults": 101}),
        (action, "InvalidParameter.NextToken"): lambda s: s.rs(action, {**params, "NextToken": "zz"}),
        (action, "InvalidParameter.NextToken.Length"): lambda s: s.rs(action, {**params, "NextToken": TOO_LONG_TOKEN}),
    }


def _id_list(action, name, prefix, params=None):
    params = params or {}
    return {
        (action, f"InvalidParameter.{name}"): lambda s: s.rs(action, {**params, name: ["bad"] if prefix else [""]}),
        (action, f"InvalidParameter.{name}.Duplicate"): lambda s: s.rs(action, {**params, name: [f"{prefix}a"] * 2}),
        (action, f"InvalidParameter.{name}.Length"): lambda s: s.rs(
            action, {**params, name: [f"{prefix}{n}" for n in range(6)]}
        ),
    }


def _owner(action, params=None):
    params = params or {}
    return {
        (action, "InvalidParameter.ResourceOwner"): lambda s: s.rs(action, {**params, "ResourceOwner": "Nobody"}),
        (action, "MissingParameter.ResourceOwner"): lambda s: s.rs(
            action, {k: v for k, v in params.items() if k != "ResourceOwner"}
        ),
    }


SELF = {"ResourceOwner": "Self"}
SCENARIOS = {
    **_invitation_scenarios("AcceptResourceShareInvitation", True),
    **_invitation_scenarios("RejectResourceShareInvitation", False),
    **_shared_scenarios("AssociateResourceShare"),
    **_shared_scenarios("CreateResourceShare"),
    ("AssociateResourceShare", "AssociateConflict"): _associate_while_disassociating,
    ("AssociateResourceShare", "EntityNotExists.ResourceShare"): lambda s: s.associate("rs-nope00000000", [s.image]),
    ("AssociateResourceShare", "InvalidParameter.ResourceShareId"): lambda s: s.associate("nope", [s.image]),
    ("AssociateResourceShare", "MissingParameter.ResourceShareId"): lambda s: s.rs(
        "AssociateResourceShare", {"Targets": [s.folder]}
    ),
    ("AssociateResourceShare", "ResourceAndTargetBothEmpty"): lambda s: s.associate(s.share),
    ("AssociateResourceShare", "ResourceShareStatusMismatchAction"): lambda s: s.associate(
        s.deleted_share(), targets=[s.folder]
    ),
    ("CreateResourceShare", "InvalidParameter.ResourceShareName"): lambda s: s.rs(
        "CreateResourceShare", {"ResourceShareName": "no spaces"}
    ),
    ("CreateResourceShare", "InvalidParameter.ResourceShareName.Length"): lambda s: s.rs(
        "CreateResourceShare", {"ResourceShareName": "n" * 51}
    ),
    ("CreateResourceShare", "MissingParameter.ResourceShareName"): lambda s: s.rs("CreateResourceShare", {}),
    ("CreateResourceShare", "QuotaExceeded.ResourceShare.Count"): lambda s: _quota(
        s, "resource_shares", lambda s: s.create()
    ),
    ("DeleteResourceShare", "DeleteResourceShareConflict"): _delete_while_associating,
    ("DeleteResourceShare", "EntityNotExists.ResourceShare"): lambda s: s.rs(
        "DeleteResourceShare", {"ResourceShareId": "rs-nope00000000"}
    ),
    ("DeleteResourceShare", "InvalidParameter.ResourceShareId"): lambda s: s.rs(
        "DeleteResourceShare", {"ResourceShareId": "nope"}
    ),
    ("DeleteResourceShare", "MissingParameter.ResourceShareId"): lambda s: s.rs("DeleteResourceShare"),
    ("DeleteResourceShare", "ResourceShareStatusMismatchAction"): lambda s: s.rs(
        "DeleteResourceShare", {"ResourceShareId": s.deleted_share()}
    ),
    ("DisassociateResourceShare", "AccountNotInResourceDirectory"): _after_leaving_the_directory,
    ("DisassociateResourceShare", "DisassociateConflict"): _disassociate_while_associating,
    ("DisassociateResourceShare", "DisassociateInvalid"): lambda s: s.disassociate(s.share, [s.member.account_id]),
    ("DisassociateResourceShare", "EntityNotExists.ResourceShare"): lambda s: s.disassociate(
        "rs-nope00000000", [s.folder]
    ),
    ("DisassociateResourceShare", "ExternalTargetWithdrawConflict"): _withdraw_while_associating,
    ("DisassociateResourceShare", "InvalidParameter.ResourceShareId"): lambda s: s.disassociate("nope", [s.folder]),
    ("DisassociateResourceShare", "InvalidParameter.ResourceType"): lambda s: s.disassociate(
        s.share, Resources=[image_resource(s.image, "Nope")]
    ),
    ("DisassociateResourceShare", "InvalidParameter.Resources"): lambda s: s.disassociate(
        s.share, Resources=[{"ResourceType": "Image"}]
    ),
    ("DisassociateResourceShare", "InvalidParameter.Resources.Duplicate"): lambda s: s.disassociate(
        s.share, Resources=[image_resource(s.image)] * 2
    ),
    ("DisassociateResourceShare", "InvalidParameter.Resources.Length"): lambda s: s.disassociate(
        s.share, Resources=[image_resource(f"m-{n}") for n in range(6)]
    ),
    ("DisassociateResourceShare", "InvalidParameter.Targets"): lambda s: s.disassociate(s.share, [""]),
    ("DisassociateResourceShare", "InvalidParameter.Targets.Duplicate"): lambda s: s.disassociate(
        s.share, [s.folder] * 2
    ),
    ("DisassociateResourceShare", "InvalidParameter.Targets.Length"): lambda s: s.disassociate(
        s.share, [str(10**15 + n) for n in range(6)]
    ),
    ("DisassociateResourceShare", "LeavingFailed.Account"): _member_leaves,
    ("DisassociateResourceShare", "InvalidParameter"): lambda s: s.disassociate(
        s.share, [s.folder], ResourceOwner="Everyone"
    ),
    ("DisassociateResourceShare", "MissingParameter.ResourceShareId"): lambda s: s.rs(
        "DisassociateResourceShare", {"Targets": [s.folder]}
    ),
    ("DisassociateResourceShare", "ResourceAndTargetBothEmpty"): lambda s: s.disassociate(s.share),
    ("DisassociateResourceShare", "ResourceShareStatusMismatchAction"): lambda s: s.disassociate(
        s.deleted_share(), [s.folder]
    ),
    ("EnableSharingWithResourceDirectory", "ActionNotPermitted"): lambda s: s.rs(
        "EnableSharingWithResourceDirectory", {}, s.member
    ),
    ("EnableSharingWithResourceDirectory", "AlreadyEnabled"): lambda s: s.rs("EnableSharingWithResourceDirectory"),
    **_paging("ListPermissions"),
    ("ListPermissions", "InvalidParameter.ResourceType"): lambda s: s.rs("ListPermissions", {"ResourceType": "Nope"}),
    **_paging("ListResourceShareAssociations", {"AssociationType": "Resource"}),
    **_id_list("ListResourceShareAssociations", "ResourceShareIds", "rs-", {"AssociationType": "Resource"}),
    ("ListResourceShareAssociations", "ConflictedAssociationType"): lambda s: s.rs(
        "ListResourceShareAssociations", {"AssociationType": "Target", "ResourceId": s.image}
    ),
    ("ListResourceShareAssociations", "InvalidParameter.AssociationStatus"): lambda s: s.rs(
        "ListResourceShareAssociations", {"AssociationType": "Target", "AssociationStatus": "Sleeping"}
    ),
    ("ListResourceShareAssociations", "InvalidParameter.AssociationType"): lambda s: s.rs(
        "ListResourceShareAssociations", {"AssociationType": "Everything"}
    ),
    ("ListResourceShareAssociations", "MissingParameter.AssociationType"): lambda s: s.rs(
        "ListResourceShareAssociations"
    ),
    **_paging("ListResourceShareInvitations"),
    **_id_list("ListResourceShareInvitations", "ResourceShareIds", "rs-"),
    **_id_list("ListResourceShareInvitations", "ResourceShareInvitationIds", "i-"),
    **_paging("ListResourceSharePermissions", {"ResourceOwner": "Self", "ResourceShareId": "rs-x"}),
    **_owner("ListResourceSharePermissions", {"ResourceOwner": "Self", "ResourceShareId": "rs-x"}),
    ("ListResourceSharePermissions", "EntityNotExists.ResourceShare"): lambda s: s.rs(
        "ListResourceSharePermissions", {"ResourceOwner": "OtherAccounts", "ResourceShareId": s.share}
    ),
    ("ListResourceSharePermissions", "InvalidParameter.ResourceShareId"): lambda s: s.rs(
        "ListResourceSharePermissions", {"ResourceOwner": "Self", "ResourceShareId": "nope"}
    ),
    ("ListResourceSharePermissions", "MissingParameter.ResourceShareId"): lambda s: s.rs(
        "ListResourceSharePermissions", {"ResourceOwner": "Self"}
    ),
    **_paging("ListResourceShares", SELF),
    **_owner("ListResourceShares", SELF),
    **_id_list("ListResourceShares", "ResourceShareIds", "rs-", SELF),
    ("ListResourceShares", "InvalidParameter.ResourceShareName"): lambda s: s.rs(
        "ListResourceShares", {**SELF, "ResourceShareName": "no spaces"}
    ),
    ("ListResourceShares", "InvalidParameter.ResourceShareName.Length"): lambda s: s.rs(
        "ListResourceShares", {**SELF, "ResourceShareName": "n" * 51}
    ),
    ("ListResourceShares", "InvalidParameter.ResourceShareStatus"): lambda s: s.rs(
        "ListResourceShares", {**SELF, "ResourceShareStatus": "Sleeping"}
    ),
    **_paging("ListSharedResources", SELF),
    **_owner("ListSharedResources", SELF),
    **_id_list("ListSharedResources", "ResourceShareIds", "rs-", SELF),
    **_id_list("ListSharedResources", "ResourceIds", "", SELF),
    ("ListSharedResources", "InvalidParameter.ResourceType"): lambda s: s.rs(
        "ListSharedResources", {**SELF, "ResourceType": "Nope"}
    ),
    **_paging("ListSharedTargets", SELF),
    **_owner("ListSharedTargets", SELF),
    **_id_list("ListSharedTargets", "ResourceShareIds", "rs-", SELF),
    **_id_list("ListSharedTargets", "Targets", "", SELF),
    ("ListSharedTargets", "InvalidParameter.ResourceType"): lambda s: s.rs(
        "ListSharedTargets", {**SELF, "ResourceType": "Nope"}
    ),
    ("UpdateResourceShare", "EntityNotExists.ResourceShare"): lambda s: s.rs(
        "UpdateResourceShare", {"ResourceShareId": "rs-nope00000000", "ResourceShareName": "n"}
    ),
    ("UpdateResourceShare", "InvalidParameter.ResourceShareId"): lambda s: s.rs(
        "UpdateResourceShare", {"ResourceShareId": "nope", "ResourceShareName": "n"}
    ),
    ("UpdateResourceShare", "InvalidParameter.ResourceShareName"): lambda s: s.rs(
        "UpdateResourceShare", {"ResourceShareId": s.share, "ResourceShareName": "no spaces"}
    ),
    ("UpdateResourceShare", "InvalidParameter.ResourceShareName.Length"): lambda s: s.rs(
        "UpdateResourceShare", {"ResourceShareId": s.share, "ResourceShareName": "n" * 51}
    ),
    ("UpdateResourceShare", "MissingParameter.ResourceShareId"): lambda s: s.rs(
        "UpdateResourceShare", {"ResourceShareName": "n"}
    ),
    ("UpdateResourceShare", "MissingParameter.ResourceShareName"): lambda s: s.rs(
        "UpdateResourceShare", {"ResourceShareId": s.share}
    ),
    ("UpdateResourceShare", "OperationNotPermitted"): lambda s: s.rs(
        "UpdateResourceShare",
        {"ResourceShareId": s.invited()[0], "ResourceShareName": "n", "AllowExternalTargets": False},
    ),
    ("UpdateResourceShare", "ResourceShareStatusMismatchAction"): lambda s: s.rs(
        "UpdateResourceShare", {"ResourceShareId": s.deleted_share(), "ResourceShareName": "n"}
    ),
}


def test_every_documented_error_is_reached_or_said_to_be_unreachable():
    for name in RESOURCE_SHARING.actions:
        documented = set(RESOURCE_SHARING.describe(name).errors)
        reached = {code for action, code in SCENARIOS if action == name}
        assert reached <= documented, f"{name}: scenarios for undocumented codes {reached - documented}"
        assert documented - reached <= set(UNREACHABLE), f"{name}: {sorted(documented - reached - set(UNREACHABLE))}"


@pytest.mark.parametrize("action, code", sorted(SCENARIOS), ids=[f"{a}-{c}" for a, c in sorted(SCENARIOS)])
def test_documented_error(ecs_mock, monkeypatch, action, code):
    scene = Scene(ecs_mock, monkeypatch)
    with pytest.raises(ApiFailure) as failure:
        SCENARIOS[(action, code)](scene)
    status, message = RESOURCE_SHARING.describe(action).errors[code]
    assert (failure.value.status, failure.value.code, failure.value.message) == (status, code, message)
    assert ecs_mock.calls[-1].action == action  # the refusal is the scenario's last call, of this action
