"""Which item of a page gives the cursor of the next page: its first or its last.

APIs page in both directions. Dify's ``last_id`` is the last item of the current page
(the next page follows it), while ``first_id`` of the message history is the first item
of the current page (the next page holds the older messages before it). Sending the
wrong one pages over the same items again. The answer comes from the target's
``cursor_from`` config for the operation, else from the cursor parameter's name, else
from its description (in the primary locale), else "last".
"""

from __future__ import annotations

import re

from generator.merge.model import Localized

FIRST, LAST = "first", "last"
CHOICES = (FIRST, LAST)

_FIRST_WORDS = ("first", "before", "prev", "previous", "older", "oldest", "start")
_LAST_WORDS = ("last", "after", "next", "newer", "end")
_WORD = re.compile(r"[a-z]+")


def _vote(words: list[str]) -> str | None:
    """FIRST or LAST when the words name only one of them, else None."""
    first = any(w in _FIRST_WORDS for w in words)
    last = any(w in _LAST_WORDS for w in words)
    if first != last:
        return FIRST if first else LAST
    return None


def cursor_from(
    wire: str, description: Localized[str], primary: str, override: str | None
) -> str:
    """FIRST or LAST: the item of the current page whose id is sent as ``wire``."""
    if override in CHOICES:
        return override
    by_name = _vote(_WORD.findall(wire.lower()))
    if by_name is not None:
        return by_name
    text = description.pick(primary, primary).value or ""
    # the sentence that says what the parameter is: "The ID of the first record ..."
    first_sentence = text.split(".")[0].lower()
    return _vote(_WORD.findall(first_sentence)) or LAST
