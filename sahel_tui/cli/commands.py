"""The subcommands behind the CLI: each asks the Library and prints with Rich or as JSON.

Corpus text is printed through `rich.text.Text`, never as markup: `[Souleymane Ag Anara/AFP]`
in an article must stay literal.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from ..config import Config
from ..core import search as search_module
from ..core.corpus import ArticleError, load_article
from ..core.extract.linking import Linker
from ..core.extract.pipeline import extract_article
from ..core.knowledge import UnknownActor, load_knowledge
from ..core.library import ALL_KINDS, Library
from ..core.query import QueryError
from ..core.serialize import event_json, extraction_json, quote_json
from ..core.wording import count_text
from .output import EXIT_USAGE, emit_json, fail

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


def _styled(text: str, spans, style: str = "bold yellow") -> Text:
    """Plain text with the given spans styled (no markup parsing)."""
    rendered = Text(text)
    for start, end in spans:
        rendered.stylize(style, start, end)
    return rendered


def _open(config: Config, quiet: bool = False) -> Library:
    """A Library with an up-to-date index; progress goes to stderr."""
    library = Library(config)
    report = library.ensure_index(progress=None if quiet else _progress_printer())
    if report.action != "none" and not quiet:
        err.print(f"index {report.action}: {report.reason} ({count_text(report.indexed, 'article')}, "
                  f"{report.seconds:.1f}s)")
    for problem in report.problems if report.action != "none" else ():
        err.print(Text(f"skipped {problem.path}: {problem.reason}", style="yellow"))
    for note in library.notes:
        err.print(Text(f"note: {note}", style="yellow"))
    return library


class _progress_printer:
    """Progress for long builds: a bar on a terminal, a line every 10% otherwise."""

    def __init__(self) -> None:
        self.bar: Progress | None = None
        self.task = None
        self.last = -1

    def __call__(self, done: int, total: int, name: str) -> None:
        if total < 20:
            return
        if err.is_terminal:
            if self.bar is None:
                self.bar = Progress(TextColumn("indexing"), BarColumn(), MofNCompleteColumn(),
                                    TimeRemainingColumn(), console=err, transient=True)
                self.bar.start()
                self.task = self.bar.add_task("index", total=total)
            self.bar.update(self.task, completed=done)
            if done == total:
                self.bar.stop()
        elif done * 10 // total != self.last:
            self.last = done * 10 // total
            print(f"indexing {done}/{total}", file=sys.stderr)


# ---------------------------------------------------------------- commands
def cmd_index(args: argparse.Namespace, config: Config) -> int:
    library = Library(config)
    report = library.ensure_index(progress=_progress_printer(), rebuild=args.rebuild)
    if args.json:
        emit_json({**asdict(report), "index": str(config.index), "corpus": str(config.corpus)})
        return 0
    out.print(f"{report.action}: {report.reason}; {count_text(report.articles, 'article')} indexed in {config.index}"
              f" ({report.seconds:.1f}s)")
    for problem in report.problems:
        out.print(Text(f"  skipped {problem.path}: {problem.reason}", style="yellow"))
    return 0


def cmd_search(args: argparse.Namespace, config: Config) -> int:
    library = _open(config, quiet=args.json)
    kinds = ALL_KINDS if args.kind == "all" else (args.kind,)
    try:
        results = library.search(args.query, limit=args.limit, kinds=kinds)
    except QueryError as e:
        return fail(f"bad query: {e}", EXIT_USAGE)
    except search_module.BadQuery as e:
        return fail(f"bad query: {e}", EXIT_USAGE)
    for note in results.notes:
        err.print(Text(f"note: {note}", style="yellow"))
    if args.json:
        emit_json({"query": args.query, "total": results.total, "total_exact": results.total_exact,
                   "notes": list(results.notes),
                   "hits": [{**asdict(h), "snippet_spans": [list(s) for s in h.snippet_spans]} for h in results.hits]})
        return 0
    out.print(f"{results.total_label} for {args.query!r}", style="dim")
    for n, hit in enumerate(results.hits, 1):
        head = Text(f"{n:>2}. ", style="dim")
        head.append(hit.title, style="bold")
        meta = " · ".join(filter(None, [hit.kind if hit.kind != "article" else "",
                                        hit.published.isoformat() if hit.published else "date unknown",
                                        hit.source or "", f"score {hit.score:.2f}"]))
        head.append(f"  {meta}", style="cyan")
        out.print(head)
        out.print(Text("    ").append(_styled(hit.snippet, hit.snippet_spans)))
    return 0


def cmd_actors(args: argparse.Namespace, config: Config) -> int:
    library = _open(config, quiet=args.json)
    if args.actor:
        try:
            profile = library.profile(args.actor)
        except UnknownActor:
            return fail(f"no actor matches {args.actor!r} (try `sahel-tui actors` for the list)", EXIT_USAGE)
        if args.json:
            emit_json(asdict(profile))
            return 0
        from .render import profile_text
        out.print(profile_text(profile))
        return 0
    stats = library.actors(args.type)[: args.limit]
    if args.json:
        emit_json([{"id": s.actor.id, "name": s.actor.name, "type": s.actor.type, "listed": s.actor.listed,
                    "articles": s.articles, "mentions": s.mentions} for s in stats])
        return 0
    table = Table("actor", "type", "articles", "mentions", "id", box=None, pad_edge=False)
    for s in stats:
        table.add_row(Text(s.actor.name + ("" if s.actor.listed else " *")), s.actor.type,
                      str(s.articles), str(s.mentions), Text(s.actor.id, style="dim"))
    out.print(table)
    out.print(Text("* not in the knowledge base: found in the articles", style="dim"))
    return 0


def cmd_quotes(args: argparse.Namespace, config: Config) -> int:
    library = _open(config, quiet=args.json)
    try:
        hits = library.quotes(args.query, speaker=args.speaker, actor=args.actor, limit=args.limit)
    except UnknownActor:
        return fail(f"no actor matches {args.actor!r}", EXIT_USAGE)
    if args.json:
        emit_json([{**quote_json(h.quote), "article": h.article_id, "title": h.title,
                    "published": h.published} for h in hits])
        return 0
    from .render import quote_text
    for hit in hits:
        out.print(quote_text(hit))
    if not hits:
        out.print("no quotes match", style="dim")
    return 0


def cmd_timeline(args: argparse.Namespace, config: Config) -> int:
    library = _open(config, quiet=args.json)
    try:
        hits = library.timeline(args.query, actor=args.actor, place=args.place, kind=args.kind,
                                since=args.since, until=args.until)
    except UnknownActor:
        return fail(f"no actor matches {args.actor!r}", EXIT_USAGE)
    if args.json:
        emit_json([{**event_json(h.event, library.kb), "article": h.article_id, "title": h.title,
                    "sources": list(h.sources)} for h in hits])
        return 0
    from .render import timeline_table
    out.print(timeline_table(hits, library.kb))
    return 0


def cmd_extract(args: argparse.Namespace, config: Config) -> int:
    kb = load_knowledge(config.data_dir)
    linker = Linker(kb)
    results, status = [], 0
    for name in args.files:
        try:
            article = load_article(Path(name))
        except ArticleError as e:
            err.print(Text(f"skipped {name}: {e}", style="yellow"))
            status = 1
            continue
        results.append(extraction_json(article, extract_article(article, linker), kb))
    if args.json:
        emit_json(results)
        return 0 if results else status
    from .render import extraction_text
    for data in results:
        out.print(extraction_text(data))
    return status
