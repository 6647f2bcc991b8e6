"""Static checks run with the tests: mypy on the core, the import-linter contracts of ``pyproject.toml``, and no
import cycles at all.

The repository's ``glossary/``, ``translate/``, ``tui/`` and ``seeds/`` install as ``glossator.*`` through an
import hook (the editable install), which static tools cannot follow; they read a ``glossator/`` tree of symbolic
links to the source folders instead, laid out as the wheel installs them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MAPPED = {"glossary": "glossary", "translate": "translate", "tui": "tui", "seeds": "seeds"}


@pytest.fixture(scope="module")
def tree() -> Path:
    """``build/static-tree/glossator`` (build/ is ignored by git): a fixed place, so mypy's cache there stays valid
    from one run to the next (a cold check takes seconds, a warm one about one)."""
    root = REPO / "build" / "static-tree"
    pkg = root / "glossator"
    if pkg.exists():
        shutil.rmtree(pkg)
    pkg.mkdir(parents=True)
    for item in (REPO / "glossator").iterdir():
        if item.name != "__pycache__":
            (pkg / item.name).symlink_to(item)
    for name, folder in MAPPED.items():
        (pkg / name).symlink_to(REPO / folder, target_is_directory=True)
    return root


def _run(args: list[str], tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(args, cwd=tree, env=env, capture_output=True, text=True, timeout=300)


def test_tree_mirrors_the_installed_packages(tree: Path) -> None:
    """The tree has every package that pyproject.toml installs (so the checks below see all the code)."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    for package in config["tool"]["setuptools"]["packages"]:
        assert (tree / package.replace(".", "/") / "__init__.py").is_file(), package
    assert set(config["tool"]["setuptools"]["package-dir"]) == {"glossator", *(f"glossator.{n}" for n in MAPPED)}


def test_mypy_is_clean_on_glossary_and_translate(tree: Path) -> None:
    result = _run(
        [sys.executable, "-m", "mypy", "--config-file", str(REPO / "pyproject.toml"),
         "--cache-dir", str(tree / ".mypy_cache"), "-p", "glossator.glossary", "-p", "glossator.translate"],
        tree,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_hold(tree: Path) -> None:
    """Layers glossator CLI → tui → translate → glossary → seeds; no textual below tui; no sibling cycles."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = _run([str(lint), "--config", str(REPO / "pyproject.toml"), "--no-cache"], tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


CYCLES = """
import json, grimp
graph = grimp.build_graph("glossator", cache_dir=None)
edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
index, low, stack, on_stack, cycles = {}, {}, [], set(), []
def visit(v):  # Tarjan's strongly connected components
    index[v] = low[v] = len(index); stack.append(v); on_stack.add(v)
    for w in edges[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on_stack:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        component = []
        while True:
            w = stack.pop(); on_stack.discard(w); component.append(w)
            if w == v:
                break
        if len(component) > 1:
            cycles.append(sorted(component))
for m in sorted(edges):
    if m not in index:
        visit(m)
print(json.dumps({"modules": len(edges), "cycles": cycles}))
"""


def test_no_import_cycles(tree: Path) -> None:
    """No module imports itself through others: not at the top, not inside functions, not for type checking, and
    not between a package and its own modules (which import-linter's sibling contract does not see)."""
    result = _run([sys.executable, "-c", CYCLES], tree)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["modules"] > 50  # the whole package was read
    assert found["cycles"] == []
