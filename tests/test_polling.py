"""Polling code — wait until Running, wait until Stopped — with immediate and with held transitions."""

import pytest
from helpers import assert_fails, launch, network

REGION = "cn-hangzhou"


def wait_for_status(path, instance_id, wanted, max_polls=10):
    """What user code does: poll DescribeInstances until the instance reaches ``wanted``."""
    seen = []
    for _ in range(max_polls):
        body = path.call("DescribeInstances", {"RegionId": REGION, "InstanceIds": f'["{instance_id}"]'})
        seen.append(body["Instances"]["Instance"][0]["Status"])
        if seen[-1] == wanted:
            return seen
    raise TimeoutError(f"{instance_id} still {seen[-1]} after {max_polls} polls")


def test_immediate_transitions_are_done_at_the_first_poll(client_path):
    instance_id = launch(client_path)
    assert wait_for_status(client_path, instance_id, "Running") == ["Running"]
    client_path.call("StopInstance", {"InstanceId": instance_id})
    assert wait_for_status(client_path, instance_id, "Stopped") == ["Stopped"]


def test_held_transitions_complete_after_the_given_number_of_polls(client_path, ecs_mock):
    network(client_path)  # the VPC, vSwitch and group exist before the test holds transitions
    ecs_mock.hold_transitions(polls=3)
    instance_id = launch(client_path)
    assert wait_for_status(client_path, instance_id, "Running") == ["Pending", "Pending", "Running"]
    client_path.call("StopInstance", {"InstanceId": instance_id})
    assert wait_for_status(client_path, instance_id, "Stopped") == ["Stopping", "Stopping", "Stopped"]
    client_path.call("StartInstance", {"InstanceId": instance_id})
    assert wait_for_status(client_path, instance_id, "Running") == ["Starting", "Starting", "Running"]


def test_held_transitions_last_until_settled(client_path, ecs_mock):
    network(client_path)  # the VPC, vSwitch and group exist before the test holds transitions
    ecs_mock.hold_transitions()
    instance_id = launch(client_path)
    with pytest.raises(TimeoutError):
        wait_for_status(client_path, instance_id, "Running", max_polls=3)
    assert_fails(
        403,
        "IncorrectInstanceStatus",
        "The current status of the resource does not support this operation.",
        client_path.call,
        "StopInstance",
        {"InstanceId": instance_id},
    )
    assert ecs_mock.settle() == 1  # the one pending transition: Pending → Running
    assert wait_for_status(client_path, instance_id, "Running") == ["Running"]


def test_held_image_creation_is_creating_until_settled(client_path, ecs_mock):
    network(client_path)  # the VPC, vSwitch and group exist before the test holds transitions
    ecs_mock.hold_transitions()
    instance_id = launch(client_path)
    ecs_mock.settle()
    image_id = client_path.call("CreateImage", {"RegionId": REGION, "InstanceId": instance_id})["ImageId"]
    described = client_path.call("DescribeImages", {"RegionId": REGION, "ImageId": image_id, "Status": "ALL"})
    assert described["Images"]["Image"][0]["Status"] == "Creating"
    ecs_mock.release_transitions()
    described = client_path.call("DescribeImages", {"RegionId": REGION, "ImageId": image_id})
    assert described["Images"]["Image"][0]["Status"] == "Available"
