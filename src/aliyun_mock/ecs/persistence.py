"""ECS state as plain JSON (part of ``cloud.state()``): custom images, instances, disks,
snapshots, security groups, key pairs, Cloud Assistant commands and invocations, image import and
export tasks, and the arranged conditions. Alibaba Cloud's public images are built in, not saved."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List, Tuple, Type, TypeVar, Union, cast

from .cloud_assistant import Command, Invocation, InvocationTarget
from .models import SYSTEM, Disk, Image, ImageShare, Instance, KeyPair, SecurityGroup, SecurityGroupRule, Snapshot
from .state import EcsState
from .tasks import Task

T = TypeVar("T")


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
    """Fill a fresh ``EcsState`` from ``dump_ecs`` output."""
    for row in data.get("images", []):
        shares = [ImageShare(**s) for s in row.get("shares", [])]
        image = _build(Image, {**row, "shares": {s.account_id: s for s in shares}})
        ecs.region(image.region_id).add_image(image)
    for row in data.get("instances", []):
        instance = _build(Instance, row)
        ecs.region(instance.region_id).add_instance(instance)
    tables: Tuple[Tuple[Type[Union[Disk, Snapshot]], str], ...] = ((Disk, "disks"), (Snapshot, "snapshots"))
    for kind, table in tables:
        for row in data.get(table, []):
            resource = _build(kind, row)
            getattr(ecs.region(resource.region_id), table)[_id_of(resource)] = resource
    for row in data.get("security_groups", []):
        rules = [_build(SecurityGroupRule, r) for r in row.get("rules", [])]
        group = _build(SecurityGroup, {**row, "rules": rules})
        ecs.region(group.region_id).security_groups[group.security_group_id] = group
    for row in data.get("key_pairs", []):
        key_pair = _build(KeyPair, row)
        ecs.region(key_pair.region_id).key_pairs[(key_pair.owner_id, key_pair.key_pair_name)] = key_pair
    for row in data.get("commands", []):
        command = _build(Command, row)
        ecs.region(command.region_id).commands[command.command_id] = command
    for row in data.get("invocations", []):
        targets = [_build(InvocationTarget, t) for t in row.get("targets", [])]
        invocation = _build(Invocation, {**row, "targets": targets})
        ecs.region(invocation.region_id).invocations[invocation.invoke_id] = invocation
    for row in data.get("tasks", []):
        task = _build(Task, row)
        ecs.region(task.region_id).tasks[task.task_id] = task
    conditions = data.get("conditions", {})
    ecs.sensitive_words = set(conditions.get("sensitive_words", []))
    ecs.kms_keys = dict(conditions.get("kms_keys", {}))
    ecs.regions_without_community_images = set(conditions.get("regions_without_community_images", []))
    ecs.command_results = {k: (v[0], v[1]) for k, v in conditions.get("command_results", {}).items()}


def _build(kind: Type[T], row: Dict[str, Any]) -> T:
    known = {f.name for f in dataclasses.fields(kind)}  # type: ignore[arg-type]
    return kind(**{k: v for k, v in row.items() if k in known})


def _id_of(resource: Any) -> str:
    for name in ("disk_id", "snapshot_id"):
        if hasattr(resource, name):
            return cast(str, getattr(resource, name))
    raise TypeError(resource)


__all__: List[str] = ["dump_ecs", "load_ecs"]
