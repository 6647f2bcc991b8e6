"""``glossator model list`` and ``glossator model install`` as a user sees them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossator.cli import cli

META = {"package_version": "1.0", "from_code": "de", "to_code": "en"}


def write_package(root: Path, version: str = "0.1") -> Path:
    files = {
        "metadata.json": json.dumps({**META, "package_version": version}).encode(),
        "model/model.bin": b"w" * 2048,
        "sentencepiece.model": b"spm",
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = write_package(tmp_path / "bundled" / "translate-de_en")
    monkeypatch.setenv("GLOSSATOR_BUNDLED_MODEL", str(path))
    return path


def test_list_says_bundled_is_used(bundled: Path) -> None:
    result = CliRunner().invoke(cli, ["model", "list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("* de-en  0.1")
    assert "bundled" in lines[0] and str(bundled) in lines[0]
    assert lines[1].startswith("Using the bundled model")


def test_list_installed_wins(bundled: Path, glossator_home: Path) -> None:
    write_package(glossator_home / "models" / "translate-de_en", "1.9")
    result = CliRunner().invoke(cli, ["model", "list", "--json"])
    rows = json.loads(result.output)["packages"]
    assert [(r["version"], r["bundled"], r["in_use"]) for r in rows] == [("1.9", False, True), ("0.1", True, False)]
    assert rows[0]["size"] > 2048


def test_list_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSSATOR_BUNDLED_MODEL", str(tmp_path / "none"))
    result = CliRunner().invoke(cli, ["model", "list"])
    assert result.exit_code == 0
    assert "glossator model install de-en" in result.output


def test_install_hostile_file(tmp_path: Path, glossator_home: Path) -> None:
    evil = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("../../evil.txt", b"x")
    result = CliRunner().invoke(cli, ["model", "install", str(evil)])
    assert result.exit_code == 1
    assert result.stderr == "Error: The package contains a path that leaves its folder: '../../evil.txt'.\n"
    assert not (glossator_home / "models").exists() or not any((glossator_home / "models").iterdir())


def test_install_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["model", "install", str(tmp_path / "nope.argosmodel")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "no such file" in result.stderr


def test_install_offline_fails_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSSATOR_ARGOS_INDEX", "http://127.0.0.1:9/index.json")
    result = CliRunner().invoke(cli, ["model", "install", "de-en", "--timeout", "2"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Cannot reach the Argos package index")
    assert "glossator model install FILE.argosmodel" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_help_has_examples() -> None:
    for args in (["model", "--help"], ["model", "list", "--help"], ["model", "install", "-h"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0 and "Example" in result.output


@pytest.mark.model
def test_install_bundled_model_as_file(tmp_path: Path, bundled_model: Path, glossator_home: Path) -> None:
    """A real package zipped like an .argosmodel installs, loads (verify) and becomes the default."""
    archive = tmp_path / "translate-de_en-test.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(bundled_model.rglob("*")):
            if path.is_file():
                zf.write(path, "translate-de_en-test/" + str(path.relative_to(bundled_model)))
    result = CliRunner().invoke(cli, ["model", "install", str(archive)])
    assert result.exit_code == 0, result.stderr
    listing = CliRunner().invoke(cli, ["model", "list"]).output.splitlines()
    assert listing[0].startswith("* de-en") and "installed" in listing[0]
