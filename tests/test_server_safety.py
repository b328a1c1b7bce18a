"""Server mode answers only its own clients: a web page on another origin, a re-bound DNS name or an
HTML form can neither read nor change the mock, while SDK clients and the dashboard work as before;
the request log never shows credentials."""

import http.client
import json
import subprocess
import sys
from urllib.parse import urlencode

import pytest
import requests

from aliyun_mock.core.wire import redact
from aliyun_mock.server import ThreadedServer
from aliyun_mock.server_guard import HostPolicy, host_name, safe_body
from conftest_plugin import signed_query


@pytest.fixture
def server():
    with ThreadedServer(allow_hosts=["mock.internal"]) as running:
        yield running


def raw(server, method, path, headers=None, body=b""):
    """One request with exactly these headers (``requests`` would add its own Host)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for name, value in (headers or {}).items():
        connection.putheader(name, value)
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), json.loads(response.read() or b"null")


def own(server):
    return {"Host": f"127.0.0.1:{server.port}"}


def test_a_rebound_dns_name_reads_nothing(server):
    status, _, body = raw(server, "GET", "/_mock/state", {"Host": f"attacker.example:{server.port}"})
    assert status == 403 and "attacker.example" in body["error"]
    status, _, body = raw(
        server, "GET", "/?Action=DescribeRegions&Version=2014-05-26", {"Host": f"attacker.example:{server.port}"}
    )
    assert (status, body["Code"]) == (403, "AliyunMock.Forbidden")


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "mock.internal:8080", "LOCALHOST:1"])
def test_own_hosts_are_served(server, host):
    status, _, body = raw(server, "GET", "/_mock/state", {"Host": host})
    assert status == 200 and body["version"] == 1


def test_api_requests_may_name_alibaba_clouds_hosts_as_proxies_and_sdks_do(server):
    status, _, body = raw(
        server,
        "GET",
        "/?Action=DescribeRegions&Version=2014-05-26&Format=JSON",
        {"Host": "ecs.cn-hangzhou.aliyuncs.com"},
    )
    assert status == 200 and body["Regions"]["Region"]
    status, _, _ = raw(server, "GET", "/_mock/state", {"Host": "ecs.cn-hangzhou.aliyuncs.com"})
    assert status == 403  # the admin API is not the cloud's


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("text/plain", b"{}"),
        ("application/x-www-form-urlencoded", b"a=b"),
        ("multipart/form-data; boundary=x", b"--x--"),
    ],
)
def test_an_html_form_cannot_change_the_mock(server, content_type, body):
    before = server.cloud.state()
    for path in ("/_mock/reset", "/_mock/errors", "/_mock/accounts"):
        status, _, answer = raw(server, "POST", path, {**own(server), "Content-Type": content_type}, body)
        assert status == 415 and "JSON" in answer["error"]
    assert server.cloud.state() == before


def test_another_origin_is_refused_even_with_json(server):
    before = server.cloud.state()
    headers = {**own(server), "Origin": "https://attacker.example", "Content-Type": "application/json"}
    assert raw(server, "POST", "/_mock/reset", headers, b"{}")[0] == 403
    status, _, body = raw(server, "GET", "/?Action=RunInstances&Version=2014-05-26", headers)
    assert (status, body["Code"]) == (403, "AliyunMock.Forbidden")
    assert raw(server, "GET", "/_mock/state", {**own(server), "Origin": "null"})[0] == 403
    assert server.cloud.state() == before


def test_the_servers_own_page_and_sdks_still_work(server):
    same = {**own(server), "Origin": f"http://127.0.0.1:{server.port}", "Content-Type": "application/json"}
    assert raw(server, "POST", "/_mock/accounts", same, b"{}")[0] == 201
    assert raw(server, "POST", "/_mock/reset", own(server))[0] == 200  # no body, no Content-Type: not a form
    assert requests.post(
        f"http://{server.endpoint}/_mock/errors", json={"action": "DescribeZones", "code": "Y"}, timeout=5
    ).ok
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_ecs20140526.models import DescribeRegionsRequest
    from alibabacloud_tea_openapi.models import Config

    account = server.cloud.default_account
    client = Client(
        Config(
            access_key_id=account.access_key_id,
            access_key_secret=account.access_key_secret,
            endpoint=server.endpoint,
            protocol="http",
            region_id="cn-hangzhou",
        )
    )
    assert client.describe_regions(DescribeRegionsRequest()).body.regions.region


def test_no_cors_headers_are_ever_sent(server):
    status, headers, _ = raw(
        server,
        "OPTIONS",
        "/_mock/state",
        {**own(server), "Origin": f"http://127.0.0.1:{server.port}", "Access-Control-Request-Method": "PUT"},
    )
    assert not [name for name in headers if name.lower().startswith("access-control-")]


def test_the_policy_and_the_redaction_as_units():
    policy = HostPolicy("0.0.0.0", 8899, ["[fd00::1]"])
    assert policy.serves("[::1]:8899", api=False) and policy.serves("fd00::1", api=False)
    assert not policy.serves("0.0.0.0:8899", api=False)
    assert policy.same_origin("http://localhost:8899") and not policy.same_origin("http://localhost:8898")
    assert not policy.same_origin("https://localhost:8899") and not policy.same_origin("http://localhost:99999")
    assert host_name("[::1]:80") == "::1" and host_name("Example.COM:1") == "example.com" and host_name("::1") == "::1"
    assert safe_body("POST", "application/json; charset=utf-8", 2) and safe_body("POST", None, 0)
    assert not safe_body("POST", None, 2) and not safe_body("PUT", "text/plain", 0)
    line = "GET /?Action=X&AccessKeyId=LTAI5tX&Signature=abc%3D&SecurityToken=CAIS&Name=web HTTP/1.1"
    assert redact(line) == "GET /?Action=X&AccessKeyId=***&Signature=***&SecurityToken=***&Name=web HTTP/1.1"


def test_the_command_line_is_quiet_by_default_and_masks_credentials_when_logging(tmp_path):
    for flags, logged in (([], False), (["--log-requests"], True)):
        process = subprocess.Popen(
            [sys.executable, "-m", "aliyun_mock", "server", "--port", "0", *flags],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            endpoint = process.stdout.readline().split("http://")[1].split()[0]
            requests.get(
                f"http://{endpoint}/",
                params={
                    "Action": "DescribeRegions",
                    "Version": "2014-05-26",
                    "AccessKeyId": "LTAI5tSECRETID",
                    "SecurityToken": "CAISsecret",
                },
                timeout=5,
            )
        finally:
            process.terminate()
            _, errors = process.communicate(timeout=10)
        assert "LTAI5tSECRETID" not in errors and "CAISsecret" not in errors
        assert ("DescribeRegions" in errors) is logged


# --- the state file -------------------------------------------------------------------------------


def serve(*arguments):
    return subprocess.Popen(
        [sys.executable, "-m", "aliyun_mock", "server", "--port", "0", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_killed_writer_leaves_the_old_or_the_new_state_never_a_broken_one(tmp_path):
    """SIGKILL at many points while a large state is being saved again and again."""
    import os
    import signal
    import time

    path = tmp_path / "state.json"
    writer = (
        "import sys\nfrom aliyun_mock.state_file import write\n"
        "big = ['x' * 1000] * 6000\nn = 0\n"
        "while True:\n    n += 1\n    write(sys.argv[1], {'n': n, 'payload': big})\n"
        "    sys.stdout.write(f'{n}\\n'); sys.stdout.flush()\n"
    )
    for attempt in range(12):
        process = subprocess.Popen([sys.executable, "-c", writer, str(path)], stdout=subprocess.PIPE, text=True)
        process.stdout.readline()  # at least one complete save
        time.sleep(0.005 * attempt)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        saved = json.loads(path.read_text())
        assert saved["n"] >= 1 and len(saved["payload"]) == 6000
    assert json.loads((tmp_path / "state.json.bak").read_text())["n"] >= 1


def test_a_failed_save_keeps_the_file_and_a_good_save_keeps_the_previous_as_bak(tmp_path):
    from aliyun_mock.state_file import write

    path = tmp_path / "state.json"
    write(str(path), {"version": 1, "n": 1})
    with pytest.raises(TypeError):
        write(str(path), {"version": 1, "bad": object()})
    assert json.loads(path.read_text()) == {"version": 1, "n": 1}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    write(str(path), {"version": 1, "n": 2})
    assert json.loads((tmp_path / "state.json.bak").read_text())["n"] == 1


@pytest.mark.parametrize(
    "content, said",
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "a JSON object"),
        ('{"version": 99}', "not an aliyun-mock state"),
    ],
)
def test_a_bad_state_file_stops_the_start_with_a_message_naming_it(tmp_path, content, said):
    path = tmp_path / "scene.json"
    path.write_text(content)
    process = serve("--state", str(path))
    out, errors = process.communicate(timeout=20)
    assert process.returncode == 2 and out == ""
    assert str(path) in errors and said in errors and "Traceback" not in errors
    assert path.read_text() == content  # untouched


def test_a_state_file_in_a_missing_directory_is_refused_at_start(tmp_path):
    process = serve("--state", str(tmp_path / "nowhere" / "state.json"))
    _, errors = process.communicate(timeout=20)
    assert process.returncode == 2 and "does not exist" in errors and "Traceback" not in errors


def test_save_on_demand_and_periodically(tmp_path):
    import time

    path = tmp_path / "state.json"
    process = serve("--state", str(path), "--save-every", "0.2")
    try:
        endpoint = process.stdout.readline().split("http://")[1].split()[0]
        process.stdout.readline()
        requests.post(f"http://{endpoint}/_mock/accounts", json={"account_id": "7777777777777777"}, timeout=5)
        saved = requests.post(f"http://{endpoint}/_mock/save", timeout=5)
        assert saved.json() == {"saved": str(path)}
        assert "7777777777777777" in path.read_text()
        requests.post(f"http://{endpoint}/_mock/accounts", json={"account_id": "8888888888888888"}, timeout=5)
        deadline = time.time() + 10
        while "8888888888888888" not in path.read_text() and time.time() < deadline:
            time.sleep(0.05)
        assert "8888888888888888" in path.read_text()
    finally:
        process.terminate()
        process.communicate(timeout=10)
    assert process.returncode == 0


def test_save_without_a_state_file_is_refused(server):
    answer = requests.post(f"http://{server.endpoint}/_mock/save", timeout=5)
    assert answer.status_code == 409 and "--state" in answer.json()["error"]


def test_a_load_that_fails_part_way_changes_nothing(server):
    before = server.cloud.state()
    broken = dict(before, default_account_id="999")  # loads the accounts, then fails on the default
    answer = requests.put(f"http://{server.endpoint}/_mock/state", json=broken, timeout=5)
    assert answer.status_code == 400
    assert server.cloud.state() == before


# --- limits and protocol faults ---------------------------------------------------------------------


def exchange(server, raw_request, timeout=10):
    """Send bytes as they are; the status line and the JSON body of the answer."""
    import socket

    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as connection:
        connection.sendall(raw_request)
        answer = b""
        while True:
            try:
                chunk = connection.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body) if body.strip() else None


API = b"POST /?Action=DescribeRegions&Version=2014-05-26&Format=JSON HTTP/1.1\r\nHost: 127.0.0.1\r\n"


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read(server):
    status, body = exchange(
        server,
        API + b"Content-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 52428800\r\nConnection: close\r\n\r\n",
    )
    assert (status, body["Code"]) == (413, "AliyunMock.RequestTooLarge")
    assert set(body) == {"RequestId", "HostId", "Code", "Message"}


@pytest.fixture
def impatient():
    with ThreadedServer(read_timeout=0.5) as running:
        yield running


@pytest.mark.parametrize(
    "tail",
    [
        b"Content-Length: 100\r\n\r\nAction=x",  # shorter than it says
        b"Transfer-Encoding: chunked\r\n\r\nzz\r\nnot a chunk\r\n",  # malformed chunks
        b"Content-Length: ten\r\n\r\n",
    ],
)
def test_protocol_faults_answer_400_without_a_traceback(impatient, tail, caplog):
    status, body = exchange(impatient, API + b"Content-Type: application/x-www-form-urlencoded\r\n" + tail)
    assert (status, body["Code"]) == (400, "AliyunMock.MalformedRequest")
    assert "Traceback" not in caplog.text
    assert requests.get(f"http://{impatient.endpoint}/_mock/state", timeout=5).ok  # and the server serves on


def test_a_chunked_body_that_is_fine_is_read(impatient):
    body = b"Action=DescribeRegions&Version=2014-05-26&Format=JSON"
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    status, answer = exchange(
        impatient,
        b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n" + chunked,
    )
    assert status == 200 and answer["Regions"]["Region"]


@pytest.mark.parametrize("cut", [b"", b"Host: 127.0.0.1\r\n", b"Host: 127.0.0.1\r\nAccept: */*"])
def test_a_request_the_client_stops_sending_is_neither_answered_nor_run(server, cut):
    """The client closes its side before the header block ends: http.server alone would serve what came."""
    import socket

    account = server.cloud.default_account
    query = signed_query("DescribeRegions", access_key_id=account.access_key_id, secret=account.access_key_secret)
    line = f"GET /?{urlencode(query)} HTTP/1.1\r\n".encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as connection:
        connection.sendall(line + cut)
        connection.shutdown(socket.SHUT_WR)
        assert connection.recv(65536) == b""
    whole = exchange(server, line + b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
    assert whole[0] == 200  # the same request, ended, is served
    assert [call.action for call in server.cloud.calls] == ["DescribeRegions"]


def test_a_thousand_slow_connections_do_not_stop_other_clients(tmp_path):
    import resource
    import socket
    import time

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 2200:
        pytest.skip(f"this machine allows {hard} open files; the test needs 2,200")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 2200), hard))
    process = serve()  # its own process: a thousand sockets on each side
    slow = []
    try:
        endpoint = process.stdout.readline().split("http://")[1].split()[0]
        host, port = endpoint.split(":")
        for _ in range(1000):
            connection = socket.create_connection((host, int(port)), timeout=5)
            connection.sendall(b"GET /_mock/state HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the end
            slow.append(connection)
        started = time.monotonic()
        answer = requests.get(f"http://{endpoint}/_mock/state", timeout=10)
        assert answer.ok and time.monotonic() - started < 5
    finally:
        for connection in slow:
            connection.close()
        process.terminate()
        process.communicate(timeout=10)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@pytest.mark.parametrize(
    "name",
    [
        "AddAccount." + "9" * 5000,  # a list position no API has
        ".".join(["Tag"] + ["1"] * 300),  # nested far deeper than any API
    ],
)
def test_a_parameter_name_no_api_spells_is_invalid_parameter(ecs_mock, name):
    from helpers import signed_get

    answer = signed_get(
        ecs_mock,
        "ecs.cn-hangzhou.aliyuncs.com",
        Action="DescribeImages",
        Version="2014-05-26",
        RegionId="cn-hangzhou",
        **{name: "1"},
    )
    assert (answer.status_code, answer.json()["Code"]) == (400, "InvalidParameter")


def test_a_unicode_digit_is_a_name_not_a_list_position(ecs_mock):
    from helpers import signed_get

    answer = signed_get(
        ecs_mock,
        "ecs.cn-hangzhou.aliyuncs.com",
        Action="DescribeImages",
        Version="2014-05-26",
        RegionId="cn-hangzhou",
        **{"Tag.².Key": "a"},
    )
    assert answer.status_code == 200


def test_the_call_record_keeps_the_last_calls_and_counts_the_rest(ecs_mock):
    from helpers import signed_get

    ecs_mock.max_calls = 10
    for _ in range(40):
        signed_get(ecs_mock, "ecs.cn-hangzhou.aliyuncs.com", Action="DescribeRegions", Version="2014-05-26")
    assert 10 <= len(ecs_mock.calls) <= 11
    assert ecs_mock.calls_dropped + len(ecs_mock.calls) == 40


# --- proxy mode ----------------------------------------------------------------------------------------


def test_proxy_mode_for_plain_http_clients(server, tmp_path):
    """A program whose endpoint cannot be changed reaches the mock through HTTP_PROXY: curl, the V1
    SDK (which sends http by default) and the V2 SDK over http; an https CONNECT gets a clear 501."""
    import os
    import shutil

    account = server.cloud.default_account
    url = "http://ecs.cn-hangzhou.aliyuncs.com/?Action=DescribeRegions&Version=2014-05-26&Format=JSON"
    if shutil.which("curl"):
        curl = subprocess.run(
            ["curl", "-s", "-x", f"http://{server.endpoint}", url], capture_output=True, text=True, timeout=30
        )
        assert json.loads(curl.stdout)["Regions"]["Region"]
    program = (
        "import json, sys\n"
        "from aliyunsdkcore.client import AcsClient\n"
        "from aliyunsdkecs.request.v20140526.DescribeRegionsRequest import DescribeRegionsRequest\n"
        "from alibabacloud_ecs20140526.client import Client\n"
        "from alibabacloud_ecs20140526.models import DescribeRegionsRequest as V2Request\n"
        "from alibabacloud_tea_openapi.models import Config\n"
        "key, secret = sys.argv[1:3]\n"
        "v1 = json.loads(AcsClient(key, secret, 'cn-hangzhou').do_action_with_exception(DescribeRegionsRequest()))\n"
        "v2 = Client(Config(access_key_id=key, access_key_secret=secret, region_id='cn-hangzhou', protocol='http'))\n"
        "print(len(v1['Regions']['Region']), len(v2.describe_regions(V2Request()).body.regions.region))\n"
    )
    env = dict(os.environ, HTTP_PROXY=f"http://{server.endpoint}", http_proxy=f"http://{server.endpoint}")
    run = subprocess.run(
        [sys.executable, "-c", program, account.access_key_id, account.access_key_secret],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    counts = run.stdout.split()
    assert run.returncode == 0 and counts[0] == counts[1] != "0", run.stderr[-2000:]
    assert [c.account_id for c in server.cloud.calls[-2:]] == [account.account_id] * 2
    status, body = exchange(server, b"CONNECT ecs.aliyuncs.com:443 HTTP/1.1\r\nHost: ecs.aliyuncs.com:443\r\n\r\n")
    assert (status, body["Code"]) == (501, "AliyunMock.NotImplemented") and "--ca FILE" in body["Message"]


HTTPS_PROGRAM = """
import asyncio, json, os, sys
from aliyunsdkcore.client import AcsClient
from aliyunsdkecs.request.v20140526.DescribeRegionsRequest import DescribeRegionsRequest
from alibabacloud_ecs20140526.client import Client
from alibabacloud_ecs20140526.models import DescribeRegionsRequest as V2Request
from alibabacloud_tea_openapi.models import Config
from darabonba.runtime import RuntimeOptions

