"""Short inputs through the bundled model: no loops on single words, two-word phrases and headings.

The fragments (``short_fragments.de.txt``) come from the training corpora, never from an evaluation set; rebuild
them with ``bench/bench_short.py --write-fixture``. Without the guards of ``translate.engine`` the first bundled
model turned 18 of these 80 into outputs over three times as long as the input and 24 into repeats
("teilte" → "told told told announced…").
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.model

FRAGMENTS = [line for line in (Path(__file__).with_name("short_fragments.de.txt")
                               .read_text(encoding="utf-8").split("\n")) if line]
WORDS = sorted({w for line in FRAGMENTS for w in line.split()})


@pytest.fixture(scope="module")
def engine(bundled_model: Path):
    from glossator.translate.engine import ArgosEngine

    return ArgosEngine(bundled_model, threads=2)


def _problems(source: str, output: str) -> list[str]:
    words = output.split()
    problems = []
    if len(words) > 3 * len(source.split()):
        problems.append(f"{len(words)} words for {len(source.split())}")
    counts = Counter(w.strip(".,;:!?\"'()").lower() for w in words)
    if counts and max(counts.values()) >= 3:
        problems.append(f"repeats {counts.most_common(1)[0][0]!r}")
    return problems


def test_fixture_is_short_fragments():
    assert len(FRAGMENTS) >= 60
    assert all(1 <= len(f.split()) <= 3 for f in FRAGMENTS)


def test_no_fragment_loops_or_runs_long(engine):
    outputs = engine.translate(FRAGMENTS)
    bad = {src: (out, _problems(src, out)) for src, out in zip(FRAGMENTS, outputs) if _problems(src, out)}
    assert not bad
    assert all(out.strip() for out in outputs)  # guarded, but still a translation


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))
def test_any_one_to_three_words_from_the_fragments_stay_short(engine, words):
    """No repeats; at most three words per input word, or one per source piece where a source has more pieces
    than that (a name in byte pieces keeps the room to be copied whole)."""
    source = " ".join(words)
    [output] = engine.translate([source])
    pieces = len(engine.encode(source))
    counts = Counter(w.strip(".,;:!?\"'()").lower() for w in output.split())
    assert counts and max(counts.values()) < 3, (source, output)
    assert len(output.split()) <= max(3 * len(words), pieces), (source, output)


def test_a_fragment_translates_the_same_alone_and_among_sentences(engine):
    """The guards depend on the segment only, never on what else is in the batch."""
    long = "Die Regierung hat am Freitag in Berlin neue Regeln für die Landwirtschaft beschlossen."
    alone = [engine.translate([f])[0] for f in FRAGMENTS[:12]]
    assert engine.translate([long, *FRAGMENTS[:12], long])[1:-1] == alone


def test_long_sentences_are_not_cut_by_the_short_guards(engine):
    source = "Der Minister sagte am Freitag, dass die neuen Regeln im nächsten Jahr in Kraft treten sollen."
    [output] = engine.translate([source])
    assert len(output.split()) >= 10
