"""Security groups (ECS 2014-05-26): the groups themselves, their rules (flat and ``Permissions.N``
forms, both directions) and instances joining and leaving them, through every client path.

Expected texts: ``ecs/data/api.json`` (the first documented entry of a code wins), overridden by
``ecs/errors.py`` and the gateway's ``core/errors.py``."""

import pytest
from helpers import assert_fails, launch, network

from conftest_plugin import ApiFailure

REGION = "cn-hangzhou"
ZONE = "cn-hangzhou-h"

# Fields of DescribeSecurityGroups' SecurityGroup items, as the description documents them.
GROUP_FIELDS = {
    "SecurityGroupId",
    "SecurityGroupName",
    "Description",
    "SecurityGroupType",
    "VpcId",
    "CreationTime",
    "EcsCount",
    "AvailableInstanceAmount",
    "ResourceGroupId",
    "ServiceManaged",
    "ServiceID",
    "Tags",
    "GroupToGroupRuleCount",
    "RuleCount",
}

DRY_RUN = (400, "DryRunOperation", "Request validation has been passed with DryRun flag set.")
VPC_NOT_FOUND = (404, "InvalidVpcId.NotFound", "Specified VPC does not exist.")
GROUP_ID_NOT_FOUND = (404, "InvalidSecurityGroupId.NotFound", "The specified SecurityGroupId does not exist.")
GROUP_NOT_FOUND = (404, "InvalidSecurityGroup.NotFound", "The specified security group is not found.")
GROUP_IN_USE = (403, "DependencyViolation", "There is still instance(s) in the specified security group.")
NAME_MALFORMED = (400, "InvalidSecurityGroupName.Malformed", "Specified security group name is not valid.")
DESCRIPTION_MALFORMED = (
    400,
    "InvalidSecurityGroupDiscription.Malformed",
    "Specified security group description is not valid.",
)
PORT_RANGE_MISSING = (400, "InvalidPortRange.Malformed", "The specified parameter PortRange must set.")
PORT_RANGE_TEXT = "The specified parameter %s is not valid. It should be two integers less than 65535 in ?/? format."
PROTOCOL_PORTS_MISMATCH = (
    400,
    "OperationDenied",
    "The specified IpProtocol does not exist or IpProtocol and PortRange do not match.",
)
PRIORITY_MALFORMED = (400, "InvalidPriority.Malformed", "The parameter Priority is invalid.")
PERMISSIONS_COEXIST = (
    400,
    "InvalidParam.Permissions",
    "The specified parameter Permissions cannot coexist with other parameters.",
)
DUPLICATE_PERMISSIONS = (
    400,
    "InvalidParam.DuplicatePermissions",
    "There are duplicate permissions in the specified parameter Permissions.",
)
SSH = {"IpProtocol": "tcp", "PortRange": "22/22", "SourceCidrIp": "0.0.0.0/0"}


# --- scene building -------------------------------------------------------------------------------------------


def create_vpc(path, block="10.0.0.0/16", account=None):
    return path.call("CreateVpc", {"RegionId": REGION, "CidrBlock": block}, product="vpc", account=account)["VpcId"]


def create_group(path, vpc_id, account=None, **extra):
    params = {"RegionId": REGION, "VpcId": vpc_id, **extra}
    return path.call("CreateSecurityGroup", params, account=account)["SecurityGroupId"]


def groups(path, account=None, **filters):
    body = path.call("DescribeSecurityGroups", {"RegionId": REGION, **filters}, account=account)
    return body["SecurityGroups"]["SecurityGroup"]


def group_ids(path, account=None, **filters):
    return sorted(g["SecurityGroupId"] for g in groups(path, account, **filters))


def the_group(path, group_id):
    (group,) = groups(path, SecurityGroupIds=f'["{group_id}"]')
    return group


def rules(path, group_id, **extra):
    body = path.call("DescribeSecurityGroupAttribute", {"RegionId": REGION, "SecurityGroupId": group_id, **extra})
    return body["Permissions"]["Permission"]


def authorize(path, group_id, egress=False, **params):
    action = "AuthorizeSecurityGroupEgress" if egress else "AuthorizeSecurityGroup"
    return path.call(action, {"RegionId": REGION, "SecurityGroupId": group_id, **params})


def revoke(path, group_id, egress=False, **params):
    action = "RevokeSecurityGroupEgress" if egress else "RevokeSecurityGroup"
    return path.call(action, {"RegionId": REGION, "SecurityGroupId": group_id, **params})


def refused(path, error, action, group_id, **params):
    assert_fails(*error, path.call, action, {"RegionId": REGION, "SecurityGroupId": group_id, **params})


def instance_groups(path, instance_id):
    body = path.call("DescribeInstances", {"RegionId": REGION, "InstanceIds": f'["{instance_id}"]'})
    return body["Instances"]["Instance"][0]["SecurityGroupIds"]["SecurityGroupId"]


# --- CreateSecurityGroup ----------------------------------------------------------------------------------------


def test_create_security_group_is_described_with_every_documented_field(client_path, ecs_mock):
    vpc_id = create_vpc(client_path)
    group_id = create_group(
        client_path, vpc_id, SecurityGroupName="web", Description="the web tier", Tag=[{"Key": "team", "Value": "web"}]
    )
    assert group_id.startswith("sg-bp")
    enterprise = create_group(client_path, vpc_id, SecurityGroupType="enterprise")
    described = {g["SecurityGroupId"]: g for g in groups(client_path)}
    assert set(described) == {group_id, enterprise}
    web = described[group_id]
    assert GROUP_FIELDS <= set(web)
    assert {
        k: web[k]
        for k in (
            "SecurityGroupName",
            "Description",
            "SecurityGroupType",
            "VpcId",
            "EcsCount",
            "AvailableInstanceAmount",
            "RuleCount",
            "GroupToGroupRuleCount",
        )
    } == {
        "SecurityGroupName": "web",
        "Description": "the web tier",
        "SecurityGroupType": "normal",
        "VpcId": vpc_id,
        "EcsCount": 0,
        "AvailableInstanceAmount": 2000,
        "RuleCount": 0,
        "GroupToGroupRuleCount": 0,
    }
    assert web["Tags"] == {"Tag": [{"TagKey": "team", "TagValue": "web"}]}
    assert web["CreationTime"].endswith("Z")
    assert (described[enterprise]["SecurityGroupType"], described[enterprise]["AvailableInstanceAmount"]) == (
        "enterprise",
        65536,
    )
    assert described[enterprise]["SecurityGroupName"] == ""

    attribute = client_path.call("DescribeSecurityGroupAttribute", {"RegionId": REGION, "SecurityGroupId": group_id})
    assert {
        k: attribute[k]
        for k in ("SecurityGroupId", "SecurityGroupName", "Description", "VpcId", "RegionId", "InnerAccessPolicy")
    } == {
        "SecurityGroupId": group_id,
        "SecurityGroupName": "web",
        "Description": "the web tier",
        "VpcId": vpc_id,
        "RegionId": REGION,
        "InnerAccessPolicy": "Accept",
    }
    assert attribute["Permissions"] == {"Permission": []}
    enterprise_attribute = client_path.call(
        "DescribeSecurityGroupAttribute", {"RegionId": REGION, "SecurityGroupId": enterprise}
    )
    assert enterprise_attribute["InnerAccessPolicy"] == "Drop"


