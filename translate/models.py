"""Argos model packages: the ones installed under ``$GLOSSATOR_HOME/models/``, the bundled one, installing.

An installed de→en package wins over the bundled model in ``seeds/model/translate-de_en/`` (override its
location with ``GLOSSATOR_BUNDLED_MODEL``). Installing validates the ``.argosmodel`` zip completely before a
single byte is extracted, extracts into a temporary folder inside the models folder, and swaps it in with a
rename, so a refused or broken file leaves the previous install working.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from glossator.glossary.home import glossator_home
from glossator.translate.errors import TranslateError

if TYPE_CHECKING:  # pragma: no cover
    from glossator.translate.engine import ArgosEngine

FROM_CODE = "de"
TO_CODE = "en"
PACKAGE_NAME = f"translate-{FROM_CODE}_{TO_CODE}"
REQUIRED_FILES = ("metadata.json", "model/model.bin", "sentencepiece.model")
BUNDLED_ENV = "GLOSSATOR_BUNDLED_MODEL"
INDEX_ENV = "GLOSSATOR_ARGOS_INDEX"
ARGOS_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"

# Limits against hostile archives. The official de→en package is about 100 MB unpacked.
MAX_ENTRIES = 1000
MAX_ENTRY_BYTES = 1 << 30  # 1 GiB
MAX_TOTAL_BYTES = 2 << 30  # 2 GiB
MAX_METADATA_BYTES = 1 << 20
MAX_COMPRESSION_RATIO = 100  # model weights compress about 1.1×; text about 4×; bombs 1000×
RATIO_CHECK_MIN_BYTES = 1 << 20  # tiny files may compress well without harm; the whole archive is checked too

_LOCK_NAME = ".models.lock"
_STALE_PREFIXES = (".install-", ".ready-", ".old-")
"""Folders of installs in progress: ``.install-*`` (extracting), ``.ready-*`` (extracted and verified, about to be
swapped in), ``.old-*`` (the previous package, moved aside during the swap)."""

INSTALL_HINT = (
    "Download translate-de_en-*.argosmodel on a connected machine "
    "(https://www.argosopentech.com/argospm/index/) and run: glossator model install FILE.argosmodel"
)


@dataclass(frozen=True)
class ModelPackage:
    """A de→en (or other) Argos package on disk."""

    path: Path
    from_code: str
    to_code: str
    package_version: str
    size_bytes: int
    bundled: bool = False

    @property
    def code_pair(self) -> str:
        return f"{self.from_code}-{self.to_code}"


def models_dir() -> Path:
    """Where installed packages live (not created here)."""
    return glossator_home() / "models"


def bundled_package_dir() -> Path:
    """The bundled model's folder: ``$GLOSSATOR_BUNDLED_MODEL`` or ``model/translate-de_en`` of the package data."""
    env = os.environ.get(BUNDLED_ENV)
    if env:
        return Path(env).expanduser()
    from glossator.seeds import seed_path

    return seed_path("model", PACKAGE_NAME)


def _dir_size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += (Path(root) / name).lstat().st_size
            except OSError:
                pass
    return total


def read_package(path: Path, *, bundled: bool = False) -> ModelPackage | None:
    """The package in ``path``, or ``None`` when it is not a complete Argos package."""
    if not all((path / f).is_file() for f in REQUIRED_FILES):
        return None
    try:
        meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(meta, dict):
        return None
    return ModelPackage(
        path=path,
        from_code=str(meta.get("from_code", "?")),
        to_code=str(meta.get("to_code", "?")),
        package_version=str(meta.get("package_version", "?")),
        size_bytes=_dir_size(path),
        bundled=bundled,
    )


@contextmanager
def _install_lock(root: Path, *, wait: bool) -> Iterator[bool]:
    """An exclusive lock on the models folder for an install (``wait``) or a recovery (not ``wait``); yields
    whether it was taken (not when another install holds it, or the folder is read-only)."""
    import fcntl

    try:
        # Beside the models folder, not in it: the folder holds packages only.
        fd = os.open(root.parent / _LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except OSError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _recover(root: Path) -> None:
    """Finish a swap an install was killed in, and remove the folders of killed installs (lock held).

    With no package in place, a ``.ready-*`` folder (verified before the swap began) is moved in, else the
    package a ``.old-*`` folder holds: the model in use is never silently lost to the bundled one."""
    final = root / PACKAGE_NAME
    if not (final.exists() or final.is_symlink()):
        ready = sorted(root.glob(".ready-*"), key=lambda p: p.stat().st_mtime, reverse=True)
        old = [p / PACKAGE_NAME for p in sorted(root.glob(".old-*"))]
        for candidate in (*ready, *old):
            if candidate.is_dir() and not candidate.is_symlink() and read_package(candidate) is not None:
                os.replace(candidate, final)
                break
    for child in root.iterdir():
        if child.name.startswith(_STALE_PREFIXES):
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)


