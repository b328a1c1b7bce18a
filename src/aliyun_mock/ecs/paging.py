"""PageNumber/PageSize paging, the same for every Describe* action that offers it."""
from __future__ import annotations

from typing import Any, Dict, List, Sequence, Tuple, TypeVar

from ..core.errors import ApiError

T = TypeVar("T")
MAX_PAGE_SIZE = 100


def page_of(items: Sequence[T], page_number: int, page_size: int) -> Tuple[List[T], Dict[str, Any]]:
    """The requested page and the ``TotalCount``/``PageNumber``/``PageSize`` fields describing it.

    Out-of-range values are refused the way the gateway refuses them elsewhere
    (``InvalidParameter``: 'The specified parameter "PageSize" is not valid.').
    """
    if page_number < 1:
        raise ApiError("InvalidParameter", "PageNumber")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ApiError("InvalidParameter", "PageSize")
    start = (page_number - 1) * page_size
    fields = {"TotalCount": len(items), "PageNumber": page_number, "PageSize": page_size}
    return list(items[start : start + page_size]), fields
