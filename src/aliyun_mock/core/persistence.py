"""``cloud.state()`` / ``cloud.load()``: everything a mock knows as plain JSON, with a schema
version so saved scenes keep loading.

Schema (version 1)::

    {"version": 1, "default_account_id": "…",
     "accounts": [{"account_id", "site", "access_keys": [{"access_key_id", "access_key_secret",
                   "active"}], "community_terms_signed", "public_image_access", "roles",
                   "launch_permission_preview", "shared_image_quota", "role_trust"}],
     "sts_credentials": [{"access_key_id", "access_key_secret", "security_token", "account_id",
                          "expiration", "role_arn", "session_name"}],
     …each product's own top-level keys (ECS: ``ecs/persistence.py``)}

An account row carries, besides its keys, every account condition the products declare
(``ProductPlugin.account_conditions``), at the row's top level. A resource in a transition that has
not completed (``cloud.hold_transitions()``) is saved at the status it is heading for.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Dict

from .accounts import AccessKey, Account, StsCredentials

if TYPE_CHECKING:
    from .cloud import Cloud

SCHEMA_VERSION = 1


def dump_cloud(cloud: "Cloud") -> Dict[str, Any]:
    accounts = []
    for account in cloud.accounts.accounts.values():
        row: Dict[str, Any] = {"account_id": account.account_id, "site": account.site}
        row["access_keys"] = [
            {"access_key_id": k.access_key_id, "access_key_secret": k.access_key_secret, "active": k.active}
            for k in account.keys
        ]
        row.update(account.conditions)
        row["roles"] = sorted(account.roles)
        row["role_trust"] = dict(account.role_trust)
        accounts.append(row)
    state = {
        "version": SCHEMA_VERSION,
        "default_account_id": cloud.default_account.account_id,
        "accounts": accounts,
        "sts_credentials": [dataclasses.asdict(s) for s in cloud.accounts.sts.values()],
    }
    with cloud.transitions.completed():  # a saved state is a settled one: see Transitions.completed
        for plugin in cloud.plugins:
            state.update(plugin.dump(cloud.states[plugin.product.name]))
    return state


def load_cloud(cloud: "Cloud", data: Dict[str, Any]) -> None:
    """Replace everything ``cloud`` knows by ``data`` (from ``dump_cloud``)."""
    if data.get("version") != SCHEMA_VERSION:
        raise ValueError(f"aliyun-mock state version {data.get('version')!r} is not {SCHEMA_VERSION}")
    registry = cloud.accounts
    registry.accounts.clear()
    registry.keys.clear()
    for row in data["accounts"]:
        keys = [
            AccessKey(k["access_key_id"], k["access_key_secret"], row["account_id"], k["active"])
            for k in row["access_keys"]
        ]
        first = keys[0] if keys else AccessKey("", "", row["account_id"])
        conditions = {name: row.get(name, default) for name, default in registry.conditions.items()}
        account = Account(
            row["account_id"],
            first.access_key_id,
            first.access_key_secret,
            row.get("site", "china"),
            keys,
            conditions=conditions,
        )
        account.roles = set(row.get("roles", []))
        account.role_trust = dict(row.get("role_trust", {}))
        registry.accounts[account.account_id] = account
        registry.keys.update({k.access_key_id: k for k in keys})
    registry.sts = {row["access_key_id"]: StsCredentials(**row) for row in data.get("sts_credentials", [])}
    cloud.default_account = registry.accounts[data["default_account_id"]]
    cloud.authenticator.default_account = cloud.default_account
    for plugin in cloud.plugins:
        plugin.load(cloud.states[plugin.product.name], data)
