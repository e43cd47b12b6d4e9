"""Turn OSError into a JournalError with a Norwegian message and a hint (never the English strerror)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Literal

from ovelse import platform
from ovelse.session.errors import JournalError

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EROFS}
_DENIED = {errno.EACCES, errno.EPERM}

SAFE = "Alt som ble bekreftet lagret tidligere, ligger trygt i journalen."
UNCHANGED = "Journalen er ikke endret."
OTHER_DIR = "velg en annen journalmappe med --journalmappe eller OVELSE_JOURNAL_DIR"

Context = Literal["write", "read", "create"]
"""What was being done: appending to an existing journal (what was saved before is safe), reading one
(nothing was changed), or creating a new journal or its folder (there is no earlier data to speak of)."""


def os_reason(exc: OSError) -> str:
    """A short Norwegian reason for ``exc`` («disken er full»; «feilkode 123» when unknown)."""
    return platform.os_reason(exc)


def _is_non_directory(path: Path) -> bool:
    try:
        return not stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def journal_os_error(
    exc: OSError, path: Path | str, doing: str, folder: Path | None = None, *, context: Context = "write"
) -> JournalError:
    """A JournalError for ``exc`` raised while ``doing`` (Norwegian verb phrase, e.g. «lagre hendelsen»);
    ``folder`` is the directory concerned (default: the parent of ``path``); ``context`` decides what the
    hint says about data saved earlier."""
    path = Path(path)
    folder = folder or path.parent
    code = exc.errno
    creating = context == "create"
    after = {"write": f" {SAFE}", "read": f" {UNCHANGED}", "create": ""}[context]
    other_dir = f"{OTHER_DIR[0].upper()}{OTHER_DIR[1:]}."
    if code in _FULL:
        message = f"Disken er full: kunne ikke {doing}."
        hint = f"Frigjør plass på disken og prøv igjen.{after}"
    elif code in _READ_ONLY:
        message = f"Mappen {folder} er skrivebeskyttet: kunne ikke {doing}."
        hint = f"Gjør mappen skrivbar (eller {OTHER_DIR}) og prøv igjen.{after}"
    elif code in _DENIED:
        message = f"Ingen tilgang til {path}: kunne ikke {doing}."
        hint = f"Sjekk rettighetene til filen og mappen (eller {OTHER_DIR}) og prøv igjen.{after}"
    elif code == errno.ENOENT:
        if creating:
            message = f"Kunne ikke {doing}: {folder} finnes ikke."
            hint = f"Opprett mappen, eller {OTHER_DIR}."
        else:
            message = f"Finner ikke {path}."
            hint = "Sjekk navnet og mappen; «ovelse» uten argumenter viser påbegynte øvelser."
    elif code == errno.ENOTDIR:
        message = f"Kunne ikke {doing}: en del av stien {path} er en fil, ikke en mappe."
        hint = (
            f"{other_dir[:-1]}, eller flytt filen som står i veien."
            if creating
            else "Sjekk stien til journalfilen."
        )
    elif code == errno.EEXIST:
        if _is_non_directory(path):
            message = f"Kunne ikke {doing}: {path} finnes allerede og er en fil, ikke en mappe."
        else:
            message = f"Kunne ikke {doing}: {path} finnes allerede."
        hint = f"{other_dir[:-1]}, eller flytt filen som står i veien." if creating else "Prøv igjen."
    elif code == errno.EIO:
        message = f"Lese- eller skrivefeil på disken: kunne ikke {doing}."
        hint = f"Sjekk disken eller minnepinnen og prøv igjen.{after}"
    elif code == errno.EISDIR:
        if creating:
            message = f"Kunne ikke {doing}: {path} er en mappe."
            hint = other_dir
        else:
            message = f"{path} er en mappe, ikke en journalfil."
            hint = "Oppgi selve journalfilen (.jsonl)."
    else:
        message = f"Kunne ikke {doing} ({path}): {os_reason(exc)}."
        hint = f"Rett årsaken og prøv igjen.{after}"
    return JournalError(message, hint, path=path, errno=code)
