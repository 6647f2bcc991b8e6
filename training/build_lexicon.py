"""Build the word lexicon that tells German names from German nouns (``seeds/lexicon.de.tsv.gz``).

    python -m training.build_lexicon --data ../shared/data --out seeds/lexicon.de.tsv.gz

For every capitalised German word of the training corpora (never the evaluation sets) it counts how often the
word occurs and how often the aligned English sentence contains the very same word (or the word without the
accents English drops from a name: *José* → Jose). A name is copied (Merkel, Google, Reuters: copy rate near 1); a
noun is translated (Montag, Brücke: near 0). Lower-case occurrences are
counted too, so a sentence-initial *Neue* is known as an ordinary word, and so are English lower-case
copies (*Hotel* → "hotel": a noun both languages share). The file holds, per word, its counts:
``word<TAB>capitalised<TAB>copied<TAB>German lower-case<TAB>English lower-case<TAB>before a name<TAB>heads a
name<TAB>before a capital``; words seen once are left out (too little evidence). *Before a name* says how often
the word, copied, stands right before another copied capitalised word (*Joschka* before *Fischer*): given names do
almost always, so a noun after one is a surname (*Joschka Fischer*, *Gerolf Keller*). The next two count, for the
word as an ordinary word inside a sentence, how often a capitalised word follows it (*before a capital*) and how
often the English copies that word (*heads a name*): a noun that names what follows it (*Netzbetreiber*,
*Kneipe*, *Blatt*) heads a name; most nouns are followed by another noun phrase. A last column holds, for
capitalised words English translates, the English word that goes with it best (Dice coefficient of the
sentence pairs they share: *Insel* → island, *Athen* → Athens) or, where co-occurrence finds none, the word IBM
Model 1 aligns it with (*Toten* → dead, *Ding* → thing; see :func:`aligned_translations`), which
``translate.leftover`` uses when a model leaves the German word in the English. Lower-case German words that
English never writes (``training.build_english``: *reist*, *knapp*) have that column too, aligned the same way.
"""

from __future__ import annotations

import argparse
import gzip
import unicodedata
from collections import Counter
from pathlib import Path

import regex

from glossator.translate.names import APPOSITION_GAP, PARTICLES
from training.build_english import ENGLISH_MIN_COUNT, english_counts
from training.data import Pair, read_corpora

# The news pairs of WMT 2019-2024 (German references and system outputs of English originals, German originals
# with references): most of the names a newsroom meets.
EXTRA = [("wmt-general", f"{name}.de", f"{name}.en") for name in ("ende-refs", "ende-systems", "deen-refs",
                                                                   "deen-systems")]


def read_all(train_root: Path) -> list[Pair]:
    pairs = read_corpora(train_root)
    for folder, de_name, en_name in EXTRA:
        de_path, en_path = train_root / folder / de_name, train_root / folder / en_name
        if not de_path.is_file():
            continue
        de_lines = de_path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        en_lines = en_path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        pairs.extend(Pair(de, en, folder) for de, en in zip(de_lines, en_lines))
    return pairs

_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{L}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}]*)*")


def _english_words(text: str) -> set[str]:
    """The English words, also without a possessive 's and split at hyphens (Baker's, Mainz-based)."""
    words: set[str] = set()
    for token in _WORD.findall(text):
        token = regex.sub(r"['’]s?$", "", token)
        words.add(token)
        words.update(token.split("-"))
    return words


def _unaccented(word: str) -> str:
    """The word without the accents English often drops from a name (*José* → Jose, *Tōkyō* → Tokyo, *ČSSD* →
    CSSD); German's own letters stay (*Müller* is not *Muller*: *Bär* would become "Bar")."""
    return "".join(ch if ch in "äöüÄÖÜß" else
                   "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
                   for ch in word)


def _copied(word: str, english: set[str]) -> bool:
    """The English has the word as written, or without the accents English drops (a name copied all the same)."""
    return word in english or _unaccented(word) in english


