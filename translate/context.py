"""Document context for the glossary: what a sentence's own words do not say about where a story stands.

Wire copy opens with a dateline — ``WASHINGTON (Reuters) –`` — that tells whose "Außenministerium" the story
means when a sentence names no country. The dateline's place becomes the context the matcher falls back on.
"""

from __future__ import annotations

import regex

# An upper-case place (possibly several words, "NEW YORK", "RIO DE JANEIRO"), an optional ", date", then the
# agency in parentheses, at the start of a line among the first lines of the text.
_DATELINE = regex.compile(
    r"^\s*(?P<place>\p{Lu}[\p{Lu}\p{Pd} .'’]{1,40}?)\s*(?:/[^()\n]{0,40})?(?:,[^()\n]{0,40})?"
    r"\((?P<agency>Reuters|dpa|AFP|AP|KNA|epd|dts|APA|SDA|Bloomberg|AFX|RTR)\)",
    regex.MULTILINE,
)
HEAD_LINES = 12


def dateline_context(text: str) -> str:
    """The dateline's place in title case ("Washington"), or "" when the text has no dateline near its top."""
    head = "\n".join(text.split("\n", HEAD_LINES)[:HEAD_LINES])
    match = _DATELINE.search(head)
    if match is None:
        return ""
    place = " ".join(match.group("place").split())
    return place.title()


class ContextMatcher:
    """A glossary matcher bound to one document's context: every ``find`` falls back on that dateline.

    The review desk checks and re-translates single segments long after the document was read; wrapping its
    matcher once keeps every check consistent with how the whole document was translated.
    """

    def __init__(self, matcher, context: str) -> None:
        self.matcher = matcher
        self.context = context

    def find(self, text: str, *, context: str = ""):
        return self.matcher.find(text, context=context or self.context)

    def __len__(self) -> int:
        return len(self.matcher)


def with_document_context(matcher, text: str):
    """``matcher`` bound to the dateline of ``text`` (the matcher itself when the text has none)."""
    context = dateline_context(text)
    return ContextMatcher(matcher, context) if context and matcher is not None else matcher
