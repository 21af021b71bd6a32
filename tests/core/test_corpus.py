"""The loader copes with real-world mess and says clearly what it cannot use."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sahel_tui.core.corpus import ArticleError, article_files, clean_view, load_article, load_corpus

BODY = "Attack near Ménaka kills five\n\nGunmen attacked a village near Ménaka on Tuesday, officials said.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data", [
    pytest.param(BODY.encode("utf-8"), id="utf8"),
    pytest.param(b"\xef\xbb\xbf" + BODY.encode("utf-8"), id="utf8-bom"),
    pytest.param(BODY.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
    pytest.param(BODY.encode("cp1252"), id="cp1252"),
    pytest.param(BODY.encode("latin-1"), id="latin1"),
    pytest.param(BODY.replace("é", "e\u0301").encode("utf-8"), id="nfd-normalised"),
])
def test_encodings_decode_to_the_same_text(tmp_path, data):
    article = load_article(write(tmp_path, "a.txt", data))
    assert "Ménaka" in article.text and "\r" not in article.text
    assert article.title == "Attack near Ménaka kills five"


def test_front_matter_gives_metadata(tmp_path):
    text = "---\ntitle: Real title\nsource: APA\nauthor: A. Writer\npublished: 2023-01-15\n---\n" + BODY
    article = load_article(write(tmp_path, "a.md", text.encode()))
    assert (article.title, article.source, article.author) == ("Real title", "APA", "A. Writer")
    assert (article.published, article.published_precision) == (date(2023, 1, 15), "day")
    assert article.text.startswith("Attack near Ménaka")


@pytest.mark.parametrize("value,expected", [("2025-07", (date(2025, 7, 1), "month")), ("2020", (date(2020, 1, 1), "year"))])
def test_partial_publication_dates_keep_their_precision(tmp_path, value, expected):
    article = load_article(write(tmp_path, "a.md", f"---\npublished: '{value}'\n---\n{BODY}".encode()))
    assert (article.published, article.published_precision) == expected


def test_dateline_is_inferred_without_front_matter(tmp_path):
    text = "UN experts report more attacks\nMonday August 28, 2023\nIn recent years, Mali has seen coups."
    article = load_article(write(tmp_path, "a.txt", text.encode()))
    assert article.published == date(2023, 8, 28)
    assert article.title == "UN experts report more attacks"


@pytest.mark.parametrize("line,published", [
    ("Lundi 28 août 2023", date(2023, 8, 28)),
    ("Niamey, 12 April 2024 – The committee condemned the arrests.", date(2024, 4, 12)),
    ("Sept. 4, 2023", date(2023, 9, 4)),
    ("Troops left on 12 April 2024 – and never came back.", None),  # a sentence, not a dateline
])
def test_french_and_press_release_datelines(tmp_path, line, published):
    text = f"Rebels and the army trade blame\n{line}\nIn recent years, the region has seen coups."
    assert load_article(write(tmp_path, "a.txt", text.encode())).published == published


def test_unknown_date_is_not_guessed(tmp_path):
    assert load_article(write(tmp_path, "a.txt", BODY.encode())).published is None


@pytest.mark.parametrize("data,reason", [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b"   \n\n", "empty", id="blank"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", id="binary"),
    pytest.param(b"---\ntitle: [unclosed\n---\nbody text here", "invalid YAML", id="bad-yaml"),
    pytest.param(b"---\n- a list\n---\nbody text", "not a mapping", id="yaml-not-mapping"),
    pytest.param(b"---\ntitle: x\nbody never closed", "never ends", id="unterminated"),
    pytest.param(b"---\npublished: someday\n---\nbody", "not a date", id="bad-date"),
])
def test_broken_files_are_reported_with_a_reason(tmp_path, data, reason):
    with pytest.raises(ArticleError, match=reason):
        load_article(write(tmp_path, "bad.txt", data))


def test_a_broken_file_does_not_stop_the_corpus(tmp_path):
    write(tmp_path, "good.txt", BODY.encode())
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "notes.pdf", b"%PDF-1.4 truncated")
    articles, problems = load_corpus(article_files(tmp_path))
    assert [a.id for a in articles] == ["good"]
    assert [(Path(p.path).name, p.kind) for p in problems] == [("empty.txt", "empty"), ("notes.pdf", "unreadable")]


def test_boilerplate_lines_are_dropped_and_offsets_map_back():
    raw = "Title here\n- Advertisement -\nFirst paragraph.\nLeave a Reply\n8 hours ago 1\nSecond one.\nRead Entire Article\n"
    view = clean_view(raw)
    assert view.text == "Title here\n\nFirst paragraph.\n\nSecond one."
    clean_start = view.text.index("Second")
    raw_start = [r + (clean_start - c) for c, r, n in view.segments if c <= clean_start < c + n][0]
    assert raw[raw_start:raw_start + 6] == "Second"


def test_repeated_captions_and_teasers_collapse():
    caption = "Militants rest in the desert outside Menaka on March 14, 2020. [Photo/AFP]"
    teaser = "Jihadists have multiplied attacks in the west, but also in the…"
    full = "Jihadists have multiplied attacks in the west, but also in the outskirts of Bamako."
    view = clean_view(f"{caption}\n\n{caption}\n{teaser}\n\n{full}\n")
    assert view.text.count("Militants rest") == 1
    assert view.text.count("Jihadists have") == 1 and "outskirts" in view.text


def test_raw_offset_maps_clean_text_to_the_file(tmp_path):
    path = write(tmp_path, "a.txt", b"Head\n\n\n  Body with Kayes.\n")
    article = load_article(path)
    start = article.text.index("Kayes")
    assert article.raw[article.raw_offset(start):article.raw_offset(start) + 5] == "Kayes"


def test_seed_corpus_loads_with_metadata():
    articles, problems = load_corpus(article_files(Path(__file__).parents[2] / "seeds"))
    assert not problems and len(articles) == 5
    assert all(a.published and a.title for a in articles)
    assert {a.source for a in articles} >= {"Al Jazeera", "APA", "Al-Mashareq"}


def test_terminal_escapes_in_articles_become_visible_symbols(tmp_path):
    data = "---\ntitle: \"Bad \\e[2J title\"\n---\nHeadline\n\nText with \x1b[31mred\x1b[0m and a bell\x07 and [bold]markup[/].\n"
    article = load_article(write(tmp_path, "a.md", data.encode()))
    assert "\x1b" not in article.text and "\x07" not in article.text and "\x1b" not in article.title
    assert "␛[31mred␛[0m" in article.text and "[bold]markup[/]" in article.text


def test_an_alias_bomb_in_front_matter_is_refused_with_a_reason(tmp_path):
    from tests.core.test_knowledge import ALIAS_BOMB

    path = tmp_path / "bomb.md"
    path.write_text("---\n" + ALIAS_BOMB.replace("actors: [{id: x, name: X, type: person, aliases: *h}]",
                                                 "title: *h") + "---\nGunmen attacked Kayes.\n")
    with pytest.raises(ArticleError, match="front matter refused: .*alias expansion"):
        load_article(path)


def test_a_file_too_large_for_an_article_is_skipped_with_its_size(tmp_path, monkeypatch):
    import sahel_tui.core.corpus as corpus

    monkeypatch.setattr(corpus, "MAX_ARTICLE_BYTES", 1_000_000)
    path = tmp_path / "huge.txt"
    path.write_text("Gunmen attacked Kayes. " * 100_000)
    with pytest.raises(ArticleError, match=r"too large for an article \(2 MB; the limit is 1 MB\)"):
        load_article(path)
