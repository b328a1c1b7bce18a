"""DescribeAccountAttributes: an account's quotas and usage in a region, as far as the mock keeps
them. A quota the mock does not enforce is not made up: asking for it gets the 501 naming it."""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Sequence

from ...core.product import RESOURCE_OWNER, Body
from .. import catalog
from ..product import ECS
from ..state import EcsCall, RegionState
from .commands import MAX_COMMANDS
from .security_groups import MAX_SECURITY_GROUPS

Values = List[Dict[str, Any]]


def _values(call: EcsCall, region: RegionState, zone_id: str) -> Dict[str, Callable[[], Values]]:
    owner = call.account.account_id
    instances = [i for i in region.instances.values() if i.owner_id == owner]
    zones = [zone_id] if zone_id else region.zones
    return {
        "instance-network-type": lambda: [{"Value": "vpc"}],
        "max-security-groups": lambda: [{"Value": str(MAX_SECURITY_GROUPS)}],
        "used-postpaid-instance-vcpu-count": lambda: [{"Value": str(sum(i.cpu for i in instances))}],
        "used-spot-instance-vcpu-count": lambda: [{"Value": "0"}],  # no spot instances in the mock
        "used-postpaid-yundisk-capacity": lambda: [
            {"Value": str(sum(d.size for d in region.disks.values() if d.owner_id == owner and d.disk_type == "data"))}
        ],
        "supported-postpaid-instance-types": lambda: [
            {"Value": type_id, "ZoneId": zone, "InstanceChargeType": "PostPaid"}
            for zone in zones
            for type_id in sorted(catalog.instance_types())
        ],
        "max-axt-command-count": lambda: [{"Value": str(MAX_COMMANDS)}],
        "real-name-authentication": lambda: [{"Value": "yes"}],
    }


# Documented attributes whose quota the mock does not keep.
NOT_KEPT = (
    "max-elastic-network-interfaces", "max-postpaid-instance-vcpu-count", "max-spot-instance-vcpu-count",
    "max-postpaid-yundisk-capacity", "max-dedicated-hosts", "max-axt-invocation-daily",
    "max-cloud-assistant-activation-count",
)  # fmt: skip


@ECS.action("DescribeAccountAttributes", without_effect=RESOURCE_OWNER)
def describe_account_attributes(
    call: EcsCall, *, RegionId: str, ZoneId: str = "", AttributeName: Sequence[str] = ()
) -> Body:
    region = call.state.region(RegionId)
    known = _values(call, region, ZoneId)
    if not AttributeName:  # every attribute: the mock cannot give the quotas it does not keep
        raise ECS.not_implemented("DescribeAccountAttributes", "Every attribute (AttributeName not given)")
    items = []
    for name in dict.fromkeys(AttributeName):
        if name in NOT_KEPT:
            raise ECS.not_implemented("DescribeAccountAttributes", f"AttributeName={name}")
        if name in known:
            items.append({"AttributeName": name, "AttributeValues": {"ValueItem": known[name]()}})
    return {"AccountAttributeItems": {"AccountAttributeItem": items}}
