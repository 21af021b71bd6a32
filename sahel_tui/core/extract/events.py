"""Events: the dated happenings of one article, for the "what happened, when, where" timeline.

What becomes an event (rules checked against the hand-made gold of the seeds, written to hold
for articles nobody has seen):

1. A sentence holding a point date from `dates.find_dates` (durations, vague words and dates in
   names never get that far). Background dates count: "the junta, which seized power in 2020"
   is the 2020 coup — for a timeline the year a junta took power is itself a happening.
2. Never events: headings (a short one-sentence paragraph without final punctuation), datelines
   (a sentence that is nothing but a date) and a sentence printed twice (captions often are).
3. One event per date expression. A further date in the same sentence is its own event only
   when its own clause names another happening ("After the 2021 coup, ..., with French forces
   exiting Mali in 2022" -> coup 2021 + withdrawal 2022), not for a detail ("the worst since 2019").
4. A later dated reference to a happening already recorded is dropped: same kind and trigger
   group, overlapping periods, a date no more specific than the first, and no new toll ("This
   month’s attacks" after "last Tuesday’s attacks"). "Two days later" or "the same period"
   always introduce a new happening. When the first report is a photo caption, the body
   sentence becomes the event.

Kind = the trigger nearest to the date inside its clause: to the right for a fronted date ("In
June, the junta ordered ...") or an attributive one ("the 2021 coup", "July’s attacks"), else
left first. A date right after a speech verb ("said on Wednesday") makes a statement; with no
trigger at all, a speech verb anywhere makes a statement, anything else is `other` (captions).
A trigger after "decline/increase/rise in" is a trend, hence `other`.

Kind table (trigger group in brackets; the group tells repeats apart, see rule 4):

* coup — coup, putsch [coup]; seized/took/came to power, "in power since" in a sentence about a
  junta or the military [power]; overthrown, ousted, toppled [overthrow]
* attack — kidnapped, abducted, hostage-taking [kidnap]; massacre, killings [massacre]; attack,
  raid, assault, ambush, offensive, strike, security incidents [attack]; clashes, fighting, war
  between, rebellion [clash]; seized, captured, overran [seize]; killed, dead, targeted [kill]
* withdrawal — withdraw, departure, exit, pull out, left + a name, expelled [withdraw]
* deployment — deployed, sent troops, dispatched, intervention [deploy]
* agreement — agreement, accord, deal, treaty, ceasefire, pact, conventions, signed [agreement]
* political — decree, dissolution, bill, law, election, sanctions, suspended, appointed, mandate,
  retracted, adopted, arrested, jailed [decision]; negotiations, talks, dialogue, establish
  contact [talks]; "in power since" about a civilian government [power]
* report — report, study, survey, investigation, findings [report]
* statement — statement, communiqué, press conference [speech]; said, told, announced, claimed,
  acknowledged ... right before the date, or in the date's clause when nothing above applies
* other — none of these (photo captions, "when they first appeared in 2018"), or a trend
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import NamedTuple

from ..models import DateExpr, Event, Mention
from ..text import fold
from .dates import find_dates, is_scheduled, is_week, published_until
from .happenings import overlap
from .lexicon.calendar import matches_at
from .sentences import Sentence, split_sentences
from .tolls import find_tolls

# Speed: most patterns below are case-insensitive and written in lowercase. They run on the
# lowercased sentence, where they find the same matches at the same offsets, faster (the regex
# engine skips case-sensitive alternatives cheaply); matched text is taken from the sentence by
# offsets. A few letters make lower() and case-insensitive matching differ; sentences holding one
# use the patterns as written. Costly patterns are skipped when the sentence lacks every word a
# match needs.
_UNSAFE_LOWER = "ıſİ"  # ignoring case "s" matches "ſ", but "ſ".lower() is "ſ"; "İ".lower() is two characters


def _lower(s: str) -> str | None:
    """``s`` lowercased, with the same offsets and the same case-insensitive matches, else None."""
    return None if any(c in s for c in _UNSAFE_LOWER) else s.lower()


def _may_hold(low: str | None, words: re.Pattern[str], pos: int = 0, endpos: int | None = None) -> bool:
    """False when the lowercased text (within pos..endpos) lacks all of ``words``, so a pattern that
    needs one of them cannot match; True when it may match or ``low`` is None (unknown)."""
    return low is None or words.search(low, pos, len(low) if endpos is None else endpos) is not None


class _Rx:
    """A case-insensitive pattern written in lowercase, for the sentence and for its lowercased copy."""

    def __init__(self, pattern: str) -> None:
        self.text, self.low = re.compile(pattern, re.I), re.compile(pattern)

    def search(self, s: str, low: str | None, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        endpos = len(s) if endpos is None else endpos
        return self.text.search(s, pos, endpos) if low is None else self.low.search(low, pos, endpos)

    def match(self, s: str, low: str | None) -> re.Match[str] | None:
        return self.text.match(s) if low is None else self.low.match(low)


# kind, group, pattern and stems: every match has a word that begins with one of the row's stems,
# so a sentence without such a word is not scanned for that row; in all rows but _SCANNED_ROWS a
# match even starts with a stem, so the row is only tried there.
_TRIGGER_ROWS = (
    ("coup", "coup", r"coups?|putsch(?:es)?|coup\s+d[’']état", ("coup", "putsch")),
    ("coup", "power", r"(?:seiz(?:e|ed|es|ing)|took|tak(?:e|en|ing)|grabb(?:ed|ing)|came\s+to|seizure\s+of)\s+"
                      r"power|in\s+power(?=\s+since)", ("power",)),
    ("coup", "overthrow", r"overthr(?:ow|own|ew|owing)|ousted|ousting|toppl(?:ed|ing)|deposed",
     ("overthr", "oust", "toppl", "deposed")),
    ("attack", "kidnap", r"kidnap\w*|abduct\w*|hostage[- ]taking|taken\s+hostage|forcibly\s+taken",
     ("kidnap", "abduct", "hostage", "taken", "forcibly")),
    ("attack", "massacre", r"massacr\w*|killings|slaughter\w*|executions?",
     ("massacr", "killings", "slaughter", "execution")),
    ("attack", "attack", r"(?:counter-?)?attack(?:s|ed|ing)?|assaults?|raids?|ambush(?:es|ed)?|offensives?|"
                         r"bombings?|(?:drone|air)\s?strikes?|explosions?|security\s+incidents?",
     ("counter", "attack", "assault", "raid", "ambush", "offensive", "bombing", "drone", "air", "explosion",
      "security")),
    ("attack", "clash", r"clash(?:es|ed)?|fighting|(?:fratricidal|civil)\s+war|war\s+between|battles?|rebellion|"
                        r"uprising|insurrection",
     ("clash", "fighting", "fratricidal", "civil", "war", "battle", "rebellion", "uprising", "insurrection")),
    ("attack", "seize", r"seiz(?:e|ed|es|ing|ure)|captur(?:e|ed|ing)|overr(?:an|un)|besieg\w*|blockades?",
     ("seiz", "captur", "overr", "besieg", "blockade")),
    ("attack", "kill", r"killed|killing|dead|died|deaths|lost\s+their\s+lives|target(?:ed|ing)",
     ("killed", "killing", "dead", "died", "deaths", "lost", "target")),
    ("withdrawal", "withdraw", r"withdr[ae]w\w*|withdrawals?|pull(?:ed|ing)?\s+out|pull-?out|departure|"
                               r"depart(?:ed|ing)|exit(?:s|ed|ing)?|(?:left|leav(?:e|es|ing))(?=\s+(?-i:[A-Z]))|"
                               r"expell?(?:ed|ing)|expulsion|evacuat\w*",
     ("withdr", "pull", "depart", "exit", "left", "leav", "expel", "expuls", "evacuat")),
    ("deployment", "deploy", r"deploy\w*|sent\s+(?:troops|soldiers|forces|reinforcements)|dispatch(?:ed|ing)|"
                             r"interven(?:ed|tion)", ("deploy", "sent", "dispatch", "interven")),
    ("agreement", "agreement", r"agreements?|accords?|deals?(?!\s+with)|treat(?:y|ies)|cease-?fire|truce|"
                               r"memorand(?:um|a)|conventions|pacts?|signed|signing",
     ("agreement", "accord", "deal", "treat", "cease", "truce", "memorand", "conventions", "pact", "sign")),
    ("political", "decision", r"decrees?|dissol(?:ve|ved|ution)|bills?|laws?|elections?|referendum|constitution|"
                              r"sanction(?:s|ed)?|suspend(?:ed|s)?|suspension|appoint(?:ed|ment)|sworn\s+in|"
                              r"mandate|retract(?:ed|s)?|adopted|vot(?:e|ed|ing)|banned|resign(?:ed|ation)|"
                              r"arrested|detained|jailed|sentenced|convicted",
     ("decree", "dissol", "bill", "law", "election", "referendum", "constitution", "sanction", "suspen", "appoint",
      "sworn", "mandate", "retract", "adopted", "vot", "banned", "resign", "arrested", "detained", "jailed",
      "sentenced", "convicted")),
    ("political", "talks", r"negotiations|talks|dialogue|(?:re-?)?establish\s+contact",
     ("negotiations", "talks", "dialogue", "contact")),
    ("report", "report", r"reports?|study|survey|investigation|findings",
     ("report", "study", "survey", "investigation", "findings")),
    ("statement", "statement", r"statements?|communiqu[ée]s?|press\s+(?:release|conference)|speech|interview",
     ("statement", "communiqu", "press", "speech", "interview")),
)
_SCANNED_ROWS = ("power", "talks")


class _Row(NamedTuple):
    kind: str
    group: str
    text: re.Pattern[str]  # for the sentence
    low: re.Pattern[str] | None  # for the lowercased sentence; None: the row has a case-sensitive part
    at_stems: bool  # every match starts with a stem


_TRIGGERS = tuple(_Row(kind, group, re.compile(rf"\b(?:{pattern})\b", re.I),
                       None if "(?-i:" in pattern else re.compile(rf"\b(?:{pattern})\b"), group not in _SCANNED_ROWS)
                  for kind, group, pattern, _ in _TRIGGER_ROWS)


def _stem_index(rows: tuple[tuple[str, str, str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str],
                                                                                   dict[str, frozenset[int]]]:
    """One regex for all stems at a word start, and the rows each stem stands for.

    A stem that begins with another one ("sentenced", "sent") is merged into the shorter: then no two
    stems can match at the same place, so a single scan reports every row that may match.
    """
    rows_of: dict[str, set[int]] = {}
    for i, row in enumerate(rows):
        for stem in row[3]:
            rows_of.setdefault(stem, set()).add(i)
    for stem in sorted(rows_of, key=len, reverse=True):
        shorter = next((other for other in rows_of if other != stem and stem.startswith(other)), None)
        if shorter:
            rows_of[shorter] |= rows_of.pop(stem)
    by_letter: dict[str, list[str]] = {}
    for stem in sorted(rows_of):
        by_letter.setdefault(stem[0], []).append(re.escape(stem[1:]))
    alternatives = "|".join(f"{letter}(?:{'|'.join(rest)})" for letter, rest in by_letter.items())
    return re.compile(rf"\b(?:{alternatives})"), {stem: frozenset(rows) for stem, rows in rows_of.items()}


_STEM_RE, _ROWS_OF_STEM = _stem_index(_TRIGGER_ROWS)
_SPEECH_RE = _Rx(r"\b(?:said|says|told|announced|stated|declared|claimed|added|noted|warned|explained|"
                 r"acknowledged|admitted|confirmed|denied|condemned|urged|called\s+(?:on|for))\b")
_SPEECH_WORDS = re.compile("said|says|told|announced|stated|declared|claimed|added|noted|warned|explained|"
                           "acknowledged|admitted|confirmed|denied|condemned|urged|called")
# "said on Wednesday", "said October 26", "told AFP on Monday": the date is the statement's.
_SPEECH_BEFORE_RE = _Rx(r"\b(?:said|says|told\s+[\w-]+(?:\s+[\w-]+)?|announced|stated|declared|"
                        r"confirmed|reported|added|warned)(?P<noun>\s+in\s+an?\s+(?:(?:[\w-]+\s+)?statement|"
                        r"communiqu[ée]|video|message|post|interview|press\s+release))?\s+(?:on\s+|in\s+)?$")
_SPEECH_BEFORE_WORDS = re.compile("said|says|told|announced|stated|declared|confirmed|reported|added|warned")
_MILITARY_RE = _Rx(r"\b(?:junta|military|soldiers|colonels|army|coup)\b")
_TREND_RE = _Rx(r"\b(?:decline|increase|rise|drop|fall|surge|upsurge|reduction|spike)\s+in\s+(?:\w+\s+)?$")
_TREND_WORDS = re.compile("decline|increase|rise|drop|fall|surge|reduction|spike")
# A trailing attribution (", analysts said.") sources the sentence; it is not what happened.
_ATTRIBUTION_RE = _Rx(r"[,;]\s*(?:[\w’'.-]+\s+){0,6}(?:said|says|told\s+[\w-]+|added|noted|explained)\b"
                      r"(?:\s+[\w’'.-]+){0,6}\W*$")
_ATTRIBUTION_WORDS = re.compile("said|says|told|added|noted|explained")
_BOILERPLATE_RE = _Rx(r"copyright|©|all\s+rights\s+reserved|subscribe|newsletter|cookies")
_BOILERPLATE_WORDS = re.compile("copyright|©|rights|subscribe|newsletter|cookies")
_LETTER_RE = re.compile(r"[^\W\d_]")
# Clause boundaries; a date's own clause lies between two of them.
_BOUNDARY_RE = re.compile(r"[,;:()\[\]–—]|\s-{1,2}\s|\b(?:and|but|while|whereas)\b", re.I)
# The same as two fast scans of the lowercased text: the marks (a whitespace only before "-"), and
# the words, kept when they start at a word boundary (marks and words cannot overlap).
_BOUNDARY_MARK_RE = re.compile(r"[,;:()\[\]–—\s](?:(?<=\s)-{1,2}\s|(?<!\s))")
_BOUNDARY_WORD_RE = re.compile(r"(?:and|but|while|whereas)\b")
# Words that may stand before a fronted date: "Less than a fortnight earlier, on the night of June 18,".
_FILLER_RE = _Rx(r"^\W*(?:(?:on|in|at|since|by|during|then|early|late|the|night|morning|evening|"
                 r"afternoon|of|before|after|that|from|until|around|so|over|across|throughout)\s+)*\W*$")
_DETERMINER_RE = _Rx(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$")
_POSSESSIVE_RE = re.compile(r"^[’']s\b")
_CREDIT_RE = re.compile(r"\s*\[[^\[\]\n]{2,100}\]\s*$")  # trailing "[Sia Kambou/AFP]"
_PHOTO_RE = _Rx(r"\bphoto\b")
_PHOTO_WORDS = re.compile("photo")
_FINAL_PUNCT = ".!?…\"”’)]»"
_NOUN_TRIGGER_RE = re.compile(r"(?:attack|raid|assault|ambush|offensive|massacre|clash|coup|withdrawal|departure|"
                              r"exit|deployment|agreement|accord|deal|ceasefire|report|dissolution|bill|decree|"
                              r"election|sanction|mandate|kidnapping|hostage-taking|bombing|strike|war|fighting|"
                              r"intervention|negotiation|talk|incident)(?:e?s)?$", re.I)
# The object of a noun trigger, for labels: "attack on the Dioura military camp in ..." -> "on Dioura military camp".
_PP_RE = re.compile(r"^\s+(on|of|against|at|near|in|between)\s+((?:(?!(?:in|of|on|at|near|by|which|that|who|"
                    r"was|were|has|had|and|with|to|for|killed|killing)\b)[\w’'-]+\s*){1,5})", re.I)
_PREP_END_RE = re.compile(r"\s+(?:on|in|since|during|from|by|at|of|until)\s*$", re.I)
_KIND_NOUN = {"attack": "Attack", "coup": "Coup", "withdrawal": "Withdrawal", "deployment": "Deployment",
              "agreement": "Agreement", "statement": "Statement", "report": "Report",
              "political": "Political decision", "period": "Reporting period", "other": "Event"}
# A dateline heads its line, after an optional update note and place, and ends in a dash:
# "(Adds toll) March 4 – ...", "Ouagadougou, 3 May 2021 – ..." It dates the copy, not a happening.
_DATELINE_BEFORE_RE = re.compile(r"^\s*(?:\([^()\n]{1,80}\)\s*)?(?:[A-Z][\w’'.-]*(?:[ -][A-Z][\w’'.-]*){0,3}"
                                 r"\s*(?:\([^()\n]{1,30}\))?,\s*){0,2}$")  # "DORI, Burkina Faso, May 30"
# used with match(): no "^", which fails at pos; "March 4 (Reuters) -": the agency may stand before the dash
_DATELINE_AFTER_RE = re.compile(r"\s*(?:\([^()\n]{1,30}\)\s*)?(?:[–—]|-{1,2}\s)")
# A comparison baseline is no happening: "the deadliest since 2017", "more than in 2019".
_BASELINE_RE = _Rx(r"(?:\b(?:deadliest|worst|bloodiest|heaviest|largest|biggest|highest|lowest|most|least|fewest|"
                   r"first|greatest|strongest|sharpest|longest|record)\b(?:\s+[\w’'-]+){0,6}\s+since|"
                   r"\bthan\s+(?:in|on|during|at)|\b(?:compared\s+(?:with|to)|up\s+from|down\s+from)"
                   r"(?:\s+[\w’'-]+){0,3}?(?:\s+in)?)\s+(?:the\s+)?$")
# "coups in 2020 and 2021": a date listed after another shares its happening.
_COORDINATED_RE = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|as\s+well\s+as\s+)(?:(?:in|on)\s+)?$",
                             re.I)
# "Between March and September 2019", "from 2012 to 2015": a reporting period, one item.
_RANGE_OPEN_RE = re.compile(r"\b(?:between|from)\s+$", re.I)
_RANGE_GAP_RE = re.compile(r"\s*(?:and|to|until|till|through|[-–])\s*$", re.I)
# "At Monday’s funeral": the words after a possessive date, to spot a reference back.
_POSSESSIVE_HEAD_RE = re.compile(r"[’']s\s+((?:[\w-]+\s+){0,2}[\w-]+)")
class _Trigger(NamedTuple):
    kind: str
    group: str | None
    start: int  # offsets in the sentence
    end: int
    text: str


class _Draft(NamedTuple):
    event: Event
    group: str | None  # trigger group used to recognise a later reference to the same happening
    caption: bool
    offset: bool  # dated by "two days later", "the same period": always a new happening
    week: bool  # a day that stands for "last week"
    refers: tuple[str, ...] = ()  # words after a possessive date ("Monday’s funeral" -> funeral)


def extract_events(text: str, published: date | None, mentions: Sequence[Mention] = (),
                   published_precision: str | None = None) -> tuple[Event, ...]:
    """The dated happenings of an article, in document order (``published_precision``: "month" or
    "year" when only that much of the publication date is known).

    >>> [(e.date_display, e.kind, e.killed) for e in extract_events(
    ...     "On January 12, gunmen attacked Siby, killing four soldiers. The next day, Nara fell.",
    ...     date(2023, 1, 15))]
    [('2023-01-12', 'attack', 4), ('2023-01-13', 'other', None)]
    """
    until = published_until(published, published_precision)
    found = find_dates(text, published, published_precision)
    datelines = [d for d in found if _is_dateline(text, d)]
    dates, ranges = _join_ranges(text, [d for d in found if _reportable(text, d, until) and d not in datelines
                                        and not _is_baseline(text, d)])
    drafts: list[_Draft] = []
    seen: set[str] = set()
    within = _Mentions(mentions)
    for sent, inside in _dated_sentences(text, dates):
        low = _lower(sent.text)
        if not _skip_sentence(text, sent, low, inside, seen):
            drafts.extend(_sentence_drafts(text, sent, low, inside, within, ranges))
    return tuple(_after_dateline(text, d.event, datelines) for d in _drop_repeats(drafts))


def _is_dateline(text: str, d: DateExpr) -> bool:
    """A date heading its line, after an optional update note and place, followed by a dash."""
    line_start = text.rfind("\n", 0, d.start) + 1
    return bool(_DATELINE_AFTER_RE.match(text[d.end:d.end + 40])
                and _DATELINE_BEFORE_RE.match(text[line_start:d.start]))


def _is_baseline(text: str, d: DateExpr) -> bool:
    """A date a figure is compared with: "the deadliest since 2017", "fewer than in 2019"."""
    before = text[max(text.rfind("\n", 0, d.start) + 1, d.start - 120):d.start]
    return bool(_BASELINE_RE.search(before, _lower(before)))


def _join_ranges(text: str, dates: list[DateExpr]) -> tuple[list[DateExpr], frozenset[int]]:
    """"Between March and September 2019" as one date (its start), and where such ranges start."""
    out: list[DateExpr] = []
    ranges: set[int] = set()
    for d in dates:
        prev = out[-1] if out else None
        if (prev is not None and prev.start not in ranges and _RANGE_GAP_RE.match(text, prev.end, d.start)
                and _RANGE_OPEN_RE.search(text, max(0, prev.start - 12), prev.start)):
            out[-1] = DateExpr(text[prev.start:d.end], prev.start, d.end, prev.value or d.value,
                               prev.precision if prev.value else d.precision, prev.basis)
            ranges.add(prev.start)
        else:
            out.append(d)
    return out, frozenset(ranges)


def _after_dateline(text: str, event: Event, datelines: list[DateExpr]) -> Event:
    """The event's sentence without a dateline that heads it ("March 4 – Gunmen ..." -> "Gunmen ...")."""
    for d in datelines:
        if event.start <= d.start < (event.date_start or event.end):
            dash = _DATELINE_AFTER_RE.match(text, d.end)
            start = dash.end() if dash else d.end
            while start < event.end and text[start].isspace():
                start += 1
            return replace(event, start=start, sentence=text[start:event.end])
    return event


