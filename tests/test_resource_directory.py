"""Resource Directory (ResourceManager 2020-03-31) through every client path: a management
account's directory, its folders, created and invited members; every refusal with its documented
status, Code and Message (``resourcemanager/data/api.json``)."""

import time

import pytest
from helpers import assert_fails, schema_gaps

from aliyun_mock.resourcemanager import RESOURCE_MANAGER
from conftest_plugin import ApiFailure

NOT_ENABLED = (
    404,
    "EntityNotExists.ResourceDirectory",
    "The resource directory for the account is not enabled. We recommend that you first enable the resource"
    " directory for the account.",
)
FOLDER_NOT_FOUND = (404, "EntityNotExists.Folder", "The resource directory folder does not exist.")
ACCOUNT_NOT_FOUND = (404, "EntityNotExists.Account", "This resource directory account does not exist.")
STATUS_MISMATCH = (409, "HandshakeStatusMismatch", "The invitation is invalid.")


def rm(path, action, params=None, account=None):
    return path.call(action, params or {}, product="resourcemanager", account=account)


def fails(path, error, action, params=None, account=None):
    return assert_fails(*error, path.call, action, params or {}, product="resourcemanager", account=account)


def complete(action, body):
    assert schema_gaps(RESOURCE_MANAGER.describe(action).response, body, order=False) == []
    return body


def enable(path, account=None):
    return rm(path, "EnableResourceDirectory", {"EnableMode": "CurrentAccount"}, account)["ResourceDirectory"]


def folder(path, name, parent="", account=None):
    params = {"FolderName": name, **({"ParentFolderId": parent} if parent else {})}
    return rm(path, "CreateFolder", params, account)["Folder"]["FolderId"]


def member(path, name, parent="", account=None, **extra):
    params = {"DisplayName": name, **({"ParentFolderId": parent} if parent else {}), **extra}
    return rm(path, "CreateResourceAccount", params, account)["Account"]


def test_an_organisation_is_built_and_read_back(client_path, ecs_mock):
    directory = complete(
        "EnableResourceDirectory", rm(client_path, "EnableResourceDirectory", {"EnableMode": "CurrentAccount"})
    )["ResourceDirectory"]
    manager = ecs_mock.default_account.account_id
    assert directory["MasterAccountId"] == manager
    assert directory["ResourceDirectoryId"].startswith("rd-") and directory["RootFolderId"].startswith("r-")
    root = directory["RootFolderId"]
    apps = folder(client_path, "Apps")
    prod = folder(client_path, "prod", apps)
    created = member(client_path, "web team", prod, AccountNamePrefix="web")
    assert (created["Type"], created["JoinMethod"], created["Status"]) == (
        "ResourceAccount",
        "created",
        "CreateSuccess",
    )
    assert created["AccountName"] == f"web@{directory['ResourceDirectoryId'].lower()}.aliyunid.com"
    assert created["FolderId"] == prod
    assert ecs_mock.account(created["AccountId"]).roles == {"ResourceDirectoryAccountAccessRole"}

    got = complete("GetResourceDirectory", rm(client_path, "GetResourceDirectory"))["ResourceDirectory"]
    assert got["ResourceDirectoryId"] == directory["ResourceDirectoryId"]
    listed = complete("ListAccounts", rm(client_path, "ListAccounts"))
    assert listed["TotalCount"] == 2
    assert {a["AccountId"]: a["FolderId"] for a in listed["Accounts"]["Account"]} == {
        manager: root,
        created["AccountId"]: prod,
    }
    paths = {a["AccountId"]: a["ResourceDirectoryPath"] for a in listed["Accounts"]["Account"]}
    assert (
        paths[created["AccountId"]] == f"{directory['ResourceDirectoryId']}/{root}/{apps}/{prod}/{created['AccountId']}"
    )
    in_prod = rm(client_path, "ListAccountsForParent", {"ParentFolderId": prod})["Accounts"]["Account"]
    assert [a["AccountId"] for a in in_prod] == [created["AccountId"]]
    children = rm(client_path, "ListFoldersForParent", {})["Folders"]["Folder"]
    assert [f["FolderName"] for f in children] == ["Apps"]
    assert rm(client_path, "GetFolder", {"FolderId": prod})["Folder"]["ResourceDirectoryPath"] == (
        f"{directory['ResourceDirectoryId']}/{root}/{apps}/{prod}"
    )
    assert [f["FolderId"] for f in rm(client_path, "ListAncestors", {"ChildId": prod})["Folders"]["Folder"]] == [
        root,
        apps,
    ]
    account = complete("GetAccount", rm(client_path, "GetAccount", {"AccountId": created["AccountId"]}))["Account"]
    assert account["Location"] == "root/Apps/prod"

    rm(client_path, "MoveAccount", {"AccountId": created["AccountId"], "DestinationFolderId": apps})
    assert rm(client_path, "GetAccount", {"AccountId": created["AccountId"]})["Account"]["FolderId"] == apps


