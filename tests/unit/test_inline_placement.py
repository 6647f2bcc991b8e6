"""Inline codes put back by the decoder's attention, with attention shaped like a real model's: punctuation in
pieces of its own that attend to the source's punctuation, and one English word for two German ones."""

from __future__ import annotations

import regex

from glossator.translate.enforce import Enforcer
from glossator.translate.inline import code_char

_PIECE = regex.compile(r"[\p{L}\p{N}]+|[^\s\p{L}\p{N}]")


class ScriptedAttention:
    """Answers every sentence with the same English pieces; each piece's attention is given per source word.

    Source pieces are words and single punctuation marks (``▁`` before a word that follows a space), as a
    SentencePiece model cuts a plain sentence.
    """

    model_id = "scripted"
    supports_placeholders = False

    def __init__(self, target: list[tuple[str, dict[str, float]]]) -> None:
        self.target = target

    def _pieces(self, text: str) -> list[tuple[str, int, int]]:
        return [(("▁" if m.start() == 0 or text[m.start() - 1] == " " else "") + m.group(0), m.start(), m.end())
                for m in _PIECE.finditer(text)]

    def encode(self, text: str) -> list[str]:
        return [p for p, _, _ in self._pieces(text)]

    def decode(self, pieces) -> str:
        return "".join(pieces).replace("▁", " ").strip()

    def piece_offsets(self, text: str) -> list[tuple[int, int]]:
        return [(a, b) for _, a, b in self._pieces(text)]

    def translate(self, segments):
        return [self.decode([p for p, _ in self.target]) for _ in segments]

    def translate_nbest(self, segments, n):
        return [[t] for t in self.translate(segments)]

    def search(self, segments, num_hypotheses=1, attention=True, prefixes=None):
        from glossator.translate.engine import TokenTranslation

        out = []
        for s in segments:
            src = self.encode(s)
            words = [p.lstrip("▁") for p in src]
            pieces = [p for p, _ in self.target]
            att = [[row.get(w, 0.0) for w in words] for _, row in self.target]
            out.append([TokenTranslation(src, pieces, self.decode(pieces), -1.0, att if attention else [])])
        return out


# What a model wrote for "Das Außenministerium teilte am Freitag mit." (rounded from the v2 candidate's
# attention): "Friday" spreads over "am Freitag" and the full stop, the "." piece sits on the full stop.
FRIDAY = [
    ("▁The", {"Das": 0.9, "Außenministerium": 0.1}),
    ("▁foreign", {"Außenministerium": 0.95}),
    ("▁ministry", {"Außenministerium": 0.95}),
    ("▁announced", {"teilte": 0.85, "mit": 0.05}),
    ("▁Friday", {"am": 0.30, "Freitag": 0.22, "mit": 0.08, ".": 0.29}),
    (".", {".": 0.89, "mit": 0.06, "am": 0.03}),
]


def test_a_word_with_its_full_stop_aligns_by_its_letters_not_the_stop() -> None:
    b, end_b, i, end_i = (code_char(k) for k in range(4))
    source = f"Das {b}Außenministerium{end_b} teilte {i}am Freitag{end_i} mit."
    [r] = Enforcer(ScriptedAttention(FRIDAY), None).translate([source])
    assert r.target == f"The {b}foreign ministry{end_b} announced {i}Friday{end_i}."
    assert r.terms == []  # every code found its place: nothing appended, nothing reported


def test_a_code_never_leaves_the_text_it_marks() -> None:
    # No English word attends to "am Freitag" at all: the codes around it must not be put around other words
    # (a closing code before its opening one marks nothing); they are appended and reported instead.
    lost = [(p, {k: v for k, v in row.items() if k not in ("am", "Freitag")}) for p, row in FRIDAY]
    i, end_i = code_char(0), code_char(1)
    [r] = Enforcer(ScriptedAttention(lost), None).translate([f"Das Außenministerium teilte {i}am Freitag{end_i} mit."])
    assert r.target.index(i) < r.target.index(end_i)
    assert "announced" not in r.target[r.target.index(i) : r.target.index(end_i)]
    assert [(t.kind, t.status) for t in r.terms] == [("tag", "violated")] * 2


