"""Key pairs (ECS 2014-05-26): created and imported key pairs, their listing, launching with one,
attaching and detaching them, through every client path. The key material itself is unit-tested
in ``test_key_material.py``.

CreateKeyPair makes a real RSA key (about 0.2 s): the tests create few and import the rest."""

import base64
import hashlib
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from helpers import INSTANCE_TYPE, SYSTEM_IMAGE, assert_fails, launch, network

REGION = "cn-hangzhou"
WINDOWS_IMAGE = "win2022_21H2_x64_dtc_en-us_40G_alibase_20250716.vhd"

NAME_MALFORMED = (400, "InvalidKeyPairName.Malformed", "Specified Key Pair name is not valid.")
ALREADY_EXISTS = (400, "KeyPair.AlreadyExist", "The key pair already exist.")
LAUNCH_KEY_NOT_FOUND = (
    404,
    "InvalidKeyPairName.NotFound",
    "The specified parameter KeyPairName does not exist in our records.",
)
BIND_KEY_NOT_FOUND = (400, "InvalidKeyPairName.NotFound", "The specified KeyPairName does not exist in our records.")
ATTACHED = (
    400,
    "InvalidParameter.KeypairAlreadyAttachedInstance",
    'The specified parameter "KeyPairNames" attached to instances can not be deleted.',
)
INSTANCE_IDS_INVALID = (
    400,
    "InvalidInstanceIds.ValueNotSupported",
    "The specified parameter InstanceIds is not valid.",
)


# --- helpers ----------------------------------------------------------------------------------------------------


def openssh_public_key() -> str:
    """A fresh public key as an ``authorized_keys`` line (ECDSA P-256: quick to make)."""
    key = ec.generate_private_key(ec.SECP256R1())
    return key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()


def md5_fingerprint(openssh_line: str) -> str:
    """The MD5 of the key's SSH wire blob, as ``ssh-keygen -l -E md5`` prints it (without 'MD5:')."""
    digest = hashlib.md5(base64.b64decode(openssh_line.split()[1])).hexdigest()
    return ":".join(digest[i : i + 2] for i in range(0, 32, 2))


def import_key(path, name, public_key=None, account=None, **extra):
    params = {"RegionId": REGION, "KeyPairName": name, "PublicKeyBody": public_key or openssh_public_key(), **extra}
    return path.call("ImportKeyPair", params, account=account)


def key_pairs(path, account=None, **filters):
    body = path.call("DescribeKeyPairs", {"RegionId": REGION, **filters}, account=account)
    return body["KeyPairs"]["KeyPair"]


def key_names(path, account=None, **filters):
    return sorted(k["KeyPairName"] for k in key_pairs(path, account, **filters))


def run(path, image=SYSTEM_IMAGE, account=None, **extra):
    params = {"RegionId": REGION, "ImageId": image, "InstanceType": INSTANCE_TYPE, **network(path, account), **extra}
    return path.call("RunInstances", params, account=account)["InstanceIdSets"]["InstanceIdSet"][0]


def key_of(path, instance_id):
    body = path.call("DescribeInstances", {"RegionId": REGION, "InstanceIds": json.dumps([instance_id])})
    return body["Instances"]["Instance"][0]["KeyPairName"]


def bind(path, action, name, instance_ids, account=None):
    params = {"RegionId": REGION, "KeyPairName": name, "InstanceIds": json.dumps(instance_ids)}
    return path.call(action, params, account=account)


def delete_keys(path, names, account=None):
    return path.call("DeleteKeyPairs", {"RegionId": REGION, "KeyPairNames": json.dumps(names)}, account=account)


# --- CreateKeyPair and ImportKeyPair ----------------------------------------------------------------------------


