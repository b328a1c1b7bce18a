"""The composition root: the products a cloud is made of. Adding a product is one line here."""

from __future__ import annotations

from typing import Optional

from . import ecs, resourcemanager, resourcesharing, sts, vpc
from .core.cloud import Cloud
from .core.plugin import ProductPlugin

# A product comes after those whose state it reads: ECS places its instances and security groups in
# VPC's network and shares images through Resource Sharing, which reads Resource Directory.
PRODUCTS: tuple[ProductPlugin, ...] = (
    vpc.PLUGIN,
    resourcemanager.PLUGIN,
    resourcesharing.PLUGIN,
    ecs.PLUGIN,
    sts.PLUGIN,
)


def new_cloud(*, strict: bool = False, seed: Optional[int] = None, account_id: Optional[str] = None) -> Cloud:
    """A cloud of every registered product."""
    return Cloud(PRODUCTS, strict=strict, seed=seed, account_id=account_id)
