"""The dashboard in a real headless browser (Debian's chromium): what a developer sees."""

import shutil
import subprocess

import pytest
import requests

from aliyun_mock.server import ThreadedServer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_the_dashboard_renders_accounts_images_shares_and_calls(tmp_path):
    with ThreadedServer() as server:
        cloud = server.cloud
        sharee = cloud.create_account()
        from aliyun_mock.ecs.models import CUSTOM, Image, ImageShare

        region = cloud.ecs.region("cn-hangzhou")
        image = Image(
            image_id="m-bpdashboard0000000",
            region_id="cn-hangzhou",
            owner_id=cloud.default_account.account_id,
            source=CUSTOM,
            name="golden-web",
            creation_time="2026-01-01T00:00:00Z",
        )
        region.add_image(image)
        region.share_image(image, ImageShare(sharee.account_id, "2026-01-01T00:00:00Z"))
        requests.get(
            f"http://{server.endpoint}/", params={"Action": "DescribeRegions", "Version": "2014-05-26"}, timeout=5
        )
        url = f"http://{server.endpoint}/_mock/dashboard"
        dom = subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", url],
            capture_output=True,
            text=True,
            timeout=120,
        )
        screenshot = tmp_path / "dashboard.png"
        subprocess.run(
            [
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={tmp_path / 'profile2'}",
                f"--screenshot={screenshot}",
                "--window-size=1200,900",
                url,
            ],
            capture_output=True,
            timeout=120,
        )
    assert dom.returncode == 0, dom.stderr[-2000:]
    for expected in (
        "Accounts",
        cloud.default_account.account_id,
        "m-bpdashboard0000000",
        "golden-web",
        sharee.account_id,
        "DescribeRegions",
        "Last calls",
    ):
        assert expected in dom.stdout
    assert screenshot.exists() and screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
