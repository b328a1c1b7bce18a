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
    data = [
        p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file() and p.suffix in (".json", ".typed")
    ]
    assert data and [f for f in data if not any(fnmatch.fnmatch(f, glob) for glob in declared)] == []


def test_the_version_is_one_and_the_sdist_carries_a_suite_that_runs(tmp_path):
    """Package, command line and changelog agree on the version; the unpacked sdist's tests run."""
    import re
    import subprocess
    import sys
    import tarfile

    root = pathlib.Path(__file__).resolve().parent.parent
    printed = subprocess.run([sys.executable, "-m", "aliyun_mock", "--version"], capture_output=True, text=True)
    assert printed.stdout.strip() == f"aliyun-mock {aliyun_mock.__version__}"
    assert re.search(r"^## (\S+)", (root / "CHANGELOG.md").read_text(), re.M).group(1) == aliyun_mock.__version__
    built = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from setuptools import build_meta as b; print(b.build_sdist(sys.argv[1]))",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    archive = tmp_path / built.stdout.strip().splitlines()[-1]
    with tarfile.open(archive) as sdist:
        names = sdist.getnames()
        sdist.extractall(tmp_path / "unpacked")
        metadata = sdist.extractfile(next(n for n in names if n.count("/") == 1 and n.endswith("PKG-INFO"))).read()
    assert b"License: Apache-2.0" in metadata and b"Version: " + aliyun_mock.__version__.encode() in metadata
    assert not [n for n in names if "node_modules" in n or "__pycache__" in n]
    for needed in (
        "LICENSE",
        "tests/helpers.py",
        "tests/conftest.py",
        "conftest_plugin.py",
        "fixtures",
        "tests/captures",
        "src/aliyun_mock/resourcesharing/data/api.json",
    ):
        assert any(n.split("/", 1)[-1].startswith(needed) for n in names), needed
    unpacked = next((tmp_path / "unpacked").iterdir())
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_routing.py"],
        capture_output=True,
        text=True,
        cwd=unpacked,
        timeout=300,
    )
    assert run.returncode == 0 and " passed" in run.stdout, run.stdout[-2000:]