def test_create_security_group_checks_names_types_and_the_vpc(client_path, ecs_mock):
    vpc_id = create_vpc(client_path)

    def fails(error, account=None, **params):
        assert_fails(*error, client_path.call, "CreateSecurityGroup", {"RegionId": REGION, **params}, account=account)

    for name in ("a", "1web", "-web", "http://web", "https://web", "w" * 129, "web group"):
        fails(NAME_MALFORMED, VpcId=vpc_id, SecurityGroupName=name)
    for description in ("d", "http://about", "https://about", "d" * 257):
        fails(DESCRIPTION_MALFORMED, VpcId=vpc_id, Description=description)
    fails(
        (400, "InvalidParams.GroupType", "The specified security group type is not valid."),
        VpcId=vpc_id,
        SecurityGroupType="premium",
    )
    fails((403, "InvalidVpcId.NotFound", "The VpcId must not empty when only support vpc vm."))
    fails(VPC_NOT_FOUND, VpcId="vpc-bp1nothing")
    fails(VPC_NOT_FOUND, account=ecs_mock.create_account(), VpcId=vpc_id)  # another account's VPC
    fails(
        (404, "InvalidRegionId.NotFound", "The specified RegionId does not exist."),
        VpcId=vpc_id,
        RegionId="xx-nowhere-1",
    )
    assert groups(client_path) == []

    longest = create_group(client_path, vpc_id, SecurityGroupName="w" + "x" * 127, Description="d" * 256)
    shortest = create_group(client_path, vpc_id, SecurityGroupName="wx", Description="dd")
    dotted = create_group(client_path, vpc_id, SecurityGroupName="web:tier_1-a.b")
    assert group_ids(client_path) == sorted([longest, shortest, dotted])


def test_create_security_group_waits_for_a_pending_vpc(client_path, ecs_mock):
    ecs_mock.hold_transitions()
    vpc_id = create_vpc(client_path)
    assert_fails(
        400,
        "IncorrectVpcStatus",
        "Current VPC status does not support this operation.",
        client_path.call,
        "CreateSecurityGroup",
        {"RegionId": REGION, "VpcId": vpc_id},
    )
    ecs_mock.settle()
    assert create_group(client_path, vpc_id)


# --- DescribeSecurityGroups -------------------------------------------------------------------------------------


def test_describe_security_groups_filters(client_path, ecs_mock):
    first_vpc, second_vpc = create_vpc(client_path), create_vpc(client_path, "10.1.0.0/16")
    web = create_group(client_path, first_vpc, SecurityGroupName="web-front", Tag=[{"Key": "tier", "Value": "front"}])
    db = create_group(client_path, first_vpc, SecurityGroupName="db", Tag=[{"Key": "tier", "Value": "back"}])
    other = create_group(client_path, second_vpc, SecurityGroupName="web-other", SecurityGroupType="enterprise")
    stranger = ecs_mock.create_account()
    create_group(client_path, create_vpc(client_path, account=stranger), account=stranger, SecurityGroupName="db")

    everything = sorted([web, db, other])
    assert group_ids(client_path) == everything
    assert group_ids(client_path, SecurityGroupIds=f'["{web}", "{other}", "sg-bp1nothing"]') == sorted([web, other])
    assert group_ids(client_path, SecurityGroupIds=f"['{db}']") == [db]  # the lenient single-quoted form
    assert group_ids(client_path, SecurityGroupId=db) == [db]
    assert group_ids(client_path, VpcId=first_vpc) == sorted([web, db])
    assert group_ids(client_path, VpcId="vpc-bp1nothing") == []
    assert group_ids(client_path, SecurityGroupName="web") == []  # exact unless FuzzyQuery
    assert group_ids(client_path, SecurityGroupName="web", FuzzyQuery=True) == sorted([web, other])
    assert group_ids(client_path, SecurityGroupName="db") == [db]
    assert group_ids(client_path, SecurityGroupType="enterprise") == [other]
    assert group_ids(client_path, SecurityGroupType="normal") == sorted([web, db])
    assert group_ids(client_path, Tag=[{"Key": "tier", "Value": "front"}]) == [web]
    assert group_ids(client_path, Tag=[{"Key": "tier"}]) == sorted([web, db])
    assert group_ids(client_path, Tag=[{"Key": "tier", "Value": "middle"}]) == []
    assert group_ids(client_path, NetworkType="vpc") == everything
    assert group_ids(client_path, NetworkType="classic") == []  # no classic network in the mock
    assert group_ids(client_path, IsQueryEcsCount=True) == everything

    assert_fails(*DRY_RUN, client_path.call, "DescribeSecurityGroups", {"RegionId": REGION, "DryRun": True})
    assert_fails(
        400,
        "InvalidParameter",
        'The specified parameter "SecurityGroupIds" is not valid.',
        client_path.call,
        "DescribeSecurityGroups",
        {"RegionId": REGION, "SecurityGroupIds": "not a list"},
    )


def test_describe_security_groups_refuses_an_unknown_type_in_plain_words(client_path):
    assert_fails(
        400,
        "InvalidParameter.SecurityGroupType",
        "The specified SecurityGroupType is not valid.",
        client_path.call,
        "DescribeSecurityGroups",
        {"RegionId": REGION, "SecurityGroupType": "premium"},
    )


def test_describe_security_groups_counts_members_and_rules(client_path):
    instance_id = launch(client_path)
    group_id = network(client_path)["SecurityGroupId"]
    launch(client_path)
    authorize(client_path, group_id, **SSH)
    authorize(client_path, group_id, egress=True, IpProtocol="all", PortRange="-1/-1", DestGroupId=group_id)
    group = the_group(client_path, group_id)
    assert (group["EcsCount"], group["AvailableInstanceAmount"]) == (2, 1998)
    assert (group["RuleCount"], group["GroupToGroupRuleCount"]) == (2, 1)
    client_path.call("DeleteInstance", {"InstanceId": instance_id, "Force": True})
    assert (the_group(client_path, group_id)["EcsCount"], the_group(client_path, group_id)["RuleCount"]) == (1, 2)


