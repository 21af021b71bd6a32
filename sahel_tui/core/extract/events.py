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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..models import DateExpr, Event, Mention
from ..text import fold
from .dates import coarser, find_dates, is_week, period
from .sentences import Sentence, split_sentences
from .tolls import find_tolls

_TRIGGERS = tuple((kind, group, re.compile(rf"\b(?:{pattern})\b", re.I)) for kind, group, pattern in (
    ("coup", "coup", r"coups?|putsch(?:es)?|coup\s+d[’']état"),
    ("coup", "power", r"(?:seiz(?:e|ed|es|ing)|took|tak(?:e|en|ing)|grabb(?:ed|ing)|came\s+to|seizure\s+of)\s+"
                      r"power|in\s+power(?=\s+since)"),
    ("coup", "overthrow", r"overthr(?:ow|own|ew|owing)|ousted|ousting|toppl(?:ed|ing)|deposed"),
    ("attack", "kidnap", r"kidnap\w*|abduct\w*|hostage[- ]taking|taken\s+hostage|forcibly\s+taken"),
    ("attack", "massacre", r"massacr\w*|killings|slaughter\w*|executions?"),
    ("attack", "attack", r"(?:counter-?)?attack(?:s|ed|ing)?|assaults?|raids?|ambush(?:es|ed)?|offensives?|"
                         r"bombings?|(?:drone|air)\s?strikes?|explosions?|security\s+incidents?"),
    ("attack", "clash", r"clash(?:es|ed)?|fighting|(?:fratricidal|civil)\s+war|war\s+between|battles?|rebellion|"
                        r"uprising|insurrection"),
    ("attack", "seize", r"seiz(?:e|ed|es|ing|ure)|captur(?:e|ed|ing)|overr(?:an|un)|besieg\w*|blockades?"),
    ("attack", "kill", r"killed|killing|dead|died|deaths|lost\s+their\s+lives|target(?:ed|ing)"),
    ("withdrawal", "withdraw", r"withdr[ae]w\w*|withdrawals?|pull(?:ed|ing)?\s+out|pull-?out|departure|"
                               r"depart(?:ed|ing)|exit(?:s|ed|ing)?|(?:left|leav(?:e|es|ing))(?=\s+(?-i:[A-Z]))|"
                               r"expell?(?:ed|ing)|expulsion|evacuat\w*"),
    ("deployment", "deploy", r"deploy\w*|sent\s+(?:troops|soldiers|forces|reinforcements)|dispatch(?:ed|ing)|"
                             r"interven(?:ed|tion)"),
    ("agreement", "agreement", r"agreements?|accords?|deals?(?!\s+with)|treat(?:y|ies)|cease-?fire|truce|"
                               r"memorand(?:um|a)|conventions|pacts?|signed|signing"),
    ("political", "decision", r"decrees?|dissol(?:ve|ved|ution)|bills?|laws?|elections?|referendum|constitution|"
                              r"sanction(?:s|ed)?|suspend(?:ed|s)?|suspension|appoint(?:ed|ment)|sworn\s+in|"
                              r"mandate|retract(?:ed|s)?|adopted|vot(?:e|ed|ing)|banned|resign(?:ed|ation)|"
                              r"arrested|detained|jailed|sentenced|convicted"),
    ("political", "talks", r"negotiations|talks|dialogue|(?:re-?)?establish\s+contact"),
    ("report", "report", r"reports?|study|survey|investigation|findings"),
    ("statement", "speech", r"statements?|communiqu[ée]s?|press\s+(?:release|conference)|speech|interview"),
))
_SPEECH_RE = re.compile(r"\b(?:said|says|told|announced|stated|declared|claimed|added|noted|warned|explained|"
                        r"acknowledged|admitted|confirmed|denied|condemned|urged|called\s+(?:on|for))\b", re.I)
# "said on Wednesday", "said October 26", "told AFP on Monday": the date is the statement's.
_SPEECH_BEFORE_RE = re.compile(r"\b(?:said|says|told\s+[\w-]+(?:\s+[\w-]+)?|announced|stated|declared|"
                               r"confirmed|reported|added|warned)\s+(?:on\s+|in\s+)?$", re.I)
