"""Never silently wrong: every documented parameter of every implemented action is honoured,
without effect, or refused with 501 naming it; filters filter; documented types and limits hold."""

import json

import pytest
from helpers import INSTANCE_TYPE, SYSTEM_IMAGE, assert_fails, custom_image, launch, network

from aliyun_mock.core.wire import WireRequest
from aliyun_mock.products import PRODUCTS
from conftest_plugin import ApiFailure

REGION = "cn-hangzhou"
ACTIONS = [
    (plugin.product, action)
    for plugin in PRODUCTS
    for action in sorted(plugin.product.actions.values(), key=lambda a: a.name)
]
NOT_IMPLEMENTED = [
    (product, action, unit) for product, action in ACTIONS for unit in sorted(action.declaration.not_implemented)
]


def test_every_documented_parameter_of_every_implemented_action_is_classified_once():
    problems = [problem for _, action in ACTIONS for problem in action.classification_problems()]
    assert problems == []


def test_the_classification_check_sees_an_unclassified_and_an_undocumented_parameter():
    from aliyun_mock.core.product import Declaration

    _, action = next((p, a) for p, a in ACTIONS if a.name == "DeleteSnapshot")
    sloppy = type(action)(
        action.name,
        action.handler,
        action.parameters,
        declaration=Declaration(not_implemented=frozenset({"NoSuchParameter"})),
        product=action.product,
    )
    problems = sloppy.classification_problems()
    assert "DeleteSnapshot: OwnerId is classified 0 times" in problems
    assert "DeleteSnapshot: NoSuchParameter is declared but not documented" in problems


def raw_call(cloud, product, action, params):
    """A hand-built RPC request straight to the application (no SDK sends arbitrary parameters)."""
    from urllib.parse import urlencode

    query = urlencode(
        {
            "Action": action,
            "Version": product.version,
            "Format": "JSON",
            "RegionId": REGION,
            "AccessKeyId": "unknown-acts-as-default",
            **params,
        }
    )
    host = f"{product.host_label}.{REGION}.aliyuncs.com"
    status, _, payload = cloud.app.answer(WireRequest("GET", "https", host, "/", query, {}, b"", f"https://{host}/"))
    return status, json.loads(payload)


def wire_form(unit):
    """A request parameter that sets ``unit``: ``SystemDisk.Size``, ``Tag.1.Key``, ``Filter.1.Key``…"""
    parent, _, field = unit.partition(".")
    if not field or field[:1].isdigit():
        return {unit: "x"}
    return {f"{parent}.{field}": "x", f"{parent}.1.{field}": "x"}


@pytest.mark.parametrize("product,action,unit", NOT_IMPLEMENTED, ids=[f"{a.name}-{u}" for _, a, u in NOT_IMPLEMENTED])
def test_a_not_implemented_parameter_gets_501_naming_it(ecs_mock, product, action, unit):
    shown = unit if not unit.partition(".")[2][:1].isdigit() else unit.partition(".")[0]
    for name, value in wire_form(unit).items():
        status, body = raw_call(ecs_mock, product, action.name, {name: value})
        assert (status, body["Code"]) == (501, "AliyunMock.NotImplemented"), (name, body)
        assert body["Message"].startswith(f"Parameter {shown}") and action.name in body["Message"]


def test_an_sdk_user_hears_which_parameter_is_missing(ecs_mock):
    from alibabacloud_ecs20140526.models import RunInstancesRequest
    from alibabacloud_tea_openapi.exceptions import ServerException

    with pytest.raises(ServerException) as raised:
        ecs_mock.client("v2").run_instances(
            RunInstancesRequest(
                region_id=REGION, image_id=SYSTEM_IMAGE, instance_type=INSTANCE_TYPE, ram_role_name="deploy"
            )
        )
    assert raised.value.data["Code"] == "AliyunMock.NotImplemented"
    assert raised.value.data["Message"] == (
        "Parameter RamRoleName of Ecs action RunInstances (API version 2014-05-26) is not implemented in aliyun-mock."
    )