def test_an_invited_account_joins_with_its_own_keys(client_path, ecs_mock):
    directory = enable(client_path)
    invitee = ecs_mock.create_account()
    handshake = complete(
        "InviteAccountToResourceDirectory",
        rm(
            client_path,
            "InviteAccountToResourceDirectory",
            {"TargetEntity": invitee.account_id, "TargetType": "Account", "Note": "welcome"},
        ),
    )["Handshake"]
    assert (handshake["Status"], handshake["TargetEntity"]) == ("Pending", invitee.account_id)
    assert handshake["HandshakeId"].startswith("h-")
    received = rm(client_path, "ListHandshakesForAccount", {}, invitee)["Handshakes"]["Handshake"]
    assert [h["HandshakeId"] for h in received] == [handshake["HandshakeId"]]
    accepted = rm(client_path, "AcceptHandshake", {"HandshakeId": handshake["HandshakeId"]}, invitee)["Handshake"]
    assert accepted["Status"] == "Accepted"
    assert "ResourceDirectoryAccountAccessRole" in invitee.roles
    joined = rm(client_path, "GetAccount", {"AccountId": invitee.account_id})["Account"]
    assert (joined["Type"], joined["JoinMethod"], joined["FolderId"]) == (
        "CloudAccount",
        "invited",
        directory["RootFolderId"],
    )
    fails(client_path, STATUS_MISMATCH, "AcceptHandshake", {"HandshakeId": handshake["HandshakeId"]}, invitee)
    rm(client_path, "RemoveCloudAccount", {"AccountId": invitee.account_id})
    fails(client_path, ACCOUNT_NOT_FOUND, "GetAccount", {"AccountId": invitee.account_id})


def test_invitations_are_declined_cancelled_and_expire(ecs_mock, client_path, monkeypatch):
    enable(client_path)
    first, second, third = (ecs_mock.create_account() for _ in range(3))

    def invite(account):
        params = {"TargetEntity": account.account_id, "TargetType": "Account"}
        return rm(client_path, "InviteAccountToResourceDirectory", params)["Handshake"]["HandshakeId"]

    declined, cancelled, expiring = invite(first), invite(second), invite(third)
    assert rm(client_path, "DeclineHandshake", {"HandshakeId": declined}, first)["Handshake"]["Status"] == "Declined"
    assert rm(client_path, "CancelHandshake", {"HandshakeId": cancelled})["Handshake"]["Status"] == "Cancelled"
    fails(client_path, STATUS_MISMATCH, "AcceptHandshake", {"HandshakeId": cancelled}, second)
    later = time.time() + 14 * 86400 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    sent = rm(client_path, "ListHandshakesForResourceDirectory")["Handshakes"]["Handshake"]
    assert {h["HandshakeId"]: h["Status"] for h in sent}[expiring] == "Expired"
    fails(client_path, STATUS_MISMATCH, "AcceptHandshake", {"HandshakeId": expiring}, third)


