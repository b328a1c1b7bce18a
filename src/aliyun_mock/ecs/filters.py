"""Describe* filters that compare a documented field of a resource's view with the given value.

Many filters of DescribeDisks and DescribeSnapshots name a field the view already shows (``ZoneId``,
``Category``, ``Portable``…): ``view_filter({"ZoneId": ZoneId, ...})`` keeps the ones a request set
and matches a view against them, booleans as booleans.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Mapping

ViewCheck = Callable[[Mapping[str, Any]], bool]


def view_filter(wanted: Mapping[str, Any]) -> ViewCheck:
    """A check of a view against every filter that was set (``""`` and ``None`` are unset)."""
    given: Dict[str, Any] = {field: value for field, value in wanted.items() if value not in ("", None)}
    return lambda view: all(view.get(field) == value for field, value in given.items())
