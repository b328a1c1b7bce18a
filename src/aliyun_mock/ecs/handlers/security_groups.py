"""CreateSecurityGroup, DescribeSecurityGroups, DescribeSecurityGroupAttribute,
ModifySecurityGroupAttribute, ModifySecurityGroupPolicy, DeleteSecurityGroup, JoinSecurityGroup and
LeaveSecurityGroup.
The rules' actions are in ``security_group_permissions.py``.

Every group is a VPC's: the mock models no classic network, so a group needs a ``VpcId``.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

from ...core.errors import ApiError
from ...core.paging import paginate
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_from, tags_match
from ..errors import VPC_ID_REQUIRED
from ..filters import check_new_tags, checked_tags, json_id_list
from ..models import Instance, SecurityGroup
from ..names import check_description, well_formed_name
from ..product import ECS
from ..state import EcsCall, RegionState
from ..views import security_group_view

GROUP_TYPES = ("normal", "enterprise")
MAX_INSTANCES = {"normal": 2000, "enterprise": 65536}  # instances a group can hold
MAX_GROUPS_PER_INSTANCE = 5
MAX_GROUP_IDS = 100
MAX_SECURITY_GROUPS = 100  # an account's groups in a region (the default quota)


def check_group_texts(name: str, description: str) -> None:
    if name and not well_formed_name(name):
        raise ApiError("InvalidSecurityGroupName.Malformed")
    check_description(description, "InvalidSecurityGroupDiscription.Malformed")


@ECS.action(
    "CreateSecurityGroup",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=("ServiceManaged", "ResourceGroupId"),
)
def create_security_group(
    call: EcsCall,
    *,
    RegionId: str,
    VpcId: str = "",
    SecurityGroupName: str = "",
    Description: str = "",
    SecurityGroupType: str = "normal",
    Tag: Sequence[Dict[str, Any]] = (),
) -> Body:
    region = call.state.region(RegionId)
    if SecurityGroupType not in GROUP_TYPES:
        raise ApiError("InvalidParams.GroupType")
    check_group_texts(SecurityGroupName, Description)
    check_new_tags(Tag)
    if not VpcId:
        raise ApiError("InvalidVpcId.NotFound", status=403, message=VPC_ID_REQUIRED)
    vpc = call.state.network.region(RegionId).owned_vpc(VpcId, call.account.account_id)
    if vpc.status != "Available":
        raise ApiError("IncorrectVpcStatus")
    if sum(g.owner_id == call.account.account_id for g in region.security_groups.values()) >= MAX_SECURITY_GROUPS:
        raise ApiError("QuotaExceed.SecurityGroup")
    group = SecurityGroup(
        security_group_id=region.new_id("sg"),
        region_id=RegionId,
        owner_id=call.account.account_id,
        vpc_id=VpcId,
        creation_time=call.state.entropy.now_iso(),
        name=SecurityGroupName,
        description=Description,
        group_type=SecurityGroupType,
        tags=tags_from(Tag),
    )
    region.security_groups[group.security_group_id] = group
    return {"SecurityGroupId": group.security_group_id}


def members(region: RegionState, group_id: str) -> int:
    return sum(group_id in i.security_group_ids for i in region.instances.values())


@ECS.action(
    "DescribeSecurityGroups",
    fields=("Tag.Key", "Tag.Value"),
    without_effect={**RESOURCE_OWNER, "IsQueryEcsCount": "deprecated: EcsCount is always given"},
    not_implemented=("ResourceGroupId",),
)
def describe_security_groups(
    call: EcsCall,
    *,
    RegionId: str,
    SecurityGroupId: str = "",
    SecurityGroupIds: str = "",
    VpcId: str = "",
    SecurityGroupName: str = "",
    FuzzyQuery: bool = False,
    SecurityGroupType: str = "",
    NetworkType: str = "",
    ServiceManaged: Optional[bool] = None,
    Tag: Sequence[Dict[str, Any]] = (),
    DryRun: bool = False,
    NextToken: str = "",
    MaxResults: Optional[int] = None,
    PageNumber: int = 1,
    PageSize: int = 10,
) -> Body:
    region = call.state.region(RegionId)
    if SecurityGroupType and SecurityGroupType not in GROUP_TYPES:
        raise ApiError("InvalidParameter.SecurityGroupType")
    ids = json_id_list(SecurityGroupIds, "SecurityGroupIds") if SecurityGroupIds else set()
    if len(ids) > MAX_GROUP_IDS:
        raise ApiError("InvalidParameter", "SecurityGroupIds")
    wanted_tags = checked_tags(Tag)
    if DryRun:
        raise ApiError("DryRunOperation")

    def named(group: SecurityGroup) -> bool:
        return SecurityGroupName in group.name if FuzzyQuery else group.name == SecurityGroupName

    matches = [
        g
        for g in region.security_groups.values()
        if g.owner_id == call.account.account_id
        and (not SecurityGroupId or g.security_group_id == SecurityGroupId)
        and (not ids or g.security_group_id in ids)
        and (not VpcId or g.vpc_id == VpcId)
        and (not SecurityGroupName or named(g))
        and (not SecurityGroupType or g.group_type == SecurityGroupType)
        and NetworkType in ("", "vpc")  # no classic network in the mock
        and not ServiceManaged  # nor groups managed by a cloud service
        and tags_match(g.tags, wanted_tags)
    ]
    page, fields = paginate(
        matches, page_number=PageNumber, page_size=PageSize, next_token=NextToken, max_results=MaxResults
    )
    views = [security_group_view(g, members(region, g.security_group_id), MAX_INSTANCES[g.group_type]) for g in page]
    return {**fields, "RegionId": RegionId, "SecurityGroups": {"SecurityGroup": views}}


def inner_access_policy(group: SecurityGroup) -> str:
    """Whether the group's instances reach one another: set, or the type's default (an enterprise
    group's instances do not)."""
    return group.inner_access_policy or ("Drop" if group.group_type == "enterprise" else "Accept")


@ECS.action("ModifySecurityGroupPolicy", without_effect=RESOURCE_OWNER)
def modify_security_group_policy(call: EcsCall, *, RegionId: str, SecurityGroupId: str, InnerAccessPolicy: str) -> Body:
    group = call.state.region(RegionId).owned_security_group(SecurityGroupId, call.account.account_id)
    policy = {"accept": "Accept", "drop": "Drop"}.get(InnerAccessPolicy.lower())
    if policy is None:
        raise ApiError("InvalidPolicy.Malformed")
    if group.group_type == "enterprise":
        raise ApiError("InvalidParameter.InnerAccessPolicy")
    group.inner_access_policy = policy
    return {}


@ECS.action("ModifySecurityGroupAttribute", without_effect=RESOURCE_OWNER)
def modify_security_group_attribute(
    call: EcsCall, *, RegionId: str, SecurityGroupId: str, SecurityGroupName: str = "", Description: str = ""
) -> Body:
    group = call.state.region(RegionId).owned_security_group(SecurityGroupId, call.account.account_id)
    check_group_texts(SecurityGroupName, Description)
    group.name = SecurityGroupName or group.name
    group.description = Description or group.description
    return {}


@ECS.action("DeleteSecurityGroup", without_effect=RESOURCE_OWNER)
def delete_security_group(call: EcsCall, *, RegionId: str, SecurityGroupId: str) -> Body:
    region = call.state.region(RegionId)
    group = region.security_groups.get(SecurityGroupId)
    if group is None or group.owner_id != call.account.account_id:
        raise ApiError("InvalidSecurityGroup.NotFound")
    referenced = any(
        r.peer_group_id == SecurityGroupId for g in region.security_groups.values() if g is not group for r in g.rules
    )
    if members(region, SecurityGroupId) or referenced:
        raise ApiError("DependencyViolation")
    del region.security_groups[SecurityGroupId]
    return {}


def _member(call: EcsCall, region_id: str, group_id: str, instance_id: str) -> "tuple[SecurityGroup, Instance]":
    region = call.state.region_holding(region_id, lambda r: instance_id in r.instances)
    if not instance_id:  # the other way of naming the member, NetworkInterfaceId, is not implemented
        raise ApiError("MissingParameter", "InstanceId")
    group = region.owned_security_group(group_id, call.account.account_id)
    instance = region.owned_instance(instance_id, call.account.account_id)
    if instance.status == "Pending":
        raise ApiError("Forbidden.InstanceIsBeingCreated")
    if instance.status not in ("Running", "Stopped"):
        raise ApiError("IncorrectInstanceStatus")
    return group, instance


@ECS.action("JoinSecurityGroup", without_effect=RESOURCE_OWNER, not_implemented=("NetworkInterfaceId",))
def join_security_group(call: EcsCall, *, SecurityGroupId: str, InstanceId: str = "", RegionId: str = "") -> Body:
    group, instance = _member(call, RegionId or call.region_id, SecurityGroupId, InstanceId)
    if group.vpc_id != instance.vpc_id:
        raise ApiError("InvalidInstanceId.Mismatch")
    if SecurityGroupId in instance.security_group_ids:
        raise ApiError("InvalidInstanceId.AlreadyExists")
    if len(instance.security_group_ids) >= MAX_GROUPS_PER_INSTANCE:
        raise ApiError("InstanceSecurityGroupLimitExceeded")
    region = call.state.region(instance.region_id)
    if members(region, SecurityGroupId) >= MAX_INSTANCES[group.group_type]:
        raise ApiError("SecurityGroupInstanceLimitExceeded")
    instance.security_group_ids.append(SecurityGroupId)
    return {}


@ECS.action("LeaveSecurityGroup", without_effect=RESOURCE_OWNER, not_implemented=("NetworkInterfaceId",))
def leave_security_group(call: EcsCall, *, SecurityGroupId: str, InstanceId: str = "", RegionId: str = "") -> Body:
    group, instance = _member(call, RegionId or call.region_id, SecurityGroupId, InstanceId)
    if group.security_group_id not in instance.security_group_ids:
        raise ApiError("InstanceNotInSecurityGroup")
    if len(instance.security_group_ids) == 1:
        raise ApiError("InstanceLastSecurityGroup")
    instance.security_group_ids.remove(SecurityGroupId)
    return {}
