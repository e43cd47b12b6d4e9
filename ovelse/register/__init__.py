"""The exercise register: follows up tiltak across exercises, for a municipality and a region.

Domain code (no Textual). SQLite by default, PostgreSQL for a shared register; one schema through Alembic
migrations. Typical use::

    with open_register("postgresql://kari@fylket/register") as register:
        outcome = import_file(register, "øvelse.jsonl")         # or a JSON export
        rows = list_tiltak(register, overdue_on=date.today())
        set_status(register, rows[0].id, "in_progress", comment="Bestilt")
        data = render(follow_up(register, "Elvebygd kommune", date.today()), "docx")
"""

from __future__ import annotations

import importlib
from typing import Any

# The public names and the module each lives in; loaded on first use, so that ``ovelse --help`` does
# not pay for SQLAlchemy and Alembic.
_EXPORTS = {
    "ConnectionLost": "errors",
    "NewerRegister": "errors",
    "RegisterError": "errors",
    "RegisterLocked": "errors",
    "NEW": "importing",
    "SAME": "importing",
    "VERSION": "importing",
    "ImportOutcome": "importing",
    "import_file": "importing",
    "import_record": "importing",
    "StatusEntry": "queries",
    "TiltakRow": "queries",
    "get_tiltak": "queries",
    "history": "queries",
    "list_tiltak": "queries",
    "set_status": "queries",
    "ExerciseRecord": "records",
    "FollowUp": "reports",
    "Regional": "reports",
    "follow_up": "reports",
    "regional": "reports",
    "read_exercise": "sources",
    "Register": "store",
    "default_url": "store",
    "open_register": "store",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"ovelse.register.{module}"), name)
