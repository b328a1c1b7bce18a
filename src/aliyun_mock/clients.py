"""Real SDK clients wired to the mock for one account (``cloud.client(...)``). Imports the SDK lazily."""

from __future__ import annotations

from typing import Any

from .core.accounts import Account

SDKS = ("v1", "v2")


def make_client(sdk: str, account: Account, region_id: str) -> Any:
    """``"v2"`` → ``alibabacloud_ecs20140526.client.Client``; ``"v1"`` → ``aliyunsdkcore.client.AcsClient``."""
    if sdk == "v2":
        from alibabacloud_ecs20140526.client import Client
        from alibabacloud_tea_openapi.models import Config

        return Client(
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
