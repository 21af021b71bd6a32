"""Small value-carrying messages: panes and screens say *what* to open; the app decides *how*.

They carry ids and offsets, never widgets, so any pane can ask for a navigation without knowing
which screen will show it (frogmouth/toolong style).
"""
from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenArticle(Message):
    """Open an article in the reader, optionally scrolled to a span and with a query's hits marked.

    `ref` is an index document id ("q:<article>:<n>" for a quote, "e:<article>:<n>" for an event)
    when the exact offsets are not known to the sender; the reader resolves it.
    """

    article_id: str
    query: str = ""
    span: tuple[int, int] | None = None
    ref: str = ""
    focus_kind: str = ""  # "quote" | "event" | "" — which reader list the span belongs to


@dataclass
class OpenActor(Message):
    """Open the profile of an actor (known or unlisted) by id or alias."""

    actor_id: str
