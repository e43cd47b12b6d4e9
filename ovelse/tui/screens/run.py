"""The run screen: the current innspill large, the clock, where we are, facilitator notes, latest log.

Projector mode (V) hides everything the room should not see and gives the innspill the whole screen.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from ovelse.tui.keys import HELP, QUIT_TOOLTIP
from ovelse.tui.names import objective_text, role_name
from ovelse.tui.safetext import one_line
from ovelse.tui.screens.engine_calls import EngineCalls
from ovelse.tui.widgets.facilitator import FacilitatorPanel
from ovelse.tui.widgets.footer import Bunntekst
from ovelse.tui.widgets.innspill import InnspillPanel, InnspillView
from ovelse.tui.widgets.logpanel import LogPanel
from ovelse.tui.widgets.topbar import TITLE_MIN_WIDTH, TopBar, clock_content


def distances_to_end(scenario: Any) -> dict[str, int]:
    """For each node, the fewest innspill left until an end (0 at an end node). Computed once."""
    incoming: dict[str, list[str]] = {}
    ends: list[str] = []
    for node in scenario.nodes:
        targets = [c.target for c in node.choices]
        if node.next:
            targets.append(node.next)
        for target in targets:
            incoming.setdefault(target, []).append(node.id)
        if node.end:
            ends.append(node.id)
    distance = dict.fromkeys(ends, 0)
    queue = deque(ends)
    while queue:
        current = queue.popleft()
        for source in incoming.get(current, ()):
            if source not in distance:
                distance[source] = distance[current] + 1
                queue.append(source)
    return distance


_CHOOSE = "Velg alternativet med det nummeret (valgene står nederst i innspillet)"


class RunScreen(EngineCalls, Screen[None]):
    """Runs the exercise. Every key is one engine call; the screen then re-renders from engine state."""

    HELP_TITLE = "Øvelsen pågår"
    BINDINGS = [
        HELP,
        Binding("1", "choose(1)", "Velg", id="velg-1", key_display="1–9", tooltip=_CHOOSE),
        *[
            Binding(str(n), f"choose({n})", "Velg", id=f"velg-{n}", show=False, tooltip=_CHOOSE)
            for n in range(2, 10)
        ],
        Binding(
            "n,right", "next", "Neste", id="neste", tooltip="Neste innspill (når innspillet ikke har valg)"
        ),
        Binding("b,left", "back", "Tilbake", id="tilbake", tooltip="Tilbake til forrige innspill"),
        Binding(
            "d",
            "decision",
            "Beslutning",
            id="beslutning",
            tooltip="Logg en beslutning: tekst, ansvarlige roller, begrunnelse, uenighet",
        ),
        Binding("o", "observation", "Observasjon", id="observasjon", tooltip="Observasjon mot øvingsmålene"),
        Binding("m", "note", "Notat", id="notat", tooltip="Fritt notat i loggen"),
        Binding(
            "p", "pause", "Pause", id="pause", tooltip="Pause eller fortsett (øvelsesklokken står stille)"
        ),
        Binding(
            "v",
            "projector",
            "Projektor",
            id="projektor",
            tooltip="Projektorvisning: bare det rommet skal se, uten øvingslederens notater",
        ),
        Binding(
            "i",
            "inject",
            "Ekstra",
            id="ekstra-innspill",
            tooltip="Gi et ekstra innspill fra scenarioets pott",
        ),
        Binding("g", "jump", "Hopp", id="hopp", tooltip="Hopp til et hvilket som helst innspill"),
        Binding("l", "log", "Logg", id="logg", tooltip="Hele loggen: rett eller trekk tilbake oppføringer"),
        Binding("r", "participants", "Deltakere", id="deltakere", tooltip="Deltakere og roller"),
        Binding(
            "e",
            "debrief",
            "Evaluering",
            id="evaluering",
            tooltip="Evaluering: øvingsmål, læringspunkter, tiltak og avslutning",
        ),
        Binding("escape", "close_inject", "Tilbake til innspillet", id="lukk-innspill", show=False),
        Binding("q", "app.quit_app", "Avslutt", tooltip=QUIT_TOOLTIP, id="run-avslutt"),
    ]

    PALETTE_SKIP_ACTIONS = ("choose",)
    """The palette offers «Velg 1: …» by name instead (see :meth:`palette_commands`)."""

    projector: reactive[bool] = reactive(False)

    def __init__(self) -> None:
        super().__init__()
        self._showing_inject: str | None = None
        self._distances: dict[str, int] | None = None
        self._awaiting_dialog = False
        self.rendered_seq = 0

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield Static(
            Content("PAUSE – trykk P for å fortsette. Øvelsesklokken står stille."), id="pause-banner"
        )
        with Horizontal(id="run-body"):
            yield InnspillPanel(id="innspill")
            with Vertical(id="sidebar"):
                yield Static(Content("Her er vi"), classes="side-title")
                yield Static(id="position")
                with VerticalScroll(id="facilitator-box"):
                    yield Static(Content("Bare for øvingsleder"), classes="side-title")
                    yield FacilitatorPanel(id="facilitator")
                yield Static(Content("Siste i loggen"), classes="side-title")
                with VerticalScroll(id="log-box"):
                    yield LogPanel(id="latest-log")
        yield Bunntekst(compact=True)

    @property
    def session(self) -> Any:
        return self.app.session

    def on_mount(self) -> None:
        self.query_one("#innspill").focus()
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

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < 120, "-narrow")
        self.set_class(event.size.width >= 120, "-wide")
        self.refresh_clock()  # the clock's short form depends on the width
        if self.session is not None and self.is_mounted:
            self.refresh_title()  # so does the title's

    def watch_projector(self, projector: bool) -> None:
        self.set_class(projector, "-projector")
        if self.is_mounted:
            self.refresh_view()

    # ------------------------------------------------------------------ rendering
    def _scenario(self) -> Any:
        return self.session.scenario

    def current_item(self) -> Any:
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
        choices = tuple(label for _, label in self.choice_labels())
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
            step=len(state.path),
            messages=tuple(session.visible_messages()),
        )

    def choice_labels(self) -> list[tuple[int, str]]:
        """(engine index, label) of the choices available now, in the order the keys 1–9 take them."""
        out: list[tuple[int, str]] = []
        for index, choice in self.session.available_choices():
            out.append((index, choice.label))
        return out

    def refresh_view(self) -> None:
        if self.session is None:
            return
        item = self.current_item()
        state = self.session.state
        self.rendered_seq = state.last_seq
        """The last journal event the screen shows (the benchmark watches it)."""
        self.set_class(bool(state.paused), "-paused")
        self.query_one(InnspillPanel).show(self.innspill_view(), projector=self.projector)
        self.query_one(FacilitatorPanel).show(item, projector=self.projector)
        self.query_one("#position", Static).update(self.position_content())
        self.query_one(LogPanel).show(state.log, self._scenario())
        self.refresh_title()
        self.refresh_clock()
        self.refresh_bindings()

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
        session = self.session
        if session is None or not self.is_mounted:
            return
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
        scenario = self._scenario()
        state = self.session.state
        node = scenario.node_map.get(state.current_node) if state.current_node else None
        if node is None:
            return Content.styled("Øvelsen har ikke startet.", "$text-muted")
        if self._distances is None:
            self._distances = distances_to_end(scenario)
        lines = [
            Content.assemble(
                ("Innspill nr. ", ""),
                (str(len(state.path)), "bold"),
                f" av {len(scenario.nodes)} i scenarioet",
            )
        ]
        if node.phase:
            lines.append(Content.assemble("Fase: ", one_line(node.phase)))
        left = self._distances.get(node.id)
        if node.end:
            lines.append(Content.styled("Dette er en slutt i scenarioet.", "$text-warning"))
        elif left is not None:
            lines.append(Content(f"Minst {left} innspill igjen til slutt"))
        recent = [
            scenario.node_map[s.node_id].title for s in state.path[-4:-1] if s.node_id in scenario.node_map
        ]
        if recent:
            lines.append(Content.styled("Før: " + " → ".join(one_line(t) for t in recent), "$text-muted"))
        for objective in node.objectives:
            lines.append(
                Content.styled(f"{one_line(objective)}: {objective_text(scenario, objective)}", "$text-muted")
            )
        missing = state.missing_roles(list(dict.fromkeys([*scenario.roles.required, *node.roles])))
        if missing:
            lines.append(
                Content.assemble(
                    ("Ingen har rollen: ", "$text-warning"),
                    ", ".join(role_name(scenario, r) for r in missing),
                )
            )
        if state.paused:
            lines.append(Content.styled("Pause", "bold $text-warning"))
        if state.is_ended:
            lines.append(Content.styled("Øvelsen er avsluttet.", "bold $text-warning"))
        return Content("\n").join(lines)

    # ------------------------------------------------------------------ engine calls
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        if session is None:
            return True
        state = session.state
        if action == "choose":
            # None (shown dimmed), never False (hidden): the footer keeps its layout from innspill to innspill.
            if self._showing_inject is not None or state.is_ended:
                return None
            return True if len(self.choice_labels()) >= int(parameters[0]) else None  # type: ignore[arg-type]
        if action == "next":
            if self._showing_inject is not None:
                return True
            node = self._scenario().node_map.get(state.current_node) if state.current_node else None
            return None if state.is_ended or node is None or not node.next else True
        if action == "back":
            return None if state.is_ended or not state.can_go_back() else True
        if action == "close_inject":
            return self._showing_inject is not None
        if action in ("decision", "observation", "note", "pause", "inject", "jump"):
            return None if state.is_ended else True
        return True

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

    def action_pause(self) -> None:
        if self.session.state.paused:
            self.call(self.session.resume)
        else:
            self.call(self.session.pause)

    def action_projector(self) -> None:
        self.projector = not self.projector

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
        from ovelse.tui.screens.decision import DecisionForm

        def save(value: Any) -> Any:
            return self.session.log_decision(
                value.text,
                roles=value.roles,
                rationale=value.rationale,
                disagreement=value.disagreement,
                open_question=value.open_question,
            )

        self.ask(DecisionForm(self.role_options(), save=save), self.saved("Beslutningen er lagret."))

    def action_observation(self) -> None:
        from ovelse.tui.screens.observation import ObservationForm

        item = self.current_item()
        preselected = set(getattr(item, "objectives", []) or [])

        def save(value: Any) -> Any:
            return self.session.observe(value.text, observer=value.observer, objectives=value.objectives)

        def remember_observer(value: Any) -> None:
            self.app.last_observer = value.observer or ""

        self.ask(
            ObservationForm(self.objective_options(), preselected, self.app.last_observer, save=save),
            self.saved("Observasjonen er lagret.", remember_observer),
        )

    def action_note(self) -> None:
        from ovelse.tui.screens.note import NoteForm

        self.ask(NoteForm(save=lambda text: self.session.note(text)), self.saved("Notatet er lagret."))

    def action_inject(self) -> None:
        from ovelse.tui.screens.picker import PickerScreen, PickItem

        state = self.session.state
        available = {inject.id for inject in self.session.available_injects()}
        items = []
        for inject in self._scenario().injects:
            if inject.id in available:
                detail = ""
            elif state.inject_fired(inject.id):
                detail = "allerede gitt"
            else:
                detail = "passer ikke med veien øvelsen har tatt"
            items.append(PickItem(inject.id, inject.title, detail, disabled=inject.id not in available))
        if not items:
            self.app.notify("Scenarioet har ingen ekstra innspill.", markup=False)
            return
        self.ask(PickerScreen("Gi et ekstra innspill", items), self._fire_inject)

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
        self.ask(PickerScreen("Hopp til innspill", items), self._jump)

    def _jump(self, node_id: str | None) -> None:
        if node_id is not None:
            self._showing_inject = None
            self.call(self.session.jump, node_id)

    def action_log(self) -> None:
        from ovelse.tui.screens.log import LogScreen

        self.app.push_screen(LogScreen())

    def action_participants(self) -> None:
        from ovelse.tui.screens.participants import ParticipantsScreen

        self.app.push_screen(ParticipantsScreen(setup=False))

    def action_debrief(self) -> None:
        from ovelse.tui.screens.debrief import DebriefScreen

        self.app.push_screen(DebriefScreen())

    # ------------------------------------------------------------------ helpers for forms and palette
    def role_options(self) -> list[tuple[str, str]]:
        """Roles for a decision: the innspill's, those held in the room, then the scenario's."""
        scenario = self._scenario()
        item = self.current_item()
        state = self.session.state
        ids: list[str] = [*getattr(item, "roles", [])]
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
        out = []
        for number, (_, label) in enumerate(self.choice_labels()[:9], start=1):
            out.append(
                (
                    f"Velg {number}: {one_line(label)}",
                    f"Tast: {number}",
                    lambda n=number: self.action_choose(n),
                )
            )
        return out
