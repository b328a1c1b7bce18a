"""TagResources, UntagResources and ListTagResources on the ECS resources the mock has, through
every client path; tags are their owner's (a sharee sees the image, not its tags)."""

from helpers import assert_fails, custom_image, launch, network, share

REGION = "cn-hangzhou"


def tag(path, kind, ids, tags, **extra):
    return path.call(
        "TagResources",
        {
            "RegionId": REGION,
            "ResourceType": kind,
            "ResourceId": list(ids),
            "Tag": [{"Key": k, "Value": v} for k, v in tags.items()],
        },
        **extra,
    )


def listed(path, kind, ids=(), tags=None, **extra):
    params = {"RegionId": REGION, "ResourceType": kind, "ResourceId": list(ids)}
    if tags:
        params["Tag"] = [{"Key": k, "Value": v} for k, v in tags.items()]
    body = path.call("ListTagResources", params, **extra)
    return sorted((t["ResourceId"], t["TagKey"], t["TagValue"]) for t in body["TagResources"]["TagResource"])


def test_tag_list_and_untag_the_resources_of_a_pipeline(client_path):
    instance_id = launch(client_path)
    image_id = custom_image(client_path)
    group_id = network(client_path)["SecurityGroupId"]
    tag(client_path, "instance", [instance_id], {"env": "prod", "team": "web"})
    tag(client_path, "image", [image_id], {"env": "prod", "stage": "golden"})
    tag(client_path, "securitygroup", [group_id], {"env": "prod"})
    assert listed(client_path, "instance", [instance_id]) == [
        (instance_id, "env", "prod"),
        (instance_id, "team", "web"),
    ]
    assert listed(client_path, "image", tags={"stage": "golden"}) == [
        (image_id, "env", "prod"),
        (image_id, "stage", "golden"),
    ]
    assert listed(client_path, "securitygroup", tags={"env": "prod"}) == [(group_id, "env", "prod")]
    assert listed(client_path, "image", tags={"stage": "old"}) == []
    described = client_path.call("DescribeInstances", {"RegionId": REGION, "Tag": [{"Key": "team", "Value": "web"}]})
    assert [i["InstanceId"] for i in described["Instances"]["Instance"]] == [instance_id]
    client_path.call(
        "UntagResources",
        {"RegionId": REGION, "ResourceType": "instance", "ResourceId": [instance_id], "TagKey": ["team"]},
    )
    assert listed(client_path, "instance", [instance_id]) == [(instance_id, "env", "prod")]
    client_path.call(
        "UntagResources", {"RegionId": REGION, "ResourceType": "image", "ResourceId": [image_id], "All": True}
    )
    assert listed(client_path, "image", [image_id]) == []


def test_tag_limits_and_refusals(client_path, ecs_mock):
    instance_id = launch(client_path)
    ask = lambda **params: client_path.call(  # noqa: E731
        "TagResources",
        {
            "RegionId": REGION,
            "ResourceType": "instance",
            "ResourceId": [instance_id],
            **params,
        },
    )
    tag(client_path, "instance", [instance_id], {f"k{n}": "v" for n in range(20)})
    assert_fails(
        400,
        "OperationDenied.QuotaExceed",
        "The quota of tags on resource is beyond permitted range.",
        ask,
        Tag=[{"Key": "one-more", "Value": "v"}],
    )
    tag(client_path, "instance", [instance_id], {"k0": "changed"})  # an existing key is overwritten, not added
    assert (instance_id, "k0", "changed") in listed(client_path, "instance", [instance_id])
    assert_fails(
        400,
        "InvalidTagKey.Malformed",
        "The specified Tag.n.Key is not valid.",
        ask,
        Tag=[{"Key": "aliyun:owner", "Value": "x"}],
    )
    assert_fails(
        400,
        "Duplicate.TagKey",
        "The Tag.N.Key contain duplicate key.",
        ask,
        Tag=[{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}],
    )
    assert_fails(
        404,
        "InvalidResourceId.NotFound",
        "The specified ResourceIds are not found in our records.",
        client_path.call,
        "TagResources",
        {
            "RegionId": REGION,
            "ResourceType": "instance",
            "ResourceId": ["i-bp1nope"],
            "Tag": [{"Key": "a", "Value": "b"}],
        },
    )
    assert_fails(
        404,
        "InvalidResourceType.NotFound",
        "The ResourceType provided does not exist in our records.",
        client_path.call,
        "TagResources",
        {
            "RegionId": REGION,
            "ResourceType": "spaceship",
            "ResourceId": [instance_id],
            "Tag": [{"Key": "a", "Value": "b"}],
        },
    )
    assert_fails(
        501,
        "AliyunMock.NotImplemented",
        "ResourceType=launchtemplate of Ecs action TagResources (API version "
        "2014-05-26) is not implemented in aliyun-mock.",
        client_path.call,
        "TagResources",
        {
            "RegionId": REGION,
            "ResourceType": "launchtemplate",
            "ResourceId": ["lt-1"],
            "Tag": [{"Key": "a", "Value": "b"}],
        },
    )
    assert_fails(
        403,
        "BothEmpty.TagsAndResources",
        "The specified Tags and ResourcesIds are not allow to both empty.",
        client_path.call,
        "ListTagResources",
        {"RegionId": REGION, "ResourceType": "instance"},
    )
    assert_fails(
        403,
        "Param.Conflict",
        "The specified all is true, but the specified TagKey.N is not empty.",
        client_path.call,
        "UntagResources",
        {"RegionId": REGION, "ResourceType": "instance", "ResourceId": [instance_id], "TagKey": ["k1"], "All": True},
    )
    stranger = ecs_mock.create_account()
    assert_fails(
        404,
        "InvalidResourceId.NotFound",
        "The specified ResourceIds are not found in our records.",
        client_path.call,
        "TagResources",
        {
            "RegionId": REGION,
            "ResourceType": "instance",
            "ResourceId": [instance_id],
            "Tag": [{"Key": "a", "Value": "b"}],
        },
        account=stranger,
    )


