"""STS credentials and the STS product, through both SDK generations: code that assumes a role
in another account acts as that account."""

import asyncio
import json
import time

import pytest
from helpers import custom_image, image_ids


def v2_sts_client(key_id, secret, token=None):
    from alibabacloud_sts20150401.client import Client
    from alibabacloud_tea_openapi.models import Config

    return Client(Config(access_key_id=key_id, access_key_secret=secret, security_token=token, region_id="cn-hangzhou"))


def v2_ecs_client(key_id, secret, token=None):
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_tea_openapi.models import Config

    return Client(Config(access_key_id=key_id, access_key_secret=secret, security_token=token, region_id="cn-hangzhou"))


def test_v2_assume_role_then_act_as_the_other_account(ecs_mock):
    from alibabacloud_ecs20140526.models import DescribeImagesRequest
    from alibabacloud_sts20150401.models import AssumeRoleRequest

    target = ecs_mock.create_account()
    theirs = custom_image(__import__("conftest_plugin").V2Path(ecs_mock), target)
    me = ecs_mock.default_account
    assumed = (
        v2_sts_client(me.access_key_id, me.access_key_secret)
        .assume_role(
            AssumeRoleRequest(
                role_arn=f"acs:ram::{target.account_id}:role/Deployer", role_session_name="ci-run", duration_seconds=900
            )
        )
        .body
    )
    assert assumed.assumed_role_user.arn == f"acs:ram::{target.account_id}:role/deployer/ci-run"
    credentials = assumed.credentials
    assert credentials.access_key_id.startswith("STS.") and credentials.expiration.endswith("Z")

    as_target = v2_sts_client(credentials.access_key_id, credentials.access_key_secret, credentials.security_token)
    identity = as_target.get_caller_identity().body
    assert (identity.account_id, identity.identity_type) == (target.account_id, "AssumedRoleUser")
    assert identity.arn == f"acs:ram::{target.account_id}:assumed-role/deployer/ci-run"
    ecs = v2_ecs_client(credentials.access_key_id, credentials.access_key_secret, credentials.security_token)
    own = ecs.describe_images(DescribeImagesRequest(region_id="cn-hangzhou", image_owner_alias="self")).body
    assert [i.image_id for i in own.images.image] == [theirs]
    async_identity = asyncio.run(as_target.get_caller_identity_async()).body
    assert async_identity.account_id == target.account_id


def test_v1_assume_role_and_sts_token_credential(ecs_mock):
    from aliyunsdkcore.auth.credentials import StsTokenCredential
    from aliyunsdkcore.client import AcsClient
    from aliyunsdksts.request.v20150401.AssumeRoleRequest import AssumeRoleRequest
    from aliyunsdksts.request.v20150401.GetCallerIdentityRequest import GetCallerIdentityRequest

    target = ecs_mock.create_account()
    request = AssumeRoleRequest()
    request.set_RoleArn(f"acs:ram::{target.account_id}:role/reader")
    request.set_RoleSessionName("v1-session")
    body = json.loads(ecs_mock.client("v1").do_action_with_exception(request))
    credentials = body["Credentials"]
    client = AcsClient(
        region_id="cn-hangzhou",
        credential=StsTokenCredential(
            credentials["AccessKeyId"], credentials["AccessKeySecret"], credentials["SecurityToken"]
        ),
    )
    identity = json.loads(client.do_action_with_exception(GetCallerIdentityRequest()))
    assert identity["AccountId"] == target.account_id and identity["IdentityType"] == "AssumedRoleUser"


def test_create_sts_credentials_act_as_that_account(ecs_mock):
    other = ecs_mock.create_account()
    sts = ecs_mock.create_sts_credentials(other)
    identity = v2_sts_client(sts.access_key_id, sts.access_key_secret, sts.security_token).get_caller_identity().body
    assert identity.account_id == other.account_id
    root = ecs_mock.default_account
    identity = v2_sts_client(root.access_key_id, root.access_key_secret).get_caller_identity().body
    assert (identity.account_id, identity.identity_type, identity.arn) == (
        root.account_id,
        "Account",
        f"acs:ram::{root.account_id}:root",
    )


def sts_error(client_call):
    from alibabacloud_tea_openapi.exceptions import ClientException

    with pytest.raises(ClientException) as failure:
        client_call()
    return failure.value.status_code, failure.value.code, failure.value.data["Message"]


