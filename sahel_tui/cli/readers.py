"""`sahel-tui text` (what the readers make of files) and `sahel-tui add` (files into the corpus)."""
from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..core.text import inert_line
from .output import emit_json

if TYPE_CHECKING:  # the readers load only for the commands that read files
    from ..core.models import LoadProblem


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("text", help="print the clean article text the readers make of files",
                       description="Read files (HTML, PDF, .docx, RSS/Atom, .eml/.mbox, Markdown, text) and "
                       "print each article's title, date, source and text as the app shows it (no index).")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true",
                   help="print [{path, title, published, source, author, url, language, warnings, text}]")
    p.set_defaults(handler=cmd_text)

    p = sub.add_parser("add", help="add files or folders to the corpus and update the index",
                       description="Copy (default) or link files, or every file in folders, into the corpus "
                       "folder, keeping their names; files already in the corpus are not added twice. "
                       "Then the index is updated (only the new files are read).")
    p.add_argument("paths", nargs="+", metavar="PATH")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--copy", dest="mode", action="store_const", const="copy", help="copy the files (default)")
    mode.add_argument("--link", dest="mode", action="store_const", const="link",
                      help="link to the files where they are (symbolic links)")
    p.add_argument("--json", action="store_true", help="print what was added and the index report as JSON")
    p.set_defaults(handler=cmd_add, mode="copy")


def reasons() -> dict[str, str]:
    """How the index report names each reason a file was not read."""
    from ..core.readers import KIND_LABELS
    return dict(KIND_LABELS)


def cmd_text(args: argparse.Namespace, config: Config) -> int:
    from rich.text import Text

    from ..core.corpus import ArticleError, load_articles
    from .commands import err, out
    results: list[dict[str, Any]] = []
    status = 0
    for name in args.files:
        try:
            articles = load_articles(Path(name))
        except ArticleError as e:
            err.print(Text(f"not read {inert_line(name)}: {e} ({reasons().get(e.kind, e.kind)})", style="yellow"))
            status = 1
            continue
        results += [{"path": name if len(articles) == 1 else a.path, "title": a.title,
                     "published": a.published.isoformat() if a.published else None, "source": a.source,
                     "author": a.author, "url": a.url, "language": a.language, "warnings": list(a.warnings),
                     "text": a.text} for a in articles]
    if args.json:
        emit_json(results)
        return 0 if results else status
    for r in results:
        out.print(Text(r["title"], style="bold"))
        meta = " · ".join(filter(None, [r["published"] or "date unknown", r["source"], r["author"], r["url"],
                                        r["language"]]))
        out.print(Text(meta, style="cyan"))
        for warning in r["warnings"]:
            out.print(Text(f"note: {warning}", style="yellow"))
        out.print(Text(r["text"]))
        out.print()
    return status


def cmd_add(args: argparse.Namespace, config: Config) -> int:
    from rich.text import Text

    from ..core.adding import add_paths
    from ..core.library import Library
    from .commands import _progress_printer, err, out
    report = add_paths([Path(p) for p in args.paths], config.corpus, args.mode)
    library = Library(config)
    build = library.ensure_index(progress=None if args.json else _progress_printer())
    if args.json:
        emit_json({"added": report.added, "already_in_corpus": [list(a) for a in report.already],
                   "failed": [list(f) for f in report.failed], "index": build.action, "indexed": build.indexed,
                   "articles": build.articles, "not_read": not_read(build.problems, only=set(report.added))})
        return 1 if report.failed else 0
    verb = "linked" if args.mode == "link" else "copied"
    out.print(f"{len(report.added)} file{'s' * (len(report.added) != 1)} {verb} into {config.corpus}")
    for given, existing in report.already:
        out.print(Text(f"  already in the corpus: {inert_line(given)} (same bytes as {inert_line(existing)})",
                       style="dim"))
    for given, why in report.failed:
        err.print(Text(f"  not added {inert_line(given)}: {why}", style="yellow"))
    out.print(f"index {build.action}: {build.reason}; {build.articles} articles")
    print_not_read(out, build.problems, only=set(report.added))
    return 1 if report.failed else 0


def not_read(problems: Iterable[LoadProblem], only: set[str] | None = None) -> dict[str, list[dict[str, str]]]:
    """Files not read, grouped by reason kind (in KINDS order), each with its path and reason."""
    from ..core.readers import KINDS
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for p in problems:
        if only is None or p.path.split("#item-")[0] in only:
            groups[p.kind].append({"path": p.path, "reason": p.reason})
    return {kind: groups[kind] for kind in (*KINDS, *sorted(set(groups) - set(KINDS))) if groups.get(kind)}


def print_not_read(console: Any, problems: Iterable[LoadProblem], only: set[str] | None = None) -> None:
    """'not read — unsupported type (2): a.jpg, b.doc', one line per reason, then each file's reason."""
    from rich.text import Text
    labels = reasons()
    for kind, files in not_read(problems, only).items():
        console.print(Text(f"not read — {labels.get(kind, kind)} ({len(files)}):", style="yellow"))
        for f in files:
            console.print(Text(f"  {inert_line(f['path'])}: {f['reason']}", style="yellow"))


def group_copies(library: Any, hits: Iterable[Any]) -> tuple[list[tuple[Any, list[dict[str, Any]]]], int, int]:
    """Hits with copies of one story folded into its first hit: [(hit, reports)], and the article
    totals (reports, independent stories) for the line "5 reports, 2 independent sources"."""
    shown: list[tuple[Any, list[dict[str, Any]]]] = []
    seen: set[str] = set()
    reports = stories = 0
    for hit in hits:
        copies = library.copies_of(hit.article_id) if hit.kind == "article" else []
        story = hit.extra.story
        if story and story in seen:
            continue
        if story:
            seen.add(story)
        shown.append((hit, copies))
        if hit.kind == "article":
            reports, stories = reports + max(1, len(copies)), stories + 1
    return shown, reports, stories


def copies_line(reports: list[dict[str, Any]]) -> str:
    """'2 reports: Outlet A, Outlet B (same text)' for one story."""
    sources = sorted({inert_line(r.get("source") or Path(r["path"]).name) for r in reports})
    same = len({r.get("text_hash") for r in reports}) == 1
    return f"{len(reports)} reports: {', '.join(sources)}" + (" (same text)" if same else "")
