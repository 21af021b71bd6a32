"""Find date expressions in news copy and resolve them to calendar dates.

The timeline needs *when* with honest precision, so every expression keeps its offsets, its
wording (without a leading preposition: "June", not "In June") and how it was resolved.

| form | examples | precision | basis |
|---|---|---|---|
| full date, either order, optional weekday | "Monday August 28, 2023", "17 September, 2024" | day | explicit |
| day and month | "June 18", "18 June" | day | relative |
| weekday | "Wednesday", "last Tuesday" | day | relative |
| month and year | "March 2020", "mid-June 2022" | month | explicit |
| month | "June" (In June), "Last July", "July’s attacks" | month | relative |
| year, year part | "2012", "2021" (the 2021 coup), "mid-2022", "late 2023" | year | explicit |
| named sub-span | "the last quarter of last year" (-> its first month) | month | relative |
| from publication | "yesterday", "last week", "this month", "six months ago", "the New Year" | by unit | relative |
| from the previous date | "the next day", "two days later", "a little over a week later" | anchor's+ | context |
| day range (its first day) | "June 3-5, 2023", "the weekend of 12–13 October" | day | explicit/relative |
| everyday words | "today", "over the weekend", "this weekend", "a decade ago" | day/year | relative |
| French | "Lundi 28 août 2023", "le 1er mars", "en février", "hier", "mardi dernier" | by form | as English |

Month names may be misspelt ("Febuary", "Septmber"; see `lexicon.calendar`): the text keeps the
source's spelling. "last week" has precision "week" (its Monday) unless the article names its day.

Resolution rules (why: an article reports the past, so the reading that lies in the past wins):

* A date without a year is the most recent such date on or before publication — the end of the
  publication window when only its month or year is known ("June 20" in "June 2024" is 2024-06-20)
  — unless a future cue schedules it ("set for May 14", "will meet on Tuesday"): then the next
  one ("Last July" in January 2023 is July 2022). "this weekend" is the nearest weekend (Monday
  to Wednesday look back), "over the weekend" the latest one begun. "last <weekday>" is strictly
  before publication; a bare weekday may be the publication day itself (news style names today by
  its weekday).
* "last week" really means a week. If the article names a day of that week elsewhere (e.g. "last
  Tuesday"), it is that day (basis "context": the week usually refers back to the day-dated
  happening). Otherwise it is that week, at precision "week", valued at its Monday; `is_week()`
  tells callers the expression names a week.
* Context expressions count from the nearest preceding resolved date; the result is never finer
  than the anchor ("a few days later" after "October 2021" stays October 2021). "a few" counts as
  three, "over a week" as eight days (the smallest span that is over a week).
* With ``published=None`` nothing is anchored to today: relative expressions get ``value=None``;
  context expressions still resolve when their anchor is an explicit date.

Never returned: durations and intervals ("for more than a decade", "over the last three months",
"decade-long", "in less than a year"), vague words ("recently", "in recent days"), upper bounds
("less than a fortnight earlier"), dates inside names ("June 5 Movement"), timestamps ("8 hours
ago") and numbers that count things ("25,000 soldiers", "1500").
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from ..models import DateExpr
from .happenings import coarser, period
from .lexicon.calendar import (
    COUNT_NOUNS,
    FRENCH_MONTHS,
    FRENCH_WEEKDAYS,
    MONTH_ABBREVIATIONS,
    MONTH_MISSPELLINGS,
    MONTH_NAMES,
    MONTHS,
    SMALL_COUNTS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    alternation,
)

_SMALL_NUMBERS = SMALL_COUNTS
_UNIT_PRECISION = {"day": "day", "week": "day", "weekend": "day", "fortnight": "day",
                   "month": "month", "year": "year", "decade": "year"}

# --- building blocks (month and weekday names are matched capitalised only: "may" is a verb)
# English names and their common misspellings ("Febuary"): the text keeps the source's spelling.
_MONTH_FULL = alternation([*MONTH_NAMES, *MONTH_MISSPELLINGS])
_MON_ANY = rf"(?P<mon>{_MONTH_FULL}|(?:{alternation(MONTH_ABBREVIATIONS)})\.?)"
_WD = rf"(?P<wd>{alternation(WEEKDAY_NAMES)})"
# French names are lowercase in running text, capitalised at a line start ("Lundi 28 août 2023").
_FR_MON = rf"(?P<mon>(?i:{alternation(FRENCH_MONTHS)}))"
_FR_WD = rf"(?P<wd>(?i:{alternation(FRENCH_WEEKDAYS)}))"
_WD_PREFIX = rf"(?:{_WD},?\s+)?"  # "Monday August 28, 2023", "Monday, 28 August 2023"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY_FR = r"(?P<day>[0-3]?\d)(?:er)?"  # "1er mars"
_YEAR = r"(?P<year>(?:18|19|20)\d{2})(?!\d)"
# Part of a year or month kept in the text: "mid-2022", "late June", "the end of 2022".
_PART = r"(?P<part>(?i:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of))[\s-]+"
_COUNT = r"\d{1,3}|" + alternation(SMALL_COUNTS).replace(r"\ ", r"\s+")
# "a little over a week later": approximations in front of a count.
_APPROX = r"a\s+little\s+(?:over|more\s+than)|just\s+over|more\s+than|over|about|around|some|" \
          r"nearly|almost|roughly|barely|just"
_UNIT = r"(?P<unit>day|week|month|year|fortnight|decade)s?"

# --- the grammar: rule name -> pattern; the longest match wins where they overlap
_RULES: dict[str, re.Pattern[str]] = {
    "mdy": re.compile(rf"{_WD_PREFIX}{_MON_ANY}\s+{_DAY},?\s+{_YEAR}"),
    "dmy": re.compile(rf"{_WD_PREFIX}(?<![\d,.]){_DAY}\s+(?:of\s+)?{_MON_ANY},?\s+{_YEAR}"),
    "iso": re.compile(r"(?<![\w/-])(?P<year>(?:19|20)\d{2})-(?P<num>[01]\d)-(?P<day>[0-3]\d)(?![\w/-])"),
    "md": re.compile(rf"{_WD_PREFIX}{_MON_ANY}\s+{_DAY}\b(?![.,]\d)"),
    "dm": re.compile(rf"{_WD_PREFIX}(?<![\d,.]){_DAY}\s+(?:of\s+)?{_MON_ANY}\b"),
    "my": re.compile(rf"(?:{_PART})?(?P<mon>{_MONTH_FULL}),?\s+{_YEAR}"),
    "month": re.compile(rf"(?:(?P<rel>(?i:last|this))\s+)?(?:{_PART})?\b(?P<mon>{_MONTH_FULL})\b(?!\s*\d)"),
    "weekday": re.compile(rf"(?:(?P<rel>(?i:last|this\s+past|this))\s+)?\b{_WD}\b"),
    # "earlier this year", "so far this year", "early last year", "last week", "this month"
    "relunit": re.compile(r"\b(?:(?P<q>earlier|later|early|late|so\s+far)\s+)?(?P<rel>last|this)\s+"
                          r"(?P<unit>week(?:end)?|month|year)\b", re.I),
    # "the last quarter of last year", "the first half of 2023"
    "subspan": re.compile(r"\b(?i:the\s+(?P<ord>first|second|third|fourth|last|final)\s+"
                          rf"(?P<span>quarter|half)\s+of)\s+(?:{_YEAR}|(?P<rel>(?i:last|this))\s+(?i:year))"),
    "newyear": re.compile(r"\b(?:(?i:the)\s+)?New\s+Year\b(?:[’']s\s+(?P<which>Day|Eve)\b)?"),
    "ago": re.compile(rf"\b(?:(?P<approx>{_APPROX})\s+)?(?P<n>{_COUNT})\s+{_UNIT}\s+ago\b", re.I),
    "yesterday": re.compile(r"\b(?:(?P<dbf>the\s+day\s+before)\s+)?yesterday\b|\blast\s+night\b", re.I),
    # "two days later", "a little over a week later", "Days later"
    "offset": re.compile(rf"\b(?:(?P<approx>{_APPROX})\s+)?(?:(?P<n>{_COUNT})\s+)?{_UNIT}\s+"
                         r"(?P<dir>later|earlier|afterwards|after\s+that|before\s+that)\b", re.I),
    # "the next day", "the same period", "later that year", "the previous year"
    "context": re.compile(r"\b(?:the\s+(?P<rel>next|following|previous|same)|(?P<that>(?:later\s+|"
                          r"earlier\s+)?that(?:\s+same)?))\s+(?P<unit>day|week|month|year|period)\b", re.I),
    # A year on its own: not glued to other digits, slashes, currency or hyphens ("five-year").
    "year": re.compile(rf"(?<![\w/.,:$£€#-])(?:{_PART})?{_YEAR}(?![\w/%-]|[.,]\d)"),
    # Day ranges stand for their first day: "June 3-5, 2023", "(the weekend of) 12–13 October".
    "mdrange": re.compile(rf"{_MON_ANY}\s+{_DAY}\s*(?:[-–]|to|and)\s*{_DAY2}(?:,?\s+{_YEAR})?(?![.,]\d)"),
    "dmrange": re.compile(rf"(?<![\d,.]){_DAY}\s*(?:[-–]|to|and)\s*{_DAY2}\s+(?:of\s+)?{_MON_ANY}\b"
                          rf"(?:,?\s+{_YEAR})?"),
    "today": re.compile(r"\btoday\b", re.I),
    "weekend": re.compile(r"\bthe\s+weekend\b(?!\s+of\b)", re.I),  # "over the weekend"
    # French: "Lundi 28 août 2023", "le 1er mars", "en mars 2021", "mardi dernier", "hier"
    "fr_dmy": re.compile(rf"(?:{_FR_WD},?\s+)?(?<![\d,.]){_DAY_FR}\s+{_FR_MON}\s+{_YEAR}"),
    "fr_dm": re.compile(rf"(?:{_FR_WD},?\s+)?(?<![\d,.]){_DAY_FR}\s+{_FR_MON}\b(?!\s*\d)"),
    "fr_my": re.compile(rf"\b{_FR_MON}\s+{_YEAR}"),
    "fr_month": re.compile(rf"\b{_FR_MON}\b(?!\s*\d)"),
    "fr_weekday": re.compile(rf"\b{_FR_WD}\b(?:\s+(?P<rel>(?i:dernier)))?"),
    "fr_rel": re.compile(r"\b(?P<fr>avant-hier|hier|aujourd[’']hui)\b", re.I),
    "fr_relunit": re.compile(r"\b(?P<unit>la\s+semaine|le\s+mois|l[’']ann[ée]e)\s+(?:derni[èe]re?|pass[ée]e?)\b", re.I),
}

# Spans where no date may be found at all.
_NAME_HEADS = r"Movement|Mouvement|Coalition|Alliance|Front|Group|Brigades?|Battalion|Revolution|" \
              r"Declaration|Accords?|Agreement|Charter|Platform|Committee|Collective|Avenue|Street|" \
              r"Boulevard|Square|Stadium|Bridge|Hospital|School|University|Camp|Party"
_BLOCKS = (
    re.compile(rf"\b(?:{_MONTH_FULL})\s+\d{{1,2}}\s+(?:{_NAME_HEADS})\b"),  # "June 5 Movement"
    re.compile(rf"(?<![\d,.])\d{{1,2}}\s+(?:{_MONTH_FULL})\s+(?:{_NAME_HEADS})\b"),  # "23 March Movement"
    re.compile(r"\b\d+\s*(?:hours?|hrs?|minutes?|mins?|seconds?|secs?)\s+ago\b", re.I),  # timestamps
    # upper bounds are not points: "less than a fortnight earlier", "within two weeks"
    re.compile(rf"\b(?:less\s+than|fewer\s+than|under|within|up\s+to|no\s+more\s+than)\s+(?:{_COUNT})\s+"
               r"(?:day|week|month|year|fortnight|decade)s?\b", re.I),
)
# A bare month must look like a date: a cue word before it or a possessive after it.
_MONTH_CUE_RE = re.compile(r"\b(?:in|since|by|until|till|of|from|to|through|throughout|between|and|or|"
                           r"during|before|after|the|last|this|early|late|mid|on)[\s-]+$", re.I)
_POSSESSIVE_RE = re.compile(r"^[’']s\b")
# Numbers that count things are not years: "2000 soldiers", "at least 1900 people".
_COUNT_NOUN_RE = re.compile(rf"^\s*(?:{alternation(COUNT_NOUNS)})\b", re.I)
_QUANTITY_BEFORE_RE = re.compile(r"\b(?:at\s+least|more\s+than|less\s+than|fewer\s+than|nearly|almost|up\s+to|"
                                 r"some|about|over|roughly|approximately|estimated|total\s+of|than|"
                                 r"resolution|no\.?|number|law|decree|article|flight|page|route)\s+$", re.I)
_THE_BEFORE_RE = re.compile(r"\bthe\s+$", re.I)  # "over the last year" is a duration
# The end of a range whose year also dates its start: "(March) and May 2023", "(June 3) to June 5, 2023".
_RANGE_END_RE = re.compile(rf"\s*(?:and|to|until|till|through|-|–)\s+(?:(?:{_MONTH_FULL})\s+)?(?:\d{{1,2}}"
                           rf"(?:st|nd|rd|th)?,?\s+)?(?:(?:{_MONTH_FULL}),?\s+)?{_YEAR}")
_WEEK_TEXT_RE = re.compile(r"\b(?:(?:last|this)\s+week(?:end)?|la\s+semaine)\b", re.I)
# A bare French month needs a cue: "en mars", "depuis juin", "fin août", "mi-juillet", "d’avril".
_FR_MONTH_CUE_RE = re.compile(r"(?:\b(?:en|depuis|d[ée]but|fin|mi|courant|mois\s+de|jusqu[’']en)[\s-]+|\bd[’'])$",
                              re.I)
# "until today", "as of today" bound a duration; "over the weekend" needs its preposition.
_TODAY_BOUND_RE = re.compile(r"\b(?:until|till|up\s+to|as\s+of|through|to|from)\s+$", re.I)
_WEEKEND_CUE_RE = re.compile(r"\b(?:over|at|during|on|across)\s+$", re.I)


class _Cand(NamedTuple):
    rule: str
    m: re.Match[str]
    start: int
    end: int


Resolved = tuple[date | None, str, str]  # value, precision, basis


def find_dates(text: str, published: date | None, published_precision: str | None = None) -> list[DateExpr]:
    """All date expressions of ``text`` in document order, resolved against ``published``.

    With a month- or year-precision publication date ("June 2024"), a yearless date may lie
    anywhere up to the end of that window: "June 20" is then 2024-06-20.

    Worked example (published 15 January 2023):

    >>> [(d.text, str(d.value), d.precision, d.basis) for d in find_dates(
    ...     "On January 12 they struck Siby. The next day, Nara was hit. Last July, Kati.",
    ...     date(2023, 1, 15))]  # doctest: +NORMALIZE_WHITESPACE
    [('January 12', '2023-01-12', 'day', 'relative'), ('The next day', '2023-01-13', 'day', 'context'),
     ('Last July', '2022-07-01', 'month', 'relative')]
    """
    cands = _select(_candidates(text))
    bound = published_until(published, published_precision)
    resolved: dict[int, DateExpr] = {}
    for c in cands:  # 1: everything that needs at most the publication date
        if c.rule not in ("offset", "context") and not _is_week_rule(c):
            _store(resolved, text, c, _resolve_fixed(c, published, bound))
    days = [d for d in resolved.values() if d.precision == "day" and d.value]
    for c in cands:  # 2: weeks, which look for a day of that week named anywhere in the article
        if _is_week_rule(c):
            _store(resolved, text, c, _resolve_week(c, published, days))
    for c in cands:  # 3: context expressions, in order, so "two days later" can chain
        if c.rule in ("offset", "context"):
            prior = [d for d in resolved.values() if d.start < c.start and d.value]
            anchor = max(prior, key=lambda d: d.start) if prior else None
            _store(resolved, text, c, _resolve_context(c, anchor, published))
    return sorted(resolved.values(), key=lambda d: d.start)


def published_until(published: date | None, precision: str | None) -> date | None:
    """The last day the publication date may stand for: the month's last day for "June 2024"."""
    if published is None or precision not in ("month", "year"):
        return published
    return period(published, precision)[1]