def test_documented_types_and_limits_are_checked(client_path):
    assert_fails(
        400,
        "InvalidParameter",
        'The specified parameter "PageSize" is not valid.',
        client_path.call,
        "DescribeSnapshots",
        {"RegionId": REGION, "PageSize": 101},
    )
    assert_fails(
        400,
        "InvalidParameter",
        'The specified parameter "Force" is not valid.',
        client_path.call,
        "DeleteSnapshot",
        {"SnapshotId": "s-x", "Force": "perhaps"},
    )


def instance_ids(body):
    return sorted(i["InstanceId"] for i in body["Instances"]["Instance"])


def test_describe_instances_filters_narrow_and_never_widen(client_path):
    first = launch(client_path)
    vpc_id = client_path.call("CreateVpc", {"RegionId": REGION, "CidrBlock": "10.0.0.0/8"}, product="vpc")["VpcId"]
    vswitch_id = client_path.call(
        "CreateVSwitch",
        {"RegionId": REGION, "VpcId": vpc_id, "ZoneId": "cn-hangzhou-i", "CidrBlock": "10.1.0.0/16"},
        product="vpc",
    )["VSwitchId"]
    web = client_path.call("CreateSecurityGroup", {"RegionId": REGION, "VpcId": vpc_id})["SecurityGroupId"]
    other = client_path.call(
        "RunInstances",
        {
            "RegionId": REGION,
            "ImageId": SYSTEM_IMAGE,
            "InstanceType": "ecs.c7.large",
            "VSwitchId": vswitch_id,
            "InternetMaxBandwidthOut": 5,
            "SecurityGroupId": web,
        },
    )["InstanceIdSets"]["InstanceIdSet"][0]
    describe = lambda **filters: instance_ids(client_path.call("DescribeInstances", {"RegionId": REGION, **filters}))  # noqa: E731
    assert describe() == sorted([first, other])
    assert describe(InstanceType="ecs.c7.large") == [other]
    assert describe(InstanceTypeFamily="ecs.g7") == [first]
    assert describe(ZoneId="cn-hangzhou-i") == [other]
    assert describe(SecurityGroupId=web) == [other]
    assert describe(VpcId=vpc_id) == [other] and describe(VSwitchId=vswitch_id) == [other]
    assert describe(VpcId="vpc-none") == [] and describe(VSwitchId="vsw-none") == []
    assert describe(InstanceNetworkType="classic") == [] and describe(InstanceChargeType="PrePaid") == []
    assert describe(KeyPairName="deploy") == [] and describe(EipAddresses='["47.1.1.1"]') == []
    body = client_path.call("DescribeInstances", {"RegionId": REGION, "InstanceIds": json.dumps([other])})
    public_ip = body["Instances"]["Instance"][0]["PublicIpAddress"]["IpAddress"][0]
    private_ip = body["Instances"]["Instance"][0]["VpcAttributes"]["PrivateIpAddress"]["IpAddress"][0]
    assert describe(PublicIpAddresses=json.dumps([public_ip])) == [other]
    assert describe(PrivateIpAddresses=json.dumps([private_ip])) == [other]
    assert body["Instances"]["Instance"][0]["InternetMaxBandwidthOut"] == 5


def test_instance_ids_in_single_quotes_read_as_the_cloud_reads_them(client_path):
    instance_id = launch(client_path)
    quoted = client_path.call("DescribeInstances", {"RegionId": REGION, "InstanceIds": str([instance_id])})
    double = client_path.call("DescribeInstances", {"RegionId": REGION, "InstanceIds": json.dumps([instance_id])})
    assert instance_ids(quoted) == instance_ids(double) == [instance_id]
    assert_fails(
        400,
        "InvalidParameter",
        'The specified parameter "InstanceIds" is not valid.',
        client_path.call,
        "DescribeInstances",
        {"RegionId": REGION, "InstanceIds": "[i-unquoted"},
    )


