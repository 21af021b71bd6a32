"""Looked-up counts (core/aggregates.py) answer as a recount would, and never outlive the index
they were counted from: an update in place, a new article, and they follow."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sahel_tui.core.library import Library
from tests.conftest import make_config

ARTICLE = "---\ntitle: {title}\npublished: 2024-03-0{day}\n---\n{title}\n\n{body}\n"


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "one.md").write_text(ARTICLE.format(title="Raid near Gao", day=1,
                                                  body="JNIM fighters raided a post near Gao, the army said."))
    (folder / "two.md").write_text(ARTICLE.format(title="Convoy hit", day=2,
                                                  body="JNIM claimed an ambush on a convoy escorted by the Wagner Group."))
    return folder


@pytest.fixture
def library(corpus, tmp_path) -> Iterator[Library]:
    lib = Library(make_config(corpus, tmp_path / "index", tmp_path / "data"))
    lib.ensure_index()
    yield lib
    lib.close()


def stat(library: Library, actor_id: str) -> tuple[int, int]:
    found = [(s.articles, s.mentions) for s in library.actors() if s.actor.id == actor_id]
    return found[0] if found else (0, 0)


def test_counts_refs_and_co_mentions_match_the_manifest(library) -> None:
    entries = library.manifest.files.values()
    jnim = [e for e in entries if "jnim" in e.actors]
    assert stat(library, "jnim") == (len(jnim), sum(e.actors["jnim"] for e in jnim)) == (2, 2)
    profile = library.profile("jnim")
    assert sorted(r.title for r in profile.articles) == ["Convoy hit", "Raid near Gao"]
    assert [(a.id, n) for a, n in profile.co_mentioned] == [("wagner_group", 1)]
    assert [r.title for r in library.article_refs()] == ["Convoy hit", "Raid near Gao"]  # newest first


def test_an_update_in_place_is_counted_again(library, corpus) -> None:
    assert stat(library, "jnim") == (2, 2)
    (corpus / "three.md").write_text(ARTICLE.format(title="Claim", day=3, body="JNIM said it held the road. JNIM again."))
    assert library.ensure_index().action == "update"
    assert stat(library, "jnim") == (3, 4)
    assert library.article_refs()[0].title == "Claim"
    assert library.actor_stat("JNIM").articles == 3
