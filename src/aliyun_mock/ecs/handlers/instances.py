"""RunInstances, CreateInstance, DescribeInstances, DescribeInstanceStatus."""

from __future__ import annotations

import ast
import base64
import binascii
import fnmatch
import json
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Set, Union

from ...core.entropy import Entropy
from ...core.errors import ApiError
from ...core.product import RESOURCE_OWNER, Body, parameters_like
from .. import catalog
from ..image_access import access
from ..models import Disk, Image, Instance, tags_from
from ..names import check_description, check_instance_names, sequence_name
from ..paging import page_of, paginate
from ..product import ECS
from ..state import EcsCall, RegionState
from ..views import instance_view

MAX_AMOUNT = 100
USABLE_IMAGE_STATUSES = ("Available", "Deprecated")  # deprecated images still launch (api-facts §17)
MAX_SYSTEM_DISK_GIB = 2048
MIN_SYSTEM_DISK_GIB = 20
MAX_INSTANCE_STATUS_PAGE = 50
MAX_INSTANCES_PER_CALL = 100
SYSTEM_DISK_CATEGORIES = ("cloud", "cloud_efficiency", "cloud_ssd", "cloud_essd", "cloud_auto", "cloud_essd_entry")
RESERVED_TAG_PREFIXES = ("aliyun", "acs:", "http://", "https://")
INSTANCE_CHARGE_TYPES = ("PostPaid", "PrePaid")
SPOT_STRATEGIES = ("NoSpot", "SpotWithPriceLimit", "SpotAsPriceGo")
INTERNET_CHARGE_TYPES = ("PayByTraffic", "PayByBandwidth")
IO_OPTIMIZED = ("optimized", "none")
MAX_BANDWIDTH_OUT = 100  # Mbit/s
MAX_USER_DATA_BYTES = 32 * 1024
_PASSWORD_CLASSES = (r"[a-z]", r"[A-Z]", r"[0-9]", r"[()`~!@#$%^&*\-_+=|{}\[\]:;'<>,.?/]")


def usable_image(region: RegionState, image_id: str, account_id: str) -> Image:
    image = region.visible_image(image_id, account_id)
    if image.status not in USABLE_IMAGE_STATUSES:
        raise ApiError("OperationDenied.ImageNotValid")
    return image


def check_architecture(image: Image, instance_type_id: str) -> None:
    """An ARM image does not run on an x86 instance type, nor the other way round."""
    instance_type = catalog.instance_types().get(instance_type_id)
    if instance_type is not None and image.architecture != instance_type["Architecture"]:
        raise ApiError("ImageNotSupportInstanceType")


def system_disk_size(image: Image, system_disk: Optional[Dict[str, Any]]) -> int:
    raw = (system_disk or {}).get("Size")
    if raw in (None, ""):
        return max(40, image.size)
    try:
        size = int(raw)
    except (TypeError, ValueError):
        raise ApiError("InvalidSystemDiskSize.ValueNotSupported") from None
    if size > MAX_SYSTEM_DISK_GIB:
        raise ApiError("InvalidSystemDiskSize.MoreThanMaxSize")
    if size < MIN_SYSTEM_DISK_GIB:
        raise ApiError("InvalidSystemDiskSize.LessThanMinSize")
    if size < image.size:
        raise ApiError("InvalidSystemDiskSize.LessThanImageSize")
    return size


def new_system_disk(
    call: EcsCall, region: RegionState, instance: Instance, image: Image, size: int, category: str
) -> Disk:
    disk = Disk(
        disk_id=region.new_id("d"),
        region_id=region.region_id,
        zone_id=instance.zone_id,
        owner_id=instance.owner_id,
        size=size,
        creation_time=call.state.entropy.now_iso(),
        category=category or "cloud_essd",
        instance_id=instance.instance_id,
        image_id=image.image_id,
        image_access=access(image, call.account.account_id) or "",
        source_snapshot_id=image.snapshot_id,
        attached_time=call.state.entropy.now_iso(),
    )
    region.disks[disk.disk_id] = disk
    instance.system_disk_id = disk.disk_id
    return disk


