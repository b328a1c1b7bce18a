"""Default credential chains act as the default account, and nothing Alibaba-bound leaves the process."""

import asyncio
import json
import socket
import urllib.error
import urllib.request

import pytest


@pytest.fixture
def connect_spy():
    """Records every socket connection that gets past the mock's guard (installed before the mock)."""
    attempts = []
    real_connect = socket.socket.connect

    def spy(sock, address):
        attempts.append(address)
        return real_connect(sock, address)

    socket.socket.connect = spy
    yield attempts
    socket.socket.connect = real_connect


def test_v2_default_credential_chain_acts_as_the_default_account_without_probing(ecs_mock, connect_spy):
    import alibabacloud_credentials.utils.auth_util  # noqa: F401  (imported before the mock started, as in real suites)
    from alibabacloud_credentials.client import Client as CredentialClient
    from alibabacloud_sts20150401.client import Client
    from alibabacloud_tea_openapi.models import Config

    chain = CredentialClient()
    # The chain stops at its first provider, the environment: it never gets to the metadata probe.
    assert chain.get_credential().provider_name == "default/env"
    identity = Client(Config(credential=chain, region_id="cn-hangzhou")).get_caller_identity().body
    assert identity.account_id == ecs_mock.default_account.account_id
    assert connect_spy == []


def test_v1_client_from_the_environment_acts_as_the_default_account(ecs_mock, connect_spy):
    from aliyunsdkcore.client import AcsClient
    from aliyunsdksts.request.v20150401.GetCallerIdentityRequest import GetCallerIdentityRequest

    identity = json.loads(AcsClient(region_id="cn-hangzhou").do_action_with_exception(GetCallerIdentityRequest()))
    assert identity["AccountId"] == ecs_mock.default_account.account_id
    assert connect_spy == []


def test_the_metadata_address_fails_at_once_and_never_connects(ecs_mock, connect_spy):
    from aliyunsdkcore.acs_exception.exceptions import ClientException
    from aliyunsdkcore.auth.credentials import EcsRamRoleCredential
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkecs.request.v20140526.DescribeRegionsRequest import DescribeRegionsRequest

    # Refused by the guard itself (the error names aliyun-mock), not by a timeout somewhere.
    with pytest.raises((ClientException, OSError)) as v1_probe:
        AcsClient(region_id="cn-hangzhou", credential=EcsRamRoleCredential("some-role")).do_action_with_exception(
            DescribeRegionsRequest()
        )
    assert "aliyun-mock" in str(v1_probe.value)
    import requests

    with pytest.raises(requests.ConnectionError) as v2_probe:
        requests.get("http://100.100.100.200/latest/meta-data/ram/security-credentials/", timeout=5)
    assert "aliyun-mock" in str(v2_probe.value)
    assert connect_spy == []


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_an_unimplemented_product_never_opens_a_socket(ecs_mock, connect_spy, scheme):
    import requests

    answered = requests.get(f"{scheme}://rds.cn-hangzhou.aliyuncs.com/?Action=DescribeDBInstances", timeout=5)
    assert answered.json()["Code"] == "AliyunMock.NotImplemented"
    with pytest.raises(urllib.error.URLError) as blocked:  # a client the mock does not answer is stopped instead
        urllib.request.urlopen(f"{scheme}://rds.cn-hangzhou.aliyuncs.com/", timeout=5)
    assert "aliyun-mock" in str(blocked.value)

    async def bare_aiohttp():
        import aiohttp

        async with aiohttp.ClientSession() as session:
            async with session.get(f"{scheme}://ecs.aliyuncs.com/"):
                pass

    with pytest.raises(Exception) as aiohttp_blocked:
        asyncio.run(bare_aiohttp())
    assert "aliyun-mock" in repr(aiohttp_blocked.value) or "aliyun-mock" in str(aiohttp_blocked.value.__cause__)
    assert connect_spy == []


def test_the_guard_lets_other_hosts_through(ecs_mock):
    assert socket.getaddrinfo("localhost", 80)
