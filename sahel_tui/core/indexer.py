"""Keep the index in step with the corpus: build, update, and never leave a broken index behind.

Layout of an index folder::

    CURRENT            the name of the live generation (replaced atomically)
    gen-<stamp>/       Whoosh files + manifest.json (corpus file hashes, versions, per-article counts)

A full build writes a new generation and only then points CURRENT at it, so an interrupted
build leaves the previous index in place. Adding or changing a few files updates the live
generation in place (delete-by-article then add: idempotent). A changed schema, extractor or
knowledge base means a full rebuild. Extraction runs in a process pool feeding one writer.
"""
from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from . import search
from .apply_corrections import apply_corrections
from .corpus import ArticleError, article_files, load_article
from .extract.linking import Linker
from .extract.pipeline import extract_article, extractor_version
from .knowledge import KnowledgeBase, load_knowledge
from .models import Article, Extraction, LoadProblem
from .records import documents_for

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
POOL_THRESHOLD = 64  # below this many articles a process pool costs more than it saves


@dataclass
class Manifest:
    schema_version: int
    extractor_version: str
    kb_fingerprint: str
    corpus: str
    files: dict[str, dict] = field(default_factory=dict)  # path -> size, mtime, hash, id, counts
    problems: list[dict] = field(default_factory=list)
    built_at: float = 0.0

    def save(self, folder: Path) -> None:
        tmp = folder / "manifest.json.tmp"
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, folder / "manifest.json")

    @classmethod
    def load(cls, folder: Path) -> Manifest | None:
        try:
            return cls(**json.loads((folder / "manifest.json").read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None


@dataclass(frozen=True)
class Plan:
    """What must happen to bring the index up to date, and why."""

    action: str  # "none" | "build" | "update"
    reason: str = ""
    changed: tuple[str, ...] = ()  # added or modified files
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuildReport:
    action: str
    reason: str
    articles: int
    indexed: int
    problems: tuple[LoadProblem, ...]
    seconds: float


# ---------------------------------------------------------------- generations
def live_generation(index_dir: Path) -> Path | None:
    try:
        name = (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    gen = index_dir / name
    return gen if name and gen.is_dir() else None


def _publish(index_dir: Path, gen: Path) -> None:
    """Point CURRENT at a complete generation (atomic), then remove the others."""
    tmp = index_dir / "CURRENT.tmp"
    tmp.write_text(gen.name, encoding="utf-8")
    os.replace(tmp, index_dir / "CURRENT")
    for other in index_dir.glob("gen-*"):
        if other != gen:
            shutil.rmtree(other, ignore_errors=True)


def _new_generation(index_dir: Path) -> Path:
    gen = index_dir / f"gen-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    gen.mkdir(parents=True)
    return gen


# ---------------------------------------------------------------- planning
def _stat(path: Path) -> dict:
    """Size and modification time; a file that vanished mid-build stats as -1 (re-checked next run)."""
    try:
        st = path.stat()
    except OSError:
        return {"size": -1, "mtime": -1}
    return {"size": st.st_size, "mtime": st.st_mtime_ns}


def load_live_manifest(index_dir: Path) -> Manifest | None:
    gen = live_generation(index_dir)
    return Manifest.load(gen) if gen else None


def plan(index_dir: Path, corpus: Path, kb: KnowledgeBase, manifest: Manifest | None = None) -> Plan:
    """Compare the live index's manifest with the corpus folder (stat only, no reading).

    Pass the manifest when it is already loaded: at 10,000 articles it is megabytes of JSON.
    """
    manifest = manifest or load_live_manifest(index_dir)
    if manifest is None:
        return Plan("build", "no index yet")
    if manifest.schema_version != search.SCHEMA_VERSION:
        return Plan("build", "the index format changed")
    if manifest.extractor_version != extractor_version():
        return Plan("build", "the extractors changed")
    if manifest.kb_fingerprint != kb.fingerprint:
        return Plan("build", "the knowledge base changed")
    if manifest.corpus != str(corpus.resolve()):
        return Plan("build", "a different corpus folder")
    current = {str(p): p for p in article_files(corpus)}
    known = dict(manifest.files)
    known.update({p["path"]: p for p in manifest.problems})
    changed = tuple(p for p, path in current.items()
                    if _stat(path) != {k: known.get(p, {}).get(k) for k in ("size", "mtime")})
    removed = tuple(p for p in known if p not in current)
    if changed or removed:
        return Plan("update", f"{len(changed)} new or changed, {len(removed)} removed", changed, removed)
    return Plan("none", "up to date")


# ---------------------------------------------------------------- extraction and writing
_worker_linker: Linker | None = None
_worker_progress = None  # a multiprocessing queue: one item per article done, for the progress bar
PARTS_PER_WORKER = 2  # a few large parts balance the workers; each becomes one segment


def _init_worker(data_dir: str | None, progress_queue=None) -> None:
    global _worker_linker, _worker_progress
    _worker_linker = Linker(load_knowledge(Path(data_dir) if data_dir else None))
    _worker_progress = progress_queue


def assign_ids(paths: list[str]) -> dict[str, str]:
    """Article ids: the file name, made unique with a hash of the path when two folders share it."""
    stems = Counter(Path(p).stem for p in paths)
    return {p: Path(p).stem if stems[Path(p).stem] == 1 else
            f"{Path(p).stem}-{hashlib.sha1(p.encode()).hexdigest()[:6]}" for p in paths}


def _entry(path: str, article: Article, extraction: Extraction) -> dict:
    actors: dict[str, int] = {}
    places: dict[str, int] = {}
    for m in extraction.mentions:
        bucket = actors if m.kind == "actor" else places
        bucket[m.ref] = bucket.get(m.ref, 0) + 1
    return {**_stat(Path(path)), "hash": article.content_hash, "id": article.id, "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "source": article.source, "actors": actors, "places": places,
            "unlisted": [{"id": a.id, "name": a.name, "role": a.role} for a in extraction.unlisted],
            "quotes": len(extraction.quotes), "events": len(extraction.events)}


@dataclass
class _Part:
    """What indexing a batch of files produced, for the manifest."""

    files: dict[str, dict] = field(default_factory=dict)
    problems: list[dict] = field(default_factory=list)


def _documents(items: list[tuple[str, str]], linker: Linker, part: _Part) -> Iterator[search.Document]:
    """Load and extract each (path, id), yielding its index documents and filling ``part``."""
    for path, article_id in items:
        if _worker_progress is not None:
            _worker_progress.put(1)
        try:
            article = replace(load_article(Path(path)), id=article_id)
        except ArticleError as err:
            part.problems.append({"path": path, "reason": str(err), **_stat(Path(path))})
            continue
        extraction = apply_corrections(article, extract_article(article, linker), linker.kb.corrections).extraction
        part.files[path] = _entry(path, article, extraction)
        yield from documents_for(article, extraction)


def _write_part(folder: str, items: list[tuple[str, str]]) -> _Part:
    """In a worker process: extract a batch and write it as a Whoosh index of its own."""
    part = _Part()
    ix = search.create(Path(folder))
    search.write(ix, _documents(items, _worker_linker, part), optimize=True)  # type: ignore[arg-type]
    ix.close()
    return part


def _build_parallel(gen: Path, items: list[tuple[str, str]], manifest: Manifest, data_dir: Path | None,
                    progress: Progress | None, workers: int) -> None:
    """Workers extract and index parts of the corpus in parallel, each into a Whoosh segment of
    its own; the finished segments are then adopted by the index as they are.

    (Merging them into one segment in this process took longer than writing them: it was the
    single-core tail of every build.)
    """
    count = workers * PARTS_PER_WORKER
    size = -(-len(items) // count)
    batches = [items[i:i + size] for i in range(0, len(items), size)]
    queue = multiprocessing.get_context("fork").Queue() if progress else None
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                               initargs=(str(data_dir) if data_dir else None, queue),
                               mp_context=multiprocessing.get_context("fork"))
    try:
        futures = [pool.submit(_write_part, str(gen / "parts" / f"p{n:03d}"), b) for n, b in enumerate(batches)]
        _wait_with_progress(futures, queue, len(items), progress)
        for future in futures:
            part = future.result()
            manifest.files.update(part.files)
            manifest.problems += part.problems
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    search.adopt_segments(gen, sorted((gen / "parts").iterdir()))
    shutil.rmtree(gen / "parts", ignore_errors=True)


def _wait_with_progress(futures: list, queue, total: int, progress: Progress | None) -> None:
    """Wait for the workers, turning their per-article ticks into progress calls."""
    done = 0
    while True:
        finished, pending = wait(futures, timeout=0.2, return_when=FIRST_EXCEPTION)
        if queue is not None:
            while not queue.empty():
                queue.get_nowait()
                done += 1
            if progress:
                progress(min(done, total), total, f"{min(done, total)}/{total}")
        if not pending or any(f.exception() for f in finished):
            return


def _index_serial(ix, items: list[tuple[str, str]], manifest: Manifest, kb: KnowledgeBase,
                  progress: Progress | None, delete: list[str], optimize: bool) -> None:
    """One process: extract and write, reporting progress per file (small corpora and updates)."""
    part, linker = _Part(), Linker(kb)

    def documents() -> Iterator[search.Document]:
        for done, item in enumerate(items, 1):
            if progress:
                progress(done, len(items), Path(item[0]).name)
            yield from _documents([item], linker, part)

    search.write(ix, documents(), delete_articles=delete, optimize=optimize)
    manifest.files.update(part.files)
    manifest.problems += part.problems


# ---------------------------------------------------------------- public
def build(index_dir: Path, corpus: Path, kb: KnowledgeBase, data_dir: Path | None = None,
          progress: Progress | None = None, workers: int | None = None) -> Manifest:
    """Build a complete new generation from every file of the corpus, then make it live."""
    gen = _new_generation(index_dir)
    workers = workers or default_workers()
    try:
        ix = search.create(gen)
        manifest = Manifest(search.SCHEMA_VERSION, extractor_version(), kb.fingerprint, str(corpus.resolve()))
        paths = [str(p) for p in article_files(corpus)]
        items = list(assign_ids(paths).items())
        if workers > 1 and len(items) >= POOL_THRESHOLD:
            ix.close()
            _build_parallel(gen, items, manifest, data_dir, progress, workers)
        else:
            _index_serial(ix, items, manifest, kb, progress, [], optimize=True)
        ix.close()
        manifest.built_at = time.time()
        manifest.save(gen)
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)
        raise
    _publish(index_dir, gen)
    return manifest


def update(index_dir: Path, todo: Plan, kb: KnowledgeBase, corpus: Path,
           progress: Progress | None = None, manifest: Manifest | None = None) -> Manifest:
    """Re-index only the changed files of the live generation and drop the removed ones."""
    gen = live_generation(index_dir)
    manifest = manifest or load_live_manifest(index_dir)
    if gen is None or manifest is None:
        raise search.IndexMissing(f"no index in {index_dir}")
    ix = search.open_index(gen)
    gone = (*todo.changed, *todo.removed)
    stale = [manifest.files[p]["id"] for p in gone if p in manifest.files]
    for path in gone:
        manifest.files.pop(path, None)
    manifest.problems = [p for p in manifest.problems if p["path"] not in gone]
    ids = assign_ids([str(p) for p in article_files(corpus)])
    _index_serial(ix, [(p, ids[p]) for p in todo.changed], manifest, kb, progress, stale, optimize=False)
    ix.close()
    manifest.built_at = time.time()
    manifest.save(gen)
    return manifest


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def ensure(index_dir: Path, corpus: Path, kb: KnowledgeBase, data_dir: Path | None = None,
           progress: Progress | None = None, rebuild: bool = False) -> tuple[BuildReport, Manifest]:
    """Bring the index up to date (building it if needed); report what was done, with the
    manifest of the live index (loaded once here, so callers need not read it again)."""
    started = time.perf_counter()
    manifest = None if rebuild else load_live_manifest(index_dir)
    todo = Plan("build", "rebuild requested") if rebuild else plan(index_dir, corpus, kb, manifest)
    if todo.action == "update":
        manifest = update(index_dir, todo, kb, corpus, progress, manifest)
    elif todo.action == "build":
        manifest = build(index_dir, corpus, kb, data_dir, progress)
    assert manifest is not None
    indexed = {"none": 0, "update": len(todo.changed)}.get(todo.action, len(manifest.files))
    problems = tuple(LoadProblem(p["path"], p["reason"]) for p in manifest.problems)
    report = BuildReport(todo.action, todo.reason, len(manifest.files), indexed, problems,
                         time.perf_counter() - started)
    return report, manifest
