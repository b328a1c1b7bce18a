"""The VPC product: API version 2016-04-28, reached at ``vpc[.<region>].aliyuncs.com``.

Its errors come from its API description, but for the entries below, each with its reason.
API reference pages: https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-<action>
"""

from __future__ import annotations

from ..core.description import Description
from ..core.errors import ErrorCatalogue
from ..core.product import Product

# For actions that answer these codes without documenting them.
VPC_ERRORS = {
    "InvalidVpcId.NotFound": (404, "Specified VPC does not exist."),
    "InvalidVSwitchId.NotFound": (404, "Specified VSwitch can not found."),
}

VPC_ERRORS_PER_ACTION = {
    # The description lists this code twice; its first entry (400) carries the text of a name error.
    ("ModifyVpcAttribute", "InvalidVpcId.NotFound"): (404, "Specified VPC does not exist."),
}

VPC = Product(
    "Vpc",
    host_label="vpc",
    version="2016-04-28",
    catalogue=ErrorCatalogue(VPC_ERRORS, VPC_ERRORS_PER_ACTION),
    description=Description(__package__ or "aliyun_mock.vpc"),
)
