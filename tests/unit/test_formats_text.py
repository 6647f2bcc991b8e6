"""Plain text: every line, blank line and space kept; sentences translated."""

from __future__ import annotations

import pytest

from glossator.translate.fake import FakeEngine
from glossator.translate.formats import UnsupportedFile, format_for

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


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary", b"caf\xe9 latin-1"])
def test_binary_or_non_utf8_is_skipped(data: bytes) -> None:
    with pytest.raises(UnsupportedFile):
        format_for("a.txt").parse(data)


def test_unknown_extension_has_no_format() -> None:
    assert format_for("photo.jpg") is None
    assert format_for("README") is None
