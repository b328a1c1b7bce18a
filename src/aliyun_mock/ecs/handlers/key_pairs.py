"""CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPairs, AttachKeyPair and DetachKeyPair.

A created key pair is a real 2048-bit RSA key (``key_material.py``): its ``PrivateKeyBody`` loads in
``cryptography`` and ``paramiko``, and its fingerprint is the one ``ssh-keygen -l -E md5`` prints.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Any, Dict, List, Optional, Sequence

from ...core.errors import ApiError
from ...core.paging import page_of
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_from, tags_match
from ..filters import check_new_tags, checked_tags, json_id_list
from ..key_material import fingerprint, new_rsa_key, parse_public_key
from ..models import Instance, KeyPair
from ..product import ECS
from ..state import EcsCall, RegionState
from ..views import tags_view

# 2–128 characters, starting with a letter or a Chinese character; letters, digits, ":", "_", "-".
_NAME = re.compile(r"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5:_\-]{1,127}$")
MAX_KEY_PAIRS = 500  # per account and region
MAX_NAMES = 100  # DeleteKeyPairs
MAX_INSTANCES = 50  # AttachKeyPair and DetachKeyPair
ATTACHABLE = ("Running", "Stopped")


def _new_key_pair(
    call: EcsCall, region: RegionState, name: str, public_key: str, blob: bytes, tags: Sequence[Dict[str, Any]]
) -> KeyPair:
    if not _NAME.match(name) or name.startswith(("http://", "https://")):
        raise ApiError("InvalidKeyPairName.Malformed")
    check_new_tags(tags)
    owner = call.account.account_id
    if (owner, name) in region.key_pairs:
        raise ApiError("KeyPair.AlreadyExist")
    if sum(key[0] == owner for key in region.key_pairs) >= MAX_KEY_PAIRS:
        raise ApiError("QuotaExceed.KeyPair")
    key_pair = KeyPair(
        key_pair_name=name,
        key_pair_id=region.new_id("ssh"),
        region_id=region.region_id,
        owner_id=owner,
        public_key=public_key,
        fingerprint=fingerprint(blob),
        creation_time=call.state.entropy.now_iso(),
        tags=tags_from(tags),
    )
    region.key_pairs[(owner, name)] = key_pair
    return key_pair


@ECS.action(
    "CreateKeyPair",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=("ResourceGroupId",),
)
def create_key_pair(call: EcsCall, *, RegionId: str, KeyPairName: str, Tag: Sequence[Dict[str, Any]] = ()) -> Body:
    region = call.state.region(RegionId)
    if (call.account.account_id, KeyPairName) in region.key_pairs:  # refused before a key is made
        raise ApiError("KeyPair.AlreadyExist")
    generated = new_rsa_key(call.state.entropy.bits)
    parsed = parse_public_key(generated.public_key)
    key_pair = _new_key_pair(call, region, KeyPairName, generated.public_key, parsed.blob, Tag)
    return {
        "PrivateKeyBody": generated.private_key_pem,
        "KeyPairName": key_pair.key_pair_name,
        "KeyPairId": key_pair.key_pair_id,
        "KeyPairFingerPrint": key_pair.fingerprint,
    }


@ECS.action(
    "ImportKeyPair",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=("ResourceGroupId",),
)
def import_key_pair(
    call: EcsCall, *, RegionId: str, KeyPairName: str, PublicKeyBody: str, Tag: Sequence[Dict[str, Any]] = ()
) -> Body:
    region = call.state.region(RegionId)
    try:
        parsed = parse_public_key(PublicKeyBody)
    except ValueError:
        raise ApiError("InvalidPublicKeyBody.Malformed") from None
    key_pair = _new_key_pair(call, region, KeyPairName, parsed.openssh(), parsed.blob, Tag)
    return {"KeyPairName": key_pair.key_pair_name, "KeyPairFingerPrint": key_pair.fingerprint}


@ECS.action(
    "DescribeKeyPairs",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=("ResourceGroupId",),
)
def describe_key_pairs(
    call: EcsCall,
    *,
    RegionId: str,
    KeyPairName: str = "",
    KeyPairFingerPrint: str = "",
    IncludePublicKey: bool = False,
    Tag: Sequence[Dict[str, Any]] = (),
    PageNumber: int = 1,
    PageSize: int = 10,
) -> Body:
    region = call.state.region(RegionId)
    wanted_tags = checked_tags(Tag)
    # "*" in the name matches any run of characters (the reference's fuzzy query)
    matches = [
        k
        for k in region.key_pairs.values()
        if k.owner_id == call.account.account_id
        and (not KeyPairName or fnmatch.fnmatchcase(k.key_pair_name, KeyPairName.replace("[", "[[]")))
        and (not KeyPairFingerPrint or k.fingerprint == KeyPairFingerPrint)
        and tags_match(k.tags, wanted_tags)
    ]
    page, fields = page_of(matches, PageNumber, PageSize, max_size=50)
    views = [
        {
            "CreationTime": k.creation_time,
            "KeyPairName": k.key_pair_name,
            "KeyPairFingerPrint": k.fingerprint,
            "PublicKey": k.public_key if IncludePublicKey else "",
            "Tags": tags_view(k.tags),
        }
        for k in page
    ]
    return {**fields, "KeyPairs": {"KeyPair": views}}


def _users(region: RegionState, key_pair: KeyPair) -> List[Instance]:
    return [
        i
        for i in region.instances.values()
        if i.owner_id == key_pair.owner_id and i.key_pair_name == key_pair.key_pair_name
    ]


@ECS.action("DeleteKeyPairs", without_effect=RESOURCE_OWNER)
def delete_key_pairs(call: EcsCall, *, RegionId: str, KeyPairNames: str) -> Body:
    region = call.state.region(RegionId)
    names = json_id_list(KeyPairNames, "KeyPairNames", "InvalidKeyPairNames.ValueNotSupported")
    if len(names) > MAX_NAMES:
        raise ApiError("InvalidKeyPairNames.ValueNotSupported")
    owner = call.account.account_id
    found = [region.key_pairs[(owner, n)] for n in names if (owner, n) in region.key_pairs]  # unknown names: ignored
    if any(_users(region, k) for k in found):
        raise ApiError("InvalidParameter.KeypairAlreadyAttachedInstance")
    for key_pair in found:
        del region.key_pairs[(owner, key_pair.key_pair_name)]
    return {}


def _bind(call: EcsCall, region_id: str, name: str, instance_ids: str, attach: bool) -> Body:
    """Attach or detach a key pair, instance by instance; the answer says how each went."""
    region = call.state.region(region_id)
    wanted = sorted(json_id_list(instance_ids, "InstanceIds", "InvalidInstanceIds.ValueNotSupported"))
    if not wanted:
        raise ApiError("InvalidInstanceIds.ValueNotSupported")
    if len(wanted) > MAX_INSTANCES:
        raise ApiError("InstanceKeyPairLimitExceeded")
    key_pair = region.owned_key_pair(name, call.account.account_id)
    results = [_bind_one(region, key_pair, instance_id, attach) for instance_id in wanted]
    failed = sum(r["Success"] == "false" for r in results)
    return {
        "KeyPairName": name,
        "TotalCount": str(len(results)),
        "FailCount": str(failed),
        "Results": {"Result": results},
    }


def _bind_one(region: RegionState, key_pair: KeyPair, instance_id: str, attach: bool) -> Dict[str, str]:
    instance = region.instances.get(instance_id)
    problem: Optional[str] = None
    if instance is None or instance.owner_id != key_pair.owner_id:
        problem = "InvalidInstanceId.NotFound"
    elif instance.os_type == "windows":
        problem = "DependencyViolation.WindowsInstance"
    elif instance.status not in ATTACHABLE:
        problem = "IncorrectInstanceStatus"
    elif not attach and instance.key_pair_name != key_pair.key_pair_name:
        problem = "InvalidKeyPairName.NotFound"
    if problem is not None:
        status, message = ECS.catalogue.resolve(ApiError(problem), "AttachKeyPair" if attach else "DetachKeyPair")
        return {"Code": problem, "Message": message, "InstanceId": instance_id, "Success": "false"}
    assert instance is not None
    instance.key_pair_name = key_pair.key_pair_name if attach else ""
    return {"Code": "200", "Message": "successful", "InstanceId": instance_id, "Success": "true"}


@ECS.action("AttachKeyPair", without_effect=RESOURCE_OWNER)
def attach_key_pair(call: EcsCall, *, RegionId: str, KeyPairName: str, InstanceIds: str) -> Body:
    return _bind(call, RegionId, KeyPairName, InstanceIds, attach=True)


@ECS.action("DetachKeyPair", without_effect=RESOURCE_OWNER)
def detach_key_pair(call: EcsCall, *, RegionId: str, KeyPairName: str, InstanceIds: str) -> Body:
    return _bind(call, RegionId, KeyPairName, InstanceIds, attach=False)
