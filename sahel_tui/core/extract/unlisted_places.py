"""Places the knowledge base does not list, found from how the article introduces them.

Villages and department seats will always outnumber any gazetteer, so a name is taken as a place
when the text says it is one: "the village of X", "X, a town near ...", "the X department",
"X, in the Y region", "near X". The region is kept when the text gives it; coordinates never
are (nothing is invented). Every such place is marked unlisted, like people found in the text, and
has a slug id ("wendou_bosseabe"), as unlisted people do.
A name that is already a linked actor or place, a calendar word or lowercase is never taken.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from ..models import Mention, Place
from ..text import fold, slugify
from .lexicon.calendar import MONTHS, WEEKDAYS

_UP = "A-ZÀ-ÖØ-Þ"
_WORD = rf"[{_UP}][\w’'-]*[^\W_]"
_NAME = rf"(?P<name>{_WORD}(?:[ -]{_WORD}){{0,2}})"
_KINDS = r"village|town|hamlet|locality|(?:rural\s+|urban\s+)?commune|city|settlement|department|municipality"
_CUES = (
    # "the village of X", "the rural commune of X"
    re.compile(rf"\b(?:the\s+)?(?P<kind>{_KINDS})\s+of\s+{_NAME}"),
    # "X, a town in ...", "X, a small village near ..."
    re.compile(rf"(?<![\w’'-]){_NAME},\s+(?:a|an)\s+(?:[a-z-]+\s+){{0,2}}(?P<kind>{_KINDS})\b"),
    # "the X department", "X commune"
    re.compile(rf"\b(?:the\s+)?{_NAME}\s+(?P<kind>department|commune)\b"),
    # "X, in the Y region"
    re.compile(rf"(?<![\w’'-]){_NAME},\s+in\s+the\s+(?=(?:{_WORD}[ -]?){{1,3}}\s+(?:region|province)\b)"),
    # "near X", "outside X"
    re.compile(rf"\b(?:near|outside|around)\s+{_NAME}(?=\s*[,.;:)]|\s+(?:in|on|and|where|after|before)\b)"),
)
_UPPER_RE = re.compile(rf"[{_UP}]")
_KIND_WORDS = ("village", "town", "hamlet", "locality", "rural", "urban", "commune", "city", "settlement",
               "department", "municipality")


def _found_at(text: str, words: Sequence[str]) -> list[int]:
    """Every offset where one of ``words`` occurs (overlaps included), in order."""
    out: set[int] = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            out.add(at)
            at = text.find(word, at + 1)
    return sorted(out)


def _capitals(text: str) -> list[int]:
    return [m.start() for m in _UPPER_RE.finditer(text)]


#: Where each cue's matches can start (a superset): trying a cue only there is much cheaper than
#: letting the regex engine try it at every offset of the text, and finds the same matches
#: (see _cue_matches). The cue's own lookbehinds still decide.
_CUE_STARTS: tuple[Callable[[str], list[int]], ...] = (
    lambda text: _found_at(text, ("the", *_KIND_WORDS)),     # [the] village of X
    _capitals,                                               # X, a town
    lambda text: (_found_at(text, ("the",)) + _capitals(text)  # [the] X department
                  if "department" in text or "commune" in text else []),
    lambda text: _capitals(text) if "region" in text or "province" in text else [],  # X, in the Y region
    lambda text: _found_at(text, ("near", "outside", "around")),  # near X
)


def _cue_matches(cue: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``cue.finditer(text)``, trying only ``starts`` (every offset a match can start at): the
    leftmost match from the current offset is found at one of them, and a match after the
    previous one's end is taken, exactly as finditer does."""
    pos = 0
    for start in sorted(set(starts)):
        if start < pos:
            continue
        m = cue.match(text, start)
        if m:
            yield m
            pos = m.end()


_REGION_AFTER_RE = re.compile(rf",?\s+in\s+the\s+(?P<region>{_WORD}(?:[ -]{_WORD}){{0,2}})\s+(?:region|province)\b")
_CALENDAR = {fold(w) for w in (*MONTHS, *WEEKDAYS)}
#: Capitalised words that head no place name (sentence starts, titles, compass points).
_NOT_NAMES = {"the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "we", "our", "his",
              "her", "their", "its", "president", "minister", "general", "colonel", "captain", "mr", "mrs",
              "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
              "god", "allah", "islam", "christmas", "ramadan", "eid",
              # sentence adverbs that precede ", a town ..." ("Meanwhile, a town in the north ...")
              "meanwhile", "however", "later", "earlier", "then", "today", "yesterday", "now", "also", "elsewhere",
              "separately", "nearby", "instead", "still", "overall", "finally", "first", "second", "last", "in",
              "on", "at", "by", "for", "from", "since", "after", "before", "during", "there", "here", "such"}
#: Words of an institution's name: "the Defence department" is no place.
_INSTITUTIONAL = {"defence", "defense", "foreign", "affairs", "interior", "justice", "health", "education", "state",
                  "security", "finance", "communication", "communications", "information", "agriculture", "police",
                  "research", "press", "human", "rights", "political", "peacekeeping", "operations", "army",
                  "military", "government", "ministry", "national", "federal", "public", "works", "treasury"}


def find_unlisted_places(text: str, taken: Sequence[Mention]) -> tuple[list[Place], list[Mention]]:
    """The unlisted places of ``text`` and every mention of them (``taken``: the linked mentions).

    >>> places, mentions = find_unlisted_places("Gunmen raided the village of Kobéré, in the Douentza "
    ...                                         "region. Kobéré was empty.", [])
    >>> [(p.name, p.kind, p.admin_region) for p in places], len(mentions)
    ([('Kobéré', 'village', 'Douentza')], 2)
    """
    found: dict[str, Place] = {}
    for cue, starts in zip(_CUES, _CUE_STARTS, strict=True):
        for m in _cue_matches(cue, text, starts(text)):
            name = m.group("name")
            start, end = m.span("name")
            if not _acceptable(name, start, end, taken) or fold(name) in found:
                continue
            kind = re.sub(r"\s+", " ", m.groupdict().get("kind") or "area").split()[-1]
            region = _REGION_AFTER_RE.match(text, m.end()) or _REGION_AFTER_RE.match(text, end)
            found[fold(name)] = Place(id=slugify(name), name=name, kind=kind, listed=False,
                                      admin_region=region.group("region") if region else None)
    mentions: list[Mention] = []
    for place in found.values():
        for m in re.finditer(rf"(?<![\w’'-]){re.escape(place.name)}(?![\w-])", text):
            if not _overlaps(m.start(), m.end(), taken):
                mentions.append(Mention("place", place.id, m.start(), m.end(), m.group()))
    return list(found.values()), sorted(mentions, key=lambda m: m.start)


def _acceptable(name: str, start: int, end: int, taken: Sequence[Mention]) -> bool:
    words = [fold(w) for w in re.split(r"[ -]", name)]
    return (words[0] not in _NOT_NAMES and not (set(words) & (_CALENDAR | _INSTITUTIONAL))
            and not _overlaps(start, end, taken) and len(name) > 2)


def _overlaps(start: int, end: int, mentions: Sequence[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)
