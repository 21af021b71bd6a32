"""Looked-up counts (core/aggregates.py) answer as a recount would, and never outlive the index
they were counted from: an update in place, a new article, and they follow."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sahel_tui.core import aggregate_store, indexer
from sahel_tui.core.aggregates import Aggregates
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


# ---------------------------------------------------------------- the store beside the manifest
@dataclass(frozen=True)
class _Person:
    id: str
    name: str
    role: str | None


@dataclass(frozen=True)
class _Entry:
    id: str
    title: str
    published: str | None
    source: str | None
    actors: dict[str, int]
    unlisted: tuple[_Person, ...] = ()


def _entries() -> list[_Entry]:
    """Ties of date, undated articles, an empty date, an unlisted person seen twice with two roles."""
    first, again = _Person("ali_maiga", "Ali Maïga", "mayor"), _Person("ali_maiga", "Ali Maïga", "trader")
    return [
        _Entry("b", "Raid", "2024-03-02", "RFI", {"jnim": 2, "fama": 1}, (first,)),
        _Entry("a", "Convoy", "2024-03-02", None, {"jnim": 1, "wagner_group": 1, "ali_maiga": 1}, (again,)),
        _Entry("c", "Undated", None, "AFP", {"fama": 3}),
        _Entry("d", "Also undated", "", "AFP", {"jnim": 1, "fama": 1}),
        _Entry("e", "Oldest", "2019-01-05", "RFI", {"wagner_group": 2}),
    ]


def _write(folder: Path, entries: list[_Entry]) -> None:
    (folder / "manifest.json").write_text("{}")
    assert aggregate_store.write(folder, entries)


@pytest.mark.parametrize("co_counted", [1, 500])  # co-mentions counted when written, or joined on request
def test_the_store_answers_as_counting_the_manifest_does(tmp_path, monkeypatch, co_counted) -> None:
    monkeypatch.setattr(aggregate_store, "CO_COUNTED", co_counted)
    entries = _entries()
    _write(tmp_path, entries)
    stored, counted = aggregate_store.open_store(tmp_path), Aggregates(entries)
    assert stored is not None
    assert stored.actor_mentions == counted.actor_mentions
    assert stored.unlisted == counted.unlisted and stored.unlisted["ali_maiga"].role == "mayor"
    assert [r.id for r in stored.newest_first()] == [r.id for r in counted.newest_first()] == ["b", "a", "e", "d", "c"]
    assert stored.newest_first() == counted.newest_first()
    for actor in ("jnim", "fama", "wagner_group", "nobody"):
        assert stored.article_count(actor) == counted.article_count(actor)
        assert stored.articles_of(actor) == counted.articles_of(actor)
        assert stored.co_mentioned(actor) == counted.co_mentioned(actor)
    stored.close()


def test_a_store_of_another_manifest_or_a_damaged_one_is_not_used(tmp_path) -> None:
    _write(tmp_path, _entries())
    (tmp_path / "manifest.json").write_text('{"changed": true}')  # an update saved without its store
    assert aggregate_store.open_store(tmp_path) is None
    (tmp_path / aggregate_store.STORE_FILE).write_bytes(b"not a database at all" * 100)
    assert aggregate_store.open_store(tmp_path) is None


def test_a_folder_that_cannot_be_written_only_means_no_store(tmp_path, monkeypatch) -> None:
    (tmp_path / "manifest.json").write_text("{}")

    def refuse(*_args: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("sahel_tui.core.aggregate_store.os.replace", refuse)
    assert not aggregate_store.write(tmp_path, _entries())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json"]  # no half-written file left


def test_the_library_reads_the_store_without_loading_the_manifest(corpus, tmp_path) -> None:
    built = Library(make_config(corpus, tmp_path / "index", tmp_path / "data"))
    built.ensure_index()
    built.close()
    library = Library(make_config(corpus, tmp_path / "index", tmp_path / "data"))
    library.open_existing()
    assert stat(library, "jnim") == (2, 2) and [a.id for a, _ in library.profile("jnim").co_mentioned] == ["wagner_group"]
    assert library._manifest is None  # megabytes of JSON at scale, not read for a pane
    gen = indexer.live_generation(tmp_path / "index")
    assert gen is not None
    (gen / aggregate_store.STORE_FILE).unlink()  # an index written before the store existed
    library.close()
    library.open_existing()
    assert stat(library, "jnim") == (2, 2) and library._manifest is not None  # counted from the manifest instead
    library.close()


def test_an_update_that_rewrites_the_store_leaves_the_index_whole(library, corpus) -> None:
    """The store is written after the manifest, which lists the index's files and their sizes to
    detect damage: it must not list the store, whose size the update is about to change."""
    gen = indexer.live_generation(library.config.index)
    assert gen is not None
    before = (gen / aggregate_store.STORE_FILE).stat().st_size
    for n in range(150):  # enough rows for the store to grow by pages
        (corpus / f"new{n}.md").write_text(ARTICLE.format(title=f"Claim number {n} of a long series of claims",
                                                          day=4, body=f"JNIM and FAMA clashed {n} times near Gao."))
    report = library.ensure_index()
    assert report.action == "update", report.reason
    manifest = indexer.Manifest.load(gen)
    assert manifest is not None and (gen / aggregate_store.STORE_FILE).stat().st_size > before
    assert indexer.damage(gen, manifest) is None
    assert indexer.whole_by_stamp(gen) is not None
