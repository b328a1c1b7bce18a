"""Resources as the API shows them: exact keys, exact types, list wrappers as the SDK models expect.

Each view fills the action's documented shape (``ECS.shape``: every field of the description, in
the order the cloud sends them, with the value the cloud gives a resource without that feature)
with what the mock models.
"""

from __future__ import annotations

import functools
import uuid
from typing import Any, Dict, List, Optional

from ..core.description import Shape
from ..vpc.models import Eip
from .image_access import Organisation, is_self_shared, owner_alias
from .models import SYSTEM, Disk, Image, Instance, SecurityGroup, SecurityGroupRule, Snapshot
from .product import ECS

_SERIALS = uuid.UUID("6f1c7c3e-4b1d-4c55-9a57-7d1b1c2a9e10")  # namespace of the mock's serial numbers


@functools.lru_cache(maxsize=None)
def _image_shapes() -> "tuple[Shape, Shape, Shape]":
    """An image as the cloud shows its own, as it shows a custom one (with ``ImageOwnerId``), and one
    disk device mapping; what every image here has in common is part of the images' templates."""
    image = ECS.shape("DescribeImages", "Images.Image[]")
    mapping = ECS.shape("DescribeImages", "Images.Image[].DiskDeviceMappings.DiskDeviceMapping[]")
    features = image.child("Features").build({"NvmeSupport": "supported", "ImdsSupport": "v2"})
    alike = {"Progress": "100%", "IsSupportCloudinit": True, "IsSupportIoOptimized": True, "Features": features}
    return image.with_defaults(alike), image.including("ImageOwnerId").with_defaults(alike), mapping


_NO_TAGS: Dict[str, Any] = {"Tag": []}  # shared: bodies are rendered, never changed


def tags_view(tags: Dict[str, str]) -> Dict[str, Any]:
    if not tags:
        return _NO_TAGS
    return {"Tag": [{"TagKey": k, "TagValue": v} for k, v in tags.items()]}


def image_view(image: Image, viewer_id: str, in_use: bool, organisation: Organisation) -> Dict[str, Any]:
    """One ``Images.Image[]`` entry as ``viewer_id`` sees it (fields the mock does not model, such as
    ``ImageVersion`` or ``ProductCode``, keep the shape's defaults)."""
    system_shape, custom_shape, _ = _image_shapes()
    custom = image.source != SYSTEM
    fields: Dict[str, Any] = {
        "ImageId": image.image_id,
        "ImageName": image.name,
        "ImageFamily": image.image_family,
        "Description": image.description,
        "Status": image.status,
        "CreationTime": image.creation_time,
        "ImageOwnerAlias": owner_alias(image, viewer_id),
        "IsPublic": image.source == SYSTEM or image.is_public,
        # A string in the API ("True"/"False"), not a boolean.
        "IsSelfShared": "True" if is_self_shared(image, viewer_id, organisation) else "False",
        "IsCopied": image.is_copied,
        "OSType": image.os_type,
        "OSName": image.os_name,
        "OSNameEn": image.os_name_en,
        "Platform": image.platform,
        "Architecture": image.architecture,
        "BootMode": image.boot_mode,
        "Size": image.size,
        "Usage": "instance" if in_use else "none",
        "DiskDeviceMappings": {"DiskDeviceMapping": _mappings(image)},
        "Tags": tags_view(image.tags if image.owner_id == viewer_id else {}),  # tags are their owner's
    }  # fmt: skip
    if image.image_version:  # (most images have none: the template's "" stands)
        fields["ImageVersion"] = image.image_version
    if image.status != "Available" and custom:  # an image being made (or copied) is not done yet
        fields["Progress"] = f"{image.progress}%"
    if custom:  # the cloud names no owner for its own images
        fields["ImageOwnerId"] = int(image.owner_id)
        return custom_shape.build(fields)
    return system_shape.build(fields)


