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

import contextlib
import hashlib
import json
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import aggregate_store, copies, search, stamp
from .apply_corrections import apply_corrections
from .corpus import ArticleError, CorpusScan, item_file, load_articles, scan_corpus
from .corpus import _is_article as is_article_name
from .extract.version import extractor_version
from .index_records import documents_for
from .knowledge import KnowledgeBase, load_knowledge
from .locking import LockBusy, busy_message, writer_lock
from .models import Article, Extraction, LoadProblem

if TYPE_CHECKING:  # the extractors load only when a build needs them (their import takes ~0.5 s)
    from .extract.linking import Linker

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
"""``progress(done, total, message)``: ``message`` starts with the phase of the build (one of
PHASES), then says what is being done: "extracting 000123.md", "writing 2 segments".
A build reports at least every HEARTBEAT_SECONDS, whatever it is doing."""
READING, EXTRACTING, WRITING, MERGING = "reading", "extracting", "writing", "merging"
PHASES = (READING, EXTRACTING, WRITING, MERGING)  # in the order a build goes through them
DONE = "done"  # the last report of a build or an update: nothing more will come
HEARTBEAT_SECONDS = 1.0  # a long step (a segment commit, near-copy grouping) repeats its report this often


def phase_of(message: str) -> str:
    """The phase a progress message reports ("merging" of "merging 4 segments")."""
    return message.split(" ", 1)[0]


POOL_THRESHOLD = 64  # below this many articles a process pool costs more than it saves


@dataclass(frozen=True)
class FileStat:
    """Size, modification time (ns) and inode of a file; all -1 when it could not be stat'ed."""

    size: int
    mtime: int
    inode: int = -1


MISSING = FileStat(-1, -1, -1)


@dataclass(frozen=True)
class UnlistedPerson:
    """A person an article names who is not in the knowledge base (shown as an actor with a *)."""

    id: str
    name: str
    role: str | None = None


@dataclass(frozen=True)
class FileEntry:
    """What the manifest records of one indexed article file. JSON only at the boundary (Manifest
    load/save); everywhere else it is this typed record."""

    id: str
    hash: str
    size: int
    mtime: int
    inode: int = -1
    racy: bool = False  # modified within RACY_SECONDS of being read: re-checked by content
    title: str = ""
    published: str | None = None
    source: str | None = None
    actors: Mapping[str, int] = field(default_factory=dict)
    places: Mapping[str, int] = field(default_factory=dict)
    unlisted: tuple[UnlistedPerson, ...] = ()
    quotes: int = 0
    events: int = 0
    text_hash: str = ""  # of the clean text: exact copies are indexed once (core/copies.py)
    sketch: str = ""  # MinHash of the text, moved to sketches.json on save (the manifest stays small)

    @property
    def stat(self) -> FileStat:
        return FileStat(self.size, self.mtime, self.inode)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FileEntry:
        known = _ENTRY_FIELDS  # not fields(cls) per entry: 10,000 entries are read at every start
        values = {k: v for k, v in data.items() if k in known}
        values["unlisted"] = tuple(UnlistedPerson(**p) for p in values.get("unlisted") or ())
        return cls(**values)


_ENTRY_FIELDS = frozenset(f.name for f in fields(FileEntry))


@dataclass
class Manifest:
    schema_version: int
    extractor_version: str
    kb_fingerprint: str
    corpus: str
    files: dict[str, FileEntry] = field(default_factory=dict)  # path -> what was indexed from it
    problems: list[dict[str, Any]] = field(default_factory=list)  # path, reason, size, mtime, inode
    built_at: float = 0.0
    unreadable: list[str] = field(default_factory=list)  # folders not listed: their articles are kept, stale
    segments: dict[str, int] = field(default_factory=dict)  # Whoosh file -> size, to detect damage

    def save(self, folder: Path) -> None:
        self.segments = _segment_sizes(folder)
        tmp = folder / "manifest.json.tmp"
        data = asdict(self)
        for entry in data["files"].values():
            entry.pop("sketch", None)  # sketches live in sketches.json: the manifest is read at every start
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, folder / "manifest.json")
        stamp.write(folder, self, item_file)
        aggregate_store.write(folder, self.files.values())  # after the manifest: the store names it

    @classmethod
    def load(cls, folder: Path) -> Manifest | None:
        try:
            data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            data["files"] = {path: FileEntry.from_json(entry) for path, entry in data["files"].items()}
            return cls(**data)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None


