"""The ResourceManager product's Resource Directory: API version 2020-03-31, at ``resourcemanager.aliyuncs.com``.

Its errors come from its API description; its service refuses missing parameters with the codes
each action documents (``MissingParameter.FolderId``).
API reference: https://www.alibabacloud.com/help/en/resource-management/resource-directory/developer-reference/api-resourcemanager-2020-03-31-<action>
"""

from __future__ import annotations

from ..core.description import Description
from ..core.errors import ErrorCatalogue
from ..core.product import Product

# Codes whose text an action does not document: the mock's own code and text for a refusal the API
# reference describes (DestroyResourceDirectory: "all folders except the root folder are deleted")
# without naming its error, and codes the reference names for other actions.
RESOURCE_MANAGER_ERRORS = {
    # The tag actions document no errors: an account they name that is no member of the directory, and
    # a caller that manages no directory, get the texts the account actions document for them.
    "EntityNotExists.Account": (404, "This resource directory account does not exist."),
    "EntityNotExists.ResourceDirectory": (
        404,
        "The resource directory for the account is not enabled. We recommend that you first enable the"
        " resource directory for the account.",
    ),
    "DeleteConflict.ResourceDirectory.Folder": (
        409,
        "Failed to delete the resource directory because one or more folders exist. We recommend that you first"
        " delete these folders.",
    ),
}

RESOURCE_MANAGER = Product(
    "ResourceManager",
    host_label="resourcemanager",
    version="2020-03-31",
    catalogue=ErrorCatalogue(RESOURCE_MANAGER_ERRORS),
    description=Description(__package__ or "aliyun_mock.resourcemanager"),
    own_parameter_codes=True,
)
