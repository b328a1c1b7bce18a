"""RunInstances and CreateInstance: one list of parameters, one way of launching."""

from __future__ import annotations

import base64
import binascii
import ipaddress
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

from ...core.entropy import Entropy
from ...core.errors import ApiError
from ...core.product import RESOURCE_OWNER, Body, parameters_like
from ...core.tags import tags_from
from ...vpc import cidr
from ...vpc.models import VSwitch
from .. import catalog
from ..filters import check_new_tags
from ..image_access import newest_of_family
from ..models import Instance
from ..names import batch_name, check_description, check_instance_names, has_sequence_then_suffix
from ..placement import group_ids_of, place
from ..product import ECS
from ..state import EcsCall, RegionState
from ..vocabulary import INSTANCE_CHARGE_TYPES, INTERNET_CHARGE_TYPES, SPOT_STRATEGIES
from .data_disks import DATA_DISK_FIELDS, MAX_DATA_DISKS, attach_data_disks, flag, from_image, plan_data_disks
from .system_disks import (
    check_architecture,
    check_password,
    checked_key_pair,
    new_system_disk,
    system_disk_size,
    usable_image,
)

MAX_AMOUNT = 100
SYSTEM_DISK_CATEGORIES = ("cloud", "cloud_efficiency", "cloud_ssd", "cloud_essd", "cloud_auto", "cloud_essd_entry")
IO_OPTIMIZED = ("optimized", "none")
MAX_BANDWIDTH_OUT = 100  # Mbit/s
SMALL_BANDWIDTH_OUT = 10  # Mbit/s: up to it, InternetMaxBandwidthIn may be 1–10; above, 1 to the outbound value
MAX_USER_DATA_BYTES = 32 * 1024


@dataclass
class Launch:
    """What RunInstances and CreateInstance were asked for (their shared parameters)."""

    image_id: str
    image_family: str
    instance_type_id: str
    zone_id: str
    name: str
    host_name: str
    description: str
    security_group_ids: List[str]
    vswitch_id: str
    tags: Sequence[Dict[str, Any]]
    system_disk: Dict[str, Any]
    data_disks: Sequence[Dict[str, Any]]
    internet_charge_type: str
    internet_max_bandwidth_out: Optional[int]
    instance_charge_type: str
    spot_strategy: str
    io_optimized: str
    password: str
    password_inherit: bool
    user_data: str
    key_pair_name: str
    deletion_protection: bool
    dry_run: bool
    private_ip_address: str = ""
    internet_max_bandwidth_in: Optional[int] = None
    unique_suffix: bool = False


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
    inbound = launch.internet_max_bandwidth_in
    if inbound is not None and not 1 <= inbound <= max(bandwidth or 0, SMALL_BANDWIDTH_OUT):
        raise ApiError("InvalidInternetMaxBandwidthIn.Malformed")
    if launch.private_ip_address:
        _address(launch.private_ip_address)
    if launch.io_optimized not in IO_OPTIMIZED:
        raise ApiError("InvalidParameter", "IoOptimized")
    if launch.io_optimized == "none":  # every instance type here is sold I/O optimized only
        raise ApiError("DependencyViolation.IoOptimized")
    if launch.system_disk.get("Category", "cloud_essd") not in SYSTEM_DISK_CATEGORIES:
        raise ApiError("InvalidSystemDiskCategory.ValueNotSupported")
    if flag(launch.system_disk.get("Encrypted"), "SystemDisk.Encrypted"):  # false, the default, changes nothing
        raise ECS.not_implemented(action, "SystemDisk.Encrypted=true")
    if launch.password and launch.password_inherit:
        raise ApiError("InvalidPasswordParam.Mismatch")
    check_password(launch.password)
    check_user_data(launch.user_data)
    check_description(launch.description)
    check_new_tags(launch.tags)


def _address(text: str) -> ipaddress.IPv4Address:
    try:
        return ipaddress.IPv4Address(text)
    except ValueError:
        raise ApiError("InvalidPrivateIpAddress.Malformed") from None


def _private_addresses(call: EcsCall, vswitch: VSwitch, first: str, count: int) -> List[str]:
    """One address of the vSwitch per instance: ``PrivateIpAddress`` and the ones right after it when
    it is given (none of them reserved or in use), else free ones; all or none."""
    network = call.state.network
    if not first:
        addresses: List[str] = []
        for _ in range(count):  # a vSwitch that cannot hold the whole batch gets none of it
            address = network.private_address(vswitch, addresses)
            if address is None:
                raise ApiError("QuotaExceeded.PrivateIpAddress")
            addresses.append(address)
        return addresses
    block, start = cidr.network(vswitch.cidr_block), int(_address(first))
    if block is None or not all(cidr.assignable(block, start + n) for n in range(count)):
        raise ApiError("InvalidPrivateIpAddress")
    wanted = [str(ipaddress.IPv4Address(start + n)) for n in range(count)]
    if set(wanted) & set(network.taken_addresses(vswitch.region_id, vswitch.vswitch_id)):
        raise ApiError("InvalidPrivateIpAddress.Duplicated")
    return wanted


