"""Loading a state is all or nothing, and refuses what it cannot read with the JSON path of it:
broken states, generated from a rich one by Hypothesis, are refused and leave the running state
as it was (issue: nothing lost)."""

import copy
import json

import pytest
from helpers import custom_image, launch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_organisation_sharing import organisation, share_image

from aliyun_mock import mock_ecs
from aliyun_mock.core.loading import StateError
from conftest_plugin import V2Path


@pytest.fixture(scope="module")
def scene():
    """A state with something in every table: images, instances, disks, snapshots, groups, key pairs,
    VPCs, a resource directory with a member and a share."""
    with mock_ecs() as cloud:
        path = V2Path(cloud)
        _, folder, _ = organisation(path, cloud, members=1)
        image_id = custom_image(path)
        share_image(path, image_id, [folder])
        instance = launch(path)
        disk = path.call("DescribeDisks", {"RegionId": "cn-hangzhou", "InstanceId": instance})["Disks"]["Disk"][0]
        path.call("CreateSnapshot", {"DiskId": disk["DiskId"]})
        path.call("CreateKeyPair", {"RegionId": "cn-hangzhou", "KeyPairName": "ops"})
        path.call(
            "ModifyImageSharePermission",
            {"RegionId": "cn-hangzhou", "ImageId": image_id, "AddAccount": [cloud.create_account().account_id]},
        )
        yield json.loads(json.dumps(cloud.state()))


UNIQUE = [
    "accounts",
    "images",
    "instances",
    "disks",
    "snapshots",
    "security_groups",
    "key_pairs",
    "vpcs",
    "vswitches",
    "resource_directories",
    "resource_directory_folders",
    "resource_directory_members",
    "resource_shares",
]
REGIONAL = [
    "images",
    "instances",
    "disks",
    "snapshots",
    "security_groups",
    "key_pairs",
    "vpcs",
    "vswitches",
    "resource_shares",
    "resource_share_associations",
]
WRONG = {str: 123, int: "x", bool: "yes", list: "bad", dict: "bad", float: "x"}


@st.composite
def broken(draw, state):
    """(a broken copy of ``state``, the path its error must name)."""
    data = copy.deepcopy(state)
    kind = draw(st.sampled_from(["type", "unknown", "duplicate", "region", "missing", "reference", "version"]))
    if kind == "version":
        data["version"] = draw(st.sampled_from([0, 2, "1", None]))
        return data, "version"
    if kind == "reference":
        choice = draw(st.sampled_from(["default", "share"]))
        if choice == "default":
            data["default_account_id"] = "999"
            return data, "default_account_id"
        data["resource_share_associations"][0]["share_id"] = "rs-missing"
        return data, "resource_share_associations[0].share_id"
    tables = {"duplicate": UNIQUE, "region": REGIONAL, "missing": REGIONAL}.get(
        kind, sorted(k for k, v in state.items() if isinstance(v, list) and v and isinstance(v[0], dict))
    )
    table = draw(st.sampled_from([t for t in tables if state.get(t)]))
    number = draw(st.integers(0, len(data[table]) - 1))
    row = data[table][number]
    path = f"{table}[{number}]"
    if kind == "duplicate":
        data[table].append(copy.deepcopy(row))
        return data, f"{table}[{len(data[table]) - 1}]"
    if kind == "region":
        row["region_id"] = "xx-nowhere-1"
        return data, f"{path}.region_id"
    if kind == "missing":
        del row["region_id"]
        return data, path
    if kind == "unknown":
        row["zz_not_a_field"] = 1
        return data, path
    field = draw(st.sampled_from(sorted(k for k, v in row.items() if type(v) in WRONG)))
    row[field] = WRONG[type(row[field])]
    return data, f"{path}.{field}"


def test_broken_states_are_refused_naming_the_path_and_change_nothing(scene):
    with mock_ecs() as cloud:
        cloud.load(scene)
        before = cloud.state()

        @settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
        @given(broken(scene))
        def check(case):
            data, where = case
            with pytest.raises(StateError) as refused:
                cloud.load(data)
            assert str(refused.value).startswith(where), (str(refused.value), where)
            assert cloud.state() == before

        check()


def test_silent_coercions_are_refused(scene):
    with mock_ecs() as cloud:
        for change, where in [
            (lambda d: d["conditions"].__setitem__("sensitive_words", "bad"), "conditions.sensitive_words"),
            (lambda d: d["images"][0]["shares"][0].__setitem__("account_id", 123), "images[0].shares[0].account_id"),
            (lambda d: d["conditions"]["kms_keys"].__setitem__("key-1", "Melting"), "conditions.kms_keys.key-1"),
            (
                lambda d: d["accounts"][0].__setitem__("community_terms_signed", "yes"),
                "accounts[0].community_terms_signed",
            ),
            (lambda d: d["images"][0].__setitem__("name", 12345), "images[0].name"),
            (lambda d: d["images"][0].__setitem__("name", json.loads('"\\ud800"')), "images[0].name"),
        ]:
            data = copy.deepcopy(scene)
            change(data)
            with pytest.raises(StateError, match=f"^{where.replace('[', '.').replace(']', '.')}"):
                cloud.load(data)


def test_a_seeded_mock_draws_no_id_twice_after_a_load_and_a_failed_load_keeps_everything():
    from helpers import signed_get

    with mock_ecs(seed=3) as cloud:
        first = signed_get(
            cloud, "vpc.cn-hangzhou.aliyuncs.com", Action="CreateVpc", Version="2016-04-28", RegionId="cn-hangzhou"
        ).json()["VpcId"]
        cloud.load(cloud.state())
        second = signed_get(
            cloud, "vpc.cn-hangzhou.aliyuncs.com", Action="CreateVpc", Version="2016-04-28", RegionId="cn-hangzhou"
        ).json()["VpcId"]
        assert first != second and len(cloud.state()["vpcs"]) == 2
        cloud.inject_error("DescribeRegions", "Throttling")
        cloud.hold_transitions()
        calls = len(cloud.calls)
        with pytest.raises(StateError):
            cloud.load({"version": 1})
        assert len(cloud.calls) == calls and cloud.transitions.held
        with pytest.raises(AssertionError, match="DescribeRegions"):
            cloud.assert_all_faults_used()


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda d: d.__setitem__("instance", d.pop("instances")), "instance"),
        (lambda d: d["conditions"].__setitem__("sensitive_word", []), "conditions.sensitive_word"),
        (lambda d: d["vswitches"][0].__setitem__("vpc_id", "vpc-gone"), "vswitches[0].vpc_id"),
        (lambda d: d["security_groups"][0].__setitem__("group_type", "Bogus"), "security_groups[0].group_type"),
        (
            lambda d: d["resource_directories"][0].__setitem__("root_folder_id", "r-gone00"),
            "resource_directories[0].root_folder_id",
        ),
        (
            lambda d: d["resource_shares"][0].__setitem__("permissions", ["AliyunRSNope"]),
            "resource_shares[0].permissions",
        ),
    ],
)
def test_states_that_would_break_later_reads_are_refused(scene, change, where):
    with mock_ecs() as cloud:
        data = copy.deepcopy(scene)
        change(data)
        with pytest.raises(StateError) as refused:
            cloud.load(data)
        assert str(refused.value).startswith(where)
