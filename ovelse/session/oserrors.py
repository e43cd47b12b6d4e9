"""Turn OSError into a JournalError with a Norwegian message and a hint."""

from __future__ import annotations

import errno
from pathlib import Path

from ovelse.session.errors import JournalError

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EROFS}
_DENIED = {errno.EACCES, errno.EPERM}

SAFE = "Alt som ble bekreftet lagret tidligere, ligger trygt i journalen."
OTHER_DIR = "velg en annen journalmappe med --journalmappe eller OVELSE_JOURNAL_DIR"


def journal_os_error(exc: OSError, path: Path | str, doing: str, folder: Path | None = None) -> JournalError:
    """A JournalError for ``exc`` raised while ``doing`` (Norwegian verb phrase, e.g. «lagre hendelsen»);
    ``folder`` is the directory concerned (default: the parent of ``path``)."""
    path = Path(path)
    folder = folder or path.parent
    code = exc.errno
    if code in _FULL:
        message = f"Disken er full: kunne ikke {doing}."
        hint = f"Frigjør plass på disken og prøv igjen. {SAFE}"
    elif code in _READ_ONLY:
        message = f"Mappen {folder} er skrivebeskyttet: kunne ikke {doing}."
        hint = f"Gjør mappen skrivbar (eller {OTHER_DIR}) og prøv igjen. {SAFE}"
    elif code in _DENIED:
        message = f"Ingen tilgang til {path}: kunne ikke {doing}."
        hint = f"Sjekk rettighetene til filen og mappen (eller {OTHER_DIR}) og prøv igjen. {SAFE}"
    elif code == errno.ENOENT:
        message = f"Finner ikke {path}."
        hint = "Sjekk navnet og mappen; «ovelse» uten argumenter viser påbegynte øvelser."
    elif code == errno.EIO:
        message = f"Lese- eller skrivefeil på disken: kunne ikke {doing}."
        hint = f"Sjekk disken eller minnepinnen og prøv igjen. {SAFE}"
    elif code == errno.EISDIR:
        message = f"{path} er en mappe, ikke en journalfil."
        hint = "Oppgi selve journalfilen (.jsonl)."
    else:
        reason = exc.strerror or str(exc)
        message = f"Kunne ikke {doing} ({path}): {reason}."
        hint = f"Rett årsaken og prøv igjen. {SAFE}"
    return JournalError(message, hint, path=path, errno=code)
