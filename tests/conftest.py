"""Fixtures shared by every test folder (tests/ is not a package: share helpers here)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# tests/ is not a package: the helpers the Pilot tests share (tests/tui/pilot_helpers.py) are imported by name.
sys.path.insert(0, str(Path(__file__).resolve().parent / "tui"))

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO / "seeds" / "us-china-north-korea-2024-02.de.txt"


@pytest.fixture(autouse=True)
def glossator_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty ``GLOSSATOR_HOME`` for every test, so no test touches the user's real state."""
    home = tmp_path_factory.mktemp("glossator-home")
    monkeypatch.setenv("GLOSSATOR_HOME", str(home))
    return home


@pytest.fixture
def fake_engine():
    """A deterministic engine without a model."""
    from glossator.translate.fake import FakeEngine

    return FakeEngine()


def bundled_model_dir() -> Path:
    """The bundled model as users get it (``GLOSSATOR_BUNDLED_MODEL`` or seeds/model/translate-de_en)."""
    env = os.environ.get("GLOSSATOR_BUNDLED_MODEL")
    return Path(env) if env else REPO / "seeds" / "model" / "translate-de_en"


@pytest.fixture(scope="session")
def bundled_model() -> Path:
    """The bundled model's folder; tests marked ``model`` fail loudly (not skip) when it is missing."""
    path = bundled_model_dir()
    missing = [f for f in ("metadata.json", "model/model.bin", "sentencepiece.model") if not (path / f).is_file()]
    if missing:
        pytest.fail(f"The bundled model is incomplete at {path}: missing {', '.join(missing)}")
    return path


@pytest.fixture(scope="session")
def starter_matcher(tmp_path_factory: pytest.TempPathFactory):
    """The matcher of the starter glossary, from a real SQLite file (built once per test run)."""
    from glossator.glossary.store import GlossaryStore

    store = GlossaryStore.open(tmp_path_factory.mktemp("starter") / "glossary.db", seed=True)
    try:
        return store.matcher()
    finally:
        store.close()
