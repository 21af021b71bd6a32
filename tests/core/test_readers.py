"""Real material in: saved pages, PDF, Word, feeds, e-mail and Markdown become articles with the
right title and date; unreadable files are reported by name and reason; copies are one story."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sahel_tui.core.corpus import ArticleError, load_article, load_articles
from sahel_tui.core.indexer import BuildReport
from sahel_tui.core.library import Library
from sahel_tui.core.readers import sniff
from tests.conftest import make_config
from tests.core import material as m

FRENCH = ("Lundi 4 mars 2024\n\nLes autorités régionales ont annoncé que le convoi zorvexfr est arrivé dans la "
          "ville après une longue attente, selon les responsables locaux. Les familles ont reçu des vivres "
          "et les élus se sont réunis avec les chefs de village pour parler de la sécurité des routes.\n")
MARKDOWN = ("# Markdown clipping about the zorvexmd well\n\n28 February 2024\n\nThe [district office](https://x.example/"
            "office \"office\") said the **new well** near the market was finished, see <https://x.example/w> and "
            "[the report][r].\n\n[r]: https://x.example/report\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("material") / "corpus"
    m.write_all(folder, {
        "page.html": m.html_page("Convoy reaches the north after floods", "zorvexhtml"),
        "saved-page.txt": m.html_page("Market reopens after the rains", "zorvextxt", published="2024-01-20",
                                      url="https://news.example/b"),
        "report.pdf": m.pdf_with_text(["Quarterly note on the zorvexpdf district", "Security remained calm along",
                                       "the market road this quarter."], title="Quarterly security note"),
        "brief.docx": m.docx("Field brief on water points", ["3 March 2024", "The zorvexdocx office reported "
                                                             "that two water points were repaired this week."]),
        "feed.xml": m.rss([("Feed item one on grazing", "Mon, 04 Mar 2024 10:00:00 GMT", "Herders zorvexone moved south."),
                           ("Feed item two on schools", "Tue, 05 Mar 2024 10:00:00 GMT", "Schools zorvextwo reopened."),
                           ("Feed item three on roads", "Wed, 06 Mar 2024 10:00:00 GMT", "Roads zorvexthree were cleared.")]),
        "forwarded.eml": m.eml("Fwd: situation update from the field", "Staff report zorvexmail calm nights.",
                               "Attached note zorvexatt on fuel prices."),
        "clipping.md": MARKDOWN,
        "article-fr.txt": FRENCH,
        "page-fr.html": m.html_page("Le convoi arrive dans le nord", "x", lang="fr", published="2024-03-04T07:00:00+01:00",
                                    body=[p.replace("zorvexfr", "zorvexfrhtml") for p in FRENCH.split("\n") if len(p) > 40] * 3),
        "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
        "scan.pdf": m.scanned_pdf(),
    })
    return folder


@pytest.fixture(scope="module")
def indexed(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, BuildReport]]:
    """The material corpus indexed once for the module, with the build's report."""
    base = tmp_path_factory.mktemp("materialindex")
    lib = Library(make_config(corpus, base / "index", base / "data"))
    yield lib, lib.ensure_index()
    lib.close()


@pytest.fixture
def library(indexed: tuple[Library, BuildReport]) -> Library:
    return indexed[0]


def found(library: Library, query: str) -> list[str]:
    return sorted(h.title for h in library.search(query, kinds=("article",)).hits)


@pytest.mark.parametrize("word,title,published", [
    ("zorvexhtml", "Convoy reaches the north after floods", date(2024, 2, 11)),
    ("zorvextxt", "Market reopens after the rains", date(2024, 1, 20)),
    ("zorvexpdf", "Quarterly security note", date(2024, 3, 5)),
    ("zorvexdocx", "Field brief on water points", date(2024, 3, 3)),
    ("zorvexone", "Feed item one on grazing", date(2024, 3, 4)),
    ("zorvextwo", "Feed item two on schools", date(2024, 3, 5)),
    ("zorvexthree", "Feed item three on roads", date(2024, 3, 6)),
    ("zorvexmail", "Fwd: situation update from the field", date(2024, 3, 6)),
    ("zorvexatt", "Fwd: situation update from the field", date(2024, 3, 6)),
    ("zorvexmd", "Markdown clipping about the zorvexmd well", date(2024, 2, 28)),
    ("zorvexfrhtml", "Le convoi arrive dans le nord", date(2024, 3, 4)),
])
def test_each_format_is_indexed_with_its_title_and_date(library, word, title, published):
    hits = library.search(word, kinds=("article",)).hits
    assert [(h.title, h.published) for h in hits] == [(title, published)]


