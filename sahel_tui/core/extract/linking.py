"""Find every mention of a known actor or place in a text, in one pass over its words.

All aliases live in one token trie, so an article is walked once whatever the number of
aliases. Matching ignores case, accents, apostrophes and hyphens, keeps whole words, and takes
the longest match first ("Islamic State in the Greater Sahara" is one mention, not "Islamic
State" + "Sahara"). Capitalisation still matters where it carries meaning: a capitalised alias
word needs a capitalised word in the text, and a short acronym (US, UN, IS) needs capitals.

Ambiguity rules (tested in tests/core/test_linking.py):

1. A country name is both a state actor and a place: both are reported.
2. Contextual aliases ("Russian fighters", "UN peacekeepers", "Minister of Defence") link only
   in an article whose most-mentioned country is the actor's country (when it has one) and,
   when the actor has active years, whose publication year falls in them.
3. An alias shared on purpose by several actors is resolved by those same checks; a bare
   "ISIS"/"Islamic State" means the Sahel branch in an article about the Sahel, unless its
   sentence places it elsewhere (Middle East, Iraq, Syria…) or it is the parent of an
   "affiliate"/"branch"/"province" — unless that affiliate is the local one ("the Sahel ISIS
   affiliate", "an ISIS wing in Mali"), which is the branch.
4. A town name directly followed by "region" — or coordinated, as in "the Menaka and Gao
   regions" — means the region of that name.
5. Names of outlets, universities and the like ("University of Bamako") are matched and then
   dropped, so the place inside them is not reported.
6. A country named only as a location in an article ("in Algeria", "borders Senegal",
   "southern Libya") is a place there, not a state actor.
7. A town with a region of the same name means the region after a direction ("northern Gao")
   or in "the regions of Gao and Ménaka".
8. A place followed by "bureau", "correspondent", "desk", "editor" (a job title) or "empire",
   "kingdom" (a historical state) is neither place nor state there.
9. A person named right after an occupation the knowledge base does not give them ("the nurse
   Assimi Goïta, 34") is a namesake and not linked.
10. A name never runs across a line break, and an actor's name followed by more capitalised words
   that end in an organisation's head ("United Nations Integrated Office") is another, unlisted
   body: the shorter actor is not linked there.
11. Aliases are also generated from templates, the same for Mali, Burkina Faso and Niger ("⟨Country⟩’s
   ruling junta", "⟨Demonym⟩ special forces", "⟨Country⟩ army"), plus UN <-> United Nations and
   names without their trailing "in Mali"; a generated alias never takes a name another actor owns.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..knowledge import KnowledgeBase
from ..models import Mention
from ..text import Token, fold, tokenize
from .lexicon.aliases import spelling_variants, state_aliases

_END = ""  # trie key under which the entries ending at a node are stored
_ELSEWHERE_RE = re.compile(r"\b(middle east|iraq|syria|levant|afghanistan|caliphate|global|worldwide|"
                           r"central command|core)\b")
_PARENT_CUES = {"affiliate", "affiliated", "affiliates", "branch", "province", "linked", "offshoot",
                "franchise", "wing"}
#: "the Sahel ISIS affiliate", "the ISIS wing in Mali": the local branch, not the parent (rule 3).
_LOCAL_BEFORE = {"sahel", "sahelian", "local", "regional", "malian", "burkinabe", "burkinabè", "nigerien", "nigérien"}
_LOCAL_AFTER = {"sahel", "mali", "niger", "burkina", "greater", "sahara", "liptako", "menaka", "ménaka", "gao"}
_REGION_WORDS = {"region", "regions"}
_TOWN_KINDS = {"town", "village", "commune", "cercle"}
#: "northern Gao" or "eastern Menaka" names the region around a town, not the town.
_DIRECTIONS = {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
               "southeastern", "southwestern", "north", "south", "east", "west"}
#: Words before a country name that make that mention a location, not the state acting (rule 6).
#: ("to"/"from" are left out: "closer to Russia", "distanced itself from France" are relations.)
_LOCATIVE = {"in", "into", "across", "throughout", "within", "inside", "outside", "near", "through",
             "via", "borders", "bordering"} | _DIRECTIONS
_SAHEL_COUNTRIES = {"Mali", "Burkina Faso", "Niger"}
#: Name particles written either way ("al-Qaeda", "Al-Qaeda", "Ag Ghali"): they never require a capital.
_PARTICLES = {"al", "el", "ad", "ag", "ould", "ben", "bin", "ibn", "wal", "wa", "ul", "ar", "as", "ash", "an", "at"}
#: After a place, these make it part of a job title ("our Sahel bureau chief") or a historical state
#: ("the old Songhai empire"), not the place (rule 8).
_NOT_PLACE_AFTER = {"bureau", "correspondent", "correspondents", "desk", "editor", "empire", "empires", "kingdom"}
#: An occupation right before a person's name that the knowledge base does not give the person:
#: "the nurse Assimi Goïta" is a namesake, not the head of state (rule 9).
_OCCUPATIONS = {"nurse", "farmer", "student", "teacher", "trader", "herder", "shopkeeper", "driver", "mechanic",
                "tailor", "fisherman", "pupil", "midwife", "doctor", "butcher", "merchant", "baker", "carpenter",
                "mason", "vendor", "footballer", "singer", "musician", "artist", "villager", "resident", "miner"}
#: Words that continue an organisation's name: "United Nations Integrated Office" is another body than
#: the UN, so a shorter alias followed by one of them is no mention of the shorter actor (rule 10).
_ORG_HEADS = {"office", "mission", "programme", "program", "fund", "agency", "council", "commission", "force",
              "organization", "organisation", "panel", "committee", "department", "centre", "center", "integrated",
              "multidimensional", "development", "high", "institute", "bureau", "observatory", "directorate"}


_Match = tuple[int, int, list["_Entry"]]  # first token, last token + 1, the entries matched there


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str  # "actor" | "place" | "nonactor"
    ref: str
    shape: tuple[str, ...]  # per alias word: "upper" (short acronym), "cap" (capitalised), "" (free)
    contextual: bool = False


def _shape(word: str) -> str:
    if word.lower() in _PARTICLES:
        return ""
    letters = [c for c in word if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 3:
        return "upper"
    return "cap" if word[:1].isupper() else ""


def _fits(entry: _Entry, tokens: Sequence[Token]) -> bool:
    """Does the text's capitalisation fit the alias's (proper names, acronyms)?"""
    for need, token in zip(entry.shape, tokens, strict=False):
        if need == "upper" and not token.text.isupper():
            return False
        if need == "cap" and not token.text[:1].isupper():
            return False
    return True


class Linker:
    """Links mentions of a knowledge base's actors and places; build once, reuse for every article."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._trie: dict[str, Any] = {}  # token key -> child node; _END -> the entries ending here
        self._region_of_town: dict[str, str] = {}
        for actor in kb.actors.values():
            for alias in actor.aliases:
                self._add(alias, _Entry("actor", actor.id, self._shapes(alias)))
            for alias in actor.contextual_aliases:
                self._add(alias, _Entry("actor", actor.id, self._shapes(alias), contextual=True))
        for place in kb.places.values():
            for alias in {place.name, *place.aliases}:
                self._add(alias, _Entry("place", place.id, self._shapes(alias)))
        for other in kb.nonactors:
            for alias in {other.name, *other.aliases}:
                self._add(alias, _Entry("nonactor", other.name, self._shapes(alias)))
        self._add_generated(kb)
        self._index_regions()

    def _add_generated(self, kb: KnowledgeBase) -> None:
        """Template aliases (lexicon.aliases) where no actor owns that name yet (rule 11)."""
        generated = [(actor_id, alias) for actor_id, alias in state_aliases() if actor_id in kb.actors]
        for actor in kb.actors.values():
            generated += [(actor.id, variant) for alias in actor.aliases for variant in spelling_variants(alias)]
        for actor_id, alias in generated:
            owners = {e.ref for e in self._entries_at(alias) if e.kind == "actor"}
            if not owners - {actor_id}:
                self._add(alias, _Entry("actor", actor_id, self._shapes(alias)))

    def _entries_at(self, alias: str) -> list[_Entry]:
        node: dict[str, Any] | None = self._trie
        for token in tokenize(alias):
            node = node.get(token.key) if node is not None else None
        return list(node.get(_END, ())) if node is not None else []

    @staticmethod
    def _shapes(alias: str) -> tuple[str, ...]:
        return tuple(_shape(t.text) for t in tokenize(alias))

    def _add(self, alias: str, entry: _Entry) -> None:
        node = self._trie
        for token in tokenize(alias):
            node = node.setdefault(token.key, {})
        if node is self._trie:
            return
        entries = node.setdefault(_END, [])
        if entry not in entries:
            entries.append(entry)

    def _index_regions(self) -> None:
        """Map a town id to the region of the same name (Gao -> Gao Region)."""
        regions = {fold(p.name.replace("Region", "").replace("region", "")): p.id
                   for p in self.kb.places.values() if p.kind == "region"}
        for place in self.kb.places.values():
            if place.kind in _TOWN_KINDS and fold(place.name) in regions:
                self._region_of_town[place.id] = regions[fold(place.name)]

    # ------------------------------------------------------------ matching
    def _longest(self, tokens: list[Token], i: int, text: str) -> tuple[int, list[_Entry]]:
        """The longest alias starting at token i whose capitalisation fits, within one line: (length, entries)."""
        node: dict[str, Any] | None = self._trie
        best_len, best = 0, []
        for j in range(i, len(tokens)):
            if j > i and "\n" in text[tokens[j - 1].end:tokens[j].start]:
                break
            node = node.get(tokens[j].key) if node is not None else None
            if node is None:
                break
            fitting = [e for e in node.get(_END, ()) if _fits(e, tokens[i:j + 1])]
            if fitting:
                best_len, best = j - i + 1, fitting
        return best_len, best

    def _raw_matches(self, tokens: list[Token], text: str) -> list[tuple[int, int, list[_Entry]]]:
        """Left-to-right, longest-first, non-overlapping matches as (first, last+1, entries)."""
        out, i = [], 0
        first_words = self._trie
        while i < len(tokens):
            if tokens[i].key not in first_words:  # most words start no alias: skip the call
                i += 1
                continue
            length, entries = self._longest(tokens, i, text)
            if length:
                out.append((i, i + length, entries))
                i += length
            else:
                i += 1
        return out

    def link(self, text: str, published: date | None = None) -> tuple[Mention, ...]:
        """All actor and place mentions in ``text``, in document order.

        >>> from sahel_tui.core.knowledge import load_knowledge
        >>> kb = "actors: [{id: jnim, name: JNIM, type: armed_group, aliases: [JNIM, GSIM]}]"
        >>> linker = Linker(load_knowledge(texts=[("t", kb)]))
        >>> [(m.ref, m.surface) for m in linker.link("GSIM, also called JNIM’s coalition")]
        [('jnim', 'GSIM'), ('jnim', 'JNIM')]
        """
        tokens = tokenize(text)
        matches = [m for m in self._raw_matches(tokens, text) if not self._misread(m, tokens, text)]
        context = _ArticleContext.build(self, matches, published)
        mentions: list[Mention] = []
        for first, last, entries in matches:
            start, end = tokens[first].start, tokens[last - 1].end
            for entry in self._resolve(entries, context, text, tokens, first, last):
                ref = self._maybe_region(entry, tokens, last, matches)
                mentions.append(Mention(entry.kind, ref, start, end, text[start:end]))
        return tuple(self._drop_location_only_states(mentions, tokens, text))

    def _misread(self, match: tuple[int, int, list[_Entry]], tokens: list[Token], text: str) -> bool:
        """Rules 8-10: a job title or historical state, a namesake, or the head of a longer name."""
        first, last, entries = match
        nxt = tokens[last] if last < len(tokens) and "\n" not in text[tokens[last - 1].end:tokens[last].start] else None
        if nxt is not None and nxt.key in _NOT_PLACE_AFTER and all(e.kind in ("place", "actor") for e in entries):
            return any(e.kind == "place" for e in entries)
        if (nxt is not None and nxt.text[:1].isupper() and all(e.kind == "actor" for e in entries)
                and self._org_continues(tokens, last, text)):
            return True
        if first >= 2 and tokens[first - 1].key in _OCCUPATIONS and tokens[first - 1].text.islower():
            people = [self.kb.actors[e.ref] for e in entries if e.kind == "actor" and e.ref in self.kb.actors
                      and self.kb.actors[e.ref].type == "person"]
            word = tokens[first - 1].key
            return bool(people) and all(word not in fold(f"{p.role or ''} {p.description}") for p in people)
        return False

    @staticmethod
    def _org_continues(tokens: list[Token], last: int, text: str) -> bool:
        """Do up to three capitalised words after a name end in an organisation's head word?"""
        for j in range(last, min(last + 3, len(tokens))):
            if not tokens[j].text[:1].isupper() or "\n" in text[tokens[j - 1].end:tokens[j].start]:
                return False
            if tokens[j].key in _ORG_HEADS:
                return True
        return False

    def _drop_location_only_states(self, mentions: list[Mention], tokens: list[Token], text: str) -> list[Mention]:
        """Rule 6: a country only ever named as a location ("in Algeria", "borders Senegal") is a
        place in this article, not a state actor."""
        index = {t.start: i for i, t in enumerate(tokens)}
        locative: dict[str, bool] = {}
        previous_locative = False
        for m in mentions:
            if m.kind != "actor" or self.kb.actors[m.ref].type != "state":
                continue
            i = index.get(m.start, 0)
            before = tokens[i - 1].key if i else ""
            gap = text[tokens[i - 1].end:tokens[i].start].strip() if i else ""
            here = before in _LOCATIVE or (previous_locative and (before == "and" or gap == ","))
            locative[m.ref] = locative.get(m.ref, True) and here
            previous_locative = here
        return [m for m in mentions if not (m.kind == "actor" and locative.get(m.ref))]

    # ------------------------------------------------------------ ambiguity
    def _resolve(self, entries: list[_Entry], ctx: _ArticleContext, text: str,
                 tokens: list[Token], first: int, last: int) -> list[_Entry]:
        """Choose, per kind, which of the entries an occurrence means (see the module rules)."""
        if any(e.kind == "nonactor" for e in entries):
            return []
        chosen = []
        for kind in ("actor", "place"):
            candidates = [e for e in entries if e.kind == kind and self._allowed(e, ctx)]
            if len(candidates) > 1:
                candidates = self._disambiguate(candidates, ctx, text, tokens, first, last)
            chosen.extend(candidates[:1])
        return chosen

    def _allowed(self, entry: _Entry, ctx: _ArticleContext) -> bool:
        """Rule 2: contextual aliases need a Sahel article, the right country and active years."""
        if entry.kind != "actor" or not entry.contextual:
            return True
        if not ctx.is_sahel:
            return False
        start, end = self.kb.contexts[entry.ref].active if entry.ref in self.kb.contexts else (None, None)
        year = ctx.published.year if ctx.published else None
        if year is not None and ((start and year < int(start)) or (end and year > int(end))):
            return False
        country = self.kb.actors[entry.ref].country
        return country not in _SAHEL_COUNTRIES or country == ctx.main_country

    def _disambiguate(self, candidates: list[_Entry], ctx: _ArticleContext, text: str,
                      tokens: list[Token], first: int, last: int) -> list[_Entry]:
        """Several actors share this name: prefer the Sahel branch in Sahel context (rule 3)."""
        sentence = fold(_sentence_around(text, tokens[first].start))
        parent_cue = last < len(tokens) and tokens[last].key in _PARENT_CUES
        if parent_cue:  # "the Sahel ISIS affiliate", "an ISIS wing in Mali" name the local branch
            after = [t.key for t in tokens[last + 1:last + 5]]
            local = (first and tokens[first - 1].key in _LOCAL_BEFORE) or (
                after[:1] in (["in"], ["of"]) and bool(set(after) & _LOCAL_AFTER))
            parent_cue = not local
        regional = [e for e in candidates if e.contextual]
        general = [e for e in candidates if not e.contextual]
        if regional and ctx.is_sahel and not parent_cue and not _ELSEWHERE_RE.search(sentence):
            return regional
        return general or candidates

    def _maybe_region(self, entry: _Entry, tokens: list[Token], last: int,
                      matches: list[tuple[int, int, list[_Entry]]]) -> str:
        """Rule 4: "Gao region" / "the Menaka and Gao regions" mean regions, not towns."""
        region = self._region_of_town.get(entry.ref) if entry.kind == "place" else None
        if region is None:
            return entry.ref
        nxt = tokens[last].key if last < len(tokens) else ""
        first = next(m[0] for m in matches if m[1] == last)
        before = [t.key for t in tokens[max(0, first - 3):first]]
        if nxt in _REGION_WORDS or (before and before[-1] in _DIRECTIONS):
            return region
        if before[-2:] == ["regions", "of"] or before[-2:] == ["region", "of"] or \
                (len(before) == 3 and before[0] == "regions" and before[1] == "of"):
            return region
        if before and before[-1] == "and" and self._coordinated_region(tokens, first, matches):
            return region
        following = [m for m in matches if m[0] in (last + 1, last + 2)][:1]
        if nxt in {"and", "or"} and following:
            after = following[0][1]
            if after < len(tokens) and tokens[after].key == "regions":
                return region
        return entry.ref


    def _coordinated_region(self, tokens: list[Token], first: int, matches: list[_Match]) -> bool:
        """"the regions of Gao and Ménaka": the place before "and" was itself a region by rule 4."""
        previous = [m for m in matches if m[1] == first - 1]
        if not previous:
            return False
        start = previous[0][0]
        return [t.key for t in tokens[max(0, start - 2):start]] in (["regions", "of"], ["region", "of"])


def _sentence_around(text: str, offset: int) -> str:
    start = max(text.rfind(". ", 0, offset), text.rfind("\n", 0, offset)) + 1
    ends = [i for i in (text.find(". ", offset), text.find("\n", offset)) if i != -1]
    return text[start:min(ends) if ends else len(text)]


@dataclass(frozen=True)
class _ArticleContext:
    """What the whole article is about, from its unambiguous mentions."""

    main_country: str | None
    is_sahel: bool
    published: date | None

    @classmethod
    def build(cls, linker: Linker, matches: list[_Match], published: date | None) -> _ArticleContext:
        countries: Counter[str] = Counter()
        sahel = False
        for _, _, entries in matches:
            for entry in entries:
                if entry.kind != "place":
                    continue
                place = linker.kb.places[entry.ref]
                if place.country:
                    countries[place.country] += 1
                sahel = sahel or place.country in _SAHEL_COUNTRIES or place.name == "Sahel"
        main = countries.most_common(1)[0][0] if countries else None
        return cls(main, sahel, published)