_MILITARY_RE = re.compile(r"\b(?:junta|military|soldiers|colonels|army|coup)\b", re.I)
_TREND_RE = re.compile(r"\b(?:decline|increase|rise|drop|fall|surge|upsurge|reduction|spike)\s+in\s+(?:\w+\s+)?$",
                       re.I)
# A trailing attribution (", analysts said.") sources the sentence; it is not what happened.
_ATTRIBUTION_RE = re.compile(r"[,;]\s*(?:[\w’'.-]+\s+){0,6}(?:said|says|told\s+[\w-]+|added|noted|explained)\b"
                             r"(?:\s+[\w’'.-]+){0,6}\W*$", re.I)
_BOILERPLATE_RE = re.compile(r"copyright|©|all\s+rights\s+reserved|subscribe|newsletter|cookies", re.I)
# Clause boundaries; a date's own clause lies between two of them.
_BOUNDARY_RE = re.compile(r"[,;:()\[\]–—]|\s-{1,2}\s|\b(?:and|but|while|whereas)\b", re.I)
# Words that may stand before a fronted date: "Less than a fortnight earlier, on the night of June 18,".
_FILLER_RE = re.compile(r"^\W*(?:(?:on|in|at|since|by|during|then|early|late|the|night|morning|evening|"
                        r"afternoon|of|before|after|that|from|until|around|so)\s+)*\W*$", re.I)
_DETERMINER_RE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", re.I)
_POSSESSIVE_RE = re.compile(r"^[’']s\b")
_CREDIT_RE = re.compile(r"\s*\[[^\[\]\n]{2,100}\]\s*$")  # trailing "[Sia Kambou/AFP]"
_PHOTO_RE = re.compile(r"\bphoto\b", re.I)
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
              "political": "Political decision", "other": "Event"}
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True)
class _Trigger:
    kind: str
    group: str | None
    start: int  # offsets in the sentence
    end: int
    text: str


@dataclass(frozen=True)
class _Draft:
    event: Event
    group: str | None  # trigger group used to recognise a later reference to the same happening
    caption: bool
    offset: bool  # dated by "two days later", "the same period": always a new happening
    week: bool  # a day that stands for "last week"


def extract_events(text: str, published: date | None, mentions: Sequence[Mention] = ()) -> tuple[Event, ...]:
    """The dated happenings of an article, in document order.

    >>> [(e.date_display, e.kind, e.killed) for e in extract_events(
    ...     "On January 12, gunmen attacked Siby, killing four soldiers. The next day, Nara fell.",
    ...     date(2023, 1, 15))]
    [('2023-01-12', 'attack', 4), ('2023-01-13', 'other', None)]
    """
    dates = find_dates(text, published)
    drafts: list[_Draft] = []
    seen: set[str] = set()
    for sent in split_sentences(text):
        inside = [d for d in dates if sent.start <= d.start and d.end <= sent.end]
        inside = [d for d in inside if _reportable(d, published)]
        if inside and not _skip_sentence(text, sent, inside, seen):
            drafts.extend(_sentence_drafts(text, sent, inside, mentions))
    return tuple(d.event for d in _drop_repeats(drafts))


def merge_events(events_by_article: Mapping[str, Sequence[Event]]) -> list[tuple[Event, tuple[str, ...]]]:
    """One entry per happening across articles, with every article that reports it, by date.

    Same happening = same kind, a shared place (or the very same sentence, as in syndicated
    copy) and dates equal at the coarser precision. The most precise report represents it.

    >>> a = Event(date(2025, 7, 1), "day", "last Tuesday", "...", 0, 3, "attack", places=("kayes",))
    >>> b = Event(date(2025, 7, 1), "month", "July", "...", 0, 3, "attack", places=("kayes",))
    >>> [(e.precision, ids) for e, ids in merge_events({"x": [b], "y": [a]})]
    [('day', ('x', 'y'))]
    """
    groups: list[list[tuple[str, Event]]] = []
    for article_id, events in events_by_article.items():
        for event in events:
            home = next((g for g in groups if article_id not in {a for a, _ in g}
                         and any(_same_happening(event, other) for _, other in g)), None)
            if home is None:
                groups.append([(article_id, event)])
            else:
                home.append((article_id, event))
    merged = [(_representative(g), tuple(dict.fromkeys(a for a, _ in g))) for g in groups]
    return sorted(merged, key=lambda pair: (pair[0].date is None, pair[0].date or date.max,
                                            _PRECISION_RANK.get(pair[0].precision, 0)))


