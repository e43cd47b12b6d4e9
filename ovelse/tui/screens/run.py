"""The run screen: the current innspill large, the clock, where we are, facilitator notes, latest log.

Two views, and a marker that always says which one is on screen:

* the room-safe view («Rommet ser dette», the default after set-up and on resume): only what the room may
  see – no facilitator notes, prompts, log or position; keys that would show such things ask first;
* the facilitator view («Bare for deg»): everything, with the choices pinned below the innspill.

``V`` switches between them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from ovelse.i18n import N_, _
from ovelse.scenario.checks import distances_to_end
from ovelse.tui.keys import HELP, QUIT_TOOLTIP, choice_bindings, keys
from ovelse.tui.names import objective_text, role_name
from ovelse.tui.safetext import one_line
from ovelse.tui.screens.engine_calls import EngineCalls
from ovelse.tui.widgets.facilitator import FacilitatorPanel
from ovelse.tui.widgets.footer import Bunntekst
from ovelse.tui.widgets.innspill import Block, InnspillPanel, InnspillView, room_item, textual_blocks
from ovelse.tui.widgets.logpanel import LogPanel
from ovelse.tui.widgets.topbar import TITLE_MIN_WIDTH, TopBar, clock_content

if TYPE_CHECKING:
    from ovelse.scenario.model import Inject, Node, Scenario
    from ovelse.tui.screens.correct import CorrectionInput
    from ovelse.tui.screens.decision import DecisionInput
    from ovelse.tui.screens.observation import ObservationInput


_CHOOSE = N_("Velg alternativet med det nummeret (valgene står under innspillet)")

ENDED_OFF = frozenset(
    {"choose", "next", "back", "decision", "observation", "note", "pause", "inject", "jump", "reveal", "hide"}
    | {"blank", "facts", "participants"}
)
"""Actions that can do nothing once the exercise has ended (hidden from the footer then)."""

FACILITATOR_ONLY = frozenset({"decision", "observation", "note", "log", "debrief", "participants", "prompts"})
"""Actions that put facilitator-only things on screen: in the room-safe view they ask first."""

_WHAT_SHOWS: dict[str, str] = {
    "decision": N_("Beslutningsskjemaet"),
    "observation": N_("Observasjonsskjemaet (observasjoner om navngitte personer)"),
    "note": N_("Notatskjemaet"),
    "log": N_("Hele loggen, med observasjoner og notater"),
    "debrief": N_("Evalueringen"),
    "participants": N_("Deltakerlisten"),
    "prompts": N_("Stikkordene for øvingslederen"),
}


class RunScreen(EngineCalls, Screen[None]):
    """Runs the exercise. Every key is one engine call; the screen then re-renders from engine state."""

    HELP_TITLE = N_("under øvelsen")
    BINDINGS = [
        HELP,
        *choice_bindings("", _CHOOSE),
        Binding(
            keys("n", "right"),
            "next",
            N_("Neste"),
            id="neste",
            tooltip=N_("Neste innspill (når innspillet ikke har valg)"),
        ),
        Binding(
            keys("b", "left"), "back", N_("Tilbake"), id="tilbake", tooltip=N_("Tilbake til forrige innspill")
        ),
        Binding(
            keys("v"),
            "toggle_view",
            N_("Visning"),
            id="visning",
            tooltip=N_("Bytt mellom rommets visning og øvingsledervisningen (notater, logg, stikkord)"),
        ),
        Binding(
            keys("s", "space"),
            "reveal",
            N_("Vis neste"),
            id="vis-neste",
            tooltip=N_("Vis rommet neste melding, så spørsmålene, så valgene"),
        ),
        Binding(
            keys("h"),
            "hide",
            N_("Skjul igjen"),
            id="skjul",
            show=False,
            tooltip=N_("Skjul meldinger, spørsmål og valg for rommet igjen"),
        ),
        Binding(
            keys("z"),
            "blank",
            N_("Blank"),
            id="blank",
            tooltip=N_("Gjør rommets skjerm blank, eller vis den igjen"),
        ),
        Binding(
            keys("d"),
            "decision",
            N_("Beslutning"),
            id="beslutning",
            tooltip=N_("Logg en beslutning: tekst, ansvarlige roller, begrunnelse, uenighet"),
        ),
        Binding(
            keys("o"),
            "observation",
            N_("Observasjon"),
            id="observasjon",
            tooltip=N_("Observasjon mot øvingsmålene"),
        ),
        Binding(keys("m"), "note", N_("Notat"), id="notat", tooltip=N_("Fritt notat i loggen")),
        Binding(
            keys("k"),
            "prompts",
            N_("Stikkord"),
            id="stikkord",
            tooltip=N_("Stikkord til øvingslederen når diskusjonen går i stå"),
        ),
        Binding(
            keys("p"),
            "pause",
            N_("Pause"),
            id="pause",
            tooltip=N_("Pause eller fortsett (øvingsklokken står stille)"),
        ),
        Binding(
            keys("i"),
            "inject",
            N_("Ekstra"),
            id="ekstra-innspill",
            tooltip=N_("Gi et av de ekstra innspillene"),
        ),
        Binding(
            keys("g"), "jump", N_("Hopp"), id="hopp", tooltip=N_("Hopp til et hvilket som helst innspill")
        ),
        Binding(
            keys("l"),
            "log",
            N_("Logg"),
            id="logg",
            tooltip=N_("Hele loggen: rett eller trekk tilbake oppføringer"),
        ),
        Binding(
            keys("r"), "participants", N_("Deltakere"), id="deltakere", tooltip=N_("Deltakere og roller")
        ),
        Binding(
            keys("e"),
            "debrief",
            N_("Evaluering"),
            id="evaluering",
            tooltip=N_("Evaluering: øvingsmål, læringspunkter, tiltak og avslutning"),
        ),
        Binding("escape", "close_inject", N_("Tilbake til innspillet"), id="lukk-innspill", show=False),
        Binding(
            keys("w"),
            "room_page",
            N_("Nettside"),
            id="rommets-side",
            tooltip=N_("Åpne rommets side i nettleseren (for prosjektoren); du beholder denne visningen"),
        ),
        Binding(
            keys("f"),
            "facts",
            N_("Fakta"),
            id="fakta",
            show=False,
            tooltip=N_("Rett faktaene om øvelsen: sted, dato, øvingsleder, formål"),
        ),
        Binding(keys("q"), "app.quit_app", N_("Avslutt"), tooltip=QUIT_TOOLTIP, id="run-avslutt"),
    ]

    PALETTE_SKIP_ACTIONS = ("choose",)
    """The palette offers «Velg 1: …» by name instead (see :meth:`palette_commands`)."""

    projector: reactive[bool] = reactive(False, init=False)
    """True: the room-safe view (what the room may see); False: the facilitator view."""

    def __init__(self, *, room_safe: bool = False) -> None:
        super().__init__()
        self._showing_inject: str | None = None
        self._distances: dict[str, int] | None = None
        self._awaiting_dialog = False
        self._start_room_safe = room_safe
        self.rendered_seq = 0
        """The last journal event the screen shows (the benchmark watches it)."""

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield Static(id="view-marker")
        yield Static(
            Content(_("PAUSE – trykk P for å fortsette. Øvingsklokken står stille.")), id="pause-banner"
        )
        with Horizontal(id="run-body"):
            with Vertical(id="innspill-column"):
                yield InnspillPanel(id="innspill")
                yield Static(id="pinned")
            with Vertical(id="sidebar"):
                yield Static(Content(_("Posisjon")), classes="side-title")
                yield Static(id="position")
                with VerticalScroll(id="facilitator-box"):
                    yield Static(Content(_("Bare for øvingsleder")), classes="side-title")
                    yield FacilitatorPanel(id="facilitator")
                yield Static(Content(_("Siste i loggen")), classes="side-title")
                with VerticalScroll(id="log-box"):
                    yield LogPanel(id="latest-log")
        yield Bunntekst()

    def on_mount(self) -> None:
        self._width_classes(self.app.size.width)  # before the first render: the clock's form depends on it
        self.query_one("#innspill").focus()
        self.set_reactive(RunScreen.projector, self._start_room_safe)
        self.set_class(self._start_room_safe, "-projector")
        self.refresh_view()
        self.set_interval(1.0, self.refresh_clock)

    def on_screen_resume(self) -> None:
        # After a dialog, its callback re-renders once (with the engine's new state); no double repaint.
        if self._awaiting_dialog:
            self._awaiting_dialog = False
            return
        self.refresh_view()

    def ask(self, dialog: Screen[Any], callback: Callable[[Any], None]) -> None:
        """Push a dialog whose result callback does the engine call and the re-render."""
        self._awaiting_dialog = True
        self.app.push_screen(dialog, callback)

    def _width_classes(self, width: int) -> None:
        self.set_class(width < 120, "-narrow")
        self.set_class(width >= 120, "-wide")
        self.set_class(width >= 180, "-huge")

    def on_resize(self, event: events.Resize) -> None:
        self._width_classes(event.size.width)
        if self.is_mounted:
            self.refresh_clock()  # the clock's short form depends on the width
            self.refresh_title()  # so does the title's

    def watch_projector(self, projector: bool) -> None:
        self.set_class(projector, "-projector")
        if self.is_mounted:
            self.refresh_view()

    # ------------------------------------------------------------------ rendering
    def _scenario(self) -> Scenario:
        return self.session.scenario

    def current_item(self) -> Node | Inject | None:
        scenario = self._scenario()
        if self._showing_inject is not None:
            return scenario.inject_map.get(self._showing_inject)
        node_id = self.session.state.current_node
        return scenario.node_map.get(node_id) if node_id else None

    def innspill_view(self) -> InnspillView | None:
        session = self.session
        state = session.state
        scenario = self._scenario()
        flags = frozenset(state.flags)
        if self._showing_inject is not None:
            inject = scenario.inject_map.get(self._showing_inject)
            if inject is not None:
                return InnspillView(inject, scenario, flags, is_extra=True)
        node = scenario.node_map.get(state.current_node) if state.current_node else None
        if node is None:
            return None
        from ovelse.room.snapshot import state_reveal

        choices = tuple(label for _i, label in self.choice_labels())
        messages = tuple(session.visible_messages())
        next_title = None
        if not choices and node.next and node.next in scenario.node_map:
            next_title = scenario.node_map[node.next].title
        return InnspillView(
            node,
            scenario,
            flags,
            choices=choices,
            next_title=next_title,
            is_end=node.end,
            ended=state.is_ended,
            step=len(state.trail),
            messages=messages,
            reveal=state_reveal(state),
        )

    def choice_labels(self) -> list[tuple[int, str]]:
        """(engine index, label) of the choices available now, in the order the keys 1–9 take them."""
        return [(index, choice.label) for index, choice in self.session.available_choices()]

    def split_blocks(self, view: InnspillView) -> tuple[list[Block], list[Block]]:
        """(the innspill, its choices): the one renderer's blocks, the choices pinned below the scroll.

        The room-safe view leaves out what the room has not been shown yet; the facilitator's view shows
        all of it, with the unrevealed blocks marked ``-hidden`` (dimmed)."""
        from ovelse.room.render import item_blocks

        reveal = view.reveal if not view.is_extra else None
        shared = [b for b in item_blocks(room_item(view), ended=view.ended, reveal=reveal) if b.kind != "end"]
        if self.projector:
            shared = [b for b in shared if not b.hidden]
        body = [b for b in shared if b.section != "choices"]
        choices = [b for b in shared if b.section == "choices"]
        heading = _("Valg") if self.projector else _("Valg – trykk tallet")
        return (
            textual_blocks(body, "innspill"),
            textual_blocks(choices, "innspill", choices_heading=heading),
        )

    def room_status(self) -> Content:
        """What the room sees of this innspill now (the facilitator's view says it in one line)."""
        session = self.session
        room = session.room_view
        node = session.current_node
        if node is None:
            return Content("")
        if room.blank:
            return Content.styled(_("Rommets skjerm er blank (Z viser den igjen)."), "bold $text-warning")
        parts = []
        count = len(session.visible_messages())
        if count:
            parts.append(_("{shown} av {count} meldinger").format(shown=room.messages_shown, count=count))
        if node.questions:
            parts.append(_("spørsmålene vises") if room.questions_shown else _("spørsmålene er skjult"))
        if session.available_choices():
            parts.append(_("valgene vises") if room.choices_shown else _("valgene er skjult"))
        if not parts:
            return Content("")
        return Content.styled(_("Rommet ser: {what}").format(what=", ".join(parts)), "$text-muted")

    def pinned_content(self, view: InnspillView | None, choices: list[Block]) -> Content:
        """What the room decides between, always on screen: the choices, or how to go on."""
        room = self.projector
        lines: list[Content] = []
        if view is None:
            return Content("")
        if view.choices:
            for css, body in choices:
                style = "bold $text-accent" if "heading" in css else ""
                if "-hidden" in css:
                    style = "$text-muted"
                lines.append(body.stylize(style) if style else body)
            if room and not choices:
                return Content("")  # not revealed yet
        elif view.is_extra:
            if not room:
                lines.append(
                    Content.styled(_("Trykk Esc eller N for å gå tilbake til innspillet."), "$text-muted")
                )
        elif view.ended:
            lines.append(Content.styled(_("Øvelsen er avsluttet."), "bold $text-warning"))
        elif view.is_end:
            lines.append(Content.styled(_("Scenarioet slutter her."), "bold $text-warning"))
            if not room:
                lines.append(Content.styled(_("Trykk E for evaluering."), "$text-muted"))
        elif room:
            pass  # no «Neste: …» in the room: it would tell the room what comes before they discuss
        elif view.next_title:
            lines.append(
                Content.styled(
                    _("Trykk N for neste innspill: {title}").format(title=one_line(view.next_title)),
                    "$text-muted",
                )
            )
        else:
            lines.append(
                Content.styled(_("Ingen valg er tilgjengelige her. Bruk G for å hoppe."), "$text-warning")
            )
        return Content("\n").join(lines)

    def marker_content(self) -> Content:
        if self.projector:
            return Content.assemble(
                (" " + _("Rommet ser dette") + " ", "bold reverse $text-success"),
                (
                    "  " + _("V: øvingsledervisning med notater · S: vis neste · F1: alle taster"),
                    "$text-muted",
                ),
            )
        status = self.room_status() if self._showing_inject is None else Content("")
        return Content.assemble(
            (" " + _("Bare for deg") + " ", "bold reverse $text-warning"),
            "  ",
            status
            if status.plain
            else Content.styled(_("Ikke vis dette på prosjektoren. V: rommets visning"), "$text-muted"),
        )

    def refresh_view(self) -> None:
        if self.ovelse.session is None or not self.is_mounted:
            return
        item = self.current_item()
        state = self.session.state
        self.rendered_seq = state.last_seq
        self.set_class(bool(state.paused), "-paused")
        view = self.innspill_view()
        blank = self.projector and self.session.room_view.blank and self._showing_inject is None
        self.set_class(blank, "-blank")
        if blank:
            view = None
        title = one_line(view.item.title) if view is not None and self.projector else ""
        body, choices = self.split_blocks(view) if view is not None else ([], [])
        self.query_one(InnspillPanel).show_blocks(body, title)
        pinned = self.pinned_content(view, choices)
        pinned_widget = self.query_one("#pinned", Static)
        pinned_widget.update(pinned)
        pinned_widget.display = bool(pinned.plain)
        self.query_one("#view-marker", Static).update(self.marker_content())
        self.query_one(FacilitatorPanel).show(item, projector=self.projector)
        if not self.projector:
            self.query_one("#position", Static).update(self.position_content())
            self.query_one(LogPanel).show(state.log, self._scenario())
        else:
            self.query_one("#position", Static).update(Content(""))
            self.query_one(LogPanel).update(Content(""))
        self.refresh_title()
        self.refresh_clock()
        self.refresh_bindings()
        self.ovelse.publish_room()

    def refresh_title(self) -> None:
        state = self.session.state
        meta = self._scenario().meta
        facts = state.facts
        municipality = facts.municipality if facts is not None else meta.municipality
        title = Content.assemble((one_line(meta.title), "bold"), " · ", one_line(municipality))
        if not self.has_class("-narrow"):  # narrow: the exercise's own title matters more than the program's
            title = Content.assemble(("ovelse", "bold $text-accent"), " · ", title)
        self.query_one(TopBar).set_title(title)

    def refresh_clock(self) -> None:
        if self.ovelse.session is None or not self.is_mounted:
            return
        session = self.session
        state = session.state
        elapsed = session.elapsed_now()
        node = self._scenario().node_map.get(state.current_node) if state.current_node else None
        node_elapsed = state.node_elapsed(elapsed) if state.current_node else None
        args = (
            elapsed,
            self._scenario().meta.duration_minutes,
            node_elapsed,
            node.duration_minutes if node else None,
            bool(state.paused),
        )
        content = clock_content(*args, short=self.has_class("-narrow"))
        if content.cell_length + 4 + TITLE_MIN_WIDTH > self.size.width:  # + the two paddings
            content = clock_content(*args, compact=True)  # leave room for the title
        self.query_one(TopBar).set_clock(content)

    def position_content(self) -> Content:
        """Where we are on the way the exercise has taken: innspill done, and how many at least remain.

        It counts the current path (going back removes a step, a jump adds one), not every visit."""
        scenario = self._scenario()
        state = self.session.state
        node = scenario.node_map.get(state.current_node) if state.current_node else None
        if node is None:
            return Content.styled(_("Øvelsen har ikke startet."), "$text-muted")
        if self._distances is None:
            self._distances = distances_to_end(scenario)
        done = max(0, len(state.trail) - 1)
        left = self._distances.get(node.id)
        if node.end:
            where = _("Innspill {step} på veien · scenarioet slutter her").format(step=done + 1)
        elif left is not None:
            where = _("Innspill {step} på veien · {done} bak oss, minst {left} igjen til en slutt").format(
                step=done + 1, done=done, left=left
            )
        else:
            where = _("Innspill {step} på veien · {done} bak oss, ingen vei til en slutt herfra").format(
                step=done + 1, done=done
            )
        lines = [Content.styled(where, "bold")]
        if node.phase:
            lines.append(Content(one_line(node.phase)))
        recent = [scenario.node_map[s].title for s, _f in state.trail[-4:-1] if s in scenario.node_map]
        if recent:
            lines.append(Content.styled(_("Før: ") + " → ".join(one_line(t) for t in recent), "$text-muted"))
        for objective in node.objectives:
            lines.append(
                Content.styled(f"{one_line(objective)}: {objective_text(scenario, objective)}", "$text-muted")
            )
        missing = state.missing_roles(list(dict.fromkeys([*scenario.roles.required, *node.roles])))
        if missing:
            lines.append(
                Content.assemble(
                    (_("Ingen har rollen: "), "$text-warning"),
                    ", ".join(role_name(scenario, r) for r in missing),
                )
            )
        if state.paused:
            lines.append(Content.styled(_("Pause"), "bold $text-warning"))
        if state.is_ended:
            lines.append(Content.styled(_("Øvelsen er avsluttet."), "bold $text-warning"))
        return Content("\n").join(lines)

    # ------------------------------------------------------------------ keys that can do nothing now
    def why_not(self, action: str, parameters: tuple[object, ...] = ()) -> str | None:
        """Why ``action`` can do nothing right now (one line for the user), or None when it can."""
        state = self.session.state
        if action in ENDED_OFF and state.is_ended:
            return _("Øvelsen er avsluttet; tastene i bunnlinjen virker fortsatt.")
        if action == "choose":
            if self._showing_inject is not None:
                return _("Et ekstra innspill vises. Trykk Esc for å gå tilbake til innspillet og valgene.")
            count = len(self.choice_labels())
            number = parameters[0] if parameters else 1
            if not count:
                return _("Dette innspillet har ingen valg. Trykk N for neste, eller G for å hoppe.")
            if isinstance(number, int) and number > count:
                return _("Det er bare {count} valg her.").format(count=count)
        if action == "next" and self._showing_inject is None:
            node = self._scenario().node_map.get(state.current_node) if state.current_node else None
            if node is not None and node.end:
                return _("Scenarioet slutter her. Trykk E for evaluering.")
            if node is not None and not node.next:
                return _("Innspillet har valg: trykk tallet for valget rommet tar.")
        if action == "back" and not state.can_go_back():
            return _("Dette er det første innspillet; det finnes ingenting å gå tilbake til.")
        if action in ("reveal", "hide", "blank"):
            if self._showing_inject is not None:
                return _("Et ekstra innspill vises. Trykk Esc for å gå tilbake til innspillet.")
            if action == "reveal" and self.everything_shown():
                return _("Rommet ser allerede alt i dette innspillet.")
            if action == "hide" and self.nothing_shown():
                return _("Rommet ser ingenting av dette innspillet ennå.")
        return None

    def everything_shown(self) -> bool:
        session = self.session
        room = session.room_view
        node = session.current_node
        return (
            room.messages_shown >= len(session.visible_messages())
            and (room.questions_shown or not (node and node.questions))
            and (room.choices_shown or not session.available_choices())
        )

    def nothing_shown(self) -> bool:
        room = self.session.room_view
        return not (room.messages_shown or room.questions_shown or room.choices_shown)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.ovelse.session is None:
            return True
        if action == "close_inject":
            return self._showing_inject is not None
        if action in ENDED_OFF and self.session.state.is_ended:
            return False  # after the end the footer shows only what still works
        # None (shown dimmed), never False (hidden): the footer keeps its layout from innspill to innspill.
        return True if self.why_not(action, parameters) is None else None

    def on_key(self, event: events.Key) -> None:
        """A key whose action can do nothing now says why in one line instead of silence."""
        for binding in self.BINDINGS:
            if not isinstance(binding, Binding) or event.key not in binding.key.split(","):
                continue
            action, _sep, rest = binding.action.partition("(")
            parameters: tuple[object, ...] = (int(rest.rstrip(")")),) if rest else ()
            reason = self.why_not(action, parameters)
            if reason:
                event.stop()
                self.app.notify(reason, markup=False, timeout=3)
            return

    # ------------------------------------------------------------------ room-safe view
    def guarded(self, action: str, then: Callable[[], None]) -> None:
        """In the room-safe view, ask before showing facilitator-only things; yes switches views on purpose."""
        if not self.projector or action not in FACILITATOR_ONLY:
            then()
            return
        from ovelse.tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.projector = False
                then()

        self.app.push_screen(
            ConfirmScreen(
                _("Bytte til øvingsledervisningen?"),
                _(
                    "{what} er bare for øvingslederen. Rommet ser det om skjermen er speilet til prosjektoren."
                ).format(what=_(_WHAT_SHOWS[action])),
                yes=_("Bytt og vis"),
                no=_("Bli i rommets visning"),
            ),
            answer,
        )

    def action_room_page(self) -> None:
        if self.ovelse.open_room_page() is not None and self.projector:
            self.projector = False  # the room has its own page now: the laptop shows the facilitator's view

    def action_facts(self) -> None:
        from ovelse.tui.screens.correct import CorrectForm
        from ovelse.tui.screens.log import facts_fields

        def save(value: CorrectionInput) -> object:
            return self.session.edit_facts(reason=value.reason, **value.fields)

        self.ask(
            CorrectForm(
                _("Fakta om øvelsen"), facts_fields(self.session), today=self.session.today(), save=save
            ),
            self.saved(_("Faktaene er rettet.")),
        )

    def action_toggle_view(self) -> None:
        self.projector = not self.projector
        if self.projector:
            self.app.notify(_("Rommets visning: bare det rommet skal se."), markup=False, timeout=3)

    # ------------------------------------------------------------------ engine calls
    def action_choose(self, number: int) -> None:
        labels = self.choice_labels()
        if not 1 <= number <= len(labels):
            return
        self.call(self.session.choose, labels[number - 1][0])

    def action_next(self) -> None:
        if self._showing_inject is not None:
            self.action_close_inject()
            return
        self.call(self.session.advance)

    def action_back(self) -> None:
        self.call(self.session.back)

    def action_close_inject(self) -> None:
        self._showing_inject = None
        self.refresh_view()

    def action_reveal(self) -> None:
        self.call(self.session.reveal_next)

    def action_hide(self) -> None:
        self.call(self.session.set_room_view, messages_shown=0, questions_shown=False, choices_shown=False)

    def action_blank(self) -> None:
        self.call(self.session.set_room_view, blank=not self.session.room_view.blank)

    def action_pause(self) -> None:
        if self.session.state.paused:
            self.call(self.session.resume)
            return
        from ovelse.tui.screens.pause import PauseForm

        self.ask(
            PauseForm(save=lambda until: self.session.pause(until=until or None)),
            self.saved(_("Pause. Øvingsklokken står stille.")),
        )

    def saved(self, message: str, then: Callable[[Any], None] | None = None) -> Callable[[Any], None]:
        """Result callback for a form that saves through the engine itself: it is dismissed with a value
        only after the engine has written the entry (None when cancelled; nothing was written then)."""

        def done(value: Any) -> None:
            if value is None:
                return
            if then is not None:
                then(value)
            self.refresh_view()
            self.app.notify(message, markup=False)

        return done

    def action_decision(self) -> None:
        self.guarded("decision", self._decision)

    def _decision(self) -> None:
        from ovelse.tui.screens.decision import DecisionForm

        def save(value: DecisionInput) -> object:
            return self.session.log_decision(
                value.text,
                roles=value.roles,
                rationale=value.rationale,
                disagreement=value.disagreement,
                open_question=value.open_question,
            )

        item = self.current_item()
        suggested = list(getattr(item, "roles", None) or [])
        self.ask(
            DecisionForm(self.role_options(), suggested=suggested, save=save),
            self.saved(_("Beslutningen er lagret.")),
        )

    def action_observation(self) -> None:
        self.guarded("observation", self._observation)

    def _observation(self) -> None:
        from ovelse.tui.screens.observation import ObservationForm

        item = self.current_item()
        suggested = list(getattr(item, "objectives", []) or [])

        def save(value: ObservationInput) -> object:
            return self.session.observe(value.text, observer=value.observer, objectives=value.objectives)

        def remember_observer(value: ObservationInput) -> None:
            self.ovelse.last_observer = value.observer or ""

        self.ask(
            ObservationForm(self.objective_options(), suggested, self.ovelse.last_observer, save=save),
            self.saved(_("Observasjonen er lagret."), remember_observer),
        )

    def action_note(self) -> None:
        self.guarded("note", self._note)

    def _note(self) -> None:
        from ovelse.tui.screens.note import NoteForm

        def save(text: str) -> object:
            return self.session.note(text)

        self.ask(NoteForm(save=save), self.saved(_("Notatet er lagret.")))

    def action_prompts(self) -> None:
        self.guarded("prompts", self._prompts)

    def _prompts(self) -> None:
        from ovelse.tui.screens.prompts import PromptsScreen

        self.app.push_screen(PromptsScreen(self.current_item()))

    def action_inject(self) -> None:
        from ovelse.tui.screens.picker import PickerScreen, PickItem

        state = self.session.state
        available = {inject.id for inject in self.session.available_injects()}
        items = []
        for inject in self._scenario().injects:
            if inject.id in available:
                detail = ""
            elif state.inject_fired(inject.id):
                detail = _("allerede gitt")
            else:
                detail = _("passer ikke med veien øvelsen har tatt")
            items.append(PickItem(inject.id, inject.title, detail, disabled=inject.id not in available))
        if not items:
            self.app.notify(_("Scenarioet har ingen ekstra innspill."), markup=False)
            return
        self.ask(PickerScreen(_("Gi et ekstra innspill"), items), self._fire_inject)

    def _fire_inject(self, inject_id: str | None) -> None:
        if inject_id is None:
            return
        result = self.call(self.session.fire_inject, inject_id)
        if result is not None:
            self._showing_inject = inject_id
            self.refresh_view()

    def action_jump(self) -> None:
        from ovelse.tui.screens.picker import PickerScreen, PickItem

        current = self.session.state.current_node
        items = [
            PickItem(
                n.id,
                n.title,
                " · ".join(x for x in (n.time or "", n.phase or "", n.id) if x),
                disabled=n.id == current,
            )
            for n in self._scenario().nodes
        ]
        self.ask(PickerScreen(_("Hopp til innspill"), items), self._jump)

    def _jump(self, node_id: str | None) -> None:
        if node_id is not None:
            self._showing_inject = None
            self.call(self.session.jump, node_id)

    def action_log(self) -> None:
        from ovelse.tui.screens.log import LogScreen

        self.guarded("log", lambda: self._push(LogScreen()))

    def action_participants(self) -> None:
        from ovelse.tui.screens.participants import ParticipantsScreen

        self.guarded("participants", lambda: self._push(ParticipantsScreen(setup=False)))

    def action_debrief(self) -> None:
        from ovelse.tui.screens.debrief import DebriefScreen

        self.guarded("debrief", lambda: self._push(DebriefScreen()))

    def _push(self, screen: Screen[None]) -> None:
        self.app.push_screen(screen)

    # ------------------------------------------------------------------ helpers for forms and palette
    def role_options(self) -> list[tuple[str, str]]:
        """Roles for a decision: the innspill's, those held in the room, then the scenario's."""
        scenario = self._scenario()
        item = self.current_item()
        state = self.session.state
        ids: list[str] = [*(getattr(item, "roles", None) or [])]
        for participant in state.active_participants():
            ids.extend(participant.roles)
        ids.extend(scenario.roles.required)
        ids.extend(scenario.roles.optional)
        ids.extend(r.id for r in scenario.roles.custom)
        return [(r, role_name(scenario, r)) for r in dict.fromkeys(ids)]

    def objective_options(self) -> list[tuple[str, str]]:
        return [(o.id, f"{o.id}: {one_line(o.text)}") for o in self._scenario().objectives]

    def palette_commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """Choices by name in the command palette (the keys 1–9 take them by number)."""
        out: list[tuple[str, str, Callable[[], Any]]] = []
        for number, (_index, label) in enumerate(self.choice_labels()[:9], start=1):
            out.append(
                (
                    _("Velg {number}: {label}").format(number=number, label=one_line(label)),
                    _("Tast: {key}").format(key=number),
                    partial(self.action_choose, number),
                )
            )
        return out
