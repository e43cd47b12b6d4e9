"""Writing output files safely (temporary file + fsync + rename) with Norwegian error texts."""

from __future__ import annotations

import errno
import os
import stat
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
    """An output file could not be written; ``message`` is Norwegian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def os_error_text(exc: OSError) -> str:
    """A short Norwegian reason for an OSError (never the English strerror)."""
    return _ERRNO_TEXT.get(exc.errno, f"feilkode {exc.errno}" if exc.errno else "ukjent feil")


def write_atomic(path: str | os.PathLike[str], data: bytes, *, force: bool = False, mode: int = 0o644) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    Refuses to replace an existing file without ``force``, and never replaces anything that is not a
    regular file (a folder, a device, a link). The temporary file is removed if anything fails.
    """
    target = Path(path)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"kan ikke skrive {target}: {os_error_text(exc)}") from None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            kind = "en mappe" if stat.S_ISDIR(info.st_mode) else "en lenke" if stat.S_ISLNK(info.st_mode) \
                else "ikke en vanlig fil"
            raise OutputError(f"{target} er {kind}; oppgi et filnavn")
        if not force:
            raise OutputError(f"{target} finnes allerede; bruk --force for å overskrive")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"kan ikke skrive {target}: {os_error_text(exc)}") from None
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass
    return target
