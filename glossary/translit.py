"""German spellings of transliterated names, and the usual English spelling.

German transliterates Russian and Ukrainian names its own way (*Peskow*, *Selenskyj*, *Nawalny*, *Schoigu*);
English news writes *Peskov*, *Zelenskyy*, *Navalny*, *Shoigu*. Copying the German spelling into English is
wrong, and guessing silently is too: these functions let translation and ``glossary suggest`` offer the usual
English spelling for a person to confirm (``glossator glossary add``).
"""

from __future__ import annotations

import regex

TRANSLITERATED = regex.compile(
    r"(?:(?:[aeiou]|sk|zk)(?:ow|ew|owa|ewa|jew|jewa|jow)|(?:sk|zk|n)(?:yj|ij|aja)|[aeiou]lny|[aeiou]j)$"
    r"|^(?:Sch|Tsch)\w*(?<![ae])[aiou]$|schtsch"
)
"""Endings and spellings of German transliterations of Slavic names (Peskow, Selenskyj, Nawalny, Schoigu; not the
German diphthongs of *Scheu*, *Schau*)."""


def transliteration(name: str) -> str:
    """The usual English spelling of a name in German transliteration: Peskow → Peskov, Selenskyj → Selenskyy,
    Schoigu → Shoigu, Nawalny → Navalny. A suggestion for a person to confirm, never applied silently."""
    out = []
    for word in name.split():
        w = word
        w = w.replace("schtsch", "shch").replace("Schtsch", "Shch").replace("tsch", "ch").replace("Tsch", "Ch")
        w = w.replace("sch", "sh").replace("Sch", "Sh")
        w = regex.sub(r"^J(?=[aeuo])", "Y", w)
        w = regex.sub(r"(?<=[aeiouy])j(?=[aeiou])", "y", w)
        w = regex.sub(r"(?<=[aeiou])j$", "y", w)
        w = regex.sub(r"(?:yj|ij)$", "yy", w)
        w = regex.sub(r"jew(a?)$", r"yev\1", w)
        w = w.replace("w", "v").replace("W", "V")
        out.append(w)
    return " ".join(out)


def looks_transliterated(word: str) -> bool:
    """Whether a capitalised ``word`` looks like a German transliteration of a Slavic name."""
    return len(word) > 3 and word[:1].isupper() and TRANSLITERATED.search(word) is not None
