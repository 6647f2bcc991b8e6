"""What became of a batch: one outcome per input file, and the totals (reported by ``translate.progress``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["done", "skipped", "failed"]


@dataclass
class FileOutcome:
    """What became of one input file."""

    rel: str
    status: Status
    message: str = ""
    segments: int = 0
    memory_hits: int = 0
    resumed: int = 0
    problems: int = 0
    repairs: int = 0  # inline codes the writer had to move or put back (``message`` says which first)


@dataclass
class BatchSummary:
    """The end of a batch: one outcome per input file, and totals."""

    files: list[FileOutcome] = field(default_factory=list)
    translated: int = 0
    seconds: float = 0.0
    error: str = ""
    """Why the batch stopped before its end (its progress could not be saved: a full disk …), or ""."""

    def count(self, status: Status) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def done(self) -> int:
        return self.count("done")

    @property
    def skipped(self) -> int:
        return self.count("skipped")

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def segments(self) -> int:
        return sum(f.segments for f in self.files if f.status == "done")

    @property
    def memory_hits(self) -> int:
        return sum(f.memory_hits for f in self.files if f.status == "done")

    @property
    def resumed(self) -> int:
        return sum(f.resumed for f in self.files if f.status == "done")

    @property
    def problems(self) -> int:
        return sum(f.problems for f in self.files if f.status == "done")

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.error
