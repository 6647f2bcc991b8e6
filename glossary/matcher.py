"""German-aware glossary matching: every term of the glossary in one pass over the text.

How a term is matched (documented in docs/GLOSSARY.md):

* Text and terms are split into words (``\\w+``) and folded with ``str.casefold`` after NFC, so case, ß/ss
  and composed/decomposed umlauts do not matter. Words are compared whole, so a term never matches inside
  an unrelated word (``Pekingente`` is not ``Peking``, ``Ministerin`` is not ``Außenminister``).
* The glossary is compiled once into a word trie keyed by (separator, stem, inflection class): the
  equivalent of one regex named list, but over words, so that inner words of a multi-word term may inflect.
  Each text word costs a fixed number of dictionary look-ups whatever the size of the glossary.
* Inflection: the last word of a term takes German noun endings (``-s -es -n -en -e -ns -ens``: Putins,
  Kremls, Außenministeriums, UN-Sicherheitsrats, Hauses); titles also ``-in -innen`` (Außenministerin).
  Inner words that look like adjectives (lower case, or ending in -e/-en/-er/-es/-em in a non-person term)
  take any adjective ending (der koreanischen Halbinsel, des Weißen Hauses). Person first names are exact.
* Hyphenated compound with the term as head (``US-Außenministerium``): a full match. The span covers the
  term only; the prefix (``US``) is not part of it but counts as a context word.
* Compound with the term as first part: ``Kreml-Chef`` (hyphenated: always) or ``Kremlchef`` (closed: only
  when the rest, after an optional linking ``s``/``es``/``n``/``en``, is one of ``COMPOUND_HEADS``, a list
  of heads common in news) is a *partial* match: reported, never rendered. ``Pekingente`` ends in ``ente``,
  not a listed head, so it is no match at all.
* Punctuation inside a term is literal (``U.S.``, ``C++``, ``(?=x)`` are plain characters, never regex).
* Overlaps: the longest match wins; among equals, the earlier one.
* Context: each rendering's cues are matched against the words within ``window`` words either side of the
  term (a cue matches words that start with it, case-insensitively). The rendering with the nearest cue
  wins; with no cue nearby the rendering without context (the default) applies; with no default, the
  entry with the lowest id.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import regex

from glossator.glossary.model import MAX_TERM_WORDS, Entry

_WORD = regex.compile(r"\w+", regex.VERSION1)
_HYPHENS = frozenset("-\u2010\u2011")

NOUN_ENDINGS = ("", "s", "es", "n", "en", "e", "ns", "ens")
TITLE_ENDINGS = NOUN_ENDINGS + ("in", "innen", "innen", "n")
ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
_CLASS_ENDINGS = {
    "exact": ("",),
    "noun": NOUN_ENDINGS,
    "title": tuple(dict.fromkeys(TITLE_ENDINGS)),
    "adj": ADJ_ENDINGS,
    "person": ("", "s"),
}
_CLASS_ENDING_SETS = {cls: frozenset(ends) for cls, ends in _CLASS_ENDINGS.items()}
# Every ending to strip from a text word (one dictionary look-up each), longest first.
_ENDINGS: tuple[str, ...] = tuple(sorted({e for ends in _CLASS_ENDINGS.values() for e in ends}, key=len,
                                         reverse=True))
_ENDING_SET = frozenset(_ENDINGS)
_MAX_ENDING = max(len(e) for e in _ENDINGS)

# Heads of compounds whose first part is a glossary term, common in news copy (Kremlchef, Kremlsprecher,
# Außenministeriumssprecher, kremlnah). Closed compounds ending in anything else are not matches at all.
COMPOUND_HEADS = frozenset(
    """
    chef chefin sprecher sprecherin führung führer führerin partei parteien regierung regierungen
    kritiker kritikerin kritik besuch besuche reise politik gipfel treffen vertreter vertreterin
    beamte beamter beamten beamtin minister ministerin ministerium präsident präsidentin
    krise konflikt armee truppen militär botschaft botschafter botschafterin delegation
    gespräche gesprächen verhandlungen abkommen vertrag sanktionen beziehungen wahl wahlen
    kreise kreisen quelle quellen berater beraterin machthaber sitz seite gegner gegnerin anhänger
    anhängerin verwaltung behörde behörden medien angaben erklärung mitteilung stellungnahme
    nah nahe nahen naher nahes kritisch kritische kritischen kritischer treu treue treuen
    freundlich freundliche freundlichen feindlich feindliche feindlichen
    """.split()
)
_LINKS = ("", "s", "es", "n", "en")
_HEAD_SUFFIXES = ("", "s", "n", "en", "e")
_MIN_PARTIAL_STEM = 3


def fold(text: str) -> str:
    """Case-fold for matching: NFC, then full Unicode case folding (ß -> ss)."""
    return unicodedata.normalize("NFC", text).casefold()


@dataclass(frozen=True)
class TermMatch:
    """A glossary term found in text.

    ``start``/``end`` are offsets into the text given to :meth:`Matcher.find`; ``text`` is that slice.
    ``partial`` marks a compound whose first part is the term (Kremlchef): reported, not rendered.
    """

    start: int
    end: int
    text: str
    entry: Entry
    target: str
    partial: bool = False


@dataclass
class _Token:
    start: int
    end: int
    folded: str
    sep: str  # separator before this token, normalised: "" (start), " ", "-" or the literal characters


@dataclass
class _Terminal:
    group: int
    lead: str  # literal (folded) characters required right before the first word
    trail: str  # literal (folded) characters required right after the last word


@dataclass
class _Node:
    # (separator, stem) -> inflection class -> next node
    children: dict[tuple[str, str], dict[str, _Node]] = field(default_factory=dict)
    terminals: list[_Terminal] = field(default_factory=list)


@dataclass(frozen=True)
class _Cue:
    """A context cue: its words (the last one matched as a prefix) and any literal punctuation."""

    words: tuple[str, ...]
    seps: tuple[str, ...]
    lead: str
    trail: str

    @classmethod
    def parse(cls, cue: str) -> _Cue | None:
        toks = _tokens(cue)
        if not toks:
            return None  # a cue of punctuation only can never be found among words
        return cls(tuple(t.folded for t in toks), tuple(t.sep for t in toks[1:]),
                   fold(cue[: toks[0].start]).strip(), fold(cue[toks[-1].end:]).strip())

    def at(self, text: str, tokens: Sequence[_Token], k: int, hi: int) -> bool:
        n = len(self.words)
        if k + n > hi:
            return False
        for offset, part in enumerate(self.words):
            tok = tokens[k + offset]
            if offset and tok.sep != self.seps[offset - 1]:
                return False
            exact = offset < n - 1 or self.trail
            if (tok.folded != part) if exact else not tok.folded.startswith(part):
                return False
        if self.lead and fold(text[max(0, tokens[k].start - len(self.lead)): tokens[k].start]) != self.lead:
            return False
        end = tokens[k + n - 1].end
        return not self.trail or fold(text[end: end + len(self.trail)]) == self.trail


def _norm_sep(sep: str) -> str:
    if not sep:
        return ""
    if sep.isspace():
        return " "
    if len(sep) == 1 and sep in _HYPHENS:
        return "-"
    return " ".join(fold(sep).split()) if sep.strip() else " "


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    prev_end = 0
    normalised = unicodedata.is_normalized("NFC", text)
    for m in _WORD.finditer(text):
        start = m.start()
        sep = text[prev_end:start] if tokens else ""
        word = m.group()
        folded = word.casefold() if normalised else fold(word)
        tokens.append(_Token(start, m.end(), folded, " " if sep == " " else _norm_sep(sep)))
        prev_end = m.end()
    return tokens


def _adj_stem(word: str) -> str | None:
    for ending in ("en", "em", "er", "es", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return None


def _term_keys(term: str, kind: str) -> tuple[list[tuple[str, str, str]], str, str] | None:
    """(sep, stem, class) per word of ``term``, plus the literal lead and trail; None if no word."""
    words = list(_WORD.finditer(term))
    if not words:
        return None
    lead = fold(term[: words[0].start()]).strip()
    trail = fold(term[words[-1].end():]).strip()
    keys: list[tuple[str, str, str]] = []
    for i, m in enumerate(words):
        word = fold(m.group())
        sep = "" if i == 0 else _norm_sep(term[words[i - 1].end(): m.start()])
        last = i == len(words) - 1
        if last:
            cls = {"person": "person", "title": "title"}.get(kind, "noun")
            keys.append((sep, word, cls))
            continue
        original = m.group()
        stem = _adj_stem(word)
        looks_adjective = stem is not None and kind != "person" and (
            original.islower() or original[:1].isupper()
        ) and _norm_sep(term[m.end(): words[i + 1].start()]) == " "
        if looks_adjective and (original.islower() or len(word) >= 5):
            keys.append((sep, stem, "adj"))  # type: ignore[arg-type]
        else:
            keys.append((sep, word, "exact"))
    return keys, lead, trail


class Matcher:
    """Finds glossary terms in German text. Build once per glossary revision; :meth:`find` is thread-safe."""

    def __init__(self, entries: Iterable[Entry], window: int = 4) -> None:
        if window < 0:
            raise ValueError("window must be >= 0")
        self.window = window
        self._root = _Node()
        self._groups: list[list[Entry]] = []
        self._cues: list[list[tuple[Entry, list[_Cue]]]] = []
        self._partial_stems: dict[str, set[int]] = {}
        group_of: dict[str, int] = {}
        for entry in sorted(entries, key=lambda e: (e.id is None, e.id or 0)):
            key = fold(" ".join(entry.source.split()))
            gid = group_of.get(key)
            if gid is None:
                gid = group_of[key] = len(self._groups)
                self._groups.append([])
            self._groups[gid].append(entry)
            for term in (entry.source, *entry.forms):
                self._insert(term, entry.type, gid)
        for group in self._groups:
            self._cues.append([(e, [cue for c in e.context if (cue := _Cue.parse(c))]) for e in group])

    def __len__(self) -> int:
        return sum(len(g) for g in self._groups)

    def _insert(self, term: str, kind: str, gid: int) -> None:
        parsed = _term_keys(term, kind)
        if parsed is None:
            return
        keys, lead, trail = parsed
        if len(keys) > MAX_TERM_WORDS:
            return  # refused on entry (validate_entry); an older glossary's overlong term would cost every word
        node = self._root
        for sep, stem, cls in keys:
            node = node.children.setdefault((sep, stem), {}).setdefault(cls, _Node())
        if not any(t.group == gid and t.lead == lead and t.trail == trail for t in node.terminals):
            node.terminals.append(_Terminal(gid, lead, trail))
        if len(keys) == 1 and not lead and not trail and len(keys[0][1]) >= _MIN_PARTIAL_STEM:
            self._partial_stems.setdefault(keys[0][1], set()).add(gid)

    # -- matching ----------------------------------------------------------------------------------
    def find(self, text: str, *, context: str = "") -> list[TermMatch]:
        """All glossary terms in ``text``: sorted by start, non-overlapping, the longest match winning.

        ``context`` is text whose cues decide a rendering when no cue stands within the window, e.g. the
        dateline of the article ("WASHINGTON (Reuters)") the sentence comes from.
        """
        tokens = _tokens(text)
        candidates: list[tuple[int, int, int, int, int, bool]] = []  # start, end, gid, tok_i, tok_j, partial
        n = len(tokens)
        for i in range(n):
            found = False
            # Walk the trie: frontier of (node, next token index).
            frontier = [(self._root, i)]
            while frontier:
                node, j = frontier.pop()
                if j >= n:
                    continue
                tok = tokens[j]
                sep = "" if j == i else tok.sep
                word = tok.folded
                size = len(word)
                for cut in range(min(_MAX_ENDING, size - 1), -1, -1):
                    ending = word[size - cut:] if cut else ""
                    if ending not in _ENDING_SET:
                        continue
                    bucket = node.children.get((sep, word[: size - cut]))
                    if bucket is None:
                        continue
                    for cls, child in bucket.items():
                        if ending not in _CLASS_ENDING_SETS[cls]:
                            continue
                        if self._extend(text, tokens, i, j, child, candidates, frontier):
                            found = True
            if not found and self._partial_stems:
                hit = self._closed_compound(tokens[i].folded)
                if hit is not None:
                    candidates.append((tokens[i].start, tokens[i].end, hit, i, i, True))
        return self._resolve(text, tokens, candidates, context)

    def _extend(self, text: str, tokens: list[_Token], i: int, j: int, child: _Node,
                candidates: list[tuple[int, int, int, int, int, bool]], frontier: list[tuple[_Node, int]]) -> bool:
        """Record the terms ending at token ``j`` in ``child`` (True if any) and queue its longer terms."""
        n = len(tokens)
        found = False
        tok = tokens[j]
        for term in child.terminals:
            start, end = tokens[i].start, tok.end
            # Punctuation of the term is literal and must sit right against its words.
            if term.lead:
                if fold(text[max(0, start - len(term.lead)): start]) != term.lead:
                    continue
                start -= len(term.lead)
            if term.trail:
                if fold(text[end: end + len(term.trail)]) != term.trail:
                    continue
                end += len(term.trail)
            # Term followed by "-Word" (Kreml-Chef): a compound with the term as first part.
            partial = j + 1 < n and tokens[j + 1].sep == "-" and tokens[j + 1].start == end + 1
            candidates.append((start, end, term.group, i, j, partial))
            found = True
        if child.children:
            frontier.append((child, j + 1))
        return found

    def _closed_compound(self, word: str) -> int | None:
        """Group id when ``word`` is a term followed by a listed compound head (Kremlchef), else None."""
        for cut in range(len(word) - 3, _MIN_PARTIAL_STEM - 1, -1):
            gids = self._partial_stems.get(word[:cut])
            if not gids:
                continue
            rest = word[cut:]
            for link in _LINKS:
                if not rest.startswith(link):
                    continue
                head = rest[len(link):]
                for suffix in _HEAD_SUFFIXES:
                    if suffix and not head.endswith(suffix):
                        continue
                    if (head[: len(head) - len(suffix)] if suffix else head) in COMPOUND_HEADS:
                        return min(gids)
        return None

    def _resolve(self, text: str, tokens: list[_Token],
                 candidates: list[tuple[int, int, int, int, int, bool]], context: str = "") -> list[TermMatch]:
        # Longest wins; ties go to the earlier start; full matches beat partial ones of equal length.
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[5]))
        # Chosen spans never overlap, so sorted by start they are sorted by end too: a candidate overlaps one
        # only if it overlaps its neighbour on either side (a bisection, not a scan of all chosen spans).
        starts: list[int] = []
        ends: list[int] = []
        chosen: list[tuple[int, int, int, int, int, bool]] = []
        for cand in candidates:
            start, end = cand[0], cand[1]
            k = bisect.bisect_left(starts, start)
            if (k > 0 and ends[k - 1] > start) or (k < len(starts) and starts[k] < end):
                continue
            starts.insert(k, start)
            ends.insert(k, end)
            chosen.append(cand)
        chosen.sort(key=lambda c: c[0])
        matches = []
        context_tokens = _tokens(context) if context else []
        for start, end, gid, i, j, partial in chosen:
            entry = self._choose(gid, text, tokens, i, j, context, context_tokens)
            matches.append(TermMatch(start, end, text[start:end], entry, entry.target, partial))
        return matches

    def _choose(self, gid: int, text: str, tokens: Sequence[_Token], i: int, j: int, context: str = "",
                context_tokens: Sequence[_Token] = ()) -> Entry:
        group = self._groups[gid]
        if len(group) == 1:
            return group[0]
        lo, hi = max(0, i - self.window), min(len(tokens), j + 1 + self.window)
        best: tuple[int, int] | None = None
        best_entry: Entry | None = None
        for order, (entry, cues) in enumerate(self._cues[gid]):
            if not cues:
                continue
            for k in range(lo, hi):
                if i <= k <= j:
                    continue
                distance = i - k if k < i else k - j
                for cue in cues:
                    if cue.at(text, tokens, k, hi):
                        if best is None or (distance, order) < best:
                            best, best_entry = (distance, order), entry
                        break
        if best_entry is not None:
            return best_entry
        # No cue near the term: the document's context (its dateline) decides, its earliest cue first.
        n_ctx = len(context_tokens)
        for k in range(n_ctx):
            for entry, cues in self._cues[gid]:
                if any(cue.at(context, context_tokens, k, n_ctx) for cue in cues):
                    return entry
        for entry in group:
            if not entry.context:
                return entry
        return group[0]