def _mappings(image: Image) -> List[Dict[str, Any]]:
    """The system disk's mapping, then each data disk's, with the snapshot each was made from."""
    system = _mapping("system", "/dev/xvda", image.size, image, image.snapshot_id)
    if image.import_source:  # where an imported image came from (the system disk's file), in its place
        system = _image_shapes()[2].build({**system, **image.import_source})
    if not image.data_disk_sizes:  # most images: only a system disk
        return [system]
    snapshots = image.data_disk_snapshot_ids or [""] * len(image.data_disk_sizes)
    return [system] + [
        _mapping("data", f"/dev/xvd{chr(ord('b') + n)}", size, image, snapshot_id)
        for n, (size, snapshot_id) in enumerate(zip(image.data_disk_sizes, snapshots))
    ]


def _mapping(disk_type: str, device: str, size: int, image: Image, snapshot_id: str) -> Dict[str, Any]:
    return _image_shapes()[2].build({
        "Type": disk_type,
        "Device": device,
        "Size": str(size),  # a string here, unlike the image's own Size
        "SnapshotId": snapshot_id,
        "Progress": "100%" if image.status == "Available" else f"{image.progress}%",
        "Encrypted": bool(image.encryption),  # (no RemainTime: real bodies leave it out of a finished mapping)
    })  # fmt: skip


