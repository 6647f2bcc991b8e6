"""The review desk's segment filters: which segments a reviewer wants to see (no Textual).

``unapproved``: not approved yet. ``problems``: a term problem, a QA warning (lost names, numbers, German left in
the English, capitals) or a glossary-change flag, the segments ``p`` goes to. ``flagged``: flagged by a glossary
change. ``edited``: English the reviewer wrote (edited, or approved after an edit).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from glossator.translate.project import ProjectSegment

FilterName = Literal["all", "unapproved", "problems", "flagged", "edited"]
FILTERS: tuple[FilterName, ...] = ("all", "unapproved", "problems", "flagged", "edited")
"""In the order the desk's ``f`` key cycles through them."""

_PREDICATES: dict[str, Callable[[ProjectSegment], bool]] = {
    "all": lambda s: True,
    "unapproved": lambda s: s.status != "approved",
    "problems": lambda s: s.status != "pending" and s.needs_attention,
    "flagged": lambda s: s.flagged,
    "edited": lambda s: s.status == "edited" or (s.status == "approved" and s.target != s.machine_target),
}


def matches(name: FilterName, segment: ProjectSegment) -> bool:
    """Whether ``segment`` belongs in the view filtered by ``name``."""
    return _PREDICATES[name](segment)


def next_filter(name: FilterName) -> FilterName:
    """The filter after ``name`` in :data:`FILTERS` (after the last: ``all`` again)."""
    return FILTERS[(FILTERS.index(name) + 1) % len(FILTERS)]
