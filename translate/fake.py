"""A deterministic engine without a model, for tests and UI development.

:class:`FakeEngine` translates word by word with a small German→English word list; unknown words pass through
unchanged and placeholders ``⟦0⟧``…``⟦15⟧`` are copied like a well-trained model would. Switches make it
misbehave the way a real model can (drop, duplicate or reorder placeholders) so enforcement can be tested
against each fault.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from glossator.translate.engine import TokenTranslation

PLACEHOLDER = regex.compile(r"⟦\d+⟧")
_TOKEN = regex.compile(r"⟦\d+⟧|[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*|\d+(?:[.,]\d+)*|\s+|.", regex.S)

WORDS: dict[str, str] = {
    "der": "the", "die": "the", "das": "the", "dem": "the", "den": "the", "des": "of the",
    "ein": "a", "eine": "a", "einen": "a", "einer": "a", "und": "and", "oder": "or", "aber": "but",
    "ist": "is", "sind": "are", "war": "was", "hat": "has", "haben": "have", "wird": "will",
    "mit": "with", "von": "of", "für": "for", "in": "in", "im": "in the", "am": "on", "auf": "on",
    "zu": "to", "gegen": "against", "nicht": "not", "mehr": "more", "auch": "also", "es": "it", "er": "he",
    "sie": "she",
    "wir": "we", "ich": "I", "sagte": "said", "hieß": "said", "heute": "today", "morgen": "tomorrow",
    "gut": "good", "neue": "new", "neuer": "new", "neues": "new", "groß": "big", "klein": "small",
    "hallo": "hello", "welt": "world", "haus": "house", "hund": "dog", "katze": "cat", "tag": "day",
    "woche": "week", "jahr": "year", "krieg": "war", "erklärung": "statement", "ministerium": "ministry",
    "außenministerium": "State Department", "außenminister": "foreign minister", "beamte": "officials",
    "präsident": "president", "regierung": "government", "zusammenarbeit": "cooperation",
    "militärische": "military", "sanktionen": "sanctions", "gespräch": "talk", "treffen": "meeting",
    "nordkorea": "North Korea", "russland": "Russia", "china": "China", "ukraine": "Ukraine",
    "montag": "Monday", "dienstag": "Tuesday", "mittwoch": "Wednesday", "donnerstag": "Thursday",
    "freitag": "Friday", "samstag": "Saturday", "sonntag": "Sunday",
    "januar": "January", "februar": "February", "märz": "March", "april": "April", "mai": "May",
    "juni": "June", "juli": "July", "august": "August", "september": "September", "oktober": "October",
    "november": "November", "dezember": "December",
}  # fmt: skip


@dataclass
class FakeEngine:
    """A word-list "translator" with switchable placeholder faults.

    Args:
        words: the word list (lower-case German → English); defaults to :data:`WORDS`.
        drop: drop placeholders from the best hypothesis: ``True`` for all, or a set of placeholder numbers.
        duplicate: write every placeholder twice.
        reorder: write the placeholders in reverse order.
        faults_in_nbest: whether hypotheses after the first have the faults too (``False``: they are clean, so
            enforcement can recover a placeholder from the n-best list).
        model_id: what the translation memory keys on.
        supports_placeholders: whether enforcement may use placeholders (``False`` acts like a model never
            trained on them, such as the official Argos package).

    Every call to :meth:`translate` / :meth:`translate_nbest` is recorded in ``calls``.
    """

    words: dict[str, str] = field(default_factory=lambda: dict(WORDS))
    drop: bool | Iterable[int] = False
    duplicate: bool = False
    reorder: bool = False
    faults_in_nbest: bool = False
    model_id: str = "fake:de-en:1"
    supports_placeholders: bool = True
    calls: list[list[str]] = field(default_factory=list)

    def _word(self, token: str, first: bool) -> str:
        english = self.words.get(token.lower())
        if english is None:
            return token
        if first and token[:1].isupper() and english[:1].islower():
            return english[:1].upper() + english[1:]
        return english

    def _translate_one(self, text: str, faulty: bool) -> str:
        tokens = _TOKEN.findall(text)
        out: list[str] = []
        first = True
        for tok in tokens:
            if PLACEHOLDER.fullmatch(tok) or tok.isspace() or not tok[:1].isalpha():
                out.append(tok)
            else:
                out.append(self._word(tok, first))
                first = False
        result = "".join(out)
        return self._apply_faults(result) if faulty else result

    def _apply_faults(self, text: str) -> str:
        found = PLACEHOLDER.findall(text)
        if not found:
            return text
        if self.reorder and len(found) > 1:
            slots = iter(reversed(found))
            text = PLACEHOLDER.sub(lambda m: next(slots), text)
        if self.duplicate:
            text = PLACEHOLDER.sub(lambda m: m.group(0) + " " + m.group(0), text)
        if self.drop:
            dropped = None if self.drop is True else {int(n) for n in self.drop}

            def _drop(m: regex.Match[str]) -> str:
                return "" if dropped is None or int(m.group(0)[1:-1]) in dropped else m.group(0)

            text = regex.sub(r" {2,}", " ", PLACEHOLDER.sub(_drop, text)).strip()
        return text

    def _pieces(self, text: str) -> list[tuple[str, int, int]]:
        """Source "pieces": one per word or symbol, ``▁`` marking a word start, with character offsets."""
        out: list[tuple[str, int, int]] = []
        pos = 0
        for tok in _TOKEN.findall(text):
            if not tok.isspace():
                spaced = pos == 0 or text[pos - 1].isspace()
                out.append((("▁" if spaced else "") + tok, pos, pos + len(tok)))
            pos += len(tok)
        return out

    def encode(self, text: str) -> list[str]:
        return [p for p, _, _ in self._pieces(text)]

    def decode(self, pieces: Sequence[str]) -> str:
        return "".join(pieces).replace("▁", " ").strip()

    def piece_offsets(self, text: str) -> list[tuple[int, int]]:
        return [(a, b) for _, a, b in self._pieces(text)]

    def search(self, segments: Sequence[str], *, num_hypotheses: int = 1, attention: bool = True,
               prefixes: Sequence[Sequence[str] | None] | None = None) -> list[list[TokenTranslation]]:
        """Like the real engine: pieces and a one-hot attention on the source piece each word came from.

        The best hypothesis has the configured faults; with ``num_hypotheses`` > 1 the others are the clean
        translation and marked variants (as :meth:`translate_nbest`). A prefix replaces the start of each.
        """
        from glossator.translate.engine import TokenTranslation

        self.calls.append(list(segments))
        out: list[list[TokenTranslation]] = []
        for i, text in enumerate(segments):
            src = self._pieces(text)
            texts = self._nbest([text], num_hypotheses)[0]
            hyps = []
            for hyp_text in texts:
                pieces, focus = [], []
                words = hyp_text.split()
                for w_index, word in enumerate(words):
                    pieces.append("▁" + word)
                    focus.append(min(w_index, len(src) - 1) if src else 0)
                # A word-by-word translation attends to the source word in the same place.
                aligned = self._aligned_focus(text, src, words)
                if aligned is not None:
                    focus = aligned
                prefix = list(prefixes[i] or []) if prefixes is not None else []
                if prefix:
                    pieces = prefix + pieces[len(prefix):]
                    focus = [focus[0] if focus else 0] * len(prefix) + focus[len(prefix):]
                att = [[1.0 if j == f else 0.0 for j in range(len(src))] for f in focus] if attention else []
                hyps.append(TokenTranslation([p for p, _, _ in src], pieces, self.decode(pieces), None, att))
            out.append(hyps)
        return out

    def _aligned_focus(self, text: str, src: list[tuple[str, int, int]], words: list[str]) -> list[int] | None:
        """Per output word, the source piece it translates (the fake translates word by word, in order)."""
        focus: list[int] = []
        for j, (piece, _, _) in enumerate(src):
            english = self._translate_one(piece.lstrip("▁"), faulty=False)
            count = max(1, len(english.split())) if piece.lstrip("▁")[:1].isalnum() or "⟦" in piece else 0
            if count == 0 and focus:
                continue  # punctuation sticks to the previous word
            focus.extend([j] * max(count, 1))
        return focus if len(focus) == len(words) else None

    def translate(self, segments: Sequence[str]) -> list[str]:
        self.calls.append(list(segments))
        return [self._translate_one(s, faulty=True) if s.strip() else "" for s in segments]

    def translate_nbest(self, segments: Sequence[str], n: int) -> list[list[str]]:
        """``n`` hypotheses per segment: the faulty best one, then distinct variants."""
        self.calls.append(list(segments))
        return self._nbest(segments, n)

    def _nbest(self, segments: Sequence[str], n: int) -> list[list[str]]:
        out: list[list[str]] = []
        for s in segments:
            if not s.strip():
                out.append([""])
                continue
            hyps = [self._translate_one(s, faulty=True)]
            clean = self._translate_one(s, faulty=self.faults_in_nbest)
            for k in range(1, n):
                # Distinct, deterministic alternatives: the clean rendering, then marked variants of it.
                hyps.append(clean if k == 1 else f"{clean} ({k})")
            out.append(hyps[:n])
        return out


if TYPE_CHECKING:  # mypy (tests/unit/test_static.py) checks that the fake engine matches the Protocol
    from glossator.translate.engine import Engine

    _FAKE_ENGINE: type[Engine] = FakeEngine
