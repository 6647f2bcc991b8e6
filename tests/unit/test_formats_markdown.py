"""Markdown: the block and inline structure survives translation; code, URLs and markup are untouched."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from glossator.translate.formats import format_for

SOURCE = """---
title: Der Hund
---
# Der Präsident sagte heute

Der **Präsident** sagte am Montag, dass [die Regierung](https://example.com/a_b "Titel") nicht
gut ist. Nordkorea und Russland.

- Ein Hund und eine Katze.
- [ ] Die Woche ist gut.
  Fortsetzung der Woche.

1. Erstens der Krieg mit `code hier` und <https://x.de/a>.

> Zitat: der Tag ist gut.

```python
der = "nicht übersetzen"
```

    eingerückter Code bleibt

| Spalte eins | Spalte zwei |
|---|:---:|
| der Hund | die Katze |

<div>HTML Block der Hund</div>

![Ein Hund](bilder/hund.png) und ein Link [Text][ref].

[ref]: https://example.com/ref
***
"""


def _mark(segments: list[str]) -> list[str]:
    return [f"«EN {s}»" for s in segments]


def _structure(text: str) -> list[tuple]:
    """Block and inline token types, code contents and link targets: everything but the prose."""
    out = []
    for tok in MarkdownIt("commonmark").enable("table").parse(text):
        if tok.type == "inline":
            for child in tok.children or []:
                if child.type in ("text", "softbreak"):
                    continue
                out.append((child.type, child.content if child.type == "code_inline" else "",
                            child.attrs.get("href") or child.attrs.get("src") or ""))
        elif tok.type in ("fence", "code_block", "html_block"):
            out.append((tok.type, tok.content))
        else:
            out.append((tok.type, tok.tag, tok.markup))
    return out


def test_markdown_only_prose_is_translated() -> None:
    doc = format_for("a.md").parse(SOURCE.encode())
    joined = " | ".join(doc.segments)
    for kept in ("nicht übersetzen", "eingerückter", "HTML Block", "https://", "code hier", "title:"):
        assert kept not in joined
    assert "Der Präsident sagte heute" in doc.segments
    assert "Fortsetzung der Woche." in doc.segments  # a soft-wrapped list item is one paragraph
    # The wrapped paragraph is joined across the line break, and its sentence is whole across the markup.
    assert "Der \ue000Präsident\ue001 sagte am Montag, dass \ue002die Regierung\ue003 nicht gut ist." in doc.segments


def test_markdown_structure_round_trips() -> None:
    doc = format_for("a.md").parse(SOURCE.encode())
    out = doc.render(_mark(doc.segments)).decode()
    assert _structure(out) == _structure(SOURCE)
    assert 'der = "nicht übersetzen"' in out
    assert "(https://example.com/a_b \"Titel\")" in out
    assert "«EN Der Präsident sagte heute»" in out


def test_markdown_identity_render_keeps_unwrapped_text() -> None:
    text = "# Titel\n\n* Ein Punkt.\n* Noch einer.\n\nText mit *Betonung* und __fett__.\n"
    doc = format_for("a.md").parse(text.encode())
    assert doc.render(doc.segments).decode() == text


LINES = ["# Der Hund", "Der Hund ist gut.", "- Die Katze.", "1. Der Tag.", "> Zitat hier.", "```", "    code", "",
         "Text *mit* Betonung.", "| a | b |", "|---|---|", "[x]: http://a", "***", "<div>", "  weiter.",
         "Ein [Link](http://a_b) hier.", "- [ ] Aufgabe.", "  - Unterpunkt der Woche.", "> - Zitatliste.",
         "Zeile mit Umbruch.  ", "~~~", "<!-- Kommentar -->", "Text `code` und **fett**.", "2) Zweitens.",
         "    - eingerückt"]


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))  # the same examples every run: no surprise for others
@given(st.lists(st.sampled_from(LINES), max_size=14))
def test_any_mix_of_blocks_keeps_its_structure(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    doc = format_for("a.md").parse(text.encode())
    assert _structure(doc.render(_mark(doc.segments)).decode()) == _structure(text)


def _inline_tokens(text: str) -> list[tuple[str, str]]:
    """The inline token stream of the first paragraph as markdown-it sees it (type, content or href)."""
    tokens = MarkdownIt("commonmark").parse(text)
    inline = next(t for t in tokens if t.type == "inline")
    return [(c.type, c.content if c.type in ("text", "code_inline") else c.attrs.get("href", ""))
            for c in inline.children or [] if c.type != "softbreak"]


def test_markdown_sentence_with_emphasis_and_link_is_one_segment() -> None:
    text = "Das **Außenministerium** teilte *am Freitag* mit, dass [Jung Pak](https://x.de/a_b) reist.\n"
    doc = format_for("a.md").parse(text.encode())
    assert doc.segments == ["Das \ue000Außenministerium\ue001 teilte \ue002am Freitag\ue003 mit, dass \ue004Jung "
                            "Pak\ue005 reist."]
    out = doc.render(["\ue002On Friday\ue003 the \ue000State Department\ue001 said that \ue004Jung Pak\ue005 "
                      "travels."]).decode()
    assert out == "*On Friday* the **State Department** said that [Jung Pak](https://x.de/a_b) travels.\n"
    assert _inline_tokens(out) == [
        ("em_open", ""), ("text", "On Friday"), ("em_close", ""), ("text", " the "), ("strong_open", ""),
        ("text", "State Department"), ("strong_close", ""), ("text", " said that "), ("link_open", "https://x.de/a_b"),
        ("text", "Jung Pak"), ("link_close", ""), ("text", " travels.")]


def test_markdown_emphasis_around_a_whole_sentence_stays_outside_it() -> None:
    doc = format_for("a.md").parse("*Jung Pak*\n".encode())
    assert doc.segments == ["Jung Pak"]
    assert doc.render(["Jung Pak"]).decode() == "*Jung Pak*\n"


def test_markdown_hostile_orders_keep_the_token_structure() -> None:
    text = "Das **Außenministerium** teilte *am Freitag* mit.\n"
    doc = format_for("a.md").parse(text.encode())
    for hostile in ("\ue001On Friday\ue000 the \ue003State Department\ue002 said.",
                    "\ue000On \ue002Friday\ue001 the State Department\ue003 said."):
        out = doc.render([hostile]).decode()
        kinds = [k for k, _ in _inline_tokens(out) if k != "text"]
        assert sorted(kinds) == ["em_close", "em_open", "strong_close", "strong_open"], (hostile, out)
        assert doc.repairs


def test_markdown_codes_the_translation_lost_are_reported_and_kept() -> None:
    doc = format_for("a.md").parse("Das **Außenministerium** teilte *am Freitag* mit.\n".encode())
    out = doc.render(["On Friday the ministry said."]).decode()
    assert out.startswith("On Friday the ministry said.") and out.count("*") == 6  # all markup still there
    assert len(doc.repairs) == 4 and all("lost" in r for r in doc.repairs)
