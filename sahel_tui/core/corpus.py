"""Read article files into `Article` records: decoding, front matter, and a clean reading view.

Real clippings are messy: BOMs, Windows line endings, cp1252 French press, site boilerplate,
photo captions printed twice. The loader keeps the decoded original (``raw``) and derives the
clean text that extractors and the reader use, with segments that map offsets back to ``raw``.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import readers
from .extract.lexicon.calendar import MONTHS, WEEKDAYS, alternation, month_number
from .models import Article, LoadProblem
from .readers.language import guess_language
from .readers.markdown import to_plain
from .safeyaml import YAMLTooLarge, safe_load
from .text import inert

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md")  # clippings with optional YAML front matter; readers take the rest
#: Joins a file and the number of one of its articles (a feed's items, a mailbox's messages).
ITEM_MARK = "#item-"

#: Whole lines that are site furniture, not article text (matched on the stripped line).
_BOILERPLATE = [re.compile(p, re.IGNORECASE) for p in (
    r"leave a (reply|comment)",
    r"read (the )?(entire|full) (article|story)",
    r"-*\s*advertisement\s*-*",
    r"comment policy\b.*",
    r"do you like this article\??",
    r"\d+\s+comment\(?s?\)?",
    r"follow the live information on our channel",
    r"\d+\s+(seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago(\s+\d+)?",
    r"(share|tweet|email|print)( this( article)?)?:?",
    r"click to share on .*",
    r"subscribe( to our newsletter)?\.?",
    r"related( articles| posts| stories)?:?",
    r"you may also like:?",
    r"[<>|•·*]+",
)]

_MONTHS = alternation(MONTHS)  # English, French and common misspellings
_WEEKDAY = rf"(?:(?:{alternation(WEEKDAYS)}),?\s+)?"
# A press-release dateline names the place first and runs on after a dash: "Niamey, 3 May 2021 – The ..."
_PLACE = r"(?:(?-i:[A-Z])[\w’'.-]*(?:[ -](?-i:[A-Z])[\w’'.-]*){0,3},\s*)?"
_DASH = r"(?:\s*(?:\([^()]{1,30}\)\s*)?(?:[–—]|-{1,2})(?:\s.*)?)?"  # "3 May 2021 (AFP) – ..."
#: A dateline: "Monday August 28, 2023", "28 August 2023", "Lundi 28 août 2023", "2023-08-28" as the
#: whole line, or "Niamey, 3 May 2021 – ..." heading a press release.
_DATELINE_RES = (
    re.compile(rf"^{_PLACE}{_WEEKDAY}(?P<month>{_MONTHS})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}}){_DASH}$", re.I),
    re.compile(rf"^{_PLACE}{_WEEKDAY}(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{_MONTHS})\.?,?\s+(?P<year>\d{{4}}){_DASH}$",
               re.I),
    re.compile(r"^(?:published:?\s*)?(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})$", re.I),
)


class ArticleError(Exception):
    """An article file that cannot be used; the message says why, ``kind`` groups it (readers.KINDS)."""

    def __init__(self, message: str, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.kind = kind


class CorpusMissing(FileNotFoundError):
    """The corpus folder does not exist (a typo in --corpus is more likely than an empty corpus)."""


@dataclass(frozen=True)
class CleanView:
    text: str
    segments: tuple[tuple[int, int, int], ...]


# ---------------------------------------------------------------- decoding
def decode_bytes(data: bytes) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else cp1252, else latin-1; NFC, LF.

    >>> decode_bytes(b"\\xef\\xbb\\xbfM\\xc3\\xa9naka\\r\\n"), decode_bytes(b"M\\xe9naka")
    ('Ménaka\\n', 'Ménaka')
    """
    if not data.strip():
        raise ArticleError("empty file", "empty")
    if b"\x00" in data:
        raise ArticleError("binary file (contains NUL bytes), not text", "unsupported")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # latin-1 decodes any bytes: never reached
        text = data.decode("latin-1")
    controls = len(_CONTROLS_RE.findall(text))
    if controls > max(8, len(text) // 50):
        raise ArticleError("binary file (too many control characters), not text", "unsupported")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


#: Unicode category Cc (C0 controls, DEL, C1 controls) but newline, carriage return, tab and form
#: feed: one regex pass instead of a unicodedata lookup per character (a third of loading a file).
_CONTROLS_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


# ---------------------------------------------------------------- front matter
def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split a leading YAML block delimited by ``---`` lines from the body.

    Raises ArticleError when the block is not valid YAML or not a mapping.
    """
    if not text.startswith("---\n"):
        return {}, text
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
    if end is None:
        raise ArticleError("front matter starts with '---' but never ends")
    block = text[4:4 + end.start()]
    body = text[4 + end.end():].lstrip("\n")
    try:
        meta = safe_load(block) or {}
    except YAMLTooLarge as err:
        raise ArticleError(f"front matter refused: {err}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise ArticleError(f"invalid YAML front matter{where}: {getattr(err, 'problem', err)}") from None
    if not isinstance(meta, dict):
        raise ArticleError("front matter is not a mapping of keys to values")
    return meta, body


def parse_published(value: object) -> tuple[date | None, str | None]:
    """A front-matter date (date, '2023-08-28', '2023-08', 2023) as (first day, precision)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, date):
        return value, "day"
    text = str(value).strip()
    for pattern, precision in ((r"(\d{4})-(\d{2})-(\d{2})", "day"), (r"(\d{4})-(\d{2})", "month"),
                               (r"(\d{4})", "year")):
        m = re.fullmatch(pattern, text[:10] if precision == "day" else text)
        if m:
            parts = [int(g) for g in m.groups()] + [1] * (3 - len(m.groups()))
            try:
                return date(*parts), precision
            except ValueError:
                break
    raise ArticleError(f"front matter 'published' is not a date: {text!r}")


