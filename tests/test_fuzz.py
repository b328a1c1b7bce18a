"""Fuzzed input: whatever a client sends, the answer is a well-formed API body — a documented
error or a success — never a traceback, never an HTTP 500 (other than an injected one).

Each Hypothesis example is a batch of requests, so the suite sends well over 10,000 requests to
the application in CI; a summary (requests, errors by code, tracebacks) is written to
tests/.artifacts/fuzz.json.
"""

import json
import logging
import os
import string
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import pytest
from helpers import generic_call
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aliyun_mock import mock_ecs
from aliyun_mock.core.wire import WireRequest
from aliyun_mock.ecs import ECS
from aliyun_mock.products import PRODUCTS
from conftest_plugin import signed_query

BATCH = 16
# × BATCH requests: 11,200 in CI; ALIYUN_MOCK_FUZZ_EXAMPLES=5000 for a deeper local run.
EXAMPLES = int(os.environ.get("ALIYUN_MOCK_FUZZ_EXAMPLES", "700"))
ARTIFACTS = Path(__file__).with_name(".artifacts")
ACTIONS = sorted(ECS.actions) + ["DescribeDedicatedHosts", "NoSuchAction", "", "Describe Images", "AssumeRole"]
PARAMETERS = sorted({p.name for action in ECS.actions.values() for p in action.parameters}) + [
    "AddAccount.0",
    "AddAccount.9999",
    "AddAccount.1.Key",
    "Tag.0.Key",
    "Tag.1",
    "Filter.1.Value",
    "SystemDisk.Size",
    "InstanceId.3",
    "DiskDeviceMapping.2.Size",
    "DiskDeviceMapping.1",
    "Filter.1",
    "SystemDisk",
    "SystemDisk.1",
    "Format",
    "Version",
    "Action",
    "Signature",
    "AccessKeyId",
    "",
]
HOSTS = [
    "ecs.aliyuncs.com",
    "ecs-cn-hangzhou.aliyuncs.com",
    "ecs.xx-nowhere-9.aliyuncs.com",
    "sts.aliyuncs.com",
    "rds.aliyuncs.com",
    "127.0.0.1",
    "ecs-vpc.cn-beijing.aliyuncs.com",
]

# Every product's actions, at its own hosts and API version, besides ECS's (drawn most often).
PRODUCT_OF = {plugin.product.host_label: plugin.product for plugin in PRODUCTS}
LABELS = ["ecs"] * 3 + sorted(PRODUCT_OF)

# Strange values are drawn from fixed pools (cheap to generate) rather than grown character by character.
ODD_VALUES = [
    "",
    " ",
    "cn-hangzhou",
    "cn-beijing",
    "xx-nowhere-1",
    "True",
    "false",
    "maybe",
    "0",
    "-1",
    "101",
    "99999999999999999999",
    "1e3",
    "m-bp1doesnotexist",
    "i-",
    "d-x",
    "ALL",
    "self",
    "others",
    "[]",
    '["i-1"]',
    "[1, 2]",
    "{",
    "null",
    "1234567890",
    "ubuntu_22_04_x64_20G_alibase_20250722.vhd",
    "ecs.g7.large",
    "镜像共享",
    "ß" * 40,
    "\u0000",
    "\ud7ff\ue000",
    "x" * 5000,
    string.printable,
    "%zz%",
    "a&b=c",
    "../..",
    "<Error>",
    "'; DROP TABLE images; --",
    "Deprecated",
    "Available",
    "http://x",
    "auto-snap",
]
values = st.one_of(st.sampled_from(ODD_VALUES), st.text(max_size=12), st.integers().map(str))
parameters = st.lists(st.tuples(st.sampled_from(PARAMETERS), values), max_size=6)


