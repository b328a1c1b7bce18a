"""moto's figures for the analogous boto3 EC2 calls, each against boto3's own null stub
(botocore ``Endpoint._send`` answering moto's canned body): moto's overhead over its floor."""

from __future__ import annotations

import contextlib
import os
from typing import Callable, Dict, Iterator, Tuple

from timing import per_call_us

ACCOUNT = "123456789012"
ANALOGUES = {  # aliyun-mock action → the boto3 EC2 call that does the same
    "ModifyImageSharePermission": "modify_image_attribute",
    "DescribeImageSharePermission": "describe_image_attribute",
    "DescribeImages": "describe_images",
}


def _fake_credentials() -> None:
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")


def _calls(client, image_id: str) -> Dict[str, Callable[[], object]]:
    return {
        "ModifyImageSharePermission": lambda: client.modify_image_attribute(
            ImageId=image_id, LaunchPermission={"Add": [{"UserId": "210987654321"}]}
        ),
        "DescribeImageSharePermission": lambda: client.describe_image_attribute(
            ImageId=image_id, Attribute="launchPermission"
        ),
        "DescribeImages": lambda: client.describe_images(Owners=["self"], MaxResults=10),
    }


@contextlib.contextmanager
def null_boto(bodies: Dict[str, Tuple[int, dict, bytes]]) -> Iterator[None]:
    from botocore import endpoint
    from botocore.awsrequest import AWSResponse

    class Raw:
        def __init__(self, body: bytes) -> None:
            self.body = body

        def stream(self, **_):
            yield self.body

    real = endpoint.Endpoint._send

    def canned(self, request):
        from urllib.parse import parse_qs

        action = parse_qs(request.body.decode() if isinstance(request.body, bytes) else request.body)["Action"][0]
        status, headers, body = bodies[action]
        return AWSResponse(request.url, status, headers, Raw(body))

    endpoint.Endpoint._send = canned
    try:
        yield
    finally:
        endpoint.Endpoint._send = real


def measure(calls: int) -> Dict[str, Tuple[float, float]]:
    """{aliyun action: (moto µs, boto3 null-stub µs)}."""
    _fake_credentials()
    import boto3
    import botocore
    from moto import mock_aws

    captured: Dict[str, Tuple[int, dict, bytes]] = {}

    def keep(http_response, **kwargs):
        action = kwargs["context"].get("operation_name") or ""
        captured[action] = (http_response.status_code, dict(http_response.headers), http_response.content)

    with mock_aws():
        client = boto3.client("ec2", region_name="us-east-1")
        client.meta.events.register(
            "after-call.ec2",
            lambda http_response, parsed, model, **kw: captured.__setitem__(
                model.name, (http_response.status_code, dict(http_response.headers), http_response.content)
            ),
        )
        reservation = client.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1)
        image_id = client.create_image(InstanceId=reservation["Instances"][0]["InstanceId"], Name="bench")["ImageId"]
        cases = _calls(client, image_id)
        mocked = {action: per_call_us(call, calls) for action, call in cases.items()}
    bodies = {name: captured[name] for name in ("ModifyImageAttribute", "DescribeImageAttribute", "DescribeImages")}
    with null_boto(bodies):
        floors = {action: per_call_us(call, calls) for action, call in cases.items()}
    del keep, botocore
    return {action: (mocked[action], floors[action]) for action in cases}
