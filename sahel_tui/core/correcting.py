"""Make a correction from a ref, and bring the index in step with it at once.

The CLI and the app both come here: a ref as printed by ``--json`` (``q:ART:N``, ``e:ART:N``,
``a:ART:START-END``) is resolved against the current index into an anchor and the value as it
is now (kept as the correction's ``original``); the log gets one entry; the articles it touches
are re-extracted and re-indexed (an alias touches every article that contains the surface form).
"""
from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import indexer
from .apply_corrections import APPLIED, EVENT_KINDS, apply_corrections, parse_date
from .corpus import ArticleError
from .corrections import (
    EVENT_OPS,
    QUOTE_OPS,
    Correction,
    CorrectionError,
    CorrectionLog,
    ImportReport,
    new_correction,
)
from .extract.linking import Linker
from .extract.pipeline import extract_article
from .index_records import event_from, quote_from
from .knowledge import UnknownActor
from .library import Library
from .models import Event, Mention, Quote
from .refs import Anchor, BadRef, parse_ref

log = logging.getLogger(__name__)
ARTICLE_GONE = "article removed"


@dataclass(frozen=True)
class Target:
    """What a ref points at now: its kind, its anchor and its current values."""

    kind: str  # "quote" | "event" | "passage"
    ref: str
    anchor: Anchor
    current: dict[str, Any]