@st.composite
def requests_(draw):
    """Mostly well-enveloped requests (so that handlers are reached) with fuzzed parameters, and
    some whose envelope itself is broken."""
    product = PRODUCT_OF[draw(st.sampled_from(LABELS))]
    action = draw(st.sampled_from(sorted(product.actions)) | st.sampled_from(ACTIONS) | st.text(max_size=30))
    declared = [p.name for p in product.actions[action].parameters] if action in product.actions else []
    suffixes = st.sampled_from(["", "", "", ".1", ".2", ".1.Key", ".1.Value", ".0", ".9999", ".1.1", ".Size"])
    names = draw(st.lists(st.sampled_from(declared), max_size=8)) if declared else []
    params = [(name + draw(suffixes), draw(values)) for name in names]
    params += [("RegionId", draw(st.sampled_from(["cn-hangzhou", "cn-hangzhou", "cn-beijing", "xx-1", ""])))]
    params += draw(parameters)
    style = draw(st.sampled_from(["rpc", "rpc", "rpc", "acs3", "none"]))
    version = draw(st.sampled_from([product.version] * 3 + ["2014-05-26", "2015-04-01", "", "2099-01-01"]))
    headers = {"content-type": draw(st.sampled_from(["", "application/x-www-form-urlencoded", "application/json"]))}
    if style == "rpc":
        params += [
            ("Action", action),
            ("Version", version),
            ("Format", draw(st.sampled_from(["JSON", "json", "XML", "YAML", ""]))),
        ]
    elif style == "acs3":
        headers.update(
            {
                "x-acs-action": action,
                "x-acs-version": version,
                "authorization": draw(
                    st.sampled_from(
                        [
                            "",
                            "ACS3-HMAC-SHA256 Credential=LTAIx,SignedHeaders=host,Signature=00",
                            "ACS3-HMAC-SHA256 garbage",
                            "Basic abc",
                        ]
                    )
                ),
            }
        )
    body = draw(st.sampled_from([b"", b"RegionId=cn-hangzhou&ImageId=", b"\xff\xfe\x00", b"AddAccount.1=1&AddAc"]))
    return WireRequest(
        method=draw(st.sampled_from(["GET", "POST", "PUT", "DELETE"])),
        scheme="https",
        host=draw(
            st.sampled_from(
                [f"{product.host_label}.aliyuncs.com", f"{product.host_label}.cn-hangzhou.aliyuncs.com"] * 3 + HOSTS
            )
        ),
        path=draw(st.sampled_from(["/", "/x", ""])),
        query=urlencode(params),
        headers=headers,
        body=body,
        url="https://fuzz/",
    )


def well_formed(status, headers, payload):
    content_type = dict(headers)["Content-Type"]
    assert status != 500, payload
    if content_type.startswith("application/json"):
        body = json.loads(payload)
        assert body["RequestId"]
        if status != 200:
            assert set(body) == {"RequestId", "HostId", "Code", "Message", "Recommend"}
            return body["Code"]
        return None
    assert content_type == "text/xml;charset=utf-8" and payload.startswith(b"<?xml")
    return None if status == 200 else payload.split(b"<Code>")[1].split(b"</Code>")[0].decode()


@pytest.fixture(scope="module")
def tally():
    counts = {"requests": 0, "codes": Counter(), "tracebacks": 0}
    yield counts
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "fuzz.json").write_text(json.dumps({**counts, "codes": dict(counts["codes"].most_common())}, indent=1))


class _Tracebacks(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def test_fuzzed_requests_get_well_formed_answers(tally):
    with mock_ecs() as cloud:
        catcher = _Tracebacks()
        logging.getLogger("aliyun_mock").addHandler(catcher)
        try:

            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
            )
            @given(st.lists(requests_(), min_size=BATCH, max_size=BATCH))
            def run(batch):
                for request in batch:
                    code = well_formed(*cloud.app.answer(request))
                    tally["requests"] += 1
                    tally["codes"][code or "success"] += 1

            run()
        finally:
            logging.getLogger("aliyun_mock").removeHandler(catcher)
        tally["tracebacks"] = len(catcher.records)
    assert tally["requests"] >= 10_000
    assert catcher.records == [], catcher.records[0].getMessage()


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.dictionaries(st.sampled_from(PARAMETERS[:60]), values, max_size=6),
    action=st.sampled_from(sorted(ECS.actions)),
)
def test_signed_fuzz_through_the_v2_sdk_never_breaks_the_client(ecs_mock, params, action):
    """The V2 SDK's generic call with fuzzed parameters: an SDK exception of the documented kind, or a body.
    The one 5xx allowed is the mock's own 501 naming a parameter it does not implement."""
    from alibabacloud_tea_openapi.exceptions import ClientException, ServerException

    try:
        body = generic_call(ecs_mock, action, {k: v for k, v in params.items() if k})["body"]
        assert body["RequestId"]
    except ClientException as error:  # 4xx: never a 500, never anything else
        assert error.data["Code"] and error.data["Message"] is not None
    except ServerException as error:
        assert (error.data["statusCode"], error.data["Code"]) == (501, "AliyunMock.NotImplemented")
        assert error.data["Message"].startswith("Parameter ") and action in error.data["Message"]


def test_broken_signatures_are_refused_with_the_documented_codes(ecs_mock):
    account = ecs_mock.default_account
    base = signed_query(
        "DescribeRegions",
        access_key_id=account.access_key_id,
        secret=account.access_key_secret,
        nonce="n",
        timestamp="2026-01-01T00:00:00Z",
    )
    good = base.pop("Signature")
    for broken in ("", good[:-2], good.lower(), "A" * 28, "人" * 10):
        status, _, payload = ecs_mock.app.answer(
            WireRequest(
                "GET", "https", "ecs.aliyuncs.com", "/", urlencode({**base, "Signature": broken}), {}, b"", "https://x/"
            )
        )
        assert (status, json.loads(payload)["Code"]) in ((400, "SignatureDoesNotMatch"), (400, "IncompleteSignature"))