class _Mentions:
    """The mentions lying within a span, in their given order (a binary search when sorted)."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:], strict=False))

    def within(self, start: int, end: int) -> list[Mention]:
        if not self.ordered:
            return [m for m in self.mentions if start <= m.start and m.end <= end]
        first, last = bisect_left(self.starts, start), bisect_right(self.starts, end)
        return [m for m in self.mentions[first:last] if m.end <= end]


# --------------------------------------------------------------------------- sentences
def _reportable(text: str, d: DateExpr, until: date | None) -> bool:
    """Resolved dates up to publication (``until``: the end of its window), and scheduled ones: a
    later date is kept only when the text schedules something for it ("a vote is set for May 14").
    Once the publication date is known an unresolved date is a failure, not news ("Twenty years
    later" after "the 1990s")."""
    if until is None:
        return True
    return d.value is not None and (d.value <= until or is_scheduled(text, d.start))


def _dated_sentences(text: str, dates: list[DateExpr]) -> list[tuple[Sentence, list[DateExpr]]]:
    """The sentences holding at least one of the dates (in order), each with the dates it holds.

    Sentences never cross a line, so only the lines with a date are split (each on its own, which
    gives the same sentences); ``paragraph`` is then the index within that line.
    """
    out: list[tuple[Sentence, list[DateExpr]]] = []
    i = 0
    while i < len(dates):
        line_start = text.rfind("\n", 0, dates[i].start) + 1
        line_end = text.find("\n", dates[i].start)
        line_end = len(text) if line_end < 0 else line_end
        j = i
        while j < len(dates) and dates[j].start < line_end:
            j += 1
        for piece in split_sentences(text[line_start:line_end]):
            start, end = piece.start + line_start, piece.end + line_start
            inside = [d for d in dates[i:j] if start <= d.start and d.end <= end]
            if inside:
                out.append((Sentence(piece.text, start, end, piece.paragraph), inside))
        i = j
    return out


def _skip_sentence(text: str, sent: Sentence, low: str | None, dates: list[DateExpr], seen: set[str]) -> bool:
    """Repeated sentences, datelines and headings are not reports of a happening (``low``: the
    lowercased sentence, None if unsafe)."""
    key = fold(sent.text)
    if key in seen:
        return True
    seen.add(key)
    starts = [0] + [d.end - sent.start for d in dates]
    rest = ("".join(sent.text[prev:d.start - sent.start] for prev, d in zip(starts, dates, strict=False))
            + sent.text[dates[-1].end - sent.start:])
    if not _LETTER_RE.search(rest) or (_may_hold(low, _BOILERPLATE_WORDS) and _BOILERPLATE_RE.search(sent.text, low)):
        return True  # a dateline ("Monday August 28, 2023") or site furniture
    heading = sent.text[-1] not in _FINAL_PUNCT and len(sent.text.split()) <= 14
    return heading and _line(text, sent) == sent.text


def _line(text: str, sent: Sentence) -> str:
    """The paragraph line a sentence sits in (a caption's credit may be split off as its own piece)."""
    end = text.find("\n", sent.end)
    return text[text.rfind("\n", 0, sent.start) + 1:end if end >= 0 else len(text)].strip()


def _sentence_drafts(text: str, sent: Sentence, low: str | None, dates: list[DateExpr],
                     mentions: _Mentions, ranges: frozenset[int] = frozenset()) -> list[_Draft]:
    """One draft per date, except further dates whose clause names no new happening; a date
    listed right after another ("in 2020 and 2021") shares its happening. ``ranges``: where the
    dates that stand for a reporting period start."""
    s = sent.text
    spans = [(d.start - sent.start, d.end - sent.start) for d in dates]
    triggers = _triggers(s, low, spans)
    cuts = _cuts(s, low, spans)
    start, end = _trim(s)
    line = _line(text, sent)
    caption = bool(("[" in line and _CREDIT_RE.search(line))
                   or (_may_hold(low, _PHOTO_WORDS) and _PHOTO_RE.search(s, low)))
    drafts: list[_Draft] = []
    used: set[tuple[str, str | None]] = set()
    previous: _Trigger | None = None  # the trigger of the previous date, when it made a draft
    kinds = [_classify(s, low, spans, i, triggers, cuts) for i in range(len(dates))]
    listed_after = [bool(i) and bool(_COORDINATED_RE.match(s[spans[i - 1][1]:spans[i][0]])) for i in range(len(dates))]
    for i in range(len(dates) - 1, 0, -1):  # "In 2022 and 2023, the country suffered coups": the list's trigger
        if listed_after[i] and kinds[i - 1].group is None and kinds[i].group not in (None, "speech"):
            kinds[i - 1] = kinds[i]
    for i, d in enumerate(dates):
        trig = kinds[i]
        listed = previous is not None and listed_after[i]
        if listed and previous is not None and trig.group in (None, "speech", previous.group):
            trig = previous  # "coups in 2020 and 2021": the listed date shares the happening
        elif d.start in ranges and trig.group is None:
            trig = _Trigger("period", "period", spans[i][0], spans[i][0], "")  # "Between March and May 2019, ..."
        elif i and (trig.group in (None, "speech") or (trig.kind, trig.group) in used):
            previous = None
            continue
        used.add((trig.kind, trig.group))
        previous = trig
        part = s[spans[i - 1][1] if i else 0:spans[i + 1][0] if i + 1 < len(spans) else len(s)]
        event = _make_event(text, (sent.start + start, sent.start + end), d, _shift(trig, sent.start), part, mentions)
        week = is_week(d)
        head = _POSSESSIVE_HEAD_RE.match(text, d.end)
        refers = tuple(w for w in fold(head.group(1)).split() if len(w) > 3) if head else ()
        offset = d.basis == "context" and (d.precision == "week" or not week)  # not "last week" read as its day
        drafts.append(_Draft(event, trig.group, caption, offset, week, refers))
    return drafts


def _trim(s: str) -> tuple[int, int]:
    """Offsets without a trailing photo credit and without surrounding or unbalanced quote marks."""
    credit = _CREDIT_RE.search(s) if "[" in s else None
    start, end = 0, credit.start() if credit else len(s)
    body = s[start:end]
    opens, closes = body.count("“") + body.count("«"), body.count("”") + body.count("»")
    odd = body.count('"') % 2 == 1
    if body[:1] in ("“", "«") and body[-1:] in ("”", "»") and opens == closes == 1:
        start, end = start + 1, end - 1  # the whole sentence is one quotation
    elif (body[:1] in ("“", "«") and opens > closes) or (body[:1] == '"' and odd):
        start += 1
    elif (body[-1:] in ("”", "»") and closes > opens) or (body[-1:] == '"' and odd):
        end -= 1
    while start < end and s[start].isspace():
        start += 1
    while end > start and s[end - 1].isspace():
        end -= 1
    return start, end


def _make_event(text: str, span: tuple[int, int], d: DateExpr, trig: _Trigger, part: str,
                mentions: _Mentions) -> Event:
    """An Event for one date of a sentence; ``trig`` has text offsets, ``part`` holds its tolls."""
    start, end = span
    inside = mentions.within(start, end)
    places = tuple(dict.fromkeys(m.ref for m in inside if m.kind == "place"))
    actors = tuple(dict.fromkeys(m.ref for m in inside if m.kind == "actor"))
    tolls = find_tolls(part)
    label = _label(text, (start, end), trig, inside, d)
    return Event(d.value, d.precision, d.text, text[start:end], start, end, trig.kind, label, places, actors,
                 tolls.killed, tolls.injured, tolls.abducted, d.start, d.end)


def _shift(trig: _Trigger, by: int) -> _Trigger:
    return _Trigger(trig.kind, trig.group, trig.start + by, trig.end + by, trig.text)


# --------------------------------------------------------------------------- kinds
def _triggers(s: str, low: str | None, spans: list[tuple[int, int]]) -> list[_Trigger]:
    """Every trigger word of a sentence; where two overlap the earlier table row wins."""
    if low is None:
        scans: list[tuple[_Row, Iterable[re.Match[str]]]] = [(row, row.text.finditer(s)) for row in _TRIGGERS]
    else:
        stems: dict[int, list[int]] = {}  # row -> where its stems start
        for m in _STEM_RE.finditer(low):
            for i in _ROWS_OF_STEM[m.group()]:
                stems.setdefault(i, []).append(m.start())
        scans = []
        for i in sorted(stems):
            row = _TRIGGERS[i]
            rx, hay = (row.low, low) if row.low else (row.text, s)
            scans.append((row, matches_at(rx, hay, stems[i]) if row.at_stems else rx.finditer(hay)))
    found: list[_Trigger] = []
    for row, matches in scans:
        for m in matches:
            clash = any(m.start() < b and a < m.end() for a, b in spans) or any(
                m.start() < t.end and t.start < m.end() for t in found)
            if not clash:
                found.append(_Trigger(row.kind, row.group, m.start(), m.end(), s[m.start():m.end()]))
    return found


def _cuts(s: str, low: str | None, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The clause boundaries of a sentence, outside its dates."""
    if low is None:
        found = [m.span() for m in _BOUNDARY_RE.finditer(s)]
    else:
        found = sorted([m.span() for m in _BOUNDARY_MARK_RE.finditer(low)] +
                       [m.span() for m in _BOUNDARY_WORD_RE.finditer(low)
                        if not m.start() or not (low[m.start() - 1].isalnum() or low[m.start() - 1] == "_")])
    return [(b, e) for b, e in found if not any(a <= b < z for a, z in spans)]


def _scope(s: str, low: str | None, spans: list[tuple[int, int]], i: int,
           cuts: list[tuple[int, int]]) -> tuple[int, int, bool]:
    """The clause a date belongs to, and whether its happening is named to the right of it.

    A fronted date ("On January 2, the jihadists ...") governs the rest of the sentence; an
    attributive one ("the 2021 coup", "July’s attacks") qualifies the noun after it.
    """
    start, end = spans[i]
    lo = max([e for b, e in cuts if e <= start] + [spans[i - 1][1] if i else 0])
    following = spans[i + 1][0] if i + 1 < len(spans) else len(s)
    hi = min([b for b, e in cuts if b >= end] + [following])
    before, low_before = s[lo:start], None if low is None else low[lo:start]
    if _FILLER_RE.match(before, low_before) and not s[end:hi].strip():
        return end, following, True
    attributive = bool(_DETERMINER_RE.search(before, low_before) or _POSSESSIVE_RE.match(s[end:]))
    return lo, hi, attributive


def _classify(s: str, low: str | None, spans: list[tuple[int, int]], i: int, triggers: list[_Trigger],
              cuts: list[tuple[int, int]]) -> _Trigger:
    """The trigger that says what happened at date ``i``; see the module docstring.

    ``low`` is the lowercased sentence (None if unsafe), ``cuts`` its clause boundaries."""
    start, end = spans[i]
    speech = _may_hold(low, _SPEECH_BEFORE_WORDS, 0, start) and _SPEECH_BEFORE_RE.search(s, low, 0, start)
    if speech:  # "said on Wednesday" dates the news; "said in a statement on Saturday" is a statement
        group = "statement" if speech.group("noun") else "speech"
        return _Trigger("statement", group, speech.start(), speech.end(), s[speech.start():speech.end()].strip())
    lo, hi, right_first = _scope(s, low, spans, i, cuts)
    left = [t for t in triggers if lo <= t.start and t.end <= start]
    right = [t for t in triggers if end <= t.start and t.end <= hi]
    nearest = [max(left, key=lambda t: t.end)] if left else []
    after = [min(right, key=lambda t: t.start)] if right else []
    chosen = (after + nearest) if right_first else (nearest + after)
    if chosen:
        trig = chosen[0]
        if trig.text.lower().startswith("in") and not _MILITARY_RE.search(s, low):
            return _Trigger("political", "power", trig.start, trig.end, trig.text)  # an elected government
        trend = _may_hold(low, _TREND_WORDS, 0, trig.start) and _TREND_RE.search(s, low, 0, trig.start)
        if trend:  # "a decline in attacks" reports a trend, not an attack
            return _Trigger("other", "trend", trend.start(), trig.end, s[trend.start():trig.end])
        return trig
    attribution = _may_hold(low, _ATTRIBUTION_WORDS) and _ATTRIBUTION_RE.search(s, low)
    if right_first and lo == end:
        # a date set off on its own (", over the weekend,") with nothing after it: the happening before it
        before_date = [t for t in triggers if t.end <= start and (not attribution or t.start < attribution.start())]
        if before_date:
            return max(before_date, key=lambda t: t.end)
    stop = attribution.start() if attribution and attribution.start() >= lo else hi
    said = _may_hold(low, _SPEECH_WORDS, lo, stop) and _SPEECH_RE.search(s, low, lo, stop)
    if said and i == 0:
        return _Trigger("statement", None, said.start(), said.end(), s[said.start():said.end()])
    return _Trigger("other", None, start, start, "")


# --------------------------------------------------------------------------- labels
def _label(text: str, span: tuple[int, int], trig: _Trigger, inside: list[Mention], d: DateExpr) -> str:
    """A few words naming the happening: "Attack on Dioura military camp", "Coup in Mali".

    A noun trigger keeps its object ("departure of the UN force" -> "Departure of UN force");
    otherwise the kind's noun takes the first place, or the first actor for statements.
    """
    place = next((m.surface for m in inside if m.kind == "place"), None)
    actor = next((m.surface for m in inside if m.kind == "actor"), None)
    if trig.text and _NOUN_TRIGGER_RE.search(trig.text):
        head = trig.text[0].upper() + trig.text[1:]
        after = text[trig.end:span[1]]
        if trig.end <= d.start < span[1]:  # leave the date out: "attack on January 12 in Siby"
            cut = _PREP_END_RE.sub("", after[:d.start - trig.end])
            after = cut + after[d.end - trig.end:]
        obj = _PP_RE.match(after)
        if obj:
            words = [w for w in obj.group(2).split() if w.lower() not in ("the", "a", "an")]
            return f"{head} {obj.group(1).lower()} {' '.join(words)}".strip()
        return f"{head} in {place}" if place else head
    if trig.kind == "other" and not trig.text:
        words = text[span[0]:span[1]].split()
        return " ".join(words[:6]) + ("…" if len(words) > 6 else "")
    noun = _KIND_NOUN[trig.kind]
    if place and trig.kind != "statement":
        return f"{noun} {'from' if trig.kind == 'withdrawal' else 'in'} {place}"
    return f"{noun} by {actor}" if actor else noun


# --------------------------------------------------------------------------- repeats and merging
def _drop_repeats(drafts: list[_Draft]) -> list[_Draft]:
    """Keep the first report of each happening (a body sentence beats a photo caption)."""
    kept: list[_Draft] = []
    for draft in drafts:
        if draft.refers and any(_refers_back(draft, old) for old in kept):
            continue  # "At Monday’s funeral, ..." once the funeral was reported
        j = next((k for k, old in enumerate(kept) if _repeats(draft, old)), None)
        if j is None:
            kept.append(draft)
        elif kept[j].caption and not draft.caption:
            kept[j] = draft
    return sorted(kept, key=lambda d: (d.event.start, d.event.date_start or 0))


def _repeats(new: _Draft, old: _Draft) -> bool:
    """Is ``new`` a later mention of ``old`` that adds nothing (see rule 4)?"""
    a, b = new.event, old.event
    return (new.group is not None and new.group == old.group and a.kind == b.kind != "statement" and not new.offset
            and _specificity(new) <= _specificity(old) and overlap(a, b) and not _new_toll(a, b))


def _refers_back(new: _Draft, old: _Draft) -> bool:
    """Does a possessive date ("Monday’s funeral") name a happening already reported on that date?"""
    a, b = new.event, old.event
    if a.date != b.date or a.precision != b.precision or old.week:
        return False  # a week's stand-in day is no report of that day
    words = fold(b.sentence)
    return any(re.search(rf"\b{re.escape(w.rstrip('s'))}", words) for w in new.refers)


def _specificity(d: _Draft) -> int:
    return {"year": 0, "month": 1, "week": 2}.get(d.event.precision, 2 if d.week else 3)


def _new_toll(a: Event, b: Event) -> bool:
    return any(getattr(a, f) is not None and getattr(a, f) != getattr(b, f) for f in ("killed", "injured", "abducted"))


