"""Progress of a batch on stderr: a one-line bar on a terminal, plain log lines otherwise, or nothing.

No textual: the bar is a carriage-return line redrawn at most ten times a second.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:  # pragma: no cover
    from glossator.translate.outcome import BatchSummary, FileOutcome


class BatchProgress(Protocol):
    """What the batch runner reports. ``nbytes`` is input size, the unit of the time-left estimate."""

    def start(self, files: int, total_bytes: int) -> None: ...

    def advance(self, segments: int, nbytes: float) -> None: ...

    def file_finished(self, outcome: FileOutcome, nbytes: float) -> None: ...

    def finish(self, summary: BatchSummary) -> None: ...


class NullProgress:
    """Reports nothing (``--quiet``, library use)."""

    def start(self, files: int, total_bytes: int) -> None:
        pass

    def advance(self, segments: int, nbytes: float) -> None:
        pass

    def file_finished(self, outcome: FileOutcome, nbytes: float) -> None:
        pass

    def finish(self, summary: BatchSummary) -> None:
        pass


class _Counting(NullProgress):
    def __init__(self, stream: TextIO, clock=time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.files = self.files_finished = self.segments = 0
        self.total_bytes = 0
        self.bytes_done = 0.0
        self.started = clock()

    def start(self, files: int, total_bytes: int) -> None:
        self.files, self.total_bytes, self.started = files, total_bytes, self.clock()

    def advance(self, segments: int, nbytes: float) -> None:
        self.segments += segments
        self.bytes_done += nbytes

    def file_finished(self, outcome: FileOutcome, nbytes: float) -> None:
        self.files_finished += 1
        self.bytes_done += nbytes

    def rate(self) -> float:
        elapsed = self.clock() - self.started
        return self.segments / elapsed if elapsed > 0 else 0.0

    def time_left(self) -> float | None:
        elapsed = self.clock() - self.started
        if self.bytes_done <= 0 or elapsed <= 0:
            return None
        return max(0.0, elapsed * (self.total_bytes - self.bytes_done) / self.bytes_done)


def _outcome_line(outcome: FileOutcome) -> str:
    """One line about a file; its name and message come from the input tree, so they are made inert."""
    from glossator.translate.terminal import inert

    return inert(_describe(outcome), newlines=False)


def _describe(outcome: FileOutcome) -> str:
    if outcome.status == "done":
        extra = []
        if outcome.memory_hits:
            extra.append(f"{outcome.memory_hits} from memory")
        if outcome.resumed:
            extra.append(f"{outcome.resumed} resumed")
        if outcome.problems:
            extra.append(f"{outcome.problems} term problems")
        if outcome.repairs:
            extra.append(f"{outcome.repairs} inline codes moved")
        detail = f"{outcome.segments} segments" + (", " + ", ".join(extra) if extra else "")
        return f"done     {outcome.rel} ({detail})" + (f": {outcome.message}" if outcome.repairs else "")
    return f"{outcome.status:<8} {outcome.rel}: {outcome.message}"


class LogProgress(_Counting):
    """One line per finished file, for logs and pipes."""

    def file_finished(self, outcome: FileOutcome, nbytes: float) -> None:
        super().file_finished(outcome, nbytes)
        print(f"[{self.files_finished}/{self.files}] {_outcome_line(outcome)}", file=self.stream, flush=True)


class BarProgress(_Counting):
    """A bar redrawn in place: files, segments, throughput and time left; skips and failures above it."""

    def __init__(self, stream: TextIO, clock=time.monotonic, width: int = 24) -> None:
        super().__init__(stream, clock)
        self.width = width
        self._drawn = 0.0

    def advance(self, segments: int, nbytes: float) -> None:
        super().advance(segments, nbytes)
        self._draw()

    def file_finished(self, outcome: FileOutcome, nbytes: float) -> None:
        super().file_finished(outcome, nbytes)
        if outcome.status != "done" or outcome.repairs:  # a moved inline code is worth a line too
            self.stream.write("\r\x1b[K" + _outcome_line(outcome) + "\n")
            self._draw(force=True)
        else:
            self._draw()

    def _draw(self, force: bool = False) -> None:
        now = self.clock()
        if not force and now - self._drawn < 0.1:
            return
        self._drawn = now
        frac = min(1.0, self.bytes_done / self.total_bytes) if self.total_bytes else 0.0
        filled = int(frac * self.width)
        left = self.time_left()
        eta = format_seconds(left) + " left" if left is not None else "estimating"
        self.stream.write(
            f"\r\x1b[K[{'#' * filled}{'-' * (self.width - filled)}] {self.files_finished}/{self.files} files"
            f" · {self.segments} segments · {self.rate():.1f} seg/s · {eta}"
        )
        self.stream.flush()

    def finish(self, summary: BatchSummary) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()


def make_progress(stream: TextIO | None = None, *, quiet: bool = False) -> BatchProgress:
    """The right reporter for ``stream`` (stderr by default): bar on a terminal, log lines otherwise."""
    stream = stream or sys.stderr
    if quiet:
        return NullProgress()
    isatty = getattr(stream, "isatty", None)
    return BarProgress(stream) if isatty and isatty() else LogProgress(stream)


def format_seconds(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m {seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


def describe_summary(summary: BatchSummary) -> str:
    """The closing line(s) of a batch, for people."""
    files = f"{summary.done} files done, {summary.skipped} skipped, {summary.failed} failed"
    segs = f"{summary.segments} segments ({summary.translated} translated"
    if summary.memory_hits:
        segs += f", {summary.memory_hits} from memory"
    if summary.resumed:
        segs += f", {summary.resumed} resumed"
    segs += ")"
    return f"{files}; {segs}; {summary.problems} term problems; {format_seconds(summary.seconds)}."
