"""Invented test material in every format the readers take (no text from real pages).

Each body carries a word found only there (``zorvex...``) and the page furniture carries a word
found only in boilerplate (``plimbo``), so a search shows whether the reader kept the one and
dropped the other.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

FURNITURE = ("<nav><ul><li><a href='/'>Home</a></li><li><a href='/plimbo'>Plimbo sections</a></li></ul></nav>"
             "<div class='cookie-banner'>We use plimbo cookies to improve your experience. Accept all plimbo.</div>")
RELATED = ("<aside class='related'><h3>Related plimbo stories</h3><ul>"
           + "".join(f"<li><a href='/r{i}'>Another plimbo headline number {i}</a></li>" for i in range(8))
           + "</ul></aside><footer>Copyright plimbo media group. All rights reserved.</footer>")


def paragraphs(marker: str, place: str = "the northern region", n: int = 5) -> list[str]:
    return [f"Regional officials said on Tuesday that the {marker} convoy reached {place} after a long delay "
            f"caused by flooding, and that aid workers began distributing food to families at sunrise.",
            *[f"Paragraph {i} of the report explains how the district council met with elders to discuss "
              f"water, grazing land and the security of the market road, which traders use every week."
              for i in range(2, n + 1)]]


def html_page(title: str, marker: str, *, published: str = "2024-02-11T08:00:00Z", site: str = "Daily Sahel Example",
              author: str = "Awa Example", url: str = "https://news.example/a", lang: str = "en",
              body: list[str] | None = None) -> str:
    paras = "".join(f"<p>{p}</p>" for p in (body or paragraphs(marker)))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="{author}">
<link rel="canonical" href="{url}">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}"}}</script>
</head><body>{FURNITURE}<main><article><h1>{title}</h1>{paras}</article>
<section class="comments"><h3>3 comments</h3><p>plimbo fan: first!</p></section></main>{RELATED}</body></html>"""


def pdf_with_text(lines: list[str], title: str = "") -> bytes:
    """A one-page PDF with a real text layer (Helvetica), offsets computed by hand."""
    ops = ["BT", "/F1 11 Tf", "72 760 Td", "14 TL"]
    for line in lines:
        ops.append("(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    info = f"<< /Title ({title}) /CreationDate (D:20240305090000Z) >>" if title else "<< >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        info.encode("latin-1"),
    ]
    return _pdf(objects)


def scanned_pdf() -> bytes:
    """A page with an image-less, text-less content stream: what a scan without OCR looks like to a reader."""
    stream = b"q 612 0 0 792 0 0 cm Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< >>",
    ]
    return _pdf(objects)


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, len(objects), xref))
    return out.getvalue()


def docx(title: str, paras: list[str], author: str = "Field Office") -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>{title}</w:t></w:r></w:p>' + "".join(
        f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paras)
    document = f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
    core = ('<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:creator>{author}</dc:creator></cp:coreProperties>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
        z.writestr("docProps/core.xml", core)
    return buf.getvalue()


def rss(items: list[tuple[str, str, str]]) -> str:
    """items: (title, RFC 822 date, body)."""
    entries = "".join(f"<item><title>{t}</title><link>https://feed.example/{n}</link><pubDate>{d}</pubDate>"
                      f"<description><![CDATA[<p>{b}</p>]]></description></item>"
                      for n, (t, d, b) in enumerate(items, 1))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example Wire Feed</title>'
            f"<link>https://feed.example/</link>{entries}</channel></rss>")


def eml(subject: str, body: str, attachment: str = "") -> str:
    head = (f"From: Field Analyst <analyst@ngo.example>\nTo: desk@ngo.example\nSubject: {subject}\n"
            "Date: Wed, 06 Mar 2024 10:15:00 +0000\nMIME-Version: 1.0\n")
    if not attachment:
        return head + f"Content-Type: text/plain; charset=utf-8\n\n{body}\n"
    return head + ('Content-Type: multipart/mixed; boundary="XX"\n\n--XX\nContent-Type: text/plain; charset=utf-8\n\n'
                   f'{body}\n--XX\nContent-Type: text/plain; name="note.txt"\nContent-Disposition: attachment; '
                   f'filename="note.txt"\n\n{attachment}\n--XX--\n')


def write_all(folder: Path, files: dict[str, str | bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