def test_describe_images_family_and_snapshot_filters(client_path):
    mine = custom_image(client_path)
    client_path.call("ModifyImageAttribute", {"RegionId": REGION, "ImageId": mine, "ImageFamily": "web"})
    describe = lambda **f: [  # noqa: E731,E501
        i["ImageId"] for i in client_path.call("DescribeImages", {"RegionId": REGION, **f})["Images"]["Image"]
    ]
    assert describe(ImageFamily="no-such-family") == [] and describe(SnapshotId="s-nope") == []
    assert describe(ImageFamily="web") == [mine]
    assert_fails(
        501,
        "AliyunMock.NotImplemented",
        "Filter.N.Key=NetworkType of Ecs action DescribeImages (API version 2014-05-26) is not implemented in "
        "aliyun-mock.",
        client_path.call,
        "DescribeImages",
        {"RegionId": REGION, "Filter": [{"Key": "NetworkType", "Value": "vpc"}]},
    )


def test_the_deprecated_lower_case_tag_spelling_works(ecs_mock):
    from conftest_plugin import RequestsPath

    raw = RequestsPath(ecs_mock)
    instance_id = launch(raw)
    image_id = raw.call(
        "CreateImage", {"RegionId": REGION, "InstanceId": instance_id, "Tag": [{"key": "team", "value": "web"}]}
    )["ImageId"]
    found = raw.call("DescribeImages", {"RegionId": REGION, "Tag": [{"key": "team", "value": "web"}]})
    assert [i["ImageId"] for i in found["Images"]["Image"]] == [image_id]
    assert found["Images"]["Image"][0]["Tags"]["Tag"] == [{"TagKey": "team", "TagValue": "web"}]


def test_describe_disks_and_snapshots_filters_and_dry_run(client_path):
    instance_id = launch(client_path)
    disks = lambda **f: client_path.call("DescribeDisks", {"RegionId": REGION, **f})["Disks"]["Disk"]  # noqa: E731
    (disk,) = disks(InstanceId=instance_id)
    assert disks(Category="cloud_essd") and disks(Category="cloud_ssd") == [] and disks(Portable=False) == []
    assert disks(ZoneId=disk["ZoneId"]) and disks(Encrypted=True) == [] and disks(LockReason="financial") == []
    client_path.call("CreateSnapshot", {"DiskId": disk["DiskId"], "Tag": [{"Key": "k", "Value": "v"}]})
    snapshots = lambda **f: client_path.call("DescribeSnapshots", {"RegionId": REGION, **f})["Snapshots"]["Snapshot"]  # noqa: E731,E501
    assert len(snapshots(Tag=[{"Key": "k", "Value": "v"}])) == 1 and snapshots(Tag=[{"Key": "k", "Value": "x"}]) == []
    assert snapshots(Encrypted=True) == [] and snapshots(SnapshotType="auto") == []
    for action in ("DescribeDisks", "DescribeSnapshots"):
        assert_fails(
            400,
            "DryRunOperation",
            "Request validation has been passed with DryRun flag set.",
            client_path.call,
            action,
            {"RegionId": REGION, "DryRun": True},
        )


def test_a_client_token_makes_a_launch_idempotent(client_path):
    params = {
        "RegionId": REGION,
        "ImageId": SYSTEM_IMAGE,
        "InstanceType": INSTANCE_TYPE,
        **network(client_path),
        "ClientToken": "once-1",
    }
    first = client_path.call("RunInstances", params)["InstanceIdSets"]["InstanceIdSet"]
    again = client_path.call("RunInstances", params)["InstanceIdSets"]["InstanceIdSet"]
    assert first == again
    assert client_path.call("DescribeInstances", {"RegionId": REGION})["TotalCount"] == 1
    assert_fails(
        403,
        "IdempotentParameterMismatch",
        "The specified clientToken is used.",
        client_path.call,
        "RunInstances",
        {**params, "InstanceName": "other"},
    )