@pytest.mark.parametrize(
    "action, params",
    [
        ("DescribeImages", {"Tag.1": "x"}),
        ("DescribeImages", {"Filter.1": "x"}),
        ("CreateImage", {"DiskDeviceMapping.1": "x"}),
        ("DescribeInstances", {"Tag.1": "x", "Tag.2.Key": "k"}),
        ("ModifyImageSharePermission", {"ImageId": "m-x", "AddAccount.1.Key": "1234567890"}),
    ],
)
def test_list_elements_of_the_wrong_shape_are_not_read(ecs_mock, action, params):
    """Regression (found by the fuzz suite): ``Tag.1=x`` where ``Tag.1.Key`` is meant was a 500."""
    query = urlencode(
        {"Action": action, "Version": "2014-05-26", "Format": "JSON", "RegionId": "cn-hangzhou", **params}
    )
    status, headers, payload = ecs_mock.app.answer(
        WireRequest("GET", "https", "ecs.aliyuncs.com", "/", query, {}, b"", "https://x/")
    )
    assert status < 500 and well_formed(status, headers, payload) != "InternalError"


def test_a_regionless_call_before_any_region_was_used_is_answered(ecs_mock):
    """Regression (found by the fuzz suite): with no region in the call and none used yet, looking
    for the disk changed the region table while iterating it — a 500."""
    query = urlencode({"Action": "ReInitDisk", "Version": "2014-05-26", "Format": "JSON", "DiskId": "d-none"})
    status, headers, payload = ecs_mock.app.answer(
        WireRequest("GET", "https", "ecs.aliyuncs.com", "/", query, {}, b"", "https://x/")
    )
    assert (status, well_formed(status, headers, payload)) == (404, "InvalidDiskId.NotFound")


# --- over real sockets: malformed request lines, headers, bodies, encodings ---------------------------

REQUEST_LINES = [
    b"GET / HTTP/1.1",
    b"POST /?Action=DescribeRegions&Version=2014-05-26 HTTP/1.1",
    b"GET /_mock/state HTTP/1.1",
    b"PUT /_mock/state HTTP/1.1",
    b"GET",
    b"GET /",
    b"BREW / HTTP/1.1",
    b"GET / HTTP/9.9",
    b"GET / HTTP/1.0",
    b"GET /%zz%00 HTTP/1.1",
    b"GET /?" + b"A" * 70000 + b" HTTP/1.1",
    b"\x00\xff\xfe",
    b"",
    b"GET /?Action=DescribeImages&Version=2014-05-26&RegionId=cn-hangzhou&Tag.\xc3\x28.Key=x HTTP/1.1",
]
HEADER_LINES = [
    b"Host: 127.0.0.1",
    b"Host: attacker.example",
    b"Host:",
    b"Content-Length: 5",
    b"Content-Length: -1",
    b"Content-Length: 99999999999999999999",
    b"Content-Length: 3\r\nContent-Length: 4",
    b"Transfer-Encoding: chunked",
    b"Transfer-Encoding: gzip, chunked",
    b"Content-Type: application/json",
    b"Content-Type: application/x-www-form-urlencoded",
    b"Origin: null",
    b"X-" + b"a" * 70000 + b": 1",
    b"no colon here",
    b" folded: header",
    b"Authorization: ACS3-HMAC-SHA256 \xff\xfe",
    b"Expect: 100-continue",
    b"Connection: close",
]
BODIES = [
    b"",
    b"{}",
    b"Action=DescribeRegions&Version=2014-05-26",
    b"0\r\n\r\n",
    b"zz\r\nbad\r\n",
    b"5\r\nhello\r\n0\r\n\r\n",
    b"\xff" * 100,
    b'{"version": 1',
    b"a=" + b"b" * 10000,
]
raw_requests = st.builds(
    lambda line, headers, body: line + b"\r\n" + b"".join(h + b"\r\n" for h in headers) + b"\r\n" + body,
    st.sampled_from(REQUEST_LINES),
    st.lists(st.sampled_from(HEADER_LINES), max_size=5),
    st.sampled_from(BODIES),
)


def _send_raw(port, data):
    """The status of the answer to ``data`` (None when the server closed without one)."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        try:
            connection.sendall(data)
            connection.shutdown(socket.SHUT_WR)
            answer = connection.recv(64)
        except OSError:
            return None
    parts = answer.split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def test_fuzzed_bytes_over_http_never_get_a_500_or_a_traceback(caplog):
    from aliyun_mock.server import ThreadedServer

    statuses = Counter()
    with ThreadedServer(read_timeout=0.5) as server, caplog.at_level(logging.ERROR):

        @settings(
            max_examples=int(os.environ.get("ALIYUN_MOCK_HTTP_FUZZ_EXAMPLES", "250")),
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        )
        @given(raw_requests)
        def run(data):
            status = _send_raw(server.port, data)
            statuses[status] += 1
            assert status != 500, data[:200]

        run()
        assert _send_raw(server.port, b"GET /_mock/state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") == 200
    tracebacks = [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    assert not tracebacks, tracebacks[0].getMessage()
    assert sum(statuses.values()) >= 250 and len(statuses) > 3  # many kinds of answer, none a 500
