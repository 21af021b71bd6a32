"""Counts and phrasing: core/wording.py, one helper for plurals and for who said a quote (the app and
the CLI both use it; tui/display.py re-exports it)."""
from __future__ import annotations

import pytest

from sahel_tui.tui.display import count_text, speaker_parts, speaker_phrase


@pytest.mark.parametrize(("n", "noun", "expected"), [
    (0, "article", "0 articles"), (1, "article", "1 article"), (2, "article", "2 articles"),
    (1, "actor mention", "1 actor mention"), (3, "actor mention", "3 actor mentions"),
    (1, "entry", "1 entry"), (2, "entry", "2 entries"), (2, "day", "2 days"), (2, "match", "2 matches"),
    (12000, "event", "12,000 events"),
])
def test_count_text(n: int, noun: str, expected: str) -> None:
    assert count_text(n, noun) == expected


def test_count_text_takes_an_irregular_plural() -> None:
    assert count_text(2, "person", "people") == "2 people" and count_text(1, "person", "people") == "1 person"


@pytest.mark.parametrize(("speaker", "role", "expected"), [
    ("Awa Traoré", "a community development expert", "Awa Traoré, a community development expert"),
    ("a senior US official", "a senior US official", "a senior US official"),  # never said twice
    ("transitional authorities", "the transitional authorities", "the transitional authorities"),
    ("the army spokesman", "army spokesman", "the army spokesman"),
    ("Colonel Issa Koné", "Colonel Issa Koné, the army spokesman", "Colonel Issa Koné, the army spokesman"),
    ("Issa Koné", "", "Issa Koné"), (None, "a resident", "a resident"), ("  Issa   Koné ", None, "Issa Koné"),
])
def test_speaker_phrase(speaker: str | None, role: str | None, expected: str) -> None:
    assert speaker_phrase(speaker, role) == expected


def test_speaker_parts_keep_name_and_role_apart_for_styling() -> None:
    assert speaker_parts("Awa Traoré", "a teacher") == ("Awa Traoré", "a teacher")
    assert speaker_parts(None, None) == ("", "")


def test_rows_use_the_phrasing() -> None:
    """The reported wording bugs, as the lists draw them."""
    from datetime import date

    from sahel_tui.core.models import HitDetail, SearchHit
    from sahel_tui.tui.widgets.rows import search_row, speaker_text

    assert speaker_text("transitional authorities", "the transitional authorities").plain == \
        "the transitional authorities"
    hit = SearchHit(kind="quote", article_id="a1", title="T", score=1.0, published=date(2024, 1, 2), source="S",
                    path="", ref="q1", snippet="", extra=HitDetail(speaker="Awa Traoré a community development expert",
                                                              speaker_name="Awa Traoré",
                                                              speaker_role="a community development expert"))
    assert "said by Awa Traoré, a community development expert" in search_row(hit).plain
    same = SearchHit(kind="quote", article_id="a1", title="T", score=1.0, published=None, source="S", path="",
                     ref="q2", snippet="", extra=HitDetail(speaker="a senior US official a senior US official",
                                                      speaker_name="a senior US official",
                                                      speaker_role="a senior US official"))
    assert "said by a senior US official ·" in search_row(same).plain + " ·"
    assert "official a senior" not in search_row(same).plain