def test_created_key_pair_has_a_private_key_matching_its_fingerprint(client_path):
    created = client_path.call(
        "CreateKeyPair", {"RegionId": REGION, "KeyPairName": "deploy", "Tag": [{"Key": "team", "Value": "ops"}]}
    )
    assert created["KeyPairName"] == "deploy" and created["KeyPairId"]
    private_key = serialization.load_pem_private_key(created["PrivateKeyBody"].encode(), password=None)
    assert private_key.key_size == 2048
    public_line = (
        private_key.public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        .decode()
    )
    assert created["KeyPairFingerPrint"] == md5_fingerprint(public_line)

    (listed,) = key_pairs(client_path)
    assert {k: listed[k] for k in ("KeyPairName", "KeyPairFingerPrint", "PublicKey")} == {
        "KeyPairName": "deploy",
        "KeyPairFingerPrint": created["KeyPairFingerPrint"],
        "PublicKey": "",
    }
    assert listed["Tags"] == {"Tag": [{"TagKey": "team", "TagValue": "ops"}]} and listed["CreationTime"]
    (with_key,) = key_pairs(client_path, IncludePublicKey=True)
    assert with_key["PublicKey"].split()[:2] == public_line.split()[:2]

    # a name in use is refused, whichever way the new key pair comes
    assert_fails(*ALREADY_EXISTS, client_path.call, "CreateKeyPair", {"RegionId": REGION, "KeyPairName": "deploy"})
    assert_fails(*ALREADY_EXISTS, import_key, client_path, "deploy")
    assert_fails(*NAME_MALFORMED, client_path.call, "CreateKeyPair", {"RegionId": REGION, "KeyPairName": "1deploy"})
    assert key_names(client_path) == ["deploy"]


def test_imported_key_pair_keeps_the_public_key_and_its_fingerprint(client_path):
    public_key = openssh_public_key()
    imported = import_key(client_path, "laptop", public_key + " me@laptop")
    assert imported["KeyPairName"] == "laptop"
    assert imported["KeyPairFingerPrint"] == md5_fingerprint(public_key)
    (listed,) = key_pairs(client_path, IncludePublicKey=True)
    assert listed["KeyPairFingerPrint"] == imported["KeyPairFingerPrint"]
    assert listed["PublicKey"].split()[:2] == public_key.split()
    assert key_pairs(client_path, IncludePublicKey=False)[0]["PublicKey"] == ""

    malformed = (400, "InvalidPublicKeyBody.Malformed", "The PublicKeyBody format is not supported.")
    for body in (
        "not a key",
        "ssh-rsa AAAA",
        "ssh-rsa " + base64.b64encode(b"garbage").decode(),
        public_key.split()[1],
    ):
        assert_fails(*malformed, import_key, client_path, "other", body)
    assert key_names(client_path) == ["laptop"]


@pytest.mark.parametrize("name", ["a", "1key", "-key", "_key", "key pair", "key.pair", "http://key", "k" * 129])
def test_malformed_key_pair_names_are_refused(client_path, name):
    assert_fails(*NAME_MALFORMED, import_key, client_path, name)
    assert key_pairs(client_path) == []


def test_well_formed_key_pair_names(client_path):
    names = ["ab", "k" + "x" * 127, "key:pair_1-a", "Key", "密钥对"]
    for name in names:
        import_key(client_path, name)
    assert key_names(client_path, PageSize=50) == sorted(names)


# --- DescribeKeyPairs -------------------------------------------------------------------------------------------


def test_describe_key_pairs_filters_and_pages(client_path):
    web = [import_key(client_path, f"web-{n}") for n in range(1, 12)]
    db = import_key(client_path, "db-1", Tag=[{"Key": "tier", "Value": "back"}])
    assert len(key_names(client_path, PageSize=50)) == 12

    assert key_names(client_path, KeyPairName="db-1") == ["db-1"]
    assert key_names(client_path, KeyPairName="web") == []  # no wildcard: the exact name
    assert key_names(client_path, KeyPairName="web-1*") == ["web-1", "web-10", "web-11"]
    assert key_names(client_path, KeyPairName="*-1", PageSize=50) == ["db-1", "web-1"]
    assert key_names(client_path, KeyPairFingerPrint=web[4]["KeyPairFingerPrint"]) == ["web-5"]
    assert key_names(client_path, KeyPairFingerPrint="00:11") == []
    assert key_names(client_path, Tag=[{"Key": "tier", "Value": "back"}]) == ["db-1"]
    assert key_names(client_path, Tag=[{"Key": "tier", "Value": "front"}]) == []
    assert db["KeyPairFingerPrint"] not in {k["KeyPairFingerPrint"] for k in web}

    first = client_path.call("DescribeKeyPairs", {"RegionId": REGION})
    assert (first["TotalCount"], first["PageNumber"], first["PageSize"], len(first["KeyPairs"]["KeyPair"])) == (
        12,
        1,
        10,
        10,
    )
    third = client_path.call("DescribeKeyPairs", {"RegionId": REGION, "PageSize": 5, "PageNumber": 3})
    assert (third["TotalCount"], third["PageNumber"], len(third["KeyPairs"]["KeyPair"])) == (12, 3, 2)
    pages = [k["KeyPairName"] for n in (1, 2, 3) for k in key_pairs(client_path, PageSize=5, PageNumber=n)]
    assert sorted(pages) == key_names(client_path, PageSize=50)
    assert_fails(
        400,
        "InvalidParameter",
        'The specified parameter "PageSize" is not valid.',
        client_path.call,
        "DescribeKeyPairs",
        {"RegionId": REGION, "PageSize": 51},
    )