def recover_installs() -> None:
    """Repair what an interrupted install left in the models folder (see :func:`_recover`); a no-op while
    another install runs, when nothing is left over, or when the folder cannot be written."""
    root = models_dir()
    try:
        if not root.is_dir() or not any(c.name.startswith(_STALE_PREFIXES) for c in root.iterdir()):
            return
        with _install_lock(root, wait=False) as locked:
            if locked:
                _recover(root)
    except OSError:
        pass  # a read-only or vanished folder: use what is there


def installed_packages() -> list[ModelPackage]:
    """Complete packages under the models folder (temporary and old folders of installs are skipped)."""
    root = models_dir()
    if not root.is_dir():
        return []
    recover_installs()
    found = []
    for child in sorted(root.iterdir()):
        if child.name.startswith(".") or not child.is_dir() or child.is_symlink():
            continue
        pkg = read_package(child)
        if pkg is not None:
            found.append(pkg)
    return found


def bundled_package() -> ModelPackage | None:
    return read_package(bundled_package_dir(), bundled=True)


def _version_key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in version.replace("-", ".").split("."))


def default_package() -> ModelPackage:
    """The de→en package to translate with: the newest installed one, else the bundled model."""
    candidates = [p for p in installed_packages() if (p.from_code, p.to_code) == (FROM_CODE, TO_CODE)]
    if candidates:
        return max(candidates, key=lambda p: _version_key(p.package_version))
    bundled = bundled_package()
    if bundled is not None:
        return bundled
    raise TranslateError(
        f"No German→English model is installed and the bundled model is missing ({bundled_package_dir()}). "
        "Run: glossator model install de-en   (or: glossator model install FILE.argosmodel)"
    )


def list_packages() -> list[tuple[ModelPackage, bool]]:
    """Every package Glossator knows (installed, then bundled), each with whether it is the one in use."""
    try:
        in_use: Path | None = default_package().path
    except TranslateError:
        in_use = None
    packages = installed_packages()
    bundled = bundled_package()
    if bundled is not None:
        packages.append(bundled)
    return [(p, p.path == in_use) for p in packages]


def load_engine(
    package: ModelPackage | Path | None = None, *, beam_size: int | None = None, threads: int | None = None
) -> ArgosEngine:
    """An :class:`~translate.engine.ArgosEngine` on ``package`` (default: :func:`default_package`)."""
    from glossator.translate.engine import DEFAULT_BEAM_SIZE, ArgosEngine

    if package is None:
        package = default_package()
    path = package.path if isinstance(package, ModelPackage) else Path(package)
    return ArgosEngine(path, beam_size=beam_size or DEFAULT_BEAM_SIZE, threads=threads)


# -- installing from a file ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Member:
    info: zipfile.ZipInfo
    relative: PurePosixPath  # path inside the package root


def _check_member_name(name: str) -> PurePosixPath:
    if "\\" in name or "\x00" in name:
        raise TranslateError(f"The package contains an unsafe file name: {name!r}.")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise TranslateError(f"The package contains an absolute path: {name!r}.")
    path = PurePosixPath(name)
    if any(part == ".." for part in path.parts):
        raise TranslateError(f"The package contains a path that leaves its folder: {name!r}.")
    if not path.parts:
        raise TranslateError(f"The package contains an empty or '.' file name: {name!r}.")
    return path