def test_a_sharee_sees_the_image_but_not_its_owners_tags(client_path, ecs_mock):
    sharee = ecs_mock.create_account()
    image_id = custom_image(client_path)
    tag(client_path, "image", [image_id], {"secret": "owner-only"})
    share(client_path, image_id, add=[sharee.account_id])
    seen = client_path.call("DescribeImages", {"RegionId": REGION, "ImageOwnerAlias": "others"}, account=sharee)
    assert [(i["ImageId"], i["Tags"]) for i in seen["Images"]["Image"]] == [(image_id, {"Tag": []})]
    filtered = client_path.call(
        "DescribeImages",
        {"RegionId": REGION, "ImageOwnerAlias": "others", "Tag": [{"Key": "secret", "Value": "owner-only"}]},
        account=sharee,
    )
    assert filtered["Images"]["Image"] == []
    assert_fails(
        404,
        "InvalidResourceId.NotFound",
        "The specified ResourceIds are not found in our records.",
        client_path.call,
        "TagResources",
        {"RegionId": REGION, "ResourceType": "image", "ResourceId": [image_id], "Tag": [{"Key": "mine", "Value": "x"}]},
        account=sharee,
    )
    mine = client_path.call(
        "DescribeImages",
        {"RegionId": REGION, "ImageOwnerAlias": "self", "Tag": [{"Key": "secret", "Value": "owner-only"}]},
    )
    assert [i["ImageId"] for i in mine["Images"]["Image"]] == [image_id]


def test_list_tag_resources_pages_with_next_token(ecs_mock):
    from conftest_plugin import RequestsPath

    raw = RequestsPath(ecs_mock)
    ids = [launch(raw) for _ in range(3)]
    tag(raw, "instance", ids, {f"k{n}": "v" for n in range(20)})  # 60 tag-resource pairs
    first = raw.call("ListTagResources", {"RegionId": REGION, "ResourceType": "instance", "ResourceId": ids})
    assert len(first["TagResources"]["TagResource"]) == 50 and first["NextToken"]
    second = raw.call(
        "ListTagResources",
        {"RegionId": REGION, "ResourceType": "instance", "ResourceId": ids, "NextToken": first["NextToken"]},
    )
    assert len(second["TagResources"]["TagResource"]) == 10 and second["NextToken"] == ""


def test_the_older_tag_actions(client_path):
    instance_id, image_id = launch(client_path), custom_image(client_path)
    add = lambda kind, rid, **tags: client_path.call(  # noqa: E731
        "AddTags",
        {
            "RegionId": REGION,
            "ResourceType": kind,
            "ResourceId": rid,
            "Tag": [{"Key": k, "Value": v} for k, v in tags.items()],
        },
    )
    add("instance", instance_id, env="prod", team="web")
    add("image", image_id, env="prod")
    body = client_path.call("DescribeTags", {"RegionId": REGION})
    counts = {
        (t["TagKey"], t["TagValue"]): (t["ResourceTypeCount"]["Instance"], t["ResourceTypeCount"]["Image"])
        for t in body["Tags"]["Tag"]
    }
    assert counts == {("env", "prod"): (1, 1), ("team", "web"): (1, 0)}
    only = client_path.call("DescribeTags", {"RegionId": REGION, "ResourceType": "image"})["Tags"]["Tag"]
    assert [(t["TagKey"], t["ResourceTypeCount"]["Image"]) for t in only] == [("env", 1)]
    client_path.call(
        "RemoveTags",
        {"RegionId": REGION, "ResourceType": "instance", "ResourceId": instance_id, "Tag": [{"Key": "team"}]},
    )
    assert listed(client_path, "instance", [instance_id]) == [(instance_id, "env", "prod")]
    client_path.call("RemoveTags", {"RegionId": REGION, "ResourceType": "instance", "ResourceId": instance_id})
    assert listed(client_path, "instance", [instance_id]) == []
    assert_fails(
        404,
        "InvalidResourceId.NotFound",
        "The specified ResourceId is not found in our records.",
        add,
        "instance",
        "i-bp1nope",
        a="b",
    )