@dataclass
class Launch:
    """What RunInstances and CreateInstance were asked for (their shared parameters)."""

    image_id: str
    instance_type_id: str
    zone_id: str
    name: str
    host_name: str
    description: str
    security_group_id: str
    vswitch_id: str
    tags: Sequence[Dict[str, Any]]
    system_disk: Dict[str, Any]
    internet_charge_type: str
    internet_max_bandwidth_out: Optional[int]
    instance_charge_type: str
    spot_strategy: str
    io_optimized: str
    password: str
    password_inherit: bool
    user_data: str
    deletion_protection: bool
    dry_run: bool


def _check_launch(action: str, launch: Launch) -> None:
    """Refusals that need no state: charge types, bandwidth, password, user data."""
    if launch.instance_charge_type not in INSTANCE_CHARGE_TYPES:
        raise ApiError("InvalidInstanceChargeType.NotFound")
    if launch.instance_charge_type != "PostPaid":  # subscriptions: no billing model in the mock
        raise ECS.not_implemented(action, f"InstanceChargeType={launch.instance_charge_type}")
    if launch.spot_strategy not in SPOT_STRATEGIES:
        raise ApiError("InvalidSpotStrategy")
    if launch.spot_strategy != "NoSpot":
        raise ECS.not_implemented(action, f"SpotStrategy={launch.spot_strategy}")
    if launch.internet_charge_type not in INTERNET_CHARGE_TYPES:
        raise ApiError("InvalidInternetChargeType.ValueNotSupported")
    bandwidth = launch.internet_max_bandwidth_out
    if bandwidth is not None and not 0 <= bandwidth <= MAX_BANDWIDTH_OUT:
        raise ApiError("InvalidInternetMaxBandwidthOut.Malformed")
    if launch.io_optimized not in IO_OPTIMIZED:
        raise ApiError("InvalidParameter", "IoOptimized")
    if launch.io_optimized == "none":  # every instance type here is sold I/O optimized only
        raise ApiError("DependencyViolation.IoOptimized")
    if launch.system_disk.get("Category", "cloud_essd") not in SYSTEM_DISK_CATEGORIES:
        raise ApiError("InvalidSystemDiskCategory.ValueNotSupported")
    if launch.password and launch.password_inherit:
        raise ApiError("InvalidPasswordParam.Mismatch")
    check_password(launch.password)
    check_user_data(launch.user_data)
    check_description(launch.description)
    check_new_tags(launch.tags)


def check_new_tags(pairs: Sequence[Dict[str, Any]]) -> None:
    """Tags a launch puts on its resources: at most 20, keys present, unique, not reserved."""
    if len(pairs) > MAX_TAG_FILTERS:
        raise ApiError("NumberExceed.Tags")
    keys = [str(p.get("Key", "")) for p in pairs if isinstance(p, dict)]
    if any(not key or len(key) > 128 or key.startswith(RESERVED_TAG_PREFIXES) for key in keys):
        raise ApiError("InvalidTagKey.Malformed")
    if len(set(keys)) != len(keys):
        raise ApiError("Duplicate.TagKey")
    values = [str(p.get("Value", "")) for p in pairs if isinstance(p, dict)]
    if any(len(value) > 128 or value.startswith(("http://", "https://")) for value in values):
        raise ApiError("InvalidTagValue.Malformed")


def _free_private_ip(region: RegionState, entropy: Entropy) -> str:
    """A private address no instance of the region has (172.16.0.0/16, the mock's one network)."""
    taken = {i.private_ip for i in region.instances.values()}
    while True:
        address = f"172.16.{entropy.below(256)}.{entropy.below(254) + 1}"
        if address not in taken:
            return address


def check_password(password: str) -> None:
    """8–30 characters from at least three of: lower case, upper case, digits, specials."""
    if not password:
        return
    classes = sum(1 for pattern in _PASSWORD_CLASSES if re.search(pattern, password))
    if not 8 <= len(password) <= 30 or classes < 3:
        raise ApiError("InvalidPassword.Malformed")


