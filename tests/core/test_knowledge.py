"""The knowledge base: packaged data is valid and broad, bad entries are reported, overlays apply."""
from __future__ import annotations

import pytest

from sahel_tui.core.knowledge import UnknownActor, load_knowledge, overlay_texts, packaged_texts
from sahel_tui.core.text import fold


def test_packaged_knowledge_base_is_valid_and_broad(kb):
    assert kb.problems == []
    assert len(kb.actors) >= 80 and len(kb.places) >= 200
    types = {a.type for a in kb.actors.values()}
    assert types >= {"armed_group", "state_force", "foreign_force", "government", "international_org",
                     "political_movement", "person", "state"}


@pytest.mark.parametrize("alias,actor_id", [
    ("GSIM", "jnim"), ("Support Group for Islam and Muslims", "jnim"), ("Jamâ’ah Nusrah al Islâm wal Muslimîn", "jnim"),
    ("ISGS", "isgs"), ("Islamic State Sahel Province", "isgs"), ("EIGS", "isgs"), ("FAMa", "fama"),
    ("MINUSMA", "minusma"), ("Goïta", "assimi_goita"), ("assimi goita", "assimi_goita"),
])
def test_actors_are_found_by_any_alias(kb, alias, actor_id):
    assert kb.actor(alias).id == actor_id


def test_unknown_actor_raises(kb):
    with pytest.raises(UnknownActor):
        kb.actor("no such group")


def test_relations_are_listed_both_ways(kb):
    assert ("affiliate_of", "al_qaeda") in kb.relations_of("jnim")
    assert any(other == "jnim" for _, other in kb.relations_of("al_qaeda"))


def test_every_description_is_written_and_every_relation_resolves(kb):
    for actor in kb.actors.values():
        assert actor.description, actor.id
        assert all(a.target in kb.actors for a in actor.affiliations)


BAD = """
actors:
- {id: good, name: Good Group, type: armed_group, aliases: [GG], affiliations: [{id: ghost, relation: allied_with}]}
- {id: typeless, name: No Type}
- {name: No Id, type: person}
- {id: twin, name: Twin, type: armed_group, aliases: [GG]}
places:
- {id: village, name: Village, kind: town, lat: not-a-number}
- {id: town, name: Town, kind: town}
"""


def test_bad_entries_are_reported_and_the_rest_loads():
    kb = load_knowledge(texts=[("bad.yaml", BAD)])
    assert set(kb.actors) == {"good", "twin"} and set(kb.places) == {"town"}
    problems = "\n".join(kb.problems)
    for expected in ("actor typeless skipped: unknown type", "actor ? skipped", "place Village skipped",
                     "unknown id(s) ghost", "alias 'gg' claimed by good and twin"):
        assert expected in problems
    assert kb.actors["good"].affiliations == ()


def test_invalid_yaml_file_is_reported():
    kb = load_knowledge(texts=[("broken.yaml", "actors: [unclosed")])
    assert kb.actors == {} and "broken.yaml: not valid YAML" in kb.problems[0]


def test_user_overlay_adds_and_replaces_entries(tmp_path):
    (tmp_path / "actors.yaml").write_text(
        "actors:\n- {id: katiba_serma, name: Katiba Serma, type: armed_group, aliases: [Serma brigade],"
        " affiliations: [{id: jnim, relation: part_of}], description: A unit.}\n"
        "- {id: jnim, name: JNIM (my name), type: armed_group, aliases: [JNIM]}\n", encoding="utf-8")
    (tmp_path / "places.yaml").write_text("places:\n- {id: my_village, name: Tinbadji, kind: village}\n")
    kb = load_knowledge(texts=packaged_texts() + overlay_texts(tmp_path))
    assert kb.actor("Serma brigade").id == "katiba_serma"
    assert kb.actors["jnim"].name == "JNIM (my name)"
    village = kb.place("Tinbadji")
    assert village and village.id == "my_village"


def test_overlay_changes_the_fingerprint(tmp_path, kb):
    (tmp_path / "places.yaml").write_text("places:\n- {id: x, name: Xville, kind: town}\n")
    assert load_knowledge(tmp_path).fingerprint != kb.fingerprint


def test_no_alias_is_shared_between_places_by_accident(kb):
    owners: dict[str, str] = {}
    clashes = []
    for place in kb.places.values():
        for alias in {fold(a) for a in (place.name, *place.aliases)}:
            if owners.setdefault(alias, place.id) != place.id:
                clashes.append((alias, owners[alias], place.id))
    assert clashes == []


#: The classic "billion laughs" in YAML: 353 bytes that expand to 9^9 strings.
ALIAS_BOMB = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
actors: [{id: x, name: X, type: person, aliases: *h}]
"""


def test_yaml_alias_bomb_is_refused_not_expanded():
    from sahel_tui.core.safeyaml import YAMLTooLarge, safe_load

    with pytest.raises(YAMLTooLarge, match="alias expansion"):
        safe_load(ALIAS_BOMB)
    assert safe_load("a: &x [1, 2]\nb: *x\nc: Research & Development") == {
        "a": [1, 2], "b": [1, 2], "c": "Research & Development"}


def test_alias_bomb_in_the_users_actors_file_is_reported_and_the_rest_loads(tmp_path):
    (tmp_path / "actors.yaml").write_text(ALIAS_BOMB)
    kb = load_knowledge(tmp_path)
    assert "jnim" in kb.actors and "x" not in kb.actors
    assert any("actors.yaml: refused" in p and "alias expansion" in p for p in kb.problems)


def test_an_over_long_alias_is_refused_with_a_message(tmp_path):
    (tmp_path / "actors.yaml").write_text(
        "actors:\n- {id: longname, name: Long, type: person, aliases: [Long, " + "x" * 5000 + "]}\n"
        "- {id: fine, name: Fine Group, type: armed_group}\n")
    kb = load_knowledge(tmp_path)
    assert "longname" not in kb.actors and "fine" in kb.actors
    assert any("longname skipped" in p and "5,000 characters" in p for p in kb.problems)
