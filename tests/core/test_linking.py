"""Mention linking: alias variants, folding, longest match, and the ambiguity rules."""
from __future__ import annotations

from datetime import date

import pytest

from sahel_tui.core.extract.linking import Linker
from sahel_tui.core.knowledge import load_knowledge

ACTORS = """
actors:
- {id: jnim, name: "Jama’at Nusrat al-Islam wal-Muslimin", type: armed_group, country: Mali,
   aliases: [JNIM, GSIM, "Jama’at Nusrat al-Islam wal-Muslimin", Support Group for Islam and Muslims]}
- {id: isgs, name: Islamic State in the Greater Sahara, type: armed_group, country: Mali,
   aliases: [ISGS, Islamic State in the Greater Sahara], contextual_aliases: [ISIS, Islamic State], ambiguous: [ISIS, Islamic State]}
- {id: isis, name: Islamic State, type: armed_group, aliases: [ISIS, ISIL, Islamic State], ambiguous: [ISIS, Islamic State]}
- {id: wagner_group, name: Wagner Group, type: foreign_force, aliases: [Wagner Group, Wagner],
   contextual_aliases: [Russian fighters], active: [2021, 2025]}
- {id: united_states, name: United States, type: state, aliases: [US, United States]}
- {id: mali, name: Mali, type: state, aliases: [Mali]}
- {id: fama, name: Malian Armed Forces, type: state_force, aliases: [Malian army, Mali army, FAMa]}
- {id: goita, name: Assimi Goïta, type: person, aliases: [Assimi Goïta, Goïta]}
"""
PLACES = """
places:
- {id: mali, name: Mali, kind: country, country: Mali}
- {id: menaka, name: Ménaka, kind: town, country: Mali, aliases: [Menaka]}
- {id: menaka_region, name: Ménaka Region, kind: region, country: Mali, aliases: [Menaka region]}
- {id: gao, name: Gao, kind: town, country: Mali}
- {id: gao_region, name: Gao Region, kind: region, country: Mali, aliases: [Gao region]}
- {id: bamako, name: Bamako, kind: town, country: Mali}
- {id: sahara, name: Sahara, kind: area}
- {id: sahel, name: Sahel, kind: area}
- {id: nioro, name: Nioro du Sahel, kind: town, country: Mali}
- {id: middle_east, name: Middle East, kind: area}
nonactors:
- {name: University of Bamako, kind: academic}
"""


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(load_knowledge(texts=[("actors", ACTORS), ("places", PLACES)]))


def refs(linker: Linker, text: str, kind: str = "actor", published: date | None = date(2023, 1, 1)) -> list:
    return [(m.ref, m.surface) for m in linker.link(text, published) if m.kind == kind]


@pytest.mark.parametrize("text,expected", [
    ("JNIM claimed it.", [("jnim", "JNIM")]),
    ("GSIM claimed it.", [("jnim", "GSIM")]),
    ("Jama'at Nusrat al-Islam wal-Muslimin struck", [("jnim", "Jama'at Nusrat al-Islam wal-Muslimin")]),
    ("Jamaat Nusrat al Islam wal Muslimin struck", [("jnim", "Jamaat Nusrat al Islam wal Muslimin")]),
    ("the Support Group for Islam and Muslims (GSIM)", [("jnim", "Support Group for Islam and Muslims"), ("jnim", "GSIM")]),
    ("GOÏTA and Goita and Goïta’s government", [("goita", "GOÏTA"), ("goita", "Goita"), ("goita", "Goïta")]),
    ("the Mali army fought", [("fama", "Mali army")]),
], ids=["acronym", "other-acronym", "straight-apostrophe", "no-apostrophe-no-hyphen", "name-and-acronym",
        "accents-and-possessive", "longest-before-country"])
def test_aliases_link_whatever_the_spelling(linker, text, expected):
    assert refs(linker, text) == expected


def test_longest_match_wins(linker):
    text = "The Islamic State in the Greater Sahara attacked near Nioro du Sahel."
    assert refs(linker, text) == [("isgs", "Islamic State in the Greater Sahara")]
    assert refs(linker, text, "place") == [("nioro", "Nioro du Sahel")]


@pytest.mark.parametrize("text,expected", [
    ("Let us go, the US said.", [("united_states", "US")]),
    ("MALIMALIAN soldiers and Malimali", []),
], ids=["acronym-needs-capitals", "glued-words"])
def test_whole_words_and_capitals(linker, text, expected):
    assert refs(linker, text) == expected


