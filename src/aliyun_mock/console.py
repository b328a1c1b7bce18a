"""The console at ``/_mock/console``: the product documents' console steps in a browser.

The page (``data/console.html``, no build step, no framework) acts as one of the mock's accounts:
every action it offers is an API call of that account, which this module signs with the account's
own key and hands to the same application as any SDK's request — so the answers, refusals
included, are the cloud's, and every call appears in ``cloud.calls``. Secrets never reach the
page. A call from the page must carry the server's console token, which the page receives inside
its own HTML: a page of another origin cannot read it (no CORS), so it cannot act through the
console either.
"""

from __future__ import annotations

import functools
import json
import secrets
import time
import uuid
from importlib import resources
from typing import Any, Dict
from urllib.parse import urlencode

from . import geography
from .core.accounts import Account
from .core.cloud import Cloud
from .core.signing import rpc_signature, rpc_string_to_sign
from .core.wire import WireRequest

TOKEN_HEADER = "x-aliyun-mock-console-token"
_TOKEN_SLOT = "__CONSOLE_TOKEN__"
CALLS_SHOWN = 500  # the Calls page lists the latest ones; its filters search them all


class Console:
    """The console of one served mock: its page, and the calls it makes as an account."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.token = secrets.token_urlsafe(24)
        self._own_calls = 0  # the console's own calls: the page redraws after them itself

    @functools.cached_property
    def page(self) -> str:
        """The console's HTML, with this server's token in it (read from the package once)."""
        template = resources.files("aliyun_mock").joinpath("data/console.html").read_text(encoding="utf-8")
        return template.replace(_TOKEN_SLOT, self.token)

    def trusted(self, headers: Any) -> bool:
        return secrets.compare_digest(str(headers.get(TOKEN_HEADER, "")), self.token)

    def session(self) -> Dict[str, Any]:
        """Who the page may act as, the regions it offers, and a pulse that changes with every call."""
        with self.cloud.lock:
            accounts = [{"account_id": a.account_id, "site": a.site} for a in self.cloud.accounts.accounts.values()]
            default = self.cloud.default_account.account_id
        regions = [{"region_id": r, "name": row.get("LocalNameEn", r)} for r, row in geography.regions().items()]
        return {"accounts": accounts, "default_account_id": default, "regions": regions, **self.pulse()}

    def pulse(self) -> Dict[str, Any]:
        """A value that changes whenever someone else may have changed the mock: a call not made by
        the console (its own reads must not make the page redraw, and read again, for ever), a new
        account, a reset or a load."""
        with self.cloud.lock:
            others = len(self.cloud.calls) + self.cloud.calls_dropped - self._own_calls
            return {"pulse": f"{id(self.cloud.states)}:{others}:{len(self.cloud.accounts.accounts)}"}

    def calls(self, action: str = "", account: str = "") -> Dict[str, Any]:
        """The latest ``CALLS_SHOWN`` calls whose action contains ``action`` (any case) and whose
        account contains ``account``, newest first, and how many match in all."""
        with self.cloud.lock:
            records = list(self.cloud.calls)
        wanted = action.lower()
        matching = [(n, r) for n, r in enumerate(records, 1) if wanted in r.action.lower() and account in r.account_id]
        shown = [
            {"index": n, "action": r.action, "account_id": r.account_id, "region_id": r.region_id,
             "params": r.params, "status": r.status, "code": r.code, "message": r.message,
             "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(r.time))}
            for n, r in reversed(matching[-CALLS_SHOWN:])
        ]  # fmt: skip
        return {"total": len(matching), "calls": shown}

    def call(self, account: Account, body: Dict[str, Any]) -> Dict[str, Any]:
        """A call as ``account``: ``{"product"?, "action", "region_id", "params"}`` → ``{"status", "body"}``, the API's."""
        product = self._product(str(body.get("product", "ecs")))
        region = str(body["region_id"])
        params = {str(k): str(v) for k, v in dict(body.get("params") or {}).items()}
        query = {
            **params,
            "Action": str(body["action"]),
            "Version": product.version,
            "Format": "JSON",
            "RegionId": params.get("RegionId", region),
            "AccessKeyId": account.access_key_id,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureVersion": "1.0",
            "SignatureNonce": uuid.uuid4().hex,
            "Timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        pairs = list(query.items())
        query["Signature"] = rpc_signature(account.access_key_secret, rpc_string_to_sign("GET", pairs))
        host = f"{product.host_label}.{region}.aliyuncs.com"
        raw = urlencode(query)
        request = WireRequest("GET", "https", host, "/", raw, {"host": host}, b"", f"https://{host}/?{raw}")
        with self.cloud.lock:  # the call and its count together: a pulse never sees one without the other
            status, _, payload = self.cloud.app.answer(request)
            self._own_calls += 1
        return {"status": status, "body": json.loads(payload)}

    def _product(self, name: str) -> Any:
        for product in self.cloud.app.products:
            if product.host_label == name:
                return product
        raise KeyError(f"the mock has no product {name!r}")