key, secret, ca = sys.argv[1:4]
request = DescribeRegionsRequest()
request.set_protocol_type("https")
v1 = json.loads(AcsClient(key, secret, "cn-hangzhou").do_action_with_exception(request))
v2 = Client(Config(access_key_id=key, access_key_secret=secret, region_id="cn-hangzhou"))
sync = v2.describe_regions_with_options(V2Request(), RuntimeOptions(ca=ca)).body
later = asyncio.run(v2.describe_regions_with_options_async(V2Request(), RuntimeOptions(ca=ca))).body
print(len(v1["Regions"]["Region"]), len(sync.regions.region), len(later.regions.region))
"""


def test_https_proxy_mode_with_the_servers_certificate_authority(tmp_path):
    """With --ca, the server is an https proxy too: HTTPS_PROXY and its authority trusted (the V1 SDK
    through ALIBABA_CLOUD_CA_BUNDLE, the V2 SDK sync and async through RuntimeOptions(ca=...), curl with
    --cacert); the authority is kept for the next start; other hosts are not tunnelled, and a client
    that does not trust the authority gets no answer."""
    import os
    import shutil

    ca = str(tmp_path / "proxy-ca.pem")
    with ThreadedServer(proxy_ca=ca) as server:
        account = server.cloud.default_account
        env = dict(os.environ, HTTPS_PROXY=f"http://{server.endpoint}", ALIBABA_CLOUD_CA_BUNDLE=ca)
        run = subprocess.run(
            [sys.executable, "-c", HTTPS_PROGRAM, account.access_key_id, account.access_key_secret, ca],
            capture_output=True, text=True, env=env, timeout=60,
        )  # fmt: skip
        counts = run.stdout.split()
        assert run.returncode == 0 and len(set(counts)) == 1 and counts[0] != "0", run.stderr[-2000:]
        assert [(c.action, c.account_id, c.host) for c in server.cloud.calls] == [
            ("DescribeRegions", account.account_id, "ecs.cn-hangzhou.aliyuncs.com"),
            ("DescribeRegions", account.account_id, "ecs.aliyuncs.com"),
            ("DescribeRegions", account.account_id, "ecs.aliyuncs.com"),
        ] or len(server.cloud.calls) == 3, server.cloud.calls
        if shutil.which("curl"):
            url = "https://ecs.cn-hangzhou.aliyuncs.com/?Action=DescribeRegions&Version=2014-05-26&Format=JSON"
            proxy = ["curl", "-s", "-x", f"http://{server.endpoint}"]
            trusted = subprocess.run([*proxy, "--cacert", ca, url], capture_output=True, text=True, timeout=30)
            assert trusted.returncode == 0 and json.loads(trusted.stdout)["Regions"]["Region"], trusted
            untrusted = subprocess.run([*proxy, url], capture_output=True, text=True, timeout=30)
            assert untrusted.returncode == 60 and untrusted.stdout == ""  # curl: the peer's certificate is not trusted
        status, _ = exchange(server, b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
        assert status == 403
    authority = open(ca).read()
    with ThreadedServer(proxy_ca=ca):
        assert open(ca).read() == authority  # the clients' trust holds across restarts
    assert oct(os.stat(ca + ".key").st_mode & 0o777) == "0o600"


# --- found by review: each once possible ---------------------------------------------------------------


def test_a_cross_site_get_changes_nothing(server):
    """An <img src> on another site sends no Origin, but Sec-Fetch-Site (or a foreign Referer)."""
    before = server.cloud.state()
    path = "/?Action=CreateVpc&Version=2016-04-28&RegionId=cn-hangzhou"
    for marks in (
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Referer": "https://attacker.example/page"},
    ):
        assert raw(server, "GET", path, {**own(server), **marks})[0] == 403
    assert server.cloud.state() == before
    assert raw(server, "GET", "/_mock/state", {**own(server), "Sec-Fetch-Site": "none"})[0] == 200  # typed URL
    assert (
        raw(server, "GET", "/_mock/state", {**own(server), "Referer": f"http://127.0.0.1:{server.port}/_mock/"})[0]
        == 200
    )


def test_a_request_trickling_in_is_cut_off_at_the_deadline(impatient):
    import socket
    import time

    with socket.create_connection(("127.0.0.1", impatient.port), timeout=10) as connection:
        started = time.monotonic()
        try:
            for byte in b"GET /_mock/state HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100:
                connection.sendall(bytes([byte]))
                time.sleep(0.05)
        except OSError:
            pass  # closed by the server
        assert time.monotonic() - started < 3  # the deadline is 0.5 s for the whole request


def test_saves_that_meet_leave_whole_files(tmp_path):
    import threading

    from aliyun_mock.server import ThreadedServer

    path = tmp_path / "state.json"
    with ThreadedServer(state_file=str(path)) as running:
        errors = []

        def save():
            try:
                for _ in range(20):
                    running.save()
            except Exception as error:  # reported below
                errors.append(error)

        threads = [threading.Thread(target=save) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert not errors
    assert json.loads(path.read_text())["version"] == 1 and json.loads((tmp_path / "state.json.bak").read_text())


def test_the_log_masks_credentials_in_malformed_lines_and_encoded_names():
    assert redact("Bad request syntax ('GET /?%53ignature=S&x=1 extra HTTP/1.1')") == (
        "Bad request syntax ('GET /?%53ignature=***&x=1 extra HTTP/1.1')"
    )


def test_an_ipv6_server_names_its_endpoint_with_brackets():
    import socket

    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    try:
        running = ThreadedServer(host="::1")
    except OSError:
        pytest.skip("::1 cannot be bound here")
    with running:
        assert running.endpoint == f"[::1]:{running.port}"
        assert requests.get(f"http://{running.endpoint}/_mock/health", timeout=5).ok


@pytest.mark.parametrize(
    "arguments, said",
    [
        (["--save-every", "5"], "--save-every needs --state"),
        (["--save-every", "0", "--state", "x.json"], "above 0"),
    ],
)
def test_save_every_is_checked(arguments, said):
    run = subprocess.run(
        [sys.executable, "-m", "aliyun_mock", "server", "--port", "0", *arguments],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert run.returncode == 2 and said in run.stderr


def test_admin_values_of_the_wrong_type_and_deep_nesting_get_400(server):
    def admin(method, path, **kwargs):
        return requests.request(method, f"http://{server.endpoint}/_mock/{path}", timeout=5, **kwargs)

    for path, body in (
        ("keys", {"access_key_id": 12345}),
        ("errors", {"action": "DescribeZones", "code": "X", "message": 1}),
        ("accounts", {"account_id": []}),
    ):
        assert admin("POST", path, json=body).status_code == 400
    deep = admin("PUT", "state", data="[" * 100000, headers={"Content-Type": "application/json"})
    assert deep.status_code == 400 and deep.json()["error"]


def test_a_million_injected_faults_cost_nothing(ecs_mock):
    ecs_mock.inject_error("DescribeRegions", "Throttling", times=10**9)
    with pytest.raises(AssertionError, match="1000000000 × Throttling"):
        ecs_mock.assert_all_faults_used()