def test_describe_security_groups_both_paging_styles(client_path):
    vpc_id = create_vpc(client_path)
    created = [create_group(client_path, vpc_id, SecurityGroupName=f"g{n:02d}") for n in range(12)]

    first = client_path.call("DescribeSecurityGroups", {"RegionId": REGION})
    assert (first["TotalCount"], first["PageNumber"], first["PageSize"]) == (12, 1, 10)
    assert [g["SecurityGroupId"] for g in first["SecurityGroups"]["SecurityGroup"]] == created[:10]
    page = client_path.call("DescribeSecurityGroups", {"RegionId": REGION, "PageSize": 5, "PageNumber": 3})
    assert [g["SecurityGroupId"] for g in page["SecurityGroups"]["SecurityGroup"]] == created[10:]

    seen, token = [], ""
    while True:
        params = {"RegionId": REGION, "MaxResults": 10}
        if token:
            params["NextToken"] = token
        body = client_path.call("DescribeSecurityGroups", params)
        seen += [g["SecurityGroupId"] for g in body["SecurityGroups"]["SecurityGroup"]]
        token = body.get("NextToken", "")
        if not token:
            break
    assert seen == created
    assert_fails(
        400,
        "InvalidParameter",
        'The specified parameter "PageSize" is not valid.',
        client_path.call,
        "DescribeSecurityGroups",
        {"RegionId": REGION, "PageSize": 101},
    )


# --- ModifySecurityGroupAttribute and DeleteSecurityGroup -------------------------------------------------------


def test_modify_security_group_attribute(client_path, ecs_mock):
    group_id = create_group(client_path, create_vpc(client_path), SecurityGroupName="before", Description="first")
    modify = {"RegionId": REGION, "SecurityGroupId": group_id}
    assert set(client_path.call("ModifySecurityGroupAttribute", {**modify, "SecurityGroupName": "after"})) == {
        "RequestId"
    }
    group = the_group(client_path, group_id)
    assert (group["SecurityGroupName"], group["Description"]) == ("after", "first")  # what is not given stays
    client_path.call("ModifySecurityGroupAttribute", {**modify, "Description": "second"})
    group = the_group(client_path, group_id)
    assert (group["SecurityGroupName"], group["Description"]) == ("after", "second")

    assert_fails(
        *NAME_MALFORMED, client_path.call, "ModifySecurityGroupAttribute", {**modify, "SecurityGroupName": "http://x"}
    )
    assert_fails(
        *DESCRIPTION_MALFORMED, client_path.call, "ModifySecurityGroupAttribute", {**modify, "Description": "d" * 257}
    )
    assert_fails(
        *GROUP_ID_NOT_FOUND,
        client_path.call,
        "ModifySecurityGroupAttribute",
        {"RegionId": REGION, "SecurityGroupId": "sg-bp1nothing", "SecurityGroupName": "x"},
    )
    assert_fails(
        *GROUP_ID_NOT_FOUND,
        client_path.call,
        "ModifySecurityGroupAttribute",
        {**modify, "SecurityGroupName": "theirs"},
        account=ecs_mock.create_account(),
    )
    group = the_group(client_path, group_id)
    assert (group["SecurityGroupName"], group["Description"]) == ("after", "second")


def test_delete_security_group_waits_for_its_instances(client_path):
    instance_id = launch(client_path)
    group_id = network(client_path)["SecurityGroupId"]
    delete = {"RegionId": REGION, "SecurityGroupId": group_id}
    assert_fails(*GROUP_IN_USE, client_path.call, "DeleteSecurityGroup", delete)
    client_path.call("DeleteInstance", {"InstanceId": instance_id, "Force": True})
    assert set(client_path.call("DeleteSecurityGroup", delete)) == {"RequestId"}
    assert groups(client_path) == []
    assert_fails(*GROUP_NOT_FOUND, client_path.call, "DeleteSecurityGroup", delete)
    assert_fails(*GROUP_ID_NOT_FOUND, client_path.call, "DescribeSecurityGroupAttribute", delete)
    assert_fails(*GROUP_ID_NOT_FOUND, client_path.call, "AuthorizeSecurityGroup", {**delete, **SSH})


def test_delete_security_group_waits_for_rules_naming_it(client_path, ecs_mock):
    vpc_id = create_vpc(client_path)
    target, referrer = create_group(client_path, vpc_id), create_group(client_path, vpc_id)
    authorize(client_path, target, IpProtocol="tcp", PortRange="80/80", SourceGroupId=target)  # names itself
    authorize(client_path, referrer, egress=True, IpProtocol="tcp", PortRange="5432/5432", DestGroupId=target)
    delete = {"RegionId": REGION, "SecurityGroupId": target}
    assert_fails(*GROUP_IN_USE, client_path.call, "DeleteSecurityGroup", delete)
    revoke(client_path, referrer, egress=True, IpProtocol="tcp", PortRange="5432/5432", DestGroupId=target)
    client_path.call("DeleteSecurityGroup", delete)  # its own rule naming itself does not hold it
    assert group_ids(client_path) == [referrer]
    assert_fails(
        *GROUP_NOT_FOUND,
        client_path.call,
        "DeleteSecurityGroup",
        {"RegionId": REGION, "SecurityGroupId": referrer},
        account=ecs_mock.create_account(),
    )
    assert group_ids(client_path) == [referrer]


def test_delete_vpc_waits_for_its_security_groups(client_path):
    vpc_id = create_vpc(client_path)
    group_id = create_group(client_path, vpc_id)
    delete = {"RegionId": REGION, "VpcId": vpc_id}
    assert_fails(
        400,
        "DependencyViolation.SecurityGroup",
        "Specified object has dependent resources SecurityGroup.",
        client_path.call,
        "DeleteVpc",
        delete,
        product="vpc",
    )
    client_path.call("DeleteSecurityGroup", {"RegionId": REGION, "SecurityGroupId": group_id})
    client_path.call("DeleteVpc", delete, product="vpc")


# --- rules: authorizing, describing, revoking -------------------------------------------------------------------


