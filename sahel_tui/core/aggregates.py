"""Counts that are looked up, not ranked: which articles each actor appears in and how often,
per-actor totals, co-mentions, the unlisted people, the newest-first article order.

Why: the actors pane, a profile and the empty search box used to walk the whole manifest on
every call (a third of a second at 10,000 articles, more for the most mentioned actor). The
manifest already holds each article's actor and place counts, so one pass per index generation
answers all of them; the Library keeps the result while that generation is open and drops it
when another one is opened.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from itertools import chain
from typing import Protocol

from .models import Actor, ArticleRef


class _Person(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str | None: ...


class Entry(Protocol):
    """What is read of a manifest entry (indexer.FileEntry)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def published(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def actors(self) -> Mapping[str, int]: ...
    @property
    def unlisted(self) -> Iterable[_Person]: ...


class Aggregates:
    """Built once from a generation's manifest entries; every method is a lookup, or a pass over
    one actor's articles only."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._entries = list(entries)
        self._refs: list[ArticleRef] | None = None
        self.actor_articles: dict[str, list[int]] = {}  # actor id -> entry numbers, manifest order
        self.actor_mentions: dict[str, int] = {}
        self.unlisted: dict[str, Actor] = {}
        articles, mentions, unlisted = self.actor_articles, self.actor_mentions, self.unlisted
        for n, entry in enumerate(self._entries):  # one plain loop: Counter.update is slower here
            for actor_id, count in entry.actors.items():
                found = articles.get(actor_id)
                if found is None:
                    articles[actor_id] = [n]
                else:
                    found.append(n)
                mentions[actor_id] = mentions.get(actor_id, 0) + count
            for p in entry.unlisted:
                if p.id not in unlisted:
                    unlisted[p.id] = unlisted_actor(p.id, p.name, p.role)
        self._newest: list[ArticleRef] | None = None
        self._co: dict[str, Counter[str]] = {}

    @property
    def refs(self) -> list[ArticleRef]:
        """Every article as a reference, in manifest order (made on first need)."""
        if self._refs is None:
            self._refs = [_ref(e) for e in self._entries]
        return self._refs

    def newest_first(self) -> list[ArticleRef]:
        """Every article, newest first (ties by id, descending), sorted once."""
        if self._newest is None:
            self._newest = sorted(self.refs, key=lambda r: (r.published or date.min, r.id), reverse=True)
        return self._newest

    def article_count(self, actor_id: str) -> int:
        return len(self.actor_articles.get(actor_id, ()))

    def articles_of(self, actor_id: str) -> list[ArticleRef]:
        """The articles naming an actor, each with how often it does (ArticleRef.count)."""
        refs = self.refs
        out = []
        for n in self.actor_articles.get(actor_id, ()):
            ref = refs[n]
            out.append(ArticleRef(ref.id, ref.title, ref.published, ref.source,
                                  self._entries[n].actors[actor_id]))
        return out

    def co_mentioned(self, actor_id: str) -> Counter[str]:
        """How many of the actor's articles name each other actor (computed once per actor)."""
        if actor_id not in self._co:
            entries = self._entries
            co = Counter(chain.from_iterable(entries[n].actors
                                             for n in self.actor_articles.get(actor_id, ())))
            co.pop(actor_id, None)
            self._co[actor_id] = co
        return self._co[actor_id]


def unlisted_actor(id_: str, name: str, role: str | None) -> Actor:
    """A person the extractor found who is not in the knowledge base, as an actor."""
    return Actor(id_, name, "person", (name,), role=role, listed=False)


def _ref(entry: Entry) -> ArticleRef:
    published = date.fromisoformat(entry.published) if entry.published else None
    return ArticleRef(entry.id, entry.title, published, entry.source)
