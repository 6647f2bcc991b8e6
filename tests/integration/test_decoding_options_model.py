"""The package's decoding options reach CTranslate2: the bundled model asks for a length penalty (chosen on held-out
sentences by ``training/tune.py``), and a package asking for another gets another translation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

SEED = Path(__file__).resolve().parents[2] / "seeds" / "us-china-north-korea-2024-02.de.txt"


def _with_length_penalty(bundled: Path, folder: Path, penalty: float) -> Path:
    shutil.copytree(bundled, folder)
    meta_path = folder / "metadata.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.setdefault("glossator", {}).setdefault("decoding", {})["length_penalty"] = penalty
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return folder


def test_the_package_length_penalty_is_used(bundled_model: Path, tmp_path: Path) -> None:
    from glossator.translate.engine import ArgosEngine, PackageInfo

    assert PackageInfo.read(bundled_model).decoding.get("length_penalty", 0) > 1  # the tuned value ships
    sentences = [line for line in SEED.read_text(encoding="utf-8").split("\n") if len(line.split()) > 12]
    words, ids = {}, {}
    for penalty in (0.2, 3.0):
        engine = ArgosEngine(_with_length_penalty(bundled_model, tmp_path / str(penalty), penalty), threads=2)
        words[penalty] = sum(len(t.split()) for t in engine.translate(sentences))
        ids[penalty] = engine.model_id
    # A stronger penalty on shortness lets longer hypotheses win the beam.
    assert words[3.0] > words[0.2]
    # The translation memory keys on the model id: other decoding, other translations, another id.
    assert ids[3.0] != ids[0.2]
