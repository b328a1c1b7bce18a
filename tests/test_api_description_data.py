"""The shipped ``api.json`` files are what ``tools/compact_api_meta.py`` makes, and are well-formed.

Where the metadata is at hand, a fresh ``build()`` must equal the checked-in files byte for byte. Everywhere
(also on CI, without the metadata) each file must name the digest of the current script and SDK facts
(``tools/sdk_facts/``, checked in) and have the agreed shape. Where the SDK a facts file was read from is
installed at the recorded version, the file must equal a fresh read of it (``tools/sdk_facts.py``).
"""

import hashlib
import importlib.metadata
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any, Dict

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tools" / "compact_api_meta.py"
FACTS_SCRIPT = REPO / "tools" / "sdk_facts.py"
SDK_FACTS = REPO / "tools" / "sdk_facts"
REGENERATE = "run `python tools/compact_api_meta.py`"
ACTION_KEYS = {"parameters", "response", "errors"}


def load_script(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compact = load_script(SCRIPT)
PRODUCTS = pytest.mark.parametrize("product", compact.PRODUCTS, ids=lambda product: product.output)


def current_digest() -> str:
    """sha256 over the sha256 of the script's bytes, then of each product's SDK facts file there is."""
    facts = [SDK_FACTS / product.meta for product in compact.PRODUCTS]
    digest = hashlib.sha256()
    for path in [SCRIPT, *(path for path in facts if path.is_file())]:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


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
    if json.loads(read(product))["generator"] != current_digest():
        pytest.fail(
            f"{product.output} was made by another version of {SCRIPT.name} or of the SDK facts: {REGENERATE}",
            pytrace=False,
        )


@PRODUCTS
def test_file_has_the_agreed_shape(product: Any) -> None:
    text = read(product)
    data = json.loads(text)
    assert list(data) == ["product", "version", "generator", "source", "actions"]
    assert product.meta == f"{data['product'].lower()}-{data['version']}.json"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["version"])
    assert re.fullmatch(r"[0-9a-f]{64}", data["source"])
    assert data["actions"] and list(data["actions"]) == sorted(data["actions"])
    malformed = [name for name, action in data["actions"].items() if set(action) - {"sdk_only"} != ACTION_KEYS]
    assert not malformed, f"actions without exactly {sorted(ACTION_KEYS)} (and sdk_only): {malformed[:5]}"
    sdk_only = [action for action in data["actions"].values() if "sdk_only" in action]
    assert all(action["sdk_only"] is True and action["errors"] == [] for action in sdk_only)
    assert text == json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "not in the compact form"


@PRODUCTS
def test_sdk_facts_are_merged(product: Any) -> None:
    path = SDK_FACTS / product.meta
    if not path.is_file():
        pytest.skip(f"no SDK facts for {product.meta}")
    facts = json.loads(path.read_text(encoding="utf-8"))
    actions = json.loads(read(product))["actions"]
    assert set(facts) == {"product", "version", "sdk", "actions"}
    assert product.meta == f"{facts['product']}-{facts['version']}.json"
    missing = sorted(set(facts["actions"]) - set(actions))
    assert not missing, f"SDK actions not in {product.output}: {missing[:5]}"
    sdk_only = {name for name, action in actions.items() if action.get("sdk_only")}
    assert sdk_only <= set(facts["actions"]), "an action marked sdk_only the SDK facts do not have"


@pytest.mark.parametrize("stem", sorted(path.stem for path in SDK_FACTS.glob("*.json")))
def test_sdk_facts_equal_a_fresh_read_of_the_installed_sdk(stem: str) -> None:
    facts_script = load_script(FACTS_SCRIPT)
    recorded = json.loads((SDK_FACTS / f"{stem}.json").read_text(encoding="utf-8"))
    sdk = next(sdk for sdk in facts_script.SDKS if sdk.package == recorded["sdk"]["package"])
    try:
        installed = importlib.metadata.version(sdk.package)
    except importlib.metadata.PackageNotFoundError:
        pytest.skip(f"{recorded['sdk']['distribution']} is not installed")
    if installed != recorded["sdk"]["version"]:
        pytest.skip(
            f"{recorded['sdk']['distribution']} {installed} installed, the facts are of {recorded['sdk']['version']}"
        )
    name, fresh = facts_script.sdk_facts(sdk)
    if name != f"{stem}.json" or facts_script.render(fresh) != (SDK_FACTS / name).read_text(encoding="utf-8"):
        pytest.fail(f"tools/sdk_facts/{stem}.json is stale: run `python tools/sdk_facts.py`", pytrace=False)
