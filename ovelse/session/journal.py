"""The journal file: JSON Lines, a header line and then one event per line.

Appending is durable before it returns (write + fsync; the directory is fsynced when the file is
created). One writer per journal holds an exclusive lock; readers open it read-only. Every call that
differs between operating systems goes through :mod:`ovelse.platform`. See ``docs/journal-format.md``.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, ValidationError

from ovelse import __version__, platform
from ovelse.errors import render
from ovelse.i18n import N_
from ovelse.plaintext import path_text, show_controls
from ovelse.platform import fsync_dir
from ovelse.scenario.fingerprint import scenario_hash
from ovelse.session.errors import JournalCorrupt, JournalError, JournalLocked, Phrase
from ovelse.session.events import EVENT_ADAPTER, EventBase, event_to_json
from ovelse.session.journalfile import (
    FORMAT_VERSION,
    header_object,
    not_journal,
    open_journal_file,
    read_all,
)
from ovelse.session.oserrors import Context, journal_os_error
from ovelse.session.paths import JOURNAL_SUFFIX
from ovelse.session.replaying import gc_paused

if TYPE_CHECKING:
    from ovelse.scenario.model import Scenario

PRIVATE_MODE = 0o600
SHARED_MODE = 0o644
DIR_MODE = 0o700


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

    kind: Literal["ovelse-journal"] = "ovelse-journal"
    format: int = FORMAT_VERSION
    ovelse_version: str = __version__
    journal_id: str
    created: AwareDatetime
    scenario: ScenarioCopy

    @classmethod
    def for_scenario(cls, text: str, name: str, scenario: Scenario, created: datetime) -> JournalHeader:
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
    """Something the user should know about a journal that was still opened: a code with parameters,
    rendered (``message``, ``hint``) in the current language when read.

    ``side_file`` is the file something was moved to and ``held`` what it held (the raw bytes), so the app
    can show both; ``unsupported`` is a guarantee this system could not give (from :mod:`ovelse.platform`).
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    side_file: Path | None = None
    held: bytes = b""
    line: int | None = None
    unsupported: platform.Unsupported | None = None

    @property
    def message(self) -> str:
        if self.unsupported is not None:
            return self.unsupported.message
        return render(self.code, self.params, 0)

    @property
    def hint(self) -> str:
        if self.unsupported is not None:
            return self.unsupported.hint
        return render(self.code, self.params, 1)

    @property
    def held_text(self) -> str:
        """What the side file holds, safe to show (control characters written visibly, at most 300
        characters)."""
        text = show_controls(self.held.decode("utf-8", errors="replace"))
        return text if len(text) <= 300 else text[:299] + "…"


# -- the hash chain ----------------------------------------------------------------------------
#
# Every event line ends with ``,"chain":"<32 hex>"}``: the first 128 bits of SHA-256 over the previous
# line's chain value, a newline and the line's own bytes without the chain field (``body``). The header's
# value is SHA-256 of the header line. Any change to a line (or to the header, or removing, inserting or
# reordering lines) changes every chain value from there on. Old journals have lines without the field;
# their values are computed all the same (so the head of an old journal can still be checked later), and
# once a line carries a chain value every later line must.

CHAIN_KEY = b',"chain":"'
CHAIN_HEX = 32
_SEALED_TAIL = len(CHAIN_KEY) + CHAIN_HEX + 2


def chain_start(header_line: bytes) -> str:
    """The chain value of the header line (without its newline)."""
    return hashlib.sha256(header_line).hexdigest()[:CHAIN_HEX]


def chain_next(previous: str, body: bytes) -> str:
    """The chain value of a line whose bytes without the chain field are ``body``."""
    return hashlib.sha256(previous.encode("ascii") + b"\n" + body).hexdigest()[:CHAIN_HEX]


