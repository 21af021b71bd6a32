"""The filter box syntax of the timeline and quotes panes: `key:value` words plus free text.

`actor:jnim kind:attack since:2023 Menaka` → ({"actor": "jnim", "kind": "attack",
"since": "2023"}, "Menaka"). Values with spaces go in double quotes: speaker:"Assimi Goïta".
Unknown keys stay in the free text, where the query language may understand them.
"""
from __future__ import annotations

import re
from datetime import date

from ...core.query import parse_date_filter

_FILTER_RE = re.compile(r'(?P<key>[A-Za-z_]+):(?P<value>"[^"]*"|\S+)')


def split_filters(text: str, keys: frozenset[str]) -> tuple[dict[str, str], str]:
    """The known `key:value` pairs of a filter box and the remaining words."""
    found: dict[str, str] = {}

    def take(match: re.Match[str]) -> str:
        key = match["key"].lower()
        if key not in keys:
            return match[0]
        found[key] = match["value"].strip('"')
        return ""

    rest = _FILTER_RE.sub(take, text)
    return found, " ".join(rest.split())


def date_bound(value: str, end: bool) -> date:
    """The first (since) or last (until) day of '2023', '2023-05' or '2023-05-04'; ValueError if not a date."""
    found = parse_date_filter("date", value)
    bound = found.end if end else found.start
    if bound is None:
        raise ValueError(f"not a date: {value!r} (use 2023, 2023-05 or 2023-05-04)")
    return bound
