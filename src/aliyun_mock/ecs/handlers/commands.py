"""CreateCommand, DescribeCommands, DeleteCommand, InvokeCommand and RunCommand (Cloud Assistant;
the model is in ``cloud_assistant.py``)."""

from __future__ import annotations

import base64
import json
from typing import Any, Dict, Optional, Sequence

from ...core.errors import ApiError
from ...core.paging import paginate
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_from, tags_match
from ..cloud_assistant import (
    DEFAULT_TIMEOUT,
    FINISHED,
    Command,
    Invocation,
    InvocationTarget,
    check_texts,
    command_os,
    content_text,
    decoded_content,
    filled,
    parameter_names,
    shown,
)
from ..filters import check_new_tags, checked_tags
from ..product import ECS
from ..state import EcsCall, RegionState
from ..views import tags_view

SHORT_ID = 14  # random characters of a command's, an invocation's or a task's id ("c-hz0jdfwcsr…")
MAX_COMMANDS = 500  # an account's kept commands in a region (the default quota)

# What the mock does not model of an invocation: schedules, containers, resource tags, OSS output.
INVOCATION_NOT_IMPLEMENTED = (
    "ResourceGroupId", "RepeatMode", "Timed", "Frequency", "ContainerId", "ContainerName", "ResourceTag.Key",
    "ResourceTag.Value", "TerminationMode", "Launcher", "OssOutputDelivery", "WindowsPasswordName",
)  # fmt: skip


def _new_command(
    call: EcsCall,
    region: RegionState,
    *,
    name: str,
    command_type: str,
    content: str,
    plain: bool,
    description: str,
    working_dir: str,
    timeout: int,
    enable_parameter: bool,
    tags: Sequence[Dict[str, Any]],
    kept: bool,
) -> Command:
    if command_os(command_type) is None:
        raise ApiError("InvalidCmdType.NotFound")
    owner = call.account.account_id
    if kept and sum(c.owner_id == owner and c.kept for c in region.commands.values()) >= MAX_COMMANDS:
        raise ApiError("CmdCount.ExceedQuota")
    text = decoded_content(content, plain)
    check_texts(name, description, working_dir)
    check_new_tags(tags)
    names = parameter_names(text) if enable_parameter else []
    command = Command(
        command_id=region.new_id("c", SHORT_ID),
        region_id=region.region_id,
        owner_id=call.account.account_id,
        name=name,
        command_type=command_type,
        content=base64.b64encode(text.encode("utf-8")).decode("ascii"),
        creation_time=call.state.entropy.now_iso(),
        description=description,
        working_dir=working_dir,
        timeout=timeout,
        enable_parameter=enable_parameter,
        parameter_names=names,
        kept=kept,
        tags=tags_from(tags),
    )
    region.commands[command.command_id] = command
    return command


@ECS.action(
    "CreateCommand",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=("ResourceGroupId", "Launcher"),
)
def create_command(
    call: EcsCall,
    *,
    RegionId: str,
    Name: str,
    Type: str,
    CommandContent: str,
    Description: str = "",
    WorkingDir: str = "",
    Timeout: int = DEFAULT_TIMEOUT,
    EnableParameter: bool = False,
    ContentEncoding: str = "Base64",
    Tag: Sequence[Dict[str, Any]] = (),
) -> Body:
    region = call.state.region(RegionId)
    command = _new_command(
        call, region, name=Name, command_type=Type, content=CommandContent,
        # Base64 unless PlainText is named (case aside): CreateCommand reads any other value as Base64
        plain=ContentEncoding.lower() == "plaintext", description=Description, working_dir=WorkingDir,
        timeout=Timeout, enable_parameter=EnableParameter, tags=Tag, kept=True,
    )  # fmt: skip
    return {"CommandId": command.command_id}


