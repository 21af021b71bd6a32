"""Run every extractor over one article: mentions, people, quotes, events.

This is what the indexer calls for each article (possibly in a worker process) and what
`sahel-tui extract` prints. It is pure: an Article and a Linker in, an Extraction out.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..models import Actor, Article, Extraction, Mention, Quote
from ..text import slugify
from .events import extract_events
from .linking import Linker
from .people import NAME, PersonFinding, find_people, person_actor, person_mentions
from .quotes import extract_quotes
from .unlisted_places import find_unlisted_places
from .version import extractor_version, rules_of

_rules_of = rules_of  # the name the tests and older callers know

_NAMED_SPEAKER_RE = re.compile(rf"^{NAME}$")


def _unlisted_people(article: Article, mentions: tuple[Mention, ...], quotes: tuple[Quote, ...]) -> list[Actor]:
    """People described with a role, plus named speakers of quotes, that the KB does not know."""
    actor_mentions = [m for m in mentions if m.kind == "actor"]
    people = {p.name: p for p in find_people(article.text, mentions)}
    for quote in quotes:
        name = quote.speaker or ""
        if quote.speaker_actor is None and name not in people and _NAMED_SPEAKER_RE.match(name):
            start = article.text.find(name)
            covered = any(m.start <= start < m.end for m in actor_mentions)
            if start >= 0 and not covered:
                people[name] = PersonFinding(name, quote.speaker_role or "", start, start + len(name))
    return [person_actor(p) for p in people.values()]


def _attach_speakers(quotes: tuple[Quote, ...], people: list[Actor]) -> tuple[Quote, ...]:
    """Give quotes by unlisted people the person's id, so their profile lists the quotes."""
    by_surname = {p.name.split()[-1]: p for p in people}
    out = []
    for quote in quotes:
        if quote.speaker_actor is None and quote.speaker:
            person = by_surname.get(quote.speaker.split()[-1])
            if person and slugify(quote.speaker) in (slugify(person.name), slugify(person.name.split()[-1])):
                quote = replace(quote, speaker_actor=person.id)
        out.append(quote)
    return tuple(out)


def extract_article(article: Article, linker: Linker) -> Extraction:
    """Everything the extractors find in one article."""
    mentions = linker.link(article.text, article.published)
    actor_mentions = tuple(m for m in mentions if m.kind == "actor")
    quotes = extract_quotes(article.text, actor_mentions)
    people = _unlisted_people(article, mentions, quotes)
    mentions += tuple(person_mentions(article.text, people, mentions))
    places, place_mentions = find_unlisted_places(article.text, mentions)
    mentions = tuple(sorted(mentions + tuple(place_mentions), key=lambda m: (m.start, m.kind)))
    quotes = _attach_speakers(quotes, people)
    events = extract_events(article.text, article.published, mentions, article.published_precision)
    return Extraction(article.id, mentions, quotes, events, tuple(people), extractor_version(), tuple(places))
