"""AuthorizeSecurityGroup, AuthorizeSecurityGroupEgress, RevokeSecurityGroup, RevokeSecurityGroupEgress
and DescribeSecurityGroupAttribute: the rules of a security group (``security_group_rules.py`` reads them)."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence

from ...core.errors import ApiError
from ...core.paging import token_page
from ...core.product import RESOURCE_OWNER, Body, parameters_like
from ..models import SecurityGroup, SecurityGroupRule
from ..product import ECS
from ..security_group_rules import (
    EGRESS,
    INGRESS,
    Permission,
    RuleDirection,
    flat_fields,
    foreign_owner,
    permissions,
    rule_from,
    unmodelled_units,
)
from ..state import EcsCall, RegionState
from ..views import rule_view
from .security_groups import inner_access_policy

MAX_RULES = 200  # per group and direction
MAX_GROUP_RULES = 20  # rules whose peer is another group
DIRECTIONS = ("ingress", "egress", "all")


def _declared(direction: RuleDirection) -> Dict[str, Any]:
    """What the rule actions declare: every flat field and ``Permissions.N`` field is honoured,
    but the unmodelled ones (IPv6, prefix lists) in either form."""
    honoured = flat_fields(direction)
    return {
        "fields": tuple(f"Permissions.{f}" for f in honoured),
        "without_effect": RESOURCE_OWNER,
        "not_implemented": unmodelled_units(direction),
    }


def _authorize(
    call: EcsCall, direction: RuleDirection, group_id: str, flat: Mapping[str, Any], listed: Sequence[Dict[str, Any]]
) -> Body:
    region = call.state.region(call.region_id)
    group = region.owned_security_group(group_id, call.account.account_id)
    now = call.state.entropy.now_iso()
    rules = [
        rule_from(direction, p, rule_id=region.new_id("sgr"), now=now) for p in _own(call, direction, flat, listed)
    ]
    if len({r.key() for r in rules}) != len(rules):  # two permissions of one request that are one rule
        raise ApiError("InvalidParam.DuplicatePermissions")
    for rule in rules:
        _check_peer(region, group, rule, direction)
    existing = {r.key() for r in group.rules}
    new = [r for r in rules if r.key() not in existing]  # authorizing a rule again changes nothing
    mine = [r for r in group.rules if r.direction == direction.name]
    if len(mine) + len(new) > MAX_RULES:
        raise ApiError("AuthorizationLimitExceed")
    if sum(bool(r.peer_group_id) for r in mine + new) > MAX_GROUP_RULES:
        raise ApiError("AuthorizedGroupRule.LimitExceed")
    group.rules.extend(new)
    return {}


def _own(
    call: EcsCall, direction: RuleDirection, flat: Mapping[str, Any], listed: Sequence[Dict[str, Any]]
) -> List[Permission]:
    """The request's permissions; one naming another account's group gets the 501."""
    found = permissions(direction, flat, listed)
    for permission in found:
        foreign = foreign_owner(direction, permission, call.account.account_id)
        if foreign:
            raise ECS.not_implemented(call.request.action, f"{foreign} (another account's group)")
    return found


def _check_peer(region: RegionState, group: SecurityGroup, rule: SecurityGroupRule, direction: RuleDirection) -> None:
    if group.group_type == "enterprise" and (rule.peer_group_id or rule.policy == "Drop"):
        raise ApiError("InvalidGroupParameter.OperationDenied")
    if not rule.peer_group_id:
        return
    peer = region.security_groups.get(rule.peer_group_id)
    inbound = direction is INGRESS
    if peer is None or peer.owner_id != group.owner_id:
        raise ApiError("InvalidSourceGroupId.NotFound" if inbound else "InvalidDestGroupId.NotFound")
    if peer.group_type == "enterprise":
        raise ApiError("InvalidGroupAuthParameter.OperationDenied")
    if peer.vpc_id != group.vpc_id:
        raise ApiError("InvalidSourceGroupId.Mismatch" if inbound else "InvalidDestGroupId.Mismatch")


def _revoke(
    call: EcsCall,
    direction: RuleDirection,
    group_id: str,
    rule_ids: Sequence[str],
    flat: Mapping[str, Any],
    listed: Sequence[Dict[str, Any]],
) -> Body:
    region = call.state.region(call.region_id)
    group = region.owned_security_group(group_id, call.account.account_id)
    mine = {r.rule_id: r for r in group.rules if r.direction == direction.name}
    if rule_ids:
        if len(set(rule_ids)) != len(rule_ids):
            raise ApiError("InvalidParam.SecurityGroupRuleIdRepeated")
        if any(rule_id not in mine for rule_id in rule_ids):
            raise ApiError("InvalidParam.SecurityGroupRuleId")
        gone = set(rule_ids)
    else:  # revoking a rule the group does not have changes nothing
        wanted = {rule_from(direction, p, rule_id="", now="").key() for p in _own(call, direction, flat, listed)}
        gone = {r.rule_id for r in mine.values() if r.key() in wanted}
    group.rules = [r for r in group.rules if r.rule_id not in gone]
    return {}


def _flat(direction: RuleDirection, given: Mapping[str, Any]) -> Dict[str, Any]:
    return {name: given[name] for name in flat_fields(direction)}


def _inbound(
    call: EcsCall,
    *,
    RegionId: str,
    SecurityGroupId: str,
    SecurityGroupRuleId: Sequence[str] = (),
    Permissions: Sequence[Dict[str, Any]] = (),
    IpProtocol: str = "",
    PortRange: str = "",
    SourceCidrIp: str = "",
    SourceGroupId: str = "",
    SourceGroupOwnerId: Optional[int] = None,
    SourceGroupOwnerAccount: str = "",
    DestCidrIp: str = "",
    SourcePortRange: str = "",
    Policy: str = "",
    Priority: str = "",
    NicType: str = "",
    Description: str = "",
) -> Body:
    """The parameters of the inbound rule actions (their handlers take them from here)."""
    raise NotImplementedError


def _outbound(
    call: EcsCall,
    *,
    RegionId: str,
    SecurityGroupId: str,
    SecurityGroupRuleId: Sequence[str] = (),
    Permissions: Sequence[Dict[str, Any]] = (),
    IpProtocol: str = "",
    PortRange: str = "",
    DestCidrIp: str = "",
    DestGroupId: str = "",
    DestGroupOwnerId: Optional[int] = None,
    DestGroupOwnerAccount: str = "",
    SourceCidrIp: str = "",
    SourcePortRange: str = "",
    Policy: str = "",
    Priority: str = "",
    NicType: str = "",
    Description: str = "",
) -> Body:
    """The parameters of the outbound rule actions (their handlers take them from here)."""
    raise NotImplementedError


@ECS.action("AuthorizeSecurityGroup", **_declared(INGRESS))
@parameters_like(_inbound, drop=("SecurityGroupRuleId",))
def authorize_security_group(call: EcsCall, **given: Any) -> Body:
    return _authorize(call, INGRESS, given["SecurityGroupId"], _flat(INGRESS, given), given["Permissions"])


@ECS.action("AuthorizeSecurityGroupEgress", **_declared(EGRESS))
@parameters_like(_outbound, drop=("SecurityGroupRuleId",))
def authorize_security_group_egress(call: EcsCall, **given: Any) -> Body:
    return _authorize(call, EGRESS, given["SecurityGroupId"], _flat(EGRESS, given), given["Permissions"])


@ECS.action("RevokeSecurityGroup", **_declared(INGRESS))
@parameters_like(_inbound)
def revoke_security_group(call: EcsCall, **given: Any) -> Body:
    flat = _flat(INGRESS, given)
    return _revoke(call, INGRESS, given["SecurityGroupId"], given["SecurityGroupRuleId"], flat, given["Permissions"])


@ECS.action("RevokeSecurityGroupEgress", **_declared(EGRESS))
@parameters_like(_outbound)
def revoke_security_group_egress(call: EcsCall, **given: Any) -> Body:
    flat = _flat(EGRESS, given)
    return _revoke(call, EGRESS, given["SecurityGroupId"], given["SecurityGroupRuleId"], flat, given["Permissions"])


@ECS.action(
    "DescribeSecurityGroupAttribute",
    without_effect={
        **RESOURCE_OWNER,
        # Terraform's alicloud_security_group_rule reads its rule back with NicType="<nil>" when none
        # was set, so the cloud cannot be checking it for a VPC group, the only kind the mock makes.
        "NicType": "a VPC group's rules are listed whatever NIC type is asked, and every group is a VPC one",
    },
    not_implemented=("Attribute",),
)
def describe_security_group_attribute(
    call: EcsCall,
    *,
    RegionId: str,
    SecurityGroupId: str,
    Direction: str = "all",
    NextToken: str = "",
    MaxResults: Optional[int] = None,
) -> Body:
    region = call.state.region(RegionId)
    group = region.owned_security_group(SecurityGroupId, call.account.account_id)
    if Direction not in DIRECTIONS:
        raise ApiError("InvalidParamter")
    rules: List[SecurityGroupRule] = [r for r in group.rules if Direction in ("all", r.direction)]
    token = ""
    if NextToken or MaxResults is not None:
        rules, token = token_page(rules, NextToken, MaxResults or 10, cap=1000)
    names = {g.security_group_id: g.name for g in region.security_groups.values()}
    return {
        "VpcId": group.vpc_id,
        "InnerAccessPolicy": inner_access_policy(group),
        "Description": group.description,
        "SecurityGroupId": group.security_group_id,
        "SecurityGroupName": group.name,
        "RegionId": RegionId,
        "Permissions": {"Permission": [rule_view(r, names, call.account.account_id) for r in rules]},
        "NextToken": token,
    }
