"""The stopgap for translators that do not place inline codes: codes put back by their relative position."""

from __future__ import annotations

from collections.abc import Sequence

from glossator.translate.codeplace import PositionalCodes, place_by_position, places_codes
from glossator.translate.fake import FakeEngine
from glossator.translate.result import SegmentResult, TermResult

SOURCE = "Das \ue000Außenministerium\ue001 teilte \ue002am Freitag\ue003 mit."
KINDS = ["open", "close", "open", "close"]


def test_pairs_land_around_the_words_at_their_position() -> None:
    assert place_by_position(SOURCE, "The foreign ministry announced on Friday.", KINDS) == (
        "The \ue000foreign ministry\ue001 announced \ue002on Friday\ue003.")
    # a closing wraps at least as many words as in the German
    placed = place_by_position("\ue000Am Freitag\ue001 sagte er.", "He said on Friday.", ["open", "close"])
    assert placed.startswith("\ue000He said") and placed.index("\ue001") >= len("\ue000He said")
    # standalone codes after the nearest word; codes at the start stay at the start
    assert place_by_position("Erst\ue000 dann.", "First then.", ["standalone"]) == "First\ue000 then."
    assert place_by_position("\ue000Hund.", "Dog.", ["standalone"]) == "\ue000Dog."


class Bare:
    """Records what it was asked; answers with the FakeEngine and a term on 'Außenministerium'."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def translate(self, sources: Sequence[str]) -> list[SegmentResult]:
        self.seen.extend(sources)
        out = []
        for i, (s, t) in enumerate(zip(sources, FakeEngine().translate(sources))):
            k = s.find("Außenministerium")
            terms = [TermResult("Außenministerium", "State Department", "applied", 1, k, k + 16)] if k >= 0 else []
            out.append(SegmentResult(i, 0, s, t, terms))
        return out


def test_the_translator_never_sees_codes_and_terms_point_into_the_coded_source() -> None:
    bare = Bare()
    wrapped = PositionalCodes(bare, {SOURCE: KINDS})
    (result,) = wrapped.translate([SOURCE])
    assert bare.seen == ["Das Außenministerium teilte am Freitag mit."]
    assert result.source == SOURCE and wrapped.guessed == 1
    assert sorted(ch for ch in result.target if "\ue000" <= ch <= "\ue8ff") == ["\ue000", "\ue001", "\ue002", "\ue003"]
    (term,) = result.terms
    assert SOURCE[term.start:term.end] == "Außenministerium"
    assert not places_codes(bare) and not places_codes(wrapped)


def test_the_enforcer_places_codes_itself_so_it_is_never_wrapped() -> None:
    from glossator.translate.document import with_code_placement
    from glossator.translate.enforce import Enforcer
    from glossator.translate.formats import format_for

    enforcer = Enforcer(FakeEngine(), None)
    doc = format_for("a.html").parse("<p>Der <b>Hund</b> ist gut.</p>".encode())
    assert places_codes(enforcer) and with_code_placement(enforcer, [doc]) is enforcer
    assert isinstance(with_code_placement(Bare(), [doc]), PositionalCodes)
