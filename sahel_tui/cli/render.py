"""Rich renderables for the CLI: profiles, quotes, timelines, extraction summaries.

All corpus strings go in as `Text` (never markup), so brackets in articles stay literal.
"""
from __future__ import annotations

from rich.console import Group
from rich.text import Text

from ..core.knowledge import KnowledgeBase
from ..core.models import EventHit, Profile, QuoteHit
from ..core.wording import count_text, speaker_parts


def _date(value) -> str:
    return value.isoformat() if value else "date unknown"


def quote_text(hit: QuoteHit) -> Text:
    q = hit.quote
    text = Text("“", style="dim").append(q.text, style="bold").append("”", style="dim")
    speaker, role = speaker_parts(q.speaker, q.speaker_role)  # never the same words twice
    who = Text("\n   — ").append(speaker or "unattributed", style="green")
    if role:
        who.append(f", {role}", style="italic")
    if q.uncertain:  # a low-confidence attribution is a guess, and says so
        who.append(" (?)", style="yellow")
    who.append(f"  ({q.attribution or '?'})", style="dim")
    source = Text(f"\n   {hit.title} · {_date(hit.published)}", style="cyan")
    return text.append(who).append(source).append("\n")


def _toll(hit: EventHit) -> str:
    parts = [f"{n} {label}" for n, label in ((hit.event.killed, "killed"), (hit.event.injured, "injured"),
                                              (hit.event.abducted, "abducted")) if n]
    return ", ".join(parts)


def _names(ids, table) -> str:
    return ", ".join(getattr(table[i], "short_name", table[i].name) if i in table else i for i in ids)


def timeline_table(hits: list[EventHit], kb: KnowledgeBase) -> Group:
    """Events oldest first: a heading line (date, kind, place, actors, toll) then the sentence."""
    parts: list = []
    for hit in hits:
        e = hit.event
        head = Text(f"{e.date_display:<10} ", style="bold").append(f"{e.kind:<10} ", style="magenta")
        head.append(_names(e.places[:3], kb.places), style="green")
        if e.actors:
            head.append(" · ").append(_names(e.actors[:3], kb.actors), style="yellow")
        if _toll(hit):
            head.append(f" · {_toll(hit)}", style="red")
        parts.append(head)
        parts.append(Text("    ").append(e.sentence))
        parts.append(Text(f"    {hit.title} · {hit.provenance}", style="cyan"))
    if not hits:
        parts.append(Text("no events match", style="dim"))
    return Group(*parts)


def profile_text(profile: Profile) -> Group:
    a = profile.actor
    parts: list = [Text(a.name, style="bold underline")]
    line = Text(f"{a.type.replace('_', ' ')}", style="cyan")
    if a.role:
        line.append(f" · {a.role}")
    if not a.listed:
        line.append(" · not in the knowledge base (found in the articles)", style="yellow")
    parts.append(line)
    others = list(dict.fromkeys(x for x in a.aliases if x != a.name))
    if others:
        more = f" (+{len(others) - 10} more)" if len(others) > 10 else ""
        parts.append(Text("also: ", style="dim").append(", ".join(others[:10]) + more))
    if a.description:
        parts.append(Text(a.description))
    if profile.relations:
        parts.append(Text("\nrelations", style="bold"))
        parts += [Text(f"  {rel.replace('_', ' ')}: ").append(other.name, style="green").append(
            f" ({other.id})", style="dim") for rel, other in profile.relations]
    parts.append(Text(f"\n{count_text(profile.mentions, 'mention')} in "
                      f"{count_text(len(profile.articles), 'article')}", style="bold"))
    parts += [Text(f"  {r.count:>3}× {r.title}  ").append(_date(r.published), style="cyan")
              for r in profile.articles[:15]]
    if profile.co_mentioned:
        parts.append(Text("\noften mentioned with", style="bold"))
        parts.append(Text("  " + ", ".join(f"{actor.name} ({n})" for actor, n in profile.co_mentioned)))
    if profile.quotes:
        parts.append(Text(f"\nquotes (latest {min(10, len(profile.quotes))} of {profile.quote_total:,})", style="bold"))
        parts += [quote_text(h) for h in profile.quotes[:10]]
    if profile.events:
        shown = min(20, len(profile.events))
        parts.append(Text(f"\nevents ({shown} shown of {profile.event_total:,} event reports)", style="bold"))
        parts += [Text(f"  {h.event.date_display:<10} {h.event.kind:<10} ").append(h.event.sentence[:110])
                  for h in profile.events[:20]]
    return Group(*parts)


def extraction_text(data: dict) -> Group:
    parts: list = [Text(f"{data['article']}: {data['title']}", style="bold"),
                   Text(f"published {data['published'] or 'unknown'}", style="cyan")]
    parts.append(Text("actors: ").append(", ".join(f"{a['name']} ({a['count']})" for a in data["actors"])))
    parts.append(Text("places: ").append(", ".join(data["places"])))
    for q in data["quotes"]:
        parts.append(Text(f"  quote — {q['speaker']}: ").append(q["text"][:100], style="italic"))
    for e in data["events"]:
        parts.append(Text(f"  event {e['date_display']} {e['kind']}: ").append(e["sentence"][:100]))
    parts.append(Text(""))
    return Group(*parts)
