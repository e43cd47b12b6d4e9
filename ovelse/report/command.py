"""``ovelse export JOURNAL --format md|html|docx|json|csv [-o FILE] [--force]``.

Exit codes: 0 written, 1 refused (graded material, an existing file without --force), 2 usage or an
unreadable journal. Messages are Norwegian, on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import sys
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ovelse.report.errors import EXIT_OK, EXIT_USAGE, ExportError, ExportRefused
from ovelse.report.model import ReportData, build_report
from ovelse.report.source import read_journal
from ovelse.session.journal import fsync_dir


@dataclass(frozen=True)
class Format:
    suffix: str
    name: str
    binary: bool = False


FORMATS: dict[str, Format] = {
    "md": Format(".md", "Markdown"),
    "html": Format(".html", "HTML"),
    "docx": Format(".docx", "Word", binary=True),
    "json": Format(".json", "JSON"),
    "csv": Format(".csv", "CSV"),
}
PRIVATE_MODE = 0o600
SHARED_MODE = 0o666  # before the umask, like any new file


def render(report: ReportData, fmt: str) -> bytes:
    """The report in format ``fmt`` (a key of FORMATS), as the bytes of the file."""
    if fmt == "json":
        from ovelse.report.jsondata import render_json

        return render_json(report).encode("utf-8")
    if fmt == "csv":
        from ovelse.report.csvlog import render_csv

        return render_csv(report).encode("utf-8")
    from ovelse.report.layout import build_document

    doc = build_document(report)
    if fmt == "md":
        from ovelse.report.markdown import render_markdown

        return render_markdown(doc).encode("utf-8")
    if fmt == "html":
        from ovelse.report.html import render_html

        return render_html(doc, report.generator).encode("utf-8")
    if fmt == "docx":
        from ovelse.report.word import render_docx

        return render_docx(doc, title=doc.title, created=report.journal_created, generator=report.generator)
    raise ExportError(f"Ukjent format «{fmt}».", "Velg md, html, docx, json eller csv.")


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while a report is built: it makes tens of thousands of small,
    acyclic objects, and the collector would otherwise rescan the loaded journal many times over
    (about a tenth of the time of a large export). Anything cyclic is collected once it is back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def default_output(journal: Path, fmt: str) -> Path:
    """The journal's name with the format's suffix, beside the journal."""
    return journal.with_suffix(FORMATS[fmt].suffix)


def _os_error(exc: OSError, path: Path) -> ExportError:
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return ExportError(f"Disken er full: kunne ikke skrive {path}.", "Frigjør plass og prøv igjen.")
    if code == errno.EROFS:
        return ExportError(f"Mappen {path.parent} er skrivebeskyttet.", "Velg en annen mappe med -o.")
    if code in (errno.EACCES, errno.EPERM):
        return ExportError(f"Ingen tilgang til å skrive {path}.", "Sjekk rettighetene, eller velg en annen mappe med -o.")
    if code == errno.ENOENT:
        return ExportError(f"Mappen {path.parent} finnes ikke.", "Opprett mappen først, eller velg en annen med -o.")
    if code == errno.EISDIR:
        return ExportError(f"{path} er en mappe.", "Oppgi et filnavn med -o.")
    return ExportError(f"Kunne ikke skrive {path}: {exc.strerror or exc}.", "Rett årsaken og prøv igjen.")


def write_file(path: Path, data: bytes, *, private: bool, force: bool) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename; never replace an existing
    file unless ``force``. ``private`` files get mode 0600 from the moment they exist."""
    if path.is_dir():
        raise ExportError(f"{path} er en mappe.", "Oppgi et filnavn med -o.")
    if not force and os.path.lexists(path):
        raise ExportRefused(f"{path} finnes allerede.", "Bruk --force for å overskrive, eller velg et annet navn med -o.")
    directory = path.parent
    tmp = directory / f".{path.name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                     PRIVATE_MODE if private else SHARED_MODE)
    except OSError as exc:
        raise _os_error(exc, path) from None
    try:
        try:
            if private:
                os.fchmod(fd, PRIVATE_MODE)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if force:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path)
        _fsync_dir(directory)
    except FileExistsError:
        raise ExportRefused(f"{path} finnes allerede.",
                            "Bruk --force for å overskrive, eller velg et annet navn med -o.") from None
    except OSError as exc:
        raise _os_error(exc, path) from None
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


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
        fsync_dir(directory)
    except OSError:
        pass