def validate_archive(archive: zipfile.ZipFile) -> tuple[list[_Member], dict]:
    """Check every entry of an ``.argosmodel`` zip and read its metadata, without extracting anything.

    Returns the file members relative to the package root and the parsed ``metadata.json``.
    """
    infos = archive.infolist()
    if not infos:
        raise TranslateError("The package is an empty zip file.")
    if len(infos) > MAX_ENTRIES:
        raise TranslateError(f"The package has {len(infos)} entries; at most {MAX_ENTRIES} are allowed.")
    names: set[str] = set()
    paths: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
    total = 0
    compressed = 0
    for info in infos:
        path = _check_member_name(info.filename)
        mode = info.external_attr >> 16
        kind = stat.S_IFMT(mode)
        if kind == stat.S_IFLNK:
            raise TranslateError(f"The package contains a symbolic link: {info.filename!r}.")
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise TranslateError(f"The package contains a special file: {info.filename!r}.")
        key = str(path).rstrip("/")
        if key in names:
            raise TranslateError(f"The package contains {info.filename!r} twice.")
        names.add(key)
        if info.is_dir():
            continue
        if info.file_size > MAX_ENTRY_BYTES:
            raise TranslateError(f"{info.filename!r} in the package is too large ({info.file_size} bytes).")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise TranslateError(f"The package unpacks to more than {MAX_TOTAL_BYTES} bytes.")
        if info.file_size >= RATIO_CHECK_MIN_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise TranslateError(f"{info.filename!r} in the package is compressed suspiciously well (zip bomb?).")
        compressed += info.compress_size
        paths.append((info, path))
    # Many members each under the per-file threshold add up: the archive as a whole must not be a bomb either.
    if total >= RATIO_CHECK_MIN_BYTES and total > MAX_COMPRESSION_RATIO * max(compressed, 1):
        raise TranslateError(
            f"The package unpacks to {total} bytes from {compressed}: compressed suspiciously well (zip bomb?)."
        )
    if not paths:
        raise TranslateError("The package contains no files.")
    # Argos packages hold one top folder (translate-de_en-1_0/); accept files at the top as well.
    tops = {p.parts[0] for _, p in paths}
    root_len = 1 if len(tops) == 1 and all(len(p.parts) > 1 for _, p in paths) else 0
    members = [_Member(info, PurePosixPath(*p.parts[root_len:])) for info, p in paths]
    by_rel = {str(m.relative): m for m in members}
    missing = [f for f in REQUIRED_FILES if f not in by_rel]
    if missing:
        raise TranslateError(f"The package is not an Argos model: {', '.join(missing)} missing.")
    meta_info = by_rel["metadata.json"].info
    if meta_info.file_size > MAX_METADATA_BYTES:
        raise TranslateError("The package's metadata.json is too large.")
    try:
        meta = json.loads(archive.read(meta_info).decode("utf-8"))
    except (zipfile.BadZipFile, zlib.error, UnicodeDecodeError, json.JSONDecodeError, ValueError, OSError) as exc:
        raise TranslateError(f"The package's metadata.json cannot be read: {exc}.") from exc
    except RecursionError:
        raise TranslateError("The package's metadata.json is nested too deeply to be a package's metadata.") from None
    if not isinstance(meta, dict):
        raise TranslateError("The package's metadata.json is not a JSON object.")
    pair = (meta.get("from_code"), meta.get("to_code"))
    if pair != (FROM_CODE, TO_CODE):
        raise TranslateError(
            f"The package translates {pair[0] or '?'}→{pair[1] or '?'}; Glossator needs German→English (de→en)."
        )
    return members, meta


def _extract(archive: zipfile.ZipFile, members: list[_Member], dest: Path) -> None:
    """Extract checked members into ``dest`` with byte limits enforced while reading (headers can lie)."""
    dest_resolved = dest.resolve()
    total = 0
    for member in members:
        target = dest / Path(*member.relative.parts)
        if not target.resolve().is_relative_to(dest_resolved):
            raise TranslateError(f"The package contains a path that leaves its folder: {member.info.filename!r}.")
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        with archive.open(member.info) as src, open(target, "xb") as out:
            while chunk := src.read(1 << 20):
                written += len(chunk)
                total += len(chunk)
                if written > member.info.file_size or written > MAX_ENTRY_BYTES or total > MAX_TOTAL_BYTES:
                    raise TranslateError(f"{member.info.filename!r} unpacks to more than it declares (zip bomb?).")
                out.write(chunk)


def _verify_loads(path: Path) -> None:
    """Load the staged model once, outside the engine cache, and decode a word."""
    import ctranslate2
    import sentencepiece

    try:
        sp = sentencepiece.SentencePieceProcessor(model_file=str(path / "sentencepiece.model"))
        translator = ctranslate2.Translator(str(path / "model"), device="cpu", intra_threads=1)
        translator.translate_batch([sp.encode("Hallo.", out_type=str)], beam_size=1, max_decoding_length=8)
    except (RuntimeError, ValueError, OSError) as exc:
        raise TranslateError(str(exc)) from exc


