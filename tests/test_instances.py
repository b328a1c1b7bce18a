"""Instances: launch, describe, the status model and its errors, through every client path."""

from helpers import SYSTEM_IMAGE, assert_fails, launch, network

REGION = "cn-hangzhou"
INCORRECT_STATUS = (
    403,
    "IncorrectInstanceStatus",
    "The current status of the resource does not support this operation.",
)


def status_of(path, instance_id, account=None):
    body = path.call("DescribeInstances", {"RegionId": REGION, "InstanceIds": f'["{instance_id}"]'}, account=account)
    return body["Instances"]["Instance"][0]["Status"]


def act(path, action, instance_id, **params):
    return path.call(action, {"InstanceId": instance_id, **params})


def test_create_instance_starts_stopped_and_the_status_model_holds(client_path):
    instance_id = client_path.call(
        "CreateInstance",
        {"RegionId": REGION, "ImageId": SYSTEM_IMAGE, "InstanceType": "ecs.g7.large", **network(client_path)},
    )["InstanceId"]
    assert status_of(client_path, instance_id) == "Stopped"
    assert_fails(*INCORRECT_STATUS, act, client_path, "StopInstance", instance_id)
    assert_fails(*INCORRECT_STATUS, act, client_path, "RebootInstance", instance_id)
    act(client_path, "StartInstance", instance_id)
    assert status_of(client_path, instance_id) == "Running"
    assert_fails(*INCORRECT_STATUS, act, client_path, "StartInstance", instance_id)
    act(client_path, "RebootInstance", instance_id)
    assert_fails(*INCORRECT_STATUS, act, client_path, "DeleteInstance", instance_id)
    act(client_path, "StopInstance", instance_id)
    assert status_of(client_path, instance_id) == "Stopped"
    act(client_path, "DeleteInstance", instance_id)
    assert client_path.call("DescribeInstances", {"RegionId": REGION})["Instances"]["Instance"] == []
    assert_fails(
        404,
        "InvalidInstanceId.NotFound",
        "The specified InstanceId does not exist.",
        act,
        client_path,
        "StartInstance",
        instance_id,
    )


def test_force_deletes_a_running_instance_and_its_system_disk(client_path):
    instance_id = launch(client_path)
    act(client_path, "DeleteInstance", instance_id, Force=True)
    assert client_path.call("DescribeDisks", {"RegionId": REGION})["Disks"]["Disk"] == []


def test_delete_instances_is_all_or_nothing(client_path):
    running, stopped = launch(client_path), launch(client_path)
    act(client_path, "StopInstance", stopped)
    assert_fails(
        *INCORRECT_STATUS, client_path.call, "DeleteInstances", {"RegionId": REGION, "InstanceId": [stopped, running]}
    )
    assert client_path.call("DescribeInstances", {"RegionId": REGION})["TotalCount"] == 2
    client_path.call("DeleteInstances", {"RegionId": REGION, "InstanceId": [stopped, running], "Force": True})
    assert client_path.call("DescribeInstances", {"RegionId": REGION})["TotalCount"] == 0


def test_other_accounts_instances_do_not_exist_for_the_caller(client_path, ecs_mock):
    instance_id = launch(client_path)
    stranger = ecs_mock.create_account()
    assert_fails(
        404,
        "InvalidInstanceId.NotFound",
        "The specified InstanceId does not exist.",
        client_path.call,
        "StopInstance",
        {"InstanceId": instance_id},
        account=stranger,
    )


def test_describe_instances_filters_and_both_paging_styles(client_path):
    tagged = client_path.call(
        "RunInstances",
        {
            "RegionId": REGION,
            "ImageId": SYSTEM_IMAGE,
            "InstanceType": "ecs.g7.large",
            **network(client_path),
            "InstanceName": "web-1",
            "Tag": [{"Key": "team", "Value": "web"}],
        },
    )["InstanceIdSets"]["InstanceIdSet"][0]
    others = [launch(client_path) for _ in range(11)]
    by_tag = client_path.call("DescribeInstances", {"RegionId": REGION, "Tag": [{"Key": "team", "Value": "web"}]})
    assert [i["InstanceId"] for i in by_tag["Instances"]["Instance"]] == [tagged]
    assert by_tag["Instances"]["Instance"][0]["Tags"] == {"Tag": [{"TagKey": "team", "TagValue": "web"}]}
    by_name = client_path.call("DescribeInstances", {"RegionId": REGION, "InstanceName": "web-*"})
    assert [i["InstanceId"] for i in by_name["Instances"]["Instance"]] == [tagged]

    seen, token = [], ""
    while True:
        params = {"RegionId": REGION, "MaxResults": 10}
        if token:
            params["NextToken"] = token
        body = client_path.call("DescribeInstances", params)
        seen += [i["InstanceId"] for i in body["Instances"]["Instance"]]
        token = body.get("NextToken", "")
        if not token:
            break
    assert seen == [tagged] + others
    page2 = client_path.call("DescribeInstances", {"RegionId": REGION, "PageSize": 5, "PageNumber": 3})
    assert [i["InstanceId"] for i in page2["Instances"]["Instance"]] == others[9:]


def test_describe_instance_status(client_path):
    first, second = launch(client_path), launch(client_path)
    act(client_path, "StopInstance", second)
    body = client_path.call("DescribeInstanceStatus", {"RegionId": REGION})
    assert body["InstanceStatuses"]["InstanceStatus"] == [
        {"InstanceId": first, "Status": "Running"},
        {"InstanceId": second, "Status": "Stopped"},
    ]
    only = client_path.call("DescribeInstanceStatus", {"RegionId": REGION, "InstanceId": [second]})
    assert only["TotalCount"] == 1


def test_run_instances_system_disk_size_and_dry_run(client_path):
    assert_fails(
        404,
        "InvalidSystemDiskSize.LessThanImageSize",
        "The specified parameter SystemDisk.Size is less than the image size.",
        client_path.call,
        "RunInstances",
        {
            "RegionId": REGION,
            "ImageId": "win2022_21H2_x64_dtc_en-us_40G_alibase_20250716.vhd",
            "InstanceType": "ecs.g7.large",
            **network(client_path),
            "SystemDisk": {"Size": 30},
        },
    )
    assert_fails(
        400,
        "DryRunOperation",
        "Request validation has been passed with DryRun flag set.",
        client_path.call,
        "RunInstances",
        {
            "RegionId": REGION,
            "ImageId": SYSTEM_IMAGE,
            "InstanceType": "ecs.g7.large",
            **network(client_path),
            "DryRun": True,
        },
    )
    assert client_path.call("DescribeInstances", {"RegionId": REGION})["TotalCount"] == 0
    assert_fails(
        400,
        "InvalidMinAmount.Malformed",
        "The specified parameter MinAmount is not valid.",
        client_path.call,
        "RunInstances",
        {
            "RegionId": REGION,
            "ImageId": SYSTEM_IMAGE,
            "InstanceType": "ecs.g7.large",
            **network(client_path),
            "Amount": 2,
            "MinAmount": 3,
        },
    )
