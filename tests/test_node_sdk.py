"""The official Node SDKs (@alicloud/ecs20140526 and the older @alicloud/pop-core), unmodified,
against the mock in server mode: share, describe as sharee, an error case (tests/node/)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from aliyun_mock.server import ThreadedServer

NODE_TESTS = Path(__file__).with_name("node")

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed on this machine")


@pytest.fixture(scope="module")
def node_modules():
    """The Node SDKs, installed by .ci/run (``cd tests/node && npm install``): a test never reaches
    for the network itself."""
    if not (NODE_TESTS / "node_modules" / "@alicloud" / "ecs20140526").exists():
        pytest.skip("the Node SDKs are not installed: cd tests/node && npm install (.ci/run does)")
    return NODE_TESTS / "node_modules"


def test_node_sdks_against_the_server(node_modules):
    with ThreadedServer() as server:
        owner, sharee = server.cloud.default_account, server.cloud.create_account()
        env = dict(
            os.environ,
            ALIYUN_MOCK_ENDPOINT=server.endpoint,
            OWNER_ID=owner.account_id,
            OWNER_KEY=owner.access_key_id,
            OWNER_SECRET=owner.access_key_secret,
            SHAREE_ID=sharee.account_id,
            SHAREE_KEY=sharee.access_key_id,
            SHAREE_SECRET=sharee.access_key_secret,
        )
        result = subprocess.run(
            ["node", "--test", str(NODE_TESTS)], env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert "# pass 3" in result.stdout and "# fail 0" in result.stdout
        codes = [(c.action, c.code) for c in server.cloud.calls if c.status != 200]
        assert codes == [
            ("ModifyImageSharePermission", "InvalidImageId.NotFound"),
            ("DescribeImageSharePermission", "InvalidImageId.NotFound"),
        ]
