"""What Describe* actions share in reading their filters: JSON id lists, tag filters, the
``Filter.N.Key`` units they document, and filters compared with a field of a resource's view.

Many filters of DescribeDisks and DescribeSnapshots name a field the view already shows (``ZoneId``,
``Category``, ``Portable``…): ``view_filter({"ZoneId": ZoneId, ...})`` keeps the ones a request set
and matches a view against them, booleans as booleans.
"""

from __future__ import annotations

import ast
import json
from typing import Any, Callable, Dict, Mapping, Optional, Sequence, Set, Tuple

from ..core.errors import ApiError
from ..core.tags import tags_from

ViewCheck = Callable[[Mapping[str, Any]], bool]
MAX_TAG_FILTERS = 20
RESERVED_TAG_PREFIXES = ("aliyun", "acs:", "http://", "https://")


def view_filter(wanted: Mapping[str, Any]) -> Optional[ViewCheck]:
    """A check of a view against every filter that was set (``""`` and ``None`` are unset); None
    when none was, so that a listing builds views only for the page it answers."""
    given: Dict[str, Any] = {field: value for field, value in wanted.items() if value not in ("", None)}
    if not given:
        return None
    return lambda view: all(view.get(field) == value for field, value in given.items())


def json_id_list(raw: str, name: str, code: str = "InvalidParameter") -> Set[str]:
    """``'["i-1", "i-2"]'``: the JSON-array form some Describe* actions take ids in. The cloud's
    parser is lenient: single-quoted strings (what Python's ``str(list)`` gives) are read too."""
    try:
        value = json.loads(raw)
    except ValueError:
        value = _single_quoted_list(raw)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError(code, name)
    return set(value)


def _single_quoted_list(raw: str) -> Any:
    try:
        value = ast.literal_eval(raw.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, list) else None


def checked_tags(pairs: Sequence[Dict[str, Any]]) -> Dict[str, str]:
    """Tag filters: at most 20, each with a key (a value without its key is a mismatch)."""
    if len(pairs) > MAX_TAG_FILTERS:
        raise ApiError("InvalidTagCount")
    if any(isinstance(p, dict) and p.get("Value") and not p.get("Key") for p in pairs):
        raise ApiError("InvalidTag.Mismatch")
    return tags_from(pairs)


def filter_units(count: int) -> Tuple[str, ...]:
    """``Filter.1.Key`` … ``Filter.<count>.Value``: how an action documents a list of filters position by position."""
    return tuple(f"Filter.{n}.{field}" for field in ("Key", "Value") for n in range(1, count + 1))


def check_new_tags(pairs: Sequence[Dict[str, Any]]) -> None:
    """Tags a launch puts on its resources: at most 20, keys present, unique, not reserved."""
    if len(pairs) > MAX_TAG_FILTERS:
        raise ApiError("NumberExceed.Tags")
    keys = [str(p.get("Key", "")) for p in pairs if isinstance(p, dict)]
    if any(not key or len(key) > 128 or key.startswith(RESERVED_TAG_PREFIXES) for key in keys):
        raise ApiError("InvalidTagKey.Malformed")
    if len(set(keys)) != len(keys):
        raise ApiError("Duplicate.TagKey")
    values = [str(p.get("Value", "")) for p in pairs if isinstance(p, dict)]
    if any(len(value) > 128 or value.startswith(("http://", "https://")) for value in values):
        raise ApiError("InvalidTagValue.Malformed")
