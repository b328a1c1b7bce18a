"""ECS state as plain JSON (part of ``cloud.state()``): custom images, instances, disks,
snapshots, security groups, key pairs, Cloud Assistant commands and invocations, image import and
export tasks, and the arranged conditions. Alibaba Cloud's public images are built in, not saved."""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, Dict, List, Tuple, Type

from ..core.loading import StateError, at, build, check, convert, regional_rows, rows, unique
from .cloud_assistant import Command, Invocation
from .models import SYSTEM, Disk, Image, ImageShare, Instance, KeyPair, SecurityGroup, Snapshot
from .state import KMS_KEY_STATES, EcsState
from .tasks import Task


def dump_ecs(ecs: EcsState) -> Dict[str, Any]:
    regions = list(ecs.regions())
    images = []
    for image in (i for r in regions for i in r.images.values() if i.source != SYSTEM):
        row = dataclasses.asdict(image)
        row["shares"] = [dataclasses.asdict(s) for s in image.shares.values()]
        images.append(row)
    return {
        "images": images,
        "instances": [dataclasses.asdict(i) for r in regions for i in r.instances.values()],
        "disks": [dataclasses.asdict(d) for r in regions for d in r.disks.values()],
        "snapshots": [dataclasses.asdict(s) for r in regions for s in r.snapshots.values()],
        "security_groups": [dataclasses.asdict(g) for r in regions for g in r.security_groups.values()],
        "key_pairs": [dataclasses.asdict(k) for r in regions for k in r.key_pairs.values()],
        "commands": [dataclasses.asdict(c) for r in regions for c in r.commands.values()],
        "invocations": [dataclasses.asdict(i) for r in regions for i in r.invocations.values()],
        "tasks": [dataclasses.asdict(t) for r in regions for t in r.tasks.values()],
        "conditions": {
            "sensitive_words": sorted(ecs.sensitive_words),
            "kms_keys": dict(ecs.kms_keys),
            "regions_without_community_images": sorted(ecs.regions_without_community_images),
            "command_results": {k: list(v) for k, v in ecs.command_results.items()},
        },
    }


def load_ecs(ecs: EcsState, data: Dict[str, Any]) -> None:
    """Fill a fresh ``EcsState`` from ``dump_ecs`` output, refusing what it cannot read (``core/loading.py``)."""
    seen: Dict[Any, str] = {}
    for path, row in rows(data, "images"):
        shares = [build(ImageShare, share, share_path) for share_path, share in rows(row, "shares", path)]
        image = build(Image, {k: v for k, v in row.items() if k != "shares"}, path)
        image.shares = {s.account_id: s for s in shares}
        unique(seen, image.image_id, path)
        with at(f"{path}.region_id"):
            ecs.region(image.region_id).add_image(image)
    for _, instance, region in regional_rows(data, "instances", Instance, attrgetter("instance_id"), seen, ecs.region):
        region.add_instance(instance)
    _load_table(ecs, data, "disks", Disk, "disk_id", seen)
    _load_table(ecs, data, "snapshots", Snapshot, "snapshot_id", seen)
    for path, group, region in regional_rows(
        data, "security_groups", SecurityGroup, attrgetter("security_group_id"), seen, ecs.region
    ):
        if group.group_type not in GROUP_TYPES:
            raise StateError(f"{path}.group_type: expected one of {list(GROUP_TYPES)}, got {group.group_type!r}")
        region.security_groups[group.security_group_id] = group
    _load_table(ecs, data, "commands", Command, "command_id", seen)
    _load_table(ecs, data, "invocations", Invocation, "invoke_id", seen)
    _load_table(ecs, data, "tasks", Task, "task_id", seen)
    for _, key_pair, region in regional_rows(
        data, "key_pairs", KeyPair, lambda k: (k.region_id, k.owner_id, k.key_pair_name), seen, ecs.region
    ):
        region.key_pairs[(key_pair.owner_id, key_pair.key_pair_name)] = key_pair
    conditions = data.get("conditions", {})
    check(conditions, Dict[str, Any], "conditions")
    unknown = sorted(set(conditions) - CONDITIONS)
    if unknown:
        raise StateError(f"conditions.{unknown[0]}: not a condition of aliyun-mock's ECS (misspelt?)")
    check(conditions.get("sensitive_words", []), List[str], "conditions.sensitive_words")
    check(conditions.get("kms_keys", {}), Dict[str, str], "conditions.kms_keys")
    for key_id, key_state in conditions.get("kms_keys", {}).items():
        if key_state not in KMS_KEY_STATES:
            raise StateError(f"conditions.kms_keys.{key_id}: expected one of {list(KMS_KEY_STATES)}, got {key_state!r}")
    check(
        conditions.get("regions_without_community_images", []), List[str], "conditions.regions_without_community_images"
    )
    results = convert(conditions.get("command_results", {}), Dict[str, Tuple[str, int]], "conditions.command_results")
    ecs.sensitive_words = set(conditions.get("sensitive_words", []))
    ecs.kms_keys = dict(conditions.get("kms_keys", {}))
    ecs.regions_without_community_images = set(conditions.get("regions_without_community_images", []))
    ecs.command_results = results


GROUP_TYPES = ("normal", "enterprise")
CONDITIONS = {"sensitive_words", "kms_keys", "regions_without_community_images", "command_results"}


def _load_table(
    ecs: EcsState, data: Dict[str, Any], table: str, kind: Type[Any], id_field: str, seen: Dict[Any, str]
) -> None:
    """Rows of a region table kept by id (``RegionState.<table>``)."""
    for _, resource, region in regional_rows(data, table, kind, attrgetter(id_field), seen, ecs.region):
        getattr(region, table)[getattr(resource, id_field)] = resource


__all__: List[str] = ["dump_ecs", "load_ecs"]
