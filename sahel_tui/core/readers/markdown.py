"""Markdown clippings rendered to plain text: link text without its URL, no emphasis marks.

Front matter is handled by the corpus loader before rendering (see ``corpus.parse_article``).
"""
from __future__ import annotations

import re

from .base import Reading
from .language import guess_language
from .plain import decode

#: (pattern, replacement, characters one of which every match contains): a rule is skipped when
#: the text has none of them (a substring test is far cheaper than a regex pass, and a rule never
#: adds a character the text did not have, so skipping one changes nothing).
_RULES = [(re.compile(p, re.M), r, needs) for p, r, needs in (
    (r"^```.*$|^~~~.*$", "", "`~"),                          # code fences (the code itself is kept)
    (r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", "", "["),             # reference definitions: [1]: http://...
    (r"!\[([^\]]*)\]\([^)]*\)", r"\1", "!"),                 # images: alt text
    (r"!\[([^\]]*)\]\[[^\]]*\]", r"\1", "!"),
    (r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)", r"\1", "["),   # [text](url "title")
    (r"\[([^\]]+)\]\[[^\]]*\]", r"\1", "["),                 # [text][ref]
    (r"<((?:https?|mailto):[^>\s]+)>", r"\1", "<"),           # <http://autolink>
    (r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", r"\1", "#"),        # ATX headings
    (r"^\s{0,3}(?:[-*_]\s*){3,}$", "", "-*_"),                # horizontal rules
    (r"^\s{0,3}>\s?", "", ">"),                             # block quotes
    (r"^(\s*)[-*+]\s+", r"\1", "-*+"),                        # bullets
    (r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", "*_"),          # strong
    (r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)", r"\1", "*"),  # emphasis (not inside words)
    (r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", r"\1", "_"),
    (r"`([^`]+)`", r"\1", "`"),                             # inline code
    (r"</?[a-zA-Z][^>\n]*>", "", "<"),                      # inline HTML tags
)]


def to_plain(text: str) -> str:
    """Render Markdown to the text a reader sees.

    >>> to_plain("## Attack in **Ménaka**\\nSee [the UN report](https://un.example/r \\"r\\") and <https://x.example>.")
    'Attack in Ménaka\\nSee the UN report and https://x.example.'
    """
    for pattern, replacement, needs in _RULES:
        if any(c in text for c in needs):
            text = pattern.sub(replacement, text)
    return text


def read(data: bytes) -> Reading:
    text = to_plain(decode(data))
    return Reading(text=text, language=guess_language(text))
