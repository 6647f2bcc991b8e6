"""Glossary enforcement against a deterministic fake engine: every fault a real model can make."""

from __future__ import annotations

import pytest

from glossator.glossary.matcher import Matcher
from glossator.glossary.model import Entry
from glossator.translate.enforce import Enforcer, mask, plan_terms, realize, supports_placeholders, verify
from glossator.translate.fake import FakeEngine


def entries() -> list[Entry]:
    rows = [
        ("Außenministerium", "State Department", "org", ("US", "Washington", "Blinken")),
        ("Außenministerium", "foreign ministry", "org", ()),
        ("Wladimir Putin", "Vladimir Putin", "person", ()),
        ("Pjöngjang", "Pyongyang", "place", ()),
        ("Nordkorea", "North Korea", "place", ()),
        ("Kreml", "Kremlin", "org", ()),
        ("Moskau", "Moscow", "place", ()),
    ]
    return [Entry(id=i + 1, source=s, target=t, type=ty, context=c) for i, (s, t, ty, c) in enumerate(rows)]


@pytest.fixture
def matcher() -> Matcher:
    return Matcher(entries())


def statuses(result) -> list[tuple[str, str, str]]:
    return [(t.source, t.target, t.status) for t in result.terms]


def test_placeholders_render_terms_with_english_articles(matcher):
    [r] = Enforcer(FakeEngine(), matcher).translate(["Das Außenministerium in Washington sagte heute nichts."])
    assert r.target.startswith("The State Department")
    assert statuses(r) == [("Außenministerium", "State Department", "applied")]


def test_genitive_name_becomes_possessive(matcher):
    [r] = Enforcer(FakeEngine(), matcher).translate(["Wladimir Putins Sprecher sagte heute nichts."])
    assert r.target.startswith("Vladimir Putin's Sprecher")
    assert statuses(r) == [("Wladimir Putins", "Vladimir Putin", "applied")]


def test_postnominal_genitive_name_becomes_of_phrase(matcher):
    [r] = Enforcer(FakeEngine(), matcher).translate(["Die Raketen Nordkoreas."])
    assert r.target == "The Raketen of North Korea."
    assert r.terms[0].status == "applied"


def test_inflected_genitive_article_term(matcher):
    [r] = Enforcer(FakeEngine(), matcher).translate(["Eine Erklärung des Außenministeriums."])
    assert "of the foreign ministry" in r.target
    assert r.terms[0].source == "Außenministeriums"


def test_hyphenated_compound_prefix_becomes_modifier(matcher):
    [r] = Enforcer(FakeEngine(), matcher).translate(["Das US-Außenministerium sagte."])
    assert "US State Department" in r.target
    assert "US-" not in r.target


def test_sentence_initial_lower_case_rendering_is_capitalised(matcher):
    [r] = Enforcer(FakeEngine(), matcher).translate(["Außenministerium sagte nichts."])
    assert r.target.startswith("Foreign ministry")
    assert r.terms[0].status == "applied"


def test_dropped_placeholder_recovers_from_nbest(matcher):
    engine = FakeEngine(drop=True)
    [r] = Enforcer(engine, matcher).translate(["Pjöngjang und Moskau sagten heute nichts."])
    assert "Pyongyang" in r.target and "Moscow" in r.target
    assert {t.status for t in r.terms} == {"applied"}
    assert len(engine.calls) == 1  # the n-best list comes from the one beam search


def test_duplicated_placeholders_fall_back_to_inline(matcher):
    engine = FakeEngine(duplicate=True, faults_in_nbest=True)
    [r] = Enforcer(engine, matcher).translate(["Pjöngjang sagte heute nichts."])
    assert r.target.count("Pyongyang") == 1
    assert r.terms[0].status == "applied"


def test_reordered_placeholders_keep_each_term(matcher):
    engine = FakeEngine(reorder=True)
    [r] = Enforcer(engine, matcher).translate(["Moskau und Pjöngjang sagten nichts."])
    assert {t.target for t in r.terms if t.status == "applied"} == {"Moscow", "Pyongyang"}