def count(pairs) -> tuple[Counter, Counter, Counter, Counter, Counter, Counter, Counter]:
    before_name: Counter = Counter()
    heads: Counter = Counter()
    followed: Counter = Counter()
    capital: Counter = Counter()
    copied: Counter = Counter()
    lower: Counter = Counter()
    english_lower: Counter = Counter()
    for pair in pairs:
        english = _english_words(pair.en)
        seen: set[str] = set()
        for word in _WORD.findall(pair.de):
            for part in {word, *word.split("-")}:
                if not part or part in seen:
                    continue
                seen.add(part)
                if part[0].isupper():
                    capital[part] += 1
                    if _copied(part, english):
                        copied[part] += 1
                    if part.lower() in english:
                        english_lower[part] += 1
                else:
                    lower[part] += 1
        words = list(_WORD.finditer(pair.de))
        named: set[str] = set()
        for i, a in enumerate(words[:-1]):
            first = a.group(0)
            if not first[0].isupper() or not _copied(first, english) or first in named:
                continue
            # The next word, or the name after up to two particles (Ursula von der Leyen).
            j = i + 1
            while j < len(words) - 1 and j - i <= 2 and words[j].group(0) in PARTICLES:
                j += 1
            b = words[j]
            gap = pair.de[a.end() : b.start()]
            if (b.group(0)[0].isupper() and _copied(b.group(0), english) and regex.fullmatch(r" (?:\p{Ll}+ )*", gap)
                    and all(p in PARTICLES for p in gap.split())):
                named.add(first)
                before_name[first] += 1
        # An ordinary word (not copied) inside the sentence, followed by a capitalised word: how often the English
        # copies that next word (a name in apposition: "der Netzbetreiber Bayernwerk", "das Blatt "Volksstimme"").
        headed: set[str] = set()
        for a, b in zip(words, words[1:]):
            first = a.group(0)
            if (not first[0].isupper() or _copied(first, english) or first in headed or not b.group(0)[0].isupper()
                    or pair.de[: a.start()].rstrip(" \"„“»«'(")[-1:] in ("", ".", "!", "?", ":")
                    or not APPOSITION_GAP.fullmatch(pair.de, a.end(), b.start())):
                continue
            headed.add(first)
            followed[first] += 1
            heads[first] += _copied(b.group(0), english)
    return capital, copied, lower, english_lower, before_name, heads, followed


_ENGLISH = regex.compile(r"\p{L}[\p{L}\p{M}'’]*")
_GERMAN_CAPITAL = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{M}]*")
_STOP = frozenset("""the and for that with was are has have this from not but his her its they said will been which
were who would also more than one two after about there their had can all new out when into over what some she him
our you your them these those then such only other most very may just could should being because where while before
did does how any each many much like even back well still here now""".split())


def translations(pairs, capital: Counter, copied: Counter, *, min_pairs: int = 3, min_dice: float = 0.3,
                 min_share: float = 0.4) -> dict[str, str]:
    """For each capitalised German word English translates, the English word it shares most sentence pairs with
    (Dice), in its usual spelling; a proper noun only when the two are spelled alike (Athen, Athens).

    Strict on purpose: a wrong English word reads as right, a German one is seen (and flagged). The pair must
    share ``min_pairs`` sentence pairs and ``min_share`` of the German word's, with a Dice of ``min_dice``, and
    the choice must hold both ways: the German word is the English word's best partner too, or a form of it
    (*Kanzlerin* for chancellor, whose best partner is *Kanzler*)."""
    wanted = {w for w, c in capital.items() if c >= 2 * min_pairs and copied[w] < 0.35 * c}
    together: Counter = Counter()
    german_count: Counter = Counter()
    english_count: Counter = Counter()
    spelling: Counter = Counter()
    seen: set[str] = set()
    for pair in pairs:
        if pair.de in seen or pair.en in seen:
            # A repeated sentence (an advert, boilerplate, several systems' German for one English sentence)
            # pairs its words once, not each time.
            continue
        seen.update((pair.de, pair.en))
        german = {w for w in _GERMAN_CAPITAL.findall(pair.de) if w in wanted}
        english = set()
        for token in _ENGLISH.findall(pair.en):
            folded = token.casefold()
            if len(token) >= 3 and folded not in _STOP:
                spelling[token] += 1
                english.add(folded)
        english_count.update(english)
        german_count.update(german)
        for g in german:
            for e in english:
                together[(g, e)] += 1
    best: dict[str, tuple[float, str]] = {}
    partner: dict[str, tuple[float, str]] = {}
    for (g, e), n in sorted(together.items()):  # sorted: a tie goes the same way in every run (no hash order)
        if n >= min_pairs:
            dice = 2 * n / (german_count[g] + english_count[e])
            if dice > partner.get(e, (0.0, ""))[0]:
                partner[e] = (dice, g)
            if n >= min_share * german_count[g] and dice >= min_dice and dice > best.get(g, (0.0, ""))[0]:
                best[g] = (dice, e)
    out = {}
    for g, (_, e) in best.items():
        other = partner[e][1]
        if other != g and not (min(len(g), len(other)) >= 5 and (other in g or g in other)):
            continue  # undernutrition's partner is Unterernährung, not Botschafterin
        lower, title = spelling[e], spelling[e[:1].upper() + e[1:]]
        # English writes a common noun in lower case often enough (chancellor, also "Chancellor Merkel").
        word = e if lower >= 0.2 * (lower + title) else e[:1].upper() + e[1:]
        if word[:1].isupper() and _similar(g, word) < 0.5:
            continue  # Jubel → Dabrowski: a name that happened to share the sentences
        out[g] = word
    return out


