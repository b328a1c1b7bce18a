"""Server mode: the admin API, the command line, concurrency against one server."""

import json
import signal
import subprocess
import sys
import threading

import pytest
import requests

from aliyun_mock.server import ThreadedServer
from conftest_plugin import signed_query


@pytest.fixture
def server():
    with ThreadedServer() as running:
        yield running


def admin(server, method, path, **kwargs):
    return requests.request(method, f"http://{server.endpoint}/_mock/{path}", timeout=5, **kwargs)


def signed(server, account, action, **params):
    query = signed_query(
        action,
        params,
        access_key_id=account["access_key_id"],
        secret=account["access_key_secret"],
        timestamp="2026-01-01T00:00:00Z",
    )
    return requests.get(f"http://{server.endpoint}/", params=query, timeout=5)


def test_admin_api_accounts_calls_errors_state_query_reset(server):
    account = admin(server, "POST", "accounts", json={"account_id": "1234567890123456", "site": "international"})
    assert account.status_code == 201
    assert account.json()["account_id"] == "1234567890123456" and account.json()["access_key_id"].startswith("LTAI")
    assert (
        admin(
            server, "POST", "errors", json={"action": "DescribeRegions", "code": "Throttling", "times": 1}
        ).status_code
        == 201
    )
    throttled = signed(server, account.json(), "DescribeRegions")
    assert (throttled.status_code, throttled.json()["Code"]) == (400, "Throttling")
    assert signed(server, account.json(), "DescribeRegions").status_code == 200
    calls = admin(server, "GET", "calls").json()
    assert [(c["action"], c["account_id"], c["code"]) for c in calls] == [
        ("DescribeRegions", "1234567890123456", "Throttling"),
        ("DescribeRegions", "1234567890123456", None),
    ]
    state = admin(server, "GET", "state").json()
    assert state["version"] == 1
    query = admin(server, "GET", "query", params={"expression": "accounts[].account_id"}).json()
    assert "1234567890123456" in query
    assert admin(server, "POST", "reset").json()["reset"] is True
    assert len(admin(server, "GET", "state").json()["accounts"]) == 1
    assert admin(server, "PUT", "state", json=state).json() == {"loaded": True}
    assert "1234567890123456" in admin(server, "GET", "query", params={"expression": "accounts[].account_id"}).json()