def test_flat_and_listed_rules_in_both_directions(client_path):
    vpc_id = create_vpc(client_path)
    group_id, peer = (
        create_group(client_path, vpc_id, SecurityGroupName="app"),
        create_group(client_path, vpc_id, SecurityGroupName="db"),
    )
    assert set(
        authorize(
            client_path,
            group_id,
            IpProtocol="TCP",
            PortRange="22/22",
            SourceCidrIp="10.0.0.0/8",
            Policy="accept",
            Priority=1,
            Description="ssh from the office",
        )
    ) == {"RequestId"}
    authorize(
        client_path,
        group_id,
        Permissions=[
            {
                "IpProtocol": "udp",
                "PortRange": "53/53",
                "SourceCidrIp": "192.168.1.10",
                "DestCidrIp": "10.0.1.0/24",
                "SourcePortRange": "1024/65535",
                "Policy": "Drop",
                "Priority": "100",
            },
            {"IpProtocol": "Icmp", "PortRange": "-1/-1", "SourceGroupId": peer, "NicType": "intranet"},
        ],
    )
    authorize(client_path, group_id, egress=True, IpProtocol="all", PortRange="-1/-1", DestCidrIp="0.0.0.0/0")
    authorize(
        client_path,
        group_id,
        egress=True,
        Permissions=[
            {"IpProtocol": "tcp", "PortRange": "5432/5432", "DestGroupId": peer, "Description": "to the database"},
            {"IpProtocol": "GRE", "PortRange": "-1/-1", "DestCidrIp": "172.16.0.0/12", "SourceCidrIp": "10.0.0.0/16"},
        ],
    )

    described = rules(client_path, group_id)
    assert [r["Direction"] for r in described] == ["ingress"] * 3 + ["egress"] * 3
    assert all(r["SecurityGroupRuleId"].startswith("sgr-") and r["NicType"] == "intranet" for r in described)
    assert len({r["SecurityGroupRuleId"] for r in described}) == 6
    view = [
        {
            k: r[k]
            for k in (
                "IpProtocol",
                "PortRange",
                "SourceCidrIp",
                "DestCidrIp",
                "SourceGroupId",
                "SourceGroupName",
                "DestGroupId",
                "DestGroupName",
                "Policy",
                "Priority",
                "SourcePortRange",
                "Description",
            )
        }
        for r in described
    ]
    blank = {
        "SourceCidrIp": "",
        "DestCidrIp": "",
        "SourceGroupId": "",
        "SourceGroupName": "",
        "DestGroupId": "",
        "DestGroupName": "",
        "Policy": "Accept",
        "Priority": "1",
        "SourcePortRange": "",
        "Description": "",
    }
    assert view == [
        {
            **blank,
            "IpProtocol": "TCP",
            "PortRange": "22/22",
            "SourceCidrIp": "10.0.0.0/8",
            "Description": "ssh from the office",
        },
        {
            **blank,
            "IpProtocol": "UDP",
            "PortRange": "53/53",
            "SourceCidrIp": "192.168.1.10",
            "DestCidrIp": "10.0.1.0/24",
            "SourcePortRange": "1024/65535",
            "Policy": "Drop",
            "Priority": "100",
        },
        {**blank, "IpProtocol": "ICMP", "PortRange": "-1/-1", "SourceGroupId": peer, "SourceGroupName": "db"},
        {**blank, "IpProtocol": "ALL", "PortRange": "-1/-1", "DestCidrIp": "0.0.0.0/0"},
        {
            **blank,
            "IpProtocol": "TCP",
            "PortRange": "5432/5432",
            "DestGroupId": peer,
            "DestGroupName": "db",
            "Description": "to the database",
        },
        {
            **blank,
            "IpProtocol": "GRE",
            "PortRange": "-1/-1",
            "DestCidrIp": "172.16.0.0/12",
            "SourceCidrIp": "10.0.0.0/16",
        },
    ]
    assert described[2]["SourceGroupOwnerAccount"] and described[4]["DestGroupOwnerAccount"]
    assert described[0]["SourceGroupOwnerAccount"] == ""
    assert [r["Direction"] for r in rules(client_path, group_id, Direction="egress")] == ["egress"] * 3
    assert [r["Direction"] for r in rules(client_path, group_id, Direction="ingress")] == ["ingress"] * 3
    assert len(rules(client_path, group_id, Direction="all", NicType="internet")) == 6
    assert (
        the_group(client_path, group_id)["RuleCount"],
        the_group(client_path, group_id)["GroupToGroupRuleCount"],
    ) == (6, 2)
    assert_fails(
        400,
        "InvalidParamter",
        "Invalid Parameter.",
        client_path.call,
        "DescribeSecurityGroupAttribute",
        {"RegionId": REGION, "SecurityGroupId": group_id, "Direction": "inbound"},
    )
    listed = client_path.call(  # Terraform asks with NicType="<nil>" for a rule created without one
        "DescribeSecurityGroupAttribute", {"RegionId": REGION, "SecurityGroupId": group_id, "NicType": "<nil>"}
    )
    assert len(listed["Permissions"]["Permission"]) == 6


def test_authorizing_a_rule_again_keeps_one(client_path):
    group_id = network(client_path)["SecurityGroupId"]
    authorize(client_path, group_id, **SSH)
    authorize(client_path, group_id, **{**SSH, "IpProtocol": "TCP", "Priority": "1", "Policy": "Accept"})
    authorize(client_path, group_id, Permissions=[SSH])
    (rule,) = rules(client_path, group_id)
    authorize(client_path, group_id, **{**SSH, "Priority": "2"})  # another priority: another rule
    authorize(client_path, group_id, egress=True, IpProtocol="tcp", PortRange="22/22", DestCidrIp="0.0.0.0/0")
    assert [r["SecurityGroupRuleId"] for r in rules(client_path, group_id)][0] == rule["SecurityGroupRuleId"]
    assert len(rules(client_path, group_id)) == 3


def test_one_request_naming_the_same_rule_twice_leaves_one_rule(client_path):
    group_id = network(client_path)["SecurityGroupId"]
    try:
        authorize(client_path, group_id, Permissions=[SSH, {**SSH, "IpProtocol": "TCP", "Priority": "1"}])
    except ApiFailure as failure:  # refusing them as duplicates would do as well
        assert failure.code == "InvalidParam.DuplicatePermissions"
    assert len(rules(client_path, group_id)) <= 1