# --------------------------------------------------------------------------- sentences
def _reportable(d: DateExpr, published: date | None) -> bool:
    """Past, resolved dates only: a date after publication is a plan, and once the publication
    date is known an unresolved date is a failure, not news ("Twenty years later" after "the 1990s")."""
    if published is None:
        return True
    return d.value is not None and d.value <= published


def _skip_sentence(text: str, sent: Sentence, dates: list[DateExpr], seen: set[str]) -> bool:
    """Repeated sentences, datelines and headings are not reports of a happening."""
    key = fold(sent.text)
    if key in seen:
        return True
    seen.add(key)
    rest = "".join(sent.text[prev:d.start - sent.start] for prev, d in
                   zip([0] + [d.end - sent.start for d in dates], dates)) + sent.text[dates[-1].end - sent.start:]
    if not re.search(r"[^\W\d_]", rest) or _BOILERPLATE_RE.search(sent.text):
        return True  # a dateline ("Monday August 28, 2023") or site furniture
    heading = sent.text[-1] not in _FINAL_PUNCT and len(sent.text.split()) <= 14
    return heading and _line(text, sent) == sent.text


def _line(text: str, sent: Sentence) -> str:
    """The paragraph line a sentence sits in (a caption's credit may be split off as its own piece)."""
    end = text.find("\n", sent.end)
    return text[text.rfind("\n", 0, sent.start) + 1:end if end >= 0 else len(text)].strip()


def _sentence_drafts(text: str, sent: Sentence, dates: list[DateExpr], mentions: Sequence[Mention]) -> list[_Draft]:
    """One draft per date, except further dates whose clause names no new happening."""
    s = sent.text
    spans = [(d.start - sent.start, d.end - sent.start) for d in dates]
    triggers = _triggers(s, spans)
    start, end = _trim(s)
    caption = bool(_CREDIT_RE.search(_line(text, sent)) or _PHOTO_RE.search(s))
    drafts, used = [], set()
    for i, d in enumerate(dates):
        trig = _classify(s, spans, i, triggers)
        if i and (trig.group in (None, "speech") or (trig.kind, trig.group) in used):
            continue
        used.add((trig.kind, trig.group))
        part = s[spans[i - 1][1] if i else 0:spans[i + 1][0] if i + 1 < len(spans) else len(s)]
        event = _make_event(text, (sent.start + start, sent.start + end), d, _shift(trig, sent.start), part, mentions)
        drafts.append(_Draft(event, trig.group, caption, d.basis == "context" and not is_week(d), is_week(d)))
    return drafts


def _trim(s: str) -> tuple[int, int]:
    """Offsets without a trailing photo credit and without surrounding or unbalanced quote marks."""
    credit = _CREDIT_RE.search(s)
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
                mentions: Sequence[Mention]) -> Event:
    """An Event for one date of a sentence; ``trig`` has text offsets, ``part`` holds its tolls."""
    start, end = span
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    places = tuple(dict.fromkeys(m.ref for m in inside if m.kind == "place"))
    actors = tuple(dict.fromkeys(m.ref for m in inside if m.kind == "actor"))
    tolls = find_tolls(part)
    label = _label(text, (start, end), trig, inside, d)
    return Event(d.value, d.precision, d.text, text[start:end], start, end, trig.kind, label, places, actors,
                 tolls.killed, tolls.injured, tolls.abducted, d.start, d.end)


def _shift(trig: _Trigger, by: int) -> _Trigger:
    return _Trigger(trig.kind, trig.group, trig.start + by, trig.end + by, trig.text)


# --------------------------------------------------------------------------- kinds
def _triggers(s: str, spans: list[tuple[int, int]]) -> list[_Trigger]:
    """Every trigger word of a sentence; where two overlap the earlier table row wins."""
    found: list[_Trigger] = []
    for kind, group, rx in _TRIGGERS:
        for m in rx.finditer(s):
            clash = any(m.start() < b and a < m.end() for a, b in spans) or any(
                m.start() < t.end and t.start < m.end() for t in found)
            if not clash:
                found.append(_Trigger(kind, group, m.start(), m.end(), m.group()))
    return found


