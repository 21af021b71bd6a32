"""A low-confidence attribution is marked where the quote is listed (issue 16, class 8)."""
from __future__ import annotations

from sahel_tui.core.models import Quote, QuoteHit
from sahel_tui.tui.widgets.rows import quote_row


def test_quote_row_marks_a_low_confidence_speaker() -> None:
    sure = Quote("The roads are cut.", 0, 18, "Awa Keita", None, confidence=0.9)
    guess = Quote("The roads are cut.", 0, 18, "Awa Keita", None, confidence=0.5)
    rows = [quote_row(QuoteHit(q, "a1", "Title")).plain for q in (sure, guess)]
    assert "Awa Keita (?)" not in rows[0] and "Awa Keita (?)" in rows[1]
