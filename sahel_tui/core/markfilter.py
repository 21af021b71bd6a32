"""The query words answered by the user's store, not the index: `starred:yes`, `tag:kidal`, `note:word`.

Kept apart from query.py on purpose: stars, tags and notes live in SQLite and change with every
keystroke of the analyst, so they are split off the query before it is parsed and applied to the
index documents Whoosh matched, by the same stable keys the store uses (article id, or article
id + fingerprint of the quote or event text). A passage's mark also marks its article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .index_records import event_from, quote_from
from .refs import fingerprint
from .store import Mark

_FILTER_RE = re.compile(r'(?<![\w:])(starred|tag|note):(?:"([^"]*)"|(\S+))', re.IGNORECASE)


@dataclass(frozen=True)
class MarkFilter:
    """What the marks must have: a star (or none), all these tags, all these words in the note."""

    starred: bool | None = None
    tags: tuple[str, ...] = ()
    note_words: tuple[str, ...] = ()

    @property
    def excludes_only(self) -> bool:
        """`starred:no` alone: every document except the starred ones (not only the marked ones)."""
        return self.starred is False and not self.tags and not self.note_words

    def accepts(self, mark: Mark) -> bool:
        if self.starred is not None and mark.starred != self.starred:
            return False
        if any(tag not in mark.tags for tag in self.tags):
            return False
        note = mark.note.casefold()
        return all(word in note for word in self.note_words) and (not self.note_words or bool(note))

    def keys(self, marks: list[Mark]) -> set[str]:
        """The document keys (see `document_key`) of the marks that pass."""
        keys: set[str] = set()
        for mark in marks:
            if self.accepts(mark):
                keys.add(mark.target.key)
                if mark.target.kind == "passage":
                    keys.add(f"a:{mark.target.article}")
        return keys


def split_mark_filters(text: str) -> tuple[str, MarkFilter | None]:
    """The query without its store filters, and the filter (None when there is none).

    >>> split_mark_filters('Kayes starred:yes tag:Kidal note:"toll"')
    ('Kayes', MarkFilter(starred=True, tags=('kidal',), note_words=('toll',)))
    """
    found = list(_FILTER_RE.finditer(text))
    if not found:
        return text, None
    starred: bool | None = None
    tags: list[str] = []
    words: list[str] = []
    for m in found:
        name, value = m[1].lower(), (m[2] if m[2] is not None else m[3]).strip()
        if name == "starred":
            starred = value.lower() not in ("no", "false", "0", "n")
        elif name == "tag":
            tags.append(value.lower())
        else:
            words += value.casefold().split()
    rest = " ".join(_FILTER_RE.sub(" ", text).split())
    return rest, MarkFilter(starred, tuple(tags), tuple(words))


def document_key(fields: Any) -> str:
    """The store key of an index document (the same key a mark on it has); ``fields`` are its
    stored fields (search.StoredFields)."""
    article = str(fields.article)
    if fields.kind == "quote":
        return f"quote:{article}:{fingerprint(quote_from(fields.payload).text)}"
    if fields.kind == "event":
        return f"event:{article}:{fingerprint(event_from(fields.payload).sentence)}"
    return f"a:{article}"
