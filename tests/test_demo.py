"""The README's first command: ``aliyun-mock demo`` shows every step of the sharing scenario."""

import subprocess
import sys


def test_demo_prints_every_step_of_the_sharing_scenario():
    result = subprocess.run([sys.executable, "-m", "aliyun_mock", "demo"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    steps = [
        "owner: RunInstances from a public image",
        "owner: CreateImage",
        "owner: ModifyImageSharePermission AddAccount",
        "owner: DescribeImageSharePermission",
        "sharee: DescribeImages ImageOwnerAlias=others",
        "sharee: RunInstances from the shared image",
        "owner: ModifyImageSharePermission RemoveAccount",
        "sharee: DescribeImages ImageOwnerAlias=others, after the unshare",
        "sharee: RunInstances from the unshared image",
    ]
    positions = [out.index(step) for step in steps]
    assert positions == sorted(positions)
    assert '"ImageOwnerAlias": "others"' in out
    assert "HTTP 404 InvalidImageId.NotFound: The specified ImageId does not exist." in out