class StubbornEngine:
    """An engine that never renders a term: it always answers the same English."""

    model_id = "stubborn"
    supports_placeholders = False

    def translate(self, segments):
        return ["The ministry said nothing." for _ in segments]

    def translate_nbest(self, segments, n):
        return [["The ministry said nothing.", "A ministry said nothing."] for _ in segments]


class OneAnswer(StubbornEngine):
    """An engine that answers ``english`` to every segment (with placeholders in it when ``placeholders``)."""

    def __init__(self, english: str, placeholders: bool = False) -> None:
        self.english = english
        self.supports_placeholders = placeholders

    def translate(self, segments):
        return [self.english for _ in segments]

    def translate_nbest(self, segments, n):
        return [[self.english] for _ in segments]


def test_missing_rendering_is_violated_never_silent(matcher):
    [r] = Enforcer(StubbornEngine(), matcher).translate(["Das Außenministerium sagte nichts."])
    assert r.target == "The ministry said nothing."
    assert statuses(r) == [("Außenministerium", "foreign ministry", "violated")]


def test_partial_compound_is_reported_not_rendered(matcher):
    [r] = Enforcer(FakeEngine(), matcher).translate(["Der Kremlchef sagte nichts."])
    assert [t.status for t in r.terms] == ["partial"]
    assert "Kremlin" not in r.target


def test_segments_without_terms_are_translated_plainly_in_one_batch(matcher):
    engine = FakeEngine()
    results = Enforcer(engine, matcher).translate(["Hallo Welt.", "Der Hund.", "Moskau sagte nichts."])
    assert [r.target for r in results[:2]] == ["Hello world.", "The dog."]
    assert results[2].terms[0].status == "applied"
    assert [len(c) for c in engine.calls] == [2, 1]


def test_without_glossary_is_plain_translation():
    results = Enforcer(FakeEngine(), None).translate(["Hallo Welt."])
    assert results[0].target == "Hello world." and results[0].terms == []


def test_repeated_term_counts_each_occurrence(matcher):
    class OnceEngine(StubbornEngine):
        def translate(self, segments):
            return ["Moscow said Moscow." if "Moskau" in s else "Moscow said it." for s in segments]

        def translate_nbest(self, segments, n):
            return [[t] for t in self.translate(segments)]

    [r] = Enforcer(OnceEngine(), matcher, placeholders=False).translate(["Moskau, Moskau und Moskau."])
    assert [t.status for t in r.terms] == ["applied", "applied", "violated"]


def test_among_equals_a_hypothesis_without_a_possessive_german_has_no_reason_for_wins(matcher):
    class PlaceholderEngine(StubbornEngine):
        supports_placeholders = True

        def translate_nbest(self, segments, n):
            return [["⟦0⟧'s met Kim.", "⟦0⟧ met Kim."] if "traf" in s else ["⟦0⟧'s visit.", "The visit of ⟦0⟧."]
                    for s in segments]

    enforcer = Enforcer(PlaceholderEngine(), matcher)
    [r] = enforcer.translate(["Wladimir Putin traf Kim."])
    assert r.target == "Vladimir Putin met Kim."
    # After "von" English may well write the possessive: the model's first choice stays.
    [r] = enforcer.translate(["Der Besuch von Wladimir Putin."])
    assert r.target == "Vladimir Putin's visit."


