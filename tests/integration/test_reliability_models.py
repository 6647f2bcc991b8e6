"""Model packages under adversity (issue 17): an install killed at any point of its swap, stale folders of
killed installs, and terminal escapes in a package's metadata."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossator.cli import cli
from glossator.translate import models

META = {"package_version": "1.0", "from_code": "de", "to_code": "en", "from_name": "German", "to_name": "English"}

KILLED_INSTALL = """
import os, signal, sys
from glossator.translate import models
point, calls = int(sys.argv[2]), []
real_replace = os.replace

def replace(a, b):
    calls.append((a, b))
    if len(calls) == point:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_replace(a, b)

if point == 0:  # killed while extracting
    real_extract = models._extract
    def extract(*args):
        real_extract(*args)
        os.kill(os.getpid(), signal.SIGKILL)
    models._extract = extract
os.replace = replace
models.install_file(sys.argv[1], verify=False)
print("finished")
"""


def _package(path: Path, version: str, weights: bytes, meta: dict | None = None) -> Path:
    files = {
        "metadata.json": json.dumps(meta or {**META, "package_version": version}).encode(),
        "model/model.bin": weights,
        "model/config.json": b"{}",
        "sentencepiece.model": b"spm",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr("translate-de_en-1_0/" + name, data)
    return path


@pytest.mark.parametrize("point", [0, 1, 2, 3, 4])
def test_an_install_killed_at_any_point_leaves_a_working_installed_model(point: int, tmp_path: Path,
                                                                         glossator_home: Path) -> None:
    models.install_file(_package(tmp_path / "old.argosmodel", "1.0", b"old weights"), verify=False)
    new = _package(tmp_path / "new.argosmodel", "1.1", b"new weights")
    script = tmp_path / "killed.py"
    script.write_text(KILLED_INSTALL)
    for _ in range(3):  # killed installs pile up stale folders unless they are cleaned
        proc = subprocess.run([sys.executable, str(script), str(new), str(point)], capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode in (-9, 0), proc.stderr
    # the next command (here `model list`) finds an installed model, old or new, and no stale folder
    result = CliRunner().invoke(cli, ["model", "list", "--json"])
    assert result.exit_code == 0, result.output
    in_use = [p for p in json.loads(result.output)["packages"] if p["in_use"]]
    assert len(in_use) == 1 and not in_use[0]["bundled"], result.output
    weights = (Path(in_use[0]["path"]) / "model" / "model.bin").read_bytes()
    assert (in_use[0]["version"], weights) in (("1.0", b"old weights"), ("1.1", b"new weights"))
    assert sorted(p.name for p in (glossator_home / "models").iterdir() if not p.name.endswith(".lock")) == [
        "translate-de_en"]
    # and a later install still works
    again = models.install_file(_package(tmp_path / "v2.argosmodel", "2.0", b"v2"), verify=False)
    assert (again.path / "model" / "model.bin").read_bytes() == b"v2"


@pytest.mark.model
def test_terminal_escapes_in_package_metadata_are_shown_inert(tmp_path: Path, bundled_model: Path,
                                                               glossator_home: Path) -> None:
    meta = json.loads((bundled_model / "metadata.json").read_text(encoding="utf-8"))
    meta["package_version"] = "1.0\x1b]0;pwned\x07\x1b[31m\x9b2J"
    archive = tmp_path / "hostile.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(bundled_model.rglob("*")):
            if path.is_file() and path.name != "metadata.json":
                zf.write(path, "pkg/" + str(path.relative_to(bundled_model)))
        zf.writestr("pkg/metadata.json", json.dumps(meta, ensure_ascii=False))
    runner = CliRunner()
    installed = runner.invoke(cli, ["model", "install", str(archive)])
    listed = runner.invoke(cli, ["model", "list"])
    for result in (installed, listed):
        assert result.exit_code == 0, result.output
        assert not any(ch in result.output for ch in "\x1b\x07\x9b"), result.output
        assert "1.0␛]0;pwned␇␛[31m" in result.output
    data = json.loads(runner.invoke(cli, ["model", "list", "--json"]).output)
    assert data["packages"][0]["version"] == meta["package_version"]  # JSON keeps the data exact


@pytest.mark.parametrize("name", [".", "", "./", "translate-de_en-1_0/."], ids=["dot", "empty", "dot-slash", "root-dot"])
def test_a_member_named_dot_or_nothing_is_refused_in_one_line(name: str, tmp_path: Path, glossator_home: Path) -> None:
    archive = _package(tmp_path / "odd.argosmodel", "1.0", b"w")
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr(zipfile.ZipInfo(name), b"x")
    result = CliRunner().invoke(cli, ["model", "install", str(archive)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
    assert not (glossator_home / "models" / "translate-de_en").exists()


def test_many_small_members_that_compress_too_well_are_refused(tmp_path: Path, glossator_home: Path) -> None:
    archive = _package(tmp_path / "bomb.argosmodel", "1.0", b"w")
    with zipfile.ZipFile(archive, "a", zipfile.ZIP_DEFLATED) as zf:
        for i in range(40):  # each just under the per-file ratio threshold
            zf.writestr(f"translate-de_en-1_0/pad/{i}.bin", b"\0" * ((1 << 20) - 1))
    with pytest.raises(models.TranslateError, match="zip bomb"):
        models.install_file(archive, verify=False)
    models_dir = glossator_home / "models"
    assert not models_dir.exists() or [p for p in models_dir.iterdir() if p.is_dir()] == []


@pytest.mark.parametrize("where", ["archive", "installed"])
def test_metadata_nested_100000_deep_is_a_one_line_error(where: str, tmp_path: Path, glossator_home: Path) -> None:
    deep = '{"from_code": "de", "to_code": "en", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    if where == "archive":
        archive = _package(tmp_path / "deep.argosmodel", "1.0", b"w")
        with zipfile.ZipFile(tmp_path / "deep2.argosmodel", "w") as out, zipfile.ZipFile(archive) as src:
            for info in src.infolist():
                data = deep.encode() if info.filename.endswith("metadata.json") else src.read(info)
                out.writestr(info.filename, data)
        result = CliRunner().invoke(cli, ["model", "install", str(tmp_path / "deep2.argosmodel")])
        assert result.exit_code == 1 and "nested too deeply" in result.output
    else:
        pkg = glossator_home / "models" / "translate-de_en"
        (pkg / "model").mkdir(parents=True)
        (pkg / "model" / "model.bin").write_bytes(b"w")
        (pkg / "sentencepiece.model").write_bytes(b"s")
        (pkg / "metadata.json").write_text(deep)
        result = CliRunner().invoke(cli, ["model", "list"])
        assert result.exit_code == 0 and "Traceback" not in result.output
