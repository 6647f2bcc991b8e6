"""XML text must not hold most C0 control characters; model output occasionally does."""

from __future__ import annotations

import re

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _INVALID.sub("\ufffd", text)