@pytest.mark.parametrize("egress", [False, True], ids=["ingress", "egress"])
def test_rule_fields_are_checked(client_path, egress):
    group_id = network(client_path)["SecurityGroupId"]
    action = "AuthorizeSecurityGroupEgress" if egress else "AuthorizeSecurityGroup"
    peer = "DestCidrIp" if egress else "SourceCidrIp"
    base = {"IpProtocol": "tcp", "PortRange": "80/80", peer: "0.0.0.0/0"}

    def fails(error, **changes):
        params = {k: v for k, v in {**base, **changes}.items() if v is not None}
        refused(client_path, error, action, group_id, **params)

    fails(PORT_RANGE_MISSING, PortRange=None)
    for ports in ("80", "80-81", "a/b", "0/80", "81/80", "1/65536", "-1/-1"):
        fails((400, "InvalidParam.PortRange", PORT_RANGE_TEXT % "PortRange"), PortRange=ports)
    for protocol in ("icmp", "ICMP", "gre", "all"):
        fails(PROTOCOL_PORTS_MISMATCH, IpProtocol=protocol, PortRange="22/22")
    fails(
        (
            400,
            "InvalidIpProtocol.ValueNotSupported",
            "The parameter IpProtocol must be specified with case insensitive TCP, UDP, ICMP, GRE or All.",
        ),
        IpProtocol="ftp",
    )
    fails((400, "InvalidPolicy.Malformed", "The specified parameter Policy is not valid."), Policy="allow")
    for priority in ("0", "101", "high"):
        fails(PRIORITY_MALFORMED, Priority=priority)
    fails((400, "InvalidNicType.ValueNotSupported", "The specified NicType does not exist."), NicType="wifi")
    fails(
        (
            400,
            "InvalidSecurityGroupDiscription.Malformed",
            "The specified security group rule description parameter Description is not valid.",
        ),
        Description="d" * 513,
    )
    fails(
        (
            400,
            "InvalidSecurityGroupDiscription.Malformed",
            "The specified security group rule description parameter Description is not valid.",
        ),
        Description="http://rule",
    )
    if egress:
        fails(
            (
                400,
                "MissingParameter.Dest",
                "One of the parameters DestCidrIp, Ipv6DestCidrIp, DestGroupId or "
                "DestPrefixListId in the request must be specified.",
            ),
            DestCidrIp=None,
        )
        fails(
            (400, "InvalidDestCidrIp.Malformed", "The specified parameter DestCidrIp is not valid."),
            DestCidrIp="10.0.0.300/8",
        )
    else:
        fails(
            (
                400,
                "MissingParameter.Source",
                "One of the parameters SourceCidrIp, Ipv6SourceCidrIp, SourceGroupId "
                "or SourcePrefixListId in the request must be specified.",
            ),
            SourceCidrIp=None,
        )
        fails(
            (400, "InvalidSourceCidrIp.Malformed", "The specified parameter SourceCidrIp is not valid."),
            SourceCidrIp="10.0.0.300/8",
        )
        fails(
            (400, "InvalidDestCidrIp.Malformed", "The specified parameter DestCidrIp is not valid."),
            DestCidrIp="nowhere",
        )
    fails(
        (400, "InvalidSourcePortRange.Malformed", "The specified parameter SourcePortRange is not valid."),
        SourcePortRange="1-2",
    )
    refused(
        client_path,
        (400, "InvalidParam.PortRange", PORT_RANGE_TEXT % "Permissions.2.PortRange"),
        action,
        group_id,
        Permissions=[base, {**base, "PortRange": "0/1"}],
    )
    refused(client_path, PERMISSIONS_COEXIST, action, group_id, Permissions=[base], IpProtocol="tcp")
    refused(client_path, PERMISSIONS_COEXIST, action, group_id, Permissions=[base], Description="both")
    refused(client_path, DUPLICATE_PERMISSIONS, action, group_id, Permissions=[base, {"PortRange": "80/80"}, base])
    assert rules(client_path, group_id) == []

    # the limits themselves are fine
    fine = [
        {**base, "PortRange": "1/65535", "Priority": "100", "Description": "d" * 512},
        {**base, "IpProtocol": "icmp", "PortRange": "-1/-1", "Priority": "1", "Policy": "drop"},
        {**base, "NicType": "internet"},
    ]
    authorize(client_path, group_id, egress=egress, Permissions=fine)
    assert len(rules(client_path, group_id)) == 3


def test_egress_rule_with_a_malformed_source_block(client_path):
    group_id = network(client_path)["SecurityGroupId"]
    refused(
        client_path,
        (400, "InvalidParam.SourceCidrIp", "The specified param SourceCidrIp is not valid."),
        "AuthorizeSecurityGroupEgress",
        group_id,
        IpProtocol="tcp",
        PortRange="80/80",
        DestCidrIp="0.0.0.0/0",
        SourceCidrIp="nowhere",
    )


@pytest.mark.parametrize("egress", [False, True], ids=["ingress", "egress"])
def test_rules_naming_groups(client_path, ecs_mock, egress):
    vpc_id, other_vpc = create_vpc(client_path), create_vpc(client_path, "10.1.0.0/16")
    group_id, same_vpc = create_group(client_path, vpc_id), create_group(client_path, vpc_id)
    elsewhere = create_group(client_path, other_vpc)
    stranger = ecs_mock.create_account()
    theirs = create_group(client_path, create_vpc(client_path, account=stranger), account=stranger)
    action = "AuthorizeSecurityGroupEgress" if egress else "AuthorizeSecurityGroup"
    peer = "DestGroupId" if egress else "SourceGroupId"
    not_found = (
        (404, "InvalidDestGroupId.NotFound", "The DestGroupId provided does not exist in our records.")
        if egress
        else (404, "InvalidSourceGroupId.NotFound", "The SourceGroupId provided does not exist in our records.")
    )
    mismatch = (
        (400, "InvalidDestGroupId.Mismatch", "Specified security group and destination group are not in the same VPC.")
        if egress
        else (
            400,
            "InvalidSourceGroupId.Mismatch",
            "Specified security group and source group are not in the same VPC.",
        )
    )
    base = {"IpProtocol": "tcp", "PortRange": "443/443"}

    refused(client_path, not_found, action, group_id, **base, **{peer: "sg-bp1nothing"})
    refused(client_path, not_found, action, group_id, **base, **{peer: theirs})
    refused(client_path, mismatch, action, group_id, **base, **{peer: elsewhere})
    refused(client_path, mismatch, action, group_id, Permissions=[{**base, peer: same_vpc}, {**base, peer: elsewhere}])
    assert rules(client_path, group_id) == []  # all or nothing
    authorize(client_path, group_id, egress=egress, **base, **{peer: same_vpc})
    (rule,) = rules(client_path, group_id)
    assert rule[peer] == same_vpc