def is_week(expr: DateExpr) -> bool:
    """True when the expression names a week: "last week" at week precision, or resolved to the
    article's own day of that week (which then stands in for the week's happening).

    >>> is_week(DateExpr("last week", 0, 9, date(2025, 6, 30), "week", "relative"))
    True
    """
    return expr.precision == "week" or bool(_WEEK_TEXT_RE.search(expr.text))


# --------------------------------------------------------------------------- finding
# Running every rule over the whole text made extraction slow, and most of a text holds no date.
# The rules are still the definition (_matches_plain); they are only run where they can match:
#
# * every match of a rule holds a *core*: a month name or a four-digit year in the text, or a word
#   of the lowercased text ("day" also finds weekdays and "yesterday", "year", "ago", ...);
# * a *check* at the core tells cheaply whether any match of the rule can hold it: "June" in a
#   "June 18" match is followed by a digit, "week" in "last week" comes after "last" or "this"
#   (words before a core are matched backwards, on the reversed text);
# * a rule is then tried where its matches can start (the core, or optional words before it such as
#   "last" or "mid-"), emulating finditer; a rule with freer words before its core is run with
#   finditer(text, lo, hi) on the stretch around the core that holds none of its *cut* characters
#   (a quote mark, a colon, ...): no match spans a cut, and at a cut the rule's lookaheads see what
#   they would see at the end of the text.
#
# Lookbehinds and the context checks still read the whole text. Texts with the few letters that
# case-insensitive matching and lower() treat differently take the plain path.
def _back(*phrases: str) -> str:
    """Phrases spelt backwards, as an alternation: "last", "so far" -> (?:tsal|raf\\s+os)."""
    return "(?:" + "|".join(p[::-1].replace(" ", r"\s+") for p in phrases) + ")"


