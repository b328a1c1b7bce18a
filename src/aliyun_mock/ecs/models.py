"""ECS resources as plain objects. Each carries its region and owner account, so one region's
resources of every account live side by side and sharing is a matter of looking, not copying."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

SYSTEM = "system"  # Image.source of Alibaba Cloud's public images
CUSTOM = "custom"
# Resources kept by the ten thousand take slots where the interpreter has them (3.10+): an instance
# with more than 30 attributes gets no shared-key dict, so each image would carry a full dict of its
# own (about 1.5 KB: bench/scaling.py's memory figure).
SLOTS: Dict[str, bool] = {"slots": True} if sys.version_info >= (3, 10) else {}


@dataclass
class ImageShare:
    account_id: str
    shared_time: str


@dataclass(**SLOTS)
class Image:
    image_id: str
    region_id: str
    owner_id: str  # "" for Alibaba Cloud's public images
    source: str  # SYSTEM or CUSTOM
    name: str
    creation_time: str
    os_type: str = "linux"
    os_name: str = ""
    os_name_en: str = ""
    platform: str = ""
    architecture: str = "x86_64"
    size: int = 40
    image_family: str = ""
    image_version: str = ""
    description: str = ""
    status: str = "Available"
    is_copied: bool = False
    copied_from: str = ""  # a copy's source image id (the copy is in flight while Creating)
    progress: int = 100  # percent, while Creating (the transition controls move it)
    is_public: bool = False  # published as a community image
    boot_mode: str = "BIOS"
    shares: Dict[str, ImageShare] = field(default_factory=dict)  # account id → share, in share order
    tags: Dict[str, str] = field(default_factory=dict)
    snapshot_id: str = ""
    # Conditions a test sets on the image itself (README: "Sharing rules the mock enforces"):
    encryption: str = ""  # "" (not encrypted), "cmk" (a customer master key) or "service-key"
    kms_key_id: str = ""  # the CMK of a "cmk" image; its state lives in cloud.kms_keys
    data_disk_sizes: List[int] = field(default_factory=list)  # one snapshot each, beside the system disk's
    data_disk_snapshot_ids: List[str] = field(default_factory=list)  # those snapshots ("" for an empty disk)
    import_source: Dict[str, str] = field(default_factory=dict)  # an imported image's OSS bucket, object, format
    product_code: str = ""  # set on images derived from an Alibaba Cloud Marketplace image
    launch_permission: str = ""


@dataclass
class Instance:
    instance_id: str
    region_id: str
    zone_id: str
    owner_id: str
    image_id: str
    instance_type: str
    cpu: int
    memory: int
    name: str
    host_name: str
    creation_time: str
    os_type: str = "linux"
    os_name: str = ""
    os_name_en: str = ""
    status: str = "Running"
    description: str = ""
    start_time: str = ""
    security_group_ids: List[str] = field(default_factory=list)
    vswitch_id: str = ""
    vpc_id: str = ""
    private_ip: str = ""
    public_ip: str = ""  # allocated when launched with InternetMaxBandwidthOut > 0
    internet_charge_type: str = "PayByTraffic"
    internet_max_bandwidth_out: int = 0
    internet_max_bandwidth_in: int = 0  # 0: not chosen at launch
    io_optimized: bool = True
    deletion_protection: bool = False
    user_data: str = ""  # base64, as given
    key_pair_name: str = ""
    tags: Dict[str, str] = field(default_factory=dict)
    system_disk_id: Optional[str] = None
    ever_started: bool = False  # ReInitDisk needs an instance that has run at least once


@dataclass
class Disk:
    disk_id: str
    region_id: str
    zone_id: str
    owner_id: str
    size: int
    creation_time: str
    disk_type: str = "system"  # "system" | "data"
    category: str = "cloud_essd"
    status: str = "In_use"
    instance_id: str = ""
    device: str = "/dev/xvda"
    image_id: str = ""  # the image a system disk was built from
    image_access: str = ""  # how its owner could use that image then: "own", "shared", "community", "system"
    source_snapshot_id: str = ""
    attached_time: str = ""
    detached_time: str = ""  # the last detach: with attached_time, whether it was ever attached
    tags: Dict[str, str] = field(default_factory=dict)
    name: str = ""
    description: str = ""
    delete_with_instance: bool = True
    delete_auto_snapshot: bool = False
    enable_auto_snapshot: bool = True


@dataclass
class Snapshot:
    snapshot_id: str
    region_id: str
    owner_id: str
    source_disk_id: str
    source_disk_type: str  # "System" | "Data"
    source_disk_size: int
    creation_time: str
    image_id: str = ""  # the image the source disk was built from, for images made from this snapshot
    name: str = ""
    description: str = ""
    status: str = "accomplished"
    tags: Dict[str, str] = field(default_factory=dict)
    progress: int = 100  # percent, while progressing


@dataclass
class SecurityGroupRule:
    """One permission of a security group; ``peer_*`` is the source of an inbound rule, the
    destination of an outbound one."""

    rule_id: str
    direction: str  # "ingress" | "egress"
    ip_protocol: str  # TCP, UDP, ICMP, ICMPv6, GRE or ALL
    port_range: str  # "22/22"; "-1/-1" for protocols without ports
    create_time: str
    policy: str = "Accept"
    priority: int = 1
    peer_cidr_ip: str = ""
    peer_group_id: str = ""
    local_cidr_ip: str = ""  # the inbound rule's DestCidrIp, the outbound rule's SourceCidrIp
    source_port_range: str = ""
    description: str = ""

    def key(self) -> Tuple[Any, ...]:
        """What makes two rules the same rule (the cloud keeps one of each)."""
        return (
            self.direction, self.ip_protocol, self.port_range, self.policy, self.priority, self.peer_cidr_ip,
            self.peer_group_id, self.local_cidr_ip, self.source_port_range,
        )  # fmt: skip


@dataclass
class SecurityGroup:
    security_group_id: str
    region_id: str
    owner_id: str
    vpc_id: str
    creation_time: str
    name: str = ""
    description: str = ""
    group_type: str = "normal"  # "normal" | "enterprise"
    inner_access_policy: str = ""  # "Accept" | "Drop" once set; until then its type's default
    rules: List[SecurityGroupRule] = field(default_factory=list)
    tags: Dict[str, str] = field(default_factory=dict)


@dataclass
class KeyPair:
    """An SSH key pair: the cloud keeps the public key; the private one was handed out once."""

    key_pair_name: str
    key_pair_id: str
    region_id: str
    owner_id: str
    public_key: str  # OpenSSH line
    fingerprint: str
    creation_time: str
    tags: Dict[str, str] = field(default_factory=dict)
