"""The matcher: German inflection, compounds, boundaries, context cues, literal punctuation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.glossary.matcher import COMPOUND_HEADS, Matcher, TermMatch
from glossator.glossary.model import Entry

US = ("US", "USA", "amerikanisch", "Washington", "Blinken")
CN = ("China", "chinesisch", "Peking", "Wang Yi")


def entries() -> list[Entry]:
    rows = [
        ("Außenministerium", "State Department", "org", US),
        ("Außenministerium", "foreign ministry", "org", ()),
        ("Außenministerium", "foreign ministry", "org", CN),
        ("Außenminister", "Secretary of State", "title", US),
        ("Außenminister", "foreign minister", "title", ()),
        ("Außenminister", "foreign minister", "title", CN),
        ("Kreml", "Kremlin", "org", ()),
        ("Peking", "Beijing", "place", ()),
        ("Nordkorea", "North Korea", "place", ()),
        ("Moskau", "Moscow", "place", ()),
        ("Pjöngjang", "Pyongyang", "place", ()),
        ("koreanische Halbinsel", "Korean Peninsula", "place", ()),
        ("Weißes Haus", "White House", "org", ()),
        ("UN-Sicherheitsrat", "U.N. Security Council", "org", ()),
        ("Wladimir Putin", "Vladimir Putin", "person", ()),
        ("Putin", "Putin", "person", ()),
        ("Vereinigte Staaten", "United States", "place", ()),
    ]
    return [Entry(i, s, t, k, c) for i, (s, t, k, c) in enumerate(rows, 1)]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(entries())


def spans(matcher: Matcher, text: str) -> list[tuple[str, str, bool]]:
    return [(m.text, m.target, m.partial) for m in matcher.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("des Außenministeriums", "Außenministeriums"),
        ("Putins Sprecher", "Putins"),
        ("des Kremls", "Kremls"),
        ("Nordkoreas Raketen", "Nordkoreas"),
        ("Resolutionen des UN-Sicherheitsrats", "UN-Sicherheitsrats"),
        ("Resolutionen des UN-Sicherheitsrates", "UN-Sicherheitsrates"),
        ("auf der koreanischen Halbinsel", "koreanischen Halbinsel"),
        ("die koreanische Halbinsel", "koreanische Halbinsel"),
        ("des Weißen Hauses", "Weißen Hauses"),
        ("das Weiße Haus", "Weiße Haus"),
        ("in den Vereinigten Staaten", "Vereinigten Staaten"),
        ("Wladimir Putins Sprecher", "Wladimir Putins"),
        ("die Außenministerin", "Außenministerin"),
    ],
)
def test_inflected_forms_match(matcher: Matcher, text: str, expected: str) -> None:
    found = matcher.find(text)
    assert [m.text for m in found] == [expected]
    assert not found[0].partial


def test_match_offsets_slice_the_text(matcher: Matcher) -> None:
    text = "Der Kreml und das Weiße Haus."
    for m in matcher.find(text):
        assert isinstance(m, TermMatch)
        assert text[m.start:m.end] == m.text


def test_hyphenated_compound_with_term_as_head_spans_the_term_only(matcher: Matcher) -> None:
    text = "Das US-Außenministerium teilte mit"
    [m] = matcher.find(text)
    assert (m.text, m.target, m.partial) == ("Außenministerium", "State Department", False)
    assert text[:m.start] == "Das US-"


def test_us_prefix_of_title_is_a_context_cue(matcher: Matcher) -> None:
    assert spans(matcher, "US-Außenminister Blinken") == [("Außenminister", "Secretary of State", False)]


@pytest.mark.parametrize("text", ["Pekingente schmeckt", "die Ministerin sagte", "Moskauer Zeitung",
                                  "Kremlin", "Nordkoreaner", "Außenministeriumsgebäude"])
def test_no_match_inside_unrelated_words(matcher: Matcher, text: str) -> None:
    assert matcher.find(text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [("der Kremlchef sagte", "Kremlchef"), ("Kremlsprecher Peskow", "Kremlsprecher"),
     ("ein Außenministeriumssprecher", "Außenministeriumssprecher"), ("kremlnahe Medien", "kremlnahe"),
     ("der Kreml-Chef", "Kreml"), ("die Moskau-Reise", "Moskau")],
)
def test_compound_with_term_as_first_part_is_partial(matcher: Matcher, text: str, span: str) -> None:
    [m] = matcher.find(text)
    assert m.partial
    assert m.text == span


def test_compound_heads_list_is_lower_case() -> None:
    assert all(h == h.casefold() for h in COMPOUND_HEADS)


def test_longest_match_wins(matcher: Matcher) -> None:
    assert spans(matcher, "Wladimir Putin sagte") == [("Wladimir Putin", "Vladimir Putin", False)]
    assert spans(matcher, "Putin sagte") == [("Putin", "Putin", False)]
    # Außenministerium is longer than Außenminister and both start together.
    assert [m.text for m in matcher.find("Außenministerium")] == ["Außenministerium"]


def test_results_sorted_and_non_overlapping(matcher: Matcher) -> None:
    found = matcher.find("Moskau und Pjöngjang, der Kreml und Peking; Wladimir Putin und Putin.")
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert len(found) == 6


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("teilte das Außenministerium in Washington mit", "State Department"),
        ("das amerikanische Außenministerium", "State Department"),
        ("das chinesische Außenministerium", "foreign ministry"),
        ("das Außenministerium teilte am Freitag mit", "foreign ministry"),
        ("Außenminister Antony Blinken", "Secretary of State"),
        ("Treffen zwischen Blinken und dem chinesischen Außenminister Wang Yi", "foreign minister"),
    ],
)
def test_context_cues_choose_the_rendering(matcher: Matcher, text: str, target: str) -> None:
    found = [m for m in matcher.find(text) if m.entry.source.startswith("Außenminister")]
    assert [m.target for m in found] == [target]


def test_cue_outside_the_window_is_ignored() -> None:
    m = Matcher(entries(), window=2)
    assert m.find("in Washington hieß es , dass das Außenministerium")[0].target == "foreign ministry"
    m = Matcher(entries(), window=6)
    assert m.find("in Washington hieß es , dass das Außenministerium")[0].target == "State Department"


def test_nearest_cue_wins() -> None:
    m = Matcher(entries())
    assert m.find("Blinken traf chinesischen Außenminister")[0].target == "foreign minister"
    assert m.find("chinesisch und US Außenminister")[0].target == "Secretary of State"


def test_without_default_the_lowest_id_applies() -> None:
    m = Matcher([Entry(7, "Bank", "bank", "org", ("Geld",)), Entry(3, "Bank", "bench", "other", ("Park",))])
    assert m.find("die Bank")[0].target == "bench"
    assert m.find("Geld auf der Bank")[0].target == "bank"


def test_full_case_folding_sharp_s() -> None:
    m = Matcher(entries())
    for text in ("AUSSENMINISTERIUM", "Aussenministerium", "außenministerium", "AUẞENMINISTERIUM"):
        assert [x.text for x in m.find(text)] == [text]
    assert [x.text for x in m.find("des WEISSEN HAUSES")] == ["WEISSEN HAUSES"]


def test_decomposed_umlauts_match() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Pjöngjang und Moskau")
    assert [x.target for x in Matcher(entries()).find(text)] == ["Pyongyang", "Moscow"]


@pytest.mark.parametrize("term", ["C++", "(?=x)", "a.b", "[x]", "x|y", r"\d+x", "$USD", "(?<!a)b", "a*"])
def test_regex_metacharacters_in_terms_are_literal(term: str) -> None:
    m = Matcher([Entry(1, term, "T", "other")])
    hits = m.find(f"vor {term} nach")
    assert [h.text for h in hits] == [term]
    # text a regex reading of the term would match (xyz, abd, a, 12x, …), but not the term itself
    assert m.find("vor xyz nach abd ab a b 12x USD") == []


def test_regex_metacharacters_in_cues_are_literal() -> None:
    m = Matcher([Entry(1, "Bank", "bench", "other"), Entry(2, "Bank", "bank", "org", (".*", "(?=G)", "Geld"))])
    assert m.find("Gold auf der Bank")[0].target == "bench"
    assert m.find("Geld auf der Bank")[0].target == "bank"


def test_forms_are_matched_like_the_source() -> None:
    m = Matcher([Entry(1, "Kim Jong Un", "Kim Jong Un", "person", (), ("Kim Jong-un",))])
    assert [x.text for x in m.find("Kim Jong-un und Kim Jong Un")] == ["Kim Jong-un", "Kim Jong Un"]


def test_seed_article_terms() -> None:
    from glossator.glossary.starter import starter_entries

    from_seed = [e.with_changes(id=i) for i, e in enumerate(starter_entries(), 1)]
    m = Matcher(from_seed)
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "seeds" / "us-china-north-korea-2024-02.de.txt").read_text()
    got = {(x.text, x.target) for line in text.split("\n") for x in m.find(line)}
    for pair in [("Pjöngjang", "Pyongyang"), ("Moskau", "Moscow"), ("Wladimir Putin", "Vladimir Putin"),
                 ("Kreml", "Kremlin"), ("UN-Sicherheitsrats", "U.N. Security Council"),
                 ("Außenminister", "Secretary of State"), ("Außenminister", "foreign minister"),
                 ("koreanischen Halbinsel", "Korean Peninsula"), ("Nordkoreas", "North Korea"),
                 ("Antony Blinken", "Antony Blinken"), ("Wang Yi", "Wang Yi"), ("Kim Jong Un", "Kim Jong Un"),
                 ("Außenministeriums", "foreign ministry")]:
        assert pair in got, pair


# -- properties -------------------------------------------------------------------------------------
_letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß", min_size=3, max_size=10)
_word_chars = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßÄÖÜ", min_size=1, max_size=6)


def _recase(word: str, flips: list[bool]) -> str:
    return "".join(ch.upper() if f and ch != "ß" else ch for ch, f in zip(word, flips + [False] * len(word)))


@settings(max_examples=60, deadline=None)
@given(term=_letters, flips=st.lists(st.booleans(), max_size=10))
def test_property_any_casing_matches(term: str, flips: list[bool]) -> None:
    m = Matcher([Entry(1, term, "T", "place")])
    variant = _recase(term, flips)
    assert [x.text for x in m.find(f"in {variant} heute")] == [variant]


@settings(max_examples=60, deadline=None)
@given(term=_letters)
def test_property_sharp_s_equals_ss(term: str) -> None:
    m = Matcher([Entry(1, term, "T", "place")])
    swapped = term.replace("ß", "ss") if "ß" in term else term
    assert len(m.find(f"x {swapped} y")) == 1


@settings(max_examples=80, deadline=None)
@given(term=_letters, before=_word_chars, after=_word_chars)
def test_property_full_matches_are_whole_words(term: str, before: str, after: str) -> None:
    m = Matcher([Entry(1, term, "T", "place")])
    for text in (f"x {before}{term} y", f"x {term}{after} y", f"x {before}{term}{after} y", f"x {term} y"):
        for hit in m.find(text):
            if hit.partial:
                continue
            assert hit.start == 0 or not text[hit.start - 1].isalnum(), (text, hit)
            assert hit.end == len(text) or not text[hit.end].isalnum(), (text, hit)


@settings(max_examples=60, deadline=None)
@given(term=_letters, after=st.text(alphabet="bcdfghjklmpqtvwxz", min_size=2, max_size=5))
def test_property_unlisted_compound_is_no_match(term: str, after: str) -> None:
    # Consonant clusters are never an inflection ending nor a listed compound head.
    assert Matcher([Entry(1, term, "T", "place")]).find(f"die {term}{after} hier") == []


@settings(max_examples=60, deadline=None)
@given(term=_letters, punct=st.sampled_from([",", ".", ";", ":", "!", "?", "(", ")", "„", "“", "\"", "'"]))
def test_property_punctuation_is_a_boundary(term: str, punct: str) -> None:
    m = Matcher([Entry(1, term, "T", "place")])
    assert [h.text for h in m.find(f"{punct}{term}{punct}")] == [term]


@settings(max_examples=40, deadline=None)
@given(words=st.lists(_letters, min_size=1, max_size=6), text=st.text(max_size=80))
def test_property_results_are_sorted_disjoint_slices(words: list[str], text: str) -> None:
    m = Matcher([Entry(i, w, w.upper(), "other") for i, w in enumerate(words, 1)])
    sample = text + " " + " ".join(words) + " " + text
    found = m.find(sample)
    assert all(sample[h.start:h.end] == h.text for h in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_document_context_decides_when_no_cue_is_near():
    from glossator.glossary.matcher import Matcher
    from glossator.glossary.model import Entry

    m = Matcher([
        Entry(id=1, source="Außenministerium", target="State Department", type="org", context=("Washington", "US")),
        Entry(id=2, source="Außenministerium", target="foreign ministry", type="org"),
        Entry(id=3, source="Außenministerium", target="foreign ministry", type="org", context=("chines",)),
    ])
    sentence = "Das teilte das Außenministerium am Freitag mit."
    assert m.find(sentence)[0].target == "foreign ministry"
    assert m.find(sentence, context="Washington")[0].target == "State Department"
    # A cue in the sentence's own window still wins over the document's context.
    near = "Das teilte das chinesische Außenministerium am Freitag mit."
    assert m.find(near, context="Washington")[0].target == "foreign ministry"
    assert m.find(near, context="Washington")[0].entry.id == 3