def test_enterprise_groups_take_no_group_rules_and_no_drop_rules(client_path):
    vpc_id = create_vpc(client_path)
    enterprise, normal = (
        create_group(client_path, vpc_id, SecurityGroupType="enterprise"),
        create_group(client_path, vpc_id),
    )
    denied = (
        400,
        "InvalidGroupParameter.OperationDenied",
        "The attributes Policy, SourceGroupId, DestGroupId of "
        "enterprise level security groups are not allowed to be "
        "set or modified.",
    )
    refused(client_path, denied, "AuthorizeSecurityGroup", enterprise, **{**SSH, "Policy": "Drop"})
    refused(
        client_path,
        denied,
        "AuthorizeSecurityGroup",
        enterprise,
        IpProtocol="tcp",
        PortRange="22/22",
        SourceGroupId=normal,
    )
    refused(
        client_path,
        (
            400,
            "InvalidGroupAuthParameter.OperationDenied",
            "The security group can not authorize to enterprise level security group.",
        ),
        "AuthorizeSecurityGroupEgress",
        normal,
        IpProtocol="tcp",
        PortRange="22/22",
        DestGroupId=enterprise,
    )
    authorize(client_path, enterprise, **SSH)
    assert len(rules(client_path, enterprise)) == 1


@pytest.mark.parametrize("egress", [False, True], ids=["ingress", "egress"])
def test_revoke_by_fields_and_by_rule_id(client_path, ecs_mock, egress):
    group_id = network(client_path)["SecurityGroupId"]
    peer = "DestCidrIp" if egress else "SourceCidrIp"
    action = "RevokeSecurityGroupEgress" if egress else "RevokeSecurityGroup"
    listed = [{"IpProtocol": "tcp", "PortRange": f"{port}/{port}", peer: "0.0.0.0/0"} for port in (22, 80, 443, 8080)]
    authorize(client_path, group_id, egress=egress, Permissions=listed)
    authorize(
        client_path,
        group_id,
        egress=not egress,
        IpProtocol="tcp",
        PortRange="22/22",
        **{("SourceCidrIp" if egress else "DestCidrIp"): "0.0.0.0/0"},
    )  # the other direction's rule
    ids = {
        r["PortRange"]: r["SecurityGroupRuleId"]
        for r in rules(client_path, group_id)
        if r["Direction"] == ("egress" if egress else "ingress")
    }

    assert set(
        revoke(client_path, group_id, egress=egress, IpProtocol="TCP", PortRange="22/22", **{peer: "0.0.0.0/0"})
    ) == {"RequestId"}
    revoke(client_path, group_id, egress=egress, IpProtocol="tcp", PortRange="22/22", **{peer: "0.0.0.0/0"})  # again
    revoke(client_path, group_id, egress=egress, Permissions=[listed[1]])
    revoke(
        client_path, group_id, egress=egress, IpProtocol="tcp", PortRange="443/443", Priority="2", **{peer: "0.0.0.0/0"}
    )  # not this rule: another priority
    remaining = [r for r in rules(client_path, group_id)]
    assert sorted(r["PortRange"] + r["Direction"] for r in remaining) == sorted(
        [
            "443/443" + ("egress" if egress else "ingress"),
            "8080/8080" + ("egress" if egress else "ingress"),
            "22/22" + ("ingress" if egress else "egress"),
        ]
    )

    refused(
        client_path,
        (400, "InvalidParam.SecurityGroupRuleId", "The specified parameter SecurityGroupRuleId is not valid."),
        action,
        group_id,
        SecurityGroupRuleId=[ids["443/443"], "sgr-bp1nothing"],
    )
    refused(
        client_path,
        (400, "InvalidParam.SecurityGroupRuleId", "The specified parameter SecurityGroupRuleId is not valid."),
        action,
        group_id,
        SecurityGroupRuleId=[ids["22/22"]],
    )  # revoked already
    refused(
        client_path,
        (400, "InvalidParam.SecurityGroupRuleIdRepeated", "The specified parameter SecurityGroupRuleId is repeated."),
        action,
        group_id,
        SecurityGroupRuleId=[ids["443/443"], ids["443/443"]],
    )
    other_direction = next(r["SecurityGroupRuleId"] for r in remaining if r["PortRange"] == "22/22")
    refused(
        client_path,
        (400, "InvalidParam.SecurityGroupRuleId", "The specified parameter SecurityGroupRuleId is not valid."),
        action,
        group_id,
        SecurityGroupRuleId=[other_direction],
    )
    assert len(rules(client_path, group_id)) == 3
    revoke(client_path, group_id, egress=egress, SecurityGroupRuleId=[ids["443/443"], ids["8080/8080"]])
    assert [r["SecurityGroupRuleId"] for r in rules(client_path, group_id)] == [other_direction]
    refused(client_path, PORT_RANGE_MISSING, action, group_id, IpProtocol="tcp", **{peer: "0.0.0.0/0"})
    refused(client_path, PERMISSIONS_COEXIST, action, group_id, Permissions=listed[:1], PortRange="22/22")

    not_found = (404, "InvalidSecurityGroupId.NotFound", "The specified SecurityGroupId does not exist.")
    if not egress:  # RevokeSecurityGroup documents the code first with 400 and this text
        not_found = (400, "InvalidSecurityGroupId.NotFound", "The specified parameter SecurityGroupId is not valid.")
    refused(client_path, not_found, action, "sg-bp1nothing", IpProtocol="tcp", PortRange="22/22", **{peer: "0.0.0.0/0"})
    assert_fails(
        *not_found,
        client_path.call,
        action,
        {"RegionId": REGION, "SecurityGroupId": group_id, "SecurityGroupRuleId": [other_direction]},
        account=ecs_mock.create_account(),
    )


@pytest.mark.parametrize("egress", [False, True], ids=["ingress", "egress"])
def test_revoke_names_a_bad_nic_type(client_path, egress):
    group_id = network(client_path)["SecurityGroupId"]
    action = "RevokeSecurityGroupEgress" if egress else "RevokeSecurityGroup"
    refused(
        client_path,
        (400, "InvalidNicType.ValueNotSupported", "The specified parameter NicType is not valid."),
        action,
        group_id,
        IpProtocol="tcp",
        PortRange="22/22",
        NicType="wifi",
        **{("DestCidrIp" if egress else "SourceCidrIp"): "0.0.0.0/0"},
    )


