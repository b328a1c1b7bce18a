"""DescribeRouteTableList and DescribeVRouters: the router and the system route table every VPC has
from its creation, which every vSwitch of the VPC is associated with.

The mock makes no custom route tables and no route entries, so the actions that list entries
(DescribeRouteTables, DescribeRouteEntryList) stay unimplemented rather than answer a system table
without the entries the cloud puts in it."""

from __future__ import annotations

from typing import Any, Dict, Sequence

from ...core.paging import page_of
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_from
from ..product import VPC
from ..state import VpcCall
from ..views import route_table_view, vrouter_view

MAX_PAGE_SIZE = 50  # both actions: default 10, at most 50


@VPC.action(
    "DescribeRouteTableList",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=("ResourceGroupId",),
)
def describe_route_table_list(
    call: VpcCall,
    *,
    RegionId: str,
    RouterType: str = "VRouter",
    RouterId: str = "",
    VpcId: str = "",
    RouteTableId: str = "",
    RouteTableName: str = "",
    RouteTableType: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
    PageNumber: int = 1,
    PageSize: int = 10,
) -> Body:
    """The caller's VPCs' system route tables, as filtered. A system table has no name and no tags,
    and no border router (VBR) of the mock has a table."""
    region = call.state.region(RegionId)
    call.state.transitions.observe()
    matches = [
        vpc
        for vpc in region.vpcs.values()
        if vpc.owner_id == call.account.account_id
        and RouterType == "VRouter"
        and RouteTableType in ("", "System")
        and RouterId in ("", vpc.vrouter_id)
        and VpcId in ("", vpc.vpc_id)
        and RouteTableId in ("", vpc.route_table_id)
        and not RouteTableName
        and not tags_from(Tag)
    ]
    page, fields = page_of(matches, PageNumber, PageSize, max_size=MAX_PAGE_SIZE)
    return {**fields, "RouterTableList": {"RouterTableListType": [route_table_view(region, vpc) for vpc in page]}}


@VPC.action("DescribeVRouters", without_effect=RESOURCE_OWNER)
def describe_vrouters(
    call: VpcCall, *, RegionId: str, VRouterId: str = "", PageNumber: int = 1, PageSize: int = 10
) -> Body:
    """The router of each of the caller's VPCs (``VRouterId``: only that one)."""
    region = call.state.region(RegionId)
    call.state.transitions.observe()
    matches = [
        vpc
        for vpc in region.vpcs.values()
        if vpc.owner_id == call.account.account_id and VRouterId in ("", vpc.vrouter_id)
    ]
    page, fields = page_of(matches, PageNumber, PageSize, max_size=MAX_PAGE_SIZE)
    return {**fields, "VRouters": {"VRouter": [vrouter_view(vpc) for vpc in page]}}
