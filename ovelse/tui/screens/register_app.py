"""A small app of its own for ``ovelse register``: the register screen and nothing else."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import App

from ovelse.i18n import _
from ovelse.register.store import Register, today
from ovelse.register.uitext import TEXT
from ovelse.tui.screens.register_screen import RegisterScreen


class RegisterApp(App[None]):
    CSS_PATH = [Path(__file__).with_name("register.tcss")]
    TITLE = "ovelse"

    def __init__(self, register: Register, today: date) -> None:
        super().__init__()
        self.register = register
        self.today = today
        self.sub_title = _(TEXT["velsesregisteret"])

    def on_mount(self) -> None:
        self.push_screen(RegisterScreen(self.register, self.today))


def run_register_app(register: Register) -> int:
    """Run the register app until the user quits; the register is closed afterwards."""
    try:
        RegisterApp(register, today()).run()
    finally:
        register.close()
    return 0
