"""Who and where the synthetic articles talk about: knowledge-base actors and places, and people.

Real coverage is skewed: JNIM, the Malian army, Wagner and Bamako appear in a large share of
articles, most of the gazetteer only now and then. Entities are ranked (prominent ones first,
then the rest of the knowledge base in file order) and drawn with Zipf weights, and each draw
picks one of the entity's surface names (its canonical name and first aliases most often), so
the linker meets aliases, accents and acronyms as it would in real copy.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from sahel_tui.core.knowledge import KnowledgeBase

from .lexicon import Zipf

#: The most reported actors and places first; ids missing from the knowledge base are skipped.
PROMINENT_ACTORS = ("jnim", "fama", "wagner_group", "isgs", "mali_government", "aqim", "french_forces",
                    "minusma", "ecowas", "assimi_goita", "iyad_ag_ghali", "katiba_macina", "ansarul_islam",
                    "burkina_armed_forces", "niger_armed_forces", "vdp", "cma", "africa_corps", "aes", "un",
                    "ibrahim_traore", "abdourahamane_tiani", "amadou_kouffa", "mnla")
PROMINENT_PLACES = ("mali", "burkina_faso", "niger", "bamako", "sahel", "gao", "timbuktu", "mopti",
                    "kidal", "menaka", "ouagadougou", "niamey", "kayes", "segou", "djibo", "tillaberi",
                    "france", "russia", "algeria", "dori", "sevare", "douentza", "bandiagara", "kati")

FIRST_NAMES = ("Moussa", "Amadou", "Fatoumata", "Aminata", "Ibrahim", "Oumar", "Boubacar", "Mariam",
               "Adama", "Seydou", "Hamidou", "Aïssata", "Djénéba", "Souleymane", "Ousmane", "Abdoulaye",
               "Hawa", "Kadiatou", "Issa", "Alassane", "Rokia", "Yacouba", "Salif", "Awa", "Bakary",
               "Mahamadou", "Oumou", "Sékou", "Hamadoun", "Ramata")
SURNAMES = ("Diarra", "Traoré", "Coulibaly", "Keïta", "Touré", "Cissé", "Maïga", "Sangaré", "Diallo",
            "Konaté", "Dembélé", "Sidibé", "Ouédraogo", "Sawadogo", "Zongo", "Kaboré", "Issoufou", "Abdou",
            "Doumbia", "Sissoko", "Kouyaté", "Bagayoko", "Guindo", "Tembely", "Dicko", "Barry", "Sow",
            "Compaoré", "Ilboudo", "Hama")
ROLES = ("a researcher at the University of Bamako", "a security analyst", "a spokesman for the army",
         "the mayor of {town}", "a resident of {town}", "a humanitarian worker in {town}",
         "a local official in {town}", "a member of parliament", "a teacher in {town}",
         "a senior researcher at the Timbuktu Institute", "an elected official from {town}",
         "a trader in {town}", "a community leader", "a journalist based in {town}")
OUTLETS = ("Reuters", "AFP", "Al Jazeera", "RFI", "Jeune Afrique", "Le Monde", "The New Humanitarian",
           "Studio Tamani", "Maliweb", "BBC", "VOA", "Associated Press", "France 24", "Deutsche Welle",
           "The Guardian", "Burkina24", "ActuNiger", "Sahel Intelligence", "Africa Report", "ISS Africa",
           "Crisis Group", "Al-Mashareq", "Le Point", "Bloomberg", "Mondafrique")


@dataclass(frozen=True)
class Entity:
    id: str
    surfaces: Zipf  # the names a writer uses for it, most common first


@dataclass(frozen=True)
class Person:
    name: str
    role: str


@dataclass(frozen=True)
class Cast:
    actors: tuple[Entity, ...]
    actor_zipf: Zipf  # over actor indexes ("0", "1", ...)
    places: tuple[Entity, ...]
    place_zipf: Zipf
    people: tuple[Person, ...]  # knowledge-base persons with their roles
    outlets: Zipf

    def actor(self, rng: random.Random) -> tuple[str, str]:
        """(id, surface) of an actor, skewed towards the prominent ones."""
        entity = self.actors[int(self.actor_zipf.one(rng))]
        return entity.id, entity.surfaces.one(rng)

    def place(self, rng: random.Random) -> tuple[str, str]:
        entity = self.places[int(self.place_zipf.one(rng))]
        return entity.id, entity.surfaces.one(rng)

    def town(self, rng: random.Random) -> str:
        return self.place(rng)[1]

    def speaker(self, rng: random.Random) -> Person:
        """A known person (40 %) or an unlisted one with a role (who the people finder must find)."""
        if self.people and rng.random() < 0.4:
            return self.people[min(int(rng.paretovariate(1.2)) - 1, len(self.people) - 1)]
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        return Person(name, rng.choice(ROLES).format(town=self.town(rng)))

    def author(self, rng: random.Random) -> str:
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def _usable(name: str) -> bool:
    """Names a writer would print: no embedded quote marks (they would open a quotation)."""
    return bool(name) and not any(c in name for c in '"“”«»') and len(name) <= 48


def _entity(ident: str, name: str, aliases: tuple[str, ...]) -> Entity:
    surfaces = tuple(dict.fromkeys(n for n in (name, *aliases) if _usable(n))) or (ident,)
    return Entity(ident, Zipf.over(surfaces, 1.3, 1.0))


def _ranked(ids: list[str], prominent: tuple[str, ...]) -> list[str]:
    first = [i for i in prominent if i in ids]
    return first + [i for i in ids if i not in first]


def build_cast(kb: KnowledgeBase) -> Cast:
    """The generator's entities from the knowledge base, ranked for skewed draws."""
    actor_ids = _ranked(list(kb.actors), PROMINENT_ACTORS)
    actors = tuple(_entity(i, kb.actors[i].name, kb.actors[i].aliases) for i in actor_ids)
    place_ids = _ranked(list(kb.places), PROMINENT_PLACES)
    places = tuple(_entity(i, kb.places[i].name, kb.places[i].aliases) for i in place_ids)
    people = tuple(Person(a.name, _role_phrase(a.role)) for a in kb.actors.values()
                   if a.type == "person" and _usable(a.name))
    index = lambda n: tuple(str(i) for i in range(n))  # noqa: E731
    return Cast(actors, Zipf.over(index(len(actors)), 1.1, 1.0), places, Zipf.over(index(len(places)), 1.1, 1.0),
                people, Zipf.over(OUTLETS, 1.0, 1.0))


def _role_phrase(role: str | None) -> str:
    if not role:
        return "a senior official"
    return "the " + role[0].lower() + role[1:] if role[0].isupper() and " " in role else role
