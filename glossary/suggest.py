"""Term candidates: names, titles and places in a German text that the glossary lacks.

Heuristics, tuned for news copy (German capitalises every noun, so capitalisation alone says little):

* **title + name**: a title word (``Außenminister``, ``Sprecher``, ``US-Beamtin`` …), optionally followed by a
  comma, then one to three capitalised words: the words are a *person*; the title, when the glossary lacks
  it, a *title*.
* **capitalised run**: two to four capitalised words in a row, none of them a function word, weekday, month,
  title or a noun with a typical common-noun suffix (-ung, -heit, -keit, -schaft, -tion …): a *name*.
* **place**: a capitalised word right after ``in``/``nach``/``aus``/``bei`` without an article (``in
  Washington``), or an all-capitals dateline at the start of a line (``WASHINGTON (Reuters)``).

Anything that overlaps a glossary match (full or partial) is left out. ``count`` is how often the candidate
occurs in the text as a whole word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from glossator.glossary.checks import split_lines
from glossator.glossary.matcher import Matcher, fold
from glossator.glossary.translit import looks_transliterated, transliteration

_TOKEN = regex.compile(r"\w+(?:[-\u2010\u2011]\w+)*", regex.VERSION1)
_CAP = regex.compile(r"^\p{Lu}[\p{Ll}\p{Lu}]*(?:-\p{L}+)*$", regex.VERSION1)
_ALLCAPS = regex.compile(r"^\p{Lu}{3,}$", regex.VERSION1)

TITLE_WORDS = frozenset(fold(w) for w in """
    Präsident Präsidentin Vizepräsident Vizepräsidentin Außenminister Außenministerin Minister Ministerin Kanzler
    Kanzlerin Bundeskanzler Bundeskanzlerin Premierminister Premierministerin Ministerpräsident Ministerpräsidentin
    Sprecher Sprecherin Regierungssprecher Botschafter Botschafterin Gesandte Gesandter Gesandten Machthaber Chef
    Chefin Generalsekretär Generalsekretärin Senator Senatorin Abgeordnete Abgeordneter Beamte Beamter Beamtin
    Amtskollege Amtskollegin Kollege Kollegin Direktor Direktorin Vorsitzende Vorsitzender Parteichef Parteichefin
    König Königin Papst General Admiral Richter Richterin Staatssekretär Staatssekretärin Sonderbeauftragte
    Sonderbeauftragter Bürgermeister Bürgermeisterin Gouverneur Gouverneurin Unterhändler Unterhändlerin
    Oppositionsführer Oppositionsführerin Staatschef Staatschefin Regierungschef Regierungschefin
    Verteidigungsminister Verteidigungsministerin Finanzminister Finanzministerin Innenminister Innenministerin
    Wirtschaftsminister Wirtschaftsministerin Berater Beraterin Analyst Analystin Korrespondent Korrespondentin
    Autor Autorin Vizekanzler Premier Regierungssprecherin Pressesprecher Pressesprecherin Trainer Trainerin Coach
    Oberbürgermeister Oberbürgermeisterin Regisseur Regisseurin Sänger Sängerin Schauspieler Schauspielerin Kapitän
    Kapitänin Stürmer Stürmerin Torhüter Torhüterin Spieler Spielerin Verteidiger Prinz Prinzessin Kommissar
    Kommissarin Anwalt Anwältin Staatsanwalt Staatsanwältin Vize Gründer Gründerin Unternehmer Unternehmerin
    Firmenchef Konzernchef Konzernchefin Geschäftsführer Geschäftsführerin Manager Managerin Ökonom Ökonomin
    Experte Expertin Professor Professorin Kandidat Kandidatin Herausforderer Herausforderin Generalin Oberst
    Leutnant Pfarrer Bischof Kardinal Rabbi Imam Scheich Emir Sultan Diktator Landrat Landrätin Stadtrat Stadträtin
    Polizeichef Polizeisprecher Polizeisprecherin Mitbegründer Mitbegründerin Sicherheitsberater
    Sicherheitsberaterin Vorstandschef Vorstandschefin Bundespräsident Bundespräsidentin Landeschef Landeschefin
    Verkehrsminister Gesundheitsminister Gesundheitsministerin Justizminister Justizministerin Bildungsminister
    Bildungsministerin
""".split())

STOPWORDS = frozenset(fold(w) for w in """
    Der Die Das Den Dem Des Ein Eine Einer Eines Einem Einen Es Er Sie Wir Ihr Ich Man Dies Diese Dieser
    Dieses Diesen Jene Jener In Im Am An Auf Aus Bei Mit Nach Von Vom Zu Zum Zur Für Über Unter Vor Hinter
    Neben Zwischen Gegen Ohne Um Durch Seit Bis Während Wegen Trotz Laut Und Oder Aber Doch Denn Sondern
    Wenn Als Wie Ob Dass Weil Da So Auch Nur Noch Schon Nicht Kein Keine Alle Viele Einige Beide Mehr
    Darin Darunter Dabei Damit Dazu Daher Deshalb Jedoch Zudem Außerdem Hier Dort Heute Gestern Morgen
    Es Sein Seine Ihre Unser Unsere Was Wer Wo Warum Welche Welcher Herr Frau Reuters AP AFP dpa
    Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Sonnabend Januar Februar März April Mai
    Juni Juli August September Oktober November Dezember Jahr Jahre Jahren Jahrestag Woche Monat Monaten
