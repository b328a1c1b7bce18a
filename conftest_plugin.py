"""Test harness: run one end-to-end test through every client path a user can take.

The ``client_path`` fixture is parametrised over the V1 SDK, the V2 SDK (sync and async), raw
``requests`` with a hand-signed RPC request, and the V2 SDK against the mock in server mode. Each path takes the action's parameters in the
API's own names and returns the success body as a dict, or raises ``ApiFailure`` carrying what
that client surfaced (status, Code, Message) after checking it is the client's own exception type::

    def test_share(client_path, ecs_mock):
        body = client_path.call("DescribeImages", {"RegionId": "cn-hangzhou"})
"""

from __future__ import annotations

import asyncio
import base64
import datetime
import hashlib
import hmac
import importlib
import json
import re
import uuid
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple
from urllib.parse import quote

import pytest

from aliyun_mock import Account, MockEcs

CLIENT_PATHS = ("v1", "v2", "v2_async", "requests", "server")
# API version of each product a path can call (``call(..., product="vpc")``).
VERSIONS = {"ecs": "2014-05-26", "vpc": "2016-04-28", "resourcemanager": "2020-03-31", "resourcesharing": "2020-01-10"}


class ApiFailure(Exception):
    """An error answer, as one client path surfaced it."""

    def __init__(self, status: int, code: str, message: str, request_id: str, original: BaseException) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.request_id = request_id
        self.original = original


def flatten(params: Dict[str, Any]) -> List[Tuple[str, str]]:
    """``{"AddAccount": ["1", "2"]}`` → ``[("AddAccount.1", "1"), ("AddAccount.2", "2")]``, as the SDKs send."""
    pairs: List[Tuple[str, str]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{prefix}.{key}", item)
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value, 1):
                walk(f"{prefix}.{index}", item)
        elif value is not None:
            pairs.append((prefix, str(value)))

    for name, value in params.items():
        walk(name, value)
    return pairs


def json_styled(product: str, action: str, params: Dict[str, Any]) -> Dict[str, Any]:
    """``params`` with the values the action takes as one JSON text (style ``json``, such as
    InvokeCommand's ``Parameters``) encoded as the SDKs encode them, the rest as given."""
    from aliyun_mock.products import PRODUCTS

    described = next(p.product for p in PRODUCTS if p.product.host_label == product).describe(action)
    documented = described.parameters if described else {}
    return {
        k: json.dumps(v) if isinstance(v, (dict, list)) and documented.get(k, {}).get("style") == "json" else v
        for k, v in params.items()
    }