@dataclass(frozen=True)
class Plan:
    """What must happen to bring the index up to date, and why."""

    action: str  # "none" | "build" | "update"
    reason: str = ""
    changed: tuple[str, ...] = ()  # added or modified files
    removed: tuple[str, ...] = ()
    scan: CorpusScan | None = None


@dataclass(frozen=True)
class BuildReport:
    action: str
    reason: str
    articles: int
    indexed: int
    problems: tuple[LoadProblem, ...]
    seconds: float
    unreadable: tuple[str, ...] = ()  # folders that could not be read (their articles kept, stale)
    notes: tuple[str, ...] = ()  # what the user should be told (another build running, damage repaired)


# ---------------------------------------------------------------- generations
def live_generation(index_dir: Path) -> Path | None:
    try:
        name = (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    gen = index_dir / name
    return gen if name and gen.is_dir() else None


def _publish(index_dir: Path, gen: Path) -> None:
    """Point CURRENT at a complete generation (atomic), then remove the others (writer lock held)."""
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


def clean_leftovers(index_dir: Path) -> list[str]:
    """Remove what an interrupted build left (``kill -9``, power loss): generations that are not
    live and half-written pointer files. Only called with the writer lock held."""
    live = live_generation(index_dir)
    removed = []
    for other in [*index_dir.glob("gen-*"), index_dir / "CURRENT.tmp"]:
        if other != live and other.exists():
            shutil.rmtree(other, ignore_errors=True) if other.is_dir() else other.unlink(missing_ok=True)
            removed.append(other.name)
    if removed:
        log.info("removed leftovers of an interrupted build: %s", ", ".join(removed))
    return removed


def _segment_sizes(gen: Path) -> dict[str, int]:
    """The Whoosh files of a generation with their sizes (the manifest and locks excluded, and the
    aggregates store: written after the manifest, it is checked by its own record of it)."""
    return {p.name: p.stat().st_size for p in sorted(gen.iterdir())
            if p.is_file() and not p.name.startswith(("manifest", stamp.STAMP_FILE, aggregate_store.STORE_FILE))
            and "LOCK" not in p.name.upper()}


def damage(gen: Path, manifest: Manifest) -> str | None:
    """What is wrong with a generation's files (missing, truncated), or None when it looks whole.

    Cheap (a stat per file), so it runs on every open: a damaged index is never shown as healthy.
    """
    return _segment_damage(gen, manifest.segments)


def _segment_damage(gen: Path, segments: Mapping[str, int]) -> str | None:
    if not segments:
        return None  # written before sizes were recorded
    for name, size in segments.items():
        try:
            actual = (gen / name).stat().st_size
        except OSError:
            return f"index file {name} is missing"
        if actual != size:
            return f"index file {name} is {actual} bytes, expected {size}"
    return None


def verify(index_dir: Path, manifest: Manifest | None = None) -> Manifest:
    """The live generation's manifest, or IndexMissing/IndexCorrupt saying in one line what is wrong."""
    gen = live_generation(index_dir)
    if gen is None:
        raise search.IndexMissing(f"no index in {index_dir}")
    manifest = manifest or Manifest.load(gen)
    if manifest is None:
        raise search.IndexCorrupt(f"the index in {index_dir} is damaged (its manifest cannot be read)")
    problem = damage(gen, manifest)
    if problem:
        raise search.IndexCorrupt(f"the index in {index_dir} is damaged ({problem})")
    return manifest


# ---------------------------------------------------------------- planning
RACY_SECONDS = 2.0  # a file modified this close to its indexing is re-checked by content (coarse clocks)


def _stat(path: Path) -> FileStat:
    """Size, modification time and inode; a file that vanished stats as -1 (re-checked next run).

    Taken *before* the file is read: an edit made while it is read then changes the stat, and
    the next run indexes the file again instead of keeping the old content forever.
    """
    try:
        st = path.stat()
    except OSError:
        return MISSING
    return FileStat(st.st_size, st.st_mtime_ns, st.st_ino)


def _same_content(path: str, entry: FileEntry) -> bool:
    """For a racy entry (modified within RACY_SECONDS of its indexing): do the bytes still match?"""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16] == entry.hash
    except OSError:
        return False


