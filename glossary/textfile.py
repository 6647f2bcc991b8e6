"""Reading and writing text files: the one place that decides an input's encoding, byte-order mark and newlines.

Every reader of text (the formats of ``glossator translate``, the review desk, glossary imports) calls
:func:`decode_text`; every writer that keeps the input's form calls :meth:`TextFile.encode`. UTF-8 (with or
without a BOM) and UTF-16/32 with a BOM are read as such; anything else is either the ``encoding`` the user
gave or what charset-normalizer detects, preferring the encodings German text comes in (Windows-1252,
Latin-1/9, DOS 850, Mac Roman). Newlines stay as they were, mixed ones included: ``\\r\\n`` reads as ``\\n``
and is written back line by line.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from glossator.glossary.errors import GlossaryError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),  # before UTF-16: FF FE 00 00
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_GERMAN = ["cp1252", "iso8859_15", "latin_1", "cp850", "mac_roman"]
"""Where charset-normalizer looks first: the 8-bit encodings German text is found in."""


class TextFileError(GlossaryError):
    """A file that cannot be read as text: binary, or in an encoding that is not given and cannot be told."""


@dataclass(frozen=True)
class TextFile:
    """A decoded text file and how to write text back in the same form.

    ``text`` has ``\\n`` for every ``\\r\\n``; ``endings`` records which lines ended with ``\\r\\n`` (only when
    the file mixes both), ``crlf`` whether it uses ``\\r\\n`` at all (the one used for new lines).
    """

    text: str
    encoding: str = "utf-8"
    bom: bool = False
    crlf: bool = False
    endings: tuple[bool, ...] = field(default=(), repr=False)
    detected: bool = False  # the encoding was guessed (not UTF-8/BOM, not given)

    @property
    def original(self) -> str:
        """The text with its newlines as the file had them."""
        return self.with_newlines(self.text)

    def with_newlines(self, text: str) -> str:
        """``text`` (``\n`` newlines) with this file's newlines: each line's own when ``text`` has as many lines
        and the file mixed them, else the file's main one."""
        if self.endings and text.count("\n") == len(self.endings):
            lines = text.split("\n")
            return "".join(line + ("\r\n" if crlf else "\n") for line, crlf in zip(lines, self.endings)) + lines[-1]
        return text.replace("\n", "\r\n") if self.crlf else text

    def encode(self, text: str, *, encoding: str | None = None, xml_refs: bool = False) -> bytes:
        """``text`` in this file's encoding (or ``encoding``), BOM and newlines.

        When the file mixed ``\\r\\n`` and ``\\n`` and ``text`` has as many lines, each line keeps its own
        ending; otherwise every line gets the file's main one. A character the encoding cannot hold is a
        :class:`TextFileError` (``xml_refs``: written as a character reference instead, for HTML and XML).
        """
        text = self.with_newlines(text)
        target = encoding or self.encoding
        try:
            data = text.encode(target, errors="xmlcharrefreplace" if xml_refs else "strict")
        except UnicodeEncodeError as exc:
            raise TextFileError(
                f"the English has a character {target} cannot hold ({text[exc.start]!r}); "
                "write UTF-8 instead (--output-encoding utf-8)"
            ) from None
        except LookupError:
            raise TextFileError(f"unknown encoding {target!r}") from None
        if self.bom and (encoding is None or codecs.lookup(encoding).name == codecs.lookup(self.encoding).name):
            data = "\ufeff".encode(target) + data
        return data


def decode_text(data: bytes, *, name: str = "input", encoding: str | None = None) -> TextFile:
    """Decode a text file's bytes.

    Args:
        data: the file's bytes.
        name: how to call the file in an error message.
        encoding: the encoding to use (``--encoding``); None to take UTF-8 or a BOM's, else detect it.

    Raises:
        TextFileError: binary data, bytes invalid in the given encoding, or an encoding that cannot be told.
    """
    bom = False
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise TextFileError(f"unknown encoding {encoding!r} (try utf-8, cp1252, latin-1)") from None
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise TextFileError(f"{name} is not {encoding} text (byte 0x{data[exc.start]:02x} at offset "
                                f"{exc.start})") from None
        if text.startswith("\ufeff"):
            text, bom = text[1:], True
        return _finish(text, codec, bom, detected=False)
    for mark, codec in _BOMS:
        if data.startswith(mark):
            try:
                return _finish(data[len(mark):].decode(codec), codec, True, detected=False)
            except UnicodeDecodeError as exc:
                raise TextFileError(f"{name} starts with a {codec} byte-order mark but is not {codec} (offset "
                                    f"{exc.start + len(mark)})") from None
    if b"\x00" in data:
        raise TextFileError(f"{name} looks like a binary file (it contains NUL bytes), not text")
    try:
        return _finish(data.decode("utf-8"), "utf-8", False, detected=False)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_GERMAN).best() or from_bytes(data).best()
    if best is None:
        raise TextFileError(f"{name} is not UTF-8 and its encoding cannot be told; give it with --encoding")
    return _finish(data.decode(best.encoding), best.encoding, False, detected=True)


def _finish(text: str, encoding: str, bom: bool, *, detected: bool) -> TextFile:
    crlf = "\r\n" in text
    endings: tuple[bool, ...] = ()
    if crlf:
        lines = text.split("\n")
        flags = tuple(line.endswith("\r") for line in lines[:-1])
        if not all(flags):  # mixed: remember each line's
            endings = flags
        text = text.replace("\r\n", "\n")
    return TextFile(text, encoding, bom, crlf, endings, detected)
