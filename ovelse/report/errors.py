"""Why an export could not be made: a Norwegian message and hint, and the exit code for the CLI."""

from __future__ import annotations

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

APPROVED_SYSTEM_HINT = (
    "Sikkerhetsgradert informasjon (sikkerhetsloven § 5-3) skal bare behandles i godkjente systemer, "
    "ikke i ovelse. Bruk «Unntatt offentlighet» (offl. § 24 tredje ledd) for konkrete sikringstiltak "
    "som ikke er gradert."
)


class ExportError(Exception):
    """The export was not made; ``message`` and ``hint`` are ready to show to the user."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ExportRefused(ExportError):
    """The export is refused on purpose (graded material, an existing file without --force)."""

    exit_code = EXIT_REFUSED


class GradedMaterial(ExportRefused):
    """The scenario or an entry is marked with a security grade (BEGRENSET or higher)."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} er merket med sikkerhetsgrad og kan ikke eksporteres.", APPROVED_SYSTEM_HINT
        )
