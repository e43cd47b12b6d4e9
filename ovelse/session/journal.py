"""The journal file: JSON Lines, a header line and then one event per line.

Appending is durable before it returns (write + fsync; the directory is fsynced when the file is
created). One writer per journal holds an exclusive lock; readers open it read-only. Every call that
differs between operating systems goes through :mod:`ovelse.platform`. See ``docs/journal-format.md``.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, ValidationError

from ovelse import __version__, platform
from ovelse.platform import fsync_dir
from ovelse.scenario.loader import load_scenario_text, scenario_hash
from ovelse.scenario.model import Scenario
from ovelse.session.errors import JournalCorrupt, JournalError, JournalLocked
from ovelse.session.events import EVENT_ADAPTER, EventBase, event_to_json
from ovelse.session.oserrors import Context, journal_os_error
from ovelse.session.paths import JOURNAL_SUFFIX
from ovelse.session.replaying import gc_paused

FORMAT_VERSION = 1
JOURNAL_KIND = "ovelse-journal"
PRIVATE_MODE = 0o600
SHARED_MODE = 0o644
DIR_MODE = 0o700
MAX_JOURNAL_BYTES = 1 << 30
"""Larger files are refused unread: a real journal is a few megabytes (the scenario copy is at most 16 MiB)."""


class ScenarioCopy(BaseModel):
    """The scenario the exercise runs, copied whole into the header (``text`` is the YAML)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    id: str
    title: str
    version: str
    municipality: str
    sensitivity: str
    hash: str
    text: str


