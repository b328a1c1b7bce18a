"""Virtual Private Cloud: VPCs, vSwitches and elastic IP addresses, the network ECS instances live in."""

from ..core.plugin import ProductPlugin
from .dashboard import vpc_section
from .handlers import eips, route_tables, tags, vpcs, vswitches  # noqa: F401  (registers the actions)
from .persistence import dump_vpc, load_vpc
from .product import VPC
from .state import VpcState

PLUGIN = ProductPlugin(
    product=VPC, attribute="vpc", new_state=VpcState, dump=dump_vpc, load=load_vpc, dashboard=vpc_section
)

__all__ = ["PLUGIN", "VPC", "VpcState"]
