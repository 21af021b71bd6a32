"""The subcommands behind the CLI: each asks the Library and prints with Rich or as JSON.

Corpus text is printed through `rich.text.Text`, never as markup: `[Souleymane Ag Anara/AFP]`
in an article must stay literal.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from ..config import Config
from ..core.knowledge import UnknownActor
from ..core.library import ALL_KINDS, Library
from ..core.query import QueryError
from ..core.text import inert_line
from ..core.wording import count_text
from .console import SafeConsole
from .output import EXIT_USAGE, emit_json, fail

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

out = SafeConsole(highlight=False)
err = SafeConsole(stderr=True, highlight=False)


def _styled(text: str, spans, style: str = "bold yellow") -> Text:
    """Plain text with the given spans styled (no markup parsing)."""
    rendered = Text(text)
    for start, end in spans:
        rendered.stylize(style, start, end)
    return rendered


def _open(config: Config, quiet: bool = False) -> Library:
    """A Library with an up-to-date index; progress goes to stderr."""
    library = Library(config)
    report = library.ensure_index(progress=None if quiet else _progress_printer(), wait=_say_waiting)
    if report.action != "none" and not quiet:
        err.print(Text(f"index {report.action}: {inert_line(report.reason)} ({count_text(report.indexed, 'article')}, "
                       f"{report.seconds:.1f}s)"))
    for problem in report.problems if report.action != "none" else ():
        err.print(Text(f"skipped {inert_line(problem.path)}: {inert_line(problem.reason)}", style="yellow"))
    said = report.notes if report.action != "none" else ()  # the report line above says them already
    for note in library.notes:
        if note not in said:
            err.print(Text(f"note: {inert_line(note)}", style="yellow"))
    return library


def _say_waiting(message: str) -> None:
    """Another process is building the index and we must wait for it: say so, once."""
    err.print(Text(message, style="yellow"))


class _progress_printer:
    """Progress for long builds, phase by phase (reading, extracting, writing, merging: the first
    word of each message, see core.indexer.PHASES): a bar on a terminal, otherwise a line every
    10% of the articles and one when the phase changes. The build reports at least every second,
    so the phase shown is always the current one. (The phase is split here, not with
    indexer.phase_of: a one-shot command must not import the indexer.)"""

    def __init__(self) -> None:
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        self.last = -1
        self.phase = ""

    def __call__(self, done: int, total: int, message: str) -> None:
        if total < 20:
            return
        phase = message.split(" ", 1)[0]
        if err.is_terminal:
            self._bar(done, total, phase, message)
        elif phase == "done":
            return
        elif phase != self.phase:
            print(f"indexing: {message}" + (f" ({done}/{total})" if phase == "extracting" else ""), file=sys.stderr)
        elif phase == "extracting" and done * 10 // total != self.last:
            print(f"indexing: extracting {done}/{total}", file=sys.stderr)
        self.phase = phase
        if phase == "extracting":
            self.last = done * 10 // total

    def _bar(self, done: int, total: int, phase: str, message: str) -> None:
        if phase == "done":
            if self.bar is not None:
                self.bar.stop()
                self.bar = None
            return
        # while extracting, the counts say it all; later phases say what they write or merge
        what = phase if phase == "extracting" else message
        if self.bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
            self.bar = Progress(TextColumn("indexing: {task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), console=err, transient=True)
            self.bar.start()
            self.task = self.bar.add_task(what, total=total)
        if self.task is not None:
            self.bar.update(self.task, completed=done, total=total, description=what)


# ---------------------------------------------------------------- commands
def cmd_index(args: argparse.Namespace, config: Config) -> int:
    """Build or update; exit 1 when a folder could not be read (its articles were kept, stale)."""
    library = Library(config)
    report = library.ensure_index(progress=_progress_printer(), rebuild=args.rebuild, wait=_say_waiting,
                                  use_live_if_busy=False, full_check=True)
    from .readers import not_read, print_not_read
    status = 1 if report.unreadable else 0
    if args.json:
        emit_json({**asdict(report), "index": str(config.index), "corpus": str(config.corpus),
                   "not_read": not_read(report.problems)})
        return status
    out.print(Text(f"{report.action}: {inert_line(report.reason)}; {count_text(report.articles, 'article')} indexed in "
                   f"{inert_line(config.index)} ({report.seconds:.1f}s)"))
    print_not_read(out, report.problems)
    for folder in report.unreadable:
        err.print(Text(f"sahel-tui: cannot read folder {inert_line(folder)}: its articles are kept as they "
                       "were (stale) until it can be read again", style="red"))
    from .corrections import report_stale
    report_stale(library)
    return status


def cmd_search(args: argparse.Namespace, config: Config) -> int:
    library = _open(config, quiet=args.json)
    kinds = ALL_KINDS if args.kind == "all" else (args.kind,)
    try:
        results = library.search(args.query, limit=args.limit, kinds=kinds, offset=args.offset, sort=args.sort)
    except QueryError as e:
        return fail(f"bad query: {e}", EXIT_USAGE)
    for note in results.notes:
        err.print(Text(f"note: {inert_line(note)}", style="yellow"))
    from .readers import copies_line, group_copies
    grouped, reports, stories = group_copies(library, results.hits)
    if args.json:
        emit_json({"query": args.query, "total": results.total, "total_exact": results.total_exact,
                   "offset": args.offset, "sort": args.sort, "notes": list(results.notes),
                   "reports": reports, "independent_sources": stories,
                   "hits": [{**asdict(h), "snippet_spans": [list(s) for s in h.snippet_spans],
                             "copies": copies} for h, copies in grouped]})
        return 0
    shown = f"{results.total_label} for {inert_line(repr(args.query))}"
    if len(results.hits) < results.total:
        shown += f"; showing {args.offset + 1:,}–{args.offset + len(results.hits):,} (--offset/--limit for more)"
    out.print(Text(shown, style="dim"))
    if reports != stories:
        out.print(f"{reports} reports, {stories} independent source{'s' * (stories != 1)} shown", style="dim")
    for n, (hit, copies) in enumerate(grouped, args.offset + 1):
        head = Text(f"{n:>2}. ", style="dim")  # numbered in the whole list, not the page
        head.append(hit.title, style="bold")
        meta = " · ".join(filter(None, [hit.kind if hit.kind != "article" else "",
                                        hit.published.isoformat() if hit.published else "date unknown",
                                        hit.source or "", f"score {hit.score:.2f}"]))
        head.append(f"  {meta}", style="cyan")
        out.print(head)
        if copies:
            out.print(Text(f"    {copies_line(copies)}", style="magenta"))
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
    every = library.actors(args.type)
    stats = every[: args.limit]
    if args.json:
        emit_json({"total": len(every), "actors": [
            {"id": s.actor.id, "name": s.actor.name, "type": s.actor.type, "listed": s.actor.listed,
             "articles": s.articles, "mentions": s.mentions} for s in stats]})
        return 0
    from rich.table import Table
    table = Table("actor", "type", "articles", "mentions", "id", box=None, pad_edge=False)
    for s in stats:
        table.add_row(Text(s.actor.name + ("" if s.actor.listed else " *")), s.actor.type,
                      str(s.articles), str(s.mentions), Text(s.actor.id, style="dim"))
    out.print(table)
    if len(stats) < len(every):
        out.print(f"{len(stats)} of {len(every):,} actors (--limit for more)", style="dim")
    out.print(Text("* not in the knowledge base: found in the articles", style="dim"))
    return 0


def cmd_quotes(args: argparse.Namespace, config: Config) -> int:
    library = _open(config, quiet=args.json)
    try:
        page = library.quotes_page(args.query, speaker=args.speaker, actor=args.actor, limit=args.limit,
                                   offset=args.offset, sort=args.sort)
    except UnknownActor:
        return fail(f"no actor matches {args.actor!r}", EXIT_USAGE)
    for note in page.notes:
        err.print(Text(f"note: {note}", style="yellow"))
    if args.json:
        from ..core.serialize import quote_json
        emit_json({"total": page.total, "total_exact": page.total_exact, "offset": page.offset, "sort": args.sort,
                   "quotes": [{**quote_json(h.quote), "article": h.article_id, "title": h.title,
                               "published": h.published} for h in page.items]})
        return 0
    from .render import quote_text
    for hit in page.items:
        out.print(quote_text(hit))
    if not page.items:
        out.print("no quotes match", style="dim")
    out.print(_shown(page, "quotes"), style="dim")
    return 0


def cmd_timeline(args: argparse.Namespace, config: Config) -> int:
    library = _open(config, quiet=args.json)
    try:
        page = library.timeline_page(args.query, actor=args.actor, place=args.place, kind=args.kind,
                                     since=args.since, until=args.until, limit=args.limit, offset=args.offset,
                                     sort=args.sort)
    except UnknownActor:
        return fail(f"no actor matches {args.actor!r}", EXIT_USAGE)
    for note in page.notes:
        err.print(Text(f"note: {note}", style="yellow"))
    if args.json:
        from ..core.serialize import event_json
        emit_json({"total": page.total, "total_exact": page.total_exact, "offset": page.offset, "sort": args.sort,
                   "total_counts": "event reports (one event told by several articles is one row)",
                   "events": [{**event_json(h.event, library.kb), "article": h.article_id, "title": h.title,
                               "sources": list(h.sources), "outlets": list(h.outlets),
                               "independent_sources": h.independent or len(h.sources)} for h in page.items]})
        return 0
    from .render import timeline_table
    out.print(timeline_table(list(page.items), library.kb))
    out.print(_shown(page, "event reports"), style="dim")
    return 0


def _shown(page, noun: str) -> str:
    """The footer of a listing: how many of how many, and how to get the rest."""
    label = page.label(noun, lead="first ")
    return label + (" (--offset/--limit for more)" if page.more else "")


def cmd_extract(args: argparse.Namespace, config: Config) -> int:
    from ..core.corpus import ArticleError, load_article
    from ..core.extract.linking import Linker
    from ..core.extract.pipeline import extract_article  # only this command loads the extractors
    from ..core.knowledge import load_knowledge
    from ..core.serialize import extraction_json
    kb = load_knowledge(config.data_dir)
    linker = Linker(kb)
    results, status = [], 0
    for name in args.files:
        try:
            article = load_article(Path(name))
        except ArticleError as e:
            err.print(Text(f"skipped {inert_line(name)}: {inert_line(e)}", style="yellow"))
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
