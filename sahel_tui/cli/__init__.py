"""Command line: `sahel-tui` opens the app; subcommands search, actors, quotes, timeline, index, extract.

Every listing has `--json` for scripts. Errors are one line on stderr with a non-zero exit
code (1: cannot run, 2: bad arguments or query); never a traceback.
"""
from __future__ import annotations

import argparse
import logging
import sys
from datetime import date

from .. import __version__
from ..config import Config, resolve
from . import corrections
from .output import fail


def _date_arg(value: str) -> date:
    from ..core.query import _period
    try:
        return _period(value)[0]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use 2023, 2023-05 or 2023-05-04)") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sahel-tui", description="Offline briefing reader for the central Sahel. "
        "Without a command, opens the terminal app on the corpus.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--corpus", metavar="DIR", help="folder of articles (default: the bundled seeds)")
    parser.add_argument("--index", metavar="DIR", help="index folder (default: index/ in a checkout, else per-user)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("index", help="build or update the index", description="Build or update the index.")
    p.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = sub.add_parser("search", help="search articles, quotes and events", description="Search the index. "
                       "Query language: words (all must match), \"phrases\", OR, NOT/-word, (groups), prefix*, "
                       "fuzzy~, title:/source:/author:/speaker:/actor:/place:/kind:/event:, "
                       "published:2023 / published:>=2023-01-01 / date:2020..2022.")
    p.add_argument("query", help="the query (quote it for the shell)")
    p.add_argument("--limit", type=int, default=10, help="how many results (default 10)")
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
    p.add_argument("query", nargs="?", default="", help="words the quote must contain")
    p.add_argument("--speaker", help="speaker name (any part)")
    p.add_argument("--actor", help="actor id or alias (speaker or mentioned)")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("timeline", help="dated events in order", description="Dated events, oldest first.")
    p.add_argument("query", nargs="?", default="", help="words the event sentence must contain")
    p.add_argument("--actor", help="actor id or alias")
    p.add_argument("--place", help="place name or id")
    p.add_argument("--kind", choices=["attack", "coup", "withdrawal", "agreement", "statement", "report",
                                      "deployment", "political", "other"])
    p.add_argument("--since", type=_date_arg, help="from this date (2023, 2023-05, 2023-05-04)")
    p.add_argument("--until", type=_date_arg, help="up to this date")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("extract", help="run the extractors on files and print what they find",
                       description="Extract actors, places, quotes and events from article files (no index).")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print JSON (the scorer's shape)")
    corrections.add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR, format="%(levelname)s %(message)s")
    config = resolve(args.corpus, args.index)
    for note in config.notes:
        print(f"note: {note}", file=sys.stderr)
    if args.command is None:
        return _run_app(config)
    from ..core.corpus import CorpusMissing
    from ..core.search import IndexError_
    from . import commands
    try:
        handler = getattr(args, "handler", None) or getattr(commands, f"cmd_{args.command}")
        return int(handler(args, config))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (CorpusMissing, IndexError_) as err:
        return fail(str(err))
    except OSError as err:  # a read-only disk, a full disk, a vanished file
        return fail(f"{err.strerror or err}: {err.filename or ''}".rstrip(": "))


def _run_app(config: Config) -> int:
    from ..tui.app import run_app
    return run_app(config)


if __name__ == "__main__":
    sys.exit(main())