# ---------------------------------------------------------------- clean view
def defuse(text: str) -> str:
    """Replace terminal control characters with visible symbols (ESC -> ␛); see text.inert.

    >>> defuse("red\x1b[31m alert")
    'red␛[31m alert'
    """
    return inert(text)


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    return any(p.fullmatch(stripped) for p in _BOILERPLATE)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _same_paragraph(a: str, b: str) -> bool:
    """Two paragraphs say the same thing: identical, or `a` is a teaser of `b` cut with an ellipsis."""
    a, b = _squeeze(a), _squeeze(b)
    if a == b:
        return True
    for ellipsis in ("…", "..."):
        if a.endswith(ellipsis) and len(a) > 40 and b.startswith(a[: -len(ellipsis)].rstrip()):
            return True
    return False


def clean_view(raw: str) -> CleanView:
    """The reading view: one paragraph per non-empty line, boilerplate and repeats dropped.

    Paragraphs are joined with a blank line; ``segments`` record where each came from in ``raw``.
    """
    kept: list[tuple[int, str]] = []
    raw = defuse(raw)
    for m in re.finditer(r"[^\n]+", raw):
        line = m.group()
        if not line.strip() or is_boilerplate(line):
            continue
        lead = len(line) - len(line.lstrip())
        para = line.strip()
        if kept and _same_paragraph(kept[-1][1], para):
            if len(para) > len(kept[-1][1]):  # keep the full paragraph, not the teaser
                kept[-1] = (m.start() + lead, para)
            continue
        kept.append((m.start() + lead, para))
    parts, segments, pos = [], [], 0
    for raw_start, para in kept:
        segments.append((pos, raw_start, len(para)))
        parts.append(para)
        pos += len(para) + 2
    return CleanView("\n\n".join(parts), tuple(segments))


# ---------------------------------------------------------------- inference
def infer_title(text: str) -> str:
    """The headline: the first line that reads like one (4+ words), else the first line."""
    lines = [re.sub(r"^#+\s*", "", ln).strip() for ln in text.split("\n") if ln.strip()]
    for line in lines[:6]:
        if len(line.split()) >= 4 and not _dateline(line):
            return line
    return lines[0] if lines else ""


def _dateline(line: str) -> date | None:
    for pattern in _DATELINE_RES:
        m = pattern.match(line.strip())
        if m:
            groups = m.groupdict()
            month = int(groups["mon"]) if groups.get("mon") else _month_number(groups["month"])
            try:
                return date(int(groups["year"]), month, int(groups["day"]))
            except ValueError:
                return None
    return None


def _month_number(name: str) -> int:
    return month_number(name) or 0


def infer_published(text: str) -> date | None:
    """A dateline near the top of the text ("Monday August 28, 2023"), else None — never a guess."""
    for line in [ln for ln in text.split("\n") if ln.strip()][:12]:
        found = _dateline(line)
        if found:
            return found
    return None