class _Check(NamedTuple):
    """What every match of a rule holds right from its core (ahead) or right before it (backwards)."""
    ahead: bool
    pattern: re.Pattern[str]

    def holds(self, text: str, rev: str, core: int) -> bool:
        return bool(self.pattern.match(text, core) if self.ahead else self.pattern.match(rev, len(text) - core))


def _ahead(pattern: str, flags: int = 0) -> _Check:
    return _Check(True, re.compile(pattern, flags))


def _backwards(pattern: str, flags: int = 0) -> _Check:
    return _Check(False, re.compile(pattern, flags))


class _Cut(NamedTuple):
    """Characters no match of a rule contains: a regex for them and its mirror for the reversed text."""
    ahead: re.Pattern[str]
    behind: re.Pattern[str]

    def stretch(self, text: str, rev: str, start: int, end: int) -> tuple[int, int]:
        """The widest span around text[start:end] without a cut character."""
        back, ahead = self.behind.search(rev, len(text) - start), self.ahead.search(text, end)
        return len(text) - back.start() if back else 0, ahead.start() if ahead else len(text)


def _cut(chars: str, ahead: str = "", behind: str = "") -> _Cut:
    """``chars`` a character class of cuts; ``ahead``/``behind`` what a cut must also satisfy, for
    the text and mirrored for the reversed text (a single leading class keeps the search fast)."""
    return _Cut(re.compile(chars + ahead), re.compile(chars + behind))


