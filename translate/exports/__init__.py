"""Bilingual exports of translated segments: XLIFF 2.1, TMX 1.4b, segment/term JSON, HTML report.

Every exporter takes the file's name and its :class:`~translate.result.SegmentResult` list (and, as keywords,
the document's inline ``codes`` and unit ``ids`` per segment) and returns bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from glossator.translate.result import SegmentResult

Exporter = Callable[..., bytes]

EXPORT_SUFFIXES: dict[str, str] = {"xliff": ".xlf", "tmx": ".tmx", "json": ".json", "report": ".report.html"}
"""Appended to a translated file's path to name its export (``news/a.md`` → ``news/a.md.xlf``)."""


def exporter(name: str) -> Exporter:
    """The export function for ``xliff``, ``tmx``, ``json`` or ``report``."""
    if name == "xliff":
        from glossator.translate.exports.xliff import to_xliff

        return to_xliff
    if name == "tmx":
        from glossator.translate.exports.tmx import to_tmx

        return to_tmx
    if name == "json":
        from glossator.translate.exports.json import to_json

        return to_json
    if name == "report":
        from glossator.translate.exports.report import to_report

        return to_report
    raise ValueError(f"unknown export {name!r}; choose one of {', '.join(EXPORT_SUFFIXES)}")
