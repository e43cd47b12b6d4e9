"""Writing output files safely (temporary file + fsync + rename) with Norwegian error texts."""

from __future__ import annotations

import errno
import os
import stat
import uuid
from pathlib import Path

_ERRNO_TEXT = {
    errno.ENOENT: "mappen finnes ikke",
    errno.ENOTDIR: "en del av stien er en fil, ikke en mappe",
    errno.EISDIR: "stien er en mappe",
    errno.EACCES: "mangler tilgang",
    errno.EPERM: "mangler tilgang",
    errno.EROFS: "mappen er skrivebeskyttet",
    errno.ENOSPC: "disken er full",
    errno.EDQUOT: "diskkvoten er brukt opp",
    errno.EIO: "lese- eller skrivefeil på disken",
    errno.ENAMETOOLONG: "filnavnet er for langt",
    errno.EEXIST: "finnes allerede",
}


class OutputError(Exception):
    """An output file could not be written; ``message`` and ``hint`` are Norwegian.

    ``exists`` is true when the refusal is only that the file is already there (no --force).
    """

    def __init__(self, message: str, hint: str = "", *, exists: bool = False):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exists = exists


def os_error_text(exc: OSError) -> str:
    """A short Norwegian reason for an OSError (never the English strerror)."""
    return _ERRNO_TEXT.get(exc.errno, f"feilkode {exc.errno}" if exc.errno else "ukjent feil")


def write_atomic(
    path: str | os.PathLike[str], data: bytes, *, force: bool = False, private: bool = False
) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, fsync, then put it in place.

    Without ``force`` an existing file is never replaced, not even by a race (the new file is linked in
    only if the name is still free). Anything that is not a regular file (a folder, a device, a link) is
    never replaced. A ``private`` file has mode 0600 from the moment it exists; others follow the umask.
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
            kind = (
                "en mappe"
                if stat.S_ISDIR(info.st_mode)
                else "en lenke"
                if stat.S_ISLNK(info.st_mode)
                else "ikke en vanlig fil"
            )
            raise OutputError(f"{target} er {kind}.", "Oppgi et filnavn med -o.")
        if not force:
            raise _exists(target)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600 if private else 0o666)
    except OSError as exc:
        raise _error(exc, target) from None
    try:
        try:
            if private:
                os.fchmod(fd, 0o600)  # exactly owner-only, whatever the umask
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if force:
            os.replace(tmp, target)
        else:
            _link_new(tmp, target)
        _fsync_dir(target.parent)
    except FileExistsError:
        raise _exists(target) from None
    except OSError as exc:
        raise _error(exc, target) from None
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    return target


def _exists(target: Path) -> OutputError:
    return OutputError(
        f"{target} finnes allerede.",
        "Bruk --force for å overskrive, eller velg et annet navn med -o.",
        exists=True,
    )


def _error(exc: OSError, target: Path) -> OutputError:
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return OutputError(f"Disken er full: kunne ikke skrive {target}.", "Frigjør plass og prøv igjen.")
    if code == errno.EROFS:
        return OutputError(f"Mappen {target.parent} er skrivebeskyttet.", "Velg en annen mappe med -o.")
    if code in (errno.EACCES, errno.EPERM):
        return OutputError(
            f"Ingen tilgang til å skrive {target}.", "Sjekk rettighetene, eller velg en annen mappe med -o."
        )
    if code in (errno.ENOENT, errno.ENOTDIR):
        return OutputError(
            f"Mappen {target.parent} finnes ikke.", "Opprett mappen først, eller velg en annen med -o."
        )
    return OutputError(f"Kunne ikke skrive {target}: {os_error_text(exc)}.", "Rett årsaken og prøv igjen.")


def _link_new(tmp: Path, path: Path) -> None:
    """Put ``tmp`` in place as ``path`` only if ``path`` does not exist (no race with another writer)."""
    try:
        os.link(tmp, path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # Filesystems without hard links (e.g. FAT on a memory stick): rename if the name is still free.
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
        os.rename(tmp, path)


def _fsync_dir(directory: Path) -> None:
    """Make the new name durable; a filesystem that cannot fsync a directory still has the file."""
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass
