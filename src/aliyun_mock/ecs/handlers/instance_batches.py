"""StartInstances, StopInstances and RebootInstances: the power changes of ``instance_power.py`` for
up to 100 instances at once, all or nothing (``BatchOptimization=AllTogether``, the default) or each
on its own (``SuccessFirst``), with one ``InstanceResponse`` per instance."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from ...core.errors import ApiError
from ...core.product import RESOURCE_OWNER, Body, parameters_like
from ..models import Instance
from ..product import ECS
from ..state import EcsCall
from .instance_power import NO_GUEST_OS, REBOOT, START, STOP, PowerChange, change_power
from .instances import MAX_INSTANCES_PER_CALL

OPTIMIZATIONS = ("AllTogether", "SuccessFirst")


def _batch(
    call: EcsCall, region_id: str, ids: Sequence[str], change: PowerChange, optimization: str, dry_run: bool
) -> Body:
    region = call.state.region(region_id)
    if len(ids) > MAX_INSTANCES_PER_CALL:
        raise ApiError("InvalidParameter.TooManyInstanceIds")
    if optimization not in OPTIMIZATIONS:
        raise ApiError("InvalidParameter", "BatchOptimization")
    owner = call.account.account_id
    found: Dict[str, Optional[Instance]] = {}
    for instance_id in dict.fromkeys(ids):
        instance = region.instances.get(instance_id)
        found[instance_id] = instance if instance is not None and instance.owner_id == owner else None
    problems = {i: _problem(instance, change) for i, instance in found.items()}
    if optimization == "AllTogether":
        if any(instance is None for instance in found.values()):
            raise ApiError("InvalidInstanceIds.NotFound")
        first = next((problem for problem in problems.values() if problem), None)
        if first is not None:
            raise ApiError(first)
    if dry_run:  # these actions' own dry-run answer
        raise ApiError("DRYRUN.SUCCESS")
    responses: List[Dict[str, Any]] = []
    for instance_id, instance in found.items():
        problem = problems[instance_id]
        if problem is not None or instance is None:
            code = problem or "InvalidInstanceId.NotFound"
            _, message = ECS.catalogue.resolve(ApiError(code), call.request.action)
            status = instance.status if instance is not None else ""
            responses.append(_response(code, message, instance_id, status, status))
            continue
        previous = instance.status
        change_power(call, instance, change)
        responses.append(_response("200", "success", instance_id, change.passing, previous))
    return {"InstanceResponses": {"InstanceResponse": responses}}


def _problem(instance: Optional[Instance], change: PowerChange) -> Optional[str]:
    if instance is None:
        return "InvalidInstanceId.NotFound"
    return None if instance.status == change.needs else "IncorrectInstanceStatus"


def _response(code: str, message: str, instance_id: str, current: str, previous: str) -> Dict[str, Any]:
    return {
        "Code": code,
        "Message": message,
        "InstanceId": instance_id,
        "CurrentStatus": current,
        "PreviousStatus": previous,
    }


@ECS.action("StartInstances", without_effect=RESOURCE_OWNER, own_checks=("InstanceId",))
def start_instances(
    call: EcsCall,
    *,
    RegionId: str,
    InstanceId: Sequence[str],
    BatchOptimization: str = "AllTogether",
    DryRun: bool = False,
) -> Body:
    return _batch(call, RegionId, InstanceId, START, BatchOptimization, DryRun)


@ECS.action(
    "StopInstances",
    without_effect={**RESOURCE_OWNER, **NO_GUEST_OS},
    not_implemented=("StoppedMode",),
    own_checks=("InstanceId",),
)
@parameters_like(start_instances)
def stop_instances(call: EcsCall, **given: Any) -> Body:
    return _batch(call, given["RegionId"], given["InstanceId"], STOP, given["BatchOptimization"], given["DryRun"])


@ECS.action(
    "RebootInstances",
    without_effect={**RESOURCE_OWNER, "ForceReboot": "no guest OS: a forced and a graceful reboot end the same"},
    own_checks=("InstanceId",),
)
@parameters_like(start_instances)
def reboot_instances(call: EcsCall, **given: Any) -> Body:
    return _batch(call, given["RegionId"], given["InstanceId"], REBOOT, given["BatchOptimization"], given["DryRun"])
