"""DescribeTasks, DescribeTaskAttribute and CancelTask: the import and export tasks of images."""

from __future__ import annotations

from typing import Any, Dict

from ...core.errors import ApiError
from ...core.paging import page_of
from ...core.product import RESOURCE_OWNER, Body
from ..filters import json_id_list
from ..product import ECS
from ..state import EcsCall, RegionState
from ..tasks import IMPORT, Task

LISTED_STATUSES = ("Finished", "Processing", "Failed")  # the statuses TaskStatus can filter on


def _owned(region: RegionState, task_id: str, account_id: str) -> Task:
    task = region.tasks.get(task_id)
    if task is None or task.owner_id != account_id:
        raise ApiError("InvalidTaskId.NotFound")
    return task


def _view(task: Task) -> Dict[str, Any]:
    return {
        "CreationTime": task.creation_time,
        "TaskStatus": task.status,
        "FinishedTime": task.finished_time if task.status != "Processing" else "",
        "SupportCancel": "true" if task.status == "Processing" else "false",
        "TaskId": task.task_id,
        "TaskAction": task.action,
        "ResourceId": task.resource_id,
    }


@ECS.action("DescribeTasks", without_effect=RESOURCE_OWNER, not_implemented=("TaskGroupId",))
def describe_tasks(
    call: EcsCall,
    *,
    RegionId: str,
    TaskIds: str = "",
    TaskAction: str = "",
    TaskStatus: str = "",
    ResourceIds: str = "",
    StartTime: str = "",
    EndTime: str = "",
    PageNumber: int = 1,
    PageSize: int = 10,
) -> Body:
    region = call.state.region(RegionId)
    call.state.transitions.observe()
    ids = {i for i in TaskIds.split(",") if i}
    resources = json_id_list(ResourceIds, "ResourceIds") if ResourceIds else set()
    status = TaskStatus if TaskStatus in LISTED_STATUSES else ""  # others "have no effect", as documented
    matches = [
        t
        for t in region.tasks.values()
        if t.owner_id == call.account.account_id
        and (not ids or t.task_id in ids)
        and (not TaskAction or t.action == TaskAction)
        and (not status or t.status == status)
        and (not resources or t.resource_id in resources)
        and (not StartTime or t.creation_time[:16] >= StartTime[:16])
        and (not EndTime or t.creation_time[:16] <= EndTime[:16])
    ]
    page, fields = page_of(matches, PageNumber, PageSize)
    return {**fields, "RegionId": RegionId, "TaskSet": {"Task": [_view(t) for t in page]}}


@ECS.action("DescribeTaskAttribute", without_effect=RESOURCE_OWNER)
def describe_task_attribute(call: EcsCall, *, RegionId: str, TaskId: str) -> Body:
    region = call.state.region(RegionId)
    call.state.transitions.observe()
    task = _owned(region, TaskId, call.account.account_id)
    done = task.status == "Finished"
    view = _view(task)
    del view["ResourceId"]
    progress = f"{task.progress}%" if task.status in ("Finished", "Processing") else ""
    return {
        **view,
        "RegionId": RegionId,
        "TotalCount": 1,
        "SuccessCount": 1 if done else 0,
        "FailedCount": 1 if task.status == "Failed" else 0,
        "TaskProcess": progress,
        "OperationProgressSet": {
            "OperationProgress": [
                {
                    "OperationStatus": {"Finished": "Success", "Processing": "Processing"}.get(task.status, "Failed"),
                    "RelatedItemSet": {"RelatedItem": [{"Name": "ImageId", "Value": task.resource_id}, *task.related]},
                }
            ]
        },
    }


@ECS.action("CancelTask", without_effect=RESOURCE_OWNER)
def cancel_task(call: EcsCall, *, RegionId: str, TaskId: str) -> Body:
    """A task still processing stops; an import leaves no image behind."""
    region = call.state.region(RegionId)
    task = _owned(region, TaskId, call.account.account_id)
    if task.status != "Processing":
        raise ApiError("InvalidTaskId.IncorrectTaskStatus")
    task.finished_time = call.state.entropy.now_iso()
    call.state.transitions.cancel(task, "Cancelled")
    image = region.images.get(task.resource_id)
    if task.action == IMPORT and image is not None:
        call.state.transitions.cancel(image, "UnAvailable")
        region.remove_image(image.image_id)
    return {}