def command_view(command: Command, encoding: str) -> Dict[str, Any]:
    return {
        "CreationTime": command.creation_time,
        "Type": command.command_type,
        "Timeout": command.timeout,
        "InvokeTimes": command.invoke_times,
        "CommandId": command.command_id,
        "WorkingDir": command.working_dir,
        "Description": command.description,
        "Version": 1,
        "CommandContent": shown(content_text(command.content), encoding),
        "Latest": True,
        "Name": command.name,
        "EnableParameter": command.enable_parameter,
        "ParameterNames": {"ParameterName": list(command.parameter_names)},
        "Tags": tags_view(command.tags),
    }


@ECS.action(
    "DescribeCommands",
    fields=("Tag.Key", "Tag.Value"),
    without_effect={**RESOURCE_OWNER, "Latest": "every command of the mock is its own only, so latest, version"},
    not_implemented=("Provider", "ResourceGroupId"),  # Alibaba Cloud's public commands are not in the mock
)
def describe_commands(
    call: EcsCall,
    *,
    RegionId: str,
    CommandId: str = "",
    Name: str = "",
    Description: str = "",
    Type: str = "",
    ContentEncoding: str = "Base64",
    Tag: Sequence[Dict[str, Any]] = (),
    PageNumber: int = 1,
    PageSize: int = 10,
    NextToken: str = "",
    MaxResults: Optional[int] = None,
) -> Body:
    region = call.state.region(RegionId)
    wanted_tags = checked_tags(Tag)
    matches = [
        c
        for c in region.commands.values()
        if c.owner_id == call.account.account_id
        and c.kept
        and (not CommandId or c.command_id == CommandId)
        and (not Name or c.name == Name)
        and (not Description or c.description == Description)
        and (not Type or c.command_type == Type)
        and tags_match(c.tags, wanted_tags)
    ]
    page, fields = paginate(
        matches, page_number=PageNumber, page_size=PageSize, next_token=NextToken, max_results=MaxResults
    )
    return {**fields, "Commands": {"Command": [command_view(c, ContentEncoding) for c in page]}}


def _owned_command(region: RegionState, command_id: str, account_id: str) -> Command:
    """One of the caller's kept commands (RunCommand's others belong to their invocation only)."""
    command = region.commands.get(command_id)
    if command is None or command.owner_id != account_id or not command.kept:
        raise ApiError("InvalidCmdId.NotFound")
    return command


@ECS.action("DeleteCommand", without_effect=RESOURCE_OWNER)
def delete_command(call: EcsCall, *, RegionId: str, CommandId: str) -> Body:
    region = call.state.region(RegionId)
    _owned_command(region, CommandId, call.account.account_id)
    running = any(
        i.command_id == CommandId and any(t.status not in FINISHED for t in i.targets)
        for i in region.invocations.values()
    )
    if running:
        raise ApiError("InvalidStatus.CmdIdInUse")
    del region.commands[CommandId]
    return {}


def _parameters(command: Command, raw: str) -> Dict[str, str]:
    """The invocation's values of the command's custom parameters (a JSON object)."""
    try:
        decoded = json.loads(raw) if raw else {}
    except ValueError:
        decoded = None
    if not isinstance(decoded, dict):
        raise ApiError("InvalidParameter.Parameters")
    given = {str(k): str(v) for k, v in decoded.items()}
    if given and not command.enable_parameter:
        raise ApiError("Parameter.Disabled")
    if set(given) - set(command.parameter_names):
        raise ApiError("Parameter.NotMatched")
    if any(name not in given for name in command.parameter_names):
        raise ApiError("Parameter.MissingValue")
    return given


