"""The README's examples are executed, so they cannot rot: every ```python block that defines a
test runs as a test module of its own, in one pytest run."""

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"


def example_modules():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    return [block for block in blocks if re.search(r"^(\s*)def test_", block, flags=re.M)]


def test_readme_examples_pass(tmp_path):
    modules = example_modules()
    assert len(modules) >= 7
    for number, source in enumerate(modules):
        (tmp_path / f"test_readme_example_{number}.py").write_text(source, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    tests = sum(len(re.findall(r"^\s*def test_", m, flags=re.M)) for m in modules)
    assert re.search(rf"\b{tests} passed\b", result.stdout), result.stdout[-1000:]
