"""Image families (issue 15): ImageFamily and ImageVersion on CreateImage, the family on
ModifyImageAttribute, DescribeImageFromFamily (the newest usable image of the family for the
caller) and ImageFamily instead of ImageId on a launch, through every client path."""

from helpers import INSTANCE_TYPE, assert_fails, launch, network, schema_gaps, share

from aliyun_mock.ecs import ECS

REGION = "cn-hangzhou"


def build(path, family, version="", account=None):
    instance_id = launch(path, account)
    params = {"RegionId": REGION, "InstanceId": instance_id, "ImageFamily": family}
    if version:
        params["ImageVersion"] = version
    return path.call("CreateImage", params, account=account)["ImageId"]


def newest(path, family, account=None):
    return path.call("DescribeImageFromFamily", {"RegionId": REGION, "ImageFamily": family}, account=account)["Image"]


def test_the_newest_available_image_of_a_family(client_path, ecs_mock):
    old = build(client_path, "web-golden", "1.0")
    new = build(client_path, "web-golden", "2.0")
    found = newest(client_path, "web-golden")
    assert (found["ImageId"], found["ImageFamily"], found["ImageVersion"]) == (new, "web-golden", "2.0")
    body = client_path.call("DescribeImageFromFamily", {"RegionId": REGION, "ImageFamily": "web-golden"})
    wire_order = client_path.name in ("v1", "requests")  # the V2 SDK's to_map has an order of its own
    assert schema_gaps(ECS.describe("DescribeImageFromFamily").response, body, order=wire_order) == []
    client_path.call("ModifyImageAttribute", {"RegionId": REGION, "ImageId": new, "Status": "Deprecated"})
    assert newest(client_path, "web-golden")["ImageId"] == old  # a deprecated image is passed over
    assert newest(client_path, "nobody-uses-this") == {}
    sharee = ecs_mock.create_account()
    assert newest(client_path, "web-golden", sharee) == {}  # not shared yet
    share(client_path, old, add=[sharee.account_id])
    assert newest(client_path, "web-golden", sharee)["ImageId"] == old
    launched = client_path.call(
        "RunInstances",
        {
            "RegionId": REGION,
            "ImageFamily": "web-golden",
            "InstanceType": INSTANCE_TYPE,
            **network(client_path, sharee),
        },
        account=sharee,
    )
    instance_id = launched["InstanceIdSets"]["InstanceIdSet"][0]
    body = client_path.call("DescribeInstances", {"RegionId": REGION}, account=sharee)["Instances"]["Instance"]
    assert [(i["InstanceId"], i["ImageId"]) for i in body] == [(instance_id, old)]


def test_family_refusals(client_path):
    image_id = build(client_path, "web")
    base = {"RegionId": REGION, "InstanceType": INSTANCE_TYPE, **network(client_path)}
    assert_fails(
        400,
        "UnexpectedImageFamily.ImageIdSupplied",
        "The input parameter ImageFamily must be null when image id is set.",
        client_path.call,
        "RunInstances",
        {**base, "ImageId": image_id, "ImageFamily": "web"},
    )
    assert_fails(
        403,
        "InvalidImageFamily.MissingAvailableImage",
        "There is no available image related to the specified image family.",
        client_path.call,
        "RunInstances",
        {**base, "ImageFamily": "empty-family"},
    )
    assert_fails(
        400,
        "MissingParameter",
        'The input parameter "ImageId" that is mandatory for processing this request is not supplied.',
        client_path.call,
        "RunInstances",
        base,
    )
    instance_id = launch(client_path)
    for family in ("1starts-with-a-digit", "aliyun-owned", "acs:owned", "x"):
        assert_fails(
            400,
            "InvalidImageFamily.Malformed",
            "The format of the specified image family is invalid.",
            client_path.call,
            "CreateImage",
            {"RegionId": REGION, "InstanceId": instance_id, "ImageFamily": family},
        )
    assert_fails(
        400,
        "InvalidImageFamily.Malformed",
        'The specified parameter "ImageFamily" is malformed.',
        client_path.call,
        "ModifyImageAttribute",
        {"RegionId": REGION, "ImageId": image_id, "ImageFamily": "-bad"},
    )
    client_path.call("ModifyImageAttribute", {"RegionId": REGION, "ImageId": image_id, "ImageFamily": "web.v2"})
    assert newest(client_path, "web.v2")["ImageId"] == image_id
