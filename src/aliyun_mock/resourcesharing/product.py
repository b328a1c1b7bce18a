"""The ResourceSharing product: API version 2020-01-10, at ``resourcesharing.<region>.aliyuncs.com``.

Its errors come from its API description; its service refuses missing parameters with the codes
each action documents (``MissingParameter.ResourceShareId``).
API reference: https://www.alibabacloud.com/help/en/resource-management/resource-sharing/developer-reference/api-resourcesharing-2020-01-10-<action>
"""

from __future__ import annotations

from ..core.description import Description
from ..core.errors import ErrorCatalogue
from ..core.product import Product

RESOURCE_SHARING = Product(
    "ResourceSharing",
    host_label="resourcesharing",
    version="2020-01-10",
    catalogue=ErrorCatalogue({}),
    description=Description(__package__ or "aliyun_mock.resourcesharing"),
    own_parameter_codes=True,
)
