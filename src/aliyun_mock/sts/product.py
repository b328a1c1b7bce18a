"""The STS product: API version 2015-04-01, reached at ``sts[.<region>].aliyuncs.com``."""

from __future__ import annotations

from ..core.description import Description
from ..core.errors import ErrorCatalogue
from ..core.product import Product

# The description has every other code AssumeRole answers. This one's text is the one real STS
# answers carry today, naming the role (the description's "The specified Role not exists ." is older).
STS_ERRORS_PER_ACTION = {("AssumeRole", "EntityNotExist.Role"): (404, "The role not exists: %s")}

STS = Product(
    "Sts",
    host_label="sts",
    version="2015-04-01",
    catalogue=ErrorCatalogue({}, STS_ERRORS_PER_ACTION),
    known_actions=frozenset(
        {"AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithOIDC", "GetCallerIdentity", "GenerateSessionAccessKey"}
    ),
    description=Description(__package__ or "aliyun_mock.sts"),
)
