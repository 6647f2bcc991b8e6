"""Term hits of a whole German text, line by line (the data behind ``glossator glossary check``)."""

from __future__ import annotations

from glossator.glossary.matcher import Matcher


def split_lines(text: str) -> list[str]:
    """Lines split on ``\\n`` only (``str.splitlines`` would also split on U+2028 and friends)."""
    return [line.rstrip("\r") for line in text.split("\n")]


def check_text(matcher: Matcher, text: str) -> list[dict[str, object]]:
    """``[{"line": N, "text": span, "source": entry source, "target": rendering, "partial": bool}]``."""
    hits: list[dict[str, object]] = []
    for number, line in enumerate(split_lines(text), 1):
        for m in matcher.find(line):
            hits.append({"line": number, "text": m.text, "source": m.entry.source, "target": m.target,
                         "partial": m.partial})
    return hits
