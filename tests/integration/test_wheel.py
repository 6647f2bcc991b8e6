"""The wheel installs anywhere: built from a copy of the source, installed into a fresh venv, it translates from
another folder with the bundled model, and it exposes one top-level package, ``glossator``.

Offline: the wheel is built without build isolation (setuptools comes with the test extra) and installed with
``--no-deps --no-index``; the fresh venv finds the third-party dependencies through ``PYTHONPATH`` pointing at this
venv's site-packages, which holds no Glossator code (the editable install is an import hook loaded by a ``.pth``
file, and ``.pth`` files on ``PYTHONPATH`` are not read).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.model]

NOT_SOURCE = shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".mypy_cache",
                                    ".pytest_cache", ".hypothesis", "runs", "work-data", "snapshot_report.html")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the fresh venv it is installed in)."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    shutil.copytree(REPO, source, ignore=NOT_SOURCE, symlinks=True)  # a clean copy: no stale build/ folder
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(root / "dist"),
                    str(source)], check=True, capture_output=True, text=True, timeout=300)
    [wheel] = (root / "dist").glob("glossator-*.whl")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    subprocess.run([*pip, "--python", str(venv / "bin" / "python"), "install", "--no-deps", "--no-index", "-q",
                    str(wheel)], check=True, capture_output=True, text=True, timeout=300)
    return wheel, venv


def _env(tmp_path: Path) -> dict[str, str]:
    deps = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR")}
    return {**keep, "PYTHONPATH": os.pathsep.join(deps), "HOME": str(tmp_path), "GLOSSATOR_HOME": str(tmp_path / "g"),
            "PYTHONNOUSERSITE": "1"}


def test_the_wheel_holds_one_namespace_and_its_data(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names} == {"glossator", "glossator-0.1.0.dist-info"}
    for shipped in ("glossator/seeds/glossary.tsv", "glossator/seeds/model/translate-de_en/model/model.bin",
                    "glossator/seeds/model/translate-de_en/sentencepiece.model", "glossator/tui/app.tcss",
                    "glossator/translate/enforce.py", "glossator/glossary/store.py",
                    "glossator/seeds/lexicon.de.tsv.gz", "glossator/seeds/nouns.de.txt.gz",
                    "glossator/seeds/english.en.txt.gz"):
        assert shipped in names
    assert not [n for n in names if "training" in n.split("/")]
    top_level = zipfile.ZipFile(wheel).read("glossator-0.1.0.dist-info/top_level.txt").decode().split()
    assert top_level == ["glossator"]


def test_translates_from_another_folder(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, venv = installed
    result = subprocess.run([str(venv / "bin" / "glossator"), "translate", "-"], input="Der Hund ist gut.\n",
                            cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "dog" in result.stdout.lower() and "hund" not in result.stdout.lower()


def test_only_glossator_is_importable(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, venv = installed
    probe = (
        "import importlib, json, glossator, glossator.translate.enforce as enforce\n"
        "missing = []\n"
        "for name in ('translate', 'glossary', 'tui', 'seeds', 'training'):\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ModuleNotFoundError:\n"
        "        missing.append(name)\n"
        "print(json.dumps({'missing': missing, 'glossator': glossator.__file__, 'enforce': enforce.__file__}))\n"
    )
    result = subprocess.run([str(venv / "bin" / "python"), "-c", probe], cwd=tmp_path, env=_env(tmp_path),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    import json

    found = json.loads(result.stdout)
    assert found["missing"] == ["translate", "glossary", "tui", "seeds", "training"]
    for module_file in (found["glossator"], found["enforce"]):
        assert Path(module_file).resolve().is_relative_to(venv.resolve())  # the installed copy, not the repository


def test_pip_check_is_clean_in_this_venv() -> None:
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