def seal(body: bytes, previous: str) -> tuple[bytes, str]:
    """The journal line for the event JSON ``body`` (an object) after a line with chain ``previous``."""
    value = chain_next(previous, body)
    return body[:-1] + CHAIN_KEY + value.encode("ascii") + b'"}', value


def unseal(line: bytes) -> tuple[bytes, bytes | None]:
    """Split a line into its body and stored chain value (None for a line without one)."""
    if line[-_SEALED_TAIL : -_SEALED_TAIL + len(CHAIN_KEY)] == CHAIN_KEY and line[-2:] == b'"}':
        return line[:-_SEALED_TAIL] + b"}", line[-CHAIN_HEX - 2 : -2]
    return line, None


def journal_bytes(header: JournalHeader, events: list[EventBase]) -> tuple[bytes, str]:
    """A whole journal as the writer writes it (header, sealed event lines) and its chain head."""
    head = header.model_dump_json().encode()
    chain = chain_start(head)
    parts = [head]
    for event in events:
        line, chain = seal(event_to_json(event), chain)
        parts.append(line)
    return b"\n".join(parts) + b"\n", chain


@dataclass
class Chain:
    """Where the hash chain stands after the lines read so far."""

    value: str
    first_sealed: int | None = None
    """Line number of the first line that carries a chain value (None: none so far, an old journal)."""
    unsealed: int = 0
    """Event lines without a chain value (old journals)."""

    @classmethod
    def after_header(cls, header_line: bytes) -> Chain:
        return cls(chain_start(header_line))


@dataclass
class ParsedJournal:
    """What :func:`parse_journal` found: header, events, and a torn tail if any."""

    header: JournalHeader
    events: list[EventBase]
    good_size: int
    chain: Chain
    torn: bytes = b""
    notices: list[Notice] = field(default_factory=list)
    missing_newline: bool = False
    """The last event is complete but has no newline (an editor saved the file): kept, newline to add."""


# -- parsing ---------------------------------------------------------------------------------


def parse_header(line: bytes, path: Path) -> JournalHeader:
    """Validate the header line (without newline)."""
    raw = header_object(line, path)
    try:
        header = JournalHeader.model_validate(raw)
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors(include_url=False)[0]["loc"])
        raise not_journal(path, Phrase(N_("journalhodet har feil i «{where}»"), where=where)) from None
    if scenario_hash(header.scenario.text) != header.scenario.hash:
        raise JournalCorrupt("journal.scenario_hash", path=path, line=1, name=path_text(path.name))
    return header


def scenario_from_header(header: JournalHeader, path: Path) -> Scenario:
    """Rebuild the scenario from the copy in the header, so the journal alone is enough."""
    from ovelse.scenario.loader import load_scenario_text  # the model and its checks: only when needed

    result = load_scenario_text(header.scenario.text, header.scenario.name)
    if result.scenario is None:
        first = result.errors[0] if result.errors else None
        raise JournalError(
            "journal.scenario_unreadable",
            path=path,
            line=1,
            name=path_text(path.name),
            detail=_FindingText(first) if first is not None else "",
        )
    return result.scenario


class _FindingText:
    """A scenario finding's message, rendered when shown."""

    def __init__(self, finding: object) -> None:
        self.finding = finding

    def __format__(self, spec: str) -> str:
        return format(": " + str(getattr(self.finding, "message", "")), spec)


def _corrupt(path: Path, line_no: int, what: Phrase) -> JournalCorrupt:
    return JournalCorrupt(
        "journal.corrupt_line", path=path, line=line_no, name=path_text(path.name), reason=what
    )


