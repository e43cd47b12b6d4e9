"""The one table from an ``OSError`` to a short Norwegian reason (never the English ``strerror``)."""

from __future__ import annotations

import errno

from ovelse.i18n import N_, _

_REASONS: dict[int, str] = {
    errno.ENOENT: N_("filen eller mappen finnes ikke"),
    errno.ENOTDIR: N_("en del av stien er en fil, ikke en mappe"),
    errno.EISDIR: N_("stien er en mappe, ikke en fil"),
    errno.EEXIST: N_("finnes allerede"),
    errno.EACCES: N_("mangler tilgang"),
    errno.EPERM: N_("handlingen er ikke tillatt"),
    errno.EROFS: N_("filsystemet er skrivebeskyttet"),
    errno.ENOSPC: N_("disken er full"),
    errno.EIO: N_("lese- eller skrivefeil på disken"),
    errno.ENAMETOOLONG: N_("filnavnet eller stien er for lang"),
    errno.ELOOP: N_("for mange symbolske lenker i stien"),
    errno.EMFILE: N_("programmet har for mange åpne filer"),
    errno.ENFILE: N_("systemet har for mange åpne filer"),
    errno.EBUSY: N_("filen eller enheten er i bruk"),
    errno.ETXTBSY: N_("filen er i bruk"),
    errno.ENXIO: N_("enheten finnes ikke eller svarer ikke"),
    errno.ENODEV: N_("enheten støtter ikke dette"),
    errno.EINVAL: N_("filsystemet støtter ikke denne handlingen"),
    errno.EFBIG: N_("filen er for stor"),
    errno.ENOMEM: N_("ikke nok minne"),
    errno.EAGAIN: N_("ressursen er midlertidig utilgjengelig"),
    errno.EINTR: N_("avbrutt"),
    errno.EXDEV: N_("filene ligger på forskjellige disker"),
    errno.EMLINK: N_("for mange lenker"),
    errno.ETIMEDOUT: N_("tidsavbrudd (nettverksdisk?)"),
    errno.ESTALE: N_("nettverksdisken svarer ikke lenger (foreldet filreferanse)"),
    errno.ENOLCK: N_("filsystemet støtter ikke låsing"),
    errno.EOPNOTSUPP: N_("filsystemet støtter ikke denne handlingen"),
}
for _name, _text in (
    ("EDQUOT", N_("diskkvoten er brukt opp")),
    ("ENOTSUP", N_("filsystemet støtter ikke denne handlingen")),
):
    if hasattr(errno, _name):
        _REASONS.setdefault(getattr(errno, _name), _text)

# Windows error codes that Python maps to a vaguer errno (both sharing errors become EACCES).
_WINDOWS_REASONS: dict[int, str] = {
    32: N_("filen er i bruk av et annet program"),  # ERROR_SHARING_VIOLATION
    33: N_("en del av filen er låst av et annet program"),  # ERROR_LOCK_VIOLATION
    112: N_("disken er full"),  # ERROR_DISK_FULL
    1224: N_("filen er åpen i et annet program"),  # ERROR_USER_MAPPED_FILE
}

FULL = frozenset(code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)))
"""Errors that mean «no space left» (the disk or the user's quota)."""


def os_reason(exc: OSError) -> str:
    """A short Norwegian reason for ``exc`` («disken er full»; «feilkode 123» when unknown)."""
    winerror = getattr(exc, "winerror", None)
    if isinstance(winerror, int) and winerror in _WINDOWS_REASONS:
        return _(_WINDOWS_REASONS[winerror])
    code = exc.errno
    if code is None:
        return _("ukjent feil")
    text = _REASONS.get(code)
    return _(text) if text is not None else _("feilkode {code}").format(code=code)
