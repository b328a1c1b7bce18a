"""Security Token Service: AssumeRole and GetCallerIdentity, so code that assumes a role in
another account acts as that account. Its state is the cloud's account registry."""

from ..core.plugin import ProductPlugin
from . import handlers  # noqa: F401  (registers the actions)
from .product import STS

PLUGIN = ProductPlugin(product=STS, attribute="sts", new_state=lambda cloud: cloud.accounts)

__all__ = ["PLUGIN", "STS"]
