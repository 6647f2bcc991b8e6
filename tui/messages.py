"""Messages the review desk's workers and widgets post: small dataclasses, named in the past tense."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from glossator.translate.result import SegmentResult


@dataclass
class TranslationProgressed(Message):
    """A translation worker finished a chunk: ``results`` carry project indexes; ``done`` of ``total``."""

    generation: int
    results: list[SegmentResult] = field(default_factory=list)
    done: int = 0
    total: int = 0


@dataclass
class TranslationFinished(Message):
    """A translation worker translated everything it was given."""

    generation: int
    total: int = 0


@dataclass
class TranslationFailed(Message):
    """A translation worker stopped on an error; ``error`` is a sentence for the user."""

    generation: int
    error: str = ""
