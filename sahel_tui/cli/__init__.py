"""Command line: `sahel-tui` opens the app; subcommands search, actors, quotes, timeline, index, extract.

Every listing has `--json` for scripts. Errors are one line on stderr with a non-zero exit
code (1: cannot run, 2: bad arguments or query); never a traceback.
"""
from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
from datetime import date

from .. import __version__
from ..config import Config, resolve
from ..core.text import inert_line
from . import brief, corrections, paths, readers
from .output import EXIT_USAGE, InertFormatter, fail


def _date_arg(value: str, end: bool = False) -> date:
    """--since: the first day of the period; --until: its last day (2024 means up to 2024-12-31)."""
    from ..core.query import date_bound
    try:
        return date_bound(value, end)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use 2023, 2023-05 or 2023-05-04)") from None


def _until_arg(value: str) -> date:
    return _date_arg(value, end=True)


def _paging(p: argparse.ArgumentParser, limit: int | None, sorts: tuple[str, ...]) -> None:
    """--limit/--offset/--sort, shared by the listings (JSON reports the total)."""
    shown = "all" if limit is None else str(limit)
    p.add_argument("--limit", type=int, default=limit, help=f"how many to print (default {shown})")
    p.add_argument("--offset", type=int, default=0, help="skip this many first (paging)")
    p.add_argument("--sort", choices=sorts, default=sorts[0], help=f"order (default {sorts[0]})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sahel-tui", description="Offline briefing reader for the central Sahel. "
        "Without a command, opens the terminal app on the corpus.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--corpus", metavar="DIR", help="folder of articles (default: the bundled seeds)")
    parser.add_argument("--index", metavar="DIR", help="index folder (default: index/ in a checkout, else per-user)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("index", help="build or update the index", description="Build or update the index. "
                       "Every command updates it first when files changed (checked by size, modification time and "
                       "inode, without reading them); this command also checks file by file.")
    p.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = sub.add_parser("search", help="search articles, quotes and events", description="Search the index. "
                       "Query language (README 'Query language'): words (all must match), \"phrases\", OR, "
                       "NOT/-word, (groups), prefix*, fuzzy~, title:/source:/author:/speaker:/actor:/place:/kind:/"
                       "event:, published:2023 / published:>=2023-01-01 / date:2020..2022, since:/until:, killed>=N.")
    p.add_argument("query", help="the query (quote it for the shell)")
    _paging(p, 10, ("relevance", "newest", "oldest"))
    p.add_argument("--kind", choices=["article", "quote", "event", "all"], default="article",
                   help="what to search (default: article)")
    p.add_argument("--json", action="store_true", help="print results as JSON")

    p = sub.add_parser("actors", help="list actors, or show one actor's profile",
                       description="Without ID: the corpus's actors by mentions. With ID or alias: the profile.")
    p.add_argument("actor", nargs="?", metavar="ID_OR_ALIAS")
    p.add_argument("--type", help="only this type (armed_group, state_force, person, ...)")
    p.add_argument("--limit", type=int, default=40, help="how many actors to list (default 40)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("quotes", help="direct quotations with their speakers", description="List quotes.")
    p.add_argument("query", nargs="?", default="", help="a query in the search language (words, speaker:, ...)")
    p.add_argument("--speaker", help="speaker name (any part)")
    p.add_argument("--actor", help="actor id or alias (speaker or mentioned)")
    _paging(p, 50, ("newest", "speaker"))
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("timeline", help="dated events in order", description="Dated events, oldest first "
                       "(--sort newest, or toll: the deadliest first).")
    p.add_argument("query", nargs="?", default="", help="a query in the search language (words, since:, killed>=N ...)")
    p.add_argument("--actor", help="actor id or alias")
    p.add_argument("--place", help="place name or id")
    p.add_argument("--kind", choices=["attack", "coup", "withdrawal", "agreement", "statement", "report",
                                      "deployment", "political", "period", "other"])
    p.add_argument("--since", type=_date_arg, help="from this date (2023, 2023-05, 2023-05-04)")
    p.add_argument("--until", type=_until_arg, help="up to this date (inclusive: 2024 means to 2024-12-31)")
    _paging(p, 1000, ("oldest", "newest", "toll"))
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("extract", help="run the extractors on files and print what they find",
                       description="Extract actors, places, quotes and events from article files (no index).")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print JSON (the scorer's shape)")
    readers.add_parsers(sub)
    brief.add_parsers(sub)
    corrections.add_parsers(sub)
    paths.add_parsers(sub)
    _accept_paths_after_the_command(sub)  # keep last: it covers every subcommand registered above
    return parser


def _accept_paths_after_the_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`--corpus`/`--index` work after the command name too (`sahel-tui search X --corpus DIR`).

    SUPPRESS keeps a subcommand's unset option from overwriting the value given before it.
    """
    for p in sub.choices.values():
        known = {opt for action in p._actions for opt in action.option_strings}
        if "--corpus" not in known:
            p.add_argument("--corpus", metavar="DIR", default=argparse.SUPPRESS, help="folder of articles")
        if "--index" not in known:
            p.add_argument("--index", metavar="DIR", default=argparse.SUPPRESS, help="index folder")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; `sahel-tui search … | head -1` ends quietly with 0 (a closed pipe)."""
    try:
        code = _main(argv)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _quiet_closed_stdout()
        return 0


def _quiet_closed_stdout() -> None:
    """The reader of our output went away: send what is left to /dev/null so exit stays quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR, format="%(levelname)s %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setFormatter(InertFormatter("%(levelname)s %(message)s"))
    config = resolve(args.corpus, args.index)
    for note in config.notes:
        print(f"note: {inert_line(note)}", file=sys.stderr)
    if args.command is None:
        return _run_app(config)
    from ..core.corpus import CorpusMissing
    from ..core.query import QueryError
    from ..core.search import IndexProblem
    from . import commands
    stop_on_signals()
    try:
        handler = getattr(args, "handler", None) or getattr(commands, f"cmd_{args.command}")
        return int(handler(args, config))
    except BrokenPipeError:
        raise  # main() ends quietly
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (CorpusMissing, IndexProblem) as err:
        return fail(str(err))
    except QueryError as err:  # a reversed range, a date that is not one ...
        return fail(f"bad query: {err}", EXIT_USAGE)
    except OSError as err:  # a read-only disk, a full disk, a vanished file
        return fail(f"{err.strerror or err}: {err.filename or ''}".rstrip(": "))


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


def stop_on_signals() -> None:
    """SIGTERM and SIGHUP stop a command like Ctrl-C does: a build removes its partial work and
    stops its workers at once (instead of dying with them still running)."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            with contextlib.suppress(ValueError):  # not the main thread (tests)
                signal.signal(getattr(signal, name), _interrupted)


def log_to_file(config: Config) -> None:
    """While the app runs, log lines go to the log file: a line on stderr would be drawn over the
    screen. Without a writable log file, logging stays quiet (the app shows failures itself)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler):
            root.removeHandler(handler)
    try:
        config.log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(config.log_file, encoding="utf-8")
    except OSError:
        root.addHandler(logging.NullHandler())
        return
    handler.setFormatter(InertFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(min(root.level, logging.WARNING) or logging.WARNING)


def _run_app(config: Config) -> int:
    from ..tui.app import run_app
    log_to_file(config)
    return run_app(config)


if __name__ == "__main__":
    sys.exit(main())
