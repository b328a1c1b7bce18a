"""How a call's cost grows with the cloud: DescribeImages (a page of 10, as the owner and as a
member of a 1,000-account resource directory the images are shared with through a folder) and
DescribeImageSharePermission (50 sharees) with 10, 1,000 and 10,000 images in the region, and the
memory 10,000 images take."""

from __future__ import annotations

import gc
import resource
import subprocess
import sys
from typing import Dict, Tuple

from timing import per_call_us

REGION = "cn-hangzhou"
SIZES = (10, 1_000, 10_000)
OWNERS = 100  # the images belong to this many accounts, as in a shared region
DIRECTORY_ACCOUNTS = 1_000  # accounts of the resource directory, spread over FOLDERS folders
FOLDERS = 10
MEMBER_VIEW = "DescribeImages as a directory member"


def _populate(cloud, images: int) -> Tuple[str, str]:
    """``images`` custom images spread over OWNERS accounts; the caller owns ten, one shared 50 ways."""
    from aliyun_mock.ecs.models import CUSTOM, Image, ImageShare

    region = cloud.ecs.region(REGION)
    caller = cloud.default_account.account_id
    owners = [caller] + [str(2000000000000000 + n) for n in range(OWNERS - 1)]
    shared_id = ""
    for n in range(images):
        owner = caller if n < 10 else owners[n % OWNERS]
        image = Image(
            image_id=region.new_id("m"),
            region_id=REGION,
            owner_id=owner,
            source=CUSTOM,
            name=f"image-{n}",
            creation_time="2026-01-01T00:00:00Z",
        )
        region.add_image(image)
        if n == 0:
            shared_id = image.image_id
            for sharee in range(50):
                region.share_image(image, ImageShare(str(3000000000000000 + sharee), "2026-01-01T00:00:00Z"))
    return caller, shared_id


def _organisation(cloud) -> str:
    """The caller manages a directory of DIRECTORY_ACCOUNTS accounts in FOLDERS folders and shares its
    ten images with the first folder through Resource Sharing; the id of a member of that folder."""
    from alibabacloud_resourcemanager20200331 import models as rm
    from alibabacloud_resourcesharing20200110 import models as rs

    directory = cloud.client("v2", product="resourcemanager")
    sharing = cloud.client("v2", product="resourcesharing", region_id=REGION)
    cloud.resource_directory.quotas.update(members=DIRECTORY_ACCOUNTS + 1)
    directory.enable_resource_directory(rm.EnableResourceDirectoryRequest(enable_mode="CurrentAccount"))
    folders = [
        directory.create_folder(rm.CreateFolderRequest(folder_name=f"f{n}")).body.folder.folder_id
        for n in range(FOLDERS)
    ]
    members = [
        directory.create_resource_account(
            rm.CreateResourceAccountRequest(display_name=f"member {n}", parent_folder_id=folders[n % FOLDERS])
        ).body.account.account_id
        for n in range(DIRECTORY_ACCOUNTS)
    ]
    sharing.enable_sharing_with_resource_directory()
    share = sharing.create_resource_share(
        rs.CreateResourceShareRequest(resource_share_name="golden", targets=[folders[0]])
    ).body.resource_share.resource_share_id
    own = [
        i.image_id for i in cloud.ecs.region(REGION).images.values() if i.owner_id == cloud.default_account.account_id
    ]
    for start in range(0, len(own), 5):
        resources = [
            rs.AssociateResourceShareRequestResources(resource_type="Image", resource_id=i)
            for i in own[start : start + 5]
        ]
        sharing.associate_resource_share(rs.AssociateResourceShareRequest(resource_share_id=share, resources=resources))
    return members[0]


def measure(calls: int) -> Dict[str, Dict[int, float]]:
    """{call: {images in the region: µs per call}} through the V2 SDK."""
    from alibabacloud_ecs20140526 import models

    from aliyun_mock import mock_ecs

    results: Dict[str, Dict[int, float]] = {"DescribeImages": {}, MEMBER_VIEW: {}, "DescribeImageSharePermission": {}}
    for size in SIZES:
        with mock_ecs() as cloud:
            _, shared_id = _populate(cloud, size)
            client = cloud.client("v2")
            describe = models.DescribeImagesRequest(region_id=REGION, image_owner_alias="self", page_size=10)
            permission = models.DescribeImageSharePermissionRequest(region_id=REGION, image_id=shared_id, page_size=50)
            assert len(client.describe_images(describe).body.images.image) == 10
            results["DescribeImages"][size] = per_call_us(lambda: client.describe_images(describe), calls)
            results["DescribeImageSharePermission"][size] = per_call_us(
                lambda: client.describe_image_share_permission(permission), calls
            )
            member = cloud.client("v2", cloud.account(_organisation(cloud)))
            shared = models.DescribeImagesRequest(region_id=REGION, image_owner_alias="others", page_size=10)
            assert len(member.describe_images(shared).body.images.image) == 10
            results[MEMBER_VIEW][size] = per_call_us(lambda: member.describe_images(shared), calls)
    return results


def memory_per_10k_images() -> float:
    """RSS growth, in MiB, from adding 10,000 images to a started mock (in a fresh interpreter,
    so that memory freed by earlier figures cannot hide the growth)."""
    output = subprocess.run([sys.executable, __file__, "--memory"], capture_output=True, text=True, check=True)
    return float(output.stdout.strip())


def memory_per_100k_calls() -> float:
    """RSS growth, in MiB, over the second 100,000 of 200,000 calls (DescribeRegions, answered by the
    application) with ``cloud.max_calls`` at 50,000: bounded memory shows as a figure near zero."""
    output = subprocess.run([sys.executable, __file__, "--calls"], capture_output=True, text=True, check=True)
    return float(output.stdout.strip())


def _calls_memory_in_this_process() -> float:
    from aliyun_mock import mock_ecs
    from aliyun_mock.core.wire import WireRequest

    request = WireRequest.from_url(
        "GET", "https://ecs.cn-hangzhou.aliyuncs.com/?Action=DescribeRegions&Version=2014-05-26&Format=JSON", {}, b""
    )
    with mock_ecs() as cloud:
        cloud.max_calls = 50_000
        for _ in range(100_000):
            cloud.app.answer(request)
        gc.collect()
        before = _rss_mib()
        for _ in range(100_000):
            cloud.app.answer(request)
        gc.collect()
        assert len(cloud.calls) <= 55_000 and cloud.calls_dropped >= 145_000
        return _rss_mib() - before


def _memory_in_this_process() -> float:
    from aliyun_mock import mock_ecs

    with mock_ecs() as cloud:
        cloud.ecs.region(REGION)
        gc.collect()
        before = _rss_mib()
        _populate(cloud, 10_000)
        gc.collect()
        return _rss_mib() - before


def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


if __name__ == "__main__" and sys.argv[1:] == ["--memory"]:
    print(_memory_in_this_process())
elif __name__ == "__main__" and sys.argv[1:] == ["--calls"]:
    print(_calls_memory_in_this_process())