def test_deletion_protection_and_delete_instances_own_answers(client_path):
    protected = client_path.call(
        "RunInstances",
        {
            "RegionId": REGION,
            "ImageId": SYSTEM_IMAGE,
            "InstanceType": INSTANCE_TYPE,
            **network(client_path),
            "DeletionProtection": True,
        },
    )
    instance_id = protected["InstanceIdSets"]["InstanceIdSet"][0]
    body = client_path.call("DescribeInstances", {"RegionId": REGION})["Instances"]["Instance"][0]
    assert body["DeletionProtection"] is True
    assert_fails(
        403,
        "InvalidOperation.DeletionProtection",
        "The operation is not allowed due to deletion protection.",
        client_path.call,
        "DeleteInstance",
        {"InstanceId": instance_id, "Force": True},
    )
    other = launch(client_path)
    client_path.call("StopInstance", {"InstanceId": other})
    assert_fails(
        400,
        "DRYRUN.SUCCESS",
        "This request is a dryrun request with successful result.",
        client_path.call,
        "DeleteInstances",
        {"RegionId": REGION, "InstanceId": [other], "DryRun": True},
    )
    assert_fails(
        403,
        "InvalidParameter.TooManyInstanceIds",
        "Instance ids cannot be more than 100.",
        client_path.call,
        "DeleteInstances",
        {"RegionId": REGION, "InstanceId": [f"i-{n}" for n in range(101)]},
    )


def test_launch_refuses_what_it_does_not_model_by_name(client_path):
    base = {"RegionId": REGION, "ImageId": SYSTEM_IMAGE, "InstanceType": INSTANCE_TYPE, **network(client_path)}
    assert_fails(
        501,
        "AliyunMock.NotImplemented",
        "InstanceChargeType=PrePaid of Ecs action RunInstances (API version "
        "2014-05-26) is not implemented in aliyun-mock.",
        client_path.call,
        "RunInstances",
        {**base, "InstanceChargeType": "PrePaid"},
    )
    assert_fails(
        400,
        "InvalidPassword.Malformed",
        'The specified parameter "Password" is not valid.',
        client_path.call,
        "RunInstances",
        {**base, "Password": "short"},
    )
    assert_fails(
        400,
        "InvalidUserData.Base64FormatInvalid",
        "The specified UserData is not valid.",
        client_path.call,
        "RunInstances",
        {**base, "UserData": "not base64!"},
    )


def test_every_code_the_ecs_handlers_raise_has_a_text():
    """Each code raised anywhere in ECS resolves to a message: the gateway's, the product's, or at
    least one implemented action's documented one (none answers its bare code)."""
    import pathlib
    import re

    import aliyun_mock.ecs
    from aliyun_mock.core.errors import COMMON_ERRORS
    from aliyun_mock.ecs.errors import ECS_ERRORS, ECS_ERRORS_PER_ACTION

    sources = pathlib.Path(aliyun_mock.ecs.__file__).parent.rglob("*.py")
    raised = {code for path in sources for code in re.findall(r'ApiError\(\s*"([^"]+)"', path.read_text())}
    documented = {code for _, action in ACTIONS for code in (action.description.errors if action.description else {})}
    known = set(COMMON_ERRORS) | set(ECS_ERRORS) | {code for _, code in ECS_ERRORS_PER_ACTION} | documented
    assert sorted(raised - known) == []


def test_the_description_answers_what_the_hand_catalogue_no_longer_holds(client_path):
    base = {"RegionId": REGION, "ImageId": SYSTEM_IMAGE, "InstanceType": INSTANCE_TYPE, **network(client_path)}
    assert_fails(
        404,
        "InvalidZoneId.NotFound",
        "The ZoneId provided does not exist in our records.",
        client_path.call,
        "RunInstances",
        {**base, "ZoneId": "cn-hangzhou-zz"},
    )
    assert_fails(
        400,
        "SourceRegion.NotFound",
        "The source region not found.",
        client_path.call,
        "CopyImage",
        {"RegionId": "xx-nowhere-1", "ImageId": "m-x", "DestinationRegionId": REGION},
    )
    assert_fails(
        403,
        "ImageNotSupportInstanceType",
        "The specified image don't support the InstanceType instance.",
        client_path.call,
        "CreateInstance",
        {**base, "ImageId": "aliyun_3_arm64_20G_alibase_20250629.vhd"},
    )


