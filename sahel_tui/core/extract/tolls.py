"""Casualty and abduction figures stated in one sentence ("at least 130 people were killed").

Analysts compare tolls across sources, so only definite figures are kept: digits ("41",
"1,200") and number words ("four", "twenty-five"); "dozens" or "hundreds" give no figure.
"at least", "over" and "more than" make the figure a lower bound, returned as written.
Victim groups joined by "and" are added up ("Four soldiers and one civilian lost their lives"
-> 5). When a sentence gives several figures of one kind, the largest wins: it is the total
("at least 30 people were killed, 12 of them soldiers").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon.calendar import TENS as _TENS
from .lexicon.calendar import UNITS as _UNITS
from .lexicon.calendar import matches_at

_NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)}

_NUM_WORD = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS[1:10])}))?|{'|'.join(_UNITS[1:])})"
_NUM = rf"\b(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_NUM_WORD})\b"
_QUALIFIERS = ("at least", "more than", "over", "some", "about", "around", "nearly", "almost", "roughly",
               "approximately", "up to", "as many as", "no fewer than", "a total of")
_QUAL = "(?:" + "|".join(q.replace(" ", r"\s+") for q in _QUALIFIERS) + ")"
# A word of a victim description that is not yet the verb: "Malian soldiers", "Indian nationals".
_WORD = r"(?!(?:were|was|are|is|have|has|had|and|who|which|that|killed|died|dead|lost|their|his|her|its|" \
        r"said|says|told|left|fled|took|according)\b)[\w’'-]+"


def _group(words: int) -> str:
    """One victim group: an optional qualifier, a number and up to ``words`` describing words."""
    return rf"(?:{_QUAL}\s+)?{_NUM}(?:\s+{_WORD}){{0,{words}}}"


def _groups(words: int) -> str:
    """Victim groups joined by commas or "and": "Four soldiers and one civilian"."""
    return rf"(?P<who>{_group(words)}(?:\s*,\s*(?:and\s+)?{_group(words)}|\s+and\s+{_group(words)})*)"


_BE = r"(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been)\s+)?(?:(?:reportedly|all|also|later|" \
      r"forcibly|allegedly)\s+)?"


@dataclass(frozen=True)
class _Pattern:
    """A case-insensitive pattern written in lowercase, for the sentence and for its lowercased copy
    (there: the same matches at the same offsets, several times faster, as the regex engine skips
    case-sensitive alternatives cheaply). ``words``: one of them is in every match, so a sentence
    without any is not scanned. ``who_first``: a match starts with the victim group, that is at a
    number or at a qualifier right before one, so it is only tried there."""
    text: re.Pattern[str]
    low: re.Pattern[str]
    words: frozenset[str]
    who_first: bool


def _pattern(pattern: str, *words: str) -> _Pattern:
    return _Pattern(re.compile(pattern, re.I), re.compile(pattern), frozenset(words), pattern.startswith("(?P<who>"))


_KILLED = (
    # "at least 130 people were killed", "one civilian died", "Four soldiers ... lost their lives"
    _pattern(rf"{_groups(4)}\s+{_BE}(?:killed|slain|dead|died|perished|executed|massacred|"
             r"lost\s+(?:their|his|her)\s+lives?)\b",
             "killed", "slain", "dead", "died", "perished", "executed", "massacred", "lost"),
    # "killing at least four people", "killed 41 members of the Malian army"
    _pattern(rf"\b(?:killed|killing|kills|massacred|massacring|executed|executing|neutrali[sz](?:ed|ing)|"
             rf"claimed\s+the\s+lives\s+of)\s+{_groups(3)}", "kill", "massacr", "execut", "neutrali", "claimed"),
    _pattern(rf"\bleft\s+{_groups(3)}\s+dead\b", "dead"),  # "left over twenty people dead"
    _pattern(rf"\b(?:death\s+toll|toll)\s+(?:of|rose\s+to|reached|stood\s+at|stands\s+at|at)\s+{_groups(0)}", "toll"),
)
_INJURED = (
    _pattern(rf"{_groups(4)}\s+{_BE}(?:\w+\s+)?(?:injured|wounded|hurt)\b", "injured", "wounded", "hurt"),
    # "more than 10 seriously injured people"
    _pattern(rf"(?P<who>(?:{_QUAL}\s+)?{_NUM})\s+(?:(?:seriously|severely|badly|slightly|critically|"
             r"other|more)\s+)?(?:injured|wounded)\b", "injured", "wounded"),
    _pattern(rf"\b(?:injuring|wounding|injured|wounded)\s+{_groups(3)}", "injur", "wound"),
)
_ABDUCTED = (
    # "three Indian nationals working at a cement factory were forcibly taken by gunmen"
    _pattern(rf"{_groups(8)}\s+{_BE}(?:kidnapped|abducted|taken\s+(?:hostage|captive)|held\s+hostage|"
             r"forcibly\s+taken|taken\s+away)\b", "kidnapped", "abducted", "taken", "held"),
    # "kidnapped two aid workers"
    _pattern(rf"\b(?:kidnapp(?:ed|ing)|abduct(?:ed|ing))\s+{_groups(3)}", "kidnapp", "abduct"),
    _pattern(rf"\b(?:took|taking|take)\s+{_groups(2)}\s+(?:hostage|captive)", "hostage", "captive"),
)
_WORDS = tuple(sorted({w for patterns in (_KILLED, _INJURED, _ABDUCTED) for p in patterns for w in p.words}))
# Where a number can start (a superset): digit runs and number words; a qualifier right before a
# number, matched backwards from it on the reversed text.
_DIGITS_RE = re.compile(r"\d+")
_NUMBER_WORD_LIST = [*_UNITS[1:], *_TENS]
_QUAL_BEFORE_RE = re.compile(r"\s+(?:" + "|".join(q[::-1].replace(" ", r"\s+") for q in _QUALIFIERS) + ")")
# lower() and case-insensitive matching differ on these: "s" matches "ſ" ignoring case, but
# "ſ".lower() is "ſ"; "İ".lower() is two characters. Sentences holding one take the plain way.
_UNSAFE_LOWER = "ıſİ"
_NUM_RE = re.compile(_NUM, re.I)
_YEAR_CONTEXT_RE = re.compile(r"\b(?:in|since|during|from|until|by|of)\s+$", re.I)


@dataclass(frozen=True)
class Tolls:
    killed: int | None = None
    injured: int | None = None
    abducted: int | None = None


def find_tolls(sentence: str) -> Tolls:
    """The killed, injured and abducted figures a sentence states (None when it gives none).

    >>> find_tolls("Four soldiers and one civilian lost their lives, and 12 were wounded.")
    Tolls(killed=5, injured=12, abducted=None)
    """
    kinds = (_KILLED, _INJURED, _ABDUCTED)
    if any(c in sentence for c in _UNSAFE_LOWER):
        return Tolls(*(_largest([m for p in patterns for m in p.text.finditer(sentence)], sentence)
                       for patterns in kinds))
    low = sentence.lower()
    present = set(filter(low.__contains__, _WORDS))
    todo = [[p for p in patterns if not p.words.isdisjoint(present)] for patterns in kinds]
    starts = _number_starts(low) if any(todo) else []
    if not starts:  # every figure is a number
        return Tolls()
    return Tolls(*(_largest([m for p in patterns for m in (matches_at(p.low, low, starts) if p.who_first
                                                           else p.low.finditer(low))], sentence)
                   for patterns in todo))


def _number_starts(low: str) -> list[int]:
    """Every place a victim group can start: a number (a superset: digit runs, number words) or a
    qualifier right before one, in order."""
    numbers = {m.start() for m in _DIGITS_RE.finditer(low)}
    for word in _NUMBER_WORD_LIST:
        i = low.find(word)
        while i >= 0:
            numbers.add(i)
            i = low.find(word, i + 1)
    rev, starts = low[::-1], set(numbers)
    for i in numbers:
        qual = _QUAL_BEFORE_RE.match(rev, len(low) - i)
        if qual:
            starts.add(len(low) - qual.end())
    return sorted(starts)


def number_value(word: str) -> int | None:
    """'41' -> 41, '1,200' -> 1200, 'twenty-five' -> 25, 'dozens' -> None.

    >>> number_value("Twenty-five"), number_value("1,200"), number_value("dozens")
    (25, 1200, None)
    """
    key = word.lower().replace(",", "")
    if key.isdigit():
        return int(key)
    parts = re.split(r"[- ]", key)
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_NUMBER_WORDS.get(parts[1], 0) if len(parts) > 1 else 0)
    return _NUMBER_WORDS.get(key)


def _largest(matches: list[re.Match[str]], sentence: str) -> int | None:
    totals = [t for t in (_group_total(m, sentence) for m in matches) if t]
    return max(totals) if totals else None


def _group_total(m: re.Match[str], sentence: str) -> int | None:
    """Sum of the numbers that head each victim group ("four ... and one ..." -> 5)."""
    who = m.group("who")
    base = m.start("who")
    total = 0
    for n in _NUM_RE.finditer(who):
        if n.start() and not re.search(r"(?:^|,|\band)\s*(?:" + _QUAL + r"\s+)?$", who[:n.start()], re.I):
            continue  # a number inside a description ("members of the 5th battalion")
        value = number_value(n.group())
        if value is None or _looks_like_year(n.group(), sentence[:base + n.start()]):
            return None
        total += value
    return total or None


def _looks_like_year(token: str, before: str) -> bool:
    """"in 2020 soldiers were killed": a year is not a head count."""
    return len(token) == 4 and token.isdigit() and 1800 <= int(token) <= 2099 and bool(_YEAR_CONTEXT_RE.search(before))
