"""Search over the seed index: ranking, folding, stemming, aliases and the query language."""
from __future__ import annotations

from pathlib import Path

import pytest

from sahel_tui.core.text import fold

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
AL_JAZEERA = "003_b67f734423d71eed"


def ids(results) -> list[str]:
    return [h.article_id for h in results.hits]


def seeds_containing(word: str) -> set[str]:
    return {p.stem for p in SEEDS.glob("*.txt") if fold(word) in fold(p.read_text(encoding="utf-8"))}


def test_kayes_ranks_the_al_jazeera_article_first(seed_library):
    assert ids(seed_library.search("Kayes", kinds=("article",)))[0] == AL_JAZEERA


def test_menaka_finds_every_article_that_names_menaka(seed_library):
    found = set(ids(seed_library.search("Menaka", kinds=("article",))))
    assert found == seeds_containing("Ménaka") and len(found) >= 4


@pytest.mark.parametrize("query,word", [("Goita", "Goïta"), ("Jama'at", "Jama’at"), ("GOÏTA", "Goita")],
                         ids=["accent", "apostrophe", "case-and-accent"])
def test_folding(seed_library, query, word):
    assert seeds_containing(word) <= set(ids(seed_library.search(query, kinds=("article",))))


def test_stemming_attacked_finds_attacks(seed_library):
    assert len(ids(seed_library.search("attacked", kinds=("article",)))) == 5


def test_phrase_minus_word(seed_library):
    results = seed_library.search('"Wagner Group" -Niger', kinds=("article",))
    assert results.hits, "some seed article names the Wagner Group without Niger"
    for article_id in ids(results):
        text = seed_library.article(article_id).text
        assert "Wagner" in text and "Niger" not in text.replace("Nigeria", "")


def test_alias_search_finds_the_article_that_uses_another_name(seed_library):
    results = seed_library.search("GSIM", kinds=("article",))
    assert AL_JAZEERA in ids(results) and "GSIM" not in seed_library.article(AL_JAZEERA).text
    assert any("also matching" in note for note in results.notes)


def test_actor_and_place_filters(seed_library):
    assert AL_JAZEERA in ids(seed_library.search("actor:GSIM", kinds=("article",)))
    assert ids(seed_library.search("place:=kayes", kinds=("article",))) == [AL_JAZEERA]
    assert AL_JAZEERA in ids(seed_library.search("place:kayes", kinds=("article",)))  # + the Kayes Region


def test_published_filter(seed_library):
    found = set(ids(seed_library.search("Mali published:2023", kinds=("article",))))
    assert found == {"001_19c81055f35ca7de", "002_4f3a0c3c4cc5e696", "004_4a3b6bf52c39a6c1"}


def test_unbalanced_quote_falls_back_with_a_note(seed_library):
    results = seed_library.search('"unbalanced Wagner', kinds=("article",))
    assert results.fallback and results.notes[0].startswith("Could not read the query")


def test_snippet_highlights_the_query_words(seed_library):
    hit = seed_library.search("Kayes", kinds=("article",)).hits[0]
    assert hit.snippet_spans
    assert all(hit.snippet[s:e].lower() == "kayes" for s, e in hit.snippet_spans)


def test_prefix_while_typing(seed_library):
    assert AL_JAZEERA in ids(seed_library.search("Tounk", kinds=("article",), as_you_type=True))


def test_fuzzy(seed_library):
    assert AL_JAZEERA in ids(seed_library.search("Tounkra~", kinds=("article",)))


def test_total_counts_beyond_the_limit(seed_library):
    results = seed_library.search("Mali", limit=2, kinds=("article",))
    assert len(results.hits) == 2 and results.total == 5