class JournalHeader(BaseModel):
    """First line of every journal."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["ovelse-journal"] = JOURNAL_KIND
    format: int = FORMAT_VERSION
    ovelse_version: str = __version__
    journal_id: str
    created: AwareDatetime
    scenario: ScenarioCopy

    @classmethod
    def for_scenario(cls, text: str, name: str, scenario: Scenario, created) -> JournalHeader:
        meta = scenario.meta
        copy = ScenarioCopy(
            name=name,
            id=meta.id,
            title=meta.title,
            version=meta.version,
            municipality=meta.municipality,
            sensitivity=meta.sensitivity.level,
            hash=scenario_hash(text),
            text=text,
        )
        return cls(journal_id=uuid.uuid4().hex, created=created, scenario=copy)

    @property
    def private(self) -> bool:
        """True when the journal must be readable by its owner only (scenario exempt from public access)."""
        return self.scenario.sensitivity != "open"


@dataclass
class Notice:
    """Something the user should know about a journal that was still opened (Norwegian text)."""

    message: str
    hint: str = ""
    side_file: Path | None = None


@dataclass
class ParsedJournal:
    """What :func:`parse_journal` found: header, events, and a torn tail if any."""

    header: JournalHeader
    events: list[EventBase]
    good_size: int
    torn: bytes = b""
    notices: list[Notice] = field(default_factory=list)


# -- parsing ---------------------------------------------------------------------------------


def _not_journal(path: Path, why: str) -> JournalError:
    return JournalError(
        f"{path.name} er ikke en lesbar øvelsesjournal: {why}.",
        "Oppgi en journalfil laget av ovelse (.jsonl).",
        path=path,
        line=1,
    )


def parse_header(line: bytes, path: Path) -> JournalHeader:
    """Validate the header line (without newline)."""
    try:
        raw = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        raise _not_journal(path, "første linje er ikke JSON") from None
    if not isinstance(raw, dict) or raw.get("kind") != JOURNAL_KIND:
        raise _not_journal(path, "første linje er ikke et journalhode")
    fmt = raw.get("format")
    if isinstance(fmt, int) and fmt > FORMAT_VERSION:
        raise JournalError(
            f"{path.name} er laget av en nyere versjon av ovelse (journalformat {fmt}).",
            "Oppdater ovelse for å åpne denne journalen.",
            path=path,
            line=1,
        )
    try:
        header = JournalHeader.model_validate(raw)
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors(include_url=False)[0]["loc"])
        raise _not_journal(path, f"journalhodet har feil i «{where}»") from None
    if scenario_hash(header.scenario.text) != header.scenario.hash:
        raise JournalCorrupt(
            f"Scenarioet i {path.name} stemmer ikke med kontrollsummen i journalhodet.",
            "Filen er endret utenfor ovelse. Bruk en sikkerhetskopi av journalen.",
            path=path,
            line=1,
        )
    return header


def scenario_from_header(header: JournalHeader, path: Path) -> Scenario:
    """Rebuild the scenario from the copy in the header, so the journal alone is enough."""
    result = load_scenario_text(header.scenario.text, header.scenario.name)
    if result.scenario is None:
        first = result.errors[0] if result.errors else None
        detail = f": {first.message}" if first else ""
        raise JournalError(
            f"Scenarioet som er lagret i {path.name}, kan ikke leses{detail}.",
            "Journalen er laget med en annen versjon av ovelse; prøv den versjonen.",
            path=path,
            line=1,
        )
    return result.scenario


def _corrupt(path: Path, line_no: int, what: str) -> JournalCorrupt:
    return JournalCorrupt(
        f"Linje {line_no} i {path.name} er ødelagt ({what}); journalen kan ikke åpnes.",
        f"Ingenting er endret eller slettet. Ta en kopi av filen, og rett eller fjern linje {line_no} "
        "i et redigeringsprogram; linjene etter den er ikke lest.",
        path=path,
        line=line_no,
    )


def _reason(exc: ValidationError) -> str:
    err = exc.errors(include_url=False)[0]
    if err["type"] == "json_invalid":
        return "ikke gyldig JSON"
    if err["type"] == "union_tag_invalid":
        return f"ukjent hendelsestype «{err.get('ctx', {}).get('tag', '')}»"
    if err["type"] == "union_tag_not_found":
        return "mangler hendelsestype («type»)"
    if err["type"] in ("model_attributes_type", "dict_type", "model_type"):
        return "ikke en JSON-tabell"
    where = ".".join(str(p) for p in err["loc"])
    return f"ugyldig verdi i «{where}»" if where else "ukjent innhold"


def parse_events(lines: list[bytes], first_line_no: int, path: Path) -> list[EventBase]:
    """Validate complete event lines; a bad line raises JournalCorrupt with its line number."""
    validate = EVENT_ADAPTER.validate_json
    try:
        with gc_paused():
            return [validate(line) for line in lines]
    except ValidationError:
        pass
    for index, line in enumerate(lines):
        try:
            validate(line)
        except ValidationError as exc:
            raise _corrupt(path, first_line_no + index, _reason(exc)) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return False
    return True


def parse_journal(data: bytes, path: Path) -> ParsedJournal:
    """Parse a whole journal. A torn tail (an incomplete or unparseable last line) is returned
    separately in ``torn``; any other bad line raises JournalCorrupt."""
    head_end = data.find(b"\n")
    if not data[: head_end if head_end >= 0 else len(data)].strip(b"\x00 \r\t"):
        raise JournalError(
            f"{path.name} er tom.", "Filen inneholder ingen øvelse; start øvelsen på nytt.", path=path
        )
    if head_end < 0:
        raise _not_journal(path, "journalhodet er ufullstendig")
    header = parse_header(data[:head_end], path)
    complete_end = data.rfind(b"\n") + 1
    torn = data[complete_end:]
    body = data[head_end + 1 : complete_end - 1] if complete_end - 1 > head_end else b""
    lines = body.split(b"\n") if body else []
    if lines and not torn and not _is_json(lines[-1]):
        # The last line has its newline but is garbage (e.g. zeros after a power cut): torn too.
        torn = lines.pop() + b"\n"
        complete_end -= len(torn)
    events = parse_events(lines, 2, path)
    return ParsedJournal(header, events, complete_end, torn)


# -- low-level file helpers --------------------------------------------------------------------


def size_text(size: int) -> str:
    """«1 GiB», «5 MiB» or «300 byte»."""
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} byte"


def _too_large(path: Path | None) -> JournalError:
    name = path.name if path is not None else "Filen"
    return JournalError(
        f"{name} er større enn {size_text(MAX_JOURNAL_BYTES)} og kan ikke være en øvelsesjournal; "
        "den er ikke lest.",
        "Oppgi en journalfil laget av ovelse (.jsonl). En vanlig journal er på noen få megabyte.",
        path=path,
    )


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "en navngitt rørledning (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhet"
    if stat.S_ISSOCK(mode):
        return "en sokkel"
    return "en spesialfil"


def check_journal_file(info: os.stat_result, path: Path) -> None:
    """Refuse anything but a regular file of at most MAX_JOURNAL_BYTES (a FIFO or a device could block
    forever or never end)."""
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise JournalError(
            f"{path} er en mappe, ikke en journalfil.", "Oppgi selve journalfilen (.jsonl).", path=path
        )
    if not stat.S_ISREG(mode):
        raise JournalError(
            f"{path} er {_file_kind(mode)}, ikke en vanlig fil, og kan ikke være en øvelsesjournal.",
            "Oppgi en journalfil laget av ovelse (.jsonl).",
            path=path,
        )
    if info.st_size > MAX_JOURNAL_BYTES:
        raise _too_large(path)


def open_journal_file(path: Path, flags: int, doing: str) -> int:
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
        raise _too_large(path)
    chunks, offset = [], 0
    while True:
        chunk = platform.pread(fd, max(size - offset, 1 << 16), offset)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        offset += len(chunk)
        if offset > limit:
            raise _too_large(path)


def _write_at(fd: int, data: bytes, offset: int) -> int:
    view = memoryview(data)
    while view:
        written = platform.pwrite(fd, view, offset)
        if written <= 0:
            raise OSError(errno.EIO, "short write")
        view = view[written:]
        offset += written
    return offset


def _lock(fd: int, path: Path, context: Context = "read") -> Notice | None:
    """Take the writer lock; a disk that cannot lock gives a notice instead (the user is told)."""
    try:
        unsupported = platform.lock_exclusive(fd)
    except platform.LockHeld:
        raise JournalLocked(
            f"Øvelsen i {path.name} er allerede åpen i et annet ovelse-vindu.",
            "Fortsett i det andre vinduet, eller lukk det først. En skjerm som bare skal vise øvelsen, "
            "kan åpne journalen skrivebeskyttet.",
            path=path,
        ) from None
    except OSError as exc:
        raise journal_os_error(exc, path, "låse journalen", context=context) from None
    return Notice(unsupported.message, unsupported.hint) if unsupported is not None else None


# -- the writer ------------------------------------------------------------------------------


class JournalWriter:
    """The one process allowed to append to a journal (holds an exclusive flock while open)."""

    def __init__(self, fd: int, path: Path, header: JournalHeader, size: int) -> None:
        self._fd: int | None = fd
        self.path = path
        self.header = header
        self._size = size
        self._dirty = False
        self._torn: tuple[bytes, int] | None = None
        self.notices: list[Notice] = []
        """Guarantees this system or disk could not give (no lock, no owner-only mode)."""

    @property
    def size(self) -> int:
        """Bytes in the journal that are durably written."""
        return self._size

    @property
    def closed(self) -> bool:
        return self._fd is None

    @classmethod
    def create(
        cls, directory: Path, stem: str, header: JournalHeader, events: list[EventBase]
    ) -> JournalWriter:
        """Create ``<directory>/<stem>.jsonl`` (or ``<stem>-2.jsonl`` …) with header and first events.

        The file is written under a temporary name, fsynced, then linked into place, so a journal
        never exists without its header."""
        mode = PRIVATE_MODE if header.private else SHARED_MODE
        data = header.model_dump_json().encode()
        data += b"\n" + b"".join(event_to_json(e) + b"\n" for e in events)
        try:
            directory.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        except OSError as exc:
            raise journal_os_error(
                exc, directory, "opprette journalmappen", folder=directory, context="create"
            ) from None
        tmp = directory / f".{stem}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            fd = platform.open_fd(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, mode)
        except OSError as exc:
            raise journal_os_error(exc, tmp, "opprette journalen", context="create") from None
        path: Path | None = None
        notices: list[Notice] = []
        try:
            private = platform.make_private(fd) if header.private else None
            if private is not None:
                notices.append(Notice(private.message, private.hint))
            lock_notice = _lock(fd, tmp, "create")
            size = _write_at(fd, data, 0)
            platform.fsync(fd)
            path, fd, reopened = _link_new(fd, tmp, directory, stem)
            if reopened:
                lock_notice = _lock(fd, path, "create")
            notices += [lock_notice] if lock_notice else []
            fsync_dir(directory)
        except BaseException as exc:
            os.close(fd)
            for leftover in (tmp, path):  # an error means no journal was created
                if leftover is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(leftover)
            if isinstance(exc, OSError):
                raise journal_os_error(exc, path or tmp, "opprette journalen", context="create") from None
            raise
        writer = cls(fd, path, header, size)
        writer.notices = notices
        return writer

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> tuple[JournalWriter, ParsedJournal]:
        """Open for appending: lock and read. A torn tail is set aside (into ``<journal>.torn-<n>``) by
        :meth:`set_aside_torn`, or at the latest before the first append."""
        path = Path(path)
        try:
            fd = open_journal_file(path, os.O_RDWR, "åpne journalen for skriving")
        except JournalError as error:
            if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                error.hint += (
                    " Journalen kan fortsatt åpnes skrivebeskyttet for å se eller eksportere øvelsen."
                )
            raise
        try:
            lock_notice = _lock(fd, path)
            try:
                data = read_all(fd, path)
            except OSError as exc:
                raise journal_os_error(exc, path, "lese journalen", context="read") from None
            parsed = parse_journal(data, path)
            parsed.notices += [lock_notice] if lock_notice else []
            writer = cls(fd, path, parsed.header, parsed.good_size)
            if parsed.torn:
                writer._torn = (parsed.torn, 2 + len(parsed.events))
        except BaseException:
            os.close(fd)
            raise
        return writer, parsed

    def set_aside_torn(self) -> Notice | None:
        """Move a torn tail found on open into a side file and cut it off the journal."""
        if self._torn is None or self._fd is None:
            return None
        notice = self._set_aside(*self._torn)
        self._torn = None
        return notice

    def _set_aside(self, torn: bytes, line_no: int) -> Notice:
        assert self._fd is not None
        mode = PRIVATE_MODE if self.header.private else SHARED_MODE
        try:
            side = None
            for n in range(1, 10_000):
                candidate = self.path.with_name(f"{self.path.name}.torn-{n}")
                try:
                    side_fd = platform.open_fd(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
                except FileExistsError:
                    continue
                side = candidate
                break
            if side is None:  # pragma: no cover - ten thousand side files
                raise OSError(errno.EEXIST, "too many side files")
            try:
                _write_at(side_fd, torn, 0)
                platform.fsync(side_fd)
            finally:
                os.close(side_fd)
            os.ftruncate(self._fd, self._size)
            platform.fsync(self._fd)
            fsync_dir(self.path.parent)
        except OSError as exc:
            raise journal_os_error(exc, self.path, "sette av den ufullstendige siste linjen") from None
        return Notice(
            f"Den siste linjen i journalen (linje {line_no}) var ufullstendig: programmet ble stoppet "
            f"midt i en lagring. Linjen er flyttet til {side.name}; alt før den er beholdt.",
            "Det som ble vist som lagret, er med. Sjekk at den siste handlingen før stoppet er registrert.",
            side_file=side,
        )

    def append(self, event: EventBase) -> None:
        """Write one event durably (write + fsync) or raise JournalError leaving the file as before."""
        self.append_bytes(event_to_json(event) + b"\n")

    def append_bytes(self, data: bytes) -> None:
        """Append raw, newline-terminated journal lines durably, all or nothing."""
        fd = self._fd
        if fd is None:
            raise JournalError(
                "Journalen er lukket.", "Åpne øvelsen på nytt for å fortsette.", path=self.path
            )
        self.set_aside_torn()
        try:
            if self._dirty:
                os.ftruncate(fd, self._size)
                self._dirty = False
            end = _write_at(fd, data, self._size)
            platform.fsync(fd)
        except OSError as exc:
            self._roll_back()
            raise journal_os_error(exc, self.path, "lagre hendelsen") from None
        self._size = end

    def _roll_back(self) -> None:
        """Cut a partial write off; if even that fails, try again before the next append."""
        try:
            os.ftruncate(self._fd, self._size)  # type: ignore[arg-type]
            platform.fsync(self._fd)  # type: ignore[arg-type]
        except OSError:
            self._dirty = True

    def truncate_to(self, size: int) -> None:
        """Cut the journal back to ``size`` bytes (undo the last append)."""
        if self._fd is not None and size <= self._size:
            self._size = size
            self._roll_back()

    def close(self) -> None:
        """Release the lock and the file (idempotent)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            platform.unlock(fd)
            os.close(fd)


def _link_new(fd: int, tmp: Path, directory: Path, stem: str) -> tuple[Path, int, bool]:
    """Give ``tmp`` (open as ``fd``) a journal name that does not exist yet, never replacing a file.

    Returns the name, the descriptor to go on with and whether it was opened again (lock lost)."""
    for n in range(1, 10_000):
        path = directory / (f"{stem}{'' if n == 1 else f'-{n}'}{JOURNAL_SUFFIX}")
        try:
            fd, reopened = platform.publish(fd, tmp, path)
        except FileExistsError:
            continue
        return path, fd, reopened
    raise OSError(errno.EEXIST, "no free journal name")  # pragma: no cover