def instance_view(instance: Instance, eip: Optional[Eip] = None) -> Dict[str, Any]:
    """One ``Instances.Instance[]`` entry of DescribeInstances, as a real body orders it."""
    eni = _eni_of(instance)
    shape = ECS.shape("DescribeInstances", "Instances.Instance[]")
    return shape.build({
        "Memory": instance.memory,
        "InstanceChargeType": "PostPaid",
        "Cpu": instance.cpu,
        "OSName": instance.os_name,
        "InstanceNetworkType": "vpc",
        "ExpiredTime": "2099-12-31T15:59Z",  # pay-as-you-go instances do not expire
        "ImageId": instance.image_id,
        "HostName": instance.host_name,
        "Status": instance.status,
        "InstanceId": instance.instance_id,
        # a stopped pay-as-you-go instance keeps charging (economical mode is not modelled)
        "StoppedMode": "KeepCharging" if instance.status == "Stopped" else "Not-applicable",
        "CpuOptions": {"ThreadsPerCore": 2, "Numa": "ON", "CoreCount": max(1, instance.cpu // 2)},
        "StartTime": _to_minutes(instance.start_time),
        "DeletionProtection": instance.deletion_protection,
        "SecurityGroupIds": {"SecurityGroupId": list(instance.security_group_ids)},
        "VpcAttributes": {
            "PrivateIpAddress": {"IpAddress": [instance.private_ip]},
            "VpcId": instance.vpc_id,
            "VSwitchId": instance.vswitch_id,
            "NatIpAddress": "",
        },
        "InternetChargeType": instance.internet_charge_type,
        "InstanceName": instance.name,
        "InternetMaxBandwidthOut": instance.internet_max_bandwidth_out,
        "SerialNumber": str(uuid.uuid5(_SERIALS, instance.instance_id)),
        "OSType": instance.os_type,
        "CreationTime": _to_minutes(instance.creation_time),
        "Description": instance.description,
        "InstanceTypeFamily": instance.instance_type.rsplit(".", 1)[0],
        "PublicIpAddress": {"IpAddress": [instance.public_ip] if instance.public_ip else []},
        "NetworkInterfaces": {"NetworkInterface": [eni]},
        "DeviceAvailable": True,
        "InstanceType": instance.instance_type,
        "SpotStrategy": "NoSpot",
        "OSNameEn": instance.os_name_en,
        "IoOptimized": instance.io_optimized,
        "ZoneId": instance.zone_id,
        # -1: no public bandwidth; with some, the inbound default of 200 Mbit/s
        "InternetMaxBandwidthIn": inbound_bandwidth(instance),
        "RegionId": instance.region_id,
        "Tags": tags_view(instance.tags),
        "KeyPairName": instance.key_pair_name,
        "EipAddress": _eip_view(eip),
    })  # fmt: skip


def instance_attribute_view(instance: Instance, eip: Optional[Eip]) -> Dict[str, Any]:
    """DescribeInstanceAttribute's body: the instance's attributes, as DescribeInstances shows them."""
    return {
        "Status": instance.status,
        "SerialNumber": str(uuid.uuid5(_SERIALS, instance.instance_id)),
        "CreationTime": _to_minutes(instance.creation_time),
        "Description": instance.description,
        "InstanceName": instance.name,
        "InstanceNetworkType": "vpc",
        "Memory": instance.memory,
        "ImageId": instance.image_id,
        "StoppedMode": "KeepCharging" if instance.status == "Stopped" else "Not-applicable",
        "HostName": instance.host_name,
        "InstanceId": instance.instance_id,
        "InstanceType": instance.instance_type,
        "InternetMaxBandwidthIn": inbound_bandwidth(instance),
        "InternetMaxBandwidthOut": instance.internet_max_bandwidth_out,
        "RegionId": instance.region_id,
        "InstanceChargeType": "PostPaid",
        "IoOptimized": "optimized" if instance.io_optimized else "none",
        "Cpu": instance.cpu,
        "ExpiredTime": "2099-12-31T15:59Z",
        "ZoneId": instance.zone_id,
        "InternetChargeType": instance.internet_charge_type,
        "SecurityGroupIds": {"SecurityGroupId": list(instance.security_group_ids)},
        "PublicIpAddress": {"IpAddress": [instance.public_ip] if instance.public_ip else []},
        "VpcAttributes": {
            "VpcId": instance.vpc_id,
            "NatIpAddress": "",
            "VSwitchId": instance.vswitch_id,
            "PrivateIpAddress": {"IpAddress": [instance.private_ip]},
        },
        "EipAddress": {k: v for k, v in _eip_view(eip).items() if k != "IsSupportUnassociate"},
    }


def _eip_view(eip: Optional[Eip]) -> Dict[str, Any]:
    if eip is None:
        return {
            "AllocationId": "",
            "IpAddress": "",
            "InternetChargeType": "",
            "Bandwidth": 0,
            "IsSupportUnassociate": False,
        }
    return {
        "AllocationId": eip.allocation_id,
        "IpAddress": eip.ip_address,
        "InternetChargeType": eip.internet_charge_type,
        "Bandwidth": eip.bandwidth,
        "IsSupportUnassociate": True,
    }


def _eni_of(instance: Instance) -> Dict[str, Any]:
    """The primary network interface, named and addressed from the instance id (stable across calls)."""
    digest = uuid.uuid5(_SERIALS, "eni/" + instance.instance_id).hex
    mac = ":".join(["00", "16", "3e"] + [digest[i : i + 2] for i in (0, 2, 4)])
    return {
        "Type": "Primary",
        "PrimaryIpAddress": instance.private_ip,
        "MacAddress": mac,
        "NetworkInterfaceId": f"eni-{instance.instance_id[2:5]}{digest[6:23]}",
        "PrivateIpSets": {"PrivateIpSet": [{"PrivateIpAddress": instance.private_ip, "Primary": True}]},
    }


def network_interface_view(instance: Instance, eip: Optional[Eip], queues: int) -> Dict[str, Any]:
    """An instance's primary network interface as DescribeNetworkInterfaces shows it: in use, released
    with the instance, the instance type's queues, the instance's groups and public address."""
    eni = _eni_of(instance)
    if eip is not None:
        public = {"PublicIpAddress": eip.ip_address, "AllocationId": eip.allocation_id}
    else:
        public = {"PublicIpAddress": instance.public_ip, "AllocationId": ""}
    address = {"PrivateIpAddress": instance.private_ip, "Primary": True, "AssociatedPublicIp": public}
    return {
        "CreationTime": instance.creation_time,
        "VpcId": instance.vpc_id,
        "Type": "Primary",
        "Status": "InUse",
        "NetworkInterfaceTrafficMode": "Standard",
        "MacAddress": eni["MacAddress"],
        "NetworkInterfaceId": eni["NetworkInterfaceId"],
        "InstanceId": instance.instance_id,
        "OwnerId": instance.owner_id,
        "VSwitchId": instance.vswitch_id,
        "ZoneId": instance.zone_id,
        "PrivateIpAddress": instance.private_ip,
        "QueueNumber": queues,
        "PrivateIpSets": {"PrivateIpSet": [address]},
        "SecurityGroupIds": {"SecurityGroupId": list(instance.security_group_ids)},
        "AssociatedPublicIp": dict(public),
        "DeleteOnRelease": True,
    }


def disk_view(disk: Disk) -> Dict[str, Any]:
    """One ``Disks.Disk[]`` entry of DescribeDisks."""
    attached = bool(disk.instance_id)
    return ECS.shape("DescribeDisks", "Disks.Disk[]").build({
        "DiskId": disk.disk_id,
        "DiskName": disk.name,
        "Description": disk.description,
        "RegionId": disk.region_id,
        "ZoneId": disk.zone_id,
        "InstanceId": disk.instance_id,
        "Device": disk.device if attached else "",
        "Type": disk.disk_type,
        "Category": disk.category,
        "Size": disk.size,
        "Status": disk.status,
        "ImageId": disk.image_id,
        "SourceSnapshotId": disk.source_snapshot_id,
        "CreationTime": disk.creation_time,
        "AttachedTime": disk.attached_time,
        "DetachedTime": disk.detached_time,
        "DiskChargeType": "PostPaid",
        "Portable": True,  # as real bodies show for system disks too
        "DeleteWithInstance": disk.delete_with_instance,
        "DeleteAutoSnapshot": disk.delete_auto_snapshot,
        "EnableAutoSnapshot": disk.enable_auto_snapshot,
        "ExpiredTime": "2999-09-08T16:00Z",  # pay-as-you-go disks do not expire
        **_performance(disk),
        "Encrypted": False,
        "MultiAttach": "Disabled",
        "Attachments": {
            "Attachment": [{"InstanceId": disk.instance_id, "Device": disk.device, "AttachedTime": disk.attached_time}]
            if attached
            else []
        },
        "OperationLocks": {"OperationLock": []},
        "Tags": tags_view(disk.tags),
    })  # fmt: skip


def _to_minutes(timestamp: str) -> str:
    """Instances' times go to the minute (``2024-04-14T22:32Z``), unlike disks' and images'."""
    return timestamp[:16] + "Z" if len(timestamp) == 20 else timestamp


# IOPS and throughput (MB/s) by category: (base, per GiB, cap) each, as the cloud computes them; real
# bodies agree (a 40 GiB PL1 ESSD: 3,800 IOPS, 140 MB/s; a 40 GiB ultra disk: 2,120 and 106).
_PERFORMANCE = {
    "cloud_essd": ((1800, 50, 50000), (120, 0.5, 350)),
    "cloud_efficiency": ((1800, 8, 5000), (100, 0.15, 140)),
    "cloud_ssd": ((1800, 30, 25000), (120, 0.5, 300)),
}


def _performance(disk: Disk) -> Dict[str, Any]:
    rule = _PERFORMANCE.get(disk.category)
    if rule is None:
        return {"PerformanceLevel": ""}
    (iops, per_gib, most), (mbps, mbps_per_gib, mbps_most) = rule
    return {
        "PerformanceLevel": "PL1" if disk.category == "cloud_essd" else "",
        "IOPS": min(iops + per_gib * disk.size, most),
        "Throughput": int(min(mbps + mbps_per_gib * disk.size, mbps_most)),
    }


def snapshot_view(snapshot: Snapshot, usage: str) -> Dict[str, Any]:
    """One ``Snapshots.Snapshot[]`` entry of DescribeSnapshots."""
    return ECS.shape("DescribeSnapshots", "Snapshots.Snapshot[]").build({
        "SnapshotId": snapshot.snapshot_id,
        "SnapshotName": snapshot.name,
        "Description": snapshot.description,
        "Status": snapshot.status,
        "Progress": f"{snapshot.progress}%",
        "CreationTime": snapshot.creation_time,
        "LastModifiedTime": snapshot.creation_time,
        "SourceDiskId": snapshot.source_disk_id,
        "SourceDiskSize": str(snapshot.source_disk_size),  # a string in the API
        "SourceDiskType": snapshot.source_disk_type,
        "SourceStorageType": "disk",
        "Usage": usage,
        "RetentionDays": 0,
        "Encrypted": False,
        "Category": "standard",
        "InstantAccess": False,
        "Available": snapshot.status == "accomplished",
        "SnapshotType": "user",
        "RegionId": snapshot.region_id,
        "RemainTime": 0,
        "Tags": tags_view(snapshot.tags),
    })  # fmt: skip


def security_group_view(group: SecurityGroup, members: int, capacity: int) -> Dict[str, Any]:
    """One ``SecurityGroups.SecurityGroup[]`` entry of DescribeSecurityGroups."""
    return {
        "SecurityGroupId": group.security_group_id,
        "SecurityGroupName": group.name,
        "Description": group.description,
        "SecurityGroupType": group.group_type,
        "VpcId": group.vpc_id,
        "CreationTime": group.creation_time,
        "EcsCount": members,
        "AvailableInstanceAmount": capacity - members,
        "Tags": tags_view(group.tags),
        "GroupToGroupRuleCount": sum(bool(r.peer_group_id) for r in group.rules),
        "RuleCount": len(group.rules),
    }


def rule_view(rule: SecurityGroupRule, group_names: Dict[str, str], owner_id: str) -> Dict[str, Any]:
    """One ``Permissions.Permission[]`` entry of DescribeSecurityGroupAttribute."""
    inbound = rule.direction == "ingress"
    peer_group = {"GroupId": rule.peer_group_id, "GroupName": group_names.get(rule.peer_group_id, "")}
    owner = owner_id if rule.peer_group_id else ""
    return {
        "SecurityGroupRuleId": rule.rule_id,
        "Direction": rule.direction,
        "SourceGroupId": peer_group["GroupId"] if inbound else "",
        "SourceGroupName": peer_group["GroupName"] if inbound else "",
        "SourceGroupOwnerAccount": owner if inbound else "",
        "DestGroupId": "" if inbound else peer_group["GroupId"],
        "DestGroupName": "" if inbound else peer_group["GroupName"],
        "DestGroupOwnerAccount": "" if inbound else owner,
        "SourceCidrIp": rule.peer_cidr_ip if inbound else rule.local_cidr_ip,
        "DestCidrIp": rule.local_cidr_ip if inbound else rule.peer_cidr_ip,
        "CreateTime": rule.create_time,
        "IpProtocol": rule.ip_protocol,
        "Priority": str(rule.priority),
        "NicType": "intranet",
        "Policy": rule.policy,
        "Description": rule.description,
        "PortRange": rule.port_range,
        "SourcePortRange": rule.source_port_range,
    }


def inbound_bandwidth(instance: Instance) -> int:
    """The launch's ``InternetMaxBandwidthIn``; else -1 without public bandwidth (as real bodies show), 200 with it."""
    if instance.internet_max_bandwidth_in:
        return instance.internet_max_bandwidth_in
    return 200 if instance.internet_max_bandwidth_out else -1
