"""Import contracts: the core never pulls in Textual, the glossary never pulls in the model stack, and
``glossator --help`` stays free of heavy imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def loaded_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True, timeout=120
    ).stdout
    import json

    return set(json.loads(out.splitlines()[-1]))


CORE = [
    "glossator.glossary", "glossator.glossary.home", "glossator.glossary.errors",
    "glossator.translate", "glossator.translate.segment", "glossator.translate.engine", "glossator.translate.fake",
    "glossator.translate.models", "glossator.translate.document", "glossator.translate.result",
]  # fmt: skip


def _heavy(mods: set[str], *roots: str) -> set[str]:
    return {m for m in mods if m.split(".")[0] in roots}


def test_core_does_not_import_textual() -> None:
    mods = loaded_after("\n".join(f"import {m}" for m in CORE))
    assert not _heavy(mods, "textual")


def test_glossary_never_imports_the_model_stack() -> None:
    mods = loaded_after("import glossator.glossary, glossator.glossary.home, glossator.glossary.errors")
    assert not _heavy(mods, "ctranslate2", "argostranslate", "sentencepiece", "textual")


def test_engine_import_is_light() -> None:
    mods = loaded_after(
        "import glossator.translate.engine, glossator.translate.models, glossator.translate.segment, "
        "glossator.translate.document"
    )
    assert not _heavy(mods, "ctranslate2", "argostranslate", "sentencepiece", "textual")


def test_cli_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\nsys.argv = ['glossator', '--help']\nfrom glossator.cli import cli\n"
        "try:\n    cli(prog_name='glossator')\nexcept SystemExit:\n    pass"
    )
    mods = loaded_after(code)
    assert not _heavy(mods, "ctranslate2", "argostranslate", "sentencepiece", "textual", "torch")


def test_translate_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\nsys.argv = ['glossator', 'translate', '--help']\nfrom glossator.cli import cli\n"
        "try:\n    cli(prog_name='glossator')\nexcept SystemExit:\n    pass"
    )
    mods = loaded_after(code)
    assert not _heavy(mods, "ctranslate2", "argostranslate", "sentencepiece", "textual")


def test_nothing_created_at_import(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env_code = (
        f"import os\nos.environ['GLOSSATOR_HOME'] = {str(home)!r}\n" + "\n".join(f"import {m}" for m in CORE)
    )
    loaded_after(env_code)
    assert not home.exists()
