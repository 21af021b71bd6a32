"""The compiled knowledge base: the loaded KnowledgeBase pickled in the user's data folder.

Why: parsing the YAML (180 KB, hundreds of actors and places) and indexing its aliases took a
one-shot `sahel-tui search` a third of a second, every call. The cache is keyed by the exact
texts it was built from (packaged files and the user's overlay, read and hashed: cheap), the
package version, the Python version, the stats of the modules that shape the result, and a
format number. Any mismatch, or a file that cannot be read or unpickled, means loading from
YAML, as without a cache (said in the log); a folder that cannot be written only means no cache.

The file is the user's own, like their store and settings: it is read only from their data folder.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from .. import __version__

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
CACHE_NAME = "knowledge.cache"
_SHAPERS = ("knowledge.py", "knowledge_cache.py", "aliases.py", "text.py", "models.py", "corrections.py")


def cache_file(data_dir: Path) -> Path:
    return data_dir / "cache" / CACHE_NAME


def cache_key(texts: list[tuple[str, str]]) -> str:
    """What the cached knowledge base depends on, as one digest."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{__version__}\0{sys.version_info[:2]}\0".encode())
    here = Path(__file__).parent
    for name in _SHAPERS:
        with contextlib.suppress(OSError):
            st = (here / name).stat()
            digest.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    for origin, text in texts:
        digest.update(f"{origin}\0{len(text)}\0".encode())
        digest.update(text.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def load(path: Path, key: str) -> Any | None:
    """The cached object for this key, or None (absent, stale, unreadable or corrupt)."""
    try:
        with path.open("rb") as fh:
            stored = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as err:  # noqa: BLE001 - a damaged pickle can raise almost anything: rebuild it
        log.warning("knowledge base cache %s not used (%s): loading the YAML", path, err)
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        log.info("knowledge base cache %s is stale: loading the YAML", path)
        return None
    return stored.get("value")


def save(path: Path, key: str, value: Any) -> None:
    """Best effort: a read-only data folder only means loading the YAML next time too."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as fh:
            pickle.dump({"key": key, "value": value}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError) as err:
        log.info("knowledge base cache not written to %s: %s", path, err)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
