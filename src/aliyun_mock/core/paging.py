"""The two paging styles of Describe* actions: PageNumber/PageSize, and NextToken/MaxResults."""

from __future__ import annotations

import hashlib
from typing import Any, Dict, List, Sequence, Tuple, TypeVar

from .errors import ApiError

T = TypeVar("T")
MAX_PAGE_SIZE = 100


def page_of(
    items: Sequence[T], page_number: int, page_size: int, max_size: int = MAX_PAGE_SIZE
) -> Tuple[List[T], Dict[str, Any]]:
    """The requested page and the ``TotalCount``/``PageNumber``/``PageSize`` fields describing it.

    Out-of-range values are refused the way the gateway refuses them elsewhere
    (``InvalidParameter``: 'The specified parameter "PageSize" is not valid.').
    """
    if page_number < 1:
        raise ApiError("InvalidParameter", "PageNumber")
    if not 1 <= page_size <= max_size:
        raise ApiError("InvalidParameter", "PageSize")
    start = (page_number - 1) * page_size
    fields = {"TotalCount": len(items), "PageNumber": page_number, "PageSize": page_size}
    return list(items[start : start + page_size]), fields


def token_start(next_token: str) -> int:
    """Where a NextToken continues a list (0 for none); one the mock did not issue is ``InvalidParameter``."""
    if not next_token:
        return 0
    try:
        return int(next_token[:8], 16)
    except ValueError:
        raise ApiError("InvalidParameter", "NextToken") from None


def token_page(
    items: Sequence[T], next_token: str, max_results: int, cap: int = MAX_PAGE_SIZE, floor: int = 10
) -> Tuple[List[T], str]:
    """NextToken/MaxResults paging: MaxResults below ``floor`` means ``floor`` (ECS: 10), above ``cap``
    means ``cap``; the token is opaque to clients and empty on the last page."""
    size = min(max(max_results, floor), cap)
    start = token_start(next_token)
    end = start + size
    token = f"{end:08x}{hashlib.md5(repr(start).encode()).hexdigest()[:24]}" if end < len(items) else ""
    return list(items[start:end]), token


def paginate(
    items: Sequence[T],
    *,
    page_number: int,
    page_size: int,
    next_token: str,
    max_results: "int | None",
    cap: int = MAX_PAGE_SIZE,
    max_page_size: int = MAX_PAGE_SIZE,
) -> Tuple[List[T], Dict[str, Any]]:
    """Either style, as the request chose: NextToken/MaxResults when it sent either (then
    PageNumber/PageSize are ignored), PageNumber/PageSize otherwise. ``NextToken`` is always there."""
    if next_token or max_results is not None:
        page, token = token_page(items, next_token, max_results or 10, cap)
        return page, {"TotalCount": len(items), "NextToken": token}
    page, fields = page_of(items, page_number, page_size, max_page_size)
    return page, {**fields, "NextToken": ""}
