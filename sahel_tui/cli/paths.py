"""`sahel-tui paths`: where this run reads and writes — corpus, index, knowledge base, user files, log."""
from __future__ import annotations

import argparse
from importlib import resources

from ..config import Config
from .output import emit_json


def locations(config: Config) -> dict[str, str]:
    """Every location the tool uses, as strings (the knowledge-base overlays whether or not they exist)."""
    return {
        "corpus": str(config.corpus),
        "index": str(config.index),
        "knowledge base": str(resources.files("sahel_tui") / "data"),
        "your actors": str(config.data_dir / "actors.yaml"),
        "your places": str(config.data_dir / "places.yaml"),
        "user files": str(config.data_dir),
        "settings": str(config.settings_file),
        "user store": str(config.store_file),
        "log": str(config.log_file),
    }


def cmd_paths(args: argparse.Namespace, config: Config) -> int:
    found = locations(config)
    if args.json:
        emit_json(found)
        return 0
    from rich.text import Text

    from .console import SafeConsole
    out = SafeConsole(highlight=False)
    width = max(map(len, found))
    for label, path in found.items():
        out.print(Text(f"{label:<{width}}  ").append(path))
    return 0


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("paths", help="print where the corpus, index, knowledge base, user files and log live",
                       description="Print where this run reads and writes: corpus, index, knowledge base, "
                       "your own actors/places files, settings, user store and log.")
    p.add_argument("--json", action="store_true", help="print the paths as JSON")
    p.set_defaults(handler=cmd_paths)
