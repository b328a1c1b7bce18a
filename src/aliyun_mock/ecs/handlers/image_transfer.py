"""ImportImage and ExportImage: an image from, or to, an OSS object, as a task (``tasks.py``). The
mock keeps no OSS: it records the bucket and object it was told about and checks their names as the
reference states them (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-importimage)."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Sequence

from ...core.errors import ApiError
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_from
from ..filters import check_new_tags
from ..models import CUSTOM, Image
from ..names import check_description
from ..product import ECS
from ..state import EcsCall, RegionState
from ..tasks import EXPORT, IMPORT, Task
from .commands import SHORT_ID
from .image_lifecycle import check_image_name
from .images import ARCHITECTURES

_BUCKET = re.compile(r"^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")  # OSS bucket names: 3–63 characters
IMPORT_FORMATS = ("RAW", "VHD", "QCOW2")
IMPORT_SUFFIXES = (".raw", ".vhd", ".qcow2", ".img", ".vmdk", ".iso")
EXPORT_FORMATS = ("raw", "vhd", "qcow2", "vmdk", "vdi")
OS_TYPES = ("linux", "windows")
LICENSE_TYPES = ("Auto", "Aliyun", "BYOL")
IMPORT_BOOT_MODES = ("BIOS", "UEFI")
SYSTEM_DISK_GIB, DATA_DISK_GIB = (5, 500), (5, 2000)


def new_task(call: EcsCall, region: RegionState, action: str, resource_id: str, details: Dict[str, str]) -> Task:
    task = Task(
        task_id=region.new_id("t", SHORT_ID),
        region_id=region.region_id,
        owner_id=call.account.account_id,
        action=action,
        resource_id=resource_id,
        creation_time=call.state.entropy.now_iso(),
        details=details,
    )
    region.tasks[task.task_id] = task
    task.finished_time = task.creation_time
    call.state.transitions.begin(task, "Processing", "Finished")
    return task


def _source_of(mapping: Dict[str, Any]) -> Dict[str, str]:
    """The system disk's file, as DescribeImages shows it (``Format`` only when it was given)."""
    source = {"ImportOSSBucket": str(mapping["OSSBucket"]), "ImportOSSObject": str(mapping["OSSObject"])}
    if mapping.get("Format"):
        source["Format"] = str(mapping["Format"]).upper()
    return source


def _disk_sizes(mappings: Sequence[Dict[str, Any]]) -> List[int]:
    """The size of each disk of an import, checked (the system disk first)."""
    sizes = []
    for index, mapping in enumerate(mappings):
        bucket, name = str(mapping.get("OSSBucket", "")), str(mapping.get("OSSObject", ""))
        if not _BUCKET.match(bucket):
            raise ApiError("InvalidOSSBucket.Malformed")
        if not name:
            raise ApiError("InvalidOSSObject.Malformed")
        if not name.lower().endswith(IMPORT_SUFFIXES):
            raise ApiError("UnsupportedSuffix.OSSObject")
        if mapping.get("Format") and str(mapping["Format"]).upper() not in IMPORT_FORMATS:
            raise ApiError("InvalidImageFormat.Malformed")
        raw = mapping.get("DiskImageSize") or mapping.get("DiskImSize") or ""
        low, high = SYSTEM_DISK_GIB if index == 0 else DATA_DISK_GIB
        if not str(raw).isdigit() or not low <= int(raw) <= high:
            raise ApiError("InvalidDataDiskSize")
        sizes.append(int(raw))
    return sizes


