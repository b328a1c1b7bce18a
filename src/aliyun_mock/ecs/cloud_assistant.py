"""Cloud Assistant: commands, their invocations on instances, and what an invocation's status is.

A command runs nowhere: what it prints and its exit code are what the test arranged with
``cloud.ecs.command_result(...)`` (default: success, no output). Each instance of an invocation
moves ``Running`` → ``Success`` (exit code 0) or ``Failed`` through the transition controls, so
a polling loop sees it running under ``cloud.hold_transitions()``. Statuses and error codes as
DescribeInvocationResults documents them
(https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeinvocationresults).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from ..core.errors import ApiError

COMMAND_TYPES = {"RunShellScript": "linux", "RunBatScript": "windows", "RunPowerShellScript": "windows"}
MAX_CONTENT_BYTES = 18 * 1024  # of the Base64 text
MAX_NAME, MAX_DESCRIPTION, MAX_WORKING_DIR = 128, 512, 200
MAX_PARAMETERS, MAX_PARAMETER_NAME = 20, 64
DEFAULT_TIMEOUT = 60
_PARAMETER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_PARAMETER_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
BUILT_IN_PREFIX = "ACS::"  # {{ACS::InstanceId}} and friends are filled in by the agent
FINISHED = ("Success", "Failed", "Aborted", "Terminated")


@dataclass
class Command:
    command_id: str
    region_id: str
    owner_id: str
    name: str
    command_type: str
    content: str  # Base64
    creation_time: str
    description: str = ""
    working_dir: str = ""
    timeout: int = DEFAULT_TIMEOUT
    enable_parameter: bool = False
    parameter_names: List[str] = field(default_factory=list)
    kept: bool = True  # RunCommand without KeepCommand makes a command nobody lists
    invoke_times: int = 0
    tags: Dict[str, str] = field(default_factory=dict)


@dataclass
class InvocationTarget:
    """One instance of an invocation."""

    instance_id: str
    creation_time: str
    status: str = "Running"  # Running → Success | Failed; Aborted; Stopping → Terminated
    output: str = ""  # plain text; shown as Base64 unless ContentEncoding=PlainText
    exit_code: int = 0
    error_code: str = ""
    error_info: str = ""
    finish_time: str = ""
    stop_time: str = ""


@dataclass
class Invocation:
    invoke_id: str
    region_id: str
    owner_id: str
    command_id: str
    command_name: str
    command_type: str
    content: str  # Base64, parameters filled in
    description: str
    working_dir: str
    timeout: int
    parameters: str  # JSON, as given
    username: str
    creation_time: str
    targets: List[InvocationTarget] = field(default_factory=list)
    tags: Dict[str, str] = field(default_factory=dict)


def decoded_content(content: str, plain: bool) -> str:
    """The script's text from ``CommandContent``, given as plain text or as Base64."""
    if plain:
        text = content
    else:
        try:
            text = base64.b64decode(content, validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            raise ApiError("CmdContent.DecodeError") from None
    if len(base64.b64encode(text.encode("utf-8"))) > MAX_CONTENT_BYTES:
        raise ApiError("CmdContent.ExceedLimit")
    return text


def parameter_names(text: str) -> List[str]:
    """The custom parameters ``{{name}}`` of a script, in order of first use (built-ins left out)."""
    names: List[str] = []
    for raw in _PARAMETER.findall(text):
        if raw.startswith(BUILT_IN_PREFIX):
            continue
        if not raw:
            raise ApiError("CmdParam.EmptyKey")
        if not _PARAMETER_NAME.match(raw):
            raise ApiError("CmdParam.InvalidParamName")
        if len(raw.encode()) > MAX_PARAMETER_NAME:
            raise ApiError("CmdParamName.ExceedLimit")
        if raw not in names:
            names.append(raw)
    if len(names) > MAX_PARAMETERS:
        raise ApiError("CmdParamCount.ExceedLimit")
    return names


def filled(text: str, values: Dict[str, str]) -> str:
    """The script with its custom parameters replaced by the invocation's values."""
    return _PARAMETER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def overall_status(targets: List[InvocationTarget]) -> str:
    """The invocation's status from its instances' (InvocationStatus of DescribeInvocations)."""
    statuses = {t.status for t in targets}
    if "Running" in statuses:
        return "Running"
    if "Stopping" in statuses:
        return "Stopping"
    if "Terminated" in statuses:
        return "Stopped"
    if statuses == {"Success"}:
        return "Success"
    return "Failed" if "Success" not in statuses else "PartialFailed"


def record_status(status: str) -> str:
    """The older, coarser status of one instance's run (InvokeRecordStatus, InstanceInvokeStatus)."""
    return {"Success": "Finished", "Terminated": "Stopped", "Aborted": "Failed"}.get(status, status)


def invoke_status(targets: List[InvocationTarget]) -> str:
    """The older, coarser status of the whole invocation (InvokeStatus)."""
    overall = overall_status(targets)
    return {"Success": "Finished", "Stopping": "Running"}.get(overall, overall)


def shown(text: str, encoding: str) -> str:
    """Content or output as the request asked for it: Base64 (the default) or plain text."""
    return text if encoding == "PlainText" else base64.b64encode(text.encode("utf-8")).decode("ascii")


def content_text(command_content: str) -> str:
    return base64.b64decode(command_content).decode("utf-8")


def check_texts(name: str, description: str, working_dir: str) -> None:
    if len(name) > MAX_NAME:
        raise ApiError("CmdName.ExceedLimit")
    if len(description) > MAX_DESCRIPTION:
        raise ApiError("CmdDesc.ExceedLimit")
    if len(working_dir) > MAX_WORKING_DIR:
        raise ApiError("InvalidParameter.WorkingDir")


def command_os(command_type: str) -> Optional[str]:
    return COMMAND_TYPES.get(command_type)