def invoke(
    call: EcsCall,
    region: RegionState,
    command: Command,
    instance_ids: Sequence[str],
    *,
    parameters: str,
    username: str,
    timeout: Optional[int],
    working_dir: str,
    tags: Sequence[Dict[str, Any]],
) -> Invocation:
    """Run ``command`` on the instances; each that is not running is aborted, as the cloud aborts it."""
    if not instance_ids:
        raise ApiError("MissingParam.InstanceId")
    owner = call.account.account_id
    instances = []
    for instance_id in dict.fromkeys(instance_ids):
        instance = region.instances.get(instance_id)
        if instance is None or instance.owner_id != owner:
            raise ApiError("InvalidInstance.NotFound")
        if instance.os_type != command_os(command.command_type):
            raise ApiError("InvalidInstance.NotMatch")
        instances.append(instance)
    values = _parameters(command, parameters)
    check_new_tags(tags)
    now = call.state.entropy.now_iso()
    invocation = Invocation(
        invoke_id=region.new_id("t", SHORT_ID),
        region_id=region.region_id,
        owner_id=owner,
        command_id=command.command_id,
        command_name=command.name,
        command_type=command.command_type,
        content=base64.b64encode(filled(content_text(command.content), values).encode()).decode("ascii"),
        description=command.description,
        working_dir=working_dir or command.working_dir,
        timeout=timeout or command.timeout,
        parameters=json.dumps(values) if values else "",
        username=username,
        creation_time=now,
        tags=tags_from(tags),
    )
    for instance in instances:
        target = InvocationTarget(instance.instance_id, now)
        if instance.status != "Running":
            target.status, target.error_code = "Aborted", "InstanceNotRunning"
            target.error_info, target.finish_time = "the instance is not running when create task", now
        else:
            output, exit_code = call.state.result_of_command(instance.instance_id)
            target.output, target.exit_code, target.finish_time = output, exit_code, now
            if exit_code:
                target.error_code, target.error_info = "ExitCodeNonzero", "the command execution exit code is not zero"
            call.state.transitions.begin(target, "Running", "Success" if exit_code == 0 else "Failed")
        invocation.targets.append(target)
    command.invoke_times += 1
    region.invocations[invocation.invoke_id] = invocation
    return invocation


@ECS.action(
    "InvokeCommand",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=INVOCATION_NOT_IMPLEMENTED,
)
def invoke_command(
    call: EcsCall,
    *,
    RegionId: str,
    CommandId: str,
    InstanceId: Sequence[str] = (),
    Parameters: str = "",
    Username: str = "",
    Timeout: Optional[int] = None,
    WorkingDir: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
) -> Body:
    region = call.state.region(RegionId)
    command = _owned_command(region, CommandId, call.account.account_id)
    invocation = invoke(
        call, region, command, InstanceId, parameters=Parameters, username=Username, timeout=Timeout,
        working_dir=WorkingDir, tags=Tag,
    )  # fmt: skip
    return {"InvokeId": invocation.invoke_id}


@ECS.action(
    "RunCommand",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=INVOCATION_NOT_IMPLEMENTED,
)
def run_command(
    call: EcsCall,
    *,
    RegionId: str,
    Type: str,
    CommandContent: str,
    InstanceId: Sequence[str] = (),
    Name: str = "",
    Description: str = "",
    WorkingDir: str = "",
    Timeout: int = DEFAULT_TIMEOUT,
    EnableParameter: bool = False,
    Parameters: str = "",
    KeepCommand: bool = False,
    ContentEncoding: str = "PlainText",
    Username: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
) -> Body:
    region = call.state.region(RegionId)
    if not InstanceId:
        raise ApiError("MissingParam.InstanceId")
    command = _new_command(
        call, region, name=Name, command_type=Type, content=CommandContent,
        # plain text unless Base64 is named (case aside): RunCommand reads any other value as plain text
        plain=ContentEncoding.lower() != "base64", description=Description, working_dir=WorkingDir,
        timeout=Timeout, enable_parameter=EnableParameter, tags=Tag, kept=KeepCommand,
    )  # fmt: skip
    try:
        invocation = invoke(
            call, region, command, InstanceId, parameters=Parameters, username=Username, timeout=None,
            working_dir="", tags=Tag,
        )  # fmt: skip
    except ApiError:
        del region.commands[command.command_id]  # a refused run leaves no command behind
        raise
    return {"CommandId": command.command_id, "InvokeId": invocation.invoke_id}
