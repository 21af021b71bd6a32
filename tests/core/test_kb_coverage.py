"""Knowledge-base coverage an analyst needs (issue 16, classes 16 and 19), with the packaged KB."""
from __future__ import annotations

from datetime import date

import pytest

from sahel_tui.core.extract.linking import Linker


@pytest.fixture(scope="module")
def linker(kb) -> Linker:
    return Linker(kb)


def _actors(linker: Linker, text: str) -> list[str]:
    return [m.ref for m in linker.link(text, date(2024, 3, 1)) if m.kind == "actor"]


COVERAGE = [
    ("security-ministry-mali", "The Malian security ministry banned the march.", "mali_ministry_of_security"),
    ("defence-ministry-burkina", "The Burkinabe defence ministry denied the report.", "burkina_ministry_of_defence"),
    ("defence-ministry-niger", "Niger's defence ministry confirmed the ambush.", "niger_ministry_of_defence"),
    ("pre-2020-junta-mali", "The CNRDR dissolved the institutions.", "cnrdre_mali"),
    ("pre-2020-junta-niger", "The Supreme Council for the Restoration of Democracy promised elections.", "csrd_niger"),
    ("transition-assembly", "The Transitional Legislative Assembly voted the bill.", "alt_burkina"),
    ("human-rights-commission", "The National Human Rights Commission of Niger visited the prison.", "cndh_niger"),
    ("un-regional-office", "UNOWAS briefed the council.", "unowas"),
    ("un-development", "The United Nations Development Programme funded the wells.", "undp"),
    ("oic", "The OIC called for dialogue.", "oic"),
    ("russian-official", "Yunus-Bek Yevkurov landed in Bamako.", "yunus_bek_yevkurov"),
    ("victims-collective", "The Collective against Impunity and the Stigmatisation of Communities counted the dead.",
     "cisc_burkina"),
    ("jihadist-commander", "Ba Ag Moussa led the assault.", "ba_ag_moussa"),
]


@pytest.mark.parametrize("text,actor", [c[1:] for c in COVERAGE], ids=[c[0] for c in COVERAGE])
def test_the_knowledge_base_knows_what_an_analyst_meets(linker, text, actor):
    assert actor in _actors(linker, text)


GENERIC = [
    ("fulani-herders-militia", "A Fulani herders’ militia burned the granaries.", "fulani_militias"),
    ("arab-militiamen", "Arab militiamen patrolled the market.", "arab_militias"),
    ("dogon-hunters", "Dogon hunters set up checkpoints.", "dogon_militias"),
    ("self-defence-groups", "Local self-defence groups took up arms.", "self_defence_groups"),
    ("dozo-hunters", "Dozo hunters clashed with the jihadists.", "dozo"),
]


@pytest.mark.parametrize("text,actor", [g[1:] for g in GENERIC], ids=[g[0] for g in GENERIC])
def test_generic_collectives_link_to_generic_actors(linker, kb, text, actor):
    assert _actors(linker, text) == [actor]
    assert kb.actors[actor].type in ("collective", "armed_group")


def test_generic_actors_are_typed_and_described_as_generic(kb):
    generic = [a for a in kb.actors.values() if a.type == "collective"]
    assert len(generic) >= 4 and all(a.description.startswith("Generic.") for a in generic)


def test_a_bare_ethnic_name_is_still_no_actor(linker):
    assert _actors(linker, "Fulani and Dogon farmers share the wells.") == []


@pytest.mark.parametrize("text,actor", [
    ("In Ménaka, the Islamic State’s Sahel Province claimed the raid.", "isgs"),
    ("In Gao, Mali’s ruling junta and the Burkinabe special forces met.", "mali_government"),
    ("The UN Multidimensional Integrated Stabilization Mission in Mali left Kidal.", "minusma"),
], ids=["branch-not-parent", "template-junta", "un-variant"])
def test_templates_and_branches_with_the_packaged_kb(linker, text, actor):
    assert _actors(linker, text)[0] == actor
