"""Unlisted places: names the article itself introduces as places (issue 16, class 17)."""
from __future__ import annotations

import pytest

from sahel_tui.core.extract import unlisted_places
from sahel_tui.core.extract.unlisted_places import find_unlisted_places
from sahel_tui.core.models import Mention

FOUND = [
    ("village-of", "Gunmen burned the village of Dagakoro overnight.", "Dagakoro", "village", None),
    ("village-of-with-region", "They fled the village of Sirakoro-Est, in the Ségou region, at dawn.",
     "Sirakoro-Est", "village", "Ségou"),
    ("apposition", "The convoy was ambushed at Tikilit, a small town near the border.", "Tikilit", "town", None),
    ("rural-commune", "Drones struck the rural commune of Boulel on Friday.", "Boulel", "commune", None),
    ("department", "Displaced families reached the Kantaré department last week.", "Kantaré", "department", None),
    ("in-the-region", "Soldiers searched Wendou Bosséabé, in the Yagha province, for weapons.", "Wendou Bosséabé",
     "area", "Yagha"),
    ("near", "An improvised device exploded near Ndaki, killing two traders.", "Ndaki", "area", None),
]


@pytest.mark.parametrize("text,name,kind,region", [f[1:] for f in FOUND], ids=[f[0] for f in FOUND])
def test_a_place_the_text_introduces_is_found_unlisted_without_coordinates(text, name, kind, region):
    places, mentions = find_unlisted_places(text, [])
    assert [(p.name, p.kind, p.admin_region, p.listed, p.lat, p.lon) for p in places] == [
        (name, kind, region, False, None, None)]
    assert all(text[m.start:m.end] == name and m.kind == "place" and " " not in m.ref for m in mentions)


NOT_FOUND = [
    ("calendar", "The attack happened near Christmas, a time of markets."),
    ("title", "The village of the President was calm."),
    ("lowercase", "They walked near the river, a quiet village road."),
    ("weekday", "Fighters returned near Sunday, residents said."),
    ("sentence-adverb", "Meanwhile, a town in the north was emptied."),
    ("institution", "The Defence department denied it, and the Foreign Affairs department agreed."),
]


@pytest.mark.parametrize("text", [n[1] for n in NOT_FOUND], ids=[n[0] for n in NOT_FOUND])
def test_no_place_without_a_name_the_text_introduces(text):
    assert find_unlisted_places(text, [])[0] == []


def test_a_linked_name_is_not_taken_again_and_later_mentions_are_found():
    text = "Jihadists attacked the town of Gao. Later they reached the village of Tassiga. Tassiga was looted."
    linked = [Mention("place", "gao", 31, 34, "Gao")]
    places, mentions = find_unlisted_places(text, linked)
    assert [p.name for p in places] == ["Tassiga"]
    assert [m.start for m in mentions] == [text.index("Tassiga"), text.rindex("Tassiga")]


def test_the_json_lists_unlisted_places_as_unlisted(kb, tmp_path):
    from sahel_tui.core.corpus import load_article
    from sahel_tui.core.extract.linking import Linker
    from sahel_tui.core.extract.pipeline import extract_article
    from sahel_tui.core.serialize import extraction_json

    path = tmp_path / "a.txt"
    path.write_text("Raid on a village\n\nGunmen burned the village of Dagakoro, in the Mopti region, on Sunday.\n",
                    encoding="utf-8")
    article = load_article(path)
    data = extraction_json(article, extract_article(article, Linker(kb)), kb)
    assert "Dagakoro" in data["places"]
    assert data["unlisted_places"] == [{"id": "dagakoro", "name": "Dagakoro", "kind": "village", "region": "Mopti",
                                        "listed": False}]
    assert data["events"][0]["places"][:1] == ["Dagakoro"]


@pytest.mark.parametrize("text", [
    "Gunmen entered the village of Kobéré at dawn, then the rural commune of Boni.",
    "They reached xrural commune of Dallah, near Gao, and the Tessit commune.",
    "Tinzawaten, a small town near the border, and Hombori, in the Douentza region, were hit.",
    "Soldiers patrolled outside Niono, where the the village of Abc lies; bathe village of Ségou.",
])
def test_each_cue_is_tried_only_where_it_can_start_and_finds_what_finditer_finds(text):
    """The cues are matched from a short list of possible starts: same matches as a full scan."""
    for cue, starts in zip(unlisted_places._CUES, unlisted_places._CUE_STARTS, strict=True):
        fast = [m.span() for m in unlisted_places._cue_matches(cue, text, starts(text))]
        assert fast == [m.span() for m in cue.finditer(text)]
