"""Model packages: listing, the default package, and installing — including hostile ``.argosmodel`` files."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from glossator.translate import models
from glossator.translate.errors import TranslateError

META = {"package_version": "1.0", "from_code": "de", "to_code": "en", "from_name": "German", "to_name": "English"}


def package_files(meta: dict | None = None, weights: bytes = b"weights") -> dict[str, bytes]:
    return {
        "metadata.json": json.dumps(meta or META).encode(),
        "model/model.bin": weights,
        "model/config.json": b"{}",
        "sentencepiece.model": b"spm",
    }


def make_zip(path: Path, files: dict[str, bytes], *, root: str = "translate-de_en-1_0/") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(root + name, data)
    return path


def add_entry(path: Path, name: str, data: bytes = b"x", *, mode: int | None = None) -> None:
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo(name)
        if mode is not None:
            info.external_attr = mode << 16
        zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)


def install(path: Path) -> models.ModelPackage:
    return models.install_file(path, verify=False)


def tree(path: Path) -> set[str]:
    return {str(p.relative_to(path)) for p in path.rglob("*")} if path.exists() else set()


@pytest.fixture
def good_zip(tmp_path: Path) -> Path:
    return make_zip(tmp_path / "good.argosmodel", package_files())


@pytest.fixture
def installed(good_zip: Path) -> models.ModelPackage:
    return install(good_zip)


def test_install_good_file(installed: models.ModelPackage, glossator_home: Path) -> None:
    assert installed.path == glossator_home / "models" / "translate-de_en"
    assert (installed.path / "model" / "model.bin").read_bytes() == b"weights"
    assert installed.code_pair == "de-en" and installed.package_version == "1.0"
    assert models.default_package().path == installed.path
    # No temporary folders left behind.
    assert [p.name for p in (glossator_home / "models").iterdir()] == ["translate-de_en"]


def test_install_flat_zip(tmp_path: Path) -> None:
    pkg = install(make_zip(tmp_path / "flat.argosmodel", package_files(), root=""))
    assert (pkg.path / "sentencepiece.model").is_file()


def test_reinstall_replaces(installed: models.ModelPackage, tmp_path: Path) -> None:
    newer = make_zip(tmp_path / "new.argosmodel", package_files({**META, "package_version": "1.1"}, b"new"))
    pkg = install(newer)
    assert pkg.package_version == "1.1"
    assert (pkg.path / "model" / "model.bin").read_bytes() == b"new"


HOSTILE = {
    "dotdot": lambda p: add_entry(p, "translate-de_en-1_0/../../evil.txt"),
    "dotdot-root": lambda p: add_entry(p, "../evil.txt"),
    "absolute": lambda p: add_entry(p, "/tmp/glossator-evil.txt"),
    "windows-drive": lambda p: add_entry(p, "C:/evil.txt"),
    "backslash": lambda p: add_entry(p, "translate-de_en-1_0\\..\\evil.txt"),
    "symlink": lambda p: add_entry(p, "translate-de_en-1_0/link", b"/etc/passwd", mode=stat.S_IFLNK | 0o777),
    "fifo": lambda p: add_entry(p, "translate-de_en-1_0/fifo", b"", mode=stat.S_IFIFO | 0o644),
    "duplicate": lambda p: add_entry(p, "translate-de_en-1_0/metadata.json", json.dumps(META).encode()),
    "bomb": lambda p: add_entry(p, "translate-de_en-1_0/zeros.bin", b"\0" * (20 << 20)),
}


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("attack", sorted(HOSTILE))
def test_hostile_archives_refused(
    attack: str, installed: models.ModelPackage, tmp_path: Path, glossator_home: Path
) -> None:
    hostile = make_zip(tmp_path / f"{attack}.argosmodel", package_files({**META, "package_version": "9"}, b"evil"))
    HOSTILE[attack](hostile)
    outside_before = tree(tmp_path.parent)
    with pytest.raises(TranslateError):
        install(hostile)
    # Nothing written anywhere, and the previous install is untouched and still the default.
    assert tree(tmp_path.parent) == outside_before
    assert [p.name for p in (glossator_home / "models").iterdir()] == ["translate-de_en"]
    assert models.default_package().package_version == "1.0"
    assert (installed.path / "model" / "model.bin").read_bytes() == b"weights"
    assert not Path("/tmp/glossator-evil.txt").exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({k: v for k, v in package_files().items() if k != "model/model.bin"}, "model/model.bin missing"),
        ({k: v for k, v in package_files().items() if k != "sentencepiece.model"}, "sentencepiece.model missing"),
        ({k: v for k, v in package_files().items() if k != "metadata.json"}, "metadata.json missing"),
        (package_files({**META, "from_code": "fr"}), "fr→en"),
        (package_files({**META, "to_code": "de"}), "de→de"),
        ({**package_files(), "metadata.json": b"{not json"}, "cannot be read"),
        ({**package_files(), "metadata.json": b"[1, 2]"}, "not a JSON object"),
    ],
    ids=["no-weights", "no-spm", "no-metadata", "wrong-source", "wrong-target", "bad-json", "json-list"],
)
def test_incomplete_or_wrong_pair_refused(files: dict, message: str, tmp_path: Path, glossator_home: Path) -> None:
    with pytest.raises(TranslateError, match=message):
        install(make_zip(tmp_path / "x.argosmodel", files))
    assert not (glossator_home / "models" / "translate-de_en").exists()


def test_not_a_zip(tmp_path: Path) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"this is not a zip file at all")
    with pytest.raises(TranslateError, match="not a valid .argosmodel"):
        install(bad)


def test_truncated_zip_keeps_previous(installed: models.ModelPackage, good_zip: Path, tmp_path: Path) -> None:
    data = good_zip.read_bytes()
    cut = tmp_path / "cut.argosmodel"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(TranslateError):
        install(cut)
    assert models.default_package().path == installed.path


def test_corrupt_entry_crc(installed: models.ModelPackage, tmp_path: Path) -> None:
    path = make_zip(tmp_path / "crc.argosmodel", package_files(weights=b"A" * 4000))
    raw = bytearray(path.read_bytes())
    # Flip a byte inside the compressed weights (after the first local header).
    pos = raw.find(b"model/model.bin") + len("model/model.bin") + 5
    raw[pos] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(TranslateError):
        install(path)
    assert (installed.path / "model" / "model.bin").read_bytes() == b"weights"


def test_lying_header_is_caught_while_extracting(tmp_path: Path, glossator_home: Path) -> None:
    """An entry that unpacks to more than its header declares is stopped mid-stream."""
    path = make_zip(tmp_path / "liar.argosmodel", package_files(weights=b"B" * 100_000))
    archive = zipfile.ZipFile(path)
    members, _ = models.validate_archive(archive)
    for m in members:
        object.__setattr__(m.info, "file_size", 10)  # what a forged central directory would say
    dest = glossator_home / "stage"
    dest.mkdir()
    with pytest.raises((TranslateError, zipfile.BadZipFile)):
        models._extract(archive, members, dest)


def test_too_many_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "MAX_ENTRIES", 5)
    files = {**package_files(), **{f"extra{i}": b"" for i in range(5)}}
    with pytest.raises(TranslateError, match="entries"):
        install(make_zip(tmp_path / "many.argosmodel", files))


def test_total_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "MAX_TOTAL_BYTES", 1000)
    files = package_files(weights=os.urandom(2000))
    with pytest.raises(TranslateError, match="more than"):
        install(make_zip(tmp_path / "big.argosmodel", files))


def test_failed_verification_keeps_previous(installed: models.ModelPackage, tmp_path: Path) -> None:
    """verify=True loads the model: fake weights are refused and the old install stays."""
    other = make_zip(tmp_path / "fake.argosmodel", package_files({**META, "package_version": "2"}, b"junk"))
    with pytest.raises(TranslateError, match="usable model"):
        models.install_file(other)
    assert models.default_package().package_version == "1.0"


def test_default_package_falls_back_to_bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = tmp_path / "bundled"
    for name, data in package_files({**META, "package_version": "0.1"}).items():
        (bundled / name).parent.mkdir(parents=True, exist_ok=True)
        (bundled / name).write_bytes(data)
    monkeypatch.setenv(models.BUNDLED_ENV, str(bundled))
    pkg = models.default_package()
    assert pkg.bundled and pkg.path == bundled
    assert models.list_packages() == [(pkg, True)]


def test_no_model_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(models.BUNDLED_ENV, str(tmp_path / "none"))
    with pytest.raises(TranslateError, match="glossator model install"):
        models.default_package()
    assert models.list_packages() == []


def test_nothing_created_by_listing(glossator_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(models.BUNDLED_ENV, str(tmp_path / "none"))
    models.list_packages()
    assert not (glossator_home / "models").exists()


def test_index_offline_fails_fast(glossator_home: Path) -> None:
    import time

    start = time.monotonic()
    with pytest.raises(TranslateError, match="install FILE.argosmodel"):
        models.install_from_index("de-en", index_url="http://127.0.0.1:9/index.json", timeout=2)
    assert time.monotonic() - start < 5
    assert not (glossator_home / "models" / "translate-de_en").exists()


def test_index_install_from_local_index(good_zip: Path, tmp_path: Path) -> None:
    index = tmp_path / "index.json"
    index.write_text(json.dumps([
        {"from_code": "de", "to_code": "fr", "package_version": "1.0", "links": ["file:///nowhere"]},
        {"from_code": "de", "to_code": "en", "package_version": "1.0", "links": [good_zip.as_uri()]},
    ]))
    seen: list[tuple[int, int | None]] = []
    pkg = models.install_from_index(
        "de-en", index_url=index.as_uri(), progress=lambda d, t: seen.append((d, t)), verify=False
    )
    assert pkg.package_version == "1.0"
    assert seen and seen[-1][0] == good_zip.stat().st_size
    # The downloaded temporary file is gone.
    assert [p.name for p in pkg.path.parent.iterdir()] == ["translate-de_en"]


def test_index_wrong_pair_refused() -> None:
    with pytest.raises(TranslateError, match="German→English only"):
        models.install_from_index("fr-en", index_url="http://127.0.0.1:9/")


def test_index_garbage(tmp_path: Path) -> None:
    index = tmp_path / "index.json"
    index.write_bytes(b"<html>")
    with pytest.raises(TranslateError, match="not valid JSON"):
        models.install_from_index("de-en", index_url=index.as_uri())


