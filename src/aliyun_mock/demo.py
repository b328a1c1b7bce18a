"""``aliyun-mock demo``: a custom-image sharing scenario through the real V2 SDK, under the mock.

Every step prints the request and what the SDK returned, so a newcomer sees what their own
code would get from Alibaba Cloud.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Dict

from .mock import mock_ecs

REGION = "cn-hangzhou"
ZONE = "cn-hangzhou-h"
PUBLIC_IMAGE = "ubuntu_22_04_x64_20G_alibase_20250722.vhd"


def run(echo: Callable[[str], None] = print) -> None:
    try:
        from alibabacloud_ecs20140526 import models
        from alibabacloud_tea_openapi.exceptions import ClientException
        from alibabacloud_vpc20160428 import models as vpc_models
    except ImportError:
        raise SystemExit("the demo drives the real SDK: pip install 'aliyun-mock[sdk]'") from None

    step_number = 0

    def step(title: str, who: str, call: Callable[[], Any], show: Callable[[Dict[str, Any]], Any] = lambda b: b) -> Any:
        nonlocal step_number
        step_number += 1
        echo(f"\n[{step_number}] {who}: {title}")
        response = call()
        body = response.body.to_map()
        echo("    " + json.dumps(show(body), ensure_ascii=False))
        return body

    with mock_ecs() as cloud:
        owner, sharee = cloud.default_account, cloud.create_account()
        owner_client, sharee_client = cloud.client("v2", owner, REGION), cloud.client("v2", sharee, REGION)
        echo(f"owner account {owner.account_id}, sharee account {sharee.account_id}, region {REGION}")

        def image_rows(body: Dict[str, Any]) -> Any:
            return [
                {
                    k: image[k]
                    for k in ("ImageId", "ImageName", "ImageOwnerAlias", "ImageOwnerId", "IsSelfShared")
                    if k in image
                }
                for image in body["Images"]["Image"]
            ]

        def network(who: str, account: Any, ecs_client: Any) -> Dict[str, str]:
            """A VPC, a vSwitch and a security group: where the account's instances go."""
            vpc_client = cloud.client("v2", account, REGION, product="vpc")
            vpc_id = step(
                "CreateVpc 192.168.0.0/16",
                who,
                lambda: vpc_client.create_vpc(
                    vpc_models.CreateVpcRequest(region_id=REGION, cidr_block="192.168.0.0/16")
                ),
            )["VpcId"]
            vswitch_id = step(
                f"CreateVSwitch 192.168.1.0/24 in {ZONE}",
                who,
                lambda: vpc_client.create_vswitch(
                    vpc_models.CreateVSwitchRequest(
                        region_id=REGION, vpc_id=vpc_id, zone_id=ZONE, cidr_block="192.168.1.0/24"
                    )
                ),
            )["VSwitchId"]
            group_id = step(
                "CreateSecurityGroup in that VPC",
                who,
                lambda: ecs_client.create_security_group(
                    models.CreateSecurityGroupRequest(region_id=REGION, vpc_id=vpc_id)
                ),
            )["SecurityGroupId"]
            return {"v_switch_id": vswitch_id, "security_group_id": group_id}

        owner_network = network("owner", owner, owner_client)
        instance = step(
            "RunInstances from a public image",
            "owner",
            lambda: owner_client.run_instances(
                models.RunInstancesRequest(
                    region_id=REGION, image_id=PUBLIC_IMAGE, instance_type="ecs.g7.large", **owner_network
                )
            ),
        )
        instance_id = instance["InstanceIdSets"]["InstanceIdSet"][0]
        image_id = step(
            "CreateImage from that instance",
            "owner",
            lambda: owner_client.create_image(
                models.CreateImageRequest(region_id=REGION, instance_id=instance_id, image_name="golden-web")
            ),
        )["ImageId"]
        step(
            f"ModifyImageSharePermission AddAccount={sharee.account_id}",
            "owner",
            lambda: owner_client.modify_image_share_permission(
                models.ModifyImageSharePermissionRequest(
                    region_id=REGION, image_id=image_id, add_account=[sharee.account_id]
                )
            ),
        )
        step(
            "DescribeImageSharePermission",
            "owner",
            lambda: owner_client.describe_image_share_permission(
                models.DescribeImageSharePermissionRequest(region_id=REGION, image_id=image_id)
            ),
            lambda body: body["Accounts"],
        )
        step(
            "DescribeImages ImageOwnerAlias=others (images shared with me)",
            "sharee",
            lambda: sharee_client.describe_images(
                models.DescribeImagesRequest(region_id=REGION, image_owner_alias="others")
            ),
            image_rows,
        )
        sharee_network = network("sharee", sharee, sharee_client)
        step(
            "RunInstances from the shared image, in the sharee's own VPC",
            "sharee",
            lambda: sharee_client.run_instances(
                models.RunInstancesRequest(
                    region_id=REGION, image_id=image_id, instance_type="ecs.g7.large", **sharee_network
                )
            ),
            lambda body: body["InstanceIdSets"],
        )
        step(
            f"ModifyImageSharePermission RemoveAccount={sharee.account_id}",
            "owner",
            lambda: owner_client.modify_image_share_permission(
                models.ModifyImageSharePermissionRequest(
                    region_id=REGION, image_id=image_id, remove_account=[sharee.account_id]
                )
            ),
        )
        step(
            "DescribeImages ImageOwnerAlias=others, after the unshare",
            "sharee",
            lambda: sharee_client.describe_images(
                models.DescribeImagesRequest(region_id=REGION, image_owner_alias="others")
            ),
            image_rows,
        )
        echo(f"\n[{step_number + 1}] sharee: RunInstances from the unshared image")
        try:
            sharee_client.run_instances(
                models.RunInstancesRequest(
                    region_id=REGION, image_id=image_id, instance_type="ecs.g7.large", **sharee_network
                )
            )
            raise SystemExit("unexpected: the sharee could still launch from an unshared image")
        except ClientException as error:
            echo(f"    {type(error).__name__}: HTTP {error.status_code} {error.code}: {error.data['Message']}")
        echo(f"\n{len(cloud.calls)} calls answered in memory; none left this process.")
