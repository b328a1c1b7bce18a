"""Real SDK clients wired to the mock for one account (``cloud.client(...)``). Imports the SDK lazily."""

from __future__ import annotations

import importlib
from typing import Any

from .core.accounts import Account

SDKS = ("v1", "v2")
# The V2 SDK package of each product a client can be asked for.
V2_PACKAGES = {
    "ecs": "alibabacloud_ecs20140526",
    "vpc": "alibabacloud_vpc20160428",
    "sts": "alibabacloud_sts20150401",
    "resourcemanager": "alibabacloud_resourcemanager20200331",
    "resourcesharing": "alibabacloud_resourcesharing20200110",
}


def make_client(sdk: str, account: Account, region_id: str, product: str = "ecs") -> Any:
    """``"v2"`` → the product's V2 client (``alibabacloud_ecs20140526.client.Client`` for ECS);
    ``"v1"`` → ``aliyunsdkcore.client.AcsClient`` (one client for every product)."""
    if sdk == "v2":
        from alibabacloud_tea_openapi.models import Config

        package = V2_PACKAGES.get(product)
        if package is None:
            raise ValueError(f"product must be one of {sorted(V2_PACKAGES)}, not {product!r}")
        client = importlib.import_module(f"{package}.client").Client
        return client(
            Config(
                access_key_id=account.access_key_id,
                access_key_secret=account.access_key_secret,
                region_id=region_id,
            )
        )
    if sdk == "v1":
        from aliyunsdkcore.client import AcsClient

        return AcsClient(account.access_key_id, account.access_key_secret, region_id)
    raise ValueError(f"sdk must be one of {SDKS}, not {sdk!r}")
