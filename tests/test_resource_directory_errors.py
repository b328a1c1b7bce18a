"""Every documented error of the Resource Directory actions the mock implements
(``resourcemanager/data/api.json``): each one reached from a scenario through the V2 SDK with the
documented status, Code and Message, or named in ``UNREACHABLE`` with the reason the mock cannot arrange it."""

import pytest

from aliyun_mock.resourcemanager import RESOURCE_MANAGER
from conftest_plugin import ApiFailure, V2Path

NO_FINANCES = "the mock keeps no financial or reseller relations between accounts"
NO_REAL_NAMES = "the mock keeps no real-name or enterprise verification of accounts"
UNREACHABLE = {
    **dict.fromkeys(
        [
            "BusinessRestricted",
            "CreateAccountDisabled",
            "InconsistentEnterpriseNameError",
            "Invalid.PayRelation",
            "MemberAccountResellerVerifyError",
            "MemberAccountVirtualCloudOperatorVerifyError",
            "PaymentAccountCreditIdentityTypeError",
            "PaymentAccountEnterpriseInvoiceError",
            "PaymentAccountEnterpriseTypeError",
            "PaymentAccountEnterpriseVerifyError",
            "PaymentAccountFinancialRelationshipVerifyError",
            "PaymentAccountFinancialRelationshipsChangeFrequencyVerifyError",
            "PaymentAccountResellerVerifyError",
            "PaymentAccountVirtualCloudOperatorVerifyError",
            "UnknownFinancialError",
            "NotSupport.Site.Action",
        ],
        NO_FINANCES,
    ),
    **dict.fromkeys(
        [
            "EnterpriseRealNameVerificationError",
            "Invalid.EnterpriseName",
            "Invalid.AccountType",
            "LegalEntityMismatch",
            "NotSupport.Account.RealNameType",
            "MissingAccountRealName",
            "NoRealNameAuthentication",
        ],
        NO_REAL_NAMES,
    ),
    "MissingSecureMobilePhone": "an empty MASecureMobilePhone means the caller's own phone, which every account has",
    "MissingSecurityInfo": "an empty MASecureMobilePhone means the caller's own phone, which every account has",
    "InvalidParameter.Note": "no document says which notes are malformed; only their length is limited",
    "Deny.TrustedService": "the mock has no trusted services",
    "AccountTypeOrStatusMismatch@MoveAccount": "no document says which members cannot be moved",
    "LimitExceeded.Folder.Depth@UpdateFolder": "renaming a folder does not change its depth",
}


class Scene:
    """A directory of the default account with a folder and one created member; another account."""

    def __init__(self, cloud):
        self.cloud = cloud
        self.path = V2Path(cloud)
        self.directory = self.rm("EnableResourceDirectory", {"EnableMode": "CurrentAccount"})["ResourceDirectory"]
        self.folder = self.rm("CreateFolder", {"FolderName": "Apps"})["Folder"]["FolderId"]
        self.member = self.rm(
            "CreateResourceAccount", {"DisplayName": "dev", "ParentFolderId": self.folder, "AccountNamePrefix": "dev"}
        )["Account"]["AccountId"]
        self.outsider = cloud.create_account()

    def rm(self, action, params=None, account=None):
        return self.path.call(action, params or {}, product="resourcemanager", account=account)

    def invite(self, account=None):
        target = (account or self.outsider).account_id
        return self.rm("InviteAccountToResourceDirectory", {"TargetEntity": target, "TargetType": "Account"})[
            "Handshake"
        ]["HandshakeId"]

    def own_directory(self, account):
        return self.rm("EnableResourceDirectory", {"EnableMode": "CurrentAccount"}, account)


def _handshake_scenarios(action, invitee=True):
    caller = (lambda s: s.outsider) if invitee else (lambda s: None)
    return {
        (action, "EntityNotExists.Handshake"): lambda s: s.rm(action, {"HandshakeId": "h-nope"}, caller(s)),
        (action, "InvalidParameter.HandshakeId"): lambda s: s.rm(action, {"HandshakeId": "nope"}, caller(s)),
        (action, "MissingParameter.HandshakeId"): lambda s: s.rm(action, {}, caller(s)),
    }