def install_file(archive_path: str | os.PathLike[str], *, verify: bool = True) -> ModelPackage:
    """Install an ``.argosmodel`` file as the de→en package, replacing a previous install only on success.

    Args:
        archive_path: the ``.argosmodel`` (zip) file.
        verify: load the model once before swapping it in (catches corrupt weights).
    """
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise TranslateError(f"{archive_path}: no such file.")
    root = models_dir()
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise TranslateError(f"{archive_path} is not a valid .argosmodel (zip) file: {exc}.") from exc
    with archive:
        members, _meta = validate_archive(archive)
        root.mkdir(parents=True, exist_ok=True)
        final = root / PACKAGE_NAME
        # One install at a time; a recovery in another command skips while this one runs.
        with _install_lock(root, wait=True):
            _recover(root)
            staging = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
            try:
                try:
                    _extract(archive, members, staging)
                except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
                    raise TranslateError(f"{archive_path} is corrupt: {exc}.") from exc
                if verify:
                    try:
                        _verify_loads(staging)
                    except TranslateError as exc:
                        raise TranslateError(f"{archive_path} does not hold a usable model: {exc}") from exc
                # Verified: killed from here on, the next command finishes the swap (see _recover).
                ready = staging.with_name(".ready-" + staging.name[len(".install-"):])
                os.replace(staging, ready)
                staging = ready
                _swap_in(staging, final)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
    pkg = read_package(final)
    assert pkg is not None
    return pkg


def _swap_in(staging: Path, final: Path) -> None:
    """Replace ``final`` by ``staging`` with renames; the old install is removed only afterwards."""
    old: Path | None = None
    if final.exists() or final.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=".old-", dir=final.parent)) / final.name
        os.replace(final, old)
    try:
        os.replace(staging, final)
    except OSError:
        if old is not None:
            os.replace(old, final)
        raise
    if old is not None:
        shutil.rmtree(old.parent, ignore_errors=True)


# -- installing from the Argos index ------------------------------------------------------------------------------

Progress = Callable[[int, int | None], None]


def _fetch_index(url: str, timeout: float) -> list:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - https or a test file URL
            data = response.read(16 << 20)
    except (urllib.error.URLError, OSError, TimeoutError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise TranslateError(f"Cannot reach the Argos package index ({reason}). {INSTALL_HINT}") from exc
    try:
        index = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TranslateError(f"The Argos package index at {url} is not valid JSON. {INSTALL_HINT}") from exc
    if not isinstance(index, list):
        raise TranslateError(f"The Argos package index at {url} has an unexpected shape. {INSTALL_HINT}")
    return index


def install_from_index(
    code_pair: str = "de-en",
    *,
    progress: Progress | None = None,
    timeout: float = 10.0,
    index_url: str | None = None,
    verify: bool = True,
) -> ModelPackage:
    """Download the official package for ``code_pair`` from the Argos index and install it.

    Fails fast (one attempt, ``timeout`` seconds per network operation) with a message saying how to install
    from a file when the network is unavailable.
    """
    import urllib.error
    import urllib.request

    from_code, _, to_code = code_pair.replace("_", "-").partition("-")
    if (from_code, to_code) != (FROM_CODE, TO_CODE):
        raise TranslateError(f"Glossator translates German→English only; {code_pair!r} is not de-en.")
    url = index_url or os.environ.get(INDEX_ENV) or ARGOS_INDEX_URL
    index = _fetch_index(url, timeout)
    entries = [
        e
        for e in index
        if isinstance(e, dict) and e.get("from_code") == from_code and e.get("to_code") == to_code and e.get("links")
    ]
    if not entries:
        raise TranslateError(f"The Argos index lists no {from_code}→{to_code} package. {INSTALL_HINT}")
    entry = max(entries, key=lambda e: _version_key(str(e.get("package_version", "0"))))
    link = str(entry["links"][0])
    root = models_dir()
    root.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".download-", suffix=".argosmodel", dir=root)
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                with urllib.request.urlopen(link, timeout=timeout) as response:  # noqa: S310
                    length = response.headers.get("Content-Length")
                    total = int(length) if length and length.isdigit() else None
                    done = 0
                    while chunk := response.read(1 << 16):
                        done += len(chunk)
                        if done > MAX_TOTAL_BYTES:
                            raise TranslateError(f"The download from {link} is larger than {MAX_TOTAL_BYTES} bytes.")
                        out.write(chunk)
                        if progress is not None:
                            progress(done, total)
            except (urllib.error.URLError, OSError, TimeoutError, ValueError) as exc:
                reason = getattr(exc, "reason", exc)
                raise TranslateError(f"Downloading {link} failed ({reason}). {INSTALL_HINT}") from exc
        return install_file(tmp_name, verify=verify)
    finally:
        Path(tmp_name).unlink(missing_ok=True)
