"""What a region offers and an account may have: DescribeAvailableResource and
DescribeAccountAttributes, through every client path."""

from helpers import INSTANCE_TYPE, assert_fails, launch

REGION = "cn-hangzhou"
ZONES = ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"]


def available(path, destination, **params):
    body = path.call("DescribeAvailableResource", {"RegionId": REGION, "DestinationResource": destination, **params})
    return {
        zone["ZoneId"]: [
            (r["Value"], r["Status"], r.get("Min"), r.get("Max"))
            for r in zone["AvailableResources"]["AvailableResource"][0]["SupportedResources"]["SupportedResource"]
        ]
        for zone in body["AvailableZones"]["AvailableZone"]
    }


def test_every_zone_offers_the_catalogue(client_path):
    assert list(available(client_path, "Zone")) == ZONES
    assert available(client_path, "Zone", ZoneId="cn-hangzhou-i") == {
        "cn-hangzhou-i": [("cn-hangzhou-i", "Available", 0, 0)]
    }
    types = available(client_path, "InstanceType", ZoneId="cn-hangzhou-h")["cn-hangzhou-h"]
    assert (INSTANCE_TYPE, "Available", 0, 0) in types and len(types) == 10
    assert available(client_path, "InstanceType", Cores=2, Memory="8", ZoneId="cn-hangzhou-h")["cn-hangzhou-h"] == [
        ("ecs.g6.large", "Available", 0, 0),
        ("ecs.g7.large", "Available", 0, 0),
        ("ecs.g8i.large", "Available", 0, 0),
        ("ecs.g8y.large", "Available", 0, 0),
    ]
    disks = available(client_path, "SystemDisk", ZoneId="cn-hangzhou-h", SystemDiskCategory="cloud_essd")
    assert disks == {"cn-hangzhou-h": [("cloud_essd", "Available", 20, 2048)]}
    assert available(client_path, "Network", ZoneId="cn-hangzhou-h") == {"cn-hangzhou-h": [("vpc", "Available", 0, 0)]}
    assert available(client_path, "Network", NetworkCategory="classic") == {}
    assert available(client_path, "IoOptimized", IoOptimized="none") == {}


def test_available_resource_refusals(client_path):
    ask = lambda **params: client_path.call("DescribeAvailableResource", {"RegionId": REGION, **params})  # noqa: E731
    assert_fails(
        400,
        "MissingParameter",
        'The input parameter "DestinationResource" that is mandatory for processing this request is not supplied.',
        ask,
    )
    assert_fails(
        404,
        "Invalid.DestinationResource",
        "The specified DestinationResource is not valid.",
        ask,
        DestinationResource="Moon",
    )
    assert_fails(
        403,
        "InvalidParam.Cores",
        "The specified parameter 'Cores' should be empty",
        ask,
        DestinationResource="Zone",
        Cores=2,
    )
    assert_fails(
        403,
        "InvalidParam.TypeAndCpuMem.Conflict",
        "The specified 'InstanceType' and 'Cores','Memory' are not blank at the same time.",
        ask,
        DestinationResource="InstanceType",
        InstanceType=INSTANCE_TYPE,
        Cores=2,
    )
    assert_fails(
        501,
        "AliyunMock.NotImplemented",
        "InstanceChargeType=PrePaid of Ecs action DescribeAvailableResource "
        "(API version 2014-05-26) is not implemented in aliyun-mock.",
        ask,
        DestinationResource="InstanceType",
        InstanceChargeType="PrePaid",
    )


def test_account_attributes_count_what_the_account_has(client_path):
    launch(client_path)
    launch(client_path)
    body = client_path.call(
        "DescribeAccountAttributes",
        {
            "RegionId": REGION,
            "AttributeName": [
                "used-postpaid-instance-vcpu-count",
                "max-security-groups",
                "instance-network-type",
                "real-name-authentication",
            ],
        },
    )
    values = {
        item["AttributeName"]: [v["Value"] for v in item["AttributeValues"]["ValueItem"]]
        for item in body["AccountAttributeItems"]["AccountAttributeItem"]
    }
    assert values == {
        "used-postpaid-instance-vcpu-count": ["4"],
        "max-security-groups": ["100"],
        "instance-network-type": ["vpc"],
        "real-name-authentication": ["yes"],
    }
    types = client_path.call(
        "DescribeAccountAttributes",
        {"RegionId": REGION, "ZoneId": "cn-hangzhou-h", "AttributeName": ["supported-postpaid-instance-types"]},
    )
    items = types["AccountAttributeItems"]["AccountAttributeItem"][0]["AttributeValues"]["ValueItem"]
    assert {(v["Value"], v["ZoneId"], v["InstanceChargeType"]) for v in items} >= {
        (INSTANCE_TYPE, "cn-hangzhou-h", "PostPaid")
    }
    assert_fails(
        501,
        "AliyunMock.NotImplemented",
        "AttributeName=max-postpaid-instance-vcpu-count of Ecs action "
        "DescribeAccountAttributes (API version 2014-05-26) is not implemented in aliyun-mock.",
        client_path.call,
        "DescribeAccountAttributes",
        {"RegionId": REGION, "AttributeName": ["max-postpaid-instance-vcpu-count"]},
    )


def test_the_security_group_quota_it_reports_is_enforced(ecs_mock):
    from conftest_plugin import RequestsPath

    raw = RequestsPath(ecs_mock)
    vpc_id = raw.call("CreateVpc", {"RegionId": REGION}, product="vpc")["VpcId"]
    for _ in range(100):
        raw.call("CreateSecurityGroup", {"RegionId": REGION, "VpcId": vpc_id})
    assert_fails(
        403,
        "QuotaExceed.SecurityGroup",
        "The maximum number of security groups is reached.",
        raw.call,
        "CreateSecurityGroup",
        {"RegionId": REGION, "VpcId": vpc_id},
    )
