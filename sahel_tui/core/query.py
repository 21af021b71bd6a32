"""The one query language of the search box, the filter boxes and the CLI, parsed into a tree.

Pure: no Whoosh here. `parse()` turns the user's text into a tree of small frozen nodes (words,
phrases, prefixes, field filters, date and toll ranges, AND/OR/NOT); `search.py` compiles the
tree for the index and the test oracle evaluates the same tree in plain Python, so a readable
query means exactly one thing everywhere. GRAMMAR lists the syntax for help and README.

Names of known actors and places are expanded to every alias: "GSIM" also finds articles that
only say JNIM. A malformed query (unbalanced quotes or brackets, an unknown field, a dangling
operator) falls back to its plain words and says so; a readable query that asks for something
impossible (a reversed range, a date that is not a date) is a QueryError, never reinterpreted.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from .aliases import AliasIndex
from .querytree import (
    STOP_WORDS,
    And,
    Count,
    DateRange,
    Entity,
    Every,
    Fuzzy,
    Match,
    Node,
    Not,
    Or,
    ParsedQuery,
    Phrase,
    Prefix,
    QueryError,
    Word,
    index_words,
    is_filter,
    render,
    walk,
)
from .text import fold, tokenize

__all__ = ["STOP_WORDS", "AliasIndex", "And", "Count", "DateRange", "Entity", "Every", "Fuzzy", "Match", "Node",
           "Not", "Or", "ParsedQuery", "Phrase", "Prefix", "QueryError", "Word", "index_words", "is_filter",
           "parse", "render", "walk", "GRAMMAR", "KINDS", "EVENT_KINDS", "OPERATORS", "date_bound",
           "parse_date_filter", "check_since_until", "MAX_QUERY_CHARS"]

MAX_QUERY_CHARS = 2000
TEXT_FIELDS = frozenset({"body", "title", "source", "author", "speaker"})
DATE_FIELDS = frozenset({"published", "date", "when"})  # when: an event's date, else publication
KNOWN_FIELDS = TEXT_FIELDS | DATE_FIELDS | frozenset({"actor", "place", "kind", "event", "article",
                                                      "since", "until", "killed"})
KINDS = frozenset({"article", "quote", "event"})
EVENT_KINDS = frozenset({"attack", "coup", "withdrawal", "agreement", "statement", "report", "deployment",
                         "political", "period", "other"})
OPERATORS = frozenset({"AND", "OR", "NOT"})
_QUOTE_MAP = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
#: The pieces of a query, in order of preference.
_PIECE_RE = re.compile(
    r'(?P<space>\s+)|(?P<paren>[()])|(?P<phrase>"[^"]*")(?:~(?P<slop>\d+))?'
    r"|(?P<cmp>[A-Za-z_]+)(?P<op>>=|<=|>|<)(?P<num>[^\s()]+)"
    r'|(?P<field>[A-Za-z_]+):(?P<value>"[^"]*"|\[[^\]]*\]|[^\s()]+)'
    r"|(?P<sign>[-+])(?=[^\s)])|(?P<word>[^\s()\"]+)")
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
_WORD_CHAR = re.compile(r"\w")

#: The grammar, as (syntax, meaning) rows for the help screen and README; a test parses each one.
GRAMMAR: tuple[tuple[str, str], ...] = (
    ("Kayes attack", "both words (AND is implied); words are folded and stemmed: attacked finds attacks"),
    ('"Nioro du Sahel"', "the exact phrase"),
    ("Kayes OR Gao", "either word; OR binds tighter than AND: Mali attack OR ambush = Mali (attack OR ambush)"),
    ("Wagner NOT Niger", "without the word (also -Niger); NOT applies to the next word, phrase, filter or group"),
    ("(Kayes OR Gao) AND attack", "brackets group; AND may be written or left out"),
    ("Tounk*", "a prefix: every word that begins so"),
    ("Tounkra~", "fuzzy: one typo away (Tounkra~2: two)"),
    ("actor:jnim", "documents linked to an actor, by id or any alias (actor:GSIM, actor:\"Wagner Group\")"),
    ("place:menaka", "documents linked to a place or a place inside it (a region's towns; place:=menaka: alone)"),
    ("kind:event", "only articles, quotes or events (kind:article, kind:quote, kind:event)"),
    ("event:attack", "events of one kind: attack coup withdrawal agreement statement report deployment "
                     "political period other"),
    ('speaker:"Goïta"', "quotes by a speaker (words of the name or role)"),
    ("title:coup source:Reuters author:Smith", "words in the headline, the outlet, the byline"),
    ("published:2023", "published in a year, month (2023-05), ISO week (2023-W30) or day (2023-05-04)"),
    ("published:2020..2022", "a range of periods (either side may be left open: 2020..)"),
    ("published:>=2023-06", "comparisons: >= > <= <"),
    ("date:2024-03", "the date an event happened (quotes and articles have none)"),
    ("since:2023 until:2024-06", "the event's date, or the publication date of articles and quotes"),
    ("killed>=10", "events with a reported death toll (also killed:10..50, killed<5)"),
)


class _Unreadable(Exception):
    """The query's structure cannot be read: fall back to its plain words."""


