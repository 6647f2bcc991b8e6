"""The engine interface: the fake engine (no model), package reading, and the real engine on the bundled model."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from glossator.translate.engine import ArgosEngine, Engine, PackageInfo, default_threads
from glossator.translate.errors import TranslateError
from glossator.translate.fake import FakeEngine

# -- FakeEngine ---------------------------------------------------------------------------------------------------


def test_fake_is_an_engine() -> None:
    assert isinstance(FakeEngine(), Engine)


def test_fake_translates_word_by_word() -> None:
    engine = FakeEngine()
    assert engine.translate(["Der Präsident sagte am Freitag, Xaver kommt.", ""]) == [
        "The president said on Friday, Xaver kommt.",
        "",
    ]


def test_fake_copies_placeholders_and_is_deterministic() -> None:
    engine = FakeEngine()
    src = ["⟦0⟧ sagte, ⟦1⟧ und ⟦12⟧ sind gut."]
    assert engine.translate(src) == ["⟦0⟧ said, ⟦1⟧ and ⟦12⟧ are good."]
    assert engine.translate(src) == engine.translate(src)


def test_fake_faults() -> None:
    src = ["Hallo ⟦0⟧ und ⟦1⟧."]
    assert FakeEngine(drop=True).translate(src) == ["Hello and ."]
    assert FakeEngine(drop={1}).translate(src) == ["Hello ⟦0⟧ and ."]
    assert FakeEngine(duplicate=True).translate(src) == ["Hello ⟦0⟧ ⟦0⟧ and ⟦1⟧ ⟦1⟧."]
    assert FakeEngine(reorder=True).translate(src) == ["Hello ⟦1⟧ and ⟦0⟧."]


def test_fake_nbest_recovers_unless_told_otherwise() -> None:
    src = ["Hallo ⟦0⟧."]
    hyps = FakeEngine(drop=True).translate_nbest(src, 3)[0]
    assert hyps[0] == "Hello ." and hyps[1] == "Hello ⟦0⟧." and len(set(hyps)) == 3
    stubborn = FakeEngine(drop=True, faults_in_nbest=True).translate_nbest(src, 2)[0]
    assert all("⟦0⟧" not in h for h in stubborn)


def test_fake_records_calls() -> None:
    engine = FakeEngine()
    engine.translate(["a", "b"])
    engine.translate_nbest(["c"], 2)
    assert engine.calls == [["a", "b"], ["c"]]


# -- package reading (no model needed) ----------------------------------------------------------------------------


def test_package_info_errors(tmp_path: Path) -> None:
    with pytest.raises(TranslateError, match="metadata.json is missing"):
        PackageInfo.read(tmp_path)
    (tmp_path / "metadata.json").write_text("{broken")
    with pytest.raises(TranslateError, match="Cannot read"):
        PackageInfo.read(tmp_path)
    (tmp_path / "metadata.json").write_text(json.dumps({"from_code": "de", "to_code": "en"}))
    with pytest.raises(TranslateError, match="model/model.bin is missing"):
        PackageInfo.read(tmp_path)


def test_engine_arguments_checked(tmp_path: Path) -> None:
    with pytest.raises(TranslateError):
        ArgosEngine(tmp_path, beam_size=0)
    with pytest.raises(TranslateError):
        ArgosEngine(tmp_path, threads=0)


def test_default_threads() -> None:
    assert default_threads() >= 1


def test_corrupt_model_gives_translate_error(tmp_path: Path) -> None:
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "model.bin").write_bytes(b"not a model")
    (tmp_path / "sentencepiece.model").write_bytes(b"not a model")
    (tmp_path / "metadata.json").write_text(json.dumps({"from_code": "de", "to_code": "en"}))
    engine = ArgosEngine(tmp_path, threads=1)
    with pytest.raises(TranslateError):
        engine.translate(["Hallo."])


# -- the real engine on the bundled model -------------------------------------------------------------------------

SENTENCES = [
    "Der Kreml teilte am Dienstag mit, dass Putin eine Limousine geschenkt habe.",
    "Washington hat Nordkorea beschuldigt, Russland mit Raketen zu beliefern.",
    "Die Regierung will bis 2030 insgesamt 12 neue Schulen bauen.",
    "Ein Mann geht mit seinem Hund im Park spazieren.",
    "Im Jahr 2022 stiegen die Preise um 8 Prozent.",
    "Danke.",
    "Die Sanktionen richteten sich auch gegen chinesische Unternehmen, von denen die USA behaupteten, sie "
    "unterstützten Russlands Krieg in der Ukraine seit dem Beginn der Invasion vor zwei Jahren.",
]


@pytest.fixture(scope="module")
def real_engine(bundled_model: Path) -> ArgosEngine:
    from glossator.translate.models import load_engine

    return load_engine(beam_size=2, threads=1)


@pytest.mark.model
def test_bundled_model_translates(real_engine: ArgosEngine) -> None:
    out = real_engine.translate(SENTENCES + [""])
    assert len(out) == len(SENTENCES) + 1
    assert out[-1] == ""
    for target in out[:-1]:
        assert target.strip()
        assert re.search(r"[A-Za-z]", target)
        assert "▁" not in target

    # Numbers, through the path `glossator translate` takes (the enforcer carries them as protected spans).
    from glossator.translate.enforce import Enforcer

    results = Enforcer(real_engine, None).translate(SENTENCES)
    assert "2030" in results[2].target
    assert "2022" in results[4].target
    # Known limit of the small model: in "bis 2030 insgesamt 12 neue Schulen" it loses the "12" in every
    # hypothesis (MODEL.md); the enforcer never reports numbers, so only quality tests like this one show it.
    assert [r.terms for r in results] == [[] for _ in SENTENCES]  # numbers are never reported as terms


@pytest.mark.model
def test_batched_equals_one_by_one(real_engine: ArgosEngine) -> None:
    batched = real_engine.translate(SENTENCES)
    single = [real_engine.translate([s])[0] for s in SENTENCES]
    assert batched == single


@pytest.mark.model
def test_small_token_batches_same_output(bundled_model: Path, real_engine: ArgosEngine) -> None:
    small = ArgosEngine(bundled_model, beam_size=2, threads=1, max_batch_tokens=16)
    assert small.translate(SENTENCES) == real_engine.translate(SENTENCES)


@pytest.mark.model
def test_translator_loaded_once(bundled_model: Path, real_engine: ArgosEngine) -> None:
    other = ArgosEngine(bundled_model, beam_size=2, threads=1)
    assert other.translator is real_engine.translator
    assert other.model_id == real_engine.model_id and real_engine.model_id.startswith("argos:de-en:")


@pytest.mark.model
def test_nbest(real_engine: ArgosEngine) -> None:
    lists = real_engine.translate_nbest(SENTENCES[:3], 3)
    assert len(lists) == 3
    for hyps in lists:
        assert 1 <= len(hyps) <= 3 and len(set(hyps)) == len(hyps) and all(h.strip() for h in hyps)


@pytest.mark.model
def test_tokens_and_attention(real_engine: ArgosEngine) -> None:
    (result,) = real_engine.translate_tokens([SENTENCES[3]])
    assert result.source_tokens == real_engine.encode(SENTENCES[3])
    assert result.text == real_engine.decode(result.target_tokens)
    assert len(result.attention) == len(result.target_tokens)
    assert all(len(row) == len(result.source_tokens) for row in result.attention)


@pytest.mark.model
def test_placeholders_are_single_pieces_and_copied(real_engine: ArgosEngine) -> None:
    for k in (0, 1, 15):
        assert real_engine.encode(f"⟦{k}⟧")[-1] == f"⟦{k}⟧"
    out = real_engine.translate(["⟦0⟧ traf sich am Freitag mit ⟦1⟧ in Berlin."])[0]
    assert "⟦0⟧" in out and "⟦1⟧" in out


@pytest.mark.model
def test_decode_keeps_underscores(real_engine: ArgosEngine) -> None:
    """argostranslate turns '_' into spaces; our decoder must not."""
    assert real_engine.decode(["▁file", "_", "name", "▁ok"]) == "file_name ok"
    text = "Die Datei config_file.txt heißt so."
    assert real_engine.decode(real_engine.encode(text)) == text


def test_decoding_limit_grows_with_the_sentence_and_is_capped():
    from glossator.translate.engine import MAX_DECODING_LENGTH, decoding_limit

    assert decoding_limit(1) == 32
    assert decoding_limit(10) == 64
    assert decoding_limit(11) == 64 and decoding_limit(25) == 96
    assert all(decoding_limit(n) >= 2 * n + 16 for n in range(1, 120))
    assert decoding_limit(500) == MAX_DECODING_LENGTH


def test_package_decoding_options_are_read_and_checked(tmp_path: Path) -> None:
    import json as _json

    from glossator.translate.engine import PackageInfo

    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "model.bin").write_bytes(b"x")
    (tmp_path / "sentencepiece.model").write_bytes(b"x")
    meta = {"from_code": "de", "to_code": "en",
            "glossator": {"decoding": {"no_repeat_ngram_size": 4, "repetition_penalty": 1.1, "beam_size": 99,
                                       "max_decoding_length": "x", "length_penalty": 2}}}
    (tmp_path / "metadata.json").write_text(_json.dumps(meta), encoding="utf-8")
    assert PackageInfo.read(tmp_path).decoding == {"no_repeat_ngram_size": 4, "repetition_penalty": 1.1,
                                                   "length_penalty": 2.0}
    meta["glossator"] = {"decoding": {"no_repeat_ngram_size": True, "repetition_penalty": -1}}
    (tmp_path / "metadata.json").write_text(_json.dumps(meta), encoding="utf-8")
    assert PackageInfo.read(tmp_path).decoding == {}


def test_short_sources_get_a_tight_limit_and_no_repeated_pieces() -> None:
    from glossator.translate.engine import (
        SHORT_SOURCE_WORDS, decoding_limit, short_source_options, source_words,
    )

    assert source_words(["▁am", "▁Frei", "tag"]) == 2
    assert source_words(["▁B", "ł", "ę", "d"]) == 1
    assert decoding_limit(1, 1) == 3 and decoding_limit(2, 2) == 6
    assert decoding_limit(6, 1) == 6  # a compound or a name in many pieces keeps room to be copied
    assert all(decoding_limit(n, w) <= decoding_limit(n) for n in range(1, 300) for w in (1, 2, 3))
    assert all(decoding_limit(n, SHORT_SOURCE_WORDS + 1) == decoding_limit(n) for n in range(4, 120))
    assert short_source_options({"no_repeat_ngram_size": 3, "repetition_penalty": 1.1}) == {
        "no_repeat_ngram_size": 1, "repetition_penalty": 1.1}
