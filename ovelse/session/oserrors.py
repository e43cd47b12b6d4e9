"""Turn OSError into a JournalError with a Norwegian message and a hint (never the English strerror)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Literal

from ovelse import platform
from ovelse.i18n import N_
from ovelse.plaintext import path_text
from ovelse.session.errors import JournalError, Phrase

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EROFS}
_DENIED = {errno.EACCES, errno.EPERM}

Context = Literal["write", "read", "create"]
"""What was being done: appending to an existing journal (what was saved before is safe), reading one
(nothing was changed), or creating a new journal or its folder (there is no earlier data to speak of)."""

SAFE_CODE = "os.after_write"
"""The code of the sentence that says what was saved before is safe (only for ``write``)."""

DOING: dict[str, Phrase] = {
    "save_event": Phrase(N_("lagre hendelsen")),
    "create_journal": Phrase(N_("opprette journalen")),
    "create_folder": Phrase(N_("opprette journalmappen")),
    "open_for_writing": Phrase(N_("åpne journalen for skriving")),
    "read_journal": Phrase(N_("lese journalen")),
    "lock_journal": Phrase(N_("låse journalen")),
    "set_aside": Phrase(N_("sette av den ufullstendige siste linjen")),
    "add_newline": Phrase(N_("legge til linjeskiftet som manglet på slutten av journalen")),
}
"""What the program was doing when the OS said no, as a key of this table."""


def os_reason(exc: OSError) -> str:
    """A short Norwegian reason for ``exc`` («disken er full»; «feilkode 123» when unknown)."""
    return platform.os_reason(exc)


class Reason:
    """The OS reason, translated when shown."""

    def __init__(self, exc: OSError) -> None:
        self.exc = exc

    def __format__(self, spec: str) -> str:
        return format(platform.os_reason(self.exc), spec)

    def __str__(self) -> str:
        return platform.os_reason(self.exc)


def _is_non_directory(path: Path) -> bool:
    try:
        return not stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def journal_os_error(
    exc: OSError,
    path: Path | str,
    doing: str | Phrase,
    folder: Path | None = None,
    *,
    context: Context = "write",
) -> JournalError:
    """A coded JournalError for ``exc`` raised while ``doing`` (a key of :data:`DOING`, or a phrase);
    ``folder`` is the directory concerned (default: the parent of ``path``); ``context`` decides what the
    hint says about data saved earlier."""
    path = Path(path)
    folder = folder or path.parent
    code = exc.errno
    creating = context == "create"
    if isinstance(doing, str) and doing in DOING:
        doing = DOING[doing]
    if code in _FULL:
        key = "os.disk_full"
    elif code in _READ_ONLY:
        key = "os.read_only"
    elif code in _DENIED:
        key = "os.denied"
    elif code == errno.ENOENT:
        key = "os.missing_folder" if creating else "os.not_found"
    elif code == errno.ENOTDIR:
        key = "os.not_dir_create" if creating else "os.not_dir"
    elif code == errno.EEXIST:
        if creating:
            key = "os.exists_file_create" if _is_non_directory(path) else "os.exists_create"
        else:
            key = "os.exists_file" if _is_non_directory(path) else "os.exists"
    elif code == errno.EIO:
        key = "os.io"
    elif code == errno.EISDIR:
        key = "os.is_dir_create" if creating else "os.is_dir"
    else:
        key = "os.other"
    error = JournalError(
        key,
        path=path,
        errno=code,
        shown=path_text(path),
        folder=path_text(folder),
        doing=doing,
        reason=Reason(exc),
    )
    if context == "write" and key not in _NO_AFTER:
        error.more.append(SAFE_CODE)
    elif context == "read" and key not in _NO_AFTER:
        error.more.append("os.after_read")
    return error


_NO_AFTER = frozenset(
    {"os.not_found", "os.not_dir", "os.exists", "os.exists_file", "os.is_dir", "os.missing_folder"}
)