class _Scan(NamedTuple):
    """How to find the matches of one rule (or block) without scanning the whole text."""
    cores: tuple[str, ...]  # kinds of core its matches hold
    check: _Check | None
    cut: _Cut | None = None  # scan the cut-free stretch around a core ...
    before: tuple[re.Pattern[str], ...] = ()  # ... or try the core and the starts of these optional words


_ABBREVIATIONS = MONTH_ABBREVIATIONS
# Day dates (dmy, dm): a "." only belongs to "Sept." and the like, and ".5" would fail "(?![.,]\d)".
_DOT_AHEAD = r"(?:(?<!\.)|" + "".join(rf"(?<!{a}\.)" for a in _ABBREVIATIONS) + r"(?!\d))"
_DOT_BEHIND = r"(?:(?<!\.)|(?<!\d\.)(?!" + "|".join(a[::-1] for a in _ABBREVIATIONS) + "))"
_DAY_CUT = _cut(r"[^\w\s,]", _DOT_AHEAD, _DOT_BEHIND)
_DAY_RANGE_CUT = _cut(r"[^\w\s,\-–]", _DOT_AHEAD, _DOT_BEHIND)  # "12–13 October"
_FR_CUT = _cut(r"[^\w\s’'-]")  # "avant-hier", "aujourd’hui", "l’année dernière"
_FR_MONTH_WORDS = tuple(FRENCH_MONTHS)
_WORDS_CUT = _cut(r"[^\w\s]")
_NEW_YEAR_CUT = _cut(r"[^\w\s’']")  # "New Year’s Day"
_MON3 = f"(?:{'|'.join(m[:3] for m in MONTH_NAMES)})"  # every English spelling starts with one
_CORE_RE = re.compile(rf"{_MON3}|18\d\d|19\d\d|20\d\d")  # "mon", "yyyy"
_CORE_WORDS = ("day", "week", "month", "year", "fortnight", "decade", "period", "night", "ago")  # lowercased text
_UNIT_WORDS = ("day", "week", "month", "year", "fortnight", "decade")
_MONTH_THEN_DAY = _ahead(rf"{_MON3}[a-z]*\.?\s+\d")
_DAY_THEN_MONTH = _backwards(rf"\s+(?:fo\s+)?{_back('st', 'nd', 'rd', 'th')}?\d")
_LAST_THIS = _back("last", "this")
# Optional words before a core, matched backwards from where they end.
_WEEKDAY_BEFORE = re.compile(r"\s+,?" + _back(*WEEKDAY_NAMES))  # "Monday, " before "August 28, 2023"
_PART_BEFORE = re.compile(r"[\s-]+" + _back("early", "mid", "late", "the end of", "the beginning of", "the start of",
                                            "the middle of"), re.I)
