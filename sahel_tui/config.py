"""Where the corpus, the index and the user's data live: flags > SAHEL_TUI_* env > defaults.

Running from a checkout, the corpus is ``seeds/`` and the index ``index/`` at the project root;
installed elsewhere, the bundled seeds are read and the index lives in the per-user data
directory. A location that cannot be written falls back to the per-user directory, with a note.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "sahel-tui"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Config:
    corpus: Path
    index: Path
    data_dir: Path
    notes: tuple[str, ...] = ()  # things the user should be told (e.g. a read-only fallback)

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def store_file(self) -> Path:
        """The user's SQLite store: briefs, clips, marks, notes, tags, corrections (never rebuilt)."""
        return self.data_dir / "user.sqlite3"


def is_checkout() -> bool:
    return (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "seeds").is_dir()


def bundled_seeds() -> Path:
    """The seed corpus: the checkout's ``seeds/``, else the copy installed under share/."""
    if is_checkout():
        return PROJECT_ROOT / "seeds"
    return Path(sys.prefix) / "share" / APP_NAME / "seeds"


def user_data_dir(env: Mapping[str, str] = os.environ) -> Path:
    if env.get("SAHEL_TUI_DATA"):
        return Path(env["SAHEL_TUI_DATA"]).expanduser()
    return platformdirs.user_data_path(APP_NAME)


def is_writable(folder: Path) -> bool:
    """Can we create files in ``folder`` (creating it if needed)?"""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".probe-"):
            return True
    except OSError:
        return False


def resolve(corpus: str | None = None, index: str | None = None,
            env: Mapping[str, str] = os.environ) -> Config:
    """Resolve the paths for this run; pure apart from probing that the index folder is writable."""
    data_dir = user_data_dir(env)
    corpus_path = Path(corpus or env.get("SAHEL_TUI_CORPUS") or bundled_seeds()).expanduser()
    index_value = index or env.get("SAHEL_TUI_INDEX")
    if index_value:
        index_path = Path(index_value).expanduser()
    elif is_checkout() and corpus_path.resolve() == (PROJECT_ROOT / "seeds").resolve():
        index_path = PROJECT_ROOT / "index"
    else:
        index_path = data_dir / "indexes" / _corpus_key(corpus_path)
    notes: list[str] = []
    if not is_writable(index_path):
        fallback = data_dir / "indexes" / _corpus_key(corpus_path)
        notes.append(f"index folder {index_path} is not writable; using {fallback}")
        index_path = fallback
    return Config(corpus_path, index_path, data_dir, tuple(notes))


def _corpus_key(corpus: Path) -> str:
    """A readable, unique folder name for a corpus's index in the per-user directory."""
    resolved = str(corpus.resolve())
    return f"{corpus.name or 'corpus'}-{hashlib.sha1(resolved.encode()).hexdigest()[:8]}"


def load_settings(config: Config) -> dict:
    try:
        return json.loads(config.settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_settings(config: Config, settings: dict) -> bool:
    """Persist small UI settings (theme); False when the data directory is read-only."""
    try:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        config.settings_file.write_text(json.dumps(settings, indent=2), encoding="utf-8")
        return True
    except OSError:
        return False