# --- launching with a key pair and deleting key pairs -----------------------------------------------------------


def test_run_instances_with_a_key_pair_and_delete_it_afterwards(client_path):
    import_key(client_path, "deploy")
    import_key(client_path, "spare")
    instance_id = run(client_path, KeyPairName="deploy")
    assert key_of(client_path, instance_id) == "deploy"
    plain = run(client_path)
    assert key_of(client_path, plain) == ""
    found = client_path.call("DescribeInstances", {"RegionId": REGION, "KeyPairName": "deploy"})
    assert [i["InstanceId"] for i in found["Instances"]["Instance"]] == [instance_id]
    windows = run(client_path, image=WINDOWS_IMAGE, KeyPairName="deploy")  # Windows ignores KeyPairName
    assert key_of(client_path, windows) == ""
    assert_fails(*LAUNCH_KEY_NOT_FOUND, run, client_path, KeyPairName="nothing")
    assert_fails(
        *LAUNCH_KEY_NOT_FOUND,
        client_path.call,
        "CreateInstance",
        {
            "RegionId": REGION,
            "ImageId": SYSTEM_IMAGE,
            "InstanceType": INSTANCE_TYPE,
            **network(client_path),
            "KeyPairName": "nothing",
        },
    )
    assert client_path.call("DescribeInstances", {"RegionId": REGION})["TotalCount"] == 3

    assert_fails(*ATTACHED, delete_keys, client_path, ["deploy"])
    assert_fails(*ATTACHED, delete_keys, client_path, ["spare", "deploy"])  # all or nothing
    assert key_names(client_path) == ["deploy", "spare"]
    client_path.call("DeleteInstance", {"InstanceId": instance_id, "Force": True})
    assert set(delete_keys(client_path, ["deploy", "spare", "nothing"])) == {"RequestId"}  # unknown names: ignored
    assert key_pairs(client_path) == []
    assert_fails(
        400,
        "InvalidKeyPairNames.ValueNotSupported",
        'The specified parameter "KeyPairNames" is not valid.',
        client_path.call,
        "DeleteKeyPairs",
        {"RegionId": REGION, "KeyPairNames": "deploy"},
    )


# --- AttachKeyPair and DetachKeyPair ----------------------------------------------------------------------------