def _reason(exc: ValidationError) -> Phrase:
    err = exc.errors(include_url=False)[0]
    if err["type"] == "json_invalid":
        return Phrase(N_("ikke gyldig JSON"))
    if err["type"] == "union_tag_invalid":
        tag = show_controls(str(err.get("ctx", {}).get("tag", "")))[:64]
        return Phrase(N_("ukjent hendelsestype «{tag}»"), tag=tag)
    if err["type"] == "union_tag_not_found":
        return Phrase(N_("mangler hendelsestype («type»)"))
    if err["type"] in ("model_attributes_type", "dict_type", "model_type"):
        return Phrase(N_("ikke en JSON-tabell"))
    where = show_controls(".".join(str(p) for p in err["loc"]))[:100]
    return Phrase(N_("ugyldig verdi i «{where}»"), where=where) if where else Phrase(N_("ukjent innhold"))


def parse_events(lines: list[bytes], first_line_no: int, path: Path, chain: Chain) -> list[EventBase]:
    """Validate complete event lines and follow the hash chain (``chain`` is advanced); a bad or changed
    line raises JournalCorrupt with its line number."""
    validate = EVENT_ADAPTER.validate_json
    sha256 = hashlib.sha256
    value = chain.value.encode("ascii")
    sealed = chain.first_sealed is not None
    events: list[EventBase] = []
    append = events.append
    line_no = first_line_no
    with gc_paused():
        for line in lines:
            if line[-_SEALED_TAIL : -_SEALED_TAIL + len(CHAIN_KEY)] == CHAIN_KEY and line[-2:] == b'"}':
                body, stored = line[:-_SEALED_TAIL] + b"}", line[-CHAIN_HEX - 2 : -2]
            else:
                body, stored = line, None
            try:
                append(validate(body))
            except ValidationError as exc:
                raise _corrupt(path, line_no, _reason(exc)) from None
            value = sha256(value + b"\n" + body).hexdigest()[:CHAIN_HEX].encode("ascii")
            if stored is not None:
                if stored != value:
                    raise _changed(path, line_no)
                if not sealed:
                    sealed, chain.first_sealed = True, line_no
            elif sealed:
                raise _changed(path, line_no, unsealed=True)
            else:
                chain.unsealed += 1
            line_no += 1
    chain.value = value.decode("ascii")
    return events


def _changed(path: Path, line_no: int, *, unsealed: bool = False) -> JournalCorrupt:
    return JournalCorrupt(
        "journal.chain_missing" if unsealed else "journal.chain_mismatch",
        name=path_text(path.name),
        line=line_no,
        path=path,
    )


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
        raise JournalError("journal.empty", path=path, name=path_text(path.name))
    if head_end < 0:
        raise not_journal(path, Phrase(N_("journalhodet er ufullstendig")))
    header = parse_header(data[:head_end], path)
    complete_end = data.rfind(b"\n") + 1
    torn = data[complete_end:]
    body = data[head_end + 1 : complete_end - 1] if complete_end - 1 > head_end else b""
    lines = body.split(b"\n") if body else []
    if lines and not torn and not _is_json(lines[-1]):
        # The last line has its newline but is garbage (e.g. zeros after a power cut): torn too.
        torn = lines.pop() + b"\n"
        complete_end -= len(torn)
    chain = Chain.after_header(data[:head_end])
    events = parse_events(lines, 2, path, chain)
    notices = [unsealed_notice(path, chain)] if chain.unsealed else []
    if torn and not torn.endswith(b"\n") and _complete_tail(torn, events, chain, path, 2 + len(lines)):
        # A complete, valid last event without its newline (an editor saved the file): kept.
        return ParsedJournal(header, events, len(data), chain, notices=notices, missing_newline=True)
    return ParsedJournal(header, events, complete_end, chain, torn, notices=notices)


def torn_notice(path: Path, parsed: ParsedJournal) -> Notice:
    """The notice of a reader that skipped a torn last line (and left the file alone)."""
    line = len(parsed.events) + 2
    return Notice(
        "notice.torn_skipped",
        {"name": path_text(path.name), "line": line, "size": len(parsed.torn)},
        held=parsed.torn,
        line=line,
    )