def _answered(s, action, account=None):
    handshake = s.invite()
    s.rm("DeclineHandshake", {"HandshakeId": handshake}, s.outsider)
    s.rm(action, {"HandshakeId": handshake}, account)


def _accepted_then_read(s):
    handshake = s.invite()
    s.rm("AcceptHandshake", {"HandshakeId": handshake}, s.outsider)
    s.rm("GetHandshake", {"HandshakeId": handshake})


def _accept_after_joining_another(s):
    handshake = s.invite()
    s.own_directory(s.outsider)
    s.rm("AcceptHandshake", {"HandshakeId": handshake}, s.outsider)


def _accept_after_destroy(s):
    other = s.cloud.create_account()
    s.own_directory(other)
    handshake = s.rm(
        "InviteAccountToResourceDirectory", {"TargetEntity": s.outsider.account_id, "TargetType": "Account"}, other
    )["Handshake"]["HandshakeId"]
    s.rm("DestroyResourceDirectory", {}, other)
    s.rm("AcceptHandshake", {"HandshakeId": handshake}, s.outsider)


def _nested(s, levels):
    parent = ""
    for level in range(levels):
        parent = s.rm("CreateFolder", {"FolderName": f"l{level}", **({"ParentFolderId": parent} if parent else {})})[
            "Folder"
        ]["FolderId"]
    return parent


def _quota(s, name, value, call):
    s.cloud.resource_directory.quotas[name] = value
    call(s)


def _not_enabled(action, params=None):
    return {(action, "EntityNotExists.ResourceDirectory"): lambda s: s.rm(action, params or {}, s.outsider)}


def _folder_id(action, name, params=None):
    params = params or {}
    return {
        (action, f"InvalidParameter.{name}"): lambda s: s.rm(action, {**params, name: "nope"}),
        (action, "EntityNotExists.Folder"): lambda s: s.rm(action, {**params, name: "fd-nope000000"}),
    }


def _account_id(action, params=None):
    params = params or {}
    return {
        (action, "InvalidParameter.AccountId"): lambda s: s.rm(action, {**params, "AccountId": "nope"}),
        (action, "EntityNotExists.Account"): lambda s: s.rm(action, {**params, "AccountId": s.outsider.account_id}),
        (action, "MissingParameter.AccountId"): lambda s: s.rm(action, params),
    }


def _renamed(action):
    """The folder-name scenarios, with ``name`` standing for the action's own name parameter."""
    name = "FolderName" if action == "CreateFolder" else "NewFolderName"

    def call(s, **params):
        params = {name if k == "name" else k: v for k, v in params.items()}
        if action == "UpdateFolder":
            params["FolderId"] = s.rm("CreateFolder", {"FolderName": "Other"})["Folder"]["FolderId"]
        return s.rm(action, {k: v for k, v in params.items() if v != ""})

    return {
        (action, f"InvalidParameter.Folder.Name{tail}"): (lambda value: lambda s: call(s, name=value))(value)
        for tail, value in ((".Length", "n" * 25), ("", "a/b"), (".AlreadyUsed", "Apps"))
    } | {(action, "MissingParameter.Folder.Name"): lambda s: call(s)}