# ---------------------------------------------------------------- dates and numbers
def _period(value: str) -> tuple[date, date]:
    """'2023' -> the year, '2023-05' -> the month, '2023-W30' -> the ISO week (events dated "week of"
    its Monday), '2023-05-04' -> the day, as (first, last)."""
    week = re.fullmatch(r"\s*(\d{4})-W(\d{1,2})\s*", value, re.I)
    if week and 1 <= int(week.group(2)) <= 53:
        first = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        return first, first + timedelta(days=6)
    m = _DATE_RE.match(value.strip())
    if not m:
        raise QueryError(f"not a date: {value!r} (dates look like 2023, 2023-05 or 2023-05-04)")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            d = date(year, int(month), int(day))
            return d, d
        if month:
            first = date(year, int(month), 1)
            nxt = date(year + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        raise QueryError(f"not a date: {value!r} (dates look like 2023, 2023-05 or 2023-05-04)") from None


def _bounds(value: str, convert: Callable[[str], tuple[date, date]] | Callable[[str], tuple[int, int]],
            what: str) -> tuple[object, object]:
    """(low, high) of an exact value, a comparison (>=, >, <=, <) or a range (a..b, [a TO b])."""
    value = value.strip().strip("[]").strip()
    for op in (">=", "<=", ">", "<"):
        if value.startswith(op):
            first, last = convert(value[len(op):])
            return {">=": (first, None), ">": (_after(last), None),
                    "<=": (None, last), "<": (None, _before(first))}[op]
    for sep in ("..", " TO ", " to "):
        if sep in value:
            low, high = (part.strip() for part in value.split(sep, 1))
            start = convert(low)[0] if low else None
            end = convert(high)[1] if high else None
            if start is not None and end is not None and start > end:  # type: ignore[operator]
                raise QueryError(f"reversed {what} range {value!r}: the start is after the end")
            return start, end
    return convert(value)


def _after(value: object) -> object:
    return value + timedelta(days=1) if isinstance(value, date) else int(value) + 1  # type: ignore[call-overload]


def _before(value: object) -> object:
    return value - timedelta(days=1) if isinstance(value, date) else int(value) - 1  # type: ignore[call-overload]


def _number(value: str) -> tuple[int, int]:
    if not value.strip().isdigit():
        raise QueryError(f"not a number: {value!r} (killed:10, killed>=10, killed:10..50)")
    return int(value), int(value)


def parse_date_filter(field_name: str, value: str) -> DateRange:
    """A date filter value: exact period, comparison (>=, >, <=, <) or range (a..b, [a TO b]).
    Raises QueryError (a ValueError) on a reversed range or a value that is not a date."""
    start, end = _bounds(value, _period, "date")
    return DateRange(field_name, start, end)  # type: ignore[arg-type]


def date_bound(value: str, end: bool) -> date:
    """The first (since) or last (until) day of '2023', '2023-05' or '2023-05-04'."""
    first, last = _period(value)
    return last if end else first


def check_since_until(since: date | None, until: date | None) -> None:
    """since after until is a reversed range: a usage error, not an empty (or full) list."""
    if since is not None and until is not None and since > until:
        raise QueryError(f"reversed date range: since {since.isoformat()} is after until {until.isoformat()}")
# ---------------------------------------------------------------- reading the text
def problem_with(text: str) -> str | None:
    """Why a query cannot be read as written (quotes or brackets), in a few words, or None."""
    if len(text) > MAX_QUERY_CHARS:
        return None  # parse() says so as an error
    if text.count('"') % 2:
        return "unbalanced quote"
    depth = 0
    for char in re.sub(r'"[^"]*"', "", text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return "unbalanced brackets"
    return "unbalanced brackets" if depth else None


def plain_words(text: str) -> str:
    return " ".join(w for w in re.findall(r"\w+", text) if w not in OPERATORS)


def _is_op(piece: re.Match[str], name: str) -> bool:
    return piece.group("word") == name


class _Parser:
    """Recursive descent over the pieces: and := or ([AND] or)*; or := unary (OR unary)*;
    unary := (NOT | -) unary | +unary | atom; atom := (and) | phrase | field:value | word."""

    def __init__(self, text: str, typing: bool) -> None:
        self.pieces = [m for m in _PIECE_RE.finditer(text) if not m.group("space")]
        self.i = 0
        self.typing = typing

    def peek(self) -> re.Match[str] | None:
        return self.pieces[self.i] if self.i < len(self.pieces) else None

    def take(self) -> re.Match[str]:
        piece = self.peek()
        if piece is None:
            raise _Unreadable("an operator has nothing to join")
        self.i += 1
        return piece

    def parse(self) -> Node | None:
        node = self.and_()
        if self.peek() is not None:
            raise _Unreadable("unbalanced brackets")
        return node

    def and_(self) -> Node | None:
        items: list[Node | None] = []
        while (piece := self.peek()) is not None and piece.group() != ")":
            if _is_op(piece, "AND"):
                self.i += 1
                after = self.peek()
                if not items or after is None or after.group() == ")" or _is_op(after, "OR") or _is_op(after, "AND"):
                    raise _Unreadable("operator 'AND' has nothing to join")
                continue
            items.append(self.or_())
        return _join(And, items)

    def or_(self) -> Node | None:
        items = [self.unary()]
        while (piece := self.peek()) is not None and _is_op(piece, "OR"):
            self.i += 1
            items.append(self.unary())
        return _join(Or, items)

    def unary(self) -> Node | None:
        piece = self.peek()
        if piece is None:
            raise _Unreadable("an operator has nothing to join")
        if _is_op(piece, "NOT") or piece.group("sign") == "-":
            self.i += 1
            child = self.unary()
            return Not(child) if child is not None else None
        if piece.group("sign") == "+":
            self.i += 1
            return self.unary()
        if _is_op(piece, "AND") or _is_op(piece, "OR"):
            raise _Unreadable(f"operator '{piece.group()}' has nothing to join")
        return self.atom()

    def atom(self) -> Node | None:
        piece = self.take()
        if piece.group() == "(":
            node = self.and_()
            if self.take().group() != ")":
                raise _Unreadable("unbalanced brackets")
            return node
        if piece.group() == ")":
            raise _Unreadable("unbalanced brackets")
        if piece.group("phrase"):
            return Phrase("body", piece.group("phrase")[1:-1], int(piece.group("slop") or 1))
        if piece.group("cmp"):
            return self.field(piece.group("cmp").lower(), piece.group("op") + piece.group("num"))
        if piece.group("field"):
            return self.field(piece.group("field").lower(), piece.group("value"))
        last = self.i == len(self.pieces)
        return _word("body", piece.group("word"), typing=self.typing and last)

    def field(self, name: str, value: str) -> Node | None:
        if name not in KNOWN_FIELDS:
            raise _Unreadable(f"unknown field '{name}:'")
        bare = value.strip('"')
        if name in TEXT_FIELDS:
            return Phrase(name, bare) if value.startswith('"') else _word(name, value)
        if name in ("actor", "place"):  # resolved to ids by the expansion pass; place:=x is x alone
            exact = bare.startswith("=")
            return Entity(name, bare[1:] if exact else bare, within=name == "place" and not exact)
        if name == "kind":
            kind = bare.lower().rstrip("s")
            if kind not in KINDS:
                raise QueryError(f"kind:{bare} is not a kind (kinds are article, quote, event)")
            return Match("kind", kind)
        if name == "event":
            if bare.lower() not in EVENT_KINDS:
                raise QueryError(f"event:{bare} is not an event kind (one of {', '.join(sorted(EVENT_KINDS))})")
            return Match("event", bare.lower())
        if name == "article":
            return Match("article", bare)
        if name == "killed":
            low, high = _bounds(bare, _number, "toll")
            return Count("killed", low, high)  # type: ignore[arg-type]
        if name in ("since", "until"):
            first, last = _period(bare)
            return DateRange("when", first, None) if name == "since" else DateRange("when", None, last)
        return parse_date_filter(name, bare)


def _word(field_name: str, raw: str, typing: bool = False) -> Node | None:
    """A word, a prefix (word*) or a fuzzy word (word~, word~2); None for bare punctuation."""
    if raw in ("-", "+", "*", "~"):
        raise _Unreadable("a lone operator")
    fuzzy = re.fullmatch(r"(.*\w)~(\d?)", raw)
    if fuzzy:
        return Fuzzy(field_name, fuzzy.group(1), int(fuzzy.group(2) or 1))
    if raw.endswith("*") and _WORD_CHAR.search(raw[:-1]) and "*" not in raw[:-1]:
        return Prefix(field_name, raw[:-1])
    return Word(field_name, raw, typing) if _WORD_CHAR.search(raw) else None


def _join(kind: type[And] | type[Or], items: list[Node | None]) -> Node | None:
    kept = [item for item in items if item is not None]
    flat: list[Node] = []
    for item in kept:
        flat.extend(item.children if isinstance(item, kind) else (item,))
    return None if not flat else flat[0] if len(flat) == 1 else kind(tuple(flat))


# ---------------------------------------------------------------- names to entities
class _Expander:
    """Turns known names into the entities they name, resolves actor:/place: values, marks the
    word being typed as a prefix, and drops words the index does not keep (the, of)."""

    def __init__(self, aliases: AliasIndex | None, notes: list[str]) -> None:
        self.aliases, self.notes = aliases, notes
        self.expanded: list[str] = []

    def node(self, n: Node) -> Node | None:
        if isinstance(n, And):
            return _join(And, self.sequence(n.children))
        if isinstance(n, Or):
            return _join(Or, [self.node(c) for c in n.children])
        if isinstance(n, Not):
            child = self.node(n.child)
            return Not(child) if child is not None else None
        if isinstance(n, Word) and n.field == "body":
            return _join(And, self.run([n]))
        if isinstance(n, Phrase) and n.field == "body":
            return self.phrase(n)
        if isinstance(n, Entity):
            return self.entity(n)
        if isinstance(n, (Word, Phrase)):
            return n if index_words(n.text) else None
        return n

    def sequence(self, children: tuple[Node, ...]) -> list[Node | None]:
        """Consecutive plain words are read together, so "Wagner Group" is one name."""
        out: list[Node | None] = []
        run: list[Word] = []
        for child in children:
            if isinstance(child, Word) and child.field == "body":
                run.append(child)
                continue
            out += self.run(run)
            run = []
            out.append(self.node(child))
        return out + self.run(run)

    def run(self, words: list[Word]) -> list[Node | None]:
        """Expand the longest known names in a run of plain words (the typed word alone)."""
        if words and words[-1].typing:
            return self.run(words[:-1]) + [self.typed(words[-1])]
        out: list[Node | None] = []
        tokens = [tokenize(w.text) for w in words]
        longest = self.aliases.longest if self.aliases else 1
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + longest), i, -1):
                flat = [t for ts in tokens[i:j] for t in ts]
                found = self.aliases.lookup(flat) if self.aliases and flat else []
                if found:
                    out.append(self.entities(found, " ".join(w.text for w in words[i:j])))
                    i = j
                    break
            else:
                out.append(_kept(words[i]))
                i += 1
        return out

    def typed(self, word: Word) -> Node | None:
        """While typing, the last word also stands for the words it begins (and for every name of
        the entity it names, if it already is a known name)."""
        found = self.aliases.lookup(tokenize(word.text)) if self.aliases else []
        if found:
            return self.entities(found, word.text)
        plain = _kept(Word(word.field, word.text))
        if len(word.text) >= 2 and word.text[-1].isalnum():
            return _join(Or, [plain, Prefix(word.field, word.text, narrow=True)])
        return plain

    def phrase(self, phrase: Phrase) -> Node | None:
        tokens = tokenize(phrase.text)
        found = self.aliases.lookup(tokens) if self.aliases and tokens else []
        if found:
            return self.entities(found, phrase.text)
        return phrase if index_words(phrase.text) else None

    def entity(self, entity: Entity) -> Node:
        """actor:/place: take an id or any alias; an unknown name matches nothing, and says so."""
        if self.aliases is None:
            return Entity(entity.kind, entity.ref.lower())
        ref = self.aliases.resolve(entity.kind, entity.ref)
        if ref is None:
            self.notes.append(f"No {entity.kind} named {entity.ref!r} in the knowledge base")
            return Entity(entity.kind, "")
        if not entity.within:
            return Entity(entity.kind, ref)
        scope = self.aliases.place_scope(ref)
        if len(scope) > 1:
            label = self.aliases.label("place", ref)
            self.notes.append(f"place:{entity.ref} also covers {len(scope) - 1} place(s) in or named after "
                              f"{label} (place:={entity.ref} for {label} alone)")
        result = _join(Or, [Entity("place", r) for r in scope])
        assert result is not None
        return result

    def entities(self, found: list[tuple[str, str]], label: str) -> Node:
        """A known name becomes the entity it names: every document linked to it, whatever name
        it uses there. (The linker already matched the words themselves, so keeping them as
        text would only add a slow phrase search that finds nothing new.)"""
        assert self.aliases is not None
        names = []
        for kind, ref in found:
            self.expanded.append(ref)
            names.append(self.aliases.label(kind, ref))
        named = " / ".join(dict.fromkeys(names))
        same = fold(named) == fold(label)
        self.notes.append(f"{label}: also matching {'its other names' if same else 'every name of ' + named}")
        nodes: list[Node | None] = [Entity(k, r) for k, r in found]
        result = _join(Or, nodes)
        assert result is not None
        return result