def test_mask_and_realize_round_trip(matcher):
    source = "Wladimir Putin traf Kim in Pjöngjang."
    terms, partials = plan_terms(source, matcher)
    assert partials == []
    masked = mask(source, terms)
    assert masked == "⟦0⟧ traf Kim in ⟦1⟧."
    assert realize("⟦0⟧ met Kim in ⟦1⟧.", terms) == "Vladimir Putin met Kim in Pyongyang."
    # A lost placeholder stays lost, and verification reports that term.
    lost = realize("⟦0⟧ met Kim.", terms)
    assert lost == "Vladimir Putin met Kim."
    assert verify(lost, terms) == [True, False]
    # A repeated placeholder keeps its first place when nothing tells the places apart; an invented one is
    # dropped.
    assert realize("⟦0⟧ met ⟦0⟧ in ⟦1⟧ ⟦7⟧.", terms) == "Vladimir Putin met in Pyongyang."
    # Otherwise the place that follows the German's order: ⟦1⟧ came after ⟦0⟧ there.
    assert realize("⟦1⟧ ⟦0⟧ met Kim in ⟦1⟧.", terms) == "Vladimir Putin met Kim in Pyongyang."


def test_of_a_repeated_placeholder_the_place_in_source_order_is_kept():
    from glossator.translate.spans import drop_repeated_slots, kept_slots

    # "Heide Keller sprach mit Birgit Streich über Pjöngjang": the model wrote ⟦3⟧ for ⟦4⟧ after ⟦1⟧.
    assert kept_slots([0, 1, 3, 2, 3], 5) == [True, True, False, True, True]
    assert kept_slots([0, 0, 1], 2) == [True, False, True]  # a tie: the first
    assert kept_slots([0, 9, 1], 2) == [True, False, True]  # no such span
    words = ["actor", "⟦0⟧", "⟦1⟧", "⟦3⟧", "talks", "with", "⟦2⟧", "⟦3⟧."]
    assert drop_repeated_slots(words, 5) == ["actor", "⟦0⟧", "⟦1⟧", "", "talks", "with", "⟦2⟧", "⟦3⟧."]


def test_verify_needs_whole_words(matcher):
    terms, _ = plan_terms("Moskau.", matcher)
    assert verify("Moscow.", terms) == [True]
    assert verify("Moscowville.", terms) == [False]


def test_placeholder_support_is_detected():
    assert supports_placeholders(FakeEngine()) is True
    assert supports_placeholders(StubbornEngine()) is False
    assert supports_placeholders(object()) is False


class AligningEngine(StubbornEngine):
    """Never renders the term, but returns pieces and attention like CTranslate2 does."""

    def encode(self, text):
        return ["▁" + w for w in text.split()]

    def decode(self, pieces):
        return "".join(pieces).replace("▁", " ").strip()

    def piece_offsets(self, text):
        out, pos = [], 0
        for w in text.split():
            start = text.index(w, pos)
            out.append((start, start + len(w)))
            pos = start + len(w)
        return out

    def search(self, segments, num_hypotheses=1, attention=True, prefixes=None):
        return [[t] for t in self.translate_tokens(segments, attention)]

    def translate_tokens(self, segments, attention=True):
        from glossator.translate.engine import TokenTranslation

        out = []
        for s in segments:
            src = self.encode(s)  # ▁Das ▁Außenministerium ▁sagte ▁nichts.
            tgt = ["▁The", "▁minis", "try", "▁said", "▁nothing", "."]
            # each target piece attends most to one source piece: the, ministry->1, said->2, nothing->3
            focus = [0, 1, 1, 2, 3, 3]
            att = [[1.0 if j == f else 0.0 for j in range(len(src))] for f in focus]
            out.append(TokenTranslation(src, tgt, self.decode(tgt), -1.0, att))
        return out


def test_attention_alignment_replaces_the_words_the_model_wrote_for_the_term(matcher):
    enforcer = Enforcer(AligningEngine(), matcher)
    assert enforcer.placeholders is False
    [r] = enforcer.translate(["Das Außenministerium sagte nichts."])
    assert r.target == "The foreign ministry said nothing."
    assert statuses(r) == [("Außenministerium", "foreign ministry", "applied")]
    assert enforcer.stats["repair"] == 1


