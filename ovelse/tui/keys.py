"""Bindings shared by the screens, and the rule that a letter key works in upper case too."""

from __future__ import annotations

from textual.binding import Binding

from ovelse.i18n import N_


def keys(*names: str) -> str:
    """A binding's key list where every letter also works upper case (Shift or Caps Lock): the hints
    say «trykk N», and a facilitator with Caps Lock on must not get silence."""
    out: list[str] = []
    for name in names:
        out.append(name)
        if len(name) == 1 and name.isalpha() and name.islower():
            out.append(name.upper())
    return ",".join(out)


HELP = Binding(
    "f1",
    "app.help",
    N_("Hjelp"),
    id="hjelp",
    key_display="F1",
    tooltip=N_("Vis tastene på denne skjermen og hvordan øvelsen går"),
)
"""First in every full screen's BINDINGS, so «F1 Hjelp» is the first thing in the footer at any width."""

QUIT_TOOLTIP = N_("Avslutt programmet (spør først midt i en øvelse; alt er lagret uansett)")


def choice_bindings(id_prefix: str, tooltip: str) -> list[Binding]:
    """Keys 1–9 choose the choice with that number (one footer entry «1–9 Velg», ids ``{prefix}velg-N``)."""
    return [
        Binding(
            str(n),
            f"choose({n})",
            N_("Velg"),
            id=f"{id_prefix}velg-{n}",
            show=n == 1,
            key_display="1–9" if n == 1 else None,
            tooltip=tooltip,
        )
        for n in range(1, 10)
    ]
