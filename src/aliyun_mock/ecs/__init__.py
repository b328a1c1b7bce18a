"""Elastic Compute Service: images and their sharing, instances, regions."""

from .handlers import (  # noqa: F401  (registers the actions)
    disks,
    image_lifecycle,
    images,
    instance_power,
    instances,
    regions,
    sharing,
    snapshots,
    zones_and_types,
)
from .product import ECS
from .state import EcsState

__all__ = ["ECS", "EcsState"]
