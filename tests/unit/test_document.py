"""translate.document: the library behind ``glossator translate`` (and batch mode)."""

from __future__ import annotations

import pytest

from glossator.translate.document import decode_text, translate_document, translate_documents
from glossator.translate.enforce import Enforcer
from glossator.translate.errors import TranslateError
from glossator.translate.fake import FakeEngine


def test_translate_document_keeps_structure_and_lines() -> None:
    text = "Titel\n\n  Der Hund ist gut. Die Katze ist klein.\r\n\n"
    doc = translate_document(text, Enforcer(FakeEngine(), None))
    assert doc.text == "Titel\n\n  The dog is good. The cat is small.\r\n\n"
    assert [(s.index, s.line, s.source) for s in doc.segments] == [
        (0, 1, "Titel"),
        (1, 3, "Der Hund ist gut."),
        (2, 3, "Die Katze ist klein."),
    ]
    assert doc.to_json()["segments"][1] == {"line": 3, "source": "Der Hund ist gut.", "target": "The dog is good.",
                                            "terms": []}


def test_several_documents_one_engine_call() -> None:
    engine = FakeEngine()
    docs = translate_documents(["Der Hund.", "", "Die Katze.\nDas Haus."], Enforcer(engine, None))
    assert [d.text for d in docs] == ["The dog.", "", "The cat.\nThe house."]
    assert engine.calls == [["Der Hund.", "Die Katze.", "Das Haus."]]
    assert [s.index for s in docs[2].segments] == [0, 1]


def test_plain_translator() -> None:
    doc = translate_document("Der Hund.", Enforcer(FakeEngine(), None))
    assert doc.text == "The dog."


@pytest.mark.parametrize(("data", "message"), [(b"a\x00b", "binary"), (b"\xef\xbb\xbf\xff", "byte-order mark")])
def test_decode_text_errors(data: bytes, message: str) -> None:
    with pytest.raises(TranslateError, match=message):
        decode_text(data, "x.txt")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-8-sig", "utf-32"])
def test_decode_text_reads_other_encodings(encoding: str) -> None:
    text = "Die Größe des Außenministeriums überrascht. Öl ist teuer.\n"
    assert decode_text(text.encode(encoding)) == text


def test_decode_text_takes_the_encoding_given() -> None:
    assert decode_text("Öl".encode("cp850"), encoding="cp850") == "Öl"
    with pytest.raises(TranslateError, match="not utf-8 text"):
        decode_text(b"\xd6l", encoding="utf-8")


def test_decode_text_drops_bom() -> None:
    assert decode_text("\ufeffHallo".encode()) == "Hallo"
