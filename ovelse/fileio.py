"""Writing output files safely (temporary file + fsync + rename) with Norwegian error texts.

The one output writer of ovelse (CLI and reports). Operating-system differences go through
:mod:`ovelse.platform`; file names in messages go through :func:`ovelse.plaintext.path_text`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import uuid
from pathlib import Path

from ovelse import platform
from ovelse.i18n import _
from ovelse.plaintext import path_text
from ovelse.platform import Unsupported
from ovelse.platform import os_reason as os_error_text
from ovelse.platform.oserror import FULL

__all__ = ["OutputError", "os_error_text", "write_atomic"]


class OutputError(Exception):
    """An output file could not be written; ``message`` and ``hint`` are Norwegian.

    ``exists`` is true when the refusal is only that the file is already there (no --force).
    """

    def __init__(self, message: str, hint: str = "", *, exists: bool = False):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exists = exists


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("{path} er en mappe.")
    if stat.S_ISLNK(mode):
        return _("{path} er en lenke.")
    return _("{path} er ikke en vanlig fil.")


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    force: bool = False,
    private: bool = False,
    notices: list[Unsupported] | None = None,
) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, fsync, then put it in place.

    Without ``force`` an existing file is never replaced, not even by a race (the new file is linked in
    only if the name is still free). Anything that is not a regular file (a folder, a device, a link) is
    never replaced. A ``private`` file has mode 0600 from the moment it exists; others follow the umask.
    Where a private mode cannot be given (Windows, FAT) an :class:`Unsupported` is added to ``notices``.
    The temporary file is always removed.
    """
    target = Path(path)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _error(exc, target) from None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(
                _kind(info.st_mode).format(path=path_text(target)), _("Oppgi et filnavn med -o.")
            )
        if not force:
            raise _exists(target)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        fd = platform.open_fd(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if private else 0o666)
    except OSError as exc:
        raise _error(exc, target) from None
    try:
        try:
            if private:
                unsupported = platform.make_private(fd)  # exactly owner-only, whatever the umask
                if unsupported is not None and notices is not None:
                    notices.append(unsupported)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            platform.fsync(fd)
        finally:
            os.close(fd)
        if force:
            os.replace(tmp, target)
        else:
            platform.link_new(tmp, target)
        with contextlib.suppress(OSError):  # a filesystem that cannot fsync a folder still has the file
            platform.fsync_dir(target.parent)
    except FileExistsError:
        raise _exists(target) from None
    except OSError as exc:
        raise _error(exc, target) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return target


def _exists(target: Path) -> OutputError:
    return OutputError(
        _("{path} finnes allerede.").format(path=path_text(target)),
        _("Bruk --force for å overskrive, eller velg et annet navn med -o."),
        exists=True,
    )


def _error(exc: OSError, target: Path) -> OutputError:
    code = exc.errno
    shown, folder = path_text(target), path_text(target.parent)
    if code in FULL:
        return OutputError(
            _("Disken er full: kunne ikke skrive {path}.").format(path=shown),
            _("Frigjør plass og prøv igjen."),
        )
    if code == errno.EROFS:
        return OutputError(
            _("Mappen {folder} er skrivebeskyttet.").format(folder=folder), _("Velg en annen mappe med -o.")
        )
    if code in (errno.EACCES, errno.EPERM):
        return OutputError(
            _("Ingen tilgang til å skrive {path}.").format(path=shown),
            _("Sjekk rettighetene, eller velg en annen mappe med -o."),
        )
    if code in (errno.ENOENT, errno.ENOTDIR):
        return OutputError(
            _("Mappen {folder} finnes ikke.").format(folder=folder),
            _("Opprett mappen først, eller velg en annen med -o."),
        )
    return OutputError(
        _("Kunne ikke skrive {path}: {reason}.").format(path=shown, reason=os_error_text(exc)),
        _("Rett årsaken og prøv igjen."),
    )
