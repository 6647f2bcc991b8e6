"""HTML: tags, attributes, comments, scripts and entities kept; text and alt/title translated."""

from __future__ import annotations

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
    return [(el.tag, sorted((k, v) for k, v in el.attrib.items() if k not in ("alt", "title")))
            for el in tree.iter() if isinstance(el.tag, str)]


def test_html_segments_respect_translate_no_and_code() -> None:
    doc = format_for("a.html").parse(PAGE.encode())
    joined = " | ".join(doc.segments)
    for kept in ("bleibt", "Kommentar", "im Code", "var der", "color"):
        assert kept not in joined
    assert "Katze geht" in doc.segments
    assert "Ein Hund" in doc.segments  # alt
    assert "sagte heute & morgen: Der Hund ist gut." in doc.segments  # entities decoded for the model


def test_html_round_trip_keeps_markup_exactly() -> None:
    doc = format_for("a.html").parse(PAGE.encode())
    assert doc.render(doc.segments).decode() == PAGE
    out = doc.render(_mark(doc.segments)).decode()
    assert _skeleton(out) == _skeleton(PAGE)
    assert '<script>var der = "Hund <b>";</script><!-- der Hund im Kommentar --><pre>der Hund im Code</pre>' in out
    assert 'alt="EN&lt;Ein Hund&gt;"' in out
    assert "EN&lt;sagte heute &amp; morgen: Der Hund ist gut.&gt;" in out


def test_html_translation_is_escaped() -> None:
    doc = format_for("a.html").parse(b"<p>Der Hund</p>")
    out = doc.render(['<script>alert("x")</script>']).decode()
    assert out == '<p>&lt;script&gt;alert("x")&lt;/script&gt;</p>'
