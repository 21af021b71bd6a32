"""Plain, frozen records that flow from the corpus through extraction to the index and the UI.

Every record that points into an article carries character offsets into the article's
*clean* text (``Article.text``), so the reader can highlight it and the CLI can cite it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

Span = tuple[int, int]


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
    precision: str  # "day" | "month" | "year"
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
    # the analyst's corrections applied to it: {"uid", "field", "was", "on", "by"} (core/apply_corrections.py)
    corrections: tuple[dict, ...] = field(default=(), compare=False)


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
    corrections: tuple[dict, ...] = field(default=(), compare=False)

    @property
    def date_display(self) -> str:
        """The date at its precision: 2025-07 for a month, 2025 for a year, '?' if unresolved."""
        if self.date is None:
            return "?"
        iso = self.date.isoformat()
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
    extra: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class QuoteHit:
    """A quote with the article it comes from."""

    quote: Quote
    article_id: str
    title: str
    published: date | None = None
    source: str | None = None


@dataclass(frozen=True)
class EventHit:
    """An event on the timeline; ``sources`` lists every article that reports it."""

    event: Event
    article_id: str
    title: str
    published: date | None = None
    sources: tuple[str, ...] = ()


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


@dataclass(frozen=True)
class SearchResults:
    hits: tuple[SearchHit, ...]
    total: int
    query: str
    notes: tuple[str, ...] = ()
    fallback: bool = False
    total_exact: bool = True  # False: ``total`` is an estimate (an upper bound) for a huge result set

    @property
    def total_label(self) -> str:
        """'205 results', or 'about 12,000 results' when the count is estimated."""
        count = f"{self.total:,} result{'s' * (self.total != 1)}"
        return count if self.total_exact else f"about {count}"