def _scope(s: str, spans: list[tuple[int, int]], i: int) -> tuple[int, int, bool]:
    """The clause a date belongs to, and whether its happening is named to the right of it.

    A fronted date ("On January 2, the jihadists ...") governs the rest of the sentence; an
    attributive one ("the 2021 coup", "July’s attacks") qualifies the noun after it.
    """
    start, end = spans[i]
    cuts = [m.span() for m in _BOUNDARY_RE.finditer(s) if not any(a <= m.start() < b for a, b in spans)]
    lo = max([e for b, e in cuts if e <= start] + [spans[i - 1][1] if i else 0])
    following = spans[i + 1][0] if i + 1 < len(spans) else len(s)
    hi = min([b for b, e in cuts if b >= end] + [following])
    if _FILLER_RE.match(s[lo:start]) and not s[end:hi].strip():
        return end, following, True
    attributive = bool(_DETERMINER_RE.search(s[lo:start]) or _POSSESSIVE_RE.match(s[end:]))
    return lo, hi, attributive


def _classify(s: str, spans: list[tuple[int, int]], i: int, triggers: list[_Trigger]) -> _Trigger:
    """The trigger that says what happened at date ``i``; see the module docstring."""
    start, end = spans[i]
    speech = _SPEECH_BEFORE_RE.search(s[:start])
    if speech:
        return _Trigger("statement", "speech", speech.start(), speech.end(), speech.group().strip())
    lo, hi, right_first = _scope(s, spans, i)
    left = [t for t in triggers if lo <= t.start and t.end <= start]
    right = [t for t in triggers if end <= t.start and t.end <= hi]
    nearest = [max(left, key=lambda t: t.end)] if left else []
    after = [min(right, key=lambda t: t.start)] if right else []
    chosen = (after + nearest) if right_first else (nearest + after)
    if chosen:
        trig = chosen[0]
        if trig.text.lower().startswith("in") and not _MILITARY_RE.search(s):
            return _Trigger("political", "power", trig.start, trig.end, trig.text)  # an elected government
        trend = _TREND_RE.search(s[:trig.start])
        if trend:  # "a decline in attacks" reports a trend, not an attack
            return _Trigger("other", "trend", trend.start(), trig.end, s[trend.start():trig.end])
        return trig
    attribution = _ATTRIBUTION_RE.search(s)
    said = _SPEECH_RE.search(s, lo, attribution.start() if attribution and attribution.start() >= lo else hi)
    if said and i == 0:
        return _Trigger("statement", None, said.start(), said.end(), said.group())
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
            and _specificity(new) <= _specificity(old) and _overlap(a, b) and not _new_toll(a, b))


def _specificity(d: _Draft) -> int:
    return {"year": 0, "month": 1}.get(d.event.precision, 2 if d.week else 3)


def _overlap(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return a.date is None and b.date is None and fold(a.date_text) == fold(b.date_text)
    (a0, a1), (b0, b1) = period(a.date, a.precision), period(b.date, b.precision)
    return a0 <= b1 and b0 <= a1


def _new_toll(a: Event, b: Event) -> bool:
    return any(getattr(a, f) is not None and getattr(a, f) != getattr(b, f) for f in ("killed", "injured", "abducted"))


def _same_happening(a: Event, b: Event) -> bool:
    if a.kind != b.kind or a.date is None or b.date is None:
        return False
    n = {"year": 4, "month": 7}.get(coarser(a.precision, b.precision), 10)
    same_date = a.date.isoformat()[:n] == b.date.isoformat()[:n]
    return same_date and (bool(set(a.places) & set(b.places)) or fold(a.sentence) == fold(b.sentence))


def _representative(group: list[tuple[str, Event]]) -> Event:
    """The most precise report; among equals the one with most figures, then the first."""
    def key(pair: tuple[int, tuple[str, Event]]) -> tuple[int, int, int]:
        index, (_, e) = pair
        figures = sum(x is not None for x in (e.killed, e.injured, e.abducted))
        return _PRECISION_RANK.get(e.precision, 0), -figures, index
    return min(enumerate(group), key=key)[1][1]