def test_country_names_are_both_state_and_place(linker):
    mentions = linker.link("Mali has sent troops to fight in northern Mali.", None)
    assert [(m.kind, m.ref) for m in mentions] == [("actor", "mali"), ("place", "mali")] * 2


@pytest.mark.parametrize("text,state", [
    ("Youth in Algeria, Libya and elsewhere.", False),
    ("Fighting in northern Mali.", False),
    ("Mali has turned away from its ally.", True),
    ("The junta grew closer to Mali.", True),
], ids=["list-after-in", "direction", "subject", "relation"])
def test_country_named_only_as_a_location_is_not_a_state_actor(linker, text, state):
    assert any(m.kind == "actor" for m in linker.link(text, None)) is state


def test_bare_isis_is_the_sahel_branch_in_a_sahel_article(linker):
    text = "ISIS expands around Menaka in Mali.\nWith the decline of ISIS’ presence in the Middle East, it grew."
    assert [r for r, _ in refs(linker, text)] == ["isgs", "isis"]


def test_bare_isis_is_the_central_group_outside_the_sahel(linker):
    assert [r for r, _ in refs(linker, "ISIS lost ground in the Middle East.")] == ["isis"]


def test_parent_of_an_affiliate_stays_the_central_group(linker):
    assert ("isis", "ISIS") in refs(linker, "In Mali, an ISIS affiliate attacked Gao.")


@pytest.mark.parametrize("text", ["In Mali, the Sahel ISIS affiliate attacked Gao.",
                                  "In Mali, the ISIS wing in the Sahel attacked Gao.",
                                  "In Mali, an ISIS affiliate of the Greater Sahara attacked Gao."])
def test_a_local_affiliate_or_wing_is_the_branch_not_the_parent(linker, text):
    assert [r for r, _ in refs(linker, text)][:1] == ["isgs"]


def test_contextual_alias_needs_context_and_active_years(linker):
    text = "In Mali, Russian fighters arrived in Bamako."
    assert ("wagner_group", "Russian fighters") in refs(linker, text, published=date(2022, 5, 1))
    assert ("wagner_group", "Russian fighters") not in refs(linker, text, published=date(2019, 5, 1))
    assert refs(linker, "Russian fighters arrived in Syria.", published=date(2022, 5, 1)) == []


@pytest.mark.parametrize("text,expected", [
    ("outside Menaka on patrol", ["menaka"]),
    ("the Menaka region", ["menaka_region"]),
    ("from the Menaka and Gao regions", ["menaka_region", "gao_region"]),
    ("at Gao airport", ["gao"]),
], ids=["town", "region", "coordinated-regions", "facility-maps-to-town"])
def test_town_or_region(linker, text, expected):
    assert [r for r, _ in refs(linker, text, "place")] == expected


def test_places_inside_names_are_not_places(linker):
    assert refs(linker, "He lectures at the University of Bamako.", "place") == []
    assert refs(linker, "He lives in Bamako.", "place") == [("bamako", "Bamako")]


def test_offsets_point_at_the_surface(linker):
    text = "Clashes between the GSIM and the Malian army near Ménaka."
    for m in linker.link(text, None):
        assert text[m.start:m.end] == m.surface



# --- issue 16, class 18: linking bugs
BUGS_KB = """
actors:
- {id: aqim, name: Al-Qaeda in the Islamic Maghreb, type: armed_group, aliases: [AQIM, Al-Qaeda in the Islamic Maghreb]}
- {id: al_qaeda, name: Al-Qaeda, type: armed_group, aliases: [Al-Qaeda, al-Qaeda]}
- {id: un, name: United Nations, type: international_org, aliases: [United Nations, UN]}
- {id: goita, name: Assimi Goïta, type: person, role: President of the transition, aliases: [Assimi Goïta, Goïta],
   description: Colonel who led the 2020 and 2021 coups.}
- {id: mali, name: Mali, type: state, aliases: [Mali]}
- {id: iyad, name: Iyad Ag Ghali, type: person, aliases: [Iyad Ag Ghali]}
- {id: aes, name: Alliance of Sahel States, type: international_org, aliases: [Sahel Alliance]}
places:
- {id: mali, name: Mali, kind: country, country: Mali}
- {id: sahel, name: Sahel, kind: area}
- {id: gao, name: Gao, kind: town, country: Mali}
"""


@pytest.fixture(scope="module")
def bugs() -> Linker:
    return Linker(load_knowledge(texts=[("kb", BUGS_KB)]))


