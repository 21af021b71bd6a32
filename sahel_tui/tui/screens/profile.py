"""An actor's profile: who it is, how it relates to others, where it appears, what it said and did.

One list with sections, so every item is reachable with the same keys: Enter on a relation or a
co-mentioned actor opens that profile, on an article opens it, on a quote or an event opens the
source passage. The Library assembles the profile; this screen lays it out.

The header comes first (who it is and how often the corpus names it are lookups); the lists
follow when the profile's quotes and events are found, their rows built in the worker and added
to the list in small batches, so a profile of the most mentioned actor never freezes the keys.
"""
from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from ...core.knowledge import UnknownActor
from ...core.models import Actor, ActorStat, ArticleRef, EventHit, Profile, QuoteHit
from ..clipping import Pointer, pointer_for
from ..display import count_text, plain, shorten
from ..handle import LibraryHandle
from ..messages import OpenActor, OpenArticle
from ..widgets.lists import SahelList
from ..widgets.rows import article_row, event_row, quote_row
from .base import SahelFooter
from .briefing_keys import BriefingScreen

ARTICLES_SHOWN = 200  # a profile's article list: the ones that name the actor most, of how many
HEADER_ALIASES = 6  # the rest are listed in the "All names" section, so the header stays short at 80x24


def header(profile: Profile) -> Content:
    """Name; type, role, country; aliases; description; how much the corpus says about it."""
    counts = (f"{count_text(profile.mentions, 'mention')} in {count_text(len(profile.articles), 'article')} · "
              f"{count_text(profile.quote_total, 'quote')} · {count_text(profile.event_total, 'event report')}"
              f"{' (latest shown below)' if len(profile.quotes) < profile.quote_total else ''}")
    return _header(profile.actor, counts)


def early_header(stat: ActorStat) -> Content:
    """The header while the quotes and events are still being found (their counts follow)."""
    return _header(stat.actor, f"{count_text(stat.mentions, 'mention')} in {count_text(stat.articles, 'article')}"
                               " · finding quotes and events…")


def _header(a: Actor, counts: str) -> Content:
    facts = [a.type.replace("_", " ")] + [x for x in (a.role, a.country) if x]
    if not a.listed:
        facts.append("unlisted: named in articles, not in the knowledge base")
    lines = [Content.assemble(plain(a.name, ".sahel--title"), "  ", plain(" · ".join(facts), ".sahel--type")),
             Content(counts).stylize(".sahel--count")]
    if a.aliases:
        shown = ", ".join(a.aliases[:HEADER_ALIASES])
        more = f"  (+{len(a.aliases) - HEADER_ALIASES} more under All names)" if len(a.aliases) > HEADER_ALIASES else ""
        lines.append(Content.assemble(("also: ", ".sahel--muted"), plain(shown), (more, ".sahel--muted")))
    if a.description:
        lines.append(plain(shorten(a.description, 240), ".sahel--muted"))
    return Content("\n").join(lines)


def actor_link(actor: Actor, label: str) -> Content:
    return Content.assemble((f"{label}  ", ".sahel--meta"), plain(actor.name, ".sahel--actor"),
                            (f"  {actor.type.replace('_', ' ')}", ".sahel--type"))


class ProfileScreen(BriefingScreen):
    """One actor; escape goes back."""

    BINDINGS = [Binding("escape", "app.back", "Back", tooltip="back to where the profile was opened from")]

    def __init__(self, handle: LibraryHandle, actor_id: str) -> None:
        super().__init__()
        self.handle = handle
        self.actor_id = actor_id
        self.profile: Profile | None = None

    def pointer(self) -> Pointer | None:
        """c / * / a / # act on the highlighted row, or on the actor itself (the names row, no row)."""
        return super().pointer() or (pointer_for(self.profile.actor) if self.profile else None)

    def compose(self) -> ComposeResult:
        yield Static("Loading…", id="profile-head", markup=False)
        yield SahelList(id="profile-list")
        yield SahelFooter()

    def on_mount(self) -> None:
        self.query_one(SahelList).focus()
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        """The header from the counts (a lookup), then the profile, its rows built here."""
        try:
            stat = self.handle.run(lambda lib: lib.actor_stat(self.actor_id))
            self.app.call_from_thread(self._show_head, stat)
            profile = self.handle.run(lambda lib: lib.profile(self.actor_id))
        except UnknownActor:
            self.app.call_from_thread(self._failed, f"No actor is called {self.actor_id!r}.")
            return
        self.app.call_from_thread(self._show, profile, sections(profile, self.handle))

    def _show_head(self, stat: ActorStat) -> None:
        if self.profile is None:
            self.query_one("#profile-head", Static).update(early_header(stat))

    def _failed(self, message: str) -> None:
        self.query_one("#profile-head", Static).update(plain(message, ".sahel--error"))

    def _show(self, profile: Profile, rows: list[tuple[str, list[tuple[Content, Any]]]]) -> None:
        self.profile = profile
        self.query_one("#profile-head", Static).update(header(profile))
        self.query_one(SahelList).show_sections(rows)

    def on_option_list_option_selected(self, event: SahelList.OptionSelected) -> None:
        """Enter: follow the item (an actor, an article, or a quote's/event's source passage)."""
        event.stop()
        item = self.query_one(SahelList).payload(event.option)
        if isinstance(item, Actor):
            self.post_message(OpenActor(item.id))
        elif isinstance(item, ArticleRef):
            self.post_message(OpenArticle(item.id))
        elif isinstance(item, QuoteHit):
            self.post_message(OpenArticle(item.article_id, span=(item.quote.start, item.quote.end), focus_kind="quote"))
        elif isinstance(item, EventHit):
            self.post_message(OpenArticle(item.article_id, span=(item.event.start, item.event.end), focus_kind="event"))


def sections(profile: Profile, h: LibraryHandle) -> list[tuple[str, list[tuple[Content, Any]]]]:
    """The profile's list: headings and rows (built in the worker). Articles: the ARTICLES_SHOWN
    that mention the actor most (the heading says of how many)."""
    from ...core.library import PROFILE_ITEMS  # not at import: it loads Whoosh, after the first frame
    articles = profile.articles[:ARTICLES_SHOWN]
    return [
        ("Relations", [(actor_link(other, rel.replace("_", " ")), other) for rel, other in profile.relations]),
        (f"Events (timeline){_of(PROFILE_ITEMS, profile.event_total, 'from the latest', 'reports')}",
         [(event_row(e, h, compact=True), e) for e in profile.events]),
        (f"Quotes{_of(len(profile.quotes), profile.quote_total, 'latest')}",
         [(quote_row(q), q) for q in profile.quotes]),
        (f"Articles mentioning it{_of(len(articles), len(profile.articles), 'the', 'that mention it most')}",
         [(article_row(r, count_text(r.count, "mention")), r) for r in articles]),
        ("Often mentioned with", [(actor_link(a, count_text(n, "article")), a) for a, n in profile.co_mentioned]),
        ("All names", [(plain(", ".join((profile.actor.name, *profile.actor.aliases))), None)]),
    ]


def _of(shown: int, total: int, lead: str, noun: str = "") -> str:
    """' (latest 200 of 1,234)' when a section shows part of the list; '' when it shows it all
    (the profile holds the latest PROFILE_ITEMS quotes and event reports)."""
    return f" ({lead} {shown} of {total:,}{' ' + noun if noun else ''})" if shown < total else ""
