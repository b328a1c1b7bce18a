"""Who a request acts as: issued keys, unknown keys, strict mode."""

import subprocess
import sys

import pytest
from helpers import assert_fails, custom_image, image_ids, share

from aliyun_mock import Account

UNKNOWN = Account("1999999999999999", "LTAI5tUnknownKey000000000", "not-a-secret-we-issued")


def test_an_issued_key_acts_as_its_account(client_path, ecs_mock):
    other = ecs_mock.create_account(site="international")
    assert other.site == "international" and other.account_id.isdigit() and len(other.account_id) == 16
    mine, theirs = custom_image(client_path), custom_image(client_path, other)
    self_images = {"RegionId": "cn-hangzhou", "ImageOwnerAlias": "self"}
    assert image_ids(client_path.call("DescribeImages", self_images)) == [mine]
    assert image_ids(client_path.call("DescribeImages", self_images, account=other)) == [theirs]
    assert ecs_mock.calls[-1].account_id == other.account_id


def test_an_unknown_key_acts_as_the_default_account(client_path, ecs_mock):
    mine = custom_image(client_path)
    body = client_path.call("DescribeImages", {"RegionId": "cn-hangzhou", "ImageOwnerAlias": "self"}, account=UNKNOWN)
    assert image_ids(body) == [mine]


@pytest.mark.aliyun_mock(strict=True)
def test_strict_mode_knows_only_issued_keys_and_created_accounts(client_path, ecs_mock):
    assert_fails(
        404,
        "InvalidAccessKeyId.NotFound",
        "Specified access key is not found.",
        client_path.call,
        "DescribeRegions",
        {},
        account=UNKNOWN,
    )
    image_id = custom_image(client_path)
    assert_fails(
        404,
        "InvalidAccount.NotFound",
        'The specified account 1234567890 in parameter "AddAccount.n" or "RemoveAccount.n" does not exist.',
        share,
        client_path,
        image_id,
        add=["1234567890"],
    )
    share(client_path, image_id, add=[ecs_mock.create_account().account_id])


def test_create_account_refuses_bad_ids_and_sites(ecs_mock):
    with pytest.raises(ValueError):
        ecs_mock.create_account("abc")
    with pytest.raises(ValueError):
        ecs_mock.create_account(site="mars")
    with pytest.raises(ValueError):
        ecs_mock.create_account(ecs_mock.default_account.account_id)
    assert ecs_mock.create_account("1234567890123456").account_id == "1234567890123456"


def test_importing_aliyun_mock_imports_no_sdk_no_aiohttp_no_pytest():
    code = (
        "import aliyun_mock, sys; print([m for m in sys.modules if 'alibabacloud' in m or 'aliyunsdk' in m "
        "or 'aiohttp' in m or m.startswith(('pytest', '_pytest', 'darabonba'))])"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"
