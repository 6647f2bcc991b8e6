"""The translation engine: an interface, and the real one running an Argos package offline.

:class:`ArgosEngine` reads an Argos Translate package directory (``metadata.json``, a CTranslate2 ``model/`` and
``sentencepiece.model``) and translates with ``ctranslate2.Translator`` and SentencePiece directly: no sentence
splitter downloads (MiniSBD, stanza, spaCy) and no network. All segments of a call go to one ``translate_batch``
sorted by length in token-sized batches; results come back in input order.

ctranslate2 and sentencepiece are imported inside the functions that need them so importing this module (and
``glossator --help``) stays instant.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from glossator.translate.errors import TranslateError

if TYPE_CHECKING:  # pragma: no cover
    import ctranslate2
    import sentencepiece

DEFAULT_BEAM_SIZE = 4
"""Beam size, as argostranslate's default, so quality matches the package's own tool."""
DEFAULT_INTER_THREADS = 1
"""Parallel batches; 1 because one document at a time is the common case and intra-op threads scale better."""
DEFAULT_MAX_BATCH_TOKENS = 1024
"""Source tokens per batch (``batch_type="tokens"``)."""
MAX_DECODING_LENGTH = 256
"""Target tokens per sentence (CTranslate2's and argostranslate's default): room for the longest sentence
segmentation lets through (600 characters), and a stop for a model stuck in a loop. A constant, so a sentence's
translation never depends on its batch."""


SHORT_SOURCE_WORDS = 3
"""Sources of at most this many words (single words, two-word phrases, headings: what markup hands the engine)
decode with the short-input guards of :func:`decoding_limit` and :func:`_decoding_options`."""


MAX_SOURCE_TOKENS = 256
"""Source tokens the model gets at once. Segmentation cuts sentences at 600 characters, but characters do not
bound tokens: a CJK quote, a run of combining marks or emoji sequences can take several tokens a character, and a
model has position encodings for 512 positions only (CTranslate2 fails the whole batch beyond). A longer sentence
is translated in pieces of at most this many tokens, cut at word starts, and the pieces' translations joined
(:attr:`ArgosEngine.split_segments` counts them, so commands can say so). It matches :data:`MAX_DECODING_LENGTH`:
a piece's translation still fits the decoding limit."""