def unsealed_notice(path: Path, chain: Chain) -> Notice:
    """The notice for a journal (from an older ovelse) whose lines carry no chain value, or only later ones."""
    if chain.first_sealed is None:
        return Notice("notice.unsealed", {"name": path_text(path.name), "count": chain.unsealed})
    return Notice(
        "notice.unsealed_before",
        {"name": path_text(path.name), "count": chain.unsealed, "first": chain.first_sealed},
        line=chain.first_sealed,
    )


def _complete_tail(tail: bytes, events: list[EventBase], chain: Chain, path: Path, line_no: int) -> bool:
    """Append ``tail`` to ``events`` (advancing ``chain``) if it is one complete event that follows them."""
    trial = Chain(chain.value, chain.first_sealed, chain.unsealed)
    try:
        (event,) = parse_events([tail], line_no, path, trial)
    except (JournalCorrupt, ValueError):
        return False
    if event.seq != (events[-1].seq + 1 if events else 1):
        return False
    events.append(event)
    chain.value, chain.first_sealed, chain.unsealed = trial.value, trial.first_sealed, trial.unsealed
    return True


# -- low-level file helpers --------------------------------------------------------------------


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
        raise JournalLocked("journal.locked", path=path, name=path_text(path.name)) from None
    except OSError as exc:
        raise journal_os_error(exc, path, "lock_journal", context=context) from None
    return _unsupported(unsupported) if unsupported is not None else None


def _unsupported(unsupported: platform.Unsupported) -> Notice:
    return Notice(f"platform.{unsupported.feature}", unsupported=unsupported)


# -- the writer ------------------------------------------------------------------------------


