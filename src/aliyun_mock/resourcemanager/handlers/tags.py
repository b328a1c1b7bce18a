"""TagResources, UntagResources and ListTagResources for the directory's member accounts
(``ResourceType=Account``), what its management account tags them with; the tags
CreateResourceAccount takes are the same. Resource groups, the other type and the default, are not
modelled: a call about them gets the 501."""

from __future__ import annotations

from typing import Any, Dict, List, Sequence

from ...core.paging import token_page
from ...core.product import Body
from ...core.tags import tag_pairs, tags_from
from ..models import Member
from ..product import RESOURCE_MANAGER
from ..state import DirectoryState
from .accounts import TAGS
from .directory import DirectoryCall

MAX_RESULTS = 100


def _members(
    call: DirectoryCall, action: str, resource_type: str, ids: Sequence[str], *, listing: bool = False
) -> List[Member]:
    """The management account's members named (every member when none is). A change checks them all
    first; a listing leaves out ids that are no member, as ECS's ListTagResources does."""
    if resource_type != "Account":
        raise RESOURCE_MANAGER.not_implemented(action, f"ResourceType={resource_type}")
    state: DirectoryState = call.state
    directory = state.managed(call.account.account_id)
    members = list(state.members_of(directory))
    if not ids:
        return members
    if listing:
        by_id = {m.account_id: m for m in members}
        return [by_id[account_id] for account_id in dict.fromkeys(ids) if account_id in by_id]
    return [state.member(directory, account_id) for account_id in dict.fromkeys(ids)]


@RESOURCE_MANAGER.action("TagResources", fields=TAGS)
def tag_resources(
    call: DirectoryCall,
    *,
    ResourceId: Sequence[str],
    Tag: Sequence[Dict[str, Any]],
    ResourceType: str = "ResourceGroup",
) -> Body:
    added = tags_from(Tag)
    for member in _members(call, "TagResources", ResourceType, ResourceId):
        member.tags.update(added)
    return {}


@RESOURCE_MANAGER.action("UntagResources")
def untag_resources(
    call: DirectoryCall,
    *,
    ResourceId: Sequence[str],
    TagKey: Sequence[str] = (),
    All: bool = False,
    ResourceType: str = "ResourceGroup",
) -> Body:
    for member in _members(call, "UntagResources", ResourceType, ResourceId):
        for key in list(member.tags) if All else TagKey:
            member.tags.pop(key, None)
    return {}


@RESOURCE_MANAGER.action("ListTagResources", fields=TAGS)
def list_tag_resources(
    call: DirectoryCall,
    *,
    ResourceType: str = "ResourceGroup",
    ResourceId: Sequence[str] = (),
    Tag: Sequence[Dict[str, Any]] = (),
    NextToken: str = "",
    MaxResults: int = 10,
) -> Body:
    """One entry per tag of each member named that carries every ``Tag.N`` (a key alone: any value),
    as ECS lists them; the type is written as the reference's example writes it: lower case."""
    members = _members(call, "ListTagResources", ResourceType, ResourceId, listing=True)
    entries = tag_pairs(((m.account_id, m) for m in members), tags_from(Tag), "account")
    page, token = token_page(entries, NextToken, MaxResults, cap=MAX_RESULTS, floor=1)
    return {"NextToken": token, "TagResources": page}