_LAST_THIS_BEFORE = re.compile(rf"\s+{_LAST_THIS}", re.I)
_QUALIFIER_BEFORE = re.compile(rf"\s+{_back('earlier', 'later', 'early', 'late', 'so far')}", re.I)
_SCANS: dict[str, _Scan] = {
    "mdy": _Scan(("mon",), _MONTH_THEN_DAY, before=(_WEEKDAY_BEFORE,)),
    "dmy": _Scan(("mon",), _DAY_THEN_MONTH, _DAY_CUT),
    "iso": _Scan(("yyyy",), _ahead(r"(?:19|20)\d\d-")),
    "md": _Scan(("mon",), _MONTH_THEN_DAY, before=(_WEEKDAY_BEFORE,)),
    "dm": _Scan(("mon",), _DAY_THEN_MONTH, _DAY_CUT),
    "my": _Scan(("mon",), _ahead(rf"{_MON3}[a-z]*,?\s+(?:18|19|20)\d\d"), before=(_PART_BEFORE,)),
    "month": _Scan(("mon",), None, before=(_PART_BEFORE, _LAST_THIS_BEFORE)),
    "weekday": _Scan(("day",), _backwards(_back(*(d[:-3] for d in WEEKDAY_NAMES))), _WORDS_CUT),
    "relunit": _Scan(("week", "month", "year"), _backwards(rf"\s+{_LAST_THIS}", re.I),
                     before=(_LAST_THIS_BEFORE, _QUALIFIER_BEFORE)),
    "subspan": _Scan(("year", "yyyy"), _backwards(rf"\s+(?:{_LAST_THIS}\s+)?fo\s+{_back('quarter', 'half')}", re.I),
                     _WORDS_CUT),
    "newyear": _Scan(("year",), _backwards(r"\s+weN"), _NEW_YEAR_CUT),
    "ago": _Scan(("ago",), _backwards(rf"\s+s?{_back(*_UNIT_WORDS)}", re.I), _WORDS_CUT),
    "yesterday": _Scan(("day", "night"), _backwards(r"retsey|\s+tsal", re.I), _WORDS_CUT),
    "offset": _Scan(_UNIT_WORDS, _ahead(rf"(?:{'|'.join(_UNIT_WORDS)})s?\s+(?:later|earlier|afterwards|after\s+that|"
                                        r"before\s+that)", re.I), _WORDS_CUT),
    "context": _Scan(("day", "week", "month", "year", "period"),
                     _backwards(rf"\s+{_back('next', 'following', 'previous', 'same', 'that')}", re.I), _WORDS_CUT),
    "year": _Scan(("yyyy",), None, before=(_PART_BEFORE,)),
    "mdrange": _Scan(("mon",), _ahead(rf"{_MON3}[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:[-–]|to|and)")),
    "dmrange": _Scan(("mon",), _backwards(rf"\s+(?:fo\s+)?{_back('st', 'nd', 'rd', 'th')}?\d{{1,2}}\s*"
                                          rf"(?:[-–]|ot|dna)"), _DAY_RANGE_CUT),
    "today": _Scan(("day",), _backwards("ot", re.I), _WORDS_CUT),
    "weekend": _Scan(("week",), _backwards(r"\s+eht", re.I), _WORDS_CUT),
    "fr_dmy": _Scan(_FR_MONTH_WORDS, None, _WORDS_CUT),
    "fr_dm": _Scan(_FR_MONTH_WORDS, None, _WORDS_CUT),
    "fr_my": _Scan(_FR_MONTH_WORDS, None, _WORDS_CUT),
    "fr_month": _Scan(_FR_MONTH_WORDS, None, _WORDS_CUT),
    "fr_weekday": _Scan(FRENCH_WEEKDAYS, None, _WORDS_CUT),
    "fr_rel": _Scan(("hier", "aujourd"), None, _FR_CUT),
    "fr_relunit": _Scan(("semaine", "mois", "ann"), None, _FR_CUT),
    # the blocks, in _BLOCKS order
    "block0": _Scan(("mon",), _ahead(rf"{_MON3}[a-z]*\s+\d{{1,2}}\s+(?:{_NAME_HEADS})\b")),
    "block1": _Scan(("mon",), _backwards(r"\s+\d"), _WORDS_CUT),
    "block2": _Scan(("ago",), _backwards(rf"\s+s?{_back('hour', 'hr', 'minute', 'min', 'second', 'sec')}", re.I),
                    _WORDS_CUT),
    "block3": _Scan(_UNIT_WORDS, _backwards(
        rf"\s+(?:\d{{1,3}}|{_back(*_SMALL_NUMBERS)})\s+"
        rf"{_back('than', 'under', 'within', 'up to')}", re.I), _WORDS_CUT),
}
_PATTERNS = {**_RULES, **{f"block{i}": rx for i, rx in enumerate(_BLOCKS)}}
_LOWER_CORES = sorted({w for scan in _SCANS.values() for w in scan.cores} - {"mon", "yyyy"})
_UNSAFE_LOWER = "ıſİ"  # ignoring case "s" matches "ſ", but "ſ".lower() is "ſ"; "İ".lower() is two characters


def _candidates(text: str) -> list[_Cand]:
    matches = _matches(text) if not any(c in text for c in _UNSAFE_LOWER) else _matches_plain(text)
    blocked = [m.span() for i in range(len(_BLOCKS)) for m in matches[f"block{i}"]]
    out = []
    for rule in _RULES:
        for m in matches[rule]:
            if not any(s < m.end() and m.start() < e for s, e in blocked) and _acceptable(rule, m, text):
                out.append(_Cand(rule, m, m.start(), m.end()))
    return out


