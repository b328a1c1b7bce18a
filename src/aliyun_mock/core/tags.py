"""Tags as every product takes them: ``Tag.N.Key``/``Tag.N.Value`` pairs and tag filters."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Sequence, Tuple

from .errors import ApiError


def tags_from(pairs: Iterable[Any]) -> Dict[str, str]:
    """``Tag.N.Key``/``Tag.N.Value`` pairs, as un-flattened by rpc, to a dict."""
    return {p.get("Key", ""): p.get("Value", "") for p in pairs if isinstance(p, dict)}


def tags_match(tags: Mapping[str, str], wanted: Mapping[str, str]) -> bool:
    """Whether a resource carries every wanted tag (a wanted tag without a value: any value)."""
    return all(tags.get(key) == value or (not value and key in tags) for key, value in wanted.items())


def add_tags(resources: Sequence[Any], tags: Mapping[str, str], limit: int, over_limit: str) -> None:
    """Tag every resource (a key it has already gets the new value), none when one would pass ``limit``."""
    if any(len({**resource.tags, **tags}) > limit for resource in resources):
        raise ApiError(over_limit)
    for resource in resources:
        resource.tags.update(tags)


def remove_tags(resources: Sequence[Any], keys: Sequence[str], every: bool) -> None:
    """Remove the named keys from every resource, or, naming none, every tag when ``every`` is set."""
    for resource in resources:
        for key in keys or (list(resource.tags) if every else ()):
            resource.tags.pop(key, None)


def tag_pairs(chosen: Iterable[Tuple[str, Any]], wanted: Mapping[str, str], resource_type: str) -> List[Dict[str, str]]:
    """One entry per tag of each chosen resource carrying every wanted tag (ListTagResources)."""
    return [
        {"ResourceType": resource_type, "ResourceId": resource_id, "TagKey": key, "TagValue": value}
        for resource_id, resource in chosen
        if tags_match(resource.tags, wanted)
        for key, value in resource.tags.items()
    ]


def named(resources: Mapping[str, Any], ids: Sequence[str], most: int, too_many: str, not_found: str) -> List[Any]:
    """The resources a tag action names (each once), or its codes for too many ids and an unknown one."""
    if len(ids) > most:
        raise ApiError(too_many)
    if any(resource_id not in resources for resource_id in ids):
        raise ApiError(not_found)
    return [resources[resource_id] for resource_id in dict.fromkeys(ids)]
