"""The reader keeps its place, the app survives shutdown, and the display adapts to the terminal."""
from __future__ import annotations

from textual.widgets import Sparkline
from textual.worker import Worker, WorkerState

from sahel_tui.tui.screens.reader import ReaderScreen
from sahel_tui.tui.themes import HIGH_CONTRAST, LOW_COLOUR, THEME_CYCLE, ascii_terminal, low_colour_terminal
from sahel_tui.tui.widgets.article_view import ArticleView, line_starts
from sahel_tui.tui.widgets.lists import SahelList
from sahel_tui.tui.widgets.sparkline import ascii_sparkline
from tests.tui.tui_helpers import loaded, screen_text, search_for, settle


async def open_late_hit(pilot) -> ReaderScreen:
    """The reader on the last search hit of a long article (far below the first screen)."""
    await settle(pilot)
    await search_for(pilot, "Mali")
    await pilot.press("enter")
    await settle(pilot)
    reader = pilot.app.screen
    assert isinstance(reader, ReaderScreen)
    await pilot.press("N")  # from the top, back round to the last hit
    await pilot.pause()
    return reader


def mark_in_view(reader: ReaderScreen) -> bool:
    scroller = reader.query_one("#reader-scroll")
    line = reader.query_one(ArticleView).line_of(reader._position)
    return scroller.scroll_y <= line < scroller.scroll_y + scroller.size.height


async def test_screen_scroll_to_works_on_the_reader(make_app) -> None:
    """ReaderScreen._scroll_to overrode Textual's Widget._scroll_to, which scroll_to calls."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_late_hit(pilot)
        reader.scroll_to(y=0, animate=False)  # raised TypeError before the rename
        await pilot.pause()
        reader.query_one("#reader-scroll").scroll_to(y=3, animate=False)
        await pilot.pause()
        assert reader.query_one("#reader-scroll").scroll_y == 3


async def test_resize_keeps_the_marked_sentence_in_view(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        reader = await open_late_hit(pilot)
        assert reader._position == loaded(reader).targets["hit"][-1].start
        await pilot.press("N")  # the hit before the last, mid-article (the view came down to the last): no clamping helps
        await settle(pilot)
        assert mark_in_view(reader) and reader.query_one("#reader-scroll").scroll_y > 0
        for size in ((60, 20), (80, 24), (120, 36)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            await pilot.pause()
            assert mark_in_view(reader), size


def test_line_starts_follow_textual_wrapping() -> None:
    paragraph = "one two three four five six seven eight nine ten"
    starts = line_starts(paragraph, 10)
    assert starts[0] == 0 and starts == sorted(starts) and len(starts) > 3
    assert all(paragraph[s - 1] == " " for s in starts[1:])  # every line starts at a word


async def test_a_worker_failing_after_shutdown_does_not_raise(make_app) -> None:
    """Worker errors after the screens are gone raised IndexError on screen_stack[0]."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        handle = app.handle
    assert not app.screen_stack
    worker: Worker[None] = Worker(app, lambda: None, name="late", group="library")
    worker._error = RuntimeError("late failure")  # as a library worker failing during shutdown
    app._worker_changed(Worker.StateChanged(worker, WorkerState.ERROR))
    app._on_main("show_status", "5 articles")
    app._from_thread("show_progress", 1, 2, "x")
    from sahel_tui.core.indexer import BuildReport

    app._library_ready(handle, BuildReport(action="none", reason="", articles=5, indexed=0, problems=(), seconds=0.0))


def test_terminal_detection() -> None:
    assert low_colour_terminal({"TERM": "linux"}, "truecolor")
    assert low_colour_terminal({"TERM": "xterm-256color"}, "standard")
    assert not low_colour_terminal({"TERM": "xterm-256color"}, "256")
    assert not low_colour_terminal({"TERM": "xterm", "COLORTERM": "truecolor"}, "standard")
    assert ascii_terminal({"TERM": "linux"}) and not ascii_terminal({"TERM": "xterm-256color"})
    assert ascii_terminal({"TERM": "xterm", "SAHEL_TUI_ASCII": "1"}) and not ascii_terminal(
        {"TERM": "linux", "SAHEL_TUI_ASCII": "0"})


def test_ascii_sparkline() -> None:
    assert ascii_sparkline([0, 1, 2, 7], 4) == " .:#"
    assert ascii_sparkline([], 10) == "" and len(ascii_sparkline([1.0] * 40, 10)) == 10


async def test_the_linux_console_gets_ascii_and_16_colours(make_app, monkeypatch) -> None:
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM")
    app = make_app(theme=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == LOW_COLOUR and app.has_class("-ascii")
        text = screen_text(app)
        assert "Enter Open" in text and "⏎" not in text
        assert not any(ch in text for ch in "━╸╺─▏▁▂▃▄▅▆▇"), "glyphs a console font lacks"
        await pilot.press("2")
        await settle(pilot)
        strip = app.screen.query_one(Sparkline)
        assert strip.data and set(str(strip.render())) <= set(" .:-=+*#")


async def test_without_colour_the_selected_row_is_reverse_video(make_app, monkeypatch) -> None:
    """Under NO_COLOR the selected row was grey on near-black, nearly invisible."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        results = app.screen.query_one("#search-results", SahelList)
        lines = [results.render_line(y) for y in range(6)]
        selected = [s for s in lines if any(seg.style and seg.style.reverse for seg in s)]
        assert selected and len(selected) < len(lines)


async def test_ctrl_t_walks_every_theme_including_high_contrast(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen = [app.theme]
        for _ in THEME_CYCLE:
            await pilot.press("ctrl+t")
            await pilot.pause()
            seen.append(app.theme)
        assert seen == [*THEME_CYCLE, THEME_CYCLE[0]] and HIGH_CONTRAST.name in seen


async def test_no_colour_on_the_linux_console_is_not_black_on_black(make_app, monkeypatch) -> None:
    """NO_COLOR keeps a truecolour theme: Textual's Monochrome filter blacks out an ANSI theme."""
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM")
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(theme=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme != LOW_COLOUR and app.has_class("-ascii")
        for _ in THEME_CYCLE:
            await pilot.press("ctrl+t")
            await pilot.pause()
            assert app.theme != LOW_COLOUR
