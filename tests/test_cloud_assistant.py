"""Cloud Assistant, as image builders use it before CreateImage: commands, invocations on instances,
their statuses through the transition controls, and what a command prints as the test arranged it
(``cloud.ecs.command_result``), through every client path."""

import base64

from helpers import assert_fails, launch

REGION = "cn-hangzhou"
WINDOWS_IMAGE = "win2022_21H2_x64_dtc_en-us_40G_alibase_20250716.vhd"


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def results(path, invoke_id, **params):
    body = path.call("DescribeInvocationResults", {"RegionId": REGION, "InvokeId": invoke_id, **params})
    return body["Invocation"]["InvocationResults"]["InvocationResult"]


def test_a_command_created_invoked_and_described(client_path, ecs_mock):
    instance_id = launch(client_path)
    command_id = client_path.call(
        "CreateCommand",
        {
            "RegionId": REGION,
            "Name": "prepare",
            "Type": "RunShellScript",
            "CommandContent": b64("yum -y update {{pkg}}"),
            "EnableParameter": True,
            "Timeout": 120,
            "WorkingDir": "/tmp",
        },
    )["CommandId"]
    assert command_id.startswith("c-")
    listed = client_path.call("DescribeCommands", {"RegionId": REGION, "CommandId": command_id})["Commands"]["Command"]
    assert [(c["Name"], c["Type"], c["Timeout"], c["WorkingDir"], c["InvokeTimes"]) for c in listed] == [
        ("prepare", "RunShellScript", 120, "/tmp", 0)
    ]
    assert listed[0]["ParameterNames"] == {"ParameterName": ["pkg"]}
    assert base64.b64decode(listed[0]["CommandContent"]).decode() == "yum -y update {{pkg}}"
    plain = client_path.call("DescribeCommands", {"RegionId": REGION, "ContentEncoding": "PlainText"})
    assert plain["Commands"]["Command"][0]["CommandContent"] == "yum -y update {{pkg}}"

    ecs_mock.ecs.command_result("updated 3 packages\n")
    ecs_mock.hold_transitions()
    invoke_id = client_path.call(
        "InvokeCommand",
        {"RegionId": REGION, "CommandId": command_id, "InstanceId": [instance_id], "Parameters": {"pkg": "nginx"}},
    )["InvokeId"]
    running = results(client_path, invoke_id)
    assert [(r["InvocationStatus"], r["InvokeRecordStatus"], r["Output"]) for r in running] == [
        ("Running", "Running", "")
    ]
    assert_fails(
        403,
        "InvalidStatus.CmdIdInUse",
        "The specified commandId is in use by some runing Invocation.",
        client_path.call,
        "DeleteCommand",
        {"RegionId": REGION, "CommandId": command_id},
    )
    ecs_mock.settle()
    done = results(client_path, invoke_id)[0]
    assert (done["InvocationStatus"], done["InvokeRecordStatus"], done["ExitCode"]) == ("Success", "Finished", 0)
    assert base64.b64decode(done["Output"]).decode() == "updated 3 packages\n"
    invocation = client_path.call(
        "DescribeInvocations",
        {"RegionId": REGION, "InvokeId": invoke_id, "IncludeOutput": True, "ContentEncoding": "PlainText"},
    )["Invocations"]["Invocation"][0]
    assert (invocation["InvocationStatus"], invocation["InvokeStatus"], invocation["CommandContent"]) == (
        "Success",
        "Finished",
        "yum -y update nginx",
    )
    assert invocation["Parameters"] == '{"pkg": "nginx"}'
    assert invocation["InvokeInstances"]["InvokeInstance"][0]["Output"] == "updated 3 packages\n"
    client_path.call("DeleteCommand", {"RegionId": REGION, "CommandId": command_id})
    assert_fails(
        404,
        "InvalidCmdId.NotFound",
        "The specified command ID does not exist.",
        client_path.call,
        "DeleteCommand",
        {"RegionId": REGION, "CommandId": command_id},
    )


