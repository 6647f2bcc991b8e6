"""Putting a lost protected span back into a translation, on any model.

A model that does not copy placeholders (the official Argos package, any other CTranslate2 model) still
translates the words of a term, a name or a number somewhere in its English: a slightly wrong name ("Liu
Penugy"), its own word for the term ("foreign ministry" for *State Department*). :func:`place_spans` finds
that place and puts the span's placeholder there, so :func:`translate.spans.realize` writes the required
rendering in with the same grammar as on a placeholder model. The place is found, in order of trust, by

1. the rendering itself, slightly altered (names the model garbled, a near spelling);
2. the model's own translation of the span, translated alone (its usual word for a term; asked for only from
   engines that give no attention);
3. the decoder's attention: the words whose strongest attention falls on the span's source pieces;
4. what the model left out goes beside the word that attends to it most;
5. an inline code goes against the word it was written against in the source, through the same attention
   (or the nearest word of the text it marks; never outside that text).

A word's focus comes from its letter and digit pieces: the full stop of "Friday." attends to the source's full
stop, often more sharply than "Friday" to "am Freitag".

Without attention (a text-only engine) only 1 and 2 apply: a span with no place stays missing and is reported.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from glossator.translate.spans import Span

_CONTENT = regex.compile(r"[\p{L}\p{N}]")
_EDGE = regex.compile(r"^([^\p{L}\p{N}⟦]*)(.*?)([^\p{L}\p{N}⟧]*)$", regex.S)
_FUZZY_NAME = 0.72
_FUZZY_TRANSLATION = 0.8


@dataclass
class Words:
    """A hypothesis as words, with the source piece each word attends to most (``None`` without attention)."""

    words: list[str]
    focus: list[int | None]
    mass: list[list[float]]  # per word, its attention over the source pieces (summed over its pieces)

    @classmethod
    def from_pieces(cls, pieces: Sequence[str], attention: Sequence[Sequence[float]], decode) -> Words:
        groups: list[list[int]] = []
        for i, piece in enumerate(pieces):
            if piece.startswith("▁") or not groups:
                groups.append([i])
            else:
                groups[-1].append(i)
        words: list[str] = []
        focus: list[int | None] = []
        mass: list[list[float]] = []
        for group in groups:
            text = decode([pieces[i] for i in group])
            if not text:
                continue
            words.append(text)
            if attention and all(i < len(attention) and attention[i] for i in group):
                width = len(attention[group[0]])
                row = [sum(attention[i][j] for i in group) for j in range(width)]
                mass.append(row)
                # A word's punctuation ("Friday" + ".") attends to the source's punctuation, often more
                # sharply than the word to its own source words: the word's focus comes from its letters.
                content = [i for i in group if _CONTENT.search(pieces[i])] or group
                own = [sum(attention[i][j] for i in content) for j in range(width)]
                focus.append(max(range(width), key=own.__getitem__))
            else:
                mass.append([])
                focus.append(None)
        return cls(words, focus, mass)

    @classmethod
    def from_text(cls, text: str) -> Words:
        words = text.split()
        return cls(words, [None] * len(words), [[] for _ in words])


_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")


def _norm(text: str) -> str:
    return _NOT_WORD.sub(" ", text).casefold().strip()


def _best_window(words: Sequence[str], wanted: str, threshold: float, blocked: set[int], *,
                 exact_counts: bool = False) -> tuple[int, int] | None:
    """The run of words most like ``wanted`` (similarity ≥ ``threshold``), outside ``blocked`` words."""
    target = _norm(wanted)
    if not target:
        return None
    normal = [_norm(w) for w in words]
    size = len(target.split())
    matcher = difflib.SequenceMatcher(None, "", target)  # the target's index is built once
    best: tuple[float, int, int] | None = None
    for width in (size, size + 1, size - 1):
        if width < 1:
            continue
        for lo in range(0, len(words) - width + 1):
            hi = lo + width
            if any(i in blocked or "⟦" in words[i] for i in range(lo, hi)):
                continue
            matcher.set_seq1(" ".join(w for w in normal[lo:hi] if w))
            # The cheap upper bounds first: most windows are nothing like the target.
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if exact_counts and ratio == 1.0:
                continue  # that occurrence already counts for another span with the same rendering
            if ratio >= threshold and (best is None or ratio > best[0]):
                best = (ratio, lo, hi)
    return (best[1], best[2]) if best else None


def _attended(hyp: Words, pieces: range, width_limit: int, blocked: set[int]) -> tuple[int, int] | None:
    """The words whose strongest attention falls on ``pieces``; ``None`` when none does or they scatter."""
    hits = [i for i, f in enumerate(hyp.focus) if f is not None and f in pieces and i not in blocked]
    if not hits:
        return None
    lo, hi = min(hits), max(hits) + 1
    if hi - lo > width_limit or any(i in blocked for i in range(lo, hi)):
        return None  # attention spread over the sentence is no alignment
    return lo, hi


def _insertion(hyp: Words, pieces: range, blocked: set[int]) -> int | None:
    """Where a span the model left out goes: beside the word that attends to it most (before it when that word
    translates something later in the source, after it otherwise)."""
    if not pieces or not any(hyp.mass):
        return None
    weight = [sum(row[j] for j in pieces if j < len(row)) if row else 0.0 for row in hyp.mass]
    best = max(range(len(weight)), key=weight.__getitem__, default=None)
    if best is None or weight[best] <= 0.0:
        return None
    focus = hyp.focus[best]
    spot = best if focus is None or focus >= pieces.start else best + 1
    while spot in blocked and spot < len(hyp.words):
        spot += 1
    return spot


def _code_place(hyp: Words, span: Span, pieces: range) -> int | None:
    """Where an inline code goes: before the first word attending to its next source word, or after the last
    word attending to its previous one."""
    hits = [i for i, f in enumerate(hyp.focus) if f is not None and f in pieces]
    if not hits:
        return None
    return max(hits) + 1 if span.glue == "prev" else min(hits)


def _source_pieces(offsets: Sequence[tuple[int, int]], start: int, end: int) -> range:
    """The pieces overlapping characters ``start``–``end`` (a piece may carry the space before its word)."""
    idx = [i for i, (a, b) in enumerate(offsets) if a < end and b > start]
    return range(min(idx), max(idx) + 1) if idx else range(0)


def _code_anchor(span: Span, offsets: Sequence[tuple[int, int]], source: str) -> range:
    """The source pieces of the word an inline code was written against (in the text without codes): the
    previous word for a closing code, else the next one."""
    if span.glue == "prev":
        end = span.start
        while end > 0 and source[end - 1].isspace():
            end -= 1
        start = end
        while start > 0 and not source[start - 1].isspace():
            start -= 1
    else:
        start = span.start
        while start < len(source) and source[start].isspace():
            start += 1
        end = start
        while end < len(source) and not source[end].isspace():
            end += 1
    if start == end:
        return range(0)
    return _source_pieces(offsets, start, end)


def _crosses(codes: Sequence[int], position: int, anchor: range, offsets: Sequence[tuple[int, int]],
             source: str, step: int) -> bool:
    """Whether another code stands between a code at ``position`` and the word of ``anchor`` (before the word
    when ``step`` is 1, after it when ``step`` is -1)."""
    lo, hi = offsets[anchor.start][0], offsets[anchor.stop - 1][1]
    while lo < hi and source[lo].isspace():
        lo += 1
    if step > 0:
        return any(position < q <= lo for q in codes)
    return any(hi <= q < position for q in codes)


def _present(words: Sequence[str], span: Span, k: int, used: set[int]) -> tuple[int, int] | None:
    """Where span ``k`` already stands in ``words``: its placeholder, or its rendering as whole words."""
    for i, word in enumerate(words):
        if f"⟦{k}⟧" in word:
            return i, i + 1
    target = _norm(span.target).split()
    if not target:
        return None
    for lo in range(0, len(words) - len(target) + 1):
        window = [_norm(w) for w in words[lo : lo + len(target)]]
        if window == target and not used.intersection(range(lo, lo + len(target))):
            return lo, lo + len(target)
    return None


def _inside(position: int, positions: Sequence[tuple[int, int]], spans: Sequence[Span]) -> int | None:
    """The non-code span whose source characters hold ``position``."""
    for j, (start, end) in enumerate(positions):
        if spans[j].kind != "tag" and start <= position < max(end, start + 1):
            return j
    return None


def _code_order(span: Span) -> float:
    """Where an inline code goes at its spot: against the word before (0, a closing code), as a word of its own
    (between 0 and 2, with the spans inserted there: after them when it belongs to the word before) or against
    the word after (2, an opening code)."""
    if span.apart:
        return 0.75 if span.glue == "prev" else 1.75
    return 0 if span.glue == "prev" else 2


def _left_out_order(k: int, spans: Sequence[Span]) -> float:
    """Where span ``k``, left out by the model and inserted, goes among the others inserted at the same spot: in
    source order, between the closing codes (0) and the opening ones (2) placed there."""
    return 1 + 0.5 * (k + 1) / (len(spans) + 1)


def place_spans(hyp: Words, spans: Sequence[Span], missing: Sequence[int], *, model_source: str,
                offsets: Sequence[tuple[int, int]], positions: Sequence[tuple[int, int]],
                isolated: dict[str, str]) -> str | None:
    """``hyp`` with a placeholder ``⟦k⟧`` where each missing span ``k`` belongs, or ``None`` if none was placed.

    ``positions`` are the spans' character offsets in ``model_source`` (what the model saw), ``offsets`` the
    model's source pieces in it, ``isolated`` the model's translation of each span's text on its own. Inline
    codes go last: one written against a term or a name goes against that span in the English.
    """
    words = list(hyp.words)
    blocked: set[int] = set()
    where_is: dict[int, tuple[int, int]] = {}
    replace: dict[int, tuple[int, int]] = {}  # k -> words lo..hi become ⟦k⟧
    insert: list[tuple[int, float, int]] = []  # (index, order, k): ⟦k⟧ goes before word `index`
    lost = set(missing)
    for k, span in enumerate(spans):
        if span.kind == "tag" or k in lost:
            continue
        found = _present(words, span, k, blocked)
        if found is not None:
            where_is[k] = found
            blocked.update(range(*found))
    for k in missing:
        span = spans[k]
        if span.kind == "tag":
            continue
        start, end = positions[k]
        size = len(span.target.split())
        where = _best_window(words, span.target, _FUZZY_NAME, blocked, exact_counts=True)
        alone = isolated.get(span.text, "")
        # The model's own word for the term, when it is one: a whole sentence back means it did not translate.
        if where is None and alone and len(alone.split()) <= len(span.text.split()) + 2:
            where = _best_window(words, alone, _FUZZY_TRANSLATION, blocked)
        pieces = _source_pieces(offsets, start, end)
        if where is None:
            where = _attended(hyp, pieces, size + 2, blocked)
        if where is None:
            spot = _insertion(hyp, pieces, blocked)
            if spot is not None:
                insert.append((spot, _left_out_order(k, spans), k))
                where_is[k] = (spot, spot)
            continue
        blocked.update(range(*where))
        replace[k] = where
        where_is[k] = where
    for k in missing:
        span = spans[k]
        if span.kind != "tag":
            continue
        start, _ = positions[k]
        anchor = _code_anchor(Span(start, start, "", "", "tag", glue=span.glue), offsets, model_source)
        # A code against a protected span goes against that span's place in the English.
        near = start - 1 if span.glue == "prev" else start
        while span.glue != "prev" and near < len(model_source) and model_source[near].isspace():
            near += 1
        while span.glue == "prev" and near > 0 and model_source[near].isspace():
            near -= 1
        j = _inside(near, positions, spans)
        if j is not None and j in where_is:
            lo, hi = where_is[j]
            if lo == hi:  # around a span inserted there (and not around another one inserted at the same spot)
                own, step = _left_out_order(j, spans), 0.25 / (len(spans) + 1)
                insert.append((hi, own + step, k) if span.glue == "prev" else (lo, own - step, k))
            else:
                insert.append((hi, _code_order(span), k) if span.glue == "prev" else (lo, _code_order(span), k))
            continue
        spot = _code_place(hyp, span, anchor)
        # No word attends to that source word: try the next ones inside the marked text, which ends at the
        # next code (a closing code placed by a word before its opening one would mark nothing).
        others = [positions[j][0] for j, other in enumerate(spans) if other.kind == "tag" and j != k]
        step = -1 if span.glue == "prev" else 1
        tries = 0
        while spot is None and anchor and tries < 3:
            tries += 1
            edge = anchor.start - 1 if step < 0 else anchor.stop
            if not 0 <= edge < len(offsets):
                break
            a, b = offsets[edge]
            anchor = _code_anchor(Span(b if step < 0 else a, 0, "", "", "tag", glue=span.glue), offsets,
                                  model_source)
            if not anchor or _crosses(others, start, anchor, offsets, model_source, step):
                break
            spot = _code_place(hyp, span, anchor)
        if spot is not None:
            insert.append((spot, _code_order(span), k))
    if not replace and not insert:
        return None
    starts = {lo: (hi, k) for k, (lo, hi) in replace.items()}
    out: list[str] = []
    i = 0
    while i <= len(words):
        here = sorted(x for x in insert if x[0] == i)
        # Closing codes go against the word before (inside its trailing punctuation: "*good*."), spans the
        # model left out stand on their own, opening codes go against this word.
        closing = "".join(f"⟦{k}⟧" for _, order, k in here if order == 0)
        if closing and out:
            edge = _EDGE.match(out[-1])
            out[-1] = f"{edge.group(1)}{edge.group(2)}{closing}{edge.group(3)}" if edge else out[-1] + closing
        elif closing:
            out.append(closing)
        left_out = [f"⟦{k}⟧" for _, order, k in here if 0 < order < 2]
        if i == len(words) and left_out and out:
            # After the last word: inside the sentence's final punctuation ("on Friday ⟦0⟧.", not "Friday. ⟦0⟧").
            edge = _EDGE.match(out[-1])
            if edge and edge.group(2) and regex.search(r"[.!?]", edge.group(3)):
                out[-1] = edge.group(1) + edge.group(2)
                left_out[-1] += edge.group(3)
        out.extend(left_out)
        opening = "".join(f"⟦{k}⟧" for _, order, k in here if order == 2)
        if i == len(words):
            if opening:
                out.append(opening)
            break
        if i in starts:
            hi, k = starts[i]
            head, tail = _EDGE.match(words[i]), _EDGE.match(words[hi - 1])
            lead, trail = head.group(1) if head else "", tail.group(3) if tail else ""
            # The span's own edge marks are in its rendering (#reisen, "(dpa)"): not written twice.
            edges = _EDGE.match(spans[k].target)
            if edges and edges.group(1) and lead.endswith(edges.group(1)):
                lead = lead[: -len(edges.group(1))]
            if edges and edges.group(3) and trail.startswith(edges.group(3)):
                trail = trail[len(edges.group(3)) :]
            word = f"{lead}⟦{k}⟧{trail}"
            i = hi
        else:
            word = words[i]
            i += 1
        if opening:
            edge = _EDGE.match(word)
            word = f"{edge.group(1)}{opening}{edge.group(2)}{edge.group(3)}" if edge else opening + word
        out.append(word)
    return " ".join(out)
