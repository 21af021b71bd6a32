"""`sahel-tui brief add|list|show|export|use|remove`, `sahel-tui star REF`, `sahel-tui note REF TEXT`.

The scriptable side of briefing: every REF is what a `--json` hit prints (`a:ART`, `q:ART:N`,
`e:ART:N`, `actor:ID`) or a passage `a:ART:START-END`. What is stored is the text and its place,
not the ref's number, so the brief survives `sahel-tui index --rebuild`.
"""
from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config
from .output import EXIT_USAGE, emit_json, fail

if TYPE_CHECKING:  # imported inside the handlers: `sahel-tui --help` must not load Whoosh
    from ..core import briefing
    from ..core.library import Library
    from ..core.store import BriefingStore

REF_HELP = "what a --json hit prints as ref: a:ARTICLE, q:ARTICLE:N, e:ARTICLE:N, actor:ID, or a:ARTICLE:START-END"


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The brief, star and note subcommands (registered by build_parser)."""
    p = sub.add_parser("brief", help="clip refs into named briefs and export them",
                       description="Briefs: clips with their citations, in order; export as Markdown, CSV or JSON.")
    bsub = p.add_subparsers(dest="brief_command", metavar="ACTION", required=True)
    q = bsub.add_parser("add", help="clip a ref into a brief", description="Clip a ref into a brief.")
    q.add_argument("ref", metavar="REF", help=REF_HELP)
    q.add_argument("--brief", metavar="NAME", help="the brief (default: the current one; created if new)")
    q.add_argument("--note", metavar="TEXT", default="", help="a note under the clip")
    q.add_argument("--tag", metavar="T", action="append", default=[], help="tag the clipped object (repeatable)")
    q.set_defaults(handler=cmd_brief_add)
    q = bsub.add_parser("list", help="the briefs and their clip counts", description="List the briefs.")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_brief_list)
    q = bsub.add_parser("show", help="a brief's clips in order", description="Show a brief's clips.")
    q.add_argument("name", nargs="?", metavar="NAME", help="the brief (default: the current one)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_brief_show)
    q = bsub.add_parser("export", help="export a brief as Markdown, CSV (ACLED columns) or JSON",
                        description="Export a brief: md (citations and sources), csv (events, ACLED columns), json.")
    q.add_argument("name", nargs="?", metavar="NAME", help="the brief (default: the current one)")
    q.add_argument("--format", choices=["md", "csv", "json"], default="md")
    q.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    q.set_defaults(handler=cmd_brief_export)
    q = bsub.add_parser("use", help="make a brief the current one (created if new)",
                        description="Choose the brief that clips go to.")
    q.add_argument("name", metavar="NAME")
    q.set_defaults(handler=cmd_brief_use)
    q = bsub.add_parser("remove", help="remove a ref's clips from a brief", description="Remove clips by ref.")
    q.add_argument("ref", metavar="REF", help=REF_HELP)
    q.add_argument("--brief", metavar="NAME", help="the brief (default: the current one)")
    q.set_defaults(handler=cmd_brief_remove)

    p = sub.add_parser("star", help="star (or --off: unstar) a ref", description="Star an article, quote, "
                       "event, actor or passage; starred items are kept in the user store.")
    p.add_argument("ref", metavar="REF", help=REF_HELP)
    p.add_argument("--off", action="store_true", help="remove the star")
    p.set_defaults(handler=cmd_star)
    p = sub.add_parser("note", help="attach a note to a ref", description="Attach a note (free text) to an "
                       "article, quote, event, actor or passage; an empty TEXT removes it.")
    p.add_argument("ref", metavar="REF", help=REF_HELP)
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--tag", metavar="T", action="append", default=[], help="also tag it (repeatable)")
    p.set_defaults(handler=cmd_note)


Handler = Callable[[argparse.Namespace, Config], int]


def _store_errors(handler: Handler) -> Handler:
    """A store that cannot be opened or written (read-only disk, locked) is one line, exit 1."""
    @functools.wraps(handler)
    def run(args: argparse.Namespace, config: Config) -> int:
        from ..core.userdb import StoreError
        try:
            return handler(args, config)
        except StoreError as err:
            return fail(str(err))
    return run


def _store(config: Config) -> BriefingStore:
    from ..core.store import BriefingStore
    return BriefingStore(config.store_file)


def _library(config: Config) -> Library:
    from .commands import _open
    return _open(config, quiet=True)


def _draft(config: Config, ref: str) -> briefing.Draft | int:
    """The draft for a ref, or an exit code after a one-line message."""
    from ..core import briefing
    from ..core.knowledge import UnknownActor
    from ..core.refs import BadRef
    try:
        return briefing.draft(_library(config), ref)
    except BadRef as err:
        return fail(str(err), EXIT_USAGE)
    except (briefing.CannotClip, UnknownActor) as err:
        return fail(str(err).strip("'\""))


@_store_errors
def cmd_brief_add(args: argparse.Namespace, config: Config) -> int:
    found = _draft(config, args.ref)
    if isinstance(found, int):
        return found
    store = _store(config)
    name = args.brief or store.current()
    clip = store.add_clip(name, found.target, found.citation, args.note)
    if args.tag:
        store.add_tags(found.target, args.tag)
    print(f"clipped {clip.kind} {found.target.ref} into “{name}” (clip {clip.id}): {_short(clip.text)}")
    return 0


def _short(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@_store_errors
def cmd_brief_list(args: argparse.Namespace, config: Config) -> int:
    store = _store(config)
    briefs, current = store.briefs(), store.current()
    if args.json:
        emit_json([{"name": b.name, "created": b.created, "clips": b.clips, "current": b.name == current}
                   for b in briefs])
        return 0
    if not briefs:
        print("no briefs yet: `sahel-tui brief add REF` starts one")
    for b in briefs:
        print(f"{'*' if b.name == current else ' '} {b.name}  ({b.clips} clips, created {b.created[:10]})")
    return 0


def _view(config: Config, name: str | None) -> briefing.BriefView | int:
    from ..core import briefing
    from ..core.store import UnknownBrief
    store = _store(config)
    wanted = name or store.current()
    try:
        return briefing.assemble(store, wanted, _library(config))
    except UnknownBrief:
        names = ", ".join(b.name for b in store.briefs()) or "none yet"
        return fail(f"no brief called {wanted!r} (briefs: {names})")


@_store_errors
def cmd_brief_show(args: argparse.Namespace, config: Config) -> int:
    from rich.text import Text

    from ..core import briefing
    from .commands import out
    view = _view(config, args.name)
    if isinstance(view, int):
        return view
    if args.json:
        emit_json([briefing.clip_json(c, s) for c, s in view.clips])
        return 0
    out.print(Text(f"{view.name}: {sum(c.kind != 'heading' for c, _ in view.clips)} clips", style="bold"))
    for clip, state in view.clips:
        if clip.kind == "heading":
            out.print(Text(f"## {clip.text}", style="bold"))
            continue
        line = Text(f"{clip.id:>4} {clip.kind:<8} {clip.target.ref}  ")
        line.append(_short(clip.text))
        if state != briefing.OK:
            line.append(f"  [{state}]", style="yellow")
        out.print(line)
        if clip.note:
            out.print(Text(f"       note: {clip.note}", style="italic"))
    return 0


@_store_errors
def cmd_brief_export(args: argparse.Namespace, config: Config) -> int:
    from ..core import briefing
    view = _view(config, args.name)
    if isinstance(view, int):
        return view
    text = briefing.export(view, args.format, _library(config).kb)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output} ({len(view.clips)} items, {args.format})")
    else:
        print(text, end="")
    return 0


@_store_errors
def cmd_brief_use(args: argparse.Namespace, config: Config) -> int:
    _store(config).set_current(args.name)
    print(f"clips now go to “{args.name}”")
    return 0


@_store_errors
def cmd_brief_remove(args: argparse.Namespace, config: Config) -> int:
    from ..core.store import UnknownBrief
    store = _store(config)
    name = args.brief or store.current()
    try:
        removed = store.remove_ref(name, args.ref.strip())
    except UnknownBrief:
        return fail(f"no brief called {name!r}")
    if not removed:
        return fail(f"no clip of {args.ref} in “{name}”")
    print(f"removed {removed} clip{'s' * (removed != 1)} of {args.ref} from “{name}”")
    return 0


@_store_errors
def cmd_star(args: argparse.Namespace, config: Config) -> int:
    found = _draft(config, args.ref)
    if isinstance(found, int):
        return found
    mark = _store(config).set_star(found.target, not args.off)
    print(f"{'starred' if mark.starred else 'unstarred'} {found.target.ref}: {_short(found.target.text)}")
    return 0


@_store_errors
def cmd_note(args: argparse.Namespace, config: Config) -> int:
    found = _draft(config, args.ref)
    if isinstance(found, int):
        return found
    store = _store(config)
    store.set_note(found.target, args.text.strip())
    if args.tag:
        store.add_tags(found.target, args.tag)
    print(f"{'noted' if args.text.strip() else 'removed the note on'} {found.target.ref}: {_short(found.target.text)}")
    return 0
