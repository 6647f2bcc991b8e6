"""Every third-party module the product loads is installed by ``pip install glossator``: a declared dependency
or one of theirs. (sentencepiece needs protobuf for piece offsets but does not declare it: a plain install once
failed on the first sentence that needed its spans put back.)"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "us-china-north-korea-2024-02.de.txt"
pytestmark = pytest.mark.model

PROBE = """
import json, sys
from glossator.glossary.matcher import Matcher
from glossator.translate.document import translate_document
from glossator.translate.enforce import make_enforcer
from glossator.translate.models import load_engine
engine = load_engine(beam_size=2, threads=1)
text = open(sys.argv[1], encoding="utf-8").read()
for placeholders in (True, False):
    enforcer = make_enforcer(engine, Matcher([]), placeholders=placeholders)
    translate_document(text, enforcer)
engine.piece_offsets(text[:300])  # what repair aligns lost spans with, whether or not this article needed it
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def _name(requirement: str) -> str:
    return re.split(r"[\s;<>=!~\[(]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _installed_by_glossator() -> set[str]:
    """The distributions ``pip install glossator`` brings: the runtime requirements, transitively."""
    todo = [_name(r) for r in metadata.requires("glossator") or [] if "extra ==" not in r]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            todo.extend(_name(r) for r in metadata.requires(name) or [] if "extra ==" not in r)
        except metadata.PackageNotFoundError:
            pass
    return seen


def test_every_module_translation_loads_comes_with_the_install(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-c", PROBE, str(SEED)], capture_output=True, text=True, timeout=600,
                         cwd=tmp_path, check=True).stdout
    loaded = json.loads(out.splitlines()[-1])
    owners = metadata.packages_distributions()
    stdlib = set(sys.stdlib_module_names)
    brought = _installed_by_glossator() | {"glossator"}
    missing = {}
    for module in loaded:
        if module in stdlib or module.startswith("_") or module not in owners:
            continue
        dists = {d.lower().replace("_", "-") for d in owners[module]}
        if not dists & brought:
            missing[module] = sorted(dists)
    assert not missing, f"loaded but not installed by pip install glossator: {missing}"