def test_stuttered_placeholder_counts_once(matcher):
    terms, _ = plan_terms("Pjöngjang sagte nichts.", matcher)
    assert realize("⟦0⟧ ⟦0⟧ said nothing.", terms) == "Pyongyang said nothing."
    assert realize("⟦0⟧ said ⟦0⟧.", terms) == "Pyongyang said."  # a later repeat keeps only the first place


def test_a_word_glued_to_a_placeholder_stands_apart(matcher):
    terms, _ = plan_terms("Wladimir Putin traf Kim in Pjöngjang.", matcher)
    assert realize("⟦0⟧met Kim in⟦1⟧.", terms) == "Vladimir Putin met Kim in Pyongyang."
    assert realize("⟦0⟧-led talks in ⟦1⟧.", terms) == "Vladimir Putin-led talks in Pyongyang."


def test_a_possessive_that_ends_its_clause_is_dropped_unless_german_has_a_genitive(matcher):
    terms, _ = plan_terms("Das sagte Wladimir Putin.", matcher)
    assert realize("That said ⟦0⟧'s.", terms) == "That said Vladimir Putin."
    assert realize("⟦0⟧'s, he said.", terms) == "Vladimir Putin, he said."
    assert realize("⟦0⟧'s office said.", terms) == "Vladimir Putin's office said."  # before a noun: English
    assert realize("⟦0⟧ 's 's office said.", terms) == "Vladimir Putin's office said."  # spaced, twice: once
    genitive, _ = plan_terms("Wladimir Putins Sprecher.", matcher)
    assert genitive[0].genitive
    assert realize("The spokesman ⟦0⟧'s.", genitive).startswith("The spokesman Vladimir Putin's")
    # A possessive the model wrote itself after a genitive is the genitive: no "of" added, no second "'s".
    assert realize("A spokesman of ⟦0⟧ 's 's said.", genitive) == "A spokesman of Vladimir Putin's said."


def test_a_possessive_after_a_name_german_gives_no_reason_for_is_dropped():
    from glossator.translate.names import Lexicon, NameFinder

    finder = NameFinder(Lexicon.from_text("Quolwi\t9\t9\t0\t0"))
    [r] = Enforcer(OneAnswer("The tanker ⟦0⟧'s left the port.", placeholders=True), None, names=finder).translate(["Der Tanker Quolwi verließ den Hafen."])
    assert r.target == "The tanker Quolwi left the port."
    # After "von" German has a reason: "das Team von Quolwi" may well be "Quolwi's team".
    [r] = Enforcer(OneAnswer("The tanker ⟦0⟧'s left the port.", placeholders=True), None, names=finder).translate(["Das Team von Quolwi verließ den Hafen."])
    assert r.target == "The tanker Quolwi's left the port."

    # A model without placeholders (the official package) slips alike.
    slipping_text = OneAnswer("The tanker Quolwi's left the port.")
    [r] = Enforcer(slipping_text, None, names=finder).translate(["Der Tanker Quolwi verließ den Hafen."])
    assert r.target == "The tanker Quolwi left the port."
    [r] = Enforcer(slipping_text, None, names=finder).translate(["Das Team von Quolwi verließ den Hafen."])
    assert r.target == "The tanker Quolwi's left the port."


def test_a_possessive_after_a_term_german_gives_no_reason_for_is_dropped_on_both_paths(matcher):
    for english, placeholders in (("⟦0⟧'s said no.", True), ("Kremlin's said no.", False)):
        [r] = Enforcer(OneAnswer(english, placeholders=placeholders), matcher).translate(["Der Kreml sagte nein."])
        assert r.target == "Kremlin said no.", placeholders
    # A genitive is a reason: "des Kremls Sprecher" stays the Kremlin's spokesman.
    [r] = Enforcer(OneAnswer("Kremlin's spokesman said no."), matcher).translate(["Des Kremls Sprecher sagte nein."])
    assert r.target == "Kremlin's spokesman said no."


