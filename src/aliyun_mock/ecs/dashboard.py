"""ECS's section of the ``/_mock/`` dashboard: custom images with their sharees, and instances."""

from __future__ import annotations

from html import escape

from ..dashboard import table
from .models import Image
from .state import EcsState


def _sharees(ecs: EcsState, image: Image) -> str:
    """The accounts an image is shared with, and whether a resource share has it (see that table)."""
    parts = [escape(", ".join(image.shares))] if image.shares else []
    if ecs.organisation.in_share(image.region_id, image.image_id):
        parts.append("a resource share")
    return "; ".join(parts) or '<span class="muted">nobody</span>'


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
            _sharees(ecs, i),
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