SCENARIOS = {
    **_handshake_scenarios("AcceptHandshake"),
    **_handshake_scenarios("DeclineHandshake"),
    **_handshake_scenarios("CancelHandshake", invitee=False),
    **_handshake_scenarios("GetHandshake"),
    ("AcceptHandshake", "HandshakeStatusMismatch"): lambda s: _answered(s, "AcceptHandshake", s.outsider),
    ("AcceptHandshake", "NotSupport.AccountInAnotherResourceDirectory"): _accept_after_joining_another,
    ("AcceptHandshake", "SpecifiedResourceDirectoryNotExists"): _accept_after_destroy,
    ("DeclineHandshake", "HandshakeStatusMismatch"): lambda s: _answered(s, "DeclineHandshake", s.outsider),
    ("CancelHandshake", "HandshakeStatusMismatch"): lambda s: _answered(s, "CancelHandshake"),
    ("GetHandshake", "HandshakeStatusMismatch"): _accepted_then_read,
    **_not_enabled("CreateFolder", {"FolderName": "a"}),
    **_folder_id("CreateFolder", "ParentFolderId", {"FolderName": "a"}),
    **_renamed("CreateFolder"),
    ("CreateFolder", "LimitExceeded.Folder.Depth"): lambda s: s.rm(
        "CreateFolder", {"FolderName": "deep", "ParentFolderId": _nested(s, 5)}
    ),
    ("CreateFolder", "QuotaExceeded.Folder.Count"): lambda s: _quota(
        s, "folders", 1, lambda s: s.rm("CreateFolder", {"FolderName": "b"})
    ),
    **_renamed("UpdateFolder"),
    **_not_enabled("UpdateFolder", {"FolderId": "fd-nope000000", "NewFolderName": "a"}),
    ("UpdateFolder", "EntityNotExists.Folder"): lambda s: s.rm(
        "UpdateFolder", {"FolderId": "fd-nope000000", "NewFolderName": "a"}
    ),
    ("UpdateFolder", "InvalidParameter.FolderId"): lambda s: s.rm(
        "UpdateFolder", {"FolderId": "nope", "NewFolderName": "a"}
    ),
    ("UpdateFolder", "MissingParameter.FolderId"): lambda s: s.rm("UpdateFolder", {"NewFolderName": "a"}),
    **_not_enabled("CreateResourceAccount", {"DisplayName": "ops"}),
    **_folder_id("CreateResourceAccount", "ParentFolderId", {"DisplayName": "ops"}),
    ("CreateResourceAccount", "EntityAlreadyExists.ResourceDirectory.Account"): lambda s: s.rm(
        "CreateResourceAccount", {"DisplayName": "ops", "AccountNamePrefix": "dev"}
    ),
    ("CreateResourceAccount", "InvalidParameter.Account.AccountNamePrefix"): lambda s: s.rm(
        "CreateResourceAccount", {"DisplayName": "ops", "AccountNamePrefix": "a..b"}
    ),
    ("CreateResourceAccount", "InvalidParameter.Account.AccountNamePrefix.Length"): lambda s: s.rm(
        "CreateResourceAccount", {"DisplayName": "ops", "AccountNamePrefix": "a"}
    ),
    ("CreateResourceAccount", "InvalidParameter.Account.DisplayName"): lambda s: s.rm(
        "CreateResourceAccount", {"DisplayName": "ops/dev"}
    ),
    ("CreateResourceAccount", "InvalidParameter.Account.DisplayName.AlreadyUsed"): lambda s: s.rm(
        "CreateResourceAccount", {"DisplayName": "dev"}
    ),
    ("CreateResourceAccount", "InvalidParameter.Account.DisplayName.Length"): lambda s: s.rm(
        "CreateResourceAccount", {"DisplayName": "d" * 51}
    ),
    ("CreateResourceAccount", "LimitExceeded.Account"): lambda s: _quota(
        s, "members", 2, lambda s: s.rm("CreateResourceAccount", {"DisplayName": "ops"})
    ),
    ("CreateResourceAccount", "MissingParameter.Account.DisplayName"): lambda s: s.rm("CreateResourceAccount"),
    ("CreateResourceAccount", "NotSupport.PayerAccountInAnotherResourceDirectory"): lambda s: s.rm(
        "CreateResourceAccount", {"DisplayName": "ops", "PayerAccountId": s.outsider.account_id}
    ),
    **_not_enabled("DeleteFolder", {"FolderId": "fd-nope000000"}),
    **_folder_id("DeleteFolder", "FolderId"),
    ("DeleteFolder", "MissingParameter.FolderId"): lambda s: s.rm("DeleteFolder"),
    ("DeleteFolder", "DeleteConflict.Folder.Account"): lambda s: s.rm("DeleteFolder", {"FolderId": s.folder}),
    ("DeleteFolder", "DeleteConflict.Folder.SubFolder"): lambda s: s.rm(
        "DeleteFolder", {"FolderId": s.rm("GetFolder", {"FolderId": _nested(s, 2)})["Folder"]["ParentFolderId"]}
    ),
    **_not_enabled("DestroyResourceDirectory"),
    ("DestroyResourceDirectory", "DeleteConflict.ResourceDirectory.Account"): lambda s: s.rm(
        "DestroyResourceDirectory"
    ),
    ("EnableResourceDirectory", "EntityAlreadyExists.ResourceDirectory"): lambda s: s.own_directory(None),
    ("EnableResourceDirectory", "NotSupport.AccountInAnotherResourceDirectory"): lambda s: s.own_directory(
        s.cloud.account(s.member)
    ),
    ("EnableResourceDirectory", "InvalidParameter.ManagementAccountName"): lambda s: s.rm(
        "EnableResourceDirectory",
        {"EnableMode": "NewManagementAccount", "MAName": "boss@example.com", "VerificationCode": "1"},
        s.outsider,
    ),
    ("EnableResourceDirectory", "InvalidParameter.ManagementAccountName.AlreadyUsed"): lambda s: [
        s.rm(
            "EnableResourceDirectory",
            {"EnableMode": "NewManagementAccount", "MAName": "boss@rdadmin.aliyunid.com", "VerificationCode": "1"},
            a,
        )
        for a in (s.outsider, s.cloud.create_account())
    ],
    ("EnableResourceDirectory", "InvalidParameter.ManagementAccountSecurityInfo"): lambda s: s.rm(
        "EnableResourceDirectory",
        {
            "EnableMode": "NewManagementAccount",
            "MAName": "boss@rdadmin.aliyunid.com",
            "MASecureMobilePhone": "phone",
            "VerificationCode": "1",
        },
        s.outsider,
    ),
    ("EnableResourceDirectory", "Invalid.VerificationCode"): lambda s: s.rm(
        "EnableResourceDirectory",
        {"EnableMode": "NewManagementAccount", "MAName": "boss@rdadmin.aliyunid.com"},
        s.outsider,
    ),
    **_not_enabled("GetPayerForAccount", {"AccountId": "1"}),
    ("GetPayerForAccount", "EntityNotExists.Account"): lambda s: s.rm(
        "GetPayerForAccount", {"AccountId": s.outsider.account_id}
    ),
    **_not_enabled("GetAccount", {"AccountId": "1"}),
    **_account_id("GetAccount"),
    **_not_enabled("GetFolder", {"FolderId": "fd-nope000000"}),
    **_folder_id("GetFolder", "FolderId"),
    ("GetFolder", "MissingParameter.FolderId"): lambda s: s.rm("GetFolder"),
    ("GetResourceDirectory", "ResourceDirectoryNotInUse"): lambda s: s.rm("GetResourceDirectory", {}, s.outsider),
    **_not_enabled("InviteAccountToResourceDirectory", {"TargetEntity": "1", "TargetType": "Account"}),
    ("InviteAccountToResourceDirectory", "EntityAlreadyExists.Handshake"): lambda s: [s.invite(), s.invite()],
    ("InviteAccountToResourceDirectory", "InvalidParameter.Note.Length"): lambda s: s.rm(
        "InviteAccountToResourceDirectory",
        {"TargetEntity": s.outsider.account_id, "TargetType": "Account", "Note": "n" * 1025},
    ),
    ("InviteAccountToResourceDirectory", "InvalidParameter.TargetEntity"): lambda s: s.rm(
        "InviteAccountToResourceDirectory", {"TargetEntity": "nobody", "TargetType": "Account"}
    ),
    ("InviteAccountToResourceDirectory", "InvalidParameter.TargetType"): lambda s: s.rm(
        "InviteAccountToResourceDirectory", {"TargetEntity": s.outsider.account_id, "TargetType": "Phone"}
    ),
    ("InviteAccountToResourceDirectory", "LimitExceeded.Account"): lambda s: _quota(s, "members", 2, Scene.invite),
    ("InviteAccountToResourceDirectory", "LimitExceeded.InvitationRate"): lambda s: _quota(
        s, "pending_invitations", 0, Scene.invite
    ),
    ("InviteAccountToResourceDirectory", "MissingParameter.TargetEntity"): lambda s: s.rm(
        "InviteAccountToResourceDirectory", {"TargetType": "Account"}
    ),
    ("InviteAccountToResourceDirectory", "MissingParameter.TargetType"): lambda s: s.rm(
        "InviteAccountToResourceDirectory", {"TargetEntity": s.outsider.account_id}
    ),
    ("InviteAccountToResourceDirectory", "NotSupport.AccountInAnotherResourceDirectory"): lambda s: s.invite(
        s.cloud.account(s.member)
    ),
    **_not_enabled("ListAccounts"),
    **_not_enabled("ListAccountsForParent"),
    **_folder_id("ListAccountsForParent", "ParentFolderId"),
    **_not_enabled("ListAncestors", {"ChildId": "fd-nope000000"}),
    **_folder_id("ListAncestors", "ChildId"),
    ("ListAncestors", "MissingParameter.ChildId"): lambda s: s.rm("ListAncestors"),
    **_not_enabled("ListFoldersForParent"),
    **_folder_id("ListFoldersForParent", "ParentFolderId"),
    **_not_enabled("ListHandshakesForResourceDirectory"),
    **_not_enabled("MoveAccount", {"AccountId": "1", "DestinationFolderId": "fd-nope000000"}),
    **_account_id("MoveAccount", {"DestinationFolderId": "r-nope00"}),
    ("MoveAccount", "EntityNotExists.Folder"): lambda s: s.rm(
        "MoveAccount", {"AccountId": s.member, "DestinationFolderId": "fd-nope000000"}
    ),
    ("MoveAccount", "InvalidParameter.DestinationFolderId"): lambda s: s.rm(
        "MoveAccount", {"AccountId": s.member, "DestinationFolderId": "nope"}
    ),
    ("MoveAccount", "MissingParameter.DestinationFolderId"): lambda s: s.rm("MoveAccount", {"AccountId": s.member}),
    **_not_enabled("RemoveCloudAccount", {"AccountId": "1"}),
    **_account_id("RemoveCloudAccount"),
    ("RemoveCloudAccount", "AccountTypeOrStatusMismatch"): lambda s: s.rm(
        "RemoveCloudAccount", {"AccountId": s.member}
    ),
}


def _unreachable(action, code):
    return f"{code}@{action}" in UNREACHABLE or code in UNREACHABLE


def test_every_documented_error_is_reached_or_said_to_be_unreachable():
    for name in RESOURCE_MANAGER.actions:
        documented = set(RESOURCE_MANAGER.describe(name).errors)
        reached = {code for action, code in SCENARIOS if action == name}
        assert reached <= documented, f"{name}: scenarios for undocumented codes {reached - documented}"
        left = sorted(code for code in documented - reached if not _unreachable(name, code))
        assert not left, f"{name}: {left}"


@pytest.mark.parametrize("action, code", sorted(SCENARIOS), ids=[f"{a}-{c}" for a, c in sorted(SCENARIOS)])
def test_documented_error(ecs_mock, action, code):
    scene = Scene(ecs_mock)
    with pytest.raises(ApiFailure) as failure:
        SCENARIOS[(action, code)](scene)
    status, message = RESOURCE_MANAGER.describe(action).errors[code]
    assert (failure.value.status, failure.value.code, failure.value.message) == (status, code, message)
    assert ecs_mock.calls[-1].action == action