def _problem_stat(problem: Mapping[str, Any]) -> FileStat:
    return FileStat(problem.get("size", -1), problem.get("mtime", -1), problem.get("inode", -1))


def _unchanged(path: str, current: Path, entry: FileEntry | Mapping[str, Any] | None) -> bool:
    if entry is None:
        return False
    if not isinstance(entry, FileEntry):  # a file that could not be used: unchanged if its stat is
        return _stat(current) == _problem_stat(entry)
    if _stat(current) != entry.stat:
        return False
    return not entry.racy or _same_content(path, entry)


def _under(path: str, folders: tuple[str, ...]) -> bool:
    return any(path == f or path.startswith(f.rstrip(os.sep) + os.sep) for f in folders)


VERSION_CACHE = "extractor-version.json"  # beside the generations: the index folder is ours to write


def current_extractor_version(index_dir: Path) -> str:
    """The extractors' fingerprint, cached in the index folder by the sources' stats (extract/version.py)."""
    return extractor_version(index_dir / VERSION_CACHE if index_dir.is_dir() else None)


def up_to_date(index_dir: Path, corpus: Path, kb: KnowledgeBase) -> BuildReport | None:
    """The report of a live index proven up to date without reading its manifest or any article;
    None when that cannot be proven cheaply (then `ensure` decides, file by file).

    The proof is the stamp (core/stamp.py): same versions, segments whole, and a stat-only walk
    of the corpus whose digest equals the one of the stats the manifest recorded.
    """
    started = time.perf_counter()
    gen = live_generation(index_dir)
    found = stamp.read(gen) if gen else None
    if gen is None or found is None or found.stats is None or whole_by_stamp(gen) is None:
        return None
    if (found.schema_version != search.SCHEMA_VERSION or found.kb_fingerprint != kb.fingerprint
            or found.corpus != str(corpus.resolve())
            or found.extractor_version != current_extractor_version(index_dir)):
        return None
    if stamp.corpus_digest(corpus, is_article_name) != found.stats:
        return None
    if not all(stamp.same_content(path, content) for path, content in found.racy.items()):
        return None
    problems = tuple(LoadProblem(p["path"], p["reason"], p.get("kind") or "unreadable") for p in found.problems)
    return BuildReport("none", "up to date", found.articles, 0, problems, time.perf_counter() - started)


def whole_by_stamp(gen: Path) -> stamp.Stamp | None:
    """The generation's stamp when its Whoosh files and manifest have the sizes it recorded (see
    `damage`); None without a stamp or when they differ (then the manifest is checked)."""
    found = stamp.read(gen)
    if (found is not None and found.segments and found.manifest_intact(gen)
            and _segment_damage(gen, found.segments) is None):
        return found
    return None


def load_live_manifest(index_dir: Path) -> Manifest | None:
    gen = live_generation(index_dir)
    return Manifest.load(gen) if gen else None


