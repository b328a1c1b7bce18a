"""VPC state as plain JSON (part of ``cloud.state()``): VPCs, vSwitches and EIPs."""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, Dict, Tuple, Type, Union

from ..core.loading import StateError, regional_rows
from .models import Eip, Vpc, VSwitch
from .state import NetworkRegion, VpcState

Resource = Union[Vpc, VSwitch, Eip]
TABLES: Tuple[Tuple[str, Type[Resource], str], ...] = (
    ("vpcs", Vpc, "vpc_id"),
    ("vswitches", VSwitch, "vswitch_id"),
    ("eips", Eip, "allocation_id"),
)


def dump_vpc(state: VpcState) -> Dict[str, Any]:
    regions = list(state.regions())
    return {
        table: [dataclasses.asdict(r) for region in regions for r in _table(region, table).values()]
        for table, _, _ in TABLES
    }


def load_vpc(state: VpcState, data: Dict[str, Any]) -> None:
    """Fill a fresh ``VpcState`` from ``dump_vpc`` output, refusing what it cannot read (``core/loading.py``)."""
    for table, kind, key in TABLES:
        seen: Dict[Any, str] = {}
        for path, resource, region in regional_rows(data, table, kind, attrgetter(key), seen, state.region):
            if isinstance(resource, VSwitch) and resource.vpc_id not in region.vpcs:
                raise StateError(f"{path}.vpc_id: {resource.vpc_id} is not among the vpcs of {resource.region_id}")
            _table(region, table)[getattr(resource, key)] = resource


def _table(region: NetworkRegion, table: str) -> Dict[str, Any]:
    found: Dict[str, Any] = getattr(region, table)
    return found
