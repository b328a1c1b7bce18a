"""While a mock is active, the SDKs' default credential chains resolve to its default account.

The V1 SDK reads ``ALIYUN_ACCESS_KEY_ID``/``_SECRET``; the V2 chain (alibabacloud_credentials)
reads ``ALIBABA_CLOUD_*`` — but only once, when that package is imported, into module globals
(shared/sdk-wire.md §5). So the variables are set, and, if the package is already loaded, its
globals too; the ECS metadata provider is switched off so no chain ever probes 100.100.100.200.
Everything is put back by ``restore()``.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Dict, List, Optional, Tuple

from .core.accounts import Account

_CREDENTIAL_PAIRS = (
    ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"),  # V2 default chain
    ("ALIYUN_ACCESS_KEY_ID", "ALIYUN_ACCESS_KEY_SECRET"),  # V1 AcsClient without keys
)
_METADATA_SWITCH = "ALIBABA_CLOUD_ECS_METADATA_DISABLED"
_REMOVED = ("ALIBABA_CLOUD_SECURITY_TOKEN",)  # a token of a real session must not ride along
_AUTH_UTIL = "alibabacloud_credentials.utils.auth_util"
# The globals that module reads from the environment once, when first imported (with their defaults).
_AUTH_GLOBALS = {
    "environment_access_key_id": ("ALIBABA_CLOUD_ACCESS_KEY_ID", None),
    "environment_access_key_secret": ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", None),
    "environment_security_token": ("ALIBABA_CLOUD_SECURITY_TOKEN", None),
    "environment_ecs_metadata_disabled": ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "false"),
}
_MISSING = object()


class CredentialEnvironment:
    def __init__(self) -> None:
        self._saved_env: Dict[str, Optional[str]] = {}
        self._saved_globals: List[Tuple[Any, str, Any]] = []

    def apply(self, account: Account) -> None:
        """Point every default chain at ``account`` (again, when the default account changes)."""
        variables: Dict[str, Optional[str]] = {name: None for name in _REMOVED}
        for key_id, secret in _CREDENTIAL_PAIRS:
            variables[key_id] = account.access_key_id
            variables[secret] = account.access_key_secret
        variables[_METADATA_SWITCH] = "true"
        for name, value in variables.items():
            self._saved_env.setdefault(name, os.environ.get(name))
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        auth_util = sys.modules.get(_AUTH_UTIL)
        if auth_util is not None:
            for name, (variable, default) in _AUTH_GLOBALS.items():
                self._set_global(auth_util, name, os.environ.get(variable, default))

    def restore(self) -> None:
        for name, value in self._saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        for module, name, value in reversed(self._saved_globals):
            if value is _MISSING:
                delattr(module, name)
            else:
                setattr(module, name, value)
        auth_util = sys.modules.get(_AUTH_UTIL)
        if auth_util is not None and not any(m is auth_util for m, _, _ in self._saved_globals):
            # first imported while a mock was active: it read the mock's keys; read the real ones now
            for name, (variable, default) in _AUTH_GLOBALS.items():
                setattr(auth_util, name, os.environ.get(variable, default))
        self._saved_env, self._saved_globals = {}, []

    def _set_global(self, module: Any, name: str, value: Any) -> None:
        if not any(m is module and n == name for m, n, _ in self._saved_globals):
            self._saved_globals.append((module, name, getattr(module, name, _MISSING)))
        setattr(module, name, value)