# ---------------------------------------------------------------- loading
def _text_field(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return defuse(str(value)).strip() if value not in (None, "") else None


def parse_article(path: Path, data: bytes) -> Article:
    """The (first) article of a file's bytes; raises ArticleError with a reason on bad input."""
    return parse_articles(path, data)[0]


def parse_articles(path: Path, data: bytes) -> list[Article]:
    """Every article a file holds: one, or one per feed item / mailbox message.

    Clippings (.txt, .md) keep their YAML front matter; other formats go through ``readers``,
    chosen by content as well as name (a saved page named .txt is read as HTML).
    """
    fmt = readers.sniff(path, data)
    if fmt in ("text", "markdown"):
        return [_parse_clipping(path, data, markdown=fmt == "markdown")]
    try:
        readings = readers.read(path, data)
    except readers.Unreadable as err:
        raise ArticleError(str(err), err.kind) from None
    if len(readings) == 1:
        return [_from_reading(path, path.stem, readings[0], hashlib.sha256(data).hexdigest()[:16])]
    return [_from_reading(Path(f"{path}{ITEM_MARK}{n}"), f"{path.stem}-{n}", r,
                          hashlib.sha256(r.text.encode()).hexdigest()[:16]) for n, r in enumerate(readings, 1)]


def _parse_clipping(path: Path, data: bytes, markdown: bool) -> Article:
    meta, body = split_front_matter(decode_bytes(data))
    if markdown:
        body = to_plain(body)
    view = clean_view(body)
    if not view.text.strip():
        raise ArticleError("no article text after the front matter", "empty")
    published, precision = parse_published(meta.get("published", meta.get("date")))
    if published is None:
        published = infer_published(body)
        precision = "day" if published else None
    return Article(
        id=path.stem, path=str(path), title=_text_field(meta, "title") or infer_title(view.text),
        text=view.text, raw=body, source=_text_field(meta, "source"), author=_text_field(meta, "author"),
        url=_text_field(meta, "url"), published=published, published_precision=precision,
        content_hash=hashlib.sha256(data).hexdigest()[:16], segments=view.segments,
        language=_text_field(meta, "language") or guess_language(view.text),
    )


MAX_ARTICLE_BYTES = 20_000_000  # a news article is kilobytes; a file this big is a mistake or hostile


def _from_reading(path: Path, article_id: str, reading: readers.Reading, content_hash: str) -> Article:
    body = unicodedata.normalize("NFC", reading.text)
    view = clean_view(body)
    if not view.text.strip():
        raise ArticleError("no article text", "empty")
    published = reading.published or infer_published(body)
    meta = {"title": reading.title, "source": reading.source, "author": reading.author, "url": reading.url}
    return Article(
        id=article_id, path=str(path), title=_text_field(meta, "title") or infer_title(view.text),
        text=view.text, raw=body, source=_text_field(meta, "source"), author=_text_field(meta, "author"),
        url=_text_field(meta, "url"), published=published, published_precision="day" if published else None,
        content_hash=content_hash, segments=view.segments, language=reading.language,
        warnings=reading.warnings,
    )


def item_file(key: str) -> str:
    """The file an article key names: 'feed.xml#item-2' -> 'feed.xml'; a plain path is itself."""
    head, mark, tail = key.rpartition(ITEM_MARK)
    return head if mark and tail.isdigit() and not Path(key).exists() else key


def load_articles(path: Path) -> list[Article]:
    """Every article of one file; raises ArticleError (with a kind) when it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"too large for an article ({size / 1e6:.0f} MB; the limit is "
                               f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB)")
        data = path.read_bytes()
    except OSError as err:
        raise ArticleError(f"cannot read: {err.strerror or err}") from None
    return parse_articles(path, data)


def load_article(path: Path) -> Article:
    """One article by its key: a file, or 'file#item-N' for the N-th article a file holds."""
    file = Path(item_file(str(path)))
    articles = load_articles(file)
    if file == path:
        return articles[0]
    number = int(str(path).rpartition(ITEM_MARK)[2])
    if number > len(articles):
        raise ArticleError(f"{file.name} no longer holds item {number}")
    return articles[number - 1]


@dataclass(frozen=True)
class CorpusScan:
    """What walking a corpus folder found: the article files, and what it could not use.

    ``unreadable`` are folders that could not be listed (permissions, an unmounted drive);
    ``bad_names`` are files whose name is not valid UTF-8, in a displayable form (``\\xNN``).
    """

    files: tuple[Path, ...]
    unreadable: tuple[str, ...] = ()
    bad_names: tuple[str, ...] = ()


def _is_article(name: str) -> bool:
    """Every file but hidden ones and a README: a file no reader can use is reported by name
    (unsupported), never skipped in silence."""
    return name.lower() != "readme.md" and not name.startswith(".")


def _valid_name(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes in the name became surrogate escapes
        return False
    return True


def scan_corpus(folder: Path) -> CorpusScan:
    """Walk a corpus folder (recursive, stable order), never skipping anything in silence."""
    if not folder.is_dir():
        raise CorpusMissing(f"corpus folder {folder} does not exist or is not a folder")
    files: list[Path] = []
    unreadable: list[str] = []
    bad: list[str] = []

    def failed(err: OSError) -> None:
        unreadable.append(str(err.filename))

    for root, dirs, names in os.walk(folder, onerror=failed):
        dirs.sort()
        for name in names:
            path = os.path.join(root, name)
            if not _is_article(name) or not os.path.isfile(path):
                continue
            if _valid_name(path):
                files.append(Path(path))
            else:
                bad.append(path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))
    return CorpusScan(tuple(sorted(files)), tuple(sorted(unreadable)), tuple(sorted(bad)))


def article_files(folder: Path) -> list[Path]:
    """The article files of a corpus folder (recursive), in a stable order."""
    return list(scan_corpus(folder).files)


def load_corpus(paths: Iterable[Path]) -> tuple[list[Article], list[LoadProblem]]:
    """Load many files; a broken one becomes a LoadProblem and the rest still load."""
    articles, problems = [], []
    for path in paths:
        try:
            articles.extend(load_articles(path))
        except ArticleError as err:
            log.warning("skipping %s: %s", path, err)
            problems.append(LoadProblem(str(path), str(err), err.kind))
    return articles, problems