def test_describe_security_group_attribute_pages_with_next_token(client_path):
    group_id = network(client_path)["SecurityGroupId"]
    listed = [
        {"IpProtocol": "tcp", "PortRange": f"{port}/{port}", "SourceCidrIp": "0.0.0.0/0"} for port in range(1000, 1013)
    ]
    authorize(client_path, group_id, Permissions=listed)
    every = [r["SecurityGroupRuleId"] for r in rules(client_path, group_id)]
    assert len(every) == 13
    first = client_path.call(
        "DescribeSecurityGroupAttribute", {"RegionId": REGION, "SecurityGroupId": group_id, "MaxResults": 10}
    )
    assert len(first["Permissions"]["Permission"]) == 10 and first["NextToken"]
    second = client_path.call(
        "DescribeSecurityGroupAttribute",
        {"RegionId": REGION, "SecurityGroupId": group_id, "MaxResults": 10, "NextToken": first["NextToken"]},
    )
    assert second["NextToken"] == ""
    assert [
        r["SecurityGroupRuleId"] for r in first["Permissions"]["Permission"] + second["Permissions"]["Permission"]
    ] == every
    assert [r["PortRange"] for r in rules(client_path, group_id)] == [f"{p}/{p}" for p in range(1000, 1013)]


@pytest.mark.parametrize(
    "action, params, named",
    [
        (
            "AuthorizeSecurityGroup",
            {"IpProtocol": "tcp", "PortRange": "22/22", "Ipv6SourceCidrIp": "::/0"},
            "Ipv6SourceCidrIp",
        ),
        (
            "AuthorizeSecurityGroup",
            {"IpProtocol": "tcp", "PortRange": "22/22", "SourcePrefixListId": "pl-bp1x"},
            "SourcePrefixListId",
        ),
        (
            "AuthorizeSecurityGroupEgress",
            {"IpProtocol": "tcp", "PortRange": "22/22", "Ipv6DestCidrIp": "::/0"},
            "Ipv6DestCidrIp",
        ),
        (
            "AuthorizeSecurityGroupEgress",
            {"Permissions": [{"IpProtocol": "tcp", "PortRangeListId": "prl-bp1x", "DestCidrIp": "0.0.0.0/0"}]},
            "Permissions.PortRangeListId",
        ),
        (
            "AuthorizeSecurityGroup",
            {"Permissions": [{"IpProtocol": "tcp", "PortRange": "22/22", "Ipv6SourceCidrIp": "::/0"}]},
            "Permissions.Ipv6SourceCidrIp",
        ),
        (
            "RevokeSecurityGroup",
            {"IpProtocol": "tcp", "PortRange": "22/22", "Ipv6SourceCidrIp": "::/0"},
            "Ipv6SourceCidrIp",
        ),
        (
            "RevokeSecurityGroupEgress",
            {"IpProtocol": "tcp", "PortRange": "22/22", "DestPrefixListId": "pl-bp1x"},
            "DestPrefixListId",
        ),
    ],
)
def test_unmodelled_rule_fields_answer_501(client_path, action, params, named):
    group_id = network(client_path)["SecurityGroupId"]
    with pytest.raises(ApiFailure) as failure:
        client_path.call(action, {"RegionId": REGION, "SecurityGroupId": group_id, **params})
    assert (failure.value.status, failure.value.code) == (501, "AliyunMock.NotImplemented")
    assert failure.value.message == (
        f"Parameter {named} of Ecs action {action} (API version 2014-05-26) is not implemented in aliyun-mock."
    )
    assert rules(client_path, group_id) == []


# --- JoinSecurityGroup and LeaveSecurityGroup -------------------------------------------------------------------


def test_join_and_leave_security_groups(client_path, ecs_mock):
    instance_id = launch(client_path)
    first = network(client_path)["SecurityGroupId"]
    vpc_id = the_group(client_path, first)["VpcId"]
    second = create_group(client_path, vpc_id)
    elsewhere = create_group(client_path, create_vpc(client_path, "10.1.0.0/16"))
    join = {"RegionId": REGION, "InstanceId": instance_id}

    assert set(client_path.call("JoinSecurityGroup", {**join, "SecurityGroupId": second})) == {"RequestId"}
    assert instance_groups(client_path, instance_id) == [first, second]
    assert the_group(client_path, second)["EcsCount"] == 1
    assert [
        i["InstanceId"]
        for i in client_path.call("DescribeInstances", {"RegionId": REGION, "SecurityGroupId": second})["Instances"][
            "Instance"
        ]
    ] == [instance_id]
    assert_fails(
        403,
        "InvalidInstanceId.AlreadyExists",
        "The specified instance already exists in the specified security group.",
        client_path.call,
        "JoinSecurityGroup",
        {**join, "SecurityGroupId": second},
    )
    assert_fails(
        400,
        "InvalidInstanceId.Mismatch",
        "Specified instance and security group are not in the same VPC.",
        client_path.call,
        "JoinSecurityGroup",
        {**join, "SecurityGroupId": elsewhere},
    )
    assert_fails(
        *GROUP_ID_NOT_FOUND, client_path.call, "JoinSecurityGroup", {**join, "SecurityGroupId": "sg-bp1nothing"}
    )
    assert_fails(
        404,
        "InvalidInstanceId.NotFound",
        "The specified InstanceId does not exist.",
        client_path.call,
        "JoinSecurityGroup",
        {**join, "InstanceId": "i-bp1nothing", "SecurityGroupId": second},
    )
    stranger = ecs_mock.create_account()
    assert_fails(
        *GROUP_ID_NOT_FOUND,
        client_path.call,
        "JoinSecurityGroup",
        {**join, "SecurityGroupId": second},
        account=stranger,
    )

    assert_fails(
        403,
        "InstanceNotInSecurityGroup",
        "The instance not in the group.",
        client_path.call,
        "LeaveSecurityGroup",
        {**join, "SecurityGroupId": elsewhere},
    )
    assert set(client_path.call("LeaveSecurityGroup", {**join, "SecurityGroupId": first})) == {"RequestId"}
    assert instance_groups(client_path, instance_id) == [second]
    assert_fails(
        403,
        "InstanceLastSecurityGroup",
        "The specified security group is the last security group for the instance.",
        client_path.call,
        "LeaveSecurityGroup",
        {**join, "SecurityGroupId": second},
    )
    assert_fails(
        403,
        "InstanceNotInSecurityGroup",
        "The instance not in the group.",
        client_path.call,
        "LeaveSecurityGroup",
        {**join, "SecurityGroupId": first},
    )
    client_path.call("DeleteSecurityGroup", {"RegionId": REGION, "SecurityGroupId": first})  # no member left
    assert instance_groups(client_path, instance_id) == [second]


