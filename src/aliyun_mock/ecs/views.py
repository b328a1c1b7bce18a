"""Resources as the API shows them: exact keys, exact types, list wrappers as the SDK models expect."""

from __future__ import annotations

from typing import Any, Dict

from .models import SYSTEM, Disk, Image, Instance, Snapshot


def tags_view(tags: Dict[str, str]) -> Dict[str, Any]:
    return {"Tag": [{"TagKey": k, "TagValue": v} for k, v in tags.items()]}


def image_view(image: Image, viewer_id: str, in_use: bool) -> Dict[str, Any]:
    """One ``Images.Image[]`` entry as ``viewer_id`` sees it."""
    view: Dict[str, Any] = {
        "ImageId": image.image_id,
        "ImageName": image.name,
        "ImageFamily": image.image_family,
        "ImageVersion": "",
        "Description": image.description,
        "Status": image.status,
        "Progress": "100%",
        "CreationTime": image.creation_time,
        "ImageOwnerAlias": image.owner_alias_for(viewer_id),
        "IsPublic": image.source == SYSTEM or image.is_public,
        # A string in the API ("True"/"False"), not a boolean.
        "IsSelfShared": "True" if image.owner_id == viewer_id and image.shares else "False",
        "IsCopied": image.is_copied,
        "IsSubscribed": False,
        "IsSupportCloudinit": True,
        "IsSupportIoOptimized": True,
        "OSType": image.os_type,
        "OSName": image.os_name,
        "OSNameEn": image.os_name_en,
        "Platform": image.platform,
        "Architecture": image.architecture,
        "BootMode": image.boot_mode,
        "Size": image.size,
        "Usage": "instance" if in_use else "none",
        "ProductCode": "",
        "ResourceGroupId": "",
        "LoginAsNonRootSupported": False,
        "DiskDeviceMappings": {
            "DiskDeviceMapping": [_mapping("system", "/dev/xvda", image.size, image.snapshot_id)]
            + [_mapping("data", f"/dev/xvd{chr(ord('b') + n)}", size) for n, size in enumerate(image.data_disk_sizes)]
        },
        "Tags": tags_view(image.tags),
        "Features": {"NvmeSupport": "supported", "ImdsSupport": "v2"},
    }
    if image.source != SYSTEM:
        view["ImageOwnerId"] = int(image.owner_id)
    return view


def _mapping(disk_type: str, device: str, size: int, snapshot_id: str = "") -> Dict[str, Any]:
    return {
        "Type": disk_type,
        "Device": device,
        "Size": str(size),  # a string here, unlike the image's own Size
        "SnapshotId": snapshot_id,
        "Format": "",
        "ImportOSSBucket": "",
        "ImportOSSObject": "",
        "Progress": "100%",
        "RemainTime": 0,
        "Encrypted": False,
    }


def instance_view(instance: Instance) -> Dict[str, Any]:
    """One ``Instances.Instance[]`` entry of DescribeInstances."""
    return {
        "InstanceId": instance.instance_id,
        "InstanceName": instance.name,
        "Description": instance.description,
        "ImageId": instance.image_id,
        "RegionId": instance.region_id,
        "ZoneId": instance.zone_id,
        "InstanceType": instance.instance_type,
        "InstanceTypeFamily": instance.instance_type.rsplit(".", 1)[0],
        "Cpu": instance.cpu,
        "Memory": instance.memory,
        "Status": instance.status,
        "CreationTime": instance.creation_time,
        "StartTime": instance.start_time,
        "ExpiredTime": "2099-12-31T15:59Z",
        "HostName": instance.host_name,
        "OSName": instance.os_name,
        "OSNameEn": instance.os_name_en,
        "OSType": instance.os_type,
        "InstanceChargeType": "PostPaid",
        "InternetChargeType": "PayByTraffic",
        "InternetMaxBandwidthIn": 0,
        "InternetMaxBandwidthOut": 0,
        "InstanceNetworkType": "vpc",
        "IoOptimized": True,
        "DeletionProtection": False,
        "StoppedMode": "Not-applicable",
        "SpotStrategy": "NoSpot",
        "ResourceGroupId": "",
        "SecurityGroupIds": {"SecurityGroupId": list(instance.security_group_ids)},
        "PublicIpAddress": {"IpAddress": []},
        "InnerIpAddress": {"IpAddress": []},
        "VpcAttributes": {
            "VpcId": instance.vpc_id,
            "VSwitchId": instance.vswitch_id,
            "NatIpAddress": "",
            "PrivateIpAddress": {"IpAddress": [instance.private_ip]},
        },
        "OperationLocks": {"LockReason": []},
        "Tags": tags_view(instance.tags),
    }


def disk_view(disk: Disk) -> Dict[str, Any]:
    """One ``Disks.Disk[]`` entry of DescribeDisks."""
    attached = bool(disk.instance_id)
    return {
        "DiskId": disk.disk_id,
        "DiskName": "",
        "Description": "",
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
        "DiskChargeType": "PostPaid",
        "Portable": disk.disk_type == "data",
        "DeleteWithInstance": True,
        "DeleteAutoSnapshot": True,
        "EnableAutoSnapshot": False,
        "Encrypted": False,
        "PerformanceLevel": "PL1" if disk.category == "cloud_essd" else "",
        "MultiAttach": "Disabled",
        "Attachments": {
            "Attachment": [{"InstanceId": disk.instance_id, "Device": disk.device, "AttachedTime": disk.attached_time}]
            if attached
            else []
        },
        "OperationLocks": {"OperationLock": []},
        "Tags": tags_view(disk.tags),
    }


def snapshot_view(snapshot: Snapshot, usage: str) -> Dict[str, Any]:
    """One ``Snapshots.Snapshot[]`` entry of DescribeSnapshots."""
    return {
        "SnapshotId": snapshot.snapshot_id,
        "SnapshotName": snapshot.name,
        "Description": snapshot.description,
        "Status": snapshot.status,
        "Progress": "100%" if snapshot.status == "accomplished" else "0%",
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
    }
