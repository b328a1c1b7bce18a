"""Resource Directory's naming rules (the API reference of each action that takes the name)."""

from __future__ import annotations

import re

from ..core.errors import ApiError

_FOLDER_NAME = re.compile(r"^[\u4e00-\u9fa5A-Za-z0-9_.\-]+$")  # 1–24 characters
_DISPLAY_NAME = re.compile(r"^[\u4e00-\u9fa5A-Za-z0-9_.\- ]+$")  # 2–50 characters, unique in the directory
# letters, digits and _.-; a letter or digit first and last, never two of _.- in a row
_NAME_PREFIX = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|[_.\-](?=[A-Za-z0-9]))*$")
PREFIX_LENGTH = {"china": 50, "international": 37}  # an account name prefix's longest, per site


def check_folder_name(name: str) -> None:
    if not name:
        raise ApiError("MissingParameter.Folder.Name")
    if len(name) > 24:
        raise ApiError("InvalidParameter.Folder.Name.Length")
    if not _FOLDER_NAME.match(name):
        raise ApiError("InvalidParameter.Folder.Name")


def check_display_name(name: str) -> None:
    if not name:
        raise ApiError("MissingParameter.Account.DisplayName")
    if not 2 <= len(name) <= 50:
        raise ApiError("InvalidParameter.Account.DisplayName.Length")
    if not _DISPLAY_NAME.match(name):
        raise ApiError("InvalidParameter.Account.DisplayName")


def check_name_prefix(prefix: str, site: str) -> None:
    if not 2 <= len(prefix) <= PREFIX_LENGTH[site]:
        raise ApiError("InvalidParameter.Account.AccountNamePrefix.Length")
    if not _NAME_PREFIX.match(prefix):
        raise ApiError("InvalidParameter.Account.AccountNamePrefix")
