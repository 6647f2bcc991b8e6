"""HTML: tags, attributes, comments, scripts and entities kept; text and alt/title translated."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from glossator.translate.formats import format_for

PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Der Hund</title>
<style>p { color: red }</style></head>
<body>
<p class="lead">Der <b>Präsident</b> sagte heute &amp; morgen: Der Hund ist gut. Die Katze nicht.</p>
<img src="hund.png" alt="Ein Hund"><a href="/a?x=1&amp;y=2" title="Die Woche">Die Woche</a>
<p translate="no">Der Hund bleibt</p>
<div class="notranslate">die Katze bleibt <span translate="yes">Katze geht</span></div>
<script>var der = "Hund <b>";</script><!-- der Hund im Kommentar --><pre>der Hund im Code</pre>
<p>Tom &lt;3 der Hund&nbsp;heute</p>
</body></html>
"""


def _mark(segments: list[str]) -> list[str]:
    return [f"EN<{s}>" for s in segments]


def _skeleton(text: str) -> list[tuple]:
    tree = lxml_html.fromstring(text)
    return [(el.tag, sorted((k, v) for k, v in el.attrib.items() if k not in ("alt", "title", "lang")))
            for el in tree.iter() if isinstance(el.tag, str)]


def test_html_segments_respect_translate_no_and_code() -> None:
    doc = format_for("a.html").parse(PAGE.encode())
    joined = " | ".join(doc.segments)
    for kept in ("bleibt", "Kommentar", "im Code", "var der", "color"):
        assert kept not in joined
    assert "Katze geht" in doc.segments
    assert "Ein Hund" in doc.segments  # alt
    # One segment per sentence across the inline tag; entities decoded for the model.
    assert "Der \ue000Präsident\ue001 sagte heute & morgen: Der Hund ist gut." in doc.segments


def test_html_round_trip_keeps_markup_exactly() -> None:
    doc = format_for("a.html").parse(PAGE.encode())
    assert doc.render(doc.segments).decode() == PAGE.replace('lang="de"', 'lang="en"')
    out = doc.render(_mark(doc.segments)).decode()
    assert _skeleton(out) == _skeleton(PAGE)
    assert '<script>var der = "Hund <b>";</script><!-- der Hund im Kommentar --><pre>der Hund im Code</pre>' in out
    assert 'alt="EN&lt;Ein Hund&gt;"' in out
    assert "EN&lt;Der <b>Präsident</b> sagte heute &amp; morgen: Der Hund ist gut.&gt;" in out
    assert "Hund&nbsp;heute" in out  # the entity as the page wrote it
    assert '<html lang="en">' in out


def test_html_translation_is_escaped() -> None:
    doc = format_for("a.html").parse(b"<p>Der Hund</p>")
    out = doc.render(['<script>alert("x")</script>']).decode()
    assert out == '<p>&lt;script&gt;alert("x")&lt;/script&gt;</p>'


ARTICLE = ('<p>Das <b>Außenministerium</b> teilte <b>am Freitag</b> mit, dass <a href="/x?a=1&amp;b=2">Jung Pak'
           '</a> reist.<br>Zweiter Satz.</p>')


def _elements(text: str) -> list[tuple[str, str, str]]:
    """Each element of the page with its text and attributes, as an independent HTML parser sees it."""
    return [(el.tag, (el.text or "").strip(), str(sorted(el.attrib.items())))
            for el in lxml_html.fragment_fromstring(text, create_parent="div").iter()]


def test_html_sentence_with_inline_tags_is_one_segment() -> None:
    doc = format_for("a.html").parse(ARTICLE.encode())
    assert doc.segments == ["Das \ue000Außenministerium\ue001 teilte \ue002am Freitag\ue003 mit, dass "
                            "\ue004Jung Pak\ue005 reist.", "Zweiter Satz."]
    assert [c.native for c in doc.codes[0]] == ["<b>", "</b>", "<b>", "</b>", '<a href="/x?a=1&amp;b=2">', "</a>"]


def test_html_tags_come_back_around_the_translated_words() -> None:
    doc = format_for("a.html").parse(ARTICLE.encode())
    out = doc.render(["\ue002On Friday\ue003 the \ue000State Department\ue001 said that \ue004Jung Pak\ue005 "
                      "travels.", "Second sentence."]).decode()
    assert out == ('<p><b>On Friday</b> the <b>State Department</b> said that <a href="/x?a=1&amp;b=2">Jung Pak</a>'
                   " travels.<br>Second sentence.</p>")
    assert [e[:2] for e in _elements(out)] == [("div", ""), ("p", ""), ("b", "On Friday"), ("b", "State Department"),
                                               ("a", "Jung Pak"), ("br", "")]
    assert doc.repairs == []


@pytest.mark.parametrize("hostile", [
    "\ue001On Friday\ue000 the \ue003State\ue002 said \ue005that\ue004 travels.",  # every closing first
    "\ue000On \ue002Friday\ue001 the State\ue003 said \ue004that travels.\ue005",  # crossing pairs
    "On Friday the State Department said that Jung Pak travels.",  # every code lost
    "\ue004\ue004On\ue005\ue005 Friday\ue009 said.",  # duplicates, a stranger, four codes lost
])
def test_html_hostile_code_orders_still_give_well_formed_html(hostile: str) -> None:
    doc = format_for("a.html").parse(ARTICLE.encode())
    out = doc.render([hostile, "Second sentence."]).decode()
    assert not any("\ue000" <= ch <= "\ue8ff" for ch in out)
    # Every tag once, properly nested: the parser's tree has two <b>, one <a> and the <br>, all inside the <p>.
    tags = [e[0] for e in _elements(out)]
    assert sorted(tags) == ["a", "b", "b", "br", "div", "p"]
    assert out.count("<b>") == out.count("</b>") == 2 and out.count("</a>") == 1
    assert doc.repairs


def test_html_untranslated_inline_element_travels_as_one_code() -> None:
    doc = format_for("a.html").parse(b"<p>Starte <code>ls -l</code> jetzt.</p>")
    assert doc.segments == ["Starte \ue000 jetzt."]
    assert doc.render(["Run \ue000 now."]).decode() == "<p>Run <code>ls -l</code> now.</p>"
