"""E-mail (.eml) and mailboxes (.mbox): subject, date, sender, body and text attachments.

One article per message; a forwarded clipping often arrives as a text or HTML attachment, so
those are read too and appended under their file name.
"""
from __future__ import annotations

import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr

from .base import Reading, Unreadable, clean, paragraphs, parse_date
from .html import html_to_text
from .language import guess_language


def read(data: bytes) -> list[Reading]:
    chunks = [c for c in re.split(rb"(?m)^From .*\r?\n", data) if c.strip()] if data.startswith(b"From ") \
        else [data]
    readings = [r for r in (_message(c) for c in chunks) if r is not None]
    if not readings:
        raise Unreadable("empty", "e-mail without text")
    return readings


def read_web_archive(data: bytes) -> Reading:
    """A single-file web archive (.mht/.mhtml) is a MIME message: its HTML part is the page."""
    from . import html
    msg = BytesParser(policy=policy.default).parsebytes(data)
    for part in msg.walk():
        if part.get_content_type() == "text/html" and isinstance(part, EmailMessage):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                return html.read(payload)
    raise Unreadable("empty", "web archive without an HTML page")


def _message(data: bytes) -> Reading | None:
    msg = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(msg, EmailMessage)
    parts = [_part_text(msg.get_body(preferencelist=("plain", "html")))]
    for att in msg.iter_attachments():
        if att.get_content_maintype() == "text" and isinstance(att, EmailMessage):
            parts.append(f"Attachment: {att.get_filename() or 'unnamed'}\n{_part_text(att)}")
    text = paragraphs("\n".join(p for p in parts if p))
    if not text:
        return None
    name, address = parseaddr(str(msg.get("from", "")))
    return Reading(text=text, title=clean(msg.get("subject")), published=parse_date(msg.get("date")),
                   author=clean(name) or clean(address), source=_domain(address), language=guess_language(text))


def _part_text(part: object) -> str:
    if not isinstance(part, EmailMessage):
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # unknown charset, broken encoding
        payload = part.get_payload(decode=True)
        content = payload.decode("latin-1") if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return ""
    return html_to_text(content) if part.get_content_subtype() == "html" else content


def _domain(address: str) -> str | None:
    return address.rsplit("@", 1)[1].lower() if "@" in address else None
