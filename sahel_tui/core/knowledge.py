"""Load and validate the actor/place knowledge base: packaged YAML plus the user's overlay.

A bad entry is reported and skipped; the rest loads. The overlay (``actors.yaml`` /
``places.yaml`` in the per-user data directory) adds entries or replaces packaged ones by id.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .models import Actor, Affiliation, Place
from .text import alias_keys, fold

if TYPE_CHECKING:  # YAML and the correction log load only when used: the compiled cache needs neither
    from .corrections import Correction

log = logging.getLogger(__name__)

ACTOR_TYPES = frozenset({"armed_group", "state_force", "foreign_force", "government", "international_org",
                         "political_movement", "person", "state", "collective"})  # collective: a generic group
INVERSE_RELATIONS = {
    "leader_of": "led_by", "led_by": "leader_of", "succeeded_by": "successor_of",
    "successor_of": "succeeded_by", "part_of": "has_part", "member_of": "has_member",
    "affiliate_of": "has_affiliate", "faction_of": "has_faction", "controlled_by": "controls",
    "government_of": "governed_by", "supports": "supported_by", "former_leader_of": "formerly_led_by",
    "former_adviser_to": "formerly_advised_by", "allied_with": "allied_with", "opposed_to": "opposed_to",
    "linked_to": "linked_to", "partner_of": "partner_of",
}


class UnknownActor(LookupError):
    """No actor has that id or alias."""


@dataclass(frozen=True)
class NonActor:
    """A name that is neither actor nor place (outlet, university, ethnic group) but contains one."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorContext:
    """When an actor's contextual aliases and ambiguous aliases may be linked."""

    active: tuple[int | None, int | None] = (None, None)
    ambiguous: frozenset[str] = frozenset()  # folded alias strings shared on purpose


@dataclass
class KnowledgeBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    nonactors: list[NonActor] = field(default_factory=list)
    contexts: dict[str, ActorContext] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    fingerprint: str = ""
    corrections: tuple[Correction, ...] = ()  # the analyst's log in force (core/corrections.py)
    #: What is computed from the entries once and cached with them (the query language's alias
    #: index, "aliases"); emptied when the analyst's corrections change the entries.
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # ------------------------------------------------------------ lookups
    def actor(self, id_or_alias: str) -> Actor:
        """An actor by id, canonical name or any alias (case/accent-insensitive)."""
        if id_or_alias in self.actors:
            return self.actors[id_or_alias]
        wanted = alias_keys(id_or_alias)
        for actor in self.actors.values():
            names = (actor.name, actor.id.replace("_", " "), *actor.aliases)
            if any(alias_keys(n) == wanted for n in names):
                return actor
        raise UnknownActor(id_or_alias)

    def place(self, id_or_alias: str) -> Place | None:
        if id_or_alias in self.places:
            return self.places[id_or_alias]
        wanted = alias_keys(id_or_alias)
        for place in self.places.values():
            if any(alias_keys(n) == wanted for n in (place.name, *place.aliases)):
                return place
        return None

    def relations_of(self, actor_id: str) -> list[tuple[str, str]]:
        """(relation, other id) both ways: stated affiliations and the inverse of others' links."""
        out = [(a.relation, a.target) for a in self.actors[actor_id].affiliations]
        for other in self.actors.values():
            for a in other.affiliations:
                if a.target == actor_id and other.id != actor_id:
                    pair = (INVERSE_RELATIONS.get(a.relation, f"{a.relation} (of)"), other.id)
                    if pair not in out:
                        out.append(pair)
        return out