def test_a_repaired_sentence_without_placeholders_keeps_no_possessive_slip():
    from glossator.translate.names import Lexicon, NameFinder

    finder = NameFinder(Lexicon.from_text("Quolwi\t9\t9\t0\t0\nZembla\t9\t9\t0\t0"))
    # The model writes a possessive German has no reason for and leaves a name out: repair puts the name back
    # in the first pass's hypothesis, which still has the slip; the slip goes all the same.
    slipping = OneAnswer("The tanker Quolwi's left the port of Zembl.")
    enforcer = Enforcer(slipping, None, names=finder)
    [r] = enforcer.translate(["Der Tanker Quolwi verließ den Hafen von Zembla."])
    assert enforcer.stats["repair"] == 1
    assert "Quolwi's" not in r.target and "Quolwi left" in r.target and "Zembla" in r.target


def test_alignment_spread_over_the_sentence_replaces_nothing(matcher):
    class Scattered(AligningEngine):
        def translate_tokens(self, segments, attention=True):
            from glossator.translate.engine import TokenTranslation

            out = []
            for s in segments:
                src = self.encode(s)
                tgt = ["▁The", "▁minis", "▁said", "▁very", "▁many", "▁things", "▁today", "."]
                focus = [0, 1, 2, 3, 3, 3, 3, 1]  # the term's attention lands at both ends of the sentence
                att = [[1.0 if j == f else 0.0 for j in range(len(src))] for f in focus]
                out.append(TokenTranslation(src, tgt, self.decode(tgt), -1.0, att))
            return out

    [r] = Enforcer(Scattered(), matcher).translate(["Das Außenministerium sagte nichts."])
    # No words are swallowed between the two ends the attention points at: the rendering goes in beside the
    # word that attends to the term most, and the rest of the sentence stays.
    assert "said very many things today" in r.target
    assert r.target.count("foreign ministry") == 1
    assert [t.status for t in r.terms] == ["applied"]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("bis 2030 insgesamt 12 neue Schulen", [("2030", "2030"), ("12", "12")]),
        ("um 3,5 Prozent und 10.000,50 Euro", [("3,5", "3.5"), ("10.000,50", "10,000.50")]),
        ("1.000 Menschen im Jahr 2022.", [("1.000", "1,000"), ("2022", "2022")]),
        ("am 16. Februar, der 3. Platz, Nr. 5, COVID-19, G20, Seite 12-14", []),
    ],
)
def test_numbers_are_protected_in_english_notation(text, numbers):
    from glossator.translate.enforce import protect_numbers

    assert [(t.text, t.target) for t in protect_numbers(text, [])] == numbers


def test_protected_numbers_are_carried_but_never_reported(matcher):
    engine = FakeEngine()
    [r] = Enforcer(engine, matcher).translate(["Moskau zahlte 1.000 Euro und 3,5 Prozent."])
    assert r.target == "Moscow zahlte 1,000 Euro and 3.5 Prozent."
    assert statuses(r) == [("Moskau", "Moscow", "applied")]
    assert engine.calls == [["⟦0⟧ zahlte ⟦1⟧ Euro und ⟦2⟧ Prozent."]]


def test_numbers_a_model_without_placeholders_lost_are_reported(matcher):
    enforcer = Enforcer(StubbornEngine(), matcher)
    [r] = enforcer.translate(["Es waren 2022 nur 12."])
    assert [(t.source, t.target, t.status, t.kind) for t in r.terms] == [
        ("2022", "2022", "violated", "number"), ("12", "12", "violated", "number")]


def test_text_with_literal_placeholder_brackets_is_not_confused_with_placeholders(matcher):
    engine = FakeEngine()
    [r] = Enforcer(engine, matcher).translate(["⟦0⟧ und Moskau."])
    assert r.target == "⟦0⟧ and Moscow."
    assert statuses(r) == [("Moskau", "Moscow", "applied")]
    assert engine.calls[0] == ["⟦0⟧ und Moskau."]  # the text as it is: no placeholders of ours beside its own