def plan(index_dir: Path, corpus: Path, kb: KnowledgeBase, manifest: Manifest | None = None,
         scan: CorpusScan | None = None) -> Plan:
    """Compare the live index's manifest with the corpus folder (stat only, no reading).

    Pass the manifest when it is already loaded: at 10,000 articles it is megabytes of JSON.
    Articles under a folder that cannot be read are kept as they are (stale), never dropped.
    """
    scan = scan or scan_corpus(corpus)
    manifest = manifest or load_live_manifest(index_dir)
    gen = live_generation(index_dir)
    if manifest is None or gen is None:
        return Plan("build", "no index yet", scan=scan)
    if manifest.schema_version != search.SCHEMA_VERSION:
        return Plan("build", "the index format changed", scan=scan)
    if manifest.extractor_version != current_extractor_version(index_dir):
        return Plan("build", "the extractors changed", scan=scan)
    if manifest.kb_fingerprint != kb.fingerprint:
        return Plan("build", "the knowledge base changed", scan=scan)
    if manifest.corpus != str(corpus.resolve()):
        return Plan("build", "a different corpus folder", scan=scan)
    problem = damage(gen, manifest)
    if problem:
        return Plan("build", f"the index was damaged ({problem}); rebuilt", scan=scan)
    current = {str(p): p for p in scan.files}
    known: dict[str, FileEntry | Mapping[str, Any]] = dict(manifest.files)
    known.update({p["path"]: p for p in manifest.problems})
    for key, entry in list(known.items()):  # a feed's items are keyed 'feed.xml#item-N'
        if item_file(key) != key and isinstance(entry, FileEntry):
            # the file's stat stands for it; an item's hash is of its own text, not of the file's bytes
            known.setdefault(item_file(key), replace(entry, racy=False))
    changed = tuple(p for p, path in current.items() if not _unchanged(p, path, known.get(p)))
    removed = tuple(p for p in known if p not in current and item_file(p) not in current
                    and not _under(p, scan.unreadable))
    if changed or removed or sorted(manifest.unreadable) != list(scan.unreadable):
        return Plan("update", f"{len(changed)} new or changed, {len(removed)} removed", changed, removed, scan)
    return Plan("none", "up to date", scan=scan)


# ---------------------------------------------------------------- progress that never goes silent
class _Heartbeat:
    """Repeats the last progress report every HEARTBEAT_SECONDS from a thread while a long step
    runs (a Whoosh commit, grouping near copies): the user sees the phase, never a frozen bar.

    An exception raised by the progress callback in the thread (a cancelled build) is raised
    again in the building thread when the step ends.
    """

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.report: tuple[int, int, str] | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def say(self, done: int, total: int, message: str) -> None:
        """Report now, and keep repeating this report until the next one."""
        if self.progress is None:
            return
        with self._lock:
            self.report = (done, total, message)
            self.progress(done, total, message)
        if self._thread is None:
            self._thread = threading.Thread(target=self._beat, name="build-progress", daemon=True)
            self._thread.start()

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            with self._lock:
                try:
                    if self.report and self.progress:
                        self.progress(*self.report)
                except BaseException as err:  # noqa: BLE001 - handed to the building thread in stop()
                    self._error = err
                    return

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error

    def __enter__(self) -> _Heartbeat:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# ---------------------------------------------------------------- extraction and writing
_worker_linker: Linker | None = None
_worker_progress = None  # a multiprocessing queue: one item per article done, for the progress bar
PARTS_PER_WORKER = 2  # a few large parts balance the workers; each becomes one segment


def _init_worker(data_dir: str | None, progress_queue: Any = None, parent: int | None = None) -> None:
    global _worker_linker, _worker_progress
    if parent is not None:
        _die_with_parent(parent)
    from .extract.linking import Linker
    _worker_linker = Linker(load_knowledge(Path(data_dir) if data_dir else None))
    _worker_progress = progress_queue


PARENT_POLL_SECONDS = 0.5


def _die_with_parent(parent: int) -> None:
    """A worker ends itself when the build process is gone (``kill -9`` leaves no one to stop it).

    Polling the parent pid works with ``spawn`` and on every OS; the thread is a daemon, so it
    never keeps a worker alive. Workers also ignore SIGINT: the parent decides and stops them.
    """
    with contextlib.suppress(ValueError, OSError):  # not the main thread / no such signal
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def assign_ids(paths: list[str]) -> dict[str, str]:
    """Article ids: the file name, made unique with a hash of the path when two folders share it."""
    stems = Counter(Path(p).stem for p in paths)
    return {p: Path(p).stem if stems[Path(p).stem] == 1 else
            f"{Path(p).stem}-{hashlib.sha1(p.encode()).hexdigest()[:6]}" for p in paths}


