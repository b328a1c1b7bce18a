"""ECS's section of the ``/_mock/`` dashboard: custom images with their sharees, and instances."""

from __future__ import annotations

from html import escape

from ..dashboard import table
from .state import EcsState


def ecs_section(ecs: EcsState) -> str:
    regions = list(ecs.regions())
    images = [i for r in regions for i in r.images.values() if i.owner_id]
    instances = [i for r in regions for i in r.instances.values()]
    image_rows = (
        [
            escape(i.region_id),
            escape(i.image_id),
            escape(i.name),
            escape(i.owner_id),
            escape(i.status),
            "yes" if i.is_public else "",
            escape(", ".join(i.shares)) or '<span class="muted">nobody</span>',
        ]
        for i in images
    )
    instance_rows = (
        [escape(i.region_id), escape(i.instance_id), escape(i.owner_id), escape(i.image_id), escape(i.status)]
        for i in instances
    )
    group_rows = (
        [escape(g.region_id), escape(g.security_group_id), escape(g.name), escape(g.owner_id), escape(g.vpc_id),
         str(len(g.rules))]
        for r in regions
        for g in r.security_groups.values()
    )  # fmt: skip
    return "".join(
        [
            "<h2>Images</h2>",
            table(
                ["region", "image", "name", "owner", "status", "community", "shared with"],
                image_rows,
                "no custom images",
            ),
            "<h2>Instances</h2>",
            table(["region", "instance", "owner", "image", "status"], instance_rows, "no instances"),
            "<h2>Security groups</h2>",
            table(["region", "security group", "name", "owner", "VPC", "rules"], group_rows, "no security groups"),
        ]
    )
