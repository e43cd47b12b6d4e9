"""The journal as a file, without the event models: opening it safely, reading a line at an offset, and
the header line's kind and format. Light enough for the start screen's list of journals."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from ovelse import platform
from ovelse.i18n import N_
from ovelse.plaintext import path_text
from ovelse.session.errors import JournalError, Phrase
from ovelse.session.oserrors import journal_os_error

FORMAT_VERSION = 1
JOURNAL_KIND = "ovelse-journal"
MAX_JOURNAL_BYTES = 1 << 30
"""Larger files are refused unread: a real journal is a few megabytes (the scenario copy is at most 16 MiB)."""


def not_journal(path: Path, why: Phrase) -> JournalError:
    return JournalError("journal.not_journal", path=path, line=1, name=path_text(path.name), why=why)


def header_object(line: bytes, path: Path) -> dict[str, Any]:
    """The header line (without newline) as JSON, checked to be a journal header of a format we read;
    its fields are validated by ``journal.parse_header``."""
    try:
        raw = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        raise not_journal(path, Phrase(N_("første linje er ikke JSON"))) from None
    if not isinstance(raw, dict) or raw.get("kind") != JOURNAL_KIND:
        raise not_journal(path, Phrase(N_("første linje er ikke et journalhode")))
    fmt = raw.get("format")
    if isinstance(fmt, int) and fmt > FORMAT_VERSION:
        raise JournalError("journal.newer_format", path=path, line=1, name=path_text(path.name), format=fmt)
    return raw


def size_text(size: int) -> str:
    """«1 GiB», «5 MiB» or «300 byte»."""
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} byte"


def too_large(path: Path | None) -> JournalError:
    name: str | Phrase = path_text(path.name) if path is not None else Phrase(N_("Filen"))
    return JournalError("journal.too_large", path=path, name=name, limit=size_text(MAX_JOURNAL_BYTES))


def _file_kind(mode: int) -> Phrase:
    if stat.S_ISFIFO(mode):
        return Phrase(N_("en navngitt rørledning (FIFO)"))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Phrase(N_("en enhet"))
    if stat.S_ISSOCK(mode):
        return Phrase(N_("en sokkel"))
    return Phrase(N_("en spesialfil"))


def check_journal_file(info: os.stat_result, path: Path) -> None:
    """Refuse anything but a regular file of at most MAX_JOURNAL_BYTES (a FIFO or a device could block
    forever or never end)."""
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise JournalError("journal.is_dir", path=path, shown=path_text(path))
    if not stat.S_ISREG(mode):
        raise JournalError("journal.special_file", path=path, shown=path_text(path), kind=_file_kind(mode))
    if info.st_size > MAX_JOURNAL_BYTES:
        raise too_large(path)


def open_journal_file(path: Path, flags: int, doing: str) -> int:
    # ``doing``: a key of ovelse.session.oserrors.DOING
    """Open an existing journal (``flags``: O_RDONLY or O_RDWR) without ever blocking: the path is checked
    to be a regular file first, opened non-blocking, and checked again on the descriptor."""
    try:
        check_journal_file(os.stat(path), path)
    except OSError as exc:
        raise journal_os_error(exc, path, doing, context="read") from None
    try:
        fd = platform.open_nonblocking(path, flags)
    except OSError as exc:
        raise journal_os_error(exc, path, doing, context="read") from None
    try:
        check_journal_file(os.fstat(fd), path)  # replaced between the two calls
        platform.make_blocking(fd)
    except BaseException as exc:
        os.close(fd)
        if isinstance(exc, OSError):
            raise journal_os_error(exc, path, doing, context="read") from None
        raise
    return fd


def read_all(fd: int, path: Path | None = None) -> bytes:
    """Read a whole file from offset 0; JournalError if it is (or grows) larger than MAX_JOURNAL_BYTES."""
    limit = MAX_JOURNAL_BYTES
    size = os.fstat(fd).st_size
    if size > limit:
        raise too_large(path)
    chunks: list[bytes] = []
    offset = 0
    while True:
        chunk = platform.pread(fd, max(size - offset, 1 << 16), offset)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        offset += len(chunk)
        if offset > limit:
            raise too_large(path)


def read_line_at(fd: int, offset: int, chunk: int = 1 << 16) -> tuple[bytes, int] | None:
    """The complete line starting at ``offset`` (without newline) and the offset after it, or None
    (also when no newline comes within MAX_JOURNAL_BYTES: nothing that long is a journal line)."""
    limit = MAX_JOURNAL_BYTES
    parts: list[bytes] = []
    pos = offset
    while True:
        if pos - offset > limit:
            return None
        data = platform.pread(fd, chunk, pos)
        if not data:
            return None
        cut = data.find(b"\n")
        if cut >= 0:
            parts.append(data[:cut])
            return b"".join(parts), pos + cut + 1
        parts.append(data)
        pos += len(data)