def _entry(stat: FileStat, article: Article, extraction: Extraction) -> FileEntry:
    actors: dict[str, int] = {}
    places: dict[str, int] = {}
    for m in extraction.mentions:
        bucket = actors if m.kind == "actor" else places
        bucket[m.ref] = bucket.get(m.ref, 0) + 1
    racy = stat.mtime >= 0 and time.time() - stat.mtime / 1e9 < RACY_SECONDS
    return FileEntry(
        id=article.id, hash=article.content_hash, size=stat.size, mtime=stat.mtime, inode=stat.inode, racy=racy,
        title=article.title, published=article.published.isoformat() if article.published else None,
        source=article.source, actors=actors, places=places,
        unlisted=tuple(UnlistedPerson(a.id, a.name, a.role) for a in extraction.unlisted),
        quotes=len(extraction.quotes), events=len(extraction.events),
        text_hash=copies.text_hash(article.text), sketch=copies.encode(copies.sketch(article.text)))


@dataclass
class _Part:
    """What indexing a batch of files produced, for the manifest."""

    files: dict[str, FileEntry] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)


def _documents(items: list[tuple[str, str]], linker: Linker, part: _Part) -> Iterator[search.Document]:
    """Load and extract each (path, id), yielding its index documents and filling ``part``.

    In a worker, an article is counted once its documents are in the writer: when every article
    is counted, what remains is writing the segments (the progress says so)."""
    for path, article_id in items:
        yield from _file_documents(path, article_id, linker, part)
        if _worker_progress is not None:
            _worker_progress.put(1)


def _file_documents(path: str, article_id: str, linker: Linker, part: _Part) -> Iterator[search.Document]:
    from .extract.pipeline import extract_article  # not at import: a one-shot search needs no extractor

    before = _stat(Path(path))  # before reading: an edit made meanwhile changes it (see _stat)
    try:
        articles = load_articles(Path(path))
    except ArticleError as err:
        part.problems.append({"path": path, "reason": str(err), "kind": err.kind, **asdict(before)})
        return
    if _stat(Path(path)) != before:  # edited while being read: index what was read, re-check next run
        before = replace(before, mtime=-1)
    for n, article in enumerate(articles, 1):  # a feed or mailbox holds several articles
        article = replace(article, id=article_id if len(articles) == 1 else f"{article_id}-{n}")
        extraction = apply_corrections(article, extract_article(article, linker),
                                       linker.kb.corrections).extraction
        part.files[article.path] = _entry(before, article, extraction)
        yield from documents_for(article, extraction)


def _write_part(folder: str, items: list[tuple[str, str]]) -> _Part:
    """In a worker process: extract a batch and write it as a Whoosh index of its own."""
    part = _Part()
    ix = search.create(Path(folder))
    search.write(ix, _documents(items, _worker_linker, part), optimize=True)  # type: ignore[arg-type]
    ix.close()
    return part


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (POSIX) with a stderr it can pass on.

    The tracker hands ``sys.stderr.fileno()`` to the process it starts. Inside the app, Textual's
    capture of stderr answers -1, and every build of 64 articles or more failed with "bad
    value(s) in fds_to_keep". While it starts, stderr is the null device (its warnings of leaked
    semaphores are not for the analyst's screen); outside the app nothing changes.
    """
    if os.name != "posix":
        return
    from multiprocessing import resource_tracker
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        resource_tracker.ensure_running()
        return
    with open(os.devnull, "w") as null, contextlib.redirect_stderr(null):
        resource_tracker.ensure_running()


def _build_parallel(gen: Path, items: list[tuple[str, str]], manifest: Manifest, data_dir: Path | None,
                    progress: Progress | None, workers: int, beat: _Heartbeat) -> None:
    """Workers extract and index parts of the corpus in parallel, each into a Whoosh segment of
    its own; the finished segments are then adopted by the index as they are.

    (Merging them into one segment in this process took longer than writing them: it was the
    single-core tail of every build.)
    """
    count = workers * PARTS_PER_WORKER
    size = -(-len(items) // count)
    batches = [items[i:i + size] for i in range(0, len(items), size)]
    context = multiprocessing.get_context("spawn")  # the default on macOS and Windows; safe with threads
    _start_resource_tracker()
    queue = context.Queue() if progress else None
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                               initargs=(str(data_dir) if data_dir else None, queue, os.getpid()),
                               mp_context=context)
    try:
        futures = [pool.submit(_write_part, str(gen / "parts" / f"p{n:03d}"), b) for n, b in enumerate(batches)]
        _wait_with_progress(futures, queue, len(items), progress)
        for future in futures:
            part = future.result()
            manifest.files.update(part.files)
            manifest.problems += part.problems
    except BaseException:
        _stop_workers(pool)
        raise
    pool.shutdown()
    beat.say(len(items), len(items), f"{MERGING} {len(batches)} segments into the index")
    search.adopt_segments(gen, sorted((gen / "parts").iterdir()))
    shutil.rmtree(gen / "parts", ignore_errors=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """An interrupted build (Ctrl-C, SIGTERM, an error) stops its workers now, not after their batch."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    deadline = time.monotonic() + 10
    while any(p.is_alive() for p in processes) and time.monotonic() < deadline:
        for process in processes:  # a worker still starting up can miss SIGTERM: SIGKILL it
            with contextlib.suppress(Exception):
                process.join(timeout=0.5)
                if process.is_alive():
                    process.kill()


