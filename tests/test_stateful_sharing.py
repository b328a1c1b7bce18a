"""Model-based test of sharing: a small reference model of who owns and who sees which image,
and random sequences of create, share, unshare, publish, copy, delete, launch and re-initialise
across 3 accounts and 2 regions. After every step, what the mock answers through the V2 SDK —
DescribeImages as self, as sharee, for community images, and DescribeImageSharePermission — must
equal the model, for every account and region."""

from dataclasses import dataclass, field
from typing import Dict, Optional, Set

from helpers import network
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, precondition, rule

from aliyun_mock import mock_ecs
from conftest_plugin import ApiFailure, V2Path

REGIONS = ("cn-hangzhou", "cn-beijing")
PUBLIC_IMAGE = "ubuntu_22_04_x64_20G_alibase_20250722.vhd"


@dataclass
class ModelImage:
    owner: str
    region: str
    shares: Set[str] = field(default_factory=set)
    public: bool = False


@dataclass
class ModelInstance:
    owner: str
    region: str
    image_id: str
    access: str  # how the owner could use the image at launch: "own", "shared", "community"


class SharingMachine(RuleBasedStateMachine):
    images = Bundle("images")
    instances = Bundle("instances")

    def __init__(self) -> None:
        super().__init__()
        self.cloud = mock_ecs()
        self.cloud.start()
        self.accounts = [self.cloud.default_account, self.cloud.create_account(), self.cloud.create_account()]
        self.path = V2Path(self.cloud)
        self.model: Dict[str, ModelImage] = {}
        self.deleted: Set[str] = set()
        self.instance_model: Dict[str, ModelInstance] = {}

    def teardown(self) -> None:
        self.cloud.stop()

    def call(self, action: str, params: dict, account, region: str) -> dict:
        return self.path.call(action, {"RegionId": region, **params}, account=account, region_id=region)

    def expect_error(self, code: str, action: str, params: dict, account, region: str) -> None:
        try:
            self.path.call(action, params, account=account, region_id=region)
        except ApiFailure as failure:
            assert failure.code == code, (action, failure.code, code)
            return
        raise AssertionError(f"{action} succeeded; the model expected {code}")

    def account(self, index: int):
        return self.accounts[index]

    def visible(self, image: ModelImage, account_id: str) -> bool:
        return image.owner == account_id or account_id in image.shares or image.public

    @rule(target=images, owner=st.integers(0, 2), region=st.sampled_from(REGIONS))
    def create_image(self, owner, region):
        account = self.account(owner)
        launched = self.call(
            "RunInstances",
            {"ImageId": PUBLIC_IMAGE, "InstanceType": "ecs.g7.large", **network(self.path, account, region)},
            account,
            region,
        )
        instance_id = launched["InstanceIdSets"]["InstanceIdSet"][0]
        image_id = self.call("CreateImage", {"InstanceId": instance_id}, account, region)["ImageId"]
        self.model[image_id] = ModelImage(account.account_id, region)
        return image_id

    @rule(image_id=images, sharee=st.integers(0, 2))
    def share_as_owner(self, image_id, sharee):
        image = self.model.get(image_id)
        if image is not None:
            self.share(image_id, next(n for n, a in enumerate(self.accounts) if a.account_id == image.owner), sharee)

    @rule(image_id=images, caller=st.integers(0, 2), sharee=st.integers(0, 2))
    def share(self, image_id, caller, sharee):
        image, account, target_id = self.model.get(image_id), self.account(caller), self.account(sharee).account_id
        params = {"RegionId": image.region if image else REGIONS[0], "ImageId": image_id, "AddAccount": [target_id]}
        region = params["RegionId"]
        if image is None or image.owner != account.account_id:
            return self.expect_error("InvalidImageId.NotFound", "ModifyImageSharePermission", params, account, region)
        if target_id == account.account_id:
            return self.expect_error("InvalidAccount.Forbbiden", "ModifyImageSharePermission", params, account, region)
        if image.public:
            return self.expect_error("Image.Public", "ModifyImageSharePermission", params, account, region)
        self.path.call("ModifyImageSharePermission", params, account=account, region_id=region)
        image.shares.add(target_id)

    @rule(image_id=images, pick=st.integers(0, 5))
    def unshare(self, image_id, pick):
        """Unshare one of the current sharees (or, when there is none, an account never shared with)."""
        image = self.model.get(image_id)
        if image is None:
            return
        owner = next(a for a in self.accounts if a.account_id == image.owner)
        candidates = sorted(image.shares) or [a.account_id for a in self.accounts if a.account_id != image.owner]
        target_id = candidates[pick % len(candidates)]
        self.call(
            "ModifyImageSharePermission", {"ImageId": image_id, "RemoveAccount": [target_id]}, owner, image.region
        )
        image.shares.discard(target_id)

    @rule(image_id=images, public=st.booleans())
    def publish(self, image_id, public):
        image = self.model.get(image_id)
        if image is None:
            return
        owner = next(a for a in self.accounts if a.account_id == image.owner)
        params = {"RegionId": image.region, "ImageId": image_id, "IsPublic": public}
        if not public and not image.public:
            return self.expect_error("Image.NotPublic", "ModifyImageSharePermission", params, owner, image.region)
        self.path.call("ModifyImageSharePermission", params, account=owner, region_id=image.region)
        image.public = public

    @rule(target=images, image_id=images, caller=st.integers(0, 2), destination=st.sampled_from(REGIONS))
    def copy(self, image_id, caller, destination):
        image, account = self.model.get(image_id), self.account(caller)
        region = image.region if image else REGIONS[0]
        params = {"RegionId": region, "ImageId": image_id, "DestinationRegionId": destination}
        if image is None or not self.visible(image, account.account_id):
            self.expect_error("InvalidImageId.NotFound", "CopyImage", params, account, region)
            return image_id
        if image.public:
            self.expect_error("OperationDenied.CommunityImage", "CopyImage", params, account, region)
            return image_id
        if image.owner != account.account_id and destination != image.region:
            self.expect_error("OperationDenied.SameRegionOnly", "CopyImage", params, account, region)
            return image_id
        copy_id = self.path.call("CopyImage", params, account=account, region_id=region)["ImageId"]
        self.model[copy_id] = ModelImage(account.account_id, destination)
        return copy_id

    @rule(image_id=images, caller=st.integers(0, 2))
    def delete(self, image_id, caller):
        image, account = self.model.get(image_id), self.account(caller)
        region = image.region if image else REGIONS[0]
        params = {"RegionId": region, "ImageId": image_id, "Force": True}
        if image is None or image.owner != account.account_id:
            return self.expect_error("InvalidImageId.NotFound", "DeleteImage", params, account, region)
        if image.public:
            return self.expect_error("ImageIsPublic", "DeleteImage", params, account, region)
        if image.shares:
            return self.expect_error("ImageUseShared", "DeleteImage", params, account, region)
        self.path.call("DeleteImage", params, account=account, region_id=region)
        del self.model[image_id]
        self.deleted.add(image_id)

    @rule(target=instances, image_id=images, caller=st.integers(0, 2))
    def launch(self, image_id, caller):
        image, account = self.model.get(image_id), self.account(caller)
        region = image.region if image else REGIONS[0]
        params = {
            "RegionId": region,
            "ImageId": image_id,
            "InstanceType": "ecs.g7.large",
            **network(self.path, account, region),
        }
        if image is None or not self.visible(image, account.account_id):
            self.expect_error("InvalidImageId.NotFound", "RunInstances", params, account, region)
            return ""
        instance_id = self.path.call("RunInstances", params, account=account, region_id=region)["InstanceIdSets"][
            "InstanceIdSet"
        ][0]
        access = (
            "own"
            if image.owner == account.account_id
            else "shared"
            if account.account_id in image.shares
            else "community"
        )
        self.instance_model[instance_id] = ModelInstance(account.account_id, region, image_id, access)
        self.path.call("StopInstance", {"InstanceId": instance_id}, account=account, region_id=region)
        return instance_id

    @precondition(lambda self: self.instance_model)
    @rule(instance_id=instances)
    def reinit(self, instance_id):
        instance = self.instance_model.get(instance_id)
        if instance is None:
            return
        account = next(a for a in self.accounts if a.account_id == instance.owner)
        disks = self.call("DescribeDisks", {"InstanceId": instance_id}, account, instance.region)["Disks"]["Disk"]
        params = {"DiskId": disks[0]["DiskId"]}
        image = self.model.get(instance.image_id)
        expected: Optional[str] = None
        if image is None:
            expected = "InvalidDiskId.OperationNotSupported" if instance.access == "own" else "SharedImageDeleted"
        elif instance.access == "shared" and instance.owner not in image.shares:
            expected = "InvalidDiskId.OperationNotSupported"
        if expected:
            return self.expect_error(expected, "ReInitDisk", params, account, instance.region)
        self.path.call("ReInitDisk", params, account=account, region_id=instance.region)

    @invariant()
    def the_mock_answers_as_the_model_says(self):
        for account in self.accounts:
            me = account.account_id
            for region in REGIONS:

                def listed(**params):
                    body = self.call("DescribeImages", {"PageSize": 100, **params}, account, region)
                    return {i["ImageId"] for i in body["Images"]["Image"]}

                here = {i: m for i, m in self.model.items() if m.region == region}
                assert listed(ImageOwnerAlias="self") == {i for i, m in here.items() if m.owner == me}
                assert listed(ImageOwnerAlias="others") == {
                    i for i, m in here.items() if me in m.shares and m.owner != me
                }
                assert listed(ImageOwnerAlias="others", IsPublic=True) == {
                    i for i, m in here.items() if m.public and m.owner != me
                }
                for image_id, image in here.items():
                    if image.owner == me:
                        body = self.call(
                            "DescribeImageSharePermission", {"ImageId": image_id, "PageSize": 100}, account, region
                        )
                        assert {a["AliyunId"] for a in body["Accounts"]["Account"]} == image.shares
                        assert body["ShareGroups"]["ShareGroup"] == ([{"Group": "all"}] if image.public else [])


SharingMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=20, deadline=None, database=None)
TestSharingModel = SharingMachine.TestCase