@pytest.mark.parametrize("client_path", ["v2"], indirect=True)
def test_refusals(client_path, ecs_mock):
    fails(client_path, NOT_ENABLED, "CreateFolder", {"FolderName": "a"})
    fails(
        client_path,
        (
            404,
            "ResourceDirectoryNotInUse",
            "The specified account is not an Alibaba Cloud account or a member account of the resource directory.",
        ),
        "GetResourceDirectory",
    )
    enable(client_path)
    fails(
        client_path,
        (
            409,
            "EntityAlreadyExists.ResourceDirectory",
            "The resource directory for the account is"
            " already enabled. We recommend that you do not enable the resource directory again.",
        ),
        "EnableResourceDirectory",
        {"EnableMode": "CurrentAccount"},
    )
    fails(client_path, (400, "MissingParameter.FolderId", "You must specify FolderId."), "GetFolder")
    fails(
        client_path, (400, "MissingParameter.Folder.Name", "You must specify the resource folder name."), "CreateFolder"
    )
    fails(
        client_path,
        (400, "InvalidParameter.Folder.Name.Length", "The Name of folder exceeds the length limit."),
        "CreateFolder",
        {"FolderName": "x" * 25},
    )
    fails(
        client_path,
        (400, "InvalidParameter.Folder.Name", "The Name of folder is invalid."),
        "CreateFolder",
        {"FolderName": "a/b"},
    )
    fails(client_path, FOLDER_NOT_FOUND, "CreateFolder", {"FolderName": "a", "ParentFolderId": "fd-nope000000"})
    fails(
        client_path,
        (400, "InvalidParameter.ParentFolderId", "The ParentFolderId is invalid."),
        "CreateFolder",
        {"FolderName": "a", "ParentFolderId": "nope"},
    )
    parent = ""
    for level in range(5):
        parent = folder(client_path, f"level{level}", parent)
    fails(
        client_path,
        (409, "LimitExceeded.Folder.Depth", "The folder depth exceeds the limit of 5."),
        "CreateFolder",
        {"FolderName": "six", "ParentFolderId": parent},
    )
    fails(
        client_path,
        (
            400,
            "InvalidParameter.Folder.Name.AlreadyUsed",
            "The name already exists under the same parent. Please change to another name.",
        ),
        "CreateFolder",
        {"FolderName": "level0"},
    )
    top = rm(client_path, "ListFoldersForParent")["Folders"]["Folder"][0]["FolderId"]
    fails(
        client_path,
        (409, "DeleteConflict.Folder.SubFolder", "This folder has sub folders."),
        "DeleteFolder",
        {"FolderId": top},
    )
    dev = member(client_path, "dev", parent)
    fails(
        client_path,
        (409, "DeleteConflict.Folder.Account", "This folder has accounts."),
        "DeleteFolder",
        {"FolderId": parent},
    )
    fails(
        client_path,
        (409, "InvalidParameter.Account.DisplayName.AlreadyUsed", "The displayname of account has been used."),
        "CreateResourceAccount",
        {"DisplayName": "dev"},
    )
    fails(
        client_path,
        (
            400,
            "InvalidParameter.Account.DisplayName.Length",
            "The DisplayName of the account exceeds the length limit.",
        ),
        "CreateResourceAccount",
        {"DisplayName": "d"},
    )
    fails(
        client_path,
        (400, "InvalidParameter.Account.AccountNamePrefix", "The account name prefix is invalid."),
        "CreateResourceAccount",
        {"DisplayName": "ops", "AccountNamePrefix": "a..b"},
    )
    fails(
        client_path,
        (409, "AccountTypeOrStatusMismatch", "You cannot perform the action on the member account."),
        "RemoveCloudAccount",
        {"AccountId": dev["AccountId"]},
    )
    fails(
        client_path,
        (
            409,
            "DeleteConflict.ResourceDirectory.Account",
            "Failed to delete the resource directory"
            " because one or more member accounts exist. We recommend that you first remove these member"
            " accounts.",
        ),
        "DestroyResourceDirectory",
    )
    member_keys = ecs_mock.account(dev["AccountId"])
    fails(client_path, NOT_ENABLED, "ListAccounts", {}, member_keys)  # a member does not manage the directory
    ecs_mock.resource_directory.quotas.update(members=2, folders=5)
    fails(
        client_path,
        (
            409,
            "LimitExceeded.Account",
            "The maximum number of member accounts in a resource directory exceeds the limit.",
        ),
        "CreateResourceAccount",
        {"DisplayName": "ops"},
    )
    fails(
        client_path,
        (409, "QuotaExceeded.Folder.Count", "The number of folders exceeds the quota."),
        "CreateFolder",
        {"FolderName": "more"},
    )
    fails(
        client_path,
        (
            409,
            "NotSupport.AccountInAnotherResourceDirectory",
            "The specified account is an Alibaba Cloud account or already exists in another resource directory.",
        ),
        "EnableResourceDirectory",
        {"EnableMode": "CurrentAccount"},
        member_keys,
    )
    fails(
        client_path,
        (
            409,
            "NotSupport.AccountInAnotherResourceDirectory",
            "Your account is a management account"
            " for another resource directory or a member of another resource directory.",
        ),
        "InviteAccountToResourceDirectory",
        {"TargetEntity": dev["AccountId"], "TargetType": "Account"},
    )


@pytest.mark.parametrize("client_path", ["v1"], indirect=True)
def test_an_empty_directory_is_destroyed(client_path, ecs_mock):
    enable(client_path)
    empty = folder(client_path, "empty")
    fails(
        client_path,
        (
            409,
            "DeleteConflict.ResourceDirectory.Folder",
            "Failed to delete the resource directory"
            " because one or more folders exist. We recommend that you first delete these folders.",
        ),
        "DestroyResourceDirectory",
    )
    rm(client_path, "DeleteFolder", {"FolderId": empty})
    rm(client_path, "DestroyResourceDirectory")
    fails(client_path, NOT_ENABLED, "ListAccounts")
    assert ecs_mock.state()["resource_directories"] == []
    enable(client_path)  # and can be enabled again


