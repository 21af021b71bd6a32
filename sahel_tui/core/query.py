"""The user's query language, turned into what the search module runs. Pure: no Whoosh here.

Words must all match; "exact phrases"; OR, NOT and -word; (grouping); prefix*; fuzzy~;
field filters title:, source:, author:, speaker:, kind:, event:, actor:, place: (actor and
place take an id or any alias); date filters published: and date: (2023, 2023-05,
>=2023-01-01, <2024, 2020..2022). Names of known actors and places are expanded to every
alias: "GSIM" also finds articles that only say JNIM. A malformed query falls back to its
plain words, and says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .knowledge import KnowledgeBase
from .text import Token, fold, tokenize

KNOWN_FIELDS = frozenset({"title", "body", "source", "author", "speaker", "actor", "place", "kind",
                          "event", "published", "date", "article"})
KINDS = frozenset({"article", "quote", "event"})
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})
_QUOTE_MAP = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
#: The pieces of a query: a phrase, a field:value (value may be a phrase), an operator or paren, a word.
_PIECE_RE = re.compile(r'(?P<phrase>"[^"]*"(?:~\d+)?)|(?P<field>[A-Za-z_]+):(?P<value>"[^"]*"|\S+)'
                       r"|(?P<paren>[()])|(?P<word>[^\s()\"]+)")
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


@dataclass(frozen=True)
class DateFilter:
    field: str  # "published" (articles) | "date" (events)
    start: date | None = None
    end: date | None = None  # inclusive


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # Whoosh query syntax
    dates: tuple[DateFilter, ...] = ()
    kinds: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what the user should be told: expansions, fallbacks
    expanded: tuple[str, ...] = ()  # actor/place ids added by alias expansion
    fallback: bool = False


class QueryError(ValueError):
    """A query that cannot be run even as plain words (e.g. nothing but operators)."""


# ---------------------------------------------------------------- dates
def _period(value: str) -> tuple[date, date]:
    """'2023' -> the year, '2023-05' -> the month, '2023-W30' -> the ISO week (events dated "week of"
    its Monday), '2023-05-04' -> the day, as (first, last)."""
    week = re.fullmatch(r"\s*(\d{4})-W(\d{1,2})\s*", value, re.I)
    if week and 1 <= int(week.group(2)) <= 53:
        first = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        return first, first + timedelta(days=6)
    m = _DATE_RE.match(value)
    if not m:
        raise ValueError(value)
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if day:
        d = date(year, int(month), int(day))
        return d, d
    if month:
        first = date(year, int(month), 1)
        nxt = date(year + (first.month == 12), first.month % 12 + 1, 1)
        return first, nxt - timedelta(days=1)
    return date(year, 1, 1), date(year, 12, 31)


def parse_date_filter(field: str, value: str) -> DateFilter:
    """A date filter value: exact period, comparison (>=, >, <=, <) or range (a..b, [a TO b])."""
    value = value.strip().strip("[]")
    for op in (">=", "<=", ">", "<"):
        if value.startswith(op):
            first, last = _period(value[len(op):])
            return {">=": DateFilter(field, first, None), ">": DateFilter(field, last + timedelta(days=1)),
                    "<=": DateFilter(field, None, last), "<": DateFilter(field, None, first - timedelta(days=1))}[op]
    for sep in ("..", " TO ", " to "):
        if sep in value:
            low, high = value.split(sep, 1)
            return DateFilter(field, _period(low)[0] if low.strip() else None,
                              _period(high)[1] if high.strip() else None)
    first, last = _period(value)
    return DateFilter(field, first, last)


# ---------------------------------------------------------------- aliases
class AliasIndex:
    """Known names (folded word sequences) -> the actors/places they name, for query expansion."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._names: dict[tuple[str, ...], list[tuple[str, str, bool]]] = {}
        for actor in kb.actors.values():
            self._add_all("actor", actor.id, (actor.name, *actor.aliases))
        for place in kb.places.values():
            self._add_all("place", place.id, (place.name, *place.aliases))
        self.longest = max((len(k) for k in self._names), default=1)

    def _add_all(self, kind: str, ref: str, names: tuple[str, ...]) -> None:
        keysets = {tuple(t.key for t in tokenize(n)) for n in names} - {()}
        for name in names:
            keys = tuple(t.key for t in tokenize(name))
            acronym = name.isupper() and len(name) <= 3
            # Expanding only helps when some other name does not contain these words already:
            # "Mali" gains nothing from "Republic of Mali", "GSIM" gains everything from "JNIM".
            useful = any(not _contains(other, keys) for other in keysets)
            entry = (kind, ref if useful else "", acronym)
            if keys and entry not in self._names.get(keys, []):
                self._names.setdefault(keys, []).append(entry)

    def lookup(self, tokens: list[Token]) -> list[tuple[str, str]]:
        """Entities named exactly by these words; short acronyms must be typed in capitals."""
        entries = self._names.get(tuple(t.key for t in tokens), [])
        return [(kind, ref) for kind, ref, acronym in entries
                if ref and (not acronym or all(t.text.isupper() for t in tokens))]

    def resolve(self, kind: str, value: str) -> str | None:
        """An actor/place id from an id or any alias (for actor:/place: filters)."""
        value = value.strip('"')
        table = self.kb.actors if kind == "actor" else self.kb.places
        if value in table:
            return value
        keys = tuple(t.key for t in tokenize(value.replace("_", " ")))
        for entry_kind, ref, _ in self._names.get(keys, []):
            if entry_kind == kind:
                return ref or _only_ref(self.kb, kind, keys)
        return None

    def label(self, kind: str, ref: str) -> str:
        table = self.kb.actors if kind == "actor" else self.kb.places
        return table[ref].name if ref in table else ref


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Does the word sequence contain ``part`` as a contiguous run?"""
    n = len(part)
    return any(words[i:i + n] == part for i in range(len(words) - n + 1))


def _only_ref(kb: KnowledgeBase, kind: str, keys: tuple[str, ...]) -> str | None:
    table = kb.actors if kind == "actor" else kb.places
    for ref, item in table.items():
        if tuple(t.key for t in tokenize(item.name)) == keys or any(
                tuple(t.key for t in tokenize(a)) == keys for a in item.aliases):
            return ref
    return None


# ---------------------------------------------------------------- validation
def problem_with(text: str) -> str | None:
    """Why a query is malformed, in a few words, or None."""
    if text.count('"') % 2:
        return "unbalanced quote"
    depth = 0
    for char in re.sub(r'"[^"]*"', "", text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return "unbalanced brackets"
    if depth:
        return "unbalanced brackets"
    pieces = [m for m in _PIECE_RE.finditer(text)]
    words = [m.group("word") for m in pieces if m.group("word")]
    for m in pieces:
        if m.group("field") and m.group("field").lower() not in KNOWN_FIELDS:
            return f"unknown field '{m.group('field')}:'"
    ops = [w for w in words if w in OPERATORS]
    if ops and (words[0] in OPERATORS - {"NOT"} or words[-1] in OPERATORS or len(ops) == len(pieces)):
        return f"operator '{ops[0]}' has nothing to join"
    if any(w in ("-", "+", "*", "~") for w in words):
        return "a lone operator"
    return None


def plain_words(text: str) -> str:
    return " ".join(w for w in re.findall(r"\w+", text) if w not in OPERATORS)


# ---------------------------------------------------------------- parsing
def parse(text: str, aliases: AliasIndex | None = None, prefix_last: bool = False) -> ParsedQuery:
    """Turn the user's query into Whoosh syntax, date filters and notes.

    >>> parse('Kayes published:2025').text, parse('Kayes published:2025').dates[0].end
    ('Kayes', datetime.date(2025, 12, 31))
    """
    typing_word = prefix_last and not text.endswith((" ", '"', ")"))
    text = text.translate(_QUOTE_MAP).strip()
    notes: list[str] = []
    problem = problem_with(text)
    fallback = problem is not None
    if problem:
        text = plain_words(text)
        notes.append(f"Could not read the query ({problem}); searched for the words: {text or '(none)'}")
        if not text:
            raise QueryError(f"nothing to search for ({problem})")
    builder = _Builder(aliases, notes)
    for m in _PIECE_RE.finditer(text):
        builder.piece(m)
    whoosh_text = builder.finish(typing_word)
    return ParsedQuery(whoosh_text, tuple(builder.dates), tuple(builder.kinds), tuple(notes),
                       tuple(builder.expanded), fallback)


class _Builder:
    """Walks the pieces of a query, collecting filters and rewriting alias words."""

    def __init__(self, aliases: AliasIndex | None, notes: list[str]) -> None:
        self.aliases, self.notes = aliases, notes
        self.out: list[str] = []
        self.run: list[str] = []  # consecutive plain words, expanded together
        self.dates: list[DateFilter] = []
        self.kinds: list[str] = []
        self.expanded: list[str] = []

    def piece(self, m: re.Match) -> None:
        word = m.group("word")
        if word and re.fullmatch(r"\w[\w’'\-.]*", word) and word not in OPERATORS:
            self.run.append(word)
            return
        self.flush()
        if word and word[0] in "+-" and re.fullmatch(r"[+-]\w[\w’'\-.]*", word):
            self.run.append(word[1:])  # a signed word: expand it alone, keep the sign on the group
            self.flush()
            self.out[-1] = word[0] + self.out[-1]
            return
        if m.group("field"):
            self.field(m.group("field").lower(), m.group("value"))
        elif m.group("phrase"):
            self.out.append(self.expand_phrase(m.group("phrase")))
        else:
            self.out.append(m.group())

    def field(self, name: str, value: str) -> None:
        if name in ("published", "date"):
            try:
                self.dates.append(parse_date_filter(name, value.strip('"')))
            except ValueError:
                self.notes.append(f"Ignored {name}:{value} (dates look like 2023, 2023-05, >=2023-01-01, 2020..2022)")
        elif name == "kind":
            kind = value.strip('"').lower().rstrip("s")
            if kind in KINDS:
                self.kinds.append(kind)
            else:
                self.notes.append(f"Ignored kind:{value} (kinds are article, quote, event)")
        elif name in ("actor", "place") and self.aliases is not None:
            ref = self.aliases.resolve(name, value)
            if ref is None:
                self.notes.append(f"No {name} named {value.strip(chr(34))!r} in the knowledge base")
                ref = "__none__"
            self.out.append(f"{name}:{ref}")
        else:
            self.out.append(f"{name}:{value}")

    def expand_phrase(self, phrase: str) -> str:
        inner = phrase.strip('"').split('"')[0]
        tokens = tokenize(inner)
        found = self.aliases.lookup(tokens) if self.aliases and tokens else []
        return self._entities(found, inner) if found else phrase

    def _entities(self, found: list[tuple[str, str]], label: str) -> str:
        """A known name becomes the entity it names: every document linked to it, whatever name
        it uses there. (The linker already matched the words themselves, so keeping them as
        text would only add a slow phrase search that finds nothing new.)"""
        names = []
        for kind, ref in found:
            self.expanded.append(ref)
            names.append(self.aliases.label(kind, ref))
        named = " / ".join(dict.fromkeys(names))
        same = fold(named) == fold(label)
        self.notes.append(f"{label}: also matching {'its other names' if same else 'every name of ' + named}")
        terms = [f"{k}:{r}" for k, r in found]
        return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"

    def flush(self) -> None:
        """Expand the longest known names in the pending run of plain words."""
        words, i = self.run, 0
        tokens = [tokenize(w) for w in words]
        while i < len(words):
            for j in range(min(len(words), i + (self.aliases.longest if self.aliases else 1)), i, -1):
                flat = [t for ts in tokens[i:j] for t in ts]
                found = self.aliases.lookup(flat) if self.aliases and flat else []
                if found:
                    written = " ".join(words[i:j])
                    self.out.append(self._entities(found, written))
                    i = j
                    break
            else:
                self.out.append(words[i])
                i += 1
        self.run = []

    def finish(self, prefix_last: bool) -> str:
        """Close the query; while typing, the last word also stands for the words it begins
        (and for every name of the entity it names, if it already is a known name)."""
        if prefix_last and self.run and len(self.run[-1]) >= 2 and self.run[-1][-1].isalnum():
            last = self.run.pop()
            self.flush()
            found = self.aliases.lookup(tokenize(last)) if self.aliases else []
            self.out.append(self._entities(found, last) if found else f"({last} OR {last}*)")
        self.flush()
        return " ".join(self.out)
