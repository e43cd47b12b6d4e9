"""``ovelse export JOURNAL --format md|html|docx|json|csv [-o FILE] [--force]``.

Exit codes: 0 written, 1 refused (graded material, an existing file without --force), 2 usage or an
unreadable journal. Messages are Norwegian, on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ovelse.fileio import OutputError, write_atomic
from ovelse.report.errors import EXIT_OK, EXIT_USAGE, ExportError, ExportRefused
from ovelse.report.model import ReportData, build_report
from ovelse.report.source import read_journal


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


def write_file(path: Path, data: bytes, *, private: bool, force: bool) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`ovelse.fileio.write_atomic`); ``private`` files
    get mode 0600 from the moment they exist. An existing file without ``force`` is refused (exit 1)."""
    try:
        write_atomic(path, data, force=force, private=private)
    except OutputError as exc:
        raise (ExportRefused if exc.exists else ExportError)(exc.message, exc.hint) from None


@dataclass
class ExportResult:
    report: ReportData
    output: Path | None  # None: written to standard output
    format: str


def export(
    journal: str | os.PathLike[str],
    fmt: str,
    output: str | os.PathLike[str] | None = None,
    *,
    force: bool = False,
    stdout=None,
) -> ExportResult:
    """Read the journal (read-only) and write the report; the app's debrief screen calls this too.

    ``output`` None → beside the journal with the format's suffix; "-" → ``stdout`` (text formats).
    Raises ExportError / ExportRefused with Norwegian messages.
    """
    if fmt not in FORMATS:
        raise ExportError(f"Ukjent format «{fmt}».", "Velg md, html, docx, json eller csv.")
    journal_path = Path(journal)
    to_stdout = output is not None and str(output) == "-"
    if to_stdout and FORMATS[fmt].binary:
        raise ExportError(
            "En Word-fil kan ikke skrives til standard ut.", "Oppgi et filnavn, f.eks. -o rapport.docx."
        )
    target = None if to_stdout else Path(output) if output is not None else default_output(journal_path, fmt)
    if target is not None and _same_file(target, journal_path):
        raise ExportError(
            "Utfilen er selve journalen; den skal aldri overskrives.", "Velg et annet navn med -o."
        )
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
    from ovelse.clitext import say  # one home for CLI messages: through the text cleaner

    say(message, hint)


def run_export(args: argparse.Namespace) -> int:
    """The CLI entry point: ``args.journal``, ``args.format``, ``args.output``, ``args.force``."""
    fmt = getattr(args, "format", "md") or "md"
    try:
        result = export(
            args.journal, fmt, getattr(args, "output", None), force=bool(getattr(args, "force", False))
        )
    except ExportError as exc:
        _say(exc.message, exc.hint)
        return exc.exit_code
    except Exception as exc:
        _say(
            f"Uventet feil under eksport ({type(exc).__name__}: {exc}).",
            "Ingenting i journalen er endret. Meld gjerne fra om feilen.",
        )
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