def _wait_with_progress(futures: list[Future[_Part]], queue: Any, total: int, progress: Progress | None) -> None:
    """Wait for the workers, turning their per-article ticks into a progress call every 0.2 s:
    "reading" until the first article is done (workers starting), "extracting" while articles
    remain, then "writing" while the workers write their segments."""
    done, shown = 0, (0, READING)  # the count and phase last reported
    while True:
        finished, pending = wait(futures, timeout=0.2, return_when=FIRST_EXCEPTION)
        if any(f.exception() for f in finished):
            return
        if queue is not None:
            while not queue.empty():
                queue.get_nowait()
                done += 1
        done = min(done, total)
        if not pending:  # every part is written: every article was done, whatever ticks are still in flight
            if progress and shown != (total, EXTRACTING) and shown[1] != WRITING:
                progress(total, total, f"{EXTRACTING} {total}/{total}")
            return
        if progress:
            writing = len(pending)
            phase = READING if done == 0 else EXTRACTING if done < total else WRITING
            message = (f"{READING} the corpus ({len(futures)} parts, starting the workers)" if phase == READING else
                       f"{EXTRACTING} {done}/{total}" if phase == EXTRACTING else
                       f"{WRITING} {writing} segment{'s' if writing > 1 else ''}")
            progress(done, total, message)
            shown = (done, phase)


def _index_serial(ix: Any, items: list[tuple[str, str]], manifest: Manifest, kb: KnowledgeBase,
                  progress: Progress | None, delete: list[str], optimize: bool) -> None:
    """One process: extract and write, reporting progress per file (small corpora and updates)."""
    from .extract.linking import Linker
    part, linker, beat = _Part(), Linker(kb), _Heartbeat(progress)

    def documents() -> Iterator[search.Document]:
        for done, item in enumerate(items, 1):
            if progress:
                progress(done, len(items), f"{EXTRACTING} {Path(item[0]).name}")
            yield from _documents([item], linker, part)
        beat.say(len(items), len(items), f"{WRITING} the index")  # the commit follows: it can be long

    with beat:
        search.write(ix, documents(), delete_articles=delete, optimize=optimize)
    manifest.files.update(part.files)
    manifest.problems += part.problems


# ---------------------------------------------------------------- public
def build(index_dir: Path, corpus: Path, kb: KnowledgeBase, data_dir: Path | None = None,
          progress: Progress | None = None, workers: int | None = None, scan: CorpusScan | None = None) -> Manifest:
    """Build a complete new generation from every file of the corpus, then make it live.

    Any failure (a full disk, an interrupt) removes the partial generation; the live one stays.
    """
    gen = _new_generation(index_dir)
    workers = workers or default_workers()
    beat = _Heartbeat(progress)
    try:
        with beat:
            if progress:
                progress(0, len(scan.files) if scan else 0, f"{READING} the corpus")
            scan = scan or scan_corpus(corpus)
            ix = search.create(gen)
            manifest = Manifest(search.SCHEMA_VERSION, current_extractor_version(index_dir), kb.fingerprint,
                                str(corpus.resolve()))
            manifest.unreadable = list(scan.unreadable)
            items = list(assign_ids([str(p) for p in scan.files]).items())
            if workers > 1 and len(items) >= POOL_THRESHOLD:
                ix.close()
                _build_parallel(gen, items, manifest, data_dir, progress, workers, beat)
            else:
                _index_serial(ix, items, manifest, kb, progress, [], optimize=True)
            ix.close()
            beat.say(len(items), len(items), f"{MERGING} exact and near copies")
            _record_copies(gen, manifest)
            manifest.built_at = time.time()
            beat.say(len(items), len(items), f"{MERGING} done, saving the manifest")
            manifest.save(gen)
            _publish(index_dir, gen)
        if progress:
            progress(len(items), len(items), DONE)
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)
        raise
    return manifest


