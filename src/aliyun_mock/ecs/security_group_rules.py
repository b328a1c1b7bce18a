"""Security group permissions as AuthorizeSecurityGroup(Egress) and RevokeSecurityGroup(Egress) take
them: the flat form (``IpProtocol=tcp&PortRange=22/22&SourceCidrIp=…``) or ``Permissions.N.*``, never
both, each checked as the API reference states
(https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-authorizesecuritygroup).

Inbound and outbound rules are one model: the *peer* is where traffic comes from (inbound:
``SourceCidrIp``/``SourceGroupId``) or goes to (outbound: ``DestCidrIp``/``DestGroupId``); the
*local* block is the other end's ``DestCidrIp``/``SourceCidrIp``.
"""

from __future__ import annotations

import ipaddress
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from ..core.errors import ApiError
from .models import SecurityGroupRule

PROTOCOLS = {p.upper(): p for p in ("TCP", "UDP", "ICMP", "ICMPv6", "GRE", "ALL")}
PORTLESS = ("ICMP", "ICMPV6", "GRE", "ALL")  # their PortRange is -1/-1
POLICIES = {"accept": "Accept", "drop": "Drop"}
NIC_TYPES = ("internet", "intranet")
MAX_PRIORITY = 100
MAX_DESCRIPTION = 512


class RuleDirection(NamedTuple):
    name: str  # "ingress" | "egress"
    peer_cidr: str  # the wire name of the peer's block
    peer_group: str
    local_cidr: str
    missing_peer: str  # the code for a permission without a peer
    bad_peer_cidr: str
    bad_local_cidr: str
    peer_prefix_list: str  # prefix lists are not modelled
    peer_owner: Tuple[str, str]  # the peer group's owner: its id, its account


INGRESS = RuleDirection(
    "ingress", "SourceCidrIp", "SourceGroupId", "DestCidrIp", "MissingParameter.Source",
    "InvalidSourceCidrIp.Malformed", "InvalidDestCidrIp.Malformed",
    "SourcePrefixListId", ("SourceGroupOwnerId", "SourceGroupOwnerAccount"),
)  # fmt: skip
EGRESS = RuleDirection(
    "egress", "DestCidrIp", "DestGroupId", "SourceCidrIp", "MissingParameter.Dest",
    "InvalidDestCidrIp.Malformed", "InvalidParam.SourceCidrIp",
    "DestPrefixListId", ("DestGroupOwnerId", "DestGroupOwnerAccount"),
)  # fmt: skip
# What both directions' rules carry besides the peer and local blocks.
COMMON_FIELDS = ("Policy", "Priority", "IpProtocol", "PortRange", "SourcePortRange", "NicType", "Description")
IPV6_FIELDS = ("Ipv6SourceCidrIp", "Ipv6DestCidrIp")


def flat_fields(direction: RuleDirection) -> Tuple[str, ...]:
    return COMMON_FIELDS + (direction.peer_cidr, direction.peer_group, direction.local_cidr) + direction.peer_owner


def unmodelled_units(direction: RuleDirection) -> Tuple[str, ...]:
    """What the mock does not model, in both forms: IPv6, prefix lists, and port-range lists (which
    only ``Permissions.N`` takes). Other accounts' groups are refused by value (``foreign_owner``)."""
    flat = IPV6_FIELDS + (direction.peer_prefix_list,)
    return flat + tuple(f"Permissions.{f}" for f in flat + ("PortRangeListId",))


def foreign_owner(direction: RuleDirection, permission: "Permission", account_id: str) -> str:
    """The owner field of a permission that names another account than the caller ("" if none does):
    a group of another account is not modelled, but tools send the caller's own id (Terraform does
    when it revokes a rule whose peer is a group)."""
    fields, where = permission
    for name in direction.peer_owner:
        value = fields.get(name, "")
        if value and value != account_id:
            return f"{where}{name}={value}"
    return ""


class Permission(NamedTuple):
    """One permission of a request: its wire fields, and the prefix its parameters are named with in
    error texts ("" for the flat form, "Permissions.2." for the second of the list)."""

    fields: Mapping[str, str]
    where: str = ""


