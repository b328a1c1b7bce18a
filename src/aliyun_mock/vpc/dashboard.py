"""VPC's section of the ``/_mock/`` dashboard: VPCs, vSwitches and EIPs."""

from __future__ import annotations

from html import escape

from ..dashboard import table
from .state import VpcState


def vpc_section(state: VpcState) -> str:
    regions = list(state.regions())
    vpcs = (
        [
            escape(v.region_id),
            escape(v.vpc_id),
            escape(v.name),
            escape(v.owner_id),
            escape(v.cidr_block),
            escape(v.status),
        ]
        for r in regions
        for v in r.vpcs.values()
    )
    vswitches = (
        [
            escape(s.zone_id),
            escape(s.vswitch_id),
            escape(s.vpc_id),
            escape(s.owner_id),
            escape(s.cidr_block),
            escape(s.status),
        ]
        for r in regions
        for s in r.vswitches.values()
    )
    eips = (
        [
            escape(e.region_id),
            escape(e.allocation_id),
            escape(e.ip_address),
            escape(e.owner_id),
            escape(e.status),
            escape(e.instance_id),
        ]
        for r in regions
        for e in r.eips.values()
    )
    return "".join(
        [
            "<h2>VPCs</h2>",
            table(["region", "VPC", "name", "owner", "CIDR block", "status"], vpcs, "no VPCs"),
            "<h2>vSwitches</h2>",
            table(["zone", "vSwitch", "VPC", "owner", "CIDR block", "status"], vswitches, "no vSwitches"),
            "<h2>Elastic IP addresses</h2>",
            table(["region", "EIP", "address", "owner", "status", "instance"], eips, "no EIPs"),
        ]
    )
