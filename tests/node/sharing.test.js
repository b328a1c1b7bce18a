// The official Node SDKs, unmodified, against aliyun-mock in server mode.
// Run by tests/test_node_sdk.py, which starts the server and passes the endpoint and keys.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const Ecs = require('@alicloud/ecs20140526');
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const RPCClient = require('@alicloud/pop-core').RPCClient;

const endpoint = process.env.ALIYUN_MOCK_ENDPOINT;
const owner = { id: process.env.OWNER_ID, key: process.env.OWNER_KEY, secret: process.env.OWNER_SECRET };
const sharee = { id: process.env.SHAREE_ID, key: process.env.SHAREE_KEY, secret: process.env.SHAREE_SECRET };
const region = 'cn-hangzhou';

function v2(account) {
  return new Ecs.default(new $OpenApiUtil.Config({
    accessKeyId: account.key, accessKeySecret: account.secret, endpoint, protocol: 'http', regionId: region,
  }));
}

function popCore(account) {
  return new RPCClient({
    accessKeyId: account.key, accessKeySecret: account.secret, endpoint: `http://${endpoint}`, apiVersion: '2014-05-26',
  });
}

// A VPC, a vSwitch and a security group: where an instance goes. The VPC calls go through pop-core
// (the mock tells products apart by API version on a non-Aliyun host).
async function network(account) {
  const vpc = new RPCClient({
    accessKeyId: account.key, accessKeySecret: account.secret, endpoint: `http://${endpoint}`, apiVersion: '2016-04-28',
  });
  const { VpcId } = await vpc.request('CreateVpc', { RegionId: region, CidrBlock: '192.168.0.0/16' }, { method: 'POST' });
  const { VSwitchId } = await vpc.request('CreateVSwitch', {
    RegionId: region, VpcId, ZoneId: 'cn-hangzhou-h', CidrBlock: '192.168.1.0/24',
  }, { method: 'POST' });
  const group = await v2(account).createSecurityGroup(new Ecs.CreateSecurityGroupRequest({ regionId: region, vpcId: VpcId }));
  return { vSwitchId: VSwitchId, securityGroupId: group.body.securityGroupId };
}

async function sharedImage() {
  const client = v2(owner);
  const run = await client.runInstances(new Ecs.RunInstancesRequest({
    regionId: region, imageId: 'ubuntu_22_04_x64_20G_alibase_20250722.vhd', instanceType: 'ecs.g7.large',
    ...(await network(owner)),
  }));
  const instanceId = run.body.instanceIdSets.instanceIdSet[0];
  const created = await client.createImage(new Ecs.CreateImageRequest({ regionId: region, instanceId }));
  const imageId = created.body.imageId;
  await client.modifyImageSharePermission(new Ecs.ModifyImageSharePermissionRequest({
    regionId: region, imageId, addAccount: [sharee.id],
  }));
  return imageId;
}

test('the V2 Node SDK shares an image and the sharee sees it', async () => {
  const imageId = await sharedImage();
  const permission = await v2(owner).describeImageSharePermission(
    new Ecs.DescribeImageSharePermissionRequest({ regionId: region, imageId }));
  assert.deepEqual(permission.body.accounts.account.map((a) => a.aliyunId), [sharee.id]);
  const seen = await v2(sharee).describeImages(new Ecs.DescribeImagesRequest({ regionId: region, imageOwnerAlias: 'others' }));
  assert.deepEqual(seen.body.images.image.map((i) => [i.imageId, i.imageOwnerAlias]), [[imageId, 'others']]);
});

test('the V2 Node SDK gets the documented error when a sharee shares on', async () => {
  const imageId = await sharedImage();
  await assert.rejects(
    v2(sharee).modifyImageSharePermission(new Ecs.ModifyImageSharePermissionRequest({
      regionId: region, imageId, addAccount: ['1234567890'],
    })),
    (error) => {
      assert.equal(error.code, 'InvalidImageId.NotFound');
      assert.equal(error.statusCode, 404);
      assert.equal(error.data.Message, 'The specified ImageId does not exist.');
      return true;
    });
});

test('the older pop-core RPC client describes as sharee and sees the error', async () => {
  const imageId = await sharedImage();
  const seen = await popCore(sharee).request('DescribeImages', { RegionId: region, ImageOwnerAlias: 'others' }, { method: 'POST' });
  assert.ok(seen.Images.Image.some((i) => i.ImageId === imageId && i.ImageOwnerAlias === 'others'));
  await assert.rejects(
    popCore(sharee).request('DescribeImageSharePermission', { RegionId: region, ImageId: imageId }, { method: 'POST' }),
    (error) => {
      assert.equal(error.code, 'InvalidImageId.NotFound');
      assert.match(error.message, new RegExp(`The specified image ${imageId} does not exist.`));
      return true;
    });
});