_ALIGN_GERMAN = regex.compile(r"(?<![\p{L}\p{N}])\p{L}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*")
_ALIGN_ENGLISH = regex.compile(r"(?<![\p{L}\p{N}])\p{L}[\p{L}\p{M}]*")


def aligned_translations(pairs, wanted: set[str], *, iterations: int = 6, min_prob: float = 0.5,
                         max_second: float = 0.2, min_count: float = 1.5,
                         german_capital: Counter | None = None) -> dict[str, str]:
    """For the ``wanted`` German words, the English word IBM Model 1 aligns them with (*Waage* → scale, *Toten* →
    dead, *Kneipe* → bar): every English content word of a sentence pair is explained by one of the German words
    (or by none), and expectation maximisation shares it out. Where sentence co-occurrence (Dice) fails because
    the English word is frequent or the German one rare, alignment still finds the word, since the other German
    words of the sentence explain the rest.

    Strict like :func:`translations`: the English word (its singular and plural together: pensioner, pensioners)
    must take ``min_prob`` of the German word's alignments, ``min_count`` of them in all (one will do at 0.75), and
    no second word more than ``max_second`` (a compound that English writes as two words, *Lederjacke*, is left out
    rather than half translated, and so is one whose English is its modifier's word while its last part has an
    English word of its own, found here too: *Silbermedaille* is no "silver"); a capitalised English word must be
    spelled like the German one (a name is not a translation), unless German never writes that English word
    (``german_capital``, the German capitalised counts, below 3): an English name for the place or thing (*Köln* →
    Cologne, *Sachsen* → Saxony, *Mittwoch* → Wednesday), not a name that shared the sentences (*Elke* → Alice:
    German writes Alice too)."""
    import numpy as np

    german_ids: dict[str, int] = {"": 0}  # 0: the empty word, which explains English words German lacks
    english_ids: dict[str, int] = {}
    spelling: Counter = Counter()
    seen: set[str] = set()
    rows_g, rows_e = [], []
    for pair in pairs:
        if pair.de in seen or pair.en in seen:
            continue
        seen.update((pair.de, pair.en))
        g = {german_ids.setdefault(w, len(german_ids)) for w in _ALIGN_GERMAN.findall(pair.de)}
        e = set()
        for token in _ALIGN_ENGLISH.findall(pair.en):
            folded = token.casefold()
            if len(token) >= 3 and folded not in _STOP:
                spelling[token] += 1
                e.add(english_ids.setdefault(folded, len(english_ids)))
        if g and e and len(g) <= 60:
            rows_g.append(np.fromiter(g | {0}, np.int64))
            rows_e.append(np.fromiter(e, np.int64))
    if not rows_g:
        return {}
    # One row per (sentence pair, English word, German word): the alignments EM shares out.
    inst_g = np.concatenate([np.tile(g, len(e)) for g, e in zip(rows_g, rows_e)])
    inst_e = np.concatenate([np.repeat(e, len(g)) for g, e in zip(rows_g, rows_e)])
    group_sizes = np.concatenate([np.full(len(e), len(g)) for g, e in zip(rows_g, rows_e)])
    keys, inst_key = np.unique(inst_g * len(english_ids) + inst_e, return_inverse=True)
    key_g, key_e = keys // len(english_ids), keys % len(english_ids)
    starts = np.r_[0, np.cumsum(group_sizes)[:-1]]
    prob = np.ones(len(keys))
    counts = np.zeros(len(keys))
    for _ in range(iterations):
        p = prob[inst_key]
        share = p / np.repeat(np.add.reduceat(p, starts), group_sizes)
        counts = np.bincount(inst_key, weights=share, minlength=len(keys))
        totals = np.bincount(key_g, weights=counts, minlength=len(german_ids))
        prob = counts / totals[key_g]
    english_of = {i: w for w, i in english_ids.items()}
    german_of = {i: w for w, i in german_ids.items()}
    wanted_ids = {german_ids[w]: w for w in wanted if w in german_ids}
    # Each English word's best German partner (most alignments): the choice must hold both ways, so a compound's
    # modifier (*Computer|bildschirmen* → computer, whose partner is *Computer*) is not taken for its English.
    # (The empty word, which shares in every sentence, is no partner.)
    by_english = np.lexsort((-counts, key_e))
    by_english = by_english[key_g[by_english] != 0]
    firsts = by_english[np.r_[True, key_e[by_english][1:] != key_e[by_english][:-1]]]
    partner = {int(key_e[k]): german_of[int(key_g[k])] for k in firsts}
    order = np.lexsort((-prob, key_g))
    out: dict[str, str] = {}
    sure: dict[str, bool] = {}
    bounds = np.flatnonzero(np.r_[True, key_g[order][1:] != key_g[order][:-1], True])
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        g = int(key_g[order[lo]])
        if g not in wanted_ids:
            continue
        german = wanted_ids[g]
        best = order[lo]
        e = english_of[int(key_e[best])]
        # The English word's other forms (pensioner, pensioners) are one word: their alignments add up, and the
        # best of the other words is the rival.
        p = float(prob[best])
        count = float(counts[best])
        second = 0.0
        for k in order[lo + 1 : hi]:
            if _english_forms(english_of[int(key_e[k])], e):
                p += float(prob[k])
                count += float(counts[k])
            else:
                second = float(prob[k])
                break
        confident = p >= 0.75
        if p < min_prob or count < (min(1.0, min_count) if confident else min_count) or second > max_second:
            continue
        # The choice must hold both ways where the English word's best German partner is a part of this word (or
        # no German word): a compound's modifier (*Computer|bildschirmen* → computer, whose partner is *Computer*)
        # is not its English. A synonym may share its English word with a more frequent one (*Partie*, *Spiel*).
        # (A German word nearly always aligned with one English word keeps it: Heimat → home.)
        mate = partner[int(key_e[best])]
        if (not mate or _modifier_of(mate, german)) and not _forms_of_one_word(mate, german) and (p < 0.8 or count < 3):
            continue
        lower, title = spelling[e], spelling[e[:1].upper() + e[1:]]
        word = e if lower >= 0.2 * (lower + title) else e[:1].upper() + e[1:]
        if word[:1].isupper() and _similar(german, word) < 0.5 and (
                german_capital is None or german_capital[word] >= 3):
            continue
        out[german] = word
        sure[german] = p >= 0.8 or _forms_of_one_word(mate, german)
    # Where the English word's partner is another German word, a compound whose last part has an English word of
    # its own (*Silber|medaille*: medal) takes that word: the modifier's English alone (silver) is half a
    # translation. (*Brief|tasche* → wallet, wallet's own partner, stays.)
    found = dict(out)
    for german, word in found.items():
        head = _head(german, found)
        if head is not None and not sure[german] and not _english_forms(found[head].casefold(), word.casefold()) \
                and found[head].casefold() != word.casefold():
            del out[german]
    return out


