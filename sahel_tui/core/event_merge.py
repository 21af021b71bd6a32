"""The same happening reported by several articles, merged: `extract.happenings.merge_events`'s
answer, found without comparing each report with every earlier group of its kind and year.

Why: the unfiltered timeline merges a page of 1,000 event reports; comparing each with every
group of its bucket took seconds at 10,000 articles. Two reports can only be one happening when
they share a place or their sentence (extract.happenings.same_happening), so each bucket indexes
its groups by place and by folded sentence and only those groups are tested, in the same order:
the groups and their order are exactly merge_events's (tests/core/test_event_merge.py checks).
Kept out of extract/ so the extractor fingerprint (and so the index) does not change.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from .extract.happenings import PRECISION_RANK, representative, same_happening
from .models import Event
from .text import fold

_Group = list[tuple[str, Event]]


class _Bucket:
    """The groups of one kind and year, indexed by place and by folded sentence."""

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self.articles: list[set[str]] = []
        self.by_place: dict[str, list[int]] = {}
        self.by_sentence: dict[str, list[int]] = {}

    def home(self, article_id: str, event: Event, sentence: str) -> int | None:
        """The first group (in creation order) that reports this happening from another article."""
        if event.date is None:  # an undated report is never the same happening as another
            return None
        candidates = {n for place in event.places for n in self.by_place.get(place, ())}
        candidates.update(self.by_sentence.get(sentence, ()))
        for n in sorted(candidates):
            if article_id not in self.articles[n] and any(same_happening(event, other) for _, other in self.groups[n]):
                return n
        return None

    def add(self, n: int | None, article_id: str, event: Event, sentence: str) -> _Group | None:
        """Put the report in group n (None: a new group, returned)."""
        created: _Group | None = None
        if n is None:
            n = len(self.groups)
            created = []
            self.groups.append(created)
            self.articles.append(set())
        self.groups[n].append((article_id, event))
        self.articles[n].add(article_id)
        for place in set(event.places):
            ids = self.by_place.setdefault(place, [])
            if not ids or ids[-1] != n:
                ids.append(n)
        ids = self.by_sentence.setdefault(sentence, [])
        if not ids or ids[-1] != n:
            ids.append(n)
        return created


def merge_reports(events_by_article: Mapping[str, Sequence[Event]]) -> list[tuple[Event, tuple[str, ...]]]:
    """One entry per happening across articles, with every article reporting it, by date (as
    extract.happenings.merge_events)."""
    groups: list[_Group] = []
    buckets: dict[tuple[str, int | None], _Bucket] = {}
    for article_id, events in events_by_article.items():
        for event in events:
            bucket = buckets.setdefault((event.kind, event.date.year if event.date else None), _Bucket())
            sentence = fold(event.sentence)
            created = bucket.add(bucket.home(article_id, event, sentence), article_id, event, sentence)
            if created is not None:
                groups.append(created)
    merged = [(representative(g), tuple(dict.fromkeys(a for a, _ in g))) for g in groups]
    return sorted(merged, key=lambda pair: (pair[0].date is None, pair[0].date or date.max,
                                            PRECISION_RANK.get(pair[0].precision, 0)))
