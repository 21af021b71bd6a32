"""Where things live: flags beat environment beats defaults; unwritable index folders fall back."""
from __future__ import annotations

from dataclasses import replace

from sahel_tui.config import PROJECT_ROOT, load_settings, resolve, save_settings


def test_checkout_defaults_to_seeds_and_index_folder(tmp_path):
    config = resolve(env={"SAHEL_TUI_DATA": str(tmp_path)})
    assert config.corpus == PROJECT_ROOT / "seeds" and config.index == PROJECT_ROOT / "index"


def test_flags_beat_environment(tmp_path):
    env = {"SAHEL_TUI_DATA": str(tmp_path / "d"), "SAHEL_TUI_CORPUS": str(tmp_path / "envc"),
           "SAHEL_TUI_INDEX": str(tmp_path / "envi")}
    assert resolve(env=env).corpus == tmp_path / "envc"
    config = resolve(corpus=str(tmp_path / "c"), index=str(tmp_path / "i"), env=env)
    assert (config.corpus, config.index) == (tmp_path / "c", tmp_path / "i")


def test_other_corpora_get_their_own_index_in_the_user_data_dir(tmp_path):
    config = resolve(corpus=str(tmp_path / "clips"), env={"SAHEL_TUI_DATA": str(tmp_path / "data")})
    assert config.index.parent == tmp_path / "data" / "indexes" and config.index.name.startswith("clips-")


def test_unwritable_index_folder_falls_back_with_a_note(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    config = resolve(corpus=str(tmp_path), index=str(blocker / "index"), env={"SAHEL_TUI_DATA": str(tmp_path / "d")})
    assert config.index.is_relative_to(tmp_path / "d") and "not writable" in config.notes[0]


def test_settings_round_trip_and_survive_a_read_only_dir(tmp_path):
    config = resolve(corpus=str(tmp_path), env={"SAHEL_TUI_DATA": str(tmp_path / "d")})
    assert save_settings(config, {"theme": "textual-light"}) and load_settings(config) == {"theme": "textual-light"}
    broken = replace(config, data_dir=tmp_path / "d" / "settings.json" / "x")
    assert save_settings(broken, {"theme": "x"}) is False and load_settings(broken) == {}


def test_a_read_only_or_missing_home_falls_back_to_a_writable_folder_with_one_note(tmp_path, monkeypatch):
    blocker = tmp_path / "home-is-a-file"
    blocker.write_text("x")
    monkeypatch.setenv("HOME", str(blocker))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setattr("sahel_tui.config.fallback_data_dir", lambda: tmp_path / "fallback")
    config = resolve(corpus=str(tmp_path), env={})
    assert config.data_dir == tmp_path / "fallback" and config.index.is_relative_to(tmp_path / "fallback")
    assert len(config.notes) == 1 and "cannot be written" in config.notes[0] and str(blocker) in config.notes[0]
    assert save_settings(config, {"theme": "textual-light"})


def test_installed_seeds_are_package_data(monkeypatch):
    """Outside a checkout the seeds come from the package itself (wheels, --user installs, zipapps)."""
    from sahel_tui import config as config_module

    monkeypatch.setattr(config_module, "is_checkout", lambda: False)
    seeds = config_module.bundled_seeds()
    assert seeds.is_relative_to(PROJECT_ROOT / "sahel_tui") and len(list(seeds.glob("*.txt"))) == 5


def test_seeds_inside_a_zipapp_are_unpacked_once_into_a_real_folder(tmp_path, monkeypatch):
    import zipfile

    from sahel_tui import config as config_module

    archive = tmp_path / "app.pyz"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("sahel_tui/data/seeds/001_a.txt", "Gunmen attacked Kayes.\n")
        zf.writestr("sahel_tui/data/actors.yaml", "actors: []\n")
    monkeypatch.setattr(config_module, "is_checkout", lambda: False)
    monkeypatch.setattr(config_module.resources, "files", lambda package: zipfile.Path(archive, "sahel_tui/"))
    seeds = config_module.bundled_seeds(tmp_path / "data" / "seeds")
    assert seeds == tmp_path / "data" / "seeds" and (seeds / "001_a.txt").read_text() == "Gunmen attacked Kayes.\n"
