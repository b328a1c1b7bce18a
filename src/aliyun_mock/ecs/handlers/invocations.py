"""DescribeInvocations, DescribeInvocationResults, StopInvocation and DescribeCloudAssistantStatus:
how Cloud Assistant's runs went (``cloud_assistant.py``)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from ...core.errors import ApiError
from ...core.paging import paginate
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_match
from ..cloud_assistant import (
    FINISHED,
    Invocation,
    InvocationTarget,
    content_text,
    invoke_status,
    overall_status,
    record_status,
    shown,
)
from ..filters import checked_tags
from ..product import ECS
from ..state import EcsCall, RegionState
from ..views import tags_view

AGENT_VERSION = "2.2.3.857"  # what the public images' Cloud Assistant agent reports


def _owned(region: RegionState, invoke_id: str, account_id: str) -> Invocation:
    invocation = region.invocations.get(invoke_id)
    if invocation is None or invocation.owner_id != account_id:
        raise ApiError("InvalidInvokeId.NotFound")
    return invocation


def _target_view(target: InvocationTarget, encoding: str, include_output: bool) -> Dict[str, Any]:
    return {
        "CreationTime": target.creation_time,
        "UpdateTime": target.finish_time or target.creation_time,
        "FinishTime": target.finish_time if target.status in FINISHED else "",
        "InvocationStatus": target.status,
        "Repeats": 1,
        "InstanceId": target.instance_id,
        "Output": shown(target.output, encoding) if include_output and target.status in FINISHED else "",
        "Dropped": 0,
        "StopTime": target.stop_time,
        "ExitCode": target.exit_code if target.status in ("Success", "Failed") else 0,
        "StartTime": target.creation_time if target.status != "Aborted" else "",
        "ErrorInfo": target.error_info if target.status in FINISHED else "",
        "ErrorCode": target.error_code if target.status in FINISHED else "",
        "InstanceInvokeStatus": record_status(target.status),
    }


def _matches(invocation: Invocation, wanted: Dict[str, Any]) -> bool:
    return all(not value or getattr(invocation, field) == value for field, value in wanted.items())


@ECS.action(
    "DescribeInvocations",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=("ResourceGroupId", "Timed", "RepeatMode"),
)
def describe_invocations(
    call: EcsCall,
    *,
    RegionId: str,
    InvokeId: str = "",
    CommandId: str = "",
    CommandName: str = "",
    CommandType: str = "",
    InvokeStatus: str = "",
    InstanceId: str = "",
    ContentEncoding: str = "Base64",
    IncludeOutput: bool = False,
    Tag: Sequence[Dict[str, Any]] = (),
    PageNumber: int = 1,
    PageSize: int = 10,
    NextToken: str = "",
    MaxResults: Optional[int] = None,
) -> Body:
    region = call.state.region(RegionId)
    wanted_tags = checked_tags(Tag)
    call.state.transitions.observe()
    wanted = {"invoke_id": InvokeId, "command_id": CommandId, "command_name": CommandName, "command_type": CommandType}
    matches = [
        i
        for i in region.invocations.values()
        if i.owner_id == call.account.account_id
        and _matches(i, wanted)
        and (not InvokeStatus or invoke_status(i.targets) == InvokeStatus)
        and (not InstanceId or any(t.instance_id == InstanceId for t in i.targets))
        and tags_match(i.tags, wanted_tags)
    ]
    page, fields = paginate(
        matches, page_number=PageNumber, page_size=PageSize, next_token=NextToken, max_results=MaxResults
    )
    views = [
        {
            "CreationTime": i.creation_time,
            "InvocationStatus": overall_status(i.targets),
            "RepeatMode": "Once",
            "CommandId": i.command_id,
            "CommandType": i.command_type,
            "InvokeStatus": invoke_status(i.targets),
            "Parameters": i.parameters,
            "Timed": False,
            "CommandContent": shown(content_text(i.content), ContentEncoding),
            "CommandName": i.command_name,
            "CommandDescription": i.description,
            "InvokeId": i.invoke_id,
            "Username": i.username,
            "WorkingDir": i.working_dir,
            "Timeout": i.timeout,
            "InvokeInstances": {"InvokeInstance": [_target_view(t, ContentEncoding, IncludeOutput) for t in i.targets]},
            "Tags": tags_view(i.tags),
        }
        for i in page
    ]
    return {**fields, "Invocations": {"Invocation": views}}


@ECS.action(
    "DescribeInvocationResults",
    fields=("Tag.Key", "Tag.Value"),
    without_effect={**RESOURCE_OWNER, "IncludeHistory": "every run of the mock happens once: there is no history"},
    not_implemented=("ResourceGroupId",),
)
def describe_invocation_results(
    call: EcsCall,
    *,
    RegionId: str,
    InvokeId: str = "",
    InstanceId: str = "",
    CommandId: str = "",
    InvokeRecordStatus: str = "",
    ContentEncoding: str = "Base64",
    Tag: Sequence[Dict[str, Any]] = (),
    PageNumber: int = 1,
    PageSize: int = 10,
    NextToken: str = "",
    MaxResults: Optional[int] = None,
) -> Body:
    region = call.state.region(RegionId)
    wanted_tags = checked_tags(Tag)
    call.state.transitions.observe()
    results: List[Dict[str, Any]] = []
    for invocation in region.invocations.values():
        if invocation.owner_id != call.account.account_id or not _matches(
            invocation, {"invoke_id": InvokeId, "command_id": CommandId}
        ):
            continue
        if not tags_match(invocation.tags, wanted_tags):
            continue
        for target in invocation.targets:
            if InstanceId and target.instance_id != InstanceId:
                continue
            if InvokeRecordStatus and record_status(target.status) != InvokeRecordStatus:
                continue
            view = _target_view(target, ContentEncoding, include_output=True)
            results.append({
                "InvocationStatus": view["InvocationStatus"],
                "Repeats": 1,
                "CommandId": invocation.command_id,
                "InstanceId": target.instance_id,
                "Output": view["Output"],
                "Dropped": 0,
                "StopTime": target.stop_time,
                "ExitCode": view["ExitCode"],
                "StartTime": view["StartTime"],
                "ErrorInfo": view["ErrorInfo"],
                "ErrorCode": view["ErrorCode"],
                "FinishedTime": view["FinishTime"],
                "InvokeId": invocation.invoke_id,
                "InvokeRecordStatus": record_status(target.status),
                "Username": invocation.username,
                "Tags": tags_view(invocation.tags),
            })  # fmt: skip
    page, fields = paginate(
        results, page_number=PageNumber, page_size=PageSize, next_token=NextToken, max_results=MaxResults
    )
    return {"Invocation": {**fields, "InvocationResults": {"InvocationResult": page}}}


@ECS.action("StopInvocation", without_effect=RESOURCE_OWNER)
def stop_invocation(call: EcsCall, *, RegionId: str, InvokeId: str, InstanceId: Sequence[str] = ()) -> Body:
    region = call.state.region(RegionId)
    invocation = _owned(region, InvokeId, call.account.account_id)
    now = call.state.entropy.now_iso()
    for target in invocation.targets:
        if (not InstanceId or target.instance_id in InstanceId) and target.status not in FINISHED:
            target.stop_time = target.finish_time = now
            target.output, target.exit_code, target.error_code, target.error_info = "", 0, "", ""
            call.state.transitions.begin(target, "Stopping", "Terminated")
    return {}


@ECS.action("DescribeCloudAssistantStatus", without_effect=RESOURCE_OWNER)
def describe_cloud_assistant_status(
    call: EcsCall,
    *,
    RegionId: str,
    InstanceId: Sequence[str] = (),
    OSType: str = "",
    PageNumber: int = 1,
    PageSize: int = 10,
    NextToken: str = "",
    MaxResults: Optional[int] = None,
) -> Body:
    """Every instance of the mock runs an agent (Alibaba Cloud's public images come with it); it
    answers while the instance runs."""
    region = call.state.region(RegionId)
    owner = call.account.account_id
    for instance_id in InstanceId:
        instance = region.instances.get(instance_id)
        if instance is None or instance.owner_id != owner:
            raise ApiError("InvalidInstance.NotFound")
    instances = [
        i
        for i in region.instances.values()
        if i.owner_id == owner
        and (not InstanceId or i.instance_id in InstanceId)
        and (not OSType or i.os_type.lower() == OSType.lower())
    ]
    page, fields = paginate(
        instances, page_number=PageNumber, page_size=PageSize, next_token=NextToken, max_results=MaxResults
    )
    views = []
    for instance in page:
        runs = [i for i in region.invocations.values() if any(t.instance_id == instance.instance_id for t in i.targets)]
        active = sum(
            1 for i in runs for t in i.targets if t.instance_id == instance.instance_id and t.status not in FINISHED
        )
        views.append({
            "CloudAssistantStatus": "true" if instance.status == "Running" else "false",
            "LastInvokedTime": max((i.creation_time for i in runs), default=""),
            "CloudAssistantVersion": AGENT_VERSION,
            "ActiveTaskCount": active,
            "InvocationCount": len(runs),
            "InstanceId": instance.instance_id,
            "LastHeartbeatTime": call.state.entropy.now_iso() if instance.status == "Running" else "",
            "OSType": instance.os_type.capitalize() if instance.os_type != "linux" else "Linux",
            "SupportSessionManager": True,
        })  # fmt: skip
    return {**fields, "InstanceCloudAssistantStatusSet": {"InstanceCloudAssistantStatus": views}}