def _head(word: str, words) -> str | None:
    """The longest last part of the compound ``word`` (four letters at least) that is a word of ``words``."""
    for i in range(3, len(word) - 3):
        tail = word[i].upper() + word[i + 1 :]
        if tail in words:
            return tail
    return None


def _english_forms(a: str, b: str) -> bool:
    """Two forms of one English noun: singular and plural (pensioner, pensioners; city, cities; bus, buses)."""
    a, b = sorted((a, b), key=len)
    return b in (a + "s", a + "es") or (a.endswith("y") and b == a[:-1] + "ies")


def _modifier_of(part: str, word: str) -> bool:
    """``part`` begins the compound ``word`` without being all of it (*Computer* of *Computerbildschirmen*)."""
    part, word = part.casefold(), word.casefold()
    return len(part) >= 3 and word.startswith(part[: max(3, len(part) - 1)]) and len(word) > len(part) + 2


def _forms_of_one_word(a: str, b: str) -> bool:
    """Two forms of one German word: the same but for case and an ending of up to three letters (*tot*, *Toten*)."""
    a, b = sorted((a.casefold(), b.casefold()), key=len)
    return b.startswith(a) and len(b) - len(a) <= 3 and len(a) >= 3


def _similar(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def lexicon_rows(pairs, *, min_count: int = 2, english: bool = True,
                 english_words: set[str] | None = None) -> list[str]:
    """The lexicon's lines for ``pairs`` (see the module docstring); ``english=False`` leaves the English column
    empty (it is the slow part, and only ``translate.leftover`` reads it). With ``english_words`` (the lower-case
    words English writes, ``training.build_english``), lower-case German words outside it get their English too."""
    capital, copied, lower, english_lower, before_name, heads, followed = count(pairs)
    translated = translations(pairs, capital, copied) if english else {}
    if english:
        # Alignment for the translated words co-occurrence left without an English word (Waage, Toten, Kneipe),
        # and for the lower-case words English never writes (reist, knapp), which a model may leave German too.
        wanted = {w for w, c in capital.items() if c >= 2 and copied[w] < 0.35 * c and w not in translated}
        wanted |= {w for w, n in lower.items() if n >= min_count and len(w) > 2 and english_words is not None
                   and w not in english_words}
        translated.update(aligned_translations(pairs, wanted, german_capital=capital))
    rows = []
    for word in sorted(set(capital) | set(lower)):
        c, low = capital[word], lower[word.lower()] if word[:1].isupper() else lower[word]
        # A capitalised word seen once is kept when its lower-case form is common (a sentence-initial *Einigen*):
        # the lower-case count is what tells it is an ordinary word.
        if word[:1].isupper() and (c >= min_count or lower[word[:1].lower() + word[1:]] >= min_count):
            rows.append(f"{word}\t{c}\t{copied[word]}\t{lower[word[:1].lower() + word[1:]]}\t{english_lower[word]}"
                        f"\t{before_name[word]}\t{heads[word]}\t{followed[word]}\t{translated.get(word, '')}")
        elif not word[:1].isupper() and low >= min_count:
            if word[:1].upper() + word[1:] not in capital:
                rows.append(f"{word}\t0\t0\t{low}\t0\t0\t0\t0\t{translated.get(word, '')}")
            elif word in translated:  # its capitalised row counts it already (German lower case): its English only
                rows.append(f"{word}\t0\t0\t0\t0\t0\t0\t0\t{translated[word]}")
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("seeds/lexicon.de.tsv.gz"))
    ap.add_argument("--min-count", type=int, default=2)
    args = ap.parse_args(argv)
    pairs = read_all(args.data / "train")
    english_words = {w for w, n in english_counts(args.data / "train").items() if n >= ENGLISH_MIN_COUNT}
    rows = lexicon_rows(pairs, min_count=args.min_count, english_words=english_words)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same corpora always give the same bytes.
    with gzip.GzipFile(args.out, "wb", mtime=0) as fh:
        fh.write(("\n".join(rows) + "\n").encode("utf-8"))
    print(f"{len(pairs)} pairs, {len(rows)} words -> {args.out}")


if __name__ == "__main__":
    main()