def public_address(entropy: Entropy) -> str:
    """A public IPv4 address in 47.0.0.0/8, where Alibaba Cloud's are."""
    return f"47.{entropy.below(256)}.{entropy.below(256)}.{entropy.below(254) + 1}"


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


def _image_id(region: RegionState, launch: Launch, account_id: str) -> str:
    """The image named, or the newest usable one of the family named (never both)."""
    if launch.image_id and launch.image_family:
        raise ApiError("UnexpectedImageFamily.ImageIdSupplied")
    if not launch.image_family:
        if not launch.image_id:
            raise ApiError("MissingParameter", "ImageId")
        return launch.image_id
    image = newest_of_family(region.images.values(), launch.image_family, account_id, region.organisation)
    if image is None:
        raise ApiError("InvalidImageFamily.MissingAvailableImage")
    return image.image_id


def _launch(call: EcsCall, region: RegionState, launch: Launch, *, amount: int, running: bool) -> List[Instance]:
    _check_launch(call.request.action, launch)
    instance_type = catalog.instance_types().get(launch.instance_type_id)
    if instance_type is None:
        raise ApiError("InvalidInstanceType.ValueNotSupported")
    image = usable_image(region, _image_id(region, launch, call.account.account_id), call.account.account_id)
    check_architecture(image, launch.instance_type_id)
    network = call.state.network.region(region.region_id)
    placement = place(
        region,
        network,
        call.account.account_id,
        vswitch_id=launch.vswitch_id,
        zone_id=launch.zone_id,
        group_ids=launch.security_group_ids,
    )
    disk_size = system_disk_size(image, launch.system_disk)
    key_pair = checked_key_pair(region, call.account.account_id, launch.key_pair_name, image.os_type)
    data_disks = from_image(image) + plan_data_disks(
        region, call.account.account_id, launch.data_disks, call.request.action
    )
    if len(data_disks) > MAX_DATA_DISKS:
        raise ApiError("InstanceDiskNumber.LimitExceed")
    if launch.unique_suffix and amount > 1 and any(map(has_sequence_then_suffix, (launch.name, launch.host_name))):
        raise ECS.not_implemented(call.request.action, "UniqueSuffix with a name_prefix[begin,bits]name_suffix name")
    names = [
        (
            batch_name(launch.name, n, amount, launch.unique_suffix),
            batch_name(launch.host_name, n, amount, launch.unique_suffix),
        )
        for n in range(amount)
    ]
    for name, host_name in names:
        check_instance_names(name, host_name, image.os_type)
    if launch.dry_run:
        raise ApiError("DryRunOperation")
    transitions, entropy = call.state.transitions, call.state.entropy
    vswitch = placement.resolve(call.state.network, network)
    bandwidth = launch.internet_max_bandwidth_out or 0
    addresses = _private_addresses(call, vswitch, launch.private_ip_address, amount)
    launched: List[Instance] = []
    for (name, host_name), private_ip in zip(names, addresses):
        instance_id = region.new_id("i")
        now = entropy.now_iso()
        instance = Instance(
            instance_id=instance_id,
            region_id=region.region_id,
            zone_id=vswitch.zone_id,
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
            security_group_ids=list(placement.group_ids),
            vswitch_id=vswitch.vswitch_id,
            vpc_id=vswitch.vpc_id,
            private_ip=private_ip,
            # RunInstances gives a public IP with public bandwidth; CreateInstance never does
            # (AllocatePublicIpAddress is the call for that)
            public_ip=public_address(entropy) if bandwidth and running else "",
            internet_charge_type=launch.internet_charge_type,
            internet_max_bandwidth_out=bandwidth,
            internet_max_bandwidth_in=launch.internet_max_bandwidth_in or 0,
            io_optimized=launch.io_optimized == "optimized",
            deletion_protection=launch.deletion_protection,
            user_data=launch.user_data,
            key_pair_name=key_pair or "",
            tags=tags_from(launch.tags),
            ever_started=running,
        )
        region.add_instance(instance)
        disks = [new_system_disk(call, region, instance, image, disk_size, launch.system_disk.get("Category", ""))]
        disks += attach_data_disks(call, region, instance, data_disks)
        if running:  # RunInstances tags the instance and its disks alike
            for disk in disks:
                disk.tags = dict(instance.tags)
        transitions.begin(instance, "Pending", "Running" if running else "Stopped")
        launched.append(instance)
    return launched


