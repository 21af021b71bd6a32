"""Where the corpus, the index and the user's data live: flags > SAHEL_TUI_* env > defaults.

Running from a checkout, the corpus is ``seeds/`` and the index ``index/`` at the project root;
installed elsewhere, the seeds packaged inside ``sahel_tui/data/seeds`` are read (through
importlib.resources, so wheels and zipapps work) and the index lives in the per-user data
directory. A location that cannot be written falls back to a writable one, with a one-line note
(an index folder to the per-user directory; a read-only or missing HOME to the temp directory).
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
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
    def log_file(self) -> Path:
        """Where the app logs while it runs (never drawn over the screen)."""
        return self.data_dir / "sahel-tui.log"

    @property
    def store_file(self) -> Path:
        """The user's SQLite store: briefs, clips, marks, notes, tags, corrections (never rebuilt)."""
        return self.data_dir / "user.sqlite3"


def is_checkout() -> bool:
    return (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "seeds").is_dir()


def bundled_seeds(unpack_to: Path | None = None) -> Path:
    """The seed corpus: the checkout's ``seeds/``, else the package data ``sahel_tui/data/seeds``.

    Inside a zipapp the package data is not a folder: it is copied once into ``unpack_to``.
    """
    if is_checkout():
        return PROJECT_ROOT / "seeds"
    packaged = resources.files("sahel_tui") / "data" / "seeds"
    if isinstance(packaged, Path):
        return packaged
    target = (unpack_to or Path(tempfile.gettempdir()) / f"{APP_NAME}-seeds")
    target.mkdir(parents=True, exist_ok=True)
    for item in packaged.iterdir():
        if item.name.endswith(".txt") and not (target / item.name).exists():
            (target / item.name).write_bytes(item.read_bytes())
    return target


def fallback_data_dir() -> Path:
    """A writable per-user folder when HOME is read-only or missing: in the temp directory."""
    uid = os.getuid() if hasattr(os, "getuid") else os.getpid()
    return Path(tempfile.gettempdir()) / f"{APP_NAME}-{uid}"


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
    notes: list[str] = []
    data_dir = user_data_dir(env)
    if not is_writable(data_dir):
        fallback = fallback_data_dir()
        notes.append(f"the per-user folder {data_dir} cannot be written (read-only or missing HOME); "
                     f"using {fallback}")
        data_dir = fallback
    corpus_path = Path(corpus or env.get("SAHEL_TUI_CORPUS") or bundled_seeds(data_dir / "seeds")).expanduser()
    index_value = index or env.get("SAHEL_TUI_INDEX")
    if index_value:
        index_path = Path(index_value).expanduser()
    elif is_checkout() and corpus_path.resolve() == (PROJECT_ROOT / "seeds").resolve():
        index_path = PROJECT_ROOT / "index"
    else:
        index_path = data_dir / "indexes" / _corpus_key(corpus_path)
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