@ECS.action(
    "ImportImage",
    fields=(
        "DiskDeviceMapping.OSSBucket", "DiskDeviceMapping.OSSObject", "DiskDeviceMapping.Format",
        "DiskDeviceMapping.DiskImageSize", "DiskDeviceMapping.DiskImSize", "Tag.Key", "Tag.Value",
    ),
    without_effect={
        **RESOURCE_OWNER,
        "RoleName": "the role that lets ECS read the bucket: the mock reads no bucket",
        "DiskDeviceMapping.Device": "deprecated; disks are the system disk first, data disks after",
    },
    not_implemented=(
        "ResourceGroupId", "DetectionStrategy", "StorageLocationArn", "Features.NvmeSupport", "Features.ImdsSupport",
    ),
)  # fmt: skip
def import_image(
    call: EcsCall,
    *,
    RegionId: str,
    DiskDeviceMapping: Sequence[Dict[str, Any]] = (),
    ImageName: str = "",
    Description: str = "",
    Architecture: str = "x86_64",
    OSType: str = "linux",
    Platform: str = "Others Linux",
    BootMode: str = "",
    LicenseType: str = "Auto",
    Tag: Sequence[Dict[str, Any]] = (),
    DryRun: bool = False,
) -> Body:
    region = call.state.region(RegionId)
    if not DiskDeviceMapping:
        raise ApiError("MissingParameter.DiskDeviceMapping")
    sizes = _disk_sizes(DiskDeviceMapping)
    if ImageName:
        check_image_name(region, call.account.account_id, ImageName)
    check_description(Description)
    if Architecture not in ARCHITECTURES:
        raise ApiError("InvalidArchitecture.Malformed")
    if OSType not in OS_TYPES:
        raise ApiError("InvalidOSType.Malformed")
    if LicenseType not in LICENSE_TYPES:
        raise ApiError("InvalidLicenseType.NotSupported")
    boot_mode = BootMode or ("UEFI" if Architecture == "arm64" else "BIOS")
    if boot_mode not in IMPORT_BOOT_MODES:
        raise ApiError("InvalidBootMode.Malformed")
    if Architecture == "arm64" and boot_mode != "UEFI":
        raise ApiError("InvalidBootMode.NotSupport")
    check_new_tags(Tag)
    if DryRun:
        raise ApiError("DryRunOperation")
    image = Image(
        image_id=region.new_id("m"),
        region_id=region.region_id,
        owner_id=call.account.account_id,
        source=CUSTOM,
        name=ImageName,
        creation_time=call.state.entropy.now_iso(),
        os_type=OSType,
        platform=Platform,
        architecture=Architecture,
        size=sizes[0],
        description=Description,
        boot_mode=boot_mode,
        data_disk_sizes=sizes[1:],
        import_source=_source_of(DiskDeviceMapping[0]),
        tags=tags_from(Tag),
    )
    region.add_image(image)
    call.state.transitions.begin(image, "Creating", "Available")
    first = DiskDeviceMapping[0]
    task = new_task(
        call,
        region,
        IMPORT,
        image.image_id,
        {"OSSBucket": str(first["OSSBucket"]), "OSSObject": str(first["OSSObject"])},
    )
    return {"ImageId": image.image_id, "TaskId": task.task_id, "RegionId": RegionId}


@ECS.action(
    "ExportImage",
    without_effect={**RESOURCE_OWNER, "RoleName": "the role that lets ECS write the bucket: the mock writes none"},
)
def export_image(
    call: EcsCall,
    *,
    RegionId: str,
    ImageId: str,
    OSSBucket: str,
    OSSPrefix: str = "",
    ImageFormat: str = "raw",
    DryRun: bool = False,
) -> Body:
    region = call.state.region(RegionId)
    image = region.owned_image(ImageId, call.account.account_id)
    if image.is_public:  # a community image cannot be exported (seed 004)
        raise ApiError("InvalidImageCategory.NotSupported")
    if image.product_code:
        raise ApiError("ImageNotSupported")
    if image.encryption:
        raise ApiError("ImageNotSupported")
    if image.status != "Available":
        raise ApiError("IncorrectImageStatus")
    if not _BUCKET.match(OSSBucket):
        raise ApiError("InvalidOSSBucket.NotFound")
    if OSSPrefix and not re.match(r"^[A-Za-z0-9]{1,30}$", OSSPrefix):
        raise ApiError("InvalidOSSPrefix.Malformed")
    if ImageFormat.lower() not in EXPORT_FORMATS:
        raise ApiError("InvalidImageFormat.Malformed")
    if any(t.resource_id == ImageId and t.action == EXPORT and t.status == "Processing" for t in region.tasks.values()):
        raise ApiError("ImageIsExporting")
    if DryRun:
        raise ApiError("DryRunOperation")
    task = new_task(
        call,
        region,
        EXPORT,
        ImageId,
        {"OSSBucket": OSSBucket, "OSSPrefix": OSSPrefix, "ImageFormat": ImageFormat.lower()},
    )
    return {"TaskId": task.task_id, "RegionId": RegionId}
