"""Real SDK clients wired to the mock for one account (``cloud.client(...)``). Imports the SDK lazily."""

from __future__ import annotations

import importlib
from typing import Any, Literal

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


Sdk = Literal["v1", "v2"]
Product = Literal["ecs", "vpc", "sts", "resourcemanager", "resourcesharing"]


def make_client(sdk: Sdk, account: Account, region_id: str, product: Product = "ecs") -> Any:
    """``"v2"`` → the product's V2 client (``alibabacloud_ecs20140526.client.Client`` for ECS);
    ``"v1"`` → ``aliyunsdkcore.client.AcsClient`` (one client for every product). A missing SDK is
    an ``ImportError`` that says how to install it."""
    if sdk == "v2":
        package = V2_PACKAGES.get(product)
        if package is None:
            raise ValueError(f"product must be one of {sorted(V2_PACKAGES)}, not {product!r}")
        Config = _imported("alibabacloud_tea_openapi.models").Config
        client = _imported(f"{package}.client").Client
        return client(
            Config(
                access_key_id=account.access_key_id,
                access_key_secret=account.access_key_secret,
                region_id=region_id,
            )
        )
    if sdk == "v1":
        return _imported("aliyunsdkcore.client").AcsClient(account.access_key_id, account.access_key_secret, region_id)
    raise ValueError(f"sdk must be one of {SDKS}, not {sdk!r}")


def _imported(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as missing:
        distribution = (missing.name or module).split(".")[0].replace("_", "-")
        raise ModuleNotFoundError(
            f"cloud.client() needs the Alibaba Cloud SDK {distribution!r}, which is not installed: "
            "pip install 'aliyun-mock[sdk]'",
            name=missing.name,
        ) from missing
