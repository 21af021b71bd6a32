"""References to what the analyst points at, and anchors that survive re-extraction.

Two kinds of thing name an object:

* a **ref**, the short string every ``--json`` hit prints and the CLI takes back: ``a:<article>``
  (an article), ``q:<article>:<n>`` (its n-th quote), ``e:<article>:<n>`` (its n-th event),
  ``actor:<id>`` (an actor profile), ``a:<article>:<start>-<end>`` (a passage, character offsets
  into the article text). The ``n`` of a quote or event is its position in the current
  extraction, so a ref is for *now*: it can point elsewhere after a rebuild.
* an **anchor**, what the user's store keeps: the article id, the character span and a fingerprint
  of the text under it. After a rebuild, an extractor upgrade or an edit of the article, the
  anchor is found again by its text (nearest occurrence to the old offset), or reported as gone —
  never silently moved onto other text.

Why here and not in the UI: the CLI, the app, briefs and corrections all parse and resolve the
same refs; one parser next to the code that writes them keeps them from drifting.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal

RefKind = Literal["article", "quote", "event", "actor", "passage"]

_REF_RE = re.compile(
    r"^(?:(?P<kind>[aqe]):(?P<article>[^:\s]+)(?::(?P<n>\d+)|:(?P<start>\d+)-(?P<end>\d+))?"
    r"|actor:(?P<actor>[^\s]+))$")
_KINDS: dict[str, RefKind] = {"a": "article", "q": "quote", "e": "event"}


class BadRef(ValueError):
    """A string that is not a ref; the message says what a ref looks like."""


@dataclass(frozen=True)
class Ref:
    """A parsed ref. ``n`` for quotes and events, ``start``/``end`` for passages, ``actor`` for profiles."""

    kind: RefKind
    article: str = ""
    n: int | None = None
    start: int | None = None
    end: int | None = None
    actor: str = ""

    def __str__(self) -> str:
        if self.kind == "actor":
            return f"actor:{self.actor}"
        if self.kind == "passage":
            return f"a:{self.article}:{self.start}-{self.end}"
        if self.kind == "article":
            return f"a:{self.article}"
        return f"{self.kind[0]}:{self.article}:{self.n}"


def parse_ref(text: str) -> Ref:
    """Parse a ref string.

    >>> parse_ref("q:004_abc:3")
    Ref(kind='quote', article='004_abc', n=3, start=None, end=None, actor='')
    >>> str(parse_ref("a:004_abc:120-180"))
    'a:004_abc:120-180'
    >>> parse_ref("actor:jnim").actor
    'jnim'
    """
    m = _REF_RE.match(text.strip())
    if not m:
        raise BadRef(f"not a reference: {text!r} (expected a:ARTICLE, q:ARTICLE:N, e:ARTICLE:N, "
                     "a:ARTICLE:START-END or actor:ID, as printed in --json output)")
    if m["actor"]:
        return Ref("actor", actor=m["actor"])
    kind = _KINDS[m["kind"]]
    if m["start"] is not None:
        if kind != "article" or int(m["end"]) <= int(m["start"]):
            raise BadRef(f"not a passage: {text!r} (a:ARTICLE:START-END with START < END)")
        return Ref("passage", m["article"], start=int(m["start"]), end=int(m["end"]))
    if kind == "article":
        if m["n"] is not None:
            raise BadRef(f"not a reference: {text!r} (an article ref has no number)")
        return Ref("article", m["article"])
    if m["n"] is None:
        raise BadRef(f"not a reference: {text!r} ({m['kind']}:ARTICLE:N)")
    return Ref(kind, m["article"], n=int(m["n"]))


def quote_ref(article: str, n: int) -> str:
    return f"q:{article}:{n}"


def event_ref(article: str, n: int) -> str:
    return f"e:{article}:{n}"


def article_ref(article: str) -> str:
    return f"a:{article}"


def fingerprint(text: str) -> str:
    """A short hash of text with white space folded (re-wrapping an article does not change it)."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Anchor:
    """Where an object sits in an article, as the user's store keeps it: id, span, and the text itself.

    The text is kept (not only its fingerprint) so a clip or correction can still be shown, and
    found again, after the article changed.
    """

    article: str
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, article: str, body: str, start: int, end: int) -> Anchor:
        """The anchor of ``body[start:end]`` in article ``article``."""
        return cls(article, start, end, body[start:end])

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.text)


def relocate(anchor: Anchor, body: str) -> tuple[int, int] | None:
    """The span of the anchored text in ``body`` (the article as it is now), or None if it is gone.

    Same offsets first; else the occurrence of the same words (any white space between them)
    nearest to the old offset. Never a fuzzy match: changed words mean "source changed".

    >>> a = Anchor.of("x", "One. The army said so. Two.", 5, 22)
    >>> relocate(a, "Zero. One. The army\\nsaid so. Two.")
    (11, 28)
    >>> relocate(a, "One. The army denied it.") is None
    True
    """
    if 0 <= anchor.start < anchor.end <= len(body) and fingerprint(body[anchor.start:anchor.end]) == anchor.fingerprint:
        return anchor.start, anchor.end
    words = anchor.text.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = [(m.start(), m.end()) for m in pattern.finditer(body)]
    return min(found, key=lambda span: abs(span[0] - anchor.start)) if found else None