""".split())

_COMMON_SUFFIXES = ("ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion", "tionen",
                    "ismus", "tät", "täten", "nis", "nisse", "ment", "ments", "ium", "ien", "ierung", "ik",
                    "logie", "chen", "lein", "ling", "linge", "ei", "eien", "ur", "uren")
_PLACE_PREPS = frozenset({"in", "nach", "aus", "bei"})


@dataclass
class Candidate:
    """A term the glossary lacks: its text, a guessed type, how often it occurs, and why it was picked."""

    text: str
    type: str  # person | title | place | name
    count: int = 0
    reason: str = ""
    lines: list[int] = field(default_factory=list)
    suggestion: str = ""  # the usual English spelling of a name in German transliteration (Peskow → Peskov)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"text": self.text, "type": self.type, "count": self.count, "reason": self.reason,
                                  "lines": self.lines}
        if self.suggestion:
            out["suggestion"] = self.suggestion
        return out


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    folded: str
    sep: str  # the characters before this token


def _is_title(folded: str) -> bool:
    head = folded.rsplit("-", 1)[-1]
    return folded in TITLE_WORDS or head in TITLE_WORDS


def _is_name_word(tok: _Tok) -> bool:
    if not _CAP.match(tok.text) or tok.folded in STOPWORDS or _is_title(tok.folded):
        return False
    if len(tok.text) > 1 and tok.text.isupper() and len(tok.text) > 4:
        return False  # datelines and shouting, not names
    return not tok.folded.endswith(_COMMON_SUFFIXES) or len(tok.folded) <= 4


def suggest_terms(text: str, matcher: Matcher) -> list[Candidate]:
    """Candidates sorted by count (highest first), then by first appearance."""
    found: dict[str, Candidate] = {}
    order: list[str] = []

    def note(surface: str, kind: str, reason: str, line: int) -> None:
        key = fold(surface)
        cand = found.get(key)
        if cand is None:
            cand = found[key] = Candidate(surface, kind, 0, reason)
            if kind in ("person", "name") and any(looks_transliterated(w) for w in surface.split()):
                cand.suggestion = transliteration(surface)
            order.append(key)
        elif cand.type == "name" and kind != "name":
            cand.type, cand.reason = kind, reason
        if line not in cand.lines:
            cand.lines.append(line)

    lines = split_lines(text)
    for number, line in enumerate(lines, 1):
        covered = [(m.start, m.end) for m in matcher.find(line)]
        toks: list[_Tok] = []
        prev = 0
        for m in _TOKEN.finditer(line):
            toks.append(_Tok(m.start(), m.end(), m.group(), fold(m.group()), line[prev:m.start()]))
            prev = m.end()

        def free(i: int, j: int) -> bool:
            s, e = toks[i].start, toks[j].end
            return not any(s < ce and cs < e for cs, ce in covered)

        def name_run(i: int, max_len: int = 4) -> int:
            """Index after the run of name words starting at i joined by single spaces."""
            j = i
            while j < len(toks) and j - i < max_len and _is_name_word(toks[j]):
                if j > i and toks[j].sep != " ":
                    break
                j += 1
            return j

        used: set[int] = set()
        # title + name
        for i, tok in enumerate(toks):
            if not _is_title(tok.folded) or i + 1 >= len(toks):
                continue
            k = i + 1
            if toks[k].sep.strip() not in ("", ","):
                continue
            end = name_run(k, 3)
            if end > k and free(k, end - 1):
                surface = line[toks[k].start: toks[end - 1].end]
                note(surface, "person", f"after title {tok.text}", number)
                used.update(range(k, end))
            if free(i, i) and end > k:
                head = tok.text.rsplit("-", 1)[-1]
                if not matcher.find(head):
                    note(head, "title", f"before name {line[toks[k].start: toks[end - 1].end]}", number)
        # capitalised runs
        i = 0
        while i < len(toks):
            if i in used:
                i += 1
                continue
            end = name_run(i)
            if end - i >= 2 and free(i, end - 1) and not any(j in used for j in range(i, end)):
                note(line[toks[i].start: toks[end - 1].end], "name", "capitalised words in a row", number)
                i = end
                continue
            i += 1
        # places
        for i, tok in enumerate(toks):
            if tok.folded in _PLACE_PREPS and tok.text.islower() and i + 1 < len(toks):
                nxt = toks[i + 1]
                if nxt.sep == " " and _is_name_word(nxt) and i + 1 not in used and free(i + 1, i + 1):
                    note(nxt.text, "place", f"after '{tok.text}'", number)
        if toks and _ALLCAPS.match(toks[0].text) and toks[0].start == len(line) - len(line.lstrip()):
            rest = line[toks[0].end:].lstrip()
            if rest.startswith("(") and free(0, 0):
                note(toks[0].text.title(), "place", "dateline", number)

    folded_text = fold(text)
    for cand in found.values():
        pattern = regex.compile(r"(?<!\w)" + regex.escape(fold(cand.text)) + r"(?!\w)")
        cand.count = max(1, len(pattern.findall(folded_text)))
    result = [found[k] for k in order]
    result.sort(key=lambda c: -c.count)
    return result