def _matches_plain(text: str) -> dict[str, list[re.Match[str]]]:
    """Every match of every rule and block: the definition."""
    return {name: list(rx.finditer(text)) for name, rx in _PATTERNS.items()}


def _matches(text: str) -> dict[str, list[re.Match[str]]]:
    """The same as _matches_plain, found around the cores only."""
    low, rev = text.lower(), text[::-1]
    cores: dict[tuple[str, ...], list[tuple[int, int]]] = {
        (word,): [(i, i + len(word)) for i in _find_all(low, word)] for word in _LOWER_CORES}
    cores["mon",], cores["yyyy",] = [], []
    for m in _CORE_RE.finditer(text):
        cores["yyyy" if text[m.start()].isdigit() else "mon",].append(m.span())
    passed: dict[tuple[int, int], bool] = {}  # (id of the check, core) -> holds; rules share checks
    stretches: dict[tuple[int, int], tuple[int, int]] = {}  # (id of the cut, core) -> its stretch
    found: dict[str, list[re.Match[str]]] = {}
    for name, scan in _SCANS.items():
        if scan.cores not in cores:
            cores[scan.cores] = sorted(span for kind in scan.cores for span in cores[kind,])
        rx, done, starts = _PATTERNS[name], 0, set()
        out: list[re.Match[str]] = []
        for start, end in cores[scan.cores]:
            if start < done:
                continue  # in the stretch just scanned
            if scan.check:
                key = id(scan.check), start
                if key not in passed:
                    passed[key] = scan.check.holds(text, rev, start)
                if not passed[key]:
                    continue
            if scan.cut is None:
                starts |= _starts(rev, start, scan.before)
                continue
            key = id(scan.cut), start
            if key not in stretches:
                stretches[key] = scan.cut.stretch(text, rev, start, end)
            lo, done = stretches[key]
            out.extend(rx.finditer(text, lo, done))
        for start in sorted(starts):  # finditer, tried only where a match can start
            if start >= done:
                hit = rx.match(text, start)
                if hit:
                    out.append(hit)
                    done = hit.end()
        found[name] = out
    return found


def _starts(rev: str, core: int, before: tuple[re.Pattern[str], ...]) -> set[int]:
    """Where a match holding ``core`` can start: the core, or the start of optional words before it,
    each kind of word possibly before the previous ones ("last mid-June")."""
    starts = {core}
    for words in before:
        for start in list(starts):
            m = words.match(rev, len(rev) - start)
            if m:
                starts.add(len(rev) - m.end())
    return starts