def update(index_dir: Path, todo: Plan, kb: KnowledgeBase, corpus: Path,
           progress: Progress | None = None, manifest: Manifest | None = None) -> Manifest:
    """Re-index only the changed files of the live generation and drop the removed ones."""
    gen = live_generation(index_dir)
    manifest = manifest or load_live_manifest(index_dir)
    if gen is None or manifest is None:
        raise search.IndexMissing(f"no index in {index_dir}")
    scan = todo.scan or scan_corpus(corpus)
    stamp.remove(gen)  # the generation changes under it: until the manifest is saved, check fully
    ix = search.open_index(gen)
    gone = {*todo.changed, *todo.removed}
    # A copy skipped as a duplicate is read again when the article it duplicated goes or changes.
    revived = {item_file(p["path"]) for p in manifest.problems
               if p.get("of") and (p["of"] in gone or item_file(p["of"]) in gone)} - set(todo.removed)
    gone |= revived
    gone_keys = [key for key in manifest.files if key in gone or item_file(key) in gone]
    stale = [manifest.files[key].id for key in gone_keys]
    for key in gone_keys:
        manifest.files.pop(key, None)
    manifest.problems = [p for p in manifest.problems if p["path"] not in gone and item_file(p["path"]) not in gone]
    ids = assign_ids([*map(str, scan.files), *(p for p in manifest.files if _under(p, scan.unreadable))])
    wanted = set(todo.changed) | revived
    changed = [p for p in ids if p in wanted]
    _index_serial(ix, [(p, ids[p]) for p in changed], manifest, kb, progress, stale, optimize=False)
    ix.close()
    manifest.unreadable = list(scan.unreadable)
    with _Heartbeat(progress) as beat:
        beat.say(len(changed), len(changed), f"{MERGING} exact and near copies")
        _record_copies(gen, manifest)
        manifest.built_at = time.time()
        manifest.save(gen)
    if progress:
        progress(len(changed), len(changed), DONE)
    return manifest


def _record_copies(gen: Path, manifest: Manifest) -> None:
    """Index exact copies once (later ones become 'duplicate' problems naming the kept file) and
    write the stories of near copies beside the index (copies.json; sketches in sketches.json)."""
    sketches = copies.keep_sketches(gen, manifest.files)
    for key, entry in list(manifest.files.items()):  # kept in sketches.json, not in the manifest
        if entry.sketch:
            manifest.files[key] = replace(entry, sketch="")
    dups = copies.exact_duplicates(manifest.files)
    if dups:
        ix = search.open_index(gen)
        search.write(ix, [], delete_articles=[manifest.files[key].id for key in dups])
        ix.close()
    for key, kept in dups.items():
        entry = manifest.files.pop(key)
        manifest.problems.append({
            "path": key, "reason": f"same text as {kept}", "kind": "duplicate", "of": kept,
            **{k: getattr(entry, k) for k in ("size", "mtime", "inode", "id", "title", "source", "published",
                                              "text_hash")}})
    duplicates = [p for p in manifest.problems if p.get("kind") == "duplicate"]
    copies.save(gen, copies.stories(manifest.files, sketches, duplicates))


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def ensure(index_dir: Path, corpus: Path, kb: KnowledgeBase, data_dir: Path | None = None,
           progress: Progress | None = None, rebuild: bool = False,
           wait: Callable[[str], None] | None = None, use_live_if_busy: bool = True) -> tuple[BuildReport, Manifest]:
    """Bring the index up to date (building it if needed); report what was done, with the
    manifest of the live index (loaded once here, so callers need not read it again).

    One writer at a time (core.locking). When another process is building, a reader
    (``use_live_if_busy``) uses the live index as it is, told so in the report's notes; a writer,
    a rebuild, or a reader with no index yet waits, told so once through ``wait`` (else the log).
    """
    started = time.perf_counter()
    try:
        with writer_lock(index_dir):
            return _ensure_locked(index_dir, corpus, kb, data_dir, progress, rebuild, started)
    except LockBusy as busy:
        if use_live_if_busy and not rebuild:
            with contextlib.suppress(search.IndexProblem):
                manifest = verify(index_dir)
                note = f"{busy_message(busy.pid)}; showing the index as it was before it"
                return BuildReport("none", note, len(manifest.files), 0, _problems(manifest, None), 0.0,
                                   tuple(manifest.unreadable), (note,)), manifest
        with writer_lock(index_dir, wait=wait or (lambda message: log.warning("%s", message))):
            return _ensure_locked(index_dir, corpus, kb, data_dir, progress, rebuild, started)


