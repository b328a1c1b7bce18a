"""DescribeInstanceAttribute, ModifyInstanceAttribute, DescribeUserData, AllocatePublicIpAddress and
ModifyInstanceChargeType: one instance's attributes, read and changed."""

from __future__ import annotations

from typing import List, Optional, Sequence

from ...core.errors import ApiError
from ...core.product import RESOURCE_OWNER, Body
from ..filters import json_id_list
from ..models import Instance
from ..names import check_description, check_instance_names
from ..placement import MAX_GROUPS
from ..product import ECS
from ..state import EcsCall, RegionState, callers_instance
from ..views import instance_attribute_view
from .launch import check_user_data, public_address
from .system_disks import check_password


@ECS.action("DescribeInstanceAttribute", without_effect=RESOURCE_OWNER)
def describe_instance_attribute(call: EcsCall, *, InstanceId: str) -> Body:
    region, instance = callers_instance(call, InstanceId)
    call.state.transitions.observe()
    eip = call.state.network.region(region.region_id).eip_of(instance.instance_id)
    return instance_attribute_view(instance, eip)


@ECS.action(
    "ModifyInstanceAttribute",
    without_effect=RESOURCE_OWNER,
    not_implemented=(
        "Recyclable",
        "CreditSpecification",
        "NetworkInterfaceQueueNumber",
        "RemoteConnectionOptions.Password",
        "RemoteConnectionOptions.Type",
        "EnableJumboFrame",
        "CpuOptions.TopologyType",
        "EnableNetworkEncryption",
        "PrivateDnsNameOptions.EnableInstanceIdDnsAAAARecord",
        "PrivateDnsNameOptions.EnableInstanceIdDnsARecord",
        "PrivateDnsNameOptions.EnableIpDnsARecord",
        "PrivateDnsNameOptions.EnableIpDnsPtrRecord",
        "PrivateDnsNameOptions.HostnameType",
        "CpuOptions.Core",
        "CpuOptions.ThreadsPerCore",
        "CpuOptions.NestedVirtualization",
    ),  # fmt: skip
)
def modify_instance_attribute(
    call: EcsCall,
    *,
    InstanceId: str,
    InstanceName: str = "",
    HostName: str = "",
    Description: str = "",
    Password: str = "",
    UserData: str = "",
    DeletionProtection: Optional[bool] = None,
    SecurityGroupIds: Sequence[str] = (),
) -> Body:
    region, instance = callers_instance(call, InstanceId)
    check_instance_names(InstanceName, HostName, instance.os_type)
    check_description(Description)
    check_password(Password)
    check_user_data(UserData)  # in any status: the instance reads it at its next start
    groups = _checked_groups(region, instance, SecurityGroupIds)
    instance.name = InstanceName or instance.name
    instance.host_name = HostName or instance.host_name
    instance.description = Description or instance.description
    instance.user_data = UserData or instance.user_data
    if DeletionProtection is not None:
        instance.deletion_protection = DeletionProtection
    if groups:
        instance.security_group_ids = groups
    return {}


def _checked_groups(region: RegionState, instance: Instance, group_ids: Sequence[str]) -> List[str]:
    """The instance's new set of security groups, all of its VPC (empty: unchanged)."""
    if len(set(group_ids)) != len(group_ids):
        raise ApiError("InvalidParameter.SecurityGroupIdRepeated")
    groups = [region.owned_security_group(g, instance.owner_id) for g in group_ids]
    if any(g.vpc_id != instance.vpc_id for g in groups):
        raise ApiError("InvalidSecurityGroupVpc.NotBelongToOneVpc")
    if len(groups) > MAX_GROUPS:
        raise ApiError("JoinedGroupLimitExceed")
    return list(group_ids)


@ECS.action("DescribeUserData", without_effect=RESOURCE_OWNER)
def describe_user_data(call: EcsCall, *, RegionId: str, InstanceId: str) -> Body:
    instance = call.state.region(RegionId).owned_instance(InstanceId, call.account.account_id)
    return {"InstanceId": instance.instance_id, "UserData": instance.user_data, "RegionId": RegionId}


@ECS.action("AllocatePublicIpAddress", without_effect=RESOURCE_OWNER, not_implemented=("IpAddress", "VlanId"))
def allocate_public_ip_address(call: EcsCall, *, InstanceId: str) -> Body:
    """A fixed public address for an instance launched with public bandwidth but none (CreateInstance)."""
    region, instance = callers_instance(call, InstanceId)
    if instance.status not in ("Running", "Stopped"):
        raise ApiError("IncorrectInstanceStatus")
    if instance.public_ip:
        raise ApiError("AllocatedAlready")
    if not instance.internet_max_bandwidth_out:
        raise ApiError("AllocateIpInvalidInstanceBandwidth")
    instance.public_ip = public_address(call.state.entropy)
    return {"IpAddress": instance.public_ip}


@ECS.action(
    "ModifyInstanceChargeType",
    without_effect={
        **RESOURCE_OWNER,
        "IsDetailFee": "no prices in the mock: the fees are zero either way",
        "AutoPay": "no orders to pay in the mock",
    },
    not_implemented=("Period", "PeriodUnit", "IncludeDataDisks"),
)
def modify_instance_charge_type(
    call: EcsCall, *, RegionId: str, InstanceIds: str, InstanceChargeType: str = "PrePaid", DryRun: bool = False
) -> Body:
    region = call.state.region(RegionId)
    ids = json_id_list(InstanceIds, "InstanceIds", "InvalidParameter.InstanceIds")
    for instance_id in ids:
        region.owned_instance(instance_id, call.account.account_id)
    if InstanceChargeType == "PrePaid":  # subscriptions are not modelled
        raise ECS.not_implemented("ModifyInstanceChargeType", "InstanceChargeType=PrePaid")
    # every instance of the mock is pay-as-you-go already
    raise ApiError("InvalidInstanceChargeType.ValueNotSupported")
