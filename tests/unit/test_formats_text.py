"""Plain text: every line, blank line and space kept; sentences translated."""

from __future__ import annotations

import pytest

from glossator.translate.fake import FakeEngine
from glossator.translate.formats import FormatError, format_for

TEXT = "Der Hund ist gut. Die Katze nicht.\n\n  Heute ist Montag.  \nNordkorea\n"


def test_text_round_trip_keeps_lines() -> None:
    doc = format_for("a.txt").parse(TEXT.encode())
    assert doc.segments == ["Der Hund ist gut.", "Die Katze nicht.", "Heute ist Montag.", "Nordkorea"]
    assert doc.lines == [1, 1, 3, 4]
    assert doc.render(doc.segments).decode() == TEXT
    out = doc.render(FakeEngine().translate(doc.segments)).decode()
    assert out == "The dog is good. The cat not.\n\n  Today is Monday.  \nNorth Korea\n"


def test_text_keeps_crlf_and_bom() -> None:
    data = b"\xef\xbb\xbfDer Hund.\r\nDie Katze.\r\n"
    doc = format_for("a.TXT").parse(data)
    assert doc.render(["The dog.", "The cat."]) == b"\xef\xbb\xbfThe dog.\r\nThe cat.\r\n"


def test_binary_text_fails_with_a_reason() -> None:
    with pytest.raises(FormatError, match="binary"):
        format_for("a.txt").parse(b"\x00\x01\x02binary")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16"])
def test_other_encodings_are_read_and_kept(encoding: str) -> None:
    text = "Der Hund ist groß.\r\nDie Katze\nmag Öl.\r\n"  # mixed newlines, each line keeps its own
    doc = format_for("a.txt").parse(text.encode(encoding))
    assert doc.segments == ["Der Hund ist groß.", "Die Katze", "mag Öl."]
    out = doc.render(["The dog is big.", "The cat", "likes oil – Ö."])
    assert out == "The dog is big.\r\nThe cat\nlikes oil – Ö.\r\n".encode(encoding if encoding != "latin-1" else
                                                                               "cp1252")


def test_output_encoding_can_be_asked_for_and_unencodable_text_is_an_error() -> None:
    doc = format_for("a.txt").parse("Öl.\n".encode("latin-1"), encoding="latin-1")
    with pytest.raises(FormatError, match="cannot hold"):
        doc.render(["Oil ☃."])
    doc = format_for("a.txt").parse("Öl.\n".encode("latin-1"), encoding="latin-1", output_encoding="utf-8")
    assert doc.render(["Oil ☃."]) == "Oil ☃.\n".encode()


def test_unknown_extension_has_no_format() -> None:
    assert format_for("photo.jpg") is None
    assert format_for("README") is None
