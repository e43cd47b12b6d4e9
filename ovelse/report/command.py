"""``ovelse export JOURNAL --format md|html|docx|pdf|json|csv|arkiv [-o FILE] [--force]``.

Exit codes: 0 written, 1 refused (graded material, an existing file without --force), 2 usage or an
unreadable journal. Messages are rendered through the catalogue, on standard error, never a traceback.
The report is written in the language of the exercise (see :func:`ovelse.report.model.report_language`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ovelse.fileio import OutputError, write_atomic
from ovelse.i18n import N_, _, use_language
from ovelse.plaintext import clean
from ovelse.report.errors import EXIT_OK, EXIT_USAGE, ExportError, ExportRefused
from ovelse.report.model import ReportData, build_report
from ovelse.report.source import read_journal
from ovelse.session.replaying import gc_paused

Progress = Callable[[str], None]
"""Called with a line of progress for slow formats (PDF), already in the user's language."""


@dataclass(frozen=True)
class Format:
    suffix: str  # added to the journal's name (without its suffix) for the default output
    name: str
    binary: bool = False


FORMATS: dict[str, Format] = {
    "md": Format(".md", "Markdown"),
    "html": Format(".html", "HTML"),
    "docx": Format(".docx", "Word", binary=True),
    "pdf": Format(".pdf", "PDF/A", binary=True),
    "json": Format(".json", "JSON"),
    "csv": Format(".csv", "CSV"),
    "arkiv": Format("-arkiv.zip", N_("arkivpakke"), binary=True),
}


class OutputExists(ExportRefused):
    """The output file is there already (and --force was not given)."""


def _unknown(fmt: str) -> ExportError:
    return ExportError("report.unknown_format", fmt=clean(fmt), choices=", ".join(FORMATS))


def render(
    report: ReportData, fmt: str, *, journal: Path | None = None, progress: Progress | None = None
) -> bytes:
    """The report in format ``fmt`` (a key of FORMATS), as the bytes of the file, in the report's language.

    ``journal`` is the journal file itself (the archive package includes it)."""
    if fmt not in FORMATS:
        raise _unknown(fmt)
    with use_language(report.language):
        return _render(report, fmt, journal, progress)


def _render(report: ReportData, fmt: str, journal: Path | None, progress: Progress | None) -> bytes:
    if fmt == "json":
        from ovelse.report.jsondata import render_json

        return render_json(report).encode("utf-8")
    if fmt == "csv":
        from ovelse.report.csvlog import render_csv

        return render_csv(report).encode("utf-8")
    if fmt == "arkiv":
        from ovelse.report.archive import render_archive

        if journal is None:
            raise ValueError("the archive package needs the journal file")
        return render_archive(report, journal, progress=progress)
    from ovelse.report.layout import build_document

    doc = build_document(report)
    if fmt == "md":
        from ovelse.report.markdown import render_markdown

        return render_markdown(doc).encode("utf-8")
    if fmt == "html":
        from ovelse.report.html import render_html

        return render_html(doc, report.generator).encode("utf-8")
    if fmt == "pdf":
        from ovelse.report.pdf import render_pdf

        return render_pdf(doc, report, progress=progress)
    from ovelse.report.word import render_docx

    return render_docx(doc, created=report.journal_created, generator=report.generator)


def default_output(journal: Path, fmt: str) -> Path:
    """The journal's name with the format's suffix, beside the journal."""
    return journal.with_name(journal.stem + FORMATS[fmt].suffix)


def write_file(path: Path, data: bytes, *, private: bool, force: bool) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`ovelse.fileio.write_atomic`); ``private`` files
    get mode 0600 from the moment they exist. An existing file without ``force`` is refused (exit 1)."""
    try:
        write_atomic(path, data, force=force, private=private)
    except OutputError as exc:
        if exc.exists:
            raise OutputExists("report.passed_on", message=exc.message, hint=exc.hint) from None
        raise ExportError.passed_on(exc) from None


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
    stdout: BinaryIO | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Read the journal (read-only) and write the report; the app's debrief screen calls this too.

    ``output`` None → beside the journal with the format's suffix; "-" → ``stdout`` (text formats).
    Raises ExportError / ExportRefused.
    """
    if fmt not in FORMATS:
        raise _unknown(fmt)
    journal_path = Path(journal)
    to_stdout = output is not None and str(output) == "-"
    if to_stdout and FORMATS[fmt].binary:
        raise ExportError("report.binary_to_stdout", name=_(FORMATS[fmt].name), suffix=FORMATS[fmt].suffix)
    target = None if to_stdout else Path(output) if output is not None else default_output(journal_path, fmt)
    if target is not None and _same_file(target, journal_path):
        raise ExportError("report.output_is_journal")
    with gc_paused():  # a report makes many small acyclic objects; collect once afterwards
        report = build_report(read_journal(journal_path))
        data = render(report, fmt, journal=journal_path, progress=progress)
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
    («…-2.docx», «…-3.docx» …). Raises ExportError (str() adds the hint)."""
    base = default_output(Path(journal), fmt)
    suffix = FORMATS[fmt].suffix
    stem = base.name[: -len(suffix)]
    for n in range(1, 1000):
        target = base if n == 1 else base.with_name(f"{stem}-{n}{suffix}")
        if os.path.lexists(target):
            continue
        try:
            return export(journal, fmt, target).output or target
        except OutputExists:
            continue  # taken between the check and the write: try the next name
    raise ExportRefused("report.no_free_name", name=clean(base.name))


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
    fmt = args.format or "md"
    try:
        result = export(args.journal, fmt, args.output, force=bool(args.force), progress=_say)
    except ExportError as exc:
        _say(exc.message, exc.hint)
        return exc.exit_code
    except Exception as exc:
        error = ExportError("report.unexpected", error=clean(f"{type(exc).__name__}: {exc}"))
        _say(error.message, error.hint)
        return EXIT_USAGE
    report = result.report
    for warning in report.warnings:
        _say(_("advarsel: {message}").format(message=warning.message), warning.hint)
    if result.output is not None:
        shown = clean(str(result.output))
        if report.private:
            message = _("Skrev {format} til {path} (unntatt offentlighet: bare du kan lese filen).")
        else:
            message = _("Skrev {format} til {path}.")
        _say(message.format(format=_(FORMATS[fmt].name), path=shown))
    elif report.private:
        _say(
            _("Merk: innholdet er merket «{marking}». Pass på hvor det lagres.").format(
                marking=report.marking
            )
        )
    return EXIT_OK
