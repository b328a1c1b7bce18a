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
from typing import TYPE_CHECKING, Any, Dict, List

from .accounts import SITES, AccessKey, Account, StsCredentials
from .loading import StateError, build, check, rows, unique

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
    """Replace everything ``cloud`` knows by ``data`` (from ``dump_cloud``); what cannot be read is a
    ``StateError`` naming its JSON path (``core/loading.py``), and ``Cloud.load`` then keeps the old state."""
    if not isinstance(data, dict):
        raise StateError(f"the state: expected an object, got {type(data).__name__}")
    if data.get("version") != SCHEMA_VERSION:
        raise StateError(f"version: aliyun-mock reads state version {SCHEMA_VERSION}, not {data.get('version')!r}")
    known = {"version", "default_account_id", "accounts", "sts_credentials"}
    for plugin in cloud.plugins:  # the keys each product saves: those of its fresh state's dump
        known.update(plugin.dump(cloud.states[plugin.product.name]))
    unknown = sorted(set(data) - known)
    if unknown:
        raise StateError(f"{unknown[0]}: not a part of an aliyun-mock state (misspelt?)")
    registry = cloud.accounts
    registry.accounts.clear()
    registry.keys.clear()
    keys_seen: Dict[str, str] = {}
    for path, row in rows(data, "accounts"):
        account = _account(registry, row, path)
        if account.account_id in registry.accounts:
            raise StateError(f"{path}.account_id: a second account {account.account_id}")
        for number, key in enumerate(account.keys):
            unique(keys_seen, key.access_key_id, f"{path}.access_keys[{number}]")
        registry.accounts[account.account_id] = account
        registry.keys.update({k.access_key_id: k for k in account.keys})
    registry.sts = {}
    for path, row in rows(data, "sts_credentials"):
        credentials = build(StsCredentials, row, path)
        unique(keys_seen, credentials.access_key_id, path)
        registry.sts[credentials.access_key_id] = credentials
    default = data.get("default_account_id")
    if default not in registry.accounts:
        raise StateError(f"default_account_id: {default!r} is not the account_id of one of the accounts")
    cloud.default_account = registry.accounts[default]
    cloud.authenticator.default_account = cloud.default_account
    for plugin in cloud.plugins:
        plugin.load(cloud.states[plugin.product.name], data)


def _account(registry: Any, row: Dict[str, Any], path: str) -> Account:
    """An account row: its id, site and keys, its roles, and every declared condition of its type."""
    known = {"account_id", "site", "access_keys", "roles", "role_trust", *registry.conditions}
    unknown = sorted(set(row) - known)
    if unknown:
        raise StateError(f"{path}: an account has no field {unknown[0]!r}")
    account_id = row.get("account_id")
    if not (isinstance(account_id, str) and account_id.isdigit()):
        raise StateError(f"{path}.account_id: expected a string of digits, got {account_id!r}")
    if row.get("site", "china") not in SITES:
        raise StateError(f"{path}.site: expected one of {list(SITES)}, got {row.get('site')!r}")
    check(row.get("roles", []), List[str], f"{path}.roles")
    check(row.get("role_trust", {}), Dict[str, str], f"{path}.role_trust")
    keys = []
    for key_path, key in rows(row, "access_keys", path):
        keys.append(build(AccessKey, {**key, "account_id": account_id}, key_path))
    conditions = {}
    for name, default in registry.conditions.items():
        value = row.get(name, default)
        if default is not None and value is not None:
            check(value, type(default), f"{path}.{name}")
        elif value is not None and not isinstance(value, (str, int, float, bool)):
            raise StateError(f"{path}.{name}: expected a number, a string or null, got {value!r}")
        conditions[name] = value
    first = keys[0] if keys else AccessKey("", "", account_id)
    account = Account(account_id, first.access_key_id, first.access_key_secret, row.get("site", "china"), keys,
                      conditions=conditions)  # fmt: skip
    account.roles = set(row.get("roles", []))
    account.role_trust = dict(row.get("role_trust", {}))
    return account