@pytest.mark.parametrize("text,kind,expected", [
    ("Fighters of al-Qaeda in the Islamic Maghreb retreated.", "actor",
     [("aqim", "al-Qaeda in the Islamic Maghreb")]),
    ("Iyad ag Ghali spoke.", "actor", [("iyad", "Iyad ag Ghali")]),
    ("Fighters crossed the Sahel\nAlliance ministers met.", "place", [("sahel", "Sahel")]),
    ("Our Sahel bureau chief reports from Gao.", "place", [("gao", "Gao")]),
    ("The old Mali empire traded salt.", "place", []),
    ("The old Mali empire traded salt.", "actor", []),
    ("The United Nations Integrated Office opened.", "actor", []),
    ("The United Nations condemned the raid.", "actor", [("un", "United Nations")]),
    ("The nurse Assimi Goïta, 34, was wounded.", "actor", []),
    ("The colonel Assimi Goïta seized power.", "actor", [("goita", "Assimi Goïta")]),
], ids=["lowercase-al", "lowercase-ag", "no-name-across-a-line-break", "job-title", "historical-state-place",
        "historical-state-actor", "longer-unlisted-body", "the-body-itself", "namesake-by-occupation",
        "role-that-fits"])
def test_linking_bugs(bugs, text, kind, expected):
    assert refs(bugs, text, kind) == expected


# --- class 15: alias templates, the same for the three Sahel states
TEMPLATE_KB = """
actors:
- {id: fama, name: Malian Armed Forces, type: state_force, country: Mali, aliases: [FAMa]}
- {id: burkina_armed_forces, name: Armed Forces of Burkina Faso, type: state_force, country: Burkina Faso,
   aliases: [Burkinabe army]}
- {id: niger_armed_forces, name: Niger Armed Forces, type: state_force, country: Niger, aliases: [FAN]}
- {id: mali_government, name: Government of Mali, type: government, country: Mali, aliases: [Mali’s ruling junta]}
- {id: burkina_government, name: Government of Burkina Faso, type: government, country: Burkina Faso, aliases: []}
- {id: niger_government, name: Government of Niger, type: government, country: Niger, aliases: []}
- {id: un, name: United Nations, type: international_org, aliases: [United Nations, UN]}
- {id: minusma, name: United Nations Multidimensional Integrated Stabilization Mission in Mali,
   type: international_org, aliases: [MINUSMA, United Nations Multidimensional Integrated Stabilization Mission in Mali]}
- {id: unhcr, name: UN Refugee Agency, type: international_org, aliases: [UN Refugee Agency]}
- {id: niger_special, name: Nigerien Special Forces Unit, type: state_force, aliases: [Nigerien special forces]}
"""


@pytest.fixture(scope="module")
def templated() -> Linker:
    return Linker(load_knowledge(texts=[("kb", TEMPLATE_KB)]))


@pytest.mark.parametrize("text,expected", [
    ("Niger’s ruling junta expelled the envoy.", [("niger_government", "Niger’s ruling junta")]),
    ("Burkina Faso’s military junta expelled the envoy.", [("burkina_government", "Burkina Faso’s military junta")]),
    ("Malian special forces raided the camp.", [("fama", "Malian special forces")]),
    ("Burkinabè special forces raided the camp.", [("burkina_armed_forces", "Burkinabè special forces")]),
    ("the Niger army withdrew", [("niger_armed_forces", "Niger army")]),
    ("the Burkinabe transitional authorities said", [("burkina_government", "Burkinabe transitional authorities")]),
    ("the UN Multidimensional Integrated Stabilization Mission in Mali left", [
        ("minusma", "UN Multidimensional Integrated Stabilization Mission in Mali")]),
    ("the United Nations Multidimensional Integrated Stabilization Mission left", [
        ("minusma", "United Nations Multidimensional Integrated Stabilization Mission")]),
    ("the United Nations Refugee Agency said", [("unhcr", "United Nations Refugee Agency")]),
    ("Nigerien special forces raided the camp.", [("niger_special", "Nigerien special forces")]),
], ids=["country-ruling-junta", "country-military-junta", "demonym-special-forces", "accented-demonym",
        "the-country-army", "transitional-authorities", "un-for-united-nations", "without-trailing-in-mali",
        "united-nations-for-un", "a-hand-written-owner-wins"])
def test_alias_templates(templated, text, expected):
    assert refs(templated, text) == expected
