"""Choose a reader by what a file holds first and by its name second.

A saved page renamed ``notes.txt`` is still HTML; a ``.xml`` that is no feed is not an article.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
EMAIL_SUFFIXES = {".eml", ".mbox"}
ARCHIVE_SUFFIXES = {".mht", ".mhtml"}  # "Save page as … single file" in Chrome, Edge and old IE

_HTML = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                   re.I | re.S)
_FEED = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<\?[^>]*>\s*)*<(rss|feed|rdf:RDF)[\s>]", re.S)
#: An mbox separator line: "From sender@example.org Mon Mar  4 10:00:00 2024".
_MBOX = re.compile(rb"From \S+ +\S.*\d\d:\d\d(:\d\d)?.*\d{4}\s*\n[A-Za-z-]+:")
_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]")
_MAIL_HEADERS = {b"from", b"to", b"subject", b"date", b"message-id", b"received", b"mime-version",
                 b"return-path", b"cc", b"content-type"}


def sniff(path: Path, data: bytes) -> str:
    """The format name: html, mhtml, pdf, docx, feed, email, markdown, text or unsupported.

    >>> sniff(Path("clip.txt"), b"<!DOCTYPE html><html><body>x</body></html>")
    'html'
    >>> sniff(Path("a.md"), b"# Title"), sniff(Path("photo.jpg"), b"\\xff\\xd8\\xff")
    ('markdown', 'unsupported')
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(data) else "unsupported"
    if _FEED.match(head):
        return "feed"
    if _HTML.match(head) or (suffix in HTML_SUFFIXES and b"\x00" not in head):
        return "html"
    if suffix in ARCHIVE_SUFFIXES and b"\x00" not in head:
        return "mhtml"
    if suffix == ".mbox" or _MBOX.match(head) or _looks_like_mail(head):
        return "email"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return "unsupported"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def _looks_like_mail(head: bytes) -> bool:
    """Every line before the first blank one is a header, and two or more are mail headers."""
    block = head.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].split(b"\n")
    names = set()
    for line in block:
        if line[:1] in (b" ", b"\t"):
            continue  # a folded header line
        if not _HEADER.match(line):
            return False
        names.add(line.split(b":", 1)[0].lower())
    return len(names & _MAIL_HEADERS) >= 2 and bool(names & {b"from", b"subject"})
