"""Errors and notices of the room's view, as codes with parameters (rendered by the edge)."""

from __future__ import annotations

from ovelse.errors import OvelseError, register_messages
from ovelse.i18n import N_

register_messages(
    {
        "room.network_refused": (
            N_(
                "Vil ikke lytte på {where} uten at du ber om det: da kan andre maskiner på nettverket se øvelsen."
            ),
            N_(
                "Bruk --tillat-nettverk hvis det er meningen, eller la være å oppgi --host (standard er "
                "127.0.0.1, bare denne maskinen)."
            ),
        ),
        "room.exempt_refused": (
            N_(
                "Scenarioet er unntatt offentlighet ({marking}); rommets bilde deles ikke på nettverket "
                "({where}) uten en ekstra bekreftelse."
            ),
            N_(
                "Sjekk at bare de som skal se øvelsen, når denne adressen, og legg så til --bekreft-unntatt. "
                "Uten nettverk: la være å oppgi --host."
            ),
        ),
        "room.network_warning": (
            N_(
                "Advarsel: rommets bilde kan ses av alle som når {where} – uten innlogging og uten "
                "kryptering. Stopp serveren (Ctrl+C) når øvelsen er over."
            ),
            "",
        ),
        "room.exempt_warning": (
            N_(
                "Advarsel: scenarioet er unntatt offentlighet ({marking}); deling på nettverket er "
                "bekreftet med --bekreft-unntatt."
            ),
            "",
        ),
        "room.port_in_use": (
            N_("Port {port} er allerede i bruk på {host}."),
            N_(
                "Kanskje rommets bilde alt vises fra et annet ovelse-program. Lukk det, eller velg en "
                "annen port med --port (--port 0 velger en ledig)."
            ),
        ),
        "room.cannot_bind": (
            N_("Kan ikke lytte på {host}, port {port}: {reason}."),
            N_("Sjekk at adressen i --host tilhører denne maskinen, og velg en annen port med --port."),
        ),
        "room.unknown_host": (
            N_("Finner ikke adressen «{host}»."),
            N_("Oppgi en IP-adresse eller et navn denne maskinen har, i --host."),
        ),
        "room.bad_port": (
            N_("Ugyldig port: {port}."),
            N_("Oppgi et tall fra 0 til 65535, f.eks. --port 8000 (0: velg en ledig port)."),
        ),
        "room.not_started": (
            N_("Rommets bilde kunne ikke startes: {reason}."),
            N_("Prøv igjen; hjelper ikke det, start ovelse på nytt."),
        ),
    }
)


class RoomError(OvelseError):
    """The room's web view cannot be served (address, port, network rules)."""

    code = "room.error"
