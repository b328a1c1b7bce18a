"""The address rules of VPCs and vSwitches (CreateVpc and CreateVSwitch, CidrBlock:
https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-createvswitch)."""

from __future__ import annotations

import ipaddress
from typing import Callable, Collection, Iterable, Optional

Network = ipaddress.IPv4Network

VPC_MASKS = range(8, 29)  # a VPC's block: /8 to /28
VSWITCH_MASKS = range(16, 30)  # a vSwitch's block: /16 to /29
# Blocks no VPC may use, nor any block inside them.
RESERVED = tuple(map(ipaddress.IPv4Network, ("100.64.0.0/10", "224.0.0.0/4", "127.0.0.0/8", "169.254.0.0/16")))
DEFAULT_VPC_BLOCK = "172.16.0.0/12"
RESERVED_HOSTS_AT_END = 3  # besides the first address, the last three of every vSwitch are the system's


def network(text: str) -> Optional[Network]:
    """The block written in strict form (``192.168.0.0/16``: no host bits, a mask); None otherwise."""
    if "/" not in text:
        return None
    try:
        return ipaddress.IPv4Network(text, strict=True)
    except ValueError:
        return None


def vpc_block(text: str) -> Optional[Network]:
    block = network(text)
    if block is None or block.prefixlen not in VPC_MASKS or any(block.overlaps(r) for r in RESERVED):
        return None
    return block


def vswitch_block(text: str) -> Optional[Network]:
    block = network(text)
    if block is None or block.prefixlen not in VSWITCH_MASKS or block.overlaps(RESERVED[0]):
        return None
    return block


def overlaps_any(block: Network, others: Iterable[str]) -> bool:
    return any(block.overlaps(ipaddress.IPv4Network(other)) for other in others)


def usable_count(block: Network) -> int:
    """How many addresses of a vSwitch instances can have (the first and the last three are reserved)."""
    return block.num_addresses - 1 - RESERVED_HOSTS_AT_END


def assignable(block: Network, address: int) -> bool:
    """Whether an instance may be given the address (as an integer) in the vSwitch ``block``: inside it,
    and neither its first nor its last three."""
    first = int(block.network_address) + 1
    return first <= address < first + usable_count(block)


def free_address(block: Network, taken: Collection[str], below: Callable[[int], int]) -> Optional[str]:
    """An unreserved address of ``block`` not in ``taken``, picked with ``below(n)`` (0 ≤ x < n); None when full."""
    usable = usable_count(block)
    if len(taken) >= usable:
        return None
    first = int(block.network_address) + 1
    start = below(usable)
    for step in range(usable):  # from a random start, the next free address: terminates on a full block
        address = str(ipaddress.IPv4Address(first + (start + step) % usable))
        if address not in taken:
            return address
    return None


def default_vswitch_block(vpc: Network, used: Iterable[str]) -> Optional[Network]:
    """The first /20 of a default VPC not overlapping ``used`` (where a default vSwitch goes)."""
    taken = [ipaddress.IPv4Network(u) for u in used]
    for candidate in vpc.subnets(new_prefix=20):
        if not any(candidate.overlaps(t) for t in taken):
            return candidate
    return None
