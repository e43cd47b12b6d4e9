"""Bindings shared by the screens."""

from __future__ import annotations

from textual.binding import Binding

HELP = Binding(
    "f1",
    "app.help",
    "Hjelp",
    id="hjelp",
    key_display="F1",
    tooltip="Vis tastene på denne skjermen og hvordan øvelsen går",
)
"""First in every full screen's BINDINGS, so «F1 Hjelp» is the first thing in the footer at any width."""

QUIT_TOOLTIP = "Avslutt programmet (spør først midt i en øvelse; alt er lagret uansett)"
