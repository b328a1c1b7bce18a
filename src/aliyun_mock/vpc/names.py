"""VPC's naming rules: names of 1–128 and descriptions of 1–256 characters, neither looking like a URL
(CreateVpc, CreateVSwitch, AllocateEipAddress)."""

from __future__ import annotations

import re

from ..core.errors import ApiError

_URL = ("http://", "https://")
# EIP names start with a letter or a Chinese character; letters, digits, ".", "_" and "-" follow.
_EIP_NAME = re.compile(r"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5._\-]{0,127}$")


def check_name(name: str, code: str) -> None:
    if name and (len(name) > 128 or name.startswith(_URL)):
        raise ApiError(code)


def check_description(description: str, code: str) -> None:
    if description and (len(description) > 256 or description.startswith(_URL)):
        raise ApiError(code)


def check_eip_name(name: str, code: str) -> None:
    if name and not _EIP_NAME.match(name):
        raise ApiError(code)
