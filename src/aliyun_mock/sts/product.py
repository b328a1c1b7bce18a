"""The STS product: API version 2015-04-01, reached at ``sts[.<region>].aliyuncs.com``."""

from __future__ import annotations

from ..core.description import Description
from ..core.errors import ErrorCatalogue
from ..core.product import Product

STS_ERRORS = {
    # Texts as the STS documentation and its troubleshooting page give them.
    "InvalidParameter.RoleArn": (400, "The parameter RoleArn is wrongly formed."),
    "InvalidParameter.RoleSessionName": (400, "The parameter RoleSessionName is wrongly formed."),
    "InvalidParameter.DurationSeconds": (400, "The Min/Max value of DurationSeconds is 15min/1hr."),
    "InvalidParameter.PolicyGrammar": (400, "The parameter Policy has not passed grammar check."),
    "EntityNotExist.Role": (404, "The role not exists: %s"),
}

STS = Product(
    "Sts",
    host_label="sts",
    version="2015-04-01",
    catalogue=ErrorCatalogue(STS_ERRORS),
    known_actions=frozenset(
        {"AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithOIDC", "GetCallerIdentity", "GenerateSessionAccessKey"}
    ),
    description=Description(__package__ or "aliyun_mock.sts"),
)
