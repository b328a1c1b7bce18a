"""Resource Sharing: an account shares its resources with its resource directory, folders, members or other accounts."""

from ..core.plugin import ProductPlugin
from .dashboard import sharing_section
from .handlers import (  # noqa: F401  (registers the actions)
    associations,
    directory_sharing,
    invitations,
    permissions,
    shared,
    shares,
)
from .persistence import dump_sharing, load_sharing
from .product import RESOURCE_SHARING
from .state import SharedResources, SharingState

PLUGIN = ProductPlugin(
    product=RESOURCE_SHARING,
    attribute="resource_sharing",
    new_state=SharingState,
    dump=dump_sharing,
    load=load_sharing,
    dashboard=sharing_section,
)

__all__ = ["PLUGIN", "RESOURCE_SHARING", "SharedResources", "SharingState"]
