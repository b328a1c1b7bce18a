"""The naming rules ECS applies: resource names (images, snapshots, instances), descriptions and
host names, and the sequential names of a batch of instances (``web-[1,3]`` → ``web-001``…).
Rules as the API reference states them for ImageName, SnapshotName, InstanceName, Description
and HostName (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-runinstances).
"""

from __future__ import annotations

import re

from ..core.errors import ApiError

# 2–128 characters, starting with a letter or a Chinese character; letters, digits, ":", "_", "-", "."
_NAME = re.compile(r"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5:_.\-]{1,127}$")
# Linux: 2–64 characters of letters, digits, "." and "-", neither first nor last, never two in a row.
_LINUX_HOST = re.compile(r"^(?=.{2,64}$)[A-Za-z0-9](?:[A-Za-z0-9]|[.\-](?=[A-Za-z0-9]))*$")
# Windows: 2–15 characters of letters, digits and "-" (no "."), not only digits.
_WINDOWS_HOST = re.compile(r"^(?![0-9]+$)[A-Za-z0-9\-]{2,15}$")
# The sequence part of a batch's names: [begin,digits] with either left out ([], [,], [m,], [,n], [m,n]).
_SEQUENCE = re.compile(r"\[([^\[\]]*)\]")
DEFAULT_SEQUENCE_DIGITS = 6
MAX_SEQUENCE_DIGITS = 6


def well_formed_name(name: str) -> bool:
    """A well-formed resource name, which may not look like a URL."""
    return bool(_NAME.match(name)) and not name.startswith(("http://", "https://"))


# An image family: 2–128 characters from a letter or a Chinese character; ModifyImageAttribute allows "." too.
_FAMILY = re.compile(r"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5:_\-]{1,127}$")
_FAMILY_WITH_DOTS = re.compile(r"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5:_.\-]{1,127}$")
MAX_IMAGE_VERSION = 40


def check_image_family(family: str, dots: bool = False) -> None:
    pattern = _FAMILY_WITH_DOTS if dots else _FAMILY
    if family and (not pattern.match(family) or family.startswith(("aliyun", "acs:")) or "://" in family):
        raise ApiError("InvalidImageFamily.Malformed")


def check_description(description: str, code: str = "InvalidDescription.Malformed") -> None:
    """2–256 characters, not looking like a URL; ``code`` is what the action answers otherwise."""
    if description and (not 2 <= len(description) <= 256 or description.startswith(("http://", "https://"))):
        raise ApiError(code)


def well_formed_host_name(host_name: str, os_type: str) -> bool:
    pattern = _WINDOWS_HOST if os_type == "windows" else _LINUX_HOST
    return bool(pattern.match(host_name))


def batch_name(template: str, index: int, amount: int, unique_suffix: bool = False) -> str:
    """The ``index``-th (0-based) of ``amount`` names from ``template``: its ``[begin,bits]`` sequence
    applied, or, with ``UniqueSuffix`` and more than one instance, a suffix from 001 appended to a
    name that has no sequence (https://help.aliyun.com/document_detail/196048.html)."""
    match = _SEQUENCE.search(template)
    if match is not None:
        begin, digits = _sequence(match.group(1))
        return template[: match.start()] + str(begin + index).zfill(digits) + template[match.end() :]
    if unique_suffix and amount > 1 and template:
        return f"{template}{index + 1:03d}"
    return template


def has_sequence_then_suffix(template: str) -> bool:
    """``name_prefix[begin,bits]name_suffix``: the form whose meeting with ``UniqueSuffix`` no document
    describes (with no ``name_suffix``, the sequence alone applies)."""
    match = _SEQUENCE.search(template)
    return match is not None and match.end() < len(template)


def _sequence(spec: str) -> "tuple[int, int]":
    first, comma, second = spec.partition(",")
    if (first and not first.isdigit()) or (second and not second.isdigit()) or (not comma and spec):
        raise ApiError("InvalidInstanceName.CustomMalformed")
    begin = int(first) if first else 0
    digits = int(second) if second else DEFAULT_SEQUENCE_DIGITS
    if not 1 <= digits <= MAX_SEQUENCE_DIGITS:
        raise ApiError("InvalidInstanceName.CustomMalformed")
    return begin, digits


def check_instance_names(name: str, host_name: str, os_type: str) -> None:
    """Refuse a malformed instance or host name (after the batch sequence is applied)."""
    if name and not well_formed_name(name):
        raise ApiError("InvalidInstanceName.Malformed")
    if host_name and not well_formed_host_name(host_name, os_type):
        raise ApiError("InvalidHostName.Malformed")