class JournalWriter:
    """The one process allowed to append to a journal (holds an exclusive flock while open)."""

    def __init__(self, fd: int, path: Path, header: JournalHeader, size: int, chain: str) -> None:
        self._fd: int | None = fd
        self.path = path
        self.header = header
        self._size = size
        self._dirty = False
        self._torn: tuple[bytes, int] | None = None
        self._needs_newline = False
        self._tail = 0
        """Length of the provisional heartbeat line after the committed ``_size`` (0: none)."""
        self._chain = chain
        self._undo: tuple[int, str] | None = None
        self.notices: list[Notice] = []
        """Guarantees this system or disk could not give (no lock, no owner-only mode)."""

    @property
    def size(self) -> int:
        """Bytes in the journal that are durably written."""
        return self._size

    @property
    def closed(self) -> bool:
        return self._fd is None

    @property
    def chain_head(self) -> str:
        """The chain value of the last line written (see :func:`chain_next`)."""
        return self._chain

    @classmethod
    def create(
        cls, directory: Path, stem: str, header: JournalHeader, events: list[EventBase]
    ) -> JournalWriter:
        """Create ``<directory>/<stem>.jsonl`` (or ``<stem>-2.jsonl`` …) with header and first events.

        The file is written under a temporary name, fsynced, then linked into place, so a journal
        never exists without its header."""
        mode = PRIVATE_MODE if header.private else SHARED_MODE
        data, chain = journal_bytes(header, events)
        try:
            directory.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        except OSError as exc:
            raise journal_os_error(
                exc, directory, "create_folder", folder=directory, context="create"
            ) from None
        tmp = directory / f".{stem}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            fd = platform.open_fd(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, mode)
        except OSError as exc:
            raise journal_os_error(exc, tmp, "create_journal", context="create") from None
        path: Path | None = None
        notices: list[Notice] = []
        try:
            private = platform.make_private(fd) if header.private else None
            if private is not None:
                notices.append(_unsupported(private))
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
                raise journal_os_error(exc, path or tmp, "create_journal", context="create") from None
            raise
        writer = cls(fd, path, header, size, chain)
        writer.notices = notices
        return writer

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> tuple[JournalWriter, ParsedJournal]:
        """Open for appending: lock and read. A torn tail is set aside (into ``<journal>.torn-<n>``) by
        :meth:`set_aside_torn`, or at the latest before the first append."""
        path = Path(path)
        try:
            fd = open_journal_file(path, os.O_RDWR, "open_for_writing")
        except JournalError as error:
            if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                error.more.append("journal.read_only_still")
            raise
        try:
            lock_notice = _lock(fd, path)
            try:
                data = read_all(fd, path)
            except OSError as exc:
                raise journal_os_error(exc, path, "read_journal", context="read") from None
            parsed = parse_journal(data, path)
            parsed.notices += [lock_notice] if lock_notice else []
            writer = cls(fd, path, parsed.header, parsed.good_size, parsed.chain.value)
            if parsed.torn:
                writer._torn = (parsed.torn, 2 + len(parsed.events))
            writer._needs_newline = parsed.missing_newline
        except BaseException:
            os.close(fd)
            raise
        return writer, parsed

    def repair_tail(self) -> Notice | None:
        """Move a torn tail found on open into a side file and cut it off the journal (returns the notice),
        or add the newline a complete last event lacked."""
        if self._fd is None:
            return None
        if self._needs_newline:
            try:
                _write_at(self._fd, b"\n", self._size)
                platform.fsync(self._fd)
            except OSError as exc:
                self._roll_back()
                raise journal_os_error(exc, self.path, "add_newline") from None
            self._size += 1
            self._needs_newline = False
        if self._torn is None:
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
            raise journal_os_error(exc, self.path, "set_aside") from None
        return Notice(
            "notice.torn_set_aside",
            {"line": line_no, "side": path_text(side.name), "size": len(torn)},
            side_file=side,
            held=torn,
            line=line_no,
        )

    def append(self, event: EventBase) -> None:
        """Write one event durably (write + fsync) or raise JournalError leaving the file as before."""
        fd = self._fd
        if fd is None:
            raise JournalError("journal.closed", path=self.path)
        self.repair_tail()
        line, chain = seal(event_to_json(event), self._chain)
        before = (self._size, self._chain)
        self._append_bytes(fd, line + b"\n")
        self._chain, self._undo = chain, before

    def write_provisional(self, event: EventBase) -> None:
        """Write a heartbeat as the journal's provisional last line: it replaces the previous provisional
        line, and the next event replaces it. So the journal holds a heartbeat only where the program
        stopped (a crash or a closed window) — exactly where it is needed — and never a run of them."""
        fd = self._fd
        if fd is None:
            raise JournalError("journal.closed", path=self.path)
        self.repair_tail()
        line, _ = seal(event_to_json(event), self._chain)
        self._write_tail(fd, line + b"\n")
        self._tail = len(line) + 1

    def _append_bytes(self, fd: int, data: bytes) -> None:
        """Append raw, newline-terminated journal lines durably, all or nothing (over a provisional line)."""
        self._size = self._write_tail(fd, data)
        self._tail = 0

    def _write_tail(self, fd: int, data: bytes) -> int:
        """Write ``data`` at the committed end, cut what a longer provisional line left after it, fsync."""
        try:
            if self._dirty:
                os.ftruncate(fd, self._size)
                self._dirty = False
            end = _write_at(fd, data, self._size)
            if end < self._size + self._tail:
                os.ftruncate(fd, end)
            platform.fsync(fd)
        except OSError as exc:
            self._tail = 0
            self._roll_back()
            raise journal_os_error(exc, self.path, "save_event") from None
        return end

    def _roll_back(self) -> None:
        """Cut a partial write off; if even that fails, try again before the next append."""
        try:
            os.ftruncate(self._fd, self._size)  # type: ignore[arg-type]
            platform.fsync(self._fd)  # type: ignore[arg-type]
        except OSError:
            self._dirty = True

    def undo_last(self) -> None:
        """Cut the last appended event off again (the engine could not apply it)."""
        if self._fd is not None and self._undo is not None:
            (self._size, self._chain), self._undo = self._undo, None
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
