"""One instance's attributes (DescribeInstanceAttribute, ModifyInstanceAttribute, DescribeUserData,
AllocatePublicIpAddress, ModifyInstanceChargeType) and the batch power actions (StartInstances,
StopInstances, RebootInstances), through every client path."""

import base64

from helpers import INSTANCE_TYPE, SYSTEM_IMAGE, assert_fails, launch, network

REGION = "cn-hangzhou"
NOT_FOUND = (404, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist.")


def statuses(path, *instance_ids):
    body = path.call("DescribeInstances", {"RegionId": REGION, "InstanceIds": str(list(instance_ids))})
    return {i["InstanceId"]: i["Status"] for i in body["Instances"]["Instance"]}


def test_the_attribute_body_describes_the_instance_as_describe_instances_does(client_path):
    script = base64.b64encode(b"#!/bin/sh\necho hi\n").decode()
    instance_id = client_path.call(
        "RunInstances",
        {
            "RegionId": REGION,
            "ImageId": SYSTEM_IMAGE,
            "InstanceType": INSTANCE_TYPE,
            **network(client_path),
            "InstanceName": "web",
            "HostName": "web-1",
            "UserData": script,
            "InternetMaxBandwidthOut": 5,
        },
    )["InstanceIdSets"]["InstanceIdSet"][0]
    attribute = client_path.call("DescribeInstanceAttribute", {"InstanceId": instance_id})
    listed = client_path.call("DescribeInstances", {"RegionId": REGION})["Instances"]["Instance"][0]
    for key in (
        "InstanceId",
        "InstanceName",
        "HostName",
        "Status",
        "ZoneId",
        "InstanceType",
        "Cpu",
        "Memory",
        "SerialNumber",
        "CreationTime",
        "PublicIpAddress",
        "SecurityGroupIds",
        "InternetMaxBandwidthOut",
    ):
        assert attribute[key] == listed[key], key
    assert attribute["VpcAttributes"]["VSwitchId"] == network(client_path)["VSwitchId"]
    assert attribute["IoOptimized"] == "optimized" and attribute["InstanceChargeType"] == "PostPaid"
    assert attribute["EipAddress"]["IpAddress"] == "" and attribute["OperationLocks"] == {"LockReason": []}
    user_data = client_path.call("DescribeUserData", {"RegionId": REGION, "InstanceId": instance_id})
    assert (user_data["InstanceId"], user_data["UserData"], user_data["RegionId"]) == (instance_id, script, REGION)
    assert_fails(*NOT_FOUND, client_path.call, "DescribeInstanceAttribute", {"InstanceId": "i-bp1nope"})
    assert_fails(*NOT_FOUND, client_path.call, "DescribeUserData", {"RegionId": REGION, "InstanceId": "i-bp1nope"})


def test_modify_instance_attribute_changes_what_it_names_and_checks_it(client_path):
    instance_id = launch(client_path)
    client_path.call(
        "ModifyInstanceAttribute",
        {
            "InstanceId": instance_id,
            "InstanceName": "renamed",
            "HostName": "host-2",
            "Description": "the web server",
            "Password": "Abcd1234!",
            "DeletionProtection": True,
        },
    )
    attribute = client_path.call("DescribeInstanceAttribute", {"InstanceId": instance_id})
    assert (attribute["InstanceName"], attribute["HostName"], attribute["Description"]) == (
        "renamed",
        "host-2",
        "the web server",
    )
    assert client_path.call("DescribeInstances", {"RegionId": REGION})["Instances"]["Instance"][0]["DeletionProtection"]
    modify = lambda **params: client_path.call("ModifyInstanceAttribute", {"InstanceId": instance_id, **params})  # noqa: E731
    assert_fails(
        400,
        "InvalidInstanceName.Malformed",
        'The specified parameter "InstanceName" is not valid.',
        modify,
        InstanceName="1bad",
    )
    assert_fails(
        400, "InvalidHostName.Malformed", 'The specified parameter "HostName" is not valid.', modify, HostName="-bad"
    )
    assert_fails(
        400, "InvalidPassword.Malformed", 'The specified parameter "Password" is not valid.', modify, Password="short"
    )
    script = base64.b64encode(b"echo new").decode()
    assert_fails(
        403,
        "InvalidUserData.Base64FormatInvalid",
        "The specified UserData is not valid",
        modify,
        UserData="not base64!",
    )
    modify(UserData=script)  # running or not: the instance reads it at its next start
    assert client_path.call("DescribeUserData", {"RegionId": REGION, "InstanceId": instance_id})["UserData"] == script
    assert_fails(
        501,
        "AliyunMock.NotImplemented",
        "Parameter Recyclable of Ecs action ModifyInstanceAttribute (API "
        "version 2014-05-26) is not implemented in aliyun-mock.",
        modify,
        Recyclable=True,
    )
    assert_fails(
        *NOT_FOUND, client_path.call, "ModifyInstanceAttribute", {"InstanceId": "i-bp1nope", "InstanceName": "x1"}
    )


def test_modify_instance_attribute_replaces_the_security_groups(client_path):
    instance_id = launch(client_path)
    vpc_id = client_path.call("DescribeSecurityGroups", {"RegionId": REGION})["SecurityGroups"]["SecurityGroup"][0][
        "VpcId"
    ]
    first = network(client_path)["SecurityGroupId"]
    second = client_path.call("CreateSecurityGroup", {"RegionId": REGION, "VpcId": vpc_id})["SecurityGroupId"]
    client_path.call("ModifyInstanceAttribute", {"InstanceId": instance_id, "SecurityGroupIds": [second, first]})
    attribute = client_path.call("DescribeInstanceAttribute", {"InstanceId": instance_id})
    assert attribute["SecurityGroupIds"]["SecurityGroupId"] == [second, first]
    other_vpc = client_path.call("CreateVpc", {"RegionId": REGION, "CidrBlock": "10.0.0.0/8"}, product="vpc")["VpcId"]
    foreign = client_path.call("CreateSecurityGroup", {"RegionId": REGION, "VpcId": other_vpc})["SecurityGroupId"]
    modify = lambda groups: client_path.call(  # noqa: E731
        "ModifyInstanceAttribute",
        {
            "InstanceId": instance_id,
            "SecurityGroupIds": groups,
        },
    )
    assert_fails(
        404,
        "InvalidSecurityGroupVpc.NotBelongToOneVpc",
        "The specified SecurityGroupIds are belong to different vpc.",
        modify,
        [first, foreign],
    )
    assert_fails(
        404,
        "InvalidParameter.SecurityGroupIdRepeated",
        "The specified security group ids has repeated.",
        modify,
        [first, first],
    )
    assert_fails(
        404, "InvalidSecurityGroupId.NotFound", "The specified SecurityGroupId does not exist.", modify, ["sg-bp1nope"]
    )


def test_allocate_public_ip_address_gives_a_created_instance_with_bandwidth_its_address(client_path):
    created = client_path.call(
        "CreateInstance",
        {
            "RegionId": REGION,
            "ImageId": SYSTEM_IMAGE,
            "InstanceType": INSTANCE_TYPE,
            **network(client_path),
            "InternetMaxBandwidthOut": 10,
        },
    )["InstanceId"]
    assert client_path.call("DescribeInstanceAttribute", {"InstanceId": created})["PublicIpAddress"]["IpAddress"] == []
    address = client_path.call("AllocatePublicIpAddress", {"InstanceId": created})["IpAddress"]
    assert address.startswith("47.")
    shown = client_path.call("DescribeInstanceAttribute", {"InstanceId": created})["PublicIpAddress"]["IpAddress"]
    assert shown == [address]
    assert_fails(
        403,
        "AllocatedAlready",
        "There is an IpAddress allocated already for the specified instance.",
        client_path.call,
        "AllocatePublicIpAddress",
        {"InstanceId": created},
    )
    without = launch(client_path)
    assert_fails(
        400,
        "AllocateIpInvalidInstanceBandwidth",
        "OperationDenied The InternetMaxBandwidthOut of the specified instance cannot be less than 0.",
        client_path.call,
        "AllocatePublicIpAddress",
        {"InstanceId": without},
    )
    assert_fails(*NOT_FOUND, client_path.call, "AllocatePublicIpAddress", {"InstanceId": "i-bp1nope"})


def test_modify_instance_charge_type_knows_every_instance_is_pay_as_you_go(client_path):
    instance_id = launch(client_path)
    params = {"RegionId": REGION, "InstanceIds": f'["{instance_id}"]'}
    assert_fails(
        501,
        "AliyunMock.NotImplemented",
        "InstanceChargeType=PrePaid of Ecs action ModifyInstanceChargeType "
        "(API version 2014-05-26) is not implemented in aliyun-mock.",
        client_path.call,
        "ModifyInstanceChargeType",
        params,
    )
    assert_fails(
        400,
        "InvalidInstanceChargeType.ValueNotSupported",
        "The instance is pay-as-you-go already.",
        client_path.call,
        "ModifyInstanceChargeType",
        {**params, "InstanceChargeType": "PostPaid"},
    )
    assert_fails(
        404,
        "InvalidInstanceId.NotFound",
        "The specified instanceId does not exist.",  # this action's text
        client_path.call,
        "ModifyInstanceChargeType",
        {**params, "InstanceIds": '["i-bp1nope"]'},
    )


def test_batch_power_all_together_is_all_or_nothing(client_path):
    running, other = launch(client_path), launch(client_path)
    client_path.call("StopInstance", {"InstanceId": other})
    stop = {"RegionId": REGION, "InstanceId": [running, other]}
    assert_fails(
        403,
        "IncorrectInstanceStatus",
        "The current status of the resource does not support this operation.",
        client_path.call,
        "StopInstances",
        stop,
    )
    assert statuses(client_path, running, other) == {running: "Running", other: "Stopped"}
    assert_fails(
        404,
        "InvalidInstanceIds.NotFound",
        "The specified InstanceIds does not exist.",
        client_path.call,
        "StartInstances",
        {"RegionId": REGION, "InstanceId": [other, "i-bp1nope"]},
    )
    assert_fails(
        400,
        "DRYRUN.SUCCESS",
        "This request is a dryrun request with successful result.",
        client_path.call,
        "StartInstances",
        {"RegionId": REGION, "InstanceId": [other], "DryRun": True},
    )
    started = client_path.call("StartInstances", {"RegionId": REGION, "InstanceId": [other]})
    assert started["InstanceResponses"]["InstanceResponse"] == [
        {
            "Code": "200",
            "Message": "success",
            "InstanceId": other,
            "CurrentStatus": "Starting",
            "PreviousStatus": "Stopped",
        }
    ]
    assert statuses(client_path, running, other) == {running: "Running", other: "Running"}
    rebooted = client_path.call(
        "RebootInstances", {"RegionId": REGION, "InstanceId": [running, other], "ForceReboot": True}
    )
    assert [r["CurrentStatus"] for r in rebooted["InstanceResponses"]["InstanceResponse"]] == ["Stopping", "Stopping"]
    assert_fails(
        403,
        "InvalidParameter.TooManyInstanceIds",
        "Instance ids cannot be more than 100.",
        client_path.call,
        "StopInstances",
        {"RegionId": REGION, "InstanceId": [f"i-{n}" for n in range(101)]},
    )


def test_batch_power_success_first_answers_each_instance(client_path, ecs_mock):
    running, stopped = launch(client_path), launch(client_path)
    client_path.call("StopInstance", {"InstanceId": stopped})
    ecs_mock.hold_transitions()
    body = client_path.call(
        "StopInstances",
        {"RegionId": REGION, "InstanceId": [running, stopped, "i-bp1nope"], "BatchOptimization": "SuccessFirst"},
    )
    responses = {r["InstanceId"]: r for r in body["InstanceResponses"]["InstanceResponse"]}
    assert (responses[running]["Code"], responses[running]["CurrentStatus"]) == ("200", "Stopping")
    assert responses[stopped]["Code"] == "IncorrectInstanceStatus"
    assert responses[stopped]["Message"] == "The current status of the resource does not support this operation."
    assert (responses[stopped]["CurrentStatus"], responses[stopped]["PreviousStatus"]) == ("Stopped", "Stopped")
    assert responses["i-bp1nope"]["Code"] == "InvalidInstanceId.NotFound"
    assert responses["i-bp1nope"]["Message"] == "The specified InstanceId does not exist."
    assert statuses(client_path, running)[running] == "Stopping"
    ecs_mock.settle()
    assert statuses(client_path, running)[running] == "Stopped"
    assert_fails(
        400,
        "InvalidParameter",
        'The specified parameter "BatchOptimization" is not valid.',
        client_path.call,
        "StartInstances",
        {"RegionId": REGION, "InstanceId": [running], "BatchOptimization": "Sometimes"},
    )


def test_maintenance_and_attachment_settings_are_a_new_instances(client_path, ecs_mock):
    """What Terraform's alicloud_instance reads on every refresh."""
    first, second = launch(client_path), launch(client_path)
    body = client_path.call("DescribeInstanceMaintenanceAttributes", {"RegionId": REGION, "InstanceId": [first]})
    assert body["MaintenanceAttributes"]["MaintenanceAttribute"] == [
        {
            "NotifyOnMaintenance": False,
            "InstanceId": first,
            "MaintenanceWindows": {"MaintenanceWindow": []},
            "ActionOnMaintenance": {
                "DefaultValue": "AutoRecover",
                "Value": "AutoRecover",
                "SupportedValues": {"SupportedValue": []},
            },
        }
    ]
    every = client_path.call("DescribeInstanceMaintenanceAttributes", {"RegionId": REGION, "PageSize": 1})
    assert (every["TotalCount"], len(every["MaintenanceAttributes"]["MaintenanceAttribute"])) == (2, 1)
    attached = client_path.call(
        "DescribeInstanceAttachmentAttributes", {"RegionId": REGION, "InstanceIds": str([first, second])}
    )
    assert sorted(attached["Instances"]["Instance"], key=lambda i: i["InstanceId"]) == sorted(
        (
            {"InstanceId": i, "PrivatePoolOptionsMatchCriteria": "None", "PrivatePoolOptionsId": ""}
            for i in (first, second)
        ),
        key=lambda i: i["InstanceId"],
    )
    stranger = ecs_mock.create_account()
    assert_fails(
        *NOT_FOUND,
        client_path.call,
        "DescribeInstanceMaintenanceAttributes",
        {"RegionId": REGION, "InstanceId": [first]},
        account=stranger,
    )
    assert_fails(
        404,
        "InvalidInstanceIds.NotFound",
        "The specified InstanceIds does not exist.",
        client_path.call,
        "DescribeInstanceAttachmentAttributes",
        {"RegionId": REGION, "InstanceIds": str([first, "i-bp1nothing"])},
    )
    assert_fails(
        403,
        "Abs.InvalidInstanceIds.MalFormed",
        "The specified InstanceIds is not valid.",
        client_path.call,
        "DescribeInstanceAttachmentAttributes",
        {"RegionId": REGION, "InstanceIds": "i-bp1 not a list"},
    )


def test_no_instance_has_a_ram_role(client_path, ecs_mock):
    """RamRoleName on a launch gets the 501, so DescribeInstanceRamRole, which counts roles, lists none."""
    instance_id = launch(client_path)
    for params in ({"InstanceIds": str([instance_id])}, {"RamRoleName": "EcsRole"}):
        body = client_path.call("DescribeInstanceRamRole", {"RegionId": REGION, **params})
        assert (body["InstanceRamRoleSets"], body["TotalCount"], body["RegionId"]) == (
            {"InstanceRamRoleSet": []},
            0,
            REGION,
        )
    call = lambda **params: client_path.call("DescribeInstanceRamRole", {"RegionId": REGION, **params})  # noqa: E731
    assert_fails(
        403, "InvalidParameter.AllEmpty", "At least one of InstanceIds and RamRoleName must be specified.", call
    )
    assert_fails(
        400, "InvalidInstanceIds.Malformed", "The specified instanceIds are not valid.", call, InstanceIds="i-1, i-2"
    )
    assert_fails(
        404,
        "InvalidInstanceId.NotFound",
        "The specified instanceId does not exist",
        client_path.call,
        "DescribeInstanceRamRole",
        {"RegionId": REGION, "InstanceIds": str([instance_id])},
        account=ecs_mock.create_account(),
    )
