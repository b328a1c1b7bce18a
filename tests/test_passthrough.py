"""Under the mock, requests to non-Aliyun hosts reach the network layer unchanged, through every
transport we patch (plain requests, the V1 SDK's vendored requests, the V2 SDK sync and async)."""

import asyncio
import json
import threading

import pytest
import requests
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response


@pytest.fixture
def echo_server():
    """A local HTTP server that records each request and answers a JSON body the SDKs accept."""
    seen = []

    @Request.application
    def app(request):
        seen.append(
            {
                "method": request.method,
                "path": request.path,
                "query": request.query_string.decode(),
                "headers": dict(request.headers),
                "body": request.get_data(),
            }
        )
        return Response(json.dumps({"RequestId": "ECHO", "Regions": {"Region": []}}), content_type="application/json")

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_port}", seen
    server.shutdown()
    thread.join(5)


def test_plain_requests_pass_through_unchanged(ecs_mock, echo_server):
    endpoint, seen = echo_server
    response = requests.post(
        f"http://{endpoint}/some/path?a=1&b=two", data=b"payload", headers={"X-Trace": "t-1"}, timeout=5
    )
    assert response.json()["RequestId"] == "ECHO"
    assert seen == [
        {
            "method": "POST",
            "path": "/some/path",
            "query": "a=1&b=two",
            "headers": {**seen[0]["headers"], "X-Trace": "t-1"},
            "body": b"payload",
        }
    ]
    assert ecs_mock.calls == []


def test_v2_sdk_pointed_elsewhere_passes_through_sync_and_async(ecs_mock, echo_server):
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_ecs20140526.models import DescribeRegionsRequest
    from alibabacloud_tea_openapi.models import Config

    endpoint, seen = echo_server
    account = ecs_mock.default_account
    client = Client(
        Config(
            access_key_id=account.access_key_id,
            access_key_secret=account.access_key_secret,
            endpoint=endpoint,
            protocol="http",
            region_id="cn-hangzhou",
        )
    )
    assert client.describe_regions(DescribeRegionsRequest()).body.request_id == "ECHO"
    assert asyncio.run(client.describe_regions_async(DescribeRegionsRequest())).body.request_id == "ECHO"
    assert [s["headers"]["X-Acs-Action"] for s in seen] == ["DescribeRegions", "DescribeRegions"]
    assert ecs_mock.calls == []


def test_v1_sdk_pointed_elsewhere_passes_through(ecs_mock, echo_server):
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkecs.request.v20140526.DescribeRegionsRequest import DescribeRegionsRequest

    endpoint, seen = echo_server
    host, port = endpoint.split(":")
    account = ecs_mock.default_account
    client = AcsClient(account.access_key_id, account.access_key_secret, "cn-hangzhou", port=int(port))
    request = DescribeRegionsRequest()
    request.set_endpoint(host)
    assert json.loads(client.do_action_with_exception(request))["RequestId"] == "ECHO"
    assert "Action=DescribeRegions" in seen[0]["query"]
    assert ecs_mock.calls == []


def test_a_responses_mock_started_by_the_test_keeps_answering_its_urls():
    import responses

    from aliyun_mock import mock_ecs

    with responses.RequestsMock() as theirs:
        theirs.add(responses.GET, "https://api.example.com/thing", json={"mine": True})
        with mock_ecs():
            assert requests.get("https://api.example.com/thing", timeout=5).json() == {"mine": True}
            aliyun = requests.get(
                "https://ecs.aliyuncs.com/",
                timeout=5,
                params={"Action": "DescribeRegions", "Version": "2014-05-26", "Format": "JSON"},
            )
            assert "Regions" in aliyun.json()


def test_the_older_tea_core_send_point_is_answered_sync_and_async(ecs_mock):
    """tea-openapi 0.3.x sends through ``Tea.core.TeaCore`` (sdk-wire.md §4.3): both its send points are answered."""
    import json as json_module

    from Tea.core import TeaCore
    from Tea.request import TeaRequest

    def request():
        tea = TeaRequest()
        tea.protocol, tea.method, tea.pathname = "https", "POST", "/"
        tea.headers = {"host": "ecs-cn-hangzhou.aliyuncs.com"}
        tea.query = {"Action": "DescribeRegions", "Version": "2014-05-26", "Format": "JSON"}
        return tea

    sync = TeaCore.do_action(request())
    answered = asyncio.run(TeaCore.async_do_action(request()))
    for response in (sync, answered):
        assert response.status_code == 200 and "Regions" in json_module.loads(response.body)
    assert [c.action for c in ecs_mock.calls] == ["DescribeRegions", "DescribeRegions"]
