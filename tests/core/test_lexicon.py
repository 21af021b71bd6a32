"""The shared calendar words and the anchored-regex helper."""
from __future__ import annotations

import re

import pytest

from sahel_tui.core.extract.lexicon.calendar import (
    MONTH_ABBREVIATIONS,
    MONTH_MISSPELLINGS,
    MONTHS,
    WEEKDAYS,
    alternation,
    matches_at,
    month_number,
)


def test_every_english_misspelling_starts_with_its_months_abbreviation():
    # the date finder looks for "Jan", "Feb", ... first; a misspelling outside that net is never seen
    for word, number in MONTH_MISSPELLINGS.items():
        assert any(word.startswith(a) and MONTHS[a.lower()] == number for a in MONTH_ABBREVIATIONS), word


@pytest.mark.parametrize("name,number", [("Sept.", 9), ("août", 8), ("AOUT", 8), ("Febuary", 2), ("décembre", 12),
                                         ("Mayday", None)])
def test_month_number(name, number):
    assert month_number(name) == number


def test_weekdays_in_both_languages():
    assert (WEEKDAYS["monday"], WEEKDAYS["lundi"], WEEKDAYS["dimanche"]) == (0, 0, 6)


def test_alternation_tries_longer_words_first():
    found = re.match(alternation(["Sep", "Sept"]), "Sept.")
    assert found is not None and found.group() == "Sept"


@pytest.mark.parametrize("text", ["raid raid", "a raid, then raids and a raid", "", "raidraid raid"])
def test_matches_at_equals_finditer_when_starts_hold_every_match_start(text):
    rx = re.compile(r"raids?(?:\s+raid)?")
    starts = [m.start() for m in re.finditer("raid", text)]
    assert [m.span() for m in matches_at(rx, text, starts)] == [m.span() for m in rx.finditer(text)]
