"""`sahel-tui correct` and `sahel-tui corrections`: fix what the extractors got wrong, from scripts.

`correct REF --speaker ...` takes the ref a `--json` hit prints; `correct alias ACTOR "form"`
teaches the knowledge base a surface form; `corrections list|undo|export|import` manage the log.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Config
from .output import EXIT_USAGE, emit_json, fail

if TYPE_CHECKING:  # the handlers import the core and Rich when they run: `sahel-tui` starts fast
    from ..core.correcting import Corrector
    from ..core.corrections import Correction
    from ..core.library import Library

APPLIED = "applied"  # = core.apply_corrections.APPLIED

_CHANGES = (  # flag, dest, help
    ("--speaker", "speaker", "a quote's speaker: an actor id or name, or a description"),
    ("--role", "role", "a quote's speaker role"),
    ("--date", "date", "an event's date: 2024, 2024-03, 2024-03-05, optionally /day|/month|/year"),
    ("--kind", "kind", "an event's kind (attack, coup, withdrawal, agreement, ...)"),
    ("--killed", "killed", "an event's death toll"),
    ("--actor", "actor", "an event's actor to add, or what a passage's mention really is (actor id)"),
    ("--not-actor", "not_actor", "an actor to remove from an event, or a passage's wrong actor link"),
    ("--place", "place", "an event's place to add, or what a passage's place mention really is"),
    ("--not-place", "not_place", "a place to remove from an event, or a passage's wrong place link"),
)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("correct", help="correct a quote, event or mention (kept across rebuilds)",
                       description="Correct what the extractors found. REF is the ref a --json hit prints "
                       "(q:ARTICLE:N, e:ARTICLE:N, a:ARTICLE:START-END). `correct alias ACTOR_ID \"form\"` makes "
                       "a surface form an alias everywhere; `correct new-actor NAME --type T` adds an actor; "
                       "`correct region PLACE REGION` places a place in a region.")
    p.add_argument("ref", metavar="REF", help="what to correct, or 'alias' / 'new-actor' / 'region'")
    p.add_argument("more", nargs="*", metavar="ARG",
                   help="for alias: ACTOR_ID FORM; for new-actor: NAME; for region: PLACE REGION")
    for flag, dest, text in _CHANGES:
        p.add_argument(flag, dest=dest, help=text, type=int if dest == "killed" else str)
    p.add_argument("--same-as", metavar="REF", help="an event: merge this other event of the article into it")
    p.add_argument("--not-quote", action="store_true", help="this is not a quotation")
    p.add_argument("--not-event", action="store_true", help="this is not an event")
    p.add_argument("--type", default="person", help="new-actor: the actor's type (person, armed_group, ...)")
    p.add_argument("--why", default="", help="a note on why (kept in the log)")
    p.add_argument("--json", action="store_true", help="print the logged correction as JSON")
    p.set_defaults(handler=cmd_correct)

    p = sub.add_parser("corrections", help="list, undo, export or import your corrections",
                       description="The correction log: list (with whether each still applies), undo ID, "
                       "export FILE / import FILE (JSON lines, to share with a colleague).")
    p.add_argument("action", nargs="?", default="list", choices=["list", "undo", "export", "import"])
    p.add_argument("target", nargs="?", metavar="ID_OR_FILE", help="undo: the correction id; export/import: file")
    p.add_argument("--take-theirs", nargs="*", metavar="UID",
                   help="import: let the conflicting incoming corrections win (all, or those UIDs)")
    p.add_argument("--stale", action="store_true", help="list: only corrections that no longer apply")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_corrections)


def _consoles() -> tuple[Any, Any]:
    from rich.console import Console
    return Console(highlight=False, soft_wrap=False), Console(stderr=True, highlight=False)


def _open(config: Config) -> Corrector:
    from ..core.correcting import Corrector
    from ..core.library import Library
    library = Library(config)
    library.ensure_index()
    return Corrector(library)


def _change(args: argparse.Namespace, kind: str) -> tuple[str, Any]:
    """The one (op, value) the flags ask for; CorrectionError when none or several."""
    from ..core.corrections import CorrectionError
    asked: list[tuple[str, Any]] = []
    if args.not_quote:
        asked.append(("not_quote", True))
    if args.not_event:
        asked.append(("not_event", True))
    for dest in ("speaker", "role", "date", "kind", "killed"):
        if getattr(args, dest) is not None:
            asked.append((dest, getattr(args, dest)))
    for dest, what, present in (("actor", "actor", True), ("not_actor", "actor", False),
                                ("place", "place", True), ("not_place", "place", False)):
        ref = getattr(args, dest)
        if ref is None:
            continue
        if kind == "passage":
            asked.append(("mention", {"kind": what, "ref": ref if present else None,
                                      **({} if present else {"was": ref})}))
        elif kind == "quote" and dest == "actor":
            asked.append(("speaker", ref))
        else:
            asked.append((f"event_{what}", {"ref": ref, "present": present}))
    if len(asked) != 1:
        raise CorrectionError("give exactly one change (--speaker, --role, --not-quote, --date, --kind, "
                              "--killed, --not-event, --actor, --not-actor, --place, --not-place)")
    return asked[0]


def cmd_correct(args: argparse.Namespace, config: Config) -> int:
    from rich.text import Text

    from ..core.corrections import CorrectionError
    from ..core.knowledge import ACTOR_TYPES, UnknownActor
    from ..core.refs import BadRef
    from ..core.userdb import StoreError
    out, _ = _consoles()
    try:
        fixer = _open(config)
        if args.ref == "alias":
            if len(args.more) != 2:
                return fail('usage: sahel-tui correct alias ACTOR_ID "surface form"', EXIT_USAGE)
            entry = fixer.add_alias(args.more[0], args.more[1], args.why)
        elif args.ref == "region":
            if len(args.more) != 2:
                return fail('usage: sahel-tui correct region "Place name" REGION', EXIT_USAGE)
            entry = fixer.place_region(args.more[0], args.more[1], args.why)
        elif args.same_as:
            entry = fixer.merge(args.ref, args.same_as, args.why)
        elif args.ref == "new-actor":
            if len(args.more) != 1:
                return fail('usage: sahel-tui correct new-actor "Name" --type TYPE', EXIT_USAGE)
            if args.type not in ACTOR_TYPES:
                return fail(f"unknown type {args.type!r} (one of {', '.join(sorted(ACTOR_TYPES))})", EXIT_USAGE)
            entry = fixer.new_actor(args.more[0], args.type, reason=args.why)
        else:
            if args.more:
                return fail(f"unexpected arguments: {' '.join(args.more)}", EXIT_USAGE)
            op, value = _change(args, fixer.target(args.ref).kind)
            entry = fixer.correct(args.ref, op, value, args.why)
    except (BadRef, CorrectionError, ValueError) as e:
        return fail(str(e), EXIT_USAGE)
    except UnknownActor as e:
        return fail(f"no actor {e} in the knowledge base (`sahel-tui actors`; unlisted people: "
                    "`sahel-tui correct new-actor NAME`)", EXIT_USAGE)
    except StoreError as e:
        return fail(str(e))
    if args.json:
        emit_json(_entry_json(entry))
    else:
        out.print(Text(f"correction {entry.id} logged: ").append(describe(entry)))
        out.print(Text(f"undo with: sahel-tui corrections undo {entry.id}", style="dim"))
    return 0


def describe(c: Correction) -> str:
    """One line saying what a correction does (used by the CLI list; plain text, not markup)."""
    v = c.value
    if c.op == "speaker":
        return f"speaker is {v.get('speaker') if isinstance(v, dict) else v}"
    if c.op == "mention":
        ref = v.get("ref")
        return f"this {v.get('kind')} mention is {ref}" if ref else f"this mention is not {v.get('was') or 'linked'}"
    if c.op in ("event_actor", "event_place"):
        return f"{'add' if v.get('present', True) else 'remove'} {c.op[6:]} {v.get('ref')}"
    if c.op == "alias":
        return f"“{c.text}” is an alias of {v.get('actor')}"
    if c.op == "place_region":
        return f"{c.text} is in {v.get('region')}"
    if c.op == "merge":
        return f"same event as “{str(v.get('text'))[:40]}”"
    if c.op == "new_actor":
        return f"new actor {v.get('name')} ({v.get('type')})"
    if c.op in ("not_quote", "not_event"):
        return c.op.replace("_", " ") + " (“" + c.text[:40] + "”)"
    return f"{c.op} is {v}"


def _entry_json(c: Correction, status: str | None = None) -> dict[str, Any]:
    return {"id": c.id, **c.to_json(), **({"status": status} if status else {})}


def cmd_corrections(args: argparse.Namespace, config: Config) -> int:
    from rich.text import Text

    from ..core.corrections import CorrectionError
    from ..core.userdb import StoreError
    out, _ = _consoles()
    try:
        fixer = _open(config)
        if args.action == "undo":
            undone = fixer.undo(args.target)
            out.print(Text(f"undone: {undone.id} ").append(describe(undone)))
            return 0
        if args.action in ("export", "import") and not args.target:
            return fail(f"usage: sahel-tui corrections {args.action} FILE", EXIT_USAGE)
        if args.action == "export":
            count = fixer.log.export(Path(args.target))
            out.print(f"{count} log entries written to {args.target}")
            return 0
        if args.action == "import":
            return _import(fixer, Path(args.target), args)
    except CorrectionError as e:
        return fail(str(e), EXIT_USAGE)
    except StoreError as e:
        return fail(str(e))
    return _list(fixer, args)


def _import(fixer: Corrector, path: Path, args: argparse.Namespace) -> int:
    from rich.text import Text
    out, err = _consoles()
    take = False if args.take_theirs is None else (args.take_theirs or True)
    report = fixer.import_file(path, take)
    if args.json:
        emit_json({"added": len(report.added), "duplicates": report.duplicates, "problems": list(report.problems),
                   "conflicts": [{"yours": _entry_json(a), "theirs": _entry_json(b)} for a, b in report.conflicts]})
        return 0
    out.print(f"{len(report.added)} corrections added, {report.duplicates} already here")
    for problem in report.problems:
        err.print(Text(problem, style="yellow"))
    for mine, theirs in report.conflicts:
        line = Text(f"conflict {theirs.uid[:8]}: ", style="bold red").append(f"{mine.article or mine.text}: yours ")
        line.append(describe(mine), style="green").append(", theirs ").append(describe(theirs), style="yellow")
        out.print(line)
    kept = [theirs for _, theirs in report.conflicts if theirs not in report.added]
    if kept:
        out.print(f"{len(kept)} conflicting corrections kept yours; import again with --take-theirs "
                  "(all) or --take-theirs UID ... (those) to take theirs", style="bold")
    return 0


def _list(fixer: Corrector, args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text
    out, _ = _consoles()
    status = fixer.status()
    if args.stale:
        status = [(c, why) for c, why in status if why != APPLIED]
    if args.json:
        emit_json([_entry_json(c, why) for c, why in status])
        return 0
    table = Table("id", "date", "by", "target", "correction", "was", "status", box=None, pad_edge=False)
    for c, why in status:
        target = f"{c.article}:{c.start}" if c.article else "all articles"
        table.add_row(str(c.id), c.day, Text(c.author), Text(target), Text(describe(c)),
                      Text(_was(c.original)), Text(why, style="green" if why == APPLIED else "bold red"))
    out.print(table if status else Text("no corrections", style="dim"))
    stale = [why for _, why in status if why != APPLIED]
    if stale:
        out.print(f"{_no_longer(len(stale))}: "
                  f"{', '.join(sorted(set(stale)))}", style="yellow")
    return 0


def _no_longer(n: int) -> str:
    return f"{n} correction no longer applies" if n == 1 else f"{n} corrections no longer apply"


def _was(original: Any) -> str:
    if isinstance(original, dict):
        original = {k: v for k, v in original.items() if k not in ("date_text", "actor")}
        return ", ".join(str(v) for v in original.values() if v not in (None, [], "")) or "—"
    return "—" if original in (None, True) else str(original)


def report_stale(library: Library) -> None:
    """After an index build: say which corrections no longer apply (the index command calls this)."""
    if not library.kb.corrections:
        return
    from rich.text import Text

    from ..core.correcting import Corrector
    _, err = _consoles()
    stale = Corrector(library).stale()
    if stale:
        err.print(Text(f"{_no_longer(len(stale))}: "
                       f"{', '.join(sorted({why for _, why in stale}))} "
                       "(see `sahel-tui corrections list --stale`)", style="yellow"))