def check_user_data(user_data: str) -> None:
    """Base64 of at most 32 KiB of script."""
    if not user_data:
        return
    try:
        script = base64.b64decode(user_data, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError("InvalidUserData.Base64FormatInvalid") from None
    if len(script) > MAX_USER_DATA_BYTES:
        raise ApiError("InvalidUserData.SizeExceeded")


def _launch(call: EcsCall, region: RegionState, launch: Launch, *, amount: int, running: bool) -> List[Instance]:
    _check_launch(call.request.action, launch)
    instance_type = catalog.instance_types().get(launch.instance_type_id)
    if instance_type is None:
        raise ApiError("InvalidInstanceType.ValueNotSupported")
    image = usable_image(region, launch.image_id, call.account.account_id)
    check_architecture(image, launch.instance_type_id)
    if launch.zone_id and launch.zone_id not in region.zones:
        raise ApiError("InvalidZoneId.NotFound")
    disk_size = system_disk_size(image, launch.system_disk)
    names = [(sequence_name(launch.name, n), sequence_name(launch.host_name, n)) for n in range(amount)]
    for name, host_name in names:
        check_instance_names(name, host_name, image.os_type)
    if launch.dry_run:
        raise ApiError("DryRunOperation")
    transitions, entropy = call.state.transitions, call.state.entropy
    bandwidth = launch.internet_max_bandwidth_out or 0
    launched = []
    for name, host_name in names:
        instance_id = region.new_id("i")
        now = entropy.now_iso()
        instance = Instance(
            instance_id=instance_id,
            region_id=region.region_id,
            zone_id=launch.zone_id or region.zones[0],
            owner_id=call.account.account_id,
            image_id=image.image_id,
            instance_type=launch.instance_type_id,
            cpu=instance_type["CpuCoreCount"],
            memory=instance_type["MemorySize"],
            name=name or instance_id,
            host_name=host_name or f"iZ{instance_id[2:]}Z",
            creation_time=now,
            start_time=now if running else "",
            description=launch.description,
            os_type=image.os_type,
            os_name=image.os_name,
            os_name_en=image.os_name_en,
            security_group_ids=[launch.security_group_id] if launch.security_group_id else [],
            vswitch_id=launch.vswitch_id,
            private_ip=_free_private_ip(region, entropy),
            # RunInstances gives a public IP with public bandwidth; CreateInstance never does
            # (AllocatePublicIpAddress is the call for that)
            public_ip=f"47.{entropy.below(256)}.{entropy.below(256)}.{entropy.below(254) + 1}"
            if bandwidth and running
            else "",
            internet_charge_type=launch.internet_charge_type,
            internet_max_bandwidth_out=bandwidth,
            io_optimized=launch.io_optimized == "optimized",
            deletion_protection=launch.deletion_protection,
            user_data=launch.user_data,
            tags=tags_from(launch.tags),
            ever_started=running,
        )
        region.add_instance(instance)
        disk = new_system_disk(call, region, instance, image, disk_size, launch.system_disk.get("Category", ""))
        if running:  # RunInstances tags the instance and its disks alike
            disk.tags = dict(instance.tags)
        transitions.begin(instance, "Pending", "Running" if running else "Stopped")
        launched.append(instance)
    return launched


# Parameters of both launch actions that the mock does not model yet (a request setting one gets 501).
LAUNCH_NOT_IMPLEMENTED = (
    "ImageFamily", "InternetMaxBandwidthIn", "KeyPairName", "RamRoleName", "SpotPriceLimit", "SpotDuration",
    "SpotInterruptionBehavior", "HpcClusterId", "DedicatedHostId", "ResourceGroupId", "Period", "PeriodUnit",
    "AutoRenew", "AutoRenewPeriod", "DeploymentSetId", "DeploymentSetGroupNo", "PrivateIpAddress",
    "CreditSpecification", "HibernationOptions.Configured", "Affinity", "Tenancy", "StorageSetId",
    "StorageSetPartitionNumber", "HttpEndpoint", "HttpTokens", "HttpPutResponseHopLimit",
    "PrivatePoolOptions.MatchCriteria", "PrivatePoolOptions.Id", "SystemDisk.DiskName", "SystemDisk.Description",
    "SystemDisk.PerformanceLevel", "SystemDisk.StorageClusterId", "DataDisk.PerformanceLevel",
    "DataDisk.Description", "DataDisk.SnapshotId", "DataDisk.Size", "DataDisk.Device", "DataDisk.DiskName",
    "DataDisk.Category", "DataDisk.DeleteWithInstance", "DataDisk.KMSKeyId", "DataDisk.EncryptAlgorithm",
    "DataDisk.Encrypted", "DataDisk.StorageClusterId", "Arn.RoleType", "Arn.Rolearn", "Arn.AssumeRoleFor", "ManagedHostId",
)  # fmt: skip
LAUNCH_FIELDS = ("SystemDisk.Size", "SystemDisk.Category", "Tag.Key", "Tag.Value")
LAUNCH_WITHOUT_EFFECT = {
    **RESOURCE_OWNER,
    "SecurityEnhancementStrategy": "the security agent it installs is not visible through the API",
}


@ECS.action(
    "RunInstances",
    fields=LAUNCH_FIELDS,
    without_effect={**LAUNCH_WITHOUT_EFFECT, "AutoPay": "no subscriptions: nothing to pay for"},
    not_implemented=LAUNCH_NOT_IMPLEMENTED
    + (
        "UniqueSuffix",
        "AutoReleaseTime",
        "LaunchTemplateId",
        "LaunchTemplateName",
        "LaunchTemplateVersion",
        "Ipv6AddressCount",
        "Ipv6Address",
        "NetworkInterfaceQueueNumber",
        "Isp",
        "SecurityGroupIds",
        "HostNames",
        "CpuOptions.Core",
        "CpuOptions.ThreadsPerCore",
        "CpuOptions.Numa",
        "CpuOptions.TopologyType",
        "SecurityOptions.TrustedSystemMode",
        "SecurityOptions.ConfidentialComputingMode",
        "SchedulerOptions.DedicatedHostClusterId",
        "SystemDisk.AutoSnapshotPolicyId",
        "SystemDisk.ProvisionedIops",
        "SystemDisk.BurstingEnabled",
        "SystemDisk.Encrypted",
        "SystemDisk.KMSKeyId",
        "SystemDisk.EncryptAlgorithm",
        "DataDisk.AutoSnapshotPolicyId",
        "DataDisk.ProvisionedIops",
        "DataDisk.BurstingEnabled",
        "NetworkInterface.VSwitchId",
        "NetworkInterface.NetworkInterfaceName",
        "NetworkInterface.Description",
        "NetworkInterface.SecurityGroupId",
        "NetworkInterface.PrimaryIpAddress",
        "NetworkInterface.QueueNumber",
        "NetworkInterface.SecurityGroupIds",
        "NetworkInterface.NetworkInterfaceTrafficMode",
        "NetworkInterface.QueuePairNumber",
        "NetworkInterface.InstanceType",
        "NetworkInterface.Ipv6AddressCount",
        "NetworkInterface.Ipv6Address",
        "NetworkInterface.NetworkCardIndex",
        "NetworkInterface.DeleteOnRelease",
        "NetworkInterface.NetworkInterfaceId",
        "NetworkInterface.RxQueueSize",
        "NetworkInterface.TxQueueSize",
        "ImageOptions.LoginAsNonRoot",
        "NetworkOptions.EnableJumboFrame",
        "NetworkOptions.BandwidthWeighting",
        "NetworkOptions.EnableNetworkEncryption",
        "NetworkInterface.SecondaryPrivateIpAddressCount",
        "NetworkInterface.SourceDestCheck",
        "ClockOptions.PtpStatus",
        "CpuOptions.NestedVirtualization",
        "SecurityOptions.EnableSecureBoot",
        "PrivateDnsNameOptions.EnableInstanceIdDnsAAAARecord",
        "PrivateDnsNameOptions.EnableInstanceIdDnsARecord",
        "PrivateDnsNameOptions.EnableIpDnsARecord",
        "PrivateDnsNameOptions.EnableIpDnsPtrRecord",
        "PrivateDnsNameOptions.HostnameType",
    ),  # fmt: skip
)
def run_instances(
    call: EcsCall,
    *,
    RegionId: str,
    ImageId: str,
    InstanceType: str,
    Amount: int = 1,
    MinAmount: int = 0,
    ZoneId: str = "",
    InstanceName: str = "",
    HostName: str = "",
    Description: str = "",
    SecurityGroupId: str = "",
    VSwitchId: str = "",
    SystemDisk: Optional[Dict[str, Any]] = None,
    Tag: Sequence[Dict[str, Any]] = (),
    InternetChargeType: str = "PayByTraffic",
    InternetMaxBandwidthOut: Optional[int] = None,
    InstanceChargeType: str = "PostPaid",
    SpotStrategy: str = "NoSpot",
    IoOptimized: str = "optimized",
    Password: str = "",
    PasswordInherit: bool = False,
    UserData: str = "",
    DeletionProtection: bool = False,
    DryRun: bool = False,
) -> Body:
    region = call.state.region(RegionId)
    if not 1 <= Amount <= MAX_AMOUNT:
        raise ApiError("InvalidParameter", "Amount")
    if MinAmount and not 1 <= MinAmount <= Amount:
        raise ApiError("InvalidMinAmount.Malformed")
    launch = Launch(
        ImageId, InstanceType, ZoneId, InstanceName, HostName, Description, SecurityGroupId, VSwitchId, Tag,
        SystemDisk or {}, InternetChargeType, InternetMaxBandwidthOut, InstanceChargeType, SpotStrategy,
        IoOptimized, Password, PasswordInherit, UserData, DeletionProtection, DryRun,
    )  # fmt: skip
    launched = _launch(call, region, launch, amount=Amount, running=True)
    return {
        "InstanceIdSets": {"InstanceIdSet": [i.instance_id for i in launched]},
        "OrderId": "",  # pay-as-you-go: no order
        "TradePrice": 0.0,
    }


@ECS.action(
    "CreateInstance",
    fields=LAUNCH_FIELDS,
    without_effect=LAUNCH_WITHOUT_EFFECT,
    not_implemented=LAUNCH_NOT_IMPLEMENTED
    + ("ClusterId", "VlanId", "InnerIpAddress", "NodeControllerId", "UseAdditionalService"),
)
@parameters_like(run_instances, drop=("Amount", "MinAmount"))
def create_instance(call: EcsCall, **given: Any) -> Body:
    launch = Launch(
        given["ImageId"], given["InstanceType"], given["ZoneId"], given["InstanceName"], given["HostName"],
        given["Description"], given["SecurityGroupId"], given["VSwitchId"], given["Tag"], given["SystemDisk"] or {},
        given["InternetChargeType"], given["InternetMaxBandwidthOut"], given["InstanceChargeType"],
        given["SpotStrategy"], given["IoOptimized"], given["Password"], given["PasswordInherit"], given["UserData"],
        given["DeletionProtection"], given["DryRun"],
    )  # fmt: skip
    (instance,) = _launch(call, call.state.region(given["RegionId"]), launch, amount=1, running=False)
    return {"InstanceId": instance.instance_id, "OrderId": "", "TradePrice": 0.0}


@ECS.action(
    "DescribeInstances",
    fields=("Tag.Key", "Tag.Value"),
    without_effect={
        **RESOURCE_OWNER,
        "AdditionalAttributes": "every attribute it could add is always returned",
        "NeedSaleCycle": "SaleCycle is always returned (empty: no subscriptions)",
    },
    not_implemented=(
        "ResourceGroupId",
        "HttpEndpoint",
        "HttpTokens",
        "HttpPutResponseHopLimit",
        "Filter.1.Key",
        "Filter.2.Key",
        "Filter.3.Key",
        "Filter.4.Key",
        "Filter.1.Value",
        "Filter.2.Value",
        "Filter.3.Value",
        "Filter.4.Value",
    ),  # fmt: skip
    own_checks=("Tag", "MaxResults"),  # InvalidTagCount; MaxResults above 100 means 100
)
def describe_instances(
    call: EcsCall,
    *,
    RegionId: str,
    InstanceIds: str = "",
    ImageId: str = "",
    Status: str = "",
    InstanceName: str = "",
    VpcId: str = "",
    VSwitchId: str = "",
    ZoneId: str = "",
    InstanceNetworkType: str = "",
    SecurityGroupId: str = "",
    InstanceType: str = "",
    InstanceTypeFamily: str = "",
    InstanceChargeType: str = "",
    InternetChargeType: str = "",
    KeyPairName: str = "",
    HpcClusterId: str = "",
    LockReason: str = "",
    IoOptimized: Optional[bool] = None,
    DeviceAvailable: Optional[bool] = None,
    PrivateIpAddresses: str = "",
    PublicIpAddresses: str = "",
    InnerIpAddresses: str = "",
    EipAddresses: str = "",
    RdmaIpAddresses: str = "",
    Ipv6Address: Sequence[str] = (),
    Tag: Sequence[Dict[str, Any]] = (),
    PageNumber: int = 1,
    PageSize: int = 10,
    NextToken: str = "",
    MaxResults: Optional[int] = None,
    DryRun: bool = False,
) -> Body:
    ecs = call.state
    region = ecs.region(RegionId)
    wanted = json_id_list(InstanceIds, "InstanceIds") if InstanceIds else None
    _check_instance_filters(Status, InstanceChargeType, InternetChargeType, LockReason, InstanceNetworkType)
    if HpcClusterId:  # no HPC cluster exists here
        raise ApiError("InvalidHpcClusterId.NotFound")
    equal: Dict[str, str] = {
        "image_id": ImageId, "status": Status, "vpc_id": VpcId, "vswitch_id": VSwitchId, "zone_id": ZoneId,
        "instance_type": InstanceType, "internet_charge_type": InternetChargeType,
    }  # fmt: skip
    # Instances here never have these (no key pairs, locks, EIPs, classic or RDMA or IPv6
    # addresses yet): a filter on them matches nothing, as it would for such instances in the cloud.
    never_set: List[Union[str, Set[str]]] = [KeyPairName, LockReason, *Ipv6Address]
    never_set += [
        json_id_list(raw, name)
        for raw, name in ((InnerIpAddresses, "InnerIpAddresses"), (EipAddresses, "EipAddresses"))
        if raw
    ]
    never_set += [json_id_list(RdmaIpAddresses, "RdmaIpAddresses")] if RdmaIpAddresses else []
    private_ips = json_id_list(PrivateIpAddresses, "PrivateIpAddresses") if PrivateIpAddresses else None
    public_ips = json_id_list(PublicIpAddresses, "PublicIpAddresses") if PublicIpAddresses else None
    tags = checked_tags(Tag)
    if DryRun:
        raise ApiError("DryRunOperation")
    ecs.transitions.observe()
    owner = call.account.account_id
    checks = [(field, value) for field, value in equal.items() if value]
    matches = [
        i
        for i in region.instances.values()
        if i.owner_id == owner
        and not any(never_set)
        and (wanted is None or i.instance_id in wanted)
        and all(getattr(i, field) == value for field, value in checks)
        and (not InstanceName or _name_matches(InstanceName, i.name))
        and (not InstanceNetworkType or InstanceNetworkType == "vpc")
        and (not SecurityGroupId or SecurityGroupId in i.security_group_ids)
        and (not InstanceTypeFamily or i.instance_type.rsplit(".", 1)[0] == InstanceTypeFamily)
        and (not InstanceChargeType or InstanceChargeType == "PostPaid")
        and (IoOptimized is None or i.io_optimized == IoOptimized)
        and (DeviceAvailable is None or DeviceAvailable)
        and (private_ips is None or i.private_ip in private_ips)
        and (public_ips is None or i.public_ip in public_ips)
        and all(i.tags.get(k) == v or (not v and k in i.tags) for k, v in tags.items())
    ]
    page, fields = paginate(
        matches, page_number=PageNumber, page_size=PageSize, next_token=NextToken, max_results=MaxResults
    )
    return {**fields, "Instances": {"Instance": [instance_view(i) for i in page]}}


INSTANCE_STATUSES = ("Pending", "Running", "Starting", "Stopping", "Stopped")
LOCK_REASONS = ("financial", "security", "Recycling", "dedicatedhostfinancial", "refunded")
NETWORK_TYPES = ("classic", "vpc")
MAX_TAG_FILTERS = 20


def _check_instance_filters(status: str, charge: str, internet: str, lock: str, network: str) -> None:
    """DescribeInstances' documented refusals of filter values it does not know."""
    if status and status not in INSTANCE_STATUSES:
        raise ApiError("InvalidStatus.NotFound")
    if charge and charge not in INSTANCE_CHARGE_TYPES:
        raise ApiError("InvalidInstanceChargeType.NotFound")
    if internet and internet not in INTERNET_CHARGE_TYPES:
        raise ApiError("InvalidInternetChargeType.ValueNotSupported")
    if lock and lock not in LOCK_REASONS:
        raise ApiError("InvalidLockReason.NotFound")
    if network and network not in NETWORK_TYPES:
        raise ApiError("InvalidNetworkType.NotFound")


def checked_tags(pairs: Sequence[Dict[str, Any]]) -> Dict[str, str]:
    """Tag filters: at most 20, each with a key (a value without its key is a mismatch)."""
    if len(pairs) > MAX_TAG_FILTERS:
        raise ApiError("InvalidTagCount")
    if any(isinstance(p, dict) and p.get("Value") and not p.get("Key") for p in pairs):
        raise ApiError("InvalidTag.Mismatch")
    return tags_from(pairs)


def _name_matches(pattern: str, name: str) -> bool:
    """InstanceName supports ``*`` as a wildcard; without one it is an exact match."""
    if "*" not in pattern:
        return pattern == name
    return fnmatch.fnmatchcase(name, pattern)


@ECS.action(
    "DescribeInstanceStatus",
    without_effect=RESOURCE_OWNER,
    not_implemented=("ClusterId",),
    own_checks=("InstanceId",),  # more than 100: a code of its own
)
def describe_instance_status(
    call: EcsCall,
    *,
    RegionId: str,
    InstanceId: Sequence[str] = (),
    ZoneId: str = "",
    PageNumber: int = 1,
    PageSize: int = 10,
) -> Body:
    ecs = call.state
    region = ecs.region(RegionId)
    if len(InstanceId) > MAX_INSTANCES_PER_CALL:
        raise ApiError("InvalidParameter.TooManyInstanceIds")
    if ZoneId and ZoneId not in region.zones:
        raise ApiError("InvalidZoneId.NotFound")
    ecs.transitions.observe()
    wanted = set(InstanceId)
    matches = [
        i
        for i in region.instances.values()
        if i.owner_id == call.account.account_id
        and (not wanted or i.instance_id in wanted)
        and (not ZoneId or i.zone_id == ZoneId)
    ]
    page, fields = page_of(matches, PageNumber, PageSize, MAX_INSTANCE_STATUS_PAGE)
    statuses = [{"InstanceId": i.instance_id, "Status": i.status} for i in page]
    return {**fields, "InstanceStatuses": {"InstanceStatus": statuses}}


def json_id_list(raw: str, name: str, code: str = "InvalidParameter") -> Set[str]:
    """``'["i-1", "i-2"]'``: the JSON-array form some Describe* actions take ids in. The cloud's
    parser is lenient: single-quoted strings (what Python's ``str(list)`` gives) are read too."""
    try:
        value = json.loads(raw)
    except ValueError:
        value = _single_quoted_list(raw)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError(code, name)
    return set(value)


def _single_quoted_list(raw: str) -> Any:
    try:
        value = ast.literal_eval(raw.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, list) else None
