"""Calendar and counting words, written once for dates, events, tolls and the dateline reader.

Month and weekday names come in English and French. English names are matched capitalised only
by the date grammar ("may" is a verb, "march" a noun); French ones are lowercase in running text.
Sources misspell month names ("Febuary", "Septmber"): the common misspellings are listed here so
they resolve, while the extracted text keeps the source's own spelling. Every English misspelling
starts with its month's three-letter abbreviation (the date finder looks for those first).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
MONTH_MISSPELLINGS: dict[str, int] = {
    "Janaury": 1, "Januray": 1, "Janurary": 1, "Febuary": 2, "Feburary": 2, "Febraury": 2, "Febrary": 2,
    "Aprill": 4, "Augst": 8, "Augusr": 8, "Septmber": 9, "Sepember": 9, "Septemeber": 9, "Septembre": 9,
    "Octber": 10, "Octobre": 10, "Novmber": 11, "Novemeber": 11, "Decmber": 12, "Decemeber": 12,
}
FRENCH_MONTHS: dict[str, int] = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FRENCH_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

#: Every month spelling, lowercased, to its number: "september", "sept", "febuary", "août".
MONTHS: dict[str, int] = {m.lower(): i for i, m in enumerate(MONTH_NAMES, 1)}
MONTHS.update({a.lower(): MONTHS[next(m for m in MONTHS if m.startswith(a.lower()))] for a in MONTH_ABBREVIATIONS})
MONTHS.update({m.lower(): i for m, i in MONTH_MISSPELLINGS.items() if m.lower() not in MONTHS})
MONTHS.update(FRENCH_MONTHS)
#: Every weekday name, lowercased, to its number (Monday = 0), English and French.
WEEKDAYS: dict[str, int] = {d.lower(): i for i, d in enumerate(WEEKDAY_NAMES)}
WEEKDAYS.update({d: i for i, d in enumerate(FRENCH_WEEKDAYS)})

#: Number words 0-19 and the tens, for casualty figures ("twenty-five").
UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
TENS: dict[str, int] = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                        "eighty": 80, "ninety": 90}
#: Counts of time units ("two days later", "a few weeks ago"); "a few" counts as three.
SMALL_COUNTS: dict[str, int] = {
    "a": 1, "an": 1, **{w: i for i, w in enumerate(UNITS) if 1 <= i <= 12}, "fifteen": 15, "twenty": 20,
    "thirty": 30, "a few": 3, "a couple of": 2, "several": 3}
#: Nouns after a number that make it a count, not a year: "2000 soldiers", "1500 km".
COUNT_NOUNS = ("people", "persons", "civilians", "soldiers", "troops", "fighters", "militants", "men", "women",
               "children", "members", "dead", "deaths", "killed", "injured", "wounded", "families", "households",
               "refugees", "residents", "villagers", "hostages", "km", "kilometres", "kilometers", "miles",
               "metres", "meters", "square", "tonnes", "tons", "dollars", "euros", "francs", "hectares", "head",
               "cattle", "vehicles", "votes")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so "Sept" is tried before "Sep")."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in items)


def month_number(name: str) -> int | None:
    """The month a name stands for, any case, with or without a final dot: "Sept." -> 9, "Août" -> 8."""
    return MONTHS.get(name.rstrip(".").lower())


def matches_at(rx: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern whose matches can only begin at ``starts`` (sorted).

    The extractors find cheap anchors first (a stem, a number) and try the full pattern only there;
    like finditer, a match that would start inside the previous one is not tried.
    """
    out: list[re.Match[str]] = []
    for start in starts:
        if start >= (out[-1].end() if out else 0):
            m = rx.match(text, start)
            if m:
                out.append(m)
    return out
