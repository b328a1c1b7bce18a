"""Security Token Service: AssumeRole and GetCallerIdentity, so code that assumes a role in
another account acts as that account."""

from . import handlers  # noqa: F401  (registers the actions)
from .product import STS

__all__ = ["STS"]
