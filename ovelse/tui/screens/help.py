"""Help (F1 / ?): what the keys on the current screen do, and how an exercise runs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ovelse.i18n import N_, _

HOW_IT_WORKS = N_(
    "Slik går en diskusjonsøvelse: øvingslederen viser innspillene ett for ett, rommet diskuterer hva "
    "kommunen ville gjort, og referenten logger beslutninger, uenighet og åpne spørsmål. Observatørene "
    "noterer mot øvingsmålene. Til slutt evaluerer dere: vurder hvert øvingsmål, skriv læringspunkter og "
    "tiltak med ansvarlig og frist.\n\n"
    "Alt dere bekrefter lagres straks i journalen på disken. Om PC-en slås av, fortsetter dere med "
    "«ovelse resume JOURNAL» der dere slapp. Programmet starter i rommets visning («Rommet ser dette»): "
    "bare det rommet skal se, aldri øvingslederens notater. V bytter til øvingsledervisningen («Bare for "
    "deg»), S viser rommet neste melding, spørsmålene og valgene, Z gjør rommets skjerm blank."
)


def key_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """Every enabled key on the screen with its description (the same list the command palette offers)."""
    app = screen.app
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    by_description: dict[str, list[str]] = {}
    order: list[str] = []
    for _key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.system or binding.id is None:
            continue
        description = _(binding.tooltip or binding.description)
        if binding.group is not None:
            description = _(binding.group.description)
        display = app.get_key_display(binding)
        if description in by_description and any("–" in k for k in by_description[description]):
            continue  # a key range such as «1–9» already covers it
        if description not in by_description:
            by_description[description] = []
            order.append(description)
        if display not in by_description[description]:
            by_description[description].append(display)
    for description in order:
        keys = by_description[description]
        pair = (" / ".join(keys), description)
        if pair not in seen:
            seen.add(pair)
            rows.append(pair)
    return rows


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen it was opened from."""

    BINDINGS = [Binding("escape,q,Q,f1,question_mark", "close", N_("Lukk hjelpen"), id="hjelp-lukk")]

    def __init__(self, for_screen: Screen[object]) -> None:
        super().__init__(classes="dialog-screen")
        self._for_screen = for_screen

    def compose(self) -> ComposeResult:
        title = _(getattr(self._for_screen, "HELP_TITLE", "") or N_("denne skjermen"))
        with Vertical(classes="dialog", id="help-dialog"):
            yield Static(
                Content.styled(_("Hjelp – {screen}").format(screen=title), "bold"), classes="dialog-title"
            )
            with VerticalScroll(id="help-body"):
                yield Static(Content.styled(_("Taster"), "bold $text-accent"))
                with Vertical(id="help-keys"):
                    for key, description in key_rows(self._for_screen):
                        with Horizontal(classes="help-row"):
                            yield Static(Content(key), classes="help-key")
                            yield Static(Content(description), classes="help-description")
                yield Static(
                    Content.styled(
                        _("Alle handlinger finnes også i kommandopaletten (Ctrl+P)."), "$text-muted"
                    )
                )
                yield Static(Content(""))
                yield Static(Content.styled(_("Om øvelsen"), "bold $text-accent"))
                yield Static(Content(_(HOW_IT_WORKS)))
            yield Static(Content.styled(_("Esc lukker hjelpen."), "$text-muted"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