def test_attach_and_detach_report_each_instance(client_path):
    import_key(client_path, "deploy")
    import_key(client_path, "other")
    linux, second = launch(client_path), launch(client_path)
    windows = launch(client_path, image=WINDOWS_IMAGE)
    missing = "i-bp1nothing0000000000"

    attached = bind(client_path, "AttachKeyPair", "deploy", [linux, windows, missing])
    assert (attached["KeyPairName"], attached["TotalCount"], attached["FailCount"]) == ("deploy", "3", "2")
    assert {r["InstanceId"]: r for r in attached["Results"]["Result"]} == {
        linux: {"InstanceId": linux, "Success": "true", "Code": "200", "Message": "successful"},
        windows: {
            "InstanceId": windows,
            "Success": "false",
            "Code": "DependencyViolation.WindowsInstance",
            "Message": "The instance creating is windows, cannot use ssh key pair to login",
        },
        missing: {
            "InstanceId": missing,
            "Success": "false",
            "Code": "InvalidInstanceId.NotFound",
            "Message": "The specified InstanceId does not exist.",
        },
    }
    assert (key_of(client_path, linux), key_of(client_path, second), key_of(client_path, windows)) == ("deploy", "", "")
    assert_fails(*ATTACHED, delete_keys, client_path, ["deploy"])

    detached = bind(client_path, "DetachKeyPair", "deploy", [linux, second, windows])
    assert (detached["TotalCount"], detached["FailCount"]) == ("3", "2")
    assert {r["InstanceId"]: (r["Success"], r["Code"], r["Message"]) for r in detached["Results"]["Result"]} == {
        linux: ("true", "200", "successful"),
        second: ("false", "InvalidKeyPairName.NotFound", "The specified KeyPairName does not exist in our records."),
        windows: (
            "false",
            "DependencyViolation.WindowsInstance",
            "The instance creating is windows, cannot use ssh key pair to login.",
        ),
    }
    assert key_of(client_path, linux) == ""
    bind(client_path, "AttachKeyPair", "other", [second])
    assert bind(client_path, "DetachKeyPair", "deploy", [second])["FailCount"] == "1"  # it has another key pair
    assert key_of(client_path, second) == "other"
    delete_keys(client_path, ["deploy"])

    for action in ("AttachKeyPair", "DetachKeyPair"):
        assert_fails(*BIND_KEY_NOT_FOUND, bind, client_path, action, "deploy", [linux])
        assert_fails(*INSTANCE_IDS_INVALID, bind, client_path, action, "other", [])
        assert_fails(
            *INSTANCE_IDS_INVALID,
            client_path.call,
            action,
            {"RegionId": REGION, "KeyPairName": "other", "InstanceIds": linux},
        )
        assert_fails(
            403,
            "InstanceKeyPairLimitExceeded",
            "The specified instances are beyond the permitted range.",
            bind,
            client_path,
            action,
            "other",
            [f"i-bp1many{n:013d}" for n in range(51)],
        )


def test_attach_waits_for_a_settled_instance(client_path, ecs_mock):
    import_key(client_path, "deploy")
    network(client_path)
    ecs_mock.hold_transitions()
    instance_id = launch(client_path)  # held: Pending
    attached = bind(client_path, "AttachKeyPair", "deploy", [instance_id])
    assert attached["FailCount"] == "1"
    assert attached["Results"]["Result"][0]["Code"] == "IncorrectInstanceStatus"
    assert attached["Results"]["Result"][0]["Message"] == (
        "The current status of the resource does not support this operation."
    )
    ecs_mock.settle()
    assert bind(client_path, "AttachKeyPair", "deploy", [instance_id])["FailCount"] == "0"


# --- isolation --------------------------------------------------------------------------------------------------


def test_other_accounts_key_pairs_are_invisible(client_path, ecs_mock):
    stranger = ecs_mock.create_account()
    mine = import_key(client_path, "deploy")
    assert key_pairs(client_path, stranger) == []
    assert key_pairs(client_path, stranger, KeyPairFingerPrint=mine["KeyPairFingerPrint"]) == []
    assert_fails(*LAUNCH_KEY_NOT_FOUND, run, client_path, account=stranger, KeyPairName="deploy")
    their_instance = run(client_path, account=stranger)
    assert_fails(*BIND_KEY_NOT_FOUND, bind, client_path, "AttachKeyPair", "deploy", [their_instance], stranger)
    delete_keys(client_path, ["deploy"], stranger)  # not theirs: nothing to delete
    assert key_names(client_path) == ["deploy"]

    # my key pair cannot reach their instance, and they may use the same name
    attached = bind(client_path, "AttachKeyPair", "deploy", [their_instance])
    assert (attached["FailCount"], attached["Results"]["Result"][0]["Code"]) == ("1", "InvalidInstanceId.NotFound")
    theirs = import_key(client_path, "deploy", account=stranger)
    assert theirs["KeyPairFingerPrint"] != mine["KeyPairFingerPrint"]
    assert [k["KeyPairFingerPrint"] for k in key_pairs(client_path)] == [mine["KeyPairFingerPrint"]]
    assert [k["KeyPairFingerPrint"] for k in key_pairs(client_path, stranger)] == [theirs["KeyPairFingerPrint"]]
