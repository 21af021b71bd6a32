"""Known names of the knowledge base, for the query language: which actor or place a name
means, every alias it stands for, and which places lie inside a place.
"""
from __future__ import annotations

from .knowledge import KnowledgeBase
from .text import Token, fold, tokenize


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

    def place_scope(self, ref: str) -> tuple[str, ...]:
        """A place and every place inside it in the knowledge base: a country's regions and towns,
        a region's towns; a town that names a region ("Ménaka", "Ménaka Region") also covers that
        region. The place itself comes first."""
        places = self.kb.places
        place = places.get(ref)
        if place is None:
            return (ref,)
        tops = [place] + [p for p in places.values() if p.kind == "region" and p.id != ref
                          and fold(p.name) in (fold(place.name + " region"), fold(place.name + " district"))]
        scope = [ref]
        for top in tops:
            names = {fold(n) for n in (top.name, *top.aliases)}
            inside = [p.id for p in places.values() if p.id not in scope and p.id != top.id and (
                (top.kind == "region" and p.admin_region and fold(p.admin_region) in names)
                or (top.kind == "country" and p.country and fold(p.country) in names))]
            scope += ([top.id] if top.id not in scope else []) + inside
        return tuple(dict.fromkeys(scope))

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