def test_filter_values_the_describe_actions_do_not_know_get_their_documented_refusals(client_path):
    instance_id = launch(client_path)
    refusals = [
        (
            "DescribeInstances",
            {"Status": "Sleeping"},
            404,
            "InvalidStatus.NotFound",
            "The specified Status is not found.",
        ),
        (
            "DescribeInstances",
            {"InstanceChargeType": "Free"},
            404,
            "InvalidInstanceChargeType.NotFound",
            "The InstanceChargeType does not exist in our records.",
        ),
        (
            "DescribeInstances",
            {"InternetChargeType": "PayByHour"},
            404,
            "InvalidInternetChargeType.ValueNotSupported",
            "The specified InternetChargeType is not valid.",
        ),
        (
            "DescribeInstances",
            {"LockReason": "boredom"},
            404,
            "InvalidLockReason.NotFound",
            "The specified LockReason is not found.",
        ),
        (
            "DescribeInstances",
            {"InstanceNetworkType": "mesh"},
            404,
            "InvalidNetworkType.NotFound",
            "The specified InstanceNetworkType is not found.",
        ),
        (
            "DescribeInstances",
            {"HpcClusterId": "hpc-nope"},
            400,
            "InvalidHpcClusterId.NotFound",
            "The specified HpcClusterId is not found.",
        ),
        (
            "DescribeInstances",
            {"Tag": [{"Value": "orphan"}]},
            400,
            "InvalidTag.Mismatch",
            "The specified Tag.n.Key and Tag.n.Value are not match.",
        ),
        (
            "DescribeInstances",
            {"Tag": [{"Key": f"k{n}"} for n in range(21)]},
            400,
            "InvalidTagCount",
            "The specified tags are beyond the permitted range.",
        ),
        (
            "DescribeInstanceStatus",
            {"InstanceId": [f"i-{n}" for n in range(101)]},
            403,
            "InvalidParameter.TooManyInstanceIds",
            "Instance ids cannot be more than 100.",
        ),
        (
            "DescribeInstanceStatus",
            {"ZoneId": "cn-hangzhou-zz"},
            404,
            "InvalidZoneId.NotFound",
            "The ZoneId provided does not exist in our records.",
        ),
        (
            "DescribeDisks",
            {"Category": "floppy"},
            400,
            "InvalidCategory.ValueNotSupported",
            "The specified disk category is not supported.",
        ),
        (
            "DescribeDisks",
            {"DiskChargeType": "Free"},
            404,
            "InvalidDiskChargeType.NotFound",
            "The DiskChargeType does not exist in our records.",
        ),
        (
            "DescribeDisks",
            {"MultiAttach": "Maybe"},
            403,
            "InvalidParameter.MultiAttach",
            "The specified param MultiAttach is not valid.",
        ),
        (
            "DescribeDisks",
            {"ZoneId": "cn-hangzhou-zz"},
            400,
            "InvalidZoneId.NotFound",
            "The zoneId provided does not exist in our records.",
        ),
        (
            "DescribeDisks",
            {"DiskIds": "[d-unquoted"},
            400,
            "InvalidParameter.DiskIds",
            "The specified parameter diskIds is not valid.",
        ),
        (
            "DescribeDisks",
            {"DiskIds": json.dumps([f"d-{n}" for n in range(101)])},
            403,
            "InvalidDiskIds.Malformed",
            "The amount of specified disk Ids exceeds the limit.",
        ),
    ]
    for action, params, status, code, message in refusals:
        assert_fails(status, code, message, client_path.call, action, {"RegionId": REGION, **params})
    all_categories = client_path.call("DescribeDisks", {"RegionId": REGION, "Category": "all"})["Disks"]["Disk"]
    assert [d["InstanceId"] for d in all_categories] == [instance_id]