def snake_case(action: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", action).lower()


class ClientPath:
    name = ""

    def __init__(self, cloud: MockEcs) -> None:
        self.cloud = cloud

    def call(
        self,
        action: str,
        params: Dict[str, Any],
        *,
        account: Optional[Account] = None,
        region_id: str = "cn-hangzhou",
        product: str = "ecs",
    ) -> Dict[str, Any]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<client path {self.name}>"


class V1Path(ClientPath):
    name = "v1"

    def call(self, action, params, *, account=None, region_id="cn-hangzhou", product="ecs"):
        from aliyunsdkcore.acs_exception.exceptions import ServerException

        version = VERSIONS[product].replace("-", "")
        module = importlib.import_module(f"aliyunsdk{product}.request.v{version}.{action}Request")
        request = getattr(module, f"{action}Request")()
        for key, value in flatten(json_styled(product, action, params)):
            request.add_query_param(key, value)
        client = self.cloud.client("v1", account, region_id)
        try:
            return json.loads(client.do_action_with_exception(request))
        except ServerException as error:
            raise ApiFailure(
                error.get_http_status(), error.get_error_code(), error.get_error_msg(), error.get_request_id(), error
            ) from error


class V2Path(ClientPath):
    name = "v2"

    def _request(self, action: str, params: Dict[str, Any], product: str) -> Any:
        models = importlib.import_module(f"alibabacloud_{product}{VERSIONS[product].replace('-', '')}.models")
        if not hasattr(models, f"{action}Request"):  # an action without parameters: its method takes no request
            assert not params, f"the V2 SDK's {action} takes no parameters"
            return None
        request = getattr(models, f"{action}Request")().from_map(params)
        unknown = set(params) - set(request.to_map())
        assert not unknown, f"the V2 SDK's {action}Request has no field for {sorted(unknown)}"
        return request

    def _send(self, client: Any, action: str, request: Any) -> Any:
        return getattr(client, snake_case(action))(*[request][: request is not None])

    def _client(self, account: Optional[Account], region_id: str, product: str) -> Any:
        return self.cloud.client("v2", account, region_id, product=product)

    def call(self, action, params, *, account=None, region_id="cn-hangzhou", product="ecs"):
        from alibabacloud_tea_openapi.exceptions import ClientException, ServerException

        client = self._client(account, region_id, product)
        try:
            response = self._send(client, action, self._request(action, params, product))
        except (ClientException, ServerException) as error:
            expected = ClientException if error.status_code < 500 else ServerException
            assert type(error) is expected, f"{type(error).__name__} for HTTP {error.status_code}"
            body = error.data
            assert error.message == f"code: {error.status_code}, {body['Message']} request id: {body['RequestId']}"
            raise ApiFailure(error.status_code, error.code, body["Message"], error.request_id, error) from error
        assert response.status_code == 200
        assert response.body is not None, "the SDK could not map the body onto its response model"
        return response.body.to_map()


class V2AsyncPath(V2Path):
    name = "v2_async"

    def _send(self, client: Any, action: str, request: Any) -> Any:
        return asyncio.run(getattr(client, f"{snake_case(action)}_async")(*[request][: request is not None]))


class ServerPath(V2Path):
    """The V2 SDK pointed at the same mock served over HTTP (``ThreadedServer``), as other languages use it."""

    name = "server"

    def __init__(self, cloud: MockEcs) -> None:
        from aliyun_mock.remote import RemoteMock
        from aliyun_mock.server import ThreadedServer

        super().__init__(cloud)
        # Under ALIYUN_MOCK_SERVER the mock is a server already: the SDK goes to it directly.
        self.server = None if isinstance(cloud, RemoteMock) else ThreadedServer(cloud=cloud).start()
        self.endpoint = cloud.endpoint if self.server is None else self.server.endpoint

    def _client(self, account: Optional[Account], region_id: str, product: str) -> Any:
        from alibabacloud_tea_openapi.models import Config

        Client = importlib.import_module(f"alibabacloud_{product}{VERSIONS[product].replace('-', '')}.client").Client
        account = account or self.cloud.default_account
        return Client(
            Config(
                access_key_id=account.access_key_id,
                access_key_secret=account.access_key_secret,
                endpoint=self.endpoint,
                protocol="http",
                region_id=region_id,
            )
        )


class RequestsPath(ClientPath):
    """A hand-built, HMAC-SHA1-signed RPC request sent with plain ``requests`` (GET)."""

    name = "requests"

    def call(self, action, params, *, account=None, region_id="cn-hangzhou", product="ecs"):
        import requests

        account = account or self.cloud.default_account
        query = signed_query(
            action,
            dict(flatten(json_styled(product, action, params))),
            access_key_id=account.access_key_id,
            secret=account.access_key_secret,
            version=VERSIONS[product],
        )
        response = requests.get(f"https://{product}.{region_id}.aliyuncs.com/", params=query, timeout=5)
        body = response.json()
        if response.status_code != 200:
            raise ApiFailure(response.status_code, body["Code"], body["Message"], body["RequestId"], Exception(body))
        return body


def rpc_signature(method: str, params: Dict[str, str], secret: str) -> str:
    """The RPC (HMAC-SHA1) signature of shared/sdk-wire.md §3."""

    def pct(text: str) -> str:
        return quote(text, safe="~")

    canonical = "&".join(f"{pct(k)}={pct(v)}" for k, v in sorted(params.items()))
    string_to_sign = f"{method}&%2F&{pct(canonical)}"
    digest = hmac.new((secret + "&").encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def signed_query(
    action: str,
    params: Optional[Mapping[str, str]] = None,
    *,
    access_key_id: str,
    secret: str,
    version: str = "2014-05-26",
    nonce: Optional[str] = None,
    timestamp: Optional[str] = None,
    method: str = "GET",
    sign: bool = True,
) -> Dict[str, str]:
    """The whole query of a hand-built RPC request, ``Signature`` (HMAC-SHA1, ``rpc_signature``) last.

    For wire cases the SDKs cannot produce. ``nonce`` and ``timestamp`` default to a fresh nonce and
    the current time; pass them to reuse a nonce or send an old or malformed time stamp. ``params``
    come after the protocol parameters, so a name there (``Format="XML"``) replaces the protocol's
    value. ``sign=False`` leaves ``Signature`` out; ``secret`` is then unused. ``method`` is the one
    the request will be sent with, as it is part of what is signed.
    """
    query = {
        "Action": action,
        "Version": version,
        "Format": "JSON",
        "AccessKeyId": access_key_id,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "SignatureNonce": uuid.uuid4().hex if nonce is None else nonce,
        "Timestamp": (
            datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            if timestamp is None
            else timestamp
        ),
        **(params or {}),
    }
    if sign:
        query["Signature"] = rpc_signature(method, query, secret)
    return query


_PATHS = {cls.name: cls for cls in (V1Path, V2Path, V2AsyncPath, RequestsPath, ServerPath)}


@pytest.fixture(params=CLIENT_PATHS)
def client_path(request: pytest.FixtureRequest, ecs_mock: MockEcs) -> Iterator[ClientPath]:
    """The same test through each client path, against the started ``ecs_mock``."""
    path = _PATHS[request.param](ecs_mock)
    yield path
    if isinstance(path, ServerPath) and path.server is not None:
        path.server.stop()
