"""Counts and phrasing shared by the CLI and the app: '1 article', 'Name, a role' — never twice.

Pure string functions (no Textual, no Rich), so every screen and every command words things the
same way. The app re-exports them from tui/display.py.
"""
from __future__ import annotations


def count_text(n: int, singular: str, plural: str | None = None) -> str:
    """'1 article', '2 articles', '12,000 events' — every count the app prints goes through here."""
    word = singular if n == 1 else (plural or _plural(singular))
    return f"{n:,} {word}"


def _plural(word: str) -> str:
    """English plural of the nouns the app counts (article, quote, mention, entry, match …)."""
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


_ARTICLES = ("a ", "an ", "the ")


def _core(phrase: str) -> str:
    """A phrase compared without case, spacing or a leading article ('the transitional authorities')."""
    text = " ".join(phrase.split()).casefold()
    for article in _ARTICLES:
        if text.startswith(article):
            return text[len(article):]
    return text


def speaker_parts(speaker: str | None, role: str | None) -> tuple[str, str]:
    """(who, role) with repetition removed: the extractor may put the same words in both, or the
    role may restate the name ('transitional authorities' / 'the transitional authorities')."""
    who, what = " ".join((speaker or "").split()), " ".join((role or "").split())
    if who and what:
        a, b = _core(who), _core(what)
        if a == b:
            return max(who, what, key=len), ""
        if b.startswith(a):
            return what, ""
        if a.startswith(b) or b in a:
            return who, ""
    return (who, what) if who else (what, "")


def speaker_phrase(speaker: str | None, role: str | None) -> str:
    """'Name, a community development expert' — a comma between the name and the role, never twice."""
    who, what = speaker_parts(speaker, role)
    return f"{who}, {what}" if what else who