@dataclass
class ExportResult:
    report: ReportData
    output: Path | None  # None: written to standard output
    format: str


def export(journal: str | os.PathLike[str], fmt: str, output: str | os.PathLike[str] | None = None, *,
           force: bool = False, stdout=None) -> ExportResult:
    """Read the journal (read-only) and write the report; the app's debrief screen calls this too.

    ``output`` None → beside the journal with the format's suffix; "-" → ``stdout`` (text formats).
    Raises ExportError / ExportRefused with Norwegian messages.
    """
    if fmt not in FORMATS:
        raise ExportError(f"Ukjent format «{fmt}».", "Velg md, html, docx, json eller csv.")
    journal_path = Path(journal)
    to_stdout = output is not None and str(output) == "-"
    if to_stdout and FORMATS[fmt].binary:
        raise ExportError("En Word-fil kan ikke skrives til standard ut.", "Oppgi et filnavn, f.eks. -o rapport.docx.")
    target = None if to_stdout else Path(output) if output is not None else default_output(journal_path, fmt)
    if target is not None and _same_file(target, journal_path):
        raise ExportError("Utfilen er selve journalen; den skal aldri overskrives.", "Velg et annet navn med -o.")
    with _gc_paused():  # to the end: a collection now would only walk the report, about to be dropped
        report = build_report(read_journal(journal_path))
        data = render(report, fmt)
        if target is None:
            stream = stdout if stdout is not None else sys.stdout.buffer
            stream.write(data)
            stream.flush()
        else:
            write_file(target, data, private=report.private, force=force)
        return ExportResult(report, target, fmt)


def export_journal(journal: str | os.PathLike[str], fmt: str = "docx") -> Path:
    """For the app's debrief screen: write the report beside the journal and return its path.

    Never overwrites: when the name is taken (an earlier export), the next free one is used
    («…-2.docx», «…-3.docx» …). Raises ExportError with a Norwegian message (str() adds the hint)."""
    base = default_output(Path(journal), fmt)
    for n in range(1, 1000):
        target = base if n == 1 else base.with_name(f"{base.stem}-{n}{base.suffix}")
        if os.path.lexists(target):
            continue
        try:
            return export(journal, fmt, target).output or target
        except ExportRefused as exc:
            if os.path.lexists(target) and "finnes allerede" in exc.message:
                continue  # taken between the check and the write: try the next name
            raise
    raise ExportRefused(f"Fant ikke et ledig filnavn for {base.name}.", "Rydd i mappen og prøv igjen.")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _say(message: str, hint: str = "") -> None:
    print(f"ovelse: {message}", file=sys.stderr)
    if hint:
        print(f"  {hint}", file=sys.stderr)


def run_export(args: argparse.Namespace) -> int:
    """The CLI entry point: ``args.journal``, ``args.format``, ``args.output``, ``args.force``."""
    fmt = getattr(args, "format", "md") or "md"
    try:
        result = export(args.journal, fmt, getattr(args, "output", None), force=bool(getattr(args, "force", False)))
    except ExportError as exc:
        _say(exc.message, exc.hint)
        return exc.exit_code
    except Exception as exc:  # noqa: BLE001 - a bug must still not show a traceback to the facilitator
        _say(f"Uventet feil under eksport ({type(exc).__name__}: {exc}).",
             "Ingenting i journalen er endret. Meld gjerne fra om feilen.")
        return EXIT_USAGE
    report = result.report
    for warning in report.warnings:
        _say(f"advarsel: {warning.message}", warning.hint)
    if result.output is not None:
        note = " (unntatt offentlighet: bare du kan lese filen)" if report.private else ""
        _say(f"Skrev {FORMATS[fmt].name}-rapport til {result.output}{note}.")
    elif report.private:
        _say(f"Merk: innholdet er merket «{report.marking}». Pass på hvor det lagres.")
    return EXIT_OK
