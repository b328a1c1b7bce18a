"""A product as the cloud sees it: its API, its state, its part of ``state()`` and of the dashboard.

The composition root (``aliyun_mock.products``) lists the plug-ins; ``core`` only ever sees this
interface, so adding a product is one package and one line there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Dict, Mapping, Optional

from .product import Product

if TYPE_CHECKING:
    from .cloud import Cloud


def _no_part(state: Any) -> Dict[str, Any]:
    return {}


def _ignore_part(state: Any, data: Dict[str, Any]) -> None:
    return None


@dataclass(frozen=True)
class ProductPlugin:
    """What a product package declares.

    ``new_state(cloud)`` builds the product's state for a fresh cloud (handlers receive it as
    ``call.state``; tests reach it as ``cloud.<attribute>``). ``dump``/``load`` are the product's
    part of ``cloud.state()``/``cloud.load()`` (top-level keys of the same JSON object).
    ``account_conditions`` are per-account settings the product reads (name → default), kept on
    every ``Account`` and saved with it. ``dashboard(state)`` is an HTML section of ``/_mock/``.
    """

    product: Product
    attribute: str
    new_state: Callable[["Cloud"], Any]
    dump: Callable[[Any], Dict[str, Any]] = _no_part
    load: Callable[[Any, Dict[str, Any]], None] = _ignore_part
    account_conditions: Mapping[str, Any] = field(default_factory=dict)
    dashboard: Optional[Callable[[Any], str]] = None
