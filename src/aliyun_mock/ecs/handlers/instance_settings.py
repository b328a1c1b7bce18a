"""DescribeInstanceMaintenanceAttributes, DescribeInstanceAttachmentAttributes and
DescribeInstanceRamRole: settings every instance has and that the mock keeps at the values a new
instance gets — what Terraform's ``alicloud_instance`` reads on every refresh.

- Maintenance: the cloud recovers the instance itself (``AutoRecover``, also the default), sends
  no notice and has no maintenance window, as real bodies show for instances nobody configured
  (https://github.com/aliyun/alibabacloud-ecs-tool-troubleshooter,
  ``ecs-devops-dashboard/src/app/static/data/DescribeInstanceMaintenanceAttributes.ts``). Those
  bodies leave ``SupportedValues`` out, and ``MaintenanceWindows`` where there is none; the mock
  gives both as empty lists, as it gives every documented field.
- RAM role: none (``RamRoleName`` on a launch gets the 501), so no role is listed: the answer counts
  roles (``TotalCount``: "the number of RAM roles returned").
- Attachment: no private pool (``MatchCriteria`` ``None``, RunInstances' default for
  ``PrivatePoolOptions.MatchCriteria``, which the mock does not implement).
"""

from __future__ import annotations

from typing import Any, Dict, List, Sequence

from ...core.errors import ApiError
from ...core.paging import page_of
from ...core.product import RESOURCE_OWNER, Body
from ..filters import json_id_list
from ..models import Instance
from ..product import ECS
from ..state import EcsCall, RegionState

MAX_INSTANCE_IDS = 100


def _named(call: EcsCall, region: RegionState, ids: Sequence[str], missing: str) -> List[Instance]:
    """The caller's instances of the region with these ids (all of them when none is named)."""
    own = [i for i in region.instances.values() if i.owner_id == call.account.account_id]
    if not ids:
        return own
    by_id = {i.instance_id: i for i in own}
    if any(instance_id not in by_id for instance_id in ids):
        raise ApiError(missing)
    return [by_id[instance_id] for instance_id in dict.fromkeys(ids)]


@ECS.action("DescribeInstanceMaintenanceAttributes", without_effect=RESOURCE_OWNER)
def describe_instance_maintenance_attributes(
    call: EcsCall, *, RegionId: str, InstanceId: Sequence[str] = (), PageNumber: int = 1, PageSize: int = 10
) -> Body:
    instances = _named(call, call.state.region(RegionId), InstanceId, "InvalidInstanceId.NotFound")
    page, fields = page_of(instances, PageNumber, PageSize)
    attributes: List[Dict[str, Any]] = [
        {
            "ActionOnMaintenance": {"DefaultValue": "AutoRecover", "Value": "AutoRecover"},
            "InstanceId": instance.instance_id,
            "NotifyOnMaintenance": False,
        }
        for instance in page
    ]
    return {**fields, "MaintenanceAttributes": {"MaintenanceAttribute": attributes}}


@ECS.action("DescribeInstanceAttachmentAttributes", without_effect=RESOURCE_OWNER)
def describe_instance_attachment_attributes(
    call: EcsCall, *, RegionId: str, InstanceIds: str, PageNumber: int = 1, PageSize: int = 10
) -> Body:
    ids = sorted(json_id_list(InstanceIds, "InstanceIds", code="Abs.InvalidInstanceIds.MalFormed"))
    if len(ids) > MAX_INSTANCE_IDS:
        raise ApiError("InvalidParameter.TooManyInstanceIds")
    instances = _named(call, call.state.region(RegionId), ids, "InvalidInstanceIds.NotFound")
    page, fields = page_of(instances, PageNumber, PageSize)
    described = [
        {"InstanceId": i.instance_id, "PrivatePoolOptionsMatchCriteria": "None", "PrivatePoolOptionsId": ""}
        for i in page
    ]
    return {**fields, "Instances": {"Instance": described}}


@ECS.action("DescribeInstanceRamRole", without_effect=RESOURCE_OWNER)
def describe_instance_ram_role(
    call: EcsCall,
    *,
    RegionId: str,
    InstanceIds: str = "",
    RamRoleName: str = "",
    PageNumber: int = 1,
    PageSize: int = 10,
) -> Body:
    if not InstanceIds and not RamRoleName:
        raise ApiError("InvalidParameter.AllEmpty")
    ids = sorted(json_id_list(InstanceIds, "InstanceIds", code="InvalidInstanceIds.Malformed")) if InstanceIds else []
    if len(ids) > MAX_INSTANCE_IDS:
        raise ApiError("InvalidInstanceIds.Malformed")
    if ids:
        _named(call, call.state.region(RegionId), ids, "InvalidInstanceId.NotFound")
    else:
        call.state.region(RegionId)
    page_of([], PageNumber, PageSize, max_size=50)  # the paging is checked; the body has no page fields
    return {"TotalCount": 0, "RegionId": RegionId, "InstanceRamRoleSets": {"InstanceRamRoleSet": []}}