# ---------------------------------------------------------------- parsing
def _strings(value: object) -> tuple[str, ...]:
    """Names from a string or a list of scalars; an over-long or nested one is refused (ValueError)."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else None
    if items is None:
        raise ValueError(f"expected a name or a list of names, not {type(value).__name__}")
    out = []
    for item in items:
        if item in (None, ""):
            continue
        if isinstance(item, (list, dict)):
            raise ValueError("a name must be text, not a list or mapping")
        name = str(item)
        if len(name) > MAX_ALIAS_CHARS:
            raise ValueError(f"a name of {len(name):,} characters (the limit is {MAX_ALIAS_CHARS})")
        out.append(name)
    return tuple(out)


def _parse_actor(raw: dict[str, Any]) -> tuple[Actor, ActorContext]:
    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("name"):
        raise ValueError("an actor needs at least 'id' and 'name'")
    kind = raw.get("type", "")
    if kind not in ACTOR_TYPES:
        raise ValueError(f"unknown type {kind!r} (expected one of {', '.join(sorted(ACTOR_TYPES))})")
    affiliations = tuple(Affiliation(str(a["id"]), str(a.get("relation", "linked_to")))
                         for a in raw.get("affiliations") or [] if isinstance(a, dict) and a.get("id"))
    actor = Actor(
        id=str(raw["id"]), name=_strings(raw["name"])[0], type=kind, aliases=_strings(raw.get("aliases")),
        contextual_aliases=_strings(raw.get("contextual_aliases")), affiliations=affiliations,
        description=str(raw.get("description") or "").strip(), role=raw.get("role"),
        country=raw.get("country"),
    )
    active = tuple(raw.get("active") or (None, None))[:2]
    context = ActorContext(active=(active + (None, None))[:2],
                           ambiguous=frozenset(fold(a) for a in _strings(raw.get("ambiguous"))))
    return actor, context


def _parse_place(raw: dict[str, Any]) -> Place:
    if not isinstance(raw, dict) or not raw.get("name"):
        raise ValueError("a place needs at least 'name'")
    lat, lon = raw.get("lat"), raw.get("lon")
    return Place(
        id=str(raw.get("id") or "_".join(alias_keys(str(raw["name"])))), name=_strings(raw["name"])[0],
        kind=str(raw.get("kind") or "area"), aliases=_strings(raw.get("aliases")),
        country=raw.get("country"), admin_region=raw.get("admin_region"),
        lat=float(lat) if lat is not None else None, lon=float(lon) if lon is not None else None,
    )


MAX_ALIAS_CHARS = 200  # an actor or place name longer than this is not a name (and slows every search)


def _read_yaml(text: str, origin: str, problems: list[str]) -> dict[str, list[Any]]:
    """The lists under 'actors', 'places' and 'nonactors' of one YAML file."""
    import yaml

    from .safeyaml import YAMLTooLarge, safe_load
    try:
        data = safe_load(text) or {}
    except YAMLTooLarge as err:
        problems.append(f"{origin}: refused, {err}; file ignored")
        return {}
    except yaml.YAMLError as err:
        problems.append(f"{origin}: not valid YAML ({getattr(err, 'problem', err)}); file ignored")
        return {}
    if not isinstance(data, dict):
        problems.append(f"{origin}: expected a mapping with 'actors', 'places' or 'nonactors'; file ignored")
        return {}
    out = {}
    for key in ("actors", "places", "nonactors"):
        items = data.get(key) or []
        if isinstance(items, list):
            out[key] = items
        else:
            problems.append(f"{origin}: expected a list under '{key}'; ignored")
    return out


# ---------------------------------------------------------------- validation
def _validate(kb: KnowledgeBase) -> None:
    """Drop dangling affiliations and report aliases claimed by two actors without 'ambiguous'."""
    for actor_id, actor in list(kb.actors.items()):
        dangling = [a.target for a in actor.affiliations if a.target not in kb.actors]
        if dangling:
            kb.problems.append(f"actor {actor_id}: affiliation to unknown id(s) {', '.join(dangling)} ignored")
            kb.actors[actor_id] = _replace_affiliations(actor, kb.actors)
    owners: dict[str, str] = {}
    for actor in kb.actors.values():
        ambiguous = kb.contexts.get(actor.id, ActorContext()).ambiguous
        for alias in {fold(a) for a in (*actor.aliases, *actor.contextual_aliases)}:
            other = owners.setdefault(alias, actor.id)
            if other != actor.id and alias not in ambiguous:
                kb.problems.append(f"alias {alias!r} claimed by {other} and {actor.id} (mark it 'ambiguous')")


def _replace_affiliations(actor: Actor, known: dict[str, Actor]) -> Actor:
    return replace(actor, affiliations=tuple(a for a in actor.affiliations if a.target in known))


def _label(raw: object, key: str) -> str:
    return str(raw.get(key, "?")) if isinstance(raw, dict) else repr(raw)


def _load_into(kb: KnowledgeBase, text: str, origin: str) -> None:
    """Add the actors/places/non-actors of one YAML text; later files override earlier ids."""
    sections = _read_yaml(text, origin, kb.problems)
    for raw in sections.get("actors", []):
        try:
            actor, context = _parse_actor(raw)
        except (ValueError, KeyError, TypeError) as err:
            kb.problems.append(f"{origin}: actor {_label(raw, 'id')} skipped: {err}")
            continue
        kb.actors[actor.id] = actor
        kb.contexts[actor.id] = context
    for raw in sections.get("places", []):
        try:
            place = _parse_place(raw)
        except (ValueError, KeyError, TypeError) as err:
            kb.problems.append(f"{origin}: place {_label(raw, 'name')} skipped: {err}")
            continue
        kb.places[place.id] = place
    for raw in sections.get("nonactors", []):
        if isinstance(raw, dict) and raw.get("name"):
            try:
                kb.nonactors.append(NonActor(_strings(raw["name"])[0], str(raw.get("kind", "other")),
                                             _strings(raw.get("aliases"))))
            except ValueError as err:
                kb.problems.append(f"{origin}: non-actor {_label(raw, 'name')} skipped: {err}")


def packaged_texts() -> list[tuple[str, str]]:
    """The knowledge-base files shipped inside the package, as (name, text)."""
    folder = resources.files("sahel_tui") / "data"
    names = ("actors.yaml", "places.yaml", "nonactors.yaml")
    return [(f"package:{n}", (folder / n).read_text(encoding="utf-8")) for n in names if (folder / n).is_file()]


def overlay_texts(data_dir: Path | None) -> list[tuple[str, str]]:
    if data_dir is None:
        return []
    out = []
    for name in ("actors.yaml", "places.yaml"):
        path = data_dir / name
        if path.is_file():
            try:
                out.append((str(path), path.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as err:
                log.warning("cannot read overlay %s: %s", path, err)
    return out


def load_knowledge(data_dir: Path | None = None, texts: Iterable[tuple[str, str]] | None = None) -> KnowledgeBase:
    """Load the packaged knowledge base and the user's overlay (or explicit texts, for tests).

    With a data folder, the parsed result is cached there (knowledge_cache.py) and the YAML is
    parsed again only when a text, the package or this code changes.
    """
    sources = list(texts) if texts is not None else packaged_texts() + overlay_texts(data_dir)
    if texts is None and data_dir is not None:
        kb = _load_compiled(sources, data_dir)
        _add_user_corrections(kb, data_dir)
    else:
        kb = _parse(sources)
    for problem in kb.problems:
        log.warning("knowledge base: %s", problem)
    return kb


def _parse(sources: list[tuple[str, str]]) -> KnowledgeBase:
    kb = KnowledgeBase()
    digest = hashlib.sha256()
    for origin, text in sources:
        digest.update(text.encode("utf-8"))
        _load_into(kb, text, origin)
    _validate(kb)
    kb.fingerprint = digest.hexdigest()[:16]
    return kb


def _load_compiled(sources: list[tuple[str, str]], data_dir: Path) -> KnowledgeBase:
    """The knowledge base of these texts from the cache, or parsed (with its alias index) and cached."""
    from . import knowledge_cache
    from .aliases import AliasIndex
    path, key = knowledge_cache.cache_file(data_dir), knowledge_cache.cache_key(sources)
    cached = knowledge_cache.load(path, key)
    if isinstance(cached, KnowledgeBase):
        return cached
    kb = _parse(sources)
    kb.derived["aliases"] = AliasIndex(kb)
    knowledge_cache.save(path, key, kb)
    return kb


def _add_user_corrections(kb: KnowledgeBase, data_dir: Path | None) -> None:
    """Carry the analyst's correction log, and add its aliases and actors (see apply_corrections)."""
    from .apply_corrections import apply_to_knowledge
    from .corrections import stored_corrections
    from .userdb import StoreError
    try:
        kb.corrections = stored_corrections(data_dir)
    except StoreError as err:
        kb.problems.append(f"corrections not applied: {err}")
        return
    if kb.corrections:
        apply_to_knowledge(kb, kb.corrections)
        kb.derived.clear()  # computed from the entries before the corrections