class Corrector:
    """The correction workflow over one Library (not thread-safe, like the Library)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.log = CorrectionLog(library.config.store_file)

    # ------------------------------------------------------------ resolving refs
    def target(self, ref: str) -> Target:
        """Resolve a quote, event or passage ref against the current index; raises BadRef."""
        parsed = parse_ref(ref)
        if parsed.kind == "passage":
            assert parsed.start is not None and parsed.end is not None
            body = self._body(parsed.article)
            if parsed.end > len(body):
                raise BadRef(f"{ref}: the article has only {len(body)} characters")
            refs = [m.ref for m in self.library.mentions(parsed.article)
                    if m.start < parsed.end and parsed.start < m.end]
            return Target("passage", ref, Anchor.of(parsed.article, body, parsed.start, parsed.end), {"refs": refs})
        if parsed.kind not in ("quote", "event"):
            raise BadRef(f"{ref}: corrections take a quote (q:), event (e:) or passage (a:ART:START-END) ref")
        docs = list(self.library.searcher.documents(id=str(parsed)))
        if not docs:
            raise BadRef(f"{ref}: no such {parsed.kind} in the index (refs change after a rebuild; search again)")
        body = self._body(parsed.article)
        if parsed.kind == "quote":
            q = quote_from(docs[0].payload)
            return Target("quote", ref, Anchor.of(parsed.article, body, q.start, q.end),
                          {"speaker": q.speaker, "actor": q.speaker_actor, "role": q.speaker_role})
        e = event_from(docs[0].payload)
        return Target("event", ref, Anchor.of(parsed.article, body, e.start, e.end),
                      {"date": e.date_display, "date_text": e.date_text, "kind": e.kind, "killed": e.killed,
                       "actors": list(e.actors), "places": list(e.places)})

    def target_of(self, article_id: str, record: Quote | Event | Mention) -> Target:
        """The target of a record the UI shows (a quote, an event or a mention of that article)."""
        body = self._body(article_id)
        anchor = Anchor.of(article_id, body, record.start, record.end)
        if isinstance(record, Quote):
            return Target("quote", f"a:{article_id}:{record.start}-{record.end}", anchor,
                          {"speaker": record.speaker, "actor": record.speaker_actor, "role": record.speaker_role})
        if isinstance(record, Event):
            return Target("event", f"a:{article_id}:{record.start}-{record.end}", anchor,
                          {"date": record.date_display, "date_text": record.date_text, "kind": record.kind,
                           "killed": record.killed, "actors": list(record.actors), "places": list(record.places)})
        return Target("passage", f"a:{article_id}:{record.start}-{record.end}", anchor, {"refs": [record.ref]})

    def _body(self, article_id: str) -> str:
        try:
            return self.library.article(article_id).text
        except (KeyError, ArticleError) as err:
            raise BadRef(f"no article {article_id!r}: {err}") from err

    # ------------------------------------------------------------ making corrections
    def correct(self, ref: str | Target, op: str, value: Any = True, reason: str = "") -> Correction:
        """Log one correction of the object at ``ref`` (or an already resolved target) and re-index its article."""
        target = self.target(ref) if isinstance(ref, str) else ref
        wanted = {"quote": QUOTE_OPS, "event": EVENT_OPS, "passage": {"mention"}}[target.kind]
        if op not in wanted:
            raise CorrectionError(f"a {target.kind} cannot take --{op.replace('_', '-')}"
                                  f" (it takes: {', '.join(sorted(wanted))})")
        value = self._checked(op, value)
        original = self._original(target, op, value)
        if op == "mention" and isinstance(value, dict) and "was" not in value:
            value = {**value, "was": (target.current["refs"] or [None])[0]}
        (entry,) = self.log.append(new_correction(op, value, target.anchor, original, reason))
        self.refresh({target.anchor.article})
        return entry

    def _checked(self, op: str, value: Any) -> Any:
        """Validate a value and turn names into ids (a speaker named like a known actor is that actor)."""
        if op == "date":
            parse_date(str(value))
        elif op == "kind" and value not in EVENT_KINDS:
            raise CorrectionError(f"unknown event kind {value!r} (one of {', '.join(EVENT_KINDS)})")
        elif op == "killed" and value is not None and int(value) < 0:
            raise CorrectionError("a toll cannot be negative")
        elif op == "speaker" and isinstance(value, str):
            try:
                actor = self.library.actor(value)
                return {"speaker": actor.name, "actor": actor.id, "role": actor.role}
            except UnknownActor:  # a description ("a local official"): the old role went with the old speaker
                return {"speaker": value, "actor": None, "role": None}
        elif op in ("event_actor", "event_place") and isinstance(value, dict):
            return {**value, "ref": self._entity_id("actor" if op == "event_actor" else "place", str(value["ref"]))}
        elif op == "mention" and isinstance(value, dict) and value.get("ref"):
            return {**value, "ref": self._entity_id(str(value.get("kind", "actor")), str(value["ref"]))}
        return value

    def _entity_id(self, kind: str, name_or_id: str) -> str:
        """The id of an actor or place named by id, name or alias; UnknownActor / CorrectionError if none."""
        if kind == "actor":
            return self.library.actor(name_or_id).id
        place = self.library.kb.place(name_or_id)
        if place is None:
            raise CorrectionError(f"no place {name_or_id!r} in the knowledge base "
                                  "(add it with `sahel-tui correct region PLACE REGION`)")
        return place.id

    @staticmethod
    def _original(target: Target, op: str, value: Any) -> Any:
        current = target.current
        if target.kind == "quote":
            return {"speaker": current["speaker"], "actor": current["actor"]} if op != "role" else current["role"]
        if target.kind == "event":
            field = {"date": "date", "kind": "kind", "killed": "killed", "event_actor": "actors",
                     "event_place": "places"}.get(op)
            return {"date_text": current["date_text"], **({field: current[field]} if field else {})}
        return {"refs": current["refs"]}

    def add_alias(self, actor_id: str, surface: str, reason: str = "") -> Correction:
        """Make ``surface`` an alias of a knowledge-base actor in every article."""
        surface = " ".join(surface.split())
        if not surface:
            raise CorrectionError("the alias is empty")
        actor = self.library.kb.actor(actor_id)  # UnknownActor for unlisted people: make them actors first
        (entry,) = self.log.append(new_correction("alias", {"actor": actor.id}, text=surface, reason=reason))
        self.refresh(self.articles_with(surface))
        return entry

    def new_actor(self, name: str, type_: str, surface: str = "", reason: str = "") -> Correction:
        """Add an actor to the analyst's knowledge base (linked wherever its name or surface occurs)."""
        from .text import slugify
        value = {"id": slugify(name), "name": name, "type": type_}
        (entry,) = self.log.append(new_correction("new_actor", value, text=surface or name, reason=reason))
        self.refresh(self.articles_with(name) | (self.articles_with(surface) if surface else set()))
        return entry

    def merge(self, ref: str, other: str, reason: str = "") -> Correction:
        """Two events of one article report the same happening: keep ``ref``, fold ``other`` into it.
        (Undoing the merge splits them again.)"""
        keep, drop = self.target(ref), self.target(other)
        if keep.kind != "event" or drop.kind != "event" or keep.anchor.article != drop.anchor.article:
            raise CorrectionError("merge takes two events of the same article (e:ARTICLE:N e:ARTICLE:M)")
        if keep.anchor == drop.anchor:
            raise CorrectionError("an event cannot be merged with itself")
        value = {"start": drop.anchor.start, "end": drop.anchor.end, "text": drop.anchor.text}
        (entry,) = self.log.append(new_correction("merge", value, keep.anchor, keep.current, reason))
        self.refresh({keep.anchor.article})
        return entry

    def place_region(self, name: str, region: str, reason: str = "") -> Correction:
        """Put a place in a region (adding the place when the knowledge base lacks it)."""
        from .text import slugify
        name = " ".join(name.split())
        known = self.library.kb.place(name)
        if not name or not region.strip():
            raise CorrectionError("give a place name and a region")
        value = {"id": known.id if known else slugify(name), "region": region.strip(),
                 "country": known.country if known else None}
        original = known.admin_region if known else None
        (entry,) = self.log.append(new_correction("place_region", value, original=original, text=name, reason=reason))
        self.refresh(self.articles_with(name))
        return entry

    def undo(self, key: str | int | None = None) -> Correction:
        """Undo a correction (the latest when no key) and re-index what it touched."""
        undone = self.log.undo(key)
        self.refresh(self._touched([undone]))
        return undone

    def import_file(self, path: Path, take_theirs: bool | Collection[str] = False) -> ImportReport:
        report = self.log.import_file(path, take_theirs)
        self.refresh(self._touched(report.added))
        return report

    # ------------------------------------------------------------ the index
    def _touched(self, corrections: Iterable[Correction]) -> set[str]:
        """The articles a set of corrections changes (an undo touches what the undone one did)."""
        by_uid = {c.uid: c for c in self.log.entries()}
        ids: set[str] = set()
        for c in corrections:
            c = by_uid.get(str(c.value), c) if c.op == "undo" else c
            ids |= {c.article} if c.article else self.articles_with(c.text)
        return ids

    def articles_with(self, surface: str) -> set[str]:
        """Articles whose text contains the words of ``surface`` (the index narrows, the text decides)."""
        words = surface.replace('"', " ").split()
        if not words:
            return set()
        hits = self.library.search(f'"{" ".join(words)}"', limit=100_000, kinds=("article",), snippets=False)
        pattern = " ".join(words).casefold()
        out = set()
        for hit in hits.hits:
            try:
                if pattern in " ".join(self.library.article(hit.article_id).text.split()).casefold():
                    out.add(hit.article_id)
            except (KeyError, ArticleError):
                continue
        return out

    def refresh(self, article_ids: set[str]) -> None:
        """Reload the knowledge base with the log, then re-extract and re-index those articles."""
        library = self.library
        library.reload_knowledge()
        manifest = library.manifest
        paths = tuple(path for path, entry in manifest.files.items() if entry.id in article_ids)
        if not paths:
            return
        library.close()
        todo = indexer.Plan("update", "corrections", changed=paths)
        manifest = indexer.update(library.config.index, todo, library.kb, library.config.corpus, manifest=manifest)
        library.open_existing(manifest)

    # ------------------------------------------------------------ status
    def status(self) -> list[tuple[Correction, str]]:
        """Every correction in force with what became of it now: applied, source changed, not found,
        article removed (re-extracting the articles concerned, as the indexer does)."""
        kb = self.library.kb
        live = self.log.active()
        outcomes: dict[str, str] = {}
        linker: Linker | None = None
        for article_id in dict.fromkeys(c.article for c in live if c.article):
            try:
                article = self.library.article(article_id)
            except (KeyError, ArticleError):
                outcomes.update({c.uid: ARTICLE_GONE for c in live if c.article == article_id})
                continue
            linker = linker or Linker(kb)
            outcomes.update(apply_corrections(article, extract_article(article, linker), live).outcomes)
        for c in live:
            if not c.article:
                known = c.op != "alias" or c.value.get("actor") in kb.actors
                outcomes[c.uid] = APPLIED if known else "unknown actor"
        return [(c, outcomes.get(c.uid, APPLIED)) for c in live]

    def stale(self) -> list[tuple[Correction, str]]:
        """The corrections that no longer apply, with why."""
        return [(c, why) for c, why in self.status() if why != APPLIED]

    def close(self) -> None:
        self.log.close()
