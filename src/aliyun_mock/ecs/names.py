"""The naming rule ECS applies to image and snapshot names (api-facts §15, §20)."""

from __future__ import annotations

import re

# 2–128 characters, starting with a letter or a Chinese character; letters, digits, ":", "_", "-", "."
_NAME = re.compile(r"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5:_.\-]{1,127}$")


def well_formed_name(name: str) -> bool:
    """A well-formed resource name, which may not look like a URL."""
    return bool(_NAME.match(name)) and not name.startswith(("http://", "https://"))
