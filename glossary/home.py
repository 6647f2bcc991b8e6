"""Where Glossator keeps its state: models, the default glossary, review projects."""

from __future__ import annotations

import os
from pathlib import Path


def glossator_home() -> Path:
    """The state directory: ``$GLOSSATOR_HOME`` or the platform's user data dir. Never creates it."""
    env = os.environ.get("GLOSSATOR_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("glossator", appauthor=False))


def ensure_home() -> Path:
    """The state directory, created (with its parents) when missing."""
    home = glossator_home()
    home.mkdir(parents=True, exist_ok=True)
    return home


def default_glossary_path() -> Path:
    return glossator_home() / "glossary.db"