# Parameters of both launch actions that the mock does not model yet (a request setting one gets 501).
LAUNCH_NOT_IMPLEMENTED = (
    "RamRoleName", "SpotPriceLimit", "SpotDuration",
    "SpotInterruptionBehavior", "HpcClusterId", "DedicatedHostId", "ResourceGroupId",
    "DeploymentSetId", "DeploymentSetGroupNo",
    "CreditSpecification", "HibernationOptions.Configured", "Affinity", "Tenancy", "StorageSetId",
    "StorageSetPartitionNumber", "HttpEndpoint", "HttpTokens", "HttpPutResponseHopLimit",
    "PrivatePoolOptions.MatchCriteria", "PrivatePoolOptions.Id", "SystemDisk.DiskName", "SystemDisk.Description",
    "SystemDisk.PerformanceLevel", "SystemDisk.StorageClusterId", "DataDisk.PerformanceLevel", "DataDisk.Device",
    "DataDisk.KMSKeyId", "DataDisk.EncryptAlgorithm", "DataDisk.StorageClusterId", "Arn.RoleType", "Arn.Rolearn", "Arn.AssumeRoleFor", "ManagedHostId",
)  # fmt: skip
LAUNCH_FIELDS = ("SystemDisk.Size", "SystemDisk.Category", "SystemDisk.Encrypted", "Tag.Key", "Tag.Value") + tuple(
    f"DataDisk.{field}" for field in DATA_DISK_FIELDS
)
SUBSCRIPTION_ONLY = "only a subscription (InstanceChargeType=PrePaid) uses it, and that charge type gets the 501"
LAUNCH_WITHOUT_EFFECT = {
    **RESOURCE_OWNER,
    "SecurityEnhancementStrategy": "the security agent it installs is not visible through the API",
    **dict.fromkeys(("Period", "PeriodUnit", "AutoRenew", "AutoRenewPeriod"), SUBSCRIPTION_ONLY),
}


@ECS.action(
    "RunInstances",
    fields=LAUNCH_FIELDS,
    without_effect={**LAUNCH_WITHOUT_EFFECT, "AutoPay": "no subscriptions: nothing to pay for"},
    not_implemented=LAUNCH_NOT_IMPLEMENTED
    + (
        "AutoReleaseTime",
        "LaunchTemplateId",
        "LaunchTemplateName",
        "LaunchTemplateVersion",
        "Ipv6AddressCount",
        "Ipv6Address",
        "NetworkInterfaceQueueNumber",
        "Isp",
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
    InstanceType: str,
    ImageId: str = "",
    ImageFamily: str = "",
    Amount: int = 1,
    MinAmount: int = 0,
    ZoneId: str = "",
    InstanceName: str = "",
    HostName: str = "",
    Description: str = "",
    SecurityGroupId: str = "",
    SecurityGroupIds: Sequence[str] = (),
    VSwitchId: str = "",
    SystemDisk: Optional[Dict[str, Any]] = None,
    DataDisk: Sequence[Dict[str, Any]] = (),
    Tag: Sequence[Dict[str, Any]] = (),
    InternetChargeType: str = "PayByTraffic",
    InternetMaxBandwidthOut: Optional[int] = None,
    InternetMaxBandwidthIn: Optional[int] = None,
    PrivateIpAddress: str = "",
    UniqueSuffix: bool = False,
    InstanceChargeType: str = "PostPaid",
    SpotStrategy: str = "NoSpot",
    IoOptimized: str = "optimized",
    Password: str = "",
    PasswordInherit: bool = False,
    UserData: str = "",
    KeyPairName: str = "",
    DeletionProtection: bool = False,
    DryRun: bool = False,
) -> Body:
    region = call.state.region(RegionId)
    if not 1 <= Amount <= MAX_AMOUNT:
        raise ApiError("InvalidParameter", "Amount")
    if MinAmount and not 1 <= MinAmount <= Amount:
        raise ApiError("InvalidMinAmount.Malformed")
    launch = Launch(
        ImageId, ImageFamily, InstanceType, ZoneId, InstanceName, HostName, Description,
        group_ids_of(SecurityGroupId, SecurityGroupIds), VSwitchId, Tag,
        SystemDisk or {}, DataDisk, InternetChargeType, InternetMaxBandwidthOut, InstanceChargeType, SpotStrategy,
        IoOptimized, Password, PasswordInherit, UserData, KeyPairName, DeletionProtection, DryRun,
        PrivateIpAddress, InternetMaxBandwidthIn, UniqueSuffix,
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
@parameters_like(run_instances, drop=("Amount", "MinAmount", "SecurityGroupIds", "UniqueSuffix"))
def create_instance(call: EcsCall, **given: Any) -> Body:
    launch = Launch(
        given["ImageId"], given["ImageFamily"], given["InstanceType"], given["ZoneId"], given["InstanceName"], given["HostName"],
        given["Description"], group_ids_of(given["SecurityGroupId"], ()), given["VSwitchId"],
        given["Tag"], given["SystemDisk"] or {}, given["DataDisk"],
        given["InternetChargeType"], given["InternetMaxBandwidthOut"], given["InstanceChargeType"],
        given["SpotStrategy"], given["IoOptimized"], given["Password"], given["PasswordInherit"], given["UserData"],
        given["KeyPairName"], given["DeletionProtection"], given["DryRun"],
        given["PrivateIpAddress"], given["InternetMaxBandwidthIn"],
    )  # fmt: skip
    (instance,) = _launch(call, call.state.region(given["RegionId"]), launch, amount=1, running=False)
    return {"InstanceId": instance.instance_id, "OrderId": "", "TradePrice": 0.0}