def _kept(word: Word) -> Node | None:
    """The word without its typing mark, or None when the index leaves it out (the, of)."""
    return Word(word.field, word.text) if index_words(word.text) else None


def _check_since_until(tree: Node) -> None:
    for node in walk(tree):
        if isinstance(node, And):
            ranges = [c for c in node.children if isinstance(c, DateRange) and c.field == "when"]
            starts = [r.start for r in ranges if r.start and not r.end]
            ends = [r.end for r in ranges if r.end and not r.start]
            if starts and ends:
                check_since_until(max(starts), min(ends))


# ---------------------------------------------------------------- parsing
def parse(text: str, aliases: AliasIndex | None = None, prefix_last: bool = False) -> ParsedQuery:
    """Read the user's query into a tree, with notes on what was expanded or could not be read.

    >>> parse('Kayes published:2025').text
    'Kayes published:2025-01-01..2025-12-31'
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text):,} characters long; the most is {MAX_QUERY_CHARS:,}")
    typing = prefix_last and not text.endswith((" ", '"', ")"))
    text = text.translate(_QUOTE_MAP).strip()
    notes: list[str] = []
    problem = problem_with(text)
    tree: Node | None = None
    if problem is None:
        try:
            tree = _Parser(text, typing).parse()
        except _Unreadable as err:
            problem = str(err)
    if problem is not None:
        words = plain_words(text)
        notes.append(f"Could not read the query ({problem}); searched for the words: {words or '(none)'}")
        if not words:
            raise QueryError(f"nothing to search for ({problem})")
        tree = _Parser(words, typing).parse()
    expander = _Expander(aliases, notes)
    tree = expander.node(tree) if tree is not None else None
    if tree is None and plain_words(text):
        notes.append("Only common words (the, of ...), which the index leaves out: showing everything")
    tree = tree or Every()
    _check_since_until(tree)
    return ParsedQuery(tree, tuple(notes), tuple(dict.fromkeys(expander.expanded)), problem is not None)
