"""VPC resources as plain objects, each with its region and owner account."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict


@dataclass
class Vpc:
    vpc_id: str
    region_id: str
    owner_id: str
    cidr_block: str
    creation_time: str
    vrouter_id: str
    route_table_id: str
    name: str = ""
    description: str = ""
    is_default: bool = False
    status: str = "Available"  # Pending → Available
    tags: Dict[str, str] = field(default_factory=dict)


@dataclass
class VSwitch:
    vswitch_id: str
    region_id: str
    owner_id: str
    vpc_id: str
    zone_id: str
    cidr_block: str
    creation_time: str
    name: str = ""
    description: str = ""
    is_default: bool = False
    status: str = "Available"  # Pending → Available
    tags: Dict[str, str] = field(default_factory=dict)


@dataclass
class Eip:
    """An elastic IP address; ``instance_id`` is what it is associated with (an ECS instance)."""

    allocation_id: str
    region_id: str
    owner_id: str
    ip_address: str
    allocation_time: str
    bandwidth: int = 5  # Mbit/s
    internet_charge_type: str = "PayByBandwidth"
    isp: str = "BGP"
    name: str = ""
    description: str = ""
    status: str = "Available"  # Associating → InUse → Unassociating → Available
    instance_id: str = ""
    instance_type: str = ""
    instance_region_id: str = ""
    private_ip_address: str = ""
    tags: Dict[str, str] = field(default_factory=dict)
