"""Untrusted text on a terminal: control characters shown as visible symbols, never acted on.

German copy comes from wires, mail and the web; it can hold escape sequences (``ESC[31m``, an OSC 8 link,
``ESC]0;title BEL``), C1 controls (``\\x9b`` is CSI to many terminals), NUL or DEL. Written to a terminal,
those would recolour it, retitle the window, plant links or worse. The review desk and ``glossator translate``
(when it writes text to a terminal) pass what they show through :func:`inert`: every C0 control but tab and
newline becomes its Unicode control picture (``ESC`` → ``␛``), DEL ``␡``, a C1 control ``�``. One character
in, one character out, so offsets into the text (glossary spans) stay valid.
"""

from __future__ import annotations

_PICTURES: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20)}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({c: "\ufffd" for c in range(0x80, 0xA0)})
_TABLE = {c: p for c, p in _PICTURES.items() if chr(c) not in "\t\n"}
_TABLE_NO_NEWLINE = {**_TABLE, ord("\n"): _PICTURES[ord("\n")]}


def inert(text: str, *, newlines: bool = True) -> str:
    """``text`` with its control characters replaced by visible symbols (tab kept; newline kept unless
    ``newlines=False``). Same length as ``text``."""
    return text.translate(_TABLE if newlines else _TABLE_NO_NEWLINE)


def has_controls(text: str) -> bool:
    """Whether :func:`inert` would change ``text``."""
    return any(ord(ch) in _TABLE for ch in text)
