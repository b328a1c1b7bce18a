"""The core knows no product: products import the core, never the other way round."""

import ast
import pathlib

import pytest

import aliyun_mock

CORE = pathlib.Path(aliyun_mock.__file__).parent / "core"


def _imports_leaving_core(path: pathlib.Path) -> list:
    leaving = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level >= 2 or (node.level == 0 and (node.module or "").startswith("aliyun_mock")):
                if not (node.level == 0 and (node.module or "").startswith("aliyun_mock.core")):
                    leaving.append(f"{path.name}:{node.lineno} from {'.' * node.level}{node.module or ''}")
        elif isinstance(node, ast.Import):
            leaving += [
                f"{path.name}:{node.lineno} import {a.name}"
                for a in node.names
                if a.name.startswith("aliyun_mock") and not a.name.startswith("aliyun_mock.core")
            ]
    return leaving


def test_core_imports_nothing_outside_core():
    offenders = [line for path in sorted(CORE.glob("*.py")) for line in _imports_leaving_core(path)]
    assert offenders == []


def test_the_check_sees_an_import_of_a_product(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text("from ..ecs import state\nimport aliyun_mock.sts\nfrom . import errors\n")
    assert _imports_leaving_core(module) == ["sample.py:1 from ..ecs", "sample.py:2 import aliyun_mock.sts"]


def test_a_product_state_is_reached_through_its_plugin():
    from aliyun_mock.products import PRODUCTS, new_cloud

    cloud = new_cloud()
    assert {plugin.attribute for plugin in PRODUCTS} == {"ecs", "sts", "vpc", "resource_directory", "resource_sharing"}
    assert cloud.ecs is cloud.states["Ecs"]
    assert cloud.default_account.community_terms_signed is True  # an ECS account condition


def test_every_data_file_of_the_package_is_declared_package_data():
    """A product's data (its API description) must ship in the wheel, not only in a checkout."""
    import fnmatch
    from pathlib import Path

    try:
        import tomllib
    except ImportError:  # Python < 3.11
        pytest.skip("reading pyproject.toml needs tomllib (Python 3.11+)")
    root = Path(__file__).resolve().parent.parent
    declared = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["aliyun_mock"]
    package = root / "src" / "aliyun_mock"
    data = [p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file() and p.suffix in (".json", ".typed")]
    assert data and [f for f in data if not any(fnmatch.fnmatch(f, glob) for glob in declared)] == []