@pytest.mark.parametrize("placeholders", [True, False], ids=["placeholders", "no-placeholders"])
def test_inline_codes_come_back_around_the_right_words(matcher, placeholders):
    from glossator.translate.inline import code_char

    b, end_b, br = code_char(0), code_char(1), code_char(2)
    source = f"Das {b}Außenministerium{end_b} sagte heute {br} nichts."
    [r] = Enforcer(FakeEngine(), matcher, placeholders=placeholders).translate([source])
    assert f"{b}foreign ministry{end_b}" in r.target or f"{b}Foreign ministry{end_b}" in r.target
    assert r.target.count(br) == 1 and r.target.count(b) == 1 and r.target.count(end_b) == 1
    assert [t.kind for t in r.terms] == ["term"]  # codes that came back are not reported


def test_an_inline_code_without_a_place_is_appended_and_reported(matcher):
    from glossator.translate.inline import code_char

    code = code_char(0)
    [r] = Enforcer(StubbornEngine(), matcher).translate([f"Das sagte {code}niemand."])
    assert r.target.endswith(code)
    assert [(t.kind, t.status) for t in r.terms] == [("tag", "violated")]


def test_a_garbled_name_is_put_back_as_written():
    from glossator.translate.names import Lexicon, NameFinder

    finder = NameFinder(Lexicon.from_text("Liu\t7\t7\t0\t0"))
    [r] = Enforcer(OneAnswer("Liu Penugy said nothing."), None, names=finder).translate(["Liu Pengyu sagte nichts."])
    assert r.target == "Liu Pengyu said nothing."
    assert [(t.source, t.kind, t.status) for t in r.terms] == [("Liu Pengyu", "name", "applied")]


def test_a_name_in_german_transliteration_is_kept_and_reported_for_a_check_or_as_lost():
    from glossator.translate.names import Lexicon, NameFinder

    finder = NameFinder(Lexicon.from_text("Liu\t7\t7\t0\t0"))
    [kept] = Enforcer(FakeEngine(), None, names=finder).translate(["Sprecher Peskow widersprach."])
    assert "Peskow" in kept.target
    assert [(t.source, t.status, t.suggestion) for t in kept.terms] == [("Peskow", "partial", "Peskov")]
    # The model wrote no trace of it (nothing to repair): lost, not "partial" as if it were there to check.
    dropping = OneAnswer("The spokesman contradicted.")
    [lost] = Enforcer(dropping, None, names=finder).translate(["Sprecher Peskow widersprach."])
    assert lost.target == "The spokesman contradicted."
    assert [(t.source, t.status, t.suggestion) for t in lost.terms] == [("Peskow", "violated", "Peskov")]


def test_a_name_heading_a_compound_travels_apart_from_the_noun():
    from glossator.translate.spans import Span, model_text

    source = "Das war ein Schabowski-Moment."
    start = source.index("Schabowski")
    span = Span(start, start + 10, "Schabowski", "Schabowski", "name", compound_head=True)
    assert model_text(source, [span], True)[0] == "Das war ein ⟦0⟧ Moment."
    assert model_text(source, [span], False)[0] == source  # a model without placeholders reads the German as is


def test_after_nach_a_place_is_where_someone_goes_to_on_either_path(matcher):
    sources = ["Putin reist nach Pjöngjang.", "Nach Angaben aus Pjöngjang kam er nach dem Treffen."]
    placeholder_model = OneAnswer("Putin travels after ⟦0⟧.", placeholders=True)
    [r] = Enforcer(placeholder_model, matcher).translate(sources[:1])
    assert r.target == "Putin travels to Pyongyang." and statuses(r) == [("Pjöngjang", "Pyongyang", "applied")]
    [r] = Enforcer(OneAnswer("Putin travels after Pyongyang."), matcher).translate(sources[:1])
    assert r.target == "Putin travels to Pyongyang."
    # Not after "nach" (aus Pjöngjang), and "after" elsewhere stays: "After details from Pyongyang, he came after".
    text = "After details from Pyongyang he came after the meeting, after Pyongyang."
    [r] = Enforcer(OneAnswer(text), matcher).translate(sources[1:])
    assert r.target == text


