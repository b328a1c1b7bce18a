"""Built-in ECS facts shipped as package data: Alibaba Cloud's public images, instance types, actions."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, cast

_DATA = Path(__file__).with_name("data")


def _load(name: str) -> Dict[str, Any]:
    with open(_DATA / name, encoding="utf-8") as handle:
        return cast(Dict[str, Any], json.load(handle))


@lru_cache(maxsize=None)
def system_images() -> List[Dict[str, Any]]:
    return cast(List[Dict[str, Any]], _load("system_images.json")["images"])


@lru_cache(maxsize=None)
def instance_types() -> Dict[str, Dict[str, Any]]:
    return {row["InstanceTypeId"]: row for row in _load("instance_types.json")["instance_types"]}


@lru_cache(maxsize=None)
def known_actions() -> FrozenSet[str]:
    """Every action of the real ECS API, so an unimplemented one is told apart from a typo."""
    return frozenset(_load("actions.json")["actions"])