@pytest.mark.parametrize("client_path", ["v2"], indirect=True)
def test_a_new_management_account_takes_over(client_path, ecs_mock):
    directory = rm(
        client_path,
        "EnableResourceDirectory",
        {
            "EnableMode": "NewManagementAccount",
            "MAName": "boss@rdadmin.aliyunid.com",
            "VerificationCode": "123456",
        },
    )["ResourceDirectory"]
    manager = ecs_mock.account(directory["MasterAccountId"])
    assert manager.account_id != ecs_mock.default_account.account_id
    assert directory["MasterAccountName"] == "boss@rdadmin.aliyunid.com"
    listed = rm(client_path, "ListAccounts", {}, manager)["Accounts"]["Account"]
    assert {a["AccountId"] for a in listed} == {manager.account_id, ecs_mock.default_account.account_id}


def test_state_round_trips(ecs_mock):
    from conftest_plugin import V2Path

    path = V2Path(ecs_mock)
    enable(path)
    member(path, "dev", folder(path, "Apps"))
    saved = ecs_mock.state()
    ecs_mock.load(saved)
    assert ecs_mock.state() == saved
    assert rm(path, "ListAccounts")["TotalCount"] == 2


def test_a_members_payer_and_tags_as_terraform_reads_them(client_path, ecs_mock):
    """alicloud_resource_manager_account reads GetAccount, GetPayerForAccount and ListTagResources."""
    enable(client_path)
    pays = member(client_path, "finance")["AccountId"]
    paid_for = member(client_path, "web", PayerAccountId=pays, Tag=[{"Key": "team", "Value": "web"}])["AccountId"]
    payer = complete("GetPayerForAccount", rm(client_path, "GetPayerForAccount", {"AccountId": paid_for}))
    assert (payer["PayerAccountId"], payer["PayerAccountName"]) == (pays, "finance")
    itself = rm(client_path, "GetPayerForAccount", {"AccountId": pays})  # none named at creation: itself
    assert (itself["PayerAccountId"], itself["PayerAccountName"]) == (pays, "finance")
    fails(client_path, ACCOUNT_NOT_FOUND, "GetPayerForAccount", {"AccountId": "1234567890123456"})

    def tags(**params):
        body = complete("ListTagResources", rm(client_path, "ListTagResources", {"ResourceType": "Account", **params}))
        return sorted((t["ResourceId"], t["TagKey"], t["TagValue"], t["ResourceType"]) for t in body["TagResources"])

    assert tags(ResourceId=[paid_for]) == [(paid_for, "team", "web", "account")]
    rm(
        client_path,
        "TagResources",
        {"ResourceType": "Account", "ResourceId": [pays, paid_for], "Tag": [{"Key": "cost", "Value": "1"}]},
    )
    assert tags() == sorted(
        [(paid_for, "cost", "1", "account"), (paid_for, "team", "web", "account"), (pays, "cost", "1", "account")]
    )
    assert [t[0] for t in tags(Tag=[{"Key": "team"}])] == [paid_for, paid_for]  # every tag of those carrying it
    rm(client_path, "UntagResources", {"ResourceType": "Account", "ResourceId": [paid_for], "TagKey": ["team"]})
    rm(client_path, "UntagResources", {"ResourceType": "Account", "ResourceId": [pays], "All": True})
    assert tags() == [(paid_for, "cost", "1", "account")]
    account = rm(client_path, "GetAccount", {"AccountId": paid_for, "IncludeTags": True})["Account"]
    assert account["Tags"] == [{"Key": "cost", "Value": "1"}]
    assert tags(ResourceId=["1234567890123456"]) == []  # no member: nothing listed, as ECS lists
    fails(
        client_path,
        ACCOUNT_NOT_FOUND,
        "TagResources",
        {"ResourceType": "Account", "ResourceId": ["1234567890123456"], "Tag": [{"Key": "k", "Value": "v"}]},
    )
    stranger = ecs_mock.create_account()
    fails(client_path, NOT_ENABLED, "ListTagResources", {"ResourceType": "Account"}, account=stranger)
    for action, params in (
        ("ListTagResources", {}),  # resource groups, the default type, are not modelled
        ("TagResources", {"ResourceId": ["rg-1"], "Tag": [{"Key": "k", "Value": "v"}]}),
    ):
        with pytest.raises(ApiFailure) as refused:
            rm(client_path, action, params)
        assert (refused.value.status, refused.value.code) == (501, "AliyunMock.NotImplemented")
