"""Sentences longer than the model's positions (issue 17): a long CJK quote, thousands of combining marks,
emoji sequences. Segmentation cuts at 600 characters, which does not bound model tokens; the engine splits
further by token count, so the bundled model (512 positions) translates every piece instead of failing the
whole file with "No position encodings are defined for positions >= 512"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from glossator.cli import cli
from glossator.translate.engine import MAX_SOURCE_TOKENS, ArgosEngine, split_tokens

CJK = "„" + "美国国务卿表示，这是一个重要的时刻。" * 90 + "“"
MARKS = "e" + "\u0301" * 5000
EMOJI = "👩🏽‍💻🏳️‍🌈👨‍👩‍👧‍👦 " * 200
GERMAN = " ".join(["Der Hund schläft im Haus."] * 100)


def test_split_tokens_cuts_at_word_starts_within_the_limit() -> None:
    tokens = [("▁" if i % 3 == 0 else "") + f"t{i}" for i in range(1000)]
    runs = split_tokens(tokens, 100)
    assert [t for run in runs for t in run] == tokens
    assert all(len(run) <= 100 for run in runs)
    assert all(run[0].startswith("▁") for run in runs)
    no_words = ["x"] * 1000
    assert [len(r) for r in split_tokens(no_words, 300)] == [300, 300, 300, 100]
    assert split_tokens(["▁a"], 100) == [["▁a"]]


@pytest.mark.model
def test_overlong_sentences_are_translated_in_pieces(bundled_model: Path) -> None:
    engine = ArgosEngine(bundled_model, beam_size=1, threads=1)
    for text in (CJK, MARKS, EMOJI, GERMAN):
        assert len(engine.encode(text)) > 512  # each would overflow the model's positions in one piece
    normal = "Der Minister sprach am Montag in Berlin."
    alone = engine.translate([normal])[0]
    out = engine.translate([normal, CJK, MARKS, EMOJI, GERMAN])
    assert out[0] == alone  # a normal sentence in the same call is unaffected
    assert all(isinstance(t, str) for t in out[1:])
    assert engine.split_segments == 4
    # every piece of the long German was translated, not just the first
    pieces = split_tokens(engine.encode(GERMAN))
    assert len(pieces) >= 3
    assert out[4].lower().count("dog") >= len(pieces)
    nbest = engine.translate_nbest([GERMAN], 2)[0]  # a wider beam: other words, every piece still there
    assert 1 <= len(nbest) <= 2 and all(t.lower().count("dog") >= len(pieces) for t in nbest)
    [tokens] = engine.translate_tokens([GERMAN])
    assert tokens.text == out[4]
    assert len(tokens.attention) == len(tokens.target_tokens)
    assert all(len(row) == len(tokens.source_tokens) for row in tokens.attention)
    assert len(tokens.source_tokens) > MAX_SOURCE_TOKENS


@pytest.mark.model
def test_translate_a_file_with_overlong_sentences(tmp_path: Path, bundled_model: Path, monkeypatch) -> None:
    monkeypatch.setenv("GLOSSATOR_BUNDLED_MODEL", str(bundled_model))
    src = tmp_path / "long.de.txt"
    src.write_text(f"Der Hund schläft.\n{CJK}\n{MARKS}\n{EMOJI}\nDie Katze schläft.\n", encoding="utf-8")
    out = tmp_path / "long.en.txt"
    result = CliRunner().invoke(cli, ["translate", str(src), "-o", str(out), "--beam-size", "1"])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").split("\n")
    assert len(lines) == 6 and lines[-1] == ""
    assert "dog" in lines[0].lower() and "cat" in lines[4].lower()
    assert "translated in pieces" in result.stderr