def test_token_errors(ecs_mock):
    sts = ecs_mock.create_sts_credentials()
    assert sts_error(lambda: v2_sts_client(sts.access_key_id, sts.access_key_secret).get_caller_identity()) == (
        400,
        "MissingSecurityToken",
        "SecurityToken is mandatory for this action.",
    )
    assert sts_error(
        lambda: v2_sts_client(sts.access_key_id, sts.access_key_secret, "garbage").get_caller_identity()
    ) == (400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed.")
    other = ecs_mock.create_sts_credentials()
    assert sts_error(
        lambda: v2_sts_client(sts.access_key_id, sts.access_key_secret, other.security_token).get_caller_identity()
    ) == (400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.")
    sts.expiration = time.time() - 1
    assert sts_error(
        lambda: v2_sts_client(sts.access_key_id, sts.access_key_secret, sts.security_token).get_caller_identity()
    ) == (400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.")


def test_assume_role_parameter_errors(ecs_mock):
    from alibabacloud_sts20150401.models import AssumeRoleRequest

    me = ecs_mock.default_account
    client = v2_sts_client(me.access_key_id, me.access_key_secret)

    def assume(**kwargs):
        params = {"role_arn": "acs:ram::1234567890123456:role/r", "role_session_name": "session", **kwargs}
        return lambda: client.assume_role(AssumeRoleRequest(**params))

    assert sts_error(assume(role_arn="arn:aws:iam::1:role/x"))[1] == "InvalidParameter.RoleArn"
    assert sts_error(assume(role_session_name="a"))[1:] == (
        "InvalidParameter.RoleSessionName",
        "The parameter RoleSessionName is wrongly formed.",
    )
    assert sts_error(assume(duration_seconds=60))[1:] == (
        "InvalidParameter.DurationSeconds",
        "The Min/Max value of DurationSeconds is 15min/1hr.",
    )
    assert sts_error(assume(policy="{not json"))[1] == "InvalidParameter.PolicyGrammar"
    assert sts_error(assume(policy='{"Statement": "' + "x" * 2048 + '"}'))[1:] == (
        "InvalidParameter.PolicySize",
        "The size of Policy must be smaller than 2048 bytes.",
    )


@pytest.mark.aliyun_mock(strict=True)
def test_strict_mode_needs_the_role_to_exist(ecs_mock):
    from alibabacloud_sts20150401.models import AssumeRoleRequest

    me = ecs_mock.default_account
    target = ecs_mock.create_account()
    client = v2_sts_client(me.access_key_id, me.access_key_secret)
    arn = f"acs:ram::{target.account_id}:role/deployer"
    assert sts_error(lambda: client.assume_role(AssumeRoleRequest(role_arn=arn, role_session_name="s1"))) == (
        404,
        "EntityNotExist.Role",
        f"The role not exists: {arn}",
    )
    target.roles.add("deployer")
    assert client.assume_role(AssumeRoleRequest(role_arn=arn, role_session_name="s1")).body.credentials.access_key_id


def test_deny_makes_an_action_fail_as_ram_denies_it(client_path, ecs_mock):
    from helpers import assert_fails

    other = ecs_mock.create_account()
    ecs_mock.deny(other, "DescribeImages")
    assert_fails(
        403,
        "Forbidden.RAM",
        "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
        client_path.call,
        "DescribeImages",
        {"RegionId": "cn-hangzhou"},
        account=other,
    )
    assert image_ids(client_path.call("DescribeImages", {"RegionId": "cn-hangzhou", "ImageOwnerAlias": "self"})) == []


def test_sts_bodies_round_trip_through_the_sdk_models(ecs_mock):
    import requests
    from alibabacloud_sts20150401 import models

    from conftest_plugin import signed_query

    me = ecs_mock.default_account

    def raw(action, **params):
        query = signed_query(
            action,
            params,
            access_key_id=me.access_key_id,
            secret=me.access_key_secret,
            version="2015-04-01",
            nonce=action,
            timestamp="2026-01-01T00:00:00Z",
        )
        return requests.get("https://sts.aliyuncs.com/", params=query, timeout=5).json()

    for action, model, params in (
        ("GetCallerIdentity", models.GetCallerIdentityResponseBody, {}),
        (
            "AssumeRole",
            models.AssumeRoleResponseBody,
            {"RoleArn": "acs:ram::1234567890123456:role/r", "RoleSessionName": "rt"},
        ),
    ):
        body = raw(action, **params)
        assert model().from_map(body).to_map() == body


def test_ram_role_credential_providers_of_both_generations_act_as_the_role_account(ecs_mock):
    """Code that builds its client from a RAM-role credential: the SDK calls STS AssumeRole itself."""
    from alibabacloud_credentials.client import Client as CredentialClient
    from alibabacloud_credentials.models import Config as CredentialConfig
    from alibabacloud_sts20150401.client import Client
    from alibabacloud_tea_openapi.models import Config
    from aliyunsdkcore.auth.credentials import RamRoleArnCredential
    from aliyunsdkcore.client import AcsClient
    from aliyunsdksts.request.v20150401.GetCallerIdentityRequest import GetCallerIdentityRequest

    me, target = ecs_mock.default_account, ecs_mock.create_account()
    role_arn = f"acs:ram::{target.account_id}:role/deployer"
    v2_credential = CredentialClient(
        CredentialConfig(
            type="ram_role_arn",
            access_key_id=me.access_key_id,
            access_key_secret=me.access_key_secret,
            role_arn=role_arn,
            role_session_name="ci",
        )
    )
    v2_identity = Client(Config(credential=v2_credential, region_id="cn-hangzhou")).get_caller_identity().body
    v1 = AcsClient(
        region_id="cn-hangzhou", credential=RamRoleArnCredential(me.access_key_id, me.access_key_secret, role_arn, "ci")
    )
    v1_identity = json.loads(v1.do_action_with_exception(GetCallerIdentityRequest()))
    assert v2_identity.account_id == v1_identity["AccountId"] == target.account_id
    assert [c.action for c in ecs_mock.calls].count("AssumeRole") == 2