def _find_all(text: str, word: str) -> list[int]:
    """Where ``word`` occurs in ``text`` (str.find is much faster than a regex for this)."""
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest first, no overlaps, then document order."""
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        if all(c.end <= o.start or o.end <= c.start for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _acceptable(rule: str, m: re.Match[str], text: str) -> bool:
    """Context checks a regex cannot express: cue words, valid days, counts that are not years."""
    before, after = text[max(0, m.start() - 40):m.start()], text[m.end():m.end() + 30]
    if rule == "iso":
        year, month, day = (int(m.group(g)) for g in ("year", "num", "day"))
        return 1 <= month <= 12 and _valid(year, month, day)
    if rule in ("mdy", "dmy", "md", "dm", "fr_dmy", "fr_dm", "mdrange", "dmrange"):
        year = int(m.group("year")) if m.groupdict().get("year") else 2000  # 2000: Feb 29 is valid
        ok = _valid(year, MONTHS[_mon_key(m)], int(m.group("day")))
        if rule.endswith("range"):  # "June 3 and 4 soldiers ..." is no range
            return ok and int(m.group("day")) < int(m.group("day2")) <= 31 and not _COUNT_NOUN_RE.match(after)
        return ok
    if rule == "fr_month":
        return bool(_FR_MONTH_CUE_RE.search(before))
    if rule == "today":
        return not _TODAY_BOUND_RE.search(before)
    if rule == "weekend":
        return bool(_WEEKEND_CUE_RE.search(before))
    if rule == "month":
        return bool(m.group("rel") or m.group("part") or _MONTH_CUE_RE.search(before)
                    or _POSSESSIVE_RE.match(after))
    if rule == "relunit":
        return bool(m.group("q")) or not _THE_BEFORE_RE.search(before)
    if rule == "offset":
        return bool(m.group("n")) or m.group(0).split()[0].lower().endswith("s")
    if rule == "year":
        return m.group("part") is not None or not (_COUNT_NOUN_RE.match(after)
                                                   or _QUANTITY_BEFORE_RE.search(before))
    return True


def _mon_key(m: re.Match[str]) -> str:
    return m.group("mon").rstrip(".").lower()


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(year, month)[1]


def _is_week_rule(c: _Cand) -> bool:
    unit = c.m.group("unit").lower() if c.rule in ("relunit", "fr_relunit") else ""
    return unit.startswith("week") or unit.startswith("la")


def _store(resolved: dict[int, DateExpr], text: str, c: _Cand, res: Resolved | None) -> None:
    if res is not None:
        value, precision, basis = res
        resolved[c.start] = DateExpr(text[c.start:c.end], c.start, c.end, value, precision, basis)


# --------------------------------------------------------------------------- resolving
# Rules that read like an English rule once their words are known.
_SAME_AS = {"fr_dmy": "dmy", "fr_dm": "dm", "fr_my": "my", "fr_month": "month", "fr_weekday": "weekday",
            "mdrange": "md", "dmrange": "dm"}
# "set for May 14", "is due in July", "will meet on Tuesday": the next such date, not the last one.
_SCHEDULED_RE = re.compile(r"\b(?:set|scheduled|slated|planned|due|expected|will|shall|postponed|rescheduled|"
                           r"pushed\s+back|deadline|to\s+be\s+held)\b[^.!?;\n]{0,40}$", re.I)
_YEARLESS = ("md", "dm", "month", "weekday")


def is_scheduled(text: str, start: int) -> bool:
    """Does a future cue stand right before the date at ``start`` ("a vote is set for May 14")?

    >>> is_scheduled("A referendum is set for May 14.", 24), is_scheduled("It fell on May 14.", 11)
    (True, False)
    """
    return bool(_SCHEDULED_RE.search(text, max(0, start - 60), start))


def _resolve_fixed(c: _Cand, pub: date | None, bound: date | None) -> Resolved | None:
    """Expressions that need nothing but themselves and the publication date (``bound``: the last
    day of the publication window, the latest a yearless date can be unless it is scheduled)."""
    m, rule = c.m, _SAME_AS.get(c.rule, c.rule)
    if rule in ("md", "dm") and m.groupdict().get("year"):
        rule = "dmy"  # a range with its year
    if rule in ("mdy", "dmy"):
        return date(int(m.group("year")), MONTHS[_mon_key(m)], int(m.group("day"))), "day", "explicit"
    if rule == "iso":
        return date(int(m.group("year")), int(m.group("num")), int(m.group("day"))), "day", "explicit"
    range_year = _range_year(m) if rule in ("md", "dm", "month") else None
    if range_year and (rule == "month" or _valid(range_year, MONTHS[_mon_key(m)], int(m.group("day")))):
        day = 1 if rule == "month" else int(m.group("day"))  # "between March and May 2023"
        return date(range_year, MONTHS[_mon_key(m)], day), _RELATIVE_PRECISION[rule], "explicit"
    if rule == "my":
        return date(int(m.group("year")), MONTHS[_mon_key(m)], 1), "month", "explicit"
    if rule == "year":
        return date(int(m.group("year")), 1, 1), "year", "explicit"
    if rule == "subspan" and m.group("year"):
        return _subspan(m, int(m.group("year"))), "month", "explicit"
    precision = _RELATIVE_PRECISION[rule] if rule in _YEARLESS else _relative_precision(c)
    if pub is None or bound is None:
        return None, precision, "relative"
    if rule not in _YEARLESS:
        return _RELATIVE[rule](m, pub), precision, "relative"
    value = _RELATIVE[rule](m, pub if rule == "weekday" else bound)
    if value < pub and not _rel(m) and is_scheduled(m.string, c.start):
        value = _next_after(value, rule, pub)
    return value, precision, "relative"


def _next_after(value: date, rule: str, pub: date) -> date:
    """The first such date on or after publication: a week, or a year, later."""
    while value < pub:
        if rule == "weekday":
            value += timedelta(days=7)
        else:
            value = date(value.year + 1, value.month, min(value.day, calendar.monthrange(value.year + 1,
                                                                                         value.month)[1]))
    return value


def _range_year(m: re.Match[str]) -> int | None:
    """The year closing a range that starts with this yearless date: "June 3 to June 5, 2023"."""
    follow = _RANGE_END_RE.match(m.string, m.end())
    return int(follow.group("year")) if follow else None


def _relative_precision(c: _Cand) -> str:
    if c.rule in ("relunit", "ago"):
        return _UNIT_PRECISION[c.m.group("unit").lower()]
    if c.rule == "newyear":
        return "day" if c.m.group("which") else "month"
    if c.rule == "fr_relunit":
        return "month" if c.m.group("unit").lower().startswith("le") else "year"
    return _RELATIVE_PRECISION[c.rule]


def _recent_day(pub: date, month: int, day: int) -> date:
    """Most recent month/day on or before publication (Feb 29 looks back to a leap year)."""
    for year in range(pub.year, pub.year - 9, -1):
        if _valid(year, month, day) and date(year, month, day) <= pub:
            return date(year, month, day)
    return date(pub.year - 1, month, min(day, 28))


def _recent_month(pub: date, month: int, strict: bool) -> date:
    """Most recent such month: this year's if it has begun ("last July" in July: a year ago)."""
    this_year = month < pub.month or (month == pub.month and not strict)
    return date(pub.year if this_year else pub.year - 1, month, 1)


def _recent_weekday(pub: date, weekday: int, strict: bool) -> date:
    delta = (pub.weekday() - weekday) % 7
    return pub - timedelta(days=7 if strict and delta == 0 else delta)


def _rel_unit(m: re.Match[str], pub: date) -> date:
    unit, back = m.group("unit").lower(), int(m.group("rel").lower() == "last")
    if unit == "year":
        return date(pub.year - back, 1, 1)
    return _add_months(pub.replace(day=1), -back)


def _subspan(m: re.Match[str], year: int) -> date:
    order = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1, "final": -1}[m.group("ord").lower()]
    months = (1, 4, 7, 10) if m.group("span").lower() == "quarter" else (1, 7)
    return date(year, months[order], 1)


def _new_year(m: re.Match[str], pub: date) -> date:
    if (m.group("which") or "").lower() == "eve":
        return date(pub.year - 1, 12, 31) if pub < date(pub.year, 12, 31) else pub
    return date(pub.year, 1, 1)


def _ago(m: re.Match[str], pub: date) -> date:
    return _shift(pub, -_count(m.group("n")), m.group("unit").lower())


