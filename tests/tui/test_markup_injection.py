"""Scenario and log text is shown literally: markup, links and terminal escapes are never interpreted."""

from __future__ import annotations

from ovelse.tui.screens.run import RunScreen

from .conftest import (
    INJECTION,
    async_test,
    make_app,
    screen_segments,
    screen_text,
    settle,
    through_setup,
    type_text,
)

EVIL = "https://evil.example"


def _assert_inert(app) -> None:
    for segment in screen_segments(app):
        if segment.control:  # cursor moves of the renderer itself
            continue
        assert "\x1b" not in segment.text and "\x07" not in segment.text
        style = segment.style
        if style is not None:
            assert not style.link or EVIL not in style.link, segment
            assert "@click" not in (style.meta or {}), segment
            assert not style.blink, segment


@async_test
async def test_scenario_text_with_markup_and_escapes_is_shown_literally(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_files=[INJECTION])
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Tittel [bold]fet[/bold] rød" in text
        _assert_inert(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "Sammendrag klikk" in screen_text(app)
        _assert_inert(app)
        await through_setup(pilot, [("[bold]Ola[/bold] [link=https://evil.example]x[/link]", [0])])
        assert isinstance(app.screen, RunScreen)
        text = screen_text(app)
        for literal in (
            "Innspill [bold]A[/bold]",
            "Tekst med [link=https://evil.example]lenke[/link] og rødt og [/] og [@click=app.quit]klikk[/]",
            "Fra Avsender [i]kursiv[/i] til Rolle [b]fet[/b]",
            "Melding [reverse]omvendt[/reverse]",
            "Spørsmål [blink]blink[/blink]?",
            "Valg [bold]en[/bold]",
            "Notat [bold]fet[/bold]",
            "Hjelp [u]understrek[/u]",
            "Mål med [red]farge[/red]",
            "Test [link=https://evil.example]kommune[/link]",
        ):
            assert literal in text, literal
        _assert_inert(app)

        # What the referent types is literal too, in the log panel and the notification.
        await pilot.press("d")
        await settle(pilot)
        await type_text(pilot, "Vedtak [bold]viktig[/bold] [link=https://evil.example]her[/link]")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Vedtak [bold]viktig[/bold]" in screen_text(app)  # wrapped in the narrow log panel
        _assert_inert(app)

        # The extra inject, the jump list and the log screen.
        await pilot.press("i")
        await settle(pilot)
        assert "Ekstra [bold]innspill[/bold]" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "Tekst [link=https://evil.example]x[/link]" in screen_text(app)
        _assert_inert(app)
        await pilot.press("escape", "g")
        await settle(pilot)
        assert "Slutt [dim]dim[/dim]" in screen_text(app)
        await pilot.press("escape", "l")
        await settle(pilot)
        assert "Vedtak [bold]viktig[/bold]" in screen_text(app)
        _assert_inert(app)
        await pilot.press("escape", "r")
        await settle(pilot)
        assert "[bold]Ola[/bold] [link=https://evil.example]x[/link]" in screen_text(app)
        _assert_inert(app)
    assert app.return_code in (None, 0)
