"""Regions and their zones: facts every product shares (ECS places instances in zones, VPC puts
vSwitches in them), shipped as package data."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

_REGIONS = Path(__file__).with_name("data") / "regions.json"


@lru_cache(maxsize=None)
def regions() -> Dict[str, Dict[str, Any]]:
    """RegionId → {LocalNameEn, LocalNameZh, IdPrefix, Zones, RegionEndpoint}."""
    with open(_REGIONS, encoding="utf-8") as handle:
        return {row["RegionId"]: row for row in json.load(handle)["regions"]}