_FR_DAYS_BACK: dict[str, int] = {"hie": 1, "ava": 2, "auj": 0}  # hier, avant-hier, aujourd’hui
_RELATIVE: dict[str, Callable[[re.Match[str], date], date]] = {
    "md": lambda m, pub: _recent_day(pub, MONTHS[_mon_key(m)], int(m.group("day"))),
    "dm": lambda m, pub: _recent_day(pub, MONTHS[_mon_key(m)], int(m.group("day"))),
    "month": lambda m, pub: _recent_month(pub, MONTHS[_mon_key(m)], _rel(m) == "last"),
    "weekday": lambda m, pub: _recent_weekday(pub, WEEKDAYS[m.group("wd").lower()],
                                              _rel(m) in ("last", "this past", "dernier")),
    "relunit": _rel_unit,
    "subspan": lambda m, pub: _subspan(m, pub.year - int(m.group("rel").lower() == "last")),
    "newyear": _new_year,
    "ago": _ago,
    "yesterday": lambda m, pub: pub - timedelta(days=2 if m.group("dbf") else 1),
    "today": lambda m, pub: pub,
    "weekend": lambda m, pub: _weekend(pub, past=True),
    "fr_rel": lambda m, pub: pub - timedelta(days=_FR_DAYS_BACK[m.group("fr")[:3].lower()]),
    "fr_relunit": lambda m, pub: (date(pub.year - 1, 1, 1) if m.group("unit").lower().startswith("l")
                                  else _add_months(pub.replace(day=1), -1)),
}
_RELATIVE_PRECISION = {"md": "day", "dm": "day", "month": "month", "weekday": "day", "relunit": "year",
                       "subspan": "month", "newyear": "month", "ago": "day", "yesterday": "day", "today": "day",
                       "weekend": "day", "fr_rel": "day"}


def _rel(m: re.Match[str]) -> str:
    """The "last"/"this" of a match, lowercased ("" when the rule has none or it is absent)."""
    return (m.groupdict().get("rel") or "").lower()




def _weekend(pub: date, past: bool) -> date:
    """The Saturday of a weekend: the latest one begun by publication ("over the weekend"), or, for
    "this weekend", the nearest one (Monday to Wednesday look back, Thursday and Friday ahead)."""
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
    if not past and pub.weekday() in (3, 4):
        saturday += timedelta(days=7)
    return saturday


def _resolve_week(c: _Cand, pub: date | None, days: list[DateExpr]) -> Resolved:
    """A week: the article's own day in that week if it names one, else the week's Monday."""
    unit = c.m.group("unit").lower()
    weekend = unit == "weekend"
    if pub is None:
        return None, "day" if weekend else "week", "relative"
    last = c.rule == "fr_relunit" or c.m.group("rel").lower() == "last"
    monday = pub - timedelta(days=pub.weekday())
    if weekend:
        return (monday - timedelta(days=2) if last else _weekend(pub, past=False)), "day", "relative"
    if last:
        monday -= timedelta(days=7)
    last_day = min(monday + timedelta(days=6), pub)
    for d in sorted(days, key=lambda d: d.start):
        if d.basis != "context" and d.value and d.precision == "day" and monday <= d.value <= last_day:
            return d.value, "day", "context"
    return monday, "week", "relative"


def _resolve_context(c: _Cand, anchor: DateExpr | None, pub: date | None) -> Resolved:
    """Offsets from the previous resolved date; "the previous year" falls back to publication."""
    unit = c.m.group("unit").lower()
    if c.rule == "offset":
        steps = _count(c.m.group("n"))
        if unit in ("day", "week", "fortnight") and re.search(r"over|more", c.m.group("approx") or "", re.I):
            steps, unit = steps * {"day": 1, "week": 7, "fortnight": 14}[unit] + 1, "day"
        if re.match(r"earlier|before", c.m.group("dir"), re.I):
            steps = -steps
    else:
        rel = (c.m.group("rel") or "same").lower()
        steps = {"next": 1, "following": 1, "previous": -1}.get(rel, 0)
        if anchor is None and rel == "previous" and pub is not None and unit != "period":
            value = _shift(pub, -1, unit)
            return value, _UNIT_PRECISION[unit], "relative"
    if anchor is None or anchor.value is None:
        return None, _UNIT_PRECISION.get(unit, "day"), "context"
    precision = anchor.precision if unit == "period" else coarser(anchor.precision, _UNIT_PRECISION[unit])
    value = period(anchor.value if unit == "period" else _shift(anchor.value, steps, unit), precision)[0]
    if pub is not None and value > pub:
        return None, precision, "context"  # "Twenty years later" after an unparsed "1990s": not news
    return value, precision, "context"


def _count(word: str | None) -> int:
    """'two' -> 2, '12' -> 12, 'a few' -> 3; no count at all ("Days later") is a few."""
    if word is None:
        return 3
    key = re.sub(r"\s+", " ", word.lower())
    return int(key) if key.isdigit() else _SMALL_NUMBERS[key]


def _shift(value: date, steps: int, unit: str) -> date:
    if unit in ("month", "year", "decade"):
        return _add_months(value.replace(day=1), steps * {"month": 1, "year": 12, "decade": 120}[unit])
    return value + timedelta(days=steps * {"week": 7, "fortnight": 14, "weekend": 7}.get(unit, 1))


def _add_months(value: date, months: int) -> date:
    year, month0 = divmod(value.year * 12 + value.month - 1 + months, 12)
    return date(year, month0 + 1, min(value.day, calendar.monthrange(year, month0 + 1)[1]))