def _stamp_if_missing(index_dir: Path, manifest: Manifest) -> None:
    """An index written before stamps gets one once it is found up to date (the next search is quick)."""
    gen = live_generation(index_dir)
    if gen is not None and stamp.read(gen) is None:
        stamp.write(gen, manifest, item_file)


def _problems(manifest: Manifest, scan: CorpusScan | None) -> tuple[LoadProblem, ...]:
    bad = tuple(LoadProblem(name, "the file name is not valid UTF-8 (rename the file)", "unreadable")
                for name in (scan.bad_names if scan else ()))
    return bad + tuple(LoadProblem(p["path"], p["reason"], p.get("kind", "unreadable")) for p in manifest.problems)


def _would_lose(index_dir: Path, todo: Plan, scan: CorpusScan) -> str:
    """Why a rebuild now would drop articles of unreadable folders ('' when it would not).

    A missing or damaged index is rebuilt regardless: there is nothing healthy to keep.
    """
    if todo.action != "build" or not scan.unreadable:
        return ""
    try:
        live = verify(index_dir)
    except search.IndexProblem:
        return ""
    kept = [p for p in live.files if _under(p, scan.unreadable)]
    if not kept:
        return ""
    count = f"{len(kept)} article{'' if len(kept) == 1 else 's'}"
    return (f"{count} of {', '.join(scan.unreadable)} could not be read again and would be "
            "lost; the index is kept as it is until the folder can be read")


def _ensure_locked(index_dir: Path, corpus: Path, kb: KnowledgeBase, data_dir: Path | None,
                   progress: Progress | None, rebuild: bool, started: float) -> tuple[BuildReport, Manifest]:
    clean_leftovers(index_dir)
    manifest = None if rebuild else load_live_manifest(index_dir)
    scan = scan_corpus(corpus)
    todo = Plan("build", "rebuild requested", scan=scan) if rebuild else plan(index_dir, corpus, kb, manifest, scan)
    notes: tuple[str, ...] = ()
    if "damaged" in todo.reason:
        notes = (f"the index was damaged and has been rebuilt: {todo.reason}",)
    lost = _would_lose(index_dir, todo, scan)
    if lost:  # a rebuild cannot re-read those articles: keep the index that still has them
        todo = Plan("none", f"not rebuilt ({todo.reason}): {lost}", scan=scan)
        notes += (todo.reason,)
        manifest = verify(index_dir)
    if todo.action == "update":
        manifest = update(index_dir, todo, kb, corpus, progress, manifest)
    elif todo.action == "build":
        manifest = build(index_dir, corpus, kb, data_dir, progress, scan=scan)
    assert manifest is not None
    if todo.action == "none" and not lost:
        _stamp_if_missing(index_dir, manifest)
    indexed = {"none": 0, "update": len(todo.changed)}.get(todo.action, len(manifest.files))
    for folder in scan.unreadable:
        log.warning("cannot read folder %s: its articles are kept as they were (stale)", folder)
    report = BuildReport(todo.action, todo.reason, len(manifest.files), indexed, _problems(manifest, scan),
                         time.perf_counter() - started, scan.unreadable, notes)
    return report, manifest
