"""The page at ``/_mock/`` in server mode: what a developer opens to see why a test failed.
Plain HTML rendered on the server: no script, no external asset."""

from __future__ import annotations

from html import escape
from typing import Any, Iterable, List, Sequence

from .core.cloud import Cloud

RECENT_CALLS = 50
_STYLE = """body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}h1{font-size:1.4rem}
h2{font-size:1.1rem;margin-top:1.6rem}table{border-collapse:collapse;margin:.4rem 0;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}th{background:#f3f3f3}
.error{color:#a00}.ok{color:#070}.muted{color:#777}"""


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], empty: str) -> str:
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    if not body:
        return f'<p class="muted">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_dashboard(cloud: Cloud) -> str:
    with cloud.lock:
        accounts = list(cloud.accounts.accounts.values())
        product_sections = [
            plugin.dashboard(cloud.states[plugin.product.name]) for plugin in cloud.plugins if plugin.dashboard
        ]
        calls = list(cloud.calls)[-RECENT_CALLS:]
    default_id = cloud.default_account.account_id
    parts: List[str] = [
        "<!doctype html><html><head><meta charset='utf-8'><title>aliyun-mock</title>",
        f"<style>{_STYLE}</style></head><body><h1>aliyun-mock</h1>",
        "<h2>Accounts</h2>",
        table(
            ["account", "site", "AccessKeyId", "default"],
            (
                [
                    escape(a.account_id),
                    escape(a.site),
                    escape(a.access_key_id),
                    "yes" if a.account_id == default_id else "",
                ]
                for a in accounts
            ),
            "no accounts",
        ),
        *product_sections,
        "<h2>Last calls</h2>",
        table(
            ["action", "account", "region", "status", "code"],
            (
                [
                    escape(c.action),
                    escape(c.account_id),
                    escape(c.region_id),
                    f'<span class="{"ok" if c.status == 200 else "error"}">{c.status}</span>',
                    escape(c.code or ""),
                ]
                for c in reversed(calls)
            ),
            "no calls yet",
        ),
        "</body></html>",
    ]
    return "".join(parts)
