"""``glossator model``: list and install German→English Argos model packages."""

from __future__ import annotations

import sys

import click


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} B"  # pragma: no cover


@click.group(name="model", context_settings={"help_option_names": ["-h", "--help"]})
def command() -> None:
    """List and install German→English translation models (Argos packages).

    Example:

        glossator model list
    """


@command.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print the packages as JSON.")
def list_command(as_json: bool) -> None:
    """List installed model packages and the bundled model; * marks the one in use.

    Example:

        glossator model list
    """
    import json

    from glossator.translate.models import bundled_package_dir, list_packages, models_dir

    packages = list_packages()
    if as_json:
        rows = [
            {
                "pair": p.code_pair,
                "version": p.package_version,
                "path": str(p.path),
                "size": p.size_bytes,
                "bundled": p.bundled,
                "in_use": in_use,
            }
            for p, in_use in packages
        ]
        click.echo(json.dumps({"packages": rows}, ensure_ascii=False, indent=2))
        return
    if not packages:
        click.echo(f"No model installed in {models_dir()} and no bundled model at {bundled_package_dir()}.")
        click.echo("Install one with: glossator model install de-en   (or: glossator model install FILE.argosmodel)")
        return
    from glossator.translate.terminal import inert

    for pkg, in_use in packages:
        mark = "*" if in_use else " "
        origin = "bundled" if pkg.bundled else "installed"
        # Every field comes from the package's metadata.json or a path: shown inert (no escapes acting).
        line = f"{mark} {pkg.code_pair}  {pkg.package_version:<8} {_size(pkg.size_bytes):>9}  {origin:<9}  {pkg.path}"
        click.echo(inert(line, newlines=False))
    using = next((p for p, in_use in packages if in_use), None)
    if using is not None and using.bundled:
        click.echo(
            "Using the bundled model (no de→en package installed). "
            "For production quality: glossator model install de-en"
        )


@command.command(name="install")
@click.argument("source")
@click.option("--timeout", type=click.FloatRange(0.1, 300), default=10.0, show_default=True,
              help="Seconds to wait for the network (download only).")
def install_command(source: str, timeout: float) -> None:
    """Install a model from an .argosmodel FILE, or download de-en from the Argos index.

    The file is checked completely (paths, links, sizes, required files, language pair) before anything
    is extracted; a refused or broken file leaves the current model in place.

    Examples:

        glossator model install translate-de_en-1_0.argosmodel

        glossator model install de-en
    """
    from pathlib import Path

    from glossator.translate.models import install_file, install_from_index

    path = Path(source)
    if path.exists() or source.endswith(".argosmodel") or source.endswith(".zip"):
        pkg = install_file(path)
    else:
        state = {"last": -1}

        def progress(done: int, total: int | None) -> None:
            if total:
                pct = done * 100 // total
                if pct != state["last"]:
                    state["last"] = pct
                    click.echo(f"\rDownloading {source}: {pct:3d}% of {total / 1e6:.0f} MB", nl=False, err=True)
            elif done - state["last"] >= 1 << 20:
                state["last"] = done
                click.echo(f"\rDownloading {source}: {done / 1e6:.0f} MB", nl=False, err=True)

        try:
            pkg = install_from_index(source, progress=progress, timeout=timeout)
        finally:
            if state["last"] >= 0:
                click.echo("", err=True)
    from glossator.translate.terminal import inert

    click.echo(inert(f"Installed {pkg.code_pair} {pkg.package_version} in {pkg.path}", newlines=False))
    sys.stdout.flush()
