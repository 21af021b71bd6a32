"""The query tree: small frozen nodes that parse() builds (query.py), the searcher compiles
(search.py) and the test oracle evaluates; plus how a tree reads back as query text.

Pure: no Whoosh here.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from .text import tokenize

#: Words the index leaves out (too common to mean anything); "us" and "is" stay searchable.
STOP_WORDS = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "it", "of", "on", "or",
    "that", "the", "to", "was", "were", "with",
])


# ---------------------------------------------------------------- the tree
@dataclass(frozen=True)
class Word:
    """A word as typed, searched in a text field; several tokens (ISIS-GS) make a phrase."""

    field: str
    text: str
    typing: bool = False  # the word under the cursor while typing (parse-time only)


@dataclass(frozen=True)
class Phrase:
    """Words in this order, adjacent (slop 1) or within ``slop`` positions of each other."""

    field: str
    text: str
    slop: int = 1


@dataclass(frozen=True)
class Prefix:
    """Every word that begins so. ``narrow``: as-you-type completion, cut to the likeliest words."""

    field: str
    text: str
    narrow: bool = False


@dataclass(frozen=True)
class Fuzzy:
    """Words within ``distance`` edits of this one, sharing its first letter."""

    field: str
    text: str
    distance: int = 1


@dataclass(frozen=True)
class Entity:
    """Documents linked to an actor or place (``kind``) by extraction; ref "" matches nothing."""

    kind: str
    ref: str
    within: bool = False  # place: as typed, before expansion: also the places inside it


@dataclass(frozen=True)
class Match:
    """An exact keyword: kind:event, event:attack, article:<id>."""

    field: str
    value: str


@dataclass(frozen=True)
class DateRange:
    """A date between ``start`` and ``end`` (inclusive, either open); field "when" is an event's
    date for events and the publication date for articles and quotes."""

    field: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Count:
    """A number between ``low`` and ``high`` (inclusive, either open): killed>=10."""

    field: str
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class Every:
    """No condition: every document (an empty filter box)."""


Node = Word | Phrase | Prefix | Fuzzy | Entity | Match | DateRange | Count | And | Or | Not | Every


def is_filter(node: Node) -> bool:
    """A condition the index answers from columns (dates) or cached sets (kinds), not scored."""
    return isinstance(node, DateRange) or (isinstance(node, Match) and node.field == "kind")


def index_words(text: str) -> list[str]:
    """The folded words of a text as the index keeps them (common words left out), unstemmed."""
    return [t.key for t in tokenize(text) if t.key not in STOP_WORDS]


def render(node: Node, nested: bool = False) -> str:
    """The tree as query text (canonical: ids for names, full dates), for notes and tests."""
    def pre(name: str) -> str:
        return "" if name == "body" else f"{name}:"
    if isinstance(node, Word):
        return pre(node.field) + node.text
    if isinstance(node, Phrase):
        return f'{pre(node.field)}"{node.text}"' + (f"~{node.slop}" if node.slop != 1 else "")
    if isinstance(node, Prefix):
        return f"{pre(node.field)}{node.text}*"
    if isinstance(node, Fuzzy):
        return f"{pre(node.field)}{node.text}~" + (str(node.distance) if node.distance != 1 else "")
    if isinstance(node, Entity):
        return f"{node.kind}:{node.ref or '__none__'}"
    if isinstance(node, Match):
        return f"{node.field}:{node.value}"
    if isinstance(node, DateRange):
        low, high = (d.isoformat() if d else "" for d in (node.start, node.end))
        return f"{node.field}:{low}..{high}"
    if isinstance(node, Count):
        return f"{node.field}:{'' if node.low is None else node.low}..{'' if node.high is None else node.high}"
    if isinstance(node, Not):
        return "NOT " + render(node.child, True)
    if isinstance(node, (And, Or)):
        joined = (" " if isinstance(node, And) else " OR ").join(render(c, True) for c in node.children)
        return f"({joined})" if nested else joined
    return ""


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, parents first."""
    yield node
    if isinstance(node, (And, Or)):
        for child in node.children:
            yield from walk(child)
    elif isinstance(node, Not):
        yield from walk(node.child)


@dataclass(frozen=True)
class ParsedQuery:
    tree: Node
    notes: tuple[str, ...] = ()  # what the user should be told: expansions, fallbacks
    expanded: tuple[str, ...] = ()  # actor/place ids added by alias expansion
    fallback: bool = False

    @property
    def text(self) -> str:
        return render(self.tree)


class QueryError(ValueError):
    """A query that asks for something impossible (a reversed range, a date that is not a date,
    an unknown kind), or nothing at all: a usage error, never reinterpreted."""
