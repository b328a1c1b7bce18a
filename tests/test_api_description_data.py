"""The shipped ``api.json`` files are what ``tools/compact_api_meta.py`` makes, and are well-formed.

Where the metadata is at hand, a fresh ``build()`` must equal the checked-in files byte for byte. Everywhere
(also on CI, without the metadata) each file must name the current script's digest and have the agreed shape.
"""

import hashlib
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any, Dict

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tools" / "compact_api_meta.py"
REGENERATE = "run `python tools/compact_api_meta.py`"
ACTION_KEYS = {"parameters", "response", "errors"}


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compact_api_meta", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compact = load_script()
PRODUCTS = pytest.mark.parametrize("product", compact.PRODUCTS, ids=lambda product: product.output)


@pytest.fixture(scope="module")
def fresh_build() -> Dict[str, str]:
    source = compact.default_source()
    if not (source / "api-meta").is_dir():
        pytest.skip(f"no metadata under {source} (set {compact.SOURCE_ENV} to check freshness)")
    return compact.build(source)


def read(product: Any) -> str:
    return (REPO / product.output).read_text(encoding="utf-8")


@PRODUCTS
def test_checked_in_file_equals_a_fresh_build(product: Any, fresh_build: Dict[str, str]) -> None:
    if read(product) != fresh_build[product.output]:
        pytest.fail(f"{product.output} is stale: {REGENERATE}", pytrace=False)


@PRODUCTS
def test_file_names_the_current_generator(product: Any) -> None:
    digest = hashlib.sha256(SCRIPT.read_bytes()).hexdigest()
    if json.loads(read(product))["generator"] != digest:
        pytest.fail(f"{product.output} was made by another version of {SCRIPT.name}: {REGENERATE}", pytrace=False)


@PRODUCTS
def test_file_has_the_agreed_shape(product: Any) -> None:
    text = read(product)
    data = json.loads(text)
    assert list(data) == ["product", "version", "generator", "source", "actions"]
    assert product.meta == f"{data['product'].lower()}-{data['version']}.json"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["version"])
    assert re.fullmatch(r"[0-9a-f]{64}", data["source"])
    assert data["actions"] and list(data["actions"]) == sorted(data["actions"])
    malformed = [name for name, action in data["actions"].items() if set(action) != ACTION_KEYS]
    assert not malformed, f"actions without exactly {sorted(ACTION_KEYS)}: {malformed[:5]}"
    assert text == json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "not in the compact form"
