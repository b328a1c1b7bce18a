"""Values several ECS actions accept for the same parameter, named once."""

from __future__ import annotations

ACCEPT_LANGUAGES = ("zh-CN", "zh-TW", "en-US", "ja", "fr", "de", "ko")
INSTANCE_CHARGE_TYPES = ("PrePaid", "PostPaid")
SPOT_STRATEGIES = ("NoSpot", "SpotWithPriceLimit", "SpotAsPriceGo")
INTERNET_CHARGE_TYPES = ("PayByTraffic", "PayByBandwidth")
LOCK_REASONS = ("financial", "security", "Recycling", "dedicatedhostfinancial", "refunded")
