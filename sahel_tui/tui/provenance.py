"""How a corrected value is marked wherever it is shown: ✎ and what it was before."""
from __future__ import annotations

from typing import Any

from textual.content import Content

from ..core.corrections import current_user
from .display import plain, shorten


def correction_note(corrections: tuple[dict[str, Any], ...]) -> Content:
    """' ✎ corrected by you on DATE: was '…'' for a corrected record ('' when it is not)."""
    if not corrections:
        return Content("")
    last = corrections[-1]
    was = last.get("was")
    was_text = ", ".join(map(str, was)) if isinstance(was, list) else str(was if was is not None else "none")
    by = "you" if last.get("by") == current_user() else str(last.get("by") or "a colleague")
    return plain(f" ✎ corrected by {by} on {last.get('on')}: {last.get('field')} was ‘{shorten(was_text, 60)}’",
                 ".sahel--note")
