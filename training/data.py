"""Training data: the corpora in ../shared/data/train, a held-out split, and copy augmentation.

Copy augmentation teaches the model to pass protected spans through unchanged, which glossary enforcement relies
on: placeholders ``⟦k⟧`` (single SentencePiece tokens) and inserted English phrases.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import regex

PLACEHOLDERS = [f"⟦{k}⟧" for k in range(16)]

# (folder, German file, English file) under data/train; every file is line-aligned.
CORPORA = [
    ("multi30k", "train.de", "train.en"),
    ("multi30k", "val.de", "val.en"),
    ("tatoeba", "tatoeba-v2021-08-07.de", "tatoeba-v2021-08-07.en"),
    ("europarl-508", "europarl508.tok.de", "europarl508.tok.en"),
] + [("wmt-news", f"newstest{y}.de", f"newstest{y}.en") for y in range(2008, 2019)]

# Added after the first bundled model: training only, never part of the held-out split (so that split stays the
# one the first model never saw, and old and new packages are compared on the same sentences). Corpus names are
# "wmt-general/<file>" so that a run can weight the parts (see README in that folder: ende-* are translationese
# or machine German for original English, like back-translation; deen-systems is machine English).
EXTRA_CORPORA = [("wmt-general", f"{name}.de", f"{name}.en")
                 for name in ("deen-refs", "deen-systems", "ende-refs", "ende-systems")]

_SHARED_TOKEN = regex.compile(r"(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\-]{1,}|\p{N}[\p{N}.,]*)(?![\p{L}\p{N}])")
_EN_CAPS_PHRASE = regex.compile(r"\b\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,2}\b")


@dataclass(frozen=True)
class Pair:
    de: str
    en: str
    corpus: str


def _lines(path: Path) -> list[str]:
    # Split on "\n" only: a few lines contain U+2028, which str.splitlines() would break.
    text = path.read_text(encoding="utf-8")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


def read_corpora(train_root: Path, corpora: list[tuple[str, str, str]] | None = None) -> list[Pair]:
    """Pairs of ``corpora`` (default: ``CORPORA``); length filters as for the first model."""
    pairs: list[Pair] = []
    for folder, de_name, en_name in CORPORA if corpora is None else corpora:
        name = folder if folder != "wmt-general" else f"{folder}/{de_name.rsplit('.', 1)[0]}"
        if not (train_root / folder / de_name).exists() and corpora is not None:
            continue  # an optional extra corpus that this data folder does not have
        de_lines = _lines(train_root / folder / de_name)
        en_lines = _lines(train_root / folder / en_name)
        if len(de_lines) != len(en_lines):
            raise ValueError(f"{folder}/{de_name}: {len(de_lines)} German lines but {len(en_lines)} English")
        for de, en in zip(de_lines, en_lines):
            de, en = " ".join(de.split()), " ".join(en.split())
            if not de or not en or len(de) > 600 or len(en) > 600:
                continue
            ratio = len(de) / len(en)
            if ratio < 0.4 or ratio > 2.5:
                continue
            pairs.append(Pair(de, en, name))
    return pairs


def split_holdout(pairs: list[Pair], n: int, seed: int) -> tuple[list[Pair], list[Pair]]:
    """A held-out sample (news and everyday text) never trained on: for validation and the copy rate."""
    rng = random.Random(seed)
    order = list(range(len(pairs)))
    rng.shuffle(order)
    held = set(order[:n])
    return [p for i, p in enumerate(pairs) if i not in held], [pairs[i] for i in sorted(held)]


def shared_tokens(de: str, en: str) -> list[str]:
    """Capitalised words and numbers that stand unchanged in both sides: names, places, figures."""
    en_tokens = {m.group(1) for m in _SHARED_TOKEN.finditer(en)}
    seen: list[str] = []
    for m in _SHARED_TOKEN.finditer(de):
        token = m.group(1)
        if token in en_tokens and token not in seen and de.count(token) == 1 and en.count(token) == 1:
            seen.append(token)
    return seen


def english_phrases(pairs: list[Pair], limit: int = 20000, seed: int = 0) -> list[str]:
    phrases: set[str] = set()
    for p in pairs:
        for m in _EN_CAPS_PHRASE.finditer(p.en):
            if m.start() > 0:  # skip sentence-initial capitals, which are not names
                phrases.add(m.group(0))
    ordered = sorted(phrases)
    random.Random(seed).shuffle(ordered)
    return ordered[:limit]


def name_copies(pairs: list[Pair], rng: random.Random, share: float) -> list[Pair]:
    """Short pairs that teach copying a name and stopping: a shared capitalised word alone, source = target.

    Markup and headings give the model one- and two-word segments; a name among them must come out once.
    """
    out = []
    for pair in pairs:
        if rng.random() >= share:
            continue
        tokens = [t for t in shared_tokens(pair.de, pair.en) if not t[0].isdigit()]
        if tokens:
            token = rng.choice(tokens)
            out.append(Pair(token, token, "name-copy"))
    return out


_FINAL_PUNCT = regex.compile(r"\s*[.!?;:]+$")


def strip_final_punctuation(pairs: list[Pair], rng: random.Random, share: float) -> list[Pair]:
    """Drop the closing punctuation of both sides of a share of the pairs.

    Nearly every training target ends with a full stop, so a small model learns to stop after one: a heading or a
    word cut out by markup has none, and the model strung synonyms together instead of stopping.
    """
    if not share:
        return pairs
    out = []
    for pair in pairs:
        if rng.random() < share and _FINAL_PUNCT.search(pair.de) and _FINAL_PUNCT.search(pair.en):
            de, en = _FINAL_PUNCT.sub("", pair.de), _FINAL_PUNCT.sub("", pair.en)
            if de and en:
                pair = Pair(de, en, pair.corpus)
        out.append(pair)
    return out


def _replace_word(text: str, word: str, new: str) -> str:
    return regex.sub(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(word)}(?![\p{{L}}\p{{N}}])", lambda _m: new, text, count=1)


def augment(pair: Pair, rng: random.Random, phrases: list[str], p_placeholder: float = 0.25,
            p_phrase: float = 0.12) -> Pair:
    """Maybe replace shared tokens with placeholders or with an English phrase, identically on both sides."""
    tokens = shared_tokens(pair.de, pair.en)
    if not tokens:
        return pair
    r = rng.random()
    de, en = pair.de, pair.en
    if r < p_placeholder:
        chosen = rng.sample(tokens, k=min(len(tokens), rng.choice((1, 1, 2, 3))))
        slots = rng.sample(PLACEHOLDERS, k=len(chosen))
        for token, slot in zip(chosen, slots):
            de, en = _replace_word(de, token, slot), _replace_word(en, token, slot)
        return Pair(de, en, pair.corpus)
    if r < p_placeholder + p_phrase and phrases:
        token = rng.choice(tokens)
        phrase = rng.choice(phrases)
        return Pair(_replace_word(de, token, phrase), _replace_word(en, token, phrase), pair.corpus)
    return pair


def placeholder_probe(pairs: list[Pair], seed: int) -> list[tuple[str, str, list[str]]]:
    """Held-out sentences with shared tokens replaced by placeholders: (source, reference, spans to copy)."""
    rng = random.Random(seed)
    probes = []
    for pair in pairs:
        tokens = shared_tokens(pair.de, pair.en)
        if not tokens:
            continue
        chosen = tokens[: min(2, len(tokens))]
        slots = rng.sample(PLACEHOLDERS, k=len(chosen))
        de, en = pair.de, pair.en
        for token, slot in zip(chosen, slots):
            de, en = _replace_word(de, token, slot), _replace_word(en, token, slot)
        probes.append((de, en, slots))
    return probes
