"""StartInstance, StopInstance, RebootInstance, DeleteInstance, DeleteInstances: the status model.

Stopped ─Start→ Starting → Running ─Stop→ Stopping → Stopped; Running ─Reboot→ Starting → Running.
An action in any other status is 403 ``IncorrectInstanceStatus`` (api-facts §12).
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

from ...core.errors import ApiError
from ...core.product import RESOURCE_OWNER, Body
from ..cloud_assistant import FINISHED
from ..models import Instance
from ..product import ECS
from ..state import EcsCall, RegionState, callers_instance
from .data_disks import detach_or_delete
from .instances import MAX_INSTANCES_PER_CALL

NO_GUEST_OS = {"ForceStop": "no guest OS: a forced and a graceful stop end the same"}


def _require(instance: Instance, *statuses: str) -> None:
    if instance.status not in statuses:
        raise ApiError("IncorrectInstanceStatus")


class PowerChange(NamedTuple):
    """A change of an instance's power: from which status, through which, to which."""

    needs: str
    passing: str
    final: str


START = PowerChange("Stopped", "Starting", "Running")
STOP = PowerChange("Running", "Stopping", "Stopped")
REBOOT = PowerChange("Running", "Stopping", "Running")  # as RebootInstances reports it


def change_power(call: EcsCall, instance: Instance, change: PowerChange) -> None:
    """Begin the change (checked already); a start or reboot is when the instance last started."""
    if change.final == "Running":
        instance.ever_started = True
        instance.start_time = call.state.entropy.now_iso()
    call.state.transitions.begin(instance, change.passing, change.final)


def _single(call: EcsCall, instance_id: str, change: PowerChange, dry_run: bool) -> Body:
    _, instance = callers_instance(call, instance_id)
    _require(instance, change.needs)
    if dry_run:
        raise ApiError("DryRunOperation")
    change_power(call, instance, change)
    return {}


@ECS.action("StartInstance", without_effect=RESOURCE_OWNER, not_implemented=("InitLocalDisk",))
def start_instance(call: EcsCall, *, InstanceId: str, DryRun: bool = False) -> Body:
    return _single(call, InstanceId, START, DryRun)


@ECS.action(
    "StopInstance",
    without_effect={**RESOURCE_OWNER, **NO_GUEST_OS},
    not_implemented=("ConfirmStop", "StoppedMode", "Hibernate"),
)
def stop_instance(call: EcsCall, *, InstanceId: str, DryRun: bool = False) -> Body:
    return _single(call, InstanceId, STOP, DryRun)


@ECS.action("RebootInstance", without_effect={**RESOURCE_OWNER, **NO_GUEST_OS})
def reboot_instance(call: EcsCall, *, InstanceId: str, DryRun: bool = False) -> Body:
    return _single(call, InstanceId, REBOOT, DryRun)


def _check_deletable(instance: Instance, force: bool) -> None:
    if instance.deletion_protection:
        raise ApiError("InvalidOperation.DeletionProtection")
    if instance.status == "Pending":
        raise ApiError("IncorrectInstanceStatus.Initializing")
    allowed = ("Stopped", "Running") if force else ("Stopped",)
    _require(instance, *allowed)


def _release(call: EcsCall, region: RegionState, instance: Instance) -> None:
    """The instance goes, and its disks but those asked to stay; an EIP associated with it stays, unassociated."""
    call.state.network.release_host(region.region_id, instance.instance_id)
    for invocation in region.invocations.values():  # a command still running there fails
        for target in invocation.targets:
            if target.instance_id == instance.instance_id and target.status not in FINISHED:
                target.output, target.exit_code = "", 0
                target.error_code, target.error_info = "InstanceReleased", "the instance has released when create task"
                call.state.transitions.cancel(target, "Failed")
    region.remove_instance(instance.instance_id)
    detach_or_delete(region, instance.instance_id, call.state.entropy.now_iso())


DELETE_NOT_IMPLEMENTED = ("TerminateSubscription",)  # subscriptions are not modelled


@ECS.action("DeleteInstance", without_effect={**RESOURCE_OWNER, **NO_GUEST_OS}, not_implemented=DELETE_NOT_IMPLEMENTED)
def delete_instance(call: EcsCall, *, InstanceId: str, Force: bool = False, DryRun: bool = False) -> Body:
    _, instance = callers_instance(call, InstanceId)
    _check_deletable(instance, Force)
    if DryRun:
        raise ApiError("DryRunOperation")
    _release(call, call.state.region(instance.region_id), instance)
    return {}


@ECS.action(
    "DeleteInstances",
    without_effect={**RESOURCE_OWNER, **NO_GUEST_OS},
    not_implemented=DELETE_NOT_IMPLEMENTED,
    own_checks=("InstanceId",),  # more than 100 ids: a code of its own
)
def delete_instances(
    call: EcsCall, *, RegionId: str, InstanceId: Sequence[str], Force: bool = False, DryRun: bool = False
) -> Body:
    region = call.state.region(RegionId)
    if len(InstanceId) > MAX_INSTANCES_PER_CALL:
        raise ApiError("InvalidParameter.TooManyInstanceIds")
    instances = [region.owned_instance(i, call.account.account_id) for i in dict.fromkeys(InstanceId)]
    for instance in instances:  # all or nothing
        _check_deletable(instance, Force)
    if DryRun:  # this action's own dry-run answer (its documentation and the SDK's)
        raise ApiError("DRYRUN.SUCCESS")
    for instance in instances:
        _release(call, region, instance)
    return {}
