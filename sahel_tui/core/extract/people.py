"""Find named people the knowledge base does not know, when the article says who they are.

An analyst wants a profile for "Aly Tounkara, who lectures at the University of Bamako" even if
nobody put him in actors.yaml. A person is surfaced when a capitalised name of two to four words
comes with a role: an appositive ("X, a senior researcher at …"), a relative clause ("X, who
lectures at …"), or a role title just before the name ("security expert X", "Colonel X").
Later mentions by surname alone ("Tounkara said") are linked to the same person.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Actor, Mention
from ..text import slugify
from .lexicon.people import NAME_PARTICLES, NAME_TITLES, ROLE_NOUNS, TITLE_ABBREVIATIONS

_PARTICLE = rf"(?:{'|'.join(sorted(NAME_PARTICLES, key=len, reverse=True))})"
_CAP = r"[A-ZÀ-Ý][\w’'\-]*[\w]"
#: 2–4 capitalised words, allowing Arabic/French particles (Mohammed el-Amine al-Dah, Iyad Ag Ghali).
NAME = rf"(?:{_CAP}|{_PARTICLE}-{_CAP})(?:\s+(?:{_PARTICLE}[\s\-])?(?:{_CAP})){{1,3}}"
#: Person nouns that can say who someone is ("security expert X", "X, a nurse in Gao"); the
#: lexicon's list minus words too generic to be a role ("man", "people").
_ROLE_NOUNS = "|".join(re.escape(w) for w in sorted(ROLE_NOUNS, key=len, reverse=True))


def _by_first_letter(words: list[str]) -> str:
    """The same alternation (same order: longest first) with the words grouped under their first
    letter: the regex engine then tries a word only where its first letter is, instead of trying
    all of them, case-insensitively, at every word of the text (3x faster, same matches)."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word)
    return "|".join(f"{re.escape(first)}(?:{'|'.join(re.escape(w[1:]) for w in group)})"
                    for first, group in groups.items())


# "Colonel X", "Col. X", "Dr X": a title is capitalised; an abbreviation may carry its full stop.
_TITLES = "(?:" + "|".join(re.escape(t.capitalize()) + (r"\.?" if t in TITLE_ABBREVIATIONS else "")
                          for t in sorted(NAME_TITLES, key=len, reverse=True)) + ")"

#: "Name, a/an/the role …" and "Name, who …": found from the cheap anchor ", a " / ", who " and
#: then a name ending right before it (trying NAME at every position of the text was slow).
_APPOSITIVE_ANCHOR_RE = re.compile(r",\s+(?P<role>(?:an?|the|who|which|one of)\s[^,.;:“”\"]+)")
_NAME_BEFORE_RE = re.compile(rf"(?<![\w’'\-])(?P<name>{NAME})$")
_HAS_ROLE_NOUN_RE = re.compile(rf"\b(?:{_ROLE_NOUNS})", re.I)
#: "… security expert Name" / "Colonel Name": a role noun or title right before the name (the words
#: before the noun that belong to the role are added afterwards: a regex that tried them at every
#: position cost more than all the other people rules together).
_TITLED_RE = re.compile(rf"\b(?P<role>(?i:{_by_first_letter(sorted(ROLE_NOUNS, key=len, reverse=True))})|{_TITLES})"
                        rf"\s+(?P<name>{NAME})\b")
_ROLE_WORDS_BEFORE_RE = re.compile(r"(?:[A-Za-z\-]+\s+){0,4}$")
_NOT_A_NAME = {"The", "This", "That", "These", "Those", "In", "On", "At", "But", "And", "When",
               "While", "After", "Before", "Since", "However", "Meanwhile", "According", "Security",
               "Defence", "Human", "Rights", "Watch", "United", "Nations", "Islamic", "State", "Group",
               "Army", "Forces", "Ministry", "Council", "Movement", "Front", "Alliance", "Party",
               "Union", "Republic", "Support", "Policy", "Center", "Centre", "University", "Institute"}


@dataclass(frozen=True)
class PersonFinding:
    name: str
    role: str
    start: int
    end: int


_ROLE_STOP = {"and", "but", "its", "his", "her", "their", "the", "a", "an", "of", "by", "to", "for", "with",
              "from", "said", "says", "told", "bringing", "under", "as", "when", "while"}


def _role_words_before(text: str, start: int) -> str:
    """The few words before a role noun that belong to the role ("Senior security" analyst),
    stopping at function words and at a glued caption tag."""
    line_start = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start), text.rfind(", ", 0, start)) + 1
    before = _ROLE_WORDS_BEFORE_RE.search(text[line_start:start])
    words = before.group().split() if before else []
    kept: list[str] = []
    for word in reversed(words):
        if word.lower() in _ROLE_STOP or (len(word) > 1 and any(c.isupper() for c in word[1:])):
            break
        kept.insert(0, word)
    return " ".join(kept) + (" " if kept else "")


def _plausible(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and not any(w.strip("’'") in _NOT_A_NAME for w in words)


def _overlaps(start: int, end: int, mentions: Sequence[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def find_people(text: str, mentions: Sequence[Mention] = ()) -> list[PersonFinding]:
    """Named people with a role in the text who are not already linked mentions.

    >>> [(p.name, p.role) for p in find_people("“It is hard,” said Awa Traoré, a nurse in Gao.")]
    [('Awa Traoré', 'a nurse in Gao')]
    """
    found: dict[str, PersonFinding] = {}
    for finding in (*_appositives(text), *_titled(text)):
        if _plausible(finding.name) and finding.name not in found and \
                not _overlaps(finding.start, finding.end, mentions):
            found[finding.name] = finding
    return sorted(found.values(), key=lambda p: p.start)


def _appositives(text: str) -> list[PersonFinding]:
    """"Name, a senior researcher at …" / "Name, who lectures at …"."""
    out = []
    for anchor in _APPOSITIVE_ANCHOR_RE.finditer(text):
        role = anchor.group("role").strip()
        if role.startswith(("an ", "a ", "the ")) and not _HAS_ROLE_NOUN_RE.search(role):
            continue
        window_start = max(0, anchor.start() - 80)
        m = _NAME_BEFORE_RE.search(text, window_start, anchor.start())
        if m:
            out.append(PersonFinding(m.group("name"), role, m.start("name"), m.end("name")))
    return out


def _titled(text: str) -> list[PersonFinding]:
    """"Defence and security expert Name" / "Colonel Name"."""
    out = []
    for m in _TITLED_RE.finditer(text):
        name = m.group("name")
        if name[:1].isupper():
            role = _role_words_before(text, m.start()) + m.group("role").strip()
            out.append(PersonFinding(name, role, m.start("name"), m.end("name")))
    return out


def person_actor(finding: PersonFinding) -> Actor:
    """An unlisted actor record for a person found in the text."""
    return Actor(id=slugify(finding.name), name=finding.name, type="person",
                 aliases=(finding.name,), role=finding.role, listed=False)


def person_mentions(text: str, people: Sequence[Actor], taken: Sequence[Mention]) -> list[Mention]:
    """Every mention of the found people: full name, and surname alone once introduced."""
    out: list[Mention] = []
    for person in people:
        surname = person.name.split()[-1]
        for form in (person.name, surname):
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                if not _overlaps(m.start(), m.end(), taken) and not _overlaps(m.start(), m.end(), out):
                    out.append(Mention("actor", person.id, m.start(), m.end(), m.group()))
    return sorted(out, key=lambda m: m.start)