def test_page_furniture_is_not_indexed(library):
    assert found(library, "plimbo") == []


def test_unreadable_files_are_reported_by_name_and_reason(indexed: tuple[Library, BuildReport]) -> None:
    problems = {Path(p.path).name: p.kind for p in indexed[1].problems}
    assert problems == {"photo.jpg": "unsupported", "scan.pdf": "scanned"}


def test_html_named_txt_is_read_as_html(corpus):
    article = load_article(corpus / "saved-page.txt")
    assert article.title == "Market reopens after the rains"
    assert "<" not in article.text and "DOCTYPE" not in article.text
    assert (article.source, article.author, article.url) == ("Daily Sahel Example", "Awa Example",
                                                             "https://news.example/b")


def test_markdown_shows_link_text_not_link_syntax(corpus):
    text = load_article(corpus / "clipping.md").text
    assert "district office said the new well" in text and "the report." in text
    assert not any(mark in text for mark in ("](", "[r]", "**", "https://x.example/office", "# "))


def test_french_article_gets_its_language(library, corpus):
    assert load_article(corpus / "article-fr.txt").language == "fr"
    assert load_article(corpus / "page-fr.html").language == "fr"
    assert load_article(corpus / "page.html").language == "en"
    assert found(library, "zorvexfr")  # its French dateline is issue 16's (French dates)


def test_feed_items_are_separate_articles_that_reload_by_id(library):
    hit = library.search("zorvextwo", kinds=("article",)).hits[0]
    assert library.article(hit.article_id).title == "Feed item two on schools"


@pytest.mark.parametrize("name,data,fmt", [
    ("a.txt", b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("a.txt", b"  <html lang='fr'><head></head></html>", "html"),
    ("a.html", b"<p>fragment only</p>", "html"),
    ("a.txt", b"%PDF-1.7 ...", "pdf"),
    ("export.xml", b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
    ("data.xml", b"<?xml version='1.0'?><table><row/></table>", "unsupported"),
    ("a.txt", b"From: A <a@x.example>\nSubject: hello\n\nbody", "email"),
    ("a.txt", b"Subject matter: the rains\nThe rains came late this year.", "text"),
    ("a.txt", b"From our correspondent in the north, 4 March 2024\nThe rains came late.", "text"),
    ("box", b"From a@x.example Mon Mar  4 10:00:00 2024\nFrom: A <a@x.example>\n\nbody", "email"),
    ("a.md", b"# Title", "markdown"),
    ("a.doc", b"\xd0\xcf\x11\xe0", "unsupported"),
])
def test_format_is_chosen_by_content_then_name(name, data, fmt):
    assert sniff(Path(name), data) == fmt


def test_a_damaged_word_file_is_unreadable_not_a_crash(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ArticleError) as caught:
        load_articles(path)
    assert caught.value.kind == "unsupported"


def test_a_feed_is_not_read_again_until_it_changes(corpus, tmp_path):
    corpus = Path(shutil.copytree(corpus, tmp_path / "corpus"))
    lib = Library(make_config(corpus, tmp_path / "index", tmp_path / "data"))
    lib.ensure_index()
    assert lib.ensure_index().action == "none"
    m.write_all(corpus, {"feed.xml": m.rss([("Feed item one on grazing", "Mon, 04 Mar 2024 10:00:00 GMT",
                                            "Herders zorvexone moved south.")])})
    try:
        report = lib.ensure_index()
        assert (report.action, report.indexed) == ("update", 1)
        assert found(lib, "zorvextwo") == [] and found(lib, "zorvexone") == ["Feed item one on grazing"]
    finally:
        lib.close()


def test_a_single_file_web_archive_is_read_as_its_page(tmp_path):
    page = m.html_page("Archived convoy page", "zorvexmht")
    archive = ("From: <Saved by Blink>\nSubject: Archived convoy page\nMIME-Version: 1.0\n"
               'Content-Type: multipart/related; type="text/html"; boundary="B"\n\n--B\n'
               "Content-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n"
               "Content-Location: https://news.example/a\n\n" + page.replace("=", "=3D") + "\n--B--\n")
    (tmp_path / "saved.mhtml").write_text(archive)
    article = load_article(tmp_path / "saved.mhtml")
    assert (article.title, article.published) == ("Archived convoy page", date(2024, 2, 11))
    assert "zorvexmht" in article.text and "plimbo" not in article.text