@pytest.mark.parametrize(
    ("text", "literals"),
    [
        ("Mehr unter www.stadt-koeln.de/aktuell.", ["www.stadt-koeln.de/aktuell"]),
        ("Siehe https://example.org/a?b=1&c=2, dann (https://de.wikipedia.org/wiki/Köln_(Stadt)).",
         ["https://example.org/a?b=1&c=2", "https://de.wikipedia.org/wiki/Köln_(Stadt)"]),
        ("Mails an presse@quolm-werke.de oder an Tagesschau.de!", ["presse@quolm-werke.de", "Tagesschau.de"]),
        ('Er schrieb auf X (@Quolmbach_Amt): "#Hochwasser #Quolmbach2024".',
         ["@Quolmbach_Amt", "#Hochwasser", "#Quolmbach2024"]),
        ("z.B. am 3.5., Nr. #1, u.a. bzw. usw. Er kam.Der Mann", []),
    ],
)
def test_addresses_handles_and_hashtags_are_literals(text, literals):
    from glossator.translate.spans import literal_spans

    assert [s.text for s in literal_spans(text)] == literals
    assert all(s.kind == "literal" and s.target == s.text for s in literal_spans(text))


def test_a_literal_travels_as_written_and_is_reported_when_lost(matcher):
    engine = FakeEngine()
    [r] = Enforcer(engine, matcher).translate(["Infos aus Moskau unter www.moskau-quolm.de und #Moskau."])
    assert r.target == "Infos aus Moscow unter www.moskau-quolm.de and #Moskau."
    assert engine.calls == [["Infos aus ⟦0⟧ unter ⟦1⟧ und ⟦2⟧."]]  # no glossary term inside an address
    assert statuses(r) == [("Moskau", "Moscow", "applied")]  # carried, listed only when lost
    # A model without placeholders that garbles it: put back, or reported as lost (never silently changed).
    [r] = Enforcer(OneAnswer("Information from Moscow at www.moskau-quolm.de."), matcher).translate(
        ["Infos aus Moskau unter www.moskau-quolm.de und #Moskau."])
    assert [(t.source, t.status, t.kind) for t in r.terms if t.kind == "literal"] == [("#Moskau", "violated", "literal")]
    assert "www.moskau-quolm.de" in r.target


@pytest.mark.parametrize(("text", "times"), [
    ("um 14.30 Uhr, gegen 20 Uhr, um 9:05 Uhr", [("14.30 Uhr", "2:30 p.m."), ("20 Uhr", "8 p.m."), ("9:05 Uhr", "9:05 a.m.")]),
    ("um 12 Uhr und um 0 Uhr, 24 Uhr", [("12 Uhr", "noon"), ("0 Uhr", "midnight"), ("24 Uhr", "midnight")]),
    ("die Uhr, 3 Uhren, 25 Uhr", []),
])
def test_clock_times_are_protected_in_english_notation(text, times):
    from glossator.translate.spans import number_spans

    assert [(t.text, t.target) for t in number_spans(text, []) if "Uhr" in t.text] == times


def test_a_time_travels_as_one_span_and_the_models_own_copy_of_its_end_is_dropped(matcher):
    engine = FakeEngine()
    [r] = Enforcer(engine, matcher).translate(["Moskau beginnt um 14.30 Uhr."])
    assert engine.calls == [["⟦0⟧ beginnt um ⟦1⟧."]] and r.target.endswith("2:30 p.m.")
    [r] = Enforcer(OneAnswer("Moscow starts at ⟦1⟧ p.m.", placeholders=True), matcher).translate(
        ["Moskau beginnt um 14.30 Uhr."])
    assert r.target == "Moscow starts at 2:30 p.m."
