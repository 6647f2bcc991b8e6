"""German sentence segmentation on real newspaper sentences, and the line structure around it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.translate.segment import SourceSegment, join_document, split_document, split_sentences

SEED = Path(__file__).resolve().parents[2] / "seeds" / "us-china-north-korea-2024-02.de.txt"

# Each case: a paragraph and the sentences it must give: the seed article (Reuters, February 2024) and sentences
# written for these tests after the shapes news text has (abbreviations, ordinals, datelines, lists, rankings).
CASES = [
    pytest.param(
        "In der US-Erklärung heißt es, dass das Gespräch mit China auf ein Treffen zwischen Außenminister Antony "
        "Blinken und dem chinesischen Außenminister Wang Yi am 16. Februar folgte. Der Kreml teilte am Dienstag "
        "mit, dass der russische Präsident Wladimir Putin Kim Jong Un eine Limousine geschenkt habe.",
        [
            "In der US-Erklärung heißt es, dass das Gespräch mit China auf ein Treffen zwischen Außenminister "
            "Antony Blinken und dem chinesischen Außenminister Wang Yi am 16. Februar folgte.",
            "Der Kreml teilte am Dienstag mit, dass der russische Präsident Wladimir Putin Kim Jong Un eine "
            "Limousine geschenkt habe.",
        ],
        id="ordinal-date",
    ),
    pytest.param(
        "Am Freitag, den 3. März um 19.30 Uhr laden die Offene Kirche, das Bürgerforum und die ev. "
        "Familienbildungsstätte zu einem Vortrag im Ev. Gemeindehaus ein. Der Eintritt ist frei.",
        [
            "Am Freitag, den 3. März um 19.30 Uhr laden die Offene Kirche, das Bürgerforum und die ev. "
            "Familienbildungsstätte zu einem Vortrag im Ev. Gemeindehaus ein.",
            "Der Eintritt ist frei.",
        ],
        id="abbrev-ev-and-time",
    ),
    pytest.param(
        "Die Jüngste im Chor ist Hildegard Wommelsdorf, sie hatte gerade ihren 19. Geburtstag. Sie wohnt "
        "in Lauenstein.",
        ["Die Jüngste im Chor ist Hildegard Wommelsdorf, sie hatte gerade ihren 19. Geburtstag.",
         "Sie wohnt in Lauenstein."],
        id="ordinal-birthday",
    ),
    pytest.param(
        "Der 2. Weltkrieg endete in Europa am 8. Mai 1945. Danach begann der Wiederaufbau.",
        ["Der 2. Weltkrieg endete in Europa am 8. Mai 1945.", "Danach begann der Wiederaufbau."],
        id="ordinal-noun-and-year-end",
    ),
    pytest.param(
        "Die Firma Müller GmbH & Co. KG hat u. a. Solarmodule geliefert, z. B. an die Stadtwerke. "
        "Dr. Anna Schmidt leitet sie seit Nr. 3 der Liste ausschied.",
        ["Die Firma Müller GmbH & Co. KG hat u. a. Solarmodule geliefert, z. B. an die Stadtwerke.",
         "Dr. Anna Schmidt leitet sie seit Nr. 3 der Liste ausschied."],
        id="abbreviations",
    ),
    pytest.param(
        "Lauenstein. \"Lauenstein blüht auf\" heißt ein Projekt des Imkervereins zusammen mit der Gemeinde. "
        "\"Bei mildem Wetter fliegen die Bienen schon im Februar aus, um Nahrung zu suchen\", sagt "
        "Walter Bienert vom Lauensteiner Imkerverein. Er hat selbst drei Völker im Garten.",
        ["Lauenstein.",
         "\"Lauenstein blüht auf\" heißt ein Projekt des Imkervereins zusammen mit der Gemeinde.",
         "\"Bei mildem Wetter fliegen die Bienen schon im Februar aus, um Nahrung zu suchen\", sagt "
         "Walter Bienert vom Lauensteiner Imkerverein.",
         "Er hat selbst drei Völker im Garten."],
        id="dateline-and-straight-quotes",
    ),
    pytest.param(
        "Es hieß, die Zusammenarbeit verstoße „gegen zahlreiche Resolutionen des UN-Sicherheitsrats“. "
        "Darin hieß es, die „betroffenen Parteien sollten … die Anliegen der jeweils anderen ansprechen“.",
        ["Es hieß, die Zusammenarbeit verstoße „gegen zahlreiche Resolutionen des UN-Sicherheitsrats“.",
         "Darin hieß es, die „betroffenen Parteien sollten … die Anliegen der jeweils anderen ansprechen“."],
        id="low-quotes-and-inner-ellipsis",
    ),
    pytest.param(
        "Es liege „im gemeinsamen Interesse, den Prozess der politischen Lösung voranzutreiben …“. Darin hieß es "
        "weiter, man sei zuversichtlich.",
        ["Es liege „im gemeinsamen Interesse, den Prozess der politischen Lösung voranzutreiben …“.",
         "Darin hieß es weiter, man sei zuversichtlich."],
        id="ellipsis-quote-period",
    ),
    pytest.param(
        "Er sagte: „Das ist gut.“ Dann ging er.",
        ["Er sagte: „Das ist gut.“", "Dann ging er."],
        id="quote-closes-sentence",
    ),
    pytest.param(
        "»Wir kommen«, sagte sie. »Morgen.« Dann war Ruhe.",
        ["»Wir kommen«, sagte sie.", "»Morgen.«", "Dann war Ruhe."],
        id="guillemets",
    ),
    pytest.param(
        "„Hilfe!“ rief er. Niemand kam.",
        ["„Hilfe!“ rief er.", "Niemand kam."],
        id="exclamation-inside-quote",
    ),
    pytest.param(
        "Der Kaffee schmeckt mir.... aber nicht jeden Tag. Das war alles ... Dann kam nichts mehr.",
        ["Der Kaffee schmeckt mir.... aber nicht jeden Tag.", "Das war alles ...", "Dann kam nichts mehr."],
        id="ellipses",
    ),
    pytest.param(
        "1. Für die freundliche Beratung. 2. Für die gute Verpackung.",
        ["1. Für die freundliche Beratung.", "2. Für die gute Verpackung."],
        id="list-items",
    ),
    pytest.param(
        "Der Termin ist im Jan. 2024 geplant. Die Kosten betragen 3,5 Mio. Euro. Ist das viel? Ja!",
        ["Der Termin ist im Jan. 2024 geplant.", "Die Kosten betragen 3,5 Mio. Euro.", "Ist das viel?", "Ja!"],
        id="month-abbrev-million-question",
    ),
    pytest.param(
        "Im Garten läuft der Mäher leise und die 40 min. Akkulaufzeit genügen.",
        ["Im Garten läuft der Mäher leise und die 40 min. Akkulaufzeit genügen."],
        id="min-abbrev",
    ),
    pytest.param(
        "Präsident George W. Bush besuchte 2001 Berlin. Die Stadt war geschmückt.",
        ["Präsident George W. Bush besuchte 2001 Berlin.", "Die Stadt war geschmückt."],
        id="initial",
    ),
    pytest.param(
        "Die Kurse (vgl. S. 12) stiegen um 3 Prozent. Analysten waren überrascht.",
        ["Die Kurse (vgl. S. 12) stiegen um 3 Prozent.", "Analysten waren überrascht."],
        id="vgl-page",
    ),
    pytest.param(
        "Er wohnt in der Bahnhofstr. 12 in Berlin. Das ist schön.",
        ["Er wohnt in der Bahnhofstr. 12 in Berlin.", "Das ist schön."],
        id="street-abbrev",
    ),
    pytest.param(
        "Die Mannschaft machte den insgesamt 12. Titel der Vereinsgeschichte perfekt. Besonders voll ist "
        "am Wochenende die Autobahn 7. Immer wieder stehen Autofahrer dort im Stau.",
        ["Die Mannschaft machte den insgesamt 12. Titel der Vereinsgeschichte perfekt.",
         "Besonders voll ist am Wochenende die Autobahn 7.",
         "Immer wieder stehen Autofahrer dort im Stau."],
        id="ordinal-after-adverb-vs-road-number",
    ),
    pytest.param(
        'Auf dem Schild steht, von oben nach unten zu lesen: "1. Anmeldung. 2. Wartezimmer."',
        ['Auf dem Schild steht, von oben nach unten zu lesen: "1. Anmeldung.', '2. Wartezimmer."'],
        id="numbered-item-after-quote",
    ),
    pytest.param(
        "Der SC Freiburg gewann durch Tore von Lukas Brenner (29.) und Tim Albers (65.) 2:0 gegen Bochum.",
        ["Der SC Freiburg gewann durch Tore von Lukas Brenner (29.) und Tim Albers (65.) 2:0 gegen Bochum."],
        id="minutes-in-brackets",
    ),
    pytest.param(
        "Stand nach 7 von 8 Rennen: 1. Lindqvist 540 - 2. Bauer 402 - 3. Jan Nowicki (POL) 377. Das ist knapp.",
        ["Stand nach 7 von 8 Rennen: 1. Lindqvist 540 - 2. Bauer 402 - 3. Jan Nowicki (POL) 377.",
         "Das ist knapp."],
        id="ranking-list",
    ),
    pytest.param("", [], id="empty"),
    pytest.param("   ", [], id="blank"),
    pytest.param(
        "US- und chinesische Beamte diskutieren über militärische Zusammenarbeit",
        ["US- und chinesische Beamte diskutieren über militärische Zusammenarbeit"],
        id="headline-without-stop",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), CASES)
def test_split_sentences(paragraph: str, expected: list[str]) -> None:
    assert split_sentences(paragraph) == expected


def test_seed_article_sentences() -> None:
    text = SEED.read_text(encoding="utf-8")
    segments = split_document(text)
    sources = [s.source for s in segments]
    assert len(segments) == 21
    assert any(s.endswith("am 16. Februar folgte, bei dem sie „die Bedeutung einer kontinuierlichen "
                          "Kommunikation zu (Nordkorea-)Themen auf allen Ebenen bekräftigten“.") for s in sources)
    assert sources[0].startswith("US- und chinesische Beamte")
    assert sources[1] == "Von David Brunnstrom und Katharine Jackson"


def test_split_document_lines_and_spacing() -> None:
    text = "Titel\n\n  Erster Satz.  Zweiter Satz.\r\n\nEnde."
    segments = split_document(text)
    assert segments == [
        SourceSegment(0, 1, "Titel", "", ""),
        SourceSegment(1, 3, "Erster Satz.", "  ", ""),
        SourceSegment(2, 3, "Zweiter Satz.", "  ", "\r"),
        SourceSegment(3, 5, "Ende.", "", ""),
    ]
    targets = ["Title", "First sentence.", "Second sentence.", "End."]
    assert join_document(text, segments, targets) == "Title\n\n  First sentence.  Second sentence.\r\n\nEnd."


def test_join_keeps_line_count_when_a_target_has_newlines() -> None:
    text = "Eins.\nZwei.\n"
    segments = split_document(text)
    out = join_document(text, segments, ["One\nline.", "Two."])
    assert out == "One line.\nTwo.\n"
    assert out.count("\n") == text.count("\n")


def test_join_rejects_wrong_target_count() -> None:
    with pytest.raises(ValueError):
        join_document("Eins.", split_document("Eins."), [])


def test_runaway_sentence_is_cut() -> None:
    sentence = ", ".join(["das Wort"] * 400)  # 4000 characters, no full stop
    pieces = split_sentences(sentence, max_chars=500)
    assert all(len(p) <= 500 for p in pieces)
    assert " ".join(pieces) == sentence


def test_long_line_is_linear() -> None:
    import time

    line = "Das ist ein Satz mit z. B. einer Abkürzung am 3. Mai. " * 20000  # ~1 MB
    start = time.perf_counter()
    assert len(split_sentences(line)) == 20000
    assert time.perf_counter() - start < 10


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab AZ.!?…„“»«\n\r\t1.z") + ["Dr.", "am 3. Mai", "Öl"]), max_size=40).map("".join))
def test_identity_roundtrip(text: str) -> None:
    segments = split_document(text)
    assert join_document(text, segments, [s.source for s in segments]) == text
    for seg in segments:
        assert seg.source == seg.source.strip() and seg.source
    assert [s.index for s in segments] == list(range(len(segments)))
