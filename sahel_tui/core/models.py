"""Plain, frozen records that flow from the corpus through extraction to the index and the UI.

Every record that points into an article carries character offsets into the article's
*clean* text (``Article.text``), so the reader can highlight it and the CLI can cite it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

Span = tuple[int, int]
T = TypeVar("T")


#: Attributions below this confidence are marked as guesses wherever a speaker is shown.
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Article:
    """One news article as loaded from disk.

    ``text`` is the clean reading view (boilerplate lines dropped, repeated paragraphs
    collapsed); ``segments`` map it back to ``raw`` (the decoded body without front matter).
    """

    id: str
    path: str
    title: str
    text: str
    raw: str = ""
    source: str | None = None
    author: str | None = None
    url: str | None = None
    published: date | None = None
    published_precision: str | None = None  # "day" | "month" | "year" | None when unknown
    content_hash: str = ""
    language: str | None = None  # "fr" | "en" | None: a guess from function words (readers.language)
    warnings: tuple[str, ...] = ()  # what the reader was unsure of (a date from file properties, ...)
    # (clean_start, raw_start, length): runs of text copied verbatim from raw into text
    segments: tuple[tuple[int, int, int], ...] = ()

    def raw_offset(self, clean_offset: int) -> int:
        """Map an offset in ``text`` to the same character in ``raw`` (for citing the file)."""
        for clean_start, raw_start, length in self.segments:
            if clean_start <= clean_offset <= clean_start + length:
                return raw_start + (clean_offset - clean_start)
        return clean_offset


@dataclass(frozen=True)
class LoadProblem:
    """A file that could not be loaded, with a reason a user can act on."""

    path: str
    reason: str
    kind: str = "unreadable"  # unsupported | unreadable | empty | scanned | duplicate (readers.KINDS)


@dataclass(frozen=True)
class Mention:
    """A place in the text that names a known actor or place."""

    kind: str  # "actor" | "place"
    ref: str  # actor id or place id
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class Affiliation:
    target: str  # actor id
    relation: str  # affiliate_of, faction_of, leader_of, led_by, member_of, ...


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str  # armed_group, state_force, foreign_force, government, international_org, ...
    aliases: tuple[str, ...] = ()
    contextual_aliases: tuple[str, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    description: str = ""
    role: str | None = None
    country: str | None = None
    listed: bool = True  # False for people found in articles but absent from the knowledge base

    @property
    def short_name(self) -> str:
        """The name to show where space is short: the acronym analysts use (JNIM), else the name."""
        for alias in self.aliases:
            if 2 <= len(alias) <= 8 and alias.isupper() and alias.isalpha():
                return alias
        return self.name


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str  # country, region, cercle, province, town, area, site
    aliases: tuple[str, ...] = ()
    country: str | None = None
    admin_region: str | None = None
    lat: float | None = None
    lon: float | None = None
    listed: bool = True  # False: found in an article from its context, not in the knowledge base


@dataclass(frozen=True)
class DateExpr:
    """A date expression found in text, resolved against the publication date where possible.

    ``value`` is the first day of the period at ``precision``; None when it cannot be resolved
    (e.g. "last Tuesday" in an article with no known publication date).
    """

    text: str
    start: int
    end: int
    value: date | None
    precision: str  # "day" | "week" | "month" | "year"
    basis: str = "explicit"  # "explicit" | "relative" | "context"


@dataclass(frozen=True)
class Quote:
    """A direct quotation and who said it."""

    text: str
    start: int  # offsets of the quoted words (inside the marks)
    end: int
    speaker: str | None
    speaker_role: str | None = None
    speaker_actor: str | None = None
    attribution: str | None = None  # the cue verb: said, told, warned ... or "implicit"
    attribution_start: int | None = None
    attribution_end: int | None = None
    in_heading: bool = False
    confidence: float = 1.0  # how sure the attribution is: 0.9 "X said" … 0.5 a pronoun paragraphs away

    @property
    def uncertain(self) -> bool:
        """Whether the speaker should be shown as a guess (a low-confidence attribution)."""
        return self.speaker is not None and self.confidence < LOW_CONFIDENCE
    # the analyst's corrections applied to it: {"uid", "field", "was", "on", "by"} (core/apply_corrections.py)
    corrections: tuple[dict[str, Any], ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Event:
    """Something that happened at a (resolved) date, as one sentence of an article reports it."""

    date: date | None
    precision: str
    date_text: str
    sentence: str
    start: int  # sentence offsets
    end: int
    kind: str  # attack, coup, withdrawal, agreement, statement, report, deployment, political, other
    label: str = ""
    places: tuple[str, ...] = ()  # place ids
    actors: tuple[str, ...] = ()  # actor ids
    killed: int | None = None
    injured: int | None = None
    abducted: int | None = None
    date_start: int | None = None
    date_end: int | None = None
    # the analyst's corrections applied to it: {"uid", "field", "was", "on", "by"} (core/apply_corrections.py)
    corrections: tuple[dict[str, Any], ...] = field(default=(), compare=False)

    @property
    def date_display(self) -> str:
        """The date at its precision: 2025-07 for a month, 2025 for a year, "week of 2025-07-21" for
        a week (its Monday), '?' if unresolved."""
        if self.date is None:
            return "?"
        iso = self.date.isoformat()
        if self.precision == "week":
            return f"week of {iso}"
        return {"year": iso[:4], "month": iso[:7]}.get(self.precision, iso)


@dataclass(frozen=True)
class Extraction:
    """Everything the extractors found in one article."""

    article_id: str
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    unlisted: tuple[Actor, ...] = ()  # people found in the text but not in the knowledge base
    extractor_version: str = ""
    unlisted_places: tuple[Place, ...] = ()  # places the text introduces as such, not in the knowledge base


@dataclass(frozen=True)
class HitDetail:
    """What a quote or event hit carries besides its snippet (empty for an article)."""

    speaker: str = ""
    speaker_name: str | None = None  # the quote's speaker and role apart (rows phrase them once)
    speaker_role: str | None = None
    date: str = ""  # the event's date at its precision
    event_kind: str = ""
    killed: int | None = None
    start: int | None = None  # offsets of the quote or event sentence in the article
    end: int | None = None
    corrected: bool = False  # the analyst corrected this quote or event (core/corrections.py)
    story: str | None = None  # an article reprinted by other outlets: its story (core/copies.py)
    reports: int = 0  # how many reports that story has


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "article" | "quote" | "event"
    article_id: str
    title: str
    score: float
    snippet: str = ""
    snippet_spans: tuple[Span, ...] = ()
    published: date | None = None
    source: str | None = None
    path: str = ""
    ref: str = ""  # the quote/event document id
    extra: HitDetail = HitDetail()


@dataclass(frozen=True)
class QuoteHit:
    """A quote with the article it comes from."""

    quote: Quote
    article_id: str
    title: str
    published: date | None = None
    source: str | None = None


@dataclass(frozen=True)
class EventReport:
    """One article's telling of a merged event: where to open it."""

    article_id: str
    title: str
    outlet: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class EventHit:
    """An event on the timeline; ``sources`` lists every article that reports it (the one whose
    sentence represents it, ``article_id``, first) and ``outlets`` their outlets, in that order;
    ``independent`` how many of them are not copies of one another (a reprinted wire story counts once)."""

    event: Event
    article_id: str
    title: str
    published: date | None = None
    sources: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    reports: tuple[EventReport, ...] = ()  # every source's own sentence, the representative first
    independent: int = 0

    @property
    def provenance(self) -> str:
        """'1 source: Reuters' or '3 sources: Reuters, AFP, Al Jazeera' (distinct outlets)."""
        names = ", ".join(dict.fromkeys(o for o in self.outlets if o)) or "outlet unknown"
        n = self.independent or len(self.sources)
        copies = f" ({len(self.sources)} reports)" if n != len(self.sources) else ""
        return f"{n} source{'s' if n != 1 else ''}{copies}: {names}"