def test_run_command_with_a_failing_script_and_a_stopped_instance(client_path, ecs_mock):
    running, stopped = launch(client_path), launch(client_path)
    client_path.call("StopInstance", {"InstanceId": stopped})
    ecs_mock.ecs.command_result("disk full", exit_code=2, instance_id=running)
    body = client_path.call(
        "RunCommand",
        {
            "RegionId": REGION,
            "Type": "RunShellScript",
            "CommandContent": "df -h",
            "ContentEncoding": "PlainText",
            "InstanceId": [running, stopped],
        },
    )
    by_instance = {r["InstanceId"]: r for r in results(client_path, body["InvokeId"], ContentEncoding="PlainText")}
    assert (
        by_instance[running]["InvocationStatus"],
        by_instance[running]["ExitCode"],
        by_instance[running]["Output"],
    ) == ("Failed", 2, "disk full")
    assert (by_instance[running]["ErrorCode"], by_instance[running]["ErrorInfo"]) == (
        "ExitCodeNonzero",
        "the command execution exit code is not zero",
    )
    assert (by_instance[stopped]["InvocationStatus"], by_instance[stopped]["ErrorCode"]) == (
        "Aborted",
        "InstanceNotRunning",
    )
    invocation = client_path.call("DescribeInvocations", {"RegionId": REGION})["Invocations"]["Invocation"][0]
    assert invocation["InvocationStatus"] == "Failed"
    # without KeepCommand, RunCommand's command is nobody's to list
    assert client_path.call("DescribeCommands", {"RegionId": REGION})["TotalCount"] == 0
    kept = client_path.call(
        "RunCommand",
        {
            "RegionId": REGION,
            "Type": "RunShellScript",
            "CommandContent": b64("true"),
            "InstanceId": [running],
            "KeepCommand": True,
            "Name": "kept",
        },
    )
    assert [
        c["CommandId"] for c in client_path.call("DescribeCommands", {"RegionId": REGION})["Commands"]["Command"]
    ] == [kept["CommandId"]]


def test_stop_invocation_terminates_what_still_runs(client_path, ecs_mock):
    instance_id = launch(client_path)
    ecs_mock.hold_transitions()
    invoke_id = client_path.call(
        "RunCommand",
        {"RegionId": REGION, "Type": "RunShellScript", "CommandContent": b64("sleep 600"), "InstanceId": [instance_id]},
    )["InvokeId"]
    client_path.call("StopInvocation", {"RegionId": REGION, "InvokeId": invoke_id})
    assert results(client_path, invoke_id)[0]["InvocationStatus"] == "Stopping"
    ecs_mock.settle()
    result = results(client_path, invoke_id)[0]
    assert (result["InvocationStatus"], result["InvokeRecordStatus"]) == ("Terminated", "Stopped") and result[
        "StopTime"
    ]
    invocation = client_path.call("DescribeInvocations", {"RegionId": REGION, "InvokeId": invoke_id})
    assert invocation["Invocations"]["Invocation"][0]["InvocationStatus"] == "Stopped"
    assert_fails(
        404,
        "InvalidInvokeId.NotFound",
        "The specified invoke ID does not exist.",
        client_path.call,
        "StopInvocation",
        {"RegionId": REGION, "InvokeId": "t-nope"},
    )


def test_commands_are_checked_as_documented(client_path):
    instance_id = launch(client_path)
    create = lambda **params: client_path.call(  # noqa: E731
        "CreateCommand",
        {
            "RegionId": REGION,
            "Name": "c",
            "Type": "RunShellScript",
            "CommandContent": b64("echo"),
            **params,
        },
    )
    assert_fails(404, "InvalidCmdType.NotFound", "The specified command type does not exist.", create, Type="RunPython")
    assert_fails(
        400,
        "CmdContent.DecodeError",
        "The CommandContent can not be base64 decoded.",
        create,
        CommandContent="not base64!",
    )
    assert_fails(
        403,
        "CmdContent.ExceedLimit",
        "The length of the command content exceeds the upper limit.",
        create,
        CommandContent=b64("x" * 14000),
    )
    assert_fails(
        403, "CmdName.ExceedLimit", "The length of the command name exceeds the upper limit.", create, Name="n" * 129
    )
    with_bad_name = create(CommandContent=b64("echo {{bad name}}"))  # without EnableParameter: plain text
    assert with_bad_name["CommandId"]
    assert_fails(
        403,
        "CmdParamCount.ExceedLimit",
        "The maximum number of custom parameters is exceeded.",
        create,
        CommandContent=b64(" ".join(f"{{{{p{n}}}}}" for n in range(21))),
        EnableParameter=True,
    )
    plain = create()["CommandId"]
    invoke = lambda **params: client_path.call(  # noqa: E731
        "InvokeCommand",
        {
            "RegionId": REGION,
            "CommandId": plain,
            "InstanceId": [instance_id],
            **params,
        },
    )
    assert_fails(
        400,
        "Parameter.Disabled",
        "Parameters cannot be passed in when the command customization function is disabled.",
        invoke,
        Parameters={"a": "b"},
    )
    assert_fails(400, "MissingParam.InstanceId", "The parameter instanceId is missing or empty.", invoke, InstanceId=[])
    assert_fails(
        404, "InvalidInstance.NotFound", "The specified instance does not exist.", invoke, InstanceId=["i-bp1nope"]
    )
    windows = create(Type="RunBatScript", Name="win")["CommandId"]
    assert_fails(
        400,
        "InvalidInstance.NotMatch",
        "The specified instance type does not match the command.",
        client_path.call,
        "InvokeCommand",
        {"RegionId": REGION, "CommandId": windows, "InstanceId": [instance_id]},
    )
    assert_fails(
        501,
        "AliyunMock.NotImplemented",
        "Parameter RepeatMode of Ecs action InvokeCommand (API version 2014-05-26) is not implemented in aliyun-mock.",
        invoke,
        RepeatMode="Period",
    )