def test_an_instance_is_in_at_most_five_groups(client_path):
    instance_id = launch(client_path)
    vpc_id = the_group(client_path, network(client_path)["SecurityGroupId"])["VpcId"]
    for _ in range(4):
        client_path.call(
            "JoinSecurityGroup", {"InstanceId": instance_id, "SecurityGroupId": create_group(client_path, vpc_id)}
        )
    assert len(instance_groups(client_path, instance_id)) == 5
    assert_fails(
        400,
        "InstanceSecurityGroupLimitExceeded",
        "Exceeding the allowed amount of security groups that an instance can be in.",
        client_path.call,
        "JoinSecurityGroup",
        {"InstanceId": instance_id, "SecurityGroupId": create_group(client_path, vpc_id)},
    )


def test_a_pending_or_stopping_instance_neither_joins_nor_leaves(client_path, ecs_mock):
    group_id = network(client_path)["SecurityGroupId"]
    vpc_id = the_group(client_path, group_id)["VpcId"]
    second = create_group(client_path, vpc_id)
    ecs_mock.hold_transitions()
    instance_id = launch(client_path)
    join = {"InstanceId": instance_id, "SecurityGroupId": second}
    assert_fails(
        403,
        "Forbidden.InstanceIsBeingCreated",
        "The specified instance is being created.",
        client_path.call,
        "JoinSecurityGroup",
        join,
    )
    ecs_mock.settle()
    client_path.call("StopInstance", {"InstanceId": instance_id})  # held: Stopping
    assert_fails(
        403,
        "IncorrectInstanceStatus",
        "The current status of the resource does not support this operation.",
        client_path.call,
        "JoinSecurityGroup",
        join,
    )
    assert_fails(
        403,
        "IncorrectInstanceStatus",
        "The current status of the resource does not support this operation.",
        client_path.call,
        "LeaveSecurityGroup",
        {"InstanceId": instance_id, "SecurityGroupId": group_id},
    )
    ecs_mock.settle()
    client_path.call("JoinSecurityGroup", join)  # Stopped: fine
    assert instance_groups(client_path, instance_id) == [group_id, second]


def test_modify_security_group_policy_sets_whether_members_reach_one_another(client_path):
    group_id = network(client_path)["SecurityGroupId"]
    vpc_id = the_group(client_path, group_id)["VpcId"]
    enterprise = client_path.call(
        "CreateSecurityGroup", {"RegionId": REGION, "VpcId": vpc_id, "SecurityGroupType": "enterprise"}
    )["SecurityGroupId"]

    def policy(group):
        body = client_path.call("DescribeSecurityGroupAttribute", {"RegionId": REGION, "SecurityGroupId": group})
        return body["InnerAccessPolicy"]

    assert (policy(group_id), policy(enterprise)) == ("Accept", "Drop")
    client_path.call(
        "ModifySecurityGroupPolicy", {"RegionId": REGION, "SecurityGroupId": group_id, "InnerAccessPolicy": "drop"}
    )
    assert policy(group_id) == "Drop"
    for group, value, error in (
        (
            group_id,
            "Allow",
            (
                400,
                "InvalidPolicy.Malformed",
                "The Policy is invalid. Only 'Accept' and 'Drop' are supported. Ignore case.",
            ),
        ),
        (
            enterprise,
            "Accept",
            (
                404,
                "InvalidParameter.InnerAccessPolicy",
                "The InnerAccessPolicy attribute of enterprise level security group can't be modified.",
            ),
        ),
        (
            "sg-bp1nothing",
            "Accept",
            (404, "InvalidSecurityGroupId.NotFound", "The specified SecurityGroupId does not exist."),
        ),
    ):
        assert_fails(
            *error,
            client_path.call,
            "ModifySecurityGroupPolicy",
            {"RegionId": REGION, "SecurityGroupId": group, "InnerAccessPolicy": value},
        )
    assert (policy(group_id), policy(enterprise)) == ("Drop", "Drop")


def test_a_peer_group_owner_of_the_caller_is_taken_and_another_accounts_gets_501(client_path, ecs_mock):
    """Terraform revokes a rule whose peer is a group with SourceGroupOwnerId set to its own account."""
    group_id = network(client_path)["SecurityGroupId"]
    vpc_id = the_group(client_path, group_id)["VpcId"]
    peer = client_path.call("CreateSecurityGroup", {"RegionId": REGION, "VpcId": vpc_id})["SecurityGroupId"]
    me = ecs_mock.default_account.account_id
    group = {"RegionId": REGION, "SecurityGroupId": group_id}
    rule = {**group, "IpProtocol": "tcp", "PortRange": "22/22"}
    client_path.call("AuthorizeSecurityGroup", {**rule, "SourceGroupId": peer, "SourceGroupOwnerId": int(me)})
    client_path.call(
        "AuthorizeSecurityGroupEgress",
        {
            **group,
            "Permissions": [
                {"IpProtocol": "tcp", "PortRange": "80/80", "DestGroupId": peer, "DestGroupOwnerAccount": me}
            ],
        },
    )

    def peers():
        body = client_path.call("DescribeSecurityGroupAttribute", {"RegionId": REGION, "SecurityGroupId": group_id})
        return sorted(
            (p["Direction"], p["SourceGroupId"] or p["DestGroupId"]) for p in body["Permissions"]["Permission"]
        )

    assert [p for p in peers() if p[1] == peer] == [("egress", peer), ("ingress", peer)]
    for action, params, named in (
        (
            "RevokeSecurityGroup",
            {**rule, "SourceGroupId": peer, "SourceGroupOwnerId": 1234567890123456},
            "SourceGroupOwnerId=1234567890123456",
        ),
        (
            "AuthorizeSecurityGroupEgress",
            {
                **group,
                "Permissions": [
                    {"IpProtocol": "tcp", "PortRange": "81/81", "DestGroupId": peer, "DestGroupOwnerAccount": "someone"}
                ],
            },
            "Permissions.1.DestGroupOwnerAccount=someone",
        ),
    ):
        with pytest.raises(ApiFailure) as refused:
            client_path.call(action, params)
        assert (refused.value.status, refused.value.code) == (501, "AliyunMock.NotImplemented")
        assert refused.value.message.startswith(named + " (another account's group)"), refused.value.message
    client_path.call("RevokeSecurityGroup", {**rule, "SourceGroupId": peer, "SourceGroupOwnerId": int(me)})
    assert [p for p in peers() if p[1] == peer] == [("egress", peer)]