@dataclass(frozen=True)
class ActorStat:
    actor: Actor
    articles: int
    mentions: int


@dataclass(frozen=True)
class ArticleRef:
    id: str
    title: str
    published: date | None
    source: str | None
    count: int = 0


@dataclass(frozen=True)
class Profile:
    """Everything the actor pane shows about one actor."""

    actor: Actor
    relations: tuple[tuple[str, Actor], ...]
    articles: tuple[ArticleRef, ...]
    co_mentioned: tuple[tuple[Actor, int], ...]
    quotes: tuple[QuoteHit, ...]
    events: tuple[EventHit, ...]
    mentions: int = 0
    quote_total: int = 0  # all the actor's quotes (``quotes`` holds the latest PROFILE_ITEMS)
    event_total: int = 0  # all its event reports (``events`` merges the latest PROFILE_ITEMS)


@dataclass(frozen=True)
class SearchResults:
    hits: tuple[SearchHit, ...]
    total: int
    query: str
    notes: tuple[str, ...] = ()
    fallback: bool = False
    total_exact: bool = True  # False: ``total`` is an estimate (an upper bound) for a huge result set
    offset: int = 0  # the first hit's position in the whole result list
    terms: frozenset[str] = frozenset()  # the query's index terms (to cut snippets later)
    expanded: tuple[str, ...] = ()  # entity ids the query's names were expanded to

    @property
    def total_label(self) -> str:
        """'205 results', or 'about 12,000 results' when the count is estimated."""
        count = f"{self.total:,} result{'s' * (self.total != 1)}"
        return count if self.total_exact else f"about {count}"


@dataclass(frozen=True)
class Page(Generic[T]):
    """Some items of a longer list, with the length of the whole list (never a cap as a total).

    ``count`` is how many of the underlying records the page covers (a timeline page merges
    several reports of one event into one item); the next page starts at ``offset + count``.
    """

    items: tuple[T, ...]
    total: int
    offset: int = 0
    total_exact: bool = True
    notes: tuple[str, ...] = ()
    count: int = -1

    @property
    def covered(self) -> int:
        return len(self.items) if self.count < 0 else self.count

    @property
    def next_offset(self) -> int:
        return self.offset + self.covered

    @property
    def more(self) -> bool:
        return self.next_offset < self.total

    def label(self, noun: str, lead: str = "", cumulative: bool = False) -> str:
        """'12 events' when all are shown, else 'latest 1,000 of 61,204 events' ('about' if
        estimated); a later page is '1,001–2,000 of …', or 'latest 2,000 of …' when
        ``cumulative`` (a list that keeps the earlier pages above)."""
        total = f"{'' if self.total_exact else 'about '}{self.total:,}"
        if (self.offset == 0 or cumulative) and not self.more and self.total_exact:
            return f"{self.total:,} {noun}"
        later = self.offset and not cumulative
        span = f"{self.offset + 1:,}–{self.next_offset:,}" if later else f"{lead}{self.next_offset:,}"
        return f"{span} of {total} {noun}"
