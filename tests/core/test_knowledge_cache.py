"""The compiled knowledge base: loaded from the cache while nothing changed, from the YAML when
anything did, and never wrong or broken because of the cache (issue 19)."""
from __future__ import annotations

import logging

import pytest

from sahel_tui.core import knowledge, knowledge_cache
from sahel_tui.core.aliases import AliasIndex
from sahel_tui.core.knowledge import load_knowledge

OVERLAY = "actors:\n- {id: my_band, name: Band of the Dunes, type: armed_group, aliases: [BotD]}\n"


def test_a_second_load_parses_no_yaml(tmp_path, monkeypatch):
    first = load_knowledge(tmp_path)
    monkeypatch.setattr(knowledge, "_parse", lambda sources: pytest.fail("parsed the YAML again"))
    second = load_knowledge(tmp_path)
    assert second.fingerprint == first.fingerprint and second.actors == first.actors
    assert isinstance(second.derived.get("aliases"), AliasIndex)


def test_editing_the_overlay_invalidates_the_cache(tmp_path):
    assert "my_band" not in load_knowledge(tmp_path).actors
    (tmp_path / "actors.yaml").write_text(OVERLAY)
    kb = load_knowledge(tmp_path)
    assert kb.actor("BotD").id == "my_band"
    assert kb.derived["aliases"].resolve("actor", "Band of the Dunes") == "my_band"
    (tmp_path / "actors.yaml").write_text(OVERLAY.replace("BotD", "Dune Band"))
    assert load_knowledge(tmp_path).actor("Dune Band").id == "my_band"


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", b"\x80\x05garbage"])
def test_a_corrupt_cache_file_still_loads_the_knowledge_base(tmp_path, damage, kb, caplog):
    load_knowledge(tmp_path)
    knowledge_cache.cache_file(tmp_path).write_bytes(damage)
    with caplog.at_level(logging.WARNING):
        loaded = load_knowledge(tmp_path)
    assert loaded.actors == kb.actors and loaded.fingerprint == kb.fingerprint
    assert "cache" in caplog.text  # said in the log, not in silence
    assert load_knowledge(tmp_path).actors == kb.actors  # and rewritten whole


def test_a_cache_folder_that_cannot_be_written_only_means_no_cache(tmp_path, kb):
    (tmp_path / "cache").write_text("a file where the cache folder would be")
    assert load_knowledge(tmp_path).actors == kb.actors
    assert load_knowledge(tmp_path).actors == kb.actors


def test_the_analysts_corrections_apply_over_the_cached_base(tmp_path, monkeypatch):
    from sahel_tui.core.corrections import Correction
    load_knowledge(tmp_path)
    alias = Correction("c1", "2024-01-01T00:00:00", "me", "alias", {"actor": "jnim"}, text="the dune people")
    monkeypatch.setattr("sahel_tui.core.corrections.stored_corrections", lambda data_dir: (alias,))
    kb = load_knowledge(tmp_path)
    assert kb.actor("the dune people").id == "jnim"
    assert "aliases" not in kb.derived, "an alias index of the uncorrected base is not served"
    assert "the dune people" not in load_knowledge(None).actors["jnim"].aliases