def permissions(
    direction: RuleDirection, flat: Mapping[str, Any], listed: Sequence[Dict[str, Any]]
) -> List[Permission]:
    """The permissions a request asks for: the flat form or ``Permissions.N``, never both."""
    given_flat = {k: str(v) for k, v in flat.items() if v not in ("", None)}
    if listed and given_flat:
        raise ApiError("InvalidParam.Permissions")
    if not listed:
        return [Permission(given_flat)]
    found = [Permission({k: str(v) for k, v in item.items()}, f"Permissions.{n}.") for n, item in enumerate(listed, 1)]
    written = [tuple(sorted(p.fields.items())) for p in found]
    if len(set(written)) != len(written):  # the same permission written twice, before any is checked
        raise ApiError("InvalidParam.DuplicatePermissions")
    return found


def rule_from(direction: RuleDirection, permission: Permission, *, rule_id: str, now: str) -> SecurityGroupRule:
    """A checked rule, or the documented error for the first thing wrong with it."""
    fields, where = permission
    protocol = PROTOCOLS.get(fields.get("IpProtocol", "").upper())
    if protocol is None:
        raise ApiError("InvalidIpProtocol.ValueNotSupported", where + "IpProtocol")
    port_range = _port_range(protocol, fields.get("PortRange", ""), where + "PortRange")
    policy = POLICIES.get(fields.get("Policy", "accept").lower())
    if policy is None:
        raise ApiError("InvalidPolicy.Malformed", where + "Policy")
    priority = fields.get("Priority", "1")
    if not priority.isdigit() or not 1 <= int(priority) <= MAX_PRIORITY:
        raise ApiError("InvalidPriority.Malformed")
    if fields.get("NicType", "intranet") not in NIC_TYPES:
        raise ApiError("InvalidNicType.ValueNotSupported", where + "NicType")
    peer_cidr, peer_group = fields.get(direction.peer_cidr, ""), fields.get(direction.peer_group, "")
    if not peer_cidr and not peer_group:
        raise ApiError(direction.missing_peer, where.rstrip(".") or "the request")
    if peer_cidr and not _cidr_or_address(peer_cidr):
        raise ApiError(direction.bad_peer_cidr)
    local_cidr = fields.get(direction.local_cidr, "")
    if local_cidr and not _cidr_or_address(local_cidr):
        raise ApiError(direction.bad_local_cidr, where + direction.local_cidr)
    source_ports = fields.get("SourcePortRange", "")
    if source_ports and _ports(source_ports) is None:
        raise ApiError("InvalidSourcePortRange.Malformed")
    description = fields.get("Description", "")
    if len(description) > MAX_DESCRIPTION or description.startswith(("http://", "https://")):
        raise ApiError("InvalidSecurityGroupDiscription.Malformed", where + "Description")
    return SecurityGroupRule(
        rule_id=rule_id,
        direction=direction.name,
        ip_protocol=protocol,
        port_range=port_range,
        create_time=now,
        policy=policy,
        priority=int(priority),
        # a rule naming both a group and a block is a rule for the block (the reference says so)
        peer_cidr_ip=peer_cidr,
        peer_group_id="" if peer_cidr else peer_group,
        local_cidr_ip=local_cidr,
        source_port_range=source_ports,
        description=description,
    )


def _port_range(protocol: str, text: str, name: str) -> str:
    if not text:
        raise ApiError("InvalidPortRange.Malformed")
    if protocol.upper() in PORTLESS:
        if text != "-1/-1":
            raise ApiError("OperationDenied")
        return text
    if _ports(text) is None:
        raise ApiError("InvalidParam.PortRange", name)
    return text


def _ports(text: str) -> Optional[Tuple[int, int]]:
    first, slash, last = text.partition("/")
    if not slash or not first.isdigit() or not last.isdigit():
        return None
    low, high = int(first), int(last)
    return (low, high) if 1 <= low <= high <= 65535 else None


def _cidr_or_address(text: str) -> bool:
    try:
        ipaddress.IPv4Network(text, strict=False)
    except ValueError:
        return False
    return True
