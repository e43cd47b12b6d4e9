"""Why an export could not be made: a code and parameters (rendered through the catalogue), and the exit code.

Messages are rendered in the current language when they are read (see :mod:`ovelse.errors`); no code
branches on them: branch on the class or on ``code``.
"""

from __future__ import annotations

from typing import Any

from ovelse.errors import OvelseError, register_messages
from ovelse.i18n import N_

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

_APPROVED_SYSTEM_HINT = N_(
    "Sikkerhetsgradert informasjon (sikkerhetsloven § 5-3) skal bare behandles i godkjente systemer, "
    "ikke i ovelse. Bruk «Unntatt offentlighet» (offl. § 24 tredje ledd) for konkrete sikringstiltak "
    "som ikke er gradert."
)

register_messages(
    {
        "report.unknown_format": (
            N_("Ukjent format «{fmt}»."),
            N_("Velg et av disse: {choices}."),
        ),
        "report.binary_to_stdout": (
            N_("En {name}-fil kan ikke skrives til standard ut."),
            N_("Oppgi et filnavn, f.eks. -o rapport{suffix}."),
        ),
        "report.output_is_journal": (
            N_("Utfilen er selve journalen; den skal aldri overskrives."),
            N_("Velg et annet navn med -o."),
        ),
        "report.is_folder": (
            N_("{path} er en mappe, ikke en journalfil."),
            N_("Oppgi selve journalfilen (.jsonl)."),
        ),
        "report.not_started": (
            N_("{name} har ingen øvelse ennå (ingen hendelser etter journalhodet)."),
            N_("Start øvelsen før du lager rapport."),
        ),
        "report.graded_entry": (
            N_("Oppføring nr. {seq} i journalen er merket med sikkerhetsgrad og kan ikke eksporteres."),
            _APPROVED_SYSTEM_HINT,
        ),
        "report.graded_scenario": (
            N_("Scenarioet «{title}» i {name} er merket med sikkerhetsgrad og kan ikke eksporteres."),
            _APPROVED_SYSTEM_HINT,
        ),
        "report.no_free_name": (
            N_("Fant ikke et ledig filnavn for {name}."),
            N_("Rydd i mappen og prøv igjen."),
        ),
        "report.unexpected": (
            N_("Uventet feil under eksport ({error})."),
            N_("Ingenting i journalen er endret. Meld gjerne fra om feilen."),
        ),
        "report.pdf_library_missing": (
            N_("PDF kan ikke lages fordi systembiblioteket {library} mangler."),
            N_(
                "Installer pakken {package} (f.eks. «sudo apt install {package}»), eller velg et annet format."
            ),
        ),
        "report.pdf_module_missing": (
            N_("PDF kan ikke lages fordi Python-pakken {module} ikke er installert."),
            N_("Installer den med «python3 -m pip install weasyprint», eller velg et annet format."),
        ),
        # An error from another part of the program (the journal reader, the file writer), passed on.
        "report.passed_on": ("{message}", "{hint}"),
    }
)


class ExportError(OvelseError):
    """The export was not made; ``message`` and ``hint`` are rendered for the user."""

    exit_code = EXIT_USAGE

    @classmethod
    def passed_on(cls, error: Any) -> ExportError:
        """Another part's error (with ``message`` and ``hint``) as an export error."""
        return cls("report.passed_on", message=error.message, hint=error.hint)


class ExportRefused(ExportError):
    """The export is refused on purpose (graded material, an existing file without --force)."""

    exit_code = EXIT_REFUSED


class GradedMaterial(ExportRefused):
    """The scenario or an entry is marked with a security grade (BEGRENSET or higher)."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code, **params)
