"""VPC's naming rules: names of 1–128 and descriptions of 1–256 characters, neither looking like a URL
(CreateVpc, CreateVSwitch)."""

from __future__ import annotations

from ..core.errors import ApiError

_URL = ("http://", "https://")


def check_name(name: str, code: str) -> None:
    if name and (len(name) > 128 or name.startswith(_URL)):
        raise ApiError(code)


def check_description(description: str, code: str) -> None:
    if description and (len(description) > 256 or description.startswith(_URL)):
        raise ApiError(code)
