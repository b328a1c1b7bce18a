"""Elastic Compute Service: images and their sharing, instances, regions."""
from .handlers import image_lifecycle, images, instances, regions, sharing  # noqa: F401  (registers the actions)
from .product import ECS
from .state import EcsState

__all__ = ["ECS", "EcsState"]