@pytest.mark.parametrize(
    "method, path, body, status",
    [
        ("POST", "errors", "not json", 400),
        ("POST", "errors", json.dumps({"action": "X"}), 400),
        ("POST", "errors", json.dumps({"action": "X", "code": "Y", "times": 0}), 400),
        ("POST", "accounts", json.dumps({"account_id": "abc"}), 400),
        ("PUT", "state", json.dumps({"version": 99}), 400),
        ("PUT", "state", json.dumps([1, 2]), 400),
        ("GET", "query", None, 400),
        ("DELETE", "state", None, 405),
        ("GET", "nothing-here", None, 404),
    ],
)
def test_bad_admin_requests_get_clear_4xx(server, method, path, body, status):
    response = admin(server, method, path, data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == status
    assert response.json()["error"]


def test_query_with_a_bad_expression(server):
    response = admin(server, "GET", "query", params={"expression": "accounts[?"})
    assert response.status_code == 400 and "JMESPath" in response.json()["error"]


def served_config(server, account, region="cn-hangzhou"):
    """A V2 SDK config that reaches the server with the account's key."""
    from alibabacloud_tea_openapi.models import Config

    return Config(
        access_key_id=account.access_key_id,
        access_key_secret=account.access_key_secret,
        endpoint=server.endpoint,
        protocol="http",
        region_id=region,
    )


def served_image(server, client, owner, **naming):
    """A custom image of the owner's, made through the server from a new instance."""
    from alibabacloud_ecs20140526 import models

    instance = client.run_instances(
        models.RunInstancesRequest(
            region_id="cn-hangzhou",
            image_id="ubuntu_22_04_x64_20G_alibase_20250722.vhd",
            instance_type="ecs.g7.large",
            **server_network(server, owner),
        )
    )
    instance_id = instance.body.instance_id_sets.instance_id_set[0]
    request = models.CreateImageRequest(region_id="cn-hangzhou", instance_id=instance_id, **naming)
    return client.create_image(request).body.image_id


def server_network(server, account, region="cn-hangzhou"):
    """VSwitchId and SecurityGroupId for a launch, made through the server with the VPC and ECS SDKs."""
    from alibabacloud_ecs20140526 import models as ecs_models
    from alibabacloud_ecs20140526.client import Client as EcsClient
    from alibabacloud_vpc20160428 import models
    from alibabacloud_vpc20160428.client import Client

    config = served_config(server, account, region)
    vpc = Client(config).create_vpc(models.CreateVpcRequest(region_id=region, cidr_block="10.0.0.0/8")).body.vpc_id
    vswitch = (
        Client(config)
        .create_vswitch(
            models.CreateVSwitchRequest(region_id=region, vpc_id=vpc, zone_id=f"{region}-h", cidr_block="10.0.0.0/16")
        )
        .body.v_switch_id
    )
    group = (
        EcsClient(config)
        .create_security_group(ecs_models.CreateSecurityGroupRequest(region_id=region, vpc_id=vpc))
        .body.security_group_id
    )
    return {"v_switch_id": vswitch, "security_group_id": group}


def test_dashboard_shows_accounts_images_shares_and_calls(server):
    from alibabacloud_ecs20140526 import models
    from alibabacloud_ecs20140526.client import Client

    owner = server.cloud.default_account
    sharee = server.cloud.create_account()
    client = Client(served_config(server, owner))
    image_id = served_image(server, client, owner, image_name="golden")
    client.modify_image_share_permission(
        models.ModifyImageSharePermissionRequest(
            region_id="cn-hangzhou", image_id=image_id, add_account=[sharee.account_id]
        )
    )
    requests.get(
        f"http://{server.endpoint}/", params={"Action": "<script>x</script>", "Version": "2014-05-26"}, timeout=5
    )
    page = admin(server, "GET", "dashboard").text
    for expected in (owner.account_id, sharee.account_id, image_id, "golden", "ModifyImageSharePermission"):
        assert expected in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>" not in page


def test_eight_threads_sharing_and_unsharing_lose_no_update(server):
    from alibabacloud_ecs20140526 import models
    from alibabacloud_ecs20140526.client import Client

    owner = server.cloud.default_account
    client = Client(served_config(server, owner))
    image_id = served_image(server, client, owner)
    errors = []

    def worker(thread: int) -> None:
        try:
            for n in range(6):  # each thread shares 6 accounts of its own, then unshares the odd ones
                account = str(4000000000000000 + thread * 100 + n)
                client.modify_image_share_permission(
                    models.ModifyImageSharePermissionRequest(
                        region_id="cn-hangzhou", image_id=image_id, add_account=[account]
                    )
                )
                client.describe_image_share_permission(
                    models.DescribeImageSharePermissionRequest(
                        region_id="cn-hangzhou", image_id=image_id, page_size=100
                    )
                )
                if n % 2:
                    client.modify_image_share_permission(
                        models.ModifyImageSharePermissionRequest(
                            region_id="cn-hangzhou", image_id=image_id, remove_account=[account]
                        )
                    )
        except Exception as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == [] and not any(t.is_alive() for t in threads)
    expected = {str(4000000000000000 + t * 100 + n) for t in range(8) for n in range(6) if n % 2 == 0}
    body = client.describe_image_share_permission(
        models.DescribeImageSharePermissionRequest(region_id="cn-hangzhou", image_id=image_id, page_size=100)
    ).body
    assert {a.aliyun_id for a in body.accounts.account} == expected and body.total_count == 24
    assert len([c for c in server.cloud.calls if c.action == "ModifyImageSharePermission"]) == 8 * 9


def test_the_command_line_serves_saves_state_on_sigterm_and_loads_it_again(tmp_path):
    state = tmp_path / "state.json"

    def start():
        process = subprocess.Popen(
            [sys.executable, "-m", "aliyun_mock", "server", "--port", "0", "--state", str(state)],
            stdout=subprocess.PIPE,
            text=True,
        )
        endpoint = process.stdout.readline().split("http://")[1].split()[0]
        account_line = process.stdout.readline()
        return process, endpoint, account_line

    process, endpoint, _ = start()
    try:
        created = requests.post(f"http://{endpoint}/_mock/accounts", json={"account_id": "5555555555555555"}, timeout=5)
        assert created.status_code == 201
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
    saved = json.loads(state.read_text())
    assert "5555555555555555" in [a["account_id"] for a in saved["accounts"]]

    process, endpoint, _ = start()
    try:
        accounts = requests.get(
            f"http://{endpoint}/_mock/query", params={"expression": "accounts[].account_id"}, timeout=5
        )
        assert "5555555555555555" in accounts.json()
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0


def test_the_admin_api_can_do_what_the_handle_does(server):
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_ecs20140526.models import DescribeRegionsRequest
    from alibabacloud_tea_openapi.exceptions import ClientException
    from alibabacloud_tea_openapi.models import Config

    assert admin(server, "GET", "health").json()["status"] == "ok"
    other = admin(server, "POST", "accounts", json={}).json()
    key = admin(server, "POST", "keys", json={"account_id": other["account_id"], "access_key_id": "LTAIgivenKey01"})
    assert key.status_code == 201 and key.json()["access_key_id"] == "LTAIgivenKey01"
    sts = admin(server, "POST", "sts", json={"account_id": other["account_id"], "duration_seconds": 900}).json()

    def client(**credentials):
        return Client(Config(endpoint=server.endpoint, protocol="http", region_id="cn-hangzhou", **credentials))

    temporary = client(
        access_key_id=sts["access_key_id"],
        access_key_secret=sts["access_key_secret"],
        security_token=sts["security_token"],
    )
    assert temporary.describe_regions(DescribeRegionsRequest()).body.regions.region
    assert server.cloud.calls[-1].account_id == other["account_id"]
    assert (
        admin(server, "POST", "deny", json={"account_id": other["account_id"], "action": "DescribeRegions"}).status_code
        == 201
    )
    with pytest.raises(ClientException) as denied:
        temporary.describe_regions(DescribeRegionsRequest())
    assert denied.value.code == "Forbidden.RAM"
    assert admin(server, "POST", "deny", json={"action": "DescribeRegion"}).status_code == 400  # typo
    assert admin(server, "POST", "keys/disable", json={"access_key_id": "LTAIgivenKey01"}).status_code == 200
    with pytest.raises(ClientException) as disabled:
        client(access_key_id="LTAIgivenKey01", access_key_secret=key.json()["access_key_secret"]).describe_regions(
            DescribeRegionsRequest()
        )
    assert disabled.value.code == "InvalidAccessKeyId.Inactive"
    assert admin(server, "POST", "transitions", json={"hold": True}).json()["held"] is True
    assert admin(server, "POST", "transitions", json={"settle": True}).json() == {"settled": 0}
    assert admin(server, "POST", "transitions", json={"release": True}).status_code == 200
    assert admin(server, "POST", "transitions", json={"hold": True, "polls": 0}).status_code == 400
    admin(server, "POST", "errors", json={"action": "DescribeZones", "code": "Throttling"})
    assert "DescribeZones" in admin(server, "GET", "errors/unused").json()["unused"]
    assert admin(server, "DELETE", "calls").json()["cleared"] >= 1
    assert admin(server, "GET", "calls").json() == []


def test_the_command_line_takes_strict_seed_account_id_and_says_its_version():
    import aliyun_mock

    version = subprocess.run([sys.executable, "-m", "aliyun_mock", "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == f"aliyun-mock {aliyun_mock.__version__}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aliyun_mock",
            "server",
            "--port",
            "0",
            "--strict",
            "--seed",
            "7",
            "--account-id",
            "1234567890123456",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        endpoint = process.stdout.readline().split("http://")[1].split()[0]
        assert process.stdout.readline().startswith("default account 1234567890123456:")
        unknown = requests.get(
            f"http://{endpoint}/",
            params={
                "Action": "DescribeRegions",
                "Version": "2014-05-26",
                "Format": "JSON",
                "AccessKeyId": "LTAInobody",
            },
            timeout=5,
        )
        assert unknown.json()["Code"] == "InvalidAccessKeyId.NotFound"  # strict
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(10)
    refused = subprocess.run(
        [sys.executable, "-m", "aliyun_mock", "server", "--port", "0", "--account-id", "abc"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert refused.returncode == 2 and "digits" in refused.stderr
