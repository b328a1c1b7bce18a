"""Tags as every product takes them: ``Tag.N.Key``/``Tag.N.Value`` pairs and tag filters."""

from __future__ import annotations

from typing import Any, Dict, Iterable, Mapping


def tags_from(pairs: Iterable[Any]) -> Dict[str, str]:
    """``Tag.N.Key``/``Tag.N.Value`` pairs, as un-flattened by rpc, to a dict."""
    return {p.get("Key", ""): p.get("Value", "") for p in pairs if isinstance(p, dict)}


def tags_match(tags: Mapping[str, str], wanted: Mapping[str, str]) -> bool:
    """Whether a resource carries every wanted tag (a wanted tag without a value: any value)."""
    return all(tags.get(key) == value or (not value and key in tags) for key, value in wanted.items())
