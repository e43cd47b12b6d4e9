"""What both implementations share: the lock error and the notice for a guarantee that cannot be given."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from typing import Literal

from ovelse.i18n import N_, _

Feature = Literal["lock", "private"]

_TEXTS: dict[str, tuple[str, str]] = {
    "lock": (
        N_("Låsen mot to vinduer virker ikke på denne disken."),
        N_(
            "Ikke åpne den samme øvelsen i to vinduer samtidig. Alt som blir bekreftet, "
            "blir likevel lagret straks."
        ),
    ),
    "private": (
        N_("Tilgangen til journalen kan ikke begrenses til eieren på dette systemet."),
        N_(
            "Filen får den samme tilgangen som mappen den ligger i. "
            "Legg journalmappen i din egen brukermappe."
        ),
    ),
}

# Errors that mean «this filesystem cannot do that» rather than «something went wrong».
NOT_SUPPORTED = frozenset(
    code
    for code in (
        errno.ENOLCK,
        errno.EOPNOTSUPP,
        getattr(errno, "ENOTSUP", errno.EOPNOTSUPP),
        errno.ENOSYS,
        errno.EINVAL,
    )
)
# os.link refuses on filesystems without hard links (FAT on a memory stick, some network disks).
NO_HARD_LINKS = frozenset(
    (errno.EPERM, errno.EOPNOTSUPP, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP), errno.EXDEV, errno.EMLINK)
)


class LockHeld(Exception):
    """Another process holds the exclusive lock on the file."""


@dataclass(frozen=True)
class Unsupported:
    """A guarantee that this system or disk cannot give; shown to the user, never silently dropped."""

    feature: Feature
    errno: int | None = None

    @property
    def message(self) -> str:
        return _(_TEXTS[self.feature][0])

    @property
    def hint(self) -> str:
        return _(_TEXTS[self.feature][1])