def test_max_results_above_the_limit_means_the_limit(client_path):
    for _ in range(2):
        launch(client_path)
    body = client_path.call("DescribeInstances", {"RegionId": REGION, "MaxResults": 500})
    assert len(body["Instances"]["Instance"]) == 2 and body["NextToken"] == ""


def test_a_batch_is_named_in_sequence_and_names_are_checked(client_path):
    base = {"RegionId": REGION, "ImageId": SYSTEM_IMAGE, "InstanceType": INSTANCE_TYPE, **network(client_path)}
    ids = client_path.call("RunInstances", {**base, "Amount": 2, "InstanceName": "web-[1,3]", "HostName": "web-[7,2]"})[
        "InstanceIdSets"
    ]["InstanceIdSet"]
    body = client_path.call("DescribeInstances", {"RegionId": REGION, "InstanceIds": json.dumps(ids)})
    named = sorted((i["InstanceName"], i["HostName"]) for i in body["Instances"]["Instance"])
    assert named == [("web-001", "web-07"), ("web-002", "web-08")]
    for params, code, message in (
        (
            {"InstanceName": "1bad"},
            "InvalidInstanceName.Malformed",
            'The specified parameter "InstanceName" is not valid.',
        ),
        (
            {"InstanceName": "web-[x]"},
            "InvalidInstanceName.CustomMalformed",
            "Customized section of instance or host name is invalid, please use valid format: [], [,], [m,], [,n], [m,n].",
        ),
        ({"HostName": "bad_host!"}, "InvalidHostName.Malformed", 'The specified parameter "HostName" is not valid.'),
        (
            {"Description": "d" * 300},
            "InvalidDescription.Malformed",
            'The specified parameter "Description" is not valid.',
        ),
        (
            {"Tag": [{"Key": "aliyun:x", "Value": "v"}]},
            "InvalidTagKey.Malformed",
            "The specified Tag.n.Key is not valid.",
        ),
        (
            {"Tag": [{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]},
            "Duplicate.TagKey",
            "The Tag.N.Key contain duplicate key.",
        ),
        (
            {"Tag": [{"Key": f"k{n}"} for n in range(21)]},
            "NumberExceed.Tags",
            "The Tags parameter's number is exceed , Valid : 20.",
        ),
        (
            {"SystemDisk": {"Category": "cloud_floppy"}},
            "InvalidSystemDiskCategory.ValueNotSupported",
            'The specified parameter "SystemDisk.Category" is not valid.',
        ),
    ):
        assert_fails(400, code, message, client_path.call, "RunInstances", {**base, **params})
    assert_fails(
        404,
        "DependencyViolation.IoOptimized",
        "The specified instancetype must be IoOptimized instance.",
        client_path.call,
        "RunInstances",
        {**base, "IoOptimized": "none"},
    )


def test_unique_suffix_numbers_a_batchs_plain_names(client_path):
    base = {"RegionId": REGION, "ImageId": SYSTEM_IMAGE, "InstanceType": INSTANCE_TYPE, **network(client_path)}

    def names(**params):
        ids = client_path.call("RunInstances", {**base, **params})["InstanceIdSets"]["InstanceIdSet"]
        body = client_path.call("DescribeInstances", {"RegionId": REGION, "InstanceIds": json.dumps(ids)})
        return sorted((i["InstanceName"], i["HostName"]) for i in body["Instances"]["Instance"])

    suffixed = names(Amount=3, UniqueSuffix=True, InstanceName="node-", HostName="node")
    assert suffixed == [("node-001", "node001"), ("node-002", "node002"), ("node-003", "node003")]
    assert names(Amount=2, InstanceName="same", HostName="same") == [("same", "same")] * 2  # without it: alike
    assert names(Amount=1, UniqueSuffix=True, InstanceName="alone", HostName="alone") == [("alone", "alone")]
    ordered = names(Amount=2, UniqueSuffix=True, InstanceName="web-[5,2]", HostName="web-[5,2]")
    assert ordered == [("web-05", "web-05"), ("web-06", "web-06")]  # a sequence without a suffix: the sequence only
    with pytest.raises(ApiFailure) as refused:
        client_path.call("RunInstances", {**base, "Amount": 2, "UniqueSuffix": True, "InstanceName": "a[1,2]z"})
    assert (refused.value.status, refused.value.code) == (501, "AliyunMock.NotImplemented")
    assert "UniqueSuffix" in refused.value.message


def test_subscription_terms_change_nothing_for_pay_as_you_go(client_path):
    base = {"RegionId": REGION, "ImageId": SYSTEM_IMAGE, "InstanceType": INSTANCE_TYPE, **network(client_path)}
    terms = {"Period": 1, "PeriodUnit": "Month", "AutoRenew": False, "AutoRenewPeriod": 1}
    (ran,) = client_path.call("RunInstances", {**base, **terms})["InstanceIdSets"]["InstanceIdSet"]
    created = client_path.call("CreateInstance", {**base, **terms})["InstanceId"]
    body = client_path.call("DescribeInstances", {"RegionId": REGION, "InstanceIds": json.dumps([ran, created])})
    assert {i["InstanceChargeType"] for i in body["Instances"]["Instance"]} == {"PostPaid"}
    with pytest.raises(ApiFailure) as refused:
        client_path.call("RunInstances", {**base, **terms, "InstanceChargeType": "PrePaid"})
    assert (refused.value.status, refused.value.code) == (501, "AliyunMock.NotImplemented")


def test_defaults_that_tools_always_send_are_taken_and_the_other_value_gets_501(client_path):
    """Terraform sends Bootable=false on AttachDisk and Encrypted=false for every disk it describes."""
    base = {"RegionId": REGION, "ImageId": SYSTEM_IMAGE, "InstanceType": INSTANCE_TYPE, **network(client_path)}
    plain = {"Size": 20, "Category": "cloud_essd", "Encrypted": False}
    (instance_id,) = client_path.call(
        "RunInstances", {**base, "SystemDisk": {"Encrypted": False}, "DataDisk": [plain]}
    )["InstanceIdSets"]["InstanceIdSet"]
    disk = {"RegionId": REGION, "ZoneId": "cn-hangzhou-h", "Size": 20, "DiskCategory": "cloud_essd"}
    disk_id = client_path.call("CreateDisk", {**disk, "Encrypted": False})["DiskId"]
    client_path.call("AttachDisk", {"InstanceId": instance_id, "DiskId": disk_id, "Bootable": False})
    body = client_path.call("DescribeDisks", {"RegionId": REGION, "InstanceId": instance_id})
    assert len(body["Disks"]["Disk"]) == 3 and not any(d["Encrypted"] for d in body["Disks"]["Disk"])
    for action, params, named in (
        ("RunInstances", {**base, "DataDisk": [{**plain, "Encrypted": True}]}, "DataDisk.N.Encrypted=true"),
        ("RunInstances", {**base, "SystemDisk": {"Encrypted": True}}, "SystemDisk.Encrypted=true"),
        ("CreateDisk", {**disk, "Encrypted": True}, "Encrypted=true"),
        ("AttachDisk", {"InstanceId": instance_id, "DiskId": disk_id, "Bootable": True}, "Bootable=true"),
    ):
        with pytest.raises(ApiFailure) as refused:
            client_path.call(action, params)
        assert (refused.value.status, refused.value.code) == (501, "AliyunMock.NotImplemented")
        assert refused.value.message.startswith(named), refused.value.message


def test_launches_look_like_the_clouds(client_path):
    base = {
        "RegionId": REGION,
        "ImageId": SYSTEM_IMAGE,
        "InstanceType": INSTANCE_TYPE,
        **network(client_path),
        "InternetMaxBandwidthOut": 5,
    }
    ran = client_path.call("RunInstances", {**base, "Amount": 20, "Tag": [{"Key": "env", "Value": "test"}]})
    created = client_path.call("CreateInstance", base)["InstanceId"]
    instances = client_path.call("DescribeInstances", {"RegionId": REGION, "MaxResults": 100})["Instances"]["Instance"]
    private = [i["VpcAttributes"]["PrivateIpAddress"]["IpAddress"][0] for i in instances]
    assert len(set(private)) == len(private) == 21
    by_id = {i["InstanceId"]: i for i in instances}
    assert by_id[created]["PublicIpAddress"]["IpAddress"] == []  # CreateInstance allocates none
    first = by_id[ran["InstanceIdSets"]["InstanceIdSet"][0]]
    assert first["PublicIpAddress"]["IpAddress"] and len(first["CreationTime"]) == len("2024-04-14T22:32Z")
    assert by_id[created]["StoppedMode"] == "KeepCharging" and first["StoppedMode"] == "Not-applicable"
    disks = client_path.call(
        "DescribeDisks", {"RegionId": REGION, "Tag": [{"Key": "env", "Value": "test"}], "MaxResults": 100}
    )["Disks"]["Disk"]
    assert len(disks) == 20 and (disks[0]["IOPS"], disks[0]["Throughput"]) == (3800, 140)  # a 40 GiB PL1 ESSD
    assert disks[0]["ExpiredTime"] == "2999-09-08T16:00Z"


def test_more_documented_refusals_are_reachable(client_path):
    base = {"RegionId": REGION, "ImageId": SYSTEM_IMAGE, "InstanceType": INSTANCE_TYPE, **network(client_path)}
    assert_fails(
        404,
        "InvalidSystemDiskSize.LessThanMinSize",
        "The specified parameter SystemDisk.Size is less than the min size.",
        client_path.call,
        "RunInstances",
        {**base, "SystemDisk": {"Size": 10}},
    )
    assert_fails(
        404,
        "InvalidSystemDiskSize.MoreThanMaxSize",
        "The specified parameter SystemDisk.Size is more than the max size.",
        client_path.call,
        "RunInstances",
        {**base, "SystemDisk": {"Size": 4096}},
    )
    instance_id = launch(client_path)
    client_path.call("StopInstance", {"InstanceId": instance_id})
    assert_fails(
        403,
        "ImageNotSupportInstanceType",
        "The specified image don not support the InstanceType instance.",
        client_path.call,
        "ReplaceSystemDisk",
        {"InstanceId": instance_id, "ImageId": "aliyun_3_arm64_20G_alibase_20250629.vhd"},
    )
    assert_fails(
        404,
        "InvalidSnapshotType.NotFound",
        "The specfied SnapshotType is not found.",
        client_path.call,
        "DescribeSnapshots",
        {"RegionId": REGION, "SnapshotType": "manual"},
    )
    assert_fails(
        403,
        "InvalidSnapshotCategory.Malformed",
        "The specified Category is not valid.",
        client_path.call,
        "DescribeSnapshots",
        {"RegionId": REGION, "Category": "gold"},
    )
    disk_id = client_path.call("DescribeDisks", {"RegionId": REGION})["Disks"]["Disk"][0]["DiskId"]
    assert_fails(
        404,
        "InvalidDescription.Malformed",
        "The specified description is wrongly formed.",
        client_path.call,
        "CreateSnapshot",
        {"DiskId": disk_id, "Description": "https://x"},
    )
    assert_fails(
        400,
        "NumberExceed.Tags",
        "The Tags parameter's number is exceed , Valid : 20.",
        client_path.call,
        "CreateInstance",
        {**base, "Tag": [{"Key": f"k{n}"} for n in range(21)]},
    )
