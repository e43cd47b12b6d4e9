"""Register errors: a code and parameters, rendered through the catalogue at the edge."""

from __future__ import annotations

from ovelse.errors import OvelseError, register_messages
from ovelse.i18n import N_

register_messages(
    {
        "REG001": (
            N_("Registeret {where} er laget av en nyere versjon av ovelse (skjema {found})."),
            N_("Oppdater ovelse før du bruker dette registeret; det er ikke endret."),
        ),
        "REG002": (
            N_("Kunne ikke åpne registeret {where}: {why}."),
            N_("Sjekk adressen til databasen (--database) og at tjeneren kjører."),
        ),
        "REG003": (
            N_("Databaseadressen «{scheme}» støttes ikke."),
            N_("Bruk sqlite:///FIL, en filsti, eller postgresql://bruker@vert/database."),
        ),
        "REG004": (
            N_("Registeret er i bruk av {holder}; ventet {seconds} sekunder."),
            N_("Prøv igjen når den andre er ferdig."),
        ),
        "REG005": (
            N_("Forbindelsen til databasen ble brutt: {what} er ikke lagret."),
            N_("Ingenting er halvveis lagret. Prøv igjen når forbindelsen er tilbake."),
        ),
        "REG006": (
            N_("Databasefeil: {what} er ikke lagret."),
            N_("Ingenting er halvveis lagret. Sjekk databasen og prøv igjen."),
        ),
        "REG010": (
            N_("Fant ikke tiltak nr. {id} i registeret."),
            N_("Se numrene med «ovelse register tiltak»."),
        ),
        "REG011": (
            N_("Ukjent status «{status}»."),
            N_("Velg en av: {choices}."),
        ),
        "REG012": (
            N_("Ugyldig dato «{value}»."),
            N_("Skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2026-12-01."),
        ),
        "REG013": (
            N_("Fant ingen øvelse med journal-id «{id}» i registeret."),
            N_("Se øvelsene med «ovelse register tiltak» eller importer journalen først."),
        ),
        "REG014": (
            N_("Fant ingen øvelser for {what} i registeret."),
            N_("Importer journaler eller JSON-eksporter med «ovelse register import FIL…»."),
        ),
        "REG015": (
            N_("Registeret har øvelser fra flere kommuner."),
            N_("Velg kommune med --kommune NAVN, eller lag regional oppsummering med --region."),
        ),
        "REG020": (
            N_("{file} kan ikke leses: {why}."),
            N_("Oppgi en journal (.jsonl) eller en JSON-eksport fra «ovelse export --format json»."),
        ),
        "REG021": (
            N_("{file} er ikke gyldig JSON (linje {line}, kolonne {column}): {why}."),
            N_("Filen er trolig skadet eller ikke en eksport fra ovelse."),
        ),
        "REG022": (
            N_("{file} passer ikke med rapportskjemaet ved «{where}»: {why}."),
            N_("Lag eksporten på nytt med «ovelse export --format json»."),
        ),
        "REG023": (
            N_("{file} er ikke en JSON-eksport fra ovelse (kind er ikke «ovelse-rapport»)."),
            N_("Oppgi en journal (.jsonl) eller en JSON-eksport fra «ovelse export --format json»."),
        ),
        "REG024": (
            N_("{file} har rapportformat {found}, som denne versjonen ikke kjenner."),
            N_("Oppdater ovelse, eller lag eksporten med samme versjon."),
        ),
        "REG025": (
            N_("Øvelsen i {file} er ikke avsluttet."),
            N_("Bare avsluttede øvelser kan importeres. Avslutt øvelsen i ovelse først."),
        ),
        "REG026": (
            N_("Den siste linjen i {file} er ufullstendig."),
            N_(
                "Ingenting er importert. Åpne øvelsen i ovelse for å sette linjen til side, "
                "og importer den på nytt."
            ),
        ),
        "REG027": (
            N_("{file} inneholder gradert materiale og kan ikke lagres i registeret."),
            N_("Gradert informasjon hører hjemme i godkjente systemer."),
        ),
        "REG028": (
            N_("{file}: {why}"),
            N_("Ingenting er importert fra filen."),
        ),
        "REG029": (
            N_("{file} er for stor ({size} byte)."),
            N_("En eksport eller journal fra ovelse er langt mindre; sjekk at det er riktig fil."),
        ),
        "REG030": (
            N_("{file} er ikke ei sidefil med tiltaksstatus fra registeret."),
            N_("Lag den med «ovelse register eksport-status»."),
        ),
    }
)


class RegisterError(OvelseError):
    """Anything the register refuses or cannot do; ``code`` says which."""


class RegisterLocked(RegisterError):
    code = "REG004"


class ConnectionLost(RegisterError):
    code = "REG005"


class NewerRegister(RegisterError):
    code = "REG001"
