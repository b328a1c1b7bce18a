"""The ECS product: API version 2014-05-26, reached at ``ecs[-…].<region>.aliyuncs.com``."""

from __future__ import annotations

from ..core.description import Description
from ..core.product import Product
from . import catalog
from .errors import ECS_CATALOGUE

ECS = Product(
    "Ecs",
    host_label="ecs",
    version="2014-05-26",
    catalogue=ECS_CATALOGUE,
    known_actions=catalog.known_actions(),
    description=Description(__package__ or "aliyun_mock.ecs"),
)