def test_run_command_reads_plain_text_unless_told_base64(client_path):
    instance_id = launch(client_path)
    run = lambda **params: client_path.call(  # noqa: E731
        "RunCommand",
        {
            "RegionId": REGION,
            "Type": "RunShellScript",
            "InstanceId": [instance_id],
            **params,
        },
    )["InvokeId"]
    shown = lambda invoke_id: client_path.call(  # noqa: E731
        "DescribeInvocations",
        {
            "RegionId": REGION,
            "InvokeId": invoke_id,
            "ContentEncoding": "PlainText",
        },
    )["Invocations"]["Invocation"][0]["CommandContent"]
    assert shown(run(CommandContent="date")) == "date"  # PlainText is RunCommand's default
    assert shown(run(CommandContent="uptime", ContentEncoding="whatever")) == "uptime"  # so is any other value
    assert shown(run(CommandContent=b64("hostname"), ContentEncoding="base64")) == "hostname"
    assert_fails(
        400,
        "CmdContent.DecodeError",
        "The CommandContent can not be base64 decoded.",
        client_path.call,
        "CreateCommand",
        {
            "RegionId": REGION,
            "Name": "c",
            "Type": "RunShellScript",
            "CommandContent": "date",
            "ContentEncoding": "whatever",
        },
    )


def test_cloud_assistant_status_of_each_instance(client_path):
    running, stopped = launch(client_path), launch(client_path)
    client_path.call("StopInstance", {"InstanceId": stopped})
    client_path.call(
        "RunCommand",
        {"RegionId": REGION, "Type": "RunShellScript", "CommandContent": b64("true"), "InstanceId": [running]},
    )
    body = client_path.call("DescribeCloudAssistantStatus", {"RegionId": REGION, "InstanceId": [running, stopped]})
    status = {s["InstanceId"]: s for s in body["InstanceCloudAssistantStatusSet"]["InstanceCloudAssistantStatus"]}
    assert (status[running]["CloudAssistantStatus"], status[running]["InvocationCount"], status[running]["OSType"]) == (
        "true",
        1,
        "Linux",
    )
    assert status[stopped]["CloudAssistantStatus"] == "false" and status[stopped]["InvocationCount"] == 0
    assert_fails(
        404,
        "InvalidInstance.NotFound",
        "The specified instance does not exist.",
        client_path.call,
        "DescribeCloudAssistantStatus",
        {"RegionId": REGION, "InstanceId": ["i-bp1nope"]},
    )


def test_a_run_on_an_instance_released_meanwhile_fails(client_path, ecs_mock):
    instance_id = launch(client_path)
    ecs_mock.hold_transitions()
    invoke_id = client_path.call(
        "RunCommand",
        {"RegionId": REGION, "Type": "RunShellScript", "CommandContent": b64("sleep 60"), "InstanceId": [instance_id]},
    )["InvokeId"]
    client_path.call("DeleteInstance", {"InstanceId": instance_id, "Force": True})
    ecs_mock.settle()
    result = results(client_path, invoke_id)[0]
    assert (result["InvocationStatus"], result["ErrorCode"], result["ErrorInfo"]) == (
        "Failed",
        "InstanceReleased",
        "the instance has released when create task",
    )
