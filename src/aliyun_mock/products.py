"""The composition root: the products a cloud is made of. Adding a product is one line here."""

from __future__ import annotations

from typing import Optional

from . import ecs, resourcemanager, sts, vpc
from .core.cloud import Cloud
from .core.plugin import ProductPlugin

# VPC comes before ECS: ECS places its instances and security groups in VPC's network.
PRODUCTS: tuple[ProductPlugin, ...] = (vpc.PLUGIN, resourcemanager.PLUGIN, ecs.PLUGIN, sts.PLUGIN)


def new_cloud(*, strict: bool = False, seed: Optional[int] = None) -> Cloud:
    """A cloud of every registered product."""
    return Cloud(PRODUCTS, strict=strict, seed=seed)
