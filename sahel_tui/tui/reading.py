"""What the reader shows, gathered from the Library in one worker call: the article, the jump
targets (search hits, quotes, actor mentions), place spans, and where to start.

Kept apart from the screen so the screen only draws and moves the mark.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..core.models import Article, Mention, Quote
from ..core.refs import BadRef, parse_ref
from .handle import LibraryHandle
from .messages import OpenArticle

Span = tuple[int, int]


@dataclass(frozen=True)
class Target:
    """A place the jump keys can go to: its span and the record behind it (if any)."""

    start: int
    end: int
    record: Quote | Mention | None = None


@dataclass
class ReaderData:
    """What the reader draws, gathered in one worker call."""

    article: Article
    targets: dict[str, list[Target]] = field(default_factory=dict)
    places: list[Span] = field(default_factory=list)
    focus: tuple[str, Span] | None = None  # (kind, span) to start on
    copies: list[dict] = field(default_factory=list)  # every report of this story (Library.copies_of)


def gather(handle: LibraryHandle, request: OpenArticle) -> ReaderData:
    """Ask the Library for the article and everything to highlight in it (worker thread)."""
    def ask(lib) -> ReaderData:
        article = lib.article(request.article_id)
        mentions = lib.mentions(article.id)
        quotes = lib.article_quotes(article.id)
        hits = merge_spans(lib.hit_spans(article.id, request.query)) if request.query.strip() else []
        span = request.span or _resolve_ref(lib, request.ref, quotes)
        return ReaderData(
            article,
            targets={"hit": [Target(s, e) for s, e in hits], "quote": [Target(q.start, q.end, q) for q in quotes],
                     "mention": [Target(m.start, m.end, m) for m in mentions if m.kind == "actor"]},
            places=[(m.start, m.end) for m in mentions if m.kind == "place"],
            focus=(request.focus_kind or "event", span) if span else None,
            copies=lib.copies_of(article.id))
    return handle.run(ask)


def merge_spans(spans: list[Span]) -> list[Span]:
    """Overlapping hit spans (a word inside a matched phrase) as one jump target each."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _resolve_ref(lib, ref: str, quotes: list[Quote]) -> Span | None:
    """Offsets of a quote/event index document 'q:<article>:<n>' / 'e:<article>:<n>' (the n-th in text order)."""
    try:
        parsed = parse_ref(ref)
    except BadRef:
        return None
    if parsed.kind not in ("quote", "event") or parsed.n is None:
        return None
    records = quotes if parsed.kind == "quote" else lib.article_events(parsed.article)
    n = parsed.n
    return (records[n].start, records[n].end) if n < len(records) else None
