"""``docs/coverage.md`` is what ``tools/make_coverage.py`` makes from the registry, so it cannot go stale:
implementing an action or declaring a parameter's class without regenerating it fails here."""

import difflib
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tools" / "make_coverage.py"
DOC = REPO / "docs" / "coverage.md"
REGENERATE = "run `python tools/make_coverage.py`"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_coverage", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_checked_in_coverage_doc_equals_a_fresh_generation() -> None:
    if not DOC.is_file():
        pytest.fail(f"{DOC.relative_to(REPO)} is missing: {REGENERATE}", pytrace=False)
    fresh = load_script().render()
    checked_in = DOC.read_text(encoding="utf-8")
    if checked_in != fresh:
        diff = difflib.unified_diff(
            checked_in.splitlines(), fresh.splitlines(), "checked in", "fresh", n=1, lineterm=""
        )
        shown = "\n".join(list(diff)[:40])
        pytest.fail(f"{DOC.relative_to(REPO)} is stale: {REGENERATE}\n{shown}", pytrace=False)


def test_generation_is_deterministic() -> None:
    script = load_script()
    assert script.render() == script.render()
