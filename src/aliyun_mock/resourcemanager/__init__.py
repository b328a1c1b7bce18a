"""Resource Directory (ResourceManager): an organisation's accounts in a tree of folders."""

from ..core.plugin import ProductPlugin
from .dashboard import directory_section
from .handlers import accounts, directory, folders, handshakes, tags  # noqa: F401  (registers the actions)
from .persistence import dump_directory, load_directory
from .product import RESOURCE_MANAGER
from .state import DirectoryState

# A real account's logon name (alice@example.com), which no call of the mock sets but
# CreateResourceAccount and EnableResourceDirectory; invitations by e-mail find an account by it.
ACCOUNT_CONDITIONS = {"account_name": ""}

PLUGIN = ProductPlugin(
    product=RESOURCE_MANAGER,
    attribute="resource_directory",
    new_state=DirectoryState,
    dump=dump_directory,
    load=load_directory,
    account_conditions=ACCOUNT_CONDITIONS,
    dashboard=directory_section,
)

__all__ = ["PLUGIN", "RESOURCE_MANAGER", "DirectoryState"]
