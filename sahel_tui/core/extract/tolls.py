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

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)}

_NUM_WORD = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS[1:10])}))?|{'|'.join(_UNITS[1:])})"
_NUM = rf"\b(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_NUM_WORD})\b"
_QUAL = r"(?:at\s+least|more\s+than|over|some|about|around|nearly|almost|roughly|approximately|" \
        r"up\s+to|as\s+many\s+as|no\s+fewer\s+than|a\s+total\s+of)"
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
_KILLED = (
    # "at least 130 people were killed", "one civilian died", "Four soldiers ... lost their lives"
    re.compile(rf"{_groups(4)}\s+{_BE}(?:killed|slain|dead|died|perished|executed|massacred|"
               r"lost\s+(?:their|his|her)\s+lives?)\b", re.I),
    # "killing at least four people", "killed 41 members of the Malian army"
    re.compile(rf"\b(?:killed|killing|kills|massacred|massacring|executed|executing|neutrali[sz](?:ed|ing)|"
               rf"claimed\s+the\s+lives\s+of)\s+{_groups(3)}", re.I),
    re.compile(rf"\bleft\s+{_groups(3)}\s+dead\b", re.I),  # "left over twenty people dead"
    re.compile(rf"\b(?:death\s+toll|toll)\s+(?:of|rose\s+to|reached|stood\s+at|stands\s+at|at)\s+{_groups(0)}", re.I),
)
_INJURED = (
    re.compile(rf"{_groups(4)}\s+{_BE}(?:\w+\s+)?(?:injured|wounded|hurt)\b", re.I),
    # "more than 10 seriously injured people"
    re.compile(rf"(?P<who>(?:{_QUAL}\s+)?{_NUM})\s+(?:(?:seriously|severely|badly|slightly|critically|"
               r"other|more)\s+)?(?:injured|wounded)\b", re.I),
    re.compile(rf"\b(?:injuring|wounding|injured|wounded)\s+{_groups(3)}", re.I),
)
_ABDUCTED = (
    # "three Indian nationals working at a cement factory were forcibly taken by gunmen"
    re.compile(rf"{_groups(8)}\s+{_BE}(?:kidnapped|abducted|taken\s+(?:hostage|captive)|held\s+hostage|"
               r"forcibly\s+taken|taken\s+away)\b", re.I),
    re.compile(rf"\b(?:kidnapp(?:ed|ing)|abduct(?:ed|ing))\s+{_groups(3)}", re.I),  # "kidnapped two aid workers"
    re.compile(rf"\b(?:took|taking|take)\s+{_groups(2)}\s+(?:hostage|captive)", re.I),
)
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
    return Tolls(_largest(_KILLED, sentence), _largest(_INJURED, sentence), _largest(_ABDUCTED, sentence))


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


def _largest(patterns: tuple[re.Pattern[str], ...], sentence: str) -> int | None:
    totals = [_group_total(m, sentence) for rx in patterns for m in rx.finditer(sentence)]
    totals = [t for t in totals if t]
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
