"""Elastic Compute Service: images and their sharing, instances, disks, snapshots, regions."""

from ..core.plugin import ProductPlugin
from .dashboard import ecs_section
from .handlers import (  # noqa: F401  (registers the actions)
    account_attributes,
    available_resources,
    commands,
    disk_lifecycle,
    disks,
    image_families,
    image_lifecycle,
    image_transfer,
    images,
    instance_attributes,
    instance_batches,
    instance_power,
    instance_settings,
    instances,
    invocations,
    key_pairs,
    launch,
    network_interfaces,
    regions,
    security_group_permissions,
    security_groups,
    sharing,
    snapshots,
    tags,
    tasks,
    zones_and_types,
)
from .persistence import dump_ecs, load_ecs
from .product import ECS
from .state import EcsState

# Conditions of a real account that no ECS call sets (README: "Sharing rules the mock enforces").
ACCOUNT_CONDITIONS = {
    "community_terms_signed": True,  # has signed the Community Image Terms of Service
    "public_image_access": True,  # may query community images
    "launch_permission_preview": False,  # admitted to the LaunchPermission invitation-only preview
    "shared_image_quota": None,  # how many of its images may be shared at once; None: no limit
}

PLUGIN = ProductPlugin(
    product=ECS,
    attribute="ecs",
    new_state=EcsState,
    dump=dump_ecs,
    load=load_ecs,
    account_conditions=ACCOUNT_CONDITIONS,
    dashboard=ecs_section,
)

__all__ = ["ECS", "PLUGIN", "EcsState"]