def split_tokens(tokens: Sequence[str], limit: int = MAX_SOURCE_TOKENS) -> list[list[str]]:
    """``tokens`` in runs of at most ``limit``; each cut falls on a word start (a piece beginning with ``▁``) in
    the second half of a run when there is one, else exactly at ``limit``. One run when ``tokens`` fits."""
    if limit < 2:
        raise ValueError("limit must be at least 2")
    tokens = list(tokens)
    runs: list[list[str]] = []
    start = 0
    while len(tokens) - start > limit:
        end = start + limit
        cut = next((j for j in range(end, start + limit // 2, -1) if tokens[j].startswith("\u2581")), end)
        runs.append(tokens[start:cut])
        start = cut
    runs.append(tokens[start:])
    return runs


@dataclass
class _Joined:
    """The translations of a long sentence's pieces, joined to look like one CTranslate2 result."""

    hypotheses: list[list[str]]
    scores: list[float]
    attention: list[list[list[float]]]


def _join(pieces: Sequence[Sequence[str]], outputs: Sequence[Any], prefix: str, attention: bool) -> _Joined:
    """One result from the results of consecutive source ``pieces``: hypothesis ``h`` is every piece's ``h``-th
    (or its last) hypothesis in order; scores add up; attention rows are widened to the whole source."""
    count = max(len(out.hypotheses) for out in outputs)
    total = sum(len(p) for p in pieces)
    hypotheses: list[list[str]] = []
    scores: list[float] = []
    matrices: list[list[list[float]]] = []
    for h in range(count):
        tokens: list[str] = []
        score = 0.0
        offset = 0
        rows: list[list[float]] = []
        for k, (piece, out) in enumerate(zip(pieces, outputs)):
            pick = min(h, len(out.hypotheses) - 1)
            hyp = list(out.hypotheses[pick])
            att = [list(r) for r in out.attention[pick]] if attention and out.attention else []
            if k and prefix and hyp and hyp[0] == prefix:
                hyp, att = hyp[1:], att[1:]
            tokens += hyp
            score += out.scores[pick] if out.scores else 0.0
            if attention:
                rows += [[0.0] * offset + r[: len(piece)] + [0.0] * (total - offset - min(len(r), len(piece)))
                         for r in att]
            offset += len(piece)
        hypotheses.append(tokens)
        scores.append(score)
        matrices.append(rows)
    # Every hypothesis keeps its own attention: enforcement repairs any of them.
    return _Joined(hypotheses, scores, matrices if attention else [])


def decoding_limit(source_tokens: int, source_words: int | None = None) -> int:
    """Target tokens a sentence of ``source_tokens`` may take: twice its length plus room, in steps of 32.

    A small model caught in a loop otherwise decodes to :data:`MAX_DECODING_LENGTH` for every sentence. The limit
    depends only on the sentence itself, so its translation still never depends on its batch.

    A short source (``source_words`` at most :data:`SHORT_SOURCE_WORDS`) gets three target tokens per word, or
    as many as its own tokens where it has more (a compound, a name spelt in many pieces, which must still fit
    when copied): a small model that cannot find the end of a fragment otherwise strings repeats and synonyms
    together ("teilte" → "told told told announced…"), and a fragment's translation is rarely longer than three
    times its words.
    """
    limit = min(MAX_DECODING_LENGTH, 32 * -(-(2 * source_tokens + 16) // 32))
    if source_words is not None and 0 < source_words <= SHORT_SOURCE_WORDS:
        return min(limit, max(3 * source_words, source_tokens))
    return limit


def source_words(pieces: Sequence[str]) -> int:
    """Words of a SentencePiece-encoded source: pieces that start one (``▁``)."""
    return sum(1 for piece in pieces if piece.startswith("▁"))


DEFAULT_LENGTH_PENALTY = 0.2
"""argostranslate's length penalty, kept so both give the same output with the same beam (a package may ask for
another in its metadata: :class:`PackageInfo`)."""


def default_threads() -> int:
    """Intra-op threads: one per CPU core available to this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@runtime_checkable
class Engine(Protocol):
    """What every translation engine offers (the real one, the fake one)."""

    model_id: str

    def translate(self, segments: Sequence[str]) -> list[str]:
        """One translation per segment, in order."""
        ...

    def translate_nbest(self, segments: Sequence[str], n: int) -> list[list[str]]:
        """Up to ``n`` alternative translations per segment, best first."""
        ...


@dataclass(frozen=True)
class TokenTranslation:
    """A best translation with its SentencePiece tokens and, when asked for, the attention matrix.

    ``attention[i][j]`` is the weight target token ``i`` gave to source token ``j`` (empty when not returned).
    """

    source_tokens: list[str]
    target_tokens: list[str]
    text: str
    score: float | None
    attention: list[list[float]]


@runtime_checkable
class TokenEngine(Engine, Protocol):
    """An engine that also gives its pieces and attention (:class:`ArgosEngine`): enforcement takes the n best
    hypotheses of one beam search from it and puts lost spans back where the attention says; an engine without
    these methods gets the text-only repair."""

    def translate_tokens(self, segments: Sequence[str], *, attention: bool = True) -> list[TokenTranslation]:
        """The best translation of each segment with its tokens (and attention when asked for)."""
        ...

    def search(self, segments: Sequence[str], *, num_hypotheses: int = 1, attention: bool = True,
               prefixes: Sequence[Sequence[str] | None] | None = None) -> list[list[TokenTranslation]]:
        """The n best translations of each segment with pieces and attention, from one beam search."""
        ...

    def piece_offsets(self, text: str) -> list[tuple[int, int]]:
        """The character span of each source piece of ``text``."""
        ...

    def decode(self, pieces: Sequence[str]) -> str:
        """The text of target pieces."""
        ...


@dataclass(frozen=True)
class PackageInfo:
    """The parts of an Argos ``metadata.json`` the engine needs."""

    path: Path
    from_code: str
    to_code: str
    package_version: str
    name: str
    target_prefix: str
    decoding: dict[str, float] = field(default_factory=dict)
    """Decoding options the package asks for (``metadata.json`` → ``glossator.decoding``): only
    ``no_repeat_ngram_size`` and ``repetition_penalty``, which keep a small model out of loops, and
    ``length_penalty`` (default :data:`DEFAULT_LENGTH_PENALTY`), chosen on held-out sentences by
    ``training/tune.py``."""

    @classmethod
    def read(cls, package_dir: str | os.PathLike[str]) -> PackageInfo:
        path = Path(package_dir)
        meta_path = path / "metadata.json"
        if not meta_path.is_file():
            raise TranslateError(f"{path} is not an Argos model package: metadata.json is missing.")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise TranslateError(f"Cannot read {meta_path}: {exc}.") from exc
        if not isinstance(meta, dict):
            raise TranslateError(f"{meta_path} does not hold a JSON object.")
        for required in ("model/model.bin", "sentencepiece.model"):
            if not (path / required).is_file():
                raise TranslateError(f"{path} is not a usable Argos model package: {required} is missing.")
        return cls(
            path=path,
            from_code=str(meta.get("from_code", "")),
            to_code=str(meta.get("to_code", "")),
            package_version=str(meta.get("package_version", "")),
            name=str(meta.get("name") or f"{meta.get('from_name', '?')} → {meta.get('to_name', '?')}"),
            target_prefix=str(meta.get("target_prefix", "") or ""),
            decoding=_decoding_options(meta),
        )


_DECODING_OPTIONS = {"no_repeat_ngram_size": int, "repetition_penalty": float, "length_penalty": float}


def _decoding_options(meta: dict) -> dict[str, float]:
    """The package's own decoding options, type-checked; anything else in the metadata is ignored."""
    own = meta.get("glossator")
    wanted = own.get("decoding") if isinstance(own, dict) else None
    if not isinstance(wanted, dict):
        return {}
    options: dict[str, float] = {}
    for key, kind in _DECODING_OPTIONS.items():
        value = wanted.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            options[key] = kind(value)
    return options


def short_source_options(options: dict[str, float]) -> dict[str, float]:
    """Decoding options for a source of at most :data:`SHORT_SOURCE_WORDS` words: the package's, with
    ``no_repeat_ngram_size`` 1 so that no target piece comes twice. A fragment's translation seldom repeats a
    word, and a looping one always does."""
    return {**options, "no_repeat_ngram_size": 1}


# One Translator and one SentencePiece processor per package (and thread settings), shared by every engine:
# loading a model costs far more than translating a sentence.
_TRANSLATORS: dict[tuple[str, str, int, int, str], Any] = {}
_PROCESSORS: dict[str, Any] = {}
_LOAD_LOCK = threading.Lock()


def _translator(model_dir: Path, device: str, inter_threads: int, intra_threads: int, compute_type: str):
    key = (str(model_dir.resolve()), device, inter_threads, intra_threads, compute_type)
    with _LOAD_LOCK:
        translator = _TRANSLATORS.get(key)
        if translator is None:
            import ctranslate2

            try:
                translator = ctranslate2.Translator(
                    str(model_dir),
                    device=device,
                    compute_type=compute_type,
                    inter_threads=inter_threads,
                    intra_threads=intra_threads,
                )
            except (RuntimeError, ValueError, OSError) as exc:
                raise TranslateError(f"Cannot load the model in {model_dir}: {exc}") from exc
            _TRANSLATORS[key] = translator
        return translator


def _processor(model_file: Path):
    key = str(model_file.resolve())
    with _LOAD_LOCK:
        processor = _PROCESSORS.get(key)
        if processor is None:
            import sentencepiece

            try:
                processor = sentencepiece.SentencePieceProcessor(model_file=str(model_file))
            except (RuntimeError, OSError) as exc:
                raise TranslateError(f"Cannot load {model_file}: {exc}") from exc
            _PROCESSORS[key] = processor
        return processor


class ArgosEngine:
    """Translate with an Argos package through CTranslate2 and SentencePiece, fully offline.

    Args:
        package_dir: the package directory (holding ``metadata.json``, ``model/``, ``sentencepiece.model``).
        beam_size: beam width (default :data:`DEFAULT_BEAM_SIZE`; 1 is greedy and fastest).
        threads: intra-op CPU threads (default: every core, :func:`default_threads`).
        inter_threads: batches decoded in parallel (default :data:`DEFAULT_INTER_THREADS`).
        max_batch_tokens: source tokens per batch (default :data:`DEFAULT_MAX_BATCH_TOKENS`).
        device: ``"cpu"`` (default), ``"cuda"`` or ``"auto"``.
        compute_type: CTranslate2 compute type (default ``"default"``: what the model was converted with).
    """

    def __init__(
        self,
        package_dir: str | os.PathLike[str],
        *,
        beam_size: int = DEFAULT_BEAM_SIZE,
        threads: int | None = None,
        inter_threads: int = DEFAULT_INTER_THREADS,
        max_batch_tokens: int = DEFAULT_MAX_BATCH_TOKENS,
        device: str = "cpu",
        compute_type: str = "default",
    ) -> None:
        if beam_size < 1:
            raise TranslateError("The beam size must be at least 1.")
        if threads is not None and threads < 1:
            raise TranslateError("The number of threads must be at least 1.")
        self.info = PackageInfo.read(package_dir)
        self.package_dir = self.info.path
        self.beam_size = beam_size
        self.threads = threads or default_threads()
        self.inter_threads = inter_threads
        self.max_batch_tokens = max_batch_tokens
        self.device = device
        self.compute_type = compute_type
        self.model_id = self._model_id()
        self.split_segments = 0
        """Segments so far longer than :data:`MAX_SOURCE_TOKENS`, translated in pieces."""

    def _model_id(self) -> str:
        # The package version alone would not tell a retrained bundled model from the last one: memory entries
        # keyed on model_id must not outlive the weights that produced them.
        digest = hashlib.sha256()
        model_bin = self.package_dir / "model" / "model.bin"
        stat = model_bin.stat()
        digest.update(f"{stat.st_size}".encode())
        with model_bin.open("rb") as fh:
            digest.update(fh.read(1 << 16))
        info = self.info
        # The same weights decoded otherwise (the package's decoding options) translate otherwise too.
        digest.update(json.dumps(info.decoding, sort_keys=True).encode())
        return f"argos:{info.from_code}-{info.to_code}:{info.package_version}:{digest.hexdigest()[:12]}"

    def __repr__(self) -> str:
        return f"ArgosEngine({str(self.package_dir)!r}, beam_size={self.beam_size}, threads={self.threads})"

    # -- loaded parts -------------------------------------------------------------------------------------------

    @property
    def translator(self) -> ctranslate2.Translator:
        """The shared ``ctranslate2.Translator`` (loaded on first use)."""
        return _translator(
            self.package_dir / "model", self.device, self.inter_threads, self.threads, self.compute_type
        )

    @property
    def sp(self) -> sentencepiece.SentencePieceProcessor:
        """The package's SentencePiece processor (loaded on first use, then kept: it is asked for per word)."""
        processor = self.__dict__.get("_sp")
        if processor is None:
            processor = self.__dict__["_sp"] = _processor(self.package_dir / "sentencepiece.model")
        return processor

    def encode(self, text: str) -> list[str]:
        """SentencePiece pieces of ``text``."""
        return self.sp.encode(text, out_type=str)

    def decode(self, pieces: Sequence[str]) -> str:
        """Text of SentencePiece ``pieces``: ``▁`` becomes a space, a literal ``_`` stays ``_``."""
        pieces = list(pieces)
        prefix = self.info.target_prefix
        if prefix and pieces and pieces[0] == prefix:
            pieces = pieces[1:]
        # Pieces outside the vocabulary (copied from the source by replace_unknowns) keep their "▁" through
        # sp.decode; it still marks a word start there.
        return self.sp.decode(pieces).replace("▁", " ").strip()

    # -- translation --------------------------------------------------------------------------------------------

    def _run(self, segments: Sequence[str], *, beam_size: int, num_hypotheses: int, attention: bool,
             prefixes: Sequence[Sequence[str] | None] | None = None):
        """Translate all non-empty segments in one ``translate_batch``; ``None`` for empty ones.

        ``prefixes`` forces the first target pieces of a segment (the model continues after them).
        """
        # One call encodes every segment (the loop runs in C++).
        encoded = self.sp.encode([s if s.strip() else "" for s in segments], out_type=str) if segments else []
        tokens = [t if s.strip() else [] for s, t in zip(segments, encoded)]
        todo = [i for i, t in enumerate(tokens) if t]
        results: list[Any] = [None] * len(segments)
        if not todo:
            return tokens, results
        # Sentences beyond the model's positions go in pieces; `units` are (segment, piece) pairs.
        pieces = {i: split_tokens(tokens[i]) for i in todo}
        units = [(i, k) for i in todo for k in range(len(pieces[i]))]
        self.split_segments += sum(len(p) > 1 for p in pieces.values())
        # Sorting by length puts sentences of similar length together, so batches carry little padding.
        units.sort(key=lambda u: len(pieces[u[0]][u[1]]))
        # Sentences sharing a decoding limit go to one call; sorted by length, each group is one run of `units`.
        groups: dict[tuple[int, bool], list[tuple[int, int]]] = {}
        for unit in units:
            piece = pieces[unit[0]][unit[1]]
            words = source_words(piece)
            groups.setdefault((decoding_limit(len(piece), words), words <= SHORT_SOURCE_WORDS), []).append(unit)
        done: dict[tuple[int, int], Any] = {}
        for (limit, short), group in groups.items():
            batch = [pieces[i][k] for i, k in group]
            lead = [self.info.target_prefix] if self.info.target_prefix else []
            target_prefix: list[list[str]] | None = None
            if prefixes is not None:  # a forced prefix starts the sentence: its first piece
                target_prefix = [lead + (list(prefixes[i] or []) if k == 0 else []) for i, k in group]
                limit = max(limit, max(len(p) for p in target_prefix) + 16)
            elif lead:
                target_prefix = [lead] * len(batch)
            outputs = self.translator.translate_batch(
                batch,
                target_prefix=target_prefix,
                max_batch_size=self.max_batch_tokens,
                batch_type="tokens",
                beam_size=max(beam_size, num_hypotheses),
                num_hypotheses=num_hypotheses,
                replace_unknowns=True,
                return_scores=True,
                return_attention=attention,
                max_decoding_length=limit,
                **{"length_penalty": DEFAULT_LENGTH_PENALTY,
                   **(short_source_options(self.info.decoding) if short else self.info.decoding)},
            )
            for unit, out in zip(group, outputs):
                done[unit] = out
        for i in todo:
            if len(pieces[i]) == 1:
                results[i] = done[(i, 0)]
            else:
                outs = [done[(i, k)] for k in range(len(pieces[i]))]
                results[i] = _join(pieces[i], outs, self.info.target_prefix, attention)
        return tokens, results

    def translate(self, segments: Sequence[str]) -> list[str]:
        """The best translation of every segment, in order (an empty segment gives an empty string)."""
        _, results = self._run(segments, beam_size=self.beam_size, num_hypotheses=1, attention=False)
        return [self.decode(r.hypotheses[0]) if r is not None else "" for r in results]

    def translate_nbest(self, segments: Sequence[str], n: int) -> list[list[str]]:
        """Up to ``n`` distinct translations per segment, best first (beam at least ``n``)."""
        if n < 1:
            raise TranslateError("n must be at least 1.")
        _, results = self._run(segments, beam_size=self.beam_size, num_hypotheses=n, attention=False)
        out: list[list[str]] = []
        for r in results:
            if r is None:
                out.append([""])
                continue
            seen: list[str] = []
            for hyp in r.hypotheses:
                text = self.decode(hyp)
                if text not in seen:
                    seen.append(text)
            out.append(seen)
        return out

    def translate_tokens(self, segments: Sequence[str], *, attention: bool = True) -> list[TokenTranslation]:
        """Best translations with source/target pieces and attention (for aligning protected spans)."""
        return [hyps[0] for hyps in self.search(segments, num_hypotheses=1, attention=attention)]

    def search(self, segments: Sequence[str], *, num_hypotheses: int = 1, attention: bool = True,
               prefixes: Sequence[Sequence[str] | None] | None = None) -> list[list[TokenTranslation]]:
        """The n best translations of every segment with their pieces and attention, from ONE beam search.

        ``num_hypotheses`` up to the beam size costs no extra search. ``prefixes`` (target pieces, per segment)
        are forced at the start of the translation and the model continues after them.
        """
        n = max(1, num_hypotheses)
        tokens, results = self._run(segments, beam_size=max(self.beam_size, n), num_hypotheses=n,
                                    attention=attention, prefixes=prefixes)
        out: list[list[TokenTranslation]] = []
        for src, r in zip(tokens, results):
            if r is None:
                out.append([TokenTranslation(src, [], "", None, [])])
                continue
            hyps: list[TokenTranslation] = []
            for k, pieces in enumerate(r.hypotheses):
                hyp = list(pieces)
                att = [list(row) for row in r.attention[k]] if attention and k < len(r.attention) else []
                if self.info.target_prefix and hyp and hyp[0] == self.info.target_prefix:
                    hyp, att = hyp[1:], att[1:]
                score = r.scores[k] if r.scores else None
                hyps.append(TokenTranslation(src, hyp, self.decode(hyp), score, att))
            out.append(hyps)
        return out

    def piece_offsets(self, text: str) -> list[tuple[int, int]]:
        """The character span in ``text`` of each source piece the model sees (same order as its attention)."""
        proto = self.sp.encode(text, return_type="proto")
        data = text.encode("utf-8")
        # SentencePiece reports byte offsets; map them to characters.
        char_at = [0] * (len(data) + 1)
        pos = 0
        for i, ch in enumerate(text):
            width = len(ch.encode("utf-8"))
            for b in range(width):
                char_at[pos + b] = i
            pos += width
        char_at[len(data)] = len(text)
        return [(char_at[p.begin], char_at[p.end] if p.end < len(data) else len(text)) for p in proto.pieces]


if TYPE_CHECKING:  # mypy (tests/unit/test_static.py) checks that the real engine matches its callers' Protocol
    _ARGOS_ENGINE: type[TokenEngine] = ArgosEngine
