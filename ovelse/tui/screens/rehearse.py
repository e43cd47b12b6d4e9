"""The rehearsal screen (``ovelse prøv FIL``): walk a scenario alone before the day, with nothing written.

The innspill is drawn by the one renderer (:func:`ovelse.room.render.item_blocks`) through the same
Textual adapter as the run screen, exactly as the room would see it (every message, the questions and
the open choices). Beside it, only for the facilitator: notes and prompts, the flags, time used against
the plan (this innspill and in all), and what is not visited yet of what can really be reached (the
condition-aware exploration). ``V`` shows the room's view alone, as on the projector.

The screen holds a :class:`ovelse.scenario.rehearse.Rehearsal` and a :class:`Stopwatch`, nothing else:
no session, no journal, no settings. The file is watched (one ``stat`` per poll); a save reloads it,
keeps the place when the innspill still exists and shows the findings on the spot when it has errors.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from ovelse.i18n import N_, _, ngettext
from ovelse.i18n.dates import timer
from ovelse.room.render import item_blocks
from ovelse.room.snapshot import inject_item, node_item, role_lookup
from ovelse.scenario.rehearse import Rehearsal, RehearsalError, Stopwatch
from ovelse.session.clock import Clock, SystemClock
from ovelse.tui.keys import HELP, choice_bindings, keys
from ovelse.tui.names import objective_text
from ovelse.tui.safetext import one_line
from ovelse.tui.screens.findings import findings_content
from ovelse.tui.widgets.facilitator import FacilitatorPanel
from ovelse.tui.widgets.footer import Bunntekst
from ovelse.tui.widgets.innspill import Block, InnspillPanel, textual_blocks
from ovelse.tui.widgets.topbar import TITLE_MIN_WIDTH, TopBar, clock_content

if TYPE_CHECKING:
    from ovelse.scenario.model import Inject, Node, Scenario

POLL_SECONDS = 0.1
"""How often the file is looked at (one ``stat``; the reload itself only when it was saved)."""
LIST_MAX = 6
"""How many not-yet-visited innspill or branches are named before «… og N til»."""

_CHOOSE = N_("Ta valget med det nummeret (som rommet ville gjort)")


class RehearseScreen(Screen[None]):
    """Rehearse a scenario: moves as in the exercise, a jump anywhere, no journal, reload on save."""

    CSS_PATH = "rehearse.tcss"
    HELP_TITLE = N_("prøving")
    BINDINGS = [
        HELP,
        *choice_bindings("prov-", _CHOOSE),
        Binding(
            keys("n", "right"),
            "next",
            N_("Neste"),
            id="prov-neste",
            tooltip=N_("Neste innspill (når innspillet ikke har valg)"),
        ),
        Binding(
            keys("b", "left"),
            "back",
            N_("Tilbake"),
            id="prov-tilbake",
            tooltip=N_("Tilbake dit du var, med flaggene slik de var der"),
        ),
        Binding(
            keys("g"),
            "jump",
            N_("Hopp"),
            id="prov-hopp",
            tooltip=N_("Hopp til et hvilket som helst innspill (flaggene blir som de er)"),
        ),
        Binding(
            keys("i"), "inject", N_("Ekstra"), id="prov-ekstra", tooltip=N_("Se et av de ekstra innspillene")
        ),
        Binding(
            keys("v"),
            "toggle_view",
            N_("Visning"),
            id="prov-visning",
            tooltip=N_("Bytt mellom rommets visning alene og rommets visning med notatene dine ved siden av"),
        ),
        Binding(
            keys("p"),
            "pause",
            N_("Pause"),
            id="prov-pause",
            tooltip=N_("Stopp eller start klokken for prøvingen"),
        ),
        Binding(
            keys("r"),
            "reload",
            N_("Last inn"),
            id="prov-last-inn",
            tooltip=N_("Les filen på nytt nå (det skjer også av seg selv når du lagrer)"),
        ),
        Binding("escape", "close_inject", N_("Tilbake til innspillet"), id="prov-lukk-ekstra", show=False),
        Binding(
            keys("q"),
            "app.quit_app",
            N_("Avslutt"),
            id="prov-avslutt",
            tooltip=N_("Avslutt prøvingen (ingenting er skrevet, så ingenting går tapt)"),
        ),
    ]

    room_only: reactive[bool] = reactive(False, init=False)
    """True: the room's view alone (as on the projector); False: with the facilitator's column."""

    def __init__(self, rehearsal: Rehearsal, *, clock: Clock | None = None) -> None:
        super().__init__()
        self.rehearsal = rehearsal
        self.clock: Clock = clock or SystemClock()
        self.stopwatch = Stopwatch()
        self.inject_id: str | None = None
        """The extra inject being looked at (None: the current innspill)."""
        self.reloads = 0
        """How many times a save was read (tests and the benchmark watch it)."""
        self._composed = False

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield Static(id="rehearse-marker")
        with Horizontal(id="rehearse-body"):
            with Vertical(id="innspill-column"):
                yield InnspillPanel(id="innspill")
                yield Static(id="pinned")
            with Vertical(id="sidebar"):
                with VerticalScroll(id="facilitator-box"):
                    yield Static(Content(_("Bare for øvingsleder")), classes="side-title")
                    yield FacilitatorPanel(id="facilitator")
                    yield Static(id="rehearse-flags")
                yield Static(Content(_("Tid")), classes="side-title")
                yield Static(id="rehearse-time")
                yield Static(Content(_("Ikke sett ennå")), classes="side-title")
                with VerticalScroll(id="remaining-box"):
                    yield Static(id="rehearse-remaining")
        with VerticalScroll(id="rehearse-findings"):
            yield Static(id="rehearse-findings-title")
            yield Static(id="rehearse-findings-list")
        yield Bunntekst()

    def on_mount(self) -> None:
        self._width_classes(self.app.size.width)
        self._composed = True
        self.query_one("#innspill").focus()
        self.stopwatch.enter(self.rehearsal.node_id, self.clock.monotonic())
        self.refresh_view()
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(1.0, self.refresh_clock)

    def _width_classes(self, width: int) -> None:
        narrow = width < 120
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self.refresh_view()  # the list of what is not seen yet names things only when wide

    def on_resize(self, event: events.Resize) -> None:
        self._width_classes(event.size.width)
        self.refresh_clock()

    def watch_room_only(self, room_only: bool) -> None:
        self.set_class(room_only, "-room-only")
        self.refresh_view()

    # ------------------------------------------------------------------ the file
    def poll(self) -> None:
        """Reload when the file was saved (cheap when it was not)."""
        if self.rehearsal.changed_on_disk():
            self.reload()

    def reload(self) -> None:
        rehearsal = self.rehearsal
        before = rehearsal.node_id
        replaced = rehearsal.reload()
        self.reloads += 1
        if replaced:
            if rehearsal.node_id != before:
                self.inject_id = None
            if self.inject_id is not None and self.inject_id not in self._scenario().inject_map:
                self.inject_id = None
            self.stopwatch.enter(rehearsal.node_id, self.clock.monotonic())
            if rehearsal.notice is not None:
                self.app.notify(rehearsal.notice.message, markup=False, timeout=6)
            else:
                self.app.notify(_("Filen er lest på nytt."), markup=False, timeout=2)
        self.refresh_view()

    # ------------------------------------------------------------------ rendering
    def _scenario(self) -> Scenario:
        scenario = self.rehearsal.scenario
        assert scenario is not None
        return scenario

    def current_item(self) -> Node | Inject | None:
        if not self.rehearsal.ready:
            return None
        if self.inject_id is not None:
            return self._scenario().inject_map.get(self.inject_id)
        return self.rehearsal.node

    def open_choices(self) -> list[int]:
        """Choice indices open with the flags now, in the order the keys 1–9 take them."""
        return [index for index, _choice, open_ in self.rehearsal.choices() if open_]

    def room_blocks(self) -> tuple[list[Block], list[Block]]:
        """(the innspill, its choices) as the room would see them, through the one renderer."""
        scenario = self._scenario()
        rehearsal = self.rehearsal
        roles = role_lookup(scenario)
        if self.inject_id is not None:
            inject = scenario.inject_map[self.inject_id]
            item = inject_item(inject, rehearsal.flags, roles=roles)
        else:
            labels = [choice.label for _index, choice, open_ in rehearsal.choices() if open_]
            item = node_item(rehearsal.node, rehearsal.flags, roles=roles, choices=labels)
        shared = item_blocks(item, sami=scenario.meta.has_sami)
        body = [b for b in shared if b.section != "choices"]
        choices = [b for b in shared if b.section == "choices"]
        missing = _("samisk tekst mangler")
        heading = _("Valg") if self.room_only else _("Valg – trykk tallet")
        return (
            textual_blocks(body, "innspill", sami_missing=missing),
            textual_blocks(choices, "innspill", choices_heading=heading, sami_missing=missing),
        )

    def refresh_view(self) -> None:
        if not self._composed:
            return
        rehearsal = self.rehearsal
        self.set_class(not rehearsal.ready, "-unready")
        self.set_class(rehearsal.has_errors, "-errors")
        self.query_one("#rehearse-marker", Static).update(self.marker_content())
        self.refresh_findings()
        if not rehearsal.ready:
            self.query_one(InnspillPanel).show_blocks([])
            self.query_one("#pinned", Static).display = False
            self.refresh_title()
            self.refresh_clock()
            self.refresh_bindings()
            return
        body, choices = self.room_blocks()
        item = self.current_item()
        big = one_line(item.title) if self.room_only and item is not None else ""
        self.query_one(InnspillPanel).show_blocks(body, big)
        pinned = Content("\n").join(c for _classes, c in choices) if choices else self.hint_content()
        pinned_widget = self.query_one("#pinned", Static)
        pinned_widget.update(pinned)
        pinned_widget.display = bool(pinned.plain)
        self.query_one(FacilitatorPanel).show(item, projector=False)
        self.query_one("#rehearse-flags", Static).update(self.flags_content())
        self.query_one("#rehearse-remaining", Static).update(self.remaining_content())
        self.refresh_title()
        self.refresh_clock()
        self.refresh_bindings()

    def marker_content(self) -> Content:
        nothing = _("Prøving: ingen journal skrives, ingenting lagres")
        if self.room_only:
            return Content.assemble(
                (" " + _("Rommet ser dette") + " ", "bold reverse $text-success"),
                "  ",
                (nothing + " · " + _("V: med notatene dine"), "$text-muted"),
            )
        return Content.assemble(
            (" " + _("Prøving") + " ", "bold reverse $text-accent"),
            "  ",
            (_("Ingen journal skrives, ingenting lagres · V: rommets visning alene"), "$text-muted"),
        )

    def hint_content(self) -> Content:
        """How to go on from here, when the innspill has no open choice."""
        if self.inject_id is not None:
            return Content.styled(
                _("Ekstra innspill. Trykk Esc eller N for å gå tilbake til innspillet."), "$text-muted"
            )
        node = self.rehearsal.node
        if node.end:
            return Content.styled(
                _("Scenarioet slutter her. Trykk G for å hoppe, eller B for å gå tilbake."),
                "bold $text-warning",
            )
        if node.next and node.next in self._scenario().node_map:
            title = self._scenario().node_map[node.next].title
            return Content.styled(
                _("Trykk N for neste innspill: {title}").format(title=one_line(title)), "$text-muted"
            )
        return Content.styled(_("Ingen valg er åpne med flaggene nå. Trykk G for å hoppe."), "$text-warning")

    def flags_content(self) -> Content:
        """The flags now and the choices they keep closed (only the facilitator needs to know)."""
        rehearsal = self.rehearsal
        lines: list[Content] = []
        if self.inject_id is None:
            closed = [choice.label for _index, choice, open_ in rehearsal.choices() if not open_]
            for label in closed:
                lines.append(
                    Content.assemble((_("Ikke åpent nå: "), "$text-warning"), f"«{one_line(label)}»")
                )
        flags = sorted(rehearsal.flags)
        lines.append(
            Content.styled(
                _("Flagg: {flags}").format(flags=", ".join(flags)) if flags else _("Ingen flagg er satt."),
                "$text-muted",
            )
        )
        return Content("\n").join(lines)

    def time_content(self) -> Content:
        """Time used against the plan for the innspill seen so far, and the whole exercise (the top bar
        has this innspill's time against its plan)."""
        now = self.clock.monotonic()
        rehearsal = self.rehearsal
        meta = self._scenario().meta
        total = self.stopwatch.total(now)
        planned_seen = rehearsal.planned_minutes_visited()
        seen = _("{used} brukt av {planned} min planlagt for det du har sett").format(
            used=timer(total), planned=planned_seen
        )
        whole = _("Øvelsen: {duration} min, av dem {evaluation} min oppsummering").format(
            duration=meta.duration_minutes, evaluation=meta.evaluation_minutes
        )
        lines = [Content.styled(seen, "$text-warning" if planned_seen and total > planned_seen * 60 else "")]
        if not self.has_class("-narrow"):  # narrow: the top bar has the exercise's planned minutes
            lines.append(Content.styled(whole, "$text-muted"))
        if self.stopwatch.paused:
            lines.insert(0, Content.styled(_("Klokken står (P starter den)."), "bold $text-warning"))
        return Content("\n").join(lines)

    def remaining_content(self) -> Content:
        """Innspill, branches and objectives not visited yet, of what can be reached (named when wide)."""
        scenario = self._scenario()
        left = self.rehearsal.remaining()
        if not (left.nodes or left.choices or left.objectives):
            return Content.styled(
                _("Du har sett alle innspill, valg og øvingsmål som kan nås."), "$text-success"
            )
        named = not self.has_class("-narrow")
        rows = (
            (
                _("Innspill: {left} av {total}").format(left=len(left.nodes), total=left.nodes_total),
                [one_line(n.title) for n in left.nodes],
            ),
            (
                _("Valg: {left} av {total}").format(left=len(left.choices), total=left.choices_total),
                [
                    _("«{label}» i {title}").format(label=one_line(c.label), title=one_line(n.title))
                    for n, _j, c in left.choices
                ],
            ),
            (
                _("Øvingsmål: {left} av {total}").format(
                    left=len(left.objectives), total=left.objectives_total
                ),
                [f"{one_line(o.id)} {objective_text(scenario, o.id)}" for o in left.objectives],
            ),
        )
        return Content("\n").join(
            Content.assemble((head, "bold"), *(_named(names) if named else [])) for head, names in rows
        )

    def refresh_findings(self) -> None:
        """The findings of the latest save, when it has errors (the rehearsal goes on with the last good one)."""
        rehearsal = self.rehearsal
        box = self.query_one("#rehearse-findings", VerticalScroll)
        box.display = rehearsal.has_errors
        if not rehearsal.has_errors:
            return
        errors = sum(1 for f in rehearsal.findings if f.severity == "error")
        count = ngettext("{count} feil", "{count} feil", errors).format(count=errors)
        if rehearsal.ready:
            title = _(
                "{file} har {count} nå. Du prøver den siste versjonen uten feil; lagre filen når den er rettet."
            ).format(file=one_line(rehearsal.display_name), count=count)
        else:
            title = _(
                "{file} har {count} og kan ikke prøves ennå. Filen leses på nytt hver gang du lagrer den."
            ).format(file=one_line(rehearsal.display_name), count=count)
        self.query_one("#rehearse-findings-title", Static).update(Content.styled(title, "bold $text-error"))
        shown = [f for f in rehearsal.findings if f.severity == "error"] or rehearsal.findings
        self.query_one("#rehearse-findings-list", Static).update(findings_content(shown))

    def refresh_title(self) -> None:
        rehearsal = self.rehearsal
        if rehearsal.scenario is not None:
            meta = rehearsal.scenario.meta
            title = Content.assemble(
                (_("Prøving"), "bold $text-accent"),
                " · ",
                (one_line(meta.title), "bold"),
                " · ",
                one_line(meta.municipality),
            )
        else:
            title = Content.assemble(
                (_("Prøving"), "bold $text-accent"), " · ", one_line(rehearsal.display_name)
            )
        self.query_one(TopBar).set_title(title)

    def refresh_clock(self) -> None:
        if not self._composed:
            return
        rehearsal = self.rehearsal
        if not rehearsal.ready:
            self.query_one(TopBar).set_clock(Content(""))
            return
        now = self.clock.monotonic()
        node = rehearsal.node
        args = (
            self.stopwatch.total(now),
            self._scenario().meta.duration_minutes,
            self.stopwatch.at(node.id, now),
            node.duration_minutes,
            self.stopwatch.paused,
        )
        content = clock_content(*args, short=self.has_class("-narrow"))
        if content.cell_length + 4 + TITLE_MIN_WIDTH > self.size.width:
            content = clock_content(*args, compact=True)
        self.query_one(TopBar).set_clock(content)
        self.query_one("#rehearse-time", Static).update(self.time_content())

    # ------------------------------------------------------------------ keys that can do nothing now
    def why_not(self, action: str, parameters: tuple[object, ...] = ()) -> str | None:
        rehearsal = self.rehearsal
        if (
            action in ("choose", "next", "back", "jump", "inject", "pause", "toggle_view")
            and not rehearsal.ready
        ):
            return _("Scenarioet har feil og kan ikke prøves ennå. Rett feilene og lagre filen.")
        if action == "choose":
            if self.inject_id is not None:
                return _("Et ekstra innspill vises. Trykk Esc for å gå tilbake til innspillet og valgene.")
            count = len(self.open_choices())
            number = parameters[0] if parameters else 1
            if not count:
                return _("Ingen valg er åpne her. Trykk N for neste, eller G for å hoppe.")
            if isinstance(number, int) and number > count:
                return _("Det er bare {count} valg her.").format(count=count)
        if action == "next" and self.inject_id is None:
            node = rehearsal.node
            if node.end:
                return _("Scenarioet slutter her. Trykk G for å hoppe, eller B for å gå tilbake.")
            if not node.next:
                return _("Innspillet har valg: trykk tallet for valget rommet tar.")
        if action == "back" and self.inject_id is None and len(rehearsal.trail) < 2:
            return _("Dette er det første innspillet; det finnes ingenting å gå tilbake til.")
        if action == "inject" and not self._scenario().injects:
            return _("Scenarioet har ingen ekstra innspill.")
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_inject":
            return self.inject_id is not None
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

    # ------------------------------------------------------------------ moves
    def _move(self, move: str, *args: object) -> None:
        rehearsal = self.rehearsal
        try:
            getattr(rehearsal, move)(*args)
        except RehearsalError as exc:
            self.app.notify(exc.message + (f"\n{exc.hint}" if exc.hint else ""), markup=False, timeout=4)
            return
        self.inject_id = None
        self.stopwatch.enter(rehearsal.node_id, self.clock.monotonic())
        self.refresh_view()

    def action_choose(self, number: int) -> None:
        indices = self.open_choices()
        if 1 <= number <= len(indices):
            self._move("choose", indices[number - 1])

    def action_next(self) -> None:
        if self.inject_id is not None:
            self.action_close_inject()
            return
        self._move("advance")

    def action_back(self) -> None:
        if self.inject_id is not None:
            self.action_close_inject()
            return
        self._move("back")

    def action_close_inject(self) -> None:
        self.inject_id = None
        self.refresh_view()

    def action_toggle_view(self) -> None:
        self.room_only = not self.room_only

    def action_pause(self) -> None:
        self.stopwatch.toggle_pause(self.clock.monotonic())
        self.refresh_clock()

    def action_reload(self) -> None:
        self.reload()

    def action_jump(self) -> None:
        from ovelse.tui.screens.picker import PickerScreen, PickItem

        rehearsal = self.rehearsal
        reached = rehearsal.exploration.reached
        items = []
        for node in self._scenario().node_map.values():
            if node.id in rehearsal.visited:
                state = _("sett")
            elif node.id in reached:
                state = _("ikke sett ennå")
            else:
                state = _("nås ikke med flaggene")
            detail = " · ".join(x for x in (node.time or "", state, node.id) if x)
            items.append(PickItem(node.id, node.title, detail, disabled=node.id == rehearsal.node_id))
        self.app.push_screen(PickerScreen(_("Hopp til innspill"), items), self._jump)

    def _jump(self, node_id: str | None) -> None:
        if node_id is not None:
            self._move("jump", node_id)

    def action_inject(self) -> None:
        from ovelse.tui.screens.picker import PickerScreen, PickItem

        flags = self.rehearsal.flags
        items = [
            PickItem(
                inject.id,
                inject.title,
                "" if inject.when is None or inject.when.holds(flags) else _("passer ikke med flaggene nå"),
            )
            for inject in self._scenario().injects
        ]
        self.app.push_screen(PickerScreen(_("Se et ekstra innspill"), items), self._show_inject)

    def _show_inject(self, inject_id: str | None) -> None:
        if inject_id is not None and inject_id in self._scenario().inject_map:
            self.inject_id = inject_id
            self.refresh_view()


def _named(names: Iterable[str]) -> list[str | tuple[str, str]]:
    """«: a, b, c … og 3 til» for a content line (nothing when there are none)."""
    listed = list(names)
    if not listed:
        return []
    shown = ", ".join(listed[:LIST_MAX])
    if len(listed) > LIST_MAX:
        shown += " " + _("… og {count} til").format(count=len(listed) - LIST_MAX)
    return [": ", (shown, "$text-muted")]