def test_a_span_the_model_left_out_at_the_end_goes_inside_the_final_full_stop() -> None:
    from glossator.glossary.matcher import Matcher
    from glossator.glossary.model import Entry

    # The model left "Quolmbach" out; the word that attends to it most is the last one, which translates the
    # word before it ("über"): the term is put back after that word, before the full stop ("over Quolmbach.",
    # not "over. Quolmbach").
    closed = [("▁The", {"Die": 0.9}), ("▁bridge", {"Brücke": 0.9}), ("▁is", {"ist": 0.9}),
              ("▁closed", {"gesperrt": 0.9}), ("▁over", {"über": 0.6, "Quolmbach": 0.3}), (".", {".": 0.9})]
    matcher = Matcher([Entry(id=1, source="Quolmbach", target="Quolmbach", type="place")])
    [r] = Enforcer(ScriptedAttention(closed), matcher).translate(["Die Brücke über Quolmbach ist gesperrt."])
    assert r.target == "The bridge is closed over Quolmbach."
    assert [(t.source, t.status) for t in r.terms] == [("Quolmbach", "applied")]


def test_codes_around_one_of_two_left_out_names_stay_around_that_name() -> None:
    from glossator.glossary.matcher import Matcher
    from glossator.glossary.model import Entry

    # The model left out both parts of "Birgit <a>Streich</a>" (two spans: the link cuts the name); both are
    # put back at one spot, and the link goes around "Streich" only, not around "Birgit Streich".
    a, end_a = code_char(0), code_char(1)
    said = [("▁Monday", {"Montag": 0.9}), ("▁she", {"sprach": 0.5}),
            ("▁spoke", {"sprach": 0.6, "Birgit": 0.2, "Streich": 0.2}), (".", {".": 0.9})]
    matcher = Matcher([Entry(id=1, source="Birgit", target="Birgit", type="person"),
                       Entry(id=2, source="Streich", target="Streich", type="person")])
    [r] = Enforcer(ScriptedAttention(said), matcher).translate([f"Am Montag sprach Birgit {a}Streich{end_a}."])
    assert r.target == f"Monday she spoke Birgit {a}Streich{end_a}."


def test_a_code_that_is_a_word_of_its_own_stays_apart_where_the_english_moves_the_words_after_it() -> None:
    # Markdown's `Pjöngjang` before the full stop: the English puts "on Monday" after "about"; the code goes
    # with "über", as a word of its own, not glued to "on" or to "Monday".
    code = code_char(0)
    moved = [("▁He", {"er": 0.9}), ("▁spoke", {"sprach": 0.9}), ("▁about", {"über": 0.9}), ("▁on", {"Am": 0.9}),
             ("▁Monday", {"Montag": 0.9}), (".", {".": 0.9})]
    [r] = Enforcer(ScriptedAttention(moved), None).translate([f"Am Montag sprach er über {code}."])
    assert r.target == f"He spoke about {code} on Monday."


def test_only_a_code_between_spaces_or_before_closing_punctuation_is_a_word_of_its_own() -> None:
    from glossator.translate.spans import code_spans

    c0, c1 = code_char(0), code_char(1)
    found = {text: [(s.glue, s.apart) for s in code_spans(text)] for text in (
        f"über {c0}.", f"über {c0} und", f"über {c0}Wort{c1} und", f'"{c0}Wort{c1}".')}
    assert found == {f"über {c0}.": [("prev", True)], f"über {c0} und": [("", True)],
                     f"über {c0}Wort{c1} und": [("next", False), ("prev", False)],
                     f'"{c0}Wort{c1}".': [("next", False), ("prev", False)]}
